//! Custom Actions (section B of the facts): API limits, variables read from the delivered
//! notification, criteria, which buttons appear, and `$Var` substitution into the command.
//! Imports model, diagnostics, assumptions and JSON paths.

use crate::domain::amazon_q::iam::{command_permissions, escalation, valued_boolean_flags};
use crate::domain::amazon_q::limits::{
    check,
    Measure::{Count, Text},
};
use crate::domain::amazon_q::notification::field_of;
use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::base::diagnostic::{
    excerpt, first_hidden, name_list, Diagnostic, Place, Repeats,
};
use crate::domain::design::model::{Criterion, CriterionOperator, CustomActionDesign};
use crate::domain::eventbridge::jsonpath::{parse_variable_path, read_dotted};
use serde::Serialize;
use serde_json::Value;

/// Checks one action against every API limit. Locations are relative to the action.
pub fn check_action(a: &CustomActionDesign) -> Vec<Diagnostic> {
    check_planned(&PlannedAction::new(a))
}

/// `check_action` from the parses already made for the action: the limits of `limits::LIMITS`,
/// then what no single limit says (criteria naming undefined variables, operators and values, the
/// notification type, the command's IAM permissions and `$Var`s).
pub fn check_planned(planned: &PlannedAction) -> Vec<Diagnostic> {
    let a = &planned.design;
    let mut d = check("actionName", "name", Text(&a.name));
    if let Some(alias) = &a.alias {
        d.extend(check("alias", "alias", Text(alias)));
    }
    d.extend(check("buttonText", "buttonText", Text(&a.button_text)));
    // What a person reads on the button (or types as its alias) is what they decide on.
    for (at, text) in [
        ("buttonText", Some(&a.button_text)),
        ("alias", a.alias.as_ref()),
    ] {
        if let Some(c) = text.and_then(|t| first_hidden(t)) {
            d.push(Diagnostic::warning(
                at,
                format!("holds {c}: the {} shows differently from what it is (\"{}\" reads as something else in the channel); remove it", if at == "alias" { "alias" } else { "button" }, excerpt(text.map(String::as_str).unwrap_or_default()).escape_default()),
            ));
        }
    }
    let type_checks = check(
        "notificationType",
        "notificationType",
        Text(&a.notification_type),
    );
    if type_checks.is_empty() && a.notification_type != "Custom" {
        d.push(Diagnostic::warning(
            "notificationType",
            format!("\"{}\": only \"Custom\" is seen working for custom notifications; other values are unconfirmed", excerpt(&a.notification_type)),
        ));
    }
    d.extend(type_checks);
    if a.criteria.is_empty() {
        d.push(Diagnostic::warning(
            "criteria",
            "no criteria: the button would appear on every custom notification in the channel",
        ));
    }
    d.extend(check("criteria", "criteria", Count(a.criteria.len())));
    let mut undefined = Repeats::new("undefined criterion variables");
    for (i, c) in a.criteria.iter().enumerate() {
        let loc = format!("criteria/{i}");
        if !a.variables.contains_key(&c.variable) {
            let at = format!("{loc}/variable");
            undefined.add(&c.variable, Place::new(&at, None), || {
                Diagnostic::error(
                    "",
                    format!(
                        "criterion variable `{}` is not defined; defined variables: {}",
                        excerpt(&c.variable),
                        name_list(a.variables.keys().map(String::as_str))
                    ),
                )
            });
        }
        match (c.operator, &c.value) {
            (CriterionOperator::Equals, None) => {
                d.push(Diagnostic::error(
                    format!("{loc}/value"),
                    "EQUALS needs a value to compare with",
                ));
            }
            (CriterionOperator::HasValue, Some(_)) => {
                d.push(Diagnostic::warning(
                    format!("{loc}/value"),
                    "HAS_VALUE ignores the value; leave it empty",
                ));
            }
            _ => {}
        }
        if let Some(v) = &c.value {
            d.extend(check("criterionValue", &format!("{loc}/value"), Text(v)));
        }
    }
    d.extend(undefined.finish());
    d.extend(check("variables", "variables", Count(a.variables.len())));
    for (name, path) in &a.variables {
        let loc = format!("variables/{name}");
        d.extend(check("variableName", &loc, Text(name)));
        d.extend(check("variablePath", &loc, Text(path)));
        if let Some((_, errors)) = planned.path_errors.iter().find(|(n, _)| n == name) {
            d.extend(errors.iter().map(|x| x.clone().under(&loc)));
        }
    }
    d.extend(check("command", "command", Text(&a.command)));
    if !a.command.is_empty() {
        match command_permissions(&a.command) {
            Err(why) => d.push(Diagnostic::error(
                "command",
                format!("no IAM permission is generated for this command: {why}; the exported role and guardrail would deny it"),
            )),
            Ok(p) => {
                for info in &p.actions {
                    if let Some(why) = escalation(&info.action, &a.command) {
                        d.push(Diagnostic::warning(
                            "command",
                            format!("{} {why}: anyone in the channel who may press the button can do that, with the channel role's rights; limit who may use the channel (the guardrail and role grant it on the narrowest resource the settings name, else on every resource)", info.action),
                        ));
                    }
                }
            }
        }
        for v in valued_boolean_flags(&a.command) {
            let name = v.flag.trim_start_matches("--");
            let name = name.strip_prefix("no-").unwrap_or(name);
            d.push(Diagnostic::warning(
                "command",
                format!(
                    "{} takes no value: the AWS CLI writes it --{name} or --no-{name}, and refuses \"{}\" after it (\"Unknown options\"); whether the chat's command parser does too is not documented",
                    v.flag,
                    excerpt(&v.value)
                ),
            ));
        }
    }
    d.extend(planned.unknown.iter().map(|x| x.clone().under("command")));
    d
}

