//! Editors for lists of strings and string maps in the design: add, remove, reorder, rename.

use crate::domain::view::fields::{FieldRef, MapField, TextList};
use crate::domain::view::paging::{self, PAGE};
use crate::ui::platform::focus_after_render;
use crate::ui::store::navigation::Reveal;
use crate::ui::widgets::fields::Help;
use leptos::prelude::*;
use std::ops::Range;

/// One page of a long list at a time (`paging::PAGE` rows), so a list of thousands of items
/// renders and edits in bounded time; turns to the row a `Reveal` names.
#[derive(Clone, Copy)]
pub struct Paged {
    start: RwSignal<usize>,
    len: Memo<usize>,
    rows: Memo<Range<usize>>,
    page: usize,
}

impl Paged {
    /// Pages a list of `len` rows (`PAGE` at a time) whose field ids give their row through
    /// `row_of`.
    pub fn new(len: Memo<usize>, row_of: impl Fn(&str) -> Option<usize> + 'static) -> Self {
        Self::with_page(len, PAGE, row_of)
    }
    /// The same, `page` rows at a time (fewer for rows that are whole forms).
    pub fn with_page(
        len: Memo<usize>,
        page: usize,
        row_of: impl Fn(&str) -> Option<usize> + 'static,
    ) -> Self {
        let start = RwSignal::new(0);
        let rows = Memo::new(move |_| paging::window(start.get(), len.get(), page));
        let paged = Paged {
            start,
            len,
            rows,
            page,
        };
        if let Some(Reveal(reveal)) = use_context::<Reveal>() {
            Effect::new(move |_| {
                if let Some(row) = reveal.with(|id| id.as_deref().and_then(&row_of)) {
                    paged.show(row);
                }
            });
        }
        paged
    }
    /// The rows drawn (tracked).
    pub fn rows(self) -> Range<usize> {
        self.rows.get()
    }
    /// Turns to the page holding `row`.
    pub fn show(self, row: usize) {
        let s = paging::page_start(row, self.page);
        if self.start.get_untracked() != s {
            self.start.set(s);
        }
    }
}

/// Previous and next page, and which rows show, for a list longer than a page.
#[component]
pub fn Pager(paged: Paged, id: String, what: &'static str) -> impl IntoView {
    move || {
        let id = id.clone();
        (paged.len.get() > paged.page).then(|| {
            let at_start = move || paged.rows.with(|r| r.start == 0);
            let at_end = move || paged.rows.get().end >= paged.len.get();
            let turn = move |forward: bool| {
                let r = paged.rows.get_untracked();
                paged.show(if forward { r.end } else { r.start.saturating_sub(paged.page) });
            };
            view! {
                <div class="pager" role="group" aria-label=format!("Pages of {}", what.to_lowercase())>
                    <button class="btn small" id=format!("{id}-prev") disabled=at_start on:click=move |_| turn(false)>"‹ Previous page"</button>
                    <span aria-live="polite">{move || paging::describe(&paged.rows.get(), paged.len.get(), what)}</span>
                    <button class="btn small" id=format!("{id}-next") disabled=at_end on:click=move |_| turn(true)>"Next page ›"</button>
                </div>
            }
        })
    }
}

pub use crate::domain::view::edits::move_item;

/// Drag and drop within one list: a handle starts the drag, a row takes the drop. The arrow
/// buttons do the same from the keyboard.
#[derive(Clone, Copy)]
pub struct DragList(RwSignal<Option<usize>>);

impl DragList {
    pub fn new() -> Self {
        DragList(RwSignal::new(None))
    }
    /// On the handle of row `i`.
    pub fn start(self, i: usize) -> impl Fn(web_sys::DragEvent) + Copy {
        move |ev: web_sys::DragEvent| {
            self.0.set(Some(i));
            if let Some(dt) = ev.data_transfer() {
                let _ = dt.set_data("text/plain", &i.to_string());
                dt.set_effect_allowed("move");
            }
        }
    }
    /// On row `i`: lets it take a drop.
    pub fn over(self) -> impl Fn(web_sys::DragEvent) + Copy {
        move |ev: web_sys::DragEvent| {
            if self.0.get_untracked().is_some() {
                ev.prevent_default();
            }
        }
    }
    /// On row `i`: the dragged row moves here (`apply(from, to)`).
    pub fn drop(
        self,
        i: usize,
        apply: impl Fn(usize, usize) + Copy,
    ) -> impl Fn(web_sys::DragEvent) + Copy {
        move |ev: web_sys::DragEvent| {
            ev.prevent_default();
            if let Some(from) = self.0.get_untracked() {
                apply(from, i);
            }
            self.0.set(None);
        }
    }
}

