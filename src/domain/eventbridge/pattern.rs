//! EventBridge event patterns: parsing with located errors, matching with Ruler's semantics
//! (array-consistent matching of arrays of objects), and a per-field match report.
//! Imports diagnostics and JSON text facts.

use crate::domain::base::assumptions;
use crate::domain::base::diagnostic::LineCursor;
use crate::domain::base::diagnostic::{
    excerpt, excerpt_json, json_chars, merge_repeats, name_list, pointer_push, Diagnostic,
    MAX_LOCATED,
};
use crate::domain::base::jsontext::{self, duplicate_keys, TextError};
use crate::domain::eventbridge::projection::Projection;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::net::IpAddr;

/// PutRule's EventPattern length limit: a longer pattern is neither created nor matched.
pub const MAX_PATTERN_CHARS: usize = 4096;

/// The `$or` combination limit: a pattern whose `$or`s expand to more rules is rejected.
pub const MAX_OR_COMBINATIONS: u64 = 1000;

/// The pattern a text typed into the rule editor holds, or why it holds none: JSON explained in
/// plain words, and no deeper than a design file may hold (refused at the door, before parsing).
pub fn pattern_json(text: &str) -> Result<Value, TextError> {
    let limit = crate::domain::design::model::PATTERN_DEPTH;
    // Depth first: a pattern nested past what the parser reads is told the pattern's own limit.
    if let Some(at) = jsontext::deeper_than(text, limit) {
        return Err(TextError::new(
            format!(
                "the pattern nests more than {limit} levels deep, more than a design file may hold (at most {limit})"
            ),
            Some(LineCursor::new(text).at(at)),
        ));
    }
    jsontext::parse(text)
        .map_err(|e| TextError::new(format!("not valid JSON at {e}"), Some((e.line, e.column))))
}

/// A parsed event pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPattern {
    root: PatternObject,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct PatternObject {
    fields: Vec<(String, FieldPattern)>,
    ors: Vec<Vec<PatternObject>>,
    /// True when every leaf in this object and below it is `{"exists": false}` only: matched
    /// against an array of objects, such a sub-pattern sees the fields of every element, as
    /// event-ruler's does (no other field picks an element).
    only_exists_false: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum FieldPattern {
    Nested(PatternObject),
    Leaf(LeafPattern),
}

/// The values and operators a leaf field may match. Exact strings, prefixes and suffixes are also
/// kept as sets (with their distinct lengths), so a long list against a long array costs a few
/// lookups per event value instead of one comparison per pair.
#[derive(Debug, Clone, PartialEq)]
struct LeafPattern {
    matchers: Vec<Matcher>,
    exact: HashSet<String>,
    prefixes: Affixes,
    suffixes: Affixes,
}

/// Strings a value must start (or end) with, and their distinct lengths in bytes.
#[derive(Debug, Clone, PartialEq, Default)]
struct Affixes {
    set: HashSet<String>,
    lens: Vec<usize>,
}

impl Affixes {
    fn new<'a>(items: impl Iterator<Item = &'a String>) -> Self {
        let set: HashSet<String> = items.cloned().collect();
        let mut lens: Vec<usize> = set.iter().map(String::len).collect();
        lens.sort_unstable();
        lens.dedup();
        Self { set, lens }
    }
    fn any_prefix_of(&self, s: &str) -> bool {
        self.lens
            .iter()
            .any(|&n| s.get(..n).is_some_and(|p| self.set.contains(p)))
    }
    fn any_suffix_of(&self, s: &str) -> bool {
        self.lens
            .iter()
            .any(|&n| s.len() >= n && s.get(s.len() - n..).is_some_and(|p| self.set.contains(p)))
    }
}

impl LeafPattern {
    fn new(matchers: Vec<Matcher>) -> Self {
        let pick = |f: fn(&MatcherKind) -> Option<&String>| {
            matchers.iter().filter_map(move |m| f(&m.kind))
        };
        Self {
            exact: pick(|k| match k {
                MatcherKind::ExactString(s) => Some(s),
                _ => None,
            })
            .cloned()
            .collect(),
            prefixes: Affixes::new(pick(|k| match k {
                MatcherKind::Prefix(s) => Some(s),
                _ => None,
            })),
            suffixes: Affixes::new(pick(|k| match k {
                MatcherKind::Suffix(s) => Some(s),
                _ => None,
            })),
            matchers,
        }
    }

