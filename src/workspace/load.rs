//! Discovery of the workspace root and loading of every file it holds.
//!
//! Loading never stops at the first problem: each file is parsed with error
//! recovery and read field by field, so one run reports everything.

use std::fs;
use std::path::{Path, PathBuf};

use super::tree::Table;
use anyhow::{Context, Result, bail};

use super::entities;
use super::file_source::{Entry, FileSource, Folder, Kind, walk};
use super::files::{display_name, printable_name, read_text};
use super::model::*;
use super::parse::read_toml;
use super::source::{FileId, Loc, SourceMap};
use crate::diagnostics::{Diagnostic, codes};

/// The manifest whose presence marks a workspace root.
pub const MANIFEST: &str = "coopcom.toml";

/// Finds the workspace root: the given folder (or the folder of a given
/// `coopcom.toml`), or else the nearest folder upwards from `cwd` that holds
/// a `coopcom.toml`.
pub fn discover(path: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    match path {
        Some(p) => {
            let meta = fs::metadata(p).with_context(|| format!("cannot open {}", p.display()))?;
            let dir = if meta.is_file() && p.file_name().is_some_and(|n| n == MANIFEST) {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            } else if meta.is_dir() {
                p.to_path_buf()
            } else {
                bail!(
                    "{} is not a folder: pass the workspace folder, the one that holds {MANIFEST}",
                    p.display()
                );
            };
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            // A manifest that is there but is no file (a folder, a FIFO)
            // is reported by `load`, which says what is wrong with it.
            if !exists(&dir.join(MANIFEST)) {
                bail!(
                    "{} is not a coopcom workspace: it has no {MANIFEST}\n  (create one with `coopcom init {} --action KA153-YOU`)",
                    dir.display(),
                    dir.display()
                );
            }
            Ok(dir)
        }
        None => {
            for dir in cwd.ancestors() {
                if exists(&dir.join(MANIFEST)) {
                    return Ok(dir.to_path_buf());
                }
            }
            bail!(
                "no {MANIFEST} found in {} or any folder above it\n  (pass the workspace folder, or create one with `coopcom init DIR --action KA153-YOU`)",
                cwd.display()
            )
        }
    }
}

/// Loads the workspace at `root`. `Err` only for failures that prevent
/// reading the workspace at all; every problem with its content is a
/// diagnostic.
pub fn load(root: &Path) -> Result<(Workspace, Vec<Diagnostic>)> {
    load_from(&Folder::new(root))
}

/// [`load`] from any source of files: the folder, or a git revision's tree.
pub fn load_from(src: &dyn FileSource) -> Result<(Workspace, Vec<Diagnostic>)> {
    let root = src.root();
    let mut sources = SourceMap::default();
    let mut diags = Vec::new();

    let manifest = root.join(MANIFEST);
    let Some(project) = read_toml(&mut sources, src, &manifest, &mut diags, entities::read_project) else {
        let why = diags.last().map(|d| d.message.clone()).unwrap_or_default();
        bail!("cannot read {}: {why}", manifest.display());
    };

    let mut partners = Vec::new();
    for (id, path) in entity_ids(entity_files(src, "partners", &mut sources, &mut diags)?) {
        let read = |file, table: &Table<'_>, diags: &mut Vec<Diagnostic>| {
            let id = check_id("partners", id, file, diags);
            entities::read_partner(id, file, table, diags)
        };
        partners.extend(read_toml(&mut sources, src, &path, &mut diags, read));
    }
    let mut activities = Vec::new();
    for (id, path) in entity_ids(entity_files(src, "activities", &mut sources, &mut diags)?) {
        let read = |file, table: &Table<'_>, diags: &mut Vec<Diagnostic>| {
            let id = check_id("activities", id, file, diags);
            entities::read_activity(id, file, table, diags)
        };
        activities.extend(read_toml(&mut sources, src, &path, &mut diags, read));
    }
    let mut work_packages = Vec::new();
    for (id, path) in entity_ids(entity_files(src, "work-packages", &mut sources, &mut diags)?) {
        let read = |file, table: &Table<'_>, diags: &mut Vec<Diagnostic>| {
            let id = check_id("work-packages", id, file, diags);
            entities::read_work_package(id, file, table, diags)
        };
        work_packages.extend(read_toml(&mut sources, src, &path, &mut diags, read));
    }
    let budget_path = root.join("budget.toml");
    let budget = if src.exists(&budget_path) {
        read_toml(&mut sources, src, &budget_path, &mut diags, entities::read_budget).unwrap_or_default()
    } else {
        BudgetFile::default()
    };
    let impact_path = root.join("impact.toml");
    let targets = if src.exists(&impact_path) {
        read_toml(&mut sources, src, &impact_path, &mut diags, entities::read_impact).unwrap_or_default()
    } else {
        Vec::new()
    };
    let narratives = read_narratives(src, &mut sources, &mut diags)?;
    let results = super::results::load(src, &mut sources, &mut diags)?;

    partners.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    activities.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    work_packages.sort_by(|a, b| a.id.value.cmp(&b.id.value));

    let ws = Workspace {
        root: root.to_path_buf(),
        sources,
        project,
        partners,
        activities,
        work_packages,
        budget,
        targets,
        narratives,
        results,
    };
    Ok((ws, diags))
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// An id: lower-case ASCII letters, digits and `-`, starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The id a file name that breaks the id rule is to be renamed to: lower
/// case, `-` for other characters (`ALC` to `alc`, `Lyon Youth` to
/// `lyon-youth`). `None` for a valid name, or one with no such id (`1abc`).
fn renamed(name: &str) -> Option<String> {
    if is_valid_id(name) {
        return None;
    }
    let suggestion: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let suggestion = suggestion.trim_matches('-').to_string();
    is_valid_id(&suggestion).then_some(suggestion)
}

