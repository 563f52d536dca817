//! The calendar: which rounds of which calls an action has, which of them
//! are still open on a given day, and which takes a project starting on a
//! given date. Used by `check` and `status` (`--today`), by the start-window
//! check, and by `init` to pick the next open round.
//!
//! "Today" is `--today`, else `$COOPCOM_TODAY`, else the system clock (UTC).
//! Only `check` and `status` look at it: what `render`, `budget` and
//! `export` write never depends on the day they run.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::{Checker, severity_of};
use crate::diagnostics::{Diagnostic, Severity, codes};
use crate::pack::registry::{self, Rules};
use crate::pack::sources::PackSources;
use crate::pack::{Round, Status};
use crate::workspace::Workspace;

/// The environment variable that fixes "today" for scripts and tests.
pub const TODAY_ENV: &str = "COOPCOM_TODAY";

/// Today: `arg` (`--today`), else `$COOPCOM_TODAY`, else the system clock.
pub fn today(arg: Option<NaiveDate>) -> Result<NaiveDate> {
    if let Some(d) = arg {
        return Ok(d);
    }
    if let Some(v) = std::env::var_os(TODAY_ENV).filter(|v| !v.is_empty()) {
        let s = v.to_string_lossy();
        return match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Ok(d),
            Err(_) => bail!("{TODAY_ENV}=\"{s}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-01-15"),
        };
    }
    Ok(system_today())
}

/// Today by the system clock (UTC).
fn system_today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    i64::try_from(secs)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// One round of one call.
#[derive(Debug, Clone)]
pub struct CallRound {
    pub call: u32,
    pub round: Round,
}

impl CallRound {
    pub fn deadline(&self) -> Option<NaiveDate> {
        self.round.deadline()
    }

    /// Still open on `today` (the deadline day counts as open).
    pub fn open_on(&self, today: NaiveDate) -> bool {
        self.deadline().is_some_and(|d| d >= today)
    }

    /// A project starting on `start` may apply in this round.
    pub fn takes(&self, start: NaiveDate) -> bool {
        takes(&self.round, start)
    }

    pub fn always_offered(&self) -> bool {
        self.round.offered.as_deref() != Some("where-the-na-opens-it")
    }

    /// "call 2027 round 1 (deadline 2027-02-12 12:00:00 Brussels time,
    /// assumed; projects start 2027-06-01 .. 2027-12-31)".
    pub fn describe(&self) -> String {
        format!(
            "call {} round {} ({})",
            self.call,
            self.round.round,
            details(&self.round)
        )
    }
}

/// The deadline, its standing and the start window of a round, in words.
pub fn details(r: &Round) -> String {
    let mut parts = Vec::new();
    if let Some(d) = r.deadline() {
        let time = r
            .deadline_time
            .as_deref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        let standing = if r.assumed {
            ", assumed from the previous call's dates"
        } else if r.status.standing() != Status::Confirmed {
            ", not confirmed"
        } else {
            ""
        };
        parts.push(format!("deadline {d}{time}{standing}"));
    }
    if let (Some(from), Some(to)) = (r.start_from(), r.start_to()) {
        parts.push(format!("projects start {from} .. {to}"));
    }
    if r.offered.as_deref() == Some("where-the-na-opens-it") {
        parts.push("only where the National Agency opens it".into());
    }
    parts.join("; ")
}

/// A project starting on `start` may apply in round `r` (a round without a
/// window takes any start).
pub fn takes(r: &Round, start: NaiveDate) -> bool {
    match (r.start_from(), r.start_to()) {
        (Some(from), Some(to)) => from <= start && start <= to,
        _ => true,
    }
}

/// Every round of `action` in every call there is a pack for, resolved
/// from the same sources, by deadline.
pub fn rounds_of(action: &str, sources: &PackSources) -> Vec<CallRound> {
    let mut out: Vec<CallRound> = registry::calls_with(sources)
        .into_iter()
        .filter_map(|call| registry::resolve_with(action, call, sources).ok())
        .flat_map(|rules| {
            let call = rules.call.pack.call;
            let field = rules.field.clone();
            rules
                .action
                .rounds
                .into_iter()
                .filter(move |r| r.fields.as_ref().is_none_or(|f| f.contains(&field)))
                .map(move |round| CallRound { call, round })
        })
        .collect();
    out.sort_by_key(|r| (r.deadline(), r.call, r.round.round));
    out
}

