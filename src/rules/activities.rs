//! Activities: types allowed for the action, required types, durations,
//! venues, funded travel days and preparatory visits. Who takes part is in
//! `participants`.

use super::Checker;
use super::project::project_loc;
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::pack::{ActivityKind, ActivityType};
use crate::workspace::{Activity, Workspace};

/// One age per person: `leader_ages` lists as many ages as `group_leaders`
/// counts, and so on. Needs no rule pack.
fn ages_match_counts(f: &crate::workspace::Flow, number: usize, diags: &mut Vec<Diagnostic>) {
    for (key, count_key, count, ages) in [
        ("leader_ages", "group_leaders", f.group_leaders(), &f.leader_ages),
        (
            "facilitator_ages",
            "facilitators",
            f.facilitators(),
            &f.facilitator_ages,
        ),
        (
            "accompanying_ages",
            "accompanying",
            f.accompanying(),
            &f.accompanying_ages,
        ),
    ] {
        let Some(ages) = ages else { continue };
        let given = ages.value.len();
        if given as u64 == u64::from(count) {
            continue;
        }
        diags.push(
            Diagnostic::error(
                codes::ADULT_AGE,
                format!(
                    "flow {number}: `{key}` gives {given} age{} for `{count_key} = {count}`",
                    if given == 1 { "" } else { "s" }
                ),
            )
            .at(&ages.loc)
            .with_help(format!(
                "give one age per person: {count} age{}, or correct `{count_key}`",
                if count == 1 { "" } else { "s" }
            )),
        );
    }
}

/// Parts larger than their whole, which need no rule pack.
pub fn check_counts(ws: &Workspace, diags: &mut Vec<Diagnostic>) {
    for a in &ws.activities {
        for (i, f) in a.flows.iter().enumerate() {
            if f.participants.is_none() {
                continue;
            }
            ages_match_counts(f, i + 1, diags);
            let participants = f.participants();
            for (name, part) in [
                ("fewer_opportunities", &f.fewer_opportunities),
                ("women", &f.women),
            ] {
                if let Some(p) = part
                    && p.value > participants
                {
                    diags.push(
                        Diagnostic::error(
                            codes::INCONSISTENT_COUNTS,
                            format!(
                                "flow {}: `{name} = {}` is more than the {participants} participants",
                                i + 1,
                                p.value
                            ),
                        )
                        .at(&p.loc)
                        .with_help(format!(
                            "`{name}` counts the participants of this flow who are in that group"
                        )),
                    );
                }
            }
        }
    }
}

/// The main activity a preparatory visit prepares: the one named by
/// `prepares`, or else the next main activity starting after the visit.
pub fn prepared_activity<'a>(c: &Checker<'a>, visit: &Activity) -> Option<&'a Activity> {
    prepared_activity_of(c.ws, c.rules, visit)
}

/// [`prepared_activity`] without a checker, for the budget.
pub fn prepared_activity_of<'a>(
    ws: &'a Workspace,
    rules: &super::Rules,
    visit: &Activity,
) -> Option<&'a Activity> {
    if let Some(p) = &visit.prepares {
        return ws.activity(&p.value);
    }
    let links: &[String] = rules
        .activity_type(visit.kind.as_ref()?.value.as_str())
        .map(|t| t.links_to.as_slice())
        .unwrap_or_default();
    let after = visit.end.as_ref().or(visit.start.as_ref())?.value;
    ws.activities
        .iter()
        .filter(|a| {
            a.kind.as_ref().is_some_and(|k| links.contains(&k.value))
                && a.start.as_ref().is_some_and(|s| s.value > after)
        })
        .min_by_key(|a| (a.start.as_ref().map(|s| s.value), a.id.value.clone()))
}

