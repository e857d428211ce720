//! The documented limits as data: every row is checked at its bounds, names its source, and is
//! what the field help and the evidence table say.

use chatops_designer::domain::amazon_q::evidence::{Level, EVIDENCE};
use chatops_designer::domain::amazon_q::limits::{
    check, counter_max, describe, Allowed, Measure, Unit, LIMITS,
};
use chatops_designer::domain::amazon_q::notification::{check_message, SCHEMA};
use chatops_designer::domain::base::diagnostic::Severity;
use chatops_designer::domain::view::help::help;
use chatops_designer::domain::view::paging::thousands;

fn value(l: &chatops_designer::domain::amazon_q::limits::Limit, n: usize) -> String {
    let c = if l.allowed == Allowed::Any { 'é' } else { 'a' };
    std::iter::repeat_n(c, n).collect()
}

#[test]
fn every_row_holds_at_its_bounds_and_names_its_source_past_them() {
    for l in LIMITS {
        let at = |n: usize| match l.unit {
            Unit::Chars => check(l.field, "x", Measure::Text(&value(l, n))),
            Unit::Items => check(l.field, "x", Measure::Count(n)),
        };
        let inside = at(l.max);
        assert!(
            inside
                .iter()
                .all(|d| d.severity < l.severity || !d.message.contains(l.source)),
            "{} at {}: {inside:?}",
            l.field,
            l.max
        );
        let over = at(l.max + 1);
        let hit = over.iter().find(|d| d.message.contains(l.source));
        // A field with a stricter row reports that one instead (the command's 100 before its 5000).
        let stricter = LIMITS.iter().any(|o| o.field == l.field && o.max < l.max);
        if !stricter || l.severity == Severity::Error {
            let d = hit.unwrap_or_else(|| panic!("{} over {}: {over:?}", l.field, l.max));
            assert_eq!(d.severity, l.severity);
            assert!(d.message.contains(&format!("{}", l.max)), "{}", d.message);
        }
        if l.min > 0 {
            assert!(
                at(l.min - 1).iter().any(|d| d.severity == l.severity),
                "{} under {}",
                l.field,
                l.min
            );
        }
    }
}

#[test]
fn characters_outside_a_rows_set_are_named() {
    let d = check("actionName", "name", Measure::Text("deploy now"));
    assert!(
        d.iter()
            .any(|d| d.message.contains("' ' is not allowed in the action name")),
        "{d:?}"
    );
    let d = check("notificationType", "t", Measure::Text("Custom_1"));
    assert!(
        d.iter()
            .any(|d| d.message.contains("letters, digits and `-`")),
        "{d:?}"
    );
}

#[test]
fn help_counters_and_evidence_read_the_table() {
    for l in LIMITS {
        let h = help(l.field);
        assert!(h.contains(&describe(l.field)), "{}: {h}", l.field);
        assert!(h.contains(&l.max.to_string()), "{}: {h}", l.field);
        assert!(counter_max(l.field) <= l.max);
        // A limit from secondary sources is stated at the same level in the evidence table.
        if l.level != Level::Documented {
            let shown = thousands(l.max);
            assert!(
                EVIDENCE
                    .iter()
                    .any(|e| e.level == l.level && e.says.contains(&shown)),
                "no {:?} evidence row states {} for {}",
                l.level,
                shown,
                l.field
            );
        }
    }
    assert_eq!(counter_max("command"), 100);
    assert_eq!(counter_max("ruleName"), 0);
}

#[test]
fn the_notification_schema_is_walked_field_by_field() {
    // Each field of the wrong shape is an error at its own pointer; unknown fields are warnings.
    for f in SCHEMA {
        let mut n = serde_json::json!({"version": "1.0", "source": "custom", "content": {"description": "d"}, "metadata": {}});
        n.pointer_mut(f.parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(f.key.into(), serde_json::json!(42));
        let c = check_message(&n.to_string());
        let at = format!("{}/{}", f.parent, f.key);
        assert!(!c.delivered, "{at}");
        assert!(
            c.diagnostics
                .iter()
                .any(|d| d.is_error() && d.location == at),
            "{at}: {:?}",
            c.diagnostics
        );
    }
    let c = check_message(
        r#"{"version": "1.0", "source": "custom", "content": {"description": "d", "extra": 1}}"#,
    );
    assert!(c.delivered);
    assert!(c
        .diagnostics
        .iter()
        .any(|d| d.location == "/content/extra" && !d.is_error()));
}
