//! The buttons panel: one card per Custom Action with name, alias, button text, notification type,
//! criteria, variables and the command with `$Var` highlighting and insertion.

use crate::domain::amazon_q::actions::CommandPart;
use crate::domain::amazon_q::limits::counter_max;
use crate::domain::design::model::{
    default_notification_type, Criterion, CriterionOperator, CustomActionDesign,
};
use crate::domain::view::edits::insert_at;
use crate::domain::view::fields::{ButtonField, FieldRef};
use crate::domain::view::paging;
use crate::domain::view::preview::highlight_command;
use crate::ui::platform;
use crate::ui::platform::focus_after_render;
use crate::ui::store::state::{use_store, Store};
use crate::ui::widgets::fields::{Counter, FieldDiagnostics, Help, TextField};
use crate::ui::widgets::list_editor::{MapAccess, MapRows, Paged, Pager};
use leptos::prelude::*;

fn new_action(n: usize) -> CustomActionDesign {
    CustomActionDesign {
        name: format!("Action{n}"),
        alias: None,
        button_text: format!("Button {n}"),
        notification_type: default_notification_type(),
        criteria: vec![Criterion {
            operator: CriterionOperator::HasValue,
            variable: "DeploymentId".into(),
            value: None,
        }],
        variables: [(
            "DeploymentId".to_string(),
            "event.metadata.additionalContext.DeploymentId".to_string(),
        )]
        .into_iter()
        .collect(),
        command: "codedeploy get-deployment --deployment-id $DeploymentId".into(),
    }
}

#[component]
pub fn ActionsEditor() -> impl IntoView {
    let store = use_store();
    let len = Memo::new(move |_| store.design.with(|d| d.actions.len()));
    let drag = crate::ui::widgets::list_editor::DragList::new();
    provide_context(drag);
    // A card is a whole form: ten to a page.
    let paged = Paged::with_page(len, 10, |f| paging::row_in(f, "a"));
    provide_context(paged);
    view! {
        <section class="panel" aria-labelledby="h-actions">
            <h2 id="h-actions">"Buttons (Custom Actions)"</h2>
            <p class="note">"Each button is a Custom Action attached to custom notifications. Slack shows the buttons whose criteria hold, in an order the service chooses."</p>
            <Pager paged=paged id="buttons".to_string() what="Buttons" />
            {move || paged.rows().map(|i| view! { <ActionCard i=i /> }).collect_view()}
            <button class="btn" id="add-button" on:click=move |_| {
                let mut n = 0;
                store.change(|d| { n = d.actions.len() + 1; d.actions.push(new_action(n)) });
                paged.show(n - 1);
                focus_after_render(vec![format!("a{}-name", n - 1)]);
            }>
                "+ Add button"
            </button>
        </section>
    }
}

/// Button `i`'s text `f`, as a signal (empty once the button is gone).
fn action_text(store: Store, i: usize, f: fn(&CustomActionDesign) -> String) -> Signal<String> {
    let d = store.design;
    Signal::derive(move || d.with(|d| d.actions.get(i).map(f).unwrap_or_default()))
}

/// Edits field `field` of button `i`, as one typing edit.
fn edit_action(
    store: Store,
    i: usize,
    field: ButtonField,
    f: impl FnOnce(&mut CustomActionDesign),
) {
    store.edit(FieldRef::Button(i, field), move |d| {
        if let Some(a) = d.actions.get_mut(i) {
            f(a)
        }
    });
}

