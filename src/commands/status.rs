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
use crate::view::{self, Context};
use crate::{EXIT_FINDINGS, EXIT_OK};

#[derive(Debug, Serialize)]
pub struct Report {
    pub title: String,
    pub action: String,
    pub call: Option<u32>,
    pub round: Option<u32>,
    pub today: String,
    /// The round's application deadline, if the rule pack gives one.
    pub deadline: Option<String>,
    pub deadline_time: Option<String>,
    /// Negative once the deadline has passed.
    pub days_left: Option<i64>,
    pub fields: Counts,
    pub sections: Vec<Section>,
    pub organisations: Vec<Organisation>,
    pub organisations_without_oid: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub total: usize,
    pub filled: usize,
    pub empty: usize,
    pub missing: usize,
    pub over: usize,
    /// Fields coopcom does not ask for (answered yes or no in the form,
    /// or asked only in some cases) that have no text.
    pub optional: usize,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    /// `project`, `organisation`, `activity`, `work-package` or `flow`.
    pub scope: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
pub struct Field {
    pub key: String,
    /// The organisation, activity, work package (`a1`) or flow
    /// (`a1/flows/2`) the field is asked of; empty for the project.
    pub entity: String,
    pub question: String,
    /// "filled", "empty", "missing", "over" or "optional".
    pub state: &'static str,
    pub chars: usize,
    pub limit: Option<u32>,
    /// The limit is coopcom's assumption, not confirmed from the form.
    pub limit_assumed: bool,
    /// Where the limit comes from: its status and source.
    pub limit_status: Option<String>,
    pub limit_source: Option<String>,
    /// Where the text lives (or belongs), relative to the workspace.
    pub file: String,
}

#[derive(Debug, Serialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub role: String,
    pub oid: Option<String>,
}

pub fn run(args: &StatusArgs, out: &Output) -> Result<i32> {
    let today = crate::rules::calendar::today(args.today)?;
    let a = analyse_on(
        args.workspace.dir.as_deref(),
        args.workspace.rules.as_deref(),
        Some(today),
    )?;
    let ctx = view::build(&a);
    let report = report(&a, &ctx, today);
    let text = match args.format {
        StatusFormat::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        StatusFormat::Human => human(&report, out.color_stdout),
    };
    out.data(&text)?;
    Ok(if report.errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

/// The report `status` prints, also the dashboard of `coopcom serve`.
pub fn report(a: &Analysis, ctx: &Context, today: NaiveDate) -> Report {
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
            scope: s.scope.clone(),
            fields: std::iter::once((String::new(), &s.fields))
                .chain(s.groups.iter().map(|g| (g.id.clone(), &g.fields)))
                .flat_map(|(entity, fields)| fields.iter().map(move |f| (entity.clone(), f)))
                .map(|(entity, f)| {
                    let state = match f.state.as_str() {
                        "missing" => "missing",
                        "empty" => "empty",
                        "over" => "over",
                        "optional" => "optional",
                        _ => "filled",
                    };
                    counts.total += 1;
                    match state {
                        "missing" => counts.missing += 1,
                        "empty" => counts.empty += 1,
                        "over" => counts.over += 1,
                        "optional" => counts.optional += 1,
                        _ => counts.filled += 1,
                    }
                    let limit: Option<u32> = f.limit.parse().ok();
                    Field {
                        key: f.key.clone(),
                        entity,
                        question: f.question.clone(),
                        state,
                        chars: f.chars,
                        limit,
                        limit_assumed: f.limit_assumed,
                        limit_status: limit.map(|_| f.limit_status.clone()),
                        limit_source: limit.map(|_| f.limit_source.clone()),
                        file: f.file.clone(),
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

use crate::text::plural;

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
        "form: {} of {} filled, {} empty, {} missing, {} over the limit{}",
        f.filled,
        plural(f.total - f.optional, "field", "fields"),
        f.empty,
        f.missing,
        f.over,
        if f.optional > 0 {
            format!(
                "; {} not asked for without text",
                plural(f.optional, "field", "fields")
            )
        } else {
            String::new()
        }
    );
    let label = |f: &Field| {
        if f.entity.is_empty() {
            f.key.clone()
        } else {
            format!("{}/{}", f.entity, f.key)
        }
    };
    let width = r
        .sections
        .iter()
        .flat_map(|x| x.fields.iter().map(|f| label(f).chars().count()))
        .max()
        .unwrap_or(0);
    // Where the limits come from: each limit with its status (or
    // "assumed") and source, and the number of fields it applies to, in
    // order of first use.
    let mut sources: Vec<(u32, String, String, usize)> = Vec::new();
    for sec in &r.sections {
        let folder = match sec.scope.as_str() {
            "organisation" => "narrative/organisations/<id>/".to_string(),
            "activity" => "narrative/activities/<id>/".to_string(),
            "work-package" => "narrative/work-packages/<id>/".to_string(),
            "flow" => "activities/<id>.toml, in each [[flows]]".to_string(),
            _ => format!("narrative/{}/", sec.key),
        };
        if sec.fields.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{} ({folder})", sec.title);
        for f in &sec.fields {
            let limit = match f.limit {
                Some(l) => {
                    let standing = if f.limit_assumed {
                        "assumed".to_string()
                    } else {
                        f.limit_status.clone().unwrap_or_default()
                    };
                    let source = f.limit_source.clone().unwrap_or_default();
                    match sources
                        .iter_mut()
                        .find(|(v, st, so, _)| *v == l && *st == standing && *so == source)
                    {
                        Some(x) => x.3 += 1,
                        None => sources.push((l, standing.clone(), source, 1)),
                    }
                    format!("{l} {standing}")
                }
                None => "no limit".to_string(),
            };
            let over = match f.limit {
                Some(l) if f.state == "over" => format!("  ({} over)", f.chars.saturating_sub(l as usize)),
                _ => String::new(),
            };
            let sign = if f.state == "optional" {
                "·".to_string()
            } else {
                mark(f.state == "filled", color)
            };
            let _ = writeln!(
                s,
                "  {sign} {:width$}  {:8}  {:>5} / {limit}{over}",
                label(f),
                f.state,
                f.chars,
            );
        }
    }
    if !sources.is_empty() {
        let _ = writeln!(s, "\nWhere the character limits come from");
        for (value, standing, source, n) in &sources {
            let _ = writeln!(
                s,
                "  {value:>5}  {standing:<11}  {}: {source}",
                plural(*n, "field", "fields")
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
    s
}
