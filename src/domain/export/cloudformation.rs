//! CloudFormation template, YAML or JSON from one tree. Intrinsic functions are nodes of their own,
//! so YAML gets the short forms (`!Ref`, `!GetAtt`, `!Sub`) and JSON the long ones, and no design
//! string is ever read as an intrinsic. Each writer owns its quoting.

use super::lower::{
    pascal, pattern_param, string_pieces, Action, ArnPart, Channel, ChannelActions, Check, Condition, LogGroup, Lowered,
    Param, ParamRole, Piece, PolicyStatement, Principal, Resource, Rule, Target,
    UNENCRYPTED_LOG_GROUP, UNENCRYPTED_TOPIC,
};
use super::{nothing, when_associating, ExportFile, FormatInfo, FormatSpec};
use crate::domain::design::model::ChatPlatform;

pub const YAML: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "cloudformation-yaml",
        label: "CloudFormation YAML",
        asks_about_pattern: false,
    },
    emit: emit_yaml,
    notes,
    assumptions: nothing,
};

pub const JSON: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "cloudformation-json",
        label: "CloudFormation JSON",
        asks_about_pattern: false,
    },
    emit: emit_json,
    notes,
    assumptions: nothing,
};

pub(super) fn notes(l: &Lowered) -> Vec<String> {
    when_associating(l, "CloudFormation has no resource that associates a custom action with an existing channel configuration: the template outputs the action ARNs; add them to that configuration's CustomizationResourceArns or run aws chatbot associate-to-configuration")
}
use serde_json::Value;

/// A template node (the CDK apps are written from the same tree, see `cdk`).
#[derive(Debug, Clone)]
pub(super) enum Node {
    Str(String),
    /// A JSON number, written exactly as designed.
    Num(String),
    Bool(bool),
    Null,
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
    Ref(String),
    GetAtt(String, String),
    Sub(String),
}

fn s(v: impl Into<String>) -> Node {
    Node::Str(v.into())
}
fn map(entries: Vec<(&str, Node)>) -> Node {
    Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}
fn r(name: &str) -> Node {
    Node::Ref(name.to_string())
}

/// A JSON value as a node; a string that stands for a parameter (see `pattern_param`) becomes a
/// `Ref` to it.
fn from_json(v: &Value, l: &Lowered) -> Node {
    match v {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => Node::Num(n.to_string()),
        Value::String(t) => match pattern_param(t) {
            Some(i) => r(&name(&l.params[i])),
            None => sub_pieces(l, &string_pieces(t)),
        },
        Value::Array(a) => Node::List(a.iter().map(|v| from_json(v, l)).collect()),
        Value::Object(m) => Node::Map(
            m.iter()
                .map(|(k, v)| (k.clone(), from_json(v, l)))
                .collect(),
        ),
    }
}

/// The pattern has a key CloudFormation would read as an intrinsic function (`Ref`, `Fn::…`,
/// `Condition`): such a pattern goes as a JSON string rather than an object.
fn has_intrinsic_keys(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.iter().any(|(k, v)| {
            k == "Ref" || k == "Condition" || k.starts_with("Fn::") || has_intrinsic_keys(v)
        }),
        Value::Array(a) => a.iter().any(has_intrinsic_keys),
        _ => false,
    }
}

/// The pattern has a number a template cannot carry as a number exactly: a fraction or exponent
/// (a YAML or JSON reader may rewrite it), or an integer beyond ±2^53 (a JavaScript number, as in
/// the CDK's synthesis, rounds it). Such a pattern goes as a JSON string.
fn has_inexact_number(v: &Value) -> bool {
    match v {
        Value::Number(n) => {
            let t = n.to_string();
            let digits = t.trim_start_matches('-');
            !digits.chars().all(|c| c.is_ascii_digit())
                || digits.parse::<u64>().is_ok_and(|d| d > 1 << 53)
                || digits.len() > 19
        }
        Value::Array(a) => a.iter().any(has_inexact_number),
        Value::Object(m) => m.values().any(has_inexact_number),
        _ => false,
    }
}

