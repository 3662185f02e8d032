//! The served rule set and how it is replaced.
//!
//! The current rule set sits behind an [`ArcSwap`]: a request loads one `Arc<RuleSet>` at its
//! start and answers everything from it, so an answer can never mix two rule sets, and every
//! answer names the content hash it was computed on. A reload compiles the directory off to the
//! side, on a blocking thread, and swaps the new rule set in with one atomic store only when it
//! has no errors; otherwise the old one keeps serving and the failure is kept for `/api/health`.
//! Reloads are serialised by a mutex so that two of them cannot finish out of order.

use crate::config::Limits;
use arc_swap::ArcSwap;
use quanze_core::{Diagnostic, RuleSet, SourceMap};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Everything the handlers share.
pub struct Shared {
    /// The rule-set directory (or file): the only path the server reads.
    pub path: PathBuf,
    pub limits: Limits,
    /// The bearer token required on `/api/*` (except health), if any.
    pub token: Option<String>,
    /// Host names accepted in the `Host` header besides IP literals and `localhost`,
    /// lowercase.
    pub allowed_hosts: Vec<String>,
    /// Permits for heavy work running at once ([`crate::work`]).
    pub(crate) heavy: Arc<tokio::sync::Semaphore>,
    current: ArcSwap<RuleSet>,
    reload_lock: tokio::sync::Mutex<()>,
    status: Mutex<ReloadStatus>,
}

/// What the last reload did, as `/api/health` reports it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReloadStatus {
    /// Successful reloads since start (the first load not counted).
    pub reloads: u64,
    /// Reloads that failed and left the previous rule set in place.
    pub failed: u64,
    /// What the last reload met when it failed (cleared by a reload that succeeds).
    pub last_error: Option<ReloadError>,
}

/// A failed reload as `/api/health` and `/api/version` show it: where and what, never what the
/// files say. A diagnostic's message may quote the text it is about, and the text may be
/// anything a link pointed at, so only codes and places are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct ReloadError {
    /// How many errors the rule files on disk have.
    pub errors: usize,
    /// Each error's `code`, `file`, `line` and `column`, without its message.
    pub diagnostics: Value,
    /// The hash the files read would be served under (`sha256:…`, as `content_hash`), or
    /// `None` when nothing could be read.
    pub disk_hash: Option<String>,
}

impl ReloadError {
    /// The JSON shown under `last_reload_error`.
    pub fn to_value(&self) -> Value {
        serde_json::json!({
            "code": "rule_errors",
            "errors": self.errors,
            "diagnostics": self.diagnostics,
            "disk_hash": self.disk_hash,
        })
    }
}

/// Keeps the code and place of each diagnostic and drops everything else.
fn places_only(diagnostics: &Value) -> Value {
    let keep = ["code", "file", "line", "column"];
    let entries = diagnostics.as_array().map_or(&[][..], Vec::as_slice);
    Value::Array(
        entries
            .iter()
            .map(|d| {
                let mut map = serde_json::Map::new();
                for key in keep {
                    map.insert(key.to_owned(), d.get(key).cloned().unwrap_or(Value::Null));
                }
                Value::Object(map)
            })
            .collect(),
    )
}

/// The outcome of a reload.
#[derive(Debug)]
pub enum Reload {
    /// The new rule set is served. `changed` is false when its hash equals the old one.
    Swapped {
        previous: String,
        current: String,
        changed: bool,
    },
    /// The new text has errors; the old rule set keeps serving.
    Failed {
        serving: String,
        diagnostics: Value,
        errors: usize,
    },
}

/// Why a rule set could not be loaded: its errors as JSON diagnostics and as text.
#[derive(Debug)]
pub struct Failure {
    pub errors: usize,
    pub diagnostics: Value,
    pub rendered: String,
    /// The hash of the rule files read, in the form of `content_hash`, when any were read.
    pub disk_hash: Option<String>,
}

/// Loads the rule set at `path`: a directory or `.qz` file is compiled (what the CLI's query
/// commands answer from), a `.qzc` snapshot is decoded. Blocking: file IO and parsing.
pub fn compile(path: &Path) -> Result<RuleSet, Box<Failure>> {
    if path.extension().is_some_and(|e| e == "qzc") {
        let refused = |message: String| {
            Box::new(Failure {
                errors: 1,
                diagnostics: Value::Array(vec![Value::String(message.clone())]),
                rendered: format!("error: {message}\n"),
                disk_hash: None,
            })
        };
        let bytes = std::fs::read(path)
            .map_err(|e| refused(format!("cannot read `{}`: {e}", path.display())))?;
        return RuleSet::from_bytes(&bytes)
            .map_err(|e| refused(format!("`{}`: {e}", path.display())));
    }
    let compiled = quanze_dsl::compile_path(path);
    match compiled.rules {
        Some(rules) => Ok(rules),
        None => Err(failure(
            &compiled.errors(),
            &compiled.sources,
            &path.display().to_string(),
        )),
    }
}

