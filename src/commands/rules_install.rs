//! `coopcom rules install FILE` and `coopcom rules uninstall`: rule packs
//! kept in the user's data folder, in place of the built-in figures they
//! give (see `rules::sources` for where, and rules/README.md for the file).
//!
//! An installed file is checked exactly as `--rules FILE` is, by the same
//! loader, before anything is written; it is written through the one
//! writer (a temporary file renamed into place: never half a file).

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use crate::cli::{RulesInstallArgs, RulesUninstallArgs};
use crate::output::Output;
use crate::pack::registry::{self, CALL_KEYS, Header, PackError};
use crate::pack::sources::{self, PackSources, Pending};
use crate::workspace;
use crate::{EXIT_FAILURE, EXIT_OK};

/// The action file an action code or file name given by a user stands for:
/// `KA210-YOU` and `KA210` are both `KA210`.
fn action_file(given: &str) -> Option<&'static str> {
    let code = given.trim().to_uppercase();
    registry::pack_file_of(&code).map(|(f, _)| f).or_else(|| {
        registry::action_files()
            .into_iter()
            .map(|(f, _)| f)
            .find(|f| *f == code)
    })
}

/// The root of the installed packs, or why there is none.
fn installed_root() -> Result<std::path::PathBuf> {
    sources::installed_root().ok_or_else(|| {
        anyhow!(
            "coopcom cannot find your data folder (no home folder is set): set {} to a folder for coopcom's data",
            sources::DATA_DIR_ENV
        )
    })
}

