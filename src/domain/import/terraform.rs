//! Importing Terraform: the `.tf` files of an existing Custom Action setup (one or several, read
//! as one module) into a design to confirm. Parsed with hcl-edit (HashiCorp's syntax, with source
//! spans), evaluated as far as an import needs by `eval` (locals, variables' defaults, `for_each`,
//! templates, heredocs and the usual functions). Recognises `awscc_chatbot_custom_action`,
//! `aws_cloudwatch_event_rule`, `aws_cloudwatch_event_target` with its `input_transformer`,
//! `aws_chatbot_slack_channel_configuration` / `awscc_chatbot_slack_channel_configuration` and
//! their Microsoft Teams counterparts,
//! `aws_sns_topic`, `provider "aws"` and this app's own Terraform export. Whatever it cannot know
//! becomes a note with its file, line and column; the rest still imports. Pure: imports the model,
//! diagnostics, templates and `import` (whose notification reading it shares).

mod eval;

use crate::domain::base::diagnostic::{excerpt, name_list, Diagnostic, LineCursor};
use crate::domain::base::jsontext::strip_bom;
use crate::domain::base::names::snake;
use crate::domain::design::model::{
    check_depth, default_notification_type, ChatPlatform, Criterion, CriterionOperator,
    CustomActionDesign, Design, RuleDesign,
};
use crate::domain::design::sources::{setting_source, source_settings, SourceSetting};
use crate::domain::import::{
    design_parameter_named, notification_of_template, ImportError, ImportKind, Imported,
};
use eval::{
    Instances, Module, ResourceDecl, Scope, VarMode, Variable, Why, MARK_CLOSE, MARK_OPEN,
    UNKNOWN_PART, V,
};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span;
use indexmap::IndexMap;
use serde_json::Value;

pub use eval::FUNCTIONS;

/// The resource types an import reads.
pub const RESOURCES: [&str; 10] = [
    "awscc_chatbot_custom_action",
    "aws_cloudwatch_event_rule",
    "aws_cloudwatch_event_target",
    "aws_chatbot_slack_channel_configuration",
    "awscc_chatbot_slack_channel_configuration",
    "awscc_chatbot_microsoft_teams_channel_configuration",
    "aws_chatbot_teams_channel_configuration",
    "aws_sns_topic",
    "aws_pipes_pipe",
    "aws_cloudformation_stack",
];

/// The most notes an import returns; the rest are counted in a last note.
const MAX_NOTES: usize = 100;

/// The most bytes of Terraform read at once (all files together).
pub const MAX_TERRAFORM_BYTES: usize = 4 * 1024 * 1024;

/// True when text reads as Terraform rather than JSON or YAML: a line opening a top-level block
/// (`resource "…"`, `variable "…"`, `locals {`, …).
pub fn looks_like_terraform(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        let word: String = l.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let rest = l[word.len()..].trim_start();
        match word.as_str() {
            "resource" | "data" | "variable" | "provider" | "module" | "output" => {
                rest.starts_with('"')
            }
            "locals" | "terraform" => rest.starts_with('{'),
            _ => false,
        }
    })
}

/// How deeply an expression may nest (brackets, blocks, interpolations, and operators, which the
/// parser also reads by recursion) before a file is refused unparsed: the parser recurses once per
/// level and the browser's stack is small.
pub const MAX_HCL_NESTING: usize = 32;

/// The byte offset where `text` first nests deeper than `MAX_HCL_NESTING`, if it does. Not a parser:
/// a scan that skips comments, quoted strings and heredoc text (but counts their interpolations),
/// and counts each operator as a level of the bracket it is in (over-counting binary operators).
fn too_deep(text: &str) -> Option<usize> {
    let mut scan = DepthScan::new(text);
    while scan.i < scan.b.len() {
        let step = if scan.in_string || scan.heredoc.is_some() {
            scan.text_byte()
        } else {
            scan.code_byte()
        };
        if let Err(at) = step {
            return Some(at);
        }
    }
    None
}

/// What a frame of `DepthScan` is, and what a closing interpolation returns to.
#[derive(PartialEq)]
enum Frame {
    /// A block body (or the file): each line's operators are counted anew.
    Block,
    Bracket,
    InterpInString,
    InterpInHeredoc(String),
}

/// The scan `too_deep` makes: where it is, what it is in, and the frames open, each with the
/// operators counted in it. Each step reads one byte or one token and moves on; a step returns
/// `Err(at)` where the text nests too deeply.
struct DepthScan<'t> {
    text: &'t str,
    b: &'t [u8],
    stack: Vec<(Frame, usize)>,
    in_string: bool,
    heredoc: Option<String>,
    line_start: bool,
    i: usize,
    /// Template directives (`%{if}` … `%{endif}`, `%{for}` … `%{endfor}`) open, between them, a
    /// level the parser recurses into, as a bracket does.
    directives: usize,
}

impl<'t> DepthScan<'t> {
    fn new(text: &'t str) -> Self {
        DepthScan {
            text,
            b: text.as_bytes(),
            stack: vec![(Frame::Block, 0)],
            in_string: false,
            heredoc: None,
            line_start: true,
            i: 0,
            directives: 0,
        }
    }

    /// `Err(at)` when the levels open (frames, directives and operators) are more than
    /// `MAX_HCL_NESTING`.
    fn check(&self, at: usize) -> Result<(), usize> {
        let levels =
            self.stack.len() + self.directives + self.stack.iter().map(|f| f.1).sum::<usize>();
        if levels > MAX_HCL_NESTING {
            Err(at)
        } else {
            Ok(())
        }
    }

    /// Where the line holding `i` ends (its `\n`, or the end of the text).
    fn line_end(&self, i: usize) -> usize {
        self.text[i..].find('\n').map_or(self.b.len(), |n| i + n)
    }

    /// A byte of a quoted string or heredoc: its end, an escape, or an interpolation or directive
    /// opening.
    fn text_byte(&mut self) -> Result<(), usize> {
        let (b, i) = (self.b, self.i);
        let c = b[i];
        if let (Some(delim), true) = (&self.heredoc, self.line_start) {
            let end = self.line_end(i);
            if self.text[i..end].trim() == delim {
                self.heredoc = None;
                self.i = end;
                return Ok(());
            }
        }
        self.line_start = c == b'\n';
        if self.in_string && c == b'\\' {
            self.i += 2;
            return Ok(());
        }
        if self.in_string && c == b'"' {
            self.in_string = false;
        } else if (c == b'$' || c == b'%') && b.get(i + 1) == Some(&b'{') {
            if i > 0 && b[i - 1] == c {
                // `$${` and `%%{` are literal.
                self.i += 2;
                return Ok(());
            }
            return self.open_interpolation(c);
        }
        self.i += 1;
        Ok(())
    }

    /// `${` or `%{` at `i`: a frame that returns to the string or heredoc it is in, and for a
    /// directive, the `if` or `for` it opens or the `endif` or `endfor` it closes.
    fn open_interpolation(&mut self, c: u8) -> Result<(), usize> {
        let i = self.i;
        let frame = match self.heredoc.take() {
            Some(h) => Frame::InterpInHeredoc(h),
            None => Frame::InterpInString,
        };
        self.in_string = false;
        if c == b'%' {
            let word = self.text[i + 2..]
                .trim_start_matches(|c: char| c == '~' || c.is_whitespace())
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            match word {
                "if" | "for" => self.directives += 1,
                "endif" | "endfor" => self.directives = self.directives.saturating_sub(1),
                _ => {}
            }
        }
        self.stack.push((frame, 0));
        self.check(i)?;
        self.i += 2;
        Ok(())
    }

    /// A byte of code: a comment, a string or heredoc opening, a bracket, a line end or an
    /// operator.
    fn code_byte(&mut self) -> Result<(), usize> {
        let (b, i) = (self.b, self.i);
        let c = b[i];
        match c {
            b'#' => {
                self.i = self.line_end(i);
                return Ok(());
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                self.i = self.line_end(i);
                return Ok(());
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                self.i = self.text[i + 2..]
                    .find("*/")
                    .map_or(b.len(), |n| i + 2 + n + 2);
                return Ok(());
            }
            b'"' => self.in_string = true,
            b'<' if b.get(i + 1) == Some(&b'<') && self.open_heredoc() => return Ok(()),
            // A `<<` that opens no heredoc is no operator either.
            b'<' if b.get(i + 1) == Some(&b'<') => {}
            b'(' | b'[' | b'{' => {
                let before = self.text[..i].trim_end().bytes().last();
                let block = c == b'{'
                    && matches!(before, Some(p) if p == b'"' || p.is_ascii_alphanumeric() || p == b'_');
                self.stack
                    .push((if block { Frame::Block } else { Frame::Bracket }, 0));
                self.check(i)?;
            }
            b')' | b']' | b'}' if self.stack.len() > 1 => match self.stack.pop().map(|f| f.0) {
                Some(Frame::InterpInString) => self.in_string = true,
                Some(Frame::InterpInHeredoc(h)) => self.heredoc = Some(h),
                _ => {}
            },
            b'\n' => {
                if let Some((Frame::Block, ops)) = self.stack.last_mut() {
                    *ops = 0;
                }
            }
            b'!' | b'?' | b'-' | b'+' | b'*' | b'/' | b'%' | b'=' | b'<' | b'>' | b'&' | b'|' => {
                self.operator(c)?
            }
            _ => {}
        }
        self.line_start = c == b'\n';
        self.i += 1;
        Ok(())
    }

    /// `<<` (or `<<-`) at `i` followed by an identifier and a line end: the heredoc starts on the
    /// next line. False when it is not a heredoc.
    fn open_heredoc(&mut self) -> bool {
        let i = self.i;
        let rest = &self.text[i + 2..];
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        let end = self.line_end(i);
        if !ident.is_empty() && end < self.b.len() {
            self.heredoc = Some(ident);
            self.i = end + 1;
            self.line_start = true;
            return true;
        }
        false
    }

    /// An operator character at `i`, counted as a level of the frame it is in (a `-` inside a
    /// word, a lone `=` and `=>` are not); a two-character operator's second is skipped.
    fn operator(&mut self, c: u8) -> Result<(), usize> {
        let (b, i) = (self.b, self.i);
        let next = b.get(i + 1).copied();
        let in_word = c == b'-' && i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        // A lone `=` assigns and `=>` maps; neither nests.
        let counts = !in_word && (c != b'=' || next == Some(b'='));
        if counts {
            if let Some(top) = self.stack.last_mut() {
                top.1 += 1;
            }
            self.check(i)?;
        }
        if matches!(next, Some(b'=') | Some(b'&') | Some(b'|') | Some(b'>')) {
            self.i += 1;
        }
        Ok(())
    }
}