    /// True when any value or operator matches the field's leaves. `elsewhere`: another element
    /// of an enclosing array of objects holds the field, so `exists: false` does not hold.
    fn matches(&self, leaves: &[&Value], elsewhere: bool) -> bool {
        let indexed = !self.exact.is_empty()
            || !self.prefixes.set.is_empty()
            || !self.suffixes.set.is_empty();
        (indexed
            && leaves.iter().filter_map(|l| l.as_str()).any(|s| {
                self.exact.contains(s)
                    || self.prefixes.any_prefix_of(s)
                    || self.suffixes.any_suffix_of(s)
            }))
            || self
                .matchers
                .iter()
                .filter(|m| {
                    !matches!(
                        m.kind,
                        MatcherKind::ExactString(_)
                            | MatcherKind::Prefix(_)
                            | MatcherKind::Suffix(_)
                    )
                })
                .any(|m| {
                    !(elsewhere && m.kind == MatcherKind::Exists(false)) && m.matches_leaves(leaves)
                })
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Matcher {
    kind: MatcherKind,
    /// The pattern element as written, for reports.
    source: Value,
}

#[derive(Debug, Clone, PartialEq)]
enum MatcherKind {
    ExactString(String),
    ExactNumber(String),
    ExactBool(bool),
    ExactNull,
    Prefix(String),
    PrefixIgnoreCase(String),
    Suffix(String),
    SuffixIgnoreCase(String),
    EqualsIgnoreCase(String),
    Wildcard(Wildcard),
    AnythingBut(AnythingBut),
    Numeric(Vec<(Cmp, f64)>),
    Exists(bool),
    Cidr(Cidr),
}

#[derive(Debug, Clone, PartialEq)]
enum AnythingBut {
    Strings(HashSet<String>),
    Numbers(Vec<f64>),
    Prefixes(Vec<String>),
    Suffixes(Vec<String>),
    IgnoreCase(Vec<String>),
    Wildcards(Vec<Wildcard>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    Lt,
    Le,
    Eq,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
struct Cidr {
    net: IpAddr,
    bits: u8,
}

/// A wildcard pattern: literal characters and `*`.
#[derive(Debug, Clone, PartialEq)]
struct Wildcard(Vec<WTok>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum WTok {
    Lit(char),
    Star,
}

const OPERATORS: &str =
    "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr";

// ---------------------------------------------------------------------------------------------
// Parsing

/// A warning for each key written twice in one object of a pattern's JSON text: serde_json keeps
/// the last, as the guide says EventBridge does; event-ruler keeps the first. One pass over the
/// text, so the pattern editor can call it on every keystroke.
pub fn duplicate_key_warnings(text: &str) -> Vec<Diagnostic> {
    let duplicates = duplicate_keys(text);
    let message = assumptions::PATTERN_DUPLICATE_KEYS.text;
    let mut out: Vec<Diagnostic> = duplicates
        .first
        .iter()
        .map(|d| Diagnostic::warning(&d.pointer, message).at(d.line, d.column))
        .collect();
    if duplicates.count > duplicates.first.len() {
        out.push(Diagnostic::warning(
            "",
            format!("{} repeated keys in all", duplicates.count),
        ));
    }
    out
}

/// Parses an event pattern given as JSON text (a leading byte-order mark skipped). Syntax errors
/// carry line and column, counted in characters of the text as given, and say in plain words what
/// is wrong.
pub fn parse_pattern_text(text: &str) -> (Option<EventPattern>, Vec<Diagnostic>) {
    match crate::domain::base::jsontext::parse(text) {
        Ok(v) => {
            let (p, mut diags) = parse_pattern(&v);
            diags.extend(duplicate_key_warnings(text));
            (p, diags)
        }
        Err(e) => (
            None,
            vec![
                Diagnostic::error("", format!("the pattern is not valid JSON: {}", e.reason))
                    .at(e.line, e.column),
            ],
        ),
    }
}

/// Parses an event pattern. Every error names its JSON pointer and what would be allowed; the
/// pattern is `None` when there is any error.
pub fn parse_pattern(value: &Value) -> (Option<EventPattern>, Vec<Diagnostic>) {
    crate::domain::base::parses::count(crate::domain::base::parses::Input::Pattern);
    let mut diags = Vec::new();
    let Some(obj) = value.as_object() else {
        diags.push(Diagnostic::error(
            "",
            "an event pattern must be a JSON object, e.g. {\"source\": [\"aws.codedeploy\"]}",
        ));
        return (None, diags);
    };
    if obj.is_empty() {
        diags.push(Diagnostic::error(
            "",
            "an event pattern needs at least one field, e.g. {\"source\": [\"aws.codedeploy\"]}",
        ));
        return (None, diags);
    }
    let n = json_chars(value);
    if n > MAX_PATTERN_CHARS {
        diags.push(Diagnostic::error(
            "",
            format!("the pattern is {n} characters; PutRule accepts at most {MAX_PATTERN_CHARS}, so it is not matched (its fields are checked once it fits)"),
        ));
        return (None, diags);
    }
    let root = parse_object(obj, "", &mut diags);
    let diags = merge_repeats(diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let mut diags = diags;
    let combos = root.combinations();
    if combos > MAX_OR_COMBINATIONS {
        diags.push(Diagnostic::error(
            "",
            format!("the $or operators expand to {combos} combinations; EventBridge allows at most {MAX_OR_COMBINATIONS}"),
        ));
        return (None, diags);
    }
    (Some(EventPattern { root }), diags)
}

fn parse_object(obj: &Map<String, Value>, at: &str, diags: &mut Vec<Diagnostic>) -> PatternObject {
    let mut out = PatternObject::default();
    parse_members(obj, at, &mut out, diags);
    out.only_exists_false = !(out.fields.is_empty() && out.ors.is_empty())
        && out.fields.iter().all(|(_, f)| match f {
            FieldPattern::Nested(o) => o.only_exists_false,
            FieldPattern::Leaf(l) => {
                !l.matchers.is_empty()
                    && l.matchers
                        .iter()
                        .all(|m| m.kind == MatcherKind::Exists(false))
            }
        })
        && out.ors.iter().flatten().all(|b| b.only_exists_false);
    out
}

fn parse_members(
    obj: &Map<String, Value>,
    at: &str,
    out: &mut PatternObject,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, v) in obj {
        let here = pointer_push(at, key);
        if key == "$or" && is_or_operator(v) {
            parse_or(v, &here, out, diags);
            continue;
        }
        match v {
            Value::Object(m) => {
                if m.is_empty() {
                    diags.push(Diagnostic::error(
                        &here,
                        "an empty object matches nothing: give nested fields or remove it",
                    ));
                    continue;
                }
                out.fields.push((
                    key.clone(),
                    FieldPattern::Nested(parse_object(m, &here, diags)),
                ));
            }
            Value::Array(items) => {
                if items.is_empty() {
                    diags.push(Diagnostic::error(
                        &here,
                        "an empty array matches nothing: list at least one value or operator",
                    ));
                    continue;
                }
                let mut ms = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let loc = format!("{here}/{i}");
                    if let Some(m) = parse_matcher(item, &loc, diags) {
                        ms.push(m);
                    }
                }
                out.fields
                    .push((key.clone(), FieldPattern::Leaf(LeafPattern::new(ms))));
            }
            other => diags.push(Diagnostic::error(
                &here,
                format!(
                    "a match value must be an array, e.g. [{}], or an object of nested fields",
                    excerpt_json(other)
                ),
            )),
        }
    }
}

/// A `$or` is the operator when its value is an array holding an object; otherwise (an object,
/// or an array of values) it is a field named `$or`, as event-ruler and Amazon SNS read it.
pub(crate) fn is_or_operator(v: &Value) -> bool {
    v.as_array()
        .is_some_and(|items| items.iter().any(Value::is_object))
}

fn parse_or(v: &Value, here: &str, out: &mut PatternObject, diags: &mut Vec<Diagnostic>) {
    let Some(items) = v.as_array() else {
        diags.push(Diagnostic::error(
            here,
            "$or takes an array of at least two pattern objects",
        ));
        return;
    };
    if items.len() < 2 {
        diags.push(Diagnostic::error(
            here,
            format!(
                "$or needs at least two pattern objects, found {}",
                items.len()
            ),
        ));
        return;
    }
    let mut branches = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let loc = format!("{here}/{i}");
        match item.as_object() {
            Some(m) if !m.is_empty() => branches.push(parse_object(m, &loc, diags)),
            Some(_) => diags.push(Diagnostic::error(&loc, "a $or branch must not be empty")),
            None => diags.push(Diagnostic::error(
                &loc,
                format!(
                    "a $or branch must be a pattern object, found {}",
                    excerpt_json(item)
                ),
            )),
        }
    }
    out.ors.push(branches);
}

fn one_key<'a>(
    m: &'a Map<String, Value>,
    at: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'a String, &'a Value)> {
    if m.len() != 1 {
        diags.push(Diagnostic::error(
            at,
            format!(
                "{what} must hold exactly one key, found {}: {}",
                m.len(),
                name_list(m.keys().map(String::as_str))
            ),
        ));
        return None;
    }
    m.iter().next()
}

fn parse_matcher(item: &Value, at: &str, diags: &mut Vec<Diagnostic>) -> Option<Matcher> {
    let kind = match item {
        Value::String(s) => MatcherKind::ExactString(s.clone()),
        Value::Number(n) => MatcherKind::ExactNumber(n.to_string()),
        Value::Bool(b) => MatcherKind::ExactBool(*b),
        Value::Null => MatcherKind::ExactNull,
        Value::Array(_) => {
            diags.push(Diagnostic::error(
                at,
                "a nested array is not allowed here: list strings, numbers, true/false, null or operator objects",
            ));
            return None;
        }
        Value::Object(m) => {
            let (op, arg) = one_key(m, at, "an operator object", diags)?;
            let loc = pointer_push(at, op);
            parse_operator(op, arg, &loc, diags)?
        }
    };
    Some(Matcher {
        kind,
        source: item.clone(),
    })
}

fn want_string<'a>(
    v: &'a Value,
    at: &str,
    op: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
    match v {
        Value::String(s) => Some(s),
        other => {
            diags.push(Diagnostic::error(
                at,
                format!("{op} takes a single string, found {}", excerpt_json(other)),
            ));
            None
        }
    }
}

fn parse_operator(
    op: &str,
    arg: &Value,
    at: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<MatcherKind> {
    match op {
        "prefix" | "suffix" => {
            let (text, ignore_case) = match arg {
                Value::Object(m) => {
                    let (inner, v) = one_key(m, at, &format!("{op} with an object"), diags)?;
                    if inner != "equals-ignore-case" {
                        diags.push(Diagnostic::error(
                            pointer_push(at, inner),
                            format!("unknown operator `{}` inside {op}; only equals-ignore-case is allowed there", excerpt(inner)),
                        ));
                        return None;
                    }
                    let s = want_string(
                        v,
                        &pointer_push(at, inner),
                        &format!("{op} equals-ignore-case"),
                        diags,
                    )?;
                    (s.to_string(), true)
                }
                other => (want_string(other, at, op, diags)?.to_string(), false),
            };
            Some(match (op, ignore_case) {
                ("prefix", false) => MatcherKind::Prefix(text),
                ("prefix", true) => MatcherKind::PrefixIgnoreCase(text),
                (_, false) => MatcherKind::Suffix(text),
                (_, true) => MatcherKind::SuffixIgnoreCase(text),
            })
        }
        "equals-ignore-case" => Some(MatcherKind::EqualsIgnoreCase(
            want_string(arg, at, op, diags)?.to_string(),
        )),
        "wildcard" => {
            let s = want_string(arg, at, op, diags)?;
            Some(MatcherKind::Wildcard(parse_wildcard(s, at, diags)?))
        }
        "exists" => match arg {
            Value::Bool(b) => Some(MatcherKind::Exists(*b)),
            other => {
                diags.push(Diagnostic::error(
                    at,
                    format!("exists takes true or false, found {}", excerpt_json(other)),
                ));
                None
            }
        },
        "cidr" => {
            let s = want_string(arg, at, op, diags)?;
            match parse_cidr(s) {
                Ok(c) => Some(MatcherKind::Cidr(c)),
                Err(e) => {
                    diags.push(Diagnostic::error(
                        at,
                        format!("cidr \"{}\" is malformed: {e}", excerpt(s)),
                    ));
                    None
                }
            }
        }
        "numeric" => parse_numeric(arg, at, diags).map(MatcherKind::Numeric),
        "anything-but" => parse_anything_but(arg, at, diags).map(MatcherKind::AnythingBut),
        other => {
            diags.push(Diagnostic::error(
                at,
                format!(
                    "unknown operator `{}`; choose from: {OPERATORS}",
                    excerpt(other)
                ),
            ));
            None
        }
    }
}

fn parse_numeric(arg: &Value, at: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<(Cmp, f64)>> {
    let err = |diags: &mut Vec<Diagnostic>, m: String| {
        diags.push(Diagnostic::error(at, m));
        None
    };
    let Some(items) = arg.as_array() else {
        return err(
            diags,
            format!(
                "numeric takes an array such as [\">\", 0, \"<=\", 5], found {}",
                excerpt_json(arg)
            ),
        );
    };
    if items.len() != 2 && items.len() != 4 {
        return err(
            diags,
            format!("numeric takes one comparison [\"<\", 5] or a range [\">\", 0, \"<=\", 5], found {} elements", items.len()),
        );
    }
    let mut out = Vec::new();
    for pair in items.chunks(2) {
        let op = match pair[0].as_str() {
            Some("<") => Cmp::Lt,
            Some("<=") => Cmp::Le,
            Some("=") => Cmp::Eq,
            Some(">") => Cmp::Gt,
            Some(">=") => Cmp::Ge,
            _ => {
                return err(
                    diags,
                    format!(
                        "unknown numeric operator {}; choose from: <, <=, =, >, >=",
                        excerpt_json(&pair[0])
                    ),
                )
            }
        };
        let Some(n) = pair[1].as_number().and_then(|n| n.as_f64()) else {
            return err(
                diags,
                format!(
                    "numeric operator {} needs a JSON number, found {}",
                    excerpt_json(&pair[0]),
                    excerpt_json(&pair[1])
                ),
            );
        };
        if n.abs() > 5.0e9 {
            diags.push(Diagnostic::warning(
                at,
                format!("{n} is outside -5.0e9..5.0e9, the range EventBridge documents for numeric matching"),
            ));
        }
        out.push((op, n));
    }
    if out.len() == 2 {
        let (lo, hi) = (out[0], out[1]);
        if !matches!(lo.0, Cmp::Gt | Cmp::Ge) || !matches!(hi.0, Cmp::Lt | Cmp::Le) {
            return err(
                diags,
                "a numeric range is a lower bound (> or >=) followed by an upper bound (< or <=)"
                    .into(),
            );
        }
        if lo.1 >= hi.1 {
            return err(diags, format!("the numeric range {} .. {} is empty: the lower bound must be below the upper bound", lo.1, hi.1));
        }
    }
    Some(out)
}

fn string_list(
    v: &Value,
    at: &str,
    what: &str,
    allow_empty: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let items: Vec<&Value> = match v {
        Value::Array(a) if !a.is_empty() => a.iter().collect(),
        Value::Array(_) => {
            diags.push(Diagnostic::error(
                at,
                format!("{what} needs at least one string"),
            ));
            return None;
        }
        other => vec![other],
    };
    let mut out = Vec::new();
    for item in items {
        match item.as_str() {
            Some("") if !allow_empty => {
                diags.push(Diagnostic::error(
                    at,
                    format!("{what} must not be an empty string"),
                ));
                return None;
            }
            Some(s) => out.push(s.to_string()),
            None => {
                diags.push(Diagnostic::error(
                    at,
                    format!(
                        "{what} takes a string or a list of strings, found {}",
                        excerpt_json(item)
                    ),
                ));
                return None;
            }
        }
    }
    Some(out)
}

fn parse_anything_but(arg: &Value, at: &str, diags: &mut Vec<Diagnostic>) -> Option<AnythingBut> {
    match arg {
        Value::String(s) => Some(AnythingBut::Strings(HashSet::from([s.clone()]))),
        Value::Number(n) => Some(AnythingBut::Numbers(vec![n.as_f64().unwrap_or(f64::NAN)])),
        Value::Array(items) => {
            if items.is_empty() {
                diags.push(Diagnostic::error(
                    at,
                    "anything-but needs at least one value",
                ));
                return None;
            }
            if items.iter().all(Value::is_string) {
                Some(AnythingBut::Strings(
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect(),
                ))
            } else if items.iter().all(Value::is_number) {
                Some(AnythingBut::Numbers(
                    items.iter().filter_map(Value::as_f64).collect(),
                ))
            } else {
                diags.push(Diagnostic::error(
                    at,
                    "an anything-but list holds only strings or only numbers",
                ));
                None
            }
        }
        Value::Object(m) => {
            let (op, v) = one_key(m, at, "anything-but with an object", diags)?;
            let loc = pointer_push(at, op);
            let what = format!("anything-but {op}");
            Some(match op.as_str() {
                "prefix" => AnythingBut::Prefixes(string_list(v, &loc, &what, false, diags)?),
                "suffix" => AnythingBut::Suffixes(string_list(v, &loc, &what, false, diags)?),
                "equals-ignore-case" => {
                    AnythingBut::IgnoreCase(string_list(v, &loc, &what, true, diags)?)
                }
                "wildcard" => {
                    let list = string_list(v, &loc, &what, true, diags)?;
                    let mut ws = Vec::new();
                    for s in list {
                        ws.push(parse_wildcard(&s, &loc, diags)?);
                    }
                    AnythingBut::Wildcards(ws)
                }
                other => {
                    diags.push(Diagnostic::error(
                        &loc,
                        format!("unknown operator `{}` inside anything-but; choose from: prefix, suffix, equals-ignore-case, wildcard", excerpt(other)),
                    ));
                    return None;
                }
            })
        }
        other => {
            diags.push(Diagnostic::error(
                at,
                format!("anything-but takes a string, a number, a list of either, or an object with prefix, suffix, equals-ignore-case or wildcard; found {}", excerpt_json(other)),
            ));
            None
        }
    }
}

fn parse_wildcard(s: &str, at: &str, diags: &mut Vec<Diagnostic>) -> Option<Wildcard> {
    let mut toks = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('*' | '\\')) => toks.push(WTok::Lit(e)),
                other => {
                    let what = other
                        .map(|c| format!("`\\{c}`"))
                        .unwrap_or_else(|| "a trailing `\\`".into());
                    diags.push(Diagnostic::error(
                        at,
                        format!("wildcard \"{}\" has {what}: a backslash may only escape `*` (\\*) or itself (\\\\)", excerpt(s)),
                    ));
                    return None;
                }
            },
            '*' => {
                if toks.last() == Some(&WTok::Star) {
                    diags.push(Diagnostic::error(
                        at,
                        format!("wildcard \"{}\" has consecutive `*` characters, which EventBridge rejects; use a single `*`", excerpt(s)),
                    ));
                    return None;
                }
                toks.push(WTok::Star);
            }
            c => toks.push(WTok::Lit(c)),
        }
    }
    Some(Wildcard(toks))
}

