//! Reading files safely: regular files only (a FIFO would block, a device
//! never end), at most [`MAX_FILE_BYTES`], UTF-8 checked with the position of
//! the first bad byte, and names shown without control characters.

use std::path::Path;

use anyhow::{Result, bail};

use super::file_source::{FileSource, Unusable, read_disk, too_large};
use super::source::{FileId, Loc, SourceFile, SourceMap};
use crate::diagnostics::{Diagnostic, codes};

/// Files larger than this are not read (no proposal file comes near it).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Display name of a path inside the workspace, with `/` separators, and
/// control characters in file names shown escaped, never sent to a terminal.
pub fn display_name(root: &Path, path: &Path) -> String {
    if let Some(name) = plain_relative(root, path) {
        return name.to_string();
    }
    let name = match path.strip_prefix(root) {
        Ok(rel) => {
            let mut name = String::with_capacity(rel.as_os_str().len());
            for (i, c) in rel.components().enumerate() {
                if i > 0 {
                    name.push('/');
                }
                name.push_str(&c.as_os_str().to_string_lossy());
            }
            name
        }
        Err(_) => path.display().to_string(),
    };
    printable_name(name)
}

/// The path under `root` as text when it is the root, `/` and plain
/// names, as the loader joins them (`activities/a0001.toml`): the text that
/// [`display_name`] would build from its components, found without taking
/// the paths apart (a thousand files ask).
fn plain_relative<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    if std::path::MAIN_SEPARATOR != '/' {
        return None;
    }
    let rest = path.to_str()?.strip_prefix(root.to_str()?)?.strip_prefix('/')?;
    let plain = |part: &str| !part.is_empty() && part != "." && !part.chars().any(char::is_control);
    rest.split('/').all(plain).then_some(rest)
}

/// `name` with its control characters written as escapes, or `name`
/// itself when it has none.
pub(super) fn printable_name(name: String) -> String {
    if !name.chars().any(char::is_control) {
        return name;
    }
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

/// Decodes the bytes a source gave, or passes on why it gave none.
fn decode(read: Result<Vec<u8>, Unusable>) -> Read {
    let big = |len: u64| {
        let (problem, help) = too_large(len);
        Read::Unusable(problem, help)
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err((problem, help)) => return Read::Unusable(problem, help),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return big(bytes.len() as u64);
    }
    // One pass checks the UTF-8 and keeps the bytes as the text; a NUL byte
    // is looked for with `memchr`. The first bad byte, NUL or invalid
    // UTF-8: everything before it is valid UTF-8, so its offset is the same
    // in the text shown.
    let (bytes, invalid) = match String::from_utf8(bytes) {
        Ok(text) if !text.as_bytes().contains(&0) => return Read::Text(text),
        Ok(text) => (text.into_bytes(), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (e.into_bytes(), Some(at))
        }
    };
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
        // Valid UTF-8 without a NUL was returned above.
        _ => Read::Unusable("is not UTF-8 text".into(), HELP_UTF8),
    }
}

/// Reads a file as UTF-8 text, or reports why it cannot be read, at the
/// first bad byte when there is one.
pub(crate) fn read_text(
    sources: &mut SourceMap,
    src: &dyn FileSource,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let name = display_name(src.root(), path);
    if let Some(target) = src.outside(path) {
        let file = sources.add_unreadable(name.clone(), path);
        diags.push(
            Diagnostic::error(
                codes::UNREADABLE_FILE,
                format!("`{name}` is a link to {target}, outside the workspace: it is not read"),
            )
            .at(&Loc::file_start(file))
            .with_help("copy the file into the workspace instead of linking to it, so that every partner reviews the same text"),
        );
        return None;
    }
    let (loc, problem, help) = match decode(src.read(path)) {
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
    match decode(read_disk(path)) {
        Read::Text(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text)),
        Read::BadText(text, at, problem, _) => {
            let f = SourceFile::new(path.display().to_string(), path.to_path_buf(), text);
            let (line, col) = f.line_col(at);
            bail!("{} {problem} (line {line}, column {col})", path.display())
        }
        Read::Unusable(problem, _) => bail!("{} {problem}", path.display()),
    }
}
