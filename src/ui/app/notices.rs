//! The notices above the layout: a new version ready, storage that failed or could not be read,
//! a message (from a link or another tab), and review mode.

use crate::domain::design::drafts::Drafts;
use crate::ui::platform;
use crate::ui::store::persistence::{self, StorageStatus};
use crate::ui::store::state::Store;
use leptos::prelude::*;

/// A new release is ready: reload to use it.
#[component]
pub fn UpdateNotice(update_ready: RwSignal<bool>) -> impl IntoView {
    view! {
        {move || update_ready.get().then(|| view! {
            <div class="notice" role="status">
                <span>"A new version of ChatOps Designer is available."</span>
                <button class="btn" on:click=move |_| platform::reload()>"Reload"</button>
            </div>
        })}
    }
}

/// Storage failed: the design stays open here; download it to keep it.
#[component]
pub fn StorageFailed(
    storage: StorageStatus,
    drafts: RwSignal<Drafts>,
    store: Store,
) -> impl IntoView {
    view! {
        {move || storage.error.get().map(|e| view! {
            <div class="notice error" role="alert">
                <span>{format!("Your work could not be saved in this browser: {e}. It stays open here while this page is open; download the design to keep it.")}</span>
                <button class="btn" on:click=move |_| {
                    let name = drafts.with_untracked(|d| format!("{}.chatops.json", crate::domain::design::drafts::file_stem(&d.active().name)));
                    let _ = platform::download(&name, "application/json", &store.design.with_untracked(crate::domain::design::model::Design::to_json));
                }>"Download design"</button>
            </div>
        })}
    }
}

/// Saved work that could not be read, each item to download or hide.
#[component]
pub fn Unreadable(storage: StorageStatus) -> impl IntoView {
    view! {
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
    }
}

/// A message with its dismiss button: an alert when it is an error, a status otherwise.
#[component]
pub fn Message(notice: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    view! {
        {move || notice.get().map(|(error, text)| view! {
            <div class=if error { "notice error" } else { "notice" } role=if error { "alert" } else { "status" }>
                <span>{text}</span>
                <button class="icon-btn" aria-label="Dismiss message" on:click=move |_| notice.set(None)>"✕"</button>
            </div>
        })}
    }
}

/// Review mode's notice, with the button that adopts the reviewed design as a draft.
#[component]
pub fn ReviewNotice(
    review: RwSignal<bool>,
    store: Store,
    drafts: RwSignal<Drafts>,
    storage: StorageStatus,
) -> impl IntoView {
    view! {
        {move || review.get().then(|| view! {
            <div class="notice review" role="status">
                <span>"Review mode: the preview, simulation and trace of a shared design. Nothing is saved in this browser until you choose to edit it."</span>
                <button class="btn" on:click=move |_| {
                    persistence::adopt_reviewed(store, drafts, storage);
                    review.set(false);
                }>"Edit this design"</button>
            </div>
        })}
    }
}
