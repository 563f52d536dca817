//! A new workspace for an action type, as the files `coopcom init` writes:
//! a manifest whose dates fall in the round's start window, example
//! organisations, one activity of each required type, the budget and impact
//! files, one text file per field of the form, and the JSON Schemas editors
//! use. Making the files is the library's job; writing them is `init`'s.

use std::fmt::Write as _;

use chrono::{Days, Months, NaiveDate};

use crate::pack::registry::Rules;
use crate::pack::{ActivityKind, Family};
use crate::schema;
use crate::workspace::spec;

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

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The files of a new workspace, as (relative path, text), in writing order:
/// dates from the round's start window, activity types and the texts of the
/// form from the rule pack; `title` or a placeholder. `Err` says why the
/// pack cannot make one.
pub fn scaffold(rules: &Rules, title: Option<&str>, round_no: u32) -> Result<Vec<(String, String)>, String> {
    let family = rules.action.action.family;
    let call = rules.call.pack.call;
    let round = rules
        .action
        .rounds
        .iter()
        .find(|r| r.round == round_no)
        .ok_or_else(|| format!("{} has no round {round_no} in call {call}", rules.code))?;
    let start = round
        .start_from()
        .or_else(|| {
            round
                .deadline()
                .and_then(|d| d.checked_add_months(Months::new(4)))
        })
        .ok_or_else(|| format!("the {} rule pack has no dates for round {}", call, round_no))?;
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
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| format!("New {} project", rules.code));
    let mut files = Vec::new();

    let mut m = String::new();
    let _ = writeln!(
        m,
        "# {}",
        spec::FILE_KINDS.first().map(|k| k.doc).unwrap_or_default()
    );
    let _ = writeln!(m, "[project]");
    let f = spec::PROJECT;
    kv(&mut m, f, "title", toml_str(&title), "");
    kv(&mut m, f, "acronym", "\"NEW\"", "");
    kv(&mut m, f, "action", format!("\"{}\"", rules.code), "");
    kv(&mut m, f, "call", call, "");
    kv(&mut m, f, "round", round_no, "");
    kv(&mut m, f, "national_agency", format!("\"{na}\""), "");
    kv(&mut m, f, "language", "\"en\"", "");
    kv(&mut m, f, "start", date(start), "");
    kv(&mut m, f, "end", date(end), &format!("{months} months"));
    kv(
        &mut m,
        f,
        "topics",
        "[\"Inclusion of marginalised young people\"]",
        "",
    );
    files.push(("coopcom.toml".to_string(), m));

    let orgs: &[Org] = match family {
        Family::Cooperation => ORGS,
        _ => ORGS.get(..2).unwrap_or(ORGS),
    };
    for o in orgs {
        let mut p = String::new();
        let f = spec::PARTNER;
        kv(&mut p, f, "name", toml_str(o.name), "");
        kv(&mut p, f, "role", format!("\"{}\"", o.role), "");
        kv(&mut p, f, "country", format!("\"{}\"", o.country), "");
        kv(&mut p, f, "city", format!("\"{}\"", o.city), "");
        kv(
            &mut p,
            f,
            "type",
            "\"ngo\"",
            &crate::workspace::ORGANISATION_TYPES.join(" | "),
        );
        let _ = writeln!(p, "# oid = \"E10000000\"  # {}", spec::doc(f, "oid"));
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
            let (a_start, a_end) = window(start, 90, u64::from(days))?;
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
            let f = spec::ACTIVITY;
            kv(&mut a, f, "type", format!("\"{}\"", t.key), &rules.code);
            kv(&mut a, f, "title", "\"First activity\"", "");
            let venue = format!(
                "{{ city = \"{}\", country = \"{}\" }}",
                partner.city, partner.country
            );
            kv(&mut a, f, "venue", venue, "");
            kv(&mut a, f, "start", date(a_start), "");
            kv(&mut a, f, "end", date(a_end), &format!("{days} days"));
            kv(&mut a, f, "host", format!("\"{}\"", partner.id), "");
            for (org, local) in [(applicant, false), (partner, true)] {
                let _ = writeln!(a);
                let _ = writeln!(a, "[[flows]]  # {}", spec::doc(f, "flows"));
                let f = spec::FLOW;
                kv(&mut a, f, "from", format!("\"{}\"", org.id), "");
                kv(&mut a, f, "participants", per_flow, "");
                kv(&mut a, f, "fewer_opportunities", 2, "");
                kv(&mut a, f, "women", per_flow / 2, "");
                if exchange {
                    kv(&mut a, f, "group_leaders", 1, "");
                }
                kv(&mut a, f, "facilitators", u32::from(local), "");
                kv(&mut a, f, "ages", format!("[{}, {}]", ages.0, ages.1), "");
                kv(&mut a, f, "green_travel", !local, "");
                kv(&mut a, f, "travel_days", if local { 0 } else { 2 }, "");
            }
            files.push(("activities/a1-first-activity.toml".to_string(), a));
            let f = spec::INCLUSION_COST;
            let mut b = String::new();
            let _ = writeln!(
                b,
                "# Costs not derived from activities. Uncomment and fill in what applies."
            );
            let _ = writeln!(
                b,
                "# [[inclusion_costs]]  # {}",
                spec::doc(spec::BUDGET, "inclusion_costs")
            );
            for (key, value) in [
                ("activity", "\"a1-first-activity\""),
                ("amount", "500"),
                ("reason", "\"...\""),
            ] {
                let _ = writeln!(b, "# {key} = {value}  # {}", spec::doc(f, key));
            }
            files.push(("budget.toml".to_string(), b));
        }
        Family::SmallScale => {
            let t = main_type.ok_or("the rule pack lists no activity type for this action")?;
            let lump = first_lump_sum(rules);
            let half = lump / rust_decimal::Decimal::from(2);
            for (i, (org, offset)) in [(applicant, 60u64), (partner, 240u64)].iter().enumerate() {
                let (a_start, a_end) = window(start, *offset, 3)?;
                let mut a = String::new();
                let f = spec::ACTIVITY;
                kv(&mut a, f, "type", format!("\"{}\"", t.key), &rules.code);
                kv(&mut a, f, "title", format!("\"Activity {}\"", i + 1), "");
                let venue = format!("{{ city = \"{}\", country = \"{}\" }}", org.city, org.country);
                kv(&mut a, f, "venue", venue, "");
                kv(&mut a, f, "start", date(a_start), "");
                kv(&mut a, f, "end", date(a_end), "");
                kv(&mut a, f, "host", format!("\"{}\"", org.id), "");
                kv(&mut a, f, "grant", half.normalize(), "");
                files.push((format!("activities/a{}-activity.toml", i + 1), a));
            }
            let mut b = String::new();
            kv(
                &mut b,
                spec::BUDGET,
                "lump_sum",
                lump.normalize(),
                "activity grants add up to it",
            );
            files.push(("budget.toml".to_string(), b));
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
                let (a_start, a_end) = window(start, offset, 3)?;
                let mut w = String::new();
                let f = spec::WORK_PACKAGE;
                kv(&mut w, f, "title", toml_str(title), "");
                kv(&mut w, f, "management", is_mgmt, "");
                kv(&mut w, f, "grant", grant.normalize(), "");
                kv(&mut w, f, "lead", format!("\"{}\"", lead.id), "");
                let _ = writeln!(w);
                let _ = writeln!(w, "[[activities]]  # {}", spec::doc(f, "activities"));
                let f = spec::WP_ACTIVITY;
                kv(&mut w, f, "title", "\"Partner meeting\"", "");
                kv(&mut w, f, "start", date(a_start), "");
                kv(&mut w, f, "end", date(a_end), "");
                let ids: Vec<String> = orgs.iter().map(|o| format!("\"{}\"", o.id)).collect();
                kv(&mut w, f, "partners", format!("[{}]", ids.join(", ")), "");
                files.push((format!("work-packages/{id}.toml"), w));
            }
            let mut b = String::new();
            kv(
                &mut b,
                spec::BUDGET,
                "lump_sum",
                lump.normalize(),
                "work-package grants add up to it",
            );
            files.push(("budget.toml".to_string(), b));
        }
    }
    let mut t = String::new();
    let _ = writeln!(t, "[[targets]]  # {}", spec::doc(spec::IMPACT, "targets"));
    let f = spec::TARGET;
    kv(&mut t, f, "id", "\"participants\"", "");
    kv(
        &mut t,
        f,
        "indicator",
        "\"Participants who complete the activities\"",
        "",
    );
    kv(&mut t, f, "unit", "\"people\"", "");
    kv(&mut t, f, "baseline", 0, "");
    kv(&mut t, f, "target", 20, "");
    kv(&mut t, f, "by", date(end), "");
    kv(&mut t, f, "verification", "\"attendance lists\"", "");
    files.push(("impact.toml".to_string(), t));
    let narratives = narratives(rules, &files);
    files.extend(narratives);
    files.push((
        ".gitignore".to_string(),
        "# Generated by coopcom render\n/build/\n# Personal data (participant lists): never committed\nprivate/\n".to_string(),
    ));
    with_schemas(&mut files);
    Ok(files)
}

