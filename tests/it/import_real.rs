//! Importing what teams really have: variables without defaults and the values `.tfvars` and
//! `--var` give them, `count`, `for_each` over partly unknown maps, the functions real files use,
//! local and registry modules, several rules linked by reference, CloudFormation channels and
//! unresolved properties, templates without `textType`, associations through a shell variable,
//! EventBridge Pipes, and an honest outcome when nothing reaches the design. Each fixture is
//! minimal and written for the cause it tests, in the style of public setups.

use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::export::{export, ExportOptions, Format};
use chatops_designer::domain::import::terraform::import_terraform_with;
use chatops_designer::domain::import::{
    import, import_files, import_files_with, FilesImported, ImportError, Imported,
};
use chatops_designer::domain::pipeline::compile::validate;
use serde_json::json;
use std::process::Command;

const SEED_WRITEUP: &str = include_str!("fixtures/import/seed-writeup.tf");
const MODULE_MAIN: &str = include_str!("fixtures/import/module/main.tf");
const MODULE_CHILD: &str = include_str!("fixtures/import/module/modules/chatops/main.tf");

fn blank() -> Design {
    preset("blank").unwrap()
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

fn tf(list: &[(&str, &str)], vars: &[(&str, &str)]) -> Result<Imported, ImportError> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    import_terraform_with(&files(list), &blank(), &vars).0
}

fn notes(i: &Imported) -> Vec<String> {
    i.notes
        .iter()
        .map(|n| format!("{}:{}: {}", n.location, n.line.unwrap_or(0), n.message))
        .collect()
}

fn has_note(i: &Imported, parts: &[&str]) {
    let all = notes(i);
    assert!(
        all.iter().any(|n| parts.iter().all(|p| n.contains(p))),
        "no note has {parts:?}: {all:#?}"
    );
}

fn errors(d: &Design) -> Vec<String> {
    validate(d)
        .into_iter()
        .filter(|x| x.severity == chatops_designer::domain::base::diagnostic::Severity::Error)
        .map(|x| format!("{}: {}", x.location, x.message))
        .collect()
}

#[test]
fn the_seed_as_the_write_up_prints_it_keeps_its_pattern_and_asks_for_the_deployment_group() {
    let i = tf(&[("main.tf", SEED_WRITEUP)], &[]).unwrap();
    let r = &i.design.rules[0];
    assert_eq!(r.name, "codedeploy-bluegreen-ready");
    // The pattern is the files' (state READY kept), the unset variable the setting it stands for.
    assert_eq!(
        r.event_pattern,
        json!({"source": ["aws.codedeploy"], "detail-type": ["CodeDeploy Deployment State-change Notification"],
               "detail": {"state": ["READY"], "deploymentGroup": ["{{deploymentGroup}}"]}})
    );
    has_note(
        &i,
        &[
            "main.tf:13",
            "`var.deployment_group_name` has no default",
            "CodeDeploy deployment group",
        ],
    );
    assert!(
        errors(&i.design).iter().any(|e| e
            .contains("rules/0/eventPattern/detail/deploymentGroup/0")
            && e.contains("{{deploymentGroup}} has no value")),
        "{:?}",
        errors(&i.design)
    );
    // distinct(flatten(...)) picks the buttons.
    let names: Vec<&str> = i.design.actions.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["SwitchTasks", "Rollback"]);
    assert_eq!(r.notification.title, "Ready for validation");
    // With the value, the pattern has it and the setting is the exports' variable.
    let i = tf(
        &[("main.tf", SEED_WRITEUP)],
        &[("deployment_group_name", "payments-dg")],
    )
    .unwrap();
    assert_eq!(
        i.design.rules[0].event_pattern["detail"]["deploymentGroup"],
        json!(["payments-dg"])
    );
    assert_eq!(i.design.deployment.deployment_group, "payments-dg");
    assert!(errors(&i.design).is_empty(), "{:?}", errors(&i.design));
    let main = &export(&i.design, Format::Terraform, &ExportOptions::default(), &[]).files;
    let main = main.iter().find(|f| f.name == "main.tf").unwrap();
    assert!(main
        .contents
        .contains("\"${var.codedeploy_deployment_group}\""));
}

