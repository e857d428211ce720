//! The event panel: a built-in sample event, or the user's own JSON.

use crate::domain::design::samples::SAMPLES;
use crate::domain::design::sources::{design_sources, recognise, SOURCES};
use crate::domain::view::edits::insert_at;
use crate::domain::view::fixes::{bind_path, event_fields};
use crate::domain::view::locate::{text_at_mut, text_field_name};
use crate::ui::platform;
use crate::ui::store::state::{use_store, EventChoice};
use crate::ui::widgets::code_editor::CodeEditor;
use crate::ui::widgets::fields::Help;
use leptos::prelude::*;

#[component]
pub fn EventPicker() -> impl IntoView {
    let store = use_store();
    let value = move || match store.event_choice.get() {
        EventChoice::Sample(i) => i.to_string(),
        EventChoice::Custom => "custom".to_string(),
    };
    view! {
        <section class="panel" aria-labelledby="h-event">
            <h2 id="h-event">"Event"</h2>
            <div class="field">
                <label for="f-sample">"Sample event"</label>
                <select id="f-sample" prop:value=value aria-describedby="f-sample-help"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match v.parse::<usize>() {
                            Ok(i) => {
                                if let Some(s) = SAMPLES.get(i) { store.custom_event.set(s.json.to_string()); }
                                store.event_choice.set(EventChoice::Sample(i));
                            }
                            Err(_) => store.event_choice.set(EventChoice::Custom),
                        }
                    }>
                    {sample_options()}
                    <option value="custom">"Custom event (edit JSON)"</option>
                </select>
                <Help id="f-sample-help".into() key="event" />
                <SampleOrigin />
            </div>
            <SourceOffer />
            <div class="field">
                <label for="f-event">"Event JSON"</label>
                <CodeEditor id="f-event".into() rows=8
                    invalid=Signal::derive(move || store.event_error.with(Option::is_some))
                    mark=Signal::derive(move || store.event_error.with(|e| e.as_ref().and_then(|e| e.at)))
                    described_by=Signal::derive(move || if store.event_error.with(Option::is_some) { "f-event-error" } else { "" })
                    value=store.custom_event
                    on_input=move |text: String| {
                        store.custom_event.set(text);
                        store.event_choice.set(EventChoice::Custom);
                    } />
                {move || store.event_error.get().map(|e| view! {
                    <p class="diag error" id="f-event-error" role="alert">{format!("{}. The simulation keeps using the last valid event.", e.message)}</p>
                })}
            </div>
            <EventTree />
            <crate::ui::preview::replay_panel::ReplayPanel />
        </section>
    }
}

/// The event as a tree: clicking a field inserts its placeholder into the notification field
/// being edited (the description when none was), adding the input path that reads it if the rule
/// has none (as the Adaptive Cards Designer binds sample data).
#[component]
fn EventTree() -> impl IntoView {
    let store = use_store();
    let fields = Memo::new(move |_| store.event.with(|e| event_fields(e, 400)));
    let said = RwSignal::new(String::new());
    let insert = move |path: String| {
        let target = store
            .bind_target
            .get_untracked()
            .unwrap_or_else(|| "f-description".into());
        let caret = platform::caret(&target);
        let mut name = String::new();
        let rule = store.rule_index_untracked();
        store.change(|d| {
            if let Some(r) = d.rules.get_mut(rule) {
                name = bind_path(r, &path);
            }
            if let Some(t) = text_at_mut(d, rule, &target) {
                *t = insert_at(t, caret, &format!("<{name}>"));
            }
        });
        let into = text_field_name(&target).unwrap_or_else(|| "the description".into());
        said.set(format!(
            "Inserted <{name}> into {into}; input path {name} reads {path}."
        ));
    };
    view! {
        <details class="event-tree">
            <summary>"Event fields: click one to insert it where you are typing"</summary>
            <ul class="tree" aria-label="Event fields">
                {move || fields.get().into_iter().map(|f| {
                    // Indentation by class: the page's CSP allows no inline style.
                    let depth = format!("depth-{}", f.depth.min(6));
                    match (f.path, f.value) {
                        (Some(path), Some(value)) => {
                            let label = format!("{}: {}", f.key, value);
                            view! { <li class=depth.clone()><button class="tree-leaf mono" title=format!("Insert <…> reading {path}") on:click=move |_| insert(path.clone())>{label}</button></li> }.into_any()
                        }
                        (_, value) => view! { <li class=format!("tree-node mono {depth}")>{match value { Some(v) => format!("{}: {v}", f.key), None => f.key }}</li> }.into_any(),
                    }
                }).collect_view()}
            </ul>
            <p class="status" role="status">{move || said.get()}</p>
        </details>
    }
}

