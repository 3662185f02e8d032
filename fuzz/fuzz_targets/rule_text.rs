//! Rule text → parse, resolve, check: never a panic, a hang or unbounded recursion.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = quanze_dsl::compile_str("fuzz.qz", text);
    }
});
