//! The data a template sees, as plain serialisable values: what
//! `render::context::build` makes from the workspace, the rules and the
//! budget, and what the templates, `status` and the Word export read.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Context {
    pub generator: String,
    pub project: Project,
    pub family: String,
    pub partners: Vec<Partner>,
    pub activities: Vec<Activity>,
    pub work_packages: Vec<WorkPackage>,
    pub budget: Option<BudgetView>,
    pub targets: Vec<Target>,
    pub sections: Vec<Section>,
    pub criteria: Vec<Criterion>,
    pub pass_mark: Option<u32>,
    pub timeline: Vec<TimelineItem>,
    pub completeness: Vec<Completeness>,
    /// Errors shown in a banner when rendering with `--allow-errors`.
    pub errors: Vec<String>,
    pub unconfirmed_figures: Vec<String>,
    /// The file of the timeline drawn as SVG beside the draft
    /// (`timeline.svg`), empty when the project has no dates to draw.
    pub timeline_image: String,
}

#[derive(Debug, Serialize)]
pub struct Project {
    pub title: String,
    pub acronym: String,
    pub action: String,
    pub action_name: String,
    pub call: String,
    pub round: String,
    pub deadline: String,
    pub national_agency: String,
    pub language: String,
    pub start: String,
    pub end: String,
    pub months: String,
    pub reference: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub legal_name: String,
    pub role: String,
    pub country: String,
    pub country_name: String,
    pub city: String,
    pub oid: String,
    pub kind: String,
    pub newcomer: bool,
    pub experience: String,
}

#[derive(Debug, Serialize)]
pub struct Flow {
    pub number: usize,
    pub from: String,
    pub from_name: String,
    pub country: String,
    pub origin: String,
    pub participants: u32,
    pub fewer_opportunities: u32,
    pub women: u32,
    pub group_leaders: u32,
    pub facilitators: u32,
    pub accompanying: u32,
    pub km: String,
    pub band: String,
    pub green: bool,
    pub travel_days: u32,
}

#[derive(Debug, Serialize)]
pub struct Activity {
    pub id: String,
    pub kind: String,
    pub kind_name: String,
    pub title: String,
    pub description: String,
    /// The description as Markdown for the draft (its paragraphs and lines
    /// kept), empty when the form asks for it as an answer of the
    /// activity's section.
    pub description_md: String,
    pub venue: String,
    pub venue_country: String,
    pub start: String,
    pub end: String,
    pub days: i64,
    pub host: String,
    pub host_name: String,
    pub participants: u32,
    pub fewer_opportunities: u32,
    pub women: u32,
    pub group_leaders: u32,
    pub facilitators: u32,
    pub grant: String,
    pub budget: String,
    pub flows: Vec<Flow>,
}

#[derive(Debug, Serialize)]
pub struct WpActivity {
    pub title: String,
    pub start: String,
    pub end: String,
    pub partners: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct WorkPackage {
    pub id: String,
    pub title: String,
    pub management: bool,
    pub grant: String,
    pub share: String,
    pub lead: String,
    pub lead_name: String,
    pub description: String,
    /// The description as Markdown for the draft, its paragraphs kept.
    pub description_md: String,
    pub activities: Vec<WpActivity>,
}

#[derive(Debug, Serialize)]
pub struct Amount {
    pub key: String,
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetLine {
    pub activity: String,
    pub flow: String,
    pub from: String,
    pub category: &'static str,
    pub basis: String,
    pub amount: String,
    /// The justification of a real cost, empty for unit costs.
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct BudgetView {
    pub total: String,
    pub total_plain: String,
    pub by_activity: Vec<Amount>,
    pub by_category: Vec<Amount>,
    pub lines: Vec<BudgetLine>,
    /// The lines of real costs that give a justification, in line order.
    pub justified: Vec<BudgetLine>,
    pub lump_sum: String,
}

#[derive(Debug, Serialize)]
pub struct Target {
    pub id: String,
    pub indicator: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub by: String,
    pub verification: String,
    pub actual: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub key: String,
    /// The question as the form words it (for partners, the partner wording).
    pub question: String,
    /// The heading of the form's sub-section the field opens, if it opens one.
    pub subsection: String,
    /// The Markdown of the answer, author notes removed.
    pub text: String,
    /// The answer as plain text, as pasted into the web form.
    pub plain: String,
    pub chars: usize,
    pub limit: String,
    pub limit_assumed: bool,
    /// `confirmed`, `secondary` or `unconfirmed`; empty without a limit.
    pub limit_status: &'static str,
    pub limit_source: String,
    /// How the count reads in the draft: "1 069 characters; 5 000
    /// characters at most (limit from a secondary source)".
    pub measure: String,
    /// "ok", "missing", "empty", "over", or "optional" (no text for a field
    /// coopcom does not ask for).
    pub state: &'static str,
    pub criterion: String,
    pub required: bool,
    /// The English version of a summary answer.
    pub english: bool,
    /// Where the text lives, relative to the workspace.
    pub file: String,
    /// The file of the paste pack, relative to the output folder.
    pub paste: String,
}

/// The fields of one organisation, activity, work package or flow.
#[derive(Debug, Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    /// `project`, `organisation`, `activity`, `work-package` or `flow`.
    pub scope: &'static str,
    /// The section's fields are grouped in sub-sections: the draft gives
    /// the questions a heading one level further down.
    pub has_subsections: bool,
    /// The fields of a project section.
    pub fields: Vec<Field>,
    /// Organisation, activity, work-package and flow sections: one group per
    /// entity asked, in the order of the form's lists; an entity whose
    /// fields are all optional and unanswered (a flow without a
    /// justification of expenses) is left out.
    pub groups: Vec<Group>,
}

impl Section {
    /// Every field of the section, its groups' included.
    pub fn all_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .chain(self.groups.iter().flat_map(|g| g.fields.iter()))
    }
}

#[derive(Debug, Serialize)]
pub struct Criterion {
    pub name: String,
    pub max: u32,
    pub min: u32,
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TimelineItem {
    pub start: String,
    pub end: String,
    pub what: String,
    pub place: String,
}

#[derive(Debug, Serialize)]
pub struct Completeness {
    pub item: String,
    pub state: &'static str,
    pub detail: String,
}

/// Where the final report stands, once `results/` exists: what `status`
/// shows beside the application's fields.
#[derive(Debug, Serialize)]
pub struct ReportStatus {
    pub final_grant: String,
    pub awarded: Option<String>,
    /// `narrative/report/<key>.md`: written or missing, with its count.
    pub texts: Vec<ReportTextStatus>,
    /// Each planned activity: "reported", "not reported yet" or "cancelled".
    pub activities: Vec<ReportActivityStatus>,
    pub targets: Vec<ReportTargetStatus>,
}

#[derive(Debug, Serialize)]
pub struct ReportTextStatus {
    pub key: String,
    pub title: String,
    pub file: String,
    /// "filled" or "missing".
    pub state: &'static str,
    pub chars: usize,
    /// No limit is known for the final report's texts (see
    /// `results::texts`): always `None` today, kept for when a form gives one.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct ReportActivityStatus {
    pub id: String,
    pub title: String,
    pub outcome: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ReportTargetStatus {
    pub id: String,
    pub indicator: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    pub status: &'static str,
    pub percent: Option<String>,
}
