//! The rules no single workspace can check: how many applications of one
//! deadline an organisation is part of (the limits of the rule packs), the
//! same activity in two applications, one organisation with two OIDs.
//!
//! Organisations are matched by OID; one without an OID is matched by name
//! and country (folded: case and spaces do not matter), with a warning.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::facts::{Facts, Involvement, Limit};
use crate::diagnostics::{Diagnostic, Severity, codes, render};
use crate::workspace::source::SourceMap;

/// One finding across workspaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub code: codes::Code,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
    /// Every workspace involved, in path order.
    pub places: Vec<Place>,
}

/// A workspace a finding names, with the place in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub workspace: String,
    /// `partners/p1.toml:3:7`
    pub at: String,
    /// What is there: `applicant`, `partner`, `OID E10000001`, `activity a1`.
    pub what: String,
    #[serde(skip)]
    pub index: usize,
}

/// The organisation identity of one entry: its OID, or its folded name and
/// country; and whether it was matched by name.
fn identity(
    oid: Option<&str>,
    name_key: &str,
    oids_of_name: &BTreeMap<&str, BTreeSet<&str>>,
) -> (String, bool) {
    if let Some(oid) = oid {
        return (oid.to_string(), false);
    }
    match oids_of_name.get(name_key) {
        Some(set) if set.len() == 1 => (set.iter().next().map(|s| s.to_string()).unwrap_or_default(), true),
        _ => (format!("name:{name_key}"), true),
    }
}

/// The shown name of an identity: `"Jugendhaus Köln" (DE, OID E10000001)`.
fn shown(name: &str, name_key: &str, id: &str) -> String {
    let country = name_key.rsplit('|').next().unwrap_or("");
    if id.starts_with("name:") {
        format!("\"{name}\" ({country}, no OID)")
    } else {
        format!("\"{name}\" ({country}, OID {id})")
    }
}

