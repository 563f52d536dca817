//! `coopcom init`: a new workspace for an action type that passes `check`
//! with warnings only. Dates come from the round's start window, activity
//! types and narrative fields from the rule pack. Nothing is ever
//! overwritten: if any file would be, nothing is written at all.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{Days, Months, NaiveDate};

use crate::cli::InitArgs;
use crate::output::Output;
use crate::rules::pack::{ActivityKind, Family};
use crate::rules::registry::{self, Rules};
use crate::{EXIT_FAILURE, EXIT_OK};

/// One example organisation of a new workspace.
struct Org {
    id: &'static str,
    name: &'static str,
    role: &'static str,
    country: &'static str,
    city: &'static str,
}

const ORGS: &[Org] = &[
    Org {
        id: "lyon-youth",
        name: "Example Youth Association",
        role: "applicant",
        country: "FR",
        city: "Lyon",
    },
    Org {
        id: "valencia-youth",
        name: "Example Partner Association",
        role: "partner",
        country: "ES",
        city: "Valencia",
    },
    Org {
        id: "bologna-youth",
        name: "Example Third Partner",
        role: "partner",
        country: "IT",
        city: "Bologna",
    },
];

pub fn run(args: &InitArgs, out: &Output) -> Result<i32> {
    let action = args.action.trim().to_uppercase();
    let rules = match registry::resolve(&action, args.call, None) {
        Ok(r) => r,
        Err(registry::PackError::UnknownAction) => {
            let hint = crate::diagnostics::suggest::did_you_mean(&action, registry::ACTIONS.iter().copied())
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            out.error(&format!(
                "\"{}\" is not an action coopcom supports{hint}\n  supported: {}",
                args.action,
                registry::ACTIONS.join(", ")
            ));
            return Ok(EXIT_FAILURE);
        }
        Err(registry::PackError::UnsupportedCall) => {
            let calls: Vec<String> = registry::calls().map(|c| c.to_string()).collect();
            out.error(&format!(
                "no rule pack for call {}; calls: {}",
                args.call,
                calls.join(", ")
            ));
            return Ok(EXIT_FAILURE);
        }
        Err(registry::PackError::Malformed { file, message, .. }) => {
            anyhow::bail!("the built-in rule pack {file} is malformed: {message}")
        }
    };
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let files = match scaffold(&rules, args) {
        Ok(f) => f,
        Err(why) => {
            out.error(&why);
            return Ok(EXIT_FAILURE);
        }
    };
    let conflicts: Vec<String> = files
        .iter()
        .filter(|(p, _)| fs::symlink_metadata(dir.join(p)).is_ok())
        .map(|(p, _)| p.clone())
        .collect();
    if !conflicts.is_empty() {
        out.error(&format!(
            "{} already holds {}; coopcom init never overwrites a file, so nothing was written",
            dir.display(),
            if conflicts.iter().any(|c| c == "coopcom.toml") {
                "a workspace (coopcom.toml)".to_string()
            } else {
                format!("files it would write: {}", conflicts.join(", "))
            }
        ));
        return Ok(EXIT_FAILURE);
    }
    write_all(&dir, &files)?;
    out.status(&format!(
        "created a {} workspace for call {} in {} ({} files)\nnext: edit the files, then run `coopcom check {}`\n",
        rules.code,
        args.call,
        dir.display(),
        files.len(),
        dir.display()
    ));
    Ok(EXIT_OK)
}

