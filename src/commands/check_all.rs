//! `coopcom check --all ROOT` and `coopcom check DIR DIR...`: every
//! workspace checked as `check` checks one, in parallel, printed in path
//! order; then the rules across workspaces and one summary table.
//!
//! Human output: each workspace's report on stderr under a `workspace PATH`
//! line, then the findings across workspaces, the closing line on stderr and
//! the summary table on stdout. JSON output (stdout only):
//!
//! ```text
//! { "workspaces": [ { "path", "diagnostics": [...], "summary": {...} }
//!                   | { "path", "error" } , ... ],
//!   "findings":   [ { "code", "severity", "message", "help", "note",
//!                     "workspaces": [ { "workspace", "at", "what" } ] } ],
//!   "summary":    { "workspaces": [ { "workspace", "action", "call", "round",
//!                                     "grant", "errors", "warnings" } ],
//!                   "checked", "unreadable", "errors", "warnings" } }
//! ```

use std::fmt::Write as _;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostics::render;
use crate::money::{format_eur, plain};
use crate::output::Output;
use crate::portfolio::{self, Facts, Run, cross};
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};

/// What is kept of one workspace: its report and its facts.
struct Kept {
    report: String,
    facts: Facts,
}

/// One row of the summary table.
#[derive(Debug, Serialize)]
pub struct Row {
    pub workspace: String,
    pub action: Option<String>,
    pub call: Option<u32>,
    pub round: Option<u32>,
    /// Two decimals; `null` when the workspace has errors or no budget.
    pub grant: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    /// The workspace could not be read at all.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unreadable: bool,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    workspaces: &'a [Row],
    checked: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
}

