//! What is kept of one workspace's analysis for the rules across
//! workspaces and the summary: a few strings and numbers, never the
//! workspace itself.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::diagnostics::Summary;
use crate::pack::{ApplicationsLimit, Status};
use crate::workspace::Money;
use crate::workspace::Role;
use crate::workspace::source::Loc;

/// A text many workspaces share (an OID, a name, an action code), kept once
/// by the [`Interner`].
pub type Text = Arc<str>;

/// The facts of one workspace.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The workspace folder as shown in output.
    pub path: String,
    pub action: Option<Text>,
    pub call: Option<u32>,
    pub round: Option<u32>,
    /// The grant, when the workspace has no error (the budget is not
    /// trustworthy otherwise).
    pub grant: Option<Money>,
    pub errors: usize,
    pub warnings: usize,
    /// The limits of the action's pack on applications per deadline.
    pub limits: Arc<Vec<Limit>>,
    /// The participating organisations (associated partners do not count).
    pub organisations: Vec<Organisation>,
    pub activities: Vec<ActivityKey>,
}

/// Which applications a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Involvement {
    /// As applicant or partner.
    Any,
    /// As applicant only.
    Applicant,
}

/// A limit on applications per deadline, as the pack gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub involvement: Involvement,
    pub max: u32,
    /// The action codes counted together, sorted.
    pub counted_with: Vec<String>,
    pub confirmed: bool,
    pub source: String,
}

/// One participating organisation of a workspace.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub oid: Option<Text>,
    /// The name as written.
    pub name: Text,
    /// Name and country, folded for matching: `jugendhaus köln|DE`.
    pub name_key: Text,
    pub applicant: bool,
    /// `partners/p1.toml:3:7`: where the OID (or, without one, the name) is.
    pub at: Text,
}

/// One activity, reduced to what makes it the same activity in another
/// workspace: dates, venue and flows (who sends how many persons).
#[derive(Debug, Clone)]
pub struct ActivityKey {
    pub id: Box<str>,
    /// A 128-bit hash of type, dates, venue and flows: equal for the same
    /// activity; two different activities share one by a chance of about
    /// 2^-128 (the hash is deterministic, not a defence against forgery,
    /// which would only make a false CC619 warning).
    pub key: u128,
    /// `youth-exchange 2026-07-01 to 2026-07-07 in Valencia, ES, 5 flows`.
    pub label: Box<str>,
    pub at: Box<str>,
}

/// Keeps one copy of the texts and limit lists many workspaces share, so
/// that the facts kept for thousands of workspaces stay small.
#[derive(Default)]
pub struct Interner {
    texts: HashSet<Text>,
    limits: Vec<Arc<Vec<Limit>>>,
}

impl Interner {
    fn text(&mut self, t: &mut Text) {
        match self.texts.get(t) {
            Some(shared) => *t = shared.clone(),
            None => {
                self.texts.insert(t.clone());
            }
        }
    }

    /// Replaces the shared parts of `f` by the copies already kept.
    pub fn intern(&mut self, f: &mut Facts) {
        if let Some(a) = &mut f.action {
            self.text(a);
        }
        for o in &mut f.organisations {
            if let Some(oid) = &mut o.oid {
                self.text(oid);
            }
            self.text(&mut o.name);
            self.text(&mut o.name_key);
            self.text(&mut o.at);
        }
        match self.limits.iter().find(|l| **l == f.limits) {
            Some(shared) => f.limits = shared.clone(),
            None => self.limits.push(f.limits.clone()),
        }
        f.organisations.shrink_to_fit();
        f.activities.shrink_to_fit();
    }
}

