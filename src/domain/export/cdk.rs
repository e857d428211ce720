//! AWS CDK apps, TypeScript and Python, written from the CloudFormation template's tree
//! (`cloudformation::template`), so both formats state each resource once: every resource becomes
//! its L1 construct directly under the stack with the template's logical id as its construct id (a
//! top-level construct's logical id is its id, unhashed), every parameter a `CfnParameter`, every
//! output a `CfnOutput`. `cdk synth` then gives the CloudFormation export plus the CDK's own
//! metadata and bootstrap check.
//!
//! Why L1 and not the L2 constructs: each L2 writes a different template from what the design
//! needs. `events.Rule` builds the input transformer from `RuleTargetInput`, which rewrites the
//! template text and names its targets `Target0`; `kms.Key` and `logs.LogGroup` add a `Retain`
//! deletion policy and `kms.Key` a key policy of its own; `sns.Topic` puts its policy in an
//! `AWS::SNS::TopicPolicy`; `iam.Role` moves inline policies into `AWS::IAM::Policy` resources;
//! `chatbot.SlackChannelConfiguration` creates a role of its own unless given one and has no
//! Microsoft Teams counterpart. The generated code says so above each construct.
//!
//! Every design string goes into a double-quoted literal (never a TypeScript template literal or
//! a Python f-string), so `${`, braces and backticks are text; quotes, backslashes, controls, line
//! and paragraph separators, direction marks and other invisible characters are escaped. A Rust
//! string holds no lone surrogate, so none can reach a literal.

use super::cloudformation::{self, Node};
use super::lower::Lowered;
use super::{nothing, ExportFile, FormatInfo, FormatSpec};
use crate::domain::base::names::{unique, words};

pub const TYPESCRIPT: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "cdk-typescript",
        label: "CDK TypeScript",
        asks_about_pattern: false,
    },
    emit: emit_typescript,
    notes,
    assumptions: nothing,
};

pub const PYTHON: FormatSpec = FormatSpec {
    info: FormatInfo {
        id: "cdk-python",
        label: "CDK Python",
        asks_about_pattern: false,
    },
    emit: emit_python,
    notes,
    assumptions: nothing,
};

/// The versions the apps pin (and the tests install, `tests/tools/cdk`).
pub const AWS_CDK_LIB: &str = "2.275.0";
pub const CONSTRUCTS: &str = "10.8.1";
/// The CDK command line (`npx cdk`), for both languages.
pub const CDK_CLI: &str = "2.1149.0";
pub const TYPESCRIPT_VERSION: &str = "5.9.3";
pub const TS_NODE: &str = "10.9.2";
pub const TYPES_NODE: &str = "22.20.7";

fn notes(l: &Lowered) -> Vec<String> {
    let mut notes = cloudformation::notes(l);
    let mut odd = Vec::new();
    strings(&cloudformation::template(l), &mut |t| {
        if let Some(what) = cdk_reads_specially(t) {
            if !odd.contains(&what) {
                odd.push(what);
            }
        }
    });
    if !odd.is_empty() {
        notes.push(format!(
            "the design holds text the CDK does not pass through unchanged ({}): `cdk synth` stops or changes it; change that text, or deploy the CloudFormation export",
            odd.join("; ")
        ));
    }
    notes
}

/// Every string of a template tree, keys included.
fn strings(n: &Node, f: &mut impl FnMut(&str)) {
    match n {
        Node::Str(t) | Node::Sub(t) => f(t),
        Node::List(items) => items.iter().for_each(|i| strings(i, f)),
        Node::Map(entries) => entries.iter().for_each(|(k, v)| {
            f(k);
            strings(v, f)
        }),
        Node::Num(_) | Node::Bool(_) | Node::Null | Node::Ref(_) | Node::GetAtt(..) => {}
    }
}

