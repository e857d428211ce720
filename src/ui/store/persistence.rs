//! Keeping work safe: named drafts in local storage (one key per draft and an index, see
//! `domain::drafts`), the design from the URL fragment (as a separate draft when no draft holds it
//! yet), a debounced autosave, other tabs' changes, and every storage failure told at once.

use crate::domain::design::drafts::{
    self, design_text, draft_id, draft_key, event_key, typed_key, Change, Drafts, Index,
    StoredEvent, Unreadable, ACTIVE_KEY, INDEX_BACKUP_KEY, INDEX_KEY,
};
use crate::domain::design::model::Design;
use crate::domain::design::presets;
use crate::domain::design::share;
use crate::ui::platform;
use crate::ui::store::state::{Store, TYPED_EDITORS};
use leptos::prelude::*;
use std::time::Duration;

const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// What storage says: the last failure (none when the last write worked) and what could not be read.
#[derive(Clone, Copy)]
pub struct StorageStatus {
    pub error: RwSignal<Option<String>>,
    pub unreadable: RwSignal<Vec<Unreadable>>,
}

impl StorageStatus {
    /// Records the outcome of a write.
    pub fn report(&self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                if self.error.with_untracked(Option::is_some) {
                    self.error.set(None);
                }
            }
            Err(e) => self.error.set(Some(e)),
        }
    }
}

