//! AWS CLI script (bash): settings at the top, each checked before use; every request that carries
//! design text goes as one `--cli-input-json` argument in single quotes, so no value can break the
//! quoting; settings are spliced into JSON only after they passed their check. Re-running updates
//! what exists. A second script publishes the rendered sample notification to the topic.

use super::lower::{
    snake, Action, ArnPart, Channel, ChannelActions, Check, Condition, LogGroup, Lowered, Param, ParamRole,
    Piece, PolicyStatement, Principal, Resource, Rule, Target,
};
use super::{ExportFile, FormatInfo, FormatSpec};
use crate::domain::design::model::ChatPlatform;
use crate::domain::base::assumptions::{self, Assumption};

pub const CLI: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "cli",
        label: "AWS CLI",
        asks_about_pattern: true,
    },
    emit,
    notes,
    assumptions: script_assumptions,
};

/// The script names AdministratorAccess as the guardrail when there is none (see
/// `channel_configuration`).
fn without_guardrail(l: &Lowered) -> bool {
    l.channel().is_some_and(|c| !c.guardrail)
}

fn notes(l: &Lowered) -> Vec<String> {
    let mut notes = Vec::new();
    if without_guardrail(l) {
        notes.push("No guardrail: the script sets AWS's AdministratorAccess as the channel's guardrail, so re-running it after a run with a guardrail detaches that guardrail (the policy itself stays; delete it with aws iam delete-policy if unused)".into());
    }
    notes
}

fn script_assumptions(l: &Lowered) -> Vec<Assumption> {
    let mut out = Vec::new();
    if without_guardrail(l) {
        out.push(assumptions::GUARDRAIL_RESET);
    }
    // Each action's ARN is built from its name to find it on a re-run.
    if l.actions().next().is_some() {
        out.push(assumptions::ACTION_ARN_FORMAT);
    }
    out
}

/// Single-quotes a string for bash: safe for every byte but NUL.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A JSON document whose strings may contain shell variables.
#[derive(Clone)]
enum J {
    Str(Vec<Seg>),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

#[derive(Clone)]
enum Seg {
    Lit(String),
    Var(String),
}

fn lit(s: &str) -> J {
    J::Str(vec![Seg::Lit(s.to_string())])
}
fn var(name: &str) -> J {
    J::Str(vec![Seg::Var(name.to_string())])
}
fn obj(entries: Vec<(&str, J)>) -> J {
    J::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Output pieces: literal text (to be single-quoted) or a variable reference.
struct Parts(Vec<Seg>);

impl Parts {
    fn text(&mut self, t: &str) {
        match self.0.last_mut() {
            Some(Seg::Lit(s)) => s.push_str(t),
            _ => self.0.push(Seg::Lit(t.to_string())),
        }
    }
    /// The bash word: single-quoted literals joined with double-quoted variables.
    fn word(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Seg::Lit(t) => sh_quote(t),
                Seg::Var(v) => format!("\"${v}\""),
            })
            .collect()
    }
}

fn json_escape_inner(t: &str) -> String {
    let q = serde_json::to_string(t).unwrap_or_else(|_| "\"\"".into());
    q[1..q.len() - 1].to_string()
}

fn write_j(j: &J, depth: usize, p: &mut Parts) {
    let pad = "  ".repeat(depth + 1);
    let end = "  ".repeat(depth);
    match j {
        J::Str(segs) => {
            p.text("\"");
            for s in segs {
                match s {
                    Seg::Lit(t) => p.text(&json_escape_inner(t)),
                    Seg::Var(v) => p.0.push(Seg::Var(v.clone())),
                }
            }
            p.text("\"");
        }
        J::Arr(items) => {
            p.text("[");
            for (i, it) in items.iter().enumerate() {
                p.text(&format!("\n{pad}"));
                write_j(it, depth + 1, p);
                if i + 1 < items.len() {
                    p.text(",");
                }
            }
            p.text(&format!("\n{end}]"));
        }
        J::Obj(entries) => {
            p.text("{");
            for (i, (k, v)) in entries.iter().enumerate() {
                p.text(&format!(
                    "\n{pad}{}: ",
                    serde_json::to_string(k).unwrap_or_default()
                ));
                write_j(v, depth + 1, p);
                if i + 1 < entries.len() {
                    p.text(",");
                }
            }
            p.text(&format!("\n{end}}}"));
        }
    }
}

/// The JSON document as one bash word.
fn json_word(j: &J) -> String {
    let mut p = Parts(Vec::new());
    write_j(j, 0, &mut p);
    p.word()
}

struct Script {
    out: String,
}

impl Script {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }
    fn blank(&mut self) {
        self.out.push('\n');
    }
    fn section(&mut self, title: &str) {
        self.blank();
        self.line(&format!("# --- {title}"));
    }
}

fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn policy(l: &Lowered, statements: &[PolicyStatement]) -> J {
    obj(vec![
        ("Version", lit("2012-10-17")),
        (
            "Statement",
            J::Arr(statements.iter().map(|st| statement(l, st)).collect()),
        ),
    ])
}

/// One string as a scalar, several as a list.
fn one_or_list(items: &[impl AsRef<str>], listed: bool) -> J {
    match items {
        [one] if !listed => lit(one.as_ref()),
        _ => J::Arr(items.iter().map(|i| lit(i.as_ref())).collect()),
    }
}

fn statement(l: &Lowered, st: &PolicyStatement) -> J {
    let mut m = Vec::new();
    if let Some(sid) = &st.sid {
        m.push(("Sid", lit(sid)));
    }
    m.push(("Effect", lit("Allow")));
    if let Some(p) = &st.principal {
        m.push((
            "Principal",
            match p {
                Principal::Service(ids) => obj(vec![("Service", one_or_list(ids, false))]),
                Principal::Account => obj(vec![(
                    "AWS",
                    J::Str(vec![
                        Seg::Lit("arn:".into()),
                        Seg::Var("PARTITION".into()),
                        Seg::Lit(":iam::".into()),
                        Seg::Var("ACCOUNT_ID".into()),
                        Seg::Lit(":root".into()),
                    ]),
                )]),
            },
        ));
    }
    m.push(("Action", one_or_list(&st.actions, st.listed)));
    if let Some(target) = &st.resource {
        m.push(("Resource", policy_resource(l, target)));
    }
    if !st.conditions.is_empty() {
        let value = |c: &Condition| match c {
            Condition::SourceAccount => var("ACCOUNT_ID"),
            Condition::SourceArn(arns) => J::Arr(
                arns.iter()
                    .map(|a| policy_resource(l, &Target::Arn(a.clone())))
                    .collect(),
            ),
        };
        let ops = Condition::by_operator(&st.conditions)
            .into_iter()
            .map(|(op, same)| {
                (op, obj(same.into_iter().map(|c| (c.test().1, value(c))).collect()))
            })
            .collect();
        m.push(("Condition", obj(ops)));
    }
    obj(m)
}

fn policy_resource(l: &Lowered, target: &Target) -> J {
    match target {
        Target::Any => lit("*"),
        Target::Topic => var("TOPIC_ARN"),
        Target::LogStreams(_) => J::Str(vec![
            Seg::Var("LOG_GROUP_ARN".into()),
            Seg::Lit(":*".into()),
        ]),
        Target::Arn(parts) => J::Str(
            parts
                .iter()
                .map(|p| match p {
                    ArnPart::Text(t) => Seg::Lit(t.clone()),
                    ArnPart::Partition => Seg::Var("PARTITION".into()),
                    ArnPart::Region => Seg::Var("REGION".into()),
                    ArnPart::Account => Seg::Var("ACCOUNT_ID".into()),
                    ArnPart::Param(role) => Seg::Var(sh_name(l, *role)),
                })
                .collect(),
        ),
    }
}

/// Text with settings spliced in as shell variables.
fn pieces(l: &Lowered, pieces: &[Piece]) -> J {
    J::Str(
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Seg::Lit(t.clone()),
                Piece::Param(i) => Seg::Var(name(&l.params[*i])),
            })
            .collect(),
    )
}

/// The setting's shell variable (UPPER_SNAKE).
fn name(p: &Param) -> String {
    snake(&p.words).to_ascii_uppercase()
}

fn sh_name(l: &Lowered, role: ParamRole) -> String {
    l.param(role).map(name).unwrap_or_default()
}

fn attachments(a: &super::lower::Action) -> J {
    let mut att = vec![
        ("NotificationType", lit(&a.notification_type)),
        ("ButtonText", lit(&a.button_text)),
    ];
    if !a.criteria.is_empty() {
        att.push((
            "Criteria",
            J::Arr(
                a.criteria
                    .iter()
                    .map(|c| {
                        let mut m = vec![
                            ("Operator", lit(&c.operator)),
                            ("VariableName", lit(&c.variable)),
                        ];
                        if let Some(v) = &c.value {
                            m.push(("Value", lit(v)));
                        }
                        obj(m)
                    })
                    .collect(),
            ),
        ));
    }
    if !a.variables.is_empty() {
        att.push((
            "Variables",
            J::Obj(
                a.variables
                    .iter()
                    .map(|(k, v)| (k.clone(), lit(v)))
                    .collect(),
            ),
        ));
    }
    J::Arr(vec![obj(att)])
}

