//! Labelled inputs with help on hover and focus, live counters against limits, and the diagnostics
//! the core reports for the field.

use super::state::use_store;
use crate::domain::base::diagnostic::{Diagnostic, Severity};
use crate::domain::view::help::help;
use leptos::prelude::*;

/// Help text under a field, shown when the field has focus; also the input's description.
#[component]
pub fn Help(id: String, key: &'static str) -> impl IntoView {
    let text = help(key);
    let assumption =
        text.contains("Assumption") || text.contains("Unconfirmed") || text.contains("unconfirmed");
    view! {
        <p class="help" class:assumption=assumption id=id>
            {text}
        </p>
    }
}

/// A live counter such as `37/50`, red when over.
#[component]
pub fn Counter(#[prop(into)] count: Signal<usize>, max: usize) -> impl IntoView {
    view! {
        <span class="counter" class:over=move || { count.get() > max } aria-live="polite">
            {move || format!("{}/{max}", count.get())}
        </span>
    }
}

/// A message with its `backticked` parts as code (text nodes only, never markup).
pub fn with_code(message: &str) -> impl IntoView {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_string();
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// The diagnostics whose location is exactly `location` or below it.
#[component]
pub fn FieldDiagnostics(
    location: String,
    /// DOM id of the list, for a field that names it in `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let store = use_store();
    let diags = Memo::new(move |_| {
        store.sim.with(|s| {
            s.diagnostics
                .iter()
                .filter(|d| {
                    d.location == location || d.location.starts_with(&format!("{location}/"))
                })
                .cloned()
                .collect::<Vec<Diagnostic>>()
        })
    });
    view! {
        <ul class="diagnostics" id=id>
            {move || {
                diags
                    .get()
                    .into_iter()
                    .map(|d| {
                        let class = match d.severity {
                            Severity::Error => "diag error",
                            Severity::Warning => "diag warning",
                            Severity::Info => "diag info",
                        };
                        let pos = match (d.line, d.column) {
                            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                            _ => String::new(),
                        };
                        view! { <li class=class>{with_code(&d.message)}{pos}</li> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A labelled single-line or multi-line text input bound to the design.
#[component]
pub fn TextField(
    /// DOM id of the input (labels point at it).
    id: String,
    /// Visible label: the accessible name tests rely on.
    label: String,
    /// Key into the help table.
    help_key: &'static str,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    on_input: impl Fn(String) + 'static,
    /// Character limit for the live counter.
    #[prop(optional)]
    max: Option<usize>,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] placeholder: String,
    /// Design location whose diagnostics are shown under the field.
    #[prop(optional, into)]
    diagnostics: Option<String>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let count = Signal::derive(move || value.with(|v| v.chars().count()));
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="5"
                aria-describedby=help_id.clone()
                placeholder=placeholder
                title=help(help_key)
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                aria-describedby=help_id.clone()
                placeholder=placeholder
                title=help(help_key)
                spellcheck="false"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <div class="field-head">
                <label for=id>{label}</label>
                {max.map(|m| view! { <Counter count=count max=m /> })}
            </div>
            {input}
            <Help id=help_id key=help_key />
            {diagnostics.map(|loc| view! { <FieldDiagnostics location=loc /> })}
        </div>
    }
}
