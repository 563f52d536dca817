//! `coopcom completions SHELL`: a completion script for bash, zsh, fish,
//! PowerShell or elvish, generated from the command-line definitions.

use anyhow::Result;
use clap::CommandFactory;

use crate::EXIT_OK;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::Output;

pub fn run(args: &CompletionsArgs, out: &Output) -> Result<i32> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "coopcom", &mut script);
    out.data(&String::from_utf8_lossy(&script))?;
    Ok(EXIT_OK)
}
