//! Where a diagnostic's location (`actions/0/buttonText`, `notification/nextSteps/2`,
//! `rule/eventPattern/detail/state`) is edited: the editor tab, the id of the field, and a name a
//! person reads ("Button 1 › Button text"). The Export tab's errors link to the field this way,
//! and the tabs count the errors inside them.

use crate::domain::design::model::Design;

/// An editor tab, by its label.
pub const NOTIFICATION: &str = "Notification";
pub const BUTTONS: &str = "Buttons";
pub const RULE: &str = "Rule";
pub const DEPLOY: &str = "Deploy";

/// A field in the editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub tab: &'static str,
    /// The DOM id of the input (the editors' id scheme).
    pub id: String,
    /// "Button 1 › Command".
    pub name: String,
}

fn camel_words(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else if i == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The field a location names, or `None` for one no editor field holds (the whole design).
pub fn field(location: &str) -> Option<Field> {
    let parts: Vec<&str> = location.trim_start_matches('/').split('/').collect();
    let f = |tab, id: String, name: String| Some(Field { tab, id, name });
    match parts.as_slice() {
        ["notification", list @ ("nextSteps" | "keywords" | "relatedResources"), i, ..] => {
            let n: usize = i.parse().ok()?;
            let item = match *list {
                "nextSteps" => "Next step",
                "keywords" => "Keyword",
                _ => "Related resource",
            };
            f(
                NOTIFICATION,
                format!("{list}-{n}"),
                format!("{item} {}", n + 1),
            )
        }
        ["notification", list @ ("nextSteps" | "keywords" | "relatedResources")] => {
            f(NOTIFICATION, format!("{list}-0"), camel_words(list))
        }
        ["notification", "additionalContext", ..] => {
            f(NOTIFICATION, "ctx-k0".into(), "Additional context".into())
        }
        ["notification", "enableCustomActions", ..] => f(
            NOTIFICATION,
            "f-enableCustomActions".into(),
            "Custom action buttons".into(),
        ),
        ["notification", key @ ("title" | "description" | "threadId" | "summary" | "eventType"), ..] => {
            f(NOTIFICATION, format!("f-{key}"), camel_words(key))
        }
        ["notification", ..] => f(NOTIFICATION, "f-title".into(), "Notification".into()),
        ["actions", i, rest @ ..] => {
            let n: usize = i.parse().ok()?;
            let button = format!("Button {}", n + 1);
            let (suffix, what) = match rest.first().copied() {
                Some("name") => ("name", "Action name"),
                Some("alias") => ("alias", "Alias"),
                Some("buttonText") => ("button", "Button text"),
                Some("notificationType") => ("type", "Notification type"),
                Some("command") => ("command", "Command"),
                Some("variables") => ("vars-k0", "Variables"),
                Some("criteria") => {
                    let c: usize = rest.get(1).and_then(|c| c.parse().ok()).unwrap_or(0);
                    return f(
                        BUTTONS,
                        format!("a{n}-c{c}-var"),
                        format!("{button} › Criterion {}", c + 1),
                    );
                }
                _ => ("button", "Button text"),
            };
            f(
                BUTTONS,
                format!("a{n}-{suffix}"),
                format!("{button} › {what}"),
            )
        }
        ["rule", "name", ..] => f(RULE, "f-ruleName".into(), "Rule name".into()),
        ["rule", "description", ..] => {
            f(RULE, "f-ruleDescription".into(), "Rule description".into())
        }
        ["rule", "eventPattern", ..] => f(RULE, "f-pattern".into(), "Event pattern".into()),
        ["rule", "inputPaths", ..] => f(RULE, "paths-k0".into(), "Input paths".into()),
        ["rule", "inputTemplateOverride", ..] => {
            f(RULE, "f-template".into(), "Input template".into())
        }
        ["rule", "inputTemplate", ..] => f(RULE, "f-override".into(), "Input template".into()),
        ["rule", ..] => f(RULE, "f-ruleName".into(), "Rule".into()),
        ["name", ..] => f(DEPLOY, "f-designName".into(), "Design name".into()),
        ["deployment", "parameters", ..] => f(DEPLOY, "params-k0".into(), "Parameters".into()),
        ["deployment", key, ..] => {
            let label = crate::domain::design::settings::setting(key)?.label;
            f(DEPLOY, format!("f-dep-{key}"), label.into())
        }
        _ => None,
    }
}

/// The notification text an editor field holds, by the field's DOM id (`f-title`, `nextSteps-2`,
/// `ctx-v1`): where a placeholder clicked in the event tree goes.
pub fn text_at_mut<'a>(d: &'a mut Design, id: &str) -> Option<&'a mut String> {
    let n = &mut d.notification;
    let index = |prefix: &str| {
        id.strip_prefix(prefix)
            .and_then(|i| i.parse::<usize>().ok())
    };
    match id {
        "f-title" => Some(&mut n.title),
        "f-description" => Some(&mut n.description),
        "f-threadId" => Some(&mut n.thread_id),
        "f-summary" => Some(&mut n.summary),
        "f-eventType" => Some(&mut n.event_type),
        _ => {
            if let Some(i) = index("nextSteps-") {
                n.next_steps.get_mut(i)
            } else if let Some(i) = index("keywords-") {
                n.keywords.get_mut(i)
            } else if let Some(i) = index("relatedResources-") {
                n.related_resources.get_mut(i)
            } else if let Some(i) = index("ctx-v") {
                n.additional_context.get_index_mut(i).map(|(_, v)| v)
            } else {
                None
            }
        }
    }
}

/// The name of a field `text_at_mut` writes to, for messages.
pub fn text_field_name(id: &str) -> Option<String> {
    if id.starts_with("ctx-v") {
        return Some("Additional context".into());
    }
    let location = match id {
        "f-title" => "notification/title".to_string(),
        "f-description" => "notification/description".to_string(),
        "f-threadId" => "notification/threadId".to_string(),
        "f-summary" => "notification/summary".to_string(),
        "f-eventType" => "notification/eventType".to_string(),
        _ => {
            let (list, i) = id.rsplit_once('-')?;
            if !matches!(list, "nextSteps" | "keywords" | "relatedResources")
                || i.parse::<usize>().is_err()
            {
                return None;
            }
            format!("notification/{list}/{i}")
        }
    };
    field(&location).map(|f| f.name)
}
