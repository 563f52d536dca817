//! `coopcom diff`: what changed between two versions of a proposal, told
//! from the two analyses, not from the text: the grant, the organisations,
//! activities and flows field by field, the findings, the narrative texts
//! against their limits and the impact targets.
//!
//! Each side is first reduced to a [`Snapshot`] (plain values keyed by id),
//! then the snapshots are compared key by key; everything is kept in
//! ordered maps, so the same two versions always give the same answer.

pub mod output;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::budget::{Budget, Category};
use crate::diagnostics::{Diagnostic, Severity};
use crate::money::plain;
use crate::results::{self, Outcome};
use crate::workspace::model::Money;
use crate::workspace::{Activity, Flow, Place, S, Workspace};

/// An entity reduced to what a reader compares: a label and named values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entity {
    pub label: String,
    pub fields: Vec<(&'static str, String)>,
}

/// A narrative answer: its plain text, counted as the form counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub chars: usize,
    pub limit: Option<u32>,
    pub text: String,
}

/// A finding as it is matched between the two sides: by severity, code,
/// file and message, never by line, so that moving a line changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingKey {
    pub severity: Severity,
    pub code: &'static str,
    pub file: String,
    pub message: String,
}

/// One side of the comparison.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub total: Money,
    /// By activity id; project-level lines under "".
    pub by_activity: BTreeMap<String, Money>,
    pub by_category: BTreeMap<Category, Money>,
    pub organisations: BTreeMap<String, Entity>,
    pub activities: BTreeMap<String, Entity>,
    /// `<activity>/<from>`, `<activity>/<from>#2` for a second flow from the
    /// same organisation, `<activity>/flow-3` for a flow without `from`.
    pub flows: BTreeMap<String, Entity>,
    /// Each finding with the places it is found at (`file:line`).
    pub findings: BTreeMap<FindingKey, Vec<String>>,
    pub texts: BTreeMap<String, Text>,
    pub targets: BTreeMap<String, Entity>,
}

/// What the two sides of a comparison are: the plan and the plan again, or
/// the plan and what took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Plan,
    Results,
}

fn opt<T: ToString>(v: &Option<S<T>>) -> String {
    v.as_ref().map(|s| s.value.to_string()).unwrap_or_default()
}

fn place(p: &Option<Place>) -> String {
    let Some(p) = p else { return String::new() };
    match (opt(&p.city), opt(&p.country)) {
        (c, k) if c.is_empty() => k,
        (c, k) if k.is_empty() => c,
        (c, k) => format!("{c}, {k}"),
    }
}

/// Where a finding is, for people: `activities/a1.toml:12`.
fn location(d: &Diagnostic, ws: &Workspace) -> (String, String) {
    match &d.primary {
        Some(loc) => {
            let file = ws.sources.name(loc.file).to_string();
            let (line, _) = ws.sources.line_col(loc);
            (file.clone(), format!("{file}:{line}"))
        }
        None => (String::new(), String::new()),
    }
}

impl Snapshot {
    /// The plan of an analysed workspace.
    pub fn plan(a: &Analysis) -> Snapshot {
        let mut s = Snapshot::default();
        s.grant(a.budget.as_ref());
        s.organisations(&a.ws);
        s.activities(&a.ws, a.ws.activities.iter(), a.budget.as_ref());
        s.findings(&a.ws, &a.diagnostics);
        if let Some(resolved) = a.resolved() {
            for ans in &resolved.answers {
                let Some(found) = &ans.found else { continue };
                let text = found.plain(&a.ws).into_owned();
                s.texts.insert(
                    ans.key(),
                    Text {
                        chars: crate::text::count(&text),
                        limit: ans.limit.map(|l| l.value),
                        text,
                    },
                );
            }
        }
        s.targets(&a.ws, Stage::Plan);
        s
    }

