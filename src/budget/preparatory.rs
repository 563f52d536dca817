//! Preparatory visits (KA152, KA153): a fixed amount per funded person.
//!
//! Who is funded (Guide 2026 p. 162 for KA152, p. 176 for KA153): nobody of
//! the receiving organisation; from every other organisation at most the
//! pack's number of persons (2), in KA152 the second of them a young person
//! (a participant); besides, one facilitator per visit from any
//! organisation. The limit per organisation counts per visit (KA152) or over
//! all the visits that prepare the same activity (KA153), visits taken in
//! date order.

use std::collections::BTreeMap;

use super::mobility::n;
use super::{Category, Ctx};
use crate::diagnostics::{Diagnostic, codes};
use crate::money::plain as eur;
use crate::pack::ActivityKind;
use crate::rules::activities::prepared_activity_of;
use crate::workspace::{Activity, Flow};

/// The limits of the pack, read once per visit.
struct Limits {
    per_org: u32,
    extra_facilitators: u32,
    /// The second funded person of an organisation must be a young person.
    second_young: bool,
    /// The limit counts over every visit preparing the same activity.
    per_prepared_activity: bool,
}

/// The persons one organisation sends on a visit, by role.
#[derive(Default)]
struct Sent<'f> {
    /// The first flow of the organisation (its number and the flow).
    first: Option<(usize, &'f Flow)>,
    participants: u32,
    group_leaders: u32,
    accompanying: u32,
    /// Facilitators not funded as the visit's extra facilitator.
    facilitators: u32,
}

impl Sent<'_> {
    fn adults(&self) -> u32 {
        self.group_leaders
            .saturating_add(self.accompanying)
            .saturating_add(self.facilitators)
    }
    fn total(&self) -> u32 {
        self.adults().saturating_add(self.participants)
    }
}

/// What one visit funds: per organisation the persons funded, and the
/// facilitators funded besides.
struct Allocation<'f> {
    /// (organisation, what it sends, persons funded, persons already funded
    /// by earlier visits preparing the same activity).
    orgs: Vec<(String, Sent<'f>, u32, u32)>,
    facilitators: u32,
}

/// Allocates the funded persons of one visit. `used` holds, per
/// organisation, the persons already funded by earlier visits that count
/// against the same limit; it is updated.
fn allocate<'f>(
    visit: &'f Activity,
    receiving: Option<&str>,
    limits: &Limits,
    used: &mut BTreeMap<String, u32>,
) -> Allocation<'f> {
    let mut extra = limits.extra_facilitators;
    let mut facilitators = 0u32;
    let mut orgs: Vec<(String, Sent<'f>)> = Vec::new();
    for (i, f) in visit.flows.iter().enumerate() {
        let Some(from) = f.from.as_ref().map(|x| x.value.clone()) else {
            continue;
        };
        let as_extra = f.facilitators().min(extra);
        extra -= as_extra;
        facilitators += as_extra;
        let at = match orgs.iter().position(|(o, _)| *o == from) {
            Some(at) => at,
            None => {
                orgs.push((from, Sent::default()));
                orgs.len() - 1
            }
        };
        if let Some((_, sent)) = orgs.get_mut(at) {
            sent.first.get_or_insert((i + 1, f));
            sent.participants = sent.participants.saturating_add(f.participants());
            sent.group_leaders = sent.group_leaders.saturating_add(f.group_leaders());
            sent.accompanying = sent.accompanying.saturating_add(f.accompanying());
            sent.facilitators = sent.facilitators.saturating_add(f.facilitators() - as_extra);
        }
    }
    let orgs = orgs
        .into_iter()
        .map(|(org, sent)| {
            let before = used.get(&org).copied().unwrap_or(0);
            let funded = if receiving == Some(org.as_str()) {
                0
            } else {
                let slots = limits.per_org.saturating_sub(before);
                if limits.second_young {
                    // The first slot takes anyone; every later one a young person.
                    let first = u32::from(before == 0).min(sent.adults());
                    slots.min(sent.participants.saturating_add(first))
                } else {
                    slots.min(sent.total())
                }
            };
            *used.entry(org.clone()).or_insert(0) += funded;
            (org, sent, funded, before)
        })
        .collect();
    Allocation { orgs, facilitators }
}

/// "2 group leaders and 1 participant": the persons of `sent` left unfunded
/// when `funded` of them are, adults taking the first places.
fn unfunded_roles(sent: &Sent<'_>, funded: u32, second_young: bool) -> String {
    // With the young-person rule at most one adult is funded.
    let adult_places = if second_young { funded.min(1) } else { funded };
    let adults_funded = sent.adults().min(adult_places);
    let young_funded = funded - adults_funded;
    let mut adults_left = sent.adults() - adults_funded;
    let mut parts = Vec::new();
    for (count, one, many) in [
        (sent.facilitators, "facilitator", "facilitators"),
        (sent.accompanying, "accompanying person", "accompanying persons"),
        (sent.group_leaders, "group leader", "group leaders"),
    ] {
        // Group leaders represent their organisation first, so the
        // unfunded adults are counted from the other end.
        let left = count.min(adults_left);
        if left > 0 {
            parts.push(format!("{left} {}", if left == 1 { one } else { many }));
        }
        adults_left -= left;
    }
    let young_left = sent.participants.saturating_sub(young_funded);
    if young_left > 0 {
        parts.push(format!(
            "{young_left} {}",
            if young_left == 1 {
                "participant"
            } else {
                "participants"
            }
        ));
    }
    parts.join(" and ")
}