#[test]
fn a_placeholder_in_the_pattern_is_filled_by_the_setting_set_later() {
    let mut d = tf(&[("main.tf", SEED_WRITEUP)], &[]).unwrap().design;
    d.deployment.deployment_group = "orders-dg".into();
    assert!(errors(&d).is_empty(), "{:?}", errors(&d));
    let out = export(&d, Format::Terraform, &ExportOptions::default(), &[]).files;
    let main = out.iter().find(|f| f.name == "main.tf").unwrap();
    assert!(main
        .contents
        .contains("\"${var.codedeploy_deployment_group}\""));
    assert!(!main.contents.contains("{{deploymentGroup}}"));
}

#[test]
fn an_unset_variable_in_a_name_or_template_is_named_and_required() {
    let src = r#"
variable "rule_name" {}
variable "runbook" {}
resource "aws_cloudwatch_event_rule" "r" {
  name          = var.rule_name
  event_pattern = jsonencode({ source = ["aws.ecs"] })
}
resource "aws_cloudwatch_event_target" "t" {
  rule = aws_cloudwatch_event_rule.r.name
  arn  = "arn:aws:sns:us-east-1:123456789012:t"
  input_transformer {
    input_paths    = {}
    input_template = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"See ${var.runbook}\"}}"
  }
}
"#;
    let i = tf(&[("main.tf", src)], &[]).unwrap();
    let r = &i.design.rules[0];
    assert_eq!(r.name, "rule-1");
    has_note(&i, &["`var.rule_name`", "named rule-1"]);
    assert_eq!(r.notification.description, "See {{runbook}}");
    assert_eq!(i.design.deployment.parameters["runbook"], "");
    assert!(errors(&i.design)
        .iter()
        .any(|e| e.starts_with("deployment/parameters/runbook") && e.contains("required")));
    // An export never writes an empty default: the parameter is asked for at deploy time.
    let out = export(&i.design, Format::Terraform, &ExportOptions::default(), &[]);
    let vars = out.files.iter().find(|f| f.name == "variables.tf").unwrap();
    let block = vars
        .contents
        .split("variable \"")
        .find(|b| b.starts_with("param_runbook\""))
        .unwrap();
    assert!(!block.contains("default"), "{block}");
}

#[test]
fn variable_files_and_values_apply_in_terraforms_order() {
    let src = "variable \"topic\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = var.topic\n}\n";
    let topic = |list: &[(&str, &str)], vars: &[(&str, &str)]| {
        tf(list, vars).unwrap().design.deployment.sns_topic_name
    };
    let base = ("main.tf", src);
    assert_eq!(
        topic(
            &[base, ("terraform.tfvars", "topic = \"from-tfvars\"\n")],
            &[]
        ),
        "from-tfvars"
    );
    // *.auto.tfvars after terraform.tfvars, by name; a -var-file after those; --var last.
    let all = [
        ("b.auto.tfvars", "topic = \"auto-b\""),
        ("extra.tfvars", "topic = \"var-file\""),
        ("a.auto.tfvars.json", r#"{"topic": "auto-a"}"#),
        ("terraform.tfvars", "topic = \"from-tfvars\""),
        base,
    ];
    assert_eq!(topic(&all[1..], &[]), "var-file");
    assert_eq!(topic(&[all[0], all[2], all[3], base], &[]), "auto-b");
    assert_eq!(topic(&all, &[("topic", "flag")]), "flag");
    // A value for a variable the files do not declare is a note, not a silent success.
    let i = tf(
        &[base, ("x.tfvars", "topik = \"typo\"\ntopic = \"t\"")],
        &[],
    )
    .unwrap();
    has_note(&i, &["x.tfvars", "`topik`", "do not declare"]);
}

#[test]
fn count_comparisons_arithmetic_and_partly_unknown_maps_evaluate() {
    let src = r#"
variable "enabled" { default = true }
variable "unset" {}
locals {
  rules = merge({ a = "aws.ecs" }, { b = var.unset })
  wanted = [for k, v in { x = 3, y = 9 } : k if v >= 5 && v % 3 == 0]
}
resource "aws_sns_topic" "t" {
  count = var.enabled && length(local.wanted) == 1 ? 1 : 0
  name  = "t-${count.index + 1 * 2}-${local.wanted[0]}"
}
resource "aws_cloudwatch_event_rule" "r" {
  for_each      = local.rules
  name          = "rule-${each.key}"
  event_pattern = jsonencode({ source = [each.value] })
}
resource "aws_cloudwatch_event_target" "t" {
  for_each = aws_cloudwatch_event_rule.r
  rule     = each.value.name
  arn      = "x"
  input_transformer {
    input_paths    = {}
    input_template = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"${each.key}\"}}"
  }
}
resource "awscc_chatbot_custom_action" "none" {
  for_each    = toset([])
  action_name = each.key
}
"#;
    let i = tf(&[("main.tf", src)], &[]).unwrap();
    assert_eq!(i.design.deployment.sns_topic_name, "t-2-y");
    // The map with one unknown value still makes both rules; only the unknown part is unknown.
    let names: Vec<&str> = i.design.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["rule-a", "rule-b"]);
    assert_eq!(
        i.design.rules[0].event_pattern,
        json!({"source": ["aws.ecs"]})
    );
    assert_eq!(i.design.rules[1].notification.description, "b");
    has_note(&i, &["aws_cloudwatch_event_rule.r[\"b\"]", "{{unset}}"]);
    has_note(
        &i,
        &[
            "awscc_chatbot_custom_action.none",
            "creates nothing",
            "empty",
        ],
    );
}

