//! What AWS does with one event, over a compiled design: pattern match, input transformer,
//! notification checks, buttons and their commands (`simulate_compiled`, with its trace), or the
//! same stages without the trace (`outcome`, what `replay` counts). `batch` runs every sample.

use crate::domain::amazon_q::actions::ActionTrace;
use crate::domain::amazon_q::notification::{check_message, field_of};
use crate::domain::base::assumptions::Assumption;
use crate::domain::base::diagnostic::{excerpt, Diagnostic};
use crate::domain::design::model::Design;
use crate::domain::design::samples::{Sample, SAMPLES};
use crate::domain::eventbridge::pattern::MatchReport;
use crate::domain::eventbridge::transform::{
    event_size_error, Binding, RuleContext, MAX_RENDERED_BYTES,
};
use crate::domain::eventbridge::uncertain;
pub use crate::domain::pipeline::compile::{
    compile, compile_for_preview, validate, Compiled, CompiledRule,
};
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

/// Simulates one event through the design. Documented limits are checked before the work they
/// bound: an event over 256 KB is neither matched nor transformed, a pattern over 4096 characters
/// is not matched, a template over 8192 characters is not rendered.
pub fn simulate(
    design: &Design,
    rule: usize,
    event: &Value,
    options: &SimulateOptions,
) -> Simulation {
    simulate_rule(&compile(design), rule, event, options)
}

/// One rule's simulation of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleRun {
    /// The rule's position in the design.
    pub index: usize,
    pub rule: String,
    pub enabled: bool,
    #[serde(flatten)]
    pub simulation: Simulation,
}

/// Simulates one event through every rule of a compiled design, in design order (EventBridge
/// promises no order between the rules that match one event).
pub fn simulate_all(c: &Compiled, event: &Value, options: &SimulateOptions) -> Vec<RuleRun> {
    c.rules
        .iter()
        .enumerate()
        .map(|(index, r)| RuleRun {
            index,
            rule: r.rule_name.clone(),
            enabled: r.enabled,
            simulation: simulate_rule(c, index, event, options),
        })
        .collect()
}

/// Why a disabled rule delivers nothing.
pub const DISABLED: &str = "the rule is disabled, so EventBridge sends it no events";

