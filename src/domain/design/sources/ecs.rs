//! Amazon ECS: service deployment state changes (in progress, completed, failed, rolling back) and
//! service actions (steady state, tasks that cannot start or be placed). ECS events name their
//! service only in `resources`, as `arn:…:service/<cluster>/<service>`, so the cluster and the
//! service pin the pattern there; a button reaches them as `{{ecsCluster}}` and `{{ecsService}}`.

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// A cluster or service name (ECS: up to 255 letters, digits, hyphens and underscores).
pub const NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9_-]{1,255}$",
    allowed: name_char,
    min: 1,
    max: 255,
    exact: None,
};

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The service's ARN format in the IAM reference, which ECS events put in `resources`.
const SERVICE_ARN: &str = "arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}";

const DEPLOYMENTS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_service_deployment_events.html";
const ACTIONS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_service_events.html";

const SAMPLES: &[Sample] = samples! {
    "ecs-deployment-in-progress", "ECS deployment IN_PROGRESS", DEPLOYMENTS, "";
    "ecs-deployment-completed", "ECS deployment COMPLETED", DEPLOYMENTS, "";
    "ecs-deployment-failed", "ECS deployment FAILED (circuit breaker)", DEPLOYMENTS, "";
    "ecs-deployment-rollback-in-progress", "ECS rollback IN_PROGRESS (circuit breaker)", DEPLOYMENTS, "";
    "ecs-service-steady-state", "ECS service steady state", ACTIONS, "";
    "ecs-service-task-start-impaired", "ECS tasks fail to start (WARN)", ACTIONS, "";
    "ecs-service-task-placement-failure", "ECS task placement failure (ERROR)", ACTIONS, "";
};

pub const ECS: Source = Source {
    event_source: "aws.ecs",
    label: "Amazon ECS",
    detail_types: &["ECS Deployment State Change", "ECS Service Action"],
    help: "Service deployments (detail.eventName SERVICE_DEPLOYMENT_IN_PROGRESS, _COMPLETED, _FAILED, with deploymentId and reason) and service actions (SERVICE_STEADY_STATE, SERVICE_TASK_START_IMPAIRED, …, with clusterArn). The service is named only in resources[0], as its ARN.",
    doc_url: DEPLOYMENTS,
    presets: &[(
        "ecs-deployment",
        &[
            "ecs-deployment-in-progress",
            "ecs-deployment-completed",
            "ecs-deployment-failed",
            "ecs-deployment-rollback-in-progress",
        ],
    )],
    samples: SAMPLES,
    sequences: &[
        Sequence {
            id: "ecs-deployment",
            label: "ECS deployment: IN_PROGRESS → COMPLETED",
            samples: &["ecs-deployment-in-progress", "ecs-deployment-completed"],
        },
        Sequence {
            id: "ecs-deployment-failed",
            label: "ECS deployment failed: IN_PROGRESS → FAILED → rollback",
            samples: &[
                "ecs-deployment-in-progress",
                "ecs-deployment-failed",
                "ecs-deployment-rollback-in-progress",
            ],
        },
    ],
    settings: &[
        SourceSetting {
            setting: Setting {
                key: "ecsCluster",
                label: "ECS cluster",
                help: "The cluster of the service whose events the rule follows: the service ARN in the pattern's resources names it, and the buttons reach it as {{ecsCluster}}.",
                check: NAME,
                existing: true,
                allowed: "letters, digits, hyphens and underscores, 1 to 255 characters",
                platform: None,
            },
            what: "ECS cluster",
            noun: "cluster",
            events: "services' events",
            pin: Pin::Resource(SERVICE_ARN),
            arn_variable: "ClusterName",
            words: &["ecs", "cluster"],
            field: None,
        },
        SourceSetting {
            setting: Setting {
                key: "ecsService",
                label: "ECS service",
                help: "The service whose deployments the rule follows: the service ARN in the pattern's resources names it, and the buttons reach it as {{ecsService}}.",
                check: NAME,
                existing: true,
                allowed: "letters, digits, hyphens and underscores, 1 to 255 characters",
                platform: None,
            },
            what: "ECS service",
            noun: "service",
            events: "events",
            pin: Pin::Resource(SERVICE_ARN),
            arn_variable: "ServiceName",
            words: &["ecs", "service"],
            field: None,
        },
    ],
};
