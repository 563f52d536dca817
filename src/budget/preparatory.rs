//! Preparatory visits (KA152, KA153): a fixed amount per funded person.

use super::mobility::n;
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, codes};
use crate::money::plain as eur;
use crate::rules::activities::prepared_activity_of;
use crate::workspace::Activity;

/// Preparatory visits: a fixed amount per funded person. Persons from the
/// receiving organisation are not funded; each other organisation is funded
/// for up to the pack's number of persons, plus facilitators per visit.
pub(super) fn visit(cx: &mut Ctx<'_>, visit: &Activity) {
    let budget = &cx.rules.action.budget;
    let Some(rate) = budget.preparatory_visit_per_person.clone() else {
        return;
    };
    cx.uses("preparatory visit amount", &rate);
    let main = prepared_activity_of(cx.ws, cx.rules, visit);
    let receiving = main
        .and_then(|m| m.host.as_ref())
        .or(visit.host.as_ref())
        .map(|h| h.value.clone());
    let per_org = budget
        .preparatory_visit_persons_per_organisation
        .as_ref()
        .map(|f| f.value)
        .unwrap_or(2);
    let extra = budget
        .preparatory_visit_extra_facilitators
        .as_ref()
        .map(|f| f.value)
        .unwrap_or(1);
    let mut facilitators = 0u32;
    // The limit is per organisation: flows from the same partner are added up.
    let mut orgs: Vec<(usize, Option<&str>, u32, &crate::workspace::Flow)> = Vec::new();
    for (i, f) in visit.flows.iter().enumerate() {
        let from = f.from.as_ref().map(|x| x.value.as_str());
        facilitators = facilitators.saturating_add(f.facilitators());
        let others = f.persons().saturating_sub(f.facilitators());
        match orgs.iter_mut().find(|o| o.1 == from && from.is_some()) {
            Some(o) => o.2 = o.2.saturating_add(others),
            None => orgs.push((i, from, others, f)),
        }
    }
    for (i, from, others, f) in orgs {
        let at = Some((i + 1, from));
        let (funded, why) = if from.is_some() && from == receiving.as_deref() {
            (
                0,
                "the receiving organisation's own persons are not funded".to_string(),
            )
        } else {
            (
                others.min(per_org),
                format!("at most {per_org} persons per organisation are funded"),
            )
        };
        if others > funded {
            let loc = f
                .participants
                .as_ref()
                .map(|p| p.loc.clone())
                .unwrap_or_else(|| f.loc.clone());
            cx.diags.push(
                Diagnostic::warning(
                    codes::PREPARATORY_FUNDING,
                    format!(
                        "{} of the {others} persons from \"{}\" will not be funded: {why}",
                        others - funded,
                        from.unwrap_or_default()
                    ),
                )
                .at(&loc)
                .with_help("they may still take part at the organisation's own cost"),
            );
        }
        if funded > 0 {
            cx.line(
                Some(&visit.id.value),
                at,
                Category::PreparatoryVisits,
                format!("{funded} persons x {}", eur(rate.value)),
                n(funded) * rate.value,
            );
        }
    }
    let funded_facilitators = facilitators.min(extra);
    if funded_facilitators > 0 {
        cx.line(
            Some(&visit.id.value),
            None,
            Category::PreparatoryVisits,
            format!("{funded_facilitators} facilitator x {}", eur(rate.value)),
            n(funded_facilitators) * rate.value,
        );
    }
}
