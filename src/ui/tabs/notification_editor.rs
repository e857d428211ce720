//! The notification panel: title, description, next steps, keywords, metadata, additional context.

use crate::ui::platform;
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::{FieldDiagnostics, Help, TextField};
use crate::ui::widgets::list_editor::{ListAccess, MapAccess, MapRows, StringList};
use leptos::prelude::*;

use crate::domain::view::edits::insert_at;

/// A menu of the defined input paths that inserts `<name>` at the caret of field `target`.
#[component]
pub fn PlaceholderMenu(
    target: &'static str,
    label: &'static str,
    apply: fn(&mut crate::domain::design::model::Design, String),
    read: fn(&crate::domain::design::model::Design) -> String,
) -> impl IntoView {
    let store = use_store();
    let names = Memo::new(move |_| {
        store.design.with(|d| {
            d.rule
                .input_paths
                .keys()
                .take(crate::domain::view::paging::PREVIEW_ITEMS)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let select_id = format!("{target}-insert");
    view! {
        <label class="sr-only" for=select_id.clone()>{format!("Insert placeholder into {label}")}</label>
        <select id=select_id class="insert-menu" title="Insert a placeholder defined in the rule's input paths"
            on:change=move |ev| {
                let name = event_target_value(&ev);
                if name.is_empty() { return; }
                let caret = platform::caret(target);
                store.edit("", |d| { let t = read(d); apply(d, insert_at(&t, caret, &format!("<{name}>"))); });
                platform::focus(target);
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
    let d = store.design;
    let text =
        |f: fn(&crate::domain::design::model::Design) -> String| Signal::derive(move || d.with(f));
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
                <TextField id="f-title".into() label="Title".into() help_key="title" max=limit("title")
                    value=text(|d| d.notification.title.clone())
                    on_input=move |v| store.edit("title", |d| d.notification.title = v)
                    diagnostics="notification/title" />
                <PlaceholderMenu target="f-title" label="Title" read=|d| d.notification.title.clone() apply=|d, v| d.notification.title = v />
            </div>
            <div class="with-menu">
                <TextField id="f-description".into() label="Description".into() help_key="description" multiline=true max=limit("description")
                    value=text(|d| d.notification.description.clone())
                    on_input=move |v| store.edit("description", |d| d.notification.description = v)
                    diagnostics="notification/description" />
                <PlaceholderMenu target="f-description" label="Description" read=|d| d.notification.description.clone() apply=|d, v| d.notification.description = v />
            </div>
            <StringList id="nextSteps" label="Next steps" item_label="Next step" help_key="nextSteps" add_text="Add next step" max=limit("nextSteps")
                access=ListAccess { get: |d| &d.notification.next_steps, get_mut: |d| &mut d.notification.next_steps } />
            <StringList id="keywords" label="Keywords" item_label="Keyword" help_key="keywords" add_text="Add keyword" max=limit("keywords")
                access=ListAccess { get: |d| &d.notification.keywords, get_mut: |d| &mut d.notification.keywords } />
            <details class="subpanel">
                <summary>"Metadata: thread, summary, event type, related resources"</summary>
                <TextField id="f-threadId".into() label="Thread ID".into() help_key="threadId"
                    value=text(|d| d.notification.thread_id.clone())
                    on_input=move |v| store.edit("threadId", |d| d.notification.thread_id = v) diagnostics="notification/threadId" />
                <TextField id="f-summary".into() label="Summary".into() help_key="summary"
                    value=text(|d| d.notification.summary.clone())
                    on_input=move |v| store.edit("summary", |d| d.notification.summary = v) diagnostics="notification/summary" />
                <TextField id="f-eventType".into() label="Event type".into() help_key="eventType"
                    value=text(|d| d.notification.event_type.clone())
                    on_input=move |v| store.edit("eventType", |d| d.notification.event_type = v) diagnostics="notification/eventType" />
                <StringList id="relatedResources" label="Related resources" item_label="Related resource" help_key="relatedResources" add_text="Add resource"
                    access=ListAccess { get: |d| &d.notification.related_resources, get_mut: |d| &mut d.notification.related_resources } />
            </details>
            <MapRows id="ctx".into() label="Additional context" key_label="Key" value_label="Value" help_key="additionalContext" new_key="Key"
                location="notification/additionalContext".into()
                access=MapAccess::AdditionalContext />
            <div class="field">
                <label for="f-enableCustomActions">"Custom action buttons (enableCustomActions)"</label>
                <select id="f-enableCustomActions" aria-describedby="f-enableCustomActions-help"
                    on:change=move |ev| {
                        let v = match event_target_value(&ev).as_str() { "true" => Some(true), "false" => Some(false), _ => None };
                        store.edit("", |d| d.notification.enable_custom_actions = v)
                    }>
                    <option value="true" selected=move || d.with(|d| d.notification.enable_custom_actions == Some(true))>"true: add the buttons"</option>
                    <option value="false" selected=move || d.with(|d| d.notification.enable_custom_actions == Some(false))>"false: no buttons"</option>
                    <option value="absent" selected=move || d.with(|d| d.notification.enable_custom_actions.is_none())>"not sent (assumed to mean true)"</option>
                </select>
                <Help id="f-enableCustomActions-help".into() key="enableCustomActions" />
                <FieldDiagnostics location="notification/enableCustomActions".into() />
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
        navigator.go(&crate::domain::view::locate::Field {
            tab: crate::domain::view::locate::DEPLOY,
            id: format!("params-v{i}"),
            name: format!("Parameter {name}"),
        });
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
                                    store.edit("", move |d| { d.deployment.parameters.entry(n).or_default(); });
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
