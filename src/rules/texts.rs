//! Narrative texts: every field of the form present (for the project and for
//! each organisation, activity and work package it is asked of, with the
//! English version of the summary answers when the form is not in English),
//! within its character limit (counted as the web form counts the pasted
//! plain text), free of placeholders, invisible characters and raw HTML;
//! texts at an earlier place of the form are read with a warning.

use super::Checker;
use super::project::project_loc;
use crate::diagnostics::{Diagnostic, Severity, codes, suggest};
use crate::form;
use crate::text as plain;
use crate::workspace::source::Loc;

/// Placeholder words that should not reach the form (matched case-insensitively).
const PLACEHOLDERS: &[&str] = &[
    "todo",
    "tbd",
    "tbc",
    "lorem ipsum",
    "[...]",
    "[…]",
    "xxx",
    "fixme",
];

/// Characters a reader cannot see, with what to do about them.
const INVISIBLE: &[(char, &str, &str)] = &[
    ('\u{200B}', "zero-width space", "remove it"),
    ('\u{200C}', "zero-width non-joiner", "remove it"),
    ('\u{200D}', "zero-width joiner", "remove it"),
    ('\u{2060}', "word joiner", "remove it"),
    ('\u{FEFF}', "zero-width no-break space", "remove it"),
    ('\u{00AD}', "soft hyphen", "remove it"),
    ('\u{00A0}', "non-breaking space", "replace it with a normal space"),
    (
        '\u{202F}',
        "narrow non-breaking space",
        "replace it with a normal space",
    ),
    ('\u{2007}', "figure space", "replace it with a normal space"),
];

