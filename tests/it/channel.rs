//! The preview's trust work: what Teams shows, the message details, the limits, the three-valued
//! enableCustomActions through every stage, and a deployment played as the channel shows it.

use chatops_designer::domain::amazon_q::mrkdwn::{Block, Inline};
use chatops_designer::domain::amazon_q::teams_md::{differences, parse_blocks, parse_inlines};
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::design::samples::sample;
use chatops_designer::domain::export::{export, ExportOptions, Format};
use chatops_designer::domain::import::import;
use chatops_designer::domain::pipeline::simulate::{simulate, validate, SimulateOptions};
use chatops_designer::domain::view::channel::{channel, sequence, sequence_events};
use chatops_designer::domain::view::preview::preview;
use serde_json::{json, Value};

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn event(id: &str) -> Value {
    serde_json::from_str(sample(id).unwrap().json).unwrap()
}

#[test]
fn teams_reads_its_own_markdown() {
    assert_eq!(
        parse_inlines("**bold** and *it* [docs](https://a.example/x)"),
        vec![
            Inline::Bold(vec![t("bold")]),
            t(" and "),
            Inline::Italic(vec![t("it")]),
            t(" "),
            Inline::Link {
                href: "https://a.example/x".into(),
                label: vec![t("docs")]
            }
        ]
    );
    // Slack's link syntax and emoji codes are text in Teams.
    assert_eq!(
        parse_inlines("<https://a.example|label> :rocket:"),
        vec![t("<https://a.example|label> :rocket:")]
    );
    assert_eq!(
        parse_blocks("intro\n- one\n- two\n\n1. first"),
        vec![
            Block::Paragraph(vec![t("intro")]),
            Block::List {
                ordered: false,
                items: vec![vec![t("one")], vec![t("two")]]
            },
            Block::List {
                ordered: true,
                items: vec![vec![t("first")]]
            },
        ]
    );
}

#[test]
fn teams_keeps_underscores_inside_words() {
    // CommonMark: an underscore inside a word neither opens nor closes emphasis.
    for text in [
        "snake_case_name my_var_x",
        ":large_blue_circle:",
        "https://a.example/a_b_c",
        "a_b c_d",
    ] {
        let got = parse_inlines(text);
        assert!(
            !got.iter()
                .any(|i| matches!(i, Inline::Italic(_) | Inline::Bold(_))),
            "{text}: {got:?}"
        );
    }
    // Between words, it still emphasises.
    assert_eq!(
        parse_inlines("an _italic_ word and __bold__"),
        vec![
            t("an "),
            Inline::Italic(vec![t("italic")]),
            t(" word and "),
            Inline::Bold(vec![t("bold")])
        ]
    );
    assert_eq!(
        parse_inlines("_start_of"),
        vec![t("_start_of")],
        "the closing underscore is inside a word"
    );
}

#[test]
fn teams_markdown_keeps_hostile_text_as_text() {
    for hostile in [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "[**x**](data:text/html,<b>)",
    ] {
        fn no_links(items: &[Inline]) -> bool {
            items.iter().all(|i| match i {
                Inline::Link { .. } => false,
                Inline::Bold(x) | Inline::Italic(x) | Inline::Strike(x) => no_links(x),
                _ => true,
            })
        }
        let parsed = parse_inlines(hostile);
        assert!(no_links(&parsed), "{hostile}: {parsed:?}");
        let text: String = chatops_designer::domain::amazon_q::mrkdwn::plain_text(&parsed);
        assert!(
            text.contains('<') || text.contains('['),
            "{hostile} stays text"
        );
    }
    // Long runs of delimiters stay bounded and never panic.
    let long = "*".repeat(20_000) + &"[a](".repeat(5_000);
    let _ = parse_blocks(&long);
}

#[test]
fn differences_name_what_renders_differently() {
    let d = differences(
        "description",
        "see <https://a.example|*runbook*> and **x** :rocket:",
    );
    assert!(d.iter().any(|x| x.contains("is a Slack link")), "{d:?}");
    assert!(
        d.iter()
            .any(|x| x.contains("bold in Slack but italic in Teams")),
        "{d:?}"
    );
    assert!(d.iter().any(|x| x.contains("bold in Teams")), "{d:?}");
    assert!(d.iter().any(|x| x.contains("emoji code")), "{d:?}");
    assert!(differences("title", "plain text").is_empty());
    // A time is no emoji code; a code after one still is.
    assert!(differences("description", "at 10:06:41Z").is_empty());
    assert!(differences("description", "10:06:rocket:")
        .iter()
        .any(|x| x.contains(":rocket:")));
}

#[test]
fn message_details_are_not_part_of_the_message() {
    let d = preset("deployment-failed").unwrap();
    let sim = simulate(
        &d,
        0,
        &event("codedeploy-deployment-failure"),
        &SimulateOptions::default(),
    );
    let p = preview(&sim);
    assert!(p.delivered);
    assert!(p.details.summary.as_deref().unwrap().contains("failed"));
    assert!(p.details.event_type.is_some());
    assert_eq!(p.details.related_resources.len(), 1);
    assert!(p
        .details
        .additional_context
        .iter()
        .any(|(k, _)| k == "DeploymentId"));
    assert_eq!(p.details.enable_custom_actions, Some(true));
}

