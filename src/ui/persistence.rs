//! Opening a shared link and keeping work safe: the design from the URL fragment or from autosave at
//! start-up, and a debounced autosave of every change.

use super::platform;
use super::state::Store;
use crate::domain::model::Design;
use crate::domain::presets;
use crate::domain::share;
use leptos::prelude::*;
use std::time::Duration;

/// The local-storage key of the autosaved design.
pub const AUTOSAVE_KEY: &str = "chatops-designer.autosave.v1";
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// What start-up found.
pub struct Startup {
    pub design: Design,
    /// A design to keep one Undo away (the local work a link replaced).
    pub previous: Option<Design>,
    /// A message for the page (a link that could not be opened, or what happened to local work).
    pub notice: Option<(bool, String)>,
}

/// Chooses the design to open: a valid shared link first, then the autosave, then the seed.
pub fn startup() -> Startup {
    let saved = platform::load(AUTOSAVE_KEY).and_then(|t| Design::from_json(&t).ok());
    let hash = platform::location_hash();
    if hash.is_empty() {
        return Startup {
            design: saved.unwrap_or_else(presets::seed),
            previous: None,
            notice: None,
        };
    }
    match share::decode(&hash) {
        Ok(d) => {
            let differs = saved.as_ref().is_some_and(|s| *s != d);
            Startup {
                notice: differs.then(|| {
                    (
                        false,
                        "Opened the shared design. Your own autosaved work is one Undo away."
                            .to_string(),
                    )
                }),
                previous: if differs { saved } else { None },
                design: d,
            }
        }
        Err(e) => Startup {
            design: saved.unwrap_or_else(presets::seed),
            previous: None,
            notice: Some((
                true,
                format!("This link could not be opened: {e}. Your design is unchanged."),
            )),
        },
    }
}

/// Saves the design to local storage shortly after each change, and then measures its share link
/// (encoding on every keystroke would slow typing).
pub fn autosave(store: Store, link_len: RwSignal<usize>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        store.design.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let text = store.design.with_untracked(Design::to_json);
                platform::save(AUTOSAVE_KEY, &text);
                let fragment = store.design.with_untracked(share::encode);
                link_len.set(platform::page_url().len() + 1 + fragment.len());
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
}