/// Text the CDK reads as its own: an encoded token (`${Token[NAME]}`, `#{Token[NAME]}`, the
/// number `-1.8881545897087626e+289`), which it resolves or rejects, and the key `__proto__`,
/// which JavaScript objects do not keep.
fn cdk_reads_specially(t: &str) -> Option<String> {
    if t == "__proto__" {
        return Some("a key named __proto__".into());
    }
    for marker in ["${Token[", "#{Token["] {
        for (at, _) in t.match_indices(marker) {
            let rest = &t[at + marker.len()..];
            let key = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || ":._-".contains(c)))
                .unwrap_or(rest.len());
            if key > 0 && rest[key..].starts_with("]}") {
                return Some(format!("{marker}…]}}, the CDK's token syntax"));
            }
        }
    }
    for (at, _) in t.match_indices("-1.") {
        let rest = &t[at + 3..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if (10..=16).contains(&digits) && rest[digits..].starts_with("e+289") {
            return Some("a number of the form -1.…e+289, the CDK's number token".into());
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// What the writer knows of each resource type: its construct and the shape of its properties.

/// How a property's value is written.
#[derive(Clone, Copy)]
enum Shape {
    /// Scalars, references and lists of them.
    Plain,
    /// A JSON document kept as it is, keys and all (event patterns, policy documents).
    Json,
    /// A map whose keys are the design's (`InputPathsMap`, `Variables`).
    Map,
    /// A property type of the construct (its Python class name), with the shapes of those of its
    /// properties that are not plain.
    Struct(&'static str, &'static [(&'static str, Shape)]),
}

struct Kind {
    cfn: &'static str,
    /// The aws-cdk-lib module (`aws-events`, `aws_events`) under its usual alias.
    service: &'static str,
    class: &'static str,
    props: &'static [(&'static str, Shape)],
    /// Why this construct and not the L2 one (a comment above it in the code).
    why: &'static str,
}

const POLICY_DOCUMENT: &[(&str, Shape)] = &[("PolicyDocument", Shape::Json)];

const KINDS: &[Kind] = &[
    Kind {
        cfn: "AWS::KMS::Key",
        service: "kms",
        class: "CfnKey",
        props: &[("KeyPolicy", Shape::Json)],
        why: "L1: kms.Key adds a Retain deletion policy and a key policy of its own.",
    },
    Kind {
        cfn: "AWS::SNS::Topic",
        service: "sns",
        class: "CfnTopic",
        props: &[],
        why: "L1: sns.Topic would put its policy in an AWS::SNS::TopicPolicy, not the inline policy below.",
    },
    Kind {
        cfn: "AWS::SNS::TopicInlinePolicy",
        service: "sns",
        class: "CfnTopicInlinePolicy",
        props: POLICY_DOCUMENT,
        why: "L1: no L2 construct writes a topic's inline policy.",
    },
    Kind {
        cfn: "AWS::Logs::LogGroup",
        service: "logs",
        class: "CfnLogGroup",
        props: &[],
        why: "L1: logs.LogGroup adds a Retain deletion policy.",
    },
    Kind {
        cfn: "AWS::Logs::ResourcePolicy",
        service: "logs",
        class: "CfnResourcePolicy",
        props: &[],
        why: "L1: the policy document is one text naming the log group, as in the CloudFormation export.",
    },
    Kind {
        cfn: "AWS::Events::Rule",
        service: "events",
        class: "CfnRule",
        props: &[
            ("EventPattern", Shape::Json),
            (
                "Targets",
                Shape::Struct(
                    "TargetProperty",
                    &[(
                        "InputTransformer",
                        Shape::Struct("InputTransformerProperty", &[("InputPathsMap", Shape::Map)]),
                    )],
                ),
            ),
        ],
        why: "L1: the input template must reach the rule byte for byte; events.Rule's RuleTargetInput rewrites it and renames the targets.",
    },
    Kind {
        cfn: "AWS::IAM::Role",
        service: "iam",
        class: "CfnRole",
        props: &[
            ("AssumeRolePolicyDocument", Shape::Json),
            ("Policies", Shape::Struct("PolicyProperty", POLICY_DOCUMENT)),
        ],
        why: "L1: iam.Role would move the inline policy into a separate AWS::IAM::Policy.",
    },
    Kind {
        cfn: "AWS::IAM::ManagedPolicy",
        service: "iam",
        class: "CfnManagedPolicy",
        props: POLICY_DOCUMENT,
        why: "L1: the policy document as the design lowers it, statement for statement.",
    },
    Kind {
        cfn: "AWS::Chatbot::CustomAction",
        service: "chatbot",
        class: "CfnCustomAction",
        props: &[
            ("Definition", Shape::Struct("CustomActionDefinitionProperty", &[])),
            (
                "Attachments",
                Shape::Struct(
                    "CustomActionAttachmentProperty",
                    &[
                        (
                            "Criteria",
                            Shape::Struct("CustomActionAttachmentCriteriaProperty", &[]),
                        ),
                        ("Variables", Shape::Map),
                    ],
                ),
            ),
        ],
        why: "L1: custom actions have no L2 construct.",
    },
    Kind {
        cfn: "AWS::Chatbot::SlackChannelConfiguration",
        service: "chatbot",
        class: "CfnSlackChannelConfiguration",
        props: &[],
        why: "L1: chatbot.SlackChannelConfiguration creates a role of its own unless given one; this one lists the custom actions and the guardrail as the design does.",
    },
    Kind {
        cfn: "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
        service: "chatbot",
        class: "CfnMicrosoftTeamsChannelConfiguration",
        props: &[],
        why: "L1: Microsoft Teams channel configurations have no L2 construct.",
    },
];

fn shape_of(fields: &[(&str, Shape)], key: &str) -> Shape {
    fields
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| *s)
        .unwrap_or(Shape::Plain)
}

// ---------------------------------------------------------------------------------------------
// Names

/// `lowerCamelCase` of a CloudFormation name, as the CDK names properties (`IamRoleArn` →
/// `iamRoleArn`, `IAMRole` → `iamRole`).
fn camel(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let upper = chars.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let lower = match upper {
        0 => 0,
        n if n == chars.len() => n,
        1 => 1,
        n if chars[n].is_ascii_lowercase() => n - 1,
        n => n,
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < lower { c.to_ascii_lowercase() } else { *c })
        .collect()
}

/// `snake_case` of a CloudFormation name, as the CDK's Python names properties.
fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in camel(name).chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out
}

const TS_RESERVED: &[&str] = &[
    "any", "app", "arguments", "as", "async", "await", "boolean", "break", "case", "catch", "cdk",
    "chatbot", "class", "const", "Construct", "constructor", "continue", "debugger", "declare",
    "default", "delete", "do", "else", "enum", "eval", "events", "export", "extends", "false",
    "finally", "for", "from", "function", "get", "iam", "id", "if", "implements", "import", "in",
    "Infinity", "instanceof", "interface", "kms", "let", "logs", "module", "NaN", "new", "null",
    "number", "of", "package", "private", "props", "protected", "public", "require", "return",
    "scope", "set", "sns", "static", "string", "super", "switch", "symbol", "this", "throw", "true",
    "try", "type", "typeof", "undefined", "var", "void", "while", "with", "yield",
];

const PY_RESERVED: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "case", "cdk", "chatbot", "class",
    "construct_id", "Construct", "continue", "def", "del", "elif", "else", "events", "except",
    "False", "finally", "for", "from", "global", "iam", "if", "import", "in", "is", "kms",
    "kwargs", "lambda", "logs", "match", "None", "nonlocal", "not", "or", "pass", "raise",
    "return", "scope", "self", "sns", "True", "try", "type", "while", "with", "yield",
];

/// The file and stack name: the design's name in kebab case (`chatops` when it has no letters).
fn slug(design_name: &str) -> String {
    let w: Vec<String> = words(design_name)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .take(6)
        .collect();
    let mut s = w.join("-");
    s.truncate(48);
    let s = s.trim_end_matches('-').to_string();
    if s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s
    } else if s.is_empty() {
        "chatops".into()
    } else {
        format!("chatops-{s}")
    }
}

