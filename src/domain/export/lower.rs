//! The lowered form every emitter reads: which parts exist, the parameters with their checks and
//! defaults, names made safe for every target, the input template split around parameter
//! references, and IAM permissions derived from the buttons' commands.

use super::{Attach, ExportOptions, Scope};
use crate::domain::amazon_q::iam::command_permissions;
pub use crate::domain::base::names::{pascal, snake, unique_names};
use crate::domain::base::names::{unique, words};
use crate::domain::design::model::{ChatPlatform, DeploymentSettings, Design, RuleDesign};
pub use crate::domain::design::settings::Check;
use crate::domain::design::settings::{
    template_safe, ARN, CHANNEL_ID, CONFIG_NAME, GUID, REGION, TEAMS_CHANNEL_ID, TOPIC_NAME,
    WORKSPACE_ID,
};
use crate::domain::design::sources::{
    arn_setting, source_setting, source_settings, template_params, Pin, SourceSetting,
};
use crate::domain::eventbridge::template::generate_template;
use indexmap::IndexMap;
use serde_json::Value;

/// What a parameter stands for; emitters use it to reference pseudo-parameters or attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamRole {
    Region,
    /// A Region where the Chatbot API is offered, for the custom actions and the channel.
    ChatbotRegion,
    TopicName,
    TopicArn,
    /// The Slack workspace.
    WorkspaceId,
    /// The channel: Slack's, or Microsoft Teams' (URL-encoded).
    ChannelId,
    /// Microsoft Teams' team and tenant.
    TeamId,
    TenantId,
    ConfigName,
    ConfigArn,
    /// An event source's setting, by its key (see `sources`).
    Setting(&'static str),
    /// A design parameter (`{{name}}` in the notification text), spliced into the input template.
    Template,
}

/// Regions with a Chatbot API endpoint (AWS general reference); the first is the default when the
/// design's Region has none.
pub const CHATBOT_REGIONS: [&str; 4] = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"];

/// One variable (Terraform), parameter (CloudFormation) or setting at the top of the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub role: ParamRole,
    /// The name's words, unique among the parameters; each format cases them (`pascal`, `snake`).
    pub words: Vec<String>,
    pub description: String,
    /// The design's value when it passes the check; `None` makes the parameter required.
    pub default: Option<String>,
    pub check: Check,
}

/// A piece of the input template: literal text, or a parameter's value spliced in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Index into `Lowered::params`.
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub name: String,
    pub description: String,
    /// The words its resources' names are made of, unique among the rules: `None` for a design's
    /// only rule (its resources keep the names one-rule exports always had), the rule's name's
    /// words when the design has several (so reordering rules renames nothing).
    pub key: Option<Vec<String>>,
    pub enabled: bool,
    /// The pattern, with a marker string (see `pattern_param`) where a parameter goes.
    pub pattern: Value,
    /// The pattern as pretty JSON text, numbers written exactly as designed.
    pub pattern_json: String,
    /// `pattern_json` split around the deployment settings it names (the application and the
    /// deployment group), which become parameters: the parameter's value is spliced inside the
    /// JSON string, which its check keeps valid.
    pub pattern_pieces: Vec<Piece>,
    pub input_paths: Vec<(String, String)>,
    pub template: Vec<Piece>,
    /// The log group the rule also targets.
    pub log_group: Option<LogGroup>,
}

impl Rule {
    /// The template with every parameter replaced by `value(param index)`.
    pub fn template_with(&self, mut value: impl FnMut(usize) -> String) -> String {
        self.template
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Param(i) => value(*i),
            })
            .collect()
    }
}

/// A part of a resource ARN; each emitter renders the partition, Region, account and parameters
/// in its own way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArnPart {
    Text(String),
    Partition,
    Region,
    Account,
    Param(ParamRole),
}

/// Where a policy statement applies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// An ARN built from a resource type's format in the IAM reference.
    Arn(Vec<ArnPart>),
    Any,
    /// The stack's SNS topic.
    Topic,
    /// The log streams of the log group of a rule's matched events (`<group ARN>:*`), by the
    /// rule's key (`Rule::key`).
    LogStreams(Option<Vec<String>>),
}

/// A permission a button's command needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: String,
    pub actions: Vec<String>,
    pub resource: Target,
}

/// Who a resource policy's statement lets act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// AWS services by principal name.
    Service(Vec<&'static str>),
    /// The account the stack is deployed in (its root user), as AWS's default key policy names it.
    Account,
}

/// A condition on a statement that lets an AWS service act (AWS's guidance against the confused
/// deputy, IAM user guide): the service acts for this account, and for one of these resources.
/// Each format renders them; a condition is stated here once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `StringEquals aws:SourceAccount`: the account the stack is deployed in.
    SourceAccount,
    /// `StringEquals aws:SourceArn`: one of these ARNs (the export's rules). `StringEquals`, not
    /// `ArnEquals`: the ARNs are exact, and every evaluator the tests use reads it.
    SourceArn(Vec<Vec<ArnPart>>),
}

impl Condition {
    /// The condition's operator and key.
    pub fn test(&self) -> (&'static str, &'static str) {
        match self {
            Condition::SourceAccount => ("StringEquals", "aws:SourceAccount"),
            Condition::SourceArn(_) => ("StringEquals", "aws:SourceArn"),
        }
    }
    /// Conditions as a policy's `Condition` block holds them: each operator once, with its
    /// conditions in order.
    pub fn by_operator(cs: &[Condition]) -> Vec<(&'static str, Vec<&Condition>)> {
        let mut ops: Vec<(&'static str, Vec<&Condition>)> = Vec::new();
        for c in cs {
            let (op, _) = c.test();
            match ops.iter_mut().find(|(o, _)| *o == op) {
                Some((_, same)) => same.push(c),
                None => ops.push((op, vec![c])),
            }
        }
        ops
    }
}

/// An EventBridge rule's ARN, by its name, in the stack's partition, Region and account.
pub fn rule_arn(name: &str) -> Vec<ArnPart> {
    vec![
        ArnPart::Text("arn:".into()),
        ArnPart::Partition,
        ArnPart::Text(":events:".into()),
        ArnPart::Region,
        ArnPart::Text(":".into()),
        ArnPart::Account,
        ArnPart::Text(format!(":rule/{name}")),
    ]
}

/// One statement of a policy, as data each format renders (always `Effect: Allow`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyStatement {
    pub sid: Option<String>,
    pub principal: Option<Principal>,
    pub actions: Vec<String>,
    /// A list even with one action (the buttons' policies); otherwise one action is a scalar
    /// where the format has both.
    pub listed: bool,
    /// `None` in a trust policy.
    pub resource: Option<Target>,
    /// All must hold (empty: none).
    pub conditions: Vec<Condition>,
}

