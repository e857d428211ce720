//! Asking EventBridge itself: for each built-in sample event and each given event, the
//! `aws events test-event-pattern` call (argument vector and shell text) and the simulation's
//! prediction, and the table that compares them with the answers. Pure: the CLI runs the calls.
//! On top of the core: imports simulate, samples, the CLI export's shell quoting and the model.

use crate::domain::design::model::Design;
use crate::domain::design::sources::design_samples;
use crate::domain::eventbridge::pattern::{is_or_operator, parse_pattern};
use crate::domain::eventbridge::transform::event_size_error;
use crate::domain::export::cli_script::sh_quote;
use crate::domain::export::{export_with_checks, Export, ExportOptions, Format, PatternCheck};
use crate::domain::pipeline::simulate::{compile, sample_message};
use serde::Serialize;
use serde_json::{Map, Value};

/// The fields TestEventPattern requires in the event, and the value added when one is missing.
pub fn required_fields() -> Vec<(&'static str, Value)> {
    vec![
        ("id", Value::from("00000000-0000-0000-0000-000000000000")),
        ("account", Value::from("123456789012")),
        ("source", Value::from("chatops.verify")),
        ("time", Value::from("2024-01-01T00:00:00Z")),
        ("region", Value::from("us-east-1")),
        ("resources", Value::Array(Vec::new())),
        ("detail-type", Value::from("ChatOps Designer verify")),
    ]
}

/// One event to ask EventBridge about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// The sample's label or the event file's name (with several rules, after the rule's name).
    pub label: String,
    /// The rule's event pattern asked about (in `argv`).
    #[serde(skip)]
    pub pattern: Value,
    /// The event as sent (required fields added).
    pub event: Value,
    /// What was added, one entry per field (`added "id": "…"`).
    pub adjusted: Vec<String>,
    /// Why the event cannot be sent, when it cannot: TestEventPattern requires a field the
    /// pattern reads and the event lacks (adding it would change the question).
    pub untestable: Option<String>,
    /// Does the simulation predict a match?
    pub predicted: bool,
    /// `aws events test-event-pattern …` as an argument vector.
    pub argv: Vec<String>,
    /// The same as one shell command line.
    pub shell: String,
}

/// Top-level field names the pattern reads (including those inside a top-level `$or`).
fn top_level_reads(pattern: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(obj) = pattern.as_object() else {
        return out;
    };
    for (k, v) in obj {
        if k == "$or" && is_or_operator(v) {
            for b in v.as_array().into_iter().flatten() {
                out.extend(top_level_reads(b));
            }
        } else {
            out.push(k.clone());
        }
    }
    out
}

/// The event with every field TestEventPattern requires, what was added, and why it cannot be
/// sent when a missing field is one the pattern reads (nothing is added then).
pub fn adjust(pattern: &Value, event: &Value) -> (Value, Vec<String>, Option<String>) {
    let Some(obj) = event.as_object() else {
        return (
            event.clone(),
            Vec::new(),
            Some("the event is not a JSON object".into()),
        );
    };
    let reads = top_level_reads(pattern);
    let missing: Vec<(&str, Value)> = required_fields()
        .into_iter()
        .filter(|(k, _)| !obj.contains_key(*k))
        .collect();
    let read_missing: Vec<&str> = missing
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| reads.iter().any(|r| r == k))
        .collect();
    if !read_missing.is_empty() {
        return (
            event.clone(),
            Vec::new(),
            Some(format!(
                "TestEventPattern requires {}, which the event lacks and the pattern reads",
                read_missing.join(", ")
            )),
        );
    }
    let mut out: Map<String, Value> = obj.clone();
    let mut adjusted = Vec::new();
    for (k, v) in missing {
        adjusted.push(format!("added \"{k}\": {v}"));
        out.insert(k.to_string(), v);
    }
    (Value::Object(out), adjusted, None)
}

/// `aws events test-event-pattern --event-pattern P --event E --output json`.
pub fn command(pattern: &Value, event: &Value) -> Vec<String> {
    vec![
        "aws".into(),
        "events".into(),
        "test-event-pattern".into(),
        "--event-pattern".into(),
        pattern.to_string(),
        "--event".into(),
        event.to_string(),
        "--output".into(),
        "json".into(),
    ]
}

