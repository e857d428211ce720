//! Where a diagnostic's location (`actions/0/buttonText`, `rules/0/notification/nextSteps/2`,
//! `rules/1/eventPattern/detail/state`) is edited: the rule, the editor tab, the id of the field, and a name a
//! person reads ("Button 1 › Button text"), all from `FieldRef`. The Export tab's errors link to the
//! field this way, and the tabs count the errors inside them.

pub use super::fields::{FieldRef, Tab};
use crate::domain::design::model::Design;

/// A field in the editors, as the Export tab's error links and the tabs' counts use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub field: FieldRef,
    /// The rule the field is in, for a rule's field (the editors show one rule at a time).
    pub rule: Option<usize>,
    pub tab: Tab,
    /// The DOM id of the input.
    pub id: String,
    /// "Button 1 › Command".
    pub name: String,
}

impl From<FieldRef> for Field {
    fn from(field: FieldRef) -> Self {
        Field {
            field,
            rule: None,
            tab: field.tab(),
            id: field.dom_id(),
            name: field.label(),
        }
    }
}

/// The field a location names, or `None` for one no editor field holds (the whole design).
pub fn field(location: &str) -> Option<Field> {
    FieldRef::parse(location).map(|f| Field {
        rule: FieldRef::rule_of(location),
        ..Field::from(f)
    })
}

/// The notification text an editor field of rule `rule` holds, by the field's DOM id (`f-title`,
/// `nextSteps-2`, `ctx-v1`): where a placeholder clicked in the event tree goes.
pub fn text_at_mut<'a>(d: &'a mut Design, rule: usize, id: &str) -> Option<&'a mut String> {
    FieldRef::from_dom_id(id)?.text_mut(d, rule)
}

/// The name of a field `text_at_mut` writes to, for messages.
pub fn text_field_name(id: &str) -> Option<String> {
    FieldRef::from_dom_id(id)
        .filter(|f| f.holds_text())
        .map(FieldRef::label)
}