impl PolicyStatement {
    fn new(sid: &str, principal: Option<Principal>, actions: &[&str], resource: Target) -> Self {
        Self {
            sid: Some(sid.to_string()),
            principal,
            actions: actions.iter().map(|a| a.to_string()).collect(),
            listed: false,
            resource: Some(resource),
            conditions: Vec::new(),
        }
    }
    fn when(mut self, conditions: Vec<Condition>) -> Self {
        self.conditions = conditions;
        self
    }
}

/// How the exported channel configuration lists the custom actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelActions {
    /// The actions of this export.
    Exported,
    /// Actions deployed elsewhere, by name (may be none).
    ByName(Vec<String>),
}

/// The Slack channel configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// Slack or Microsoft Teams.
    pub platform: ChatPlatform,
    /// The guardrail policy of this export is attached (else AWS applies AdministratorAccess).
    pub guardrail: bool,
    pub actions: ChannelActions,
}

/// One resource of the stack, with its policies as data. Each format renders every kind (matching
/// exhaustively, so a new kind lists what each format still owes) in its own order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The customer managed key that encrypts the topic, with its key policy.
    TopicKey {
        policy: Vec<PolicyStatement>,
    },
    /// The SNS topic, encrypted with the `TopicKey` when there is one.
    Topic {
        encrypted: bool,
    },
    /// The topic's policy: EventBridge may publish.
    TopicPolicy {
        policy: Vec<PolicyStatement>,
    },
    /// The EventBridge rule with its targets: the topic (with the input transformer) and the log
    /// group of matched events when there is one.
    Rule(Rule),
    /// The log group of matched events with its resource policy.
    LogGroup(LogGroup),
    /// The role channel members' commands run with: its trust policy and the buttons' permissions.
    ChannelRole {
        trust: Vec<PolicyStatement>,
        permissions: Vec<PolicyStatement>,
    },
    /// The guardrail: the most any command run from the channel may do (the buttons' permissions).
    Guardrail {
        policy: Vec<PolicyStatement>,
    },
    CustomAction(Action),
    /// Custom action `action` (an index into the actions) associated with an existing channel
    /// configuration (the `ConfigArn` parameter).
    Association {
        action: usize,
    },
    ChannelConfiguration(Channel),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub operator: String,
    pub variable: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Its place among the design's buttons.
    pub index: usize,
    pub name: String,
    /// The words formats name its resource with (not unique: see `unique_names`).
    pub words: Vec<String>,
    pub alias: Option<String>,
    pub button_text: String,
    pub notification_type: String,
    pub criteria: Vec<Criterion>,
    pub variables: Vec<(String, String)>,
    pub command: String,
}

/// The CloudWatch Logs log group the rule also sends its matched events to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogGroup {
    /// `/aws/events/<rule name>`.
    pub name: String,
    /// Its rule's key (`Rule::key`): the group's resources are named with it.
    pub key: Option<Vec<String>>,
    /// The name of its CloudWatch Logs resource policy.
    pub policy_name: String,
    pub policy: Vec<PolicyStatement>,
    pub retention_days: u32,
}

/// The design lowered for emitters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowered {
    pub design_name: String,
    pub params: Vec<Param>,
    /// The stack, in dependency order.
    pub resources: Vec<Resource>,
    /// The buttons' permissions (empty when the export has no channel role).
    pub permissions: Vec<Statement>,
    /// Every button's action name, also when the actions are not part of the export.
    pub action_names: Vec<String>,
    /// Each rule's name and the SNS message it renders from a built-in sample event (for the test
    /// publish), in design order, whatever the scope.
    pub sample_messages: Vec<(String, Option<String>)>,
    /// The events `verify-pattern.sh` asks EventBridge about, with the caller's predictions.
    pub pattern_checks: Vec<super::PatternCheck>,
    pub notes: Vec<String>,
}

