//! The design file: reading, errors, presets, and the committed JSON Schema.

use chatops_designer::domain::design::model::{design_schema, Design, DesignError};
use chatops_designer::domain::design::presets::{preset, PRESETS, SEED};
use chatops_designer::domain::pipeline::simulate::validate;

#[test]
fn every_preset_parses_round_trips_and_has_no_errors() {
    for p in PRESETS {
        let d = Design::from_json(p.json).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(d.preset.as_deref(), Some(p.id));
        assert_eq!(
            preset(p.id).as_ref(),
            Some(&d),
            "the cached fast parse agrees"
        );
        assert_eq!(
            Design::from_json(&d.to_json()).unwrap(),
            d,
            "{} round-trips",
            p.id
        );
        let errors: Vec<_> = validate(&d).into_iter().filter(|x| x.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.id);
    }
    assert_eq!(PRESETS[0].id, SEED);
}

#[test]
fn the_seed_is_the_blue_green_write_up() {
    let d = preset("blue-green").unwrap();
    assert_eq!(
        d.rules[0].notification.title,
        ":large_blue_circle::large_green_circle: Deployment is now ready for validation"
    );
    assert_eq!(d.rules[0].notification.description.lines().count(), 5);
    assert_eq!(d.rules[0].notification.next_steps.len(), 3);
    assert!(d.rules[0].notification.next_steps[0].contains("{{greenUrl}}"));
    assert_eq!(
        d.rules[0].notification.additional_context["ActionGroup"],
        "blue-green-deployment"
    );
    let keys: Vec<&str> = d.rules[0].input_paths.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "account",
            "deploymentGroup",
            "deploymentId",
            "region",
            "time"
        ]
    );
    let names: Vec<&str> = d.actions.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["SwitchTasks", "RollbackDeployment", "TerminateOldTask"]
    );
    assert_eq!(d.actions[0].command, "codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT");
    assert_eq!(d.actions[0].command.len(), 111);
    for a in &d.actions {
        assert_eq!(
            a.criteria[0].value.as_deref(),
            Some("blue-green-deployment")
        );
        assert_eq!(
            a.variables.keys().collect::<Vec<_>>(),
            ["ActionGroup", "DeploymentId", "Region"]
        );
    }
}

#[test]
fn unknown_fields_are_errors_with_a_path() {
    let text = preset(SEED)
        .unwrap()
        .to_json()
        .replacen("\"title\"", "\"titel\"", 1);
    match Design::from_json(&text) {
        Err(DesignError::Shape { path, message, .. }) => {
            assert_eq!(path, "rules[0].notification.titel");
            assert!(
                message.contains("unknown field `titel`") && message.contains("title"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn versions_are_checked() {
    let seed = preset(SEED).unwrap().to_json();
    let newer = seed.replacen("\"formatVersion\": 2", "\"formatVersion\": 3", 1);
    assert_eq!(Design::from_json(&newer), Err(DesignError::NewerVersion(3)));
    assert!(Design::from_json(&newer)
        .unwrap_err()
        .to_string()
        .contains("newer ChatOps Designer"));
    let missing = seed.replacen("\"formatVersion\": 2,", "", 1);
    assert_eq!(
        Design::from_json(&missing),
        Err(DesignError::MissingVersion)
    );
    assert!(matches!(
        Design::from_json("[1]"),
        Err(DesignError::NotAnObject)
    ));
    assert!(matches!(
        Design::from_json("{"),
        Err(DesignError::Syntax { line: 1, .. })
    ));
    let wrong_type = seed.replacen(
        "\"enableCustomActions\": true",
        "\"enableCustomActions\": \"yes\"",
        1,
    );
    let e = Design::from_json(&wrong_type).unwrap_err().to_string();
    assert!(
        e.starts_with("rules[0].notification.enableCustomActions: invalid type"),
        "{e}"
    );
}

#[test]
fn the_committed_schema_matches_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/design-file.schema.json");
    let generated = design_schema();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == generated, "docs/design-file.schema.json drifted from the Rust types; run `make golden` and review the diff");
}

#[test]
fn appended_actions_tells_an_added_button_from_any_other_change() {
    use chatops_designer::domain::design::presets::seed;
    let d = seed();
    let mut more = d.clone();
    more.actions.push(d.actions[0].clone());
    assert_eq!(d.appended_actions(&more), Some(1));
    assert_eq!(d.appended_actions(&d), None, "no change");
    more.rules[0].notification.title.push('!');
    assert_eq!(d.appended_actions(&more), None, "another change too");
    let mut fewer = d.clone();
    fewer.actions.pop();
    assert_eq!(d.appended_actions(&fewer), None);
    let mut reordered = d.clone();
    reordered.actions.swap(0, 1);
    reordered.actions.push(d.actions[0].clone());
    assert_eq!(d.appended_actions(&reordered), None);
}
