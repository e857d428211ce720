//! Where a diagnostic's location (`actions/0/buttonText`, `notification/nextSteps/2`,
//! `rule/eventPattern/detail/state`) is edited: the editor tab, the id of the field, and a name a
//! person reads ("Button 1 › Button text"), all from `FieldRef`. The Export tab's errors link to the
//! field this way, and the tabs count the errors inside them.

pub use super::fields::{FieldRef, Tab};
use crate::domain::design::model::Design;

/// A field in the editors, as the Export tab's error links and the tabs' counts use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub field: FieldRef,
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
            tab: field.tab(),
            id: field.dom_id(),
            name: field.label(),
        }
    }
}

/// The field a location names, or `None` for one no editor field holds (the whole design).
pub fn field(location: &str) -> Option<Field> {
    FieldRef::parse(location).map(Field::from)
}

/// The notification text an editor field holds, by the field's DOM id (`f-title`, `nextSteps-2`,
/// `ctx-v1`): where a placeholder clicked in the event tree goes.
pub fn text_at_mut<'a>(d: &'a mut Design, id: &str) -> Option<&'a mut String> {
    FieldRef::from_dom_id(id)?.text_mut(d)
}

/// The name of a field `text_at_mut` writes to, for messages.
pub fn text_field_name(id: &str) -> Option<String> {
    FieldRef::from_dom_id(id)
        .filter(|f| f.holds_text())
        .map(FieldRef::label)
}
