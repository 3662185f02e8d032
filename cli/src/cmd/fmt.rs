//! `quanze fmt PATH [--check] [--stdout] [--keywords zh|en]`: rewrite rule files in the
//! canonical layout, comments kept. A file with syntax errors is left alone and its
//! diagnostics are printed; the exit status is then 1, as it is for `--check` when a file
//! would change.

use clap::ValueEnum;
use quanze_core::{SourceFile, SourceId, SourceMap};
use quanze_dsl::fmt::{format_text, Lang, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule-set directory (every .qz file under it) or one .qz file
    pub path: PathBuf,
    /// Change nothing; list the files that would change and exit 1 if there are any
    #[arg(long, conflicts_with = "stdout")]
    pub check: bool,
    /// Print the formatted text instead of rewriting the files
    #[arg(long)]
    pub stdout: bool,
    /// Rewrite every keyword into this language (default: each file's own)
    #[arg(long, value_enum)]
    pub keywords: Option<Keywords>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Keywords {
    /// Chinese keywords (区域, 事项, 赋权 …)
    Zh,
    /// English keywords (region, item, grant …)
    En,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (files, problems) =
        quanze_dsl::load::rule_files(&args.path).map_err(super::common::Refused)?;
    let mut failed = !problems.is_empty();
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    let options = Options {
        keywords: args.keywords.map(|k| match k {
            Keywords::Zh => Lang::Zh,
            Keywords::En => Lang::En,
        }),
    };
    let root = args
        .path
        .canonicalize()
        .unwrap_or_else(|_| args.path.clone());
    let mut changed = 0usize;
    for file in &files {
        let shown = shown(&args.path, &root, file);
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", shown.display()))?;
        let formatted = match format_text(SourceId(0), &text, options) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                let mut sources = SourceMap::default();
                sources.add(SourceFile::new(shown.display().to_string(), text));
                eprint!(
                    "{}",
                    quanze_dsl::render::human(&diagnostics, &sources, false)
                );
                eprintln!("not formatted: {} has syntax errors", shown.display());
                failed = true;
                continue;
            }
        };
        if args.stdout {
            if files.len() > 1 {
                println!("// ==> {} <==", shown.display());
            }
            print!("{formatted}");
            continue;
        }
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            println!("would reformat {}", shown.display());
        } else {
            std::fs::write(file, formatted)
                .map_err(|e| anyhow::anyhow!("cannot write `{}`: {e}", shown.display()))?;
            println!("formatted {}", shown.display());
        }
    }
    if args.check && changed > 0 {
        println!(
            "{changed} file{} would be reformatted",
            if changed == 1 { "" } else { "s" }
        );
    }
    Ok(if failed || (args.check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A file's path as the user named its rule set.
fn shown(given: &Path, root: &Path, file: &Path) -> PathBuf {
    match file.strip_prefix(root) {
        Ok(relative) if !relative.as_os_str().is_empty() => given.join(relative),
        _ => given.to_path_buf(),
    }
}
