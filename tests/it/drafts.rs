//! Named drafts: create, rename, delete, switch, and storage that never loses the list.

use chatops_designer::domain::drafts::Drafts;
use chatops_designer::domain::presets::{preset, seed};

#[test]
fn create_rename_switch_delete() {
    let mut d = Drafts::new(seed());
    let second = d.create("Shared design", preset("blank").unwrap());
    assert_eq!(d.active, second);
    assert_eq!(d.create("Shared design", seed()), 3);
    assert_eq!(d.drafts[2].name, "Shared design 2");
    assert_eq!(
        d.rename(3, "Draft 1"),
        Err("a draft named \"Draft 1\" exists already".into())
    );
    assert_eq!(d.rename(3, "  "), Err("a draft needs a name".into()));
    d.rename(3, "Payments").unwrap();
    assert_eq!(d.switch(second).unwrap(), &preset("blank").unwrap());
    let mut changed = seed();
    changed.notification.title = "changed".into();
    d.save_active(&changed);
    assert_eq!(d.active().design, changed);
    d.delete(second).unwrap();
    assert_eq!(
        d.active, 3,
        "a neighbour opens when the open draft is deleted"
    );
    d.delete(1).unwrap();
    assert_eq!(d.delete(3), Err("the last draft cannot be deleted".into()));
    let back = Drafts::from_json(&d.to_json()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn unreadable_storage_is_none_not_a_panic() {
    assert_eq!(Drafts::from_json("{"), None);
    assert_eq!(Drafts::from_json(r#"{"active":1,"drafts":[]}"#), None);
    let mut d = Drafts::new(seed());
    d.active = 99;
    assert_eq!(Drafts::from_json(&d.to_json()).unwrap().active, 1);
}
