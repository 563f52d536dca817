//! Narrative texts: every field of the form present, within its character
//! limit (counted as the web form counts the pasted plain text), free of
//! placeholders, invisible characters and raw HTML.

use super::Checker;
use super::project::project_loc;
use crate::diagnostics::{Diagnostic, Severity, codes, suggest};
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

pub fn check(c: &mut Checker<'_>) {
    let ws = c.ws;
    let sections = c.rules.action.form.sections.clone();
    let keys: Vec<String> = sections
        .iter()
        .flat_map(|s| s.fields.iter().map(move |f| format!("{}/{}", s.key, f.key)))
        .collect();
    let mut unwritten = Unwritten::default();
    for section in &sections {
        for field in &section.fields {
            let key = format!("{}/{}", section.key, field.key);
            let Some(n) = ws.narratives.iter().find(|n| n.key() == key) else {
                if field.required {
                    unwritten.missing.push((key, field.question.clone()));
                }
                continue;
            };
            let text = ws.text(n.file);
            if plain::limit_nesting(text).1 {
                c.push(
                    Diagnostic::warning(
                        codes::NARRATIVE_STRUCTURE,
                        format!(
                            "block quotes in narrative/{key}.md are nested more than {} levels deep",
                            plain::MAX_QUOTE_DEPTH
                        ),
                    )
                    .at(&Loc::file_start(n.file))
                    .with_help("coopcom flattens the deeper levels; the web form shows no quotes anyway"),
                );
            }
            let plain_text = ws.plain(n);
            if plain_text.trim().is_empty() {
                unwritten.empty.push((n.file, key, field.question.clone()));
                continue;
            }
            if let Some(limit) = field.max_chars.clone() {
                let count = plain::count(plain_text);
                c.uses("form character limits", &limit);
                if count > limit.value as usize {
                    let mut d = c.rule(
                        codes::OVER_LIMIT,
                        &format!("character limit of {key}"),
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
                    let end = text.len();
                    c.push(
                        d.at(&Loc::new(n.file, end.saturating_sub(1)..end))
                            .with_help(format!("shorten it by {} characters (counted on the plain text pasted into the form, a line break as one)", count - limit.value as usize)),
                    );
                }
            }
            scan(c, n.file, text);
        }
    }
    unwritten.report(c);
    for n in &ws.narratives {
        let key = n.key();
        if keys.contains(&key) {
            continue;
        }
        let help = suggest::did_you_mean(&key, keys.iter().map(String::as_str))
            .map(|s| format!("did you mean narrative/{s}.md?"))
            .unwrap_or_else(|| "see `coopcom rules` for the fields of this action's form".into());
        c.push(
            Diagnostic::warning(
                codes::UNKNOWN_NARRATIVE,
                format!("narrative/{key}.md matches no field of the {} form", c.rules.code),
            )
            .at(&Loc::file_start(n.file))
            .with_help(help),
        );
        scan(c, n.file, ws.text(n.file));
    }
}

/// The fields of the form with no text yet: one finding for each kind
/// (no file, an empty file) that lists them, rather than one per field,
/// since a new workspace has them all.
#[derive(Default)]
struct Unwritten {
    /// Required fields without a file: key and question.
    missing: Vec<(String, String)>,
    /// Fields whose file holds no text: file, key and question.
    empty: Vec<(crate::workspace::source::FileId, String, String)>,
}

impl Unwritten {
    fn report(self, c: &mut Checker<'_>) {
        let files = |keys: Vec<&String>| {
            keys.iter()
                .map(|k| format!("  narrative/{k}.md"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self.missing.as_slice() {
            [] => {}
            [(key, question)] => c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_MISSING,
                    format!("no text yet for \"{question}\" ({key})"),
                )
                .at(&project_loc(c))
                .with_help(format!("write it in narrative/{key}.md")),
            ),
            many => c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_MISSING,
                    format!("{} fields of the form have no text yet", many.len()),
                )
                .at(&project_loc(c))
                .with_note(format!(
                    "files to write:\n{}",
                    files(many.iter().map(|(k, _)| k).collect())
                ))
                .with_help("write each answer in its file; `coopcom status` shows every field of the form with its state"),
            ),
        }
        match self.empty.as_slice() {
            [] => {}
            [(file, key, question)] => c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_EMPTY,
                    format!("narrative/{key}.md holds no text yet"),
                )
                .at(&Loc::file_start(*file))
                .with_help(format!("answer: {question}")),
            ),
            many => c.push(
                Diagnostic::warning(
                    codes::NARRATIVE_EMPTY,
                    format!("{} narrative files hold no text yet", many.len()),
                )
                .at(&project_loc(c))
                .with_note(format!(
                    "files to write:\n{}",
                    files(many.iter().map(|(_, k, _)| k).collect())
                ))
                .with_help("write each answer below the author notes of its file; `coopcom status` shows every field of the form with its state"),
            ),
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