/// A command after substitution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Substituted {
    pub command: String,
    /// `$Var`s left in the command: unknown names, or variables without a value.
    pub unresolved: Vec<String>,
}

/// A span of a command: literal text or a `$Var` reference (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CommandPart {
    Text(String),
    /// A reference to a defined variable (`name`), written as `$name`.
    Var(String),
    /// `$name` where no defined variable matches.
    Unknown(String),
}

/// Variable names as a byte trie: finds the longest name a text starts with in time bounded by
/// that text's matching prefix, not by the number of names.
struct Names {
    edges: std::collections::HashMap<(usize, u8), usize>,
    /// Per node, whether a name ends there.
    ends: Vec<bool>,
}

impl Names {
    fn new(names: &[&str]) -> Self {
        let mut t = Names {
            edges: std::collections::HashMap::new(),
            ends: vec![false],
        };
        for n in names.iter().filter(|n| !n.is_empty()) {
            let mut node = 0;
            for &b in n.as_bytes() {
                node = match t.edges.get(&(node, b)) {
                    Some(&next) => next,
                    None => {
                        t.ends.push(false);
                        let next = t.ends.len() - 1;
                        t.edges.insert((node, b), next);
                        next
                    }
                };
            }
            t.ends[node] = true;
        }
        t
    }

    /// The length in bytes of the longest name `text` starts with.
    fn longest_prefix(&self, text: &str) -> Option<usize> {
        let mut node = 0;
        let mut best = None;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            match self.edges.get(&(node, b)) {
                Some(&next) => node = next,
                None => break,
            }
            if self.ends[node] {
                best = Some(i + 1);
            }
        }
        best
    }
}

/// Splits a command into text and `$Var` references. At each `$`, the longest defined variable name
/// that follows wins; a name-like run that matches none is `Unknown`.
pub fn command_parts(command: &str, names: &[&str]) -> Vec<CommandPart> {
    crate::domain::base::parses::count(crate::domain::base::parses::Input::Command);
    let trie = Names::new(names);
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = command;
    while let Some(i) = rest.find('$') {
        text.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let best = trie.longest_prefix(after);
        let run = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if let Some(len) = best {
            if !text.is_empty() {
                parts.push(CommandPart::Text(std::mem::take(&mut text)));
            }
            parts.push(CommandPart::Var(after[..len].to_string()));
            rest = &after[len..];
        } else if run > 0 && after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            if !text.is_empty() {
                parts.push(CommandPart::Text(std::mem::take(&mut text)));
            }
            parts.push(CommandPart::Unknown(after[..run].to_string()));
            rest = &after[run..];
        } else {
            text.push('$');
            rest = after;
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(CommandPart::Text(text));
    }
    parts
}

