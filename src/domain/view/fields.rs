//! Every field a person edits, named once: `FieldRef` gives each its design-file location (where
//! diagnostics point), the DOM id of its input, the label a person reads, its editor tab, the key
//! of its help and limits, and its text in a design. The editors, the Export tab's error links and
//! a click on the preview all go through it, so a field cannot be renamed in one place and not in
//! another (`tests/it/locate.rs` walks every field both ways).

use crate::domain::amazon_q::limits::counter_max;
use crate::domain::design::model::Design;
use crate::domain::design::settings;

/// An editor tab that holds fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Notification,
    Buttons,
    Rule,
    Deploy,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Notification, Tab::Buttons, Tab::Rule, Tab::Deploy];
    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Notification => "Notification",
            Tab::Buttons => "Buttons",
            Tab::Rule => "Rule",
            Tab::Deploy => "Deploy",
        }
    }
}

/// A list of notification texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextList {
    NextSteps,
    Keywords,
    RelatedResources,
}

impl TextList {
    pub const ALL: [TextList; 3] = [
        TextList::NextSteps,
        TextList::Keywords,
        TextList::RelatedResources,
    ];
    /// Its key in the design file (`notification.<key>`), DOM ids and help.
    pub fn key(self) -> &'static str {
        match self {
            TextList::NextSteps => "nextSteps",
            TextList::Keywords => "keywords",
            TextList::RelatedResources => "relatedResources",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            TextList::NextSteps => "Next steps",
            TextList::Keywords => "Keywords",
            TextList::RelatedResources => "Related resources",
        }
    }
    /// What one item is called.
    pub fn item(self) -> &'static str {
        match self {
            TextList::NextSteps => "Next step",
            TextList::Keywords => "Keyword",
            TextList::RelatedResources => "Related resource",
        }
    }
    fn from_key(key: &str) -> Option<TextList> {
        TextList::ALL.into_iter().find(|l| l.key() == key)
    }
    fn items(self, d: &mut Design, rule: usize) -> Option<&mut Vec<String>> {
        let n = &mut d.rules.get_mut(rule)?.notification;
        Some(match self {
            TextList::NextSteps => &mut n.next_steps,
            TextList::Keywords => &mut n.keywords,
            TextList::RelatedResources => &mut n.related_resources,
        })
    }
}

/// A map of names to texts, edited as rows of a key and a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapField {
    /// `notification.additionalContext`.
    Context,
    /// `rule.inputPaths`.
    InputPaths,
    /// `deployment.parameters`.
    Parameters,
    /// Button `n`'s variables.
    Variables(usize),
}

impl MapField {
    /// The start of its rows' DOM ids (`ctx` → `ctx-k0`, `ctx-v0`).
    pub fn prefix(self) -> String {
        match self {
            MapField::Context => "ctx".into(),
            MapField::InputPaths => "paths".into(),
            MapField::Parameters => "params".into(),
            MapField::Variables(n) => format!("a{n}-vars"),
        }
    }
    fn from_prefix(prefix: &str) -> Option<MapField> {
        match prefix {
            "ctx" => Some(MapField::Context),
            "paths" => Some(MapField::InputPaths),
            "params" => Some(MapField::Parameters),
            _ => button_index(prefix.strip_suffix("-vars")?).map(MapField::Variables),
        }
    }
}

/// A text field of one button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ButtonField {
    Name,
    Alias,
    ButtonText,
    NotificationType,
    Command,
}

