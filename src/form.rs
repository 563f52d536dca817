//! The application form resolved against a workspace: for every field of
//! the rule pack's form, and for each organisation, activity, work package
//! or flow it is asked of, the text that answers it and where that text
//! lives. The checks of texts, `render` (draft, paste pack), `status` and
//! the Word export all read this one resolution.
//!
//! Where the texts live:
//!
//! - project fields: `narrative/<section>/<field>.md`, and the English
//!   version `narrative/<section>/<field>.en.md` when the form asks for one;
//! - organisation fields: `narrative/organisations/<partner-id>/<field>.md`
//!   (a field may also be answered inline in the partner file, `experience`);
//! - activity fields: `narrative/activities/<activity-id>/<field>.md`
//!   (inline: the activity's `description`);
//! - work-package fields: `narrative/work-packages/<id>/<field>.md`;
//! - flow fields: a key of the flow in its activity file (`expenses`), as
//!   flows have no id to name a folder by.
//!
//! A file at an earlier place of a field (`replaces` in the pack) is read,
//! with a warning naming the new place.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use crate::pack::{Figure, FormField, FormSection, Scope};
use crate::rules::Rules;
use crate::workspace::source::FileId;
use crate::workspace::{Narrative, Partner, S, Workspace, is_valid_id};

/// The keys of a flow that hold form texts, and those of the entity files
/// that may hold a field's answer inline.
pub const FLOW_TEXT_KEYS: &[&str] = &["expenses"];
pub const PARTNER_TEXT_KEYS: &[&str] = &["experience"];
pub const ACTIVITY_TEXT_KEYS: &[&str] = &["description"];

/// Whom an answer belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Project,
    Organisation {
        id: String,
        name: String,
        role: String,
    },
    Activity {
        id: String,
        title: String,
    },
    WorkPackage {
        id: String,
        title: String,
    },
    Flow {
        activity: String,
        title: String,
        number: usize,
        from: String,
    },
}

impl Owner {
    /// The entity's id path: `alc`, `a1-castelldefels`, `a1-castelldefels/flows/2`.
    pub fn id(&self) -> String {
        match self {
            Owner::Project => String::new(),
            Owner::Organisation { id, .. } | Owner::Activity { id, .. } | Owner::WorkPackage { id, .. } => {
                id.clone()
            }
            // Written with one allocation: a flow section names thousands of flows.
            Owner::Flow { activity, number, .. } => {
                [activity.as_str(), "/flows/", itoa::Buffer::new().format(*number)].concat()
            }
        }
    }

    /// How the entity is named in a draft.
    pub fn label(&self) -> String {
        match self {
            Owner::Project => String::new(),
            Owner::Organisation { name, role, .. } => [name.as_str(), " (", role, ")"].concat(),
            Owner::Activity { title, .. } | Owner::WorkPackage { title, .. } => title.clone(),
            Owner::Flow {
                title, number, from, ..
            } => [
                title.as_str(),
                ", flow ",
                itoa::Buffer::new().format(*number),
                " (from ",
                from,
                ")",
            ]
            .concat(),
        }
    }
}

/// Where the text of an answer was found.
#[derive(Debug, Clone, Copy)]
pub enum Found<'w> {
    /// At its place.
    File(&'w Narrative),
    /// At an earlier place of the field (`from`, `<section>/<field>`).
    Moved(&'w Narrative, &'w str),
    /// In a key of the entity's own file.
    Inline(FileId, &'w S<String>),
}

impl<'w> Found<'w> {
    /// The Markdown as written, author notes included.
    pub fn markdown(&self, ws: &'w Workspace) -> &'w str {
        match self {
            Found::File(n) | Found::Moved(n, _) => ws.text(n.file),
            Found::Inline(_, v) => &v.value,
        }
    }

    /// The plain text pasted into the form.
    pub fn plain(&self, ws: &'w Workspace) -> std::borrow::Cow<'w, str> {
        match self {
            Found::File(n) | Found::Moved(n, _) => std::borrow::Cow::Borrowed(ws.plain(n)),
            Found::Inline(_, v) => std::borrow::Cow::Owned(crate::text::to_plain(&v.value)),
        }
    }

    /// The narrative file, for texts read from one.
    pub fn narrative(&self) -> Option<&'w Narrative> {
        match self {
            Found::File(n) | Found::Moved(n, _) => Some(n),
            Found::Inline(..) => None,
        }
    }
}

/// One field as asked of one owner.
#[derive(Debug, Clone)]
pub struct Answer<'w> {
    pub section: &'w FormSection,
    pub field: &'w FormField,
    pub limit: Option<&'w Figure<u32>>,
    pub owner: &'w Owner,
    /// The question as the form words it for this owner.
    pub question: &'w str,
    /// The English version of a summary answer.
    pub english: bool,
    /// Where the text belongs, relative to the workspace.
    pub path: &'w str,
    /// The file of the paste pack, relative to the output folder.
    pub paste: &'w str,
    pub found: Option<Found<'w>>,
    /// The entity file (partner, activity, work package) or `None` for the project.
    pub entity_file: Option<FileId>,
}

impl Answer<'_> {
    /// The key that names the answer: `summary/objectives`,
    /// `summary/objectives.en`, `organisations/alc/presentation`,
    /// `activities/a1/flows/2/expenses`.
    pub fn key(&self) -> String {
        self.paste
            .trim_start_matches("paste/")
            .trim_end_matches(".txt")
            .to_string()
    }

    /// Whether coopcom asks for a text: required fields, and English
    /// versions of required fields.
    pub fn required(&self) -> bool {
        self.field.required
    }
}

