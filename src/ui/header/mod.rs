//! The header: product name, start-from preset, undo/redo, theme.

pub mod drafts_menu;

use crate::domain::design::drafts::Drafts;
use crate::domain::design::presets::{preset, PRESETS};
use crate::domain::design::samples::{OPENING, SAMPLES};
use crate::domain::design::share;
use crate::ui::platform;
use crate::ui::store::state::{use_store, Store};
use leptos::prelude::*;

/// Theme choice: follow the system, or force light or dark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
    fn from_attr(s: Option<String>) -> Self {
        match s.as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }
}

const THEME_KEY: &str = "chatops-designer.theme";

/// Applies the remembered theme (the first view does, before the app has loaded).
pub(crate) fn apply_stored_theme() {
    platform::apply_theme(Theme::from_attr(platform::load(THEME_KEY)).attr());
}

/// The current share link's length (measured after each edit settles), or why there is no link.
#[derive(Clone, Copy)]
pub struct LinkLength(pub RwSignal<Result<usize, String>>);

/// What Copy link says: copied (adding that a link from a loopback address opens only on this
/// machine) or failed.
fn copy_status(what: &str, copied: bool, loopback: bool) -> String {
    match (copied, loopback) {
        (true, false) => format!("{what} copied"),
        (true, true) => format!(
            "{what} copied, but {}",
            crate::domain::design::share::LOOPBACK_NOTE
        ),
        (false, _) => "Copy failed: copy the link by hand".into(),
    }
}

/// What Copy link adds when the custom event did not fit in the link.
fn left_out_note(left_out: Option<usize>) -> String {
    let opens = SAMPLES[OPENING].label;
    match left_out {
        None => String::new(),
        Some(n) if n < usize::MAX => format!(" The custom event was left out: with it the link would be {n} characters, and links over {} may be cut. The link opens on the sample \"{opens}\".", share::LONG_LINK),
        Some(_) => format!(" The custom event was left out: it is more than a link carries. The link opens on the sample \"{opens}\"."),
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    // A preset chosen while the open draft has changes: where it goes is asked first.
    let choosing = expect_context::<crate::ui::store::state::PresetChoiceSignal>().0;
    let link_len = expect_context::<LinkLength>().0;
    let copied = RwSignal::new(String::new());
    view! {
        <header class="app-header">
            <img class="app-logo" src="public/logo.svg" alt="" width="28" height="28" />
            <h1>"ChatOps Designer"</h1>
            <span class="app-tagline">"Custom notifications and buttons for Amazon Q Developer in chat, from AWS events"</span>
            <div class="header-actions">
                <PresetSelect choosing=choosing />
                <ShareButtons link_len=link_len copied=copied />
                <PresetChoice choosing=choosing />
                <span class="status" role="status">{move || copied.get()}</span>
                <LinkWarning link_len=link_len />
                // aria-disabled rather than disabled: a button that disables itself while focused
                // (the last step undone) would drop the focus to the page.
                <button class="btn" title="Undo (Ctrl+Z)" aria-disabled=move || (!store.can_undo.get()).to_string() on:click=move |_| store.undo()>"Undo"</button>
                <button class="btn" title="Redo (Shift+Ctrl+Z)" aria-disabled=move || (!store.can_redo.get()).to_string() on:click=move |_| store.redo()>"Redo"</button>
                <ThemeButton />
            </div>
        </header>
    }
}

/// The preset list: a preset applies on Enter or a mouse choice; with changes in the open draft,
/// `choosing` asks where it goes.
#[component]
fn PresetSelect(choosing: RwSignal<Option<String>>) -> impl IntoView {
    let store = use_store();
    // True while the preset list is being moved through with the keyboard (nothing applied yet).
    let browsing = StoredValue::new(false);
    let apply_preset =
        move |id: String| crate::ui::store::state::choose_preset(store, choosing, id);
    view! {
        <label class="sr-only" for="f-preset">"Start from preset"</label>
        <select id="f-preset" title="Start from a preset: in this draft when nothing is edited, else you choose"
            aria-describedby="f-preset-help"
            // Arrow keys (and typing a name) on the closed list only move the choice: a
            // preset replaces the design, so it applies on Enter, or at once when chosen
            // with the mouse. Leaving the list unapplied puts it back.
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                let key = ev.key();
                if key == "Enter" {
                    browsing.set_value(false);
                    // With a preset chosen, Enter applies it (and does not open the list).
                    if let Some(sel) = select_of(&ev).filter(|s| !s.value().is_empty()) {
                        ev.prevent_default();
                        apply_preset(sel.value());
                        sel.set_value("");
                    }
                } else if !ev.alt_key() && (key.starts_with("Arrow") || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown") || key.chars().count() == 1) {
                    // Only the change this key makes on the closed list is a browse: a
                    // choice made later (in an opened list, or with the mouse) applies.
                    browsing.set_value(true);
                    platform::next_task(move || browsing.set_value(false));
                }
            }
            on:blur=move |ev| if let Some(sel) = select_of(&ev) {
                // A choice browsed to and not applied is put back.
                if !sel.value().is_empty() { sel.set_value(""); }
            }
            on:change=move |ev| {
                if browsing.get_value() { return; }
                if let Some(sel) = select_of(&ev) { apply_preset(sel.value()); sel.set_value(""); }
            }>
            <option value="">"Start from preset…"</option>
            {crate::domain::design::sources::SOURCES.iter().map(|src| view! {
                <optgroup label=src.label>
                    {src.presets.iter().filter_map(|(id, _)| PRESETS.iter().find(|p| p.id == *id)).map(|p| view! { <option value=p.id>{p.label}</option> }).collect_view()}
                </optgroup>
            }).collect_view()}
            {PRESETS.iter().filter(|p| !crate::domain::design::sources::SOURCES.iter().any(|s| s.presets.iter().any(|(id, _)| *id == p.id))).map(|p| view! { <option value=p.id>{p.label}</option> }).collect_view()}
        </select>
        <span class="sr-only" id="f-preset-help">"Arrow keys choose a preset, Enter applies it."</span>
    }
}