#[test]
fn functions_real_files_use_evaluate() {
    let src = r#"
locals {
  arn    = "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:app/blue-dg"
  parts  = regex("deploymentgroup:(?P<app>[^/]+)/(?P<group>.+)$", local.arn)
  all    = regexall("[0-9]+", "a1b22c333")
  zipped = zipmap(["a", "b"], ["x", "y"])
  union  = setunion(["a", "b"], ["b", "c"])
  picked = coalescelist([], ["first"], ["second"])
  kept   = compact(["", "k", ""])
  text = join(",", [
    local.parts.group,
    join("+", local.all),
    local.zipped.b,
    join("", local.union),
    one(local.picked),
    one(local.kept),
    tostring(contains(local.union, "c")),
    tostring(startswith(local.arn, "arn:") && endswith(local.arn, "-dg")),
    replace("a-b_c", "/[-_]/", "."),
    title("blue green"),
    substr("deployment", 0, 6),
    tostring(max(3, 7, 5) - min(4, 2) * 2),
  ])
}
resource "aws_sns_topic" "t" {
  name = local.text
}
"#;
    let i = tf(&[("main.tf", src)], &[]).unwrap();
    assert_eq!(
        i.design.deployment.sns_topic_name,
        "blue-dg,1+22+333,y,abc,first,k,true,true,a.b.c,Blue Green,deploy,3"
    );
    // A hostile regular expression fails to compile within bounds, with a note.
    let hostile = "resource \"aws_sns_topic\" \"t\" {\n  name = replace(\"x\", \"/(a{1000}){1000}/\", \"y\")\n}\n";
    let e = tf(&[("main.tf", hostile)], &[]).unwrap_err();
    assert!(
        e.to_string()
            .contains("not a regular expression this import reads"),
        "{e}"
    );
}

