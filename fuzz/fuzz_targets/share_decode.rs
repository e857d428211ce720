//! Fuzzes share-link decoding: any text, and any bytes packed as a well-formed version-1 fragment,
//! must decode or fail with a message, never panic; whatever decodes must encode and round-trip.
#![no_main]

use base64::Engine;
use chatops_designer::domain::design::share::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = decode(text) {
            assert_eq!(encode(&d).ok().and_then(|f| decode(&f).ok()), Some(d));
        }
    }
    // The same bytes as a deflated payload, to reach past base64 and inflate.
    let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
    let fragment = format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
    if let Ok(d) = decode(&fragment) {
        assert_eq!(encode(&d).ok().and_then(|f| decode(&f).ok()), Some(d));
    }
});