/// An argument vector as one shell command line: plain words as they are, others single-quoted.
pub fn shell_line(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@".contains(&b))
            {
                a.clone()
            } else {
                sh_quote(a)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One check per built-in sample event, then one per given event (label, event), for each rule in
/// design order (with several rules, each label starts with the rule's name). `None` when a
/// rule's pattern is invalid (EventBridge would answer with an error; `validate` says why).
pub fn plan(design: &Design, events: &[(String, Value)]) -> Option<Vec<Check>> {
    let samples = design_samples(design).into_iter().map(|s| {
        (
            s.label.to_string(),
            serde_json::from_str::<Value>(s.json).unwrap_or(Value::Null),
        )
    });
    let all: Vec<(String, Value)> = samples.chain(events.iter().cloned()).collect();
    let mut checks = Vec::new();
    let params = crate::domain::design::sources::template_params(&design.deployment);
    for rule in &design.rules {
        let pattern = rule.event_pattern_with(&params);
        parse_pattern(&pattern).0?;
        for (label, event) in &all {
            let label = match design.rules.len() {
                1 => label.clone(),
                _ => format!("{}: {label}", rule.name),
            };
            checks.push(check(&pattern, label, event));
        }
    }
    Some(checks)
}

/// The check of one event against one rule's pattern.
pub fn check(pattern: &Value, label: String, event: &Value) -> Check {
    let (event, adjusted, untestable) = adjust(pattern, event);
    // As the simulation decides: an event over EventBridge's size limit matches nothing.
    let predicted = event_size_error(&event).is_none()
        && parse_pattern(pattern).0.is_some_and(|p| p.matches(&event));
    let argv = command(pattern, &event);
    let shell = shell_line(&argv);
    Check {
        label,
        pattern: pattern.clone(),
        event,
        adjusted,
        untestable,
        predicted,
        argv,
        shell,
    }
}

/// What the CLI export's `verify-pattern.sh` asks (the exporter reads no simulation).
pub fn pattern_checks(design: &Design) -> Vec<PatternCheck> {
    plan(design, &[])
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.untestable.is_none())
        .map(|c| PatternCheck {
            label: c.label,
            pattern: c.pattern.to_string(),
            event: c.event.to_string(),
            predicted: c.predicted,
            adjusted: c.adjusted,
        })
        .collect()
}

/// Exports a design with what its simulation predicts: the rendered sample message for the test
/// publish and, for the CLI script, the pattern checks `verify-pattern.sh` asks about. The CLI and
/// the app's background module both export through this.
pub fn export_predicted(design: &Design, format: Format, options: &ExportOptions) -> Export {
    let compiled = compile(design);
    let samples: Vec<Option<String>> = (0..design.rules.len())
        .map(|rule| sample_message(&compiled, rule))
        .collect();
    let checks = if format.asks_about_pattern() {
        pattern_checks(design)
    } else {
        Vec::new()
    };
    export_with_checks(design, format, options, &samples, &checks)
}

/// EventBridge's answer, from the JSON the AWS CLI prints (`{"Result": true}`).
pub fn parse_answer(stdout: &str) -> Option<bool> {
    serde_json::from_str::<Value>(stdout)
        .ok()?
        .get("Result")?
        .as_bool()
}

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub event: String,
    pub predicted: bool,
    /// EventBridge's answer, or why there is none.
    pub eventbridge: Result<bool, String>,
}

impl Row {
    pub fn agrees(&self) -> bool {
        self.eventbridge == Ok(self.predicted)
    }
}

fn verdict(m: bool) -> &'static str {
    if m {
        "match"
    } else {
        "no match"
    }
}

/// The table: event, predicted, EventBridge, agree?
pub fn table(rows: &[Row]) -> String {
    let width = rows
        .iter()
        .map(|r| r.event.chars().count())
        .chain([5])
        .max()
        .unwrap_or(5);
    let mut out = format!(
        "{:<width$}  {:<9}  {:<11}  agree?\n",
        "event", "predicted", "EventBridge"
    );
    for r in rows {
        let answer = match &r.eventbridge {
            Ok(m) => verdict(*m).to_string(),
            Err(_) => "error".to_string(),
        };
        out.push_str(&format!(
            "{:<width$}  {:<9}  {:<11}  {}\n",
            r.event,
            verdict(r.predicted),
            answer,
            if r.agrees() { "yes" } else { "NO" }
        ));
    }
    for r in rows {
        if let Err(e) = &r.eventbridge {
            out.push_str(&format!("{}: {e}\n", r.event));
        }
    }
    out
}
