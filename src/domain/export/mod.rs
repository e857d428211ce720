//! Exporters: Terraform, CloudFormation (YAML and JSON), an AWS CLI script and AWS CDK apps
//! (TypeScript and Python), each one file over one lowered form (`lower.rs`). Every target owns its own quoting; output is deterministic. Options are
//! data (`OPTIONS`) so the UI renders them without knowing them. Imports the model only.

pub mod lower;
pub mod zip;

use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::design::model::Design;
use lower::{ChannelActions, Lowered, Resource};
use thiserror::Error;

/// One event `verify-pattern.sh` asks EventBridge about: the caller simulates, the exporter
/// writes the question and the prediction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternCheck {
    /// The event's label (a sample's; with several rules, after the rule's name).
    pub label: String,
    /// The rule's event pattern, one line of JSON.
    pub pattern: String,
    /// The event as sent, one line of JSON.
    pub event: String,
    /// The simulation's prediction: does the pattern match?
    pub predicted: bool,
    /// Fields added because TestEventPattern requires them.
    pub adjusted: Vec<String>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub contents: String,
}

/// What an export produced: its files and what the user should know about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub files: Vec<ExportFile>,
    pub notes: Vec<String>,
    /// Unconfirmed facts the files rely on.
    pub assumptions: Vec<Assumption>,
}

/// One export format: its names and how it writes a lowered design. Each format's file defines
/// its own (as a `pub const`) and `formats!` below registers it.
pub struct FormatSpec {
    pub info: FormatInfo,
    pub emit: fn(&Lowered) -> Vec<ExportFile>,
    /// What this format adds to the lowered design's notes.
    pub notes: fn(&Lowered) -> Vec<String>,
    /// Unconfirmed facts this format's files rely on besides the stack's (`stack_assumptions`).
    pub assumptions: fn(&Lowered) -> Vec<Assumption>,
}

/// What a format is called, apart from its code. A `Format` points at a copy of it, so the app's
/// own module lists the formats without linking their writers, which run in the background
/// module (see `jobs`).
#[derive(Clone, Copy)]
pub struct FormatInfo {
    /// The name used by the CLI and in file names.
    pub id: &'static str,
    /// The name shown on the tab.
    pub label: &'static str,
    /// Its files ask EventBridge about the pattern (`verify-pattern.sh`), so callers pass the
    /// simulation's predictions (`verify::pattern_checks`).
    pub asks_about_pattern: bool,
}

/// `note` when the actions are associated with an existing channel configuration (each format
/// says how it does that, or why it cannot).
pub fn when_associating(l: &Lowered, note: &str) -> Vec<String> {
    if l.associates_existing() {
        vec![note.to_string()]
    } else {
        Vec::new()
    }
}

/// No notes or assumptions of a format's own.
pub fn nothing<T>(_: &Lowered) -> Vec<T> {
    Vec::new()
}

/// An export format (a handle on its `FormatInfo`; `spec` finds its code).
#[derive(Clone, Copy)]
pub struct Format(&'static FormatInfo);

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id)
    }
}

/// Registers the formats: `module: [CONST as Name, …]` declares the module and, for each
/// `FormatSpec` it defines, a `Format::Name` in `Format::ALL`.
macro_rules! formats {
    ($($vis:vis $module:ident: [$($spec:ident as $name:ident),*],)*) => {
        $($vis mod $module;)*
        #[allow(non_upper_case_globals)]
        impl Format {
            // A fresh `FormatInfo` built field by field: a reference into the spec would keep the
            // whole spec, with its writers, in every module that names a format.
            $($(pub const $name: Format = Format(&FormatInfo {
                id: $module::$spec.info.id,
                label: $module::$spec.info.label,
                asks_about_pattern: $module::$spec.info.asks_about_pattern,
            });)*)*
            /// Every format, in the order the UI offers them.
            pub const ALL: [Format; [$($(stringify!($name)),*),*].len()] = [$($(Format::$name),*),*];

            /// The format's code.
            fn spec(self) -> &'static FormatSpec {
                const SPECS: &[&FormatSpec] = &[$($(&$module::$spec),*),*];
                // Every `Format` is one of `ALL`, so one spec has its id.
                SPECS
                    .iter()
                    .find(|s| s.info.id == self.0.id)
                    .unwrap_or(&SPECS[0])
            }
        }
    };
}

formats! {
    pub terraform: [TERRAFORM as Terraform],
    cloudformation: [YAML as CloudFormationYaml, JSON as CloudFormationJson],
    pub cli_script: [CLI as Cli],
    pub cdk: [TYPESCRIPT as CdkTypeScript, PYTHON as CdkPython],
}

impl Format {
    /// The name used by the CLI and in file names.
    pub fn id(self) -> &'static str {
        self.0.id
    }
    /// The name shown on the tab.
    pub fn label(self) -> &'static str {
        self.0.label
    }
    /// Its files ask EventBridge about the pattern (see `FormatSpec::asks_about_pattern`).
    pub fn asks_about_pattern(self) -> bool {
        self.0.asks_about_pattern
    }
    pub fn parse(s: &str) -> Result<Format, ExportError> {
        Format::ALL
            .into_iter()
            .find(|f| f.id() == s)
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }
}

