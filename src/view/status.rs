//! What `coopcom status` reports and the dashboard of `coopcom serve` shows:
//! every form field with its state, count and limit, the organisations
//! without an Organisation ID, the days left to the round's deadline, the
//! findings counted. Built from the view model, so `status`, `serve` and
//! `render` always agree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::diagnostics::Summary;
use crate::text::plural;

use super::{Context, ReportStatus};

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
    /// The final report's texts, activities and targets, once `results/`
    /// exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_report: Option<ReportStatus>,
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
            scope: s.scope.to_string(),
            fields: std::iter::once((String::new(), &s.fields))
                .chain(s.groups.iter().map(|g| (g.id.clone(), &g.fields)))
                .flat_map(|(entity, fields)| fields.iter().map(move |f| (entity.clone(), f)))
                .map(|(entity, f)| {
                    let state = match f.state {
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
                        limit_status: limit.map(|_| f.limit_status.to_string()),
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
        final_report: None,
        errors: summary.errors,
        warnings: summary.warnings,
        notes: summary.notes,
    }
}

impl Report {
    /// The round's deadline with its time ("2026-02-12 12:00:00 Brussels
    /// time"), the days left in words ("33 days left", "today", "passed 2
    /// days ago") and whether it has passed; `None` when no pack gives it.
    pub fn deadline_words(&self) -> Option<(String, String, bool)> {
        let (d, n) = (self.deadline.as_ref()?, self.days_left?);
        let time = self
            .deadline_time
            .as_deref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        let left = match n {
            0 => "today".to_string(),
            n if n < 0 => format!("passed {} ago", plural(n.unsigned_abs() as usize, "day", "days")),
            n => format!("{} left", plural(n as usize, "day", "days")),
        };
        Some((format!("{d}{time}"), left, n < 0))
    }
}
