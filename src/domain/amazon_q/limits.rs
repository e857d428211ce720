//! The documented limits of Custom Actions and of a custom notification's content, as data (sections
//! A and B of the facts): one row per limit, with its unit, the characters allowed, how sure the
//! source is, and what going past it means. `check` walks the rows of a field; `validate`, the
//! editor's counters, the field help (`view::help`) and the evidence table read the same rows, so
//! adding a documented limit is one row.

use crate::domain::amazon_q::evidence::Level;
use crate::domain::base::diagnostic::{char_len, Diagnostic, Severity};

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Characters (Unicode scalar values) of a text.
    Chars,
    /// Entries of a list or map.
    Items,
}

/// The characters a text may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Any,
    /// `[A-Za-z0-9_-]`
    Name,
    /// `[A-Za-z0-9-]`
    TypeName,
}

impl Allowed {
    fn allows(self, c: char) -> bool {
        match self {
            Allowed::Any => true,
            Allowed::Name => c.is_ascii_alphanumeric() || c == '_' || c == '-',
            Allowed::TypeName => c.is_ascii_alphanumeric() || c == '-',
        }
    }
    fn describe(self) -> &'static str {
        match self {
            Allowed::Any => "any characters",
            Allowed::Name => "letters, digits, `_` and `-`",
            Allowed::TypeName => "letters, digits and `-`",
        }
    }
}

/// One documented limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The field's id: the help key (`buttonText`, `title`, …).
    pub field: &'static str,
    /// How messages name one value of the field (`the button text`), or for `Items` what is
    /// counted (`criteria`).
    pub what: &'static str,
    pub min: usize,
    pub max: usize,
    pub unit: Unit,
    pub allowed: Allowed,
    pub severity: Severity,
    /// How sure the source is (the preview's evidence levels).
    pub level: Level,
    /// Where it comes from, named in every message.
    pub source: &'static str,
    /// Appended to the message: what happens past the limit, or an example.
    pub note: &'static str,
}

const fn row(
    field: &'static str,
    what: &'static str,
    (min, max, unit): (usize, usize, Unit),
    allowed: Allowed,
    (severity, level): (Severity, Level),
    source: &'static str,
    note: &'static str,
) -> Limit {
    Limit {
        field,
        what,
        min,
        max,
        unit,
        allowed,
        severity,
        level,
        source,
        note,
    }
}

use Allowed::{Any, Name, TypeName};
use Level::{Documented, Seen};
use Severity::{Error, Warning};
use Unit::{Chars, Items};

const API: &str = "the CreateCustomAction API [BOTO-CB]";
const CFN: &str = "the AWS::Chatbot::CustomAction schema [CFN-CA]";
const PARA: &str = "a paraphrase of AWS's field table [PARA]";
const PARA_AFT: &str =
    "a paraphrase of AWS's field table and another codebase that truncates to it [PARA][AFT]";
const UNSURE: &str = "; secondary sources, unconfirmed whether longer text is cut or rejected";

