//! Named drafts: create, rename, delete, switch, and storage that reads back whatever a design may
//! hold, recovers item by item, migrates version 1 and lets two tabs work at once.

use chatops_designer::domain::design::drafts::{
    design_text, draft_key, load, Change, Drafts, Index, INDEX_BACKUP_KEY, INDEX_KEY,
    V1_BACKUP_KEY, V1_KEY,
};
use chatops_designer::domain::design::model::Design;
use chatops_designer::domain::design::presets::{preset, seed};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Local storage as the UI uses it: one map shared by every tab.
#[derive(Default)]
struct Storage(RefCell<BTreeMap<String, String>>);

impl Storage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: String) {
        self.0.borrow_mut().insert(key.into(), value);
    }
    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
    /// What the UI does for a change: read the index as it is now, apply, write.
    fn change(&self, change: &Change) {
        let mut index = self
            .get(INDEX_KEY)
            .and_then(|t| Index::from_json(&t))
            .unwrap_or_default();
        index.apply(change);
        if let Change::Remove(id) = change {
            self.0.borrow_mut().remove(&draft_key(*id));
        }
        self.set(INDEX_KEY, index.to_json());
    }
    fn save(&self, drafts: &Drafts, id: u64) {
        let d = drafts.drafts.iter().find(|d| d.id == id).unwrap();
        self.set(&draft_key(id), design_text(&d.design));
        self.change(&drafts.put(id).unwrap());
    }
    fn load(&self) -> Drafts {
        load(|k| self.get(k), &self.keys(), None).drafts.unwrap()
    }
}

/// The seed with its event pattern nested `levels` deep.
fn nested(levels: usize) -> Design {
    let mut v = serde_json::json!(["x"]);
    for _ in 1..levels {
        v = serde_json::json!({ "detail": v });
    }
    let mut d = seed();
    d.rules[0].event_pattern = v;
    d
}

#[test]
fn create_rename_switch_delete() {
    let mut d = Drafts::new(1, seed());
    assert_eq!(
        d.create(7, "Shared design", preset("blank").unwrap()),
        Change::Put {
            id: 7,
            name: "Shared design".into()
        }
    );
    assert_eq!(d.active, 7);
    d.create(3, "Shared design", seed());
    assert_eq!(d.drafts[2].name, "Shared design 2");
    assert_eq!(
        d.rename(3, "Draft 1"),
        Err("a draft named \"Draft 1\" exists already".into())
    );
    assert_eq!(d.rename(3, "  "), Err("a draft needs a name".into()));
    // Overlong names and names that hide or reorder text are refused, saying what is allowed.
    let long = "x".repeat(101);
    assert!(d
        .rename(3, &long)
        .unwrap_err()
        .contains("at most 100 characters"));
    for bad in [
        "a\u{202e}exe.txt",
        "bell\u{7}",
        "nul\u{0}",
        "zero\u{200b}width",
    ] {
        assert!(
            d.rename(3, bad).unwrap_err().contains("control characters"),
            "{bad:?}"
        );
    }
    d.rename(3, &"é".repeat(100)).unwrap();
    d.rename(3, "Payments").unwrap();
    assert_eq!(d.switch(7).unwrap(), &preset("blank").unwrap());
    let mut changed = seed();
    changed.rules[0].notification.title = "changed".into();
    d.save_active(&changed);
    assert_eq!(d.active().design, changed);
    assert_eq!(d.holding_with(&changed, None, |_| None), Some(7));
    assert_eq!(d.delete(7), Ok(Change::Remove(7)));
    assert_eq!(
        d.active, 3,
        "a neighbour opens when the open draft is deleted"
    );
    d.delete(1).unwrap();
    assert_eq!(d.delete(3), Err("the last draft cannot be deleted".into()));
}

/// Regression: a 113-character link whose pattern nested 121 levels was accepted, and the drafts
/// wrapper pushed the stored value past the parser's limit, so every draft was lost on the next
/// load. Each design is now stored as its own design file, which reads back at any legal depth.
#[test]
fn the_deepest_legal_design_reads_back() {
    let deep = nested(98);
    assert!(Design::from_json(&design_text(&deep)).is_ok());
    let s = Storage::default();
    let mut tab = Drafts::new(1, seed());
    s.save(&tab, 1);
    tab.create(2, "Shared design", deep.clone());
    s.save(&tab, 2);
    let back = s.load();
    assert_eq!(back.drafts.len(), 2);
    assert_eq!(back.drafts[1].design, deep);
    assert!(
        Design::from_json(&design_text(&nested(99))).is_err(),
        "one level deeper is refused at the door"
    );
}

