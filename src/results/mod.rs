//! The results stage, from the one analysis: what took place against what
//! was planned, the realised grant computed again by the one budget engine
//! ([`crate::budget::compute`]) on the realised activities and real costs,
//! and the final grant.
//!
//! The realised workspace is the loaded one with its activities and budget
//! file swapped for the realised ones while the engine and the checks run:
//! the reported activity where `results/activities/<id>.toml` exists, the
//! planned one otherwise, cancelled ones left out; the real costs of
//! `results/budget.toml` where it exists, the planned ones otherwise.

pub mod report;
pub mod summary;
pub mod texts;

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::budget::Budget;
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::pack::Family;
use crate::rules::{self, Rules};
use crate::workspace::results::{ACTIVITIES, REPORT, WORK_PACKAGES};
use crate::workspace::{Activity, BudgetFile, Money, Workspace};

/// The references of `results/`: a results activity must be a planned one,
/// an `[[actuals]]` target an `impact.toml` target. Part of the one
/// analysis, so `check` reports them too.
pub fn check(ws: &Workspace) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let planned: Vec<&str> = ws.activities.iter().map(|a| a.id.value.as_str()).collect();
    for r in &ws.results.activities {
        let id = &r.activity.id;
        if ws.activity(&id.value).is_none() {
            let help = suggest::did_you_mean(&id.value, planned.iter().copied())
                .map(|s| format!("did you mean `{ACTIVITIES}/{s}.toml`?"))
                .unwrap_or_else(|| {
                    format!(
                        "a results activity reports a planned one: name it after a file of activities/ ({})",
                        planned.join(", ")
                    )
                });
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_REFERENCE,
                    format!(
                        "`{ACTIVITIES}/{}.toml` reports an activity that is not planned",
                        id.value
                    ),
                )
                .at(&id.loc)
                .label(format!("no activities/{}.toml", id.value))
                .with_help(help),
            );
        }
    }
    let planned_wps: Vec<&str> = ws.work_packages.iter().map(|w| w.id.value.as_str()).collect();
    for r in &ws.results.work_packages {
        if ws.work_package(&r.id.value).is_some() {
            continue;
        }
        let help = suggest::did_you_mean(&r.id.value, planned_wps.iter().copied())
            .map(|s| format!("did you mean `{WORK_PACKAGES}/{s}.toml`?"))
            .unwrap_or_else(|| {
                format!(
                    "a results work package reports a planned one: name it after a file of work-packages/ ({})",
                    planned_wps.join(", ")
                )
            });
        diags.push(
            Diagnostic::error(
                codes::UNKNOWN_REFERENCE,
                format!(
                    "`{WORK_PACKAGES}/{}.toml` reports a work package that is not planned",
                    r.id.value
                ),
            )
            .at(&r.id.loc)
            .label(format!("no work-packages/{}.toml", r.id.value))
            .with_help(help),
        );
    }
    for n in ws.narratives.iter().filter(|n| texts::is_report_text(n)) {
        if n.lang.is_none() && texts::ASKED.iter().any(|q| q.key == n.field) {
            continue;
        }
        let keys = texts::ASKED.iter().map(|q| q.key);
        let help = match suggest::did_you_mean(&n.field, keys.clone()) {
            Some(s) if n.lang.is_none() => format!("did you mean narrative/report/{s}.md?"),
            _ if n.lang.is_some() => {
                "the final report's texts are written once, in the language of the report: remove the language from the name".into()
            }
            _ => format!(
                "the final report's texts are narrative/report/<name>.md with <name> one of: {}",
                keys.collect::<Vec<_>>().join(", ")
            ),
        };
        diags.push(
            Diagnostic::warning(
                codes::UNKNOWN_NARRATIVE,
                format!("narrative/{}.md is not a text of the final report", n.key()),
            )
            .at(&crate::workspace::source::Loc::file_start(n.file))
            .with_help(help),
        );
    }
    if let Some(report) = &ws.results.report {
        let targets: Vec<&str> = ws
            .targets
            .iter()
            .filter_map(|t| t.id.as_ref().map(|i| i.value.as_str()))
            .collect();
        let mut seen = BTreeSet::new();
        for a in &report.actuals {
            let Some(t) = &a.target else { continue };
            if !targets.contains(&t.value.as_str()) {
                let help = match suggest::did_you_mean(&t.value, targets.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if targets.is_empty() => {
                        "impact.toml has no targets yet: add the target there first".into()
                    }
                    None => format!("the targets of impact.toml are: {}", targets.join(", ")),
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_REFERENCE,
                        format!(
                            "`target` names \"{}\", which is not a target of impact.toml",
                            t.value
                        ),
                    )
                    .at(&t.loc)
                    .with_help(help),
                );
            } else if !seen.insert(t.value.clone()) {
                diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ENTRY,
                        format!(
                            "the actual value of target \"{}\" is given twice in {REPORT}",
                            t.value
                        ),
                    )
                    .at(&t.loc)
                    .with_help("keep one [[actuals]] entry per target"),
                );
            }
        }
    }
    diags
}

