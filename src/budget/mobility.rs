//! Unit costs of the youth mobility actions (KA152, KA153) and of youth
//! participation activities (KA154), following the recipe of the Programme
//! Guide 2026: per flow travel by distance band and individual support per
//! day; per participant organisational and inclusion support; real costs at
//! their percentage; preparatory visits per funded person; for KA154 the
//! monthly project management, coaching days and event support.

use rust_decimal::Decimal;

use super::distance::{band_label, band_of, km, near_edge};
use super::{Category, Ctx, FlowDistance};
use crate::diagnostics::{Diagnostic, codes};
use crate::money::{format_eur, plain as eur};
use crate::rules::pack::{ActivityKind, Family};
use crate::workspace::{Activity, Flow};

pub(super) fn n(d: impl Into<Decimal>) -> Decimal {
    d.into()
}

pub(crate) fn compute(cx: &mut Ctx<'_>) {
    let ws = cx.ws;
    let rules = cx.rules;
    missing_figures(cx);
    for a in &ws.activities {
        let Some(t) = a.kind.as_ref().and_then(|k| rules.activity_type(&k.value)) else {
            continue;
        };
        match t.kind {
            ActivityKind::PreparatoryVisit => super::preparatory::visit(cx, a),
            ActivityKind::Complementary => {
                // System development and outreach: real costs, not unit costs.
                cx.diags.push(
                    Diagnostic::note(
                        codes::BUDGET_NOT_APPLICABLE,
                        format!("activity \"{}\" ({}) is funded at real cost, which coopcom does not compute", a.id.value, t.name),
                    )
                    .at(&a.id.loc)
                    .with_help("budget its real costs in the form; they are limited to a share of the project's total"),
                );
            }
            ActivityKind::Main => {
                for (i, f) in a.flows.iter().enumerate() {
                    flow(cx, a, i + 1, f);
                }
                if t.key == "participation-event" {
                    super::participation::event_support(cx, a);
                }
            }
        }
    }
    super::real_costs::compute(cx);
    if cx.rules.action.action.family == Family::YouthParticipation {
        super::participation::project_costs(cx);
    }
}

/// Says once which unit costs the pack of this call does not know, so that a
/// partial budget is never mistaken for a complete one.
fn missing_figures(cx: &mut Ctx<'_>) {
    let b = &cx.rules.action.budget;
    let youth_mobility = cx.rules.action.action.family == Family::YouthMobility;
    let mut missing = Vec::new();
    if cx.rules.call.travel_bands.is_empty() {
        missing.push("travel distance bands");
    }
    if b.individual_support_table.is_none()
        || !cx.rules.call.support_tables.iter().any(|t| {
            b.individual_support_table
                .as_ref()
                .is_some_and(|k| k.value == t.key)
        })
    {
        missing.push("individual support rates");
    }
    if youth_mobility && b.organisational_support_per_participant.is_none() {
        missing.push("organisational support");
    }
    if b.inclusion_support_per_participant.is_none() {
        missing.push("inclusion support for organisations");
    }
    if !missing.is_empty() && !cx.ws.activities.is_empty() {
        cx.diags.push(
            Diagnostic::warning(
                codes::FIGURE_UNKNOWN,
                format!(
                    "the {} rule pack does not know: {}; the budget leaves {} out",
                    cx.rules.call.pack.call,
                    missing.join(", "),
                    if missing.len() == 1 { "it" } else { "them" }
                ),
            )
            .at(&crate::workspace::source::Loc::file_start(cx.ws.project.file))
            .with_help(
                "supply the figures with --rules FILE (see rules/README.md), with their source and status",
            ),
        );
    }
}

