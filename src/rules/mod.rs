//! The checks of `coopcom check`: logic here, figures in the rule packs.
//!
//! Checks are grouped by subject. Each finding that rests on a figure cites
//! the figure's source, and its severity follows the figure's status:
//! confirmed figures give errors, secondary figures warnings, unconfirmed
//! figures notes only (they are never enforced).

pub mod activities;
pub mod calendar;
pub mod dates;
pub mod eligibility;
pub mod lump_sum;
pub mod participants;
pub mod project;
pub mod references;
pub mod texts;

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Bound;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Code, Diagnostic, Severity, codes};
use crate::form::Resolved;
use crate::pack::figures;
pub use crate::pack::registry::Rules;
use crate::pack::{ActivityType, CountryGroup, Sourced, Status};
use crate::workspace::{Partner, Workspace};

/// State of one check run: the workspace, the rules, the findings so far and
/// the non-confirmed figures the workspace relied on.
pub struct Checker<'a> {
    pub ws: &'a Workspace,
    pub rules: &'a Rules,
    pub diags: Vec<Diagnostic>,
    relied: BTreeSet<String>,
    /// The partners by id: the checks of every activity look up the
    /// organisations of its flows several times.
    partners: PartnerIndex<'a>,
}

/// The partners of a workspace by id, made on first use: a hash lookup
/// instead of a binary search of string comparisons for each of the
/// thousands of flows of a large workspace.
#[derive(Default)]
pub(crate) struct PartnerIndex<'a> {
    by_id: OnceCell<FxHashMap<&'a str, &'a Partner>>,
}

impl<'a> PartnerIndex<'a> {
    /// The partner of that id, as [`Workspace::partner`] finds it.
    pub fn get(&self, ws: &'a Workspace, id: &str) -> Option<&'a Partner> {
        self.by_id
            .get_or_init(|| {
                let mut by_id = FxHashMap::default();
                for p in &ws.partners {
                    let id = p.id.value.as_str();
                    // Where ids repeat (an error of its own), the one the
                    // workspace's own lookup finds.
                    if let Some(found) = ws.partner(id) {
                        by_id.entry(id).or_insert(found);
                    }
                }
                by_id
            })
            .get(id)
            .copied()
    }
}

impl<'a> Checker<'a> {
    pub fn new(ws: &'a Workspace, rules: &'a Rules) -> Self {
        Checker {
            ws,
            rules,
            diags: Vec::new(),
            relied: BTreeSet::new(),
            partners: PartnerIndex::default(),
        }
    }

    /// The partner of that id, as [`Workspace::partner`] finds it.
    pub fn partner(&self, id: &str) -> Option<&'a Partner> {
        self.partners.get(self.ws, id)
    }

    /// Records that a check used a figure; non-confirmed figures are listed
    /// in the closing note.
    pub fn uses(&mut self, what: &str, fig: &dyn Sourced) {
        rely(&mut self.relied, what, fig);
    }

    /// A finding that breaks the rule behind `fig`. The severity follows the
    /// figure's status; the message ends with the rule's source.
    pub fn rule(&mut self, code: Code, what: &str, fig: &dyn Sourced, message: String) -> Diagnostic {
        self.uses(what, fig);
        let mut d = Diagnostic::new(code, severity_of(fig), format!("{message} ({})", cite(fig)));
        if let Some(n) = status_note(fig) {
            d = d.with_note(n);
        }
        d
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn group_of(&self, country: &str) -> Option<&'a CountryGroup> {
        self.rules.group_of(country)
    }

    /// Ends the run: the findings, and the non-confirmed figures relied on.
    pub fn finish(self) -> (Vec<Diagnostic>, BTreeSet<String>) {
        (self.diags, self.relied)
    }
}

/// Adds a non-confirmed figure to `relied` as the closing note lists it,
/// `what (status)` (nothing for a confirmed one). The
/// checks and the budget use the same figures once per activity or flow:
/// an entry already there is recognised in place, not written out again.
pub fn rely(relied: &mut BTreeSet<String>, what: &str, fig: &dyn Sourced) {
    if fig.status() == Status::Confirmed && !fig.assumed() {
        return;
    }
    let status = status_words(fig);
    // The entries that begin with `what` sort together from `what` on.
    let listed = relied
        .range::<str, _>((Bound::Included(what), Bound::Unbounded))
        .take_while(|entry| entry.starts_with(what))
        .any(|entry| {
            entry
                .strip_prefix(what)
                .and_then(|rest| rest.strip_prefix(" ("))
                .and_then(|rest| rest.strip_suffix(')'))
                == Some(status.as_ref())
        });
    if !listed {
        relied.insert(format!("{what} ({status})"));
    }
}

/// The one-line closing note of `check`: the figures not confirmed from the
/// Programme Guide that this workspace relies on (rules and budget alike).
pub fn closing_note(rules: &Rules, relied: &BTreeSet<String>) -> Option<Diagnostic> {
    if relied.is_empty() {
        return None;
    }
    let n = relied.len();
    let list: Vec<&str> = relied.iter().map(String::as_str).collect();
    Some(
        Diagnostic::note(
            codes::UNCONFIRMED_FIGURES,
            format!(
                "this workspace relies on {n} figure{} of the {} rule pack that {} not confirmed from the Programme Guide",
                if n == 1 { "" } else { "s" },
                rules.call.pack.call,
                if n == 1 { "is" } else { "are" }
            ),
        )
        .with_note(format!("figures used: {}", list.join("; ")))
        .with_help(format!(
            "see `coopcom rules --action {} --call {}` for every figure with its source and status",
            rules.code, rules.call.pack.call
        )),
    )
}

