//! The rule packs: the data model (every figure with its status and
//! source), the packs built in, installed or carried by a workspace, and
//! how they are loaded and layered. The checks that use them are in
//! [`crate::rules`].
//!
//! Packs are TOML files under `rules/<call>/` (see `rules/README.md`),
//! embedded in the binary. Rust holds the logic; amounts, limits, bands,
//! country lists and dates live here as data.

pub mod carry;
pub mod figures;
pub mod registry;
pub mod sources;
pub mod user_pack;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How sure coopcom is of a figure.
///
/// Written `status = "confirmed"` (or `"secondary"`, `"unconfirmed"`); a
/// figure that a provisional pack took over from the previous call's pack
/// is `status = { carried-over = "confirmed" }`, keeping the status it had
/// there (see `carry.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Read in the Programme Guide or on an official EU or National Agency page.
    Confirmed,
    /// Found only in third-party sources; findings based on it are warnings.
    Secondary,
    /// Recollection, or nothing found; never enforced.
    Unconfirmed,
    /// Taken over unchanged from the previous call's pack and not yet
    /// checked against this call's Programme Guide: findings keep the
    /// severity the figure had there (an ineligible project stays an error).
    CarriedOver(Standing),
}

/// The status a carried-over figure had in the pack it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    Confirmed,
    Secondary,
    Unconfirmed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Secondary => "secondary",
            Status::Unconfirmed => "unconfirmed",
            Status::CarriedOver(_) => "carried-over",
        }
    }

    /// The status that decides how loud a finding is: a carried-over
    /// figure's status in the pack it came from, otherwise the status itself.
    pub fn standing(self) -> Status {
        match self {
            Status::CarriedOver(Standing::Confirmed) => Status::Confirmed,
            Status::CarriedOver(Standing::Secondary) => Status::Secondary,
            Status::CarriedOver(Standing::Unconfirmed) => Status::Unconfirmed,
            s => s,
        }
    }

    pub fn is_carried_over(self) -> bool {
        matches!(self, Status::CarriedOver(_))
    }

    /// "confirmed", or "carried-over (confirmed)".
    pub fn describe(self) -> String {
        match self {
            Status::CarriedOver(_) => format!("carried-over ({})", self.standing().as_str()),
            s => s.as_str().to_string(),
        }
    }
}

/// A single figure: value, status, source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure<T> {
    pub value: T,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A range figure: `min` and/or `max`, status, source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Range<T> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<T>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What every figure-like item shares, so findings can cite it.
pub trait Sourced {
    fn status(&self) -> Status;
    fn source(&self) -> &str;
    fn assumed(&self) -> bool;
}

macro_rules! sourced {
    ($($t:ty),*) => {$(
        impl Sourced for $t {
            fn status(&self) -> Status { self.status }
            fn source(&self) -> &str { &self.source }
            fn assumed(&self) -> bool { self.assumed }
        }
    )*};
}
impl<T> Sourced for Figure<T> {
    fn status(&self) -> Status {
        self.status
    }
    fn source(&self) -> &str {
        &self.source
    }
    fn assumed(&self) -> bool {
        self.assumed
    }
}
impl<T> Sourced for Range<T> {
    fn status(&self) -> Status {
        self.status
    }
    fn source(&self) -> &str {
        &self.source
    }
    fn assumed(&self) -> bool {
        self.assumed
    }
}