impl Lowered {
    pub fn param(&self, role: ParamRole) -> Option<&Param> {
        self.params.iter().find(|p| p.role == role)
    }
    pub fn has_param(&self, role: ParamRole) -> bool {
        self.param(role).is_some()
    }
    /// The stack has a resource `f` accepts.
    pub fn has(&self, f: impl Fn(&Resource) -> bool) -> bool {
        self.resources.iter().any(f)
    }
    /// The export creates the SNS topic (else it targets an existing one, the `TopicArn` parameter).
    pub fn creates_topic(&self) -> bool {
        self.has(|r| matches!(r, Resource::Topic { .. }))
    }
    /// The rules the export creates, in design order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.resources.iter().filter_map(|r| match r {
            Resource::Rule(rule) => Some(rule),
            _ => None,
        })
    }
    pub fn channel(&self) -> Option<&Channel> {
        self.resources.iter().find_map(|r| match r {
            Resource::ChannelConfiguration(c) => Some(c),
            _ => None,
        })
    }
    /// The custom actions the export creates.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.resources.iter().filter_map(|r| match r {
            Resource::CustomAction(a) => Some(a),
            _ => None,
        })
    }
    /// Each exported action's name in a format's style (`case` of its words), made unique,
    /// indexed by `Action::index`.
    pub fn action_names(&self, case: impl Fn(&Action) -> String) -> Vec<String> {
        unique_names(self.actions().map(case))
    }
    /// The actions are associated with an existing channel configuration.
    pub fn associates_existing(&self) -> bool {
        self.has(|r| matches!(r, Resource::Association { .. }))
    }
    /// Actions granted on `"*"` although the IAM reference lists a resource type for them (the
    /// design does not name their resource), sorted.
    pub fn unscoped_actions(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .permissions
            .iter()
            .filter(|s| s.resource == Target::Any)
            .flat_map(|s| s.actions.iter())
            .filter(|a| {
                crate::domain::amazon_q::iam::action(a)
                    .is_some_and(|i| !i.resource_types.is_empty())
            })
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }
    /// Why a policy with `"*"` resources is what it is, for linters' inline suppressions
    /// (checkov's CKV_AWS_356); `None` when every action is scoped as far as the reference allows.
    pub fn star_resource_reason(&self) -> Option<String> {
        if self.permissions.is_empty() {
            return Some("AWS's notifications-only policy for chat channels: CloudWatch reads on every alarm".into());
        }
        let unscoped = self.unscoped_actions();
        (!unscoped.is_empty()).then(|| {
            format!(
                "{} act on resources the design does not name; narrow them to your resources",
                unscoped.join(" ")
            )
        })
    }
    /// Every permission's actions, sorted, for guardrails and summaries.
    pub fn all_actions(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .permissions
            .iter()
            .flat_map(|s| s.actions.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The ARN of a resource type: the parts a source setting fills come from the deployment settings
/// (a parameter); partition, Region and account from where the export is deployed; any other part
/// (a stage, an event type code) names what the event names, so it is `*`: the statement is as
/// narrow as the reference's ARN format and the design's settings allow. With whether a setting
/// names part of it (else it covers every resource of the type); `None` for a malformed format.
fn arn_parts(format: &str) -> Option<(Vec<ArnPart>, bool)> {
    let (mut named, mut unknown) = (false, false);
    let mut parts = Vec::new();
    let mut rest = format;
    while let Some(i) = rest.find("${") {
        if i > 0 {
            parts.push(ArnPart::Text(rest[..i].to_string()));
        }
        let after = &rest[i + 2..];
        let end = after.find('}')?;
        parts.push(match &after[..end] {
            "Partition" => ArnPart::Partition,
            "Region" => ArnPart::Region,
            "Account" => ArnPart::Account,
            name => match arn_setting(name) {
                Some(s) => {
                    named = true;
                    ArnPart::Param(ParamRole::Setting(s.key()))
                }
                None => {
                    unknown = true;
                    ArnPart::Text("*".into())
                }
            },
        });
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(ArnPart::Text(rest.to_string()));
    }
    Some((parts, named || !unknown))
}

/// The permissions the buttons' commands need, from the IAM table: an action without a resource
/// type gets `"*"`; one with a single resource type whose ARN the settings define gets that ARN;
/// any other gets `"*"` with a note. A command the table cannot map gets no permission (and a note;
/// `validate` reports it as an error).
fn derive_permissions(design: &Design, notes: &mut Vec<String>) -> Vec<Statement> {
    let mut by_resource: std::collections::BTreeMap<Target, (String, Vec<String>)> =
        std::collections::BTreeMap::new();
    let mut unscoped: Vec<String> = Vec::new();
    // A setting scopes the buttons' ARNs when every rule pins it: a button may appear on any
    // rule's message.
    let mut each = design.rules.iter().map(|r| {
        let params = template_params(&design.deployment);
        pinned_settings(&r.event_pattern_with(&params), &design.deployment)
    });
    let mut pinned = each.next().unwrap_or_default();
    for also in each {
        pinned.retain(|r| also.contains(r));
    }
    let mut widened: Vec<ParamRole> = Vec::new();
    for a in &design.actions {
        let perms = match command_permissions(&a.command) {
            Ok(p) => p,
            Err(why) => {
                notes.push(format!(
                    "no permission generated for button {}: {why}",
                    a.name
                ));
                continue;
            }
        };
        for info in perms.actions {
            // Each resource type the reference lists for the action: one statement per ARN, so
            // an action on several types (Security Hub's hub and hubv2) is allowed on each.
            let typed = &info.resource_types;
            let arns: Option<Vec<(Target, String)>> = typed
                .iter()
                .map(|t| {
                    let (parts, named) = arn_parts(t.arn)?;
                    if !named {
                        unscoped.push(format!("{} ({})", info.action, t.name));
                    }
                    Some((
                        Target::Arn(widen_unpinned(parts, &pinned, &mut widened)),
                        format!("ButtonCommandsOn{}", pascal(&words(t.name))),
                    ))
                })
                .collect();
            let targets = match arns {
                Some(list) if !list.is_empty() => list,
                Some(_) => vec![(Target::Any, "ButtonCommands".to_string())],
                None => {
                    let names: Vec<&str> = typed.iter().map(|t| t.name).collect();
                    unscoped.push(format!("{} ({})", info.action, names.join(" or ")));
                    vec![(Target::Any, "ButtonCommands".to_string())]
                }
            };
            for (resource, sid) in targets {
                let entry = by_resource
                    .entry(resource)
                    .or_insert_with(|| (sid, Vec::new()));
                if !entry.1.contains(&info.action) {
                    entry.1.push(info.action.clone());
                }
            }
        }
    }
    for setting in source_settings().filter(|s| widened.contains(&ParamRole::Setting(s.key()))) {
        let (field, key) = (setting.noun, setting.pin.describe());
        let value = setting.value(&design.deployment);
        let exactly = match setting.pin {
            Pin::Detail(_) => format!("[\"{value}\"]"),
            Pin::Resource(format) => format!("one ARN of the form {format} naming '{value}'"),
        };
        notes.push(format!(
            "the buttons' permissions cover every {field} (\"*\" in their ARNs): the event pattern matches events of other {field}s than '{value}', and a button acts on the one its event names; to scope them to '{value}', make the pattern's {key} exactly {exactly}"
        ));
    }
    unscoped.sort();
    unscoped.dedup();
    // The actions that give more than a button shows, named with why, whatever their scope.
    let mut escalating: Vec<String> = design
        .actions
        .iter()
        .filter_map(|a| Some((a, command_permissions(&a.command).ok()?)))
        .flat_map(|(a, p)| {
            p.actions.into_iter().filter_map(|info| {
                crate::domain::amazon_q::iam::escalation(&info.action, &a.command)
                    .map(|why| format!("{} ({why})", info.action))
            })
        })
        .collect();
    escalating.sort();
    escalating.dedup();
    if !escalating.is_empty() {
        notes.push(format!(
            "the channel role and guardrail grant actions that give more than a button shows: {}; anyone who may press the button can do that, so limit who may use the channel",
            escalating.join("; ")
        ));
    }
    if !unscoped.is_empty() {
        notes.push(format!(
            "{} granted on every resource of its type (\"*\" in the ARN, or Resource \"*\"): the design's settings do not name the resource each acts on; narrow them to your resources' ARNs",
            unscoped.join(", ")
        ));
    }
    by_resource
        .into_iter()
        .map(|(resource, (sid, mut actions))| {
            actions.sort();
            Statement {
                sid,
                actions,
                resource,
            }
        })
        .collect()
}

struct ParamBuilder<'a> {
    params: Vec<Param>,
    notes: &'a mut Vec<String>,
    /// Each design parameter spliced into a template (by its index): its `Template` parameter,
    /// or `None` when its value is written in. One per design parameter, whichever rules use it.
    spliced: IndexMap<usize, Option<usize>>,
    /// The names of the `Template` parameters made so far.
    spliced_names: Vec<String>,
}

impl ParamBuilder<'_> {
    fn add(
        &mut self,
        role: ParamRole,
        words_: &[&str],
        description: &str,
        value: &str,
        field: &str,
        check: Check,
    ) -> usize {
        let w: Vec<String> = words_.iter().map(|s| s.to_string()).collect();
        let default = if value.is_empty() {
            if role == ParamRole::Template {
                self.notes.push(format!(
                    "{description} has no value in the design: the export asks for {} when it is deployed",
                    snake(&w)
                ));
            } else if !field.is_empty() {
                self.notes.push(format!(
                    "{field} is empty in the design: the export asks for {} when it is deployed",
                    snake(&w)
                ));
            }
            None
        } else if check.accepts(value) {
            Some(value.to_string())
        } else {
            self.notes.push(format!(
                "{field} '{value}' {} so it is not used as the default: the export asks for it",
                check.describe()
            ));
            None
        };
        self.params.push(Param {
            role,
            words: w,
            description: description.to_string(),
            default,
            check,
        });
        self.params.len() - 1
    }
}