// ---------------------------------------------------------------------------------------------
// Literals

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Ts,
    Py,
}

/// A character a literal writes as an escape: controls, direction marks and other invisible
/// characters (`hidden_in_text`), the zero-width joiner, line and paragraph separators and the
/// interlinear annotation marks (so the code shows them).
fn hidden(c: char) -> bool {
    crate::domain::base::diagnostic::hidden_in_text(c)
        || matches!(c, '\u{200d}' | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}')
}

impl Lang {
    /// A double-quoted string literal (TypeScript and Python read the same escapes, except
    /// for characters beyond U+FFFF).
    fn lit(self, t: &str) -> String {
        let mut out = String::with_capacity(t.len() + 2);
        out.push('"');
        for c in t.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if hidden(c) => match (self, c as u32) {
                    (_, n) if n < 0x10000 => out.push_str(&format!("\\u{n:04x}")),
                    (Lang::Ts, n) => out.push_str(&format!("\\u{{{n:x}}}")),
                    (Lang::Py, n) => out.push_str(&format!("\\U{n:08x}")),
                },
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
    fn indent(self, depth: usize) -> String {
        " ".repeat(depth * if self == Lang::Ts { 2 } else { 4 })
    }
    /// `open`, one item per line with a trailing comma, `close`.
    fn block(self, open: &str, close: &str, items: Vec<String>, depth: usize) -> String {
        if items.is_empty() {
            return format!("{open}{close}");
        }
        let pad = self.indent(depth + 1);
        let mut s = format!("{open}\n");
        for i in items {
            s.push_str(&pad);
            s.push_str(&i);
            s.push_str(",\n");
        }
        s.push_str(&self.indent(depth));
        s.push_str(close);
        s
    }
    /// A property name.
    fn prop(self, key: &str) -> String {
        match self {
            Lang::Ts => camel(key),
            Lang::Py => snake(key),
        }
    }
    /// `key: value` (TypeScript object literal) or `key=value` (Python keyword argument).
    fn named(self, key: &str, value: String) -> String {
        match self {
            Lang::Ts => format!("{}: {value}", self.prop(key)),
            Lang::Py => format!("{}={value}", self.prop(key)),
        }
    }
    /// A key of a JSON-like object.
    fn key(self, k: &str) -> String {
        match (self, k) {
            // A literal `__proto__:` key sets the prototype; a computed one is a property.
            (Lang::Ts, "__proto__") => "[\"__proto__\"]".into(),
            _ => self.lit(k),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The stack's code

/// A name in the code for one of the template's logical ids.
struct Var {
    name: String,
    param: bool,
    declared: bool,
}

struct Writer {
    lang: Lang,
    vars: std::collections::BTreeMap<String, Var>,
    /// The resource types whose construct level the code has explained.
    explained: Vec<&'static str>,
}

/// The logical ids that `Ref` or `Fn::GetAtt` name.
fn referenced(n: &Node, out: &mut Vec<String>) {
    match n {
        Node::Ref(id) | Node::GetAtt(id, _) => out.push(id.clone()),
        Node::List(items) => items.iter().for_each(|i| referenced(i, out)),
        Node::Map(entries) => entries.iter().for_each(|(_, v)| referenced(v, out)),
        _ => {}
    }
}

fn entries(n: &Node) -> &[(String, Node)] {
    match n {
        Node::Map(e) => e,
        _ => &[],
    }
}

fn get<'a>(n: &'a Node, key: &str) -> Option<&'a Node> {
    entries(n).iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn text(n: Option<&Node>) -> &str {
    match n {
        Some(Node::Str(t)) => t,
        _ => "",
    }
}

impl Writer {
    fn new(lang: Lang, template: &Node) -> Self {
        let mut refs = Vec::new();
        referenced(template, &mut refs);
        let params = get(template, "Parameters").map(entries).unwrap_or(&[]);
        let resources = get(template, "Resources").map(entries).unwrap_or(&[]);
        let reserved = match lang {
            Lang::Ts => TS_RESERVED,
            Lang::Py => PY_RESERVED,
        };
        let mut taken: Vec<String> = reserved.iter().map(|r| r.to_string()).collect();
        let mut vars = std::collections::BTreeMap::new();
        let wanted = params.iter().map(|(id, _)| (id, true)).chain(
            resources
                .iter()
                .filter(|(id, r)| refs.contains(id) || get(r, "Metadata").is_some())
                .map(|(id, _)| (id, false)),
        );
        for (id, param) in wanted {
            let mut base = match lang {
                Lang::Ts => camel(id),
                Lang::Py => snake(id),
            };
            if base.starts_with(|c: char| c.is_ascii_digit()) {
                base.insert(0, '_');
            }
            let name = unique(base, &mut taken);
            vars.insert(
                id.clone(),
                Var {
                    name,
                    param,
                    declared: false,
                },
            );
        }
        Self {
            lang,
            vars,
            explained: Vec::new(),
        }
    }

    fn value(&self, n: &Node, shape: Shape, owner: &str, depth: usize) -> String {
        let lang = self.lang;
        match n {
            Node::Str(t) => lang.lit(t),
            Node::Num(t) => t.clone(),
            Node::Bool(b) => match (lang, b) {
                (Lang::Ts, true) => "true".into(),
                (Lang::Ts, false) => "false".into(),
                (Lang::Py, true) => "True".into(),
                (Lang::Py, false) => "False".into(),
            },
            Node::Null => if lang == Lang::Ts { "null" } else { "None" }.into(),
            Node::List(items) => lang.block(
                "[",
                "]",
                items
                    .iter()
                    .map(|i| self.value(i, shape, owner, depth + 1))
                    .collect(),
                depth,
            ),
            Node::Map(entries) => match shape {
                Shape::Struct(class, fields) => {
                    let items = entries
                        .iter()
                        .map(|(k, v)| {
                            lang.named(k, self.value(v, shape_of(fields, k), owner, depth + 1))
                        })
                        .collect();
                    match lang {
                        Lang::Ts => lang.block("{", "}", items, depth),
                        Lang::Py => lang.block(&format!("{owner}.{class}("), ")", items, depth),
                    }
                }
                Shape::Json | Shape::Map | Shape::Plain => {
                    let inner = if matches!(shape, Shape::Json) {
                        Shape::Json
                    } else {
                        Shape::Plain
                    };
                    let items = entries
                        .iter()
                        .map(|(k, v)| {
                            format!(
                                "{}: {}",
                                lang.key(k),
                                self.value(v, inner, owner, depth + 1)
                            )
                        })
                        .collect();
                    lang.block("{", "}", items, depth)
                }
            },
            Node::Ref(id) => match self.vars.get(id) {
                Some(v) if v.param => match lang {
                    Lang::Ts => format!("{}.valueAsString", v.name),
                    Lang::Py => format!("{}.value_as_string", v.name),
                },
                Some(v) if v.declared => format!("{}.ref", v.name),
                // The pseudo parameters the template names, as the CDK names them.
                None if id == "AWS::AccountId" => "cdk.Aws.ACCOUNT_ID".into(),
                None if id == "AWS::Region" => "cdk.Aws.REGION".into(),
                None if id == "AWS::Partition" => "cdk.Aws.PARTITION".into(),
                _ => format!("cdk.Fn.ref({})", lang.lit(id)),
            },
            Node::GetAtt(id, attribute) => match self.vars.get(id) {
                Some(v) if v.declared && !v.param => match lang {
                    Lang::Ts => format!("{}.attr{attribute}", v.name),
                    Lang::Py => format!("{}.attr_{}", v.name, snake(attribute)),
                },
                _ => match lang {
                    Lang::Ts => format!(
                        "cdk.Fn.getAtt({}, {}).toString()",
                        lang.lit(id),
                        lang.lit(attribute)
                    ),
                    Lang::Py => format!(
                        "cdk.Fn.get_att({}, {}).to_string()",
                        lang.lit(id),
                        lang.lit(attribute)
                    ),
                },
            },
            Node::Sub(t) => format!("cdk.Fn.sub({})", lang.lit(t)),
        }
    }

    /// `new Class(this, "Id", {…})` / `Class(self, "Id", …)`, assigned to the id's name when it
    /// has one.
    fn construct(&self, class: &str, id: &str, props: Vec<String>, depth: usize) -> String {
        let lang = self.lang;
        let call = match lang {
            Lang::Ts => {
                let props = lang.block("{", "}", props, depth);
                format!("new {class}(this, {}, {props})", lang.lit(id))
            }
            Lang::Py => {
                let mut args = vec!["self".to_string(), lang.lit(id)];
                args.extend(props);
                lang.block(&format!("{class}("), ")", args, depth)
            }
        };
        let pad = lang.indent(depth);
        let end = if lang == Lang::Ts { ";" } else { "" };
        match self.vars.get(id) {
            Some(v) => match lang {
                Lang::Ts => format!("{pad}const {} = {call}{end}\n", v.name),
                Lang::Py => format!("{pad}{} = {call}{end}\n", v.name),
            },
            None => format!("{pad}{call}{end}\n"),
        }
    }

    /// A construct whose props are the node's entries, plain (parameters, outputs).
    fn plain(&self, class: &str, id: &str, node: &Node, depth: usize) -> String {
        let props = entries(node)
            .iter()
            .map(|(k, v)| {
                self.lang
                    .named(k, self.value(v, Shape::Plain, "", depth + 1))
            })
            .collect();
        self.construct(class, id, props, depth)
    }

    fn resource(&mut self, id: &str, node: &Node, depth: usize) -> String {
        let lang = self.lang;
        let pad = lang.indent(depth);
        let cfn = text(get(node, "Type"));
        let props = get(node, "Properties").map(entries).unwrap_or(&[]);
        let mut out = String::new();
        match KINDS.iter().find(|k| k.cfn == cfn) {
            Some(kind) => {
                let owner = format!("{}.{}", kind.service, kind.class);
                let items = props
                    .iter()
                    .map(|(k, v)| {
                        lang.named(k, self.value(v, shape_of(kind.props, k), &owner, depth + 1))
                    })
                    .collect();
                if !self.explained.contains(&kind.cfn) {
                    self.explained.push(kind.cfn);
                    let comment = if lang == Lang::Ts { "//" } else { "#" };
                    out.push_str(&format!("{pad}{comment} {}\n", kind.why));
                }
                out.push_str(&self.construct(&owner, id, items, depth));
            }
            // A type without a construct here: the generic one, properties as the template has them.
            None => {
                let properties = Node::Map(props.to_vec());
                let items = vec![
                    lang.named("Type", lang.lit(cfn)),
                    lang.named(
                        "Properties",
                        self.value(&properties, Shape::Json, "", depth + 1),
                    ),
                ];
                out.push_str(&self.construct("cdk.CfnResource", id, items, depth));
            }
        }
        if let Some(v) = self.vars.get_mut(id) {
            v.declared = true;
        }
        let name = self.vars.get(id).map(|v| v.name.clone()).unwrap_or_default();
        for (key, value) in entries(node) {
            let end = if lang == Lang::Ts { ";" } else { "" };
            match key.as_str() {
                "Type" | "Properties" => {}
                "Metadata" => {
                    let options = if lang == Lang::Ts { "cfnOptions" } else { "cfn_options" };
                    out.push_str(&format!(
                        "{pad}{name}.{options}.metadata = {}{end}\n",
                        self.value(value, Shape::Json, "", depth)
                    ));
                }
                other => {
                    let method = if lang == Lang::Ts { "addOverride" } else { "add_override" };
                    out.push_str(&format!(
                        "{pad}{name}.{method}({}, {}){end}\n",
                        lang.lit(other),
                        self.value(value, Shape::Json, "", depth)
                    ));
                }
            }
        }
        out
    }

    /// The statements of the stack's constructor.
    fn body(&mut self, template: &Node, depth: usize) -> String {
        let lang = self.lang;
        let comment = if lang == Lang::Ts { "//" } else { "#" };
        let pad = lang.indent(depth);
        let mut out = String::new();
        let end = if lang == Lang::Ts { ";" } else { "" };
        let options = if lang == Lang::Ts {
            "this.templateOptions.templateFormatVersion"
        } else {
            "self.template_options.template_format_version"
        };
        if let Some(Node::Str(v)) = get(template, "AWSTemplateFormatVersion") {
            out.push_str(&format!("{pad}{options} = {}{end}\n", lang.lit(v)));
        }
        let params = get(template, "Parameters").map(entries).unwrap_or(&[]);
        if !params.is_empty() {
            out.push_str(&format!(
                "\n{pad}{comment} Deployment settings, checked as in the other exports: cdk deploy --parameters NAME=VALUE\n"
            ));
            for (id, p) in params {
                out.push_str(&self.plain("cdk.CfnParameter", id, p, depth));
            }
        }
        for (id, r) in get(template, "Resources").map(entries).unwrap_or(&[]) {
            out.push('\n');
            out.push_str(&self.resource(id, r, depth));
        }
        let outputs = get(template, "Outputs").map(entries).unwrap_or(&[]);
        if !outputs.is_empty() {
            out.push('\n');
            for (id, o) in outputs {
                out.push_str(&self.plain("cdk.CfnOutput", id, o, depth));
            }
        }
        out
    }
}

/// The aws-cdk-lib modules the template's resources need, in order.
fn services(template: &Node) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = get(template, "Resources")
        .map(entries)
        .unwrap_or(&[])
        .iter()
        .filter_map(|(_, r)| KINDS.iter().find(|k| k.cfn == text(get(r, "Type"))))
        .map(|k| k.service)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The parameters as README lines: name, default, description.
fn parameter_lines(template: &Node) -> String {
    let params = get(template, "Parameters").map(entries).unwrap_or(&[]);
    if params.is_empty() {
        return "The stack has no parameters.\n".into();
    }
    let mut out = String::from(
        "Each deployment setting is a stack parameter, checked as in the CloudFormation export. Set one with\n`--parameters NAME=VALUE` (repeat for each); a parameter without a default must be given.\n\n```\n",
    );
    for (id, p) in params {
        let default = match get(p, "Default") {
            Some(Node::Str(d)) => format!("default {}", Lang::Ts.lit(d)),
            _ => "required".into(),
        };
        out.push_str(&format!(
            "{id}  ({default})\n    {}\n",
            Lang::Ts.lit(text(get(p, "Description")))
        ));
    }
    out.push_str("```\n");
    out
}

fn readme(template: &Node, language: &str, install: &str) -> String {
    format!(
        "# AWS CDK app ({language})\n\n\
         Written by ChatOps Designer. `cdk synth` gives the template of the CloudFormation export, plus the\n\
         CDK's metadata and bootstrap version check. Every resource is an L1 construct; the code says why\n\
         above each one.\n\n\
         ## Install\n\n```\n{install}```\n\n\
         ## Synthesize\n\n```\nnpx aws-cdk@{CDK_CLI} synth\n```\n\n\
         ## Deploy\n\n\
         Once per account and Region: `npx aws-cdk@{CDK_CLI} bootstrap`. Then:\n\n\
         ```\nnpx aws-cdk@{CDK_CLI} deploy --parameters NAME=VALUE\n```\n\n\
         ## Parameters\n\n{}",
        parameter_lines(template)
    )
}

fn cdk_json(app: &str) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "app": app }))
    .unwrap_or_default()
        + "\n"
}

