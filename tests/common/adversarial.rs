//! Adversarial designs: each reproduces a design that once made `simulate` slow or exhaust memory
//! (issue 11), plus the heaviest designs that still fit every documented limit. Shared by the
//! regression tests (`tests/it/bounded.rs`) and `examples/bench_adversarial.rs`.
#![allow(dead_code)]

use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::seed;
use serde_json::{json, Value};

/// One adversarial case: a design, an event, and whether it fits the documented limits.
pub struct Case {
    pub name: &'static str,
    pub design: Design,
    pub event: Value,
    pub within_limits: bool,
}

/// The seed's matching sample event (a blue/green deployment ready for validation).
pub fn ready_event() -> Value {
    serde_json::from_str(include_str!(
        "../../src/domain/design/samples/codedeploy-deployment-ready.json"
    ))
    .unwrap()
}

/// The ready event with a `detail.padding` string of `fill` that brings its JSON to `bytes`.
pub fn padded_event_with(bytes: usize, fill: &str) -> Value {
    let mut e = ready_event();
    let base = e.to_string().len() + r#","padding":"""#.len();
    e["detail"]["padding"] = json!(fill.repeat(bytes.saturating_sub(base) / fill.len()));
    e
}

/// The ready event padded with `x` to `bytes` of JSON.
pub fn padded_event(bytes: usize) -> Value {
    padded_event_with(bytes, "x")
}

/// A description of 300,000 `<` (simulate took 12 s).
pub fn description_300k_lt() -> Design {
    let mut d = seed();
    d.rules[0].notification.description = "<".repeat(300_000);
    d
}

/// 100 input paths and 150,000 `<u>` in the text (20 s and 1 GB).
pub fn paths_100_and_150k_u() -> Design {
    let mut d = seed();
    d.rules[0].input_paths = (0..100)
        .map(|i| (format!("p{i}"), "$.detail.state".to_string()))
        .collect();
    d.rules[0].notification.description = "<u>".repeat(150_000);
    d
}

/// 1,000 parameters and 50,000 `{{x}}` (aborted on memory).
pub fn params_1000_and_50k_x() -> Design {
    let mut d = seed();
    d.deployment.parameters = (0..1000)
        .map(|i| (format!("parameter{i}"), "v".to_string()))
        .collect();
    d.rules[0].notification.description = "{{x}}".repeat(50_000);
    d
}

/// A 900 KB input template override full of placeholders (17 s to be rejected).
pub fn template_900kb() -> Design {
    let mut d = seed();
    d.rules[0].input_template_override = Some(format!("{{\"a\": \"{}\"}}", "<u>".repeat(300_000)));
    d
}

/// A legal 8 KB template with 340 `<aws.events.event.json>` (5 GB against a 10 MB event).
pub fn event_json_340_times() -> Design {
    let mut d = seed();
    let items = vec!["<aws.events.event.json>"; 340].join(",");
    d.rules[0].input_template_override = Some(format!("[{items}]"));
    d
}

/// A pattern whose `wildcard` of `chars` characters is `*aaa…ab*`: against a long run of `a`, a
/// backtracking matcher retries the whole run from every position (10 s for 5,000 against 200k).
pub fn wildcard_pattern(chars: usize) -> Design {
    let mut d = seed();
    let wildcard = format!("*{}b*", "a".repeat(chars - 3));
    d.rules[0].event_pattern = json!({
        "source": ["aws.codedeploy"],
        "detail": {"padding": [{"wildcard": wildcard}]}
    });
    d
}

/// A legal template of 600 quoted placeholders reading 100 paths.
pub fn template_8k_placeholders() -> Design {
    let mut d = seed();
    d.rules[0].input_paths = (0..100)
        .map(|i| (format!("p{i}"), "$.detail.padding".to_string()))
        .collect();
    let body: Vec<String> = (0..600).map(|i| format!("\"<p{}>\"", i % 100)).collect();
    let t = format!("[{}]", body.join(","));
    assert!(t.len() <= 8192, "{}", t.len());
    d.rules[0].input_template_override = Some(t);
    d
}

/// A legal pattern listing 500 values, against an event whose field is a 20,000-element array.
pub fn pattern_500_values() -> (Design, Value) {
    let mut d = seed();
    let values: Vec<Value> = (0..500).map(|i| json!(format!("v{i}"))).collect();
    d.rules[0].event_pattern = json!({"source": ["aws.codedeploy"], "detail": {"tags": values}});
    let mut e = ready_event();
    e["detail"]["tags"] = json!((0..20_000).map(|i| format!("t{i}")).collect::<Vec<_>>());
    (d, e)
}

/// A legal pattern of 220 prefixes, against a 20,000-element array.
pub fn pattern_220_prefixes() -> (Design, Value) {
    let mut d = seed();
    let values: Vec<Value> = (0..220)
        .map(|i| json!({"prefix": format!("p{i}")}))
        .collect();
    d.rules[0].event_pattern = json!({"source": ["aws.codedeploy"], "detail": {"tags": values}});
    let mut e = ready_event();
    e["detail"]["tags"] = json!((0..20_000).map(|i| format!("t{i}")).collect::<Vec<_>>());
    (d, e)
}

/// A button command of 5,000 characters (CloudFormation's limit) made of `$` references.
pub fn command_5000_dollars() -> Design {
    let mut d = seed();
    d.actions[0].command = "$DeploymentId$Region$X".repeat(5000 / 22);
    d
}

/// A generated description near the template limit, made of mrkdwn that never closes.
pub fn mrkdwn_unclosed() -> Design {
    let mut d = seed();
    d.rules[0].notification.description = " *a _b ~c `d :e <f".repeat(380);
    d
}

/// Every case, in the benchmark's order.
pub fn cases() -> Vec<Case> {
    let case = |name, design, event, within_limits| Case {
        name,
        design,
        event,
        within_limits,
    };
    let (p500, p500_event) = pattern_500_values();
    let (p220, p220_event) = pattern_220_prefixes();
    vec![
        case(
            "description of 300k `<`",
            description_300k_lt(),
            ready_event(),
            false,
        ),
        case(
            "100 paths, 150k `<u>`",
            paths_100_and_150k_u(),
            ready_event(),
            false,
        ),
        case(
            "1,000 parameters, 50k `{{x}}`",
            params_1000_and_50k_x(),
            ready_event(),
            false,
        ),
        case("900 KB template", template_900kb(), ready_event(), false),
        case(
            "340 event.json, 10 MB event",
            event_json_340_times(),
            padded_event(10 << 20),
            false,
        ),
        case(
            "5,000-char wildcard, 200k string",
            wildcard_pattern(5000),
            padded_event_with(200_000, "a"),
            false,
        ),
        case(
            "340 event.json, 256 KB event",
            event_json_340_times(),
            padded_event(262_144),
            true,
        ),
        case(
            "4,000-char wildcard, 200k string",
            wildcard_pattern(4000),
            padded_event_with(200_000, "a"),
            true,
        ),
        case(
            "600 quoted placeholders, 200 KB value",
            template_8k_placeholders(),
            padded_event(200_000),
            true,
        ),
        case(
            "500 pattern values, 20k-element array",
            p500,
            p500_event,
            true,
        ),
        case("220 prefixes, 20k-element array", p220, p220_event, true),
        case(
            "5,000-char command of `$Var`s",
            command_5000_dollars(),
            ready_event(),
            true,
        ),
        case(
            "unclosed mrkdwn near 8 KB",
            mrkdwn_unclosed(),
            ready_event(),
            true,
        ),
    ]
}
