//! CLI argument strings → parse: any argument vector is parsed or refused with a usage error,
//! never a panic.
#![no_main]

use clap::Parser;

libfuzzer_sys::fuzz_target!(|args: Vec<String>| {
    let argv = std::iter::once("quanze".to_owned()).chain(args.into_iter().take(32));
    let _ = quanze_cli::cmd::Cli::try_parse_from(argv);
});
