//! One-click fixes the editors offer. A command naming `$Region` when the action has no variable
//! `Region` gets "add variable Region reading event.metadata.additionalContext.Region", which also
//! adds the additionalContext key (filled from the event field of that name) and its input path
//! when they are missing, so the button's command resolves.

use crate::domain::amazon_q::actions::CommandPart;
use crate::domain::design::model::{Design, RuleDesign};
use crate::domain::eventbridge::template::parameter_names;
use crate::domain::view::preview::highlight_command;
use serde_json::Value;

/// Adds a variable to an action, and what the variable reads when the design lacks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableFix {
    pub name: String,
    /// What the variable reads: `event.metadata.additionalContext.<Key>`.
    pub path: String,
    /// The additionalContext key to add and its value (`<region>`), when the notification lacks it.
    pub context: Option<(String, String)>,
    /// The input path to add (`region`, `$.region`), when the rule lacks it.
    pub input_path: Option<(String, String)>,
    /// The event has no field of that name: the key is added empty, for the person to fill.
    pub unfilled: bool,
    /// The action has the variable already; only what it reads is missing.
    pub variable_exists: bool,
}

impl VariableFix {
    /// The fix's button text.
    pub fn describe(&self) -> String {
        if self.variable_exists {
            let Some((key, value)) = &self.context else {
                return String::new();
            };
            let mut s = format!("Add {key} = {value} to the notification's additionalContext (variable {} reads it)", self.name);
            if let Some((name, path)) = &self.input_path {
                s += &format!(", with input path {name} = {path}");
            }
            if self.unfilled {
                s = format!("Add an empty {key} to the notification's additionalContext (the event has no field named {key}; fill it in)");
            }
            return s;
        }
        let mut s = format!("Add variable {} reading {}", self.name, self.path);
        if let Some((key, value)) = &self.context {
            if self.unfilled {
                s += &format!(
                    " (and an empty additionalContext key {key}: the event has no field named {})",
                    self.name
                );
            } else {
                s += &format!(" (and the additionalContext key {key} = {value}");
                if let Some((name, path)) = &self.input_path {
                    s += &format!(", with input path {name} = {path}");
                }
                s += ")";
            }
        }
        s
    }

    /// Applies the fix to action `action` of `d`, and to rule `rule`'s input paths and
    /// notification.
    pub fn apply(&self, d: &mut Design, rule: usize, action: usize) {
        if let Some(r) = d.rules.get_mut(rule) {
            if let Some((name, path)) = &self.input_path {
                r.input_paths
                    .entry(name.clone())
                    .or_insert_with(|| path.clone());
            }
            if let Some((key, value)) = &self.context {
                r.notification
                    .additional_context
                    .entry(key.clone())
                    .or_insert_with(|| value.clone());
            }
        }
        if let Some(a) = d.actions.get_mut(action) {
            a.variables.insert(self.name.clone(), self.path.clone());
        }
    }
}

/// A fix for each `$Name` of action `action`'s command that is not one of its variables, in
/// command order, once per name. `event` is the event the simulation runs, where a field of that
/// name is looked for; rule `rule` is the one whose message the event makes (its input paths and
/// notification get what a fix adds). At most `paging::PREVIEW_ITEMS` fixes: a file may hold
/// thousands of variables.
pub fn unknown_variable_fixes(
    design: &Design,
    rule: usize,
    action: usize,
    event: &Value,
) -> Vec<VariableFix> {
    let (Some(a), Some(r)) = (design.actions.get(action), design.rules.get(rule)) else {
        return Vec::new();
    };
    let names: Vec<String> = a.variables.keys().cloned().collect();
    let mut out: Vec<VariableFix> = Vec::new();
    for part in highlight_command(&a.command, &names) {
        let CommandPart::Unknown(name) = part else {
            continue;
        };
        if out.iter().any(|f| f.name == name) || !plain_name(&name) {
            continue;
        }
        out.push(fix_for(r, &name, event));
    }
    // At most a list's drawn items: a file may hold thousands of variables (a button may have 5).
    let room = |out: &Vec<VariableFix>| out.len() < crate::domain::view::paging::PREVIEW_ITEMS;
    // Variables that read an additionalContext key the notification does not set.
    if r.input_template_override.is_none() {
        for (v, path) in &a.variables {
            if !room(&out) {
                break;
            }
            let Some(key) = path.strip_prefix("event.metadata.additionalContext.") else {
                continue;
            };
            if !plain_name(key) || r.notification.additional_context.contains_key(key) {
                continue;
            }
            let mut f = fix_for(r, key, event);
            f.name = v.clone();
            f.path = path.clone();
            f.variable_exists = true;
            if f.context.is_some() {
                out.push(f);
            }
        }
    }
    out
}

