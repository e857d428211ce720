//! Deploy settings: the Region, the chat application (Slack or Microsoft Teams) and its channel's
//! ids, the CodeDeploy application and
//! deployment group, the topic and configuration names, and the `{{parameters}}`, in a form with
//! help, a check against each documented format, and a mark on every example value a preset put
//! there (`domain::design::settings`). The exports use these values as their defaults.

use crate::domain::design::model::ChatPlatform;
use crate::domain::design::settings::{get, problem, set, Setting, SETTINGS};
use crate::domain::view::fields::FieldRef;
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::TextField;
use crate::ui::widgets::list_editor::{MapAccess, MapRows};
use leptos::prelude::*;

#[component]
pub fn DeployEditor() -> impl IntoView {
    let store = use_store();
    let examples = store.placeholders;
    view! {
        <section class="panel" aria-labelledby="h-deploy">
            <h2 id="h-deploy">"Deploy settings"</h2>
            <p class="note">"The exports take these as their defaults. An empty setting is asked for when the export is deployed."</p>
            <PlaceholderSummary />
            <TextField field=FieldRef::DesignName
                value=Signal::derive(move || store.design.with(|d| d.name.clone()))
                on_input=move |v| store.edit(FieldRef::DesignName, |d| d.name = v) />
            <PlatformField />
            {move || {
                let chat = store.design.with(|d| d.deployment.platform);
                // A source's settings show when a rule routes its events or one holds a value.
                let shown: Vec<Setting> = store.design.with(|d| SETTINGS.iter().filter(|s| s.applies_to(chat) && crate::domain::design::sources::shows_setting(d, s.key)).copied().collect());
                shown.into_iter().map(|s| view! { <SettingField s=s /> }).collect_view()
            }}
            <MapRows label="Parameters" key_label="Parameter" value_label="Value" help_key="" new_key="param"
                access=MapAccess::Parameters />
            <ul class="diagnostics">
                {move || examples.with(|e| e.iter().filter(|p| p.field.starts_with("deployment.parameters.")).take(crate::domain::view::paging::PREVIEW_ITEMS).map(|p| view! {
                    <li class="diag warning placeholder-note">{p.to_string()}</li>
                }).collect_view())}
            </ul>
        </section>
    }
}

/// How many example values remain, and which: shown at the top of the form and in the Export tab.
#[component]
pub fn PlaceholderSummary() -> impl IntoView {
    let store = use_store();
    let examples = store.placeholders;
    move || {
        examples.with(|e| {
            (!e.is_empty()).then(|| {
                view! {
                    <div class="diag warning placeholders" role="status">
                        <p>{format!("{} example value{} from a preset still in place; the export deploys {} as {} (Deploy settings):",
                            e.len(), if e.len() == 1 { "" } else { "s" }, if e.len() == 1 { "it" } else { "them" }, if e.len() == 1 { "it is" } else { "they are" })}</p>
                        <ul>{crate::domain::view::paging::drawn(e).0.iter().map(|p| view! { <li>{format!("{}: {}", p.label, p.value)}</li> }).collect_view()}</ul>
                        <crate::ui::widgets::fields::LeftOut hidden=crate::domain::view::paging::drawn(e).1 what="example values" />
                    </div>
                }
            })
        })
    }
}

/// The chat application of the channel: its settings follow, and the preview switches to it.
#[component]
fn PlatformField() -> impl IntoView {
    let store = use_store();
    let current = Memo::new(move |_| store.design.with(|d| d.deployment.platform));
    view! {
        <fieldset class="field platform">
            <legend>"Chat application"</legend>
            {ChatPlatform::ALL.into_iter().map(|p| {
                let id = format!("f-platform-{}", p.as_str());
                let for_id = id.clone();
                view! {
                    <label class="radio" for=for_id>
                        <input type="radio" id=id name="f-platform" value=p.as_str()
                            prop:checked=move || current.get() == p
                            on:change=move |_| store.change(|d| d.deployment.platform = p) />
                        {p.label()}
                    </label>
                }
            }).collect_view()}
            <p class="help">"Amazon Q Developer posts to a Slack channel or a Microsoft Teams channel; either has to be authorized once in the Amazon Q Developer console. The custom actions attach the same way to both."</p>
        </fieldset>
    }
}

#[component]
fn SettingField(s: Setting) -> impl IntoView {
    let store = use_store();
    let id = format!("f-dep-{}", s.key);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-error");
    let value = Memo::new(move |_| store.design.with(|d| get(&d.deployment, s.key).to_string()));
    let why = Memo::new(move |_| value.with(|v| problem(&s, v)));
    let field = format!("deployment.{}", s.key);
    let example = Memo::new(move |_| {
        store
            .placeholders
            .with(|p| p.iter().any(|p| p.field == field))
    });
    let described = {
        let (help_id, err_id) = (help_id.clone(), err_id.clone());
        move || {
            if why.with(Option::is_some) {
                format!("{help_id} {err_id}")
            } else {
                help_id.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{s.label}</label>
            <input id=id.clone() type="text" spellcheck="false" autocomplete="off"
                class:example=move || example.get()
                aria-invalid=move || why.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| { let v = event_target_value(&ev); store.edit(FieldRef::Setting(s.key), |d| set(&mut d.deployment, s.key, v)) } />
            {move || example.get().then(|| view! {
                <p class="diag warning placeholder-note">"An example value from a preset: replace it with yours before deploying."</p>
            })}
            {move || why.get().map(|w| view! { <p class="diag error" id=err_id.clone()>{w}</p> })}
            <p class="help" id=help_id>{format!("{} Allowed: {}.", s.help, s.allowed)}</p>
        </div>
    }
}