#[test]
fn a_local_module_is_followed_with_its_arguments_and_a_registry_module_is_named() {
    let list = [
        ("infra/main.tf", MODULE_MAIN),
        ("infra/modules/chatops/main.tf", MODULE_CHILD),
    ];
    let i = tf(&list, &[("env", "prod")]).unwrap();
    let names: Vec<&str> = i.design.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["svc-prod-api-failed", "svc-prod-web-failed"]);
    assert_eq!(
        i.design.rules[1].event_pattern["detail"]["pipeline"],
        json!(["web-pipeline"])
    );
    assert_eq!(
        i.design.rules[1].notification.description,
        "web failed: <execution>"
    );
    let dep = &i.design.deployment;
    assert_eq!(
        (
            dep.slack_workspace_id.as_str(),
            dep.slack_channel_id.as_str(),
            dep.channel_configuration_name.as_str()
        ),
        ("T0123ABCDEF", "C0123ABCDEF", "svc-prod-chat")
    );
    has_note(
        &i,
        &[
            "infra/main.tf:13",
            "module `notify`",
            "terraform-aws-modules/notify-slack/aws",
            "not fetch",
            "slack_channel",
        ],
    );
    // Without the env, the rules and their targets still pair up by reference, not by name.
    let i = tf(&list, &[]).unwrap();
    assert_eq!(i.design.rules.len(), 2);
    assert_eq!(
        i.design.rules[0].notification.description,
        "api failed: <execution>"
    );
    assert_eq!(
        i.design.rules[1].notification.description,
        "web failed: <execution>"
    );
    // The module's folder missing: a note that says so, not advice that cannot be followed.
    let i = tf(&list[..1], &[("env", "prod")]);
    let e = i.unwrap_err();
    assert!(e.to_string().contains("not among those given"), "{e}");
}

#[test]
fn cloudformation_channels_rules_and_unresolved_properties() {
    let t = r#"
Parameters:
  ChannelId: {Type: String}
Resources:
  Teams:
    Type: AWS::Chatbot::MicrosoftTeamsChannelConfiguration
    Properties:
      ConfigurationName: ops
      TeamId: 8f5a2c1e-1234-4c3b-9a6d-0123456789ab
      TeamsTenantId: 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      TeamsChannelId: !Ref ChannelId
      IamRoleArn: !GetAtt Role.Arn
  Started:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {source: [aws.codepipeline], detail: {pipeline: [!ImportValue shared-pipeline]}}
      Targets:
        - Id: t
          Arn: arn:aws:sns:us-east-1:123456789012:t
          InputTransformer:
            InputTemplate: '{"version":"1.0","source":"custom","content":{"description":"started"}}'
  Failed:
    Type: AWS::Events::Rule
    Properties:
      Name: failed
      EventPattern: {source: [aws.codepipeline], detail: {state: [FAILED]}}
      Targets:
        - Id: t
          Arn: arn:aws:sns:us-east-1:123456789012:t
          InputTransformer:
            InputTemplate: '{"version":"1.0","source":"custom","content":{"description":"failed"}}'
"#;
    let i = import(t, &blank()).unwrap();
    let d = &i.design;
    assert_eq!(
        d.deployment.platform,
        chatops_designer::domain::design::model::ChatPlatform::Teams
    );
    assert_eq!(
        d.deployment.teams_team_id,
        "8f5a2c1e-1234-4c3b-9a6d-0123456789ab"
    );
    assert_eq!(d.deployment.channel_configuration_name, "ops");
    let rules: Vec<(&str, &str)> = d
        .rules
        .iter()
        .map(|r| (r.name.as_str(), r.notification.description.as_str()))
        .collect();
    assert_eq!(rules, [("Started", "started"), ("failed", "failed")]);
    assert_eq!(
        d.rules[0].event_pattern["detail"]["pipeline"],
        json!(["{{sharedPipeline}}"])
    );
    has_note(
        &i,
        &[
            "Resources/Teams",
            "TeamsChannelId is not read",
            "ChannelId has no default",
        ],
    );
    has_note(
        &i,
        &["Resources/Started", "{{sharedPipeline}}", "Fn::ImportValue"],
    );
    has_note(
        &i,
        &["Resources/Started", "named Started, after its logical id"],
    );
    has_note(&i, &["Parameters", "does not say the Region"]);
    assert!(errors(d)
        .iter()
        .any(|e| e.contains("{{sharedPipeline}} has no value")));
}

