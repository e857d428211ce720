//! The EventBridge input transformer: InputPathsMap checks, InputTemplate scanning and rendering with
//! AWS's quoting rules (section D of the facts). Imports diagnostics, assumptions and JSON paths.

use super::assumptions::{self, Assumption};
use super::diagnostic::{char_len, Diagnostic};
use super::jsonpath::parse_input_path;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

pub const MAX_INPUT_PATHS: usize = 100;
pub const MAX_TEMPLATE_CHARS: usize = 8192;

pub const RULE_ARN: &str = "aws.events.rule-arn";
pub const RULE_NAME: &str = "aws.events.rule-name";
pub const INGESTION_TIME: &str = "aws.events.event.ingestion-time";
pub const EVENT: &str = "aws.events.event";
pub const EVENT_JSON: &str = "aws.events.event.json";
/// The reserved variables EventBridge fills itself.
pub const RESERVED: [&str; 5] = [RULE_ARN, RULE_NAME, INGESTION_TIME, EVENT, EVENT_JSON];

/// What EventBridge knows about the rule when it transforms an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleContext {
    pub rule_name: String,
    /// Defaults to `arn:aws:events:<event region>:<event account>:rule/<rule name>`.
    pub rule_arn: Option<String>,
    /// Defaults to the event's `time`.
    pub ingestion_time: Option<String>,
}

/// One placeholder found in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placeholder {
    pub name: String,
    /// Byte offset of `<` in the template.
    pub offset: usize,
    /// Inside a JSON string (spliced raw) or not (inserted as JSON).
    pub quoted: bool,
    /// In an object-key position (not allowed).
    pub as_key: bool,
}

/// True for text EventBridge would read as a variable name inside `<…>`.
pub fn is_variable_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Finds every `<name>` placeholder and whether it sits inside quotes or as a key.
pub fn scan_template(template: &str) -> Vec<Placeholder> {
    let bytes = template.as_bytes();
    let mut out = Vec::new();
    let mut in_string = false;
    let mut string_is_key = false;
    let mut stack: Vec<u8> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            if let Some(len) = template[i + 1..].find('>') {
                let name = &template[i + 1..i + 1 + len];
                if is_variable_name(name) {
                    out.push(Placeholder {
                        name: name.to_string(),
                        offset: i,
                        quoted: in_string,
                        as_key: if in_string { string_is_key } else { expect_key },
                    });
                    i += len + 2;
                    continue;
                }
            }
        }
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    string_is_key = expect_key;
                }
                b'{' => {
                    stack.push(b'{');
                    expect_key = true;
                }
                b'[' => {
                    stack.push(b'[');
                    expect_key = false;
                }
                b'}' | b']' => {
                    stack.pop();
                    expect_key = false;
                }
                b',' => expect_key = stack.last() == Some(&b'{'),
                b':' => expect_key = false,
                _ => {}
            }
        }
        i += 1;
    }
    out
}

/// Checks an InputPathsMap against the API's limits and the supported path syntax.
pub fn check_input_paths(paths: &IndexMap<String, String>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if paths.len() > MAX_INPUT_PATHS {
        diags.push(Diagnostic::error(
            "",
            format!(
                "{} input paths; EventBridge allows at most {MAX_INPUT_PATHS}",
                paths.len()
            ),
        ));
    }
    for (key, path) in paths {
        let loc = key.clone();
        if key.is_empty() || char_len(key) > 256 {
            diags.push(Diagnostic::error(
                &loc,
                "an input path name has 1 to 256 characters",
            ));
        }
        if let Some(c) = key
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            diags.push(Diagnostic::error(
                &loc,
                format!(
                    "`{key}` has {c:?}; input path names use only letters, digits, `_` and `-`"
                ),
            ));
        }
        if key.starts_with("AWS") {
            diags.push(Diagnostic::error(
                &loc,
                format!("`{key}`: input path names may not start with AWS"),
            ));
        }
        let (_, pd) = parse_input_path(path);
        diags.extend(pd.into_iter().map(|d| d.under(&loc)));
    }
    diags
}

/// Checks a template on its own: length, placeholders as keys, undefined and misused variables.
pub fn check_template(template: &str, paths: &IndexMap<String, String>) -> Vec<Diagnostic> {
    check_template_with(template, paths, true)
}

/// As `check_template`; `undefined` false leaves undefined placeholders to the caller, which can
/// report them where they were typed.
pub fn check_template_with(
    template: &str,
    paths: &IndexMap<String, String>,
    undefined: bool,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let n = char_len(template);
    if n == 0 {
        diags.push(Diagnostic::error(
            "",
            "the input template is empty; it must have 1 to 8192 characters",
        ));
    } else if n > MAX_TEMPLATE_CHARS {
        diags.push(Diagnostic::error(
            "",
            format!("the input template has {n} characters; EventBridge allows at most {MAX_TEMPLATE_CHARS}"),
        ));
    }
    for p in scan_template(template) {
        let (line, col) = line_col(template, p.offset);
        let at = |d: Diagnostic| d.at(line, col);
        if p.as_key {
            diags.push(at(Diagnostic::error(
                "",
                format!(
                    "<{}> is used as an object key; placeholders may only stand in values",
                    p.name
                ),
            )));
        }
        if (p.name == EVENT || p.name == EVENT_JSON) && p.quoted {
            diags.push(at(Diagnostic::error(
                "",
                format!(
                    "<{}> holds a JSON object and may only be a field value, not inside quotes",
                    p.name
                ),
            )));
        } else if undefined && !is_defined(&p.name, paths) {
            diags.push(at(Diagnostic::error(
                "",
                format!(
                    "<{}> is not an input path or reserved variable; define it in the input paths (defined: {})",
                    p.name,
                    defined_list(paths)
                ),
            )));
        }
    }
    diags
}

