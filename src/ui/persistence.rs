//! Opening a shared link and keeping work safe: named drafts in local storage, the design from the URL
//! fragment (as a separate draft when it differs from local work), and a debounced autosave.

use super::platform;
use super::state::Store;
use crate::domain::drafts::Drafts;
use crate::domain::presets;
use crate::domain::share;
use leptos::prelude::*;
use std::time::Duration;

/// The local-storage key of the drafts.
pub const DRAFTS_KEY: &str = "chatops-designer.drafts.v1";
/// Where unreadable stored drafts are kept, so nothing is lost.
const BACKUP_KEY: &str = "chatops-designer.drafts.unreadable";
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// What start-up found.
pub struct Startup {
    pub drafts: Drafts,
    /// A message for the page: (is an error, text).
    pub notice: Option<(bool, String)>,
    /// The link asked for review mode.
    pub review: bool,
}

/// Loads the drafts and opens a shared link, if any.
pub fn startup() -> Startup {
    let mut notice = None;
    // Drafts are written at start only when start-up changed them (a link opened as a new draft);
    // otherwise the first autosave writes them.
    let mut changed = false;
    let mut drafts = match platform::load(DRAFTS_KEY) {
        None => Drafts::new(presets::seed()),
        Some(text) => Drafts::from_json(&text).unwrap_or_else(|| {
            changed = true;
            platform::save(BACKUP_KEY, &text);
            notice = Some((true, format!("Saved drafts could not be read; they are kept in local storage under {BACKUP_KEY}. Started from the preset.")));
            Drafts::new(presets::seed())
        }),
    };
    let hash = platform::location_hash();
    if !hash.is_empty() {
        match share::decode(&hash) {
            Ok(d) if d == drafts.active().design => {}
            Ok(d) => {
                let mine = drafts.active().name.clone();
                drafts.create("Shared design", d);
                changed = true;
                let name = drafts.active().name.clone();
                notice = Some((false, format!("Opened the shared design as a new draft, \"{name}\". Your own work stays in \"{mine}\" (Draft menu).")));
            }
            Err(e) => {
                notice = Some((
                    true,
                    format!("This link could not be opened: {e}. Your design is unchanged."),
                ))
            }
        }
    }
    if changed {
        platform::save(DRAFTS_KEY, &drafts.to_json());
    }
    let review = share::is_review(&hash) && !notice.as_ref().is_some_and(|(error, _)| *error);
    Startup {
        drafts,
        notice,
        review,
    }
}

/// Saves the open draft shortly after each change, then measures its share link (encoding on every
/// keystroke would slow typing).
pub fn autosave(store: Store, drafts: RwSignal<Drafts>, link_len: RwSignal<usize>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        store.design.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                store
                    .design
                    .with_untracked(|d| drafts.update(|x| x.save_active(d)));
                platform::save(DRAFTS_KEY, &drafts.with_untracked(Drafts::to_json));
                let fragment = store.design.with_untracked(share::encode);
                link_len.set(platform::page_url().len() + 1 + fragment.len());
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
}