#[test]
fn a_corrupted_store_is_recovered_item_by_item() {
    let s = Storage::default();
    let mut tab = Drafts::new(1, seed());
    s.save(&tab, 1);
    tab.create(2, "Second", preset("blank").unwrap());
    s.save(&tab, 2);
    tab.create(3, "Third", seed());
    s.save(&tab, 3);
    s.set(&draft_key(2), "{ not json".into());
    let loaded = load(|k| s.get(k), &s.keys(), Some(2));
    let drafts = loaded.drafts.unwrap();
    assert_eq!(
        drafts.drafts.iter().map(|d| d.id).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(
        drafts.active, 1,
        "the last opened draft is gone: the first opens"
    );
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].key, draft_key(2));
    assert_eq!(loaded.unreadable[0].text, "{ not json");
    assert!(loaded.unreadable[0].reason.contains("\"Second\""));
    // An unreadable index: every draft is still recovered, and the index text offered.
    s.set(INDEX_KEY, "[broken".into());
    let loaded = load(|k| s.get(k), &s.keys(), None);
    let names: Vec<_> = loaded
        .drafts
        .unwrap()
        .drafts
        .iter()
        .map(|d| d.name.clone())
        .collect();
    assert_eq!(names, ["Recovered draft", "Recovered draft 2"]);
    assert_eq!(loaded.to_write, [1, 3]);
    assert!(loaded
        .unreadable
        .iter()
        .any(|u| u.key == INDEX_BACKUP_KEY && u.text == "[broken"));
}

#[test]
fn version_1_is_migrated_draft_by_draft() {
    let good = serde_json::to_value(seed()).unwrap();
    // A design version 1 accepted (deeper than a design file may be now) beside a good one.
    let too_deep = serde_json::to_value(nested(125)).unwrap();
    let v1 = serde_json::json!({ "active": 2, "drafts": [
        { "id": 1, "name": "Mine", "design": good },
        { "id": 2, "name": "Shared design", "design": too_deep },
    ]});
    let text = serde_json::to_string(&v1).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "version 1 could not read this back"
    );
    let s = Storage::default();
    s.set(V1_KEY, text);
    s.set(V1_BACKUP_KEY, serde_json::to_string(&serde_json::json!({ "active": 5, "drafts": [
        { "id": 5, "name": "Mine", "design": serde_json::to_value(preset("blank").unwrap()).unwrap() }
    ]})).unwrap());
    let loaded = load(|k| s.get(k), &s.keys(), None);
    let drafts = loaded.drafts.unwrap();
    let names: Vec<_> = drafts.drafts.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["Mine", "Mine 2"],
        "the backup's drafts come back too"
    );
    assert_eq!(loaded.to_write, [1, 5]);
    assert_eq!(
        loaded.migrated_keys,
        [V1_BACKUP_KEY],
        "the key with a lost draft is kept"
    );
    assert_eq!(loaded.unreadable.len(), 1);
    assert!(loaded.unreadable[0]
        .reason
        .contains("nests more than 101 levels"));
    assert!(Design::from_json(&loaded.unreadable[0].text).is_err());
    assert!(
        loaded.unreadable[0].text.contains("\"detail\""),
        "its text is offered whole"
    );
}

/// Regression: each tab saved its whole list, so the other tab's next edit deleted a draft it had
/// never seen. Now a save writes only its own draft, and a list change is applied to the stored
/// index as it is at that moment.
#[test]
fn two_tabs_never_delete_each_others_drafts() {
    let s = Storage::default();
    let mut a = Drafts::new(1, seed());
    s.save(&a, 1);
    // Tab B opens a shared link: it loads the store and adds a draft.
    let mut b = s.load();
    let change = b.create(42, "Shared design", preset("blank").unwrap());
    s.set(&draft_key(42), design_text(&b.active().design));
    s.change(&change);
    // Tab A edits its own draft and saves, without having synced.
    let mut edited = seed();
    edited.rules[0].notification.title = "A's work".into();
    a.save_active(&edited);
    s.save(&a, 1);
    let both = s.load();
    assert_eq!(both.drafts.len(), 2, "A's save kept B's draft");
    // A follows the index: B's draft appears.
    let index = Index::from_json(&s.get(INDEX_KEY).unwrap()).unwrap();
    let synced = a.sync(&index, |id| {
        s.get(&draft_key(id))
            .and_then(|t| Design::from_json(&t).ok())
    });
    assert_eq!(synced.added, 1);
    assert_eq!(a.drafts.len(), 2);
    // B deletes A's open draft: A keeps it open, and its next save lists it again.
    b.switch(1);
    let change = b.delete(1).unwrap();
    s.change(&change);
    let index = Index::from_json(&s.get(INDEX_KEY).unwrap()).unwrap();
    let synced = a.sync(&index, |_| None);
    assert!(synced.active_deleted);
    assert_eq!(a.active, 1);
    s.save(&a, 1);
    assert_eq!(s.load().drafts.len(), 2);
    // A deletes B's draft: B drops it from its list.
    let change = a.delete(42).unwrap();
    s.change(&change);
    let mut c = Drafts::new(9, seed());
    c.create(42, "x", seed());
    c.switch(9);
    let synced = c.sync(
        &Index::from_json(&s.get(INDEX_KEY).unwrap()).unwrap(),
        |_| None,
    );
    assert_eq!(synced.removed, 1);
}

#[test]
fn new_drafts_are_numbered_from_one() {
    use chatops_designer::domain::design::drafts::Drafts;
    use chatops_designer::domain::design::presets::seed;
    let mut d = Drafts::new(1, seed());
    assert_eq!(d.active().name, "Draft 1");
    assert_eq!(d.next_draft_name(), "Draft 2");
    let name = d.next_draft_name();
    d.create(2, &name, seed());
    assert_eq!(d.active().name, "Draft 2");
    assert_eq!(d.next_draft_name(), "Draft 3");
    d.rename(1, "Mine").unwrap();
    assert_eq!(d.next_draft_name(), "Draft 1");
}