#[component]
fn ActionCard(i: usize) -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let title = action_text(store, i, |a| a.button_text.clone());
    let drag = expect_context::<crate::ui::widgets::list_editor::DragList>();
    let moved = move |from: usize, to: usize| {
        store.change(|d| crate::ui::widgets::list_editor::move_item(&mut d.actions, from, to))
    };
    let var_names = Memo::new(move |_| {
        d.with(|d| {
            d.actions
                .get(i)
                .map(|a| a.variables.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <article class="action-card" aria-label=move || format!("Button {}: {}", i + 1, title.get())
            on:dragover=drag.over() on:drop=drag.drop(i, moved)>
            <CardHead i=i moved=moved />
            <div class="grid2">
                <TextField field=FieldRef::Button(i, ButtonField::Name) max=counter_max("actionName")
                    value=action_text(store, i, |a| a.name.clone()) on_input=move |v| edit_action(store, i, ButtonField::Name, move |a| a.name = v) />
                <TextField field=FieldRef::Button(i, ButtonField::Alias) max=counter_max("alias") placeholder="optional"
                    value=action_text(store, i, |a| a.alias.clone().unwrap_or_default())
                    on_input=move |v| edit_action(store, i, ButtonField::Alias, move |a| a.alias = if v.is_empty() { None } else { Some(v) }) />
                <TextField field=FieldRef::Button(i, ButtonField::ButtonText) max=counter_max("buttonText")
                    value=title on_input=move |v| edit_action(store, i, ButtonField::ButtonText, move |a| a.button_text = v) />
                <TextField field=FieldRef::Button(i, ButtonField::NotificationType)
                    value=action_text(store, i, |a| a.notification_type.clone()) on_input=move |v| edit_action(store, i, ButtonField::NotificationType, move |a| a.notification_type = v) />
            </div>
            <MapRows label="Variables" key_label="Variable" value_label="Path (event.…)" help_key="variables" new_key="Var"
                access=MapAccess::Variables(i) page=CRITERION_NAMES
                suggest=std::rc::Rc::new(move |d: &crate::domain::design::model::Design| store.event.with_untracked(|e| crate::domain::view::fixes::suggested_variable(d, store.rule_index_untracked(), i, e))) />
            <Criteria i=i names=var_names />
            <CommandField i=i names=var_names />
        </article>
    }
}

/// A card's head: drag handle, number, move up and down, duplicate, remove.
#[component]
fn CardHead(i: usize, moved: impl Fn(usize, usize) + Copy + 'static) -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let drag = expect_context::<crate::ui::widgets::list_editor::DragList>();
    let cards = expect_context::<Paged>();
    view! {
        <header class="action-head">
            <span class="drag-handle" draggable="true" title="Drag to reorder" aria-hidden="true" on:dragstart=drag.start(i)>"⠿"</span>
            <h3>{move || format!("Button {}", i + 1)}</h3>
            <button class="icon-btn" id=format!("a{i}-up") title="Move up" aria-label=move || format!("Move button {} up", i + 1) disabled=move || i == 0
                on:click=move |_| {
                    moved(i, i.saturating_sub(1));
                    cards.show(i.saturating_sub(1));
                    // Focus follows the button (on its other arrow once at the top).
                    focus_after_render(vec![if i > 1 { format!("a{}-up", i - 1) } else { "a0-down".into() }]);
                }>"↑"</button>
            <button class="icon-btn" id=format!("a{i}-down") title="Move down" aria-label=move || format!("Move button {} down", i + 1) disabled=move || d.with(|d| i + 1 >= d.actions.len())
                on:click=move |_| {
                    moved(i, i + 1);
                    cards.show(i + 1);
                    let last = d.with_untracked(|d| i + 2 >= d.actions.len());
                    focus_after_render(vec![format!("a{}-{}", i + 1, if last { "up" } else { "down" })]);
                }>"↓"</button>
            <button class="btn small" on:click=move |_| {
                store.change(|d| if let Some(a) = d.actions.get(i).cloned() {
                    let mut copy = a;
                    copy.name = format!("{}Copy", copy.name);
                    d.actions.insert(i + 1, copy);
                });
                cards.show(i + 1);
                focus_after_render(vec![format!("a{}-name", i + 1)]);
            }>"Duplicate"</button>
            <button class="btn small danger" on:click=move |_| {
                store.change(|d| if i < d.actions.len() { d.actions.remove(i); });
                // The button that takes its place, else the one before, else "+ Add button".
                focus_after_render(vec![format!("a{i}-name"), format!("a{}-name", i.wrapping_sub(1)), "add-button".into()]);
            }>"Remove"</button>
        </header>
    }
}

/// A card's criteria, twenty to a page, with "+ Add criterion".
#[component]
fn Criteria(i: usize, names: Memo<Vec<String>>) -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let crit_len = Memo::new(move |_| d.with(|d| d.actions.get(i).map_or(0, |a| a.criteria.len())));
    let crit_prefix = format!("a{i}-c");
    let criteria = Paged::with_page(crit_len, 20, move |f| paging::row_in(f, &crit_prefix));
    view! {
        <fieldset class="list-field">
            <legend title=crate::domain::view::help::help("criteria")>
                "Criteria " <Counter count=Signal::derive(move || crit_len.get()) max=counter_max("criteria") />
            </legend>
            <Pager paged=criteria id=format!("a{i}-criteria") what="Criteria" />
            {move || criteria.rows().map(|c| view! { <CriterionRow i=i c=c names=names /> }).collect_view()}
            <button class="btn small" id=format!("a{i}-crit-add") on:click=move |_| {
                let added = std::rc::Rc::new(std::cell::Cell::new(0));
                let at = added.clone();
                store.change(move |d| if let Some(a) = d.actions.get_mut(i) {
                    let var = a.variables.keys().next().cloned().unwrap_or_default();
                    a.criteria.push(Criterion { operator: CriterionOperator::HasValue, variable: var, value: None });
                    at.set(a.criteria.len() - 1);
                });
                criteria.show(added.get());
                focus_after_render(vec![format!("a{i}-c{}-var", added.get())]);
            }>"+ Add criterion"</button>
            <Help id=format!("a{i}-criteria-help") key="criteria" />
            <FieldDiagnostics location=format!("actions/{i}/criteria") />
        </fieldset>
    }
}

/// A card's command: the text, chips that insert a variable at the caret, the command with its
/// variables highlighted, and one-click fixes for unknown `$Name`s.
#[component]
fn CommandField(i: usize, names: Memo<Vec<String>>) -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let command_id = format!("a{i}-command");
    let command = action_text(store, i, |a| a.command.clone());
    let command_len = Signal::derive(move || command.with(|c| c.chars().count()));
    // The compiled design's split of this command (before the page is ready, split here). A
    // memo, so an edit elsewhere in the design redraws nothing here.
    let command_parts = Memo::new(move |_| {
        store
            .compiled
            .with(|c| {
                c.as_ref()
                    .and_then(|c| c.command_parts(i))
                    .map(<[CommandPart]>::to_vec)
            })
            .unwrap_or_else(|| command.with(|c| highlight_command(c, &names.get())))
    });
    // One click turns a `$Name` the action lacks into a working variable.
    let fixes = Memo::new(move |_| {
        let rule = store.rule_index();
        d.with(|d| {
            store
                .event
                .with(|e| crate::domain::view::fixes::unknown_variable_fixes(d, rule, i, e))
        })
    });
    view! {
        <div class="field">
            <div class="field-head">
                <label for=command_id.clone()>"Command"</label>
                <Counter count=command_len max=counter_max("command") />
            </div>
            <textarea id=command_id.clone() class="mono" rows="3" spellcheck="false" aria-describedby=format!("{command_id}-help")
                title=crate::domain::view::help::help("command")
                prop:value=move || command.get()
                on:input=move |ev| { let v = event_target_value(&ev); edit_action(store, i, ButtonField::Command, move |a| a.command = v) }></textarea>
            <div class="var-chips" aria-label="Insert a variable">
                {move || {
                    let command_id = command_id.clone();
                    names.with(|v| v.iter().take(CRITERION_NAMES).cloned().collect::<Vec<_>>()).into_iter().map(|n| {
                        let target = command_id.clone();
                        let label = format!("${n}");
                        view! {
                            <button class="chip" title=format!("Insert ${n} at the caret") on:click=move |_| {
                                let caret = platform::caret(&target);
                                let ins = format!("${n}");
                                edit_action(store, i, ButtonField::Command, move |a| a.command = insert_at(&a.command, caret, &ins));
                                platform::focus(&target);
                            }>{label}</button>
                        }
                    }).collect_view()
                }}
            </div>
            <p class="command-highlight mono" aria-label="Command with variables highlighted">
                {move || {
                    command_parts.get().into_iter().map(|p| match p {
                        CommandPart::Text(t) => view! { <span>{t}</span> }.into_any(),
                        CommandPart::Var(v) => view! { <span class="var-ok" title="variable">{format!("${v}")}</span> }.into_any(),
                        CommandPart::Unknown(v) => view! { <span class="var-unknown" title="not a variable of this button">{format!("${v}")}</span> }.into_any(),
                    }).collect_view()
                }}
            </p>
            <Help id=format!("a{i}-command-help") key="command" />
            <ul class="fixes" aria-label="Fixes for this command">
                {move || fixes.get().into_iter().map(|f| {
                    let label = f.describe();
                    view! { <li><button class="btn small fix" on:click=move |_| { let f = f.clone(); let rule = store.rule_index_untracked(); store.change(move |d| f.apply(d, rule, i)) }>{label}</button></li> }
                }).collect_view()}
            </ul>
            <FieldDiagnostics location=FieldRef::Button(i, ButtonField::Command).location(0) />
        </div>
    }
}

/// The variables a card draws at once (rows, chips, a criterion's choices): a button has at most
/// 5 variables; of more (a file that breaks the limit), twenty at a time, so a card stays small.
const CRITERION_NAMES: usize = 20;

#[component]
fn CriterionRow(i: usize, c: usize, names: Memo<Vec<String>>) -> impl IntoView {
    let store = use_store();
    let d = store.design;
    let crit = move || d.with(|d| d.actions.get(i).and_then(|a| a.criteria.get(c)).cloned());
    let edit = move |f: Box<dyn FnOnce(&mut Criterion)>| {
        store.edit(FieldRef::Criterion(i, c), move |d| {
            if let Some(x) = d.actions.get_mut(i).and_then(|a| a.criteria.get_mut(c)) {
                f(x)
            }
        })
    };
    let base = format!("a{i}-c{c}");
    view! {
        <div class="crit-row">
            <label class="sr-only" for=format!("{base}-var")>{format!("Criterion {} variable", c + 1)}</label>
            <select id=format!("{base}-var") prop:value=move || crit().map(|x| x.variable).unwrap_or_default()
                on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |x| x.variable = v)) }>
                {move || {
                    // A button has at most 5 variables; of more (a hostile file), the first few are offered.
                    let mut list: Vec<String> = names.with(|n| n.iter().take(CRITERION_NAMES).cloned().collect());
                    if let Some(cur) = crit().map(|x| x.variable) {
                        if !list.contains(&cur) { list.push(cur); }
                    }
                    list.into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()
                }}
            </select>
            <label class="sr-only" for=format!("{base}-op")>{format!("Criterion {} operator", c + 1)}</label>
            <select id=format!("{base}-op") prop:value=move || crit().map(|x| x.operator.as_str()).unwrap_or("EQUALS")
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(op) = CriterionOperator::parse(&v) {
                        edit(Box::new(move |x| { x.operator = op; if op == CriterionOperator::HasValue { x.value = None } else if x.value.is_none() { x.value = Some(String::new()) } }))
                    }
                }>
                {CriterionOperator::ALL.iter().map(|o| view! { <option value=o.as_str()>{o.as_str()}</option> }).collect_view()}
            </select>
            <label class="sr-only" for=format!("{base}-val")>{format!("Criterion {} value", c + 1)}</label>
            <input id=format!("{base}-val") type="text" spellcheck="false" autocomplete="off" placeholder="value"
                disabled=move || crit().is_some_and(|x| x.operator == CriterionOperator::HasValue)
                prop:value=move || crit().and_then(|x| x.value).unwrap_or_default()
                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |x| x.value = Some(v))) } />
            <button class="icon-btn danger" aria-label=format!("Remove criterion {}", c + 1) title="Remove"
                on:click=move |_| {
                    store.change(move |d| if let Some(a) = d.actions.get_mut(i) { if c < a.criteria.len() { a.criteria.remove(c); } });
                    focus_after_render(vec![format!("a{i}-c{c}-var"), format!("a{i}-c{}-var", c.wrapping_sub(1)), format!("a{i}-crit-add")]);
                }>"✕"</button>
        </div>
    }
}
