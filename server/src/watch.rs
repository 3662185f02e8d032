//! `--watch`: poll the rule directory's file sizes and modification times, and reload when
//! they change and have settled. Polling needs no platform notification API and reads metadata
//! only, under the rule directory only; a reload that fails keeps the old rule set, as
//! `POST /api/reload` does.
//!
//! A deploy that copies files one by one passes through states that are neither the old rule
//! set nor the new one. A change is therefore acted on only once two polls in a row see the same
//! files ([`Settle`]): the directory must have stood still for a whole interval. That narrows the
//! window but cannot close it (a copy may pause longer than an interval); deploys that must never
//! be seen half-done should swap the directory atomically (SECURITY.md, `quanze serve`).

use crate::state::{Reload, Shared};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// What identifies a version of the rule files: each `.qz` file's path, size and mtime.
pub type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Lists the `.qz` files under `path` with their size and mtime, in sorted order. Directory
/// links are not followed, so nothing outside the directory is listed; a `.qz` link is measured
/// by its target's metadata, so that a change behind the link is seen.
pub fn fingerprint(path: &Path) -> Fingerprint {
    let mut found = Vec::new();
    walk(path, &mut found, 0);
    found.sort();
    found
}

fn walk(path: &Path, found: &mut Fingerprint, depth: usize) {
    // The root is followed: a rule directory served through a link (`rules -> releases/42`,
    // swapped to deploy) is watched where the link leads now.
    let meta = if depth == 0 {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    let Ok(meta) = meta else {
        return;
    };
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    if depth > 0 && hidden && meta.is_dir() {
        // Hidden directories are not read by the loader either.
        return;
    }
    let is_rule = depth == 0 || path.extension().is_some_and(|e| e == "qz");
    if meta.is_symlink() && is_rule {
        if let Ok(target) = std::fs::metadata(path) {
            if target.is_file() {
                found.push((path.to_path_buf(), target.len(), target.modified().ok()));
            }
        }
        return;
    }
    if meta.is_file() {
        if is_rule {
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

/// Decides when a change is complete: a fingerprint different from the one served must be seen
/// by two polls in a row before it is reloaded.
#[derive(Debug)]
pub struct Settle {
    served: Fingerprint,
    pending: Option<Fingerprint>,
}

impl Settle {
    /// Starts from the fingerprint of what is served.
    pub fn new(served: Fingerprint) -> Self {
        Self {
            served,
            pending: None,
        }
    }

    /// Takes one poll's fingerprint; true when it is time to reload.
    pub fn observe(&mut self, now: Fingerprint) -> bool {
        if now == self.served {
            self.pending = None;
            return false;
        }
        if self.pending.as_ref() == Some(&now) {
            self.served = now;
            self.pending = None;
            return true;
        }
        self.pending = Some(now);
        false
    }
}

/// Polls every `every` and reloads on a settled change, until the server stops. `served` is
/// the fingerprint taken before the served rule set was compiled.
pub async fn run(shared: Arc<Shared>, every: Duration, served: Fingerprint) {
    let path = shared.path.clone();
    let scan = move || {
        let path = path.clone();
        tokio::task::spawn_blocking(move || fingerprint(&path))
    };
    let mut settle = Settle::new(served);
    loop {
        tokio::time::sleep(every).await;
        let Ok(now) = scan().await else { continue };
        if !settle.observe(now) {
            continue;
        }
        match shared.reload().await {
            Reload::Swapped { current, .. } => eprintln!("reloaded {current}"),
            Reload::Failed {
                serving, errors, ..
            } => eprintln!("reload failed with {errors} error(s); still serving {serving}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(n: u64) -> Fingerprint {
        vec![(PathBuf::from("a.qz"), n, None)]
    }

    #[test]
    fn a_change_is_reloaded_once_it_has_settled() {
        let mut settle = Settle::new(version(1));
        assert!(!settle.observe(version(1)));
        // A copy in progress: each poll sees something new.
        assert!(!settle.observe(version(2)));
        assert!(!settle.observe(version(3)));
        assert!(!settle.observe(version(4)));
        // It stood still for one interval.
        assert!(settle.observe(version(4)));
        assert!(!settle.observe(version(4)));
        // A change undone before it settled is no change.
        assert!(!settle.observe(version(5)));
        assert!(!settle.observe(version(4)));
        assert!(!settle.observe(version(4)));
    }
}
