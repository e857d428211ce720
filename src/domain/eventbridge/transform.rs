//! The EventBridge input transformer: InputPathsMap checks, InputTemplate scanning and rendering with
//! AWS's quoting rules (section D of the facts). Imports diagnostics, assumptions and JSON paths.

use crate::domain::base::assumptions::{self, Assumption};
use crate::domain::base::diagnostic::{
    char_len, excerpt, json_len, merge_repeats, name_list, Diagnostic, LineCursor, Place, Repeats,
};
use crate::domain::eventbridge::jsonpath::{parse_input_path, JsonPath, Step};
use crate::domain::eventbridge::projection::Projection;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

pub const MAX_INPUT_PATHS: usize = 100;
pub const MAX_TEMPLATE_CHARS: usize = 8192;
/// EventBridge's event size limit (PutEvents entries, 256 KB): a larger event is rejected before
/// it is matched or transformed.
pub const MAX_EVENT_BYTES: usize = 262_144;
/// The rendered message is kept up to SNS's message size limit (256 KB); past it the delivery
/// fails, and only the size is counted.
pub const MAX_RENDERED_BYTES: usize = 262_144;

pub const RULE_ARN: &str = "aws.events.rule-arn";
pub const RULE_NAME: &str = "aws.events.rule-name";
pub const INGESTION_TIME: &str = "aws.events.event.ingestion-time";
pub const EVENT: &str = "aws.events.event";
pub const EVENT_JSON: &str = "aws.events.event.json";
/// The reserved variables EventBridge fills itself.
pub const RESERVED: [&str; 5] = [RULE_ARN, RULE_NAME, INGESTION_TIME, EVENT, EVENT_JSON];

/// What EventBridge knows about the rule when it transforms an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleContext {
    pub rule_name: String,
    /// Defaults to `arn:aws:events:<event region>:<event account>:rule/<rule name>`.
    pub rule_arn: Option<String>,
    /// Defaults to the event's `time`.
    pub ingestion_time: Option<String>,
}

/// One placeholder found in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placeholder {
    pub name: String,
    /// Byte offset of `<` in the template.
    pub offset: usize,
    /// Inside a JSON string (spliced raw) or not (inserted as JSON).
    pub quoted: bool,
    /// In an object-key position (not allowed).
    pub as_key: bool,
}

/// True for text EventBridge would read as a variable name inside `<…>`.
pub fn is_variable_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The position of the first `>` at or after `from`, reusing `cache` (the first `>` at or after
/// some earlier position, or the text's length when there is none), so that a scan asking for
/// increasing positions reads the text once.
fn next_gt(text: &str, from: usize, cache: &mut Option<usize>) -> Option<usize> {
    let len = text.len();
    let known = match *cache {
        Some(g) if g >= from => g,
        _ => {
            let g = text
                .get(from..)
                .and_then(|r| r.find('>'))
                .map_or(len, |p| p + from);
            *cache = Some(g);
            g
        }
    };
    (known < len).then_some(known)
}

/// Finds every `<name>` placeholder and whether it sits inside quotes or as a key. One pass.
pub fn scan_template(template: &str) -> Vec<Placeholder> {
    crate::domain::base::parses::count(crate::domain::base::parses::Input::Template);
    let bytes = template.as_bytes();
    let mut out = Vec::new();
    let mut in_string = false;
    let mut string_is_key = false;
    let mut stack: Vec<u8> = Vec::new();
    let mut expect_key = false;
    let mut gt = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            if let Some(end) = next_gt(template, i + 1, &mut gt) {
                let name = &template[i + 1..end];
                if is_variable_name(name) {
                    out.push(Placeholder {
                        name: name.to_string(),
                        offset: i,
                        quoted: in_string,
                        as_key: if in_string { string_is_key } else { expect_key },
                    });
                    i = end + 1;
                    continue;
                }
            }
        }
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    string_is_key = expect_key;
                }
                b'{' => {
                    stack.push(b'{');
                    expect_key = true;
                }
                b'[' => {
                    stack.push(b'[');
                    expect_key = false;
                }
                b'}' | b']' => {
                    stack.pop();
                    expect_key = false;
                }
                b',' => expect_key = stack.last() == Some(&b'{'),
                b':' => expect_key = false,
                _ => {}
            }
        }
        i += 1;
    }
    out
}

