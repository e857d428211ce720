//! What an export must carry, computed from the design alone (not from the exporter), and readers
//! for what the tools give back.

use chatops_designer::domain::design::model::{CustomActionDesign, Design, RuleDesign};
use serde_json::{json, Map, Value};

/// The CreateCustomAction input (also the CloudFormation properties) a button should deploy as.
pub fn action_api(a: &CustomActionDesign) -> Value {
    let mut att = json!({"NotificationType": a.notification_type, "ButtonText": a.button_text});
    if !a.criteria.is_empty() {
        att["Criteria"] = a
            .criteria
            .iter()
            .map(|c| {
                let mut m = json!({"Operator": c.operator.as_str(), "VariableName": c.variable});
                if let Some(v) = &c.value {
                    m["Value"] = json!(v);
                }
                m
            })
            .collect();
    }
    if !a.variables.is_empty() {
        att["Variables"] = json!(a.variables);
    }
    let mut v = json!({
        "ActionName": a.name,
        "Definition": {"CommandText": a.command},
        "Attachments": [att],
    });
    if let Some(alias) = a.alias.as_ref().filter(|s| !s.is_empty()) {
        v["AliasName"] = json!(alias);
    }
    v
}

fn snake(k: &str) -> String {
    let mut out = String::new();
    for (i, c) in k.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The same input with awscc's attribute names (snake_case; Variables keys kept).
pub fn tf_names(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = if k == "Variables" {
                        v.clone()
                    } else {
                        tf_names(v)
                    };
                    (snake(k), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(tf_names).collect()),
        other => other.clone(),
    }
}

/// The InputTemplate the design deploys (its parameters filled with the design's values).
pub fn template(d: &Design, rule: &RuleDesign) -> String {
    rule.input_template(&chatops_designer::domain::design::sources::template_params(
        &d.deployment,
    ))
    .0
}

/// Reads template text: each `(escape, literal)` pair is replaced literally; `${expr}` becomes
/// `value(expr)`, or stays as written when that is `None`.
fn read_template(
    s: &str,
    escapes: &[(&str, &str)],
    value: impl Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    let mut rest = s;
    'scan: while !rest.is_empty() {
        for (escape, literal) in escapes {
            if let Some(r) = rest.strip_prefix(escape) {
                out.push_str(literal);
                rest = r;
                continue 'scan;
            }
        }
        if let Some(r) = rest.strip_prefix("${") {
            let end = r.find('}').expect("interpolation closes");
            match value(&r[..end]) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[..end + 3]),
            }
            rest = &r[end + 1..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Reads a string of Terraform's JSON syntax (what hcl2json gives back): `$${` and `%%{` are
/// literal, `${var.NAME}` is the variable's default (itself in that syntax); other references, and
/// required variables, stay as written.
pub fn tf_string(s: &str, defaults: &Map<String, Value>) -> String {
    read_template(s, &[("$${", "${"), ("%%{", "%{")], |expr| {
        // `${"\r"}`, `${"$$"}`: a string literal interpolated (JSON reads these escapes alike).
        if expr.starts_with('"') {
            return serde_json::from_str(expr).ok();
        }
        let d = defaults.get(expr.strip_prefix("var.")?)?;
        Some(tf_string(
            d.as_str().expect("a string default"),
            &Map::new(),
        ))
    })
}

/// Reads an `Fn::Sub` string: `${!` is literal `${`, `${Name}` is the parameter's default.
pub fn sub_string(s: &str, parameters: &Value) -> String {
    read_template(s, &[("${!", "${")], |name| {
        Some(
            parameters[name]["Default"]
                .as_str()
                .unwrap_or_else(|| panic!("parameter {name} has a default"))
                .to_string(),
        )
    })
}

/// The event pattern the design deploys when its application and deployment group settings are
/// given other values: the leaves of `detail.application` and `detail.deploymentGroup` that equal
/// the design's settings take the new values (what a parameter referenced from the pattern does).
pub fn pattern_with_settings(
    d: &Design,
    rule: &RuleDesign,
    application: &str,
    group: &str,
) -> Value {
    let mut p = rule.event_pattern.clone();
    if let Some(detail) = p.get_mut("detail").and_then(Value::as_object_mut) {
        for (key, old, new) in [
            ("application", &d.deployment.application, application),
            ("deploymentGroup", &d.deployment.deployment_group, group),
        ] {
            if old.is_empty() {
                continue;
            }
            match detail.get_mut(key) {
                Some(Value::Array(items)) => {
                    for item in items.iter_mut().filter(|i| i.as_str() == Some(old)) {
                        *item = json!(new);
                    }
                }
                Some(v) if v.as_str() == Some(old) => *v = json!(new),
                _ => {}
            }
        }
    }
    p
}

/// A CloudFormation value with `Ref`s to parameters and `Fn::Sub` strings read through the
/// parameters' defaults.
pub fn cfn_resolved(v: &Value, parameters: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("Ref") => {
            let name = m["Ref"].as_str().unwrap();
            parameters[name]["Default"].clone()
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("Fn::Sub") => {
            json!(sub_string(m["Fn::Sub"].as_str().unwrap(), parameters))
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), cfn_resolved(x, parameters)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| cfn_resolved(x, parameters)).collect()),
        other => other.clone(),
    }
}

/// Reads the `input_template` hcl2json gives for `trimsuffix(<<EOT … EOT, "\n")`: the call's source
/// as `${…}`, whose heredoc text, without the final newline `trimsuffix` removes, is read as
/// `tf_string` reads templates.
pub fn tf_exact_heredoc(s: &str, defaults: &Map<String, Value>) -> String {
    let call = s
        .strip_prefix("${trimsuffix(<<")
        .unwrap_or_else(|| panic!("input_template is trimsuffix(<<EOT …), found {s:?}"));
    let (delimiter, body) = call.split_once('\n').expect("a heredoc line");
    let end = body
        .rfind(&format!("\n{delimiter}\n"))
        .expect("the heredoc closes");
    tf_string(&body[..end], defaults)
}

/// The defaults of a Terraform module's variables (`variables.tf` as hcl2json gives it).
pub fn tf_defaults(variables: &Value) -> Map<String, Value> {
    variables["variable"]
        .as_object()
        .map(|vars| {
            vars.iter()
                .filter_map(|(k, v)| Some((k.clone(), v[0].get("default")?.clone())))
                .collect()
        })
        .unwrap_or_default()
}
