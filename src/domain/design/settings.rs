//! The deployment settings of a design, as data: what each field is, the format AWS and Slack
//! accept for it, and whether its value is still an example a preset ships (a placeholder the
//! person has to replace before deploying). The Deploy settings form, the exports' parameter
//! checks and `chatops export` read the same table. Imports model and presets.

use crate::domain::design::model::{ChatPlatform, DeploymentSettings, Design};
use crate::domain::design::presets::{preset_ref, PRESETS};
use crate::domain::design::sources::{source_setting, source_settings};
use std::sync::LazyLock;

/// How a parameter's value is checked before it is used; each target renders its own form.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// `pattern` is a regular expression valid for Java (CloudFormation), RE2 (Terraform) and POSIX
    /// ERE (bash); `allowed`, `min` and `max` say the same thing to Rust.
    Pattern {
        pattern: &'static str,
        allowed: fn(char) -> bool,
        min: usize,
        max: usize,
        /// The shape a character class cannot say (a GUID's groups), checked after `allowed`.
        exact: Option<fn(&str) -> bool>,
    },
    /// No quote, backslash, angle bracket or control character: the value can sit inside a JSON
    /// string of the input template or a policy as is, and never reads as a `<placeholder>`.
    TemplateSafe,
}

impl PartialEq for Check {
    fn eq(&self, other: &Self) -> bool {
        self.regex() == other.regex()
    }
}
impl Eq for Check {}

pub const TEMPLATE_SAFE_REGEX: &str = r#"^[^"\\<>\x00-\x1f\x7f]*$"#;

pub fn template_safe(s: &str) -> bool {
    !s.chars()
        .any(|c| matches!(c, '"' | '\\' | '<' | '>') || (c as u32) < 0x20 || c == '\u{7f}')
}

impl Check {
    pub fn accepts(&self, s: &str) -> bool {
        match *self {
            Check::Pattern {
                allowed,
                min,
                max,
                exact,
                ..
            } => {
                let n = s.chars().count();
                n >= min && n <= max && s.chars().all(allowed) && exact.is_none_or(|f| f(s))
            }
            Check::TemplateSafe => template_safe(s),
        }
    }
    /// The regular expression, for CloudFormation AllowedPattern, Terraform validation and bash.
    pub fn regex(&self) -> &'static str {
        match self {
            Check::Pattern { pattern, .. } => pattern,
            Check::TemplateSafe => TEMPLATE_SAFE_REGEX,
        }
    }
    /// What the value may be, in words, for error messages in the generated code.
    pub fn describe(&self) -> String {
        match self {
            Check::Pattern { pattern, .. } => format!("must match {pattern}"),
            Check::TemplateSafe => {
                "must not contain quotes, backslashes, angle brackets or control characters".into()
            }
        }
    }
}

fn region_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}
fn upper_alnum(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}
fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
fn arn_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ":/_.+=@-".contains(c)
}

pub const REGION: Check = Check::Pattern {
    pattern: "^[a-z0-9-]{9,30}$",
    allowed: region_char,
    min: 9,
    max: 30,
    exact: None,
};
pub const TOPIC_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9_-]{1,256}$",
    allowed: name_char,
    min: 1,
    max: 256,
    exact: None,
};
pub const WORKSPACE_ID: Check = Check::Pattern {
    pattern: "^[0-9A-Z]{1,255}$",
    allowed: upper_alnum,
    min: 1,
    max: 255,
    exact: None,
};
pub const CHANNEL_ID: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9]{1,255}$",
    allowed: alnum,
    min: 1,
    max: 255,
    exact: None,
};
pub const CONFIG_NAME: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9_-]{1,128}$",
    allowed: name_char,
    min: 1,
    max: 128,
    exact: None,
};
pub const ARN: Check = Check::Pattern {
    pattern: "^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$",
    allowed: arn_char,
    min: 5,
    max: 1164,
    exact: None,
};

fn hex_or_hyphen(c: char) -> bool {
    c.is_ascii_hexdigit() || c == '-'
}

/// Five groups of 8, 4, 4, 4 and 12 hexadecimal digits joined by hyphens.
fn guid_shape(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A Microsoft Teams team or tenant ID (the CloudFormation schema's and the API's pattern).
pub const GUID: Check = Check::Pattern {
    pattern: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$",
    allowed: hex_or_hyphen,
    min: 36,
    max: 36,
    exact: Some(guid_shape),
};

fn teams_channel_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_=+/.,-%".contains(c)
}

