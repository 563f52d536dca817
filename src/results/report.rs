//! The final report's model, built once from the one analysis: per
//! activity and flow what was planned and what took place, the realised and
//! final grants, the targets with their actual values, the other income and
//! the follow-up projects. `coopcom report` prints it; `render --report`,
//! `export docx --report` and `status` show it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Outcome, Realised};
use crate::budget::Budget;
use crate::money::plain;
use crate::workspace::{self, Activity, Flow, Workspace};

/// One side of a flow: the figures `report` compares.
#[derive(Debug, Serialize, PartialEq)]
pub struct Side {
    pub participants: u32,
    pub women: u32,
    pub fewer_opportunities: u32,
    /// Everyone who travels: participants, leaders, facilitators, accompanying.
    pub persons: u32,
    /// The distance band, `None` below the first band or when unknown.
    pub band: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FlowRow {
    pub from: String,
    pub planned: Option<Side>,
    pub realised: Option<Side>,
}

#[derive(Debug, Serialize)]
pub struct ActivityRow {
    pub id: String,
    pub title: String,
    /// "reported", "not reported yet" (the plan stands in) or "cancelled".
    pub outcome: &'static str,
    pub planned_days: Option<i64>,
    pub realised_days: Option<i64>,
    pub planned_grant: String,
    pub realised_grant: String,
    /// Where and when it took place (the plan's where not reported yet,
    /// the plan's for a cancelled one): city, country code and name, the
    /// first and last activity days.
    pub city: Option<String>,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Participants who took part (none for a cancelled activity), and the
    /// women among them.
    pub participants: u32,
    pub women: u32,
    pub flows: Vec<FlowRow>,
}

/// KA220: a work package and its share of the lump sum.
#[derive(Debug, Serialize)]
pub struct WorkPackageRow {
    pub id: String,
    pub title: String,
    /// "carried out" or "cancelled".
    pub outcome: &'static str,
    pub planned_grant: String,
    pub realised_grant: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TargetRow {
    pub id: String,
    pub indicator: String,
    pub unit: Option<String>,
    pub target: Option<String>,
    pub actual: Option<String>,
    /// "met", "missed" or "not reported".
    pub status: &'static str,
    /// The actual value as a whole percentage of the target.
    pub percent: Option<String>,
}

impl TargetRow {
    /// "met (150 %)", "missed (80 %)", "not reported": as both the table and
    /// the Markdown report show it.
    pub fn outcome(&self) -> String {
        match &self.percent {
            Some(p) => format!("{} ({p} %)", self.status),
            None => self.status.to_string(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct IncomeRow {
    pub kind: String,
    pub amount: String,
    pub from: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FollowUpRow {
    pub reference: Option<String>,
    pub title: String,
    pub status: String,
}

/// The report: every amount a two-decimal string.
#[derive(Debug, Serialize)]
pub struct Report {
    pub title: String,
    pub action: String,
    pub call: u32,
    pub planned: String,
    pub realised: String,
    pub awarded: Option<String>,
    pub final_grant: String,
    /// KA210: the lump-sum shares of cancelled activities, not paid.
    pub unpaid_shares: String,
    /// Why they are not paid, with the Guide's page: "lump-sum shares of
    /// cancelled activities (Programme Guide 2026 p. 250)" (KA210) or of
    /// cancelled work packages (p. 243, KA220); empty when nothing is cut.
    pub unpaid_basis: String,
    /// The status of the amount cut, as the packs mark a figure:
    /// `confirmed` (KA210, the activity's share as the Guide words it) or
    /// `assumed` (KA220: the Guide lets the agency "not accept" a work
    /// package or cut a flat-rate percentage; coopcom assumes the whole
    /// share). `None` when nothing is cut.
    pub unpaid_status: Option<&'static str>,
    /// KA220: each work package, carried out or cancelled, with its share.
    pub work_packages: Vec<WorkPackageRow>,
    pub income_total: String,
    /// The final grant and the other income.
    pub total_resources: String,
    /// Participants of the activities that took place (the plan's for an
    /// activity not reported yet), and the women among them.
    pub participants: u32,
    pub women: u32,
    pub activities: Vec<ActivityRow>,
    pub targets: Vec<TargetRow>,
    pub income: Vec<IncomeRow>,
    pub follow_ups: Vec<FollowUpRow>,
}

pub fn text(v: &Option<workspace::S<String>>) -> String {
    v.as_ref().map(|s| s.value.clone()).unwrap_or_default()
}

fn side(budget: &Budget, activity: &str, index: usize, f: &Flow) -> Side {
    let band = budget
        .distances
        .iter()
        .find(|d| d.activity == activity && d.flow == index + 1)
        .and_then(|d| d.band.clone());
    Side {
        participants: f.participants(),
        women: f.women.as_ref().map(|w| w.value).unwrap_or(0),
        fewer_opportunities: f.fewer_opportunities(),
        persons: f.persons(),
        band,
    }
}

fn subtotal(budget: &Budget, id: &str) -> Decimal {
    budget
        .lines
        .iter()
        .filter(|l| l.activity.as_deref() == Some(id))
        .map(|l| l.amount)
        .sum()
}

/// The flows of the plan beside those that took place, paired by sending
/// partner in order; a flow on one side only has nothing on the other.
fn flows(id: &str, planned: (&Budget, &Activity), realised: Option<(&Budget, &Activity)>) -> Vec<FlowRow> {
    let from = |f: &Flow| text(&f.from);
    let mut rows: Vec<FlowRow> = planned
        .1
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| FlowRow {
            from: from(f),
            planned: Some(side(planned.0, id, i, f)),
            realised: None,
        })
        .collect();
    if let Some((budget, act)) = realised {
        for (i, f) in act.flows.iter().enumerate() {
            let s = side(budget, id, i, f);
            match rows
                .iter_mut()
                .find(|r| r.realised.is_none() && r.planned.is_some() && r.from == from(f))
            {
                Some(r) => r.realised = Some(s),
                None => rows.push(FlowRow {
                    from: from(f),
                    planned: None,
                    realised: Some(s),
                }),
            }
        }
    }
    rows
}

pub fn build(ws: &Workspace, planned: &Budget, realised: &Realised) -> Report {
    let mut activities = Vec::new();
    for (id, outcome) in &realised.outcomes {
        let Some(plan) = ws.activity(id) else { continue };
        let done = match outcome {
            Outcome::Reported => ws.results.activity(id).map(|r| &r.activity),
            Outcome::NotReported => Some(plan),
            Outcome::Cancelled => None,
        };
        let when_where = done.unwrap_or(plan);
        activities.push(ActivityRow {
            id: id.clone(),
            title: text(&plan.title),
            outcome: outcome.as_str(),
            planned_days: plan.days(),
            realised_days: done.and_then(Activity::days),
            planned_grant: plain(subtotal(planned, id)),
            realised_grant: plain(subtotal(&realised.budget, id)),
            city: when_where
                .venue
                .as_ref()
                .and_then(|v| v.city.as_ref())
                .map(|c| c.value.clone()),
            country: when_where.venue_country().map(|c| c.value.clone()),
            country_name: when_where
                .venue_country()
                .and_then(|c| crate::geo::country_name(&c.value))
                .map(str::to_string),
            start: when_where.start.as_ref().map(|d| d.value.to_string()),
            end: when_where.end.as_ref().map(|d| d.value.to_string()),
            participants: done.map_or(0, Activity::participants),
            women: done.map_or(0, |d| {
                d.flows
                    .iter()
                    .map(|f| f.women.as_ref().map_or(0, |w| w.value))
                    .sum()
            }),
            flows: flows(id, (planned, plan), done.map(|d| (&realised.budget, d))),
        });
    }
    let report = ws.results.report.as_ref();
    let awarded = report.and_then(|r| r.awarded.as_ref()).map(|a| a.value);
    let final_grant = realised.final_grant(awarded);
    let targets = ws
        .targets
        .iter()
        .map(|t| {
            let id = text(&t.id);
            let actual = report
                .and_then(|r| {
                    r.actuals
                        .iter()
                        .find(|a| a.target.as_ref().is_some_and(|x| x.value == id))
                })
                .and_then(|a| a.value.as_ref().map(|v| v.value))
                .or_else(|| t.actual.as_ref().map(|a| a.value));
            let goal = t.target.as_ref().map(|g| g.value);
            let status = match (actual, goal) {
                (Some(a), Some(g)) if a >= g => "met",
                (Some(_), Some(_)) => "missed",
                _ => "not reported",
            };
            TargetRow {
                id,
                indicator: text(&t.indicator),
                unit: t.unit.as_ref().map(|u| u.value.clone()),
                target: goal.map(|g| g.normalize().to_string()),
                actual: actual.map(|a| a.normalize().to_string()),
                status,
                percent: actual
                    .zip(goal)
                    .and_then(|(a, g)| super::percent(a, g))
                    .map(|p| p.to_string()),
            }
        })
        .collect();
    let income: Vec<IncomeRow> = report
        .map(|r| {
            r.income
                .iter()
                .map(|i| IncomeRow {
                    kind: text(&i.kind),
                    amount: plain(i.amount.as_ref().map(|a| a.value).unwrap_or_default()),
                    from: i.from.as_ref().map(|f| f.value.clone()),
                    date: i.date.as_ref().map(|d| d.value.to_string()),
                    note: i.note.as_ref().map(|n| n.value.clone()),
                })
                .collect()
        })
        .unwrap_or_default();
    let income_total: Decimal = report
        .map(|r| {
            r.income
                .iter()
                .filter_map(|i| i.amount.as_ref().map(|a| a.value))
                .sum()
        })
        .unwrap_or_default();
    let follow_ups = report
        .map(|r| {
            r.follow_ups
                .iter()
                .map(|f| FollowUpRow {
                    reference: f.reference.as_ref().map(|x| x.value.clone()),
                    title: text(&f.title),
                    status: text(&f.status),
                })
                .collect()
        })
        .unwrap_or_default();
    let participants = activities.iter().map(|a| a.participants).sum();
    let women = activities.iter().map(|a| a.women).sum();
    Report {
        title: text(&ws.project.title),
        participants,
        women,
        action: planned.action.clone(),
        call: planned.call,
        planned: plain(planned.total()),
        realised: plain(realised.budget.total()),
        awarded: awarded.map(plain),
        final_grant: plain(final_grant),
        unpaid_shares: plain(realised.unpaid_shares),
        unpaid_basis: unpaid_basis(realised),
        unpaid_status: if realised.unpaid_shares.is_zero() {
            None
        } else if realised.cancelled_work_packages.is_empty() {
            Some("confirmed")
        } else {
            Some("assumed")
        },
        work_packages: ws
            .work_packages
            .iter()
            .map(|w| {
                let id = w.id.value.clone();
                let cancelled = realised.cancelled_work_packages.contains(&id);
                WorkPackageRow {
                    title: text(&w.title),
                    outcome: if cancelled { "cancelled" } else { "carried out" },
                    planned_grant: plain(subtotal(planned, &id)),
                    realised_grant: plain(subtotal(&realised.budget, &id)),
                    note: ws
                        .results
                        .work_package(&id)
                        .and_then(|r| r.note.as_ref())
                        .map(|n| n.value.clone()),
                    id,
                }
            })
            .collect(),
        income_total: plain(income_total),
        total_resources: plain(final_grant + income_total),
        activities,
        targets,
        income,
        follow_ups,
    }
}

/// Why shares of the lump sum are not paid, with the Guide's page.
fn unpaid_basis(realised: &Realised) -> String {
    if realised.unpaid_shares.is_zero() {
        return String::new();
    }
    if realised.cancelled_work_packages.is_empty() {
        "lump-sum shares of cancelled activities, Programme Guide 2026 p. 250".into()
    } else {
        "lump-sum shares of cancelled work packages, Programme Guide 2026 p. 243; amount assumed: the National Agency may instead cut a flat-rate percentage".into()
    }
}

/// The final report as every output shows it: the model, the author's
/// texts, and the findings of the checks on what took place.
pub struct FinalReport {
    pub report: Report,
    pub texts: Vec<super::texts::ReportText>,
    /// The errors and warnings of the checks run again on what took place,
    /// as one line each.
    pub findings: Vec<String>,
    pub realised: Realised,
}

impl FinalReport {
    /// From the one analysis: the realised grant by the one engine, the
    /// report model on it. `None` without a rule pack or a planned budget.
    pub fn build(a: &mut crate::analysis::Analysis) -> Option<FinalReport> {
        let rules = a.rules.as_ref()?;
        let planned = a.budget.as_ref()?;
        let realised = super::realise(&mut a.ws, rules);
        let report = build(&a.ws, planned, &realised);
        let findings = realised
            .findings
            .iter()
            .filter(|d| d.severity != crate::diagnostics::Severity::Note)
            .map(|d| match &d.primary {
                Some(l) => format!("{}: {}", a.ws.sources.name(l.file), d.message),
                None => d.message.clone(),
            })
            .collect();
        Some(FinalReport {
            report,
            texts: super::texts::collect(&a.ws),
            findings,
            realised,
        })
    }
}
