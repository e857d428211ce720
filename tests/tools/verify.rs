//! `chatops verify --run` and `verify-pattern.sh` against the local cloud: every call reaches
//! TestEventPattern with an event it accepts, the table compares the answers with the
//! simulation's predictions, and a disagreement exits 1. moto's matcher answers; it is not
//! EventBridge, so these check the wiring and the table, not who is right.

use crate::cloud::Cloud;
use crate::export_cases::CASES;
use chatops_designer::domain::design::presets::{preset, PRESETS};
use chatops_designer::domain::design::sources::design_samples;
use chatops_designer::domain::export::Format;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn chatops() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chatops"))
}

fn text(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn test_event_pattern_calls(cloud: &Cloud) -> Vec<Vec<String>> {
    cloud
        .argv()
        .into_iter()
        .filter(|a| a.len() > 1 && a[0] == "events" && a[1] == "test-event-pattern")
        .collect()
}

/// Presets whose pattern reaches into an array of objects (Security Hub's `detail.findings`):
/// EventBridge matches such a pattern against each object of the array (aws/event-ruler, whose
/// cases with arrays of objects `tests/it/conformance.rs` passes), moto's test_event_pattern does
/// not. Their rows may disagree only so: predicted a match, moto answers no match.
const MOTO_READS_NO_ARRAY_OF_OBJECTS: &[&str] = &["securityhub-critical"];

/// A verify run's table: its header and rows, without the notes (`# …`) on events it adjusted.
fn table_lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.starts_with("# ")).collect()
}

/// Every row of a verify table agrees, or (for the presets above) disagrees only as moto does.
fn rows_agree(preset: &str, stdout: &str) -> bool {
    table_lines(stdout).into_iter().skip(1).all(|l| {
        l.ends_with("yes")
            || (MOTO_READS_NO_ARRAY_OF_OBJECTS.contains(&preset)
                && l.split_whitespace()
                    .collect::<Vec<_>>()
                    .ends_with(&["match", "no", "match", "NO"]))
    })
}

/// The exit code a verify run has: 1 when a row disagrees.
fn exit_for(stdout: &str) -> i32 {
    i32::from(
        table_lines(stdout)
            .into_iter()
            .skip(1)
            .any(|l| l.ends_with("NO")),
    )
}

/// `verify --run` on presets that take each of its paths: the seed; two rules; events it adjusts
/// (AWS Health's scheduled change has no `resources`); moto's known difference (exit 1). Every
/// preset's samples are asked of moto by its export case's `verify-pattern.sh` (below), which
/// builds the same calls.
const VERIFY_RUN_PRESETS: &[&str] = &[
    "blue-green",
    "pipeline-failed",
    "health-ec2",
    "securityhub-critical",
];

#[test]
fn verify_run_agrees_for_presets_of_each_path_and_asks_once_per_event() {
    let mut cloud = Cloud::start("verify-presets");
    for id in VERIFY_RUN_PRESETS {
        let p = PRESETS.iter().find(|p| p.id == *id).unwrap();
        cloud.reset();
        let design = preset(p.id).unwrap();
        let file = cloud.dir.join(format!("{}.json", p.id));
        std::fs::write(&file, design.to_json()).unwrap();
        let out = cloud.run_asking_events(
            &chatops(),
            &["verify", "--design", file.to_str().unwrap(), "--run"],
        );
        let (stdout, stderr) = text(&out);
        assert_eq!(
            out.status.code(),
            Some(exit_for(&stdout)),
            "{}\n{stdout}\n{stderr}",
            p.id
        );
        let lines = table_lines(&stdout);
        assert!(
            lines[0].starts_with("event") && lines[0].ends_with("agree?"),
            "{stdout}"
        );
        // Every sample of the sources it routes through every rule's pattern, once each.
        let asked = design_samples(&design).len() * design.rules.len();
        assert_eq!(lines.len(), 1 + asked, "{stdout}");
        assert!(rows_agree(p.id, &stdout), "{stdout}");
        assert_eq!(test_event_pattern_calls(&cloud).len(), asked);
    }
}