impl ButtonField {
    pub const ALL: [ButtonField; 5] = [
        ButtonField::Name,
        ButtonField::Alias,
        ButtonField::ButtonText,
        ButtonField::NotificationType,
        ButtonField::Command,
    ];
    /// Its key in the design file (`actions[n].<key>`).
    fn key(self) -> &'static str {
        match self {
            ButtonField::Name => "name",
            ButtonField::Alias => "alias",
            ButtonField::ButtonText => "buttonText",
            ButtonField::NotificationType => "notificationType",
            ButtonField::Command => "command",
        }
    }
    /// The end of its DOM id (`a0-<suffix>`).
    fn suffix(self) -> &'static str {
        match self {
            ButtonField::Name => "name",
            ButtonField::Alias => "alias",
            ButtonField::ButtonText => "button",
            ButtonField::NotificationType => "type",
            ButtonField::Command => "command",
        }
    }
    fn label(self) -> &'static str {
        match self {
            ButtonField::Name => "Action name",
            ButtonField::Alias => "Alias",
            ButtonField::ButtonText => "Button text",
            ButtonField::NotificationType => "Notification type",
            ButtonField::Command => "Command",
        }
    }
    /// The key of its help and limits.
    fn help_key(self) -> &'static str {
        match self {
            ButtonField::Name => "actionName",
            other => other.key(),
        }
    }
}

/// A field in the editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    Title,
    Description,
    ThreadId,
    Summary,
    EventType,
    EnableCustomActions,
    /// The notification as a whole (a diagnostic about no one field of it).
    Notification,
    /// A list as a whole, shown at its first item.
    List(TextList),
    Item(TextList, usize),
    /// A map as a whole, shown at its first key.
    Map(MapField),
    MapKey(MapField, usize),
    MapValue(MapField, usize),
    Button(usize, ButtonField),
    /// Button `n`'s criterion `c` (its variable's select).
    Criterion(usize, usize),
    RuleName,
    RuleDescription,
    EventPattern,
    /// The template generated from the notification (its switch to a raw template).
    InputTemplate,
    /// The raw template written instead.
    InputTemplateOverride,
    /// The rule as a whole.
    Rule,
    DesignName,
    /// A deployment setting, by its key.
    Setting(&'static str),
}

/// `a12` → 12.
fn button_index(s: &str) -> Option<usize> {
    s.strip_prefix('a')?.parse().ok()
}

impl FieldRef {
    /// The field a diagnostic's location (`actions/0/buttonText`, `rules/1/notification/nextSteps/2`,
    /// `rules/0/eventPattern/detail/state`) names, or `None` for one no editor field holds. A
    /// rule's fields are the same for every rule (`rule_of` says which rule).
    pub fn parse(location: &str) -> Option<FieldRef> {
        let parts: Vec<&str> = location.trim_start_matches('/').split('/').collect();
        Some(match parts.as_slice() {
            ["rules", i, rest @ ..] if i.parse::<usize>().is_ok() => FieldRef::in_rule(rest)?,
            ["actions", i, rest @ ..] => {
                let n: usize = i.parse().ok()?;
                match rest {
                    ["variables", ..] => FieldRef::Map(MapField::Variables(n)),
                    ["criteria", c, ..] => FieldRef::Criterion(n, c.parse().unwrap_or(0)),
                    ["criteria"] => FieldRef::Criterion(n, 0),
                    [key, ..] => FieldRef::Button(
                        n,
                        ButtonField::ALL
                            .into_iter()
                            .find(|f| f.key() == *key)
                            .unwrap_or(ButtonField::ButtonText),
                    ),
                    [] => FieldRef::Button(n, ButtonField::ButtonText),
                }
            }
            ["name", ..] => FieldRef::DesignName,
            ["deployment", "parameters", ..] => FieldRef::Map(MapField::Parameters),
            ["deployment", key, ..] => FieldRef::Setting(settings::setting(key)?.key),
            _ => return None,
        })
    }

    /// The rule a location is in (`rules/2/…` → 2), if it is in one.
    pub fn rule_of(location: &str) -> Option<usize> {
        let rest = location.trim_start_matches('/').strip_prefix("rules/")?;
        rest.split('/').next()?.parse().ok()
    }