/// Checks an InputPathsMap against the API's limits and the supported path syntax.
pub fn check_input_paths(paths: &IndexMap<String, String>) -> Vec<Diagnostic> {
    let parsed: Vec<PlannedPath> = paths.iter().map(|(k, v)| PlannedPath::new(k, v)).collect();
    check_planned_paths(&parsed)
}

/// `check_input_paths` over paths parsed once (`TransformPlan::paths`).
fn check_planned_paths(paths: &[PlannedPath]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if paths.len() > MAX_INPUT_PATHS {
        diags.push(Diagnostic::error(
            "",
            format!(
                "{} input paths; EventBridge allows at most {MAX_INPUT_PATHS}",
                paths.len()
            ),
        ));
    }
    for p in paths {
        let key = &p.name;
        let loc = key.clone();
        if key.is_empty() || char_len(key) > 256 {
            diags.push(Diagnostic::error(
                &loc,
                "an input path name has 1 to 256 characters",
            ));
        }
        if let Some(c) = key
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        {
            diags.push(Diagnostic::error(
                &loc,
                format!(
                    "`{}` has {c:?}; input path names use only letters, digits, `_` and `-`",
                    excerpt(key)
                ),
            ));
        }
        if key.starts_with("AWS") {
            diags.push(Diagnostic::error(
                &loc,
                format!(
                    "`{}`: input path names may not start with AWS",
                    excerpt(key)
                ),
            ));
        }
        diags.extend(p.errors.iter().map(|d| d.clone().under(&loc)));
    }
    merge_repeats(diags)
}

/// Checks a template on its own: length, placeholders as keys, undefined and misused variables.
pub fn check_template(template: &str, paths: &IndexMap<String, String>) -> Vec<Diagnostic> {
    check_template_with(template, paths, true)
}

/// The error for a template over `MAX_TEMPLATE_CHARS` (or empty), found without scanning it.
pub fn template_length_error(template: &str) -> Option<Diagnostic> {
    let n = char_len(template);
    if n == 0 {
        Some(Diagnostic::error(
            "",
            "the input template is empty; it must have 1 to 8192 characters",
        ))
    } else if n > MAX_TEMPLATE_CHARS {
        Some(Diagnostic::error(
            "",
            format!("the input template has {n} characters; EventBridge allows at most {MAX_TEMPLATE_CHARS} (its placeholders are checked once it fits)"),
        ))
    } else {
        None
    }
}

/// As `check_template`; `undefined` false leaves undefined placeholders to the caller, which can
/// report them where they were typed. A template over the length limit is rejected without
/// scanning it; a problem that repeats is reported once with a count and its first places.
pub fn check_template_with(
    template: &str,
    paths: &IndexMap<String, String>,
    undefined: bool,
) -> Vec<Diagnostic> {
    if let Some(d) = template_length_error(template) {
        return vec![d];
    }
    check_scanned(template, &scan_template(template), paths, undefined)
}

/// `check_template_with` over placeholders scanned once (`TransformPlan::placeholders`).
fn check_scanned(
    template: &str,
    placeholders: &[Placeholder],
    paths: &IndexMap<String, String>,
    undefined: bool,
) -> Vec<Diagnostic> {
    let mut lines = LineCursor::new(template);
    let mut as_key = Repeats::new("placeholders used as object keys");
    let mut quoted = Repeats::new("event placeholders inside quotes");
    let mut missing = Repeats::new("undefined placeholders");
    for p in placeholders {
        let place = Place::new("", Some(lines.at(p.offset)));
        let name = excerpt(&p.name);
        if p.as_key {
            as_key.add(&p.name, place, || {
                Diagnostic::error(
                    "",
                    format!(
                        "<{name}> is used as an object key; placeholders may only stand in values"
                    ),
                )
            });
        }
        if (p.name == EVENT || p.name == EVENT_JSON) && p.quoted {
            quoted.add(&p.name, place, || {
                Diagnostic::error(
                    "",
                    format!(
                        "<{name}> holds a JSON object and may only be a field value, not inside quotes"
                    ),
                )
            });
        } else if undefined && !is_defined(&p.name, paths) {
            missing.add(&p.name, place, || {
                undefined_placeholder(&p.name, paths, "the")
            });
        }
    }
    let mut diags = as_key.finish();
    diags.extend(quoted.finish());
    diags.extend(missing.finish());
    diags
}

