//! A rule set never reads outside its directory: links leaving it, and links to directories,
//! are refused with a diagnostic; unreadable and non-UTF-8 files are reported, not skipped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::path::PathBuf;

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quanze-confine-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const OK: &str = "region 江北区 county { department 住建局 }\n";

fn messages(dir: &std::path::Path) -> (bool, Vec<String>) {
    let compiled = quanze_dsl::compile_path(dir);
    (
        compiled.rules.is_some(),
        compiled
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect(),
    )
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_directory_is_refused() {
    let outside = fresh("outside");
    std::fs::write(outside.join("secret.qz"), "department 外部 at 某地\n").unwrap();
    let dir = fresh("inside");
    std::fs::write(dir.join("a.qz"), OK).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.qz"), dir.join("b.qz")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("sub")).unwrap();
    let (compiled, found) = messages(&dir);
    assert!(!compiled);
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("Q0003") && m.contains("b.qz") && m.contains("outside")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("Q0003") && m.contains("sub")),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_directory_is_read() {
    let dir = fresh("link-in");
    std::fs::create_dir_all(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/a.txt"), OK).unwrap();
    std::os::unix::fs::symlink(dir.join("real/a.txt"), dir.join("a.qz")).unwrap();
    let (compiled, found) = messages(&dir);
    assert!(compiled, "{found:?}");
}

#[test]
fn files_are_read_in_sorted_order_and_non_utf8_is_reported() {
    let dir = fresh("order");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(
        dir.join("b/2.qz"),
        "item X \"x\" { list power holder 住建局 }\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.qz"), OK).unwrap();
    let compiled = quanze_dsl::compile_path(&dir);
    let paths: Vec<_> = compiled
        .sources
        .files()
        .iter()
        .map(|f| f.path.clone())
        .collect();
    assert_eq!(paths, vec!["a.qz", "b/2.qz"]);
    assert!(compiled.rules.is_some());
    std::fs::write(dir.join("c.qz"), [0xff, 0xfe, 0x00]).unwrap();
    let (compiled, found) = messages(&dir);
    assert!(!compiled);
    assert!(
        found
            .iter()
            .any(|m| m.contains("c.qz") && m.contains("not UTF-8")),
        "{found:?}"
    );
}

#[test]
fn a_missing_path_or_an_empty_directory_is_an_error() {
    let (compiled, found) = messages(std::path::Path::new("/nonexistent/quanze"));
    assert!(!compiled && found[0].starts_with("Q0003"), "{found:?}");
    let (compiled, found) = messages(&fresh("empty"));
    assert!(!compiled && found[0].contains("no .qz file"), "{found:?}");
}
