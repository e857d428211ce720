//! A design with several rules: the version-1 migration, the lifecycle preset through simulate,
//! batch, replay and the channel, the rule edits, the exports of several rules and a Microsoft
//! Teams channel, and their imports back.

use chatops_designer::domain::design::migrate::v1_value;
use chatops_designer::domain::design::model::{ChatPlatform, Design, DesignError};
use chatops_designer::domain::design::presets::{preset, seed, PRESETS};
use chatops_designer::domain::design::samples::sample;
use chatops_designer::domain::design::share::{decode, encode};
use chatops_designer::domain::export::lower::lower;
use chatops_designer::domain::export::{export, ExportOptions, Format};
use chatops_designer::domain::import::{import, ImportKind};
use chatops_designer::domain::pipeline::replay::replay;
use chatops_designer::domain::pipeline::simulate::{
    batch_compiled, compile, simulate_all, validate, SimulateOptions,
};
use chatops_designer::domain::view::channel::{channel, sequence, sequence_events};
use chatops_designer::domain::view::edits::rules;
use chatops_designer::domain::view::fields::FieldRef;
use serde_json::Value;

const LIFECYCLE: &str = "blue-green-lifecycle";

fn event(id: &str) -> Value {
    serde_json::from_str(sample(id).unwrap().json).unwrap()
}

fn lifecycle() -> Design {
    preset(LIFECYCLE).unwrap()
}

fn file(files: &[chatops_designer::domain::export::ExportFile], name: &str) -> String {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .contents
        .clone()
}

#[test]
fn every_preset_written_as_version_1_opens_as_itself() {
    for p in PRESETS {
        let d = preset(p.id).unwrap();
        let Some(v1) = v1_value(&d) else {
            assert!(
                d.rules.len() > 1,
                "{}: only a design of several rules has no version 1",
                p.id
            );
            continue;
        };
        assert_eq!(v1["formatVersion"], 1);
        assert!(v1.get("rule").is_some() && v1.get("notification").is_some());
        let back = Design::from_json(&serde_json::to_string_pretty(&v1).unwrap()).unwrap();
        assert_eq!(back, d, "{}", p.id);
        // Written back, it is a version-2 file.
        assert!(back.to_json().contains("\"formatVersion\": 2"));
    }
}

