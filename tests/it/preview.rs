//! Slack mrkdwn parsing and the preview model.

use chatops_designer::domain::amazon_q::mrkdwn::{
    parse_blocks, parse_inlines, plain_text, Block, Inline,
};
use chatops_designer::domain::design::presets::seed;
use chatops_designer::domain::design::samples::sample;
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use chatops_designer::domain::view::preview::{preview, shuffled_order};

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
            label: vec![t("docs")]
        }]
    );
    // A label keeps its formatting, as in AWS's own sample; it never holds another link.
    assert_eq!(
        parse_inlines("<http://www.example.com|*diagnosis* runbook>"),
        vec![Inline::Link {
            href: "http://www.example.com".into(),
            label: vec![Inline::Bold(vec![t("diagnosis")]), t(" runbook")]
        }]
    );
    assert_eq!(
        parse_inlines("<https://a.example|see https://b.example>"),
        vec![Inline::Link {
            href: "https://a.example".into(),
            label: vec![t("see https://b.example")]
        }]
    );
    assert_eq!(
        parse_inlines("see https://a.example/x."),
        vec![
            t("see "),
            Inline::Link {
                href: "https://a.example/x".into(),
                label: vec![t("https://a.example/x")]
            },
            t(".")
        ]
    );
    assert_eq!(
        parse_inlines("<mailto:a@b.c>"),
        vec![Inline::Link {
            href: "mailto:a@b.c".into(),
            label: vec![t("a@b.c")]
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
    let p = preview(&simulate(&seed(), 0, &ev, &SimulateOptions::default()));
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
    let p = preview(&simulate(&seed(), 0, &ev, &SimulateOptions::default()));
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

mod evidence {
    use chatops_designer::domain::amazon_q::evidence::{evidence, for_assumption, Level, EVIDENCE};
    use chatops_designer::domain::base::assumptions::ALL;

    #[test]
    fn every_assumption_the_core_can_return_is_in_the_evidence_table() {
        for a in ALL {
            assert!(
                for_assumption(a).is_some(),
                "assumption {} has no evidence row",
                a.id
            );
        }
        let rows = EVIDENCE
            .iter()
            .filter(|e| e.element.starts_with("assumption:"))
            .count();
        assert_eq!(
            rows,
            ALL.len(),
            "no row names an assumption that does not exist"
        );
    }

    /// Section H of the facts reference, point by point, with its level.
    #[test]
    fn section_h_claims_keep_their_level() {
        for (element, level) in [
            ("next-steps", Level::Seen),
            ("keywords", Level::Seen),
            ("length-limits", Level::Seen),
            ("description", Level::Documented),
            ("summary", Level::Seen),
            ("thread-id", Level::Documented),
            ("event-type", Level::Assumed),
            ("related-resources", Level::Assumed),
            ("enable-custom-actions", Level::Seen),
            ("header", Level::Assumed),
            ("part-order", Level::Assumed),
            ("button-row", Level::Assumed),
            ("button-order", Level::Seen),
            ("button-without-criteria", Level::Documented),
            ("max-buttons", Level::Assumed),
            ("click-flow", Level::Assumed),
            ("not-delivered", Level::Seen),
            ("raw-delivery", Level::Documented),
            ("teams-dialect", Level::Documented),
            ("teams-layout", Level::Assumed),
        ] {
            let row = evidence(element).unwrap_or_else(|| panic!("{element} has a row"));
            assert_eq!(row.level, level, "{element}");
            assert!(!row.source.is_empty() && !row.says.is_empty());
        }
    }
}
