//! `coopcom rules diff --call A --call B [--action X]`: every figure whose
//! value differs between the two calls' packs in force, or that one of them
//! lacks, with both values, statuses and sources. What a user reads when a
//! new Programme Guide comes out, or after installing corrections.
//!
//! Only values are compared: a figure carried over unchanged has another
//! status and source, but the same value, and is counted, not listed.
//! Figures of the call-wide tables (countries, travel bands, day rates)
//! that differ alike for every action are listed once.
//!
//! Exit status: 0 when the report was printed, whether or not the packs
//! differ (it is a report, not a test); 2 when a call or an action is
//! unknown or a pack cannot be used.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{RulesDiffArgs, RulesFormat};
use crate::output::Output;
use crate::pack::figures::{self, Row};
use crate::pack::registry::{self, Rules};
use crate::pack::sources::{Origin, PackSources};
use crate::{EXIT_FAILURE, EXIT_OK};

/// One side of a difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Side {
    call: u32,
    value: String,
    status: String,
    source: String,
    /// Where the figure comes from: built-in, installed, workspace.
    from: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Change {
    figure: String,
    /// `changed`, `only-in-first` or `only-in-second`.
    change: &'static str,
    first: Option<Side>,
    second: Option<Side>,
}

#[derive(Debug, Serialize)]
struct ActionDiff {
    action: String,
    changes: Vec<Change>,
    /// Figures with the same value in both packs.
    same: usize,
    /// Of those, the ones the second pack carries over unchecked.
    same_carried_over: usize,
}

#[derive(Debug, Serialize)]
struct Report {
    first: u32,
    second: u32,
    /// Differences of the call-wide tables shared by every action.
    every_action: Vec<Change>,
    actions: Vec<ActionDiff>,
}

fn side(call: u32, row: &Row, origins: &BTreeMap<String, Origin>) -> Side {
    Side {
        call,
        value: row.value.clone(),
        status: row.status.clone(),
        source: row.source.clone(),
        from: origins.get(&row.figure).copied().unwrap_or(Origin::BuiltIn),
        note: row.note.clone(),
    }
}

fn compare(a: &Rules, b: &Rules) -> (Vec<Change>, usize, usize) {
    let (ca, cb) = (a.call.pack.call, b.call.pack.call);
    let (oa, ob) = (figures::origins(a), figures::origins(b));
    let rows_a = figures::rows(a);
    let rows_b = figures::rows(b);
    let by_a: BTreeMap<&str, &Row> = rows_a.iter().map(|r| (r.figure.as_str(), r)).collect();
    let by_b: BTreeMap<&str, &Row> = rows_b.iter().map(|r| (r.figure.as_str(), r)).collect();
    let mut changes = Vec::new();
    let (mut same, mut carried) = (0, 0);
    for r in &rows_a {
        match by_b.get(r.figure.as_str()) {
            Some(o) if o.value == r.value => {
                same += 1;
                carried += usize::from(o.carried_over);
            }
            Some(o) => changes.push(Change {
                figure: r.figure.clone(),
                change: "changed",
                first: Some(side(ca, r, &oa)),
                second: Some(side(cb, o, &ob)),
            }),
            None => changes.push(Change {
                figure: r.figure.clone(),
                change: "only-in-first",
                first: Some(side(ca, r, &oa)),
                second: None,
            }),
        }
    }
    for r in rows_b.iter().filter(|r| !by_a.contains_key(r.figure.as_str())) {
        changes.push(Change {
            figure: r.figure.clone(),
            change: "only-in-second",
            first: None,
            second: Some(side(cb, r, &ob)),
        });
    }
    (changes, same, carried)
}

