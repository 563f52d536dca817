//! Readers for each kind of workspace file, from a parsed TOML table to the
//! typed model. Each reader reads every field it knows, reports every
//! problem, and lists its keys for the unknown-key check.

use toml::de::DeTable;

use super::model::*;
use super::reader::{Euros, TableReader};
use super::source::{FileId, Loc};
use crate::diagnostics::{Diagnostic, codes, suggest};

type Diags = Vec<Diagnostic>;

fn money(v: Option<S<Euros>>) -> Option<S<Money>> {
    v.map(|s| S::new(s.value.0, s.loc))
}

/// Canonical country code, or a diagnostic.
fn country(v: Option<S<String>>, diags: &mut Diags) -> Option<S<String>> {
    let v = v?;
    match crate::geo::canonical_country(&v.value) {
        Some(code) => Some(S::new(code.to_string(), v.loc)),
        None => {
            let help = crate::geo::suggest_country(&v.value)
                .map(|c| format!("did you mean `{c}`? Countries are written as ISO 3166-1 alpha-2 codes"))
                .unwrap_or_else(|| {
                    "write the ISO 3166-1 alpha-2 code of the country, e.g. \"FR\", \"ES\", \"TR\"".into()
                });
            diags.push(
                Diagnostic::error(
                    codes::INVALID_COUNTRY,
                    format!("\"{}\" is not an ISO 3166-1 alpha-2 country code", v.value),
                )
                .at(&v.loc)
                .with_help(help),
            );
            None
        }
    }
}

/// A value restricted to a list of names.
fn one_of(v: Option<S<String>>, allowed: &[&str], what: &str, diags: &mut Diags) -> Option<S<String>> {
    let v = v?;
    if allowed.contains(&v.value.as_str()) {
        return Some(v);
    }
    diags.push(
        Diagnostic::error(
            codes::INVALID_VALUE,
            format!("\"{}\" is not a known {what}", v.value),
        )
        .at(&v.loc)
        .help_opt(suggest::help_for(&v.value, allowed, "allowed values")),
    );
    None
}

pub fn read_place(file: FileId, loc: Loc, t: &DeTable<'_>, context: &str, diags: &mut Diags) -> Place {
    const KEYS: &[&str] = &["city", "country", "coordinates"];
    let mut r = TableReader::new(file, t, loc.clone(), context);
    let city = r.req::<String>("city", diags);
    let c = r.req::<String>("country", diags);
    let country = country(c, diags);
    let coordinates = r.opt("coordinates", diags);
    r.finish(KEYS, diags);
    Place {
        loc,
        city,
        country,
        coordinates,
    }
}

pub fn read_project(file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> Project {
    const TOP: &[&str] = &["project"];
    const KEYS: &[&str] = &[
        "title",
        "acronym",
        "action",
        "call",
        "round",
        "national_agency",
        "language",
        "start",
        "end",
        "duration_months",
        "reference",
        "topics",
    ];
    let mut top = TableReader::new(file, t, Loc::file_start(file), "");
    let mut p = Project {
        file,
        title: None,
        acronym: None,
        action: None,
        call: None,
        round: None,
        national_agency: None,
        language: None,
        start: None,
        end: None,
        duration_months: None,
        reference: None,
        topics: Vec::new(),
    };
    if !t.contains_key("project") {
        diags.push(
            Diagnostic::error(codes::MISSING_FIELD, "coopcom.toml has no [project] table")
                .at(&Loc::file_start(file))
                .with_help(
                    "start the file with [project] followed by title, action, call, round, start and end",
                ),
        );
    }
    if let Some((loc, pt)) = top.table("project", diags) {
        let mut r = TableReader::new(file, pt, loc, "");
        p.title = r.req("title", diags);
        p.acronym = r.opt("acronym", diags);
        p.action = r
            .req::<String>("action", diags)
            .map(|a| S::new(a.value.trim().to_uppercase(), a.loc));
        p.call = r.req("call", diags);
        p.round = r.req("round", diags);
        p.national_agency = r
            .opt::<String>("national_agency", diags)
            .map(|a| S::new(a.value.trim().to_uppercase(), a.loc));
        p.language = r.opt::<String>("language", diags);
        if let Some(l) = &p.language {
            if l.value.len() != 2 || !l.value.bytes().all(|b| b.is_ascii_lowercase()) {
                diags.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("\"{}\" is not an ISO 639-1 language code", l.value),
                    )
                    .at(&l.loc)
                    .with_help("write the two-letter code in lower case, e.g. \"en\", \"fr\", \"es\""),
                );
            }
        }
        p.start = r.req("start", diags);
        p.end = r.opt("end", diags);
        p.duration_months = r.opt("duration_months", diags);
        p.reference = r.opt("reference", diags);
        p.topics = r.list("topics", diags);
        r.finish(KEYS, diags);
    }
    top.finish(TOP, diags);
    p
}

