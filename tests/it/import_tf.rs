//! Importing Terraform: this app's own export reads back into the design it came from, a
//! hand-written setup reads into the design it describes, and whatever cannot be known or parsed
//! is a located note, never a panic.

use chatops_designer::domain::base::diagnostic::{Repeats, Severity};
use chatops_designer::domain::design::model::{Design, NotificationDesign};
use chatops_designer::domain::design::presets::{preset, seed, PRESETS};
use chatops_designer::domain::eventbridge::template::{fill_parameters, parameter_names};
use chatops_designer::domain::export::lower::{lower, ParamRole};
use chatops_designer::domain::export::{export, ExportOptions, Format};
use chatops_designer::domain::import::terraform::import_terraform;
use chatops_designer::domain::import::{import, ImportError, ImportKind, Imported};
use indexmap::IndexMap;
use proptest::prelude::*;

const FIXTURE: &str = include_str!("fixtures/blue-green.tf");

fn tf(files: &[(&str, &str)]) -> Result<Imported, ImportError> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    import_terraform(&files, &preset("blank").unwrap())
}

/// Imports `text` (one main.tf) into the blank preset and returns the notes as `file:line: message`.
fn notes(text: &str) -> Vec<String> {
    match tf(&[("main.tf", text)]) {
        Ok(i) => i
            .notes
            .iter()
            .map(|n| format!("{}:{}: {}", n.location, n.line.unwrap_or(0), n.message))
            .collect(),
        Err(e) => vec![format!("error: {e}")],
    }
}

/// Asserts that one note contains every part of `expected`.
fn check_note(text: &str, expected: &[&str]) {
    let got = notes(text);
    assert!(
        got.iter().any(|n| expected.iter().all(|e| n.contains(e))),
        "no note has {expected:?}; notes: {got:#?}"
    );
}

