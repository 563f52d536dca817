//! `coopcom status`: how complete the application is, like the red and green
//! marks of the web form: every form field (filled, empty, missing or over
//! its limit), the organisations without an Organisation ID, and the days
//! left to the round's deadline. The field states and character counts are
//! those of the render context, so `status` and `render` always agree.
//!
//! Exit status: 0 when the workspace has no error (however incomplete the
//! draft), 1 when it has errors (the report is printed all the same), 2
//! when coopcom could not run.
//!
//! The marks are always `✓` and `✗` (colour is a separate choice, and the
//! state is written beside each mark, so no ASCII fallback is needed).

use std::fmt::Write as _;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::{Analysis, analyse_on};
use crate::cli::{StatusArgs, StatusFormat};
use crate::diagnostics::Summary;
use crate::output::Output;
use crate::render::context::{self, Context};
use crate::{EXIT_FINDINGS, EXIT_OK};

#[derive(Debug, Serialize)]
struct Report {
    title: String,
    action: String,
    call: Option<u32>,
    round: Option<u32>,
    today: String,
    /// The round's application deadline, if the rule pack gives one.
    deadline: Option<String>,
    deadline_time: Option<String>,
    /// Negative once the deadline has passed.
    days_left: Option<i64>,
    fields: Counts,
    sections: Vec<Section>,
    organisations: Vec<Organisation>,
    organisations_without_oid: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(Debug, Default, Serialize)]
struct Counts {
    total: usize,
    filled: usize,
    empty: usize,
    missing: usize,
    over: usize,
}