/// Texts found at a place the form no longer uses, or beside the text that
/// is read.
#[derive(Debug, Clone)]
pub enum Aside<'w> {
    /// An earlier place whose field now has a text at its new place.
    Superseded { narrative: &'w Narrative, by: String },
    /// An inline text not read because the field's file exists.
    InlineShadowed {
        file: FileId,
        value: &'w S<String>,
        key: &'w str,
        by: String,
    },
    /// A field the form no longer asks one for one.
    Retired { narrative: &'w Narrative, help: &'w str },
}

/// The form resolved against a workspace.
#[derive(Debug, Clone, Default)]
pub struct Resolved<'w> {
    pub answers: Vec<Answer<'w>>,
    pub asides: Vec<Aside<'w>>,
    /// Narrative files that answer no field.
    pub unknown: Vec<&'w Narrative>,
}

/// Whether the form is filled in in English (the default).
pub fn in_english(ws: &Workspace) -> bool {
    ws.project
        .language
        .as_ref()
        .is_none_or(|l| l.value.eq_ignore_ascii_case("en"))
}

fn role_name(p: &Partner) -> String {
    p.role
        .as_ref()
        .map(|r| r.value.as_str().to_string())
        .unwrap_or_default()
}

/// The form resolved against a workspace, in a form the analysis can keep
/// beside the workspace and the rules it was resolved from: every place in
/// them by index, not by reference. The form is resolved once per analysis
/// ([`crate::analysis::Analysis::resolved`]); [`Kept::attach`] gives the
/// [`Resolved`] form back, borrowing from it, without searching anything
/// again.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    answers: Vec<KeptAnswer>,
    /// The paths of every answer, one after the other: thousands of answers
    /// share one string instead of two each.
    paths: String,
    asides: Vec<KeptAside>,
    /// Indices into the workspace's narratives.
    unknown: Vec<usize>,
}

#[derive(Debug, Clone)]
struct KeptAnswer {
    /// Indices of the section in the form and of the field in the section.
    section: usize,
    field: usize,
    owner: Owner,
    english: bool,
    /// The answer's file and its paste file, as ranges of [`Kept::paths`].
    path: Range<usize>,
    paste: Range<usize>,
    found: Option<KeptFound>,
    entity_file: Option<FileId>,
}

#[derive(Debug, Clone, Copy)]
enum KeptFound {
    /// The narrative's index.
    File(usize),
    /// The narrative's index and that of the earlier place in `replaces`.
    Moved(usize, usize),
    Inline(FileId, InlineAt),
}

/// Where an inline text is in the workspace.
#[derive(Debug, Clone, Copy)]
enum InlineAt {
    /// A partner's `experience` (index into `ws.partners`).
    Partner(usize),
    /// An activity's `description`.
    Activity(usize),
    /// A work package's `description`.
    WorkPackage(usize),
    /// A flow's `expenses`: the activity's index and the flow's.
    Flow(usize, usize),
}

