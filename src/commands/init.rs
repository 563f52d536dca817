//! `coopcom init`: a new workspace for an action type that passes `check`
//! with warnings only ([`crate::scaffold`] makes its files). Nothing is
//! ever overwritten: if any file would be, nothing is written at all.

use std::fs;
use std::path::PathBuf;

use anyhow::Result;

use super::init_choices as choices;
use crate::cli::InitArgs;
use crate::output::Output;
use crate::pack::registry;
use crate::pack::sources::PackSources;
use crate::scaffold::scaffold;
use crate::{EXIT_FAILURE, EXIT_OK};

pub fn run(args: &InitArgs, out: &Output) -> Result<i32> {
    let action = args.action.trim().to_uppercase();
    if registry::pack_file_of(&action).is_none() {
        out.error(&choices::unknown_action(&action, &args.action, args));
        return Ok(EXIT_FAILURE);
    }
    let sources = PackSources::standard(None, None);
    let today = crate::rules::calendar::today(args.today)?;
    let pick = match crate::rules::calendar::pick(&action, args.call, args.round, today, &sources) {
        Ok(p) => p,
        Err(why) => {
            out.error(&why);
            return Ok(EXIT_FAILURE);
        }
    };
    let rules = match registry::resolve_with(&action, pick.call, &sources) {
        Ok(r) => r,
        Err(registry::PackError::UnknownAction) => {
            out.error(&choices::unknown_action(&action, &args.action, args));
            return Ok(EXIT_FAILURE);
        }
        Err(registry::PackError::UnsupportedCall) => {
            out.error(&choices::unsupported_call(pick.call, &action, &sources));
            return Ok(EXIT_FAILURE);
        }
        Err(registry::PackError::Malformed { file, message, .. }) => {
            anyhow::bail!("the rule pack {file} cannot be used: {message}")
        }
    };
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let files = match scaffold(&rules, args.title.as_deref(), pick.round) {
        Ok(f) => f,
        Err(why) => {
            out.error(&why);
            return Ok(EXIT_FAILURE);
        }
    };
    let conflicts: Vec<String> = files
        .iter()
        .filter(|(p, _)| fs::symlink_metadata(dir.join(p)).is_ok())
        .map(|(p, _)| p.clone())
        .collect();
    if !conflicts.is_empty() {
        out.error(&format!(
            "{} already holds {}; coopcom init never overwrites a file, so nothing was written",
            dir.display(),
            if conflicts.iter().any(|c| c == "coopcom.toml") {
                "a workspace (coopcom.toml)".to_string()
            } else {
                format!("files it would write: {}", conflicts.join(", "))
            }
        ));
        return Ok(EXIT_FAILURE);
    }
    let bytes: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    crate::writer::create_new_all(&dir, &bytes)?;
    if let Some(why) = &pick.why {
        out.status(&format!("{why}\n"));
    }
    out.status(&format!(
        "created a {} workspace for call {} in {} ({} files)\nnext: edit the files, then run `coopcom check {}`\n",
        rules.code,
        rules.call.pack.call,
        dir.display(),
        files.len(),
        dir.display()
    ));
    Ok(EXIT_OK)
}
