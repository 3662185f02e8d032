//! Entry points: compile a string, a set of files, or a rule-set directory.
//!
//! A directory is one rule set: every `.qz` file under it, in sorted path order. Nothing
//! outside it is read: symbolic links that leave the directory are refused with a diagnostic,
//! and so are files over [`MAX_FILE_BYTES`].

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
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::new();
    for (path, text) in files {
        let id = sources.add(SourceFile::new(path, text));
        let text = sources.files().last().map_or("", |file| file.text.as_str());
        let (file, mut diags) = parse_file(id, text);
        diagnostics.append(&mut diags);
        parsed.push(file);
    }
    // Lower, drop the syntax trees, then freeze: the copy of the sources the result keeps is
    // made last, when the trees are gone (a large province peaked with all of them at once).
    let (decls, mut diags) = lower::lower_decls(&parsed);
    drop(parsed);
    diagnostics.append(&mut diags);
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
    Compiled {
        rules,
        diagnostics,
        sources,
    }
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
    Ok((found, problems))
}

fn collect(path: &Path, problems: &mut Vec<String>) -> Result<Vec<(String, String)>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if meta.is_file() {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(read(path, &name, problems)
            .map(|text| vec![(name, text)])
            .unwrap_or_default());
    }
    let root = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut found: Vec<PathBuf> = Vec::new();
    walk(&root, &root, &mut found, problems, 0);
    found.sort();
    let mut files = Vec::new();
    for file in found {
        let relative = file
            .strip_prefix(&root)
            .unwrap_or(&file)
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

fn walk(
    root: &Path,
    dir: &Path,
    found: &mut Vec<PathBuf>,
    problems: &mut Vec<String>,
    depth: usize,
) {
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
        // Follow links only where they stay inside the rule set.
        let Ok(real) = path.canonicalize() else {
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
        if real.is_dir() {
            if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                problems.push(format!(
                    "`{}` is a link to a directory; it is not followed",
                    path.display()
                ));
                continue;
            }
            walk(root, &real, found, problems, depth + 1);
        } else if path.extension().is_some_and(|e| e == "qz") {
            found.push(path);
        }
    }
}

fn read(path: &Path, shown: &str, problems: &mut Vec<String>) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
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
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                problems.push(format!(
                    "`{shown}` is not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ));
                None
            }
        },
        Err(e) => {
            problems.push(format!("cannot read `{shown}`: {e}"));
            None
        }
    }
}