#[derive(Debug, Serialize)]
struct Section {
    key: String,
    title: String,
    fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
struct Field {
    key: String,
    question: String,
    /// "filled", "empty", "missing" or "over".
    state: &'static str,
    chars: usize,
    limit: Option<u32>,
    /// The limit is coopcom's assumption, not confirmed from the form.
    limit_assumed: bool,
}

#[derive(Debug, Serialize)]
struct Organisation {
    id: String,
    name: String,
    role: String,
    oid: Option<String>,
}

pub fn run(args: &StatusArgs, out: &Output) -> Result<i32> {
    let today = crate::rules::calendar::today(args.today)?;
    let a = analyse_on(
        args.workspace.dir.as_deref(),
        args.workspace.rules.as_deref(),
        Some(today),
    )?;
    let ctx = context::build(&a);
    let report = report(&a, &ctx, today);
    let text = match args.format {
        StatusFormat::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        StatusFormat::Human => human(&report, out.color_stdout),
    };
    out.data(&text)?;
    Ok(if report.errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

fn report(a: &Analysis, ctx: &Context, today: NaiveDate) -> Report {
    let round = a.rules.as_ref().and_then(|r| {
        let n = a.ws.project.round.as_ref()?.value;
        r.action.rounds.iter().find(|x| x.round == n)
    });
    let deadline = round.and_then(|r| r.deadline());
    let mut counts = Counts::default();
    let sections: Vec<Section> = ctx
        .sections
        .iter()
        .map(|s| Section {
            key: s.key.clone(),
            title: s.title.clone(),
            fields: s
                .fields
                .iter()
                .map(|f| {
                    let state = match f.state.as_str() {
                        "missing" => "missing",
                        "empty" => "empty",
                        "over" => "over",
                        _ => "filled",
                    };
                    counts.total += 1;
                    match state {
                        "missing" => counts.missing += 1,
                        "empty" => counts.empty += 1,
                        "over" => counts.over += 1,
                        _ => counts.filled += 1,
                    }
                    Field {
                        key: f.key.clone(),
                        question: f.question.clone(),
                        state,
                        chars: f.chars,
                        limit: f.limit.parse().ok(),
                        limit_assumed: f.limit_assumed,
                    }
                })
                .collect(),
        })
        .collect();
    let organisations: Vec<Organisation> = ctx
        .partners
        .iter()
        .map(|p| Organisation {
            id: p.id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            oid: Some(p.oid.clone()).filter(|o| !o.is_empty()),
        })
        .collect();
    let summary = Summary::of(&a.diagnostics);
    Report {
        title: ctx.project.title.clone(),
        action: ctx.project.action.clone(),
        call: a.ws.project.call.as_ref().map(|c| c.value),
        round: a.ws.project.round.as_ref().map(|r| r.value),
        today: today.to_string(),
        deadline: deadline.map(|d| d.to_string()),
        deadline_time: round.and_then(|r| r.deadline_time.clone()),
        days_left: deadline.map(|d| (d - today).num_days()),
        fields: counts,
        organisations_without_oid: organisations.iter().filter(|o| o.oid.is_none()).count(),
        sections,
        organisations,
        errors: summary.errors,
        warnings: summary.warnings,
        notes: summary.notes,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A mark that does not rely on colour alone: the state is always written too.
fn mark(ok: bool, color: bool) -> String {
    let (sign, hue) = if ok {
        ("✓", anstyle::AnsiColor::Green)
    } else {
        ("✗", anstyle::AnsiColor::Red)
    };
    if color {
        let style = anstyle::Style::new().fg_color(Some(hue.into()));
        format!("{style}{sign}{style:#}")
    } else {
        sign.to_string()
    }
}

fn human(r: &Report, color: bool) -> String {
    let mut s = String::new();
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "{}: {}, call {}, round {}",
        if r.title.is_empty() {
            "(no title)"
        } else {
            &r.title
        },
        r.action,
        number(r.call),
        number(r.round)
    );
    let when = match (&r.deadline, r.days_left) {
        (Some(d), Some(n)) => {
            let time = r
                .deadline_time
                .as_deref()
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            let left = match n {
                0 => "today".to_string(),
                n if n < 0 => format!("passed {} ago", plural(n.unsigned_abs() as usize, "day", "days")),
                n => format!("{} left", plural(n as usize, "day", "days")),
            };
            format!("deadline {d}{time}: {left} (today is {})", r.today)
        }
        _ => "deadline: unknown (no rule pack for this action, call and round)".to_string(),
    };
    let _ = writeln!(s, "{when}");
    let f = &r.fields;
    let _ = writeln!(
        s,
        "form: {} of {} filled, {} empty, {} missing, {} over the limit",
        f.filled,
        plural(f.total, "field", "fields"),
        f.empty,
        f.missing,
        f.over
    );
    let width = r
        .sections
        .iter()
        .flat_map(|x| x.fields.iter().map(|f| f.key.len()))
        .max()
        .unwrap_or(0);
    let mut assumed = false;
    for sec in &r.sections {
        let _ = writeln!(s, "\n{} (narrative/{}/)", sec.title, sec.key);
        for f in &sec.fields {
            let limit = match f.limit {
                Some(l) => {
                    assumed |= f.limit_assumed;
                    format!("{l}{}", if f.limit_assumed { "*" } else { "" })
                }
                None => "no limit".to_string(),
            };
            let over = match f.limit {
                Some(l) if f.state == "over" => format!("  ({} over)", f.chars.saturating_sub(l as usize)),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "  {} {:width$}  {:7}  {:>5} / {limit}{over}",
                mark(f.state == "filled", color),
                f.key,
                f.state,
                f.chars,
            );
        }
    }
    if !r.organisations.is_empty() {
        let _ = writeln!(s, "\nOrganisations");
        let width = r.organisations.iter().map(|o| o.id.len()).max().unwrap_or(0);
        for o in &r.organisations {
            let oid = o.oid.clone().unwrap_or_else(|| "no Organisation ID (OID)".into());
            let _ = writeln!(
                s,
                "  {} {:width$}  {oid}  {} ({})",
                mark(o.oid.is_some(), color),
                o.id,
                o.name,
                o.role
            );
        }
    }
    let _ = writeln!(
        s,
        "\ncheck: {}, {}, {}{}",
        plural(r.errors, "error", "errors"),
        plural(r.warnings, "warning", "warnings"),
        plural(r.notes, "note", "notes"),
        if r.errors + r.warnings > 0 {
            " (`coopcom check` lists them)"
        } else {
            ""
        }
    );
    if assumed {
        let _ = writeln!(s, "* a limit assumed by coopcom, not confirmed from the form");
    }
    s
}
