//! Exporters without external tools: options as data, quoting rules, lowering decisions. The real
//! validators (cfn-lint, HashiCorp's HCL parser, shellcheck, the AWS CLI against moto) run in
//! tests/tools.

use chatops_designer::domain::amazon_q::iam::action as iam_action;
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::export::lower::{lower, ArnPart, ParamRole, Piece, Resource, Target};
use chatops_designer::domain::export::{export, ExportOptions, Format, OPTIONS};
use chatops_designer::domain::pipeline::simulate::validate;

fn file(
    design: &chatops_designer::domain::design::model::Design,
    format: Format,
    name: &str,
) -> String {
    export(design, format, &ExportOptions::default(), &[])
        .files
        .into_iter()
        .find(|f| f.name == name)
        .expect("file exported")
        .contents
}

#[test]
fn every_option_choice_round_trips_and_bad_ones_name_the_allowed() {
    for spec in OPTIONS {
        for (value, _) in spec.choices {
            let mut o = ExportOptions::default();
            o.set(spec.key, value).unwrap();
            assert_eq!(o.get(spec.key), *value);
        }
        let default = ExportOptions::default();
        assert_eq!(
            default.get(spec.key),
            spec.choices[0].0,
            "first choice is the default"
        );
    }
    let err = ExportOptions::default().set("attach", "slack").unwrap_err();
    assert_eq!(
        err.to_string(),
        "'slack' is not a value of attach; choose from: channel-configuration, existing-configuration"
    );
    assert!(Format::parse("cdk")
        .unwrap_err()
        .to_string()
        .contains("choose from: terraform"));
}

#[test]
fn terraform_template_keeps_placeholders_literal_never_jsonencode() {
    let tf = file(&preset("blue-green").unwrap(), Format::Terraform, "main.tf");
    assert!(tf.contains("\"DeploymentId\": \"<deploymentId>\""));
    assert!(!tf.contains("\\u003c"));
    assert!(!tf.contains("jsonencode"));
    assert!(tf.contains("${var.param_green_url}"));
}

#[test]
fn interpolation_syntax_in_design_text_is_escaped_per_target() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].notification.title = "cost ${x} %{y}".into();
    d.actions[0].command = "codedeploy get-deployment --deployment-id ${DeploymentId}".into();
    let tf = file(&d, Format::Terraform, "main.tf");
    assert!(tf.contains("cost $${x} %%{y}"), "{tf}");
    assert!(tf.contains("--deployment-id $${DeploymentId}"));
    let yaml = file(&d, Format::CloudFormationYaml, "template.yaml");
    // The template goes through Fn::Sub (it splices the URL parameter): `${` is escaped there only.
    assert!(yaml.contains("cost ${!x} %{y}"), "{yaml}");
    assert!(yaml.contains("--deployment-id ${DeploymentId}"));
}

#[test]
fn a_pattern_key_cloudformation_would_read_as_intrinsic_goes_as_a_string() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].event_pattern = serde_json::json!({"detail": {"Ref": ["x"]}});
    let json = file(&d, Format::CloudFormationJson, "template.json");
    assert!(
        json.contains("\"EventPattern\": \"{\\n  \\\"detail\\\""),
        "{json}"
    );
}

#[test]
fn parameter_values_that_cannot_be_spliced_are_written_in_with_a_note() {
    let mut d = preset("blue-green").unwrap();
    d.deployment
        .parameters
        .insert("greenUrl".into(), "https://x/\"<y>".into());
    let l = lower(&d, &ExportOptions::default(), &[]);
    assert!(!l.params.iter().any(|p| p.role == ParamRole::Template));
    assert!(
        l.notes.iter().any(|n| n.contains("greenUrl")),
        "{:?}",
        l.notes
    );
    let tf = file(&d, Format::Terraform, "main.tf");
    assert!(tf.contains("https://x/\\\"<y>"), "{tf}");
}

#[test]
fn a_dollar_right_before_a_parameter_gets_the_value_written_in() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].notification.next_steps = vec!["price $${{greenUrl}}".into()];
    let l = lower(&d, &ExportOptions::default(), &[]);
    let rule = l.rules().next().unwrap();
    assert!(rule
        .template_with(|_| unreachable!("no parameter is spliced"))
        .contains("price $$https://green.example.com"));
}

