//! The pipeline on top of the core: validate a design, and simulate what AWS does with one event —
//! pattern match, input transformer, notification checks, buttons and their commands.

use crate::domain::amazon_q::actions::{self, ActionTrace};
use crate::domain::amazon_q::notification::check_message;
use crate::domain::base::assumptions::Assumption;
use crate::domain::base::diagnostic::{
    char_len, excerpt, json_chars, merge_repeats, Diagnostic, Repeats,
};
use crate::domain::design::model::Design;
use crate::domain::eventbridge::pattern::{
    parse_pattern, EventPattern, MatchReport, MAX_PATTERN_CHARS,
};
use crate::domain::eventbridge::transform::{
    check_input_paths, check_placeholders, check_template_with, event_size_error,
    template_length_error, transform, Binding, RuleContext, MAX_RENDERED_BYTES,
};
use crate::domain::eventbridge::uncertain::{self, Found};
use serde::Serialize;
use serde_json::Value;

/// Options a simulation may override.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimulateOptions {
    pub rule_arn: Option<String>,
    pub ingestion_time: Option<String>,
    /// Shows an absent `metadata.enableCustomActions` as false (no buttons) instead of the
    /// assumed default, true.
    pub absent_enable_means_false: bool,
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
    /// When the notification has no `enableCustomActions`: the buttons (by text) that would
    /// appear under the other reading of its absence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flipped_buttons: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub assumptions: Vec<Assumption>,
}

/// Why a simulation shows nothing yet: the app mounts the page before it simulates, so a link's
/// design never runs before the page is usable.
pub const PENDING: &str = "simulating…";

impl Simulation {
    /// The simulation the app shows until the page is usable.
    pub fn pending() -> Simulation {
        Simulation {
            matched: false,
            pattern: None,
            template: String::new(),
            bindings: Vec::new(),
            message: None,
            notification: None,
            delivered: false,
            not_delivered: Some(PENDING.to_string()),
            buttons: Vec::new(),
            actions: Vec::new(),
            flipped_buttons: Vec::new(),
            diagnostics: Vec::new(),
            assumptions: Vec::new(),
        }
    }
    /// True for `pending()`.
    pub fn is_pending(&self) -> bool {
        !self.delivered && self.not_delivered.as_deref() == Some(PENDING)
    }
}

fn add(list: &mut Vec<Assumption>, more: impl IntoIterator<Item = Assumption>) {
    for a in more {
        if !list.contains(&a) {
            list.push(a);
        }
    }
}

/// A design compiled for simulation: the parsed pattern and the input template, each computed
/// once, with every stage's static diagnostics (none for `compile_for_preview`).
pub struct Compiled {
    diagnostics: Vec<Diagnostic>,
    pattern: Option<EventPattern>,
    template: String,
    /// The pattern's uncertain constructs (each also a warning).
    uncertain: Vec<Found>,
    /// Why EventBridge would not accept the template (empty or too long), checked before any scan.
    template_error: Option<Diagnostic>,
}

/// Validates a whole design: every stage's static checks with design-relative locations.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    compile(design).diagnostics
}

/// Compiles a design for a preview only: the pattern and the template, without the static checks
/// (the first view draws a preview before the app, which reports them, has loaded).
pub fn compile_for_preview(design: &Design) -> Compiled {
    let (pattern, _) = parse_pattern(&design.rule.event_pattern);
    let (template, _) = design.input_template();
    Compiled {
        diagnostics: Vec::new(),
        pattern,
        template_error: template_length_error(&template),
        template,
        uncertain: Vec::new(),
    }
}

/// Compiles a design with every stage's static checks.
pub fn compile(design: &Design) -> Compiled {
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
    let (pattern, pd) = parse_pattern(&r.event_pattern);
    d.extend(pd.into_iter().map(|x| x.under("rule/eventPattern")));
    let uncertain = uncertain::scan(&r.event_pattern);
    d.extend(
        uncertain
            .iter()
            .map(|f| f.diagnostic().under("rule/eventPattern")),
    );
    let pattern_len = json_chars(&r.event_pattern);
    if pattern_len > 2048 && pattern_len <= MAX_PATTERN_CHARS {
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
    let template_error = template_length_error(&template);
    d.extend(
        check_template_with(&template, &r.input_paths, !generated)
            .into_iter()
            .map(|x| x.under(where_)),
    );
    if generated && template_error.is_none() {
        // Undefined placeholders are reported where they were typed, each name once.
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
        let mut undefined = Repeats::new("undefined placeholders");
        for (loc, text) in fields {
            check_placeholders(text, &r.input_paths, &loc, &mut undefined);
        }
        d.extend(undefined.finish());
    }
    if generated {
        let n = &design.notification;
        let mut texts: Vec<(String, &str, &str)> = vec![
            ("notification/title".into(), "title", n.title.as_str()),
            (
                "notification/description".into(),
                "description",
                n.description.as_str(),
            ),
        ];
        for (field, list) in [("nextSteps", &n.next_steps), ("keywords", &n.keywords)] {
            texts.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, s)| (format!("notification/{field}/{i}"), field, s.as_str())),
            );
        }
        d.extend(crate::domain::amazon_q::notification::check_content_limits(
            texts,
        ));
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
                    excerpt(&a.name)
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
                            "reads additionalContext `{}`, which the notification does not set",
                            excerpt(key)
                        ),
                    ));
                }
            }
        }
    }
    if !design.actions.is_empty()
        && design.notification.enable_custom_actions == Some(false)
        && r.input_template_override.is_none()
    {
        d.push(Diagnostic::warning(
            "notification/enableCustomActions",
            "the design has buttons but enableCustomActions is false, so no button is added to the notification",
        ));
    }
    Compiled {
        diagnostics: merge_repeats(d),
        pattern,
        template,
        uncertain,
        template_error,
    }
}