impl InlineAt {
    fn value(self, ws: &Workspace) -> Option<&S<String>> {
        match self {
            InlineAt::Partner(i) => ws.partners.get(i)?.experience.as_ref(),
            InlineAt::Activity(i) => ws.activities.get(i)?.description.as_ref(),
            InlineAt::WorkPackage(i) => ws.work_packages.get(i)?.description.as_ref(),
            InlineAt::Flow(a, f) => ws.activities.get(a)?.flows.get(f)?.expenses.as_ref(),
        }
    }
}

#[derive(Debug, Clone)]
enum KeptAside {
    Superseded {
        narrative: usize,
        by: String,
    },
    InlineShadowed {
        file: FileId,
        value: InlineAt,
        key: &'static str,
        by: String,
    },
    /// The narrative's index and that of the retired field in the form.
    Retired {
        narrative: usize,
        retired: usize,
    },
}

impl Kept {
    /// Resolves the form of `rules` against `ws`.
    pub fn of(ws: &Workspace, rules: &Rules) -> Kept {
        let form = &rules.action.form;
        let mut out = Kept::default();
        // Room for every answer the form can ask of this workspace (and
        // its two paths): thousands of answers are not moved as they come.
        let flows: usize = ws.activities.iter().map(|a| a.flows.len()).sum();
        let most: usize = form
            .sections
            .iter()
            .map(|s| {
                s.fields.len()
                    * match s.scope {
                        Scope::Project => 2,
                        Scope::Organisation => ws.partners.len(),
                        Scope::Activity => ws.activities.len(),
                        Scope::WorkPackage => ws.work_packages.len(),
                        Scope::Flow => flows,
                    }
            })
            .sum();
        out.answers.reserve(most);
        let mut paths = String::with_capacity(most * 80);
        let mut used: BTreeSet<usize> = BTreeSet::new();
        // The first narrative of each place, found through an index rather
        // than by a search of every narrative for every answer: a form of
        // 1 000 activities asks thousands of answers.
        let mut places: HashMap<Place<'_>, usize> = HashMap::new();
        for (i, n) in ws.narratives.iter().enumerate() {
            places
                .entry((&n.section, n.entity.as_deref(), &n.field, n.lang.as_deref()))
                .or_insert(i);
        }
        // The folders that hold texts of organisations, activities or work
        // packages at all: most workspaces keep every such text inline, and
        // the thousands of entity answers need no hashing then.
        let mut entity_folders: Vec<&str> = Vec::new();
        for n in ws.narratives.iter().filter(|n| n.entity.is_some()) {
            if !entity_folders.contains(&n.section.as_str()) {
                entity_folders.push(&n.section);
            }
        }
        let find = |section: &str, entity: Option<&str>, field: &str, lang: Option<&str>| {
            if entity.is_some() && !entity_folders.contains(&section) {
                return None;
            }
            places.get(&(section, entity, field, lang)).copied()
        };
        let english = !in_english(ws);
        // An entity whose id is not a valid id never names a file to write:
        // its answers are left out. (The owner's id, `Owner::id`, checked
        // part by part without writing it out: `<activity>/flows/<n>` adds
        // only valid parts.) Each activity's id is checked once for all
        // the fields that ask about it or its flows.
        let valid = |id: &str| {
            id.split('/')
                .all(|p| p.is_empty() || is_valid_id(p) || p.parse::<usize>().is_ok())
        };
        let valid_activity: Vec<bool> = ws.activities.iter().map(|a| valid(&a.id.value)).collect();
        let valid_activity = |i: usize| valid_activity.get(i).copied().unwrap_or(false);
        let partners = crate::rules::PartnerIndex::default();
        // Sorted once for every organisation field (the sort folds names).
        let mut organisations = None;
        for (si, section) in form.sections.iter().enumerate() {
            for (fi, field) in section.fields.iter().enumerate() {
                let answer =
                    |owner: Owner, path: Range<usize>, paste: Range<usize>, found, entity_file| KeptAnswer {
                        section: si,
                        field: fi,
                        owner,
                        english: false,
                        path,
                        paste,
                        found,
                        entity_file,
                    };
                // The answer of one organisation's, activity's or work package's
                // field: its file under narrative/<folder>/<id>/, pasted under paste/.
                let entity_answer =
                    |paths: &mut String, owner: Owner, folder: &str, id: &str, found, file| {
                        let key = field.key.as_str();
                        answer(
                            owner,
                            push_path(paths, &["narrative/", folder, "/", id, "/", key, ".md"]),
                            push_path(paths, &["paste/", folder, "/", id, "/", key, ".txt"]),
                            found,
                            Some(file),
                        )
                    };
                match section.scope {
                    Scope::Project => {
                        let key = format!("{}/{}", section.key, field.key);
                        let here = find(&section.key, None, &field.key, None);
                        let mut found = here.map(KeptFound::File);
                        for (oi, old) in field.replaces.iter().enumerate() {
                            let Some((s, f)) = old.split_once('/') else {
                                continue;
                            };
                            let Some(i) = find(s, None, f, None) else {
                                continue;
                            };
                            used.insert(i);
                            if found.is_none() {
                                found = Some(KeptFound::Moved(i, oi));
                            } else {
                                out.asides.push(KeptAside::Superseded {
                                    narrative: i,
                                    by: format!("narrative/{key}.md"),
                                });
                            }
                        }
                        used.extend(here);
                        let path = push_path(&mut paths, &["narrative/", &key, ".md"]);
                        let paste = push_path(&mut paths, &["paste/", &key, ".txt"]);
                        out.answers.push(answer(Owner::Project, path, paste, found, None));
                        if field.english && english {
                            let here = find(&section.key, None, &field.key, Some("en"));
                            used.extend(here);
                            let path = push_path(&mut paths, &["narrative/", &key, ".en.md"]);
                            let paste = push_path(&mut paths, &["paste/", &key, ".en.txt"]);
                            let mut a = answer(Owner::Project, path, paste, here.map(KeptFound::File), None);
                            a.english = true;
                            out.answers.push(a);
                        }
                    }
                    Scope::Organisation => {
                        for &p in organisations.get_or_insert_with(|| ws.organisations()).iter() {
                            let role = role_name(p);
                            if !matches!(role.as_str(), "applicant" | "partner") || !field.asks_role(&role) {
                                continue;
                            }
                            let id = &p.id.value;
                            let owner = Owner::Organisation {
                                id: id.clone(),
                                name: p
                                    .name
                                    .as_ref()
                                    .map(|n| n.value.clone())
                                    .unwrap_or_else(|| id.clone()),
                                role,
                            };
                            let inline = match field.inline.as_deref() {
                                Some("experience") if p.experience.is_some() => ws
                                    .partners
                                    .iter()
                                    .position(|q| std::ptr::eq(q, p))
                                    .map(|i| (p.file, InlineAt::Partner(i), "experience")),
                                _ => None,
                            };
                            let found = entity_text(
                                &mut out,
                                &mut used,
                                "organisations",
                                id,
                                &field.key,
                                inline,
                                &find,
                            );
                            if valid(id) {
                                out.answers.push(entity_answer(
                                    &mut paths,
                                    owner,
                                    "organisations",
                                    id,
                                    found,
                                    p.file,
                                ));
                            }
                        }
                    }
                    Scope::Activity => {
                        for (ai, a) in ws.activities.iter().enumerate() {
                            let kind = a.kind.as_ref().map(|k| k.value.as_str()).unwrap_or_default();
                            if !section.asks_type(kind) {
                                continue;
                            }
                            let id = &a.id.value;
                            let owner = Owner::Activity {
                                id: id.clone(),
                                title: a
                                    .title
                                    .as_ref()
                                    .map(|t| t.value.clone())
                                    .unwrap_or_else(|| id.clone()),
                            };
                            let inline = match field.inline.as_deref() {
                                Some("description") if a.description.is_some() => {
                                    Some((a.file, InlineAt::Activity(ai), "description"))
                                }
                                _ => None,
                            };
                            let found =
                                entity_text(&mut out, &mut used, "activities", id, &field.key, inline, &find);
                            if valid_activity(ai) {
                                out.answers.push(entity_answer(
                                    &mut paths,
                                    owner,
                                    "activities",
                                    id,
                                    found,
                                    a.file,
                                ));
                            }
                        }
                    }
                    Scope::WorkPackage => {
                        for (wi, w) in ws.work_packages.iter().enumerate() {
                            if w.is_management() {
                                continue;
                            }
                            let id = &w.id.value;
                            let owner = Owner::WorkPackage {
                                id: id.clone(),
                                title: w
                                    .title
                                    .as_ref()
                                    .map(|t| t.value.clone())
                                    .unwrap_or_else(|| id.clone()),
                            };
                            let inline = match field.inline.as_deref() {
                                Some("description") if w.description.is_some() => {
                                    Some((w.file, InlineAt::WorkPackage(wi), "description"))
                                }
                                _ => None,
                            };
                            let found = entity_text(
                                &mut out,
                                &mut used,
                                "work-packages",
                                id,
                                &field.key,
                                inline,
                                &find,
                            );
                            if valid(id) {
                                out.answers.push(entity_answer(
                                    &mut paths,
                                    owner,
                                    "work-packages",
                                    id,
                                    found,
                                    w.file,
                                ));
                            }
                        }
                    }
                    Scope::Flow => {
                        for (ai, a) in ws.activities.iter().enumerate() {
                            if !valid_activity(ai) {
                                continue;
                            }
                            let id = &a.id.value;
                            let title = a
                                .title
                                .as_ref()
                                .map(|t| t.value.clone())
                                .unwrap_or_else(|| id.clone());
                            for (i, f) in a.flows.iter().enumerate() {
                                let number = i + 1;
                                let from = f.from.as_ref().map(|x| x.value.as_str()).unwrap_or_default();
                                let from_name = partners
                                    .get(ws, from)
                                    .and_then(|p| p.name.as_ref())
                                    .map_or(from, |n| n.value.as_str())
                                    .to_string();
                                let text = match field.key.as_str() {
                                    "expenses" => f.expenses.as_ref(),
                                    _ => None,
                                };
                                let path = push_path(&mut paths, &["activities/", id, ".toml"]);
                                let start = paths.len();
                                paths.push_str("paste/activities/");
                                paths.push_str(id);
                                paths.push_str("/flows/");
                                paths.push_str(itoa::Buffer::new().format(number));
                                paths.push('/');
                                paths.push_str(&field.key);
                                paths.push_str(".txt");
                                let paste = start..paths.len();
                                out.answers.push(answer(
                                    Owner::Flow {
                                        activity: id.clone(),
                                        title: title.clone(),
                                        number,
                                        from: from_name,
                                    },
                                    path,
                                    paste,
                                    text.map(|_| KeptFound::Inline(a.file, InlineAt::Flow(ai, i))),
                                    Some(a.file),
                                ));
                            }
                        }
                    }
                }
            }
        }
        for (i, n) in ws.narratives.iter().enumerate() {
            // The final report's texts answer no field of the application
            // form; `results::check` looks after them.
            if used.contains(&i) || crate::results::texts::is_report_text(n) {
                continue;
            }
            let retired = (n.entity.is_none() && n.lang.is_none())
                .then(|| {
                    let key = n.key();
                    form.retired.iter().position(|r| r.key == key)
                })
                .flatten();
            match retired {
                Some(r) => out.asides.push(KeptAside::Retired {
                    narrative: i,
                    retired: r,
                }),
                None => out.unknown.push(i),
            }
        }
        out.paths = paths;
        out
    }

