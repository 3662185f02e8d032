//! Verifying a document `{"answer", "named", "proof"}` as a consumer receives it (the CLI's
//! `verify`, the server's `POST /api/verify`): the proof of the answer by the independent
//! checker, then `named` against the view recomputed from the verified answer. A consumer reads
//! `named`, so a document whose names were changed after the engine wrote them is refused, with
//! the path of the first field that differs.
//!
//! A document without `named` still verifies its answer and proof; the verdict says that the
//! names were absent. The receipt's `engine` is informational and never checked (a proof rests
//! on its format and the rule set's content hash, not on the program that built it); the
//! verdict says so too. Both surfaces print the [`Verdict`] built here, so they agree.

use crate::checker::{self, CheckError};
use crate::plain::json_error;
use crate::proof::{Concludes, Proof, Query};
use crate::ruleset::RuleSet;
use crate::view;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Why a document was not verified.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The document is not an answer with a proof.
    #[error("{0}")]
    Malformed(String),
    /// The independent checker refused the proof.
    #[error(transparent)]
    Refused(#[from] CheckError),
    /// The proof holds, but `named` is not the view of the answer it proves.
    #[error(transparent)]
    Named(#[from] NamedMismatch),
}

/// The first field where a document's `named` differs from the view of its verified answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{path}` is not the view of the verified answer: {detail}")]
pub struct NamedMismatch {
    /// The field's path in the document, e.g. `named.handler` or `named.rungs[2].unit`.
    pub path: String,
    /// What the document has and what the view has, in words.
    pub detail: String,
}

/// What verification found about the document's `named`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamedCheck {
    /// `named` is exactly the view of the verified answer.
    Matches,
    /// The document has no `named`: only the answer and its proof were verified.
    Absent,
}

/// A document that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The number of steps of the proof.
    pub steps: usize,
    pub named: NamedCheck,
}

/// Verifies a document: its proof with the independent checker, then its `named` against the
/// view of the verified answer.
pub fn verify(rs: &RuleSet, document: &Value) -> Result<Verified, VerifyError> {
    let proof = proof_of(document)?;
    verify_with(rs, document, &proof)
}

fn proof_of(document: &Value) -> Result<Proof, VerifyError> {
    let value = document
        .get("proof")
        .ok_or_else(|| VerifyError::Malformed("the document has no `proof`".to_owned()))?;
    Proof::deserialize(value)
        .map_err(|e| VerifyError::Malformed(format!("the proof is malformed: {}", json_error(&e))))
}

fn verify_with(rs: &RuleSet, document: &Value, proof: &Proof) -> Result<Verified, VerifyError> {
    let answer = document
        .get("answer")
        .ok_or_else(|| VerifyError::Malformed("the document has no `answer`".to_owned()))?;
    let expected = match &proof.receipt.query {
        Query::WhoHandles { .. } => checked(rs, answer, proof, view::who)?,
        Query::Can { .. } => checked(rs, answer, proof, view::can)?,
        Query::WhyNot { .. } => checked(rs, answer, proof, view::why_not)?,
        Query::Scenario { .. } => checked(rs, answer, proof, view::scenario)?,
        Query::Escalate { .. } => checked(rs, answer, proof, view::escalate)?,
        Query::Duties { .. } => checked(rs, answer, proof, view::duties)?,
        Query::AcceptPoints { .. } => checked(rs, answer, proof, view::accept)?,
    };
    let named = match document.get("named") {
        None => NamedCheck::Absent,
        Some(found) => {
            if let Some(mismatch) = first_difference("named".to_owned(), found, &expected) {
                return Err(mismatch.into());
            }
            NamedCheck::Matches
        }
    };
    Ok(Verified {
        steps: proof.steps.len(),
        named,
    })
}

/// Reads the answer in the shape the proof's query gives, checks the proof of it, and returns
/// its view.
fn checked<A: DeserializeOwned + Concludes>(
    rs: &RuleSet,
    answer: &Value,
    proof: &Proof,
    view: fn(&RuleSet, &A) -> Value,
) -> Result<Value, VerifyError> {
    let answer = A::deserialize(answer).map_err(|e| {
        VerifyError::Malformed(format!(
            "the answer does not fit the proof's query: {}",
            json_error(&e)
        ))
    })?;
    checker::check(rs, &answer, proof)?;
    Ok(view(rs, &answer))
}

/// The first place, in the view's field order, where `found` differs from `expected`.
fn first_difference(path: String, found: &Value, expected: &Value) -> Option<NamedMismatch> {
    match (found, expected) {
        (Value::Object(f), Value::Object(e)) => {
            for (key, want) in e {
                let at = format!("{path}.{key}");
                match f.get(key) {
                    Some(have) => {
                        if let Some(d) = first_difference(at, have, want) {
                            return Some(d);
                        }
                    }
                    None => {
                        return Some(NamedMismatch {
                            path: at,
                            detail: format!("the document lacks it, the view has {}", words(want)),
                        })
                    }
                }
            }
            f.iter()
                .find(|(key, _)| !e.contains_key(*key))
                .map(|(key, have)| NamedMismatch {
                    path: format!("{path}.{key}"),
                    detail: format!(
                        "the document has {}, the view has no such field",
                        words(have)
                    ),
                })
        }
        (Value::Array(f), Value::Array(e)) => {
            for (i, (have, want)) in f.iter().zip(e).enumerate() {
                if let Some(d) = first_difference(format!("{path}[{i}]"), have, want) {
                    return Some(d);
                }
            }
            (f.len() != e.len()).then(|| NamedMismatch {
                path,
                detail: format!(
                    "the document has {} entries, the view has {}",
                    f.len(),
                    e.len()
                ),
            })
        }
        _ if found == expected => None,
        _ => Some(NamedMismatch {
            path,
            detail: format!(
                "the document has {}, the view has {}",
                words(found),
                words(expected)
            ),
        }),
    }
}

