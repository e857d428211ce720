//! Amazon Q Developer custom-notification checks (section A of the facts): is the SNS message a
//! custom notification the service would deliver? Imports diagnostics and assumptions.

use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::base::diagnostic::{without_position, Diagnostic};
use serde::Serialize;
use serde_json::{Map, Value};

/// The SNS message size limit (256 KB, UTF-8 bytes).
pub const MAX_SNS_MESSAGE_BYTES: usize = 262_144;

/// A length limit of the notification's content, as data: the checker, the editor's counters
/// and the evidence table read it. The sources are secondary (section H of the facts), so going
/// over is a warning until a primary source confirms the limit and what happens past it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentLimit {
    /// The design field (`title`, `description`, `nextSteps`, `keywords`).
    pub field: &'static str,
    /// How the field is named in messages.
    pub what: &'static str,
    /// For lists, the limit applies to each item.
    pub per_item: bool,
    pub max: usize,
    pub source: &'static str,
}

pub const CONTENT_LIMITS: [ContentLimit; 4] = [
    ContentLimit {
        field: "title",
        what: "the title",
        per_item: false,
        max: 250,
        source: "a paraphrase of AWS's field table and another codebase that truncates to it",
    },
    ContentLimit {
        field: "description",
        what: "the description",
        per_item: false,
        max: 8000,
        source: "a paraphrase of AWS's field table and another codebase that truncates to it",
    },
    ContentLimit {
        field: "nextSteps",
        what: "this next step",
        per_item: true,
        max: 350,
        source: "a paraphrase of AWS's field table",
    },
    ContentLimit {
        field: "keywords",
        what: "this keyword",
        per_item: true,
        max: 75,
        source: "a paraphrase of AWS's field table",
    },
];

/// The limit of one content field.
pub fn content_limit(field: &str) -> Option<&'static ContentLimit> {
    CONTENT_LIMITS.iter().find(|l| l.field == field)
}

