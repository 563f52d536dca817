//! JSON Schemas (draft 2020-12) of the workspace files, built from the same
//! spec the loader reads them with (`workspace::spec`), for TOML language
//! servers such as Taplo: completion, hover docs and validation as you type.
//!
//! TOML has dates and JSON has not: a language server hands a TOML local
//! date to the schema as its text (`2026-12-18`), so dates are
//! `{"type": "string", "format": "date"}`. The schema keeps to keywords
//! that mean the same in drafts 7 to 2020-12 (pairs are `items` with
//! `minItems`/`maxItems`, not `prefixItems`): Taplo's validator does not
//! know draft 2020-12 and reads the schema as draft 7.

use serde_json::{Map, Value, json};

use crate::pack::registry;
use crate::workspace::spec::{self, Field, FileKind, Kind, Values};

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Money: euros as a number, or as text with at most two decimal places.
pub const MONEY_PATTERN: &str = r"^\d+(\.\d{1,2})?$";

/// The names of the file kinds, for the command line.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    spec::FILE_KINDS.iter().map(|k| k.key)
}

/// The activity types of every built-in rule pack, sorted. Which of them an
/// action allows is for `coopcom check` to say.
pub fn activity_types() -> Vec<String> {
    let mut out: Vec<String> = registry::calls()
        .flat_map(|call| registry::ACTIONS.iter().map(move |a| (*a, call)))
        .filter_map(|(action, call)| registry::resolve(action, call, None).ok())
        .flat_map(|r| r.action.activity_types.into_iter().map(|t| t.key))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The schema of one file kind.
pub fn of(kind: &FileKind, activity_types: &[String]) -> Value {
    let mut s = object(kind.fields, activity_types);
    if let Value::Object(m) = &mut s {
        let mut head = Map::new();
        head.insert("$schema".into(), DRAFT.into());
        head.insert(
            "title".into(),
            format!("coopcom {} ({})", kind.key, kind.path).into(),
        );
        head.insert("description".into(), kind.doc.into());
        head.append(m);
        return Value::Object(head);
    }
    s
}

/// Every schema, keyed by file kind.
pub fn all() -> Value {
    let types = activity_types();
    Value::Object(
        spec::FILE_KINDS
            .iter()
            .map(|k| (k.key.to_string(), of(k, &types)))
            .collect(),
    )
}

/// A schema as a file's text: pretty JSON ending with a newline.
pub fn text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

fn object(fields: &[Field], types: &[String]) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.name.to_string(), field(f, types)))
        .collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn pair(items: Value) -> Value {
    json!({"type": "array", "items": items, "minItems": 2, "maxItems": 2})
}

fn field(f: &Field, types: &[String]) -> Value {
    let mut s = match f.kind {
        Kind::Text => json!({"type": "string"}),
        Kind::Count => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Date => json!({"type": "string", "format": "date"}),
        Kind::Money => json!({"type": ["number", "string"], "minimum": 0, "pattern": MONEY_PATTERN}),
        Kind::Number => json!({"type": "number"}),
        Kind::Coordinates => pair(json!({"type": "number", "minimum": -180, "maximum": 180})),
        Kind::Ages => pair(json!({"type": "integer", "minimum": 0})),
        Kind::Counts => {
            json!({"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": u32::MAX}})
        }
        Kind::TextList => json!({"type": "array", "items": {"type": "string"}}),
        Kind::Place(sub) | Kind::Table(sub) => object(sub, types),
        Kind::Tables(sub) => json!({"type": "array", "items": object(sub, types)}),
    };
    if let Value::Object(m) = &mut s {
        m.insert("description".into(), f.doc.into());
        match f.values {
            Values::Any => {}
            Values::OneOf(v) => {
                m.insert("enum".into(), v.into());
            }
            Values::ActivityTypes => {
                m.insert("enum".into(), types.into());
            }
        }
    }
    s
}

/// A TOML value as JSON, the way a TOML language server hands it to a JSON
/// Schema: dates become their text. Used to validate workspace files
/// against the schemas.
pub fn toml_as_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => s.as_str().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => (*f).into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(toml_as_json).collect(),
        toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), toml_as_json(v))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_object_schema_that_refuses_unknown_keys() {
        let all = all();
        for k in kinds() {
            let s = &all[k];
            assert_eq!(s["$schema"], DRAFT);
            assert_eq!(s["type"], "object");
            assert_eq!(s["additionalProperties"], false);
        }
        assert_eq!(all["partner"]["properties"]["role"]["enum"][0], "applicant");
        assert!(
            all["partner"]["required"]
                .as_array()
                .is_some_and(|r| r.contains(&"name".into()))
        );
        let types = &all["activity"]["properties"]["type"]["enum"];
        assert!(
            types
                .as_array()
                .is_some_and(|t| t.contains(&"youth-exchange".into())),
            "{types}"
        );
    }

    fn validate(kind: &FileKind, types: &[String], doc: &str) -> Vec<String> {
        let schema = of(kind, types);
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", kind.key));
        let table: toml::Table = doc.parse().unwrap_or_else(|e| panic!("{e}\n{doc}"));
        let json = toml_as_json(&toml::Value::Table(table));
        validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    /// The files the loader reads without complaint are the files the
    /// schema accepts: documents written from the spec, with every field or
    /// only the required ones, validate.
    #[test]
    fn documents_written_from_the_spec_validate() {
        use crate::workspace::spec::generated::document;
        let types = activity_types();
        for kind in spec::FILE_KINDS {
            for every in [true, false] {
                let doc = document(kind.fields, every);
                let errors = validate(kind, &types, &doc);
                assert!(errors.is_empty(), "{}:\n{doc}\n{errors:?}", kind.key);
            }
            let required = kind.fields.iter().filter(|f| f.required).count();
            assert_eq!(validate(kind, &types, "").len(), required, "{}", kind.key);
        }
    }
}