/// What start-up found.
pub struct Startup {
    pub drafts: Drafts,
    /// The open draft is a link's design not stored yet: `keep_link` stores it once it has
    /// rendered.
    pub link_to_keep: bool,
    /// A message for the page: (is an error, text).
    pub notice: Option<(bool, String)>,
    /// The texts last typed into the editors that keep them (`Store::typed`), by storage name.
    pub typed: Vec<(&'static str, Option<String>)>,
    /// A review link's design: shown, not stored, until the person chooses to edit it.
    pub reviewing: Option<Design>,
    /// The event the simulation opens on: the link's, else the one stored with the active draft.
    pub event: Option<StoredEvent>,
    /// Stored items that could not be read.
    pub unreadable: Vec<Unreadable>,
    /// A storage write that failed during start-up.
    pub error: Option<String>,
}

/// Writes a draft's design, and lists it in the index when it is not (yet, or any more).
pub fn store_draft(drafts: &Drafts, id: u64) -> Result<(), String> {
    let Some(d) = drafts.drafts.iter().find(|d| d.id == id) else {
        return Ok(());
    };
    platform::save(&draft_key(id), &design_text(&d.design))?;
    let listed =
        read_index().is_some_and(|i| i.drafts.iter().any(|e| e.id == id && e.name == d.name));
    if listed {
        Ok(())
    } else {
        drafts.put(id).map_or(Ok(()), |c| store_change(&c))
    }
}

/// Applies a change to the index as it is in storage now (another tab may have changed it), then
/// removes a deleted draft's design.
pub fn store_change(change: &Change) -> Result<(), String> {
    let mut index = read_index().unwrap_or_default();
    index.apply(change);
    platform::save(INDEX_KEY, &index.to_json())?;
    if let Change::Remove(id) = change {
        platform::remove(&draft_key(*id))?;
        platform::remove(&event_key(*id))?;
        for editor in TYPED_EDITORS {
            platform::remove(&typed_key(editor, *id))?;
        }
    }
    Ok(())
}

/// Remembers the open draft for the next start.
pub fn store_active(id: u64) -> Result<(), String> {
    platform::save(ACTIVE_KEY, &id.to_string())
}

fn read_index() -> Option<Index> {
    Index::from_json(&platform::load(INDEX_KEY)?)
}

fn read_design(id: u64) -> Option<Design> {
    Design::from_json(&platform::load(&draft_key(id))?).ok()
}

/// The design the app will open, read without writing anything: a link's design, else the active
/// draft, else the seed.
pub fn design_to_open() -> (Design, Option<StoredEvent>) {
    let hash = platform::location_hash();
    if !hash.is_empty() {
        if let Ok((d, e)) = share::decode_with(&hash) {
            return (d, e.map(share::LinkEvent::stored));
        }
    }
    let active = platform::load(ACTIVE_KEY).and_then(|t| t.parse().ok());
    match drafts::load(platform::load, &platform::storage_keys(), active).drafts {
        Some(d) => (d.active().design.clone(), stored_event(d.active)),
        None => (presets::seed(), None),
    }
}

/// The event stored with a draft, if any.
pub fn stored_event(id: u64) -> Option<StoredEvent> {
    StoredEvent::from_json(&platform::load(&event_key(id))?)
}

/// Loads the drafts and opens a shared link, if any.
pub fn startup() -> Startup {
    let mut notice = None;
    let mut errors: Vec<String> = Vec::new();
    let active = platform::load(ACTIVE_KEY).and_then(|t| t.parse().ok());
    let loaded = drafts::load(platform::load, &platform::storage_keys(), active);
    // An index that cannot be read is replaced below; its text is kept first, as the notice says.
    for u in loaded
        .unreadable
        .iter()
        .filter(|u| u.key == INDEX_BACKUP_KEY)
    {
        keep(&mut errors, platform::save(INDEX_BACKUP_KEY, &u.text));
    }
    let fresh = loaded.drafts.is_none();
    let mut drafts = loaded
        .drafts
        .unwrap_or_else(|| Drafts::new(platform::random_id(), presets::seed()));
    // A first visit stores its draft at once, so whatever happens next (a link opened in this
    // tab, a reload before the first autosave) finds it.
    if fresh {
        if let Err(e) = store_draft(&drafts, drafts.active) {
            errors.push(e);
        }
    }
    // Migrated and recovered drafts are written in the current layout; version 1's keys go only
    // once everything they held is stored.
    let mut written = true;
    for &id in &loaded.to_write {
        if let Err(e) = store_draft(&drafts, id) {
            written = false;
            errors.push(e);
        }
    }
    if written {
        for key in &loaded.migrated_keys {
            keep(&mut errors, platform::remove(key));
        }
    }
    let mut event = None;
    let mut reviewing = None;
    let mut link_to_keep = false;
    let hash = platform::location_hash();
    if !hash.is_empty() {
        match share::decode_with(&hash) {
            // A review link only shows the design: nothing is stored until "Edit this design".
            Ok((d, e)) if share::is_review(&hash) => {
                event = e.map(share::LinkEvent::stored);
                reviewing = Some(d);
            }
            Ok((d, e)) => {
                event = e.map(share::LinkEvent::stored);
                // Only a draft that opens on the link's event too: a link never changes a
                // draft's event.
                match drafts.holding_with(&d, event.as_ref(), stored_event) {
                    // Reloading a link, or a link to work already here: open that draft, add nothing.
                    Some(id) => {
                        if id != drafts.active {
                            drafts.switch(id);
                            notice = Some((false, already_saved(&drafts.active().name)));
                        }
                        platform::replace_hash("");
                    }
                    None => {
                        let mine = drafts.active().name.clone();
                        drafts.create(platform::random_id(), "Shared design", d);
                        let name = drafts.active().name.clone();
                        // Stored once it has rendered (`keep_link`): a link that cannot render
                        // never becomes the draft the next visit opens.
                        link_to_keep = true;
                        notice = Some((false, opened_new(&name, (!fresh).then_some(&mine))));
                    }
                }
            }
            Err(e) => notice = Some((true, link_refused(&e))),
        }
    }
    let event = event.or_else(|| stored_event(drafts.active));
    if !link_to_keep {
        keep(&mut errors, store_active(drafts.active));
    }
    let typed = stored_typed(drafts.active)
        .into_iter()
        .map(|(editor, text)| (editor, text.filter(|_| reviewing.is_none())))
        .collect();
    Startup {
        drafts,
        link_to_keep,
        notice,
        typed,
        reviewing,
        event,
        unreadable: loaded.unreadable,
        error: errors.into_iter().next(),
    }
}

/// Why a link was not opened, for the page's notice.
fn link_refused(e: &share::ShareError) -> String {
    let e = e.to_string();
    let stop = if e.ends_with(['?', '.', '!']) {
        ""
    } else {
        "."
    };
    format!("This link could not be opened: {e}{stop} Your design is unchanged.")
}

/// The notice for a link whose design (and event) a draft already holds.
fn already_saved(name: &str) -> String {
    format!("The shared design is already saved as \"{name}\"; opened it.")
}

/// The notice for a link opened as the new draft `name`, beside the person's own `mine` (none on
/// a first visit).
fn opened_new(name: &str, mine: Option<&str>) -> String {
    match mine {
        None => format!("Opened the shared design as \"{name}\"."),
        Some(mine) => format!("Opened the shared design as a new draft, \"{name}\". Your own work stays in \"{mine}\" (Draft menu)."),
    }
}

/// Opens the stored draft `id` in the editors: its design, its event and the texts typed into
/// its editors; the next visit opens it too.
pub fn open_draft(store: Store, drafts: RwSignal<Drafts>, status: StorageStatus, id: u64) {
    let next = drafts.try_update(|x| x.switch(id).cloned()).flatten();
    if let Some(d) = next {
        store.load(d);
        store.open_event(stored_event(id));
        open_typed(store, &stored_typed(id));
        status.report(store_active(id));
    }
}

/// `keep_link` once the page has rendered the link's design (a frame, then a task of its own:
/// storing a large design takes a while); `kept` says when it is done.
pub fn keep_link_once_rendered(
    store: Store,
    drafts: RwSignal<Drafts>,
    status: StorageStatus,
    kept: RwSignal<bool>,
) {
    request_animation_frame(move || {
        platform::next_task(move || {
            keep_link(store, drafts, status);
            kept.set(true);
        })
    });
}

/// Stores the draft a link opened, with its event, and makes it the one the next visit opens;
/// called once the design has rendered. The address then drops the link, so a reload opens the
/// stored draft (when storing fails, the link stays, so a reload still opens it).
fn keep_link(store: Store, drafts: RwSignal<Drafts>, status: StorageStatus) {
    let id = drafts.with_untracked(|x| x.active);
    let event = untrack(|| store.stored_event());
    let result = drafts
        .with_untracked(|x| store_draft(x, id))
        .and_then(|_| platform::save(&event_key(id), &event.to_json()))
        .and_then(|_| store_active(id));
    if result.is_ok() {
        platform::replace_hash("");
    }
    status.report(result);
}

/// What the tab shows around the open draft, for opening a link in it.
#[derive(Clone, Copy)]
pub struct Shown {
    pub notice: RwSignal<Option<(bool, String)>>,
    pub review: RwSignal<bool>,
    /// False while a link's new draft waits to be stored (`keep_link`).
    pub kept: RwSignal<bool>,
}

/// A link pasted into the address bar of this open tab opens as it would in a new one: the open
/// draft is stored first, then the link's design opens as the draft that already holds it (with
/// its event) or as a new draft, stored once it has rendered; a review link opens for review.
pub fn open_link_here(store: Store, drafts: RwSignal<Drafts>, status: StorageStatus, shown: Shown) {
    let hash = platform::location_hash();
    if hash.is_empty() {
        return;
    }
    let (design, event) = match share::decode_with(&hash) {
        Ok((d, e)) => (d, e.map(share::LinkEvent::stored)),
        Err(e) => {
            shown.notice.set(Some((true, link_refused(&e))));
            return;
        }
    };
    if !shown.review.get_untracked() {
        status.report(store_open_draft(
            store,
            drafts,
            drafts.with_untracked(|x| x.active),
        ));
    }
    if share::is_review(&hash) {
        store.load(design);
        store.open_event(event);
        shown.review.set(true);
        return;
    }
    shown.review.set(false);
    let holding = drafts.with_untracked(|x| x.holding_with(&design, event.as_ref(), stored_event));
    match holding {
        Some(id) => {
            open_draft(store, drafts, status, id);
            platform::replace_hash("");
            let name = drafts.with_untracked(|x| x.active().name.clone());
            shown.notice.set(Some((false, already_saved(&name))));
        }
        None => {
            let mine = drafts.with_untracked(|x| x.active().name.clone());
            shown.kept.set(false);
            drafts.update(|x| {
                x.create(platform::random_id(), "Shared design", design.clone());
            });
            store.load(design);
            store.open_event(event);
            let name = drafts.with_untracked(|x| x.active().name.clone());
            shown
                .notice
                .set(Some((false, opened_new(&name, Some(&mine)))));
            keep_link_once_rendered(store, drafts, status, shown.kept);
        }
    }
}

fn keep(errors: &mut Vec<String>, result: Result<(), String>) {
    if let Err(e) = result {
        errors.push(e);
    }
}

/// Saves the open draft shortly after each change, then measures its share link (encoding on every
/// keystroke would slow typing). A fragment left in the address bar (a copied link) is cleared once
/// the design has changed, so a reload opens the saved work, not the old link.
pub fn autosave(
    store: Store,
    drafts: RwSignal<Drafts>,
    link: RwSignal<Result<usize, String>>,
    status: StorageStatus,
    review: RwSignal<bool>,
    kept: RwSignal<bool>,
) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        store.design.track();
        // A design under review is not a draft (yet), nor a link's design before it has
        // rendered (`keep_link`): nothing to save.
        if review.get() || !kept.get() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let edited = first.is_some();
        let handle = set_timeout_with_handle(
            move || {
                store
                    .design
                    .with_untracked(|d| drafts.update(|x| x.save_active(d)));
                let result = drafts.with_untracked(|x| store_draft(x, x.active));
                let saved = result.is_ok();
                status.report(result);
                if edited && saved && !platform::location_hash().is_empty() {
                    platform::replace_hash("");
                }
                let fragment = store.design.with_untracked(share::encode);
                link.set(
                    fragment
                        .map(|f| platform::page_url().len() + 1 + f.len())
                        .map_err(|e| e.to_string()),
                );
            },
            AUTOSAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
}

/// Runs `write` with what `read` returns, shortly after each change to it (not when first read,
/// and not while a review link is shown), with the open draft's id: the editor state kept beside
/// a draft.
fn save_beside_draft<T: Send + Sync + 'static>(
    drafts: RwSignal<Drafts>,
    status: StorageStatus,
    review: RwSignal<bool>,
    read: impl Fn() -> T + 'static,
    write: impl Fn(u64, T) -> Result<(), String> + Copy + 'static,
) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let value = read();
        if first.is_none() || review.get() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || status.report(write(drafts.with_untracked(|d| d.active), value)),
            AUTOSAVE_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
}

