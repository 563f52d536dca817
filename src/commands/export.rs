//! `coopcom export FORMAT`: the budget as a workbook or CSV, the calendar,
//! the map, or the application as a Word document, from the one loaded
//! workspace and its one computed budget. A workspace with errors exports
//! nothing (exit 1); a bad `--out` is a usage error (exit 2).

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::analysis::analyse;
use crate::cli::ExportArgs;
use crate::export;
use crate::export::Format;
use crate::output::Output;
use crate::writer;
use crate::{EXIT_FINDINGS, EXIT_OK};

/// Where the files go.
enum Target {
    Stdout,
    File(PathBuf),
    /// The workspace's build/ folder, each file under its own name.
    Build,
}

fn target(args: &ExportArgs, format: Format) -> Result<Target> {
    if args.what.is_some() && format != Format::Csv {
        bail!(
            "--what chooses between the two CSV files; it does not apply to {}",
            format.name()
        );
    }
    let Some(out) = &args.out else {
        return Ok(Target::Build);
    };
    let one_file = format != Format::Csv || args.what.is_some();
    if !one_file {
        bail!(
            "`export csv` writes two files (the budget lines and the flows): add --what budget or --what flows to write one to --out"
        );
    }
    if out.as_os_str() == "-" {
        if !format.is_text() {
            bail!(
                "{} is a binary format and cannot go to stdout: give --out a file name",
                format.name()
            );
        }
        return Ok(Target::Stdout);
    }
    if out.is_dir() {
        bail!(
            "--out {} is a folder; give a file name (without --out, coopcom writes into the workspace's build/ folder)",
            out.display()
        );
    }
    Ok(Target::File(out.clone()))
}

pub fn run(args: &ExportArgs, out: &Output) -> Result<i32> {
    let format = Format::from(args.format);
    if args.report && format != Format::Docx {
        bail!(
            "--report exports the final report as a Word document: use it with docx, not {}",
            format.name()
        );
    }
    let target = target(args, format)?;
    let mut a = analyse(args.workspace.dir.as_deref(), args.workspace.rules.as_deref())?;
    if super::blocked_by_errors(&a, out, "nothing exported", args.verbose) {
        return Ok(EXIT_FINDINGS);
    }
    if a.budget.is_none() {
        out.error("nothing to export: the workspace's action and call are not known");
        return Ok(EXIT_FINDINGS);
    }
    let files = if args.report {
        if !a.ws.results.exists() {
            out.error(
                "there is no results/ folder yet: `coopcom report init` starts it from the plan; nothing was exported",
            );
            return Ok(EXIT_FINDINGS);
        }
        let bytes = export::docx::report_document(&mut a)?;
        vec![export::File {
            name: format!("{}-final-report.docx", export::slug(&a)),
            bytes,
        }]
    } else {
        let Some(budget) = a.budget.as_ref() else {
            return Ok(EXIT_FINDINGS);
        };
        export::export(&a, budget, format, args.what.map(Into::into))?
    };
    let paths: Vec<PathBuf> = match &target {
        Target::Stdout => {
            for f in &files {
                out.data(&String::from_utf8_lossy(&f.bytes))?;
            }
            return Ok(EXIT_OK);
        }
        Target::File(path) => files.iter().map(|_| path.clone()).collect(),
        Target::Build => {
            let dir = a.ws.root.join("build");
            if dir.exists() && !dir.is_dir() {
                bail!("{} is a file, not a folder; nothing was written", dir.display());
            }
            files.iter().map(|f| dir.join(&f.name)).collect()
        }
    };
    // All files or none: a two-file export never stops halfway.
    match &target {
        Target::Build => {
            let dir = a.ws.root.join("build");
            let named: Vec<(String, Vec<u8>)> =
                files.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
            writer::write_all(&dir, &named)?;
        }
        _ => {
            for (f, path) in files.iter().zip(&paths) {
                writer::write_file(path, &f.bytes)?;
            }
        }
    }
    if args.verbose {
        super::print_findings(&a, out, true);
    }
    let written: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    out.status(&format!(
        "exported {} to {}; {}\n",
        format.name(),
        written.join(" and "),
        super::counts(&a, args.verbose)
    ));
    Ok(EXIT_OK)
}