fn undefined_placeholder(name: &str, paths: &IndexMap<String, String>, whose: &str) -> Diagnostic {
    Diagnostic::error(
        "",
        format!(
            "<{}> is not an input path or reserved variable; define it in {whose} input paths (defined: {})",
            excerpt(name),
            name_list(paths.keys().map(String::as_str))
        ),
    )
}

/// True for a reserved variable or an input-path name.
pub fn is_defined(name: &str, paths: &IndexMap<String, String>) -> bool {
    RESERVED.contains(&name) || paths.contains_key(name)
}

/// The `<name>` placeholders of free text (not a template) with their byte offsets: variable-like
/// names only. One pass.
pub fn placeholders_in(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut gt = None;
    let mut from = 0;
    while let Some(i) = text[from..].find('<').map(|p| p + from) {
        from = i + 1;
        if let Some(end) = next_gt(text, i + 1, &mut gt) {
            if is_variable_name(&text[i + 1..end]) {
                out.push((i, &text[i + 1..end]));
            }
        } else {
            break;
        }
    }
    out
}

/// Records undefined placeholders in one piece of text at `location`, into `found` (shared by the
/// fields of one design, so a name undefined everywhere is reported once).
pub fn check_placeholders(
    text: &str,
    paths: &IndexMap<String, String>,
    location: &str,
    found: &mut Repeats,
) {
    let mut lines = LineCursor::new(text);
    for (offset, n) in placeholders_in(text) {
        if !is_defined(n, paths) {
            let place = Place::new(location, Some(lines.at(offset)));
            found.add(n, place, || undefined_placeholder(n, paths, "the rule's"));
        }
    }
}

/// 1-based line and column (in characters) of a byte offset. For many offsets in one text, use
/// `LineCursor`, which reads the text once.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineCursor::new(text).at(offset)
}

/// True when some `<…>` in the text is not a placeholder (EventBridge's handling is assumed).
fn has_angle_text(template: &str) -> bool {
    let mut gt = None;
    let mut from = 0;
    while let Some(i) = template[from..].find('<').map(|p| p + from) {
        from = i + 1;
        match next_gt(template, i + 1, &mut gt) {
            Some(end) if !is_variable_name(&template[i + 1..end]) => return true,
            Some(_) => {}
            None => return false,
        }
    }
    false
}

/// A variable and what it took from the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    pub name: String,
    pub path: String,
    /// The value found, or `None` when the path reaches nothing.
    pub value: Option<Value>,
}

/// The transformer's result: the text EventBridge would publish, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransformResult {
    /// The rendered text; only its first `MAX_RENDERED_BYTES` when it is longer.
    pub output: String,
    /// The rendered text's full size in bytes.
    pub size: usize,
    pub bindings: Vec<Binding>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip)]
    pub assumptions: Vec<Assumption>,
}

impl TransformResult {
    /// True when the rendered text is longer than `output` holds.
    pub fn truncated(&self) -> bool {
        self.size > self.output.len()
    }
}

/// The error for an event over `MAX_EVENT_BYTES`, found before the event is used.
pub fn event_size_error(event: &Value) -> Option<Diagnostic> {
    let n = json_len(event);
    (n > MAX_EVENT_BYTES).then(|| {
        Diagnostic::error(
            "",
            format!("the event is {n} bytes of JSON; EventBridge accepts events of at most {MAX_EVENT_BYTES} bytes (256 KB)"),
        )
    })
}

