//! Participants of an activity: how many, in how many national groups of
//! what size, with how many group leaders and facilitators, of what ages,
//! with participants from the receiving country, from enough organisations.

use std::collections::BTreeMap;

use super::Checker;
use super::activities::{Organisations, plural};
use crate::diagnostics::codes;
use crate::pack::ActivityType;
use crate::workspace::{Activity, Flow};

pub(super) fn check<'a>(
    c: &mut Checker<'a>,
    a: &'a Activity,
    t: &ActivityType,
    organisations: &Organisations<'a>,
) {
    let total = a.participants();
    let at = a
        .flows
        .first()
        .map(|f| f.participants.as_ref().map_or(&f.loc, |p| &p.loc).clone())
        .unwrap_or_else(|| a.id.loc.clone());
    // A count that could not be read, or an organisation that does not
    // exist, has its own finding: the checks that would count it as 0, or
    // leave its country out, are skipped rather than echo it.
    let counts_known = a.flows.iter().all(|f| f.participants.is_some());
    let organisations_known = organisations.known;
    if let Some(range) = t.participants.as_ref().filter(|_| counts_known) {
        c.uses(&format!("{} participants", t.name), range);
        let all_fewer = total > 0
            && a.flows
                .iter()
                .all(|f| f.fewer_opportunities() == f.participants());
        let min = match (&t.participants_min_all_fewer_opportunities, all_fewer) {
            (Some(f), true) => {
                c.uses("minimum participants when all have fewer opportunities", f);
                Some(f.value)
            }
            _ => range.min,
        };
        let short = min.is_some_and(|m| total < m);
        let long = range.max.is_some_and(|m| total > m);
        if short || long {
            let bounds = match (min, range.max) {
                (Some(a), Some(b)) => format!("{a} to {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            let d = c
                .rule(
                    codes::PARTICIPANT_COUNT,
                    &format!("{} participants", t.name),
                    range,
                    format!(
                        "activity \"{}\" has {}; {} have {bounds} participants{}",
                        a.id.value,
                        crate::text::plural(total as usize, "participant", "participants"),
                        plural(&t.name),
                        range.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
                    ),
                )
                .at(&at)
                .with_help(if long {
                    "split the group over two activities, or reduce the participants of the flows"
                } else {
                    "add participants to the flows, or another national group"
                });
            c.push(d);
        }
    }
    // National groups: flows grouped by the sending partner's country.
    let mut groups: BTreeMap<&str, (u32, u32, Vec<&Flow>)> = BTreeMap::new();
    for f in &a.flows {
        let Some(country) = f
            .from
            .as_ref()
            .and_then(|id| c.partner(&id.value))
            .and_then(|p| p.country.as_ref())
        else {
            continue;
        };
        let g = groups.entry(country.value.as_str()).or_default();
        g.0 = g.0.saturating_add(f.participants());
        g.1 = g.1.saturating_add(f.group_leaders());
        g.2.push(f);
    }
    if let Some(fig) = t.national_groups_min.as_ref() {
        c.uses("minimum national groups", fig);
        if (groups.len() as u64) < u64::from(fig.value) && !a.flows.is_empty() && organisations_known {
            let d = c
                .rule(
                    codes::NATIONAL_GROUPS,
                    "minimum national groups",
                    fig,
                    format!(
                        "activity \"{}\" has {} national group{}; a {} needs at least {} from different countries",
                        a.id.value,
                        groups.len(),
                        if groups.len() == 1 { "" } else { "s" },
                        t.name.to_lowercase(),
                        fig.value
                    ),
                )
                .at(&at);
            c.push(d);
        }
    }
    for (country, (n, leaders, flows)) in &groups {
        let loc = flows
            .first()
            .and_then(|f| f.participants.as_ref())
            .map(|p| p.loc.clone())
            .unwrap_or_else(|| at.clone());
        if let Some(fig) = t.group_size_min.as_ref() {
            c.uses("minimum group size", fig);
            if *n < fig.value && flows.iter().all(|f| f.participants.is_some()) {
                let d = c
                    .rule(
                        codes::GROUP_SIZE,
                        "minimum group size",
                        fig,
                        format!(
                            "the national group from {country} has {}; each group needs at least {}",
                            crate::text::plural(*n as usize, "participant", "participants"),
                            fig.value
                        ),
                    )
                    .at(&loc);
                c.push(d);
            }
        }
        if let Some(fig) = t.group_leaders_min_per_group.as_ref() {
            c.uses("group leaders per group", fig);
            if *leaders < fig.value {
                let leader_loc = flows
                    .first()
                    .map(|f| {
                        f.group_leaders
                            .as_ref()
                            .map(|g| g.loc.clone())
                            .unwrap_or_else(|| f.loc.clone())
                    })
                    .unwrap_or_else(|| at.clone());
                let d = c
                    .rule(
                        codes::GROUP_LEADERS,
                        "group leaders per group",
                        fig,
                        format!("the national group from {country} has {leaders} group leader{}; each group needs at least {}", if *leaders == 1 { "" } else { "s" }, fig.value),
                    )
                    .at(&leader_loc)
                    .with_help("set `group_leaders` on the flow of that group; group leaders are adults of at least 18");
                c.push(d);
            }
        }
    }
    if let Some(fig) = t.facilitators_max.as_ref() {
        let n: u32 = a
            .flows
            .iter()
            .map(Flow::facilitators)
            .fold(0, u32::saturating_add);
        c.uses("maximum facilitators", fig);
        if n > fig.value {
            let loc = a
                .flows
                .iter()
                .find_map(|f| f.facilitators.as_ref().filter(|x| x.value > 0))
                .map(|x| x.loc.clone())
                .unwrap_or_else(|| at.clone());
            let d = c
                .rule(
                    codes::FACILITATORS,
                    "maximum facilitators",
                    fig,
                    format!(
                        "activity \"{}\" has {n} facilitators; at most {} are allowed",
                        a.id.value, fig.value
                    ),
                )
                .at(&loc);
            c.push(d);
        }
    }
    if let Some(range) = t.participant_age.as_ref() {
        for f in &a.flows {
            let Some(ages) = &f.ages else { continue };
            c.uses("participant ages", range);
            let (young, old) = ages.value;
            let bad = range.min.is_some_and(|m| young < m) || range.max.is_some_and(|m| old > m);
            if bad {
                let bounds = match (range.min, range.max) {
                    (Some(a), Some(b)) => format!("aged {a} to {b}"),
                    (Some(a), None) => format!("at least {a} years old"),
                    (None, Some(b)) => format!("at most {b} years old"),
                    (None, None) => String::new(),
                };
                let d = c
                    .rule(
                        codes::PARTICIPANT_AGE,
                        "participant ages",
                        range,
                        format!("participants aged {young} to {old}; {} participants are {bounds} on the activity's first day", t.name.to_lowercase()),
                    )
                    .at(&ages.loc);
                let over = range.max.filter(|&m| old > m);
                let d = match (over, &t.adult_roles_min_age) {
                    (Some(max), Some(adult)) => d.with_help(format!(
                        "a person older than {max} may still come as a group leader (an adult of {} or more) instead of as a participant; ages are counted in completed years on the start date",
                        adult.value
                    )),
                    _ => d.with_help("ages are counted in completed years on the start date of the activity; group leaders and facilitators are not participants"),
                };
                c.push(d);
            }
        }
    }
    if let Some(fig) = t.adult_roles_min_age.as_ref() {
        for (i, f) in a.flows.iter().enumerate() {
            for (role, ages) in [
                ("group leader", &f.leader_ages),
                ("facilitator", &f.facilitator_ages),
                ("accompanying person", &f.accompanying_ages),
            ] {
                let Some(ages) = ages else { continue };
                c.uses(
                    "minimum age of group leaders, facilitators and accompanying persons",
                    fig,
                );
                let young: Vec<String> = ages
                    .value
                    .iter()
                    .filter(|&&age| age < fig.value)
                    .map(u32::to_string)
                    .collect();
                if young.is_empty() {
                    continue;
                }
                let d = c
                    .rule(
                        codes::ADULT_AGE,
                        "minimum age of group leaders, facilitators and accompanying persons",
                        fig,
                        format!(
                            "flow {}: a {role} aged {}; group leaders, facilitators and accompanying persons are at least {} on the activity's first day",
                            i + 1,
                            young.join(", "),
                            fig.value
                        ),
                    )
                    .at(&ages.loc)
                    .with_help(format!(
                        "a person under {} may take part as a participant, not as a {role}",
                        fig.value
                    ));
                c.push(d);
            }
        }
    }
    if let Some(fig) = t.receiving_country_participants.as_ref().filter(|f| f.value)
        && let Some(venue) = a.venue_country()
    {
        let local = groups.get(venue.value.as_str()).is_some_and(|g| g.0 > 0);
        c.uses("participants from the receiving country", fig);
        if !local && !a.flows.is_empty() && counts_known && organisations_known {
            let d = c
                .rule(
                    codes::RECEIVING_COUNTRY,
                    "participants from the receiving country",
                    fig,
                    format!(
                        "activity \"{}\" in {} has no participants from {}",
                        a.id.value, venue.value, venue.value
                    ),
                )
                .at(&venue.loc)
                .with_help("add a flow of participants from an organisation in the venue's country");
            c.push(d);
        }
    }
    if let Some(fig) = t.organisations_min.as_ref() {
        let (orgs, countries) = (&organisations.ids, &organisations.countries);
        c.uses("organisations per activity", fig);
        if (countries.len() as u64) < u64::from(fig.value) && !orgs.is_empty() && organisations_known {
            let d = c
                .rule(
                    codes::ACTIVITY_ORGANISATIONS,
                    "organisations per activity",
                    fig,
                    format!(
                        "activity \"{}\" involves organisations from {} countr{}; it needs at least {} organisations from different countries, one sending and one receiving",
                        a.id.value,
                        countries.len(),
                        if countries.len() == 1 { "y" } else { "ies" },
                        fig.value
                    ),
                )
                .at(a.host.as_ref().map(|h| &h.loc).unwrap_or(&a.id.loc));
            c.push(d);
        }
    }
}
