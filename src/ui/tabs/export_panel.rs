//! Export: Terraform, CloudFormation YAML/JSON and AWS CLI tabs, options rendered from their data,
//! highlighted code, copy and download (one file or a ZIP). The exporters run in the background
//! module (`background`), loaded when this tab is first opened; the page stays responsive while
//! an export is made, and a module that cannot be loaded says so with a Retry button.

use crate::domain::design::model::Design;
use crate::domain::export::{ExportOptions, Format, OPTIONS};
use crate::domain::jobs::{File, Highlighted, Job, Reply};
use crate::domain::view::locate::Field;
use crate::ui::platform;
use crate::ui::platform::background;
use crate::ui::store::state::{use_store, Store};
use base64::Engine;
use leptos::prelude::*;

/// The latest export the background module made.
#[derive(Clone, PartialEq)]
struct Made {
    files: Vec<Highlighted>,
    notes: Vec<String>,
    assumptions: Vec<String>,
}

fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("yaml") => "application/yaml",
        Some("sh") => "text/x-shellscript",
        Some("ts") => "text/typescript",
        Some("py") => "text/x-python",
        Some("md") => "text/markdown",
        _ => "text/plain",
    }
}

/// The export the background module makes for the design and the chosen format and options,
/// remade on every change (and on Retry).
#[derive(Clone, Copy)]
struct Export {
    made: RwSignal<Option<Made>>,
    failed: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    retries: RwSignal<u32>,
}

impl Export {
    fn follow(store: Store, format: RwSignal<Format>, options: RwSignal<ExportOptions>) -> Self {
        let job = Memo::new(move |_| Job::Export {
            design: store.design.with(Design::to_json),
            format: format.get().id().to_string(),
            options: options.with(|o| {
                OPTIONS
                    .iter()
                    .map(|spec| (spec.key.to_string(), o.get(spec.key).to_string()))
                    .collect()
            }),
        });
        let e = Export {
            made: RwSignal::new(None),
            failed: RwSignal::new(None),
            busy: RwSignal::new(false),
            retries: RwSignal::new(0),
        };
        let latest = background::Latest::new();
        Effect::new(move |_| {
            e.retries.track();
            e.busy.set(true);
            latest.run(job.get(), move |reply| {
                e.busy.set(false);
                match reply {
                    Reply::Exported {
                        files,
                        notes,
                        assumptions,
                    } => {
                        e.failed.set(None);
                        e.made.set(Some(Made {
                            files,
                            notes,
                            assumptions,
                        }));
                    }
                    Reply::Failed { message } => e.failed.set(Some(message)),
                    _ => e.failed.set(Some(background::WRONG_REPLY.into())),
                }
            });
        });
        e
    }
}

/// Each error of the design with the field it names, to link to.
type Errors = Memo<Vec<(Option<Field>, String, String)>>;

