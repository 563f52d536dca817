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

use crate::analysis::analyse_on;
use crate::cli::{StatusArgs, StatusFormat};
use crate::output::Output;
use crate::view;
use crate::view::status::{Field, Report, report};
use crate::{EXIT_FINDINGS, EXIT_OK};

pub fn run(args: &StatusArgs, out: &Output) -> Result<i32> {
    let today = crate::rules::calendar::today(args.today)?;
    let mut a = analyse_on(
        args.workspace.dir.as_deref(),
        args.workspace.rules.as_deref(),
        Some(today),
    )?;
    let final_report = if a.ws.results.exists() {
        crate::results::report::FinalReport::build(&mut a).map(|fr| view::report_status(&fr))
    } else {
        None
    };
    let ctx = view::build(&a);
    let mut report = report(&a, &ctx, today);
    report.final_report = final_report;
    let text = match args.format {
        StatusFormat::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        StatusFormat::Human => human(&report, out.color_stdout),
    };
    out.data(&text)?;
    Ok(if report.errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
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
    let when = match r.deadline_words() {
        Some((deadline, left, _)) => format!("deadline {deadline}: {left} (today is {})", r.today),
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
    if let Some(fr) = &r.final_report {
        final_report(&mut s, fr, color);
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

/// The final report's part of `status`: its texts, the activities reported
/// or not, the targets with their actual values, the final grant.
fn final_report(s: &mut String, fr: &view::ReportStatus, color: bool) {
    let eur = crate::render::filters::eur;
    let _ = writeln!(
        s,
        "\nFinal report (results/, narrative/report/): final grant {}{}",
        eur(&fr.final_grant),
        fr.awarded
            .as_deref()
            .map(|a| format!(", awarded {}", eur(a)))
            .unwrap_or_default()
    );
    let filled = fr.texts.iter().filter(|t| t.state == "filled").count();
    let _ = writeln!(s, "  texts: {filled} of {} written", fr.texts.len());
    let width = fr.texts.iter().map(|t| t.file.len()).max().unwrap_or(0);
    for t in &fr.texts {
        let limit = t.limit.map_or_else(|| "no limit".to_string(), |l| l.to_string());
        let _ = writeln!(
            s,
            "  {} {:width$}  {:8}  {:>5} / {limit}",
            mark(t.state == "filled", color),
            t.file,
            t.state,
            t.chars
        );
    }
    let reported = fr
        .activities
        .iter()
        .filter(|a| a.outcome != "not reported yet")
        .count();
    let _ = writeln!(s, "  activities: {reported} of {} reported", fr.activities.len());
    let width = fr.activities.iter().map(|a| a.id.len()).max().unwrap_or(0);
    for a in &fr.activities {
        let _ = writeln!(
            s,
            "  {} {:width$}  {}",
            mark(a.outcome != "not reported yet", color),
            a.id,
            a.outcome
        );
    }
    if !fr.targets.is_empty() {
        let with = fr.targets.iter().filter(|t| t.actual.is_some()).count();
        let _ = writeln!(
            s,
            "  targets: {with} of {} with an actual value",
            fr.targets.len()
        );
        let width = fr.targets.iter().map(|t| t.id.len()).max().unwrap_or(0);
        for t in &fr.targets {
            let figures = match (&t.actual, &t.target) {
                (Some(a), Some(g)) => format!("{a} of {g}"),
                (None, Some(g)) => format!("- of {g}"),
                (Some(a), None) => a.clone(),
                (None, None) => "-".into(),
            };
            let pct = t
                .percent
                .as_deref()
                .map(|p| format!(" ({p} %)"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} {:width$}  {figures}: {}{pct}",
                mark(t.status == "met", color),
                t.id,
                t.status
            );
        }
    }
}
