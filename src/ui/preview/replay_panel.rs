//! Replay a log of real events in the event panel: pick or drop a file (JSON Lines, a JSON array,
//! or `aws logs filter-log-events` output), and the compiled design runs over it in short tasks,
//! with a progress bar and a Cancel button. The summary is the CLI's; the messages the rule would
//! have posted are listed (only the rows in view are drawn, so 100,000 events stay smooth), and
//! choosing one shows it in the preview and the trace.

use crate::domain::pipeline::replay::{event_at, Cursor, Layout, Reader, Summary, Tally};
use crate::domain::pipeline::simulate::SimulateOptions;
use crate::ui::platform;
use crate::ui::store::state::{use_store, EventChoice, Shared, Store};
use leptos::prelude::*;
use std::rc::Rc;

/// Files larger than this are refused (the whole file is held in memory).
const MAX_BYTES: f64 = 512.0 * 1024.0 * 1024.0;
/// A task replays events for at most this long before it yields to the page.
const SLICE_MS: f64 = 25.0;
/// Height of one message row, in pixels (the list draws only the rows in view).
const ROW_PX: f64 = 30.0;
const VIEW_ROWS: usize = 12;

/// A message the rule would have posted: where its event is, its title and buttons.
#[derive(Clone, Debug, PartialEq)]
struct Message {
    place: String,
    span: (usize, usize),
    delivered: bool,
    title: String,
    buttons: Vec<String>,
    why: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Reading(String),
    Running {
        name: String,
        done: usize,
        total: usize,
    },
    Done {
        name: String,
        ms: f64,
    },
    Cancelled(String),
    Failed(String),
}

struct Run {
    text: Rc<String>,
    layout: Layout,
    compiled: Shared,
}

/// A replay in progress: what it reads and counts, carried from task to task.
struct Job {
    run: Rc<Run>,
    tally: Tally,
    generation: u64,
    name: String,
    started: f64,
}

/// The panel's state, shared by its parts and carried from task to task.
#[derive(Clone, Copy)]
struct Replay {
    status: RwSignal<Status>,
    summary: RwSignal<Option<Summary>>,
    messages: RwSignal<Vec<Message>>,
    /// The first message row in view.
    top: RwSignal<usize>,
    chosen: RwSignal<Option<usize>>,
    /// Each run has a generation; a new file or Cancel makes the running one stop at its next task.
    generation: StoredValue<u64>,
    run_data: StoredValue<Option<Rc<Run>>, LocalStorage>,
}

#[component]
pub fn ReplayPanel() -> impl IntoView {
    let store = use_store();
    let r = Replay {
        status: RwSignal::new(Status::Idle),
        summary: RwSignal::new(None::<Summary>),
        messages: RwSignal::new(Vec::<Message>::new()),
        top: RwSignal::new(0usize),
        chosen: RwSignal::new(None::<usize>),
        generation: StoredValue::new(0u64),
        run_data: StoredValue::new_local(None::<Rc<Run>>),
    };
    let status = r.status;
    let running = move || matches!(status.get(), Status::Running { .. } | Status::Reading(_));
    view! {
        <details class="replay" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                start(r, store, ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
            }>
            <summary><h3 class="inline-h">"Replay a log of events"</h3></summary>
            <p class="hint">"What would this rule have posted? Choose or drop a file of real events: JSON Lines, a JSON array, or the output of "<code>"aws logs filter-log-events"</code>" (the README says how to capture one). It runs here, in your browser."</p>
            <div class="dropzone">
                <label for="f-replay">"Events file"</label>
                <input id="f-replay" type="file" accept=".jsonl,.ndjson,.json,.log,.txt,application/json"
                    on:change=move |ev| start(r, store, platform::input_files(&ev).and_then(|f| f.get(0))) />
                <button type="button" class="secondary" disabled=move || !running()
                    on:click=move |_| {
                        r.generation.update_value(|g| *g += 1);
                        let name = match status.get_untracked() {
                            Status::Running { name, .. } | Status::Reading(name) => name,
                            _ => String::new(),
                        };
                        status.set(Status::Cancelled(name));
                    }>"Cancel"</button>
            </div>
            <ReplayStatus r=r />
            {move || r.summary.get().map(|s| view! { <ReplaySummary s=s /> })}
            <MatchedEvents r=r store=store />
        </details>
    }
}

