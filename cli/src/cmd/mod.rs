//! Subcommands and their shared options.

mod can;
mod check;
pub mod common;
mod compile;
mod diff;
mod duties;
mod escalate;
mod fmt;
mod gen;
mod graph;
mod scenario;
mod serve;
mod test;
mod verify;
mod who;

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
    /// Who handles an item at a place on a date
    Who(who::Args),
    /// May a unit exercise an item at a place on a date
    Can(can::Args),
    /// Why a unit does not handle an item at a place on a date
    WhyNot(can::Args),
    /// Which collaborative scenario applies, with lead, collaborators and workflow
    Scenario(scenario::Args),
    /// The escalation ladder for a matter of a given severity
    Escalate(escalate::Args),
    /// A unit's duty list on a date (基本履职, 配合履职, 上级部门收回)
    Duties(duties::DutiesArgs),
    /// Where a resident may hand in an application, and who handles it
    Accept(duties::AcceptArgs),
    /// Check a proof (`--json` output of a query) against a rule set
    Verify(verify::Args),
    /// Rewrite rule files in the canonical layout, comments kept
    Fmt(fmt::Args),
    /// What changed between two rule sets: handling, scenario roles, duty lists
    Diff(diff::Args),
    /// Pictures: a scenario's workflow, a unit's duties, a county's delegations, a proof
    Graph(graph::Args),
    /// Compile a rule set into a snapshot (.qzc) that loads without parsing
    Compile(compile::Args),
    /// Run the rule set's `test` blocks: one line per expectation, then `N passed, N failed`
    Test(test::Args),
    /// Serve a rule set over HTTP: a JSON API and a web page for drafters
    Serve(serve::Args),
    /// Write a synthetic province (the benches' rule set) as .qz files
    Gen(gen::Args),
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source excerpts with carets, like rustc
    Human,
    /// One JSON array of diagnostics
    Json,
    /// SARIF 2.1.0, for code-scanning tools
    Sarif,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Who(args) => who::run(args),
        Command::Can(args) => can::run(args, false),
        Command::WhyNot(args) => can::run(args, true),
        Command::Scenario(args) => scenario::run(args),
        Command::Escalate(args) => escalate::run(args),
        Command::Duties(args) => duties::duties(args),
        Command::Accept(args) => duties::accept(args),
        Command::Verify(args) => verify::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Compile(args) => compile::run(args),
        Command::Test(args) => test::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Gen(args) => gen::run(args),
    }
}

/// Whether to colour output written to stdout.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}
