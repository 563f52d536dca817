//! `coopcom man [COMMAND]`: the manual page in roff, generated from the
//! command-line definitions, of coopcom or of one subcommand.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::output::Output;
use crate::{EXIT_FAILURE, EXIT_OK};

pub fn run(args: &ManArgs, out: &Output) -> Result<i32> {
    let mut cmd = Cli::command();
    cmd.build();
    let (page, title) = match args.command.as_deref() {
        None => (cmd, "coopcom".to_string()),
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<String> = cmd
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set())
                    .map(|s| s.get_name().to_string())
                    .collect();
                out.error(&format!(
                    "\"{name}\" is not a coopcom command; commands: {}",
                    names.join(", ")
                ));
                return Ok(EXIT_FAILURE);
            };
            (sub.clone(), format!("coopcom-{}", sub.get_name()))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .title(title)
        .source(format!("coopcom {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    out.data(&title_first(&String::from_utf8_lossy(&roff)))?;
    Ok(EXIT_OK)
}

/// The page with its `.TH` title line first, as man pages begin; the string
/// definitions clap_mangen writes before it still precede their use.
fn title_first(page: &str) -> String {
    let Some(th) = page.lines().find(|l| l.starts_with(".TH ")) else {
        return page.to_string();
    };
    let rest: Vec<&str> = page.lines().filter(|l| *l != th).collect();
    format!("{th}\n{}\n", rest.join("\n"))
}
