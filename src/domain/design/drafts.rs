//! Named drafts kept in the browser: switch, create, rename, delete, and how they are stored. Plain
//! data; the UI reads and writes the keys, the core decides what they mean. Imports model, jsontext
//! and diagnostic (which characters a name may not hold).
//!
//! Storage layout (version 2): one key per draft holding the design file's own JSON (so whatever a
//! design file may hold reads back), an index of ids and names, and the last opened id. Each change
//! touches only the keys it is about, so two tabs never overwrite each other's drafts: a change to
//! the list is a `Change` applied to the index as it is in storage at that moment. Anything that
//! cannot be read is reported as `Unreadable`, kept where it is, and never dropped silently.

use crate::domain::base::jsontext::deeper_than;
use crate::domain::design::model::Design;
use serde::{Deserialize, Serialize};

/// Every key the drafts use starts with this.
pub const PREFIX: &str = "chatops-designer.drafts.";
/// The index: ids and names, in menu order.
pub const INDEX_KEY: &str = "chatops-designer.drafts.v2.index";
/// The draft opened last (by any tab), opened first on the next start.
pub const ACTIVE_KEY: &str = "chatops-designer.drafts.v2.active";
const DRAFT_PREFIX: &str = "chatops-designer.drafts.v2.draft.";
/// Version 1 kept every draft in one JSON value under this key.
pub const V1_KEY: &str = "chatops-designer.drafts.v1";
/// Where version 1 moved drafts it could not read.
pub const V1_BACKUP_KEY: &str = "chatops-designer.drafts.unreadable";
/// Where an index that cannot be read is kept, as it was, before a new index replaces it.
pub const INDEX_BACKUP_KEY: &str = "chatops-designer.drafts.v2.index.unreadable";
/// Version-1 text nests at most this deep (a design plus its three wrapper levels); deeper text is
/// not parsed.
const V1_MAX_DEPTH: usize = 160;

/// Where a draft's event is kept: beside the draft, not in the design file (a design is shared
/// without the event unless a link carries it).
const EVENT_PREFIX: &str = "chatops-designer.event.v1.";

/// The storage key of a draft's text as typed into the editor `editor` (`pattern`, `json`), kept
/// while it is not valid.
pub fn typed_key(editor: &str, id: u64) -> String {
    format!("chatops-designer.{editor}.v1.{id}")
}

/// The storage key of the event a draft's simulation runs on.
pub fn event_key(id: u64) -> String {
    format!("{EVENT_PREFIX}{id}")
}

/// The event a draft's simulation runs on, as stored: a sample by id, or the person's own event as
/// typed (kept even while it is not valid JSON, so nothing typed is lost on reload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoredEvent {
    Sample(String),
    Custom(String),
}

impl StoredEvent {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// `None` for text that is not a stored event (the draft then opens on the opening sample).
    pub fn from_json(text: &str) -> Option<StoredEvent> {
        serde_json::from_str(text).ok()
    }

    /// Whether two stored events (none: the opening sample) open the same event: the same sample,
    /// or custom events that read as the same JSON (or, not JSON yet, are the same text).
    pub fn same(a: Option<&StoredEvent>, b: Option<&StoredEvent>) -> bool {
        let opening = StoredEvent::Sample(
            crate::domain::design::samples::SAMPLES
                .get(crate::domain::design::samples::OPENING)
                .map_or("", |s| s.id)
                .to_string(),
        );
        let (a, b) = (a.unwrap_or(&opening), b.unwrap_or(&opening));
        match (a, b) {
            (StoredEvent::Custom(x), StoredEvent::Custom(y)) => {
                let read = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
                match (read(x), read(y)) {
                    (Some(x), Some(y)) => x == y,
                    _ => x == y,
                }
            }
            _ => a == b,
        }
    }
}

/// The storage key of one draft's design.
pub fn draft_key(id: u64) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// The draft id of a storage key, if it is a draft key.
pub fn draft_id(key: &str) -> Option<u64> {
    key.strip_prefix(DRAFT_PREFIX)?.parse().ok()
}

/// A design as stored: the design file's compact JSON, which `Design::from_json` reads back.
pub fn design_text(design: &Design) -> String {
    serde_json::to_string(design).unwrap_or_default()
}

/// One named draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: u64,
    pub name: String,
    pub design: Design,
}

/// Every draft this tab knows and which one it has open. Never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafts {
    pub active: u64,
    pub drafts: Vec<Draft>,
}

/// One index entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub name: String,
}

/// The stored list of drafts: ids and names, in menu order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub drafts: Vec<Entry>,
}

