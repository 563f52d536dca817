//! `coopcom check`: every finding at once.

use anyhow::Result;

use crate::analysis::{Analysis, analyse_on};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostics::{Summary, render};
use crate::output::Output;
use crate::{EXIT_FINDINGS, EXIT_OK};

pub fn run(args: &CheckArgs, out: &Output) -> Result<i32> {
    let today = crate::rules::calendar::today(args.today)?;
    if args.all.is_some() || !args.more.is_empty() {
        return super::check_all::run(args, today, out);
    }
    let a = analyse_on(
        args.workspace.dir.as_deref(),
        args.workspace.rules.as_deref(),
        Some(today),
    )?;
    let summary = Summary::of(&a.diagnostics);
    match args.format {
        CheckFormat::Json => {
            let report = render::json_report(&a.diagnostics, &a.ws.sources);
            out.data(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        CheckFormat::Human => out.status(&human(&a, out.color)),
    }
    let failed = summary.errors > 0 || (args.strict && summary.warnings > 0);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// The human report of one workspace: every finding, then the closing line.
pub fn human(a: &Analysis, color: bool) -> String {
    let summary = Summary::of(&a.diagnostics);
    let mut text = String::new();
    for d in &a.diagnostics {
        text.push_str(&render::human(d, &a.ws.sources, color));
        text.push_str("\n\n");
    }
    let title =
        a.ws.project
            .title
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_else(|| a.ws.root.display().to_string());
    let verdict = a.verdict().map(|v| format!(": {v}")).unwrap_or_default();
    text.push_str(&format!(
        "checked \"{}\": {}{verdict}\n",
        render::printable(&title),
        render::human_summary(summary)
    ));
    text
}
