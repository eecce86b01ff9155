//! Any bytes: encoding detection and decoding, then normalization, which must
//! be idempotent and give NFC.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vntext::read::encoding::looks_binary(data);
    let decoded = vntext::read::encoding::decode(data, None);
    let once = vntext::normalize::normalize(&decoded.text);
    let twice = vntext::normalize::normalize(&once);
    assert_eq!(once, twice, "normalization is not idempotent");
});
