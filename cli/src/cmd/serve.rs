//! `quanze serve PATH [--addr 127.0.0.1:8080] [--token-file F] [--allow-host NAME] [--watch]`:
//! an HTTP JSON API over the rule set and a web page for drafters (see the `quanze-server`
//! crate). The token comes from `--token-file` or `QUANZE_TOKEN`; `--token` still works but
//! shows the token to every user of the machine through `ps`, and says so.

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
    /// A file holding the bearer token required on the API (default: the QUANZE_TOKEN variable)
    #[arg(long, conflicts_with = "token")]
    pub token_file: Option<PathBuf>,
    /// The bearer token itself (visible to other users in `ps`; prefer --token-file)
    #[arg(long)]
    pub token: Option<String>,
    /// A host name the API answers to besides IP addresses and localhost (repeatable)
    #[arg(long = "allow-host")]
    pub allow_host: Vec<String>,
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
    config.token = match (args.token_file, args.token) {
        (Some(file), _) => {
            Some(quanze_server::token_from_file(&file).map_err(|e| Refused(e.to_string()))?)
        }
        (None, Some(token)) => {
            eprintln!(
                "warning: a token given with --token is visible to other users (ps, /proc); \
                 use --token-file or QUANZE_TOKEN"
            );
            Some(token)
        }
        (None, None) => std::env::var("QUANZE_TOKEN").ok().filter(|t| !t.is_empty()),
    };
    config.allowed_hosts = args.allow_host;
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
