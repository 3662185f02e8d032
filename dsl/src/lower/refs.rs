//! Resolving one reference, with the diagnostic when it fails: unknown (with did-you-mean),
//! ambiguous (with every candidate), or of the wrong kind.

use super::{Lowerer, Scope};
use crate::ast::Word;
use crate::codes;
use quanze_core::names::Resolution;
use quanze_core::{Diagnostic, ItemId, PlaceId, PlaceLevel, Span, TopicId, UnitId};

pub(super) fn did_you_mean(suggestions: &[String]) -> Option<String> {
    match suggestions {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

impl Lowerer {
    pub fn unknown(&mut self, what: &str, word: &Word, suggestions: &[String]) {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_NAME,
            format!("unknown {what} `{}`", word.text),
            word.span,
        )
        .with_label_here(format!("no {what} has this name"));
        if let Some(help) = did_you_mean(suggestions) {
            d = d.with_help(help);
        }
        self.diagnostics.push(d);
    }

    /// A name that is neither a unit nor one of the fixed `words` its place also takes (the
    /// level words of a role, `grid` … after `closes`): unknown, with the nearest units and
    /// words as help.
    pub fn unknown_unit_or_word(&mut self, word: &Word, words: &[&'static str]) {
        let mut suggestions = self.unit_names.suggest(&word.text);
        suggestions.extend(
            crate::fmt::keywords::nearest_words(&word.text, words.iter().copied())
                .into_iter()
                .map(str::to_owned),
        );
        suggestions.sort_by_cached_key(|s| (strsim::levenshtein(&word.text, s), s.clone()));
        suggestions.dedup();
        suggestions.truncate(3);
        self.unknown("unit or level", word, &suggestions);
    }

    /// `unknown value `运送` of fact `环节``: a name unknown inside a declared container.
    pub fn unknown_in(&mut self, what: &str, word: &Word, container: &str, suggestions: &[String]) {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_NAME,
            format!("unknown {what} `{}` of {container}", word.text),
            word.span,
        )
        .with_label_here(format!("{container} has no such {what}"));
        if let Some(help) = did_you_mean(suggestions) {
            d = d.with_help(help);
        }
        self.diagnostics.push(d);
    }

    fn ambiguous(&mut self, what: &str, word: &Word, candidates: Vec<(String, Span)>) {
        let names: Vec<String> = candidates.iter().map(|(p, _)| format!("`{p}`")).collect();
        let mut d = Diagnostic::error(
            codes::AMBIGUOUS,
            format!("{what} `{}` is ambiguous", word.text),
            word.span,
        )
        .with_label_here(format!(
            "{} candidates at the same distance",
            candidates.len()
        ))
        .with_help(format!("qualify the name: {}", names.join(" or ")));
        for (path, span) in candidates {
            d = d.with_label(span, format!("could be `{path}`"));
        }
        self.diagnostics.push(d);
    }

    pub fn place_ref(&mut self, word: &Word, scope: Scope) -> Option<PlaceId> {
        match self.place_names.resolve(self, &word.text, scope) {
            Resolution::Found(id) => Some(id),
            Resolution::Ambiguous(ids) => {
                let candidates = ids
                    .iter()
                    .filter_map(|p| self.decls.places.get(p.index()))
                    .map(|p| (p.path.clone(), p.span))
                    .collect();
                self.ambiguous("place", word, candidates);
                None
            }
            Resolution::NotFound { suggestions } => {
                self.unknown("place", word, &suggestions);
                None
            }
        }
    }

    pub fn unit_ref(&mut self, word: &Word, scope: Scope) -> Option<UnitId> {
        match self.unit_names.resolve(self, &word.text, scope) {
            Resolution::Found(id) => Some(id),
            Resolution::Ambiguous(ids) => {
                let candidates = ids
                    .iter()
                    .filter_map(|u| self.decls.units.get(u.index()))
                    .map(|u| (u.path.clone(), u.span))
                    .collect();
                self.ambiguous("unit", word, candidates);
                None
            }
            Resolution::NotFound { suggestions } => {
                // A county or city is a place without a unit of its own.
                if let Resolution::Found(place) = self.place_names.resolve(self, &word.text, scope)
                {
                    let level = self.decls.places.get(place.index()).map(|p| p.level);
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::WRONG_KIND,
                            format!("`{}` is a place, not a unit", word.text),
                            word.span,
                        )
                        .with_label_here(format!(
                            "a {}",
                            level.map_or("place", PlaceLevel::english)
                        ))
                        .with_help("name a department or another unit here"),
                    );
                    return None;
                }
                self.unknown("unit", word, &suggestions);
                None
            }
        }
    }

    /// A place that must be at `level`.
    pub fn place_at_level(
        &mut self,
        word: &Word,
        scope: Scope,
        levels: &[PlaceLevel],
    ) -> Option<(PlaceId, PlaceLevel)> {
        let id = self.place_ref(word, scope)?;
        let level = self.decls.places.get(id.index())?.level;
        if levels.contains(&level) {
            return Some((id, level));
        }
        let wanted: Vec<&str> = levels.iter().map(|l| l.english()).collect();
        self.diagnostics.push(
            Diagnostic::error(
                codes::WRONG_KIND,
                format!(
                    "`{}` is a {}, but a {} is needed here",
                    word.text,
                    level.english(),
                    wanted.join(" or ")
                ),
                word.span,
            )
            .with_label_here(format!("a {}", level.english())),
        );
        None
    }

    pub fn item_ref(&mut self, word: &Word) -> Option<ItemId> {
        if let Some(id) = self.item_codes.get(&word.text) {
            return Some(*id);
        }
        let suggestions =
            quanze_core::names::suggest(&word.text, self.item_codes.keys().map(String::as_str));
        self.unknown("item", word, &suggestions);
        None
    }

    pub fn topic_ref(&mut self, word: &Word) -> Option<TopicId> {
        if let Some(id) = self.topic_names.get(&word.text) {
            return Some(*id);
        }
        let suggestions =
            quanze_core::names::suggest(&word.text, self.topic_names.keys().map(String::as_str));
        self.unknown("topic", word, &suggestions);
        None
    }

    /// The county that contains a place (or is the place).
    pub fn county_of(&self, place: PlaceId) -> Option<PlaceId> {
        let mut current = Some(place);
        while let Some(p) = current {
            let decl = self.decls.places.get(p.index())?;
            if decl.level == PlaceLevel::County {
                return Some(p);
            }
            current = decl.parent;
        }
        None
    }
}