/// Notes with their places, bounded.
struct Notes<'a> {
    files: &'a [(String, &'a str)],
    list: Vec<Diagnostic>,
    dropped: usize,
}

impl<'a> Notes<'a> {
    fn push(&mut self, d: Diagnostic) {
        if self.list.contains(&d) {
            return;
        }
        if self.list.len() >= MAX_NOTES {
            self.dropped += 1;
        } else {
            self.list.push(d);
        }
    }
    fn at(
        &self,
        file: usize,
        span: &Option<std::ops::Range<usize>>,
    ) -> (String, Option<(usize, usize)>) {
        let (name, text) = self
            .files
            .get(file)
            .map(|(n, t)| (n.clone(), *t))
            .unwrap_or_default();
        let pos = span.as_ref().map(|r| LineCursor::new(text).at(r.start));
        (name, pos)
    }
    fn note(
        &mut self,
        warning: bool,
        file: usize,
        span: &Option<std::ops::Range<usize>>,
        message: String,
    ) {
        // Placing a note scans its file, so notes past the bound are only counted.
        if self.list.len() >= MAX_NOTES {
            self.dropped += 1;
            return;
        }
        let (name, pos) = self.at(file, span);
        let d = if warning {
            Diagnostic::warning(name, message)
        } else {
            Diagnostic::info(name, message)
        };
        self.push(match pos {
            Some((l, c)) => d.at(l, c),
            None => d,
        });
    }
    fn why(&mut self, w: &Why, then: &str) {
        self.note(true, w.file, &w.span, format!("{}; {then}", w.message));
    }
    fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0 {
            self.list.push(Diagnostic::info(
                "",
                format!("{} more notes are not shown", self.dropped),
            ));
        }
        self.list
    }
}

/// One instance of a resource: its module, where it is, its `each`, and its evaluated attributes.
#[derive(Clone)]
struct Instance<'b> {
    m: &'b Module<'b>,
    file: usize,
    span: Option<std::ops::Range<usize>>,
    body: &'b Body,
    label: String,
    scope: Scope,
    value: IndexMap<String, V>,
}

/// Every instance of every resource of `kind`, in file order.
fn instances<'b>(m: &'b Module<'b>, kind: &str, notes: &mut Notes) -> Vec<Instance<'b>> {
    let mut out = Vec::new();
    for ((k, name), decl) in &m.resources {
        if k != kind {
            continue;
        }
        let prefix = &m.prefix;
        let base = Scope::new(decl.file, VarMode::Defaults);
        let each: Vec<(String, Scope)> = match m.instances(decl.body, &base) {
            Instances::One => vec![(format!("{prefix}{kind}.{name}"), base.clone())],
            Instances::Each(items) => items
                .into_iter()
                .map(|(key, v)| {
                    let scope = Scope {
                        each: Some((V::Str(key.clone()), v)),
                        ..base.clone()
                    };
                    (format!("{prefix}{kind}.{name}[{key:?}]"), scope)
                })
                .collect(),
            Instances::Count(n) => (0..n)
                .map(|i| {
                    let scope = Scope {
                        count: Some(i),
                        ..base.clone()
                    };
                    (format!("{prefix}{kind}.{name}[{i}]"), scope)
                })
                .collect(),
            Instances::Unknown(w) => {
                notes.why(&w, &format!("`{prefix}{kind}.{name}` is skipped"));
                continue;
            }
        };
        if each.is_empty() {
            let what = if decl.body.get_attribute("count").is_some() {
                "its `count` is 0"
            } else {
                "its `for_each` is empty"
            };
            notes.note(
                false,
                decl.file,
                &decl.span,
                format!("`{prefix}{kind}.{name}` creates nothing ({what}), so nothing of it is imported"),
            );
        }
        for (label, scope) in each {
            let value = match m.body_value(decl.body, &scope) {
                V::Obj(o) => o,
                _ => IndexMap::new(),
            };
            out.push(Instance {
                m,
                file: decl.file,
                span: decl.span.clone(),
                body: decl.body,
                label,
                scope,
                value,
            });
        }
    }
    out
}

/// A string attribute: `None` when absent or null; a note when it is unknown or not a string.
fn text(i: &Instance, key: &str, notes: &mut Notes) -> Option<String> {
    field_text(i.value.get(key), i, key, notes)
}

fn field_text(v: Option<&V>, i: &Instance, key: &str, notes: &mut Notes) -> Option<String> {
    match v {
        None | Some(V::Null) => None,
        Some(V::Str(s)) => Some(s.clone()),
        Some(V::Num(n)) => Some(n.clone()),
        Some(V::Bool(b)) => Some(b.to_string()),
        Some(V::Unknown(w)) => {
            notes.why(w, &format!("{} `{key}` is skipped", i.label));
            None
        }
        Some(_) => {
            notes.note(
                true,
                i.file,
                &i.span,
                format!("{}: `{key}` is not a string; skipped", i.label),
            );
            None
        }
    }
}

fn string_map(
    v: Option<&V>,
    i: &Instance,
    key: &str,
    notes: &mut Notes,
) -> IndexMap<String, String> {
    match v {
        Some(V::Obj(m)) => m
            .iter()
            .filter_map(|(k, x)| {
                field_text(Some(x), i, &format!("{key}.{k}"), notes).map(|s| (k.clone(), s))
            })
            .collect(),
        None | Some(V::Null) => IndexMap::new(),
        Some(V::Unknown(w)) => {
            notes.why(w, &format!("{} `{key}` is skipped", i.label));
            IndexMap::new()
        }
        Some(_) => {
            notes.note(
                true,
                i.file,
                &i.span,
                format!("{}: `{key}` is not a map; skipped", i.label),
            );
            IndexMap::new()
        }
    }
}

