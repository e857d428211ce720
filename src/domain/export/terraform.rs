//! Terraform module: `main.tf`, `variables.tf`, `outputs.tf`, laid out as `terraform fmt` lays them
//! out. hashicorp/aws for the topic, rule, role and policies; awscc for the custom actions and the
//! Slack channel configuration (hashicorp/aws has no custom-action resource or customization ARNs).
//! Strings are HCL-quoted here; the input template and the pattern are literal heredocs, never
//! `jsonencode`, which would turn `<placeholder>` into `\u003cplaceholder\u003e`. The template's
//! heredoc sits in `trimsuffix(…, "\n")`, so it carries no newline the other exports lack, and a
//! carriage return in it is written `${"\r"}`.

use super::lower::{
    snake, Action, ArnPart, Channel, ChannelActions, Check, Condition, Criterion, LogGroup, Lowered, Param,
    ParamRole, Piece, PolicyStatement, Principal, Resource, Rule, Target, UNENCRYPTED_LOG_GROUP,
    UNENCRYPTED_TOPIC,
};
use super::{nothing, when_associating, ExportFile, FormatInfo, FormatSpec};
use crate::domain::design::model::ChatPlatform;

pub const TERRAFORM: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "terraform",
        label: "Terraform",
        asks_about_pattern: false,
    },
    emit,
    notes,
    assumptions: nothing,
};

fn notes(l: &Lowered) -> Vec<String> {
    when_associating(l, "The association with the existing channel configuration runs aws chatbot associate-to-configuration from a terraform_data provisioner, so the AWS CLI must be on the machine that applies")
}

/// An HCL expression.
enum Expr {
    /// One line, already HCL (a reference or a quoted string).
    Line(String),
    /// Several lines; the first follows `=`, the others are indented one level deeper than the key.
    Lines(Vec<String>),
    /// A heredoc: delimiter and content lines, written at column 0.
    Heredoc(String, String),
    /// A heredoc without its final newline, `trimsuffix(<<EOT … EOT, "\n")`: exactly the content.
    /// Stands alone (hclwrite does not align it with its neighbours).
    ExactHeredoc(String, String),
}

enum Item {
    Attr(String, Expr),
    Block(String, Vec<Item>),
    Blank,
    /// A `#` comment line (checkov's inline suppressions).
    Comment(String),
}

fn attr(key: &str, e: Expr) -> Item {
    Item::Attr(key.to_string(), e)
}
fn line(s: impl Into<String>) -> Expr {
    Expr::Line(s.into())
}
fn block(header: impl Into<String>, items: Vec<Item>) -> Item {
    Item::Block(header.into(), items)
}

/// Escapes text for inside an HCL template (quoted string or heredoc): `${` and `%{` are doubled.
fn escape_template(s: &str) -> String {
    s.replace("${", "$${").replace("%{", "%%{")
}

