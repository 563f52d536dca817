//! Project-level rules: duration, round and start window, National Agency,
//! reference number.

use chrono::{Months, NaiveDate};

use super::Checker;
use super::dates::project_end;
use crate::diagnostics::{Diagnostic, codes};
use crate::workspace::source::Loc;

pub fn check(c: &mut Checker<'_>) {
    duration(c);
    round(c);
    national_agency(c);
    reference(c);
}

fn duration(c: &mut Checker<'_>) {
    let p = &c.ws.project;
    let (Some(start), Some(end)) = (p.start.as_ref(), project_end(c.ws)) else {
        return;
    };
    if end < start.value {
        return;
    }
    let Some(range) = c.rules.action.eligibility.project_months.clone() else {
        return;
    };
    let loc = p
        .end
        .as_ref()
        .map(|e| e.loc.clone())
        .or_else(|| p.duration_months.as_ref().map(|d| d.loc.clone()))
        .unwrap_or_else(|| start.loc.clone());
    c.uses("project duration", &range);
    let last_day = |months: u32| -> Option<NaiveDate> {
        start.value.checked_add_months(Months::new(months))?.pred_opt()
    };
    let (months, exact) = super::dates::months_between(start.value, end);
    let shown = if exact {
        format!("{months} months")
    } else {
        let days = (end - last_day(months).unwrap_or(end)).num_days();
        format!(
            "{months} months and {days} day{}",
            if days == 1 { "" } else { "s" }
        )
    };
    let range_text = match (range.min, range.max) {
        (Some(a), Some(b)) => format!("{a} to {b} months"),
        (Some(a), None) => format!("at least {a} months"),
        (None, Some(b)) => format!("at most {b} months"),
        (None, None) => return,
    };
    let too_short = range.min.is_some_and(|m| last_day(m).is_some_and(|d| end < d));
    let too_long = range.max.is_some_and(|m| last_day(m).is_some_and(|d| end > d));
    if too_short || too_long {
        let d = c
            .rule(
                codes::PROJECT_DURATION,
                "project duration",
                &range,
                format!(
                    "the project lasts {shown}; {} projects last {range_text}",
                    c.rules.code
                ),
            )
            .at(&loc)
            .with_help(format!(
                "choose an end date between {} and {}",
                range
                    .min
                    .and_then(last_day)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "the start".into()),
                range
                    .max
                    .and_then(last_day)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "any later date".into())
            ));
        c.push(d);
    }
}

fn round(c: &mut Checker<'_>) {
    let p = &c.ws.project;
    let Some(round_no) = p.round.as_ref() else {
        return;
    };
    let rounds = &c.rules.action.rounds;
    let Some(round) = rounds.iter().find(|r| r.round == round_no.value) else {
        let offered: Vec<String> = rounds.iter().map(|r| r.round.to_string()).collect();
        let d = Diagnostic::error(
            codes::UNKNOWN_ROUND,
            format!(
                "round {} is not known for {} in call {}",
                round_no.value, c.rules.code, c.rules.call.pack.call
            ),
        )
        .at(&round_no.loc)
        .with_help(if offered.is_empty() {
            format!(
                "the {} rule pack holds no rounds for this action",
                c.rules.call.pack.call
            )
        } else {
            format!("the rounds of this call are: {}", offered.join(", "))
        });
        c.push(d);
        return;
    };
    let round = round.clone();
    c.uses(&format!("round {} dates", round.round), &round);
    if round.offered.as_deref() == Some("where-the-na-opens-it") {
        c.push(
            Diagnostic::note(
                codes::UNKNOWN_ROUND,
                format!(
                    "round {} of {} is offered only where the National Agency opens it ({})",
                    round.round, c.rules.code, round.source
                ),
            )
            .at(&round_no.loc)
            .with_help("check your National Agency's call page before relying on this round"),
        );
    }
    let Some(start) = p.start.as_ref() else {
        return;
    };
    if let (Some(from), Some(to)) = (round.start_from(), round.start_to())
        && (start.value < from || start.value > to)
    {
        let deadline = round
            .deadline()
            .map(|d| format!(" (deadline {d})"))
            .unwrap_or_default();
        let (other_round, help) = super::calendar::start_help(c, start.value, &round);
        let none = if other_round {
            String::new()
        } else {
            format!(
                ", and no round of call {} takes projects starting then",
                c.rules.call.pack.call
            )
        };
        let d = c
            .rule(
                codes::START_WINDOW,
                "project start window",
                &round,
                format!(
                    "the project starts on {}; projects of round {}{deadline} start between {from} and {to}{none}",
                    start.value, round.round
                ),
            )
            .at(&start.loc)
            .with_help(help);
        c.push(d);
    }
}