pub fn install(args: &RulesInstallArgs, out: &Output) -> Result<i32> {
    let path = &args.file;
    let text = workspace::files::read_argument_file(path)?;
    let name = path.display().to_string();
    // The same error as --rules for a file that is not TOML.
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        super::rules::malformed(PackError::Malformed {
            file: name.clone(),
            text: text.clone(),
            span: e.span(),
            message: e.message().trim().to_string(),
        })
    })?;
    let header = Header::of(&text);
    let named_call = header
        .pack
        .as_ref()
        .and_then(|p| p.call.as_ref())
        .map(|c| *c.get_ref());
    let call = match (named_call, args.call) {
        (Some(n), Some(c)) if n != i64::from(c) => {
            bail!("{name} says it is for call {n} (`[pack] call`), not for call {c} (--call)")
        }
        (Some(n), _) => {
            u32::try_from(n).map_err(|_| anyhow!("{name}: `[pack] call = {n}` is not a call year"))?
        }
        (None, Some(c)) => c,
        (None, None) => bail!(
            "{name} does not say which call it is for: add `[pack]` with `call = 2027` at its top, or pass --call 2027"
        ),
    };
    let named_action = header
        .action
        .as_ref()
        .and_then(|a| a.code.as_ref())
        .map(|c| c.get_ref().clone());
    let file = match (named_action.as_deref(), args.action.as_deref()) {
        (Some(n), Some(a)) if action_file(n) != action_file(a) => {
            bail!("{name} says it is for {n} (`[action] code`), not for {a} (--action)")
        }
        (Some(a), _) | (None, Some(a)) => match action_file(a) {
            Some(f) => f.to_string(),
            None => {
                out.error(&format!(
                    "\"{a}\" is not an action coopcom supports; supported: {}",
                    registry::ACTIONS.join(", ")
                ));
                return Ok(EXIT_FAILURE);
            }
        },
        (None, None) => {
            let action_keys: Vec<&str> = table
                .keys()
                .map(String::as_str)
                .filter(|k| !CALL_KEYS.contains(k))
                .collect();
            if !action_keys.is_empty() {
                bail!(
                    "{name} gives figures of an action ({}) but does not say which: add `[action]` with `code = \"KA152-YOU\"` at its top, or pass --action KA152-YOU",
                    action_keys.join(", ")
                );
            }
            "pack".to_string()
        }
    };
    let root = installed_root()?;
    let sources = PackSources {
        installed: Some(root.clone()),
        pending: Some(Pending {
            call,
            file: file.clone(),
            path: path.clone(),
            text: text.clone(),
        }),
        ..PackSources::default()
    };
    // Checked with every action it applies to, as it will be used.
    let codes: Vec<&str> = registry::action_files()
        .into_iter()
        .filter(|(f, _)| file == "pack" || *f == file)
        .map(|(_, code)| code)
        .collect();
    for code in &codes {
        match registry::resolve_with(code, call, &sources) {
            Ok(_) => {}
            Err(PackError::UnsupportedCall) => {
                out.error(&format!(
                    "there is no pack for call {call} to install {name} on\n  calls there are: {}\n  a pack.toml that adds call {call} says `carried_over_from = <an earlier call>` in its `[pack]` (rules/README.md, \"Adding a call\")",
                    registry::calls_with(&PackSources::standard(None, None))
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return Ok(EXIT_FAILURE);
            }
            Err(e) => return Err(super::rules::malformed(e)),
        }
    }
    let dir = root.join(call.to_string());
    let target = sources::installed_file(&root, call, &file);
    let replaced = target.is_file();
    crate::writer::write_all(&dir, &[(format!("{file}.toml"), text.into_bytes())])
        .map_err(|e| e.context(format!("cannot install {name} in {}", dir.display())))?;
    let what = if file == "pack" {
        format!("the call-wide pack of call {call} (every action)")
    } else {
        format!("the {file} pack of call {call}")
    };
    let uninstall = if file == "pack" {
        format!("coopcom rules uninstall --call {call}")
    } else {
        format!("coopcom rules uninstall --call {call} --action {file}")
    };
    out.status(&format!(
        "installed {name} as {what}: {}{}\nits figures replace the built-in ones; `{uninstall}` goes back to the built-in pack\n",
        target.display(),
        if replaced {
            " (in place of the pack installed there before)"
        } else {
            ""
        }
    ));
    Ok(EXIT_OK)
}

pub fn uninstall(args: &RulesUninstallArgs, out: &Output) -> Result<i32> {
    let call = match args.call {
        Some(c) => c,
        None => {
            match super::rules::here()
                .1
                .and_then(|w| w.project.call.map(|c| c.value))
            {
                Some(c) => c,
                None => {
                    out.error("which call? pass --call, e.g. `coopcom rules uninstall --call 2027 --action KA152-YOU`");
                    return Ok(EXIT_FAILURE);
                }
            }
        }
    };
    let names: Vec<String> = match &args.action {
        Some(a) => match action_file(a) {
            Some(f) => vec![f.to_string()],
            None => {
                out.error(&format!(
                    "\"{a}\" is not an action coopcom supports; supported: {}",
                    registry::ACTIONS.join(", ")
                ));
                return Ok(EXIT_FAILURE);
            }
        },
        None => std::iter::once("pack".to_string())
            .chain(registry::action_files().into_iter().map(|(f, _)| f.to_string()))
            .collect(),
    };
    let root = installed_root()?;
    let mut removed = Vec::new();
    for n in &names {
        let path = sources::installed_file(&root, call, n);
        if std::fs::symlink_metadata(&path).is_ok() {
            std::fs::remove_file(&path).map_err(|e| anyhow!("cannot remove {}: {e}", path.display()))?;
            removed.push(path);
        }
    }
    // The call's folder goes when it is empty (never anything else in it).
    let _ = std::fs::remove_dir(root.join(call.to_string()));
    if removed.is_empty() {
        out.status(&format!(
            "nothing to remove: no pack of call {call}{} is installed in {}\n",
            args.action
                .as_deref()
                .map(|a| format!(" for {a}"))
                .unwrap_or_default(),
            root.display()
        ));
    } else {
        let list: Vec<String> = removed.iter().map(|p| display(p)).collect();
        out.status(&format!(
            "removed {}\nthe built-in pack of call {call} is in force again\n",
            list.join(", ")
        ));
    }
    Ok(EXIT_OK)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
