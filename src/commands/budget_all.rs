//! `coopcom budget --all ROOT`: the grants of every workspace under ROOT
//! side by side, with a total per action, call and round; as a table, JSON
//! or CSV. A workspace with errors has no grant (as `budget` refuses one)
//! and is not counted in the totals; the exit status is then 1.
//!
//! JSON: `{ "workspaces": [ { "workspace", "action", "call", "round",
//! "grant", "errors" } ], "totals": [ { "action", "call", "round",
//! "workspaces", "grant" } ], "total": "..." }`, amounts as two-decimal
//! strings. CSV: one row per workspace, then one per total, with a first
//! column `row` (`workspace` or `total`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{BudgetArgs, BudgetFormat};
use crate::csv::text;
use crate::diagnostics::render::printable;
use crate::money::{format_eur, plain};
use crate::output::Output;
use crate::portfolio::{self, Facts, Run};
use crate::workspace::Money;
use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};

#[derive(Serialize)]
struct Row {
    workspace: String,
    action: Option<String>,
    call: Option<u32>,
    round: Option<u32>,
    grant: Option<String>,
    errors: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    unreadable: Option<String>,
}

/// An action, call and round.
type Deadline = (String, Option<u32>, Option<u32>);

#[derive(Serialize)]
struct Total {
    action: String,
    call: Option<u32>,
    round: Option<u32>,
    workspaces: usize,
    grant: String,
}

#[derive(Serialize)]
struct Json<'a> {
    workspaces: &'a [Row],
    totals: &'a [Total],
    total: String,
}