/// A link to this page with the design and the event the simulation runs on, and how long the
/// custom event left out would have made it.
fn make_link(store: Store, review: bool) -> Result<(String, Option<usize>), String> {
    let page = platform::page_url();
    let event = store.link_event();
    store
        .design
        .with_untracked(|d| share::link_with(&page, d, review, event.as_ref()))
        .map(|l| (l.url, l.event_left_out))
}

/// Copy link (which also puts the link in the address bar) and Copy review link.
#[component]
fn ShareButtons(
    link_len: RwSignal<Result<usize, String>>,
    copied: RwSignal<String>,
) -> impl IntoView {
    let store = use_store();
    let fallback = crate::ui::widgets::copy::use_copy();
    let make_link = move |review: bool| make_link(store, review);
    view! {
        <button class="btn" title="Copy a link that carries the whole design and the chosen event (nothing is sent to a server)"
            on:click=move |_| {
                let (url, left_out) = match make_link(false) {
                    Ok(l) => l,
                    Err(e) => { link_len.set(Err(e.clone())); copied.set(format!("No link: {e}")); return; }
                };
                if let Some((_, fragment)) = url.split_once('#') { platform::replace_hash(fragment); }
                link_len.set(Ok(url.len()));
                let loopback = crate::domain::design::share::is_loopback(&url);
                crate::ui::widgets::copy::copy_text(fallback, "The link".into(), url, move |r| {
                    copied.set(copy_status("Link", r.is_ok(), loopback) + &left_out_note(left_out));
                });
            }>
            {move || match link_len.get() { Ok(0) | Err(_) => "Copy link".to_string(), Ok(n) => format!("Copy link ({n} chars)") }}
        </button>
        <button class="btn" title="Copy a link that opens with the editors folded, for teammates who only review"
            on:click=move |_| {
                let (url, left_out) = match make_link(true) {
                    Ok(l) => l,
                    Err(e) => { copied.set(format!("No link: {e}")); return; }
                };
                let loopback = crate::domain::design::share::is_loopback(&url);
                crate::ui::widgets::copy::copy_text(fallback, "The review link".into(), url, move |r| {
                    copied.set(copy_status("Review link", r.is_ok(), loopback) + &left_out_note(left_out));
                });
            }>"Copy review link"</button>
    }
}

/// Where a preset chosen over changes goes: a new draft, or this one (undoable).
#[component]
fn PresetChoice(choosing: RwSignal<Option<String>>) -> impl IntoView {
    let store = use_store();
    let drafts = expect_context::<RwSignal<Drafts>>();
    let status = expect_context::<crate::ui::store::persistence::StorageStatus>();
    view! {
        {move || choosing.get().map(|id| {
            let label = PRESETS.iter().find(|p| p.id == id).map_or("", |p| p.label);
            let draft = drafts.with_untracked(|d| d.active().name.clone());
            let (id2, id3) = (id.clone(), id.clone());
            view! {
                <div class="choose-preset" role="group" aria-label="Start from a preset">
                    <span>{format!("\"{draft}\" has changes. Start from \"{label}\":")}</span>
                    <button class="btn small" on:click=move |_| {
                        choosing.set(None);
                        if let Some(d) = preset(&id2) {
                            let name = PRESETS.iter().find(|p| p.id == id2).map_or("Draft", |p| p.label);
                            crate::ui::header::drafts_menu::open_new_draft(store, drafts, status, name, d);
                        }
                    }>"In a new draft"</button>
                    <button class="btn small" on:click=move |_| {
                        choosing.set(None);
                        if let Some(d) = preset(&id3) { store.replace(d); }
                    }>{format!("Replace \"{draft}\" (Undo brings it back)")}</button>
                    <button class="btn small" on:click=move |_| choosing.set(None)>"Cancel"</button>
                </div>
            }
        })}
    }
}

/// The warning for a link too long for some chat clients, or for a design no link carries.
#[component]
fn LinkWarning(link_len: RwSignal<Result<usize, String>>) -> impl IntoView {
    view! {
        {move || match link_len.get() {
            Ok(n) if n > share::LONG_LINK => Some(view! {
                <span class="diag warning">"Long link: some chat clients cut links this long; share the design file instead"</span>
            }.into_any()),
            Err(e) => Some(view! { <span class="diag warning">{format!("No share link for this design: {e}")}</span> }.into_any()),
            _ => None,
        }}
    }
}

/// The theme button: system, light or dark in turn, kept in storage.
#[component]
fn ThemeButton() -> impl IntoView {
    let theme = RwSignal::new(Theme::from_attr(platform::load(THEME_KEY)));
    Effect::new(move |_| {
        let t = theme.get();
        platform::apply_theme(t.attr());
        // The theme is a preference: if storage refuses it, the page still shows it.
        let _ = platform::save(THEME_KEY, t.attr().unwrap_or("system"));
    });
    let dark_now = move || match theme.get() {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => platform::system_prefers_dark(),
    };
    view! {
        <button class="btn" aria-label=move || format!("{} (now {})", theme.get().label(), if dark_now() { "dark" } else { "light" })
            on:click=move |_| theme.update(|t| *t = t.next())>
            {move || theme.get().label()}
        </button>
    }
}

/// The `<select>` an event happened on.
fn select_of(ev: &web_sys::Event) -> Option<web_sys::HtmlSelectElement> {
    ev.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
}
