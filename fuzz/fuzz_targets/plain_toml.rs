//! Arbitrary text as a workspace TOML file: the one-pass reader of plain
//! TOML either leaves it to the `toml` crate or reads the same tree, spans
//! included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    coopcom::fuzz_support::plain_toml_agrees(data);
});
