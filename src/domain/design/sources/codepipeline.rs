//! AWS CodePipeline: pipeline, stage and action execution state changes. The pipeline's name pins
//! the pattern (`detail.pipeline`) and scopes the buttons to the pipeline's ARN (its stages too).

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// A pipeline name (CodePipeline: `[A-Za-z0-9.@\-_]+`, up to 100 characters).
pub const PIPELINE_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9.@_-]{1,100}$",
    allowed: name_char,
    min: 1,
    max: 100,
    exact: None,
};

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".@_-".contains(c)
}

const DOC: &str =
    "https://docs.aws.amazon.com/codepipeline/latest/userguide/detect-state-changes-cloudwatch-events.html";
const QUOTED: &str = "the page leaves the id, account and execution-id values unquoted; they are quoted here";

const SAMPLES: &[Sample] = samples! {
    "codepipeline-pipeline-started", "Pipeline STARTED", DOC, "";
    "codepipeline-pipeline-succeeded", "Pipeline SUCCEEDED", DOC, "";
    "codepipeline-pipeline-failed", "Pipeline FAILED", DOC, "";
    "codepipeline-pipeline-stopping", "Pipeline STOPPING", DOC, "";
    "codepipeline-stage-started", "Stage STARTED", DOC, QUOTED;
    "codepipeline-stage-failed", "Stage FAILED", DOC, "AWS's Stage STOPPED sample with state FAILED: the page shows no failed stage";
    "codepipeline-stage-stopping", "Stage STOPPING", DOC, "";
    "codepipeline-stage-stopped", "Stage STOPPED", DOC, "";
    "codepipeline-action-started", "Action STARTED", DOC, QUOTED;
    "codepipeline-action-succeeded", "Action SUCCEEDED", DOC, "";
    "codepipeline-action-failed", "Action FAILED", DOC, "";
    "codepipeline-action-abandoned", "Action ABANDONED", DOC, "";
};

pub const CODEPIPELINE: Source = Source {
    event_source: "aws.codepipeline",
    label: "AWS CodePipeline",
    detail_types: &[
        "CodePipeline Pipeline Execution State Change",
        "CodePipeline Stage Execution State Change",
        "CodePipeline Action Execution State Change",
    ],
    help: "Execution state changes of a pipeline, a stage or an action: detail.pipeline, detail.execution-id and detail.state (STARTED, SUCCEEDED, FAILED, STOPPING, STOPPED, …); stage events add detail.stage, action events detail.stage, detail.action and its type.",
    doc_url: DOC,
    presets: &[(
        "pipeline-failed",
        &[
            "codepipeline-pipeline-started",
            "codepipeline-pipeline-succeeded",
            "codepipeline-pipeline-failed",
            "codepipeline-stage-failed",
        ],
    )],
    samples: SAMPLES,
    sequences: &[
        Sequence {
            id: "pipeline-run",
            label: "Pipeline run: STARTED → actions → SUCCEEDED",
            samples: &[
                "codepipeline-pipeline-started",
                "codepipeline-stage-started",
                "codepipeline-action-started",
                "codepipeline-action-succeeded",
                "codepipeline-pipeline-succeeded",
            ],
        },
        Sequence {
            id: "pipeline-failed",
            label: "Pipeline failed: STARTED → stage FAILED → FAILED",
            samples: &[
                "codepipeline-pipeline-started",
                "codepipeline-action-failed",
                "codepipeline-stage-failed",
                "codepipeline-pipeline-failed",
            ],
        },
    ],
    settings: &[SourceSetting {
        setting: Setting {
            key: "pipelineName",
            label: "CodePipeline pipeline",
            help: "The pipeline whose executions the rule follows; the pattern's detail.pipeline follows it in the exports.",
            check: PIPELINE_NAME,
            existing: true,
            allowed: "letters, digits and . @ _ -, 1 to 100 characters",
            platform: None,
        },
        what: "CodePipeline pipeline",
        noun: "pipeline",
        events: "executions",
        pin: Pin::Detail(&["pipeline"]),
        arn_variable: "PipelineName",
        words: &["codepipeline", "pipeline"],
        field: None,
    }],
};
