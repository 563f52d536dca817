//! Renderers for diagnostics: rustc-style text for people, JSON for tools.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Severity, Summary};
use crate::workspace::source::SourceMap;

/// Renders one diagnostic the way rustc does: header, `-->` location, the
/// source line with a caret, then `help` and `note` lines.
pub fn human(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let level = level(d.severity);
    let title = level.primary_title(d.message.as_str()).id(d.code.id);
    let mut group = Group::with_title(title);
    match d
        .primary
        .as_ref()
        .and_then(|l| sources.get(l.file).map(|f| (l, f)))
    {
        Some((loc, file)) if !file.text.is_empty() => {
            let span = clamp(loc.span.clone(), &file.text);
            let mut primary = AnnotationKind::Primary.span(span);
            if let Some(label) = &d.label {
                primary = primary.label(label.as_str());
            }
            let mut snippet = Snippet::source(file.text.as_str())
                .path(file.name.as_str())
                .annotation(primary);
            for extra in d.secondary.iter().filter(|s| s.loc.file == loc.file) {
                let span = clamp(extra.loc.span.clone(), &file.text);
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(span).label(extra.message.as_str()));
            }
            group = group.element(snippet);
        }
        Some((_, file)) => {
            group = group.element(annotate_snippets::Origin::path(file.name.as_str()));
        }
        None => {}
    }
    // Secondary places in other files get their own snippet.
    let primary_file = d.primary.as_ref().map(|l| l.file);
    for extra in d.secondary.iter().filter(|s| Some(s.loc.file) != primary_file) {
        if let Some(file) = sources.get(extra.loc.file) {
            if file.text.is_empty() {
                continue;
            }
            let span = clamp(extra.loc.span.clone(), &file.text);
            group = group.element(
                Snippet::source(file.text.as_str())
                    .path(file.name.as_str())
                    .annotation(AnnotationKind::Context.span(span).label(extra.message.as_str())),
            );
        }
    }
    for note in &d.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The closing line of a human report: `error: 2 errors, 1 warning`.
pub fn human_summary(summary: Summary) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning")
    )
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(span: std::ops::Range<usize>, text: &str) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// One diagnostic as the JSON contract describes it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "no_notes")]
    pub notes: &'a [String],
}

fn no_notes(notes: &&[String]) -> bool {
    notes.is_empty()
}

#[derive(Debug, Serialize)]
pub struct JsonSummary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub summary: JsonSummary,
}

pub fn json_report<'a>(diagnostics: &'a [Diagnostic], sources: &'a SourceMap) -> JsonReport<'a> {
    let summary = Summary::of(diagnostics);
    JsonReport {
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let (file, line, column) = match &d.primary {
                    Some(loc) => {
                        let (line, col) = sources.line_col(loc);
                        (Some(sources.name(loc.file)), Some(line), Some(col))
                    }
                    None => (None, None, None),
                };
                JsonDiagnostic {
                    code: d.code.id,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    file,
                    line,
                    column,
                    help: d.help.as_deref(),
                    notes: &d.notes,
                }
            })
            .collect(),
        summary: JsonSummary {
            errors: summary.errors,
            warnings: summary.warnings,
            notes: summary.notes,
        },
    }
}
