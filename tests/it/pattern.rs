//! Event-pattern operators one by one, with the negative cases, errors and reports.

use chatops_designer::domain::eventbridge::pattern::{
    parse_pattern, parse_pattern_text, pattern_json,
};
use serde_json::{json, Value};

/// Parses `pattern` (it must be valid) and checks the verdict for `event`.
fn check(pattern: Value, event: Value, expected: bool) {
    let (p, d) = parse_pattern(&pattern);
    let p = p.unwrap_or_else(|| panic!("{pattern} should parse: {d:?}"));
    assert_eq!(
        p.matches(&event),
        expected,
        "pattern {pattern} event {event}"
    );
}

/// Parses `pattern` (it must be invalid) and returns the first error as `location: message`.
fn error(pattern: Value) -> String {
    let (p, d) = parse_pattern(&pattern);
    assert!(p.is_none(), "{pattern} should be rejected");
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    format!("{}: {}", e.location, e.message)
}

#[test]
fn exact_strings_are_case_sensitive() {
    check(json!({"a": ["x"]}), json!({"a": "x"}), true);
    check(json!({"a": ["x"]}), json!({"a": "X"}), false);
    check(json!({"a": ["x", "y"]}), json!({"a": "y"}), true);
}

#[test]
fn numbers_compare_in_their_written_form() {
    check(json!({"a": [300]}), json!({"a": 300}), true);
    let p: Value = serde_json::from_str(r#"{"a": [300]}"#).unwrap();
    check(
        p.clone(),
        serde_json::from_str(r#"{"a": 3.0e2}"#).unwrap(),
        false,
    );
    check(
        p.clone(),
        serde_json::from_str(r#"{"a": 300.0}"#).unwrap(),
        false,
    );
    check(p, json!({"a": "300"}), false);
}

#[test]
fn booleans_and_null() {
    check(json!({"a": [true]}), json!({"a": true}), true);
    check(json!({"a": [true]}), json!({"a": "true"}), false);
    check(json!({"a": [null]}), json!({"a": null}), true);
}

#[test]
fn null_empty_and_missing_are_different() {
    check(json!({"a": [null]}), json!({"a": ""}), false);
    check(json!({"a": [""]}), json!({"a": null}), false);
    check(json!({"a": [""]}), json!({"a": ""}), true);
    check(json!({"a": [null]}), json!({}), false);
    check(json!({"a": [""]}), json!({}), false);
}

#[test]
fn arrays_match_when_any_element_matches() {
    check(json!({"r": ["b"]}), json!({"r": ["a", "b"]}), true);
    check(json!({"r": ["c"]}), json!({"r": ["a", "b"]}), false);
}

#[test]
fn prefix_suffix_and_ignore_case() {
    check(
        json!({"t": [{"prefix": "2017-10"}]}),
        json!({"t": "2017-10-02"}),
        true,
    );
    check(
        json!({"t": [{"prefix": "2017-10"}]}),
        json!({"t": 2017}),
        false,
    );
    check(
        json!({"f": [{"suffix": ".png"}]}),
        json!({"f": "a.PNG"}),
        false,
    );
    check(
        json!({"f": [{"suffix": {"equals-ignore-case": ".png"}}]}),
        json!({"f": "a.PNG"}),
        true,
    );
    check(
        json!({"f": [{"prefix": {"equals-ignore-case": "eventb"}}]}),
        json!({"f": "EventBridge"}),
        true,
    );
    check(
        json!({"d": [{"equals-ignore-case": "ec2 instance"}]}),
        json!({"d": "EC2 Instance"}),
        true,
    );
    check(
        json!({"d": [{"equals-ignore-case": "ec2"}]}),
        json!({"d": "ec3"}),
        false,
    );
}

#[test]
fn wildcards_with_escapes() {
    check(
        json!({"s": [{"wildcard": "Simple*Service"}]}),
        json!({"s": "Simple Notification Service"}),
        true,
    );
    check(
        json!({"s": [{"wildcard": "Simple*Service"}]}),
        json!({"s": "SimpleService"}),
        true,
    );
    check(
        json!({"s": [{"wildcard": "Simple*Service"}]}),
        json!({"s": "Simple Queue"}),
        false,
    );
    check(
        json!({"s": [{"wildcard": "a\\*b"}]}),
        json!({"s": "a*b"}),
        true,
    );
    check(
        json!({"s": [{"wildcard": "a\\*b"}]}),
        json!({"s": "axb"}),
        false,
    );
    check(
        json!({"s": [{"wildcard": "a\\\\b"}]}),
        json!({"s": "a\\b"}),
        true,
    );
    assert!(error(json!({"s": [{"wildcard": "a**b"}]})).contains("consecutive"));
    assert!(error(json!({"s": [{"wildcard": "a\\nb"}]})).contains("backslash"));
}

#[test]
fn anything_but_forms() {
    check(
        json!({"s": [{"anything-but": "init"}]}),
        json!({"s": "running"}),
        true,
    );
    check(
        json!({"s": [{"anything-but": "init"}]}),
        json!({"s": "init"}),
        false,
    );
    check(json!({"s": [{"anything-but": "init"}]}), json!({}), false);
    check(
        json!({"s": [{"anything-but": ["a", "b"]}]}),
        json!({"s": "b"}),
        false,
    );
    check(
        json!({"n": [{"anything-but": [100, 200]}]}),
        json!({"n": 200}),
        false,
    );
    check(
        json!({"n": [{"anything-but": [100, 200]}]}),
        json!({"n": 300}),
        true,
    );
    check(
        json!({"s": [{"anything-but": {"prefix": "init"}}]}),
        json!({"s": "initial"}),
        false,
    );
    check(
        json!({"s": [{"anything-but": {"suffix": ".png"}}]}),
        json!({"s": "a.jpg"}),
        true,
    );
    check(
        json!({"s": [{"anything-but": {"equals-ignore-case": "INIT"}}]}),
        json!({"s": "init"}),
        false,
    );
    check(
        json!({"s": [{"anything-but": {"wildcard": "*/lib/*"}}]}),
        json!({"s": "/usr/lib/x"}),
        false,
    );
    check(
        json!({"s": [{"anything-but": {"wildcard": "*/lib/*"}}]}),
        json!({"s": "/usr/bin/x"}),
        true,
    );
    assert!(
        error(json!({"s": [{"anything-but": ["a", 1]}]})).contains("only strings or only numbers")
    );
    assert!(error(json!({"s": [{"anything-but": {"prefix": ""}}]})).contains("empty"));
}

#[test]
fn numeric_ranges() {
    check(
        json!({"n": [{"numeric": [">", 0, "<=", 5]}]}),
        json!({"n": 5}),
        true,
    );
    check(
        json!({"n": [{"numeric": [">", 0, "<=", 5]}]}),
        json!({"n": 0}),
        false,
    );
    check(
        serde_json::from_str(r#"{"n": [{"numeric": ["=", 3.018e2]}]}"#).unwrap(),
        json!({"n": 301.8}),
        true,
    );
    check(
        json!({"n": [{"numeric": ["<", 10]}]}),
        json!({"n": "5"}),
        false,
    );
    assert!(error(json!({"n": [{"numeric": ["<", 1, ">", 0]}]})).contains("lower bound"));
    assert!(error(json!({"n": [{"numeric": [">", 5, "<", 1]}]})).contains("empty"));
    assert!(error(json!({"n": [{"numeric": ["==", 1]}]})).contains("choose from"));
}

#[test]
fn exists_true_and_false() {
    check(json!({"a": [{"exists": true}]}), json!({"a": 1}), true);
    check(json!({"a": [{"exists": true}]}), json!({}), false);
    check(json!({"a": [{"exists": false}]}), json!({}), true);
    check(json!({"a": [{"exists": false}]}), json!({"a": null}), false);
    // exists only looks at leaves: an object node does not exist as a value.
    check(
        json!({"a": [{"exists": false}]}),
        json!({"a": {"b": 1}}),
        true,
    );
    check(
        json!({"a": [{"exists": true}]}),
        json!({"a": {"b": 1}}),
        false,
    );
}

#[test]
fn cidr_v4_and_v6() {
    check(
        json!({"ip": [{"cidr": "10.0.0.0/24"}]}),
        json!({"ip": "10.0.0.255"}),
        true,
    );
    check(
        json!({"ip": [{"cidr": "10.0.0.0/24"}]}),
        json!({"ip": "10.0.1.0"}),
        false,
    );
    check(
        json!({"ip": [{"cidr": "2001:db8::/32"}]}),
        json!({"ip": "2001:db8:ffff::1"}),
        true,
    );
    check(
        json!({"ip": [{"cidr": "2001:db8::/32"}]}),
        json!({"ip": "2001:db9::1"}),
        false,
    );
    assert!(error(json!({"ip": [{"cidr": "10.0.0.0/33"}]})).contains("longer than 32"));
}

#[test]
fn or_branches_and_the_combination_limit() {
    let p = json!({"$or": [{"a": ["x"]}, {"b": ["y"]}]});
    check(p.clone(), json!({"b": "y"}), true);
    check(p, json!({"a": "y"}), false);
    check(
        json!({"s": ["1"], "$or": [{"a": ["x"]}, {"$or": [{"b": ["y"]}, {"c": ["z"]}]}]}),
        json!({"s": "1", "c": "z"}),
        true,
    );
    assert!(error(json!({"$or": [{"a": ["x"]}]})).contains("at least two"));
    // 11 × 10 × 10 = 1100 combinations.
    let branches = |n: usize, k: &str| Value::Array((0..n).map(|i| json!({ k: [i] })).collect());
    let big = json!({"x": {"$or": branches(11, "a")}, "y": {"$or": branches(10, "b")}, "z": {"$or": branches(10, "c")}});
    assert!(error(big).contains("1100 combinations"));
    let ok = json!({"x": {"$or": branches(10, "a")}, "y": {"$or": branches(10, "b")}, "z": {"$or": branches(10, "c")}});
    assert!(parse_pattern(&ok).0.is_some());
}

#[test]
fn errors_name_the_json_location_and_what_is_allowed() {
    assert_eq!(error(json!({"detail": {"state": "READY"}})), "/detail/state: a match value must be an array, e.g. [\"READY\"], or an object of nested fields");
    assert!(error(json!({"detail": {"state": [{"prefx": "R"}]}}))
        .starts_with("/detail/state/0/prefx: unknown operator `prefx`; choose from: prefix"));
    let (p, d) = parse_pattern_text("{\"a\": [\"x\",]}");
    assert!(p.is_none());
    assert_eq!((d[0].line, d[0].column), (Some(1), Some(12)));
}

#[test]
fn report_explains_each_field() {
    let (p, _) = parse_pattern(
        &json!({"source": ["aws.codedeploy"], "detail": {"state": ["READY"], "group": [{"exists": true}]}}),
    );
    let r = p
        .unwrap()
        .report(&json!({"source": "aws.codedeploy", "detail": {"state": "SUCCESS"}}));
    assert!(!r.matched);
    let by_path = |path: &str| r.fields.iter().find(|f| f.path == path).unwrap();
    assert!(by_path("source").matched);
    assert_eq!(
        by_path("detail.state").reason,
        "\"SUCCESS\" does not match [\"READY\"]"
    );
    assert_eq!(
        by_path("detail.group").reason,
        "field is missing from the event; [{\"exists\":true}] needs it"
    );
}

#[test]
fn pattern_json_reads_the_typed_text_or_says_where_it_breaks() {
    assert_eq!(
        pattern_json("{\"source\": [\"aws.codedeploy\"]}"),
        Ok(json!({"source": ["aws.codedeploy"]}))
    );
    let e = pattern_json("{\n  \"source\": ?\n}").unwrap_err();
    assert!(e.message.starts_with("not valid JSON at line "), "{e:?}");
    assert_eq!(e.at.map(|(line, _)| line), Some(2));
    // Nested past what a design file may hold: refused before parsing, with the pattern's limit.
    let limit = chatops_designer::domain::design::model::PATTERN_DEPTH;
    let deep = format!("{}1{}", "[".repeat(limit + 1), "]".repeat(limit + 1));
    let e = pattern_json(&format!("{{\"a\": {deep}}}")).unwrap_err();
    assert_eq!(
        e.message,
        format!("the pattern nests more than {limit} levels deep, more than a design file may hold (at most {limit})")
    );
    assert_eq!(e.at.map(|(line, _)| line), Some(1));
}
