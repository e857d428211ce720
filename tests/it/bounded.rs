//! Regression tests for issue 11: the work per design is bounded and roughly linear, diagnostics are
//! bounded, and documented size limits are checked before the work they bound. Each test is named
//! after a design that once froze `simulate` or exhausted memory; they assert behaviour (counts,
//! lengths, limit messages), never wall-clock time.

#[path = "../common/adversarial.rs"]
mod adversarial;

use adversarial::*;
use chatops_designer::domain::amazon_q::mrkdwn::{parse_blocks, parse_inlines, Inline};
use chatops_designer::domain::base::diagnostic::Diagnostic;
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::seed;
use chatops_designer::domain::eventbridge::transform::{check_template, transform, RuleContext};
use chatops_designer::domain::pipeline::simulate::{
    simulate, validate, SimulateOptions, Simulation,
};
use indexmap::IndexMap;
use serde_json::json;

fn run(d: &Design, e: &serde_json::Value) -> Simulation {
    simulate(d, 0, e, &SimulateOptions::default())
}

/// Diagnostics are few and short whatever the design's size.
fn assert_bounded(diags: &[Diagnostic]) {
    assert!(diags.len() <= 30, "{} diagnostics: {diags:#?}", diags.len());
    for d in diags {
        assert!(
            d.message.chars().count() <= 1200,
            "long message: {}",
            d.message
        );
    }
}

fn with_message<'a>(diags: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic says {needle:?}: {diags:#?}"))
}

/// A 474-character link whose description held 300k `<` took 12 s: every `<` rescanned the rest of
/// the text for a `>`. The template is over the limit, so it is rejected without being scanned.
#[test]
fn description_of_300k_lt_is_rejected_by_its_length() {
    let sim = run(&description_300k_lt(), &ready_event());
    assert_bounded(&sim.diagnostics);
    let d = with_message(&sim.diagnostics, "EventBridge allows at most 8192");
    assert_eq!(d.location, "rules/0/inputTemplate");
    assert!(!sim.delivered);
    assert!(sim.not_delivered.unwrap().contains("8192"));
}

/// `<` without `>` in a template that fits: one pass, no placeholder, no diagnostic about them.
#[test]
fn many_lt_within_the_limit_are_text() {
    let mut d = seed();
    d.rules[0].notification.description = "<".repeat(7000);
    let sim = run(&d, &ready_event());
    assert_bounded(&sim.diagnostics);
    assert!(sim.delivered, "{:?}", sim.not_delivered);
    assert_eq!(
        parse_inlines(&"<".repeat(300_000)),
        vec![Inline::Text("<".repeat(300_000))]
    );
}

/// A 1.2 KB link with 100 input paths and 150k `<u>` took 20 s and 1 GB: each `<u>` gave an error
/// listing all 100 paths. Over the limit it is one length error.
#[test]
fn paths_100_and_150k_undefined_placeholders_are_one_error() {
    let sim = run(&paths_100_and_150k_u(), &ready_event());
    assert_bounded(&sim.diagnostics);
    with_message(&sim.diagnostics, "EventBridge allows at most 8192");
}

/// Within the limit, a placeholder undefined 2,000 times is one error with a count, its first
/// places and at most 20 defined names.
#[test]
fn an_undefined_placeholder_repeated_is_reported_once_with_a_count() {
    let mut d = paths_100_and_150k_u();
    d.rules[0].notification.description = "<u>".repeat(2000);
    let diags = validate(&d);
    assert_bounded(&diags);
    let undefined: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.starts_with("<u> is not an input path"))
        .collect();
    assert_eq!(undefined.len(), 1, "{diags:#?}");
    let u = undefined[0];
    assert_eq!(u.location, "rules/0/notification/description");
    assert_eq!((u.line, u.column), (Some(1), Some(1)));
    assert!(
        u.message.contains("(2000 times; also at 1:4, 1:7,"),
        "{}",
        u.message
    );
    assert!(u.message.contains(", …)"), "{}", u.message);
    assert!(u.message.contains("p19 and 80 more"), "{}", u.message);
    assert!(!u.message.contains("p20"), "{}", u.message);
}