fn failure(errors: &[Diagnostic], sources: &SourceMap, root: &str) -> Box<Failure> {
    Box::new(Failure {
        errors: errors.len(),
        diagnostics: quanze_dsl::render::json_value(errors, sources),
        rendered: quanze_dsl::render::human(errors, sources, false),
        disk_hash: disk_hash(sources, root),
    })
}

/// The hash the rule files read would be served under: the rule set's content hash (SHA-256
/// over each file's path, a zero byte, its length as eight little-endian bytes, and its text, in
/// order). The loader adds an empty source named after the root to hold problems with files;
/// it is not a rule file and is left out.
fn disk_hash(sources: &SourceMap, root: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    let files: Vec<_> = sources
        .files()
        .iter()
        .filter(|f| !(f.path == root && f.text.is_empty()))
        .collect();
    if files.is_empty() {
        return None;
    }
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.path.as_bytes());
        hasher.update([0u8]);
        hasher.update((file.text.len() as u64).to_le_bytes());
        hasher.update(file.text.as_bytes());
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(format!("sha256:{hex}"))
}

impl Shared {
    pub fn new(
        path: PathBuf,
        rules: RuleSet,
        limits: Limits,
        token: Option<String>,
        allowed_hosts: Vec<String>,
    ) -> Self {
        Self {
            path,
            limits,
            token,
            allowed_hosts: allowed_hosts
                .into_iter()
                .map(|h| h.to_ascii_lowercase())
                .collect(),
            heavy: Arc::new(tokio::sync::Semaphore::new(limits.max_concurrent)),
            current: ArcSwap::from_pointee(rules),
            reload_lock: tokio::sync::Mutex::new(()),
            status: Mutex::new(ReloadStatus::default()),
        }
    }

    /// The rule set to answer one request from. Hold it for the whole request.
    pub fn rules(&self) -> Arc<RuleSet> {
        self.current.load_full()
    }

    pub fn status(&self) -> ReloadStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    fn record(&self, update: impl FnOnce(&mut ReloadStatus)) {
        match self.status.lock() {
            Ok(mut s) => update(&mut s),
            Err(poisoned) => update(&mut poisoned.into_inner()),
        }
    }

    /// Recompiles the rule directory and swaps the result in if it has no errors.
    pub async fn reload(self: &Arc<Self>) -> Reload {
        let _serialised = self.reload_lock.lock().await;
        let path = self.path.clone();
        let outcome = tokio::task::spawn_blocking(move || compile(&path))
            .await
            .unwrap_or_else(|e| {
                let message = format!("the reload stopped: {e}");
                Err(Box::new(Failure {
                    errors: 1,
                    diagnostics: Value::Array(vec![Value::String(message.clone())]),
                    rendered: message,
                    disk_hash: None,
                }))
            });
        let previous = self.rules().content_hash().to_owned();
        match outcome {
            Ok(rules) => {
                let current = rules.content_hash().to_owned();
                let replaced = self.current.swap(Arc::new(rules));
                retire(replaced, self.limits.timeout);
                self.record(|s| {
                    s.reloads += 1;
                    s.last_error = None;
                });
                Reload::Swapped {
                    changed: current != previous,
                    previous,
                    current,
                }
            }
            Err(failure) => {
                let Failure {
                    errors,
                    diagnostics,
                    disk_hash,
                    ..
                } = *failure;
                let shown = ReloadError {
                    errors,
                    diagnostics: places_only(&diagnostics),
                    disk_hash,
                };
                self.record(|s| {
                    s.failed += 1;
                    s.last_error = Some(shown);
                });
                Reload::Failed {
                    serving: previous,
                    diagnostics,
                    errors,
                }
            }
        }
    }
}

/// Frees a replaced rule set on a blocking thread. Freeing a large one takes tens of
/// milliseconds (about 35 ms for the synthetic province M), which a runtime worker would
/// otherwise spend while the requests queued on it wait. Requests still answering from the old
/// rule set hold their own reference; the thread waits for them, up to the request time limit,
/// so that the last reference, and the freeing, is its own. Past the limit it lets go, and the
/// last request frees it as before.
fn retire(old: Arc<RuleSet>, limit: Duration) {
    tokio::task::spawn_blocking(move || {
        let until = Instant::now() + limit;
        let mut old = old;
        loop {
            match Arc::try_unwrap(old) {
                Ok(rules) => {
                    drop(rules);
                    return;
                }
                Err(shared) if Instant::now() < until => old = shared,
                Err(_) => return,
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}
