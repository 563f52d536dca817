//! Who may take part: one applicant, eligible countries by role, enough
//! organisations from enough countries, organisation types, country
//! conditions, the National Agency's country in each activity, OIDs.

use std::collections::BTreeSet;

use super::Checker;
use super::project::{agency_country, project_loc};
use crate::diagnostics::{Diagnostic, codes};
use crate::pack::ConditionKind;
use crate::workspace::{Partner, Role};

fn counted(p: &Partner) -> bool {
    !matches!(p.role.as_ref().map(|r| r.value), Some(Role::AssociatedPartner))
}

pub fn check(c: &mut Checker<'_>) {
    applicants(c);
    countries(c);
    conditions(c);
    types(c);
    minimum(c);
    na_country(c);
    established(c);
    oids(c);
}

fn applicants(c: &mut Checker<'_>) {
    let applicants: Vec<&Partner> =
        c.ws.partners
            .iter()
            .filter(|p| p.role.as_ref().is_some_and(|r| r.value == Role::Applicant))
            .collect();
    match applicants.as_slice() {
        [] if !c.ws.partners.is_empty() => c.push(
            Diagnostic::error(codes::APPLICANT_COUNT, "no partner has `role = \"applicant\"`")
                .at(&project_loc(c))
                .with_help(
                    "set `role = \"applicant\"` in the file of the organisation that submits the application",
                ),
        ),
        [] => c.push(
            Diagnostic::error(
                codes::APPLICANT_COUNT,
                "the workspace has no participating organisations",
            )
            .at(&project_loc(c))
            .with_help("add one file per organisation to partners/, e.g. partners/alc.toml"),
        ),
        [_] => {}
        [first, rest @ ..] => {
            for p in rest {
                if let Some(role) = &p.role {
                    let mut d = Diagnostic::error(
                        codes::APPLICANT_COUNT,
                        format!(
                            "\"{}\" is a second applicant; an application has exactly one",
                            p.id.value
                        ),
                    )
                    .at(&role.loc)
                    .with_help("set `role = \"partner\"` for every organisation but the one that submits");
                    if let Some(r) = &first.role {
                        d = d.secondary(&r.loc, "first applicant");
                    }
                    c.push(d);
                }
            }
        }
    }
}

fn countries(c: &mut Checker<'_>) {
    let elig = c.rules.action.eligibility.clone();
    for p in &c.ws.partners {
        let (Some(country), Some(role)) = (&p.country, &p.role) else {
            continue;
        };
        if let Some(fig) = elig.excluded_countries.as_ref() {
            c.uses("countries excluded from the action", fig);
            if fig.value.contains(&country.value) {
                let code = if role.value == Role::Applicant {
                    codes::APPLICANT_COUNTRY
                } else {
                    codes::PARTNER_COUNTRY
                };
                let d = c
                    .rule(
                        code,
                        "countries excluded from the action",
                        fig,
                        format!(
                            "\"{}\" is in {}, whose organisations are excluded from {} in any role",
                            p.id.value, country.value, c.rules.code
                        ),
                    )
                    .at(&country.loc)
                    .help_opt(fig.note.clone());
                c.push(d);
                continue;
            }
        }
        let (fig, code, who) = match role.value {
            Role::Applicant => (
                elig.applicant_groups.as_ref(),
                codes::APPLICANT_COUNTRY,
                "an applicant",
            ),
            Role::Partner => (elig.partner_groups.as_ref(), codes::PARTNER_COUNTRY, "a partner"),
            Role::AssociatedPartner => continue,
        };
        let Some(fig) = fig else { continue };
        c.uses(&format!("eligible countries for {who}"), fig);
        if c.rules.country_in_groups(&country.value, &fig.value) {
            continue;
        }
        let group = c
            .group_of(&country.value)
            .map(|g| g.name.clone())
            .unwrap_or_else(|| "a country outside the programme".to_string());
        let allowed: Vec<String> = fig
            .value
            .iter()
            .map(|k| {
                c.rules
                    .call
                    .country_groups
                    .iter()
                    .find(|g| &g.key == k)
                    .map(|g| g.name.clone())
                    .unwrap_or_else(|| k.clone())
            })
            .collect();
        let help = match role.value {
            Role::Applicant => "the applicant must be established in an EU Member State or a third country associated to the Programme; another partner may apply instead".to_string(),
            _ => format!("{} partners come from: {}", c.rules.code, allowed.join(", ")),
        };
        let d = c
            .rule(
                code,
                "eligible countries",
                fig,
                format!(
                    "\"{}\" is in {} ({group}), which is not eligible as {who} in {}",
                    p.id.value, country.value, c.rules.code
                ),
            )
            .at(&country.loc)
            .with_help(help);
        c.push(d);
    }
}