// ---------------------------------------------------------------- call pack

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub call: u32,
    pub title: String,
    #[serde(default)]
    pub edition: Option<String>,
    #[serde(default)]
    pub complete: bool,
    /// A provisional pack: every figure it does not give itself is taken
    /// over from this call's pack, marked carried-over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over_from: Option<u32>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountryGroup {
    pub key: String,
    pub name: String,
    pub countries: Vec<String>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConditionKind {
    Blocked,
    /// Organisations of the country take part only under conditions that
    /// coopcom cannot verify (an exception granted by the authority): a
    /// warning, never an error.
    Restricted,
    NoActivities,
    NoPublicBodies,
    Note,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountryCondition {
    pub country: String,
    pub kind: ConditionKind,
    pub message: String,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub actions: Option<Vec<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TravelBand {
    pub min_km: u32,
    #[serde(default)]
    pub max_km: Option<u32>,
    pub standard: Decimal,
    pub green: Decimal,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DistanceRules {
    #[serde(default)]
    pub no_grant_below_km: Option<Figure<u32>>,
    #[serde(default)]
    pub band_edge_rounding: Option<Figure<String>>,
    #[serde(default)]
    pub edge_warning_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub geometry: Option<Figure<String>>,
    #[serde(default)]
    pub low_emission_expected_below_km: Option<Figure<u32>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupportTable {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub rates: BTreeMap<String, Decimal>,
    #[serde(default)]
    pub other_groups: Vec<String>,
    #[serde(default)]
    pub other_rate: Option<Decimal>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NationalAgency {
    pub code: String,
    pub country: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Identifiers {
    #[serde(default)]
    pub oid: Option<Figure<String>>,
    #[serde(default)]
    pub reference: Option<Figure<String>>,
    #[serde(default)]
    pub pic: Option<Figure<String>>,
    #[serde(default)]
    pub national_agency: Option<Figure<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormMeta {
    #[serde(default)]
    pub transport_description_max_chars: Option<Figure<u32>>,
}

/// What a call year holds for every action: countries, bands, rate tables.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallPack {
    pub pack: PackMeta,
    #[serde(default)]
    pub country_groups: Vec<CountryGroup>,
    #[serde(default)]
    pub country_conditions: Vec<CountryCondition>,
    #[serde(default)]
    pub travel_bands: Vec<TravelBand>,
    #[serde(default)]
    pub distance: DistanceRules,
    #[serde(default)]
    pub support_tables: Vec<SupportTable>,
    #[serde(default)]
    pub national_agencies: Vec<NationalAgency>,
    #[serde(default)]
    pub identifiers: Identifiers,
    #[serde(default)]
    pub form: FormMeta,
    #[serde(default)]
    pub eu_institution_seats: Vec<InstitutionSeat>,
}

/// A city that is the seat of institutions of the European Union.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionSeat {
    pub city: String,
    pub country: String,
    /// Other names of the city a workspace may use (`Bruxelles`, `Frankfurt am Main`).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

// -------------------------------------------------------------- action pack

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    YouthMobility,
    YouthParticipation,
    SmallScale,
    Cooperation,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActionMeta {
    pub code: String,
    pub fields: Vec<String>,
    pub name: String,
    pub family: Family,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    #[serde(default)]
    pub applicant_groups: Option<Figure<Vec<String>>>,
    #[serde(default)]
    pub partner_groups: Option<Figure<Vec<String>>>,
    #[serde(default)]
    pub venue_excluded: Option<Figure<Vec<String>>>,
    #[serde(default)]
    pub organisation_types: Option<Figure<Vec<String>>>,
    #[serde(default)]
    pub min_organisations: Option<Figure<u32>>,
    #[serde(default)]
    pub min_countries: Option<Figure<u32>>,
    #[serde(default)]
    pub min_programme_countries: Option<Figure<u32>>,
    #[serde(default)]
    pub na_country_in_each_activity: Option<Figure<bool>>,
    #[serde(default)]
    pub project_months: Option<Range<u32>>,
    #[serde(default)]
    pub applicant_established_years: Option<Figure<u32>>,
    /// Countries excluded for this action although their region is eligible.
    #[serde(default)]
    pub excluded_countries: Option<Figure<Vec<String>>>,
    /// When a venue at the seat of an EU institution is allowed:
    /// `organised-with` (the activity is organised at or with the
    /// institution) or `justified` (when duly justified).
    #[serde(default)]
    pub eu_institution_venue: Option<Figure<String>>,
    /// How many applications of one deadline one organisation (one OID)
    /// may be involved in, as applicant or partner, counting the actions of
    /// `counted_with` together. Checked across workspaces (`check --all`).
    #[serde(default)]
    pub applications_per_deadline: Option<ApplicationsLimit>,
    /// How many applications of one deadline one organisation may submit
    /// as applicant, counting the actions of `counted_with` together.
    #[serde(default)]
    pub applications_as_applicant_per_deadline: Option<ApplicationsLimit>,
}

/// A limit on the applications of one deadline per organisation.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationsLimit {
    pub max: u32,
    /// The action codes whose applications count together (`KA210-SCH`,
    /// `KA210-VET`, ... when the limit covers every field).
    pub counted_with: Vec<String>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub round: u32,
    #[serde(default)]
    pub deadline: Option<toml::value::Datetime>,
    #[serde(default)]
    pub deadline_time: Option<String>,
    #[serde(default)]
    pub start_from: Option<toml::value::Datetime>,
    #[serde(default)]
    pub start_to: Option<toml::value::Datetime>,
    #[serde(default)]
    pub offered: Option<String>,
    /// Fields the round is open to, where it is not open to all.
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// A TOML date as a calendar date.
pub fn date(dt: &Option<toml::value::Datetime>) -> Option<NaiveDate> {
    let d = dt.as_ref()?.date?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

impl Round {
    pub fn deadline(&self) -> Option<NaiveDate> {
        date(&self.deadline)
    }
    pub fn start_from(&self) -> Option<NaiveDate> {
        date(&self.start_from)
    }
    pub fn start_to(&self) -> Option<NaiveDate> {
        date(&self.start_to)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    Main,
    PreparatoryVisit,
    Complementary,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityType {
    pub key: String,
    pub name: String,
    pub kind: ActivityKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub links_to: Vec<String>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub days: Option<Range<u32>>,
    #[serde(default)]
    pub participants: Option<Range<u32>>,
    #[serde(default)]
    pub participants_min_all_fewer_opportunities: Option<Figure<u32>>,
    #[serde(default)]
    pub national_groups_min: Option<Figure<u32>>,
    #[serde(default)]
    pub group_size_min: Option<Figure<u32>>,
    #[serde(default)]
    pub group_leaders_min_per_group: Option<Figure<u32>>,
    #[serde(default)]
    pub facilitators_max: Option<Figure<u32>>,
    #[serde(default)]
    pub participant_age: Option<Range<u32>>,
    #[serde(default)]
    pub adult_roles_min_age: Option<Figure<u32>>,
    #[serde(default)]
    pub receiving_country_participants: Option<Figure<bool>>,
    #[serde(default)]
    pub organisations_min: Option<Figure<u32>>,
    #[serde(default)]
    pub first_days_consecutive: Option<Figure<u32>>,
    /// How the activity is funded: `unit-costs` (the default: travel and
    /// individual support per flow) or `project-management` (covered by the
    /// monthly project-management unit cost; its flows get nothing).
    #[serde(default)]
    pub funding: Option<Figure<String>>,
}

impl ActivityType {
    /// True when the activity's flows are funded by unit costs.
    pub fn funded_per_flow(&self) -> bool {
        self.funding
            .as_ref()
            .is_none_or(|f| f.value != "project-management")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionalCost {
    pub kind: String,
    pub name: String,
    pub percent: Decimal,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRules {
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub travel_days: Option<Range<u32>>,
    #[serde(default)]
    pub green_travel_days: Option<Range<u32>>,
    #[serde(default)]
    pub individual_support_table: Option<Figure<String>>,
    #[serde(default)]
    pub individual_support_cap_per_person: Option<Figure<Decimal>>,
    #[serde(default)]
    pub individual_support_cap_scope: Option<Figure<String>>,
    #[serde(default)]
    pub organisational_support_per_participant: Option<Figure<Decimal>>,
    #[serde(default)]
    pub inclusion_support_per_participant: Option<Figure<Decimal>>,
    #[serde(default)]
    pub inclusion_costs_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub preparatory_visit_per_person: Option<Figure<Decimal>>,
    #[serde(default)]
    pub preparatory_visit_persons_per_organisation: Option<Figure<u32>>,
    #[serde(default)]
    pub preparatory_visit_extra_facilitators: Option<Figure<u32>>,
    #[serde(default)]
    pub system_development_max_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub system_development_costs_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub system_development_indirect_max_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub expensive_travel_threshold_percent: Option<Figure<Decimal>>,
    /// Which unit cost the expensive-travel test uses, and which grant it
    /// replaces, for a flow with green travel.
    #[serde(default)]
    pub expensive_travel_green_reading: Option<Figure<String>>,
    /// Whether the travel days are paid when a flow does not give
    /// `travel_days` (KA154: only "if necessary").
    #[serde(default)]
    pub travel_days_by_default: Option<Figure<bool>>,
    /// Participants travelling under the no-grant distance get individual
    /// support and inclusion support for organisations only in activities
    /// where others receive travel support (KA154).
    #[serde(default)]
    pub local_participants_need_travellers: Option<Figure<bool>>,
    /// `per-visit` or `per-prepared-activity`: what the persons-per-
    /// organisation limit of preparatory visits counts over.
    #[serde(default)]
    pub preparatory_visit_limit_scope: Option<Figure<String>>,
    /// KA152: the second funded person of an organisation must be a young person.
    #[serde(default)]
    pub preparatory_visit_second_person_young: Option<Figure<bool>>,
    /// Where the coaching rate's country comes from when budget.toml gives
    /// no `coaching_country`.
    #[serde(default)]
    pub coaching_country_default: Option<Figure<String>>,
    #[serde(default)]
    pub max_grant: Option<Figure<Decimal>>,
    #[serde(default)]
    pub project_management_per_month: Option<Figure<Decimal>>,
    #[serde(default)]
    pub project_management_months_rounding: Option<Figure<String>>,
    #[serde(default)]
    pub month_days: Option<Figure<u32>>,
    #[serde(default)]
    pub coaching_table: Option<Figure<String>>,
    #[serde(default)]
    pub coaching_days_max: Option<Figure<u32>>,
    #[serde(default)]
    pub coaching_days_scope: Option<Figure<String>>,
    #[serde(default)]
    pub event_support_per_person: Option<Figure<Decimal>>,
    #[serde(default)]
    pub rounding: Option<Figure<String>>,
    #[serde(default)]
    pub exceptional_costs: Vec<ExceptionalCost>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LumpSumRules {
    #[serde(default)]
    pub amounts: Option<Figure<Vec<Decimal>>>,
    #[serde(default)]
    pub management_max_percent: Option<Figure<Decimal>>,
    #[serde(default)]
    pub work_packages_min: Option<Figure<u32>>,
    #[serde(default)]
    pub work_packages_max: Option<Figure<u32>>,
    #[serde(default)]
    pub work_packages_recommended_max: Option<Figure<u32>>,
    #[serde(default)]
    pub shares_add_up: Option<Figure<bool>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub key: String,
    pub name: String,
    pub max: u32,
    pub min: u32,
    pub status: Status,
    pub source: String,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    #[serde(default)]
    pub pass_mark: Option<Figure<u32>>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

/// Whom a form field is asked of: once for the project, once for each
/// participating organisation, each activity (of the section's types), each
/// implementation work package (KA220, numbered 2 and on) or each flow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Project,
    Organisation,
    Activity,
    WorkPackage,
    Flow,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Project => "project",
            Scope::Organisation => "organisation",
            Scope::Activity => "activity",
            Scope::WorkPackage => "work-package",
            Scope::Flow => "flow",
        }
    }

    /// The folder of `narrative/` whose sub-folders, one per entity id, hold
    /// the texts of this scope; `None` for the project (texts by section)
    /// and for flows (texts in the flow's own keys).
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Scope::Organisation => Some("organisations"),
            Scope::Activity => Some("activities"),
            Scope::WorkPackage => Some("work-packages"),
            Scope::Project | Scope::Flow => None,
        }
    }
}

/// The folders of `narrative/` that hold one folder per entity: no
/// project-level section may take their names.
pub const ENTITY_FOLDERS: &[&str] = &["organisations", "activities", "work-packages"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub key: String,
    /// The question as the form words it.
    pub question: String,
    /// Organisation fields: the wording the form uses for partners, where
    /// it differs from the applicant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_question: Option<String>,
    /// The character limit; when absent, the section's, then the form's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<Figure<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// How sure coopcom is of the question and of the field's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Variants of the wording, open questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The heading of the form's sub-section the field is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsection: Option<String>,
    /// Organisation fields: the roles asked (`applicant`, `partner`);
    /// empty means both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The form asks for an English version of the answer when it is
    /// filled in another language (`narrative/<section>/<field>.en.md`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub english: bool,
    /// Earlier places of the answer, `<section>/<field>`, still read (with a
    /// warning that names the new place).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// The key of the entity's own file that may hold the answer inline
    /// (`experience` in a partner file, `description` in an activity file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<String>,
}

impl FormField {
    /// Whether the field is asked of an organisation with this role.
    pub fn asks_role(&self, role: &str) -> bool {
        self.roles.is_empty() || self.roles.iter().any(|r| r == role)
    }

    /// The question as the form asks it of an organisation with `role`.
    pub fn question_for(&self, role: &str) -> &str {
        match &self.partner_question {
            Some(q) if role == "partner" => q,
            _ => &self.question,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormSection {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "is_project")]
    pub scope: Scope,
    /// Activity sections: the activity types they are asked for (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_types: Vec<String>,
    /// The limit of the section's fields that give none of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<Figure<u32>>,
    #[serde(default)]
    pub fields: Vec<FormField>,
}

fn is_project(s: &Scope) -> bool {
    *s == Scope::Project
}

impl FormSection {
    /// Whether the section is asked for an activity of this type.
    pub fn asks_type(&self, kind: &str) -> bool {
        self.activity_types.is_empty() || self.activity_types.iter().any(|t| t == kind)
    }
}

/// An earlier field of the form that the current one does not replace one
/// for one: a file at its place is reported with where its text now belongs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RetiredField {
    /// `<section>/<field>`.
    pub key: String,
    pub help: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The limit of every field that gives none, nor its section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<Figure<u32>>,
    /// What the pack's form covers and leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub sections: Vec<FormSection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<RetiredField>,
}

impl Form {
    /// The limit that applies to a field: its own, its section's or the form's.
    pub fn limit<'a>(&'a self, section: &'a FormSection, field: &'a FormField) -> Option<&'a Figure<u32>> {
        field
            .max_chars
            .as_ref()
            .or(section.max_chars.as_ref())
            .or(self.max_chars.as_ref())
    }
}

/// The rules of one action in one call year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPack {
    pub action: ActionMeta,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default)]
    pub rounds: Vec<Round>,
    #[serde(default)]
    pub activity_types: Vec<ActivityType>,
    #[serde(default)]
    pub budget: BudgetRules,
    #[serde(default)]
    pub lump_sum: Option<LumpSumRules>,
    #[serde(default)]
    pub award: Award,
    #[serde(default)]
    pub form: Form,
}

sourced!(
    CountryGroup,
    CountryCondition,
    TravelBand,
    SupportTable,
    NationalAgency,
    Round,
    ExceptionalCost,
    Criterion,
    InstitutionSeat
);
