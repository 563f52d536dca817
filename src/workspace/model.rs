//! The typed model of a proposal workspace. Every value read from a file
//! keeps the place it came from ([`S`]), so that any later finding can point
//! at it.
//!
//! Fields that a file may lack are `Option`s even when the format requires
//! them: the loader has already reported what is missing, and the checks
//! work with whatever is there.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::source::{FileId, Loc};

/// A value with its source location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> S<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        S { value, loc }
    }
}

impl<T> std::ops::Deref for S<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Euros, exact.
pub type Money = Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Applicant,
    Partner,
    /// KA220 associated partner: named in the application, never funded, not counted.
    AssociatedPartner,
}

impl Role {
    pub const NAMES: &'static [&'static str] = &["applicant", "partner", "associated-partner"];
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "applicant" | "coordinator" => Some(Role::Applicant),
            "partner" => Some(Role::Partner),
            "associated-partner" | "associated" => Some(Role::AssociatedPartner),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Partner => "partner",
            Role::AssociatedPartner => "associated-partner",
        }
    }
}

/// Organisation types of the workspace format.
pub const ORGANISATION_TYPES: &[&str] = &[
    "ngo",
    "public-body",
    "social-enterprise",
    "company",
    "informal-group",
    "school",
    "university",
    "other",
];

/// A city and country, with optional coordinates `[lat, lon]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub loc: Loc,
    pub city: Option<S<String>>,
    pub country: Option<S<String>>,
    pub coordinates: Option<S<(f64, f64)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub file: FileId,
    pub title: Option<S<String>>,
    pub acronym: Option<S<String>>,
    pub action: Option<S<String>>,
    pub call: Option<S<u32>>,
    pub round: Option<S<u32>>,
    pub national_agency: Option<S<String>>,
    pub language: Option<S<String>>,
    pub start: Option<S<NaiveDate>>,
    pub end: Option<S<NaiveDate>>,
    pub duration_months: Option<S<u32>>,
    pub reference: Option<S<String>>,
    pub topics: Vec<S<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub id: S<String>,
    pub file: FileId,
    pub name: Option<S<String>>,
    pub legal_name: Option<S<String>>,
    pub role: Option<S<Role>>,
    /// Canonical ISO code (`GR` for `EL`, `GB` for `UK`).
    pub country: Option<S<String>>,
    pub city: Option<S<String>>,
    pub oid: Option<S<String>>,
    pub kind: Option<S<String>>,
    pub newcomer: Option<S<bool>>,
    pub coordinates: Option<S<(f64, f64)>>,
    pub experience: Option<S<String>>,
    /// Date of legal establishment (KA220 applicants: at least two years before the deadline).
    pub established: Option<S<NaiveDate>>,
    /// Place in lists of organisations, after the applicant.
    pub order: Option<S<u32>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub loc: Loc,
    pub from: Option<S<String>>,
    pub origin: Option<Place>,
    pub participants: Option<S<u32>>,
    pub fewer_opportunities: Option<S<u32>>,
    pub women: Option<S<u32>>,
    pub group_leaders: Option<S<u32>>,
    pub facilitators: Option<S<u32>>,
    pub accompanying: Option<S<u32>>,
    pub ages: Option<S<(u32, u32)>>,
    /// One age per person of the role, when given.
    pub leader_ages: Option<S<Vec<u32>>>,
    pub facilitator_ages: Option<S<Vec<u32>>>,
    pub accompanying_ages: Option<S<Vec<u32>>>,
    pub green_travel: Option<S<bool>>,
    pub travel_days: Option<S<u32>>,
    pub distance_km: Option<S<Decimal>>,
    /// The form's "Description and justification of expenses" for the flow.
    pub expenses: Option<S<String>>,
}