/// Which parts of the stack an export contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Topic and policy, rule and transformer, role and guardrail, custom actions, channel configuration.
    Full,
    /// Only the custom actions.
    Actions,
    /// Only the EventBridge rule with its input transformer, targeting an existing topic.
    Rule,
    /// Only the channel role, guardrail and Slack channel configuration.
    Channel,
}

/// How the custom actions reach the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    /// Listed in the exported channel configuration (`CustomizationResourceArns`).
    ChannelConfiguration,
    /// Associated with an existing channel configuration (`associate-to-configuration`).
    ExistingConfiguration,
}

/// The user's choices; `OPTIONS` describes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub scope: Scope,
    pub attach: Attach,
    pub guardrail: bool,
    /// The exported topic is encrypted with a customer managed KMS key.
    pub encryption: bool,
    /// The rule also sends every event it matches, whole, to a CloudWatch Logs log group (to
    /// replay later with `chatops replay`).
    pub log_events: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scope: Scope::Full,
            attach: Attach::ChannelConfiguration,
            guardrail: true,
            encryption: true,
            log_events: false,
        }
    }
}

/// One option as data: the UI renders a select from it and the CLI a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    /// (value, label) pairs; the first is the default.
    pub choices: &'static [(&'static str, &'static str)],
}

pub const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        key: "scope",
        label: "Scope",
        description: "The whole stack, or only the part to paste into an existing module or template.",
        choices: &[
            ("full", "Complete stack"),
            ("actions", "Custom actions only"),
            ("rule", "Rule and input transformer only"),
            ("channel", "Channel configuration and role only"),
        ],
    },
    OptionSpec {
        key: "attach",
        label: "Attach buttons",
        description: "List the custom actions in the exported Slack channel configuration, or associate them with a channel configuration you already have (associate-to-configuration).",
        choices: &[
            ("channel-configuration", "In the exported channel configuration"),
            ("existing-configuration", "To an existing channel configuration"),
        ],
    },
    OptionSpec {
        key: "guardrail",
        label: "Guardrail policy",
        description: "A guardrail limits every command run from the channel to the buttons' permissions. Without one, AdministratorAccess is the guardrail.",
        choices: &[
            ("yes", "Create a guardrail from the buttons' commands"),
            ("no", "No guardrail"),
        ],
    },
    OptionSpec {
        key: "encryption",
        label: "Topic encryption",
        description: "Encrypt the SNS topic with a customer managed KMS key whose key policy lets EventBridge publish (AWS's managed SNS key cannot be used: its policy cannot be edited), or leave the topic unencrypted. Applies when the export creates the topic.",
        choices: &[
            ("kms", "Customer managed KMS key"),
            ("none", "Not encrypted"),
        ],
    },
    OptionSpec {
        key: "log-events",
        label: "Log matched events",
        description: "Also send every event the rule matches, whole, to a CloudWatch Logs log group (/aws/events/<rule name>, kept 365 days), with the resource policy that lets EventBridge write to it; replay them later with chatops replay or the event panel. Applies when the export creates the rule.",
        choices: &[
            ("no", "No"),
            ("yes", "To a CloudWatch Logs log group"),
        ],
    },
];

