//! A rule pack as a flat list of figures, one row each with its value,
//! status and source: what `coopcom rules` prints, what `rules diff`
//! compares, and how a provisional pack counts its carried-over figures.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::registry::Rules;

/// One figure of a pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Where the figure is: `action.budget.organisational_support_per_participant`,
    /// `call.travel_bands[500]`, `action.rounds[1]`.
    pub figure: String,
    /// The value, as text: `125`, `max = 21; min = 5`.
    pub value: String,
    /// `confirmed`, `secondary`, `unconfirmed`, `carried-over (confirmed)`;
    /// `, assumed` is added to an assumed figure.
    pub status: String,
    #[serde(skip)]
    pub carried_over: bool,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every figure of the pack in force, the call's first, in pack order.
pub fn rows(rules: &Rules) -> Vec<Row> {
    let value = serde_json::json!({ "call": rules.call, "action": rules.action });
    let mut out = Vec::new();
    walk("", &value, None, &mut out);
    // Names are unique, so that two packs can be compared figure by figure.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in &mut out {
        let n = seen.entry(r.figure.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            r.figure = format!("{}#{n}", r.figure);
        }
    }
    out
}

/// How many figures of the pack are carried over, of how many.
pub fn carried_over(rules: &Rules) -> (usize, usize) {
    let rows = rows(rules);
    (rows.iter().filter(|r| r.carried_over).count(), rows.len())
}

/// The identity of a list entry, for its row names: `country kind` for
/// country conditions, else the first of `key`, `code`, `round`, `kind`,
/// `min_km` (as the merge of corrections matches entries).
fn identity(o: &Map<String, Value>) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let (Some(c), Some(k)) = (o.get("country"), o.get("kind")) {
        return Some(format!("{} {}", text(c), text(k)));
    }
    ["key", "code", "round", "kind", "country", "min_km"]
        .iter()
        .find_map(|k| o.get(*k).map(text))
}

/// A value as one line of text.
pub fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        // A TOML date, as the toml crate serialises it.
        Value::Object(o) if o.len() == 1 && o.contains_key(TOML_DATETIME) => {
            o.get(TOML_DATETIME).map(scalar).unwrap_or_default()
        }
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| format!("{k} = {}", scalar(v)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

const META: &[&str] = &["status", "source", "assumed", "note"];

const TOML_DATETIME: &str = "$__toml_private_datetime";

/// The status of a figure as text, and whether it is carried over.
fn status_text(o: &Map<String, Value>) -> (String, bool) {
    let (text, carried) = match o.get("status") {
        Some(Value::String(s)) => (s.clone(), false),
        Some(Value::Object(c)) => match c.get("carried-over").and_then(Value::as_str) {
            Some(was) => (format!("carried-over ({was})"), true),
            None => (scalar(&Value::Object(c.clone())), false),
        },
        _ => (String::new(), false),
    };
    if o.get("assumed").and_then(Value::as_bool) == Some(true) {
        (format!("{text}, assumed"), carried)
    } else {
        (text, carried)
    }
}

/// Every object with a `status` is a figure: one row with its value; nested
/// figures get rows of their own. An entry of a list without a status of
/// its own (a form field) is documented by the figure it belongs to (its
/// form section): its row carries that figure's status and source.
fn walk(path: &str, v: &Value, owner: Option<&Map<String, Value>>, rows: &mut Vec<Row>) {
    match v {
        Value::Object(o) if o.contains_key("status") || (owner.is_some() && is_entry(o)) => {
            let sourced = if o.contains_key("status") {
                o
            } else {
                owner.unwrap_or(o)
            };
            let mut parts = Vec::new();
            let mut nested = Vec::new();
            for (k, child) in o {
                if META.contains(&k.as_str())
                    || child.is_null()
                    || child.as_array().is_some_and(Vec::is_empty)
                {
                    continue;
                }
                match child {
                    Value::Object(c) if c.contains_key("status") => nested.push((k, child)),
                    Value::Array(items) if items.iter().any(Value::is_object) => nested.push((k, child)),
                    _ => parts.push(if k == "value" {
                        scalar(child)
                    } else {
                        format!("{k} = {}", scalar(child))
                    }),
                }
            }
            let (status, carried_over) = status_text(sourced);
            rows.push(Row {
                figure: path.to_string(),
                value: parts.join("; "),
                status,
                carried_over,
                source: sourced
                    .get("source")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                note: o.get("note").and_then(Value::as_str).map(str::to_string),
            });
            for (k, child) in nested {
                walk(&format!("{path}.{k}"), child, Some(sourced), rows);
            }
        }
        Value::Object(o) => {
            for (k, child) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, child, None, rows);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let id = item
                    .as_object()
                    .and_then(identity)
                    .unwrap_or_else(|| (i + 1).to_string());
                walk(&format!("{path}[{id}]"), item, owner, rows);
            }
        }
        _ => {}
    }
}

/// A list entry (it has an identity), as opposed to a table of figures.
fn is_entry(o: &Map<String, Value>) -> bool {
    identity(o).is_some()
}

/// Which layer each figure of the pack in force comes from: the highest
/// source (installed, workspace, `--rules`) that changed or added it;
/// figures no layer touched are built-in.
pub fn origins(rules: &Rules) -> std::collections::BTreeMap<String, super::sources::Origin> {
    use super::sources::{Origin, PackSources};
    let mut out = std::collections::BTreeMap::new();
    if rules.layers.is_empty() {
        return out;
    }
    let full = &rules.sources;
    let levels = [
        (Origin::BuiltIn, PackSources::default()),
        (
            Origin::Installed,
            PackSources {
                installed: full.installed.clone(),
                ..PackSources::default()
            },
        ),
        (
            Origin::Workspace,
            PackSources {
                installed: full.installed.clone(),
                workspace: full.workspace.clone(),
                ..PackSources::default()
            },
        ),
        (Origin::Argument, full.clone()),
    ];
    let mut below: Option<std::collections::BTreeMap<String, Row>> = None;
    for (origin, sources) in levels {
        let Ok(r) = super::registry::resolve_with(&rules.code, rules.call.pack.call, &sources) else {
            continue;
        };
        let now: std::collections::BTreeMap<String, Row> = rows(&r)
            .into_iter()
            .map(|row| (row.figure.clone(), row))
            .collect();
        for (figure, row) in &now {
            let changed = below.as_ref().is_some_and(|b| b.get(figure) != Some(row));
            if below.is_none() || changed {
                out.insert(figure.clone(), origin);
            }
        }
        below = Some(now);
    }
    out
}