/// Every finding across the workspaces of `facts`, sorted.
pub fn check(facts: &[Facts]) -> Vec<Finding> {
    let mut out = Vec::new();
    // Name and country -> the OIDs given for it.
    let mut oids_of_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in facts {
        for o in &f.organisations {
            if let Some(oid) = &o.oid {
                oids_of_name.entry(&o.name_key).or_default().insert(oid);
            }
        }
    }
    // Every entry of every identity, for the name-match warning.
    struct Entry<'a> {
        index: usize,
        name: &'a str,
        name_key: &'a str,
        by_name: bool,
        applicant: bool,
        at: &'a str,
    }
    let mut by_identity: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        for o in &f.organisations {
            let (id, by_name) = identity(o.oid.as_deref(), &o.name_key, &oids_of_name);
            by_identity.entry(id).or_default().push(Entry {
                index: i,
                name: &o.name,
                name_key: &o.name_key,
                by_name,
                applicant: o.applicant,
                at: &o.at,
            });
        }
    }
    let place = |i: usize, at: &str, what: String| Place {
        workspace: facts.get(i).map(|f| f.path.clone()).unwrap_or_default(),
        at: at.to_string(),
        what,
        index: i,
    };

    // The limits per deadline: (call, round, actions counted together,
    // involvement) -> the limit, and per identity the workspaces.
    type Group = (u32, u32, Vec<String>, Involvement);
    let mut limits: BTreeMap<Group, &Limit> = BTreeMap::new();
    for f in facts {
        let (Some(call), Some(round), Some(action)) = (f.call, f.round, &f.action) else {
            continue;
        };
        for l in f.limits.iter() {
            if l.counted_with.iter().any(|c| **c == **action) {
                limits
                    .entry((call, round, l.counted_with.clone(), l.involvement))
                    .or_insert(l);
            }
        }
    }
    for ((call, round, actions, involvement), limit) in &limits {
        for (id, entries) in &by_identity {
            let mut involved: BTreeMap<usize, &Entry> = BTreeMap::new();
            for e in entries {
                let Some(f) = facts.get(e.index) else { continue };
                let counts = f.call == Some(*call)
                    && f.round == Some(*round)
                    && f.action
                        .as_ref()
                        .is_some_and(|a| actions.iter().any(|c| **c == **a))
                    && (*involvement == Involvement::Any || e.applicant);
                if counts {
                    involved.entry(e.index).or_insert(e);
                }
            }
            let n = involved.len();
            if n <= limit.max as usize {
                continue;
            }
            let Some(first) = involved.values().next() else {
                continue;
            };
            let who = shown(first.name, first.name_key, id);
            let (code, role) = match involvement {
                Involvement::Any => (codes::APPLICATIONS_PER_DEADLINE, "as applicant or partner"),
                Involvement::Applicant => (codes::APPLICATIONS_AS_APPLICANT, "as applicant"),
            };
            let max = limit.max;
            out.push(Finding {
                code,
                severity: if limit.confirmed {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message: format!(
                    "{who} is in {n} applications {role} for call {call} round {round} ({}); at most {max} are allowed",
                    actions.join(", ")
                ),
                help: Some(format!(
                    "take the organisation out of {} of these applications, or move {} to another deadline",
                    n - max as usize,
                    if n - max as usize == 1 { "it" } else { "them" }
                )),
                note: Some(format!("source: {}", limit.source)),
                places: involved
                    .iter()
                    .map(|(&i, e)| place(i, e.at, if e.applicant { "applicant" } else { "partner" }.into()))
                    .collect(),
            });
        }
    }

    // Matched by name: an organisation without an OID in a workspace, found
    // in other workspaces by its name and country.
    for (id, entries) in &by_identity {
        let workspaces: BTreeSet<usize> = entries.iter().map(|e| e.index).collect();
        if workspaces.len() < 2 || !entries.iter().any(|e| e.by_name) {
            continue;
        }
        let Some(first) = entries.first() else { continue };
        let without: BTreeSet<usize> = entries.iter().filter(|e| e.by_name).map(|e| e.index).collect();
        out.push(Finding {
            code: codes::MATCHED_BY_NAME,
            severity: Severity::Warning,
            message: format!(
                "{} is matched across {} workspaces by name and country: it has no OID in {} of them",
                shown(first.name, first.name_key, id),
                workspaces.len(),
                without.len()
            ),
            help: Some(
                "add the organisation's `oid` (E followed by 8 digits, from the Organisation Registration System) to its partner file, so that it is matched by its OID".into(),
            ),
            note: None,
            places: dedup_places(entries.iter().map(|e| {
                place(e.index, e.at, if e.by_name { "no OID".into() } else { format!("OID {id}") })
            })),
        });
    }

    // One organisation (name and country) with two or more OIDs.
    for (name_key, oids) in &oids_of_name {
        if oids.len() < 2 {
            continue;
        }
        let mut places = Vec::new();
        let mut name = "";
        for (i, f) in facts.iter().enumerate() {
            for o in &f.organisations {
                if &*o.name_key == *name_key
                    && let Some(oid) = &o.oid
                {
                    if name.is_empty() {
                        name = &o.name;
                    }
                    places.push(place(i, &o.at, format!("OID {oid}")));
                }
            }
        }
        let country = name_key.rsplit('|').next().unwrap_or("");
        out.push(Finding {
            code: codes::TWO_OIDS,
            severity: Severity::Warning,
            message: format!(
                "\"{name}\" ({country}) has {} different OIDs across the workspaces: {}",
                oids.len(),
                oids.iter().copied().collect::<Vec<_>>().join(", ")
            ),
            help: Some(
                "an organisation has one OID: use the same one everywhere, or, if these are different organisations, tell them apart by name".into(),
            ),
            note: None,
            places: dedup_places(places.into_iter()),
        });
    }

    // The same activity (dates, venue and flows) in two workspaces.
    let mut by_activity: BTreeMap<u128, Vec<(usize, &str, &str, &str)>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        for a in &f.activities {
            by_activity
                .entry(a.key)
                .or_default()
                .push((i, &a.id, &a.at, &a.label));
        }
    }
    for entries in by_activity.values() {
        let workspaces: BTreeSet<usize> = entries.iter().map(|e| e.0).collect();
        if workspaces.len() < 2 {
            continue;
        }
        let label = entries.first().map(|e| e.3).unwrap_or("");
        out.push(Finding {
            code: codes::SAME_ACTIVITY,
            severity: Severity::Warning,
            message: format!(
                "the same activity ({label}) is in {} applications, with the same dates, venue and flows",
                workspaces.len()
            ),
            help: Some(
                "an activity is funded once: keep it in one application, or change the others if they are different activities".into(),
            ),
            note: None,
            places: dedup_places(
                entries
                    .iter()
                    .map(|&(i, id, at, _)| place(i, at, format!("activity {id}"))),
            ),
        });
    }
    out.sort();
    out
}

fn dedup_places(places: impl Iterator<Item = Place>) -> Vec<Place> {
    let mut v: Vec<Place> = places.collect();
    v.sort();
    v.dedup();
    v
}

impl Finding {
    /// As a human report shows a finding, with every workspace named.
    pub fn human(&self, color: bool) -> String {
        let mut d = Diagnostic::new(self.code, self.severity, self.message.clone());
        for p in &self.places {
            d = d.with_note(format!("in {}: {} ({})", p.workspace, p.at, p.what));
        }
        if let Some(n) = &self.note {
            d = d.with_note(n.clone());
        }
        d = d.help_opt(self.help.clone());
        render::human(&d, &SourceMap::default(), color)
    }

    pub fn json(&self) -> JsonFinding<'_> {
        JsonFinding {
            code: self.code.id,
            severity: self.severity.as_str(),
            message: &self.message,
            help: self.help.as_deref(),
            note: self.note.as_deref(),
            workspaces: &self.places,
        }
    }
}

/// A finding across workspaces in JSON.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub code: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub note: Option<&'a str>,
    pub workspaces: &'a [Place],
}

/// Errors and warnings each workspace gets from the findings across
/// workspaces, by workspace index.
pub fn counts(findings: &[Finding], n: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); n];
    for f in findings {
        let named: BTreeSet<usize> = f.places.iter().map(|p| p.index).collect();
        for i in named {
            if let Some(c) = out.get_mut(i) {
                match f.severity {
                    Severity::Error => c.0 += 1,
                    Severity::Warning => c.1 += 1,
                    Severity::Note => {}
                }
            }
        }
    }
    out
}