    /// The field a location inside a rule (after `rules/<n>/`) names.
    fn in_rule(parts: &[&str]) -> Option<FieldRef> {
        Some(match parts {
            ["notification", list, rest @ ..] if TextList::from_key(list).is_some() => {
                let list = TextList::from_key(list)?;
                match rest.first() {
                    Some(i) => FieldRef::Item(list, i.parse().ok()?),
                    None => FieldRef::List(list),
                }
            }
            ["notification", "additionalContext", ..] => FieldRef::Map(MapField::Context),
            ["notification", "enableCustomActions", ..] => FieldRef::EnableCustomActions,
            ["notification", "title", ..] => FieldRef::Title,
            ["notification", "description", ..] => FieldRef::Description,
            ["notification", "threadId", ..] => FieldRef::ThreadId,
            ["notification", "summary", ..] => FieldRef::Summary,
            ["notification", "eventType", ..] => FieldRef::EventType,
            ["notification", ..] => FieldRef::Notification,
            ["name", ..] => FieldRef::RuleName,
            ["description", ..] => FieldRef::RuleDescription,
            ["eventPattern", ..] => FieldRef::EventPattern,
            ["inputPaths", ..] => FieldRef::Map(MapField::InputPaths),
            ["inputTemplateOverride", ..] => FieldRef::InputTemplateOverride,
            ["inputTemplate", ..] => FieldRef::InputTemplate,
            _ => FieldRef::Rule,
        })
    }

    /// Where in the design file the field is, for rule `rule` when it is a rule's field (the
    /// location its diagnostics carry).
    pub fn location(self, rule: usize) -> String {
        let r = |rest: &str| format!("rules/{rule}/{rest}");
        match self {
            FieldRef::Title => r("notification/title"),
            FieldRef::Description => r("notification/description"),
            FieldRef::ThreadId => r("notification/threadId"),
            FieldRef::Summary => r("notification/summary"),
            FieldRef::EventType => r("notification/eventType"),
            FieldRef::EnableCustomActions => r("notification/enableCustomActions"),
            FieldRef::Notification => r("notification"),
            FieldRef::List(l) => r(&format!("notification/{}", l.key())),
            FieldRef::Item(l, i) => r(&format!("notification/{}/{i}", l.key())),
            FieldRef::Map(m) | FieldRef::MapKey(m, _) | FieldRef::MapValue(m, _) => match m {
                MapField::Context => r("notification/additionalContext"),
                MapField::InputPaths => r("inputPaths"),
                MapField::Parameters => "deployment/parameters".into(),
                MapField::Variables(n) => format!("actions/{n}/variables"),
            },
            FieldRef::Button(n, f) => format!("actions/{n}/{}", f.key()),
            FieldRef::Criterion(n, c) => format!("actions/{n}/criteria/{c}"),
            FieldRef::RuleName => r("name"),
            FieldRef::RuleDescription => r("description"),
            FieldRef::EventPattern => r("eventPattern"),
            FieldRef::InputTemplate => r("inputTemplate"),
            FieldRef::InputTemplateOverride => r("inputTemplateOverride"),
            FieldRef::Rule => format!("rules/{rule}"),
            FieldRef::DesignName => "name".into(),
            FieldRef::Setting(key) => format!("deployment/{key}"),
        }
    }

    /// The DOM id of the field's input (of its first row for a list or a map).
    pub fn dom_id(self) -> String {
        match self {
            FieldRef::Title => "f-title".into(),
            FieldRef::Description => "f-description".into(),
            FieldRef::ThreadId => "f-threadId".into(),
            FieldRef::Summary => "f-summary".into(),
            FieldRef::EventType => "f-eventType".into(),
            FieldRef::EnableCustomActions => "f-enableCustomActions".into(),
            FieldRef::Notification => "f-title".into(),
            FieldRef::List(l) => format!("{}-0", l.key()),
            FieldRef::Item(l, i) => format!("{}-{i}", l.key()),
            FieldRef::Map(m) => format!("{}-k0", m.prefix()),
            FieldRef::MapKey(m, i) => format!("{}-k{i}", m.prefix()),
            FieldRef::MapValue(m, i) => format!("{}-v{i}", m.prefix()),
            FieldRef::Button(n, f) => format!("a{n}-{}", f.suffix()),
            FieldRef::Criterion(n, c) => format!("a{n}-c{c}-var"),
            FieldRef::RuleName | FieldRef::Rule => "f-ruleName".into(),
            FieldRef::RuleDescription => "f-ruleDescription".into(),
            FieldRef::EventPattern => "f-pattern".into(),
            FieldRef::InputTemplate => "f-override".into(),
            FieldRef::InputTemplateOverride => "f-template".into(),
            FieldRef::DesignName => "f-designName".into(),
            FieldRef::Setting(key) => format!("f-dep-{key}"),
        }
    }