pub fn check(c: &mut Checker<'_>, resolved: &form::Resolved<'_>) {
    let ws = c.ws;
    let rules = c.rules;
    let english_asked = !form::in_english(ws);
    let mut unwritten = Unwritten::default();
    for a in &resolved.answers {
        // The answer's key (`part-b/relevance`) is written only into a finding.
        // Where a finding about the whole answer points: its file, else the
        // entity that asks it, else the manifest.
        let here = |c: &Checker<'_>| match (&a.found, &a.owner) {
            (Some(f), _) => found_loc(f),
            (None, form::Owner::Flow { activity, number, .. }) => ws
                .activity(activity)
                .and_then(|x| x.flows.get(number - 1))
                .map(|f| f.loc.clone())
                .unwrap_or_else(|| project_loc(c)),
            (None, _) => a
                .entity_file
                .map(Loc::file_start)
                .unwrap_or_else(|| project_loc(c)),
        };
        let Some(found) = a.found else {
            if !a.required() {
                continue;
            }
            if a.english {
                // Only once the answer itself is written: no cascade.
                let main = resolved
                    .answers
                    .iter()
                    .any(|m| !m.english && std::ptr::eq(m.field, a.field) && m.found.is_some());
                if main {
                    let d = Diagnostic::warning(
                        codes::ENGLISH_MISSING,
                        format!("no English version yet of \"{}\" ({})", a.question, a.key()),
                    )
                    .at(&here(c))
                    .with_help(format!(
                        "write it in {}: the form asks for an English version of each summary answer when it is not filled in in English",
                        a.path
                    ));
                    c.push(d);
                }
                continue;
            }
            unwritten.missing.add(
                || {
                    if matches!(a.owner, form::Owner::Flow { .. }) {
                        format!("{} of {} (`{}`)", a.owner.id(), a.path, a.field.key)
                    } else {
                        a.path.to_string()
                    }
                },
                || {
                    let where_ = if matches!(a.owner, form::Owner::Flow { .. }) {
                        format!(
                            "add `{} = \"\"\"...\"\"\"` to flow {} of {}",
                            a.field.key,
                            a.owner.id().rsplit('/').next().unwrap_or_default(),
                            a.path
                        )
                    } else {
                        format!("write it in {}", a.path)
                    };
                    Diagnostic::warning(
                        codes::NARRATIVE_MISSING,
                        format!("no text yet for \"{}\" ({})", a.question, a.key()),
                    )
                    .at(&here(c))
                    .with_help(where_)
                },
            );
            continue;
        };
        if let form::Found::Moved(n, from) = found {
            c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_MOVED,
                    format!(
                        "narrative/{from}.md is read as the answer to \"{}\", which now lives in {}",
                        a.question, a.path
                    ),
                )
                .at(&Loc::file_start(n.file))
                .with_help(format!("move the file to {}", a.path)),
            );
        }
        let text = found.markdown(ws);
        if let Some(n) = found.narrative()
            && plain::limit_nesting(text).1
        {
            c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_STRUCTURE,
                    format!(
                        "block quotes in narrative/{}.md are nested more than {} levels deep",
                        n.key(),
                        plain::MAX_QUOTE_DEPTH
                    ),
                )
                .at(&Loc::file_start(n.file))
                .with_help("coopcom flattens the deeper levels; the web form shows no quotes anyway"),
            );
        }
        let plain_text = found.plain(ws);
        if plain_text.trim().is_empty() {
            if a.required() {
                unwritten.empty.add(
                    || where_found(&found, ws),
                    || {
                        Diagnostic::warning(
                            codes::NARRATIVE_EMPTY,
                            format!("{} holds no text yet", where_found(&found, ws)),
                        )
                        .at(&here(c))
                        .with_help(format!("answer: {}", a.question))
                    },
                );
            }
            continue;
        }
        if let Some(limit) = a.limit.cloned() {
            let count = plain::count(&plain_text);
            c.uses("form character limits", &limit);
            if count > limit.value as usize {
                let mut d = c.rule(
                    codes::OVER_LIMIT,
                    &format!("character limit of {}", a.key()),
                    &limit,
                    format!(
                        "the text has {count} characters; the form field takes at most {}",
                        limit.value
                    ),
                );
                // An assumed limit is still worth a warning: the text may not fit.
                if d.severity == Severity::Note {
                    d.severity = Severity::Warning;
                }
                let at = match found {
                    form::Found::Inline(_, v) => v.loc.clone(),
                    _ => {
                        let end = text.len();
                        let file = found.narrative().map(|n| n.file).unwrap_or(ws.project.file);
                        Loc::new(file, end.saturating_sub(1)..end)
                    }
                };
                c.push(d.at(&at).with_help(format!(
                    "shorten it by {} (counted on the plain text pasted into the form, a line break as one)",
                    crate::text::plural(count - limit.value as usize, "character", "characters")
                )));
            }
        }
        if let Some(n) = found.narrative() {
            scan(c, n.file, text);
        }
    }
    unwritten.report(c);
    for aside in &resolved.asides {
        let d = match aside {
            form::Aside::Superseded { narrative, by } => Diagnostic::warning(
                codes::NARRATIVE_MOVED,
                format!(
                    "narrative/{}.md is not read: {by} answers its question now",
                    narrative.key()
                ),
            )
            .at(&Loc::file_start(narrative.file))
            .with_help(format!(
                "move what is still needed into {by}, then remove the old file"
            )),
            form::Aside::InlineShadowed { value, key, by, .. } => Diagnostic::warning(
                codes::NARRATIVE_MOVED,
                format!("`{key}` is not read: {by} answers the same question"),
            )
            .at(&value.loc)
            .with_help(format!(
                "keep one text: move what is still needed into {by}, then remove `{key}`"
            )),
            form::Aside::Retired { narrative, help } => Diagnostic::warning(
                codes::NARRATIVE_MOVED,
                format!(
                    "narrative/{}.md is not read: the {} form no longer asks this question here",
                    narrative.key(),
                    rules.code
                ),
            )
            .at(&Loc::file_start(narrative.file))
            .with_help(help.to_string()),
        };
        c.push(d);
    }
    let paths: Vec<String> = resolved
        .answers
        .iter()
        .filter(|a| a.path.starts_with("narrative/"))
        .map(|a| a.path.to_string())
        .collect();
    for n in &resolved.unknown {
        let key = n.key();
        let path = format!("narrative/{key}.md");
        let help = unknown_help(c, n, english_asked, &paths);
        c.push(
            Diagnostic::warning(
                codes::UNKNOWN_NARRATIVE,
                format!("{path} matches no field of the {} form", rules.code),
            )
            .at(&Loc::file_start(n.file))
            .with_help(help),
        );
        scan(c, n.file, ws.text(n.file));
    }
}

