//! Parsing a workspace TOML file: a guard against absurd nesting before the
//! parser runs, every syntax error reported, and the recovered table still
//! read so the rest of the file is checked.

use std::path::Path;

use super::tree::Table;

use super::file_source::FileSource;
use super::files::read_text;
use super::slips;
use super::source::{FileId, Loc, SourceMap};
use crate::diagnostics::{Diagnostic, codes};

/// Arrays and tables nested deeper than this are refused before parsing.
pub const MAX_NESTING: usize = 64;

/// Reads and parses a TOML file, then hands the table to `read`. Syntax
/// errors are reported (all of them); the recovered table is still read so
/// that the rest of the file is checked, but without "missing field"
/// findings, which the broken lines would only echo.
pub(super) fn read_toml<T>(
    sources: &mut SourceMap,
    src: &dyn FileSource,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
    read: impl FnOnce(FileId, &Table<'_>, &mut Vec<Diagnostic>) -> T,
) -> Option<T> {
    let file = read_text(sources, src, path, diags)?;
    let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or_default();
    // Plain workspace TOML is read in one pass; it has no syntax error and
    // never nests deeply (see `plain_toml`).
    if let Some(table) = super::plain_toml::parse(text) {
        return Some(read(file, &table, diags));
    }
    // Nesting beyond the guard is refused before the parser sees it; the
    // statements before the one that nests too deep are still read.
    let mut parsed = text;
    let mut partial = false;
    if let Some(deep) = too_deep(text) {
        let line = sources
            .get(file)
            .map(|f| f.line_col(deep.statement).0)
            .unwrap_or(1);
        diags.push(
            Diagnostic::error(
                codes::TOML_SYNTAX,
                format!("lists, tables or dotted keys nested more than {MAX_NESTING} levels deep"),
            )
            .at(&Loc::new(file, deep.at..deep.at + 1))
            .label("too deep")
            .with_note(format!("the file is not checked from line {line} on"))
            .with_help("no workspace file needs lists, tables or keys nested this deeply"),
        );
        parsed = text.get(..deep.statement).unwrap_or_default();
        partial = true;
    }
    let (table, errors) = toml::de::DeTable::parse_recoverable(parsed);
    let table = Table::from_de(table.into_inner());
    let had_errors = !errors.is_empty();
    // One finding per broken line: a slip coopcom recognises (a date
    // written 06/07/2027, curly quotes) is explained once, with the line
    // written right, instead of echoing each error the parser met on it.
    let mut explained: Vec<usize> = Vec::new();
    let mut broken_lines = Vec::new();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        if let Some(f) = sources.get(file) {
            broken_lines.push(f.line_col(span.start).0);
        }
        let line = line_around(parsed, span.start);
        if explained.contains(&line.start) {
            continue;
        }
        let d = match explain(parsed, line.clone()) {
            Some((span, message, help)) => {
                explained.push(line.start);
                Diagnostic::error(codes::TOML_SYNTAX, message)
                    .at(&Loc::new(file, span))
                    .with_help(help)
            }
            None => Diagnostic::error(
                codes::TOML_SYNTAX,
                format!("TOML syntax: {}", first_line(e.message())),
            )
            .at(&Loc::new(file, span)),
        };
        diags.push(d);
    }
    let before = diags.len();
    let out = read(file, &table, diags);
    if had_errors || partial {
        // Findings on a broken line only echo its syntax error; fields may
        // be missing only because they could not be read.
        let on_broken_line = |d: &Diagnostic| {
            d.primary.as_ref().is_some_and(|l| {
                sources
                    .get(l.file)
                    .is_some_and(|f| broken_lines.contains(&f.line_col(l.span.start).0))
            })
        };
        let mut kept = diags.split_off(before);
        kept.retain(|d| d.code != codes::MISSING_FIELD && !on_broken_line(d));
        diags.extend(kept);
    }
    Some(out)
}

