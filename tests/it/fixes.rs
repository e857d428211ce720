//! One-click fixes: a `$Name` the action lacks becomes a variable that resolves.

use chatops_designer::domain::design::presets::seed;
use chatops_designer::domain::design::samples::{OPENING, SAMPLES};
use chatops_designer::domain::pipeline::simulate::{simulate, SimulateOptions};
use chatops_designer::domain::view::fixes::{
    find_field, suggested_variable, unknown_variable_fixes,
};
use serde_json::Value;

fn ready() -> Value {
    serde_json::from_str(SAMPLES[OPENING].json).unwrap()
}

fn command_of(d: &chatops_designer::domain::design::model::Design, action: usize) -> String {
    let sim = simulate(d, 0, &ready(), &SimulateOptions::default());
    let text = &d.actions[action].button_text;
    sim.buttons
        .iter()
        .find(|b| &b.text == text)
        .expect("the button appears")
        .command
        .clone()
}

#[test]
fn a_missing_variable_the_notification_carries_is_one_click() {
    let mut d = seed();
    d.actions[0].variables.shift_remove("Region");
    d.actions[0].command =
        "codedeploy get-deployment --deployment-id $DeploymentId --region $Region".into();
    let fixes = unknown_variable_fixes(&d, 0, 0, &ready());
    assert_eq!(fixes.len(), 1);
    let f = &fixes[0];
    assert_eq!(
        f.describe(),
        "Add variable Region reading event.metadata.additionalContext.Region"
    );
    assert_eq!(
        f.context, None,
        "the seed's notification already has the key"
    );
    f.apply(&mut d, 0, 0);
    assert!(
        command_of(&d, 0).ends_with("--region us-east-1"),
        "{}",
        command_of(&d, 0)
    );
    assert!(unknown_variable_fixes(&d, 0, 0, &ready()).is_empty());
}

#[test]
fn the_key_and_its_input_path_are_added_from_the_event_when_missing() {
    let mut d = seed();
    d.rules[0]
        .notification
        .additional_context
        .shift_remove("Region");
    d.rules[0].input_paths.shift_remove("region");
    for a in &mut d.actions {
        a.variables.shift_remove("Region");
    }
    d.actions[1].command = "deploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled".into();
    let fixes = unknown_variable_fixes(&d, 0, 1, &ready());
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    let f = &fixes[0];
    assert_eq!(f.context, Some(("Region".into(), "<region>".into())));
    assert_eq!(f.input_path, Some(("region".into(), "$.region".into())));
    assert!(
        f.describe().contains("with input path region = $.region"),
        "{}",
        f.describe()
    );
    f.apply(&mut d, 0, 1);
    assert!(
        command_of(&d, 1).contains("--region us-east-1"),
        "{}",
        command_of(&d, 1)
    );
    // A deeper field, once per name, in command order.
    d.actions[1].command = "x $DeploymentGroup $Application $DeploymentGroup".into();
    let names: Vec<String> = unknown_variable_fixes(&d, 0, 1, &ready())
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, ["DeploymentGroup", "Application"]);
    assert_eq!(
        find_field(&ready(), "DeploymentGroup").as_deref(),
        Some("$.detail.deploymentGroup")
    );
}

#[test]
fn a_name_the_event_lacks_is_added_unfilled_and_said_so() {
    let mut d = seed();
    d.actions[0].command = "echo $Nowhere".into();
    let f = unknown_variable_fixes(&d, 0, 0, &ready()).remove(0);
    assert!(f.unfilled);
    assert!(
        f.describe()
            .contains("the event has no field named Nowhere"),
        "{}",
        f.describe()
    );
}

#[test]
fn a_new_variable_starts_from_the_command_or_the_notification() {
    let mut d = seed();
    d.actions[0].command =
        "codedeploy get-deployment --deployment-id $DeploymentId --zone $Zone".into();
    assert_eq!(suggested_variable(&d, 0, 0, &ready()).0, "Zone");
    d.actions[0].command = "codedeploy get-deployment --deployment-id $DeploymentId".into();
    // Every key of the seed's notification is read already: a fresh name.
    assert_eq!(
        suggested_variable(&d, 0, 0, &ready()),
        (
            "Var1".into(),
            "event.metadata.additionalContext.Var1".into()
        )
    );
    d.rules[0]
        .notification
        .additional_context
        .insert("Service".into(), "checkout".into());
    assert_eq!(
        suggested_variable(&d, 0, 0, &ready()),
        (
            "Service".into(),
            "event.metadata.additionalContext.Service".into()
        )
    );
}

