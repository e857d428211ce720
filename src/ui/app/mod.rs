//! The app: the page's layout (header, notices, editor tabs, preview column), start-up and the
//! first view.

mod editor;
pub mod first_view;
mod notices;

use crate::domain::design::drafts::Drafts;
use crate::ui::header;
use crate::ui::header::drafts_menu;
use crate::ui::platform;
use crate::ui::preview::{event_picker, preview_panel, trace_panel};
use crate::ui::store::navigation::{Navigator, Reveal, Tab};
use crate::ui::store::persistence;
use crate::ui::store::persistence::StorageStatus;
use crate::ui::store::state::Store;
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
    provide_context(crate::ui::store::state::PresetChoiceSignal(RwSignal::new(
        None,
    )));
    // Whether the open draft is stored: a link's new draft is stored once it has rendered.
    let kept = RwSignal::new(!start.link_to_keep);
    persistence::autosave(store, drafts, link_len, storage, review, kept);
    persistence::open_typed(store, &start.typed);
    persistence::autosave_beside_draft(store, drafts, storage, review);
    let notice = RwSignal::new(start.notice);
    let (shell, editors) = render_in_tasks(store, drafts, storage, kept);
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
    provide_context(Navigator {
        tab,
        reveal,
        rule: store.rule,
    });
    undo_redo_keys(store);
    move || {
        shell.get().then(|| view! {
        <a class="skip-link" href="#preview-column" on:click=move |ev| { ev.prevent_default(); platform::focus("preview-column"); }>"Skip to the preview"</a>
        <a class="skip-link" href="#f-sample" on:click=move |ev| { ev.prevent_default(); platform::focus("f-sample"); }>"Skip to the sample event"</a>
        <header::Header />
        <nav class="subheader" aria-label="Drafts" hidden=move || review.get()><drafts_menu::DraftsMenu drafts=drafts /></nav>
        <notices::UpdateNotice update_ready=update_ready />
        <notices::StorageFailed storage=storage drafts=drafts store=store />
        <notices::Unreadable storage=storage />
        <copy::CopyDialog />
        <notices::Message notice=notice />
        <notices::ReviewNotice review=review store=store drafts=drafts storage=storage />
        <main class="layout" class:reviewing=move || review.get()>
            <editor::EditorColumn store=store tab=tab review=review editors=editors />
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

/// The first simulation runs after the page has painted (an animation frame, then a task). Behind
/// the skeleton, the app's first render is split into tasks, none long: the drafts and the link
/// (before this), the shell, the first simulation and its preview, the editor; then the skeleton
/// goes. Returns the signals that show the shell and the editors.
fn render_in_tasks(
    store: Store,
    drafts: RwSignal<Drafts>,
    storage: StorageStatus,
    kept: RwSignal<bool>,
) -> (RwSignal<bool>, RwSignal<bool>) {
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
    (shell, editors)
}

/// Ctrl+Z (Cmd+Z) undoes, with Shift or Ctrl+Y redoes, anywhere on the page.
fn undo_redo_keys(store: Store) {
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
}
