//! `coopcom serve`: the workspace live in the browser (see `crate::serve`).
//! The address goes to stdout first, alone on its line, for scripts;
//! everything else to stderr.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::Result;

use crate::EXIT_OK;
use crate::cli::ServeArgs;
use crate::output::Output;
use crate::serve::{Options, Server};

pub fn run(args: &ServeArgs, out: &Output) -> Result<i32> {
    let bind = args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !bind.is_loopback() {
        out.status(&format!(
            "warning: listening on {bind}: other computers that can reach this address can read the draft and the budget (the default, 127.0.0.1, is this computer only)\n"
        ));
    }
    let server = Server::bind(Options {
        dir: args.workspace.dir.clone(),
        rules: args.workspace.rules.clone(),
        bind,
        port: args.port,
    })?;
    let url = server.url();
    out.data(&format!("{url}\n"))?;
    out.status(&format!(
        "serving {} at {url} (Ctrl-C to stop)\n",
        server.root().display()
    ));
    if args.open
        && let Err(e) = opener::open(&url)
    {
        out.status(&format!(
            "warning: cannot open a browser ({e}); open {url} yourself\n"
        ));
    }
    server.run(|line| eprintln!("{line}"))?;
    out.status("stopped\n");
    Ok(EXIT_OK)
}
