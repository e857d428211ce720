//! A design compiled once per edit: every input parsed once (the event pattern, the input paths,
//! the input template's placeholders, each action's variable paths and command), every static
//! check made from those parses, and the plans that run any number of events without parsing
//! again. `validate` is the compiled design's diagnostics; `simulate` and `replay` run it.

use crate::domain::amazon_q::actions::{check_planned, ActionsPlan, CommandPart};
use crate::domain::base::diagnostic::{
    char_len, excerpt, json_chars, merge_repeats, Diagnostic, Repeats,
};
use crate::domain::design::model::{Design, RuleDesign};
use crate::domain::design::sources::template_params;
use crate::domain::eventbridge::pattern::{parse_pattern, EventPattern, MAX_PATTERN_CHARS};
use crate::domain::eventbridge::projection::Projection;
use crate::domain::eventbridge::template::{parameter_names, unfilled_pattern_names};
use crate::domain::eventbridge::transform::{check_placeholders, TransformPlan};
use crate::domain::eventbridge::uncertain::{self, Found};
use indexmap::IndexMap;

/// One rule compiled: its parsed pattern and input template.
pub struct CompiledRule {
    pub(crate) pattern: Option<EventPattern>,
    pub(crate) transform: TransformPlan,
    pub(crate) rule_name: String,
    pub(crate) enabled: bool,
    /// The pattern's uncertain constructs (each also a warning).
    pub(crate) uncertain: Vec<Found>,
}

impl CompiledRule {
    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.rule_name
    }
    /// The input template the rule's target sends (generated, or the override).
    pub fn template(&self) -> &str {
        self.transform.template()
    }
}

/// A design compiled for simulation: each rule's parsed pattern and input template and the
/// buttons' plan, each computed once, with every stage's static diagnostics (none for
/// `compile_for_preview`).
pub struct Compiled {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) actions: ActionsPlan,
}

impl Compiled {
    /// Every stage's static diagnostics, with design-relative locations.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
    /// The rules, in design order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }
    /// The command of action `i` split into text and `$Var`s, as compiled.
    pub fn command_parts(&self, i: usize) -> Option<&[CommandPart]> {
        self.actions.actions.get(i).map(|a| a.parts.as_slice())
    }
    /// The event fields a run of this design can read (`Projection::parse` keeps only those), and
    /// the texts a matching event must contain (`Projection::cannot_match`): what any enabled rule
    /// reads, and what every enabled rule needs.
    pub fn reads(&self) -> Projection {
        let mut p = Projection::none();
        let mut needed: Option<Vec<Vec<String>>> = None;
        for rule in self.rules.iter().filter(|r| r.enabled) {
            let texts = match &rule.pattern {
                Some(pattern) => {
                    pattern.reads(&mut p);
                    pattern.required_texts()
                }
                None => Vec::new(),
            };
            needed = Some(match needed {
                None => texts,
                Some(before) => before.into_iter().filter(|t| texts.contains(t)).collect(),
            });
            rule.transform.reads(&mut p);
        }
        p.needs(needed.unwrap_or_default());
        p
    }
}

/// Validates a whole design: every stage's static checks with design-relative locations.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    compile(design).diagnostics
}

/// Compiles a design for a preview only: the patterns and the templates, without the static
/// checks (the first view draws a preview before the app, which reports them, has loaded).
pub fn compile_for_preview(design: &Design) -> Compiled {
    let params = &*template_params(&design.deployment);
    let rules = design
        .rules
        .iter()
        .map(|r| {
            let (pattern, _) = parse_pattern(&r.event_pattern_with(params));
            let (template, _) = r.input_template(params);
            CompiledRule {
                pattern,
                transform: TransformPlan::checked(&r.input_paths, &template),
                rule_name: r.name.clone(),
                enabled: r.enabled,
                uncertain: Vec::new(),
            }
        })
        .collect();
    Compiled {
        diagnostics: Vec::new(),
        rules,
        actions: ActionsPlan::new(&design.actions),
    }
}

/// Compiles a design with every stage's static checks.
pub fn compile(design: &Design) -> Compiled {
    let mut d = Vec::new();
    let rules = design
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut rd = Vec::new();
            let compiled = compile_rule(design, r, &mut rd);
            d.extend(
                rd.into_iter()
                    .map(|x| rule_relative(x, &format!("rules/{i}"))),
            );
            compiled
        })
        .collect();
    check_rule_names(design, &mut d);
    check_required_parameters(design, &mut d);
    let actions = ActionsPlan::new(&design.actions);
    check_actions(design, &actions, &mut d);
    Compiled {
        diagnostics: merge_repeats(d),
        rules,
        actions,
    }
}

