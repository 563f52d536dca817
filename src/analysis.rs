//! One load, one model: the workspace, the rules in force, every finding.
//! `check`, `budget` and `render` all start here.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::budget::distance::Locator;
use crate::budget::{Budget, FlowDistance, Line};
use crate::diagnostics::{self, Diagnostic, Severity, codes, suggest};
use crate::form;
use crate::pack::registry;
use crate::pack::sources::PackSources;
use crate::rules::{self, Rules};
use crate::workspace::file_source::{FileSource, Folder};
use crate::workspace::source::{Loc, SourceFile};
use crate::workspace::{self, Workspace};

pub struct Analysis {
    pub ws: Workspace,
    pub rules: Option<Rules>,
    /// The form of the rules resolved against the workspace, once: the
    /// checks of the texts, the view (render, status, the Word export) and
    /// `diff` read it through [`Analysis::resolved`].
    form: Option<form::Kept>,
    /// The budget, computed once; trustworthy only when there is no error.
    pub budget: Option<Budget>,
    /// The places the budget found, for the outputs to reuse.
    pub locator: Locator,
    /// Each activity's lines and distances in the budget, for the outputs.
    pub index: BudgetIndex,
    /// Every finding, sorted for output.
    pub diagnostics: Vec<Diagnostic>,
    /// A workspace file could not be read (a TOML syntax error, a binary
    /// file): the findings of reading, of the references between files and
    /// of the texts are reported, not those of the action's rules, which
    /// would judge a workspace with parts missing.
    pub unreadable: bool,
    /// Errors of the rules of the action (eligibility, budget), as opposed
    /// to errors in how the files are written.
    pub rule_errors: usize,
}

impl Analysis {
    /// The form resolved against the workspace, `None` without a rule pack.
    pub fn resolved(&self) -> Option<form::Resolved<'_>> {
        Some(self.form.as_ref()?.attach(&self.ws, self.rules.as_ref()?))
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// What the errors mean, for the closing line of a report:
    /// "the workspace could not be read", "not eligible as it stands".
    pub fn verdict(&self) -> Option<&'static str> {
        if self.unreadable {
            Some("the workspace could not be read; fix the syntax first, then check again")
        } else if self.rule_errors > 0 {
            Some("not eligible as it stands")
        } else if self.errors() > 0 {
            Some("fix the errors first, then check again")
        } else {
            None
        }
    }
}

/// True for a finding that leaves a settings file unread, in full or in
/// part. An unreadable narrative text leaves one answer out, not the
/// workspace.
fn unreadable(d: &Diagnostic, ws: &Workspace) -> bool {
    d.severity == Severity::Error
        && (d.code == codes::TOML_SYNTAX
            || (d.code == codes::UNREADABLE_FILE
                && d.primary
                    .as_ref()
                    .is_none_or(|l| !ws.sources.name(l.file).starts_with("narrative"))))
}

/// Loads and checks the workspace at `dir` (or found upwards from the
/// current folder). `Err` only when the workspace cannot be read at all.
/// No finding depends on the day it runs: what `render`, `budget` and
/// `export` write stays the same from day to day.
pub fn analyse(dir: Option<&Path>, user_rules: Option<&Path>) -> Result<Analysis> {
    analyse_on(dir, user_rules, None)
}

/// [`analyse`], and with `today` the findings of the calendar too (a
/// deadline that has passed): for `check` and `status`.
pub fn analyse_on(
    dir: Option<&Path>,
    user_rules: Option<&Path>,
    today: Option<NaiveDate>,
) -> Result<Analysis> {
    analyse_shared(dir, user_rules, today, None)
}

/// The rule packs in force, resolved once per action and call and shared by
/// the workspaces of a portfolio (`check --all`, `budget --all`). Only the
/// packs of the built-in and installed sources are shared: a workspace with
/// its own `.coopcom/rules/`, or a run with `--rules FILE`, resolves its own.
#[derive(Default)]
pub struct PackCache {
    packs: std::sync::Mutex<HashMap<(String, u32), Rules>>,
}

impl PackCache {
    fn get(&self, action: &str, call: u32) -> Option<Rules> {
        let packs = self.packs.lock().ok()?;
        packs.get(&(action.to_string(), call)).cloned()
    }

    fn put(&self, action: &str, call: u32, rules: &Rules) {
        if let Ok(mut packs) = self.packs.lock() {
            packs
                .entry((action.to_string(), call))
                .or_insert_with(|| rules.clone());
        }
    }
}

/// [`analyse_on`] with the packs taken from, and added to, `cache`.
pub fn analyse_shared(
    dir: Option<&Path>,
    user_rules: Option<&Path>,
    today: Option<NaiveDate>,
    cache: Option<&PackCache>,
) -> Result<Analysis> {
    let cwd = std::env::current_dir()?;
    let root = workspace::discover(dir, &cwd)?;
    analyse_source(&Folder::new(&root), user_rules, today, cache)
}

