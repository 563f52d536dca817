//! Arbitrary bytes as one file of an otherwise valid workspace: load,
//! check, budget and render must never panic, whatever the file holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    coopcom::fuzz_support::bytes_in_workspace(data);
});
