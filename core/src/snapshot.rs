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
//! The payload is a list of parts, so that a loader can decode them on several threads: 4 bytes,
//! the number of parts; 8 bytes for each, its length; then the parts, each a postcard encoding.
//! The first holds the source files as (path, text) pairs, the second the content hash and every
//! declaration table but the items, and the rest the items, in order, in up to
//! [`ITEM_CHUNKS`] runs of equal length.
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

use crate::model::delegation::{Delegation, Revocation};
use crate::model::item::Item;
use crate::model::jurisdiction::Place;
use crate::model::ladder::Ladder;
use crate::model::org::{Acceptance, OrgRule};
use crate::model::scenario::{Scenario, Topic};
use crate::model::test::TestCase;
use crate::model::unit::{Route, Unit};
use crate::parallel;
use crate::proof::ENGINE_VERSION;
use crate::ruleset::{Decls, ModelError, RuleSet};
use crate::span::{SourceFile, SourceMap};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

/// The first bytes of every snapshot.
pub const SNAPSHOT_MAGIC: &[u8; 6] = b"QZSNAP";

/// The snapshot layout this engine writes and reads. 3: a territorial item carries the spans
/// of its `primary` clause and of each township duty.
pub const SNAPSHOT_FORMAT: u16 = 3;

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

/// The most runs the items are split into. Fixed, so that the same rule set always gives the
/// same bytes, whatever machine writes it.
pub const ITEM_CHUNKS: usize = 4;

/// Fewer items than this in a run are not worth a thread of their own.
const MIN_CHUNK: usize = 32_768;

/// Every declaration table but the items, and the content hash. Line tables are not stored:
/// they are rebuilt from the text, so a snapshot cannot carry positions that disagree with its
/// sources.
#[derive(Deserialize)]
struct Rest {
    content_hash: String,
    places: Vec<Place>,
    units: Vec<Unit>,
    routes: Vec<Route>,
    delegations: Vec<Delegation>,
    revocations: Vec<Revocation>,
    topics: Vec<Topic>,
    scenarios: Vec<Scenario>,
    ladders: Vec<Ladder>,
    acceptances: Vec<Acceptance>,
    org_rules: Vec<OrgRule>,
    tests: Vec<TestCase>,
}

#[derive(Serialize)]
struct RestRef<'a> {
    content_hash: &'a str,
    places: &'a [Place],
    units: &'a [Unit],
    routes: &'a [Route],
    delegations: &'a [Delegation],
    revocations: &'a [Revocation],
    topics: &'a [Topic],
    scenarios: &'a [Scenario],
    ladders: &'a [Ladder],
    acceptances: &'a [Acceptance],
    org_rules: &'a [OrgRule],
    tests: &'a [TestCase],
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, SnapshotError> {
    postcard::to_allocvec(value).map_err(|e| SnapshotError::Encode(e.to_string()))
}

/// The payload of a rule set: its parts, counted and measured.
fn payload(
    files: &[(&str, &str)],
    decls: &Decls,
    content_hash: &str,
) -> Result<Vec<u8>, SnapshotError> {
    // Naming every field makes a new declaration table a compile error here, not a silent loss.
    let Decls {
        places,
        units,
        routes,
        items,
        delegations,
        revocations,
        topics,
        scenarios,
        ladders,
        acceptances,
        org_rules,
        tests,
    } = decls;
    let rest = RestRef {
        content_hash,
        places,
        units,
        routes,
        delegations,
        revocations,
        topics,
        scenarios,
        ladders,
        acceptances,
        org_rules,
        tests,
    };
    let mut parts = vec![encode(files)?, encode(&rest)?];
    let chunk = items.len().div_ceil(ITEM_CHUNKS).max(MIN_CHUNK);
    for run in items.chunks(chunk) {
        parts.push(encode(run)?);
    }
    seal_parts(&parts)
}

/// The part count, the lengths and the parts.
fn seal_parts(parts: &[Vec<u8>]) -> Result<Vec<u8>, SnapshotError> {
    let count = u32::try_from(parts.len())
        .map_err(|_| SnapshotError::Encode("too many parts".to_owned()))?;
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut body = Vec::with_capacity(4 + 8 * parts.len() + total);
    body.extend_from_slice(&count.to_le_bytes());
    for part in parts {
        body.extend_from_slice(&(part.len() as u64).to_le_bytes());
    }
    for part in parts {
        body.extend_from_slice(part);
    }
    Ok(body)
}

