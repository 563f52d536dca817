//! `coopcom init`: a new workspace.
use anyhow::Result;
pub fn run(_args: &crate::cli::InitArgs, _out: &crate::output::Output) -> Result<i32> {
    Ok(2)
}