pub fn emit_typescript(l: &Lowered) -> Vec<ExportFile> {
    let template = cloudformation::template(l);
    let name = slug(&l.design_name);
    let lang = Lang::Ts;
    let mut w = Writer::new(lang, &template);
    let mut stack = String::from("import * as cdk from \"aws-cdk-lib\";\n");
    for s in services(&template) {
        stack.push_str(&format!(
            "import * as {s} from \"aws-cdk-lib/aws-{s}\";\n"
        ));
    }
    stack.push_str("import { Construct } from \"constructs\";\n\n");
    stack.push_str(
        "/** The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs. */\n",
    );
    stack.push_str("export class ChatOpsStack extends cdk.Stack {\n");
    stack.push_str("  constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n");
    stack.push_str(&format!(
        "    super(scope, id, {{ description: {}, ...props }});\n",
        lang.lit(text(get(&template, "Description")))
    ));
    stack.push_str(&w.body(&template, 2));
    stack.push_str("  }\n}\n");
    let app = format!(
        "#!/usr/bin/env node\nimport * as cdk from \"aws-cdk-lib\";\nimport {{ ChatOpsStack }} from \"../lib/{name}-stack\";\n\nconst app = new cdk.App();\nnew ChatOpsStack(app, {});\napp.synth();\n",
        lang.lit(&name)
    );
    let package = serde_json::to_string_pretty(&serde_json::json!({
        "name": name,
        "version": "0.1.0",
        "private": true,
        "bin": { name.clone(): "bin/app.js" },
        "scripts": {
            "build": "tsc",
            "synth": "cdk synth",
            "deploy": "cdk deploy"
        },
        "devDependencies": {
            "@types/node": TYPES_NODE,
            "aws-cdk": CDK_CLI,
            "ts-node": TS_NODE,
            "typescript": TYPESCRIPT_VERSION
        },
        "dependencies": {
            "aws-cdk-lib": AWS_CDK_LIB,
            "constructs": CONSTRUCTS
        }
    }))
    .unwrap_or_default()
        + "\n";
    let tsconfig = serde_json::to_string_pretty(&serde_json::json!({
        "compilerOptions": {
            "target": "ES2022",
            "module": "commonjs",
            "lib": ["es2022"],
            "declaration": true,
            "strict": true,
            "noImplicitAny": true,
            "strictNullChecks": true,
            "noImplicitThis": true,
            "alwaysStrict": true,
            "noImplicitReturns": true,
            "inlineSourceMap": true,
            "inlineSources": true,
            "experimentalDecorators": true,
            "strictPropertyInitialization": false,
            "typeRoots": ["./node_modules/@types"]
        },
        "exclude": ["node_modules", "cdk.out"]
    }))
    .unwrap_or_default()
        + "\n";
    vec![
        file("README.md", readme(&template, "TypeScript", "npm install\n")),
        file("package.json", package),
        file("tsconfig.json", tsconfig),
        file(
            "cdk.json",
            cdk_json("npx ts-node --prefer-ts-exts bin/app.ts"),
        ),
        file("bin/app.ts", app),
        file(&format!("lib/{name}-stack.ts"), stack),
    ]
}