fn parse_cidr(s: &str) -> Result<Cidr, String> {
    let (addr, bits) = match s.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let ip: IpAddr = addr
        .parse()
        .map_err(|_| format!("`{addr}` is not an IPv4 or IPv6 address"))?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let bits = match bits {
        None => max,
        Some(b) => {
            let n: u32 = b
                .parse()
                .map_err(|_| format!("the mask `{b}` is not a number from 0 to {max}"))?;
            if n > max as u32 {
                return Err(format!("the mask /{n} is longer than {max} bits"));
            }
            n as u8
        }
    };
    Ok(Cidr { net: ip, bits })
}

impl PatternObject {
    fn combinations(&self) -> u64 {
        let mut total: u64 = 1;
        for (_, f) in &self.fields {
            if let FieldPattern::Nested(o) = f {
                total = total.saturating_mul(o.combinations());
            }
        }
        for branches in &self.ors {
            let sum = branches
                .iter()
                .fold(0u64, |acc, b| acc.saturating_add(b.combinations()));
            total = total.saturating_mul(sum);
        }
        total
    }
}

// ---------------------------------------------------------------------------------------------
// Matching

impl EventPattern {
    /// True when the event matches (EventBridge/Ruler semantics).
    pub fn matches(&self, event: &Value) -> bool {
        match_object(&self.root, Some(event), None)
    }

