//! The design document: everything a person designs, as one versioned JSON file (`formatVersion` 2:
//! a list of rules, each with its notification, and one set of buttons and deployment settings).
//! Version-1 files (one rule, its notification beside it) are read through `migrate`. Bottom of
//! the core: imports only diagnostics and JSON text facts.

use crate::domain::base::diagnostic::{without_position, LineCursor};
use crate::domain::base::jsontext::{
    after_bom, char_column, deeper_than, duplicate_keys, strip_bom, Duplicates,
};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The design-file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// How deep an event pattern may nest (98 levels, as it could in version-1 design files).
pub const PATTERN_DEPTH: usize = 98;

/// How deep a design file may nest (the outermost object is level 1; an event pattern sits at
/// level 4, inside `rules` and its rule, so a pattern may nest `PATTERN_DEPTH` levels). Every door
/// checks it (design files, imports, share links, the pattern editor), so whatever a design holds
/// can be written and read back, also inside a share link's one-level wrapper, under serde_json's
/// 128-level parsing limit.
pub const MAX_DEPTH: usize = PATTERN_DEPTH + 3;

/// The most bytes a design file may hold (as `Design::to_json` writes it): far above what a
/// deliverable design needs (the SNS message it renders is at most 256 KB, its input template at
/// most 8,192 characters), and what the CLI reads. Imports refuse to make a larger one.
pub const MAX_DESIGN_BYTES: usize = 4 << 20;

/// A whole design: its rules (each with its notification), buttons and deployment settings.
/// Every rule publishes to the one topic, and every button is considered on every message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ChatOps Designer design file")]
pub struct Design {
    /// Always 2 for this format (version 1 files are read and migrated).
    pub format_version: u32,
    /// A human name for the design.
    #[serde(default)]
    pub name: String,
    /// The preset the design started from, if any (share links encode only what differs from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The EventBridge rules, each with the notification its target sends; at least one.
    #[schemars(length(min = 1, max = 100))]
    pub rules: Vec<RuleDesign>,
    /// The Custom Action buttons, in design order.
    #[serde(default)]
    pub actions: Vec<CustomActionDesign>,
    #[serde(default)]
    pub deployment: DeploymentSettings,
}

/// The custom notification the input transformer renders. Text fields may hold `<placeholder>`s
/// (input-path names or reserved `aws.events.*` variables) and `{{parameter}}` references to
/// `deployment.parameters`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationDesign {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub next_steps: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub thread_id: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub event_type: String,
    #[serde(default)]
    pub related_resources: Vec<String>,
    /// Customer keys read by Custom Action variables as `event.metadata.additionalContext.<Key>`.
    #[serde(default)]
    pub additional_context: IndexMap<String, String>,
    /// `metadata.enableCustomActions`: `true` or `false` is sent as such; absent (`null` or left
    /// out) sends nothing, which a secondary paraphrase of AWS's field table says means true (the
    /// preview states the assumption and can show the other reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_custom_actions: Option<bool>,
}

impl NotificationDesign {
    /// Every text field, lists and context values included, to rewrite in place.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        [
            &mut self.title,
            &mut self.description,
            &mut self.thread_id,
            &mut self.summary,
            &mut self.event_type,
        ]
        .into_iter()
        .chain(self.next_steps.iter_mut())
        .chain(self.keywords.iter_mut())
        .chain(self.related_resources.iter_mut())
        .chain(self.additional_context.values_mut())
    }
}

/// One EventBridge rule: its pattern, the input transformer's paths and the notification its
/// target renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleDesign {
    /// Rule name (1-64 characters of `.-_A-Za-z0-9`); exports name the rule's resources after it.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A disabled rule is exported in the DISABLED state and delivers nothing in simulations.
    #[serde(default = "enabled", skip_serializing_if = "is_enabled")]
    pub enabled: bool,
    /// The event pattern, as a JSON object.
    pub event_pattern: serde_json::Value,
    /// InputPathsMap: placeholder name to JSON path (`$.detail.state`).
    #[serde(default)]
    pub input_paths: IndexMap<String, String>,
    /// Advanced: a raw InputTemplate used instead of the one generated from the notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_template_override: Option<String>,
    pub notification: NotificationDesign,
}

fn enabled() -> bool {
    true
}

fn is_enabled(b: &bool) -> bool {
    *b
}

/// The most rules a design holds: far more than a channel's setups use (the largest of 22
/// published setups has 6), and few enough that every edit simulates them all.
pub const MAX_RULES: usize = 100;

