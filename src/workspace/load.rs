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
            .map(|n| printable_name(&n.to_string_lossy()))
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

/// Display name of a path inside the workspace, with `/` separators, and
/// control characters in file names shown escaped, never sent to a terminal.
pub fn display_name(root: &Path, path: &Path) -> String {
    let name = match path.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.display().to_string(),
    };
    printable_name(&name)
}

fn printable_name(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            let escaped = c.is_control().then(|| c.escape_default());
            let plain = (!c.is_control()).then_some(c);
            escaped.into_iter().flatten().chain(plain)
        })
        .collect()
}

/// Why a file cannot be read, with the help to give, or its text.
enum Read {
    Text(String),
    /// Text that is not UTF-8 or holds NUL bytes: the text with the bad
    /// bytes replaced (so that the place can be shown), the offset of the
    /// first one, the problem and the help.
    BadText(String, usize, String, &'static str),
    Unusable(String, &'static str),
}

const HELP_UTF8: &str =
    "save the file as UTF-8 text (most editors offer it under \"Save as\" or \"Encoding\")";

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. Only regular files
/// are opened: a FIFO would block and a device never end. Symbolic links
/// are followed; a link loop is an error of the operating system, reported.
fn read_file(path: &Path) -> Read {
    use std::io::Read as _;
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return Read::Unusable(
                format!("cannot be read: {e}"),
                "check the file; if it is a symbolic link, check where it points",
            );
        }
    };
    if meta.is_dir() {
        return Read::Unusable(
            "is a folder where a file is expected".into(),
            "rename or remove the folder: coopcom expects a text file here",
        );
    }
    if !meta.is_file() {
        return Read::Unusable(
            "is not a regular file (a named pipe, socket or device)".into(),
            "replace it with a regular text file",
        );
    }
    let too_large = |len: u64| {
        Read::Unusable(
            format!("is {len} bytes long; coopcom reads files of at most {MAX_FILE_BYTES} bytes"),
            "no workspace file needs to be this large: split the text, or move the file out of the workspace",
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return too_large(meta.len());
    }
    // The length may change between the look and the read: read no more
    // than the limit, whatever happens.
    let mut bytes = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Read::Unusable(format!("cannot be read: {e}"), "check the file's permissions");
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(bytes.len() as u64);
    }
    // The first bad byte, NUL or invalid UTF-8: everything before it is
    // valid UTF-8, so its offset is the same in the text shown.
    let invalid = std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to());
    let nul = bytes.iter().position(|&b| b == 0);
    match (nul, invalid) {
        (Some(at), invalid) if invalid.is_none_or(|i| at < i) => Read::BadText(
            String::from_utf8_lossy(&bytes).into_owned(),
            at,
            "holds NUL bytes: it looks like a binary file, not text".into(),
            "workspace files are plain UTF-8 text: move binary files out of the workspace",
        ),
        (_, Some(at)) => {
            let bad = bytes.get(at).copied().unwrap_or_default();
            let latin1 = if bad >= 0xa0 {
                " (Latin-1 or Windows-1252?)"
            } else {
                ""
            };
            Read::BadText(
                String::from_utf8_lossy(&bytes).into_owned(),
                at,
                format!("is not UTF-8 text: byte 0x{bad:02X} is not valid UTF-8{latin1}"),
                HELP_UTF8,
            )
        }
        _ => match String::from_utf8(bytes) {
            Ok(text) => Read::Text(text),
            Err(_) => Read::Unusable("is not UTF-8 text".into(), HELP_UTF8),
        },
    }
}