/// Every row, Custom Actions first, then the notification's content.
pub const LIMITS: &[Limit] = &[
    row("actionName", "the action name", (1, 64, Chars), Name, (Error, Documented), API, ""),
    row("alias", "the alias", (1, 30, Chars), Name, (Error, Documented), API, ""),
    row("buttonText", "the button text", (1, 50, Chars), Any, (Error, Documented), API, ""),
    row("notificationType", "the notification type", (1, 100, Chars), TypeName, (Error, Documented), API, "; use Custom for custom notifications"),
    row("criteria", "criteria", (0, 5, Items), Any, (Error, Documented), API, ""),
    row("criterionValue", "the value", (0, 1024, Chars), Any, (Error, Documented), CFN, ""),
    row("variables", "variables", (0, 5, Items), Any, (Error, Documented), API, ""),
    row("variableName", "the variable name", (1, 100, Chars), Name, (Error, Documented), API, ""),
    row("variablePath", "the path", (0, 1024, Chars), Any, (Error, Documented), API, ""),
    row("command", "the command", (1, 5000, Chars), Any, (Error, Documented), CFN, ""),
    row("command", "the command", (0, 100, Chars), Any, (Warning, Documented), API, ": the CloudFormation and Terraform exports accept it (the AWS::Chatbot::CustomAction schema, which awscc deploys through, allows 5000), but the AWS CLI export calls CreateCustomAction, whose API model says at most 100; the AWS CLI does not check that maximum itself, and whether the service enforces it is unconfirmed"),
    row("title", "the title", (0, 250, Chars), Any, (Warning, Seen), PARA_AFT, UNSURE),
    row("description", "the description", (0, 8000, Chars), Any, (Warning, Seen), PARA_AFT, UNSURE),
    row("nextSteps", "this next step", (0, 350, Chars), Any, (Warning, Seen), PARA, UNSURE),
    row("keywords", "this keyword", (0, 75, Chars), Any, (Warning, Seen), PARA, UNSURE),
];

impl Limit {
    /// The range in words: `1 to 64`, or `at most 5` when there is no minimum.
    fn bounds(&self) -> String {
        if self.min > 0 {
            format!("{} to {}", self.min, self.max)
        } else {
            format!("at most {}", self.max)
        }
    }
}

/// The rows of a field.
pub fn limits(field: &str) -> impl Iterator<Item = &'static Limit> + '_ {
    LIMITS.iter().filter(move |l| l.field == field)
}

/// The smallest maximum of a field's rows, which the editor's counter shows (0 for a field
/// without limits).
pub fn counter_max(field: &str) -> usize {
    limits(field).map(|l| l.max).min().unwrap_or(0)
}

/// What a value of a field measures.
#[derive(Debug, Clone, Copy)]
pub enum Measure<'a> {
    Text(&'a str),
    Count(usize),
}

/// Checks one value of `field` at `location` against every row of the field. Errors are checked
/// first; a length past an error row's limit is not reported again by a warning row, and the
/// characters are checked once per field.
pub fn check(field: &str, location: &str, value: Measure) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let n = match value {
        Measure::Text(t) => char_len(t),
        Measure::Count(n) => n,
    };
    let mut rows: Vec<&Limit> = limits(field).collect();
    rows.sort_by_key(|l| std::cmp::Reverse(l.severity));
    let mut length_reported = false;
    let mut chars_checked = false;
    for l in rows {
        if (n < l.min || n > l.max) && !length_reported {
            length_reported = true;
            let range = match l.min {
                0 => l.bounds(),
                _ => format!("it needs {}", l.bounds()),
            };
            let message = match l.unit {
                Chars => format!(
                    "{} has {n} characters; {range} per {}{}",
                    l.what, l.source, l.note
                ),
                Items => format!("{n} {}; {range} per {}{}", l.what, l.source, l.note),
            };
            out.push(Diagnostic::new(l.severity, location, message));
        }
        if let (Measure::Text(t), false) = (value, chars_checked || l.allowed == Any) {
            chars_checked = true;
            if let Some(c) = t.chars().find(|c| !l.allowed.allows(*c)) {
                out.push(Diagnostic::new(
                    l.severity,
                    location,
                    format!(
                        "{c:?} is not allowed in {}; use {} ({})",
                        l.what,
                        l.allowed.describe(),
                        l.source
                    ),
                ));
            }
        }
    }
    out
}

/// The limits of a field in words, for its help: "1 to 64 letters, digits, `_` and `-`".
pub fn describe(field: &str) -> String {
    limits(field)
        .map(|l| {
            let unit = match (l.unit, l.allowed) {
                (Items, _) => l.what.to_string(),
                (Chars, Any) => "characters".to_string(),
                (Chars, a) => a.describe().to_string(),
            };
            let range = format!("{} {unit}", l.bounds());
            let sure = match l.level {
                Documented => "",
                _ => ", unconfirmed",
            };
            format!("{range} ({}{sure})", l.source)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