/// The country of a National Agency code: its first two letters (EL is Greece).
pub fn agency_country(code: &str) -> Option<&'static str> {
    let prefix = code.get(0..2)?;
    crate::geo::canonical_country(prefix)
}

fn national_agency(c: &mut Checker<'_>) {
    let Some(na) = c.ws.project.national_agency.as_ref() else {
        return;
    };
    let format = c.rules.call.identifiers.national_agency.clone();
    let well_formed = match format.as_ref().and_then(|f| regex::Regex::new(&f.value).ok()) {
        Some(re) => re.is_match(&na.value),
        None => {
            na.value.len() == 4
                && na.value.bytes().take(2).all(|b| b.is_ascii_uppercase())
                && na.value.bytes().skip(2).all(|b| b.is_ascii_digit())
        }
    };
    if !well_formed {
        let message = format!("\"{}\" is not a National Agency code", na.value);
        let d = match &format {
            Some(f) => c.rule(codes::NATIONAL_AGENCY, "National Agency code format", f, message),
            None => Diagnostic::error(codes::NATIONAL_AGENCY, message),
        };
        c.push(d.at(&na.loc).with_help(
            "an agency code is the country code and two digits, e.g. \"FR02\" for the French youth agency",
        ));
        return;
    }
    let Some(na_country) = agency_country(&na.value) else {
        return;
    };
    if let Some(app) = c.ws.applicant()
        && let Some(country) = app.country.as_ref()
        && country.value != na_country
    {
        c.push(
            Diagnostic::error(
                codes::NATIONAL_AGENCY,
                format!(
                    "the application goes to {} (an agency in {na_country}), but the applicant is in {}",
                    na.value, country.value
                ),
            )
            .at(&na.loc)
            .secondary(&country.loc, "applicant's country")
            .with_help("applications go to the National Agency of the applicant's country"),
        );
    }
    let known = c
        .rules
        .call
        .national_agencies
        .iter()
        .find(|a| a.code == na.value)
        .cloned();
    match known {
        Some(agency) => c.uses(&format!("National Agency code {}", agency.code), &agency),
        None => c.push(
            Diagnostic::note(
                codes::NATIONAL_AGENCY,
                format!(
                    "{} is not among the agency codes in the {} rule pack",
                    na.value, c.rules.call.pack.call
                ),
            )
            .at(&na.loc)
            .with_help("check the code on your National Agency's website"),
        ),
    }
}

/// The project's reference number, and the grant agreement's in
/// `results/report.toml`, checked against the call's format.
fn reference(c: &mut Checker<'_>) {
    let ws = c.ws;
    let grant = ws.results.report.as_ref().and_then(|r| r.reference.as_ref());
    for r in ws.project.reference.iter().chain(grant) {
        reference_number(c, r);
    }
}

fn reference_number(c: &mut Checker<'_>, r: &crate::workspace::S<String>) {
    let Some(fig) = c.rules.call.identifiers.reference.clone() else {
        return;
    };
    let Ok(re) = regex::Regex::new(&fig.value) else {
        return;
    };
    if !re.is_match(&r.value) {
        let d = c
            .rule(
                codes::INVALID_REFERENCE_NUMBER,
                "project reference format",
                &fig,
                format!("\"{}\" is not a project reference number", r.value),
            )
            .at(&r.loc)
            .with_help("a reference looks like 2026-1-FR02-KA153-YOU-000123456; leave it out until the agency assigns one");
        c.push(d);
    }
}

/// The first day of the project file, for findings about the project as a whole.
pub fn project_loc(c: &Checker<'_>) -> Loc {
    Loc::file_start(c.ws.project.file)
}
