//! Amazon CloudWatch: alarm state changes of metric, metric-math and composite alarms. The alarm's
//! name pins the pattern (`detail.alarmName`) and scopes the buttons to the alarm's ARN.

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// An alarm name: 1 to 255 characters; this form takes those that every format's check reads the
/// same (POSIX, RE2, Java and JavaScript bracket expressions) and a notification template carries
/// as they are: letters, digits, spaces and `_ . , : / + = @ # ( ) -`.
pub const ALARM_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9 _.,:/+=@#()-]{1,255}$",
    allowed: alarm_char,
    min: 1,
    max: 255,
    exact: None,
};

fn alarm_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " _.,:/+=@#()-".contains(c)
}

const DOC: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html";

const SAMPLES: &[Sample] = samples! {
    "cloudwatch-alarm-metric-alarm", "Alarm OK → ALARM (metric)", DOC, "";
    "cloudwatch-alarm-ok", "Alarm ALARM → OK (metric)", DOC, "AWS's metric alarm sample with its state and previousState swapped: the page shows no alarm returning to OK";
    "cloudwatch-alarm-metric-math", "Alarm INSUFFICIENT_DATA → ALARM (metric math)", DOC, "";
    "cloudwatch-alarm-composite", "Composite alarm → ALARM (actions suppressed)", DOC, "";
};

pub const CLOUDWATCH: Source = Source {
    event_source: "aws.cloudwatch",
    label: "Amazon CloudWatch alarms",
    detail_types: &["CloudWatch Alarm State Change"],
    help: "Alarm state changes: detail.alarmName, detail.state.value (OK, ALARM, INSUFFICIENT_DATA) with its reason and timestamp, detail.previousState, and the alarm's configuration (its metrics, or a composite alarm's alarmRule).",
    doc_url: DOC,
    presets: &[(
        "cloudwatch-alarm",
        &["cloudwatch-alarm-metric-alarm", "cloudwatch-alarm-ok"],
    )],
    samples: SAMPLES,
    sequences: &[Sequence {
        id: "alarm",
        label: "Alarm: OK → ALARM → OK",
        samples: &["cloudwatch-alarm-metric-alarm", "cloudwatch-alarm-ok"],
    }],
    settings: &[SourceSetting {
        setting: Setting {
            key: "alarmName",
            label: "CloudWatch alarm",
            help: "The alarm whose state changes the rule follows; the pattern's detail.alarmName follows it in the exports.",
            check: ALARM_NAME,
            existing: true,
            allowed: "letters, digits, spaces and _ . , : / + = @ # ( ) -, 1 to 255 characters",
            platform: None,
        },
        what: "CloudWatch alarm",
        noun: "alarm",
        events: "state changes",
        pin: Pin::Detail(&["alarmName"]),
        arn_variable: "AlarmName",
        words: &["cloudwatch", "alarm"],
        field: None,
    }],
};