/// The texts stored with a draft as typed into the editors (not valid yet), by storage name.
pub fn stored_typed(id: u64) -> Vec<(&'static str, Option<String>)> {
    TYPED_EDITORS
        .iter()
        .map(|&editor| (editor, platform::load(&typed_key(editor, id))))
        .collect()
}

/// Puts the texts a draft keeps as typed back into their editors.
pub fn open_typed(store: Store, typed: &[(&'static str, Option<String>)]) {
    for (editor, text, _) in store.typed() {
        let kept = typed.iter().find(|(e, _)| *e == editor);
        text.set(kept.and_then(|(_, t)| t.clone()));
    }
    // What the restored design JSON was typed against is not known: it applies when asked.
    store
        .json_stale
        .set(store.json_text.with_untracked(Option::is_some));
}

/// Writes the open draft `id` whole now: its design, its event and the texts typed into its
/// editors (before another draft opens, which would cancel a pending autosave).
pub fn store_open_draft(store: Store, drafts: RwSignal<Drafts>, id: u64) -> Result<(), String> {
    store
        .design
        .with_untracked(|d| drafts.update(|x| x.save_active(d)));
    drafts.with_untracked(|x| store_draft(x, id))?;
    platform::save(&event_key(id), &store.stored_event().to_json())?;
    store_typed(store, id)
}

fn store_typed(store: Store, id: u64) -> Result<(), String> {
    for (editor, text, keep) in store.typed() {
        let kept = text.get_untracked().filter(|t| keep(&store, t));
        save_typed(editor, id, kept)?;
    }
    Ok(())
}

/// Stores an editor's typed text beside the draft `id`, or removes it when there is none to keep.
fn save_typed(editor: &str, id: u64, text: Option<String>) -> Result<(), String> {
    let key = typed_key(editor, id);
    match text {
        Some(t) => platform::save(&key, &t),
        None => platform::remove(&key),
    }
}

/// Keeps the editor state beside the open draft, so a reload opens it as it was: the event the
/// simulation runs on (a custom event as typed, even while it is not valid JSON), and the event
/// pattern and design JSON as typed while the design does not hold them (dropped once it does).
pub fn autosave_beside_draft(
    store: Store,
    drafts: RwSignal<Drafts>,
    status: StorageStatus,
    review: RwSignal<bool>,
) {
    save_beside_draft(
        drafts,
        status,
        review,
        move || store.stored_event(),
        |id, event| platform::save(&event_key(id), &event.to_json()),
    );
    for (editor, text, keep) in store.typed() {
        save_beside_draft(
            drafts,
            status,
            review,
            move || text.get().filter(|t| keep(&store, t)),
            move |id, text| save_typed(editor, id, text),
        );
    }
}

/// "Edit this design" on a review link: the design becomes a draft (or opens the draft that holds
/// it already), stored with its event, and the address drops the link.
pub fn adopt_reviewed(store: Store, drafts: RwSignal<Drafts>, status: StorageStatus) {
    let design = store.design.get_untracked();
    let event = untrack(|| store.stored_event());
    let id = match drafts.with_untracked(|x| x.holding_with(&design, Some(&event), stored_event)) {
        Some(id) => {
            drafts.update(|x| {
                x.switch(id);
            });
            id
        }
        None => {
            let id = platform::random_id();
            drafts.update(|x| {
                x.create(id, "Shared design", design);
            });
            id
        }
    };
    status.report(
        drafts
            .with_untracked(|x| store_draft(x, id))
            .and_then(|_| store_active(id)),
    );
    status.report(platform::save(&event_key(id), &event.to_json()));
    platform::replace_hash("");
}

/// Follows other tabs: drafts they add, rename or delete appear here, and designs they save for
/// drafts not open here are taken over. The draft open here is never dropped or overwritten.
pub fn follow_other_tabs(drafts: RwSignal<Drafts>, notice: RwSignal<Option<(bool, String)>>) {
    platform::on_storage_change(move |key, value| {
        if key == INDEX_KEY {
            let Some(index) = value.as_deref().and_then(Index::from_json) else {
                return;
            };
            let synced = drafts.try_update(|x| x.sync(&index, read_design));
            if synced.is_some_and(|s| s.active_deleted) {
                let name = drafts.with_untracked(|x| x.active().name.clone());
                notice.set(Some((false, format!("\"{name}\" was deleted in another tab. It stays open here, and your next edit saves it again."))));
            }
        } else if let Some(id) = draft_id(&key) {
            let Some(design) = value.as_deref().and_then(|t| Design::from_json(t).ok()) else {
                return;
            };
            if drafts.with_untracked(|x| x.active != id) {
                drafts.update(|x| x.set_design(id, &design));
            }
        }
    });
}
