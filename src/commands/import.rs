//! `coopcom import roster FILE --activity ID`: a participant list becomes
//! the people of the flows of `results/activities/ID.toml`, and the list
//! itself goes into `private/`, which never leaves the machine.
//!
//! Exit status: 0 imported; 1 rows that cannot be read (each listed with
//! its line and column; nothing written, nothing moved); 2 coopcom could
//! not run (no such activity, a file that is not a list, a failed write).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::cli::{ImportCommand, ImportRosterArgs};
use crate::diagnostics::{Summary, render as diag_render, suggest};
use crate::output::Output;
use crate::roster::{self, Counts, Known, Roster, decode, flows};
use crate::workspace::results::ACTIVITIES;
use crate::workspace::{self, Workspace};
use crate::{EXIT_FINDINGS, EXIT_OK, writer};

/// Where imported lists are kept: personal data, ignored by git.
pub const ROSTERS: &str = "private/rosters";

pub fn run(cmd: &ImportCommand, out: &Output) -> Result<i32> {
    match cmd {
        ImportCommand::Roster(args) => run_roster(args, out),
    }
}

fn run_roster(args: &ImportRosterArgs, out: &Output) -> Result<i32> {
    let maps = args
        .map
        .iter()
        .map(|m| roster::parse_map(m))
        .collect::<Result<Vec<_>>>()?;
    let cwd = std::env::current_dir()?;
    let root = workspace::discover(args.dir.as_deref(), &cwd)?;
    let (ws, _) = workspace::load(&root)?;
    let id = args.activity.as_str();
    let Some(planned) = ws.activity(id) else {
        let ids: Vec<&str> = ws.activities.iter().map(|a| a.id.value.as_str()).collect();
        let hint = suggest::did_you_mean(id, ids.iter().copied())
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        bail!(
            "--activity {id}: there is no activities/{id}.toml; {hint}the activities are: {}",
            ids.join(", ")
        );
    };
    let reported = ws.results.activity(id);
    let rel = format!("{ACTIVITIES}/{id}.toml");
    let start = reported
        .and_then(|r| r.activity.start.as_ref())
        .or(planned.start.as_ref())
        .map(|s| s.value)
        .ok_or_else(|| anyhow!("activities/{id}.toml has no start date: ages are counted on the first day; give `start` first"))?;

    let meta = std::fs::symlink_metadata(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    if !meta.is_file() {
        bail!(
            "{} is not a regular file: give the CSV file of the participant list",
            args.file.display()
        );
    }
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let shown = args.file.display().to_string();
    let list = roster::read(&shown, &args.file, &bytes, &ws, start, &maps)?;
    if !list.findings.is_empty() {
        return Ok(refuse(&list, &shown, out));
    }

    // The file the counts go into: the results file as the team left it,
    // else the planned activity as `report init` would copy it.
    let results_path = root.join(&rel);
    let exists = std::fs::symlink_metadata(&results_path).is_ok();
    let base = if exists {
        std::fs::read_to_string(&results_path).with_context(|| format!("cannot read {rel}"))?
    } else {
        let text = ws
            .sources
            .get(planned.file)
            .map(|f| f.text.as_str())
            .unwrap_or_default();
        super::final_report::results_copy(text)
    };
    let counts = roster::count(&list.persons);
    let split = flows::split_flows(&base, &counts).unwrap_or_default();
    if !split.is_empty() {
        bail!(
            "{rel} has more than one flow from {}: the list cannot tell in which of them each person travelled; \
             merge them, or import the people of one flow from a list of their own by hand",
            split.join(", ")
        );
    }
    let (text, changes) = flows::update(&rel, &base, &counts, list.known)?;
    let kept_name = private_name(&root, &args.file, id)?;
    // What would stop the copy is found before anything is written.
    for dir in ["private", ROSTERS] {
        if let Ok(m) = std::fs::symlink_metadata(root.join(dir))
            && !m.is_dir()
        {
            bail!(
                "{dir} is not a folder, so the list cannot be kept there: nothing written; \
                 make {dir} a folder (personal data goes under private/), then import again"
            );
        }
    }

    // Write the counts first: if the list cannot be moved afterwards, the
    // results are right and the message says where the list still is.
    writer::write_all(&root, &[(rel.clone(), text.into_bytes())])?;
    let mut status = String::new();
    let _ = writeln!(status, "{} {rel}", if exists { "updated" } else { "created" });
    if let Some(g) = super::final_report::ignore_private(&root)? {
        let _ = writeln!(status, "{g}");
    }
    writer::create_new_all(&root, &[(kept_name.clone(), bytes)]).map_err(|e| {
        anyhow!(
            "{rel} was written, but {shown} could not be copied to {kept_name}: {e:#}\n\
             move it into private/ yourself: it holds personal data"
        )
    })?;
    if args.keep {
        let _ = writeln!(
            status,
            "copied {shown} to {kept_name} (--keep: the original stays where it was)"
        );
    } else {
        match std::fs::remove_file(&args.file) {
            Ok(()) => {
                let _ = writeln!(status, "moved {shown} to {kept_name}");
            }
            Err(e) => {
                let _ = writeln!(
                    status,
                    "warning: copied {shown} to {kept_name}, but could not remove the original ({e}): delete it yourself, it holds personal data"
                );
            }
        }
    }
    out.data(&summary(&ws, &list, &counts, &shown))?;
    let mut notes = String::new();
    if !list.ignored.is_empty() {
        let _ = writeln!(
            notes,
            "note: columns not read: {} (--map \"COLUMN=FIELD\" reads one; the fields are {})",
            list.ignored
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", "),
            roster::columns::FIELD_NAMES.join(", ")
        );
    }
    for (column, what, k) in [
        ("role", "everyone was counted as a participant", list.known.role),
        ("gender", "`women` was left out of the flows", list.known.gender),
        (
            "fewer-opportunities",
            "`fewer_opportunities` was left out of the flows",
            list.known.fewer_opportunities,
        ),
        (
            "age or birth-date",
            "the ages were left out of the flows",
            list.known.ages,
        ),
    ] {
        if !k {
            let _ = writeln!(notes, "note: the list has no {column} column: {what}");
        }
    }
    for f in &changes.added {
        let _ = writeln!(
            notes,
            "note: \"{f}\" has no planned flow in {id}: a flow was added at the end of {rel}; give its travel_days"
        );
    }
    for f in &changes.untouched {
        let _ = writeln!(
            notes,
            "warning: nobody in the list comes from \"{f}\": its flow in {rel} was left as it was; remove it if nobody came"
        );
    }
    if reported.is_some_and(|r| r.is_cancelled()) {
        let _ = writeln!(
            notes,
            "warning: {rel} says `cancelled = true`: the people were written, but a cancelled activity is not paid; remove the line if it took place"
        );
    }
    out.status(&format!("{notes}{status}"));
    Ok(EXIT_OK)
}