pub fn run(args: &BudgetArgs, root: &std::path::Path, out: &Output) -> Result<i32> {
    let paths = portfolio::discover(root)?;
    let run = Run {
        jobs: portfolio::jobs(args.jobs),
        user_rules: args.workspace.rules.as_deref(),
        today: None,
    };
    let mut rows = Vec::new();
    let mut amounts: Vec<Option<Money>> = Vec::new();
    run.for_each(
        &paths,
        |path, a| {
            let mut f = Facts::of(path, a);
            // Only what the table needs is kept.
            f.organisations.clear();
            f.activities.clear();
            f.limits = Default::default();
            f
        },
        |o| {
            let shown = portfolio::shown(&o.path);
            match o.result {
                Ok(f) => {
                    amounts.push(f.grant);
                    rows.push(Row {
                        workspace: f.path,
                        action: f.action.as_deref().map(str::to_string),
                        call: f.call,
                        round: f.round,
                        grant: f.grant.map(plain),
                        errors: f.errors,
                        unreadable: None,
                    });
                }
                Err(message) => {
                    out.error(&format!("{shown}: {message}"));
                    amounts.push(None);
                    rows.push(Row {
                        workspace: shown,
                        action: None,
                        call: None,
                        round: None,
                        grant: None,
                        errors: 0,
                        unreadable: Some(message),
                    });
                }
            }
            Ok(())
        },
    )?;
    // Totals per action, call and round, of the workspaces with a grant.
    let mut by: BTreeMap<Deadline, (usize, Money)> = BTreeMap::new();
    for (r, m) in rows.iter().zip(&amounts) {
        if let (Some(m), Some(action)) = (m, &r.action) {
            let t = by.entry((action.clone(), r.call, r.round)).or_default();
            t.0 += 1;
            t.1 += *m;
        }
    }
    let grand: Money = by.values().map(|t| t.1).sum();
    let totals: Vec<(Total, Money)> = by
        .into_iter()
        .map(|((action, call, round), (n, m))| {
            (
                Total {
                    action,
                    call,
                    round,
                    workspaces: n,
                    grant: plain(m),
                },
                m,
            )
        })
        .collect();
    let text = match args.format {
        BudgetFormat::Json => {
            let totals: Vec<Total> = totals.into_iter().map(|t| t.0).collect();
            let j = Json {
                workspaces: &rows,
                totals: &totals,
                total: plain(grand),
            };
            format!("{}\n", serde_json::to_string_pretty(&j)?)
        }
        BudgetFormat::Csv => csv(&rows, &totals),
        BudgetFormat::Table => table(&rows, &amounts, &totals, grand),
    };
    out.data(&text)?;
    let blocked = rows.iter().filter(|r| r.errors > 0).count();
    if blocked > 0 {
        out.status(&format!(
            "note: {blocked} workspace{} with errors {} no grant and {} not in the totals (`coopcom check --all` lists the errors)\n",
            if blocked == 1 { "" } else { "s" },
            if blocked == 1 { "has" } else { "have" },
            if blocked == 1 { "is" } else { "are" },
        ));
    }
    Ok(if rows.iter().any(|r| r.unreadable.is_some()) {
        EXIT_FAILURE
    } else if blocked > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn round_of(call: Option<u32>, round: Option<u32>) -> String {
    match (call, round) {
        (Some(c), Some(n)) => format!("{c}-{n}"),
        (Some(c), None) => c.to_string(),
        _ => "-".into(),
    }
}

fn table(rows: &[Row], amounts: &[Option<Money>], totals: &[(Total, Money)], grand: Money) -> String {
    let mut cells: Vec<[String; 4]> = rows
        .iter()
        .zip(amounts)
        .map(|(r, m)| {
            [
                printable(&r.workspace).into_owned(),
                r.action
                    .as_deref()
                    .map(|a| printable(a).into_owned())
                    .unwrap_or("-".into()),
                round_of(r.call, r.round),
                match (m, &r.unreadable) {
                    (Some(m), _) => format_eur(*m),
                    (None, Some(_)) => "unreadable".into(),
                    (None, None) => format!("{} error{}", r.errors, if r.errors == 1 { "" } else { "s" }),
                },
            ]
        })
        .collect();
    let rows_end = cells.len();
    for (t, m) in totals {
        cells.push([
            format!(
                "total ({} workspace{})",
                t.workspaces,
                if t.workspaces == 1 { "" } else { "s" }
            ),
            printable(&t.action).into_owned(),
            round_of(t.call, t.round),
            format_eur(*m),
        ]);
    }
    cells.push(["total".into(), String::new(), String::new(), format_eur(grand)]);
    let head = ["workspace", "action", "round", "grant"];
    let mut width = head.map(|h| h.chars().count());
    for c in &cells {
        for (w, cell) in width.iter_mut().zip(c) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let [w0, w1, w2, w3] = width;
    let mut out = String::new();
    let line = |out: &mut String, [a, b, c, d]: [&str; 4]| {
        let _ = writeln!(out, "{a:<w0$}  {b:<w1$}  {c:<w2$}  {d:>w3$}");
    };
    line(&mut out, head);
    let rule = "-".repeat(w0 + w1 + w2 + w3 + 6);
    for (i, [a, b, c, d]) in cells.iter().enumerate() {
        if i == rows_end {
            let _ = writeln!(out, "{rule}");
        }
        line(&mut out, [a, b, c, d]);
    }
    out
}

fn csv(rows: &[Row], totals: &[(Total, Money)]) -> String {
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut out = String::from(
        "\"row\",\"workspace\",\"action\",\"call\",\"round\",\"grant\",\"errors\",\"workspaces\"\r\n",
    );
    for r in rows {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},\r\n",
            text("workspace"),
            text(&r.workspace),
            text(r.action.as_deref().unwrap_or("")),
            num(r.call),
            num(r.round),
            r.grant.as_deref().unwrap_or(""),
            r.errors
        );
    }
    for (t, _) in totals {
        let _ = write!(
            out,
            "{},{},{},{},{},{},,{}\r\n",
            text("total"),
            text(""),
            text(&t.action),
            num(t.call),
            num(t.round),
            t.grant,
            t.workspaces
        );
    }
    out
}
