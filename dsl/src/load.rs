//! Entry points: compile a string, a set of files, or a rule-set directory.
//!
//! A directory is one rule set: every `.qz` file under it, in sorted path order. Nothing
//! outside it is read: `.qz` links that leave the directory, and links to directories, are
//! refused with a diagnostic, and so are files over [`MAX_FILE_BYTES`], and anything but a
//! regular file (a FIFO, a device). Entries that are not rule files (`notes.txt`, `LICENSE`, an
//! editor's `.#a.qz` lock) are passed over, whatever they are or point to.
//!
//! A file is checked on the handle that is read, not on its path: the walk records the device
//! and inode of the file it checked, and the read opens the path once (without following a
//! link where there was none, and without blocking on a FIFO) and refuses a handle that is not
//! that same regular file. A link swapped to point elsewhere between the check and the read is
//! refused, not read.

use crate::codes;
use crate::lower;
use crate::parse::parse_file;
use quanze_core::{Diagnostic, RuleSet, SourceFile, SourceMap, Span};
use std::path::{Path, PathBuf};

/// The largest rule file accepted (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The outcome of compiling: the rule set when there was no error, every diagnostic, and the
/// sources the diagnostics point into.
pub struct Compiled {
    pub rules: Option<RuleSet>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

impl Compiled {
    /// The error diagnostics alone, in order: what a caller refusing the rule set shows.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }
}

/// Compiles named texts as one rule set, in the order given.
pub fn compile_texts(files: &[(String, String)]) -> Compiled {
    compile_owned(files.to_vec())
}

/// [`compile_texts`] taking the texts by value, so that they are not copied: a province of
/// 100 MB of rule text otherwise held one copy more at its peak.
pub fn compile_owned(files: Vec<(String, String)>) -> Compiled {
    // A compile that is never stopped always finishes.
    compile_until(files, &|| false).unwrap_or_else(|| Compiled {
        rules: None,
        diagnostics: Vec::new(),
        sources: SourceMap::default(),
    })
}

/// [`compile_owned`] that asks `stop` before each file and each stage, and gives up (`None`)
/// when it says so: how a caller with a deadline (the server's `check`) stops work nobody
/// waits for any more. One file or one stage is not interrupted part-way.
pub fn compile_until(files: Vec<(String, String)>, stop: &dyn Fn() -> bool) -> Option<Compiled> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::new();
    for (path, text) in files {
        if stop() {
            return None;
        }
        let id = sources.add(SourceFile::new(path, text));
        let text = sources.files().last().map_or("", |file| file.text.as_str());
        let (file, mut diags) = parse_file(id, text);
        diagnostics.append(&mut diags);
        parsed.push(file);
    }
    if stop() {
        return None;
    }
    // Lower, drop the syntax trees, then freeze: the copy of the sources the result keeps is
    // made last, when the trees are gone (a large province peaked with all of them at once).
    let (decls, mut diags) = lower::lower_decls(&parsed);
    drop(parsed);
    diagnostics.append(&mut diags);
    if stop() {
        return None;
    }
    let rules = match decls {
        Some(decls) => {
            let (rules, mut diags) = lower::freeze(sources, decls, Vec::new());
            diagnostics.append(&mut diags);
            sources = rules
                .as_ref()
                .map_or_else(SourceMap::default, |r| r.sources().clone());
            rules
        }
        None => None,
    };
    sort(&mut diagnostics);
    // A rule set exists only when no stage found an error: a syntax error may leave the rest
    // lowerable, and answering from part of a file would mislead.
    let rules = rules.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    Some(Compiled {
        rules,
        diagnostics,
        sources,
    })
}

impl Compiled {
    /// Resolves the names written in test blocks when the rule set compiled, as `quanze test`
    /// resolves them, and reports each that does not resolve at the name itself. The rule set
    /// is kept: a misspelt name fails its own test, not the queries of the rule set.
    pub fn check_tests(mut self) -> Compiled {
        if let Some(rules) = &self.rules {
            self.diagnostics.extend(
                quanze_core::testing::unresolved_names(rules)
                    .iter()
                    .map(lower::unresolved_name),
            );
            sort(&mut self.diagnostics);
        }
        self
    }

    /// Runs the analyzer when the rule set compiled, adding its findings to the diagnostics.
    pub fn analyze(mut self) -> Compiled {
        if let Some(rules) = &self.rules {
            self.diagnostics
                .extend(quanze_core::analyze::analyze(rules));
            sort(&mut self.diagnostics);
        }
        self
    }
}

