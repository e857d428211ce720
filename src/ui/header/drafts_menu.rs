//! The Draft menu: switch between named drafts, create, rename and delete them. Each change is
//! stored at once, touching only the draft it is about (other tabs keep theirs).

use crate::domain::design::drafts::Drafts;
use crate::domain::design::model::Design;
use crate::domain::design::presets;
use crate::ui::platform;
use crate::ui::store::persistence::{
    open_draft, open_typed, store_active, store_change, store_draft, store_open_draft,
    stored_event, stored_typed, StorageStatus,
};
use crate::ui::store::state::{use_store, Store};
use leptos::prelude::*;

/// Keeps the open draft's latest edits, then opens `design` as a new draft named `name` (made
/// unique), stored at once, on the opening sample event.
pub fn open_new_draft(
    store: Store,
    drafts: RwSignal<Drafts>,
    status: StorageStatus,
    name: &str,
    design: Design,
) {
    status.report(store_open_draft(
        store,
        drafts,
        drafts.with_untracked(|x| x.active),
    ));
    let id = platform::random_id();
    drafts.update(|x| {
        x.create(id, name, design.clone());
    });
    store.load(design);
    store.open_event(None);
    status.report(
        drafts
            .with_untracked(|x| store_draft(x, id))
            .and_then(|_| store_active(id)),
    );
}

#[component]
pub fn DraftsMenu(drafts: RwSignal<Drafts>) -> impl IntoView {
    let store = use_store();
    let status = expect_context::<StorageStatus>();
    let renaming = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Keep the open draft's latest edits before leaving it.
    let save_current = move || {
        status.report(store_open_draft(
            store,
            drafts,
            drafts.with_untracked(|x| x.active),
        ));
    };
    view! {
        <div class="drafts">
            <label for="f-draft">"Draft"</label>
            <select id="f-draft" prop:value=move || drafts.with(|d| d.active.to_string())
                on:change=move |ev| {
                    let Ok(id) = event_target_value(&ev).parse::<u64>() else { return };
                    save_current();
                    open_draft(store, drafts, status, id);
                    confirm_delete.set(false);
                }>
                {move || drafts.with(|d| d.drafts.iter().map(|x| view! { <option value=x.id.to_string()>{x.name.clone()}</option> }).collect_view())}
            </select>
            <button class="btn small" on:click=move |_| {
                let name = drafts.with_untracked(Drafts::next_draft_name);
                open_new_draft(store, drafts, status, &name, presets::seed());
            }>"New draft"</button>
            {move || match renaming.get() {
                None => view! {
                    <button class="btn small" on:click=move |_| {
                        renaming.set(Some(drafts.with_untracked(|d| d.active().name.clone())));
                        request_animation_frame(|| platform::focus("f-draft-name"));
                    }>"Rename"</button>
                }.into_any(),
                Some(current) => view! {
                    <label class="sr-only" for="f-draft-name">"Draft name"</label>
                    <input id="f-draft-name" type="text" class="draft-name" prop:value=current
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                let name = event_target_value(&ev);
                                match drafts.try_update(|x| { let id = x.active; x.rename(id, &name) }) {
                                    Some(Err(e)) => error.set(Some(e)),
                                    Some(Ok(change)) => { error.set(None); renaming.set(None); status.report(store_change(&change)); }
                                    None => {}
                                }
                            } else if ev.key() == "Escape" {
                                renaming.set(None);
                                error.set(None);
                            }
                        } />
                    <span class="note">"Enter saves, Esc cancels"</span>
                }.into_any(),
            }}
            <button class="btn small danger" on:click=move |_| {
                if !confirm_delete.get_untracked() { confirm_delete.set(true); return; }
                confirm_delete.set(false);
                let result = drafts.try_update(|x| { let id = x.active; x.delete(id).map(|c| (c, x.active, x.active().design.clone())) });
                match result {
                    Some(Ok((change, id, d))) => {
                        error.set(None);
                        store.load(d);
                        store.open_event(stored_event(id));
                        open_typed(store, &stored_typed(id));
                        status.report(store_change(&change).and_then(|_| store_active(id)));
                    }
                    Some(Err(e)) => error.set(Some(e)),
                    None => {}
                }
            }>{move || if confirm_delete.get() { "Confirm delete" } else { "Delete" }}</button>
            {move || error.get().map(|e| view! { <span class="diag error" role="alert">{e}</span> })}
        </div>
    }
}
