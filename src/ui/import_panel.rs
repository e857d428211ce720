//! Import: paste, choose or drop a design file, custom action JSON, CloudFormation template (JSON) or
//! notification. Shows what was recognised and what was noticed; replaces the design only on confirm.

use super::platform;
use super::state::use_store;
use crate::domain::import::{import_documents, Imported};
use crate::domain::import_tf::looks_like_terraform;
use leptos::prelude::*;

/// How long typing must pause before pasted text is read.
const IMPORT_DELAY_MS: u64 = 250;

#[component]
pub fn ImportPanel() -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let source = RwSignal::new(String::from("pasted text"));
    let pending = RwSignal::new(None::<Result<Imported, String>>);
    let done = RwSignal::new("");
    let check = move |t: String, from: String| {
        source.set(from);
        done.set("");
        pending.set(if t.trim().is_empty() {
            None
        } else {
            Some(
                store
                    .design
                    .with_untracked(|d| import_documents(&t, d))
                    .map_err(|e| {
                        if looks_like_terraform(&t) {
                            "this is Terraform, which the command line imports: chatops import main.tf … --out design.json, then open the design file here".to_string()
                        } else {
                            e.to_string()
                        }
                    }),
            )
        });
        text.set(t);
    };
    // A large paste is read once typing settles, not on every keystroke.
    let pending_check = StoredValue::new(None::<TimeoutHandle>);
    let check_later = move |t: String| {
        if let Some(h) = pending_check.get_value() {
            h.clear();
        }
        text.set(t.clone());
        let handle = set_timeout_with_handle(
            move || check(t, "pasted text".into()),
            std::time::Duration::from_millis(IMPORT_DELAY_MS),
        )
        .ok();
        pending_check.set_value(handle);
    };
    let load_files = move |files: Option<web_sys::FileList>| {
        leptos::task::spawn_local(async move {
            match platform::first_file_text(files).await {
                Ok((name, t)) => check(t, name),
                Err(e) => pending.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="h-import">
            <h2 id="h-import">"Import"</h2>
            <p class="note">"A design file, the JSON of aws chatbot get-custom-action or a create-custom-action input, a CloudFormation template (JSON or YAML), or a custom notification. Nothing changes until you choose Replace."</p>
            <div class="dropzone"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| { ev.prevent_default(); load_files(ev.data_transfer().and_then(|d| d.files())); }>
                <label for="f-import-file">"Choose a file"</label>
                <input id="f-import-file" type="file" accept=".json,.yaml,.yml,.template,application/json" on:change=move |ev| load_files(platform::input_files(&ev)) />
                <span class="note">" or drop one here"</span>
            </div>
            <label for="f-import-text">"Paste to import"</label>
            <textarea id="f-import-text" class="mono" rows="6" spellcheck="false" prop:value=move || text.get()
                on:input=move |ev| check_later(event_target_value(&ev))></textarea>
            {move || pending.get().map(|r| match r {
                Err(e) => view! { <p class="diag error" role="alert">{format!("Cannot import {}: {e}", source.get())}</p> }.into_any(),
                Ok(imp) => {
                    let design = imp.design.clone();
                    view! {
                        <div class="import-result" role="status">
                            <p>{format!("Recognised {} as a {}: {} button(s), rule {}.", source.get(), imp.kind.label(), imp.design.actions.len(), imp.design.rule.name)}</p>
                            <ul class="diagnostics">{imp.notes.iter().map(|n| view! { <li class="diag warning">{n.to_string()}</li> }).collect_view()}</ul>
                            <button class="btn" on:click=move |_| {
                                store.replace(design.clone());
                                pending.set(None);
                                text.set(String::new());
                                done.set("Imported. Undo brings the previous design back.");
                            }>"Replace the design with this import"</button>
                        </div>
                    }.into_any()
                }
            })}
            <p class="status" role="status">{move || done.get()}</p>
        </section>
    }
}