/// Lists every row that cannot be read; nothing is written or moved.
fn refuse(list: &Roster, shown: &str, out: &Output) -> i32 {
    let mut text = String::new();
    for d in &list.findings {
        text.push_str(&diag_render::human(d, &list.sources, out.color));
        text.push_str("\n\n");
    }
    out.status(&text);
    let n = Summary::of(&list.findings).errors;
    out.error(&format!(
        "{n} problem{} in {shown}: nothing written, and the file was not moved; correct {} and import again",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    ));
    EXIT_FINDINGS
}

/// The name under `private/rosters/` the list is kept as:
/// `<activity>-<file name>`, with `-2`, `-3`, ... before the extension
/// when that name is taken (what is in `private/` is never overwritten).
fn private_name(root: &Path, file: &Path, activity: &str) -> Result<String> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roster.csv".into());
    // A name of the file system, without folders: kept as the user gave it.
    let safe = name.replace(['/', '\\'], "-");
    let (stem, ext) = match safe.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
        _ => (safe.clone(), String::new()),
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            format!("{ROSTERS}/{activity}-{stem}{ext}")
        } else {
            format!("{ROSTERS}/{activity}-{stem}-{n}{ext}")
        };
        if std::fs::symlink_metadata(root.join(&candidate)).is_err() {
            return Ok(candidate);
        }
    }
    bail!("{ROSTERS}/ already holds 999 lists named after {name}: rename the file")
}

/// One line per flow: what was counted.
fn summary(ws: &Workspace, list: &Roster, counts: &[Counts], shown: &str) -> String {
    let mut s = format!(
        "{shown}: {} people read ({}, {} separated)\n",
        list.persons.len(),
        list.encoding,
        decode::separator_name(list.separator)
    );
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    for c in counts {
        let name = ws
            .partner(&c.from)
            .and_then(|p| p.name.as_ref())
            .map(|n| format!(" ({})", n.value))
            .unwrap_or_default();
        let mut parts = vec![plural(c.participants, "participant", "participants")];
        let known: Known = list.known;
        if known.gender {
            parts.push(plural(c.women, "woman", "women"));
        }
        if known.fewer_opportunities {
            parts.push(format!("{} with fewer opportunities", c.fewer_opportunities));
        }
        match c.ages {
            Some((lo, hi)) if lo == hi => parts.push(format!("aged {lo}")),
            Some((lo, hi)) => parts.push(format!("aged {lo} to {hi}")),
            None => {}
        }
        for (n, ages, one, many) in [
            (c.group_leaders, &c.leader_ages, "group leader", "group leaders"),
            (c.facilitators, &c.facilitator_ages, "facilitator", "facilitators"),
            (
                c.accompanying,
                &c.accompanying_ages,
                "accompanying person",
                "accompanying persons",
            ),
        ] {
            if n > 0 {
                let a = if ages.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (aged {})",
                        ages.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
                    )
                };
                parts.push(format!("{}{a}", plural(n, one, many)));
            }
        }
        let _ = writeln!(s, "  {}{name}: {}", c.from, parts.join(", "));
    }
    s
}
