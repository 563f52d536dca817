//! `results-summary.txt`: the summary of a finished project for the
//! Erasmus+ Project Results Platform, where the Programme Guide 2026 asks
//! projects to share "the project results (outputs and outcomes)" (p. 13-14).
//! It is written in English from the final report's model (participants and
//! the share of women, the activities with places and dates, the partners,
//! the targets with their actual values, the other income, the follow-up
//! projects), with the author's own texts of `narrative/report/` where they
//! exist. Plain text, wrapped for reading, no Markdown left in it.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::report::{ActivityRow, Report};
use super::texts::ReportText;
use crate::money::format_eur;
use crate::text::grouped;
use crate::workspace::{Role, Workspace};

/// The width the summary is wrapped to.
pub const WIDTH: usize = 78;

fn month(d: NaiveDate) -> &'static str {
    crate::text::month_name(d)
}

/// "from 18 to 22 December 2026", "from 30 March to 2 April 2027", "on 5 May 2027".
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    let (d1, m1, y1) = (start.day(), month(start), start.year());
    let (d2, m2, y2) = (end.day(), month(end), end.year());
    if start == end {
        format!("on {d1} {m1} {y1}")
    } else if y1 != y2 {
        format!("from {d1} {m1} {y1} to {d2} {m2} {y2}")
    } else if m1 != m2 {
        format!("from {d1} {m1} to {d2} {m2} {y2}")
    } else {
        format!("from {d1} to {d2} {m2} {y2}")
    }
}

/// A number under thirteen in words, as running text writes it.
fn words(n: usize) -> String {
    const W: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    W.get(n).map(|w| w.to_string()).unwrap_or_else(|| grouped(n))
}

/// The share of women as a reader says it: "two thirds", "half", or a
/// whole percentage when no simple fraction is exact.
pub fn share(part: u32, whole: u32) -> String {
    if whole == 0 {
        return String::new();
    }
    let (p, w) = (u64::from(part), u64::from(whole));
    let exact = [
        (1, 1, "all"),
        (1, 2, "half"),
        (1, 3, "one third"),
        (2, 3, "two thirds"),
        (1, 4, "a quarter"),
        (3, 4, "three quarters"),
    ];
    for (n, d, name) in exact {
        if p * d == w * n {
            return name.to_string();
        }
    }
    let pct = (p * 200 + w) / (w * 2);
    format!("{pct} %")
}

/// "in Castelldefels, Spain, from 18 to 22 December 2026".
fn where_when(a: &ActivityRow) -> String {
    let mut s = String::new();
    let place = match (&a.city, a.country_name.as_ref().or(a.country.as_ref())) {
        (Some(c), Some(n)) => format!("{c}, {n}"),
        (Some(c), None) => c.clone(),
        (None, Some(n)) => n.clone(),
        (None, None) => String::new(),
    };
    if !place.is_empty() {
        let _ = write!(s, "in {place}");
    }
    let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
    if let (Some(st), Some(en)) = (date(&a.start), date(&a.end)) {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(&date_range(st, en));
    }
    s
}

/// The first letter in upper case: "two" → "Two", "no" → "No".
fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plain_eur(s: &str) -> String {
    s.parse().map(format_eur).unwrap_or_else(|_| s.to_string())
}

