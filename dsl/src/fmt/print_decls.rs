//! The canonical layout of each declaration.
//!
//! - Declarations that read as one sentence (units, routes, delegations, acceptance,
//!   organisation rules) take one line; a delegation too wide for [`super::MAX_WIDTH`] puts
//!   its `basis`, `instrument` and `reserve` clauses on continuation lines.
//! - Blocks (regions, items, topics, scenarios, ladders, tests) open on their head line and
//!   close with `}` on a line of its own; a region whose content is only places, with no
//!   comment inside, stays on one line when it fits (`village 半浦村 { grid 半浦一格 }`).
//! - Inside an item or a scenario, related short clauses share a line, two spaces apart, in a
//!   fixed order: `list  type  holder`, then each `basis`, `flags`, `parts`, `primary  township`;
//!   `when`, then `lead  assist  township`, then `flow`.
//! - Regions above the township read `region NAME LEVEL`; townships and below `LEVEL NAME`.

use super::keywords::{Kw, ValueKind};
use super::print::{Buf, Printer};
use crate::ast::*;

impl Printer<'_> {
    pub fn decl(&mut self, decl: &Decl) {
        match decl {
            Decl::Place(p) => self.place(p),
            Decl::Unit(u) => self.unit(u),
            Decl::Route(r) => {
                let mut b = self.start(r.span);
                self.kw(&mut b, Kw::Route);
                self.name(&mut b, &r.unit);
                self.value(&mut b, ValueKind::RouteKey, &r.key);
                self.kw(&mut b, Kw::To);
                self.name(&mut b, &r.to);
                self.emit_decl(b);
            }
            Decl::Item(i) => self.item(i),
            Decl::Delegation(d) => self.delegation(d),
            Decl::Topic(t) => self.topic(t),
            Decl::Scenario(s) => self.scenario(s),
            Decl::Ladder(l) => self.ladder(l),
            Decl::Accept(a) => self.accept(a),
            Decl::Org(o) => self.org(o),
            Decl::Test(t) => self.test(t),
        }
    }

    /// A line anchored at the start of a declaration.
    pub(super) fn start(&self, span: quanze_core::Span) -> Buf {
        let mut b = Buf::default();
        b.elems.push((span.start as usize, span.start as usize));
        b
    }

    fn place_head(&self, b: &mut Buf, p: &PlaceDecl) {
        let kw = match p.level.text.as_str() {
            "province" => Kw::Province,
            "city" => Kw::City,
            "county" => Kw::County,
            "township" => Kw::Township,
            "village" => Kw::Village,
            "micro-grid" => Kw::MicroGrid,
            _ => Kw::Grid,
        };
        let level = self.level_kw(&p.level.text, kw, p.level.span, &p.name.text);
        if matches!(kw, Kw::Province | Kw::City | Kw::County) {
            self.kw(b, Kw::Region);
            self.name(b, &p.name);
            b.tok(&level);
        } else {
            b.tok(&level);
            self.name(b, &p.name);
        }
        if let Some(class) = &p.class {
            self.kw(b, Kw::Class);
            self.value(b, ValueKind::Class, class);
        }
        if !p.tags.is_empty() {
            self.kw(b, Kw::Tags);
            self.list(b, &p.tags);
        }
    }

    /// The one-line form of a region holding only places, if it has one.
    fn place_inline(&self, b: &mut Buf, p: &PlaceDecl) -> bool {
        if !p.children.is_empty() && self.has_comment_in(p.span) {
            return false;
        }
        b.elems.push((p.span.start as usize, p.span.start as usize));
        self.place_head(b, p);
        if p.children.is_empty() {
            return true;
        }
        b.tok("{");
        for child in &p.children {
            let Decl::Place(child) = child else {
                return false;
            };
            if !self.place_inline(b, child) {
                return false;
            }
        }
        b.tok("}");
        b.elems
            .push((p.span.end.saturating_sub(1) as usize, p.span.end as usize));
        true
    }

    fn place(&mut self, p: &PlaceDecl) {
        let mut b = Buf::default();
        if self.place_inline(&mut b, p) && self.fits(&b) {
            self.emit_decl(b);
            return;
        }
        let mut b = self.start(p.span);
        self.place_head(&mut b, p);
        b.tok("{");
        self.emit_decl(b);
        self.indent += 1;
        for child in &p.children {
            self.decl(child);
        }
        self.indent -= 1;
        self.close(p.span);
    }

    fn unit(&mut self, u: &UnitDecl) {
        let mut b = self.start(u.span);
        match &u.kind {
            None => {
                self.kw(&mut b, Kw::Department);
                self.name(&mut b, &u.name);
            }
            Some(kind) => {
                self.kw(&mut b, Kw::Unit);
                self.name(&mut b, &u.name);
                self.kw(&mut b, Kw::Kind);
                self.value(&mut b, ValueKind::UnitKind, kind);
            }
        }
        if let Some(parent) = &u.parent {
            self.kw(&mut b, Kw::Of);
            self.name(&mut b, parent);
        }
        if let Some(seat) = &u.seat {
            self.kw(&mut b, Kw::At);
            self.name(&mut b, seat);
        }
        self.emit_decl(b);
    }

    /// `{`, the body lines, `}`.
    pub(super) fn block(&mut self, head: Buf, span: quanze_core::Span, body: Vec<Buf>) {
        let mut head = head;
        if body.is_empty() {
            head.tok("{}");
            head.elems
                .push((span.end.saturating_sub(1) as usize, span.end as usize));
            self.emit_decl(head);
            return;
        }
        head.tok("{");
        self.emit_decl(head);
        self.indent += 1;
        for line in body {
            self.emit(line);
        }
        self.indent -= 1;
        self.close(span);
    }

    fn item(&mut self, i: &ItemDecl) {
        let mut head = self.start(i.span);
        self.kw(
            &mut head,
            if i.territorial {
                Kw::Territorial
            } else {
                Kw::Item
            },
        );
        self.name(&mut head, &i.code);
        if let Some(name) = &i.name {
            self.string(&mut head, name);
        }
        let mut body = Vec::new();
        let mut first = Buf::default();
        if let Some(list) = &i.list {
            first.clause();
            self.kw(&mut first, Kw::List);
            self.value(&mut first, ValueKind::List, list);
        }
        if let Some(t) = &i.power_type {
            first.clause();
            self.kw(&mut first, Kw::Type);
            self.value(&mut first, ValueKind::PowerType, t);
        }
        if let Some(holder) = &i.holder {
            first.clause();
            self.kw(&mut first, Kw::Holder);
            match holder {
                HolderSyntax::EachTownship(span, word) | HolderSyntax::EachVillage(span, word) => {
                    first.at(*span);
                    self.kw(&mut first, Kw::Each);
                    let level = if matches!(holder, HolderSyntax::EachVillage(..)) {
                        Kw::Village
                    } else {
                        Kw::Township
                    };
                    self.level_word(&mut first, level, word);
                }
                HolderSyntax::Named(w) => self.name(&mut first, w),
            }
        }
        push_nonempty(&mut body, first);
        for basis in &i.basis {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::Basis);
            self.string(&mut b, basis);
            body.push(b);
        }
        if !i.flags.is_empty() {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::Flags);
            self.list_with(&mut b, &i.flags, |p, b, w| p.value(b, ValueKind::Flag, w));
            body.push(b);
        }
        if !i.parts.is_empty() {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::Parts);
            self.list(&mut b, &i.parts);
            body.push(b);
        }
        let mut last = Buf::default();
        if let Some(primary) = &i.primary {
            self.kw(&mut last, Kw::Primary);
            self.name(&mut last, primary);
        }
        if let Some(duties) = &i.township_duties {
            last.clause();
            self.duties_kw(&mut last);
            self.list(&mut last, duties);
        }
        push_nonempty(&mut body, last);
        self.block(head, i.span, body);
    }

    /// The township's duties: `township [..]` in English, `属地 [..]` in Chinese.
    pub(super) fn duties_kw(&self, b: &mut Buf) {
        let kw = match self.lang {
            super::Lang::En => Kw::Township,
            super::Lang::Zh => Kw::Boundary,
        };
        self.kw(b, kw);
    }

    fn targets(&self, b: &mut Buf, targets: &[TargetSyntax]) {
        for (i, target) in targets.iter().enumerate() {
            if i > 0 {
                b.glue(",");
            }
            match target {
                TargetSyntax::Named(w) => self.name(b, w),
                TargetSyntax::Class {
                    county,
                    class,
                    kind,
                    span,
                } => {
                    b.at(*span);
                    if let Some(county) = county {
                        self.name(b, county);
                    }
                    match class {
                        Some(class) => {
                            self.target_class(b, county.is_some(), class, kind.as_ref(), *span)
                        }
                        None => match kind {
                            Some(kind) => self.level_word(b, Kw::Township, kind),
                            None => self.kw(b, Kw::Township),
                        },
                    }
                }
            }
        }
    }

    /// A township or village word in a selector: a kind's name (街道, 镇, 乡, 社区) is kept as
    /// written in either language, since it narrows the selection; a level word is the
    /// keyword of the output language.
    fn level_word(&self, b: &mut Buf, level: Kw, word: &Word) {
        if crate::lower::values::selector_kinds(&word.text).is_any() {
            self.kw(b, level);
        } else {
            b.tok(&word.text);
        }
    }

    /// `class C`, or in Chinese after a county `C 街道` (the township word as written); a kind
    /// word (`江北区 class 特大 街道`) is kept in either language.
    fn target_class(
        &self,
        b: &mut Buf,
        after_county: bool,
        class: &Word,
        kind: Option<&Word>,
        span: quanze_core::Span,
    ) {
        let kind = kind.filter(|w| !crate::lower::values::selector_kinds(&w.text).is_any());
        let is_class_word = quanze_core::TownshipClass::from_name(&class.text).is_some();
        if let (super::Lang::En, Some(kind)) = (self.lang, kind) {
            self.kw(b, Kw::Class);
            self.value(b, ValueKind::Class, class);
            b.tok(&kind.text);
        } else if self.lang == super::Lang::Zh && after_county && is_class_word {
            self.value(b, ValueKind::Class, class);
            let written = self
                .src
                .get(span.start as usize..span.end as usize)
                .unwrap_or("");
            let synonyms = super::keywords::level_synonyms("township");
            let word = synonyms
                .iter()
                .find(|s| written.ends_with(**s))
                .copied()
                .unwrap_or(Kw::Township.text(self.lang));
            b.tok(word);
        } else {
            self.kw(b, Kw::Class);
            self.value(b, ValueKind::Class, class);
            if let Some(kind) = kind {
                b.tok(&kind.text);
            }
        }
    }

    fn delegation(&mut self, d: &DelegationDecl) {
        let mut b = self.start(d.span);
        let kind = match d.kind {
            DelegationKind::Grant => Kw::Grant,
            DelegationKind::Entrust => Kw::Entrust,
            DelegationKind::Statutory => Kw::Statutory,
            DelegationKind::Revoke => Kw::Revoke,
        };
        self.kw(&mut b, kind);
        self.names(&mut b, &d.items);
        if let Some(from) = &d.from {
            self.kw(&mut b, Kw::From);
            self.targets(&mut b, from);
        }
        if let Some(to) = &d.to {
            self.kw(&mut b, Kw::To);
            self.targets(&mut b, to);
        }
        for (kw, date) in [(Kw::Since, &d.since), (Kw::Until, &d.until)] {
            if let Some(date) = date {
                self.kw(&mut b, kw);
                self.raw(&mut b, date);
            }
        }
        let mut rest = Vec::new();
        for (kw, text) in [(Kw::Basis, &d.basis), (Kw::Instrument, &d.instrument)] {
            if let Some(text) = text {
                let mut c = Buf::default();
                self.kw(&mut c, kw);
                self.string(&mut c, text);
                rest.push(c);
            }
        }
        if !d.reserve.is_empty() {
            let mut c = Buf::default();
            self.kw(&mut c, Kw::Reserve);
            self.list(&mut c, &d.reserve);
            rest.push(c);
        }
        let mut one = Buf {
            text: b.text.clone(),
            elems: b.elems.clone(),
        };
        for c in &rest {
            one.tok(&c.text);
            one.elems.extend(c.elems.iter().copied());
        }
        if self.fits(&one) {
            self.emit_decl(one);
            return;
        }
        self.emit_decl(b);
        self.indent += 1;
        for c in rest {
            self.emit(c);
        }
        self.indent -= 1;
    }

    fn topic(&mut self, t: &TopicDecl) {
        let mut head = self.start(t.span);
        self.kw(&mut head, Kw::Topic);
        self.name(&mut head, &t.name);
        if let Some(region) = &t.region {
            self.kw(&mut head, Kw::At);
            self.name(&mut head, region);
        }
        let mut body = Vec::new();
        for fact in &t.facts {
            let mut b = Buf::default();
            b.at(fact.span);
            self.kw(&mut b, Kw::Fact);
            self.name(&mut b, &fact.name);
            b.glue(":");
            for (i, value) in fact.values.iter().enumerate() {
                if i > 0 {
                    b.tok("|");
                }
                self.name(&mut b, value);
            }
            body.push(b);
        }
        self.block(head, t.span, body);
    }
}

fn push_nonempty(body: &mut Vec<Buf>, b: Buf) {
    if !b.text.is_empty() {
        body.push(b);
    }
}