/// A value as the transformer writes it, each form made once and only when a placeholder uses it:
/// raw inside quotes (a string as is, borrowed), JSON outside.
struct Rendered<'v> {
    value: std::borrow::Cow<'v, Value>,
    json: Option<String>,
    /// For a non-string inside quotes, its JSON text.
    raw: Option<String>,
    /// The first character that breaks quoting, once checked.
    bad: Option<Option<char>>,
}

impl<'v> Rendered<'v> {
    fn new(value: std::borrow::Cow<'v, Value>) -> Self {
        Self {
            value,
            json: None,
            raw: None,
            bad: None,
        }
    }
    fn json(&mut self) -> &str {
        let value = &self.value;
        self.json.get_or_insert_with(|| value.to_string())
    }
    fn non_string(&self) -> bool {
        !self.value.is_string()
    }
    fn quoted(&mut self) -> &str {
        if let Value::String(s) = self.value.as_ref() {
            return s;
        }
        let value = &self.value;
        self.raw.get_or_insert_with(|| value.to_string())
    }
    fn bad(&mut self) -> Option<char> {
        if let Some(b) = self.bad {
            return b;
        }
        let b = breaks_quotes(self.quoted());
        self.bad = Some(b);
        b
    }
}

/// The first `"`, `\\` or control character of `s`, which EventBridge splices unescaped. Reads
/// bytes: control characters are ASCII (C0, DEL) or U+0080..U+009F, encoded `C2 80`..`C2 9F`.
fn breaks_quotes(s: &str) -> Option<char> {
    let b = s.as_bytes();
    let i = (0..b.len()).find(|&i| {
        let x = b[i];
        x < 0x20
            || x == b'"'
            || x == b'\\'
            || x == 0x7f
            || (x == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)))
    })?;
    s[i..].chars().next()
}

/// Appends `s` to `out` while `out` stays within `MAX_RENDERED_BYTES` (cut at a character).
fn push_capped(out: &mut String, size: &mut usize, s: &str) {
    *size += s.len();
    let room = MAX_RENDERED_BYTES.saturating_sub(out.len());
    if s.len() <= room {
        out.push_str(s);
    } else {
        let mut cut = room;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&s[..cut]);
    }
}

/// An input path parsed once.
#[derive(Debug, Clone)]
struct PlannedPath {
    name: String,
    path: String,
    parsed: Option<JsonPath>,
    /// Why the path does not parse (or is unsupported), relative to the path.
    errors: Vec<Diagnostic>,
}

impl PlannedPath {
    fn new(name: &str, path: &str) -> Self {
        let (parsed, errors) = parse_input_path(path);
        PlannedPath {
            name: name.to_string(),
            path: path.to_string(),
            parsed,
            errors,
        }
    }
}

/// Where a placeholder's value comes from.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Reserved(&'static str),
    Path(usize),
}

/// A span of the template: literal text, a defined placeholder, or an undefined one (kept as
/// written).
#[derive(Debug, Clone, Copy)]
enum Piece {
    Text(usize, usize),
    Var {
        slot: usize,
        quoted: bool,
        offset: usize,
    },
    Undefined(usize, usize),
}

/// The input transformer of one rule, prepared once: every input path parsed, the template
/// scanned into text and placeholders, each placeholder tied to where its value comes from.
/// `run` then renders any number of events without parsing anything again.
#[derive(Debug, Clone)]
pub struct TransformPlan {
    template: String,
    /// Why EventBridge would not accept the template (empty or too long).
    length_error: Option<Diagnostic>,
    paths: Vec<PlannedPath>,
    placeholders: Vec<Placeholder>,
    /// Each distinct defined placeholder once, in first-use order, with its name.
    slots: Vec<(String, Slot)>,
    pieces: Vec<Piece>,
    wildcard: bool,
    angle_text: bool,
}

impl TransformPlan {
    /// The first `<name>` of the template that is neither an input path nor a reserved variable.
    pub fn first_undefined(&self) -> Option<&str> {
        self.pieces.iter().find_map(|p| match *p {
            Piece::Undefined(a, b) => Some(&self.template[a..b]),
            _ => None,
        })
    }

    /// Parses `paths` and scans `template`, whatever its length.
    pub fn new(paths: &IndexMap<String, String>, template: &str) -> Self {
        Self::build(paths, template, template_length_error(template), true)
    }

