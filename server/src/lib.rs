//! quanze-server: `quanze serve`, an HTTP JSON API over one rule set for other government
//! systems, and a web page for drafters.
//!
//! Design in brief:
//!
//! - **Same answers as the CLI.** Query endpoints take the CLI's arguments by name and answer
//!   the document `{"answer", "named", "proof"}` built by [`quanze_core::request`], the code the
//!   CLI's `--json` uses too.
//! - **Hot reload without torn reads.** The rule set sits behind an `ArcSwap`; each request
//!   answers from the one snapshot it loaded first and names its content hash
//!   (`x-quanze-content-hash`). A reload compiles on the side and swaps only a rule set with no
//!   errors ([`state`]).
//! - **Safe by default.** Loopback unless a token is set; body, batch and file-count limits; a
//!   time limit per request; no endpoint writes anything, and the rule directory is the only
//!   path read. Errors are JSON `{"code", "message"}` with the status that fits ([`error`]).
//!
//! ```no_run
//! let config = quanze_server::Config::new("rules-examples/ningbo-construction-waste");
//! quanze_server::run(config).unwrap();
//! ```

pub mod app;
mod body;
pub mod check;
pub mod config;
pub mod error;
mod guard;
mod listen;
mod routes;
pub mod state;
pub mod watch;
pub mod work;

pub use config::{token_from_file, Config, ConfigError, Limits};
pub use error::ApiError;
pub use routes::queries::CONTENT_HASH;
pub use state::{Reload, Shared};

use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Why a server did not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The rule set has errors; `rendered` shows them as `quanze check` does.
    #[error("`{path}` has {errors} error(s); run `quanze check` for details")]
    Rules {
        path: String,
        errors: usize,
        rendered: String,
    },
    #[error("cannot listen on `{addr}`: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A running server: its address, its state, and the means to stop it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    watcher: Option<JoinHandle<()>>,
}

impl Server {
    /// The address actually bound (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Stops accepting, lets requests in flight finish, and returns.
    pub async fn shutdown(self) -> Result<(), ServeError> {
        if let Some(w) = &self.watcher {
            w.abort();
        }
        // The receiver is gone only when the server already stopped; then there is nothing to do.
        let _ = self.stop.send(());
        self.task
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(())
    }

    /// Serves until the server stops by itself (it does not, short of an IO error).
    pub async fn wait(self) -> Result<(), ServeError> {
        self.task
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(())
    }
}

/// Compiles the rule set, binds, and starts serving in the current tokio runtime.
pub async fn start(config: Config) -> Result<Server, ServeError> {
    config.validate()?;
    let path = config.path.clone();
    let watching = config.watch.is_some();
    // The files are measured before they are compiled, so that a change made while the first
    // compile runs is seen by the first poll.
    let (baseline, rules) = tokio::task::spawn_blocking(move || {
        let baseline = watching.then(|| watch::fingerprint(&path));
        (baseline, state::compile(&path))
    })
    .await
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    let rules = rules.map_err(|f| ServeError::Rules {
        path: config.path.display().to_string(),
        errors: f.errors,
        rendered: f.rendered,
    })?;
    let shared = Arc::new(Shared::new(
        config.path.clone(),
        rules,
        config.limits,
        config.token.clone(),
        config.allowed_hosts.clone(),
    ));
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    let app = app::router(Arc::clone(&shared));
    let (stop, stopped) = oneshot::channel::<()>();
    // Either a stop signal or a dropped sender ends the server.
    let task = tokio::spawn(listen::serve(listener, app, config.limits, stopped));
    let watcher = config.watch.map(|every| {
        let baseline = baseline.unwrap_or_default();
        tokio::spawn(watch::run(Arc::clone(&shared), every, baseline))
    });
    Ok(Server {
        addr,
        shared,
        stop,
        task,
        watcher,
    })
}

/// Runs a server on a new multi-threaded runtime until Ctrl-C.
pub fn run(config: Config) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let watching = config.watch.is_some();
        let server = start(config).await?;
        eprintln!(
            "serving {} on http://{}/ ({}){}",
            server.shared().path.display(),
            server.addr(),
            server.shared().rules().content_hash(),
            if watching {
                ", watching for changes"
            } else {
                ""
            }
        );
        tokio::signal::ctrl_c().await?;
        eprintln!("stopping");
        server.shutdown().await
    })
}
