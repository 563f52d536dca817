//! The project's timeline drawn as SVG: one column per month of the
//! project, one bar per activity (for partnerships, each work package's
//! span and its activities under it). Drawn on the server from the view
//! model, the same for `serve` and the rendered draft: deterministic (no
//! clock, no randomness) and every text escaped.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::Context;

/// The file `render` writes the timeline into, beside the draft.
pub const FILE: &str = "timeline.svg";

const WIDTH: u32 = 960;
const LABEL: u32 = 300;
const ROW: u32 = 26;
const HEAD: u32 = 44;
const PAD: u32 = 10;

/// One bar: its label, its first and last day, and whether it is a work
/// package's span (drawn lighter, with its activities under it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub group: bool,
}

/// The bars of the timeline in the order drawn: activities by start date;
/// for work packages, each package's span then its activities.
pub fn bars(ctx: &Context) -> Vec<Bar> {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let mut out = Vec::new();
    let mut acts: Vec<Bar> = ctx
        .activities
        .iter()
        .filter_map(|a| {
            let (start, end) = (date(&a.start)?, date(&a.end)?);
            let name = if a.title.is_empty() {
                &a.kind_name
            } else {
                &a.title
            };
            Some(Bar {
                label: format!("{}: {name}", a.id),
                start,
                end: end.max(start),
                group: false,
            })
        })
        .collect();
    acts.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
    out.extend(acts);
    for wp in &ctx.work_packages {
        let mut items: Vec<Bar> = wp
            .activities
            .iter()
            .filter_map(|x| {
                let (start, end) = (date(&x.start)?, date(&x.end)?);
                Some(Bar {
                    label: x.title.clone(),
                    start,
                    end: end.max(start),
                    group: false,
                })
            })
            .collect();
        items.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
        let span = items
            .iter()
            .map(|b| b.start)
            .min()
            .zip(items.iter().map(|b| b.end).max());
        let label = if wp.title.is_empty() {
            wp.id.clone()
        } else {
            format!("{}: {}", wp.id, wp.title)
        };
        if let Some((start, end)) = span {
            out.push(Bar {
                label,
                start,
                end,
                group: true,
            });
            out.extend(items);
        }
    }
    out
}

