//! The project's calendar as iCalendar (RFC 5545): one all-day event per
//! activity (and per work-package activity), plus the round's application
//! deadline, the project start and the project end.
//!
//! Built with the `icalendar` crate, which writes CRLF line endings, folds
//! lines at 75 octets and escapes text values. It would add a clock-based
//! DTSTAMP and a random UID to any event that lacks them; coopcom gives
//! every event both:
//! - the UID is made of the entity and the project, e.g.
//!   `a1-castelldefels.coopcom@coopcom`, so that importing the calendar again
//!   updates the events instead of duplicating them;
//! - the DTSTAMP (required by RFC 5545, "when the object was created") is
//!   the project start at 00:00 UTC, the one date every coopcom export uses
//!   instead of a clock: the same workspace gives the same file.

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::analysis::Analysis;

/// The events of the calendar, before formatting.
struct Day {
    uid: String,
    summary: String,
    first: NaiveDate,
    last: NaiveDate,
    location: String,
    description: String,
}

/// The calendar file.
pub fn calendar(a: &Analysis) -> Result<String> {
    let project = super::slug(a);
    let stamp: DateTime<Utc> = super::stamp(a)
        .and_hms_opt(0, 0, 0)
        .context("no midnight on the project start")?
        .and_utc();
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        format!("-//coopcom//coopcom {}//EN", env!("CARGO_PKG_VERSION")),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&clean(&title(a)));
    for day in days(a) {
        let mut event = Event::new();
        event
            .uid(&format!("{}.{project}@coopcom", day.uid))
            .timestamp(stamp)
            .summary(&clean(&day.summary))
            .starts(day.first)
            .ends(day.last.succ_opt().unwrap_or(day.last))
            .description(&clean(&day.description));
        if !day.location.is_empty() {
            event.location(&clean(&day.location));
        }
        cal.push(event.done());
    }
    let mut text = String::new();
    write!(text, "{cal}").context("cannot write the calendar")?;
    Ok(text)
}

/// Text as RFC 5545 carries it: line breaks as `\n` (the crate escapes
/// them), no other control character.
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

fn title(a: &Analysis) -> String {
    a.ws.project
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_default()
}

fn days(a: &Analysis) -> Vec<Day> {
    let ws = &a.ws;
    let title = title(a);
    let action = ws
        .project
        .action
        .as_ref()
        .map(|x| x.value.clone())
        .unwrap_or_default();
    let about = format!("{title} ({action}, Erasmus+)");
    let with_country = |id: &str| {
        let country = ws
            .partner(id)
            .and_then(|p| p.country.as_ref())
            .map(|c| format!(" ({})", c.value))
            .unwrap_or_default();
        format!("{}{country}", super::partner_name(a, id))
    };
    let place = |p: Option<&crate::workspace::Place>| {
        let Some(p) = p else { return String::new() };
        let city = p.city.as_ref().map(|c| c.value.clone()).unwrap_or_default();
        let country = p
            .country
            .as_ref()
            .map(|c| super::country_name(&c.value))
            .unwrap_or_default();
        [city, country]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let rules = a.rules.as_ref();
    let round = ws.project.round.as_ref().map(|r| r.value);
    if let Some(r) = rules.and_then(|r| r.action.rounds.iter().find(|x| Some(x.round) == round))
        && let Some(deadline) = r.deadline()
    {
        let time = r
            .deadline_time
            .clone()
            .map(|t| format!(", {t}"))
            .unwrap_or_default();
        out.push(Day {
            uid: "deadline".into(),
            summary: format!("Application deadline: {title}"),
            first: deadline,
            last: deadline,
            location: String::new(),
            description: format!(
                "Last day to submit the application of {about}, round {} of call {}{time}.",
                r.round,
                ws.project.call.as_ref().map(|c| c.value).unwrap_or_default()
            ),
        });
    }
    if let Some(start) = &ws.project.start {
        out.push(Day {
            uid: "start".into(),
            summary: format!("Project start: {title}"),
            first: start.value,
            last: start.value,
            location: String::new(),
            description: format!("First day of {about}."),
        });
    }
    if let Some(end) = crate::rules::dates::project_end(ws) {
        out.push(Day {
            uid: "end".into(),
            summary: format!("Project end: {title}"),
            first: end,
            last: end,
            location: String::new(),
            description: format!("Last day of {about}."),
        });
    }
    for act in &ws.activities {
        let (Some(first), Some(last)) = (&act.start, &act.end) else {
            continue;
        };
        let kind = act.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default();
        let kind = rules
            .and_then(|r| r.activity_type(&kind))
            .map(|t| t.name.clone())
            .unwrap_or(kind);
        let mut senders: Vec<String> = Vec::new();
        for f in &act.flows {
            if let Some(from) = &f.from
                && !senders.contains(&from.value)
            {
                senders.push(from.value.clone());
            }
        }
        let mut description = format!("{kind} of {about}.");
        if let Some(host) = &act.host {
            description.push_str(&format!("\nHost: {}.", with_country(&host.value)));
        }
        if !senders.is_empty() {
            let names: Vec<String> = senders.iter().map(|s| with_country(s)).collect();
            description.push_str(&format!("\nSending partners: {}.", names.join(", ")));
        }
        out.push(Day {
            uid: act.id.value.clone(),
            summary: act
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_else(|| act.id.value.clone()),
            first: first.value,
            last: last.value,
            location: place(act.venue.as_ref()),
            description,
        });
    }
    for wp in &ws.work_packages {
        for (i, x) in wp.activities.iter().enumerate() {
            let (Some(first), Some(last)) = (&x.start, &x.end) else {
                continue;
            };
            let partners: Vec<String> = x.partners.iter().map(|p| with_country(&p.value)).collect();
            let wp_title = wp.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
            let mut description = format!("Activity of the work package \"{wp_title}\" of {about}.");
            if !partners.is_empty() {
                description.push_str(&format!("\nPartners: {}.", partners.join(", ")));
            }
            out.push(Day {
                uid: format!("{}-{}", wp.id.value, i + 1),
                summary: x
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_else(|| wp_title.clone()),
                first: first.value,
                last: last.value,
                location: place(x.venue.as_ref()),
                description,
            });
        }
    }
    out
}