/// Substitutes `$Var`s with their values (as is: assumption `substitution-raw`). An unknown `$Name`
/// is reported once however often it occurs.
pub fn substitute(
    command: &str,
    vars: &[(String, Option<String>)],
) -> (Substituted, Vec<Diagnostic>) {
    let names: Vec<&str> = vars.iter().map(|(n, _)| n.as_str()).collect();
    let parts = command_parts(command, &names);
    (fill(&parts, vars), unknown_variables(&parts, &names))
}

/// The command of `parts` with each defined variable replaced by its value (the first of that
/// name in `vars`); variables without a value and unknown names stay as written.
pub fn fill(parts: &[CommandPart], vars: &[(String, Option<String>)]) -> Substituted {
    let mut out = String::new();
    let mut unresolved = Vec::new();
    for part in parts {
        match part {
            CommandPart::Text(t) => out.push_str(t),
            CommandPart::Var(n) => match vars
                .iter()
                .find(|(k, _)| k == n)
                .and_then(|(_, v)| v.as_deref())
            {
                Some(v) => out.push_str(v),
                None => {
                    out.push('$');
                    out.push_str(n);
                    unresolved.push(n.clone());
                }
            },
            CommandPart::Unknown(n) => {
                out.push('$');
                out.push_str(n);
                unresolved.push(n.clone());
            }
        }
    }
    Substituted {
        command: out,
        unresolved,
    }
}

/// A warning for each `$Name` of `parts` that is not a variable of the action, once per name.
fn unknown_variables(parts: &[CommandPart], names: &[&str]) -> Vec<Diagnostic> {
    let mut unknown = Repeats::new("unknown variables");
    for part in parts {
        if let CommandPart::Unknown(n) = part {
            unknown.add(n, Place::new("", None), || {
                Diagnostic::warning(
                    "",
                    format!(
                        "`${}` is not a variable of this action, so it stays as written; defined: {}",
                        excerpt(n),
                        name_list(names.iter().copied())
                    ),
                )
            });
        }
    }
    unknown.finish()
}

/// One criterion evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionResult {
    pub operator: &'static str,
    pub variable: String,
    pub value: Option<String>,
    pub actual: Option<String>,
    pub holds: bool,
}

/// What happened to one action for one notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionTrace {
    pub action: String,
    pub text: String,
    pub appears: bool,
    pub reason: String,
    /// Variable name and the value it read (None when the path found nothing).
    pub variables: Vec<(String, Option<String>)>,
    pub criteria: Vec<CriterionResult>,
    pub command: String,
    pub unresolved: Vec<String>,
}

/// One action prepared once: its variable paths parsed and its command split into text and
/// `$Var`s.
#[derive(Debug, Clone)]
pub struct PlannedAction {
    pub design: CustomActionDesign,
    /// Each variable's name and its path's names (`None` when the path does not parse).
    paths: Vec<(String, Option<Vec<String>>)>,
    /// Why each variable path does not parse, by variable name.
    path_errors: Vec<(String, Vec<Diagnostic>)>,
    pub parts: Vec<CommandPart>,
    /// `$Name`s in the command that are not variables of the action (warnings).
    unknown: Vec<Diagnostic>,
}

impl PlannedAction {
    pub fn new(a: &CustomActionDesign) -> Self {
        let mut paths = Vec::with_capacity(a.variables.len());
        let mut path_errors = Vec::new();
        for (name, path) in &a.variables {
            let (parsed, errors) = parse_variable_path(path);
            if !errors.is_empty() {
                path_errors.push((name.clone(), errors));
            }
            paths.push((name.clone(), parsed));
        }
        let names: Vec<&str> = a.variables.keys().map(String::as_str).collect();
        let parts = command_parts(&a.command, &names);
        let unknown = unknown_variables(&parts, &names);
        PlannedAction {
            design: a.clone(),
            paths,
            path_errors,
            parts,
            unknown,
        }
    }
}