/// A quoted HCL string: backslash escapes for `\\`, `"` and control characters, then the template
/// escapes every HCL string gets.
pub fn quote(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' => escaped.push_str("\\\""),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                escaped.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => escaped.push(c),
        }
    }
    format!("\"{}\"", escape_template(&escaped))
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A map or object key: bare when it is an identifier, else quoted.
fn key(s: &str) -> String {
    if is_ident(s) {
        s.to_string()
    } else {
        quote(s)
    }
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// A heredoc delimiter that no content line equals.
/// A heredoc delimiter that no content line starts with (after its indentation): some HCL parsers
/// end a heredoc at a line that merely begins with the delimiter.
fn delimiter(content: &str) -> String {
    let mut d = "EOT".to_string();
    let mut n = 1;
    while content
        .lines()
        .any(|l| l.trim_start().starts_with(d.as_str()))
    {
        d = format!("EOT{n}");
        n += 1;
    }
    d
}

fn heredoc(content: String) -> Expr {
    Expr::Heredoc(delimiter(&content), content)
}

/// A heredoc whose value is exactly `content`: a heredoc always ends with a newline, which
/// `trimsuffix` takes off again, so EventBridge gets the same bytes as from the other exports.
fn exact_heredoc(content: String) -> Expr {
    Expr::ExactHeredoc(delimiter(&content), content)
}

/// An object literal `{ k = v … }` over multi-line items.
fn object(items: Vec<Item>) -> Expr {
    let mut body = String::new();
    render(&items, 1, &mut body);
    let mut lines = vec!["{".to_string()];
    lines.extend(body.lines().map(str::to_string));
    lines.push("}".to_string());
    Expr::Lines(lines)
}

/// A list of objects `[ { … }, … ]`.
fn object_list(objects: Vec<Vec<Item>>) -> Expr {
    let mut lines = vec!["[".to_string()];
    let n = objects.len();
    for (i, o) in objects.into_iter().enumerate() {
        let Expr::Lines(obj) = object(o) else {
            unreachable!()
        };
        let last = obj.len() - 1;
        for (j, l) in obj.into_iter().enumerate() {
            let comma = if j == last && i + 1 < n { "," } else { "" };
            lines.push(format!("  {l}{comma}"));
        }
    }
    lines.push("]".to_string());
    Expr::Lines(lines)
}

/// A list written one element per line.
fn tall_list(items: &[String]) -> Expr {
    let mut lines = vec!["[".to_string()];
    for (i, it) in items.iter().enumerate() {
        let comma = if i + 1 < items.len() { "," } else { "" };
        lines.push(format!("  {it}{comma}"));
    }
    lines.push("]".to_string());
    Expr::Lines(lines)
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

/// Renders items as `terraform fmt` (hclwrite) does: `=` aligned across a run of one-line
/// attributes, which a heredoc attribute closes; a bracketed multi-line value, a block or a blank
/// line ends the run.
fn render(items: &[Item], depth: usize, out: &mut String) {
    let pad = indent(depth);
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Blank => {
                out.push('\n');
                i += 1;
            }
            Item::Comment(text) => {
                out.push_str(&format!("{pad}#{}\n", text.replace(['\n', '\r'], " ")));
                i += 1;
            }
            Item::Block(header, body) => {
                if body.is_empty() {
                    out.push_str(&format!("{pad}{header} {{}}\n"));
                } else {
                    out.push_str(&format!("{pad}{header} {{\n"));
                    render(body, depth + 1, out);
                    out.push_str(&format!("{pad}}}\n"));
                }
                i += 1;
            }
            Item::Attr(..) => {
                // The run: consecutive one-line attributes, closed by a heredoc one; an attribute
                // whose value is bracketed over several lines stands alone.
                let mut j = i;
                while j < items.len() {
                    match &items[j] {
                        Item::Attr(_, Expr::Line(_)) => j += 1,
                        Item::Attr(_, Expr::Heredoc(..)) => {
                            j += 1;
                            break;
                        }
                        _ => break,
                    }
                }
                if j == i {
                    j = i + 1;
                }
                let width = items[i..j]
                    .iter()
                    .map(|it| match it {
                        Item::Attr(k, _) => k.chars().count(),
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                for it in &items[i..j] {
                    let Item::Attr(k, e) = it else { continue };
                    let gap = " ".repeat(width - k.chars().count());
                    match e {
                        Expr::Line(v) => out.push_str(&format!("{pad}{k}{gap} = {v}\n")),
                        Expr::Lines(ls) => {
                            out.push_str(&format!("{pad}{k}{gap} = {}\n", ls[0]));
                            for l in &ls[1..] {
                                out.push_str(&format!("{pad}{l}\n"));
                            }
                        }
                        Expr::Heredoc(d, content) => {
                            out.push_str(&format!("{pad}{k}{gap} = <<{d}\n{content}\n{d}\n"));
                        }
                        Expr::ExactHeredoc(d, content) => {
                            out.push_str(&format!(
                                "{pad}{k}{gap} = trimsuffix(<<{d}\n{content}\n{d}\n{pad}, \"\\n\")\n"
                            ));
                        }
                    }
                }
                i = j;
            }
        }
    }
}

fn file(items: Vec<Item>) -> String {
    let mut out = String::new();
    render(&items, 0, &mut out);
    out
}

/// The variable's name.
fn name(p: &Param) -> String {
    snake(&p.words)
}

fn var_ref(p: &Param) -> String {
    format!("var.{}", name(p))
}

fn var(l: &Lowered, role: ParamRole) -> String {
    l.param(role).map(var_ref).unwrap_or_default()
}

fn variable_block(p: &Param) -> Item {
    let mut body = vec![
        attr("description", line(quote(&p.description))),
        attr("type", line("string")),
    ];
    if let Some(d) = &p.default {
        body.push(attr("default", line(quote(d))));
    }
    body.push(Item::Blank);
    let message = match p.check {
        Check::TemplateSafe => format!(
            "The value of {} must not contain quotes, backslashes, angle brackets or control characters.",
            name(p)
        ),
        Check::Pattern { pattern, .. } => format!("The value of {} must match {pattern}.", name(p)),
    };
    body.push(block(
        "validation",
        vec![
            attr(
                "condition",
                line(format!(
                    "can(regex({}, {}))",
                    quote(p.check.regex()),
                    var_ref(p)
                )),
            ),
            attr("error_message", line(quote(&message))),
        ],
    ));
    block(format!("variable {}", quote(&name(p))), body)
}

fn policy_resources(r: &Target, l: &Lowered) -> String {
    match r {
        Target::Any => list(&[quote("*")]),
        Target::Topic => list(&["aws_sns_topic.chatops.arn".into()]),
        Target::LogStreams(key) => list(&[format!(
            "\"${{aws_cloudwatch_log_group.{}.arn}}:*\"",
            group_label(key)
        )]),
        Target::Arn(parts) => list(&[arn_text(parts, l)]),
    }
}

/// An ARN as an HCL string, its partition, Region, account and parameters interpolated.
fn arn_text(parts: &[ArnPart], l: &Lowered) -> String {
    let arn: String = parts
        .iter()
        .map(|p| match p {
            ArnPart::Text(t) => escape_template(t),
            ArnPart::Partition => PARTITION.into(),
            ArnPart::Region => format!("${{{}}}", var(l, ParamRole::Region)),
            ArnPart::Account => ACCOUNT.into(),
            ArnPart::Param(role) => format!("${{{}}}", var(l, *role)),
        })
        .collect();
    format!("\"{arn}\"")
}

/// checkov findings on the key policy, each suppressed with its reason.
pub const KEY_POLICY_SKIPS: [(&str, &str); 3] = [
    ("CKV_AWS_109", "a key policy's Resource * is this key only, and the account root administers it as AWS's default key policy does"),
    ("CKV_AWS_111", "a key policy's Resource * is this key only"),
    ("CKV_AWS_356", "a key policy's Resource * is this key only"),
];

fn topic_arn(l: &Lowered) -> String {
    if l.creates_topic() {
        "aws_sns_topic.chatops.arn".into()
    } else {
        var(l, ParamRole::TopicArn)
    }
}

/// Text for inside a heredoc, unambiguous to every HCL parser: `${` and `%{` doubled; a run of
/// `$` (or `%`) right before one of those escapes, which hcl-rs reads differently from HashiCorp's
/// parser, written inside an interpolation `${"$$"}`; and each carriage return as `${"\r"}`, since
/// HCL rejects a lone CR in a heredoc ("Invalid character") and keeps a CRLF's CR only as the file's
/// line ending, which editors and git may change.
fn heredoc_text(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 16);
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("${").or_else(|| rest.strip_prefix("%{")) {
            out.push(c);
            out.push(c);
            out.push('{');
            rest = after;
            continue;
        }
        if c == '$' || c == '%' {
            let run = rest.len() - rest.trim_start_matches(c).len();
            // The run's last character may open `${` / `%{` itself.
            let next = &rest[run - 1..];
            if run > 1 && (next.starts_with("${") || next.starts_with("%{")) {
                push_literal(&mut out, &rest[..run - 1]);
                rest = next;
                continue;
            }
            if rest[run..].starts_with("${") || rest[run..].starts_with("%{") {
                push_literal(&mut out, &rest[..run]);
                rest = &rest[run..];
                continue;
            }
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        if c == '\r' {
            push_literal(&mut out, "\\r");
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Appends `text` (already escaped for a quoted HCL string) as the interpolation `${"text"}`. A `$`
/// already at the end of `out` would make `$${`, the escape for a literal `${`, so those dollars
/// move inside the string, where they are literal.
fn push_literal(out: &mut String, text: &str) {
    let dollars = out.len() - out.trim_end_matches('$').len();
    out.truncate(out.len() - dollars);
    out.push_str("${\"");
    out.push_str(&"$".repeat(dollars));
    out.push_str(text);
    out.push_str("\"}");
}

/// The template as heredoc content: text escaped for HCL templates, parameters interpolated.
fn template_heredoc(l: &Lowered, pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&heredoc_text(t)),
            Piece::Param(i) => {
                // A `$` right before the interpolation would make `$${`, a literal `${`.
                if out.ends_with('$') {
                    push_literal(&mut out, "");
                }
                out.push_str(&format!("${{{}}}", var_ref(&l.params[*i])));
            }
        }
    }
    out
}

/// What every resource's blocks read: the lowered design and the actions' resource names.
struct Ctx<'a> {
    l: &'a Lowered,
    /// Each action's resource name, by `Action::index`.
    actions: Vec<String>,
}

