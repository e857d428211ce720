//! Slack mrkdwn parsing and the preview model.

use chatops_designer::domain::mrkdwn::{parse_blocks, parse_inlines, plain_text, Block, Inline};
use chatops_designer::domain::presets::seed;
use chatops_designer::domain::preview::{preview, shuffled_order};
use chatops_designer::domain::samples::sample;
use chatops_designer::domain::simulate::{simulate, SimulateOptions};

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn emphasis_code_and_strike() {
    assert_eq!(
        parse_inlines("*bold* _it_ ~no~ `x*y*`"),
        vec![
            Inline::Bold(vec![t("bold")]),
            t(" "),
            Inline::Italic(vec![t("it")]),
            t(" "),
            Inline::Strike(vec![t("no")]),
            t(" "),
            Inline::Code("x*y*".into()),
        ]
    );
    assert_eq!(
        parse_inlines("2*3*4"),
        vec![t("2*3*4")],
        "no emphasis inside words"
    );
    assert_eq!(parse_inlines("* not bold *"), vec![t("* not bold *")]);
    assert_eq!(
        parse_inlines("*Account:* 1"),
        vec![Inline::Bold(vec![t("Account:")]), t(" 1")]
    );
}

#[test]
fn links_only_for_http_https_and_mailto() {
    assert_eq!(
        parse_inlines("<https://a.example/x|docs>"),
        vec![Inline::Link {
            href: "https://a.example/x".into(),
            label: "docs".into()
        }]
    );
    assert_eq!(
        parse_inlines("see https://a.example/x."),
        vec![
            t("see "),
            Inline::Link {
                href: "https://a.example/x".into(),
                label: "https://a.example/x".into()
            },
            t(".")
        ]
    );
    assert_eq!(
        parse_inlines("<mailto:a@b.c>"),
        vec![Inline::Link {
            href: "mailto:a@b.c".into(),
            label: "a@b.c".into()
        }]
    );
    assert_eq!(
        parse_inlines("<javascript:alert(1)|click>"),
        vec![t("<javascript:alert(1)|click>")]
    );
    assert_eq!(parse_inlines("<!here> hi"), vec![t("@here hi")]);
}

#[test]
fn entities_and_html_stay_text() {
    assert_eq!(parse_inlines("a &amp; b &lt;c&gt;"), vec![t("a & b <c>")]);
    assert_eq!(
        parse_inlines("<img src=x onerror=alert(1)>"),
        vec![t("<img src=x onerror=alert(1)>")]
    );
}

#[test]
fn emoji_from_the_shortcode_table() {
    let i = parse_inlines(":large_blue_circle::large_green_circle: ok :no_such_code:");
    assert_eq!(plain_text(&i), "🔵🟢 ok :no_such_code:");
    assert_eq!(
        plain_text(&parse_inlines(":rocket: 12:30:45")),
        "🚀 12:30:45"
    );
}

#[test]
fn blocks_quotes_code_and_line_breaks() {
    let b = parse_blocks("line one\nline two\n> quoted\n```\ncode *x*\n```\nafter");
    assert_eq!(
        b,
        vec![
            Block::Paragraph(vec![t("line one"), Inline::LineBreak, t("line two")]),
            Block::Quote(vec![t("quoted")]),
            Block::CodeBlock("code *x*\n".into()),
            Block::Paragraph(vec![t("after")]),
        ]
    );
}

#[test]
fn the_seed_preview_has_title_description_and_three_buttons() {
    let ev = serde_json::from_str(sample("codedeploy-deployment-ready").unwrap().json).unwrap();
    let p = preview(&simulate(&seed(), &ev, &SimulateOptions::default()));
    assert!(p.delivered);
    assert_eq!(
        plain_text(&p.title),
        "🔵🟢 Deployment is now ready for validation"
    );
    assert_eq!(p.buttons.len(), 3);
    assert_eq!(p.next_steps.len(), 3);
    assert!(
        matches!(&p.next_steps[0][1], Inline::Link { href, .. } if href == "https://green.example.com")
    );
    let ev = serde_json::from_str(sample("codedeploy-deployment-success").unwrap().json).unwrap();
    let p = preview(&simulate(&seed(), &ev, &SimulateOptions::default()));
    assert!(!p.delivered && p.title.is_empty() && p.buttons.is_empty());
    assert!(p.not_delivered.unwrap().contains("detail.state"));
}

#[test]
fn shuffled_orders_are_permutations_and_seed_zero_is_design_order() {
    assert_eq!(shuffled_order(3, 0), vec![0, 1, 2]);
    for seed in 1..50 {
        let mut o = shuffled_order(3, seed);
        assert_ne!(o, vec![0, 1, 2], "seed {seed} shows another order");
        o.sort();
        assert_eq!(o, vec![0, 1, 2]);
    }
}
