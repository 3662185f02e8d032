//! `quanze check PATH [--format human|json|sarif] [--deny-warnings]`: parse, resolve and
//! analyze a rule set. Errors make the exit status 1; warnings alone do not, unless
//! `--deny-warnings` is given.

use super::Format;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule-set directory (every .qz file under it) or one .qz file
    pub path: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 when any warning is reported, as for an error (for CI)
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let compiled = quanze_dsl::check_path(&args.path);
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity == quanze_core::Severity::Warning)
        .count();
    let notes = compiled.diagnostics.len() - errors - warnings;
    match args.format {
        Format::Sarif => {
            let value = quanze_dsl::sarif::sarif_value(&compiled.diagnostics, &compiled.sources);
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Json => {
            let value = quanze_dsl::render::json_value(&compiled.diagnostics, &compiled.sources);
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Human => {
            print!(
                "{}",
                quanze_dsl::render::human(
                    &compiled.diagnostics,
                    &compiled.sources,
                    super::use_color()
                )
            );
            let files = compiled
                .sources
                .files()
                .iter()
                .filter(|f| !f.text.is_empty())
                .count();
            let notes = if notes > 0 {
                format!(", {notes} note{}", plural(notes))
            } else {
                String::new()
            };
            println!(
                "checked {} ({files} file{}): {errors} error{}, {warnings} warning{}{notes}",
                args.path.display(),
                plural(files),
                plural(errors),
                plural(warnings)
            );
        }
    }
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
