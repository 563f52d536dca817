//! coopcom: Erasmus+ project proposals as a folder of plain text.
//!
//! The flow: files are loaded once into a [`workspace::Workspace`]; the
//! checks turn it into [`diagnostics::Diagnostic`]s; the budget, the
//! rendered application and every export are computed from the same model.

pub mod analysis;
pub mod budget;
pub mod cli;
pub mod commands;
pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod form;
/// Entry points of the fuzz targets: built for them (feature `fuzz`) and for
/// the tests that replay what the fuzzer found, never into the tool.
#[doc(hidden)]
#[cfg(any(test, feature = "fuzz"))]
pub mod fuzz_support;
pub mod geo;
pub mod money;
pub mod output;
pub mod pack;
pub mod portfolio;
pub mod render;
pub mod results;
pub mod roster;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod text;
pub mod view;
pub mod watch;
pub mod workspace;
pub mod writer;

use std::ffi::OsString;

use clap::Parser;

/// Exit status: success, with nothing at error level.
pub const EXIT_OK: i32 = 0;
/// Exit status: the workspace has findings at error level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: coopcom could not run (bad arguments, unreadable workspace, ...).
pub const EXIT_FAILURE: i32 = 2;

/// Runs coopcom with the given arguments and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_FAILURE } else { EXIT_OK };
        }
    };
    let out = output::Output::new(cli.color.into());
    let result = match &cli.command {
        cli::Command::Init(a) => commands::init::run(a, &out),
        cli::Command::Check(a) => commands::check::run(a, &out),
        cli::Command::Budget(a) => commands::budget::run(a, &out),
        cli::Command::Rules(a) => commands::rules::run(a, &out),
        cli::Command::Render(a) => commands::render::run(a, &out),
        cli::Command::Export(a) => commands::export::run(a, &out),
        cli::Command::Templates(a) => commands::templates::run(a, &out),
        cli::Command::Distance(a) => commands::distance::run(a, &out),
        cli::Command::Explain(a) => commands::explain::run(a, &out),
        cli::Command::Schema(a) => commands::schema::run(a, &out),
        cli::Command::Status(a) => commands::status::run(a, &out),
        cli::Command::Serve(a) => commands::serve::run(a, &out),
        cli::Command::Report(a) => commands::final_report::run(a, &out),
        cli::Command::Import(a) => commands::import::run(a, &out),
        cli::Command::Diff(a) => commands::diff::run(a, &out),
        cli::Command::Completions(a) => commands::completions::run(a, &out),
        cli::Command::Man(a) => commands::man::run(a, &out),
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            out.error(&format!("{e:#}"));
            EXIT_FAILURE
        }
    }
}
