//! The pipeline on top of the core: validate a design, and simulate what AWS does with one event —
//! pattern match, input transformer, notification checks, buttons and their commands.

use super::actions::{self, ActionTrace};
use super::assumptions::Assumption;
use super::diagnostic::{char_len, Diagnostic};
use super::model::Design;
use super::notification::check_message;
use super::pattern::{parse_pattern, MatchReport};
use super::transform::{
    check_input_paths, check_placeholders, check_template_with, transform, Binding, RuleContext,
};
use serde::Serialize;
use serde_json::Value;

/// Options a simulation may override.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimulateOptions {
    pub rule_arn: Option<String>,
    pub ingestion_time: Option<String>,
}

/// A button that appears, as the CLI contract prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub action: String,
    pub text: String,
    pub command: String,
}

/// Everything a simulation found, stage by stage. Plain data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    pub matched: bool,
    pub pattern: Option<MatchReport>,
    pub template: String,
    pub bindings: Vec<Binding>,
    /// The rendered SNS message, when the event matched.
    pub message: Option<String>,
    pub notification: Option<Value>,
    pub delivered: bool,
    /// Why nothing reaches the channel, when nothing does.
    pub not_delivered: Option<String>,
    /// The buttons that appear, in design order (Slack's order is the service's choice).
    pub buttons: Vec<Button>,
    /// Every action, with why it appears or not.
    pub actions: Vec<ActionTrace>,
    pub diagnostics: Vec<Diagnostic>,
    pub assumptions: Vec<Assumption>,
}

fn add(list: &mut Vec<Assumption>, more: impl IntoIterator<Item = Assumption>) {
    for a in more {
        if !list.contains(&a) {
            list.push(a);
        }
    }
}

/// Validates a whole design: every stage's static checks with design-relative locations.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let r = &design.rule;
    let n = char_len(&r.name);
    if n == 0
        || n > 64
        || r.name
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        d.push(Diagnostic::error(
            "rule/name",
            "a rule name has 1 to 64 letters, digits, `.`, `-` or `_`",
        ));
    }
    if char_len(&r.description) > 512 {
        d.push(Diagnostic::error(
            "rule/description",
            "a rule description has at most 512 characters",
        ));
    }
    let (_, pd) = parse_pattern(&r.event_pattern);
    d.extend(pd.into_iter().map(|x| x.under("rule/eventPattern")));
    let pattern_len = r.event_pattern.to_string().chars().count();
    if pattern_len > 4096 {
        d.push(Diagnostic::error(
            "rule/eventPattern",
            format!("the pattern is {pattern_len} characters; PutRule accepts at most 4096"),
        ));
    } else if pattern_len > 2048 {
        d.push(Diagnostic::warning("rule/eventPattern", format!("the pattern is {pattern_len} characters; the quota page lists 2048 (unconfirmed which applies)")));
    }
    d.extend(
        check_input_paths(&r.input_paths)
            .into_iter()
            .map(|x| x.under("rule/inputPaths")),
    );
    let (template, td) = design.input_template();
    d.extend(td);
    let generated = r.input_template_override.is_none();
    let where_ = if generated {
        "rule/inputTemplate"
    } else {
        "rule/inputTemplateOverride"
    };
    d.extend(
        check_template_with(&template, &r.input_paths, !generated)
            .into_iter()
            .map(|x| x.under(where_)),
    );
    if generated {
        // Undefined placeholders are reported where they were typed.
        let n = &design.notification;
        let mut fields: Vec<(String, &str)> = vec![
            ("notification/title".into(), n.title.as_str()),
            ("notification/description".into(), n.description.as_str()),
            ("notification/threadId".into(), n.thread_id.as_str()),
            ("notification/summary".into(), n.summary.as_str()),
            ("notification/eventType".into(), n.event_type.as_str()),
        ];
        for (name, list) in [
            ("nextSteps", &n.next_steps),
            ("keywords", &n.keywords),
            ("relatedResources", &n.related_resources),
        ] {
            fields.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, s)| (format!("notification/{name}/{i}"), s.as_str())),
            );
        }
        fields.extend(
            n.additional_context
                .iter()
                .map(|(k, v)| (format!("notification/additionalContext/{k}"), v.as_str())),
        );
        for (loc, text) in fields {
            d.extend(check_placeholders(text, &r.input_paths, &loc));
        }
    }
    if r.input_template_override.is_none() && design.notification.description.is_empty() {
        d.push(Diagnostic::warning(
            "notification/description",
            "the description is empty; it is the body of the message",
        ));
    }
    let mut names = std::collections::HashSet::new();
    for (i, a) in design.actions.iter().enumerate() {
        d.extend(
            actions::check_action(a)
                .into_iter()
                .map(|x| x.under(&format!("actions/{i}"))),
        );
        if !names.insert(a.name.as_str()) {
            d.push(Diagnostic::error(
                format!("actions/{i}/name"),
                format!(
                    "two actions are named `{}`; action names are unique per account",
                    a.name
                ),
            ));
        }
        for (v, path) in &a.variables {
            if let Some(key) = path.strip_prefix("event.metadata.additionalContext.") {
                if r.input_template_override.is_none()
                    && !design.notification.additional_context.contains_key(key)
                {
                    d.push(Diagnostic::warning(
                        format!("actions/{i}/variables/{v}"),
                        format!(
                            "reads additionalContext `{key}`, which the notification does not set"
                        ),
                    ));
                }
            }
        }
    }
    if !design.actions.is_empty()
        && !design.notification.enable_custom_actions
        && r.input_template_override.is_none()
    {
        d.push(Diagnostic::warning(
            "notification/enableCustomActions",
            "the design has buttons but custom actions are not enabled in the notification",
        ));
    }
    d
}

