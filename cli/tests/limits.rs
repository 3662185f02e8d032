//! Query arguments are bounded on the command line as over HTTP: the bound lives in the core
//! lookup, so a huge name is refused at once instead of being compared with every known name.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use std::time::{Duration, Instant};

mod common;
use common::{quanze, EXAMPLE};

#[test]
fn a_huge_name_is_refused_at_once() {
    let long = "甬".repeat(20_000);
    for (flag, value) in [("--place", long.as_str()), ("--item", long.as_str())] {
        let mut args = vec![
            "who",
            EXAMPLE,
            "--item",
            "330205-CF-001",
            "--place",
            "甬江街道",
            "--date",
            "2024-05-01",
        ];
        let at = args.iter().position(|a| *a == flag).unwrap();
        args[at + 1] = value;
        let started = Instant::now();
        let out = quanze(&args);
        let took = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("at most 256"), "{stderr}");
        assert!(took < Duration::from_secs(10), "{took:?}");
    }
}