pub fn read_partner(id: S<String>, file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> Partner {
    const KEYS: &[&str] = &[
        "name",
        "legal_name",
        "role",
        "country",
        "city",
        "oid",
        "type",
        "newcomer",
        "coordinates",
        "experience",
        "established",
    ];
    let mut r = TableReader::new(file, t, Loc::file_start(file), "");
    let name = r.req("name", diags);
    let legal_name = r.opt("legal_name", diags);
    let role = r
        .req::<String>("role", diags)
        .and_then(|v| match Role::parse(&v.value) {
            Some(role) => Some(S::new(role, v.loc)),
            None => {
                diags.push(
                    Diagnostic::error(codes::INVALID_VALUE, format!("\"{}\" is not a role", v.value))
                        .at(&v.loc)
                        .help_opt(suggest::help_for(&v.value, Role::NAMES, "roles")),
                );
                None
            }
        });
    let c = r.req("country", diags);
    let country = country(c, diags);
    let city = r.req("city", diags);
    let oid = r
        .opt::<String>("oid", diags)
        .map(|o| S::new(o.value.trim().to_string(), o.loc));
    let kind_raw = r.req("type", diags);
    let kind = one_of(kind_raw, ORGANISATION_TYPES, "organisation type", diags);
    let newcomer = r.opt("newcomer", diags);
    let coordinates = r.opt("coordinates", diags);
    let experience = r.opt("experience", diags);
    let established = r.opt("established", diags);
    r.finish(KEYS, diags);
    Partner {
        id,
        file,
        name,
        legal_name,
        role,
        country,
        city,
        oid,
        kind,
        newcomer,
        coordinates,
        experience,
        established,
    }
}

fn read_flow(file: FileId, loc: Loc, t: &DeTable<'_>, n: usize, diags: &mut Diags) -> Flow {
    const KEYS: &[&str] = &[
        "from",
        "origin",
        "participants",
        "fewer_opportunities",
        "women",
        "group_leaders",
        "facilitators",
        "accompanying",
        "ages",
        "green_travel",
        "travel_days",
        "distance_km",
    ];
    let context = format!("flow {n}: ");
    let mut r = TableReader::new(file, t, loc.clone(), context.clone());
    let from = r.req("from", diags);
    let origin = r
        .table("origin", diags)
        .map(|(l, ot)| read_place(file, l, ot, &format!("{context}origin: "), diags));
    let participants = r.req("participants", diags);
    let fewer_opportunities = r.opt("fewer_opportunities", diags);
    let women = r.opt("women", diags);
    let group_leaders = r.opt("group_leaders", diags);
    let facilitators = r.opt("facilitators", diags);
    let accompanying = r.opt("accompanying", diags);
    let ages = r.opt("ages", diags);
    let green_travel = r.opt("green_travel", diags);
    let travel_days = r.opt("travel_days", diags);
    let distance_km = r
        .opt::<rust_decimal::Decimal>("distance_km", diags)
        .and_then(|d| {
            if d.value.is_sign_negative() {
                diags.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("{context}`distance_km` is negative"),
                    )
                    .at(&d.loc),
                );
                None
            } else {
                Some(d)
            }
        });
    r.finish(KEYS, diags);
    Flow {
        loc,
        from,
        origin,
        participants,
        fewer_opportunities,
        women,
        group_leaders,
        facilitators,
        accompanying,
        ages,
        green_travel,
        travel_days,
        distance_km,
    }
}