/// Where a text was found, as a message names it.
fn where_found(found: &form::Found<'_>, ws: &crate::workspace::Workspace) -> String {
    match found {
        form::Found::File(n) | form::Found::Moved(n, _) => format!("narrative/{}.md", n.key()),
        form::Found::Inline(file, _) => format!("the text in {}", ws.sources.name(*file)),
    }
}

fn found_loc(found: &form::Found<'_>) -> Loc {
    match found {
        form::Found::File(n) | form::Found::Moved(n, _) => Loc::file_start(n.file),
        form::Found::Inline(_, v) => v.loc.clone(),
    }
}

/// The help for a narrative file that answers no field.
fn unknown_help(
    c: &Checker<'_>,
    n: &crate::workspace::Narrative,
    english_asked: bool,
    paths: &[String],
) -> String {
    let ws = c.ws;
    if n.lang.is_some() {
        return if english_asked || n.lang.as_deref() != Some("en") {
            "only the summary answers have an English version (<field>.en.md); see `coopcom rules` for the fields".into()
        } else {
            "the form is filled in in English (`language` in coopcom.toml), so no English version is asked: remove the file, or set the language the form is written in".into()
        };
    }
    if let Some(id) = &n.entity {
        let (exists, ids): (bool, Vec<&str>) = match n.section.as_str() {
            "organisations" => (
                ws.partner(id).is_some(),
                ws.partners.iter().map(|p| p.id.value.as_str()).collect(),
            ),
            "activities" => (
                ws.activity(id).is_some(),
                ws.activities.iter().map(|a| a.id.value.as_str()).collect(),
            ),
            _ => (
                ws.work_package(id).is_some(),
                ws.work_packages.iter().map(|w| w.id.value.as_str()).collect(),
            ),
        };
        if !exists {
            let what = match n.section.as_str() {
                "organisations" => "partner",
                "activities" => "activity",
                _ => "work package",
            };
            return suggest::did_you_mean(id, ids.iter().copied())
                .map(|s| format!("no {what} \"{id}\": did you mean narrative/{}/{s}/?", n.section))
                .unwrap_or_else(|| format!("no {what} \"{id}\"; the ids are: {}", ids.join(", ")));
        }
        let prefix = format!("narrative/{}/{id}/", n.section);
        let here: Vec<&str> = paths
            .iter()
            .filter(|p| p.starts_with(&prefix))
            .map(String::as_str)
            .collect();
        if here.is_empty() {
            return format!(
                "the {} form asks nothing of \"{id}\" here; see `coopcom rules` for the fields of each organisation, activity and work package",
                c.rules.code
            );
        }
        let wanted = format!("narrative/{}.md", n.key());
        return suggest::did_you_mean(&wanted, here.iter().copied())
            .map(|s| format!("did you mean {s}?"))
            .unwrap_or_else(|| format!("the fields asked here are: {}", here.join(", ")));
    }
    let wanted = format!("narrative/{}.md", n.key());
    suggest::did_you_mean(&wanted, paths.iter().map(String::as_str))
        .map(|s| format!("did you mean {s}?"))
        .unwrap_or_else(|| "see `coopcom rules` for the fields of this action's form".into())
}

/// The fields of the form still without text, reported together: one of a
/// kind keeps its own warning (with its question), several are one warning
/// that lists where to write, rather than one warning per field.
#[derive(Default)]
struct Unwritten {
    /// Required fields without a text: where to write, and the warning of its own.
    missing: Pending,
    /// Texts that exist but hold nothing: which, and the warning of its own.
    empty: Pending,
}

/// A listing the reader can take in (and that stays under the cap of a
/// note): the first files, then how many more.
const SHOWN: usize = 12;

/// Findings of one kind, told one by one when there is one, else as one
/// warning that lists the first [`SHOWN`] places: only what is told is
/// written out (a generated workspace has thousands of them).
#[derive(Default)]
struct Pending {
    count: usize,
    /// The first finding, told alone when it stays the only one.
    first: Option<Diagnostic>,
    places: Vec<String>,
}

impl Pending {
    fn add(&mut self, place: impl FnOnce() -> String, finding: impl FnOnce() -> Diagnostic) {
        if self.count == 0 {
            self.first = Some(finding());
        }
        if self.places.len() < SHOWN {
            self.places.push(place());
        }
        self.count += 1;
    }
}