/// The results activities checked as the plan's are (references, dates,
/// counts), with each one swapped in for the planned activity it reports;
/// only the findings in `results/` files, since `check` reports the plan's.
pub fn check_structure(ws: &mut Workspace) -> Vec<Diagnostic> {
    if ws.results.activities.is_empty() {
        return Vec::new();
    }
    let reported: Vec<Activity> = ws
        .activities
        .iter()
        .map(|p| {
            ws.results
                .activity(&p.id.value)
                .map_or_else(|| p.clone(), |r| r.activity.clone())
        })
        .collect();
    let planned = std::mem::replace(&mut ws.activities, reported);
    let mut diags = rules::check_structure(ws);
    ws.activities = planned;
    in_results(ws, &mut diags);
    diags
}

/// Keeps the findings located in `results/` files.
fn in_results(ws: &Workspace, diags: &mut Vec<Diagnostic>) {
    diags.retain(|d| {
        d.primary
            .as_ref()
            .is_some_and(|l| ws.sources.name(l.file).starts_with("results/"))
    });
}

/// Where a planned activity stands in the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `results/activities/<id>.toml` exists: the realised figures are reported.
    Reported,
    /// No results file yet: the plan stands in for what took place.
    NotReported,
    /// `cancelled = true`: left out of the realised grant.
    Cancelled,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Reported => "reported",
            Outcome::NotReported => "not reported yet",
            Outcome::Cancelled => "cancelled",
        }
    }
}

/// The realised grant and what it was computed from.
pub struct Realised {
    pub budget: Budget,
    /// Findings of the engine and of the eligibility checks on what took
    /// place, those located in `results/` files.
    pub findings: Vec<Diagnostic>,
    /// Each planned activity's outcome, in activity order.
    pub outcomes: Vec<(String, Outcome)>,
    /// KA210: the lump-sum shares of cancelled activities, not paid;
    /// KA220: those of cancelled work packages.
    pub unpaid_shares: Money,
    /// KA220: the ids of the work packages cancelled, in plan order.
    pub cancelled_work_packages: Vec<String>,
}

impl Realised {
    /// The final grant: the realised grant, at most the awarded maximum.
    pub fn final_grant(&self, awarded: Option<Money>) -> Money {
        let total = self.budget.total();
        match awarded {
            Some(a) if a < total => a,
            _ => total,
        }
    }
}

/// The realised activities: the reported one where a results file exists,
/// the planned one otherwise; cancelled ones left out.
fn realised_activities(ws: &Workspace) -> (Vec<Activity>, Vec<(String, Outcome)>) {
    let mut acts = Vec::new();
    let mut outcomes = Vec::new();
    for planned in &ws.activities {
        let id = planned.id.value.clone();
        match ws.results.activity(&id) {
            Some(r) if r.is_cancelled() => outcomes.push((id, Outcome::Cancelled)),
            Some(r) => {
                acts.push(r.activity.clone());
                outcomes.push((id, Outcome::Reported));
            }
            None => {
                acts.push(planned.clone());
                outcomes.push((id, Outcome::NotReported));
            }
        }
    }
    (acts, outcomes)
}

