//! Evaluating HCL expressions as Terraform would during `plan`, as far as an import needs:
//! literals, templates and heredocs, `var`, `local`, `each`, `self`, references to the module's
//! own resources, `for` expressions, splats, conditionals, a few operators and the functions in
//! `FUNCTIONS`. Whatever cannot be known before apply (data sources, computed attributes) or is
//! not supported becomes `V::Unknown` with the reason and the place, and flows on as a value, as
//! Terraform's unknown values do. Pure; never fails, never panics.

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;
use indexmap::IndexMap;
use std::cell::RefCell;
use std::ops::Range;

/// Where a value stops being known: the byte span in its file and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub file: usize,
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// A Terraform value. Lists, sets and tuples are `List`; maps and objects are `Obj` (in the order
/// written, which is what an import keeps; Terraform's own order is by key).
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    /// A number as written.
    Num(String),
    Str(String),
    List(Vec<V>),
    Obj(IndexMap<String, V>),
    Unknown(Box<Why>),
}

impl V {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A list's items by index, or an object's entries by key, as `for` and `dynamic` iterate
    /// them; the value itself when it is neither.
    pub fn entries(self) -> Result<Vec<(V, V)>, V> {
        match self {
            V::List(items) => Ok(items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (V::Num(i.to_string()), v))
                .collect()),
            V::Obj(m) => Ok(m.into_iter().map(|(k, v)| (V::Str(k), v)).collect()),
            other => Err(other),
        }
    }
    /// The first unknown part of the value, if any.
    pub fn unknown(&self) -> Option<&Why> {
        match self {
            V::Unknown(w) => Some(w),
            V::List(items) => items.iter().find_map(V::unknown),
            V::Obj(m) => m.values().find_map(V::unknown),
            _ => None,
        }
    }
    fn type_name(&self) -> &'static str {
        match self {
            V::Null => "null",
            V::Bool(_) => "bool",
            V::Num(_) => "number",
            V::Str(_) => "string",
            V::List(_) => "list",
            V::Obj(_) => "object",
            V::Unknown(_) => "unknown",
        }
    }
}

/// The functions evaluated; any other call becomes an unknown value with a note.
pub const FUNCTIONS: [&str; 60] = [
    "jsonencode",
    "jsondecode",
    "replace",
    "trimspace",
    "trimsuffix",
    "trimprefix",
    "trim",
    "merge",
    "lookup",
    "concat",
    "tolist",
    "toset",
    "tomap",
    "tostring",
    "tonumber",
    "tobool",
    "try",
    "can",
    "coalesce",
    "coalescelist",
    "values",
    "keys",
    "length",
    "join",
    "split",
    "lower",
    "upper",
    "title",
    "format",
    "chomp",
    "element",
    "distinct",
    "flatten",
    "contains",
    "compact",
    "zipmap",
    "setunion",
    "setintersection",
    "setsubtract",
    "one",
    "endswith",
    "startswith",
    "strcontains",
    "regex",
    "regexall",
    "substr",
    "sort",
    "reverse",
    "slice",
    "range",
    "min",
    "max",
    "abs",
    "index",
    "alltrue",
    "anytrue",
    "sum",
    "file",
    "templatefile",
    "fileexists",
];

/// The functions whose arguments may hold unknown parts: they only move values around, so an
/// unknown part stays unknown in their result instead of making all of it unknown (`merge` of a
/// map with one unknown value has that one value unknown).
const STRUCTURAL: [&str; 15] = [
    "merge",
    "concat",
    "lookup",
    "keys",
    "values",
    "length",
    "tolist",
    "tomap",
    "element",
    "flatten",
    "zipmap",
    "coalescelist",
    "one",
    "slice",
    "reverse",
];

/// How `var.x` evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarMode {
    /// Its default (no default: unknown).
    Defaults,
    /// A string variable is a marker `MARK_OPEN name MARK_CLOSE`, so that the text it lands in
    /// can say where a design parameter goes.
    Markers,
    /// Its value (given, else its default); a variable with neither is a marker, so that the
    /// text it lands in can say where a value is missing.
    Unset,
}

pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';
/// Stands for an unknown part of a string in partial evaluation (ARNs and commands).
pub const UNKNOWN_PART: char = '\u{E002}';

/// One declared variable.
pub struct Variable<'a> {
    pub default: Option<&'a Expression>,
    pub file: usize,
}

/// One resource (or data) block, by type and name.
pub struct ResourceDecl<'a> {
    pub file: usize,
    pub body: &'a hcl_edit::structure::Body,
    pub span: Option<Range<usize>>,
}

/// Everything the module declares, across its files.
pub struct Module<'a> {
    pub texts: Vec<&'a str>,
    pub variables: IndexMap<String, Variable<'a>>,
    pub locals: IndexMap<String, (usize, &'a Expression)>,
    pub resources: IndexMap<(String, String), ResourceDecl<'a>>,
    /// The values given for variables (`.tfvars` files, `-var`, a module's arguments), which take
    /// the place of their defaults.
    pub given: IndexMap<String, V>,
    /// The variables' descriptions, where known.
    pub descriptions: IndexMap<String, String>,
    /// What its resources' labels start with: empty for the root module, `module.NAME.` for a
    /// module it calls.
    pub prefix: String,
    /// The files' names, by the same index as `texts` (`file` and `templatefile` find files by
    /// them).
    pub names: Vec<String>,
    /// The module's folder (`path.module`) and the root module's (`path.root`), as the file names
    /// give them.
    pub dir: String,
    pub root_dir: String,
    locals_done: RefCell<IndexMap<String, Option<V>>>,
    resources_done: RefCell<IndexMap<(String, String), Option<V>>>,
    /// Evaluation steps left: bounds the work on hostile input (deep nesting, huge for loops).
    fuel: RefCell<u64>,
    /// Bytes of values left to build: bounds the memory on hostile input (locals that repeat
    /// other locals, `replace` and `split` that multiply their input).
    room: RefCell<usize>,
}

/// The most instances one `count` or `for_each` makes in an import.
pub const MAX_INSTANCES: usize = 1000;
/// The most evaluation steps an import takes.
const FUEL: u64 = 2_000_000;
/// How deep evaluation may recurse (locals referring to locals, nested expressions).
const MAX_NESTING: usize = 64;
/// The most bytes of values an import builds, counted at every expression (so a value nested in
/// expressions counts once per level): far above any real module, far below what hurts.
pub const MAX_VALUE_BYTES: usize = 32 * 1024 * 1024;
/// What one list element or object entry counts for besides its text.
const NODE_BYTES: usize = 32;

/// The bytes a value holds, counted up to `limit` (the count stops growing past it).
fn size_upto(v: &V, limit: usize) -> usize {
    let mut total = 0usize;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        total = total.saturating_add(NODE_BYTES);
        match v {
            V::Num(s) | V::Str(s) => total = total.saturating_add(s.len()),
            V::List(items) => stack.extend(items.iter()),
            V::Obj(m) => {
                for (k, x) in m {
                    total = total.saturating_add(k.len());
                    stack.push(x);
                }
            }
            V::Null | V::Bool(_) | V::Unknown(_) => {}
        }
        if total > limit {
            break;
        }
    }
    total
}

/// The bindings in effect where an expression is evaluated.
#[derive(Clone, Default)]
pub struct Scope {
    pub file: usize,
    pub each: Option<(V, V)>,
    /// `count.index` in a block with `count`.
    pub count: Option<usize>,
    pub this: Option<V>,
    pub bound: Vec<(String, V)>,
    pub vars: Option<VarMode>,
    /// Unknown parts of templates become `UNKNOWN_PART` instead of making the string unknown.
    pub partial: bool,
    pub depth: usize,
}

impl Scope {
    pub fn new(file: usize, vars: VarMode) -> Self {
        Scope {
            file,
            vars: Some(vars),
            ..Scope::default()
        }
    }
}

fn unknown(file: usize, span: Option<Range<usize>>, message: impl Into<String>) -> V {
    V::Unknown(Box::new(Why {
        file,
        span,
        message: message.into(),
    }))
}

/// At most 80 characters of source text, on one line, for a message.
pub fn quote_source(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(80).collect::<String>())
    } else {
        one_line
    }
}

impl<'a> Module<'a> {
    pub fn new(texts: Vec<&'a str>) -> Self {
        Module {
            texts,
            variables: IndexMap::new(),
            locals: IndexMap::new(),
            resources: IndexMap::new(),
            given: IndexMap::new(),
            descriptions: IndexMap::new(),
            prefix: String::new(),
            names: Vec::new(),
            dir: String::new(),
            root_dir: String::new(),
            locals_done: RefCell::new(IndexMap::new()),
            resources_done: RefCell::new(IndexMap::new()),
            fuel: RefCell::new(FUEL),
            room: RefCell::new(MAX_VALUE_BYTES),
        }
    }

