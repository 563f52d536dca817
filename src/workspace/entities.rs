//! Readers for each kind of workspace file, from a parsed TOML table to the
//! typed model. Each reader reads every field it knows and reports every
//! problem. Which keys exist, and which are required, comes from
//! [`spec`](super::spec): a reader reads a field only through the spec, and
//! every key the spec does not declare is reported as unknown.

use super::tree::{Table, Value};

use super::model::*;
use super::reader::{Context, Euros, FromToml, Header, Label, Node, Path, Step, TableReader};
use super::results::{Actual, FollowUp, Income, Report};
use super::source::{FileId, Loc};
use super::spec::{self, Field, Kind, Values};
use crate::diagnostics::{Diagnostic, codes, suggest};

type Diags = Vec<Diagnostic>;

/// A table read along its spec.
struct Read<'t, 'i> {
    r: TableReader<'t, 'i>,
    fields: &'static [Field],
    file: FileId,
    /// What the table is, in findings about keys after its sub-tables'
    /// headers: "budget.toml", "the activity", "flow 1".
    what: Label,
    is_file: bool,
    /// The table's dotted path in the file (`flows`), for the headers of
    /// its sub-tables (`[flows.origin]`); empty at the top of a file.
    path: Path,
    /// Where the search of the spec for the next field starts: just after
    /// the last one found, as readers ask for fields in the spec's order.
    next: usize,
    /// The table's sub-tables and arrays of tables that it holds, each with
    /// the fields of its spec; listed when first needed (see
    /// [`Read::misplaced`]).
    subs: Option<Vec<(&'static [Field], &'t Node<'i>)>>,
    /// Where the table holds each field of the spec, by the field's place
    /// in the spec ([`ABSENT`] for a field it lacks): found in one pass over
    /// the table's keys, so that an absent field costs no search. `None`
    /// for a spec or a table too large for it.
    places: Option<[u8; PLACES]>,
}

/// The most fields of a spec that [`Read::places`] holds.
const PLACES: usize = 24;
/// A field the table does not hold.
const ABSENT: u8 = u8::MAX;

/// Where `t` holds each field of `fields`.
fn places(fields: &[Field], t: &Table<'_>) -> Option<[u8; PLACES]> {
    if fields.len() > PLACES || t.len() >= usize::from(ABSENT) {
        return None;
    }
    let mut places = [ABSENT; PLACES];
    let mut next = 0;
    for (at, (key, _)) in t.iter().enumerate() {
        if let Some((field, _)) = spec::field_from(fields, key.get_ref(), next) {
            *places.get_mut(field)? = u8::try_from(at).ok()?;
            next = field + 1;
        }
    }
    Some(places)
}

impl<'t, 'i> Read<'t, 'i> {
    fn new(file: FileId, t: &'t Table<'i>, loc: Loc, context: Context, fields: &'static [Field]) -> Self {
        Read {
            r: TableReader::new(file, t, loc, context),
            fields,
            file,
            what: None,
            is_file: false,
            path: Path::default(),
            next: 0,
            subs: None,
            places: places(fields, t),
        }
    }

    /// The spec's field `name`, searched from just after the last one found.
    fn field(&mut self, name: &str) -> Option<&'static Field> {
        self.field_at(name).map(|(_, field)| field)
    }

    /// [`Read::field`] and its place in the spec.
    fn field_at(&mut self, name: &str) -> Option<(usize, &'static Field)> {
        let (at, field) = spec::field_from(self.fields, name, self.next)?;
        self.next = at + 1;
        Some((at, field))
    }

    /// Names the table, for the findings of keys that TOML put into one of
    /// its sub-tables because they come after its header.
    fn named(mut self, what: Step, is_file: bool) -> Self {
        self.what = Some(what);
        self.is_file = is_file;
        self
    }

    /// The header of this table's sub-table or array entry `name` at `loc`.
    fn header(&self, name: &'static str, loc: &Loc) -> Header {
        let array = matches!(
            spec::field(self.fields, name).map(|f| f.kind),
            Some(Kind::Tables(_))
        );
        Header {
            path: self.path.then(name),
            array,
            span: loc.span.clone(),
            owner: self.what,
            owner_is_file: self.is_file,
            owner_fields: self.fields,
        }
    }