pub fn check(c: &mut Checker<'_>) {
    let ws = c.ws;
    let uses_activities = !matches!(c.rules.action.action.family, crate::pack::Family::Cooperation);
    if c.rules.action.activity_types.is_empty() {
        // A partial pack of an older call: say once that activities go unchecked.
        if uses_activities && !ws.activities.is_empty() {
            c.push(
                Diagnostic::warning(
                    codes::FIGURE_UNKNOWN,
                    format!(
                        "the {} rule pack does not know the activity types of {}: activities are not checked and get no unit costs",
                        c.rules.call.pack.call, c.rules.code
                    ),
                )
                .at(&project_loc(c))
                .with_help("supply them with --rules FILE (see rules/README.md), with their source and status"),
            );
        }
        return;
    }
    let type_keys: Vec<String> = c
        .rules
        .action
        .activity_types
        .iter()
        .map(|t| t.key.clone())
        .collect();
    let mut seen_types: Vec<String> = Vec::new();
    let rules = c.rules;
    for a in &ws.activities {
        let Some(kind) = &a.kind else { continue };
        let Some(t) = rules.activity_type(&kind.value) else {
            let keys: Vec<&str> = type_keys.iter().map(String::as_str).collect();
            c.push(
                Diagnostic::error(
                    codes::ACTIVITY_TYPE,
                    format!("{} has no activity type \"{}\"", c.rules.code, kind.value),
                )
                .at(&kind.loc)
                .help_opt(suggest::help_for(
                    &kind.value,
                    &keys,
                    "activity types of this action",
                ))
                .with_note(if keys.is_empty() {
                    format!(
                        "{} projects describe their activities in work packages",
                        c.rules.code
                    )
                } else {
                    format!("activity types of {}: {}", c.rules.code, keys.join(", "))
                }),
            );
            continue;
        };
        seen_types.push(t.key.clone());
        duration(c, a, t);
        // The organisations, their countries and whether all are known:
        // found once for the venue and participants checks.
        let orgs = Organisations::of(c, a);
        venue(c, a, &orgs);
        super::participants::check(c, a, t, &orgs);
        travel_days(c, a);
        if t.kind == ActivityKind::PreparatoryVisit {
            preparatory(c, a, t);
        }
    }
    for t in c.rules.action.activity_types.clone() {
        if t.required && !seen_types.contains(&t.key) {
            let mut d = Diagnostic::error(
                codes::REQUIRED_ACTIVITY,
                format!(
                    "the project has no {} (`type = \"{}\"`); {} projects need at least one",
                    t.name, t.key, c.rules.code
                ),
            )
            .at(&project_loc(c))
            .with_help(format!(
                "add an activity file to activities/ with `type = \"{}\"`",
                t.key
            ));
            if let Some(src) = &t.source {
                d.message = format!("{} ({src})", d.message);
            }
            c.push(d);
        }
    }
}

fn duration(c: &mut Checker<'_>, a: &Activity, t: &ActivityType) {
    let (Some(range), Some(days), Some(end)) = (&t.days, a.days(), &a.end) else {
        return;
    };
    c.uses(&format!("{} duration", t.name), range);
    let days = u64::try_from(days).unwrap_or(0);
    let short = range.min.is_some_and(|m| days < u64::from(m));
    let long = range.max.is_some_and(|m| days > u64::from(m));
    if !(short || long) {
        return;
    }
    let bounds = match (range.min, range.max) {
        (Some(a), Some(b)) => format!("{a} to {b} days"),
        (Some(a), None) => format!("at least {a} days"),
        (None, Some(b)) => format!("at most {b} days"),
        (None, None) => return,
    };
    let d = c
        .rule(
            codes::ACTIVITY_DURATION,
            &format!("{} duration", t.name),
            range,
            format!(
                "the activity lasts {days} day{}; {} last {bounds}, travel excluded",
                if days == 1 { "" } else { "s" },
                plural(&t.name)
            ),
        )
        .at(&end.loc)
        .with_help(match fitting_end(a, if short { range.min } else { range.max }) {
            Some((end, n)) => format!(
                "`end = {end}` gives {n} days, the {} allowed: the first and last activity day both count, travel days do not",
                if short { "fewest" } else { "most" }
            ),
            None => "dates are the first and last activity day, both included, without travel days".to_string(),
        });
    c.push(d);
}

/// The end date that gives the activity `days` days, both ends included.
fn fitting_end(a: &Activity, days: Option<u32>) -> Option<(chrono::NaiveDate, u32)> {
    let days = days.filter(|d| *d > 0)?;
    let start = a.start.as_ref()?.value;
    let end = start.checked_add_days(chrono::Days::new(u64::from(days) - 1))?;
    Some((end, days))
}

/// "youth exchanges", "professional development activities": the plural of
/// an activity type's name, in lower case.
pub fn plural(name: &str) -> String {
    let lower = name.to_lowercase();
    match lower.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{lower}s"),
    }
}

/// The distinct countries of the given partners, sorted.
pub(super) fn countries_of<'a>(c: &Checker<'a>, ids: &[&str]) -> Vec<&'a str> {
    let mut countries: Vec<&str> = ids
        .iter()
        .filter_map(|id| {
            c.partner(id)
                .and_then(|p| p.country.as_ref().map(|k| k.value.as_str()))
        })
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// Partners taking part in an activity: the host and every sending partner.
/// True when every organisation the activity names (each flow's `from`,
/// the `host`) is a partner whose country is known. Otherwise a finding
/// about the reference or the partner's file has been given already, and
/// counting the countries of the activity would only echo it.
pub(super) fn organisations_known(c: &Checker<'_>, a: &Activity) -> bool {
    let known = |id: Option<&crate::workspace::S<String>>| {
        id.and_then(|id| c.partner(&id.value))
            .is_some_and(|p| p.country.is_some())
    };
    a.flows.iter().all(|f| known(f.from.as_ref())) && (a.host.is_none() || known(a.host.as_ref()))
}

