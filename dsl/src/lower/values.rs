//! Words with fixed meanings in value positions: dates, time limits, classes, lists, power
//! types, unit kinds, flags, role words and expectation words, in both languages.

use crate::ast::Word;
use crate::codes;
use quanze_core::{Date, Diagnostic, Duration, DurationUnit, Kinds, PlaceKind, PlaceLevel, Role};

/// Reads `YYYY-MM-DD` with the parser every surface uses ([`quanze_core::request::parse_date`]),
/// reporting a word that is not a day of the calendar.
pub fn date(word: &Word) -> Result<Date, Box<Diagnostic>> {
    quanze_core::request::parse_date(&word.text).ok_or_else(|| {
        Box::new(
            Diagnostic::error(
                codes::INVALID_DATE,
                format!("`{}` is not a valid date", word.text),
                word.span,
            )
            .with_label_here("no such day")
            .with_help("write a calendar day as YYYY-MM-DD, e.g. 2024-05-01"),
        )
    })
}

/// Parses a time limit such as `2h`, `30min`, `3d`, `4wd`, `7个工作日`.
pub fn duration(word: &Word) -> Result<Duration, Box<Diagnostic>> {
    let digits: String = word.text.chars().take_while(char::is_ascii_digit).collect();
    let suffix = word.text.get(digits.len()..).unwrap_or("");
    let unit = DurationUnit::from_suffix(suffix);
    match (digits.parse::<u32>(), unit) {
        (Ok(amount), Some(unit)) => Ok(Duration { amount, unit }),
        _ => Err(Box::new(
            Diagnostic::error(
                codes::INVALID_VALUE,
                format!("`{}` is not a time limit", word.text),
                word.span,
            )
            .with_help(
                "write a number and a unit: min, h, d, wh (working hours) or wd (working days)",
            ),
        )),
    }
}

/// An unknown word in a place that takes one of `known`.
pub fn unknown_word(what: &str, word: &Word, known: &[&str]) -> Diagnostic {
    let suggestions = quanze_core::names::suggest(&word.text, known.iter().copied());
    let mut d = Diagnostic::error(
        codes::UNKNOWN_WORD,
        format!("unknown {what} `{}`", word.text),
        word.span,
    )
    .with_label_here(format!("not a {what}"));
    d = match suggestions.first() {
        Some(s) => d.with_help(format!(
            "did you mean `{s}`? the {what}s are: {}",
            known.join(", ")
        )),
        None => d.with_help(format!("the {what}s are: {}", known.join(", "))),
    };
    d
}

/// The words that name a level in a role (a workflow actor, `lead`, `by`, `review`): the grid
/// post, the village committee or the township government at the place, whichever unit that is.
pub const LEVEL_WORDS: &[(&str, PlaceLevel)] = &[
    ("网格员", PlaceLevel::Grid),
    ("网格", PlaceLevel::Grid),
    ("grid", PlaceLevel::Grid),
    ("grid-worker", PlaceLevel::Grid),
    ("网格长", PlaceLevel::Grid),
    ("村", PlaceLevel::Village),
    ("社区", PlaceLevel::Village),
    ("村社", PlaceLevel::Village),
    ("村委会", PlaceLevel::Village),
    ("村(社区)", PlaceLevel::Village),
    ("village", PlaceLevel::Village),
    ("街道", PlaceLevel::Township),
    ("乡镇", PlaceLevel::Township),
    ("镇", PlaceLevel::Township),
    ("乡", PlaceLevel::Township),
    ("镇街", PlaceLevel::Township),
    ("township", PlaceLevel::Township),
];

/// The role a workflow actor's word names, when it names a level rather than a unit.
pub fn level_role(text: &str) -> Option<Role> {
    LEVEL_WORDS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, level)| Role::Level(*level))
}

/// The kinds a township or village word selects in `each …` and in targets: a kind's name (乡,
/// 镇, 街道, 社区) selects that kind only; the level's names (`township`, 乡镇, `village`, 村)
/// select every kind.
pub fn selector_kinds(word: &str) -> Kinds {
    match word {
        "乡" => Kinds::of(&[PlaceKind::Xiang]),
        "镇" => Kinds::of(&[PlaceKind::Zhen]),
        "街道" => Kinds::of(&[PlaceKind::Jiedao]),
        "社区" => Kinds::of(&[PlaceKind::Shequ]),
        _ => Kinds::ANY,
    }
}

/// A township's or village's kind: the one its name ends with (`慈城镇`, `湾头社区`), else the
/// one its declaring word names (`街道 XX`, `社区 XX`; 乡镇 and 村 name the level, not a kind);
/// `None` when neither tells.
pub fn place_kind(level: PlaceLevel, keyword: &str, name: &str) -> Option<PlaceKind> {
    PlaceKind::from_name(level, name).or_else(|| {
        let mut named = selector_kinds(keyword).iter();
        named.next().filter(|k| k.level() == level)
    })
}

/// The flags an item may carry.
pub const NON_DELEGABLE: &[&str] = &["non-delegable", "不得下放", "不可下放"];

/// Expectation words and the English name the model uses.
pub const EXPECT_WORDS: &[(&str, &str)] = &[
    ("handler", "handler"),
    ("承办", "handler"),
    ("mode", "mode"),
    ("方式", "mode"),
    ("name", "name"),
    ("名义", "name"),
    ("executor", "executor"),
    ("执行", "executor"),
    ("cooperate", "cooperate"),
    ("配合", "cooperate"),
    ("lead", "lead"),
    ("牵头", "lead"),
    ("assist", "assist"),
    ("协同", "assist"),
    ("scenario", "scenario"),
    ("场景", "scenario"),
    ("includes", "includes"),
    ("包含", "includes"),
    ("point", "point"),
    ("受理点", "point"),
    ("closes", "closes"),
    ("办结", "closes"),
];