/// Accessors for one list of strings inside the selected rule.
#[derive(Clone, Copy)]
pub struct ListAccess {
    pub get: fn(&crate::domain::design::model::RuleDesign) -> &Vec<String>,
    pub get_mut: fn(&mut crate::domain::design::model::RuleDesign) -> &mut Vec<String>,
}

/// An ordered list of strings with add, remove and move up/down.
#[component]
pub fn StringList(
    list: TextList,
    access: ListAccess,
    #[prop(optional)] add_text: &'static str,
    /// A per-item character limit, shown as a counter beside each item.
    #[prop(optional)]
    max: Option<usize>,
) -> impl IntoView {
    let store = crate::ui::store::state::use_store();
    let (id, label, item_label) = (list.key(), list.label(), list.item());
    let help_key = FieldRef::List(list).help_key();
    let len = Memo::new(move |_| store.with_rule(|r| (access.get)(r).len()));
    let help_id = format!("{id}-help");
    let described_by = help_id.clone();
    let add_text = if add_text.is_empty() { "Add" } else { add_text };
    let drag = DragList::new();
    let moved = move |from: usize, to: usize| {
        store.change_rule(|r| move_item((access.get_mut)(r), from, to))
    };
    let prefix = format!("{id}-");
    let paged = Paged::new(len, move |f| paging::row_in(f, &prefix));
    view! {
        <fieldset class="list-field" aria-describedby=described_by>
            <legend title=crate::domain::view::help::help(help_key)>{label}</legend>
            <Pager paged=paged id=id.to_string() what=label />
            {move || {
                paged.rows()
                    .map(|i| {
                        let input_id = format!("{id}-{i}");
                        let name = format!("{item_label} {}", i + 1);
                        let loc = Signal::derive(move || FieldRef::Item(list, i).location(store.rule_index()));
                        view! {
                            <div class="list-row" on:dragover=drag.over() on:drop=drag.drop(i, moved)>
                                <span class="drag-handle" draggable="true" title="Drag to reorder" aria-hidden="true" on:dragstart=drag.start(i)>"⠿"</span>
                                <label class="sr-only" for=input_id.clone()>{name.clone()}</label>
                                <input
                                    id=input_id
                                    type="text"
                                    spellcheck="false"
                                    autocomplete="off"
                                    prop:value=move || store.with_rule(|r| (access.get)(r).get(i).cloned().unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        store.edit_rule(FieldRef::Item(list, i), |r| if let Some(s) = (access.get_mut)(r).get_mut(i) { *s = v });
                                    }
                                />
                                {max.map(|m| view! {
                                    <crate::ui::widgets::fields::Counter count=Signal::derive(move || store.with_rule(|r| (access.get)(r).get(i).map(|s| s.chars().count()).unwrap_or(0))) max=m />
                                })}
                                <button class="icon-btn" id=format!("{id}-{i}-up") title="Move up" aria-label=format!("Move {name} up") disabled=move || i == 0
                                    on:click=move |_| {
                                        store.change_rule(|r| { let l = (access.get_mut)(r); if i > 0 && i < l.len() { l.swap(i, i - 1) } });
                                        paged.show(i.saturating_sub(1));
                                        // Focus follows the item (on its other arrow once at the top).
                                        focus_after_render(vec![if i > 1 { format!("{id}-{}-up", i - 1) } else { format!("{id}-0-down") }]);
                                    }>"↑"</button>
                                <button class="icon-btn" id=format!("{id}-{i}-down") title="Move down" aria-label=format!("Move {name} down") disabled=move || { i + 1 >= len.get() }
                                    on:click=move |_| {
                                        store.change_rule(|r| { let l = (access.get_mut)(r); if i + 1 < l.len() { l.swap(i, i + 1) } });
                                        paged.show(i + 1);
                                        let last = i + 2 >= len.get_untracked();
                                        focus_after_render(if last { vec![format!("{id}-{}-up", i + 1)] } else { vec![format!("{id}-{}-down", i + 1)] });
                                    }>"↓"</button>
                                <button class="icon-btn danger" title="Remove" aria-label=format!("Remove {name}")
                                    on:click=move |_| {
                                        store.change_rule(|r| { let l = (access.get_mut)(r); if i < l.len() { l.remove(i); } });
                                        // The item that takes its place, else the one before, else the add button.
                                        focus_after_render(vec![format!("{id}-{i}"), format!("{id}-{}", i.wrapping_sub(1)), format!("{id}-add")]);
                                    }>"✕"</button>
                            </div>
                            <crate::ui::widgets::fields::FieldDiagnostics location=loc />
                        }
                    })
                    .collect_view()
            }}
            <button class="btn small" id=format!("{id}-add") on:click=move |_| {
                let mut added = 0;
                store.change_rule(|r| { let l = (access.get_mut)(r); l.push(String::new()); added = l.len() - 1; });
                paged.show(added);
                focus_after_render(vec![format!("{id}-{added}")]);
            }>
                {format!("+ {add_text}")}
            </button>
            <Help id=help_id key=help_key />
        </fieldset>
    }
}

