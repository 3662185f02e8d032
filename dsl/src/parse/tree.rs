//! Builds the syntax tree from the parser's pairs. The grammar has already checked the shape;
//! this only reads it, so every accessor tolerates a missing child instead of panicking.

use super::Rule;
use crate::ast::*;
use pest::iterators::{Pair, Pairs};
use quanze_core::{SourceId, Span};

/// Where the pairs of one parse call sit in their file.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub source: SourceId,
    pub base: usize,
}

impl Ctx {
    /// The span of a pair, from its first character to the end of its last token.
    ///
    /// A rule that ends in a repetition, an option or a look-ahead (`deleg_clause* ~
    /// !deleg_kw`) has the parser skip the whitespace and comments after its last token before
    /// it tries the next part; pest counts that trivia into the rule's own span. Ending at the
    /// last token keeps a declaration from swallowing the comments and blank lines after it.
    pub fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let mut last = pair.clone();
        // Down the chain of last children: a token (an atomic rule or a literal-only rule)
        // has none, and its own span ends where its text does. The depth is bounded by the
        // grammar's nesting, itself bounded by the bracket limit.
        while let Some(child) = last.clone().into_inner().next_back() {
            last = child;
        }
        let end = last.as_span().end().clamp(s.start(), s.end());
        Span::new(self.source, self.base + s.start(), self.base + end)
    }

    fn word(&self, pair: &Pair<Rule>) -> Word {
        Word {
            text: text_of(pair),
            span: self.span(pair),
        }
    }
}

/// The text a name, string or word stands for: strings unquoted and unescaped, qualified
/// segments joined with `/`.
fn text_of(pair: &Pair<Rule>) -> String {
    match pair.as_rule() {
        Rule::string => unquote(pair.as_str()),
        Rule::name => pair
            .clone()
            .into_inner()
            .map(|seg| text_of(&seg))
            .collect::<Vec<_>>()
            .join("/"),
        _ => pair.as_str().to_owned(),
    }
}

fn unquote(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("kw_")
}

/// Children that carry content: punctuation and keywords dropped.
fn content(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner().filter(|p| {
        !is_keyword(p.as_rule())
            && !matches!(
                p.as_rule(),
                Rule::lbrace
                    | Rule::rbrace
                    | Rule::lbrack
                    | Rule::rbrack
                    | Rule::lparen
                    | Rule::rparen
                    | Rule::comma
                    | Rule::colon
                    | Rule::bar
                    | Rule::arrow
                    | Rule::eq_op
            )
    })
}

fn first_keyword(pair: &Pair<Rule>) -> Option<Rule> {
    pair.clone()
        .into_inner()
        .next()
        .map(|p| p.as_rule())
        .filter(|r| is_keyword(*r))
}

fn words(ctx: Ctx, pair: Pair<Rule>) -> Vec<Word> {
    match pair.as_rule() {
        Rule::name_list | Rule::names => content(pair).flat_map(|p| words(ctx, p)).collect(),
        _ => vec![ctx.word(&pair)],
    }
}

/// Records a clause given twice.
fn set<T>(slot: &mut Option<T>, value: T, span: Span, repeated: &mut Vec<Span>) {
    if slot.is_some() {
        repeated.push(span);
    }
    *slot = Some(value);
}

pub fn place_head(ctx: Ctx, pair: Pair<Rule>) -> PlaceDecl {
    let span = ctx.span(&pair);
    let mut decl = PlaceDecl {
        name: Word {
            text: String::new(),
            span,
        },
        level: Word {
            text: String::new(),
            span,
        },
        written_level: String::new(),
        class: None,
        tags: Vec::new(),
        children: Vec::new(),
        span,
    };
    for part in content(pair) {
        match part.as_rule() {
            Rule::name => decl.name = ctx.word(&part),
            Rule::place_level => {
                // The level's keyword is the pair's only child; keep its rule name for lowering.
                let level = match part.clone().into_inner().next().map(|k| k.as_rule()) {
                    Some(Rule::kw_province) => "province",
                    Some(Rule::kw_city) => "city",
                    Some(Rule::kw_county) => "county",
                    Some(Rule::kw_township) => "township",
                    Some(Rule::kw_village) => "village",
                    Some(Rule::kw_microgrid) => "micro-grid",
                    _ => "grid",
                }
                .to_owned();
                decl.written_level = ctx.word(&part).text;
                decl.level = Word {
                    text: level,
                    span: ctx.span(&part),
                };
            }
            Rule::place_attr => {
                let is_class = first_keyword(&part) == Some(Rule::kw_class);
                for value in content(part) {
                    if is_class {
                        decl.class = Some(ctx.word(&value));
                    } else {
                        decl.tags.extend(words(ctx, value));
                    }
                }
            }
            _ => {}
        }
    }
    decl
}

