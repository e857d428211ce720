//! Where the editor is: the open tab, and the field the app is about to reveal and focus. The app
//! owns both; the tabs and the preview move them through `Navigator`.

use crate::ui::platform;
use leptos::prelude::*;

/// The id of the field the app is about to focus from elsewhere (an error link, a click on the
/// preview): a paged list holding it turns to its page first.
#[derive(Clone, Copy)]
pub struct Reveal(pub RwSignal<Option<String>>);

/// The editor tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Notification,
    Buttons,
    Rule,
    Deploy,
    Json,
    Export,
}

/// Opens tab `t`; choosing the open tab again changes nothing (setting the signal would render
/// every panel that reads it again).
pub fn open_tab(tab: RwSignal<Tab>, t: Tab) {
    if tab.get_untracked() != t {
        tab.set(t);
    }
}

impl From<crate::domain::view::fields::Tab> for Tab {
    fn from(t: crate::domain::view::fields::Tab) -> Self {
        use crate::domain::view::fields::Tab as Core;
        match t {
            Core::Notification => Tab::Notification,
            Core::Buttons => Tab::Buttons,
            Core::Rule => Tab::Rule,
            Core::Deploy => Tab::Deploy,
        }
    }
}

impl Tab {
    pub const ALL: [(Tab, &'static str); 6] = [
        (Tab::Notification, "Notification"),
        (Tab::Buttons, "Buttons"),
        (Tab::Rule, "Rule"),
        (Tab::Deploy, "Deploy"),
        (Tab::Json, "Design JSON"),
        (Tab::Export, "Export"),
    ];
}

/// Opens the editor tab of a field and moves focus to it (the Export tab's errors link here).
#[derive(Clone, Copy)]
pub struct Navigator {
    pub tab: RwSignal<Tab>,
    pub reveal: Reveal,
    /// The selected rule (`Store::rule`): a rule's field opens with its rule selected.
    pub rule: RwSignal<usize>,
}

impl Navigator {
    pub fn go(&self, field: &crate::domain::view::locate::Field) {
        // A rule's field is edited with its rule selected.
        if let Some(rule) = field.rule {
            self.rule.set(rule);
        }
        open_tab(self.tab, Tab::from(field.tab));
        let id = field.id.clone();
        // A paged list turns to the field's page.
        let reveal = self.reveal.0;
        reveal.set(Some(id.clone()));
        // The tab's editor mounts first.
        request_animation_frame(move || {
            platform::next_task(move || {
                platform::focus(&id);
                reveal.set(None);
            })
        });
    }
}
