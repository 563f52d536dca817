//! Real costs from budget.toml: inclusion support for participants and
//! exceptional costs, each at the percentage of the rule pack.

use super::cents;
use super::mobility::n;
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::money::{format_eur, plain as eur};
use crate::pack::ActivityKind;
use crate::workspace::{CostItem, Money, S};

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
            with_reason(cx, item);
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
        let mut basis = format!(
            "{}: {} x {} %",
            rule.name,
            eur(amount.value),
            rule.percent.normalize()
        );
        let mut at = None;
        if rule.kind == "expensive-travel" {
            match expensive_travel(cx, item, &activity.value, amount) {
                Some((flow, replaced)) => {
                    basis = format!("{basis} (replaces the unit-cost travel of {replaced})");
                    at = Some(flow);
                }
                None => continue,
            }
        }
        cx.uses(&format!("exceptional costs: {}", rule.name), &rule);
        let value = cents(amount.value * rule.percent / n(100));
        let from = at.and_then(|i| cx.travel.get(i)).map(|t| (t.flow, t.from));
        cx.line(
            Some(&activity.value),
            from.as_ref().map(|(n, f)| (*n, f.as_deref())),
            Category::ExceptionalCosts,
            basis,
            value,
        );
        with_reason(cx, item);
    }
}

/// Gives the line just written the justification of its cost.
fn with_reason(cx: &mut Ctx<'_>, item: &CostItem) {
    if let (Some(line), Some(reason)) = (cx.lines.last_mut(), &item.reason) {
        line.reason = Some(reason.value.clone());
    }
}

/// Expensive travel (Guide 2026 p. 163, p. 177, p. 193): the cost of the
/// persons of one flow, paid at its percentage *instead of* their unit-cost
/// travel, and only when the unit cost does not cover the pack's threshold
/// (70 %) of the real cost. Returns the flow (its index in `cx.travel`) and
/// the persons whose unit-cost travel was replaced, or `None` when the claim
/// is not eligible (with an error at the entry).
fn expensive_travel(
    cx: &mut Ctx<'_>,
    item: &CostItem,
    activity: &str,
    amount: &S<Money>,
) -> Option<(usize, String)> {
    let at = item
        .from
        .as_ref()
        .map(|f| f.loc.clone())
        .unwrap_or_else(|| item.loc.clone());
    let flows: Vec<usize> = cx
        .travel
        .iter()
        .enumerate()
        .filter(|(_, t)| t.activity == activity)
        .filter(|(_, t)| {
            item.from
                .as_ref()
                .is_none_or(|f| t.from == Some(f.value.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    let index = match (flows.as_slice(), &item.from) {
        ([i], _) => *i,
        ([], Some(from)) => {
            cx.diags.push(
                Diagnostic::error(
                    codes::EXPENSIVE_TRAVEL,
                    format!("activity \"{activity}\" has no flow from \"{}\" whose travel this cost could replace", from.value),
                )
                .at(&from.loc)
                .with_help("name in `from` the sending partner of one of the activity's flows"),
            );
            return None;
        }
        ([], None) => {
            cx.diags.push(
                Diagnostic::error(
                    codes::EXPENSIVE_TRAVEL,
                    format!("activity \"{activity}\" has no flow whose travel this expensive-travel cost could replace"),
                )
                .at(&item.loc)
                .with_help("expensive travel replaces the unit-cost travel of the persons of a flow: add the flow, or choose another kind of cost"),
            );
            return None;
        }
        (_, _) => {
            cx.diags.push(
                Diagnostic::error(
                    codes::EXPENSIVE_TRAVEL,
                    format!("activity \"{activity}\" has several flows{}: say whose travel this cost replaces", item.from.as_ref().map(|f| format!(" from \"{}\"", f.value)).unwrap_or_default()),
                )
                .at(&at)
                .with_help("add `from = \"<sending partner id>\"` to the entry (one flow per sending partner and activity)"),
            );
            return None;
        }
    };
    let t = cx.travel.get(index)?;
    let available = t.persons.saturating_sub(t.replaced);
    let persons = item.persons.as_ref().map(|p| p.value).unwrap_or(available);
    let (rate, green, flow) = (t.rate, t.green, t.flow);
    if persons == 0 || persons > available {
        let loc = item
            .persons
            .as_ref()
            .map(|p| p.loc.clone())
            .unwrap_or_else(|| at.clone());
        cx.diags.push(
            Diagnostic::error(
                codes::EXPENSIVE_TRAVEL,
                format!(
                    "{} of flow {flow} of \"{activity}\" for expensive travel; the flow has {available} whose travel is not yet replaced",
                    persons_label(persons)
                ),
            )
            .at(&loc)
            .with_help("`persons` counts the people of that flow whose real travel cost this entry covers"),
        );
        return None;
    }
    if green && let Some(reading) = cx.rules.action.budget.expensive_travel_green_reading.clone() {
        cx.uses("expensive travel for green travellers", &reading);
    }
    let covered = n(persons) * rate;
    if let Some(threshold) = cx.rules.action.budget.expensive_travel_threshold_percent.clone() {
        cx.uses("expensive travel threshold", &threshold);
        let limit = amount.value * threshold.value / n(100);
        if covered >= limit {
            cx.diags.push(
                Diagnostic::new(
                    codes::EXPENSIVE_TRAVEL,
                    crate::rules::severity_of(&threshold),
                    format!(
                        "the unit-cost travel of these {persons} persons comes to {}, which covers {} % or more of the real cost of {} ({} x {} % = {}): the cost is not eligible as expensive travel ({})",
                        format_eur(covered),
                        threshold.value.normalize(),
                        format_eur(amount.value),
                        format_eur(amount.value),
                        threshold.value.normalize(),
                        format_eur(cents(limit)),
                        crate::rules::cite(&threshold)
                    ),
                )
                .at(&amount.loc)
                .with_help("expensive travel applies only where the unit cost does not cover 70 % of the real travel cost; the unit-cost travel grant stays"),
            );
            return None;
        }
    }
    // The persons concerned lose their unit-cost travel.
    let t = cx.travel.get_mut(index)?;
    t.replaced += persons;
    let remaining = t.persons - t.replaced;
    let (line, replaced, band) = (t.line, t.replaced, t.band);
    let label = cx.travel_label(band, green);
    if let Some(line) = line.and_then(|i| cx.lines.get_mut(i)) {
        line.amount = n(remaining) * rate;
        line.quantity = Some(remaining);
        line.basis = format!(
            "{} x {} ({}); {} by expensive travel",
            persons_label(remaining),
            eur(rate),
            label,
            persons_label(replaced)
        );
    }
    Some((index, persons_label(persons)))
}

/// "1 person", "2 persons".
fn persons_label(n: u32) -> String {
    crate::text::plural(n as usize, "person", "persons")
}