impl ExportOptions {
    /// Sets one option by key and value, as named in `OPTIONS`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ExportError> {
        let spec = OPTIONS
            .iter()
            .find(|o| o.key == key)
            .ok_or_else(|| ExportError::UnknownOption(key.to_string()))?;
        if !spec.choices.iter().any(|(v, _)| *v == value) {
            return Err(ExportError::BadChoice {
                key: key.to_string(),
                value: value.to_string(),
                allowed: spec
                    .choices
                    .iter()
                    .map(|(v, _)| *v)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        match (key, value) {
            ("scope", "full") => self.scope = Scope::Full,
            ("scope", "actions") => self.scope = Scope::Actions,
            ("scope", "rule") => self.scope = Scope::Rule,
            ("scope", "channel") => self.scope = Scope::Channel,
            ("attach", "channel-configuration") => self.attach = Attach::ChannelConfiguration,
            ("attach", "existing-configuration") => self.attach = Attach::ExistingConfiguration,
            ("guardrail", v) => self.guardrail = v == "yes",
            ("encryption", v) => self.encryption = v == "kms",
            ("log-events", v) => self.log_events = v == "yes",
            _ => unreachable!("every choice in OPTIONS is handled"),
        }
        Ok(())
    }
    /// Whether an option changes the export under the other choices: `attach` matters only when
    /// the export contains the custom actions (scope full or actions), `guardrail` only when it
    /// contains the channel configuration (scope channel, or full with the buttons in the exported
    /// configuration). The UI disables the others.
    pub fn applies(&self, key: &str) -> bool {
        match key {
            "attach" => matches!(self.scope, Scope::Full | Scope::Actions),
            "guardrail" => match self.scope {
                Scope::Channel => true,
                Scope::Full => self.attach == Attach::ChannelConfiguration,
                Scope::Actions | Scope::Rule => false,
            },
            "encryption" => self.scope == Scope::Full,
            "log-events" => matches!(self.scope, Scope::Full | Scope::Rule),
            _ => OPTIONS.iter().any(|o| o.key == key),
        }
    }
    /// Rejects a choice that would have no effect under the others (the CLI's flags), naming the
    /// combinations where it applies.
    pub fn check(&self) -> Result<(), ExportError> {
        for spec in OPTIONS {
            let value = self.get(spec.key);
            if !self.applies(spec.key) && value != spec.choices[0].0 {
                return Err(ExportError::NotApplicable {
                    key: spec.key.to_string(),
                    value: value.to_string(),
                    scope: self.get("scope").to_string(),
                });
            }
        }
        Ok(())
    }
    /// The options with every choice that has no effect reset to its default (what the UI exports
    /// while such a choice is disabled).
    pub fn effective(&self) -> ExportOptions {
        let mut o = *self;
        if !o.applies("attach") {
            o.attach = Attach::ChannelConfiguration;
        }
        if !o.applies("guardrail") {
            o.guardrail = true;
        }
        if !o.applies("encryption") {
            o.encryption = true;
        }
        if !o.applies("log-events") {
            o.log_events = false;
        }
        o
    }
    /// The current value of one option, as named in `OPTIONS`.
    pub fn get(&self, key: &str) -> &'static str {
        match key {
            "scope" => match self.scope {
                Scope::Full => "full",
                Scope::Actions => "actions",
                Scope::Rule => "rule",
                Scope::Channel => "channel",
            },
            "attach" => match self.attach {
                Attach::ChannelConfiguration => "channel-configuration",
                Attach::ExistingConfiguration => "existing-configuration",
            },
            "guardrail" => {
                if self.guardrail {
                    "yes"
                } else {
                    "no"
                }
            }
            "encryption" => {
                if self.encryption {
                    "kms"
                } else {
                    "none"
                }
            }
            "log-events" => {
                if self.log_events {
                    "yes"
                } else {
                    "no"
                }
            }
            _ => "",
        }
    }
}

/// Every format's id, for messages.
fn format_ids() -> String {
    Format::ALL.map(Format::id).join(", ")
}

/// Every option's key, for messages.
fn option_keys() -> String {
    OPTIONS.iter().map(|o| o.key).collect::<Vec<_>>().join(", ")
}

/// Why an export could not be made.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("unknown format '{0}'; choose from: {ids}", ids = format_ids())]
    UnknownFormat(String),
    #[error("unknown export option '{0}'; options: {keys}", keys = option_keys())]
    UnknownOption(String),
    #[error("{key} {value} has no effect with scope {scope}: attach applies with scope full or actions; guardrail applies with scope channel, or full with attach channel-configuration; encryption applies with scope full; log-events applies with scope full or rule")]
    NotApplicable {
        key: String,
        value: String,
        scope: String,
    },
    #[error("'{value}' is not a value of {key}; choose from: {allowed}")]
    BadChoice {
        key: String,
        value: String,
        allowed: String,
    },
}

/// Exports a design. `sample_message` is a rendered notification for the CLI script's test publish
/// (the caller simulates; exporters reflect the design only).
pub fn export(
    design: &Design,
    format: Format,
    options: &ExportOptions,
    sample_messages: &[Option<String>],
) -> Export {
    export_with_checks(design, format, options, sample_messages, &[])
}

/// Exports a design; the CLI script's `verify-pattern.sh` asks EventBridge about `checks` (the
/// caller's predictions, see `verify::pattern_checks`).
pub fn export_with_checks(
    design: &Design,
    format: Format,
    options: &ExportOptions,
    sample_messages: &[Option<String>],
    checks: &[PatternCheck],
) -> Export {
    let mut lowered = lower::lower(design, options, sample_messages);
    lowered.pattern_checks = checks.to_vec();
    let spec = format.spec();
    let mut notes = lowered.notes.clone();
    notes.extend((spec.notes)(&lowered));
    let mut assumptions = stack_assumptions(&lowered);
    assumptions.extend((spec.assumptions)(&lowered));
    assumptions.sort_by_key(|a| assumptions::ALL.iter().position(|b| b.id == a.id));
    assumptions.dedup();
    Export {
        files: (spec.emit)(&lowered),
        notes,
        assumptions,
    }
}

/// Unconfirmed facts the stack relies on in every format.
fn stack_assumptions(l: &Lowered) -> Vec<Assumption> {
    let mut out = Vec::new();
    if l.channel().is_some() || l.actions().next().is_some() {
        out.push(assumptions::CHATBOT_REGION);
    }
    if l.channel().is_some() {
        out.push(assumptions::CHANNEL_ROLE_TRUST);
    }
    if l.has(|r| matches!(r, Resource::TopicKey { .. })) {
        out.push(assumptions::TOPIC_KMS);
        out.push(assumptions::KEY_SOURCE_ACCOUNT);
    }
    if l.channel()
        .is_some_and(|c| matches!(c.actions, ChannelActions::ByName(_)))
    {
        out.push(assumptions::ACTION_ARN_FORMAT);
    }
    out
}