/// The byte range of the line holding `at`, without its line break.
fn line_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    let start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let end = if text.get(..end).is_some_and(|t| t.ends_with('\r')) {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// A syntax error on `line` that is a known slip: the value's span, the
/// message and the help that writes the line right.
fn explain(text: &str, line: std::ops::Range<usize>) -> Option<(std::ops::Range<usize>, String, String)> {
    let (key, at, value) = slips::assignment(text.get(line.clone())?)?;
    let start = line.start + at;
    let token = value.split(['#', ' ', '\t']).next().unwrap_or_default();
    if let Some(slip) = slips::date(token) {
        return Some((
            start..start + token.len(),
            format!("TOML syntax: `{key}`: {token} is not a date TOML can read"),
            slip.help(key, token),
        ));
    }
    if let Some((inner, len)) = slips::curly_quoted(value) {
        let quoted = value.get(..len).unwrap_or(value);
        return Some((
            start..start + len,
            format!("TOML syntax: `{key}`: {quoted} is in curly quotes, which TOML does not read as quotes"),
            format!(
                "write `{key} = {}` with straight double quotes (\"); word processors and some keyboards curl them",
                slips::basic_string(inner)
            ),
        ));
    }
    None
}

fn first_line(message: &str) -> &str {
    message.trim().lines().next().unwrap_or("invalid TOML")
}

/// Where a TOML text nests too deeply.
#[derive(Debug, PartialEq, Eq)]
struct TooDeep {
    /// The bracket, brace or dot that goes deeper than [`MAX_NESTING`].
    at: usize,
    /// The start of the line where the top-level statement holding it begins.
    statement: usize,
}

/// Finds where lists, tables and dotted keys nest deeper than
/// [`MAX_NESTING`], by a scan that skips strings and comments. The TOML
/// parser recurses on nesting and builds values as deep as the keys are
/// long, so absurd depth is refused before it runs. The depth counts open
/// brackets and braces plus the dots of the key being written (`a.b.c = 1`,
/// `[a.b.c]`); a number's dot (`1.5`) counts one, which is harmless.
fn too_deep(text: &str) -> Option<TooDeep> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut dots = 0usize;
    let mut line_start = 0;
    let mut statement = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                let step = if triple { 3 } else { 1 };
                i += step;
                loop {
                    match bytes.get(i) {
                        None => return None,
                        Some(&b'\\') if b == b'"' => i += 2,
                        Some(&c)
                            if c == b
                                && (!triple
                                    || (bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b))) =>
                        {
                            i += step;
                            break;
                        }
                        Some(&b'\n') if !triple => break,
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'[' | b'{' => {
                if depth == 0 {
                    statement = line_start;
                }
                depth += 1;
                dots = 0;
                if depth > MAX_NESTING {
                    return Some(TooDeep { at: i, statement });
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                dots = 0;
            }
            b'.' => {
                dots += 1;
                if depth + dots > MAX_NESTING {
                    if depth == 0 {
                        statement = line_start;
                    }
                    return Some(TooDeep { at: i, statement });
                }
            }
            b'\n' => {
                line_start = i + 1;
                dots = 0;
            }
            // Inside a key or a number: whitespace around dots, bare-key
            // characters, and the characters of numbers and dates.
            b' ' | b'\t' | b'\r' | b'_' | b'-' | b'+' | b':' => {}
            c if c.is_ascii_alphanumeric() => {}
            _ => dots = 0,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_guard_skips_strings_and_comments() {
        assert_eq!(too_deep("a = \"[[[[\" # {{{{\nb = [1]"), None);
        let deep = format!(
            "a = {}{}",
            "[".repeat(MAX_NESTING + 1),
            "]".repeat(MAX_NESTING + 1)
        );
        assert_eq!(
            too_deep(&deep),
            Some(TooDeep {
                at: 4 + MAX_NESTING,
                statement: 0
            })
        );
        assert_eq!(too_deep("[[flows]]\n[[flows]]\n"), None);
        // A string with many dots, or a comment, is not a key.
        let dots = ".".repeat(1000);
        assert_eq!(
            too_deep(&format!("a = \"{dots}\"\n# {dots}\nb = '{dots}'\n")),
            None
        );
        // Floats in a long list, dates and times.
        let floats = vec!["1.5"; 1000].join(", ");
        assert_eq!(too_deep(&format!("a = [{floats}]\nt = 12:30:00.5\n")), None);
    }

    #[test]
    fn nesting_guard_counts_braces_dotted_keys_and_headers() {
        let n = MAX_NESTING + 1;
        let inline = format!("x = 1\ny = {}1{}", "{b = ".repeat(n), "}".repeat(n));
        let deep = too_deep(&inline).unwrap();
        assert_eq!(deep.statement, 6);
        let mixed = format!("y = {}1{}", "[{a = ".repeat(n), "}]".repeat(n));
        assert!(too_deep(&mixed).is_some());
        let key = vec!["a"; n + 1].join(".");
        assert_eq!(
            too_deep(&format!("ok = 1\n{key} = 1\n")).map(|d| d.statement),
            Some(7)
        );
        assert!(too_deep(&format!("[{key}]\n")).is_some());
        assert!(too_deep(&format!("[[{key}]]\n")).is_some());
        let quoted = vec!["\"a\""; n + 1].join(" . ");
        assert!(too_deep(&format!("{quoted} = 1\n")).is_some());
        // Dots and brackets add up: an inline table of dotted keys.
        let half = vec!["a"; MAX_NESTING / 2 + 2].join(".");
        let nested = format!(
            "x = {}{half} = 1{}",
            "{".repeat(MAX_NESTING / 2),
            "}".repeat(MAX_NESTING / 2)
        );
        assert!(too_deep(&nested).is_some());
        // Just within the limit.
        let key = vec!["a"; MAX_NESTING + 1].join(".");
        assert_eq!(too_deep(&format!("{key} = 1\n")), None);
    }
}
