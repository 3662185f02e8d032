//! Turns the parser's failures into diagnostics a drafter understands: what was expected, in
//! words (never a grammar rule's name), a hint when a Chinese input method typed full-width
//! punctuation, and the nearest keyword when the unexpected word is one slip from a keyword.

use super::Rule;
use crate::codes;
use quanze_core::{Diagnostic, SourceId, Span};

/// Full-width characters an IME types in place of the ASCII the language needs.
const FULL_WIDTH: &[(char, &str)] = &[
    ('：', ":"),
    ('，', ","),
    ('；', ";"),
    ('（', "("),
    ('）', ")"),
    ('“', "\""),
    ('”', "\""),
    ('【', "["),
    ('】', "]"),
    ('｛', "{"),
    ('｝', "}"),
    ('｜', "|"),
    ('＝', "="),
    ('－', "-"),
    ('—', "-"),
];

/// The hint for a full-width character, if `c` is one.
pub fn full_width_hint(c: char) -> Option<String> {
    FULL_WIDTH.iter().find(|(wide, _)| *wide == c).map(|(wide, ascii)| {
        format!("`{wide}` is a full-width character, as a Chinese input method types it; write the ASCII `{ascii}` instead")
    })
}

/// What a grammar rule stands for, in a drafter's words.
fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        ident | name | class_value => "a name",
        class_word => "a township class (一般, 较大, 特大)",
        string => "a quoted text such as \"…\"",
        number => "a number",
        date => "a date such as 2024-05-01",
        duration => "a time limit such as 2h, 30min, 3d or 4wd",
        lbrace => "`{`",
        rbrace => "`}`",
        lbrack => "`[`",
        rbrack => "`]`",
        lparen => "`(`",
        rparen => "`)`",
        comma => "`,`",
        colon => "`:`",
        bar => "`|`",
        arrow => "`->`",
        eq_op => "`==`",
        ne_op => "`!=`",
        name_list => "a list such as [a, b]",
        names => "a name or a list of names",
        decl | decl_start => {
            "a declaration (region, department, unit, item, grant, scenario, test …)"
        }
        place_head => "a place (region, township, village, grid …)",
        place_level => "a level (city, county, township, village, grid, micro-grid)",
        place_attr => "`class` or `tags`",
        unit_clause => "`kind`, `of` or `at`",
        item_clause => {
            "an item clause (list, type, holder, basis, flags, parts, primary, township)"
        }
        holder => "a holder (a unit, `each township` or `each village`)",
        target | targets => "a township, a county, or `COUNTY class C`",
        deleg_clause => "a delegation clause (from, to, since, until, basis, instrument, reserve)",
        fact_decl => "`fact NAME: value | value …`",
        expr | and_expr | unary | primary | not_expr | comparison => {
            "a condition such as 地点 == 道路"
        }
        role | roles => "a unit, `lead` or `handler ITEM`",
        step | flow => "a workflow step such as 处置(牵头) 2h",
        scenario_head => "`on TOPIC`, `overrides …` or `otherwise`",
        scenario_clause => "a scenario clause (when, lead, assist, township, flow)",
        close_at => "where the level closes (grid, village, township, department or a unit)",
        level_clause => "a level clause (closes, by, review, within, next)",
        level_decl => "`level NAME …`",
        item_selector => "`all`, `list L` or a list of item codes",
        accept_clause => "`at POINTS`, `items …` or `from …`",
        limit_pair => "a class and a number, such as 一般 6",
        fact_value => "a fact and its value, such as 环节=运输",
        query_clause => "a query clause (at, on, part, with, level, item, topic, resident)",
        test_query => "a query (who, can, scenario, escalate, duties, accept)",
        expect_flag | expectation => "`expect …`",
        _ => return keyword_word(rule),
    })
}

fn keyword_word(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        kw_to => "`to` (给)",
        kw_from => "`from` (由)",
        kw_since => "`since` (自)",
        kw_until => "`until` (至)",
        kw_on_topic => "`on` (属于)",
        kw_on_date => "`on` (于)",
        kw_at => "`at` (在)",
        kw_class => "`class` (类别)",
        kw_township => "`township` (乡镇)",
        kw_village => "`village` (村)",
        kw_each => "`each` (每个)",
        kw_expect => "`expect` (期望)",
        kw_closes => "`closes` (办结)",
        kw_lead => "`lead` (牵头)",
        kw_handler => "`handler` (承办)",
        kw_in => "`in` (属于)",
        kw_and => "`and` (且)",
        kw_or => "`or` (或)",
        kw_not => "`not` (非)",
        _ => return None,
    })
}

fn expected_words(positives: &[Rule]) -> String {
    let mut words: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
    words.dedup();
    let mut unique: Vec<&str> = Vec::new();
    for w in words {
        if !unique.contains(&w) {
            unique.push(w);
        }
    }
    match unique.as_slice() {
        [] => String::from("something else"),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// Help naming the keywords a misspelt word is close to.
fn did_you_mean(keywords: &[&str]) -> Option<String> {
    let quoted: Vec<String> = keywords.iter().map(|k| format!("`{k}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean the keyword {one}?")),
        many => Some(format!(
            "did you mean one of the keywords {}?",
            many.join(", ")
        )),
    }
}

/// The diagnostic for a failed parse of the text at `base` onward.
pub fn syntax_diagnostic(
    source: SourceId,
    text: &str,
    base: usize,
    error: &pest::error::Error<Rule>,
) -> (usize, Diagnostic) {
    let offset = base
        + match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
    let found = text.get(offset..).and_then(|r| r.chars().next());
    let expected = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => expected_words(positives),
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let found_words = match found {
        None => "the end of the file".to_owned(),
        Some(c) if c.is_whitespace() => "a line break".to_owned(),
        Some(c) => {
            let word: String = text
                .get(offset..)
                .unwrap_or("")
                .chars()
                .take_while(|ch| !ch.is_whitespace())
                .take(16)
                .collect();
            if word.chars().count() > 1 && (c.is_alphanumeric() || c == '_') {
                format!("`{word}`")
            } else {
                format!("`{c}`")
            }
        }
    };
    let end = offset + found.map_or(0, char::len_utf8);
    let mut diagnostic = Diagnostic::error(
        codes::SYNTAX,
        format!("expected {expected}, found {found_words}"),
        Span::new(source, offset, end),
    )
    .with_label_here(format!("expected {expected}"));
    let keywords = text.get(offset..).map_or_else(Vec::new, |rest| {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
            .take(32)
            .collect();
        crate::fmt::keywords::nearest_keywords(&word)
    });
    if let Some(hint) = found.and_then(full_width_hint) {
        diagnostic = diagnostic.with_help(hint);
    } else if let Some(help) = did_you_mean(&keywords) {
        diagnostic = diagnostic.with_help(help);
    } else if let Some(c) = text
        .get(base..offset)
        .and_then(|r| r.rsplit('\n').next())
        .and_then(|line| line.chars().rev().find(|c| full_width_hint(*c).is_some()))
    {
        if let Some(hint) = full_width_hint(c) {
            diagnostic = diagnostic.with_help(hint);
        }
    }
    (offset, diagnostic)
}
