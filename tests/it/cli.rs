//! The `chatops` CLI contract: outputs, exit codes (0 ok, 1 check failed, 2 usage or input error), stdin.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain/design/samples");

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
            v["rules"][0]["notification"].clone()
        ),
        (Value::Bool(false), Value::Null, Value::Null)
    );
}

#[test]
fn presets_and_validate() {
    let r = chatops(&["preset", "list"], None);
    assert!(r
        .stdout
        .starts_with("# AWS CodeDeploy (aws.codedeploy)\nblue-green "));
    assert!(r
        .stdout
        .contains("# Amazon GuardDuty (aws.guardduty)\nguardduty-high "));
    assert!(r.stdout.contains("# Any source\nblank "));
    let r = chatops(&["sample", "list"], None);
    assert!(r
        .stdout
        .contains("# Amazon CloudWatch alarms (aws.cloudwatch)\ncloudwatch-alarm-metric-alarm "));
    assert!(r.stdout.contains("https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html"));
    let r = chatops(&["sample", "show", "ecs-deployment-failed"], None);
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap()["detail"]["eventName"],
        "SERVICE_DEPLOYMENT_FAILED"
    );
    let r = chatops(&["sample", "show", "nope"], None);
    assert_eq!(r.code, 2);
    assert!(r
        .stderr
        .contains("Choose from: codedeploy-deployment-start"));
    let r = chatops(&["preset", "show", "nope"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Choose from: blue-green"));
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let r = chatops(&["validate", "--design", "-"], Some(&design));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.ends_with("0 error(s), 2 warning(s)\n"),
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
        fragment.starts_with("3.") && fragment.len() < 100,
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

/// Regression: `share encode` printed links that `share decode` refused (a design over 512 KB).
#[test]
fn share_encode_refuses_a_link_decode_would_refuse() {
    let mut design: serde_json::Value =
        serde_json::from_str(&chatops(&["preset", "show", "blue-green"], None).stdout).unwrap();
    design["rules"][0]["notification"]["description"] =
        serde_json::Value::String("a".repeat(600 * 1024));
    let r = chatops(
        &["share", "encode", "--design", "-"],
        Some(&design.to_string()),
    );
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(
        r.stderr.contains(
            "cannot make a link: the design takes more than 524288 bytes of JSON, more than a link carries"
        ),
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

/// The export flags are made from the core's lists: every format and every option, with its
/// choices, their labels and its default, is in the help, and a bad value of any of them is
/// refused in the core's words.
#[test]
fn export_flags_come_from_the_formats_and_options() {
    use chatops_designer::domain::export::{ExportOptions, Format, OPTIONS};
    let help = chatops(&["export", "--help"], None);
    assert_eq!(help.code, 0, "{}", help.stderr);
    for f in Format::ALL {
        assert!(
            help.stdout.contains(&format!("- {}:", f.id())),
            "{}",
            help.stdout
        );
        assert!(help.stdout.contains(f.label()), "{}", help.stdout);
    }
    let design = chatops(&["preset", "show", "blank"], None).stdout;
    for spec in OPTIONS {
        let flag = format!("--{}", spec.key);
        assert!(help.stdout.contains(&flag), "{}", help.stdout);
        assert!(help.stdout.contains(spec.description), "{}", help.stdout);
        assert!(
            help.stdout
                .contains(&format!("[default: {}]", spec.choices[0].0)),
            "{}",
            help.stdout
        );
        for (value, label) in spec.choices {
            assert!(
                help.stdout.contains(&format!("- {value}:")),
                "{}",
                help.stdout
            );
            assert!(help.stdout.contains(label), "{}", help.stdout);
        }
        let r = chatops(
            &["export", "--design", "-", "--format", "cli", &flag, "maybe"],
            Some(&design),
        );
        let refusal = ExportOptions::default()
            .set(spec.key, "maybe")
            .unwrap_err()
            .to_string();
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (2, "", format!("chatops: {refusal}\n").as_str())
        );
    }
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

/// Runs chatops with standard output on /dev/full (every write fails with ENOSPC).
#[cfg(unix)]
fn chatops_to_full(args: &[&str], stdin: Option<&str>) -> Run {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatops"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// `chatops export … > /dev/full` exited 0: a failed write to standard output is now exit 2 with a
/// message, for every command that prints.
#[cfg(unix)]
#[test]
fn a_failed_write_to_stdout_exits_2() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let d = tmp("full-design.json", &design);
    let e = sample("codedeploy-deployment-ready");
    let p = tmp("full-pattern.json", r#"{"source":["aws.codedeploy"]}"#);
    let paths = tmp("full-paths.json", r#"{"s":"$.detail.state"}"#);
    let t = tmp("full-template.txt", "\"<s>\"");
    let link = chatops(&["share", "encode", "--design", &d], None).stdout;
    let commands: Vec<Vec<&str>> = vec![
        vec!["export", "--design", &d, "--format", "terraform"],
        vec!["export", "--design", &d, "--format", "cli"],
        vec!["simulate", "--design", &d, "--event", &e],
        vec!["validate", "--design", &d],
        vec!["pattern", "--pattern", &p, "--event", &e],
        vec![
            "transform",
            "--paths",
            &paths,
            "--template",
            &t,
            "--event",
            &e,
        ],
        vec!["preset", "list"],
        vec!["preset", "show", "blue-green"],
        vec!["schema"],
        vec!["share", "encode", "--design", &d],
        vec!["share", "decode", link.trim()],
        vec!["--help"],
        vec!["--version"],
    ];
    for args in commands {
        let r = chatops_to_full(&args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("cannot write to standard output"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

/// A reader that stops early (`chatops schema | head -1`) is not an error worth a message.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatops"))
        .args(["schema"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Design text reached the terminal raw: an escape sequence in a name or message could recolour,
/// retitle or clear it. Diagnostics, export notes and errors now show control characters escaped.
#[test]
fn design_text_cannot_carry_terminal_control_sequences() {
    let mut design: serde_json::Value =
        serde_json::from_str(&chatops(&["preset", "show", "blue-green"], None).stdout).unwrap();
    design["actions"][0]["criteria"][0]["variable"] =
        serde_json::json!("Bad\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}");
    let text = design.to_string();
    for (args, stdout) in [
        (vec!["validate", "--design", "-"], true),
        (vec!["export", "--design", "-", "--format", "cli"], false),
    ] {
        let r = chatops(&args, Some(&text));
        assert_eq!(r.code, 1, "{}", r.stderr);
        let shown = if stdout { &r.stdout } else { &r.stderr };
        assert!(
            shown.contains("Bad\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}"),
            "{shown}"
        );
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !r.stdout.contains(c) && !r.stderr.contains(c),
                "{args:?} printed {c:?}"
            );
        }
    }
    let r = chatops(&["preset", "show", "no\u{1b}[31mpe"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no\\u{1b}[31mpe") && !r.stderr.contains('\u{1b}'),
        "{}",
        r.stderr
    );
}

/// Event data with C1 controls (CSI U+009B, OSC U+009D) and direction overrides reached stdout raw
/// in the JSON and text every command prints; they are written as `\uXXXX`, which is the same
/// character inside a JSON string.
#[test]
fn c1_controls_from_event_data_never_reach_stdout_raw() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let dir = std::env::temp_dir().join(format!("chatops-c1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let design_path = dir.join("design.json");
    std::fs::write(&design_path, &design).unwrap();
    let mut event: serde_json::Value = serde_json::from_str(
        chatops_designer::domain::design::samples::SAMPLES
            [chatops_designer::domain::design::samples::OPENING]
            .json,
    )
    .unwrap();
    let hostile = "d-\u{9b}2J\u{9d}0;owned\u{7}\u{202e}x";
    event["detail"]["deploymentId"] = serde_json::json!(hostile);
    let event_text = event.to_string();
    let event_path = dir.join("event.json");
    std::fs::write(&event_path, &event_text).unwrap();
    let (d, e) = (design_path.to_str().unwrap(), event_path.to_str().unwrap());
    let paths = dir.join("paths.json");
    std::fs::write(&paths, r#"{"id": "$.detail.deploymentId"}"#).unwrap();
    let template = dir.join("template.txt");
    std::fs::write(&template, r#"{"id": <id>}"#).unwrap();
    let runs = [
        chatops(&["simulate", "--design", d, "--event", e], None),
        chatops(&["channel", "--design", d, "--events", e], None),
        chatops(
            &[
                "replay", "--design", d, "--events", "-", "--format", "jsonl",
            ],
            Some(&event_text),
        ),
        chatops(
            &["replay", "--design", d, "--events", "-", "--format", "json"],
            Some(&event_text),
        ),
        chatops(
            &["replay", "--design", d, "--events", "-"],
            Some(&event_text),
        ),
        chatops(
            &[
                "transform",
                "--paths",
                paths.to_str().unwrap(),
                "--template",
                template.to_str().unwrap(),
                "--event",
                e,
            ],
            None,
        ),
    ];
    for r in &runs {
        assert_eq!(r.code, 0, "{}", r.stderr);
        for c in ['\u{9b}', '\u{9d}', '\u{202e}'] {
            assert!(!r.stdout.contains(c), "printed {c:?}: {}", r.stdout);
        }
    }
    // In JSON the escape reads back as the same character.
    let sim: serde_json::Value = serde_json::from_str(&runs[0].stdout).unwrap();
    assert!(sim.to_string().contains('\u{9b}'));
    assert!(runs[0].stdout.contains("\\u009b"));
    // A link whose design holds them decodes to a design file with them escaped.
    let mut with_c1: serde_json::Value = serde_json::from_str(&design).unwrap();
    with_c1["rules"][0]["notification"]["title"] = serde_json::json!("T\u{9b}31m");
    let fragment = chatops(
        &["share", "encode", "--design", "-"],
        Some(&with_c1.to_string()),
    );
    let decoded = chatops(&["share", "decode", fragment.stdout.trim()], None);
    assert_eq!(decoded.code, 0, "{}", decoded.stderr);
    assert!(!decoded.stdout.contains('\u{9b}') && decoded.stdout.contains("T\\u009b31m"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
fn export_to(dir: &std::path::Path, format: &str) -> Run {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    chatops(
        &[
            "export",
            "--design",
            "-",
            "--format",
            format,
            "--out",
            dir.to_str().unwrap(),
        ],
        Some(&design),
    )
}

#[cfg(unix)]
fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chatops-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `export --out` followed a symbolic link planted at a file name and wrote (and chmod-ed) its
/// target. It now refuses, names the link, and writes nothing.
#[cfg(unix)]
#[test]
fn export_out_never_follows_a_planted_symlink() {
    let dir = fresh_dir("symlink");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("deploy.sh")).unwrap();
    let r = export_to(&dir, "cli");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("deploy.sh is a symbolic link"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&victim).unwrap().permissions().mode() & 0o111,
        0
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing else is written: {names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The export made an existing file executable (chmod 755 after writing through it). A file it
/// replaces keeps its permissions; a script it creates is executable.
#[cfg(unix)]
#[test]
fn export_out_keeps_the_mode_of_files_it_did_not_create() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fresh_dir("mode");
    let script = dir.join("deploy.sh");
    std::fs::write(&script, "old").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = export_to(&dir, "cli");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::metadata(&script).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&script).unwrap().starts_with("#!"));
    let created = dir.join("send-test-notification.sh");
    assert_eq!(
        std::fs::metadata(&created).unwrap().permissions().mode() & 0o111,
        0o111
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A write that fails part-way left a truncated file. Each file is now written to a temporary
/// file and renamed; when the folder cannot take the files, nothing (not even a temporary file)
/// is left and existing files are untouched.
#[cfg(unix)]
#[test]
fn export_out_leaves_nothing_half_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fresh_dir("atomic");
    let r = export_to(&dir, "terraform");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    // A directory where outputs.tf goes makes the export fail before anything is replaced.
    std::fs::remove_file(dir.join("outputs.tf")).unwrap();
    std::fs::create_dir(dir.join("outputs.tf")).unwrap();
    std::fs::write(dir.join("main.tf"), "old").unwrap();
    let r = export_to(&dir, "terraform");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("outputs.tf exists and is not a regular file"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("main.tf")).unwrap(), "old");
    std::fs::remove_dir(dir.join("outputs.tf")).unwrap();
    // A read-only folder: the temporary files cannot be created, nothing changes.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let r = export_to(&dir, "terraform");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    if r.code == 2 {
        // (root may write to a read-only folder; then the export simply succeeds.)
        assert!(r.stderr.contains("cannot create a file in"), "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(dir.join("main.tf")).unwrap(), "old");
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    } else {
        assert_eq!(
            std::fs::read_to_string(dir.join("main.tf")).unwrap(),
            before
        );
    }
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A byte-order mark at the start of a design, event, pattern or template file is skipped.
#[test]
fn a_bom_in_an_input_file_is_accepted() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let d = tmp("bom-design.json", &format!("\u{feff}{design}"));
    let event = std::fs::read_to_string(sample("codedeploy-deployment-ready")).unwrap();
    let e = tmp("bom-event.json", &format!("\u{feff}{event}"));
    let r = chatops(&["simulate", "--design", &d, "--event", &e], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p = tmp(
        "bom-pattern.json",
        "\u{feff}{\"source\":[\"aws.codedeploy\"]}",
    );
    let r = chatops(&["pattern", "--pattern", &p, "--event", &e], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"matched\": true"), "{}", r.stdout);
    let paths = tmp("bom-paths.json", "\u{feff}{\"s\":\"$.detail.state\"}");
    let t = tmp("bom-template.txt", "\u{feff}\"<s>\"");
    let r = chatops(
        &[
            "transform",
            "--paths",
            &paths,
            "--template",
            &t,
            "--event",
            &e,
        ],
        None,
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "\"READY\""),
        "{}",
        r.stderr
    );
}

/// Duplicate keys silently kept the last: in input paths and parameters (and anywhere in a design
/// file) they are now errors naming the key's pointer, line and column. A pattern file keeps the
/// last, as the EventBridge guide says, with a warning at the key: event-ruler keeps the first.
#[test]
fn duplicate_keys_are_reported_not_silently_last_wins() {
    let e = sample("codedeploy-deployment-ready");
    let p = tmp(
        "dup-pattern.json",
        "{\"source\": [\"aws.codedeploy\"],\n \"source\": [\"aws.ec2\"]}",
    );
    let r = chatops(&["pattern", "--pattern", &p, "--event", &e], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        report["matched"], false,
        "the last source, aws.ec2, is used"
    );
    let d = &report["diagnostics"][0];
    assert_eq!(
        (&d["severity"], &d["location"], &d["line"], &d["column"]),
        (&json!("warning"), &json!("/source"), &json!(2), &json!(2)),
        "{report}"
    );
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("the guide says the last one is used, event-ruler keeps the first"));
    let paths = tmp("dup-paths.json", r#"{"s": "$.detail.state", "s": "$.id"}"#);
    let t = tmp("dup-template.txt", "\"<s>\"");
    let r = chatops(
        &[
            "transform",
            "--paths",
            &paths,
            "--template",
            &t,
            "--event",
            &e,
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("input paths"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the key at /s appears twice in its object (line 1, column 25)"),
        "{}",
        r.stderr
    );
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    for (from, to, pointer) in [
        (
            "\"parameters\": {",
            "\"parameters\": {\"greenUrl\": \"x\", ",
            "/deployment/parameters/greenUrl",
        ),
        (
            "\"inputPaths\": {",
            "\"inputPaths\": {\"time\": \"$.id\", ",
            "/rules/0/inputPaths/time",
        ),
        (
            "\"eventPattern\": {",
            "\"eventPattern\": {\"source\": [\"x\"], ",
            "/rules/0/eventPattern/source",
        ),
    ] {
        assert!(design.contains(from), "{from}");
        let r = chatops(
            &["validate", "--design", "-"],
            Some(&design.replacen(from, to, 1)),
        );
        assert_eq!(r.code, 2, "{pointer}");
        assert!(
            r.stderr
                .contains(&format!("the key at {pointer} appears twice")),
            "{}",
            r.stderr
        );
    }
}

/// An event that is not an object (an array of events, a string) was simulated as if it were one;
/// it is an input error now, as is an event over EventBridge's 256 KB.
#[test]
fn a_non_object_or_oversized_event_is_an_input_error() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let d = tmp("ev-design.json", &design);
    for (name, text, says) in [
        (
            "ev-array.json",
            "[{\"source\": \"aws.codedeploy\"}]".to_string(),
            "must be a JSON object such as",
        ),
        ("ev-string.json", "\"x\"".to_string(), "found a string"),
        (
            "ev-big.json",
            format!("{{\"detail\": \"{}\"}}", "x".repeat(300_000)),
            "EventBridge accepts events of at most 262144 bytes (256 KB)",
        ),
    ] {
        let e = tmp(name, &text);
        let r = chatops(&["simulate", "--design", &d, "--event", &e], None);
        assert_eq!(r.code, 2, "{name}");
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
    }
}

#[test]
fn channel_plays_events_into_threads() {
    let design = chatops(&["preset", "show", "status-thread"], None).stdout;
    let d = tmp("status-thread.json", &design);
    let r = chatops(
        &[
            "channel",
            "--design",
            &d,
            "--events",
            &sample("codedeploy-deployment-start"),
            &sample("codedeploy-deployment-ready"),
            &sample("codedeploy-deployment-success"),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let posts: Value = serde_json::from_str(&r.stdout).unwrap();
    let fields = |i: usize| {
        let p = &posts[i];
        (
            p["matched"].as_bool().unwrap(),
            p["delivered"].as_bool().unwrap(),
            p["topLevel"].as_bool().unwrap(),
        )
    };
    assert_eq!(fields(0), (true, true, true));
    assert_eq!(fields(1), (false, false, false), "READY does not match");
    assert_eq!(
        fields(2),
        (true, true, false),
        "SUCCESS replies in the thread"
    );
    assert_eq!(posts[2]["threadId"], posts[0]["threadId"]);
    assert!(posts[1]["reason"]
        .as_str()
        .unwrap()
        .contains("does not match"));
    // Without threaded updates every message is top-level; JSON Lines input works too.
    let lines = [
        "codedeploy-deployment-start",
        "codedeploy-deployment-success",
    ]
    .map(|s| {
        serde_json::from_str::<Value>(&std::fs::read_to_string(sample(s)).unwrap())
            .unwrap()
            .to_string()
    })
    .join("\n");
    let f = tmp("events.jsonl", &lines);
    let r = chatops(
        &[
            "channel",
            "--design",
            &d,
            "--events-file",
            &f,
            "--no-threads",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let posts: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(posts
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["topLevel"] == true));
    // A built-in sequence, and the errors.
    let r = chatops(
        &["channel", "--design", &d, "--sequence", "blue-green"],
        None,
    );
    assert_eq!(r.code, 0);
    let r = chatops(&["channel", "--design", &d, "--sequence", "nope"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("blue-green, failed, instance-failure"),
        "{}",
        r.stderr
    );
    let bad = tmp("bad.jsonl", "{\"source\": 1}\nnot json\n");
    let r = chatops(&["channel", "--design", &d, "--events-file", &bad], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("line 2"), "{}", r.stderr);
}

#[test]
fn evidence_lists_every_element_with_its_level() {
    let r = chatops(&["evidence", "--json"], None);
    assert_eq!(r.code, 0);
    let rows: Value = serde_json::from_str(&r.stdout).unwrap();
    let next = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["element"] == "next-steps")
        .unwrap();
    assert_eq!(next["level"], "seen");
    let r = chatops(&["evidence"], None);
    assert!(r
        .stdout
        .lines()
        .any(|l| l.starts_with("assumed") && l.contains("header")));
}

#[test]
fn share_links_for_teammates_on_any_base() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let d = tmp("share-base.json", &design);
    let r = chatops(
        &[
            "share",
            "encode",
            "--design",
            &d,
            "--base-url",
            "https://tools.example.com/chatops/",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = r.stdout.trim();
    assert!(
        link.starts_with("https://tools.example.com/chatops/#3."),
        "{link}"
    );
    let back = chatops(&["share", "decode", link], None);
    assert_eq!(back.code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&back.stdout).unwrap(),
        serde_json::from_str::<Value>(&design).unwrap()
    );
    // The environment sets the default base; --review makes a review link.
    let out = Command::new(env!("CARGO_BIN_EXE_chatops"))
        .args(["share", "encode", "--design", &d, "--review"])
        .env("CHATOPS_DESIGNER_URL", "https://example.github.io/team/")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("https://example.github.io/team/#review:3."),
        "{text}"
    );
    let r = chatops(
        &[
            "share",
            "encode",
            "--design",
            &d,
            "--base-url",
            "example.com",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("must start with https://"),
        "{}",
        r.stderr
    );
}

#[test]
fn verify_prints_one_command_per_sample_and_event() {
    let design = tmp(
        "verify-design.json",
        &chatops(&["preset", "show", "blue-green"], None).stdout,
    );
    let event = tmp("verify-event.json", r#"{"detail": {"state": "READY"}}"#);
    let full = tmp(
        "verify-full.json",
        r#"{"source": "aws.codedeploy", "detail-type": "CodeDeploy Deployment State-change Notification", "detail": {"state": "READY", "deploymentGroup": "my-service-dg-bluegreen"}}"#,
    );
    let r = chatops(
        &["verify", "--design", &design, "--events", &event, &full],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let commands = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("aws events test-event-pattern "))
        .count();
    assert_eq!(commands, 11, "{}", r.stdout);
    assert!(r
        .stdout
        .contains("# Deployment READY (blue/green): predicted match"));
    // The pattern reads source and detail-type, which the bare event lacks: not asked.
    assert!(
        r.stderr
            .contains("not asked: TestEventPattern requires source, detail-type"),
        "{}",
        r.stderr
    );
}

#[test]
fn verify_refuses_an_invalid_pattern() {
    let mut d: Value =
        serde_json::from_str(&chatops(&["preset", "show", "blue-green"], None).stdout).unwrap();
    d["rules"][0]["eventPattern"] = json!({"source": "aws.codedeploy"});
    let design = tmp("verify-invalid.json", &d.to_string());
    let r = chatops(&["verify", "--design", &design, "--run"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("the event pattern is invalid"),
        "{}",
        r.stderr
    );
}

const TF_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/fixtures/blue-green.tf"
);

#[test]
fn import_writes_the_design_and_notes_on_stderr() {
    let r = chatops(&["import", TF_FIXTURE], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d["rules"][0]["name"], "codedeploy-bluegreen-ready");
    assert_eq!(d["actions"].as_array().unwrap().len(), 3);
    assert_eq!(
        d["deployment"]["parameters"]["green_url"],
        "https://green.example.com"
    );
    assert!(r.stderr.contains("imported as Terraform"), "{}", r.stderr);
    let out = tmp("imported.json", "");
    let r = chatops(&["import", TF_FIXTURE, "--out", &out], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(
        serde_json::from_str::<Value>(&std::fs::read_to_string(&out).unwrap()).unwrap(),
        d
    );
}

#[test]
fn import_reads_aws_cli_outputs_in_turn_into_a_given_design() {
    let rule = tmp(
        "describe-rule.json",
        r#"{"Name": "ready", "EventPattern": "{\"source\":[\"aws.codedeploy\"]}"}"#,
    );
    let targets = tmp(
        "targets.json",
        r#"{"Targets": [{"Id": "t", "Arn": "arn:aws:sns:us-east-1:1:t", "InputTransformer": {"InputPathsMap": {"id": "$.id"}, "InputTemplate": "\"<id>\""}}]}"#,
    );
    let design = tmp(
        "start.json",
        &chatops(&["preset", "show", "blue-green"], None).stdout,
    );
    let r = chatops(&["import", &rule, &targets, "--design", &design], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (
            &d["rules"][0]["name"],
            &d["rules"][0]["inputTemplateOverride"],
            &d["actions"][0]["name"]
        ),
        (
            &Value::from("ready"),
            &Value::from("\"<id>\""),
            &Value::from("SwitchTasks")
        )
    );
}

#[test]
fn import_errors_exit_2_located_with_control_characters_escaped() {
    let bad = tmp(
        "bad.tf",
        "resource \"aws_sns_topic\" \"t\" {\n  name = \n}\n",
    );
    let r = chatops(&["import", &bad], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("line 2, column 10: not valid HCL"),
        "{}",
        r.stderr
    );
    let r = chatops(&["import", &tmp("x.txt", "hello")], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not recognised"), "{}", r.stderr);
    let r = chatops(&["import"], None);
    assert_eq!(r.code, 2);
    let hostile = tmp(
        "hostile.tf",
        "module \"\u{1b}[31mred\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n",
    );
    let r = chatops(&["import", &hostile], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains('\u{1b}'), "{}", r.stderr);
    assert!(r.stderr.contains("\\u{1b}[31mred"), "{}", r.stderr);
}

#[test]
fn replay_summarises_a_log_and_prints_one_line_per_event() {
    let events: Vec<String> = std::fs::read_dir(SAMPLES)
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            serde_json::from_str::<Value>(&text).unwrap().to_string()
        })
        .collect();
    let n = events.len();
    let log = tmp(
        "events.jsonl",
        &format!("{}\n{{\"broken\": \n", events.join("\n")),
    );
    let design = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/domain/design/presets/blue-green.json"
    );

    let r = chatops(&["replay", "--design", design, "--events", &log], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&format!("read {} event(s)", n + 1)),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(JSON Lines)"));
    assert!(
        r.stdout
            .contains(&format!("malformed: 1\n  line {}: not valid JSON", n + 1)),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("🔁 Switch task sets"));

    let r = chatops(
        &[
            "replay", "--design", design, "--events", &log, "--format", "jsonl",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), n + 1);
    assert!(rows
        .iter()
        .any(|r| r["delivered"] == true && r["buttons"].as_array().is_some_and(|b| b.len() == 3)));
    assert_eq!(rows[n]["place"], format!("line {}", n + 1));
    assert!(rows[n]["error"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));

    let r = chatops(
        &[
            "replay", "--design", design, "--events", &log, "--format", "json",
        ],
        None,
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["read"], n + 1);
    let from_stdin = chatops(
        &[
            "replay", "--design", design, "--events", "-", "--format", "json",
        ],
        Some(&std::fs::read_to_string(&log).unwrap()),
    );
    let v2: Value = serde_json::from_str(&from_stdin.stdout).unwrap();
    assert_eq!(
        v2["summary"], v["summary"],
        "standard input reads as the file does"
    );
    let r = chatops(
        &["replay", "--design", design, "--events", "-"],
        Some("\u{1}garbage"),
    );
    assert_eq!(r.code, 2, "{}", r.stdout);

    let r = chatops(
        &[
            "replay", "--design", design, "--events", &log, "--format", "xml",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("text, json, jsonl"), "{}", r.stderr);
    let r = chatops(
        &[
            "replay",
            "--design",
            design,
            "--events",
            "/nonexistent/events.jsonl",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    let empty = tmp("empty.jsonl", "");
    let r = chatops(&["replay", "--design", design, "--events", &empty], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("filter-log-events"), "{}", r.stderr);
}

#[test]
fn export_can_log_matched_events_where_the_export_creates_the_rule() {
    let design = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/domain/design/presets/blue-green.json"
    );
    let r = chatops(
        &[
            "export",
            "--design",
            design,
            "--format",
            "cloudformation-yaml",
            "--log-events",
            "yes",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("AWS::Logs::LogGroup") && r.stdout.contains("chatops-log"));
    let r = chatops(
        &[
            "export",
            "--design",
            design,
            "--format",
            "terraform",
            "--scope",
            "actions",
            "--log-events",
            "yes",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("log-events applies with scope full or rule"),
        "{}",
        r.stderr
    );
}

#[test]
fn replay_reads_a_long_log_in_chunks_and_counts_as_if_read_whole() {
    use chatops_designer::domain::design::presets::preset;
    use chatops_designer::domain::pipeline::replay::replay;
    use chatops_designer::domain::pipeline::simulate::compile;
    let events: Vec<String> = std::fs::read_dir(SAMPLES)
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            serde_json::from_str::<Value>(&text).unwrap().to_string()
        })
        .collect();
    // Over 8 MB (the CLI's chunk), with malformed lines on both sides of the first boundary.
    let mut lines = Vec::new();
    for i in 0..16_000 {
        lines.push(if i % 5_000 == 4_999 {
            "{\"broken\": ".to_string()
        } else {
            events[i % events.len()].clone()
        });
    }
    let text = lines.join("\n") + "\n";
    assert!(text.len() > 9 << 20);
    let log = tmp("long.jsonl", &text);
    let array = tmp(
        "long.json",
        &format!(
            "[{}]",
            lines
                .iter()
                .filter(|l| !l.starts_with("{\"broken"))
                .cloned()
                .collect::<Vec<_>>()
                .join(",\n")
        ),
    );
    let design = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/domain/design/presets/blue-green.json"
    );
    let c = compile(&preset("blue-green").unwrap());
    for (file, source) in [
        (&log, text.clone()),
        (&array, std::fs::read_to_string(&array).unwrap()),
    ] {
        let r = chatops(
            &[
                "replay", "--design", design, "--events", file, "--format", "json",
            ],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        let (_, whole) = replay(&c, &source).unwrap();
        assert_eq!(
            v["summary"],
            serde_json::to_value(&whole).unwrap(),
            "{file}"
        );
    }
    let r = chatops(
        &[
            "replay", "--design", design, "--events", &log, "--format", "jsonl",
        ],
        None,
    );
    let rows: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 16_000);
    assert_eq!(rows[14_999]["place"], "line 15000");
    assert!(rows[14_999]["error"].is_string());
}

#[test]
fn export_names_the_placeholders_still_in_the_design() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let r = chatops(
        &["export", "--design", "-", "--format", "cli"],
        Some(&design),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for field in [
        "deployment.slackWorkspaceId",
        "deployment.slackChannelId",
        "deployment.accountId",
        "deployment.application",
        "deployment.deploymentGroup",
        "deployment.parameters.greenUrl",
    ] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with("placeholder: ") && l.contains(field)),
            "{field}: {}",
            r.stderr
        );
    }
    let mut v: serde_json::Value = serde_json::from_str(&design).unwrap();
    let d = &mut v["deployment"];
    d["slackWorkspaceId"] = "T07QWERTY12".into();
    d["slackChannelId"] = "C07QWERTY12".into();
    d["accountId"] = "210987654321".into();
    d["application"] = "checkout".into();
    d["deploymentGroup"] = "checkout-prod".into();
    d["parameters"]["greenUrl"] = "https://green.checkout.internal".into();
    v["rules"][0]["eventPattern"]["detail"]["deploymentGroup"] =
        serde_json::json!(["checkout-prod"]);
    let r = chatops(
        &["export", "--design", "-", "--format", "cli"],
        Some(&v.to_string()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("placeholder:"), "{}", r.stderr);
}

#[test]
fn inputs_larger_than_any_design_event_or_pattern_are_refused_unread() {
    // Parsing holds many times the text in memory: an oversized input is refused before it is read.
    let big = " ".repeat(5 << 20) + "{}";
    let r = chatops(&["validate", "--design", "-"], Some(&big));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "standard input holds more than 4 MiB and is refused unread: no design is that large"
        ),
        "{}",
        r.stderr
    );
    let r = chatops(&["share", "decode", "-"], Some(&big));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no share link is that large"),
        "{}",
        r.stderr
    );
    // Within the bounds, the same input is read as before.
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let padded = " ".repeat(1 << 20) + &design;
    assert_eq!(
        chatops(&["validate", "--design", "-"], Some(&padded)).code,
        0
    );
}

/// The Terraform export's files in `dir`, by name.
fn terraform_files(dir: &std::path::Path) -> Vec<(String, String)> {
    ["main.tf", "variables.tf", "outputs.tf"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()))
        .collect()
}

/// Two exports run at once into one folder left `main.tf` from one design and `variables.tf`
/// from the other. The folder is locked while its files are renamed into place: every run
/// leaves the files of one design.
#[test]
fn concurrent_exports_to_one_folder_never_mix_designs() {
    let base = std::env::temp_dir().join(format!("chatops-concurrent-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let mut designs = Vec::new();
    let mut reference = Vec::new();
    for preset in ["blue-green", "deployment-failed"] {
        let path = base.join(format!("{preset}.json"));
        std::fs::write(&path, chatops(&["preset", "show", preset], None).stdout).unwrap();
        let alone = base.join(format!("{preset}-alone"));
        let r = chatops(
            &[
                "export",
                "--design",
                path.to_str().unwrap(),
                "--format",
                "terraform",
                "--out",
                alone.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        reference.push(terraform_files(&alone));
        designs.push(path);
    }
    assert_ne!(reference[0], reference[1]);
    let shared = base.join("shared");
    for round in 0..6 {
        let children: Vec<_> = (0..4)
            .map(|i| {
                Command::new(env!("CARGO_BIN_EXE_chatops"))
                    .args([
                        "export",
                        "--design",
                        designs[i % 2].to_str().unwrap(),
                        "--format",
                        "terraform",
                        "--out",
                        shared.to_str().unwrap(),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let now = terraform_files(&shared);
        assert!(
            now == reference[0] || now == reference[1],
            "round {round}: the folder mixes the two designs' files"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&shared)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&base);
}

/// A line longer than any event (a 300 MB line took 298 MB, `/dev/zero` aborted) is counted as
/// one malformed event and skipped to its end; the events after it are replayed.
#[test]
fn replay_skips_a_line_longer_than_any_event_and_goes_on() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let dir = std::env::temp_dir().join(format!("chatops-longline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let design_path = dir.join("design.json");
    std::fs::write(&design_path, design).unwrap();
    let event: serde_json::Value = serde_json::from_str(
        chatops_designer::domain::design::samples::SAMPLES
            [chatops_designer::domain::design::samples::OPENING]
            .json,
    )
    .unwrap();
    let mut log = event.to_string();
    log.push('\n');
    log.push_str(&format!("{{\"detail\": \"{}\"}}\n", "é".repeat(12 << 20)));
    log.push_str(&event.to_string());
    log.push('\n');
    let log_path = dir.join("events.jsonl");
    std::fs::write(&log_path, &log).unwrap();
    let r = chatops(
        &[
            "replay",
            "--design",
            design_path.to_str().unwrap(),
            "--events",
            log_path.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(
        (
            s["read"].as_u64(),
            s["malformed"].as_u64(),
            s["matched"].as_u64()
        ),
        (Some(3), Some(1), Some(2)),
        "{s}"
    );
    assert!(s.to_string().contains("line 2"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An input that is no log at all and never ends a line (`/dev/zero` aborted after 3.8 s) is
/// refused as soon as its first line is read, in bounded memory.
#[cfg(unix)]
#[test]
fn replay_refuses_an_endless_input_that_is_no_log() {
    let design = chatops(&["preset", "show", "blue-green"], None).stdout;
    let dir = std::env::temp_dir().join(format!("chatops-zero-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let design_path = dir.join("design.json");
    std::fs::write(&design_path, design).unwrap();
    let r = chatops(
        &[
            "replay",
            "--design",
            design_path.to_str().unwrap(),
            "--events",
            "/dev/zero",
        ],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("expected"), "{}", r.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