/// What the Terraform export of `d` brings back into `base`, which holds what the export does
/// not carry. The normalisations: the design's name, preset and account are not exported (they
/// stay the current design's), nor are parameters the template does not splice, nor the
/// settings that had no valid default; with a template override the notification is not exported;
/// a parameter written into the template (its value unsafe to splice, or after a `$`) comes back
/// as its value; an empty alias comes back absent.
fn export_and_base(d: &Design) -> (String, Design, Design) {
    let options = ExportOptions::default();
    let files = export(d, Format::Terraform, &options, &[]).files;
    let all: Vec<(String, String)> = files.into_iter().map(|f| (f.name, f.contents)).collect();
    let l = lower(d, &options, &[]);
    let exported = |role: ParamRole| l.param(role).is_some_and(|p| p.default.is_some());
    let spliced: Vec<String> = l
        .params
        .iter()
        .filter(|p| p.role == ParamRole::Template)
        .filter_map(|p| {
            p.description
                .strip_prefix("Notification parameter ")?
                .strip_suffix(" (spliced into the input template)")
                .map(str::to_string)
        })
        .collect();
    let mut base = preset("blank").unwrap();
    base.name = d.name.clone();
    base.preset = d.preset.clone();
    base.actions.clear();
    base.deployment.account_id = d.deployment.account_id.clone();
    base.deployment.parameters = d
        .deployment
        .parameters
        .iter()
        .filter(|(k, _)| !spliced.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let dep = &d.deployment;
    for (role, value, slot) in [
        (ParamRole::Region, &dep.region, &mut base.deployment.region),
        (
            ParamRole::TopicName,
            &dep.sns_topic_name,
            &mut base.deployment.sns_topic_name,
        ),
        (
            ParamRole::WorkspaceId,
            &dep.slack_workspace_id,
            &mut base.deployment.slack_workspace_id,
        ),
        (
            ParamRole::ChannelId,
            &dep.slack_channel_id,
            &mut base.deployment.slack_channel_id,
        ),
        (
            ParamRole::ConfigName,
            &dep.channel_configuration_name,
            &mut base.deployment.channel_configuration_name,
        ),
        (
            ParamRole::Setting("application"),
            &dep.application,
            &mut base.deployment.application,
        ),
        (
            ParamRole::Setting("deploymentGroup"),
            &dep.deployment_group,
            &mut base.deployment.deployment_group,
        ),
    ] {
        if !exported(role) {
            *slot = value.clone();
        }
    }
    if d.rules[0].input_template_override.is_some() {
        base.rules[0].notification = d.rules[0].notification.clone();
    }
    let mut expected = d.clone();
    for a in &mut expected.actions {
        a.alias = a.alias.take().filter(|s| !s.is_empty());
    }
    let written_in: IndexMap<String, String> = d
        .deployment
        .parameters
        .iter()
        .filter(|(k, _)| !spliced.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (i, rule) in d.rules.iter().enumerate() {
        if rule.input_template_override.is_some() {
            continue;
        }
        let n = &mut expected.rules[i].notification;
        for (k, v) in &d.deployment.parameters {
            // Only where the template reads `{{k}}` as a parameter (in `{{${{k}}` it reads the
            // name `${{k`, and nothing is spliced).
            each_text(n, |s: &mut String| {
                if parameter_names(s).contains(&k.as_str()) {
                    *s = s.replace(&format!("${{{{{k}}}}}"), &format!("${v}"));
                }
            });
        }
        each_text(n, |s: &mut String| {
            *s = fill_parameters(s, &written_in, "", &mut Repeats::new("unknown parameters"));
        });
    }
    let main = all
        .iter()
        .map(|(n, t)| format!("# ==> {n}\n{t}"))
        .collect::<String>();
    (main, base, expected)
}

fn each_text(n: &mut NotificationDesign, f: impl Fn(&mut String)) {
    n.texts_mut().for_each(f);
}

fn round_trip(d: &Design) -> Result<(), String> {
    let options = ExportOptions::default();
    let files: Vec<(String, String)> = export(d, Format::Terraform, &options, &[])
        .files
        .into_iter()
        .map(|f| (f.name, f.contents))
        .collect();
    let (text, base, expected) = export_and_base(d);
    let got = import_terraform(&files, &base).map_err(|e| format!("{e}\n{text}"))?;
    if got.design != expected {
        return Err(format!(
            "imported:\n{}\nexpected:\n{}\nnotes: {:#?}\n{text}",
            got.design.to_json(),
            expected.to_json(),
            got.notes
        ));
    }
    // A setting the design leaves empty is a variable without default, which the import notes.
    let warnings: Vec<_> = got
        .notes
        .iter()
        .filter(|n| n.severity != Severity::Info && !n.message.contains("has no default"))
        .collect();
    if !warnings.is_empty() {
        return Err(format!("warnings on our own export: {warnings:#?}"));
    }
    Ok(())
}

#[test]
fn every_preset_exported_to_terraform_imports_back_equal() {
    for p in PRESETS {
        round_trip(&preset(p.id).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", p.id));
    }
}

#[test]
fn a_dollar_before_a_parameter_stays_a_dollar() {
    // `{{a}}` is empty and written in as text, so `$` stands right before `{{b}}`'s interpolation.
    let mut d = seed();
    d.rules[0].notification.description = "cost: ${{a}}{{b}} and $$ and $".into();
    d.deployment.parameters.insert("a".into(), String::new());
    d.deployment.parameters.insert("b".into(), "5".into());
    round_trip(&d).unwrap();
    let files = export(&d, Format::Terraform, &ExportOptions::default(), &[]).files;
    let main = &files.iter().find(|f| f.name == "main.tf").unwrap().contents;
    assert!(!main.contains("$${var."), "{main}");
}

#[test]
fn the_export_read_as_one_pasted_text_imports_too() {
    let d = seed();
    let (text, base, expected) = export_and_base(&d);
    let got = import(&text, &base).unwrap();
    assert_eq!((got.kind, &got.design), (ImportKind::Terraform, &expected));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The hostile designs of the property tests (every text field holding CR, CRLF, U+2028, NEL,
    /// `${`, `%{`, quotes, `EOT`, placeholders and parameters) come back from their export.
    #[test]
    fn hostile_designs_round_trip_through_terraform(d in crate::props::design()) {
        round_trip(&d).map_err(proptest::test_runner::TestCaseError::fail)?;
    }

    /// No text makes the Terraform import panic.
    #[test]
    fn any_text_imports_or_fails_without_panic(s in "\\PC{0,200}") {
        let _ = tf(&[("main.tf", &s)]);
    }

    /// Neither does the fixture cut short or with a line changed.
    #[test]
    fn a_damaged_fixture_imports_or_fails_without_panic(cut in 0usize..FIXTURE.chars().count(), junk in "[{}()\\[\\]\"$%=<>a-z\n -]{0,8}") {
        // The fixture with junk at `cut` and the next 40 characters reversed.
        let chars: Vec<char> = FIXTURE.chars().collect();
        let end = (cut + 40).min(chars.len());
        let damaged: String = chars[..cut].iter().copied()
            .chain(junk.chars())
            .chain(chars[cut..end].iter().rev().copied())
            .chain(chars[end..].iter().copied())
            .collect();
        let _ = tf(&[("main.tf", &damaged)]);
    }
}

#[test]
fn a_hand_written_setup_imports_into_the_blue_green_design_with_green_url_as_a_parameter() {
    let r = tf(&[("main.tf", FIXTURE)]).unwrap();
    let bg = preset("blue-green").unwrap();
    let mut notification = bg.rules[0].notification.clone();
    // The variable is named green_url in the Terraform, so the parameter is.
    notification.next_steps[0] =
        notification.next_steps[0].replace("{{greenUrl}}", "{{green_url}}");
    assert_eq!(r.kind, ImportKind::Terraform);
    assert_eq!(r.design.rules[0].notification, notification);
    assert_eq!(
        crate::import::rule_part(&r.design),
        crate::import::rule_part(&bg)
    );
    assert_eq!(r.design.actions, bg.actions);
    assert_eq!(
        r.design
            .deployment
            .parameters
            .get("green_url")
            .map(String::as_str),
        Some("https://green.example.com")
    );
    let dep = &r.design.deployment;
    assert_eq!(
        (
            dep.sns_topic_name.as_str(),
            dep.slack_workspace_id.as_str(),
            dep.slack_channel_id.as_str(),
            dep.channel_configuration_name.as_str()
        ),
        (
            "chatops-codedeploy",
            "T0123ABCDEF",
            "C0123ABCDEF",
            "chatops-deployments"
        )
    );
    assert!(r.notes.iter().all(|n| !n.is_error()), "{:#?}", r.notes);
}

#[test]
fn the_channel_carries_the_actions_its_customization_arns_name() {
    let src = FIXTURE.replace(
        "  sns_topic_arns     = [aws_sns_topic.chatops.arn]\n",
        "  sns_topic_arns     = [aws_sns_topic.chatops.arn]\n  customization_resource_arns = [awscc_chatbot_custom_action.this[\"RollbackDeployment\"].custom_action_arn]\n",
    );
    let r = tf(&[("main.tf", &src)]).unwrap();
    let names: Vec<&str> = r.design.actions.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["RollbackDeployment"]);
    assert!(r
        .notes
        .iter()
        .any(|n| n.message.contains("not carried by the channel")));
}

#[test]
fn without_associations_every_action_found_is_imported() {
    let start = FIXTURE.find("resource \"null_resource\"").unwrap();
    let end = FIXTURE.find("resource \"aws_sns_topic\"").unwrap();
    let src = format!("{}{}", &FIXTURE[..start], &FIXTURE[end..]);
    let r = tf(&[("main.tf", &src)]).unwrap();
    assert_eq!(r.design.actions.len(), 3);
}

#[test]
fn files_are_read_as_one_module() {
    let split = FIXTURE.find("resource \"aws_sns_topic\"").unwrap();
    let r = tf(&[
        ("actions.tf", &FIXTURE[..split]),
        ("rule.tf", &FIXTURE[split..]),
    ])
    .unwrap();
    assert_eq!(r.design.actions.len(), 3);
    assert_eq!(r.design.rules[0].name, "codedeploy-bluegreen-ready");
    assert_eq!(r.design.rules[0].input_template_override, None);
}

#[test]
fn a_variable_without_default_in_the_notification_is_a_required_parameter() {
    let src = FIXTURE.replace(
        "  type        = string\n  default     = \"https://green.example.com\"\n",
        "  type        = string\n",
    );
    let r = tf(&[("main.tf", &src)]).unwrap();
    assert_eq!(
        r.design
            .deployment
            .parameters
            .get("green_url")
            .map(String::as_str),
        Some("")
    );
    assert!(r.design.rules[0].notification.next_steps[0].contains("{{green_url}}"));
    check_note(
        &src,
        &[
            "main.tf:",
            "`var.green_url` in the template has no default",
            "required",
        ],
    );
}

#[test]
fn jsonencode_escapes_left_in_place_keep_the_template_as_written_with_a_note() {
    // "\u003c" in HCL is the character <, so these replace calls change nothing.
    let src = FIXTURE.replace(
        "\"\\\\u003c\", \"<\"), \"\\\\u003e\"",
        "\"\\u003c\", \"<\"), \"\\u003e\"",
    );
    assert_ne!(src, FIXTURE);
    let r = tf(&[("main.tf", &src)]).unwrap();
    let t = r.design.rules[0].input_template_override.clone().unwrap();
    assert!(t.contains("\\u003cdeploymentId\\u003e"), "{t}");
    check_note(
        &src,
        &[
            "kept as the template override",
            "EventBridge replaces no placeholder",
        ],
    );
}

#[test]
fn heredoc_templates_and_patterns_are_read_with_indentation_stripped() {
    let src = r#"
variable "url" {
  default = "https://x"
}
resource "aws_cloudwatch_event_rule" "r" {
  name          = "r"
  event_pattern = <<-EOT
    {"source": ["aws.codedeploy"], "detail": {"n": [1.50]}}
  EOT
}
resource "aws_cloudwatch_event_target" "t" {
  rule = aws_cloudwatch_event_rule.r.name
  arn  = "arn:aws:sns:us-east-1:123456789012:t"
  input_transformer {
    input_paths    = { id = "$.detail.deploymentId" }
    input_template = <<-EOT
      {"version": "1.0", "source": "custom", "content": {"textType": "client-markdown", "description": "<id> at ${var.url}"}}
    EOT
  }
}
"#;
    let r = tf(&[("main.tf", src)]).unwrap();
    assert_eq!(
        r.design.rules[0].event_pattern.to_string(),
        r#"{"source":["aws.codedeploy"],"detail":{"n":[1.50]}}"#
    );
    assert_eq!(
        r.design.rules[0].notification.description,
        "<id> at {{url}}"
    );
    assert_eq!(r.design.deployment.parameters["url"], "https://x");
    assert_eq!(r.design.rules[0].input_paths["id"], "$.detail.deploymentId");
}

#[test]
fn a_template_that_is_not_a_generated_notification_is_the_override() {
    let src = r#"
resource "aws_cloudwatch_event_target" "t" {
  rule = "r"
  arn  = "x"
  input_transformer {
    input_paths    = { id = "$.detail.deploymentId" }
    input_template = "\"Deployment <id> ${trimspace("  done  ")}\""
  }
}
"#;
    let r = tf(&[("main.tf", src)]).unwrap();
    assert_eq!(
        r.design.rules[0].input_template_override.as_deref(),
        Some("\"Deployment <id> done\"")
    );
    check_note(
        src,
        &[
            "main.tf:7",
            "kept as the template override",
            "not a custom notification",
        ],
    );
}

#[test]
fn functions_evaluate_with_terraform_semantics() {
    let src = r#"
locals {
  base   = { a = "1", b = "2" }
  merged = merge(local.base, { b = "3" })
  list   = concat(["x"], tolist(["y"]), toset(["y", "z"]))
  pick   = lookup(local.merged, "missing", "fallback")
  tried  = try(data.aws_region.current.name, "us-west-2")
  name   = trimsuffix(trimspace("  rule-x\n"), "-x")
}
resource "aws_cloudwatch_event_rule" "r" {
  name          = "${local.name}-${local.merged.b}-${join("", local.list)}-${local.pick}-${local.tried}"
  event_pattern = jsonencode({ source = ["aws.codedeploy"] })
}
"#;
    let r = tf(&[("main.tf", src)]).unwrap();
    assert_eq!(r.design.rules[0].name, "rule-3-xyyz-fallback-us-west-2");
}

#[test]
fn data_sources_resource_attributes_and_unknown_functions_are_located_notes() {
    let src = r#"resource "aws_cloudwatch_event_rule" "r" {
  name          = "r"
  description   = data.aws_region.current.name
  event_pattern = templatefile("pattern.json", {})
}

resource "awscc_chatbot_custom_action" "a" {
  action_name = "A"
  definition = {
    command_text = aws_iam_role.x.arn
  }
  attachments = [{ button_text = "A" }]
}
"#;
    check_note(
        src,
        &[
            "main.tf:3",
            "`data.aws_region.current.name` cannot be known before apply",
            "skipped",
        ],
    );
    check_note(
        src,
        &[
            "main.tf:4",
            "`templatefile`: pattern.json is not among the files given",
            "kept the current pattern",
        ],
    );
    check_note(src, &["main.tf:10", "`aws_iam_role.x.arn` is not declared"]);
}

#[test]
fn malformed_hcl_is_a_located_error_and_other_files_still_import() {
    let bad = "resource \"aws_sns_topic\" \"t\" {\n  name = \n}\n";
    let e = tf(&[("bad.tf", bad)]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("bad.tf, line 2, column 10: not valid HCL"),
        "{e}"
    );
    let r = tf(&[("bad.tf", bad), ("main.tf", FIXTURE)]).unwrap();
    assert!(
        r.notes
            .iter()
            .any(|n| n.location == "bad.tf" && n.line == Some(2) && n.is_error()),
        "{:#?}",
        r.notes
    );
    assert_eq!(r.design.actions.len(), 3);
}

#[test]
fn unknown_blocks_and_unread_resources_are_noted() {
    check_note(
        "widget \"x\" {}\nresource \"aws_sns_topic\" \"t\" { name = \"t\" }\n",
        &["main.tf:1", "`widget` is not a Terraform block"],
    );
    check_note(
        "module \"m\" { source = \"./m\" }\nresource \"aws_sns_topic\" \"t\" { name = \"t\" }\n",
        &["module `m` calls ./m", "not among those given"],
    );
    check_note(
        "resource \"aws_iam_role\" \"r\" {}\nresource \"aws_sns_topic\" \"t\" { name = \"t\" }\n",
        &["not imported", "aws_iam_role.r"],
    );
    check_note(
        "resource \"aws_iam_role\" \"r\" {}\n",
        &["error: no resource this import reads"],
    );
}

#[test]
fn self_reference_and_deep_nesting_stop_with_a_note() {
    check_note(
        "locals {\n  a = local.a\n}\nresource \"aws_sns_topic\" \"t\" { name = local.a }\n",
        &["refers to itself"],
    );
    for (open, close) in [
        ("(", ")"),
        ("[", "]"),
        ("\"${", "}\""),
        ("!", ""),
        ("1 + ", ""),
    ] {
        let deep = format!(
            "resource \"aws_sns_topic\" \"t\" {{\n  name = {}\"x\"{}\n}}\n",
            open.repeat(200),
            close.repeat(200)
        );
        check_note(
            &deep,
            &["error: main.tf, line 2", "nests more than 32 levels deep"],
        );
    }
    let chain: String = (0..80)
        .map(|i| format!("  l{i} = local.l{}\n", i + 1))
        .collect();
    check_note(&format!("locals {{\n{chain}  l80 = \"x\"\n}}\nresource \"aws_sns_topic\" \"t\" {{\n  name = local.l0\n}}\n"), &["nested too deeply"]);
}

#[test]
fn template_directives_count_toward_the_nesting_limit() {
    for (open, close) in [
        ("%{if true}", "%{endif}"),
        ("%{ for x in [1] }", "%{ endfor }"),
        ("%{~if true~}", "%{~endif~}"),
    ] {
        let quoted = format!(
            "resource \"aws_sns_topic\" \"t\" {{\n  name = \"{}x{}\"\n}}\n",
            open.repeat(2000),
            close.repeat(2000)
        );
        check_note(
            &quoted,
            &[
                "main.tf, line 2",
                "nests more than 32 levels deep",
                "template directives",
            ],
        );
        let heredoc = format!(
            "resource \"aws_sns_topic\" \"t\" {{\n  name = <<EOT\n{}x{}\nEOT\n}}\n",
            open.repeat(2000),
            close.repeat(2000)
        );
        check_note(&heredoc, &["nests more than 32 levels deep"]);
    }
    // Directives one after the other do not nest.
    let flat = format!(
        "resource \"aws_sns_topic\" \"t\" {{\n  name = \"{}\"\n}}\n",
        "%{if true}a%{endif}".repeat(200)
    );
    assert!(
        notes(&flat).iter().all(|n| !n.contains("nests more than")),
        "{:?}",
        notes(&flat)
    );
}

/// Values that multiply their input stop at the room for values with a located note, in bounded
/// memory and time, whatever shape repeats them.
#[test]
fn values_that_multiply_stop_at_the_room_for_values() {
    let x1000 = "x".repeat(1000);
    let rep = |name: &str, n: usize| format!("${{local.{name}}}").repeat(n);
    let nested = format!(
        "locals {{\n  a3 = \"{x1000}\"\n  a2 = \"{}\"\n  a1 = \"{}\"\n  a0 = \"{}\"\n}}\nresource \"aws_sns_topic\" \"t\" {{\n  name = local.a0\n}}\n",
        rep("a3", 1000),
        rep("a2", 1000),
        rep("a1", 1000)
    );
    let concat = format!(
        "locals {{\n  b3 = [\"{x1000}\"]\n  b2 = concat({})\n  b1 = concat({})\n  b0 = concat({})\n}}\nresource \"aws_sns_topic\" \"t\" {{\n  name = join(\"\", local.b0)\n}}\n",
        vec!["local.b3"; 1000].join(", "),
        vec!["local.b2"; 1000].join(", "),
        vec!["local.b1"; 1000].join(", ")
    );
    let replace = format!(
        "locals {{\n  s = \"{}\"\n  big = \"{x1000}\"\n  r1 = replace(local.s, \"a\", \"${{local.big}}${{local.big}}\")\n  r0 = replace(local.r1, \"x\", local.r1)\n}}\nresource \"aws_sns_topic\" \"t\" {{\n  name = local.r0\n}}\n",
        "a".repeat(5000)
    );
    let split = format!(
        "locals {{\n  s = \"{}\"\n  t = replace(local.s, \"a\", local.s)\n}}\nresource \"aws_sns_topic\" \"t\" {{\n  name = tostring(length(split(\"a\", local.t)))\n}}\n",
        "a".repeat(5000)
    );
    for text in [nested, concat, replace, split] {
        check_note(&text, &["main.tf", "the values built pass 32 MB"]);
    }
    // Sets of many values are made in linear time.
    let many: Vec<String> = (0..20_000)
        .map(|i| format!("\"v{}\"", i % 10_000))
        .collect();
    let set = format!(
        "resource \"aws_sns_topic\" \"t\" {{\n  name = tostring(length(toset([{}])))\n}}\n",
        many.join(", ")
    );
    let imported = tf(&[("main.tf", &set)]).unwrap();
    assert_eq!(imported.design.deployment.sns_topic_name, "10000");
}

#[test]
fn describe_rule_and_list_targets_output_import_pasted_together_or_in_turn() {
    let rule = r#"{"Name": "ready", "Arn": "arn:aws:events:us-east-1:123456789012:rule/ready", "EventPattern": "{\"source\":[\"aws.codedeploy\"],\"detail\":{\"state\":[\"READY\"]}}", "State": "ENABLED", "Description": "Ready", "EventBusName": "default"}"#;
    let bg = seed();
    let (template, _) = bg.rules[0].input_template(&bg.deployment.parameters);
    let targets = serde_json::json!({"Targets": [{"Id": "sns", "Arn": "arn:aws:sns:us-east-1:123456789012:t",
        "InputTransformer": {"InputPathsMap": {"id": "$.detail.deploymentId"}, "InputTemplate": template}}]}).to_string();
    let base = preset("blank").unwrap();
    let together = import(&format!("{rule}\n{targets}\n"), &base).unwrap();
    let first = import(rule, &base).unwrap();
    let in_turn = import(&targets, &first.design).unwrap();
    assert_eq!(together.design, in_turn.design);
    assert_eq!(together.kind, ImportKind::EventBridgeCli);
    let d = together.design;
    assert_eq!(
        (d.rules[0].name.as_str(), d.rules[0].description.as_str()),
        ("ready", "Ready")
    );
    assert_eq!(d.rules[0].event_pattern["detail"]["state"][0], "READY");
    assert_eq!(d.rules[0].input_paths["id"], "$.detail.deploymentId");
    // The seed's template, with its parameter filled in, reads back as a notification.
    assert_eq!(d.rules[0].input_template_override, None);
    assert_eq!(
        d.rules[0].notification.title,
        bg.rules[0].notification.title
    );
}

#[test]
fn describe_slack_channel_configurations_output_sets_the_channel() {
    let out = r#"{"SlackChannelConfigurations": [{"SlackTeamName": "team", "SlackTeamId": "T0ABC", "SlackChannelId": "C0XYZ", "SlackChannelName": "deploys",
        "ChatConfigurationArn": "arn:aws:chatbot::123456789012:chat-configuration/slack-channel/ops", "IamRoleArn": "arn:aws:iam::123456789012:role/r",
        "SnsTopicArns": ["arn:aws:sns:eu-west-1:123456789012:ops-topic"], "ConfigurationName": "ops", "LoggingLevel": "ERROR"}]}"#;
    let r = import(out, &preset("blank").unwrap()).unwrap();
    let dep = &r.design.deployment;
    assert_eq!(r.kind, ImportKind::ChannelCli);
    assert_eq!(
        (
            dep.slack_workspace_id.as_str(),
            dep.slack_channel_id.as_str(),
            dep.channel_configuration_name.as_str(),
            dep.sns_topic_name.as_str(),
            dep.region.as_str(),
            dep.account_id.as_str()
        ),
        (
            "T0ABC",
            "C0XYZ",
            "ops",
            "ops-topic",
            "eu-west-1",
            "123456789012"
        )
    );
}

