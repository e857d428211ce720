//! The preview column: the message as Slack would show it, as Microsoft Teams reads it (its own
//! markdown), and a deployment played into the channel; what Amazon Q receives but does not print
//! (Message details); and an Evidence view that names, for every element, whether AWS documents
//! it, public sources show it, or this app assumes it. Renders the core's `PreviewModel`.

use crate::domain::design::model::ChatPlatform;
use crate::domain::view::paging::drawn;
use crate::domain::view::preview::{
    post_time, shuffled_order, teams_view, AbsentFlag, MessageDetails, PreviewButton, PreviewModel,
};
use crate::ui::platform;
use crate::ui::preview::channel_view::ChannelView;
use crate::ui::preview::evidence::{EvidenceOn, Evidenced};
use crate::ui::preview::rich::{blocks, inlines};
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::LeftOut;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Client {
    Slack,
    Teams,
    Channel,
}

const EVIDENCE_KEY: &str = "chatops-designer.evidence";

#[component]
pub fn PreviewPanel() -> impl IntoView {
    let store = use_store();
    // The preview opens on the design's chat application, and follows it when it changes.
    let chat = Memo::new(move |_| store.design.with(|d| d.deployment.platform));
    let client_of = |p: ChatPlatform| match p {
        ChatPlatform::Slack => Client::Slack,
        ChatPlatform::Teams => Client::Teams,
    };
    let client = RwSignal::new(client_of(chat.get_untracked()));
    Effect::new(move |before: Option<ChatPlatform>| {
        let now = chat.get();
        if before.is_some_and(|b| b != now) {
            client.set(client_of(now));
        }
        now
    });
    let mobile = RwSignal::new(false);
    let seed = RwSignal::new(0u32);
    let clicked = RwSignal::new(None::<String>);
    let evidence_on = RwSignal::new(platform::load(EVIDENCE_KEY).as_deref() == Some("on"));
    provide_context(EvidenceOn(evidence_on));
    Effect::new(move |_| {
        let on = evidence_on.get();
        // A preference: when storage refuses it, the toggle still works for this page.
        let _ = platform::save(EVIDENCE_KEY, if on { "on" } else { "off" });
    });
    let time = Memo::new(move |_| store.event.with(post_time));
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
                {tab(Client::Channel, "Channel")}
            </div>
            <div class="preview-toggles">
                <button class="btn small" aria-pressed=move || evidence_on.get().to_string()
                    title="Outline every element by what backs it: documented by AWS, seen in public sources, or assumed by this app"
                    on:click=move |_| evidence_on.update(|v| *v = !*v)>"Evidence"</button>
                <div class="segmented" role="group" aria-label="Preview width">
                    <button aria-pressed=move || (!mobile.get()).to_string() on:click=move |_| mobile.set(false)>"Desktop"</button>
                    <button aria-pressed=move || mobile.get().to_string() on:click=move |_| mobile.set(true)>"Mobile"</button>
                </div>
            </div>
        </div>
        {move || evidence_on.get().then(|| view! {
            <p class="ev-legend" role="note">
                <span class="ev-key ev-documented">"Documented by AWS"</span>
                <span class="ev-key ev-seen">"Seen in public sources"</span>
                <span class="ev-key ev-assumed">"Assumed by this app"</span>
                " Hover or focus an element for its source."
            </p>
        })}
        <OtherRules />
        <div class="preview-frame" class:mobile=move || mobile.get()>
            {move || match client.get() {
                Client::Slack => view! {
                    <section class="slack" role="region" aria-label="Slack preview">
                        {move || {
                            let p = store.preview.get();
                            if !p.delivered {
                                return view! { <NotDelivered reason=p.not_delivered.clone().unwrap_or_default() /> }.into_any();
                            }
                            view! { <SlackMessage p=p time=time.get() seed=seed clicked=clicked /> }.into_any()
                        }}
                        {move || clicked.get().and_then(|a| store.preview.with(|p| p.buttons.iter().find(|b| b.action == a).cloned()))
                            .map(|b| view! { <Evidenced element="click-flow"><CommandPanel b=b on_close=move || clicked.set(None) /></Evidenced> })}
                    </section>
                }.into_any(),
                Client::Teams => view! { <TeamsPreview time=time /> }.into_any(),
                Client::Channel => view! { <ChannelView /> }.into_any(),
            }}
            {move || store.preview.with(|p| p.absent_flag.clone()).map(|a| view! { <AbsentFlagNote a=a /> })}
        </div>
        {move || {
            let p = store.preview.get();
            (p.delivered && client.get() != Client::Channel).then(|| view! { <Details d=p.details.clone() /> })
        }}
    }
}