/// A name that can be a key in a variable path (letters, digits, underscores).
fn plain_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn fix_for(rule: &RuleDesign, name: &str, event: &Value) -> VariableFix {
    let context = &rule.notification.additional_context;
    let same = |k: &str| k.eq_ignore_ascii_case(name);
    let path_of = |key: &str| format!("event.metadata.additionalContext.{key}");
    // The notification already carries it.
    if let Some(key) = context.keys().find(|k| same(k)) {
        return VariableFix {
            name: name.into(),
            path: path_of(key),
            context: None,
            input_path: None,
            unfilled: false,
            variable_exists: false,
        };
    }
    let paths = &rule.input_paths;
    let (input_path, value, unfilled) = if let Some(p) = paths.keys().find(|k| same(k)) {
        (None, format!("<{p}>"), false)
    } else if let Some(json_path) = find_field(event, name) {
        // An input path of the same name, unless the rule reads that name elsewhere already.
        let mut p = lower_first(name);
        let mut n = 2;
        while paths.contains_key(&p) {
            p = format!("{}{n}", lower_first(name));
            n += 1;
        }
        (Some((p.clone(), json_path)), format!("<{p}>"), false)
    } else {
        (None, String::new(), true)
    };
    VariableFix {
        name: name.into(),
        path: path_of(name),
        context: Some((name.into(), value)),
        input_path,
        unfilled,
        variable_exists: false,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// The JSON path (`$.detail.deploymentId`) of the shallowest scalar field of `event` whose key is
/// `name` ignoring case (objects only: an input path cannot pick an array element by name).
pub fn find_field(event: &Value, name: &str) -> Option<String> {
    let mut level: Vec<(String, &Value)> = vec![("$".into(), event)];
    for _ in 0..8 {
        let mut next = Vec::new();
        for (path, v) in level {
            let Value::Object(m) = v else { continue };
            for (k, child) in m {
                let p = if plain_name(k) {
                    format!("{path}.{k}")
                } else {
                    continue;
                };
                if k.eq_ignore_ascii_case(name) && !child.is_object() && !child.is_array() {
                    return Some(p);
                }
                next.push((p, child));
            }
        }
        if next.is_empty() {
            return None;
        }
        level = next;
    }
    None
}

/// The name and path "+ Add variable" starts with for action `action`: the first `$Name` of the
/// command that is not a variable yet, else the first additionalContext key no variable reads,
/// else a fresh `VarN` reading the additionalContext.
pub fn suggested_variable(
    design: &Design,
    rule: usize,
    action: usize,
    event: &Value,
) -> (String, String) {
    let path_of = |key: &str| format!("event.metadata.additionalContext.{key}");
    let (Some(a), Some(r)) = (design.actions.get(action), design.rules.get(rule)) else {
        return ("Var1".into(), path_of("Var1"));
    };
    if let Some(f) = unknown_variable_fixes(design, rule, action, event)
        .into_iter()
        .next()
    {
        return (f.name, f.path);
    }
    let read: Vec<&String> = a.variables.values().collect();
    if let Some(key) = r
        .notification
        .additional_context
        .keys()
        .find(|k| !a.variables.contains_key(*k) && !read.contains(&&path_of(k)))
    {
        return (key.clone(), path_of(key));
    }
    let mut n = 1;
    while a.variables.contains_key(&format!("Var{n}")) {
        n += 1;
    }
    let name = format!("Var{n}");
    let path = path_of(&name);
    (name, path)
}

/// One line of the event tree the event panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventField {
    /// The input path that reads it (`$.detail.deploymentId`, `$.resources[0]`); `None` when no
    /// input path can name it (a key an input path cannot spell).
    pub path: Option<String>,
    pub depth: usize,
    /// The key, or `[i]` for an array element.
    pub key: String,
    /// The value as text for a scalar; `None` for an object or array (a heading).
    pub value: Option<String>,
}

/// A child of an event value: its key, the input path that reads it, the value.
type Child<'a> = (String, Option<String>, &'a Value);