/// checkov's reason for a log group of matched events without a customer managed key.
pub const UNENCRYPTED_LOG_GROUP: &str = "CloudWatch Logs encrypts every log group at rest; these are the events the rule matches, and a customer managed key would need a key policy for logs.amazonaws.com as well";
/// The statement id of the log group's resource policy.
pub const LOG_POLICY_SID: &str = "EventBridgeWritesMatchedEvents";

/// Why an unencrypted topic is exported (checkov's CKV_AWS_26 suppression).
pub const UNENCRYPTED_TOPIC: &str =
    "the export option encryption none was chosen; choose kms for a customer managed key";

/// Private-use characters mark where a parameter is spliced into the generated template.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// The next parameter marker in `rest`: where it starts, the index it carries and the text after it.
fn next_marker(rest: &str) -> Option<(usize, usize, &str)> {
    let start = rest.find(MARK_OPEN)?;
    let after = &rest[start + MARK_OPEN.len_utf8()..];
    let end = after.find(MARK_CLOSE)?;
    let i = after[..end].parse::<usize>().ok()?;
    Some((start, i, &after[end + MARK_CLOSE.len_utf8()..]))
}

/// Generates the template with design parameters as markers, then splits it into pieces. Parameters
/// whose value cannot be spliced safely are written in literally (noted).
fn lower_template(design: &Design, rule: &RuleDesign, b: &mut ParamBuilder) -> Vec<Piece> {
    if let Some(t) = &rule.input_template_override {
        return vec![Piece::Text(t.clone())];
    }
    let params = &*template_params(&design.deployment);
    let (plain, _) = generate_template(&rule.notification, params);
    if plain.contains(MARK_OPEN) || plain.contains(MARK_CLOSE) {
        return vec![Piece::Text(plain)];
    }
    // Which parameters the template uses: generate with markers.
    let keys: Vec<&String> = params.keys().collect();
    let marked: IndexMap<String, String> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| ((*k).clone(), format!("{MARK_OPEN}{i}{MARK_CLOSE}")))
        .collect();
    let (text, _) = generate_template(&rule.notification, &marked);
    let mut pieces = Vec::new();
    let mut rest = text.as_str();
    while let Some((start, i, next)) = next_marker(rest) {
        // A `$` right before a spliced value would read as an escape in HCL and Fn::Sub
        // (`$${…}`): such an occurrence gets the value written in.
        // The text so far ends where the last non-empty piece ends (a value written in may be
        // empty, as `{{a}}` is in `${{a}}{{b}}`).
        let after_dollar = if start > 0 {
            rest[..start].ends_with('$')
        } else {
            let last = pieces
                .iter()
                .rev()
                .find(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
            matches!(last, Some(Piece::Text(t)) if t.ends_with('$'))
        };
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_string()));
        }
        let key = keys[i];
        let value = &params[key];
        let setting =
            source_setting(key).filter(|_| !design.deployment.parameters.contains_key(key));
        let slot = if after_dollar {
            None
        } else if let Some(setting) = setting {
            // A source setting named in the notification is the setting's own parameter.
            let role = ParamRole::Setting(setting.key());
            match b.params.iter().position(|p| p.role == role) {
                Some(p) => b.params[p].default.is_some().then_some(p),
                None if setting.setting.check.accepts(value) && template_safe(value) => {
                    Some(b.add(
                        role,
                        setting.words,
                        &format!("{} the notification names", setting.what),
                        value,
                        &format!("deployment.{key}"),
                        setting.setting.check,
                    ))
                }
                None => None,
            }
        } else {
            if let Some(&slot) = b.spliced.get(&i) {
                slot
            } else {
                let slot = {
                    if template_safe(value) {
                        let w = words(key);
                        let base = if w.is_empty() {
                            vec!["param".to_string(), i.to_string()]
                        } else {
                            std::iter::once("param".to_string()).chain(w).collect()
                        };
                        let name = unique(pascal(&base), &mut b.spliced_names);
                        let name_words = words(&name);
                        let refs: Vec<&str> = name_words.iter().map(String::as_str).collect();
                        Some(b.add(
                            ParamRole::Template,
                            &refs,
                            &format!(
                                "Notification parameter {key} (spliced into the input template)"
                            ),
                            value,
                            "",
                            Check::TemplateSafe,
                        ))
                    } else {
                        b.notes.push(format!(
                    "notification parameter {key} contains characters that cannot be spliced into the template at deploy time, so its value is written into the template"
                ));
                        None
                    }
                };
                b.spliced.insert(i, slot);
                slot
            }
        };
        match slot {
            Some(p) => pieces.push(Piece::Param(p)),
            None => {
                let quoted = serde_json::to_string(value).unwrap_or_default();
                pieces.push(Piece::Text(quoted[1..quoted.len() - 1].to_string()));
            }
        }
        rest = next;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    // Merge adjacent text pieces.
    let mut merged: Vec<Piece> = Vec::new();
    for p in pieces {
        match (merged.last_mut(), p) {
            (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
            (_, p) => merged.push(p),
        }
    }
    merged
}