/// Simulates one event through the design.
pub fn simulate(design: &Design, event: &Value, options: &SimulateOptions) -> Simulation {
    let mut diags = validate(design);
    let mut used = Vec::new();
    let (pattern, _) = parse_pattern(&design.rule.event_pattern);
    let report = pattern.as_ref().map(|p| p.report(event));
    let matched = report.as_ref().is_some_and(|r| r.matched);
    let (template, _) = design.input_template();
    let mut sim = Simulation {
        matched,
        pattern: report,
        template: template.clone(),
        bindings: Vec::new(),
        message: None,
        notification: None,
        delivered: false,
        not_delivered: None,
        buttons: Vec::new(),
        actions: Vec::new(),
        diagnostics: Vec::new(),
        assumptions: Vec::new(),
    };
    if !event.is_object() {
        diags.push(Diagnostic::error(
            "event",
            "the event must be a JSON object",
        ));
    }
    if pattern.is_none() {
        sim.not_delivered =
            Some("the event pattern is invalid, so EventBridge would not create the rule".into());
    } else if !matched {
        let why = sim
            .pattern
            .as_ref()
            .and_then(|r| r.fields.iter().find(|f| !f.matched && !f.in_or))
            .map(|f| {
                format!(
                    "the event does not match the pattern: {} ({})",
                    f.path, f.reason
                )
            })
            .unwrap_or_else(|| {
                "the event does not match the pattern (no $or branch matches)".into()
            });
        sim.not_delivered = Some(why);
    } else {
        let ctx = RuleContext {
            rule_name: design.rule.name.clone(),
            rule_arn: options.rule_arn.clone(),
            ingestion_time: options.ingestion_time.clone(),
        };
        let t = transform(&design.rule.input_paths, &template, event, &ctx);
        diags.extend(t.diagnostics.into_iter().map(|x| x.under("transform")));
        add(&mut used, t.assumptions);
        sim.bindings = t.bindings;
        let check = check_message(&t.output);
        diags.extend(check.diagnostics.into_iter().map(|x| x.under("message")));
        add(&mut used, check.assumptions);
        sim.message = Some(t.output);
        sim.notification = check.notification.clone();
        sim.delivered = check.delivered;
        sim.not_delivered = check.reason;
        if check.delivered {
            if let Some(n) = &check.notification {
                let (traces, ad, au) = actions::resolve(&design.actions, n);
                diags.extend(ad);
                add(&mut used, au);
                sim.buttons = traces
                    .iter()
                    .filter(|t| t.appears)
                    .map(|t| Button {
                        action: t.action.clone(),
                        text: t.text.clone(),
                        command: t.command.clone(),
                    })
                    .collect();
                sim.actions = traces;
            }
        }
    }
    sim.diagnostics = diags;
    sim.assumptions = used;
    sim
}

/// One row of the batch table: a sample event through the design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRow {
    pub sample: &'static str,
    pub label: &'static str,
    pub matched: bool,
    pub delivered: bool,
    pub title: String,
    pub buttons: Vec<String>,
}

/// Runs every built-in sample event through the design.
pub fn batch(design: &Design) -> Vec<BatchRow> {
    super::samples::SAMPLES
        .iter()
        .map(|s| {
            let event: Value = serde_json::from_str(s.json).unwrap_or(Value::Null);
            let sim = simulate(design, &event, &SimulateOptions::default());
            let title = sim
                .notification
                .as_ref()
                .filter(|_| sim.delivered)
                .and_then(|n| n.pointer("/content/title"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            BatchRow {
                sample: s.id,
                label: s.label,
                matched: sim.matched,
                delivered: sim.delivered,
                title,
                buttons: sim.buttons.into_iter().map(|b| b.text).collect(),
            }
        })
        .collect()
}

/// The SNS message the design renders from the first built-in sample event that matches its rule
/// and is delivered (for the exports' test publish), if any.
pub fn sample_message(design: &Design) -> Option<String> {
    crate::domain::samples::SAMPLES.iter().find_map(|s| {
        let event: Value = serde_json::from_str(s.json).ok()?;
        let sim = simulate(design, &event, &SimulateOptions::default());
        if sim.delivered {
            sim.message
        } else {
            None
        }
    })
}