/// The actions of a design, each prepared once (`PlannedAction`); `resolve` then decides the
/// buttons of any number of notifications without parsing anything again.
#[derive(Debug, Clone, Default)]
pub struct ActionsPlan {
    pub actions: Vec<PlannedAction>,
}

impl ActionsPlan {
    pub fn new(actions: &[CustomActionDesign]) -> Self {
        ActionsPlan {
            actions: actions.iter().map(PlannedAction::new).collect(),
        }
    }

    /// Decides, for a delivered notification, which buttons appear and what each would run.
    ///
    /// `metadata.enableCustomActions` false removes every button and true keeps them; when it is
    /// absent, the buttons are added (assumption `enable-custom-actions`) unless
    /// `absent_means_false` asks for the other reading.
    pub fn resolve(
        &self,
        notification: &Value,
        absent_means_false: bool,
    ) -> (Vec<ActionTrace>, Vec<Diagnostic>, Vec<Assumption>) {
        let mut used = vec![assumptions::BUTTON_ORDER, assumptions::SUBSTITUTION_RAW];
        let mut diags = Vec::new();
        let flag = field_of(notification, "metadata", "enableCustomActions");
        let enabled = enabled(flag, absent_means_false);
        if flag.is_none() && !self.actions.is_empty() {
            used.push(if absent_means_false {
                assumptions::ENABLE_CUSTOM_ACTIONS_FALSE
            } else {
                assumptions::ENABLE_CUSTOM_ACTIONS
            });
        }
        let mut traces = Vec::new();
        for (i, planned) in self.actions.iter().enumerate() {
            let a = &planned.design;
            let (variables, non_string) = read_variables(planned, notification);
            if non_string {
                used.push(assumptions::VARIABLE_TEXT);
            }
            let criteria = criteria_results(a, &variables);
            if a.criteria.len() > 1 {
                used.push(assumptions::CRITERIA_AND);
            }
            if a.criteria.is_empty() {
                used.push(assumptions::NO_CRITERIA);
            }
            if a.notification_type != "Custom" {
                used.push(assumptions::NOTIFICATION_TYPE);
            }
            let (appears, reason) = if enabled {
                decide(a, &criteria)
            } else {
                (false, disabled_reason(flag).to_string())
            };
            // Unknown `$Name`s are the design's own warnings (`check_planned`), not this event's.
            let sub = fill(&planned.parts, &variables);
            if appears {
                diags.extend(valueless_variables(i, a, &sub.unresolved));
            }
            traces.push(ActionTrace {
                action: a.name.clone(),
                text: a.button_text.clone(),
                appears,
                reason,
                variables,
                criteria,
                command: sub.command,
                unresolved: sub.unresolved,
            });
        }
        used.dedup();
        (traces, diags, used)
    }
}

/// Each of the button's variables read from the notification (as text), and whether any value
/// read was not a string.
fn read_variables(
    planned: &PlannedAction,
    notification: &Value,
) -> (Vec<(String, Option<String>)>, bool) {
    let mut non_string = false;
    let variables = planned
        .paths
        .iter()
        .map(|(k, names)| {
            let found = names.as_ref().and_then(|n| read_dotted(notification, n));
            non_string |= found.is_some_and(|v| !v.is_string());
            (k.clone(), found.and_then(variable_text))
        })
        .collect();
    (variables, non_string)
}

/// Each criterion of the button, evaluated on the variables' values.
fn criteria_results(
    a: &CustomActionDesign,
    variables: &[(String, Option<String>)],
) -> Vec<CriterionResult> {
    // `variables` is in the order of the design's map, which finds a name by hash: a file may
    // hold thousands of variables and criteria.
    let actual = |name: &str| {
        a.variables
            .get_index_of(name)
            .and_then(|i| variables.get(i))
            .and_then(|(_, v)| v.clone())
    };
    a.criteria
        .iter()
        .map(|c| {
            let actual = actual(&c.variable);
            let holds = holds(c, actual.as_deref());
            CriterionResult {
                operator: c.operator.as_str(),
                variable: c.variable.clone(),
                value: c.value.clone(),
                actual,
                holds,
            }
        })
        .collect()
}

