//! `coopcom report`: after the award, what took place against the plan,
//! the realised grant computed again by the one budget engine, and the
//! final grant; `coopcom report init` starts `results/` from the plan.
//!
//! Exit status: 0; 1 when the workspace or what took place has errors (the
//! report is printed all the same when only the results have them); 2 when
//! coopcom could not run.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::analyse;
use crate::cli::{ReportArgs, ReportCommand, ReportFormat, ReportInitArgs};
use crate::diagnostics::{Severity, render as diag_render};
use crate::money::format_eur;
use crate::output::Output;
use crate::results;
use crate::results::report::{Report, Side, build};
use crate::workspace::results::{ACTIVITIES, REPORT};
use crate::workspace::{self, Workspace, spec};
use crate::{EXIT_FINDINGS, EXIT_OK, writer};

pub fn run(args: &ReportArgs, out: &Output) -> Result<i32> {
    if let Some(ReportCommand::Init(init)) = &args.command {
        return run_init(init, out);
    }
    let mut a = analyse(args.workspace.dir.as_deref(), args.workspace.rules.as_deref())?;
    if super::blocked_by_errors(&a, out, "no report", false) {
        return Ok(EXIT_FINDINGS);
    }
    let (Some(rules), Some(planned)) = (a.rules.take(), a.budget.take()) else {
        bail!("no rule pack for this workspace: `coopcom check` says why");
    };
    let realised = results::realise(&mut a.ws, &rules);
    let report = build(&a.ws, &planned, &realised);
    let text = match args.format {
        ReportFormat::Json => {
            let findings = diag_render::json_report(&realised.findings, &a.ws.sources);
            let json = Json {
                report: &report,
                findings: findings.diagnostics,
            };
            format!("{}\n", serde_json::to_string_pretty(&json)?)
        }
        ReportFormat::Table => table(&report),
        ReportFormat::Md => markdown(&report),
    };
    out.data(&text)?;
    let mut notes = String::new();
    // Notes (a cap reached, a figure's status) are in the JSON; the
    // terminal shows what needs an answer.
    for d in realised.findings.iter().filter(|d| d.severity != Severity::Note) {
        notes.push_str(&diag_render::human(d, &a.ws.sources, out.color));
        notes.push_str("\n\n");
    }
    out.status(&notes);
    let errors = realised
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        out.error(&format!(
            "what took place breaks {errors} rule{} of the action: the realised grant above is not what will be paid until {} answered",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it is" } else { "they are" }
        ));
        return Ok(EXIT_FINDINGS);
    }
    Ok(EXIT_OK)
}

#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    report: &'a Report,
    findings: Vec<diag_render::JsonDiagnostic<'a>>,
}

fn eur(s: &str) -> String {
    s.parse::<Decimal>()
        .map(format_eur)
        .unwrap_or_else(|_| s.to_string())
}

fn side_text(s: Option<&Side>) -> String {
    match s {
        Some(s) => format!(
            "{} participants ({} women, {} with fewer opportunities), {} persons, {}",
            s.participants,
            s.women,
            s.fewer_opportunities,
            s.persons,
            s.band.as_deref().unwrap_or("no travel band")
        ),
        None => "-".into(),
    }
}

fn days(d: Option<i64>) -> String {
    d.map(|d| format!("{d} days")).unwrap_or_else(|| "-".into())
}

fn totals(r: &Report, s: &mut String, bullet: &str) {
    let _ = writeln!(s, "{bullet}Planned grant:   {}", eur(&r.planned));
    let _ = writeln!(s, "{bullet}Realised grant:  {}", eur(&r.realised));
    if r.unpaid_shares != "0.00" {
        let _ = writeln!(
            s,
            "{bullet}Not paid:        {} ({})",
            eur(&r.unpaid_shares),
            r.unpaid_basis
        );
    }
    let _ = writeln!(
        s,
        "{bullet}Awarded:         {}",
        r.awarded
            .as_deref()
            .map(eur)
            .unwrap_or_else(|| "not given (results/report.toml [grant] awarded)".into())
    );
    let _ = writeln!(s, "{bullet}Final grant:     {}", eur(&r.final_grant));
    let _ = writeln!(s, "{bullet}Other income:    {}", eur(&r.income_total));
    let _ = writeln!(s, "{bullet}Total resources: {}", eur(&r.total_resources));
}