/// A design parameter with no value that a rule uses (an import declares one for each variable the
/// files leave unset): an error, since an export could only ask for it at deploy time.
fn check_required_parameters(design: &Design, d: &mut Vec<Diagnostic>) {
    for (name, value) in &design.deployment.parameters {
        if !value.is_empty() {
            continue;
        }
        let used = design.rules.iter().any(|r| {
            let (template, _) = r.input_template(&IndexMap::new());
            parameter_names(&template).contains(&name.as_str())
                || serde_json::to_string(&r.event_pattern)
                    .is_ok_and(|p| p.contains(&format!("{{{{{name}}}}}")))
        });
        if used {
            d.push(Diagnostic::error(
                format!("deployment/parameters/{name}"),
                format!(
                    "the parameter {} has no value; it is required (the design uses it): set it",
                    excerpt(name)
                ),
            ));
        }
    }
}

/// A rule's diagnostic placed under the rule (`rules/0`), unless it points at the design's
/// deployment parameters, which are the design's.
fn rule_relative(d: Diagnostic, rule: &str) -> Diagnostic {
    if d.location.starts_with("deployment/") {
        d
    } else {
        d.under(rule)
    }
}

/// Compiles one rule, with its static checks (locations relative to the rule).
fn compile_rule(design: &Design, r: &RuleDesign, d: &mut Vec<Diagnostic>) -> CompiledRule {
    check_rule(r, d);
    let params = template_params(&design.deployment);
    let (pattern, pd) = parse_pattern(&r.event_pattern_with(&params));
    d.extend(pd.into_iter().map(|x| x.under("eventPattern")));
    for (at, name) in unfilled_pattern_names(&r.event_pattern, &params) {
        d.push(Diagnostic::error(
            at,
            format!(
                "{{{{{}}}}} has no value: set the deployment setting or parameter {} (an import writes it where the files leave a value unset)",
                excerpt(&name),
                excerpt(&name)
            ),
        ));
    }
    let uncertain = uncertain::scan(&r.event_pattern);
    d.extend(
        uncertain
            .iter()
            .map(|f| f.diagnostic().under("eventPattern")),
    );
    let pattern_len = json_chars(&r.event_pattern);
    if pattern_len > 2048 && pattern_len <= MAX_PATTERN_CHARS {
        d.push(Diagnostic::warning("eventPattern", format!("the pattern is {pattern_len} characters; the quota page lists 2048 (unconfirmed which applies)")));
    }
    let (template, td) = r.input_template(&params);
    d.extend(td);
    let plan = TransformPlan::checked(&r.input_paths, &template);
    d.extend(
        plan.check_paths()
            .into_iter()
            .map(|x| x.under("inputPaths")),
    );
    let generated = r.input_template_override.is_none();
    if r.input_template_override
        .as_deref()
        .is_some_and(crate::domain::eventbridge::template::escaped_angle_bracket)
    {
        d.push(Diagnostic::warning(
            "inputTemplateOverride",
            "it writes < or > as \\u003c or \\u003e (as Terraform's jsonencode does): EventBridge replaces no placeholder written that way, so the message shows the placeholder's name, not the event's value; write < and > as themselves",
        ));
    }
    let where_ = if generated {
        "inputTemplate"
    } else {
        "inputTemplateOverride"
    };
    d.extend(
        plan.check_template(&r.input_paths, !generated)
            .into_iter()
            .map(|x| x.under(where_)),
    );
    if generated && plan.length_error().is_none() {
        d.extend(undefined_placeholders(design, r));
    }
    if generated {
        d.extend(content_limits(&r.notification));
    }
    if generated && r.notification.description.is_empty() {
        d.push(Diagnostic::warning(
            "notification/description",
            "the description is empty; it is the body of the message",
        ));
    }
    CompiledRule {
        pattern,
        transform: plan,
        rule_name: r.name.clone(),
        enabled: r.enabled,
        uncertain,
    }
}

/// Two rules of one design with one name: every export names a rule's resources after it, and
/// EventBridge names rules uniquely per bus.
fn check_rule_names(design: &Design, d: &mut Vec<Diagnostic>) {
    let mut names = std::collections::HashSet::new();
    for (i, r) in design.rules.iter().enumerate() {
        if !names.insert(r.name.as_str()) {
            d.push(Diagnostic::error(
                format!("rules/{i}/name"),
                format!(
                    "two rules are named `{}`; rule names are unique in a design (exports name each rule's resources after it)",
                    excerpt(&r.name)
                ),
            ));
        }
    }
}

/// The rule's name and description against EventBridge's limits.
fn check_rule(r: &RuleDesign, d: &mut Vec<Diagnostic>) {
    let n = char_len(&r.name);
    if n == 0
        || n > 64
        || r.name
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        d.push(Diagnostic::error(
            "name",
            "a rule name has 1 to 64 letters, digits, `.`, `-` or `_`",
        ));
    }
    if char_len(&r.description) > 512 {
        d.push(Diagnostic::error(
            "description",
            "a rule description has at most 512 characters",
        ));
    }
}