/// A list of objects, or one object (block syntax).
fn objects<'v>(
    v: Option<&'v V>,
    i: &Instance,
    key: &str,
    notes: &mut Notes,
) -> Vec<&'v IndexMap<String, V>> {
    match v {
        Some(V::List(items)) => items
            .iter()
            .filter_map(|x| match x {
                V::Obj(o) => Some(o),
                V::Unknown(w) => {
                    notes.why(w, &format!("an item of {} `{key}` is skipped", i.label));
                    None
                }
                _ => None,
            })
            .collect(),
        Some(V::Obj(o)) => vec![o],
        Some(V::Unknown(w)) => {
            notes.why(w, &format!("{} `{key}` is skipped", i.label));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn action(i: &Instance, notes: &mut Notes) -> CustomActionDesign {
    let name = text(i, "action_name", notes).unwrap_or_else(|| {
        notes.note(
            true,
            i.file,
            &i.span,
            format!(
                "{} has no known `action_name`; named after the resource",
                i.label
            ),
        );
        i.label.clone()
    });
    let command = match i.value.get("definition") {
        Some(V::Obj(d)) => field_text(d.get("command_text"), i, "definition.command_text", notes),
        Some(V::Unknown(w)) => {
            notes.why(w, &format!("{} `definition` is skipped", i.label));
            None
        }
        _ => None,
    }
    .unwrap_or_else(|| {
        notes.note(
            true,
            i.file,
            &i.span,
            format!("{} has no `definition.command_text`", i.label),
        );
        String::new()
    });
    let attachments = objects(i.value.get("attachments"), i, "attachments", notes);
    if attachments.len() > 1 {
        notes.note(
            true,
            i.file,
            &i.span,
            format!(
                "{} has {} attachments; the design keeps the first as the button",
                i.label,
                attachments.len()
            ),
        );
    }
    let empty = IndexMap::new();
    let att = attachments.first().copied().unwrap_or(&empty);
    let mut criteria = Vec::new();
    for c in objects(att.get("criteria"), i, "criteria", notes) {
        let op = field_text(c.get("operator"), i, "criteria.operator", notes);
        match op.as_deref().and_then(CriterionOperator::parse) {
            Some(operator) => criteria.push(Criterion {
                operator,
                variable: field_text(c.get("variable_name"), i, "criteria.variable_name", notes)
                    .unwrap_or_default(),
                value: field_text(c.get("value"), i, "criteria.value", notes),
            }),
            None => notes.note(
                true,
                i.file,
                &i.span,
                format!(
                    "{}: criterion operator {:?} is neither EQUALS nor HAS_VALUE; skipped",
                    i.label,
                    excerpt(op.as_deref().unwrap_or(""))
                ),
            ),
        }
    }
    CustomActionDesign {
        name,
        alias: text(i, "alias_name", notes).filter(|s| !s.is_empty()),
        button_text: field_text(att.get("button_text"), i, "button_text", notes)
            .unwrap_or_default(),
        notification_type: field_text(att.get("notification_type"), i, "notification_type", notes)
            .unwrap_or_else(default_notification_type),
        criteria,
        variables: string_map(att.get("variables"), i, "variables", notes),
        command,
    }
}

/// The custom-action name an ARN (or a string holding one) ends with.
fn action_name_in(arn: &str) -> Option<String> {
    let (_, tail) = arn.rsplit_once("custom-action/")?;
    let name: String = tail
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The `--resource` argument of an `associate-to-configuration` command.
fn associated_resource(command: &str) -> Option<String> {
    let at = command.find("associate-to-configuration")?;
    if command[..at].ends_with("dis") {
        return None;
    }
    let rest = &command[at..];
    let i = rest.find("--resource")?;
    let arg = rest[i + "--resource".len()..].trim_start_matches([' ', '=', '\t']);
    let arg = arg.trim_start_matches(['\'', '"']);
    let end = arg
        .find([' ', '\'', '"', '\n', '\t', ';'])
        .unwrap_or(arg.len());
    let arg = &arg[..end];
    // `--resource "$action_arn"`: the value the command's script gives that shell variable.
    let var = arg
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .or_else(|| arg.strip_prefix('$'));
    match var {
        Some(name) if !name.is_empty() => {
            Some(shell_assignment(&command[..at], name).unwrap_or_else(|| arg.to_string()))
        }
        _ => Some(arg.to_string()),
    }
}

/// The value the last `name=value` (or `export name=value`) before a command gives a shell
/// variable, unquoted.
fn shell_assignment(script: &str, name: &str) -> Option<String> {
    let pattern = format!("{name}=");
    let mut found = None;
    let mut from = 0;
    while let Some(i) = script[from..].find(&pattern) {
        let at = from + i;
        from = at + pattern.len();
        let before = script[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &script[from..];
        let value = match rest.chars().next() {
            Some(q @ ('\'' | '"')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split([' ', ';', '\n', '\t', '&', '|'])
                .next()
                .unwrap_or(""),
        };
        found = Some(value.to_string());
    }
    found
}

/// The parameter name a variable stands for (`design_parameter_named`), or the variable's own.
fn parameter_name(var: &str, description: Option<&str>) -> String {
    description
        .and_then(design_parameter_named)
        .unwrap_or(var)
        .to_string()
}

/// The source setting a variable the template names stands for: the variable this app's exports
/// name from the setting's words, unless its description makes it a design parameter.
fn setting_of_variable(var: &str, description: Option<&str>) -> Option<&'static str> {
    if description.and_then(design_parameter_named).is_some() {
        return None;
    }
    source_settings()
        .find(|s| {
            let words: Vec<String> = s.words.iter().map(|w| w.to_string()).collect();
            snake(&words) == var
        })
        .map(|s| s.key())
}

/// Text with each variable marker replaced by `f(name)`.
fn replace_markers(t: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(start) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARK_OPEN.len_utf8()..];
        match after.find(MARK_CLOSE) {
            Some(end) => {
                out.push_str(&f(&after[..end]));
                rest = &after[end + MARK_CLOSE.len_utf8()..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn marker_names(t: &str) -> Vec<String> {
    let mut names = Vec::new();
    replace_markers(t, |n| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
        String::new()
    });
    names
}

/// What reading the files gathers besides the module: the variables' descriptions, the
/// `provider "aws"` blocks, and the resources an import does not read.
#[derive(Default)]
struct Declared<'b> {
    descriptions: IndexMap<String, String>,
    providers: Vec<(usize, &'b Body)>,
    skipped: Vec<String>,
    /// The `module` blocks: their file and block.
    modules: Vec<(usize, &'b Block)>,
}

/// Reads the files as one module.
fn collect<'b>(
    m: &mut Module<'b>,
    bodies: &[&'b (usize, Body)],
    notes: &mut Notes,
) -> Declared<'b> {
    let mut declared = Declared::default();
    for (file, body) in bodies.iter().copied() {
        let file = *file;
        for b in body.blocks() {
            declared.block(m, file, b, notes);
        }
        for a in body.attributes() {
            notes.note(
                true,
                file,
                &a.span(),
                format!(
                    "a top-level attribute `{}` is not Terraform; skipped",
                    excerpt(a.key.as_str())
                ),
            );
        }
    }
    if !declared.skipped.is_empty() {
        notes.push(Diagnostic::info(
            "",
            format!(
                "not imported (exports create them from the design): {}",
                name_list(declared.skipped.iter().map(String::as_str))
            ),
        ));
    }
    declared
}

impl<'b> Declared<'b> {
    /// One top-level block: a variable, locals, a resource or an `aws` provider is read; a module
    /// or a block Terraform does not have is a note; data sources and the other Terraform blocks
    /// are passed over.
    fn block(&mut self, m: &mut Module<'b>, file: usize, b: &'b Block, notes: &mut Notes) {
        let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
        let span = b.span();
        match (b.ident.as_str(), labels.as_slice()) {
            ("variable", [name]) => self.variable(m, file, b, name),
            ("locals", []) => {
                for a in b.body.attributes() {
                    m.locals
                        .insert(a.key.as_str().to_string(), (file, &a.value));
                }
            }
            ("resource", [kind, name]) | ("data", [kind, name]) => {
                let data = b.ident.as_str() == "data";
                if !data {
                    self.resource(m, file, b, kind, name, notes);
                }
            }
            ("provider", ["aws"]) => self.providers.push((file, &b.body)),
            ("module", [_]) => self.modules.push((file, b)),
            ("provider" | "terraform" | "output" | "moved" | "import" | "check" | "removed", _) => {
            }
            (other, _) => notes.note(
                true,
                file,
                &span,
                format!(
                    "`{}` is not a Terraform block this import knows; skipped",
                    excerpt(other)
                ),
            ),
        }
    }

    /// A variable: its default into the module, its description (when known) kept.
    fn variable(&mut self, m: &mut Module<'b>, file: usize, b: &'b Block, name: &str) {
        let default = b.body.get_attribute("default").map(|a| &a.value);
        if let Some(d) = b.body.get_attribute("description") {
            if let V::Str(s) = m.eval(
                &d.value,
                &Scope {
                    file,
                    ..Scope::default()
                },
            ) {
                self.descriptions.insert(name.to_string(), s);
            }
        }
        m.variables
            .insert(name.to_string(), Variable { default, file });
    }

    /// A resource: into the module unless declared before; counted as not imported when it is
    /// none of `RESOURCES` and runs no `local-exec`.
    fn resource(
        &mut self,
        m: &mut Module<'b>,
        file: usize,
        b: &'b Block,
        kind: &str,
        name: &str,
        notes: &mut Notes,
    ) {
        let span = b.span();
        let key = (kind.to_string(), name.to_string());
        if m.resources.contains_key(&key) {
            notes.note(
                true,
                file,
                &span,
                format!("`{kind}.{name}` is declared twice; the first is read"),
            );
            return;
        }
        if !RESOURCES.contains(&kind) && !has_local_exec(b) {
            self.skipped.push(format!("{kind}.{name}"));
        }
        m.resources.insert(
            key,
            ResourceDecl {
                file,
                body: &b.body,
                span,
            },
        );
    }
}

fn has_local_exec(b: &Block) -> bool {
    b.body.blocks().any(|p| {
        p.ident.as_str() == "provisioner"
            && p.labels.first().map(|l| l.as_str()) == Some("local-exec")
    })
}

/// True for a file of variable values: `*.tfvars` or `*.tfvars.json`.
pub fn is_var_file(name: &str) -> bool {
    name.ends_with(".tfvars") || name.ends_with(".tfvars.json")
}

/// The order Terraform reads variable files in: `terraform.tfvars`, `terraform.tfvars.json`, the
/// `*.auto.tfvars` and `*.auto.tfvars.json` files by name, then any other in the order given
/// (`-var-file`); later ones win.
fn var_file_rank(name: &str) -> (u8, String) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base {
        "terraform.tfvars" => (0, String::new()),
        "terraform.tfvars.json" => (1, String::new()),
        b if b.ends_with(".auto.tfvars") || b.ends_with(".auto.tfvars.json") => (2, b.to_string()),
        _ => (3, String::new()),
    }
}

/// The values a variable file sets, each with its name; a value that cannot be read is a note.
fn var_file_values(file: usize, name: &str, text: &str, notes: &mut Notes) -> Vec<(String, V)> {
    if name.ends_with(".json") {
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| (k.clone(), eval::from_json(v)))
                .collect(),
            Ok(_) => {
                notes.note(
                    true,
                    file,
                    &None,
                    "a .tfvars.json file must hold one JSON object; not read".into(),
                );
                Vec::new()
            }
            Err(e) => {
                notes.note(true, file, &None, format!("not JSON ({e}); not read"));
                Vec::new()
            }
        };
    }
    if let Some(at) = too_deep(text) {
        notes.note(
            true,
            file,
            &Some(at..at),
            format!("nests more than {MAX_HCL_NESTING} levels deep; not read"),
        );
        return Vec::new();
    }
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(b) => b,
        Err(e) => {
            let loc = e.location();
            let (name, _) = notes.at(file, &None);
            notes.push(
                Diagnostic::warning(
                    name,
                    format!("not valid HCL ({}); not read", e.message().trim()),
                )
                .at(loc.line(), loc.column()),
            );
            return Vec::new();
        }
    };
    let m = Module::new(vec![text]);
    let scope = Scope {
        file: 0,
        ..Scope::default()
    };
    let mut out = Vec::new();
    for a in body.attributes() {
        match m.eval(&a.value, &scope) {
            v if v.unknown().is_none() => out.push((a.key.as_str().to_string(), v)),
            v => {
                let why = v.unknown().map(|w| w.message.clone()).unwrap_or_default();
                notes.note(
                    true,
                    file,
                    &a.value.span(),
                    format!("`{}` is not read: {why}", a.key.as_str()),
                );
            }
        }
    }
    for b in body.blocks() {
        notes.note(
            true,
            file,
            &b.span(),
            "a variable file holds only `name = value` lines; this block is not read".into(),
        );
    }
    out
}

/// A `-var NAME=VALUE` value: a list or object written in HCL (`["a", "b"]`, `{ a = 1 }`) as
/// that value, anything else as the string written, as Terraform reads it for a string variable.
fn given_value(text: &str) -> Result<V, String> {
    let t = text.trim_start();
    if !(t.starts_with('[') || t.starts_with('{')) {
        return Ok(V::Str(text.to_string()));
    }
    if too_deep(text).is_some() {
        return Err(format!("nests more than {MAX_HCL_NESTING} levels deep"));
    }
    let expr = hcl_edit::parser::parse_expr(text).map_err(|e| e.message().trim().to_string())?;
    let m = Module::new(vec![text]);
    match m.eval(&expr, &Scope::default()) {
        v if v.unknown().is_none() => Ok(v),
        v => Err(v.unknown().map(|w| w.message.clone()).unwrap_or_default()),
    }
}

/// A variable the files declare: its name, its description, its default (a string default as the
/// string, any other as the HCL written; none when it has none) and the value given for it, if
/// any. The Import panel asks for the values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeclaredVariable {
    pub name: String,
    pub description: String,
    pub default: Option<String>,
    pub given: Option<String>,
}

/// Imports Terraform files (name and text) read together as one module into a design built from
/// `current`: the custom actions (those the channel carries), the rule, pattern and transformer
/// (the template as the notification when it is one the designer generates), the channel and
/// topic settings, and design parameters for the variables the notification uses.
pub fn import_terraform(
    files: &[(String, String)],
    current: &Design,
) -> Result<Imported, ImportError> {
    import_terraform_with(files, current, &[]).0
}

/// `import_terraform` with variable values: the variable files among `files` (`is_var_file`),
/// then `vars` (`-var NAME=VALUE`), later values winning as in Terraform. Also returns the
/// variables the root module declares, whether or not anything was imported.
pub fn import_terraform_with(
    files: &[(String, String)],
    current: &Design,
    vars: &[(String, String)],
) -> (Result<Imported, ImportError>, Vec<DeclaredVariable>) {
    let mut variables = Vec::new();
    let result = read_terraform(files, current, vars, &mut variables);
    (result, variables)
}

fn read_terraform(
    files: &[(String, String)],
    current: &Design,
    vars: &[(String, String)],
    variables: &mut Vec<DeclaredVariable>,
) -> Result<Imported, ImportError> {
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    if total > MAX_TERRAFORM_BYTES {
        return Err(ImportError::Terraform(format!(
            "the Terraform is {total} bytes; at most {MAX_TERRAFORM_BYTES} are read at once"
        )));
    }
    let texts: Vec<(String, &str)> = files
        .iter()
        .map(|(n, t)| (n.clone(), strip_bom(t)))
        .collect();
    let mut notes = Notes {
        files: &texts,
        list: Vec::new(),
        dropped: 0,
    };
    let (var_files, rest): (Vec<usize>, Vec<usize>) =
        (0..texts.len()).partition(|&i| is_var_file(&texts[i].0));
    // The files that are not Terraform are what `file` and `templatefile` read.
    let tf: Vec<usize> = rest
        .into_iter()
        .filter(|&i| texts[i].0.ends_with(".tf") || looks_like_terraform(texts[i].1))
        .collect();
    let bodies = parse_files(&texts, &tf, &mut notes)?;
    let claimed = module_dirs(&texts, &bodies);
    let mut root_bodies: Vec<&(usize, Body)> = bodies
        .iter()
        .filter(|(i, _)| !claimed.contains(&dir_of(&texts[*i].0)))
        .collect();
    if root_bodies.is_empty() {
        root_bodies = bodies.iter().collect();
    }
    let root_dir = root_bodies
        .first()
        .map(|(i, _)| dir_of(&texts[*i].0))
        .unwrap_or_default();
    let mut m = Module::new(texts.iter().map(|(_, t)| *t).collect());
    m.names = texts.iter().map(|(n, _)| n.clone()).collect();
    m.dir = root_dir.clone();
    m.root_dir = root_dir.clone();
    let declared = collect(&mut m, &root_bodies, &mut notes);
    m.descriptions = declared.descriptions.clone();
    let mut ordered = var_files.clone();
    ordered.sort_by_key(|&i| var_file_rank(&texts[i].0));
    let mut given: IndexMap<String, (V, String)> = IndexMap::new();
    for i in ordered {
        for (k, v) in var_file_values(i, &texts[i].0, texts[i].1, &mut notes) {
            given.insert(k, (v, texts[i].0.clone()));
        }
    }
    for (k, text) in vars {
        match given_value(text) {
            Ok(v) => {
                given.insert(k.clone(), (v, format!("--var {k}")));
            }
            Err(why) => notes.push(Diagnostic::warning(
                format!("--var {k}"),
                format!("the value is not read: {why}"),
            )),
        }
    }
    for (k, (v, from)) in given {
        if !m.variables.contains_key(&k) {
            notes.push(Diagnostic::warning(
                from,
                format!(
                    "sets `{}`, which these files do not declare (no variable block); not used",
                    excerpt(&k)
                ),
            ));
            continue;
        }
        m.given.insert(k, v);
    }
    *variables = declared_variables(&m, &declared);
    let units = follow_modules(
        m,
        root_dir,
        declared.modules.clone(),
        &texts,
        &bodies,
        &mut notes,
    );
    let mut reading = Reading {
        m: &units[0],
        units: units.iter().collect(),
        d: current.clone(),
        notes,
        found: false,
        rule_at: 0,
        rules_read: 0,
    };
    reading.custom_actions();
    reading.sns_topic();
    reading.region(&declared.providers);
    reading.source_setting_variables();
    reading.rule_and_transformer();
    reading.pipes();
    reading.cloudformation_stacks();
    reading.finish()
}

/// A `dynamic "name"` block of a body.
fn dynamic_block<'b>(body: &'b Body, name: &str) -> Option<&'b Block> {
    body.blocks().find(|b| {
        b.ident.as_str() == "dynamic" && b.labels.first().map(|l| l.as_str()) == Some(name)
    })
}