/// Reads `file` and replays the compiled design over it; a run already going stops.
fn start(r: Replay, store: Store, file: Option<web_sys::File>) {
    let Some(file) = file else { return };
    let name = file.name();
    if file.size() > MAX_BYTES {
        r.status.set(Status::Failed(format!(
            "{name} is {:.0} MB; at most 512 MB is replayed at once",
            file.size() / 1_048_576.0
        )));
        return;
    }
    let Some(compiled) = store.compiled.get_untracked() else {
        r.status.set(Status::Failed(
            "the page is still starting; try again in a moment".into(),
        ));
        return;
    };
    r.generation.update_value(|g| *g += 1);
    let gen = r.generation.get_value();
    r.status.set(Status::Reading(name.clone()));
    r.summary.set(None);
    r.messages.set(Vec::new());
    r.chosen.set(None);
    r.top.set(0);
    leptos::task::spawn_local(read_and_replay(r, file, name, gen, compiled));
}

/// The file's text, read with progress; then the first slice of the replay.
async fn read_and_replay(r: Replay, file: web_sys::File, name: String, gen: u64, compiled: Shared) {
    let reading = name.clone();
    let text = match platform::file_text(&file, move |n| {
        if r.generation.get_value() == gen {
            r.status.set(Status::Reading(format!(
                "{reading} ({:.0} MB)",
                n / 1_048_576.0
            )));
        }
    })
    .await
    {
        Ok(t) => t,
        Err(e) => {
            r.status.set(Status::Failed(e));
            return;
        }
    };
    if r.generation.get_value() != gen {
        return;
    }
    let text = Rc::new(text);
    let reader = match Reader::new(&text) {
        Ok(reader) => reader.reading(compiled.reads()),
        Err(e) => {
            r.status.set(Status::Failed(format!("{name}: {e}")));
            return;
        }
    };
    let total = text.len();
    let run = Rc::new(Run {
        layout: reader.layout(),
        text: text.clone(),
        compiled: compiled.clone(),
    });
    r.run_data.set_value(Some(run.clone()));
    let tally = Tally::new(&compiled, SimulateOptions::default());
    let started = platform::now_ms();
    r.status.set(Status::Running {
        name: name.clone(),
        done: 0,
        total,
    });
    let job = Job {
        run,
        tally,
        generation: gen,
        name,
        started,
    };
    step(job, reader.cursor(), r);
}

/// Makes message `i`'s event, read whole again, the custom event.
fn show(r: Replay, store: Store, i: usize) {
    let Some(run) = r.run_data.get_value() else {
        return;
    };
    let Some(m) = r.messages.with_untracked(|m| m.get(i).cloned()) else {
        return;
    };
    match event_at(&run.text, run.layout, m.span) {
        Ok(event) => {
            r.chosen.set(Some(i));
            store
                .custom_event
                .set(serde_json::to_string_pretty(&event).unwrap_or_default());
            store.event_choice.set(EventChoice::Custom);
        }
        Err(e) => r.status.set(Status::Failed(format!("{}: {e}", m.place))),
    }
}

