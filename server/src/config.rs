//! How a server is started: the rule path, the address, the token, reload watching and the
//! limits every request is held to.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The limits every request is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body, in bytes (413 beyond it).
    pub max_body: usize,
    /// The most queries in one batch (413 beyond it).
    pub max_batch: usize,
    /// The most files in one `check` request (413 beyond it).
    pub max_files: usize,
    /// The time one request may take before it is answered with 503 `timeout`.
    pub timeout: Duration,
    /// The most queries, batches, checks and verifications computed at once (503 `busy`
    /// beyond it).
    pub max_concurrent: usize,
    /// The time a client has to send a request's whole header, from the first byte it waits
    /// for (the connection is closed beyond it).
    pub header_timeout: Duration,
    /// The time a connection may stay open with nothing read or written either way. Keep it
    /// above `timeout`: a connection waiting for its answer is idle too.
    pub idle_timeout: Duration,
    /// The most connections open at once; one beyond it is answered 503 `busy` and closed.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body: 1024 * 1024,
            max_batch: 1000,
            max_files: 256,
            timeout: Duration::from_secs(10),
            max_concurrent: 32,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

/// Everything `quanze serve` needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The rule-set directory or `.qz` file; the only path the server reads.
    pub path: PathBuf,
    /// Where to listen. Loopback by default; any other address needs a token.
    pub addr: SocketAddr,
    /// The bearer token required on the API (not on the page, `/openapi.json` or health).
    pub token: Option<String>,
    /// Host names the API answers to besides IP literals and `localhost` (the `Host` header is
    /// checked so that a DNS name rebound to this address cannot reach it from a browser).
    pub allowed_hosts: Vec<String>,
    /// Poll the rule directory at this interval and reload when a file changes.
    pub watch: Option<Duration>,
    pub limits: Limits,
}

impl Config {
    /// A configuration with the defaults: 127.0.0.1:8080, no token, no watching.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            allowed_hosts: Vec::new(),
            watch: None,
            limits: Limits::default(),
        }
    }
}

/// A configuration that cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("refusing to listen on `{0}` without a token: set --token-file or QUANZE_TOKEN, or bind a loopback address")]
    TokenRequired(SocketAddr),
    #[error("the token is empty")]
    EmptyToken,
    #[error("cannot read the token file `{path}`: {message}")]
    TokenFile { path: String, message: String },
}

/// The most bytes a token file may hold: a token is a line, not a document.
const MAX_TOKEN_FILE: u64 = 4096;

/// Reads a token from a file (`--token-file`): its content without the trailing newline. A
/// token in a file, or in `QUANZE_TOKEN`, is not shown to other users by `ps` as a
/// command-line argument is.
pub fn token_from_file(path: &std::path::Path) -> Result<String, ConfigError> {
    use std::io::Read;
    let refused = |message: String| ConfigError::TokenFile {
        path: path.display().to_string(),
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| refused(e.to_string()))?;
    let mut text = String::new();
    file.take(MAX_TOKEN_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| refused(e.to_string()))?;
    if u64::try_from(text.len()).map_or(true, |n| n > MAX_TOKEN_FILE) {
        return Err(refused(format!("it is longer than {MAX_TOKEN_FILE} bytes")));
    }
    let token = text.trim_end_matches(['\n', '\r']).to_owned();
    if token.trim().is_empty() {
        return Err(ConfigError::EmptyToken);
    }
    Ok(token)
}

impl Config {
    /// Checks that the configuration is safe to serve: a non-loopback address needs a token.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match &self.token {
            Some(t) if t.trim().is_empty() => Err(ConfigError::EmptyToken),
            None if !self.addr.ip().is_loopback() => Err(ConfigError::TokenRequired(self.addr)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]
    use super::*;

    #[test]
    fn a_public_address_needs_a_token() {
        let mut config = Config::new("rules");
        assert!(config.validate().is_ok());
        config.addr = SocketAddr::from(([0, 0, 0, 0], 8080));
        assert!(config.validate().is_err());
        config.token = Some("secret".into());
        assert!(config.validate().is_ok());
        config.token = Some(" ".into());
        assert!(config.validate().is_err());
    }

    #[test]
    fn a_token_file_holds_one_line() {
        let dir = std::env::temp_dir().join(format!("quanze-token-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("token");
        std::fs::write(&path, "s3cret\n").unwrap();
        assert_eq!(token_from_file(&path).unwrap(), "s3cret");
        std::fs::write(&path, "\n").unwrap();
        assert!(matches!(
            token_from_file(&path),
            Err(ConfigError::EmptyToken)
        ));
        std::fs::write(&path, "x".repeat(5000)).unwrap();
        assert!(token_from_file(&path).is_err());
        assert!(token_from_file(&dir.join("missing")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
