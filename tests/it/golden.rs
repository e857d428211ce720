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
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
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

/// The emoji table the preview ships equals the gemoji data of the `emojis` crate (every shortcode
/// of every emoji, sorted). `make golden` rewrites it after an `emojis` update.
#[test]
fn golden_emoji_table_matches_the_emojis_crate() {
    let mut rows: Vec<(String, String)> = emojis::iter()
        .flat_map(|e| {
            e.shortcodes()
                .map(move |c| (c.to_string(), e.as_str().to_string()))
        })
        .collect();
    rows.sort();
    rows.dedup_by(|a, b| a.0 == b.0);
    let table: String = rows.iter().map(|(c, e)| format!("{c}\t{e}\n")).collect();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/amazon_q/emoji.tsv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &table).unwrap();
    }
    assert_eq!(
        chatops_designer::domain::amazon_q::mrkdwn::EMOJI_TABLE,
        table,
        "src/domain/amazon_q/emoji.tsv differs from the emojis crate: run make golden"
    );
    for (code, _) in &rows {
        assert_eq!(
            chatops_designer::domain::amazon_q::mrkdwn::emoji_for(code).as_deref(),
            emojis::get_by_shortcode(code).map(|e| e.as_str()),
            ":{code}:"
        );
    }
}