/// Compiles a file or directory and, when it compiles, resolves the names in its tests and runs
/// the analyzer: what `quanze check` reports.
pub fn check_path(path: &Path) -> Compiled {
    compile_path(path).check_tests().analyze()
}

/// Compiles named texts and, when they compile, resolves the names in their tests and runs the
/// analyzer.
pub fn check_texts(files: &[(String, String)]) -> Compiled {
    compile_texts(files).check_tests().analyze()
}

/// [`check_texts`] that asks `stop` before each file and each stage, the analyzer included,
/// and gives up (`None`) when it says so.
pub fn check_texts_until(
    files: Vec<(String, String)>,
    stop: &dyn Fn() -> bool,
) -> Option<Compiled> {
    let compiled = compile_until(files, stop)?;
    if stop() {
        return None;
    }
    Some(compiled.analyze())
}

/// Compiles one text.
pub fn compile_str(path: &str, text: &str) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let compiled = compile_texts(&[(path.to_owned(), text.to_owned())]);
    (compiled.rules, compiled.diagnostics)
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.source, a.span.start, a.code, &a.message).cmp(&(
            b.span.source,
            b.span.start,
            b.code,
            &b.message,
        ))
    });
}

/// Compiles a `.qz` file or a directory of them. Paths in diagnostics are relative to the
/// directory (or the file's name).
pub fn compile_path(path: &Path) -> Compiled {
    let mut problems = Vec::new();
    let files = match collect(path, &mut problems) {
        Ok(files) => files,
        Err(message) => {
            let mut sources = SourceMap::default();
            let id = sources.add(SourceFile::new(path.display().to_string(), String::new()));
            let d = Diagnostic::error(codes::FILE, message, Span::new(id, 0, 0));
            return Compiled {
                rules: None,
                diagnostics: vec![d],
                sources,
            };
        }
    };
    let mut compiled = compile_owned(files);
    if !problems.is_empty() {
        // Files that could not be read are reported against the rule-set root.
        let id = compiled
            .sources
            .add(SourceFile::new(path.display().to_string(), String::new()));
        for message in problems {
            compiled
                .diagnostics
                .push(Diagnostic::error(codes::FILE, message, Span::new(id, 0, 0)));
        }
        compiled.rules = None;
    }
    compiled
}

/// The `.qz` files of a rule set (a directory, walked as [`compile_path`] walks it, or one
/// file), sorted; with the problems met on the way (links that leave the directory …).
pub fn rule_files(path: &Path) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let mut problems = Vec::new();
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if meta.is_file() {
        return Ok((vec![path.to_path_buf()], problems));
    }
    let root = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut found = Vec::new();
    walk(&root, &root, &mut found, &mut problems, 0);
    found.sort();
    Ok((found.into_iter().map(|f| f.path).collect(), problems))
}

fn collect(path: &Path, problems: &mut Vec<String>) -> Result<Vec<(String, String)>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if !meta.is_dir() {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // A file named on its own is read where it leads; only what is opened is checked.
        let file = Found {
            path: path.to_path_buf(),
            identity: None,
            follow: true,
        };
        return Ok(read(&file, &name, problems)
            .map(|text| vec![(name, text)])
            .unwrap_or_default());
    }
    let root = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut found: Vec<Found> = Vec::new();
    walk(&root, &root, &mut found, problems, 0);
    found.sort();
    let mut files = Vec::new();
    for file in found {
        let relative = file
            .path
            .strip_prefix(&root)
            .unwrap_or(&file.path)
            .to_string_lossy()
            .replace('\\', "/");
        if let Some(text) = read(&file, &relative, problems) {
            files.push((relative, text));
        }
    }
    if files.is_empty() && problems.is_empty() {
        return Err(format!("`{}` holds no .qz file", path.display()));
    }
    Ok(files)
}

/// A rule file found by [`walk`]: its path in the directory, and the identity of the file that
/// was checked to lie inside the directory, which the file opened later must have.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    path: PathBuf,
    identity: Option<Identity>,
    /// Whether the path is a link, to be followed when it is opened.
    follow: bool,
}

/// A file's device and inode: what stays the same for one file whatever path reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Identity(u64, u64);

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some(Identity(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<Identity> {
    None
}

/// Whether a directory entry's name makes it a rule file: it ends in `.qz` and is not an
/// editor's lock file (`.#a.qz`, a dangling link Emacs leaves beside a file being edited).
fn is_rule_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "qz")
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".#"))
}