    /// A sub-table's reader, which knows the header it was written under.
    fn sub<'u>(
        &self,
        name: &'static str,
        (loc, t): (Loc, &'u Table<'i>),
        context: Context,
        fields: &'static [Field],
    ) -> Read<'u, 'i> {
        let header = self.header(name, &loc);
        let mut sub = Read::new(self.file, t, loc, context, fields);
        sub.r = sub.r.with_header(header);
        sub.path = self.path.then(name);
        sub
    }

    /// A key of this table that TOML put into one of its sub-tables,
    /// because it was written after the sub-table's header. It is read from
    /// there (the sub-table's reader reports where it is), so that the
    /// table does not also lack it.
    fn misplaced(&mut self, name: &str) -> Option<(&'t Table<'i>, Loc)> {
        // Every absent field of every table asks, and most tables hold no
        // sub-table: those are listed once.
        let (fields, r) = (self.fields, &self.r);
        let subs = self.subs.get_or_insert_with(|| {
            let sub_of = |f: &Field| match f.kind {
                Kind::Tables(sub) | Kind::Table(sub) | Kind::Place(sub) => Some(sub),
                _ => None,
            };
            (fields.iter())
                .filter_map(|f| Some((sub_of(f)?, r.peek(f.name)?)))
                .collect()
        });
        for &(sub, node) in subs.iter() {
            let tables = match node.get_ref() {
                Value::Array(items) => items.as_slice(),
                Value::Table(_) => std::slice::from_ref(node),
                _ => continue,
            };
            for entry in tables {
                let Value::Table(et) = entry.get_ref() else {
                    continue;
                };
                // After the header (a key of an inline table is inside
                // its braces), and not a key of the sub-table itself.
                if let Some((k, _)) = et.get_key_value(name)
                    && k.span().start >= entry.span().end
                    && spec::field(sub, name).is_none()
                {
                    return Some((et, Loc::new(self.file, entry.span())));
                }
            }
        }
        None
    }

    /// A value field: required or optional as the spec says; a name the
    /// spec does not declare is not read.
    fn value<T: FromToml>(&mut self, name: &str, diags: &mut Diags) -> Option<S<T>> {
        let (at, field) = self.field_at(name)?;
        let present = match &self.places {
            Some(places) => {
                let place = places.get(at).copied().filter(|&p| p != ABSENT);
                self.r.present_at(name, place.map(usize::from), diags)
            }
            None => self.r.present(name, diags),
        };
        if let Some(value) = present {
            return value;
        }
        if let Some((t, loc)) = self.misplaced(name) {
            return TableReader::new(self.file, t, loc, Context::default()).opt(name, diags);
        }
        if field.required {
            self.r.req(name, diags)
        } else {
            None
        }
    }

    /// A text field whose spec lists its values: anything else is reported.
    fn choice(&mut self, name: &str, what: &str, diags: &mut Diags) -> Option<S<String>> {
        let v = self.value::<String>(name, diags)?;
        let allowed = match self.field(name).map(|f| f.values) {
            Some(Values::OneOf(values)) => values,
            _ => return Some(v),
        };
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

    fn money(&mut self, name: &str, diags: &mut Diags) -> Option<S<Money>> {
        self.value::<Euros>(name, diags).map(|s| S::new(s.value.0, s.loc))
    }

    fn list<T: FromToml>(&mut self, name: &str, diags: &mut Diags) -> Vec<S<T>> {
        match self.field(name) {
            Some(_) => self.r.list(name, diags),
            None => Vec::new(),
        }
    }

    /// True when the spec requires `name` and the table lacks it.
    fn missing(&mut self, name: &str) -> bool {
        self.field(name).is_some_and(|f| f.required) && !self.r.has(name)
    }

    /// A sub-table with the fields the spec gives it.
    fn table(&mut self, name: &str, diags: &mut Diags) -> Option<(Loc, &'t Table<'i>, &'static [Field])> {
        let sub = match self.field(name).map(|f| f.kind) {
            Some(Kind::Place(sub) | Kind::Table(sub)) => sub,
            _ => return None,
        };
        self.r.table(name, diags).map(|(loc, t)| (loc, t, sub))
    }

    /// An array of tables with the fields the spec gives each.
    fn tables(&mut self, name: &str, diags: &mut Diags) -> (Vec<(Loc, &'t Table<'i>)>, &'static [Field]) {
        match self.field(name).map(|f| f.kind) {
            Some(Kind::Tables(sub)) => (self.r.tables(name, diags), sub),
            _ => (Vec::new(), &[]),
        }
    }

    /// Reports every key the spec does not declare.
    fn finish(self, diags: &mut Diags) {
        if self.r.all_read() {
            return;
        }
        self.r.finish(&spec::names(self.fields), diags);
    }
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

/// The place `name` (`venue`, `origin`) of the table `parent` reads.
fn read_place(
    parent: &Read<'_, '_>,
    name: &'static str,
    (loc, t, fields): (Loc, &Table<'_>, &'static [Field]),
    context: Context,
    diags: &mut Diags,
) -> Place {
    let mut r = parent.sub(name, (loc.clone(), t), context, fields);
    let city = r.value("city", diags);
    let c = r.value("country", diags);
    let country = country(c, diags);
    let coordinates = r.value("coordinates", diags);
    r.finish(diags);
    Place {
        loc,
        city,
        country,
        coordinates,
    }
}

pub fn read_project(file: FileId, t: &Table<'_>, diags: &mut Diags) -> Project {
    let mut top = Read::new(
        file,
        t,
        Loc::file_start(file),
        Context::default(),
        spec::PROJECT_FILE,
    );
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
    if top.missing("project") {
        diags.push(
            Diagnostic::error(codes::MISSING_FIELD, "coopcom.toml has no [project] table")
                .at(&Loc::file_start(file))
                .with_help(
                    "start the file with [project] followed by title, action, call, round, start and end",
                ),
        );
    }
    if let Some((loc, pt, fields)) = top.table("project", diags) {
        let mut r = Read::new(file, pt, loc, Context::default(), fields);
        p.title = r.value("title", diags);
        p.acronym = r.value("acronym", diags);
        p.action = r
            .value::<String>("action", diags)
            .map(|a| S::new(a.value.trim().to_uppercase(), a.loc));
        p.call = r.value("call", diags);
        p.round = r.value("round", diags);
        p.national_agency = r
            .value::<String>("national_agency", diags)
            .map(|a| S::new(a.value.trim().to_uppercase(), a.loc));
        p.language = r.value::<String>("language", diags);
        if let Some(l) = &p.language
            && (l.value.len() != 2 || !l.value.bytes().all(|b| b.is_ascii_lowercase()))
        {
            diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    format!("\"{}\" is not an ISO 639-1 language code", l.value),
                )
                .at(&l.loc)
                .with_help("write the two-letter code in lower case, e.g. \"en\", \"fr\", \"es\""),
            );
        }
        p.start = r.value("start", diags);
        p.end = r.value("end", diags);
        p.duration_months = r.value("duration_months", diags);
        p.reference = r.value("reference", diags);
        p.topics = r.list("topics", diags);
        r.finish(diags);
    }
    top.finish(diags);
    p
}

