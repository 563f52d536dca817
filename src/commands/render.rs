//! `coopcom render`: writes the application draft, the paste-ready texts
//! and the budget. A workspace with errors writes nothing (unless
//! `--allow-errors`); files are replaced atomically; files coopcom did not
//! write are left alone.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::analysis::analyse;
use crate::cli::{RenderArgs, RenderFormat};
use crate::diagnostics::render as report;
use crate::output::Output;
use crate::render::{self, Formats};
use crate::watch::{Change, Watcher};
use crate::writer;
use crate::{EXIT_FINDINGS, EXIT_OK};

pub fn run(args: &RenderArgs, out: &Output) -> Result<i32> {
    if !args.watch {
        return once(args, out);
    }
    let cwd = std::env::current_dir()?;
    let root = crate::workspace::discover(args.workspace.dir.as_deref(), &cwd)?;
    let out_dir = output_dir(args, &root)?;
    // Watching starts before the first pass, so a save during it is seen.
    let watcher = Watcher::new(&root, &[out_dir])?;
    let mut passes = 0u32;
    let mut status = once(args, out)?;
    passes += 1;
    out.status("watching for changes (Ctrl-C to stop)\n");
    while args.watch_passes.is_none_or(|max| passes < max) {
        match watcher.wait() {
            None => break,
            Some(Change::Error(e)) => out.status(&format!("warning: watching the workspace: {e}\n")),
            Some(Change::Files(_)) => {
                out.status("\nchange detected: rendering again\n");
                status = once(args, out)?;
                passes += 1;
            }
        }
    }
    Ok(status)
}

/// The output folder: `--out`, or build/ in the workspace. A path that is
/// an existing file is refused.
fn output_dir(args: &RenderArgs, root: &Path) -> Result<PathBuf> {
    let dir = args.out.clone().unwrap_or_else(|| root.join("build"));
    if dir.exists() && !dir.is_dir() {
        bail!(
            "--out {} is a file, not a folder; nothing was written",
            dir.display()
        );
    }
    Ok(dir)
}

fn once(args: &RenderArgs, out: &Output) -> Result<i32> {
    let mut a = analyse(args.workspace.dir.as_deref(), args.workspace.rules.as_deref())?;
    let out_dir = output_dir(args, &a.ws.root)?;
    let formats = Formats {
        md: args.format.contains(&RenderFormat::Md),
        html: args.format.contains(&RenderFormat::Html),
    };
    let errors = a.errors();
    super::print_findings(&a, out, args.verbose);
    if errors > 0 && !args.allow_errors {
        out.error(&format!(
            "the workspace has {errors} error{}: nothing was written (render anyway with --allow-errors)",
            if errors == 1 { "" } else { "s" }
        ));
        return Ok(EXIT_FINDINGS);
    }
    if args.report && !a.ws.results.exists() {
        out.error(
            "there is no results/ folder yet: `coopcom report init` starts it from the plan; nothing was written",
        );
        return Ok(EXIT_FINDINGS);
    }
    let rendered = if args.report {
        render::render_report(&mut a, formats)
    } else {
        render::render(&mut a, formats)
    };
    let files = match rendered {
        Ok(f) => f,
        Err(diags) => {
            let mut text = String::new();
            for d in &diags {
                text.push_str(&report::human(d, &a.ws.sources, out.color));
                text.push_str("\n\n");
            }
            out.status(&text);
            if diags.is_empty() {
                out.error("nothing to render: the workspace's action and call are not known");
            } else {
                out.error("a template failed: nothing was written");
            }
            return Ok(EXIT_FINDINGS);
        }
    };
    let changed = writer::write_all(&out_dir, &files)?;
    out.status(&format!(
        "rendered {} files into {} ({} changed); {}\n",
        files.len(),
        out_dir.display(),
        changed,
        super::counts(&a, args.verbose)
    ));
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
