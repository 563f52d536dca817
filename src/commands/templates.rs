//! `coopcom templates list|eject`: the built-in templates of a workspace's
//! action family, and copying one into templates/ to start an override.

use std::path::Path;

use anyhow::Result;

use crate::cli::TemplatesCommand;
use crate::output::Output;
use crate::pack::registry;
use crate::render::templates::built_in;
use crate::{EXIT_FAILURE, EXIT_OK};

fn family(dir: Option<&Path>, out: &Output) -> Result<Option<(std::path::PathBuf, crate::pack::Family)>> {
    let cwd = std::env::current_dir()?;
    let root = crate::workspace::discover(dir, &cwd)?;
    let (ws, _) = crate::workspace::load(&root)?;
    let (Some(action), Some(call)) = (ws.project.action.as_ref(), ws.project.call.as_ref()) else {
        out.error("coopcom.toml names no action or call: run `coopcom check` to see why");
        return Ok(None);
    };
    match registry::resolve(&action.value, call.value, None) {
        Ok(r) => Ok(Some((root, r.action.action.family))),
        Err(_) => {
            out.error(&format!(
                "no rule pack for {} in call {}: run `coopcom check`",
                action.value, call.value
            ));
            Ok(None)
        }
    }
}

pub fn run(cmd: &TemplatesCommand, out: &Output) -> Result<i32> {
    match cmd {
        TemplatesCommand::List(a) => {
            let Some((root, fam)) = family(a.dir.as_deref(), out)? else {
                return Ok(EXIT_FAILURE);
            };
            let mut text = String::new();
            for (name, (shown, _)) in built_in(fam) {
                let mark = if root.join("templates").join(&name).is_file() {
                    "  (overridden in templates/)"
                } else {
                    ""
                };
                text.push_str(&format!("{name:<40} {shown}{mark}\n"));
            }
            out.data(&text)?;
            Ok(EXIT_OK)
        }
        TemplatesCommand::Eject(a) => {
            let Some((root, fam)) = family(a.dir.as_deref(), out)? else {
                return Ok(EXIT_FAILURE);
            };
            let all = built_in(fam);
            let Some((_, text)) = all.get(&a.name) else {
                let names: Vec<&str> = all.keys().map(String::as_str).collect();
                let hint = crate::diagnostics::suggest::did_you_mean(&a.name, names.iter().copied())
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                out.error(&format!(
                    "no built-in template \"{}\"{hint}; see `coopcom templates list`",
                    a.name
                ));
                return Ok(EXIT_FAILURE);
            };
            let path = root.join("templates").join(&a.name);
            if std::fs::symlink_metadata(&path).is_ok() {
                out.error(&format!(
                    "{} already exists; coopcom never overwrites it",
                    path.display()
                ));
                return Ok(EXIT_FAILURE);
            }
            crate::writer::create_new_all(
                &root.join("templates"),
                &[(a.name.clone(), text.as_bytes().to_vec())],
            )?;
            out.status(&format!(
                "copied {} to {}; edit it and run `coopcom render`\n",
                a.name,
                path.display()
            ));
            Ok(EXIT_OK)
        }
    }
}