/// Why no button appears when the notification's flag turns them off.
fn disabled_reason(flag: Option<&Value>) -> &'static str {
    match flag {
        Some(Value::Bool(false)) => "metadata.enableCustomActions is false in the notification",
        Some(_) => "metadata.enableCustomActions is not a boolean",
        None => "metadata.enableCustomActions is absent and shown as if absent meant false",
    }
}

/// Whether a button appears on a notification that allows buttons, and why.
fn decide(a: &CustomActionDesign, criteria: &[CriterionResult]) -> (bool, String) {
    if a.notification_type != "Custom" {
        return (
            false,
            format!(
                "its notification type is \"{}\", not \"Custom\"",
                excerpt(&a.notification_type)
            ),
        );
    }
    if let Some(c) = criteria.iter().find(|c| !c.holds) {
        let got = c
            .actual
            .as_ref()
            .map(|v| format!("\"{}\"", excerpt(v)))
            .unwrap_or_else(|| "no value".into());
        let want = match c.operator {
            "EQUALS" => format!(
                "EQUALS \"{}\"",
                excerpt(c.value.as_deref().unwrap_or_default())
            ),
            _ => "HAS_VALUE".into(),
        };
        return (
            false,
            format!(
                "criterion {} {want} fails: the variable has {got}",
                excerpt(&c.variable)
            ),
        );
    }
    if criteria.is_empty() {
        (
            true,
            "no criteria: appears on every custom notification".into(),
        )
    } else {
        (true, "every criterion holds".into())
    }
}

/// The button's variables that have no value in this notification, so its command keeps them.
fn valueless_variables(i: usize, a: &CustomActionDesign, unresolved: &[String]) -> Vec<Diagnostic> {
    let at = format!("actions/{i}/command");
    let mut empty = Repeats::new("variables without a value");
    for n in unresolved {
        if a.variables.contains_key(n) {
            empty.add(n, Place::new(&at, None), || {
                let n = excerpt(n);
                Diagnostic::warning(
                    "",
                    format!("${n} has no value in this notification, so the command keeps `${n}`"),
                )
            });
        }
    }
    empty.finish()
}

impl ActionsPlan {
    /// The text of each button that appears on a delivered notification, in design order: the
    /// decision `resolve` explains, without its trace.
    pub fn buttons(&self, notification: &Value, absent_means_false: bool) -> Vec<String> {
        let flag = field_of(notification, "metadata", "enableCustomActions");
        if !enabled(flag, absent_means_false) {
            return Vec::new();
        }
        self.actions
            .iter()
            .filter(|p| p.design.notification_type == "Custom")
            .filter(|p| {
                p.design.criteria.iter().all(|c| {
                    let path = p
                        .design
                        .variables
                        .get_index_of(&c.variable)
                        .and_then(|i| p.paths.get(i));
                    let found = path
                        .and_then(|(_, names)| names.as_ref())
                        .and_then(|n| read_dotted(notification, n))
                        .and_then(variable_text);
                    holds(c, found.as_deref())
                })
            })
            .map(|p| p.design.button_text.clone())
            .collect()
    }
}

/// Whether buttons are added, from `metadata.enableCustomActions` (absent: true, unless
/// `absent_means_false`; not a boolean: false).
fn enabled(flag: Option<&Value>, absent_means_false: bool) -> bool {
    match flag {
        Some(Value::Bool(on)) => *on,
        Some(_) => false,
        None => !absent_means_false,
    }
}

/// A variable's value as the command receives it (assumption `variable-text`): a string as is,
/// a number or boolean as its JSON text; an object, array or null sets nothing.
fn variable_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a criterion holds for a variable's value.
fn holds(c: &Criterion, actual: Option<&str>) -> bool {
    match c.operator {
        CriterionOperator::HasValue => actual.is_some_and(|v| !v.is_empty()),
        CriterionOperator::Equals => actual.is_some() && actual == c.value.as_deref(),
    }
}

/// `ActionsPlan::resolve` of a plan made for this one call.
pub fn resolve(
    actions: &[CustomActionDesign],
    notification: &Value,
    absent_means_false: bool,
) -> (Vec<ActionTrace>, Vec<Diagnostic>, Vec<Assumption>) {
    ActionsPlan::new(actions).resolve(notification, absent_means_false)
}
