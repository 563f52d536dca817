//! Unit costs of the youth mobility actions (KA152, KA153) and of youth
//! participation activities (KA154), following the recipe of the Programme
//! Guide 2026: per flow travel by distance band and individual support per
//! day; per participant organisational and inclusion support; real costs at
//! their percentage; preparatory visits per funded person; for KA154 the
//! monthly project management, coaching days and event support.

use rust_decimal::Decimal;

use super::distance::band_index;

use super::{Category, Ctx, FlowDistance, counted, push_counted};
use crate::diagnostics::{Diagnostic, codes};
use crate::money::{format_eur, plain as eur, push_plain as push_eur};
use crate::pack::{ActivityKind, Family};
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
            ActivityKind::Main if !t.funded_per_flow() => {
                if !a.flows.is_empty()
                    && let Some(fig) = t.funding.as_ref()
                {
                    cx.uses("activities funded through project management", fig);
                    cx.diags.push(
                        Diagnostic::note(
                            codes::BUDGET_NOT_APPLICABLE,
                            format!(
                                "activity \"{}\" ({}) is financed through the monthly project management ({}): its flows get no travel or individual support, however long it runs",
                                a.id.value,
                                t.name,
                                crate::rules::cite(fig)
                            ),
                        )
                        .at(&a.id.loc)
                        .with_help("a trip of the group to another place is a separate activity of type participation-mobility, funded per flow"),
                    );
                }
            }
            ActivityKind::Main => {
                // The venue is found once for all the flows of the activity,
                // when the first flow without `distance_km` needs it.
                let mut venue_at = None;
                let measured: Vec<Option<Measured>> = a
                    .flows
                    .iter()
                    .enumerate()
                    .map(|(i, f)| measure(cx, a, i + 1, f, &mut venue_at))
                    .collect();
                let travellers = measured.iter().flatten().any(|m| m.band.is_some());
                for (i, (f, m)) in a.flows.iter().zip(&measured).enumerate() {
                    if let Some(m) = m {
                        flow(cx, a, i + 1, f, m, travellers);
                    }
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

/// The distance of one flow and its band.
struct Measured<'r> {
    band: Option<&'r crate::pack::TravelBand>,
    /// The band's position in the pack's `travel_bands`.
    band_index: Option<usize>,
}

/// Measures one flow's distance and finds its band; records the distance
/// and warns near a band edge or for a short trip without green travel.
/// `venue_at`: the venue's coordinates once an earlier flow found them.
fn measure<'r>(
    cx: &mut Ctx<'r>,
    a: &Activity,
    number: usize,
    f: &Flow,
    venue_at: &mut Option<Option<(f64, f64)>>,
) -> Option<Measured<'r>> {
    let rules = cx.rules;
    let from = f.from.as_ref().map(|x| x.value.as_str());
    let sender = from.and_then(|id| cx.partners.get(cx.ws, id));
    let persons = f.persons();
    let venue = a.venue.as_ref()?;
    let mut coords = None;
    let mut route = None;
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
            let dest = *venue_at.get_or_insert_with(|| cx.locator.place(venue, &mut cx.diags));
            match (origin, dest) {
                (Some(o), Some(d)) => {
                    coords = Some((o, d));
                    let r = cx.route(o, d);
                    route = Some(r);
                    Some((r.km, true))
                }
                _ => None,
            }
        }
    };
    let (distance, computed) = km_value?;
    let band_index = match route {
        Some(r) => r.band,
        None => band_index(&rules.call, distance),
    };
    let band = band_index.and_then(|i| rules.call.travel_bands.get(i));
    // Only a fractional distance depends on how band edges compare; the
    // rule is recorded once, at the first such distance.
    if !cx.band_edges_used
        && !distance.fract().is_zero()
        && let Some(rule) = rules.call.distance.band_edge_rounding.as_ref()
    {
        cx.uses("band edges", rule);
        cx.band_edges_used = true;
    }
    let origin_name = f
        .origin
        .as_ref()
        .and_then(|o| o.city.as_ref().map(|c| c.value.as_str()))
        .or_else(|| sender.and_then(|p| p.city.as_ref().map(|c| c.value.as_str())))
        .unwrap_or_default();
    let venue_name = venue.city.as_ref().map(|c| c.value.as_str()).unwrap_or_default();
    cx.distances.push(FlowDistance {
        activity: a.id.value.clone(),
        flow: number,
        from: from.map(str::to_string),
        origin: origin_name.to_string(),
        venue: venue_name.to_string(),
        km: distance,
        computed,
        band: band_index.and_then(|i| cx.band_labels.get(i)).cloned(),
        green: f.green(),
        origin_coords: coords.map(|(o, _)| o),
        venue_coords: coords.map(|(_, d)| d),
    });
    let flow_loc = flow_loc(f);
    if let Some(edge) = route.and_then(|r| r.near_edge)
        && let Some(pct) = rules.call.distance.edge_warning_percent.as_ref()
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
    if band.is_some()
        && let Some(low) = rules.call.distance.low_emission_expected_below_km.as_ref()
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
    Some(Measured { band, band_index })
}

