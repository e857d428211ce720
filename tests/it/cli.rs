//! The `chatops` CLI contract: outputs, exit codes (0 ok, 1 check failed, 2 usage or input error), stdin.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain/samples");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn chatops(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatops"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chatops runs");
    if let Some(input) = stdin {
        // The CLI may exit before reading stdin (a bad flag): a broken pipe is not a failure.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("chatops-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into()
}

fn sample(name: &str) -> String {
    format!("{SAMPLES}/{name}.json")
}

#[test]
fn help_and_version() {
    let r = chatops(&["--help"], None);
    assert_eq!(r.code, 0);
    for cmd in ["pattern", "transform", "simulate", "validate", "preset"] {
        assert!(r.stdout.contains(cmd), "help lists {cmd}");
    }
    let r = chatops(&["--version"], None);
    assert_eq!(
        (r.code, r.stdout.trim()),
        (0, concat!("chatops ", env!("CARGO_PKG_VERSION")))
    );
    let r = chatops(&["frobnicate"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unrecognized subcommand"));
}

#[test]
fn pattern_reports_match_and_mismatch_with_exit_0() {
    let p = tmp(
        "p.json",
        r#"{"source":["aws.codedeploy"],"detail":{"state":["READY"]}}"#,
    );
    let r = chatops(
        &[
            "pattern",
            "--pattern",
            &p,
            "--event",
            &sample("codedeploy-deployment-ready"),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["matched"], true);
    assert_eq!(v["fields"][1]["path"], "detail.state");
    let r = chatops(
        &[
            "pattern",
            "--pattern",
            &p,
            "--event",
            &sample("codedeploy-deployment-stop"),
        ],
        None,
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((r.code, v["matched"].clone()), (0, Value::Bool(false)));
}

#[test]
fn an_invalid_pattern_exits_2_with_the_location() {
    let p = tmp("bad.json", r#"{"detail":{"state":"READY"}}"#);
    let r = chatops(
        &[
            "pattern",
            "--pattern",
            &p,
            "--event",
            &sample("codedeploy-deployment-ready"),
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("/detail/state") && r.stderr.contains("must be an array"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn transform_prints_exactly_the_rendered_text() {
    let paths = tmp(
        "paths.json",
        r#"{"id":"$.detail.deploymentId","state":"$.detail.state"}"#,
    );
    let template = tmp("t.txt", r#"{"id": <id>, "text": "<id> is <state>"}"#);
    let r = chatops(
        &[
            "transform",
            "--paths",
            &paths,
            "--template",
            &template,
            "--event",
            &sample("codedeploy-deployment-ready"),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        r#"{"id": "d-7QX2K9LMN", "text": "d-7QX2K9LMN is READY"}"#
    );
    let rn = tmp(
        "rn.txt",
        r#""<aws.events.rule-name> at <aws.events.event.ingestion-time>""#,
    );
    let r = chatops(
        &[
            "transform",
            "--paths",
            &paths,
            "--template",
            &rn,
            "--event",
            "-",
            "--rule-name",
            "r1",
            "--ingestion-time",
            "T",
        ],
        Some(r#"{"a":1}"#),
    );
    assert_eq!(r.stdout, r#""r1 at T""#);
    let bad = tmp("bad.txt", r#"{"x": <nope>}"#);
    let r = chatops(
        &[
            "transform",
            "--paths",
            &paths,
            "--template",
            &bad,
            "--event",
            &sample("codedeploy-deployment-ready"),
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<nope>"));
}

#[test]
fn simulate_prints_the_contract_fields() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let r = chatops(
        &[
            "simulate",
            "--design",
            "-",
            "--event",
            &sample("codedeploy-deployment-ready"),
        ],
        Some(&design),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["matched"], true);
    assert_eq!(v["delivered"], true);
    assert!(v["message"].is_string());
    assert_eq!(v["notification"]["source"], "custom");
    assert_eq!(v["buttons"].as_array().unwrap().len(), 3);
    assert_eq!(v["buttons"][0]["action"], "SwitchTasks");
    assert_eq!(v["buttons"][0]["text"], "🔁 Switch task sets");
    assert!(v["buttons"][0]["command"]
        .as_str()
        .unwrap()
        .contains("d-7QX2K9LMN"));
    assert!(v["diagnostics"].is_array() && v["assumptions"].is_array());
    let r = chatops(
        &[
            "simulate",
            "--design",
            "-",
            "--event",
            &sample("codedeploy-deployment-success"),
        ],
        Some(&design),
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (
            v["matched"].clone(),
            v["message"].clone(),
            v["notification"].clone()
        ),
        (Value::Bool(false), Value::Null, Value::Null)
    );
}

#[test]
fn presets_and_validate() {
    let r = chatops(&["preset", "list"], None);
    assert!(r.stdout.lines().count() >= 5 && r.stdout.starts_with("blue-green"));
    let r = chatops(&["preset", "show", "nope"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Choose from: blue-green"));
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let r = chatops(&["validate", "--design", "-"], Some(&design));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.ends_with("0 error(s), 3 warning(s)\n"),
        "{}",
        r.stdout
    );
    let broken = design.replace("\"SwitchTasks\"", "\"Switch Tasks\"");
    let r = chatops(&["validate", "--design", "-"], Some(&broken));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error: actions/0/name"));
    let r = chatops(&["validate", "--design", "/nonexistent/design.json"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read /nonexistent/design.json"));
    let r = chatops(
        &["validate", "--design", "-"],
        Some("{\"formatVersion\": 9}"),
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("newer ChatOps Designer"));
}

#[test]
fn share_encode_and_decode() {
    let design = chatops(&["preset", "show", "status-thread"], None).stdout;
    let r = chatops(&["share", "encode", "--design", "-"], Some(&design));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fragment = r.stdout.trim().to_string();
    assert!(
        fragment.starts_with("1.") && fragment.len() < 100,
        "{fragment}"
    );
    let r = chatops(
        &[
            "share",
            "decode",
            &format!("https://example.com/#{fragment}"),
        ],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, design.as_str()));
    let r = chatops(&["share", "decode", "1.AAAA"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("cannot open the link: the link is damaged"),
        "{}",
        r.stderr
    );
}

#[test]
fn export_writes_and_lists_the_files() {
    let dir = std::env::temp_dir().join(format!("chatops-export-{}", std::process::id()));
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let out = dir.to_str().unwrap();
    let r = chatops(
        &[
            "export",
            "--design",
            "-",
            "--format",
            "terraform",
            "--out",
            out,
        ],
        Some(&design),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["main.tf", "variables.tf", "outputs.tf"] {
        assert!(r.stdout.contains(name), "{}", r.stdout);
        assert!(dir.join(name).is_file());
    }
    let r = chatops(
        &["export", "--design", "-", "--format", "cli", "--out", out],
        Some(&design),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("deploy.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "deploy.sh is executable");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_names_the_allowed_values() {
    let design = chatops(&["preset", "show", "blank"], None).stdout;
    let r = chatops(
        &["export", "--design", "-", "--format", "pulumi"],
        Some(&design),
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("choose from: terraform, cloudformation-yaml, cloudformation-json, cli"),
        "{}",
        r.stderr
    );
    let r = chatops(
        &[
            "export", "--design", "-", "--format", "cli", "--scope", "all",
        ],
        Some(&design),
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("choose from: full, actions, rule, channel"),
        "{}",
        r.stderr
    );
}

#[test]
fn export_refuses_a_design_with_errors_and_writes_nothing() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let broken = design.replace("\"SwitchTasks\"", "\"Switch Tasks!\"");
    let dir = std::env::temp_dir().join(format!("chatops-export-bad-{}", std::process::id()));
    let r = chatops(
        &[
            "export",
            "--design",
            "-",
            "--format",
            "terraform",
            "--out",
            dir.to_str().unwrap(),
        ],
        Some(&broken),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("actions/0/name"), "{}", r.stderr);
    assert!(!dir.exists());
}

#[test]
fn export_without_out_prints_each_file_and_states_assumptions() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let r = chatops(
        &["export", "--design", "-", "--format", "cloudformation-json"],
        Some(&design),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let body = r
        .stdout
        .strip_prefix("# ==> template.json <==\n")
        .expect("a header names the file");
    let template: Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        template["Resources"]["SwitchTasksAction"]["Type"],
        "AWS::Chatbot::CustomAction"
    );
    assert!(r.stderr.contains("assumption: "), "{}", r.stderr);
}
