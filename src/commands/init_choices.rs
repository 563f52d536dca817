//! What `coopcom init` says when the action or the call it is given is not
//! one it can scaffold: the fields of an action given without one, the one
//! that fits the user first, and the calls there are with how to add one.
//!
//! Which field fits: coopcom is made for youth work, so youth (`YOU`) comes
//! first unless the user's other choices point elsewhere. The choices read
//! are the workspaces next to the new one (the folders beside it holding a
//! `coopcom.toml`: their actions say which field the organisation works in)
//! and the words of `--title`. Every field is always listed.

use std::path::Path;

use crate::cli::InitArgs;
use crate::pack::registry::{self, PackError};
use crate::pack::sources::PackSources;

/// The fields of education, training and youth, in words.
const FIELDS: &[(&str, &str)] = &[
    ("YOU", "youth"),
    ("SCH", "school education"),
    ("VET", "vocational education and training"),
    ("ADU", "adult education"),
    ("HED", "higher education"),
];

/// Words of a title that point to a field (lower case, matched as prefixes
/// of the title's words).
const TITLE_WORDS: &[(&str, &[&str])] = &[
    (
        "YOU",
        &[
            "youth",
            "young",
            "jeune",
            "jeunesse",
            "jugend",
            "juvent",
            "joven",
            "giovan",
            "youngster",
        ],
    ),
    (
        "SCH",
        &[
            "school",
            "pupil",
            "teacher",
            "classroom",
            "école",
            "schule",
            "escuela",
        ],
    ),
    ("VET", &["vocational", "apprentic", "vet", "trainee"]),
    ("ADU", &["adult", "senior", "lifelong"]),
    (
        "HED",
        &["university", "universit", "student", "academic", "higher"],
    ),
];

fn field_name(field: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// The field of an action code as written in a workspace: `KA152-YOU` is
/// youth, `KA220-ADU` adult education.
fn field_of(action: &str) -> Option<&str> {
    action.trim().rsplit_once('-').map(|(_, f)| f)
}

/// The fields the workspaces next to `dir` are in, with the folders that say so.
fn neighbours(dir: &Path) -> Vec<(String, String)> {
    let Some(parent) = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .or(Some(Path::new(".")))
    else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .flatten()
        .take(200)
        .filter(|e| e.path() != dir)
        .filter_map(|e| {
            let manifest = e.path().join("coopcom.toml");
            let text = crate::workspace::files::read_argument_file(&manifest).ok()?;
            let table: toml::Table = text.parse().ok()?;
            let action = table.get("project")?.get("action")?.as_str()?.to_uppercase();
            let field = field_of(&action)?.to_string();
            FIELDS
                .iter()
                .any(|(f, _)| *f == field)
                .then(|| (field, e.file_name().to_string_lossy().into_owned()))
        })
        .collect();
    out.sort();
    out
}

/// The fields the title's words point to.
fn title_fields(title: &str) -> Vec<&'static str> {
    let words: Vec<String> = title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    TITLE_WORDS
        .iter()
        .filter(|(_, stems)| words.iter().any(|w| stems.iter().any(|s| w.starts_with(s))))
        .map(|(f, _)| *f)
        .collect()
}

/// The message for an action coopcom cannot scaffold as given. An action
/// without its field (`KA210`) lists every field, the one that fits the
/// user's other choices first.
pub fn unknown_action(action: &str, given: &str, args: &InitArgs) -> String {
    let base = action.split('-').next().unwrap_or(action);
    let codes: Vec<&str> = registry::ACTIONS
        .iter()
        .copied()
        .filter(|a| a.split('-').next() == Some(base))
        .collect();
    // Only an action given without any field (`KA210`) is asked for one; a
    // misspelt one (`KA152-YUO`) gets the closest code.
    if codes.len() < 2 || action.contains('-') {
        let only = codes
            .first()
            .filter(|_| codes.len() == 1 && !action.contains('-'));
        let hint = only
            .copied()
            .or_else(|| crate::diagnostics::suggest::did_you_mean(action, registry::ACTIONS.iter().copied()))
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        return format!(
            "\"{given}\" is not an action coopcom supports{hint}\n  supported: {}",
            registry::ACTIONS.join(", ")
        );
    }
    let dir = args.dir.clone().unwrap_or_else(|| ".".into());
    let near = neighbours(&dir);
    let titled = args.title.as_deref().map(title_fields).unwrap_or_default();
    // Score each field of the action: one point per neighbouring workspace
    // and per title word; youth first among equals, then the pack's order.
    let mut ranked: Vec<(usize, usize, &str)> = codes
        .iter()
        .enumerate()
        .filter_map(|(i, code)| {
            let field = field_of(code)?;
            let score = near.iter().filter(|(f, _)| f == field).count()
                + titled.iter().filter(|f| **f == field).count();
            let order = if field == "YOU" { 0 } else { i + 1 };
            Some((score, order, *code))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let Some(&(score, _, first)) = ranked.first() else {
        return format!("\"{given}\" needs a field");
    };
    let field = field_of(first).unwrap_or_default();
    let because = if score == 0 {
        "coopcom is made for youth work, and nothing else you chose points to another field".to_string()
    } else {
        let mut why = Vec::new();
        let folders: Vec<&str> = near
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, d)| d.as_str())
            .collect();
        if !folders.is_empty() {
            why.push(format!(
                "the workspace{} next to it ({}) {} in {}",
                if folders.len() == 1 { "" } else { "s" },
                folders.join(", "),
                if folders.len() == 1 { "is" } else { "are" },
                field_name(field)
            ));
        }
        if titled.contains(&field) {
            why.push(format!("the title speaks of {}", field_name(field)));
        }
        why.join(", and ")
    };
    let every: Vec<String> = ranked
        .iter()
        .map(|(_, _, c)| format!("{c} ({})", field_name(field_of(c).unwrap_or_default())))
        .collect();
    format!(
        "{base} is given without its field: coopcom needs one of {}\n  suggested: {first}, because {because}\n  every field: {}\n  run: coopcom init {} --action {first}",
        ranked.iter().map(|(_, _, c)| *c).collect::<Vec<_>>().join(", "),
        every.join(", "),
        dir.display()
    )
}

/// The message for a call without a pack: the calls there are, and how to
/// add one.
pub fn unsupported_call(call: u32, action: &str, sources: &PackSources) -> String {
    let calls = registry::calls_with(sources);
    let described: Vec<String> = calls
        .iter()
        .map(|c| match registry::resolve_with(action, *c, sources) {
            Ok(r) => {
                let meta = &r.call.pack;
                match (meta.carried_over_from, meta.complete) {
                    (Some(from), _) => format!("{c} (provisional: figures carried over from call {from})"),
                    (None, false) => format!("{c} (partial)"),
                    (None, true) => c.to_string(),
                }
            }
            Err(PackError::Malformed { .. }) => format!("{c} (its pack cannot be used)"),
            Err(_) => c.to_string(),
        })
        .collect();
    let latest = calls.last().copied().unwrap_or(call);
    format!(
        "no rule pack for call {call}\n  calls there are: {}\n  to add call {call}: write a pack.toml with `[pack] call = {call}`, `carried_over_from = {latest}` and the round dates of {call}, and install it with `coopcom rules install FILE` (rules/README.md, \"Adding a call\")",
        described.join(", ")
    )
}
