//! Prints, for every preset (and the seed with a changed title), the share-fragment length next to the
//! same design as percent-encoded JSON and as base64 JSON. Run with `cargo run --example share_lengths`.

use base64::Engine;
use chatops_designer::domain::design::presets::{preset, PRESETS, SEED};
use chatops_designer::domain::design::share::encode;

fn percent_encoded_len(s: &str) -> usize {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                1
            } else {
                3
            }
        })
        .sum()
}

fn main() {
    println!("| design | share fragment | percent-encoded JSON | base64 JSON |");
    println!("| --- | ---: | ---: | ---: |");
    let mut rows: Vec<(String, chatops_designer::domain::design::model::Design)> = PRESETS
        .iter()
        .filter_map(|p| preset(p.id).map(|d| (p.id.to_string(), d)))
        .collect();
    if let Some(mut d) = preset(SEED) {
        d.rules[0].notification.title = "Deployment of checkout-service is ready".into();
        rows.insert(1, (format!("{SEED} + new title"), d));
    }
    for (name, d) in rows {
        let json = serde_json::to_string(&d).unwrap_or_default();
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(json.as_bytes())
            .len();
        println!(
            "| {name} | {} | {} | {b64} |",
            encode(&d).map_or(0, |f| f.len() + 1),
            percent_encoded_len(&json) + 1
        );
    }
}
