//! Importing what teams already have into a design: a design file, the JSON of
//! `aws chatbot get-custom-action` or a `create-custom-action` input, a CloudFormation template (JSON or YAML)
//! with `AWS::Chatbot::CustomAction` and `AWS::Events::Rule` resources, or a custom notification
//! pasted as-is, the JSON `aws events describe-rule`, `aws events list-targets-by-rule` and
//! `aws chatbot describe-slack-channel-configurations` print (one after the other in one text, too),
//! and Terraform (`import_tf`). Pure: returns the design it would produce and what it noticed, and never replaces
//! anything itself. Imports model and diagnostics.

pub mod intrinsics;
pub mod terraform;

use crate::domain::base::diagnostic::Diagnostic;
use crate::domain::base::names::pascal;
use crate::domain::design::model::{
    check_depth, default_notification_type, ChatPlatform, Criterion, CriterionOperator,
    CustomActionDesign, Design, NotificationDesign, RuleDesign, MAX_DEPTH, MAX_DESIGN_BYTES,
    PATTERN_DEPTH,
};
use crate::domain::design::sources::source_settings;
use crate::domain::eventbridge::template::{
    escaped_angle_bracket, fill_parameters, generate_template,
};
use indexmap::IndexMap;
use serde_json::{Map, Value};
use thiserror::Error;

/// What the text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    DesignFile,
    CustomAction,
    CloudFormation,
    Notification,
    Terraform,
    /// `aws events describe-rule` and `list-targets-by-rule` output.
    EventBridgeCli,
    /// `aws chatbot describe-slack-channel-configurations` output.
    ChannelCli,
}

impl ImportKind {
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::DesignFile => "design file",
            ImportKind::CustomAction => "custom action JSON",
            ImportKind::CloudFormation => "CloudFormation template",
            ImportKind::Notification => "custom notification",
            ImportKind::Terraform => "Terraform",
            ImportKind::EventBridgeCli => "aws events JSON",
            ImportKind::ChannelCli => "aws chatbot channel configuration JSON",
        }
    }
    /// The label as a sentence uses it: "a design file", "Terraform".
    pub fn described(self) -> String {
        match self {
            ImportKind::Terraform => self.label().to_string(),
            _ => format!("a {}", self.label()),
        }
    }
}

/// The result of an import, to be confirmed before it replaces the current design.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub kind: ImportKind,
    pub design: Design,
    /// What was taken over, skipped or could not be read.
    pub notes: Vec<Diagnostic>,
}

/// Why nothing could be imported.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("neither JSON nor YAML: {0}")]
    Syntax(String),
    #[error("{0}")]
    Design(#[from] crate::domain::design::model::DesignError),
    #[error("not recognised: paste a design file, a get-custom-action or create-custom-action JSON, a CloudFormation template (JSON or YAML), Terraform (.tf), the JSON of aws events list-rules, describe-rule, list-targets-by-rule or aws chatbot describe-slack-channel-configurations or list-microsoft-teams-channel-configurations, or a custom notification")]
    Unknown,
    #[error("the template has no AWS::Chatbot::CustomAction or AWS::Events::Rule resource")]
    NothingInTemplate,
    /// Terraform that yields nothing: unreadable files or none of the resources an import reads.
    #[error("{0}")]
    Terraform(String),
    /// Files that hold what an import reads, none of it known (every value unset or unknown).
    #[error("{0}")]
    NothingRead(String),
    #[error("the YAML holds more than {MAX_YAML_NODES} values or {} MB of text once its aliases (*name) are expanded; not read", MAX_YAML_BYTES / (1024 * 1024))]
    TooManyYamlNodes,
    #[error("the imported design would nest more than {MAX_DEPTH} levels deep, more than a design file may (an event pattern nests at most {PATTERN_DEPTH} levels)")]
    TooDeep,
    #[error("the imported design would be {0} bytes as a design file; a design file may hold at most {MAX_DESIGN_BYTES} bytes (4 MiB), far more than a notification can deliver; not imported")]
    TooLarge(usize),
}

/// The most values a YAML document may hold with its aliases expanded: an alias replays its
/// anchor's whole value, so a few hundred bytes can stand for billions of values. Counted before
/// the document is built.
pub const MAX_YAML_NODES: usize = 200_000;
/// The most bytes of text (strings and keys) a YAML document may hold with its aliases expanded:
/// an alias of one long string repeats every byte of it.
pub const MAX_YAML_BYTES: usize = 16 * 1024 * 1024;

/// Counts the values and the bytes of text of a YAML document as the parser replays them,
/// aliases expanded, and stops at `MAX_YAML_NODES` or `MAX_YAML_BYTES`.
struct Budget<'a>(&'a std::cell::Cell<(usize, usize)>);

