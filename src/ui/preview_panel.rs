//! The preview column: Slack (faithful) and Microsoft Teams (approximation) renderings of the core's
//! `PreviewModel`, desktop or mobile width, honest button order, and the command behind each button.

use super::rich::{blocks, inlines};
use super::state::use_store;
use crate::domain::preview::{shuffled_order, PreviewButton, PreviewModel};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Client {
    Slack,
    Teams,
}

/// `HH:MM` of the event's time, as chat clients show the post time.
fn post_time(event: &serde_json::Value) -> String {
    event
        .get("time")
        .and_then(|t| t.as_str())
        .and_then(|t| t.get(11..16))
        .map(|hm| format!("{hm} UTC"))
        .unwrap_or_else(|| "now".into())
}

#[component]
pub fn PreviewPanel() -> impl IntoView {
    let store = use_store();
    let client = RwSignal::new(Client::Slack);
    let mobile = RwSignal::new(false);
    let seed = RwSignal::new(0u32);
    let clicked = RwSignal::new(None::<String>);
    let time = Memo::new(move |_| {
        store
            .event
            .with(|e| e.as_ref().map(post_time).unwrap_or_default())
    });
    // A click shows one command; a different design or event closes it when the button disappears.
    Effect::new(move |_| {
        let p = store.preview.get();
        if let Some(a) = clicked.get_untracked() {
            if !p.buttons.iter().any(|b| b.action == a) {
                clicked.set(None);
            }
        }
    });
    let tab = move |c: Client, label: &'static str| {
        view! {
            <button role="tab" class="tab" aria-selected=move || (client.get() == c).to_string() on:click=move |_| client.set(c)>{label}</button>
        }
    };
    view! {
        <div class="preview-controls">
            <div role="tablist" aria-label="Chat client">
                {tab(Client::Slack, "Slack")}
                {tab(Client::Teams, "Microsoft Teams")}
            </div>
            <div class="segmented" role="group" aria-label="Preview width">
                <button aria-pressed=move || (!mobile.get()).to_string() on:click=move |_| mobile.set(false)>"Desktop"</button>
                <button aria-pressed=move || mobile.get().to_string() on:click=move |_| mobile.set(true)>"Mobile"</button>
            </div>
        </div>
        <div class="preview-frame" class:mobile=move || mobile.get()>
            <Show when=move || client.get() == Client::Slack fallback=move || view! { <TeamsPreview time=time /> }>
                <section class="slack" role="region" aria-label="Slack preview">
                    {move || {
                        let p = store.preview.get();
                        if !p.delivered {
                            return view! { <NotDelivered reason=p.not_delivered.clone().unwrap_or_default() /> }.into_any();
                        }
                        view! { <SlackMessage p=p time=time.get() seed=seed clicked=clicked /> }.into_any()
                    }}
                    {move || clicked.get().and_then(|a| store.preview.with(|p| p.buttons.iter().find(|b| b.action == a).cloned()))
                        .map(|b| view! { <CommandPanel b=b on_close=move || clicked.set(None) /> })}
                </section>
            </Show>
        </div>
    }
}

#[component]
fn NotDelivered(reason: String) -> impl IntoView {
    view! {
        <div class="not-delivered" role="status">
            <strong>"Not delivered"</strong>
            <p>{reason}</p>
            <p class="note">"Nothing would appear in the channel for this event. The trace below shows each stage."</p>
        </div>
    }
}

