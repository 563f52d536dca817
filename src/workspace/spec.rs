//! The fields of every workspace file kind, declared once. The loader
//! (`entities.rs`) takes its known keys and which of them are required from
//! here, `coopcom schema` builds the JSON Schemas an editor uses from here,
//! and `coopcom init` writes the same one-line docs as comments.

use super::model::ORGANISATION_TYPES;

/// What a field holds, as the loader reads it.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Text in quotes.
    Text,
    /// A whole number of zero or more (people, days, a year).
    Count,
    Bool,
    /// A TOML local date, `2026-12-18`, without quotes.
    Date,
    /// Euros: an integer, a decimal with at most two places, or a string holding one.
    Money,
    /// Any number, integer or decimal.
    Number,
    /// `[latitude, longitude]` in degrees.
    Coordinates,
    /// `[youngest, oldest]`.
    Ages,
    /// A list of whole numbers, one per person: `[19, 24]`.
    Counts,
    /// A list of texts.
    TextList,
    /// A city and country: `{ city = "...", country = ".." }`.
    Place(&'static [Field]),
    /// A sub-table.
    Table(&'static [Field]),
    /// An array of tables: `[[flows]]`.
    Tables(&'static [Field]),
}

/// The values a text field may take.
#[derive(Debug, Clone, Copy)]
pub enum Values {
    Any,
    OneOf(&'static [&'static str]),
    /// The activity types of the built-in rule packs; which of them an
    /// action allows is checked against its rule pack.
    ActivityTypes,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// One line, shown by editors and written by `coopcom init` as a comment.
    pub doc: &'static str,
    pub values: Values,
}

const fn req(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        doc,
        values: Values::Any,
    }
}

const fn opt(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        doc,
        values: Values::Any,
    }
}

impl Field {
    const fn values(self, values: Values) -> Field {
        Field { values, ..self }
    }
}

/// One kind of workspace file.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    /// The name used by `coopcom schema KIND` and in schema file names.
    pub key: &'static str,
    /// Where files of this kind live.
    pub path: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

impl FileKind {
    /// The schema file's path inside a workspace.
    pub fn schema_path(&self) -> String {
        format!("{SCHEMA_DIR}/{}.schema.json", self.key)
    }
}

/// Where `coopcom init` writes the schema files.
pub const SCHEMA_DIR: &str = ".coopcom/schema";

/// Accepted roles: the names of the format, then their aliases.
pub const ROLES: &[&str] = &[
    "applicant",
    "partner",
    "associated-partner",
    "coordinator",
    "associated",
];

use Kind::*;

const COORDINATES: Field = opt(
    "coordinates",
    Coordinates,
    "[latitude, longitude]; otherwise looked up from city and country",
);

pub const PLACE: &[Field] = &[
    req("city", Text, "the city"),
    req("country", Text, "ISO 3166-1 alpha-2 code, e.g. \"FR\""),
    COORDINATES,
];

pub const PROJECT: &[Field] = &[
    req("title", Text, "the project title as it will appear in the form"),
    opt("acronym", Text, "a short name for the project"),
    req(
        "action",
        Text,
        "the action type, e.g. KA153-YOU; selects the rule pack",
    ),
    req("call", Count, "call year; selects the rule pack edition"),
    req(
        "round",
        Count,
        "1 = first deadline of the call year, 2 = autumn round",
    ),
    opt(
        "national_agency",
        Text,
        "the agency code of the applicant's country, e.g. FR02 (check it on the agency's site)",
    ),
    opt(
        "language",
        Text,
        "the language the form is written in (ISO 639-1)",
    ),
    req(
        "start",
        Date,
        "project start; must fall in the round's start window",
    ),
    opt("end", Date, "project end, or give duration_months instead"),
    opt(
        "duration_months",
        Count,
        "project duration in months, instead of end",
    ),
    opt(
        "reference",
        Text,
        "the application's reference, e.g. 2026-1-FR02-KA153-YOU-000123456",
    ),
    opt("topics", TextList, "topics chosen in the form"),
];