impl Budget<'_> {
    fn tick<E: serde::de::Error>(&self) -> Result<(), E> {
        self.take(0)
    }
    fn take<E: serde::de::Error>(&self, bytes: usize) -> Result<(), E> {
        let (nodes, text) = self.0.get();
        let now = (nodes + 1, text.saturating_add(bytes));
        self.0.set(now);
        if now.0 > MAX_YAML_NODES || now.1 > MAX_YAML_BYTES {
            Err(E::custom("too many values"))
        } else {
            Ok(())
        }
    }
    fn over(&self) -> bool {
        let (nodes, text) = self.0.get();
        nodes > MAX_YAML_NODES || text > MAX_YAML_BYTES
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Budget<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Budget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.tick()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.tick()
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.tick()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.tick()
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.tick()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.tick()
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.take(v.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.take(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(Budget(self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key_seed(Budget(self.0))?.is_some() {
            map.next_value_seed(Budget(self.0))?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!Ref x`): the tag, then its value.
        use serde::de::VariantAccess;
        self.tick()?;
        let ((), value) = data.variant_seed(Budget(self.0))?;
        value.newtype_variant_seed(Budget(self.0))
    }
}

/// Parses YAML after counting its values with aliases expanded.
fn parse_yaml(text: &str) -> Result<serde_yaml::Value, ImportError> {
    let count = std::cell::Cell::new((0, 0));
    let counted = serde::de::DeserializeSeed::deserialize(
        Budget(&count),
        serde_yaml::Deserializer::from_str(text),
    );
    if Budget(&count).over()
        || counted
            .as_ref()
            .is_err_and(|e| e.to_string().contains("repetition limit exceeded"))
    {
        return Err(ImportError::TooManyYamlNodes);
    }
    serde_yaml::from_str(text).map_err(|e| ImportError::Syntax(e.to_string()))
}

fn s(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or("").to_string()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn string_map(v: Option<&Value>) -> IndexMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a custom action in API member names (`ActionName`, `Definition.CommandText`, …).
fn action_from_api(
    m: &Map<String, Value>,
    notes: &mut Vec<Diagnostic>,
    at: &str,
) -> CustomActionDesign {
    let attachments = m
        .get("Attachments")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if attachments.len() > 1 {
        notes.push(Diagnostic::warning(
            at,
            format!(
                "{} attachments; the design keeps the first as the button",
                attachments.len()
            ),
        ));
    }
    let att = attachments
        .first()
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let criteria = att
        .get("Criteria")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| {
                    let op = CriterionOperator::parse(c.get("Operator")?.as_str()?)?;
                    Some(Criterion {
                        operator: op,
                        variable: s(c.get("VariableName")),
                        value: c.get("Value").and_then(Value::as_str).map(String::from),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let name = s(m.get("ActionName")).to_string();
    let name = if name.is_empty() {
        // get-custom-action returns the ARN; its last segment is the name.
        s(m.get("CustomActionArn"))
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string()
    } else {
        name
    };
    CustomActionDesign {
        name,
        alias: m.get("AliasName").and_then(Value::as_str).map(String::from),
        button_text: s(att.get("ButtonText")),
        notification_type: att
            .get("NotificationType")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(default_notification_type),
        criteria,
        variables: string_map(att.get("Variables")),
        command: s(m.get("Definition").and_then(|d| d.get("CommandText"))),
    }
}

/// Puts `a` into the design: replaces the action of the same name, or appends it.
fn upsert(d: &mut Design, a: CustomActionDesign) {
    match d.actions.iter_mut().find(|x| x.name == a.name) {
        Some(slot) => *slot = a,
        None => d.actions.push(a),
    }
}

/// A YAML value as JSON, with CloudFormation's short intrinsic tags in their long form
/// (`!Ref X` → `{"Ref": "X"}`, `!Sub s` → `{"Fn::Sub": "s"}`, `!GetAtt a.b` → `{"Fn::GetAtt": ["a", "b"]}`).
fn yaml_to_json(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => {
            let tag = t.tag.to_string();
            let name = tag.trim_start_matches('!').to_string();
            let inner = match (name.as_str(), yaml_to_json(t.value)) {
                ("GetAtt", Value::String(s)) => {
                    Value::Array(s.splitn(2, '.').map(|p| Value::String(p.into())).collect())
                }
                (_, other) => other,
            };
            let key = if name == "Ref" || name == "Condition" {
                name
            } else {
                format!("Fn::{name}")
            };
            let mut m = Map::new();
            m.insert(key, inner);
            Value::Object(m)
        }
    }
}

/// Parses JSON, or else YAML (CloudFormation templates are often YAML).
fn parse(text: &str) -> Result<Value, ImportError> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(json_err) => match parse_yaml(text) {
            Ok(y @ serde_yaml::Value::Mapping(_)) => Ok(yaml_to_json(y)),
            Ok(_) => Err(ImportError::Unknown),
            Err(ImportError::Syntax(yaml_err)) => Err(ImportError::Syntax(format!(
                "as JSON, {json_err}; as YAML, {yaml_err}"
            ))),
            Err(e) => Err(e),
        },
    }
}

/// The notification a custom notification message (`{"version", "source", "content", "metadata"}`)
/// says.
pub(crate) fn notification_from(v: &Value) -> NotificationDesign {
    NotificationDesign {
        title: s(v.pointer("/content/title")),
        description: s(v.pointer("/content/description")),
        next_steps: strings(v.pointer("/content/nextSteps")),
        keywords: strings(v.pointer("/content/keywords")),
        thread_id: s(v.pointer("/metadata/threadId")),
        summary: s(v.pointer("/metadata/summary")),
        event_type: s(v.pointer("/metadata/eventType")),
        related_resources: strings(v.pointer("/metadata/relatedResources")),
        additional_context: string_map(v.pointer("/metadata/additionalContext")),
        enable_custom_actions: v
            .pointer("/metadata/enableCustomActions")
            .and_then(Value::as_bool),
    }
}

/// Every string of a JSON value with `{{parameter}}`s filled.
fn fill_strings(v: &Value, params: &IndexMap<String, String>) -> Value {
    match v {
        Value::String(t) => Value::String(fill_parameters(
            t,
            params,
            "",
            &mut crate::domain::base::diagnostic::Repeats::new("unknown parameters"),
        )),
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| fill_strings(i, params)).collect())
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), fill_strings(x, params)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The notification an input template is, when the designer would generate it (the same JSON,
/// `{{parameter}}`s filled from `params`); otherwise why it is not, and the template stays an
/// override. A placeholder written `\u003c…\u003e` (what `jsonencode` makes of `<…>`) is never
/// replaced by EventBridge, so such a template is kept as written.
pub(crate) fn notification_of_template(
    template: &str,
    params: &IndexMap<String, String>,
) -> Result<NotificationDesign, String> {
    if escaped_angle_bracket(template) {
        return Err("it holds `\\u003c` or `\\u003e` (jsonencode's escapes of < and >), so EventBridge replaces no placeholder written that way; write the replace calls with \"\\\\u003c\" and \"\\\\u003e\"".into());
    }
    let Ok(mut v) = serde_json::from_str::<Value>(template) else {
        return Err("it is not JSON as written (a placeholder outside quotes?)".into());
    };
    if v.get("source").and_then(Value::as_str) != Some("custom")
        || !v.get("content").is_some_and(Value::is_object)
    {
        return Err("it is not a custom notification (source \"custom\" with content)".into());
    }
    let n = notification_from(&v);
    let (generated, _) = generate_template(&n, params);
    let Ok(mut g) = serde_json::from_str::<Value>(&generated) else {
        return Err("the notification it reads as does not generate a template".into());
    };
    // `textType` is optional in AWS's schema (client-markdown is the only type), and the version
    // may be written as a number: a template that leaves it out, or writes 1.0, says the same.
    for x in [&mut v, &mut g] {
        if let Some(Value::Object(c)) = x.get_mut("content") {
            if c.get("textType").and_then(Value::as_str) == Some("client-markdown") {
                c.remove("textType");
            }
        }
    }
    match first_difference(&fill_strings(&g, params), &fill_strings(&v, params), "") {
        None => Ok(n),
        Some(why) => Err(why),
    }
}

/// A field that says nothing: null, an empty list or an empty string.
fn empty(v: &Value) -> bool {
    v.is_null() || v.as_array().is_some_and(Vec::is_empty) || v.as_str() == Some("")
}

/// Where the template as written (`w`) differs from what the editor generates (`g`), said for a
/// person: the field the editor does not make, or does not make that way.
fn first_difference(g: &Value, w: &Value, at: &str) -> Option<String> {
    let field = |k: &str| {
        if at.is_empty() {
            k.to_string()
        } else {
            format!("{at}.{k}")
        }
    };
    match (g, w) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in b {
                match a.get(k) {
                    Some(y) => {
                        if let Some(d) = first_difference(y, x, &field(k)) {
                            return Some(d);
                        }
                    }
                    None if empty(x) => {}
                    // An object the editor leaves out: the first field in it that says something.
                    None if x.is_object() => {
                        if let Some(d) = first_difference(&Value::Object(Map::new()), x, &field(k))
                        {
                            return Some(d);
                        }
                    }
                    None => {
                        return Some(format!(
                            "it holds `{}`, a field the notification editor does not make",
                            crate::domain::base::diagnostic::excerpt(&field(k))
                        ))
                    }
                }
            }
            for (k, y) in a {
                if !b.contains_key(k) && !empty(y) {
                    return Some(format!(
                        "it leaves out `{}`, which the notification editor writes",
                        crate::domain::base::diagnostic::excerpt(&field(k))
                    ));
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (y, x))| first_difference(y, x, &format!("{at}[{i}]"))),
        _ if g == w => None,
        _ => Some(format!(
            "its `{}` is written in a form the notification editor does not make",
            crate::domain::base::diagnostic::excerpt(if at.is_empty() { "template" } else { at })
        )),
    }
}

/// A rule target's input template: the notification when the designer would generate it (a
/// parameter of this app's exports that stands for a design parameter read back as `{{name}}`),
/// otherwise the template override, read with the parameters' defaults.
fn read_template(
    d: &mut Design,
    rule: usize,
    written: &Value,
    params: &intrinsics::Parameters,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) {
    let plain = match params.resolve(written, false) {
        Ok(Value::String(t)) => t,
        Ok(_) => {
            notes.push(Diagnostic::warning(
                at,
                "InputTemplate is not a string; kept the current template",
            ));
            return;
        }
        Err(why) => {
            notes.push(Diagnostic::warning(
                at,
                format!(
                    "InputTemplate is read only when deployed: {why}; kept the current template"
                ),
            ));
            return;
        }
    };
    let plain = plain.as_str();
    let with_refs = match params.resolve(written, true) {
        Ok(Value::String(t)) => t,
        _ => plain.to_string(),
    };
    // Each design parameter the template reads back as `{{name}}`, with its default as the value.
    let mut all = d.deployment.parameters.clone();
    all.extend(
        params
            .design_parameters()
            .filter(|(p, _)| with_refs.contains(&format!("{{{{{p}}}}}")))
            .map(|(p, v)| (p.to_string(), v.to_string())),
    );
    // The source settings the template names fill it too (they are read into the settings).
    let mut fill = all.clone();
    for setting in crate::domain::design::sources::source_settings() {
        let words: Vec<String> = setting.words.iter().map(|w| w.to_string()).collect();
        if let Some((key, Some(v))) = params.setting_parameter(&pascal(&words)) {
            fill.entry(key.to_string()).or_insert_with(|| v.to_string());
        }
    }
    match notification_of_template(&with_refs, &fill) {
        Ok(n) => {
            let r = rule_slot(d, rule);
            r.notification = n;
            r.input_template_override = None;
            d.deployment.parameters = all;
        }
        Err(why) => {
            notes.push(Diagnostic::info(
                at,
                format!("the input template is kept as the template override: {why}"),
            ));
            rule_slot(d, rule).input_template_override = Some(plain.to_string());
        }
    }
}

/// The design parameter a Terraform variable or CloudFormation parameter stands for, read from
/// the description this app's exports give it: `Notification parameter NAME (spliced into the
/// input template)`.
pub(crate) fn design_parameter_named(description: &str) -> Option<&str> {
    description
        .strip_prefix("Notification parameter ")?
        .strip_suffix(" (spliced into the input template)")
        .filter(|n| !n.is_empty() && !n.contains(['{', '}']))
}

/// Rule `k` of the design an import writes into, made from the first (its pattern and paths, a
/// fresh notification) when the design has fewer rules.
pub(crate) fn rule_slot(d: &mut Design, k: usize) -> &mut RuleDesign {
    if d.rules.len() > k {
        return &mut d.rules[k];
    }
    // Cloned only when a rule is to be made (imports ask for a rule once per field they set).
    let base = d.first_rule_mut().clone();
    while d.rules.len() <= k {
        d.rules.push(RuleDesign {
            name: format!("rule-{}", d.rules.len() + 1),
            description: String::new(),
            input_template_override: None,
            notification: NotificationDesign::default(),
            ..base.clone()
        });
    }
    &mut d.rules[k]
}

/// An SNS topic ARN's Region, account and name, written into the deployment settings.
fn set_topic(dep: &mut crate::domain::design::model::DeploymentSettings, arn: &str) {
    if let [_, _, _, region, account, name] = arn.split(':').collect::<Vec<_>>().as_slice() {
        dep.sns_topic_name = name.to_string();
        dep.region = region.to_string();
        dep.account_id = account.to_string();
    }
}

/// The deployment settings this app's exports name as template parameters, from their defaults.
fn settings_of(
    params: &intrinsics::Parameters,
    dep: &mut crate::domain::design::model::DeploymentSettings,
) {
    for (name, slot) in [
        ("SnsTopicName", &mut dep.sns_topic_name),
        ("SlackWorkspaceId", &mut dep.slack_workspace_id),
        ("SlackChannelId", &mut dep.slack_channel_id),
        (
            "ChannelConfigurationName",
            &mut dep.channel_configuration_name,
        ),
        ("Region", &mut dep.region),
    ] {
        if let Some(v) = params.default(name) {
            *slot = v.to_string();
        }
    }
    // The exports name each source setting's parameter from its words.
    for setting in source_settings() {
        let words: Vec<String> = setting.words.iter().map(|w| w.to_string()).collect();
        if let Some(v) = params.default(&pascal(&words)) {
            setting.set(dep, v.to_string());
        }
    }
    if let Some(arn) = params.default("SnsTopicArn") {
        set_topic(dep, arn);
    }
}

/// Recognises `text` and builds the design it would produce from `current`. A design deeper than a
/// design file may nest is refused.
pub fn import(text: &str, current: &Design) -> Result<Imported, ImportError> {
    if crate::domain::import::terraform::looks_like_terraform(text)
        && serde_json::from_str::<Value>(text).is_err()
    {
        return crate::domain::import::terraform::import_terraform(
            &[("pasted.tf".to_string(), text.to_string())],
            current,
        );
    }
    import_documents(text, current)
}

/// What importing several files produced: the design after the last, each step and every note.
#[derive(Debug, Clone, PartialEq)]
pub struct FilesImported {
    pub design: Design,
    /// What each step read (its file names) and what it was recognised as, in order.
    pub steps: Vec<(String, ImportKind)>,
    pub notes: Vec<Diagnostic>,
    /// The variables the Terraform files declare, with the values given.
    pub variables: Vec<terraform::DeclaredVariable>,
    /// What reached the design and what it kept from the design it started from (`summary`).
    pub summary: Summary,
}

/// What an import changed: the parts of the design the files set, and the parts left as they
/// were in the design the import started from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub read: Vec<String>,
    pub kept: Vec<String>,
}

impl Summary {
    /// True when nothing from the files reached the design.
    pub fn nothing_read(&self) -> bool {
        self.read.is_empty()
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.read.is_empty() {
            write!(f, "nothing from the files reached the design")?;
        } else {
            write!(f, "from the files: {}", self.read.join("; "))?;
        }
        if !self.kept.is_empty() {
            write!(
                f,
                ". Not in the files, so as in the design the import started from: {}",
                self.kept.join("; ")
            )?;
        }
        Ok(())
    }
}

/// What differs between the design an import started from and the one it produced, by part.
pub fn summarise(before: &Design, after: &Design) -> Summary {
    let mut s = Summary::default();
    let mut part = |changed: bool, what: String| {
        if changed {
            s.read.push(what);
        } else {
            s.kept.push(what);
        }
    };
    for (i, r) in after.rules.iter().enumerate() {
        let old = before.rules.get(i);
        let label = format!("rule {}", r.name);
        let same = |f: &dyn Fn(&RuleDesign) -> String| old.is_some_and(|o| f(o) == f(r));
        let mut read = Vec::new();
        let mut kept = Vec::new();
        for (what, f) in [
            (
                "name",
                &(|x: &RuleDesign| x.name.clone()) as &dyn Fn(&RuleDesign) -> String,
            ),
            ("pattern", &|x: &RuleDesign| x.event_pattern.to_string()),
            ("input paths", &|x: &RuleDesign| {
                format!("{:?}", x.input_paths)
            }),
            ("notification", &|x: &RuleDesign| {
                format!("{:?}{:?}", x.notification, x.input_template_override)
            }),
        ] {
            if same(f) {
                kept.push(what);
            } else {
                read.push(what);
            }
        }
        if !read.is_empty() {
            part(true, format!("{label} ({})", read.join(", ")));
        }
        if !kept.is_empty() {
            part(false, format!("{label}'s {}", kept.join(", ")));
        }
    }
    let new_actions: Vec<&str> = after
        .actions
        .iter()
        .filter(|a| !before.actions.contains(a))
        .map(|a| a.name.as_str())
        .collect();
    if !new_actions.is_empty() {
        part(
            true,
            format!(
                "{} button(s): {}",
                new_actions.len(),
                new_actions.join(", ")
            ),
        );
    }
    let (b, a) = (&before.deployment, &after.deployment);
    let channel = |d: &crate::domain::design::model::DeploymentSettings| {
        format!(
            "{:?}{}{}{}{}{}{}",
            d.platform,
            d.slack_workspace_id,
            d.slack_channel_id,
            d.teams_team_id,
            d.teams_channel_id,
            d.teams_tenant_id,
            d.channel_configuration_name
        )
    };
    let platform = match a.platform {
        ChatPlatform::Slack => "Slack",
        ChatPlatform::Teams => "Microsoft Teams",
    };
    part(channel(a) != channel(b), format!("the {platform} channel"));
    if a.sns_topic_name == b.sns_topic_name {
        part(false, "the SNS topic".into());
    }
    if a.region == b.region {
        part(false, "the Region".into());
    }
    let mut settings = Vec::new();
    for (what, x, y) in [
        ("Region", &b.region, &a.region),
        ("account", &b.account_id, &a.account_id),
        ("SNS topic", &b.sns_topic_name, &a.sns_topic_name),
        ("application", &b.application, &a.application),
        ("deployment group", &b.deployment_group, &a.deployment_group),
    ] {
        if x != y {
            settings.push(what.to_string());
        }
    }
    for (k, v) in &a.source_settings {
        if b.source_settings.get(k) != Some(v) {
            settings.push(k.clone());
        }
    }
    for (k, v) in &a.parameters {
        if b.parameters.get(k) != Some(v) {
            settings.push(format!("parameter {k}"));
        }
    }
    if !settings.is_empty() {
        part(true, format!("settings: {}", settings.join(", ")));
    }
    s
}

/// Why importing several files stopped: the step (its file names) and the reason.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{what}: {error}")]
pub struct FilesError {
    pub what: String,
    pub error: ImportError,
    /// The variables the Terraform files declare (so that values can be given and the import
    /// tried again).
    pub variables: Vec<terraform::DeclaredVariable>,
}

/// Imports files (name and text) as a person would one after the other: the Terraform files
/// (`.tf`, or text that reads as HCL) together as one module, then every other file in order,
/// each building on the design the one before produced.
pub fn import_files(
    files: &[(String, String)],
    current: &Design,
) -> Result<FilesImported, FilesError> {
    import_files_with(files, current, &[])
}

/// `import_files` with values for the Terraform variables (`-var NAME=VALUE`), which win over the
/// variable files (`.tfvars`, `.tfvars.json`) among `files`.
pub fn import_files_with(
    files: &[(String, String)],
    current: &Design,
    vars: &[(String, String)],
) -> Result<FilesImported, FilesError> {
    let is_tf = |name: &str, text: &str| {
        name.ends_with(".tf")
            || terraform::is_var_file(name)
            || crate::domain::import::terraform::looks_like_terraform(text)
    };
    // A file the Terraform reads with `file` or `templatefile` goes with it.
    let tf_texts: Vec<&str> = files
        .iter()
        .filter(|(n, t)| is_tf(n, t))
        .map(|(_, t)| t.as_str())
        .collect();
    let (tf, other): (Vec<_>, Vec<_>) = files.iter().cloned().partition(|(name, text)| {
        is_tf(name, text)
            || (!tf_texts.is_empty() && tf_texts.iter().any(|t| terraform::reads_file(t, name)))
    });
    let mut done = FilesImported {
        design: current.clone(),
        steps: Vec::new(),
        notes: Vec::new(),
        variables: Vec::new(),
        summary: Summary::default(),
    };
    let step = |done: &mut FilesImported, result: Result<Imported, ImportError>, what: String| {
        let imported = result.map_err(|error| FilesError {
            what: what.clone(),
            error,
            variables: done.variables.clone(),
        })?;
        done.steps.push((what, imported.kind));
        done.notes.extend(imported.notes);
        done.design = imported.design;
        Ok(())
    };
    if !tf.is_empty() {
        let names: Vec<&str> = tf.iter().map(|(n, _)| n.as_str()).collect();
        let (result, variables) = terraform::import_terraform_with(&tf, current, vars);
        done.variables = variables;
        step(&mut done, result, names.join(", "))?;
    }
    for (name, text) in &other {
        // A file named after a rule (`targets-ready.json`) holds that rule's targets.
        let hint = rule_named_in(&done.design, name);
        let result = import_with(text, &done.design, hint);
        step(&mut done, result, name.clone())?;
    }
    let size = done.design.to_json().len();
    if size > MAX_DESIGN_BYTES {
        let what = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(FilesError {
            what,
            error: ImportError::TooLarge(size),
            variables: done.variables,
        });
    }
    done.summary = summarise(current, &done.design);
    Ok(done)
}

/// `import` without Terraform: everything but HCL, so a caller that does not need the HCL parser
/// (the app's first view) does not link it.
pub fn import_documents(text: &str, current: &Design) -> Result<Imported, ImportError> {
    documents(text, current, None)
}

/// `import`, with the rule (`hint`) that `list-targets-by-rule` output without a rule of its own
/// belongs to.
fn import_with(text: &str, current: &Design, hint: Option<usize>) -> Result<Imported, ImportError> {
    if crate::domain::import::terraform::looks_like_terraform(text)
        && serde_json::from_str::<Value>(text).is_err()
    {
        return import(text, current);
    }
    documents(text, current, hint)
}

/// The rule whose name the file name holds (the longest such name), if any.
fn rule_named_in(d: &Design, file: &str) -> Option<usize> {
    d.rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.name.is_empty() && file.contains(r.name.as_str()))
        .max_by_key(|(_, r)| r.name.len())
        .map(|(i, _)| i)
}

fn documents(text: &str, current: &Design, hint: Option<usize>) -> Result<Imported, ImportError> {
    if serde_json::from_str::<Value>(text).is_err() {
        if let Some(docs) = json_documents(text) {
            let mut imported: Option<Imported> = None;
            // Targets printed after a described rule belong to that rule.
            let mut hint = hint;
            for doc in docs {
                let base = imported.as_ref().map_or(current, |i| &i.design);
                let next = recognise(&doc.to_string(), base, hint)?;
                if let (Some(name), ImportKind::EventBridgeCli) = (doc.get("Name"), next.kind) {
                    hint = next
                        .design
                        .rules
                        .iter()
                        .position(|r| Some(&Value::String(r.name.clone())) == Some(name));
                }
                imported = Some(match imported {
                    Some(mut before) => {
                        before.notes.extend(next.notes);
                        Imported {
                            notes: before.notes,
                            ..next
                        }
                    }
                    None => next,
                });
            }
            if let Some(i) = imported {
                return depth_checked(i);
            }
        }
    }
    depth_checked(recognise(text, current, hint)?)
}

/// Several JSON documents one after the other (what two AWS CLI commands print), when there are
/// at least two and every one is an object.
fn json_documents(text: &str) -> Option<Vec<Value>> {
    let docs: Vec<Value> = serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .ok()?;
    (docs.len() >= 2 && docs.len() <= 16 && docs.iter().all(Value::is_object)).then_some(docs)
}

fn depth_checked(imported: Imported) -> Result<Imported, ImportError> {
    match check_depth(&serde_json::to_string(&imported.design).unwrap_or_default()) {
        Ok(()) => Ok(imported),
        Err(_) => Err(ImportError::TooDeep),
    }
}

fn recognise(text: &str, current: &Design, hint: Option<usize>) -> Result<Imported, ImportError> {
    let v = parse(text)?;
    let Some(obj) = v.as_object() else {
        return Err(ImportError::Unknown);
    };
    let d = current.clone();
    if obj.contains_key("formatVersion") {
        return design_file(text, &v);
    }
    if let Some(Value::Object(ca)) = obj.get("CustomAction") {
        return Ok(custom_action(d, ca, "CustomAction"));
    }
    if obj.contains_key("ActionName") && obj.contains_key("Definition") {
        return Ok(custom_action(d, obj, ""));
    }
    if let Some(Value::Object(resources)) = obj.get("Resources") {
        return cloudformation(d, obj, resources);
    }
    for key in ["SlackChannelConfigurations", "TeamChannelConfigurations"] {
        if let Some(Value::Array(configs)) = obj.get(key) {
            return channel_configurations(d, key, configs);
        }
    }
    // get-, create- and update-…-channel-configuration output.
    if let Some(c @ Value::Object(_)) = obj.get("ChannelConfiguration") {
        if c.get("ChatConfigurationArn").is_some() {
            return channel_configurations(d, "ChannelConfiguration", std::slice::from_ref(c));
        }
    }
    if obj.contains_key("EventPattern") && obj.contains_key("Name") {
        return Ok(described_rule(d, obj));
    }
    if let Some(Value::Array(rules)) = obj.get("Rules") {
        if rules.iter().any(|r| r.get("EventPattern").is_some()) {
            return Ok(listed_rules(d, rules));
        }
    }
    if let Some(Value::Array(targets)) = obj.get("Targets") {
        return Ok(rule_targets(d, targets, hint));
    }
    if obj.contains_key("content") || obj.get("source").and_then(Value::as_str) == Some("custom") {
        return Ok(custom_notification(d, &v));
    }
    Err(ImportError::Unknown)
}

/// A design file, as it is.
fn design_file(text: &str, v: &Value) -> Result<Imported, ImportError> {
    Ok(Imported {
        kind: ImportKind::DesignFile,
        // JSON keeps its own text so errors point at the user's lines.
        design: if serde_json::from_str::<Value>(text).is_ok() {
            Design::from_json(text)?
        } else {
            Design::from_json(&serde_json::to_string(v).unwrap_or_default())?
        },
        notes: Vec::new(),
    })
}

/// A `get-custom-action` output (`at` "CustomAction") or `create-custom-action` input: the
/// action added to the design, or replacing the one of its name.
fn custom_action(mut d: Design, ca: &Map<String, Value>, at: &str) -> Imported {
    let mut notes = Vec::new();
    upsert(&mut d, action_from_api(ca, &mut notes, at));
    Imported {
        kind: ImportKind::CustomAction,
        design: d,
        notes,
    }
}

/// A CloudFormation template: its custom actions, its rule with pattern and transformer, and the
/// settings its parameters' defaults give.
fn cloudformation(
    mut d: Design,
    template: &Map<String, Value>,
    resources: &Map<String, Value>,
) -> Result<Imported, ImportError> {
    let mut notes = Vec::new();
    let params = intrinsics::Parameters::of(template);
    let mut found = false;
    // Each rule of the template is a rule of the design, in template order, with the
    // transformer of its own target.
    let mut rules: Vec<String> = Vec::new();
    for (logical, r) in resources {
        let at = format!("Resources/{logical}");
        let props = resolved_properties(r, &params, &at, &mut notes);
        match r.get("Type").and_then(Value::as_str) {
            Some("AWS::Chatbot::CustomAction") => {
                found = true;
                cfn_custom_action(&mut d, logical, &props, &at, &mut notes);
            }
            Some("AWS::Events::Rule") => {
                found = true;
                let k = rules.len();
                cfn_rule(&mut d, k, logical, &props, &params, &at, &mut notes);
                rules.push(format!("{logical} → rule {}", rule_slot(&mut d, k).name));
            }
            Some(kind @ (SLACK_CHANNEL | TEAMS_CHANNEL)) => {
                found = true;
                cfn_channel(&mut d, kind == TEAMS_CHANNEL, &props);
                actions_named_by_arn(r, resources, &at, &mut notes);
            }
            // The topic is the design's (its exports create it): its name is the topic name setting.
            Some("AWS::SNS::Topic") => {
                match r
                    .pointer("/Properties/TopicName")
                    .map(|n| params.resolve(n, false))
                {
                    Some(Ok(Value::String(name))) => d.deployment.sns_topic_name = name,
                    _ => notes.push(Diagnostic::info(
                        &at,
                        "the topic has no name the template states; the design keeps its topic name",
                    )),
                }
            }
            // What the CDK adds to every stack it synthesizes: nothing of the design.
            Some("AWS::CDK::Metadata") => {}
            Some(other) => notes.push(Diagnostic::info(
                &at,
                format!("{other} is not imported (exports create it from the design)"),
            )),
            None => {}
        }
    }
    if !found {
        return Err(ImportError::NothingInTemplate);
    }
    if let Some(sign) = synthesized_by_cdk(template, resources) {
        notes.insert(0, Diagnostic::info(
            "Metadata",
            format!("this template was synthesized by the AWS CDK ({sign}): it is read as CloudFormation, its logical ids as the CDK made them; the CDK's metadata and bootstrap version check are not part of a design. To keep the infrastructure in the CDK, export the design as cdk-typescript or cdk-python"),
        ));
    }
    if !rules.is_empty() {
        d.rules.truncate(rules.len());
    }
    if rules.len() > 1 {
        notes.push(Diagnostic::info(
            "Resources",
            format!("{} rules imported: {}", rules.len(), rules.join("; ")),
        ));
    }
    let region = d.deployment.region.clone();
    settings_of(&params, &mut d.deployment);
    if params.default("Region").is_none() && d.deployment.region == region {
        notes.push(Diagnostic::info(
            "Parameters",
            format!("a template does not say the Region it is deployed in (the stack's Region is chosen when it is created); the design keeps {}", crate::domain::base::diagnostic::excerpt(&region)),
        ));
    }
    Ok(Imported {
        kind: ImportKind::CloudFormation,
        design: d,
        notes,
    })
}

/// What shows that the AWS CDK synthesized a template, if anything does: its metadata resource,
/// the construct paths in resources' metadata, its bootstrap version parameter or rule.
fn synthesized_by_cdk(
    template: &Map<String, Value>,
    resources: &Map<String, Value>,
) -> Option<&'static str> {
    if resources
        .values()
        .any(|r| r.get("Type").and_then(Value::as_str) == Some("AWS::CDK::Metadata"))
    {
        Some("its AWS::CDK::Metadata resource")
    } else if resources
        .values()
        .any(|r| r.pointer("/Metadata/aws:cdk:path").is_some())
    {
        Some("aws:cdk:path in its resources' metadata")
    } else if template
        .get("Parameters")
        .and_then(|p| p.get("BootstrapVersion"))
        .and_then(|b| b.get("Default"))
        .and_then(Value::as_str)
        .is_some_and(|d| d.starts_with("/cdk-bootstrap/"))
        || template
            .get("Rules")
            .and_then(|r| r.get("CheckBootstrapVersion"))
            .is_some()
    {
        Some("its CDK bootstrap version check")
    } else {
        None
    }
}

/// The name at the end of a custom action's ARN as a template writes it: a string, `Fn::Sub`
/// text, or the last part of an `Fn::Join` (as the CDK's `formatArn` writes it).
fn action_name_in_arn(v: &Value) -> Option<String> {
    let tail = |t: &str| {
        t.rsplit_once(":custom-action/")
            .map(|(_, name)| name.to_string())
            .filter(|n| !n.is_empty() && !n.contains("${"))
    };
    match v {
        Value::String(t) => tail(t),
        Value::Object(m) => match (m.get("Fn::Sub"), m.get("Fn::Join")) {
            (Some(Value::String(t)), _) => tail(t),
            (_, Some(Value::Array(join))) => match join.get(1).and_then(Value::as_array)?.last()? {
                Value::String(last) => tail(&format!(":{last}")).or_else(|| tail(last)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// A channel's custom actions named by ARN that the template does not define: a note each, for
/// their buttons come from their definitions.
fn actions_named_by_arn(
    r: &Value,
    resources: &Map<String, Value>,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) {
    let defined: Vec<&str> = resources
        .values()
        .filter(|r| r.get("Type").and_then(Value::as_str) == Some("AWS::Chatbot::CustomAction"))
        .filter_map(|r| r.pointer("/Properties/ActionName").and_then(Value::as_str))
        .collect();
    let arns = r
        .pointer("/Properties/CustomizationResourceArns")
        .and_then(Value::as_array);
    for name in arns.into_iter().flatten().filter_map(action_name_in_arn) {
        if !defined.contains(&name.as_str()) {
            notes.push(Diagnostic::info(
                format!("{at}/Properties/CustomizationResourceArns"),
                format!("the channel lists custom action {} by its ARN, and the template does not define it: import its definition (aws chatbot get-custom-action) to add its button", crate::domain::base::diagnostic::excerpt(&name)),
            ));
        }
    }
}

/// The properties of a template resource that an import reads, with intrinsic functions read
/// with the parameters' defaults; what only a deployed stack knows is said in a note, and that
/// property is read as written.
fn resolved_properties(
    r: &Value,
    params: &intrinsics::Parameters,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let raw = r.get("Properties").cloned().unwrap_or_default();
    let mut unknown = Vec::new();
    let mut resolved = |keys: &[&str]| -> Map<String, Value> {
        let mut out = raw.as_object().cloned().unwrap_or_default();
        for key in keys {
            if let Some(v) = out.get_mut(*key) {
                match params.resolve(v, false) {
                    Ok(r) => *v = r,
                    Err(why) if *key == "EventPattern" => {
                        // Each part known only when deployed is a `{{name}}` to be set.
                        let (with, names) = params.placeholders(v);
                        *v = with;
                        for (name, why) in names {
                            unknown.push(format!("EventPattern holds {{{{{name}}}}} where {why}; set {name} (a design parameter, or the setting of that name)"));
                        }
                        let _ = why;
                    }
                    Err(why) => {
                        unknown.push(format!("{key} is not read: {why}"));
                        out.remove(*key);
                    }
                }
            }
        }
        out
    };
    let props = match r.get("Type").and_then(Value::as_str) {
        Some("AWS::Chatbot::CustomAction") => {
            resolved(&["ActionName", "AliasName", "Definition", "Attachments"])
        }
        Some(SLACK_CHANNEL | TEAMS_CHANNEL) => {
            // A channel's ids are parameters without defaults in a template made to be
            // deployed anywhere: what is not known stays unread, and the settings keep theirs.
            let mut p = raw.as_object().cloned().unwrap_or_default();
            p.retain(|k, v| match params.resolve(v, false) {
                Ok(r) => {
                    *v = r;
                    v.is_string()
                }
                Err(why) => {
                    // The role, guardrail, topics and actions a channel names are made by the
                    // exports from the design, so not being able to read them loses nothing.
                    if !matches!(
                        k.as_str(),
                        "IamRoleArn"
                            | "GuardrailPolicies"
                            | "SnsTopicArns"
                            | "CustomizationResourceArns"
                    ) {
                        unknown.push(format!("{k} is not read: {why}; the design keeps its own"));
                    }
                    false
                }
            });
            p
        }
        Some("AWS::Events::Rule") => {
            let mut p = resolved(&["Name", "Description", "EventPattern", "State"]);
            // Each target's transformer paths; the template is read by `cfn_rule`.
            if let Some(Value::Array(targets)) = p.get_mut("Targets") {
                for t in targets {
                    if let Some(paths) = t.pointer_mut("/InputTransformer/InputPathsMap") {
                        match params.resolve(paths, false) {
                            Ok(r) => *paths = r,
                            Err(why) => unknown.push(format!("InputPathsMap ({why})")),
                        }
                    }
                }
            }
            p
        }
        _ => Map::new(),
    };
    for u in unknown {
        notes.push(Diagnostic::warning(at, u));
    }
    props
}

const SLACK_CHANNEL: &str = "AWS::Chatbot::SlackChannelConfiguration";
const TEAMS_CHANNEL: &str = "AWS::Chatbot::MicrosoftTeamsChannelConfiguration";

/// A channel configuration's application, ids and name, into the deployment settings (its
/// custom actions are the template's).
fn cfn_channel(d: &mut Design, teams: bool, props: &Map<String, Value>) {
    let keys = if teams {
        ["TeamId", "TeamsChannelId", "TeamsTenantId"]
    } else {
        ["SlackWorkspaceId", "SlackChannelId", ""]
    };
    set_channel(&mut d.deployment, teams, keys, props);
}

/// The channel's application, its ids (`keys`: Slack's team and channel, or Teams' team,
/// channel and tenant, as `props` names them) and its configuration name, into `dep`.
fn set_channel(
    dep: &mut crate::domain::design::model::DeploymentSettings,
    teams: bool,
    keys: [&str; 3],
    props: &Map<String, Value>,
) {
    let fields: Vec<&mut String> = if teams {
        dep.platform = ChatPlatform::Teams;
        vec![
            &mut dep.teams_team_id,
            &mut dep.teams_channel_id,
            &mut dep.teams_tenant_id,
        ]
    } else {
        dep.platform = ChatPlatform::Slack;
        vec![&mut dep.slack_workspace_id, &mut dep.slack_channel_id]
    };
    for (key, slot) in keys.into_iter().zip(fields) {
        if let Some(v) = props.get(key).and_then(Value::as_str) {
            *slot = v.to_string();
        }
    }
    if let Some(v) = props.get("ConfigurationName").and_then(Value::as_str) {
        dep.channel_configuration_name = v.to_string();
    }
}

/// An `AWS::Chatbot::CustomAction`, named after its resource when its name is not plain text.
fn cfn_custom_action(
    d: &mut Design,
    logical: &str,
    props: &Map<String, Value>,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) {
    let a = action_from_api(props, notes, at);
    if a.name.is_empty() || props.get("ActionName").is_some_and(|n| !n.is_string()) {
        notes.push(Diagnostic::warning(
            at,
            "ActionName is not a plain string (an intrinsic function?); named after the resource",
        ));
        upsert(
            d,
            CustomActionDesign {
                name: logical.to_string(),
                ..a
            },
        );
    } else {
        upsert(d, a);
    }
}

/// An `AWS::Events::Rule`: its name, description and pattern, and the first target's transformer.
fn cfn_rule(
    d: &mut Design,
    k: usize,
    logical: &str,
    props: &Map<String, Value>,
    params: &intrinsics::Parameters,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) {
    if let Some(n) = props.get("Name").and_then(Value::as_str) {
        rule_slot(d, k).name = n.to_string();
    } else {
        // CloudFormation names a rule without a name after the stack and its logical id.
        let name: String = logical
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .take(64)
            .collect();
        let name = if name.is_empty() {
            format!("rule-{}", k + 1)
        } else {
            name
        };
        notes.push(Diagnostic::info(
            at,
            format!("the rule's name is not known before it is deployed; named {name}, after its logical id"),
        ));
        rule_slot(d, k).name = name;
    }
    rule_slot(d, k).description = s(props.get("Description"));
    rule_slot(d, k).enabled = props.get("State").and_then(Value::as_str) != Some("DISABLED");
    match props.get("EventPattern") {
        Some(Value::Object(p)) => {
            // Each `{{name}}` the pattern holds for a value known only when deployed is a
            // design parameter to be set (validate asks for it), unless a setting has its name.
            let pattern = Value::Object(p.clone());
            let known = crate::domain::design::sources::template_params(&d.deployment).into_owned();
            for (_, name) in
                crate::domain::eventbridge::template::unfilled_pattern_names(&pattern, &known)
            {
                if !source_settings().any(|s| s.key() == name) {
                    d.deployment.parameters.entry(name).or_default();
                }
            }
            rule_slot(d, k).event_pattern = pattern;
        }
        Some(Value::String(t)) => match serde_json::from_str(t) {
            Ok(p) => rule_slot(d, k).event_pattern = p,
            Err(e) => notes.push(Diagnostic::warning(
                at,
                format!("EventPattern is not JSON ({e}); kept the current pattern"),
            )),
        },
        _ => notes.push(Diagnostic::warning(
            at,
            "no EventPattern; kept the current pattern",
        )),
    }
    let it = props
        .get("Targets")
        .and_then(Value::as_array)
        .and_then(|t| t.iter().find_map(|t| t.get("InputTransformer")));
    match it {
        Some(it) => {
            rule_slot(d, k).input_paths = string_map(it.get("InputPathsMap"));
            // Read as written (only the paths were resolved by `resolved_properties`).
            match it.get("InputTemplate") {
                Some(written) => read_template(d, k, written, params, at, notes),
                None => notes.push(Diagnostic::warning(
                    at,
                    "the InputTransformer has no InputTemplate; kept the current template",
                )),
            }
        }
        None => match props
            .get("Targets")
            .and_then(Value::as_array)
            .and_then(|t| t.iter().find_map(|t| t.get("Input")))
        {
            // A static Input: a notification without placeholders.
            Some(written) => {
                rule_slot(d, k).input_paths = IndexMap::new();
                read_template(d, k, written, params, at, notes);
            }
            None => notes.push(Diagnostic::warning(
                at,
                "no target with an InputTransformer or an Input; kept the current input paths and template",
            )),
        },
    }
}

/// `aws chatbot describe-slack-channel-configurations` output: the first configuration's
/// workspace, channel, name and topic.
fn channel_configurations(
    mut d: Design,
    key: &str,
    configs: &[Value],
) -> Result<Imported, ImportError> {
    let mut notes = Vec::new();
    let Some(c) = configs.first().and_then(Value::as_object) else {
        return Err(ImportError::Unknown);
    };
    if configs.len() > 1 {
        notes.push(Diagnostic::warning(
            key,
            format!("{} configurations; the first is imported", configs.len()),
        ));
    }
    let dep = &mut d.deployment;
    // Teams configurations carry a team and a tenant; Slack's a Slack team.
    let teams = c.contains_key("TenantId");
    let keys = if teams {
        ["TeamId", "ChannelId", "TenantId"]
    } else {
        ["SlackTeamId", "SlackChannelId", ""]
    };
    set_channel(dep, teams, keys, c);
    if let Some(arn) = strings(c.get("SnsTopicArns")).first() {
        set_topic(dep, arn);
    }
    notes.push(Diagnostic::info(format!("{key}/0"), "the custom actions a configuration carries are not in this output; aws chatbot list-associations lists them"));
    Ok(Imported {
        kind: ImportKind::ChannelCli,
        design: d,
        notes,
    })
}

/// `aws events describe-rule` output: the rule's name, description and pattern.
fn described_rule(mut d: Design, obj: &Map<String, Value>) -> Imported {
    let mut notes = Vec::new();
    // The rule of that name, when the design has one; else the first rule becomes it.
    let name = s(obj.get("Name"));
    let k = d.rules.iter().position(|r| r.name == name).unwrap_or(0);
    read_described(&mut d, k, obj, "", &mut notes);
    Imported {
        kind: ImportKind::EventBridgeCli,
        design: d,
        notes,
    }
}

/// `aws events list-rules` output: every rule, in order, as the design's rules (a rule of the same
/// name keeps its notification and input paths; `list-targets-by-rule` gives a new one its
/// transformer).
fn listed_rules(mut d: Design, rules: &[Value]) -> Imported {
    let mut notes = Vec::new();
    let before = d.rules.clone();
    let mut read = Vec::new();
    for (k, r) in rules.iter().enumerate() {
        let Some(obj) = r.as_object() else {
            notes.push(Diagnostic::warning(
                format!("Rules/{k}"),
                "not an object; skipped",
            ));
            continue;
        };
        let name = s(obj.get("Name"));
        let slot = read.len();
        let fresh = before.iter().find(|b| b.name == name).cloned();
        let rule = rule_slot(&mut d, slot);
        match fresh {
            Some(same) => *rule = same,
            // Another rule: its transformer comes from its own list-targets-by-rule output.
            None => {
                rule.input_paths.clear();
                rule.input_template_override = None;
                rule.notification = NotificationDesign::default();
            }
        }
        read_described(&mut d, slot, obj, &format!("Rules/{k}/"), &mut notes);
        read.push(name);
    }
    if !read.is_empty() {
        d.rules.truncate(read.len());
        notes.push(Diagnostic::info(
            "Rules",
            format!(
                "{} rule(s) imported: {}; then import each new rule's aws events list-targets-by-rule output, in the same order, for its input paths and notification",
                read.len(),
                read.join(", ")
            ),
        ));
    }
    Imported {
        kind: ImportKind::EventBridgeCli,
        design: d,
        notes,
    }
}

/// A described rule's name, description, state and pattern, into rule `k`.
fn read_described(
    d: &mut Design,
    k: usize,
    obj: &Map<String, Value>,
    at: &str,
    notes: &mut Vec<Diagnostic>,
) {
    let rule = rule_slot(d, k);
    rule.name = s(obj.get("Name"));
    rule.description = s(obj.get("Description"));
    rule.enabled = obj.get("State").and_then(Value::as_str) != Some("DISABLED");
    match obj.get("EventPattern") {
        Some(Value::String(t)) => match serde_json::from_str::<Value>(t) {
            Ok(p @ Value::Object(_)) => rule.event_pattern = p,
            _ => notes.push(Diagnostic::warning(
                format!("{at}EventPattern"),
                "not a JSON object; kept the current pattern",
            )),
        },
        _ => notes.push(Diagnostic::warning(
            format!("{at}EventPattern"),
            "not a string; kept the current pattern",
        )),
    }
}

/// `aws events list-targets-by-rule` output: the first transformer's input paths, and its
/// template as the notification when it is one the designer generates, else as the override.
fn rule_targets(mut d: Design, targets: &[Value], hint: Option<usize>) -> Imported {
    let mut notes = Vec::new();
    // The output names no rule: its transformer goes to the rule it was printed after or whose
    // name its file has (`hint`), else to the first rule still without a notification (one
    // `list-rules` added), else to the first rule.
    let k = hint.filter(|&h| h < d.rules.len()).unwrap_or_else(|| {
        d.rules
            .iter()
            .position(|r| {
                r.input_template_override.is_none() && r.notification == Default::default()
            })
            .unwrap_or(0)
    });
    if d.rules.len() > 1 {
        notes.push(Diagnostic::info(
            "Targets",
            format!("the transformer is rule {}'s", rule_slot(&mut d, k).name),
        ));
    }
    let with: Vec<&Value> = targets
        .iter()
        .filter(|t| t.get("InputTransformer").is_some())
        .collect();
    let Some(t) = with.first() else {
        notes.push(Diagnostic::warning(
            "Targets",
            "no target has an InputTransformer; kept the current input paths and template",
        ));
        return Imported {
            kind: ImportKind::EventBridgeCli,
            design: d,
            notes,
        };
    };
    if with.len() > 1 {
        notes.push(Diagnostic::warning(
            "Targets",
            format!(
                "{} targets with an InputTransformer; the first is imported",
                with.len()
            ),
        ));
    }
    rule_slot(&mut d, k).input_paths = string_map(t.pointer("/InputTransformer/InputPathsMap"));
    let template = s(t.pointer("/InputTransformer/InputTemplate"));
    match notification_of_template(&template, &d.deployment.parameters) {
        Ok(n) => {
            rule_slot(&mut d, k).notification = n;
            rule_slot(&mut d, k).input_template_override = None;
        }
        Err(why) => {
            notes.push(Diagnostic::info(
                "Targets/InputTransformer/InputTemplate",
                format!("kept as the template override: {why}"),
            ));
            rule_slot(&mut d, k).input_template_override = Some(template);
        }
    }
    Imported {
        kind: ImportKind::EventBridgeCli,
        design: d,
        notes,
    }
}

/// A custom notification pasted as-is: it replaces the designed one.
fn custom_notification(mut d: Design, v: &Value) -> Imported {
    d.first_rule_mut().notification = notification_from(v);
    d.first_rule_mut().input_template_override = None;
    Imported {
        kind: ImportKind::Notification,
        design: d,
        notes: vec![Diagnostic::info("notification", "the notification's text replaces the designed one; add <placeholders> where event values belong")],
    }
}
