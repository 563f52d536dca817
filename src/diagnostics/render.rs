//! Renderers for diagnostics: rustc-style text for people, JSON for tools.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Label, Severity, Summary};
use crate::workspace::source::{SourceFile, SourceMap};

/// Lines of source shown around a finding at most; a span over more lines
/// is shown from its first line.
const MAX_WINDOW_LINES: usize = 8;
/// Bytes of source handed to the snippet renderer at most: beyond this
/// (a 5 MB line), the finding shows its `file:line:column` without source.
const MAX_WINDOW_BYTES: usize = 8 * 1024;
/// Characters of a message, label, help or note kept at most. Messages
/// quote the user's values, which may be megabytes long.
pub const MAX_TEXT_CHARS: usize = 1000;

/// `text`, with its middle left out when it is longer than
/// [`MAX_TEXT_CHARS`].
pub fn capped(text: &str) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= MAX_TEXT_CHARS {
        return Cow::Borrowed(text);
    }
    let head = MAX_TEXT_CHARS * 3 / 4;
    let tail = MAX_TEXT_CHARS / 8;
    let left_out = count - head - tail;
    let mut out: String = text.chars().take(head).collect();
    out.push_str(&format!(" [... {left_out} characters left out ...] "));
    out.extend(text.chars().skip(count - tail));
    Cow::Owned(out)
}

/// `text` for a terminal: capped, with control characters (an escape
/// sequence in a value, say) shown as `\u{1b}` instead of acted on.
pub fn printable(text: &str) -> Cow<'_, str> {
    let text = capped(text);
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The part of `file` shown for `span`: whole lines from the span's first
/// line, at most [`MAX_WINDOW_LINES`] of them. Returns the 1-based number
/// of the first line, the window's byte range and the span relative to
/// it; `None` when the window would be too large to show.
fn window(file: &SourceFile, span: &Range<usize>) -> Option<(usize, Range<usize>, Range<usize>)> {
    let span = clamp(span.clone(), &file.text);
    let first = file.line_index(span.start);
    let last = file
        .line_index(span.end)
        .clamp(first, first + MAX_WINDOW_LINES - 1);
    let start = file.line_range(first).start;
    let end = file.line_range(last).end.max(start);
    if end - start > MAX_WINDOW_BYTES {
        return None;
    }
    let rel = span.start - start..span.end.min(end) - start;
    Some((first + 1, start..end, rel))
}

/// A snippet of `file` with one annotation, or its bare location when the
/// source around it is too large to show.
fn located<'a>(
    file: &'a SourceFile,
    span: &Range<usize>,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Element<'a> {
    match window(file, span) {
        Some((line, range, rel)) => {
            let mut annotation = kind.span(rel);
            if let Some(label) = label {
                annotation = annotation.label(label);
            }
            Snippet::source(file.text.get(range).unwrap_or_default())
                .line_start(line)
                .path(file.name.as_str())
                .annotation(annotation)
                .into()
        }
        None => {
            let (line, col) = file.line_col(span.start);
            Origin::path(file.name.as_str())
                .line(line)
                .char_column(col)
                .into()
        }
    }
}

/// Renders one diagnostic the way rustc does: header, `-->` location, the
/// source line with a caret, then `help` and `note` lines. Only a few lines
/// of source around each place are handed to the renderer, so a report of
/// many findings in one large file takes time in proportion to the number
/// of findings, not to findings times file size.
pub fn human(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let level = level(d.severity);
    let message = printable(&d.message);
    let title = level.primary_title(message.as_ref()).id(d.code.id);
    let mut group = Group::with_title(title);
    let label = d.label.as_deref().map(printable);
    let labels: Vec<(&Label, Cow<'_, str>)> =
        d.secondary.iter().map(|s| (s, printable(&s.message))).collect();
    let mut shown = vec![false; labels.len()];
    match d
        .primary
        .as_ref()
        .and_then(|l| sources.get(l.file).map(|f| (l, f)))
    {
        Some((loc, file)) if !file.text.is_empty() => match window(file, &loc.span) {
            Some((line, range, rel)) => {
                let mut primary = AnnotationKind::Primary.span(rel);
                if let Some(label) = &label {
                    primary = primary.label(label.as_ref());
                }
                let mut snippet = Snippet::source(file.text.get(range.clone()).unwrap_or_default())
                    .line_start(line)
                    .path(file.name.as_str())
                    .annotation(primary);
                // Secondary places inside the same window share the snippet.
                for (i, (extra, text)) in labels.iter().enumerate() {
                    let span = clamp(extra.loc.span.clone(), &file.text);
                    if extra.loc.file == loc.file && range.start <= span.start && span.end <= range.end {
                        let rel = span.start - range.start..span.end - range.start;
                        snippet = snippet.annotation(AnnotationKind::Context.span(rel).label(text.as_ref()));
                        if let Some(s) = shown.get_mut(i) {
                            *s = true;
                        }
                    }
                }
                group = group.element(snippet);
            }
            None => {
                group = group.element(located(file, &loc.span, AnnotationKind::Primary, None));
            }
        },
        Some((_, file)) => {
            group = group.element(Origin::path(file.name.as_str()));
        }
        None => {}
    }
    // Other secondary places get their own snippet.
    for ((extra, text), done) in labels.iter().zip(&shown) {
        if *done {
            continue;
        }
        if let Some(file) = sources.get(extra.loc.file) {
            if file.text.is_empty() {
                continue;
            }
            group = group.element(located(
                file,
                &extra.loc.span,
                AnnotationKind::Context,
                Some(text.as_ref()),
            ));
        }
    }
    let notes: Vec<_> = d.notes.iter().map(|n| printable(n)).collect();
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_ref()));
    }
    let help = d.help.as_deref().map(printable);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
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
    pub message: Cow<'a, str>,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Cow<'a, str>>,
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
                    message: capped(&d.message),
                    file,
                    line,
                    column,
                    help: d.help.as_deref().map(capped),
                    notes: d.notes.iter().map(|n| capped(n)).collect(),
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
