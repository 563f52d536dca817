//! Where the rule packs in force come from, lowest first: the built-in pack,
//! the packs the user installed (`coopcom rules install`), the pack the
//! workspace carries (`.coopcom/rules/`), and the file of `--rules FILE`.
//! Each one above replaces the figures it gives of the ones below.
//!
//! Installed and workspace packs share one layout, that of `rules/`:
//! `<root>/<call>/pack.toml` corrects every action of the call,
//! `<root>/<call>/<ACTION FILE>.toml` (`KA152-YOU.toml`, `KA210.toml`, ...)
//! one action. The installed root is `<data folder>/rules`: the platform's
//! data folder for coopcom (`~/.local/share/coopcom` on Linux and macOS,
//! `%APPDATA%\coopcom\data` on Windows), or `$COOPCOM_DATA_DIR`.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// The environment variable that names coopcom's data folder.
pub const DATA_DIR_ENV: &str = "COOPCOM_DATA_DIR";

/// Where a workspace keeps its own rule pack.
pub const WORKSPACE_RULES: &str = ".coopcom/rules";

/// Where a layer of the pack in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    BuiltIn,
    Installed,
    Workspace,
    Argument,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::BuiltIn => "built-in",
            Origin::Installed => "installed",
            Origin::Workspace => "workspace",
            Origin::Argument => "--rules",
        }
    }
}

/// One file laid over the built-in pack.
#[derive(Debug, Clone)]
pub struct Layer {
    pub origin: Origin,
    pub path: PathBuf,
    /// The name shown in messages.
    pub name: String,
    pub text: String,
}

/// The places packs are read from, besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct PackSources {
    /// `<data folder>/rules`, when there is a data folder.
    pub installed: Option<PathBuf>,
    /// The workspace root, when the workspace has a `.coopcom/rules/`.
    pub workspace: Option<PathBuf>,
    /// `--rules FILE`: its path and text.
    pub argument: Option<(PathBuf, String)>,
    /// A file being installed, read in place of the installed file of its
    /// call and name (so that `rules install` checks it as it will be used).
    pub pending: Option<Pending>,
}

/// A file `rules install` is about to install.
#[derive(Debug, Clone)]
pub struct Pending {
    pub call: u32,
    /// `pack` or an action file name (`KA152-YOU`, `KA210`).
    pub file: String,
    pub path: PathBuf,
    pub text: String,
}

/// coopcom's data folder: `$COOPCOM_DATA_DIR`, else the platform's.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    use etcetera::AppStrategy as _;
    etcetera::choose_app_strategy(etcetera::AppStrategyArgs {
        top_level_domain: "eu".into(),
        author: "coopcom".into(),
        app_name: "coopcom".into(),
    })
    .ok()
    .map(|s| s.data_dir())
}

/// The folder of installed packs: `<data folder>/rules`.
pub fn installed_root() -> Option<PathBuf> {
    data_dir().map(|d| d.join("rules"))
}

/// The installed file of a call and a pack file (`pack` for the call-wide one).
pub fn installed_file(root: &Path, call: u32, file: &str) -> PathBuf {
    root.join(call.to_string()).join(format!("{file}.toml"))
}

impl PackSources {
    /// The sources of a command run in (or on) a workspace at `root`.
    pub fn standard(workspace: Option<&Path>, argument: Option<(PathBuf, String)>) -> PackSources {
        PackSources {
            installed: installed_root(),
            workspace: workspace
                .filter(|r| r.join(WORKSPACE_RULES).is_dir())
                .map(Path::to_path_buf),
            argument,
            pending: None,
        }
    }

    /// The files laid over the built-in pack of `call` for the action file
    /// `file`, lowest first. A file that cannot be read is an error.
    pub fn layers(&self, call: u32, file: &str) -> Result<Vec<Layer>, (String, String)> {
        let mut out = Vec::new();
        if let Some(root) = &self.installed {
            for f in ["pack", file] {
                if let Some(p) = self.pending.as_ref().filter(|p| p.call == call && p.file == f) {
                    out.push(Layer {
                        origin: Origin::Installed,
                        path: p.path.clone(),
                        name: p.path.display().to_string(),
                        text: p.text.clone(),
                    });
                    continue;
                }
                let path = installed_file(root, call, f);
                if path.is_file() || path.is_symlink() {
                    let text = read(&path, None)?;
                    let name = path.display().to_string();
                    out.push(Layer {
                        origin: Origin::Installed,
                        path,
                        name,
                        text,
                    });
                }
            }
        }
        if let Some(ws) = &self.workspace {
            for f in ["pack", file] {
                let rel = format!("{WORKSPACE_RULES}/{call}/{f}.toml");
                let path = ws.join(&rel);
                if path.is_file() || path.is_symlink() {
                    let text = read(&path, Some(ws))?;
                    out.push(Layer {
                        origin: Origin::Workspace,
                        path,
                        name: rel,
                        text,
                    });
                }
            }
        }
        if let Some((path, text)) = &self.argument {
            out.push(Layer {
                origin: Origin::Argument,
                path: path.clone(),
                name: path.display().to_string(),
                text: text.clone(),
            });
        }
        Ok(out)
    }

    /// The calls that the installed or workspace packs add (a `pack.toml`
    /// under a year that has no built-in pack), sorted.
    pub fn added_calls(&self) -> Vec<u32> {
        let roots = [
            self.installed.clone(),
            self.workspace.as_ref().map(|w| w.join(WORKSPACE_RULES)),
        ];
        let mut calls: Vec<u32> = roots
            .iter()
            .flatten()
            .filter_map(|r| std::fs::read_dir(r).ok())
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|y| super::registry::built_in_calls().all(|b| b != *y))
            .filter(|y| {
                roots
                    .iter()
                    .flatten()
                    .any(|r| installed_file(r, *y, "pack").is_file())
            })
            .collect();
        if let Some(p) = self.pending.as_ref().filter(|p| p.file == "pack")
            && super::registry::built_in_calls().all(|b| b != p.call)
        {
            calls.push(p.call);
        }
        calls.sort_unstable();
        calls.dedup();
        calls
    }

    /// The `pack.toml` text that adds `call`, if an installed or workspace
    /// pack does.
    pub fn added_call_text(&self, call: u32) -> Option<String> {
        if let Some(p) = self
            .pending
            .as_ref()
            .filter(|p| p.call == call && p.file == "pack")
        {
            return Some(p.text.clone());
        }
        let roots = [
            self.installed.clone(),
            self.workspace.as_ref().map(|w| w.join(WORKSPACE_RULES)),
        ];
        roots
            .iter()
            .flatten()
            .map(|r| installed_file(r, call, "pack"))
            .find(|p| p.is_file())
            .and_then(|p| std::fs::read_to_string(p).ok())
    }
}

/// Reads a pack file with the guards of every file coopcom reads; a file of
/// the workspace must not be a link leading outside it.
fn read(path: &Path, workspace: Option<&Path>) -> Result<String, (String, String)> {
    let name = path.display().to_string();
    if let Some(root) = workspace {
        let inside = match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
            (Ok(r), Ok(p)) => p.starts_with(r),
            _ => true,
        };
        if !inside {
            return Err((
                name,
                "is a link to a file outside the workspace: it is not read; copy the file into the workspace instead".into(),
            ));
        }
    }
    crate::workspace::files::read_argument_file(path).map_err(|e| (name, format!("{e:#}")))
}