/// Where a finding about a flow points: its `from`, else the flow.
fn flow_loc(f: &Flow) -> crate::workspace::source::Loc {
    f.from
        .as_ref()
        .map(|x| x.loc.clone())
        .unwrap_or_else(|| f.loc.clone())
}

/// Travel, individual, organisational and inclusion support of one flow.
/// `travellers`: some flow of the activity receives travel support.
fn flow<'a>(cx: &mut Ctx<'a>, a: &'a Activity, number: usize, f: &'a Flow, m: &Measured, travellers: bool) {
    let rules = cx.rules;
    let budget = &rules.action.budget;
    let from = f.from.as_ref().map(|x| x.value.as_str());
    let persons = f.persons();
    let at = (number, from);
    let Some(venue) = &a.venue else { return };
    let band = m.band;
    let flow_loc = flow_loc(f);

    // Travel.
    let mut travel_line = None;
    let mut rate = Decimal::ZERO;
    if let Some(b) = band {
        cx.uses("travel distance bands", b);
        rate = if f.green() { b.green } else { b.standard };
        let how = if f.green() { "green)" } else { "standard)" };
        travel_line = Some(cx.lines.len());
        // `8 persons x 275.00 (500-1999 km, green)`, written piece by piece:
        // a budget of thousands of flows writes thousands of bases.
        let mut basis = String::with_capacity(64);
        push_counted(&mut basis, persons, "person", "persons");
        basis.push_str(" x ");
        push_eur(&mut basis, rate);
        basis.push_str(" (");
        basis.push_str(
            m.band_index
                .and_then(|i| cx.band_labels.get(i))
                .map_or("", String::as_str),
        );
        basis.push_str(", ");
        basis.push_str(how);
        let amount = n(persons) * rate;
        cx.unit_line(
            &a.id.value,
            at,
            Category::Travel,
            basis,
            (persons, None, rate),
            amount,
        );
    }
    cx.travel.push(super::FlowTravel {
        activity: &a.id.value,
        flow: number,
        from,
        persons,
        rate,
        band: m.band_index,
        green: f.green(),
        line: travel_line,
        replaced: 0,
    });

    // Individual support.
    let days = a.days().unwrap_or(0).max(0);
    // The extra days belong to persons "receiving a green travel grant"
    // (Guide 2026 p. 162, p. 176, p. 193): under 10 km there is none.
    let green_grant = f.green() && band.is_some();
    let max_travel_days = if green_grant {
        budget.green_travel_days.as_ref().and_then(|r| r.max)
    } else {
        budget.travel_days.as_ref().and_then(|r| r.max)
    }
    .unwrap_or(2);
    if let Some(t) = &f.travel_days
        && f.green()
        && !green_grant
        && t.value > max_travel_days
    {
        cx.diags.push(
            Diagnostic::note(
                codes::TRAVEL_DAYS,
                format!(
                    "flow {number} of \"{}\" travels under 10 km and gets no green travel grant: {max_travel_days} of its {} travel days are funded",
                    a.id.value, t.value
                ),
            )
            .at(&t.loc)
            .with_help("the up to four extra travel days go with a green travel grant"),
        );
    }
    let by_default = match budget.travel_days_by_default.as_ref() {
        Some(fig) => {
            cx.uses("travel days without travel_days", fig);
            fig.value
        }
        None => true,
    };
    let travel_days = match (&f.travel_days, &band) {
        (Some(t), _) => t.value.min(max_travel_days),
        (None, Some(_)) if by_default => 2u32.min(max_travel_days),
        (None, _) => 0,
    };
    let paid_days = n(days) + n(travel_days);
    // A local participant (under the no-grant distance) gets individual
    // support and inclusion support for organisations only in activities
    // where others receive travel support (KA154, Guide 2026 p. 192).
    let local_alone = match budget.local_participants_need_travellers.as_ref() {
        Some(fig) if fig.value && band.is_none() => {
            cx.uses("local participants and travellers", fig);
            !travellers
        }
        _ => false,
    };
    if local_alone {
        cx.diags.push(
            Diagnostic::note(
                codes::BUDGET_NOT_APPLICABLE,
                format!("flow {number} of \"{}\" travels under 10 km to an activity where no one travels: no individual support and no inclusion support for organisations", a.id.value),
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
            .map(|c| c.value.as_str())
            .unwrap_or_default();
        let rate = table.as_ref().and_then(|t| {
            t.rates.get(country).copied().or_else(|| {
                rules
                    .group_of(country)
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
                        if let Some(scope) = budget.individual_support_cap_scope.as_ref() {
                            cx.uses("individual support cap: per activity or per project", scope);
                        }
                        (c.value, true)
                    }
                    _ => (per_person, false),
                };
                // `8 persons x 9 days (7 activity + 2 travel) x 41.00 (B1 ES)`,
                // written piece by piece; the paid days are the whole
                // `days + travel_days`.
                let mut basis = String::with_capacity(96);
                push_counted(&mut basis, persons, "person", "persons");
                basis.push_str(" x ");
                push_counted(&mut basis, days + i64::from(travel_days), "day", "days");
                basis.push_str(" (");
                basis.push_str(itoa::Buffer::new().format(days));
                basis.push_str(" activity + ");
                basis.push_str(itoa::Buffer::new().format(travel_days));
                basis.push_str(" travel) x ");
                push_eur(&mut basis, rate);
                basis.push_str(" (");
                basis.push_str(&table.key);
                basis.push(' ');
                basis.push_str(country);
                basis.push(')');
                if capped {
                    basis = format!(
                        "{} x {} (capped per person; {} x {} = {})",
                        counted(persons, "person", "persons"),
                        eur(per_person),
                        counted(paid_days, "day", "days"),
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
                    let amount = n(persons) * per_person;
                    let category = Category::IndividualSupport;
                    if capped {
                        cx.unit_line(
                            &a.id.value,
                            at,
                            category,
                            basis,
                            (persons, None, per_person),
                            amount,
                        );
                    } else if let Ok(d) = u32::try_from(days + i64::from(travel_days)) {
                        // `per_person` is `paid_days x rate`.
                        cx.unit_line(&a.id.value, at, category, basis, (persons, Some(d), rate), amount);
                    } else {
                        cx.line(Some(&a.id.value), Some(at), category, basis, amount);
                    }
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
            let mut basis = String::with_capacity(40);
            push_counted(&mut basis, participants, "participant", "participants");
            basis.push_str(" x ");
            push_eur(&mut basis, fig.value);
            let amount = n(participants) * fig.value;
            let factors = (participants, None, fig.value);
            cx.unit_line(
                &a.id.value,
                at,
                Category::OrganisationalSupport,
                basis,
                factors,
                amount,
            );
        }
    }
    if let Some(fig) = budget
        .inclusion_support_per_participant
        .as_ref()
        .filter(|_| !local_alone)
    {
        let fewer = f.fewer_opportunities().min(participants);
        cx.uses("inclusion support for organisations", fig);
        if fewer > 0 {
            let mut basis = String::with_capacity(64);
            push_counted(&mut basis, fewer, "participant", "participants");
            basis.push_str(" with fewer opportunities x ");
            push_eur(&mut basis, fig.value);
            let amount = n(fewer) * fig.value;
            let factors = (fewer, None, fig.value);
            cx.unit_line(
                &a.id.value,
                at,
                Category::InclusionSupportForOrganisations,
                basis,
                factors,
                amount,
            );
        }
    }
}
