//! The JSON form of a proof: `serde_json` over the proof types, pretty-printed, with the format
//! version in the `version` field. The shape is documented in `docs/PROOFS.md`.

use super::Proof;

/// The proof as pretty-printed JSON.
pub fn to_json(proof: &Proof) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(proof)
}

/// Reads a proof from JSON; the checker decides whether it holds.
pub fn from_json(text: &str) -> Result<Proof, serde_json::Error> {
    serde_json::from_str(text)
}
