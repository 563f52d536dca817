//! A workspace as it was at a git revision, read straight from the
//! repository's objects: no checkout, no temporary copy. The repository is
//! found upwards from the workspace folder, which may sit anywhere inside
//! it; files keep the names they have in the folder, so a finding points at
//! the same place in either.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use gix::ObjectId;

use super::file_source::{Entry, FileSource, Kind, Unusable, too_large};
use super::files::MAX_FILE_BYTES;
use super::load::MANIFEST;

/// Folders below the workspace root deeper than this are not listed (the
/// loader reads nothing deeper than `narrative/<folder>/<id>/<field>.md`).
const MAX_DEPTH: usize = 6;

#[derive(Debug, Clone, Copy)]
enum Node {
    Blob(ObjectId),
    Tree,
    /// A symbolic link or a submodule: never followed.
    Other,
}

/// The workspace's files at one revision.
pub struct GitTree {
    root: PathBuf,
    repo: gix::Repository,
    /// Every path under the workspace root, relative to it.
    nodes: HashMap<PathBuf, Node>,
    /// Each folder's entries, sorted by name.
    dirs: HashMap<PathBuf, Vec<Entry>>,
}

impl GitTree {
    /// The workspace at `root` (a folder on disk) as it is at `revision` of
    /// the repository that holds it.
    pub fn open(root: &Path, revision: &str) -> Result<GitTree> {
        let repo = gix::discover(root).map_err(|e| {
            anyhow!(
                "{} is not in a git repository, so revision `{revision}` cannot be read: {e}",
                root.display()
            )
        })?;
        let Some(workdir) = repo.workdir() else {
            bail!(
                "the repository at {} has no working tree",
                repo.git_dir().display()
            );
        };
        let inside = inside(workdir, root)?;
        let id = repo.rev_parse_single(revision).map_err(|_| {
            anyhow!(
                "revision `{revision}` does not exist in the repository at {}",
                workdir.display()
            )
        })?;
        let mut tree = id
            .object()
            .and_then(|o| o.peel_to_tree())
            .map_err(|e| anyhow!("revision `{revision}` has no files: {e}"))?;
        let shown = if inside.as_os_str().is_empty() {
            String::new()
        } else {
            format!(" {}", inside.display())
        };
        for part in inside.components() {
            let name = part.as_os_str().to_string_lossy().into_owned();
            let entry = tree
                .find_entry(name.as_str())
                .filter(|e| e.mode().is_tree())
                .map(|e| e.oid().to_owned());
            let Some(oid) = entry else {
                bail!("revision `{revision}` has no folder{shown}: the workspace did not exist then");
            };
            tree = repo
                .find_tree(oid)
                .map_err(|e| anyhow!("revision `{revision}`: cannot read{shown}: {e}"))?;
        }
        let mut git = GitTree {
            root: root.to_path_buf(),
            repo: repo.clone(),
            nodes: HashMap::new(),
            dirs: HashMap::new(),
        };
        git.nodes.insert(PathBuf::new(), Node::Tree);
        git.walk(tree.id, PathBuf::new(), 1)?;
        if !git.nodes.contains_key(Path::new(MANIFEST)) {
            bail!(
                "revision `{revision}` has no {MANIFEST} in{}: it holds no coopcom workspace there",
                if shown.is_empty() {
                    " the repository's top folder".to_string()
                } else {
                    shown
                }
            );
        }
        Ok(git)
    }

    fn walk(&mut self, tree: ObjectId, at: PathBuf, depth: usize) -> Result<()> {
        let data = self
            .repo
            .find_tree(tree)
            .map_err(|e| anyhow!("cannot read the folder {}: {e}", at.display()))?;
        let mut entries = Vec::new();
        let mut below = Vec::new();
        for e in data.iter() {
            let e = e.map_err(|e| anyhow!("cannot read the folder {}: {e}", at.display()))?;
            let name = e.filename().to_string();
            let rel = at.join(&name);
            let mode = e.mode();
            let (node, kind, link) = if mode.is_tree() {
                below.push((e.oid().to_owned(), rel.clone()));
                (Node::Tree, Kind::Dir, false)
            } else if mode.is_blob() {
                (Node::Blob(e.oid().to_owned()), Kind::File, false)
            } else {
                (Node::Other, Kind::Other, mode.is_link())
            };
            self.nodes.insert(rel.clone(), node);
            entries.push(Entry {
                name,
                path: self.root.join(&rel),
                kind,
                link,
            });
        }
        drop(data);
        entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        self.dirs.insert(at, entries);
        if depth < MAX_DEPTH {
            for (oid, rel) in below {
                self.walk(oid, rel, depth + 1)?;
            }
        }
        Ok(())
    }

    fn node(&self, path: &Path) -> Option<Node> {
        let rel = path.strip_prefix(&self.root).ok()?;
        self.nodes.get(rel).copied()
    }
}

/// Where `dir` is inside the working tree `workdir`.
fn inside(workdir: &Path, dir: &Path) -> Result<PathBuf> {
    let real = |p: &Path| {
        p.canonicalize()
            .map_err(|e| anyhow!("cannot open {}: {e}", p.display()))
    };
    let (workdir, dir) = (real(workdir)?, real(dir)?);
    match dir.strip_prefix(&workdir) {
        Ok(rel) => Ok(rel.to_path_buf()),
        Err(_) => bail!(
            "{} is not inside the working tree of its repository ({})",
            dir.display(),
            workdir.display()
        ),
    }
}

impl FileSource for GitTree {
    fn root(&self) -> &Path {
        &self.root
    }

    fn exists(&self, path: &Path) -> bool {
        self.node(path).is_some()
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        match self.node(path)? {
            Node::Blob(_) => Some(Kind::File),
            Node::Tree => Some(Kind::Dir),
            Node::Other => Some(Kind::Other),
        }
    }

    fn read(&self, path: &Path) -> Result<Vec<u8>, Unusable> {
        match self.node(path) {
            Some(Node::Blob(oid)) => {
                let blob = self.repo.find_object(oid).map_err(|e| {
                    (
                        format!("cannot be read from the repository: {e}"),
                        "check the repository with `git fsck`",
                    )
                })?;
                if blob.data.len() as u64 > MAX_FILE_BYTES {
                    return Err(too_large(blob.data.len() as u64));
                }
                Ok(blob.data.clone())
            }
            Some(Node::Tree) => Err((
                "is a folder where a file is expected".into(),
                "rename or remove the folder: coopcom expects a text file here",
            )),
            Some(Node::Other) => Err((
                "is a symbolic link or a submodule in this revision: coopcom does not follow it".into(),
                "commit the file itself instead of a link to it",
            )),
            None => Err(("is not in this revision".into(), "check the revision")),
        }
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let rel = dir
            .strip_prefix(&self.root)
            .map_err(|_| io::Error::new(io::ErrorKind::NotFound, "outside the workspace"))?;
        self.dirs
            .get(rel)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not a folder of this revision"))
    }
}
