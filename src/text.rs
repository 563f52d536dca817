//! Plain text: Markdown to the text pasted into a field of the Erasmus+ web
//! form, and the character count the form makes of it. The workspace model,
//! the checks of texts, the draft and the exports all use it.
//!
//! The text keeps the author's lines: a blank line is a paragraph break
//! (one blank line, however many were typed), a line that begins with a
//! list marker (`-`, `*`, `+`, `•`, `–`, or a number of up to three digits
//! with `.` or `)`) is a list item on a line of its own, with the marker the
//! author typed, and the hard-wrapped lines of a paragraph or an item join
//! with a single space. Emphasis marks go, links keep their text and
//! address. Author notes (`<!-- ... -->`) are dropped; other raw HTML is kept
//! as literal text, never interpreted. The count is made on the text
//! produced, a line break as one character.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, ListDelimType, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};

pub fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o
}

/// Block quotes nested deeper than this are flattened to this depth: no
/// application needs more, and the Markdown parser recurses on nesting.
pub const MAX_QUOTE_DEPTH: usize = 16;

/// Emphasis, strikethrough, links and images nested deeper than this make
/// a text plain: its inline markup is escaped before parsing. The parser
/// builds such nesting without trouble (100 000 `*` make 50 000 levels),
/// but every walk over the tree (the plain text, the HTML, the Word
/// export) would then recurse that deep; no application needs more.
pub const MAX_INLINE_DEPTH: usize = 32;

/// The text made safe to parse and walk: block-quote markers beyond
/// [`MAX_QUOTE_DEPTH`] removed, and inline markup escaped when it nests
/// deeper than [`MAX_INLINE_DEPTH`]. The flag says whether block quotes
/// were flattened (the text checks warn about it).
pub fn limit_nesting(markdown: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let (text, flattened) = limit_quotes(markdown);
    if inline_too_deep(&text) {
        return (std::borrow::Cow::Owned(escape_inline(&text)), flattened);
    }
    (text, flattened)
}

/// Whether inline markup nests deeper than [`MAX_INLINE_DEPTH`]. Each
/// level takes two marks in one paragraph, so only a paragraph with more
/// marks than twice the limit is parsed to find out.
fn inline_too_deep(markdown: &str) -> bool {
    let mut marks = 0usize;
    let mut busy = false;
    for line in markdown.lines() {
        if line.trim().is_empty() {
            marks = 0;
            continue;
        }
        marks += line
            .bytes()
            .filter(|b| matches!(b, b'*' | b'_' | b'~' | b'['))
            .count();
        if marks > 2 * MAX_INLINE_DEPTH {
            busy = true;
            break;
        }
    }
    if !busy {
        return false;
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut depth = 0usize;
    for edge in root.traverse() {
        let (node, opens) = match edge {
            NodeEdge::Start(n) => (n, true),
            NodeEdge::End(n) => (n, false),
        };
        let nests = matches!(
            node.data.borrow().value,
            NodeValue::Emph
                | NodeValue::Strong
                | NodeValue::Strikethrough
                | NodeValue::Link(_)
                | NodeValue::Image(_)
        );
        if nests && opens {
            depth += 1;
            if depth > MAX_INLINE_DEPTH {
                return true;
            }
        } else if nests {
            depth = depth.saturating_sub(1);
        }
    }
    false
}

/// The text with every emphasis, strikethrough and link mark escaped, so
/// that it reads as the characters typed. Marks already escaped stay so.
fn escape_inline(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 8);
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next_if(|n| n.is_ascii_punctuation()) {
                    out.push(next);
                }
            }
            '*' | '_' | '~' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The text with block-quote markers beyond [`MAX_QUOTE_DEPTH`] removed, and
