//! Real costs from budget.toml: inclusion support for participants and
//! exceptional costs, each at the percentage of the rule pack.

use super::cents;
use super::mobility::n;
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::money::plain as eur;
use crate::rules::pack::ActivityKind;

/// Inclusion support for participants and exceptional costs, from budget.toml.
pub(super) fn compute(cx: &mut Ctx<'_>) {
    let ws = cx.ws;
    let budget = cx.rules.action.budget.clone();
    if let Some(pct) = budget.inclusion_costs_percent.clone() {
        for item in &ws.budget.inclusion_costs {
            let (Some(amount), Some(activity)) = (&item.amount, &item.activity) else {
                continue;
            };
            cx.uses("inclusion support for participants", &pct);
            let value = cents(amount.value * pct.value / n(100));
            cx.line(
                Some(&activity.value),
                None,
                Category::InclusionSupportForParticipants,
                format!(
                    "{} x {} % of real costs",
                    eur(amount.value),
                    pct.value.normalize()
                ),
                value,
            );
        }
    } else if let Some(first) = ws.budget.inclusion_costs.first() {
        cx.diags.push(
            Diagnostic::warning(
                codes::FIGURE_UNKNOWN,
                format!("the {} rule pack has no rate for inclusion support for participants; these costs are left out", cx.rules.call.pack.call),
            )
            .at(&first.loc),
        );
    }
    let kinds: Vec<String> = budget.exceptional_costs.iter().map(|k| k.kind.clone()).collect();
    if kinds.is_empty() {
        if let Some(first) = ws.budget.exceptional_costs.first() {
            cx.diags.push(
                Diagnostic::warning(
                    codes::FIGURE_UNKNOWN,
                    format!(
                        "the {} rule pack has no rates for exceptional costs: they are left out of the budget",
                        cx.rules.call.pack.call
                    ),
                )
                .at(&first.loc),
            );
        }
        return;
    }
    for item in &ws.budget.exceptional_costs {
        let (Some(amount), Some(activity), Some(kind)) = (&item.amount, &item.activity, &item.kind) else {
            continue;
        };
        let Some(rule) = budget
            .exceptional_costs
            .iter()
            .find(|k| k.kind == kind.value)
            .cloned()
        else {
            let names: Vec<&str> = kinds.iter().map(String::as_str).collect();
            cx.diags.push(
                Diagnostic::error(
                    codes::COST_KIND,
                    format!(
                        "{} funds no exceptional cost of kind \"{}\"",
                        cx.rules.code, kind.value
                    ),
                )
                .at(&kind.loc)
                .help_opt(suggest::help_for(
                    &kind.value,
                    &names,
                    "kinds of exceptional costs",
                )),
            );
            continue;
        };
        let is_visit = ws
            .activity(&activity.value)
            .and_then(|a| a.kind.as_ref())
            .and_then(|k| cx.rules.activity_type(&k.value))
            .is_some_and(|t| t.kind == ActivityKind::PreparatoryVisit);
        if is_visit && rule.kind == "visa" {
            cx.diags.push(
                Diagnostic::warning(
                    codes::COST_KIND,
                    "visa costs of preparatory visits are not eligible as exceptional costs",
                )
                .at(&kind.loc)
                .with_help("the preparatory-visit amount per person covers the visit; remove this cost"),
            );
            continue;
        }
        cx.uses(&format!("exceptional costs: {}", rule.name), &rule);
        let value = cents(amount.value * rule.percent / n(100));
        cx.line(
            Some(&activity.value),
            None,
            Category::ExceptionalCosts,
            format!(
                "{}: {} x {} %",
                rule.name,
                eur(amount.value),
                rule.percent.normalize()
            ),
            value,
        );
    }
}
