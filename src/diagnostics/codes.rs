//! The registry of diagnostic codes.
//!
//! A code is stable: once published it keeps its meaning. Every code has a
//! page under `docs/codes/<CODE>.md`, shown by `coopcom explain CODE`; a test
//! keeps this registry and the pages in step.

/// A diagnostic code: a stable identifier, a short name and a one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

macro_rules! codes {
    ($($konst:ident = $id:literal, $name:literal, $summary:literal;)*) => {
        $(pub const $konst: Code = Code { id: $id, name: $name, summary: $summary };)*
        /// Every code coopcom can emit, in code order.
        pub const ALL: &[Code] = &[$($konst),*];
    };
}

codes! {
    // 1xx: files and their structure
    TOML_SYNTAX = "CC101", "toml-syntax", "a workspace file is not valid TOML";
    UNKNOWN_KEY = "CC102", "unknown-key", "a key that the workspace format does not define";
    WRONG_TYPE = "CC103", "wrong-type", "a value of the wrong type (text where a number is expected, ...)";
    MISSING_FIELD = "CC104", "missing-field", "a required field is missing";
    INVALID_VALUE = "CC105", "invalid-value", "a value outside its domain (negative count, unknown option, ...)";
    INVALID_ID = "CC106", "invalid-id", "a file name that is not a valid id";
    UNREADABLE_FILE = "CC107", "unreadable-file", "a workspace file cannot be read as UTF-8 text";
    INVALID_COUNTRY = "CC108", "invalid-country", "a country code that is not ISO 3166-1 alpha-2";
    INVALID_MONEY = "CC109", "invalid-money", "an amount that is not a valid euro amount";
    INVALID_DATE = "CC110", "invalid-date", "a date that is not a plain calendar date";
    STRAY_FILE = "CC111", "stray-file", "a file in a workspace folder that coopcom does not read";
    INCONSISTENT_COUNTS = "CC112", "inconsistent-counts", "a part larger than its whole (women or fewer opportunities above participants, ...)";
    ROSTER_COLUMNS = "CC113", "roster-columns", "a participant list without a column of the sending organisation, or with two columns for one field";
    ROSTER_VALUE = "CC114", "roster-value", "a value of a participant list that cannot be read (organisation, role, gender, age, birth date, yes/no)";
    DUPLICATE_PERSON = "CC115", "duplicate-person", "the same person twice in a participant list (same e-mail address, or same name and birth date)";
    // 2xx: references between files
    UNKNOWN_REFERENCE = "CC201", "unknown-reference", "a reference to a partner, activity or work package that does not exist";
    DUPLICATE_ENTRY = "CC202", "duplicate-entry", "the same partner or id listed twice where it should appear once";
    // 3xx: project dates and rounds
    END_BEFORE_START = "CC301", "end-before-start", "an end date before its start date";
    OUTSIDE_PROJECT = "CC302", "outside-project", "an activity or target date outside the project period";
    PROJECT_DURATION = "CC303", "project-duration", "the project duration is outside the action's range";
    START_WINDOW = "CC304", "start-window", "the project start is outside the round's start window";
    UNKNOWN_ROUND = "CC305", "unknown-round", "the round is not offered for this action and call";
    DURATION_CONFLICT = "CC306", "duration-conflict", "end date and duration_months disagree, or neither is given";
    DEADLINE_PASSED = "CC307", "deadline-passed", "the round's application deadline has passed";
    // 4xx: action, call and rule packs
    UNKNOWN_ACTION = "CC401", "unknown-action", "the action code is not one coopcom supports";
    UNSUPPORTED_CALL = "CC402", "unsupported-call", "no rule pack for this call year";
    MALFORMED_RULE_PACK = "CC403", "malformed-rule-pack", "a rule pack file cannot be read";
    FIGURE_UNKNOWN = "CC404", "figure-unknown", "a rule or figure is not known for this call year";
    UNCONFIRMED_FIGURES = "CC405", "unconfirmed-figures", "the result relies on figures not confirmed from the Programme Guide";
    PROVISIONAL_PACK = "CC406", "provisional-pack", "the call's rule pack is provisional: its figures are carried over from the previous call";
    // 5xx: organisations and countries
    APPLICANT_COUNT = "CC501", "applicant-count", "there must be exactly one applicant";
    APPLICANT_COUNTRY = "CC502", "applicant-country", "the applicant's country may not apply for this action";
    PARTNER_COUNTRY = "CC503", "partner-country", "a partner's country is not eligible for this action";
    BLOCKED_ORGANISATION = "CC504", "blocked-organisation", "an organisation excluded by restrictive measures or country conditions";
    TOO_FEW_ORGANISATIONS = "CC505", "too-few-organisations", "fewer participating organisations than the action requires";
    TOO_FEW_COUNTRIES = "CC506", "too-few-countries", "organisations from fewer countries than the action requires";
    ORGANISATION_TYPE = "CC507", "organisation-type", "an organisation type the action does not accept";
    NA_COUNTRY = "CC508", "na-country", "an activity without an organisation from the National Agency's country";
    MISSING_OID = "CC509", "missing-oid", "an organisation has no Organisation ID yet";
    INVALID_OID = "CC510", "invalid-oid", "an Organisation ID that is not E followed by 8 digits";
    INVALID_REFERENCE_NUMBER = "CC511", "invalid-reference-number", "a project reference number in the wrong format";
    NATIONAL_AGENCY = "CC512", "national-agency", "the National Agency does not match the applicant's country";
    ORGANISATION_AGE = "CC513", "organisation-age", "the applicant was established too recently";
    APPLICATIONS_PER_DEADLINE = "CC514", "applications-per-deadline", "an organisation in more applications of one deadline than the action allows (check --all)";
    APPLICATIONS_AS_APPLICANT = "CC515", "applications-as-applicant", "an organisation applying more often in one deadline than the action allows (check --all)";
    MATCHED_BY_NAME = "CC516", "matched-by-name", "an organisation without an OID matched across workspaces by name and country (check --all)";
    TWO_OIDS = "CC517", "two-oids", "one organisation (name and country) with different OIDs in different workspaces (check --all)";
    // 6xx: activities and participants
    ACTIVITY_TYPE = "CC601", "activity-type", "an activity type the action does not offer";
    ACTIVITY_DURATION = "CC602", "activity-duration", "an activity shorter or longer than the action allows";
    VENUE_COUNTRY = "CC603", "venue-country", "a venue outside the countries of the organisations in the activity";
    VENUE_EXCLUDED = "CC604", "venue-excluded", "a venue in a country where no activity may take place";
    PARTICIPANT_COUNT = "CC605", "participant-count", "too few or too many participants in an activity";
    GROUP_SIZE = "CC606", "group-size", "a national group smaller than the action requires";
    NATIONAL_GROUPS = "CC607", "national-groups", "too few national groups in an activity";
    GROUP_LEADERS = "CC608", "group-leaders", "a national group without the required group leader";
    FACILITATORS = "CC609", "facilitators", "more facilitators than the action allows";
    PARTICIPANT_AGE = "CC610", "participant-age", "participants outside the action's age range";
    RECEIVING_COUNTRY = "CC611", "receiving-country", "no participants from the receiving organisation's country";
    PREPARATORY_VISIT = "CC612", "preparatory-visit", "a preparatory visit not linked to a later main activity in a receiving country";
    REQUIRED_ACTIVITY = "CC613", "required-activity", "the project lacks an activity type the action requires";
    ACTIVITY_ORGANISATIONS = "CC614", "activity-organisations", "an activity with too few organisations or countries";
    TRAVEL_DAYS = "CC615", "travel-days", "more funded travel days than the action allows";
    LOW_EMISSION = "CC616", "low-emission", "a short trip not planned as green travel";
    EU_INSTITUTION_VENUE = "CC617", "eu-institution-venue", "a venue at the seat of an EU institution that the action does not accept as given";
    ADULT_AGE = "CC618", "adult-age", "a group leader, facilitator or accompanying person under the adult age, or ages that do not match the count";
    SAME_ACTIVITY = "CC619", "same-activity", "the same activity (dates, venue and flows) in two or more applications (check --all)";
    // 7xx: budget, distances and lump sums
    LUMP_SUM = "CC701", "lump-sum", "a lump sum missing or not one of the amounts the action allows";
    SHARES_SUM = "CC702", "shares-sum", "activity or work-package grants do not add up to the lump sum";
    MANAGEMENT_SHARE = "CC703", "management-share", "the project-management share is above its limit";
    WORK_PACKAGES = "CC704", "work-packages", "the number of work packages is outside the limits";
    MANAGEMENT_WORK_PACKAGE = "CC705", "management-work-package", "there must be exactly one project-management work package";
    UNKNOWN_CITY = "CC706", "unknown-city", "a city the built-in gazetteer does not know";
    AMBIGUOUS_CITY = "CC707", "ambiguous-city", "a city name shared by several places in the country";
    BAND_EDGE = "CC708", "band-edge", "a computed distance close to a distance-band edge";
    COST_KIND = "CC709", "cost-kind", "an exceptional cost of a kind the action does not fund";
    GRANT_CAP = "CC710", "grant-cap", "an amount reduced or limited by a cap of the action";
    PREPARATORY_FUNDING = "CC711", "preparatory-funding", "persons on a preparatory visit that will not be funded";
    BUDGET_NOT_APPLICABLE = "CC712", "budget-not-applicable", "a budget entry that does not apply to this action";
    EXPENSIVE_TRAVEL = "CC713", "expensive-travel", "an expensive-travel cost that is not eligible or does not match a flow";
    // 8xx: narrative texts
    NARRATIVE_MISSING = "CC801", "narrative-missing", "a field of the application form has no text yet";
    NARRATIVE_EMPTY = "CC802", "narrative-empty", "a narrative file holds no text";
    OVER_LIMIT = "CC803", "over-limit", "a text longer than the form field's character limit";
    PLACEHOLDER_TEXT = "CC804", "placeholder-text", "placeholder text left in a narrative";
    INVISIBLE_CHARACTER = "CC805", "invisible-character", "an invisible or unusual space character in a text";
    UNKNOWN_NARRATIVE = "CC806", "unknown-narrative", "a narrative file that matches no field of the form";
    RAW_HTML = "CC807", "raw-html", "raw HTML in a narrative, which coopcom never passes through";
    NARRATIVE_STRUCTURE = "CC808", "narrative-structure", "Markdown nested too deeply for the application form";
    NARRATIVE_MOVED = "CC809", "narrative-moved", "a text at a place the form no longer uses for its question";
    ENGLISH_MISSING = "CC810", "english-missing", "the English version of a summary answer is missing";
    // 9xx: templates and output
    TEMPLATE_ERROR = "CC901", "template-error", "a template that cannot be compiled or rendered";
}

/// Looks a code up by its id (`CC102`, case-insensitive) or its name (`unknown-key`).
pub fn find(query: &str) -> Option<Code> {
    let q = query.trim();
    ALL.iter()
        .copied()
        .find(|c| c.id.eq_ignore_ascii_case(q) || c.name.eq_ignore_ascii_case(q))
}