pub const PROJECT_FILE: &[Field] = &[req(
    "project",
    Table(PROJECT),
    "the project: title, action, call, round and dates",
)];

pub const PARTNER: &[Field] = &[
    req("name", Text, "the organisation's usual name"),
    opt(
        "legal_name",
        Text,
        "the legal name, where it differs from the usual name",
    ),
    req(
        "role",
        Text,
        "exactly one \"applicant\"; the others \"partner\" (KA220 also \"associated-partner\")",
    )
    .values(Values::OneOf(ROLES)),
    req("country", Text, "ISO 3166-1 alpha-2 code, e.g. \"FR\""),
    req("city", Text, "the city, used to compute travel distances"),
    opt(
        "oid",
        Text,
        "Organisation ID (E and 8 digits) from the Organisation Registration System, needed to submit",
    ),
    req("type", Text, "the kind of organisation").values(Values::OneOf(ORGANISATION_TYPES)),
    opt("newcomer", Bool, "true for an organisation new to the action"),
    COORDINATES,
    opt(
        "experience",
        Text,
        "the organisation's experience, as a form text",
    ),
    opt("established", Date, "date of legal establishment"),
    opt(
        "order",
        Count,
        "place in every list of organisations, after the applicant (default: by name)",
    ),
];

pub const FLOW: &[Field] = &[
    req("from", Text, "the sending partner's id"),
    opt(
        "origin",
        Place(PLACE),
        "where the group leaves from, if not the sending partner's city",
    ),
    req("participants", Count, "participants in this group"),
    opt(
        "fewer_opportunities",
        Count,
        "of the participants, those with fewer opportunities",
    ),
    opt("women", Count, "of the participants, the women"),
    opt(
        "group_leaders",
        Count,
        "adults of at least 18 accompanying the group",
    ),
    opt("facilitators", Count, "facilitators or trainers"),
    opt("accompanying", Count, "accompanying persons"),
    opt("ages", Ages, "[youngest, oldest] participant at the start date"),
    opt(
        "leader_ages",
        Counts,
        "the age of each group leader at the start date, one per leader",
    ),
    opt(
        "facilitator_ages",
        Counts,
        "the age of each facilitator or trainer at the start date, one per person",
    ),
    opt(
        "accompanying_ages",
        Counts,
        "the age of each accompanying person at the start date, one per person",
    ),
    opt("green_travel", Bool, "low-emission travel for most of the trip"),
    opt("travel_days", Count, "funded travel days"),
    opt(
        "distance_km",
        Number,
        "the official distance calculator's figure, used instead of the computed distance",
    ),
    opt(
        "expenses",
        Text,
        "the form's \"Description and justification of expenses\" for this flow",
    ),
];

pub const ACTIVITY: &[Field] = &[
    req(
        "type",
        Text,
        "the activity type; `coopcom rules` lists those of the action",
    )
    .values(Values::ActivityTypes),
    req("title", Text, "a short title for the activity"),
    req("venue", Place(PLACE), "where the activity takes place"),
    req("start", Date, "first activity day, travel excluded"),
    req("end", Date, "last activity day, travel excluded"),
    opt("host", Text, "the id of the partner hosting the activity"),
    opt(
        "flows",
        Tables(FLOW),
        "a group travelling from one place to the venue",
    ),
    opt("grant", Money, "KA210: this activity's share of the lump sum"),
    opt(
        "prepares",
        Text,
        "preparatory visits: the id of the activity prepared (default: the next main one)",
    ),
    opt("description", Text, "what happens during the activity"),
    opt(
        "eu_institution",
        Text,
        "the EU institution at whose seat the activity takes place, when it is organised at or with it",
    ),
    opt(
        "venue_reason",
        Text,
        "why the activity takes place at that venue (the justification the form asks for)",
    ),
];

