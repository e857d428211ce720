//! CloudFormation intrinsic functions in an imported template, read with the template's parameter
//! defaults: `Ref` to a parameter, `Fn::Sub` (both forms, `${!x}` kept literal) and `Fn::Join`.
//! What can be known only when the stack is deployed (`AWS::Region`, a resource's `Ref`, other
//! functions) is reported, never guessed.

use crate::domain::import::design_parameter_named;
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A template's parameters: name → (default, description).
pub struct Parameters(IndexMap<String, (Option<String>, Option<String>)>);

impl Parameters {
    /// The `Parameters` section of a template (a missing or malformed one is empty).
    pub fn of(template: &Map<String, Value>) -> Parameters {
        let text = |v: Option<&Value>| -> Option<String> {
            match v? {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        Parameters(
            template
                .get("Parameters")
                .and_then(Value::as_object)
                .map(|ps| {
                    ps.iter()
                        .map(|(name, p)| {
                            (
                                name.clone(),
                                (text(p.get("Default")), text(p.get("Description"))),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        )
    }

    /// The default of parameter `name`, if it has one.
    pub fn default(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|(d, _)| d.as_deref())
    }

    /// The design parameter a template parameter stands for (`ParamGreenUrl` → `greenUrl`), read
    /// from the description this app's exports write.
    pub fn design_parameter(&self, name: &str) -> Option<&str> {
        design_parameter_named(self.0.get(name)?.1.as_deref()?)
    }

    /// The source setting a template parameter stands for: the parameter this app's exports name
    /// from the setting's words (`EcsCluster` → `ecsCluster`), with its default.
    pub fn setting_parameter(&self, name: &str) -> Option<(&'static str, Option<&str>)> {
        if self.design_parameter(name).is_some() {
            return None;
        }
        let (default, _) = self.0.get(name)?;
        crate::domain::design::sources::source_settings()
            .find(|s| {
                let words: Vec<String> = s.words.iter().map(|w| w.to_string()).collect();
                crate::domain::base::names::pascal(&words) == name
            })
            .map(|s| (s.key(), default.as_deref()))
    }

    /// Each design parameter a template parameter stands for, with the parameter's default.
    pub fn design_parameters(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|(name, (default, _))| {
            Some((self.design_parameter(name)?, default.as_deref()?))
        })
    }

    /// `v` with every intrinsic function resolved. With `design_parameters`, a parameter that
    /// stands for a design parameter becomes `{{name}}` instead of its default.
    pub fn resolve(&self, v: &Value, design_parameters: bool) -> Result<Value, String> {
        match v {
            Value::Array(items) => items
                .iter()
                .map(|i| self.resolve(i, design_parameters))
                .collect::<Result<_, _>>()
                .map(Value::Array),
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m.iter().next().expect("one member");
                match k.as_str() {
                    "Ref" => self.reference(arg.as_str().unwrap_or(""), design_parameters),
                    "Fn::Sub" => self.sub(arg, design_parameters),
                    "Fn::Join" => self.join(arg, design_parameters),
                    f if f.starts_with("Fn::") => Err(format!(
                        "it uses {f}, known only when the stack is deployed"
                    )),
                    _ => self.object(m, design_parameters),
                }
            }
            Value::Object(m) => self.object(m, design_parameters),
            other => Ok(other.clone()),
        }
    }

    /// `v` resolved as `resolve` does, each part that cannot be known before the stack is deployed
    /// written `{{name}}` instead (a parameter without a default by its design name, else its
    /// own; an imported export by its name), with the names and why each is unknown.
    pub fn placeholders(&self, v: &Value) -> (Value, Vec<(String, String)>) {
        let mut found = Vec::new();
        let out = self.placeholders_into(v, &mut found);
        (out, found)
    }

    fn placeholders_into(&self, v: &Value, found: &mut Vec<(String, String)>) -> Value {
        match self.resolve(v, false) {
            Ok(r) => r,
            Err(why) => match v {
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .map(|i| self.placeholders_into(i, found))
                        .collect(),
                ),
                Value::Object(m)
                    if m.len() != 1 || !m.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) =>
                {
                    Value::Object(
                        m.iter()
                            .map(|(k, x)| (k.clone(), self.placeholders_into(x, found)))
                            .collect(),
                    )
                }
                _ => {
                    let name = self.placeholder_name(v, found.len());
                    if !found.iter().any(|(n, _)| n == &name) {
                        found.push((name.clone(), why));
                    }
                    Value::String(format!("{{{{{name}}}}}"))
                }
            },
        }
    }

    /// The name a placeholder for an unknown intrinsic takes.
    fn placeholder_name(&self, v: &Value, n: usize) -> String {
        let clean = |s: &str| -> String {
            let w = crate::domain::base::names::words(s);
            let pascal = crate::domain::base::names::pascal(&w);
            let mut c = pascal.chars();
            let name = match c.next() {
                Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
                None => String::new(),
            };
            if name.is_empty() {
                format!("value{}", n + 1)
            } else {
                name
            }
        };
        let Some((k, arg)) = v.as_object().and_then(|m| m.iter().next()) else {
            return format!("value{}", n + 1);
        };
        match (k.as_str(), arg) {
            ("Ref", Value::String(p)) => self
                .design_parameter(p)
                .map(str::to_string)
                .or_else(|| self.setting_parameter(p).map(|(key, _)| key.to_string()))
                .unwrap_or_else(|| clean(p)),
            ("Fn::ImportValue", Value::String(e)) => clean(e),
            ("Fn::Sub", Value::String(t)) => t
                .split("${")
                .nth(1)
                .and_then(|r| r.split('}').next())
                .map(clean)
                .unwrap_or_else(|| format!("value{}", n + 1)),
            _ => format!("value{}", n + 1),
        }
    }

    fn object(&self, m: &Map<String, Value>, design_parameters: bool) -> Result<Value, String> {
        m.iter()
            .map(|(k, x)| Ok((k.clone(), self.resolve(x, design_parameters)?)))
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object)
    }

    fn reference(&self, name: &str, design_parameters: bool) -> Result<Value, String> {
        if design_parameters {
            if let Some(p) = self.design_parameter(name) {
                return Ok(Value::String(format!("{{{{{p}}}}}")));
            }
            if let Some((key, _)) = self.setting_parameter(name) {
                return Ok(Value::String(format!("{{{{{key}}}}}")));
            }
        }
        match self.default(name) {
            Some(d) => Ok(Value::String(d.to_string())),
            None if self.0.contains_key(name) => Err(format!(
                "parameter {name} has no default, so its value is known only when deployed"
            )),
            None => Err(format!("{name} is known only when the stack is deployed")),
        }
    }

    fn sub(&self, arg: &Value, design_parameters: bool) -> Result<Value, String> {
        let (text, vars) = match arg {
            Value::String(t) => (t.as_str(), None),
            Value::Array(a) => match a.as_slice() {
                [Value::String(t), Value::Object(vars)] => (t.as_str(), Some(vars)),
                _ => return Err("Fn::Sub is neither a string nor [string, variables]".into()),
            },
            _ => return Err("Fn::Sub is neither a string nor [string, variables]".into()),
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            if let Some(literal) = after.strip_prefix('!') {
                // `${!x}` is the literal text `${x}`.
                out.push_str("${");
                rest = literal;
                continue;
            }
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            let value = match vars.and_then(|v| v.get(name)) {
                Some(v) => self.resolve(v, design_parameters)?,
                None if name.contains('.') => {
                    return Err(format!(
                        "it names ${{{name}}}, known only when the stack is deployed"
                    ))
                }
                None => self.reference(name, design_parameters)?,
            };
            match value {
                Value::String(s) => out.push_str(&s),
                other => out.push_str(&other.to_string()),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(Value::String(out))
    }

    fn join(&self, arg: &Value, design_parameters: bool) -> Result<Value, String> {
        let [Value::String(sep), list] = arg.as_array().map(Vec::as_slice).unwrap_or_default()
        else {
            return Err("Fn::Join is not [separator, list]".into());
        };
        let Value::Array(items) = self.resolve(list, design_parameters)? else {
            return Err("Fn::Join's second item is not a list".into());
        };
        let parts: Vec<String> = items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        Ok(Value::String(parts.join(sep)))
    }
}