/// Reads a file as UTF-8 text, or reports why it cannot be read, at the
/// first bad byte when there is one.
pub(crate) fn read_text(
    sources: &mut SourceMap,
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let name = display_name(root, path);
    let (loc, problem, help) = match read_file(path) {
        Read::Text(text) => return Some(sources.add(SourceFile::new(name, path.to_path_buf(), text))),
        Read::BadText(text, at, problem, help) => {
            // The replacement text keeps every byte before `at` in place,
            // but the source map drops a leading byte-order mark.
            let at = if text.starts_with('\u{feff}') {
                at.saturating_sub('\u{feff}'.len_utf8())
            } else {
                at
            };
            let file = sources.add(SourceFile::new(name.clone(), path.to_path_buf(), text));
            (Loc::new(file, at..at + 1), problem, help)
        }
        Read::Unusable(problem, help) => {
            let file = sources.add_unreadable(name.clone(), path);
            (Loc::file_start(file), problem, help)
        }
    };
    diags.push(
        Diagnostic::error(codes::UNREADABLE_FILE, format!("`{name}` {problem}"))
            .at(&loc)
            .with_help(help),
    );
    None
}

/// Reads a file named on the command line (`--rules FILE`) as UTF-8 text,
/// with the same guards as workspace files: a FIFO, a device, a folder, a
/// huge or binary file is an error, never a hang.
pub fn read_argument_file(path: &Path) -> Result<String> {
    match read_file(path) {
        Read::Text(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text)),
        Read::BadText(text, at, problem, _) => {
            let f = SourceFile::new(path.display().to_string(), path.to_path_buf(), text);
            let (line, col) = f.line_col(at);
            bail!("{} {problem} (line {line}, column {col})", path.display())
        }
        Read::Unusable(problem, _) => bail!("{} {problem}", path.display()),
    }
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
    // Nesting beyond the guard is refused before the parser sees it; the
    // statements before the one that nests too deep are still read.
    let mut parsed = text;
    let mut partial = false;
    if let Some(deep) = too_deep(text) {
        let line = sources
            .get(file)
            .map(|f| f.line_col(deep.statement).0)
            .unwrap_or(1);
        diags.push(
            Diagnostic::error(
                codes::TOML_SYNTAX,
                format!("lists, tables or dotted keys nested more than {MAX_NESTING} levels deep"),
            )
            .at(&Loc::new(file, deep.at..deep.at + 1))
            .label("too deep")
            .with_note(format!("the file is not checked from line {line} on"))
            .with_help("no workspace file needs lists, tables or keys nested this deeply"),
        );
        parsed = text.get(..deep.statement).unwrap_or_default();
        partial = true;
    }
    let (table, errors) = DeTable::parse_recoverable(parsed);
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
    if had_errors || partial {
        // Findings on a broken line only echo its syntax error; fields may
        // be missing only because they could not be read.
        let on_broken_line = |d: &Diagnostic| {
            d.primary.as_ref().is_some_and(|l| {
                sources
                    .get(l.file)
                    .is_some_and(|f| broken_lines.contains(&f.line_col(l.span.start).0))
            })
        };
        let mut kept = diags.split_off(before);
        kept.retain(|d| d.code != codes::MISSING_FIELD && !on_broken_line(d));
        diags.extend(kept);
    }
    Some(out)
}

fn first_line(message: &str) -> &str {
    message.trim().lines().next().unwrap_or("invalid TOML")
}

/// Where a TOML text nests too deeply.
#[derive(Debug, PartialEq, Eq)]
struct TooDeep {
    /// The bracket, brace or dot that goes deeper than [`MAX_NESTING`].
    at: usize,
    /// The start of the line where the top-level statement holding it begins.
    statement: usize,
}