impl Unwritten {
    fn report(self, c: &mut Checker<'_>) {
        for (pending, code, what, help) in [
            (
                self.missing,
                codes::NARRATIVE_MISSING,
                "fields of the form have no text yet",
                "write each answer in its file; `coopcom status` shows every field of the form with its state",
            ),
            (
                self.empty,
                codes::NARRATIVE_EMPTY,
                "texts of the form hold nothing yet",
                "write each answer below the author notes of its file; `coopcom status` shows every field of the form with its state",
            ),
        ] {
            if pending.count == 1 {
                if let Some(d) = pending.first {
                    c.push(d);
                }
                continue;
            }
            if pending.count == 0 {
                continue;
            }
            let mut places: Vec<String> = pending.places.iter().map(|p| format!("  {p}")).collect();
            if pending.count > SHOWN {
                places.push(format!(
                    "  and {} more: `coopcom status` lists every field",
                    pending.count - SHOWN
                ));
            }
            c.push(
                Diagnostic::warning(code, format!("{} {what}", pending.count))
                    .at(&project_loc(c))
                    .with_note(format!("files to write:\n{}", places.join("\n")))
                    .with_help(help),
            );
        }
    }
}

/// Byte ranges of the author notes (`<!-- ... -->`) of a text.
fn comments(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text.get(from..).and_then(|t| t.find("<!--")).map(|i| i + from) {
        let end = text
            .get(start + 4..)
            .and_then(|t| t.find("-->"))
            .map(|i| start + 4 + i + 3)
            .unwrap_or(text.len());
        out.push(start..end);
        from = end;
    }
    out
}

/// Placeholders, invisible characters and raw HTML, each at its position.
fn scan(c: &mut Checker<'_>, file: crate::workspace::source::FileId, text: &str) {
    let notes = comments(text);
    let in_note = |i: usize| notes.iter().any(|r| r.contains(&i));
    // ASCII lower-casing keeps every byte offset (placeholders are ASCII,
    // but the text around them need not be).
    let lower = text.to_ascii_lowercase();
    // Placeholders: whole words only (so "todos" or "context" do not match).
    {
        for word in PLACEHOLDERS {
            let mut from = 0;
            while let Some(i) = lower.get(from..).and_then(|t| t.find(word)).map(|i| i + from) {
                from = i + word.len();
                let alnum = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                let before = lower.get(..i).and_then(|s| s.chars().next_back());
                let after = lower.get(i + word.len()..).and_then(|s| s.chars().next());
                let word_like = word.chars().all(|ch| ch.is_alphanumeric() || ch == ' ');
                if in_note(i) || (word_like && (alnum(before) || alnum(after))) {
                    continue;
                }
                let found = text.get(i..i + word.len()).unwrap_or(word);
                c.push(
                    Diagnostic::warning(
                        codes::PLACEHOLDER_TEXT,
                        format!("placeholder \"{found}\" left in the text"),
                    )
                    .at(&Loc::new(file, i..i + word.len()))
                    .with_help("replace it with the real text before submission"),
                );
            }
        }
    }
    for (i, ch) in text.char_indices() {
        if let Some((_, name, fix)) = INVISIBLE.iter().find(|(c, _, _)| *c == ch) {
            if in_note(i) {
                continue;
            }
            c.push(
                Diagnostic::warning(
                    codes::INVISIBLE_CHARACTER,
                    format!("invisible character: {name} (U+{:04X})", ch as u32),
                )
                .at(&Loc::new(file, i..i + ch.len_utf8()))
                .label(name.to_string())
                .with_help(format!("{fix}; word processors insert these when text is pasted")),
            );
        }
    }
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('<') {
        if in_note(i) {
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let tag_like = next.is_some_and(|b| b.is_ascii_alphabetic() || b == b'/');
        let closes = text
            .get(i..)
            .and_then(|t| t.lines().next())
            .is_some_and(|l| l.contains('>'));
        if tag_like && closes {
            let end = text
                .get(i..)
                .and_then(|t| t.find('>'))
                .map(|e| i + e + 1)
                .unwrap_or(i + 1);
            c.push(
                Diagnostic::warning(codes::RAW_HTML, "raw HTML in a narrative")
                    .at(&Loc::new(file, i..end))
                    .with_help("coopcom shows HTML tags as text and never passes them through; write Markdown instead (**bold**, - lists)"),
            );
        }
    }
}