    fn source(&self, file: usize, span: &Option<Range<usize>>) -> String {
        let text = self.texts.get(file).copied().unwrap_or("");
        span.as_ref()
            .and_then(|r| text.get(r.clone()))
            .map(quote_source)
            .unwrap_or_default()
    }

    fn burn(&self) -> bool {
        let mut f = self.fuel.borrow_mut();
        if *f == 0 {
            return false;
        }
        *f -= 1;
        true
    }

    /// Takes `bytes` from the room left for values; false (taking nothing) when there is not
    /// that much left.
    fn take_room(&self, bytes: usize) -> bool {
        let mut room = self.room.borrow_mut();
        if bytes > *room {
            *room = 0;
            return false;
        }
        *room -= bytes;
        true
    }

    fn out_of_room(file: usize, span: Option<Range<usize>>) -> V {
        unknown(
            file,
            span,
            format!(
                "the values built pass {} MB; too much to evaluate, stopped",
                MAX_VALUE_BYTES / (1024 * 1024)
            ),
        )
    }

    /// A variable's value in `mode`.
    pub fn var(&self, name: &str, mode: VarMode, at: &Scope, span: Option<Range<usize>>) -> V {
        let Some(v) = self.variables.get(name) else {
            return unknown(
                at.file,
                span,
                format!("`var.{name}` is not declared (no variable block)"),
            );
        };
        let default = match self.given.get(name) {
            Some(g) => Some(g.clone()),
            None => v.default.map(|e| {
                self.eval(
                    e,
                    &Scope {
                        file: v.file,
                        vars: None,
                        depth: at.depth + 1,
                        ..Scope::default()
                    },
                )
            }),
        };
        match (mode, default) {
            (VarMode::Markers, None | Some(V::Str(_))) | (VarMode::Unset, None) => {
                V::Str(format!("{MARK_OPEN}{name}{MARK_CLOSE}"))
            }
            (_, Some(d)) => d,
            (VarMode::Defaults, None) if !self.prefix.is_empty() => unknown(
                at.file,
                span,
                format!(
                    "`var.{name}` has no default and `{}` is not given it",
                    self.prefix.trim_end_matches('.')
                ),
            ),
            (VarMode::Defaults, None) => unknown(
                at.file,
                span,
                format!(
                    "`var.{name}` has no default and no value is given (a .tfvars file or --var {name}=…)"
                ),
            ),
        }
    }

    fn local(&self, name: &str, at: &Scope, span: Option<Range<usize>>) -> V {
        // Marker modes change what a local holds, so locals are cached only in one mode (in the
        // others a local that refers to itself stops at the nesting bound).
        let cache = at.vars == Some(VarMode::Defaults) || at.vars.is_none();
        if let Some(done) = self.locals_done.borrow().get(name).filter(|_| cache) {
            return match done {
                Some(v) => v.clone(),
                None => unknown(at.file, span, format!("`local.{name}` refers to itself")),
            };
        }
        let Some(&(file, expr)) = self.locals.get(name) else {
            return unknown(at.file, span, format!("`local.{name}` is not declared"));
        };
        if cache {
            self.locals_done.borrow_mut().insert(name.to_string(), None);
        }
        let v = self.eval(
            expr,
            &Scope {
                file,
                vars: at.vars,
                partial: at.partial,
                depth: at.depth + 1,
                ..Scope::default()
            },
        );
        if cache {
            self.locals_done
                .borrow_mut()
                .insert(name.to_string(), Some(v.clone()));
        }
        v
    }

    /// A resource's value: its attributes, and for `for_each` a map of instances. Attributes known
    /// only after apply are unknown, except the ARNs an import recognises by name.
    fn resource(&self, kind: &str, name: &str, at: &Scope, span: Option<Range<usize>>) -> V {
        let key = (kind.to_string(), name.to_string());
        if let Some(done) = self.resources_done.borrow().get(&key) {
            return match done {
                Some(v) => v.clone(),
                None => unknown(at.file, span, format!("`{kind}.{name}` refers to itself")),
            };
        }
        let Some(decl) = self.resources.get(&key) else {
            return unknown(
                at.file,
                span,
                format!("`{kind}.{name}` is not declared in these files"),
            );
        };
        self.resources_done.borrow_mut().insert(key.clone(), None);
        let base = Scope {
            file: decl.file,
            vars: Some(VarMode::Defaults),
            partial: at.partial,
            depth: at.depth + 1,
            ..Scope::default()
        };
        let v = match self.instances(decl.body, &base) {
            Instances::One => self.resource_object(kind, decl.body, &base),
            Instances::Each(items) => V::Obj(
                items
                    .into_iter()
                    .map(|(k, v)| {
                        let scope = Scope {
                            each: Some((V::Str(k.clone()), v)),
                            ..base.clone()
                        };
                        (k, self.resource_object(kind, decl.body, &scope))
                    })
                    .collect(),
            ),
            Instances::Count(n) => V::List(
                (0..n)
                    .map(|i| {
                        let scope = Scope {
                            count: Some(i),
                            ..base.clone()
                        };
                        self.resource_object(kind, decl.body, &scope)
                    })
                    .collect(),
            ),
            Instances::Unknown(w) => V::Unknown(Box::new(w)),
        };
        self.resources_done
            .borrow_mut()
            .insert(key, Some(v.clone()));
        v
    }

    fn resource_object(&self, kind: &str, body: &hcl_edit::structure::Body, scope: &Scope) -> V {
        let V::Obj(mut m) = self.body_value(body, scope) else {
            return V::Null;
        };
        let name = |k: &str| m.get(k).and_then(V::as_str).map(str::to_string);
        let arn = match kind {
            "awscc_chatbot_custom_action" => name("action_name").map(|n| {
                (
                    "custom_action_arn",
                    format!("arn:aws:chatbot::{UNKNOWN_PART}:custom-action/{n}"),
                )
            }),
            "aws_sns_topic" => name("name").map(|n| {
                (
                    "arn",
                    format!("arn:aws:sns:{UNKNOWN_PART}:{UNKNOWN_PART}:{n}"),
                )
            }),
            "aws_cloudwatch_event_rule" => name("name").map(|n| {
                (
                    "arn",
                    format!("arn:aws:events:{UNKNOWN_PART}:{UNKNOWN_PART}:rule/{n}"),
                )
            }),
            _ => None,
        };
        if let Some((k, v)) = arn {
            m.insert(k.into(), V::Str(v));
            if kind == "awscc_chatbot_custom_action" {
                m.insert("id".into(), m["custom_action_arn"].clone());
            }
        }
        V::Obj(m)
    }

    /// The instances a block's `count` or `for_each` (or their absence) makes.
    pub fn instances(&self, body: &hcl_edit::structure::Body, scope: &Scope) -> Instances {
        let why = |span, message: String| {
            Instances::Unknown(Why {
                file: scope.file,
                span,
                message,
            })
        };
        if let Some(c) = body.get_attribute("count") {
            if body.get_attribute("for_each").is_some() {
                return why(
                    c.value.span(),
                    "`count` and `for_each` cannot both be set".into(),
                );
            }
            return match self.eval(&c.value, scope) {
                V::Unknown(w) => Instances::Unknown(*w),
                v => match number(&v) {
                    Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= MAX_INSTANCES as f64 => {
                        Instances::Count(n as usize)
                    }
                    Some(n) if n > MAX_INSTANCES as f64 => why(
                        c.value.span(),
                        format!(
                            "`count` is {n}; an import reads at most {MAX_INSTANCES} instances"
                        ),
                    ),
                    _ => why(
                        c.value.span(),
                        format!(
                            "`count` needs a whole number of at least 0, found {}",
                            shown(&v)
                        ),
                    ),
                },
            };
        }
        let Some(fe) = body.get_attribute("for_each") else {
            return Instances::One;
        };
        let each = match self.eval(&fe.value, scope) {
            V::Obj(m) => Instances::Each(m.into_iter().collect()),
            V::List(items) => {
                let mut out: Vec<(String, V)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for it in items {
                    match it {
                        V::Str(s) => {
                            if seen.insert(s.clone()) {
                                out.push((s.clone(), V::Str(s)));
                            }
                        }
                        V::Unknown(w) => return Instances::Unknown(*w),
                        other => {
                            return Instances::Unknown(Why {
                                file: scope.file,
                                span: fe.value.span(),
                                message: format!(
                                    "`for_each` over a set needs strings, found {}",
                                    other.type_name()
                                ),
                            })
                        }
                    }
                }
                Instances::Each(out)
            }
            V::Unknown(w) => Instances::Unknown(*w),
            other => Instances::Unknown(Why {
                file: scope.file,
                span: fe.value.span(),
                message: format!(
                    "`for_each` needs a map or a set of strings, found {}",
                    other.type_name()
                ),
            }),
        };
        match each {
            Instances::Each(items) if items.len() > MAX_INSTANCES => why(
                fe.value.span(),
                format!(
                    "`for_each` makes {} instances; an import reads at most {MAX_INSTANCES}",
                    items.len()
                ),
            ),
            other => other,
        }
    }