#[component]
fn NotDelivered(reason: String) -> impl IntoView {
    if reason == crate::domain::pipeline::simulate::PENDING {
        return view! { <p class="note" role="status">"Simulating…"</p> }.into_any();
    }
    view! {
        <Evidenced element="not-delivered">
            <div class="not-delivered" role="status">
                <strong>"Not delivered"</strong>
                <p>{reason}</p>
                <p class="note">"Nothing would appear in the channel for this event. The trace below shows each stage."</p>
            </div>
        </Evidenced>
    }
    .into_any()
}

/// The stated assumption about an absent `enableCustomActions`, and the switch to the other reading.
#[component]
fn AbsentFlagNote(a: AbsentFlag) -> impl IntoView {
    let store = use_store();
    let names = |b: &[String]| {
        if b.is_empty() {
            "none".to_string()
        } else {
            b.join(", ")
        }
    };
    let (text, action) = if a.shown_as_false {
        (
            format!(
                "Shown as if an absent enableCustomActions meant false, so no buttons are added. Under the assumed reading (absent means true, per a paraphrase of AWS's field table) these buttons would appear: {}.",
                names(&a.other_reading_buttons)
            ),
            "Show the assumed reading",
        )
    } else {
        (
            "The notification does not send enableCustomActions. Assumed: absent means true (a paraphrase of AWS's field table says it defaults to true). If absent means false, these buttons would not appear.".to_string(),
            "Show as if absent meant false",
        )
    };
    view! {
        <p class="note assumption absent-flag" role="note">
            {text}" "
            <button class="link-btn" on:click=move |_| store.absent_flag_false.update(|v| *v = !*v)>{action}</button>
        </p>
    }
}