#[test]
fn invalid_deployment_values_become_required_parameters_with_a_note() {
    let mut d = preset("blue-green").unwrap();
    d.deployment.slack_workspace_id = "t-lower".into();
    let l = lower(&d, &ExportOptions::default(), &[]);
    let p = l.param(ParamRole::WorkspaceId).unwrap();
    assert_eq!(p.default, None);
    assert!(l
        .notes
        .iter()
        .any(|n| n.contains("slackWorkspaceId 't-lower'")));
}

#[test]
fn permissions_come_from_the_buttons_commands() {
    let l = lower(
        &preset("blue-green").unwrap(),
        &ExportOptions::default(),
        &[],
    );
    assert_eq!(
        l.all_actions(),
        vec!["codedeploy:ContinueDeployment", "codedeploy:StopDeployment"]
    );
}

/// Regression: ContinueDeployment and StopDeployment were scoped to the deployment group, which
/// the IAM reference does not list for them, so the buttons were denied after deploy.
#[test]
fn actions_without_a_resource_type_are_never_scoped() {
    for id in [
        "blue-green",
        "deployment-failed",
        "instance-failure",
        "status-thread",
    ] {
        let l = lower(&preset(id).unwrap(), &ExportOptions::default(), &[]);
        for st in &l.permissions {
            for action in &st.actions {
                let info = iam_action(action).expect("every preset action is in the table");
                if info.resource_types.is_empty() {
                    assert_eq!(st.resource, Target::Any, "{id}: {action} must be on \"*\"");
                }
            }
        }
    }
}

#[test]
fn actions_with_a_deployment_group_resource_are_scoped_to_it() {
    let mut d = preset("blue-green").unwrap();
    d.actions[0].command = "codedeploy get-deployment --deployment-id $DeploymentId".into();
    // The pattern names the application and the deployment group: scoped to both.
    d.rules[0].event_pattern["detail"]["application"] = serde_json::json!(["my-service-app"]);
    let l = lower(&d, &ExportOptions::default(), &[]);
    let parts = get_deployment_arn(&l);
    assert!(parts.contains(&ArnPart::Param(ParamRole::Setting("deploymentGroup"))));
    assert!(parts.contains(&ArnPart::Param(ParamRole::Setting("application"))));
    assert!(l.has_param(ParamRole::Setting("application")));
    assert!(!l
        .notes
        .iter()
        .any(|n| n.contains("permissions cover every")));
}

/// The ARN `codedeploy:GetDeployment` is granted on.
fn get_deployment_arn(l: &chatops_designer::domain::export::lower::Lowered) -> Vec<ArnPart> {
    let scoped = l
        .permissions
        .iter()
        .find(|s| s.actions.iter().any(|a| a == "codedeploy:GetDeployment"))
        .expect("GetDeployment has a statement");
    match &scoped.resource {
        Target::Arn(parts) => parts.clone(),
        _ => panic!("GetDeployment takes the deployment group resource"),
    }
}

