//! The editor column: the tab bar (the WAI-ARIA tabs pattern, with each tab's error count) and
//! the open tab's panel.

use crate::ui::platform;
use crate::ui::store::navigation::{open_tab, Tab};
use crate::ui::store::state::Store;
use crate::ui::tabs::{
    actions_editor, deploy_editor, export_panel, import_panel, json_editor, notification_editor,
    rule_editor, rule_list,
};
use leptos::prelude::*;

/// Errors per tab, for the tab bar's counts.
fn tab_errors(store: Store) -> Memo<[usize; Tab::ALL.len()]> {
    Memo::new(move |_| {
        let mut counts = [0usize; Tab::ALL.len()];
        store.compiled.with(|c| {
            for d in c
                .iter()
                .flat_map(|c| c.diagnostics())
                .filter(|d| d.is_error())
            {
                if let Some(f) = crate::domain::view::locate::field(&d.location) {
                    if let Some(i) = Tab::ALL.iter().position(|(t, _)| *t == Tab::from(f.tab)) {
                        counts[i] += 1;
                    }
                }
            }
        });
        counts
    })
}

/// The editor column; its panel mounts once `editors` is set (after the first preview).
#[component]
pub fn EditorColumn(
    store: Store,
    tab: RwSignal<Tab>,
    review: RwSignal<bool>,
    editors: RwSignal<bool>,
) -> impl IntoView {
    let tab_errors = tab_errors(store);
    view! {
        <section class="column editor" aria-label="Editor" hidden=move || review.get()>
            <TabBar tab=tab tab_errors=tab_errors />
            // The tabs' descriptions: how many errors each holds.
            <div hidden>
                {Tab::ALL.iter().enumerate().map(|(i, &(_, label))| view! {
                    <span id=format!("tab-{}-errors", label.replace(' ', "-"))>
                        {move || tab_errors.with(|c| format!("{} error{}", c[i], if c[i] == 1 { "" } else { "s" }))}
                    </span>
                }).collect_view()}
            </div>
            <div role="tabpanel" class="tabpanel" id="editor-panel"
                aria-labelledby=move || Tab::ALL.iter().find(|(t, _)| *t == tab.get()).map(|(_, l)| format!("tab-{}", l.replace(' ', "-"))).unwrap_or_default()>
                {move || editors.get().then(|| match tab.get() {
                    Tab::Notification => view! { <rule_list::RuleList /><notification_editor::NotificationEditor /> }.into_any(),
                    Tab::Buttons => view! { <actions_editor::ActionsEditor /> }.into_any(),
                    Tab::Rule => view! { <rule_list::RuleList /><rule_editor::RuleEditor /> }.into_any(),
                    Tab::Deploy => view! { <deploy_editor::DeployEditor /> }.into_any(),
                    Tab::Json => view! { <json_editor::JsonEditor /><import_panel::ImportPanel /> }.into_any(),
                    Tab::Export => view! { <export_panel::ExportPanel /> }.into_any(),
                })}
            </div>
        </section>
    }
}

/// The tab bar: arrows, Home and End move between tabs; each tab shows its error count.
#[component]
fn TabBar(tab: RwSignal<Tab>, tab_errors: Memo<[usize; Tab::ALL.len()]>) -> impl IntoView {
    view! {
        <div role="tablist" aria-label="Editor sections" class="tabs"
            on:keydown=move |ev| {
                // The WAI-ARIA tabs pattern: arrows, Home and End move between tabs.
                let i = Tab::ALL.iter().position(|(t, _)| *t == tab.get_untracked()).unwrap_or(0);
                let n = Tab::ALL.len();
                let next = match ev.key().as_str() {
                    "ArrowRight" => (i + 1) % n,
                    "ArrowLeft" => (i + n - 1) % n,
                    "Home" => 0,
                    "End" => n - 1,
                    _ => return,
                };
                ev.prevent_default();
                open_tab(tab, Tab::ALL[next].0);
                platform::focus(&format!("tab-{}", Tab::ALL[next].1.replace(' ', "-")));
            }>
            {Tab::ALL.iter().enumerate().map(|(i, &(t, label))| {
                let count = move || tab_errors.with(|c| c[i]);
                let count_id = format!("tab-{}-errors", label.replace(' ', "-"));
                view! {
                    <button role="tab" class="tab" id=format!("tab-{}", label.replace(' ', "-")) aria-selected=move || (tab.get() == t).to_string()
                        aria-controls="editor-panel" tabindex=move || if tab.get() == t { "0" } else { "-1" }
                        aria-describedby=move || (count() > 0).then(|| count_id.clone())
                        on:click=move |_| open_tab(tab, t)>
                        {label}
                        {move || (count() > 0).then(|| view! { <span class="tab-count" aria-hidden="true">{count()}</span> })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
