//! Generates the InputTemplate from the designed notification: JSON text whose strings keep their
//! `<placeholders>` literally (EventBridge splices values there) and whose `{{parameter}}`s are
//! filled from the deployment parameters. Imports model and diagnostics.

use crate::domain::base::diagnostic::{excerpt, name_list, Diagnostic, Place, Repeats};
use crate::domain::design::model::{NotificationDesign, RuleDesign};
use indexmap::IndexMap;

/// The names of the `{{name}}` parameters `text` uses (trimmed, as `fill_parameters` reads them),
/// in order, repeats included.
pub fn parameter_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !name.is_empty() {
            out.push(name);
        }
        rest = &after[end + 2..];
    }
    out
}

/// True when JSON text writes `<` or `>` as a `\u` escape (not an escaped backslash before `u003c`).
pub fn escaped_angle_bracket(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'u') {
                let hex = text.get(i + 2..i + 6).unwrap_or("").to_ascii_lowercase();
                if hex == "003c" || hex == "003e" {
                    return true;
                }
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Replaces `{{name}}` with the parameter's value; unknown names stay as written and are recorded
/// in `unknown` at `loc` (shared by the fields of a design, so a name is reported once). One pass.
pub fn fill_parameters(
    text: &str,
    params: &IndexMap<String, String>,
    loc: &str,
    unknown: &mut Repeats,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match params.get(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        unknown.add(name, Place::new(loc, None), || {
                            Diagnostic::error(
                                loc,
                                format!(
                                    "{{{{{}}}}} is not a deployment parameter; defined: {}",
                                    excerpt(name),
                                    name_list(params.keys().map(String::as_str))
                                ),
                            )
                        });
                        out.push_str(&rest[start..start + 4 + end]);
                    }
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A JSON string literal for template text: quotes, backslashes and control characters are escaped;
/// `<` and `>` are kept so placeholders survive.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// Builds the InputTemplate for a notification. Empty optional fields are left out.
pub fn generate_template(
    n: &NotificationDesign,
    params: &IndexMap<String, String>,
) -> (String, Vec<Diagnostic>) {
    let mut unknown = Repeats::new("unknown parameters");
    let mut fill = |s: &str, loc: &str| quote(&fill_parameters(s, params, loc, &mut unknown));
    let mut content: Vec<String> = vec![format!("\"textType\": {}", quote("client-markdown"))];
    if !n.title.is_empty() {
        content.push(format!(
            "\"title\": {}",
            fill(&n.title, "notification/title")
        ));
    }
    content.push(format!(
        "\"description\": {}",
        fill(&n.description, "notification/description")
    ));
    let list =
        |items: &[String], field: &str, fill: &mut dyn FnMut(&str, &str) -> String| -> String {
            let parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, s)| fill(s, &format!("notification/{field}/{i}")))
                .collect();
            format!("[{}]", parts.join(", "))
        };
    if !n.next_steps.is_empty() {
        content.push(format!(
            "\"nextSteps\": {}",
            list(&n.next_steps, "nextSteps", &mut fill)
        ));
    }
    if !n.keywords.is_empty() {
        content.push(format!(
            "\"keywords\": {}",
            list(&n.keywords, "keywords", &mut fill)
        ));
    }
    let mut metadata: Vec<String> = Vec::new();
    for (key, val) in [
        ("threadId", &n.thread_id),
        ("summary", &n.summary),
        ("eventType", &n.event_type),
    ] {
        if !val.is_empty() {
            metadata.push(format!(
                "\"{key}\": {}",
                fill(val, &format!("notification/{key}"))
            ));
        }
    }
    if !n.related_resources.is_empty() {
        metadata.push(format!(
            "\"relatedResources\": {}",
            list(&n.related_resources, "relatedResources", &mut fill)
        ));
    }
    let ctx: Vec<String> = n
        .additional_context
        .iter()
        .map(|(k, v)| {
            format!(
                "{}: {}",
                quote(k),
                fill(v, &format!("notification/additionalContext/{k}"))
            )
        })
        .collect();
    if let Some(on) = n.enable_custom_actions {
        metadata.push(format!("\"enableCustomActions\": {on}"));
    }

    let mut w = Writer { out: String::new() };
    w.line(0, "{");
    w.line(1, "\"version\": \"1.0\",");
    w.line(1, "\"source\": \"custom\",");
    w.line(1, "\"content\": {");
    for (i, c) in content.iter().enumerate() {
        let comma = if i + 1 < content.len() { "," } else { "" };
        w.line(2, &format!("{c}{comma}"));
    }
    let has_meta = !metadata.is_empty() || !ctx.is_empty();
    w.line(1, if has_meta { "}," } else { "}" });
    if has_meta {
        w.line(1, "\"metadata\": {");
        let total = metadata.len() + usize::from(!ctx.is_empty());
        let mut k = 0;
        // additionalContext goes before enableCustomActions so the flag closes the block.
        let (flag, rest): (Vec<&String>, Vec<&String>) = metadata
            .iter()
            .partition(|m| m.starts_with("\"enableCustomActions\""));
        for m in rest {
            k += 1;
            w.line(2, &format!("{m}{}", if k < total { "," } else { "" }));
        }
        if !ctx.is_empty() {
            k += 1;
            w.line(2, "\"additionalContext\": {");
            for (i, c) in ctx.iter().enumerate() {
                w.line(
                    3,
                    &format!("{c}{}", if i + 1 < ctx.len() { "," } else { "" }),
                );
            }
            w.line(2, if k < total { "}," } else { "}" });
        }
        for m in flag {
            k += 1;
            w.line(2, &format!("{m}{}", if k < total { "," } else { "" }));
        }
        w.line(1, "}");
    }
    w.out.push('}');
    (w.out, unknown.finish())
}