pub fn decl(ctx: Ctx, pair: Pair<Rule>) -> Option<Decl> {
    let inner = pair.into_inner().next()?;
    Some(match inner.as_rule() {
        Rule::department_decl => Decl::Unit(unit(ctx, inner, true)),
        Rule::unit_decl => Decl::Unit(unit(ctx, inner, false)),
        Rule::route_decl => {
            let span = ctx.span(&inner);
            let mut parts = content(inner).map(|p| ctx.word(&p));
            let (unit, key, to) = (parts.next()?, parts.next()?, parts.next()?);
            Decl::Route(RouteDecl {
                unit,
                key,
                to,
                span,
            })
        }
        Rule::item_decl => Decl::Item(item(ctx, inner, false)),
        Rule::territorial_decl => Decl::Item(item(ctx, inner, true)),
        Rule::delegation_decl => Decl::Delegation(delegation(ctx, inner)),
        Rule::topic_decl => Decl::Topic(topic(ctx, inner)),
        Rule::scenario_decl => Decl::Scenario(scenario(ctx, inner)),
        Rule::ladder_decl => Decl::Ladder(ladder(ctx, inner)),
        Rule::accept_decl => Decl::Accept(accept(ctx, inner)),
        Rule::org_decl => Decl::Org(org(ctx, inner)?),
        Rule::test_decl => Decl::Test(test(ctx, inner)?),
        _ => return None,
    })
}

fn unit(ctx: Ctx, pair: Pair<Rule>, department: bool) -> UnitDecl {
    let span = ctx.span(&pair);
    let mut decl = UnitDecl {
        name: Word {
            text: String::new(),
            span,
        },
        kind: None,
        parent: None,
        seat: None,
        span,
    };
    let mut inner = pair.into_inner();
    inner.next(); // the keyword
    if let Some(name) = inner.next() {
        decl.name = ctx.word(&name);
    }
    let mut rest: Vec<Pair<Rule>> = inner.collect();
    if department {
        // `department X at P`: the seat follows the `at` keyword.
        if let Some(seat) = rest.pop().filter(|p| p.as_rule() == Rule::name) {
            decl.seat = Some(ctx.word(&seat));
        }
        return decl;
    }
    for clause in rest {
        let kw = first_keyword(&clause);
        let Some(value) = content(clause).next() else {
            continue;
        };
        let word = ctx.word(&value);
        match kw {
            Some(Rule::kw_kind) => decl.kind = Some(word),
            Some(Rule::kw_of) => decl.parent = Some(word),
            _ => decl.seat = Some(word),
        }
    }
    decl
}

fn holder(ctx: Ctx, pair: Pair<Rule>) -> Option<HolderSyntax> {
    let span = ctx.span(&pair);
    let mut inner = pair.into_inner();
    let first = inner.next()?;
    Some(match first.as_rule() {
        Rule::kw_each => {
            let level = inner.next()?;
            let word = ctx.word(&level);
            match level.as_rule() {
                Rule::kw_village => HolderSyntax::EachVillage(span, word),
                _ => HolderSyntax::EachTownship(span, word),
            }
        }
        _ => HolderSyntax::Named(ctx.word(&first)),
    })
}

