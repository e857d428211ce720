//! AWS CodeDeploy: deployment and instance state-change events, played as a blue/green deployment,
//! a failed one and an instance's life; the application and the deployment group pin the pattern
//! and scope the buttons' permissions. Its settings keep their own fields in the design file
//! (`deployment.application`, `deployment.deploymentGroup`), as in version 1.

use super::{Field, Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// An application or deployment group name.
pub const NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9_.+=,@-]{1,100}$",
    allowed: name_char,
    min: 1,
    max: 100,
    exact: None,
};

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_.+=,@-".contains(c)
}

/// The page of AWS's CodeDeploy event samples.
const DOC: &str = "https://docs.aws.amazon.com/codedeploy/latest/userguide/monitoring-cloudwatch-events.html";
/// How the samples other than AWS's two were made.
const BUILT: &str = "AWS's sample with the state, ids and names of this case (not on the page as such)";

/// Two are AWS's own samples verbatim; the others change its state and names.
const SAMPLES: &[Sample] = samples! {
    "codedeploy-deployment-start", "Deployment START", DOC, BUILT;
    "codedeploy-deployment-ready", "Deployment READY (blue/green)", DOC, BUILT;
    "codedeploy-deployment-success", "Deployment SUCCESS", DOC, BUILT;
    "codedeploy-deployment-failure", "Deployment FAILURE", DOC, BUILT;
    "codedeploy-deployment-stop", "Deployment STOP", DOC, BUILT;
    "codedeploy-deployment-success.aws-doc-sample", "Deployment SUCCESS (AWS sample)", DOC, "";
    "codedeploy-instance-start", "Instance START", DOC, BUILT;
    "codedeploy-instance-success", "Instance SUCCESS", DOC, BUILT;
    "codedeploy-instance-failure", "Instance FAILURE", DOC, BUILT;
    "codedeploy-instance-success.aws-doc-sample", "Instance SUCCESS (AWS sample)", DOC, "";
};

pub const CODEDEPLOY: Source = Source {
    event_source: "aws.codedeploy",
    label: "AWS CodeDeploy",
    detail_types: &[
        "CodeDeploy Deployment State-change Notification",
        "CodeDeploy Instance State-change Notification",
    ],
    help: "Deployment and instance state changes (START, READY for blue/green, SUCCESS, FAILURE, STOP): detail carries the application, deployment group, deployment id, state and Region; instance events add the instance id.",
    doc_url: DOC,
    presets: &[
        ("blue-green", &["codedeploy-deployment-ready"]),
        (
            "blue-green-lifecycle",
            &[
                "codedeploy-deployment-start",
                "codedeploy-deployment-ready",
                "codedeploy-deployment-success",
                "codedeploy-deployment-failure",
            ],
        ),
        ("deployment-failed", &["codedeploy-deployment-failure"]),
        (
            "status-thread",
            &[
                "codedeploy-deployment-start",
                "codedeploy-deployment-success",
                "codedeploy-deployment-failure",
                "codedeploy-deployment-stop",
            ],
        ),
        ("instance-failure", &["codedeploy-instance-failure"]),
    ],
    samples: SAMPLES,
    sequences: &[
        Sequence {
            id: "blue-green",
            label: "Blue/green deployment: START → READY → SUCCESS",
            samples: &[
                "codedeploy-deployment-start",
                "codedeploy-deployment-ready",
                "codedeploy-deployment-success",
            ],
        },
        Sequence {
            id: "failed",
            label: "Failed deployment: instance FAILURE → deployment FAILURE",
            samples: &[
                "codedeploy-instance-failure",
                "codedeploy-deployment-failure",
            ],
        },
        Sequence {
            id: "instance-failure",
            label: "Instances: START → SUCCESS → FAILURE",
            samples: &[
                "codedeploy-instance-start",
                "codedeploy-instance-success",
                "codedeploy-instance-failure",
            ],
        },
    ],
    settings: &[
        SourceSetting {
            setting: Setting {
                key: "application",
                label: "CodeDeploy application",
                help: "The application whose deployments the rule follows; the pattern's detail.application leaf follows it in the exports.",
                check: NAME,
                existing: true,
                allowed: "letters, digits and _ . + = , @ -, 1 to 100 characters",
                platform: None,
            },
            what: "CodeDeploy application",
            noun: "application",
            events: "deployments",
            pin: Pin::Detail(&["application"]),
            arn_variable: "ApplicationName",
            words: &["codedeploy", "application"],
            field: Some(Field {
                get: |d| &d.application,
                get_mut: |d| &mut d.application,
            }),
        },
        SourceSetting {
            setting: Setting {
                key: "deploymentGroup",
                label: "Deployment group",
                help: "The deployment group whose deployments the rule follows; the pattern's detail.deploymentGroup leaf follows it in the exports.",
                check: NAME,
                existing: true,
                allowed: "letters, digits and _ . + = , @ -, 1 to 100 characters",
                platform: None,
            },
            what: "CodeDeploy deployment group",
            noun: "deployment group",
            events: "deployments",
            pin: Pin::Detail(&["deploymentGroup"]),
            arn_variable: "DeploymentGroupName",
            words: &["codedeploy", "deployment", "group"],
            field: Some(Field {
                get: |d| &d.deployment_group,
                get_mut: |d| &mut d.deployment_group,
            }),
        },
    ],
};
