//! Subcommands and their shared options.

mod check;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// quanze (权责): who handles this? Rule files for delegated powers, territorial duties,
/// collaborative scenarios and escalation, compiled and answered with proofs.
#[derive(Parser, Debug)]
#[command(name = "quanze", version, about, long_about = None, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse, resolve and check a rule set; report every diagnostic
    Check(check::Args),
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source excerpts with carets, like rustc
    Human,
    /// One JSON array of diagnostics
    Json,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
    }
}

/// Whether to colour output written to stdout.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}
