//! The skeleton's seed preview: `index.html` carries exactly what the core renders for the seed
//! design (`make golden` rewrites it), and the static renderer never lets text become markup.

use chatops_designer::domain::amazon_q::mrkdwn::{Block, Inline};
use chatops_designer::domain::design::drafts::{INDEX_KEY, V1_KEY};
use chatops_designer::domain::design::presets::seed;
use chatops_designer::domain::design::samples::{OPENING, SAMPLES};
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use chatops_designer::domain::view::preview::{preview, PreviewButton, PreviewModel};
use chatops_designer::domain::view::preview_html::{
    escape, seed_html, slack_html, SEED_END, SEED_START,
};

const INDEX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/index.html");

#[test]
fn index_html_carries_the_seed_preview_the_core_renders() {
    let html = std::fs::read_to_string(INDEX).unwrap();
    let start = html
        .find(SEED_START)
        .expect("index.html has the start marker")
        + SEED_START.len();
    let end = html.find(SEED_END).expect("index.html has the end marker");
    let expected = format!("\n{}\n", seed_html());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let updated = format!("{}{expected}{}", &html[..start], &html[end..]);
        std::fs::write(INDEX, updated).unwrap();
        return;
    }
    assert_eq!(
        &html[start..end],
        expected,
        "index.html's seed preview is stale: run `make golden`"
    );
}

#[test]
fn the_seed_preview_is_the_opening_simulation() {
    let event: serde_json::Value = serde_json::from_str(SAMPLES[OPENING].json).unwrap();
    let p = preview(&simulate(&seed(), 0, &event, &SimulateOptions::default()));
    assert!(p.delivered);
    let html = seed_html();
    for b in &p.buttons {
        assert!(
            html.contains(&format!(">{}</button>", escape(&b.text))),
            "{}",
            b.text
        );
    }
    assert!(html.contains("Deployment is now ready for validation"));
    assert!(html.contains(r#"class="slack-time">"#));
}

#[test]
fn index_html_hides_the_seed_when_drafts_or_a_link_open_another_design() {
    let html = std::fs::read_to_string(INDEX).unwrap();
    for key in [INDEX_KEY, V1_KEY] {
        assert!(
            html.contains(&format!("localStorage.getItem('{key}')")),
            "{key}"
        );
    }
    assert!(html.contains("location.hash.length > 1"));
}

#[test]
fn text_never_becomes_markup() {
    let hostile = "<script>alert(1)</script>\"'&<img src=x onerror=alert(1)>";
    let text = || vec![Inline::Text(hostile.into())];
    let p = PreviewModel {
        delivered: true,
        not_delivered: None,
        title: text(),
        description: vec![
            Block::Paragraph(text()),
            Block::CodeBlock(hostile.into()),
            Block::List {
                ordered: true,
                items: vec![text()],
            },
        ],
        next_steps: vec![vec![
            Inline::Link {
                href: "https://example.com/?a=\"><script>".into(),
                label: text(),
            },
            Inline::Code(hostile.into()),
            Inline::Emoji {
                shortcode: hostile.into(),
                emoji: Some(hostile.into()),
            },
        ]],
        keywords: vec![hostile.into()],
        details: Default::default(),
        buttons: vec![PreviewButton {
            action: "a".into(),
            text: hostile.into(),
            command: String::new(),
            variables: Vec::new(),
            unresolved: Vec::new(),
        }],
        absent_flag: None,
    };
    let html = slack_html(&p, hostile);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains(r#"href="https://example.com/?a=&quot;&gt;&lt;script&gt;""#),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"));
}
