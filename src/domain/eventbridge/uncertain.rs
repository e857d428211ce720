//! Pattern constructs whose outcome is uncertain: where the EventBridge user guide and event-ruler
//! (the library behind EventBridge's matching) disagree, or the guide is silent. `CLASSES` is the
//! table, one row per class of `tests/conformance/ruler-differential.json`, each backed by an
//! `Assumption` whose text is the warning. `scan` finds the constructs a pattern uses; `in_event`
//! finds the ones an event brings to a match; `relevant` says which a verdict depended on.
//! Imports assumptions, diagnostics and pattern.

use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::base::diagnostic::{json_chars, pointer_push, Diagnostic};
use crate::domain::eventbridge::pattern::{
    is_or_operator, FieldReport, MatchReport, MAX_PATTERN_CHARS,
};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

/// One class of uncertain construct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    /// What in a pattern (or an event) raises it.
    pub construct: &'static str,
    /// The behaviour the simulation assumes; its text is the warning.
    pub assumption: Assumption,
    /// The construct changes the verdict even when the event lacks the field it sits on (it is
    /// about field names or the pattern's structure).
    pub structural: bool,
}

macro_rules! classes {
    ($($name:ident, $assumption:ident, $structural:literal, $construct:literal;)*) => {
        $(pub const $name: Class = Class {
            construct: $construct,
            assumption: assumptions::$assumption,
            structural: $structural,
        };)*
        /// Every class, in the order of the differential file.
        pub const CLASSES: &[Class] = &[$($name),*];
    };
}

classes! {
    NUMBER_LEXEME, PATTERN_NUMBER_LEXEME, false, "an exact or anything-but number with a fraction or an exponent";
    NUMBER_PRECISION, PATTERN_NUMBER_PRECISION, false, "a number with more than 15 significant digits";
    OR_SHADOWS, PATTERN_OR_SHADOWS, true, "a $or branch naming a field also constrained outside it";
    DOTTED_NAME, PATTERN_DOTTED_NAME, true, "a field name containing a dot (pattern), or an event key with a dot on a path the pattern reads";
    RESERVED_WORD, PATTERN_RESERVED_WORD, true, "an operator name used as a field name";
    MALFORMED_OR, PATTERN_MALFORMED_OR, true, "a $or that is not an array of objects";
    CIDR_FULL_MASK, PATTERN_CIDR_FULL_MASK, false, "a cidr with a /32 or /128 mask";
    CIDR_NO_MASK, PATTERN_CIDR_NO_MASK, false, "a cidr without a mask";
    CIDR_LEADING_ZEROS, PATTERN_CIDR_LEADING_ZEROS, false, "a cidr address with leading zeros";
    IP_EVENT_FORM, PATTERN_IP_EVENT_FORM, false, "an event address in a non-canonical form, compared with a cidr or an IP-looking string";
    IP_EXACT, PATTERN_IP_EXACT, false, "an exact string that looks like an IP address";
    IGNORE_CASE_NON_BMP, PATTERN_IGNORE_CASE_NON_BMP, false, "equals-ignore-case with a character outside the Basic Multilingual Plane (pattern or event)";
    IGNORE_CASE_FOLDING, PATTERN_IGNORE_CASE_FOLDING, false, "equals-ignore-case with a case-folding special character (pattern or event)";
    DUPLICATE_KEYS, PATTERN_DUPLICATE_KEYS, true, "a key written twice in one object of the pattern text";
    EXISTS_FALSE_ARRAY, PATTERN_EXISTS_FALSE_ARRAY, false, "exists: false on a field the event holds inside an array of objects";
    EXACTLY, PATTERN_EXACTLY, false, "the exactly operator";
    ANYTHING_BUT_EMPTY, PATTERN_ANYTHING_BUT_EMPTY, false, "anything-but with an empty list";
}

/// Operator names event-ruler reserves.
const RESERVED: &[&str] = &[
    "prefix",
    "suffix",
    "equals-ignore-case",
    "wildcard",
    "anything-but",
    "numeric",
    "exists",
    "cidr",
    "exactly",
];

/// Characters that case-fold to the same letter as another character but do not look special
/// on their own (the other is caught by `special_fold`): sigma, whose final form is ς.
const FOLD_SIBLINGS: &str = "σΣ";

/// One uncertain construct: its class and where it is in the pattern (a JSON pointer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub class: Class,
    pub pointer: String,
}