/// A change to the list, applied to the index as it is in storage when it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Adds the draft, or renames it when it is listed.
    Put { id: u64, name: String },
    /// Removes the draft from the list.
    Remove(u64),
}

impl Index {
    /// Reads a stored index; `None` when it is not one. Repeated ids keep their first entry.
    pub fn from_json(text: &str) -> Option<Index> {
        let mut index: Index = serde_json::from_str(text).ok()?;
        let mut seen = std::collections::HashSet::new();
        index.drafts.retain(|e| seen.insert(e.id));
        Some(index)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Put { id, name } => match self.drafts.iter_mut().find(|e| e.id == *id) {
                Some(e) => e.name = name.clone(),
                None => self.drafts.push(Entry {
                    id: *id,
                    name: name.clone(),
                }),
            },
            Change::Remove(id) => self.drafts.retain(|e| e.id != *id),
        }
    }

    pub fn contains(&self, id: u64) -> bool {
        self.drafts.iter().any(|e| e.id == id)
    }
}

/// Something stored that could not be read: left where it is and offered for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The storage key it is under.
    pub key: String,
    /// A file name for the download.
    pub file_name: String,
    /// Its text, as stored.
    pub text: String,
    /// Why it could not be read.
    pub reason: String,
}

/// What reading the store found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The drafts that could be read (`None` when there were none).
    pub drafts: Option<Drafts>,
    /// What could not be read.
    pub unreadable: Vec<Unreadable>,
    /// Drafts to write in the version-2 layout: migrated from version 1 or found without an index
    /// entry. The index must then be written too.
    pub to_write: Vec<u64>,
    /// Keys of version 1 that were read completely: remove them once everything is written.
    pub migrated_keys: Vec<String>,
}

/// Reads the drafts from storage: `read` gives a key's text, `keys` lists every stored key, and
/// `active` is the last opened id. Recovers item by item: a draft that cannot be read is reported
/// and the others load; a draft without an index entry is listed as "Recovered draft"; version 1's
/// single key (and its backup) are migrated draft by draft.
pub fn load(read: impl Fn(&str) -> Option<String>, keys: &[String], active: Option<u64>) -> Loaded {
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    let mut to_write = Vec::new();
    let mut migrated_keys = Vec::new();
    let index = read(INDEX_KEY).and_then(|text| match Index::from_json(&text) {
        Some(i) => Some(i),
        None => {
            // The index is written anew as drafts are recovered: the shell keeps this text
            // under `INDEX_BACKUP_KEY` first.
            unreadable.push(Unreadable {
                key: INDEX_BACKUP_KEY.into(),
                file_name: "drafts-index.json".into(),
                text,
                reason: "the list of drafts is not readable; the drafts themselves are recovered"
                    .into(),
            });
            None
        }
    });
    let mut read_draft = |id: u64, name: String, drafts: &mut Vec<Draft>| {
        let key = draft_key(id);
        let Some(text) = read(&key) else {
            return false;
        };
        match Design::from_json(&text) {
            Ok(design) => drafts.push(Draft { id, name, design }),
            Err(e) => unreadable.push(Unreadable {
                file_name: format!("{}.chatops.json", file_stem(&name)),
                key,
                text,
                reason: format!("draft \"{name}\" cannot be read: {e}"),
            }),
        }
        true
    };
    for e in index.iter().flat_map(|i| i.drafts.iter()) {
        read_draft(e.id, e.name.clone(), &mut drafts);
    }
    let mut orphans: Vec<u64> = keys
        .iter()
        .filter_map(|k| draft_id(k))
        .filter(|id| !index.as_ref().is_some_and(|i| i.contains(*id)))
        .collect();
    orphans.sort_unstable();
    for id in orphans {
        let before = drafts.len();
        read_draft(id, "Recovered draft".into(), &mut drafts);
        if drafts.len() > before {
            to_write.push(id);
        }
    }
    if index.is_none() {
        for key in [V1_KEY, V1_BACKUP_KEY] {
            let Some(text) = read(key) else { continue };
            let (found, lost) = migrate_v1(key, &text);
            if lost.is_empty() {
                migrated_keys.push(key.to_string());
            }
            for d in found {
                if !drafts.iter().any(|x| x.id == d.id) {
                    to_write.push(d.id);
                    drafts.push(d);
                }
            }
            unreadable.extend(lost);
        }
    }
    dedupe_names(&mut drafts);
    let drafts = (!drafts.is_empty()).then(|| {
        let active = active
            .filter(|a| drafts.iter().any(|d| d.id == *a))
            .unwrap_or(drafts[0].id);
        Drafts { active, drafts }
    });
    Loaded {
        drafts,
        unreadable,
        to_write,
        migrated_keys,
    }
}