    /// A block body as an object: its attributes, and nested blocks by name (one block as an
    /// object, several as a list). Meta-arguments and provisioners are left out.
    pub fn body_value(&self, body: &hcl_edit::structure::Body, scope: &Scope) -> V {
        let mut m = IndexMap::new();
        let mut blocks: IndexMap<String, Vec<V>> = IndexMap::new();
        for a in body.attributes() {
            let k = a.key.as_str();
            if matches!(k, "for_each" | "count" | "depends_on" | "provider") {
                continue;
            }
            m.insert(k.to_string(), self.eval(&a.value, scope));
        }
        for b in body.blocks() {
            let k = b.ident.as_str();
            if matches!(k, "provisioner" | "lifecycle" | "connection" | "dynamic") {
                continue;
            }
            let v = self.body_value(&b.body, scope);
            blocks.entry(k.to_string()).or_default().push(v);
        }
        for (k, mut vs) in blocks {
            let v = if vs.len() == 1 {
                vs.pop().unwrap_or(V::Null)
            } else {
                V::List(vs)
            };
            m.entry(k).or_insert(v);
        }
        V::Obj(m)
    }

    /// Evaluates an expression; the value built counts against the room for values.
    pub fn eval(&self, e: &Expression, scope: &Scope) -> V {
        let v = self.eval_inner(e, scope);
        let room = *self.room.borrow();
        if self.take_room(size_upto(&v, room)) {
            v
        } else {
            Self::out_of_room(scope.file, e.span())
        }
    }

    fn eval_inner(&self, e: &Expression, scope: &Scope) -> V {
        let file = scope.file;
        if scope.depth > MAX_NESTING {
            return unknown(file, e.span(), "nested too deeply to evaluate");
        }
        if !self.burn() {
            return unknown(file, e.span(), "too much to evaluate; stopped");
        }
        let inner = Scope {
            depth: scope.depth + 1,
            ..scope.clone()
        };
        match e {
            Expression::Null(_) => V::Null,
            Expression::Bool(b) => V::Bool(*b.value()),
            Expression::Number(n) => self.number(n, e.span(), file),
            Expression::String(s) => V::Str(s.value().to_string()),
            Expression::Array(items) => {
                V::List(items.iter().map(|x| self.eval(x, &inner)).collect())
            }
            Expression::Object(o) => self.object(o, &inner),
            Expression::StringTemplate(t) => self.template_value(t.iter(), &inner),
            Expression::HeredocTemplate(h) => self.template_value(h.template.iter(), &inner),
            Expression::Parenthesis(p) => self.eval(p.inner(), &inner),
            Expression::Variable(v) => self.root(v.as_str(), None, e.span(), &inner),
            Expression::Traversal(t) => self.traversal(t, e.span(), &inner),
            Expression::FuncCall(f) => self.call(f, e.span(), &inner),
            Expression::Conditional(c) => self.conditional(c, &inner),
            Expression::UnaryOp(u) => self.unary(u, e.span(), &inner),
            Expression::BinaryOp(b) => self.binary(b, e.span(), &inner),
            Expression::ForExpr(f) => self.for_expr(f, e.span(), &inner),
        }
    }

    /// A number, which keeps its written form (EventBridge compares numbers as written).
    fn number(
        &self,
        n: &hcl_edit::Formatted<hcl_edit::Number>,
        span: Option<Range<usize>>,
        file: usize,
    ) -> V {
        let text = self.texts.get(file).copied().unwrap_or("");
        match span.and_then(|r| text.get(r)).map(str::trim) {
            Some(raw) if serde_json::from_str::<serde_json::Number>(raw).is_ok() => {
                V::Num(raw.to_string())
            }
            _ => V::Num(n.value().to_string()),
        }
    }

    /// An object: each key an identifier or an expression evaluating to a string, number or bool.
    fn object(&self, o: &hcl_edit::expr::Object, inner: &Scope) -> V {
        let file = inner.file;
        let mut m = IndexMap::new();
        for (k, v) in o.iter() {
            let key = match k {
                ObjectKey::Ident(i) => i.as_str().to_string(),
                ObjectKey::Expression(Expression::Variable(i)) => i.as_str().to_string(),
                ObjectKey::Expression(x) => match self.eval(x, inner) {
                    V::Str(s) => s,
                    V::Num(n) => n,
                    V::Bool(b) => b.to_string(),
                    V::Unknown(w) => return V::Unknown(w),
                    other => {
                        return unknown(
                            file,
                            x.span(),
                            format!(
                                "an object key must be a string, found {}",
                                other.type_name()
                            ),
                        )
                    }
                },
            };
            m.insert(key, self.eval(v.expr(), inner));
        }
        V::Obj(m)
    }

