//! The printer's tools: a line being built (words with their source ranges), keywords in the
//! chosen language, names quoted only where they must be, strings escaped, fixed value words
//! translated when asked. The declarations themselves are printed in `print_decls.rs`.

use super::keywords::{self, Kw, Lang, ValueKind};
use super::{range, Line};
use crate::ast::{Comment, Decl, Word};
use quanze_core::Span;

pub(crate) struct Printer<'a> {
    pub src: &'a str,
    pub lang: Lang,
    /// Translate fixed value words (unit kinds, lists …) into `lang` too.
    pub translate: bool,
    comments: &'a [Comment],
    pub lines: Vec<Line>,
    pub indent: usize,
}

/// A line being built.
#[derive(Default)]
pub(crate) struct Buf {
    pub text: String,
    pub elems: Vec<(usize, usize)>,
}

impl Buf {
    /// Appends a token, with a space before it unless it opens the line or follows `(`/`[`.
    pub fn tok(&mut self, text: &str) {
        if !self.text.is_empty() && !self.text.ends_with(['(', '[', ' ']) {
            self.text.push(' ');
        }
        self.text.push_str(text);
    }

    /// Appends text with no space before it.
    pub fn glue(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Records a source range as printed on this line.
    pub fn at(&mut self, span: Span) {
        self.elems.push(range(span));
    }

    /// Starts a new clause on a line that holds several: two spaces apart.
    pub fn clause(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str("  ");
        }
    }

    pub fn width(&self) -> usize {
        super::display_width(&self.text)
    }
}

impl<'a> Printer<'a> {
    pub fn new(src: &'a str, lang: Lang, translate: bool, comments: &'a [Comment]) -> Self {
        Printer {
            src,
            lang,
            translate,
            comments,
            lines: Vec::new(),
            indent: 0,
        }
    }

    pub fn kw(&self, b: &mut Buf, kw: Kw) {
        b.tok(kw.text(self.lang));
    }

    /// A name: bare where the grammar reads it back as the same name, quoted otherwise.
    pub fn name(&self, b: &mut Buf, word: &Word) {
        b.tok(&self.name_text(word));
        b.at(word.span);
    }

    pub fn name_text(&self, word: &Word) -> String {
        let written = self
            .src
            .get(word.span.start as usize..word.span.end as usize)
            .unwrap_or("");
        let was_quoted = written.contains('"');
        word.text
            .split('/')
            .map(|segment| {
                let bare_ok = !segment.is_empty()
                    && segment.chars().all(super::is_ident_char)
                    && !(was_quoted
                        && (keywords::is_keyword(segment)
                            || segment.starts_with(|c: char| c.is_ascii_digit())));
                if bare_ok {
                    segment.to_owned()
                } else {
                    quote(segment)
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Names separated by commas.
    pub fn names(&self, b: &mut Buf, words: &[Word]) {
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                b.glue(",");
            }
            self.name(b, word);
        }
    }

    /// `[a, b, c]`.
    pub fn list(&self, b: &mut Buf, words: &[Word]) {
        self.list_with(b, words, |p, b, w| p.name(b, w));
    }

    pub fn list_with(&self, b: &mut Buf, words: &[Word], each: impl Fn(&Self, &mut Buf, &Word)) {
        b.tok("[");
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                b.glue(",");
            }
            each(self, b, word);
        }
        b.glue("]");
    }

    /// A string, always quoted.
    pub fn string(&self, b: &mut Buf, word: &Word) {
        b.tok(&quote(&word.text));
        b.at(word.span);
    }

    /// A word the grammar reads as a bare word (a date, a number, an identifier).
    pub fn raw(&self, b: &mut Buf, word: &Word) {
        b.tok(&word.text);
        b.at(word.span);
    }

    /// A fixed value word, translated into the output language when asked.
    pub fn value(&self, b: &mut Buf, kind: ValueKind, word: &Word) {
        let text = self
            .translate
            .then(|| keywords::translate_value(kind, &word.text, self.lang))
            .flatten()
            .unwrap_or_else(|| word.text.clone());
        b.tok(&text);
        b.at(word.span);
    }

    pub fn duration(&self, b: &mut Buf, word: &Word) {
        let text = self
            .translate
            .then(|| keywords::translate_duration(&word.text, self.lang))
            .flatten()
            .unwrap_or_else(|| word.text.clone());
        b.tok(&text);
        b.at(word.span);
    }

    /// The keyword written at `span` when it is a Chinese synonym of `level` and the output
    /// stays Chinese, or when it is the only thing that tells the place's kind (`街道 东城`);
    /// otherwise the canonical form.
    pub fn level_kw(&self, level: &str, kw: Kw, span: Span, name: &str) -> String {
        let written = self
            .src
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .trim();
        let synonym = keywords::level_synonyms(level).contains(&written);
        let kind = quanze_core::PlaceKind::ALL
            .into_iter()
            .find(|k| k.chinese() == written && k.level().english() == level);
        let tells_kind =
            kind.is_some_and(|k| quanze_core::PlaceKind::from_name(k.level(), name).is_none());
        if synonym && (self.lang == Lang::Zh || tells_kind) {
            written.to_owned()
        } else {
            kw.text(self.lang).to_owned()
        }
    }

    /// Ends a line at the current indent.
    pub fn emit(&mut self, b: Buf) {
        self.emit_with(b, false, false);
    }

    /// Ends the first line of a declaration: a blank line before it in the source is kept.
    pub fn emit_decl(&mut self, b: Buf) {
        self.emit_with(b, true, false);
    }

    /// A closing brace at `span`'s last byte.
    pub fn close(&mut self, span: Span) {
        let end = span.end as usize;
        let mut b = Buf::default();
        b.glue("}");
        b.elems.push((end.saturating_sub(1), end));
        self.emit_with(b, false, true);
    }

    fn emit_with(&mut self, b: Buf, blank_before: bool, closes: bool) {
        self.lines.push(Line {
            indent: self.indent,
            text: b.text,
            elems: b.elems,
            blank_before,
            closes,
        });
    }

    /// Whether a comment lies inside `span`.
    pub fn has_comment_in(&self, span: Span) -> bool {
        let first = self.comments.partition_point(|c| c.span.start < span.start);
        self.comments
            .get(first)
            .is_some_and(|c| c.span.end <= span.end)
    }

    /// Whether a line at the current indent fits the width.
    pub fn fits(&self, b: &Buf) -> bool {
        self.indent * 2 + b.width() <= super::MAX_WIDTH
    }
}

/// A quoted string with `\` and `"` escaped (and line breaks, which a string cannot hold).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// Clauses given twice anywhere in the file: the tree keeps one of them only.
pub fn repeated_clauses(decls: &[Decl]) -> Vec<Span> {
    let mut out = Vec::new();
    for decl in decls {
        match decl {
            Decl::Place(p) => out.extend(repeated_clauses(&p.children)),
            Decl::Item(i) => out.extend(i.repeated.iter().copied()),
            Decl::Delegation(d) => out.extend(d.repeated.iter().copied()),
            Decl::Scenario(s) => out.extend(s.repeated.iter().copied()),
            _ => {}
        }
    }
    out
}