fn errors(store: Store) -> Errors {
    Memo::new(move |_| {
        store.compiled.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                c.diagnostics()
                    .iter()
                    .filter(|x| x.is_error())
                    .map(|x| {
                        (
                            crate::domain::view::locate::field(&x.location),
                            x.message.clone(),
                            x.to_string(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    })
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = use_store();
    let format = RwSignal::new(Format::Terraform);
    let options = RwSignal::new(ExportOptions::default());
    let file_ix = RwSignal::new(0usize);
    let status = RwSignal::new(String::new());
    let errors = errors(store);
    let export = Export::follow(store, format, options);
    let Export {
        made,
        failed,
        busy,
        retries,
    } = export;
    let current = move || {
        made.with(|m| {
            m.as_ref().and_then(|m| {
                let i = file_ix.get().min(m.files.len().saturating_sub(1));
                m.files.get(i).cloned()
            })
        })
    };

    view! {
        <section class="panel" aria-labelledby="h-export">
            <h2 id="h-export">"Export"</h2>
            <p class="note">"Infrastructure code that deploys this design from an existing Slack workspace: SNS topic and policy, EventBridge rule and input transformer, channel role and guardrail, one custom action per button, Slack channel configuration. Parameters default to the design's values."</p>
            <OptionsForm options=options file_ix=file_ix />
            <div role="tablist" aria-label="Export format" class="tabs">
                {Format::ALL.iter().map(|&f| view! {
                    <button role="tab" class="tab" id=format!("export-tab-{}", f.id())
                        aria-selected=move || (format.get() == f).to_string()
                        on:click=move |_| { format.set(f); file_ix.set(0); status.set(String::new()); }>{f.label()}</button>
                }).collect_view()}
            </div>
            <crate::ui::tabs::deploy_editor::PlaceholderSummary />
            <ErrorLinks errors=errors />
            <Notes made=made />
            <Toolbar made=made format=format file_ix=file_ix status=status current=Callback::new(move |()| current()) />
            {move || failed.get().map(|message| view! {
                <div class="diag error" role="alert">
                    <span>{format!("The export could not be made: {message}")}</span>" "
                    <button class="btn small" on:click=move |_| retries.update(|n| *n += 1)>"Retry"</button>
                </div>
            })}
            {move || (busy.get() && made.with(Option::is_none) && failed.with(Option::is_none)).then(|| view! {
                <p class="status" role="status" aria-busy="true">"Preparing the export…"</p>
            })}
            <pre class="code" tabindex="0" aria-busy=move || busy.get().to_string()
                aria-label=move || current().map(|h| format!("Exported file {}", h.file.name)).unwrap_or_default()>
                <code>
                    {move || current().map(|h| h.spans.into_iter().map(|t| {
                        let class = format!("tok-{}", t.class);
                        view! { <span class=class>{t.text}</span> }
                    }).collect_view())}
                </code>
            </pre>
        </section>
    }
}

/// The export options, rendered from `OPTIONS`.
#[component]
fn OptionsForm(options: RwSignal<ExportOptions>, file_ix: RwSignal<usize>) -> impl IntoView {
    view! {
        <div class="export-options">
            {OPTIONS.iter().map(|spec| {
                let id = format!("export-{}", spec.key);
                let help_id = format!("{id}-help");
                view! {
                    <div class="field">
                        <label for=id.clone()>{spec.label}</label>
                        <select id=id aria-describedby=help_id.clone()
                            disabled=move || options.with(|o| !o.applies(spec.key))
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                options.update(|o| { let _ = o.set(spec.key, &v); });
                                file_ix.set(0);
                            }>
                            {spec.choices.iter().map(|(value, label)| view! {
                                <option value=*value selected=move || options.with(|o| o.effective().get(spec.key) == *value)>{*label}</option>
                            }).collect_view()}
                        </select>
                        <p class="help" id=help_id>{spec.description}</p>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// The design's errors, each naming its field as a link that opens it.
#[component]
fn ErrorLinks(errors: Errors) -> impl IntoView {
    let navigator = expect_context::<crate::ui::store::navigation::Navigator>();
    move || {
        let errs = errors.get();
        (!errs.is_empty()).then(|| view! {
            <div class="diag error export-errors" role="alert">
                <p>{format!("This design has {} error(s): the export below would not deploy or the notification would not render. Fix them first.", errs.len())}</p>
                <ul>{errs.into_iter().take(6).map(|(field, message, whole)| match field {
                    Some(f) => {
                        let name = f.name.clone();
                        view! { <li><button class="link-btn" on:click=move |_| navigator.go(&f)>{name}</button>{format!(": {message}")}</li> }.into_any()
                    }
                    None => view! { <li>{whole}</li> }.into_any(),
                }).collect_view()}</ul>
            </div>
        })
    }
}

/// The export's notes and the assumptions it relies on.
#[component]
fn Notes(made: RwSignal<Option<Made>>) -> impl IntoView {
    view! {
        {move || {
            let notes = made.with(|m| m.as_ref().map(|m| m.notes.clone()).unwrap_or_default());
            (!notes.is_empty()).then(|| view! {
                <ul class="export-notes" aria-label="Notes on this export">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            })
        }}
        {move || {
            let assumed = made.with(|m| m.as_ref().map(|m| m.assumptions.clone()).unwrap_or_default());
            (!assumed.is_empty()).then(|| view! {
                <ul class="export-notes" aria-label="Assumptions this export relies on">
                    {assumed.into_iter().map(|a| view! { <li class="assumption">{format!("Assumption: {a}")}</li> }).collect_view()}
                </ul>
            })
        }}
    }
}

/// The file chips, Copy, Download file, Download all and the status of the last of them.
#[component]
fn Toolbar(
    made: RwSignal<Option<Made>>,
    format: RwSignal<Format>,
    file_ix: RwSignal<usize>,
    status: RwSignal<String>,
    current: Callback<(), Option<Highlighted>>,
) -> impl IntoView {
    let fallback = crate::ui::widgets::copy::use_copy();
    let file_count = move || made.with(|m| m.as_ref().map_or(0, |m| m.files.len()));
    view! {
        <div class="toolbar">
            {move || {
                let names: Vec<String> = made.with(|m| m.as_ref().map(|m| m.files.iter().map(|f| f.file.name.clone()).collect()).unwrap_or_default());
                (names.len() > 1).then(|| view! {
                    <div role="group" aria-label="Files" class="file-tabs">
                        {names.into_iter().enumerate().map(|(i, n)| view! {
                            <button class="chip" aria-pressed=move || (file_ix.get() == i).to_string()
                                on:click=move |_| file_ix.set(i)>{n}</button>
                        }).collect_view()}
                    </div>
                })
            }}
            <button class="btn" on:click=move |_| {
                if let Some(Highlighted { file: f, .. }) = current.run(()) {
                    let name = f.name.clone();
                    crate::ui::widgets::copy::copy_text(fallback, name.clone(), f.contents.clone(), move |r| {
                        status.set(if r.is_ok() { format!("{name} copied") } else { format!("Copy of {name} failed: copy it by hand") });
                    });
                }
            }>"Copy"</button>
            <button class="btn" on:click=move |_| {
                if let Some(Highlighted { file: f, .. }) = current.run(()) {
                    // A file in a folder of the app (`bin/app.ts`) downloads under its own name.
                    let base = f.name.rsplit('/').next().unwrap_or(&f.name);
                    let ok = platform::download(base, mime(&f.name), &f.contents);
                    status.set(if ok { format!("{} downloaded", f.name) } else { "Download failed".into() });
                }
            }>"Download file"</button>
            {move || (file_count() > 1).then(|| view! {
                <button class="btn" on:click=move |_| {
                    let folder = format!("chatops-{}", format.get().id());
                    let files: Vec<File> = made.with_untracked(|m| m.as_ref().map(|m| m.files.iter().map(|h| h.file.clone()).collect()).unwrap_or_default());
                    download_zip(folder, files, status);
                }>"Download all (.zip)"</button>
            })}
            <span class="status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// Packs `files` into `<folder>.zip` in the background module and downloads it.
fn download_zip(folder: String, files: Vec<File>, status: RwSignal<String>) {
    let name = format!("{folder}.zip");
    status.set(format!("Packing {name}…"));
    leptos::task::spawn_local(async move {
        let text = match background::run(Job::Zip { folder, files }).await {
            Reply::Zipped { base64 } => base64::engine::general_purpose::STANDARD
                .decode(base64)
                .map_err(|e| format!("the ZIP arrived damaged: {e}")),
            Reply::Failed { message } => Err(message),
            _ => Err(background::WRONG_REPLY.into()),
        };
        status.set(match text {
            Ok(bytes) if platform::download_bytes(&name, "application/zip", &bytes) => {
                format!("{name} downloaded")
            }
            Ok(_) => "Download failed".into(),
            Err(e) => format!("Download failed: {e}"),
        });
    });
}
