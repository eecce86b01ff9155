//! Any text: sentence spans are ordered, inside the text, on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = vntext::normalize::normalize(&String::from_utf8_lossy(data));
    let mut last = 0;
    for r in vntext::segment::sentences(&text) {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(r.start >= last, "sentences overlap or go back");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        last = r.end;
    }
});