/// Finds where lists, tables and dotted keys nest deeper than
/// [`MAX_NESTING`], by a scan that skips strings and comments. The TOML
/// parser recurses on nesting and builds values as deep as the keys are
/// long, so absurd depth is refused before it runs. The depth counts open
/// brackets and braces plus the dots of the key being written (`a.b.c = 1`,
/// `[a.b.c]`); a number's dot (`1.5`) counts one, which is harmless.
fn too_deep(text: &str) -> Option<TooDeep> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut dots = 0usize;
    let mut line_start = 0;
    let mut statement = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
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
                if depth == 0 {
                    statement = line_start;
                }
                depth += 1;
                dots = 0;
                if depth > MAX_NESTING {
                    return Some(TooDeep { at: i, statement });
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                dots = 0;
            }
            b'.' => {
                dots += 1;
                if depth + dots > MAX_NESTING {
                    if depth == 0 {
                        statement = line_start;
                    }
                    return Some(TooDeep { at: i, statement });
                }
            }
            b'\n' => {
                line_start = i + 1;
                dots = 0;
            }
            // Inside a key or a number: whitespace around dots, bare-key
            // characters, and the characters of numbers and dates.
            b' ' | b'\t' | b'\r' | b'_' | b'-' | b'+' | b':' => {}
            c if c.is_ascii_alphanumeric() => {}
            _ => dots = 0,
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
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
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
        Err(_) if exists(&dir) => {
            let file = sources.add_unreadable("narrative".into(), &dir);
            diags.push(
                Diagnostic::error(codes::UNREADABLE_FILE, "`narrative` cannot be read")
                    .at(&Loc::file_start(file))
                    .with_help("check the folder; if it is a symbolic link, check where it points"),
            );
            return Ok(Vec::new());
        }
        Err(_) => return Ok(Vec::new()),
    }
    let mut out = Vec::new();
    let mut walk = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
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
        let path = entry.path();
        let rel = display_name(root, path);
        if entry.file_type().is_dir() {
            if entry.depth() >= 2 && name.ends_with(".md") {
                walk.skip_current_dir();
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
        if entry.path_is_symlink() && !name.ends_with(".md") && !fs::metadata(path).is_ok_and(|m| m.is_file())
        {
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
        out.push(Narrative {
            file,
            section,
            field,
            plain: std::sync::OnceLock::new(),
        });
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
        assert_eq!(
            too_deep(&deep),
            Some(TooDeep {
                at: 4 + MAX_NESTING,
                statement: 0
            })
        );
        assert_eq!(too_deep("[[flows]]\n[[flows]]\n"), None);
        // A string with many dots, or a comment, is not a key.
        let dots = ".".repeat(1000);
        assert_eq!(
            too_deep(&format!("a = \"{dots}\"\n# {dots}\nb = '{dots}'\n")),
            None
        );
        // Floats in a long list, dates and times.
        let floats = vec!["1.5"; 1000].join(", ");
        assert_eq!(too_deep(&format!("a = [{floats}]\nt = 12:30:00.5\n")), None);
    }

    #[test]
    fn nesting_guard_counts_braces_dotted_keys_and_headers() {
        let n = MAX_NESTING + 1;
        let inline = format!("x = 1\ny = {}1{}", "{b = ".repeat(n), "}".repeat(n));
        let deep = too_deep(&inline).unwrap();
        assert_eq!(deep.statement, 6);
        let mixed = format!("y = {}1{}", "[{a = ".repeat(n), "}]".repeat(n));
        assert!(too_deep(&mixed).is_some());
        let key = vec!["a"; n + 1].join(".");
        assert_eq!(
            too_deep(&format!("ok = 1\n{key} = 1\n")).map(|d| d.statement),
            Some(7)
        );
        assert!(too_deep(&format!("[{key}]\n")).is_some());
        assert!(too_deep(&format!("[[{key}]]\n")).is_some());
        let quoted = vec!["\"a\""; n + 1].join(" . ");
        assert!(too_deep(&format!("{quoted} = 1\n")).is_some());
        // Dots and brackets add up: an inline table of dotted keys.
        let half = vec!["a"; MAX_NESTING / 2 + 2].join(".");
        let nested = format!(
            "x = {}{half} = 1{}",
            "{".repeat(MAX_NESTING / 2),
            "}".repeat(MAX_NESTING / 2)
        );
        assert!(too_deep(&nested).is_some());
        // Just within the limit.
        let key = vec!["a"; MAX_NESTING + 1].join(".");
        assert_eq!(too_deep(&format!("{key} = 1\n")), None);
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
