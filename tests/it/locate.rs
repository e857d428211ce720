//! Every place a design's diagnostics name is a field a person can reach, with a readable name.

use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::pipeline::simulate::validate;
use chatops_designer::domain::view::locate::{field, BUTTONS, DEPLOY, NOTIFICATION, RULE};

#[test]
fn known_locations_name_their_field() {
    for (loc, tab, id, name) in [
        (
            "actions/0/buttonText",
            BUTTONS,
            "a0-button",
            "Button 1 › Button text",
        ),
        (
            "actions/2/command",
            BUTTONS,
            "a2-command",
            "Button 3 › Command",
        ),
        (
            "actions/1/criteria/0",
            BUTTONS,
            "a1-c0-var",
            "Button 2 › Criterion 1",
        ),
        (
            "notification/nextSteps/2",
            NOTIFICATION,
            "nextSteps-2",
            "Next step 3",
        ),
        ("notification/title", NOTIFICATION, "f-title", "Title"),
        (
            "notification/threadId",
            NOTIFICATION,
            "f-threadId",
            "Thread id",
        ),
        (
            "rule/eventPattern/detail/state",
            RULE,
            "f-pattern",
            "Event pattern",
        ),
        (
            "rule/description",
            RULE,
            "f-ruleDescription",
            "Rule description",
        ),
        ("name", DEPLOY, "f-designName", "Design name"),
        (
            "deployment/slackWorkspaceId",
            DEPLOY,
            "f-dep-slackWorkspaceId",
            "Slack workspace ID",
        ),
    ] {
        let f = field(loc).unwrap_or_else(|| panic!("{loc}"));
        assert_eq!(
            (f.tab, f.id.as_str(), f.name.as_str()),
            (tab, id, name),
            "{loc}"
        );
    }
    assert_eq!(field("actions/x/name"), None);
    assert_eq!(field(""), None);
}

#[test]
fn the_errors_of_broken_designs_all_link_to_a_field() {
    let mut designs = Vec::new();
    for p in PRESETS {
        let mut d = preset(p.id).unwrap();
        d.notification.title = "x".repeat(400);
        d.notification.description.clear();
        d.notification.next_steps.push("y".repeat(2000));
        d.rule.name = "bad name!".into();
        d.rule.event_pattern = serde_json::json!({"detail": {"state": "READY"}});
        d.rule
            .input_paths
            .insert("bad".into(), "detail.state".into());
        for a in &mut d.actions {
            a.button_text = "b".repeat(200);
            a.command = "dynamo scan $Nope".into();
            a.name = "bad name".into();
        }
        designs.push(d);
    }
    let mut seen = 0;
    for d in &designs {
        for diag in validate(d).iter().filter(|x| x.is_error()) {
            seen += 1;
            let f = field(&diag.location)
                .unwrap_or_else(|| panic!("no field for {:?}: {}", diag.location, diag.message));
            assert!(!f.name.contains('/'), "{}", f.name);
        }
    }
    assert!(seen > 20, "{seen} errors");
}