/// Many distinct undefined names: 20 are listed, the rest counted in one more diagnostic.
#[test]
fn many_distinct_undefined_placeholders_are_counted_after_twenty() {
    let mut d = seed();
    d.rules[0].notification.description = (0..500).map(|i| format!("<n{i}>")).collect();
    let diags = validate(&d);
    assert_bounded(&diags);
    let listed = diags
        .iter()
        .filter(|d| d.message.contains("is not an input path"))
        .count();
    assert_eq!(listed, 21, "{diags:#?}");
    with_message(
        &diags,
        "480 more undefined placeholders (480 distinct) are not listed",
    );
}

/// A 4.9 KB link with 1,000 parameters and 50k `{{x}}` aborted on memory: each occurrence listed
/// all 1,000 parameters.
#[test]
fn params_1000_and_50k_unknown_references_are_one_error() {
    let d = params_1000_and_50k_x();
    let diags = validate(&d);
    assert_bounded(&diags);
    let x = with_message(&diags, "{{x}} is not a deployment parameter");
    assert!(
        // 1,000 parameters and the preset's two CodeDeploy settings.
        x.message.contains("parameter19 and 982 more"),
        "{}",
        x.message
    );
    assert!(x.message.contains("(50000 times)"), "{}", x.message);
    assert_bounded(&run(&d, &ready_event()).diagnostics);
}

/// A 900 KB template took 17 s to be rejected: it is rejected by its length, without a scan.
#[test]
fn template_900kb_is_rejected_without_scanning() {
    let d = template_900kb();
    let t = d.rules[0].input_template_override.clone().unwrap();
    let diags = check_template(&t, &IndexMap::new());
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0]
        .message
        .starts_with("the input template has 900009 characters; EventBridge allows at most 8192"));
    let sim = run(&d, &ready_event());
    assert_bounded(&sim.diagnostics);
    assert!(
        sim.message.is_none(),
        "an over-long template is not rendered"
    );
}

/// A legal 8 KB template with 340 `<aws.events.event.json>` against a 10 MB event allocated 5 GB:
/// the event is over EventBridge's 256 KB limit and is rejected before it is matched or expanded.
#[test]
fn event_json_340_times_against_a_10mb_event_is_rejected_by_the_event_limit() {
    let d = event_json_340_times();
    let event = padded_event(10 << 20);
    let sim = run(&d, &event);
    assert_bounded(&sim.diagnostics);
    let e = with_message(
        &sim.diagnostics,
        "EventBridge accepts events of at most 262144 bytes (256 KB)",
    );
    assert_eq!(e.location, "event");
    assert!(sim.pattern.is_none() && sim.message.is_none() && !sim.delivered);
    let t = d.rules[0].input_template_override.clone().unwrap();
    let r = transform(&IndexMap::new(), &t, &event, &RuleContext::default());
    assert!(r.output.is_empty());
    assert!(r.diagnostics[0].message.contains("at most 262144 bytes"));
}

/// At the event limit the rendered message would be 87 MB: it is kept to SNS's 256 KB and the
/// delivery fails with its size.
#[test]
fn event_json_340_times_against_a_256kb_event_stops_at_the_message_limit() {
    let sim = run(&event_json_340_times(), &padded_event(262_144));
    assert_bounded(&sim.diagnostics);
    assert!(sim.matched);
    let message = sim.message.unwrap();
    assert_eq!(message.len(), 262_144);
    let why = sim.not_delivered.unwrap();
    assert!(why.contains("SNS accepts at most 262144"), "{why}");
    assert!(
        why.contains(&format!("is {} bytes", 340 * 262_144 + 341)),
        "{why}"
    );
}