pub fn read_partner(id: S<String>, file: FileId, t: &Table<'_>, diags: &mut Diags) -> Partner {
    let mut r = Read::new(file, t, Loc::file_start(file), Context::default(), spec::PARTNER);
    let name = r.value("name", diags);
    let legal_name = r.value("legal_name", diags);
    let role = r
        .value::<String>("role", diags)
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
    let c = r.value("country", diags);
    let country = country(c, diags);
    let city = r.value("city", diags);
    let oid = r
        .value::<String>("oid", diags)
        .map(|o| S::new(o.value.trim().to_string(), o.loc));
    let kind = r.choice("type", "organisation type", diags);
    let newcomer = r.value("newcomer", diags);
    let coordinates = r.value("coordinates", diags);
    let experience = r.value("experience", diags);
    let established = r.value("established", diags);
    let order = r.value("order", diags);
    r.finish(diags);
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
        order,
    }
}

fn read_flow(
    activity: &Read<'_, '_>,
    loc: Loc,
    t: &Table<'_>,
    fields: &'static [Field],
    n: usize,
    diags: &mut Diags,
) -> Flow {
    let context = Context::default().then("flow", Some(n));
    let mut r = activity
        .sub("flows", (loc.clone(), t), context, fields)
        .named(Step::new("flow", Some(n)), false);
    let from = r.value("from", diags);
    let origin = r.table("origin", diags);
    let origin = origin.map(|place| read_place(&r, "origin", place, context.then("origin", None), diags));
    let participants = r.value("participants", diags);
    let fewer_opportunities = r.value("fewer_opportunities", diags);
    let women = r.value("women", diags);
    let group_leaders = r.value("group_leaders", diags);
    let facilitators = r.value("facilitators", diags);
    let accompanying = r.value("accompanying", diags);
    let ages = r.value("ages", diags);
    let leader_ages = r.value("leader_ages", diags);
    let facilitator_ages = r.value("facilitator_ages", diags);
    let accompanying_ages = r.value("accompanying_ages", diags);
    let green_travel = r.value("green_travel", diags);
    let travel_days = r.value("travel_days", diags);
    let distance_km = r
        .value::<rust_decimal::Decimal>("distance_km", diags)
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
    let expenses = r.value("expenses", diags);
    r.finish(diags);
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
        leader_ages,
        facilitator_ages,
        accompanying_ages,
        green_travel,
        travel_days,
        distance_km,
        expenses,
    }
}

