//! `coopcom rules`: the rule pack in force, every figure with its value,
//! status and source.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use crate::cli::{RulesArgs, RulesFormat};
use crate::output::Output;
use crate::rules::registry::{self, PackError};
use crate::workspace;
use crate::{EXIT_FAILURE, EXIT_OK};

pub fn run(args: &RulesArgs, out: &Output) -> Result<i32> {
    // Defaults from the workspace in the current folder, if there is one.
    let here = std::env::current_dir()
        .ok()
        .and_then(|cwd| workspace::discover(None, &cwd).ok())
        .and_then(|root| workspace::load(&root).ok())
        .map(|(ws, _)| ws);
    let action = args
        .action
        .clone()
        .map(|a| a.trim().to_uppercase())
        .or_else(|| here.as_ref().and_then(|w| w.action().map(str::to_string)));
    let Some(action) = action else {
        out.error("which action? pass --action, e.g. `coopcom rules --action KA153-YOU`");
        return Ok(EXIT_FAILURE);
    };
    let call = args
        .call
        .or_else(|| {
            here.as_ref()
                .and_then(|w| w.project.call.as_ref().map(|c| c.value))
        })
        .unwrap_or(2026);
    let user_text = match &args.rules {
        // Guarded: a FIFO or a device is refused, never read (it would block or never end).
        Some(p) => {
            Some(workspace::files::read_argument_file(p).map_err(|e| anyhow::anyhow!("--rules {e:#}"))?)
        }
        None => None,
    };
    let user = args.rules.as_deref().zip(user_text.as_deref());
    let rules = match registry::resolve(&action, call, user) {
        Ok(r) => r,
        Err(PackError::UnknownAction) => {
            out.error(&format!(
                "\"{action}\" is not an action coopcom supports; supported: {}",
                registry::ACTIONS.join(", ")
            ));
            return Ok(EXIT_FAILURE);
        }
        Err(PackError::UnsupportedCall) => {
            let calls: Vec<String> = registry::calls().map(|c| c.to_string()).collect();
            out.error(&format!(
                "no rule pack for call {call}; calls: {}",
                calls.join(", ")
            ));
            return Ok(EXIT_FAILURE);
        }
        Err(PackError::Malformed {
            file,
            text,
            span,
            message,
        }) => {
            let at = span.map(|s| {
                let (line, col) =
                    workspace::source::SourceFile::new(String::new(), file.clone().into(), text)
                        .line_col(s.start);
                format!(":{line}:{col}")
            });
            bail!(
                "the rule pack {file}{} cannot be used: {message}",
                at.unwrap_or_default()
            )
        }
    };
    let value = serde_json::json!({ "call": rules.call, "action": rules.action });
    match args.format {
        RulesFormat::Json => out.data(&format!("{}\n", serde_json::to_string_pretty(&value)?))?,
        RulesFormat::Table => {
            let mut rows = Vec::new();
            walk("", &value, &mut rows);
            let mut s = String::new();
            let _ = writeln!(
                s,
                "Rule pack: {} ({}), call {} - {}{}",
                rules.code,
                rules.action.action.name,
                call,
                rules.call.pack.title,
                if rules.call.pack.complete {
                    ""
                } else {
                    " (partial: figures not known for this call are left out)"
                }
            );
            if let Some(p) = &rules.user_file {
                let _ = writeln!(s, "Corrections from {}", p.display());
            }
            let w = rows
                .iter()
                .map(|r| r.0.chars().count())
                .max()
                .unwrap_or(10)
                .min(60);
            let _ = writeln!(s, "\n{:<w$}  {:<12}  {:<40}  value", "figure", "status", "source");
            for (path, status, source, v) in rows {
                let _ = writeln!(s, "{path:<w$}  {status:<12}  {source:<40}  {v}");
            }
            out.data(&s)?;
        }
    }
    Ok(EXIT_OK)
}

/// The identity of a list entry, for its row names.
fn identity(o: &Map<String, Value>) -> Option<String> {
    ["key", "code", "round", "kind", "country", "min_km"]
        .iter()
        .find_map(|k| {
            o.get(*k).map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        })
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
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

/// Every object with a `status` is a figure: one row with its value; nested
/// figures get rows of their own.
fn walk(path: &str, v: &Value, rows: &mut Vec<(String, String, String, String)>) {
    match v {
        Value::Object(o) if o.contains_key("status") => {
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
                    Value::Array(items) if items.iter().any(|i| i.get("status").is_some()) => {
                        nested.push((k, child))
                    }
                    _ => parts.push(if k == "value" {
                        scalar(child)
                    } else {
                        format!("{k} = {}", scalar(child))
                    }),
                }
            }
            let status = match (
                o.get("status").and_then(Value::as_str),
                o.get("assumed").and_then(Value::as_bool),
            ) {
                (Some(s), Some(true)) => format!("{s}, assumed"),
                (Some(s), _) => s.to_string(),
                (None, _) => String::new(),
            };
            let source = o.get("source").and_then(Value::as_str).unwrap_or("").to_string();
            let mut value = parts.join("; ");
            if let Some(note) = o.get("note").and_then(Value::as_str) {
                value = format!("{value}  ({note})");
            }
            rows.push((path.to_string(), status, source, value));
            for (k, child) in nested {
                walk(&format!("{path}.{k}"), child, rows);
            }
        }
        Value::Object(o) => {
            for (k, child) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(&p, child, rows);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let id = item
                    .as_object()
                    .and_then(identity)
                    .unwrap_or_else(|| (i + 1).to_string());
                walk(&format!("{path}[{id}]"), item, rows);
            }
        }
        _ => {}
    }
}
