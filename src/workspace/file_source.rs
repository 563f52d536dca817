//! Where the loader's files come from: the workspace folder on disk, or a
//! tree of a git revision (`coopcom diff`). The loader asks only two things
//! of a source, a file's bytes and a folder's entries, and names every file
//! by its path under the workspace root either way, so that a finding has
//! the same file, line and column whichever the source.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::files::{MAX_FILE_BYTES, printable_name};

/// What a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// A named pipe, socket, device, or a link a tree does not follow.
    Other,
}

/// One entry of a folder, as listed (a link is not followed).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file name, control characters left as they are.
    pub name: String,
    pub path: PathBuf,
    /// The entry's own kind: a link is `Other` here.
    pub kind: Kind,
    pub link: bool,
}

/// Why a file cannot be read, and the help to give.
pub type Unusable = (String, &'static str);

/// A source of workspace files. Paths are `root().join(relative)`.
pub trait FileSource {
    /// The workspace root, as the paths given to the other methods start.
    fn root(&self) -> &Path;
    /// True when something is at `path`, a dangling link included.
    fn exists(&self, path: &Path) -> bool;
    /// What is at `path`, links followed; `None` when nothing can be found.
    fn kind(&self, path: &Path) -> Option<Kind>;
    /// The bytes of a regular file of at most [`MAX_FILE_BYTES`] (one byte
    /// more shows that the file is larger), or why it cannot be read.
    fn read(&self, path: &Path) -> Result<Vec<u8>, Unusable>;
    /// The entries of a folder, sorted by name.
    fn list(&self, dir: &Path) -> io::Result<Vec<Entry>>;
    /// Where a file really is when a link takes it outside the workspace:
    /// such a file is never read.
    fn outside(&self, _path: &Path) -> Option<String> {
        None
    }
}

/// The workspace folder on disk.
pub struct Folder {
    root: PathBuf,
    /// Folders under the root already found to be no symbolic link (nor
    /// inside one): the thousand files of `activities/` ask about the same
    /// folder, which is looked at once.
    plain_dirs: Mutex<Vec<PathBuf>>,
}

impl Folder {
    pub fn new(root: &Path) -> Self {
        Folder {
            root: root.to_path_buf(),
            plain_dirs: Mutex::new(Vec::new()),
        }
    }
}

impl FileSource for Folder {
    fn root(&self) -> &Path {
        &self.root
    }

    fn exists(&self, path: &Path) -> bool {
        fs::symlink_metadata(path).is_ok()
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        fs::metadata(path).ok().map(|m| kind_of(m.file_type()))
    }

    /// Only regular files are opened: a FIFO would block and a device never
    /// end. Symbolic links are followed; a link loop is an error of the
    /// operating system, reported.
    fn read(&self, path: &Path) -> Result<Vec<u8>, Unusable> {
        read_disk(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        self.list_dir(dir)
    }

    fn outside(&self, path: &Path) -> Option<String> {
        self.outside_link(path)
    }
}

/// Reads a file on disk: see [`FileSource::read`].
pub(super) fn read_disk(path: &Path) -> Result<Vec<u8>, Unusable> {
    let meta = fs::metadata(path).map_err(|e| {
        (
            format!("cannot be read: {e}"),
            "check the file; if it is a symbolic link, check where it points",
        )
    })?;
    if meta.is_dir() {
        return Err((
            "is a folder where a file is expected".into(),
            "rename or remove the folder: coopcom expects a text file here",
        ));
    }
    if !meta.is_file() {
        return Err((
            "is not a regular file (a named pipe, socket or device)".into(),
            "replace it with a regular text file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    fs::File::open(path)
        .and_then(|mut f| read_all(&mut f, meta.len()))
        .map_err(|e| (format!("cannot be read: {e}"), "check the file's permissions"))
}

impl Folder {
    fn list_dir(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for e in fs::read_dir(dir)? {
            let Ok(e) = e else { continue };
            let Ok(ty) = e.file_type() else { continue };
            let file_name = e.file_name();
            out.push((
                Entry {
                    name: file_name.to_string_lossy().into_owned(),
                    path: e.path(),
                    kind: kind_of(ty),
                    link: ty.is_symlink(),
                },
                file_name,
            ));
        }
        // All in one folder: sorting by file name sorts the paths. The
        // names are kept beside the entries, not taken apart from each
        // path at every comparison of a thousand files.
        out.sort_unstable_by(|(_, a), (_, b)| a.cmp(b));
        Ok(out.into_iter().map(|(entry, _)| entry).collect())
    }

    fn outside_link(&self, path: &Path) -> Option<String> {
        let root = &self.root;
        let mut plain_dirs = self.plain_dirs.lock().unwrap_or_else(PoisonError::into_inner);
        let known = |dirs: &[PathBuf], dir: &Path| dirs.iter().any(|d| d.as_os_str() == dir.as_os_str());
        let is_link = if path.parent().is_some_and(|parent| known(&plain_dirs, parent)) {
            // In a folder already looked at: only the file itself.
            fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        } else {
            // Every path from the root down to the file, the root itself excluded.
            let rel = path.strip_prefix(root).ok()?;
            let mut at = root.to_path_buf();
            let mut parts = rel.components().peekable();
            let mut is_link = false;
            while let Some(part) = parts.next() {
                at.push(part);
                let meta = fs::symlink_metadata(&at);
                if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
                    is_link = true;
                    break;
                }
                if parts.peek().is_some() && meta.is_ok_and(|m| m.is_dir()) && !known(&plain_dirs, &at) {
                    plain_dirs.push(at.clone());
                }
            }
            is_link
        };
        drop(plain_dirs);
        if !is_link {
            return None;
        }
        let real_root = fs::canonicalize(root).ok()?;
        match fs::canonicalize(path) {
            Ok(real) if real.starts_with(&real_root) => None,
            Ok(real) => Some(printable_name(real.display().to_string())),
            // A dangling link or a link loop: `read` reports it.
            Err(_) => None,
        }
    }
}

fn kind_of(ty: fs::FileType) -> Kind {
    if ty.is_dir() {
        Kind::Dir
    } else if ty.is_file() {
        Kind::File
    } else {
        Kind::Other
    }
}

/// The problem of a file larger than [`MAX_FILE_BYTES`].
pub fn too_large(len: u64) -> Unusable {
    (
        format!("is {len} bytes long; coopcom reads files of at most {MAX_FILE_BYTES} bytes"),
        "no workspace file needs to be this large: split the text, or move the file out of the workspace",
    )
}

/// The bytes of a regular file measured at `len` bytes, in one read: the
/// buffer has room for one byte more, and a regular file returns fewer bytes
/// than asked only at its end. A read that fills the buffer means the file
/// grew since it was measured: reading goes on, never past one byte over
/// [`MAX_FILE_BYTES`].
fn read_all(file: &mut fs::File, len: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let limit = usize::try_from(MAX_FILE_BYTES + 1).unwrap_or(usize::MAX);
    let first = usize::try_from(len).unwrap_or(usize::MAX).min(limit - 1) + 1;
    let mut bytes = vec![0u8; first];
    let mut filled = 0;
    while let Some(room) = bytes.get_mut(filled..) {
        let asked = room.len();
        let n = match file.read(room) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
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

/// One entry of a walk: its depth under the folder walked (1 for its
/// entries), or the folder that could not be listed and why.
pub type Walked = Result<(usize, Entry), (PathBuf, String)>;

/// Every entry under `dir` down to `max_depth`, depth first and sorted by
/// name at each level, links never followed; `descend` says whether to go
/// into a folder.
pub fn walk(
    src: &dyn FileSource,
    dir: &Path,
    max_depth: usize,
    descend: &dyn Fn(usize, &Entry) -> bool,
) -> Vec<Walked> {
    let mut out = Vec::new();
    walk_into(src, dir, 1, max_depth, descend, &mut out);
    out
}

fn walk_into(
    src: &dyn FileSource,
    dir: &Path,
    depth: usize,
    max_depth: usize,
    descend: &dyn Fn(usize, &Entry) -> bool,
    out: &mut Vec<Walked>,
) {
    let entries = match src.list(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Err((dir.to_path_buf(), e.to_string())));
            return;
        }
    };
    for e in entries {
        let into = e.kind == Kind::Dir && !e.link && depth < max_depth && descend(depth, &e);
        let path = e.path.clone();
        out.push(Ok((depth, e)));
        if into {
            walk_into(src, &path, depth + 1, max_depth, descend, out);
        }
    }
}