pub fn run(args: &RulesDiffArgs, out: &Output) -> Result<i32> {
    let [first, second] = args.calls.as_slice() else {
        out.error("give two calls to compare: `coopcom rules diff --call 2026 --call 2027`");
        return Ok(EXIT_FAILURE);
    };
    let (first, second) = (*first, *second);
    let (root, _) = super::rules::here();
    let sources = PackSources::standard(root.as_deref(), None);
    let actions: Vec<(String, String)> = match &args.action {
        Some(given) => {
            let code = given.trim().to_uppercase();
            let resolvable = registry::pack_file_of(&code).map(|_| code.clone()).or_else(|| {
                registry::action_files()
                    .into_iter()
                    .find(|(f, _)| *f == code)
                    .map(|(_, c)| c.to_string())
            });
            match resolvable {
                Some(c) => vec![(code, c)],
                None => {
                    out.error(&format!(
                        "\"{given}\" is not an action coopcom supports; supported: {}",
                        registry::ACTIONS.join(", ")
                    ));
                    return Ok(EXIT_FAILURE);
                }
            }
        }
        None => registry::action_files()
            .into_iter()
            .map(|(f, c)| (f.to_string(), c.to_string()))
            .collect(),
    };
    let mut diffs = Vec::new();
    for (label, code) in &actions {
        let a = match super::rules::resolve(code, first, &sources, out)? {
            Ok(r) => r,
            Err(code) => return Ok(code),
        };
        let b = match super::rules::resolve(code, second, &sources, out)? {
            Ok(r) => r,
            Err(code) => return Ok(code),
        };
        let (changes, same, same_carried_over) = compare(&a, &b);
        diffs.push(ActionDiff {
            action: label.clone(),
            changes,
            same,
            same_carried_over,
        });
    }
    // Call-wide differences that every action shares are listed once.
    let mut every_action = Vec::new();
    if diffs.len() > 1
        && let Some(head) = diffs.first()
    {
        every_action = head
            .changes
            .iter()
            .filter(|c| c.figure.starts_with("call."))
            .filter(|c| diffs.iter().all(|d| d.changes.contains(c)))
            .cloned()
            .collect();
        for d in &mut diffs {
            d.changes.retain(|c| !every_action.contains(c));
        }
    }
    let report = Report {
        first,
        second,
        every_action,
        actions: diffs,
    };
    match args.format {
        RulesFormat::Json => out.data(&format!("{}\n", serde_json::to_string_pretty(&report)?))?,
        RulesFormat::Table => out.data(&human(&report))?,
    }
    Ok(EXIT_OK)
}

fn block(s: &mut String, c: &Change) {
    let _ = writeln!(s, "  {}", c.figure);
    for x in [&c.first, &c.second].into_iter().flatten() {
        let note = x.note.as_deref().map(|n| format!("  ({n})")).unwrap_or_default();
        let from = if x.from == Origin::BuiltIn {
            String::new()
        } else {
            format!(", {}", x.from.label())
        };
        let _ = writeln!(s, "    {}: {}{note}", x.call, x.value);
        let _ = writeln!(s, "          [{}{from}] {}", x.status, x.source);
    }
    let missing = match (c.first.is_none(), c.second.is_none()) {
        (true, _) => Some("first"),
        (_, true) => Some("second"),
        _ => None,
    };
    if let Some(m) = missing {
        let _ = writeln!(s, "    (not in the {m} pack)");
    }
}

fn human(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Rule packs of call {} and call {}: the figures whose value differs, or that one pack lacks",
        r.first, r.second
    );
    let total: usize = r.every_action.len() + r.actions.iter().map(|a| a.changes.len()).sum::<usize>();
    if !r.every_action.is_empty() {
        let _ = writeln!(s, "\nEvery action (call-wide figures)");
        for c in &r.every_action {
            block(&mut s, c);
        }
    }
    for a in &r.actions {
        let _ = writeln!(s, "\n{}", a.action);
        if a.changes.is_empty() {
            let _ = writeln!(s, "  no figure of its own differs");
        }
        for c in &a.changes {
            block(&mut s, c);
        }
        let _ = writeln!(
            s,
            "  same value in both: {} figure{}{}",
            a.same,
            if a.same == 1 { "" } else { "s" },
            if a.same_carried_over > 0 {
                format!(
                    " ({} of them carried over to call {} unchecked)",
                    a.same_carried_over, r.second
                )
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(s, "\n{total} difference{}", if total == 1 { "" } else { "s" });
    s
}
