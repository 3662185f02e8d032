//! The layout of acceptance rules, organisation rules and test blocks.
//!
//! A test's query clauses come in a fixed order, the date last:
//! `who ITEM at PLACE part P on DATE`, `scenario TOPIC at PLACE with F=V, … on DATE`,
//! `escalate PLACE level S item I on DATE`, `accept ITEM resident PLACE on DATE`.
//! Each expectation takes a line; `cooperate` and `assist` always take a list.

use super::keywords::{Kw, ValueKind};
use super::print::{Buf, Printer};
use crate::ast::*;

impl Printer<'_> {
    pub(super) fn accept(&mut self, a: &AcceptDecl) {
        let mut b = self.start(a.span);
        self.kw(&mut b, Kw::Accept);
        if !a.points.is_empty() {
            self.kw(&mut b, Kw::At);
            self.names(&mut b, &a.points);
        }
        if let Some(items) = &a.items {
            self.kw(&mut b, Kw::Items);
            match items {
                SelectorSyntax::All => self.kw(&mut b, Kw::All),
                SelectorSyntax::List(list) => {
                    self.kw(&mut b, Kw::List);
                    self.value(&mut b, ValueKind::List, list);
                }
                SelectorSyntax::Items(codes) => self.list(&mut b, codes),
            }
        }
        if !a.from.is_empty() {
            self.kw(&mut b, Kw::From);
            self.names(&mut b, &a.from);
        }
        self.emit_decl(b);
    }

    pub(super) fn org(&mut self, o: &OrgDecl) {
        let (span, region) = match o {
            OrgDecl::OfficeLimit { span, region, .. }
            | OrgDecl::ApprovedDuties { span, region, .. }
            | OrgDecl::RequiredOffices { span, region, .. } => (*span, region),
        };
        let mut b = self.start(span);
        match o {
            OrgDecl::OfficeLimit { limits, .. } => {
                self.kw(&mut b, Kw::OfficeLimit);
                for (i, (class, number)) in limits.iter().enumerate() {
                    if i > 0 {
                        b.glue(",");
                    }
                    self.value(&mut b, ValueKind::Class, class);
                    self.raw(&mut b, number);
                }
            }
            OrgDecl::ApprovedDuties { duties, .. } => {
                self.kw(&mut b, Kw::Approved);
                self.list(&mut b, duties);
            }
            OrgDecl::RequiredOffices { offices, .. } => {
                self.kw(&mut b, Kw::Required);
                self.list(&mut b, offices);
            }
        }
        if let Some(region) = region {
            self.kw(&mut b, Kw::At);
            self.name(&mut b, region);
        }
        self.emit_decl(b);
    }

    pub(super) fn test(&mut self, t: &TestDecl) {
        let mut head = self.start(t.span);
        self.kw(&mut head, Kw::Test);
        self.string(&mut head, &t.name);
        let mut body = vec![self.query(&t.query)];
        for e in &t.expects {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::Expect);
            match e {
                ExpectSyntax::Flag(flag, span) => {
                    b.at(*span);
                    let kw = match *flag {
                        "allow" => Kw::Allow,
                        "deny" => Kw::Deny,
                        "no-match" => Kw::NoMatch,
                        "needs-facts" => Kw::NeedsFacts,
                        "ambiguous" => Kw::Ambiguous,
                        "conflict" => Kw::Conflict,
                        _ => Kw::Error,
                    };
                    self.kw(&mut b, kw);
                }
                ExpectSyntax::Word { word, args, span } => {
                    b.at(*span);
                    self.value(&mut b, ValueKind::ExpectWord, word);
                    let english = super::keywords::translate_value(
                        ValueKind::ExpectWord,
                        &word.text,
                        super::Lang::En,
                    );
                    let takes_list = matches!(english.as_deref(), Some("cooperate" | "assist"));
                    match args.as_slice() {
                        [one] if !takes_list => self.name(&mut b, one),
                        _ => self.list(&mut b, args),
                    }
                }
            }
            body.push(b);
        }
        self.block(head, t.span, body);
    }

    fn query(&self, q: &QuerySyntax) -> Buf {
        let mut b = Buf::default();
        b.at(q.span);
        let kw = match q.kind {
            QueryKind::Who => Kw::Who,
            QueryKind::Can => Kw::Can,
            QueryKind::Scenario => Kw::Scenario,
            QueryKind::Escalate => Kw::Escalate,
            QueryKind::Duties => Kw::Duties,
            QueryKind::Accept => Kw::Accept,
        };
        self.kw(&mut b, kw);
        for arg in &q.args {
            self.name(&mut b, arg);
        }
        let clauses = [
            (Kw::At, &q.at),
            (Kw::Resident, &q.resident),
            (Kw::Level, &q.level),
            (Kw::Item, &q.item),
            (Kw::Topic, &q.topic),
            (Kw::Part, &q.part),
        ];
        for (kw, value) in clauses {
            if let Some(value) = value {
                self.kw(&mut b, kw);
                self.name(&mut b, value);
            }
        }
        if !q.facts.is_empty() {
            self.kw(&mut b, Kw::With);
            for (i, (fact, value)) in q.facts.iter().enumerate() {
                if i > 0 {
                    b.glue(",");
                }
                self.name(&mut b, fact);
                b.glue("=");
                b.glue(&self.name_text(value));
                b.at(value.span);
            }
        }
        if let Some(on) = &q.on {
            self.kw(&mut b, Kw::OnDate);
            self.raw(&mut b, on);
        }
        b
    }
}
