//! Import: paste, choose or drop design files, custom action JSON, CloudFormation templates,
//! Terraform (`.tf`, several files read as one module), `aws events` / `aws chatbot` JSON or a
//! notification. The importers run in the background module; the panel shows what was recognised
//! and what was noticed, and replaces the design only on confirm (undoable).

use crate::domain::design::model::Design;
use crate::domain::import::terraform::DeclaredVariable;
use crate::domain::jobs::{Job, Reply};
use crate::ui::platform;
use crate::ui::platform::background;
use crate::ui::store::state::use_store;
use leptos::prelude::*;

/// How long typing must pause before pasted text is read.
const IMPORT_DELAY_MS: u64 = 250;

/// What the last import produced, ready to confirm.
#[derive(Clone)]
struct Ready {
    design: Design,
    steps: Vec<String>,
    notes: Vec<String>,
    summary: String,
}

/// The background module's answer to an import, ready to confirm or why it failed, and the
/// Terraform variables the files declare.
fn imported(reply: Reply) -> (Result<Ready, String>, Vec<DeclaredVariable>) {
    match reply {
        Reply::Imported {
            design,
            steps,
            notes,
            summary,
            variables,
        } => (
            Design::from_json(&design)
                .map(|design| Ready {
                    design,
                    steps,
                    notes,
                    summary,
                })
                .map_err(|e| format!("the imported design cannot be read: {e}")),
            variables,
        ),
        Reply::NotImported { message, variables } => (Err(message), variables),
        Reply::Failed { message } => (Err(message), Vec::new()),
        _ => (Err(background::WRONG_REPLY.into()), Vec::new()),
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let store = use_store();
    // The importers load while the person picks or pastes.
    background::prepare();
    let text = RwSignal::new(String::new());
    let pending = RwSignal::new(None::<Result<Ready, String>>);
    let busy = RwSignal::new(None::<String>);
    let done = RwSignal::new("");
    let last = StoredValue::new(None::<Vec<(String, String)>>);
    let variables = RwSignal::new(Vec::<DeclaredVariable>::new());
    // The values typed for the variables (name, value), sent with each import of these files.
    let values = StoredValue::new(Vec::<(String, String)>::new());
    let latest = background::Latest::new();
    let check = move |files: Vec<(String, String)>| {
        done.set("");
        if files.iter().all(|(_, t)| t.trim().is_empty()) {
            latest.cancel();
            pending.set(None);
            busy.set(None);
            return;
        }
        last.set_value(Some(files.clone()));
        let names = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        busy.set(Some(format!("Reading {names}…")));
        let design = store.design.with_untracked(Design::to_json);
        let vars = values.get_value();
        latest.run(
            Job::Import {
                design,
                files,
                vars,
            },
            move |reply| {
                busy.set(None);
                let (result, declared) = imported(reply);
                variables.set(declared);
                pending.set(Some(result));
            },
        );
    };
    // A large paste is read once typing settles, not on every keystroke.
    let pending_check = StoredValue::new(None::<TimeoutHandle>);
    let check_later = move |t: String| {
        if let Some(h) = pending_check.get_value() {
            h.clear();
        }
        // Other text, other variables.
        values.set_value(Vec::new());
        text.set(t.clone());
        let handle = set_timeout_with_handle(
            move || check(vec![("pasted text".into(), t)]),
            std::time::Duration::from_millis(IMPORT_DELAY_MS),
        )
        .ok();
        pending_check.set_value(handle);
    };
    let load_files = move |files: Option<web_sys::FileList>| {
        leptos::task::spawn_local(async move {
            match platform::files_text(files).await {
                Ok(files) => {
                    values.set_value(Vec::new());
                    check(files)
                }
                Err(e) => pending.set(Some(Err(e))),
            }
        });
    };
    let retry = move || {
        if let Some(files) = last.get_value() {
            check(files);
        }
    };
    view! {
        <section class="panel" aria-labelledby="h-import">
            <h2 id="h-import">"Import"</h2>
            <p class="note">"A design file; Terraform (one or more .tf files read as one module, with their .tfvars, the files their file() and templatefile() read, and the folders of the local modules they call: awscc_chatbot_custom_action, the EventBridge rules and targets with their input transformers, pipes, the Slack or Microsoft Teams channel configuration); a CloudFormation template (JSON or YAML); the JSON of aws chatbot get-custom-action, create-custom-action, describe-slack-channel-configurations, list-microsoft-teams-channel-configurations, or aws events list-rules, describe-rule and list-targets-by-rule; or a custom notification. Nothing changes until you confirm."</p>
            <FileDrop load_files=load_files />
            <label for="f-import-text">"Paste to import"</label>
            <textarea id="f-import-text" class="mono" rows="6" spellcheck="false" prop:value=move || text.get()
                on:input=move |ev| check_later(event_target_value(&ev))></textarea>
            {move || busy.get().map(|b| view! { <p class="status" role="status" aria-busy="true">{b}</p> })}
            <ImportResult text=text pending=pending done=done last=last retry=Callback::new(move |()| retry()) />
            <VariablesForm variables=variables apply=Callback::new(move |vars: Vec<(String, String)>| {
                values.set_value(vars);
                retry();
            }) />
            <p class="status" role="status">{move || done.get()}</p>
        </section>
    }
}

/// Choose files, or drop them here.
#[component]
fn FileDrop(load_files: impl Fn(Option<web_sys::FileList>) + Copy + 'static) -> impl IntoView {
    // `webkitdirectory` (a whole folder, each file named by its path in it) has no typed
    // attribute in the view macro, so it is set on the element once it exists.
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = folder.get() {
            let _ = el.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <div class="dropzone"
            on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| { ev.prevent_default(); load_files(ev.data_transfer().and_then(|d| d.files())); }>
            <label for="f-import-file">"Choose files"</label>
            <input id="f-import-file" type="file" multiple=true accept=".json,.yaml,.yml,.template,.tf,.tfvars,.tpl,.tftpl,application/json" on:change=move |ev| load_files(platform::input_files(&ev)) />
            <span class="note">" or drop them here; or "</span>
            <label for="f-import-folder">"choose a folder"</label>
            <input id="f-import-folder" type="file" node_ref=folder multiple=true on:change=move |ev| load_files(platform::input_files(&ev)) />
            <span class="note">" (its Terraform with the modules it calls)"</span>
        </div>
    }
}

/// What the last import produced: why it failed (with Retry), or what was recognised and noticed,
/// with the button that adds its buttons or replaces the design (undoable).
#[component]
fn ImportResult(
    text: RwSignal<String>,
    pending: RwSignal<Option<Result<Ready, String>>>,
    done: RwSignal<&'static str>,
    last: StoredValue<Option<Vec<(String, String)>>>,
    retry: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    view! {
    {move || pending.get().map(|r| match r {
        Err(e) => view! {
            <div class="diag error" role="alert">
                <span>{format!("Cannot import: {e}")}</span>" "
                {last.get_value().is_some().then(|| view! { <button class="btn small" on:click=move |_| retry.run(())>"Retry"</button> })}
            </div>
        }.into_any(),
        Ok(imp) => {
            let design = imp.design.clone();
            // The button says what happens: buttons added, or the design replaced.
            let label = match store.design.with_untracked(|d| d.appended_actions(&imp.design)) {
                Some(1) => "Add 1 button to this design".to_string(),
                Some(n) => format!("Add {n} buttons to this design"),
                None => "Replace the design with this import".to_string(),
            };
            view! {
                <div class="import-result" role="status">
                    <p>{format!("Recognised {}: {} button(s), {}.", imp.steps.join("; then "), imp.design.actions.len(), rule_names(&imp.design))}</p>
                    <p class="import-summary">{capitalised(&imp.summary)}"."</p>
                    <ul class="diagnostics">{imp.notes.iter().map(|n| view! { <li class="diag warning">{n.clone()}</li> }).collect_view()}</ul>
                    <button class="btn" on:click=move |_| {
                        store.replace(design.clone());
                        pending.set(None);
                        last.set_value(None);
                        text.set(String::new());
                        done.set("Imported. Undo brings the previous design back.");
                    }>{label}</button>
                </div>
            }.into_any()
        }
    })}
    }
}

/// The Terraform variables the files declare, each with a field prefilled with its value (given,
/// else its default); a variable without either is marked required. Import with these values
/// reads the same files again with the values that differ from the defaults.
#[component]
fn VariablesForm(
    variables: RwSignal<Vec<DeclaredVariable>>,
    apply: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
    {move || {
        let vars = variables.get();
        (!vars.is_empty()).then(|| {
            let fields: Vec<(DeclaredVariable, RwSignal<String>)> = vars
                .into_iter()
                .map(|v| {
                    let value = v.given.clone().or_else(|| v.default.clone()).unwrap_or_default();
                    (v, RwSignal::new(value))
                })
                .collect();
            let unset = fields.iter().filter(|(v, _)| v.default.is_none() && v.given.is_none()).count();
            let submitted = fields.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let given: Vec<(String, String)> = submitted
                    .iter()
                    .filter_map(|(v, value)| {
                        let value = value.get_untracked();
                        let same = v.default.as_deref() == Some(value.as_str());
                        (!value.is_empty() && !same).then(|| (v.name.clone(), value))
                    })
                    .collect();
                apply.run(given);
            };
            view! {
                <form class="import-variables" on:submit=submit aria-labelledby="h-import-variables">
                    <h3 id="h-import-variables">"Terraform variables"</h3>
                    <p class="note">{match unset {
                        0 => "The files' variables, with the values this import used. Change one and import again.".to_string(),
                        1 => "1 variable has no default and no value: give it one and import again (the design marks where it is needed).".to_string(),
                        n => format!("{n} variables have no default and no value: give them one and import again (the design marks where they are needed)."),
                    }}</p>
                    {fields.into_iter().enumerate().map(|(i, (v, value))| {
                        let id = format!("f-import-var-{i}");
                        let required = v.default.is_none() && v.given.is_none();
                        let hint = if v.description.is_empty() { String::new() } else { format!(" — {}", v.description) };
                        view! {
                            <div class="field">
                                <label for=id.clone()>{format!("{}{}{hint}", v.name, if required { " (required)" } else { "" })}</label>
                                <input id=id class="mono" type="text" spellcheck="false"
                                    placeholder=if required { "no default: give a value" } else { "" }
                                    prop:value=move || value.get()
                                    on:input=move |ev| value.set(event_target_value(&ev)) />
                            </div>
                        }
                    }).collect_view()}
                    <button class="btn" type="submit">"Import with these values"</button>
                </form>
            }
        })
    }}
    }
}

/// A sentence's first letter upper-cased.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "rule NAME", or "3 rules: A, B, C".
fn rule_names(d: &crate::domain::design::model::Design) -> String {
    let names: Vec<&str> = d.rules.iter().map(|r| r.name.as_str()).collect();
    match names.as_slice() {
        [one] => format!("rule {one}"),
        many => format!("{} rules: {}", many.len(), many.join(", ")),
    }
}
