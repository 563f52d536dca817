//! Reading files safely: regular files only (a FIFO would block, a device
//! never end), at most [`MAX_FILE_BYTES`], UTF-8 checked with the position of
//! the first bad byte, and names shown without control characters.

use std::fs;
use std::path::Path;

use anyhow::{Result, bail};

use super::source::{FileId, Loc, SourceFile, SourceMap};
use crate::diagnostics::{Diagnostic, codes};

/// Files larger than this are not read (no proposal file comes near it).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Display name of a path inside the workspace, with `/` separators, and
/// control characters in file names shown escaped, never sent to a terminal.
pub fn display_name(root: &Path, path: &Path) -> String {
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
    if name.chars().any(char::is_control) {
        printable_name(&name)
    } else {
        name
    }
}

pub(super) fn printable_name(name: &str) -> String {
    if !name.chars().any(char::is_control) {
        return name.to_string();
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

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. Only regular files
/// are opened: a FIFO would block and a device never end. Symbolic links
/// are followed; a link loop is an error of the operating system, reported.
fn read_file(path: &Path) -> Read {
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
    let bytes = match fs::File::open(path).and_then(|mut f| read_all(&mut f, meta.len())) {
        Ok(bytes) => bytes,
        Err(e) => return Read::Unusable(format!("cannot be read: {e}"), "check the file's permissions"),
    };
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

/// The bytes of a regular file measured at `len` bytes, in one read: the
/// buffer has room for one byte more, and a regular file returns fewer bytes
/// than asked only at its end. A read that fills the buffer means the file
/// grew since it was measured: reading goes on, never past one byte over
/// [`MAX_FILE_BYTES`].
fn read_all(file: &mut fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let limit = usize::try_from(MAX_FILE_BYTES + 1).unwrap_or(usize::MAX);
    let first = usize::try_from(len).unwrap_or(usize::MAX).min(limit - 1) + 1;
    let mut bytes = vec![0u8; first];
    let mut filled = 0;
    while let Some(room) = bytes.get_mut(filled..) {
        let asked = room.len();
        let n = match file.read(room) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += n;
        if n < asked || filled >= limit {
            break;
        }
        let grown = bytes.len().saturating_mul(2).min(limit);
        bytes.resize(grown, 0);
    }
    bytes.truncate(filled);
    Ok(bytes)
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
    if let Some(target) = outside(root, path) {
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

/// Where a workspace file really is, when a symbolic link takes it outside
/// the workspace: such a file is never read, so nothing outside the folder
/// the partners share can reach a check, a draft or an export.
fn outside(root: &Path, path: &Path) -> Option<String> {
    // Every path from the root down to the file, the root itself excluded.
    let rel = path.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    let is_link = rel.components().any(|c| {
        at.push(c);
        fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    });
    if !is_link {
        return None;
    }
    let real_root = fs::canonicalize(root).ok()?;
    match fs::canonicalize(path) {
        Ok(real) if real.starts_with(&real_root) => None,
        Ok(real) => Some(printable_name(&real.display().to_string())),
        // A dangling link or a link loop: read_file reports it.
        Err(_) => None,
    }
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
