//! References between files: every `from`, `host`, `lead`, `partners`,
//! `prepares` and budget `activity` must name an existing id.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::workspace::{S, Workspace, is_valid_id};

fn dangling(kind: &str, field: &str, r: &S<String>, ids: &[&str], folder: &str) -> Diagnostic {
    let listed = ids
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    // A typo gets the id it is close to. Otherwise a reference that could
    // be an id names a file still to write; one that cannot (`../x`,
    // `Lyon Youth`) is a slip in the reference.
    let create = is_valid_id(&r.value).then(|| format!("create `{folder}/{}.toml`", r.value));
    let help = match (suggest::did_you_mean(&r.value, ids.iter().copied()), create) {
        (Some(s), _) => format!("did you mean `{s}`?"),
        (None, Some(create)) if ids.is_empty() => format!("{create}: there is no {kind} yet"),
        (None, Some(create)) => format!("{create}, or use one of: {listed}"),
        (None, None) if ids.is_empty() => format!("there is no {kind} yet: add a file to {folder}/"),
        (None, None) => format!("the {kind} ids are the file names in {folder}/: {listed}"),
    };
    Diagnostic::error(
        codes::UNKNOWN_REFERENCE,
        format!("`{field}` names {kind} \"{}\", which does not exist", r.value),
    )
    .at(&r.loc)
    .label(format!("no {folder}/{}.toml", r.value))
    .with_help(help)
}

pub fn check(ws: &Workspace, diags: &mut Vec<Diagnostic>) {
    let partner_ids: Vec<&str> = ws.partners.iter().map(|p| p.id.value.as_str()).collect();
    let activity_ids: Vec<&str> = ws.activities.iter().map(|a| a.id.value.as_str()).collect();
    let partner = |field: &str, r: &S<String>, diags: &mut Vec<Diagnostic>| {
        if ws.partner(&r.value).is_none() {
            diags.push(dangling("partner", field, r, &partner_ids, "partners"));
        }
    };
    let activity = |field: &str, r: &S<String>, diags: &mut Vec<Diagnostic>| {
        if ws.activity(&r.value).is_none() {
            diags.push(dangling("activity", field, r, &activity_ids, "activities"));
        }
    };

    for a in &ws.activities {
        if let Some(h) = &a.host {
            partner("host", h, diags);
        }
        if let Some(p) = &a.prepares {
            activity("prepares", p, diags);
        }
        // Maps, not lists: a file may hold tens of thousands of entries.
        let mut seen: BTreeMap<&str, &S<String>> = BTreeMap::new();
        for f in &a.flows {
            if let Some(from) = &f.from {
                partner("from", from, diags);
                if f.origin.is_none() {
                    if let Some(first) = seen.get(from.value.as_str()) {
                        diags.push(
                            Diagnostic::warning(
                                codes::DUPLICATE_ENTRY,
                                format!("two flows from \"{}\" without a distinct `origin`", from.value),
                            )
                            .at(&from.loc)
                            .secondary(&first.loc, "first flow from the same partner")
                            .with_help("merge the two flows, or give one an `origin` city if its group departs from elsewhere"),
                        );
                    }
                    seen.entry(&from.value).or_insert(from);
                }
            }
        }
    }
    for wp in &ws.work_packages {
        if let Some(l) = &wp.lead {
            partner("lead", l, diags);
        }
        for act in &wp.activities {
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            for p in &act.partners {
                partner("partners", p, diags);
                if !seen.insert(&p.value) {
                    diags.push(
                        Diagnostic::warning(
                            codes::DUPLICATE_ENTRY,
                            format!("partner \"{}\" is listed twice", p.value),
                        )
                        .at(&p.loc)
                        .with_help("list each partner once"),
                    );
                }
            }
        }
    }
    for item in ws
        .budget
        .inclusion_costs
        .iter()
        .chain(&ws.budget.exceptional_costs)
    {
        if let Some(a) = &item.activity {
            activity("activity", a, diags);
        }
    }
    let mut target_ids: BTreeMap<&str, &S<String>> = BTreeMap::new();
    for t in &ws.targets {
        if let Some(id) = &t.id {
            if let Some(first) = target_ids.get(id.value.as_str()) {
                diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ENTRY,
                        format!("two targets with the id \"{}\"", id.value),
                    )
                    .at(&id.loc)
                    .secondary(&first.loc, "first used here")
                    .with_help("give each target its own id"),
                );
            }
            target_ids.entry(&id.value).or_insert(id);
        }
    }
}