impl Ctx<'_> {
    fn action_arn(&self, index: usize) -> String {
        format!(
            "awscc_chatbot_custom_action.{}.custom_action_arn",
            self.actions[index]
        )
    }
}

fn main_tf(l: &Lowered) -> String {
    let c = Ctx {
        l,
        actions: l.action_names(|a| snake(&a.words)),
    };
    let mut items = vec![providers(l)];
    items.push(Item::Blank);
    items.push(block(
        "provider \"aws\"",
        vec![attr("region", line(var(l, ParamRole::Region)))],
    ));
    if l.has_param(ParamRole::ChatbotRegion) {
        items.push(Item::Blank);
        items.push(block(
            "provider \"awscc\"",
            vec![attr("region", line(var(l, ParamRole::ChatbotRegion)))],
        ));
    }
    if l.has(needs_account) {
        items.push(Item::Blank);
        items.push(block("data \"aws_caller_identity\" \"current\"", vec![]));
        items.push(Item::Blank);
        items.push(block("data \"aws_partition\" \"current\"", vec![]));
    }
    for r in &l.resources {
        for item in resource(&c, r) {
            items.push(Item::Blank);
            items.push(item);
        }
    }
    file(items)
}

/// The `terraform` block: the versions of Terraform and the providers. A disabled rule's `state`
/// argument came with hashicorp/aws 5.27.0.
fn providers(l: &Lowered) -> Item {
    let aws = if l.rules().all(|r| r.enabled) {
        ">= 5.0, < 7.0"
    } else {
        ">= 5.27, < 7.0"
    };
    let provider = |source: &str, version: &str| {
        object(vec![
            attr("source", line(quote(source))),
            attr("version", line(quote(version))),
        ])
    };
    block(
        "terraform",
        vec![
            attr("required_version", line(quote(">= 1.4.0"))),
            Item::Blank,
            block(
                "required_providers",
                vec![
                    attr("aws", provider("hashicorp/aws", aws)),
                    attr("awscc", provider("hashicorp/awscc", ">= 1.25.0, < 2.0.0")),
                ],
            ),
        ],
    )
}