/// Reads version 1's single value draft by draft: the drafts that read, and what did not.
fn migrate_v1(key: &str, text: &str) -> (Vec<Draft>, Vec<Unreadable>) {
    let whole = |reason: String| Unreadable {
        key: key.into(),
        file_name: "drafts-v1.json".into(),
        text: text.into(),
        reason,
    };
    if deeper_than(text, V1_MAX_DEPTH).is_some() {
        return (
            vec![],
            vec![whole(format!(
                "stored drafts nest more than {V1_MAX_DEPTH} levels"
            ))],
        );
    }
    // Version 1's wrapper added three levels to a design, past serde_json's default limit; the
    // depth was checked above.
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value: serde_json::Value = match serde::Deserialize::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            return (
                vec![],
                vec![whole(format!("stored drafts are not JSON: {e}"))],
            )
        }
    };
    let Some(items) = value.get("drafts").and_then(|d| d.as_array()) else {
        return (vec![], vec![whole("stored drafts have no list".into())]);
    };
    let (mut found, mut lost) = (Vec::new(), Vec::new());
    for (n, item) in items.iter().enumerate() {
        let name = item
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("Recovered draft")
            .to_string();
        let design_json = item
            .get("design")
            .map(|d| serde_json::to_string_pretty(d).unwrap_or_default())
            .unwrap_or_default();
        let id = item.get("id").and_then(|v| v.as_u64());
        match (id, Design::from_json(&design_json)) {
            (Some(id), Ok(design)) if !found.iter().any(|d: &Draft| d.id == id) => {
                found.push(Draft { id, name, design })
            }
            (_, Err(e)) => lost.push(Unreadable {
                key: key.into(),
                file_name: format!("{}.chatops.json", file_stem(&name)),
                text: design_json,
                reason: format!("draft \"{name}\" cannot be read: {e}"),
            }),
            _ => lost.push(Unreadable {
                key: key.into(),
                file_name: format!("draft-{}.chatops.json", n + 1),
                text: design_json,
                reason: format!("draft \"{name}\" has no usable id"),
            }),
        }
    }
    (found, lost)
}

/// Gives repeated names a number (`Recovered draft 2`), keeping the first.
fn dedupe_names(drafts: &mut [Draft]) {
    for i in 1..drafts.len() {
        if drafts[..i].iter().any(|d| d.name == drafts[i].name) {
            let base = drafts[i].name.clone();
            let name = (2..)
                .map(|n| format!("{base} {n}"))
                .find(|c| !drafts.iter().any(|d| d.name == *c))
                .unwrap_or(base);
            drafts[i].name = name;
        }
    }
}

/// A file name stem from a draft name: letters, digits, `-` and `_`.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .take(60)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.trim_matches('-').is_empty() {
        "draft".into()
    } else {
        s
    }
}

/// What `Drafts::sync` changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// Drafts another tab added.
    pub added: usize,
    /// Drafts another tab deleted.
    pub removed: usize,
    /// The open draft was deleted by another tab; it stays open here and is stored again on the
    /// next save.
    pub active_deleted: bool,
}

impl Drafts {
    /// One draft holding `design`.
    pub fn new(id: u64, design: Design) -> Self {
        Drafts {
            active: id,
            drafts: vec![Draft {
                id,
                name: "Draft 1".into(),
                design,
            }],
        }
    }

    pub fn active(&self) -> &Draft {
        self.drafts
            .iter()
            .find(|d| d.id == self.active)
            .unwrap_or(&self.drafts[0])
    }

    /// The index entry of a draft, as a change to store.
    pub fn put(&self, id: u64) -> Option<Change> {
        let d = self.drafts.iter().find(|d| d.id == id)?;
        Some(Change::Put {
            id,
            name: d.name.clone(),
        })
    }

    /// Stores the open draft's design.
    pub fn save_active(&mut self, design: &Design) {
        let active = self.active;
        self.set_design(active, design);
    }

    /// Replaces a draft's design (changed in another tab).
    pub fn set_design(&mut self, id: u64, design: &Design) {
        if let Some(d) = self.drafts.iter_mut().find(|d| d.id == id) {
            d.design = design.clone();
        }
    }

    /// The id of a draft holding exactly `design` that also opens `event` (its stored event read
    /// by `stored`), the open one first: the draft a link or a reviewed design opens without
    /// changing anything in it.
    pub fn holding_with(
        &self,
        design: &Design,
        event: Option<&StoredEvent>,
        stored: impl Fn(u64) -> Option<StoredEvent>,
    ) -> Option<u64> {
        let fits =
            |d: &Draft| d.design == *design && StoredEvent::same(event, stored(d.id).as_ref());
        let active = self.active();
        if fits(active) {
            return Some(active.id);
        }
        self.drafts.iter().find(|d| fits(d)).map(|d| d.id)
    }