/// The summary's paragraphs, before wrapping: headings are lines of their
/// own, a blank line between paragraphs.
fn paragraphs(ws: &Workspace, r: &Report, texts: &[ReportText]) -> Vec<String> {
    let text = |key: &str| {
        texts
            .iter()
            .find(|t| t.key == key && t.present)
            .map(|t| t.plain.trim().to_string())
    };
    let mut out = Vec::new();
    let mut head = format!(
        "{}\nResults summary for the Erasmus+ Project Results Platform\n{}, call {}",
        r.title, r.action, r.call
    );
    if let Some(reference) = ws.project.reference.as_ref() {
        let _ = write!(head, ", project {}", reference.value);
    }
    out.push(head);
    if let Some(t) = text("summary") {
        out.push(t);
    }

    // Who: the partners.
    let orgs = ws.organisations();
    let named: Vec<String> = orgs
        .iter()
        .filter(|p| p.role.as_ref().is_none_or(|r| r.value != Role::AssociatedPartner))
        .map(|p| {
            let name = p.name.as_ref().map_or(p.id.value.as_str(), |n| n.value.as_str());
            let country = p.country.as_ref().and_then(|c| {
                crate::geo::country_name(&c.value)
                    .map(str::to_string)
                    .or(Some(c.value.clone()))
            });
            let place = match (p.city.as_ref(), country) {
                (Some(c), Some(n)) => format!(" ({}, {n})", c.value),
                (None, Some(n)) => format!(" ({n})"),
                _ => String::new(),
            };
            let role = match p.role.as_ref().map(|r| r.value) {
                Some(Role::Applicant) => ", which coordinated it",
                _ => "",
            };
            format!("{name}{place}{role}")
        })
        .collect();
    let took_place: Vec<&ActivityRow> = r.activities.iter().filter(|a| a.outcome != "cancelled").collect();
    let mut who = String::new();
    if !named.is_empty() {
        let _ = write!(
            who,
            "The project brought together {} organisations: {}.",
            words(named.len()),
            list(&named)
        );
    }
    if r.participants > 0 {
        if !who.is_empty() {
            who.push(' ');
        }
        let _ = write!(
            who,
            "{} participants took part in {} {}",
            grouped(r.participants as usize),
            words(took_place.len()),
            if took_place.len() == 1 {
                "activity"
            } else {
                "activities"
            }
        );
        if r.women > 0 {
            let _ = write!(
                who,
                ", {} of them women ({})",
                grouped(r.women as usize),
                share(r.women, r.participants)
            );
        }
        who.push('.');
    }
    if !who.is_empty() {
        out.push(who);
    }

    // Where and when.
    let steps: Vec<String> = took_place
        .iter()
        .map(|a| {
            let ww = where_when(a);
            let mut s = if ww.is_empty() {
                a.title.clone()
            } else {
                format!("{ww} ({})", a.title)
            };
            if a.outcome == "not reported yet" {
                s.push_str(", as planned, not reported yet");
            }
            s
        })
        .collect();
    if !steps.is_empty() {
        let what = if steps.len() == 1 {
            "The activity took place".to_string()
        } else {
            format!("The {} activities took place", words(steps.len()))
        };
        let mut p = format!("{what} {}.", list(&steps));
        let cancelled: Vec<String> = r
            .activities
            .iter()
            .filter(|a| a.outcome == "cancelled")
            .map(|a| a.title.clone())
            .collect();
        if !cancelled.is_empty() {
            let _ = write!(p, " Cancelled: {}.", list(&cancelled));
        }
        out.push(p);
    }
    // KA220: the work packages, and those not carried out.
    if !r.work_packages.is_empty() {
        let done: Vec<String> = r
            .work_packages
            .iter()
            .filter(|w| w.outcome != "cancelled")
            .map(|w| w.title.clone())
            .collect();
        let mut p = format!(
            "The work was organised in {} work packages: {}.",
            words(r.work_packages.len()),
            list(
                &r.work_packages
                    .iter()
                    .map(|w| w.title.clone())
                    .collect::<Vec<_>>()
            )
        );
        let cancelled: Vec<String> = r
            .work_packages
            .iter()
            .filter(|w| w.outcome == "cancelled")
            .map(|w| match &w.note {
                Some(n) => format!("{} ({n})", w.title),
                None => w.title.clone(),
            })
            .collect();
        if !cancelled.is_empty() {
            let _ = write!(
                p,
                " {} of them {} carried out; not carried out: {}.",
                capital(&words(done.len())),
                if done.len() == 1 { "was" } else { "were" },
                list(&cancelled)
            );
        }
        out.push(p);
    }
    if let Some(t) = text("activities") {
        out.push(t);
    }

    // What was reached.
    let reached: Vec<String> = r
        .targets
        .iter()
        .filter_map(|t| {
            let actual = t.actual.as_deref()?;
            // "1 campaign", not "1 campaigns".
            let unit = t
                .unit
                .as_deref()
                .map(|u| match u.strip_suffix('s') {
                    Some(one) if actual == "1" => format!(" {one}"),
                    _ => format!(" {u}"),
                })
                .unwrap_or_default();
            let aimed = t
                .target
                .as_deref()
                .map(|g| format!(" (target {})", num(g)))
                .unwrap_or_default();
            Some(format!("- {}: {}{unit}{aimed}", t.indicator, num(actual)))
        })
        .collect();
    if !reached.is_empty() {
        out.push(format!("What the project reached\n{}", reached.join("\n")));
    }
    if let Some(t) = text("results") {
        out.push(format!("Results\n{t}"));
    }
    if let Some(t) = text("impact") {
        out.push(format!("Impact\n{t}"));
    }
    if let Some(t) = text("dissemination") {
        out.push(format!("Sharing the results\n{t}"));
    }

    // Resources.
    let mut money = format!("Funding: an Erasmus+ grant of {}", plain_eur(&r.final_grant));
    if r.income.is_empty() {
        money.push('.');
    } else {
        let parts: Vec<String> = r
            .income
            .iter()
            .map(|i| {
                let from = i
                    .from
                    .as_deref()
                    .map(|f| format!(" from {f}"))
                    .unwrap_or_default();
                format!("{} {}{from}", plain_eur(&i.amount), kind(&i.kind))
            })
            .collect();
        let _ = write!(
            money,
            ", and {} of other resources: {}. The project's resources were {} in all.",
            plain_eur(&r.income_total),
            list(&parts),
            plain_eur(&r.total_resources)
        );
    }
    out.push(money);

    // What grew out of it.
    if !r.follow_ups.is_empty() {
        let items: Vec<String> = r
            .follow_ups
            .iter()
            .map(|f| {
                let reference = f
                    .reference
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default();
                let status = match f.status.as_str() {
                    "selected" => "selected for funding",
                    "submitted" => "submitted",
                    "rejected" => "not selected",
                    other => other,
                };
                format!("\"{}\"{reference}, {status}", f.title)
            })
            .collect();
        let lead = if items.len() == 1 {
            "A follow-up project grew out of it"
        } else {
            "Follow-up projects grew out of it"
        };
        out.push(format!("{lead}: {}.", list(&items)));
    }
    if let Some(t) = text("follow-up") {
        out.push(t);
    }
    out
}

