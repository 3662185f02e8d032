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
//! | 16 | XXH3-128 checksum of the payload |
//! | … | payload, below |
//!
//! The payload is two parts, so that a loader can decode them on two threads: 8 bytes, the
//! length of the first; the first, the postcard encoding of the source files as (path, text)
//! pairs; the second, the postcard encoding of the [`Decls`] and the content hash.
//!
//! Loading checks every header field and the checksum before decoding, validates every id the
//! declarations hold, and rebuilds the name tables and indexes the way [`RuleSet::new`] does.
//! The content hash is stored rather than recomputed (it is the SHA-256 of the sources, and
//! hashing a province's 100 MB again would cost more than the rest of the load); the checksum
//! covers it like everything else. Line tables are built on first use.
//!
//! The checksum detects corruption, not forgery: like any file a service is configured to load,
//! a snapshot is trusted to come from `quanze compile` (a forged one could as well carry forged
//! declarations). The snapshot is a cache, not an archive: a snapshot written by another engine
//! version is refused, and the remedy is to compile the sources again.
//!
//! **Invariant:** corrupt or foreign bytes give a [`SnapshotError`], never a panic and never a
//! rule set that answers differently.

use crate::proof::ENGINE_VERSION;
use crate::ruleset::{Decls, ModelError, RuleSet};
use crate::span::{SourceFile, SourceMap};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

/// The first bytes of every snapshot.
pub const SNAPSHOT_MAGIC: &[u8; 6] = b"QZSNAP";

/// The snapshot layout this engine writes and reads.
pub const SNAPSHOT_FORMAT: u16 = 2;

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

/// The payload's second part. Line tables are not stored: they are rebuilt from the text, so
/// a snapshot cannot carry positions that disagree with its sources.
#[derive(Deserialize)]
struct Model {
    decls: Decls,
    content_hash: String,
}

#[derive(Serialize)]
struct ModelRef<'a> {
    decls: &'a Decls,
    content_hash: &'a str,
}

/// The two parts of the payload, encoded.
fn payload(files: &[(&str, &str)], model: &ModelRef<'_>) -> Result<Vec<u8>, SnapshotError> {
    let encode_error = |e: postcard::Error| SnapshotError::Encode(e.to_string());
    let files = postcard::to_allocvec(files).map_err(encode_error)?;
    let model = postcard::to_allocvec(model).map_err(encode_error)?;
    let mut body = Vec::with_capacity(8 + files.len() + model.len());
    body.extend_from_slice(&(files.len() as u64).to_le_bytes());
    body.extend_from_slice(&files);
    body.extend_from_slice(&model);
    Ok(body)
}

/// Decodes one part, which must be used to its last byte.
fn decode<'a, T: Deserialize<'a>>(part: &'a [u8], what: &str) -> Result<T, SnapshotError> {
    let (value, rest) = postcard::take_from_bytes(part)
        .map_err(|e| SnapshotError::Decode(format!("{what}: {e}")))?;
    if !rest.is_empty() {
        return Err(SnapshotError::Decode(format!(
            "{what}: {} bytes follow the end",
            rest.len()
        )));
    }
    Ok(value)
}

fn decode_sources(part: &[u8]) -> Result<SourceMap, SnapshotError> {
    let files: Vec<(String, String)> = decode(part, "source files")?;
    let mut sources = SourceMap::default();
    for (path, text) in files {
        sources.add(SourceFile::new(path, text));
    }
    Ok(sources)
}

fn decode_model(part: &[u8]) -> Result<Model, SnapshotError> {
    let model: Model = decode(part, "declarations")?;
    if !is_content_hash(&model.content_hash) {
        return Err(SnapshotError::Decode(format!(
            "`{}` is not a content hash",
            model.content_hash
        )));
    }
    Ok(model)
}

/// Decodes both parts, the source files on a second thread when one can be started.
fn decode_parts(files: &[u8], model: &[u8]) -> Result<(SourceMap, Model), SnapshotError> {
    std::thread::scope(|scope| {
        let sources = std::thread::Builder::new()
            .name("quanze-snapshot".to_owned())
            .spawn_scoped(scope, || decode_sources(files));
        let model = decode_model(model);
        let sources = match sources {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(SnapshotError::Decode("source files".to_owned()))),
            Err(_) => decode_sources(files),
        };
        Ok((sources?, model?))
    })
}

impl RuleSet {
    /// The rule set as snapshot bytes; [`RuleSet::from_bytes`] reads them back.
    pub fn to_bytes(&self) -> Result<Vec<u8>, SnapshotError> {
        let files: Vec<(&str, &str)> = self
            .sources()
            .files()
            .iter()
            .map(|f| (f.path.as_str(), f.text.as_str()))
            .collect();
        let model = ModelRef {
            decls: self.decls(),
            content_hash: self.content_hash(),
        };
        seal(&payload(&files, &model)?)
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
        let checksum = u128::from_le_bytes(reader.array()?);
        let body = reader.0;
        if (body.len() as u64) < length {
            return Err(SnapshotError::Truncated);
        }
        if body.len() as u64 != length {
            return Err(SnapshotError::Decode(
                "bytes follow the end of the payload".to_owned(),
            ));
        }
        if xxh3_128(body) != checksum {
            return Err(SnapshotError::Checksum);
        }
        let mut parts = Reader(body);
        let files_len = u64::from_le_bytes(parts.array()?);
        let files = usize::try_from(files_len)
            .ok()
            .and_then(|n| parts.take(n))
            .ok_or_else(|| {
                SnapshotError::Decode("the source files overrun the payload".to_owned())
            })?;
        let (sources, model) = decode_parts(files, parts.0)?;
        Ok(RuleSet::with_content_hash(
            sources,
            model.decls,
            model.content_hash,
        )?)
    }
}

/// The header, then the payload.
fn seal(body: &[u8]) -> Result<Vec<u8>, SnapshotError> {
    let engine = ENGINE_VERSION.as_bytes();
    let engine_len = u8::try_from(engine.len())
        .map_err(|_| SnapshotError::Encode("engine version too long".to_owned()))?;
    let mut out = Vec::with_capacity(SNAPSHOT_MAGIC.len() + 27 + engine.len() + body.len());
    out.extend_from_slice(SNAPSHOT_MAGIC);
    out.extend_from_slice(&SNAPSHOT_FORMAT.to_le_bytes());
    out.push(engine_len);
    out.extend_from_slice(engine);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_128(body).to_le_bytes());
    out.extend_from_slice(body);
    Ok(out)
}

/// `sha256:` and 64 lowercase hex digits, as [`RuleSet::content_hash`] writes it.
fn is_content_hash(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
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