#[test]
fn verify_adds_the_fields_test_event_pattern_requires_and_says_so() {
    let cloud = Cloud::start("verify-adjust");
    let design = preset("blue-green").unwrap();
    let file = cloud.dir.join("design.json");
    std::fs::write(&file, design.to_json()).unwrap();
    // An event with only what the pattern reads: TestEventPattern would reject it as it is.
    let event = cloud.dir.join("bare.json");
    let bare = json!({
        "source": "aws.codedeploy",
        "detail-type": "CodeDeploy Deployment State-change Notification",
        "detail": {"state": "READY", "deploymentGroup": "my-service-dg-bluegreen"}
    });
    std::fs::write(&event, bare.to_string()).unwrap();
    let args = [
        "verify",
        "--design",
        file.to_str().unwrap(),
        "--events",
        event.to_str().unwrap(),
        "--run",
    ];
    let out = cloud.run_asking_events(&chatops(), &args);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    for field in ["id", "account", "time", "region", "resources"] {
        assert!(
            stdout.contains(&format!("added \"{field}\"")),
            "{field}: {stdout}"
        );
    }
    let row = stdout
        .lines()
        .find(|l| l.starts_with(event.to_str().unwrap()))
        .unwrap_or_else(|| panic!("a row for the event file: {stdout}"));
    assert!(row.contains("match") && row.ends_with("yes"), "{row}");
    // What was sent: the event's own fields unchanged, the required ones added.
    let calls = test_event_pattern_calls(&cloud);
    let sent: Value = serde_json::from_str(&calls.last().unwrap()[5]).unwrap();
    assert_eq!(sent["detail"], bare["detail"]);
    assert_eq!(sent["source"], bare["source"]);
    assert_eq!(sent["account"], "123456789012");
}

#[test]
fn a_disagreement_exits_1_with_the_table() {
    let cloud = Cloud::start("verify-disagree");
    let mut design = preset("blue-green").unwrap();
    // A dotted field name: the simulation follows the guide (no nested match); moto's matcher,
    // like event-ruler, flattens names with dots and matches the READY sample.
    design.rules[0].event_pattern =
        json!({"source": ["aws.codedeploy"], "detail.state": ["READY"]});
    let file = cloud.dir.join("dotted.json");
    std::fs::write(&file, design.to_json()).unwrap();
    let out = cloud.run_asking_events(
        &chatops(),
        &["verify", "--design", file.to_str().unwrap(), "--run"],
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with("Deployment READY (blue/green)"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let cells: Vec<&str> = row.split("  ").filter(|c| !c.trim().is_empty()).collect();
    assert_eq!(
        cells.iter().map(|c| c.trim()).collect::<Vec<_>>(),
        ["Deployment READY (blue/green)", "no match", "match", "NO"],
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.ends_with("NO")).count(),
        1,
        "{stdout}"
    );
}

#[test]
fn verify_without_run_prints_the_commands_and_calls_nothing() {
    let cloud = Cloud::start("verify-print");
    let file = cloud.dir.join("design.json");
    let design = preset("blue-green").unwrap();
    let n = design_samples(&design).len();
    std::fs::write(&file, design.to_json()).unwrap();
    let out = cloud.run_asking_events(&chatops(), &["verify", "--design", file.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let commands: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("aws events test-event-pattern --event-pattern '"))
        .collect();
    assert_eq!(commands.len(), n, "{stdout}");
    assert!(test_event_pattern_calls(&cloud).is_empty());
    // Each printed line runs as it is.
    let script = cloud.dir.join("printed.sh");
    std::fs::write(&script, commands.join("\n")).unwrap();
    let out = cloud.run_asking_events(Path::new("bash"), &[script.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(test_event_pattern_calls(&cloud).len(), n);
}

#[test]
fn verify_pattern_scripts_agree_and_exit_0() {
    let mut cloud = Cloud::start("verify-scripts");
    // Cases whose script is the same (the scopes and options of one design ask the same
    // questions) are asked once.
    let mut asked_before = std::collections::HashSet::new();
    // Every preset is some case's design.
    for p in PRESETS {
        assert!(
            CASES.iter().any(|c| c.preset == p.id),
            "{} has no export case",
            p.id
        );
    }
    for case in CASES {
        let script = case.golden_dir(Format::Cli).join("verify-pattern.sh");
        if !asked_before.insert(std::fs::read_to_string(&script).unwrap()) {
            continue;
        }
        cloud.reset();
        let out = cloud.run_asking_events(Path::new("bash"), &[script.to_str().unwrap()]);
        let (stdout, stderr) = text(&out);
        assert_eq!(
            out.status.code(),
            Some(exit_for(&stdout)),
            "{}\n{stdout}\n{stderr}",
            case.dir
        );
        // Every sample of the sources it routes through every rule's pattern.
        let design = case.design();
        let asked = design_samples(&design).len() * design.rules.len();
        assert_eq!(stdout.lines().count(), 1 + asked, "{stdout}");
        assert!(rows_agree(case.preset, &stdout), "{stdout}");
        assert_eq!(test_event_pattern_calls(&cloud).len(), asked);
    }
}
