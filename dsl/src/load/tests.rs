//! The loader against a hostile directory: links swapped between the check and the read, FIFOs,
//! files longer than they claimed, and entries that are not rule files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use super::*;
use std::os::unix::fs::symlink;

const OK: &str = "region 江北区 county { department 住建局 }\n";

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quanze-load-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

fn found(root: &Path) -> (Vec<Found>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    walk(root, root, &mut found, &mut problems, 0);
    found.sort();
    (found, problems)
}

#[test]
fn a_link_swapped_after_the_check_is_not_read() {
    let outside = fresh("swap-outside");
    std::fs::write(outside.join("secret.txt"), "SECRET CONTENT").unwrap();
    let dir = fresh("swap");
    std::fs::write(dir.join("real.txt"), OK).unwrap();
    symlink(dir.join("real.txt"), dir.join("a.qz")).unwrap();
    std::fs::write(dir.join("b.qz"), OK).unwrap();
    let (files, problems) = found(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(files.len(), 2);
    // Between the walk and the read, the link is pointed outside and the plain file becomes a
    // link to the same secret.
    std::fs::remove_file(dir.join("a.qz")).unwrap();
    symlink(outside.join("secret.txt"), dir.join("a.qz")).unwrap();
    std::fs::remove_file(dir.join("b.qz")).unwrap();
    symlink(outside.join("secret.txt"), dir.join("b.qz")).unwrap();
    let mut problems = Vec::new();
    for file in &files {
        assert_eq!(read(file, "x.qz", &mut problems), None, "{file:?}");
    }
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().all(|p| !p.contains("SECRET")),
        "{problems:?}"
    );
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = fresh("fifo");
    std::fs::write(dir.join("a.qz"), OK).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("b.qz"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let (send, receive) = std::sync::mpsc::channel();
    let path = dir.clone();
    std::thread::spawn(move || {
        let _ = send.send(compile_path(&path));
    });
    let compiled = receive
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("reading a FIFO blocked");
    assert!(compiled.rules.is_none());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.message.contains("b.qz") && d.message.contains("regular file")),
        "{:?}",
        compiled.diagnostics
    );
}

#[test]
fn the_size_limit_holds_for_the_bytes_read() {
    let data = vec![b'a'; 100];
    assert_eq!(read_at_most(&data[..], 100).unwrap(), Some(data.clone()));
    assert_eq!(read_at_most(&data[..], 99).unwrap(), None);
    // A device claims no length at all.
    let zero = std::fs::File::open("/dev/zero").unwrap();
    assert_eq!(read_at_most(zero, 1000).unwrap(), None);
}

#[test]
fn entries_that_are_not_rule_files_are_passed_over() {
    let outside = fresh("other-outside");
    std::fs::write(outside.join("LICENSE"), "text").unwrap();
    let dir = fresh("other");
    std::fs::write(dir.join("a.qz"), OK).unwrap();
    symlink(dir.join("missing"), dir.join("notes.txt")).unwrap();
    symlink(outside.join("LICENSE"), dir.join("LICENSE")).unwrap();
    symlink("someone@host.1234:1700000000", dir.join(".#a.qz")).unwrap();
    let compiled = compile_path(&dir);
    assert!(compiled.rules.is_some(), "{:?}", compiled.diagnostics);
    // A `.qz` link leaving the directory is still refused.
    symlink(outside.join("LICENSE"), dir.join("b.qz")).unwrap();
    let compiled = compile_path(&dir);
    assert!(compiled.rules.is_none());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.message.contains("b.qz") && d.message.contains("outside")),
        "{:?}",
        compiled.diagnostics
    );
}

#[test]
fn a_config_map_mount_is_read_once() {
    // The layout Kubernetes gives a mounted ConfigMap.
    let dir = fresh("configmap");
    let data = dir.join("..2026_12_04_10_00_00.1");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("a.qz"), OK).unwrap();
    symlink("..2026_12_04_10_00_00.1", dir.join("..data")).unwrap();
    symlink("..data/a.qz", dir.join("a.qz")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/old.qz"), OK).unwrap();
    let compiled = compile_path(&dir);
    assert!(compiled.rules.is_some(), "{:?}", compiled.diagnostics);
    assert_eq!(compiled.sources.files().len(), 1);
}

#[test]
fn a_stopped_compile_gives_up_between_files() {
    let files: Vec<(String, String)> = (0..10)
        .map(|i| (format!("{i}.qz"), OK.to_owned()))
        .collect();
    let asked = std::cell::Cell::new(0);
    let stop = || {
        asked.set(asked.get() + 1);
        asked.get() > 3
    };
    assert!(check_texts_until(files.clone(), &stop).is_none());
    // It was asked before the fourth file and not again: the other files were never parsed.
    assert_eq!(asked.get(), 4);
    let full = check_texts_until(files.clone(), &|| false).unwrap();
    assert_eq!(full.diagnostics, check_texts(&files).diagnostics);
}
