//! Exports checked by the real tools: cfn-lint, HashiCorp's HCL parser and formatter, shellcheck,
//! and the AWS CLI running the exported scripts against moto (SNS, EventBridge, IAM, STS, SQS) and
//! a chatbot API stub on loopback. The goldens are what is checked; hostile designs go through the
//! same checks. Run by `make export-check`, which installs the tools.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/export_cases.rs"]
mod export_cases;

mod cdk_apps;
#[path = "../common/cfn_yaml.rs"]
mod cfn_yaml;
mod cloud;
mod expect;
mod iam;
mod verify;

use cfn_yaml::yaml_to_json;
use chatops_designer::domain::design::model::{ChatPlatform, Design};
use chatops_designer::domain::export::lower::lower;
use chatops_designer::domain::export::{ExportOptions, Format};
use chatops_designer::domain::pipeline::simulate::{compile, sample_message};
use cloud::{which, Cloud};
use expect::{
    action_api, cfn_resolved, pattern_with_settings, sub_string, template, tf_defaults,
    tf_exact_heredoc, tf_names, tf_string,
};
use export_cases::{export_design, Case, CASES};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn golden_files(format: Format, ext: &str) -> Vec<PathBuf> {
    CASES
        .iter()
        .flat_map(|c| {
            let dir = c.golden_dir(format);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} exists", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect();
            files.sort();
            files
        })
        .collect()
}

/// cfn-lint over templates; returns its exit code and output.
fn cfn_lint(files: &[PathBuf]) -> (i32, String) {
    run(Command::new(which("cfn-lint")).args(files))
}

/// hcl.mjs over Terraform files: path → (parsed JSON, already formatted).
fn hcl(files: &[PathBuf]) -> BTreeMap<String, (Value, bool)> {
    let out = Command::new("node")
        .arg(cloud::tools_dir().join("hcl.mjs"))
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "HCL parser: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Map<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter()
        .map(|(k, v)| (k, (v["json"].clone(), v["formatted"].as_bool().unwrap())))
        .collect()
}

fn shellcheck(files: &[PathBuf]) -> (i32, String) {
    run(Command::new(which("shellcheck")).args(files))
}

/// The CloudFormation template (JSON, and YAML read into the JSON form) carries the design.
fn check_cfn(design: &Design, json_text: &str, yaml_text: &str, what: &str) {
    let tpl: Value = serde_json::from_str(json_text).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(yaml_text).unwrap();
    assert_eq!(
        yaml_to_json(&yaml),
        tpl,
        "{what}: YAML and JSON templates differ"
    );
    let params = &tpl["Parameters"];
    for (id, r) in tpl["Resources"].as_object().unwrap() {
        let props = &r["Properties"];
        match r["Type"].as_str().unwrap() {
            "AWS::Chatbot::CustomAction" => {
                let name = props["ActionName"].as_str().unwrap();
                let a = design.actions.iter().find(|a| a.name == name).unwrap();
                assert_eq!(props, &action_api(a), "{what}: {id}");
            }
            "AWS::Logs::ResourcePolicy" => {
                // The policy is a string with the log group's name spliced in by Fn::Sub.
                let doc = props["PolicyDocument"]["Fn::Sub"].as_str().unwrap();
                let doc: Value = serde_json::from_str(doc).unwrap();
                let s = &doc["Statement"][0];
                assert_eq!(
                    s["Action"],
                    json!(["logs:CreateLogStream", "logs:PutLogEvents"]),
                    "{what}"
                );
                assert_eq!(
                    s["Principal"]["Service"],
                    json!(["events.amazonaws.com", "delivery.logs.amazonaws.com"]),
                    "{what}"
                );
                assert!(
                    s["Resource"].as_str().unwrap().ends_with("LogGroup}:*"),
                    "{what}"
                );
            }
            "AWS::Events::Rule" => {
                let rule = design
                    .rules
                    .iter()
                    .find(|r| props["Name"] == json!(r.name))
                    .unwrap_or_else(|| panic!("{what}: {id} is a rule of the design"));
                let logs = props["Targets"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t["Id"] == json!("chatops-log")));
                let targets = props["Targets"].as_array().unwrap();
                assert_eq!(targets.len(), 1 + usize::from(logs), "{what}: targets");
                if logs {
                    assert_eq!(targets[1]["Id"], json!("chatops-log"), "{what}");
                    let group = targets[1]["Arn"]["Fn::Sub"]
                        .as_str()
                        .and_then(|arn| arn.rsplit("${").next())
                        .map(|g| g.trim_end_matches('}'))
                        .unwrap();
                    assert_eq!(
                        tpl["Resources"][group]["Properties"]["RetentionInDays"],
                        json!(365),
                        "{what}"
                    );
                }
                // The pattern reads the application and deployment group parameters: with their
                // defaults it is the design's, and with other values it follows them.
                for (app, group) in [
                    (
                        design.deployment.application.as_str(),
                        design.deployment.deployment_group.as_str(),
                    ),
                    ("other-app", "other-group"),
                ] {
                    let mut params = params.clone();
                    for (name, value) in [
                        ("CodedeployApplication", app),
                        ("CodedeployDeploymentGroup", group),
                    ] {
                        if params.get(name).is_some() {
                            params[name]["Default"] = json!(value);
                        }
                    }
                    let pattern = match cfn_resolved(&props["EventPattern"], &params) {
                        Value::String(s) => serde_json::from_str(&s).unwrap(),
                        v => v,
                    };
                    assert_eq!(
                        pattern,
                        pattern_with_settings(design, rule, app, group),
                        "{what}: pattern with application {app}, group {group}"
                    );
                }
                let it = &props["Targets"][0]["InputTransformer"];
                let got = match &it["InputTemplate"] {
                    Value::String(s) => s.clone(),
                    v => sub_string(v["Fn::Sub"].as_str().unwrap(), params),
                };
                assert_eq!(got, template(design, rule), "{what}: input template");
                if !rule.input_paths.is_empty() {
                    assert_eq!(it["InputPathsMap"], json!(rule.input_paths), "{what}");
                }
            }
            _ => {}
        }
    }
}

