//! The simulation trace (pattern report, bindings, message, checks, buttons, assumptions) and the
//! batch table of every sample event through the design.

use crate::domain::pipeline::simulate::batch_compiled;
use crate::domain::verify;
use crate::domain::view::paging::drawn;
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::LeftOut;
use leptos::prelude::*;

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[component]
pub fn TracePanel() -> impl IntoView {
    let sim = use_store().sim;
    view! {
        <section class="panel trace" aria-labelledby="h-trace">
            <h2 id="h-trace">"Simulation trace"</h2>
            <EveryRule />
            <PatternStep />
            <details>
                <summary>"2. Input transformer: bindings"</summary>
                <table class="trace-table">
                    <thead><tr><th scope="col">"Placeholder"</th><th scope="col">"Path"</th><th scope="col">"Value"</th></tr></thead>
                    <tbody>
                        {move || sim.with(|s| drawn(&s.bindings).0.to_vec()).into_iter().map(|b| view! {
                            <tr><td class="mono">{format!("<{}>", b.name)}</td><td class="mono">{b.path}</td>
                                <td class="mono">{b.value.as_ref().map(show).unwrap_or_else(|| "(not found)".into())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {move || view! { <LeftOut hidden=sim.with(|s| drawn(&s.bindings).1) what="bindings" /> }}
            </details>
            <details>
                <summary>"3. Rendered SNS message"</summary>
                <pre class="code-view mono" tabindex="0">{move || sim.with(|s| s.message.clone().unwrap_or_else(|| "(no message: the event did not match)".into()))}</pre>
            </details>
            <details>
                <summary>{move || format!("4. Checks: {}", if sim.with(|s| s.delivered) { "delivered" } else { "not delivered" })}</summary>
                <ul class="diagnostics">
                    {move || sim.with(|s| drawn(&s.diagnostics).0.to_vec()).into_iter().map(|d| view! {
                        <li class=if d.is_error() { "diag error" } else { "diag warning" }>{d.to_string()}</li>
                    }).collect_view()}
                </ul>
                {move || view! { <LeftOut hidden=sim.with(|s| drawn(&s.diagnostics).1) what="checks" /> }}
            </details>
            <details>
                <summary>"5. Buttons"</summary>
                <table class="trace-table">
                    <thead><tr><th scope="col">"Action"</th><th scope="col">"Appears"</th><th scope="col">"Why"</th><th scope="col">"Command"</th></tr></thead>
                    <tbody>
                        {move || sim.with(|s| drawn(&s.actions).0.to_vec()).into_iter().map(|a| view! {
                            <tr><td>{a.text}</td><td>{if a.appears { "yes" } else { "no" }}</td><td>{a.reason}</td><td class="mono">{a.command}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {move || view! { <LeftOut hidden=sim.with(|s| drawn(&s.actions).1) what="buttons" /> }}
            </details>
            <details open>
                <summary>"Assumptions this result depends on"</summary>
                <ul class="assumptions">
                    {move || sim.with(|s| s.assumptions.clone()).into_iter().map(|a| view! { <li class="assumption"><strong>"Assumption: "</strong>{a.text}</li> }).collect_view()}
                </ul>
            </details>
        </section>
    }
}

/// Step 1: the pattern's field-by-field report, and the command that asks EventBridge itself.
#[component]
fn PatternStep() -> impl IntoView {
    let store = use_store();
    let sim = store.sim;
    // The command that asks EventBridge itself about the current event (one pattern match).
    let ask = Memo::new(move |_| {
        store.event.with(|event| {
            let params = store.design.with(|d| {
                crate::domain::design::sources::template_params(&d.deployment).into_owned()
            });
            let pattern = store.with_rule(|r| r.event_pattern_with(&params).into_owned());
            let c = verify::check(&pattern, "event".into(), event);
            match c.untestable {
                Some(why) => Err(why),
                None => Ok((c.shell, c.adjusted)),
            }
        })
    });
    let copied = RwSignal::new(String::new());
    let fallback = crate::ui::widgets::copy::use_copy();
    view! {
    <details open>
        <summary>{move || format!("1. Event pattern: {}", if sim.with(|s| s.matched) { "matched" } else { "no match" })}</summary>
        <table class="trace-table">
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Pattern"</th><th scope="col">"Event"</th><th scope="col">"Result"</th></tr></thead>
            <tbody>
                {move || sim.with(|s| s.pattern.as_ref().map(|r| drawn(&r.fields).0.to_vec()).unwrap_or_default()).into_iter().map(|f| view! {
                    <tr class:bad=!f.matched && !f.in_or>
                        <td class="mono">{f.path.clone()}{f.in_or.then_some(" ($or)")}</td>
                        <td class="mono">{f.expected.to_string()}</td>
                        <td class="mono">{if f.found.is_empty() { "—".to_string() } else { f.found.iter().map(show).collect::<Vec<_>>().join(", ") }}</td>
                        <td>{f.reason.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {move || view! { <LeftOut hidden=sim.with(|s| s.pattern.as_ref().map_or(0, |r| drawn(&r.fields).1)) what="fields" /> }}
        <div class="field">
            <span class="label" id="l-ask">"Ask EventBridge (aws events test-event-pattern)"</span>
            {move || match ask.get() {
                Ok((shell, adjusted)) => view! {
                    <pre class="code-view mono" aria-labelledby="l-ask" tabindex="0">{shell.clone()}</pre>
                    {(!adjusted.is_empty()).then(|| view! {
                        <p class="note">{format!("TestEventPattern requires more fields than the event has: {}", adjusted.join(", "))}</p>
                    })}
                    <button class="btn" on:click=move |_| {
                        crate::ui::widgets::copy::copy_text(fallback, "The command".into(), shell.clone(), move |r| {
                            copied.set(match r { Ok(()) => "Command copied".into(), Err(_) => "Copy failed: copy the command by hand".into() });
                        });
                    }>"Copy command"</button>
                }.into_any(),
                Err(why) => view! { <p class="note">{format!("Not asked: {why}")}</p> }.into_any(),
            }}
            <span class="status" role="status">{move || copied.get()}</span>
        </div>
    </details>
    }
}

#[component]
pub fn BatchTable() -> impl IntoView {
    let store = use_store();
    // Ten simulations per edit: computed only while the table is open.
    let open = RwSignal::new(false);
    let several = Memo::new(move |_| store.design.with(|d| d.rules.len() > 1));
    let rows = Memo::new(move |_| {
        if open.get() {
            let samples = store
                .design
                .with(crate::domain::design::sources::design_samples);
            store.compiled.with(|c| {
                c.as_ref()
                    .map_or_else(Vec::new, |c| batch_compiled(c, &samples))
            })
        } else {
            Vec::new()
        }
    });
    view! {
        <section class="panel" aria-labelledby="h-batch">
            <details on:toggle=move |ev| {
                let is_open = ev.target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDetailsElement>(t).ok())
                    .is_some_and(|d| d.open());
                open.set(is_open);
            }>
            <summary><h2 id="h-batch" class="inline-h">"Every sample event through this design"</h2></summary>
            <table class="trace-table batch">
                <thead><tr>
                    <th scope="col">"Event"</th>
                    {move || several.get().then(|| view! { <th scope="col">"Rule"</th> })}
                    <th scope="col">"Delivered"</th><th scope="col">"Title"</th><th scope="col">"Buttons"</th>
                </tr></thead>
                <tbody>
                    {move || rows.with(|r| drawn(r).0.to_vec()).into_iter().map(|r| view! {
                        <tr class:dim=!r.delivered>
                            <td>{r.label}</td>
                            {several.get().then(|| view! { <td>{r.rule_name.clone()}</td> })}
                            <td>{if r.delivered { "yes" } else if r.matched { "no (invalid or off)" } else { "no (no match)" }}</td>
                            <td>{r.title}</td>
                            <td>{r.buttons.join(" · ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || view! { <LeftOut hidden=rows.with(|r| drawn(r).1) what="rows" /> }}
            </details>
        </section>
    }
}

/// With several rules: what the event comes to through each (the steps below are the selected
/// rule's).
#[component]
fn EveryRule() -> impl IntoView {
    let store = use_store();
    move || {
        let rows = store.outcomes.get();
        (!rows.is_empty()).then(|| {
            let selected = store.rule_index();
            view! {
                <table class="trace-table rules-trace" aria-label="Every rule for this event">
                    <thead><tr><th scope="col">"Rule"</th><th scope="col">"Matched"</th><th scope="col">"Delivered"</th></tr></thead>
                    <tbody>
                        {drawn(&rows).0.iter().enumerate().map(|(i, (name, o))| view! {
                            <tr class:dim=!o.delivered class:current=i == selected>
                                <td>{name.clone()}{(i == selected).then_some(" (below)")}</td>
                                <td>{if o.matched { "yes" } else { "no" }}</td>
                                <td>{if o.delivered { format!("yes: {}", o.title) } else { o.not_delivered.clone().map_or("no".into(), |w| format!("no: {w}")) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <LeftOut hidden=drawn(&rows).1 what="rules" />
            }
        })
    }
}