fn item(ctx: Ctx, pair: Pair<Rule>, territorial: bool) -> ItemDecl {
    let span = ctx.span(&pair);
    let code = Word {
        text: String::new(),
        span,
    };
    let mut decl = ItemDecl::new(territorial, code, None, span);
    for part in content(pair) {
        match part.as_rule() {
            Rule::name => decl.code = ctx.word(&part),
            Rule::string => decl.name = Some(ctx.word(&part)),
            Rule::item_clause => {
                let clause_span = ctx.span(&part);
                let kw = first_keyword(&part);
                let Some(value) = content(part).next() else {
                    continue;
                };
                let r = &mut decl.repeated;
                match kw {
                    Some(Rule::kw_list) => set(&mut decl.list, ctx.word(&value), clause_span, r),
                    Some(Rule::kw_type) => {
                        set(&mut decl.power_type, ctx.word(&value), clause_span, r)
                    }
                    Some(Rule::kw_holder) => {
                        if let Some(h) = holder(ctx, value) {
                            set(&mut decl.holder, h, clause_span, r);
                        }
                    }
                    Some(Rule::kw_basis) => decl.basis.push(ctx.word(&value)),
                    Some(Rule::kw_flags) => decl.flags.extend(words(ctx, value)),
                    Some(Rule::kw_parts) => decl.parts.extend(words(ctx, value)),
                    Some(Rule::kw_primary) => {
                        set(&mut decl.primary, ctx.word(&value), clause_span, r);
                        decl.primary_clause = Some(clause_span);
                    }
                    _ => set(&mut decl.township_duties, words(ctx, value), clause_span, r),
                }
            }
            _ => {}
        }
    }
    decl
}

fn targets(ctx: Ctx, pair: Pair<Rule>) -> Vec<TargetSyntax> {
    content(pair)
        .filter_map(|target| {
            let span = ctx.span(&target);
            let (mut county, mut class, mut kind) = (None, None, None);
            for part in target.into_inner() {
                match part.as_rule() {
                    Rule::name => county = Some(ctx.word(&part)),
                    Rule::class_value | Rule::class_word => class = Some(ctx.word(&part)),
                    Rule::kw_township => kind = Some(ctx.word(&part)),
                    _ => {}
                }
            }
            match (county, class, kind) {
                (Some(name), None, None) => Some(TargetSyntax::Named(name)),
                (None, None, None) => None,
                (county, class, kind) => Some(TargetSyntax::Class {
                    county,
                    class,
                    kind,
                    span,
                }),
            }
        })
        .collect()
}

fn delegation(ctx: Ctx, pair: Pair<Rule>) -> DelegationDecl {
    let span = ctx.span(&pair);
    let mut decl = DelegationDecl {
        kind: DelegationKind::Grant,
        items: Vec::new(),
        from: None,
        to: None,
        since: None,
        until: None,
        basis: None,
        instrument: None,
        reserve: Vec::new(),
        repeated: Vec::new(),
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::deleg_kind => {
                decl.kind = match part.into_inner().next().map(|k| k.as_rule()) {
                    Some(Rule::kw_entrust) => DelegationKind::Entrust,
                    Some(Rule::kw_statutory) => DelegationKind::Statutory,
                    Some(Rule::kw_revoke) => DelegationKind::Revoke,
                    _ => DelegationKind::Grant,
                }
            }
            Rule::names => decl.items = words(ctx, part),
            Rule::deleg_clause => {
                let clause_span = ctx.span(&part);
                let kw = first_keyword(&part);
                let Some(value) = content(part).next() else {
                    continue;
                };
                let r = &mut decl.repeated;
                match kw {
                    Some(Rule::kw_from) => set(&mut decl.from, targets(ctx, value), clause_span, r),
                    Some(Rule::kw_to) => set(&mut decl.to, targets(ctx, value), clause_span, r),
                    Some(Rule::kw_since) => set(&mut decl.since, ctx.word(&value), clause_span, r),
                    Some(Rule::kw_until) => set(&mut decl.until, ctx.word(&value), clause_span, r),
                    Some(Rule::kw_basis) => set(&mut decl.basis, ctx.word(&value), clause_span, r),
                    Some(Rule::kw_instrument) => {
                        set(&mut decl.instrument, ctx.word(&value), clause_span, r)
                    }
                    _ => decl.reserve.extend(words(ctx, value)),
                }
            }
            _ => {}
        }
    }
    decl
}

