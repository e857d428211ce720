//! Amazon GuardDuty: findings, with a numeric severity (High is 7.0–8.9, Critical 9.0–10.0). The
//! detector pins the pattern (`detail.service.detectorId`); a preset's severity threshold is a
//! numeric pattern. GuardDuty's IAM actions on findings name no resource type, so their buttons'
//! permissions are on `*` however the pattern is pinned.

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// A detector id: 32 lowercase hexadecimal characters.
pub const DETECTOR_ID: Check = Check::Pattern {
    pattern: "^[a-z0-9]{1,300}$",
    allowed: detector_char,
    min: 1,
    max: 300,
    exact: None,
};

fn detector_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

const DOC: &str =
    "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html";
const SAMPLE_REPO: &str =
    "https://github.com/aws-samples/amazon-guardduty-automated-response-sample/tree/main/events";
const FROM_SAMPLES: &str = "the page gives the event's envelope with a placeholder for the finding; the finding is a GuardDuty sample finding from AWS's aws-samples repository";

const SAMPLES: &[Sample] = samples! {
    "guardduty-finding-high", "GuardDuty finding, high severity (8)", SAMPLE_REPO, "the IAM sample finding with severity 8 instead of 5 (its title and type are the medium finding's)";
    "guardduty-finding-iam-medium", "GuardDuty finding, IAM user (5)", SAMPLE_REPO, FROM_SAMPLES;
    "guardduty-finding-s3-medium", "GuardDuty finding, S3 (5)", SAMPLE_REPO, FROM_SAMPLES;
    "guardduty-finding-ec2-medium", "GuardDuty finding, EC2 test finding (5)", SAMPLE_REPO, FROM_SAMPLES;
};

pub const GUARDDUTY: Source = Source {
    event_source: "aws.guardduty",
    label: "Amazon GuardDuty",
    detail_types: &["GuardDuty Finding"],
    help: "Findings: detail.id, detail.type, detail.title, detail.description, detail.severity (a number: 4–6.9 medium, 7–8.9 high, 9–10 critical), detail.service.detectorId and the affected resource. A threshold on severity is a numeric pattern.",
    doc_url: DOC,
    presets: &[("guardduty-high", &["guardduty-finding-high"])],
    samples: SAMPLES,
    sequences: &[Sequence {
        id: "guardduty-findings",
        label: "GuardDuty findings: medium, medium, high",
        samples: &[
            "guardduty-finding-iam-medium",
            "guardduty-finding-s3-medium",
            "guardduty-finding-high",
        ],
    }],
    settings: &[SourceSetting {
        setting: Setting {
            key: "guardDutyDetector",
            label: "GuardDuty detector",
            help: "The detector whose findings the rule follows; the pattern's detail.service.detectorId follows it in the exports, and the buttons reach it as {{guardDutyDetector}}.",
            check: DETECTOR_ID,
            existing: true,
            allowed: "lowercase letters and digits, 1 to 300 characters",
            platform: None,
        },
        what: "GuardDuty detector",
        noun: "detector",
        events: "findings",
        pin: Pin::Detail(&["service", "detectorId"]),
        arn_variable: "DetectorId",
        words: &["guardduty", "detector"],
        field: None,
    }],
};
