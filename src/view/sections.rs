//! The form's sections as the draft, the paste pack, `status` and the Word
//! export show them: from the one resolution of the form against the
//! workspace ([`crate::form`]), in the form's order, with every answer's
//! text, count, limit (and where the limit comes from) and state.

use rustc_hash::FxHashMap;

use super::model::{Completeness, Field, Group, Section};
use super::without_notes;
use crate::analysis::Analysis;
use crate::form::{self, Answer, Owner};
use crate::text as plain;

/// An answer's owner as a key for the indexes below, borrowed from the
/// resolution: the same entity as [`Owner::id`] names it (within a section
/// every owner is of the section's one kind), without building the name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum OwnerKey<'w> {
    Project,
    Entity(&'w str),
    Flow(&'w str, usize),
}

impl<'w> OwnerKey<'w> {
    fn of(owner: &'w Owner) -> Self {
        match owner {
            Owner::Project => OwnerKey::Project,
            Owner::Organisation { id, .. } | Owner::Activity { id, .. } | Owner::WorkPackage { id, .. } => {
                OwnerKey::Entity(id)
            }
            Owner::Flow { activity, number, .. } => OwnerKey::Flow(activity, *number),
        }
    }
}

pub fn sections(a: &Analysis) -> Vec<Section> {
    let (Some(rules), Some(resolved)) = (a.rules.as_ref(), a.resolved()) else {
        return Vec::new();
    };
    // The answers of each section, in the resolution's order, gathered in
    // one pass rather than one pass per section.
    let form = &rules.action.form.sections;
    let mut by_section: Vec<Vec<&Answer<'_>>> = form.iter().map(|_| Vec::new()).collect();
    for x in &resolved.answers {
        if let Some(list) = form
            .iter()
            .position(|sec| std::ptr::eq(x.section, sec))
            .and_then(|i| by_section.get_mut(i))
        {
            list.push(x);
        }
    }
    let mut out: Vec<Section> = Vec::with_capacity(form.len());
    for (sec, answers) in form.iter().zip(by_section) {
        let mut section = Section {
            key: sec.key.clone(),
            title: sec.title.clone(),
            scope: sec.scope.as_str(),
            has_subsections: sec.fields.iter().any(|f| f.subsection.is_some()),
            fields: Vec::new(),
            groups: Vec::new(),
        };
        // The group of each answer, found through an index, not by a
        // search of every group so far (a section holds the answers of
        // every activity); an owner's answers mostly follow each other, so
        // the last group stays at hand. An entity whose every answer is
        // optional and unanswered is left out of the section (see
        // `Section::groups`): such a group is not built at all, which is
        // most flows of a large project.
        let mut group_of: FxHashMap<OwnerKey<'_>, usize> = FxHashMap::default();
        let mut owners: Vec<(&Owner, bool)> = Vec::new();
        let mut current: Option<(OwnerKey<'_>, usize)> = None;
        let placed: Vec<Option<usize>> = answers
            .iter()
            .map(|x| match x.owner {
                Owner::Project => None,
                o => {
                    let key = OwnerKey::of(o);
                    let i = match current {
                        Some((k, i)) if k == key => i,
                        _ => *group_of.entry(key).or_insert_with(|| {
                            owners.push((o, false));
                            owners.len() - 1
                        }),
                    };
                    current = Some((key, i));
                    if let Some((_, shown)) = owners.get_mut(i) {
                        *shown |= x.found.is_some() || x.required();
                    }
                    Some(i)
                }
            })
            .collect();
        let mut kept: Vec<Option<usize>> = Vec::with_capacity(owners.len());
        for (o, shown) in &owners {
            kept.push(shown.then(|| {
                section.groups.push(Group {
                    id: o.id(),
                    name: o.label(),
                    fields: Vec::with_capacity(sec.fields.len()),
                });
                section.groups.len() - 1
            }));
        }
        // Sub-section headings open where the sub-section changes, within
        // the section or within each group.
        let mut project_sub: Option<Option<&str>> = None;
        let mut group_subs: Vec<Option<Option<&str>>> = vec![None; section.groups.len()];
        for (x, at) in answers.iter().zip(placed) {
            let group = match at {
                None => None,
                Some(i) => match kept.get(i).copied().flatten() {
                    Some(g) => Some(g),
                    None => continue,
                },
            };
            let mut f = field(a, x);
            let sub = x.field.subsection.as_deref();
            let last = match group {
                None => Some(&mut project_sub),
                Some(i) => group_subs.get_mut(i),
            };
            let opens = last.is_some_and(|last| last.replace(sub) != Some(sub));
            if opens && !x.english {
                f.subsection = sub.unwrap_or_default().to_string();
            }
            match group.and_then(|i| section.groups.get_mut(i)) {
                Some(g) => g.fields.push(f),
                None => section.fields.push(f),
            }
        }
        // A group kept above may still hold only optional fields (texts
        // found empty).
        section
            .groups
            .retain(|g| g.fields.iter().any(|f| f.state != "optional"));
        out.push(section);
    }
    out
}

fn field(a: &Analysis, x: &Answer<'_>) -> Field {
    let ws = &a.ws;
    let text = x
        .found
        .map(|f| {
            let md = plain::limit_nesting(&without_notes(f.markdown(ws)))
                .0
                .into_owned();
            plain::keep_lines(&md)
        })
        .unwrap_or_default();
    let plain_text = x.found.map(|f| f.plain(ws).into_owned()).unwrap_or_default();
    let chars = if plain_text.is_empty() {
        0
    } else {
        plain::count(&plain_text)
    };
    let limit = x.limit;
    let state = match (x.found, chars, limit) {
        (None, _, _) if !x.required() => "optional",
        (None, _, _) => "missing",
        (Some(_), 0, _) if !x.required() => "optional",
        (Some(_), 0, _) => "empty",
        (Some(_), c, Some(l)) if c > l.value as usize => "over",
        _ => "ok",
    };
    // "1 069 characters; 5 000 characters at most (limit from a secondary
    // source): over the limit", written into one string.
    let mut measure = String::with_capacity(96);
    plain::push_grouped(&mut measure, chars as u64);
    measure.push_str(if chars == 1 { " character" } else { " characters" });
    if let Some(l) = limit {
        measure.push_str("; ");
        plain::push_grouped(&mut measure, u64::from(l.value));
        measure.push_str(" characters at most");
        if let Some(w) = form::limit_standing(l) {
            measure.push_str(" (");
            measure.push_str(w);
            measure.push(')');
        }
        if state == "over" {
            measure.push_str(": over the limit");
        }
    }
    let (key, question) = if x.english {
        (
            format!("{}.en", x.field.key),
            format!("{} (English version)", x.question),
        )
    } else {
        (x.field.key.clone(), x.question.to_string())
    };
    Field {
        key,
        question,
        subsection: String::new(),
        text,
        plain: plain_text,
        chars,
        limit: limit
            .map(|l| itoa::Buffer::new().format(l.value).to_string())
            .unwrap_or_default(),
        limit_assumed: limit.is_some_and(|l| l.assumed),
        limit_status: limit.map_or("", |l| l.status.as_str()),
        limit_source: limit.map(|l| l.source.clone()).unwrap_or_default(),
        measure,
        state,
        criterion: x.field.criterion.clone().unwrap_or_default(),
        required: x.required(),
        english: x.english,
        file: x.path.to_string(),
        paste: x.paste.to_string(),
    }
}

/// What is still to do, field by field, then the organisations without an
/// Organisation ID.
pub fn completeness(a: &Analysis, sections: &[Section]) -> Vec<Completeness> {
    let mut out = Vec::new();
    for sec in sections {
        let groups =
            std::iter::once(("", &sec.fields)).chain(sec.groups.iter().map(|g| (g.name.as_str(), &g.fields)));
        for (owner, fields) in groups {
            for f in fields {
                if f.state == "optional" {
                    continue;
                }
                let detail = match f.state {
                    "missing" => {
                        let mut detail = String::with_capacity(f.file.len() + 13);
                        detail.push_str("no text yet (");
                        detail.push_str(&f.file);
                        detail.push(')');
                        detail
                    }
                    "empty" => "the file holds no text yet".to_string(),
                    _ => f.measure.clone(),
                };
                // "Section / owner / question", written into one string.
                let mut item = String::with_capacity(sec.title.len() + owner.len() + f.question.len() + 6);
                item.push_str(&sec.title);
                item.push_str(" / ");
                if !owner.is_empty() {
                    item.push_str(owner);
                    item.push_str(" / ");
                }
                item.push_str(&f.question);
                out.push(Completeness {
                    item,
                    state: f.state,
                    detail,
                });
            }
        }
    }
    for p in a.ws.organisations() {
        if p.oid.is_none() {
            out.push(Completeness {
                item: format!(
                    "Organisation ID of {}",
                    p.name.as_ref().map(|n| n.value.as_str()).unwrap_or(&p.id.value)
                ),
                state: "missing",
                detail: "register the organisation and add its OID".into(),
            });
        }
    }
    out
}
