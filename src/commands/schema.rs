//! `coopcom schema [KIND]`: the JSON Schema of a workspace file kind, built
//! from the spec the loader reads it with, or every schema keyed by kind.

use anyhow::Result;

use crate::cli::SchemaArgs;
use crate::output::Output;
use crate::schema;
use crate::workspace::spec;
use crate::{EXIT_FAILURE, EXIT_OK};

pub fn run(args: &SchemaArgs, out: &Output) -> Result<i32> {
    let value = match args.kind.as_deref() {
        None => schema::all(),
        Some(key) => match spec::file_kind(key) {
            Some(kind) => schema::of(kind, &schema::activity_types()),
            None => {
                // clap already refuses other names; kept for callers of `run`.
                out.error(&format!(
                    "\"{key}\" is not a file kind; kinds: {}",
                    schema::kinds().collect::<Vec<_>>().join(", ")
                ));
                return Ok(EXIT_FAILURE);
            }
        },
    };
    out.data(&schema::text(&value))?;
    Ok(EXIT_OK)
}