#[test]
fn a_button_acting_on_groups_the_pattern_does_not_pin_is_granted_on_all_of_them() {
    // A button acts on the deployment its event names; the rule decides which events those are.
    let star = ArnPart::Text("*".into());
    let cases: [(&str, serde_json::Value, bool, bool); 5] = [
        // (case, detail of the pattern, group pinned, application pinned)
        (
            "group only",
            serde_json::json!({"deploymentGroup": ["my-service-dg-bluegreen"]}),
            true,
            false,
        ),
        (
            "no group",
            serde_json::json!({"state": ["FAILURE"]}),
            false,
            false,
        ),
        (
            "two groups",
            serde_json::json!({"deploymentGroup": ["my-service-dg-bluegreen", "other"], "application": ["my-service-app"]}),
            false,
            true,
        ),
        (
            "a prefix",
            serde_json::json!({"deploymentGroup": [{"prefix": "my-service"}], "application": ["my-service-app"]}),
            false,
            true,
        ),
        (
            "another group",
            serde_json::json!({"deploymentGroup": ["other"], "application": ["my-service-app"]}),
            false,
            true,
        ),
    ];
    for (case, detail, group, application) in cases {
        let mut d = preset("blue-green").unwrap();
        d.actions[0].command = "codedeploy get-deployment --deployment-id $DeploymentId".into();
        d.rules[0].event_pattern["detail"] = detail;
        let l = lower(&d, &ExportOptions::default(), &[]);
        let parts = get_deployment_arn(&l);
        assert_eq!(
            parts.contains(&ArnPart::Param(ParamRole::Setting("deploymentGroup"))),
            group,
            "{case}: {parts:?}"
        );
        assert_eq!(
            parts.contains(&ArnPart::Param(ParamRole::Setting("application"))),
            application,
            "{case}: {parts:?}"
        );
        assert_eq!(
            parts.iter().filter(|p| **p == star).count(),
            usize::from(!group) + usize::from(!application),
            "{case}: {parts:?}"
        );
        if !group {
            assert!(
                l.notes
                    .iter()
                    .any(|n| n.contains("cover every deployment group")),
                "{case}: {:?}",
                l.notes
            );
        }
    }
    // The instance-failure preset matches failures in every group: its buttons work on all of them.
    let l = lower(
        &preset("instance-failure").unwrap(),
        &ExportOptions::default(),
        &[],
    );
    for s in &l.permissions {
        if let Target::Arn(parts) = &s.resource {
            assert!(
                !parts.contains(&ArnPart::Param(ParamRole::Setting("deploymentGroup"))),
                "{s:?}"
            );
        }
    }
}

#[test]
fn unknown_commands_are_errors_and_get_no_permission() {
    let mut d = preset("blue-green").unwrap();
    d.actions[0].command = "s3 ls s3://bucket".into();
    d.actions[1].command = "lambda invoke --function-name f out.json".into();
    let l = lower(&d, &ExportOptions::default(), &[]);
    let all = l.all_actions();
    assert!(
        all.contains(&"lambda:InvokeFunction".to_string()),
        "{all:?}"
    );
    assert!(all.contains(&"s3:ListBucket".to_string()), "{all:?}");
    assert!(!all.iter().any(|a| a == "lambda:Invoke" || a == "s3:Ls"));
    assert!(l
        .notes
        .iter()
        .any(|n| n.contains("lambda:InvokeFunction (function)")));

    d.actions[0].command = "dynamo scan --table-name t".into();
    let errors: Vec<_> = validate(&d).into_iter().filter(|x| x.is_error()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.location == "actions/0/command" && e.message.contains("`dynamo`")),
        "{errors:?}"
    );
    let l = lower(&d, &ExportOptions::default(), &[]);
    assert!(l
        .notes
        .iter()
        .any(|n| n.starts_with("no permission generated for button")));
}

#[test]
fn the_pattern_reads_the_deployment_group_parameter() {
    let d = preset("blue-green").unwrap();
    let l = lower(&d, &ExportOptions::default(), &[]);
    let rule = l.rules().next().unwrap();
    let group = l
        .params
        .iter()
        .position(|p| p.role == ParamRole::Setting("deploymentGroup"));
    assert!(group.is_some(), "the pattern names the deployment group");
    assert!(rule.pattern_pieces.contains(&Piece::Param(group.unwrap())));
    for (format, needle) in [
        (Format::Terraform, "${var.codedeploy_deployment_group}"),
        (Format::CloudFormationYaml, "!Ref CodedeployDeploymentGroup"),
        (Format::Cli, "\"$CODEDEPLOY_DEPLOYMENT_GROUP\""),
    ] {
        let e = export(&d, format, &ExportOptions::default(), &[]);
        assert!(
            e.files.iter().any(|f| f.contents.contains(needle)),
            "{format:?} pattern references {needle}"
        );
    }
}