    /// A string template or heredoc as a string, or the unknown value that stopped it.
    fn template_value<'t>(&self, elements: impl Iterator<Item = &'t Element>, inner: &Scope) -> V {
        let mut out = String::new();
        match self.template(elements, inner, &mut out) {
            Some(w) => w,
            None => V::Str(out),
        }
    }

    /// `cond ? a : b`: only the branch the condition picks is evaluated.
    fn conditional(&self, c: &hcl_edit::expr::Conditional, inner: &Scope) -> V {
        match self.eval(&c.cond_expr, inner) {
            V::Bool(true) => self.eval(&c.true_expr, inner),
            V::Bool(false) => self.eval(&c.false_expr, inner),
            V::Unknown(w) => V::Unknown(w),
            other => unknown(
                inner.file,
                c.cond_expr.span(),
                format!("a condition must be a bool, found {}", other.type_name()),
            ),
        }
    }

    /// `!` on a bool and `-` on a number.
    fn unary(&self, u: &hcl_edit::expr::UnaryOp, span: Option<Range<usize>>, inner: &Scope) -> V {
        match (u.operator.value(), self.eval(&u.expr, inner)) {
            (UnaryOperator::Not, V::Bool(b)) => V::Bool(!b),
            (UnaryOperator::Neg, V::Num(n)) => V::Num(match n.strip_prefix('-') {
                Some(p) => p.to_string(),
                None => format!("-{n}"),
            }),
            (_, V::Unknown(w)) => V::Unknown(w),
            (_, other) => unknown(
                inner.file,
                span,
                format!("this operator does not apply to a {}", other.type_name()),
            ),
        }
    }

    /// A chain of binary operators, by HCL's precedence (`*` `/` `%`, then `+` `-`, then the
    /// comparisons, then `==` `!=`, then `&&`, then `||`; each left to right). hcl-edit parses
    /// `a op b op c` as `a op (b op c)` whatever the operators, so the chain is read whole here.
    fn binary(&self, b: &hcl_edit::expr::BinaryOp, span: Option<Range<usize>>, inner: &Scope) -> V {
        let mut operands: Vec<&Expression> = vec![&b.lhs_expr];
        let mut ops: Vec<BinaryOperator> = vec![*b.operator.value()];
        let mut rest = &b.rhs_expr;
        while let Expression::BinaryOp(next) = rest {
            operands.push(&next.lhs_expr);
            ops.push(*next.operator.value());
            rest = &next.rhs_expr;
        }
        operands.push(rest);
        let mut values: Vec<V> = operands.iter().map(|e| self.eval(e, inner)).collect();
        for level in (1..=6).rev() {
            let mut i = 0;
            while i < ops.len() {
                if precedence(ops[i]) != level {
                    i += 1;
                    continue;
                }
                let r = values.remove(i + 1);
                let l = std::mem::replace(&mut values[i], V::Null);
                values[i] = self.operate(ops.remove(i), l, r, &span, inner.file);
            }
        }
        values.pop().unwrap_or(V::Null)
    }

    /// `==` and `!=` on any values; `&&` and `||` on bools; arithmetic and comparisons on numbers
    /// (and strings that read as numbers, which Terraform converts).
    fn operate(
        &self,
        op: BinaryOperator,
        l: V,
        r: V,
        span: &Option<Range<usize>>,
        file: usize,
    ) -> V {
        use BinaryOperator as O;
        if let V::Unknown(w) = l {
            return V::Unknown(w);
        }
        if let V::Unknown(w) = r {
            return V::Unknown(w);
        }
        let fail = |needs: &str| {
            unknown(
                file,
                span.clone(),
                format!(
                    "`{}`: `{}` needs {needs}, found {} and {}",
                    self.source(file, span),
                    op.as_str(),
                    shown(&l),
                    shown(&r)
                ),
            )
        };
        match op {
            O::Eq | O::NotEq => {
                // An unknown part makes the comparison unknown.
                if let Some(w) = l.unknown().or(r.unknown()) {
                    return V::Unknown(Box::new(w.clone()));
                }
                V::Bool(equal(&l, &r) == (op == O::Eq))
            }
            O::And | O::Or => match (&l, &r) {
                (V::Bool(a), V::Bool(c)) => V::Bool(if op == O::And { *a && *c } else { *a || *c }),
                _ => fail("bools"),
            },
            _ => {
                let (Some(x), Some(y)) = (number(&l), number(&r)) else {
                    return fail("numbers");
                };
                match op {
                    O::Less => V::Bool(x < y),
                    O::LessEq => V::Bool(x <= y),
                    O::Greater => V::Bool(x > y),
                    O::GreaterEq => V::Bool(x >= y),
                    O::Plus => num_value(x + y),
                    O::Minus => num_value(x - y),
                    O::Mul => num_value(x * y),
                    O::Div | O::Mod if y == 0.0 => unknown(
                        file,
                        span.clone(),
                        format!("`{}`: division by zero", self.source(file, span)),
                    ),
                    O::Div => num_value(x / y),
                    _ => num_value(x % y),
                }
            }
        }
    }

    /// Appends a template's text to `out`; returns the unknown value that stopped it, if any.
    fn template<'t>(
        &self,
        elements: impl Iterator<Item = &'t Element>,
        scope: &Scope,
        out: &mut String,
    ) -> Option<V> {
        let mut strip_next = false;
        for el in elements {
            match el {
                Element::Literal(l) => {
                    let text: &str = l.value();
                    if strip_next {
                        out.push_str(text.trim_start());
                    } else {
                        out.push_str(text);
                    }
                    strip_next = false;
                }
                Element::Interpolation(i) => {
                    if i.strip.strip_start() {
                        let keep = out.trim_end().len();
                        out.truncate(keep);
                    }
                    strip_next = i.strip.strip_end();
                    match self.eval(&i.expr, scope) {
                        V::Str(s) => out.push_str(&s),
                        V::Num(n) => out.push_str(&n),
                        V::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                        V::Unknown(_) if scope.partial => out.push(UNKNOWN_PART),
                        V::Unknown(w) => return Some(V::Unknown(w)),
                        other => {
                            return Some(unknown(
                                scope.file,
                                i.expr.span(),
                                format!(
                                    "a {} cannot be interpolated into a string",
                                    other.type_name()
                                ),
                            ))
                        }
                    }
                }
                Element::Directive(d) => {
                    if let Some(stop) = self.directive(d, scope, out) {
                        return Some(stop);
                    }
                }
            }
        }
        None
    }

    fn directive(&self, d: &Directive, scope: &Scope, out: &mut String) -> Option<V> {
        match d {
            Directive::If(i) => match self.eval(&i.if_expr.cond_expr, scope) {
                V::Bool(true) => self.template_of(&i.if_expr.template, scope, out),
                V::Bool(false) => match &i.else_expr {
                    Some(e) => self.template_of(&e.template, scope, out),
                    None => None,
                },
                V::Unknown(w) => Some(V::Unknown(w)),
                other => Some(unknown(
                    scope.file,
                    i.if_expr.cond_expr.span(),
                    format!("a condition must be a bool, found {}", other.type_name()),
                )),
            },
            Directive::For(f) => {
                let items = match self.eval(&f.for_expr.collection_expr, scope).entries() {
                    Ok(items) => items,
                    Err(V::Unknown(w)) => return Some(V::Unknown(w)),
                    Err(other) => {
                        return Some(unknown(
                            scope.file,
                            f.for_expr.collection_expr.span(),
                            format!("cannot iterate over a {}", other.type_name()),
                        ))
                    }
                };
                for (k, v) in items {
                    let mut s = scope.clone();
                    if let Some(kv) = &f.for_expr.key_var {
                        s.bound.push((kv.as_str().to_string(), k));
                    }
                    s.bound.push((f.for_expr.value_var.as_str().to_string(), v));
                    if let Some(stop) = self.template_of(&f.for_expr.template, &s, out) {
                        return Some(stop);
                    }
                }
                None
            }
        }
    }

    fn template_of(&self, t: &Template, scope: &Scope, out: &mut String) -> Option<V> {
        self.template(t.iter(), scope, out)
    }

    /// A name at the root of a traversal, with its first attribute when the name needs one.
    fn root(&self, name: &str, attr: Option<&str>, span: Option<Range<usize>>, scope: &Scope) -> V {
        if let Some((_, v)) = scope.bound.iter().rev().find(|(n, _)| n == name) {
            return get_attr(v.clone(), attr, scope.file, &span);
        }
        let whole = self.source(scope.file, &span);
        match name {
            "var" => match (attr, scope.vars) {
                (Some(a), Some(mode)) => self.var(a, mode, scope, span),
                (Some(a), None) => unknown(
                    scope.file,
                    span,
                    format!("`var.{a}` cannot be used in a variable's default"),
                ),
                (None, _) => unknown(scope.file, span, "`var` needs an attribute"),
            },
            "local" => match attr {
                Some(a) => self.local(a, scope, span),
                None => unknown(scope.file, span, "`local` needs an attribute"),
            },
            "each" => match &scope.each {
                Some((k, v)) => {
                    let mut m = IndexMap::new();
                    m.insert("key".to_string(), k.clone());
                    m.insert("value".to_string(), v.clone());
                    get_attr(V::Obj(m), attr, scope.file, &span)
                }
                None => unknown(
                    scope.file,
                    span,
                    "`each` is used outside a `for_each` block",
                ),
            },
            "self" => match &scope.this {
                Some(v) => get_attr(v.clone(), attr, scope.file, &span),
                None => unknown(scope.file, span, "`self` is used outside a provisioner"),
            },
            "data" => unknown(
                scope.file,
                span,
                format!("`{whole}` cannot be known before apply"),
            ),
            "count" => match (scope.count, attr) {
                (Some(i), Some("index")) => V::Num(i.to_string()),
                (Some(_), _) => unknown(
                    scope.file,
                    span,
                    format!("`{whole}`: `count` has only `index`"),
                ),
                (None, _) => unknown(
                    scope.file,
                    span,
                    "`count.index` is used outside a block with `count`",
                ),
            },
            "path" => match attr {
                Some("module") => V::Str(folder(&self.dir)),
                Some("root" | "cwd") => V::Str(folder(&self.root_dir)),
                _ => unknown(scope.file, span, format!("`{whole}` is not evaluated")),
            },
            "terraform" | "module" => {
                unknown(scope.file, span, format!("`{whole}` is not evaluated"))
            }
            kind => match attr {
                Some(a)
                    if self
                        .resources
                        .contains_key(&(kind.to_string(), a.to_string())) =>
                {
                    self.resource(kind, a, scope, span)
                }
                _ => unknown(
                    scope.file,
                    span,
                    format!("`{whole}` is not declared in these files"),
                ),
            },
        }
    }

    fn traversal(
        &self,
        t: &hcl_edit::expr::Traversal,
        span: Option<Range<usize>>,
        scope: &Scope,
    ) -> V {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let (mut v, rest) = match (&t.expr, ops.first()) {
            (Expression::Variable(name), Some(TraversalOperator::GetAttr(a))) => {
                // Resources take two names (`type.name`) before their attributes.
                let v = self.root(name.as_str(), Some(a.as_str()), span.clone(), scope);
                (v, &ops[1..])
            }
            _ => (self.eval(&t.expr, scope), &ops[..]),
        };
        // A resource reference names a missing attribute as unknown after apply.
        for (i, op) in rest.iter().enumerate() {
            if let V::Unknown(_) = v {
                return v;
            }
            v = match op {
                TraversalOperator::GetAttr(a) => match v {
                    V::Obj(m) => match m.get(a.as_str()) {
                        Some(x) => x.clone(),
                        None => unknown(
                            scope.file,
                            span.clone(),
                            format!(
                                "`{}` cannot be known before apply",
                                self.source(scope.file, &span)
                            ),
                        ),
                    },
                    other => unknown(
                        scope.file,
                        span.clone(),
                        format!("a {} has no attribute `{}`", other.type_name(), a.as_str()),
                    ),
                },
                TraversalOperator::Index(ix) => {
                    let key = self.eval(ix, scope);
                    index(v, key, scope.file, &span)
                }
                TraversalOperator::LegacyIndex(n) => {
                    index(v, V::Num(n.value().to_string()), scope.file, &span)
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let items = match v {
                        V::List(items) => items,
                        V::Null => Vec::new(),
                        other => vec![other],
                    };
                    let after: Vec<&TraversalOperator> = rest[i + 1..].to_vec();
                    return V::List(
                        items
                            .into_iter()
                            .map(|item| self.apply_ops(item, &after, scope, &span))
                            .collect(),
                    );
                }
            };
        }
        v
    }

    fn apply_ops(
        &self,
        mut v: V,
        ops: &[&TraversalOperator],
        scope: &Scope,
        span: &Option<Range<usize>>,
    ) -> V {
        for op in ops {
            v = match op {
                TraversalOperator::GetAttr(a) => get_attr(v, Some(a.as_str()), scope.file, span),
                TraversalOperator::Index(ix) => index(v, self.eval(ix, scope), scope.file, span),
                TraversalOperator::LegacyIndex(n) => {
                    index(v, V::Num(n.value().to_string()), scope.file, span)
                }
                _ => unknown(
                    scope.file,
                    span.clone(),
                    "a splat inside a splat is not evaluated",
                ),
            };
        }
        v
    }

    fn for_expr(
        &self,
        f: &hcl_edit::expr::ForExpr,
        span: Option<Range<usize>>,
        scope: &Scope,
    ) -> V {
        let items: Vec<(V, V)> = match self.eval(&f.intro.collection_expr, scope).entries() {
            Ok(items) => items,
            Err(V::Unknown(w)) => return V::Unknown(w),
            Err(other) => {
                return unknown(
                    scope.file,
                    span,
                    format!("cannot iterate over a {}", other.type_name()),
                )
            }
        };
        let mut list = Vec::new();
        let mut obj = IndexMap::new();
        for (k, v) in items {
            let mut s = scope.clone();
            if let Some(kv) = &f.intro.key_var {
                s.bound.push((kv.as_str().to_string(), k));
            }
            s.bound.push((f.intro.value_var.as_str().to_string(), v));
            if let Some(c) = &f.cond {
                match self.eval(&c.expr, &s) {
                    V::Bool(true) => {}
                    V::Bool(false) => continue,
                    V::Unknown(w) => return V::Unknown(w),
                    other => {
                        return unknown(
                            scope.file,
                            c.expr.span(),
                            format!("a condition must be a bool, found {}", other.type_name()),
                        )
                    }
                }
            }
            let value = self.eval(&f.value_expr, &s);
            match &f.key_expr {
                None => list.push(value),
                Some(ke) => match self.eval(ke, &s) {
                    V::Str(key) => {
                        if f.grouping {
                            if let V::List(group) =
                                obj.entry(key).or_insert_with(|| V::List(Vec::new()))
                            {
                                group.push(value);
                            }
                        } else {
                            obj.insert(key, value);
                        }
                    }
                    V::Unknown(w) => return V::Unknown(w),
                    other => {
                        return unknown(
                            scope.file,
                            ke.span(),
                            format!(
                                "an object key must be a string, found {}",
                                other.type_name()
                            ),
                        )
                    }
                },
            }
        }
        if f.key_expr.is_some() {
            V::Obj(obj)
        } else {
            V::List(list)
        }
    }

    /// The items without repeats, first ones kept: strings, numbers and booleans by a hash set;
    /// other values compared one by one, each comparison a step of fuel (`None` when it runs out).
    fn distinct(&self, items: &[V]) -> Option<Vec<V>> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<V> = Vec::new();
        for it in items {
            let fresh = match it {
                V::Str(s) => seen.insert((0u8, s.as_str())),
                V::Num(n) => seen.insert((1, n.as_str())),
                V::Bool(b) => seen.insert((2, if *b { "true" } else { "false" })),
                V::Null => seen.insert((3, "")),
                other => {
                    let mut fresh = true;
                    for o in &out {
                        if !self.burn() {
                            return None;
                        }
                        if o == other {
                            fresh = false;
                            break;
                        }
                    }
                    fresh
                }
            };
            if fresh {
                out.push(it.clone());
            }
        }
        Some(out)
    }

    fn call(&self, f: &hcl_edit::expr::FuncCall, span: Option<Range<usize>>, scope: &Scope) -> V {
        let file = scope.file;
        let name = f.name.name.as_str();
        if f.name.is_namespaced() || !FUNCTIONS.contains(&name) {
            return unknown(
                file,
                span,
                format!(
                    "the function `{}` is not evaluated (only {})",
                    quote_source(&self.source(file, &f.name.name.span()).replace(' ', "")),
                    FUNCTIONS.join(", ")
                ),
            );
        }
        let exprs: Vec<&Expression> = f.args.iter().collect();
        if f.args.expand_final() {
            return unknown(file, span, "`...` arguments are not evaluated");
        }
        let call = Call { name, file, span };
        if let Some(v) = self.try_or_can(&call, &exprs, scope) {
            return v;
        }
        if matches!(name, "file" | "templatefile" | "fileexists") {
            return self.file_function(&call, &exprs, scope);
        }
        let args: Vec<V> = exprs.iter().map(|e| self.eval(e, scope)).collect();
        let unknown_arg = if STRUCTURAL.contains(&name) {
            args.iter().find_map(|a| match a {
                V::Unknown(w) => Some(w.as_ref()),
                _ => None,
            })
        } else {
            args.iter().find_map(V::unknown)
        };
        if let Some(w) = unknown_arg {
            return V::Unknown(Box::new(w.clone()));
        }
        let strs: Vec<Option<&str>> = args.iter().map(V::as_str).collect();
        encoding_function(&call, &args, &strs)
            .or_else(|| self.string_function(&call, &args, &strs))
            .or_else(|| self.collection_function(&call, &args, &strs))
            .unwrap_or_else(|| call.bad("the arguments are not of the types it takes"))
    }

    /// `file`, `fileexists` and `templatefile`, on the files given with the Terraform (found by
    /// their path from the module's folder, else by a name only one of them has). A file not given
    /// is unknown, with a note that names it.
    fn file_function(&self, call: &Call, exprs: &[&Expression], scope: &Scope) -> V {
        let args: Vec<V> = exprs.iter().map(|e| self.eval(e, scope)).collect();
        if let Some(w) = args.first().and_then(V::unknown) {
            return V::Unknown(Box::new(w.clone()));
        }
        let Some(path) = args.first().and_then(V::as_str) else {
            return call.bad("needs a path");
        };
        let found = self.find_file(path);
        match (call.name, found, args.as_slice()) {
            ("fileexists", found, [_]) => V::Bool(found.is_some()),
            ("file", Some(i), [_]) => V::Str(self.texts[i].to_string()),
            ("templatefile", Some(i), [_, vars]) => {
                let V::Obj(vars) = vars else {
                    return match vars {
                        V::Unknown(w) => V::Unknown(w.clone()),
                        _ => call.bad("needs the template's variables as an object"),
                    };
                };
                let text = self.texts[i];
                if super::too_deep(text).is_some() {
                    return call.bad("the template nests too deeply to read");
                }
                let template = match hcl_edit::parser::parse_template(text) {
                    Ok(t) => t,
                    Err(e) => {
                        return call.bad(&format!(
                            "{} is not a template ({})",
                            quote_source(path),
                            quote_source(e.message())
                        ))
                    }
                };
                // Only the variables given are in the template's scope, as in Terraform.
                let inner = Scope {
                    file: i,
                    bound: vars.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                    vars: None,
                    partial: scope.partial,
                    depth: scope.depth + 1,
                    ..Scope::default()
                };
                let mut out = String::new();
                match self.template(template.iter(), &inner, &mut out) {
                    Some(stop) => stop,
                    None => V::Str(out),
                }
            }
            (_, None, _) => call.bad(&format!(
                "{} is not among the files given; give it with the .tf files",
                quote_source(path)
            )),
            _ => call.bad("the arguments are not of the types it takes"),
        }
    }

    /// The file a path names: by its path from the files' common root, else by the file name if
    /// exactly one file given has it.
    fn find_file(&self, path: &str) -> Option<usize> {
        let want = super::joined("", path);
        if let Some(i) = self.names.iter().position(|n| super::joined("", n) == want) {
            return Some(i);
        }
        let base = want.rsplit('/').next().unwrap_or(&want);
        let mut same = self
            .names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.rsplit(['/', '\\']).next() == Some(base));
        match (same.next(), same.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// `try` and `can`, which look at their arguments' failures and so evaluate them themselves;
    /// `None` for any other function.
    fn try_or_can(&self, call: &Call, exprs: &[&Expression], scope: &Scope) -> Option<V> {
        let Call { name, file, span } = call;
        match *name {
            "try" => {
                let mut last = None;
                for e in exprs {
                    let v = self.eval(e, scope);
                    if v.unknown().is_none() {
                        return Some(v);
                    }
                    last = Some(v);
                }
                Some(
                    last.unwrap_or_else(|| unknown(*file, span.clone(), "`try` needs an argument")),
                )
            }
            "can" => Some(match exprs.first() {
                Some(e) => V::Bool(self.eval(e, scope).unknown().is_none()),
                None => unknown(*file, span.clone(), "`can` needs an argument"),
            }),
            _ => None,
        }
    }

    /// The string functions: `replace`, the trims, `lower`, `upper`, `tostring`, `join`, `split`
    /// and `format`. `None` when the call is none of these with arguments of the types it takes.
    fn string_function(&self, call: &Call, args: &[V], strs: &[Option<&str>]) -> Option<V> {
        let v = match (call.name, args, strs) {
            ("replace", [_, _, _], [Some(s), Some(from), Some(to)]) => {
                if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                    match compiled(&from[1..from.len() - 1]) {
                        Ok(re) => {
                            // Each match can add the replacement's length, expanded.
                            let grows = re.find_iter(s).count().saturating_mul(to.len() + 64);
                            if grows > *self.room.borrow() {
                                return Some(Self::out_of_room(call.file, call.span.clone()));
                            }
                            V::Str(re.replace_all(s, *to).into_owned())
                        }
                        Err(why) => call.bad(&why),
                    }
                } else if from.is_empty() {
                    V::Str(s.to_string())
                } else {
                    let grows = s.matches(from).count().saturating_mul(to.len());
                    if grows > *self.room.borrow() {
                        return Some(Self::out_of_room(call.file, call.span.clone()));
                    }
                    V::Str(s.replace(from, to))
                }
            }
            ("trimspace", [_], [Some(s)]) => V::Str(s.trim().to_string()),
            ("chomp", [_], [Some(s)]) => V::Str(s.trim_end_matches(['\r', '\n']).to_string()),
            ("trimsuffix", [_, _], [Some(s), Some(x)]) => {
                V::Str(s.strip_suffix(x).unwrap_or(s).to_string())
            }
            ("trimprefix", [_, _], [Some(s), Some(x)]) => {
                V::Str(s.strip_prefix(x).unwrap_or(s).to_string())
            }
            ("trim", [_, _], [Some(s), Some(cut)]) => {
                V::Str(s.trim_matches(|c| cut.contains(c)).to_string())
            }
            ("lower", [_], [Some(s)]) => V::Str(s.to_lowercase()),
            ("title", [_], [Some(s)]) => V::Str(title(s)),
            ("startswith", [_, _], [Some(s), Some(x)]) => V::Bool(s.starts_with(x)),
            ("endswith", [_, _], [Some(s), Some(x)]) => V::Bool(s.ends_with(x)),
            ("strcontains", [_, _], [Some(s), Some(x)]) => V::Bool(s.contains(x)),
            ("regex" | "regexall", [_, _], [Some(pattern), Some(s)]) => match compiled(pattern) {
                Ok(re) => regex_matches(call, &re, s),
                Err(why) => call.bad(&why),
            },
            ("substr", [_, o, l], [Some(s), ..]) => match (whole(o), whole(l)) {
                (Some(o), Some(l)) => substr(s, o, l)
                    .map(V::Str)
                    .unwrap_or_else(|| call.bad("the offset is past the string")),
                _ => call.bad("needs a string, an offset and a length"),
            },
            ("tonumber", [v], _) => match (v, number(v)) {
                (V::Null, _) => V::Null,
                (_, Some(x)) => num_value(x),
                _ => call.bad(&format!("{} is not a number", shown(v))),
            },
            ("tobool", [v], _) => match (v, v.as_str()) {
                (V::Bool(_) | V::Null, _) => v.clone(),
                (_, Some("true")) => V::Bool(true),
                (_, Some("false")) => V::Bool(false),
                _ => call.bad(&format!("{} is not a bool", shown(v))),
            },
            ("upper", [_], [Some(s)]) => V::Str(s.to_uppercase()),
            ("tostring", [v], _) => match v {
                V::Str(_) => v.clone(),
                V::Num(n) => V::Str(n.clone()),
                V::Bool(b) => V::Str(b.to_string()),
                _ => call.bad("needs a string, number or bool"),
            },
            ("join", [_, rest @ ..], [Some(sep), ..]) => join(call, sep, rest),
            ("split", [_, _], [Some(sep), Some(s)]) if !sep.is_empty() => {
                let parts = s.matches(sep).count().saturating_add(1);
                if parts.saturating_mul(NODE_BYTES) > *self.room.borrow() {
                    return Some(Self::out_of_room(call.file, call.span.clone()));
                }
                V::List(s.split(sep).map(|p| V::Str(p.to_string())).collect())
            }
            ("format", [_, rest @ ..], [Some(spec), ..]) => format(spec, rest)
                .unwrap_or_else(|| call.bad("only %s, %d and %% are evaluated, one argument each")),
            _ => return None,
        };
        Some(v)
    }

    /// The collection functions: `merge`, `lookup`, `concat`, the conversions to lists, sets and
    /// maps, `values`, `keys`, `length`, `element` and `coalesce`. `None` when the call is none of
    /// these with arguments of the types it takes.
    fn collection_function(&self, call: &Call, args: &[V], strs: &[Option<&str>]) -> Option<V> {
        let v = match (call.name, args, strs) {
            ("merge", all, _) => {
                let mut m = IndexMap::new();
                for a in all {
                    match a {
                        V::Obj(o) => m.extend(o.clone()),
                        V::Null => {}
                        _ => return Some(call.bad("takes maps or objects")),
                    }
                }
                V::Obj(m)
            }
            ("lookup", [V::Obj(m), _, rest @ ..], [_, Some(k), ..]) if rest.len() <= 1 => {
                match (m.get(*k), rest.first()) {
                    (Some(v), _) => v.clone(),
                    (None, Some(d)) => d.clone(),
                    (None, None) => call.bad(&format!("no key {k:?} and no default")),
                }
            }
            ("concat", all, _) => {
                let mut out = Vec::new();
                for a in all {
                    match a {
                        V::List(items) => out.extend(items.iter().cloned()),
                        _ => return Some(call.bad("takes lists")),
                    }
                }
                V::List(out)
            }
            ("tolist", [V::List(items)], _) => V::List(items.clone()),
            ("toset", [V::List(items)], _) => match self.distinct(items) {
                Some(out) => V::List(out),
                None => unknown(
                    call.file,
                    call.span.clone(),
                    "too much to evaluate; stopped",
                ),
            },
            ("tomap", [V::Obj(m)], _) => V::Obj(m.clone()),
            ("values", [V::Obj(m)], _) => V::List(m.values().cloned().collect()),
            ("keys", [V::Obj(m)], _) => V::List(m.keys().cloned().map(V::Str).collect()),
            ("length", [v], _) => match v {
                V::List(items) => V::Num(items.len().to_string()),
                V::Obj(m) => V::Num(m.len().to_string()),
                V::Str(s) => V::Num(s.chars().count().to_string()),
                _ => call.bad("needs a list, map or string"),
            },
            ("element", [V::List(items), V::Num(n)], _) => match n.parse::<usize>() {
                Ok(i) if !items.is_empty() => items[i % items.len()].clone(),
                _ => call.bad("needs a non-empty list and a whole number"),
            },
            ("distinct", [V::List(items)], _) => match self.distinct(items) {
                Some(out) => V::List(out),
                None => unknown(
                    call.file,
                    call.span.clone(),
                    "too much to evaluate; stopped",
                ),
            },
            ("flatten", [V::List(items)], _) => {
                let mut out = Vec::new();
                if let Err(w) = flatten_into(items, &mut out, 0) {
                    return Some(w);
                }
                V::List(out)
            }
            ("contains", [V::List(items), v], _) => V::Bool(items.iter().any(|x| equal(x, v))),
            ("compact", [V::List(items)], _) => {
                let mut out = Vec::new();
                for it in items {
                    match it {
                        V::Null => {}
                        V::Str(s) if s.is_empty() => {}
                        V::Str(_) | V::Num(_) | V::Bool(_) => out.push(it.clone()),
                        _ => return Some(call.bad("takes a list of strings")),
                    }
                }
                V::List(out)
            }
            ("zipmap", [V::List(ks), V::List(vs)], _) => {
                if ks.len() != vs.len() {
                    return Some(call.bad("the keys and the values differ in length"));
                }
                let mut m = IndexMap::new();
                for (k, v) in ks.iter().zip(vs) {
                    match k {
                        V::Str(k) | V::Num(k) => {
                            m.insert(k.clone(), v.clone());
                        }
                        V::Unknown(w) => return Some(V::Unknown(w.clone())),
                        _ => return Some(call.bad("the keys must be strings")),
                    }
                }
                V::Obj(m)
            }
            ("setunion" | "setintersection" | "setsubtract", [first, rest @ ..], _) => {
                let lists: Option<Vec<&Vec<V>>> = std::iter::once(first)
                    .chain(rest)
                    .map(|a| match a {
                        V::List(items) => Some(items),
                        _ => None,
                    })
                    .collect();
                let Some(lists) = lists else {
                    return Some(call.bad("takes sets"));
                };
                if call.name == "setsubtract" && lists.len() != 2 {
                    return Some(call.bad("takes two sets"));
                }
                let all: Vec<V> = match call.name {
                    "setunion" => lists.iter().flat_map(|l| l.iter().cloned()).collect(),
                    "setintersection" => lists[0]
                        .iter()
                        .filter(|x| lists[1..].iter().all(|l| l.iter().any(|y| equal(x, y))))
                        .cloned()
                        .collect(),
                    _ => lists[0]
                        .iter()
                        .filter(|x| !lists[1].iter().any(|y| equal(x, y)))
                        .cloned()
                        .collect(),
                };
                match self.distinct(&all) {
                    Some(out) => V::List(out),
                    None => unknown(
                        call.file,
                        call.span.clone(),
                        "too much to evaluate; stopped",
                    ),
                }
            }
            ("one", [V::List(items)], _) => match items.as_slice() {
                [] => V::Null,
                [x] => x.clone(),
                _ => call.bad(&format!(
                    "the list has {} items; at most one is allowed",
                    items.len()
                )),
            },
            ("coalescelist", all, _) => all
                .iter()
                .find(|v| matches!(v, V::List(items) if !items.is_empty()))
                .cloned()
                .unwrap_or_else(|| call.bad("every list is empty")),
            ("sort", [V::List(items)], _) => {
                let mut strs = Vec::new();
                for it in items {
                    match it {
                        V::Str(s) | V::Num(s) => strs.push(s.clone()),
                        _ => return Some(call.bad("takes a list of strings")),
                    }
                }
                strs.sort();
                V::List(strs.into_iter().map(V::Str).collect())
            }
            ("reverse", [V::List(items)], _) => V::List(items.iter().rev().cloned().collect()),
            ("slice", [V::List(items), a, b], _) => match (whole(a), whole(b)) {
                (Some(a), Some(b)) if a >= 0 && a <= b && (b as usize) <= items.len() => {
                    V::List(items[a as usize..b as usize].to_vec())
                }
                _ => call.bad("the indexes are out of range"),
            },
            ("range", bounds, _) if (1..=3).contains(&bounds.len()) => {
                let ns: Option<Vec<f64>> = bounds.iter().map(number).collect();
                let Some(ns) = ns else {
                    return Some(call.bad("takes numbers"));
                };
                let (start, end, step) = match ns.as_slice() {
                    [e] => (0.0, *e, 1.0),
                    [s, e] => (*s, *e, if e >= s { 1.0 } else { -1.0 }),
                    [s, e, st] => (*s, *e, *st),
                    _ => return None,
                };
                let count = if step == 0.0 {
                    f64::INFINITY
                } else {
                    ((end - start) / step).ceil()
                };
                if !(0.0..=MAX_INSTANCES as f64 * 10.0).contains(&count) {
                    return Some(call.bad("the range is empty-stepped or too long to evaluate"));
                }
                V::List(
                    (0..count as usize)
                        .map(|i| num_value(start + step * i as f64))
                        .collect(),
                )
            }
            ("min" | "max" | "sum", all, _) if !all.is_empty() => {
                let items: &[V] = match (call.name, all) {
                    ("sum", [V::List(items)]) => items,
                    _ => all,
                };
                let ns: Option<Vec<f64>> = items.iter().map(number).collect();
                match ns {
                    Some(ns) if !ns.is_empty() => num_value(match call.name {
                        "min" => ns.iter().copied().fold(f64::INFINITY, f64::min),
                        "max" => ns.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                        _ => ns.iter().sum(),
                    }),
                    _ => call.bad("takes numbers"),
                }
            }
            ("abs", [v], _) => match number(v) {
                Some(x) => num_value(x.abs()),
                None => call.bad("takes a number"),
            },
            ("index", [V::List(items), v], _) => match items.iter().position(|x| equal(x, v)) {
                Some(i) => V::Num(i.to_string()),
                None => call.bad("the value is not in the list"),
            },
            ("alltrue" | "anytrue", [V::List(items)], _) => {
                let bools: Option<Vec<bool>> = items
                    .iter()
                    .map(|x| match x {
                        V::Bool(b) => Some(*b),
                        V::Str(s) if s == "true" || s == "false" => Some(s == "true"),
                        _ => None,
                    })
                    .collect();
                match bools {
                    Some(b) if call.name == "alltrue" => V::Bool(b.iter().all(|x| *x)),
                    Some(b) => V::Bool(b.iter().any(|x| *x)),
                    None => call.bad("takes a list of bools"),
                }
            }
            ("coalesce", all, _) => all
                .iter()
                .find(|v| !matches!(v, V::Null) && v.as_str() != Some(""))
                .cloned()
                .unwrap_or_else(|| call.bad("no argument is set")),
            _ => return None,
        };
        Some(v)
    }
}