pub fn read_activity(id: S<String>, file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> Activity {
    const KEYS: &[&str] = &[
        "type",
        "title",
        "venue",
        "start",
        "end",
        "host",
        "flows",
        "grant",
        "prepares",
        "description",
    ];
    let mut r = TableReader::new(file, t, Loc::file_start(file), "");
    let kind = r.req("type", diags);
    let title = r.req("title", diags);
    if !t.contains_key("venue") {
        diags.push(
            Diagnostic::error(codes::MISSING_FIELD, "missing required field `venue`")
                .at(&Loc::file_start(file))
                .with_help("add `venue = { city = \"...\", country = \"..\" }`"),
        );
    }
    let venue = r
        .table("venue", diags)
        .map(|(l, vt)| read_place(file, l, vt, "venue: ", diags));
    let start = r.req("start", diags);
    let end = r.req("end", diags);
    let host = r.opt("host", diags);
    let flows = r
        .tables("flows", diags)
        .into_iter()
        .enumerate()
        .map(|(i, (l, ft))| read_flow(file, l, ft, i + 1, diags))
        .collect();
    let grant = money(r.opt("grant", diags));
    let prepares = r.opt("prepares", diags);
    let description = r.opt("description", diags);
    r.finish(KEYS, diags);
    Activity {
        id,
        file,
        kind,
        title,
        venue,
        start,
        end,
        host,
        flows,
        grant,
        prepares,
        description,
    }
}

pub fn read_work_package(id: S<String>, file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> WorkPackage {
    const KEYS: &[&str] = &[
        "title",
        "management",
        "grant",
        "lead",
        "description",
        "activities",
    ];
    const ACT_KEYS: &[&str] = &["title", "start", "end", "partners", "venue"];
    let mut r = TableReader::new(file, t, Loc::file_start(file), "");
    let title = r.req("title", diags);
    let management = r.opt("management", diags);
    let grant = money(r.req("grant", diags));
    let lead = r.req("lead", diags);
    let description = r.opt("description", diags);
    let activities = r
        .tables("activities", diags)
        .into_iter()
        .enumerate()
        .map(|(i, (loc, at))| {
            let context = format!("activity {}: ", i + 1);
            let mut ar = TableReader::new(file, at, loc.clone(), context.clone());
            let a = WpActivity {
                loc,
                title: ar.req("title", diags),
                start: ar.req("start", diags),
                end: ar.req("end", diags),
                partners: ar.list("partners", diags),
                venue: ar
                    .table("venue", diags)
                    .map(|(l, vt)| read_place(file, l, vt, &format!("{context}venue: "), diags)),
            };
            ar.finish(ACT_KEYS, diags);
            a
        })
        .collect();
    r.finish(KEYS, diags);
    WorkPackage {
        id,
        file,
        title,
        management,
        grant,
        lead,
        description,
        activities,
    }
}

pub fn read_budget(file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> BudgetFile {
    const KEYS: &[&str] = &["lump_sum", "inclusion_costs", "exceptional_costs"];
    const INCL: &[&str] = &["activity", "amount", "reason"];
    const EXC: &[&str] = &["activity", "kind", "amount", "reason"];
    let mut r = TableReader::new(file, t, Loc::file_start(file), "");
    let lump_sum = money(r.opt("lump_sum", diags));
    let items =
        |key: &str, keys: &[&str], with_kind: bool, r: &mut TableReader<'_, '_>, diags: &mut Diags| {
            r.tables(key, diags)
                .into_iter()
                .enumerate()
                .map(|(i, (loc, it))| {
                    let mut ir = TableReader::new(file, it, loc.clone(), format!("{key} {}: ", i + 1));
                    let item = CostItem {
                        loc,
                        activity: ir.req("activity", diags),
                        kind: if with_kind { ir.req("kind", diags) } else { None },
                        amount: money(ir.req("amount", diags)),
                        reason: ir.opt("reason", diags),
                    };
                    ir.finish(keys, diags);
                    item
                })
                .collect::<Vec<_>>()
        };
    let inclusion_costs = items("inclusion_costs", INCL, false, &mut r, diags);
    let exceptional_costs = items("exceptional_costs", EXC, true, &mut r, diags);
    r.finish(KEYS, diags);
    BudgetFile {
        file: Some(file),
        lump_sum,
        inclusion_costs,
        exceptional_costs,
    }
}

pub fn read_impact(file: FileId, t: &DeTable<'_>, diags: &mut Diags) -> Vec<Target> {
    const KEYS: &[&str] = &["targets"];
    const T_KEYS: &[&str] = &[
        "id",
        "indicator",
        "unit",
        "baseline",
        "target",
        "by",
        "verification",
        "actual",
    ];
    let mut r = TableReader::new(file, t, Loc::file_start(file), "");
    let targets = r
        .tables("targets", diags)
        .into_iter()
        .enumerate()
        .map(|(i, (loc, tt))| {
            let mut tr = TableReader::new(file, tt, loc.clone(), format!("target {}: ", i + 1));
            let t = Target {
                loc,
                id: tr.req("id", diags),
                indicator: tr.req("indicator", diags),
                unit: tr.opt("unit", diags),
                baseline: tr.opt("baseline", diags),
                target: tr.req("target", diags),
                by: tr.opt("by", diags),
                verification: tr.opt("verification", diags),
                actual: tr.opt("actual", diags),
            };
            tr.finish(T_KEYS, diags);
            t
        })
        .collect();
    r.finish(KEYS, diags);
    targets
}