/// One file per text the form asks, each holding the question as an author
/// note: `narrative/<section>/<field>.md` for the project, and
/// `narrative/<organisations|activities|work-packages>/<id>/<field>.md` for
/// each organisation, activity and work package of the new workspace
/// (read back from its files). Flow texts are keys of the flows, not files.
fn narratives(rules: &Rules, files: &[(String, String)]) -> Vec<(String, String)> {
    use crate::pack::Scope;
    let entities = |folder: &str| -> Vec<(String, toml::Table)> {
        files
            .iter()
            .filter_map(|(path, text)| {
                let id = path
                    .strip_prefix(folder)?
                    .strip_prefix('/')?
                    .strip_suffix(".toml")?;
                Some((id.to_string(), text.parse::<toml::Table>().unwrap_or_default()))
            })
            .collect()
    };
    let text_of = |t: &toml::Table, key: &str| {
        t.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let form = &rules.action.form;
    let mut out = Vec::new();
    for section in &form.sections {
        for field in &section.fields {
            let mut limit = String::new();
            if let Some(l) = form.limit(section, field) {
                limit = format!(" {} characters at most", crate::text::grouped(l.value as usize));
                if let Some(w) = crate::form::limit_standing(l) {
                    limit = format!("{limit} ({w})");
                }
                limit.push('.');
            }
            let optional = if field.required {
                ""
            } else {
                " Optional: coopcom does not ask for a text."
            };
            let sub = field
                .subsection
                .as_ref()
                .map(|s| format!(" > {s}"))
                .unwrap_or_default();
            let note =
                |question: &str| format!("<!-- {}{sub}: {question}{limit}{optional} -->\n", section.title);
            match section.scope {
                Scope::Project => out.push((
                    format!("narrative/{}/{}.md", section.key, field.key),
                    note(&field.question),
                )),
                Scope::Organisation => {
                    for (id, t) in entities("partners") {
                        let role = text_of(&t, "role");
                        if field.asks_role(&role) {
                            out.push((
                                format!("narrative/organisations/{id}/{}.md", field.key),
                                note(field.question_for(&role)),
                            ));
                        }
                    }
                }
                Scope::Activity => {
                    for (id, t) in entities("activities") {
                        if section.asks_type(&text_of(&t, "type")) {
                            out.push((
                                format!("narrative/activities/{id}/{}.md", field.key),
                                note(&field.question),
                            ));
                        }
                    }
                }
                Scope::WorkPackage => {
                    for (id, t) in entities("work-packages") {
                        if !t.get("management").and_then(|v| v.as_bool()).unwrap_or(false) {
                            out.push((
                                format!("narrative/work-packages/{id}/{}.md", field.key),
                                note(&field.question),
                            ));
                        }
                    }
                }
                Scope::Flow => {}
            }
        }
    }
    out
}

/// `key = value  # doc`, the doc from the spec (the description editors
/// show), then any detail in brackets.
fn kv(out: &mut String, fields: &[spec::Field], key: &str, value: impl std::fmt::Display, detail: &str) {
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    };
    let _ = writeln!(out, "{key} = {value}  # {}{detail}", spec::doc(fields, key));
}