#[test]
fn a_version_1_file_keeps_its_errors_located() {
    let v1 = serde_json::to_string_pretty(&v1_value(&seed()).unwrap()).unwrap();
    let typo = v1.replacen("\"title\"", "\"titel\"", 1);
    match Design::from_json(&typo) {
        Err(DesignError::Shape { path, line, .. }) => {
            assert_eq!(path, "notification.titel");
            assert!(line > 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_design_holds_1_to_100_rules() {
    let mut d = seed();
    d.rules.clear();
    assert_eq!(
        Design::from_json(&d.to_json()),
        Err(DesignError::RuleCount(0))
    );
    let mut d = seed();
    let one = d.rules[0].clone();
    d.rules = (0..101)
        .map(|i| {
            let mut r = one.clone();
            r.name = format!("r{i}");
            r
        })
        .collect();
    let e = Design::from_json(&d.to_json()).unwrap_err();
    assert!(e.to_string().contains("1 to 100 rules"), "{e}");
}

#[test]
fn the_lifecycle_preset_posts_start_ready_and_the_result_each_from_its_own_rule() {
    let d = lifecycle();
    assert!(
        validate(&d).iter().all(|x| !x.is_error()),
        "{:#?}",
        validate(&d)
    );
    let c = compile(&d);
    let opts = SimulateOptions::default();
    for (sample_id, rule, buttons) in [
        (
            "codedeploy-deployment-start",
            "codedeploy-bluegreen-start",
            0,
        ),
        (
            "codedeploy-deployment-ready",
            "codedeploy-bluegreen-ready",
            3,
        ),
        (
            "codedeploy-deployment-success",
            "codedeploy-bluegreen-done",
            0,
        ),
        (
            "codedeploy-deployment-failure",
            "codedeploy-bluegreen-done",
            0,
        ),
    ] {
        let runs = simulate_all(&c, &event(sample_id), &opts);
        assert_eq!(runs.len(), 3);
        let delivered: Vec<_> = runs.iter().filter(|r| r.simulation.delivered).collect();
        assert_eq!(delivered.len(), 1, "{sample_id}");
        assert_eq!(delivered[0].rule, rule, "{sample_id}");
        assert_eq!(
            delivered[0].simulation.buttons.len(),
            buttons,
            "{sample_id}"
        );
    }
}

#[test]
fn the_channel_shows_one_thread_of_three_messages_with_the_buttons_on_ready_only() {
    let d = lifecycle();
    let events = sequence_events(sequence("blue-green").unwrap());
    let posts = channel(&d, &events, true, &SimulateOptions::default());
    let delivered: Vec<_> = posts.iter().filter(|p| p.delivered).collect();
    assert_eq!(delivered.len(), 3, "{posts:#?}");
    assert_eq!(posts.iter().filter(|p| p.top_level).count(), 1);
    let top = posts.iter().position(|p| p.top_level).unwrap();
    assert!(delivered
        .iter()
        .filter(|p| !p.top_level)
        .all(|p| p.reply_to == Some(top)));
    for p in &delivered {
        let ready = p.rule.as_deref() == Some("codedeploy-bluegreen-ready");
        assert_eq!(!p.buttons.is_empty(), ready, "{p:?}");
    }
    // The seed, with one rule, still posts READY only.
    let seed_posts = channel(&seed(), &events, true, &SimulateOptions::default());
    assert_eq!(seed_posts.iter().filter(|p| p.delivered).count(), 1);
}

#[test]
fn batch_is_rules_by_samples_and_replay_counts_per_rule_and_in_total() {
    let d = lifecycle();
    let c = compile(&d);
    let samples = chatops_designer::domain::design::sources::design_samples(&d);
    assert_eq!(
        samples.len(),
        10,
        "a CodeDeploy design runs CodeDeploy's samples"
    );
    let rows = batch_compiled(&c, &samples);
    assert_eq!(rows.len(), samples.len() * 3);
    assert_eq!(rows[0].rule, 0);
    assert_eq!(rows[1].rule_name, "codedeploy-bluegreen-ready");
    let log: String = [
        "codedeploy-deployment-start",
        "codedeploy-deployment-ready",
        "codedeploy-deployment-success",
        "codedeploy-instance-start",
    ]
    .iter()
    .map(|s| event(s).to_string() + "\n")
    .collect();
    let (_, summary) = replay(&c, &log).unwrap();
    assert_eq!(
        (summary.read, summary.matched, summary.delivered),
        (4, 3, 3)
    );
    let per: Vec<(usize, usize)> = summary
        .rules
        .iter()
        .map(|r| (r.matched, r.delivered))
        .collect();
    assert_eq!(per, [(1, 1), (1, 1), (1, 1)]);
    // Two rules that match one event deliver two messages for it.
    let mut both = d.clone();
    both.rules[2].event_pattern["detail"]["state"] = serde_json::json!(["READY"]);
    let (_, s) = replay(&compile(&both), &log).unwrap();
    assert_eq!((s.matched, s.delivered), (2, 3));
}

#[test]
fn a_disabled_rule_matches_but_delivers_nothing() {
    let mut d = lifecycle();
    d.rules[0].enabled = false;
    let runs = simulate_all(
        &compile(&d),
        &event("codedeploy-deployment-start"),
        &SimulateOptions::default(),
    );
    assert!(runs[0].simulation.matched && !runs[0].simulation.delivered);
    assert!(runs[0]
        .simulation
        .not_delivered
        .as_deref()
        .unwrap()
        .contains("disabled"));
    let json = d.to_json();
    assert_eq!(json.matches("\"enabled\": false").count(), 1);
    assert_eq!(Design::from_json(&json).unwrap(), d);
}

#[test]
fn rule_names_are_unique_and_diagnostics_name_their_rule() {
    let mut d = lifecycle();
    d.rules[2].name = d.rules[0].name.clone();
    d.rules[1].notification.description.clear();
    let diags = validate(&d);
    assert!(diags
        .iter()
        .any(|x| x.location == "rules/2/name" && x.is_error() && x.message.contains("two rules")));
    let empty = diags
        .iter()
        .find(|x| x.message.contains("description is empty"))
        .unwrap();
    assert_eq!(empty.location, "rules/1/notification/description");
    assert_eq!(
        FieldRef::parse(&empty.location),
        Some(FieldRef::Description)
    );
    assert_eq!(FieldRef::rule_of(&empty.location), Some(1));
    assert_eq!(FieldRef::Description.location(1), empty.location);
}

#[test]
fn the_rule_edits_keep_names_unique_and_one_rule_at_least() {
    let mut d = seed();
    let at = rules::add(&mut d, 0).unwrap();
    assert_eq!((at, d.rules.len()), (1, 2));
    assert_eq!(d.rules[1].event_pattern, d.rules[0].event_pattern);
    let copy = rules::duplicate(&mut d, 0).unwrap();
    assert_eq!(d.rules[copy].name, "codedeploy-bluegreen-ready-copy");
    rules::duplicate(&mut d, 0).unwrap();
    assert_eq!(d.rules[1].name, "codedeploy-bluegreen-ready-copy-2");
    let names: std::collections::HashSet<_> = d.rules.iter().map(|r| &r.name).collect();
    assert_eq!(names.len(), d.rules.len());
    assert_eq!(rules::shift(&mut d, 0, -1), None);
    assert_eq!(rules::shift(&mut d, 0, 1), Some(1));
    while d.rules.len() > 1 {
        rules::remove(&mut d, 0).unwrap();
    }
    assert_eq!(rules::remove(&mut d, 0), None, "the last rule stays");
    assert!(validate(&d).iter().all(|x| !x.is_error()));
}

#[test]
fn share_links_of_several_rules_stay_compact_and_round_trip() {
    let d = lifecycle();
    let link = encode(&d).unwrap();
    assert!(link.starts_with("3.") && link.len() < 60, "{link}");
    assert_eq!(decode(&link).unwrap(), d);
    let mut edited = d.clone();
    edited.rules[1].notification.title = "Ready: validate the green fleet".into();
    let link = encode(&edited).unwrap();
    assert!(link.len() < 140, "{} characters", link.len());
    assert_eq!(decode(&link).unwrap(), edited);
    let mut fewer = d.clone();
    rules::remove(&mut fewer, 0);
    assert_eq!(decode(&encode(&fewer).unwrap()).unwrap(), fewer);
}

#[test]
fn exports_name_each_rule_after_it_and_reordering_renames_nothing() {
    let d = lifecycle();
    let tf = export(&d, Format::Terraform, &ExportOptions::default(), &[]).files;
    let main = file(&tf, "main.tf");
    for label in [
        "rule_codedeploy_bluegreen_start",
        "rule_codedeploy_bluegreen_ready",
        "rule_codedeploy_bluegreen_done",
    ] {
        assert!(main.contains(&format!(
            "resource \"aws_cloudwatch_event_rule\" \"{label}\""
        )));
        assert!(main.contains(&format!(
            "resource \"aws_cloudwatch_event_target\" \"{label}\""
        )));
        assert!(
            main.contains(&format!(
                "rule      = aws_cloudwatch_event_rule.{label}.name"
            )) || main.contains(&format!("rule = aws_cloudwatch_event_rule.{label}.name"))
        );
    }
    let mut moved = d.clone();
    rules::shift(&mut moved, 0, 1);
    let moved_main = file(
        &export(&moved, Format::Terraform, &ExportOptions::default(), &[]).files,
        "main.tf",
    );
    let labels = |t: &str| {
        let mut l: Vec<String> = t
            .lines()
            .filter(|l| l.starts_with("resource "))
            .map(str::to_string)
            .collect();
        l.sort();
        l
    };
    assert_eq!(labels(&main), labels(&moved_main));
    let cfn = file(
        &export(
            &d,
            Format::CloudFormationYaml,
            &ExportOptions::default(),
            &[],
        )
        .files,
        "template.yaml",
    );
    for id in [
        "CodedeployBluegreenStartRule:",
        "CodedeployBluegreenReadyRule:",
        "CodedeployBluegreenDoneRule:",
    ] {
        assert!(cfn.contains(id), "{id}");
    }
    let cli = file(
        &export(&d, Format::Cli, &ExportOptions::default(), &[]).files,
        "deploy.sh",
    );
    assert_eq!(cli.matches("aws events put-rule").count(), 3);
    assert_eq!(cli.matches("aws events put-targets").count(), 3);
    // Log groups, one per rule, each with its own names.
    let logged = ExportOptions {
        log_events: true,
        ..ExportOptions::default()
    };
    let l = lower(&d, &logged, &[]);
    assert_eq!(l.rules().filter(|r| r.log_group.is_some()).count(), 3);
    let main = file(
        &export(&d, Format::Terraform, &logged, &[]).files,
        "main.tf",
    );
    assert_eq!(
        main.matches("resource \"aws_cloudwatch_log_group\"")
            .count(),
        3
    );
    assert!(main.contains("aws_cloudwatch_log_group.log_codedeploy_bluegreen_done.arn"));
}

#[test]
fn rules_whose_names_share_words_get_distinct_resource_names() {
    let mut d = lifecycle();
    d.rules[0].name = "a-b".into();
    d.rules[1].name = "a_b".into();
    d.rules[2].name = "9".into();
    let main = file(
        &export(&d, Format::Terraform, &ExportOptions::default(), &[]).files,
        "main.tf",
    );
    assert!(main.contains("\"rule_a_b\""));
    assert!(main.contains("\"rule_a_b2\""));
    assert!(
        main.contains("\"rule_9\""),
        "a label never starts with a digit"
    );
}

#[test]
fn a_disabled_rule_exports_disabled_in_every_format() {
    let mut d = lifecycle();
    d.rules[0].enabled = false;
    let main = file(
        &export(&d, Format::Terraform, &ExportOptions::default(), &[]).files,
        "main.tf",
    );
    assert!(main.contains("state = \"DISABLED\"") || main.contains("state       = \"DISABLED\""));
    assert!(main.contains(">= 5.27"));
    let cfn = file(
        &export(
            &d,
            Format::CloudFormationYaml,
            &ExportOptions::default(),
            &[],
        )
        .files,
        "template.yaml",
    );
    assert_eq!(cfn.matches("State: DISABLED").count(), 1);
    let cli = file(
        &export(&d, Format::Cli, &ExportOptions::default(), &[]).files,
        "deploy.sh",
    );
    assert_eq!(cli.matches("\"State\": \"DISABLED\"").count(), 1);
}

fn teams(mut d: Design) -> Design {
    let dep = &mut d.deployment;
    dep.platform = ChatPlatform::Teams;
    dep.teams_team_id = "8f5a2c1e-1234-4c3b-9a6d-0123456789ab".into();
    dep.teams_channel_id = "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2".into();
    dep.teams_tenant_id = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f".into();
    d
}

#[test]
fn a_teams_channel_exports_its_configuration_in_every_format() {
    let d = teams(lifecycle());
    let main = file(
        &export(&d, Format::Terraform, &ExportOptions::default(), &[]).files,
        "main.tf",
    );
    assert!(main
        .contains("resource \"awscc_chatbot_microsoft_teams_channel_configuration\" \"channel\""));
    assert!(main.contains("teams_tenant_id"));
    assert!(main.contains("customization_resource_arns"));
    assert!(!main.contains("slack_workspace_id"));
    let vars = file(
        &export(&d, Format::Terraform, &ExportOptions::default(), &[]).files,
        "variables.tf",
    );
    assert!(vars.contains("variable \"teams_team_id\""));
    assert!(vars.contains("19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2"));
    let cfn = file(
        &export(
            &d,
            Format::CloudFormationYaml,
            &ExportOptions::default(),
            &[],
        )
        .files,
        "template.yaml",
    );
    assert!(cfn.contains("Type: AWS::Chatbot::MicrosoftTeamsChannelConfiguration"));
    assert!(cfn.contains("TeamsTenantId: !Ref TeamsTenantId"));
    let cli = file(
        &export(&d, Format::Cli, &ExportOptions::default(), &[]).files,
        "deploy.sh",
    );
    assert!(cli.contains("aws chatbot create-microsoft-teams-channel-configuration"));
    assert!(cli.contains("list-microsoft-teams-channel-configurations"));
    assert!(cli.contains("TeamChannelConfigurations[?ConfigurationName"));
    assert!(!cli.contains("slack"));
}

#[test]
fn teams_ids_are_checked_as_aws_checks_them() {
    use chatops_designer::domain::design::settings::{GUID, TEAMS_CHANNEL_ID};
    assert!(GUID.accepts("8f5a2c1e-1234-4c3b-9a6d-0123456789ab"));
    assert!(!GUID.accepts("8f5a2c1e1-234-4c3b-9a6d-0123456789ab"));
    assert!(!GUID.accepts("1234"));
    assert!(TEAMS_CHANNEL_ID.accepts("19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2"));
    assert!(TEAMS_CHANNEL_ID.accepts("19%3AB6EF%40thread.skype"));
    assert!(
        !TEAMS_CHANNEL_ID.accepts("19:b6ef@thread.tacv2"),
        "decoded ids are refused"
    );
    assert!(!TEAMS_CHANNEL_ID.accepts("C0123ABCDEF"));
    assert!(!TEAMS_CHANNEL_ID.accepts("19%3ab%40c%40d"));
}

#[test]
fn several_rules_and_a_teams_channel_come_back_from_every_export() {
    let want = teams(lifecycle());
    let blank = preset("blank").unwrap();
    // CloudFormation, both encodings.
    for format in [Format::CloudFormationYaml, Format::CloudFormationJson] {
        let files = export(&want, format, &ExportOptions::default(), &[]).files;
        let text = &files
            .iter()
            .find(|f| f.name.starts_with("template."))
            .unwrap()
            .contents;
        let r = import(text, &blank).unwrap();
        assert_eq!(r.kind, ImportKind::CloudFormation);
        assert_same_rules(&r.design, &want, &format!("{format:?}"));
        assert_teams(&r.design, &want);
        assert!(
            r.notes
                .iter()
                .any(|n| n.message.contains("3 rules imported")),
            "{:?}",
            r.notes
        );
    }
    // Terraform.
    let files: Vec<(String, String)> =
        export(&want, Format::Terraform, &ExportOptions::default(), &[])
            .files
            .into_iter()
            .map(|f| (f.name, f.contents))
            .collect();
    let r = chatops_designer::domain::import::terraform::import_terraform(&files, &blank).unwrap();
    assert_same_rules(&r.design, &want, "terraform");
    assert_teams(&r.design, &want);
}

fn assert_same_rules(got: &Design, want: &Design, case: &str) {
    assert_eq!(got.rules.len(), want.rules.len(), "{case}");
    for (g, w) in got.rules.iter().zip(&want.rules) {
        assert_eq!(
            (
                &g.name,
                &g.description,
                g.enabled,
                &g.event_pattern,
                &g.input_paths
            ),
            (
                &w.name,
                &w.description,
                w.enabled,
                &w.event_pattern,
                &w.input_paths
            ),
            "{case}"
        );
        assert_eq!(g.notification, w.notification, "{case}: {}", w.name);
    }
}

fn assert_teams(got: &Design, want: &Design) {
    let (g, w) = (&got.deployment, &want.deployment);
    assert_eq!(g.platform, ChatPlatform::Teams);
    assert_eq!(
        (&g.teams_team_id, &g.teams_channel_id, &g.teams_tenant_id),
        (&w.teams_team_id, &w.teams_channel_id, &w.teams_tenant_id)
    );
}

#[test]
fn the_aws_cli_outputs_of_teams_and_of_several_rules_import() {
    let list = r#"{"TeamChannelConfigurations": [{"ChannelId": "19%3aabc%40thread.tacv2", "TeamId": "8f5a2c1e-1234-4c3b-9a6d-0123456789ab", "TenantId": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "ChatConfigurationArn": "arn:aws:chatbot::123456789012:chat-configuration/microsoft-teams-channel/ops", "IamRoleArn": "arn:aws:iam::123456789012:role/x", "SnsTopicArns": ["arn:aws:sns:eu-west-1:123456789012:ops-topic"], "ConfigurationName": "ops"}]}"#;
    let r = import(list, &seed()).unwrap();
    let dep = &r.design.deployment;
    assert_eq!(dep.platform, ChatPlatform::Teams);
    assert_eq!(dep.teams_channel_id, "19%3aabc%40thread.tacv2");
    assert_eq!(dep.channel_configuration_name, "ops");
    assert_eq!(dep.sns_topic_name, "ops-topic");
    let rules = r#"{"Rules": [
        {"Name": "start", "EventPattern": "{\"source\":[\"aws.codedeploy\"],\"detail\":{\"state\":[\"START\"]}}", "State": "ENABLED"},
        {"Name": "ready", "EventPattern": "{\"source\":[\"aws.codedeploy\"],\"detail\":{\"state\":[\"READY\"]}}", "State": "DISABLED"}
    ]}"#;
    let r = import(rules, &seed()).unwrap();
    let names: Vec<_> = r.design.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["start", "ready"]);
    assert!(!r.design.rules[1].enabled);
    // Each list-targets-by-rule output, in turn, fills the next rule still without a notification.
    let targets = r#"{"Targets": [{"Id": "sns", "Arn": "arn:aws:sns:us-east-1:123456789012:t", "InputTransformer": {"InputPathsMap": {"id": "$.detail.deploymentId"}, "InputTemplate": "{\"version\": \"1.0\", \"source\": \"custom\", \"content\": {\"description\": \"Started <id>\"}}"}}]}"#;
    let template = |r: &chatops_designer::domain::design::model::RuleDesign| {
        r.input_template_override
            .clone()
            .unwrap_or_else(|| r.notification.description.clone())
    };
    let first = import(targets, &r.design).unwrap().design;
    assert!(template(&first.rules[0]).contains("Started <id>"));
    assert_eq!(first.rules[0].input_paths["id"], "$.detail.deploymentId");
    let second = import(&targets.replace("Started", "Ready"), &first)
        .unwrap()
        .design;
    assert!(template(&second.rules[1]).contains("Ready <id>"));
    assert!(template(&second.rules[0]).contains("Started <id>"));
}

#[test]
fn targets_go_to_the_rule_they_belong_to_not_to_a_position() {
    use chatops_designer::domain::import::import_files;
    let d = lifecycle();
    let targets = |text: &str| {
        format!(
            r#"{{"Targets": [{{"Id": "sns", "Arn": "arn:aws:sns:us-east-1:123456789012:t", "InputTransformer": {{"InputPathsMap": {{"id": "$.detail.deploymentId"}}, "InputTemplate": "{{\"x\": \"{text} <id>\"}}"}}}}]}}"#
        )
    };
    // A file named after a rule.
    let got = import_files(
        &[(
            "targets-codedeploy-bluegreen-done.json".into(),
            targets("Done"),
        )],
        &d,
    )
    .unwrap()
    .design;
    let override_of = |d: &Design, i: usize| d.rules[i].input_template_override.clone();
    assert!(override_of(&got, 2).unwrap().contains("Done <id>"));
    assert_eq!(override_of(&got, 0), None);
    // Printed right after its rule's describe-rule, in one pasted text.
    let described = r#"{"Name": "codedeploy-bluegreen-start", "EventPattern": "{\"source\":[\"aws.codedeploy\"]}", "State": "ENABLED"}"#;
    let got = import(&format!("{described}\n{}", targets("Start")), &d)
        .unwrap()
        .design;
    assert!(override_of(&got, 0).unwrap().contains("Start <id>"));
    assert_eq!(got.rules.len(), 3);
}

#[test]
fn a_parameter_two_rules_use_is_one_parameter_of_the_export() {
    let mut d = lifecycle();
    d.rules[0].notification.next_steps = vec!["Watch {{greenUrl}}".into()];
    let l = lower(&d, &ExportOptions::default(), &[]);
    let spliced: Vec<_> = l
        .params
        .iter()
        .filter(|p| p.description.contains("greenUrl"))
        .collect();
    assert_eq!(spliced.len(), 1, "{spliced:#?}");
    for format in [Format::CloudFormationYaml, Format::Terraform] {
        let files = export(&d, format, &ExportOptions::default(), &[]).files;
        let all: String = files.iter().map(|f| f.contents.as_str()).collect();
        let declared = all.matches("ParamGreenUrl:").count()
            + all.matches("variable \"param_green_url\"").count();
        assert_eq!(declared, 1, "{format:?}");
    }
}

#[test]
fn hashicorp_aws_teams_and_slack_channel_resources_import() {
    use chatops_designer::domain::import::terraform::import_terraform;
    let tf = r#"
resource "aws_chatbot_teams_channel_configuration" "ops" {
  channel_id         = "19%3aops%40thread.tacv2"
  configuration_name = "ops-teams"
  iam_role_arn       = "arn:aws:iam::123456789012:role/chatbot"
  team_id            = "8f5a2c1e-1234-4c3b-9a6d-0123456789ab"
  tenant_id          = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
}
"#;
    let r = import_terraform(&[("main.tf".into(), tf.into())], &seed()).unwrap();
    let dep = &r.design.deployment;
    assert_eq!(dep.platform, ChatPlatform::Teams);
    assert_eq!(
        (
            &dep.teams_team_id[..],
            &dep.teams_channel_id[..],
            &dep.teams_tenant_id[..]
        ),
        (
            "8f5a2c1e-1234-4c3b-9a6d-0123456789ab",
            "19%3aops%40thread.tacv2",
            "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
        )
    );
    assert_eq!(dep.channel_configuration_name, "ops-teams");
    // A Teams design that imports a Slack configuration becomes a Slack design again.
    let slack = r#"
resource "aws_chatbot_slack_channel_configuration" "ops" {
  configuration_name = "ops"
  iam_role_arn       = "arn:aws:iam::123456789012:role/chatbot"
  slack_channel_id   = "C07ABCDE123"
  slack_team_id      = "T07ABCDE123"
}
"#;
    let back = import_terraform(&[("main.tf".into(), slack.into())], &r.design).unwrap();
    assert_eq!(back.design.deployment.platform, ChatPlatform::Slack);
    assert_eq!(back.design.deployment.slack_channel_id, "C07ABCDE123");
}
