//! The folders of `src/domain` are layers, and imports flow one way: a file names only its own
//! folder and the folders of lower layers (the order `src/domain/mod.rs` documents).

use std::path::{Path, PathBuf};

/// Bottom to top; folders on one row are siblings and may not name each other.
const LAYERS: &[&[&str]] = &[
    &["base"],
    &["design"],
    &["eventbridge"],
    &["amazon_q"],
    &["pipeline"],
    &["view", "export", "import"],
    &["verify"],
    &["jobs"],
];

fn rank(folder: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&folder))
}

/// The top-level folder (or root module) of every `crate::domain::…` path in `text`, including
/// each item of a `crate::domain::{…}` group.
fn named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let key = "crate::domain::";
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        rest = &rest[at + key.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            rest = &group[i..];
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        let word: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        out.push(word);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_domain_folder_is_a_layer_and_imports_flow_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut offenders = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(&root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let own = first.trim_end_matches(".rs").to_string();
        if own == "mod" {
            continue;
        }
        let Some(own_rank) = rank(&own) else {
            offenders.push(format!("{} is in no layer", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        if text.contains("super::super") {
            offenders.push(format!(
                "{} reaches two folders up with super::super",
                rel.display()
            ));
        }
        for other in named(&text) {
            if other == own {
                continue;
            }
            match rank(&other) {
                Some(r) if r < own_rank => {}
                Some(_) => offenders.push(format!(
                    "{} ({own}) names {other}, which is not below it",
                    rel.display()
                )),
                None => offenders.push(format!(
                    "{} names crate::domain::{other}, which is in no layer",
                    rel.display()
                )),
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_checker_reads_groups_and_paths() {
    let text = "use crate::domain::{base::diagnostic::Diagnostic, design::{model, presets}};\nlet x = crate::domain::eventbridge::pattern::parse;";
    assert_eq!(named(text), ["base", "design", "eventbridge"]);
}
