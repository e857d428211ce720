//! Importing what teams already have.

use chatops_designer::domain::design::presets::{preset, seed};
use chatops_designer::domain::import::{import, ImportError, ImportKind};
use serde_json::json;

#[test]
fn a_design_file_replaces_the_design() {
    let other = preset("status-thread").unwrap();
    let r = import(&other.to_json(), &seed()).unwrap();
    assert_eq!((r.kind, &r.design), (ImportKind::DesignFile, &other));
    assert!(import(
        &other
            .to_json()
            .replace("\"formatVersion\": 2", "\"formatVersion\": 3"),
        &seed()
    )
    .unwrap_err()
    .to_string()
    .contains("newer"));
}

#[test]
fn get_custom_action_output_and_create_input_become_buttons() {
    let get = json!({"CustomAction": {"CustomActionArn": "arn:aws:chatbot::123456789012:custom-action/Approve",
        "Definition": {"CommandText": "s3api put-object --bucket $b --key \"$r/approved\""}, "AliasName": "approve",
        "Attachments": [{"NotificationType": "Custom", "ButtonText": "✅ 承認",
            "Criteria": [{"Operator": "HAS_VALUE", "VariableName": "b"}],
            "Variables": {"b": "event.metadata.additionalContext.Bucket", "r": "event.metadata.additionalContext.Rev"}}]}});
    let r = import(&get.to_string(), &seed()).unwrap();
    assert_eq!(r.kind, ImportKind::CustomAction);
    let a = r.design.actions.last().unwrap();
    assert_eq!(
        (a.name.as_str(), a.button_text.as_str(), a.alias.as_deref()),
        ("Approve", "✅ 承認", Some("approve"))
    );
    assert_eq!(a.variables.len(), 2);
    assert_eq!(r.design.actions.len(), 4);
    let create = json!({"ActionName": "SwitchTasks", "Definition": {"CommandText": "codedeploy get-deployment --deployment-id $DeploymentId"},
        "Attachments": [{"ButtonText": "Replaced", "Variables": {"DeploymentId": "event.metadata.additionalContext.DeploymentId"}}]});
    let r = import(&create.to_string(), &seed()).unwrap();
    assert_eq!(r.design.actions.len(), 3, "same name replaces");
    assert_eq!(r.design.actions[0].button_text, "Replaced");
    assert_eq!(r.design.actions[0].notification_type, "Custom");
}

#[test]
fn a_cloudformation_template_brings_rule_transformer_and_actions() {
    let t = json!({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        "Topic": {"Type": "AWS::SNS::Topic"},
        "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Name": "imported-rule",
            "EventPattern": {"source": ["aws.codedeploy"], "detail": {"state": ["FAILURE"]}},
            "Targets": [{"Id": "sns", "Arn": {"Ref": "Topic"}, "InputTransformer": {
                "InputPathsMap": {"id": "$.detail.deploymentId"},
                "InputTemplate": "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"<id> failed\"}}"}}]}},
        "Stop": {"Type": "AWS::Chatbot::CustomAction", "Properties": {"ActionName": "Stop", "Definition": {"CommandText": "codedeploy stop-deployment --deployment-id $Id"},
            "Attachments": [{"ButtonText": "Stop", "NotificationType": "Custom", "Variables": {"Id": "event.metadata.additionalContext.Id"}}]}}}});
    let r = import(&t.to_string(), &seed()).unwrap();
    assert_eq!(r.kind, ImportKind::CloudFormation);
    assert_eq!(r.design.rules[0].name, "imported-rule");
    assert_eq!(
        r.design.rules[0].event_pattern["detail"]["state"][0],
        "FAILURE"
    );
    assert_eq!(r.design.rules[0].input_paths["id"], "$.detail.deploymentId");
    // A template without textType (optional in AWS's schema) is the designed notification.
    assert_eq!(r.design.rules[0].input_template_override, None);
    assert_eq!(r.design.rules[0].notification.description, "<id> failed");
    assert!(r.design.actions.iter().any(|a| a.name == "Stop"));
    assert!(r.notes.iter().any(|n| n
        .message
        .contains("the topic has no name the template states")));
    assert_eq!(
        import(
            r#"{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}"#,
            &seed()
        ),
        Err(ImportError::NothingInTemplate)
    );
}