/// The Terraform module carries the design: custom actions, rule, pattern and template.
fn check_tf(design: &Design, main: &Value, variables: &Value, what: &str) {
    let defaults = tf_defaults(variables);
    // hcl2json gives strings in Terraform's JSON syntax: read them back to values.
    fn read(v: &Value, d: &Map<String, Value>) -> Value {
        match v {
            Value::String(s) => json!(tf_string(s, d)),
            Value::Array(a) => Value::Array(a.iter().map(|x| read(x, d)).collect()),
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, x)| (k.clone(), read(x, d))).collect())
            }
            other => other.clone(),
        }
    }
    let resources = &main["resource"];
    if let Some(actions) = resources["awscc_chatbot_custom_action"].as_object() {
        for (id, r) in actions {
            let got = read(&r[0], &defaults);
            let name = got["action_name"].as_str().unwrap();
            let a = design.actions.iter().find(|a| a.name == name).unwrap();
            assert_eq!(got, tf_names(&action_api(a)), "{what}: {id}");
        }
    }
    // Each log group (`events`, or `log_<words>` with several rules), its target and policy.
    for (label, group) in resources["aws_cloudwatch_log_group"]
        .as_object()
        .into_iter()
        .flatten()
    {
        let target_label = if label == "events" {
            "events_log"
        } else {
            label
        };
        assert_eq!(group[0]["retention_in_days"], json!(365), "{what}");
        let target = &resources["aws_cloudwatch_event_target"][target_label][0];
        assert_eq!(
            target["arn"],
            json!(format!("${{aws_cloudwatch_log_group.{label}.arn}}")),
            "{what}"
        );
        assert_eq!(target["target_id"], json!("chatops-log"), "{what}");
        assert!(
            resources["aws_cloudwatch_log_resource_policy"][label]
                .get(0)
                .is_some(),
            "{what}: the log group's resource policy"
        );
    }
    // Each rule (`chatops`, or `rule_<words>` with several) and its target of the same name.
    let rules = resources["aws_cloudwatch_event_rule"].as_object();
    assert_eq!(
        rules.map_or(0, |r| r.len()),
        if main["resource"]["aws_cloudwatch_event_rule"].is_null() {
            0
        } else {
            design.rules.len()
        },
        "{what}: one rule per design rule"
    );
    for (label, raw_rule) in rules.into_iter().flatten() {
        let raw_rule = &raw_rule[0];
        let got_rule = read(raw_rule, &defaults);
        let want = design
            .rules
            .iter()
            .find(|r| got_rule["name"] == json!(r.name))
            .unwrap_or_else(|| panic!("{what}: {label} is a rule of the design"));
        // With other values for the application and deployment group variables, the pattern
        // follows them.
        for (app, group) in [
            (
                design.deployment.application.as_str(),
                design.deployment.deployment_group.as_str(),
            ),
            ("other-app", "other-group"),
        ] {
            let mut vars = defaults.clone();
            for (name, value) in [
                ("codedeploy_application", app),
                ("codedeploy_deployment_group", group),
            ] {
                if vars.contains_key(name) {
                    vars.insert(name.into(), json!(value));
                }
            }
            let text = tf_string(raw_rule["event_pattern"].as_str().unwrap(), &vars);
            let pattern: Value = serde_json::from_str(text.trim_end()).unwrap();
            assert_eq!(
                pattern,
                pattern_with_settings(design, want, app, group),
                "{what}: pattern with application {app}, group {group}"
            );
        }
        let raw_target = &resources["aws_cloudwatch_event_target"][label][0];
        let target = read(raw_target, &defaults);
        assert_eq!(
            raw_target["rule"],
            json!(format!("${{aws_cloudwatch_event_rule.{label}.name}}")),
            "{what}: the target names its own rule"
        );
        let it = &target["input_transformer"][0];
        // The template is read once, from hcl2json's text: `read` would take its escapes first.
        let raw_template = raw_target["input_transformer"][0]["input_template"].as_str();
        let got = tf_exact_heredoc(raw_template.unwrap(), &defaults);
        assert_eq!(got, template(design, want), "{what}: input template");
        if !want.input_paths.is_empty() {
            assert_eq!(it["input_paths"], json!(want.input_paths), "{what}");
        }
    }
}

