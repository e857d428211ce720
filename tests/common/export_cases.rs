//! The export cases shared by the golden test (`tests/it`) and the tool checks (`tests/tools`):
//! every preset as a complete stack, plus the blue/green preset in every other scope.

// Each test binary uses part of this module.
#![allow(dead_code)]
use chatops_designer::domain::design::model::{ChatPlatform, Design};
use chatops_designer::domain::design::presets::preset;
use chatops_designer::domain::export::{export_with_checks, Export, ExportOptions, Format};
use chatops_designer::domain::pipeline::simulate::sample_message;
use chatops_designer::domain::verify::pattern_checks;
use std::path::PathBuf;

pub struct Case {
    pub dir: &'static str,
    pub preset: &'static str,
    pub options: &'static [(&'static str, &'static str)],
    /// The channel is Microsoft Teams (with example ids), not the preset's Slack.
    pub teams: bool,
}

pub const CASES: &[Case] = &[
    Case {
        dir: "blue-green",
        preset: "blue-green",
        options: &[],
        teams: false,
    },
    Case {
        dir: "deployment-failed",
        preset: "deployment-failed",
        options: &[],
        teams: false,
    },
    Case {
        dir: "status-thread",
        preset: "status-thread",
        options: &[],
        teams: false,
    },
    Case {
        dir: "instance-failure",
        preset: "instance-failure",
        options: &[],
        teams: false,
    },
    Case {
        dir: "blank",
        preset: "blank",
        options: &[],
        teams: false,
    },
    Case {
        dir: "blue-green-actions-existing",
        preset: "blue-green",
        options: &[("scope", "actions"), ("attach", "existing-configuration")],
        teams: false,
    },
    Case {
        dir: "blue-green-rule",
        preset: "blue-green",
        options: &[("scope", "rule")],
        teams: false,
    },
    Case {
        dir: "blue-green-channel",
        preset: "blue-green",
        options: &[("scope", "channel")],
        teams: false,
    },
    Case {
        dir: "blue-green-existing",
        preset: "blue-green",
        options: &[("attach", "existing-configuration")],
        teams: false,
    },
    Case {
        dir: "blue-green-log-events",
        preset: "blue-green",
        options: &[("log-events", "yes")],
        teams: false,
    },
    Case {
        dir: "blue-green-rule-log-events",
        preset: "blue-green",
        options: &[("scope", "rule"), ("log-events", "yes")],
        teams: false,
    },
    Case {
        dir: "blue-green-no-guardrail-unencrypted",
        preset: "blue-green",
        options: &[("guardrail", "no"), ("encryption", "none")],
        teams: false,
    },
    Case {
        dir: "blue-green-lifecycle",
        preset: "blue-green-lifecycle",
        options: &[],
        teams: false,
    },
    Case {
        dir: "blue-green-lifecycle-teams",
        preset: "blue-green-lifecycle",
        options: &[("log-events", "yes")],
        teams: true,
    },
    // One case per event source beyond CodeDeploy: its preset, default options.
    Case {
        dir: "ecs-deployment",
        preset: "ecs-deployment",
        options: &[],
        teams: false,
    },
    Case {
        dir: "cloudwatch-alarm",
        preset: "cloudwatch-alarm",
        options: &[],
        teams: false,
    },
    Case {
        dir: "pipeline-failed",
        preset: "pipeline-failed",
        options: &[],
        teams: false,
    },
    Case {
        dir: "build-failed",
        preset: "build-failed",
        options: &[],
        teams: false,
    },
    Case {
        dir: "guardduty-high",
        preset: "guardduty-high",
        options: &[],
        teams: false,
    },
    Case {
        dir: "securityhub-critical",
        preset: "securityhub-critical",
        options: &[],
        teams: false,
    },
    Case {
        dir: "health-ec2",
        preset: "health-ec2",
        options: &[],
        teams: false,
    },
];

impl Case {
    pub fn design(&self) -> Design {
        let mut d = preset(self.preset).expect("preset exists");
        if self.teams {
            let dep = &mut d.deployment;
            dep.platform = ChatPlatform::Teams;
            dep.teams_team_id = "8f5a2c1e-1234-4c3b-9a6d-0123456789ab".into();
            dep.teams_channel_id = "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2".into();
            dep.teams_tenant_id = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f".into();
        }
        d
    }
    pub fn options(&self) -> ExportOptions {
        let mut o = ExportOptions::default();
        for (k, v) in self.options {
            o.set(k, v).expect("valid option");
        }
        o.check().expect("every case's options take effect");
        o
    }
    pub fn export(&self, format: Format) -> Export {
        export_design(&self.design(), &self.options(), format)
    }
    /// The folder of one format's golden files.
    pub fn golden_dir(&self, format: Format) -> PathBuf {
        golden_root().join(self.dir).join(format_dir(format))
    }
}

/// Each rule's sample message, as the app's exports get them.
pub fn sample_messages(design: &Design) -> Vec<Option<String>> {
    let c = chatops_designer::domain::pipeline::simulate::compile(design);
    (0..design.rules.len())
        .map(|i| sample_message(&c, i))
        .collect()
}

pub fn export_design(design: &Design, options: &ExportOptions, format: Format) -> Export {
    export_with_checks(
        design,
        format,
        options,
        &sample_messages(design),
        &pattern_checks(design),
    )
}

pub fn golden_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

pub fn format_dir(format: Format) -> &'static str {
    match format.id() {
        "cloudformation-yaml" | "cloudformation-json" => "cloudformation",
        id => id,
    }
}
