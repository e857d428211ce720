//! The classes where EventBridge's user guide and event-ruler disagree
//! (tests/conformance/ruler-differential.json): the engine gives the file's verdict where it names
//! one, and every construct the file marks `warn` is reported at its pattern pointer.

use chatops_designer::domain::design::presets::{preset, SEED};
use chatops_designer::domain::eventbridge::pattern::parse_pattern_text;
use chatops_designer::domain::eventbridge::uncertain::scan;
use chatops_designer::domain::pipeline::simulate::{simulate, validate, SimulateOptions};
use serde_json::Value;

fn file() -> Value {
    serde_json::from_str(include_str!("../conformance/ruler-differential.json")).expect("json")
}

fn cases() -> Vec<Value> {
    file()["cases"].as_array().expect("cases").clone()
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or("")
}

/// The engine's verdict: match, nomatch or invalid (`None` for a pattern-only case that parses).
fn verdict(case: &Value) -> Option<&'static str> {
    let (p, _) = parse_pattern_text(text(case, "pattern"));
    let Some(p) = p else {
        return Some("invalid");
    };
    let event: Value = serde_json::from_str(case["event"].as_str()?).expect("event json");
    Some(if p.matches(&event) {
        "match"
    } else {
        "nomatch"
    })
}

#[test]
fn the_engine_gives_the_expected_verdict_wherever_the_file_names_one() {
    let mut failures = Vec::new();
    let all = cases();
    for case in &all {
        let Some(want) = case["expected"].as_str() else {
            continue;
        };
        let got = verdict(case);
        if got != Some(want) {
            failures.push(format!("{}: want {want}, got {got:?}", text(case, "id")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(all.len(), 28);
}

#[test]
fn where_the_file_names_no_verdict_the_engine_keeps_its_own() {
    // Either verdict is acceptable there; these are the ones the engine gives (and warns about).
    let kept: Vec<(String, Option<&str>)> = cases()
        .iter()
        .filter(|c| c["expected"].is_null())
        .map(|c| (text(c, "id").to_string(), verdict(c)))
        .collect();
    let want: Vec<(String, Option<&str>)> = [
        ("number-beyond-double#1", None),
        ("number-beyond-double#2", None),
        ("reserved-word-as-field-in-or#6", Some("match")),
        ("cidr-full-mask#10", Some("match")),
        ("cidr-no-mask#11", Some("match")),
        ("cidr-leading-zeros-in-pattern#12", Some("invalid")),
        ("ignore-case-folding#21", Some("match")),
        ("ignore-case-folding#22", Some("match")),
        ("exactly-operator#25", Some("invalid")),
        ("anything-but-empty-list#26", Some("invalid")),
    ]
    .into_iter()
    .map(|(i, v)| (i.to_string(), v))
    .collect();
    assert_eq!(kept, want);
}

/// How a warning reaches the person: `validate` (and so the pattern editor) from the pattern
/// alone, the pattern text (keys written twice), or the simulation of an event that brings it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Via {
    Validate,
    Text,
    Simulate,
}

/// Where each warned case is reported, as a pointer into its pattern.
const WARNED: &[(&str, &str, Via)] = &[
    ("number-lexeme#0", "/a/0", Via::Validate),
    ("number-beyond-double#1", "/a/0/numeric/1", Via::Validate),
    ("number-beyond-double#2", "/a/0/anything-but", Via::Validate),
    ("or-shadows-outer-field#3", "/$or/0/source", Via::Validate),
    ("dotted-field-name#4", "/detail.state", Via::Validate),
    ("dotted-field-name#5", "/detail/state", Via::Simulate),
    (
        "reserved-word-as-field-in-or#6",
        "/$or/0/prefix",
        Via::Validate,
    ),
    ("malformed-or-is-a-field-name#7", "/$or", Via::Validate),
    ("malformed-or-is-a-field-name#8", "/$or", Via::Validate),
    ("cidr-full-mask#10", "/ip/0/cidr", Via::Validate),
    ("cidr-no-mask#11", "/ip/0/cidr", Via::Validate),
    (
        "cidr-leading-zeros-in-pattern#12",
        "/ip/0/cidr",
        Via::Validate,
    ),
    ("ip-leading-zeros-in-event#13", "/ip/0", Via::Simulate),
    ("ip-leading-zeros-in-event#14", "/ip/0", Via::Validate),
    ("ip-normalised-exact-string#15", "/ip/0", Via::Validate),
    (
        "ignore-case-non-bmp#18",
        "/a/0/equals-ignore-case",
        Via::Validate,
    ),
    (
        "ignore-case-non-bmp#19",
        "/a/0/prefix/equals-ignore-case",
        Via::Validate,
    ),
    (
        "ignore-case-folding#20",
        "/a/0/equals-ignore-case",
        Via::Validate,
    ),
    (
        "ignore-case-folding#21",
        "/a/0/equals-ignore-case",
        Via::Validate,
    ),
    ("ignore-case-folding#22", "/a/0", Via::Simulate),
    ("duplicate-keys#23", "/a", Via::Text),
    (
        "exists-false-in-array-of-objects#24",
        "/a/b/0",
        Via::Simulate,
    ),
    ("exactly-operator#25", "/a/0/exactly", Via::Validate),
    (
        "anything-but-empty-list#26",
        "/a/1/anything-but/prefix",
        Via::Validate,
    ),
];

/// The warnings' locations for a case, by the route it is expected on.
fn warnings(case: &Value, via: Via) -> Vec<String> {
    let pattern_text = text(case, "pattern");
    if via == Via::Text {
        let (_, diags) = parse_pattern_text(pattern_text);
        return diags
            .into_iter()
            .filter(|d| !d.is_error())
            .map(|d| d.under("rules/0/eventPattern").location)
            .collect();
    }
    let mut design = preset(SEED).expect("seed");
    design.rules[0].event_pattern = serde_json::from_str(pattern_text).expect("pattern json");
    let diags = match via {
        Via::Simulate => {
            let event: Value = serde_json::from_str(text(case, "event")).expect("event json");
            simulate(&design, 0, &event, &SimulateOptions::default()).diagnostics
        }
        _ => validate(&design),
    };
    diags
        .into_iter()
        .filter(|d| !d.is_error())
        .map(|d| d.location)
        .collect()
}

#[test]
fn every_warned_case_is_warned_at_its_pattern_pointer() {
    let all = cases();
    let warned: Vec<&str> = all
        .iter()
        .filter(|c| c["warn"] == Value::Bool(true))
        .map(|c| text(c, "id"))
        .collect();
    let listed: Vec<&str> = WARNED.iter().map(|w| w.0).collect();
    assert_eq!(warned, listed, "every warned case has a row in WARNED");
    let mut failures = Vec::new();
    for (id, pointer, via) in WARNED {
        let case = all.iter().find(|c| text(c, "id") == *id).expect("case");
        let want = format!("rules/0/eventPattern{pointer}");
        let got = warnings(case, *via);
        if !got.contains(&want) {
            failures.push(format!(
                "{id}: no warning at {want} ({via:?}); warnings at {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_warning_says_what_the_guide_and_the_library_do_and_how_to_settle_it() {
    let case = &cases()[0];
    let mut design = preset(SEED).expect("seed");
    design.rules[0].event_pattern = serde_json::from_str(text(case, "pattern")).expect("json");
    let d = validate(&design)
        .into_iter()
        .find(|d| d.location == "rules/0/eventPattern/a/0")
        .expect("a warning");
    assert!(!d.is_error());
    assert!(d.message.contains("guide"), "{}", d.message);
    assert!(d.message.contains("event-ruler"), "{}", d.message);
    assert!(
        d.message.contains("the simulation follows"),
        "{}",
        d.message
    );
    assert!(
        d.message.ends_with("`chatops verify --design F --run`."),
        "{}",
        d.message
    );
}

#[test]
fn unwarned_cases_raise_no_uncertainty() {
    for case in cases().iter().filter(|c| c["warn"] == Value::Bool(false)) {
        let pattern: Value = serde_json::from_str(text(case, "pattern")).expect("json");
        assert_eq!(scan(&pattern), vec![], "{}", text(case, "id"));
    }
}

#[test]
fn a_verdict_resting_on_an_uncertain_construct_lists_it_with_the_assumptions() {
    let mut design = preset(SEED).expect("seed");
    design.rules[0].event_pattern = serde_json::json!({"detail": {"count": [3.0]}});
    let event = serde_json::json!({"detail": {"count": 3}});
    let sim = simulate(&design, 0, &event, &SimulateOptions::default());
    let ids: Vec<&str> = sim.assumptions.iter().map(|a| a.id).collect();
    assert!(ids.contains(&"pattern-number-lexeme"), "{ids:?}");
    // Without the field in the event the written form of the number decides nothing.
    let sim = simulate(
        &design,
        0,
        &serde_json::json!({"detail": {}}),
        &SimulateOptions::default(),
    );
    assert!(sim
        .assumptions
        .iter()
        .all(|a| a.id != "pattern-number-lexeme"));
}

/// Every uncertainty event-ruler's own test cases raise, reviewed: each case uses the construct
/// (a dotted name, an IP-looking exact string, a number with a fraction or an exponent or 17
/// digits, a Kelvin sign under equals-ignore-case). None is a false positive.
const EVENT_RULER_WARNED: &[&str] = &[
    "RulerTest.WHEN_RulesFromReadmeAreTried_THEN_TheyWork#3 pattern-dotted-field-name /detail/c.count",
    "RulerTest.WHEN_RulesFromReadmeAreTried_THEN_TheyWork#3 pattern-dotted-field-name /detail/d.count",
    "RulerTest.WHEN_RulesFromReadmeAreTried_THEN_TheyWork#3 pattern-dotted-field-name /detail/x.limit",
    "ACMachineTest.rulesFromREADMETest#2 pattern-dotted-field-name /detail/c.count",
    "ACMachineTest.rulesFromREADMETest#2 pattern-dotted-field-name /detail/d.count",
    "ACMachineTest.rulesFromREADMETest#2 pattern-dotted-field-name /detail/x.limit",
    "ACMachineTest.testCIDRRuleWithMatchingAnythingButRule#2 pattern-ip-exact-string /ip/0",
    "MachineTest.testIpExactMatch#1 pattern-ip-exact-string /detail/sourceIPAddress/0",
    "MachineTest.testIpExactMatch#2 pattern-ip-exact-string /detail/sourceIPAddress/0",
    "MachineTest.testIpExactMatch#3 pattern-ip-exact-string /detail/sourceIPAddress/0",
    "MachineTest.testIpExactMatch#4 pattern-ip-exact-string /detail/sourceIPAddress/0",
    "JsonRuleCompilerTest.testVariantForms#1 pattern-number-lexeme /a/0",
    "JsonRuleCompilerTest.testVariantForms#3 pattern-ip-exact-string /b/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#1 pattern-number-lexeme /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#1 pattern-number-precision /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#2 pattern-number-lexeme /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#2 pattern-number-precision /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#3 pattern-number-lexeme /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchRuleWithDecimalAsString#3 pattern-number-precision /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchWithSixDecimals#1 pattern-number-lexeme /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchWithSixDecimals#2 pattern-number-lexeme /x/0",
    "ComparableNumberTest.WHEN_EventHasVaryingPrecision_THEN_MatchWithSixDecimals#3 pattern-number-lexeme /x/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#1 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#1 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#2 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#2 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#3 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#3 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#4 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#4 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#5 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#5 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#6 pattern-number-lexeme /x/0/anything-but/0",
    "ByteMachineTest.WHEN_AnyThingButNumberListPatternsAreAdded_THEN_TheyWork#6 pattern-number-lexeme /x/0/anything-but/1",
    "ByteMachineTest.testEqualsIgnoreCaseManyCharactersWithDifferentByteLengthForLowerCaseAndUpperCase#1 pattern-ignore-case-folding /x/0/equals-ignore-case",
];

/// Event-ruler's own test cases raise an uncertainty only where they use one of these
/// constructs; the 448 cases that use none raise none.
#[test]
fn event_ruler_cases_warn_only_where_they_use_an_uncertain_construct() {
    let all: Value =
        serde_json::from_str(include_str!("../conformance/event-ruler-cases.json")).expect("json");
    let mut got = Vec::new();
    for case in all["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(all["invalid"].as_array().into_iter().flatten())
    {
        for f in scan(&case["pattern"]) {
            got.push(format!(
                "{} {} {}",
                text(case, "id"),
                f.class.assumption.id,
                f.pointer
            ));
        }
    }
    assert_eq!(got, EVENT_RULER_WARNED);
}