/// Splits the payload into its parts; at least two (sources and the rest), and no more than
/// two plus [`ITEM_CHUNKS`].
fn split_parts(body: &[u8]) -> Result<Vec<&[u8]>, SnapshotError> {
    let mut reader = Reader(body);
    let bad = |what: &str| SnapshotError::Decode(what.to_owned());
    let count = u32::from_le_bytes(reader.array().map_err(|_| bad("no part count"))?) as usize;
    if !(2..=2 + ITEM_CHUNKS).contains(&count) {
        return Err(bad("the payload has a wrong number of parts"));
    }
    let mut lengths = Vec::with_capacity(count);
    for _ in 0..count {
        let length = u64::from_le_bytes(reader.array().map_err(|_| bad("a part has no length"))?);
        lengths.push(usize::try_from(length).map_err(|_| bad("a part is too long"))?);
    }
    let mut parts = Vec::with_capacity(count);
    for length in lengths {
        parts.push(
            reader
                .take(length)
                .ok_or_else(|| bad("a part overruns the payload"))?,
        );
    }
    if !reader.0.is_empty() {
        return Err(bad("bytes follow the last part"));
    }
    Ok(parts)
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

/// The source files. Their text, a province's 100 MB of mostly Chinese, is validated as UTF-8
/// with SIMD (several times faster than `str::from_utf8` on such text) and copied once.
fn decode_sources(part: &[u8]) -> Result<SourceMap, SnapshotError> {
    let files: Vec<(String, &[u8])> = decode(part, "source files")?;
    let mut sources = SourceMap::default();
    for (path, text) in files {
        let text = simdutf8::basic::from_utf8(text)
            .map_err(|_| SnapshotError::Decode(format!("the text of `{path}` is not UTF-8")))?;
        sources.add(SourceFile::new(path, text));
    }
    Ok(sources)
}

fn decode_rest(part: &[u8]) -> Result<Rest, SnapshotError> {
    let rest: Rest = decode(part, "declarations")?;
    if !is_content_hash(&rest.content_hash) {
        return Err(SnapshotError::Decode(format!(
            "`{}` is not a content hash",
            rest.content_hash
        )));
    }
    Ok(rest)
}

fn decode_items(part: &[u8]) -> Result<Vec<Item>, SnapshotError> {
    decode(part, "items")
}

/// Decodes every part: the sources, the other tables and all but the first run of items on
/// threads of their own.
fn decode_parts(parts: &[&[u8]]) -> Result<(SourceMap, Decls, String), SnapshotError> {
    let [files, rest, runs @ ..] = parts else {
        return Err(SnapshotError::Decode(
            "the payload has too few parts".to_owned(),
        ));
    };
    let (sources, (rest, runs)) = parallel::join(
        || decode_sources(files),
        || {
            parallel::join(
                || decode_rest(rest),
                || parallel::map(runs, |run| decode_items(run)),
            )
        },
    );
    let mut runs = runs.into_iter();
    let mut items = runs.next().transpose()?.unwrap_or_default();
    let tails = runs.collect::<Result<Vec<_>, _>>()?;
    items.reserve_exact(tails.iter().map(Vec::len).sum());
    for tail in tails {
        items.extend(tail);
    }
    let rest = rest?;
    let sources = sources?;
    let decls = Decls {
        places: rest.places,
        units: rest.units,
        routes: rest.routes,
        items,
        delegations: rest.delegations,
        revocations: rest.revocations,
        topics: rest.topics,
        scenarios: rest.scenarios,
        ladders: rest.ladders,
        acceptances: rest.acceptances,
        org_rules: rest.org_rules,
        tests: rest.tests,
    };
    Ok((sources, decls, rest.content_hash))
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
        seal(&payload(&files, self.decls(), self.content_hash())?)
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
        let (sources, decls, content_hash) = decode_parts(&split_parts(body)?)?;
        Ok(RuleSet::with_content_hash(sources, decls, content_hash)?)
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

mod cond;
pub use cond::MAX_COND_DEPTH;

#[cfg(test)]
mod tests;
