//! Fuzzes the Terraform import: any text, as one file and split into two files read together,
//! must import or fail with a message, never panic; whatever imports is a design that writes and
//! reads back.
#![no_main]

use chatops_designer::domain::import::terraform::import_terraform;
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::seed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let current = seed();
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    for files in [
        vec![("main.tf".to_string(), text.to_string())],
        vec![
            ("a.tf".to_string(), text[..cut].to_string()),
            ("b.tf".to_string(), text[cut..].to_string()),
        ],
    ] {
        if let Ok(imported) = import_terraform(&files, &current) {
            let json = imported.design.to_json();
            assert_eq!(Design::from_json(&json).ok(), Some(imported.design));
        }
    }
});
