//! Dates: ends after starts, activities inside the project period, and a
//! project end that agrees with `duration_months`.

use chrono::{Months, NaiveDate};

use crate::diagnostics::{Diagnostic, codes};
use crate::workspace::{S, Workspace};

/// The project's last day: `end`, or `start` + `duration_months` - 1 day.
pub fn project_end(ws: &Workspace) -> Option<NaiveDate> {
    let p = &ws.project;
    if let Some(end) = &p.end {
        return Some(end.value);
    }
    let start = p.start.as_ref()?.value;
    let months = p.duration_months.as_ref()?.value;
    start.checked_add_months(Months::new(months))?.pred_opt()
}

/// Whole months of a period that starts on `start` and ends on `end`
/// (inclusive), and whether it falls on a whole number of months.
pub fn months_between(start: NaiveDate, end: NaiveDate) -> (u32, bool) {
    let Some(after) = end.succ_opt() else {
        return (0, false);
    };
    let mut months = 0u32;
    while let Some(next) = start.checked_add_months(Months::new(months + 1)) {
        if next > after {
            break;
        }
        months += 1;
        if months > 1200 {
            break;
        }
    }
    let exact = start
        .checked_add_months(Months::new(months))
        .is_some_and(|d| d == after);
    (months, exact)
}

fn order(start: &S<NaiveDate>, end: &S<NaiveDate>, what: &str, diags: &mut Vec<Diagnostic>) -> bool {
    if end.value < start.value {
        diags.push(
            Diagnostic::error(
                codes::END_BEFORE_START,
                format!("{what} ends on {} before it starts on {}", end.value, start.value),
            )
            .at(&end.loc)
            .secondary(&start.loc, "starts here")
            .with_help("swap the two dates, or correct the one that is wrong"),
        );
        return false;
    }
    true
}

pub fn check(ws: &Workspace, diags: &mut Vec<Diagnostic>) {
    let p = &ws.project;
    match (&p.end, &p.duration_months, &p.start) {
        (None, None, Some(_)) => diags.push(
            Diagnostic::error(
                codes::DURATION_CONFLICT,
                "the project has no `end` and no `duration_months`",
            )
            .at(&crate::workspace::source::Loc::file_start(p.file))
            .with_help("add `end = YYYY-MM-DD` or `duration_months = 12` to [project]"),
        ),
        (Some(end), Some(months), Some(start)) => {
            let (m, exact) = months_between(start.value, end.value);
            if !exact || m != months.value {
                diags.push(
                    Diagnostic::error(
                        codes::DURATION_CONFLICT,
                        format!(
                            "`duration_months = {}` disagrees with the dates {} to {}",
                            months.value, start.value, end.value
                        ),
                    )
                    .at(&months.loc)
                    .secondary(&end.loc, "end date")
                    .with_help("keep either `end` or `duration_months`"),
                );
            }
        }
        _ => {}
    }
    let project_ok = match (&p.start, &p.end) {
        (Some(s), Some(e)) => order(s, e, "the project", diags),
        _ => true,
    };
    let period = match (&p.start, project_end(ws)) {
        (Some(s), Some(e)) if project_ok => Some((s.value, e)),
        _ => None,
    };
    let inside = |what: String, start: &S<NaiveDate>, end: &S<NaiveDate>, diags: &mut Vec<Diagnostic>| {
        if !order(start, end, &what, diags) {
            return;
        }
        if let Some((ps, pe)) = period {
            let (bad, loc) = if start.value < ps {
                (
                    Some(format!(
                        "starts on {}, before the project starts on {ps}",
                        start.value
                    )),
                    &start.loc,
                )
            } else if end.value > pe {
                (
                    Some(format!("ends on {}, after the project ends on {pe}", end.value)),
                    &end.loc,
                )
            } else {
                (None, &start.loc)
            };
            if let Some(bad) = bad {
                diags.push(
                    Diagnostic::error(codes::OUTSIDE_PROJECT, format!("{what} {bad}"))
                        .at(loc)
                        .with_help("activities take place within the project period: move the activity or the project dates"),
                );
            }
        }
    };
    for a in &ws.activities {
        if let (Some(s), Some(e)) = (&a.start, &a.end) {
            inside(format!("activity \"{}\"", a.id.value), s, e, diags);
        }
    }
    for wp in &ws.work_packages {
        for (i, act) in wp.activities.iter().enumerate() {
            if let (Some(s), Some(e)) = (&act.start, &act.end) {
                inside(
                    format!("activity {} of work package \"{}\"", i + 1, wp.id.value),
                    s,
                    e,
                    diags,
                );
            }
        }
    }
    if let Some((ps, pe)) = period {
        for t in &ws.targets {
            if let Some(by) = &t.by
                && (by.value < ps || by.value > pe)
            {
                diags.push(
                        Diagnostic::warning(
                            codes::OUTSIDE_PROJECT,
                            format!("target date {} is outside the project period {ps} to {pe}", by.value),
                        )
                        .at(&by.loc)
                        .with_help("set `by` to a date within the project; results after the end belong in the follow-up narrative"),
                    );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn whole_months() {
        assert_eq!(months_between(d(2026, 11, 1), d(2027, 10, 31)), (12, true));
        assert_eq!(months_between(d(2026, 11, 1), d(2027, 1, 31)), (3, true));
        assert_eq!(months_between(d(2026, 11, 1), d(2027, 1, 30)), (2, false));
        // Month ends clamp: 31 January plus one month is 28 February.
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 27)), (1, true));
        assert_eq!(months_between(d(2026, 3, 1), d(2026, 3, 20)), (0, false));
    }
}