/// Where the chosen sample comes from: its AWS page, and how it differs from the page's event.
#[component]
fn SampleOrigin() -> impl IntoView {
    let store = use_store();
    move || {
        match store.event_choice.get() {
        EventChoice::Sample(i) => SAMPLES.get(i).map(|s| {
            let how = if s.note.is_empty() {
                "as AWS documents it".to_string()
            } else {
                format!("changed: {}", s.note)
            };
            view! {
                <p class="note sample-origin" id="f-sample-origin">
                    "From "<a href=s.url target="_blank" rel="noopener noreferrer">{page_name(s.url)}</a>", " {how} "."
                </p>
            }
        }),
        EventChoice::Custom => None,
    }
    }
}

/// A URL as a short page name (`docs.aws.amazon.com/…/ecs_service_deployment_events.html`).
fn page_name(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.split('/').next().unwrap_or(rest);
    let page = rest.rsplit('/').next().unwrap_or(rest);
    if page == host {
        host.to_string()
    } else {
        format!("{host}/…/{page}")
    }
}

/// The source the event belongs to, and its preset when the design does not route that source.
#[component]
fn SourceOffer() -> impl IntoView {
    let store = use_store();
    let choosing = expect_context::<crate::ui::store::state::PresetChoiceSignal>().0;
    let found = Memo::new(move |_| {
        store
            .event
            .with(|e| recognise(e).map(|(s, known)| (s.event_source, known)))
    });
    move || {
        let (event_source, known) = found.get()?;
        let src = SOURCES.iter().find(|s| s.event_source == event_source)?;
        let routed = store.design.with(|d| {
            design_sources(d)
                .iter()
                .any(|s| s.event_source == event_source)
        });
        let what = if known {
            "event"
        } else {
            "event of a detail-type its presets do not cover"
        };
        let offer = (!routed).then(|| src.presets.first()).flatten().and_then(|(id, _)| {
            let p = crate::domain::design::presets::PRESETS.iter().find(|p| p.id == *id)?;
            let id = p.id.to_string();
            Some(view! {
                <button class="btn small" id="f-source-preset" on:click=move |_| crate::ui::store::state::choose_preset(store, choosing, id.clone())>
                    {format!("Start from \"{}\"", p.label)}
                </button>
            })
        });
        let routes = if routed {
            " The design routes its events."
        } else {
            " The design's rules do not route its events."
        };
        Some(view! {
            <div class="note source-offer" role="status" id="f-source">
                <span>{format!("{} {what}.{routes} ", src.label)}</span>
                {offer}
                <details class="source-help">
                    <summary>"What its events carry"</summary>
                    <p>{src.help}" "<a href=src.doc_url target="_blank" rel="noopener noreferrer">"AWS's page"</a></p>
                </details>
            </div>
        })
    }
}

/// The samples as options grouped by source, each valued by its index into `SAMPLES` (which lists
/// every source's samples in source order).
pub fn sample_options() -> impl IntoView {
    SOURCES
        .iter()
        .scan(0usize, |at, src| {
            let first = *at;
            *at += src.samples.len();
            Some((first, src))
        })
        .map(|(first, src)| {
            view! {
                <optgroup label=src.label>
                    {src.samples.iter().enumerate().map(|(k, s)| view! { <option value=(first + k).to_string()>{s.label}</option> }).collect_view()}
                </optgroup>
            }
        })
        .collect_view()
}