#[test]
fn content_limits_are_warnings_naming_their_source() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].notification.title = "t".repeat(251);
    d.rules[0].notification.next_steps[0] = "s".repeat(351);
    d.rules[0].notification.keywords[0] = "k".repeat(76);
    let diags = validate(&d);
    for loc in [
        "rules/0/notification/title",
        "rules/0/notification/nextSteps/0",
        "rules/0/notification/keywords/0",
    ] {
        let w = diags
            .iter()
            .find(|x| x.location == loc)
            .unwrap_or_else(|| panic!("{loc} over its limit: {diags:?}"));
        assert!(!w.is_error(), "a secondary-source limit is a warning");
        assert!(w
            .message
            .contains("unconfirmed whether longer text is cut or rejected"));
    }
    d.rules[0].notification.title = "t".repeat(250);
    assert!(!validate(&d)
        .iter()
        .any(|x| x.location == "rules/0/notification/title"));
}

/// Design, template, simulation, exports and import agree on true, false and absent.
#[test]
fn enable_custom_actions_is_three_valued_everywhere() {
    let ready = event("codedeploy-deployment-ready");
    for flag in [Some(true), Some(false), None] {
        let mut d = preset("blue-green").unwrap();
        d.rules[0].notification.enable_custom_actions = flag;
        // The design file keeps it (absent stays absent).
        let back =
            chatops_designer::domain::design::model::Design::from_json(&d.to_json()).unwrap();
        assert_eq!(back.rules[0].notification.enable_custom_actions, flag);
        // The template sends it as designed.
        let (template, _) = d.rules[0].input_template(&d.deployment.parameters);
        match flag {
            Some(v) => assert!(template.contains(&format!("\"enableCustomActions\": {v}"))),
            None => assert!(!template.contains("enableCustomActions")),
        }
        // Every export carries that template.
        let e = export(
            &d,
            Format::CloudFormationJson,
            &ExportOptions::default(),
            &[],
        );
        let tpl: Value = serde_json::from_str(&e.files[0].contents).unwrap();
        let it = &tpl["Resources"]["DeploymentRule"]["Properties"]["Targets"][0]
            ["InputTransformer"]["InputTemplate"];
        let text = it
            .as_str()
            .map(String::from)
            .unwrap_or_else(|| it.to_string());
        assert_eq!(text.contains("enableCustomActions"), flag.is_some());
        // The simulation: false removes the buttons, true and absent (assumed) keep them, and
        // absent can be shown the other way.
        let sim = simulate(&d, 0, &ready, &SimulateOptions::default());
        assert_eq!(sim.buttons.is_empty(), flag == Some(false), "{flag:?}");
        let other = simulate(
            &d,
            0,
            &ready,
            &SimulateOptions {
                absent_enable_means_false: true,
                ..Default::default()
            },
        );
        assert_eq!(
            other.buttons.is_empty(),
            flag != Some(true),
            "{flag:?} flipped"
        );
        let p = preview(&sim);
        assert_eq!(p.absent_flag.is_some(), flag.is_none());
        if flag.is_none() {
            let a = p.absent_flag.as_ref().unwrap();
            assert!(!a.shown_as_false && a.other_reading_buttons.is_empty());
            let flipped = preview(&other).absent_flag.unwrap();
            assert!(flipped.shown_as_false);
            assert_eq!(flipped.other_reading_buttons.len(), sim.buttons.len());
        }
        // A notification imported back keeps the flag.
        let message = sim.message.clone().unwrap();
        let imported = import(&message, &d).unwrap();
        assert_eq!(
            imported.design.rules[0].notification.enable_custom_actions,
            flag
        );
    }
}

#[test]
fn a_blue_green_deployment_is_one_thread() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].event_pattern["detail"]["state"] = json!(["START", "READY", "SUCCESS"]);
    d.rules[0].notification.thread_id = "codedeploy-<deploymentId>".into();
    let events = sequence_events(sequence("blue-green").unwrap());
    let posts = channel(&d, &events, true, &SimulateOptions::default());
    assert_eq!(posts.len(), 3);
    assert!(posts.iter().all(|p| p.delivered));
    assert!(posts[0].top_level);
    assert_eq!((posts[1].reply_to, posts[2].reply_to), (Some(0), Some(0)));
    // Without threaded updates, three top-level messages.
    let flat = channel(&d, &events, false, &SimulateOptions::default());
    assert!(flat.iter().all(|p| p.top_level));
    // Without a threadId, each message stands alone.
    d.rules[0].notification.thread_id.clear();
    let alone = channel(&d, &events, true, &SimulateOptions::default());
    assert!(alone.iter().all(|p| p.top_level && p.thread_id.is_none()));
}
