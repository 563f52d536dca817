//! Markdown to the plain text pasted into a field of the Erasmus+ web form,
//! and the character count the form makes of it.
//!
//! Paragraphs are separated by a blank line, list items stay one per line
//! (with `- ` or `1. `), emphasis marks go, links keep their text and
//! address. Author notes (`<!-- ... -->`) are dropped; other raw HTML is kept
//! as literal text, never interpreted.

use comrak::nodes::{AstNode, ListType, NodeValue};
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

/// The text with block-quote markers beyond [`MAX_QUOTE_DEPTH`] removed, and
/// whether anything was removed.
pub fn limit_nesting(markdown: &str) -> (std::borrow::Cow<'_, str>, bool) {
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

/// The plain text of a narrative.
pub fn to_plain(markdown: &str) -> String {
    let (markdown, _) = limit_nesting(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &markdown, &options());
    let mut blocks = Vec::new();
    for child in root.children() {
        let b = block(child, "");
        if !b.trim().is_empty() {
            blocks.push(b);
        }
    }
    blocks.join("\n\n").trim().to_string()
}

/// Characters as the web form counts them: UTF-16 code units, a line break as one.
pub fn count(plain: &str) -> usize {
    plain.replace("\r\n", "\n").encode_utf16().count()
}

/// True for an HTML comment, which is an author note.
fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

fn block<'a>(node: &'a AstNode<'a>, indent: &str) -> String {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Paragraph | NodeValue::Heading(_) => inline_children(node),
        NodeValue::List(list) => {
            let mut lines = Vec::new();
            let mut n = list.start;
            for item in node.children() {
                let marker = match list.list_type {
                    ListType::Bullet => "- ".to_string(),
                    ListType::Ordered => {
                        let m = format!("{n}. ");
                        n += 1;
                        m
                    }
                };
                let inner_indent = format!("{indent}{}", " ".repeat(marker.len()));
                let parts: Vec<String> = item
                    .children()
                    .map(|c| block(c, &inner_indent))
                    .filter(|s| !s.is_empty())
                    .collect();
                let text = parts.join(&format!("\n{inner_indent}"));
                lines.push(format!("{indent}{marker}{text}"));
            }
            lines.join("\n")
        }
        NodeValue::BlockQuote => node
            .children()
            .map(|c| block(c, indent))
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
                    .map(inline_children)
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => inline_children(node),
    }
}

fn inline_children<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for c in node.children() {
        inline(c, &mut out);
    }
    out.trim().to_string()
}

fn inline<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Text(t) => out.push_str(&t),
        NodeValue::Code(c) => out.push_str(&c.literal),
        NodeValue::SoftBreak => out.push(' '),
        NodeValue::LineBreak => out.push('\n'),
        NodeValue::HtmlInline(h) => {
            if !is_comment(&h) {
                out.push_str(&h);
            }
        }
        NodeValue::Link(link) => {
            let start = out.len();
            for c in node.children() {
                inline(c, out);
            }
            let text = out.get(start..).unwrap_or_default().to_string();
            let url = link.url.trim_start_matches("mailto:");
            if !url.is_empty() && text.trim() != url {
                out.push_str(&format!(" ({})", link.url));
            }
        }
        NodeValue::Image(_) => {
            for c in node.children() {
                inline(c, out);
            }
        }
        _ => {
            for c in node.children() {
                inline(c, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
