//! The `quanze` command: a thin shell over the library. Each subcommand lives in `cmd/`.
//!
//! Exit status: 0 when all is well, 1 when the rule set has errors (or a query fails), 2 on a
//! usage error.

mod cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
