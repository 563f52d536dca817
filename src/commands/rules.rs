//! `coopcom rules`: the rule pack in force, every figure with its value,
//! status, source and the pack it comes from (built-in, installed,
//! workspace, `--rules`). `rules install`, `rules uninstall` and
//! `rules diff` are in files of their own.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{RulesArgs, RulesCommand, RulesFormat};
use crate::output::Output;
use crate::pack::figures;
use crate::pack::registry::{self, PackError, Rules};
use crate::pack::sources::{Origin, PackSources};
use crate::workspace;
use crate::{EXIT_FAILURE, EXIT_OK};

pub fn run(args: &RulesArgs, out: &Output) -> Result<i32> {
    match &args.command {
        Some(RulesCommand::Install(a)) => return super::rules_install::install(a, out),
        Some(RulesCommand::Uninstall(a)) => return super::rules_install::uninstall(a, out),
        Some(RulesCommand::Diff(a)) => return super::rules_diff::run(a, out),
        None => {}
    }
    // Defaults from the workspace in the current folder, if there is one.
    let (root, here) = here();
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
    let argument = match &args.rules {
        // Guarded: a FIFO or a device is refused, never read (it would block or never end).
        Some(p) => Some((
            p.clone(),
            workspace::files::read_argument_file(p).map_err(|e| anyhow::anyhow!("--rules {e:#}"))?,
        )),
        None => None,
    };
    let sources = PackSources::standard(root.as_deref(), argument);
    let rules = match resolve(&action, call, &sources, out)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let origins = figures::origins(&rules);
    let origin_of = |figure: &str| origins.get(figure).copied().unwrap_or(Origin::BuiltIn);
    let rows = figures::rows(&rules);
    match args.format {
        RulesFormat::Json => {
            let layers: Vec<serde_json::Value> = in_force(&rules)
                .into_iter()
                .map(|(origin, name)| serde_json::json!({ "origin": origin, "file": name }))
                .collect();
            let value = serde_json::json!({
                "call": rules.call,
                "action": rules.action,
                "in_force": layers,
            });
            out.data(&format!("{}\n", serde_json::to_string_pretty(&value)?))?
        }
        RulesFormat::Table => {
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
            let _ = writeln!(s, "In force:");
            for (origin, name) in in_force(&rules) {
                let _ = writeln!(s, "  {:<10} {name}", origin.label());
            }
            if let Some(from) = rules.call.pack.carried_over_from {
                let (carried, total) = figures::carried_over(&rules);
                let _ = writeln!(
                    s,
                    "Provisional: {carried} of {total} figures are carried over from call {from}, not yet checked against the Programme Guide {call}; see `coopcom rules diff --call {from} --call {call}`"
                );
            }
            let w = rows
                .iter()
                .map(|r| r.figure.chars().count())
                .max()
                .unwrap_or(10)
                .min(60);
            let sw = rows
                .iter()
                .map(|r| r.status.chars().count())
                .max()
                .unwrap_or(12)
                .max(12);
            let _ = writeln!(
                s,
                "\n{:<w$}  {:<sw$}  {:<40}  {:<9}  value",
                "figure", "status", "source", "from"
            );
            for r in &rows {
                let value = match &r.note {
                    Some(n) => format!("{}  ({n})", r.value),
                    None => r.value.clone(),
                };
                let _ = writeln!(
                    s,
                    "{:<w$}  {:<sw$}  {:<40}  {:<9}  {value}",
                    r.figure,
                    r.status,
                    r.source,
                    origin_of(&r.figure).label()
                );
            }
            out.data(&s)?;
        }
    }
    Ok(EXIT_OK)
}

/// The workspace in the current folder, if there is one: its root and model.
pub fn here() -> (Option<PathBuf>, Option<workspace::Workspace>) {
    let root = std::env::current_dir()
        .ok()
        .and_then(|cwd| workspace::discover(None, &cwd).ok());
    let ws = root
        .as_ref()
        .and_then(|r| workspace::load(r).ok())
        .map(|(ws, _)| ws);
    (root, ws)
}

/// The packs in force, lowest first, as (origin, what is shown).
pub fn in_force(rules: &Rules) -> Vec<(Origin, String)> {
    let call = rules.call.pack.call;
    let built_in = match rules.call.pack.carried_over_from {
        Some(from) => format!("rules/{call}/ (provisional: carried over from rules/{from}/)"),
        None if registry::built_in_calls().any(|c| c == call) => format!("rules/{call}/"),
        None => "none".to_string(),
    };
    let mut out = vec![(Origin::BuiltIn, built_in)];
    out.extend(rules.layers.iter().cloned());
    out
}

/// Resolves a pack, or says why not: `Ok(Err(2))` after printing an error
/// for an unknown action or call; `Err` (exit 2) for a pack that cannot be
/// used, at its place.
pub fn resolve(action: &str, call: u32, sources: &PackSources, out: &Output) -> Result<Result<Rules, i32>> {
    match registry::resolve_with(action, call, sources) {
        Ok(r) => Ok(Ok(r)),
        Err(PackError::UnknownAction) => {
            out.error(&format!(
                "\"{action}\" is not an action coopcom supports; supported: {}",
                registry::ACTIONS.join(", ")
            ));
            Ok(Err(EXIT_FAILURE))
        }
        Err(PackError::UnsupportedCall) => {
            out.error(&super::init_choices::unsupported_call(call, action, sources));
            Ok(Err(EXIT_FAILURE))
        }
        Err(e) => Err(malformed(e)),
    }
}

/// A pack that cannot be used, as the error of `--rules` says it: the file,
/// line and column, and what is wrong.
pub fn malformed(e: PackError) -> anyhow::Error {
    match e {
        PackError::Malformed {
            file,
            text,
            span,
            message,
        } => {
            let at = span.map(|s| {
                let (line, col) =
                    workspace::source::SourceFile::new(String::new(), file.clone().into(), text)
                        .line_col(s.start);
                format!(":{line}:{col}")
            });
            anyhow::anyhow!(
                "the rule pack {file}{} cannot be used: {message}",
                at.unwrap_or_default()
            )
        }
        PackError::UnknownAction => anyhow::anyhow!("unknown action"),
        PackError::UnsupportedCall => anyhow::anyhow!("no rule pack for this call"),
    }
}
