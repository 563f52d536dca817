//! `coopcom diff [OLD] [NEW]`: what changed between two versions of a
//! proposal, from the two analyses (src/diff). OLD and NEW are workspace
//! folders or git revisions of the repository that holds the workspace,
//! read from its objects; `--results` compares the plan with `results/`.
//!
//! Exit status: 0 when the two analyses are the same, 1 when they differ,
//! 2 when a side cannot be read.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::analysis::analyse_source;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::{self, Diff, Snapshot, output};
use crate::output::Output;
use crate::workspace::file_source::{FileSource, Folder};
use crate::workspace::git::GitTree;
use crate::workspace::{self, load::MANIFEST};
use crate::{EXIT_FINDINGS, EXIT_OK};

/// One version of the workspace.
enum Side {
    Folder(PathBuf),
    Revision(String),
}

impl Side {
    /// A folder that exists (or a `coopcom.toml`) is read as a folder;
    /// anything else is a revision.
    fn of(arg: &str) -> Side {
        let path = Path::new(arg);
        let is_manifest = path.file_name().is_some_and(|n| n == MANIFEST) && path.is_file();
        if path.is_dir() || is_manifest {
            Side::Folder(path.to_path_buf())
        } else {
            Side::Revision(arg.to_string())
        }
    }

    fn name(&self, home: &Path, arg: Option<&str>) -> String {
        match (self, arg) {
            (Side::Folder(_), None) => "working tree".to_string(),
            (Side::Folder(p), Some(_)) if p == home => "working tree".to_string(),
            (Side::Folder(p), Some(_)) => p.display().to_string(),
            (Side::Revision(r), _) => r.clone(),
        }
    }
}

pub fn run(args: &DiffArgs, out: &Output) -> Result<i32> {
    let cwd = std::env::current_dir()?;
    let home = || workspace::discover(args.dir.as_deref(), &cwd);
    let rules = args.rules.as_deref();
    let d = if args.results {
        let side = match args.old.as_deref() {
            Some(arg) => Side::of(arg),
            None => Side::Folder(home()?),
        };
        results_diff(&side, &cwd, args, rules)?
    } else {
        let old = Side::of(args.old.as_deref().unwrap_or("HEAD"));
        let new = match args.new.as_deref() {
            Some(arg) => Side::of(arg),
            None => Side::Folder(home()?),
        };
        // The repository's workspace is needed only for a revision.
        let needs_home = matches!(old, Side::Revision(_)) || matches!(new, Side::Revision(_));
        let home = if needs_home { home()? } else { PathBuf::new() };
        let old_name = old.name(&home, args.old.as_deref());
        let new_name = new.name(&home, args.new.as_deref());
        // The two sides are read and analysed at the same time.
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| {
                snapshot(&old, &home, &cwd, rules)
                    .with_context(|| format!("cannot read the old side ({old_name})"))
            });
            let b = snapshot(&new, &home, &cwd, rules)
                .with_context(|| format!("cannot read the new side ({new_name})"));
            let a = a
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the old side's analysis stopped")));
            (a, b)
        });
        diff::between(&old_name, &new_name, a?, b?)
    };
    let text = match args.format {
        DiffFormat::Text => output::text(&d, out.color_stdout),
        DiffFormat::Md => output::markdown(&d),
        DiffFormat::Json => format!("{}\n", serde_json::to_string_pretty(&d)?),
    };
    out.data(&text)?;
    Ok(if d.is_empty() { EXIT_OK } else { EXIT_FINDINGS })
}

/// The source of files of one side.
fn source(side: &Side, home: &Path, cwd: &Path) -> Result<Box<dyn FileSource>> {
    Ok(match side {
        Side::Folder(p) => Box::new(Folder::new(&workspace::discover(Some(p), cwd)?)),
        Side::Revision(r) => Box::new(GitTree::open(home, r)?),
    })
}

fn snapshot(side: &Side, home: &Path, cwd: &Path, rules: Option<&Path>) -> Result<Snapshot> {
    let src = source(side, home, cwd)?;
    let a = analyse_source(src.as_ref(), rules, None, None)?;
    Ok(Snapshot::plan(&a))
}

/// The plan against what took place, on one side.
fn results_diff(side: &Side, cwd: &Path, args: &DiffArgs, rules: Option<&Path>) -> Result<Diff> {
    let home = match side {
        Side::Folder(p) => p.clone(),
        Side::Revision(_) => workspace::discover(args.dir.as_deref(), cwd)?,
    };
    let src = source(side, &home, cwd)?;
    let mut a = analyse_source(src.as_ref(), rules, None, None)?;
    if !a.ws.results.exists() {
        bail!(
            "{} has no results/ yet: nothing to compare the plan with\n  (start it with `coopcom report init`)",
            home.display()
        );
    }
    let plan = Snapshot::plan(&a);
    let Some(results) = Snapshot::results(&mut a) else {
        bail!("no rule pack for this workspace: `coopcom check` says why");
    };
    // The texts are the plan's on both sides: only what took place differs.
    let mut plan = plan;
    plan.texts.clear();
    Ok(diff::between("plan", "results", plan, results))
}