/// The file kind of a workspace TOML file, by its path.
fn kind_of(path: &str) -> Option<&'static spec::FileKind> {
    let key = match path.split_once('/') {
        None => path
            .strip_suffix(".toml")
            .map(|stem| if stem == "coopcom" { "project" } else { stem }),
        Some(("partners", _)) => Some("partner"),
        Some(("activities", _)) => Some("activity"),
        Some(("work-packages", _)) => Some("work-package"),
        Some(_) => None,
    }?;
    spec::file_kind(key)
}

/// Starts every TOML file with a `#:schema` line pointing at its JSON
/// Schema, and adds the schema files, so that TOML language servers
/// (Taplo and others) complete and validate offline.
fn with_schemas(files: &mut Vec<(String, String)>) {
    for (path, text) in files.iter_mut() {
        if let Some(kind) = kind_of(path) {
            let up = if path.contains('/') { "../" } else { "./" };
            *text = format!("#:schema {up}{}\n{text}", kind.schema_path());
        }
    }
    let types = schema::activity_types();
    for kind in spec::FILE_KINDS {
        files.push((kind.schema_path(), schema::text(&schema::of(kind, &types))));
    }
}

/// The first and last day of an activity of `days` days, `offset` days
/// after the project start.
fn window(start: NaiveDate, offset: u64, days: u64) -> Result<(NaiveDate, NaiveDate), String> {
    let first = start
        .checked_add_days(Days::new(offset))
        .ok_or("date out of range")?;
    let last = first
        .checked_add_days(Days::new(days.saturating_sub(1)))
        .ok_or("date out of range")?;
    Ok((first, last))
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