    /// Adds the event fields this pattern can read to `into` (a leaf's whole value).
    pub fn reads(&self, into: &mut Projection) {
        fn object(p: &PatternObject, into: &mut Projection) {
            for (k, f) in &p.fields {
                match f {
                    FieldPattern::Nested(sub) => object(sub, into.key(k)),
                    FieldPattern::Leaf(_) => into.key(k).keep_all(),
                }
            }
            for branch in p.ors.iter().flatten() {
                object(branch, into);
            }
        }
        object(&self.root, into);
    }

    /// For each leaf that every match needs (a field outside `$or` whose values are only exact
    /// strings, prefixes or suffixes), the texts of which an event's JSON must contain one to
    /// match, when the JSON has no escapes (`\`): `"value"`, `"prefix` or `suffix"`. A replay
    /// rejects most events of a log with a few substring searches this way.
    pub fn required_texts(&self) -> Vec<Vec<String>> {
        fn object(p: &PatternObject, out: &mut Vec<Vec<String>>) {
            for (_, f) in &p.fields {
                match f {
                    FieldPattern::Nested(sub) => object(sub, out),
                    FieldPattern::Leaf(leaf) => {
                        let token = |s: &str| serde_json::to_string(s).unwrap_or_default();
                        let texts: Option<Vec<String>> = leaf
                            .matchers
                            .iter()
                            .map(|m| match &m.kind {
                                MatcherKind::ExactString(s) => Some(token(s)),
                                MatcherKind::Prefix(s) => {
                                    Some(token(s).trim_end_matches('"').to_string())
                                }
                                MatcherKind::Suffix(s) => Some(token(s)[1..].to_string()),
                                _ => None,
                            })
                            // A value JSON writes with an escape is not searched for.
                            .filter(|t| t.as_ref().is_none_or(|t| !t.contains('\\')))
                            .collect();
                        if let Some(texts) = texts.filter(|t| !t.is_empty()) {
                            out.push(texts);
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        object(&self.root, &mut out);
        out
    }

    /// Matches and explains, field by field.
    pub fn report(&self, event: &Value) -> MatchReport {
        let mut fields = Vec::new();
        report_object(&self.root, &[event], "", "", false, &mut fields);
        MatchReport {
            matched: self.matches(event),
            fields,
        }
    }
}

/// Which `exists: false` fields hold a value somewhere in an array of objects, mirroring a
/// pattern object: event-ruler reads such a field as present in every element of the array.
#[derive(Debug, Default)]
struct Presence {
    /// Per field of the pattern object: a leaf's presence, or a nested object's.
    fields: Vec<(bool, Option<Presence>)>,
    ors: Vec<Vec<Presence>>,
}

/// Objects among the values, arrays flattened.
fn objects<'a>(vals: impl IntoIterator<Item = &'a Value>) -> Vec<&'a Map<String, Value>> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
        match v {
            Value::Object(m) => out.push(m),
            Value::Array(a) => a.iter().for_each(|e| walk(e, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    vals.into_iter().for_each(|v| walk(v, &mut out));
    out
}

fn presence(p: &PatternObject, objs: &[&Map<String, Value>]) -> Presence {
    Presence {
        fields: p
            .fields
            .iter()
            .map(|(k, f)| match f {
                FieldPattern::Leaf(_) => (
                    objs.iter()
                        .any(|m| !leaf_values(m.get(k.as_str())).is_empty()),
                    None,
                ),
                FieldPattern::Nested(sub) => (
                    false,
                    Some(presence(
                        sub,
                        &objects(objs.iter().filter_map(|m| m.get(k.as_str()))),
                    )),
                ),
            })
            .collect(),
        ors: p
            .ors
            .iter()
            .map(|bs| bs.iter().map(|b| presence(b, objs)).collect())
            .collect(),
    }
}

fn match_object(p: &PatternObject, ev: Option<&Value>, outer: Option<&Presence>) -> bool {
    if let Some(Value::Array(items)) = ev {
        // Array consistency: every field of this sub-pattern must match within one element,
        // except that a sub-pattern of `exists: false` fields alone sees the fields of every
        // element (an enclosing array's view already covers this one's).
        let local = match outer {
            None if p.only_exists_false => Some(presence(p, &objects(items))),
            _ => None,
        };
        let seen = outer.or(local.as_ref());
        return items.iter().any(|e| match_object(p, Some(e), seen));
    }
    let obj = ev.and_then(Value::as_object);
    let get = |k: &str| obj.and_then(|m| m.get(k));
    p.fields.iter().enumerate().all(|(i, (k, f))| {
        let seen = outer.and_then(|o| o.fields.get(i));
        match f {
            FieldPattern::Nested(sub) => {
                let inner = seen.and_then(|s| s.1.as_ref());
                match get(k) {
                    Some(v @ (Value::Object(_) | Value::Array(_))) => {
                        match_object(sub, Some(v), inner)
                    }
                    _ => match_object(sub, None, inner),
                }
            }
            FieldPattern::Leaf(lp) => lp.matches(&leaf_values(get(k)), seen.is_some_and(|s| s.0)),
        }
    }) && p.ors.iter().enumerate().all(|(i, branches)| {
        branches.iter().enumerate().any(|(j, b)| {
            let seen = outer.and_then(|o| o.ors.get(i)).and_then(|bs| bs.get(j));
            match_object(b, ev, seen)
        })
    })
}

/// The leaf values a field holds: itself, or the leaf elements of an array (nested arrays too).
fn leaf_values(v: Option<&Value>) -> Vec<&Value> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
        match v {
            Value::Array(a) => a.iter().for_each(|e| walk(e, out)),
            Value::Object(_) => {}
            leaf => out.push(leaf),
        }
    }
    let mut out = Vec::new();
    if let Some(v) = v {
        walk(v, &mut out);
    }
    out
}

/// Case folding as Ruler does it (Java full case mapping): upper case, then lower case, so that
/// characters with multi-code-point upper cases and signs like U+212A KELVIN compare equal.
fn fold(s: &str) -> String {
    s.to_uppercase().to_lowercase()
}
fn eq_ignore_case(a: &str, b: &str) -> bool {
    a == b || fold(a) == fold(b)
}
fn prefix_ignore_case(v: &str, p: &str) -> bool {
    fold(v).starts_with(&fold(p))
}
fn suffix_ignore_case(v: &str, p: &str) -> bool {
    fold(v).ends_with(&fold(p))
}

impl Matcher {
    fn matches_leaves(&self, leaves: &[&Value]) -> bool {
        match self.kind {
            MatcherKind::Exists(true) => !leaves.is_empty(),
            MatcherKind::Exists(false) => leaves.is_empty(),
            _ => leaves.iter().any(|l| self.matches_leaf(l)),
        }
    }

    fn matches_leaf(&self, v: &Value) -> bool {
        let s = v.as_str();
        match &self.kind {
            MatcherKind::ExactString(x) => s == Some(x.as_str()),
            MatcherKind::ExactNumber(x) => matches!(v, Value::Number(n) if n.to_string() == *x),
            MatcherKind::ExactBool(b) => v.as_bool() == Some(*b),
            MatcherKind::ExactNull => v.is_null(),
            MatcherKind::Prefix(p) => s.is_some_and(|s| s.starts_with(p.as_str())),
            MatcherKind::PrefixIgnoreCase(p) => s.is_some_and(|s| prefix_ignore_case(s, p)),
            MatcherKind::Suffix(p) => s.is_some_and(|s| s.ends_with(p.as_str())),
            MatcherKind::SuffixIgnoreCase(p) => s.is_some_and(|s| suffix_ignore_case(s, p)),
            MatcherKind::EqualsIgnoreCase(p) => s.is_some_and(|s| eq_ignore_case(s, p)),
            MatcherKind::Wildcard(w) => s.is_some_and(|s| w.matches(s)),
            MatcherKind::Numeric(cmps) => v.as_f64().is_some_and(|n| {
                v.is_number()
                    && cmps.iter().all(|(op, x)| match op {
                        Cmp::Lt => n < *x,
                        Cmp::Le => n <= *x,
                        Cmp::Eq => n == *x,
                        Cmp::Gt => n > *x,
                        Cmp::Ge => n >= *x,
                    })
            }),
            MatcherKind::Exists(_) => true,
            MatcherKind::Cidr(c) => s
                .and_then(|s| s.parse::<IpAddr>().ok())
                .is_some_and(|ip| c.contains(ip)),
            MatcherKind::AnythingBut(ab) => ab.matches(v),
        }
    }
}

impl AnythingBut {
    fn matches(&self, v: &Value) -> bool {
        match (self, v) {
            (AnythingBut::Strings(xs), Value::String(s)) => !xs.contains(s),
            (AnythingBut::Numbers(xs), Value::Number(n)) => {
                let n = n.as_f64().unwrap_or(f64::NAN);
                !xs.contains(&n)
            }
            (AnythingBut::Prefixes(xs), Value::String(s)) => {
                !xs.iter().any(|x| s.starts_with(x.as_str()))
            }
            (AnythingBut::Suffixes(xs), Value::String(s)) => {
                !xs.iter().any(|x| s.ends_with(x.as_str()))
            }
            (AnythingBut::IgnoreCase(xs), Value::String(s)) => {
                !xs.iter().any(|x| eq_ignore_case(s, x))
            }
            (AnythingBut::Wildcards(ws), Value::String(s)) => !ws.iter().any(|w| w.matches(s)),
            // A value of another type is never one of the excluded values.
            _ => true,
        }
    }
}

impl Wildcard {
    /// Matches in time linear in the text and the pattern: the literal runs between stars are
    /// found left to right, each at its first occurrence (leftmost is always safe when `*` is the
    /// only operator), the first anchored at the start and the last at the end.
    fn matches(&self, s: &str) -> bool {
        let mut segments: Vec<String> = vec![String::new()];
        for t in &self.0 {
            match t {
                WTok::Lit(c) => segments.last_mut().into_iter().for_each(|seg| seg.push(*c)),
                WTok::Star => segments.push(String::new()),
            }
        }
        let (first, last) = (&segments[0], &segments[segments.len() - 1]);
        if segments.len() == 1 {
            return s == first;
        }
        if s.len() < first.len() + last.len()
            || !s.starts_with(first.as_str())
            || !s.ends_with(last.as_str())
        {
            return false;
        }
        let mut rest = &s[first.len()..s.len() - last.len()];
        for seg in &segments[1..segments.len() - 1] {
            match rest.find(seg.as_str()) {
                Some(i) => rest = &rest[i + seg.len()..],
                None => return false,
            }
        }
        true
    }
}

impl Cidr {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = if self.bits == 0 {
                    0
                } else {
                    u32::MAX << (32 - self.bits as u32)
                };
                (u32::from(n) & mask) == (u32::from(a) & mask)
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = if self.bits == 0 {
                    0
                } else {
                    u128::MAX << (128 - self.bits as u32)
                };
                (u128::from(n) & mask) == (u128::from(a) & mask)
            }
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reports

/// Why the event matched or not, per pattern field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchReport {
    pub matched: bool,
    pub fields: Vec<FieldReport>,
}

/// One leaf field of the pattern against the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldReport {
    /// Dotted field path (`detail.state`).
    pub path: String,
    /// JSON pointer into the pattern (`/detail/state`).
    pub pointer: String,
    /// The pattern's value array as written.
    pub expected: Value,
    /// The event's leaf values at that path (empty when missing).
    pub found: Vec<Value>,
    pub matched: bool,
    /// True when the field sits inside a `$or` branch (it need not match on its own).
    pub in_or: bool,
    pub reason: String,
}

fn report_object(
    p: &PatternObject,
    evs: &[&Value],
    path: &str,
    pointer: &str,
    in_or: bool,
    out: &mut Vec<FieldReport>,
) {
    // Flatten arrays of objects for reporting (the exact, array-consistent verdict is `matched`).
    let mut objs: Vec<&Map<String, Value>> = Vec::new();
    fn collect<'a>(v: &'a Value, objs: &mut Vec<&'a Map<String, Value>>) {
        match v {
            Value::Object(m) => objs.push(m),
            Value::Array(a) => a.iter().for_each(|e| collect(e, objs)),
            _ => {}
        }
    }
    evs.iter().for_each(|v| collect(v, &mut objs));
    for (k, f) in &p.fields {
        let sub_path = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        let sub_ptr = pointer_push(pointer, k);
        let vals: Vec<&Value> = objs.iter().filter_map(|m| m.get(k)).collect();
        match f {
            FieldPattern::Nested(sub) => report_object(sub, &vals, &sub_path, &sub_ptr, in_or, out),
            FieldPattern::Leaf(lp) => {
                let mut leaves = Vec::new();
                for v in &vals {
                    leaves.extend(leaf_values(Some(v)));
                }
                let matched = lp.matches(&leaves, false);
                let expected = Value::Array(lp.matchers.iter().map(|m| m.source.clone()).collect());
                let found: Vec<Value> = leaves.iter().map(|v| (*v).clone()).collect();
                let present = !vals.is_empty();
                let reason = explain(matched, present, &expected, &found);
                out.push(FieldReport {
                    path: sub_path,
                    pointer: sub_ptr,
                    expected,
                    found,
                    matched,
                    in_or,
                    reason,
                });
            }
        }
    }
    for (i, branches) in p.ors.iter().enumerate() {
        for (j, b) in branches.iter().enumerate() {
            let ptr = format!("{}/{j}", pointer_push(pointer, "$or"));
            let _ = i;
            report_object(b, evs, path, &ptr, true, out);
        }
    }
}

fn explain(matched: bool, present: bool, expected: &Value, found: &[Value]) -> String {
    let shown = |vs: &[Value]| {
        let mut parts: Vec<String> = vs.iter().take(MAX_LOCATED).map(excerpt_json).collect();
        if vs.len() > MAX_LOCATED {
            parts.push(format!("and {} more", vs.len() - MAX_LOCATED));
        }
        parts.join(", ")
    };
    let expected = excerpt_json(expected);
    match (matched, present, found.is_empty()) {
        (true, false, _) => format!("field is absent, as {expected} allows"),
        (true, true, true) => format!("field holds no leaf value, as {expected} allows"),
        (true, true, false) => format!("{} matches {expected}", shown(found)),
        (false, false, _) => format!("field is missing from the event; {expected} needs it"),
        (false, true, true) => {
            format!("field holds an object, not a value; {expected} needs a value")
        }
        (false, true, false) => format!("{} does not match {expected}", shown(found)),
    }
}
