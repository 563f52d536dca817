//! Writing output files: each through a temporary file in the same folder
//! and a rename, so a file is either the old one or the new one, never half
//! written. Nothing that coopcom did not write is ever touched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Writes `bytes` to `path` atomically; leaves the file alone when it
/// already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<bool> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.coopcom-{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(bytes)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.sync_all().ok();
        fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// Writes `files` (paths relative to `dir`) as one operation, as far as a
/// file system allows: every new text first goes to a temporary file next
/// to its target, creating the folders it needs. If any of that fails (a
/// file where a folder is needed, a folder where a file goes, no
/// permission, a full disk), the temporary files and the folders created
/// are removed again and nothing was written. Only then is each temporary
/// file renamed over its target. Files that already hold the same bytes
/// are left alone. Returns how many files changed.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<usize> {
    let mut created: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = stage(dir, files, &mut created, &mut staged);
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = fs::remove_file(tmp);
        }
        for d in created.iter().rev() {
            let _ = fs::remove_dir(d);
        }
        return Err(e.context("nothing was written"));
    }
    let mut changed = 0;
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            for (t, _) in staged.iter().skip(i) {
                let _ = fs::remove_file(t);
            }
            return Err(anyhow::Error::new(e).context(format!(
                "cannot replace {} ({changed} of {} files were replaced before)",
                path.display(),
                staged.len()
            )));
        }
        changed += 1;
    }
    Ok(changed)
}

/// Writes the temporary file of each changed output, recording what it creates.
fn stage(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    created: &mut Vec<PathBuf>,
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            bail!("{} is a folder where coopcom writes a file", path.display());
        }
        if fs::read(&path).is_ok_and(|old| old == *bytes) {
            continue;
        }
        let parent = path.parent().unwrap_or(dir);
        create_dirs(parent, created)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.coopcom-{}.tmp", std::process::id()));
        staged.push((tmp.clone(), path));
        let mut f = fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(bytes)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.sync_all().ok();
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
        fs::create_dir(&d).with_context(|| format!("cannot create {}", d.display()))?;
        created.push(d);
    }
    Ok(())
}
