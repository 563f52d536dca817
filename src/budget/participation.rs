//! KA154 youth participation activities: event support per attendee,
//! project management per month, and the maximum grant.

use rust_decimal::Decimal;

use super::mobility::n;
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::money::format_eur;
use crate::money::plain as eur;
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
            format!(
                "{} attending x {}",
                super::counted(attendees, "person", "persons"),
                eur(fig.value)
            ),
            n(attendees) * fig.value,
        );
        cx.factors(Some(attendees), None, fig.value);
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
                format!(
                    "{} x {}",
                    super::counted(months, "month", "months"),
                    eur(fig.value)
                ),
                n(months) * fig.value,
            );
            cx.factors(Some(months), None, fig.value);
        }
    }
    coaching(cx);
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
            if max.status.standing() != crate::pack::Status::Confirmed {
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

/// Coaching: working days of a coach at the B3 rate of the country where
/// the coaching takes place (`coaching_country`, else the applicant's), at
/// most 12 days per project (an assumption the pack records).
fn coaching(cx: &mut Ctx<'_>) {
    let ws = cx.ws;
    let Some(days) = ws.budget.coaching_days.as_ref() else {
        return;
    };
    let budget = cx.rules.action.budget.clone();
    let (Some(table_key), Some(max)) = (budget.coaching_table.clone(), budget.coaching_days_max.clone())
    else {
        cx.diags.push(
            Diagnostic::warning(
                codes::FIGURE_UNKNOWN,
                format!(
                    "the {} rule pack has no coaching rates: coaching is left out",
                    cx.rules.call.pack.call
                ),
            )
            .at(&days.loc),
        );
        return;
    };
    cx.uses("coaching days maximum", &max);
    if let Some(scope) = budget.coaching_days_scope.as_ref() {
        cx.uses("coaching days maximum per project", scope);
    }
    let funded = days.value.min(max.value);
    if days.value > max.value {
        let mut d = Diagnostic::new(
            codes::GRANT_CAP,
            if max.status.standing() == crate::pack::Status::Confirmed {
                Severity::Error
            } else {
                Severity::Warning
            },
            format!(
                "{} coaching days; coaching is funded for at most {} days ({})",
                days.value,
                max.value,
                crate::rules::cite(&max)
            ),
        )
        .at(&days.loc);
        d = d.with_help(format!("plan at most {} coaching days", max.value));
        cx.diags.push(d);
    }
    // The rate of the country where the coaching takes place (Guide 2026
    // p. 190): budget.toml's `coaching_country`, else the applicant's.
    let country = match &ws.budget.coaching_country {
        Some(c) => Some(c.value.clone()),
        None => {
            if let Some(fig) = budget.coaching_country_default.as_ref() {
                cx.uses("coaching country when none is given", fig);
            }
            ws.applicant()
                .and_then(|p| p.country.as_ref())
                .map(|c| c.value.clone())
        }
    };
    let table = cx
        .rules
        .call
        .support_tables
        .iter()
        .find(|t| t.key == table_key.value)
        .cloned();
    let rate = match (&table, &country) {
        (Some(t), Some(c)) => t.rates.get(c).copied(),
        _ => None,
    };
    match (rate, table, country) {
        (Some(rate), Some(table), Some(country)) => {
            cx.uses("coaching rates", &table);
            if funded > 0 {
                cx.line(
                    None,
                    None,
                    Category::CoachingCosts,
                    format!(
                        "{} x {} ({} {country})",
                        super::counted(funded, "coach working day", "coach working days"),
                        eur(rate),
                        table.key
                    ),
                    n(funded) * rate,
                );
                cx.factors(None, Some(funded), rate);
            }
        }
        (_, _, country) => cx.diags.push(
            Diagnostic::warning(
                codes::FIGURE_UNKNOWN,
                format!(
                    "the {} rule pack has no coaching rate for {}: coaching is left out",
                    cx.rules.call.pack.call,
                    country.unwrap_or_else(|| "the coaching country".into())
                ),
            )
            .at(&days.loc)
            .with_help("ask the National Agency for the rate and supply it with --rules FILE"),
        ),
    }
}
