//! The app: the page's layout (header, notices, editor tabs, preview column), start-up and the
//! first view.

pub mod first_view;

use crate::ui::header;
use crate::ui::header::drafts_menu;
use crate::ui::platform;
use crate::ui::preview::{event_picker, preview_panel, trace_panel};
use crate::ui::store::navigation::{open_tab, Navigator, Reveal, Tab};
use crate::ui::store::persistence;
use crate::ui::store::state::Store;
use crate::ui::tabs::{
    actions_editor, deploy_editor, export_panel, import_panel, json_editor, notification_editor,
    rule_editor,
};
use crate::ui::widgets::{copy, list_editor};
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let start = persistence::startup();
    let opening = start
        .reviewing
        .clone()
        .unwrap_or_else(|| start.drafts.active().design.clone());
    let store = Store::new(opening, start.event.clone());
    let review = RwSignal::new(start.reviewing.is_some());
    provide_context(store);
    provide_context(copy::CopyFallback::new());
    let storage = persistence::StorageStatus {
        error: RwSignal::new(start.error),
        unreadable: RwSignal::new(start.unreadable),
    };
    provide_context(storage);
    let drafts = RwSignal::new(start.drafts);
    provide_context(drafts);
    let link_len = RwSignal::new(Ok(0usize));
    provide_context(header::LinkLength(link_len));
    // Whether the open draft is stored: a link's new draft is stored once it has rendered.
    let kept = RwSignal::new(!start.link_to_keep);
    persistence::autosave(store, drafts, link_len, storage, review, kept);
    persistence::open_typed(store, &start.typed);
    persistence::autosave_beside_draft(store, drafts, storage, review);
    let notice = RwSignal::new(start.notice);
    // The first simulation runs after the page has painted (an animation frame, then a task).
    // Behind the skeleton, the app's first render is split into tasks, none long: the drafts and
    // the link (now), the shell, the first simulation and its preview, the editor; then the
    // skeleton goes.
    let shell = RwSignal::new(false);
    let editors = RwSignal::new(false);
    platform::next_task(move || {
        shell.set(true);
        request_animation_frame(move || {
            platform::next_task(move || {
                store.ready.set(true);
                platform::next_task(move || {
                    editors.set(true);
                    platform::next_task(move || {
                        first_view::remove_skeleton();
                        if !kept.get_untracked() {
                            persistence::keep_link_once_rendered(store, drafts, storage, kept);
                        }
                    });
                });
            });
        });
    });
    let update_ready = RwSignal::new(false);
    platform::register_offline(move || update_ready.set(true));
    persistence::follow_other_tabs(drafts, notice);
    let shown = persistence::Shown {
        notice,
        review,
        kept,
    };
    platform::on_hash_change(move || persistence::open_link_here(store, drafts, storage, shown));
    let tab = RwSignal::new(Tab::Notification);
    let reveal = Reveal(RwSignal::new(None));
    provide_context(reveal);
    provide_context(Navigator { tab, reveal });
    // Errors per tab, for the tab bar's counts.
    let tab_errors = Memo::new(move |_| {
        let mut counts = [0usize; Tab::ALL.len()];
        store.compiled.with(|c| {
            for d in c
                .iter()
                .flat_map(|c| c.diagnostics())
                .filter(|d| d.is_error())
            {
                if let Some(f) = crate::domain::view::locate::field(&d.location) {
                    if let Some(i) = Tab::ALL.iter().position(|(_, l)| *l == f.tab) {
                        counts[i] += 1;
                    }
                }
            }
        });
        counts
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let k = ev.key();
        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() {
            if k.eq_ignore_ascii_case("z") {
                ev.prevent_default();
                if ev.shift_key() {
                    store.redo()
                } else {
                    store.undo()
                }
            } else if k.eq_ignore_ascii_case("y") {
                ev.prevent_default();
                store.redo();
            }
        }
    });
    on_cleanup(move || handle.remove());
    move || {
        shell.get().then(|| view! {
        <a class="skip-link" href="#preview-column" on:click=move |ev| { ev.prevent_default(); platform::focus("preview-column"); }>"Skip to the preview"</a>
        <a class="skip-link" href="#f-sample" on:click=move |ev| { ev.prevent_default(); platform::focus("f-sample"); }>"Skip to the sample event"</a>
        <header::Header />
        <nav class="subheader" aria-label="Drafts" hidden=move || review.get()><drafts_menu::DraftsMenu drafts=drafts /></nav>
        {move || update_ready.get().then(|| view! {
            <div class="notice" role="status">
                <span>"A new version of ChatOps Designer is available."</span>
                <button class="btn" on:click=move |_| platform::reload()>"Reload"</button>
            </div>
        })}
        {move || storage.error.get().map(|e| view! {
            <div class="notice error" role="alert">
                <span>{format!("Your work could not be saved in this browser: {e}. It stays open here while this page is open; download the design to keep it.")}</span>
                <button class="btn" on:click=move |_| {
                    let name = drafts.with_untracked(|d| format!("{}.chatops.json", crate::domain::design::drafts::file_stem(&d.active().name)));
                    let _ = platform::download(&name, "application/json", &store.design.with_untracked(crate::domain::design::model::Design::to_json));
                }>"Download design"</button>
            </div>
        })}
        {move || storage.unreadable.with(|u| (!u.is_empty()).then(|| view! {
            <div class="notice error" role="alert">
                <span>"Some saved work could not be read. It is kept in this browser as it was; download it to keep a copy:"</span>
                <ul class="unreadable">
                    {u.iter().cloned().map(|item| {
                        let id = (item.key.clone(), item.reason.clone());
                        view! {
                            <li>
                                <span>{item.reason.clone()}</span>" "
                                <button class="btn small" on:click=move |_| { let _ = platform::download(&item.file_name, "application/json", &item.text); }>"Download"</button>
                                <button class="btn small" on:click=move |_| storage.unreadable.update(|u| u.retain(|x| x.key != id.0 || x.reason != id.1))>"Hide"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }))}
        <copy::CopyDialog />
        {move || notice.get().map(|(error, text)| view! {
            <div class=if error { "notice error" } else { "notice" } role=if error { "alert" } else { "status" }>
                <span>{text}</span>
                <button class="icon-btn" aria-label="Dismiss message" on:click=move |_| notice.set(None)>"✕"</button>
            </div>
        })}
        {move || review.get().then(|| view! {
            <div class="notice review" role="status">
                <span>"Review mode: the preview, simulation and trace of a shared design. Nothing is saved in this browser until you choose to edit it."</span>
                <button class="btn" on:click=move |_| {
                    persistence::adopt_reviewed(store, drafts, storage);
                    review.set(false);
                }>"Edit this design"</button>
            </div>
        })}
        <main class="layout" class:reviewing=move || review.get()>
            <section class="column editor" aria-label="Editor" hidden=move || review.get()>
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
                        Tab::Notification => view! { <notification_editor::NotificationEditor /> }.into_any(),
                        Tab::Buttons => view! { <actions_editor::ActionsEditor /> }.into_any(),
                        Tab::Rule => view! { <rule_editor::RuleEditor /> }.into_any(),
                        Tab::Deploy => view! { <deploy_editor::DeployEditor /> }.into_any(),
                        Tab::Json => view! { <json_editor::JsonEditor /><import_panel::ImportPanel /> }.into_any(),
                        Tab::Export => view! { <export_panel::ExportPanel /> }.into_any(),
                    })}
                </div>
            </section>
            <section class="column preview" id="preview-column" aria-label="Preview and simulation" tabindex="-1">
                <preview_panel::PreviewPanel />
                <event_picker::EventPicker />
                <trace_panel::TracePanel />
                <trace_panel::BatchTable />
            </section>
        </main>
        <preview_panel::MiniPreview />
        <list_editor::PathSuggestions />
    })
    }
}
