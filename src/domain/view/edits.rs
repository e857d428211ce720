//! The pure text and list edits the editors make: inserting at a caret given as the browser gives
//! it (UTF-16 code units), moving a list item, renaming a map key in place. Kept here, not in the
//! UI, so they are tested natively.

use indexmap::IndexMap;

/// Inserts `insert` into `text` at a caret given in UTF-16 code units (end of text when unknown).
pub fn insert_at(text: &str, caret: Option<u32>, insert: &str) -> String {
    let byte = match caret {
        None => text.len(),
        Some(units) => {
            let mut seen = 0u32;
            text.char_indices()
                .find(|(_, c)| {
                    let here = seen >= units;
                    seen += c.len_utf16() as u32;
                    here
                })
                .map(|(b, _)| b)
                .unwrap_or(text.len())
        }
    };
    format!("{}{insert}{}", &text[..byte], &text[byte..])
}

/// Moves item `from` to index `to`, the others keeping their order (drag and drop).
pub fn move_item<T>(v: &mut Vec<T>, from: usize, to: usize) {
    if from < v.len() && to < v.len() && from != to {
        let x = v.remove(from);
        v.insert(to, x);
    }
}

/// Renames key `i` of a map in place, keeping order; refuses a name already used.
pub fn rename(map: &mut IndexMap<String, String>, i: usize, new: String) -> Result<(), String> {
    if map.get_index(i).is_some_and(|(k, _)| *k == new) {
        return Ok(());
    }
    if map.contains_key(&new) {
        return Err(format!("`{new}` is already used; names must be unique"));
    }
    let Some((_, v)) = map.get_index(i).map(|(k, v)| (k.clone(), v.clone())) else {
        return Ok(());
    };
    map.insert(new.clone(), v);
    let last = map.len() - 1;
    map.move_index(last, i);
    map.shift_remove_index(i + 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_at_counts_the_caret_in_utf16_units() {
        assert_eq!(insert_at("ab", Some(1), "X"), "aXb");
        assert_eq!(insert_at("ab", None, "X"), "abX");
        assert_eq!(insert_at("ab", Some(9), "X"), "abX");
        // An emoji is two UTF-16 units: the caret after it is 2.
        assert_eq!(insert_at("🚀b", Some(2), "X"), "🚀Xb");
        assert_eq!(insert_at("é🚀", Some(1), "X"), "éX🚀");
    }

    #[test]
    fn move_item_keeps_the_others_in_order_and_ignores_bad_indexes() {
        let mut v = vec![1, 2, 3, 4];
        move_item(&mut v, 0, 2);
        assert_eq!(v, [2, 3, 1, 4]);
        move_item(&mut v, 3, 0);
        assert_eq!(v, [4, 2, 3, 1]);
        move_item(&mut v, 9, 0);
        move_item(&mut v, 0, 9);
        assert_eq!(v, [4, 2, 3, 1]);
    }

    #[test]
    fn rename_keeps_the_place_and_refuses_a_name_in_use() {
        let mut m: IndexMap<String, String> = [("a", "1"), ("b", "2"), ("c", "3")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        rename(&mut m, 1, "x".into()).unwrap();
        assert_eq!(
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
            ["a=1", "x=2", "c=3"]
        );
        assert_eq!(
            rename(&mut m, 0, "c".into()),
            Err("`c` is already used; names must be unique".into())
        );
        assert_eq!(rename(&mut m, 0, "a".into()), Ok(()));
        assert_eq!(rename(&mut m, 7, "z".into()), Ok(()));
        assert_eq!(m.len(), 3);
    }
}

/// The rule edits of the rule list: each keeps the design's rules unique by name and never
/// leaves it without a rule, and returns the index of the rule to select afterwards.
pub mod rules {
    use crate::domain::design::model::{Design, NotificationDesign, RuleDesign, MAX_RULES};

    /// `base`, or `base-2`, `base-3`, … : a name no rule of `d` has (at most 64 characters).
    pub fn unique_name(d: &Design, base: &str) -> String {
        let base: String = base.chars().take(58).collect();
        let taken = |n: &str| d.rules.iter().any(|r| r.name == n);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|i| format!("{base}-{i}"))
            .find(|n| !taken(n))
            .unwrap_or(base)
    }

    /// Adds a rule after `after`: it matches what that rule matches and reads the same input
    /// paths, with a notification of its own to write. `None` when the design has
    /// `MAX_RULES` rules.
    pub fn add(d: &mut Design, after: usize) -> Option<usize> {
        if d.rules.len() >= MAX_RULES {
            return None;
        }
        let like = d.rules.get(after).or(d.rules.last()).cloned();
        let at = (after + 1).min(d.rules.len());
        let rule = RuleDesign {
            name: unique_name(d, "new-rule"),
            description: String::new(),
            enabled: true,
            event_pattern: like
                .as_ref()
                .map_or_else(|| serde_json::json!({}), |r| r.event_pattern.clone()),
            input_paths: like.map(|r| r.input_paths).unwrap_or_default(),
            input_template_override: None,
            notification: NotificationDesign {
                description: "Describe what happened here".into(),
                ..Default::default()
            },
        };
        d.rules.insert(at, rule);
        Some(at)
    }

    /// Adds a copy of rule `i` after it, named `<name>-copy` (made unique).
    pub fn duplicate(d: &mut Design, i: usize) -> Option<usize> {
        if d.rules.len() >= MAX_RULES {
            return None;
        }
        let mut copy = d.rules.get(i)?.clone();
        copy.name = unique_name(d, &format!("{}-copy", copy.name));
        d.rules.insert(i + 1, copy);
        Some(i + 1)
    }

    /// Removes rule `i`, unless it is the design's only rule; the rule selected after it.
    pub fn remove(d: &mut Design, i: usize) -> Option<usize> {
        if d.rules.len() < 2 || i >= d.rules.len() {
            return None;
        }
        d.rules.remove(i);
        Some(i.min(d.rules.len() - 1))
    }

    /// Moves rule `i` one place up (`-1`) or down (`1`); the rule's new index.
    pub fn shift(d: &mut Design, i: usize, by: isize) -> Option<usize> {
        let to = i.checked_add_signed(by)?;
        if i >= d.rules.len() || to >= d.rules.len() {
            return None;
        }
        d.rules.swap(i, to);
        Some(to)
    }
}