/// `…%3a…%40…` with no other `%`: a channel ID as Teams copies it, still URL-encoded.
fn teams_channel_shape(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some((before, rest)) = lower.split_once("%3a") else {
        return false;
    };
    let Some((middle, after)) = rest.split_once("%40") else {
        return false;
    };
    [before, middle, after].iter().all(|p| !p.contains('%'))
}

/// A Microsoft Teams channel ID, URL-encoded as Teams copies it (`19%3a…%40thread.tacv2`): the
/// API's pattern, with its 255 characters checked by the exports' length limit where they have
/// one (a regular expression with this shape cannot count).
pub const TEAMS_CHANNEL_ID: Check = Check::Pattern {
    pattern: "^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$",
    allowed: teams_channel_char,
    min: 7,
    max: 255,
    exact: Some(teams_channel_shape),
};

fn account_char(c: char) -> bool {
    c.is_ascii_digit()
}
pub const ACCOUNT_ID: Check = Check::Pattern {
    pattern: "^[0-9]{12}$",
    allowed: account_char,
    min: 12,
    max: 12,
    exact: None,
};

/// One field of a design's deployment settings (`deployment.<key>` in the design file).
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The field's name in the design file.
    pub key: &'static str,
    pub label: &'static str,
    /// What it is for and where to find it.
    pub help: &'static str,
    pub check: Check,
    /// What the allowed values look like, in words.
    pub allowed: &'static str,
    /// It names something that exists already (a workspace, a channel, an application), so a
    /// preset's example value deploys something that does not work; names the exports create
    /// (the topic, the channel configuration) work whatever they are.
    pub existing: bool,
    /// The chat application it belongs to (`None`: every channel's).
    pub platform: Option<ChatPlatform>,
}

impl Setting {
    /// The setting applies to a channel on `platform`.
    pub fn applies_to(&self, platform: ChatPlatform) -> bool {
        self.platform.is_none_or(|p| p == platform)
    }
}

/// The settings every design has, whatever its events' source.
const COMMON: &[Setting] = &[
    Setting {
        key: "region",
        label: "AWS Region",
        help: "The Region of the rule, the topic and the buttons, such as us-east-1.",
        check: REGION,
        existing: false,
        allowed: "a Region name: lowercase letters, digits and hyphens, 9 to 30 characters",
        platform: None,
    },
    Setting {
        key: "accountId",
        label: "AWS account ID",
        help: "The account the design is for. The exports do not need it: they deploy into the account whose credentials run them.",
        check: ACCOUNT_ID,
        existing: true,
        allowed: "12 digits",
        platform: None,
    },
    Setting {
        key: "snsTopicName",
        label: "SNS topic name",
        help: "The topic the rules publish to and the channel subscribes to.",
        check: TOPIC_NAME,
        existing: false,
        allowed: "letters, digits, hyphens and underscores, 1 to 256 characters",
        platform: None,
    },
    Setting {
        key: "slackWorkspaceId",
        label: "Slack workspace ID",
        help: "The workspace (team) ID, shown in the Amazon Q Developer console once the workspace is authorized; it starts with T.",
        check: WORKSPACE_ID,
        existing: true,
        allowed: "uppercase letters and digits, such as T07ABCDE123",
        platform: Some(ChatPlatform::Slack),
    },
    Setting {
        key: "slackChannelId",
        label: "Slack channel ID",
        help: "The end of the channel's link (Copy link in Slack), such as C07ABCDE123.",
        check: CHANNEL_ID,
        existing: true,
        allowed: "letters and digits, such as C07ABCDE123",
        platform: Some(ChatPlatform::Slack),
    },
    Setting {
        key: "teamsTeamId",
        label: "Microsoft Teams team ID",
        help: "The team's ID, shown in the Amazon Q Developer console once the team is authorized there (Configure new client, Microsoft Teams); a GUID.",
        check: GUID,
        existing: true,
        allowed: "a GUID, such as 8f5a2c1e-1234-4c3b-9a6d-0123456789ab",
        platform: Some(ChatPlatform::Teams),
    },
    Setting {
        key: "teamsChannelId",
        label: "Microsoft Teams channel ID",
        help: "In Teams, right-click the channel name and choose Copy (or Get link to channel): the ID is the part that starts with 19%3a and ends with %40thread.tacv2, still URL-encoded.",
        check: TEAMS_CHANNEL_ID,
        existing: true,
        allowed: "the channel ID as Teams copies it, such as 19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
        platform: Some(ChatPlatform::Teams),
    },
    Setting {
        key: "teamsTenantId",
        label: "Microsoft Teams tenant ID",
        help: "Your Microsoft 365 tenant's ID, shown in the Amazon Q Developer console beside the team; a GUID.",
        check: GUID,
        existing: true,
        allowed: "a GUID, such as 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        platform: Some(ChatPlatform::Teams),
    },
    Setting {
        key: "channelConfigurationName",
        label: "Channel configuration name",
        help: "The name of the Amazon Q Developer channel configuration the exports create.",
        check: CONFIG_NAME,
        existing: false,
        allowed: "letters, digits, hyphens and underscores, 1 to 128 characters",
        platform: None,
    },
];