#[test]
fn a_notification_pasted_as_is_fills_the_notification() {
    let n = json!({"version": "1.0", "source": "custom", "content": {"title": ":rocket: Hi", "description": "*x*", "nextSteps": ["a"]},
        "metadata": {"threadId": "t", "additionalContext": {"K": "V"}, "enableCustomActions": true}});
    let r = import(&n.to_string(), &seed()).unwrap();
    assert_eq!(r.kind, ImportKind::Notification);
    assert_eq!(r.design.rules[0].notification.title, ":rocket: Hi");
    assert_eq!(r.design.rules[0].notification.additional_context["K"], "V");
    assert_eq!(r.design.actions, seed().actions, "buttons are kept");
}

#[test]
fn unknown_and_broken_input_are_messages() {
    assert_eq!(import("[]", &seed()), Err(ImportError::Unknown));
    assert_eq!(
        import(r#"{"hello": 1}"#, &seed()),
        Err(ImportError::Unknown)
    );
    assert!(
        matches!(import("{ not: [json", &seed()), Err(ImportError::Syntax(m)) if m.contains("as YAML"))
    );
    assert_eq!(import("just words", &seed()), Err(ImportError::Unknown));
}

#[test]
fn a_yaml_template_with_short_intrinsics() {
    let t = r#"
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: yaml-rule
      EventPattern:
        source: [aws.codedeploy]
        detail-type: [CodeDeploy Deployment State-change Notification]
        detail:
          state: [READY]
      Targets:
        - Id: sns
          Arn: !Ref Topic
          InputTransformer:
            InputPathsMap:
              deploymentId: $.detail.deploymentId
            InputTemplate: |
              {"version": "1.0", "source": "custom", "content": {"description": "<deploymentId> is ready"}}
  Switch:
    Type: AWS::Chatbot::CustomAction
    Properties:
      ActionName: !Sub '${AWS::StackName}-switch'
      Definition:
        CommandText: codedeploy continue-deployment --deployment-id $DeploymentId
      Attachments:
        - ButtonText: "🔁 Switch"
          NotificationType: Custom
          Variables:
            DeploymentId: event.metadata.additionalContext.DeploymentId
"#;
    let r = import(t, &seed()).unwrap();
    assert_eq!(r.kind, ImportKind::CloudFormation);
    assert_eq!(r.design.rules[0].name, "yaml-rule");
    assert_eq!(
        r.design.rules[0].event_pattern["detail"]["state"][0],
        "READY"
    );
    assert!(r.design.rules[0]
        .notification
        .description
        .contains("<deploymentId> is ready"));
    let a = r
        .design
        .actions
        .iter()
        .find(|a| a.button_text == "🔁 Switch")
        .unwrap();
    assert_eq!(
        a.name, "Switch",
        "an intrinsic ActionName falls back to the resource name"
    );
    assert!(r.notes.iter().any(|n| n.message.contains("intrinsic")));
}

/// Regression: YAML aliases replay their anchor's whole value, so a few hundred bytes ("billion
/// laughs") expanded to billions of values while a paste was previewed. Counted and refused first.
#[test]
fn yaml_alias_expansion_is_bounded() {
    let mut lol = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        lol.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let start = std::time::Instant::now();
    let err = import(&lol, &seed()).unwrap_err();
    assert_eq!(err, ImportError::TooManyYamlNodes);
    assert!(
        err.to_string()
            .contains("more than 200000 values or 16 MB of text once its aliases"),
        "{err}"
    );
    assert!(start.elapsed().as_secs() < 5, "refused quickly");
    // One big anchor aliased many times: few aliases, many values.
    let big = format!(
        "big: &b [{}]\nrefs: [{}]\n",
        vec!["1"; 5000].join(", "),
        vec!["*b"; 100].join(", ")
    );
    assert_eq!(import(&big, &seed()), Err(ImportError::TooManyYamlNodes));
    // One long string aliased many times: few values, many bytes.
    let long = format!(
        "long: &s \"{}\"\nrefs: [{}]\n",
        "x".repeat(1 << 20),
        vec!["*s"; 3000].join(", ")
    );
    assert_eq!(import(&long, &seed()), Err(ImportError::TooManyYamlNodes));
    // A template using an alias or two still imports.
    let ok = "Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties: &p\n      EventPattern: {source: [aws.codedeploy]}\n  Other:\n    Type: AWS::Events::Rule\n    Properties: *p\n";
    assert!(import(ok, &seed()).is_ok());
}

/// What a design file may not hold is refused at the door, whatever the format it comes in.
#[test]
fn an_import_deeper_than_a_design_file_is_refused() {
    let mut pattern = String::from("[x]");
    for _ in 0..100 {
        pattern = format!("{{d: {pattern}}}");
    }
    let yaml = format!(
        "Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {pattern}\n"
    );
    assert_eq!(import(&yaml, &seed()), Err(ImportError::TooDeep));
}

#[test]
fn every_preset_comes_back_from_its_own_cloudformation_export() {
    use chatops_designer::domain::design::presets::PRESETS;
    use chatops_designer::domain::export::{export, ExportOptions, Format};
    let blank = preset("blank").unwrap();
    for p in PRESETS {
        let want = preset(p.id).unwrap();
        for format in [Format::CloudFormationYaml, Format::CloudFormationJson] {
            let files = export(&want, format, &ExportOptions::default(), &[]).files;
            let template = &files
                .iter()
                .find(|f| f.name.starts_with("template."))
                .unwrap()
                .contents;
            let r = import(template, &blank).unwrap();
            let got = &r.design;
            let case = format!("{} {format:?}: {:?}", p.id, r.notes);
            assert_eq!(r.kind, ImportKind::CloudFormation, "{case}");
            // The notification rebuilt from the template (parameters read back as {{name}}), the
            // rule with its pattern's parameters read from their defaults, and the buttons.
            assert_eq!(
                got.rules[0].notification, want.rules[0].notification,
                "{case}"
            );
            assert_eq!(rule_part(got), rule_part(&want), "{case}");
            assert_eq!(got.actions, want.actions, "{case}");
            // The settings the template names as parameters (the account and Region are the
            // stack's own, known only when deployed).
            let (g, w) = (&got.deployment, &want.deployment);
            assert_eq!(g.parameters, w.parameters, "{case}");
            if !want.actions.is_empty() || want.rules[0].event_pattern.get("detail").is_some() {
                assert_eq!(
                    (
                        &g.sns_topic_name,
                        &g.slack_workspace_id,
                        &g.slack_channel_id,
                        &g.channel_configuration_name
                    ),
                    (
                        &w.sns_topic_name,
                        &w.slack_workspace_id,
                        &w.slack_channel_id,
                        &w.channel_configuration_name
                    ),
                    "{case}"
                );
            }
            if want.rules[0]
                .event_pattern
                .pointer("/detail/deploymentGroup")
                .is_some()
            {
                assert_eq!(g.deployment_group, w.deployment_group, "{case}");
            }
            assert!(
                !r.notes
                    .iter()
                    .any(|n| n.message.contains("read as written")),
                "{case}"
            );
        }
    }
}

#[test]
fn cloudformation_intrinsics_are_read_with_parameter_defaults_or_said_unknown() {
    let t = json!({
        "Parameters": {
            "Group": {"Type": "String", "Default": "prod-dg"},
            "NoDefault": {"Type": "String"},
            "ParamUrl": {"Type": "String", "Default": "https://x.example", "Description": "Notification parameter url (spliced into the input template)"}
        },
        "Resources": {
            "Rule": {"Type": "AWS::Events::Rule", "Properties": {
                "Name": {"Fn::Join": ["-", ["rule", {"Ref": "Group"}]]},
                "EventPattern": {"source": ["aws.codedeploy"], "detail": {"deploymentGroup": [{"Ref": "Group"}]}},
                "Targets": [{"Id": "t", "Arn": {"Ref": "Topic"}, "InputTransformer": {
                    "InputPathsMap": {"id": "$.detail.deploymentId"},
                    "InputTemplate": {"Fn::Sub": ["{\"version\": \"1.0\", \"source\": \"custom\", \"content\": {\"description\": \"<id> ${Name} at ${ParamUrl} ${!literal}\"}}", {"Name": {"Ref": "Group"}}]}
                }}]
            }},
            "Other": {"Type": "AWS::Events::Rule", "Properties": {"Name": {"Ref": "NoDefault"}, "EventPattern": {"source": [{"Fn::Sub": "${AWS::Region}"}]}}}
        }
    });
    let r = import(&t.to_string(), &seed()).unwrap();
    let messages: Vec<String> = r.notes.iter().map(|n| n.message.clone()).collect();
    // The first rule is read through its functions; the second's are named as unknown.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("NoDefault has no default")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("AWS::Region")),
        "{messages:?}"
    );
    let t2 = {
        let mut t = t.clone();
        t["Resources"]
            .as_object_mut()
            .unwrap()
            .shift_remove("Other");
        t
    };
    let d = import(&t2.to_string(), &seed()).unwrap().design;
    assert_eq!(d.rules[0].name, "rule-prod-dg");
    assert_eq!(
        d.rules[0].event_pattern["detail"]["deploymentGroup"],
        json!(["prod-dg"])
    );
    // The notification (textType, optional, left out), the parameter this app's exports name
    // after a design parameter read back as {{url}} with its default.
    assert_eq!(
        d.rules[0].notification.description,
        "<id> prod-dg at {{url}} ${literal}"
    );
    assert_eq!(d.deployment.parameters["url"], "https://x.example");
}