/// A 5,000-character wildcard against a 200k string took 10 s: the pattern is over PutRule's
/// 4096 characters, so it is not matched, and says so.
#[test]
fn wildcard_5000_chars_is_over_the_pattern_limit_and_not_matched() {
    let sim = run(&wildcard_pattern(5000), &padded_event_with(200_000, "a"));
    assert_bounded(&sim.diagnostics);
    let d = with_message(
        &sim.diagnostics,
        "PutRule accepts at most 4096, so it is not matched",
    );
    assert_eq!(d.location, "rules/0/eventPattern");
    assert!(!sim.matched && sim.pattern.is_none());
}

/// Within the limit the wildcard is matched in linear time, with the same answers.
#[test]
fn wildcard_4000_chars_against_200k_string_is_matched_linearly() {
    let d = wildcard_pattern(4000);
    assert!(!run(&d, &padded_event_with(200_000, "a")).matched);
    let mut e = padded_event_with(200_000, "a");
    let text = format!("{}b{}", e["detail"]["padding"].as_str().unwrap(), "tail");
    e["detail"]["padding"] = json!(text);
    assert!(run(&d, &e).matched);
}

/// A value spliced inside quotes that breaks the JSON is quoted in the message, cut to 80
/// characters, however long it is.
#[test]
fn a_long_value_is_never_echoed_whole() {
    let mut d = seed();
    d.rules[0]
        .input_paths
        .insert("big".into(), "$.detail.padding".into());
    d.rules[0].input_template_override = Some(r#"{"a": "<big>", "b": "<big>"}"#.into());
    let mut e = ready_event();
    e["detail"]["padding"] = json!(format!("{}\"", "x".repeat(100_000)));
    let sim = run(&d, &e);
    assert_bounded(&sim.diagnostics);
    let q = with_message(&sim.diagnostics, "is inside quotes and its value");
    assert!(
        q.message.contains(&format!("\"{}…\"", "x".repeat(80))),
        "{}",
        q.message
    );
    assert!(
        q.message.contains("(2 times; also at 1:22)"),
        "{}",
        q.message
    );
    let why = sim.not_delivered.unwrap();
    assert!(why.len() < 400, "{why}");
}

/// A pattern listing 500 values against a 20,000-element array: matched through a set, the
/// mismatch reason lists 20 values and counts the rest.
#[test]
fn a_long_value_list_against_a_long_array_gives_a_short_reason() {
    let (d, e) = pattern_500_values();
    let sim = run(&d, &e);
    assert!(!sim.matched);
    let why = sim.not_delivered.unwrap();
    assert!(why.contains("and 19980 more does not match"), "{why}");
    assert!(why.len() < 1200, "{why}");
    let mut e2 = e.clone();
    e2["detail"]["tags"][19_999] = json!("v499");
    assert!(run(&d, &e2).matched);
}

/// A button command of `$Var`s and unknown `$Names` repeated: one warning per name.
#[test]
fn an_unknown_variable_repeated_in_a_command_is_one_warning() {
    let d = command_5000_dollars();
    let diags = validate(&d);
    assert_bounded(&diags);
    let x = with_message(&diags, "`$X` is not a variable of this action");
    assert!(x.message.contains("(227 times)"), "{}", x.message);
}

/// Unclosed mrkdwn delimiters no longer search to the end of the line from each opening.
#[test]
fn unclosed_mrkdwn_is_text() {
    for text in [
        " *a _b ~c :e <f".repeat(20_000),
        format!("`{}", "<".repeat(100_000)),
        "*a ".repeat(100_000),
    ] {
        let blocks = parse_blocks(&text);
        assert_eq!(blocks.len(), 1);
        let inlines = parse_inlines(&text);
        assert!(
            matches!(inlines.as_slice(), [Inline::Text(t)] if *t == text),
            "{} inlines",
            inlines.len()
        );
    }
    let sim = run(&mrkdwn_unclosed(), &ready_event());
    assert!(sim.delivered, "{:?}", sim.not_delivered);
}