/// Checks designed content against `CONTENT_LIMITS`: each text is `(location, field, text)`;
/// over the limit is a warning naming its source.
pub fn check_content_limits<'a>(
    texts: impl IntoIterator<Item = (String, &'a str, &'a str)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (location, field, text) in texts {
        let Some(limit) = content_limit(field) else {
            continue;
        };
        let n = text.chars().count();
        if n > limit.max {
            out.push(Diagnostic::warning(
                location,
                format!(
                    "{} has {n} characters; at most {} per {} (secondary sources; unconfirmed whether longer text is cut or rejected)",
                    limit.what, limit.max, limit.source
                ),
            ));
        }
    }
    out
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
    let Some(obj) = value.as_object() else {
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
    let mut first_error: Option<String> = None;
    let mut error = |diags: &mut Vec<Diagnostic>, loc: &str, msg: String| {
        if first_error.is_none() {
            first_error = Some(format!("{loc}: {msg}"));
        }
        diags.push(Diagnostic::error(loc, msg));
    };
    match obj.get("version") {
        Some(Value::String(s)) if s == "1.0" => {}
        Some(v) => error(
            &mut diags,
            "/version",
            format!("must be the string \"1.0\", found {v}"),
        ),
        None => error(
            &mut diags,
            "/version",
            "is required and must be \"1.0\"".into(),
        ),
    }
    match obj.get("source") {
        Some(Value::String(s)) if s == "custom" => {}
        Some(v) => error(
            &mut diags,
            "/source",
            format!("must be the string \"custom\", found {v}"),
        ),
        None => error(
            &mut diags,
            "/source",
            "is required and must be \"custom\"".into(),
        ),
    }
    if let Some(v) = obj.get("id") {
        if !v.is_string() {
            error(
                &mut diags,
                "/id",
                format!("must be a string, found {}", kind(v)),
            );
        }
    }
    match obj.get("content") {
        Some(Value::Object(c)) => {
            match c.get("description") {
                Some(Value::String(s)) => {
                    if s.is_empty() {
                        used.push(assumptions::DESCRIPTION_NONEMPTY);
                        diags.push(Diagnostic::warning(
                            "/content/description",
                            "is empty; the message will show no body",
                        ));
                    }
                }
                Some(v) => error(
                    &mut diags,
                    "/content/description",
                    format!("must be a string, found {}", kind(v)),
                ),
                None => error(
                    &mut diags,
                    "/content/description",
                    "is required (a string)".into(),
                ),
            }
            match c.get("textType") {
                None => {}
                Some(Value::String(s)) if s == "client-markdown" => {}
                Some(v) => error(
                    &mut diags,
                    "/content/textType",
                    format!("only \"client-markdown\" is supported, found {v}"),
                ),
            }
            if let Some(v) = c.get("title") {
                if !v.is_string() {
                    error(
                        &mut diags,
                        "/content/title",
                        format!("must be a string, found {}", kind(v)),
                    );
                }
            }
            for key in ["nextSteps", "keywords"] {
                check_string_array(c, key, "/content", &mut diags, &mut error);
            }
            unknown_keys(
                c,
                &["textType", "title", "description", "nextSteps", "keywords"],
                "/content",
                &mut diags,
            );
        }
        Some(v) => error(
            &mut diags,
            "/content",
            format!("must be an object, found {}", kind(v)),
        ),
        None => error(
            &mut diags,
            "/content",
            "is required (an object with a description)".into(),
        ),
    }
    if let Some(m) = obj.get("metadata") {
        match m {
            Value::Object(m) => {
                for key in ["threadId", "summary", "eventType"] {
                    if let Some(v) = m.get(key) {
                        if !v.is_string() {
                            error(
                                &mut diags,
                                &format!("/metadata/{key}"),
                                format!("must be a string, found {}", kind(v)),
                            );
                        }
                    }
                }
                check_string_array(m, "relatedResources", "/metadata", &mut diags, &mut error);
                match m.get("additionalContext") {
                    None => {}
                    Some(Value::Object(ac)) => {
                        for (k, v) in ac {
                            if !v.is_string() {
                                error(
                                    &mut diags,
                                    &format!("/metadata/additionalContext/{k}"),
                                    format!("must be a string, found {}", kind(v)),
                                );
                            }
                        }
                    }
                    Some(v) => error(
                        &mut diags,
                        "/metadata/additionalContext",
                        format!("must be an object of strings, found {}", kind(v)),
                    ),
                }
                match m.get("enableCustomActions") {
                    None | Some(Value::Bool(_)) => {}
                    Some(v) => error(
                        &mut diags,
                        "/metadata/enableCustomActions",
                        format!("must be true or false, found {v}"),
                    ),
                }
                unknown_keys(
                    m,
                    &[
                        "threadId",
                        "summary",
                        "eventType",
                        "relatedResources",
                        "additionalContext",
                        "enableCustomActions",
                    ],
                    "/metadata",
                    &mut diags,
                );
            }
            v => error(
                &mut diags,
                "/metadata",
                format!("must be an object, found {}", kind(v)),
            ),
        }
    }
    unknown_keys(
        obj,
        &["version", "source", "id", "content", "metadata"],
        "",
        &mut diags,
    );
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

fn check_string_array(
    m: &Map<String, Value>,
    key: &str,
    base: &str,
    diags: &mut Vec<Diagnostic>,
    error: &mut dyn FnMut(&mut Vec<Diagnostic>, &str, String),
) {
    match m.get(key) {
        None => {}
        Some(Value::Array(items)) => {
            for (i, it) in items.iter().enumerate() {
                if !it.is_string() {
                    error(
                        diags,
                        &format!("{base}/{key}/{i}"),
                        format!("must be a string, found {}", kind(it)),
                    );
                }
            }
        }
        Some(v) => error(
            diags,
            &format!("{base}/{key}"),
            format!("must be an array of strings, found {}", kind(v)),
        ),
    }
}

fn unknown_keys(m: &Map<String, Value>, known: &[&str], base: &str, diags: &mut Vec<Diagnostic>) {
    for k in m.keys() {
        if !known.contains(&k.as_str()) {
            diags.push(Diagnostic::warning(
                format!("{base}/{k}"),
                format!("`{k}` is not part of the custom notification schema; Amazon Q ignores it or may reject the message (known: {})", known.join(", ")),
            ));
        }
    }
}