/// `chatops import` wrote design files the CLI then refused (over 4 MiB). An import whose design
/// would be larger than a design file may be is refused, whatever made it large.
#[test]
fn an_import_never_makes_a_design_larger_than_a_design_file_may_be() {
    use chatops_designer::domain::design::model::MAX_DESIGN_BYTES;
    use chatops_designer::domain::import::import_files;
    let mut d: serde_json::Value = serde_json::from_str(&seed().to_json()).unwrap();
    let action = d["actions"][0].clone();
    let mut actions = Vec::new();
    for i in 0..8_000 {
        let mut a = action.clone();
        a["name"] = serde_json::json!(format!("A{i}"));
        actions.push(a);
    }
    d["actions"] = serde_json::Value::Array(actions);
    // Compact, the file fits; written as a design file, the design does not.
    let compact = d.to_string();
    assert!(compact.len() < MAX_DESIGN_BYTES, "{}", compact.len());
    let err = import_files(&[("big.json".into(), compact)], &seed()).unwrap_err();
    assert!(
        matches!(err.error, ImportError::TooLarge(n) if n > MAX_DESIGN_BYTES),
        "{err:?}"
    );
    assert!(
        err.error
            .to_string()
            .contains("at most 4194304 bytes (4 MiB)"),
        "{}",
        err.error
    );
    // A design within the bound imports.
    assert!(import_files(&[("seed.json".into(), seed().to_json())], &seed()).is_ok());
}

/// A design's first rule without its notification (compared on its own).
pub fn rule_part(
    d: &chatops_designer::domain::design::model::Design,
) -> chatops_designer::domain::design::model::RuleDesign {
    let mut r = d.rules[0].clone();
    r.notification = Default::default();
    r
}