/// [`analyse_on`] of the workspace a source of files holds: the folder, or
/// the tree of a git revision (`coopcom diff`).
pub fn analyse_source(
    src: &dyn FileSource,
    user_rules: Option<&Path>,
    today: Option<NaiveDate>,
    cache: Option<&PackCache>,
) -> Result<Analysis> {
    let (mut ws, mut diags) = workspace::load_from(src)?;
    let unreadable = diags.iter().any(|d| self::unreadable(d, &ws));
    diags.extend(rules::check_structure(&ws));
    diags.extend(crate::results::check(&ws));
    diags.extend(crate::results::check_structure(&mut ws));
    let rules = resolve(&mut ws, user_rules, &mut diags, cache)?;
    let mut budget = None;
    let mut rule_errors = 0;
    let mut locator = Locator::default();
    let form = rules.as_ref().map(|r| form::Kept::of(&ws, r));
    if let (Some(r), Some(kept)) = (&rules, &form) {
        let resolved = kept.attach(&ws, r);
        // The budget is computed all the same, for `render --allow-errors`.
        let (b, budget_findings) = crate::budget::compute(&ws, r, &mut locator);
        if unreadable {
            diags.extend(rules::check_texts(&ws, r, &resolved));
        } else {
            let (mut findings, mut relied) = rules::check_rules(&ws, r, &resolved);
            findings.extend(budget_findings);
            relied.extend(b.unconfirmed_figures.iter().cloned());
            findings.extend(rules::closing_note(r, &relied));
            findings.extend(rules::provisional_note(r));
            if let Some(today) = today {
                findings.extend(rules::calendar::deadline(&ws, r, today));
            }
            rule_errors = findings.iter().filter(|d| d.severity == Severity::Error).count();
            diags.extend(findings);
        }
        budget = Some(b);
    }
    diagnostics::sort(&mut diags);
    diags.dedup();
    let index = budget.as_ref().map(BudgetIndex::new).unwrap_or_default();
    Ok(Analysis {
        ws,
        rules,
        form,
        budget,
        locator,
        index,
        diagnostics: diags,
        unreadable,
        rule_errors,
    })
}

/// Where each activity's (or work package's) lines and flow distances are in
/// the budget, found in one pass: the outputs look them up instead of
/// searching the whole budget for every activity and flow. Its methods take
/// the budget it was made from, the analysis's own.
#[derive(Debug, Default)]
pub struct BudgetIndex {
    /// Keyed by activity id, hashed with rustc's fast hasher (the ids are
    /// the workspace's own).
    by_activity: FxHashMap<String, Positions>,
    /// Lines without an activity: the project-level costs.
    project: Vec<usize>,
}

#[derive(Debug, Default)]
struct Positions {
    lines: Vec<usize>,
    distances: Vec<usize>,
}

impl BudgetIndex {
    pub fn new(budget: &Budget) -> BudgetIndex {
        let mut index = BudgetIndex::default();
        // An activity's lines (and distances) mostly follow each other:
        // each run of them is looked up once and added as a whole.
        let mut start = 0;
        for (i, l) in budget.lines.iter().enumerate() {
            let id = l.activity.as_deref();
            let next = budget.lines.get(i + 1).map(|n| n.activity.as_deref());
            if next == Some(id) {
                continue;
            }
            match id {
                Some(id) => index.add(id, |p| p.lines.extend(start..=i)),
                None => index.project.extend(start..=i),
            }
            start = i + 1;
        }
        start = 0;
        for (i, d) in budget.distances.iter().enumerate() {
            if budget
                .distances
                .get(i + 1)
                .is_some_and(|n| n.activity == d.activity)
            {
                continue;
            }
            index.add(&d.activity, |p| p.distances.extend(start..=i));
            start = i + 1;
        }
        index
    }

    fn add(&mut self, id: &str, add: impl FnOnce(&mut Positions)) {
        match self.by_activity.get_mut(id) {
            Some(p) => add(p),
            None => {
                let mut p = Positions::default();
                add(&mut p);
                self.by_activity.insert(id.to_string(), p);
            }
        }
    }

