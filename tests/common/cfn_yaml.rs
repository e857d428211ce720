//! Reading a CloudFormation YAML template into its JSON form (shared by tests/it and tests/tools).

use serde_json::{json, Value};

/// A CloudFormation YAML document as the JSON form: short tags become long intrinsics.
pub fn yaml_to_json(v: &serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => json!(b),
        Y::Number(n) => serde_json::from_str(&n.to_string()).unwrap(),
        Y::String(s) => json!(s),
        Y::Sequence(a) => Value::Array(a.iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    (
                        k.as_str().expect("string keys").to_string(),
                        yaml_to_json(v),
                    )
                })
                .collect(),
        ),
        Y::Tagged(t) => {
            let inner = yaml_to_json(&t.value);
            match t.tag.to_string().as_str() {
                "!Ref" => json!({ "Ref": inner }),
                "!Sub" => json!({ "Fn::Sub": inner }),
                "!GetAtt" => {
                    let s = inner.as_str().unwrap();
                    let (a, b) = s.split_once('.').unwrap();
                    json!({ "Fn::GetAtt": [a, b] })
                }
                other => panic!("unexpected tag {other}"),
            }
        }
    }
}