/// Travel, individual, organisational and inclusion support of one flow.
fn flow(cx: &mut Ctx<'_>, a: &Activity, number: usize, f: &Flow) {
    let rules = cx.rules;
    let budget = &rules.action.budget;
    let from = f.from.as_ref().map(|x| x.value.as_str());
    let sender = from.and_then(|id| cx.ws.partner(id));
    let persons = f.persons();
    let at = Some((number, from));
    let Some(venue) = &a.venue else { return };

    // Distance and band.
    let mut coords = None;
    let km_value = match &f.distance_km {
        Some(d) => Some((d.value, false)),
        None => {
            let origin = match &f.origin {
                Some(o) => cx.locator.place(o, &mut cx.diags),
                None => sender.and_then(|p| match (&p.coordinates, &p.city, &p.country) {
                    (Some(c), _, _) => Some(c.value),
                    (None, Some(city), Some(country)) => cx.locator.city(city, country, &mut cx.diags),
                    _ => None,
                }),
            };
            let dest = cx.locator.place(venue, &mut cx.diags);
            match (origin, dest) {
                (Some(o), Some(d)) => {
                    coords = Some((o, d));
                    Some((km(o, d), true))
                }
                _ => None,
            }
        }
    };
    let Some((distance, computed)) = km_value else {
        return;
    };
    let band = band_of(&rules.call, distance);
    let origin_name = f
        .origin
        .as_ref()
        .and_then(|o| o.city.as_ref().map(|c| c.value.clone()))
        .or_else(|| sender.and_then(|p| p.city.as_ref().map(|c| c.value.clone())))
        .unwrap_or_default();
    let venue_name = venue.city.as_ref().map(|c| c.value.clone()).unwrap_or_default();
    cx.distances.push(FlowDistance {
        activity: a.id.value.clone(),
        flow: number,
        from: from.map(str::to_string),
        origin: origin_name.clone(),
        venue: venue_name.clone(),
        km: distance,
        computed,
        band: band.map(band_label),
        green: f.green(),
        origin_coords: coords.map(|(o, _)| o),
        venue_coords: coords.map(|(_, d)| d),
    });
    let flow_loc = f
        .from
        .as_ref()
        .map(|x| x.loc.clone())
        .unwrap_or_else(|| f.loc.clone());
    if computed
        && let Some(pct) = rules.call.distance.edge_warning_percent.as_ref()
        && let Some(edge) = near_edge(&rules.call, distance, pct.value)
    {
        cx.uses("band-edge warning margin", pct);
        cx.diags.push(
                    Diagnostic::warning(
                        codes::BAND_EDGE,
                        format!(
                            "{origin_name} to {venue_name} is {distance} km as the crow flies, within {} % of the {edge} km band edge; the official distance calculator may place it in the other band",
                            pct.value.normalize()
                        ),
                    )
                    .at(&flow_loc)
                    .with_help("run the official Erasmus+ distance calculator and put its figure in `distance_km` for this flow"),
                );
    }
    if let (Some(b), Some(low)) = (band, rules.call.distance.low_emission_expected_below_km.as_ref())
        && distance < n(low.value)
        && !f.green()
        && persons > 0
    {
        let loc = f
            .green_travel
            .as_ref()
            .map(|g| g.loc.clone())
            .unwrap_or_else(|| flow_loc.clone());
        cx.uses("low-emission travel below 500 km", low);
        let _ = b;
        cx.diags.push(
                Diagnostic::warning(
                    codes::LOW_EMISSION,
                    format!(
                        "{origin_name} to {venue_name} is {distance} km; below {} km participants are expected to travel by low-emission means ({})",
                        low.value, low.source
                    ),
                )
                .at(&loc)
                .with_help("plan the trip by train, bus or car-pooling and set `green_travel = true`; green travel is also funded at a higher rate"),
            );
    }

    // Travel.
    if let Some(b) = band {
        cx.uses("travel distance bands", b);
        let rate = if f.green() { b.green } else { b.standard };
        let how = if f.green() { "green" } else { "standard" };
        cx.line(
            Some(&a.id.value),
            at,
            Category::Travel,
            format!("{persons} persons x {} ({}, {how})", eur(rate), band_label(b)),
            n(persons) * rate,
        );
    }

    // Individual support.
    let days = a.days().unwrap_or(0).max(0);
    let max_travel_days = if f.green() {
        budget.green_travel_days.as_ref().and_then(|r| r.max)
    } else {
        budget.travel_days.as_ref().and_then(|r| r.max)
    }
    .unwrap_or(2);
    let travel_days = match (&f.travel_days, &band) {
        (Some(t), _) => t.value.min(max_travel_days),
        (None, Some(_)) => 2u32.min(max_travel_days),
        (None, None) => 0,
    };
    let paid_days = n(days) + n(travel_days);
    // KA154: a local participant (under 10 km) gets individual support only
    // for activities where others receive travel support (Guide 2026 p. 192).
    let local_alone = band.is_none()
        && rules.action.action.family == Family::YouthParticipation
        && !activity_has_travellers(cx, a);
    if local_alone {
        cx.diags.push(
            Diagnostic::note(
                codes::BUDGET_NOT_APPLICABLE,
                format!("flow {number} of \"{}\" travels under 10 km to an activity where no one travels: no individual support", a.id.value),
            )
            .at(&flow_loc),
        );
    }
    if let Some(table_key) = budget.individual_support_table.as_ref().filter(|_| !local_alone) {
        cx.uses("individual support table", table_key);
        let table = rules
            .call
            .support_tables
            .iter()
            .find(|t| t.key == table_key.value);
        let country = venue
            .country
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_default();
        let rate = table.as_ref().and_then(|t| {
            t.rates.get(&country).copied().or_else(|| {
                rules
                    .group_of(&country)
                    .filter(|g| t.other_groups.contains(&g.key))
                    .and(t.other_rate)
            })
        });
        match (rate, table) {
            (Some(rate), Some(table)) => {
                cx.uses("individual support rates", table);
                let per_person = paid_days * rate;
                let cap = budget.individual_support_cap_per_person.as_ref();
                let (per_person, capped) = match cap {
                    Some(c) if per_person > c.value => {
                        cx.uses("individual support cap per person", c);
                        (c.value, true)
                    }
                    _ => (per_person, false),
                };
                let mut basis = format!(
                    "{persons} persons x {paid_days} days ({days} activity + {travel_days} travel) x {} ({} {country})",
                    eur(rate),
                    table.key
                );
                if capped {
                    basis = format!(
                        "{persons} persons x {} (capped per person; {paid_days} days x {} = {})",
                        eur(per_person),
                        eur(rate),
                        eur(paid_days * rate)
                    );
                    if let Some(c) = cap {
                        let loc = a
                            .end
                            .as_ref()
                            .map(|e| e.loc.clone())
                            .unwrap_or_else(|| a.id.loc.clone());
                        cx.diags.push(
                            Diagnostic::note(
                                codes::GRANT_CAP,
                                format!(
                                    "individual support in \"{}\" reaches the cap of {} per person ({})",
                                    a.id.value,
                                    format_eur(c.value),
                                    crate::rules::cite(c)
                                ),
                            )
                            .at(&loc)
                            .with_note("coopcom applies the cap per person and activity; whether it applies per activity or per project is not stated"),
                        );
                    }
                }
                if persons > 0 {
                    cx.line(
                        Some(&a.id.value),
                        at,
                        Category::IndividualSupport,
                        basis,
                        n(persons) * per_person,
                    );
                }
            }
            _ => {
                if let Some(c) = &venue.country {
                    cx.diags.push(
                        Diagnostic::error(
                            codes::FIGURE_UNKNOWN,
                            format!(
                                "the {} rule pack has no individual-support rate ({}) for {}",
                                rules.call.pack.call, table_key.value, c.value
                            ),
                        )
                        .at(&c.loc)
                        .with_help("supply the rate with --rules FILE (see rules/README.md), with its source and status"),
                    );
                }
            }
        }
    }

    // Organisational support and inclusion support for organisations.
    let participants = f.participants();
    if let Some(fig) = budget.organisational_support_per_participant.as_ref() {
        cx.uses("organisational support", fig);
        if participants > 0 {
            cx.line(
                Some(&a.id.value),
                at,
                Category::OrganisationalSupport,
                format!("{participants} participants x {}", eur(fig.value)),
                n(participants) * fig.value,
            );
        }
    }
    if let Some(fig) = budget.inclusion_support_per_participant.as_ref() {
        let fewer = f.fewer_opportunities().min(participants);
        cx.uses("inclusion support for organisations", fig);
        if fewer > 0 {
            cx.line(
                Some(&a.id.value),
                at,
                Category::InclusionSupportForOrganisations,
                format!(
                    "{fewer} participants with fewer opportunities x {}",
                    eur(fig.value)
                ),
                n(fewer) * fig.value,
            );
        }
    }
}

/// True when some flow of the activity travels 10 km or more, as far as the
/// distances computed so far tell (flows of an activity are computed in order,
/// so the others are looked up directly).
fn activity_has_travellers(cx: &Ctx<'_>, a: &Activity) -> bool {
    let bands = &cx.rules.call;
    a.flows.iter().any(|f| match &f.distance_km {
        Some(d) => band_of(bands, d.value).is_some(),
        None => {
            cx.distances
                .iter()
                .any(|d| d.activity == a.id.value && d.band.is_some())
                || f.origin.is_some()
        }
    })
}
