//! Amazon Q Developer custom-notification checks (section A of the facts): is the SNS message a
//! custom notification the service would deliver? Imports diagnostics and assumptions.

use crate::domain::amazon_q::limits::{check, Measure};
use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::base::diagnostic::{without_position, Diagnostic};
use serde::Serialize;
use serde_json::Value;

/// The SNS message size limit (256 KB, UTF-8 bytes).
pub const MAX_SNS_MESSAGE_BYTES: usize = 262_144;

/// Checks designed content against its rows of `limits::LIMITS`: each text is
/// `(location, field, text)`.
pub fn check_content_limits<'a>(
    texts: impl IntoIterator<Item = (String, &'a str, &'a str)>,
) -> Vec<Diagnostic> {
    texts
        .into_iter()
        .flat_map(|(location, field, text)| check(field, &location, Measure::Text(text)))
        .collect()
}

/// What the service would do with a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationCheck {
    /// The parsed notification when the message is JSON.
    pub notification: Option<Value>,
    pub delivered: bool,
    /// Why it would not be delivered, in one sentence.
    pub reason: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub assumptions: Vec<Assumption>,
}

const NOT_SUPPORTED: &str =
    "Amazon Q would not deliver it (the channel log says \"Event received is not supported\")";

/// Checks a message as published to the SNS topic.
pub fn check_message(message: &str) -> NotificationCheck {
    let mut diags = Vec::new();
    let mut used = Vec::new();
    if message.len() > MAX_SNS_MESSAGE_BYTES {
        diags.push(Diagnostic::error(
            "",
            format!(
                "the message is {} bytes; SNS accepts at most {MAX_SNS_MESSAGE_BYTES} (256 KB)",
                message.len()
            ),
        ));
    }
    let value: Value = match serde_json::from_str(message) {
        Ok(v) => v,
        Err(e) => {
            let msg = without_position(&e.to_string());
            diags.push(
                Diagnostic::error("", format!("the message is not valid JSON: {msg}"))
                    .at(e.line(), e.column()),
            );
            return NotificationCheck {
                notification: None,
                delivered: false,
                reason: Some(format!(
                    "the message is not valid JSON (line {}, column {}): {NOT_SUPPORTED}",
                    e.line(),
                    e.column()
                )),
                diagnostics: diags,
                assumptions: used,
            };
        }
    };
    let Some(_) = value.as_object() else {
        diags.push(Diagnostic::error(
            "",
            format!("the message is a JSON {}, not an object", kind(&value)),
        ));
        return NotificationCheck {
            reason: Some(format!(
                "the message is a JSON {}, not a custom notification object: {NOT_SUPPORTED}",
                kind(&value)
            )),
            notification: Some(value),
            delivered: false,
            diagnostics: diags,
            assumptions: used,
        };
    };
    for (location, message) in check_fields(&value) {
        diags.push(Diagnostic::error(location, message));
    }
    let first_error = diags
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location, d.message));
    if let Some(Value::String(s)) = field_of(&value, "content", "description") {
        if s.is_empty() {
            used.push(assumptions::DESCRIPTION_NONEMPTY);
            diags.push(Diagnostic::warning(
                "/content/description",
                "is empty; the message will show no body",
            ));
        }
    }
    for parent in PARENTS {
        if let Some(m) = object_at(&value, parent) {
            let known = || {
                SCHEMA
                    .iter()
                    .filter(move |f| f.parent == parent)
                    .map(|f| f.key)
            };
            for k in m.keys() {
                if !known().any(|x| x == k) {
                    let known: Vec<&str> = known().collect();
                    diags.push(Diagnostic::warning(
                        format!("{parent}/{k}"),
                        format!("`{k}` is not part of the custom notification schema; Amazon Q ignores it or may reject the message (known: {})", known.join(", ")),
                    ));
                }
            }
        }
    }
    let too_big = message.len() > MAX_SNS_MESSAGE_BYTES;
    let delivered = first_error.is_none() && !too_big;
    let reason = if too_big {
        Some("SNS rejects messages over 256 KB, so nothing reaches Amazon Q".to_string())
    } else {
        first_error.map(|e| format!("not a valid custom notification ({e}): {NOT_SUPPORTED}"))
    };
    NotificationCheck {
        notification: Some(value),
        delivered,
        reason,
        diagnostics: diags,
        assumptions: used,
    }
}

/// The object at a schema parent pointer (`""`, `/content`, `/metadata`), without parsing the
/// pointer (a replay reads these for every matched event).
fn object_at<'a>(value: &'a Value, parent: &str) -> Option<&'a serde_json::Map<String, Value>> {
    match parent.strip_prefix('/') {
        None => value.as_object(),
        Some(key) => value.get(key)?.as_object(),
    }
}

