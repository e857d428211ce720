//! The Channel view: a sequence of events (a built-in one, or samples and the custom event in any
//! order) played through the design, shown as the channel would show it: messages grouped into
//! threads by `threadId` when the channel allows threaded updates, muted lines for events that
//! post nothing. Renders what `channel::channel` computes.

use crate::domain::design::samples::SAMPLES;
use crate::domain::pipeline::simulate::SimulateOptions;
use crate::domain::view::channel::{channel, sequence_events, Post, SEQUENCES};
use crate::domain::view::paging::drawn;
use crate::ui::preview::evidence::Evidenced;
use crate::ui::preview::rich::inlines;
use crate::ui::store::state::use_store;
use crate::ui::widgets::fields::LeftOut;
use leptos::prelude::*;

#[component]
pub fn ChannelView() -> impl IntoView {
    let store = use_store();
    let seq = RwSignal::new(0usize);
    // Custom order: indices into SAMPLES, or None for the custom event.
    let custom = RwSignal::new(Vec::<Option<usize>>::new());
    let threaded = RwSignal::new(true);
    let events = Memo::new(move |_| {
        if let Some(s) = SEQUENCES.get(seq.get()) {
            return sequence_events(s);
        }
        custom.with(|c| {
            c.iter()
                .filter_map(|i| match i {
                    Some(i) => SAMPLES.get(*i).and_then(|s| {
                        Some((s.label.to_string(), serde_json::from_str(s.json).ok()?))
                    }),
                    None => Some(("Custom event".to_string(), store.event.get())),
                })
                .collect()
        })
    });
    let posts = Memo::new(move |_| {
        let options = SimulateOptions {
            absent_enable_means_false: store.absent_flag_false.get(),
            ..SimulateOptions::default()
        };
        events.with(|ev| {
            store
                .design
                .with(|d| channel(d, ev, threaded.get(), &options))
        })
    });
    view! {
        <section class="channel" role="region" aria-label="Channel">
            <div class="channel-controls">
                <div class="field">
                    <label for="channel-sequence">"Events"</label>
                    <select id="channel-sequence" on:change=move |ev| {
                        seq.set(event_target_value(&ev).parse().unwrap_or(SEQUENCES.len()));
                    }>
                        // By source: SEQUENCES lists each source's sequences in source order.
                        {crate::domain::design::sources::SOURCES.iter().filter(|src| !src.sequences.is_empty()).scan(0usize, |at, src| {
                            let first = *at;
                            *at += src.sequences.len();
                            Some((first, src))
                        }).map(|(first, src)| view! {
                            <optgroup label=src.label>
                                {src.sequences.iter().enumerate().map(|(k, s)| {
                                    let i = first + k;
                                    view! { <option value=i.to_string() selected=move || seq.get() == i>{s.label}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                        <option value=SEQUENCES.len().to_string() selected=move || { seq.get() >= SEQUENCES.len() }>"Your own order…"</option>
                    </select>
                </div>
                <div class="field checkbox">
                    <input id="channel-threaded" type="checkbox" prop:checked=move || threaded.get()
                        on:change=move |ev| threaded.set(event_target_checked(&ev)) />
                    <label for="channel-threaded">"Threaded updates (the channel's Amazon Q preference)"</label>
                </div>
            </div>
            {move || (seq.get() >= SEQUENCES.len()).then(|| view! {
                <div class="channel-custom">
                    <label for="channel-add">"Add an event"</label>
                    <select id="channel-add" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v == "custom" {
                            custom.update(|c| c.push(None));
                        } else if let Ok(i) = v.parse::<usize>() {
                            custom.update(|c| c.push(Some(i)));
                        }
                        if let Some(sel) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()) {
                            sel.set_value("");
                        }
                    }>
                        <option value="">"Choose a sample…"</option>
                        {crate::ui::preview::event_picker::sample_options()}
                        <option value="custom">"The custom event (Event panel)"</option>
                    </select>
                    <button class="btn small" on:click=move |_| custom.set(Vec::new())>"Clear"</button>
                </div>
            })}
            {move || {
                let all = posts.get();
                if all.is_empty() {
                    return view! { <p class="note">"Add events to see what the channel would show."</p> }.into_any();
                }
                let delivered = all.iter().filter(|p| p.delivered).count();
                let several = store.design.with(|d| d.rules.len() > 1);
                // Several rules posting for one event: their order is not promised.
                let delivered_for: Vec<usize> = all.iter().filter(|p| p.delivered).map(|p| p.event_index).collect();
                let unordered = delivered_for.windows(2).any(|w| w[0] == w[1]);
                let events_n = all.last().map_or(0, |p| p.event_index + 1);
                view! {
                    <p class="note">{format!("{events_n} events, {delivered} messages posted.")}</p>
                    {unordered.then(|| view! {
                        <p class="note">"Several rules post for one event here: EventBridge promises no order between rules, so their messages may arrive in either order."</p>
                    })}
                    <Evidenced element="thread-id">
                        <ol class="channel-feed" aria-label="Channel messages">
                            {all.iter().enumerate().filter(|(_, p)| p.reply_to.is_none()).map(|(i, p)| {
                                let replies: Vec<Post> = all.iter().filter(|r| r.reply_to == Some(i)).cloned().collect();
                                view! { <li><ChannelPost p=p.clone() replies=replies threaded=threaded.get() several=several /></li> }
                            }).collect_view()}
                        </ol>
                    </Evidenced>
                }.into_any()
            }}
        </section>
    }
}

/// One message (or a muted line for an event that posts nothing), with its thread's replies.
#[component]
fn ChannelPost(
    p: Post,
    replies: Vec<Post>,
    threaded: bool,
    /// The design has several rules: each message says which posted it.
    several: bool,
) -> impl IntoView {
    let by = move |p: &Post| {
        p.rule
            .as_ref()
            .filter(|_| several)
            .map(|r| format!(" · rule {r}"))
            .unwrap_or_default()
    };
    if !p.delivered {
        return view! {
            <p class="channel-muted">{format!("{}: nothing posted ({})", p.event, p.reason.clone().unwrap_or_default())}</p>
        }
        .into_any();
    }
    let n = replies.len();
    let summary = (threaded && p.thread_id.is_some())
        .then(|| p.summary.clone())
        .flatten();
    view! {
        <article class="channel-post" aria-label=format!("Message for {}", p.event)>
            <div class="channel-event">{format!("{}{}", p.event, by(&p))}</div>
            {summary.map(|s| view! { <Evidenced element="summary"><div class="channel-summary">{s}</div></Evidenced> })}
            <div class="slack-title">{p.preview.as_ref().map(|m| inlines(&m.title))}</div>
            {(!p.buttons.is_empty()).then(|| view! {
                <div class="slack-buttons">{drawn(&p.buttons).0.iter().map(|b| view! { <span class="slack-btn chip">{b.clone()}</span> }).collect_view()}</div>
                <LeftOut hidden=drawn(&p.buttons).1 what="buttons" />
            })}
            {(n > 0).then(|| view! {
                <div class="channel-thread">
                    <div class="channel-replies-head">{format!("{n} {} in the thread", if n == 1 { "reply" } else { "replies" })}</div>
                    <ol aria-label="Thread replies">
                        {replies.into_iter().map(|r| view! {
                            <li>
                                <article class="channel-post reply" aria-label=format!("Reply for {}", r.event)>
                                    <div class="channel-event">{format!("{}{}", r.event, by(&r))}</div>
                                    <div class="slack-title">{r.preview.as_ref().map(|m| inlines(&m.title))}</div>
                                    {(!r.buttons.is_empty()).then(|| view! {
                                        <div class="slack-buttons">{drawn(&r.buttons).0.iter().map(|b| view! { <span class="slack-btn chip">{b.clone()}</span> }).collect_view()}</div>
                                        <LeftOut hidden=drawn(&r.buttons).1 what="buttons" />
                                    })}
                                </article>
                            </li>
                        }).collect_view()}
                    </ol>
                </div>
            })}
        </article>
    }
    .into_any()
}
