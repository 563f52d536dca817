//! One file per subcommand.

pub mod budget;
pub mod budget_all;
pub mod check;
pub mod check_all;
pub mod completions;
pub mod diff;
pub mod distance;
pub mod explain;
pub mod export;
pub mod final_report;
pub mod import;
pub mod init;
pub mod init_choices;
pub mod man;
pub mod render;
pub mod rules;
pub mod rules_diff;
pub mod rules_install;
pub mod schema;
pub mod serve;
pub mod status;
pub mod templates;

use crate::analysis::Analysis;
use crate::diagnostics::{Severity, Summary, render as report};
use crate::output::Output;

/// Prints a workspace's findings the way `render`, `export` and `budget`
/// do: errors in full; warnings and notes in full only when `verbose`,
/// since `coopcom check` is where they are read.
pub fn print_findings(a: &Analysis, out: &Output, verbose: bool) {
    let mut text = String::new();
    for d in &a.diagnostics {
        if verbose || d.severity == Severity::Error {
            text.push_str(&report::human(d, &a.ws.sources, out.color));
            text.push_str("\n\n");
        }
    }
    out.status(&text);
}

/// The counts of a report's closing line, with where to read the warnings
/// that were not printed: `0 errors, 18 warnings: run `coopcom check` to
/// see them`.
pub fn counts(a: &Analysis, verbose: bool) -> String {
    let summary = Summary::of(&a.diagnostics);
    let counts = report::human_summary(summary);
    match summary.warnings {
        0 => counts,
        _ if verbose => counts,
        1 => format!("{counts}: run `coopcom check` to see it"),
        _ => format!("{counts}: run `coopcom check` to see them"),
    }
}

/// Prints a workspace's errors and the line that says what they prevent
/// (`"no budget"`, `"nothing exported"`); true when there were errors.
pub fn blocked_by_errors(a: &Analysis, out: &Output, what: &str, verbose: bool) -> bool {
    let n = a.errors();
    if n == 0 {
        return false;
    }
    print_findings(a, out, verbose);
    out.error(&format!(
        "{what}: the workspace has {n} error{}; fix {} first (`coopcom check` lists everything)",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    ));
    true
}
