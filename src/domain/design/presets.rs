//! Built-in designs to start from. Imports the model.

use crate::domain::design::model::Design;

/// One preset: id, label and its design file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub id: &'static str,
    pub label: &'static str,
    pub json: &'static str,
}

macro_rules! presets {
    ($($id:literal, $label:literal;)*) => {
        /// Every preset; the first is the seed design the app opens with.
        pub const PRESETS: &[Preset] = &[$(Preset { id: $id, label: $label, json: include_str!(concat!("presets/", $id, ".json")) }),*];
    };
}

presets! {
    "blue-green", "Blue/green ready: switch, rollback, terminate";
    "blue-green-lifecycle", "Blue/green lifecycle: start, ready with buttons, result, in one thread";
    "deployment-failed", "Deployment failed: details and failed instances";
    "status-thread", "Status thread: one thread per deployment";
    "instance-failure", "Instance failure: details and stop";
    "ecs-deployment", "ECS deployment: progress, failure, describe and redeploy";
    "cloudwatch-alarm", "CloudWatch alarm: ALARM and OK in one thread, history, mute";
    "pipeline-failed", "CodePipeline: executions in one thread, retry a failed stage";
    "build-failed", "CodeBuild build failed: recent builds, run again";
    "guardduty-high", "GuardDuty: high-severity findings, get and archive";
    "securityhub-critical", "Security Hub: new critical findings, notified and resolved";
    "health-ec2", "AWS Health: a service's issues and scheduled changes, details";
    "blank", "Blank design";
}

/// The seed preset's id.
pub const SEED: &str = "blue-green";

/// The preset's design, or `None` for an unknown id. Each preset is parsed once (share links diff
/// against their preset on every autosave); built-in files are trusted, so one serde pass reads
/// them, and `tests/it/design.rs` checks every preset also passes `Design::from_json`.
pub fn preset(id: &str) -> Option<Design> {
    preset_ref(id).cloned()
}

/// The preset `id`, parsed once and shared (`preset` gives an owned copy to edit).
pub fn preset_ref(id: &str) -> Option<&'static Design> {
    static PARSED: [std::sync::OnceLock<Option<Design>>; PRESETS.len()] =
        [const { std::sync::OnceLock::new() }; PRESETS.len()];
    let i = PRESETS.iter().position(|p| p.id == id)?;
    PARSED
        .get(i)?
        .get_or_init(|| serde_json::from_str(PRESETS[i].json).ok())
        .as_ref()
}

/// True when `design` is exactly the preset it names (nothing edited since it was chosen).
pub fn is_unedited(design: &Design) -> bool {
    design
        .preset
        .as_deref()
        .and_then(preset)
        .is_some_and(|p| p == *design)
}

/// The seed design.
pub fn seed() -> Design {
    preset(SEED).unwrap_or_else(fallback)
}

/// A minimal valid design, used only if a built-in preset failed to parse (tests prevent that).
fn fallback() -> Design {
    use crate::domain::design::model::*;
    Design {
        format_version: FORMAT_VERSION,
        name: "Blank design".into(),
        preset: None,
        rules: vec![RuleDesign {
            name: "codedeploy-notification".into(),
            description: String::new(),
            enabled: true,
            event_pattern: serde_json::json!({"source": ["aws.codedeploy"]}),
            input_paths: [(
                "deploymentId".to_string(),
                "$.detail.deploymentId".to_string(),
            )]
            .into_iter()
            .collect(),
            input_template_override: None,
            notification: NotificationDesign {
                description: "Deployment <deploymentId>".into(),
                ..Default::default()
            },
        }],
        actions: Vec::new(),
        deployment: DeploymentSettings::default(),
    }
}