#[test]
fn cloudformation_goldens_are_lint_clean_and_carry_the_design() {
    let mut files = golden_files(Format::CloudFormationYaml, "yaml");
    files.extend(golden_files(Format::CloudFormationJson, "json"));
    assert_eq!(files.len(), 2 * CASES.len());
    let (code, out) = cfn_lint(&files);
    assert_eq!(code, 0, "cfn-lint:\n{out}");
    for case in CASES {
        let dir = case.golden_dir(Format::CloudFormationJson);
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
        check_cfn(
            &case.design(),
            &read("template.json"),
            &read("template.yaml"),
            case.dir,
        );
    }
}

#[test]
fn terraform_goldens_parse_are_formatted_and_carry_the_design() {
    let files = golden_files(Format::Terraform, "tf");
    assert_eq!(files.len(), 3 * CASES.len());
    let parsed = hcl(&files);
    for (path, (_, formatted)) in &parsed {
        assert!(formatted, "{path} is not laid out as terraform fmt would");
    }
    for case in CASES {
        let dir = case.golden_dir(Format::Terraform);
        let get = |n: &str| parsed[&dir.join(n).display().to_string()].0.clone();
        check_tf(
            &case.design(),
            &get("main.tf"),
            &get("variables.tf"),
            case.dir,
        );
    }
}

#[test]
fn script_goldens_are_shellcheck_clean() {
    let files = golden_files(Format::Cli, "sh");
    assert_eq!(files.len(), 3 * CASES.len());
    let (code, out) = shellcheck(&files);
    assert_eq!(code, 0, "shellcheck:\n{out}");
}

