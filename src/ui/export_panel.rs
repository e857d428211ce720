//! Export: Terraform, CloudFormation YAML/JSON and AWS CLI tabs over the core exporters, options
//! rendered from their data, highlighted code, copy and download (one file or a ZIP).

use super::platform;
use super::state::use_store;
use crate::domain::export::highlight::highlight;
use crate::domain::export::zip::zip;
use crate::domain::export::{export_with_checks, ExportOptions, Format, OPTIONS};
use crate::domain::simulate::{sample_message, validate};
use crate::domain::verify::pattern_checks;
use leptos::prelude::*;

fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("yaml") => "application/yaml",
        Some("sh") => "text/x-shellscript",
        _ => "text/plain",
    }
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let store = use_store();
    let format = RwSignal::new(Format::Terraform);
    let options = RwSignal::new(ExportOptions::default());
    let file_ix = RwSignal::new(0usize);
    let status = RwSignal::new(String::new());
    let fallback = super::copy::use_copy();
    let errors = Memo::new(move |_| {
        store.design.with(|d| {
            validate(d)
                .into_iter()
                .filter(|x| x.is_error())
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
        })
    });
    let sample = Memo::new(move |_| store.design.with(sample_message));
    // Ten simulations per edit, for verify-pattern.sh: only while the CLI script is shown.
    let checks = Memo::new(move |_| {
        if format.get() == Format::Cli {
            store.design.with(pattern_checks)
        } else {
            Vec::new()
        }
    });
    let result = Memo::new(move |_| {
        let sample = sample.get();
        let checks = checks.get();
        store.design.with(|d| {
            export_with_checks(
                d,
                format.get(),
                &options.get().effective(),
                sample.as_deref(),
                &checks,
            )
        })
    });
    let current = move || {
        result.with(|r| {
            let i = file_ix.get().min(r.files.len().saturating_sub(1));
            r.files.get(i).cloned()
        })
    };
    let folder = move || format!("chatops-{}", format.get().id());

    view! {
        <section class="panel" aria-labelledby="h-export">
            <h2 id="h-export">"Export"</h2>
            <p class="note">"Infrastructure code that deploys this design from an existing Slack workspace: SNS topic and policy, EventBridge rule and input transformer, channel role and guardrail, one custom action per button, Slack channel configuration. Parameters default to the design's values."</p>
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
            <div role="tablist" aria-label="Export format" class="tabs">
                {Format::ALL.iter().map(|&f| view! {
                    <button role="tab" class="tab" id=format!("export-tab-{}", f.id())
                        aria-selected=move || (format.get() == f).to_string()
                        on:click=move |_| { format.set(f); file_ix.set(0); status.set(String::new()); }>{f.label()}</button>
                }).collect_view()}
            </div>
            {move || {
                let errs = errors.get();
                (!errs.is_empty()).then(|| view! {
                    <div class="diag error export-errors" role="alert">
                        <p>{format!("This design has {} error(s): the export below would not deploy or the notification would not render. Fix them first.", errs.len())}</p>
                        <ul>{errs.into_iter().take(6).map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || {
                let notes = result.with(|r| r.notes.clone());
                (!notes.is_empty()).then(|| view! {
                    <ul class="export-notes" aria-label="Notes on this export">
                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || {
                let assumed = result.with(|r| r.assumptions.clone());
                (!assumed.is_empty()).then(|| view! {
                    <ul class="export-notes" aria-label="Assumptions this export relies on">
                        {assumed.into_iter().map(|a| view! { <li class="assumption">{format!("Assumption: {}", a.text)}</li> }).collect_view()}
                    </ul>
                })
            }}
            <div class="toolbar">
                {move || {
                    let names: Vec<String> = result.with(|r| r.files.iter().map(|f| f.name.clone()).collect());
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
                    if let Some(f) = current() {
                        let name = f.name.clone();
                        super::copy::copy_text(fallback, name.clone(), f.contents.clone(), move |r| {
                            status.set(if r.is_ok() { format!("{name} copied") } else { format!("Copy of {name} failed: copy it by hand") });
                        });
                    }
                }>"Copy"</button>
                <button class="btn" on:click=move |_| {
                    if let Some(f) = current() {
                        let ok = platform::download(&f.name, mime(&f.name), &f.contents);
                        status.set(if ok { format!("{} downloaded", f.name) } else { "Download failed".into() });
                    }
                }>"Download file"</button>
                {move || (result.with(|r| r.files.len()) > 1).then(|| view! {
                    <button class="btn" on:click=move |_| {
                        let name = format!("{}.zip", folder());
                        let bytes = result.with_untracked(|r| zip(&folder(), &r.files));
                        let ok = platform::download_bytes(&name, "application/zip", &bytes);
                        status.set(if ok { format!("{name} downloaded") } else { "Download failed".into() });
                    }>"Download all (.zip)"</button>
                })}
                <span class="status" role="status">{move || status.get()}</span>
            </div>
            <pre class="code" tabindex="0" aria-label=move || current().map(|f| format!("Exported file {}", f.name)).unwrap_or_default()>
                <code>
                    {move || current().map(|f| highlight(&f.name, &f.contents).into_iter().map(|t| {
                        let class = format!("tok-{}", t.kind.as_str());
                        view! { <span class=class>{t.text}</span> }
                    }).collect_view())}
                </code>
            </pre>
        </section>
    }
}
