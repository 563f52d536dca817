//! One file per subcommand.

pub mod budget;
pub mod check;
pub mod completions;
pub mod distance;
pub mod explain;
pub mod export;
pub mod init;
pub mod init_choices;
pub mod man;
pub mod render;
pub mod rules;
pub mod rules_diff;
pub mod rules_install;
pub mod schema;
pub mod status;
pub mod templates;

use crate::analysis::Analysis;
use crate::diagnostics::{Severity, render as report};
use crate::output::Output;

/// Prints a workspace's errors and the line that says what they prevent
/// (`"no budget"`, `"nothing exported"`); true when there were errors.
pub fn blocked_by_errors(a: &Analysis, out: &Output, what: &str) -> bool {
    let errors: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return false;
    }
    let mut text = String::new();
    for d in &errors {
        text.push_str(&report::human(d, &a.ws.sources, out.color));
        text.push_str("\n\n");
    }
    out.status(&text);
    let n = errors.len();
    out.error(&format!(
        "{what}: the workspace has {n} error{}; fix {} first (`coopcom check` lists everything)",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    ));
    true
}