/// A rule read from a pipe: each inline path of its template (`<$.detail.state>`, Pipes' syntax)
/// an input path (`<state>`), as an input transformer writes it.
fn inline_paths(rule: &mut RuleDesign) {
    let mut paths: IndexMap<String, String> = rule.input_paths.clone();
    let mut rewrite = |s: &mut String| {
        if !s.contains("<$.") {
            return;
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find("<$.") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            match after.find('>') {
                Some(end) if !after[..end].contains(['<', '"', ' ']) => {
                    let path = &after[..end];
                    let base: String = path
                        .rsplit('.')
                        .next()
                        .unwrap_or("value")
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let base = if base.is_empty() {
                        "value".to_string()
                    } else {
                        base
                    };
                    let name = match paths.iter().find(|(_, p)| p.as_str() == path) {
                        Some((n, _)) => n.clone(),
                        None => {
                            let mut n = base.clone();
                            let mut k = 2;
                            while paths.contains_key(&n) {
                                n = format!("{base}{k}");
                                k += 1;
                            }
                            paths.insert(n.clone(), path.to_string());
                            n
                        }
                    };
                    out.push('<');
                    out.push_str(&name);
                    out.push('>');
                    rest = &after[end + 1..];
                }
                _ => {
                    out.push('<');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        *s = out;
    };
    if let Some(t) = rule.input_template_override.as_mut() {
        rewrite(t);
    }
    rule.notification.texts_mut().for_each(&mut rewrite);
    rule.input_paths = paths;
}

/// The most modules an import reads (the root and those it calls, with their instances).
const MAX_MODULES: usize = 64;

/// The folder a file is in, as its name says (`infra/main.tf` → `infra`; `main.tf` → ``).
fn dir_of(name: &str) -> String {
    match name.rfind(['/', '\\']) {
        Some(i) => name[..i].replace('\\', "/"),
        None => String::new(),
    }
}

/// A path with `.` and `..` resolved, as the import compares file names (`./a/../b` → `b`).
pub fn normal_path(path: &str) -> String {
    joined("", path)
}

/// `dir` joined with a relative path (`./modules/x`, `../shared`), `.` and `..` resolved.
fn joined(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let rooted = if dir.starts_with('/') || (dir.is_empty() && rel.starts_with('/')) {
        "/"
    } else {
        ""
    };
    format!("{rooted}{}", parts.join("/"))
}

/// A `module` block's `source` when it is a local path (`./…` or `../…`).
fn local_source(b: &Block) -> Option<String> {
    let a = b.body.get_attribute("source")?;
    let Expression::String(s) = &a.value else {
        return None;
    };
    let s = s.value().to_string();
    (s.starts_with("./") || s.starts_with("../")).then_some(s)
}

/// The folders the files' local `module` blocks call.
fn module_dirs(texts: &[(String, &str)], bodies: &[(usize, Body)]) -> Vec<String> {
    let mut dirs = Vec::new();
    for (i, body) in bodies {
        for b in body.blocks().filter(|b| b.ident.as_str() == "module") {
            if let Some(src) = local_source(b) {
                let d = joined(&dir_of(&texts[*i].0), &src);
                if !dirs.contains(&d) {
                    dirs.push(d);
                }
            }
        }
    }
    dirs
}

/// The files `file(…)` and `templatefile(…)` calls in `files` read, by their paths (with
/// `${path.module}` and `${path.root}` as the calling file's folder), that are not among them:
/// what a caller with a file system reads next (`chatops import` does).
pub fn missing_data_files(files: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let have: Vec<String> = files.iter().map(|(n, _)| joined("", n)).collect();
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".tf")) {
        let dir = dir_of(name);
        for call in ["templatefile(", "file("] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find(call) {
                let after = rest[i + call.len()..].trim_start();
                rest = &rest[i + call.len()..];
                let Some(lit) = after.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = lit.find('"') else {
                    continue;
                };
                let path = lit[..end]
                    .replace("${path.module}", if dir.is_empty() { "." } else { &dir })
                    .replace("${path.root}", if dir.is_empty() { "." } else { &dir });
                if path.contains("${") {
                    continue;
                }
                let p = joined("", &path);
                if !have.contains(&p) && !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// True when Terraform text names a file the way `file` or `templatefile` read it: the text
/// calls one of them and holds the file's name.
pub fn reads_file(tf_text: &str, name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    (tf_text.contains("file(") || tf_text.contains("templatefile(")) && tf_text.contains(base)
}

/// The local folders (relative to `dir`) that `module` blocks in `files` call and that are not
/// among them: what a caller with a file system reads next (`chatops import` does).
pub fn missing_module_dirs(files: &[(String, String)]) -> Vec<String> {
    let texts: Vec<(String, &str)> = files.iter().map(|(n, t)| (n.clone(), t.as_str())).collect();
    let bodies: Vec<(usize, Body)> = texts
        .iter()
        .enumerate()
        .filter(|(_, (n, t))| !is_var_file(n) && too_deep(t).is_none())
        .filter_map(|(i, (_, t))| Some((i, hcl_edit::parser::parse_body(t).ok()?)))
        .collect();
    let have: Vec<String> = texts.iter().map(|(n, _)| dir_of(n)).collect();
    module_dirs(&texts, &bodies)
        .into_iter()
        .filter(|d| !have.contains(d))
        .collect()
}

/// The root module and, breadth first, every module it calls whose folder is among the files,
/// each instance (`count`, `for_each`) with its arguments evaluated in the caller as its
/// variables' values. A registry or Git module, or a local one whose files are missing, is a note
/// that names it and what it is given.
fn follow_modules<'b>(
    root: Module<'b>,
    root_dir: String,
    calls: Vec<(usize, &'b Block)>,
    texts: &[(String, &'b str)],
    bodies: &'b [(usize, Body)],
    notes: &mut Notes,
) -> Vec<Module<'b>> {
    let mut units = vec![root];
    // Each module's calls still to follow, and the folders of the modules that led to it.
    type Calls<'c> = Vec<(usize, &'c Block)>;
    let mut pending: Vec<(Calls<'b>, Vec<String>)> = vec![(calls, vec![root_dir])];
    let mut i = 0;
    while i < units.len() {
        let (calls, dirs) = std::mem::take(&mut pending[i]);
        let mut made: Vec<(String, String, IndexMap<String, V>)> = Vec::new();
        for (file, b) in calls {
            let m = &units[i];
            let name = b.labels.first().map(|l| l.as_str()).unwrap_or("");
            let span = b.span();
            let given_names: Vec<&str> = b
                .body
                .attributes()
                .map(|a| a.key.as_str())
                .filter(|k| !META_ARGUMENTS.contains(k))
                .collect();
            let Some(src) = local_source(b) else {
                let source = b
                    .body
                    .get_attribute("source")
                    .map(|a| a.value.to_string().trim().to_string())
                    .unwrap_or_else(|| "no source".into());
                let version = b
                    .body
                    .get_attribute("version")
                    .map(|a| format!(" version {}", a.value.to_string().trim()))
                    .unwrap_or_default();
                notes.note(true, file, &span, format!("{}module `{name}` comes from {}{version}, which an import does not fetch: whatever rules, custom actions, channel or topic it creates are not imported; it is given {}", m.prefix, excerpt(&source), if given_names.is_empty() { "nothing".to_string() } else { given_names.join(", ") }));
                continue;
            };
            let dir = joined(&dir_of(&texts[file].0), &src);
            if dirs.contains(&dir) {
                notes.note(true, file, &span, format!("module `{name}` calls {src}, a module already being read (a cycle); not followed"));
                continue;
            }
            if !bodies.iter().any(|(j, _)| dir_of(&texts[*j].0) == dir) {
                notes.note(true, file, &span, format!("module `{name}` calls {src} ({dir}), whose .tf files are not among those given: import them with these (the CLI reads the folder itself)"));
                continue;
            }
            let base = Scope::new(file, VarMode::Defaults);
            let each: Vec<(String, Scope)> = match m.instances(&b.body, &base) {
                Instances::One => vec![(format!("{}module.{name}.", m.prefix), base)],
                Instances::Each(items) => items
                    .into_iter()
                    .map(|(k, v)| {
                        let label = format!("{}module.{name}[{k:?}].", m.prefix);
                        (
                            label,
                            Scope {
                                each: Some((V::Str(k), v)),
                                ..base.clone()
                            },
                        )
                    })
                    .collect(),
                Instances::Count(n) => (0..n)
                    .map(|c| {
                        let label = format!("{}module.{name}[{c}].", m.prefix);
                        (
                            label,
                            Scope {
                                count: Some(c),
                                ..base.clone()
                            },
                        )
                    })
                    .collect(),
                Instances::Unknown(w) => {
                    notes.why(&w, &format!("module `{name}` is not followed"));
                    continue;
                }
            };
            for (prefix, scope) in each {
                let given: IndexMap<String, V> = b
                    .body
                    .attributes()
                    .filter(|a| !META_ARGUMENTS.contains(&a.key.as_str()))
                    .map(|a| (a.key.as_str().to_string(), m.eval(&a.value, &scope)))
                    .collect();
                made.push((prefix, dir.clone(), given));
            }
        }
        for (prefix, dir, given) in made {
            if units.len() >= MAX_MODULES {
                notes.push(Diagnostic::warning("", format!("more than {MAX_MODULES} module instances; {prefix} and the rest are not followed")));
                break;
            }
            let child_bodies: Vec<&(usize, Body)> = bodies
                .iter()
                .filter(|(j, _)| dir_of(&texts[*j].0) == dir)
                .collect();
            let mut child = Module::new(texts.iter().map(|(_, t)| *t).collect());
            child.names = texts.iter().map(|(n, _)| n.clone()).collect();
            child.root_dir = units[0].root_dir.clone();
            child.dir = dir.clone();
            let declared = collect(&mut child, &child_bodies, notes);
            for k in given.keys() {
                if !child.variables.contains_key(k) {
                    notes.push(Diagnostic::warning(
                        prefix.trim_end_matches('.'),
                        format!(
                            "is given `{}`, which the module does not declare; not used",
                            excerpt(k)
                        ),
                    ));
                }
            }
            child.descriptions = declared.descriptions;
            child.given = given;
            child.prefix = prefix;
            let mut chain = dirs.clone();
            chain.push(dir);
            units.push(child);
            pending.push((declared.modules, chain));
        }
        i += 1;
    }
    units
}

/// A `module` block's arguments that are not its variables' values.
const META_ARGUMENTS: [&str; 6] = [
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "depends_on",
];

/// The variables the module declares, with their defaults written as HCL and the values given.
fn declared_variables(m: &Module, declared: &Declared) -> Vec<DeclaredVariable> {
    m.variables
        .iter()
        .map(|(name, v)| {
            let text = m.texts.get(v.file).copied().unwrap_or("");
            // A string default as the string; any other as the HCL written.
            let default = v.default.and_then(|e| {
                let scope = Scope {
                    file: v.file,
                    ..Scope::default()
                };
                match m.eval(e, &scope) {
                    V::Str(s) => Some(s),
                    _ => text.get(e.span()?).map(|t| t.trim().to_string()),
                }
            });
            let given = m.given.get(name).and_then(|g| match g {
                V::Str(s) => Some(s.clone()),
                other => eval::json_encode(other),
            });
            DeclaredVariable {
                name: name.clone(),
                description: declared.descriptions.get(name).cloned().unwrap_or_default(),
                default,
                given,
            }
        })
        .collect()
}

/// Each file parsed, as (its index, its body); a file nested too deeply or not valid HCL is a
/// note and skipped. An error (the first file's problem) when no file parses.
fn parse_files(
    texts: &[(String, &str)],
    which: &[usize],
    notes: &mut Notes,
) -> Result<Vec<(usize, Body)>, ImportError> {
    let mut bodies: Vec<(usize, Body)> = Vec::new();
    let mut first_error = None;
    for &i in which {
        let (name, text) = &texts[i];
        if let Some(at) = too_deep(text) {
            let (line, column) = LineCursor::new(text).at(at);
            let message = format!("nests more than {MAX_HCL_NESTING} levels deep here (brackets, blocks, interpolations, template directives and operators); this file is skipped");
            first_error
                .get_or_insert_with(|| format!("{name}, line {line}, column {column}: {message}"));
            notes.push(Diagnostic::error(name.clone(), message).at(line, column));
            continue;
        }
        match hcl_edit::parser::parse_body(text) {
            Ok(b) => bodies.push((i, b)),
            Err(e) => {
                let loc = e.location();
                let message = format!(
                    "not valid HCL ({}); this file is skipped",
                    e.message().trim()
                );
                first_error.get_or_insert_with(|| {
                    format!(
                        "{name}, line {}, column {}: {message}",
                        loc.line(),
                        loc.column()
                    )
                });
                notes.push(Diagnostic::error(name.clone(), message).at(loc.line(), loc.column()));
            }
        }
    }
    if bodies.is_empty() {
        return Err(ImportError::Terraform(
            first_error.unwrap_or_else(|| "no Terraform files were given".into()),
        ));
    }
    Ok(bodies)
}

/// An import under way: the module read and its variables' descriptions, the design being built
/// and the notes, and whether any resource this import reads was found. Each step reads one part
/// of the setup into the design.
struct Reading<'a> {
    /// The root module, whose variables and providers are the setup's.
    m: &'a Module<'a>,
    /// The root module and every module it calls that is among the files.
    units: Vec<&'a Module<'a>>,
    d: Design,
    notes: Notes<'a>,
    found: bool,
    /// The design rule the rule and target being read go into.
    rule_at: usize,
    /// How many rules of the design were read so far.
    rules_read: usize,
}

/// The `name` of a rule instance, when it is a string.
fn rule_name(r: &Instance) -> Option<String> {
    r.value.get("name").and_then(V::as_str).map(str::to_string)
}

/// The `rule` a target instance names, when it is a string.
fn target_rule(t: &Instance) -> Option<String> {
    t.value.get("rule").and_then(V::as_str).map(str::to_string)
}

/// The rule instance a target's `rule` refers to, as its label (`aws_cloudwatch_event_rule.x`,
/// `aws_cloudwatch_event_rule.x["key"]`, `aws_cloudwatch_event_rule.x[0]`), with the index
/// evaluated in the target's own scope (`[each.key]`, `[count.index]`), when `rule` is such a
/// reference.
fn referenced_rule(t: &Instance) -> Option<String> {
    use hcl_edit::expr::TraversalOperator as Op;
    let attr = t.body.get_attribute("rule")?;
    let Expression::Traversal(tr) = &attr.value else {
        return None;
    };
    let Expression::Variable(root) = &tr.expr else {
        return None;
    };
    if root.as_str() == "each" {
        // `for_each = aws_cloudwatch_event_rule.x` with `rule = each.value.name`: the instance of
        // that rule with this target's key.
        let fe = t.body.get_attribute("for_each")?;
        let Expression::Traversal(over) = &fe.value else {
            return None;
        };
        let (Expression::Variable(r), [op]) = (&over.expr, over.operators.as_slice()) else {
            return None;
        };
        let (Op::GetAttr(name), Some((V::Str(key), _))) = (op.value(), &t.scope.each) else {
            return None;
        };
        return (r.as_str() == "aws_cloudwatch_event_rule").then(|| {
            format!(
                "{}aws_cloudwatch_event_rule.{}[{key:?}]",
                t.m.prefix,
                name.as_str()
            )
        });
    }
    if root.as_str() != "aws_cloudwatch_event_rule" {
        return None;
    }
    let ops: Vec<&Op> = tr.operators.iter().map(|o| o.value()).collect();
    let Some(Op::GetAttr(name)) = ops.first() else {
        return None;
    };
    let base = format!("{}aws_cloudwatch_event_rule.{}", t.m.prefix, name.as_str());
    match ops.get(1) {
        Some(Op::Index(ix)) => match t.m.eval(ix, &t.scope) {
            V::Str(k) => Some(format!("{base}[{k:?}]")),
            V::Num(n) => Some(format!("{base}[{n}]")),
            _ => None,
        },
        Some(Op::LegacyIndex(n)) => Some(format!("{base}[{}]", n.value())),
        _ => Some(base),
    }
}

/// The target with an `input_transformer` of rule `r`: the one whose `rule` refers to `r`'s
/// resource instance, whatever the names evaluate to; else the one naming `r`'s evaluated name.
fn target_of<'i, 'b>(r: &Instance, targets: &[&'i Instance<'b>]) -> Option<&'i Instance<'b>> {
    let by_reference = targets
        .iter()
        .find(|t| referenced_rule(t).as_deref() == Some(r.label.as_str()));
    by_reference.copied().or_else(|| {
        let name = rule_name(r)?;
        targets
            .iter()
            .filter(|t| referenced_rule(t).is_none() && t.m.prefix == r.m.prefix)
            .find(|t| target_rule(t).as_deref() == Some(name.as_str()))
            .copied()
    })
}

impl<'a> Reading<'a> {
    /// Every instance of every resource of `kind`, in every module read.
    fn all(&mut self, kind: &str) -> Vec<Instance<'a>> {
        let units = self.units.clone();
        units
            .into_iter()
            .flat_map(|m| instances(m, kind, &mut self.notes))
            .collect()
    }

    /// The custom actions: every `awscc_chatbot_custom_action`, of which the design keeps those
    /// the channel carries (all of them when nothing says which it carries).
    fn custom_actions(&mut self) {
        let all_actions: Vec<CustomActionDesign> = self
            .all("awscc_chatbot_custom_action")
            .iter()
            .map(|i| action(i, &mut self.notes))
            .collect();
        self.found |= !all_actions.is_empty();
        let mut carried = self.channel_configuration();
        if carried.is_none() {
            carried = self.associated_actions();
        }
        if !all_actions.is_empty() {
            self.d.actions = match &carried {
                Some(names) => self.carried_only(all_actions, names),
                None => all_actions,
            };
        }
    }

    /// The channel configuration (the first, of either type): its workspace, channel and name,
    /// and the names of the custom actions its `customization_resource_arns` carries, when it
    /// says.
    fn channel_configuration(&mut self) -> Option<Vec<String>> {
        let mut channels = self.all("awscc_chatbot_slack_channel_configuration");
        for kind in [
            "aws_chatbot_slack_channel_configuration",
            "awscc_chatbot_microsoft_teams_channel_configuration",
            "aws_chatbot_teams_channel_configuration",
        ] {
            channels.extend(self.all(kind));
        }
        let c = channels.first()?;
        if channels.len() > 1 {
            self.notes.note(
                true,
                c.file,
                &c.span,
                format!(
                    "{} channel configurations; the first, {}, is imported",
                    channels.len(),
                    c.label
                ),
            );
        }
        let dep = &mut self.d.deployment;
        if c.label.contains("teams") {
            // awscc names them team_id, teams_channel_id, teams_tenant_id; hashicorp/aws
            // team_id, channel_id, tenant_id.
            dep.platform = ChatPlatform::Teams;
            for (keys, slot) in [
                (&["team_id"][..], &mut dep.teams_team_id),
                (
                    &["teams_channel_id", "channel_id"][..],
                    &mut dep.teams_channel_id,
                ),
                (
                    &["teams_tenant_id", "tenant_id"][..],
                    &mut dep.teams_tenant_id,
                ),
            ] {
                if let Some(v) = keys.iter().find_map(|k| text(c, k, &mut self.notes)) {
                    *slot = v;
                    self.found = true;
                }
            }
        } else {
            dep.platform = ChatPlatform::Slack;
            let workspace = text(c, "slack_workspace_id", &mut self.notes)
                .or_else(|| text(c, "slack_team_id", &mut self.notes));
            if let Some(w) = workspace {
                dep.slack_workspace_id = w;
                self.found = true;
            }
            if let Some(ch) = text(c, "slack_channel_id", &mut self.notes) {
                self.d.deployment.slack_channel_id = ch;
                self.found = true;
            }
        }
        if let Some(n) = text(c, "configuration_name", &mut self.notes) {
            self.d.deployment.channel_configuration_name = n;
            self.found = true;
        }
        let a = c.body.get_attribute("customization_resource_arns")?;
        self.customization_arns(c, &a.value)
    }

    /// The custom-action names in a channel's `customization_resource_arns` (evaluated partially:
    /// an ARN's unknown account or Region does not hide its name).
    fn customization_arns(&mut self, c: &Instance, value: &Expression) -> Option<Vec<String>> {
        let partial = Scope {
            partial: true,
            ..c.scope.clone()
        };
        match c.m.eval(value, &partial) {
            V::List(items) => {
                let mut names = Vec::new();
                for it in items {
                    match it.as_str().and_then(action_name_in) {
                        Some(n) => names.push(n),
                        None => self.notes.note(true, c.file, &value.span(), format!("{}: an item of `customization_resource_arns` names no custom action this import can know; skipped", c.label)),
                    }
                }
                Some(names)
            }
            V::Unknown(w) => {
                self.notes
                    .why(&w, "`customization_resource_arns` is not read");
                None
            }
            _ => {
                self.notes.note(
                    true,
                    c.file,
                    &value.span(),
                    "`customization_resource_arns` is not a list; not read".into(),
                );
                None
            }
        }
    }

    /// The custom actions that `associate-to-configuration` commands in `local-exec`
    /// provisioners associate with the channel; `None` when no provisioner runs one.
    fn associated_actions(&mut self) -> Option<Vec<String>> {
        let mut names = Vec::new();
        let mut any = false;
        let units = self.units.clone();
        for ((m, kind), decl) in units
            .iter()
            .flat_map(|m| m.resources.iter().map(move |((k, _), d)| ((*m, k), d)))
        {
            let exec: Vec<&Block> = decl
                .body
                .blocks()
                .filter(|p| {
                    p.ident.as_str() == "provisioner"
                        && p.labels.first().map(|l| l.as_str()) == Some("local-exec")
                })
                .collect();
            if exec.is_empty() {
                continue;
            }
            for i in instances(m, kind, &mut self.notes)
                .into_iter()
                .filter(|i| std::ptr::eq(i.body, decl.body))
            {
                let this = V::Obj(i.value.clone());
                for p in &exec {
                    if p.body.get_attribute("when").is_some() {
                        continue;
                    }
                    let Some(cmd) = p.body.get_attribute("command") else {
                        continue;
                    };
                    let scope = Scope {
                        partial: true,
                        this: Some(this.clone()),
                        ..i.scope.clone()
                    };
                    let V::Str(command) = m.eval(&cmd.value, &scope) else {
                        continue;
                    };
                    if let Some(resource) = associated_resource(&command) {
                        any = true;
                        match action_name_in(&resource) {
                            Some(n) => names.push(n),
                            None => self.notes.note(true, i.file, &cmd.value.span(), format!("{}: the custom action this associate-to-configuration names cannot be known before apply; skipped", i.label)),
                        }
                    }
                }
            }
        }
        any.then_some(names)
    }

    /// The custom actions the channel carries, in file order; a note for each it carries that
    /// these files do not define, and one naming those it does not carry.
    fn carried_only(
        &mut self,
        all_actions: Vec<CustomActionDesign>,
        names: &[String],
    ) -> Vec<CustomActionDesign> {
        for n in names {
            if !all_actions.iter().any(|a| &a.name == n) {
                self.notes.push(Diagnostic::warning(
                    "",
                    format!(
                        "the channel carries custom action {}, which these files do not define",
                        excerpt(n)
                    ),
                ));
            }
        }
        let kept: Vec<CustomActionDesign> = all_actions
            .iter()
            .filter(|a| names.contains(&a.name))
            .cloned()
            .collect();
        let left: Vec<&str> = all_actions
            .iter()
            .filter(|a| !names.contains(&a.name))
            .map(|a| a.name.as_str())
            .collect();
        if !left.is_empty() {
            self.notes.push(Diagnostic::info(
                "",
                format!(
                    "not carried by the channel, so not imported: {}",
                    name_list(left)
                ),
            ));
        }
        kept
    }

    /// The SNS topic: the first `aws_sns_topic`'s name.
    fn sns_topic(&mut self) {
        if let Some(t) = self.all("aws_sns_topic").first() {
            if let Some(n) = text(t, "name", &mut self.notes) {
                self.d.deployment.sns_topic_name = n;
                self.found = true;
            }
        }
    }

    /// The Region, from the `aws` providers' `region`.
    fn region(&mut self, providers: &[(usize, &Body)]) {
        for (file, body) in providers {
            if let Some(r) = body.get_attribute("region") {
                match self.m.eval(&r.value, &Scope::new(*file, VarMode::Defaults)) {
                    V::Str(region) => {
                        self.d.deployment.region = region;
                        self.found = true;
                    }
                    V::Unknown(w) => self.notes.why(&w, "the Region is not read"),
                    _ => {}
                }
            }
        }
    }

    /// The source settings, from the defaults of the variables this app's exports name from each
    /// setting's words.
    fn source_setting_variables(&mut self) {
        for setting in source_settings() {
            let words: Vec<String> = setting.words.iter().map(|w| w.to_string()).collect();
            let var = snake(&words);
            if self.m.variables.contains_key(&var) {
                if let V::Str(v) = self.m.var(
                    &var,
                    VarMode::Defaults,
                    &Scope::new(0, VarMode::Defaults),
                    None,
                ) {
                    setting.set(&mut self.d.deployment, v);
                    self.found = true;
                }
            }
        }
    }

    /// The rule and its transformer: the rule a target with an `input_transformer` points at
    /// (else the first rule), and that target (else the only target with a transformer).
    fn rule_and_transformer(&mut self) {
        let rules = self.all("aws_cloudwatch_event_rule");
        let targets = self.all("aws_cloudwatch_event_target");
        // Targets that send a notification: an input transformer (a dynamic one too), or a
        // static `input`.
        let with_transformer: Vec<&Instance> = targets
            .iter()
            .filter(|t| {
                t.body
                    .blocks()
                    .any(|b| b.ident.as_str() == "input_transformer")
                    || dynamic_block(t.body, "input_transformer").is_some()
                    || t.body.get_attribute("input").is_some()
            })
            .collect();
        // Every rule with a target that transforms its events becomes a rule of the design; with
        // none such, the first rule (its target found by name, or the only one).
        let mut read: Vec<(&Instance, Option<&Instance>)> = rules
            .iter()
            .filter_map(|r| Some((r, target_of(r, &with_transformer)?)))
            .map(|(r, t)| (r, Some(t)))
            .collect();
        if read.is_empty() {
            if let Some(r) = rules.first() {
                let only = (with_transformer.len() == 1).then(|| with_transformer[0]);
                read.push((r, only));
            } else if let Some(t) = with_transformer.first() {
                // A target without its rule in these files: its transformer, into the first rule.
                self.rule_at = 0;
                self.read_target(t);
            }
        }
        let skipped: Vec<&str> = rules
            .iter()
            .filter(|r| !read.iter().any(|(x, _)| x.label == r.label))
            .map(|r| r.label.as_str())
            .collect();
        if let (Some(first), false) = (rules.first(), skipped.is_empty()) {
            self.notes.note(
                true,
                first.file,
                &first.span,
                format!(
                    "{} rule(s) have no target with an `input_transformer` and are not imported: {}",
                    skipped.len(),
                    skipped.join(", ")
                ),
            );
        }
        let mut made = Vec::new();
        for (k, (r, t)) in read.iter().enumerate() {
            self.rule_at = k;
            self.rule(r);
            if let Some(t) = t {
                self.read_target(t);
            } else if let Some(t) = targets.first() {
                self.notes.note(
                    true,
                    t.file,
                    &t.span,
                    format!(
                        "{} has no `input_transformer`; kept the current input paths and template",
                        t.label
                    ),
                );
            }
            made.push(format!("{} → rule {}", r.label, self.rule_mut().name));
        }
        // The rules read replace the design's; the current design's further rules stay only
        // when nothing was read.
        if !read.is_empty() {
            self.d.rules.truncate(read.len());
        }
        self.rules_read = read.len();
        if made.len() > 1 {
            if let Some(first) = rules.first() {
                self.notes.note(
                    false,
                    first.file,
                    &first.span,
                    format!("{} rules imported: {}", made.len(), made.join("; ")),
                );
            }
        }
    }

    /// Each EventBridge Pipe whose target gets an `input_template` (a custom notification sent
    /// from the pipe's source): a rule of the design after those read, named after the pipe, its
    /// pattern the pipe's first filter, its template's inline paths (`<$.detail.state>`) input
    /// paths.
    fn pipes(&mut self) {
        for p in self.all("aws_pipes_pipe") {
            let Some(tp) = p
                .body
                .blocks()
                .find(|b| b.ident.as_str() == "target_parameters")
            else {
                continue;
            };
            if tp.body.get_attribute("input_template").is_none() {
                continue;
            }
            self.rule_at = self.rules_read;
            self.rules_read += 1;
            let name = text(&p, "name", &mut self.notes).unwrap_or_else(|| {
                p.label
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect()
            });
            let filter = p
                .value
                .get("source_parameters")
                .and_then(|s| match s {
                    V::Obj(o) => o.get("filter_criteria"),
                    _ => None,
                })
                .and_then(|f| match f {
                    V::Obj(o) => o.get("filter"),
                    _ => None,
                })
                .and_then(|f| match f {
                    V::List(items) => items.first(),
                    other => Some(other),
                })
                .and_then(|f| match f {
                    V::Obj(o) => o.get("pattern").and_then(V::as_str),
                    _ => None,
                })
                .and_then(|t| serde_json::from_str::<Value>(t).ok())
                .filter(Value::is_object);
            let source = text(&p, "source", &mut self.notes).unwrap_or_default();
            let rule = self.rule_mut();
            rule.name = name.clone();
            rule.description = String::new();
            let had_filter = filter.is_some();
            rule.event_pattern = filter.unwrap_or_else(|| serde_json::json!({}));
            self.transformer(&p, &tp.body);
            let rule = self.rule_mut();
            inline_paths(rule);
            self.found = true;
            let pattern = if had_filter {
                "its pattern is the pipe's filter"
            } else {
                "the pipe has no filter, so the rule's pattern is {} (it matches nothing until you write one)"
            };
            self.notes.note(
                true,
                p.file,
                &p.span,
                format!(
                    "{} is an EventBridge Pipe from {}: its input template is read as the custom notification of rule {name}; {pattern}. This design's exports send it with an EventBridge rule, not a pipe",
                    p.label,
                    if source.is_empty() { "a source these files do not name".to_string() } else { excerpt(&source).to_string() }
                ),
            );
        }
    }

    /// Each `aws_cloudformation_stack` whose `template_body` is known: read as a CloudFormation
    /// template (its custom actions, rules and channel configurations) into the design.
    fn cloudformation_stacks(&mut self) {
        for s in self.all("aws_cloudformation_stack") {
            let body = match s.value.get("template_body") {
                Some(V::Str(t)) => t.clone(),
                Some(V::Unknown(w)) => {
                    self.notes
                        .why(w, &format!("the template of {} is not read", s.label));
                    continue;
                }
                _ => {
                    self.notes.note(true, s.file, &s.span, format!("{} has no `template_body` this import can read (a `template_url` is not fetched); its resources are not imported", s.label));
                    continue;
                }
            };
            match crate::domain::import::import_documents(&body, &self.d) {
                Ok(imported) => {
                    self.found = true;
                    self.d = imported.design;
                    self.notes.note(
                        false,
                        s.file,
                        &s.span,
                        format!(
                            "{}: its template_body is read as {}",
                            s.label,
                            imported.kind.described()
                        ),
                    );
                    for n in imported.notes {
                        let (name, pos) = self.notes.at(s.file, &s.span);
                        let d = Diagnostic {
                            location: format!(
                                "{name} ({} template_body{})",
                                s.label,
                                if n.location.is_empty() {
                                    String::new()
                                } else {
                                    format!(" {}", n.location)
                                }
                            ),
                            ..n
                        };
                        let d = match pos {
                            Some((l, c)) => Diagnostic {
                                line: Some(l),
                                column: Some(c),
                                ..d
                            },
                            None => d,
                        };
                        self.notes.push(d);
                    }
                }
                Err(e) => self.notes.note(
                    true,
                    s.file,
                    &s.span,
                    format!("{}: its template_body is not imported: {e}", s.label),
                ),
            }
        }
    }

    /// The rule being read (`rule_at`), made from the first when the design has fewer rules.
    fn rule_mut(&mut self) -> &mut RuleDesign {
        crate::domain::import::rule_slot(&mut self.d, self.rule_at)
    }

    /// A target's `input_transformer`, into the rule being read.
    /// A target's `input_transformer` (a `dynamic` one: its first instance), or its static
    /// `input` (a notification with no paths), into the rule being read.
    fn read_target(&mut self, t: &Instance) {
        if let Some(tb) = t
            .body
            .blocks()
            .find(|b| b.ident.as_str() == "input_transformer")
        {
            self.transformer(t, &tb.body);
        } else if let Some(d) = dynamic_block(t.body, "input_transformer") {
            let Some(content) = d.body.blocks().find(|b| b.ident.as_str() == "content") else {
                return;
            };
            let Some(fe) = d.body.get_attribute("for_each") else {
                return;
            };
            let items: Vec<(V, V)> = match t.m.eval(&fe.value, &t.scope).entries() {
                Ok(items) => items,
                Err(V::Unknown(w)) => {
                    self.notes.why(
                        &w,
                        &format!("the dynamic input_transformer of {} is not read", t.label),
                    );
                    return;
                }
                _ => Vec::new(),
            };
            let Some((key, value)) = items.into_iter().next() else {
                self.notes.note(true, t.file, &d.span(), format!("the dynamic input_transformer of {} makes no block (its for_each is empty); kept the current template", t.label));
                return;
            };
            let name = d
                .body
                .get_attribute("iterator")
                .and_then(|a| match &a.value {
                    Expression::Variable(v) => Some(v.as_str().to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| "input_transformer".into());
            let mut it = IndexMap::new();
            it.insert("key".to_string(), key);
            it.insert("value".to_string(), value);
            let mut inner = t.clone();
            inner.scope.bound.push((name, V::Obj(it)));
            self.transformer(&inner, &content.body);
        } else if let Some(input) = t.body.get_attribute("input") {
            self.rule_mut().input_paths = IndexMap::new();
            self.transform(t, None, Some(&input.value), "input");
        }
    }

    /// An attribute of `r` evaluated with each variable that has no value as a marker; `None`
    /// when it is known anyway, or unknown for another reason.
    fn with_unset_markers(&self, r: &Instance, key: &str) -> Option<String> {
        let a = r.body.get_attribute(key)?;
        let mut scope = Scope {
            vars: Some(VarMode::Unset),
            ..r.scope.clone()
        };
        // An `each.value` with unknown parts: the `for_each` read the same way.
        if let Some((V::Str(k), v)) = &r.scope.each {
            if v.unknown().is_some() {
                if let Instances::Each(items) = r.m.instances(r.body, &scope) {
                    if let Some((_, marked)) = items.into_iter().find(|(key, _)| key == k) {
                        scope.each = Some((V::Str(k.clone()), marked));
                    }
                }
            }
        }
        match r.m.eval(&a.value, &scope) {
            V::Str(s) if s.contains(MARK_OPEN) => Some(s),
            _ => None,
        }
    }

    /// The design name a variable without a value stands for (a source setting's key when the
    /// exports name that setting's variable so, else a design parameter, declared with no value
    /// so that validate asks for it), with a note saying where it was needed.
    fn unset_variable(&mut self, var: &str, r: &Instance, key: &str) -> String {
        let description = r.m.descriptions.get(var).map(String::as_str);
        let name = match setting_of_variable(var, description) {
            Some(setting) => setting.to_string(),
            None => {
                let name = parameter_name(var, description);
                self.d
                    .deployment
                    .parameters
                    .entry(name.clone())
                    .or_default();
                name
            }
        };
        let span = r.body.get_attribute(key).and_then(|a| a.value.span());
        self.notes.note(
            true,
            r.file,
            &span,
            format!("{} `{key}`: `var.{var}` has no default and no value is given, so it is {{{{{name}}}}} there, to be set (a .tfvars file, --var {var}=…, or the Import form)", r.label),
        );
        name
    }

    /// The variables the pattern holds where a source setting pins it (`detail.deploymentGroup`
    /// of a CodeDeploy pattern, a segment of an ECS service ARN in `resources`), each with that
    /// setting: the variable is the setting, as the exports write it.
    fn pinned_variables(&self, r: &Instance) -> IndexMap<String, &'static SourceSetting> {
        let mut out = IndexMap::new();
        let Some(a) = r.body.get_attribute("event_pattern") else {
            return out;
        };
        let scope = Scope {
            vars: Some(VarMode::Markers),
            ..r.scope.clone()
        };
        let V::Str(text) = r.m.eval(&a.value, &scope) else {
            return out;
        };
        if !text.contains(MARK_OPEN) {
            return out;
        }
        let Ok(pattern) = serde_json::from_str::<Value>(&text) else {
            return out;
        };
        let sources: Vec<&str> = match pattern.get("source") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(s)) => vec![s.as_str()],
            _ => Vec::new(),
        };
        for setting in source_settings() {
            let Some(source) = setting_source(setting.key()) else {
                continue;
            };
            if !sources.contains(&source.event_source) {
                continue;
            }
            let mut at = &pattern;
            let mut found = true;
            for key in setting.pin.path() {
                match at.get(key) {
                    Some(v) => at = v,
                    None => {
                        found = false;
                        break;
                    }
                }
            }
            if !found {
                continue;
            }
            let leaves: Vec<&Value> = match at {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for leaf in leaves.into_iter().filter_map(Value::as_str) {
                let Some(span) = setting.pin.span(setting.arn_variable, leaf) else {
                    continue;
                };
                let part = leaf.get(span).unwrap_or("");
                let names = marker_names(part);
                if names.len() == 1 && part == format!("{MARK_OPEN}{}{MARK_CLOSE}", names[0]) {
                    out.insert(names[0].clone(), setting);
                }
            }
        }
        out
    }

    /// The source settings the pattern's variables stand for (`pinned_variables`), set to the
    /// variables' values where they have one.
    fn pattern_settings(&mut self, r: &Instance) -> IndexMap<String, &'static SourceSetting> {
        let pinned = self.pinned_variables(r);
        for (var, setting) in &pinned {
            if let V::Str(v) = r.m.var(var, VarMode::Defaults, &r.scope, None) {
                setting.set(&mut self.d.deployment, v);
                self.found = true;
            }
        }
        pinned
    }

    /// The pattern with each variable that has no value as `{{name}}` (`unset_variable`; a
    /// variable at a setting's place is that setting).
    fn pattern_with_placeholders(
        &mut self,
        r: &Instance,
        pinned: &IndexMap<String, &'static SourceSetting>,
    ) -> Option<Value> {
        let text = self.with_unset_markers(r, "event_pattern")?;
        let mut v: Value = serde_json::from_str(&text).ok()?;
        let mut names: IndexMap<String, String> = IndexMap::new();
        for var in marker_names(&text) {
            let name = match pinned.get(&var) {
                Some(setting) => {
                    let key = setting.key().to_string();
                    let span = r
                        .body
                        .get_attribute("event_pattern")
                        .and_then(|a| a.value.span());
                    self.notes.note(true, r.file, &span, format!("{} `event_pattern`: `var.{var}` has no default and no value is given; it is the {} ({}), written {{{{{key}}}}} until it is set (a .tfvars file, --var {var}=…, the Import form, or the Deploy tab)", r.label, setting.what, setting.pin.describe()));
                    key
                }
                None => self.unset_variable(&var, r, "event_pattern"),
            };
            names.insert(var, name);
        }
        fn fill(v: &mut Value, names: &IndexMap<String, String>) {
            match v {
                Value::String(s) if s.contains(MARK_OPEN) => {
                    *s = replace_markers(s, |var| {
                        format!(
                            "{{{{{}}}}}",
                            names.get(var).map(String::as_str).unwrap_or(var)
                        )
                    });
                }
                Value::Array(items) => items.iter_mut().for_each(|x| fill(x, names)),
                Value::Object(m) => m.values_mut().for_each(|x| fill(x, names)),
                _ => {}
            }
        }
        fill(&mut v, &names);
        v.is_object().then_some(v)
    }

    /// The rule's name, description, state and event pattern, into the rule being read.
    fn rule(&mut self, r: &Instance) {
        self.rule_mut();
        let unset_name = match r.value.get("name") {
            Some(V::Unknown(_)) => self.with_unset_markers(r, "name"),
            _ => None,
        };
        let pinned = self.pattern_settings(r);
        let placeholders = match r.value.get("event_pattern") {
            Some(V::Unknown(_)) => self.pattern_with_placeholders(r, &pinned),
            _ => None,
        };
        let notes = &mut self.notes;
        let rule = &mut self.d.rules[self.rule_at];
        let pattern_before = rule.event_pattern.clone();
        let name_before = rule.name.clone();
        if let Some(marked) = unset_name {
            let vars = marker_names(&marked)
                .iter()
                .map(|v| format!("`var.{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let name = format!("rule-{}", self.rule_at + 1);
            notes.note(true, r.file, &r.span, format!("{}: its name depends on {vars}, which has no default and no value given; named {name} until you import it with a value", r.label));
            rule.name = name;
        } else if let Some(n) = text(r, "name", notes) {
            rule.name = n;
        } else if r.value.contains_key("name_prefix") {
            notes.note(
                true,
                r.file,
                &r.span,
                format!(
                    "{} has a `name_prefix`, not a name; kept the design's rule name",
                    r.label
                ),
            );
        }
        rule.description = text(r, "description", notes).unwrap_or_default();
        rule.enabled = match (r.value.get("state"), r.value.get("is_enabled")) {
            (Some(V::Str(state)), _) => state != "DISABLED",
            (_, Some(V::Bool(on))) => *on,
            _ => true,
        };
        match r.value.get("event_pattern") {
            Some(V::Str(p)) => match serde_json::from_str::<Value>(p) {
                Ok(v @ Value::Object(_)) => rule.event_pattern = v,
                Ok(_) => notes.note(true, r.file, &r.span, format!("{}: `event_pattern` is not a JSON object; kept the current pattern", r.label)),
                Err(e) => notes.note(true, r.file, &r.span, format!("{}: `event_pattern` is not JSON ({e}); kept the current pattern", r.label)),
            },
            Some(V::Unknown(_)) if placeholders.is_some() => {
                rule.event_pattern = placeholders.unwrap_or_default();
            }
            Some(V::Unknown(w)) => notes.why(w, "kept the current pattern"),
            Some(_) => notes.note(true, r.file, &r.span, format!("{}: `event_pattern` is not a string (use jsonencode); kept the current pattern", r.label)),
            None => notes.note(true, r.file, &r.span, format!("{} has no `event_pattern`; kept the current pattern", r.label)),
        }
        let read_name = matches!(r.value.get("name"), Some(V::Str(_)));
        let read_pattern = matches!(r.value.get("event_pattern"), Some(V::Str(_)))
            || rule.event_pattern != pattern_before;
        if read_name || read_pattern || rule.name != name_before {
            self.found = true;
        }
    }

    /// Reads `input_paths` and `input_template`: the template becomes the notification when the
    /// designer would generate it (each variable in it a `{{parameter}}`), else the override.
    fn transformer(&mut self, t: &Instance, body: &Body) {
        let paths = body.get_attribute("input_paths").map(|a| &a.value);
        let template = body.get_attribute("input_template").map(|a| &a.value);
        self.transform(t, paths, template, "input_template");
    }

    /// Input paths and a template (`input_template`, or a target's static `input`), into the rule
    /// being read.
    fn transform(
        &mut self,
        t: &Instance,
        paths: Option<&Expression>,
        template: Option<&Expression>,
        template_key: &str,
    ) {
        let m = t.m;
        let defaults = Scope { ..t.scope.clone() };
        if let Some(p) = paths {
            let v = m.eval(p, &defaults);
            let paths = string_map(Some(&v), t, "input_paths", &mut self.notes);
            self.found |= !paths.is_empty();
            self.rule_mut().input_paths = paths;
        } else {
            self.rule_mut().input_paths = IndexMap::new();
        }
        let Some(tpl) = template else {
            self.notes.note(
                true,
                t.file,
                &t.span,
                format!(
                    "{} has no `{template_key}`; kept the current template",
                    t.label
                ),
            );
            return;
        };
        let plain = m.eval(tpl, &defaults);
        let Some(marked) = self.marked_template(t, tpl) else {
            return;
        };
        // Text that holds the marker characters itself is read with the defaults only.
        let own_markers = matches!(&plain, V::Str(p) if p.contains([MARK_OPEN, MARK_CLOSE]));
        let names = if own_markers {
            Vec::new()
        } else {
            marker_names(&marked)
        };
        let (params, param_of) = self.template_parameters(t, tpl, &names);
        let with_refs = if own_markers {
            match &plain {
                V::Str(p) => p.clone(),
                _ => marked.clone(),
            }
        } else {
            replace_markers(&marked, |v| {
                format!(
                    "{{{{{}}}}}",
                    param_of.get(v).map(String::as_str).unwrap_or(v)
                )
            })
        };
        self.template(t, tpl, &with_refs, params, plain, &marked);
    }

    /// The template evaluated with each string variable a marker, or `None` (with a note) when it
    /// is not a string.
    fn marked_template(&mut self, t: &Instance, tpl: &Expression) -> Option<String> {
        let markers = Scope {
            vars: Some(VarMode::Markers),
            ..t.scope.clone()
        };
        match t.m.eval(tpl, &markers) {
            V::Str(s) => Some(s),
            V::Unknown(w) => {
                self.notes.why(&w, "kept the current template");
                None
            }
            other => {
                self.notes.note(
                    true,
                    t.file,
                    &tpl.span(),
                    format!(
                        "`input_template` is a {other:?}, not a string; kept the current template"
                    ),
                );
                None
            }
        }
    }

    /// The design parameters the template's variables stand for, with their defaults (a note for
    /// each without one), and the parameter each variable is.
    fn template_parameters(
        &mut self,
        t: &Instance,
        tpl: &Expression,
        names: &[String],
    ) -> (IndexMap<String, String>, IndexMap<String, String>) {
        let mut params: IndexMap<String, String> = IndexMap::new();
        let mut param_of: IndexMap<String, String> = IndexMap::new();
        for var in names {
            let description = t.m.descriptions.get(var).map(String::as_str);
            let name = match setting_of_variable(var, description) {
                Some(key) => key.to_string(),
                None => parameter_name(var, description),
            };
            let value = match t.m.var(var, VarMode::Defaults, &t.scope, None) {
                V::Str(s) => s,
                _ => {
                    self.notes.note(true, t.file, &tpl.span(), format!("`var.{var}` in the template has no default: the design parameter {name} is required, set its value"));
                    String::new()
                }
            };
            params.insert(name.clone(), value);
            param_of.insert(var.clone(), name);
        }
        (params, param_of)
    }

    /// The template, with `{{parameter}}` references, as the notification and its parameters
    /// when it is one the designer generates; else the template override (its `plain` text, or
    /// the marked text with each variable's default).
    fn template(
        &mut self,
        t: &Instance,
        tpl: &Expression,
        with_refs: &str,
        params: IndexMap<String, String>,
        plain: V,
        marked: &str,
    ) {
        self.found = true;
        let at = self.rule_at;
        let d = &mut self.d;
        // A source setting the template names fills it, but is no design parameter.
        let mut fill = d.deployment.parameters.clone();
        fill.extend(params.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mut all = d.deployment.parameters.clone();
        all.extend(params.into_iter().filter(|(k, _)| {
            d.deployment.parameters.contains_key(k)
                || !source_settings().any(|s| s.key() == k.as_str())
        }));
        match notification_of_template(with_refs, &fill) {
            Ok(n) if !with_refs.contains(UNKNOWN_PART) => {
                if let Some(rule) = d.rules.get_mut(at) {
                    rule.notification = n;
                    rule.input_template_override = None;
                }
                d.deployment.parameters = all;
            }
            result => {
                let why = result
                    .err()
                    .unwrap_or_else(|| "part of it cannot be known".into());
                let text = match plain {
                    V::Str(p) => p,
                    _ => replace_markers(marked, |v| {
                        match t.m.var(v, VarMode::Defaults, &t.scope, None) {
                            V::Str(s) => s,
                            _ => String::new(),
                        }
                    }),
                };
                self.notes.note(
                    false,
                    t.file,
                    &tpl.span(),
                    format!("the input template is kept as the template override: {why}"),
                );
                if let Some(rule) = d.rules.get_mut(at) {
                    rule.input_template_override = Some(text);
                }
            }
        }
    }

    /// The design read, or why there is none: no resource this import reads (with the first
    /// note that is not information), or a design nested too deeply.
    fn finish(self) -> Result<Imported, ImportError> {
        if !self.found {
            // Warnings first: they say what could not be read.
            let mut ordered: Vec<&Diagnostic> = self.notes.list.iter().collect();
            ordered.sort_by_key(|n| n.severity == crate::domain::base::diagnostic::Severity::Info);
            let warnings: Vec<String> = ordered.iter().map(|n| n.to_string()).collect();
            let first = match warnings.as_slice() {
                [] => String::new(),
                [one] => format!(" (the note: {one})"),
                [a, b, ..] => format!(" ({} notes; the first: {a}; {b})", warnings.len()),
            };
            let seen = self.units.iter().any(|m| {
                m.resources
                    .keys()
                    .any(|(kind, _)| RESOURCES.contains(&kind.as_str()))
            });
            return Err(if seen {
                ImportError::NothingRead(format!("nothing from these files reached the design: every value this import reads is unknown or missing{first}"))
            } else {
                ImportError::Terraform(format!(
                    "no resource this import reads; it reads {}{first}",
                    RESOURCES.join(", ")
                ))
            });
        }
        match check_depth(&serde_json::to_string(&self.d).unwrap_or_default()) {
            Ok(()) => Ok(Imported {
                kind: ImportKind::Terraform,
                design: self.d,
                notes: self.notes.finish(),
            }),
            Err(_) => Err(ImportError::TooDeep),
        }
    }
}