    /// What took place, from `results/`: the realised activities (cancelled
    /// ones left out), the realised grant by the same engine, the findings
    /// on what took place and the values the targets reached. `None` when
    /// the workspace has no rule pack.
    pub fn results(a: &mut Analysis) -> Option<Snapshot> {
        let rules = a.rules.take()?;
        let realised = results::realise(&mut a.ws, &rules);
        a.rules = Some(rules);
        let mut s = Snapshot::default();
        s.grant(Some(&realised.budget));
        s.organisations(&a.ws);
        let acts: Vec<&Activity> = realised
            .outcomes
            .iter()
            .filter_map(|(id, outcome)| match outcome {
                Outcome::Cancelled => None,
                Outcome::Reported => a.ws.results.activity(id).map(|r| &r.activity),
                Outcome::NotReported => a.ws.activity(id),
            })
            .collect();
        s.activities(&a.ws, acts.into_iter(), Some(&realised.budget));
        s.findings(&a.ws, &realised.findings);
        s.targets(&a.ws, Stage::Results);
        Some(s)
    }

    fn grant(&mut self, budget: Option<&Budget>) {
        let Some(b) = budget else { return };
        self.total = b.total();
        for (id, m) in b.by_activity() {
            self.by_activity.insert(id.unwrap_or_default(), m);
        }
        self.by_category.extend(b.by_category());
    }

    fn organisations(&mut self, ws: &Workspace) {
        for p in &ws.partners {
            let label = p.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
            let fields = vec![
                ("name", label.clone()),
                ("legal name", opt(&p.legal_name)),
                (
                    "role",
                    p.role
                        .as_ref()
                        .map(|r| r.value.as_str().to_string())
                        .unwrap_or_default(),
                ),
                ("type", opt(&p.kind)),
                ("country", opt(&p.country)),
                ("city", opt(&p.city)),
                ("OID", opt(&p.oid)),
                ("newcomer", opt(&p.newcomer)),
            ];
            self.organisations
                .insert(p.id.value.clone(), Entity { label, fields });
        }
    }