pub const WP_ACTIVITY: &[Field] = &[
    req("title", Text, "a short title"),
    req("start", Date, "first day"),
    req("end", Date, "last day"),
    opt("partners", TextList, "the ids of the partners taking part"),
    opt("venue", Place(PLACE), "where it takes place"),
];

pub const WORK_PACKAGE: &[Field] = &[
    req("title", Text, "the work package's title"),
    opt(
        "management",
        Bool,
        "exactly one work package is project management",
    ),
    req("grant", Money, "this work package's share of the lump sum"),
    req("lead", Text, "the id of the partner leading the work package"),
    opt("description", Text, "what the work package does"),
    opt(
        "activities",
        Tables(WP_ACTIVITY),
        "an activity of this work package",
    ),
];

pub const INCLUSION_COST: &[Field] = &[
    req("activity", Text, "the id of the activity concerned"),
    req("amount", Money, "euros"),
    opt("reason", Text, "why the cost is needed"),
];

pub const EXCEPTIONAL_COST: &[Field] = &[
    req("activity", Text, "the id of the activity concerned"),
    req(
        "kind",
        Text,
        "the kind of cost: visa, expensive-travel, financial-guarantee, ...",
    ),
    req("amount", Money, "euros"),
    opt("reason", Text, "why the cost is needed"),
    opt(
        "from",
        Text,
        "expensive travel: the sending partner whose flow of the activity it concerns",
    ),
    opt(
        "persons",
        Count,
        "expensive travel: how many of that flow's people it covers (default: all)",
    ),
];

pub const BUDGET: &[Field] = &[
    opt(
        "lump_sum",
        Money,
        "KA210 and KA220: one of the amounts the action allows",
    ),
    opt(
        "inclusion_costs",
        Tables(INCLUSION_COST),
        "real costs for participants with fewer opportunities",
    ),
    opt(
        "exceptional_costs",
        Tables(EXCEPTIONAL_COST),
        "visas, expensive travel and other exceptional costs",
    ),
    opt(
        "coaching_days",
        Count,
        "KA154: working days of a coach supporting the young people (at most 12)",
    ),
    opt(
        "coaching_country",
        Text,
        "KA154: the country where the coaching takes place, whose B3 rate applies (default: the applicant's)",
    ),
];

pub const TARGET: &[Field] = &[
    req("id", Text, "a short id"),
    req("indicator", Text, "what is measured"),
    opt("unit", Text, "the unit"),
    opt("baseline", Number, "the value before the project"),
    req("target", Number, "the value aimed for"),
    opt("by", Date, "when"),
    opt("verification", Text, "how it will be verified"),
    opt("actual", Number, "the value reached, filled in after the project"),
];

pub const IMPACT: &[Field] = &[opt("targets", Tables(TARGET), "a measurable result")];

/// `cancelled = true`: the one key a results activity has beside those of
/// the plan.
const CANCELLED: Field = opt(
    "cancelled",
    Bool,
    "the activity did not take place; its share of the grant is not paid",
);

/// `results/activities/<id>.toml`: the keys of the plan, plus `cancelled`.
pub const RESULT_ACTIVITY: &[Field] = &RESULT_ACTIVITY_FIELDS;

// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const RESULT_ACTIVITY_FIELDS: [Field; ACTIVITY.len() + 1] = {
    let mut out = [CANCELLED; ACTIVITY.len() + 1];
    let mut rest = ACTIVITY;
    let mut i = 0;
    while let [first, tail @ ..] = rest {
        out[i] = *first;
        rest = tail;
        i += 1;
    }
    out
};

/// `results/work-packages/<id>.toml` (KA220): what became of a work package.
pub const RESULT_WORK_PACKAGE: &[Field] = &[
    opt(
        "cancelled",
        Bool,
        "the work package was not carried out; its share of the lump sum is not paid",
    ),
    opt("note", Text, "what happened, for the final report"),
];

pub const GRANT: &[Field] = &[
    opt(
        "awarded",
        Money,
        "the maximum grant of the grant agreement, euros",
    ),
    opt("reference", Text, "the project number of the grant agreement"),
];

