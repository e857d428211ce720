//! The folders of `src/domain` and of `src/ui` are layers, and imports flow one way: a file names
//! only its own folder and the folders of lower layers (the orders `src/domain/mod.rs` and
//! `src/ui/mod.rs` document). Within a UI folder, the files' imports form no circle either.

use std::collections::BTreeMap;
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
    let mut out: Vec<String> = paths_after(text, "crate::domain::")
        .into_iter()
        .filter_map(|p| p.into_iter().next())
        .collect();
    out.dedup();
    out
}

/// Every path that follows `key` in `text`, as its segments; a group (`a::{b, c::d}`) gives one
/// path per item.
fn paths_after(text: &str, key: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        rest = &rest[at + key.len()..];
        let (paths, used) = use_tree(rest);
        out.extend(paths);
        rest = &rest[used..];
    }
    out
}

/// Reads the use tree at the start of `s` (`a::b`, `a::{b, c::d as e}`, `*`): its paths and the
/// bytes read.
fn use_tree(s: &str) -> (Vec<Vec<String>>, usize) {
    if let Some(group) = s.strip_prefix('{') {
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            let item = &group[at..];
            let skipped = item.len() - item.trim_start().len();
            at += skipped;
            let (paths, used) = use_tree(&group[at..]);
            out.extend(paths);
            at += used;
            // Past `as name` and whitespace to the item's end.
            let Some(end) = group[at..].find([',', '}']) else {
                return (out, s.len());
            };
            at += end;
            if group[at..].starts_with('}') {
                return (out, 1 + at + 1);
            }
            at += 1;
        }
    }
    let word: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if word.is_empty() {
        return (vec![Vec::new()], 0);
    }
    let after = &s[word.len()..];
    if let Some(tail) = after.strip_prefix("::") {
        let (paths, used) = use_tree(tail);
        let paths = paths
            .into_iter()
            .map(|p| std::iter::once(word.clone()).chain(p).collect())
            .collect();
        (paths, word.len() + 2 + used)
    } else {
        let n = word.len();
        (vec![vec![word]], n)
    }
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

/// The folders of `src/ui`, bottom to top; folders on one row are siblings and may not name
/// each other.
const UI_LAYERS: &[&[&str]] = &[
    &["platform"],
    &["store"],
    &["widgets"],
    &["preview", "tabs", "header"],
    &["app"],
];

fn ui_rank(folder: &str) -> Option<usize> {
    UI_LAYERS.iter().position(|row| row.contains(&folder))
}

/// The module path inside `crate::ui` of a file under `src/ui` (`preview/rich.rs` is
/// `["preview", "rich"]`, `preview/mod.rs` is `["preview"]`).
fn ui_module(rel: &Path) -> Vec<String> {
    let mut path: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if path.last().is_some_and(|l| l == "mod") {
        path.pop();
    }
    path
}

/// Every `crate::ui` path the file at `module` names, written out from `crate::ui` (`super::`
/// paths climbed from the file's module; those that climb out of `crate::ui` are left out).
fn ui_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = paths_after(text, "crate::ui::");
    let mut rest = text;
    while let Some(at) = rest.find("super::") {
        let before = &text[..text.len() - rest.len() + at];
        rest = &rest[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            ups += 1;
        }
        // `a::super::b` is read whole from its start, never from the middle.
        if before.ends_with("::") || ups > module.len() {
            continue;
        }
        let (paths, used) = use_tree(rest);
        rest = &rest[used..];
        for p in paths {
            out.push(
                module[..module.len() - ups]
                    .iter()
                    .cloned()
                    .chain(p)
                    .collect(),
            );
        }
    }
    out
}

/// The first circle among `edges`, as the files in it, if there is one.
fn circle(edges: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, Vec<String>>,
        done: &mut Vec<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == n) {
            return Some(stack[at..].to_vec());
        }
        if done.iter().any(|d| d == n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        done.push(n.to_string());
        None
    }
    let mut done = Vec::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut done, &mut Vec::new()))
}

