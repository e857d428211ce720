//! Labelled inputs with help on hover and focus, live counters against limits, and the diagnostics
//! the core reports for the field.

use crate::domain::base::diagnostic::{Diagnostic, Severity};
use crate::domain::view::fields::FieldRef;
use crate::domain::view::help::help;
use crate::ui::store::state::use_store;
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

/// The line after a list drawn in part (`paging::drawn`); nothing when all of it is drawn.
#[component]
pub fn LeftOut(hidden: usize, what: &'static str) -> impl IntoView {
    (hidden > 0).then(|| {
        view! { <p class="left-out">{crate::domain::view::paging::left_out(hidden, what)}</p> }
    })
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
    /// For a rule's field, derived from the selected rule (`FieldRef::location`).
    #[prop(into)]
    location: Signal<String>,
    /// DOM id of the list, for a field that names it in `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let store = use_store();
    let diags = Memo::new(move |_| {
        let location = location.get();
        store.sim.with(|s| {
            s.diagnostics
                .iter()
                .filter(|d| {
                    d.location
                        .strip_prefix(location.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
                .take(crate::domain::view::paging::PREVIEW_ITEMS)
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

/// The most characters a text field lays out for editing.
pub const EDIT_LIMIT: usize = 65_536;

/// A labelled single-line or multi-line text input bound to the design.
#[component]
pub fn TextField(
    /// The field: its DOM id (labels point at it), label (the accessible name tests rely on),
    /// help and the design location whose diagnostics are shown under it.
    field: FieldRef,
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
) -> impl IntoView {
    let id = field.dom_id();
    let label = field.input_label();
    let help_key = field.help_key();
    let store = use_store();
    let diagnostics = Some(Signal::derive(move || field.location(store.rule_index())));
    let help_id = format!("{id}-help");
    let count = Signal::derive(move || value.with(|v| v.chars().count()));
    // Text far over the field's limit (from a link or a file) is not laid out in the field: a
    // browser takes seconds to wrap a few hundred thousand characters. The field says so and
    // offers to cut the text; nothing is cut until asked.
    let edit_limit = max
        .map_or(EDIT_LIMIT, |m| m.saturating_mul(4))
        .clamp(4096, EDIT_LIMIT);
    let oversized =
        Memo::new(move |_| value.with(|v| v.len() > edit_limit && v.chars().count() > edit_limit));
    let on_input = StoredValue::new_local(on_input);
    let keep = max.unwrap_or(edit_limit).min(edit_limit);
    let field_id = id.clone();
    let described = help_id.clone();
    let input = move || {
        let id = field_id.clone();
        let help_id = described.clone();
        let placeholder = placeholder.clone();
        if oversized.get() {
            let n = value.with_untracked(|v| v.chars().count());
            let cut_text = format!("Keep the first {keep} characters");
            let cut_name = cut_text.clone();
            let note_id = format!("{id}-oversized");
            return view! {
                <div class="oversized" role="alert">
                    <p id=note_id.clone()>{format!("This text has {n} characters, too many to edit here (the field takes at most {keep}). It is kept as it is.")}</p>
                    // The field's label points at this button; its own words name it.
                    <button class="btn" id=id aria-label=cut_name aria-describedby=note_id on:click=move |_| {
                        let cut: String = value.with_untracked(|v| v.chars().take(keep).collect());
                        on_input.with_value(|f| f(cut));
                    }>{cut_text}</button>
                </div>
            }
            .into_any();
        }
        if multiline {
            view! {
                <textarea
                    id=id
                    rows="5"
                    aria-describedby=help_id
                    placeholder=placeholder
                    title=help(help_key)
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.with_value(|f| f(event_target_value(&ev)))
                ></textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    id=id
                    type="text"
                    aria-describedby=help_id
                    placeholder=placeholder
                    title=help(help_key)
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.with_value(|f| f(event_target_value(&ev)))
                />
            }
            .into_any()
        }
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
