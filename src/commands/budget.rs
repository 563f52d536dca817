//! `coopcom budget`: the grant, line by line, as a table, JSON or CSV.

use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::analysis::{Analysis, analyse};
use crate::budget::Budget;
use crate::cli::{BudgetArgs, BudgetFormat};
use crate::money::{plain, push_eur_right};
use crate::output::Output;
use crate::workspace::Money;
use crate::{EXIT_FINDINGS, EXIT_OK};

pub fn run(args: &BudgetArgs, out: &Output) -> Result<i32> {
    if let Some(root) = &args.all {
        return super::budget_all::run(args, root, out);
    }
    let a = analyse(args.workspace.dir.as_deref(), args.workspace.rules.as_deref())?;
    let Some(budget) = usable(&a, out) else {
        return Ok(EXIT_FINDINGS);
    };
    let text = match args.format {
        BudgetFormat::Table => table(budget, &a),
        BudgetFormat::Json => format!("{}\n", serde_json::to_string_pretty(&json(budget))?),
        BudgetFormat::Csv => crate::budget::csv::csv(budget),
    };
    out.data(&text)?;
    if !budget.unconfirmed_figures.is_empty() && args.format == BudgetFormat::Table {
        out.status(&format!(
            "note: this budget uses {} figure{} not confirmed from the Programme Guide: {}\n",
            budget.unconfirmed_figures.len(),
            if budget.unconfirmed_figures.len() == 1 {
                ""
            } else {
                "s"
            },
            budget.unconfirmed_figures.join("; ")
        ));
    }
    Ok(EXIT_OK)
}

/// The budget, or the errors that prevent it (printed to stderr).
pub fn usable<'a>(a: &'a Analysis, out: &Output) -> Option<&'a Budget> {
    if super::blocked_by_errors(a, out, "no budget", false) {
        return None;
    }
    a.budget.as_ref()
}

/// The JSON object of the contract: `total` as a two-decimal string, beside
/// the breakdown by activity and by category, the lines and the distances.
#[derive(Serialize)]
pub struct JsonBudget<'a> {
    pub action: &'a str,
    pub call: u32,
    pub currency: &'static str,
    pub total: String,
    pub by_activity: Vec<JsonSubtotal>,
    pub by_category: Vec<JsonSubtotal>,
    pub lines: &'a [crate::budget::Line],
    pub distances: &'a [crate::budget::FlowDistance],
    pub unconfirmed_figures: &'a [String],
}

#[derive(Serialize)]
pub struct JsonSubtotal {
    pub key: String,
    pub label: String,
    pub amount: String,
}

pub fn json(b: &Budget) -> JsonBudget<'_> {
    JsonBudget {
        action: &b.action,
        call: b.call,
        currency: "EUR",
        total: plain(b.total()),
        by_activity: b
            .by_activity()
            .into_iter()
            .map(|(a, m)| JsonSubtotal {
                key: a.clone().unwrap_or_else(|| "project".into()),
                label: a.unwrap_or_else(|| "project-level costs".into()),
                amount: plain(m),
            })
            .collect(),
        by_category: b
            .by_category()
            .into_iter()
            .map(|(c, m)| JsonSubtotal {
                key: serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                label: c.label().to_string(),
                amount: plain(m),
            })
            .collect(),
        lines: &b.lines,
        distances: &b.distances,
        unconfirmed_figures: &b.unconfirmed_figures,
    }
}

/// The readable table: lines grouped by activity, subtotals, categories, total.
pub fn table(b: &Budget, a: &Analysis) -> String {
    // Room for the lines and distances, about a hundred characters each.
    let mut s = String::with_capacity(100 * (b.lines.len() + b.distances.len()) + 1024);
    let title =
        a.ws.project
            .title
            .as_ref()
            .map(|t| t.value.as_str())
            .unwrap_or("");
    let _ = writeln!(s, "Budget of \"{title}\" ({}, call {})", b.action, b.call);
    let width = 14;
    // Rows of `  {label:<38} {amount:>14}`, written piece by piece: a budget
    // of a thousand activities has thousands of lines.
    let row = |s: &mut String, label: &str, amount: Money| {
        s.push_str("  ");
        crate::text::push_padded(s, label, 38, false);
        s.push(' ');
        push_eur_right(s, amount, width);
    };
    // The subtotals, by category and the total are the budget's own sums.
    for (activity, subtotal) in b.by_activity() {
        let activity = activity.as_deref();
        s.push('\n');
        let title = match activity.and_then(|id| a.ws.activity(id)) {
            Some(act) => Some(act.title.as_ref()),
            None => activity
                .and_then(|id| a.ws.work_package(id))
                .map(|wp| wp.title.as_ref()),
        };
        match (activity, title) {
            (Some(name), Some(title)) => {
                s.push_str(name);
                s.push_str(": ");
                s.push_str(title.map(|t| t.value.as_str()).unwrap_or(""));
            }
            _ => s.push_str("project-level costs"),
        }
        s.push('\n');
        for l in a.index.lines(b, activity) {
            row(&mut s, l.category.label(), l.amount);
            s.push_str("  ");
            if let (Some(n), Some(f)) = (l.flow, &l.from) {
                s.push_str("flow ");
                s.push_str(itoa::Buffer::new().format(n));
                s.push_str(" from ");
                s.push_str(f);
                s.push_str(": ");
            }
            s.push_str(&l.basis);
            s.push('\n');
        }
        row(&mut s, "subtotal", subtotal);
        s.push('\n');
    }
    s.push_str("\nBy category\n");
    for (c, m) in b.by_category() {
        row(&mut s, c.label(), m);
        s.push('\n');
    }
    s.push('\n');
    row(&mut s, "TOTAL GRANT", b.total());
    s.push('\n');
    if !b.distances.is_empty() {
        s.push_str("\nDistances (one way)\n");
        for d in &b.distances {
            let how = if d.computed { "great-circle" } else { "given" };
            s.push_str("  ");
            s.push_str(&d.activity);
            s.push_str(" flow ");
            s.push_str(itoa::Buffer::new().format(d.flow));
            s.push_str(": ");
            s.push_str(&d.origin);
            s.push_str(" to ");
            s.push_str(&d.venue);
            s.push_str(": ");
            crate::budget::distance::push_km(&mut s, d.km);
            s.push_str(" km (");
            s.push_str(how);
            s.push_str("), ");
            s.push_str(d.band.as_deref().unwrap_or("under 10 km, no travel grant"));
            s.push_str(if d.green { ", green travel\n" } else { "\n" });
        }
    }
    s
}
