//! The design's rules, above the Notification and Rule tabs (which edit the selected one): select,
//! add, duplicate, switch on and off, move and remove (with undo), all by keyboard. The edits are
//! the core's (`view::edits::rules`); each is one undo step.

use crate::domain::view::edits::rules;
use crate::ui::platform;
use crate::ui::store::state::use_store;
use leptos::prelude::*;

#[component]
pub fn RuleList() -> impl IntoView {
    let store = use_store();
    let rows = Memo::new(move |_| {
        store.design.with(|d| {
            d.rules
                .iter()
                .map(|r| (r.name.clone(), r.enabled))
                .collect::<Vec<_>>()
        })
    });
    let count = Memo::new(move |_| rows.with(Vec::len));
    let said = RwSignal::new(String::new());
    let removed = RwSignal::new(false);
    // An edit that selects a rule afterwards, with what to say and where focus goes.
    let apply = move |f: fn(&mut crate::domain::design::model::Design, usize) -> Option<usize>,
                      i: usize,
                      message: String,
                      focus: fn(usize) -> String| {
        let mut selected = None;
        store.change(|d| selected = f(d, i));
        if let Some(s) = selected {
            store.rule.set(s);
            said.set(message);
            focus_later(focus(s));
        }
    };
    view! {
        <section class="panel rule-list" aria-labelledby="h-rules">
            <div class="field-head">
                <h2 id="h-rules" class="inline-h">{move || match count.get() {
                    1 => "Rule".to_string(),
                    n => format!("Rules ({n})"),
                }}</h2>
                <button class="btn small" id="rule-add"
                    title="A rule that matches what the selected rule matches, with a notification of its own"
                    on:click=move |_| apply(rules::add, store.rule_index_untracked(), "Added a rule: its notification and pattern are in the Notification and Rule tabs".into(), |s| format!("rule-{s}"))>
                    "+ Add rule"</button>
            </div>
            <p class="note">{move || (count.get() > 1).then_some("Every rule publishes to the one topic; every button is considered on every rule's message. The Notification and Rule tabs edit the selected rule.")}</p>
            <ul class="rules" aria-label="Rules of the design" aria-describedby="rules-status">
                {move || rows.get().into_iter().enumerate().map(|(i, (name, enabled))| {
                    let selected = move || store.rule_index() == i;
                    let shown = name.clone();
                    view! {
                        <li class="rule-row" class:selected=selected class:off=!enabled>
                            <button class="rule-name" id=format!("rule-{i}")
                                aria-current=move || selected().then_some("true")
                                title="Edit this rule in the Notification and Rule tabs"
                                on:click=move |_| store.rule.set(i)
                                on:keydown=move |ev| {
                                    let n = count.get_untracked();
                                    let to = match ev.key().as_str() {
                                        "ArrowDown" => Some((i + 1).min(n - 1)),
                                        "ArrowUp" => Some(i.saturating_sub(1)),
                                        "Home" => Some(0),
                                        "End" => Some(n - 1),
                                        _ => None,
                                    };
                                    if let Some(to) = to {
                                        ev.prevent_default();
                                        store.rule.set(to);
                                        platform::focus(&format!("rule-{to}"));
                                    }
                                }>
                                {shown}
                                {(!enabled).then_some(" (off)")}
                            </button>
                            <label class="checkbox small" title="A rule switched off is exported DISABLED and delivers nothing">
                                <input type="checkbox" id=format!("rule-{i}-on") prop:checked=enabled
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        store.change(|d| if let Some(r) = d.rules.get_mut(i) { r.enabled = on });
                                    } />
                                <span class="sr-only">{format!("{name} is on")}</span>
                                <span aria-hidden="true">"on"</span>
                            </label>
                            <button class="icon-btn" id=format!("rule-{i}-up") aria-label=format!("Move {name} up") title="Move up"
                                disabled=move || i == 0
                                on:click=move |_| apply(|d, i| rules::shift(d, i, -1), i, String::new(), |s| format!("rule-{s}-up"))>"↑"</button>
                            <button class="icon-btn" id=format!("rule-{i}-down") aria-label=format!("Move {name} down") title="Move down"
                                disabled=move || { i + 1 >= count.get() }
                                on:click=move |_| apply(|d, i| rules::shift(d, i, 1), i, String::new(), |s| format!("rule-{s}-down"))>"↓"</button>
                            <button class="icon-btn" id=format!("rule-{i}-copy") aria-label=format!("Duplicate {name}") title="Duplicate"
                                on:click=move |_| apply(rules::duplicate, i, "Duplicated the rule".into(), |s| format!("rule-{s}"))>"⧉"</button>
                            <button class="icon-btn danger" id=format!("rule-{i}-remove") aria-label=format!("Remove {name}") title="Remove (undo brings it back)"
                                disabled=move || { count.get() < 2 }
                                on:click={
                                    let name = name.clone();
                                    move |_| {
                                        apply(rules::remove, i, format!("Removed rule {name}."), |s| format!("rule-{s}"));
                                        removed.set(true);
                                    }
                                }>"✕"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p id="rules-status" class="status" role="status" aria-live="polite">
                {move || said.get()}
                {move || removed.get().then(|| view! {
                    " "
                    <button class="btn small" id="rule-undo" on:click=move |_| {
                        store.undo();
                        removed.set(false);
                        said.set("The rule is back.".into());
                    }>"Undo"</button>
                })}
            </p>
        </section>
    }
}

/// Moves focus to `id` once the list has been drawn again.
fn focus_later(id: String) {
    request_animation_frame(move || platform::focus(&id));
}
