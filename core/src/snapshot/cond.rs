//! Decoding a scenario condition with its nesting bounded.
//!
//! A condition nests (`Not`, `And`, `Or`), and serde decodes it by recursion, one stack frame
//! per level. The rule language cannot write a condition nested deeper than its bracket limit
//! (64), but a forged snapshot can: one byte per `Not` gives a million levels in a megabyte,
//! enough to overflow the stack. Every decoding of a [`Cond`] passes through this
//! implementation, which counts the levels on the current thread and refuses more than
//! [`MAX_COND_DEPTH`] with an error, before the stack is at risk.

use crate::model::scenario::Cond;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use std::cell::Cell;

/// The deepest condition decoded; far above what the language can write.
pub const MAX_COND_DEPTH: usize = 256;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One level of nesting, given back when dropped (on success and on error alike).
struct Level;

impl Level {
    fn enter() -> Option<Level> {
        DEPTH.with(|depth| {
            let now = depth.get();
            (now < MAX_COND_DEPTH).then(|| {
                depth.set(now + 1);
                Level
            })
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// The shape of [`Cond`] as serialized; its nested conditions come back through the bounded
/// implementation below.
#[derive(Deserialize)]
#[serde(rename = "Cond")]
enum Repr {
    True,
    Eq { fact: u32, value: u32 },
    Ne { fact: u32, value: u32 },
    In { fact: u32, values: Vec<u32> },
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl<'de> Deserialize<'de> for Cond {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Some(_level) = Level::enter() else {
            return Err(D::Error::custom(format!(
                "a condition is nested deeper than {MAX_COND_DEPTH} levels"
            )));
        };
        Ok(match Repr::deserialize(deserializer)? {
            Repr::True => Cond::True,
            Repr::Eq { fact, value } => Cond::Eq { fact, value },
            Repr::Ne { fact, value } => Cond::Ne { fact, value },
            Repr::In { fact, values } => Cond::In { fact, values },
            Repr::Not(inner) => Cond::Not(inner),
            Repr::And(parts) => Cond::And(parts),
            Repr::Or(parts) => Cond::Or(parts),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]
    use super::*;

    /// `depth` times `Not`, then `True`, as postcard writes them (variant 4, variant 0).
    fn nots(depth: usize) -> Vec<u8> {
        let mut bytes = vec![4u8; depth];
        bytes.push(0);
        bytes
    }

    #[test]
    fn a_condition_nested_too_deep_is_an_error_not_an_overflow() {
        let decoded: Result<Cond, _> = postcard::from_bytes(&nots(1_000_000));
        assert!(decoded.is_err());
        // The count is given back after the error: ordinary conditions still decode.
        let decoded: Cond = postcard::from_bytes(&nots(100)).unwrap();
        let mut depth = 0;
        let mut at = &decoded;
        while let Cond::Not(inner) = at {
            depth += 1;
            at = inner;
        }
        assert_eq!((depth, at), (100, &Cond::True));
        let mut limit = decoded;
        for _ in 100..MAX_COND_DEPTH - 1 {
            limit = Cond::Not(Box::new(limit));
        }
        let bytes = postcard::to_allocvec(&limit).unwrap();
        assert_eq!(postcard::from_bytes::<Cond>(&bytes).unwrap(), limit);
    }

    #[test]
    fn json_reads_conditions_as_before() {
        let cond = Cond::And(vec![
            Cond::Eq { fact: 0, value: 1 },
            Cond::Not(Box::new(Cond::In {
                fact: 1,
                values: vec![0, 2],
            })),
            Cond::Or(vec![Cond::True, Cond::Ne { fact: 2, value: 0 }]),
        ]);
        let text = serde_json::to_string(&cond).unwrap();
        assert_eq!(serde_json::from_str::<Cond>(&text).unwrap(), cond);
    }
}