/// A function call being evaluated: its name and place, which its failures name.
struct Call<'n> {
    name: &'n str,
    file: usize,
    span: Option<Range<usize>>,
}

impl Call<'_> {
    /// The unknown value a failed call evaluates to: "`name`: why", at the call.
    fn bad(&self, why: &str) -> V {
        unknown(
            self.file,
            self.span.clone(),
            format!("`{}`: {why}", self.name),
        )
    }
}

/// The encoding functions, `jsonencode` and `jsondecode`. `None` when the call is neither with
/// arguments of the types it takes.
fn encoding_function(call: &Call, args: &[V], strs: &[Option<&str>]) -> Option<V> {
    let v = match (call.name, args, strs) {
        ("jsonencode", [v], _) => match json_encode(v) {
            Some(s) => V::Str(s),
            None => call.bad("cannot encode this value"),
        },
        ("jsondecode", [_], [Some(s)]) => match serde_json::from_str::<serde_json::Value>(s) {
            Ok(j) => from_json(&j),
            Err(e) => call.bad(&format!("not JSON: {e}")),
        },
        _ => return None,
    };
    Some(v)
}

/// A Terraform regular expression (RE2 syntax, which `regex-lite` follows), compiled with
/// bounds: hostile patterns fail to compile instead of taking the memory, and matching is linear.
fn compiled(pattern: &str) -> Result<regex_lite::Regex, String> {
    if pattern.len() > 4096 {
        return Err("the regular expression is longer than 4096 characters".into());
    }
    regex_lite::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .nest_limit(64)
        .build()
        .map_err(|e| {
            format!(
                "not a regular expression this import reads: {}",
                quote_source(&e.to_string())
            )
        })
}