/// Simulates one event through the design. Documented limits are checked before the work they
/// bound: an event over 256 KB is neither matched nor transformed, a pattern over 4096 characters
/// is not matched, a template over 8192 characters is not rendered.
pub fn simulate(design: &Design, event: &Value, options: &SimulateOptions) -> Simulation {
    simulate_compiled(compile(design), design, event, options)
}

/// Simulates one event through a design compiled from `design`.
pub fn simulate_compiled(
    compiled: Compiled,
    design: &Design,
    event: &Value,
    options: &SimulateOptions,
) -> Simulation {
    let Compiled {
        diagnostics: mut diags,
        pattern,
        template,
        uncertain: in_pattern,
        template_error,
    } = compiled;
    let mut used = Vec::new();
    let event_error = event_size_error(event);
    let report = match (&pattern, &event_error) {
        (Some(p), None) => Some(p.report(event)),
        _ => None,
    };
    let matched = report.as_ref().is_some_and(|r| r.matched);
    if let Some(r) = &report {
        // The verdict may be EventBridge's or event-ruler's: say which constructs it rests on.
        let brought = uncertain::in_event(r, event);
        diags.extend(
            brought
                .iter()
                .map(|f| f.diagnostic().under("rule/eventPattern")),
        );
        add(
            &mut used,
            uncertain::relevant(&in_pattern, r, &brought)
                .into_iter()
                .map(|f| f.class.assumption),
        );
    }
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
        flipped_buttons: Vec::new(),
        diagnostics: Vec::new(),
        assumptions: Vec::new(),
    };
    if !event.is_object() {
        diags.push(Diagnostic::error(
            "event",
            "the event must be a JSON object",
        ));
    }
    if let Some(e) = event_error {
        sim.not_delivered = Some(format!("EventBridge rejects the event: {}", e.message));
        diags.push(e.under("event"));
    } else if pattern.is_none() {
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
                    excerpt(&f.path),
                    f.reason
                )
            })
            .unwrap_or_else(|| {
                "the event does not match the pattern (no $or branch matches)".into()
            });
        sim.not_delivered = Some(why);
    } else if let Some(e) = template_error {
        sim.not_delivered = Some(format!(
            "EventBridge would not accept the target's input transformer: {}",
            e.message
        ));
    } else {
        let ctx = RuleContext {
            rule_name: design.rule.name.clone(),
            rule_arn: options.rule_arn.clone(),
            ingestion_time: options.ingestion_time.clone(),
        };
        let t = transform(&design.rule.input_paths, &template, event, &ctx);
        let truncated = t.truncated();
        let size = t.size;
        diags.extend(t.diagnostics.into_iter().map(|x| x.under("transform")));
        add(&mut used, t.assumptions);
        sim.bindings = t.bindings;
        if truncated {
            sim.not_delivered = Some(format!("the rendered message is {size} bytes; SNS accepts at most {MAX_RENDERED_BYTES} (256 KB), so the delivery fails"));
            sim.message = Some(t.output);
        } else {
            let check = check_message(&t.output);
            diags.extend(check.diagnostics.into_iter().map(|x| x.under("message")));
            add(&mut used, check.assumptions);
            sim.message = Some(t.output);
            sim.notification = check.notification.clone();
            sim.delivered = check.delivered;
            sim.not_delivered = check.reason;
            if check.delivered {
                if let Some(n) = &check.notification {
                    let (traces, ad, au) =
                        actions::resolve(&design.actions, n, options.absent_enable_means_false);
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
                    if n.pointer("/metadata/enableCustomActions").is_none() {
                        let (other, _, _) = actions::resolve(
                            &design.actions,
                            n,
                            !options.absent_enable_means_false,
                        );
                        sim.flipped_buttons = other
                            .into_iter()
                            .filter(|t| t.appears)
                            .map(|t| t.text)
                            .collect();
                    }
                }
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
    crate::domain::design::samples::SAMPLES
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
    crate::domain::design::samples::SAMPLES
        .iter()
        .find_map(|s| {
            let event: Value = serde_json::from_str(s.json).ok()?;
            let sim = simulate(design, &event, &SimulateOptions::default());
            if sim.delivered {
                sim.message
            } else {
                None
            }
        })
}
