//! The rule panel: name, event pattern (JSON, validated with locations), input paths, and the
//! generated input template with an opt-in raw override.

use crate::domain::base::diagnostic::Severity;
use crate::domain::eventbridge::pattern::pattern_json;
use crate::domain::view::fields::FieldRef;
use crate::ui::store::state::use_store;
use crate::ui::widgets::code_editor::CodeEditor;
use crate::ui::widgets::fields::{FieldDiagnostics, Help, TextField};
use crate::ui::widgets::list_editor::{MapAccess, MapRows};
use leptos::prelude::*;

#[component]
pub fn RuleEditor() -> impl IntoView {
    let store = use_store();
    view! {
        <section class="panel" aria-labelledby="h-rule">
            <h2 id="h-rule">"EventBridge rule"</h2>
            <TextField field=FieldRef::RuleName max=FieldRef::RuleName.limit()
                value=Signal::derive(move || store.with_rule(|r| r.name.clone()))
                on_input=move |v| store.edit_rule(FieldRef::RuleName, |r| r.name = v) />
            <TextField field=FieldRef::RuleDescription max=FieldRef::RuleDescription.limit()
                value=Signal::derive(move || store.with_rule(|r| r.description.clone()))
                on_input=move |v| store.edit_rule(FieldRef::RuleDescription, |r| r.description = v) />
            <PatternField />
            <MapRows label="Input paths" key_label="Name" value_label="JSON path ($.…)" help_key="inputPaths" new_key="path"
                access=MapAccess::InputPaths />
            <TemplateField />
            <p class="note">"The {{parameters}} the notification names, and the Slack and CodeDeploy settings, are in the Deploy tab."</p>
        </section>
    }
}

/// The event pattern: typed text kept while it is not valid JSON, its syntax error and duplicate
/// keys, and the pattern applied to the design once it parses.
#[component]
fn PatternField() -> impl IntoView {
    let store = use_store();
    // The pattern text being typed; kept while it is not valid JSON so nothing typed is lost (and
    // stored with the draft, so a reload keeps it too).
    let draft = store.pattern_text;
    // What is wrong with the text typed, read from the text itself (whichever draft it is).
    // The text typed, read once per change: the pattern it holds, or what is wrong with it.
    let parsed = Memo::new(move |_| draft.with(|t| t.as_deref().map(pattern_json)));
    let syntax =
        Memo::new(move |_| parsed.with(|p| p.as_ref().and_then(|r| r.as_ref().err().cloned())));
    let pattern_text = move || {
        draft.get().unwrap_or_else(|| {
            store.with_rule(|r| serde_json::to_string_pretty(&r.event_pattern).unwrap_or_default())
        })
    };
    view! {
    <div class="field">
        <label for="f-pattern">"Event pattern"</label>
        <CodeEditor id="f-pattern".into() rows=9
            invalid=Signal::derive(move || syntax.with(Option::is_some))
            mark=Signal::derive(move || syntax.with(|e| e.as_ref().and_then(|e| e.at)))
            described_by=Signal::derive(move || if syntax.with(Option::is_some) { "f-pattern-error f-pattern-help" } else { "f-pattern-help" })
            title=crate::domain::view::help::help("eventPattern")
            value=Signal::derive(pattern_text)
            on_input=move |text: String| {
                draft.set(Some(text));
                if let Some(Ok(v)) = parsed.get_untracked() {
                    store.edit_rule(FieldRef::EventPattern, |r| r.event_pattern = v);
                }
            } />
        {move || syntax.get().map(|m| view! {
            <p class="diag error" id="f-pattern-error" role="alert">{format!("{}. The simulation keeps using the last valid pattern.", m.message)}</p>
        })}
        <ul class="diagnostics">
            {move || draft.get().map(|t| crate::domain::eventbridge::pattern::duplicate_key_warnings(&t)).unwrap_or_default().into_iter().map(|d| view! {
                <li class="diag warning">{d.under(&FieldRef::EventPattern.location(store.rule_index_untracked())).to_string()}</li>
            }).collect_view()}
        </ul>
        <Help id="f-pattern-help".into() key="eventPattern" />
        <FieldDiagnostics location=Signal::derive(move || FieldRef::EventPattern.location(store.rule_index())) />
    </div>
    }
}

/// The input template: generated from the notification, or overridden by hand (advanced).
#[component]
fn TemplateField() -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let template = Memo::new(move |_| {
        let i = store.rule_index();
        d.with(|d| {
            d.rules
                .get(i)
                .map(|r| {
                    r.input_template(&crate::domain::design::sources::template_params(
                        &d.deployment,
                    ))
                    .0
                })
                .unwrap_or_default()
        })
    });
    let overridden = Memo::new(move |_| store.with_rule(|r| r.input_template_override.is_some()));
    // The raw template's errors, which the textarea is described by and marks.
    let template_errors = Memo::new(move |_| {
        store.sim.with(|s| {
            s.diagnostics
                .iter()
                .filter(|d| {
                    d.severity == Severity::Error
                        && d.location.starts_with(
                            &FieldRef::InputTemplateOverride.location(store.rule_index()),
                        )
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
    <div class="field">
        <div class="field-head">
            <span class="label" id="l-template">"Input template"</span>
            <span class="counter" class:over=move || { template.with(|t| t.chars().count() > 8192) }>
                {move || format!("{}/8192", template.with(|t| t.chars().count()))}
            </span>
        </div>
        <div class="checkbox">
            <input id="f-override" type="checkbox" prop:checked=move || overridden.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let current = template.get_untracked();
                    store.change_rule(move |r| r.input_template_override = if on { Some(current) } else { None });
                } />
            <label for="f-override">"Override the generated template (advanced)"</label>
        </div>
        <Show when=move || overridden.get()
            fallback=move || view! { <pre class="code-view mono" aria-labelledby="l-template" tabindex="0">{move || template.get()}</pre> }>
            <label class="sr-only" for="f-template">"Raw input template"</label>
            <CodeEditor id="f-template".into() rows=12
                invalid=Signal::derive(move || template_errors.with(|e| !e.is_empty()))
                mark=Signal::derive(move || template_errors.with(|e| e.iter().find_map(|d| d.line.zip(d.column))))
                described_by=Signal::derive(move || if template_errors.with(|e| !e.is_empty()) { "f-template-errors f-template-help" } else { "f-template-help" })
                value=Signal::derive(move || store.with_rule(|r| r.input_template_override.clone().unwrap_or_default()))
                on_input=move |v: String| store.edit_rule(FieldRef::InputTemplateOverride, |r| r.input_template_override = Some(v)) />
        </Show>
        <Help id="f-template-help".into() key="inputTemplate" />
        <FieldDiagnostics location=Signal::derive(move || FieldRef::InputTemplate.location(store.rule_index())) />
        <FieldDiagnostics location=Signal::derive(move || FieldRef::InputTemplateOverride.location(store.rule_index())) id="f-template-errors" />
    </div>
    }
}