/// Escapes literal text for `Fn::Sub`: `${` becomes `${!`.
fn sub_escape(t: &str) -> String {
    t.replace("${", "${!")
}

/// The parameter's name.
fn name(p: &Param) -> String {
    pascal(&p.words)
}

fn param_name(l: &Lowered, role: ParamRole) -> String {
    l.param(role).map(name).unwrap_or_default()
}

fn topic_arn(l: &Lowered) -> Node {
    if l.creates_topic() {
        r("ChatOpsTopic")
    } else {
        r(&param_name(l, ParamRole::TopicArn))
    }
}

fn parameter(p: &Param) -> (String, Node) {
    let mut m = vec![
        ("Type", s("String")),
        ("Description", s(p.description.clone())),
    ];
    if let Some(d) = &p.default {
        m.push(("Default", s(d.clone())));
    }
    m.push(("AllowedPattern", s(p.check.regex())));
    let constraint = match p.check {
        Check::TemplateSafe => {
            "must not contain quotes, backslashes, angle brackets or control characters".to_string()
        }
        Check::Pattern { pattern, .. } => format!("must match {pattern}"),
    };
    m.push(("ConstraintDescription", s(constraint)));
    (name(p), map(m))
}

fn policy(l: &Lowered, statements: &[PolicyStatement]) -> Node {
    map(vec![
        ("Version", s("2012-10-17")),
        (
            "Statement",
            Node::List(statements.iter().map(|st| statement(l, st)).collect()),
        ),
    ])
}

/// One string as a scalar, several as a list.
fn one_or_list(items: &[impl AsRef<str>], listed: bool) -> Node {
    match items {
        [one] if !listed => s(one.as_ref()),
        _ => Node::List(items.iter().map(|i| s(i.as_ref())).collect()),
    }
}

/// The log group of matched events, as `Fn::Sub` text.
const LOG_GROUP_ARN: &str =
    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${EventsLogGroup}";

fn statement(l: &Lowered, st: &PolicyStatement) -> Node {
    let mut m = Vec::new();
    if let Some(sid) = &st.sid {
        m.push(("Sid", s(sid.clone())));
    }
    m.push(("Effect", s("Allow")));
    if let Some(p) = &st.principal {
        m.push((
            "Principal",
            match p {
                Principal::Service(ids) => map(vec![("Service", one_or_list(ids, false))]),
                Principal::Account => map(vec![(
                    "AWS",
                    Node::Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root".into()),
                )]),
            },
        ));
    }
    m.push(("Action", one_or_list(&st.actions, st.listed)));
    if let Some(target) = &st.resource {
        m.push(("Resource", policy_resource(l, target)));
    }
    if !st.conditions.is_empty() {
        m.push((
            "Condition",
            conditions(&st.conditions, |c| match c {
                Condition::SourceAccount => r("AWS::AccountId"),
                Condition::SourceArn(arns) => Node::List(
                    arns.iter()
                        .map(|a| policy_resource(l, &Target::Arn(a.clone())))
                        .collect(),
                ),
            }),
        ));
    }
    map(m)
}

/// A statement's `Condition`: each operator once, its keys in order.
fn conditions(cs: &[Condition], value: impl Fn(&Condition) -> Node) -> Node {
    Node::Map(
        Condition::by_operator(cs)
            .into_iter()
            .map(|(op, same)| {
                let keys = same.into_iter().map(|c| (c.test().1.to_string(), value(c)));
                (op.to_string(), Node::Map(keys.collect()))
            })
            .collect(),
    )
}

fn policy_resource(l: &Lowered, target: &Target) -> Node {
    match target {
        Target::Any => s("*"),
        Target::Topic => r("ChatOpsTopic"),
        Target::LogStreams(key) => Node::Sub(format!("{}:*", log_group_arn(key))),
        Target::Arn(parts) => Node::Sub(
            parts
                .iter()
                .map(|p| match p {
                    ArnPart::Text(t) => sub_escape(t),
                    ArnPart::Partition => "${AWS::Partition}".into(),
                    ArnPart::Region => "${AWS::Region}".into(),
                    ArnPart::Account => "${AWS::AccountId}".into(),
                    ArnPart::Param(role) => format!("${{{}}}", param_name(l, *role)),
                })
                .collect(),
        ),
    }
}