/// The readable report.
pub fn table(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Final report of \"{}\" ({}, call {})\n",
        r.title, r.action, r.call
    );
    totals(r, &mut s, "");
    if !r.work_packages.is_empty() {
        let _ = writeln!(s, "\nWork packages");
        for w in &r.work_packages {
            let _ = writeln!(
                s,
                "  {}: {} [{}] share: planned {}, realised {}",
                w.id,
                w.title,
                w.outcome,
                eur(&w.planned_grant),
                eur(&w.realised_grant)
            );
        }
    }
    for a in &r.activities {
        let _ = writeln!(s, "\n{}: {} [{}]", a.id, a.title, a.outcome);
        let _ = writeln!(
            s,
            "  days: planned {}, realised {}; grant: planned {}, realised {}",
            days(a.planned_days),
            days(a.realised_days),
            eur(&a.planned_grant),
            eur(&a.realised_grant)
        );
        for f in &a.flows {
            let _ = writeln!(s, "  from {}", f.from);
            let _ = writeln!(s, "    planned:  {}", side_text(f.planned.as_ref()));
            let _ = writeln!(s, "    realised: {}", side_text(f.realised.as_ref()));
        }
    }
    if !r.targets.is_empty() {
        let _ = writeln!(s, "\nTargets");
        for t in &r.targets {
            let _ = writeln!(
                s,
                "  {}: {} -- target {}, actual {}: {}",
                t.id,
                t.indicator,
                t.target.as_deref().unwrap_or("-"),
                t.actual.as_deref().unwrap_or("-"),
                t.outcome()
            );
        }
    }
    if !r.income.is_empty() {
        let _ = writeln!(s, "\nOther income");
        for i in &r.income {
            let _ = writeln!(
                s,
                "  {}: {}{}",
                i.kind,
                eur(&i.amount),
                i.from
                    .as_deref()
                    .map(|f| format!(" from {f}"))
                    .unwrap_or_default()
            );
        }
    }
    if !r.follow_ups.is_empty() {
        let _ = writeln!(s, "\nFollow-up projects");
        for f in &r.follow_ups {
            let _ = writeln!(
                s,
                "  {}{}: {}",
                f.title,
                f.reference
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default(),
                f.status
            );
        }
    }
    s
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Final report: {}\n", cell(&r.title));
    let _ = writeln!(s, "{}, call {}\n", r.action, r.call);
    totals(r, &mut s, "- ");
    let _ = writeln!(s, "\n## Activities\n");
    let _ = writeln!(
        s,
        "| activity | status | from | planned | realised |\n| --- | --- | --- | --- | --- |"
    );
    for a in &r.activities {
        let _ = writeln!(
            s,
            "| {} ({}) | {} | | {}, {} | {}, {} |",
            a.id,
            cell(&a.title),
            a.outcome,
            days(a.planned_days),
            eur(&a.planned_grant),
            days(a.realised_days),
            eur(&a.realised_grant)
        );
        for f in &a.flows {
            let _ = writeln!(
                s,
                "| | | {} | {} | {} |",
                cell(&f.from),
                side_text(f.planned.as_ref()),
                side_text(f.realised.as_ref())
            );
        }
    }
    if !r.targets.is_empty() {
        let _ = writeln!(s, "\n## Targets\n");
        let _ = writeln!(
            s,
            "| target | indicator | aimed | reached | status |\n| --- | --- | --- | --- | --- |"
        );
        for t in &r.targets {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                t.id,
                cell(&t.indicator),
                t.target.as_deref().unwrap_or("-"),
                t.actual.as_deref().unwrap_or("-"),
                t.outcome()
            );
        }
    }
    if !r.income.is_empty() {
        let _ = writeln!(s, "\n## Other income\n");
        let _ = writeln!(s, "| kind | amount | from |\n| --- | --- | --- |");
        for i in &r.income {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                i.kind,
                eur(&i.amount),
                cell(i.from.as_deref().unwrap_or(""))
            );
        }
    }
    if !r.follow_ups.is_empty() {
        let _ = writeln!(s, "\n## Follow-up projects\n");
        for f in &r.follow_ups {
            let _ = writeln!(
                s,
                "- {}{}: {}",
                cell(&f.title),
                f.reference
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default(),
                f.status
            );
        }
    }
    s
}

/// The line of `.gitignore` that keeps personal data out of the repository.
pub const PRIVATE_LINE: &str = "private/";

/// `coopcom report init`: the planned activities copied, as written, into
/// `results/activities/` (an existing file is never touched), the
/// `results/report.toml` scaffold if absent, and `private/` in `.gitignore`.
fn run_init(args: &ReportInitArgs, out: &Output) -> Result<i32> {
    let cwd = std::env::current_dir()?;
    let root = workspace::discover(args.dir.as_deref(), &cwd)?;
    let (ws, _) = workspace::load(&root)?;
    let mut files = Vec::new();
    let mut kept = Vec::new();
    for a in &ws.activities {
        let rel = format!("{ACTIVITIES}/{}.toml", a.id.value);
        if std::fs::symlink_metadata(root.join(&rel)).is_ok() {
            kept.push(rel);
            continue;
        }
        let text = ws
            .sources
            .get(a.file)
            .map(|f| f.text.as_str())
            .unwrap_or_default();
        files.push((rel, results_copy(text).into_bytes()));
    }
    if std::fs::symlink_metadata(root.join(REPORT)).is_err() {
        files.push((REPORT.to_string(), report_scaffold(&ws).into_bytes()));
    } else {
        kept.push(REPORT.to_string());
    }
    let written: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    writer::create_new_all(&root, &files)?;
    let gitignore = ignore_private(&root)?;
    let mut s = String::new();
    for w in &written {
        let _ = writeln!(s, "created {w}");
    }
    for k in &kept {
        let _ = writeln!(s, "kept {k} (it exists; coopcom never overwrites it)");
    }
    if let Some(g) = gitignore {
        let _ = writeln!(s, "{g}");
    }
    out.status(&s);
    Ok(EXIT_OK)
}

