//! quanze-dsl