/// `check --today`: the round's deadline has passed (a warning naming the
/// next round that takes the project's start), or is today (a note).
pub fn deadline(ws: &Workspace, rules: &Rules, today: NaiveDate) -> Option<Diagnostic> {
    let round_no = ws.project.round.as_ref()?;
    let round = rules.action.rounds.iter().find(|r| r.round == round_no.value)?;
    let deadline = round.deadline()?;
    if today < deadline {
        return None;
    }
    let call = rules.call.pack.call;
    let time = round
        .deadline_time
        .as_deref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let cite = super::cite(round);
    if today == deadline {
        return Some(
            Diagnostic::note(
                codes::DEADLINE_PASSED,
                format!(
                    "the deadline of round {} of call {call} is today, {deadline}{time} ({cite})",
                    round.round
                ),
            )
            .at(&round_no.loc)
            .with_help(
                "submit the application form before the deadline; a late application is not admissible",
            ),
        );
    }
    let start = ws.project.start.as_ref().map(|s| s.value);
    let open: Vec<CallRound> = rounds_of(&rules.code, &rules.sources)
        .into_iter()
        .filter(|r| r.open_on(today))
        .collect();
    let fitting = start.and_then(|s| open.iter().find(|r| r.takes(s)));
    let help = match (fitting, open.first(), start) {
        (Some(r), _, Some(s)) => format!(
            "the next round that takes a project starting on {s} is {}: set `call = {}` and `round = {}` in coopcom.toml",
            r.describe(),
            r.call,
            r.round.round
        ),
        (None, Some(r), _) => format!(
            "no round still open takes a project starting {}; the next round open for {} is {}: move the project into its window and set `call = {}` and `round = {}`",
            start.map(|s| format!("on {s}")).unwrap_or_else(|| "then".into()),
            rules.code,
            r.describe(),
            r.call,
            r.round.round
        ),
        _ => format!(
            "no round of a call coopcom has a pack for is still open for {}: add the next call's pack (rules/README.md, \"Adding a call\")",
            rules.code
        ),
    };
    // A passed deadline is a warning, never an error; one the pack only
    // assumes is a note.
    let severity = match severity_of(round) {
        Severity::Note => Severity::Note,
        _ => Severity::Warning,
    };
    Some(
        Diagnostic::new(
            codes::DEADLINE_PASSED,
            severity,
            format!(
                "the deadline of round {} of call {call}, {deadline}{time}, has passed: today is {today} ({cite})",
                round.round
            ),
        )
        .at(&round_no.loc)
        .with_help(help),
    )
}

/// For the start-window check: the help when the project's start is
/// outside its round's window. Another round of the same call that takes
/// the start, else a round of another call, else the windows to move into.
pub fn start_help(c: &Checker<'_>, start: NaiveDate, round: &Round) -> (bool, String) {
    let call = c.rules.call.pack.call;
    let window = match (round.start_from(), round.start_to()) {
        (Some(from), Some(to)) => format!("{from} .. {to}"),
        _ => "its window".into(),
    };
    let same_call = c
        .rules
        .action
        .rounds
        .iter()
        .find(|r| r.round != round.round && takes(r, start) && r.start_from().is_some());
    if let Some(r) = same_call {
        return (
            true,
            format!(
                "round {} of call {call} takes a project starting on {start} ({}): set `round = {}`, or move the start into {window}",
                r.round,
                details(r),
                r.round
            ),
        );
    }
    let other = rounds_of(&c.rules.code, &c.rules.sources)
        .into_iter()
        .find(|r| r.call != call && r.round.start_from().is_some() && r.takes(start));
    let help = match other {
        Some(r) => format!(
            "no round of call {call} takes a project starting on {start}; {} does: set `call = {}` and `round = {}`, or move the start into {window}",
            r.describe(),
            r.call,
            r.round.round
        ),
        None => format!("move the start into {window}, or apply to another round"),
    };
    (false, help)
}

/// What `init` picked: the call and round, and what to tell the user.
#[derive(Debug)]
pub struct Pick {
    pub call: u32,
    pub round: u32,
    /// Why this round, in a sentence (`None` when the user named both).
    pub why: Option<String>,
}

/// The round `init` scaffolds for `action`: the one named, else the next
/// still open on `today` (of the call named, or of any call; a round every
/// agency offers before one that only some open).
pub fn pick(
    action: &str,
    call: Option<u32>,
    round: Option<u32>,
    today: NaiveDate,
    sources: &PackSources,
) -> std::result::Result<Pick, String> {
    if let (Some(call), Some(round)) = (call, round) {
        return Ok(Pick {
            call,
            round,
            why: None,
        });
    }
    let all = rounds_of(action, sources);
    let candidates: Vec<&CallRound> = all
        .iter()
        .filter(|r| call.is_none_or(|c| r.call == c) && round.is_none_or(|n| r.round.round == n))
        .collect();
    let open: Vec<&CallRound> = candidates.iter().copied().filter(|r| r.open_on(today)).collect();
    let chosen = open.iter().find(|r| r.always_offered()).or(open.first()).copied();
    if let Some(r) = chosen {
        let mut why = format!(
            "picked {} for {action}: the next round still open on {today}",
            r.describe()
        );
        if let Some(first) = open.first().filter(|f| f.deadline() < r.deadline()) {
            why.push_str(&format!(
                "; {} comes first, but only where the National Agency opens it: pass `--call {} --round {}` to use it",
                first.describe(),
                first.call,
                first.round.round
            ));
        }
        return Ok(Pick {
            call: r.call,
            round: r.round.round,
            why: Some(why),
        });
    }
    // Nothing open: the named call's (or the latest call's) last fitting
    // round, with a warning that its deadline has passed.
    match (call, round) {
        (Some(c), None) => Ok(Pick {
            call: c,
            round: 1,
            why: Some(format!(
                "every deadline of call {c} for {action} has passed on {today}: scaffolded round 1 all the same"
            )),
        }),
        (None, Some(n)) => match candidates.last() {
            Some(r) => Ok(Pick {
                call: r.call,
                round: n,
                why: Some(format!(
                    "no round {n} still open on {today}: scaffolded {}, whose deadline has passed",
                    r.describe()
                )),
            }),
            None => Err(format!(
                "{action} has no round {n} in any call coopcom has a pack for"
            )),
        },
        _ => match all.last() {
            Some(r) => Ok(Pick {
                call: r.call,
                round: r.round.round,
                why: Some(format!(
                    "no round of a call coopcom has a pack for is still open on {today}: scaffolded the latest, {}; add the next call's pack (rules/README.md, \"Adding a call\")",
                    r.describe()
                )),
            }),
            None => Err(format!("no rule pack has rounds for {action}")),
        },
    }
}