fn conditions(c: &mut Checker<'_>) {
    let conditions = c.rules.call.country_conditions.clone();
    for cond in &conditions {
        if let Some(actions) = &cond.actions {
            let base = c.rules.code.split('-').next().unwrap_or_default().to_string();
            if !actions.iter().any(|a| a == &c.rules.code || a == &base) {
                continue;
            }
        }
        for p in &c.ws.partners {
            let Some(country) = &p.country else { continue };
            if country.value != cond.country {
                continue;
            }
            let applies = match cond.kind {
                ConditionKind::Blocked | ConditionKind::Restricted => true,
                ConditionKind::NoPublicBodies => p.kind.as_ref().is_some_and(|k| k.value == "public-body"),
                ConditionKind::NoActivities | ConditionKind::Note => false,
            };
            if !applies {
                continue;
            }
            let mut d = c
                .rule(
                    codes::BLOCKED_ORGANISATION,
                    &format!("country condition {}", cond.country),
                    cond,
                    format!("\"{}\" ({}): {}", p.id.value, cond.country, cond.message),
                )
                .at(&country.loc)
                .with_help("the National Agency must confirm this organisation's eligibility before you apply with it");
            // A condition that an authority's decision can lift is never an
            // error: coopcom cannot know whether the exception was granted.
            if cond.kind == ConditionKind::Restricted && d.severity == crate::diagnostics::Severity::Error {
                d.severity = crate::diagnostics::Severity::Warning;
            }
            c.push(d);
        }
    }
}

fn types(c: &mut Checker<'_>) {
    let Some(fig) = c.rules.action.eligibility.organisation_types.clone() else {
        return;
    };
    for p in &c.ws.partners {
        let Some(kind) = &p.kind else { continue };
        if !counted(p) {
            continue;
        }
        c.uses("eligible organisation types", &fig);
        if fig.value.contains(&kind.value) {
            continue;
        }
        let d = c
            .rule(
                codes::ORGANISATION_TYPE,
                "eligible organisation types",
                &fig,
                format!(
                    "{} does not accept organisations of type \"{}\"",
                    c.rules.code, kind.value
                ),
            )
            .at(&kind.loc)
            .with_help(format!(
                "types accepted in {}: {}",
                c.rules.code,
                fig.value.join(", ")
            ));
        c.push(d);
    }
}

fn minimum(c: &mut Checker<'_>) {
    let elig = c.rules.action.eligibility.clone();
    let orgs: Vec<&Partner> = c.ws.partners.iter().filter(|p| counted(p)).collect();
    let countries: BTreeSet<&str> = orgs
        .iter()
        .filter_map(|p| p.country.as_ref().map(|c| c.value.as_str()))
        .collect();
    let programme: BTreeSet<&str> = countries
        .iter()
        .copied()
        .filter(|k| c.rules.is_programme_country(k))
        .collect();
    let loc = project_loc(c);
    if let Some(fig) = &elig.min_organisations {
        c.uses("minimum organisations", fig);
        if (orgs.len() as u64) < u64::from(fig.value) {
            let d = c
                .rule(
                    codes::TOO_FEW_ORGANISATIONS,
                    "minimum organisations",
                    fig,
                    format!(
                        "the project has {} participating organisation{}; {} needs at least {}",
                        orgs.len(),
                        if orgs.len() == 1 { "" } else { "s" },
                        c.rules.code,
                        fig.value
                    ),
                )
                .at(&loc)
                .with_help("add a file per partner organisation to partners/");
            c.push(d);
        }
    }
    if let Some(fig) = &elig.min_countries {
        c.uses("minimum countries", fig);
        if (countries.len() as u64) < u64::from(fig.value) && fig.value > 1 {
            let d = c
                .rule(
                    codes::TOO_FEW_COUNTRIES,
                    "minimum countries",
                    fig,
                    format!(
                        "the organisations come from {} countr{}; {} needs at least {}",
                        countries.len(),
                        if countries.len() == 1 { "y" } else { "ies" },
                        c.rules.code,
                        fig.value
                    ),
                )
                .at(&loc)
                .with_help("partners must come from different countries");
            c.push(d);
        }
    }
    if let Some(fig) = &elig.min_programme_countries {
        c.uses("minimum Member States or associated countries", fig);
        if (programme.len() as u64) < u64::from(fig.value) {
            let d = c
                .rule(
                    codes::TOO_FEW_COUNTRIES,
                    "minimum Member States or associated countries",
                    fig,
                    format!(
                        "the organisations come from {} Member State{} or associated countr{}; {} needs at least {}",
                        programme.len(),
                        if programme.len() == 1 { "" } else { "s" },
                        if programme.len() == 1 { "y" } else { "ies" },
                        c.rules.code,
                        fig.value
                    ),
                )
                .at(&loc)
                .with_help("add partners from further EU Member States or associated countries");
            c.push(d);
        }
    }
}

