//! The design as JSON, editing the same state both ways, with errors at line and column.

use crate::domain::design::model::Design;
use crate::ui::platform;
use crate::ui::store::state::{use_store, TextError};
use crate::ui::widgets::code_editor::CodeEditor;
use leptos::prelude::*;

#[component]
pub fn JsonEditor() -> impl IntoView {
    let store = use_store();
    // The text as typed: kept while it is not a valid design (across tab switches, and stored with
    // the draft across reloads), and while the field has focus, so nothing is reformatted under
    // the caret.
    let draft = store.json_text;
    let status = RwSignal::new("");
    let fallback = crate::ui::widgets::copy::use_copy();
    let check =
        |t: &str| Design::from_json(t).map_err(|e| TextError::new(e.to_string(), e.position()));
    // What is wrong with the text typed, read from the text itself (whichever draft it is).
    // The text typed, read once per change: the design it holds, or what is wrong with it.
    let parsed = Memo::new(move |_| draft.with(|t| t.as_deref().map(check)));
    let error =
        Memo::new(move |_| parsed.with(|p| p.as_ref().and_then(|r| r.as_ref().err().cloned())));
    let stale = store.json_stale;
    let apply = move || {
        if let Some(Ok(d)) = parsed.get_untracked() {
            store.apply_json(d);
            stale.set(false);
            draft.set(None);
        }
    };
    let discard = move || {
        stale.set(false);
        draft.set(None);
    };
    let text = move || {
        draft
            .get()
            .unwrap_or_else(|| store.design.with(Design::to_json))
    };
    view! {
        <section class="panel" aria-labelledby="h-json">
            <h2 id="h-json">"Design file (JSON)"</h2>
            <p class="note">"Edits here and in the forms change the same design. Format: docs/design-format.md."</p>
            <div class="toolbar">
                <button class="btn" on:click=move |_| {
                    let text = store.design.with_untracked(Design::to_json);
                    crate::ui::widgets::copy::copy_text(fallback, "The design JSON".into(), text, move |r| {
                        status.set(if r.is_ok() { "Design JSON copied" } else { "Copy failed: copy it by hand" });
                    });
                }>"Copy JSON"</button>
                <button class="btn" on:click=move |_| {
                    let (name, text) = store.design.with_untracked(|d| (format!("{}.chatops.json", file_stem(d.rules.first().map_or(d.name.as_str(), |r| r.name.as_str()))), d.to_json()));
                    let ok = platform::download(&name, "application/json", &text);
                    status.set(if ok { "Design file downloaded" } else { "Download failed" });
                }>"Download design file"</button>
                <span class="status" role="status">{move || status.get()}</span>
            </div>
            <label class="sr-only" for="f-json">"Design JSON"</label>
            <CodeEditor id="f-json".into() rows=24
                invalid=Signal::derive(move || error.with(Option::is_some))
                mark=Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.at)))
                described_by=Signal::derive(move || if error.with(Option::is_some) { "f-json-error" } else { "" })
                value=Signal::derive(text)
                on_input=move |t: String| {
                    // Out-of-date text never replaces the design by itself (see below).
                    if !stale.get_untracked() {
                        draft.set(Some(t));
                        if let Some(Ok(d)) = parsed.get_untracked() { store.apply_json(d); }
                    } else {
                        draft.set(Some(t));
                    }
                }
                on_blur=Box::new(move || if error.get_untracked().is_none() && !stale.get_untracked() { draft.set(None) }) />
            {move || error.get().map(|e| view! { <p class="diag error" id="f-json-error" role="alert">{format!("{}. The design keeps its last valid state.", e.message)}</p> })}
            {move || (stale.get() && draft.with(Option::is_some)).then(|| view! {
                <div class="diag warning stale-json" role="status">
                    <p>"This text was typed before the design last changed (in the forms, or before a reload), so it does not apply by itself: applying it would undo those changes."</p>
                    <div class="toolbar">
                        <button class="btn" disabled=move || error.with(Option::is_some) on:click=move |_| apply()>"Apply this text"</button>
                        <button class="btn" on:click=move |_| discard()>"Discard it and show the design"</button>
                    </div>
                </div>
            })}
        </section>
    }
}

/// A file name stem from a rule name: letters, digits, `-` and `_`.
fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "design".into()
    } else {
        s
    }
}