    fn activities<'a>(
        &mut self,
        ws: &Workspace,
        acts: impl Iterator<Item = &'a Activity>,
        budget: Option<&Budget>,
    ) {
        let bands: BTreeMap<(&str, usize), (String, String)> = budget
            .map(|b| {
                b.distances
                    .iter()
                    .map(|d| {
                        let band = d.band.clone().unwrap_or_default();
                        ((d.activity.as_str(), d.flow), (band, d.km.round().to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for act in acts {
            let id = act.id.value.clone();
            let label = act.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
            let fields = vec![
                ("type", opt(&act.kind)),
                ("title", label.clone()),
                ("start", opt(&act.start)),
                ("end", opt(&act.end)),
                ("venue", place(&act.venue)),
                ("host", opt(&act.host)),
                ("flows", act.flows.len().to_string()),
                (
                    "lump-sum share",
                    act.grant.as_ref().map(|g| plain(g.value)).unwrap_or_default(),
                ),
            ];
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for (i, flow) in act.flows.iter().enumerate() {
                let number = i + 1;
                let from = opt(&flow.from);
                let key = if from.is_empty() {
                    format!("{id}/flow-{number}")
                } else {
                    let n = seen.entry(from.clone()).or_default();
                    *n += 1;
                    if *n == 1 {
                        format!("{id}/{from}")
                    } else {
                        format!("{id}/{from}#{n}")
                    }
                };
                let band = bands.get(&(id.as_str(), number)).cloned().unwrap_or_default();
                self.flows.insert(key, flow_entity(ws, &label, flow, &from, band));
            }
            self.activities.insert(id, Entity { label, fields });
        }
    }

    fn findings(&mut self, ws: &Workspace, diags: &[Diagnostic]) {
        for d in diags {
            let (file, at) = location(d, ws);
            let key = FindingKey {
                severity: d.severity,
                code: d.code.id,
                file,
                message: d.message.clone(),
            };
            self.findings.entry(key).or_default().push(at);
        }
    }

    fn targets(&mut self, ws: &Workspace, stage: Stage) {
        for (i, t) in ws.targets.iter().enumerate() {
            let id =
                t.id.as_ref()
                    .map(|v| v.value.clone())
                    .unwrap_or_else(|| format!("target-{}", i + 1));
            let label = opt(&t.indicator);
            let value = match stage {
                Stage::Plan => opt(&t.target),
                Stage::Results => actual(ws, &id)
                    .or_else(|| t.actual.as_ref().map(|a| a.value.to_string()))
                    .unwrap_or_default(),
            };
            let fields = vec![
                ("indicator", label.clone()),
                ("unit", opt(&t.unit)),
                ("baseline", opt(&t.baseline)),
                (
                    if stage == Stage::Plan {
                        "target"
                    } else {
                        "target / reached"
                    },
                    value,
                ),
                ("by", opt(&t.by)),
            ];
            self.targets.insert(id, Entity { label, fields });
        }
    }

    /// Applies the renames of organisations found (old id to new id) to
    /// this, the old side: the organisation, the flows from it, the
    /// activities it hosts, its texts and the files of its findings.
    pub fn rename(&mut self, renames: &[Renamed]) {
        if renames.is_empty() {
            return;
        }
        let to = |id: &str| renames.iter().find(|r| r.old == id).map(|r| r.new.clone());
        let orgs = std::mem::take(&mut self.organisations);
        self.organisations = orgs.into_iter().map(|(k, v)| (to(&k).unwrap_or(k), v)).collect();
        let flows = std::mem::take(&mut self.flows);
        for (key, mut flow) in flows {
            for (name, value) in flow.fields.iter_mut() {
                if *name == "from"
                    && let Some(n) = to(value)
                {
                    *value = n;
                }
            }
            let key = match key.split_once('/') {
                Some((act, rest)) => {
                    let (from, n) = rest.split_once('#').map_or((rest, None), |(f, n)| (f, Some(n)));
                    match (to(from), n) {
                        (Some(new), Some(n)) => format!("{act}/{new}#{n}"),
                        (Some(new), None) => format!("{act}/{new}"),
                        _ => key,
                    }
                }
                None => key,
            };
            self.flows.insert(key, flow);
        }
        for act in self.activities.values_mut() {
            for (name, value) in act.fields.iter_mut() {
                if *name == "host"
                    && let Some(n) = to(value)
                {
                    *value = n;
                }
            }
        }
        let path = |s: &str| {
            let mut s = s.to_string();
            for r in renames {
                s = s
                    .replace(
                        &format!("partners/{}.toml", r.old),
                        &format!("partners/{}.toml", r.new),
                    )
                    .replace(
                        &format!("organisations/{}/", r.old),
                        &format!("organisations/{}/", r.new),
                    );
            }
            s
        };
        let texts = std::mem::take(&mut self.texts);
        self.texts = texts.into_iter().map(|(k, v)| (path(&k), v)).collect();
        let findings = std::mem::take(&mut self.findings);
        for (mut key, at) in findings {
            key.file = path(&key.file);
            self.findings.entry(key).or_default().extend(at);
        }
    }
}

/// The value a target reached, from `results/report.toml`.
fn actual(ws: &Workspace, id: &str) -> Option<String> {
    let report = ws.results.report.as_ref()?;
    report
        .actuals
        .iter()
        .find(|a| a.target.as_ref().is_some_and(|t| t.value == id))
        .and_then(|a| a.value.as_ref().map(|v| v.value.to_string()))
}

fn flow_entity(
    ws: &Workspace,
    activity: &str,
    flow: &Flow,
    from: &str,
    (band, km): (String, String),
) -> Entity {
    let org = ws
        .partner(from)
        .and_then(|p| p.name.as_ref().map(|n| n.value.clone()))
        .unwrap_or_else(|| from.to_string());
    Entity {
        label: format!("{activity}: the group from {org}"),
        fields: vec![
            ("from", from.to_string()),
            ("participants", opt(&flow.participants)),
            ("women", opt(&flow.women)),
            ("fewer opportunities", opt(&flow.fewer_opportunities)),
            ("group leaders", opt(&flow.group_leaders)),
            ("facilitators", opt(&flow.facilitators)),
            ("accompanying persons", opt(&flow.accompanying)),
            ("origin", place(&flow.origin)),
            ("distance band", band),
            ("km", km),
            ("green travel", opt(&flow.green_travel)),
            ("travel days", opt(&flow.travel_days)),
        ],
    }
}

/// An organisation whose id changed, its references following.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renamed {
    pub old: String,
    pub new: String,
    /// What shows it is the same organisation: `OID` or `name and country`.
    pub by: &'static str,
}

/// Pairs an organisation gone from the old side with one new on the new
/// side when exactly one of each has the same OID, or else the same name
/// and country: anything less certain stays removed and added.
pub fn renames(old: &Snapshot, new: &Snapshot) -> Vec<Renamed> {
    let gone: Vec<(&String, &Entity)> = old
        .organisations
        .iter()
        .filter(|(k, _)| !new.organisations.contains_key(*k))
        .collect();
    let came: Vec<(&String, &Entity)> = new
        .organisations
        .iter()
        .filter(|(k, _)| !old.organisations.contains_key(*k))
        .collect();
    let field = |e: &Entity, f: &str| {
        e.fields
            .iter()
            .find(|(n, _)| *n == f)
            .map(|(_, v)| v.trim().to_lowercase())
            .unwrap_or_default()
    };
    let oid = |e: &Entity| field(e, "OID");
    let name = |e: &Entity| (field(e, "name"), field(e, "country"));
    // The one organisation that came and matches `e`, when `e` is also the
    // only one gone that matches it.
    let unique = |same: &dyn Fn(&Entity, &Entity) -> bool, e: &Entity| -> Option<String> {
        let mut hits = came.iter().filter(|(_, n)| same(e, n));
        let (k, n) = hits.next()?;
        if hits.next().is_some() || gone.iter().filter(|(_, o)| same(o, n)).count() != 1 {
            return None;
        }
        Some((*k).clone())
    };
    let same_oid = |a: &Entity, b: &Entity| !oid(a).is_empty() && oid(a) == oid(b);
    let same_name = |a: &Entity, b: &Entity| !name(a).0.is_empty() && name(a) == name(b);
    let mut out: Vec<Renamed> = Vec::new();
    for (id, e) in &gone {
        let found = match unique(&same_oid, e) {
            Some(n) => Some((n, "OID")),
            None => unique(&same_name, e).map(|n| (n, "name and country")),
        };
        if let Some((n, by)) = found
            && !out.iter().any(|r| r.new == n)
        {
            out.push(Renamed {
                old: (*id).clone(),
                new: n,
                by,
            });
        }
    }
    out
}

/// An amount on both sides, as two-decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    pub old: String,
    pub new: String,
    pub change: String,
}

impl Amount {
    fn of(old: Money, new: Money) -> Amount {
        Amount {
            old: plain(old),
            new: plain(new),
            change: plain(new - old),
        }
    }
}

/// A subtotal that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subtotal {
    /// The activity id (`""` for the project-level lines) or the category.
    pub name: String,
    #[serde(flatten)]
    pub amount: Amount,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grant {
    pub old: String,
    pub new: String,
    pub change: String,
    pub by_activity: Vec<Subtotal>,
    pub by_category: Vec<Subtotal>,
}

/// An entity on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    pub id: String,
    pub label: String,
    pub fields: Vec<FieldChange>,
}

/// Entities added, removed and changed, each sorted by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Changes {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub changed: Vec<Changed>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub code: &'static str,
    pub file: String,
    /// `file:line` on the side where the finding is.
    pub at: String,
    pub message: String,
}

/// Findings that appeared on the new side or disappeared from it, errors
/// first.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Findings {
    pub appeared: Vec<Finding>,
    pub disappeared: Vec<Finding>,
}