use crate::domain::design::model::Design;
use indexmap::IndexMap;

/// Which string map of the design an editor edits.
/// The `<datalist>`s of paths the current event offers (`PathSuggestions`).
pub const INPUT_PATHS_LIST: &str = "event-input-paths";
pub const VARIABLE_PATHS_LIST: &str = "event-variable-paths";

/// Suggestions wherever a path is typed: the input paths of the current event's fields, and the
/// variable paths of the notification's additionalContext keys.
#[component]
pub fn PathSuggestions() -> impl IntoView {
    let store = crate::ui::store::state::use_store();
    let paths = Memo::new(move |_| {
        store.event.with(|e| {
            crate::domain::view::fixes::event_fields(e, 400)
                .into_iter()
                .filter(|f| f.value.is_some())
                .filter_map(|f| f.path)
                .collect::<Vec<_>>()
        })
    });
    let keys = Memo::new(move |_| {
        store.design.with(|d| {
            // Every rule's keys, each once (rules of one design often set the same ones); a
            // bounded scan, whatever the rules hold.
            let mut keys: indexmap::IndexSet<&String> = indexmap::IndexSet::new();
            let all = d
                .rules
                .iter()
                .flat_map(|r| r.notification.additional_context.keys())
                .take(10 * paging::PREVIEW_ITEMS);
            for k in all {
                if keys.len() == paging::PREVIEW_ITEMS {
                    break;
                }
                keys.insert(k);
            }
            keys.into_iter().cloned().collect::<Vec<_>>()
        })
    });
    view! {
        <datalist id=INPUT_PATHS_LIST>
            {move || paths.get().into_iter().map(|p| view! { <option value=p></option> }).collect_view()}
        </datalist>
        <datalist id=VARIABLE_PATHS_LIST>
            {move || keys.get().into_iter().map(|k| view! { <option value=format!("event.metadata.additionalContext.{k}")></option> }).collect_view()}
        </datalist>
    }
}

/// What a new row of `MapRows` starts with, from the design.
pub type Suggest = std::rc::Rc<dyn Fn(&Design) -> (String, String)>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MapAccess {
    AdditionalContext,
    InputPaths,
    Parameters,
    /// The variables of action `i`.
    Variables(usize),
}

impl MapAccess {
    /// The map, as the core names its fields.
    fn field(self) -> MapField {
        match self {
            MapAccess::AdditionalContext => MapField::Context,
            MapAccess::InputPaths => MapField::InputPaths,
            MapAccess::Parameters => MapField::Parameters,
            MapAccess::Variables(i) => MapField::Variables(i),
        }
    }
    /// The id of the list of values to suggest (the event's paths), if any.
    fn suggestions(self) -> Option<&'static str> {
        match self {
            MapAccess::InputPaths => Some(INPUT_PATHS_LIST),
            MapAccess::Variables(_) => Some(VARIABLE_PATHS_LIST),
            _ => None,
        }
    }
    /// The map in `d`, in rule `rule` for a rule's map.
    fn get(self, d: &Design, rule: usize) -> Option<&IndexMap<String, String>> {
        match self {
            MapAccess::AdditionalContext => {
                Some(&d.rules.get(rule)?.notification.additional_context)
            }
            MapAccess::InputPaths => Some(&d.rules.get(rule)?.input_paths),
            MapAccess::Parameters => Some(&d.deployment.parameters),
            MapAccess::Variables(i) => d.actions.get(i).map(|a| &a.variables),
        }
    }
    fn get_mut(self, d: &mut Design, rule: usize) -> Option<&mut IndexMap<String, String>> {
        match self {
            MapAccess::AdditionalContext => {
                Some(&mut d.rules.get_mut(rule)?.notification.additional_context)
            }
            MapAccess::InputPaths => Some(&mut d.rules.get_mut(rule)?.input_paths),
            MapAccess::Parameters => Some(&mut d.deployment.parameters),
            MapAccess::Variables(i) => d.actions.get_mut(i).map(|a| &mut a.variables),
        }
    }
}

use crate::domain::view::edits::rename;