pub fn read_activity(id: S<String>, file: FileId, t: &Table<'_>, diags: &mut Diags) -> Activity {
    read_activity_along(id, file, t, spec::ACTIVITY, diags).0
}

/// `results/activities/<id>.toml`: the plan's keys, and `cancelled`.
pub fn read_result_activity(
    id: S<String>,
    file: FileId,
    t: &Table<'_>,
    diags: &mut Diags,
) -> (Activity, Option<S<bool>>) {
    read_activity_along(id, file, t, spec::RESULT_ACTIVITY, diags)
}

fn read_activity_along(
    id: S<String>,
    file: FileId,
    t: &Table<'_>,
    fields: &'static [Field],
    diags: &mut Diags,
) -> (Activity, Option<S<bool>>) {
    let mut r = Read::new(file, t, Loc::file_start(file), Context::default(), fields)
        .named(Step::new("the activity", None), true);
    let kind = r.value("type", diags);
    let title = r.value("title", diags);
    if r.missing("venue") {
        diags.push(
            Diagnostic::error(codes::MISSING_FIELD, "missing required field `venue`")
                .at(&Loc::file_start(file))
                .with_help("add `venue = { city = \"...\", country = \"..\" }`"),
        );
    }
    let venue = r.table("venue", diags);
    let venue =
        venue.map(|place| read_place(&r, "venue", place, Context::default().then("venue", None), diags));
    let start = r.value("start", diags);
    let end = r.value("end", diags);
    let host = r.value("host", diags);
    let (flow_tables, flow_fields) = r.tables("flows", diags);
    let flows = flow_tables
        .into_iter()
        .enumerate()
        .map(|(i, (l, ft))| read_flow(&r, l, ft, flow_fields, i + 1, diags))
        .collect();
    let grant = r.money("grant", diags);
    let prepares = r.value("prepares", diags);
    let description = r.value("description", diags);
    let eu_institution = r.value("eu_institution", diags);
    let venue_reason = r.value("venue_reason", diags);
    let cancelled = r.value("cancelled", diags);
    r.finish(diags);
    let activity = Activity {
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
        eu_institution,
        venue_reason,
    };
    (activity, cancelled)
}