/// A narrative answer whose text or count changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChange {
    pub field: String,
    pub old_chars: usize,
    pub new_chars: usize,
    pub limit: Option<u32>,
    pub over_limit_old: bool,
    pub over_limit_new: bool,
    pub text_changed: bool,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub grant: Grant,
    pub renamed: Vec<Renamed>,
    pub organisations: Changes,
    pub activities: Changes,
    pub flows: Changes,
    pub findings: Findings,
    pub texts: Vec<TextChange>,
    pub targets: Changes,
}

impl Diff {
    /// True when the two analyses are the same.
    pub fn is_empty(&self) -> bool {
        self.grant.change == plain(Money::ZERO)
            && self.grant.by_activity.is_empty()
            && self.grant.by_category.is_empty()
            && self.renamed.is_empty()
            && self.organisations.is_empty()
            && self.activities.is_empty()
            && self.flows.is_empty()
            && self.findings.appeared.is_empty()
            && self.findings.disappeared.is_empty()
            && self.texts.is_empty()
            && self.targets.is_empty()
    }
}

fn subtotals<K: Ord + Clone>(
    old: &BTreeMap<K, Money>,
    new: &BTreeMap<K, Money>,
    name: impl Fn(&K) -> String,
) -> Vec<Subtotal> {
    let mut keys: Vec<&K> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (
                old.get(k).copied().unwrap_or_default(),
                new.get(k).copied().unwrap_or_default(),
            );
            (o != n).then(|| Subtotal {
                name: name(k),
                amount: Amount::of(o, n),
            })
        })
        .collect()
}