/// The setting's value when it is well formed; empty otherwise (an empty or malformed setting names
/// nothing: the pattern keeps what it says, and no permission is scoped to it).
fn setting_value<'a>(d: &'a DeploymentSettings, s: &SourceSetting) -> &'a str {
    let value = s.value(d);
    if s.setting.check.accepts(value) {
        value
    } else {
        ""
    }
}

/// The list of values at `path` from the pattern's top, if there is one (a lone value counts as a
/// list of one).
fn values_at<'a>(pattern: &'a mut Value, path: &[&str]) -> Vec<&'a mut Value> {
    let mut at = pattern;
    for key in path {
        match at.get_mut(*key) {
            Some(v) => at = v,
            None => return Vec::new(),
        }
    }
    match at {
        Value::Array(items) => items.iter_mut().collect(),
        other => vec![other],
    }
}

/// Visits each string of the pattern that names a deployment setting where its source's row says
/// (`Pin`): `f` gets the setting's role, the string and the span of the setting's value in it.
fn visit_setting_leaves(
    pattern: &mut Value,
    d: &DeploymentSettings,
    f: &mut impl FnMut(ParamRole, &mut Value, std::ops::Range<usize>),
) {
    for setting in source_settings() {
        let value = setting_value(d, setting);
        if value.is_empty() {
            continue;
        }
        let role = ParamRole::Setting(setting.key());
        for leaf in values_at(pattern, &setting.pin.path()) {
            let span = leaf
                .as_str()
                .and_then(|text| setting.pin.span(setting.arn_variable, text))
                .filter(|span| leaf.as_str().and_then(|t| t.get(span.clone())) == Some(value));
            if let Some(span) = span {
                f(role, leaf, span);
            }
        }
    }
}

/// The deployment settings every event the pattern matches is sure to carry: the pattern's list
/// at the setting's place (outside any `$or`) holds exactly one string, which names the setting.
/// A button's variables come from its event, so only then may a permission be scoped to that
/// setting's resource.
fn pinned_settings(pattern: &Value, d: &DeploymentSettings) -> Vec<ParamRole> {
    source_settings()
        .filter(|setting| {
            let value = setting_value(d, setting);
            let path = setting.pin.path();
            let mut at = pattern;
            for key in &path {
                match at.get(*key) {
                    Some(v) => at = v,
                    None => return false,
                }
            }
            match at {
                Value::Array(items) if items.len() == 1 && !value.is_empty() => items[0]
                    .as_str()
                    .and_then(|t| Some(t.get(setting.pin.span(setting.arn_variable, t)?)? == value))
                    .unwrap_or(false),
                _ => false,
            }
        })
        .map(|setting| ParamRole::Setting(setting.key()))
        .collect()
}

/// An ARN with each deployment setting the pattern does not pin replaced by `*`, recording which
/// were replaced.
fn widen_unpinned(
    parts: Vec<ArnPart>,
    pinned: &[ParamRole],
    widened: &mut Vec<ParamRole>,
) -> Vec<ArnPart> {
    parts
        .into_iter()
        .map(|part| match part {
            ArnPart::Param(role) if !pinned.contains(&role) => {
                if !widened.contains(&role) {
                    widened.push(role);
                }
                ArnPart::Text("*".into())
            }
            other => other,
        })
        .collect()
}

/// Which deployment settings the pattern names.
fn pattern_settings(pattern: &Value, d: &DeploymentSettings) -> Vec<ParamRole> {
    let mut copy = pattern.clone();
    let mut roles = Vec::new();
    visit_setting_leaves(&mut copy, d, &mut |role, _, _| {
        if !roles.contains(&role) {
            roles.push(role);
        }
    });
    roles
}

/// The pattern's JSON text split around the settings it names. A setting whose value fails its
/// check (so has no default) stays written in, as does everything when the pattern itself holds a
/// marker character.
fn lower_pattern(pattern: &Value, d: &DeploymentSettings, params: &[Param]) -> (Value, Vec<Piece>) {
    let text = serde_json::to_string_pretty(pattern).unwrap_or_default();
    if text.contains(MARK_OPEN) || text.contains(MARK_CLOSE) {
        return (pattern.clone(), vec![Piece::Text(text)]);
    }
    let mut marked = pattern.clone();
    visit_setting_leaves(&mut marked, d, &mut |role, leaf, span| {
        let Some(text) = leaf.as_str() else {
            return;
        };
        if let Some(i) = params
            .iter()
            .position(|p| p.role == role && p.default.as_deref() == text.get(span.clone()))
        {
            *leaf = Value::String(format!(
                "{}{MARK_OPEN}{i}{MARK_CLOSE}{}",
                &text[..span.start],
                &text[span.end..]
            ));
        }
    });
    let text = serde_json::to_string_pretty(&marked).unwrap_or_default();
    let mut pieces = Vec::new();
    let mut rest = text.as_str();
    while let Some((start, i, next)) = next_marker(rest) {
        pieces.push(Piece::Text(rest[..start].to_string()));
        pieces.push(Piece::Param(i));
        rest = next;
    }
    pieces.push(Piece::Text(rest.to_string()));
    (marked, pieces)
}

