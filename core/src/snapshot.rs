//! The compiled snapshot: a rule set as bytes that load in milliseconds, for `quanze compile`,
//! for pickling in the Python package and for services that should not parse at start-up.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | field |
//! |---|---|
//! | 6 | magic `QZSNAP` |
//! | 2 | format version, [`SNAPSHOT_FORMAT`] |
//! | 1 + n | engine version that wrote it: length, then UTF-8 |
//! | 8 | payload length |
//! | 32 | SHA-256 of the payload |
//! | … | payload: postcard encoding of the source files (path, text) and the [`Decls`] |
//!
//! Loading checks every header field and the checksum before decoding, then rebuilds the rule
//! set with [`RuleSet::new`], so the content hash and the indexes are those of a rule set
//! compiled from the same text. The snapshot is a cache, not an archive: a snapshot written by
//! another engine version is refused, and the remedy is to compile the sources again.
//!
//! **Invariant:** corrupt or foreign bytes give a [`SnapshotError`], never a panic and never a
//! rule set that answers differently.

use crate::proof::ENGINE_VERSION;
use crate::ruleset::{Decls, ModelError, RuleSet};
use crate::span::{SourceFile, SourceMap};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The first bytes of every snapshot.
pub const SNAPSHOT_MAGIC: &[u8; 6] = b"QZSNAP";

/// The snapshot layout this engine writes and reads.
pub const SNAPSHOT_FORMAT: u16 = 1;

/// Why bytes could not be loaded as a snapshot.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("not a quanze snapshot (the file does not start with `QZSNAP`)")]
    Magic,
    #[error("the snapshot is truncated")]
    Truncated,
    #[error("snapshot format {found} is not supported (expected {expected})")]
    Format { found: u16, expected: u16 },
    #[error("the snapshot was written by quanze {found}, this is quanze {expected}; compile the rule set again")]
    Engine { found: String, expected: String },
    #[error("the snapshot is corrupt: its checksum does not match")]
    Checksum,
    #[error("the snapshot is corrupt: {0}")]
    Decode(String),
    #[error("the snapshot holds an inconsistent rule set: {0}")]
    Model(#[from] ModelError),
    #[error("the rule set cannot be encoded: {0}")]
    Encode(String),
}

/// What the payload holds. Line tables are not stored: they are rebuilt from the text, so a
/// snapshot cannot carry positions that disagree with its sources.
#[derive(Serialize, Deserialize)]
struct Payload {
    files: Vec<(String, String)>,
    decls: Decls,
}

#[derive(Serialize)]
struct PayloadRef<'a> {
    files: Vec<(&'a str, &'a str)>,
    decls: &'a Decls,
}

impl RuleSet {
    /// The rule set as snapshot bytes; [`RuleSet::from_bytes`] reads them back.
    pub fn to_bytes(&self) -> Result<Vec<u8>, SnapshotError> {
        let payload = PayloadRef {
            files: self
                .sources()
                .files()
                .iter()
                .map(|f| (f.path.as_str(), f.text.as_str()))
                .collect(),
            decls: self.decls(),
        };
        let body =
            postcard::to_allocvec(&payload).map_err(|e| SnapshotError::Encode(e.to_string()))?;
        let engine = ENGINE_VERSION.as_bytes();
        let engine_len = u8::try_from(engine.len())
            .map_err(|_| SnapshotError::Encode("engine version too long".to_owned()))?;
        let mut out = Vec::with_capacity(SNAPSHOT_MAGIC.len() + 43 + engine.len() + body.len());
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&SNAPSHOT_FORMAT.to_le_bytes());
        out.push(engine_len);
        out.extend_from_slice(engine);
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&Sha256::digest(&body));
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Loads snapshot bytes written by [`RuleSet::to_bytes`] of this engine version.
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, SnapshotError> {
        let mut reader = Reader(bytes);
        let magic = reader.take(SNAPSHOT_MAGIC.len());
        if magic != Some(SNAPSHOT_MAGIC.as_slice()) {
            // A prefix of the magic is a truncated snapshot, anything else a foreign file.
            return Err(if SNAPSHOT_MAGIC.starts_with(bytes) {
                SnapshotError::Truncated
            } else {
                SnapshotError::Magic
            });
        }
        let format = u16::from_le_bytes(reader.array()?);
        if format != SNAPSHOT_FORMAT {
            return Err(SnapshotError::Format {
                found: format,
                expected: SNAPSHOT_FORMAT,
            });
        }
        let [engine_len] = reader.array::<1>()?;
        let engine = reader
            .take(usize::from(engine_len))
            .ok_or(SnapshotError::Truncated)?;
        if engine != ENGINE_VERSION.as_bytes() {
            return Err(SnapshotError::Engine {
                found: String::from_utf8_lossy(engine).into_owned(),
                expected: ENGINE_VERSION.to_owned(),
            });
        }
        let length = u64::from_le_bytes(reader.array()?);
        let checksum: [u8; 32] = reader.array()?;
        let body = reader.0;
        if (body.len() as u64) < length {
            return Err(SnapshotError::Truncated);
        }
        if body.len() as u64 != length {
            return Err(SnapshotError::Decode(
                "bytes follow the end of the payload".to_owned(),
            ));
        }
        if Sha256::digest(body).as_slice() != checksum.as_slice() {
            return Err(SnapshotError::Checksum);
        }
        let payload: Payload =
            postcard::from_bytes(body).map_err(|e| SnapshotError::Decode(e.to_string()))?;
        let mut sources = SourceMap::default();
        for (path, text) in payload.files {
            sources.add(SourceFile::new(path, text));
        }
        Ok(RuleSet::new(sources, payload.decls)?)
    }
}

/// A cursor over the header that never reads past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        self.take(N)
            .and_then(|s| <[u8; N]>::try_from(s).ok())
            .ok_or(SnapshotError::Truncated)
    }
}

#[cfg(test)]
mod tests;