/// Escapes text for XML (SVG or HTML) content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The first day of each month from `start`'s month to `end`'s.
fn months(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = start.with_day(1).unwrap_or(start);
    while m <= end && out.len() < 240 {
        out.push(m);
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    out
}

/// The span drawn: the project's dates when known, widened to every bar.
fn span(ctx: &Context, bars: &[Bar]) -> Option<(NaiveDate, NaiveDate)> {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let start = date(&ctx.project.start)
        .into_iter()
        .chain(bars.iter().map(|b| b.start))
        .min()?;
    let end = date(&ctx.project.end)
        .into_iter()
        .chain(bars.iter().map(|b| b.end))
        .max()?;
    Some((start, end.max(start)))
}

/// Shortens a label to what fits beside the bars.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Whether [`svg`] draws a timeline, by the same test as its first lines
/// (the bars, their span and its months), without drawing it.
pub fn has_dates(ctx: &Context) -> bool {
    span(ctx, &bars(ctx)).is_some_and(|(start, end)| !months(start, end).is_empty())
}

/// The timeline as a standalone SVG document, or `None` when the project
/// has no dates to draw.
pub fn svg(ctx: &Context) -> Option<String> {
    let bars = bars(ctx);
    let (start, end) = span(ctx, &bars)?;
    let months = months(start, end);
    let first = *months.first()?;
    let last_end = months
        .last()
        .and_then(|m| m.checked_add_months(chrono::Months::new(1)))
        .unwrap_or(end);
    let total_days = (last_end - first).num_days().max(1) as f64;
    let plot = f64::from(WIDTH - LABEL - PAD);
    let x = |d: NaiveDate| f64::from(LABEL) + plot * ((d - first).num_days() as f64) / total_days;
    let rows = bars.len().max(1) as u32;
    let height = HEAD + rows * ROW + PAD;
    let mut s = String::new();
    let title = format!(
        "Timeline of {}: {} to {}",
        if ctx.project.title.is_empty() {
            "the project"
        } else {
            &ctx.project.title
        },
        start,
        end
    );
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">"#,
        escape(&title)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    // Month columns, shaded every other one; the year on January and on the first month.
    let label_every = (months.len() / 18).max(1);
    for (i, m) in months.iter().enumerate() {
        let x0 = x(*m);
        let next = m.checked_add_months(chrono::Months::new(1)).unwrap_or(last_end);
        let x1 = x(next);
        if i % 2 == 0 {
            let _ = writeln!(
                s,
                r##"<rect x="{x0:.1}" y="{HEAD}" width="{:.1}" height="{}" fill="#f3f5f8"/>"##,
                x1 - x0,
                rows * ROW
            );
        }
        let _ = writeln!(
            s,
            r##"<line x1="{x0:.1}" y1="{}" x2="{x0:.1}" y2="{}" stroke="#d5dbe3"/>"##,
            HEAD - 8,
            HEAD + rows * ROW
        );
        if i % label_every == 0 {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{}" fill="#5a6573" font-size="10">{}</text>"##,
                x0 + 2.0,
                HEAD - 12,
                m.format("%b")
            );
            if i == 0 || m.month() == 1 {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{}" fill="#1d2733" font-size="11" font-weight="bold">{}</text>"##,
                    x0 + 2.0,
                    HEAD - 26,
                    m.year()
                );
            }
        }
    }
    let _ = writeln!(
        s,
        r##"<line x1="{:.1}" y1="{}" x2="{:.1}" y2="{}" stroke="#d5dbe3"/>"##,
        x(last_end),
        HEAD - 8,
        x(last_end),
        HEAD + rows * ROW
    );
    let _ = writeln!(
        s,
        r##"<text x="{PAD}" y="{}" fill="#1f4e8c" font-size="13" font-weight="bold">{}</text>"##,
        HEAD - 12,
        escape(&clip(&format!("{} months", months.len()), 40))
    );
    if bars.is_empty() {
        let _ = writeln!(
            s,
            r##"<text x="{PAD}" y="{}" fill="#5a6573">No activity has dates yet.</text>"##,
            HEAD + ROW - 8
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = HEAD + i as u32 * ROW;
        let x0 = x(b.start);
        // A bar ends at the end of its last day.
        let x1 = x(b.end.succ_opt().unwrap_or(b.end)).max(x0 + 3.0);
        let (fill, weight, indent) = if b.group {
            ("#9db5d6", "bold", 0)
        } else {
            (
                "#1f4e8c",
                "normal",
                if ctx.work_packages.is_empty() { 0 } else { 14 },
            )
        };
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" fill="#1d2733" font-weight="{weight}"><title>{}</title>{}</text>"##,
            PAD + indent,
            y + ROW - 9,
            escape(&b.label),
            escape(&clip(&b.label, 42 - indent as usize / 7))
        );
        let _ = writeln!(
            s,
            r##"<rect x="{x0:.1}" y="{}" width="{:.1}" height="{}" rx="3" fill="{fill}"><title>{}: {} to {}</title></rect>"##,
            y + 5,
            x1 - x0,
            ROW - 10,
            escape(&b.label),
            b.start,
            b.end
        );
    }
    s.push_str("</svg>\n");
    Some(s)
}

/// The timeline as a chart of months: the same bars and months as the
/// drawing, each bar with the months it runs in. The Word export lays it out
/// as a table of shaded cells, which a word processor shows and prints
/// exactly, with no picture to rasterise and no font to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The first day of each month drawn.
    pub months: Vec<NaiveDate>,
    /// Each bar with, per month, whether it runs in that month.
    pub rows: Vec<(Bar, Vec<bool>)>,
}

/// The chart of the timeline, or `None` when the project has no dates.
pub fn chart(ctx: &Context) -> Option<Chart> {
    let bars = bars(ctx);
    let (start, end) = span(ctx, &bars)?;
    let months = months(start, end);
    let rows = bars
        .into_iter()
        .map(|bar| {
            let runs = runs_in(&bar, &months);
            (bar, runs)
        })
        .collect();
    Some(Chart { months, rows })
}

/// Per month (given by its first day), whether the bar has a day in it.
fn runs_in(bar: &Bar, months: &[NaiveDate]) -> Vec<bool> {
    months
        .iter()
        .map(|m| {
            let next = m
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
            bar.start < next && bar.end >= *m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_both_ends() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
        let m = months(d("2026-11-15"), d("2027-02-01"));
        assert_eq!(m.len(), 4);
        assert_eq!(m.first(), Some(&d("2026-11-01")));
        assert_eq!(m.last(), Some(&d("2027-02-01")));
    }

    #[test]
    fn a_bar_runs_in_every_month_it_touches() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
        let bar = Bar {
            label: "a1".into(),
            start: d("2027-03-30"),
            end: d("2027-04-02"),
            group: false,
        };
        let months = months(d("2027-02-01"), d("2027-05-31"));
        let runs = runs_in(&bar, &months);
        // February no, March (30th-31st) yes, April (1st-2nd) yes, May no.
        assert_eq!(runs, [false, true, true, false]);
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