impl Found {
    /// The warning at the construct's pattern pointer.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::warning(&self.pointer, self.class.assumption.text)
    }
}

fn push(out: &mut Vec<Found>, class: Class, pointer: String) {
    if !out.iter().any(|f| f.class == class && f.pointer == pointer) {
        out.push(Found { class, pointer });
    }
}

// ---------------------------------------------------------------------------------------------
// The pattern alone

/// The uncertain constructs a pattern uses, in pattern order. Total: any JSON value is scanned
/// (none when the pattern is longer than PutRule accepts).
pub fn scan(pattern: &Value) -> Vec<Found> {
    let mut out = Vec::new();
    // A pattern over PutRule's limit is not matched, so nothing about it is uncertain.
    if json_chars(pattern) > MAX_PATTERN_CHARS {
        return out;
    }
    if let Some(obj) = pattern.as_object() {
        scan_object(obj, "", &mut out);
    }
    out
}

fn scan_object(obj: &Map<String, Value>, at: &str, out: &mut Vec<Found>) {
    let outside: HashSet<&str> = obj
        .iter()
        .filter(|(k, v)| !(k.as_str() == "$or" && is_or_operator(v)))
        .map(|(k, _)| k.as_str())
        .collect();
    for (key, v) in obj {
        let here = pointer_push(at, key);
        if key == "$or" {
            if is_or_operator(v) {
                for (i, branch) in v.as_array().into_iter().flatten().enumerate() {
                    let Some(m) = branch.as_object() else {
                        continue;
                    };
                    let at_branch = format!("{here}/{i}");
                    for k in m.keys().filter(|k| outside.contains(k.as_str())) {
                        push(out, OR_SHADOWS, pointer_push(&at_branch, k));
                    }
                    scan_object(m, &at_branch, out);
                }
                continue;
            }
            push(out, MALFORMED_OR, here.clone());
        }
        if key.contains('.') {
            push(out, DOTTED_NAME, here.clone());
        }
        if RESERVED.contains(&key.as_str()) {
            push(out, RESERVED_WORD, here.clone());
        }
        match v {
            Value::Object(m) => scan_object(m, &here, out),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    scan_item(item, &format!("{here}/{i}"), out);
                }
            }
            _ => {}
        }
    }
}