/// The note that ends `check` when the pack in force is provisional: how
/// many of its figures are carried over, and how to bring it up to date.
pub fn provisional_note(rules: &Rules) -> Option<Diagnostic> {
    let from = rules.call.pack.carried_over_from?;
    let (carried, total) = figures::carried_over(rules);
    if carried == 0 {
        return None;
    }
    let call = rules.call.pack.call;
    Some(
        Diagnostic::note(
            codes::PROVISIONAL_PACK,
            format!(
                "the call {call} rule pack is provisional: {carried} of its {total} figures are carried over from call {from}, not yet checked against the Programme Guide {call}"
            ),
        )
        .with_note(format!(
            "findings based on a carried-over figure keep the severity they have in call {from}; round dates the pack assumes are notes"
        ))
        .with_help(format!(
            "when the Programme Guide {call} is out, write the figures that changed in a file and run `coopcom rules install FILE` (the file's format: rules/README.md, \"Correcting a pack\"); `coopcom rules diff --call {from} --call {call}` then shows what differs"
        )),
    )
}

/// How loud a finding based on `fig` is: a confirmed figure gives an error,
/// a secondary one a warning, an unconfirmed or assumed one a note. A
/// carried-over figure is as loud as it was in the pack it came from.
pub fn severity_of(fig: &dyn Sourced) -> Severity {
    match (fig.status().standing(), fig.assumed()) {
        (Status::Confirmed, false) => Severity::Error,
        (Status::Secondary, false) => Severity::Warning,
        _ => Severity::Note,
    }
}

/// "Guide 2026 p. 158" or "Guide 2026 p. 158; secondary". The source of a
/// carried-over figure already says that it is carried over (see `carry`).
pub fn cite(fig: &dyn Sourced) -> String {
    match (fig.status().standing(), fig.assumed()) {
        (Status::Confirmed, false) => fig.source().to_string(),
        (_, true) if fig.source().eq_ignore_ascii_case("coopcom") => "assumed by coopcom".to_string(),
        (s, false) => format!("{}; {}", fig.source(), s.as_str()),
        _ => format!("{}; {}", fig.source(), describe_status(fig)),
    }
}

fn describe_status(fig: &dyn Sourced) -> String {
    status_words(fig).into_owned()
}

/// [`describe_status`] without a copy where the words are fixed.
fn status_words(fig: &dyn Sourced) -> std::borrow::Cow<'static, str> {
    if fig.assumed() {
        "assumed by coopcom".into()
    } else {
        match fig.status() {
            s @ Status::CarriedOver(_) => s.describe().into(),
            s => s.as_str().into(),
        }
    }
}

/// A note that says what a non-confirmed status means for the finding.
pub fn status_note(fig: &dyn Sourced) -> Option<String> {
    let note = match (fig.status().standing(), fig.assumed()) {
        (Status::Confirmed, false) => None,
        (_, true) => Some("this figure is assumed by coopcom, not a programme rule: it is not enforced; correct it with --rules if you know the real value".to_string()),
        (Status::Secondary, _) => Some("this figure is not confirmed from the Programme Guide (secondary source), so the finding is a warning".into()),
        _ => Some("this figure is not confirmed from any source, so the finding is not enforced".into()),
    };
    if !fig.status().is_carried_over() {
        return note;
    }
    let carried = "this figure is carried over from the previous call's rule pack and not yet checked against this call's Programme Guide; the finding keeps the severity it had there";
    Some(match note {
        Some(n) => format!("{carried}; {n}"),
        None => carried.to_string(),
    })
}

impl Rules {
    pub fn group_of(&self, country: &str) -> Option<&CountryGroup> {
        self.call
            .country_groups
            .iter()
            .find(|g| g.countries.iter().any(|c| c == country))
    }

    pub fn activity_type(&self, key: &str) -> Option<&ActivityType> {
        self.action.activity_types.iter().find(|t| t.key == key)
    }

    pub fn country_in_groups(&self, country: &str, groups: &[String]) -> bool {
        self.group_of(country).is_some_and(|g| groups.contains(&g.key))
    }

    /// Member State or associated country.
    pub fn is_programme_country(&self, country: &str) -> bool {
        self.group_of(country)
            .is_some_and(|g| g.key == "member-state" || g.key == "associated")
    }
}

/// Runs every check that needs no rule pack: references and dates.
pub fn check_structure(ws: &Workspace) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    references::check(ws, &mut diags);
    dates::check(ws, &mut diags);
    activities::check_counts(ws, &mut diags);
    diags
}

/// The checks of the narrative texts alone, for a workspace whose settings
/// files could not all be read: the texts do not depend on them.
pub fn check_texts(ws: &Workspace, rules: &Rules, form: &Resolved<'_>) -> Vec<Diagnostic> {
    let mut c = Checker::new(ws, rules);
    texts::check(&mut c, form);
    c.finish().0
}

/// Runs every check that needs the rule pack; `form` is the form of `rules`
/// resolved against `ws`.
pub fn check_rules(
    ws: &Workspace,
    rules: &Rules,
    form: &Resolved<'_>,
) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let mut c = Checker::new(ws, rules);
    project::check(&mut c);
    eligibility::check(&mut c);
    activities::check(&mut c);
    lump_sum::check(&mut c);
    texts::check(&mut c, form);
    c.finish()
}