fn ok(out: &std::process::Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The `--cli-input-json` of the first recorded call of `service op` whose `key` is `value` (a
/// rule's `put-rule` by its Name, its `put-targets` by its Rule).
fn input_json_of(argv: &[Vec<String>], service: &str, op: &str, key: &str, value: &str) -> Value {
    argv.iter()
        .filter(|a| a.len() > 1 && a[0] == service && a[1] == op)
        .map(|call| {
            let i = call.iter().position(|a| a == "--cli-input-json").unwrap();
            serde_json::from_str::<Value>(&call[i + 1]).unwrap()
        })
        .find(|v| v[key] == json!(value))
        .unwrap_or_else(|| panic!("{service} {op} was called with {key} {value}"))
}

/// After a deploy: the recorded calls, the stub's requests and moto's state carry the design.
fn check_deployed(
    cloud: &Cloud,
    design: &Design,
    options: &ExportOptions,
    env: &[(&str, &str)],
    what: &str,
) {
    let l = lower(design, options, &[]);
    let argv = cloud.argv();
    let region = &design.deployment.region;
    let topic_arn = if l.creates_topic() {
        let expected = vec![
            "sns",
            "create-topic",
            "--region",
            region,
            "--name",
            &design.deployment.sns_topic_name,
            "--query",
            "TopicArn",
            "--output",
            "text",
        ];
        let created: Vec<&Vec<String>> = argv
            .iter()
            .filter(|a| a.len() > 1 && a[1] == "create-topic")
            .collect();
        assert_eq!(created, [&expected], "{what}: create-topic");
        let topic_arn = format!(
            "arn:aws:sns:{region}:123456789012:{}",
            design.deployment.sns_topic_name
        );
        let attrs = cloud.aws(&[
            "sns",
            "get-topic-attributes",
            "--region",
            region,
            "--topic-arn",
            &topic_arn,
        ]);
        let policy: Value =
            serde_json::from_str(attrs["Attributes"]["Policy"].as_str().unwrap()).unwrap();
        assert_eq!(
            policy["Statement"][0]["Principal"]["Service"],
            "events.amazonaws.com"
        );
        assert_eq!(policy["Statement"][0]["Resource"], json!(topic_arn));
        let key = attrs["Attributes"]["KmsMasterKeyId"].as_str();
        let key_policy = if options.encryption {
            let key = key.expect("the topic is encrypted");
            let k = cloud.aws(&["kms", "describe-key", "--region", region, "--key-id", key]);
            assert_eq!(k["KeyMetadata"]["Arn"], json!(key), "{what}: topic key");
            let p = cloud.aws(&[
                "kms",
                "get-key-policy",
                "--region",
                region,
                "--key-id",
                key,
                "--policy-name",
                "default",
            ]);
            let p: Value = serde_json::from_str(p["Policy"].as_str().unwrap()).unwrap();
            iam::parliament(&p, &format!("{what}: deployed key policy"));
            assert!(
                p["Statement"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["Principal"]["Service"] == "events.amazonaws.com"
                        && s["Action"] == json!(["kms:Decrypt", "kms:GenerateDataKey"])),
                "{what}: EventBridge may use the key: {p}"
            );
            Some(p)
        } else {
            assert_eq!(key, None, "{what}: no topic key");
            None
        };
        iam::parliament(&policy, &format!("{what}: deployed topic policy"));
        let rule_arns: Vec<String> = l
            .rules()
            .map(|r| format!("arn:aws:events:{region}:123456789012:rule/{}", r.name))
            .collect();
        if !rule_arns.is_empty() {
            iam::admits_only_this_accounts_rules(
                &policy,
                key_policy.as_ref(),
                &topic_arn,
                &rule_arns,
                &format!("{what}: deployed"),
            );
        }
        topic_arn
    } else {
        env.iter()
            .find(|(k, _)| *k == "SNS_TOPIC_ARN")
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(l.rules().count(), design.rules.len().min(l.rules().count()));
    for rule in l.rules() {
        let want = design.rules.iter().find(|r| r.name == rule.name).unwrap();
        let put_rule = input_json_of(&argv, "events", "put-rule", "Name", &rule.name);
        let state = if want.enabled { "ENABLED" } else { "DISABLED" };
        let mut expected = json!({"Name": rule.name, "State": state});
        if !want.description.is_empty() {
            expected["Description"] = json!(want.description);
        }
        let pattern: Value =
            serde_json::from_str(put_rule["EventPattern"].as_str().unwrap()).unwrap();
        assert_eq!(pattern, want.event_pattern, "{what}: put-rule pattern");
        let mut without = put_rule.clone();
        without.as_object_mut().unwrap().remove("EventPattern");
        assert_eq!(without, expected, "{what}: put-rule input");
        let mut transformer = json!({"InputTemplate": template(design, want)});
        if !want.input_paths.is_empty() {
            transformer["InputPathsMap"] = json!(want.input_paths);
        }
        let mut expected_targets = json!({"Rule": rule.name, "Targets": [
            {"Id": "chatops-sns", "Arn": topic_arn, "InputTransformer": transformer}
        ]});
        if let Some(g) = &rule.log_group {
            let arn = format!("arn:aws:logs:{region}:123456789012:log-group:{}", g.name);
            expected_targets["Targets"]
                .as_array_mut()
                .unwrap()
                .push(json!({"Id": "chatops-log", "Arn": arn}));
            // moto's state: the log group with its retention, and the resource policy that lets
            // EventBridge write to it (evaluated by moto's IAM evaluator as a resource policy).
            let groups = cloud.aws(&[
                "logs",
                "describe-log-groups",
                "--region",
                region,
                "--log-group-name-prefix",
                &g.name,
            ]);
            let group = groups["logGroups"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["logGroupName"] == json!(g.name))
                .unwrap_or_else(|| panic!("{what}: no log group {}", g.name));
            assert_eq!(group["retentionInDays"], json!(365), "{what}: retention");
            let policies = cloud.aws(&["logs", "describe-resource-policies", "--region", region]);
            let policy = policies["resourcePolicies"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["policyName"] == json!(g.policy_name))
                .unwrap_or_else(|| panic!("{what}: no resource policy {}", g.policy_name));
            let doc: Value =
                serde_json::from_str(policy["policyDocument"].as_str().unwrap()).unwrap();
            let statement = &doc["Statement"][0];
            assert_eq!(
                statement["Principal"]["Service"],
                json!(["events.amazonaws.com", "delivery.logs.amazonaws.com"]),
                "{what}: log policy principals"
            );
            assert_eq!(
                statement["Resource"],
                json!(format!("{arn}:*")),
                "{what}: the policy covers the log group's streams"
            );
        }
        assert_eq!(
            input_json_of(&argv, "events", "put-targets", "Rule", &rule.name),
            expected_targets,
            "{what}: put-targets input"
        );
        // moto's state after the real calls.
        let targets = cloud.aws(&[
            "events",
            "list-targets-by-rule",
            "--region",
            region,
            "--rule",
            &rule.name,
        ]);
        assert_eq!(
            targets["Targets"][0]["InputTransformer"]["InputTemplate"],
            json!(template(design, want)),
            "{what}: deployed template"
        );
        let described = cloud.aws(&[
            "events",
            "describe-rule",
            "--region",
            region,
            "--name",
            &rule.name,
        ]);
        let deployed: Value =
            serde_json::from_str(described["EventPattern"].as_str().unwrap()).unwrap();
        assert_eq!(deployed, want.event_pattern, "{what}: deployed pattern");
    }
    let chatbot = cloud.chatbot_requests();
    let created: Vec<&Value> = chatbot
        .iter()
        .filter(|(op, _)| op == "create-custom-action")
        .map(|(_, b)| b)
        .collect();
    if l.actions().next().is_some() {
        let expected: Vec<Value> = design.actions.iter().map(action_api).collect();
        assert_eq!(
            created.into_iter().cloned().collect::<Vec<_>>(),
            expected,
            "{what}: create-custom-action inputs"
        );
    }
    let action_arns: Vec<String> = design
        .actions
        .iter()
        .map(|a| format!("arn:aws:chatbot::123456789012:custom-action/{}", a.name))
        .collect();
    if l.channel().is_some() {
        let role_name = format!("{}-channel", design.deployment.channel_configuration_name);
        let role = cloud.aws(&["iam", "list-role-policies", "--role-name", &role_name]);
        assert_eq!(role["PolicyNames"], json!(["chatops-button-commands"]));
        let doc = cloud.aws(&[
            "iam",
            "get-role-policy",
            "--role-name",
            &role_name,
            "--policy-name",
            "chatops-button-commands",
        ]);
        let mut actions: Vec<String> = doc["PolicyDocument"]["Statement"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                s["Action"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
            })
            .collect();
        // An action on several resource types is in one statement per type.
        actions.sort();
        actions.dedup();
        let expected = if l.permissions.is_empty() {
            vec![
                "cloudwatch:Describe*".to_string(),
                "cloudwatch:Get*".into(),
                "cloudwatch:List*".into(),
            ]
        } else {
            l.all_actions()
        };
        assert_eq!(actions, expected, "{what}: role permissions");
        let env_or = |k: &str, d: &str| {
            env.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
                .unwrap_or(d.to_string())
        };
        let dep = &design.deployment;
        // The request path of the create call, and each id field with its setting.
        let (op, ids) = match dep.platform {
            ChatPlatform::Slack => (
                "create-slack-channel-configuration",
                vec![
                    ("SlackTeamId", "SLACK_WORKSPACE_ID", &dep.slack_workspace_id),
                    ("SlackChannelId", "SLACK_CHANNEL_ID", &dep.slack_channel_id),
                ],
            ),
            ChatPlatform::Teams => (
                "create-ms-teams-channel-configuration",
                vec![
                    ("TeamId", "TEAMS_TEAM_ID", &dep.teams_team_id),
                    ("ChannelId", "TEAMS_CHANNEL_ID", &dep.teams_channel_id),
                    ("TenantId", "TEAMS_TENANT_ID", &dep.teams_tenant_id),
                ],
            ),
        };
        let (_, create) = chatbot
            .iter()
            .find(|(o, _)| o == op)
            .unwrap_or_else(|| panic!("{what}: {op} called"));
        for (field, var, value) in ids {
            assert_eq!(create[field], json!(env_or(var, value)), "{what}: {field}");
        }
        assert_eq!(
            create["ConfigurationName"],
            json!(design.deployment.channel_configuration_name)
        );
        assert_eq!(create["SnsTopicArns"], json!([topic_arn]));
        assert_eq!(
            create["IamRoleArn"],
            json!(format!("arn:aws:iam::123456789012:role/{role_name}"))
        );
        let admin = json!(["arn:aws:iam::aws:policy/AdministratorAccess"]);
        if options.guardrail {
            assert_ne!(create["GuardrailPolicyArns"], admin, "{what}: guardrail");
            assert_eq!(
                create["GuardrailPolicyArns"].as_array().map(Vec::len),
                Some(1)
            );
        } else {
            assert_eq!(create["GuardrailPolicyArns"], admin, "{what}: no guardrail");
        }
        // Every button's command is allowed by the deployed role and guardrail, as IAM would
        // evaluate it, and both policies pass parliament.
        let policies = iam::deployed_policies(cloud, design, options.guardrail);
        let named: Vec<(String, Value)> = policies
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{what}: deployed policy {i}"), p.clone()))
            .collect();
        iam::parliament_all(&named);
        let requests = iam::button_requests(design);
        let allowed = iam::evaluate(&policies, &requests);
        let denied: Vec<_> = requests
            .iter()
            .zip(&allowed)
            .filter(|(_, ok)| !**ok)
            .map(|(r, _)| r)
            .collect();
        assert!(
            denied.is_empty(),
            "{what}: the deployed policies deny {denied:?}"
        );
    }
    if l.channel().is_some() || l.associates_existing() {
        let associated: Vec<&str> = chatbot
            .iter()
            .filter(|(op, _)| op == "associate-to-configuration")
            .map(|(_, b)| b["Resource"].as_str().unwrap())
            .collect();
        assert_eq!(associated, action_arns, "{what}: associations");
    }
}

/// Prepares what a partial scope expects to exist, returning the settings that point at it.
fn prepare(cloud: &Cloud, case_dir: &str, design: &Design) -> Vec<(&'static str, String)> {
    let mut env = Vec::new();
    if case_dir.contains("-rule") || case_dir.ends_with("-channel") {
        let t = cloud.aws(&[
            "sns",
            "create-topic",
            "--region",
            "us-east-1",
            "--name",
            "existing-topic",
        ]);
        env.push(("SNS_TOPIC_ARN", t["TopicArn"].as_str().unwrap().to_string()));
    }
    if case_dir.ends_with("-channel") {
        for a in &design.actions {
            cloud.aws(&[
                "chatbot",
                "create-custom-action",
                "--region",
                "us-east-2",
                "--action-name",
                &a.name,
                "--definition",
                "CommandText=x",
            ]);
        }
    }
    if case_dir.contains("existing") {
        let c = cloud.aws(&[
            "chatbot",
            "create-slack-channel-configuration",
            "--region",
            "us-east-2",
            "--slack-team-id",
            "T0EXISTING",
            "--slack-channel-id",
            "C0EXISTING",
            "--configuration-name",
            "existing",
            "--iam-role-arn",
            "arn:aws:iam::123456789012:role/existing",
        ]);
        env.push((
            "CHANNEL_CONFIGURATION_ARN",
            c["ChannelConfiguration"]["ChatConfigurationArn"]
                .as_str()
                .unwrap()
                .to_string(),
        ));
    }
    env
}

fn deploy_case(cloud: &mut Cloud, case: &Case) {
    cloud.reset();
    let design = case.design();
    let dir = case.golden_dir(Format::Cli);
    let mut env = prepare(cloud, case.dir, &design);
    if case.dir == "blank" {
        // The blank design has no Slack ids: the script stops before any call and names them.
        let out = cloud.run(&dir.join("deploy.sh"), &[]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("SLACK_WORKSPACE_ID"));
        assert!(cloud.argv().is_empty(), "nothing ran");
        env.push(("SLACK_WORKSPACE_ID", "T0BLANK".into()));
        env.push(("SLACK_CHANNEL_ID", "C0BLANK".into()));
    }
    let env_ref: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = cloud.run(&dir.join("deploy.sh"), &env_ref);
    ok(&out, &format!("{} deploy.sh", case.dir));
    check_deployed(cloud, &design, &case.options(), &env_ref, case.dir);
}

/// The longest check, named to start first (libtest starts tests in name order), so the other
/// checks run beside it.
#[test]
fn all_case_scripts_deploy_against_moto_and_the_chatbot_stub() {
    let mut cloud = Cloud::start("deploy-cases");
    for case in CASES
        .iter()
        .filter(|c| c.dir != "blue-green" && c.dir != "blue-green-lifecycle-teams")
    {
        deploy_case(&mut cloud, case);
    }
}

/// Deploys a case, runs its script a second time, and returns the chatbot operations of the
/// second run, which created and associated nothing.
fn deploy_twice(cloud: &mut Cloud, case: &Case) -> Vec<String> {
    deploy_case(cloud, case);
    let first = cloud.chatbot_requests().len();
    let script = case.golden_dir(Format::Cli).join("deploy.sh");
    ok(&cloud.run(&script, &[]), "second run");
    let ops: Vec<String> = cloud.chatbot_requests()[first..]
        .iter()
        .map(|(op, _)| op.clone())
        .collect();
    assert!(
        !ops.iter()
            .any(|o| o.starts_with("create-") || o == "associate-to-configuration"),
        "{ops:?}"
    );
    ops
}

#[test]
fn several_rules_on_teams_deploy_and_rerun_as_updates() {
    let mut cloud = Cloud::start("deploy-lifecycle-teams");
    let case = CASES
        .iter()
        .find(|c| c.dir == "blue-green-lifecycle-teams")
        .unwrap();
    let ops = deploy_twice(&mut cloud, case);
    assert_eq!(
        ops.iter()
            .filter(|o| *o == "update-ms-teams-channel-configuration")
            .count(),
        1,
        "{ops:?}"
    );
    // One rule per design rule, each with its own target, after two runs.
    let rules = cloud.aws(&["events", "list-rules", "--region", "us-east-1"]);
    let mut names: Vec<String> = rules["Rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    let mut want: Vec<String> = case.design().rules.iter().map(|r| r.name.clone()).collect();
    want.sort();
    assert_eq!(names, want);
    for name in &want {
        let t = cloud.aws(&[
            "events",
            "list-targets-by-rule",
            "--region",
            "us-east-1",
            "--rule",
            name,
        ]);
        assert_eq!(
            t["Targets"].as_array().unwrap().len(),
            2,
            "{name}: topic and log"
        );
    }
}

#[test]
fn blue_green_script_deploys_reruns_as_updates_and_sends_the_test_notification() {
    let mut cloud = Cloud::start("deploy-blue-green");
    let case = CASES.iter().find(|c| c.dir == "blue-green").unwrap();
    let ops = deploy_twice(&mut cloud, case);
    let design = case.design();
    let script = case.golden_dir(Format::Cli).join("deploy.sh");
    assert_eq!(
        ops.iter().filter(|o| *o == "update-custom-action").count(),
        3
    );
    assert_eq!(
        ops.iter()
            .filter(|o| *o == "update-slack-channel-configuration")
            .count(),
        1
    );
    let rules = cloud.aws(&["events", "list-rules", "--region", "us-east-1"]);
    assert_eq!(rules["Rules"].as_array().unwrap().len(), 1);
    // A third run for another deployment group: the rule's pattern follows the setting.
    ok(
        &cloud.run(&script, &[("CODEDEPLOY_DEPLOYMENT_GROUP", "other-group")]),
        "run for another deployment group",
    );
    let described = cloud.aws(&[
        "events",
        "describe-rule",
        "--region",
        "us-east-1",
        "--name",
        &design.rules[0].name,
    ]);
    let deployed: Value =
        serde_json::from_str(described["EventPattern"].as_str().unwrap()).unwrap();
    assert_eq!(
        deployed,
        pattern_with_settings(
            &design,
            &design.rules[0],
            &design.deployment.application,
            "other-group"
        )
    );
    assert_ne!(deployed, design.rules[0].event_pattern);
    let topics = cloud.aws(&["sns", "list-topics", "--region", "us-east-1"]);
    assert_eq!(topics["Topics"].as_array().unwrap().len(), 1);
    // The test notification reaches a queue subscribed to the topic, byte for byte.
    let topic = "arn:aws:sns:us-east-1:123456789012:chatops-codedeploy";
    let q = cloud.aws(&[
        "sqs",
        "create-queue",
        "--region",
        "us-east-1",
        "--queue-name",
        "inbox",
    ]);
    let url = q["QueueUrl"].as_str().unwrap();
    cloud.aws(&[
        "sns",
        "subscribe",
        "--region",
        "us-east-1",
        "--topic-arn",
        topic,
        "--protocol",
        "sqs",
        "--notification-endpoint",
        "arn:aws:sqs:us-east-1:123456789012:inbox",
        "--attributes",
        "RawMessageDelivery=true",
    ]);
    let send = case
        .golden_dir(Format::Cli)
        .join("send-test-notification.sh");
    ok(&cloud.run(&send, &[]), "send-test-notification.sh");
    let m = cloud.aws(&[
        "sqs",
        "receive-message",
        "--region",
        "us-east-1",
        "--queue-url",
        url,
    ]);
    assert_eq!(
        m["Messages"][0]["Body"],
        json!(sample_message(&compile(&design), 0).unwrap())
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile strings: random designs whose text holds quotes, backslashes, `${`, `%{`, `$(…)`,
// backticks, newlines and non-ASCII go through every export and every tool.

mod hostile;

fn write_exports(design: &Design, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    // The CDK apps have folders of their own and are checked by `cdk_apps`.
    for format in Format::ALL
        .into_iter()
        .filter(|f| !f.id().starts_with("cdk-"))
    {
        for f in export_design(design, &ExportOptions::default(), format).files {
            std::fs::write(dir.join(&f.name), f.contents).unwrap();
        }
    }
}

#[test]
fn hostile_designs_survive_every_export_and_tool() {
    let designs = hostile::designs(8);
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    let _ = std::fs::remove_dir_all(&root);
    let dirs: Vec<PathBuf> = (0..designs.len())
        .map(|i| root.join(i.to_string()))
        .collect();
    for (d, dir) in designs.iter().zip(&dirs) {
        write_exports(d, dir);
    }
    let files = |n: &str| dirs.iter().map(|d| d.join(n)).collect::<Vec<_>>();
    let mut templates = files("template.yaml");
    templates.extend(files("template.json"));
    let (code, out) = cfn_lint(&templates);
    assert_eq!(code & 2, 0, "cfn-lint errors:\n{out}");
    let mut tf = files("main.tf");
    tf.extend(files("variables.tf"));
    tf.extend(files("outputs.tf"));
    let parsed = hcl(&tf);
    let mut sh = files("deploy.sh");
    sh.extend(files("send-test-notification.sh"));
    sh.extend(files("verify-pattern.sh"));
    let (code, out) = shellcheck(&sh);
    assert_eq!(code, 0, "shellcheck:\n{out}");
    for (i, (d, dir)) in designs.iter().zip(&dirs).enumerate() {
        let what = format!("hostile design {i}");
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
        check_cfn(d, &read("template.json"), &read("template.yaml"), &what);
        let get = |n: &str| parsed[&dir.join(n).display().to_string()].0.clone();
        check_tf(d, &get("main.tf"), &get("variables.tf"), &what);
    }
    // Three of them deploy for real; nothing in their text runs as shell.
    let mut cloud = Cloud::start("hostile-deploy");
    for (i, (d, dir)) in designs.iter().zip(&dirs).take(3).enumerate() {
        cloud.reset();
        let out = cloud.run(&dir.join("deploy.sh"), &[]);
        ok(&out, &format!("hostile design {i} deploy.sh"));
        check_deployed(
            &cloud,
            d,
            &ExportOptions::default(),
            &[],
            &format!("hostile design {i}"),
        );
        assert!(
            !cloud.dir.join("pwned").exists(),
            "design text ran as a command"
        );
    }
}

/// `make dist`'s hosting files: the CloudFormation template passes cfn-lint, the publish script
/// shellcheck, and both carry the page's Content-Security-Policy with its inline script's hash.
#[test]
fn hosting_files_are_lint_clean_and_carry_the_policy() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hosting");
    let _ = std::fs::remove_dir_all(&dir);
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let script = "\nimport init from './chatops-designer-0123.js';\nawait init();\n";
    std::fs::write(
        dist.join("index.html"),
        format!("<!DOCTYPE html><html><head><script type=\"module\">{script}</script></head><body></body></html>"),
    )
    .unwrap();
    let out = dir.join("dist-hosting");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (code, text) = run(Command::new(which("python3"))
        .arg(root.join("scripts/hosting.py"))
        .arg(&dist)
        .arg(&out));
    assert_eq!(code, 0, "hosting.py: {text}");
    let template = out.join("cloudformation.yaml");
    let (code, text) = cfn_lint(std::slice::from_ref(&template));
    assert_eq!(code, 0, "cfn-lint:\n{text}");
    let (code, text) = shellcheck(&[out.join("publish.sh")]);
    assert_eq!(code, 0, "shellcheck:\n{text}");
    // The policy allows exactly the inline loader, by the SHA-256 of its text.
    let hash = {
        let out = Command::new("python3")
            .args([
                "-c",
                "import base64,hashlib,sys;print(base64.b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).decode())",
                script,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&template).unwrap()).unwrap();
    let tpl = yaml_to_json(&yaml);
    let csp = tpl["Resources"]["FreshHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
        ["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"));
    assert!(!csp.contains("unsafe-inline"));
    let hosting = std::fs::read_to_string(dist.join("HOSTING.txt")).unwrap();
    assert!(hosting.contains(&csp) && hosting.contains("application/wasm"));
    let cfg = &tpl["Resources"]["Distribution"]["Properties"]["DistributionConfig"];
    assert_eq!(
        cfg["DefaultCacheBehavior"]["ViewerProtocolPolicy"],
        "redirect-to-https"
    );
    assert!(
        tpl["Resources"]["SiteBucket"]["Properties"]["PublicAccessBlockConfiguration"]
            ["RestrictPublicBuckets"]
            .as_bool()
            .unwrap()
    );
}