/// Key/value rows of a string map.
#[component]
pub fn MapRows(
    label: &'static str,
    key_label: &'static str,
    value_label: &'static str,
    help_key: &'static str,
    access: MapAccess,
    #[prop(optional)] new_key: &'static str,
    /// The key and value a new row starts with (instead of an empty `new_keyN`); the new row's
    /// key gets focus.
    #[prop(optional)]
    suggest: Option<Suggest>,
    /// Rows to a page (`PAGE` when not given).
    #[prop(optional)]
    page: Option<usize>,
) -> impl IntoView {
    let store = crate::ui::store::state::use_store();
    let len = Memo::new(move |_| {
        store
            .design
            .with(|d| access.get(d, store.rule_index()).map_or(0, |m| m.len()))
    });
    let map = access.field();
    let id = map.prefix();
    // Design location prefix for diagnostics (`notification/additionalContext`).
    let location = Signal::derive(move || FieldRef::Map(map).location(store.rule_index()));
    let help_id = format!("{id}-help");
    let described_by = help_id.clone();
    let new_key = if new_key.is_empty() { "Key" } else { new_key };
    let id2 = id.clone();
    let id3 = id.clone();
    let (keys, values) = (format!("{id}-k"), format!("{id}-v"));
    let paged = Paged::with_page(len, page.unwrap_or(PAGE), move |f| {
        paging::row_in(f, &keys).or_else(|| paging::row_in(f, &values))
    });
    view! {
        <fieldset class="list-field" aria-describedby=described_by>
            <legend title=crate::domain::view::help::help(help_key)>{label}</legend>
            <Pager paged=paged id=id.clone() what=label />
            {move || {
                let id = id2.clone();
                paged.rows()
                    .map(|i| {
                        let error = RwSignal::new(None::<String>);
                        let key_id = format!("{id}-k{i}");
                        let val_id = format!("{id}-v{i}");
                        let key = move || store.design.with(|d| access.get(d, store.rule_index()).and_then(|m| m.get_index(i)).map(|(k, _)| k.clone()).unwrap_or_default());
                        let loc = Memo::new({
                            move |_| format!("{}/{}", location.get(), key())
                        });
                        view! {
                            <div class="kv-row">
                                <label class="sr-only" for=key_id.clone()>{format!("{key_label} {}", i + 1)}</label>
                                <input id=key_id type="text" class="kv-key" spellcheck="false" autocomplete="off" placeholder=key_label
                                    prop:value=key
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        let mut result = Ok(());
                                        let rule = store.rule_index_untracked();
                                        store.change(|d| if let Some(m) = access.get_mut(d, rule) { result = rename(m, i, v) });
                                        error.set(result.err());
                                    } />
                                <label class="sr-only" for=val_id.clone()>{format!("{value_label} {}", i + 1)}</label>
                                <input id=val_id type="text" class="kv-value" spellcheck="false" autocomplete="off" placeholder=value_label list=access.suggestions()
                                    prop:value=move || store.design.with(|d| access.get(d, store.rule_index()).and_then(|m| m.get_index(i)).map(|(_, v)| v.clone()).unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        let rule = store.rule_index_untracked();
                                        store.edit(FieldRef::MapValue(map, i), |d| if let Some((_, slot)) = access.get_mut(d, rule).and_then(|m| m.get_index_mut(i)) { *slot = v });
                                    } />
                                <button class="icon-btn danger" aria-label=format!("Remove {key_label} {}", i + 1) title="Remove"
                                    on:click={
                                        let id = id.clone();
                                        move |_| {
                                            let rule = store.rule_index_untracked();
                                            store.change(|d| if let Some(m) = access.get_mut(d, rule) { m.shift_remove_index(i); });
                                            focus_after_render(vec![format!("{id}-k{i}"), format!("{id}-k{}", i.wrapping_sub(1)), format!("{id}-add")]);
                                        }
                                    }>"✕"</button>
                            </div>
                            {move || error.get().map(|e| view! { <p class="diag error" role="alert">{e}</p> })}
                            {move || view! { <crate::ui::widgets::fields::FieldDiagnostics location=loc.get() /> }}
                        }
                    })
                    .collect_view()
            }}
            <button class="btn small" id=format!("{id}-add") on:click=move |_| {
                let start = suggest.as_ref().map(|s| store.design.with_untracked(|d| s(d)));
                let mut added = None;
                let rule = store.rule_index_untracked();
                store.change(|d| if let Some(m) = access.get_mut(d, rule) {
                    let (key, value) = match start {
                        Some((k, v)) if !k.is_empty() && !m.contains_key(&k) => (k, v),
                        _ => {
                            let mut n = 1;
                            while m.contains_key(&format!("{new_key}{n}")) { n += 1; }
                            (format!("{new_key}{n}"), String::new())
                        }
                    };
                    m.insert(key, value);
                    added = Some(m.len() - 1);
                });
                if let Some(row) = added {
                    paged.show(row);
                    focus_after_render(vec![format!("{}-k{row}", id3)]);
                }
            }>{format!("+ Add {}", key_label.to_lowercase())}</button>
            <Help id=help_id key=help_key />
        </fieldset>
    }
}
