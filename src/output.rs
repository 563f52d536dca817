//! Where output goes: data on stdout, status and diagnostics on stderr,
//! colours only where they belong.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};

/// When to colour: on a terminal unless `NO_COLOR` is set, always, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    Auto,
    Always,
    Never,
}

pub struct Output {
    /// Colours on stderr.
    pub color: bool,
    /// Colours on stdout.
    pub color_stdout: bool,
}

impl Output {
    pub fn new(choice: ColorMode) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match choice {
            ColorMode::Always => true,
            ColorMode::Never => false,
            ColorMode::Auto => tty && !no_color,
        };
        Output {
            color: decide(std::io::stderr().is_terminal()),
            color_stdout: decide(std::io::stdout().is_terminal()),
        }
    }

    /// Writes data to stdout. A closed pipe surfaces as an error the caller
    /// turns into a normal end.
    pub fn data(&self, text: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        Ok(())
    }

    /// Writes a report or status text to stderr.
    pub fn status(&self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(text.as_bytes());
    }

    pub fn error(&self, message: &str) {
        let prefix = if self.color {
            let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
            let bold = Style::new().bold();
            format!("{red}error{red:#}{bold}:{bold:#}")
        } else {
            "error:".to_string()
        };
        self.status(&format!("{prefix} {message}\n"));
    }
}

/// True when an error comes from writing to a closed pipe (`coopcom ... | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