fn settings(l: &Lowered, s: &mut Script, roles: impl Fn(ParamRole) -> bool) {
    for p in l.params.iter().filter(|p| roles(p.role)) {
        let sh = name(p);
        s.line(&format!("# {}", comment(&p.description)));
        match &p.default {
            Some(d) => s.line(&format!("{sh}=${{{sh}-{}}}", sh_quote(d))),
            None => s.line(&format!(
                ": \"${{{sh}:?set {sh} before running (see the comment above)}}\""
            )),
        }
    }
    s.blank();
    for p in l.params.iter().filter(|p| roles(p.role)) {
        let sh = name(p);
        match p.check {
            Check::TemplateSafe => s.line(&format!("template_safe {sh} \"${sh}\"")),
            Check::Pattern { pattern, .. } => {
                s.line(&format!("matches {sh} \"${sh}\" {}", sh_quote(pattern)))
            }
        }
    }
}

const PRELUDE: &str = r#"set -euo pipefail

fail() {
  echo "${0##*/}: $*" >&2
  exit 2
}"#;

const MATCHES: &str = r#"# matches NAME VALUE REGEX: the setting must match the regular expression.
matches() {
  [[ $2 =~ $3 ]] || fail "$1 must match $3 (got '$2')"
}"#;

const TEMPLATE_SAFE: &str = r#"# template_safe NAME VALUE: the setting is spliced into JSON, so no quote, backslash, angle bracket
# or control character.
template_safe() {
  case $2 in
    *[\"\\\<\>[:cntrl:]]*) fail "$1 must not contain quotes, backslashes, angle brackets or control characters" ;;
  esac
}"#;

/// The prelude with only the checks these settings use.
fn prelude(l: &Lowered, roles: impl Fn(ParamRole) -> bool, s: &mut Script) {
    s.line(PRELUDE);
    let used: Vec<Check> = l
        .params
        .iter()
        .filter(|p| roles(p.role))
        .map(|p| p.check)
        .collect();
    if used.iter().any(|c| matches!(c, Check::Pattern { .. })) {
        s.line(MATCHES);
    }
    if used.contains(&Check::TemplateSafe) {
        s.line(TEMPLATE_SAFE);
    }
}


fn deploy(l: &Lowered) -> String {
    let mut s = Script { out: String::new() };
    header(l, &mut s);
    s.line("# Creates or updates, in order: the SNS topic and its policy, the EventBridge rule and its input");
    s.line(&format!("# transformer, the channel role and guardrail, the custom actions, the {} channel configuration,", l.channel().map_or(ChatPlatform::Slack, |c| c.platform).label()));
    s.line("# and the associations of the actions with it (only the parts this export contains).");
    s.line("# Safe to re-run: what exists is found and updated. Every setting can be overridden from the");
    s.line("# environment, e.g. REGION=eu-west-1 ./deploy.sh");
    prelude(l, |_| true, &mut s);
    s.section("Settings (defaults from the design)");
    settings(l, &mut s, |_| true);
    if l.has_param(ParamRole::ChatbotRegion) {
        s.line("case $CHATBOT_REGION in");
        s.line("  us-east-2 | us-west-2 | eu-west-1 | ap-southeast-1) ;;");
        s.line("  *) fail \"CHATBOT_REGION must be a Region with the Chatbot API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1\" ;;");
        s.line("esac");
    }
    if let Some(channel) = l.channel() {
        s.line("ROLE_NAME=${ROLE_NAME-${CHANNEL_CONFIGURATION_NAME:0:56}-channel}");
        if channel.guardrail {
            s.line("GUARDRAIL_NAME=${GUARDRAIL_NAME-${CHANNEL_CONFIGURATION_NAME:0:54}-guardrail}");
        }
    }
    s.section("Account");
    s.line("IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)");
    s.line("ACCOUNT_ID=${IDENTITY%%[[:space:]]*}");
    s.line("CALLER_ARN=${IDENTITY##*[[:space:]]}");
    s.line("PARTITION=$(cut -d: -f2 <<<\"$CALLER_ARN\")");
    s.line("echo \"Account $ACCOUNT_ID ($PARTITION), Region $REGION\"");
    let mut resources: Vec<&Resource> = l.resources.iter().collect();
    resources.sort_by_key(|r| rank(r));
    for r in resources {
        resource(l, r, &mut s);
    }
    s.blank();
    if l.creates_topic() {
        s.line("echo \"Done. Send a test notification: TOPIC_ARN=$TOPIC_ARN ./send-test-notification.sh\"");
    } else {
        s.line("echo \"Done.\"");
    }
    s.out
}

/// Where a resource's commands sit in the script: the associations need the configuration.
fn rank(r: &Resource) -> u8 {
    match r {
        Resource::TopicKey { .. } => 0,
        Resource::Topic { .. } => 1,
        Resource::TopicPolicy { .. } => 2,
        Resource::Rule(_) | Resource::LogGroup(_) => 3,
        Resource::ChannelRole { .. } => 4,
        Resource::Guardrail { .. } => 5,
        Resource::CustomAction(_) => 6,
        Resource::ChannelConfiguration(_) => 7,
        Resource::Association { .. } => 8,
    }
}

/// The topic the rule targets and the channel subscribes to, as a shell variable.
fn topic_var(l: &Lowered) -> String {
    if l.creates_topic() {
        "TOPIC_ARN".to_string()
    } else {
        sh_name(l, ParamRole::TopicArn)
    }
}

const TOPIC_SECTION: &str = "SNS topic, and a policy that lets EventBridge publish to it";

/// The `--region` of every Chatbot API call.
const CHATBOT: &str = "--region \"$CHATBOT_REGION\"";

/// The commands that create or update one resource.
fn resource(l: &Lowered, r: &Resource, s: &mut Script) {
    match r {
        Resource::TopicKey { policy: key_policy } => {
            s.section(TOPIC_SECTION);
            topic_key(&policy(l, key_policy), s);
        }
        Resource::Topic { encrypted } => {
            if !encrypted {
                s.section(TOPIC_SECTION);
            }
            s.line("TOPIC_ARN=$(aws sns create-topic --region \"$REGION\" --name \"$SNS_TOPIC_NAME\" --query TopicArn --output text)");
            if *encrypted {
                s.line(
                    "aws sns set-topic-attributes --region \"$REGION\" --topic-arn \"$TOPIC_ARN\" \\",
                );
                s.line("  --attribute-name KmsMasterKeyId --attribute-value \"$KEY_ARN\"");
            }
        }
        Resource::TopicPolicy { policy: topic_policy } => {
            s.line(&format!("TOPIC_POLICY={}", json_word(&policy(l, topic_policy))));
            s.line("aws sns set-topic-attributes --region \"$REGION\" --topic-arn \"$TOPIC_ARN\" \\");
            s.line("  --attribute-name Policy --attribute-value \"$TOPIC_POLICY\"");
            s.line("echo \"SNS topic: $TOPIC_ARN\"");
        }
        Resource::Rule(rule) => event_rule(l, rule, s),
        // Created with the rule, before the rule targets it.
        Resource::LogGroup(_) => {}
        Resource::ChannelRole { trust, permissions } => {
            channel_role(&policy(l, trust), &policy(l, permissions), s)
        }
        Resource::Guardrail { .. } => guardrail(s),
        Resource::CustomAction(a) => custom_action(a, s),
        Resource::ChannelConfiguration(channel) => channel_configuration(l, channel, s),
        Resource::Association { action } => {
            if l.actions().next().is_some_and(|a| a.index == *action) {
                s.line("CONFIG_ARN=$CHANNEL_CONFIGURATION_ARN");
                associations(s);
            }
        }
    }
}

fn topic_key(key_policy: &J, s: &mut Script) {
    s.line("# A customer managed key (found by its alias on re-runs) whose policy lets EventBridge publish.");
    s.line(&format!("KEY_POLICY={}", json_word(key_policy)));
    s.line("KEY_ALIAS=\"alias/$SNS_TOPIC_NAME\"");
    s.line("KEY_ARN=$(aws kms describe-key --region \"$REGION\" --key-id \"$KEY_ALIAS\" --query KeyMetadata.Arn --output text 2>/dev/null || true)");
    s.line("if [[ -z $KEY_ARN || $KEY_ARN == None ]]; then");
    s.line("  KEY_ARN=$(aws kms create-key --region \"$REGION\" --policy \"$KEY_POLICY\" \\");
    s.line("    --description 'Encrypts the ChatOps SNS topic; EventBridge may use it to publish' \\");
    s.line("    --query KeyMetadata.Arn --output text)");
    s.line("  aws kms create-alias --region \"$REGION\" --alias-name \"$KEY_ALIAS\" --target-key-id \"$KEY_ARN\"");
    s.line("else");
    s.line("  aws kms put-key-policy --region \"$REGION\" --key-id \"$KEY_ARN\" --policy-name default --policy \"$KEY_POLICY\"");
    s.line("fi");
    s.line("aws kms enable-key-rotation --region \"$REGION\" --key-id \"$KEY_ARN\"");
}

fn event_rule(l: &Lowered, rule: &Rule, s: &mut Script) {
    match &rule.key {
        None => s.section("EventBridge rule, and the topic as its target with the input transformer"),
        Some(_) => s.section(&format!(
            "EventBridge rule {}, and the topic as its target with the input transformer",
            comment(&rule.name)
        )),
    }
    let mut put_rule = vec![("Name", lit(&rule.name))];
    put_rule.push(("EventPattern", pieces(l, &rule.pattern_pieces)));
    let state = if rule.enabled { "ENABLED" } else { "DISABLED" };
    put_rule.push(("State", lit(state)));
    if !rule.description.is_empty() {
        put_rule.push(("Description", lit(&rule.description)));
    }
    s.line(&format!(
        "RULE_ARN=$(aws events put-rule --region \"$REGION\" --query RuleArn --output text --cli-input-json {})",
        json_word(&obj(put_rule))
    ));
    let mut transformer = Vec::new();
    if !rule.input_paths.is_empty() {
        transformer.push((
            "InputPathsMap",
            J::Obj(
                rule.input_paths
                    .iter()
                    .map(|(k, v)| (k.clone(), lit(v)))
                    .collect(),
            ),
        ));
    }
    transformer.push(("InputTemplate", pieces(l, &rule.template)));
    let mut list = vec![obj(vec![
        ("Id", lit("chatops-sns")),
        ("Arn", var(&topic_var(l))),
        ("InputTransformer", obj(transformer)),
    ])];
    if let Some(g) = &rule.log_group {
        log_group(l, g, s);
        list.push(obj(vec![
            ("Id", lit("chatops-log")),
            ("Arn", var("LOG_GROUP_ARN")),
        ]));
    }
    let targets = obj(vec![("Rule", lit(&rule.name)), ("Targets", J::Arr(list))]);
    s.line(&format!(
        "FAILED=$(aws events put-targets --region \"$REGION\" --query FailedEntryCount --output text --cli-input-json {})",
        json_word(&targets)
    ));
    s.line("[[ $FAILED == 0 ]] || fail \"put-targets failed for $FAILED target(s)\"");
    s.line("echo \"EventBridge rule: $RULE_ARN\"");
}

fn log_group(l: &Lowered, g: &LogGroup, s: &mut Script) {
    s.line(&format!("LOG_GROUP={}", sh_quote(&g.name)));
    s.line("if ! grep -qxF -- \"$LOG_GROUP\" <<<\"$(aws logs describe-log-groups --region \"$REGION\" --log-group-name-prefix \"$LOG_GROUP\" --query 'logGroups[].logGroupName' --output text | tr '\\t' '\\n')\"; then");
    s.line("  aws logs create-log-group --region \"$REGION\" --log-group-name \"$LOG_GROUP\"");
    s.line("fi");
    s.line(&format!(
        "aws logs put-retention-policy --region \"$REGION\" --log-group-name \"$LOG_GROUP\" --retention-in-days {}",
        g.retention_days
    ));
    s.line("LOG_GROUP_ARN=\"arn:$PARTITION:logs:$REGION:$ACCOUNT_ID:log-group:$LOG_GROUP\"");
    s.line(&format!("LOG_POLICY={}", json_word(&policy(l, &g.policy))));
    s.line(&format!(
        "aws logs put-resource-policy --region \"$REGION\" --policy-name {} --policy-document \"$LOG_POLICY\" >/dev/null",
        sh_quote(&g.policy_name)
    ));
    s.line("echo \"Log group of matched events: $LOG_GROUP\"");
}

fn channel_role(trust: &J, permissions: &J, s: &mut Script) {
    s.section("Channel role (trusted by chatbot.amazonaws.com) with the buttons' permissions");
    s.line(&format!("TRUST_POLICY={}", json_word(trust)));
    s.line(&format!("BUTTON_POLICY={}", json_word(permissions)));
    s.line("if aws iam get-role --role-name \"$ROLE_NAME\" >/dev/null 2>&1; then");
    s.line("  aws iam update-assume-role-policy --role-name \"$ROLE_NAME\" --policy-document \"$TRUST_POLICY\"");
    s.line("else");
    s.line("  aws iam create-role --role-name \"$ROLE_NAME\" --assume-role-policy-document \"$TRUST_POLICY\" >/dev/null");
    s.line("fi");
    s.line("ROLE_ARN=$(aws iam get-role --role-name \"$ROLE_NAME\" --query Role.Arn --output text)");
    s.line("aws iam put-role-policy --role-name \"$ROLE_NAME\" --policy-name chatops-button-commands \\");
    s.line("  --policy-document \"$BUTTON_POLICY\"");
    s.line("echo \"Channel role: $ROLE_ARN\"");
}

/// The guardrail grants the buttons' policy (`$BUTTON_POLICY`, written with the role).
fn guardrail(s: &mut Script) {
    s.section("Guardrail policy: the most any command run from the channel may do");
    s.line("GUARDRAIL_ARN=\"arn:$PARTITION:iam::$ACCOUNT_ID:policy/$GUARDRAIL_NAME\"");
    s.line("if aws iam get-policy --policy-arn \"$GUARDRAIL_ARN\" >/dev/null 2>&1; then");
    s.line("  # A policy keeps at most five versions: drop the old ones, then make the new one default.");
    s.line("  OLD_VERSIONS=$(aws iam list-policy-versions --policy-arn \"$GUARDRAIL_ARN\" \\");
    s.line("    --query 'Versions[?!IsDefaultVersion].VersionId' --output text)");
    s.line("  for version in $OLD_VERSIONS; do");
    s.line("    aws iam delete-policy-version --policy-arn \"$GUARDRAIL_ARN\" --version-id \"$version\"");
    s.line("  done");
    s.line("  aws iam create-policy-version --policy-arn \"$GUARDRAIL_ARN\" --policy-document \"$BUTTON_POLICY\" \\");
    s.line("    --set-as-default >/dev/null");
    s.line("else");
    s.line("  aws iam create-policy --policy-name \"$GUARDRAIL_NAME\" --policy-document \"$BUTTON_POLICY\" >/dev/null");
    s.line("fi");
    s.line("echo \"Guardrail policy: $GUARDRAIL_ARN\"");
}

fn custom_action(a: &Action, s: &mut Script) {
    if a.index == 0 {
        s.section("Custom actions (one per button): updated when they exist, else created");
        s.line("ACTION_ARNS=()");
    }
    s.blank();
    s.line(&format!("# Button {}", comment(&a.button_text)));
    s.line(&format!(
        "ARN=\"arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/\"{}",
        sh_quote(&a.name)
    ));
    let definition = || obj(vec![("CommandText", lit(&a.command))]);
    let mut update = vec![
        ("CustomActionArn", var("ARN")),
        ("Definition", definition()),
    ];
    let mut create = vec![("ActionName", lit(&a.name)), ("Definition", definition())];
    if let Some(alias) = &a.alias {
        update.push(("AliasName", lit(alias)));
        create.push(("AliasName", lit(alias)));
    }
    update.push(("Attachments", attachments(a)));
    create.push(("Attachments", attachments(a)));
    s.line(&format!(
        "if aws chatbot get-custom-action {CHATBOT} --custom-action-arn \"$ARN\" >/dev/null 2>&1; then"
    ));
    s.line(&format!(
        "  aws chatbot update-custom-action {CHATBOT} --output text --query CustomActionArn --cli-input-json {} >/dev/null",
        json_word(&obj(update))
    ));
    s.line("else");
    s.line(&format!(
        "  ARN=$(aws chatbot create-custom-action {CHATBOT} --query CustomActionArn --output text --cli-input-json {})",
        json_word(&obj(create))
    ));
    s.line("fi");
    s.line("ACTION_ARNS+=(\"$ARN\")");
    s.line(&format!(
        "echo \"Custom action {}: $ARN\"",
        comment(&a.name).replace(['"', '$', '`', '\\'], "")
    ));
}

/// The configuration, created or updated; the script then associates the actions it lists (the
/// create and update calls take no custom actions).
fn channel_configuration(l: &Lowered, channel: &Channel, s: &mut Script) {
    let listed = match &channel.actions {
        ChannelActions::Exported => l.actions().next().is_some(),
        ChannelActions::ByName(names) => {
            if !names.is_empty() {
                s.section("Custom actions deployed elsewhere, by name");
                s.line("ACTION_ARNS=()");
                for n in names {
                    s.line(&format!(
                        "ACTION_ARNS+=(\"arn:$PARTITION:chatbot::$ACCOUNT_ID:custom-action/\"{})",
                        sh_quote(n)
                    ));
                }
            }
            !names.is_empty()
        }
    };
    // The two applications' calls differ in their names and id fields only.
    let (label, find, list_key, kind, channel_key) = match channel.platform {
        ChatPlatform::Slack => (
            "Slack",
            "describe-slack-channel-configurations",
            "SlackChannelConfigurations",
            "slack-channel-configuration",
            "SlackChannelId",
        ),
        ChatPlatform::Teams => (
            "Microsoft Teams",
            "list-microsoft-teams-channel-configurations",
            "TeamChannelConfigurations",
            "microsoft-teams-channel-configuration",
            "ChannelId",
        ),
    };
    s.section(&format!(
        "{label} channel configuration: updated when one with this name exists, else created"
    ));
    s.line(&format!(
        "CONFIG_ARN=$(aws chatbot {find} {CHATBOT} --output text \\"
    ));
    s.line(&format!("  --query \"{list_key}[?ConfigurationName=='$CHANNEL_CONFIGURATION_NAME'].ChatConfigurationArn | [0]\")"));
    let mut common = vec![
        (channel_key, var(&sh_name(l, ParamRole::ChannelId))),
        ("IamRoleArn", var("ROLE_ARN")),
        ("SnsTopicArns", J::Arr(vec![var(&topic_var(l))])),
        ("LoggingLevel", lit("ERROR")),
    ];
    // Without a guardrail, AWS applies AdministratorAccess; the script names it, so that an
    // update replaces a guardrail an earlier run set (assumption guardrail-reset).
    let guardrail = if channel.guardrail {
        var("GUARDRAIL_ARN")
    } else {
        J::Str(vec![
            Seg::Lit("arn:".into()),
            Seg::Var("PARTITION".into()),
            Seg::Lit(":iam::aws:policy/AdministratorAccess".into()),
        ])
    };
    common.push(("GuardrailPolicyArns", J::Arr(vec![guardrail])));
    let mut create = match channel.platform {
        ChatPlatform::Slack => vec![("SlackTeamId", var(&sh_name(l, ParamRole::WorkspaceId)))],
        ChatPlatform::Teams => vec![
            ("TeamId", var(&sh_name(l, ParamRole::TeamId))),
            ("TenantId", var(&sh_name(l, ParamRole::TenantId))),
        ],
    };
    create.push(("ConfigurationName", var("CHANNEL_CONFIGURATION_NAME")));
    let mut update = vec![("ChatConfigurationArn", var("CONFIG_ARN"))];
    create.extend(common.clone());
    update.extend(common);
    s.line("if [[ -z $CONFIG_ARN || $CONFIG_ARN == None ]]; then");
    s.line(&format!(
        "  CONFIG_ARN=$(aws chatbot create-{kind} {CHATBOT} --output text \\"
    ));
    s.line(&format!(
        "    --query ChannelConfiguration.ChatConfigurationArn --cli-input-json {})",
        json_word(&obj(create))
    ));
    s.line("else");
    s.line(&format!(
        "  aws chatbot update-{kind} {CHATBOT} --cli-input-json {} >/dev/null",
        json_word(&obj(update))
    ));
    s.line("fi");
    s.line(&format!("echo \"{label} channel configuration: $CONFIG_ARN\""));
    if listed {
        associations(s);
    }
}

/// Associates each action in `ACTION_ARNS` with `CONFIG_ARN` once.
fn associations(s: &mut Script) {
    s.section("Buttons: associate each custom action with the channel configuration once");
    s.line(&format!(
        "ASSOCIATED=$(aws chatbot list-associations {CHATBOT} --chat-configuration \"$CONFIG_ARN\" \\"
    ));
    s.line("  --query 'Associations[].Resource' --output text)");
    s.line("for ARN in \"${ACTION_ARNS[@]}\"; do");
    s.line("  if grep -qxF \"$ARN\" <<<\"${ASSOCIATED//$'\\t'/$'\\n'}\"; then");
    s.line("    echo \"Already associated: $ARN\"");
    s.line("  else");
    s.line(&format!(
        "    aws chatbot associate-to-configuration {CHATBOT} --resource \"$ARN\" --chat-configuration \"$CONFIG_ARN\""
    ));
    s.line("    echo \"Associated: $ARN\"");
    s.line("  fi");
    s.line("done");
}

fn header(l: &Lowered, s: &mut Script) {
    s.line("#!/usr/bin/env bash");
    s.line("# Text in single quotes keeps $Variables literally (Amazon Q substitutes them, not the shell).");
    s.line("# shellcheck disable=SC2016");
    s.line(&format!(
        "# ChatOps Designer export: {}",
        comment(&l.design_name)
    ));
}

fn send_test(l: &Lowered) -> String {
    let mut s = Script { out: String::new() };
    header(l, &mut s);
    s.line("# Publishes the notification the input transformer renders from the design's sample event to the");
    s.line(
        "# topic, as EventBridge would. TOPIC_ARN defaults to the design's topic in this account.",
    );
    let roles = [ParamRole::Region, ParamRole::TopicName, ParamRole::TopicArn];
    prelude(l, |r| roles.contains(&r), &mut s);
    s.section("Settings (defaults from the design)");
    settings(l, &mut s, |r| roles.contains(&r));
    // Each rule's rendered sample message (whatever the scope: the topic may be an existing one).
    let messages: Vec<(&str, &String)> = l
        .sample_messages
        .iter()
        .filter_map(|(rule, m)| Some((rule.as_str(), m.as_ref()?)))
        .collect();
    let one = l.sample_messages.len() == 1;
    match messages.as_slice() {
        [] => {
            s.line("fail \"no built-in sample event matches the rule and delivers a notification, so there is nothing to send\"");
            return s.out;
        }
        [(_, message)] if one => s.line(&format!("MESSAGE={}", sh_quote(message))),
        _ => {}
    }
    if l.has_param(ParamRole::TopicArn) {
        s.line(&format!(
            "TOPIC_ARN=${{TOPIC_ARN-${}}}",
            sh_name(l, ParamRole::TopicArn)
        ));
    } else if l.has_param(ParamRole::TopicName) {
        s.line("if [[ -z ${TOPIC_ARN-} ]]; then");
        s.line("  IDENTITY=$(aws sts get-caller-identity --query '[Account, Arn]' --output text)");
        s.line("  CALLER_ARN=${IDENTITY##*[[:space:]]}");
        s.line("  TOPIC_ARN=\"arn:$(cut -d: -f2 <<<\"$CALLER_ARN\"):sns:$REGION:${IDENTITY%%[[:space:]]*}:$SNS_TOPIC_NAME\"");
        s.line("fi");
    } else {
        s.line(": \"${TOPIC_ARN:?set TOPIC_ARN to the topic the channel subscribes to}\"");
    }
    for (rule, message) in messages {
        s.blank();
        if !one {
            s.line(&format!("# The message of rule {}", comment(rule)));
            s.line(&format!("MESSAGE={}", sh_quote(message)));
        }
        s.line("aws sns publish --region \"$REGION\" --topic-arn \"$TOPIC_ARN\" --message \"$MESSAGE\"");
    }
    s.out
}

const CHECK: &str = r#"# check LABEL PREDICTED EVENT: asks EventBridge and prints one row of the table.
check() {
  local answer
  if answer=$(aws events test-event-pattern --region "$REGION" --event-pattern "$PATTERN" --event "$3" --query Result --output text); then
    case $answer in
      True | true) answer=match ;;
      False | false) answer='no match' ;;
      *) answer=error ;;
    esac
  else
    answer=error
  fi
  if [[ $answer == "$2" ]]; then
    printf '%-40s  %-9s  %-11s  yes\n' "$1" "$2" "$answer"
  else
    printf '%-40s  %-9s  %-11s  NO\n' "$1" "$2" "$answer"
    DISAGREE=1
  fi
}"#;