/// One Custom Action (`AWS::Chatbot::CustomAction`) with one notification attachment (its button).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomActionDesign {
    /// ActionName: 1-64 of `[a-zA-Z0-9_-]`.
    pub name: String,
    /// AliasName: optional, 1-30 of `[A-Za-z0-9-_]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// ButtonText: 1-50 characters.
    pub button_text: String,
    /// NotificationType: `Custom` for custom notifications.
    #[serde(default = "default_notification_type")]
    pub notification_type: String,
    /// Criteria: 1-5 conditions, all of which must hold for the button to appear.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Variables: up to 5, name to dotted path rooted at `event`.
    #[serde(default)]
    pub variables: IndexMap<String, String>,
    /// CommandText with `$Var` references.
    pub command: String,
}

pub fn default_notification_type() -> String {
    "Custom".to_string()
}

/// A criterion on a variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    pub operator: CriterionOperator,
    pub variable: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The two operators the API offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CriterionOperator {
    Equals,
    HasValue,
}

impl CriterionOperator {
    pub const ALL: [CriterionOperator; 2] =
        [CriterionOperator::Equals, CriterionOperator::HasValue];
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionOperator::Equals => "EQUALS",
            CriterionOperator::HasValue => "HAS_VALUE",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// The chat application of the channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChatPlatform {
    #[default]
    Slack,
    /// Microsoft Teams.
    Teams,
}

impl ChatPlatform {
    pub const ALL: [ChatPlatform; 2] = [ChatPlatform::Slack, ChatPlatform::Teams];
    pub fn is_slack(&self) -> bool {
        *self == ChatPlatform::Slack
    }
    /// Its value in the design file.
    pub fn as_str(self) -> &'static str {
        match self {
            ChatPlatform::Slack => "slack",
            ChatPlatform::Teams => "teams",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ChatPlatform::Slack => "Slack",
            ChatPlatform::Teams => "Microsoft Teams",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Where and how the design is deployed; exports turn these into variables/parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentSettings {
    #[serde(default = "default_region")]
    pub region: String,
    #[serde(default)]
    pub account_id: String,
    #[serde(default)]
    pub sns_topic_name: String,
    /// The channel's chat application: `slack` (the default, left out) or `teams`.
    #[serde(default, skip_serializing_if = "ChatPlatform::is_slack")]
    pub platform: ChatPlatform,
    #[serde(default)]
    pub slack_workspace_id: String,
    #[serde(default)]
    pub slack_channel_id: String,
    /// Microsoft Teams: the team's ID (a GUID, copied from the Amazon Q Developer console).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teams_team_id: String,
    /// Microsoft Teams: the channel's ID as Teams copies it (`19%3a…%40thread.tacv2`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teams_channel_id: String,
    /// Microsoft Teams: the tenant's ID (a GUID, copied from the Amazon Q Developer console).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teams_tenant_id: String,
    #[serde(default)]
    pub channel_configuration_name: String,
    #[serde(default)]
    pub application: String,
    #[serde(default)]
    pub deployment_group: String,
    /// Free parameters referenced as `{{name}}` in notification text (e.g. a validation URL).
    #[serde(default)]
    pub parameters: IndexMap<String, String>,
    /// The settings of event sources that have no field of their own above, by key (see
    /// `sources`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub source_settings: IndexMap<String, String>,
}

fn default_region() -> String {
    "us-east-1".to_string()
}

impl Default for DeploymentSettings {
    fn default() -> Self {
        Self {
            region: default_region(),
            account_id: String::new(),
            sns_topic_name: String::new(),
            platform: ChatPlatform::Slack,
            slack_workspace_id: String::new(),
            slack_channel_id: String::new(),
            teams_team_id: String::new(),
            teams_channel_id: String::new(),
            teams_tenant_id: String::new(),
            channel_configuration_name: String::new(),
            application: String::new(),
            deployment_group: String::new(),
            parameters: IndexMap::new(),
            source_settings: IndexMap::new(),
        }
    }
}

/// Why a design file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DesignError {
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the design file is {0} bytes; a design file may hold at most {MAX_DESIGN_BYTES} bytes (4 MiB), far more than a notification can deliver")]
    TooLarge(usize),
    #[error("a design file must be a JSON object with \"formatVersion\": {FORMAT_VERSION}")]
    NotAnObject,
    #[error("missing \"formatVersion\": this build reads design files with \"formatVersion\" 1 or {FORMAT_VERSION}")]
    MissingVersion,
    #[error("\"formatVersion\": {0} was written by a newer ChatOps Designer; this build reads versions 1 and {FORMAT_VERSION}")]
    NewerVersion(u64),
    #[error("\"formatVersion\" must be the number 1 or {FORMAT_VERSION}, found {0}")]
    BadVersion(String),
    #[error("the design has {0} rules; a design holds 1 to {MAX_RULES} rules")]
    RuleCount(usize),
    #[error("{0}")]
    DuplicateKeys(Duplicates),
    #[error("the design nests more than {MAX_DEPTH} levels deep (line {line}, column {column}); a design file nests at most {MAX_DEPTH} levels, an event pattern at most {PATTERN_DEPTH} levels")]
    TooDeep { line: usize, column: usize },
    #[error("{path}: {message} (line {line}, column {column})")]
    Shape {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl DesignError {
    /// Where in the text the error points: 1-based line and column, when it points anywhere.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            DesignError::Syntax { line, column, .. }
            | DesignError::TooDeep { line, column }
            | DesignError::Shape { line, column, .. } => Some((*line, *column)),
            DesignError::DuplicateKeys(d) => d.first.first().map(|k| (k.line, k.column)),
            _ => None,
        }
    }
}

/// Reads a design file's fields, naming the path of a field at fault.
#[cfg(feature = "located-errors")]
fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DesignError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        DesignError::Shape {
            path: if path == "." { "design".into() } else { path },
            line: inner.line(),
            column: char_column(text, inner.line(), inner.column()),
            message: without_position(&inner.to_string()),
        }
    })
}