fn scan_item(item: &Value, at: &str, out: &mut Vec<Found>) {
    match item {
        Value::Number(n) => scan_number(&n.to_string(), true, at, out),
        Value::String(s) if looks_like_ip(s) => push(out, IP_EXACT, at.to_string()),
        Value::Object(m) => {
            for (op, arg) in m {
                let loc = pointer_push(at, op);
                match (op.as_str(), arg) {
                    ("exactly", _) => push(out, EXACTLY, loc),
                    ("numeric", Value::Array(xs)) => {
                        for (j, x) in xs.iter().enumerate() {
                            if let Value::Number(n) = x {
                                scan_number(&n.to_string(), false, &format!("{loc}/{j}"), out);
                            }
                        }
                    }
                    ("anything-but", arg) => scan_anything_but(arg, &loc, out),
                    ("equals-ignore-case", Value::String(s)) => scan_ignore_case(s, &loc, out),
                    ("prefix" | "suffix", Value::Object(inner)) => {
                        if let Some(Value::String(s)) = inner.get("equals-ignore-case") {
                            scan_ignore_case(s, &pointer_push(&loc, "equals-ignore-case"), out);
                        }
                    }
                    ("cidr", Value::String(s)) => scan_cidr(s, &loc, out),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn scan_anything_but(arg: &Value, at: &str, out: &mut Vec<Found>) {
    match arg {
        Value::Number(n) => scan_number(&n.to_string(), true, at, out),
        Value::Array(xs) if xs.is_empty() => push(out, ANYTHING_BUT_EMPTY, at.to_string()),
        Value::Array(xs) => {
            for (j, x) in xs.iter().enumerate() {
                if let Value::Number(n) = x {
                    scan_number(&n.to_string(), true, &format!("{at}/{j}"), out);
                }
            }
        }
        Value::Object(m) => {
            for (op, v) in m {
                let loc = pointer_push(at, op);
                match v {
                    Value::Array(xs) if xs.is_empty() => push(out, ANYTHING_BUT_EMPTY, loc),
                    Value::String(s) if op == "equals-ignore-case" => {
                        scan_ignore_case(s, &loc, out)
                    }
                    Value::Array(xs) if op == "equals-ignore-case" => {
                        for (j, x) in xs.iter().enumerate() {
                            if let Value::String(s) = x {
                                scan_ignore_case(s, &format!("{loc}/{j}"), out);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// `exact`: the number is compared as a value (exact or anything-but), where the written form
/// matters; a numeric bound's form does not.
fn scan_number(lexeme: &str, exact: bool, at: &str, out: &mut Vec<Found>) {
    if exact && lexeme.contains(['.', 'e', 'E']) {
        push(out, NUMBER_LEXEME, at.to_string());
    }
    if significant_digits(lexeme) > 15 {
        push(out, NUMBER_PRECISION, at.to_string());
    }
}

/// Significant digits of a JSON number as written (leading and trailing zeros do not count).
fn significant_digits(lexeme: &str) -> usize {
    let mantissa = lexeme.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

fn scan_ignore_case(s: &str, at: &str, out: &mut Vec<Found>) {
    if s.chars().any(|c| c > '\u{ffff}') {
        push(out, IGNORE_CASE_NON_BMP, at.to_string());
    }
    if s.chars()
        .any(|c| special_fold(c) || FOLD_SIBLINGS.contains(c))
    {
        push(out, IGNORE_CASE_FOLDING, at.to_string());
    }
}

/// A non-ASCII character whose case mapping is not a simple one-to-one pair: several characters
/// (ß → SS), title case (ǅ), or a round trip that lands elsewhere (ς → Σ → σ, K KELVIN → k → K).
fn special_fold(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let mut lower = c.to_lowercase();
    let mut upper = c.to_uppercase();
    let (Some(l), None, Some(u), None) = (lower.next(), lower.next(), upper.next(), upper.next())
    else {
        return true;
    };
    (c != l && c != u) || !u.to_lowercase().eq([l]) || !l.to_uppercase().eq([u])
}

fn scan_cidr(s: &str, at: &str, out: &mut Vec<Found>) {
    let (addr, mask) = match s.split_once('/') {
        Some((a, m)) => (a, Some(m)),
        None => (s, None),
    };
    if !looks_like_ip(addr) {
        return;
    }
    match mask {
        None => push(out, CIDR_NO_MASK, at.to_string()),
        Some("32") if addr.contains('.') && !addr.contains(':') => {
            push(out, CIDR_FULL_MASK, at.to_string())
        }
        Some("128") if addr.contains(':') => push(out, CIDR_FULL_MASK, at.to_string()),
        Some(_) => {}
    }
    if addr.contains('.')
        && addr
            .rsplit(':')
            .next()
            .unwrap_or("")
            .split('.')
            .any(|o| o.len() > 1 && o.starts_with('0'))
    {
        push(out, CIDR_LEADING_ZEROS, at.to_string());
    }
}

/// An IP address, or text shaped like an IPv4 address (four dot-separated groups of one to three
/// digits, leading zeros included).
fn looks_like_ip(s: &str) -> bool {
    s.parse::<IpAddr>().is_ok() || {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == 4
            && parts
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// An IP-looking string written as Rust writes the address (no leading zeros, lower case,
/// shortest IPv6 form).
fn canonical_ip(s: &str) -> bool {
    s.parse::<IpAddr>().is_ok_and(|ip| ip.to_string() == s)
}

// ---------------------------------------------------------------------------------------------
// The pattern against an event

fn items(f: &FieldReport) -> impl Iterator<Item = (usize, &Value)> {
    f.expected.as_array().into_iter().flatten().enumerate()
}

fn has_ignore_case(item: &Value) -> bool {
    let Some(m) = item.as_object() else {
        return false;
    };
    m.contains_key("equals-ignore-case")
        || m.values().any(|v| {
            v.as_object()
                .is_some_and(|o| o.contains_key("equals-ignore-case"))
        })
}

/// The uncertain constructs an event brings to the match: values compared with
/// equals-ignore-case that hold special characters, addresses in a non-canonical form, fields
/// under `exists: false` inside an array of objects, and dotted event keys on a path the pattern
/// reads. Pointers are into the pattern.
pub fn in_event(report: &MatchReport, event: &Value) -> Vec<Found> {
    let mut out = Vec::new();
    for f in &report.fields {
        // What the field's values hold, read once per field.
        let strings = || f.found.iter().filter_map(Value::as_str);
        let non_bmp = strings().any(|s| s.chars().any(|c| c > '\u{ffff}'));
        let folding = strings().any(|s| s.chars().any(special_fold));
        let odd_ip = strings().any(|s| looks_like_ip(s) && !canonical_ip(s));
        let mut array = None;
        for (i, item) in items(f) {
            let at = format!("{}/{i}", f.pointer);
            if has_ignore_case(item) {
                if non_bmp {
                    push(&mut out, IGNORE_CASE_NON_BMP, at.clone());
                }
                if folding {
                    push(&mut out, IGNORE_CASE_FOLDING, at.clone());
                }
            }
            let ip_operand = item.get("cidr").is_some() || item.as_str().is_some_and(looks_like_ip);
            if ip_operand && odd_ip {
                push(&mut out, IP_EVENT_FORM, at.clone());
            }
            if item.get("exists") == Some(&Value::Bool(false))
                && *array.get_or_insert_with(|| under_array(event, &f.pointer))
            {
                push(&mut out, EXISTS_FALSE_ARRAY, at);
            }
        }
    }
    dotted_event_keys(report, event, &mut out);
    out
}

/// Decodes a JSON pointer's segments, leaving out `$or` and its branch index.
fn field_segments(pointer: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_index = false;
    for seg in pointer.split('/').skip(1) {
        if skip_index {
            skip_index = false;
            continue;
        }
        if seg == "$or" {
            skip_index = true;
            continue;
        }
        out.push(seg.replace("~1", "/").replace("~0", "~"));
    }
    out
}

/// True when the event holds the field's container inside an array of objects.
fn under_array(event: &Value, pointer: &str) -> bool {
    let segs = field_segments(pointer);
    let mut crossed = false;
    let mut level: Vec<&Value> = vec![event];
    for seg in segs.iter().take(segs.len().saturating_sub(1)) {
        let mut next = Vec::new();
        for v in flatten(&level, &mut crossed) {
            if let Some(x) = v.get(seg.as_str()) {
                next.push(x);
            }
        }
        level = next;
    }
    let _ = flatten(&level, &mut crossed);
    crossed
}

/// The objects among values, arrays opened; `crossed` records an array holding objects.
fn flatten<'a>(vals: &[&'a Value], crossed: &mut bool) -> Vec<&'a Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = vals.to_vec();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => out.push(m),
            Value::Array(a) => {
                *crossed |= a.iter().any(Value::is_object);
                stack.extend(a.iter());
            }
            _ => {}
        }
    }
    out
}

fn dotted_event_keys(report: &MatchReport, event: &Value, out: &mut Vec<Found>) {
    // Every dotted prefix of a field path the pattern reads, to the pointers of those fields.
    let mut reads: HashMap<String, Vec<&str>> = HashMap::new();
    for f in &report.fields {
        let segs = field_segments(&f.pointer);
        for n in 1..=segs.len() {
            reads
                .entry(segs[..n].join("."))
                .or_default()
                .push(&f.pointer);
        }
    }
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), event)];
    while let Some((path, v)) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let joined = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    if k.contains('.') {
                        for p in reads.get(&joined).into_iter().flatten() {
                            push(out, DOTTED_NAME, (*p).to_string());
                        }
                    }
                    if reads.contains_key(&joined) {
                        stack.push((joined, x));
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter().map(|x| (path.clone(), x))),
            _ => {}
        }
    }
}

/// The constructs a verdict depended on: structural ones always, the others when the event holds
/// the field they sit on; then every one the event brought.
pub fn relevant(pattern: &[Found], report: &MatchReport, event: &[Found]) -> Vec<Found> {
    let present: HashSet<&str> = report
        .fields
        .iter()
        .filter(|r| !r.found.is_empty())
        .map(|r| r.pointer.as_str())
        .collect();
    // A construct sits on a field when the field's pointer is its pointer or a prefix of it.
    let on_present_field = |pointer: &str| {
        let mut p = pointer;
        loop {
            if present.contains(p) {
                return true;
            }
            match p.rfind('/') {
                Some(i) if i > 0 => p = &p[..i],
                _ => return false,
            }
        }
    };
    let mut out: Vec<Found> = pattern
        .iter()
        .filter(|f| f.class.structural || on_present_field(&f.pointer))
        .cloned()
        .collect();
    for f in event {
        push(&mut out, f.class, f.pointer.clone());
    }
    out
}