fn topic(ctx: Ctx, pair: Pair<Rule>) -> TopicDecl {
    let span = ctx.span(&pair);
    let mut decl = TopicDecl {
        name: Word {
            text: String::new(),
            span,
        },
        region: None,
        facts: Vec::new(),
        span,
    };
    for part in content(pair) {
        match part.as_rule() {
            Rule::name if decl.name.text.is_empty() => decl.name = ctx.word(&part),
            Rule::name => decl.region = Some(ctx.word(&part)),
            Rule::fact_decl => {
                let fact_span = ctx.span(&part);
                let mut names = content(part).map(|p| ctx.word(&p));
                if let Some(name) = names.next() {
                    decl.facts.push(FactDecl {
                        name,
                        values: names.collect(),
                        span: fact_span,
                    });
                }
            }
            _ => {}
        }
    }
    decl
}

fn expr(ctx: Ctx, pair: Pair<Rule>) -> Option<Expr> {
    match pair.as_rule() {
        Rule::expr | Rule::and_expr => {
            let is_or = pair.as_rule() == Rule::expr;
            let mut parts: Vec<Expr> = content(pair).filter_map(|p| expr(ctx, p)).collect();
            if parts.len() == 1 {
                return parts.pop();
            }
            Some(if is_or {
                Expr::Or(parts)
            } else {
                Expr::And(parts)
            })
        }
        Rule::unary | Rule::primary => content(pair).next().and_then(|p| expr(ctx, p)),
        Rule::not_expr => content(pair)
            .next()
            .and_then(|p| expr(ctx, p))
            .map(|e| Expr::Not(Box::new(e))),
        Rule::comparison => {
            let mut inner = pair.into_inner();
            let fact = ctx.word(&inner.next()?);
            let op = inner.next()?;
            let value = inner.next()?;
            Some(match op.as_rule() {
                Rule::ne_op => Expr::Ne {
                    fact,
                    value: ctx.word(&value),
                },
                Rule::eq_op => Expr::Eq {
                    fact,
                    value: ctx.word(&value),
                },
                _ => Expr::In {
                    fact,
                    values: words(ctx, value),
                },
            })
        }
        _ => None,
    }
}

fn role(ctx: Ctx, pair: Pair<Rule>) -> Option<RoleSyntax> {
    let span = ctx.span(&pair);
    let mut inner = pair.into_inner();
    let first = inner.next()?;
    Some(match first.as_rule() {
        Rule::kw_lead => RoleSyntax::Lead(span),
        Rule::kw_handler => RoleSyntax::HandlerOf(ctx.word(&inner.next()?)),
        _ => RoleSyntax::Named(ctx.word(&first)),
    })
}

fn scenario(ctx: Ctx, pair: Pair<Rule>) -> ScenarioDecl {
    let span = ctx.span(&pair);
    let blank = Word {
        text: String::new(),
        span,
    };
    let mut decl = ScenarioDecl {
        id: blank,
        name: None,
        topic: None,
        overrides: Vec::new(),
        otherwise: false,
        when: None,
        lead: None,
        assist: Vec::new(),
        township_duties: Vec::new(),
        flow: Vec::new(),
        repeated: Vec::new(),
        span,
    };
    for part in content(pair) {
        let part_span = ctx.span(&part);
        match part.as_rule() {
            Rule::name => decl.id = ctx.word(&part),
            Rule::string => decl.name = Some(ctx.word(&part)),
            Rule::scenario_head => match first_keyword(&part) {
                Some(Rule::kw_otherwise) => decl.otherwise = true,
                Some(Rule::kw_overrides) => decl
                    .overrides
                    .extend(content(part).flat_map(|p| words(ctx, p))),
                _ => {
                    if let Some(topic) = content(part).next() {
                        set(
                            &mut decl.topic,
                            ctx.word(&topic),
                            part_span,
                            &mut decl.repeated,
                        );
                    }
                }
            },
            Rule::scenario_clause => {
                let kw = first_keyword(&part);
                let Some(value) = content(part).next() else {
                    continue;
                };
                let r = &mut decl.repeated;
                match kw {
                    Some(Rule::kw_when) => {
                        if let Some(e) = expr(ctx, value) {
                            set(&mut decl.when, e, part_span, r);
                        }
                    }
                    Some(Rule::kw_lead) => {
                        if let Some(role) = role(ctx, value) {
                            set(&mut decl.lead, role, part_span, r);
                        }
                    }
                    Some(Rule::kw_assist) => decl
                        .assist
                        .extend(content(value).filter_map(|p| role(ctx, p))),
                    Some(Rule::kw_flow) => decl
                        .flow
                        .extend(content(value).filter_map(|p| step(ctx, p))),
                    _ => decl.township_duties.extend(words(ctx, value)),
                }
            }
            _ => {}
        }
    }
    decl
}