/// whether anything was removed.
fn limit_quotes(markdown: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let depth = |line: &str| {
        let mut n = 0;
        let mut rest = line;
        loop {
            let t = rest.trim_start_matches([' ', '\t']);
            match t.strip_prefix('>') {
                Some(r) => {
                    n += 1;
                    rest = r;
                }
                None => return (n, rest.len()),
            }
        }
    };
    if !markdown.lines().any(|l| depth(l).0 > MAX_QUOTE_DEPTH) {
        return (std::borrow::Cow::Borrowed(markdown), false);
    }
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let (n, rest_len) = depth(line);
        if n > MAX_QUOTE_DEPTH {
            out.push_str(&"> ".repeat(MAX_QUOTE_DEPTH));
            out.push_str(line.get(line.len() - rest_len..).unwrap_or_default().trim_start());
        } else {
            out.push_str(line);
        }
    }
    (std::borrow::Cow::Owned(out), true)
}

/// True when a line of text begins with a list marker: `-`, `*`, `+`,
/// `•` or `–` followed by a space, or a number of one to three digits
/// followed by `.` or `)` and a space (`1. `, `12) `). Years (`2026. `) are
/// not list items.
pub fn is_list_line(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '–') => chars.next().is_none_or(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = t.get(digits..).unwrap_or_default();
            digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
        }
        _ => false,
    }
}

/// The lines (1-based) of a text that begin with a list marker.
fn list_lines(markdown: &str) -> std::collections::HashSet<usize> {
    markdown
        .lines()
        .enumerate()
        .filter(|(_, l)| is_list_line(l))
        .map(|(i, _)| i + 1)
        .collect()
}

/// The plain text of a narrative.
pub fn to_plain(markdown: &str) -> String {
    let (markdown, _) = limit_nesting(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &markdown, &options());
    let items = list_lines(&markdown);
    let mut out = String::new();
    // The last line of the previous block, and whether a blank line came
    // since the last block written (author notes left out are passed over).
    let mut prev_end: Option<usize> = None;
    let mut gap = false;
    for child in root.children() {
        let pos = child.data.borrow().sourcepos;
        if prev_end.is_some_and(|end| pos.start.line > end + 1) {
            gap = true;
        }
        prev_end = Some(pos.end.line);
        let b = block(child, "", &items);
        if b.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if gap { "\n\n" } else { "\n" });
        }
        gap = false;
        out.push_str(&b);
    }
    out.trim().to_string()
}

/// The Markdown with a hard line break before every line that begins with
/// a list marker but that Markdown would join to the line above (`•`,
/// `–`, a list numbered from 2): the draft then shows the lines the form
/// gets.
pub fn keep_lines(markdown: &str) -> String {
    let items = list_lines(markdown);
    if items.is_empty() {
        return markdown.to_string();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut breaks = std::collections::HashSet::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        if matches!(data.value, NodeValue::SoftBreak) && items.contains(&(data.sourcepos.start.line + 1)) {
            breaks.insert(data.sourcepos.start.line);
        }
    }
    if breaks.is_empty() {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + breaks.len() * 2);
    for (i, line) in markdown.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if breaks.contains(&(i + 1)) && !body.ends_with('\\') {
            out.push_str(body.trim_end());
            out.push('\\');
            out.push_str(line.get(body.len()..).unwrap_or_default());
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Characters as the web form counts them: UTF-16 code units, a line break as one.
pub fn count(plain: &str) -> usize {
    plain.replace("\r\n", "\n").encode_utf16().count()
}

/// Appends `text` padded with spaces to `width` characters (counted as
/// characters, not bytes), on the left when `right` (as `{:>width$}` pads),
/// else on the right (as `{:<width$}`), without a `format!` per cell: the
/// budget table and the paste index write thousands of them.
pub fn push_padded(out: &mut String, text: &str, width: usize, right: bool) {
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if !right {
        out.push_str(text);
    }
    push_spaces(out, width.saturating_sub(chars));
    if right {
        out.push_str(text);
    }
}

/// Appends `n` spaces, a slice at a time.
pub fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// `1 participant`, `2 participants`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A whole number with a space between groups of three digits, as the
/// form's guidance writes them: `1 500`, `12 000`.
pub fn grouped(n: usize) -> String {
    let mut out = String::new();
    push_grouped(&mut out, n as u64);
    out
}

/// [`grouped`] written at the end of `out`.
pub fn push_grouped(out: &mut String, n: u64) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n);
    for (i, c) in digits.char_indices() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
}

