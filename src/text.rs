//! Plain text: Markdown to the text pasted into a field of the Erasmus+ web
//! form, and the character count the form makes of it. The workspace model,
//! the checks of texts, the draft and the exports all use it.
//!
//! Paragraphs are separated by a blank line, list items stay one per line
//! (with `- ` or `1. `), emphasis marks go, links keep their text and
//! address. Author notes (`<!-- ... -->`) are dropped; other raw HTML is kept
//! as literal text, never interpreted.

use comrak::arena_tree::NodeEdge;
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
    inline(node, &mut out);
    out.trim().to_string()
}

/// The plain text of the inline content under `root`. The walk is
/// iterative: emphasis, links and images may nest as deep as the text
/// allows (100 000 `*` make 50 000 levels), and a recursive walk would
/// overflow the stack.
fn inline<'a>(root: &'a AstNode<'a>, out: &mut String) {
    // Where the text of each open link starts in `out`.
    let mut links: Vec<usize> = Vec::new();
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) if !std::ptr::eq(node, root) => match &node.data.borrow().value {
                NodeValue::Text(t) => out.push_str(t),
                NodeValue::Code(c) => out.push_str(&c.literal),
                NodeValue::SoftBreak => out.push(' '),
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

    /// The walk itself, on a tree parsed without the guard.
    fn walk_unguarded(md: &str) -> String {
        let arena = Arena::new();
        let root = parse_document(&arena, md, &options());
        root.children().map(|c| block(c, "")).collect()
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