/// A string of `Rule::pattern` split around the parameters spliced into it (a resource ARN that
/// names a cluster and a service holds two).
pub fn string_pieces(s: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some((start, i, next)) = next_marker(rest) {
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_string()));
        }
        pieces.push(Piece::Param(i));
        rest = next;
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    pieces
}

/// The parameter a string of `Rule::pattern` stands for, if it is a marker.
pub fn pattern_param(s: &str) -> Option<usize> {
    match next_marker(s)? {
        (0, i, "") => Some(i),
        _ => None,
    }
}

fn lower_actions(design: &Design) -> Vec<Action> {
    design
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut w = words(&a.name);
            if w.is_empty() {
                w = vec!["button".into(), (i + 1).to_string()];
            } else if w[0].starts_with(|c: char| c.is_ascii_digit()) {
                // `1ab` is an action name, not an identifier: Terraform labels, shell and
                // programming-language names may not start with a digit.
                w.insert(0, "button".into());
            }
            Action {
                index: i,
                name: a.name.clone(),
                words: w,
                alias: a.alias.clone().filter(|s| !s.is_empty()),
                button_text: a.button_text.clone(),
                notification_type: a.notification_type.clone(),
                criteria: a
                    .criteria
                    .iter()
                    .map(|c| Criterion {
                        operator: c.operator.as_str().to_string(),
                        variable: c.variable.clone(),
                        value: c.value.clone(),
                    })
                    .collect(),
                variables: a
                    .variables
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                command: a.command.clone(),
            }
        })
        .collect()
}

/// How long the log group of matched events keeps them (a year, so a replay can look back that far).
pub const LOG_RETENTION_DAYS: u32 = 365;

/// Lowers a design for the chosen options.
/// `sample_messages` holds each rule's rendered sample message (for the test publish), by rule.
pub fn lower(
    design: &Design,
    options: &ExportOptions,
    sample_messages: &[Option<String>],
) -> Lowered {
    let mut notes = Vec::new();
    let w = Wanted::from(options, &mut notes);
    let permissions = if w.channel {
        derive_permissions(design, &mut notes)
    } else {
        Vec::new()
    };
    let mut b = ParamBuilder {
        params: Vec::new(),
        notes: &mut notes,
        spliced: IndexMap::new(),
        spliced_names: Vec::new(),
    };
    deployment_params(&mut b, design, &w);
    source_params(&mut b, design, &permissions, w.rule);
    let keys = rule_keys(design);
    let rules = if w.rule {
        (design.rules.iter().zip(keys))
            .map(|(r, key)| {
                let mut rule = lower_rule(design, r, options, &mut b);
                rule.log_group = rule.log_group.map(|_| log_group(&r.name, key.clone()));
                rule.key = key;
                rule
            })
            .collect()
    } else {
        Vec::new()
    };
    let params = b.params;
    let actions = if w.actions {
        lower_actions(design)
    } else {
        Vec::new()
    };
    if options.scope == Scope::Actions && actions.is_empty() {
        notes.push("the design has no buttons, so there is nothing to export in this scope".into());
    }
    if w.channel && options.guardrail && permissions.is_empty() {
        notes.push("no button command yields a permission, so the guardrail allows only CloudWatch reads (as AWS's notifications-only policy)".into());
    }
    if w.channel && !options.guardrail {
        notes.push("no guardrail: AWS applies AdministratorAccess as the channel's guardrail, so the role alone limits what members can run".into());
    }
    let parts = Parts {
        topic: w.topic,
        rules,
        actions,
        channel: w.channel.then(|| Channel {
            platform: design.deployment.platform,
            guardrail: options.guardrail,
            actions: if options.scope == Scope::Full {
                ChannelActions::Exported
            } else {
                ChannelActions::ByName(design.actions.iter().map(|a| a.name.clone()).collect())
            },
        }),
        encrypted: w.topic && options.encryption,
        associate_existing: w.existing && !w.channel && options.scope != Scope::Rule,
    };
    Lowered {
        design_name: design.name.clone(),
        params,
        resources: stack(parts, &permissions),
        permissions,
        action_names: design.actions.iter().map(|a| a.name.clone()).collect(),
        sample_messages: design
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.clone(), sample_messages.get(i).cloned().flatten()))
            .collect(),
        pattern_checks: Vec::new(),
        notes,
    }
}

/// Which parts the options ask for.
struct Wanted {
    topic: bool,
    rule: bool,
    actions: bool,
    channel: bool,
    /// The actions attach to an existing channel configuration.
    existing: bool,
}

impl Wanted {
    /// The parts of `options`' scope, noting what the person must know of each scope.
    fn from(options: &ExportOptions, notes: &mut Vec<String>) -> Self {
        let existing = options.attach == Attach::ExistingConfiguration;
        let (topic, rule, actions, channel) = match options.scope {
            Scope::Full => (true, true, true, !existing),
            Scope::Actions => (false, false, true, false),
            Scope::Rule => (false, true, false, false),
            Scope::Channel => (false, false, false, true),
        };
        if options.scope == Scope::Full && existing {
            notes.push("the channel configuration is not exported: the buttons are associated with the existing one, whose role and guardrails must allow the buttons' commands".into());
        }
        if options.scope == Scope::Channel {
            notes.push("the channel configuration lists the custom actions by ARN, built from their names: deploy the actions with the same names".into());
        }
        if options.scope == Scope::Rule {
            notes.push("the topic must allow events.amazonaws.com to sns:Publish".into());
        }
        Self {
            topic,
            rule,
            actions,
            channel,
            existing,
        }
    }
}

