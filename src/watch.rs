//! Watching a workspace for changes: the one watcher `render --watch` and
//! `serve` share. File events come from the operating system (`notify`),
//! gathered by a debouncer so that an editor's save (a temporary file,
//! a rename, a second write) is one change, not four.
//!
//! Changes inside the output folder (what coopcom itself writes) and in
//! hidden files and folders (`.git`, an editor's swap files) are not
//! changes of the workspace and are left out, so a render does not wake
//! the watcher that caused it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the files must stay still before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

pub struct Watcher {
    rx: Receiver<DebounceEventResult>,
    root: PathBuf,
    ignored: Vec<PathBuf>,
    // Kept alive: dropping it stops the watching.
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// What woke the watcher.
#[derive(Debug)]
pub enum Change {
    /// Files of the workspace changed (paths relative to the workspace).
    Files(Vec<PathBuf>),
    /// The operating system reported an error: watch again from scratch.
    Error(String),
}

impl Watcher {
    /// Watches `root` and everything below it, except the folders in
    /// `ignored` (the output folder) and hidden entries.
    pub fn new(root: &Path, ignored: &[PathBuf]) -> Result<Watcher> {
        let (tx, rx) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            // The receiver is gone only when the watcher is dropped.
            let _ = tx.send(res);
        })
        .context("cannot start watching the workspace for changes")?;
        let root = canon(root);
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {} for changes", root.display()))?;
        Ok(Watcher {
            rx,
            root,
            ignored: ignored.iter().map(|p| canon(p)).collect(),
            _debouncer: debouncer,
        })
    }

    /// Blocks until the workspace changes (`None` if watching has stopped).
    pub fn wait(&self) -> Option<Change> {
        loop {
            match self.rx.recv() {
                Ok(res) => {
                    if let Some(c) = self.relevant(res) {
                        return Some(c);
                    }
                }
                Err(_) => return None,
            }
        }
    }

    fn relevant(&self, res: DebounceEventResult) -> Option<Change> {
        match res {
            Err(errors) => Some(Change::Error(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
            Ok(events) => {
                // Reading a file (coopcom's own analysis does) is no
                // change; closing it after writing is.
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| match e.kind {
                        EventKind::Access(a) => a == AccessKind::Close(AccessMode::Write),
                        _ => true,
                    })
                    .flat_map(|e| e.paths.iter())
                    .filter_map(|p| self.workspace_path(p))
                    .collect();
                paths.sort();
                paths.dedup();
                (!paths.is_empty()).then_some(Change::Files(paths))
            }
        }
    }

    /// The path relative to the workspace, or `None` for a path outside it,
    /// in an ignored folder, or hidden.
    fn workspace_path(&self, path: &Path) -> Option<PathBuf> {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let hidden = rel.components().any(|c| {
            let s = c.as_os_str().to_string_lossy();
            s.starts_with('.') || s.ends_with('~') || s.starts_with('#')
        });
        (!hidden).then(|| rel.to_path_buf())
    }
}

/// The canonical path; for a path that does not exist yet (an output
/// folder before the first render), its parent's canonical path and name.
fn canon(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => canon(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(name),
        _ => p.to_path_buf(),
    }
}