    /// As `new` for a rule's target: a template EventBridge would not accept (empty or over
    /// `MAX_TEMPLATE_CHARS`) is not scanned, since it is never rendered (`length_error` says why).
    pub fn checked(paths: &IndexMap<String, String>, template: &str) -> Self {
        let length_error = template_length_error(template);
        let scan = length_error.is_none();
        Self::build(paths, template, length_error, scan)
    }

    fn build(
        paths: &IndexMap<String, String>,
        template: &str,
        length_error: Option<Diagnostic>,
        scan: bool,
    ) -> Self {
        let paths: Vec<PlannedPath> = paths.iter().map(|(k, v)| PlannedPath::new(k, v)).collect();
        let placeholders = if scan {
            scan_template(template)
        } else {
            Vec::new()
        };
        let mut slots: Vec<(String, Slot)> = Vec::new();
        let mut slot_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut pieces = Vec::with_capacity(placeholders.len() * 2 + 1);
        let mut last = 0;
        for p in &placeholders {
            if p.offset > last {
                pieces.push(Piece::Text(last, p.offset));
            }
            let end = p.offset + p.name.len() + 2;
            let name = p.name.as_str();
            let slot = match slot_of.get(name) {
                Some(&s) => Some(s),
                None => {
                    let source = RESERVED
                        .iter()
                        .find(|r| **r == name)
                        .map(|r| Slot::Reserved(r))
                        .or_else(|| paths.iter().position(|x| x.name == name).map(Slot::Path));
                    source.map(|s| {
                        slots.push((name.to_string(), s));
                        slot_of.insert(name, slots.len() - 1);
                        slots.len() - 1
                    })
                }
            };
            pieces.push(match slot {
                Some(slot) => Piece::Var {
                    slot,
                    quoted: p.quoted,
                    offset: p.offset,
                },
                None => Piece::Undefined(p.offset, end),
            });
            last = end;
        }
        if last < template.len() {
            pieces.push(Piece::Text(last, template.len()));
        }
        let wildcard = paths.iter().any(|p| {
            p.parsed.as_ref().is_some_and(|j| {
                j.steps
                    .contains(&crate::domain::eventbridge::jsonpath::Step::Wildcard)
            })
        });
        TransformPlan {
            angle_text: scan && has_angle_text(template),
            length_error,
            template: template.to_string(),
            paths,
            placeholders,
            slots,
            pieces,
            wildcard,
        }
    }

    /// Adds the event fields this plan can read to `into`: every input path (an array or a
    /// wildcard whole) and what the reserved variables it uses read.
    pub fn reads(&self, into: &mut Projection) {
        for p in &self.paths {
            let Some(j) = &p.parsed else { continue };
            let mut node = &mut *into;
            for step in &j.steps {
                match step {
                    Step::Key(k) => node = node.key(k),
                    Step::Index(_) | Step::Wildcard => break,
                }
            }
            node.keep_all();
        }
        for (_, slot) in &self.slots {
            match slot {
                Slot::Reserved(RULE_ARN) => {
                    into.key("region").keep_all();
                    into.key("account").keep_all();
                }
                Slot::Reserved(INGESTION_TIME) => into.key("time").keep_all(),
                Slot::Reserved(EVENT | EVENT_JSON) => into.keep_all(),
                _ => {}
            }
        }
    }

    /// The template this plan renders.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The input paths' checks (`check_input_paths`), from the parse already made.
    pub fn check_paths(&self) -> Vec<Diagnostic> {
        check_planned_paths(&self.paths)
    }

    /// The template's checks (`check_template_with`), from the scan already made.
    pub fn check_template(
        &self,
        paths: &IndexMap<String, String>,
        undefined: bool,
    ) -> Vec<Diagnostic> {
        if let Some(d) = &self.length_error {
            return vec![d.clone()];
        }
        check_scanned(&self.template, &self.placeholders, paths, undefined)
    }

    /// Why EventBridge would not accept the template (empty or over `MAX_TEMPLATE_CHARS`).
    pub fn length_error(&self) -> Option<&Diagnostic> {
        self.length_error.as_ref()
    }

