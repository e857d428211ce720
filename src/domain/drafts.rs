//! Named drafts kept in the browser: switch, create, rename, delete. Plain data with its own JSON form;
//! the UI stores it, the core decides. Imports model.

use super::model::Design;
use serde::{Deserialize, Serialize};

/// One named draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: u64,
    pub name: String,
    pub design: Design,
}

/// Every draft and which one is open. Never empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drafts {
    pub active: u64,
    pub drafts: Vec<Draft>,
}

impl Drafts {
    /// One draft holding `design`.
    pub fn new(design: Design) -> Self {
        Drafts {
            active: 1,
            drafts: vec![Draft {
                id: 1,
                name: "Draft 1".into(),
                design,
            }],
        }
    }

    /// Reads stored drafts; anything unreadable gives `None` (the caller starts fresh and says so).
    pub fn from_json(text: &str) -> Option<Self> {
        let mut d: Drafts = serde_json::from_str(text).ok()?;
        if d.drafts.is_empty() {
            return None;
        }
        if !d.drafts.iter().any(|x| x.id == d.active) {
            d.active = d.drafts[0].id;
        }
        Some(d)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn active(&self) -> &Draft {
        self.drafts
            .iter()
            .find(|d| d.id == self.active)
            .unwrap_or(&self.drafts[0])
    }

    /// Stores the open draft's design.
    pub fn save_active(&mut self, design: &Design) {
        let active = self.active;
        if let Some(d) = self.drafts.iter_mut().find(|d| d.id == active) {
            d.design = design.clone();
        }
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

    /// Adds a draft and opens it; returns its id.
    pub fn create(&mut self, name: &str, design: Design) -> u64 {
        let id = self.drafts.iter().map(|d| d.id).max().unwrap_or(0) + 1;
        let name = self.unique_name(name);
        self.drafts.push(Draft { id, name, design });
        self.active = id;
        id
    }

    /// Renames a draft; an empty or taken name is refused with a message.
    pub fn rename(&mut self, id: u64, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("a draft needs a name".into());
        }
        if self.drafts.iter().any(|d| d.id != id && d.name == name) {
            return Err(format!("a draft named \"{name}\" exists already"));
        }
        match self.drafts.iter_mut().find(|d| d.id == id) {
            Some(d) => {
                d.name = name.to_string();
                Ok(())
            }
            None => Err("that draft no longer exists".into()),
        }
    }

    /// Deletes a draft; the last one cannot be deleted. Opens a neighbour when the open one goes.
    pub fn delete(&mut self, id: u64) -> Result<(), String> {
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
        Ok(())
    }

    /// Opens a draft; returns its design.
    pub fn switch(&mut self, id: u64) -> Option<&Design> {
        let d = self.drafts.iter().find(|d| d.id == id)?;
        self.active = id;
        Some(&d.design)
    }
}