fn entities(old: &BTreeMap<String, Entity>, new: &BTreeMap<String, Entity>) -> Changes {
    let mut c = Changes::default();
    for (id, o) in old {
        match new.get(id) {
            None => c.removed.push(Item {
                id: id.clone(),
                label: o.label.clone(),
            }),
            Some(n) => {
                let fields: Vec<FieldChange> = o
                    .fields
                    .iter()
                    .zip(&n.fields)
                    .filter(|((_, a), (_, b))| a != b)
                    .map(|((f, a), (_, b))| FieldChange {
                        field: f,
                        old: a.clone(),
                        new: b.clone(),
                    })
                    .collect();
                if !fields.is_empty() {
                    c.changed.push(Changed {
                        id: id.clone(),
                        label: n.label.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (id, n) in new {
        if !old.contains_key(id) {
            c.added.push(Item {
                id: id.clone(),
                label: n.label.clone(),
            });
        }
    }
    c
}

/// The findings of `a` that `b` has fewer of, each place once.
fn only_in(a: &BTreeMap<FindingKey, Vec<String>>, b: &BTreeMap<FindingKey, Vec<String>>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, at) in a {
        let there = b.get(key).map_or(0, Vec::len);
        for place in at.iter().skip(there) {
            out.push(Finding {
                severity: key.severity.as_str(),
                code: key.code,
                file: key.file.clone(),
                at: place.clone(),
                message: key.message.clone(),
            });
        }
    }
    out
}

fn texts(old: &BTreeMap<String, Text>, new: &BTreeMap<String, Text>) -> Vec<TextChange> {
    let empty = Text {
        chars: 0,
        limit: None,
        text: String::new(),
    };
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (old.get(k).unwrap_or(&empty), new.get(k).unwrap_or(&empty));
            let limit = n.limit.or(o.limit);
            // Each side against its own limit (a text of one side only
            // against the other side's).
            let over = |t: &Text| t.limit.or(limit).is_some_and(|l| t.chars > l as usize);
            // A text that changed, or a limit that did (another rule pack).
            (o.text != n.text || o.limit != n.limit).then(|| TextChange {
                field: k.clone(),
                old_chars: o.chars,
                new_chars: n.chars,
                limit,
                over_limit_old: over(o),
                over_limit_new: over(n),
                text_changed: o.text != n.text,
            })
        })
        .collect()
}

/// Compares two snapshots; `old` has the renames already applied.
pub fn compare(
    old_name: &str,
    new_name: &str,
    old: &Snapshot,
    new: &Snapshot,
    renamed: Vec<Renamed>,
) -> Diff {
    Diff {
        old: old_name.to_string(),
        new: new_name.to_string(),
        grant: Grant {
            old: plain(old.total),
            new: plain(new.total),
            change: plain(new.total - old.total),
            by_activity: subtotals(&old.by_activity, &new.by_activity, |k| k.clone()),
            by_category: subtotals(&old.by_category, &new.by_category, |c| c.label().to_string()),
        },
        renamed,
        organisations: entities(&old.organisations, &new.organisations),
        activities: entities(&old.activities, &new.activities),
        flows: entities(&old.flows, &new.flows),
        findings: Findings {
            appeared: only_in(&new.findings, &old.findings),
            disappeared: only_in(&old.findings, &new.findings),
        },
        texts: texts(&old.texts, &new.texts),
        targets: entities(&old.targets, &new.targets),
    }
}

/// Compares two analysed sides of the same stage, organisations renamed
/// recognised first.
pub fn between(old_name: &str, new_name: &str, mut old: Snapshot, new: Snapshot) -> Diff {
    let renamed = renames(&old, &new);
    old.rename(&renamed);
    compare(old_name, new_name, &old, &new, renamed)
}
