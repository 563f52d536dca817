//! Every filter coopcom adds to templates, in one place.
//!
//! - `md`: escapes a value for Markdown text and table cells, so that a `|`
//!   in a name keeps a table whole and `*`, `_`, `[`, `<` stay literal.

use tera::{Kwargs, State, Tera};

/// Escapes Markdown syntax in a single-line value.
pub fn md(value: &str) -> String {
    // Most values have nothing to escape: copy them whole. (Every character
    // escaped or dropped is ASCII, so looking at bytes is exact.)
    let special = |b: &u8| {
        matches!(
            b,
            b'\r'
                | b'\n'
                | b'\t'
                | b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'~'
                | b'&'
                | b'!'
        )
    };
    let starts_special = matches!(value.as_bytes().first(), Some(b'#' | b'+' | b'-' | b'='));
    if !starts_special && !value.as_bytes().iter().any(special) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for (i, c) in value.chars().enumerate() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn register(tera: &mut Tera) {
    tera.register_filter("md", |v: &str, _: Kwargs, _: &State| md(v));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(md("A | B"), "A \\| B");
        assert_eq!(
            md("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(md("# not a heading\nline"), "\\# not a heading line");
        assert_eq!(md("Youth-work 2026"), "Youth-work 2026");
        assert_eq!(md("-1 = x"), "\\-1 = x");
        assert_eq!(md("a\tb\r\nc! ~d"), "a b c\\! \\~d");
        assert_eq!(md("Ünïcödé plain"), "Ünïcödé plain");
    }
}