fn step(ctx: Ctx, pair: Pair<Rule>) -> Option<StepSyntax> {
    let span = ctx.span(&pair);
    let mut parts = content(pair);
    let action = ctx.word(&parts.next()?);
    let mut out = StepSyntax {
        action,
        actor: None,
        limit: None,
        span,
    };
    for part in parts {
        match part.as_rule() {
            Rule::role => out.actor = role(ctx, part),
            Rule::duration => out.limit = Some(ctx.word(&part)),
            _ => {}
        }
    }
    Some(out)
}

fn ladder(ctx: Ctx, pair: Pair<Rule>) -> LadderDecl {
    let span = ctx.span(&pair);
    let mut decl = LadderDecl {
        name: Word {
            text: String::new(),
            span,
        },
        region: None,
        levels: Vec::new(),
        span,
    };
    for part in content(pair) {
        match part.as_rule() {
            Rule::name if decl.name.text.is_empty() => decl.name = ctx.word(&part),
            Rule::name => decl.region = Some(ctx.word(&part)),
            Rule::level_decl => decl.levels.push(level(ctx, part)),
            _ => {}
        }
    }
    decl
}

fn level(ctx: Ctx, pair: Pair<Rule>) -> LevelDecl {
    let span = ctx.span(&pair);
    let mut decl = LevelDecl {
        severity: Word {
            text: String::new(),
            span,
        },
        closes: None,
        by: None,
        review: None,
        within: None,
        next: None,
        span,
    };
    for part in content(pair) {
        match part.as_rule() {
            Rule::name => decl.severity = ctx.word(&part),
            Rule::level_clause => {
                let kw = first_keyword(&part);
                let Some(value) = content(part).next() else {
                    continue;
                };
                match kw {
                    Some(Rule::kw_closes) => {
                        let close = value.into_inner().next();
                        decl.closes = close.map(|c| match c.as_rule() {
                            Rule::kw_grid => CloseSyntax::Grid,
                            Rule::kw_village => CloseSyntax::Village,
                            Rule::kw_township => CloseSyntax::Township,
                            Rule::kw_department => CloseSyntax::Department,
                            _ => CloseSyntax::Named(ctx.word(&c)),
                        });
                    }
                    Some(Rule::kw_by) => decl.by = role(ctx, value),
                    Some(Rule::kw_review) => decl.review = role(ctx, value),
                    Some(Rule::kw_within) => decl.within = Some(ctx.word(&value)),
                    _ => decl.next = Some(ctx.word(&value)),
                }
            }
            _ => {}
        }
    }
    decl
}

fn accept(ctx: Ctx, pair: Pair<Rule>) -> AcceptDecl {
    let span = ctx.span(&pair);
    let mut decl = AcceptDecl {
        points: Vec::new(),
        items: None,
        from: Vec::new(),
        span,
    };
    for clause in content(pair) {
        let kw = first_keyword(&clause);
        let Some(value) = content(clause).next() else {
            continue;
        };
        match kw {
            Some(Rule::kw_at) => decl.points.extend(words(ctx, value)),
            Some(Rule::kw_from) => decl.from.extend(words(ctx, value)),
            _ => {
                let selector_kw = first_keyword(&value);
                decl.items = Some(match selector_kw {
                    Some(Rule::kw_all) => SelectorSyntax::All,
                    Some(_) => match content(value).next() {
                        Some(list) => SelectorSyntax::List(ctx.word(&list)),
                        None => SelectorSyntax::All,
                    },
                    None => {
                        SelectorSyntax::Items(content(value).flat_map(|p| words(ctx, p)).collect())
                    }
                });
            }
        }
    }
    decl
}