/// The resource names the account and partition (data sources `aws_caller_identity` and
/// `aws_partition`).
fn needs_account(r: &Resource) -> bool {
    match r {
        Resource::TopicKey { .. }
        | Resource::ChannelRole { .. }
        | Resource::ChannelConfiguration(_) => true,
        Resource::Topic { .. }
        | Resource::TopicPolicy { .. }
        | Resource::Rule(_)
        | Resource::LogGroup(_)
        | Resource::Guardrail { .. }
        | Resource::CustomAction(_)
        | Resource::Association { .. } => false,
    }
}

/// The blocks of one resource, each preceded by a blank line in `main.tf`.
fn resource(c: &Ctx, r: &Resource) -> Vec<Item> {
    match r {
        Resource::TopicKey { policy } => topic_key(c, policy),
        Resource::Topic { encrypted } => vec![topic(c.l, *encrypted)],
        Resource::TopicPolicy { policy } => vec![
            policy_document("topic", vec![], c, policy),
            block(
                "resource \"aws_sns_topic_policy\" \"chatops\"",
                vec![
                    attr("arn", line("aws_sns_topic.chatops.arn")),
                    attr("policy", line("data.aws_iam_policy_document.topic.json")),
                ],
            ),
        ],
        Resource::Rule(rule) => event_rule(c.l, rule),
        Resource::LogGroup(g) => log_group(c, g),
        Resource::ChannelRole { trust, permissions } => channel_role(c, trust, permissions),
        Resource::Guardrail { .. } => vec![block(
            "resource \"aws_iam_policy\" \"guardrail\"",
            vec![
                attr("name_prefix", line(quote("chatops-guardrail-"))),
                attr(
                    "description",
                    line(quote(
                        "Guardrail: what any command run from the channel may do",
                    )),
                ),
                attr("policy", line("data.aws_iam_policy_document.buttons.json")),
            ],
        )],
        Resource::CustomAction(a) => vec![custom_action(c, a)],
        Resource::Association { action } => vec![association(c, *action)],
        Resource::ChannelConfiguration(channel) => vec![channel_configuration(c, channel)],
    }
}

/// A `data "aws_iam_policy_document"` block: `comments` (checkov's suppressions), then the
/// statements.
fn policy_document(
    name: &str,
    comments: Vec<Item>,
    c: &Ctx,
    policy: &[PolicyStatement],
) -> Item {
    let mut body = comments;
    body.extend(policy.iter().map(|st| statement(c.l, st)));
    block(format!("data \"aws_iam_policy_document\" {}", quote(name)), body)
}