    /// The resolution with its references into `ws` and `rules`, the
    /// workspace and the rules it was made from.
    pub fn attach<'w>(&'w self, ws: &'w Workspace, rules: &'w Rules) -> Resolved<'w> {
        let form = &rules.action.form;
        let narrative = |i: usize| ws.narratives.get(i);
        let found = |f: KeptFound, field: &'w FormField| -> Option<Found<'w>> {
            match f {
                KeptFound::File(i) => narrative(i).map(Found::File),
                KeptFound::Moved(i, old) => Some(Found::Moved(narrative(i)?, field.replaces.get(old)?)),
                KeptFound::Inline(file, at) => at.value(ws).map(|v| Found::Inline(file, v)),
            }
        };
        let mut out = Resolved {
            answers: Vec::with_capacity(self.answers.len()),
            ..Resolved::default()
        };
        for k in &self.answers {
            let (Some(section), Some(field)) = (
                form.sections.get(k.section),
                form.sections.get(k.section).and_then(|s| s.fields.get(k.field)),
            ) else {
                continue;
            };
            out.answers.push(Answer {
                section,
                field,
                limit: form.limit(section, field),
                question: match &k.owner {
                    Owner::Organisation { role, .. } => field.question_for(role),
                    _ => &field.question,
                },
                owner: &k.owner,
                english: k.english,
                path: self.paths.get(k.path.clone()).unwrap_or_default(),
                paste: self.paths.get(k.paste.clone()).unwrap_or_default(),
                found: k.found.and_then(|f| found(f, field)),
                entity_file: k.entity_file,
            });
        }
        for k in &self.asides {
            let aside = match k {
                KeptAside::Superseded { narrative: i, by } => narrative(*i).map(|n| Aside::Superseded {
                    narrative: n,
                    by: by.clone(),
                }),
                KeptAside::InlineShadowed { file, value, key, by } => {
                    value.value(ws).map(|v| Aside::InlineShadowed {
                        file: *file,
                        value: v,
                        key,
                        by: by.clone(),
                    })
                }
                KeptAside::Retired {
                    narrative: i,
                    retired,
                } => narrative(*i)
                    .zip(form.retired.get(*retired))
                    .map(|(n, r)| Aside::Retired {
                        narrative: n,
                        help: &r.help,
                    }),
            };
            out.asides.extend(aside);
        }
        out.unknown = self.unknown.iter().filter_map(|i| narrative(*i)).collect();
        out
    }
}

