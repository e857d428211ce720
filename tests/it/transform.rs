//! The input transformer against every documented example (facts D.4) and its limits.

use chatops_designer::domain::eventbridge::transform::{
    check_input_paths, check_template, transform, RuleContext,
};
use indexmap::IndexMap;
use serde_json::{json, Value};

fn ec2_event() -> Value {
    json!({"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",
      "source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
      "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
      "detail":{"instance-id":"i-0123456789","state":"RUNNING"}})
}

fn paths(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn doc_paths() -> IndexMap<String, String> {
    paths(&[
        ("timestamp", "$.time"),
        ("instance", "$.detail.instance-id"),
        ("state", "$.detail.state"),
        ("resource", "$.resources[0]"),
    ])
}

fn ctx() -> RuleContext {
    RuleContext {
        rule_name: "example".into(),
        rule_arn: Some("arn:aws:events:us-east-2:123456789012:rule/example".into()),
        ingestion_time: None,
    }
}

/// Renders and checks the text exactly.
fn check(template: &str, expected: &str) {
    let p = doc_paths();
    assert!(
        check_template(template, &p).iter().all(|d| !d.is_error()),
        "template is valid: {template}"
    );
    let r = transform(&p, template, &ec2_event(), &ctx());
    assert_eq!(r.output, expected, "template {template}");
}

#[test]
fn doc_simple_string() {
    check(
        r#""instance <instance> is in <state>""#,
        r#""instance i-0123456789 is in RUNNING""#,
    );
}

#[test]
fn doc_string_with_escaped_quotes() {
    check(
        r#""instance \"<instance>\" is in <state>""#,
        r#""instance \"i-0123456789\" is in RUNNING""#,
    );
}

#[test]
fn doc_simple_json() {
    check(
        r#"{"instance" : <instance>, "state": <state>}"#,
        r#"{"instance" : "i-0123456789", "state": "RUNNING"}"#,
    );
}

#[test]
fn doc_json_with_strings_and_variables() {
    check(
        r#"{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"}"#,
        r#"{"instance" : "i-0123456789", "state": "RUNNING", "instanceStatus": "instance \"i-0123456789\" is in RUNNING"}"#,
    );
}

/// The documentation prints this output with its whitespace normalised (`[ 9, ` became `[9, `);
/// EventBridge splices text and keeps the template's whitespace, so the JSON values are compared.
#[test]
fn doc_mix_of_variables_and_static() {
    let r = transform(
        &doc_paths(),
        r#"{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}"#,
        &ec2_event(),
        &ctx(),
    );
    let got: Value = serde_json::from_str(&r.output).expect("valid JSON");
    let want: Value = serde_json::from_str(
        r#"{"instance" : "i-0123456789", "state": [9, "RUNNING", true], "Transformed" : "Yes"}"#,
    )
    .unwrap();
    assert_eq!(got, want);
    assert_eq!(
        r.output,
        r#"{"instance" : "i-0123456789", "state": [ 9, "RUNNING", true ], "Transformed" : "Yes"}"#
    );
}

#[test]
fn doc_reserved_variables_in_json() {
    let r = transform(
        &doc_paths(),
        r#"{"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event.json>}"#,
        &ec2_event(),
        &ctx(),
    );
    let got: Value = serde_json::from_str(&r.output).expect("valid JSON");
    assert_eq!(
        got["ruleArn"],
        "arn:aws:events:us-east-2:123456789012:rule/example"
    );
    assert_eq!(got["ruleName"], "example");
    assert_eq!(got["originalEvent"], ec2_event());
    assert!(r.output.starts_with(r#"{"instance" : "i-0123456789", "state": "RUNNING", "ruleArn" : "arn:aws:events:us-east-2:123456789012:rule/example""#));
}

#[test]
fn doc_reserved_variable_in_a_string() {
    check(
        r#""<aws.events.rule-name> triggered""#,
        r#""example triggered""#,
    );
}

/// The CloudWatch Logs row of the table is target-specific output (not valid JSON) and does not
/// apply to SNS targets; the SNS rendering of the same template is checked instead.
#[test]
fn doc_log_group_template_for_an_sns_target() {
    check(
        r#"{"timestamp" : <timestamp>, "message": "instance \"<instance>\" is in <state>"}"#,
        r#"{"timestamp" : "2015-11-11T21:29:54Z", "message": "instance \"i-0123456789\" is in RUNNING"}"#,
    );
}

#[test]
fn api_reference_examples() {
    let p = paths(&[
        ("instance", "$.detail.instance"),
        ("status", "$.detail.status"),
    ]);
    let ev = json!({"detail": {"instance": "i-1", "status": "ok"}});
    let t = |tpl: &str| transform(&p, tpl, &ev, &ctx()).output;
    assert_eq!(
        t(r#""<instance> is in state <status>""#),
        r#""i-1 is in state ok""#
    );
    assert_eq!(
        t(r#""<instance> is in state \"<status>\"""#),
        r#""i-1 is in state \"ok\"""#
    );
    assert_eq!(
        t(r#"{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}"#),
        r#"{"myInstance": "i-1","myStatus": "i-1 is in state \"ok\""}"#
    );
}

#[test]
fn tutorial_plain_text_keeps_its_quotes() {
    let p = paths(&[("detail-type", "$.detail-type")]);
    let r = transform(
        &p,
        r#""This event was of <detail-type> type.""#,
        &json!({"detail-type": "customerCreated"}),
        &ctx(),
    );
    assert_eq!(r.output, r#""This event was of customerCreated type.""#);
}

#[test]
fn unquoted_values_keep_their_json_type() {
    let p = paths(&[("n", "$.n"), ("b", "$.b"), ("o", "$.o"), ("a", "$.a")]);
    let ev: Value =
        serde_json::from_str(r#"{"n": 1.50, "b": true, "o": {"x": 1}, "a": [1, "two"]}"#).unwrap();
    let r = transform(
        &p,
        r#"{"n": <n>, "b": <b>, "o": <o>, "a": <a>}"#,
        &ev,
        &ctx(),
    );
    assert_eq!(
        r.output,
        r#"{"n": 1.50, "b": true, "o": {"x":1}, "a": [1,"two"]}"#
    );
}

#[test]
fn a_quoted_value_with_a_quote_breaks_the_json_and_is_reported() {
    let p = paths(&[("msg", "$.detail.msg")]);
    let r = transform(
        &p,
        r#"{"text": "<msg>"}"#,
        &json!({"detail": {"msg": "say \"hi\""}}),
        &ctx(),
    );
    assert_eq!(r.output, r#"{"text": "say "hi""}"#);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        d.message.contains("<msg>") && d.message.contains("not valid JSON"),
        "{d}"
    );
    assert_eq!((d.line, d.column), (Some(1), Some(11)));
}

#[test]
fn a_missing_path_becomes_empty_text_as_an_assumption() {
    let p = paths(&[("gone", "$.detail.nothing")]);
    let r = transform(&p, r#"{"a": "x<gone>y"}"#, &json!({"detail": {}}), &ctx());
    assert_eq!(r.output, r#"{"a": "xy"}"#);
    assert!(r.assumptions.iter().any(|a| a.id == "missing-path"));
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.message.contains("finds nothing")));
}

#[test]
fn event_without_detail_and_ingestion_time() {
    let r = transform(
        &IndexMap::new(),
        r#"{"e": <aws.events.event>, "t": "<aws.events.event.ingestion-time>"}"#,
        &ec2_event(),
        &ctx(),
    );
    let v: Value = serde_json::from_str(&r.output).unwrap();
    assert!(v["e"].get("detail").is_none());
    assert_eq!(v["e"]["id"], "7bf73129-1428-4cd3-a780-95db273d1602");
    assert_eq!(v["t"], "2015-11-11T21:29:54Z");
}

fn template_errors(template: &str, p: &IndexMap<String, String>) -> Vec<String> {
    check_template(template, p)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.message)
        .collect()
}

#[test]
fn placeholders_may_not_be_keys() {
    let p = doc_paths();
    assert!(template_errors(r#"{<instance>: 1}"#, &p)[0].contains("object key"));
    assert!(template_errors(r#"{"a": 1, "<state>": 2}"#, &p)[0].contains("object key"));
    assert!(template_errors(r#"{"a": [<state>, "<state>"]}"#, &p).is_empty());
}

#[test]
fn undefined_placeholders_and_misused_reserved_variables() {
    let p = doc_paths();
    let e = template_errors(r#"{"a": <nope>}"#, &p);
    assert!(
        e[0].contains("<nope>") && e[0].contains("instance"),
        "{e:?}"
    );
    assert!(
        template_errors(r#""x <aws.events.event.json>""#, &p)[0].contains("only be a field value")
    );
    // Slack links and other angle text are not variables.
    assert!(template_errors(r#""see <https://example.com|docs>""#, &p).is_empty());
}

#[test]
fn template_length_limits() {
    let p = IndexMap::new();
    assert!(template_errors("", &p)[0].contains("empty"));
    let long = format!("\"{}\"", "x".repeat(8191));
    assert!(template_errors(&long, &p)[0].contains("8193 characters"));
    assert!(template_errors(&format!("\"{}\"", "x".repeat(8190)), &p).is_empty());
}

#[test]
fn input_path_limits() {
    let errs = |p: &IndexMap<String, String>| {
        check_input_paths(p)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.location, d.message))
            .collect::<Vec<_>>()
    };
    let many: IndexMap<String, String> = (0..101)
        .map(|i| (format!("k{i}"), "$.a".to_string()))
        .collect();
    assert!(errs(&many)[0].contains("at most 100"));
    let hundred: IndexMap<String, String> = (0..100)
        .map(|i| (format!("k{i}"), "$.a".to_string()))
        .collect();
    assert!(errs(&hundred).is_empty());
    assert!(errs(&paths(&[("AWSthing", "$.a")]))[0].contains("may not start with AWS"));
    assert!(errs(&paths(&[("a.b", "$.a")]))[0].contains("letters, digits"));
    assert!(errs(&paths(&[("a", "detail.state")]))[0].contains("must start with `$`"));
    assert!(errs(&paths(&[("a", "$..state")]))[0].contains("recursive descent"));
    assert!(errs(&paths(&[("a", "$['detail']")]))[0].contains("bracket"));
    assert!(errs(&paths(&[("a", "$.detail[?(@.x)]")]))[0].contains("not supported"));
    assert!(errs(&paths(&[
        ("a", "$.resources[0]"),
        ("b", "$.detail.*"),
        ("c", "$.a-b_c/d"),
        ("d", "$")
    ]))
    .is_empty());
}

#[test]
fn wildcard_paths_yield_arrays() {
    let p = paths(&[("all", "$.resources[*]")]);
    let r = transform(&p, r#"{"r": <all>}"#, &ec2_event(), &ctx());
    assert_eq!(
        r.output,
        r#"{"r": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]}"#
    );
    assert!(r.assumptions.iter().any(|a| a.id == "wildcard-array"));
}