/// The realised budget file: the real costs of `results/budget.toml` when
/// it exists, the planned ones otherwise, without the costs of cancelled
/// activities; the lump sum is the planned one (the grant agreement's)
/// unless the results file gives one, less the shares of cancelled KA210
/// activities (Programme Guide 2026 p. 250: activities not carried out are
/// not paid).
fn realised_budget(ws: &Workspace, rules: &Rules, cancelled: &[&Activity]) -> (BudgetFile, Money) {
    let mut b = ws.results.budget.clone().unwrap_or_else(|| ws.budget.clone());
    if b.lump_sum.is_none() {
        b.lump_sum = ws.budget.lump_sum.clone();
    }
    let gone = |id: &Option<crate::workspace::S<String>>| {
        id.as_ref()
            .is_some_and(|i| cancelled.iter().any(|a| a.id.value == i.value))
    };
    b.inclusion_costs.retain(|c| !gone(&c.activity));
    b.exceptional_costs.retain(|c| !gone(&c.activity));
    let mut unpaid = Money::ZERO;
    if rules.action.action.family == Family::SmallScale {
        unpaid = cancelled
            .iter()
            .filter_map(|a| a.grant.as_ref().map(|g| g.value))
            .sum();
        if let Some(l) = b.lump_sum.as_mut() {
            l.value -= unpaid;
        }
    }
    (b, unpaid)
}

/// Computes the realised grant with the one engine, and runs the checks of
/// the action again on what took place.
pub fn realise(ws: &mut Workspace, rules: &Rules) -> Realised {
    let (acts, outcomes) = realised_activities(ws);
    let cancelled: Vec<Activity> = outcomes
        .iter()
        .filter(|(_, o)| *o == Outcome::Cancelled)
        .filter_map(|(id, _)| ws.activity(id).cloned())
        .collect();
    let cancelled_refs: Vec<&Activity> = cancelled.iter().collect();
    let (budget_file, unpaid_shares) = realised_budget(ws, rules, &cancelled_refs);
    // KA220: a cancelled work package's share of the lump sum is not paid
    // (Programme Guide 2026 p. 243, "Payment arrangements": reductions "by
    // not accepting single work-packages or activities"). How much is
    // taken off is the National Agency's assessment; coopcom assumes the
    // work package's whole share, and says so.
    let (wps, cancelled_work_packages, unpaid_wps) = realised_work_packages(ws, rules);
    let mut budget_file = budget_file;
    if let Some(l) = budget_file.lump_sum.as_mut() {
        l.value -= unpaid_wps;
    }
    let unpaid_shares = unpaid_shares + unpaid_wps;
    let planned_acts = std::mem::replace(&mut ws.activities, acts);
    let planned_budget = std::mem::replace(&mut ws.budget, budget_file);
    let planned_wps = std::mem::replace(&mut ws.work_packages, wps);
    // The realised places are looked up afresh: a results file may move a
    // venue or an origin.
    let mut locator = crate::budget::distance::Locator::default();
    let (budget, mut findings) = crate::budget::compute(ws, rules, &mut locator);
    findings.extend(rules::check_structure(ws));
    // The realised workspace is another workspace: its form is resolved anew.
    let kept = crate::form::Kept::of(ws, rules);
    let form = kept.attach(ws, rules);
    findings.extend(rules::check_rules(ws, rules, &form).0);
    ws.activities = planned_acts;
    ws.budget = planned_budget;
    ws.work_packages = planned_wps;
    // What the plan already says is reported by `check`; here only what
    // the results files change.
    in_results(ws, &mut findings);
    crate::diagnostics::sort(&mut findings);
    findings.dedup();
    Realised {
        budget,
        findings,
        outcomes,
        unpaid_shares,
        cancelled_work_packages,
    }
}

/// KA220: the work packages carried out (the cancelled ones left out), the
/// ids of the cancelled ones, and the sum of their shares of the lump sum.
fn realised_work_packages(
    ws: &Workspace,
    rules: &Rules,
) -> (Vec<crate::workspace::WorkPackage>, Vec<String>, Money) {
    let mut kept = Vec::new();
    let mut cancelled = Vec::new();
    let mut unpaid = Money::ZERO;
    let cooperation = rules.action.action.family == Family::Cooperation;
    for w in &ws.work_packages {
        let gone = cooperation
            && ws
                .results
                .work_package(&w.id.value)
                .is_some_and(|r| r.is_cancelled());
        if gone {
            cancelled.push(w.id.value.clone());
            unpaid += w.grant.as_ref().map_or(Money::ZERO, |g| g.value);
        } else {
            kept.push(w.clone());
        }
    }
    (kept, cancelled, unpaid)
}

/// The share of `target` reached by `actual`, in whole percent.
pub fn percent(actual: Decimal, target: Decimal) -> Option<Decimal> {
    if target.is_zero() {
        return None;
    }
    Some(
        (actual * Decimal::ONE_HUNDRED / target)
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}