pub fn read_work_package(id: S<String>, file: FileId, t: &Table<'_>, diags: &mut Diags) -> WorkPackage {
    let mut r = Read::new(
        file,
        t,
        Loc::file_start(file),
        Context::default(),
        spec::WORK_PACKAGE,
    )
    .named(Step::new("the work package", None), true);
    let title = r.value("title", diags);
    let management = r.value("management", diags);
    let grant = r.money("grant", diags);
    let lead = r.value("lead", diags);
    let description = r.value("description", diags);
    let (tables, fields) = r.tables("activities", diags);
    let activities = tables
        .into_iter()
        .enumerate()
        .map(|(i, (loc, at))| {
            let context = Context::default().then("activity", Some(i + 1));
            let mut ar = r
                .sub("activities", (loc.clone(), at), context, fields)
                .named(Step::new("activity", Some(i + 1)), false);
            let title = ar.value("title", diags);
            let start = ar.value("start", diags);
            let end = ar.value("end", diags);
            let partners = ar.list("partners", diags);
            let venue = ar.table("venue", diags);
            let venue =
                venue.map(|place| read_place(&ar, "venue", place, context.then("venue", None), diags));
            let a = WpActivity {
                loc,
                title,
                start,
                end,
                partners,
                venue,
            };
            ar.finish(diags);
            a
        })
        .collect();
    r.finish(diags);
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

pub fn read_budget(file: FileId, t: &Table<'_>, diags: &mut Diags) -> BudgetFile {
    let mut r = Read::new(file, t, Loc::file_start(file), Context::default(), spec::BUDGET)
        .named(Step::new("budget.toml", None), true);
    let lump_sum = r.money("lump_sum", diags);
    let items = |key: &'static str, r: &mut Read<'_, '_>, diags: &mut Diags| {
        let (tables, fields) = r.tables(key, diags);
        tables
            .into_iter()
            .enumerate()
            .map(|(i, (loc, it))| {
                let mut ir = r.sub(
                    key,
                    (loc.clone(), it),
                    Context::default().then(key, Some(i + 1)),
                    fields,
                );
                let item = CostItem {
                    loc,
                    activity: ir.value("activity", diags),
                    kind: ir.value("kind", diags),
                    amount: ir.money("amount", diags),
                    reason: ir.value("reason", diags),
                    from: ir.value("from", diags),
                    persons: ir.value("persons", diags),
                };
                ir.finish(diags);
                item
            })
            .collect::<Vec<_>>()
    };
    let inclusion_costs = items("inclusion_costs", &mut r, diags);
    let exceptional_costs = items("exceptional_costs", &mut r, diags);
    let coaching_days = r.value("coaching_days", diags);
    let coaching_country = country(r.value("coaching_country", diags), diags);
    r.finish(diags);
    BudgetFile {
        file: Some(file),
        lump_sum,
        inclusion_costs,
        exceptional_costs,
        coaching_days,
        coaching_country,
    }
}

pub fn read_impact(file: FileId, t: &Table<'_>, diags: &mut Diags) -> Vec<Target> {
    let mut r = Read::new(file, t, Loc::file_start(file), Context::default(), spec::IMPACT)
        .named(Step::new("impact.toml", None), true);
    let (tables, fields) = r.tables("targets", diags);
    let targets = tables
        .into_iter()
        .enumerate()
        .map(|(i, (loc, tt))| {
            let mut tr = r.sub(
                "targets",
                (loc.clone(), tt),
                Context::default().then("target", Some(i + 1)),
                fields,
            );
            let t = Target {
                loc,
                id: tr.value("id", diags),
                indicator: tr.value("indicator", diags),
                unit: tr.value("unit", diags),
                baseline: tr.value("baseline", diags),
                target: tr.value("target", diags),
                by: tr.value("by", diags),
                verification: tr.value("verification", diags),
                actual: tr.value("actual", diags),
            };
            tr.finish(diags);
            t
        })
        .collect();
    r.finish(diags);
    targets
}