#[component]
pub(crate) fn SlackMessage(
    p: PreviewModel,
    time: String,
    seed: RwSignal<u32>,
    clicked: RwSignal<Option<String>>,
) -> impl IntoView {
    let buttons = p.buttons.clone();
    let count = buttons.len();
    let hidden_buttons = drawn(&p.buttons).1;
    // In the app (not the first view), clicking a part of the message opens its field.
    let navigator = use_context::<crate::ui::store::navigation::Navigator>();
    let editable = navigator.is_some();
    let open_field = move |ev: leptos::ev::MouseEvent| {
        let Some(nav) = navigator else { return };
        let Some(el) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        if el.closest("a, button").ok().flatten().is_some() {
            return;
        }
        let location = el
            .closest("[data-field]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("data-field"));
        // The preview shows the selected rule's message: its fields are that rule's.
        let location = location.map(|l| match l.starts_with("notification/") {
            true => format!("rules/{}/{l}", nav.rule.get_untracked()),
            false => l,
        });
        if let Some(f) = location
            .as_deref()
            .and_then(crate::domain::view::locate::field)
        {
            nav.go(&f);
        }
    };
    view! {
        <div class="slack-msg">
            <img class="slack-avatar" src="public/amazon-q.svg" alt="" width="36" height="36" />
            <div class="slack-body" class:editable=editable on:click=open_field>
                <Evidenced element="header">
                    <div class="slack-head">
                        <span class="slack-name">"Amazon Q"</span>
                        <span class="slack-app">"APP"</span>
                        <span class="slack-time">{time}</span>
                    </div>
                </Evidenced>
                {(!p.title.is_empty()).then(|| view! { <Evidenced element="title"><div class="slack-title" data-field="notification/title">{inlines(&p.title)}</div></Evidenced> })}
                <Evidenced element="description"><div class="slack-desc" data-field="notification/description">{blocks(&p.description)}</div></Evidenced>
                {(!p.next_steps.is_empty()).then(|| view! {
                    <Evidenced element="next-steps">
                        <div class="slack-steps">
                            <div class="slack-steps-head" id="slack-steps-head">"Next steps"</div>
                            <ul aria-labelledby="slack-steps-head">{drawn(&p.next_steps).0.iter().enumerate().map(|(i, s)| view! { <li data-field=format!("notification/nextSteps/{i}")>{inlines(s)}</li> }).collect_view()}</ul>
                            <LeftOut hidden=drawn(&p.next_steps).1 what="next steps" />
                        </div>
                    </Evidenced>
                })}
                {(!p.keywords.is_empty()).then(|| view! {
                    <Evidenced element="keywords">
                        <ul class="slack-keywords" aria-label="Keywords">{drawn(&p.keywords).0.iter().enumerate().map(|(i, k)| view! { <li class="kw" data-field=format!("notification/keywords/{i}")>{k.clone()}</li> }).collect_view()}</ul>
                        <LeftOut hidden=drawn(&p.keywords).1 what="keywords" />
                    </Evidenced>
                })}
                {(count > 0).then(|| view! {
                    <Evidenced element="button-row">
                        <div class="slack-buttons">
                            {move || {
                                let order = shuffled_order(count, seed.get());
                                drawn(&order).0.iter().filter_map(|&i| buttons.get(i).cloned()).map(|b| {
                                    let action = b.action.clone();
                                    view! {
                                        <button class="slack-btn" aria-pressed=move || (clicked.get().as_deref() == Some(action.as_str())).to_string()
                                            on:click={ let a = b.action.clone(); move |_| clicked.set(Some(a.clone())) }>{b.text.clone()}</button>
                                    }
                                }).collect_view()
                            }}
                        </div>
                        <LeftOut hidden=hidden_buttons what="buttons" />
                    </Evidenced>
                    <Evidenced element="button-order">
                        <p class="order-note">
                            "Slack shows these buttons in an order Amazon Q chooses; this is one possible order. "
                            <button class="link-btn" on:click=move |_| seed.update(|s| *s = s.wrapping_add(1))>"Shuffle order"</button>
                        </p>
                    </Evidenced>
                })}
            </div>
        </div>
    }
}

#[component]
fn CommandPanel(b: PreviewButton, on_close: impl Fn() + 'static) -> impl IntoView {
    let on_close = std::rc::Rc::new(on_close);
    let close = on_close.clone();
    // Esc closes the panel, wherever focus is.
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || esc.remove());
    // Opens the button's card on the Buttons tab.
    let edit_button = use_context::<crate::ui::store::navigation::Navigator>().and_then(|nav| {
        let store = use_store();
        let i = store
            .design
            .with_untracked(|d| d.actions.iter().position(|a| a.name == b.action))?;
        let f = crate::domain::view::locate::field(&format!("actions/{i}/buttonText"))?;
        Some(move || nav.go(&f))
    });
    let empty: Vec<String> = b
        .empty_variables()
        .into_iter()
        .map(|k| format!("${k}"))
        .collect();
    view! {
            <div class="command-panel" role="group" aria-label="Command this button runs">
                <div class="command-head">
                    <span>{format!("{} runs:", b.text)}</span>
                    {edit_button.map(|go| view! { <button class="link-btn" on:click=move |_| go()>"Edit this button"</button> })}
                    <button class="icon-btn" aria-label="Close command (Esc)" on:click=move |_| on_close()>"✕"</button>
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
                {(!empty.is_empty()).then(|| view! {
                    <p class="diag warning">
                        {empty.iter().map(|v| view! { <code>{v.clone()}</code>" " }).collect_view()}
                        {format!("{} empty for this event: the command would run as", if empty.len() == 1 { "is" } else { "are" })}" "
                        <code>{b.command.clone()}</code>
                    </p>
                })}
                {(!b.unresolved.is_empty()).then(|| view! {
                    <p class="diag warning">{format!("Unresolved: {} (left in the command as written)", b.unresolved.iter().map(|u| format!("${u}")).collect::<Vec<_>>().join(", "))}</p>
                })}
            </div>
    }
}

/// What Amazon Q receives with the message but no source shows printed, each with its role.
#[component]
fn Details(d: MessageDetails) -> impl IntoView {
    let flag = match d.enable_custom_actions {
        Some(true) => "true: buttons are added".to_string(),
        Some(false) => "false: no buttons are added".to_string(),
        None => "absent: assumed to mean true".to_string(),
    };
    let row = |element: &'static str, name: &'static str, role: &'static str, value: String| {
        view! {
            <Evidenced element=element>
                <div class="detail-row">
                    <span class="detail-name">{name}</span>
                    <span><span class="detail-value">{value}</span><span class="detail-role">{role}</span></span>
                </div>
            </Evidenced>
        }
    };
    let none = || "(not set)".to_string();
    view! {
        <section class="panel details" role="region" aria-label="Message details">
            <h3>"Message details"</h3>
            <p class="note">"Amazon Q receives these with the message; no source shows them printed in it."</p>
            <div class="details-list">
                {row("thread-id", "Thread ID", "groups messages into one thread when the channel allows threaded updates", d.thread_id.clone().unwrap_or_else(none))}
                {row("summary", "Summary", "shown on the top-level message of a thread", d.summary.clone().unwrap_or_else(none))}
                {row("event-type", "Event type", "received; not printed", d.event_type.clone().unwrap_or_else(none))}
                {row("related-resources", "Related resources", "received; not printed",
                    if d.related_resources.is_empty() { none() } else { d.related_resources.join(", ") })}
                {row("additional-context", "Additional context", "what button variables read (event.metadata.additionalContext.<Key>)",
                    if d.additional_context.is_empty() { none() } else {
                        d.additional_context.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ")
                    })}
                {row("enable-custom-actions", "enableCustomActions", "false removes the buttons", flag)}
            </div>
        </section>
    }
}