/// A planned activity's text as the start of its results file: where it
/// has the `#:schema` line `init` writes, the copy's points at the results
/// schema (two folders down); then a line says what to do.
pub(crate) fn results_copy(text: &str) -> String {
    let schema = || {
        spec::file_kind("results-activity")
            .map(|k| format!("#:schema ../../{}\n", k.schema_path()))
            .unwrap_or_default()
    };
    let (schema, body) = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("#:schema") => (schema(), rest),
        _ if text.starts_with("#:schema") => (schema(), ""),
        _ => (String::new(), text),
    };
    format!(
        "{schema}# As it took place: correct dates, venue and flows; `cancelled = true` if it did not happen.\n{body}"
    )
}

/// `results/report.toml` to fill in, every key with its doc from the spec.
fn report_scaffold(ws: &Workspace) -> String {
    let reference = ws
        .project
        .reference
        .as_ref()
        .map(|r| format!("reference = \"{}\"", r.value))
        .unwrap_or_else(|| "# reference = \"\"".into());
    let d = |fields: &[spec::Field], k: &str| spec::doc(fields, k);
    // The schema line only where `init` wrote the schemas.
    let schema = spec::file_kind("report")
        .filter(|k| ws.root.join(k.schema_path()).is_file())
        .map(|k| format!("#:schema ../{}\n", k.schema_path()))
        .unwrap_or_default();
    format!(
        "{schema}# The final report: the grant agreement, what was reached, other resources\n\
         # and follow-up projects. Every table is optional; `coopcom report` reads it.\n\
         \n\
         [grant]\n\
         # awarded = \"0.00\"  # {}\n\
         {reference}  # {}\n\
         \n\
         # [[actuals]]\n\
         # target = \"\"  # {}\n\
         # value = 0  # {}\n\
         # date = 2026-12-31  # {}\n\
         # source = \"\"  # {}\n\
         \n\
         # [[income]]\n\
         # kind = \"crowdfunding\"  # {}\n\
         # amount = \"0.00\"  # {}\n\
         # from = \"\"  # {}\n\
         \n\
         # [[follow_ups]]\n\
         # reference = \"\"  # {}\n\
         # title = \"\"  # {}\n\
         # status = \"submitted\"  # {}\n",
        d(spec::GRANT, "awarded"),
        d(spec::GRANT, "reference"),
        d(spec::ACTUAL, "target"),
        d(spec::ACTUAL, "value"),
        d(spec::ACTUAL, "date"),
        d(spec::ACTUAL, "source"),
        d(spec::INCOME, "kind"),
        d(spec::INCOME, "amount"),
        d(spec::INCOME, "from"),
        d(spec::FOLLOW_UP, "reference"),
        d(spec::FOLLOW_UP, "title"),
        d(spec::FOLLOW_UP, "status"),
    )
}

/// Makes `.gitignore` ignore `private/`: written when there is none; when
/// there is one without the line, the line is added at its end and the
/// rest kept as it was. Says what it did, if anything.
pub fn ignore_private(root: &Path) -> Result<Option<String>> {
    let path = root.join(".gitignore");
    match std::fs::symlink_metadata(&path) {
        Err(_) => {
            writer::create_new_all(
                root,
                &[(".gitignore".into(), format!("{PRIVATE_LINE}\n").into_bytes())],
            )?;
            Ok(Some(
                "created .gitignore with private/ (personal data stays out of the repository)".into(),
            ))
        }
        Ok(m) if m.is_file() => {
            let text = std::fs::read_to_string(&path)?;
            let ignored = text
                .lines()
                .map(str::trim)
                .any(|l| matches!(l, "private/" | "/private/" | "private" | "/private"));
            if ignored {
                return Ok(None);
            }
            let sep = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            let new = format!("{text}{sep}{PRIVATE_LINE}\n");
            writer::write_all(root, &[(".gitignore".into(), new.into_bytes())])?;
            Ok(Some(
                "added private/ to .gitignore (personal data stays out of the repository)".into(),
            ))
        }
        // A link or anything else is not ours to change.
        Ok(_) => Ok(Some(
            "warning: .gitignore is not a regular file: make sure it ignores private/".into(),
        )),
    }
}