    /// The fields that are one input each, in no list, map or button.
    pub const SINGLE: [FieldRef; 12] = [
        FieldRef::Title,
        FieldRef::Description,
        FieldRef::ThreadId,
        FieldRef::Summary,
        FieldRef::EventType,
        FieldRef::EnableCustomActions,
        FieldRef::RuleName,
        FieldRef::RuleDescription,
        FieldRef::EventPattern,
        FieldRef::InputTemplate,
        FieldRef::InputTemplateOverride,
        FieldRef::DesignName,
    ];

    /// The field whose input has DOM id `id` (a list's or a map's row, not the whole).
    pub fn from_dom_id(id: &str) -> Option<FieldRef> {
        if let Some(f) = FieldRef::SINGLE.into_iter().find(|f| f.dom_id() == id) {
            return Some(f);
        }
        if let Some(key) = id.strip_prefix("f-dep-") {
            return Some(FieldRef::Setting(settings::setting(key)?.key));
        }
        let (head, tail) = id.rsplit_once('-')?;
        if let Some(list) = TextList::from_key(head) {
            return Some(FieldRef::Item(list, tail.parse().ok()?));
        }
        let row = |t: &str, p: char| t.strip_prefix(p).and_then(|i| i.parse().ok());
        if let Some(m) = MapField::from_prefix(head) {
            if let Some(i) = row(tail, 'k') {
                return Some(FieldRef::MapKey(m, i));
            }
            return Some(FieldRef::MapValue(m, row(tail, 'v')?));
        }
        if tail == "var" {
            let (a, c) = head.split_once('-')?;
            return Some(FieldRef::Criterion(button_index(a)?, row(c, 'c')?));
        }
        let n = button_index(head)?;
        let f = ButtonField::ALL.into_iter().find(|f| f.suffix() == tail)?;
        Some(FieldRef::Button(n, f))
    }

    /// The name a person reads ("Button 1 › Command").
    pub fn label(self) -> String {
        let button = |n: usize| format!("Button {}", n + 1);
        match self {
            FieldRef::Title => "Title".into(),
            FieldRef::Description => "Description".into(),
            FieldRef::ThreadId => "Thread ID".into(),
            FieldRef::Summary => "Summary".into(),
            FieldRef::EventType => "Event type".into(),
            FieldRef::EnableCustomActions => "Custom action buttons".into(),
            FieldRef::Notification => "Notification".into(),
            FieldRef::List(l) => l.label().into(),
            FieldRef::Item(l, i) => format!("{} {}", l.item(), i + 1),
            FieldRef::Map(m) | FieldRef::MapKey(m, _) | FieldRef::MapValue(m, _) => match m {
                MapField::Context => "Additional context".into(),
                MapField::InputPaths => "Input paths".into(),
                MapField::Parameters => "Parameters".into(),
                MapField::Variables(n) => format!("{} › Variables", button(n)),
            },
            FieldRef::Button(n, f) => format!("{} › {}", button(n), f.label()),
            FieldRef::Criterion(n, c) => format!("{} › Criterion {}", button(n), c + 1),
            FieldRef::RuleName => "Rule name".into(),
            FieldRef::RuleDescription => "Rule description".into(),
            FieldRef::EventPattern => "Event pattern".into(),
            FieldRef::InputTemplate | FieldRef::InputTemplateOverride => "Input template".into(),
            FieldRef::Rule => "Rule".into(),
            FieldRef::DesignName => "Design name".into(),
            FieldRef::Setting(key) => settings::setting(key).map_or(key, |s| s.label).into(),
        }
    }

    /// The label of the input itself, without the button it belongs to ("Command").
    pub fn input_label(self) -> String {
        match self {
            FieldRef::Button(_, f) => f.label().into(),
            other => other.label(),
        }
    }