#[test]
fn options_that_change_nothing_are_rejected() {
    let mut o = ExportOptions::default();
    o.set("scope", "channel").unwrap();
    o.set("attach", "existing-configuration").unwrap();
    let err = o.check().unwrap_err().to_string();
    assert!(
        err.contains("attach applies with scope full or actions"),
        "{err}"
    );
    assert_eq!(o.effective().get("attach"), "channel-configuration");
    let mut o = ExportOptions::default();
    o.set("scope", "actions").unwrap();
    o.set("guardrail", "no").unwrap();
    assert!(o.check().is_err());
    let mut o = ExportOptions::default();
    o.set("attach", "existing-configuration").unwrap();
    assert!(o.check().is_ok());
    assert!(!o.applies("guardrail"));
}

#[test]
fn scopes_pick_their_parts() {
    let d = preset("blue-green").unwrap();
    let mut o = ExportOptions::default();
    o.set("scope", "rule").unwrap();
    let l = lower(&d, &o, &[]);
    assert!(l.rules().next().is_some() && !l.creates_topic() && l.channel().is_none());
    assert_eq!(l.actions().count(), 0);
    assert!(l.has_param(ParamRole::TopicArn));
    o.set("scope", "actions").unwrap();
    o.set("attach", "existing-configuration").unwrap();
    let l = lower(&d, &o, &[]);
    assert!(l.rules().next().is_none() && l.actions().count() == 3 && l.associates_existing());
    // Each action, then its association; nothing else.
    let kinds: Vec<&str> = l
        .resources
        .iter()
        .map(|r| match r {
            Resource::CustomAction(_) => "action",
            Resource::Association { .. } => "association",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["action", "association"].repeat(3));
    assert!(l.has_param(ParamRole::ConfigArn));
}

#[test]
fn zip_of_a_module_opens_with_python_zipfile() {
    let files = export(
        &preset("blue-green").unwrap(),
        Format::Terraform,
        &ExportOptions::default(),
        &[],
    )
    .files;
    let bytes = chatops_designer::domain::export::zip::zip("chatops-terraform", &files);
    let path = std::env::temp_dir().join(format!("chatops-{}.zip", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got.len(), 3);
    for f in &files {
        assert_eq!(
            got[&format!("chatops-terraform/{}", f.name)],
            f.contents.as_str()
        );
    }
}

proptest::proptest! {
    /// Highlighting never panics and never loses text, whatever the file holds.
    #[test]
    fn highlighting_is_lossless(text in "(?s).{0,200}", ext in proptest::sample::select(vec!["tf", "yaml", "json", "sh", "ts", "py", "txt"])) {
        let tokens = chatops_designer::domain::base::highlight::highlight(&format!("f.{ext}"), &text);
        let joined: String = tokens.iter().map(|t| t.text.as_str()).collect();
        proptest::prop_assert_eq!(joined, text);
    }
}

#[test]
fn highlighting_every_golden_is_lossless() {
    for format in Format::ALL {
        for f in export(
            &preset("blue-green").unwrap(),
            format,
            &ExportOptions::default(),
            &[],
        )
        .files
        {
            let tokens = chatops_designer::domain::base::highlight::highlight(&f.name, &f.contents);
            assert_eq!(
                tokens.iter().map(|t| t.text.as_str()).collect::<String>(),
                f.contents
            );
            // Prose and requirement lists are plain text; code is highlighted.
            if !f.name.ends_with(".md") && !f.name.ends_with(".txt") {
                let wanted = if f.contents.lines().count() < 10 {
                    3
                } else {
                    20
                };
                assert!(tokens.len() > wanted, "{} is highlighted", f.name);
            }
        }
    }
}

#[test]
fn unconfirmed_facts_an_export_relies_on_are_stated() {
    use chatops_designer::domain::base::assumptions;
    let d = preset("blue-green").unwrap();
    let full = export(&d, Format::Terraform, &ExportOptions::default(), &[]);
    assert!(full.assumptions.contains(&assumptions::CHATBOT_REGION));
    assert!(full.assumptions.contains(&assumptions::CHANNEL_ROLE_TRUST));
    let cli = export(&d, Format::Cli, &ExportOptions::default(), &[]);
    assert!(cli.assumptions.contains(&assumptions::ACTION_ARN_FORMAT));
    let mut rule_only = ExportOptions::default();
    rule_only.set("scope", "rule").unwrap();
    assert!(export(&d, Format::Terraform, &rule_only, &[])
        .assumptions
        .is_empty());
}

#[path = "../common/cfn_yaml.rs"]
mod cfn_yaml;

/// Strings that break naive quoting somewhere, mixed with arbitrary text.
fn hostile() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "\"", "\\", "${x}", "%{y}", "$${", "%%{", "$(id)", "`id`", "\n", "\r\n", "'", "é",
                "🚀", "<b>", "&", "\t", "EOT", "${!z}", "!Ref", "- ", ": ", "#", "\u{2028}",
                "\u{85}", "\u{feff}", "\u{1}", "\u{7f}", "yes", "1e3", "~", "*a", "@", "%", "$",
            ])
            .prop_map(str::to_string),
            "(?s).{0,6}",
        ],
        0..8,
    )
    .prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Terraform quoting read back by a second HCL parser (hcl-rs) yields the string.
    #[test]
    fn hcl_quoting_round_trips(s in hostile()) {
        let src = format!("a = {}\n", chatops_designer::domain::export::terraform::quote(&s));
        let v: serde_json::Value = hcl::from_str(&src).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{src}: {e}")))?;
        proptest::prop_assert_eq!(v["a"].as_str(), Some(s.as_str()));
    }

    /// The YAML template read by a YAML parser equals the JSON template, whatever the strings hold.
    #[test]
    fn cloudformation_yaml_equals_json(title in hostile(), button in hostile(), command in hostile(), value in hostile(), name in hostile()) {
        let mut d = preset("blue-green").unwrap();
        d.name = name;
        d.rules[0].notification.title = title;
        d.actions[0].button_text = button;
        d.actions[0].command = command;
        d.rules[0].description = value.clone();
        d.actions[1].criteria[0].value = Some(value);
        let get = |f: Format| export(&d, f, &ExportOptions::default(), &[]).files.remove(0).contents;
        let json: serde_json::Value = serde_json::from_str(&get(Format::CloudFormationJson)).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(&get(Format::CloudFormationYaml))
            .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
        let props = &json["Resources"]["SwitchTasksAction"]["Properties"];
        proptest::prop_assert_eq!(props["Attachments"][0]["ButtonText"].as_str(), Some(d.actions[0].button_text.as_str()));
        proptest::prop_assert_eq!(props["Definition"]["CommandText"].as_str(), Some(d.actions[0].command.as_str()));
        proptest::prop_assert_eq!(cfn_yaml::yaml_to_json(&yaml), json);
    }
}