/// The deployment settings, in form order: the common ones, then each source's.
pub static SETTINGS: LazyLock<Vec<Setting>> = LazyLock::new(|| {
    COMMON
        .iter()
        .copied()
        .chain(source_settings().map(|s| s.setting))
        .collect()
});

/// The setting named `key`.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// `get` and `set` from one list of the design file's field names and the struct's fields.
macro_rules! accessors {
    ($($key:literal => $field:ident),* $(,)?) => {
        /// The value of the field `key` (empty for a key that is not a setting).
        pub fn get<'a>(d: &'a DeploymentSettings, key: &str) -> &'a str {
            match key {
                $($key => &d.$field,)*
                _ => source_setting(key).map_or("", |s| s.value(d)),
            }
        }

        /// Sets the field `key` (nothing for a key that is not a setting).
        pub fn set(d: &mut DeploymentSettings, key: &str, value: String) {
            match key {
                $($key => d.$field = value,)*
                _ => {
                    if let Some(s) = source_setting(key) {
                        s.set(d, value)
                    }
                }
            }
        }
    };
}

accessors! {
    "region" => region,
    "accountId" => account_id,
    "snsTopicName" => sns_topic_name,
    "slackWorkspaceId" => slack_workspace_id,
    "slackChannelId" => slack_channel_id,
    "teamsTeamId" => teams_team_id,
    "teamsChannelId" => teams_channel_id,
    "teamsTenantId" => teams_tenant_id,
    "channelConfigurationName" => channel_configuration_name,
}

/// Why `value` is not accepted for `s`, naming what is; `None` when it is, or when it is empty (an
/// empty setting is asked for when the export is deployed).
pub fn problem(s: &Setting, value: &str) -> Option<String> {
    (!value.is_empty() && !s.check.accepts(value))
        .then(|| format!("{} must be {}", s.label, s.allowed))
}

/// A value still in place that only stands in for the real one: an example a preset ships, or a
/// parameter on a reserved example domain (RFC 2606).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Where it is in the design file: `deployment.slackWorkspaceId`, `deployment.parameters.greenUrl`.
    pub field: String,
    /// The form's label for it.
    pub label: String,
    pub value: String,
}

impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is \"{}\", an example value: replace it with yours ({})",
            self.label, self.value, self.field
        )
    }
}

/// Whether a value is an example: one a preset ships for the same field, or a URL or name on
/// example.com, example.net, example.org or under .example.
fn is_example(value: &str, shipped: impl Iterator<Item = String>) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    let host = v
        .split("://")
        .nth(1)
        .unwrap_or(v)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let reserved = ["example.com", "example.net", "example.org"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || host.ends_with(".example");
    reserved || shipped.into_iter().any(|s| s == v)
}

/// Every placeholder still in the design's deployment settings, in form order: the settings that
/// name something existing, and the parameters.
pub fn placeholders(design: &Design) -> Vec<Placeholder> {
    let presets: Vec<&Design> = PRESETS.iter().filter_map(|p| preset_ref(p.id)).collect();
    let d = &design.deployment;
    let mut out = Vec::new();
    for s in SETTINGS
        .iter()
        .filter(|s| s.existing && s.applies_to(d.platform))
    {
        let value = get(d, s.key);
        if is_example(
            value,
            presets
                .iter()
                .map(|p| get(&p.deployment, s.key).to_string()),
        ) {
            out.push(Placeholder {
                field: format!("deployment.{}", s.key),
                label: s.label.into(),
                value: value.into(),
            });
        }
    }
    for (name, value) in &d.parameters {
        let shipped = presets
            .iter()
            .filter_map(|p| p.deployment.parameters.get(name).cloned());
        if is_example(value, shipped) {
            out.push(Placeholder {
                field: format!("deployment.parameters.{name}"),
                label: format!("Parameter {{{{{name}}}}}"),
                value: value.clone(),
            });
        }
    }
    out
}