pub const ACTUAL: &[Field] = &[
    req("target", Text, "the id of an impact.toml target"),
    req("value", Number, "the value reached"),
    opt("date", Date, "when it was measured"),
    opt("source", Text, "where the figure comes from"),
];

/// The kinds of other income beside the EU grant.
pub const INCOME_KINDS: &[&str] = &["crowdfunding", "own", "sponsor", "public", "in-kind", "other"];

pub const INCOME: &[Field] = &[
    req(
        "kind",
        Text,
        "crowdfunding, own, sponsor, public, in-kind or other",
    )
    .values(Values::OneOf(INCOME_KINDS)),
    req("amount", Money, "euros"),
    opt("from", Text, "who gave it"),
    opt("date", Date, "when it was received"),
    opt("note", Text, "what it paid for, or anything else to say"),
];

/// Where a follow-up project stands.
pub const FOLLOW_UP_STATUSES: &[&str] = &["submitted", "selected", "rejected"];

pub const FOLLOW_UP: &[Field] = &[
    opt("reference", Text, "the follow-up project's number"),
    req("title", Text, "the follow-up project's title"),
    req("status", Text, "submitted, selected or rejected").values(Values::OneOf(FOLLOW_UP_STATUSES)),
];

pub const REPORT: &[Field] = &[
    opt("grant", Table(GRANT), "the grant agreement"),
    opt("actuals", Tables(ACTUAL), "the value an impact target reached"),
    opt(
        "income",
        Tables(INCOME),
        "a resource of the project beside the EU grant",
    ),
    opt(
        "follow_ups",
        Tables(FOLLOW_UP),
        "a project that grew out of this one",
    ),
];

/// Every file kind, in the order of the workspace layout.
pub const FILE_KINDS: &[FileKind] = &[
    FileKind {
        key: "project",
        path: "coopcom.toml",
        doc: "The project manifest: its presence marks the workspace root.",
        fields: PROJECT_FILE,
    },
    FileKind {
        key: "partner",
        path: "partners/<id>.toml",
        doc: "One participating organisation.",
        fields: PARTNER,
    },
    FileKind {
        key: "activity",
        path: "activities/<id>.toml",
        doc: "One activity, with its flows of participants.",
        fields: ACTIVITY,
    },
    FileKind {
        key: "work-package",
        path: "work-packages/<id>.toml",
        doc: "One work package (KA220).",
        fields: WORK_PACKAGE,
    },
    FileKind {
        key: "budget",
        path: "budget.toml",
        doc: "Costs not derived from activities: lump sum, inclusion and exceptional costs.",
        fields: BUDGET,
    },
    FileKind {
        key: "impact",
        path: "impact.toml",
        doc: "Measurable targets and, after the project, what was reached.",
        fields: IMPACT,
    },
    FileKind {
        key: "results-activity",
        path: "results/activities/<id>.toml",
        doc: "One activity as it took place, or `cancelled = true`.",
        fields: RESULT_ACTIVITY,
    },
    FileKind {
        key: "results-work-package",
        path: "results/work-packages/<id>.toml",
        doc: "KA220: a work package as it was carried out, or `cancelled = true`.",
        fields: RESULT_WORK_PACKAGE,
    },
    FileKind {
        key: "report",
        path: "results/report.toml",
        doc: "The final report: the grant agreement, actual values, other income, follow-ups.",
        fields: REPORT,
    },
    FileKind {
        key: "results-budget",
        path: "results/budget.toml",
        doc: "Real costs as reported, replacing the planned estimates.",
        fields: BUDGET,
    },
];

/// The file kind called `key`.
pub fn file_kind(key: &str) -> Option<&'static FileKind> {
    FILE_KINDS.iter().find(|k| k.key == key)
}

/// The names of `fields`, for the unknown-key check.
pub fn names(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

pub fn field<'f>(fields: &'f [Field], name: &str) -> Option<&'f Field> {
    fields.iter().find(|f| super::tree::same_key(f.name, name))
}