/// True for a reserved variable or an input-path name.
pub fn is_defined(name: &str, paths: &IndexMap<String, String>) -> bool {
    RESERVED.contains(&name) || paths.contains_key(name)
}

/// The `<name>` placeholders of free text (not a template): variable-like names only.
pub fn placeholders_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(end) = rest.find('>') {
            if is_variable_name(&rest[..end]) {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

/// Diagnostics for undefined placeholders in one piece of text.
pub fn check_placeholders(
    text: &str,
    paths: &IndexMap<String, String>,
    location: &str,
) -> Vec<Diagnostic> {
    placeholders_in(text)
        .into_iter()
        .filter(|n| !is_defined(n, paths))
        .map(|n| {
            Diagnostic::error(
                location,
                format!("<{n}> is not an input path or reserved variable; define it in the rule's input paths (defined: {})", defined_list(paths)),
            )
        })
        .collect()
}

fn defined_list(paths: &IndexMap<String, String>) -> String {
    if paths.is_empty() {
        "none".into()
    } else {
        paths
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// A variable and what it took from the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    pub name: String,
    pub path: String,
    /// The value found, or `None` when the path reaches nothing.
    pub value: Option<Value>,
}

/// The transformer's result: the text EventBridge would publish, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransformResult {
    pub output: String,
    pub bindings: Vec<Binding>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub assumptions: Vec<Assumption>,
}

/// Renders `template` for `event`. Never fails: the output is what EventBridge would most plausibly
/// publish, and the diagnostics are those of this event (missing paths, values that break quoting).
/// The static checks are `check_input_paths` and `check_template`.
pub fn transform(
    paths: &IndexMap<String, String>,
    template: &str,
    event: &Value,
    ctx: &RuleContext,
) -> TransformResult {
    let mut diags = Vec::new();
    let mut used = Vec::new();
    let mut note = |a: Assumption| {
        if !used.contains(&a) {
            used.push(a);
        }
    };
    let bindings: Vec<Binding> = paths
        .iter()
        .map(|(name, path)| {
            let (parsed, _) = parse_input_path(path);
            let value = parsed.as_ref().and_then(|p| p.eval(event));
            if parsed
                .as_ref()
                .is_some_and(|p| p.steps.contains(&super::jsonpath::Step::Wildcard))
            {
                note(assumptions::WILDCARD_ARRAY);
            }
            Binding {
                name: name.clone(),
                path: path.clone(),
                value,
            }
        })
        .collect();
    let reserved = |name: &str| -> Option<Value> {
        let s = |k: &str| {
            event
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        Some(match name {
            RULE_NAME => Value::String(ctx.rule_name.clone()),
            RULE_ARN => Value::String(ctx.rule_arn.clone().unwrap_or_else(|| {
                format!(
                    "arn:aws:events:{}:{}:rule/{}",
                    s("region"),
                    s("account"),
                    ctx.rule_name
                )
            })),
            INGESTION_TIME => {
                Value::String(ctx.ingestion_time.clone().unwrap_or_else(|| s("time")))
            }
            EVENT => {
                let mut e = event.clone();
                if let Some(m) = e.as_object_mut() {
                    m.shift_remove("detail");
                }
                e
            }
            EVENT_JSON => event.clone(),
            _ => return None,
        })
    };

    let mut output = String::with_capacity(template.len() + 256);
    let mut last = 0;
    for p in scan_template(template) {
        output.push_str(&template[last..p.offset]);
        last = p.offset + p.name.len() + 2;
        let value = match reserved(&p.name) {
            Some(v) => Some(v),
            None => match bindings.iter().find(|b| b.name == p.name) {
                Some(b) => b.value.clone(),
                None => {
                    // Undefined: kept as written; check_template reported it.
                    note(assumptions::UNDEFINED_PLACEHOLDER);
                    output.push_str(&template[p.offset..last]);
                    continue;
                }
            },
        };
        let Some(value) = value else {
            note(assumptions::MISSING_PATH);
            let (line, col) = line_col(template, p.offset);
            diags.push(
                Diagnostic::warning(
                    "",
                    format!("<{}>: its path finds nothing in this event, so it is replaced by empty text", p.name),
                )
                .at(line, col),
            );
            continue;
        };
        if p.quoted {
            let raw = match &value {
                Value::String(s) => s.clone(),
                other => {
                    note(assumptions::NON_STRING_IN_QUOTES);
                    other.to_string()
                }
            };
            if let Some(bad) = raw
                .chars()
                .find(|c| *c == '"' || *c == '\\' || c.is_control())
            {
                let (line, col) = line_col(template, p.offset);
                diags.push(
                    Diagnostic::error(
                        "",
                        format!(
                            "<{}> is inside quotes and its value {} contains {bad:?}, which EventBridge does not escape: the result is not valid JSON; place <{}> outside quotes",
                            p.name,
                            Value::String(raw.clone()),
                            p.name
                        ),
                    )
                    .at(line, col),
                );
            }
            output.push_str(&raw);
        } else {
            if value.is_string() {
                note(assumptions::UNQUOTED_ESCAPED);
            }
            output.push_str(&value.to_string());
        }
    }
    output.push_str(&template[last..]);
    if template.contains('<')
        && template.split('<').skip(1).any(|rest| {
            rest.find('>')
                .is_some_and(|e| !is_variable_name(&rest[..e]))
        })
    {
        note(assumptions::ANGLE_TEXT);
    }
    TransformResult {
        output,
        bindings,
        diagnostics: diags,
        assumptions: used,
    }
}