/// True for an HTML comment, which is an author note.
fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

fn block<'a>(node: &'a AstNode<'a>, indent: &str, items: &std::collections::HashSet<usize>) -> String {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Paragraph | NodeValue::Heading(_) => inline_children(node, items),
        NodeValue::List(list) => {
            let mut lines = Vec::new();
            let mut n = list.start;
            for item in node.children() {
                let marker = match list.list_type {
                    ListType::Bullet => format!("{} ", char::from(list.bullet_char)),
                    ListType::Ordered => {
                        let m = match list.delimiter {
                            ListDelimType::Paren => format!("{n}) "),
                            ListDelimType::Period => format!("{n}. "),
                        };
                        n += 1;
                        m
                    }
                };
                let inner_indent = format!("{indent}{}", " ".repeat(marker.chars().count()));
                let parts: Vec<String> = item
                    .children()
                    .map(|c| block(c, &inner_indent, items))
                    .filter(|s| !s.is_empty())
                    .collect();
                let text = parts.join(&format!("\n{inner_indent}"));
                lines.push(format!("{indent}{marker}{text}"));
            }
            lines.join("\n")
        }
        NodeValue::BlockQuote => node
            .children()
            .map(|c| block(c, indent, items))
            .collect::<Vec<_>>()
            .join("\n\n"),
        NodeValue::CodeBlock(cb) => cb.literal.trim_end().to_string(),
        NodeValue::HtmlBlock(h) => {
            if is_comment(&h.literal) {
                String::new()
            } else {
                h.literal.trim_end().to_string()
            }
        }
        NodeValue::ThematicBreak => String::new(),
        NodeValue::Table(_) => node
            .children()
            .map(|row| {
                row.children()
                    .map(|c| inline_children(c, items))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => inline_children(node, items),
    }
}

fn inline_children<'a>(node: &'a AstNode<'a>, items: &std::collections::HashSet<usize>) -> String {
    let mut out = String::new();
    inline(node, &mut out, items);
    // Only the ends: a line break kept before a list line must not lose the
    // indentation of what follows.
    out.trim_matches(|c: char| c == ' ' || c == '\n' || c == '\t')
        .to_string()
}

