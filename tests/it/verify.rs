//! `verify`: the TestEventPattern calls built in the core, the event adjustment, and the table.

use chatops_designer::domain::design::presets::{preset, SEED};
use chatops_designer::domain::verify::{
    adjust, check, parse_answer, pattern_checks, plan, shell_line, table, Row,
};
use serde_json::{json, Value};

#[test]
fn one_check_per_sample_then_per_given_event() {
    let d = preset(SEED).unwrap();
    let given = vec![(
        "mine.json".to_string(),
        json!({"detail": {"state": "READY"}}),
    )];
    let checks = plan(&d, &given).unwrap();
    // The samples of the sources the design routes (CodeDeploy's), then the given event.
    let samples = chatops_designer::domain::design::sources::design_samples(&d);
    assert_eq!(samples.len(), 10);
    assert_eq!(checks.len(), samples.len() + 1);
    assert_eq!(checks.last().unwrap().label, "mine.json");
    assert_eq!(checks[1].label, "Deployment READY (blue/green)");
    assert!(checks[1].predicted);
    assert!(!checks[0].predicted);
    assert_eq!(
        checks[1].argv[..4],
        ["aws", "events", "test-event-pattern", "--event-pattern"]
    );
    assert_eq!(
        serde_json::from_str::<Value>(&checks[1].argv[4]).unwrap(),
        d.rules[0].event_pattern
    );
}

#[test]
fn an_invalid_pattern_asks_nothing() {
    let mut d = preset(SEED).unwrap();
    d.rules[0].event_pattern = json!({"source": "not an array"});
    assert_eq!(plan(&d, &[]), None);
    assert!(pattern_checks(&d).is_empty());
}

#[test]
fn missing_required_fields_are_added_and_listed() {
    let pattern = json!({"detail": {"state": ["READY"]}});
    let event = json!({"detail": {"state": "READY"}, "id": "keep"});
    let (adjusted, notes, untestable) = adjust(&pattern, &event);
    assert_eq!(untestable, None);
    assert_eq!(adjusted["id"], "keep");
    assert_eq!(adjusted["detail"], event["detail"]);
    for k in [
        "account",
        "source",
        "time",
        "region",
        "resources",
        "detail-type",
    ] {
        assert!(adjusted.get(k).is_some(), "{k}");
        assert!(notes.iter().any(|n| n.contains(&format!("\"{k}\""))), "{k}");
    }
    assert_eq!(notes.len(), 6);
}

#[test]
fn a_missing_field_the_pattern_reads_is_not_invented() {
    let pattern = json!({"$or": [{"source": ["a"]}, {"b": ["c"]}]});
    let event = json!({"b": "c"});
    let (adjusted, notes, untestable) = adjust(&pattern, &event);
    assert_eq!(adjusted, event);
    assert!(notes.is_empty());
    assert!(untestable.unwrap().contains("source"));
}

#[test]
fn the_shell_line_quotes_what_the_shell_would_read() {
    let argv: Vec<String> = ["aws", "--event", "{\"a\":\"it's $HOME\"}"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        shell_line(&argv),
        "aws --event '{\"a\":\"it'\\''s $HOME\"}'"
    );
    let mut d = preset(SEED).unwrap();
    d.rules[0].event_pattern = json!({"source": ["aws.codedeploy"]});
    let c = check(
        &d.rules[0].event_pattern,
        "x".into(),
        &json!({"source": "aws.codedeploy"}),
    );
    assert!(c
        .shell
        .starts_with("aws events test-event-pattern --event-pattern '{"));
    assert!(c.shell.ends_with("--output json"));
}

#[test]
fn answers_and_the_table() {
    assert_eq!(parse_answer("{\n  \"Result\": true\n}\n"), Some(true));
    assert_eq!(parse_answer("{\"Result\": false}"), Some(false));
    assert_eq!(parse_answer(""), None);
    let rows = [
        Row {
            event: "READY".into(),
            predicted: true,
            eventbridge: Ok(true),
        },
        Row {
            event: "START".into(),
            predicted: false,
            eventbridge: Ok(true),
        },
        Row {
            event: "other".into(),
            predicted: false,
            eventbridge: Err("no answer".into()),
        },
    ];
    assert_eq!(
        table(&rows),
        "event  predicted  EventBridge  agree?\n\
         READY  match      match        yes\n\
         START  no match   match        NO\n\
         other  no match   error        NO\n\
         other: no answer\n"
    );
}
