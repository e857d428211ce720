//! The app's state: one design signal with undo history, the chosen event, and memos that each wrap
//! one core call. Shared through context as a `Copy` handle.

use crate::domain::design::drafts::StoredEvent;
use crate::domain::design::history::{json_bytes, History};
use crate::domain::design::model::{Design, RuleDesign};
use crate::domain::design::samples::{OPENING, SAMPLES};
use crate::domain::design::share::LinkEvent;
use crate::domain::eventbridge::event::read_event;
use crate::domain::pipeline::simulate::{
    compile, outcome, simulate_rule, Compiled, Outcome, SimulateOptions, Simulation,
};
use crate::domain::view::fields::FieldRef;
use crate::domain::view::preview::{preview, PreviewModel};
use crate::ui::platform;
use leptos::prelude::*;

/// Edits closer together than this are one undo step (typing a word is one step).
const COALESCE_MS: f64 = 600.0;

/// Which event the simulation runs.
#[derive(Clone, Debug, PartialEq)]
pub enum EventChoice {
    Sample(usize),
    Custom,
}

/// The design compiled once per edit, shared by every view that reads it (the preview's
/// simulation, the batch table, the Export tab's errors, the command highlighting). Two values are
/// equal only when they are the same compilation.
#[derive(Clone)]
pub struct Shared(pub std::sync::Arc<Compiled>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Shared {
    type Target = Compiled;
    fn deref(&self) -> &Compiled {
        &self.0
    }
}

pub use crate::domain::base::jsontext::TextError;

/// The storage names of the editors that keep their text as typed (`Store::typed`).
pub const TYPED_EDITORS: [&str; 2] = ["pattern", "json"];

/// An editor that keeps its text as typed: its storage name, the text, and whether a text is
/// still to be kept (not valid yet, or not applied yet) rather than held by the design.
pub type TypedEditor = (
    &'static str,
    RwSignal<Option<String>>,
    fn(&Store, &str) -> bool,
);

/// Handle to the app state.
#[derive(Clone, Copy)]
pub struct Store {
    pub design: RwSignal<Design>,
    /// The rule the Notification and Rule tabs edit and the preview shows (an index into the
    /// design's rules; read through `rule_index`, which keeps it in range).
    pub rule: RwSignal<usize>,
    /// Bumped when the design is replaced wholesale (preset, undo, import): editors re-sync.
    pub revision: RwSignal<u64>,
    /// Undo and redo, bounded by steps and bytes (`domain::history`).
    history: StoredValue<History<Design>>,
    last_edit: StoredValue<(f64, Option<Typing>)>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    pub event_choice: RwSignal<EventChoice>,
    pub custom_event: RwSignal<String>,
    /// The event the simulation runs: the chosen one, or while the custom text is not a valid
    /// event, the last one that was.
    pub event: Memo<serde_json::Value>,
    /// Why the custom event text is not an event (line, column and a plain reason).
    pub event_error: Memo<Option<TextError>>,
    /// Shows an absent `enableCustomActions` as false (the other reading of the assumption).
    pub absent_flag_false: RwSignal<bool>,
    /// Set once the page has painted: until then nothing is simulated, so a link's design never
    /// runs before the editors are usable.
    pub ready: RwSignal<bool>,
    /// The design compiled once per edit (`None` until the page is ready).
    pub compiled: Memo<Option<Shared>>,
    /// The notification field edited last (its DOM id): where a field clicked in the event tree
    /// is inserted.
    pub bind_target: RwSignal<Option<String>>,
    /// The event pattern as typed while it is not valid JSON (stored with the draft).
    pub pattern_text: RwSignal<Option<String>>,
    /// The design JSON as typed while it is not a valid design (stored with the draft).
    pub json_text: RwSignal<Option<String>>,
    /// The design changed elsewhere since `json_text` was typed (or it was restored from storage,
    /// where that is not known): it then applies only when the person asks.
    pub json_stale: RwSignal<bool>,
    pub sim: Memo<Simulation>,
    /// What the event comes to through every rule (name and outcome, design order), for a design
    /// with several rules (empty with one).
    pub outcomes: Memo<Vec<(String, Outcome)>>,
    pub preview: Memo<PreviewModel>,
    /// The example values a preset put in the deploy settings that are still in place: computed
    /// once per edit for every view that marks them (and only while one does).
    pub placeholders: Memo<Vec<crate::domain::design::settings::Placeholder>>,
}

impl Store {
    pub fn new(initial: Design, event: Option<StoredEvent>) -> Self {
        let design = RwSignal::new(initial);
        let rule = RwSignal::new(0usize);
        let (choice, text) = event_state(event);
        let event_choice = RwSignal::new(choice);
        let custom_event = RwSignal::new(text);
        // What the event text says: the event, or why it is not one.
        let event_read = Memo::new(move |_| match event_choice.get() {
            EventChoice::Sample(i) => SAMPLES
                .get(i)
                .and_then(|s| serde_json::from_str(s.json).ok())
                .ok_or_else(|| TextError::new("unknown sample".into(), None)),
            EventChoice::Custom => custom_event
                .with(|t| read_event(t).map_err(|e| TextError::new(e.to_string(), e.at()))),
        });
        let event_error = Memo::new(move |_| event_read.with(|r| r.as_ref().err().cloned()));
        // The simulation runs the last valid event while the text is being fixed.
        let event = Memo::new(move |previous: Option<&serde_json::Value>| {
            event_read.with(|r| match (r, previous) {
                (Ok(v), _) => v.clone(),
                (Err(_), Some(p)) => p.clone(),
                (Err(_), None) => opening_event(),
            })
        });
        let absent_flag_false = RwSignal::new(false);
        let ready = RwSignal::new(false);
        let compiled = Memo::new(move |_| {
            ready
                .get()
                .then(|| Shared(std::sync::Arc::new(design.with(compile))))
        });
        let sim = Memo::new(move |_| {
            let options = SimulateOptions {
                absent_enable_means_false: absent_flag_false.get(),
                ..SimulateOptions::default()
            };
            compiled.with(|c| match c {
                None => Simulation::pending(),
                Some(c) => {
                    let i = rule.get().min(c.rules().len().saturating_sub(1));
                    event.with(|ev| simulate_rule(c, i, ev, &options))
                }
            })
        });
        let outcomes = Memo::new(move |_| {
            let options = SimulateOptions {
                absent_enable_means_false: absent_flag_false.get(),
                ..SimulateOptions::default()
            };
            compiled.with(|c| {
                let Some(c) = c.as_ref().filter(|c| c.rules().len() > 1) else {
                    return Vec::new();
                };
                event.with(|ev| {
                    c.rules()
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (r.name().to_string(), outcome(c, i, ev, &options)))
                        .collect()
                })
            })
        });
        let preview = Memo::new(move |_| sim.with(preview));
        let placeholders =
            Memo::new(move |_| design.with(crate::domain::design::settings::placeholders));
        Store {
            design,
            rule,
            revision: RwSignal::new(0),
            history: StoredValue::new(History::default()),
            last_edit: StoredValue::new((f64::NEG_INFINITY, None)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            event_choice,
            custom_event,
            event,
            event_error,
            bind_target: RwSignal::new(None),
            pattern_text: RwSignal::new(None),
            json_text: RwSignal::new(None),
            json_stale: RwSignal::new(false),
            absent_flag_false,
            ready,
            compiled,
            sim,
            outcomes,
            preview,
            placeholders,
        }
    }

    /// The selected rule's index, kept within the design's rules (tracked).
    pub fn rule_index(&self) -> usize {
        let n = self.design.with(|d| d.rules.len());
        self.rule.get().min(n.saturating_sub(1))
    }

    /// `rule_index` without tracking.
    pub fn rule_index_untracked(&self) -> usize {
        let n = self.design.with_untracked(|d| d.rules.len());
        self.rule.get_untracked().min(n.saturating_sub(1))
    }

    /// Reads the selected rule (tracked); the default of `R` for a design without rules.
    pub fn with_rule<R: Default>(&self, f: impl FnOnce(&RuleDesign) -> R) -> R {
        let i = self.rule_index();
        self.design
            .with(|d| d.rules.get(i).map(f))
            .unwrap_or_default()
    }

    /// Applies an edit typed into `field` of the selected rule (as `edit`).
    pub fn edit_rule(&self, field: FieldRef, f: impl FnOnce(&mut RuleDesign)) {
        let i = self.rule_index_untracked();
        self.edit(field, |d| {
            if let Some(r) = d.rules.get_mut(i) {
                f(r)
            }
        });
    }

    /// Applies a change to the selected rule (as `change`).
    pub fn change_rule(&self, f: impl FnOnce(&mut RuleDesign)) {
        let i = self.rule_index_untracked();
        self.change(|d| {
            if let Some(r) = d.rules.get_mut(i) {
                f(r)
            }
        });
    }

    fn snapshot(&self, field: Option<Typing>) {
        let now = platform::now_ms();
        let (last, last_field) = self.last_edit.get_value();
        self.last_edit.set_value((now, field));
        if now - last < COALESCE_MS && last_field == field && field.is_some() {
            return;
        }
        let current = self.design.get_untracked();
        let size = json_bytes(&current);
        self.history.update_value(|h| h.record(current, size));
        self.sync_flags();
    }

    /// The editors whose text is kept as typed while the design does not hold it: each one's
    /// storage name, its text, and whether a text is still to be kept.
    pub fn typed(&self) -> [TypedEditor; 2] {
        let [pattern, json] = TYPED_EDITORS;
        [
            (pattern, self.pattern_text, |_, t| {
                crate::domain::eventbridge::pattern::pattern_json(t).is_err()
            }),
            (json, self.json_text, |s, t| {
                s.json_stale.get() || Design::from_json(t).is_err()
            }),
        ]
    }

    /// Forgets the texts typed into the editors (another design is in view).
    fn clear_typed(&self) {
        for (_, text, _) in self.typed() {
            text.set(None);
        }
        self.json_stale.set(false);
    }

    /// Applies an edit typed into `field`; rapid edits of the same field coalesce into one undo
    /// step.
    pub fn edit(&self, field: FieldRef, f: impl FnOnce(&mut Design)) {
        self.snapshot(Some(Typing::Field(field)));
        self.apply(f);
    }

    /// Applies an edit that adds, removes, moves or fixes something: one undo step of its own.
    pub fn change(&self, f: impl FnOnce(&mut Design)) {
        self.snapshot(None);
        self.apply(f);
    }

    /// Design JSON typed and not yet valid is out of date after an edit elsewhere: it stays, but
    /// applying it would undo this edit, so it is marked (`json_stale`) and applies only when
    /// asked.
    fn apply(&self, f: impl FnOnce(&mut Design)) {
        self.design.update(f);
        if self.json_text.with_untracked(Option::is_some) {
            self.json_stale.set(true);
        }
    }

    /// Applies the design typed in the Design JSON view (one undo step per pause in typing). A
    /// pattern typed and not yet valid gives way to a pattern the JSON changes.
    pub fn apply_json(&self, d: Design) {
        self.snapshot(Some(Typing::Json));
        let i = self.rule_index_untracked();
        let pattern = move |d: &Design| d.rules.get(i).map(|r| r.event_pattern.clone());
        let pattern_before = self
            .pattern_text
            .with_untracked(Option::is_some)
            .then(|| self.design.with_untracked(pattern));
        self.design.set(d);
        if let Some(before) = pattern_before {
            if self.design.with_untracked(pattern) != before {
                self.pattern_text.set(None);
            }
        }
    }

    /// Replaces the design (preset, import, JSON view): one undo step, editors re-sync.
    pub fn replace(&self, d: Design) {
        self.snapshot(None);
        self.clear_typed();
        self.design.set(d);
        self.revision.update(|r| *r += 1);
    }

    /// Opens another draft: its own design, with a fresh undo history.
    pub fn load(&self, d: Design) {
        self.history.update_value(History::clear);
        self.clear_typed();
        self.last_edit.set_value((f64::NEG_INFINITY, None));
        self.design.set(d);
        self.revision.update(|r| *r += 1);
        self.sync_flags();
    }

    pub fn undo(&self) {
        self.step(|h, current, size| h.undo(current, size));
    }

    pub fn redo(&self) {
        self.step(|h, current, size| h.redo(current, size));
    }

    /// Brings one design from the history into view, keeping the current one on the other side.
    fn step(&self, f: impl FnOnce(&mut History<Design>, Design, usize) -> Option<Design>) {
        let current = self.design.get_untracked();
        let size = json_bytes(&current);
        let Some(next) = self
            .history
            .try_update_value(|h| f(h, current, size))
            .flatten()
        else {
            return;
        };
        self.design.set(next);
        self.clear_typed();
        self.last_edit.set_value((f64::NEG_INFINITY, None));
        self.revision.update(|r| *r += 1);
        self.sync_flags();
    }

    fn sync_flags(&self) {
        let (undo, redo) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        if self.can_undo.get_untracked() != undo {
            self.can_undo.set(undo);
        }
        if self.can_redo.get_untracked() != redo {
            self.can_redo.set(redo);
        }
    }
}

/// The opening sample event.
fn opening_event() -> serde_json::Value {
    serde_json::from_str(SAMPLES[OPENING].json).unwrap_or_default()
}

/// The event choice and the event text for a stored event (the opening sample when none, or one
/// this build does not have).
fn event_state(e: Option<StoredEvent>) -> (EventChoice, String) {
    let sample = |i: usize| (EventChoice::Sample(i), SAMPLES[i].json.to_string());
    match e {
        Some(StoredEvent::Custom(text)) => (EventChoice::Custom, text),
        Some(StoredEvent::Sample(id)) => {
            sample(SAMPLES.iter().position(|s| s.id == id).unwrap_or(OPENING))
        }
        None => sample(OPENING),
    }
}

impl Store {
    /// The event as stored beside the draft (tracked).
    pub fn stored_event(&self) -> StoredEvent {
        match self.event_choice.get() {
            EventChoice::Sample(i) => {
                StoredEvent::Sample(SAMPLES.get(i).map_or("", |s| s.id).into())
            }
            EventChoice::Custom => StoredEvent::Custom(self.custom_event.get()),
        }
    }

    /// Opens a draft's stored event (the opening sample when none).
    pub fn open_event(&self, e: Option<StoredEvent>) {
        let (choice, text) = event_state(e);
        self.custom_event.set(text);
        self.event_choice.set(choice);
    }

    /// The event a share link carries: none for the opening sample (the link opens on it anyway),
    /// the last valid event for a custom one.
    pub fn link_event(&self) -> Option<LinkEvent> {
        match self.event_choice.get_untracked() {
            EventChoice::Sample(i) if i == OPENING => None,
            EventChoice::Sample(i) => SAMPLES.get(i).map(|s| LinkEvent::Sample(s.id.into())),
            EventChoice::Custom => Some(LinkEvent::Custom(self.event.get_untracked())),
        }
    }
}

/// What a person is typing into, for coalescing rapid edits into one undo step.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typing {
    Field(FieldRef),
    /// The Design JSON view.
    Json,
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// A preset chosen while the open draft has changes (where it goes is asked first, under the
/// header); the preset list and the Event panel's offer set it.
#[derive(Clone, Copy)]
pub struct PresetChoiceSignal(pub RwSignal<Option<String>>);

/// Starts from preset `id`: at once when nothing is edited, else asks where it goes.
pub fn choose_preset(store: Store, choosing: RwSignal<Option<String>>, id: String) {
    if crate::domain::design::presets::preset(&id).is_some() {
        if store
            .design
            .with_untracked(crate::domain::design::presets::is_unedited)
        {
            if let Some(d) = crate::domain::design::presets::preset(&id) {
                store.replace(d);
            }
        } else {
            choosing.set(Some(id));
        }
    }
}
