//! Every place a design's diagnostics name is a field a person can reach, with a readable name.

use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::settings::SETTINGS;
use chatops_designer::domain::pipeline::simulate::validate;
use chatops_designer::domain::view::fields::{ButtonField, FieldRef, MapField, Tab, TextList};
use chatops_designer::domain::view::help::help;
use chatops_designer::domain::view::locate::field;

const BUTTONS: Tab = Tab::Buttons;
const DEPLOY: Tab = Tab::Deploy;
const NOTIFICATION: Tab = Tab::Notification;
const RULE: Tab = Tab::Rule;

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
            "rules/0/notification/nextSteps/2",
            NOTIFICATION,
            "nextSteps-2",
            "Next step 3",
        ),
        (
            "rules/0/notification/title",
            NOTIFICATION,
            "f-title",
            "Title",
        ),
        (
            "rules/0/notification/threadId",
            NOTIFICATION,
            "f-threadId",
            "Thread ID",
        ),
        (
            "rules/0/eventPattern/detail/state",
            RULE,
            "f-pattern",
            "Event pattern",
        ),
        (
            "rules/0/description",
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
        d.rules[0].notification.title = "x".repeat(400);
        d.rules[0].notification.description.clear();
        d.rules[0].notification.next_steps.push("y".repeat(2000));
        d.rules[0].name = "bad name!".into();
        d.rules[0].event_pattern = serde_json::json!({"detail": {"state": "READY"}});
        d.rules[0]
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

/// Every field the editors show, with a few indices.
fn every_field() -> Vec<FieldRef> {
    let mut all = FieldRef::SINGLE.to_vec();
    all.extend(SETTINGS.iter().map(|s| FieldRef::Setting(s.key)));
    for i in [0, 1, 12] {
        all.extend(TextList::ALL.map(|l| FieldRef::Item(l, i)));
        for m in [
            MapField::Context,
            MapField::InputPaths,
            MapField::Parameters,
            MapField::Variables(i),
        ] {
            all.push(FieldRef::MapKey(m, i));
            all.push(FieldRef::MapValue(m, i));
        }
        all.extend(ButtonField::ALL.map(|f| FieldRef::Button(i, f)));
        all.push(FieldRef::Criterion(i, i + 1));
    }
    all
}

#[test]
fn every_field_is_found_again_by_its_dom_id_and_its_location() {
    for f in every_field() {
        assert_eq!(
            FieldRef::from_dom_id(&f.dom_id()),
            Some(f),
            "{}",
            f.dom_id()
        );
        let back = FieldRef::parse(&f.location(0)).unwrap_or_else(|| panic!("{}", f.location(0)));
        // A map's rows are found as the map (a location names no row).
        let expected = match f {
            FieldRef::MapKey(m, _) | FieldRef::MapValue(m, _) => FieldRef::Map(m),
            other => other,
        };
        assert_eq!(back, expected, "{}", f.location(0));
        assert_eq!(back.tab(), f.tab(), "{}", f.location(0));
    }
}

#[test]
fn every_field_has_a_label_and_its_help_key_has_help() {
    for f in every_field() {
        assert!(!f.label().is_empty(), "{f:?}");
        let key = f.help_key();
        if !key.is_empty() {
            assert!(!help(key).is_empty(), "{f:?}: no help for {key}");
        }
    }
    assert_eq!(FieldRef::RuleName.limit(), 64);
    assert!(FieldRef::Title.limit() > 0);
    assert_eq!(
        Tab::ALL.map(Tab::label),
        ["Notification", "Buttons", "Rule", "Deploy"]
    );
}