/// The field `key` of the notification's `section` object (`content`, `metadata`).
pub fn field_of<'a>(notification: &'a Value, section: &str, key: &str) -> Option<&'a Value> {
    notification.get(section)?.get(key)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What a field of the notification must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// This exact string.
    Exactly(&'static str),
    Text,
    /// An array of strings.
    TextList,
    /// An object of strings.
    TextMap,
    Object,
    Bool,
}

/// One field of the custom notification schema (section A of the facts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaField {
    /// The JSON pointer of the object holding it (`""` for the top level).
    pub parent: &'static str,
    pub key: &'static str,
    pub shape: Shape,
    pub required: bool,
}

const fn field(
    parent: &'static str,
    key: &'static str,
    shape: Shape,
    required: bool,
) -> SchemaField {
    SchemaField {
        parent,
        key,
        shape,
        required,
    }
}

/// The custom notification's fields, as data: `check_message` walks them, and a field not listed
/// under its object is reported as unknown.
pub const SCHEMA: &[SchemaField] = &[
    field("", "version", Shape::Exactly("1.0"), true),
    field("", "source", Shape::Exactly("custom"), true),
    field("", "id", Shape::Text, false),
    field("", "content", Shape::Object, true),
    field("", "metadata", Shape::Object, false),
    field(
        "/content",
        "textType",
        Shape::Exactly("client-markdown"),
        false,
    ),
    field("/content", "title", Shape::Text, false),
    field("/content", "description", Shape::Text, true),
    field("/content", "nextSteps", Shape::TextList, false),
    field("/content", "keywords", Shape::TextList, false),
    field("/metadata", "threadId", Shape::Text, false),
    field("/metadata", "summary", Shape::Text, false),
    field("/metadata", "eventType", Shape::Text, false),
    field("/metadata", "relatedResources", Shape::TextList, false),
    field("/metadata", "additionalContext", Shape::TextMap, false),
    field("/metadata", "enableCustomActions", Shape::Bool, false),
];

/// The objects the schema describes, outermost first.
const PARENTS: [&str; 3] = ["", "/content", "/metadata"];

/// Every schema error of a message, as (location, message), in schema order. An object that is
/// absent or of another type is reported once, not field by field.
fn check_fields(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Each object the schema describes, looked up once.
    let objects = PARENTS.map(|p| object_at(value, p));
    for f in SCHEMA {
        let Some(parent) = PARENTS
            .iter()
            .position(|p| *p == f.parent)
            .and_then(|i| objects[i])
        else {
            continue;
        };
        let at = || format!("{}/{}", f.parent, f.key);
        let Some(v) = parent.get(f.key) else {
            if f.required {
                out.push((
                    at(),
                    match f.shape {
                        Shape::Exactly(s) => format!("is required and must be \"{s}\""),
                        Shape::Object => "is required (an object with a description)".into(),
                        _ => "is required (a string)".into(),
                    },
                ));
            }
            continue;
        };
        let wrong = match (f.shape, v) {
            (Shape::Exactly(s), Value::String(x)) if x == s => None,
            (Shape::Exactly(s), v) => Some(format!("must be the string \"{s}\", found {v}")),
            (Shape::Text, Value::String(_))
            | (Shape::Object, Value::Object(_))
            | (Shape::Bool, Value::Bool(_)) => None,
            (Shape::Text, v) => Some(format!("must be a string, found {}", kind(v))),
            (Shape::Object, v) => Some(format!("must be an object, found {}", kind(v))),
            (Shape::Bool, v) => Some(format!("must be true or false, found {v}")),
            (Shape::TextList, Value::Array(items)) => {
                for (i, it) in items.iter().enumerate().filter(|(_, it)| !it.is_string()) {
                    out.push((
                        format!("{}/{i}", at()),
                        format!("must be a string, found {}", kind(it)),
                    ));
                }
                None
            }
            (Shape::TextList, v) => Some(format!("must be an array of strings, found {}", kind(v))),
            (Shape::TextMap, Value::Object(m)) => {
                for (k, it) in m.iter().filter(|(_, it)| !it.is_string()) {
                    out.push((
                        format!("{}/{k}", at()),
                        format!("must be a string, found {}", kind(it)),
                    ));
                }
                None
            }
            (Shape::TextMap, v) => Some(format!("must be an object of strings, found {}", kind(v))),
        };
        if let Some(w) = wrong {
            out.push((at(), w));
        }
    }
    out
}
