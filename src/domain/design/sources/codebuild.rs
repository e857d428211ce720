//! AWS CodeBuild: build state and build phase changes. The project's name pins the pattern
//! (`detail.project-name`) and scopes the buttons to the project's ARN.

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// A project name (CodeBuild: `[A-Za-z0-9][A-Za-z0-9\-_]{1,254}`).
pub const PROJECT_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$",
    allowed: name_char,
    min: 2,
    max: 255,
    exact: None,
};

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

const DOC: &str = "https://docs.aws.amazon.com/codebuild/latest/userguide/sample-build-notifications.html#sample-build-notifications-ref";

const SAMPLES: &[Sample] = samples! {
    "codebuild-build-succeeded", "Build SUCCEEDED", DOC, "";
    "codebuild-build-failed", "Build FAILED", DOC, "AWS's SUCCEEDED sample with build-status FAILED (its phases still read SUCCEEDED): the page shows no failed build";
    "codebuild-phase-change", "Build phase change", DOC, "";
};

pub const CODEBUILD: Source = Source {
    event_source: "aws.codebuild",
    label: "AWS CodeBuild",
    detail_types: &["CodeBuild Build State Change", "CodeBuild Build Phase Change"],
    help: "Build state changes (detail.build-status IN_PROGRESS, SUCCEEDED, FAILED, STOPPED) and phase changes (detail.completed-phase, completed-phase-status): detail.project-name, detail.build-id (the build's ARN) and additional-information (logs deep link, phases, source version).",
    doc_url: DOC,
    presets: &[("build-failed", &["codebuild-build-failed"])],
    samples: SAMPLES,
    sequences: &[Sequence {
        id: "build",
        label: "Build: phase change → SUCCEEDED",
        samples: &["codebuild-phase-change", "codebuild-build-succeeded"],
    }],
    settings: &[SourceSetting {
        setting: Setting {
            key: "codebuildProject",
            label: "CodeBuild project",
            help: "The project whose builds the rule follows; the pattern's detail.project-name follows it in the exports.",
            check: PROJECT_NAME,
            existing: true,
            allowed: "letters, digits, hyphens and underscores, starting with a letter or digit, 2 to 255 characters",
            platform: None,
        },
        what: "CodeBuild project",
        noun: "project",
        events: "builds",
        pin: Pin::Detail(&["project-name"]),
        arn_variable: "ProjectName",
        words: &["codebuild", "project"],
        field: None,
    }],
};