impl RuleDesign {
    /// The InputTemplate this rule's target sends: the raw override if set, else the one generated
    /// from its notification with the design's `parameters`.
    pub fn input_template(
        &self,
        parameters: &IndexMap<String, String>,
    ) -> (String, Vec<Diagnostic>) {
        match &self.input_template_override {
            Some(t) => (t.clone(), Vec::new()),
            None => generate_template(&self.notification, parameters),
        }
    }

    /// The event pattern EventBridge is given: each `{{name}}` in its strings filled with the
    /// design's parameter or source setting of that name (`template_params`). An import writes
    /// `{{deploymentGroup}}` where the files leave a value to be set; a name with no value stays
    /// as written (validate reports it). Borrowed when no string holds `{{`.
    pub fn event_pattern_with(
        &self,
        parameters: &IndexMap<String, String>,
    ) -> std::borrow::Cow<'_, serde_json::Value> {
        fn holds(v: &serde_json::Value) -> bool {
            match v {
                serde_json::Value::String(s) => s.contains("{{"),
                serde_json::Value::Array(items) => items.iter().any(holds),
                serde_json::Value::Object(m) => m.values().any(holds),
                _ => false,
            }
        }
        fn fill(v: &mut serde_json::Value, params: &IndexMap<String, String>) {
            match v {
                serde_json::Value::String(s) if s.contains("{{") => {
                    let known: IndexMap<String, String> = parameter_names(s)
                        .into_iter()
                        .filter_map(|n| {
                            let value = params.get(n).filter(|v| !v.is_empty())?;
                            Some((n.to_string(), value.clone()))
                        })
                        .collect();
                    if !known.is_empty() {
                        let mut ignored = Repeats::new("");
                        *s = fill_parameters(s, &known, "", &mut ignored);
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(|x| fill(x, params)),
                serde_json::Value::Object(m) => m.values_mut().for_each(|x| fill(x, params)),
                _ => {}
            }
        }
        if !holds(&self.event_pattern) {
            return std::borrow::Cow::Borrowed(&self.event_pattern);
        }
        let mut v = self.event_pattern.clone();
        fill(&mut v, parameters);
        std::borrow::Cow::Owned(v)
    }
}

/// The `{{name}}`s in a pattern's strings that have no value among `parameters`: each with the
/// path of its string (`detail/deploymentGroupName/0`).
pub fn unfilled_pattern_names(
    pattern: &serde_json::Value,
    parameters: &IndexMap<String, String>,
) -> Vec<(String, String)> {
    fn walk(
        v: &serde_json::Value,
        at: &str,
        params: &IndexMap<String, String>,
        out: &mut Vec<(String, String)>,
    ) {
        match v {
            serde_json::Value::String(s) => {
                for n in parameter_names(s) {
                    if params.get(n).is_none_or(|v| v.is_empty()) {
                        out.push((at.to_string(), n.to_string()));
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{at}/{i}"), params, out);
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    walk(x, &format!("{at}/{k}"), params, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(pattern, "eventPattern", parameters, &mut out);
    out
}