/// The input template a Terraform export deploys, as Terraform reads it: main.tf and variables.tf
/// parsed by hcl-rs and `input_template` evaluated with the variables' defaults and `trimsuffix`.
pub(crate) fn terraform_template(
    design: &chatops_designer::domain::design::model::Design,
) -> Result<String, String> {
    use hcl::eval::{Context, Evaluate, FuncArgs, FuncDef, ParamType};
    let main =
        hcl::parse(&file(design, Format::Terraform, "main.tf")).map_err(|e| e.to_string())?;
    let variables =
        hcl::parse(&file(design, Format::Terraform, "variables.tf")).map_err(|e| e.to_string())?;
    let mut ctx = Context::new();
    let mut vars = hcl::Map::new();
    for v in variables
        .blocks()
        .filter(|b| b.identifier.as_str() == "variable")
    {
        if let Some(default) = v.body.attributes().find(|a| a.key.as_str() == "default") {
            let value = default.expr.evaluate(&ctx).map_err(|e| e.to_string())?;
            vars.insert(v.labels[0].as_str().to_string(), value);
        }
    }
    ctx.declare_var("var", hcl::Value::Object(vars));
    fn trimsuffix(args: FuncArgs) -> Result<hcl::Value, String> {
        let (Some(s), Some(suffix)) = (args[0].as_str(), args[1].as_str()) else {
            return Err("trimsuffix takes two strings".into());
        };
        Ok(hcl::Value::from(s.strip_suffix(suffix).unwrap_or(s)))
    }
    ctx.declare_func(
        "trimsuffix",
        FuncDef::new(trimsuffix, [ParamType::String, ParamType::String]),
    );
    let target = main
        .blocks()
        .find(|b| {
            b.identifier.as_str() == "resource"
                && b.labels[0].as_str() == "aws_cloudwatch_event_target"
        })
        .ok_or("no event target")?;
    let transformer = target
        .body
        .blocks()
        .find(|b| b.identifier.as_str() == "input_transformer")
        .ok_or("no input transformer")?;
    let template = transformer
        .body
        .attributes()
        .find(|a| a.key.as_str() == "input_template")
        .ok_or("no input template")?;
    match template.expr.evaluate(&ctx).map_err(|e| e.to_string())? {
        hcl::Value::String(s) => Ok(s),
        other => Err(format!("the template is {other:?}")),
    }
}