/// A deterministic 128-bit hash of a text.
fn hash128(text: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

impl Facts {
    pub fn of(path: &Path, a: &Analysis) -> Facts {
        let ws = &a.ws;
        let summary = Summary::of(&a.diagnostics);
        let at = |loc: &Loc| {
            let (line, col) = ws.sources.line_col(loc);
            format!("{}:{line}:{col}", ws.sources.name(loc.file))
        };
        let mut limits = Vec::new();
        if let Some(r) = &a.rules {
            let e = &r.action.eligibility;
            let both = [
                (Involvement::Any, &e.applications_per_deadline),
                (Involvement::Applicant, &e.applications_as_applicant_per_deadline),
            ];
            for (involvement, limit) in both {
                if let Some(l) = limit {
                    limits.push(Limit::of(involvement, l));
                }
            }
        }
        let mut organisations = Vec::new();
        for p in &ws.partners {
            let role = p.role.as_ref().map(|r| r.value);
            if role == Some(Role::AssociatedPartner) {
                continue;
            }
            let name = p
                .name
                .as_ref()
                .or(p.legal_name.as_ref())
                .map(|n| n.value.clone())
                .unwrap_or_else(|| p.id.value.clone());
            let country = p
                .country
                .as_ref()
                .map(|c| c.value.to_uppercase())
                .unwrap_or_default();
            let oid = p
                .oid
                .as_ref()
                .map(|o| o.value.trim().to_uppercase())
                .filter(|o| !o.is_empty());
            let loc = p
                .oid
                .as_ref()
                .map(|o| &o.loc)
                .or(p.name.as_ref().map(|n| &n.loc))
                .unwrap_or(&p.id.loc);
            organisations.push(Organisation {
                oid: oid.map(Text::from),
                name_key: format!("{}|{country}", fold(&name)).into(),
                name: name.into(),
                applicant: role == Some(Role::Applicant),
                at: at(loc).into(),
            });
        }
        let identity = |partner: &str| {
            ws.partner(partner)
                .map(|p| match p.oid.as_ref().filter(|o| !o.value.trim().is_empty()) {
                    Some(o) => o.value.trim().to_uppercase(),
                    None => format!(
                        "{}|{}",
                        fold(p.name.as_ref().map(|n| n.value.as_str()).unwrap_or(&p.id.value)),
                        p.country
                            .as_ref()
                            .map(|c| c.value.to_uppercase())
                            .unwrap_or_default()
                    ),
                })
                .unwrap_or_else(|| partner.to_string())
        };
        let mut activities = Vec::new();
        for act in &ws.activities {
            let (Some(start), Some(end), Some(venue)) = (&act.start, &act.end, &act.venue) else {
                continue;
            };
            let city = venue.city.as_ref().map(|c| fold(&c.value)).unwrap_or_default();
            let country = venue
                .country
                .as_ref()
                .map(|c| c.value.to_uppercase())
                .unwrap_or_default();
            let mut flows: Vec<String> = act
                .flows
                .iter()
                .map(|f| {
                    format!(
                        "{}:{}/{}/{}/{}",
                        f.from.as_ref().map(|p| identity(&p.value)).unwrap_or_default(),
                        f.participants(),
                        f.group_leaders(),
                        f.facilitators(),
                        f.accompanying()
                    )
                })
                .collect();
            if flows.is_empty() {
                continue;
            }
            flows.sort();
            let label = format!(
                "{}{} to {} in {}, {country}, {} flow{}",
                act.kind
                    .as_ref()
                    .map(|k| format!("{} ", k.value))
                    .unwrap_or_default(),
                start.value,
                end.value,
                venue.city.as_ref().map(|c| c.value.as_str()).unwrap_or("?"),
                flows.len(),
                if flows.len() == 1 { "" } else { "s" }
            );
            activities.push(ActivityKey {
                id: act.id.value.as_str().into(),
                label: label.into(),
                key: hash128(&format!(
                    "{}|{}|{}|{}|{}|{}",
                    act.kind.as_ref().map(|k| k.value.as_str()).unwrap_or(""),
                    start.value,
                    end.value,
                    city,
                    country,
                    flows.join(",")
                )),
                at: at(&act.id.loc).into(),
            });
        }
        let grant = if summary.errors == 0 {
            a.budget.as_ref().map(crate::budget::Budget::total)
        } else {
            None
        };
        Facts {
            path: super::shown(path),
            action: ws.project.action.as_ref().map(|s| Text::from(s.value.as_str())),
            call: ws.project.call.as_ref().map(|s| s.value),
            round: ws.project.round.as_ref().map(|s| s.value),
            grant,
            errors: summary.errors,
            warnings: summary.warnings,
            limits: Arc::new(limits),
            organisations,
            activities,
        }
    }
}

impl Limit {
    fn of(involvement: Involvement, l: &ApplicationsLimit) -> Limit {
        let mut counted_with = l.counted_with.clone();
        counted_with.sort();
        Limit {
            involvement,
            max: l.max,
            counted_with,
            confirmed: l.status == Status::Confirmed && !l.assumed,
            source: l.source.clone(),
        }
    }
}

/// A name folded for matching: lower case, runs of spaces as one.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
