//! Formatter cases: input above, expected output below, each also formatted twice.

use super::{format_text, Lang, Options};
use quanze_core::SourceId;

fn check_with(keywords: Option<Lang>, input: &str, expect: &str) {
    let once = format_text(SourceId(0), input, Options { keywords }).unwrap();
    assert_eq!(once, expect, "formatted:\n{once}");
    let twice = format_text(SourceId(0), &once, Options { keywords }).unwrap();
    assert_eq!(twice, once, "not idempotent:\n{twice}");
}

fn check(input: &str, expect: &str) {
    check_with(None, input, expect);
}

#[test]
fn trailing_leading_and_closing_comments() {
    check(
        "// head\n\n\nregion A city {   // opens\n  department B // trailing\n  // before C\n  department C\n  // at the end\n}\n// eof\n",
        "// head\n\nregion A city {  // opens\n  department B  // trailing\n  // before C\n  department C\n  // at the end\n}\n// eof\n",
    );
}

#[test]
fn comments_inside_a_clause_move_before_its_line() {
    check(
        "item X \"n\" {\n  list /* which */ 权力 type 行政许可\n  holder A\n}\n",
        "item X \"n\" {\n  /* which */\n  list 权力  type 行政许可  holder A\n}\n",
    );
}

#[test]
fn blank_lines_between_declarations_are_kept_once() {
    check(
        "department A\n\n\n\ndepartment B\ndepartment C\n",
        "department A\n\ndepartment B\ndepartment C\n",
    );
}

#[test]
fn names_are_quoted_only_where_needed() {
    check(
        "department \"住建局\"\ndepartment \"a b\"\nunit \"村\" kind office at A/\"B\"\n",
        "department 住建局\ndepartment \"a b\"\nunit \"村\" kind office at A/B\n",
    );
    check(
        "item X \"say \\\"hi\\\" \\\\ there\" { holder A }\n",
        "item X \"say \\\"hi\\\" \\\\ there\" {\n  holder A\n}\n",
    );
}

#[test]
fn conditions_keep_their_tree() {
    check(
        "scenario S on T { when (a == x) and (b == y or not (c == z and d != w)) or e in [p] }\n",
        "scenario S on T {\n  when a == x and (b == y or not (c == z and d != w)) or e in [p]\n}\n",
    );
    check(
        "scenario S on T { when a == x and (b == y and c == z) }\n",
        "scenario S on T {\n  when a == x and (b == y and c == z)\n}\n",
    );
}

#[test]
fn regions_of_places_only_stay_on_one_line() {
    check(
        "region A county { township B { village C { grid D grid E } } }\n",
        "region A county { township B { village C { grid D grid E } } }\n",
    );
    check(
        "region A county { township B { department X } }\n",
        "region A county {\n  township B {\n    department X\n  }\n}\n",
    );
}

#[test]
fn keywords_and_fixed_words_translate() {
    check_with(
        Some(Lang::Zh),
        "region A county {\n  township 街道甲 class large\n  unit X kind office\n}\ngrant I to A class large since 2024-01-01 basis \"d\"\n",
        "区域 A 县 {\n  乡镇 街道甲 类别 较大\n  单位 X 种类 内设机构\n}\n赋权 I 给 A 较大 乡镇 自 2024-01-01 依据 \"d\"\n",
    );
    check_with(
        Some(Lang::En),
        "区域 A 区 { 街道 B 乡镇 C镇 }\n场景 S 属于 T { 流程 a(牵头) 30分钟 → b }\n",
        // `街道 B` is the only place B's kind is written: English keeps the word, since
        // `township B` would be a township of unknown kind; `C镇` tells its kind by its name.
        "region A county { 街道 B township C镇 }\nscenario S on T {\n  flow a(lead) 30min -> b\n}\n",
    );
}

#[test]
fn chinese_level_synonyms_are_kept() {
    check("区域 A 区 { 街道 B 镇 C }\n", "区域 A 区 { 街道 B 镇 C }\n");
}

#[test]
fn long_delegations_break_before_basis() {
    let basis = "很长的依据".repeat(12);
    check(
        &format!("grant I to A since 2024-01-01 basis \"{basis}\" reserve [p]\n"),
        &format!("grant I to A since 2024-01-01\n  basis \"{basis}\"\n  reserve [p]\n"),
    );
}