impl Flow {
    fn count(v: &Option<S<u32>>) -> u32 {
        v.as_ref().map(|s| s.value).unwrap_or(0)
    }
    pub fn participants(&self) -> u32 {
        Self::count(&self.participants)
    }
    pub fn fewer_opportunities(&self) -> u32 {
        Self::count(&self.fewer_opportunities)
    }
    pub fn group_leaders(&self) -> u32 {
        Self::count(&self.group_leaders)
    }
    pub fn facilitators(&self) -> u32 {
        Self::count(&self.facilitators)
    }
    pub fn accompanying(&self) -> u32 {
        Self::count(&self.accompanying)
    }
    /// Everyone who travels in this flow.
    pub fn persons(&self) -> u32 {
        self.participants()
            .saturating_add(self.group_leaders())
            .saturating_add(self.facilitators())
            .saturating_add(self.accompanying())
    }
    pub fn green(&self) -> bool {
        self.green_travel.as_ref().is_some_and(|g| g.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub id: S<String>,
    pub file: FileId,
    pub kind: Option<S<String>>,
    pub title: Option<S<String>>,
    pub venue: Option<Place>,
    pub start: Option<S<NaiveDate>>,
    pub end: Option<S<NaiveDate>>,
    pub host: Option<S<String>>,
    pub flows: Vec<Flow>,
    /// KA210: the share of the lump sum this activity uses.
    pub grant: Option<S<Money>>,
    /// Preparatory visits: the main activity prepared (default: the next main activity).
    pub prepares: Option<S<String>>,
    pub description: Option<S<String>>,
    /// The EU institution at whose seat the activity takes place.
    pub eu_institution: Option<S<String>>,
    /// Why the activity takes place at its venue.
    pub venue_reason: Option<S<String>>,
}

impl Activity {
    /// Activity days, both ends included, travel excluded.
    pub fn days(&self) -> Option<i64> {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) if e.value >= s.value => {
                Some((e.value - s.value).num_days().saturating_add(1))
            }
            _ => None,
        }
    }
    pub fn participants(&self) -> u32 {
        self.flows
            .iter()
            .fold(0u32, |n, f| n.saturating_add(f.participants()))
    }
    pub fn venue_country(&self) -> Option<&S<String>> {
        self.venue.as_ref().and_then(|v| v.country.as_ref())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WpActivity {
    pub loc: Loc,
    pub title: Option<S<String>>,
    pub start: Option<S<NaiveDate>>,
    pub end: Option<S<NaiveDate>>,
    pub partners: Vec<S<String>>,
    pub venue: Option<Place>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkPackage {
    pub id: S<String>,
    pub file: FileId,
    pub title: Option<S<String>>,
    pub management: Option<S<bool>>,
    pub grant: Option<S<Money>>,
    pub lead: Option<S<String>>,
    pub description: Option<S<String>>,
    pub activities: Vec<WpActivity>,
}

impl WorkPackage {
    pub fn is_management(&self) -> bool {
        self.management.as_ref().is_some_and(|m| m.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CostItem {
    pub loc: Loc,
    pub activity: Option<S<String>>,
    /// Exceptional costs only: visa, expensive-travel, financial-guarantee.
    pub kind: Option<S<String>>,
    pub amount: Option<S<Money>>,
    pub reason: Option<S<String>>,
    /// Expensive travel: the sending partner whose flow it concerns.
    pub from: Option<S<String>>,
    /// Expensive travel: how many of that flow's people it covers.
    pub persons: Option<S<u32>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BudgetFile {
    pub file: Option<FileId>,
    pub lump_sum: Option<S<Money>>,
    pub inclusion_costs: Vec<CostItem>,
    pub exceptional_costs: Vec<CostItem>,
    /// KA154: working days of a coach.
    pub coaching_days: Option<S<u32>>,
    /// KA154: the country of the coaching (default: the applicant's).
    pub coaching_country: Option<S<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub loc: Loc,
    pub id: Option<S<String>>,
    pub indicator: Option<S<String>>,
    pub unit: Option<S<String>>,
    pub baseline: Option<S<Decimal>>,
    pub target: Option<S<Decimal>>,
    pub by: Option<S<NaiveDate>>,
    pub verification: Option<S<String>>,
    pub actual: Option<S<Decimal>>,
}

/// One narrative file: `narrative/<section>/<field>.md`, its English
/// version `narrative/<section>/<field>.en.md`, or the text of one
/// organisation, activity or work package,
/// `narrative/<organisations|activities|work-packages>/<id>/<field>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrative {
    pub file: FileId,
    /// The folder under `narrative/`: a section key, or the folder of an
    /// entity kind (`organisations`, `activities`, `work-packages`).
    pub section: String,
    /// The organisation, activity or work package id, for their texts.
    pub entity: Option<String>,
    pub field: String,
    /// The language of a translation (`en` for `<field>.en.md`).
    pub lang: Option<String>,
    /// The plain text pasted into the form, made once on first use
    /// ([`Workspace::plain`]) and shared by the checks, status and render.
    pub plain: std::sync::OnceLock<String>,
}

impl Narrative {
    /// The path under `narrative/` without `.md`: `summary/objectives`,
    /// `summary/objectives.en`, `organisations/alc/presentation`.
    pub fn key(&self) -> String {
        let mut k = self.section.clone();
        if let Some(e) = &self.entity {
            k.push('/');
            k.push_str(e);
        }
        k.push('/');
        k.push_str(&self.field);
        if let Some(l) = &self.lang {
            k.push('.');
            k.push_str(l);
        }
        k
    }
}

/// A loaded proposal workspace.
#[derive(Debug)]
pub struct Workspace {
    pub root: std::path::PathBuf,
    pub sources: super::source::SourceMap,
    pub project: Project,
    pub partners: Vec<Partner>,
    pub activities: Vec<Activity>,
    pub work_packages: Vec<WorkPackage>,
    pub budget: BudgetFile,
    pub targets: Vec<Target>,
    pub narratives: Vec<Narrative>,
    /// What took place (`results/`), empty before the project ends.
    pub results: super::results::Results,
}

impl Workspace {
    /// Partners, activities and work packages are kept sorted by id, so
    /// look-ups are binary searches.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        let i = self
            .partners
            .binary_search_by(|p| p.id.value.as_str().cmp(id))
            .ok()?;
        self.partners.get(i)
    }
    pub fn activity(&self, id: &str) -> Option<&Activity> {
        let i = self
            .activities
            .binary_search_by(|a| a.id.value.as_str().cmp(id))
            .ok()?;
        self.activities.get(i)
    }
    pub fn work_package(&self, id: &str) -> Option<&WorkPackage> {
        let i = self
            .work_packages
            .binary_search_by(|w| w.id.value.as_str().cmp(id))
            .ok()?;
        self.work_packages.get(i)
    }
    /// The organisations in the order of every list of them: the
    /// applicant first, then the partners by their `order`, then by name
    /// (associated partners last, in the same way).
    pub fn organisations(&self) -> Vec<&Partner> {
        let mut out: Vec<&Partner> = self.partners.iter().collect();
        out.sort_by_cached_key(|p| {
            let rank = match p.role.as_ref().map(|r| r.value) {
                Some(Role::Applicant) => 0,
                Some(Role::Partner) => 1,
                Some(Role::AssociatedPartner) => 2,
                None => 3,
            };
            let name = p
                .name
                .as_ref()
                .map(|n| n.value.to_lowercase())
                .unwrap_or_else(|| p.id.value.clone());
            (
                rank,
                p.order.as_ref().map_or(u32::MAX, |o| o.value),
                name,
                p.id.value.clone(),
            )
        });
        out
    }
    pub fn applicant(&self) -> Option<&Partner> {
        self.partners
            .iter()
            .find(|p| p.role.as_ref().is_some_and(|r| r.value == Role::Applicant))
    }
    /// The Markdown of a narrative file as written, author notes included.
    pub fn text(&self, file: FileId) -> &str {
        self.sources
            .get(file)
            .map(|f| f.text.as_str())
            .unwrap_or_default()
    }
    /// The plain text of a narrative as it will be pasted into the web form
    /// (Markdown marks and author notes removed), computed once.
    pub fn plain<'a>(&self, n: &'a Narrative) -> &'a str {
        n.plain.get_or_init(|| crate::text::to_plain(self.text(n.file)))
    }
    pub fn action(&self) -> Option<&str> {
        self.project.action.as_ref().map(|a| a.value.as_str())
    }
}