/// A node inside one `Fn::Sub` text (as JSON): literal strings escaped, `Fn::Sub` text as is.
fn sub_json(n: &Node) -> Value {
    match n {
        Node::Str(t) => Value::String(sub_escape(t)),
        Node::Sub(t) => Value::String(t.clone()),
        Node::List(items) => Value::Array(items.iter().map(sub_json).collect()),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), sub_json(v)))
                .collect(),
        ),
        Node::Num(_) | Node::Bool(_) | Node::Null | Node::Ref(_) | Node::GetAtt(..) => {
            Value::Null
        }
    }
}

/// Text with parameters spliced in: `Fn::Sub` when there is a parameter, a plain string otherwise.
fn sub_pieces(l: &Lowered, pieces: &[Piece]) -> Node {
    if pieces.iter().any(|p| matches!(p, Piece::Param(_))) {
        Node::Sub(
            pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => sub_escape(t),
                    Piece::Param(i) => format!("${{{}}}", name(&l.params[*i])),
                })
                .collect(),
        )
    } else {
        s(pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Param(_) => "",
            })
            .collect::<String>())
    }
}

/// A resource with checkov's inline suppressions in its Metadata, each with its reason.
fn with_checkov_skips(resource: Node, skips: &[(&str, &str)]) -> Node {
    let Node::Map(mut entries) = resource else {
        return resource;
    };
    let skip = skips
        .iter()
        .map(|(id, why)| map(vec![("id", s(*id)), ("comment", s(*why))]))
        .collect();
    entries.insert(
        0,
        (
            "Metadata".into(),
            map(vec![("checkov", map(vec![("skip", Node::List(skip))]))]),
        ),
    );
    Node::Map(entries)
}

/// A resource of type `kind` with its properties.
fn typed(kind: &str, props: Vec<(&str, Node)>) -> Node {
    map(vec![("Type", s(kind)), ("Properties", map(props))])
}

/// Resources and outputs, each a list of (logical id, node).
#[derive(Default)]
struct Parts {
    resources: Vec<(String, Node)>,
    outputs: Vec<(String, Node)>,
}

impl Parts {
    fn resource(&mut self, id: &str, node: Node) {
        self.resources.push((id.to_string(), node));
    }
    fn output(&mut self, id: &str, description: &str, value: Node) {
        self.outputs.push((
            id.to_string(),
            map(vec![("Description", s(description)), ("Value", value)]),
        ));
    }
}

/// The whole template: the tree both CloudFormation texts and the CDK apps are written from.
pub(super) fn template(l: &Lowered) -> Node {
    let mut top: Vec<(&str, Node)> = vec![("AWSTemplateFormatVersion", s("2010-09-09"))];
    let mut desc = format!("ChatOps Designer: {}", l.design_name);
    if desc.len() > 1024 {
        let mut cut = 1021;
        while !desc.is_char_boundary(cut) {
            cut -= 1;
        }
        desc.truncate(cut);
        desc.push_str("...");
    }
    top.push(("Description", s(desc)));
    let params: Vec<(String, Node)> = l
        .params
        .iter()
        .filter(|p| {
            // Region: the stack's own. ConfigArn: CloudFormation cannot associate (see notes).
            !matches!(
                p.role,
                ParamRole::Region | ParamRole::ChatbotRegion | ParamRole::ConfigArn
            )
        })
        .map(parameter)
        .collect();
    if !params.is_empty() {
        top.push(("Parameters", Node::Map(params)));
    }
    let ids = l.action_names(|a| {
        let mut w = a.words.clone();
        w.push("Action".into());
        pascal(&w)
    });
    let mut resources: Vec<&Resource> = l.resources.iter().collect();
    resources.sort_by_key(|r| rank(r));
    let mut parts = Parts::default();
    for res in resources {
        resource(l, &ids, res, &mut parts);
    }
    top.push(("Resources", Node::Map(parts.resources)));
    if !parts.outputs.is_empty() {
        top.push(("Outputs", Node::Map(parts.outputs)));
    }
    map(top)
}