/// `regex` (the first match) and `regexall` (every match): the matched text when the pattern has
/// no groups, an object by name when its groups are named, else a list by position.
fn regex_matches(call: &Call, re: &regex_lite::Regex, s: &str) -> V {
    let named = re.capture_names().flatten().count() > 0;
    let groups = re.captures_len() > 1;
    let one = |c: regex_lite::Captures| -> V {
        if !groups {
            return V::Str(c.get(0).map_or("", |m| m.as_str()).to_string());
        }
        if named {
            V::Obj(
                re.capture_names()
                    .flatten()
                    .map(|n| {
                        let v = c
                            .name(n)
                            .map_or(V::Null, |m| V::Str(m.as_str().to_string()));
                        (n.to_string(), v)
                    })
                    .collect(),
            )
        } else {
            V::List(
                (1..c.len())
                    .map(|i| c.get(i).map_or(V::Null, |m| V::Str(m.as_str().to_string())))
                    .collect(),
            )
        }
    };
    if call.name == "regex" {
        match re.captures(s) {
            Some(c) => one(c),
            None => call.bad("the pattern does not match"),
        }
    } else {
        V::List(
            re.captures_iter(s)
                .take(MAX_INSTANCES * 10)
                .map(one)
                .collect(),
        )
    }
}