fn verify(l: &Lowered) -> String {
    let mut s = Script { out: String::new() };
    header(l, &mut s);
    s.line("# Asks EventBridge (TestEventPattern) whether the rule's pattern matches each sample event and");
    s.line("# compares each answer with the simulation's prediction; exits 1 on any disagreement. The same");
    s.line("# as `chatops verify --design F --run`.");
    let roles = [ParamRole::Region];
    prelude(l, |r| roles.contains(&r), &mut s);
    s.section("Settings (defaults from the design)");
    settings(l, &mut s, |r| roles.contains(&r));
    // One rule's pattern is set once; with several, before each rule's checks.
    let patterns: Vec<&str> = l.pattern_checks.iter().map(|c| c.pattern.as_str()).collect();
    let one = patterns.windows(2).all(|w| w[0] == w[1]);
    if let (true, Some(p)) = (one, patterns.first()) {
        s.line(&format!("PATTERN={}", sh_quote(p)));
    }
    s.line("DISAGREE=0");
    s.blank();
    s.line(CHECK);
    s.blank();
    s.line("printf '%-40s  %-9s  %-11s  agree?\\n' event predicted EventBridge");
    if l.pattern_checks.is_empty() {
        s.line("fail \"no event to ask about: the pattern is invalid\"");
    }
    let mut last: Option<&str> = None;
    for c in &l.pattern_checks {
        if !one && last != Some(c.pattern.as_str()) {
            s.line(&format!("PATTERN={}", sh_quote(&c.pattern)));
            last = Some(&c.pattern);
        }
        for a in &c.adjusted {
            s.line(&format!(
                "# {}: {} (TestEventPattern requires it)",
                comment(&c.label),
                comment(a)
            ));
        }
        let predicted = if c.predicted { "match" } else { "'no match'" };
        s.line(&format!(
            "check {} {predicted} {}",
            sh_quote(&c.label),
            sh_quote(&c.event)
        ));
    }
    s.line("exit \"$DISAGREE\"");
    s.out
}

pub fn emit(l: &Lowered) -> Vec<ExportFile> {
    vec![
        ExportFile {
            name: "deploy.sh".into(),
            contents: deploy(l),
        },
        ExportFile {
            name: "send-test-notification.sh".into(),
            contents: send_test(l),
        },
        ExportFile {
            name: "verify-pattern.sh".into(),
            contents: verify(l),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quotes_survive() {
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
        assert_eq!(sh_quote("$(x) `y`"), "'$(x) `y`'");
    }

    #[test]
    fn json_word_splices_variables_outside_quotes() {
        let j = obj(vec![("Arn", var("TOPIC_ARN"))]);
        assert_eq!(json_word(&j), "'{\n  \"Arn\": \"'\"$TOPIC_ARN\"'\"\n}'");
    }
}
