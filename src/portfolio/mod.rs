//! Many workspaces at once: `check --all ROOT`, `check DIR...` and
//! `budget --all ROOT`.
//!
//! The workspaces are found (sorted by path), analysed in parallel in
//! bounded chunks, and each result is printed in path order as soon as its
//! chunk is done. Of each analysis only its output text, a summary row and
//! the few facts the rules across workspaces need ([`Facts`]) are kept; the
//! analysis itself is dropped, so memory does not grow with the number of
//! workspaces beyond those small facts.

pub mod cross;
pub mod facts;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

pub use facts::{Facts, Interner};

use crate::analysis::{Analysis, PackCache};

/// The file that makes a folder a workspace.
const MANIFEST: &str = "coopcom.toml";

/// How many workspaces each thread gets per chunk: enough to keep every
/// core busy, few enough that a chunk's outputs stay small.
const PER_THREAD: usize = 16;

/// Every workspace under `root`: a folder with a `coopcom.toml`, not
/// descended into once found; hidden folders and `target` are skipped.
/// Sorted by path.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>> {
    if !root.is_dir() {
        anyhow::bail!("{} is not a folder", root.display());
    }
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || (e.file_type().is_dir() && {
                    let name = e.file_name().to_string_lossy();
                    !name.starts_with('.') && name != "target"
                })
        });
    while let Some(entry) = walk.next() {
        let entry = entry.with_context(|| format!("cannot walk {}", root.display()))?;
        if entry.file_type().is_dir() && entry.path().join(MANIFEST).is_file() {
            found.push(entry.into_path());
            walk.skip_current_dir();
        }
    }
    found.sort();
    Ok(found)
}

/// The workspaces named on the command line, sorted by path, each once.
pub fn named(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut v = dirs.to_vec();
    v.sort();
    v.dedup();
    v
}

/// How each workspace is analysed and what is kept of it.
pub struct Run<'a> {
    pub jobs: usize,
    pub user_rules: Option<&'a Path>,
    /// With a date: the calendar's findings too (`check`).
    pub today: Option<chrono::NaiveDate>,
}

/// One workspace's result: the output made from its analysis (by the
/// caller's `keep`), or why it could not be read at all.
pub struct Outcome<T> {
    pub path: PathBuf,
    pub result: Result<T, String>,
}

impl Run<'_> {
    /// Analyses every workspace of `paths`, `jobs` at a time, and hands each
    /// outcome to `each` in path order. `keep` turns an analysis into what
    /// is kept of it; it runs on the worker threads.
    pub fn for_each<T, K, E>(&self, paths: &[PathBuf], keep: K, mut each: E) -> Result<()>
    where
        T: Send,
        K: Fn(&Path, &Analysis) -> T + Sync,
        E: FnMut(Outcome<T>) -> Result<()>,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.max(1))
            .build()
            .context("cannot start the worker threads")?;
        let cache = PackCache::default();
        let chunk = self.jobs.max(1) * PER_THREAD;
        for part in paths.chunks(chunk) {
            let outcomes: Vec<Outcome<T>> = pool.install(|| {
                part.par_iter()
                    .map(|path| {
                        let result = crate::analysis::analyse_shared(
                            Some(path),
                            self.user_rules,
                            self.today,
                            Some(&cache),
                        )
                        .map(|a| keep(path, &a))
                        .map_err(|e| format!("{e:#}"));
                        Outcome {
                            path: path.clone(),
                            result,
                        }
                    })
                    .collect()
            });
            for o in outcomes {
                each(o)?;
            }
        }
        Ok(())
    }
}

/// The number of worker threads: `--jobs`, else every core.
pub fn jobs(arg: Option<usize>) -> usize {
    arg.filter(|&n| n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(std::num::NonZeroUsize::get)
            .unwrap_or(1)
    })
}

/// A path as shown in output: as found, with `/` separators.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}
