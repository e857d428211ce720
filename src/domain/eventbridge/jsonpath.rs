//! JSON paths: the subset EventBridge input paths accept (`$.detail.state`, `$.resources[0]`,
//! wildcards) and the dotted `event.…` paths of Custom Action variables. Imports diagnostics only.

use crate::domain::base::diagnostic::Diagnostic;
use serde_json::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
    Wildcard,
}

/// A parsed input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath {
    pub steps: Vec<Step>,
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/')
}

const ALLOWED: &str = "dot notation ($.detail.state), dashes, underscores, letters, digits, forward slashes, array indices ($.resources[0]) and wildcards (* or [*])";

/// Parses an input path of the documented subset. Unsupported syntax is an error naming what is
/// allowed; the path is `None` then.
pub fn parse_input_path(text: &str) -> (Option<JsonPath>, Vec<Diagnostic>) {
    crate::domain::base::parses::count(crate::domain::base::parses::Input::InputPath);
    let mut diags = Vec::new();
    let err = |msg: String| Diagnostic::error("", msg);
    if text.is_empty() {
        return (
            None,
            vec![err("the path is empty; write e.g. $.detail.state".into())],
        );
    }
    if text.chars().count() > 256 {
        diags.push(err(format!(
            "the path has {} characters; input paths may have at most 256",
            text.chars().count()
        )));
    }
    let chars: Vec<char> = text.chars().collect();
    if chars[0] != '$' {
        return (
            None,
            vec![err(format!(
                "the path must start with `$` (e.g. $.detail.state); supported: {ALLOWED}"
            ))],
        );
    }
    let mut steps = Vec::new();
    let mut i = 1;
    while i < chars.len() {
        match chars[i] {
            '.' => {
                i += 1;
                if i < chars.len() && chars[i] == '.' {
                    diags.push(err(format!(
                        "recursive descent (`..`) is not supported; supported: {ALLOWED}"
                    )));
                    return (None, diags);
                }
                if i < chars.len() && chars[i] == '*' {
                    steps.push(Step::Wildcard);
                    i += 1;
                    continue;
                }
                let start = i;
                while i < chars.len() && is_key_char(chars[i]) {
                    i += 1;
                }
                if start == i {
                    let found = chars
                        .get(i)
                        .map(|c| format!("`{c}`"))
                        .unwrap_or("the end".into());
                    diags.push(err(format!(
                        "expected a field name after `.` at character {}, found {found}; supported: {ALLOWED}",
                        start + 1
                    )));
                    return (None, diags);
                }
                steps.push(Step::Key(chars[start..i].iter().collect()));
            }
            '[' => {
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                let Some(close) = close else {
                    diags.push(err(format!("`[` at character {} is never closed", i + 1)));
                    return (None, diags);
                };
                let inner: String = chars[i + 1..close].iter().collect();
                if inner == "*" {
                    steps.push(Step::Wildcard);
                } else if let Ok(n) = inner.parse::<usize>() {
                    steps.push(Step::Index(n));
                } else {
                    diags.push(err(format!(
                        "`[{inner}]` is not supported: brackets may hold only an array index or `*` (bracket notation for names and filters are not supported); supported: {ALLOWED}"
                    )));
                    return (None, diags);
                }
                i = close + 1;
            }
            c => {
                diags.push(err(format!(
                    "unexpected `{c}` at character {}; supported: {ALLOWED}",
                    i + 1
                )));
                return (None, diags);
            }
        }
    }
    (Some(JsonPath { steps }), diags)
}

impl JsonPath {
    /// Evaluates the path. A path with a wildcard yields an array of every match (assumption
    /// `wildcard-array`); a path that reaches nothing yields `None`.
    pub fn eval(&self, root: &Value) -> Option<Value> {
        let has_wildcard = self.steps.contains(&Step::Wildcard);
        if !has_wildcard {
            // One value at most: walk to it.
            let mut v = root;
            for step in &self.steps {
                v = match (step, v) {
                    (Step::Key(k), Value::Object(m)) => m.get(k)?,
                    (Step::Index(n), Value::Array(a)) => a.get(*n)?,
                    _ => return None,
                };
            }
            return Some(v.clone());
        }
        let mut current: Vec<&Value> = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            for v in current {
                match (step, v) {
                    (Step::Key(k), Value::Object(m)) => next.extend(m.get(k)),
                    (Step::Index(n), Value::Array(a)) => next.extend(a.get(*n)),
                    (Step::Wildcard, Value::Object(m)) => next.extend(m.values()),
                    (Step::Wildcard, Value::Array(a)) => next.extend(a.iter()),
                    _ => {}
                }
            }
            current = next;
        }
        if has_wildcard {
            if current.is_empty() {
                None
            } else {
                Some(Value::Array(current.into_iter().cloned().collect()))
            }
        } else {
            current.first().map(|v| (*v).clone())
        }
    }
}

/// Parses a Custom Action variable path: dotted names rooted at `event`
/// (`event.metadata.additionalContext.DeploymentId`). Returns the names after `event`.
pub fn parse_variable_path(text: &str) -> (Option<Vec<String>>, Vec<Diagnostic>) {
    crate::domain::base::parses::count(crate::domain::base::parses::Input::VariablePath);
    if text.is_empty() {
        return (
            None,
            vec![Diagnostic::error(
                "",
                "the path is empty; write e.g. event.metadata.additionalContext.DeploymentId",
            )],
        );
    }
    if let Some(c) = text.chars().find(|c| !('\x21'..='\x7f').contains(c)) {
        return (
            None,
            vec![Diagnostic::error(
                "",
                format!(
                    "{c:?} is not allowed: variable paths are printable ASCII without spaces (pattern [\\x21-\\x7F]+)"
                ),
            )],
        );
    }
    let parts: Vec<&str> = text.split('.').collect();
    if parts[0] != "event" {
        return (
            None,
            vec![Diagnostic::error(
                "",
                "variable paths start at `event`, e.g. event.metadata.additionalContext.DeploymentId",
            )],
        );
    }
    if parts.iter().any(|p| p.is_empty()) {
        return (
            None,
            vec![Diagnostic::error(
                "",
                "a variable path has an empty name between dots; write names separated by single dots",
            )],
        );
    }
    let mut diags = Vec::new();
    let rest: Vec<String> = parts[1..].iter().map(|s| s.to_string()).collect();
    if rest.first().map(String::as_str) != Some("metadata")
        || rest.get(1).map(String::as_str) != Some("additionalContext")
    {
        diags.push(Diagnostic::warning(
            "",
            "only event.metadata.additionalContext.<Key> is seen working for custom notifications; other roots are unconfirmed",
        ));
    }
    (Some(rest), diags)
}

/// Reads a dotted path (names after `event`) from a notification.
pub fn read_dotted<'a>(root: &'a Value, names: &[String]) -> Option<&'a Value> {
    names
        .iter()
        .try_fold(root, |v, name| v.as_object()?.get(name))
}
