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
}
