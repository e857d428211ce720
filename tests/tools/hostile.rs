//! Random designs with hostile text, drawn deterministically (same designs every run).

use chatops_designer::domain::design::model::{Criterion, CriterionOperator, Design};
use chatops_designer::domain::design::presets::preset;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Text that breaks naive quoting somewhere: JSON, YAML, HCL, Fn::Sub, bash, heredocs.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "${x}",
    "%{y}",
    "$(touch pwned)",
    "`touch pwned`",
    "\n",
    "'",
    "é",
    "🚀",
    "<b>",
    "&",
    "\t",
    "$$",
    "EOT",
    "\r\n",
    "${!z}",
    "!Ref",
    "- ",
    ": ",
    "#",
    "\u{2028}",
    // DEL, a C1 control and a byte-order mark: JSON holds them raw, YAML readers refuse them.
    "\u{7f}",
    "\u{85}",
    "\u{feff}",
    "\\u003c",
    "*",
    "%",
    "$",
    "plain",
];
/// The same for values the API restricts to printable ASCII without spaces.
const ASCII_PIECES: &[&str] = &[
    "\"", "\\", "${x}", "%{y}", "$(id)", "`id`", "'", "<b>", "&", "*", "plain",
];

fn text(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 1..6).prop_map(|v| v.concat())
}

fn design() -> impl Strategy<Value = Design> {
    (
        prop::collection::vec(text(PIECES), 8),
        prop::collection::vec(text(ASCII_PIECES), 2),
    )
        .prop_map(|(t, a)| build(&t, &a))
}

/// The blue/green preset with `t` (8 texts) and `a` (2 printable ASCII texts) in its fields.
fn build(t: &[String], a: &[String]) -> Design {
    let mut d = preset("blue-green").unwrap();
    d.name = t[0].clone();
    d.rules[0].notification.title = t[1].clone();
    d.rules[0].notification.description = format!("{} <deploymentId>", t[2]);
    d.rules[0].notification.next_steps.push(t[3].clone());
    d.rules[0].notification.keywords.push(t[4].clone());
    d.rules[0]
        .notification
        .additional_context
        .insert("Note".into(), t[5].clone());
    d.rules[0].description = t[6].clone();
    d.rules[0].event_pattern["detail"]["deploymentGroup"] = serde_json::json!([t[7].clone()]);
    d.deployment
        .parameters
        .insert("greenUrl".into(), a[0].clone());
    // Action names may start with a digit or a hyphen (`[a-zA-Z0-9_-]`); no identifier may.
    d.actions[1].name = "1ab".into();
    d.actions[2].name = "-9".into();
    let act = &mut d.actions[0];
    act.button_text = t[1].chars().take(50).collect();
    act.command = format!(
        "codedeploy get-deployment --deployment-id $DeploymentId {}",
        t[2]
    );
    act.criteria.push(Criterion {
        operator: CriterionOperator::Equals,
        variable: "Region".into(),
        value: Some(t[3].clone()),
    });
    act.variables.insert("Extra".into(), a[1].clone());
    // A second rule with the texts in other fields: every format writes several rules.
    let mut second = d.rules[0].clone();
    second.name = "second-rule".into();
    second.description = t[0].clone();
    second.notification.title = t[6].clone();
    second.notification.summary = t[5].clone();
    second.event_pattern["detail"]["state"] = serde_json::json!(["SUCCESS"]);
    d.rules.push(second);
    d
}

pub fn designs(n: usize) -> Vec<Design> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = design();
    // First, the sequences where one escape could run into the next: a `$` or `%` right before
    // `${`, `%{` or a carriage return.
    let traps = [
        "$%${x}",
        "$\r\n$$%{y}",
        "%$${",
        "$$$%%{",
        "a$\r",
        "$%",
        "$$%${x}$",
        "%%${x}%",
    ]
    .map(String::from);
    let ascii = ["$%${x}", "%$$%{y}"].map(String::from);
    // Then characters JSON holds raw but YAML readers (cfn-lint's among them) refuse.
    let raw = [
        "a\u{7f}b",
        "\u{85}",
        "\u{feff}title",
        "x\u{2029}y",
        "\u{9f}\u{80}",
        "\u{fffe}",
        "\u{7f}$${x}",
        "end\u{85}",
    ]
    .map(String::from);
    [build(&traps, &ascii), build(&raw, &ascii)]
        .into_iter()
        .chain((1..n).map(|_| strategy.new_tree(&mut runner).unwrap().current()))
        .collect()
}