/// Lists inside lists, flattened into `out`; an unknown item makes the result unknown.
fn flatten_into(items: &[V], out: &mut Vec<V>, depth: usize) -> Result<(), V> {
    for it in items {
        match it {
            V::List(inner) if depth < MAX_NESTING => flatten_into(inner, out, depth + 1)?,
            V::Unknown(w) => return Err(V::Unknown(w.clone())),
            other => out.push(other.clone()),
        }
    }
    Ok(())
}

/// A whole number, as `substr` and `slice` take.
fn whole(v: &V) -> Option<i64> {
    number(v)
        .filter(|x| x.fract() == 0.0 && x.abs() < 1e15)
        .map(|x| x as i64)
}

/// `substr(s, offset, length)` in characters; a negative offset counts from the end, length -1
/// is the rest.
fn substr(s: &str, offset: i64, length: i64) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let start = if offset < 0 { n + offset } else { offset };
    if start < 0 || start > n {
        return None;
    }
    let end = if length < 0 {
        n
    } else {
        (start + length).min(n)
    };
    Some(chars[start as usize..end as usize].iter().collect())
}

/// `title`: each word's first letter upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// `join(separator, lists…)`: the lists' strings and numbers joined by the separator.
fn join(call: &Call, sep: &str, lists: &[V]) -> V {
    let mut parts = Vec::new();
    for r in lists {
        let V::List(items) = r else {
            return call.bad("takes a separator and lists of strings");
        };
        for it in items {
            match it {
                V::Str(s) => parts.push(s.clone()),
                V::Num(n) => parts.push(n.clone()),
                _ => return call.bad("takes a separator and lists of strings"),
            }
        }
    }
    V::Str(parts.join(sep))
}