#[test]
fn notes_are_bounded_and_the_rest_counted() {
    let mut src: String = (0..300).map(|i| format!("widget{i} {{}}\n")).collect();
    src.push_str("resource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n");
    let r = tf(&[("main.tf", &src)]).unwrap();
    assert_eq!(r.notes.len(), 101);
    assert_eq!(r.notes[100].message, "200 more notes are not shown");
    assert_eq!(r.design.deployment.sns_topic_name, "t");
}

#[test]
fn count_and_template_directives() {
    let two = tf(&[(
        "main.tf",
        "resource \"aws_sns_topic\" \"t\" {\n  count = 2\n  name  = \"t-${count.index}\"\n}\n",
    )])
    .unwrap();
    assert_eq!(two.design.deployment.sns_topic_name, "t-0");
    check_note(
        "resource \"aws_sns_topic\" \"t\" {\n  count = 0\n  name  = \"t\"\n}\n",
        &["main.tf:1", "creates nothing (its `count` is 0)"],
    );
    let src = "locals {\n  steps = [\"a\", \"b\"]\n}\nresource \"aws_cloudwatch_event_rule\" \"r\" {\n  name          = \"%{for s in local.steps}${s}-%{endfor}%{if true}x%{else}y%{endif}\"\n  event_pattern = \"{}\"\n}\n";
    assert_eq!(
        tf(&[("main.tf", src)]).unwrap().design.rules[0].name,
        "a-b-x"
    );
}