/// The plain text of the inline content under `root`. The walk is
/// iterative: emphasis, links and images may nest as deep as the text
/// allows (100 000 `*` make 50 000 levels), and a recursive walk would
/// overflow the stack.
fn inline<'a>(root: &'a AstNode<'a>, out: &mut String, items: &std::collections::HashSet<usize>) {
    // Where the text of each open link starts in `out`.
    let mut links: Vec<usize> = Vec::new();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if !std::ptr::eq(node, root) => match &node.data.borrow().value {
                NodeValue::Text(t) => out.push_str(t),
                NodeValue::Code(c) => out.push_str(&c.literal),
                // A hard-wrapped line joins with one space, unless the next
                // line begins with a list marker: then it stays a line.
                NodeValue::SoftBreak => {
                    let line = node.data.borrow().sourcepos.start.line;
                    out.push(if items.contains(&(line + 1)) { '\n' } else { ' ' });
                }
                NodeValue::LineBreak => out.push('\n'),
                NodeValue::HtmlInline(h) if !is_comment(h) => out.push_str(h),
                NodeValue::Link(_) => links.push(out.len()),
                _ => {}
            },
            NodeEdge::End(node) if !std::ptr::eq(node, root) => {
                if let NodeValue::Link(link) = &node.data.borrow().value {
                    let start = links.pop().unwrap_or(out.len());
                    let text = out.get(start..).unwrap_or_default().trim().to_string();
                    let url = link.url.trim_start_matches("mailto:");
                    if !url.is_empty() && text != url {
                        out.push_str(&format!(" ({})", link.url));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The English name of a date's month: "December".
pub fn month_name(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS.get(d.month0() as usize).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Padding counts characters, as `format!("{:<8}")` does: "Málaga" is
    /// six characters (seven bytes), so it gets two spaces, not one.
    #[test]
    fn pads_by_characters_on_either_side() {
        let mut out = String::new();
        push_padded(&mut out, "Málaga", 8, false);
        out.push('|');
        push_padded(&mut out, "1 820.00", 11, true);
        out.push('|');
        push_padded(&mut out, "longer than the width", 4, true);
        assert_eq!(out, "Málaga  |   1 820.00|longer than the width");
        assert_eq!(
            out,
            format!(
                "{:<8}|{:>11}|{:>4}",
                "Málaga", "1 820.00", "longer than the width"
            )
        );
    }

    #[test]
    fn plain_text_for_the_form() {
        let md = "<!-- Question: objectives -->\nWe **train** 72 youth\nworkers.\n\n- one\n- two\n\n1. first\n2. second\n";
        assert_eq!(
            to_plain(md),
            "We train 72 youth workers.\n\n- one\n- two\n\n1. first\n2. second"
        );
        assert_eq!(count("a\nb"), 3);
        assert_eq!(count("Türkiye 😀"), 10);
        assert_eq!(to_plain("<!-- only a note -->\n"), "");
        assert_eq!(
            to_plain("Raw <img src=x onerror=alert(2)> text"),
            "Raw <img src=x onerror=alert(2)> text"
        );
    }

    #[test]
    fn bullet_lines_stay_one_per_line_whatever_the_marker() {
        assert_eq!(
            to_plain("We offer:\n• gardening\n• cooking\n"),
            "We offer:\n• gardening\n• cooking"
        );
        assert_eq!(
            to_plain("We offer:\n- gardening\n- cooking\n"),
            "We offer:\n- gardening\n- cooking"
        );
        assert_eq!(to_plain("* gardening\n* cooking\n"), "* gardening\n* cooking");
        assert_eq!(
            to_plain("Activities:\n– gardening\n– cooking\n"),
            "Activities:\n– gardening\n– cooking"
        );
        // Typed as a block of its own, the list keeps its blank line.
        assert_eq!(
            to_plain("We offer:\n\n• gardening\n• cooking\n"),
            "We offer:\n\n• gardening\n• cooking"
        );
    }

    #[test]
    fn numbered_lines_stay_one_per_line() {
        assert_eq!(
            to_plain("1. plan\n2. act\n3. review\n"),
            "1. plan\n2. act\n3. review"
        );
        assert_eq!(to_plain("1) plan\n2) act\n"), "1) plan\n2) act");
        // Numbered from 2 under a sentence, which Markdown would join.
        assert_eq!(to_plain("Then:\n2. act\n3. review\n"), "Then:\n2. act\n3. review");
        // A year at the start of a wrapped line is not a list item.
        assert_eq!(
            to_plain("We start in\n2026. Then we go.\n"),
            "We start in 2026. Then we go."
        );
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(to_plain("One.\n\n\n\nTwo.\n\nThree.\n"), "One.\n\nTwo.\n\nThree.");
        assert_eq!(to_plain("One.\r\n\r\nTwo.\r\n"), "One.\n\nTwo.");
        // An author note between two paragraphs leaves one paragraph break.
        assert_eq!(to_plain("One.\n\n<!-- note -->\n\nTwo.\n"), "One.\n\nTwo.");
    }

    #[test]
    fn hard_wrapped_lines_join_with_one_space() {
        assert_eq!(
            to_plain("We train 72 youth\nworkers in three\ncities.\n"),
            "We train 72 youth workers in three cities."
        );
        assert_eq!(
            to_plain("- a long item\n  wrapped here\n- next\n"),
            "- a long item wrapped here\n- next"
        );
        assert_eq!(
            to_plain("• a long item\nwrapped\n• next\n"),
            "• a long item wrapped\n• next"
        );
    }

    #[test]
    fn emphasis_goes_and_links_keep_their_address() {
        assert_eq!(
            to_plain("We **train** _youth_ workers ~~twice~~, see [our site](https://alc.example).\n"),
            "We train youth workers twice, see our site (https://alc.example)."
        );
        assert_eq!(
            to_plain("- **Knowledge**: the labour market\n"),
            "- Knowledge: the labour market"
        );
    }

    #[test]
    fn the_count_is_of_the_text_produced() {
        let plain = to_plain("We offer:\n• gardening\n• cooking\n");
        // 9 + 1 + 11 + 1 + 9: each line break counts as one.
        assert_eq!(count(&plain), 31);
        assert_eq!(count(&to_plain("One.\n\nTwo.")), 10);
    }

    #[test]
    fn the_draft_keeps_the_lines_the_form_gets() {
        assert_eq!(
            keep_lines("We offer:\n• gardening\n• cooking\n"),
            "We offer:\\\n• gardening\\\n• cooking\n"
        );
        assert_eq!(keep_lines("Plain\ntext.\n"), "Plain\ntext.\n");
        assert_eq!(keep_lines("- a\n- b\n"), "- a\n- b\n");
    }

    #[test]
    fn list_lines() {
        for yes in ["- a", "* a", "+ a", "• a", "– a", "1. a", "12) a", "  3. a", "-"] {
            assert!(is_list_line(yes), "{yes}");
        }
        for no in ["-a", "*bold*", "2026. a", "1.5 km", "— a", "a - b", ""] {
            assert!(!is_list_line(no), "{no}");
        }
    }

    /// The walk itself, on a tree parsed without the guard.
    fn walk_unguarded(md: &str) -> String {
        let arena = Arena::new();
        let root = parse_document(&arena, md, &options());
        root.children()
            .map(|c| block(c, "", &Default::default()))
            .collect()
    }

    #[test]
    fn deep_inline_nesting_does_not_overflow() {
        let md = format!("{}x{}\n", "*".repeat(100_000), "*".repeat(100_000));
        assert_eq!(walk_unguarded(&md), "x");
        let links = format!("{}x{}\n", "![".repeat(20_000), "](u)".repeat(20_000));
        assert!(walk_unguarded(&links).starts_with('x'));
        // Through the guard, the text reads as typed.
        assert_eq!(to_plain(&md), md.trim());
        assert_eq!(
            to_plain("see [the site](https://a.example) and <https://b.example>"),
            "see the site (https://a.example) and https://b.example"
        );
    }

    #[test]
    fn inline_markup_nested_too_deep_is_escaped_before_parsing() {
        let deep = format!("{}x{}\n", "*".repeat(100_000), "*".repeat(100_000));
        let (safe, quotes) = limit_nesting(&deep);
        assert!(!quotes);
        assert!(safe.starts_with("\\*\\*"), "{}", &safe[..10]);
        // Separate marks nest too.
        let separate = format!("{}y{}\n", "*x ".repeat(1_000), " x*".repeat(1_000));
        assert!(inline_too_deep(&separate));
        assert!(!inline_too_deep(&limit_nesting(&separate).0));
        // Ordinary markup, even plenty of it, is left alone.
        let plenty = "Some **bold**, _italic_, ~~gone~~ and [a link](https://a.example). ".repeat(100);
        assert!(matches!(limit_nesting(&plenty).0, std::borrow::Cow::Borrowed(_)));
        let nested = format!(
            "{}x{}",
            "*".repeat(2 * MAX_INLINE_DEPTH),
            "*".repeat(2 * MAX_INLINE_DEPTH)
        );
        assert!(!inline_too_deep(&nested));
        assert_eq!(escape_inline("a \\* b * [c]"), "a \\* b \\* \\[c\\]");
        assert_eq!(to_plain(&limit_nesting(&separate).0).matches('*').count(), 2_000);
    }
}
