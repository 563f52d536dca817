//! Findings as data: the [`Diagnostic`] type, its code registry, the
//! renderers (human and JSON) and the did-you-mean helper.
//!
//! A user's mistake is a `Diagnostic`, never an `Err` and never a panic.

pub mod codes;
pub mod render;
pub mod suggest;

use crate::workspace::source::Loc;
pub use codes::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Makes the application ineligible, or the budget uncomputable.
    Error,
    /// Something a draft may still lack, or a risk worth a look.
    Warning,
    /// Information: a figure used, an assumption made.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A secondary place that helps explain a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub loc: Loc,
    pub message: String,
}

/// One finding about the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Where the finding is; `None` only for findings about the whole run.
    pub primary: Option<Loc>,
    /// Short text shown under the caret of the primary location.
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    /// A concrete fix, where one exists.
    pub help: Option<String>,
    /// Further facts: the rule's source, the status of the figures used.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary: None,
            label: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Note, message)
    }

    pub fn at(mut self, loc: &Loc) -> Self {
        self.primary = Some(loc.clone());
        self
    }

    pub fn at_opt(mut self, loc: Option<&Loc>) -> Self {
        self.primary = loc.cloned();
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn secondary(mut self, loc: &Loc, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            loc: loc.clone(),
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// Counts of findings by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }
}

/// Sorts findings for output: by file, then position, then code, so that the
/// same workspace always prints the same report.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.primary.is_none(),
                d.primary.as_ref().map(|l| (l.file, l.span.start, l.span.end)),
                d.code.id,
                d.severity,
            )
        };
        // The message last, compared where it stands, not copied for
        // every comparison.
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
}