fn statement(l: &Lowered, st: &PolicyStatement) -> Item {
    let mut body = Vec::new();
    if let Some(sid) = &st.sid {
        body.push(attr("sid", line(quote(sid))));
    }
    body.push(attr("effect", line(quote("Allow"))));
    let actions: Vec<String> = st.actions.iter().map(|a| quote(a)).collect();
    body.push(attr("actions", line(list(&actions))));
    if let Some(r) = &st.resource {
        body.push(attr("resources", line(policy_resources(r, l))));
    }
    if let Some(p) = &st.principal {
        let (kind, ids) = match p {
            Principal::Service(ids) => ("Service", ids.iter().map(|i| quote(i)).collect()),
            Principal::Account => ("AWS", vec![format!("\"arn:{PARTITION}:iam::{ACCOUNT}:root\"")]),
        };
        body.push(Item::Blank);
        body.push(block(
            "principals",
            vec![
                attr("type", line(quote(kind))),
                attr("identifiers", line(list(&ids))),
            ],
        ));
    }
    for c in &st.conditions {
        let (test, variable) = c.test();
        let values = match c {
            Condition::SourceAccount => list(&["data.aws_caller_identity.current.account_id".into()]),
            Condition::SourceArn(arns) => list(
                &arns
                    .iter()
                    .map(|a| arn_text(a, l))
                    .collect::<Vec<_>>(),
            ),
        };
        body.push(Item::Blank);
        body.push(block(
            "condition",
            vec![
                attr("test", line(quote(test))),
                attr("variable", line(quote(variable))),
                attr("values", line(values)),
            ],
        ));
    }
    block("statement", body)
}

/// The partition and account, interpolated from the data sources.
const PARTITION: &str = "${data.aws_partition.current.partition}";
const ACCOUNT: &str = "${data.aws_caller_identity.current.account_id}";

fn topic_key(c: &Ctx, policy: &[PolicyStatement]) -> Vec<Item> {
    let skips = KEY_POLICY_SKIPS
        .iter()
        .map(|(id, why)| Item::Comment(format!("checkov:skip={id}:{why}")))
        .collect();
    vec![
        block(
            "resource \"aws_kms_key\" \"chatops\"",
            vec![
                attr(
                    "description",
                    line(quote(
                        "Encrypts the ChatOps SNS topic; EventBridge may use it to publish",
                    )),
                ),
                attr("enable_key_rotation", line("true")),
                attr("policy", line("data.aws_iam_policy_document.topic_key.json")),
            ],
        ),
        policy_document("topic_key", skips, c, policy),
    ]
}

fn topic(l: &Lowered, encrypted: bool) -> Item {
    let mut topic = vec![attr("name", line(var(l, ParamRole::TopicName)))];
    if encrypted {
        topic.push(attr("kms_master_key_id", line("aws_kms_key.chatops.arn")));
    } else {
        topic.push(Item::Comment(format!(
            "checkov:skip=CKV_AWS_26:{}",
            UNENCRYPTED_TOPIC
        )));
    }
    block("resource \"aws_sns_topic\" \"chatops\"", topic)
}

fn event_rule(l: &Lowered, rule: &Rule) -> Vec<Item> {
    let mut body = vec![attr("name", line(quote(&rule.name)))];
    if !rule.description.is_empty() {
        body.push(attr("description", line(quote(&rule.description))));
    }
    body.push(attr(
        "event_pattern",
        heredoc(template_heredoc(l, &rule.pattern_pieces)),
    ));
    let mut transformer = Vec::new();
    if !rule.input_paths.is_empty() {
        transformer.push(attr(
            "input_paths",
            object(
                rule.input_paths
                    .iter()
                    .map(|(k, v)| attr(&key(k), line(quote(v))))
                    .collect(),
            ),
        ));
    }
    transformer.push(attr(
        "input_template",
        exact_heredoc(template_heredoc(l, &rule.template)),
    ));
    if !rule.enabled {
        body.push(attr("state", line(quote("DISABLED"))));
    }
    let label = rule_label(&rule.key);
    vec![
        block(format!("resource \"aws_cloudwatch_event_rule\" {}", quote(&label)), body),
        block(
            format!("resource \"aws_cloudwatch_event_target\" {}", quote(&label)),
            vec![
                attr("rule", line(format!("aws_cloudwatch_event_rule.{label}.name"))),
                attr("target_id", line(quote("chatops-sns"))),
                attr("arn", line(topic_arn(l))),
                Item::Blank,
                block("input_transformer", transformer),
            ],
        ),
    ]
}