#[component]
fn TeamsPreview(time: Memo<String>) -> impl IntoView {
    let store = use_store();
    // Parsed only while this view is shown.
    let teams = Memo::new(move |_| store.sim.with(teams_view));
    view! {
        <section class="teams" role="region" aria-label="Microsoft Teams preview">
            <Evidenced element="teams-dialect">
                <p class="note">"Teams reads the text as its own markdown (**bold**, [label](url), lists), not Slack mrkdwn."</p>
            </Evidenced>
            {move || {
                let p = store.preview.get();
                if !p.delivered {
                    return view! { <NotDelivered reason=p.not_delivered.clone().unwrap_or_default() /> }.into_any();
                }
                let t = teams.get();
                view! {
                    {(!t.differences.is_empty()).then(|| view! {
                        <div class="diag warning teams-diff" role="note">
                            <strong>"Renders differently in Slack and Teams:"</strong>
                            <ul aria-label="Renders differently in Slack and Teams">
                                {t.differences.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}
                            </ul>
                        </div>
                    })}
                    <Evidenced element="teams-layout">
                        <div class="teams-card">
                            <div class="teams-head"><span class="teams-name">"Amazon Q"</span><span class="slack-time">{time.get()}</span></div>
                            <div class="teams-title">{inlines(&t.title)}</div>
                            <div class="teams-desc">{blocks(&t.description)}</div>
                            {(!t.next_steps.is_empty()).then(|| view! { <ul class="teams-steps" aria-label="Next steps">{drawn(&t.next_steps).0.iter().map(|s| view! { <li>{inlines(s)}</li> }).collect_view()}</ul><LeftOut hidden=drawn(&t.next_steps).1 what="next steps" /> })}
                            <div class="teams-actions">{drawn(&p.buttons).0.iter().map(|b| view! { <span class="teams-btn">{b.text.clone()}</span> }).collect_view()}</div>
                            <LeftOut hidden=drawn(&p.buttons).1 what="buttons" />
                        </div>
                    </Evidenced>
                }.into_any()
            }}
        </section>
    }
}

/// On narrow screens, the preview's title and buttons pinned to the bottom of the window, so what
/// an edit changes stays in view while the editor scrolls; "Show" goes to the whole preview.
#[component]
pub fn MiniPreview() -> impl IntoView {
    let store = use_store();
    let p = store.preview;
    view! {
        <aside class="mini-preview" aria-label="Preview summary">
            <div class="mini-title">
                {move || p.with(|p| if p.delivered { inlines(&p.title) } else { view! { <span class="diag warning">"Not delivered"</span> }.into_any() })}
            </div>
            <div class="mini-buttons">
                {move || p.with(|p| drawn(&p.buttons).0.iter().map(|b| view! { <span class="mini-btn">{b.text.clone()}</span> }).collect_view())}
            </div>
            <a class="btn small" href="#preview-column" on:click=move |ev| { ev.prevent_default(); platform::focus("preview-column"); }>"Show preview"</a>
        </aside>
    }
}

/// Which rule the preview shows, and which other rules post for the same event (several rules may
/// match one event; EventBridge promises no order between their messages).
#[component]
fn OtherRules() -> impl IntoView {
    let store = use_store();
    let several = Memo::new(move |_| store.design.with(|d| d.rules.len() > 1));
    move || {
        several.get().then(|| {
            let name = store.with_rule(|r| r.name.clone());
            let selected = store.rule_index();
            let others: Vec<String> = store.outcomes.with(|o| {
                o.iter()
                    .enumerate()
                    .filter(|(i, (_, out))| *i != selected && out.delivered)
                    .map(|(_, (n, _))| n.clone())
                    .collect()
            });
            let delivered = store.preview.with(|p| p.delivered);
            let text = match (others.as_slice(), delivered) {
                ([], _) => format!("Rule {name}. No other rule posts for this event."),
                (o, true) => format!(
                    "Rule {name}. Also posting for this event: {}. EventBridge promises no order between rules, so these messages may arrive in any order.",
                    o.join(", ")
                ),
                (o, false) => format!("Rule {name} posts nothing for this event; {} do.", o.join(", ")),
            };
            view! { <p class="note other-rules" role="status">{text}</p> }
        })
    }
}