/// Reads a design file's fields; an error names its line and column only.
#[cfg(not(feature = "located-errors"))]
fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DesignError> {
    serde_json::from_str(text).map_err(|e| DesignError::Shape {
        path: "design".into(),
        line: e.line(),
        column: char_column(text, e.line(), e.column()),
        message: without_position(&e.to_string()),
    })
}

impl Design {
    /// The first rule, where an import of one rule writes; a design without rules (which no
    /// design file holds) gets an empty one first.
    pub fn first_rule_mut(&mut self) -> &mut RuleDesign {
        if self.rules.is_empty() {
            self.rules.push(RuleDesign {
                name: "chatops-rule".into(),
                description: String::new(),
                enabled: true,
                event_pattern: serde_json::json!({}),
                input_paths: IndexMap::new(),
                input_template_override: None,
                notification: NotificationDesign::default(),
            });
        }
        &mut self.rules[0]
    }

    /// How many buttons `next` appends to this design when that is all it changes (an import of
    /// custom actions); `None` when anything else differs.
    pub fn appended_actions(&self, next: &Design) -> Option<usize> {
        let n = self.actions.len();
        if next.actions.len() <= n || next.actions[..n] != self.actions[..] {
            return None;
        }
        let mut same = next.clone();
        same.actions.truncate(n);
        (same == *self).then(|| next.actions.len() - n)
    }

    /// Reads a design file. Unknown fields, a missing or newer `formatVersion`, wrong types and keys
    /// written twice are errors that say where and what is allowed; a leading byte-order mark is
    /// skipped.
    pub fn from_json(text: &str) -> Result<Design, DesignError> {
        // Places are counted in the text as given; a byte-order mark some editors write is not
        // part of the JSON (`jsontext::parse` skips it, and the fields are read without it).
        if text.len() > MAX_DESIGN_BYTES {
            return Err(DesignError::TooLarge(text.len()));
        }
        check_depth(text)?;
        let value: serde_json::Value =
            crate::domain::base::jsontext::parse(text).map_err(|e| DesignError::Syntax {
                line: e.line,
                column: e.column,
                message: e.reason,
            })?;
        let Some(obj) = value.as_object() else {
            return Err(DesignError::NotAnObject);
        };
        let version = match obj.get("formatVersion") {
            None => return Err(DesignError::MissingVersion),
            Some(v) => match v.as_u64() {
                Some(n @ 1..=2) => n,
                Some(n) if n > 2 => return Err(DesignError::NewerVersion(n)),
                _ => return Err(DesignError::BadVersion(v.to_string())),
            },
        };
        // serde_json keeps the last of two equal keys: a pattern field, input path, parameter or
        // context key written twice would silently lose the first.
        let duplicates = duplicate_keys(text);
        if !duplicates.is_empty() {
            return Err(DesignError::DuplicateKeys(duplicates));
        }
        let fields = if version == 1 {
            deserialize::<crate::domain::design::migrate::DesignV1>(strip_bom(text))
                .map(Design::from)
        } else {
            deserialize::<Design>(strip_bom(text))
        };
        let design = fields.map_err(|e| match e {
            DesignError::Shape {
                path,
                line,
                column,
                message,
            } => DesignError::Shape {
                path,
                line,
                column: after_bom(text, line, column),
                message,
            },
            other => other,
        })?;
        match design.rules.len() {
            1..=MAX_RULES => Ok(design),
            n => Err(DesignError::RuleCount(n)),
        }
    }

    /// Writes the design file: pretty JSON, two-space indent, trailing newline. Deterministic.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Refuses JSON text that nests deeper than a design file may (`MAX_DEPTH`), with where.
pub fn check_depth(text: &str) -> Result<(), DesignError> {
    match deeper_than(text, MAX_DEPTH) {
        None => Ok(()),
        Some(at) => {
            let (line, column) = LineCursor::new(text).at(at);
            Err(DesignError::TooDeep { line, column })
        }
    }
}

/// The JSON Schema of the design file, generated from these types.
pub fn design_schema() -> String {
    let schema = schemars::schema_for!(Design);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