pub fn run(args: &CheckArgs, today: NaiveDate, out: &Output) -> Result<i32> {
    let paths = match &args.all {
        Some(root) => portfolio::discover(root)?,
        None => {
            let mut all: Vec<_> = args.workspace.dir.iter().cloned().collect();
            all.extend(args.more.iter().cloned());
            portfolio::named(&all)
        }
    };
    let json = args.format == CheckFormat::Json;
    let run = Run {
        jobs: portfolio::jobs(args.jobs),
        user_rules: args.workspace.rules.as_deref(),
        today: Some(today),
    };
    let color = out.color;
    let mut facts: Vec<Facts> = Vec::new();
    let mut interner = portfolio::Interner::default();
    let mut unreadable: Vec<(usize, String)> = Vec::new();
    if json {
        out.data("{\n  \"workspaces\": [")?;
    }
    let mut first = true;
    run.for_each(
        &paths,
        |path, a| {
            let report = if json {
                let r = render::json_report(&a.diagnostics, &a.ws.sources);
                let value = serde_json::json!({
                    "path": portfolio::shown(path),
                    "diagnostics": r.diagnostics,
                    "summary": r.summary,
                });
                value.to_string()
            } else {
                format!(
                    "workspace {}\n{}\n",
                    portfolio::shown(path),
                    super::check::human(a, color)
                )
            };
            Kept {
                report,
                facts: Facts::of(path, a),
            }
        },
        |o| {
            let shown = portfolio::shown(&o.path);
            let text = match o.result {
                Ok(mut kept) => {
                    interner.intern(&mut kept.facts);
                    facts.push(kept.facts);
                    kept.report
                }
                Err(message) => {
                    unreadable.push((facts.len(), message.clone()));
                    facts.push(empty(&shown));
                    if json {
                        serde_json::json!({ "path": shown, "error": message }).to_string()
                    } else {
                        format!("workspace {shown}\nerror: {message}\n\n")
                    }
                }
            };
            if json {
                out.data(&format!("{}\n    {text}", if first { "" } else { "," }))?;
                first = false;
            } else {
                out.status(&text);
            }
            Ok(())
        },
    )?;
    let findings = cross::check(&facts);
    let extra = cross::counts(&findings, facts.len());
    let rows: Vec<Row> = facts
        .iter()
        .zip(&extra)
        .enumerate()
        .map(|(i, (f, (e, w)))| Row {
            workspace: f.path.clone(),
            action: f.action.as_deref().map(str::to_string),
            call: f.call,
            round: f.round,
            grant: f.grant.map(plain),
            errors: f.errors + e,
            warnings: f.warnings + w,
            unreadable: unreadable.iter().any(|(u, _)| *u == i),
        })
        .collect();
    let errors: usize = rows.iter().map(|r| r.errors).sum();
    let warnings: usize = rows.iter().map(|r| r.warnings).sum();
    if json {
        let list: Vec<_> = findings.iter().map(cross::Finding::json).collect();
        let summary = JsonSummary {
            workspaces: &rows,
            checked: rows.len(),
            unreadable: unreadable.len(),
            errors,
            warnings,
        };
        out.data(&format!(
            "\n  ],\n  \"findings\": {},\n  \"summary\": {}\n}}\n",
            indent(&serde_json::to_string_pretty(&list)?),
            indent(&serde_json::to_string_pretty(&summary)?)
        ))?;
    } else {
        if !findings.is_empty() {
            let mut text = format!(
                "across the {} workspaces: {} finding{}\n",
                rows.len(),
                findings.len(),
                if findings.len() == 1 { "" } else { "s" }
            );
            for f in &findings {
                text.push_str(&f.human(color));
                text.push_str("\n\n");
            }
            out.status(&text);
        }
        out.data(&table(&facts, &rows))?;
        out.status(&format!(
            "checked {} workspace{}: {}{}\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            render::human_summary(crate::diagnostics::Summary {
                errors,
                warnings,
                notes: 0,
            }),
            if unreadable.is_empty() {
                String::new()
            } else {
                format!("; {} could not be read", unreadable.len())
            }
        ));
    }
    Ok(if !unreadable.is_empty() {
        EXIT_FAILURE
    } else if errors > 0 || (args.strict && warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// The facts of a workspace that could not be read: its path only.
fn empty(path: &str) -> Facts {
    Facts {
        path: path.to_string(),
        action: None,
        call: None,
        round: None,
        grant: None,
        errors: 0,
        warnings: 0,
        limits: Default::default(),
        organisations: Vec::new(),
        activities: Vec::new(),
    }
}

/// Every line but the first indented by two spaces, to nest a pretty JSON
/// value one level down.
fn indent(json: &str) -> String {
    json.replace('\n', "\n  ")
}

/// The summary table: workspace, action, round, grant, errors, warnings.
fn table(facts: &[Facts], rows: &[Row]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .zip(facts)
        .map(|(r, f)| {
            let round = match (r.call, r.round) {
                (Some(c), Some(n)) => format!("{c}-{n}"),
                (Some(c), None) => c.to_string(),
                _ => "-".into(),
            };
            [
                render::printable(&r.workspace).into_owned(),
                if r.unreadable {
                    "unreadable".into()
                } else {
                    r.action
                        .clone()
                        .map(|a| render::printable(&a).into_owned())
                        .unwrap_or("-".into())
                },
                round,
                f.grant.map(format_eur).unwrap_or_else(|| "-".into()),
                r.errors.to_string(),
                r.warnings.to_string(),
            ]
        })
        .collect();
    let head = ["workspace", "action", "round", "grant", "errors", "warnings"];
    let mut width = head.map(|h| h.chars().count());
    for c in &cells {
        for (w, cell) in width.iter_mut().zip(c) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let [w0, w1, w2, w3, w4, w5] = width;
    let line = |out: &mut String, [a, b, c, d, e, f]: [&str; 6]| {
        let _ = writeln!(out, "{a:<w0$}  {b:<w1$}  {c:<w2$}  {d:>w3$}  {e:>w4$}  {f:>w5$}");
    };
    line(&mut out, head);
    for [a, b, c, d, e, f] in &cells {
        line(&mut out, [a, b, c, d, e, f]);
    }
    out
}