pub fn emit_python(l: &Lowered) -> Vec<ExportFile> {
    let template = cloudformation::template(l);
    let name = slug(&l.design_name);
    let module = format!("{}_stack", name.replace('-', "_"));
    let lang = Lang::Py;
    let mut w = Writer::new(lang, &template);
    let mut stack = String::from(
        "\"\"\"The ChatOps stack designed in ChatOps Designer: its CloudFormation export, as L1 constructs.\"\"\"\n\nimport aws_cdk as cdk\n",
    );
    for s in services(&template) {
        stack.push_str(&format!("from aws_cdk import aws_{s} as {s}\n"));
    }
    stack.push_str("from constructs import Construct\n\n\n");
    stack.push_str("class ChatOpsStack(cdk.Stack):\n");
    stack.push_str(
        "    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:\n",
    );
    stack.push_str(&format!(
        "        kwargs.setdefault(\"description\", {})\n        super().__init__(scope, construct_id, **kwargs)\n",
        lang.lit(text(get(&template, "Description")))
    ));
    stack.push_str(&w.body(&template, 2));
    let app = format!(
        "#!/usr/bin/env python3\nimport aws_cdk as cdk\n\nfrom {module} import ChatOpsStack\n\napp = cdk.App()\nChatOpsStack(app, {})\napp.synth()\n",
        lang.lit(&name)
    );
    let requirements = format!("aws-cdk-lib=={AWS_CDK_LIB}\nconstructs=={CONSTRUCTS}\n");
    vec![
        file(
            "README.md",
            readme(
                &template,
                "Python",
                "python3 -m venv .venv\n. .venv/bin/activate\npip install -r requirements.txt\n",
            ),
        ),
        file("requirements.txt", requirements),
        file("cdk.json", cdk_json("python3 app.py")),
        file("app.py", app),
        file(&format!("{module}.py"), stack),
    ]
}