#[test]
fn a_template_without_text_type_is_the_notification_and_a_differing_field_is_named() {
    let with = |template: &str| {
        format!(
            "resource \"aws_cloudwatch_event_rule\" \"r\" {{\n  name = \"r\"\n  event_pattern = jsonencode({{ source = [\"aws.ecs\"] }})\n}}\nresource \"aws_cloudwatch_event_target\" \"t\" {{\n  rule = aws_cloudwatch_event_rule.r.name\n  arn  = \"x\"\n  input_transformer {{\n    input_paths    = {{ s = \"$.detail.status\" }}\n    input_template = <<EOT\n{template}\nEOT\n  }}\n}}\n"
        )
    };
    let plain = r#"{"version":"1.0","source":"custom","content":{"title":"ECS <s>","description":"Status <s>","nextSteps":["Look"]},"metadata":{"threadId":"ecs"}}"#;
    let i = tf(&[("main.tf", &with(plain))], &[]).unwrap();
    let r = &i.design.rules[0];
    assert_eq!(r.input_template_override, None);
    assert_eq!(r.notification.title, "ECS <s>");
    assert_eq!(r.notification.thread_id, "ecs");
    let odd = r#"{"version":"1.0","source":"custom","content":{"description":"x"},"metadata":{"keywords":["k"]}}"#;
    let i = tf(&[("main.tf", &with(odd))], &[]).unwrap();
    assert!(i.design.rules[0].input_template_override.is_some());
    has_note(&i, &["template override", "`metadata.keywords`"]);
}

#[test]
fn an_association_through_a_shell_variable_keeps_the_action_it_names() {
    let src = r#"
resource "awscc_chatbot_custom_action" "restart" {
  action_name = "RestartService"
  definition  = { command_text = "ecs update-service --cluster c --service s --force-new-deployment" }
  attachments = [{ button_text = "Restart", notification_type = "Custom" }]
}
resource "awscc_chatbot_custom_action" "unused" {
  action_name = "Unused"
  definition  = { command_text = "ecs describe-services --cluster c --services s" }
  attachments = [{ button_text = "Unused", notification_type = "Custom" }]
}
resource "terraform_data" "associate" {
  input = { action_arn = awscc_chatbot_custom_action.restart.custom_action_arn }
  provisioner "local-exec" {
    command = <<-EOT
      action_arn='${self.input.action_arn}'
      aws chatbot associate-to-configuration --chat-configuration arn:x --resource "$action_arn"
    EOT
  }
}
"#;
    let i = tf(&[("main.tf", src)], &[]).unwrap();
    let names: Vec<&str> = i.design.actions.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["RestartService"]);
    has_note(&i, &["not carried by the channel", "Unused"]);
}

#[test]
fn pipes_and_cloudformation_stacks_are_read() {
    let pipe = r#"
resource "aws_pipes_pipe" "alarms" {
  name     = "alarm-to-chat"
  role_arn = "arn:aws:iam::123456789012:role/p"
  source   = "arn:aws:sqs:us-east-1:123456789012:alarms"
  target   = "arn:aws:sns:us-east-1:123456789012:chat"
  source_parameters {
    filter_criteria {
      filter {
        pattern = jsonencode({ body = { state = ["ALARM"] } })
      }
    }
  }
  target_parameters {
    input_template = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"<$.body.alarmName> is <$.body.state>\"}}"
  }
}
resource "aws_cloudformation_stack" "chatbot" {
  name = "chatbot"
  template_body = jsonencode({
    Resources = {
      Channel = {
        Type = "AWS::Chatbot::SlackChannelConfiguration"
        Properties = { ConfigurationName = "ops", SlackWorkspaceId = "T0ABCDEFGH", SlackChannelId = "C0ABCDEFGH", IamRoleArn = "arn:aws:iam::123456789012:role/c" }
      }
    }
  })
}
"#;
    let i = tf(&[("main.tf", pipe)], &[]).unwrap();
    let r = &i.design.rules[0];
    assert_eq!(r.name, "alarm-to-chat");
    assert_eq!(r.event_pattern, json!({"body": {"state": ["ALARM"]}}));
    assert_eq!(r.notification.description, "<alarmName> is <state>");
    assert_eq!(r.input_paths["alarmName"], "$.body.alarmName");
    has_note(&i, &["aws_pipes_pipe.alarms", "EventBridge Pipe"]);
    assert_eq!(i.design.deployment.slack_channel_id, "C0ABCDEFGH");
    has_note(
        &i,
        &[
            "aws_cloudformation_stack.chatbot",
            "read as a CloudFormation template",
        ],
    );
}

