//! Amazon Q custom-notification checks (facts section A).

use chatops_designer::domain::amazon_q::notification::check_message;

fn delivered(msg: &str) -> bool {
    check_message(msg).delivered
}

fn reason(msg: &str) -> String {
    check_message(msg).reason.unwrap_or_default()
}

#[test]
fn the_minimal_notification_is_delivered() {
    assert!(delivered(
        r#"{"version":"1.0","source":"custom","content":{"description":"hi"}}"#
    ));
}

#[test]
fn version_source_and_description_are_required() {
    assert!(
        reason(r#"{"source":"custom","content":{"description":"x"}}"#)
            .contains("/version: is required")
    );
    assert!(
        reason(r#"{"version":"1","source":"custom","content":{"description":"x"}}"#)
            .contains("\"1.0\"")
    );
    assert!(
        reason(r#"{"version":"1.0","source":"aws","content":{"description":"x"}}"#)
            .contains("\"custom\"")
    );
    assert!(
        reason(r#"{"version":"1.0","source":"custom","content":{}}"#)
            .contains("/content/description: is required")
    );
    assert!(
        reason(r#"{"version":"1.0","source":"custom","content":{"description":"x"}}"#).is_empty()
    );
}

#[test]
fn types_and_text_type() {
    let base = |content: &str, meta: &str| {
        format!(r#"{{"version":"1.0","source":"custom","content":{content},"metadata":{meta}}}"#)
    };
    assert!(!delivered(&base(
        r#"{"description":"x","textType":"markdown"}"#,
        "{}"
    )));
    assert!(!delivered(&base(
        r#"{"description":"x","nextSteps":"one"}"#,
        "{}"
    )));
    assert!(!delivered(&base(
        r#"{"description":"x","keywords":[1]}"#,
        "{}"
    )));
    assert!(!delivered(&base(
        r#"{"description":"x"}"#,
        r#"{"additionalContext":{"a":1}}"#
    )));
    assert!(!delivered(&base(
        r#"{"description":"x"}"#,
        r#"{"enableCustomActions":"true"}"#
    )));
    assert!(delivered(&base(
        r#"{"description":"x","textType":"client-markdown","nextSteps":["a"],"keywords":["k"]}"#,
        r#"{"threadId":"t","additionalContext":{"a":"b"},"enableCustomActions":true}"#
    )));
}

#[test]
fn not_json_or_not_an_object_is_not_supported() {
    let r = reason(r#"{"version": "1.0", "#);
    assert!(
        r.contains("not valid JSON") && r.contains("Event received is not supported"),
        "{r}"
    );
    assert!(reason(r#""This event was of customerCreated type.""#)
        .contains("a JSON string, not a custom notification"));
}

#[test]
fn the_sns_size_limit() {
    let big = format!(
        r#"{{"version":"1.0","source":"custom","content":{{"description":"{}"}}}}"#,
        "x".repeat(262_144)
    );
    let c = check_message(&big);
    assert!(!c.delivered);
    assert!(c.reason.unwrap().contains("256 KB"));
}