/// The Terraform name of a rule and its target: `chatops` for a design's only rule, else
/// `rule_<its words>`.
fn rule_label(key: &Option<Vec<String>>) -> String {
    match key {
        None => "chatops".into(),
        Some(words) => format!("rule_{}", snake(words)),
    }
}

/// The Terraform name of a rule's log group, its policy and its target: `events` (and
/// `events_log`) for a design's only rule, else `log_<its words>`.
fn group_label(key: &Option<Vec<String>>) -> String {
    match key {
        None => "events".into(),
        Some(words) => format!("log_{}", snake(words)),
    }
}

fn log_group(c: &Ctx, g: &LogGroup) -> Vec<Item> {
    let label = group_label(&g.key);
    // A design's only rule keeps the names its exports always had.
    let (document, target) = match &g.key {
        None => ("events_log".to_string(), "events_log".to_string()),
        Some(_) => (label.clone(), label.clone()),
    };
    vec![
        block(
            format!("resource \"aws_cloudwatch_log_group\" {}", quote(&label)),
            vec![
                Item::Comment(format!(
                    "checkov:skip=CKV_AWS_158:{}",
                    UNENCRYPTED_LOG_GROUP
                )),
                attr("name", line(quote(&g.name))),
                attr("retention_in_days", line(g.retention_days.to_string())),
            ],
        ),
        policy_document(&document, vec![], c, &g.policy),
        block(
            format!(
                "resource \"aws_cloudwatch_log_resource_policy\" {}",
                quote(&label)
            ),
            vec![
                attr("policy_name", line(quote(&g.policy_name))),
                attr(
                    "policy_document",
                    line(format!("data.aws_iam_policy_document.{document}.json")),
                ),
            ],
        ),
        block(
            format!("resource \"aws_cloudwatch_event_target\" {}", quote(&target)),
            vec![
                attr(
                    "rule",
                    line(format!("aws_cloudwatch_event_rule.{}.name", rule_label(&g.key))),
                ),
                attr("target_id", line(quote("chatops-log"))),
                attr("arn", line(format!("aws_cloudwatch_log_group.{label}.arn"))),
            ],
        ),
    ]
}

fn custom_action(c: &Ctx, a: &Action) -> Item {
    let mut body = vec![attr("action_name", line(quote(&a.name)))];
    if let Some(alias) = &a.alias {
        body.push(attr("alias_name", line(quote(alias))));
    }
    body.push(attr(
        "definition",
        object(vec![attr("command_text", line(quote(&a.command)))]),
    ));
    let mut att = vec![
        attr("notification_type", line(quote(&a.notification_type))),
        attr("button_text", line(quote(&a.button_text))),
    ];
    if !a.criteria.is_empty() {
        let criterion = |c: &Criterion| {
            let mut o = vec![
                attr("operator", line(quote(&c.operator))),
                attr("variable_name", line(quote(&c.variable))),
            ];
            if let Some(v) = &c.value {
                o.push(attr("value", line(quote(v))));
            }
            o
        };
        att.push(attr(
            "criteria",
            object_list(a.criteria.iter().map(criterion).collect()),
        ));
    }
    if !a.variables.is_empty() {
        att.push(attr(
            "variables",
            object(
                a.variables
                    .iter()
                    .map(|(k, v)| attr(&key(k), line(quote(v))))
                    .collect(),
            ),
        ));
    }
    body.push(attr("attachments", object_list(vec![att])));
    block(
        format!(
            "resource \"awscc_chatbot_custom_action\" {}",
            quote(&c.actions[a.index])
        ),
        body,
    )
}

/// Associates an action with the existing channel configuration by running the AWS CLI (no
/// provider has the association as a resource).
fn association(c: &Ctx, action: usize) -> Item {
    let l = c.l;
    let input = object(vec![
        attr("resource", line(c.action_arn(action))),
        attr("configuration", line(var(l, ParamRole::ConfigArn))),
        attr("region", line(var(l, ParamRole::ChatbotRegion))),
    ]);
    let cmd = |verb: &str| {
        quote(&format!("aws chatbot {verb} --resource '{{R}}' --chat-configuration '{{C}}' --region '{{G}}'"))
            .replace("{R}", "${self.input.resource}")
            .replace("{C}", "${self.input.configuration}")
            .replace("{G}", "${self.input.region}")
    };
    block(
        format!(
            "resource \"terraform_data\" {}",
            quote(&format!("associate_{}", c.actions[action]))
        ),
        vec![
            attr("input", input),
            Item::Blank,
            block(
                "provisioner \"local-exec\"",
                vec![attr("command", line(cmd("associate-to-configuration")))],
            ),
            Item::Blank,
            block(
                "provisioner \"local-exec\"",
                vec![
                    attr("when", line("destroy")),
                    attr("command", line(cmd("disassociate-from-configuration"))),
                ],
            ),
        ],
    )
}