/// Where a resource sits in the template.
fn rank(r: &Resource) -> u8 {
    match r {
        Resource::TopicKey { .. } => 0,
        Resource::Topic { .. } => 1,
        Resource::TopicPolicy { .. } => 2,
        Resource::LogGroup(_) => 3,
        Resource::Rule(_) => 4,
        Resource::ChannelRole { .. } => 5,
        Resource::Guardrail { .. } => 6,
        Resource::CustomAction(_) | Resource::Association { .. } => 7,
        Resource::ChannelConfiguration(_) => 8,
    }
}

/// Adds one resource (its logical ids `ids` for the actions) and its outputs.
fn resource(l: &Lowered, ids: &[String], res: &Resource, out: &mut Parts) {
    match res {
        Resource::TopicKey { policy: key_policy } => out.resource(
            "ChatOpsTopicKey",
            typed(
                "AWS::KMS::Key",
                vec![
                    (
                        "Description",
                        s("Encrypts the ChatOps SNS topic; EventBridge may use it to publish"),
                    ),
                    ("EnableKeyRotation", Node::Bool(true)),
                    ("KeyPolicy", policy(l, key_policy)),
                ],
            ),
        ),
        Resource::Topic { encrypted } => {
            let mut topic = vec![("TopicName", r(&param_name(l, ParamRole::TopicName)))];
            if *encrypted {
                let key = Node::GetAtt("ChatOpsTopicKey".into(), "Arn".into());
                topic.push(("KmsMasterKeyId", key));
            }
            let mut topic = typed("AWS::SNS::Topic", topic);
            if !encrypted {
                topic = with_checkov_skips(topic, &[("CKV_AWS_26", UNENCRYPTED_TOPIC)]);
            }
            out.resource("ChatOpsTopic", topic);
        }
        Resource::TopicPolicy { policy: topic_policy } => {
            out.resource(
                "ChatOpsTopicPolicy",
                typed(
                    "AWS::SNS::TopicInlinePolicy",
                    vec![
                        ("TopicArn", r("ChatOpsTopic")),
                        ("PolicyDocument", policy(l, topic_policy)),
                    ],
                ),
            );
            out.output("SnsTopicArn", "The topic the rule publishes to", r("ChatOpsTopic"));
        }
        Resource::LogGroup(g) => log_group(l, g, out),
        Resource::Rule(rule) => event_rule(l, rule, out),
        Resource::ChannelRole { trust, permissions } => channel_role(l, trust, permissions, out),
        Resource::Guardrail { policy: guardrail } => out.resource(
            "ChannelGuardrail",
            typed(
                "AWS::IAM::ManagedPolicy",
                vec![
                    (
                        "Description",
                        s("Guardrail: what any command run from the channel may do"),
                    ),
                    ("PolicyDocument", policy(l, guardrail)),
                ],
            ),
        ),
        Resource::CustomAction(a) => custom_action(a, &ids[a.index], out),
        // No resource associates an action with an existing configuration: the outputs carry
        // the ARNs (see the notes).
        Resource::Association { .. } => {}
        Resource::ChannelConfiguration(channel) => channel_configuration(l, ids, channel, out),
    }
}

fn channel_role(
    l: &Lowered,
    trust: &[PolicyStatement],
    permissions: &[PolicyStatement],
    out: &mut Parts,
) {
    out.resource(
        "ChannelRole",
        typed(
            "AWS::IAM::Role",
            vec![
                ("AssumeRolePolicyDocument", policy(l, trust)),
                (
                    "Policies",
                    Node::List(vec![map(vec![
                        ("PolicyName", s("chatops-button-commands")),
                        ("PolicyDocument", policy(l, permissions)),
                    ])]),
                ),
            ],
        ),
    );
    out.output(
        "ChannelRoleArn",
        "The role channel members' commands run with",
        Node::GetAtt("ChannelRole".into(), "Arn".into()),
    );
}