/// Appends `parts` to `paths`: the range of the path they make.
fn push_path(paths: &mut String, parts: &[&str]) -> Range<usize> {
    let start = paths.len();
    for part in parts {
        paths.push_str(part);
    }
    start..paths.len()
}

/// The place of a narrative: section (or entity folder), entity id, field
/// and language.
type Place<'w> = (&'w str, Option<&'w str>, &'w str, Option<&'w str>);

/// Finds a narrative file by section (or entity folder), entity id, field
/// and language: its index.
type Finder<'w> = dyn Fn(&str, Option<&str>, &str, Option<&str>) -> Option<usize> + 'w;

/// An inline text: the entity file, where the value is, the key it is under.
type InlineText = (FileId, InlineAt, &'static str);

/// The text of an entity's field: its file, else its inline key; an inline
/// text beside a file is set aside.
fn entity_text(
    out: &mut Kept,
    used: &mut BTreeSet<usize>,
    folder: &str,
    id: &str,
    field: &str,
    inline: Option<InlineText>,
    find: &Finder<'_>,
) -> Option<KeptFound> {
    let here = find(folder, Some(id), field, None);
    used.extend(here);
    match (here, inline) {
        (Some(i), Some((file, value, key))) => {
            out.asides.push(KeptAside::InlineShadowed {
                file,
                value,
                key,
                by: format!("narrative/{folder}/{id}/{field}.md"),
            });
            Some(KeptFound::File(i))
        }
        (Some(i), None) => Some(KeptFound::File(i)),
        (None, Some((file, value, _))) => Some(KeptFound::Inline(file, value)),
        (None, None) => None,
    }
}

/// The words that say where a limit comes from: `limit assumed`, `limit
/// from a secondary source`, `limit unconfirmed`, or nothing when confirmed.
pub fn limit_standing(limit: &Figure<u32>) -> Option<&'static str> {
    use crate::pack::Status;
    if limit.assumed {
        return Some("limit assumed");
    }
    let carried = matches!(limit.status, Status::CarriedOver(_));
    match (limit.status.standing(), carried) {
        (Status::Confirmed, false) => None,
        (Status::Confirmed, true) => Some("limit carried over from the previous call"),
        (Status::Secondary, false) => Some("limit from a secondary source"),
        (Status::Secondary, true) => {
            Some("limit from a secondary source, carried over from the previous call")
        }
        (_, false) => Some("limit unconfirmed"),
        (_, true) => Some("limit unconfirmed, carried over from the previous call"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids and names as the draft and `status` print them, written by hand.
    #[test]
    fn owner_ids_and_labels() {
        let flow = Owner::Flow {
            activity: "a1-castelldefels".into(),
            title: "Youth exchange".into(),
            number: 12,
            from: "Vilnius".into(),
        };
        assert_eq!(flow.id(), "a1-castelldefels/flows/12");
        assert_eq!(flow.label(), "Youth exchange, flow 12 (from Vilnius)");
        let organisation = Owner::Organisation {
            id: "alc".into(),
            name: "Asociación Lúdica".into(),
            role: "applicant".into(),
        };
        assert_eq!(organisation.id(), "alc");
        assert_eq!(organisation.label(), "Asociación Lúdica (applicant)");
        let activity = Owner::Activity {
            id: "a1".into(),
            title: "Youth exchange in Castelldefels".into(),
        };
        assert_eq!(activity.id(), "a1");
        assert_eq!(activity.label(), "Youth exchange in Castelldefels");
        assert_eq!(Owner::Project.id(), "");
        assert_eq!(Owner::Project.label(), "");
    }
}