/// [`field`] and its place, searched from `from` on first and then from the
/// start: a reader that asks for the fields in the spec's order finds each
/// one at once.
pub fn field_from<'f>(fields: &'f [Field], name: &str, from: usize) -> Option<(usize, &'f Field)> {
    let from = from.min(fields.len());
    let is_name = |at: &usize| {
        fields
            .get(*at)
            .is_some_and(|f| super::tree::same_key(f.name, name))
    };
    let at = (from..fields.len())
        .find(is_name)
        .or_else(|| (0..from).find(is_name))?;
    Some((at, fields.get(at)?))
}

/// The doc of a field, or nothing.
pub fn doc(fields: &[Field], name: &str) -> &'static str {
    field(fields, name).map(|f| f.doc).unwrap_or_default()
}

/// Workspace files written from the spec alone, for the tests of the loader
/// and of the schemas: with every field, or with the required ones only.
#[cfg(test)]
pub(crate) mod generated {
    use super::{Field, Kind, Values};

    fn value(f: &Field, every: bool) -> String {
        match f.kind {
            Kind::Text => match f.values {
                Values::OneOf(v) => format!("\"{}\"", v.first().copied().unwrap_or("x")),
                Values::ActivityTypes => "\"youth-exchange\"".into(),
                Values::Any if f.name == "country" => "\"FR\"".into(),
                Values::Any => "\"x\"".into(),
            },
            Kind::Count => "1".into(),
            Kind::Bool => "true".into(),
            Kind::Date => "2026-01-01".into(),
            Kind::Money => "\"100.50\"".into(),
            Kind::Number => "1.5".into(),
            Kind::Coordinates => "[45.5, 5.25]".into(),
            Kind::Ages => "[18, 25]".into(),
            Kind::Counts => "[19]".into(),
            Kind::TextList => "[\"a\", \"b\"]".into(),
            Kind::Place(sub) | Kind::Table(sub) => format!("{{ {} }}", inline(sub, every)),
            Kind::Tables(sub) => format!("[{{ {} }}]", inline(sub, every)),
        }
    }

    fn inline(fields: &[Field], every: bool) -> String {
        fields
            .iter()
            .filter(|f| every || f.required)
            .map(|f| format!("{} = {}", f.name, value(f, every)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A TOML document of `fields`, one key a line.
    pub fn document(fields: &[Field], every: bool) -> String {
        fields
            .iter()
            .filter(|f| every || f.required)
            .map(|f| format!("{} = {}\n", f.name, value(f, every)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::model::Role;

    fn all(fields: &'static [Field], out: &mut Vec<&'static Field>) {
        for f in fields {
            out.push(f);
            if let Place(sub) | Table(sub) | Tables(sub) = f.kind {
                all(sub, out);
            }
        }
    }

    #[test]
    fn docs_are_one_line_and_names_unique() {
        for kind in FILE_KINDS {
            let mut fields = Vec::new();
            all(kind.fields, &mut fields);
            for f in fields {
                assert!(!f.doc.is_empty() && !f.doc.contains('\n'), "{}", f.name);
            }
        }
        for table in [
            PLACE,
            PROJECT,
            PARTNER,
            FLOW,
            ACTIVITY,
            WP_ACTIVITY,
            WORK_PACKAGE,
            TARGET,
            RESULT_ACTIVITY,
            RESULT_WORK_PACKAGE,
            GRANT,
            ACTUAL,
            INCOME,
            FOLLOW_UP,
            REPORT,
        ] {
            let mut n = names(table);
            n.sort_unstable();
            n.dedup();
            assert_eq!(n.len(), table.len());
        }
    }

    #[test]
    fn roles_are_those_the_loader_accepts() {
        for r in ROLES {
            assert!(Role::parse(r).is_some(), "{r}");
        }
        for r in Role::NAMES {
            assert!(ROLES.contains(r), "{r}");
        }
    }
}