    /// Renders the template for `event`. Never fails: the output is what EventBridge would most
    /// plausibly publish, and the diagnostics are those of this event (missing paths, values that
    /// break quoting). An event over `MAX_EVENT_BYTES` is rejected before it is read, each value
    /// is written out once however often it is used, and the output stops growing past
    /// `MAX_RENDERED_BYTES` (its full size is counted).
    pub fn run(&self, event: &Value, ctx: &RuleContext) -> TransformResult {
        self.render(event, ctx, true)
    }

    /// `run` without the bindings (a replay counts outcomes and needs only the text).
    pub fn run_text(&self, event: &Value, ctx: &RuleContext) -> TransformResult {
        self.render(event, ctx, false)
    }

    fn render(&self, event: &Value, ctx: &RuleContext, bindings_wanted: bool) -> TransformResult {
        if let Some(d) = event_size_error(event) {
            return TransformResult {
                output: String::new(),
                size: 0,
                bindings: Vec::new(),
                diagnostics: vec![d],
                assumptions: Vec::new(),
            };
        }
        let template = self.template.as_str();
        let mut out = Output::new(template);
        if self.wildcard {
            out.note(assumptions::WILDCARD_ARRAY);
        }
        let values: Vec<Option<Value>> = self
            .paths
            .iter()
            .map(|p| p.parsed.as_ref().and_then(|j| j.eval(event)))
            .collect();
        // Each variable's value, rendered once: reserved ones are computed, input paths borrowed.
        let mut rendered: Vec<Option<Option<Rendered>>> =
            (0..self.slots.len()).map(|_| None).collect();
        for piece in &self.pieces {
            let (slot, quoted, offset) = match *piece {
                Piece::Text(a, b) => {
                    out.push(&template[a..b]);
                    continue;
                }
                Piece::Undefined(a, b) => {
                    // Undefined: kept as written; check_template reported it.
                    out.note(assumptions::UNDEFINED_PLACEHOLDER);
                    out.push(&template[a..b]);
                    continue;
                }
                Piece::Var {
                    slot,
                    quoted,
                    offset,
                } => (slot, quoted, offset),
            };
            let (name, source) = &self.slots[slot];
            let r = rendered[slot].get_or_insert_with(|| match *source {
                Slot::Reserved(n) => Some(Rendered::new(std::borrow::Cow::Owned(reserved_value(
                    n, event, ctx,
                )))),
                Slot::Path(i) => values[i]
                    .as_ref()
                    .map(|v| Rendered::new(std::borrow::Cow::Borrowed(v))),
            });
            out.var(name, r.as_mut(), quoted, offset);
        }
        if self.angle_text {
            out.note(assumptions::ANGLE_TEXT);
        }
        drop(rendered);
        let bindings = if bindings_wanted {
            self.paths
                .iter()
                .zip(values)
                .map(|(p, value)| Binding {
                    name: p.name.clone(),
                    path: p.path.clone(),
                    value,
                })
                .collect()
        } else {
            Vec::new()
        };
        out.finish(bindings)
    }
}

/// The value of a reserved variable (`<aws.events.rule-name>`, `<aws.events.event>`, …) for
/// `event`.
fn reserved_value(name: &str, event: &Value, ctx: &RuleContext) -> Value {
    let s = |k: &str| {
        event
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    match name {
        RULE_NAME => Value::String(ctx.rule_name.clone()),
        RULE_ARN => Value::String(ctx.rule_arn.clone().unwrap_or_else(|| {
            format!(
                "arn:aws:events:{}:{}:rule/{}",
                s("region"),
                s("account"),
                ctx.rule_name
            )
        })),
        INGESTION_TIME => Value::String(ctx.ingestion_time.clone().unwrap_or_else(|| s("time"))),
        EVENT => {
            let mut e = event.clone();
            if let Some(m) = e.as_object_mut() {
                m.shift_remove("detail");
            }
            e
        }
        _ => event.clone(),
    }
}

/// A rendering in progress: the text so far (capped, its full size counted), the assumptions it
/// relied on and the problems of this event, each kind reported once with its places.
struct Output<'t> {
    lines: LineCursor<'t>,
    missing: Repeats,
    unsafe_quoted: Repeats,
    text: String,
    size: usize,
    used: Vec<Assumption>,
}

