//! AWS Security Hub: findings imported in the AWS Security Finding Format (`detail.findings[]`),
//! the newer OCSF findings (`Findings Imported V2`) and findings sent by a custom action. A
//! preset pins the severity label and the product; Security Hub's finding actions are scoped to the
//! account's hub, which needs no setting.

use super::{Pin, Sequence, Source, SourceSetting};
use crate::domain::design::samples::Sample;
use crate::domain::design::settings::{Check, Setting};

/// An ASFF severity label.
pub const SEVERITY_LABEL: Check = Check::Pattern {
    pattern: "^(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)$",
    allowed: label_char,
    min: 3,
    max: 13,
    exact: Some(is_label),
};

fn label_char(c: char) -> bool {
    c.is_ascii_uppercase()
}

fn is_label(s: &str) -> bool {
    ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"].contains(&s)
}

/// A product name as findings carry it (`GuardDuty`, `Security Hub`, `Inspector`).
pub const PRODUCT_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9 ._-]{1,128}$",
    allowed: product_char,
    min: 1,
    max: 128,
    exact: None,
};

fn product_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " ._-".contains(c)
}

const FORMATS: &str =
    "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html";
const V2: &str =
    "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-v2-cwe-event-formats.html";
const ENVELOPE: &str = "the page's event with its finding placeholder filled by the GuardDuty finding AWS documents in Security Hub format (docs.aws.amazon.com/guardduty/latest/ug/securityhub-integration.html)";

const SAMPLES: &[Sample] = samples! {
    "securityhub-finding-imported-critical", "Security Hub finding imported, CRITICAL", FORMATS, "as the MEDIUM sample, with the CRITICAL Severity example of the ASFF required attributes page";
    "securityhub-finding-imported", "Security Hub finding imported, MEDIUM (GuardDuty)", FORMATS, ENVELOPE;
    "securityhub-finding-imported-control", "Security Hub control finding, FAILED", FORMATS, "the page's event with its finding placeholder filled by AWS's sample FSBP control finding (sample-control-findings.html)";
    "securityhub-finding-custom-action", "Security Hub finding sent by a custom action", FORMATS, ENVELOPE;
    "securityhub-finding-v2", "Security Hub V2 finding (OCSF), Critical", V2, "the page's event with its finding filled by AWS's sample exposure finding (exposure-findings-sample.html)";
};

pub const SECURITYHUB: Source = Source {
    event_source: "aws.securityhub",
    label: "AWS Security Hub",
    detail_types: &[
        "Security Hub Findings - Imported",
        "Security Hub Findings - Custom Action",
        "Findings Imported V2",
    ],
    help: "ASFF findings in detail.findings[] (Id, ProductArn, Title, Description, Severity.Label, Workflow.Status, Resources[]); a rule matches any finding of the list. Version 2 findings are OCSF: finding_info.uid, severity, metadata.product.",
    doc_url: FORMATS,
    presets: &[(
        "securityhub-critical",
        &["securityhub-finding-imported-critical"],
    )],
    samples: SAMPLES,
    sequences: &[Sequence {
        id: "securityhub-findings",
        label: "Security Hub findings: MEDIUM, control, CRITICAL",
        samples: &[
            "securityhub-finding-imported",
            "securityhub-finding-imported-control",
            "securityhub-finding-imported-critical",
        ],
    }],
    settings: &[
        SourceSetting {
            setting: Setting {
                key: "securityHubSeverity",
                label: "Security Hub severity label",
                help: "The severity label of the findings the rule follows (INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL); the pattern's detail.findings.Severity.Label follows it in the exports.",
                check: SEVERITY_LABEL,
                existing: false,
                allowed: "INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL",
                platform: None,
            },
            what: "Security Hub severity label",
            noun: "severity label",
            events: "findings",
            pin: Pin::Detail(&["findings", "Severity", "Label"]),
            arn_variable: "",
            words: &["securityhub", "severity"],
            field: None,
        },
        SourceSetting {
            setting: Setting {
                key: "securityHubProduct",
                label: "Security Hub product",
                help: "The product whose findings the rule follows, as findings name it (GuardDuty, Inspector, Security Hub); the pattern's detail.findings.ProductName follows it in the exports.",
                check: PRODUCT_NAME,
                existing: false,
                allowed: "letters, digits, spaces and . _ -, 1 to 128 characters",
                platform: None,
            },
            what: "Security Hub product",
            noun: "product",
            events: "findings",
            pin: Pin::Detail(&["findings", "ProductName"]),
            arn_variable: "",
            words: &["securityhub", "product"],
            field: None,
        },
    ],
};