#[test]
fn the_event_tree_lists_fields_with_their_input_paths_bounded() {
    use chatops_designer::domain::view::fixes::{bind_path, event_fields};
    let e = ready();
    let fields = event_fields(&e, 400);
    let id = fields.iter().find(|f| f.key == "deploymentId").unwrap();
    assert_eq!(id.path.as_deref(), Some("$.detail.deploymentId"));
    assert_eq!(id.depth, 1);
    assert_eq!(id.value.as_deref(), Some("d-7QX2K9LMN"));
    let dt = fields.iter().find(|f| f.key == "detail-type").unwrap();
    assert_eq!(dt.path.as_deref(), Some("$.detail-type"));
    assert!(
        fields
            .iter()
            .any(|f| f.path.as_deref() == Some("$.resources[0]")),
        "{fields:?}"
    );
    // A huge event stays bounded, and says how much was left out.
    let big = serde_json::json!({ "detail": (0..5000).map(|i| (format!("k{i}"), serde_json::json!(i))).collect::<serde_json::Map<_, _>>() });
    let f = event_fields(&big, 100);
    assert_eq!(f.len(), 101);
    assert!(
        f.last().unwrap().key.starts_with("… 4901 more"),
        "{:?}",
        f.last()
    );
    // Binding reuses the rule's input path, or adds one named after the key.
    let mut d = seed();
    assert_eq!(
        bind_path(&mut d.rules[0], "$.detail.deploymentId"),
        "deploymentId"
    );
    assert_eq!(bind_path(&mut d.rules[0], "$.detail-type"), "detailType");
    assert_eq!(d.rules[0].input_paths["detailType"], "$.detail-type");
    assert_eq!(bind_path(&mut d.rules[0], "$.resources[0]"), "field0");
    d.rules[0]
        .input_paths
        .insert("state".into(), "$.other".into());
    assert_eq!(bind_path(&mut d.rules[0], "$.detail.state"), "state2");
}

#[test]
fn a_clicked_field_lands_in_the_notification_field_being_edited() {
    use chatops_designer::domain::view::locate::{text_at_mut, text_field_name};
    let mut d = seed();
    text_at_mut(&mut d, 0, "nextSteps-1")
        .unwrap()
        .push_str(" <x>");
    assert!(d.rules[0].notification.next_steps[1].ends_with(" <x>"));
    text_at_mut(&mut d, 0, "ctx-v0").unwrap().push('!');
    assert!(d.rules[0].notification.additional_context[0].ends_with('!'));
    assert!(text_at_mut(&mut d, 0, "nextSteps-99").is_none());
    assert!(text_at_mut(&mut d, 0, "a0-command").is_none());
    assert_eq!(text_field_name("f-title").as_deref(), Some("Title"));
    assert_eq!(
        text_field_name("nextSteps-1").as_deref(),
        Some("Next step 2")
    );
    assert_eq!(text_field_name("a0-command"), None);
}

#[test]
fn a_button_reading_a_key_the_notification_lacks_gets_the_key_in_one_click() {
    use chatops_designer::domain::design::presets::preset;
    let mut d = preset("blank").unwrap();
    d.rules[0].event_pattern = serde_json::json!({"source": ["aws.codedeploy"]});
    let mut a = seed().actions[0].clone();
    a.variables = [(
        "DeploymentId".to_string(),
        "event.metadata.additionalContext.DeploymentId".to_string(),
    )]
    .into_iter()
    .collect();
    a.criteria.retain(|c| c.variable == "DeploymentId");
    a.command = "codedeploy get-deployment --deployment-id $DeploymentId".into();
    d.actions = vec![a];
    let fixes = unknown_variable_fixes(&d, 0, 0, &ready());
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    let f = &fixes[0];
    assert!(f.variable_exists);
    d.rules[0].input_paths.shift_remove("deploymentId");
    let f = &unknown_variable_fixes(&d, 0, 0, &ready())[0];
    assert_eq!(
        f.describe(),
        "Add DeploymentId = <deploymentId> to the notification's additionalContext (variable DeploymentId reads it), with input path deploymentId = $.detail.deploymentId"
    );
    f.apply(&mut d, 0, 0);
    assert_eq!(
        d.rules[0].notification.additional_context["DeploymentId"],
        "<deploymentId>"
    );
    assert_eq!(
        d.rules[0].input_paths["deploymentId"],
        "$.detail.deploymentId"
    );
    assert!(unknown_variable_fixes(&d, 0, 0, &ready()).is_empty());
    assert!(
        command_of(&d, 0).ends_with("d-7QX2K9LMN"),
        "{}",
        command_of(&d, 0)
    );
}

#[test]
fn parameter_references_are_listed_once_with_their_values() {
    use chatops_designer::domain::view::fixes::parameter_refs;
    let mut d = seed();
    d.rules[0].notification.title = "{{env}}: {{ greenUrl }} {{env}} {{".into();
    let refs = parameter_refs(&d);
    let names: Vec<(&str, Option<&str>)> = refs
        .iter()
        .map(|r| (r.name.as_str(), r.value.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("env", None),
            ("greenUrl", Some("https://green.example.com"))
        ]
    );
}