/// A logical id for one of a rule's resources: `single` for a design's only rule, else the rule's
/// words in PascalCase and `kind` (`CheckoutReadyRule`).
fn logical_id(key: &Option<Vec<String>>, single: &str, kind: &str) -> String {
    match key {
        None => single.into(),
        Some(words) => format!("{}{kind}", pascal(words)),
    }
}

/// The ARN of a rule's log group, as `Fn::Sub` text.
fn log_group_arn(key: &Option<Vec<String>>) -> String {
    LOG_GROUP_ARN.replace(
        "${EventsLogGroup}",
        &format!("${{{}}}", logical_id(key, "EventsLogGroup", "LogGroup")),
    )
}

fn log_group(l: &Lowered, g: &LogGroup, out: &mut Parts) {
    let group = logical_id(&g.key, "EventsLogGroup", "LogGroup");
    out.resource(
        &group,
        with_checkov_skips(
            typed(
                "AWS::Logs::LogGroup",
                vec![
                    ("LogGroupName", s(g.name.clone())),
                    ("RetentionInDays", Node::Num(g.retention_days.to_string())),
                ],
            ),
            &[("CKV_AWS_158", UNENCRYPTED_LOG_GROUP)],
        ),
    );
    // The policy names the group's ARN, so the whole document is one `Fn::Sub` text.
    let document = sub_json(&policy(l, &g.policy)).to_string();
    out.resource(
        &logical_id(&g.key, "EventsLogPolicy", "LogPolicy"),
        typed(
            "AWS::Logs::ResourcePolicy",
            vec![
                ("PolicyName", s(g.policy_name.clone())),
                ("PolicyDocument", Node::Sub(document)),
            ],
        ),
    );
    out.output(
        &format!("{group}Name"),
        "The log group of matched events (replay them with chatops replay)",
        r(&group),
    );
}

fn event_rule(l: &Lowered, rule: &Rule, out: &mut Parts) {
    let mut transformer = Vec::new();
    if !rule.input_paths.is_empty() {
        transformer.push((
            "InputPathsMap",
            Node::Map(
                rule.input_paths
                    .iter()
                    .map(|(k, v)| (k.clone(), s(v.clone())))
                    .collect(),
            ),
        ));
    }
    transformer.push(("InputTemplate", sub_pieces(l, &rule.template)));
    let pattern = if has_intrinsic_keys(&rule.pattern) || has_inexact_number(&rule.pattern) {
        sub_pieces(l, &rule.pattern_pieces)
    } else {
        from_json(&rule.pattern, l)
    };
    let mut props = vec![("Name", s(rule.name.clone()))];
    if !rule.description.is_empty() {
        props.push(("Description", s(rule.description.clone())));
    }
    props.push(("State", s(if rule.enabled { "ENABLED" } else { "DISABLED" })));
    props.push(("EventPattern", pattern));
    let mut targets = vec![map(vec![
        ("Id", s("chatops-sns")),
        ("Arn", topic_arn(l)),
        ("InputTransformer", map(transformer)),
    ])];
    if let Some(g) = &rule.log_group {
        targets.push(map(vec![
            ("Id", s("chatops-log")),
            ("Arn", Node::Sub(log_group_arn(&g.key))),
        ]));
    }
    props.push(("Targets", Node::List(targets)));
    let id = logical_id(&rule.key, "DeploymentRule", "Rule");
    out.resource(&id, typed("AWS::Events::Rule", props));
    let (output, what) = match &rule.key {
        None => ("EventRuleArn".to_string(), "The EventBridge rule".to_string()),
        Some(_) => (
            format!("{id}Arn"),
            format!("The EventBridge rule {}", rule.name),
        ),
    };
    out.output(&output, &what, Node::GetAtt(id, "Arn".into()));
}

