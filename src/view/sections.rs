//! The form's sections as the draft, the paste pack, `status` and the Word
//! export show them: from the one resolution of the form against the
//! workspace ([`crate::form`]), in the form's order, with every answer's
//! text, count, limit (and where the limit comes from) and state.

use std::collections::HashMap;

use super::model::{Completeness, Field, Group, Section};
use super::without_notes;
use crate::analysis::Analysis;
use crate::form::{self, Answer, Owner};
use crate::text::{self as plain, grouped};

pub fn sections(a: &Analysis) -> Vec<Section> {
    let (Some(rules), Some(resolved)) = (a.rules.as_ref(), a.resolved()) else {
        return Vec::new();
    };
    let mut out: Vec<Section> = Vec::new();
    for sec in &rules.action.form.sections {
        let answers: Vec<&Answer<'_>> = resolved
            .answers
            .iter()
            .filter(|x| std::ptr::eq(x.section, sec))
            .collect();
        let mut section = Section {
            key: sec.key.clone(),
            title: sec.title.clone(),
            scope: sec.scope.as_str().to_string(),
            has_subsections: sec.fields.iter().any(|f| f.subsection.is_some()),
            fields: Vec::new(),
            groups: Vec::new(),
        };
        // Sub-section headings open where the sub-section changes, within
        // the section or within each group.
        // Both are found by owner through an index, not by a search of
        // every owner so far: a section holds the answers of every activity.
        let mut last_sub: HashMap<String, Option<String>> = HashMap::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        for x in answers {
            let mut f = field(a, x);
            let owner = x.owner.id();
            let sub = x.field.subsection.clone();
            let opens = match last_sub.get_mut(&owner) {
                Some(p) => {
                    let changed = *p != sub;
                    *p = sub.clone();
                    changed
                }
                None => {
                    last_sub.insert(owner.clone(), sub.clone());
                    true
                }
            };
            if opens && !x.english {
                f.subsection = sub.unwrap_or_default();
            }
            match &x.owner {
                Owner::Project => section.fields.push(f),
                o => match group_of.get(&owner).and_then(|&i| section.groups.get_mut(i)) {
                    Some(g) => g.fields.push(f),
                    None => {
                        group_of.insert(owner.clone(), section.groups.len());
                        section.groups.push(Group {
                            id: owner,
                            name: o.label(),
                            fields: vec![f],
                        });
                    }
                },
            }
        }
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
    let chars = plain::count(&plain_text);
    let limit = x.limit;
    let state = match (x.found, chars, limit) {
        (None, _, _) if !x.required() => "optional",
        (None, _, _) => "missing",
        (Some(_), 0, _) if !x.required() => "optional",
        (Some(_), 0, _) => "empty",
        (Some(_), c, Some(l)) if c > l.value as usize => "over",
        _ => "ok",
    };
    let mut measure = grouped_count(chars);
    if let Some(l) = limit {
        measure = format!(
            "{}; {} characters at most",
            grouped_count(chars),
            grouped(l.value as usize)
        );
        if let Some(w) = form::limit_standing(l) {
            measure = format!("{measure} ({w})");
        }
        if state == "over" {
            measure.push_str(": over the limit");
        }
    }
    let question = if x.english {
        format!("{} (English version)", x.question)
    } else {
        x.question.to_string()
    };
    Field {
        key: if x.english {
            format!("{}.en", x.field.key)
        } else {
            x.field.key.clone()
        },
        question,
        subsection: String::new(),
        text,
        plain: plain_text,
        chars,
        limit: limit.map(|l| l.value.to_string()).unwrap_or_default(),
        limit_assumed: limit.is_some_and(|l| l.assumed),
        limit_status: limit.map(|l| l.status.as_str().to_string()).unwrap_or_default(),
        limit_source: limit.map(|l| l.source.clone()).unwrap_or_default(),
        measure,
        state: state.to_string(),
        criterion: x.field.criterion.clone().unwrap_or_default(),
        required: x.required(),
        english: x.english,
        file: x.path.to_string(),
        paste: x.paste.to_string(),
    }
}

/// `1 character`, `1 069 characters`.
fn grouped_count(n: usize) -> String {
    format!(
        "{} {}",
        grouped(n),
        if n == 1 { "character" } else { "characters" }
    )
}

/// What is still to do, field by field, then the organisations without an
/// Organisation ID.
pub fn completeness(a: &Analysis, sections: &[Section]) -> Vec<Completeness> {
    let mut out = Vec::new();
    for sec in sections {
        let groups = std::iter::once((String::new(), &sec.fields))
            .chain(sec.groups.iter().map(|g| (g.name.clone(), &g.fields)));
        for (owner, fields) in groups {
            for f in fields {
                if f.state == "optional" {
                    continue;
                }
                let detail = match f.state.as_str() {
                    "missing" => format!("no text yet ({})", f.file),
                    "empty" => "the file holds no text yet".to_string(),
                    _ => f.measure.clone(),
                };
                let item = if owner.is_empty() {
                    format!("{} / {}", sec.title, f.question)
                } else {
                    format!("{} / {owner} / {}", sec.title, f.question)
                };
                out.push(Completeness {
                    item,
                    state: f.state.clone(),
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
                state: "missing".into(),
                detail: "register the organisation and add its OID".into(),
            });
        }
    }
    out
}
