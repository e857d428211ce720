//! The part of an event a rule reads. A compiled design knows which fields its pattern and its
//! input transformer can look at; `Projection::parse` reads an event's JSON text keeping only
//! those (every other value is checked as JSON and skipped), so replaying a log of events builds a
//! few values per event instead of the whole tree. Matching and transforming the projected event
//! give the same results as the whole event (`tests/it/replay.rs` checks it on every preset).

use memchr::memmem::Finder;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Which fields of an event are read, as a tree of keys; `all` keeps a whole value. At the root,
/// also the texts a matching event must contain (`EventPattern::required_texts`).
#[derive(Debug, Clone, Default)]
pub struct Projection {
    all: bool,
    /// For each leaf every match needs, the texts one of which the event's JSON must contain,
    /// each with its searcher built once.
    needs: Vec<Vec<Finder<'static>>>,
    /// A rule reads a handful of keys per object: a list is faster to search than a hash map.
    keys: Vec<(String, Projection)>,
}

impl Projection {
    /// Nothing read yet.
    pub fn none() -> Self {
        Self::default()
    }
    /// True when the whole event is read.
    pub fn is_everything(&self) -> bool {
        self.all
    }
    /// The projection of the value under `key` (created when new).
    pub fn key(&mut self, key: &str) -> &mut Projection {
        if self.all {
            return self;
        }
        let i = match self.keys.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                self.keys.push((key.to_string(), Projection::default()));
                self.keys.len() - 1
            }
        };
        &mut self.keys[i].1
    }
    fn child(&self, key: &str) -> Option<&Projection> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, p)| p)
    }
    /// Adds the texts of which a matching event's JSON must contain one.
    pub fn needs(&mut self, texts: Vec<Vec<String>>) {
        self.needs.extend(texts.into_iter().map(|alternatives| {
            alternatives
                .iter()
                .map(|t| Finder::new(t.as_bytes()).into_owned())
                .collect()
        }));
    }
    /// True when `text` cannot be an event the rule matches: it has no escapes (so every string
    /// is written as it is) and lacks every text of some leaf the pattern needs. The leaf that
    /// rejected it is tried first next time. The text is not checked as JSON here.
    pub fn cannot_match(&mut self, text: &str) -> bool {
        let bytes = text.as_bytes();
        if self.needs.is_empty() || memchr::memchr(b'\\', bytes).is_some() {
            return false;
        }
        let Some(i) = self
            .needs
            .iter()
            .position(|texts| !texts.iter().any(|t| t.find(bytes).is_some()))
        else {
            return false;
        };
        self.needs[..=i].rotate_right(1);
        true
    }
    /// Keeps this value whole.
    pub fn keep_all(&mut self) {
        self.all = true;
        self.keys.clear();
    }
    /// Reads `text` keeping only the projected fields. `None` when the text is not a JSON object
    /// (the caller reads it whole, for its own error message).
    pub fn parse(&self, text: &str) -> Option<Value> {
        if self.all {
            return serde_json::from_str(text).ok();
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let v = de.deserialize_map(Object(self)).ok()?;
        de.end().ok()?;
        Some(v)
    }
}

/// A key, borrowed from the text when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct K;
        impl<'de> Visitor<'de> for K {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(K)
    }
}

/// Reads an object keeping the projected keys.
struct Object<'p>(&'p Projection);

impl<'de> Visitor<'de> for Object<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(Key(k)) = m.next_key::<Key<'de>>()? {
            match self.0.child(&k) {
                None => {
                    m.next_value::<IgnoredAny>()?;
                }
                Some(child) => {
                    let v = m.next_value_seed(Field(child))?;
                    out.insert(k.into_owned(), v);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// Reads a projected field: whole when kept whole or a scalar, else its projected parts (an
/// array's elements each projected alike, as patterns read arrays).
struct Field<'p>(&'p Projection);

impl<'de> DeserializeSeed<'de> for Field<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.0.all {
            return Value::deserialize(d);
        }
        let raw = <&RawValue>::deserialize(d)?;
        Ok(project(self.0, raw.get()))
    }
}

fn project(p: &Projection, text: &str) -> Value {
    match text.as_bytes().first() {
        Some(b'{') => {
            let mut de = serde_json::Deserializer::from_str(text);
            de.deserialize_map(Object(p)).unwrap_or(Value::Null)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).unwrap_or_default();
            Value::Array(items.into_iter().map(|r| project(p, r.get())).collect())
        }
        _ => serde_json::from_str(text).unwrap_or(Value::Null),
    }
}
