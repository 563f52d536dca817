//! Discovery of the workspace root and loading of every file it holds.
//!
//! Loading never stops at the first problem: each file is parsed with error
//! recovery and read field by field, so one run reports everything.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use toml::de::DeTable;

use super::entities;
use super::model::*;
use super::source::{FileId, Loc, SourceFile, SourceMap};
use crate::diagnostics::{Diagnostic, codes};

/// The manifest whose presence marks a workspace root.
pub const MANIFEST: &str = "coopcom.toml";
/// Files larger than this are not read (no proposal file comes near it).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Arrays and tables nested deeper than this are refused before parsing.
pub const MAX_NESTING: usize = 64;

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
                bail!("{} is not a folder", p.display());
            };
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            if !dir.join(MANIFEST).is_file() {
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
                if dir.join(MANIFEST).is_file() {
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
    let mut sources = SourceMap::default();
    let mut diags = Vec::new();

    let manifest = root.join(MANIFEST);
    let Some(project) = read_toml(&mut sources, root, &manifest, &mut diags, entities::read_project) else {
        let why = diags.last().map(|d| d.message.clone()).unwrap_or_default();
        bail!("cannot read {}: {why}", manifest.display());
    };

    let mut partners = Vec::new();
    for (id, path) in entity_files(root, "partners", &mut sources, &mut diags)? {
        let read = |file, table: &DeTable<'_>, diags: &mut Vec<Diagnostic>| {
            let id = S::new(id, Loc::file_start(file));
            check_id(&id, diags);
            entities::read_partner(id, file, table, diags)
        };
        partners.extend(read_toml(&mut sources, root, &path, &mut diags, read));
    }
    let mut activities = Vec::new();
    for (id, path) in entity_files(root, "activities", &mut sources, &mut diags)? {
        let read = |file, table: &DeTable<'_>, diags: &mut Vec<Diagnostic>| {
            let id = S::new(id, Loc::file_start(file));
            check_id(&id, diags);
            entities::read_activity(id, file, table, diags)
        };
        activities.extend(read_toml(&mut sources, root, &path, &mut diags, read));
    }
    let mut work_packages = Vec::new();
    for (id, path) in entity_files(root, "work-packages", &mut sources, &mut diags)? {
        let read = |file, table: &DeTable<'_>, diags: &mut Vec<Diagnostic>| {
            let id = S::new(id, Loc::file_start(file));
            check_id(&id, diags);
            entities::read_work_package(id, file, table, diags)
        };
        work_packages.extend(read_toml(&mut sources, root, &path, &mut diags, read));
    }
    let budget_path = root.join("budget.toml");
    let budget = if exists(&budget_path) {
        read_toml(
            &mut sources,
            root,
            &budget_path,
            &mut diags,
            entities::read_budget,
        )
        .unwrap_or_default()
    } else {
        BudgetFile::default()
    };
    let impact_path = root.join("impact.toml");
    let targets = if exists(&impact_path) {
        read_toml(
            &mut sources,
            root,
            &impact_path,
            &mut diags,
            entities::read_impact,
        )
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    let narratives = read_narratives(root, &mut sources, &mut diags)?;

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

fn check_id(id: &S<String>, diags: &mut Vec<Diagnostic>) {
    if !is_valid_id(&id.value) {
        let suggestion: String = id
            .value
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let suggestion = suggestion.trim_matches('-').to_string();
        let mut d = Diagnostic::error(
            codes::INVALID_ID,
            format!("the file name \"{}\" is not a valid id", id.value),
        )
        .at(&id.loc)
        .with_note("an id is the file name without .toml: lower-case ASCII letters, digits and `-`, starting with a letter");
        if is_valid_id(&suggestion) {
            d = d.with_help(format!("rename the file to `{suggestion}.toml`"));
        }
        diags.push(d);
    }
}

/// The `.toml` files of an entity folder, sorted by name, with their ids.
/// Anything else in the folder is reported as stray (hidden files are skipped).
fn entity_files(
    root: &Path,
    folder: &str,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(folder);
    let meta = match fs::metadata(&dir) {
        Ok(m) => m,
        Err(_) => return Ok(Vec::new()),
    };
    if !meta.is_dir() {
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
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        match name.strip_suffix(".toml") {
            Some(stem) if !stem.is_empty() => out.push((stem.to_string(), path)),
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

/// Display name of a path inside the workspace, with `/` separators.
fn display_name(root: &Path, path: &Path) -> String {
    let Ok(rel) = path.strip_prefix(root) else {
        return path.display().to_string();
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8 text, or reports why it cannot be read. Only
/// regular files are opened (a FIFO or device would block or never end).
pub(crate) fn read_text(
    sources: &mut SourceMap,
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let name = display_name(root, path);
    let problem = match fs::metadata(path) {
        Err(e) => Some(format!("cannot be read: {e}")),
        Ok(m) if m.is_dir() => Some("is a folder where a file is expected".to_string()),
        Ok(m) if !m.is_file() => Some("is not a regular file".to_string()),
        Ok(m) if m.len() > MAX_FILE_BYTES => Some(format!(
            "is {} bytes long; coopcom reads files of at most {MAX_FILE_BYTES} bytes",
            m.len()
        )),
        Ok(_) => match fs::read(path) {
            Err(e) => Some(format!("cannot be read: {e}")),
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) if text.contains('\0') => {
                    Some("holds NUL bytes: it looks like a binary file".into())
                }
                Ok(text) => return Some(sources.add(SourceFile::new(name, path.to_path_buf(), text))),
                Err(e) => Some(format!(
                    "is not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )),
            },
        },
    };
    let file = sources.add_unreadable(name.clone(), path);
    diags.push(
        Diagnostic::error(
            codes::UNREADABLE_FILE,
            format!("`{name}` {}", problem.unwrap_or_default()),
        )
        .at(&Loc::file_start(file))
        .with_help("save the file as UTF-8 text (most editors offer it under \"Save as\" or \"Encoding\")"),
    );
    None
}

/// Reads and parses a TOML file, then hands the table to `read`. Syntax
/// errors are reported (all of them); the recovered table is still read so
/// that the rest of the file is checked, but without "missing field"
/// findings, which the broken lines would only echo.
fn read_toml<T>(
    sources: &mut SourceMap,
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
    read: impl FnOnce(FileId, &DeTable<'_>, &mut Vec<Diagnostic>) -> T,
) -> Option<T> {
    let file = read_text(sources, root, path, diags)?;
    let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or_default();
    if let Some(offset) = too_deep(text) {
        diags.push(
            Diagnostic::error(
                codes::TOML_SYNTAX,
                format!("values nested more than {MAX_NESTING} levels deep"),
            )
            .at(&Loc::new(file, offset..offset + 1))
            .with_help("no workspace file needs lists or tables nested this deeply"),
        );
        let before = diags.len();
        let out = read(file, &DeTable::default(), diags);
        diags.truncate(before);
        return Some(out);
    }
    let (table, errors) = DeTable::parse_recoverable(text);
    let had_errors = !errors.is_empty();
    let mut broken_lines = Vec::new();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        if let Some(f) = sources.get(file) {
            broken_lines.push(f.line_col(span.start).0);
        }
        diags.push(
            Diagnostic::error(
                codes::TOML_SYNTAX,
                format!("TOML syntax: {}", first_line(e.message())),
            )
            .at(&Loc::new(file, span)),
        );
    }
    let before = diags.len();
    let out = read(file, table.get_ref(), diags);
    if had_errors {
        // Findings on a broken line only echo its syntax error.
        let on_broken_line = |d: &Diagnostic| {
            d.primary.as_ref().is_some_and(|l| {
                sources
                    .get(l.file)
                    .is_some_and(|f| broken_lines.contains(&f.line_col(l.span.start).0))
            })
        };
        let mut i = before;
        while i < diags.len() {
            if diags
                .get(i)
                .is_some_and(|d| d.code == codes::MISSING_FIELD || on_broken_line(d))
            {
                diags.remove(i);
            } else {
                i += 1;
            }
        }
    }
    Some(out)
}

fn first_line(message: &str) -> &str {
    message.trim().lines().next().unwrap_or("invalid TOML")
}

/// The offset where brackets or braces open deeper than [`MAX_NESTING`],
/// found by a scan that skips strings and comments. The TOML parser
/// recurses on nesting, so absurd depth is refused before it runs.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                let step = if triple { 3 } else { 1 };
                i += step;
                loop {
                    match bytes.get(i) {
                        None => return None,
                        Some(&b'\\') if b == b'"' => i += 2,
                        Some(&c)
                            if c == b
                                && (!triple
                                    || (bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b))) =>
                        {
                            i += step;
                            break;
                        }
                        Some(&b'\n') if !triple => break,
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Reads `narrative/<section>/<field>.md`, sorted by path. Files at another
/// depth or with another extension are reported as stray.
fn read_narratives(
    root: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Narrative>> {
    let dir = root.join("narrative");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .max_depth(4)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.clone());
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
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.depth() == 0 || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let rel = display_name(root, path);
        let parts: Vec<&str> = rel.split('/').collect();
        let (section, field) = match (entry.depth(), parts.as_slice(), name.strip_suffix(".md")) {
            (2, [_, section, _], Some(field)) => (section.to_string(), field.to_string()),
            _ => {
                let file = sources.add_unreadable(rel.clone(), path);
                diags.push(
                    Diagnostic::warning(codes::STRAY_FILE, format!("`{rel}` is not read"))
                        .at(&Loc::file_start(file))
                        .with_help("narrative texts live at narrative/<section>/<field>.md"),
                );
                continue;
            }
        };
        let Some(file) = read_text(sources, root, path, diags) else {
            continue;
        };
        for part in [&section, &field] {
            if !is_valid_id(part) {
                diags.push(
                    Diagnostic::error(codes::INVALID_ID, format!("\"{part}\" in `{rel}` is not a valid section or field name"))
                        .at(&Loc::file_start(file))
                        .with_note("section and field names are lower-case ASCII letters, digits and `-`, starting with a letter"),
                );
            }
        }
        out.push(Narrative { file, section, field });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_guard_skips_strings_and_comments() {
        assert_eq!(too_deep("a = \"[[[[\" # {{{{\nb = [1]"), None);
        let deep = format!(
            "a = {}{}",
            "[".repeat(MAX_NESTING + 1),
            "]".repeat(MAX_NESTING + 1)
        );
        assert_eq!(too_deep(&deep), Some(4 + MAX_NESTING));
        assert_eq!(too_deep("[[flows]]\n[[flows]]\n"), None);
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("a1-castelldefels"));
        assert!(!is_valid_id("1a"));
        assert!(!is_valid_id("Alc"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
    }
}