    /// The lines of an activity or work package (`None`: the project-level
    /// lines), in budget order.
    pub fn lines<'b>(&self, budget: &'b Budget, activity: Option<&str>) -> impl Iterator<Item = &'b Line> {
        let at = match activity {
            Some(id) => self.by_activity.get(id).map(|p| p.lines.as_slice()),
            None => Some(self.project.as_slice()),
        };
        at.unwrap_or_default().iter().filter_map(|&i| budget.lines.get(i))
    }

    /// The distances of an activity's flows, in budget order.
    pub fn distances<'b>(
        &self,
        budget: &'b Budget,
        activity: &str,
    ) -> impl Iterator<Item = &'b FlowDistance> {
        let at = self.by_activity.get(activity).map(|p| p.distances.as_slice());
        at.unwrap_or_default()
            .iter()
            .filter_map(|&i| budget.distances.get(i))
    }

    /// The distance of flow `flow` (1-based) of an activity.
    pub fn distance<'b>(&self, budget: &'b Budget, activity: &str, flow: usize) -> Option<&'b FlowDistance> {
        self.distances(budget, activity).find(|d| d.flow == flow)
    }
}

/// The rule pack for the workspace's action and call, or the findings that
/// say why there is none.
fn resolve(
    ws: &mut Workspace,
    user_rules: Option<&Path>,
    diags: &mut Vec<Diagnostic>,
    cache: Option<&PackCache>,
) -> Result<Option<Rules>> {
    let (Some(action), Some(call)) = (ws.project.action.clone(), ws.project.call.clone()) else {
        return Ok(None);
    };
    let shared = cache
        .filter(|_| user_rules.is_none() && !ws.root.join(crate::pack::sources::WORKSPACE_RULES).is_dir());
    if let Some(rules) = shared.and_then(|c| c.get(&action.value, call.value)) {
        return Ok(Some(rules));
    }
    let user = match user_rules {
        Some(path) => {
            // A file that cannot be read (missing, a folder, a FIFO, binary)
            // is a bad argument: coopcom cannot run (exit 2).
            let text =
                workspace::files::read_argument_file(path).map_err(|e| anyhow::anyhow!("--rules {e:#}"))?;
            let name = workspace::files::display_name(&ws.root, path);
            let file = ws.sources.add(SourceFile::new(name, path.to_path_buf(), text));
            Some((path.to_path_buf(), file))
        }
        None => None,
    };
    let argument = user.as_ref().map(|(p, f)| {
        (
            p.clone(),
            ws.sources.get(*f).map(|s| s.text.clone()).unwrap_or_default(),
        )
    });
    let sources = PackSources::standard(Some(&ws.root), argument);
    match registry::resolve_with(&action.value, call.value, &sources) {
        Ok(r) => {
            if let Some(c) = shared {
                c.put(&action.value, call.value, &r);
            }
            Ok(Some(r))
        }
        Err(registry::PackError::UnknownAction) => {
            let help = suggest::did_you_mean(&action.value, registry::ACTIONS.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("coopcom supports: {}", registry::ACTIONS.join(", ")));
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_ACTION,
                    format!("\"{}\" is not an action coopcom supports", action.value),
                )
                .at(&action.loc)
                .with_help(help),
            );
            Ok(None)
        }
        Err(registry::PackError::UnsupportedCall) => {
            let calls: Vec<String> = registry::calls_with(&sources)
                .iter()
                .map(|c| c.to_string())
                .collect();
            diags.push(
                Diagnostic::error(
                    codes::UNSUPPORTED_CALL,
                    format!("coopcom has no rule pack for call {}", call.value),
                )
                .at(&call.loc)
                .with_help(format!(
                    "coopcom has rule packs for the calls {}: set `call` to one of them, or add a pack for call {} (rules/README.md, \"Adding a call\")",
                    calls.join(", "),
                    call.value
                )),
            );
            Ok(None)
        }
        Err(registry::PackError::Malformed {
            file,
            text,
            span,
            message,
        }) => {
            if text.is_empty() && file.starts_with("rules/") {
                anyhow::bail!("the built-in rule pack {file} is malformed: {message}");
            }
            let argument = user.as_ref().filter(|(p, _)| p.display().to_string() == file);
            let id = match argument {
                Some((_, id)) => Some(*id),
                None if !text.is_empty() => Some(ws.sources.add(SourceFile::new(
                    file.clone(),
                    file.clone().into(),
                    text,
                ))),
                None => None,
            };
            let installed = sources
                .installed
                .as_ref()
                .is_some_and(|r| Path::new(&file).starts_with(r));
            let help = if installed {
                "an installed pack has the shape described in rules/README.md: install a corrected file with `coopcom rules install FILE`, or remove it with `coopcom rules uninstall`"
            } else {
                "a rule pack has the shape described in rules/README.md"
            };
            let mut d = Diagnostic::error(
                codes::MALFORMED_RULE_PACK,
                format!("the rule pack {file} cannot be used: {message}"),
            )
            .with_help(help);
            if let Some(id) = id {
                d = d.at(&Loc::new(id, span.unwrap_or(0..0)));
            }
            diags.push(d);
            Ok(None)
        }
    }
}
