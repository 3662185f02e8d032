//! quanze-cli as a library: the command-line parser and the subcommands, so they can be tested
//! and fuzzed without a process. The binary (`main.rs`) only calls [`cmd::run`].

pub mod cmd;