/// The country whose National Agency receives the application.
pub fn na_country_of(c: &Checker<'_>) -> Option<String> {
    c.ws.project
        .national_agency
        .as_ref()
        .and_then(|na| agency_country(&na.value))
        .map(str::to_string)
        .or_else(|| {
            c.ws.applicant()
                .and_then(|a| a.country.as_ref().map(|k| k.value.clone()))
        })
}

fn na_country(c: &mut Checker<'_>) {
    let Some(fig) = c.rules.action.eligibility.na_country_in_each_activity.clone() else {
        return;
    };
    if !fig.value {
        return;
    }
    let Some(na) = na_country_of(c) else { return };
    for a in &c.ws.activities {
        let is_main = a
            .kind
            .as_ref()
            .and_then(|k| c.rules.activity_type(&k.value))
            .is_some_and(|t| t.kind == crate::pack::ActivityKind::Main);
        if !is_main {
            continue;
        }
        let orgs = super::activities::Organisations::of(c, a);
        if !orgs.known {
            continue;
        }
        let countries = &orgs.countries;
        if countries.is_empty() {
            continue;
        }
        c.uses("National Agency country in each activity", &fig);
        if !countries.contains(&na.as_str()) {
            let d = c
                .rule(
                    codes::NA_COUNTRY,
                    "National Agency country in each activity",
                    &fig,
                    format!(
                        "activity \"{}\" has no sending or receiving organisation from {na}, the country of the National Agency",
                        a.id.value
                    ),
                )
                .at(a.host.as_ref().map(|h| &h.loc).unwrap_or(&a.id.loc))
                .with_help(format!("add a flow from an organisation in {na}, or host the activity there"));
            c.push(d);
        }
    }
}

fn established(c: &mut Checker<'_>) {
    let Some(fig) = c.rules.action.eligibility.applicant_established_years.clone() else {
        return;
    };
    let deadline =
        c.ws.project
            .round
            .as_ref()
            .and_then(|r| c.rules.action.rounds.iter().find(|x| x.round == r.value))
            .and_then(|r| r.deadline());
    let Some(app) = c.ws.applicant() else { return };
    let (Some(est), Some(deadline)) = (app.established.as_ref(), deadline) else {
        return;
    };
    let Some(limit) = deadline.checked_sub_months(chrono::Months::new(fig.value.saturating_mul(12))) else {
        return;
    };
    c.uses("applicant established before the deadline", &fig);
    if est.value > limit {
        let d = c
            .rule(
                codes::ORGANISATION_AGE,
                "applicant established before the deadline",
                &fig,
                format!(
                    "the applicant was established on {}; {} applicants must be established at least {} years before the deadline of {deadline}, that is on or before {limit}",
                    est.value, c.rules.code, fig.value
                ),
            )
            .at(&est.loc)
            .with_help("another partner established earlier in a Member State or associated country may apply instead");
        c.push(d);
    }
}

fn oids(c: &mut Checker<'_>) {
    let fig = c.rules.call.identifiers.oid.clone();
    let re = fig.as_ref().and_then(|f| regex::Regex::new(&f.value).ok());
    for p in &c.ws.partners {
        match (&p.oid, &fig, &re) {
            (None, _, _) => c.push(
                Diagnostic::warning(
                    codes::MISSING_OID,
                    format!("\"{}\" has no Organisation ID (`oid`) yet", p.id.value),
                )
                .at(&p.id.loc)
                .with_help("register the organisation in the Erasmus+ Organisation Registration System and add `oid = \"E........\"`; the form cannot be submitted without it"),
            ),
            (Some(oid), Some(fig), Some(re)) if !re.is_match(&oid.value) => {
                let d = c
                    .rule(
                        codes::INVALID_OID,
                        "Organisation ID format",
                        fig,
                        format!("\"{}\" is not an Organisation ID", oid.value),
                    )
                    .at(&oid.loc)
                    .with_help("an OID is the letter E followed by 8 digits, e.g. E10012345");
                c.push(d);
            }
            _ => {}
        }
    }
}
