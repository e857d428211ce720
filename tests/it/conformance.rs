//! The event-pattern cases of aws/event-ruler's test suite (tests/conformance/README.md).

use chatops_designer::domain::eventbridge::pattern::parse_pattern;
use serde_json::Value;

/// Cases where we follow the EventBridge documentation over Ruler: (id, reason). Empty while every
/// case agrees with the documentation.
const SIDE_WITH_DOCS: &[(&str, &str)] = &[];

fn cases() -> Value {
    serde_json::from_str(include_str!("../conformance/event-ruler-cases.json")).expect("valid json")
}

#[test]
fn every_match_case_agrees_with_ruler() {
    let all = cases();
    let mut failures = Vec::new();
    let list = all["cases"].as_array().expect("cases");
    for case in list {
        let id = case["id"].as_str().unwrap_or("?");
        let (p, diags) = parse_pattern(&case["pattern"]);
        let Some(p) = p else {
            failures.push(format!("{id}: did not parse: {diags:?}"));
            continue;
        };
        let want = case["matched"].as_bool().expect("bool");
        let got = p.matches(&case["event"]);
        let sided = SIDE_WITH_DOCS.iter().any(|(i, _)| *i == id);
        if (got != want) != sided {
            failures.push(format!(
                "{id} ({}): want {want}, got {got}\n  pattern {}\n  event {}",
                case["note"], case["pattern"], case["event"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
    assert_eq!(list.len(), 393);
}

#[test]
fn every_invalid_pattern_is_rejected_with_a_location() {
    let all = cases();
    let list = all["invalid"].as_array().expect("invalid");
    let mut failures = Vec::new();
    for case in list {
        let id = case["id"].as_str().unwrap_or("?");
        let (p, diags) = parse_pattern(&case["pattern"]);
        if p.is_some() || diags.iter().all(|d| !d.is_error()) {
            failures.push(format!(
                "{id} ({}): accepted {}",
                case["note"], case["pattern"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid patterns accepted:\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
    assert_eq!(list.len(), 77);
}
