//! The layout of scenarios (head, condition, roles, workflow) and escalation ladders.
//!
//! Conditions are printed with the parentheses the tree needs and no more: `and` binds
//! tighter than `or`, a nested `and` or `or` that was parenthesised stays parenthesised (so
//! the tree, not only the meaning, survives), and `not` takes a comparison or a bracket.

use super::keywords::Kw;
use super::print::{Buf, Printer};
use crate::ast::*;

impl Printer<'_> {
    pub(super) fn scenario(&mut self, s: &ScenarioDecl) {
        let mut head = Buf::default();
        head.elems
            .push((s.span.start as usize, s.span.start as usize));
        self.kw(&mut head, Kw::Scenario);
        self.name(&mut head, &s.id);
        if let Some(name) = &s.name {
            self.string(&mut head, name);
        }
        if let Some(topic) = &s.topic {
            self.kw(&mut head, Kw::OnTopic);
            self.name(&mut head, topic);
        }
        let mut tail = Buf::default();
        if !s.overrides.is_empty() {
            self.kw(&mut tail, Kw::Overrides);
            self.names(&mut tail, &s.overrides);
        }
        if s.otherwise {
            self.kw(&mut tail, Kw::Otherwise);
        }
        let mut one = Buf {
            text: head.text.clone(),
            elems: head.elems.clone(),
        };
        if !tail.text.is_empty() {
            one.tok(&tail.text);
            one.elems.extend(tail.elems.iter().copied());
        }
        one.tok("{");
        if self.fits(&one) || tail.text.is_empty() {
            self.emit_decl(one);
        } else {
            // A long list of overridden scenarios goes on a continuation line.
            self.emit_decl(head);
            tail.tok("{");
            self.indent += 1;
            self.emit(tail);
            self.indent -= 1;
        }
        self.scenario_body(s);
    }

    fn scenario_body(&mut self, s: &ScenarioDecl) {
        let mut body = Vec::new();
        if let Some(when) = &s.when {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::When);
            self.expr(&mut b, when, false);
            body.push(b);
        }
        let mut roles = Buf::default();
        if let Some(lead) = &s.lead {
            self.kw(&mut roles, Kw::Lead);
            self.role(&mut roles, lead);
        }
        if !s.assist.is_empty() {
            roles.clause();
            self.kw(&mut roles, Kw::Assist);
            for (i, role) in s.assist.iter().enumerate() {
                if i > 0 {
                    roles.glue(",");
                }
                self.role(&mut roles, role);
            }
        }
        if !s.township_duties.is_empty() {
            roles.clause();
            self.duties_kw(&mut roles);
            self.list(&mut roles, &s.township_duties);
        }
        if !roles.text.is_empty() {
            body.push(roles);
        }
        if !s.flow.is_empty() {
            let mut b = Buf::default();
            self.kw(&mut b, Kw::Flow);
            for (i, step) in s.flow.iter().enumerate() {
                if i > 0 {
                    b.tok("->");
                }
                self.step(&mut b, step);
            }
            body.push(b);
        }
        self.indent += 1;
        for line in body {
            self.emit(line);
        }
        self.indent -= 1;
        self.close(s.span);
    }

    /// A condition; `nested` marks an operand of `and`/`or`, which brackets a compound.
    fn expr(&self, b: &mut Buf, e: &Expr, nested: bool) {
        match e {
            Expr::Eq { fact, value } | Expr::Ne { fact, value } => {
                self.name(b, fact);
                b.tok(if matches!(e, Expr::Eq { .. }) {
                    "=="
                } else {
                    "!="
                });
                self.name(b, value);
            }
            Expr::In { fact, values } => {
                self.name(b, fact);
                self.kw(b, Kw::In);
                self.list(b, values);
            }
            Expr::Not(inner) => {
                self.kw(b, Kw::Not);
                self.bracketed(b, inner, !is_comparison(inner));
            }
            Expr::And(parts) | Expr::Or(parts) => {
                let is_and = matches!(e, Expr::And(_));
                let open = nested;
                if open {
                    b.tok("(");
                }
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        self.kw(b, if is_and { Kw::And } else { Kw::Or });
                    }
                    // `or` operands that are `and`s need no bracket: `and` binds tighter.
                    let needs = match part {
                        Expr::And(_) => is_and,
                        Expr::Or(_) => true,
                        _ => false,
                    };
                    self.bracketed(b, part, needs);
                }
                if open {
                    b.glue(")");
                }
            }
        }
    }

    fn bracketed(&self, b: &mut Buf, e: &Expr, bracket: bool) {
        match e {
            Expr::And(_) | Expr::Or(_) => self.expr(b, e, bracket),
            _ if bracket => {
                b.tok("(");
                self.expr(b, e, false);
                b.glue(")");
            }
            _ => self.expr(b, e, false),
        }
    }

    pub(super) fn role(&self, b: &mut Buf, role: &RoleSyntax) {
        match role {
            RoleSyntax::Lead(span) => {
                self.kw(b, Kw::Lead);
                b.at(*span);
            }
            RoleSyntax::HandlerOf(item) => {
                self.kw(b, Kw::Handler);
                self.name(b, item);
            }
            RoleSyntax::Named(w) => self.name(b, w),
        }
    }

    fn step(&self, b: &mut Buf, step: &StepSyntax) {
        self.name(b, &step.action);
        if let Some(actor) = &step.actor {
            b.glue("(");
            self.role(b, actor);
            b.glue(")");
        }
        if let Some(limit) = &step.limit {
            self.duration(b, limit);
        }
    }

    pub(super) fn ladder(&mut self, l: &LadderDecl) {
        let mut head = Buf::default();
        head.elems
            .push((l.span.start as usize, l.span.start as usize));
        self.kw(&mut head, Kw::Ladder);
        self.name(&mut head, &l.name);
        if let Some(region) = &l.region {
            self.kw(&mut head, Kw::At);
            self.name(&mut head, region);
        }
        let mut body = Vec::new();
        for level in &l.levels {
            let mut b = Buf::default();
            b.at(level.span);
            self.kw(&mut b, Kw::Level);
            self.name(&mut b, &level.severity);
            if let Some(closes) = &level.closes {
                self.kw(&mut b, Kw::Closes);
                match closes {
                    CloseSyntax::Grid => self.kw(&mut b, Kw::Grid),
                    CloseSyntax::Village => self.kw(&mut b, Kw::Village),
                    CloseSyntax::Township => self.kw(&mut b, Kw::Township),
                    CloseSyntax::Department => self.kw(&mut b, Kw::Department),
                    CloseSyntax::Named(w) => self.name(&mut b, w),
                }
            }
            for (kw, role) in [(Kw::By, &level.by), (Kw::Review, &level.review)] {
                if let Some(role) = role {
                    self.kw(&mut b, kw);
                    self.role(&mut b, role);
                }
            }
            if let Some(within) = &level.within {
                self.kw(&mut b, Kw::Within);
                self.duration(&mut b, within);
            }
            if let Some(next) = &level.next {
                self.kw(&mut b, Kw::Next);
                self.name(&mut b, next);
            }
            body.push(b);
        }
        self.block(head, l.span, body);
    }
}

fn is_comparison(e: &Expr) -> bool {
    matches!(e, Expr::Eq { .. } | Expr::Ne { .. } | Expr::In { .. })
}
