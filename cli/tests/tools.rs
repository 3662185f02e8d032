//! The drafter tools through the binary: `fmt` (check, stdout, refusal), `diff` of two
//! revisions of the Ningbo set (golden human and JSON output), `graph` of one scenario (golden
//! DOT and Mermaid) and an SVG rendered to PNG and checked for content.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::process::Output;

mod common;
use common::{ask_readme_question, quanze, EXAMPLE};

const BEFORE: &str = "cli/tests/fixtures/ningbo-before";

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn fmt_check_passes_on_the_examples_and_fails_on_a_messy_copy() {
    assert_eq!(quanze(&["fmt", "--check", EXAMPLE]).status.code(), Some(0));
    assert_eq!(quanze(&["fmt", "--check", BEFORE]).status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("quanze-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.qz");
    std::fs::write(&file, "department   A // kept\nunit B   kind office\n").unwrap();
    let path = file.to_str().unwrap();
    let out = quanze(&["fmt", "--check", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("would reformat"));
    let printed = stdout(&quanze(&["fmt", "--stdout", "--keywords", "zh", path]));
    assert_eq!(printed, "部门 A  // kept\n单位 B 种类 内设机构\n");
    stdout(&quanze(&["fmt", path]));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "department A  // kept\nunit B kind office\n"
    );
    assert_eq!(quanze(&["fmt", "--check", path]).status.code(), Some(0));
    std::fs::write(&file, "department A\nitem X { list }\n").unwrap();
    let out = quanze(&["fmt", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Q0001"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "department A\nitem X { list }\n",
        "a file with syntax errors is left alone"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_names_exactly_the_changed_answers() {
    let human = stdout(&quanze(&["diff", BEFORE, EXAMPLE, "--date", "2024-05-01"]));
    insta::assert_snapshot!("diff_human", human);
    let json = stdout(&quanze(&[
        "diff",
        BEFORE,
        EXAMPLE,
        "--date",
        "2024-05-01",
        "--json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let handling = value["handling"].as_array().unwrap();
    assert_eq!(handling.len(), 3);
    assert!(handling.iter().all(|c| c["item"] == "330205-CF-005"
        && c["old"]["mode"] == "entrust"
        && c["new"]["mode"] == "grant"));
    assert_eq!(value["scenarios"].as_array().unwrap().len(), 0);
    insta::assert_snapshot!("diff_json", json);
}

#[test]
fn diff_of_a_rule_set_with_itself_is_empty() {
    let json = stdout(&quanze(&[
        "diff",
        EXAMPLE,
        EXAMPLE,
        "--date",
        "2024-05-01",
        "--json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for kind in ["handling", "scenarios", "duties"] {
        assert_eq!(value[kind], serde_json::json!([]), "{kind}");
    }
}

#[test]
fn scenario_pictures_are_stable() {
    for format in ["dot", "mermaid"] {
        let out = stdout(&quanze(&[
            "graph",
            EXAMPLE,
            "--scenario",
            "CW-07",
            "--format",
            format,
        ]));
        insta::assert_snapshot!(format!("graph_cw07_{format}"), out);
    }
}

#[test]
fn unit_county_and_proof_pictures_draw() {
    let unit = stdout(&quanze(&[
        "graph",
        EXAMPLE,
        "--unit",
        "慈城镇",
        "--date",
        "2024-05-01",
    ]));
    assert!(
        unit.contains("委托") && unit.contains("330205-JC-014"),
        "{unit}"
    );
    let county = stdout(&quanze(&[
        "graph",
        EXAMPLE,
        "--county",
        "江北区",
        "--date",
        "2024-05-01",
        "--format",
        "mermaid",
    ]));
    assert!(county.contains("entrust 330205-JC-014"), "{county}");
    let answer = stdout(&ask_readme_question(EXAMPLE, &["--json"]));
    let file = std::env::temp_dir().join(format!("quanze-proof-{}.json", std::process::id()));
    std::fs::write(&file, answer).unwrap();
    let tree = stdout(&quanze(&[
        "graph",
        EXAMPLE,
        "--proof",
        file.to_str().unwrap(),
        "--format",
        "dot",
    ]));
    std::fs::remove_file(&file).unwrap();
    assert!(
        tree.contains("->") && tree.contains("delegations.qz"),
        "{tree}"
    );
    assert_eq!(
        quanze(&["graph", EXAMPLE, "--unit", "慈城镇"])
            .status
            .code(),
        Some(1),
        "a unit picture needs a date"
    );
}

#[test]
fn svg_renders_to_a_picture_with_content() {
    let svg = stdout(&quanze(&[
        "graph",
        EXAMPLE,
        "--scenario",
        "CW-07",
        "--format",
        "svg",
    ]));
    assert!(svg.contains("Noto Sans CJK SC"));
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(&svg, &options).unwrap();
    let size = tree.size().to_int_size();
    assert!(size.width() > 200 && size.height() > 400, "{size:?}");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let data = pixmap.data();
    let drawn = data
        .chunks(4)
        .filter(|px| px[0] < 200 || px[1] < 200 || px[2] < 200)
        .count();
    let total = data.len() / 4;
    // Boxes, arrows and (where a font is installed) text: clearly more than a blank page, far
    // less than a filled one.
    assert!(drawn * 1000 > total, "only {drawn} of {total} pixels drawn");
    assert!(drawn * 2 < total, "{drawn} of {total} pixels drawn");
    let png = pixmap.encode_png().unwrap();
    assert!(png.len() > 2000, "{} bytes", png.len());
}
