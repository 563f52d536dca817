//! `coopcom explain CODE`: the page of a diagnostic code.

use anyhow::Result;

use crate::cli::ExplainArgs;
use crate::diagnostics::codes;
use crate::output::Output;
use crate::{EXIT_FAILURE, EXIT_OK};

include!(concat!(env!("OUT_DIR"), "/code_pages.rs"));

/// The page of a code, from `docs/codes/<CODE>.md`, compiled in.
pub fn page(id: &str) -> Option<&'static str> {
    CODE_PAGES.iter().find(|(c, _)| *c == id).map(|(_, p)| *p)
}

pub fn run(args: &ExplainArgs, out: &Output) -> Result<i32> {
    let Some(code) = codes::find(&args.code) else {
        let ids: Vec<&str> = codes::ALL.iter().map(|c| c.id).collect();
        let hint = crate::diagnostics::suggest::did_you_mean(&args.code, ids.iter().copied())
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        // Shown escaped and shortened: the argument may hold control
        // characters (a terminal escape) or be thousands of characters long.
        let mut shown: String = args
            .code
            .chars()
            .take(64)
            .collect::<String>()
            .escape_debug()
            .to_string();
        if args.code.chars().nth(64).is_some() {
            shown.push_str("...");
        }
        out.error(&format!("unknown diagnostic code \"{shown}\"{hint}"));
        return Ok(EXIT_FAILURE);
    };
    match page(code.id) {
        Some(text) => out.data(text)?,
        None => out.data(&format!("{} {}: {}\n", code.id, code.name, code.summary))?,
    }
    Ok(EXIT_OK)
}