#[test]
fn nothing_reaching_the_design_is_an_error_that_says_why() {
    let src = "variable \"topic\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = var.topic\n}\n";
    match tf(&[("main.tf", src)], &[]) {
        Err(ImportError::NothingRead(why)) => {
            assert!(
                why.contains("nothing from these files reached the design"),
                "{why}"
            );
            assert!(why.contains("`var.topic` has no default"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    // An empty for_each on the only resource: said, not "no supported resource".
    let empty = "resource \"aws_sns_topic\" \"t\" {\n  for_each = {}\n  name = each.key\n}\n";
    let e = tf(&[("main.tf", empty)], &[]).unwrap_err();
    assert!(e.to_string().contains("creates nothing"), "{e}");
}

#[test]
fn an_override_that_escapes_angle_brackets_is_a_warning() {
    let mut d = blank();
    d.rules[0].input_template_override = Some(
        r#"{"version":"1.0","source":"custom","content":{"description":"\u003cstatus\u003e"}}"#
            .into(),
    );
    let all = validate(&d);
    assert!(all
        .iter()
        .any(|x| x.location.ends_with("inputTemplateOverride") && x.message.contains("\\u003c")));
}

#[test]
fn the_summary_says_what_reached_the_design_and_what_was_kept() {
    let src = "resource \"aws_sns_topic\" \"t\" {\n  name = \"alerts\"\n}\n";
    let done: FilesImported = import_files(&files(&[("main.tf", src)]), &blank()).unwrap();
    let s = done.summary.to_string();
    assert!(s.starts_with("from the files: settings: SNS topic"), "{s}");
    assert!(s.contains("as in the design the import started from: rule codedeploy-notification's name, pattern"), "{s}");
    // import_files_with carries --var values through.
    let src = "variable \"t\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = var.t\n}\n";
    let done = import_files_with(
        &files(&[("main.tf", src)]),
        &blank(),
        &[("t".into(), "given".into())],
    )
    .unwrap();
    assert_eq!(done.design.deployment.sns_topic_name, "given");
    assert_eq!(done.variables[0].given.as_deref(), Some("given"));
}

/// `chatops import` reads the variable files beside the .tf files and the module folders they
/// call, takes `--var`, and exits 1 when nothing reached the design.
#[test]
fn the_cli_reads_tfvars_and_module_folders_and_exits_1_on_nothing() {
    let dir = std::env::temp_dir().join(format!("chatops-import-real-{}", std::process::id()));
    let child = dir.join("modules/chatops");
    std::fs::create_dir_all(&child).unwrap();
    std::fs::write(dir.join("main.tf"), MODULE_MAIN).unwrap();
    std::fs::write(child.join("main.tf"), MODULE_CHILD).unwrap();
    std::fs::write(dir.join("terraform.tfvars"), "env = \"staging\"\n").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_chatops"))
            .arg("import")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let main = dir.join("main.tf").to_string_lossy().to_string();
    let (code, stdout, stderr) = run(&[&main]);
    assert_eq!(code, 0, "{stderr}");
    let d = Design::from_json(&stdout).unwrap();
    assert_eq!(d.rules[0].name, "svc-staging-api-failed");
    assert!(
        stderr.contains("terraform.tfvars: read as Terraform reads it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("modules/chatops/main.tf: read for the module"),
        "{stderr}"
    );
    assert!(
        stderr.contains("summary: from the files: rule svc-staging-api-failed"),
        "{stderr}"
    );
    let (_, stdout, _) = run(&[&main, "--var", "env=prod"]);
    assert_eq!(
        Design::from_json(&stdout).unwrap().rules[0].name,
        "svc-prod-api-failed"
    );
    let unknown = dir.join("unknown.tf");
    std::fs::write(
        &unknown,
        "variable \"topic\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = var.topic\n}\n",
    )
    .unwrap();
    let other = std::env::temp_dir().join(format!("chatops-import-real-b-{}", std::process::id()));
    std::fs::create_dir_all(&other).unwrap();
    let alone = other.join("unknown.tf");
    std::fs::copy(&unknown, &alone).unwrap();
    let (code, stdout, stderr) = run(&[&alone.to_string_lossy()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("nothing from these files reached the design"),
        "{stderr}"
    );
    assert!(stderr.contains("variables with no value"), "{stderr}");
    let (code, _, stderr) = run(&[&alone.to_string_lossy(), "--var", "novalue"]);
    assert_eq!(code, 2, "{stderr}");
    // file() reads a file beside the .tf files, never one elsewhere on the disk.
    std::fs::write(other.join("pattern.json"), r#"{"source": ["aws.ecs"]}"#).unwrap();
    let reads = other.join("reads.tf");
    std::fs::write(
        &reads,
        "resource \"aws_cloudwatch_event_rule\" \"r\" {\n  name = \"r\"\n  event_pattern = file(\"${path.module}/pattern.json\")\n  description = file(\"/etc/hostname\")\n}\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[&reads.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("pattern.json: read for the file()"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/etc/hostname: named by file() or templatefile(), but outside"),
        "{stderr}"
    );
    let d = Design::from_json(&stdout).unwrap();
    assert_eq!(d.rules[0].event_pattern, json!({"source": ["aws.ecs"]}));
    assert_eq!(d.rules[0].description, "");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
fn file_and_templatefile_read_the_files_given_with_the_terraform() {
    let main = r#"
variable "runbook" { default = "https://wiki.example.com/rb" }
resource "aws_cloudwatch_event_rule" "r" {
  name          = "ecs-failed"
  event_pattern = file("${path.module}/pattern.json")
}
resource "aws_cloudwatch_event_target" "t" {
  rule = aws_cloudwatch_event_rule.r.name
  arn  = "x"
  input_transformer {
    input_paths    = { s = "$.detail.eventName" }
    input_template = templatefile("${path.module}/templates/notify.json.tpl", { runbook = var.runbook, service = "api" })
  }
}
"#;
    let pattern = r#"{"source": ["aws.ecs"]}"#;
    let template = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"title\":\"${service}: <s>\",\"description\":\"Runbook: ${runbook}\"}}\n";
    // Imported as the app does: the template and the pattern go with the Terraform that reads
    // them, not as documents of their own.
    let done = import_files(
        &files(&[
            ("infra/main.tf", main),
            ("infra/pattern.json", pattern),
            ("infra/templates/notify.json.tpl", template),
        ]),
        &blank(),
    )
    .unwrap();
    let r = &done.design.rules[0];
    assert_eq!(r.event_pattern, json!({"source": ["aws.ecs"]}));
    assert_eq!(r.notification.title, "api: <s>");
    // The variable passed into the template is still the design parameter it stands for.
    assert_eq!(r.notification.description, "Runbook: {{runbook}}");
    assert_eq!(
        done.design.deployment.parameters["runbook"],
        "https://wiki.example.com/rb"
    );
    // Not given: the call is unknown and its note names the file.
    let i = tf(&[("main.tf", main)], &[]).unwrap();
    has_note(&i, &["pattern.json", "not among the files given"]);
}

#[test]
fn a_static_input_and_a_dynamic_transformer_are_read() {
    let src = r#"
variable "templates" {
  default = { ready = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"Ready <id>\"}}" }
}
resource "aws_cloudwatch_event_rule" "ready" {
  name          = "ready"
  event_pattern = jsonencode({ source = ["aws.codedeploy"] })
}
resource "aws_cloudwatch_event_target" "ready" {
  rule = aws_cloudwatch_event_rule.ready.name
  arn  = "x"
  dynamic "input_transformer" {
    for_each = var.templates
    iterator = t
    content {
      input_paths    = { id = "$.detail.deploymentId" }
      input_template = t.value
    }
  }
}
resource "aws_cloudwatch_event_rule" "health" {
  name          = "health"
  event_pattern = jsonencode({ source = ["aws.health"] })
}
resource "aws_cloudwatch_event_target" "health" {
  rule  = aws_cloudwatch_event_rule.health.name
  arn   = "x"
  input = jsonencode({ version = "1.0", source = "custom", content = { description = "AWS Health event" } })
}
"#;
    let i = tf(&[("main.tf", src)], &[]).unwrap();
    let got: Vec<(&str, &str)> = i
        .design
        .rules
        .iter()
        .map(|r| (r.name.as_str(), r.notification.description.as_str()))
        .collect();
    assert_eq!(
        got,
        [("ready", "Ready <id>"), ("health", "AWS Health event")]
    );
    assert_eq!(i.design.rules[0].input_paths["id"], "$.detail.deploymentId");
    assert!(i.design.rules[1].input_paths.is_empty());
    // CloudFormation's static Input too.
    let t = r#"{"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {"Name": "h",
        "EventPattern": {"source": ["aws.health"]},
        "Targets": [{"Id": "t", "Arn": "x", "Input": "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"description\":\"static\"}}"}]}}}}"#;
    let d = import(t, &blank()).unwrap().design;
    assert_eq!(d.rules[0].notification.description, "static");
    assert!(d.rules[0].input_paths.is_empty());
}

/// A template the AWS CDK synthesized from a team's app (`fixtures/import/cdk/orders-app.ts`: L2
/// topic, rule and Slack channel, an L1 custom action, a second action named by `formatArn`, run
/// with path metadata and version reporting as `cdk synth` does): read as CloudFormation with the
/// CDK's hashed logical ids, the topic's name read, the action named by an `Fn::Join` ARN noted,
/// the CDK's own resource and bootstrap check not mistaken for the design's.
#[test]
fn a_template_the_cdk_synthesized_is_read_and_said_to_come_from_the_cdk() {
    let text = include_str!("fixtures/import/cdk/orders.template.json");
    let i = import(text, &blank()).unwrap();
    has_note(&i, &["synthesized by the AWS CDK", "AWS::CDK::Metadata"]);
    has_note(
        &i,
        &[
            "CustomizationResourceArns",
            "custom action Rollback by its ARN",
        ],
    );
    assert!(
        !notes(&i).iter().any(|n| n.contains("CDKMetadata")),
        "{:#?}",
        notes(&i)
    );
    let d = &i.design;
    assert_eq!(d.rules.len(), 1);
    assert_eq!(d.rules[0].name, "bluegreen-ready");
    assert_eq!(
        d.rules[0].event_pattern["detail"]["deploymentGroup"],
        json!(["orders-dg"])
    );
    assert_eq!(d.actions.len(), 1);
    assert_eq!(d.actions[0].name, "Continue");
    assert_eq!(d.deployment.slack_workspace_id, "T0ABCDEFGH1");
    assert_eq!(d.deployment.slack_channel_id, "C0ABCDEFGH1");
    assert_eq!(d.deployment.channel_configuration_name, "deployments");
    assert_eq!(d.deployment.sns_topic_name, "deploy-notifications");
    assert!(!d.deployment.parameters.contains_key("BootstrapVersion"));
}

/// The synthesized template of this app's own CDK export (TypeScript, blue/green) imports as the
/// CloudFormation export does: the same design.
#[test]
fn the_cdk_exports_synthesized_template_imports_as_the_cloudformation_export() {
    let seed = preset("blue-green").unwrap();
    let cfn = export(
        &seed,
        Format::CloudFormationJson,
        &ExportOptions::default(),
        &[],
    );
    let from_cfn = import(&cfn.files[0].contents, &blank()).unwrap();
    let from_cdk = import(
        include_str!("fixtures/import/cdk/blue-green-export.template.json"),
        &blank(),
    )
    .unwrap();
    assert_eq!(from_cdk.design, from_cfn.design);
    // Path metadata is what `cdk synth` adds; without it the bootstrap check still says CDK.
    has_note(
        &from_cdk,
        &["synthesized by the AWS CDK", "bootstrap version check"],
    );
    assert!(!notes(&from_cfn).iter().any(|n| n.contains("AWS CDK")));
}