/// A JSON value in a few words: scalars as written, containers by their kind.
fn words(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::String(s) => format!("`{s}`"),
        Value::Bool(_) | Value::Number(_) => format!("`{value}`"),
        Value::Array(items) => format!("a list of {} entries", items.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The outcome of verifying a document, as every surface prints it (`quanze verify --json`
/// and `POST /api/verify` write it as JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The proof holds for the answer and `named`, when present, is the answer's view.
    pub holds: bool,
    /// The number of steps of a proof that holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
    /// Why the document was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What was refused: `proof` (the checker refused it) or `named`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<Refusal>,
    /// `matches`, `absent`, or `unchecked` when the proof was refused first.
    pub named: NamedVerdict,
    /// The receipt's engine version, which is not checked.
    pub engine: Engine,
    /// The content hash of the rule set the document was verified against.
    pub content_hash: String,
}

/// Which part of a document was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    Proof,
    Named,
}

/// The verdict on `named`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NamedVerdict {
    Matches,
    Absent,
    /// Not compared, because the proof was refused (or `named` itself differs).
    Unchecked,
    Differs,
}

/// The receipt's engine version, reported as informational: verification never checks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Engine {
    pub version: String,
    /// Always `false`: the engine version is informational.
    pub checked: bool,
}

/// Verifies a document and reports the outcome. Only a document that is not an answer with a
/// proof is an error (the message says why); a refused proof or a differing `named` is a
/// verdict with `holds: false`.
pub fn verdict(rs: &RuleSet, document: &Value) -> Result<Verdict, String> {
    let proof = proof_of(document).map_err(|e| e.to_string())?;
    let engine = Engine {
        version: proof.receipt.engine.clone(),
        checked: false,
    };
    let content_hash = rs.content_hash().to_owned();
    let refused = |refusal, reason: String, named| Verdict {
        holds: false,
        steps: None,
        reason: Some(reason),
        refused: Some(refusal),
        named,
        engine: engine.clone(),
        content_hash: content_hash.clone(),
    };
    match verify_with(rs, document, &proof) {
        Ok(verified) => Ok(Verdict {
            holds: true,
            steps: Some(verified.steps),
            reason: None,
            refused: None,
            named: match verified.named {
                NamedCheck::Matches => NamedVerdict::Matches,
                NamedCheck::Absent => NamedVerdict::Absent,
            },
            engine: engine.clone(),
            content_hash: content_hash.clone(),
        }),
        Err(VerifyError::Malformed(message)) => Err(message),
        Err(VerifyError::Refused(e)) => Ok(refused(
            Refusal::Proof,
            e.to_string(),
            NamedVerdict::Unchecked,
        )),
        Err(VerifyError::Named(e)) => Ok(refused(
            Refusal::Named,
            e.to_string(),
            NamedVerdict::Differs,
        )),
    }
}

impl Verdict {
    /// The verdict as lines of text for people.
    pub fn to_text(&self) -> String {
        let reason = self.reason.as_deref().unwrap_or_default();
        let mut lines = Vec::new();
        match self.refused {
            Some(Refusal::Proof) => lines.push(format!("proof refused: {reason}")),
            Some(Refusal::Named) => {
                lines.push(format!("named refused: {reason}"));
                lines.push(
                    "the proof holds for the answer, but `named` does not state that answer"
                        .to_owned(),
                );
            }
            None => {
                lines.push(format!(
                    "proof holds: {} steps against {}",
                    self.steps.unwrap_or_default(),
                    self.content_hash
                ));
                lines.push(match self.named {
                    NamedVerdict::Absent => {
                        "named: absent; only the answer and its proof were verified".to_owned()
                    }
                    _ => "named: the view of the verified answer".to_owned(),
                });
            }
        }
        lines.push(format!(
            "engine: {} (informational, not checked)",
            self.engine.version
        ));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn difference(found: Value, expected: Value) -> Option<String> {
        first_difference("named".to_owned(), &found, &expected).map(|d| d.to_string())
    }

    #[test]
    fn the_first_differing_field_is_named_by_its_path() {
        let view = json!({"handler": "a/b", "mode": "grant", "cooperating": [{"unit": "c", "duties": ["x"]}]});
        assert_eq!(difference(view.clone(), view.clone()), None);
        let mut changed = view.clone();
        changed["mode"] = json!("entrust");
        assert_eq!(
            difference(changed, view.clone()).as_deref(),
            Some("`named.mode` is not the view of the verified answer: the document has `entrust`, the view has `grant`")
        );
        let mut deep = view.clone();
        deep["cooperating"][0]["duties"] = json!(["x", "y"]);
        assert_eq!(
            difference(deep, view.clone()).as_deref(),
            Some("`named.cooperating[0].duties` is not the view of the verified answer: the document has 2 entries, the view has 1")
        );
        let mut extra = view.clone();
        extra["note"] = json!(null);
        assert!(difference(extra, view.clone()).is_some_and(|d| d.starts_with("`named.note`")));
        let mut missing = view.clone();
        if let Some(o) = missing.as_object_mut() {
            o.remove("handler");
        }
        assert!(difference(missing, view).is_some_and(|d| d.starts_with("`named.handler`")));
    }
}
