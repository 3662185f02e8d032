//! Test blocks: kept with their names as written, for the test runner to resolve like any
//! query. Lowering checks the shape: the date, the clauses the query needs, and the expectation
//! words. The names are resolved once the rule set is built, by the runner's own lookups
//! (`quanze_core::testing::unresolved_names`); [`unresolved_name`] words what they find like
//! any other unknown or ambiguous name.

use super::values::{date, EXPECT_WORDS};
use super::Lowerer;
use crate::ast::{ExpectSyntax, QueryKind, QuerySyntax, TestDecl, Word};
use crate::codes;
use quanze_core::testing::UnresolvedName;
use quanze_core::{Diagnostic, Expect, Expectation, LookupError, TestCase, TestQuery, Written};

/// The diagnostic for a name in a test block that does not resolve: Q0101 with the nearest
/// known names, or Q0103 with every candidate, at the name itself.
pub fn unresolved_name(u: &UnresolvedName) -> Diagnostic {
    match &u.error {
        LookupError::Unknown {
            kind,
            name,
            suggestions,
        } => {
            let d = Diagnostic::error(
                codes::UNKNOWN_NAME,
                format!("unknown {kind} `{name}`"),
                u.span,
            )
            .with_label_here(format!("no {kind} has this name"));
            match super::refs::did_you_mean(suggestions) {
                Some(help) => d.with_help(help),
                None => d,
            }
        }
        LookupError::Ambiguous {
            kind,
            name,
            candidates,
        } => {
            let names: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            Diagnostic::error(
                codes::AMBIGUOUS,
                format!("{kind} `{name}` is ambiguous"),
                u.span,
            )
            .with_label_here(format!(
                "{} candidates at the same distance",
                candidates.len()
            ))
            .with_help(format!("qualify the name: {}", names.join(" or ")))
        }
        LookupError::TooLong {
            kind,
            length,
            limit,
        } => Diagnostic::error(
            codes::INVALID_VALUE,
            format!("this {kind} name is {length} characters long; names have at most {limit}"),
            u.span,
        )
        .with_label_here("too long to be a name")
        .with_help("shorten the name to the one the rule set declares"),
    }
}

fn written(word: &Word) -> Written {
    Written {
        text: word.text.clone(),
        span: word.span,
    }
}

impl Lowerer {
    fn need<'w>(
        &mut self,
        word: Option<&'w Word>,
        what: &str,
        query: &QuerySyntax,
    ) -> Option<&'w Word> {
        if word.is_none() {
            self.diagnostics.push(
                Diagnostic::error(codes::MISSING_CLAUSE, format!("missing {what}"), query.span)
                    .with_label_here(format!("this query needs {what}")),
            );
        }
        word
    }

    fn query(&mut self, q: &QuerySyntax) -> Option<TestQuery> {
        let on = self.need(q.on.as_ref(), "`on DATE`", q)?;
        if let Err(d) = date(on) {
            self.diagnostics.push(*d);
        }
        let date = written(on);
        let arg = |i: usize| q.args.get(i).map(written);
        Some(match q.kind {
            QueryKind::Who => {
                let place = self.need(q.at.as_ref(), "`at PLACE`", q)?;
                TestQuery::Who {
                    item: arg(0)?,
                    place: written(place),
                    date,
                    part: q.part.as_ref().map(written),
                }
            }
            QueryKind::Can => {
                let place = self.need(q.at.as_ref(), "`at PLACE`", q)?;
                if q.args.len() < 2 {
                    self.need(None, "a unit and an item", q);
                }
                TestQuery::Can {
                    unit: arg(0)?,
                    item: arg(1)?,
                    place: written(place),
                    date,
                }
            }
            QueryKind::Scenario => {
                let place = self.need(q.at.as_ref(), "`at PLACE`", q)?;
                let facts = q
                    .facts
                    .iter()
                    .map(|(k, v)| (written(k), written(v)))
                    .collect();
                TestQuery::Scenario {
                    topic: arg(0)?,
                    place: written(place),
                    facts,
                    date,
                }
            }
            QueryKind::Escalate => {
                let level = self.need(q.level.as_ref(), "`level SEVERITY`", q)?;
                TestQuery::Escalate {
                    place: arg(0)?,
                    severity: written(level),
                    item: q.item.as_ref().map(written),
                    topic: q.topic.as_ref().map(written),
                    facts: q
                        .facts
                        .iter()
                        .map(|(k, v)| (written(k), written(v)))
                        .collect(),
                    date,
                }
            }
            QueryKind::Duties => TestQuery::Duties {
                unit: arg(0)?,
                date,
            },
            QueryKind::Accept => {
                let resident = self.need(q.resident.as_ref(), "`resident PLACE`", q)?;
                TestQuery::Accept {
                    item: arg(0)?,
                    resident: written(resident),
                    date,
                }
            }
        })
    }

    pub fn resolve_test(&mut self, decl: &TestDecl) {
        let query = self.query(&decl.query);
        let mut expects = Vec::new();
        for e in &decl.expects {
            match e {
                ExpectSyntax::Flag(flag, span) => {
                    let expect = match *flag {
                        "allow" => Expect::Allow,
                        "deny" => Expect::Deny,
                        "no-match" => Expect::NoMatch,
                        "needs-facts" => Expect::NeedsFacts,
                        "ambiguous" => Expect::Ambiguous,
                        "conflict" => Expect::Conflict,
                        _ => Expect::Error,
                    };
                    expects.push(Expectation {
                        expect,
                        span: *span,
                    });
                }
                ExpectSyntax::Word { word, args, span } => {
                    let Some((_, english)) = EXPECT_WORDS.iter().find(|(w, _)| *w == word.text)
                    else {
                        let known: Vec<&str> = EXPECT_WORDS.iter().map(|(w, _)| *w).collect();
                        self.diagnostics.push(super::values::unknown_word(
                            "expectation",
                            word,
                            &known,
                        ));
                        continue;
                    };
                    let all: Vec<Written> = args.iter().map(written).collect();
                    let Some(first) = all.first().cloned() else {
                        self.diagnostics.push(Diagnostic::error(
                            codes::MISSING_CLAUSE,
                            format!("`expect {}` needs a value", word.text),
                            *span,
                        ));
                        continue;
                    };
                    let expect = match *english {
                        "handler" => Expect::Handler(first),
                        "mode" => Expect::Mode(first),
                        "name" => Expect::InNameOf(first),
                        "executor" => Expect::Executor(first),
                        "cooperate" => Expect::Cooperate(all),
                        "lead" => Expect::Lead(first),
                        "assist" => Expect::Assist(all),
                        "scenario" => Expect::Scenario(first),
                        "includes" => Expect::Includes(first),
                        "point" => Expect::Point(first),
                        _ => Expect::Closes(first),
                    };
                    expects.push(Expectation {
                        expect,
                        span: *span,
                    });
                }
            }
        }
        if expects.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("test `{}` expects nothing", decl.name.text),
                    decl.name.span,
                )
                .with_help("add at least one `expect …` line"),
            );
        }
        if let Some(query) = query {
            self.decls.tests.push(TestCase {
                name: decl.name.text.clone(),
                query,
                expects,
                span: decl.name.span,
            });
        }
    }
}