#[component]
fn SlackMessage(
    p: PreviewModel,
    time: String,
    seed: RwSignal<u32>,
    clicked: RwSignal<Option<String>>,
) -> impl IntoView {
    let buttons = p.buttons.clone();
    let count = buttons.len();
    let meta: Vec<(String, String)> = [
        ("Thread", &p.thread_id),
        ("Summary", &p.summary),
        ("Event type", &p.event_type),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v)))
    .collect();
    view! {
        <div class="slack-msg">
            <img class="slack-avatar" src="public/amazon-q.svg" alt="" width="36" height="36" />
            <div class="slack-body">
                <div class="slack-head">
                    <span class="slack-name">"Amazon Q"</span>
                    <span class="slack-app">"APP"</span>
                    <span class="slack-time">{time}</span>
                </div>
                {(!p.title.is_empty()).then(|| view! { <div class="slack-title">{inlines(&p.title)}</div> })}
                <div class="slack-desc">{blocks(&p.description)}</div>
                {(!p.next_steps.is_empty()).then(|| view! {
                    <div class="slack-steps">
                        <div class="slack-steps-head">"Next steps"</div>
                        <ol>{p.next_steps.iter().map(|s| view! { <li>{inlines(s)}</li> }).collect_view()}</ol>
                    </div>
                })}
                {(!p.keywords.is_empty()).then(|| view! {
                    <ul class="slack-keywords" aria-label="Keywords">{p.keywords.iter().map(|k| view! { <li class="kw">{k.clone()}</li> }).collect_view()}</ul>
                })}
                {(!meta.is_empty()).then(|| view! {
                    <dl class="slack-meta">{meta.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                })}
                {(count > 0).then(|| view! {
                    <div class="slack-buttons">
                        {move || {
                            let order = shuffled_order(count, seed.get());
                            order.into_iter().filter_map(|i| buttons.get(i).cloned()).map(|b| {
                                let action = b.action.clone();
                                view! {
                                    <button class="slack-btn" aria-pressed=move || (clicked.get().as_deref() == Some(action.as_str())).to_string()
                                        on:click={ let a = b.action.clone(); move |_| clicked.set(Some(a.clone())) }>{b.text.clone()}</button>
                                }
                            }).collect_view()
                        }}
                    </div>
                    <p class="order-note">
                        "Slack shows these buttons in an order Amazon Q chooses; this is one possible order. "
                        <button class="link-btn" on:click=move |_| seed.update(|s| *s = s.wrapping_add(1))>"Shuffle order"</button>
                    </p>
                })}
            </div>
        </div>
    }
}

#[component]
fn CommandPanel(b: PreviewButton, on_close: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="command-panel" role="group" aria-label="Command this button runs">
            <div class="command-head">
                <span>{format!("{} runs:", b.text)}</span>
                <button class="icon-btn" aria-label="Close command" on:click=move |_| on_close()>"✕"</button>
            </div>
            <pre class="command mono">{b.command.clone()}</pre>
            <table class="vars">
                <caption>"Variables"</caption>
                <tbody>
                    {b.variables.iter().map(|(k, v)| view! {
                        <tr><th scope="row">{format!("${k}")}</th><td>{v.clone().unwrap_or_else(|| "(no value)".into())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!b.unresolved.is_empty()).then(|| view! {
                <p class="diag warning">{format!("Unresolved: {} (left in the command as written)", b.unresolved.iter().map(|u| format!("${u}")).collect::<Vec<_>>().join(", "))}</p>
            })}
        </div>
    }
}

#[component]
fn TeamsPreview(time: Memo<String>) -> impl IntoView {
    let store = use_store();
    view! {
        <section class="teams" role="region" aria-label="Microsoft Teams preview (approximation)">
            <p class="note assumption">"Approximation: how Microsoft Teams lays out custom notifications is not documented."</p>
            {move || {
                let p = store.preview.get();
                if !p.delivered {
                    return view! { <NotDelivered reason=p.not_delivered.clone().unwrap_or_default() /> }.into_any();
                }
                view! {
                    <div class="teams-card">
                        <div class="teams-head"><span class="teams-name">"Amazon Q"</span><span class="slack-time">{time.get()}</span></div>
                        <div class="teams-title">{inlines(&p.title)}</div>
                        <div class="teams-desc">{blocks(&p.description)}</div>
                        {(!p.next_steps.is_empty()).then(|| view! { <ol class="teams-steps">{p.next_steps.iter().map(|s| view! { <li>{inlines(s)}</li> }).collect_view()}</ol> })}
                        <div class="teams-actions">{p.buttons.iter().map(|b| view! { <span class="teams-btn">{b.text.clone()}</span> }).collect_view()}</div>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
