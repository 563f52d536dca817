//! Arbitrary text as a rendered document: the HTML coopcom writes (plain
//! tables, headings and paragraphs by itself, the rest by comrak) must be
//! byte for byte comrak's own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    let ours = coopcom::render::html::to_html(&markdown);
    let reference = coopcom::render::html::comrak_html(&markdown);
    assert_eq!(ours, reference, "HTML differs for {markdown:?}");
});