/// Pairs each file of a folder with the id it is read under: its name, or
/// the name it is to be renamed to when no other file has that name.
pub(super) fn entity_ids(files: Vec<(String, PathBuf)>) -> Vec<((String, Option<String>), PathBuf)> {
    // Nearly every name is a valid id already, and needs no rename; the
    // others are checked against every name and every rename before them.
    let mut given: Vec<String> = Vec::new();
    let mut renames = Vec::with_capacity(files.len());
    for (name, _) in &files {
        let rename = renamed(name).filter(|r| !files.iter().any(|(n, _)| n == r) && !given.contains(r));
        given.extend(rename.clone());
        renames.push(rename);
    }
    files
        .into_iter()
        .zip(renames)
        .map(|((name, path), rename)| ((name, rename), path))
        .collect()
}

/// Reports a file name that is not a valid id, with the rename that fixes
/// it, and gives the id the entity is read under.
pub(super) fn check_id(
    folder: &str,
    (name, rename): (String, Option<String>),
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> S<String> {
    let loc = Loc::file_start(file);
    if is_valid_id(&name) {
        return S::new(name, loc);
    }
    let mut d = Diagnostic::error(
        codes::INVALID_ID,
        format!("the file name \"{name}\" is not a valid id"),
    )
    .at(&loc)
    .with_note("an id is the file name without .toml: lower-case ASCII letters, digits and `-`, starting with a letter");
    let suggestion = rename.clone().or_else(|| renamed(&name));
    if let Some(s) = &suggestion {
        d = d.with_help(format!("rename `{folder}/{name}.toml` to `{folder}/{s}.toml`"));
        if rename.is_some() {
            d = d.with_note(format!("until it is renamed, references find it as `{s}`"));
        }
    }
    diags.push(d);
    S::new(rename.unwrap_or(name), loc)
}

/// The `.toml` files of an entity folder, sorted by name, with their ids.
/// Anything else in the folder is reported as stray (hidden files are skipped).
pub(super) fn entity_files(
    src: &dyn FileSource,
    folder: &str,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, PathBuf)>> {
    let dir = src.root().join(folder);
    let Some(kind) = src.kind(&dir) else {
        return Ok(Vec::new());
    };
    if kind != Kind::Dir {
        let file = sources.add_unreadable(folder.to_string(), &dir);
        diags.push(
            Diagnostic::error(
                codes::UNREADABLE_FILE,
                format!("`{folder}` should be a folder of .toml files"),
            )
            .at(&Loc::file_start(file)),
        );
        return Ok(Vec::new());
    }
    let entries = src
        .list(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?;
    let mut out = Vec::new();
    for Entry { name, path, .. } in entries {
        let name = printable_name(name);
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        match name.strip_suffix(".toml").map(str::len) {
            Some(stem) if stem > 0 => {
                let mut id = name;
                id.truncate(stem);
                out.push((id, path));
            }
            _ => {
                let file = sources.add_unreadable(format!("{folder}/{name}"), &path);
                diags.push(
                    Diagnostic::warning(
                        codes::STRAY_FILE,
                        format!("`{folder}/{name}` is not read: only .toml files belong in {folder}/"),
                    )
                    .at(&Loc::file_start(file))
                    .with_help("rename it to end in .toml, or move it out of the folder"),
                );
            }
        }
    }
    Ok(out)
}

/// Reads `narrative/<section>/<field>.md`, sorted by path. Files at another
/// depth or with another extension are reported as stray.
fn read_narratives(
    src: &dyn FileSource,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Narrative>> {
    let root = src.root();
    let dir = root.join("narrative");
    match src.kind(&dir) {
        Some(Kind::Dir) => {}
        Some(_) => {
            let file = sources.add_unreadable("narrative".into(), &dir);
            diags.push(
                Diagnostic::error(
                    codes::UNREADABLE_FILE,
                    "`narrative` should be a folder of <section>/<field>.md texts",
                )
                .at(&Loc::file_start(file))
                .with_help(
                    "rename or remove the file, then write the texts in narrative/<section>/<field>.md",
                ),
            );
            return Ok(Vec::new());
        }
        None if src.exists(&dir) => {
            let file = sources.add_unreadable("narrative".into(), &dir);
            diags.push(
                Diagnostic::error(codes::UNREADABLE_FILE, "`narrative` cannot be read")
                    .at(&Loc::file_start(file))
                    .with_help("check the folder; if it is a symbolic link, check where it points"),
            );
            return Ok(Vec::new());
        }
        None => return Ok(Vec::new()),
    }
    let mut out = Vec::new();
    // A folder named like a text is reported below, not walked into.
    let descend = |depth: usize, e: &Entry| !(depth >= 2 && e.name.ends_with(".md"));
    for entry in walk(src, &dir, 4, &descend) {
        let (depth, entry) = match entry {
            Ok(e) => e,
            Err((path, e)) => {
                let file = sources.add_unreadable(display_name(root, &path), &path);
                diags.push(
                    Diagnostic::error(
                        codes::UNREADABLE_FILE,
                        format!("cannot read `{}`: {e}", display_name(root, &path)),
                    )
                    .at(&Loc::file_start(file)),
                );
                continue;
            }
        };
        let name = entry.name.clone();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let path = entry.path.as_path();
        let rel = display_name(root, path);
        if entry.kind == Kind::Dir && !entry.link {
            if depth >= 2 && name.ends_with(".md") {
                let file = sources.add_unreadable(rel.clone(), path);
                diags.push(
                    Diagnostic::error(
                        codes::UNREADABLE_FILE,
                        format!("`{rel}` is a folder where a file is expected"),
                    )
                    .at(&Loc::file_start(file))
                    .with_help("rename or remove the folder: narrative texts are files"),
                );
            }
            continue;
        }
        // A link to a folder is never followed (a link loop cannot trap the
        // walk); a link named like a text is read, or reported, as a text.
        if entry.link && !name.ends_with(".md") && src.kind(path) != Some(Kind::File) {
            let file = sources.add_unreadable(rel.clone(), path);
            diags.push(
                Diagnostic::warning(
                    codes::STRAY_FILE,
                    format!("`{rel}` is not read: it is a symbolic link to a folder, or a link that cannot be followed"),
                )
                .at(&Loc::file_start(file))
                .with_help("coopcom does not follow links to folders in narrative/: put the texts themselves at narrative/<section>/<field>.md"),
            );
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let entity_folder = |s: &str| crate::pack::ENTITY_FOLDERS.contains(&s);
        let (section, entity, stem) = match (depth, parts.as_slice(), name.strip_suffix(".md")) {
            (2, [_, section, _], Some(stem)) if !entity_folder(section) => (section.to_string(), None, stem),
            (3, [_, folder, id, _], Some(stem)) if entity_folder(folder) => {
                (folder.to_string(), Some(id.to_string()), stem)
            }
            _ => {
                let file = sources.add_unreadable(rel.clone(), path);
                let help = match parts.get(1) {
                    Some(folder) if entity_folder(folder) => format!(
                        "the texts of one organisation, activity or work package live at narrative/{folder}/<id>/<field>.md"
                    ),
                    _ => "narrative texts live at narrative/<section>/<field>.md".to_string(),
                };
                diags.push(
                    Diagnostic::warning(codes::STRAY_FILE, format!("`{rel}` is not read"))
                        .at(&Loc::file_start(file))
                        .with_help(help),
                );
                continue;
            }
        };
        // `objectives.en.md`: the English version of `objectives.md`.
        let (field, lang) = match stem.rsplit_once('.') {
            Some((field, lang)) if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()) => {
                (field.to_string(), Some(lang.to_string()))
            }
            _ => (stem.to_string(), None),
        };
        let Some(file) = read_text(sources, src, path, diags) else {
            continue;
        };
        for part in std::iter::once(&section).chain(&entity).chain([&field]) {
            if !is_valid_id(part) {
                diags.push(
                    Diagnostic::error(codes::INVALID_ID, format!("\"{part}\" in `{rel}` is not a valid section or field name"))
                        .at(&Loc::file_start(file))
                        .with_note("section and field names are lower-case ASCII letters, digits and `-`, starting with a letter"),
                );
            }
        }
        out.push(Narrative {
            file,
            section,
            entity,
            field,
            lang,
            plain: std::sync::OnceLock::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("a1-castelldefels"));
        assert!(!is_valid_id("1a"));
        assert!(!is_valid_id("Alc"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
    }
}
