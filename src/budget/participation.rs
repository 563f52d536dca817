//! KA154 youth participation activities: event support per attendee,
//! project management per month, and the maximum grant.

use rust_decimal::Decimal;

use super::mobility::{eur, n};
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::money::format_eur;
use crate::workspace::Activity;

/// KA154 events: a fixed amount per person attending.
pub(super) fn event_support(cx: &mut Ctx<'_>, a: &Activity) {
    let Some(fig) = cx.rules.action.budget.event_support_per_person.clone() else {
        return;
    };
    let attendees = a.participants();
    cx.uses("youth participation event support", &fig);
    if attendees > 0 {
        cx.line(
            Some(&a.id.value),
            None,
            Category::YouthParticipationEvents,
            format!("{attendees} persons attending x {}", eur(fig.value)),
            n(attendees) * fig.value,
        );
    }
}

/// KA154 project-level costs: project management per month, coaching, and
/// the maximum grant.
pub(super) fn project_costs(cx: &mut Ctx<'_>) {
    let ws = cx.ws;
    let budget = cx.rules.action.budget.clone();
    if let Some(fig) = budget.project_management_per_month.clone() {
        let months = project_months(cx);
        if let Some(months) = months {
            cx.uses("project management per month", &fig);
            cx.line(
                None,
                None,
                Category::ProjectManagement,
                format!("{months} months x {}", eur(fig.value)),
                n(months) * fig.value,
            );
        }
    }
    if let Some(max) = budget.max_grant.clone() {
        let counted: Decimal = cx
            .lines
            .iter()
            .filter(|l| l.category != Category::InclusionSupportForParticipants)
            .map(|l| l.amount)
            .sum();
        cx.uses("maximum grant", &max);
        if counted > max.value {
            let mut d = Diagnostic::new(
                codes::GRANT_CAP,
                Severity::Error,
                format!(
                    "the budget comes to {} without inclusion support for participants; {} projects receive at most {} ({})",
                    format_eur(counted),
                    cx.rules.code,
                    format_eur(max.value),
                    crate::rules::cite(&max)
                ),
            )
            .at(&crate::workspace::source::Loc::file_start(ws.project.file))
            .with_help("reduce the activities or split the project");
            if max.status != crate::rules::pack::Status::Confirmed {
                d.severity = Severity::Warning;
            }
            cx.diags.push(d);
        }
    }
}

/// Months of the project for monthly costs: `duration_months` if given,
/// else whole months between start and end, else days / 30 rounded half up.
fn project_months(cx: &mut Ctx<'_>) -> Option<u32> {
    let p = &cx.ws.project;
    if let Some(m) = &p.duration_months {
        return Some(m.value);
    }
    let start = p.start.as_ref()?.value;
    let end = crate::rules::dates::project_end(cx.ws)?;
    let (months, exact) = crate::rules::dates::months_between(start, end);
    if exact {
        return Some(months);
    }
    let month_days = cx
        .rules
        .action
        .budget
        .month_days
        .as_ref()
        .map(|f| f.value)
        .unwrap_or(30);
    if let Some(r) = cx.rules.action.budget.project_management_months_rounding.clone() {
        cx.uses("months of a partial project", &r);
    }
    let days = (end - start).num_days() + 1;
    let m = (n(days) / n(month_days))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    rust_decimal::prelude::ToPrimitive::to_u32(&m)
}
