//! Export goldens: every case × format is a real file under tests/golden/, compared byte for byte.
//! `UPDATE_GOLDEN=1 cargo test --test it golden` (or `make golden`) rewrites them; review the diff.

#[path = "../common/export_cases.rs"]
mod export_cases;

use chatops_designer::domain::export::Format;
use export_cases::CASES;

#[test]
fn golden_exports_match_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for case in CASES {
        for format in Format::ALL {
            let dir = case.golden_dir(format);
            for file in case.export(format).files {
                let path = dir.join(&file.name);
                if update {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &file.contents).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(&file.contents) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "exports differ from their goldens (run make golden and review the diff):\n{}",
        stale.join("\n")
    );
}

#[test]
fn exports_are_deterministic() {
    for case in CASES {
        for format in Format::ALL {
            assert_eq!(case.export(format), case.export(format), "{}", case.dir);
        }
    }
}