/// A lone carriage return passed validate but made main.tf invalid HCL ("Invalid character"), and
/// the heredoc added a newline the CloudFormation and CLI exports do not: Terraform now deploys the
/// very bytes of the template, whatever line separators it holds.
#[test]
fn terraform_template_with_lone_cr_is_valid_hcl_and_has_no_extra_newline() {
    let mut d = preset("blue-green").unwrap();
    for t in [
        "{\"a\": \"x\ry\"}",
        "{\"a\": \"x\r\ny\"}\r\n",
        "{\"a\": \"x\u{2028}y\u{85}z\"}\n",
        "{\"a\": \"$\r$$\r%{x}${y}\"}\r",
    ] {
        d.rules[0].input_template_override = Some(t.into());
        assert!(!validate(&d).iter().any(|x| x.is_error()), "{t:?}");
        assert_eq!(terraform_template(&d).as_deref(), Ok(t));
    }
    let seed = preset("blue-green").unwrap();
    let generated = terraform_template(&seed).unwrap();
    assert!(generated.ends_with('}'), "{generated:?}");
    assert_eq!(
        generated,
        seed.rules[0].input_template(&seed.deployment.parameters).0
    );
}

#[test]
fn a_malformed_deployment_setting_is_not_asked_for_when_nothing_uses_it() {
    let mut d = preset("blue-green").unwrap();
    d.deployment.deployment_group = "my group\"${x}".into();
    d.rules[0].event_pattern["detail"]["deploymentGroup"] = serde_json::json!(["my group\"${x}"]);
    d.actions[0].command = "codedeploy get-deployment --deployment-id $DeploymentId".into();
    let l = lower(&d, &ExportOptions::default(), &[]);
    // Neither the pattern (which keeps its text) nor a permission (on every group) uses it.
    assert!(!l.has_param(ParamRole::Setting("deploymentGroup")));
    assert!(
        !get_deployment_arn(&l).contains(&ArnPart::Param(ParamRole::Setting("deploymentGroup")))
    );
    assert!(
        l.notes.iter().any(|n| n
            .starts_with("deployment.deploymentGroup 'my group\"${x}' must match")
            && n.contains("the export does not use it")),
        "{:?}",
        l.notes
    );
    let files = export(&d, Format::Terraform, &ExportOptions::default(), &[]).files;
    assert!(files
        .iter()
        .all(|f| !f.contents.contains("codedeploy_deployment_group")));
}

/// A CDK app is complete (what `cdk synth` and `cdk deploy` need) in both languages, and names
/// its stack file after the design.
#[test]
fn cdk_apps_are_complete_in_both_languages() {
    let d = preset("blue-green").unwrap();
    let names = |f: Format| -> Vec<String> {
        export(&d, f, &ExportOptions::default(), &[])
            .files
            .into_iter()
            .map(|f| f.name)
            .collect()
    };
    assert_eq!(
        names(Format::CdkTypeScript),
        [
            "README.md",
            "package.json",
            "tsconfig.json",
            "cdk.json",
            "bin/app.ts",
            "lib/blue-green-deployment-ready-for-validation-stack.ts"
        ]
    );
    assert_eq!(
        names(Format::CdkPython),
        [
            "README.md",
            "requirements.txt",
            "cdk.json",
            "app.py",
            "blue_green_deployment_ready_for_validation_stack.py"
        ]
    );
    let ts = export(&d, Format::CdkTypeScript, &ExportOptions::default(), &[]);
    let readme = &ts.files[0].contents;
    for needed in [
        "npm install",
        "synth",
        "deploy --parameters",
        "SlackChannelId",
    ] {
        assert!(readme.contains(needed), "README lacks {needed}:\n{readme}");
    }
}

