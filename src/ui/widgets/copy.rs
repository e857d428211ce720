//! Copying to the clipboard with a way out: when the browser refuses (or the page has no clipboard,
//! as on plain HTTP), a dialog shows the text selected, to copy by hand.

use crate::ui::platform;
use leptos::prelude::*;

/// The text waiting to be copied by hand, if a copy failed.
#[derive(Clone, Copy)]
pub struct CopyFallback(RwSignal<Option<(String, String)>>);

impl CopyFallback {
    pub fn new() -> Self {
        CopyFallback(RwSignal::new(None))
    }
}

/// The fallback from context (provided by the app).
pub fn use_copy() -> CopyFallback {
    use_context::<CopyFallback>().unwrap_or_else(CopyFallback::new)
}

/// Copies `text`; `done(Ok)` when it is on the clipboard, `done(Err(reason))` when not, and then the
/// dialog offers the text selected.
pub fn copy_text(
    fallback: CopyFallback,
    what: String,
    text: String,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    leptos::task::spawn_local(async move {
        let result = platform::copy_to_clipboard(&text).await;
        if let Err(e) = &result {
            fallback
                .0
                .set(Some((format!("{what} could not be copied: {e}"), text)));
        }
        done(result);
    });
}

/// The copy-by-hand dialog.
#[component]
pub fn CopyDialog() -> impl IntoView {
    let fallback = use_copy();
    Effect::new(move |_| {
        if fallback.0.with(Option::is_some) {
            // After the dialog is in the page.
            request_animation_frame(|| platform::select_all("copy-fallback-text"));
        }
    });
    move || {
        fallback.0.get().map(|(reason, text)| {
            view! {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="h-copy" aria-describedby="copy-reason">
                        <h2 id="h-copy">"Copy by hand"</h2>
                        <p id="copy-reason" role="alert">{reason}</p>
                        <p class="note">"The text is selected below: press Ctrl+C (⌘C on a Mac), then close."</p>
                        <label class="sr-only" for="copy-fallback-text">"Text to copy"</label>
                        <textarea id="copy-fallback-text" class="mono" rows="10" readonly spellcheck="false" prop:value=text></textarea>
                        <div class="toolbar">
                            <button class="btn" on:click=move |_| fallback.0.set(None)>"Close"</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