/// What a block's `count` or `for_each` makes.
pub enum Instances {
    One,
    Each(Vec<(String, V)>),
    Count(usize),
    Unknown(Why),
}

/// A folder as `path.module` gives it: `.` for the folder the files were given from.
fn folder(dir: &str) -> String {
    if dir.is_empty() {
        ".".into()
    } else {
        dir.to_string()
    }
}

/// An operator's precedence in HCL: higher binds tighter.
fn precedence(op: BinaryOperator) -> u8 {
    use BinaryOperator as O;
    match op {
        O::Mul | O::Div | O::Mod => 6,
        O::Plus | O::Minus => 5,
        O::Less | O::LessEq | O::Greater | O::GreaterEq => 4,
        O::Eq | O::NotEq => 3,
        O::And => 2,
        O::Or => 1,
    }
}

/// A number, or a string that reads as one (Terraform converts such strings where a number is
/// expected).
pub fn number(v: &V) -> Option<f64> {
    match v {
        V::Num(n) | V::Str(n) => n.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

/// A number written as Terraform prints it: whole numbers without a fraction.
fn num_value(x: f64) -> V {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        V::Num(format!("{}", x as i64))
    } else {
        V::Num(format!("{x}"))
    }
}

/// A value as a message shows it: a short literal, or its type.
fn shown(v: &V) -> String {
    match v {
        V::Str(s) => format!("{:?}", quote_source(s)),
        V::Num(n) => n.clone(),
        V::Bool(b) => b.to_string(),
        other => format!("a {}", other.type_name()),
    }
}

/// Terraform's `==`: numbers compare by value, everything else by type and content.
fn equal(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Num(x), V::Num(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => x == y,
        },
        (V::List(x), V::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (V::Obj(x), V::Obj(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

fn get_attr(v: V, attr: Option<&str>, file: usize, span: &Option<Range<usize>>) -> V {
    let Some(a) = attr else { return v };
    match v {
        V::Obj(m) => m
            .get(a)
            .cloned()
            .unwrap_or_else(|| unknown(file, span.clone(), format!("no attribute `{a}`"))),
        V::Unknown(w) => V::Unknown(w),
        other => unknown(
            file,
            span.clone(),
            format!("a {} has no attribute `{a}`", other.type_name()),
        ),
    }
}

fn index(v: V, key: V, file: usize, span: &Option<Range<usize>>) -> V {
    match (v, key) {
        (V::Unknown(w), _) | (_, V::Unknown(w)) => V::Unknown(w),
        (V::List(items), V::Num(n)) => match n.parse::<usize>().ok().and_then(|i| items.get(i)) {
            Some(x) => x.clone(),
            None => unknown(file, span.clone(), format!("index {n} is out of range")),
        },
        (V::Obj(m), V::Str(k)) => m
            .get(&k)
            .cloned()
            .unwrap_or_else(|| unknown(file, span.clone(), format!("no key {k:?}"))),
        (v, k) => unknown(
            file,
            span.clone(),
            format!(
                "a {} cannot be indexed by a {}",
                v.type_name(),
                k.type_name()
            ),
        ),
    }
}

fn format(spec: &str, args: &[V]) -> Option<V> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' | 'v' => match args.next()? {
                V::Str(s) => out.push_str(s),
                V::Num(n) => out.push_str(n),
                V::Bool(b) => out.push_str(&b.to_string()),
                _ => return None,
            },
            _ => return None,
        }
    }
    args.next().is_none().then_some(V::Str(out))
}

/// A JSON value as a Terraform value.
pub fn from_json(j: &serde_json::Value) -> V {
    use serde_json::Value as J;
    match j {
        J::Null => V::Null,
        J::Bool(b) => V::Bool(*b),
        J::Number(n) => V::Num(n.to_string()),
        J::String(s) => V::Str(s.clone()),
        J::Array(items) => V::List(items.iter().map(from_json).collect()),
        J::Object(m) => V::Obj(m.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
    }
}

/// Terraform's `jsonencode`: compact, object keys sorted, and `<`, `>`, `&`, U+2028 and U+2029
/// written as `\u` escapes (Go's HTML-safe encoding), which is why people wrap it in `replace`.
pub fn json_encode(v: &V) -> Option<String> {
    let mut out = String::new();
    encode_into(v, &mut out)?;
    Some(out)
}

fn encode_into(v: &V, out: &mut String) -> Option<()> {
    match v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Num(n) => {
            // A number Terraform holds is written in its JSON form.
            let j: serde_json::Value = serde_json::from_str(n).ok()?;
            out.push_str(&j.to_string());
        }
        V::Str(s) => encode_str(s, out),
        V::List(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode_into(it, out)?;
            }
            out.push(']');
        }
        V::Obj(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode_str(k, out);
                out.push(':');
                encode_into(&m[k], out)?;
            }
            out.push('}');
        }
        V::Unknown(_) => return None,
    }
    Some(())
}

fn encode_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonencode_sorts_keys_and_escapes_like_terraform() {
        let mut m = IndexMap::new();
        m.insert("b".to_string(), V::Str("<x> & y".into()));
        m.insert("a".to_string(), V::Num("1.50".into()));
        assert_eq!(
            json_encode(&V::Obj(m)).unwrap(),
            r#"{"a":1.50,"b":"\u003cx\u003e \u0026 y"}"#
        );
    }

    /// hcl-edit leaves precedence to its reader: `1 + 2 * 3 - 4` comes as `1 + (2 * (3 - 4))`.
    #[test]
    fn binary_operators_follow_hcl_precedence() {
        for (text, want) in [
            ("1 + 2 * 3 - 4", V::Num("3".into())),
            ("10 - 4 - 3", V::Num("3".into())),
            ("9 % 3 == 0", V::Bool(true)),
            ("2 > 1 && 3 < 2 || 1 == 1", V::Bool(true)),
            ("!false && 1 + 1 == 2", V::Bool(true)),
            ("(1 + 2) * 3", V::Num("9".into())),
            ("8 / 2 / 2", V::Num("2".into())),
        ] {
            let e = hcl_edit::parser::parse_expr(text).unwrap();
            let m = Module::new(vec![text]);
            assert_eq!(m.eval(&e, &Scope::default()), want, "{text}");
        }
    }

    #[test]
    fn format_takes_strings_and_numbers() {
        assert_eq!(
            format("%s-%d%%", &[V::Str("a".into()), V::Num("2".into())]),
            Some(V::Str("a-2%".into()))
        );
        assert_eq!(format("%q", &[V::Str("a".into())]), None);
    }
}