fn file(name: &str, contents: String) -> ExportFile {
    ExportFile {
        name: name.into(),
        contents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_cdk() {
        assert_eq!(camel("IamRoleArn"), "iamRoleArn");
        assert_eq!(camel("IAMRole"), "iamRole");
        assert_eq!(camel("SNS"), "sns");
        assert_eq!(snake("KmsMasterKeyId"), "kms_master_key_id");
        assert_eq!(snake("CustomActionArn"), "custom_action_arn");
        assert_eq!(snake("Deploy2Action"), "deploy2_action");
        assert_eq!(slug("Blue/green: READY!"), "blue-green-ready");
        assert_eq!(slug("§§"), "chatops");
        assert_eq!(slug("1 app"), "chatops-1-app");
    }

    #[test]
    fn literals_escape_what_each_language_reads() {
        let t = "a\"b\\c\n${x}`{y}\u{2028}\u{202e}🚀\u{e0001}";
        assert_eq!(
            Lang::Ts.lit(t),
            "\"a\\\"b\\\\c\\n${x}`{y}\\u2028\\u202e🚀\\u{e0001}\""
        );
        assert_eq!(
            Lang::Py.lit(t),
            "\"a\\\"b\\\\c\\n${x}`{y}\\u2028\\u202e🚀\\U000e0001\""
        );
    }

    #[test]
    fn cdk_token_syntax_is_named() {
        assert!(cdk_reads_specially("x ${Token[TOKEN.12]} y").is_some());
        assert!(cdk_reads_specially("#{Token[a]}").is_some());
        assert!(cdk_reads_specially("-1.8881545897087626e+289").is_some());
        assert!(cdk_reads_specially("__proto__").is_some());
        assert!(cdk_reads_specially("${Token[]} ${x} -1.5e+289").is_none());
    }
}
