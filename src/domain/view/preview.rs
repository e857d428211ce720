//! The preview model: what a chat client would show for a simulation, as plain data, split into
//! what is printed in the message (title, description, next steps, keywords, buttons) and what
//! Amazon Q receives but no source shows printed (the message details). How sure each rendered
//! element is lives in `evidence.rs`. The UI renders it and computes nothing. Imports simulate (on
//! top of the core), mrkdwn, teams_md and assumptions.

use crate::domain::amazon_q::actions::{command_parts, CommandPart};
use crate::domain::amazon_q::mrkdwn::{parse_blocks, parse_inlines, Block, Inline};
use crate::domain::amazon_q::teams_md;
use crate::domain::pipeline::simulate::Simulation;
use serde::Serialize;
use serde_json::Value;

/// A button as the preview shows it, with what clicking it would run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewButton {
    pub action: String,
    pub text: String,
    pub command: String,
    /// Variable name and value as filled from the notification.
    pub variables: Vec<(String, Option<String>)>,
    pub unresolved: Vec<String>,
}

impl PreviewButton {
    /// The variables that read an empty string from this event: the command runs with nothing
    /// where each stands (`--deployment-id  --region …`), which the command panel points out.
    pub fn empty_variables(&self) -> Vec<&str> {
        self.variables
            .iter()
            .filter(|(_, v)| v.as_deref() == Some(""))
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// What Amazon Q receives with a message but no source shows printed in it, each with its role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageDetails {
    /// Groups messages into one thread (when the channel allows threaded updates).
    pub thread_id: Option<String>,
    /// Shown on the top-level message of a thread (secondary source).
    pub summary: Option<String>,
    pub event_type: Option<String>,
    pub related_resources: Vec<String>,
    /// What Custom Action variables read (`event.metadata.additionalContext.<Key>`).
    pub additional_context: Vec<(String, String)>,
    /// `metadata.enableCustomActions` as sent: `Some(true)`, `Some(false)` or absent.
    pub enable_custom_actions: Option<bool>,
}

impl MessageDetails {
    pub fn is_empty(&self) -> bool {
        self == &MessageDetails::default()
    }
}

/// The message read as Microsoft Teams markdown, with the parts that render differently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamsView {
    pub title: Vec<Inline>,
    pub description: Vec<Block>,
    pub next_steps: Vec<Vec<Inline>>,
    /// One sentence per construct that Slack and Teams render differently.
    pub differences: Vec<String>,
}

/// What the preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewModel {
    pub delivered: bool,
    /// Why nothing is shown, when nothing is.
    pub not_delivered: Option<String>,
    /// Slack mrkdwn.
    pub title: Vec<Inline>,
    pub description: Vec<Block>,
    /// A bulleted list in the message (secondary source).
    pub next_steps: Vec<Vec<Inline>>,
    pub keywords: Vec<String>,
    pub details: MessageDetails,
    /// Buttons in design order; the service picks the order Slack shows.
    pub buttons: Vec<PreviewButton>,
    /// Set when the notification has no `enableCustomActions` and the design has buttons: the
    /// preview states the assumption and can show the other reading.
    pub absent_flag: Option<AbsentFlag>,
}

/// How an absent `enableCustomActions` is being read, and what the other reading would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsentFlag {
    /// The preview shows the other reading (absent means false) at the person's request.
    pub shown_as_false: bool,
    /// The buttons (by text) that appear under the other reading.
    pub other_reading_buttons: Vec<String>,
}

fn text_at(n: &Value, ptr: &str) -> Option<String> {
    n.pointer(ptr)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn list_at(n: &Value, ptr: &str) -> Vec<String> {
    n.pointer(ptr)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The delivered notification of a simulation (`Null` when nothing is delivered).
fn delivered(sim: &Simulation) -> &Value {
    const NULL: &Value = &Value::Null;
    match &sim.notification {
        Some(n) if sim.delivered => n,
        _ => NULL,
    }
}

/// The message read as Microsoft Teams markdown. Separate from `preview`, so a keystroke parses
/// the Teams dialect only while the Teams view is shown.
pub fn teams_view(sim: &Simulation) -> TeamsView {
    let n = delivered(sim);
    let title = text_at(n, "/content/title").unwrap_or_default();
    let description = text_at(n, "/content/description").unwrap_or_default();
    let steps = list_at(n, "/content/nextSteps");
    let mut differences = teams_md::differences("title", &title);
    differences.extend(teams_md::differences("description", &description));
    for (i, s) in steps.iter().enumerate() {
        differences.extend(teams_md::differences(&format!("next step {}", i + 1), s));
    }
    TeamsView {
        title: teams_md::parse_inlines(&title),
        description: teams_md::parse_blocks(&description),
        next_steps: steps.iter().map(|s| teams_md::parse_inlines(s)).collect(),
        differences,
    }
}

/// Builds the preview of a simulation.
pub fn preview(sim: &Simulation) -> PreviewModel {
    let n = delivered(sim);
    let buttons = sim
        .actions
        .iter()
        .filter(|a| a.appears)
        .map(|a| PreviewButton {
            action: a.action.clone(),
            text: a.text.clone(),
            command: a.command.clone(),
            variables: a.variables.clone(),
            unresolved: a.unresolved.clone(),
        })
        .collect();
    let title = text_at(n, "/content/title").unwrap_or_default();
    let description = text_at(n, "/content/description").unwrap_or_default();
    let steps = list_at(n, "/content/nextSteps");
    let flag = n.pointer("/metadata/enableCustomActions");
    let details = MessageDetails {
        thread_id: text_at(n, "/metadata/threadId"),
        summary: text_at(n, "/metadata/summary"),
        event_type: text_at(n, "/metadata/eventType"),
        related_resources: list_at(n, "/metadata/relatedResources"),
        additional_context: n
            .pointer("/metadata/additionalContext")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        enable_custom_actions: flag.and_then(Value::as_bool),
    };
    let absent_flag =
        (sim.delivered && flag.is_none() && !sim.actions.is_empty()).then(|| AbsentFlag {
            shown_as_false: sim
                .assumptions
                .contains(&crate::domain::base::assumptions::ENABLE_CUSTOM_ACTIONS_FALSE),
            other_reading_buttons: sim.flipped_buttons.clone(),
        });
    PreviewModel {
        delivered: sim.delivered,
        not_delivered: if sim.delivered {
            None
        } else {
            Some(
                sim.not_delivered
                    .clone()
                    .unwrap_or_else(|| "nothing was delivered".into()),
            )
        },
        title: parse_inlines(&title),
        description: parse_blocks(&description),
        next_steps: steps.iter().map(|s| parse_inlines(s)).collect(),
        keywords: list_at(n, "/content/keywords"),
        details,
        buttons,
        absent_flag,
    }
}

/// A deterministic permutation of `0..n` for the "shuffle order" control: `seed` 0 is design order;
/// other seeds give other possible orders (a seeded Fisher–Yates with an LCG; no randomness here).
pub fn shuffled_order(n: usize, seed: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 || n < 2 {
        return order;
    }
    let mut state = u64::from(seed)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// Splits a command for highlighting with the given variable names.
pub fn highlight_command(command: &str, names: &[String]) -> Vec<CommandPart> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    command_parts(command, &names)
}

/// `HH:MM UTC` of the event's time, as chat clients show the post time ("now" without one).
pub fn post_time(event: &serde_json::Value) -> String {
    event
        .get("time")
        .and_then(|t| t.as_str())
        .and_then(|t| t.get(11..16))
        .map(|hm| format!("{hm} UTC"))
        .unwrap_or_else(|| "now".into())
}