fn channel_role(c: &Ctx, trust: &[PolicyStatement], permissions: &[PolicyStatement]) -> Vec<Item> {
    let skips = c
        .l
        .star_resource_reason()
        .map(|why| Item::Comment(format!("checkov:skip=CKV_AWS_356:{why}")))
        .into_iter()
        .collect();
    vec![
        policy_document("channel_trust", vec![], c, trust),
        block(
            "resource \"aws_iam_role\" \"channel\"",
            vec![
                attr("name_prefix", line(quote("chatops-channel-"))),
                attr(
                    "assume_role_policy",
                    line("data.aws_iam_policy_document.channel_trust.json"),
                ),
            ],
        ),
        policy_document("buttons", skips, c, permissions),
        block(
            "resource \"aws_iam_role_policy\" \"buttons\"",
            vec![
                attr("name", line(quote("chatops-button-commands"))),
                attr("role", line("aws_iam_role.channel.id")),
                attr("policy", line("data.aws_iam_policy_document.buttons.json")),
            ],
        ),
    ]
}

fn channel_configuration(c: &Ctx, channel: &Channel) -> Item {
    let l = c.l;
    let mut body = vec![
        attr("configuration_name", line(var(l, ParamRole::ConfigName))),
        attr("iam_role_arn", line("aws_iam_role.channel.arn")),
    ];
    // awscc, as for Slack: hashicorp/aws's Teams resource cannot attach custom actions.
    match channel.platform {
        ChatPlatform::Slack => body.extend([
            attr("slack_workspace_id", line(var(l, ParamRole::WorkspaceId))),
            attr("slack_channel_id", line(var(l, ParamRole::ChannelId))),
        ]),
        ChatPlatform::Teams => body.extend([
            attr("team_id", line(var(l, ParamRole::TeamId))),
            attr("teams_channel_id", line(var(l, ParamRole::ChannelId))),
            attr("teams_tenant_id", line(var(l, ParamRole::TenantId))),
        ]),
    }
    body.extend([
        attr("sns_topic_arns", line(list(&[topic_arn(l)]))),
        attr("logging_level", line(quote("ERROR"))),
    ]);
    if channel.guardrail {
        body.push(attr(
            "guardrail_policies",
            line(list(&["aws_iam_policy.guardrail.arn".into()])),
        ));
    }
    let arns: Vec<String> = match &channel.actions {
        ChannelActions::Exported => l.actions().map(|a| c.action_arn(a.index)).collect(),
        ChannelActions::ByName(names) => names
            .iter()
            .map(|n| {
                let q = quote(n);
                format!("\"arn:{PARTITION}:chatbot::{ACCOUNT}:custom-action/{}", &q[1..])
            })
            .collect(),
    };
    if !arns.is_empty() {
        body.push(attr("customization_resource_arns", tall_list(&arns)));
    }
    block(
        format!(
            "resource \"{}\" \"channel\"",
            channel_resource(channel.platform)
        ),
        body,
    )
}

/// The awscc resource type of the channel configuration.
fn channel_resource(platform: ChatPlatform) -> &'static str {
    match platform {
        ChatPlatform::Slack => "awscc_chatbot_slack_channel_configuration",
        ChatPlatform::Teams => "awscc_chatbot_microsoft_teams_channel_configuration",
    }
}

fn variables_tf(l: &Lowered) -> String {
    let mut items = Vec::new();
    for (i, p) in l.params.iter().enumerate() {
        if i > 0 {
            items.push(Item::Blank);
        }
        items.push(variable_block(p));
    }
    file(items)
}

fn output(name: &str, description: &str, value: Expr) -> Item {
    block(
        format!("output {}", quote(name)),
        vec![
            attr("description", line(quote(description))),
            attr("value", value),
        ],
    )
}

