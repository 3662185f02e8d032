//! `--watch`: poll the rule directory's file sizes and modification times, and reload when
//! they change. Polling needs no platform notification API and reads metadata only, under the
//! rule directory only; a reload that fails keeps the old rule set, as `POST /api/reload` does.

use crate::state::{Reload, Shared};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// What identifies a version of the rule files: each `.qz` file's path, size and mtime.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Lists the `.qz` files under `path` with their size and mtime, in sorted order. Links are
/// not followed, so nothing outside the directory is looked at.
pub fn fingerprint(path: &Path) -> Fingerprint {
    let mut found = Vec::new();
    walk(path, &mut found, 0);
    found.sort();
    found
}

fn walk(path: &Path, found: &mut Fingerprint, depth: usize) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_file() {
        if depth == 0 || path.extension().is_some_and(|e| e == "qz") {
            found.push((path.to_path_buf(), meta.len(), meta.modified().ok()));
        }
        return;
    }
    if !meta.is_dir() || depth > 32 {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            walk(&entry.path(), found, depth + 1);
        }
    }
}

/// Polls every `every` and reloads on a change, until the server stops.
pub async fn run(shared: Arc<Shared>, every: Duration) {
    let path = shared.path.clone();
    let scan = move || {
        let path = path.clone();
        tokio::task::spawn_blocking(move || fingerprint(&path))
    };
    let mut last = scan().await.unwrap_or_default();
    loop {
        tokio::time::sleep(every).await;
        let Ok(now) = scan().await else { continue };
        if now == last {
            continue;
        }
        last = now;
        match shared.reload().await {
            Reload::Swapped { current, .. } => eprintln!("reloaded {current}"),
            Reload::Failed {
                serving, errors, ..
            } => eprintln!("reload failed with {errors} error(s); still serving {serving}"),
        }
    }
}