/// What is wrong with the imports of the UI files `(path under src/ui, text)`: a file outside
/// every folder, a folder in no layer, a name of a sibling or higher folder, a circle of files.
fn ui_offences(sources: &[(PathBuf, String)]) -> Vec<String> {
    let mut offenders = Vec::new();
    let modules: Vec<Vec<String>> = sources.iter().map(|(rel, _)| ui_module(rel)).collect();
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((rel, text), module) in sources.iter().zip(&modules) {
        let Some(own) = module.first() else {
            continue; // src/ui/mod.rs declares the folders
        };
        if rel.components().count() < 2 {
            offenders.push(format!("{} is in no folder", rel.display()));
            continue;
        }
        let Some(own_rank) = ui_rank(own) else {
            offenders.push(format!("{} is in no layer", rel.display()));
            continue;
        };
        let me = module.join("::");
        for path in ui_paths(module, text) {
            let Some(other) = path.first() else { continue };
            if other == own {
                // An edge to the file named, or to the folder's mod.rs for an item it holds.
                let target = match path.get(1) {
                    Some(file)
                        if modules
                            .iter()
                            .any(|m| m.len() == 2 && m[0] == *own && m[1] == *file) =>
                    {
                        format!("{own}::{file}")
                    }
                    _ => own.clone(),
                };
                if target != me {
                    edges.entry(me.clone()).or_default().push(target);
                }
                continue;
            }
            match ui_rank(other) {
                Some(r) if r < own_rank => {}
                Some(_) => offenders.push(format!(
                    "{} ({own}) names {other}, which is not below it",
                    rel.display()
                )),
                None => offenders.push(format!(
                    "{} names crate::ui::{other}, which is in no layer",
                    rel.display()
                )),
            }
        }
    }
    if let Some(c) = circle(&edges) {
        offenders.push(format!(
            "the files {} import each other in a circle",
            c.join(" → ")
        ));
    }
    offenders
}

#[test]
fn every_ui_folder_is_a_layer_and_imports_flow_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    let sources: Vec<(PathBuf, String)> = all
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_path_buf();
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(sources.len() > 20, "src/ui holds {} files", sources.len());
    let offenders = ui_offences(&sources);
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_ui_checker_finds_upward_and_sibling_imports_and_circles() {
    let file = |rel: &str, text: &str| (PathBuf::from(rel), text.to_string());
    let fine = [
        file("mod.rs", "mod app;\nmod store;"),
        file("store/mod.rs", "pub mod state;"),
        file("store/state.rs", "use crate::ui::platform;"),
        file(
            "tabs/rule.rs",
            "use crate::ui::{store::state::use_store, widgets::fields};\nuse super::json;",
        ),
        file("tabs/json.rs", "use super::super::store::state;"),
        file("app/mod.rs", "use crate::ui::tabs::{rule, json};"),
    ];
    assert_eq!(ui_offences(&fine), Vec::<String>::new());
    let wrong = [
        file("stray.rs", ""),
        file("store/state.rs", "let t = crate::ui::tabs::rule::check(x);"),
        file("preview/panel.rs", "use super::super::tabs::Navigator;"),
        file("tabs/mod.rs", "use super::{header::Header};"),
        file("tabs/a.rs", "use crate::ui::tabs::b;"),
        file("tabs/b.rs", "use super::a;"),
        file("gadgets/x.rs", ""),
    ];
    assert_eq!(
        ui_offences(&wrong),
        [
            "stray.rs is in no folder",
            "store/state.rs (store) names tabs, which is not below it",
            "preview/panel.rs (preview) names tabs, which is not below it",
            "tabs/mod.rs (tabs) names header, which is not below it",
            "gadgets/x.rs is in no layer",
            "the files tabs::a → tabs::b import each other in a circle",
        ]
    );
}

#[test]
fn the_checker_reads_groups_and_paths() {
    let text = "use crate::domain::{base::diagnostic::Diagnostic, design::{model, presets}};\nlet x = crate::domain::eventbridge::pattern::parse;";
    assert_eq!(named(text), ["base", "design", "eventbridge"]);
}
