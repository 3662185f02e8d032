//! `quanze_core::diff` streams the comparison (only the townships inside an item's scope, only
//! the items that can concern a unit); `diff_exhaustive` asks every question of both sides.
//! They must agree on every pair of rule sets: the generated province against itself, against
//! nothing (so every answer of each side is listed), against edits of one declaration, and the
//! repository's examples against each other. One edit is also checked by hand: a delegation
//! turned from grant into entrustment changes exactly its three townships.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly"
)]

use quanze_benches::{gen::Size, text, Province};
use quanze_core::diff::{diff, diff_exhaustive, RuleSetDiff};
use quanze_core::{Decls, RuleSet, SourceMap};
use std::path::Path;
use time::macros::date;
use time::Date;

const ON: Date = date!(2024 - 05 - 01);

fn compile(files: &[(String, String)]) -> RuleSet {
    let compiled = quanze_dsl::compile_texts(files);
    if let Some(d) = compiled.diagnostics.iter().find(|d| d.is_error()) {
        panic!("does not compile: {}", d.message);
    }
    compiled.rules.unwrap()
}

fn empty() -> RuleSet {
    RuleSet::new(SourceMap::default(), Decls::default()).unwrap()
}

/// The first entry where two lists differ, for the failure message.
fn first_difference<T: PartialEq + std::fmt::Debug>(a: &[T], b: &[T]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "lengths {} and {}; at {at}: {:?} / {:?}",
        a.len(),
        b.len(),
        a.get(at),
        b.get(at)
    )
}

fn agree(name: &str, old: &RuleSet, new: &RuleSet) -> RuleSetDiff {
    let fast = diff(old, new, ON);
    let slow = diff_exhaustive(old, new, ON);
    assert!(
        fast.handling == slow.handling,
        "{name}: handling differs: {}",
        first_difference(&fast.handling, &slow.handling)
    );
    assert!(
        fast.scenarios == slow.scenarios,
        "{name}: scenarios differ: {}",
        first_difference(&fast.scenarios, &slow.scenarios)
    );
    assert!(
        fast.duties == slow.duties,
        "{name}: duties differ: {}",
        first_difference(&fast.duties, &slow.duties)
    );
    fast
}

/// The delegation line with its start moved past `ON`.
fn postponed(line: &str) -> String {
    let (head, tail) = line.split_once(" since ").unwrap();
    format!("{head} since 2025-01-01{}", &tail[10..])
}

fn province() -> Vec<(String, String)> {
    text::files(&Province::generate(Size::S, 1))
}

/// The files with the first `from` of the first file containing it replaced by `to`.
fn edit(files: &[(String, String)], from: &str, to: &str) -> Vec<(String, String)> {
    let mut files = files.to_vec();
    let (_, text) = files
        .iter_mut()
        .find(|(_, t)| t.contains(from))
        .unwrap_or_else(|| panic!("`{from}` is in no file"));
    *text = text.replacen(from, to, 1);
    files
}

/// A grant to three named townships, in force on `ON`, of an item nothing revokes: its line
/// and its item code.
fn grant_to_three(files: &[(String, String)]) -> (String, String) {
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    all.lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("grant ")?;
            let (code, rest) = rest.split_once(" to ")?;
            let since = rest.split_once(" since ")?.1.get(..10)?;
            let in_force = since < "2024-05-01" && !rest.contains(" until ");
            let revoked = all.contains(&format!("revoke {code} "));
            (in_force && !revoked && rest.starts_with('镇'))
                .then(|| (line.to_owned(), code.to_owned()))
        })
        .next()
        .unwrap()
}

