//! Every file coopcom writes goes through here: `render`, `export`, `init`
//! and `templates eject`. The rules, the same for all of them:
//!
//! - A regular file is replaced through a temporary file in its folder: a
//!   random name, created exclusively and never through a symbolic link
//!   (the `tempfile` crate), written, synced to disk, then renamed over the
//!   target, and the folder synced after. A reader sees the old file or the
//!   new one, never half of one. The old file's permissions are kept.
//! - A regular file that already holds exactly the new bytes is left alone.
//!   Only regular files are ever read for that comparison.
//! - A target that exists and is not a regular file (a FIFO, a device, a
//!   socket) is never read and never renamed over: see [`write_file`] and
//!   [`write_all`] for what happens instead.
//! - Nothing that coopcom did not write is deleted, and an operation that
//!   fails removes the temporary files and folders it created.

use std::collections::BTreeSet;
use std::fs::{self, File, Metadata, OpenOptions, Permissions};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use tempfile::TempPath;

/// How many symbolic links a path may go through, as the kernel allows.
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path`, a file the user named (`export --out PATH`),
/// as `cp` and shell redirection do:
///
/// - A symbolic link is followed, through a chain of links, and the file it
///   ends at is written: the link stays a link. A link to a file that does
///   not exist yet creates that file.
/// - A regular file is replaced atomically (see the module), or left alone
///   when it already holds `bytes`. A missing file is created, with the
///   folders above it.
/// - A FIFO or a character device (`/dev/null`, a terminal) is written
///   straight into: never read, never replaced by a file. A FIFO that no
///   program is reading is refused at once instead of waiting for a reader.
/// - A folder, a block device (a disk) or a socket is refused.
///
/// Returns whether anything was written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<bool> {
    let (real, meta) = follow(path)?;
    let shown = if real == path {
        path.display().to_string()
    } else {
        format!("{} (a link to {})", path.display(), real.display())
    };
    match meta {
        None => {
            let dir = parent(&real);
            fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
            replace(&real, bytes, None)?;
            Ok(true)
        }
        Some(m) if m.is_file() => {
            if same_bytes(&real, bytes) {
                return Ok(false);
            }
            replace(&real, bytes, Some(m.permissions()))?;
            Ok(true)
        }
        Some(m) if m.is_dir() => bail!("{shown} is a folder: give a file name"),
        Some(m) => {
            write_into(&real, &shown, &m, bytes)?;
            Ok(true)
        }
    }
}

/// Writes `files` (paths relative to `dir`, a folder of files coopcom
/// names: `render`'s output, `export`'s build/) as one operation, as far as
/// a file system allows. Every changed file first goes to a temporary file
/// next to its target, creating the folders it needs. If any of that fails
/// (a file where a folder is needed, a folder where a file goes, no
/// permission, a full disk), the temporary files and the folders created
/// are removed again and nothing was written. Only then is each temporary
/// file renamed over its target.
///
/// At a name coopcom writes, only a regular file is replaced. Anything else
/// there (a symbolic link, a FIFO, a device, a socket) was put there by
/// someone else: it is refused before anything is written, never read,
/// never followed and never replaced. Following a link planted in an output
/// folder would let a workspace overwrite any file its user can write.
///
/// Files that already hold the same bytes are left alone. Returns how many
/// files changed.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<usize> {
    let mut created: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(TempPath, PathBuf)> = Vec::new();
    if let Err(e) = stage(dir, files, &mut created, &mut staged) {
        drop(staged); // removes the temporary files
        remove_dirs(&created);
        return Err(e.context("nothing was written"));
    }
    let total = staged.len();
    let mut synced: BTreeSet<PathBuf> = created.iter().map(|d| parent(d).to_path_buf()).collect();
    let mut changed = 0;
    for (tmp, path) in staged {
        // On an error the temporary files not yet renamed are dropped with
        // the rest of the list, which removes them.
        tmp.persist(&path).map_err(|e| {
            anyhow::Error::new(e.error).context(format!(
                "cannot replace {} ({changed} of {total} files were replaced before)",
                path.display()
            ))
        })?;
        synced.insert(parent(&path).to_path_buf());
        changed += 1;
    }
    for d in &synced {
        sync_dir(d);
    }
    Ok(changed)
}

/// Creates `files` (paths relative to `dir`) as new files, with the folders
/// they need, for `init` and `templates eject`, which never overwrite: each
/// file is opened with create-new semantics, so an existing name (even a
/// link) is never opened. If anything fails half-way, every file and folder
/// this call created is removed again, `dir` itself included when it made
/// it; what existed before is untouched.
pub fn create_new_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        create_dirs(dir, &mut dirs)?;
        for (rel, bytes) in files {
            let path = dir.join(rel);
            create_dirs(parent(&path), &mut dirs)?;
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            made.push(path.clone());
            f.write_all(bytes)
                .and_then(|()| f.sync_all())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for f in made.iter().rev() {
            let _ = fs::remove_file(f);
        }
        remove_dirs(&dirs);
        return Err(e.context("nothing was written (what coopcom had created is removed again)"));
    }
    let synced: BTreeSet<&Path> = made.iter().chain(&dirs).map(|p| parent(p)).collect();
    for d in synced {
        sync_dir(d);
    }
    Ok(())
}

/// The folder of `path`: its parent, or `.` for a bare file name.
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Follows `path` through symbolic links to what it finally names, with
/// that thing's metadata (`None` when nothing is there yet).
fn follow(path: &Path) -> Result<(PathBuf, Option<Metadata>)> {
    let mut at = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to =
                    fs::read_link(&at).with_context(|| format!("cannot read the link {}", at.display()))?;
                // A relative target is relative to the link's folder; an
                // absolute one replaces the path.
                at = match at.parent() {
                    Some(p) => p.join(to),
                    None => to,
                };
            }
            Ok(m) => return Ok((at, Some(m))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((at, None)),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot write {}", at.display()))),
        }
    }
    bail!(
        "{} goes through more than {MAX_LINKS} symbolic links (a loop?): give a file name",
        path.display()
    )
}

/// True when `path` is a regular file holding exactly `bytes`. The file is
/// opened without blocking and checked to be a regular file before a byte
/// is read, so a FIFO put there in the meantime cannot hang coopcom.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(no_block().bits() as i32);
    }
    let Ok(f) = options.open(path) else {
        return false;
    };
    let len = bytes.len() as u64;
    if !f.metadata().is_ok_and(|m| m.is_file() && m.len() == len) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    f.take(len + 1).read_to_end(&mut old).is_ok() && old == bytes
}

#[cfg(unix)]
fn no_block() -> rustix::fs::OFlags {
    rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY
}

/// Writes `bytes` to a temporary file in `dir`, synced, named after `target`.
fn temp_file(dir: &Path, target: &Path, bytes: &[u8], perms: Option<Permissions>) -> Result<TempPath> {
    let name: String = target
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(40).collect())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".coopcom-tmp");
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets what `File::create` gives (0666 less the umask); a
        // replaced one keeps its mode, without set-id bits.
        let p = perms.map(|p| Permissions::from_mode(p.mode() & 0o777));
        builder.permissions(p.clone().unwrap_or_else(|| Permissions::from_mode(0o666)));
        p
    };
    let mut f = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let tmp = f.path().display().to_string();
    f.write_all(bytes)
        .with_context(|| format!("cannot write {tmp}"))?;
    if let Some(p) = perms {
        // The mode given at creation is cut by the umask: set it exactly.
        f.as_file()
            .set_permissions(p)
            .with_context(|| format!("cannot set the permissions of {tmp}"))?;
    }
    f.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {tmp} to disk"))?;
    Ok(f.into_temp_path())
}

/// Replaces the regular file (or nothing) at `path` with `bytes`.
fn replace(path: &Path, bytes: &[u8], perms: Option<Permissions>) -> Result<()> {
    let dir = parent(path);
    let tmp = temp_file(dir, path, bytes, perms)?;
    tmp.persist(path)
        .map_err(|e| anyhow::Error::new(e.error).context(format!("cannot replace {}", path.display())))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename durable: syncs the folder that holds the new name. Where a
/// platform cannot open or sync a folder, there is nothing more to do.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What a file that is neither a regular file nor a folder is, for messages.
fn kind(m: &Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device (a disk)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Writes straight into a FIFO or a character device, as `cp` does.
#[cfg(unix)]
fn write_into(path: &Path, shown: &str, m: &Metadata, bytes: &[u8]) -> Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    use rustix::io::Errno;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let t = m.file_type();
    if !(t.is_fifo() || t.is_char_device()) {
        bail!(
            "{shown} is {}: coopcom writes files, a FIFO or a character device, never this; give a file name",
            kind(m)
        );
    }
    // Without O_NONBLOCK, opening a FIFO waits for a reader for ever; with
    // it, a FIFO that no program reads fails at once with ENXIO.
    let f = OpenOptions::new()
        .write(true)
        .custom_flags(no_block().bits() as i32)
        .open(path)
        .map_err(|e| match Errno::from_io_error(&e) {
            Some(Errno::NXIO) if t.is_fifo() => anyhow!(
                "{shown} is a named pipe (FIFO) that no program is reading: start the reader first (for example `cat {}` in another terminal), or give a file name",
                path.display()
            ),
            _ => anyhow::Error::new(e).context(format!("cannot open {shown} for writing")),
        })?;
    // The same kind of thing as looked at: not swapped for a regular file,
    // which this would write into without truncating.
    let now = f
        .metadata()
        .with_context(|| format!("cannot write into {shown}"))?
        .file_type();
    if !(now.is_fifo() && t.is_fifo() || now.is_char_device() && t.is_char_device()) {
        bail!("{shown} changed while coopcom was writing it: nothing was written; run the command again");
    }
    // From here on the reader sets the pace: blocking writes.
    fcntl_getfl(&f)
        .and_then(|flags| fcntl_setfl(&f, flags - OFlags::NONBLOCK))
        .map_err(io::Error::from)
        .with_context(|| format!("cannot write into {shown}"))?;
    (&f).write_all(bytes)
        .and_then(|()| (&f).flush())
        .with_context(|| format!("cannot write into {shown}"))?;
    Ok(())
}

#[cfg(not(unix))]
fn write_into(_path: &Path, shown: &str, m: &Metadata, _bytes: &[u8]) -> Result<()> {
    bail!("{shown} is {}: give a file name", kind(m))
}

/// Writes the temporary file of each changed output, recording what it creates.
fn stage(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    created: &mut Vec<PathBuf>,
    staged: &mut Vec<(TempPath, PathBuf)>,
) -> Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let perms = match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => bail!("{} is a folder where coopcom writes a file", path.display()),
            Ok(m) if m.is_file() => {
                if same_bytes(&path, bytes) {
                    continue;
                }
                Some(m.permissions())
            }
            Ok(m) => bail!(
                "{} is {}, not a regular file: coopcom replaces only regular files in its output folder and leaves this alone; remove it, or write elsewhere with --out",
                path.display(),
                kind(&m)
            ),
            // Missing, or below a file: creating the folders says which.
            Err(_) => None,
        };
        let folder = parent(&path);
        create_dirs(folder, created)?;
        staged.push((temp_file(folder, &path, bytes, perms)?, path));
    }
    Ok(())
}

/// Creates `dir` and the folders above it that are missing, recording each
/// one created; a file in the way is an error.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        match fs::metadata(at) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => bail!("{} is a file where coopcom needs a folder", at.display()),
            Err(_) => {
                missing.push(at.to_path_buf());
                match at.parent() {
                    Some(p) if !p.as_os_str().is_empty() => at = p,
                    _ => break,
                }
            }
        }
    }
    for d in missing.into_iter().rev() {
        fs::create_dir(&d).with_context(|| format!("cannot create the folder {}", d.display()))?;
        created.push(d);
    }
    Ok(())
}

/// Removes the folders `create_dirs` made, deepest first; a folder someone
/// else has put something into meanwhile stays.
fn remove_dirs(created: &[PathBuf]) {
    for d in created.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("coopcom-writer-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_file_is_replaced_keeping_its_mode_and_left_alone_when_unchanged() {
        let dir = scratch("replace");
        let path = dir.join("out.csv");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        }
        assert!(write_file(&path, b"new").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(!write_file(&path, b"new").unwrap());
        assert_eq!(names(&dir), ["out.csv"], "no temporary file is left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn create_new_all_removes_what_it_made_when_it_fails() {
        let dir = scratch("create-new");
        fs::write(dir.join("keep.txt"), "mine").unwrap();
        let ws = dir.join("new/ws");
        let files = vec![
            ("a.toml".to_string(), b"a".to_vec()),
            ("sub/b.toml".to_string(), b"b".to_vec()),
            ("sub/b.toml".to_string(), b"again".to_vec()),
        ];
        let e = create_new_all(&ws, &files).unwrap_err();
        assert!(format!("{e:#}").contains("nothing was written"), "{e:#}");
        assert_eq!(names(&dir), ["keep.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