    /// A name not used yet: `base`, `base 2`, `base 3`, …
    fn unique_name(&self, base: &str) -> String {
        let base = if base.trim().is_empty() {
            "Draft"
        } else {
            base.trim()
        };
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base} {n}")
                }
            })
            .find(|c| !self.drafts.iter().any(|d| d.name == *c))
            .unwrap_or_else(|| base.to_string())
    }

    /// The name "New draft" gives: `Draft 1`, `Draft 2`, … (the first not taken).
    pub fn next_draft_name(&self) -> String {
        (1..)
            .map(|n| format!("Draft {n}"))
            .find(|c| !self.drafts.iter().any(|d| d.name == *c))
            .unwrap_or_else(|| "Draft".into())
    }

    /// Adds a draft under `id` (chosen by the caller so that two tabs never pick the same one) and
    /// opens it; returns the change to store.
    pub fn create(&mut self, id: u64, name: &str, design: Design) -> Change {
        let name = self.unique_name(name);
        self.drafts.push(Draft {
            id,
            name: name.clone(),
            design,
        });
        self.active = id;
        Change::Put { id, name }
    }

    /// Renames a draft; an empty, taken, overlong or disguising name is refused with a message.
    pub fn rename(&mut self, id: u64, name: &str) -> Result<Change, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("a draft needs a name".into());
        }
        let n = name.chars().count();
        if n > MAX_NAME_CHARS {
            return Err(format!(
                "a draft name has at most {MAX_NAME_CHARS} characters; this one has {n}"
            ));
        }
        if name.chars().any(hidden_char) {
            return Err("a draft name may not hold control characters or invisible direction marks (such as U+202E, which shows the rest of the name reversed)".into());
        }
        if self.drafts.iter().any(|d| d.id != id && d.name == name) {
            return Err(format!("a draft named \"{name}\" exists already"));
        }
        match self.drafts.iter_mut().find(|d| d.id == id) {
            Some(d) => {
                d.name = name.to_string();
                Ok(Change::Put {
                    id,
                    name: name.to_string(),
                })
            }
            None => Err("that draft no longer exists".into()),
        }
    }

    /// Deletes a draft; the last one cannot be deleted. Opens a neighbour when the open one goes.
    pub fn delete(&mut self, id: u64) -> Result<Change, String> {
        if self.drafts.len() == 1 {
            return Err("the last draft cannot be deleted".into());
        }
        let Some(i) = self.drafts.iter().position(|d| d.id == id) else {
            return Err("that draft no longer exists".into());
        };
        self.drafts.remove(i);
        if self.active == id {
            self.active = self.drafts[i.min(self.drafts.len() - 1)].id;
        }
        Ok(Change::Remove(id))
    }

    /// Opens a draft; returns its design.
    pub fn switch(&mut self, id: u64) -> Option<&Design> {
        let d = self.drafts.iter().find(|d| d.id == id)?;
        self.active = id;
        Some(&d.design)
    }

    /// Follows the index another tab wrote: its order and names, its new drafts (read with
    /// `read`; one that cannot be read yet is skipped) and its deletions. The open draft is never
    /// dropped: when another tab deleted it, it stays listed here.
    pub fn sync(&mut self, index: &Index, read: impl Fn(u64) -> Option<Design>) -> Synced {
        let mut out = Synced::default();
        if !self.drafts.iter().any(|d| d.id == self.active) {
            self.active = self.drafts[0].id;
        }
        let mut next = Vec::with_capacity(index.drafts.len());
        for e in &index.drafts {
            match self.drafts.iter().position(|d| d.id == e.id) {
                Some(i) => {
                    let mut d = self.drafts.swap_remove(i);
                    d.name = e.name.clone();
                    next.push(d);
                }
                None => {
                    if let Some(design) = read(e.id) {
                        out.added += 1;
                        next.push(Draft {
                            id: e.id,
                            name: e.name.clone(),
                            design,
                        });
                    }
                }
            }
        }
        for d in self.drafts.drain(..) {
            if d.id == self.active {
                out.active_deleted = true;
                next.push(d);
            } else {
                out.removed += 1;
            }
        }
        // Never empty: the open draft is always kept.
        self.drafts = next;
        out
    }
}
/// The longest draft name.
pub const MAX_NAME_CHARS: usize = 100;

/// Characters a name may not hold: controls, direction marks, and zero-width characters.
fn hidden_char(c: char) -> bool {
    crate::domain::base::diagnostic::hidden_in_text(c)
}
