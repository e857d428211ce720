//! The core stays pure: no web crate, file system, clock or randomness in `src/domain`.

#[test]
fn the_core_names_no_web_crate_file_system_clock_or_randomness() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain");
    let forbidden = [
        "leptos",
        "web_sys",
        "wasm_bindgen",
        "js_sys",
        "gloo",
        "std::fs",
        "SystemTime",
        "Instant::now",
        "rand::",
    ];
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for word in forbidden {
                    if text.contains(word) {
                        offenders.push(format!("{} names {word}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