/// Whether an entry's name starts with a dot. Hidden directories (`.git`) are not part of a rule
/// set; in particular Kubernetes mounts a ConfigMap as `..2024_…/` (the files), `..data` (a link
/// to it, swapped atomically on update) and `a.qz -> ..data/a.qz`, and reading both the links
/// and the directory behind them would declare everything twice.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Collects the rule files under `dir`. Anything that is not a rule file by its name is passed
/// over without being looked at, whatever it is (a dangling link, a link leading out, a FIFO):
/// only rule files and directories concern the rule set, and hidden directories do not. A `.qz`
/// link that leaves the directory, and any link to a visible directory, is refused with a
/// problem.
fn walk(root: &Path, dir: &Path, found: &mut Vec<Found>, problems: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        problems.push(format!("`{}` is nested too deep", dir.display()));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("cannot read `{}`: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            if is_rule_name(&path) {
                problems.push(format!("cannot read `{}`", path.display()));
            }
            continue;
        };
        if kind.is_dir() {
            if !is_hidden(&path) {
                walk(root, &path, found, problems, depth + 1);
            }
            continue;
        }
        if !kind.is_symlink() {
            if is_rule_name(&path) {
                let identity = entry.metadata().ok().as_ref().and_then(identity);
                found.push(Found {
                    path,
                    identity,
                    follow: false,
                });
            }
            continue;
        }
        // Follow links only where they stay inside the rule set.
        let real = path.canonicalize();
        let target = real.as_ref().ok().and_then(|r| std::fs::metadata(r).ok());
        let is_dir = target.as_ref().is_some_and(std::fs::Metadata::is_dir);
        if !is_dir && !is_rule_name(&path) {
            continue;
        }
        let Ok(real) = real else {
            problems.push(format!("cannot resolve `{}`", path.display()));
            continue;
        };
        if !real.starts_with(root) {
            problems.push(format!(
                "`{}` points outside the rule-set directory; it is not read",
                path.display()
            ));
            continue;
        }
        if is_dir && is_hidden(&path) {
            continue;
        }
        if is_dir {
            problems.push(format!(
                "`{}` is a link to a directory; it is not followed",
                path.display()
            ));
            continue;
        }
        match target {
            Some(meta) => found.push(Found {
                path,
                identity: identity(&meta),
                follow: true,
            }),
            None => problems.push(format!("cannot resolve `{}`", path.display())),
        }
    }
}

/// Opens a found file without blocking (a FIFO would wait for a writer) and, for a file that is
/// not a link, without following a link put in its place since the walk.
#[cfg(unix)]
fn open(file: &Found) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if !file.follow {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(&file.path)
}

#[cfg(not(unix))]
fn open(file: &Found) -> std::io::Result<std::fs::File> {
    std::fs::File::open(&file.path)
}

/// Reads a found file: opened once, and everything checked on the handle opened, not on the
/// path again, so that nothing swapped in between the check and the read is read. It must be
/// a regular file, the very file the walk checked (its device and inode), and at most
/// [`MAX_FILE_BYTES`] long as read, whatever its metadata said.
fn read(file: &Found, shown: &str, problems: &mut Vec<String>) -> Option<String> {
    let handle = match open(file) {
        Ok(handle) => handle,
        Err(e) => {
            problems.push(format!("cannot read `{shown}`: {e}"));
            return None;
        }
    };
    let meta = match handle.metadata() {
        Ok(meta) => meta,
        Err(e) => {
            problems.push(format!("cannot read `{shown}`: {e}"));
            return None;
        }
    };
    if !meta.is_file() {
        problems.push(format!("`{shown}` is not a regular file; it is not read"));
        return None;
    }
    if file.identity.is_some() && identity(&meta) != file.identity {
        problems.push(format!(
            "`{shown}` changed while the rule set was being read; it is not read"
        ));
        return None;
    }
    let bytes = match read_at_most(handle, MAX_FILE_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            problems.push(format!(
                "`{shown}` is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ));
            return None;
        }
        Err(e) => {
            problems.push(format!("cannot read `{shown}`: {e}"));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            problems.push(format!(
                "`{shown}` is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ));
            None
        }
    }
}

/// Reads everything, or `None` when there is more than `limit` bytes: the limit holds for what
/// is read, whatever the file's size said when it was checked.
fn read_at_most(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(u64::try_from(bytes.len())
        .is_ok_and(|n| n <= limit)
        .then_some(bytes))
}

#[cfg(all(test, unix))]
mod tests;
