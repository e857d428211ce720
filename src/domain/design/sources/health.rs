//! AWS Health: events of AWS services (issues, scheduled changes, account notifications). The
//! service pins the pattern (`detail.service`) and scopes the buttons to its events' ARNs.

use super::{Pin, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// A service code as AWS Health writes it (`EC2`, `ELASTICLOADBALANCING`).
pub const SERVICE: Check = Check::Pattern {
    pattern: "^[A-Z0-9_]{2,30}$",
    allowed: service_char,
    min: 2,
    max: 30,
    exact: None,
};

fn service_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
}

/// An AWS Health event type category.
pub const CATEGORY: Check = Check::Pattern {
    pattern: "^(issue|scheduledChange|accountNotification|investigation)$",
    allowed: category_char,
    min: 5,
    max: 19,
    exact: Some(is_category),
};

fn category_char(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_category(s: &str) -> bool {
    ["issue", "scheduledChange", "accountNotification", "investigation"].contains(&s)
}

const DOC: &str =
    "https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html";

const SAMPLES: &[Sample] = samples! {
    "health-issue", "Health issue: EC2 operational issue", DOC, "";
    "health-issue-account-specific", "Health issue: ELB API issue in one account", DOC, "";
    "health-issue-backup-event", "Health issue: EC2 instance store degraded", DOC, "";
    "health-scheduled-change", "Health scheduled change: EC2 instance retirement", DOC, "";
    "health-scheduled-change-planned-lifecycle", "Health scheduled change: Lambda lifecycle", DOC, "";
    "health-account-notification", "Health account notification: billing", DOC, "the ELB issue sample with the service, type code, category, Region and ARN of the billing notification in the AWS CLI's describe-events example: the page shows no account notification";
};

pub const HEALTH: Source = Source {
    event_source: "aws.health",
    label: "AWS Health",
    detail_types: &["AWS Health Event"],
    help: "Service events: detail.service, detail.eventTypeCode, detail.eventTypeCategory (issue, scheduledChange, accountNotification), detail.eventArn, detail.startTime, detail.eventDescription[].latestDescription and detail.affectedEntities[].",
    doc_url: DOC,
    presets: &[(
        "health-ec2",
        &[
            "health-issue",
            "health-issue-backup-event",
            "health-scheduled-change",
        ],
    )],
    samples: SAMPLES,
    sequences: &[],
    settings: &[SourceSetting {
        setting: Setting {
            key: "healthService",
            label: "AWS Health service",
            help: "The service whose Health events the rule follows (as Health writes it: EC2, LAMBDA, ELASTICLOADBALANCING); the pattern's detail.service follows it in the exports.",
            check: SERVICE,
            existing: false,
            allowed: "capital letters, digits and underscores, 2 to 30 characters",
            platform: None,
        },
        what: "AWS Health service",
        noun: "service",
        events: "events",
        pin: Pin::Detail(&["service"]),
        arn_variable: "Service",
        words: &["health", "service"],
        field: None,
    },
    SourceSetting {
        setting: Setting {
            key: "healthCategory",
            label: "AWS Health event category",
            help: "The category of Health events the rule follows (issue, scheduledChange, accountNotification, investigation); a pattern value equal to it follows it in the exports.",
            check: CATEGORY,
            existing: false,
            allowed: "issue, scheduledChange, accountNotification or investigation",
            platform: None,
        },
        what: "AWS Health event category",
        noun: "event category",
        events: "events",
        pin: Pin::Detail(&["eventTypeCategory"]),
        arn_variable: "",
        words: &["health", "category"],
        field: None,
    }],
};
