//! The event panel: a built-in sample event, or the user's own JSON.

use super::fields::Help;
use super::state::{use_store, EventChoice};
use crate::domain::design::samples::SAMPLES;
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
                    {SAMPLES.iter().enumerate().map(|(i, s)| view! { <option value=i.to_string()>{s.label}</option> }).collect_view()}
                    <option value="custom">"Custom event (edit JSON)"</option>
                </select>
                <Help id="f-sample-help".into() key="event" />
            </div>
            <div class="field">
                <label for="f-event">"Event JSON"</label>
                <textarea id="f-event" class="mono" rows="8" spellcheck="false"
                    aria-invalid=move || store.event_error.with(Option::is_some).to_string()
                    aria-describedby=move || store.event_error.with(Option::is_some).then_some("f-event-error")
                    prop:value=move || store.custom_event.get()
                    on:input=move |ev| {
                        store.custom_event.set(event_target_value(&ev));
                        store.event_choice.set(EventChoice::Custom);
                    }></textarea>
                {move || store.event_error.get().map(|e| view! {
                    <p class="diag error" id="f-event-error" role="alert">{format!("{e}. The simulation keeps using the last valid event.")}</p>
                })}
            </div>
            <super::replay_panel::ReplayPanel />
        </section>
    }
}
