//! Newtype indices into the declaration tables of a rule set.
//!
//! An id is only meaningful for the rule set that issued it; the tables are
//! append-only while building and frozen afterwards.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the `index`-th entry of its table.
            pub fn from_index(index: usize) -> $name {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(/// A jurisdiction node (属地).
    PlaceId, "P");
id_type!(/// A unit (主体).
    UnitId, "U");
id_type!(/// An item (事项).
    ItemId, "I");
id_type!(/// A delegation (赋权), one item to one target.
    DelegationId, "D");
id_type!(/// A revocation (收回), one item from one target.
    RevocationId, "R");
id_type!(/// A scenario topic.
    TopicId, "T");
id_type!(/// A collaborative scenario (协同场景).
    ScenarioId, "S");
id_type!(/// An escalation ladder (分级处置).
    LadderId, "L");