/// Text the CDK would read as its own token syntax is named in a note of the CDK formats only
/// (inside `Fn::Sub` text it is escaped as `${!Token[…` and passes: the rule's description is
/// plain text).
#[test]
fn cdk_token_syntax_in_a_design_is_a_note_of_the_cdk_formats() {
    let mut d = preset("blue-green").unwrap();
    d.rules[0].description = "deploy ${Token[TOKEN.12]}".into();
    for f in Format::ALL {
        let notes = export(&d, f, &ExportOptions::default(), &[]).notes;
        let named = notes.iter().any(|n| n.contains("CDK's token syntax"));
        assert_eq!(named, f.id().starts_with("cdk-"), "{f:?}: {notes:#?}");
    }
}

/// Action names may start with a digit or a hyphen (`[a-zA-Z0-9_-]`); every identifier an export
/// derives from them is valid in its language: Terraform labels, CloudFormation logical ids.
#[test]
fn identifiers_from_action_names_are_valid_in_every_language() {
    let label = regex_lite::Regex::new(r#"^(resource|data|output|variable) "[^"]+" "([^"]+)"|^(resource|output|variable) "([^"]+)""#).unwrap();
    let valid_label = regex_lite::Regex::new(r"^[A-Za-z_][A-Za-z0-9_-]*$").unwrap();
    for names in [["1ab", "9", "-x"], ["0", "-1", "_2"]] {
        let mut d = preset("blue-green").unwrap();
        for (a, n) in d.actions.iter_mut().zip(names) {
            a.name = n.to_string();
        }
        let tf = export(&d, Format::Terraform, &ExportOptions::default(), &[]);
        let mut labels = 0;
        for f in &tf.files {
            for line in f.contents.lines() {
                if let Some(c) = label.captures(line) {
                    let l = c.get(2).or(c.get(4)).unwrap().as_str();
                    assert!(
                        valid_label.is_match(l),
                        "{names:?}: Terraform label {l:?} in {line}"
                    );
                    labels += 1;
                }
            }
        }
        assert!(labels > 10, "labels were read");
        let cfn = export(
            &d,
            Format::CloudFormationJson,
            &ExportOptions::default(),
            &[],
        );
        let t: serde_json::Value = serde_json::from_str(&cfn.files[0].contents).unwrap();
        for section in ["Parameters", "Resources", "Outputs"] {
            for id in t[section].as_object().unwrap().keys() {
                assert!(
                    id.chars().all(|c| c.is_ascii_alphanumeric())
                        && id.starts_with(|c: char| c.is_ascii_alphabetic()),
                    "{names:?}: logical id {id}"
                );
            }
        }
    }
}

/// A direction override or an invisible character in a button's text or alias is a warning at the
/// button: the button would read as something else than it runs.
#[test]
fn hidden_characters_in_button_text_and_alias_are_warnings() {
    let mut d = preset("blue-green").unwrap();
    d.actions[0].button_text = "\u{202e}yolpeD".into();
    d.actions[0].command = "cloudformation delete-stack --stack-name prod".into();
    d.actions[1].alias = Some("roll\u{200b}back".into());
    let diags = validate(&d);
    let at = |loc: &str, what: &str| {
        diags.iter().any(|x| {
            x.location == loc
                && x.severity == chatops_designer::domain::base::diagnostic::Severity::Warning
                && x.message.contains(what)
        })
    };
    assert!(
        at("actions/0/buttonText", "U+202E (right-to-left override"),
        "{diags:#?}"
    );
    assert!(
        at("actions/1/alias", "U+200B (zero-width space)"),
        "{diags:#?}"
    );
    // An emoji made with zero-width joiners is not flagged.
    let mut ok = preset("blue-green").unwrap();
    ok.actions[0].button_text = "👨\u{200d}👩\u{200d}👧 Deploy".into();
    assert!(!validate(&ok)
        .iter()
        .any(|x| x.location == "actions/0/buttonText"));
}

/// EventBridge may publish to the topic only for the export's rules in the stack's account, and
/// use the key only for the account (the confused deputy), in every format.
#[test]
fn topic_and_key_policies_name_the_account_and_the_rules() {
    use chatops_designer::domain::export::lower::Condition;
    let d = preset("blue-green-lifecycle").unwrap();
    let l = lower(&d, &ExportOptions::default(), &[]);
    let topic = l
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::TopicPolicy { policy } => Some(policy.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(topic[0].conditions[0], Condition::SourceAccount);
    let Condition::SourceArn(arns) = &topic[0].conditions[1] else {
        panic!("{:?}", topic[0].conditions)
    };
    assert_eq!(arns.len(), d.rules.len());
    for (arn, rule) in arns.iter().zip(&d.rules) {
        assert_eq!(
            arn.last(),
            Some(&ArnPart::Text(format!(":rule/{}", rule.name)))
        );
    }
    let key = l
        .resources
        .iter()
        .find_map(|r| match r {
            Resource::TopicKey { policy } => Some(policy.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(key[1].conditions, [Condition::SourceAccount]);
    for f in Format::ALL {
        let text: String = export(&d, f, &ExportOptions::default(), &[])
            .files
            .into_iter()
            .map(|f| f.contents)
            .collect();
        assert_eq!(text.matches("aws:SourceAccount").count(), 2, "{f:?}");
        assert_eq!(text.matches("aws:SourceArn").count(), 1, "{f:?}");
        for rule in &d.rules {
            assert!(
                text.contains(&format!(":rule/{}", rule.name)),
                "{f:?}: {}",
                rule.name
            );
        }
    }
}

/// Each escalation-capable or destructive command the issue names is a warning at its button and a
/// note of every export that grants it.
#[test]
fn escalation_capable_commands_are_named_at_the_button_and_in_the_export() {
    let commands = [
        ("ssm send-command --document-name AWS-RunShellScript --instance-ids i-0123456789abcdef0 --parameters commands=id", "ssm:SendCommand"),
        ("lambda update-function-code --function-name f --zip-file fileb://f.zip", "lambda:UpdateFunctionCode"),
        ("lambda add-permission --function-name f --statement-id s --action lambda:InvokeFunction --principal sns.amazonaws.com", "lambda:AddPermission"),
        ("codebuild start-build --project-name p --buildspec-override x", "codebuild:StartBuild"),
        ("ecs run-task --cluster c --task-definition t", "ecs:RunTask"),
        ("cloudformation create-stack --stack-name s --template-url https://example.com/t", "cloudformation:CreateStack"),
        ("sns set-topic-attributes --topic-arn arn:aws:sns:us-east-1:123456789012:t --attribute-name Policy --attribute-value x", "sns:SetTopicAttributes"),
        ("s3 rm s3://bucket/key", "s3:DeleteObject"),
    ];
    for (command, action) in commands {
        let mut d = preset("blue-green").unwrap();
        d.actions.truncate(1);
        d.actions[0].command = command.into();
        let diags = validate(&d);
        assert!(
            diags.iter().any(|x| x.location == "actions/0/command"
                && x.severity == chatops_designer::domain::base::diagnostic::Severity::Warning
                && x.message.starts_with(action)),
            "{command}: {diags:#?}"
        );
        let notes = export(&d, Format::Terraform, &ExportOptions::default(), &[]).notes;
        assert!(
            notes
                .iter()
                .any(|n| n.contains("give more than a button shows") && n.contains(action)),
            "{command}: {notes:#?}"
        );
    }
    // The seed's buttons continue and stop deployments: no such warning.
    let seed = preset("blue-green").unwrap();
    assert!(!validate(&seed)
        .iter()
        .any(|x| x.message.contains("with the channel role's rights")));
}