/// The status line: reading, progress, done, cancelled or failed.
#[component]
fn ReplayStatus(r: Replay) -> impl IntoView {
    let (status, summary) = (r.status, r.summary);
    view! {
        <div class="replay-status" role="status" aria-live="polite">
            {move || match status.get() {
                Status::Idle => view! { <span></span> }.into_any(),
                Status::Reading(name) => view! { <span>{format!("Reading {name}…")}</span> }.into_any(),
                Status::Running { name, done, total } => view! {
                    <span>
                        <progress max=total.to_string() value=done.to_string() aria-label="Replay progress"></progress>
                        {format!(" Replaying {name}: {} events so far", summary.with(|s| s.as_ref().map_or(0, |s| s.read)))}
                    </span>
                }.into_any(),
                Status::Done { name, ms } => view! { <span>{format!("Replayed {name} in {:.1} s", ms / 1000.0)}</span> }.into_any(),
                Status::Cancelled(name) => view! { <span>{format!("Replay of {name} cancelled; the counts so far are below.")}</span> }.into_any(),
                Status::Failed(e) => view! { <span class="diag error" role="alert">{e}</span> }.into_any(),
            }}
        </div>
    }
}

/// The matched events as a listbox that draws only the rows in view.
#[component]
fn MatchedEvents(r: Replay, store: Store) -> impl IntoView {
    let (messages, chosen, top) = (r.messages, r.chosen, r.top);
    move || {
        let n = messages.with(Vec::len);
        (n > 0).then(|| view! {
            <h4 id="h-replay-messages">{format!("Matched events ({n})")}</h4>
            <div class="replay-list" role="listbox" aria-labelledby="h-replay-messages" tabindex="0"
                style:height=format!("{}px", ROW_PX * VIEW_ROWS.min(n) as f64 + 2.0)
                aria-activedescendant=move || chosen.get().map(|i| format!("replay-row-{i}"))
                on:scroll=move |ev| {
                    let y = event_target::<web_sys::HtmlElement>(&ev).scroll_top() as f64;
                    top.set((y / ROW_PX) as usize);
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| list_keys(r, store, &ev)>
                <div class="replay-rows" style:height=format!("{}px", ROW_PX * n as f64)>
                    {move || {
                        let first = top.get().saturating_sub(2);
                        messages.with(|m| {
                            m.iter().enumerate().skip(first).take(VIEW_ROWS + 4).map(|(i, m)| {
                                let label = if m.delivered {
                                    format!("{} · {}", m.title, if m.buttons.is_empty() { "no buttons".to_string() } else { m.buttons.join(", ") })
                                } else {
                                    format!("not delivered: {}", m.why.clone().unwrap_or_default())
                                };
                                view! {
                                    <div class="replay-row" id=format!("replay-row-{i}") role="option"
                                        aria-selected=move || (chosen.get() == Some(i)).to_string()
                                        class:dim=!m.delivered
                                        style:top=format!("{}px", i as f64 * ROW_PX) style:height=format!("{ROW_PX}px")
                                        on:click=move |_| show(r, store, i)>
                                        <span class="place mono">{m.place.clone()}</span>
                                        <span class="what">{label}</span>
                                    </div>
                                }
                            }).collect_view()
                        })
                    }}
                </div>
            </div>
            <p class="hint">"Choose a row (or use the arrow keys) to see that event in the preview and the trace."</p>
        })
    }
}

/// Arrows, Home and End choose a row of the list and scroll it into view.
fn list_keys(r: Replay, store: Store, ev: &web_sys::KeyboardEvent) {
    let n = r.messages.with_untracked(Vec::len);
    let cur = r.chosen.get_untracked();
    let next = match ev.key().as_str() {
        "ArrowDown" => Some(cur.map_or(0, |i| (i + 1).min(n - 1))),
        "ArrowUp" => Some(cur.map_or(0, |i| i.saturating_sub(1))),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    };
    if let Some(i) = next {
        ev.prevent_default();
        show(r, store, i);
        let el = event_target::<web_sys::HtmlElement>(ev);
        let y = i as f64 * ROW_PX;
        let h = ROW_PX * VIEW_ROWS as f64;
        let st = el.scroll_top() as f64;
        if y < st {
            el.set_scroll_top(y as i32);
        } else if y + ROW_PX > st + h {
            el.set_scroll_top((y + ROW_PX - h) as i32);
        }
    }
}

/// Replays events for one slice of time, publishes the counts, and schedules the next slice.
fn step(mut job: Job, cursor: Cursor, s: Replay) {
    // A new file or Cancel: this run stops (its counts so far are already shown).
    if s.generation.get_value() != job.generation {
        return;
    }
    let slice = platform::now_ms();
    let run = job.run.clone();
    let mut reader = Reader::resume(&run.text, cursor);
    let mut found = Vec::new();
    let mut finished = true;
    for item in reader.by_ref() {
        // One message per rule that matches the event.
        for o in job.tally.add(&run.compiled, &item).into_iter().flatten() {
            if o.matched {
                found.push(Message {
                    place: item.place(),
                    span: item.span,
                    delivered: o.delivered,
                    title: o.title,
                    buttons: o.buttons,
                    why: o.not_delivered,
                });
            }
        }
        if platform::now_ms() - slice > SLICE_MS {
            finished = false;
            break;
        }
    }
    if !found.is_empty() {
        s.messages.update(|m| m.extend(found));
    }
    s.summary.set(Some(job.tally.summary.clone()));
    if finished {
        s.status.set(Status::Done {
            name: job.name,
            ms: platform::now_ms() - job.started,
        });
        return;
    }
    s.status.set(Status::Running {
        name: job.name.clone(),
        done: reader.position(),
        total: job.run.text.len(),
    });
    let cursor = reader.cursor();
    platform::next_task(move || step(job, cursor, s));
}

#[component]
fn ReplaySummary(s: Summary) -> impl IntoView {
    let not_delivered: usize =
        s.not_delivered.items.iter().map(|x| x.1).sum::<usize>() + s.not_delivered.others;
    let titles = s.titles.by_count();
    let more = titles.len().saturating_sub(10) + usize::from(s.titles.others > 0);
    view! {
        <table class="trace-table replay-summary">
            <tbody>
                <tr><th scope="row">"Events read"</th><td data-count="read">{s.read}</td></tr>
                <tr><th scope="row">"Malformed"</th><td data-count="malformed">{s.malformed}</td></tr>
                <tr><th scope="row">"Matched"</th><td data-count="matched">{s.matched}</td></tr>
                <tr><th scope="row">"Delivered"</th><td data-count="delivered">{s.delivered}</td></tr>
                <tr><th scope="row">"Not delivered"</th><td data-count="not-delivered">{not_delivered}</td></tr>
                {s.buttons.iter().map(|(text, n)| view! {
                    <tr><th scope="row">{format!("Button {text}")}</th><td>{*n}</td></tr>
                }).collect_view()}
                {(s.rules.len() > 1).then(|| s.rules.iter().take(crate::domain::view::paging::PREVIEW_ITEMS).map(|r| view! {
                    <tr><th scope="row">{format!("Rule {}", r.rule)}</th><td data-rule=r.rule.clone()>{format!("{} matched, {} delivered", r.matched, r.delivered)}</td></tr>
                }).collect_view())}
            </tbody>
        </table>
        {(!s.malformed_first.is_empty()).then(|| view! {
            <ul class="diagnostics">
                {s.malformed_first.iter().map(|m| view! { <li class="diag warning">{format!("{}: {}", m.place, m.reason)}</li> }).collect_view()}
            </ul>
        })}
        {(!s.not_delivered.items.is_empty()).then(|| view! {
            <ul class="diagnostics">
                {s.not_delivered.by_count().into_iter().map(|(why, n)| view! { <li class="diag error">{format!("{n} × {why}")}</li> }).collect_view()}
            </ul>
        })}
        {(!titles.is_empty()).then(|| view! {
            <table class="trace-table">
                <thead><tr><th scope="col">"Title"</th><th scope="col">"Messages"</th></tr></thead>
                <tbody>
                    {titles.into_iter().take(10).map(|(t, n)| view! { <tr><td>{t}</td><td>{n}</td></tr> }).collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p class="hint">{format!("and more distinct titles ({more}+); chatops replay --format json lists them")}</p> })}
        })}
    }
}