/// The organisations of an activity as the checks count them: the ids
/// ([`organisations`]), whether each is a partner of known country
/// ([`organisations_known`]) and their countries ([`countries_of`]).
pub(crate) struct Organisations<'a> {
    pub ids: Vec<&'a str>,
    pub known: bool,
    pub countries: Vec<&'a str>,
}

impl<'a> Organisations<'a> {
    pub(super) fn of(c: &Checker<'a>, a: &'a Activity) -> Self {
        let ids = organisations(a);
        let countries = countries_of(c, &ids);
        Organisations {
            known: organisations_known(c, a),
            ids,
            countries,
        }
    }
}

pub(super) fn organisations(a: &Activity) -> Vec<&str> {
    let mut ids: Vec<&str> = a
        .flows
        .iter()
        .filter_map(|f| f.from.as_ref().map(|x| x.value.as_str()))
        .collect();
    if let Some(h) = &a.host {
        ids.push(&h.value);
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn venue<'a>(c: &mut Checker<'a>, a: &'a Activity, orgs: &Organisations<'a>) {
    let Some(country) = a.venue_country() else { return };
    let rules = c.rules;
    if let Some(fig) = rules.action.eligibility.venue_excluded.as_ref() {
        c.uses("excluded venue countries", fig);
        if fig.value.contains(&country.value) {
            let d = c
                .rule(
                    codes::VENUE_EXCLUDED,
                    "excluded venue countries",
                    fig,
                    format!("no {} activity may take place in {}", c.rules.code, country.value),
                )
                .at(&country.loc)
                .with_help("hold the activity in the country of another participating organisation");
            c.push(d);
            return;
        }
    }
    // KA1: the countries of the organisations in the activity; KA2: of any
    // organisation in the project (Guide 2026 pp. 237, 245-246).
    let partnership = matches!(
        c.rules.action.action.family,
        crate::pack::Family::SmallScale | crate::pack::Family::Cooperation
    );
    let countries = if partnership {
        let orgs: Vec<&str> = c.ws.partners.iter().map(|p| p.id.value.as_str()).collect();
        countries_of(c, &orgs)
    } else {
        if !orgs.known {
            return;
        }
        orgs.countries.clone()
    };
    let seat = institution_seat(c, a);
    if let (Some(inst), None) = (&a.eu_institution, &seat) {
        let seats: Vec<String> = c
            .rules
            .call
            .eu_institution_seats
            .iter()
            .map(|s| format!("{} ({})", s.city, s.country))
            .collect();
        c.push(
            Diagnostic::warning(
                codes::EU_INSTITUTION_VENUE,
                format!(
                    "`eu_institution = \"{}\"`, but the venue is not the seat of an institution of the European Union",
                    inst.value
                ),
            )
            .at(&inst.loc)
            .with_note(format!("seats of the EU institutions: {}", seats.join(", ")))
            .with_help("give the seat's city and country as the venue, or remove `eu_institution`"),
        );
    }
    if countries.is_empty() || countries.contains(&country.value.as_str()) {
        return;
    }
    // The seat of an EU institution, where the action accepts it (KA154
    // when organised at or with the institution, Guide 2026 p. 187; KA210
    // when duly justified, p. 246).
    let rule = c.rules.action.eligibility.eu_institution_venue.clone();
    if let (Some(inst), Some(seat)) = (&a.eu_institution, &seat) {
        match &rule {
            Some(rule) => {
                c.uses("venues at the seat of an EU institution", rule);
                c.uses("seats of the EU institutions", seat);
                if rule.value == "justified" && a.venue_reason.is_none() {
                    c.push(
                        Diagnostic::warning(
                            codes::EU_INSTITUTION_VENUE,
                            format!(
                                "activity \"{}\" at the seat of {} in {}: {} accepts this venue when duly justified, and the activity gives no `venue_reason` ({})",
                                a.id.value,
                                inst.value,
                                seat.city,
                                c.rules.code,
                                super::cite(rule)
                            ),
                        )
                        .at(&inst.loc)
                        .with_help("add `venue_reason = \"...\"`: why the activity must take place there"),
                    );
                }
                return;
            }
            None => c.push(
                Diagnostic::note(
                    codes::EU_INSTITUTION_VENUE,
                    format!(
                        "{} makes no exception for venues at the seat of an EU institution",
                        c.rules.code
                    ),
                )
                .at(&inst.loc),
            ),
        }
    }
    let help = match (&rule, &seat) {
        (Some(_), Some(_)) => "the venue is the seat of an EU institution: if the activity is organised at or with it, name it with `eu_institution = \"...\"`".to_string(),
        _ => "activities take place in the country of one of the organisations in the activity".to_string(),
    };
    c.push(
        Diagnostic::error(
            codes::VENUE_COUNTRY,
            format!(
                "the venue is in {}, but no organisation {} is ({})",
                country.value,
                if partnership {
                    "of the project".to_string()
                } else {
                    format!("of activity \"{}\"", a.id.value)
                },
                countries.join(", ")
            ),
        )
        .at(&country.loc)
        .with_help(help),
    );
}

/// The seat of EU institutions the activity's venue is in, if any: the
/// venue's city (or one of its other names) and country, as the pack lists them.
fn institution_seat(c: &Checker<'_>, a: &Activity) -> Option<crate::pack::InstitutionSeat> {
    let venue = a.venue.as_ref()?;
    let city = crate::geo::fold_key(&venue.city.as_ref()?.value);
    let country = &venue.country.as_ref()?.value;
    c.rules
        .call
        .eu_institution_seats
        .iter()
        .find(|s| {
            s.country == *country
                && std::iter::once(&s.city)
                    .chain(&s.aliases)
                    .any(|n| crate::geo::fold_key(n) == city)
        })
        .cloned()
}

fn travel_days(c: &mut Checker<'_>, a: &Activity) {
    let rules = c.rules;
    let budget = &rules.action.budget;
    for f in &a.flows {
        let Some(days) = &f.travel_days else { continue };
        let fig = if f.green() {
            budget.green_travel_days.as_ref()
        } else {
            budget.travel_days.as_ref()
        };
        let Some(fig) = fig else { continue };
        let Some(max) = fig.max else { continue };
        c.uses("funded travel days", fig);
        if days.value > max {
            let d = c
                .rule(
                    codes::TRAVEL_DAYS,
                    "funded travel days",
                    fig,
                    format!(
                        "{} funded travel days; at most {max} are funded {}",
                        days.value,
                        if f.green() { "with green travel" } else { "without green travel" }
                    ),
                )
                .at(&days.loc)
                .with_help(if f.green() { "lower `travel_days`" } else { "lower `travel_days`, or travel green (`green_travel = true`) to be funded up to 4 more days" });
            c.push(d);
        }
    }
}

fn preparatory(c: &mut Checker<'_>, visit: &Activity, t: &ActivityType) {
    let loc = visit
        .kind
        .as_ref()
        .map(|k| k.loc.clone())
        .unwrap_or_else(|| visit.id.loc.clone());
    let Some(main) = prepared_activity(c, visit) else {
        let mut d = Diagnostic::error(
            codes::PREPARATORY_VISIT,
            format!(
                "preparatory visit \"{}\" prepares no later {}",
                visit.id.value,
                t.links_to.join(" or ")
            ),
        )
        .at(&loc)
        .with_help("add `prepares = \"<activity id>\"`, or schedule the main activity after the visit");
        if let Some(src) = &t.source {
            d.message = format!("{} ({src})", d.message);
        }
        c.push(d);
        return;
    };
    if let (Some(ve), Some(ms)) = (&visit.end, &main.start)
        && ve.value >= ms.value
    {
        c.push(
            Diagnostic::error(
                codes::PREPARATORY_VISIT,
                format!(
                    "preparatory visit \"{}\" ends on {}, not before \"{}\" starts on {}",
                    visit.id.value, ve.value, main.id.value, ms.value
                ),
            )
            .at(&ve.loc)
            .with_help("a preparatory visit takes place before the activity it prepares"),
        );
    }
    if let Some(kind) = &main.kind
        && !t.links_to.contains(&kind.value)
    {
        c.push(
            Diagnostic::error(
                codes::PREPARATORY_VISIT,
                format!(
                    "\"{}\" is a {}, which a preparatory visit cannot prepare",
                    main.id.value, kind.value
                ),
            )
            .at(visit.prepares.as_ref().map(|p| &p.loc).unwrap_or(&loc))
            .with_help(format!(
                "a preparatory visit prepares a {}",
                t.links_to.join(" or ")
            )),
        );
    }
    let receiving: Vec<String> = main
        .host
        .iter()
        .filter_map(|h| {
            c.ws.partner(&h.value)
                .and_then(|p| p.country.as_ref().map(|k| k.value.clone()))
        })
        .collect();
    if let Some(vc) = visit.venue_country()
        && !receiving.is_empty()
        && !receiving.contains(&vc.value)
    {
        c.push(
                Diagnostic::error(
                    codes::PREPARATORY_VISIT,
                    format!(
                        "preparatory visit \"{}\" is in {}, not in the country of a receiving organisation of \"{}\" ({})",
                        visit.id.value,
                        vc.value,
                        main.id.value,
                        receiving.join(", ")
                    ),
                )
                .at(&vc.loc)
                .with_help("hold the visit where the main activity will take place"),
            );
    }
}