/// Placeholders no input path defines, reported where they were typed, each name once: in the
/// notification's fields and in the parameters they use (a parameter's value is written into the
/// template as it is wherever `{{name}}` stands).
fn undefined_placeholders(design: &Design, rule: &RuleDesign) -> Vec<Diagnostic> {
    let n = &rule.notification;
    let mut fields: Vec<(String, &str)> = vec![
        ("notification/title".into(), n.title.as_str()),
        ("notification/description".into(), n.description.as_str()),
        ("notification/threadId".into(), n.thread_id.as_str()),
        ("notification/summary".into(), n.summary.as_str()),
        ("notification/eventType".into(), n.event_type.as_str()),
    ];
    for (name, list) in [
        ("nextSteps", &n.next_steps),
        ("keywords", &n.keywords),
        ("relatedResources", &n.related_resources),
    ] {
        fields.extend(
            list.iter()
                .enumerate()
                .map(|(i, s)| (format!("notification/{name}/{i}"), s.as_str())),
        );
    }
    fields.extend(
        n.additional_context
            .iter()
            .map(|(k, v)| (format!("notification/additionalContext/{k}"), v.as_str())),
    );
    let names: Vec<&str> = fields
        .iter()
        .flat_map(|(_, t)| parameter_names(t))
        .collect();
    let used: Vec<(String, &str)> = design
        .deployment
        .parameters
        .iter()
        .filter(|(name, _)| names.contains(&name.as_str()))
        .map(|(name, value)| (format!("deployment/parameters/{name}"), value.as_str()))
        .collect();
    fields.extend(used);
    let mut undefined = Repeats::new("undefined placeholders");
    for (loc, text) in fields {
        check_placeholders(text, &rule.input_paths, &loc, &mut undefined);
    }
    undefined.finish()
}

/// The notification's texts against Amazon Q's content limits.
fn content_limits(n: &crate::domain::design::model::NotificationDesign) -> Vec<Diagnostic> {
    let mut texts: Vec<(String, &str, &str)> = vec![
        ("notification/title".into(), "title", n.title.as_str()),
        (
            "notification/description".into(),
            "description",
            n.description.as_str(),
        ),
    ];
    for (field, list) in [("nextSteps", &n.next_steps), ("keywords", &n.keywords)] {
        texts.extend(
            list.iter()
                .enumerate()
                .map(|(i, s)| (format!("notification/{field}/{i}"), field, s.as_str())),
        );
    }
    crate::domain::amazon_q::notification::check_content_limits(texts)
}

/// Each button's planned checks, unique names, the additionalContext its variables read, and
/// whether the notification lets buttons appear at all.
fn check_actions(design: &Design, actions: &ActionsPlan, d: &mut Vec<Diagnostic>) {
    // What the notifications set is known when every rule's template is generated from its form.
    let generated = design
        .rules
        .iter()
        .all(|r| r.input_template_override.is_none());
    let mut names = std::collections::HashSet::new();
    for (i, (a, planned)) in design.actions.iter().zip(&actions.actions).enumerate() {
        d.extend(
            check_planned(planned)
                .into_iter()
                .map(|x| x.under(&format!("actions/{i}"))),
        );
        if !names.insert(a.name.as_str()) {
            d.push(Diagnostic::error(
                format!("actions/{i}/name"),
                format!(
                    "two actions are named `{}`; action names are unique per account",
                    excerpt(&a.name)
                ),
            ));
        }
        for (v, path) in &a.variables {
            if let Some(key) = path.strip_prefix("event.metadata.additionalContext.") {
                if generated
                    && !design
                        .rules
                        .iter()
                        .any(|r| r.notification.additional_context.contains_key(key))
                {
                    let what = match design.rules.len() {
                        1 => "which the notification does not set",
                        _ => "which no rule's notification sets",
                    };
                    d.push(Diagnostic::warning(
                        format!("actions/{i}/variables/{v}"),
                        format!("reads additionalContext `{}`, {what}", excerpt(key)),
                    ));
                }
            }
        }
    }
    let off = |r: &RuleDesign| r.notification.enable_custom_actions == Some(false);
    if !design.actions.is_empty() && generated && design.rules.iter().all(off) {
        let message = match design.rules.len() {
            1 => "the design has buttons but enableCustomActions is false, so no button is added to the notification",
            _ => "the design has buttons but every rule's enableCustomActions is false, so no button is added to any notification",
        };
        d.push(Diagnostic::warning(
            "rules/0/notification/enableCustomActions",
            message,
        ));
    }
}