/// Writes every file with create-new semantics; on any failure removes the
/// files this run created, so a half-made workspace is never left behind.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<()> {
    let mut created: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        for (rel, text) in files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
            }
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            created.push(path.clone());
            f.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for p in created.iter().rev() {
            let _ = fs::remove_file(p);
        }
    }
    result
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The files of a new workspace, as (relative path, text), in writing order.
fn scaffold(rules: &Rules, args: &InitArgs) -> Result<Vec<(String, String)>, String> {
    let family = rules.action.action.family;
    let round = rules
        .action
        .rounds
        .iter()
        .find(|r| r.round == args.round)
        .ok_or_else(|| format!("{} has no round {} in call {}", rules.code, args.round, args.call))?;
    let start = round
        .start_from()
        .or_else(|| {
            round
                .deadline()
                .and_then(|d| d.checked_add_months(Months::new(4)))
        })
        .ok_or_else(|| {
            format!(
                "the {} rule pack has no dates for round {}",
                args.call, args.round
            )
        })?;
    let months: u32 = match family {
        Family::Cooperation => 24,
        _ => 12,
    };
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or("date out of range")?;
    // The applicant's agency: for youth actions the youth agency where the
    // pack names one, otherwise the country's first known agency.
    let country = ORGS.first().map(|o| o.country).unwrap_or("FR");
    let agencies: Vec<_> = rules
        .call
        .national_agencies
        .iter()
        .filter(|a| a.country == country)
        .collect();
    let youth = matches!(family, Family::YouthMobility | Family::YouthParticipation) || rules.field == "YOU";
    let na = agencies
        .iter()
        .find(|a| {
            youth
                == a.name.as_deref().is_some_and(|n| {
                    n.to_lowercase().contains("jeunesse") || n.to_lowercase().contains("youth")
                })
        })
        .or(agencies.first())
        .map(|a| a.code.clone())
        .unwrap_or_else(|| format!("{country}01"));
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("New {} project", rules.code));
    let mut files = Vec::new();

    let mut m = String::new();
    let _ = writeln!(
        m,
        "# The project manifest: its presence marks the workspace root."
    );
    let _ = writeln!(m, "[project]");
    let _ = writeln!(
        m,
        "title = {}  # the project title as it will appear in the form",
        toml_str(&title)
    );
    let _ = writeln!(m, "acronym = \"NEW\"  # a short name for the project");
    let _ = writeln!(
        m,
        "action = \"{}\"  # the action type; selects the rule pack",
        rules.code
    );
    let _ = writeln!(
        m,
        "call = {}  # call year; selects the rule pack edition",
        args.call
    );
    let _ = writeln!(
        m,
        "round = {}  # 1 = first deadline of the call year, 2 = autumn round",
        args.round
    );
    let _ = writeln!(
        m,
        "national_agency = \"{na}\"  # the agency code of the applicant's country (check it on the agency's site)"
    );
    let _ = writeln!(
        m,
        "language = \"en\"  # the language the form is written in (ISO 639-1)"
    );
    let _ = writeln!(
        m,
        "start = {}  # project start; must fall in the round's start window",
        date(start)
    );
    let _ = writeln!(m, "end = {}  # project end ({months} months)", date(end));
    let _ = writeln!(
        m,
        "topics = [\"Inclusion of marginalised young people\"]  # topics chosen in the form"
    );
    files.push(("coopcom.toml".to_string(), m));

    let orgs: &[Org] = match family {
        Family::Cooperation => ORGS,
        _ => ORGS.get(..2).unwrap_or(ORGS),
    };
    for o in orgs {
        let mut p = String::new();
        let _ = writeln!(p, "name = {}  # the organisation's usual name", toml_str(o.name));
        let _ = writeln!(
            p,
            "role = \"{}\"  # exactly one \"applicant\"; the others \"partner\"",
            o.role
        );
        let _ = writeln!(p, "country = \"{}\"  # ISO 3166-1 alpha-2 code", o.country);
        let _ = writeln!(p, "city = \"{}\"  # used to compute travel distances", o.city);
        let _ = writeln!(
            p,
            "type = \"ngo\"  # ngo | public-body | social-enterprise | company | informal-group | school | university | other"
        );
        let _ = writeln!(
            p,
            "# oid = \"E10000000\"  # Organisation ID from the Organisation Registration System, needed to submit"
        );
        files.push((format!("partners/{}.toml", o.id), p));
    }

    let main_type = rules
        .action
        .activity_types
        .iter()
        .find(|t| t.kind == ActivityKind::Main && t.required)
        .or_else(|| {
            rules
                .action
                .activity_types
                .iter()
                .find(|t| t.kind == ActivityKind::Main)
        })
        .cloned();
    let (applicant, partner) = match orgs {
        [a, p, ..] => (a, p),
        _ => return Err("internal: scaffold needs two organisations".into()),
    };
    match family {
        Family::YouthMobility | Family::YouthParticipation => {
            let t = main_type.ok_or("the rule pack lists no activity type for this action")?;
            let days = t.days.as_ref().map(|d| d.min.unwrap_or(1).max(5)).unwrap_or(5);
            let a_start = start.checked_add_days(Days::new(90)).ok_or("date out of range")?;
            let a_end = a_start
                .checked_add_days(Days::new(u64::from(days) - 1))
                .ok_or("date out of range")?;
            let exchange = family == Family::YouthMobility && t.group_leaders_min_per_group.is_some();
            let per_flow = t
                .participants
                .as_ref()
                .and_then(|p| p.min)
                .map(|m| m.div_ceil(2).max(4))
                .unwrap_or(8);
            let ages = t
                .participant_age
                .as_ref()
                .map(|r| (r.min.unwrap_or(18).max(16), r.max.unwrap_or(30).min(25)))
                .unwrap_or((18, 30));
            let mut a = String::new();
            let _ = writeln!(a, "type = \"{}\"  # activity type of {}", t.key, rules.code);
            let _ = writeln!(a, "title = \"First activity\"  # a short title for the activity");
            let _ = writeln!(
                a,
                "venue = {{ city = \"{}\", country = \"{}\" }}  # where the activity takes place",
                partner.city, partner.country
            );
            let _ = writeln!(
                a,
                "start = {}  # first activity day, travel excluded",
                date(a_start)
            );
            let _ = writeln!(
                a,
                "end = {}  # last activity day, travel excluded ({days} days)",
                date(a_end)
            );
            let _ = writeln!(a, "host = \"{}\"  # the receiving partner's id", partner.id);
            for (org, local) in [(applicant, false), (partner, true)] {
                let _ = writeln!(a);
                let _ = writeln!(a, "[[flows]]  # a group travelling from one place to the venue");
                let _ = writeln!(a, "from = \"{}\"  # the sending partner's id", org.id);
                let _ = writeln!(a, "participants = {per_flow}  # participants in this group");
                let _ = writeln!(
                    a,
                    "fewer_opportunities = 2  # of the participants, those with fewer opportunities"
                );
                let _ = writeln!(a, "women = {}  # of the participants", per_flow / 2);
                if exchange {
                    let _ = writeln!(
                        a,
                        "group_leaders = 1  # adults of at least 18 accompanying the group"
                    );
                }
                let _ = writeln!(
                    a,
                    "facilitators = {}  # facilitators or trainers",
                    u32::from(local)
                );
                let _ = writeln!(
                    a,
                    "ages = [{}, {}]  # youngest and oldest participant at the start date",
                    ages.0, ages.1
                );
                let _ = writeln!(
                    a,
                    "green_travel = {}  # low-emission travel for most of the trip",
                    !local
                );
                let _ = writeln!(
                    a,
                    "travel_days = {}  # funded travel days",
                    if local { 0 } else { 2 }
                );
            }
            files.push(("activities/a1-first-activity.toml".to_string(), a));
            files.push((
                "budget.toml".to_string(),
                "# Costs not derived from activities. Uncomment and fill in what applies.\n\
                 # [[inclusion_costs]]  # real costs for participants with fewer opportunities\n\
                 # activity = \"a1-first-activity\"  # the activity concerned\n\
                 # amount = 500  # euros\n\
                 # reason = \"...\"  # why the cost is needed\n"
                    .to_string(),
            ));
        }
        Family::SmallScale => {
            let t = main_type.ok_or("the rule pack lists no activity type for this action")?;
            let lump = first_lump_sum(rules);
            let half = lump / rust_decimal::Decimal::from(2);
            for (i, (org, offset)) in [(applicant, 60u64), (partner, 240u64)].iter().enumerate() {
                let a_start = start
                    .checked_add_days(Days::new(*offset))
                    .ok_or("date out of range")?;
                let a_end = a_start
                    .checked_add_days(Days::new(2))
                    .ok_or("date out of range")?;
                let mut a = String::new();
                let _ = writeln!(a, "type = \"{}\"  # activity type of {}", t.key, rules.code);
                let _ = writeln!(
                    a,
                    "title = \"Activity {}\"  # a short title for the activity",
                    i + 1
                );
                let _ = writeln!(
                    a,
                    "venue = {{ city = \"{}\", country = \"{}\" }}  # where the activity takes place",
                    org.city, org.country
                );
                let _ = writeln!(a, "start = {}  # first day", date(a_start));
                let _ = writeln!(a, "end = {}  # last day", date(a_end));
                let _ = writeln!(a, "host = \"{}\"  # the partner that runs the activity", org.id);
                let _ = writeln!(
                    a,
                    "grant = {}  # this activity's share of the lump sum",
                    half.normalize()
                );
                files.push((format!("activities/a{}-activity.toml", i + 1), a));
            }
            files.push((
                "budget.toml".to_string(),
                format!(
                    "lump_sum = {}  # one of the amounts the action allows; activity grants add up to it\n",
                    lump.normalize()
                ),
            ));
        }
        Family::Cooperation => {
            let lump = first_lump_sum(rules);
            let share = rules
                .action
                .lump_sum
                .as_ref()
                .and_then(|l| l.management_max_percent.as_ref())
                .map(|p| p.value)
                .unwrap_or(rust_decimal::Decimal::from(20));
            let management = (lump * share / rust_decimal::Decimal::from(100)).round_dp(0);
            let rest = (lump - management) / rust_decimal::Decimal::from(2);
            let wps = [
                (
                    "wp1-management",
                    "Project management",
                    true,
                    management,
                    applicant,
                    30u64,
                ),
                (
                    "wp2-training",
                    "Training and exchange of practice",
                    false,
                    rest,
                    partner,
                    180,
                ),
                (
                    "wp3-results",
                    "Results and dissemination",
                    false,
                    lump - management - rest,
                    applicant,
                    400,
                ),
            ];
            for (id, title, is_mgmt, grant, lead, offset) in wps {
                let a_start = start
                    .checked_add_days(Days::new(offset))
                    .ok_or("date out of range")?;
                let a_end = a_start
                    .checked_add_days(Days::new(2))
                    .ok_or("date out of range")?;
                let mut w = String::new();
                let _ = writeln!(w, "title = {}  # the work package's title", toml_str(title));
                let _ = writeln!(
                    w,
                    "management = {is_mgmt}  # exactly one work package is project management"
                );
                let _ = writeln!(
                    w,
                    "grant = {}  # this work package's share of the lump sum",
                    grant.normalize()
                );
                let _ = writeln!(
                    w,
                    "lead = \"{}\"  # the partner leading the work package",
                    lead.id
                );
                let _ = writeln!(w);
                let _ = writeln!(w, "[[activities]]  # an activity of this work package");
                let _ = writeln!(w, "title = \"Partner meeting\"  # a short title");
                let _ = writeln!(w, "start = {}  # first day", date(a_start));
                let _ = writeln!(w, "end = {}  # last day", date(a_end));
                let ids: Vec<String> = orgs.iter().map(|o| format!("\"{}\"", o.id)).collect();
                let _ = writeln!(w, "partners = [{}]  # the partners taking part", ids.join(", "));
                files.push((format!("work-packages/{id}.toml"), w));
            }
            files.push((
                "budget.toml".to_string(),
                format!("lump_sum = {}  # one of the amounts the action allows; work-package grants add up to it\n", lump.normalize()),
            ));
        }
    }
    files.push((
        "impact.toml".to_string(),
        format!(
            "[[targets]]  # a measurable result\n\
             id = \"participants\"  # a short id\n\
             indicator = \"Participants who complete the activities\"  # what is measured\n\
             unit = \"people\"  # the unit\n\
             baseline = 0  # the value before the project\n\
             target = 20  # the value aimed for\n\
             by = {}  # when\n\
             verification = \"attendance lists\"  # how it will be verified\n",
            date(end)
        ),
    ));
    for section in &rules.action.form.sections {
        for field in &section.fields {
            let limit = field
                .max_chars
                .as_ref()
                .map(|l| {
                    let how = if l.assumed {
                        ", a limit assumed by coopcom"
                    } else {
                        ""
                    };
                    format!(" At most {} characters{how}.", l.value)
                })
                .unwrap_or_default();
            files.push((
                format!("narrative/{}/{}.md", section.key, field.key),
                format!("<!-- {}: {}{limit} -->\n", section.title, field.question),
            ));
        }
    }
    files.push((
        ".gitignore".to_string(),
        "# Generated by coopcom render\n/build/\n".to_string(),
    ));
    Ok(files)
}

fn first_lump_sum(rules: &Rules) -> rust_decimal::Decimal {
    rules
        .action
        .lump_sum
        .as_ref()
        .and_then(|l| l.amounts.as_ref())
        .and_then(|a| a.value.first().copied())
        .unwrap_or_default()
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