fn outputs_tf(l: &Lowered) -> String {
    let actions = l.action_names(|a| snake(&a.words));
    let mut resources: Vec<&Resource> = l.resources.iter().collect();
    resources.sort_by_key(|r| output_rank(r));
    let mut items = Vec::new();
    for r in resources {
        let Some(out) = resource_output(l, &actions, r) else {
            continue;
        };
        if !items.is_empty() {
            items.push(Item::Blank);
        }
        items.push(out);
    }
    file(items)
}

/// Where a resource's output sits in `outputs.tf`.
fn output_rank(r: &Resource) -> u8 {
    match r {
        Resource::TopicKey { .. } | Resource::Topic { .. } | Resource::TopicPolicy { .. } => 0,
        Resource::Rule(_) => 1,
        Resource::LogGroup(_) => 2,
        Resource::ChannelRole { .. } | Resource::Guardrail { .. } => 3,
        Resource::ChannelConfiguration(_) => 4,
        Resource::CustomAction(_) | Resource::Association { .. } => 5,
    }
}

/// A resource's output, if it has one; the custom actions share one (a map by action name).
fn resource_output(l: &Lowered, actions: &[String], r: &Resource) -> Option<Item> {
    let (name, description, value) = match r {
        Resource::Topic { .. } => (
            "sns_topic_arn",
            "The topic the rule publishes to",
            line("aws_sns_topic.chatops.arn"),
        ),
        Resource::Rule(rule) => {
            let label = rule_label(&rule.key);
            let value = line(format!("aws_cloudwatch_event_rule.{label}.arn"));
            return Some(match &rule.key {
                None => output("event_rule_arn", "The EventBridge rule", value),
                Some(_) => output(
                    &format!("{label}_arn"),
                    &format!("The EventBridge rule {}", rule.name),
                    value,
                ),
            });
        }
        Resource::LogGroup(g) => {
            let label = group_label(&g.key);
            let value = line(format!("aws_cloudwatch_log_group.{label}.name"));
            let what = "The log group of matched events (replay them with chatops replay)";
            return Some(match &g.key {
                None => output("events_log_group_name", what, value),
                Some(_) => output(&format!("{label}_group_name"), what, value),
            });
        }
        Resource::ChannelRole { .. } => (
            "channel_role_arn",
            "The role channel members' commands run with",
            line("aws_iam_role.channel.arn"),
        ),
        Resource::ChannelConfiguration(channel) => {
            let what = match channel.platform {
                ChatPlatform::Slack => "The Slack channel configuration",
                ChatPlatform::Teams => "The Microsoft Teams channel configuration",
            };
            let arn = format!("{}.channel.arn", channel_resource(channel.platform));
            return Some(output("channel_configuration_arn", what, line(arn)));
        }
        Resource::CustomAction(first) if first.index == 0 => (
            "custom_action_arns",
            "Custom action ARNs by action name",
            object(
                l.actions()
                    .map(|a| {
                        let arn = format!(
                            "awscc_chatbot_custom_action.{}.custom_action_arn",
                            actions[a.index]
                        );
                        attr(&key(&a.name), line(arn))
                    })
                    .collect(),
            ),
        ),
        Resource::TopicKey { .. }
        | Resource::TopicPolicy { .. }
        | Resource::Guardrail { .. }
        | Resource::CustomAction(_)
        | Resource::Association { .. } => return None,
    };
    Some(output(name, description, value))
}

pub fn emit(l: &Lowered) -> Vec<ExportFile> {
    vec![
        ExportFile {
            name: "main.tf".into(),
            contents: main_tf(l),
        },
        ExportFile {
            name: "variables.tf".into(),
            contents: variables_tf(l),
        },
        ExportFile {
            name: "outputs.tf".into(),
            contents: outputs_tf(l),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_interpolation_and_controls() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("${x} %{y} $z"), r#""$${x} %%{y} $z""#);
        assert_eq!(quote("l1\nl2\u{1}"), r#""l1\nl2\u0001""#);
    }

    #[test]
    fn heredoc_text_never_leaves_a_dollar_before_an_interpolation() {
        assert_eq!(heredoc_text("${x} %{y} $z"), "$${x} %%{y} $z");
        assert_eq!(heredoc_text("$$${"), r#"${"$$"}$${"#);
        // `$%${`: the `%` goes into an interpolation, and the `$` before it with it.
        assert_eq!(heredoc_text("$%${"), r#"${"$%"}$${"#);
        assert_eq!(heredoc_text("a$\r"), r#"a${"$\r"}"#);
    }

    #[test]
    fn heredoc_delimiter_avoids_content_lines() {
        assert_eq!(delimiter("a\nEOT\nb"), "EOT1");
        assert_eq!(delimiter("{}"), "EOT");
    }
}