/// The Region, topic and channel parameters the parts need.
fn deployment_params(b: &mut ParamBuilder, design: &Design, w: &Wanted) {
    let d = &design.deployment;
    b.add(
        ParamRole::Region,
        &["region"],
        "AWS Region of the deployments, the rule and the topic",
        &d.region,
        "deployment.region",
        REGION,
    );
    if w.actions || w.channel {
        let chatbot_region = if CHATBOT_REGIONS.contains(&d.region.as_str()) {
            d.region.as_str()
        } else {
            CHATBOT_REGIONS[0]
        };
        b.add(
            ParamRole::ChatbotRegion,
            &["chatbot", "region"],
            "Region for the Amazon Q Developer (Chatbot) API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1",
            chatbot_region,
            "",
            REGION,
        );
    }
    if w.topic {
        b.add(
            ParamRole::TopicName,
            &["sns", "topic", "name"],
            "Name of the SNS topic the rule publishes to and the channel subscribes to",
            &d.sns_topic_name,
            "deployment.snsTopicName",
            TOPIC_NAME,
        );
    } else if w.rule || w.channel {
        b.add(
            ParamRole::TopicArn,
            &["sns", "topic", "arn"],
            "ARN of the existing SNS topic",
            "",
            "",
            ARN,
        );
    }
    if w.channel {
        channel_params(b, d);
    }
    if w.actions && w.existing && !design.actions.is_empty() {
        b.add(
            ParamRole::ConfigArn,
            &["channel", "configuration", "arn"],
            "ARN of the existing channel configuration the buttons are associated with",
            "",
            "",
            ARN,
        );
    }
}

fn channel_params(b: &mut ParamBuilder, d: &DeploymentSettings) {
    match d.platform {
        ChatPlatform::Slack => {
            b.add(
                ParamRole::WorkspaceId,
                &["slack", "workspace", "id"],
                "Slack workspace (team) id, already authorized in the Amazon Q Developer console",
                &d.slack_workspace_id,
                "deployment.slackWorkspaceId",
                WORKSPACE_ID,
            );
            b.add(
                ParamRole::ChannelId,
                &["slack", "channel", "id"],
                "Slack channel id (the end of the channel's copied link)",
                &d.slack_channel_id,
                "deployment.slackChannelId",
                CHANNEL_ID,
            );
        }
        ChatPlatform::Teams => {
            b.add(
                ParamRole::TeamId,
                &["teams", "team", "id"],
                "Microsoft Teams team id (a GUID), already authorized in the Amazon Q Developer console",
                &d.teams_team_id,
                "deployment.teamsTeamId",
                GUID,
            );
            b.add(
                ParamRole::ChannelId,
                &["teams", "channel", "id"],
                "Microsoft Teams channel id, URL-encoded as Teams copies it (19%3a...%40thread.tacv2)",
                &d.teams_channel_id,
                "deployment.teamsChannelId",
                TEAMS_CHANNEL_ID,
            );
            b.add(
                ParamRole::TenantId,
                &["teams", "tenant", "id"],
                "Microsoft Teams tenant id (a GUID), shown in the Amazon Q Developer console",
                &d.teams_tenant_id,
                "deployment.teamsTenantId",
                GUID,
            );
        }
    }
    b.add(
        ParamRole::ConfigName,
        &["channel", "configuration", "name"],
        match d.platform {
            ChatPlatform::Slack => "Name of the Slack channel configuration",
            ChatPlatform::Teams => "Name of the Microsoft Teams channel configuration",
        },
        &d.channel_configuration_name,
        "deployment.channelConfigurationName",
        CONFIG_NAME,
    );
}

/// A parameter for each source setting the rule's pattern names or a permission's ARN uses.
fn source_params(b: &mut ParamBuilder, design: &Design, permissions: &[Statement], rule: bool) {
    let d = &design.deployment;
    let uses = |role: ParamRole| {
        permissions.iter().any(|s| match &s.resource {
            Target::Arn(parts) => parts.contains(&ArnPart::Param(role)),
            _ => false,
        })
    };
    let mut in_pattern = Vec::new();
    for r in design.rules.iter().filter(|_| rule) {
        for role in pattern_settings(&r.event_pattern_with(&template_params(d)), d) {
            if !in_pattern.contains(&role) {
                in_pattern.push(role);
            }
        }
    }
    for setting in source_settings() {
        let role = ParamRole::Setting(setting.key());
        let (what, value) = (setting.what, setting.value(d));
        let field = format!("deployment.{}", setting.key());
        let check = setting.setting.check;
        let events = setting.events;
        let description = match (in_pattern.contains(&role), uses(role)) {
            (true, true) => {
                format!("{what} whose {events} the rule matches and the buttons act on")
            }
            (true, false) => format!("{what} whose {events} the rule matches"),
            (false, true) => format!("{what} the buttons act on"),
            (false, false) => {
                if !value.is_empty() && !check.accepts(value) {
                    b.notes.push(format!(
                        "{field} '{value}' {}, so the export does not use it: the rule's pattern keeps what it says, and no permission names a {what}",
                        check.describe()
                    ));
                }
                continue;
            }
        };
        b.add(role, setting.words, &description, value, &field, check);
    }
}

/// The words each rule's resources are named with: none for a design's only rule, else each
/// rule's name's words, made unique.
fn rule_keys(design: &Design) -> Vec<Option<Vec<String>>> {
    if design.rules.len() == 1 {
        return vec![None];
    }
    // Unique as words: `a-b` and `a_b` are two rule names but one identifier in every format.
    let mut taken = Vec::new();
    design
        .rules
        .iter()
        .map(|r| {
            let w = words(&r.name);
            let base = if w.is_empty() {
                "rule".into()
            } else {
                w.join("-")
            };
            Some(words(&unique(base, &mut taken)))
        })
        .collect()
}

/// A rule: its pattern and template split around the parameters, its input paths and targets.
fn lower_rule(
    design: &Design,
    r: &RuleDesign,
    options: &ExportOptions,
    b: &mut ParamBuilder,
) -> Rule {
    let template = lower_template(design, r, b);
    let params = template_params(&design.deployment);
    let plain = &*r.event_pattern_with(&params);
    let (pattern, pattern_pieces) = lower_pattern(plain, &design.deployment, &b.params);
    Rule {
        name: r.name.clone(),
        description: r.description.clone(),
        key: None,
        enabled: r.enabled,
        pattern_json: serde_json::to_string_pretty(plain).unwrap_or_default(),
        pattern,
        pattern_pieces,
        input_paths: r
            .input_paths
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        template,
        log_group: options.log_events.then(|| log_group(&r.name, None)),
    }
}

/// What the options put in the stack, before it is laid out as resources.
struct Parts {
    topic: bool,
    encrypted: bool,
    rules: Vec<Rule>,
    actions: Vec<Action>,
    associate_existing: bool,
    channel: Option<Channel>,
}