/// Preparatory visits: a fixed amount per funded person.
pub(super) fn visit(cx: &mut Ctx<'_>, visit: &Activity) {
    let budget = &cx.rules.action.budget;
    let Some(rate) = budget.preparatory_visit_per_person.clone() else {
        return;
    };
    cx.uses("preparatory visit amount", &rate);
    let per_org = budget.preparatory_visit_persons_per_organisation.clone();
    let scope = budget.preparatory_visit_limit_scope.clone();
    let young = budget.preparatory_visit_second_person_young.clone();
    if let Some(f) = &per_org {
        cx.uses("preparatory visit persons per organisation", f);
    }
    if let Some(f) = &scope {
        cx.uses("preparatory visit limit: per visit or per activity", f);
    }
    if let Some(f) = &young {
        cx.uses("preparatory visit: the second person a young person", f);
    }
    let limits = Limits {
        per_org: per_org.as_ref().map(|f| f.value).unwrap_or(2),
        extra_facilitators: budget
            .preparatory_visit_extra_facilitators
            .as_ref()
            .map(|f| f.value)
            .unwrap_or(1),
        second_young: young.as_ref().is_some_and(|f| f.value),
        per_prepared_activity: scope.as_ref().is_some_and(|f| f.value == "per-prepared-activity"),
    };
    let main = prepared_activity_of(cx.ws, cx.rules, visit);
    let receiving = main
        .and_then(|m| m.host.as_ref())
        .or(visit.host.as_ref())
        .map(|h| h.value.clone());

    // The persons funded by earlier visits preparing the same activity.
    let mut used = BTreeMap::new();
    if limits.per_prepared_activity {
        let mut earlier: Vec<&Activity> = cx
            .ws
            .activities
            .iter()
            .filter(|v| {
                v.kind
                    .as_ref()
                    .and_then(|k| cx.rules.activity_type(&k.value))
                    .is_some_and(|t| t.kind == ActivityKind::PreparatoryVisit)
                    && prepared_activity_of(cx.ws, cx.rules, v).map(|m| &m.id.value)
                        == main.map(|m| &m.id.value)
            })
            .collect();
        earlier.sort_by_key(|v| (v.start.as_ref().map(|s| s.value), v.id.value.clone()));
        for v in earlier.into_iter().take_while(|v| v.id.value != visit.id.value) {
            let _ = allocate(v, receiving.as_deref(), &limits, &mut used);
        }
    }

    let allocation = allocate(visit, receiving.as_deref(), &limits, &mut used);
    let source = per_org
        .as_ref()
        .map(|f| crate::rules::cite(f))
        .unwrap_or_default();
    for (org, sent, funded, before) in &allocation.orgs {
        let Some((number, flow)) = sent.first else {
            continue;
        };
        let total = sent.total();
        if total > *funded {
            let why = if receiving.as_deref() == Some(org.as_str()) {
                "the receiving organisation's own persons are not funded".to_string()
            } else {
                let mut why = format!("at most {} persons per organisation are funded", limits.per_org);
                if limits.per_prepared_activity {
                    let prepared = main.map(|m| m.id.value.as_str()).unwrap_or("the activity");
                    why.push_str(&format!(" for all the visits preparing \"{prepared}\""));
                    if *before > 0 {
                        why.push_str(&format!(", and earlier visits already fund {before}"));
                    }
                } else {
                    why.push_str(" on a visit");
                }
                if limits.second_young {
                    why.push_str(", the second of them a young person (a participant)");
                }
                format!("{why} ({source})")
            };
            let loc = flow
                .participants
                .as_ref()
                .map(|p| p.loc.clone())
                .unwrap_or_else(|| flow.loc.clone());
            cx.diags.push(
                Diagnostic::warning(
                    codes::PREPARATORY_FUNDING,
                    format!(
                        "{} from \"{org}\" will not be funded ({}): {why}",
                        if total == 1 {
                            "the one person".to_string()
                        } else {
                            format!("{} of the {total} persons", total - funded)
                        },
                        unfunded_roles(sent, *funded, limits.second_young),
                    ),
                )
                .at(&loc)
                .with_help("they may still take part at the organisation's own cost"),
            );
        }
        if *funded > 0 {
            cx.line(
                Some(&visit.id.value),
                Some((number, Some(org.as_str()))),
                Category::PreparatoryVisits,
                format!(
                    "{} x {}",
                    super::counted(*funded, "person", "persons"),
                    eur(rate.value)
                ),
                n(*funded) * rate.value,
            );
            cx.factors(Some(*funded), None, rate.value);
        }
    }
    if allocation.facilitators > 0 {
        cx.line(
            Some(&visit.id.value),
            None,
            Category::PreparatoryVisits,
            format!(
                "{} x {}",
                super::counted(allocation.facilitators, "facilitator", "facilitators"),
                eur(rate.value)
            ),
            n(allocation.facilitators) * rate.value,
        );
        cx.factors(Some(allocation.facilitators), None, rate.value);
    }
}
