//! The results stage: what took place, read from `results/` through the
//! same loader and field specs as the plan (`spec::RESULT_ACTIVITY`,
//! `spec::REPORT`, `spec::BUDGET`). Every file is optional; a workspace
//! without `results/` means what it meant before.

use super::tree::Table;
use anyhow::Result;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::entities;
use super::file_source::FileSource;
use super::load::{check_id, entity_files, entity_ids};
use super::model::{Activity, BudgetFile, Money, S};
use super::parse::read_toml;
use super::source::{FileId, Loc, SourceMap};
use crate::diagnostics::Diagnostic;

/// The folder of the results stage.
pub const DIR: &str = "results";
/// Where the realised activities live.
pub const ACTIVITIES: &str = "results/activities";
/// Where the work packages as carried out live (KA220).
pub const WORK_PACKAGES: &str = "results/work-packages";
/// The report file.
pub const REPORT: &str = "results/report.toml";
/// The real costs as reported.
pub const BUDGET: &str = "results/budget.toml";

/// Everything under `results/`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// The activities as they took place, sorted by id.
    pub activities: Vec<ResultActivity>,
    /// KA220: the work packages as carried out, sorted by id.
    pub work_packages: Vec<ResultWorkPackage>,
    pub report: Option<Report>,
    /// `results/budget.toml`, when it exists: the real costs that replace
    /// the planned estimates.
    pub budget: Option<BudgetFile>,
}

impl Results {
    /// The results file of the planned activity `id`, if reported.
    pub fn activity(&self, id: &str) -> Option<&ResultActivity> {
        self.activities.iter().find(|a| a.activity.id.value == id)
    }
    /// True when there is anything under `results/`.
    pub fn exists(&self) -> bool {
        !self.activities.is_empty()
            || !self.work_packages.is_empty()
            || self.report.is_some()
            || self.budget.is_some()
    }
    /// The results file of the work package `id`, if any.
    pub fn work_package(&self, id: &str) -> Option<&ResultWorkPackage> {
        self.work_packages.iter().find(|w| w.id.value == id)
    }
}

/// `results/work-packages/<id>.toml` (KA220).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultWorkPackage {
    pub id: S<String>,
    pub file: FileId,
    pub cancelled: Option<S<bool>>,
    pub note: Option<S<String>>,
}

impl ResultWorkPackage {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.as_ref().is_some_and(|c| c.value)
    }
}

/// `results/activities/<id>.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultActivity {
    pub activity: Activity,
    pub cancelled: Option<S<bool>>,
}

impl ResultActivity {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.as_ref().is_some_and(|c| c.value)
    }
}

/// `results/report.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub file: FileId,
    pub awarded: Option<S<Money>>,
    pub reference: Option<S<String>>,
    pub actuals: Vec<Actual>,
    pub income: Vec<Income>,
    pub follow_ups: Vec<FollowUp>,
}

/// `[[actuals]]`: the value an impact target reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Actual {
    pub loc: Loc,
    pub target: Option<S<String>>,
    pub value: Option<S<Decimal>>,
    pub date: Option<S<NaiveDate>>,
    pub source: Option<S<String>>,
}

/// `[[income]]`: a resource beside the EU grant.
#[derive(Debug, Clone, PartialEq)]
pub struct Income {
    pub loc: Loc,
    pub kind: Option<S<String>>,
    pub amount: Option<S<Money>>,
    pub from: Option<S<String>>,
    pub date: Option<S<NaiveDate>>,
    pub note: Option<S<String>>,
}

/// `[[follow_ups]]`: a project that grew out of this one.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub loc: Loc,
    pub reference: Option<S<String>>,
    pub title: Option<S<String>>,
    pub status: Option<S<String>>,
}

/// Reads `results/` under `root`, reporting every problem as the plan's
/// files are reported.
pub(super) fn load(
    src: &dyn FileSource,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Results> {
    let root = src.root();
    let mut activities = Vec::new();
    for (id, path) in entity_ids(entity_files(src, ACTIVITIES, sources, diags)?) {
        let read = |file, table: &Table<'_>, diags: &mut Vec<Diagnostic>| {
            let id = check_id(ACTIVITIES, id, file, diags);
            let (activity, cancelled) = entities::read_result_activity(id, file, table, diags);
            ResultActivity { activity, cancelled }
        };
        activities.extend(read_toml(sources, src, &path, diags, read));
    }
    activities.sort_by(|a, b| a.activity.id.value.cmp(&b.activity.id.value));
    let mut work_packages = Vec::new();
    for (id, path) in entity_ids(entity_files(src, WORK_PACKAGES, sources, diags)?) {
        let read = |file, table: &Table<'_>, diags: &mut Vec<Diagnostic>| {
            let id = check_id(WORK_PACKAGES, id, file, diags);
            entities::read_result_work_package(id, file, table, diags)
        };
        work_packages.extend(read_toml(sources, src, &path, diags, read));
    }
    work_packages.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    let report_path = root.join(REPORT);
    let report = if src.exists(&report_path) {
        read_toml(sources, src, &report_path, diags, entities::read_report)
    } else {
        None
    };
    let budget_path = root.join(BUDGET);
    let budget = if src.exists(&budget_path) {
        read_toml(sources, src, &budget_path, diags, entities::read_budget)
    } else {
        None
    };
    Ok(Results {
        activities,
        work_packages,
        report,
        budget,
    })
}
