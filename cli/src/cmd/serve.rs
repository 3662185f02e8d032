//! `quanze serve PATH [--addr 127.0.0.1:8080] [--token T] [--watch]`: an HTTP JSON API over
//! the rule set and a web page for drafters (see the `quanze-server` crate).

use super::common::Refused;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory, .qz file or .qzc snapshot; the only path the server reads
    pub path: PathBuf,
    /// Where to listen; an address other than loopback needs a token
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The bearer token required on the API (default: the QUANZE_TOKEN variable)
    #[arg(long)]
    pub token: Option<String>,
    /// Reload when a rule file changes (polled every second)
    #[arg(long)]
    pub watch: bool,
    /// The largest request body, in bytes
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// The most queries in one batch
    #[arg(long, default_value_t = 1000)]
    pub max_batch: usize,
    /// The time limit of one request, in milliseconds
    #[arg(long, default_value_t = 10_000)]
    pub timeout_ms: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut config = quanze_server::Config::new(args.path);
    config.addr = args.addr;
    config.token = args
        .token
        .or_else(|| std::env::var("QUANZE_TOKEN").ok().filter(|t| !t.is_empty()));
    config.watch = args.watch.then(|| Duration::from_secs(1));
    config.limits.max_body = args.max_body;
    config.limits.max_batch = args.max_batch;
    config.limits.timeout = Duration::from_millis(args.timeout_ms);
    match quanze_server::run(config) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(quanze_server::ServeError::Rules {
            path,
            errors,
            rendered,
        }) => {
            eprint!("{rendered}");
            Err(Refused(format!(
                "`{path}` has {errors} error(s); run `quanze check` for details"
            ))
            .into())
        }
        Err(quanze_server::ServeError::Config(e)) => Err(Refused(e.to_string()).into()),
        Err(e) => Err(e.into()),
    }
}