#[test]
fn a_grant_turned_into_entrustment_changes_exactly_its_townships() {
    let files = province();
    let (line, code) = grant_to_three(&files);
    let entrusted = line
        .replacen("grant ", "entrust ", 1)
        .replacen(" basis ", " instrument ", 1);
    let old = compile(&files);
    let new = compile(&edit(&files, &line, &entrusted));
    let changes = agree("grant to entrust", &old, &new);
    assert!(changes.scenarios.is_empty());
    // The three townships, as paths.
    let targets = line.split_once(" to ").unwrap().1;
    let targets = targets.split_once(" since ").unwrap().0;
    let mut townships: Vec<String> = targets
        .split(", ")
        .map(|t| {
            let id = new.lookup_place(t).unwrap();
            new.place(id).unwrap().path.clone()
        })
        .collect();
    townships.sort();
    assert_eq!(townships.len(), 3);
    let changed: Vec<(&str, &str)> = changes
        .handling
        .iter()
        .map(|c| (c.item.as_str(), c.township.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = townships
        .iter()
        .map(|t| (code.as_str(), t.as_str()))
        .collect();
    assert_eq!(changed, expected);
    for c in &changes.handling {
        let (old, new) = (c.old.as_ref().unwrap(), c.new.as_ref().unwrap());
        assert_eq!((old.mode.as_str(), new.mode.as_str()), ("grant", "entrust"));
        assert_eq!(old.handler, new.handler);
        assert_eq!(old.in_name_of, old.handler);
        assert_ne!(new.in_name_of, new.handler);
    }
    // Each township government's list swaps the one entry; nobody else's changes.
    assert_eq!(changes.duties.len(), 3);
    for c in &changes.duties {
        assert_eq!(c.removed, vec![format!("basic {code} grant")]);
        assert_eq!(c.added, vec![format!("basic {code} entrust")]);
    }
}

#[test]
fn the_streaming_diff_agrees_with_the_exhaustive_one_on_the_province() {
    let files = province();
    let rules = compile(&files);
    let nothing = empty();
    assert!(agree("itself", &rules, &rules).is_empty());
    let everything = agree("from nothing", &nothing, &rules);
    assert!(everything.handling.len() > 10_000);
    assert!(everything.duties.len() >= 90, "{}", everything.duties.len());
    agree("to nothing", &rules, &nothing);

    let (grant, code) = grant_to_three(&files);
    let township = files
        .iter()
        .find_map(|(_, t)| {
            let start = t.find("  township 镇0001-01 ")?;
            let end = start + t[start..].find("\n  }\n")? + "\n  }\n".len();
            Some(t[start..end].to_owned())
        })
        .unwrap();
    let edits: Vec<(&str, Vec<(String, String)>)> = vec![
        (
            "delegation removed",
            edit(&files, &format!("{grant}\n"), ""),
        ),
        (
            "delegation not yet in force",
            edit(&files, &grant, &postponed(&grant)),
        ),
        (
            "revocation added",
            edit(
                &files,
                &format!("{grant}\n"),
                &format!(
                    "{grant}\n  revoke {code} from {} since 2023-12-31 basis \"撤回\"\n",
                    grant
                        .split_once(" to ")
                        .unwrap()
                        .1
                        .split(", ")
                        .next()
                        .unwrap()
                ),
            ),
        ),
        (
            "township class changed",
            edit(
                &files,
                "township 镇0001-02 class 较大",
                "township 镇0001-02 class 一般",
            ),
        ),
        (
            "township added",
            edit(
                &files,
                &township,
                &format!(
                    "{township}{}",
                    township
                        .replace("镇0001-01", "镇0001-99")
                        .replace("村0001-01", "村0001-99")
                ),
            ),
        ),
        (
            "item renamed",
            edit(&files, "item X0001-01-0001 ", "item X0001-01-0001A "),
        ),
        (
            "scenario township duties changed",
            edit(
                &files,
                "assist 住房和城乡建设局  township [发现, 报告]",
                "assist 住房和城乡建设局  township [发现, 劝阻]",
            ),
        ),
        (
            "scenario renamed",
            edit(&files, "scenario S0001-1 ", "scenario S0001-1A "),
        ),
        (
            "scenario lead changed",
            edit(
                &files,
                "lead 综合行政执法局  assist 住房和城乡建设局",
                "lead 水利局  assist 住房和城乡建设局",
            ),
        ),
    ];
    for (name, edited) in edits {
        let new = compile(&edited);
        let forward = agree(name, &rules, &new);
        assert!(!forward.is_empty(), "{name}: the edit changes some answer");
        agree(name, &new, &rules);
    }
}

#[test]
fn the_streaming_diff_agrees_with_the_exhaustive_one_on_the_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("rules-examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.push(root.join("cli/tests/fixtures/ningbo-before"));
    dirs.sort();
    let sets: Vec<(String, RuleSet)> = dirs
        .iter()
        .map(|d| {
            let compiled = quanze_dsl::compile_path(d);
            (d.display().to_string(), compiled.rules.unwrap())
        })
        .collect();
    assert!(sets.len() >= 6);
    let nothing = empty();
    for (a, old) in &sets {
        agree(a, &nothing, old);
        for (b, new) in &sets {
            agree(&format!("{a} → {b}"), old, new);
        }
    }
}