    /// The tab that holds the field.
    pub fn tab(self) -> Tab {
        match self {
            FieldRef::Title
            | FieldRef::Description
            | FieldRef::ThreadId
            | FieldRef::Summary
            | FieldRef::EventType
            | FieldRef::EnableCustomActions
            | FieldRef::Notification
            | FieldRef::List(_)
            | FieldRef::Item(..) => Tab::Notification,
            FieldRef::Map(m) | FieldRef::MapKey(m, _) | FieldRef::MapValue(m, _) => match m {
                MapField::Context => Tab::Notification,
                MapField::InputPaths => Tab::Rule,
                MapField::Parameters => Tab::Deploy,
                MapField::Variables(_) => Tab::Buttons,
            },
            FieldRef::Button(..) | FieldRef::Criterion(..) => Tab::Buttons,
            FieldRef::RuleName
            | FieldRef::RuleDescription
            | FieldRef::EventPattern
            | FieldRef::InputTemplate
            | FieldRef::InputTemplateOverride
            | FieldRef::Rule => Tab::Rule,
            FieldRef::DesignName | FieldRef::Setting(_) => Tab::Deploy,
        }
    }

    /// The key of the field's help (`view::help`) and limits (`amazon_q::limits`); empty for a
    /// field with neither.
    pub fn help_key(self) -> &'static str {
        match self {
            FieldRef::Title => "title",
            FieldRef::Description => "description",
            FieldRef::ThreadId => "threadId",
            FieldRef::Summary => "summary",
            FieldRef::EventType => "eventType",
            FieldRef::EnableCustomActions => "enableCustomActions",
            FieldRef::List(l) | FieldRef::Item(l, _) => l.key(),
            FieldRef::Map(m) | FieldRef::MapKey(m, _) | FieldRef::MapValue(m, _) => match m {
                MapField::Context => "additionalContext",
                MapField::InputPaths => "inputPaths",
                MapField::Parameters => "",
                MapField::Variables(_) => "variables",
            },
            FieldRef::Button(_, f) => f.help_key(),
            FieldRef::Criterion(..) => "criteria",
            FieldRef::RuleName => "ruleName",
            FieldRef::RuleDescription => "ruleDescription",
            FieldRef::EventPattern => "eventPattern",
            FieldRef::InputTemplate | FieldRef::InputTemplateOverride => "inputTemplate",
            FieldRef::DesignName => "designName",
            FieldRef::Notification | FieldRef::Rule | FieldRef::Setting(_) => "",
        }
    }

    /// The most characters the field's counter shows (0 for none): Amazon Q's limits, and
    /// EventBridge's for the rule's name (64) and description (512).
    pub fn limit(self) -> usize {
        match self {
            FieldRef::RuleName => 64,
            FieldRef::RuleDescription => 512,
            other => counter_max(other.help_key()),
        }
    }

    /// The field holds a notification text (`text_mut` finds it in a design that has it).
    pub fn holds_text(self) -> bool {
        matches!(
            self,
            FieldRef::Title
                | FieldRef::Description
                | FieldRef::ThreadId
                | FieldRef::Summary
                | FieldRef::EventType
                | FieldRef::Item(..)
                | FieldRef::MapValue(MapField::Context, _)
        )
    }

    /// The notification text the field holds in rule `rule` of `d`, to write into (a placeholder
    /// clicked in the event tree goes there); `None` for a field that holds no such text.
    pub fn text_mut(self, d: &mut Design, rule: usize) -> Option<&mut String> {
        if let FieldRef::Item(l, i) = self {
            return l.items(d, rule)?.get_mut(i);
        }
        let n = &mut d.rules.get_mut(rule)?.notification;
        match self {
            FieldRef::Title => Some(&mut n.title),
            FieldRef::Description => Some(&mut n.description),
            FieldRef::ThreadId => Some(&mut n.thread_id),
            FieldRef::Summary => Some(&mut n.summary),
            FieldRef::EventType => Some(&mut n.event_type),
            FieldRef::MapValue(MapField::Context, i) => {
                n.additional_context.get_index_mut(i).map(|(_, v)| v)
            }
            _ => None,
        }
    }
}