fn org(ctx: Ctx, pair: Pair<Rule>) -> Option<OrgDecl> {
    let span = ctx.span(&pair);
    let kw = first_keyword(&pair);
    let mut region = None;
    let mut limits = Vec::new();
    let mut listed = Vec::new();
    for part in content(pair) {
        match part.as_rule() {
            Rule::limit_pair => {
                let mut pieces = content(part).map(|p| ctx.word(&p));
                if let (Some(class), Some(number)) = (pieces.next(), pieces.next()) {
                    limits.push((class, number));
                }
            }
            Rule::name_list => listed = words(ctx, part),
            Rule::name => region = Some(ctx.word(&part)),
            _ => {}
        }
    }
    Some(match kw? {
        Rule::kw_office_limit => OrgDecl::OfficeLimit {
            limits,
            region,
            span,
        },
        Rule::kw_approved => OrgDecl::ApprovedDuties {
            duties: listed,
            region,
            span,
        },
        _ => OrgDecl::RequiredOffices {
            offices: listed,
            region,
            span,
        },
    })
}

fn test(ctx: Ctx, pair: Pair<Rule>) -> Option<TestDecl> {
    let span = ctx.span(&pair);
    let mut parts = content(pair);
    let name = ctx.word(&parts.next()?);
    let query = query(ctx, parts.next()?)?;
    let expects = parts.filter_map(|p| expectation(ctx, p)).collect();
    Some(TestDecl {
        name,
        query,
        expects,
        span,
    })
}

fn query(ctx: Ctx, pair: Pair<Rule>) -> Option<QuerySyntax> {
    let span = ctx.span(&pair);
    let kind = match first_keyword(&pair)? {
        Rule::kw_who => QueryKind::Who,
        Rule::kw_can => QueryKind::Can,
        Rule::kw_scenario => QueryKind::Scenario,
        Rule::kw_escalate => QueryKind::Escalate,
        Rule::kw_duties => QueryKind::Duties,
        _ => QueryKind::Accept,
    };
    let mut q = QuerySyntax {
        kind,
        args: Vec::new(),
        at: None,
        on: None,
        part: None,
        facts: Vec::new(),
        level: None,
        item: None,
        topic: None,
        resident: None,
        span,
    };
    for part in content(pair) {
        match part.as_rule() {
            Rule::name => q.args.push(ctx.word(&part)),
            Rule::query_clause => {
                let kw = first_keyword(&part);
                let values: Vec<Pair<Rule>> = content(part).collect();
                if kw == Some(Rule::kw_with) {
                    for fv in values {
                        // `eq_op` is a token of its own: keep the two names around it.
                        let mut pieces = content(fv)
                            .filter(|p| p.as_rule() == Rule::name)
                            .map(|p| ctx.word(&p));
                        if let (Some(k), Some(v)) = (pieces.next(), pieces.next()) {
                            q.facts.push((k, v));
                        }
                    }
                    continue;
                }
                let Some(value) = values.first().map(|v| ctx.word(v)) else {
                    continue;
                };
                let slot = match kw {
                    Some(Rule::kw_at) => &mut q.at,
                    Some(Rule::kw_on_date) => &mut q.on,
                    Some(Rule::kw_part) => &mut q.part,
                    Some(Rule::kw_level) => &mut q.level,
                    Some(Rule::kw_item) => &mut q.item,
                    Some(Rule::kw_topic) => &mut q.topic,
                    _ => &mut q.resident,
                };
                *slot = Some(value);
            }
            _ => {}
        }
    }
    Some(q)
}

fn expectation(ctx: Ctx, pair: Pair<Rule>) -> Option<ExpectSyntax> {
    let span = ctx.span(&pair);
    let mut parts = content(pair);
    let first = parts.next()?;
    if first.as_rule() == Rule::expect_flag {
        let flag = match first.into_inner().next()?.as_rule() {
            Rule::kw_allow => "allow",
            Rule::kw_deny => "deny",
            Rule::kw_no_match => "no-match",
            Rule::kw_needs_facts => "needs-facts",
            Rule::kw_ambiguous => "ambiguous",
            Rule::kw_conflict => "conflict",
            _ => "error",
        };
        return Some(ExpectSyntax::Flag(flag, span));
    }
    let word = ctx.word(&first);
    let args = parts.flat_map(|p| words(ctx, p)).collect();
    Some(ExpectSyntax::Word { word, args, span })
}

/// The first pair of a successful parse.
pub fn single(mut pairs: Pairs<Rule>) -> Option<Pair<Rule>> {
    pairs.next()
}