/// The event as tree lines, depth first in document order, at most `max` of them (a huge event
/// stays cheap to draw; the last line then says how many were left out).
pub fn event_fields(event: &Value, max: usize) -> Vec<EventField> {
    fn walk(
        v: &Value,
        path: Option<String>,
        depth: usize,
        key: String,
        out: &mut Vec<EventField>,
        max: usize,
        left: &mut usize,
    ) {
        if out.len() >= max {
            *left += 1;
            return;
        }
        let (value, children): (Option<String>, Vec<Child>) = match v {
            Value::Object(m) => (
                None,
                m.iter()
                    .map(|(k, c)| {
                        let p = path
                            .as_ref()
                            .filter(|_| input_path_key(k))
                            .map(|p| format!("{p}.{k}"));
                        (k.clone(), p, c)
                    })
                    .collect(),
            ),
            Value::Array(a) => (
                None,
                a.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        (
                            format!("[{i}]"),
                            path.as_ref().map(|p| format!("{p}[{i}]")),
                            c,
                        )
                    })
                    .collect(),
            ),
            Value::String(s) => (Some(s.clone()), Vec::new()),
            other => (Some(other.to_string()), Vec::new()),
        };
        if depth > 0 {
            out.push(EventField {
                path: path.clone(),
                depth: depth - 1,
                key,
                value,
            });
        }
        for (k, p, c) in children {
            walk(c, p, depth + 1, k, out, max, left);
        }
    }
    let mut out = Vec::new();
    let mut left = 0;
    walk(
        event,
        Some("$".into()),
        0,
        String::new(),
        &mut out,
        max,
        &mut left,
    );
    if left > 0 {
        out.push(EventField {
            path: None,
            depth: 0,
            key: format!("… {left} more fields"),
            value: None,
        });
    }
    out
}

/// A key an input path can spell after a dot.
fn input_path_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The name of the input path that reads `json_path`: the one the rule has already, else a new
/// one named after the path's last key (made unique), added to the rule.
pub fn bind_path(rule: &mut RuleDesign, json_path: &str) -> String {
    if let Some((name, _)) = rule
        .input_paths
        .iter()
        .find(|(_, p)| p.as_str() == json_path)
    {
        return name.clone();
    }
    let last = json_path
        .rsplit(['.', '['])
        .next()
        .unwrap_or("")
        .trim_end_matches(']');
    let mut base: String = last
        .split(['-', '_'])
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                lower_first(w)
            } else {
                upper_first(w)
            }
        })
        .collect();
    if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base = format!("field{base}");
    }
    let mut name = base.clone();
    let mut n = 2;
    while rule.input_paths.contains_key(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    rule.input_paths.insert(name.clone(), json_path.to_string());
    name
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A `{{parameter}}` the notification's text names, with its value when the deployment settings
/// define it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterRef {
    pub name: String,
    pub value: Option<String>,
}

/// Every `{{name}}` of the notifications' text, once each, in order of first appearance (rule by
/// rule).
pub fn parameter_refs(design: &Design) -> Vec<ParameterRef> {
    let texts = design.rules.iter().flat_map(|r| {
        let n = &r.notification;
        [
            &n.title,
            &n.description,
            &n.thread_id,
            &n.summary,
            &n.event_type,
        ]
        .into_iter()
        .chain(&n.next_steps)
        .chain(&n.keywords)
        .chain(&n.related_resources)
        .chain(n.additional_context.values())
    });
    let mut out: Vec<ParameterRef> = Vec::new();
    for name in texts.flat_map(|t| parameter_names(t)) {
        if !out.iter().any(|r| r.name == name) {
            out.push(ParameterRef {
                name: name.to_string(),
                value: design.deployment.parameters.get(name).cloned(),
            });
        }
    }
    out
}
