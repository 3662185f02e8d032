//! The `quanze` command: a thin shell over the library. Each subcommand lives in `cmd/`.
//!
//! Exit status: 0 when all is well, 1 when the rule set has errors (or a query fails), 2 on a
//! usage error.

use clap::Parser;
use quanze_cli::cmd;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            // A refusal is about the rule set or the query (exit 1); anything else is a usage or
            // environment problem (exit 2).
            if error.downcast_ref::<cmd::common::Refused>().is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}