/// The log group of the rule's matched events, with the policy that lets EventBridge write to it;
/// its resources are named with `key` (the rule's).
fn log_group(rule_name: &str, key: Option<Vec<String>>) -> LogGroup {
    LogGroup {
        name: format!("/aws/events/{rule_name}"),
        key: key.clone(),
        policy_name: format!("{rule_name}-events"),
        policy: vec![PolicyStatement {
            listed: true,
            ..PolicyStatement::new(
                LOG_POLICY_SID,
                Some(Principal::Service(vec![
                    "events.amazonaws.com",
                    "delivery.logs.amazonaws.com",
                ])),
                &["logs:CreateLogStream", "logs:PutLogEvents"],
                Target::LogStreams(key),
            )
        }],
        retention_days: LOG_RETENTION_DAYS,
    }
}

/// The buttons' permissions as a policy; with none, AWS's notifications-only policy for chat
/// channels (CloudWatch reads).
fn button_policy(permissions: &[Statement]) -> Vec<PolicyStatement> {
    let statement = |sid: &str, actions: Vec<String>, resource: Target| PolicyStatement {
        sid: Some(sid.to_string()),
        principal: None,
        actions,
        listed: true,
        resource: Some(resource),
        conditions: Vec::new(),
    };
    if permissions.is_empty() {
        let reads = [
            "cloudwatch:Describe*",
            "cloudwatch:Get*",
            "cloudwatch:List*",
        ];
        return vec![statement(
            "NotificationsOnly",
            reads.iter().map(|a| a.to_string()).collect(),
            Target::Any,
        )];
    }
    permissions
        .iter()
        .map(|p| statement(&p.sid, p.actions.clone(), p.resource.clone()))
        .collect()
}

/// The stack as resources, in dependency order.
fn stack(p: Parts, permissions: &[Statement]) -> Vec<Resource> {
    let events = || Some(Principal::Service(vec!["events.amazonaws.com"]));
    // EventBridge publishes for this account's rules only: the topic policy names the export's
    // rules (by name, so no resource depends on another in a cycle: the rule targets the topic,
    // the topic is encrypted with the key). The key policy names the account: whether KMS sees
    // the rule's ARN when SNS uses the key for EventBridge is not documented.
    let from_rules: Vec<Vec<ArnPart>> = p.rules.iter().map(|r| rule_arn(&r.name)).collect();
    let mut topic_conditions = vec![Condition::SourceAccount];
    if !from_rules.is_empty() {
        topic_conditions.push(Condition::SourceArn(from_rules));
    }
    let mut out = Vec::new();
    if p.encrypted {
        out.push(Resource::TopicKey {
            policy: vec![
                PolicyStatement::new(
                    "AccountAdministersTheKey",
                    Some(Principal::Account),
                    &["kms:*"],
                    Target::Any,
                ),
                PolicyStatement::new(
                    "EventBridgePublishesToTheTopic",
                    events(),
                    &["kms:Decrypt", "kms:GenerateDataKey"],
                    Target::Any,
                )
                .when(vec![Condition::SourceAccount]),
            ],
        });
    }
    if p.topic {
        out.push(Resource::Topic {
            encrypted: p.encrypted,
        });
        out.push(Resource::TopicPolicy {
            policy: vec![PolicyStatement::new(
                "AllowEventBridgePublish",
                events(),
                &["sns:Publish"],
                Target::Topic,
            )
            .when(topic_conditions)],
        });
    }
    for rule in p.rules {
        let group = rule.log_group.clone();
        out.push(Resource::Rule(rule));
        out.extend(group.map(Resource::LogGroup));
    }
    for a in p.actions {
        let action = a.index;
        out.push(Resource::CustomAction(a));
        if p.associate_existing {
            out.push(Resource::Association { action });
        }
    }
    if let Some(channel) = p.channel {
        let policy = button_policy(permissions);
        out.push(Resource::ChannelRole {
            trust: vec![PolicyStatement {
                sid: None,
                principal: Some(Principal::Service(vec!["chatbot.amazonaws.com"])),
                actions: vec!["sts:AssumeRole".into()],
                listed: false,
                resource: None,
                conditions: Vec::new(),
            }],
            permissions: policy.clone(),
        });
        if channel.guardrail {
            out.push(Resource::Guardrail { policy });
        }
        out.push(Resource::ChannelConfiguration(channel));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_camel_and_separators() {
        assert_eq!(words("greenUrl"), vec!["green", "Url"]);
        assert_eq!(
            words("blue-green_ready 2"),
            vec!["blue", "green", "ready", "2"]
        );
        assert_eq!(pascal(&words("SwitchTasks")), "SwitchTasks");
        assert_eq!(snake(&words("SwitchTasks")), "switch_tasks");
    }

    #[test]
    fn arn_parts_no_setting_fills_are_star_and_say_so() {
        assert_eq!(
            arn_parts("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"),
            Some((
                vec![
                    ArnPart::Text("arn:".into()),
                    ArnPart::Partition,
                    ArnPart::Text(":lambda:".into()),
                    ArnPart::Region,
                    ArnPart::Text(":".into()),
                    ArnPart::Account,
                    ArnPart::Text(":function:".into()),
                    ArnPart::Text("*".into()),
                ],
                false
            ))
        );
        // A format with no part beyond partition, Region and account is named as it is.
        assert_eq!(
            arn_parts("arn:${Partition}:securityhub:${Region}:${Account}:hub/default").map(|p| p.1),
            Some(true)
        );
        assert_eq!(arn_parts("arn:${Partition}:x:${Region"), None);
        assert_eq!(
            arn_parts("arn:${Partition}:codedeploy:${Region}:${Account}:deploymentgroup:${ApplicationName}/${DeploymentGroupName}"),
            Some((vec![
                ArnPart::Text("arn:".into()),
                ArnPart::Partition,
                ArnPart::Text(":codedeploy:".into()),
                ArnPart::Region,
                ArnPart::Text(":".into()),
                ArnPart::Account,
                ArnPart::Text(":deploymentgroup:".into()),
                ArnPart::Param(ParamRole::Setting("application")),
                ArnPart::Text("/".into()),
                ArnPart::Param(ParamRole::Setting("deploymentGroup")),
            ], true))
        );
    }
}
