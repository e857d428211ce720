//! The notification panel: title, description, next steps, keywords, metadata, additional context.

use crate::domain::view::fields::{FieldRef, MapField, TextList};
use crate::ui::platform;
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::{FieldDiagnostics, Help, TextField};
use crate::ui::widgets::list_editor::{ListAccess, MapAccess, MapRows, StringList};
use leptos::prelude::*;

use crate::domain::view::edits::insert_at;

/// A menu of the defined input paths that inserts `<name>` at the caret of field `target`.
#[component]
pub fn PlaceholderMenu(
    /// The text field the menu inserts into.
    field: FieldRef,
) -> impl IntoView {
    let target = field.dom_id();
    let label = field.label();
    let store = use_store();
    let names = Memo::new(move |_| {
        store.with_rule(|r| {
            r.input_paths
                .keys()
                .take(crate::domain::view::paging::PREVIEW_ITEMS)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let select_id = format!("{target}-insert");
    let focus_id = target.clone();
    view! {
        <label class="sr-only" for=select_id.clone()>{format!("Insert placeholder into {label}")}</label>
        <select id=select_id class="insert-menu" title="Insert a placeholder defined in the rule's input paths"
            on:change=move |ev| {
                let name = event_target_value(&ev);
                if name.is_empty() { return; }
                let caret = platform::caret(&focus_id);
                let rule = store.rule_index_untracked();
                store.change(|d| if let Some(t) = field.text_mut(d, rule) { *t = insert_at(t, caret, &format!("<{name}>")); });
                platform::focus(&focus_id);
                if let Some(sel) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()) {
                    sel.set_value("");
                }
            }>
            <option value="">"Insert <placeholder>…"</option>
            {move || names.get().into_iter().map(|n| view! { <option value=n.clone()>{format!("<{n}>")}</option> }).collect_view()}
        </select>
    }
}

/// The content limit of a field, for its counter (the same table `validate` checks).
fn limit(field: &str) -> usize {
    match crate::domain::amazon_q::limits::counter_max(field) {
        0 => usize::MAX,
        m => m,
    }
}

#[component]
pub fn NotificationEditor() -> impl IntoView {
    let store = use_store();
    let text = move |f: fn(&crate::domain::design::model::RuleDesign) -> String| {
        Signal::derive(move || store.with_rule(f))
    };
    view! {
        <section class="panel" aria-labelledby="h-notification"
            on:focusin=move |ev| {
                // Remember the text field being edited: the event tree inserts there.
                let id = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).map(|e| e.id());
                if let Some(id) = id.filter(|id| crate::domain::view::locate::text_field_name(id).is_some()) {
                    store.bind_target.set(Some(id));
                }
            }>
            <h2 id="h-notification">"Notification"</h2>
            <p class="note">"Click a field of the event (Event panel, Event fields) to insert it where you are typing."</p>
            <ParameterLinks />
            <div class="with-menu">
                <TextField field=FieldRef::Title max=limit("title")
                    value=text(|r| r.notification.title.clone())
                    on_input=move |v| store.edit_rule(FieldRef::Title, |r| r.notification.title = v) />
                <PlaceholderMenu field=FieldRef::Title />
            </div>
            <div class="with-menu">
                <TextField field=FieldRef::Description multiline=true max=limit("description")
                    value=text(|r| r.notification.description.clone())
                    on_input=move |v| store.edit_rule(FieldRef::Description, |r| r.notification.description = v) />
                <PlaceholderMenu field=FieldRef::Description />
            </div>
            <StringList list=TextList::NextSteps add_text="Add next step" max=limit("nextSteps")
                access=ListAccess { get: |r| &r.notification.next_steps, get_mut: |r| &mut r.notification.next_steps } />
            <StringList list=TextList::Keywords add_text="Add keyword" max=limit("keywords")
                access=ListAccess { get: |r| &r.notification.keywords, get_mut: |r| &mut r.notification.keywords } />
            <details class="subpanel">
                <summary>"Metadata: thread, summary, event type, related resources"</summary>
                <TextField field=FieldRef::ThreadId
                    value=text(|r| r.notification.thread_id.clone())
                    on_input=move |v| store.edit_rule(FieldRef::ThreadId, |r| r.notification.thread_id = v) />
                <TextField field=FieldRef::Summary
                    value=text(|r| r.notification.summary.clone())
                    on_input=move |v| store.edit_rule(FieldRef::Summary, |r| r.notification.summary = v) />
                <TextField field=FieldRef::EventType
                    value=text(|r| r.notification.event_type.clone())
                    on_input=move |v| store.edit_rule(FieldRef::EventType, |r| r.notification.event_type = v) />
                <StringList list=TextList::RelatedResources add_text="Add resource"
                    access=ListAccess { get: |r| &r.notification.related_resources, get_mut: |r| &mut r.notification.related_resources } />
            </details>
            <MapRows label="Additional context" key_label="Key" value_label="Value" help_key="additionalContext" new_key="Key"
                access=MapAccess::AdditionalContext />
            <div class="field">
                <label for="f-enableCustomActions">"Custom action buttons (enableCustomActions)"</label>
                <select id="f-enableCustomActions" aria-describedby="f-enableCustomActions-help"
                    on:change=move |ev| {
                        let v = match event_target_value(&ev).as_str() { "true" => Some(true), "false" => Some(false), _ => None };
                        store.change_rule(|r| r.notification.enable_custom_actions = v)
                    }>
                    <option value="true" selected=move || store.with_rule(|r| r.notification.enable_custom_actions == Some(true))>"true: add the buttons"</option>
                    <option value="false" selected=move || store.with_rule(|r| r.notification.enable_custom_actions == Some(false))>"false: no buttons"</option>
                    <option value="absent" selected=move || store.with_rule(|r| r.notification.enable_custom_actions.is_none())>"not sent (assumed to mean true)"</option>
                </select>
                <Help id="f-enableCustomActions-help".into() key="enableCustomActions" />
                <FieldDiagnostics location=Signal::derive(move || FieldRef::EnableCustomActions.location(store.rule_index())) />
            </div>
        </section>
    }
}

/// The `{{parameters}}` the text names: each links to its value in the Deploy tab, and one the
/// settings do not define is defined in one click.
#[component]
fn ParameterLinks() -> impl IntoView {
    let store = use_store();
    let navigator = expect_context::<crate::ui::store::navigation::Navigator>();
    let refs = Memo::new(move |_| {
        store
            .design
            .with(crate::domain::view::fixes::parameter_refs)
    });
    let go = move |name: &str| {
        let i = store
            .design
            .with_untracked(|d| d.deployment.parameters.get_index_of(name))
            .unwrap_or(0);
        navigator.go(&FieldRef::MapValue(MapField::Parameters, i).into());
    };
    move || {
        let refs = refs.get();
        let (_, hidden) = crate::domain::view::paging::drawn(&refs);
        (!refs.is_empty()).then(|| view! {
            <ul class="param-refs" aria-label="Parameters the text uses">
                {refs.into_iter().take(crate::domain::view::paging::PREVIEW_ITEMS).map(|r| {
                    let name = r.name.clone();
                    match r.value {
                        Some(v) => view! {
                            <li><button class="link-btn" on:click=move |_| go(&name)>{format!("{{{{{}}}}}", r.name)}</button>{format!(" = {v}")}</li>
                        }.into_any(),
                        None => view! {
                            <li class="diag error">{format!("{{{{{}}}}} is not defined ", r.name)}
                                <button class="btn small" data-define=r.name.clone() on:click=move |_| {
                                    let n = name.clone();
                                    store.change(move |d| { d.deployment.parameters.entry(n).or_default(); });
                                    go(&name);
                                }>{format!("Define {{{{{}}}}}", r.name)}</button>
                            </li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ul>
            <crate::ui::widgets::fields::LeftOut hidden=hidden what="parameters" />
        })
    }
}