/// "crowdfunding" → "raised by crowdfunding"; other kinds as written.
fn kind(k: &str) -> String {
    match k {
        "crowdfunding" => "raised by crowdfunding".into(),
        "own" => "of own funds".into(),
        "sponsor" => "of sponsorship".into(),
        "public" => "of public funding".into(),
        "in-kind" => "in kind".into(),
        "" => String::new(),
        other => format!("({other})"),
    }
}

/// A count as running text writes it: 3700 → "3 700".
fn num(s: &str) -> String {
    match s.parse::<usize>() {
        Ok(n) => grouped(n),
        Err(_) => s.to_string(),
    }
}

/// A space that keeps an amount or a count whole ("EUR 68 589.00",
/// "3 700") while wrapping, a plain space again in the text written.
const KEEP: char = '\u{00A0}';

/// The spaces inside amounts and counts made unbreakable.
fn glue(line: &str) -> String {
    let line = line.replace("EUR ", &format!("EUR{KEEP}"));
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, c) in chars.iter().enumerate() {
        let digit = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
        if *c == ' ' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
            out.push(KEEP);
        } else {
            out.push(*c);
        }
    }
    out
}

/// Wraps a paragraph line by line: a list line's continuation is indented
/// under its text; amounts and counts are never split.
fn wrap(par: &str) -> String {
    let mut out = String::new();
    for line in par.lines() {
        let line = glue(line);
        let line = line.as_str();
        let indent = if line.starts_with("- ") || line.starts_with("* ") {
            "  "
        } else {
            ""
        };
        let opts = textwrap::Options::new(WIDTH)
            .subsequent_indent(indent)
            .break_words(false);
        for l in textwrap::wrap(line, opts) {
            out.push_str(&l.trim_end().replace(KEEP, " "));
            out.push('\n');
        }
    }
    out
}

/// The summary's text.
pub fn summary(ws: &Workspace, r: &Report, texts: &[ReportText]) -> String {
    let pars = paragraphs(ws, r, texts);
    let mut out = String::new();
    for (i, p) in pars.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&wrap(p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_text() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            date_range(d("2026-12-18"), d("2026-12-22")),
            "from 18 to 22 December 2026"
        );
        assert_eq!(
            date_range(d("2027-03-30"), d("2027-04-02")),
            "from 30 March to 2 April 2027"
        );
        assert_eq!(
            date_range(d("2026-12-30"), d("2027-01-02")),
            "from 30 December 2026 to 2 January 2027"
        );
        assert_eq!(date_range(d("2027-05-05"), d("2027-05-05")), "on 5 May 2027");
    }

    #[test]
    fn shares_read_as_fractions() {
        assert_eq!(share(48, 72), "two thirds");
        assert_eq!(share(12, 24), "half");
        // 10 of 24 = 41.67 %, rounded half up to 42 %.
        assert_eq!(share(10, 24), "42 %");
    }
}
