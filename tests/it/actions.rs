//! Custom Actions: limits, criteria, variables and `$Var` substitution.

use chatops_designer::domain::amazon_q::actions::{
    check_action, command_parts, resolve, substitute, CommandPart,
};
use chatops_designer::domain::design::model::{Criterion, CriterionOperator, CustomActionDesign};
use serde_json::json;

fn vars(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.map(String::from)))
        .collect()
}

fn action() -> CustomActionDesign {
    CustomActionDesign {
        name: "Go".into(),
        alias: None,
        button_text: "Go".into(),
        notification_type: "Custom".into(),
        criteria: vec![Criterion {
            operator: CriterionOperator::Equals,
            variable: "Group".into(),
            value: Some("g".into()),
        }],
        variables: [
            ("Group", "event.metadata.additionalContext.Group"),
            ("Id", "event.metadata.additionalContext.Id"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect(),
        command: "codedeploy get-deployment --deployment-id $Id".into(),
    }
}

fn errors(a: &CustomActionDesign) -> Vec<String> {
    check_action(a)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect()
}

#[test]
fn the_longest_variable_name_wins() {
    let v = vars(&[("Deployment", Some("short")), ("DeploymentId", Some("d-1"))]);
    assert_eq!(
        substitute("x $DeploymentId y $Deployment", &v).0.command,
        "x d-1 y short"
    );
    assert_eq!(substitute("$DeploymentIdX", &v).0.command, "d-1X");
}

#[test]
fn unknown_vars_stay_and_are_reported() {
    let (s, d) = substitute("echo $Nope $5 $ cost", &vars(&[("Id", Some("1"))]));
    assert_eq!(s.command, "echo $Nope $5 $ cost");
    assert_eq!(s.unresolved, vec!["Nope"]);
    assert!(d[0].message.contains("`$Nope` is not a variable"));
}

#[test]
fn variables_without_a_value_stay_unresolved() {
    let (s, d) = substitute("run $Id", &vars(&[("Id", None)]));
    assert_eq!(
        (s.command.as_str(), s.unresolved.clone()),
        ("run $Id", vec!["Id".to_string()])
    );
    assert!(d.is_empty());
}

#[test]
fn command_parts_for_highlighting() {
    let parts = command_parts("a $Id $X", &["Id"]);
    assert_eq!(
        parts,
        vec![
            CommandPart::Text("a ".into()),
            CommandPart::Var("Id".into()),
            CommandPart::Text(" ".into()),
            CommandPart::Unknown("X".into())
        ]
    );
}

#[test]
fn limits() {
    assert!(errors(&action()).is_empty());
    let mut a = action();
    a.button_text = "x".repeat(51);
    assert!(errors(&a)[0].contains("51 characters; it needs 1 to 50"));
    a.button_text = "🔁".repeat(50);
    assert!(errors(&a).is_empty(), "50 emoji are 50 characters");
    let mut a = action();
    a.name = "bad name".into();
    assert!(errors(&a)[0].starts_with("name: ' '"));
    let mut a = action();
    a.alias = Some("x".repeat(31));
    assert!(errors(&a)[0].contains("1 to 30"));
    let mut a = action();
    a.criteria = (0..6).map(|_| a.criteria[0].clone()).collect();
    assert!(errors(&a)[0].contains("6 criteria"));
    let mut a = action();
    for i in 0..5 {
        a.variables
            .insert(format!("V{i}"), "event.metadata.additionalContext.X".into());
    }
    assert!(errors(&a)[0].contains("7 variables"));
    let mut a = action();
    a.variables
        .insert("Sp".into(), "event.metadata.additionalContext.A B".into());
    assert!(errors(&a)[0].contains("printable ASCII without spaces"));
    let mut a = action();
    a.criteria[0].variable = "Missing".into();
    assert!(errors(&a)[0].contains("`Missing` is not defined"));
}

#[test]
fn command_length_warns_over_100_and_fails_over_5000() {
    let mut a = action();
    a.command = format!(
        "codedeploy get-deployment --deployment-id {}",
        "x".repeat(80)
    );
    let d = check_action(&a);
    let warning = d
        .iter()
        .find(|d| !d.is_error() && d.message.contains("says at most 100"))
        .expect("a warning over 100 characters");
    // It names the formats it affects and why.
    assert!(warning
        .message
        .contains("CloudFormation and Terraform exports accept it"));
    assert!(warning
        .message
        .contains("AWS CLI export calls CreateCustomAction"));
    assert!(errors(&a).is_empty(), "{:?}", errors(&a));
    a.command = "x".repeat(5001);
    assert!(errors(&a)[0].contains("1 to 5000"), "{:?}", errors(&a));
}

#[test]
fn criteria_decide_which_buttons_appear() {
    let n = |group: &str, enable: bool| {
        json!({"version": "1.0", "source": "custom", "content": {"description": "d"},
        "metadata": {"enableCustomActions": enable, "additionalContext": {"Group": group, "Id": "d-1"}}})
    };
    let mut has = action();
    has.name = "Has".into();
    has.criteria = vec![Criterion {
        operator: CriterionOperator::HasValue,
        variable: "Id".into(),
        value: None,
    }];
    let (t, _, assumptions) = resolve(&[action(), has.clone()], &n("g", true), false);
    assert!(t[0].appears && t[1].appears);
    assert_eq!(
        t[0].command,
        "codedeploy get-deployment --deployment-id d-1"
    );
    assert!(assumptions.iter().any(|a| a.id == "button-order"));
    let (t, _, _) = resolve(&[action(), has.clone()], &n("other", true), false);
    assert!(!t[0].appears && t[1].appears);
    assert_eq!(
        t[0].reason,
        "criterion Group EQUALS \"g\" fails: the variable has \"other\""
    );
    let (t, _, _) = resolve(&[action()], &n("g", false), false);
    assert!(!t[0].appears);
    // Two criteria are AND-combined (stated assumption).
    let mut both = action();
    both.criteria.push(Criterion {
        operator: CriterionOperator::HasValue,
        variable: "Id".into(),
        value: None,
    });
    let (t, _, a) = resolve(
        &[both],
        &json!({"metadata": {"enableCustomActions": true, "additionalContext": {"Group": "g"}}}),
        false,
    );
    assert!(!t[0].appears);
    assert!(a.iter().any(|a| a.id == "criteria-and"));
}

/// enableCustomActions is three-valued: false removes the buttons, true keeps them, and absent
/// follows one named assumption (true) that the preview can flip.
#[test]
fn enable_custom_actions_true_false_and_absent() {
    let n = |flag: Option<bool>| {
        let mut m = json!({"additionalContext": {"Group": "g", "Id": "d-1"}});
        if let Some(f) = flag {
            m["enableCustomActions"] = json!(f);
        }
        json!({"version": "1.0", "source": "custom", "content": {"description": "d"}, "metadata": m})
    };
    let ids = |a: &[chatops_designer::domain::base::assumptions::Assumption]| {
        a.iter().map(|a| a.id).collect::<Vec<_>>()
    };
    let (t, _, a) = resolve(&[action()], &n(Some(true)), true);
    assert!(t[0].appears);
    assert!(!ids(&a)
        .iter()
        .any(|i| i.starts_with("enable-custom-actions")));
    let (t, _, _) = resolve(&[action()], &n(Some(false)), false);
    assert!(!t[0].appears);
    assert_eq!(
        t[0].reason,
        "metadata.enableCustomActions is false in the notification"
    );
    let (t, _, a) = resolve(&[action()], &n(None), false);
    assert!(t[0].appears, "absent is assumed to mean true");
    assert!(ids(&a).contains(&"enable-custom-actions"));
    let (t, _, a) = resolve(&[action()], &n(None), true);
    assert!(!t[0].appears, "the other reading");
    assert!(ids(&a).contains(&"enable-custom-actions-absent-false"));
}

#[test]
fn a_boolean_flag_given_a_value_is_a_warning_naming_the_cli_form() {
    use chatops_designer::domain::amazon_q::iam::valued_boolean_flags;
    use chatops_designer::domain::design::presets::preset;
    use chatops_designer::domain::pipeline::simulate::validate;
    let flags = |c: &str| -> Vec<(String, String)> {
        valued_boolean_flags(c)
            .into_iter()
            .map(|v| (v.flag, v.value))
            .collect()
    };
    let base = "codedeploy stop-deployment --deployment-id $DeploymentId";
    assert_eq!(
        flags(&format!("{base} --auto-rollback-enabled true")),
        [("--auto-rollback-enabled".to_string(), "true".to_string())]
    );
    assert_eq!(
        flags(&format!("aws {base} --no-auto-rollback-enabled $Roll")),
        [(
            "--no-auto-rollback-enabled".to_string(),
            "$Roll".to_string()
        )]
    );
    // The CLI's own forms, a flag last, and a value-taking option are fine.
    assert!(flags(&format!("{base} --auto-rollback-enabled")).is_empty());
    assert!(flags(&format!(
        "{base} --no-auto-rollback-enabled --region us-east-1"
    ))
    .is_empty());
    assert!(flags(
        "codedeploy continue-deployment --deployment-id d --deployment-wait-type READY_WAIT"
    )
    .is_empty());
    // The deploy alias and another service's boolean (EC2's --dry-run).
    assert_eq!(
        flags("deploy stop-deployment --auto-rollback-enabled false --deployment-id d").len(),
        1
    );
    assert_eq!(flags("ec2 describe-instances --dry-run yes").len(), 1);
    // In a design: a warning on the button's command, which the presets no longer have.
    let mut d = preset("blue-green").unwrap();
    assert!(!validate(&d)
        .iter()
        .any(|x| x.message.contains("takes no value")));
    d.actions[1].command = format!("{base} --region $Region --auto-rollback-enabled true");
    let warned: Vec<_> = validate(&d)
        .into_iter()
        .filter(|x| x.message.contains("takes no value"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(!warned[0].is_error() && warned[0].location == "actions/1/command");
    assert!(warned[0]
        .message
        .contains("--auto-rollback-enabled or --no-auto-rollback-enabled"));
}
