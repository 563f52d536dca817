//! Integration tests of the `coopcom` command line: one test binary that
//! runs the real executable on fixture workspaces (see tests/README.md).

// A test crate: unwrap, expect, panic and indexing are how tests fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod bad_input;
mod budget;
mod call_2027;
mod diff;
mod explain;
mod export;
mod form;
mod guide_cases;
mod html_render;
mod init;
mod json;
mod loading;
mod messages;
mod out_targets;
mod portfolio;
mod readme;
mod render;
mod report;
mod report_docs;
mod roster;
mod rules;
mod schema;
mod serve;
mod shell;
mod snapshots;
mod status;