/// Simulates one event through rule `rule` of a compiled design (nothing is parsed again).
pub fn simulate_rule(
    c: &Compiled,
    rule: usize,
    event: &Value,
    options: &SimulateOptions,
) -> Simulation {
    let Some(r) = c.rules.get(rule) else {
        let mut sim = Simulation::pending();
        sim.not_delivered = Some(format!("the design has no rule {}", rule + 1));
        return sim;
    };
    let mut diags = c.diagnostics.clone();
    let mut used = Vec::new();
    let event_error = event_size_error(event);
    let report = match (&r.pattern, &event_error) {
        (Some(p), None) => Some(p.report(event)),
        _ => None,
    };
    let matched = report.as_ref().is_some_and(|r| r.matched);
    if let Some(report) = &report {
        // The verdict may be EventBridge's or event-ruler's: say which constructs it rests on.
        let brought = uncertain::in_event(report, event);
        diags.extend(
            brought
                .iter()
                .map(|f| f.diagnostic().under(&format!("rules/{rule}/eventPattern"))),
        );
        add(
            &mut used,
            uncertain::relevant(&r.uncertain, report, &brought)
                .into_iter()
                .map(|f| f.class.assumption),
        );
    }
    let mut sim = Simulation {
        matched,
        pattern: report,
        template: r.template().to_string(),
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
        sim.not_delivered = Some(event_rejected(&e));
        diags.push(e.under("event"));
    } else if r.pattern.is_none() {
        sim.not_delivered = Some(INVALID_PATTERN.into());
    } else if !r.enabled {
        sim.not_delivered = Some(DISABLED.into());
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
    } else if let Some(e) = r.transform.length_error() {
        sim.not_delivered = Some(template_rejected(e));
    } else {
        let t = r.transform.run(event, &rule_context(r, options));
        let truncated = t.truncated();
        let size = t.size;
        diags.extend(t.diagnostics.into_iter().map(|x| x.under("transform")));
        add(&mut used, t.assumptions);
        sim.bindings = t.bindings;
        if truncated {
            sim.not_delivered = Some(too_big(size));
            sim.message = Some(t.output);
        } else if let Some(name) = r.transform.first_undefined() {
            sim.not_delivered = Some(undefined_rejected(name));
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
                    let (traces, ad, au) = c.actions.resolve(n, options.absent_enable_means_false);
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
                    if field_of(n, "metadata", "enableCustomActions").is_none() {
                        let (other, _, _) =
                            c.actions.resolve(n, !options.absent_enable_means_false);
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

/// Why nothing is delivered when the pattern does not parse.
pub const INVALID_PATTERN: &str =
    "the event pattern is invalid, so EventBridge would not create the rule";

fn event_rejected(e: &Diagnostic) -> String {
    format!("EventBridge rejects the event: {}", e.message)
}

/// A delivered notification's `content.title` (empty when it has none).
fn title_of(notification: &Value) -> String {
    field_of(notification, "content", "title")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn template_rejected(e: &Diagnostic) -> String {
    format!(
        "EventBridge would not accept the target's input transformer: {}",
        e.message
    )
}

/// An undefined placeholder: not delivered, as the assumption it rests on says (named as such,
/// since AWS does not document it).
fn undefined_rejected(name: &str) -> String {
    format!(
        "the template holds {}, which is not an input path or reserved variable, and such a template makes delivery to the target fail (an assumption from a community report; AWS does not document it)",
        excerpt(name)
    )
}

fn too_big(size: usize) -> String {
    format!("the rendered message is {size} bytes; SNS accepts at most {MAX_RENDERED_BYTES} (256 KB), so the delivery fails")
}

fn rule_context(r: &CompiledRule, options: &SimulateOptions) -> RuleContext {
    RuleContext {
        rule_name: r.rule_name.clone(),
        rule_arn: options.rule_arn.clone(),
        ingestion_time: options.ingestion_time.clone(),
    }
}

/// What one event comes to, without the trace: whether it matched, whether a notification was
/// delivered (and if not, why), its title and the buttons that appear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub matched: bool,
    pub delivered: bool,
    /// Why a matched event delivers nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_delivered: Option<String>,
    /// The notification's `content.title` (empty when there is none).
    pub title: String,
    /// The text of each button that appears, in design order.
    pub buttons: Vec<String>,
}

/// The outcome of one event through rule `rule` of a compiled design: the stages of
/// `simulate_rule` without its trace, diagnostics and second reading of an absent flag. Agrees
/// with `simulate_rule` on every field it has (`tests/it/replay.rs`).
pub fn outcome(c: &Compiled, rule: usize, event: &Value, options: &SimulateOptions) -> Outcome {
    if let Some(e) = event_size_error(event) {
        return Outcome {
            not_delivered: Some(event_rejected(&e)),
            ..Outcome::default()
        };
    }
    outcome_within_limit(c, rule, event, options)
}

/// `outcome` of an event already known to be within EventBridge's size limit (a replay checks
/// the size of the text it reads, then reads only what the design reads).
pub fn outcome_within_limit(
    c: &Compiled,
    rule: usize,
    event: &Value,
    options: &SimulateOptions,
) -> Outcome {
    let mut out = Outcome::default();
    let Some(r) = c.rules.get(rule) else {
        return out;
    };
    let Some(pattern) = &r.pattern else {
        out.not_delivered = Some(INVALID_PATTERN.into());
        return out;
    };
    out.matched = pattern.matches(event);
    if !r.enabled {
        out.not_delivered = Some(DISABLED.into());
        return out;
    }
    if !out.matched {
        return out;
    }
    if let Some(e) = r.transform.length_error() {
        out.not_delivered = Some(template_rejected(e));
        return out;
    }
    let t = r.transform.run_text(event, &rule_context(r, options));
    if t.truncated() {
        out.not_delivered = Some(too_big(t.size));
        return out;
    }
    if let Some(name) = r.transform.first_undefined() {
        out.not_delivered = Some(undefined_rejected(name));
        return out;
    }
    let check = check_message(&t.output);
    out.delivered = check.delivered;
    out.not_delivered = check.reason;
    if let Some(n) = check.notification.as_ref().filter(|_| check.delivered) {
        out.title = title_of(n);
        out.buttons = c.actions.buttons(n, options.absent_enable_means_false);
    }
    out
}

/// One cell of the batch table: a sample event through one rule of the design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRow {
    pub sample: &'static str,
    pub label: &'static str,
    /// The rule's position in the design, and its name.
    pub rule: usize,
    pub rule_name: String,
    pub matched: bool,
    pub delivered: bool,
    pub title: String,
    pub buttons: Vec<String>,
}

/// Runs the given built-in sample events (`sources::design_samples`) through every rule of a
/// compiled design: rows by sample, then by rule.
pub fn batch_compiled(c: &Compiled, samples: &[&'static Sample]) -> Vec<BatchRow> {
    samples
        .iter()
        .copied()
        .flat_map(|s| {
            let event: Value = serde_json::from_str(s.json).unwrap_or(Value::Null);
            (0..c.rules.len()).map(move |rule| (s, rule, event.clone()))
        })
        .map(|(s, rule, event)| {
            let sim = simulate_rule(c, rule, &event, &SimulateOptions::default());
            let title = sim
                .notification
                .as_ref()
                .filter(|_| sim.delivered)
                .map(title_of)
                .unwrap_or_default();
            BatchRow {
                sample: s.id,
                label: s.label,
                rule,
                rule_name: c.rules[rule].rule_name.clone(),
                matched: sim.matched,
                delivered: sim.delivered,
                title,
                buttons: sim.buttons.into_iter().map(|b| b.text).collect(),
            }
        })
        .collect()
}

/// The SNS message rule `rule` renders from the first built-in sample event that matches it and
/// is delivered (for the exports' test publish), if any.
pub fn sample_message(c: &Compiled, rule: usize) -> Option<String> {
    SAMPLES.iter().find_map(|s| {
        let event: Value = serde_json::from_str(s.json).ok()?;
        let sim = simulate_rule(c, rule, &event, &SimulateOptions::default());
        if sim.delivered {
            sim.message
        } else {
            None
        }
    })
}