fn custom_action(a: &Action, id: &str, out: &mut Parts) {
    let mut attachment = vec![
        ("NotificationType", s(a.notification_type.clone())),
        ("ButtonText", s(a.button_text.clone())),
    ];
    if !a.criteria.is_empty() {
        let criterion = |c: &super::lower::Criterion| {
            let mut m = vec![
                ("Operator", s(c.operator.clone())),
                ("VariableName", s(c.variable.clone())),
            ];
            if let Some(v) = &c.value {
                m.push(("Value", s(v.clone())));
            }
            map(m)
        };
        attachment.push((
            "Criteria",
            Node::List(a.criteria.iter().map(criterion).collect()),
        ));
    }
    if !a.variables.is_empty() {
        attachment.push((
            "Variables",
            Node::Map(
                a.variables
                    .iter()
                    .map(|(k, v)| (k.clone(), s(v.clone())))
                    .collect(),
            ),
        ));
    }
    let mut props = vec![("ActionName", s(a.name.clone()))];
    if let Some(alias) = &a.alias {
        props.push(("AliasName", s(alias.clone())));
    }
    props.push((
        "Definition",
        map(vec![("CommandText", s(a.command.clone()))]),
    ));
    props.push(("Attachments", Node::List(vec![map(attachment)])));
    out.resource(id, typed("AWS::Chatbot::CustomAction", props));
    out.output(
        &format!("{id}Arn"),
        &format!("Custom action {}", a.name),
        Node::GetAtt(id.to_string(), "CustomActionArn".into()),
    );
}

fn channel_configuration(l: &Lowered, ids: &[String], channel: &Channel, out: &mut Parts) {
    let mut props = vec![
        (
            "ConfigurationName",
            r(&param_name(l, ParamRole::ConfigName)),
        ),
        (
            "IamRoleArn",
            Node::GetAtt("ChannelRole".into(), "Arn".into()),
        ),
    ];
    match channel.platform {
        ChatPlatform::Slack => props.extend([
            (
                "SlackWorkspaceId",
                r(&param_name(l, ParamRole::WorkspaceId)),
            ),
            ("SlackChannelId", r(&param_name(l, ParamRole::ChannelId))),
        ]),
        ChatPlatform::Teams => props.extend([
            ("TeamId", r(&param_name(l, ParamRole::TeamId))),
            ("TeamsChannelId", r(&param_name(l, ParamRole::ChannelId))),
            ("TeamsTenantId", r(&param_name(l, ParamRole::TenantId))),
        ]),
    }
    props.extend([
        ("SnsTopicArns", Node::List(vec![topic_arn(l)])),
        ("LoggingLevel", s("ERROR")),
    ]);
    if channel.guardrail {
        props.push(("GuardrailPolicies", Node::List(vec![r("ChannelGuardrail")])));
    }
    let arns: Vec<Node> = match &channel.actions {
        ChannelActions::Exported => l
            .actions()
            .map(|a| Node::GetAtt(ids[a.index].clone(), "CustomActionArn".into()))
            .collect(),
        ChannelActions::ByName(names) => names
            .iter()
            .map(|n| {
                Node::Sub(format!(
                    "arn:${{AWS::Partition}}:chatbot::${{AWS::AccountId}}:custom-action/{}",
                    sub_escape(n)
                ))
            })
            .collect(),
    };
    if !arns.is_empty() {
        props.push(("CustomizationResourceArns", Node::List(arns)));
    }
    let (id, kind, what) = match channel.platform {
        ChatPlatform::Slack => (
            "SlackChannel",
            "AWS::Chatbot::SlackChannelConfiguration",
            "The Slack channel configuration",
        ),
        ChatPlatform::Teams => (
            "TeamsChannel",
            "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
            "The Microsoft Teams channel configuration",
        ),
    };
    out.resource(id, typed(kind, props));
    out.output(
        "ChannelConfigurationArn",
        what,
        Node::GetAtt(id.into(), "Arn".into()),
    );
}

// ---------------------------------------------------------------------------------------------
// JSON