impl<'t> Output<'t> {
    fn new(template: &'t str) -> Self {
        Self {
            lines: LineCursor::new(template),
            missing: Repeats::new("placeholders whose path finds nothing"),
            unsafe_quoted: Repeats::new("quoted placeholders whose value breaks the JSON"),
            text: String::with_capacity(template.len().min(MAX_RENDERED_BYTES) + 256),
            size: 0,
            used: Vec::new(),
        }
    }

    fn note(&mut self, a: Assumption) {
        if !self.used.contains(&a) {
            self.used.push(a);
        }
    }

    fn push(&mut self, t: &str) {
        push_capped(&mut self.text, &mut self.size, t);
    }

    /// Writes variable `name` at template `offset`: its value in quotes or as JSON, or nothing
    /// (with a warning) when its path finds nothing.
    fn var(&mut self, name: &str, r: Option<&mut Rendered>, quoted: bool, offset: usize) {
        let Some(r) = r else {
            self.note(assumptions::MISSING_PATH);
            let place = Place::new("", Some(self.lines.at(offset)));
            self.missing.add(name, place, || {
                Diagnostic::warning(
                    "",
                    format!(
                        "<{}>: its path finds nothing in this event, so it is replaced by empty text",
                        excerpt(name)
                    ),
                )
            });
            return;
        };
        if quoted {
            if r.non_string() {
                self.note(assumptions::NON_STRING_IN_QUOTES);
            }
            if let Some(bad) = r.bad() {
                let place = Place::new("", Some(self.lines.at(offset)));
                let shown = Value::String(excerpt(r.quoted()).into_owned());
                self.unsafe_quoted.add(name, place, || {
                    Diagnostic::error(
                        "",
                        format!(
                            "<{n}> is inside quotes and its value {shown} contains {bad:?}, which EventBridge does not escape: the result is not valid JSON; place <{n}> outside quotes",
                            n = excerpt(name),
                        ),
                    )
                });
            }
            push_capped(&mut self.text, &mut self.size, r.quoted());
        } else {
            if !r.non_string() {
                self.note(assumptions::UNQUOTED_ESCAPED);
            }
            push_capped(&mut self.text, &mut self.size, r.json());
        }
    }

    fn finish(self, bindings: Vec<Binding>) -> TransformResult {
        let mut diagnostics = self.missing.finish();
        diagnostics.extend(self.unsafe_quoted.finish());
        let size = self.size;
        if size > MAX_RENDERED_BYTES {
            diagnostics.push(Diagnostic::error(
                "",
                format!("the rendered message is {size} bytes; SNS accepts at most {MAX_RENDERED_BYTES} (256 KB), so the delivery fails (only its first {MAX_RENDERED_BYTES} bytes are kept here)"),
            ));
        }
        TransformResult {
            output: self.text,
            size,
            bindings,
            diagnostics,
            assumptions: self.used,
        }
    }
}

/// Renders `template` for `event` (`TransformPlan::run` of a plan made for this one call). The
/// static checks are `check_input_paths` and `check_template`.
pub fn transform(
    paths: &IndexMap<String, String>,
    template: &str,
    event: &Value,
    ctx: &RuleContext,
) -> TransformResult {
    TransformPlan::new(paths, template).run(event, ctx)
}

#[cfg(test)]
mod tests {
    use super::breaks_quotes;

    #[test]
    fn breaks_quotes_finds_what_char_is_control_finds() {
        for s in [
            "plain", "é🚀", "a\"b", "a\\b", "a\u{1}", "a\u{7f}", "a\u{85}b", "a\u{9f}", "\u{a0}",
            "\u{2028}",
        ] {
            let want = s
                .chars()
                .find(|c| *c == '"' || *c == '\\' || c.is_control());
            assert_eq!(breaks_quotes(s), want, "{s:?}");
        }
    }
}