/// `results/report.toml`: the grant agreement, the actual values of the
/// targets, other income and follow-up projects.
/// `results/work-packages/<id>.toml`: whether the work package was cancelled, and a note.
pub fn read_result_work_package(
    id: S<String>,
    file: FileId,
    t: &Table<'_>,
    diags: &mut Diags,
) -> super::results::ResultWorkPackage {
    let mut r = Read::new(
        file,
        t,
        Loc::file_start(file),
        Context::default(),
        spec::RESULT_WORK_PACKAGE,
    )
    .named(Step::new("the work package", None), true);
    let cancelled = r.value("cancelled", diags);
    let note = r.value("note", diags);
    r.finish(diags);
    super::results::ResultWorkPackage {
        id,
        file,
        cancelled,
        note,
    }
}

pub fn read_report(file: FileId, t: &Table<'_>, diags: &mut Diags) -> Report {
    let mut r = Read::new(file, t, Loc::file_start(file), Context::default(), spec::REPORT)
        .named(Step::new("report.toml", None), true);
    let (mut awarded, mut reference) = (None, None);
    if let Some((loc, gt, fields)) = r.table("grant", diags) {
        let mut gr = r.sub("grant", (loc, gt), Context::default().then("grant", None), fields);
        awarded = gr.money("awarded", diags);
        reference = gr.value("reference", diags);
        gr.finish(diags);
    }
    let (tables, fields) = r.tables("actuals", diags);
    let actuals = tables
        .into_iter()
        .enumerate()
        .map(|(i, (loc, at))| {
            let mut ar = r.sub(
                "actuals",
                (loc.clone(), at),
                Context::default().then("actual", Some(i + 1)),
                fields,
            );
            let a = Actual {
                loc,
                target: ar.value("target", diags),
                value: ar.value("value", diags),
                date: ar.value("date", diags),
                source: ar.value("source", diags),
            };
            ar.finish(diags);
            a
        })
        .collect();
    let (tables, fields) = r.tables("income", diags);
    let income = tables
        .into_iter()
        .enumerate()
        .map(|(i, (loc, it))| {
            let mut ir = r.sub(
                "income",
                (loc.clone(), it),
                Context::default().then("income", Some(i + 1)),
                fields,
            );
            let a = Income {
                loc,
                kind: ir.choice("kind", "kind of income", diags),
                amount: ir.money("amount", diags),
                from: ir.value("from", diags),
                date: ir.value("date", diags),
                note: ir.value("note", diags),
            };
            ir.finish(diags);
            a
        })
        .collect();
    let (tables, fields) = r.tables("follow_ups", diags);
    let follow_ups = tables
        .into_iter()
        .enumerate()
        .map(|(i, (loc, ft))| {
            let mut fr = r.sub(
                "follow_ups",
                (loc.clone(), ft),
                Context::default().then("follow-up", Some(i + 1)),
                fields,
            );
            let a = FollowUp {
                loc,
                reference: fr.value("reference", diags),
                title: fr.value("title", diags),
                status: fr.choice("status", "follow-up status", diags),
            };
            fr.finish(diags);
            a
        })
        .collect();
    r.finish(diags);
    Report {
        file,
        awarded,
        reference,
        actuals,
        income,
        follow_ups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn read(kind: &str, text: &str) -> Diags {
        let table = toml::de::DeTable::parse(text).unwrap_or_else(|e| panic!("{kind}: {e}\n{text}"));
        let table = Table::from_de(table.into_inner());
        let t = &table;
        let file = FileId(0);
        let id = || S::new("x".to_string(), Loc::file_start(file));
        let mut diags = Vec::new();
        match kind {
            "project" => drop(read_project(file, t, &mut diags)),
            "partner" => drop(read_partner(id(), file, t, &mut diags)),
            "activity" => drop(read_activity(id(), file, t, &mut diags)),
            "work-package" => drop(read_work_package(id(), file, t, &mut diags)),
            "budget" | "results-budget" => drop(read_budget(file, t, &mut diags)),
            "impact" => drop(read_impact(file, t, &mut diags)),
            "results-activity" => drop(read_result_activity(id(), file, t, &mut diags)),
            "results-work-package" => drop(read_result_work_package(id(), file, t, &mut diags)),
            "report" => drop(read_report(file, t, &mut diags)),
            other => panic!("no reader for {other}"),
        }
        diags
    }

    fn codes_of(diags: &Diags) -> Vec<(Code, String)> {
        diags.iter().map(|d| (d.code, d.message.clone())).collect()
    }

    /// Every field of the spec is read by the loader, with the type the
    /// spec gives it: a file using every field loads without an unknown key
    /// (CC102), a wrong type (CC103) or a missing field (CC104).
    #[test]
    fn every_spec_field_is_read_with_its_type() {
        for kind in spec::FILE_KINDS {
            for every in [true, false] {
                let text = spec::generated::document(kind.fields, every);
                let diags = read(kind.key, &text);
                let bad: Vec<_> = codes_of(&diags)
                    .into_iter()
                    .filter(|(c, _)| {
                        [codes::UNKNOWN_KEY, codes::WRONG_TYPE, codes::MISSING_FIELD].contains(c)
                    })
                    .collect();
                assert!(bad.is_empty(), "{}:\n{text}\n{bad:?}", kind.key);
            }
        }
    }

    /// The results files are read along their specs too: every field,
    /// with its type, and nothing more.
    #[test]
    fn results_files_are_read_along_their_specs() {
        for (key, fields) in [
            ("results-activity", spec::RESULT_ACTIVITY),
            ("results-work-package", spec::RESULT_WORK_PACKAGE),
            ("report", spec::REPORT),
        ] {
            let text = spec::generated::document(fields, true);
            let bad: Vec<_> = codes_of(&read(key, &text))
                .into_iter()
                .filter(|(c, _)| [codes::UNKNOWN_KEY, codes::WRONG_TYPE, codes::MISSING_FIELD].contains(c))
                .collect();
            assert!(bad.is_empty(), "{key}:\n{text}\n{bad:?}");
        }
        let diags = read(
            "report",
            "[[follow_ups]]\ntitle = \"x\"\nstatus = \"selectd\"\n[grant]\nawardd = 1\n",
        );
        assert!(
            diags.iter().any(|d| d.code == codes::INVALID_VALUE
                && d.help.as_deref().is_some_and(|h| h.contains("selected"))),
            "{diags:?}"
        );
        assert!(
            diags
                .iter()
                .any(|d| d.code == codes::UNKNOWN_KEY
                    && d.help.as_deref().is_some_and(|h| h.contains("awarded"))),
            "{diags:?}"
        );
        let diags = read("activity", "cancelled = true\n");
        assert!(diags.iter().any(|d| d.code == codes::UNKNOWN_KEY), "{diags:?}");
    }

    /// Required-ness comes from the spec: an empty file misses exactly the
    /// required top-level fields.
    #[test]
    fn an_empty_file_misses_exactly_the_required_fields() {
        for kind in spec::FILE_KINDS {
            let missing = read(kind.key, "")
                .iter()
                .filter(|d| d.code == codes::MISSING_FIELD)
                .count();
            let required = kind.fields.iter().filter(|f| f.required).count();
            assert_eq!(missing, required, "{}", kind.key);
        }
    }

    /// A key the spec does not declare is unknown, with a suggestion from the spec.
    #[test]
    fn undeclared_keys_are_unknown() {
        let diags = read(
            "partner",
            "name = \"A\"\nrole = \"partner\"\ncountry = \"FR\"\ncity = \"Nice\"\ntype = \"ngo\"\nnewcommer = true\n",
        );
        let d = diags.iter().find(|d| d.code == codes::UNKNOWN_KEY);
        assert!(
            d.is_some_and(|d| d.help.as_deref().is_some_and(|h| h.contains("`newcomer`"))),
            "{diags:?}"
        );
        let diags = read(
            "budget",
            "[[inclusion_costs]]\nactivity = \"a\"\namount = 1\nkind = \"visa\"\n",
        );
        assert_eq!(
            diags.iter().filter(|d| d.code == codes::UNKNOWN_KEY).count(),
            1,
            "{diags:?}"
        );
    }
}