/// A JSON string. Beyond what JSON requires, every character YAML may not hold raw (DEL, C1
/// controls, U+2028, U+2029, byte-order marks) is written as `\uXXXX`: cfn-lint reads JSON
/// templates with a YAML reader, which refuses them raw.
fn json_str(t: &str) -> String {
    let quoted = serde_json::to_string(t).unwrap_or_else(|_| "\"\"".into());
    if quoted.chars().all(|c| yaml_raw(c) || c == '"') {
        return quoted;
    }
    let mut out = String::with_capacity(quoted.len() + 8);
    for c in quoted.chars() {
        if yaml_raw(c) || c == '"' {
            out.push(c);
        } else {
            // serde_json escaped every control below U+0020, so only characters of the BMP remain.
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    out
}

fn write_json(n: &Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth + 1);
    let end = "  ".repeat(depth);
    match n {
        Node::Str(t) => out.push_str(&json_str(t)),
        Node::Num(t) => out.push_str(t),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Null => out.push_str("null"),
        Node::Ref(t) => out.push_str(&format!("{{ \"Ref\": {} }}", json_str(t))),
        Node::GetAtt(a, b) => out.push_str(&format!(
            "{{ \"Fn::GetAtt\": [{}, {}] }}",
            json_str(a),
            json_str(b)
        )),
        Node::Sub(t) => out.push_str(&format!("{{ \"Fn::Sub\": {} }}", json_str(t))),
        Node::List(items) if items.is_empty() => out.push_str("[]"),
        Node::List(items) => {
            out.push_str("[\n");
            for (i, it) in items.iter().enumerate() {
                out.push_str(&pad);
                write_json(it, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&end);
            out.push(']');
        }
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Map(entries) => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&json_str(k));
                out.push_str(": ");
                write_json(v, depth + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&end);
            out.push('}');
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YAML

const YAML_WORDS: &[&str] = &[
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
];

/// A plain (unquoted) scalar is safe: starts with a letter, only tame characters, not a YAML 1.1
/// boolean or null, no `: ` or ` #`, no trailing space or colon.
fn plain_ok(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || " _./:@+*-".contains(c))
        && !t.contains(": ")
        && !t.contains(" #")
        && !t.ends_with(' ')
        && !t.ends_with(':')
        && !YAML_WORDS.contains(&t.to_ascii_lowercase().as_str())
}

/// Characters YAML may hold raw in any scalar (printable, and not a YAML 1.1 line break or BOM).
fn yaml_raw(c: char) -> bool {
    matches!(c, ' '..='~')
        || (c >= '\u{a0}'
            && c != '\u{2028}'
            && c != '\u{2029}'
            && c != '\u{feff}'
            && c != '\u{fffe}'
            && c != '\u{ffff}')
}

/// A double-quoted scalar; everything not safely raw is escaped.
fn yaml_quoted(t: &str) -> String {
    let mut out = String::from("\"");
    for c in t.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if yaml_raw(c) => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar fits: several lines, every character raw, no trailing spaces, the first
/// line not indented, at most one final newline.
fn block_ok(t: &str) -> bool {
    let body = t.strip_suffix('\n').unwrap_or(t);
    body.contains('\n')
        && !body.ends_with('\n')
        && body.chars().all(|c| c == '\n' || yaml_raw(c))
        && body.lines().all(|l| !l.ends_with(' ') && !l.is_empty())
        && !body.starts_with(' ')
}

/// A scalar after `key: ` (or `- `), possibly spanning lines indented at `depth`.
fn yaml_scalar(t: &str, depth: usize) -> String {
    if plain_ok(t) {
        t.to_string()
    } else if block_ok(t) {
        let pad = "  ".repeat(depth);
        let chomp = if t.ends_with('\n') { "|" } else { "|-" };
        let body = t.strip_suffix('\n').unwrap_or(t);
        let mut out = chomp.to_string();
        for l in body.lines() {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(l);
        }
        out
    } else {
        yaml_quoted(t)
    }
}

fn yaml_key(k: &str) -> String {
    if plain_ok(k) && !k.contains(' ') {
        k.to_string()
    } else {
        yaml_quoted(k)
    }
}

/// Inline form of a node that fits after `key: `, or `None` for a nested collection.
fn yaml_inline(n: &Node, depth: usize) -> Option<String> {
    Some(match n {
        Node::Str(t) => yaml_scalar(t, depth),
        Node::Num(t) => t.clone(),
        Node::Bool(b) => b.to_string(),
        Node::Null => "null".into(),
        Node::Ref(t) => format!("!Ref {}", yaml_scalar(t, depth)),
        Node::GetAtt(a, b) => format!("!GetAtt {}", yaml_scalar(&format!("{a}.{b}"), depth)),
        Node::Sub(t) => format!("!Sub {}", yaml_scalar(t, depth)),
        Node::List(items) if items.is_empty() => "[]".into(),
        Node::Map(entries) if entries.is_empty() => "{}".into(),
        _ => return None,
    })
}

fn write_yaml_map(entries: &[(String, Node)], depth: usize, out: &mut String, first_inline: bool) {
    let pad = "  ".repeat(depth);
    for (i, (k, v)) in entries.iter().enumerate() {
        if !(i == 0 && first_inline) {
            out.push_str(&pad);
        }
        out.push_str(&yaml_key(k));
        match yaml_inline(v, depth + 1) {
            Some(t) => {
                out.push_str(": ");
                out.push_str(&t);
                out.push('\n');
            }
            None => {
                out.push_str(":\n");
                write_yaml_block(v, depth + 1, out);
            }
        }
    }
}

fn write_yaml_block(n: &Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match n {
        Node::Map(entries) => write_yaml_map(entries, depth, out, false),
        Node::List(items) => {
            for it in items {
                out.push_str(&pad);
                out.push_str("- ");
                match it {
                    Node::Map(entries) if !entries.is_empty() => {
                        write_yaml_map(entries, depth + 1, out, true)
                    }
                    Node::List(inner) if !inner.is_empty() => {
                        out.push('\n');
                        write_yaml_block(it, depth + 1, out);
                    }
                    _ => {
                        out.push_str(&yaml_inline(it, depth + 1).unwrap_or_default());
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&yaml_inline(other, depth).unwrap_or_default());
            out.push('\n');
        }
    }
}

pub fn emit_yaml(l: &Lowered) -> Vec<ExportFile> {
    let mut out = String::new();
    if let Node::Map(entries) = template(l) {
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 1 {
                out.push('\n');
            }
            write_yaml_map(
                std::slice::from_ref(&(k.clone(), v.clone())),
                0,
                &mut out,
                false,
            );
        }
    }
    vec![ExportFile {
        name: "template.yaml".into(),
        contents: out,
    }]
}

pub fn emit_json(l: &Lowered) -> Vec<ExportFile> {
    let mut out = String::new();
    write_json(&template(l), 0, &mut out);
    out.push('\n');
    vec![ExportFile {
        name: "template.json".into(),
        contents: out,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_are_plain_only_when_safe() {
        assert_eq!(yaml_scalar("sns:Publish", 0), "sns:Publish");
        assert_eq!(yaml_scalar("yes", 0), "\"yes\"");
        assert_eq!(yaml_scalar("2012-10-17", 0), "\"2012-10-17\"");
        assert_eq!(yaml_scalar("a: b", 0), "\"a: b\"");
        assert_eq!(yaml_scalar("x\u{2028}y", 0), "\"x\\u2028y\"");
        assert_eq!(
            yaml_scalar("{\n  \"a\": 1\n}", 1),
            "|-\n  {\n    \"a\": 1\n  }"
        );
    }

    #[test]
    fn json_strings_hold_only_characters_yaml_reads_raw() {
        let t = "a\u{7f}b\u{85}c\u{2028}d\u{feff}e\u{1f680}\u{0}\"";
        let s = json_str(t);
        assert_eq!(
            s,
            "\"a\\u007fb\\u0085c\\u2028d\\ufeffe\u{1f680}\\u0000\\\"\""
        );
        assert_eq!(serde_json::from_str::<String>(&s).unwrap(), t);
    }

    #[test]
    fn sub_escapes_dollar_brace() {
        assert_eq!(sub_escape("a ${b} $c"), "a ${!b} $c");
    }
}
