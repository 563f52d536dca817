//! The HTML of the simple blocks that make up most of a rendered draft,
//! written directly, byte for byte what comrak writes for them.
//!
//! A draft over a thousand activities is mostly generated pipe tables and
//! headings; parsing them is most of the cost of the page. The document is
//! cut into chunks, each a run of non-blank lines with the blank lines after
//! it. A chunk that is a plain table, an ATX heading or a plain paragraph is
//! written here; runs of other chunks go through comrak, which stays the
//! reference for everything: any doubt sends text to it.
//!
//! Why cutting is sound: after a blank line, a line that begins at column 0
//! as the chunks written here begin (with `|`, `#`, a letter, a digit that
//! is no list marker, a non-ASCII character or `*` and a visible character)
//! starts a block of its own and closes every block still open except a
//! fenced code block or an HTML block of kinds 1 to 5 at the top level; the
//! text given to comrak before such a chunk is checked for those two (its
//! last block). Link reference definitions act across
//! the whole document, so a document that may hold one (`]:`) goes to comrak
//! whole, as do documents with NUL, carriage returns or byte order marks,
//! which comrak rewrites before parsing.

use comrak::nodes::{NodeHtmlBlock, NodeValue};
use comrak::{Arena, Options};

/// The HTML of `markdown`, identical to `comrak::markdown_to_html` with
/// `options` (those of [`super::options`], which a test pins).
pub(super) fn to_html(markdown: &str, options: &Options) -> String {
    if !splittable(markdown) {
        return comrak::markdown_to_html(markdown, options);
    }
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut scratch = String::new();
    // Where the text not yet written begins, when it goes to comrak.
    let mut pending: Option<usize> = None;
    for chunk in chunks(markdown) {
        let body = markdown.get(chunk.body.0..chunk.body.1).unwrap_or_default();
        match pending {
            None => {
                let mark = out.len();
                if !simple(body, &mut out) {
                    out.truncate(mark);
                    pending = Some(chunk.start);
                }
            }
            Some(from) => {
                scratch.clear();
                if simple(body, &mut scratch) {
                    let text = markdown.get(from..chunk.start).unwrap_or_default();
                    if !comrak_closed(text, options, &mut out) {
                        return comrak::markdown_to_html(markdown, options);
                    }
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&scratch);
                    pending = None;
                }
            }
        }
    }
    if let Some(from) = pending {
        let arena = Arena::new();
        let root = comrak::parse_document(&arena, markdown.get(from..).unwrap_or_default(), options);
        if comrak::format_html(root, options, &mut out).is_err() {
            return comrak::markdown_to_html(markdown, options);
        }
    }
    out
}

/// Whether the document may be cut into chunks at all.
fn splittable(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    memchr::memchr2(b'\0', b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, b"]:").is_none()
        // comrak drops a byte order mark at the start of what it is given,
        // which a cut could make of one in the middle.
        && memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_none()
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n'))
}

/// A run of non-blank lines and the blank lines after it (the first chunk
/// also holds the blank lines that begin the document).
struct Chunk {
    /// Where it begins in the document.
    start: usize,
    /// Its non-blank lines, without the last line end.
    body: (usize, usize),
}

/// The lines of `text` without their line ends, as `text.split('\n')`
/// gives them, found with one vectorised search per line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    ends.map(move |end| {
        let line = text.get(from..end).unwrap_or_default();
        from = end + 1;
        line
    })
}

fn chunks(markdown: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut body = (0, 0);
    let mut pos = 0;
    let mut after_blank = true;
    for line in lines(markdown) {
        // `line` has no line end: the last one of the document may have
        // none, every other one has one.
        let len = (line.len() + 1).min(markdown.len() - pos);
        let blank = is_blank(line);
        if !blank {
            if after_blank {
                if pos != start {
                    chunks.push(Chunk { start, body });
                    start = pos;
                }
                body = (pos, pos);
            }
            body.1 = pos + line.len();
        }
        after_blank = blank;
        pos += len;
    }
    if start < markdown.len() {
        chunks.push(Chunk { start, body });
    }
    chunks
}

/// Writes the HTML of the body of a chunk that is blank, a plain pipe
/// table, an ATX heading or a plain paragraph; false (with `out` to be
/// discarded) for any other.
fn simple(body: &str, out: &mut String) -> bool {
    // Control characters (tabs among them) are refused where text is
    // written ([`inline`]) and by the delimiter row; the cells a row has
    // beyond the header's are dropped whatever they hold, as comrak does.
    match body.as_bytes().first() {
        Some(b'|') => table(body, out),
        Some(b'#') => heading(body, out),
        Some(_) => paragraph(body, out),
        None => true,
    }
}

#[derive(Clone, Copy)]
enum Align {
    None,
    Left,
    Right,
    Center,
}

impl Align {
    /// The line end and opening tag of a cell in a column so aligned.
    fn open(self, header: bool) -> &'static str {
        match (header, self) {
            (true, Align::None) => "\n<th>",
            (true, Align::Left) => "\n<th align=\"left\">",
            (true, Align::Right) => "\n<th align=\"right\">",
            (true, Align::Center) => "\n<th align=\"center\">",
            (false, Align::None) => "\n<td>",
            (false, Align::Left) => "\n<td align=\"left\">",
            (false, Align::Right) => "\n<td align=\"right\">",
            (false, Align::Center) => "\n<td align=\"center\">",
        }
    }
}

/// Rows with more cells than this, and tables with more missing cells than
/// this, are left to comrak, which has limits of its own near there.
const MAX_CELLS: usize = 10_000;

/// The cells of a row that begins and ends with `|`, each trimmed of
/// spaces. Every `|` separates cells unless a backslash escapes it: cells
/// with a backslash are refused where they are written, and the cells a
/// row has beyond the header's are dropped whatever they hold.
fn cells(line: &str) -> Option<impl Iterator<Item = &str>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').map(trim_spaces))
}

fn trim_spaces(text: &str) -> &str {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b != b' ').map_or(start, |e| e + 1);
    text.get(start..end).unwrap_or_default()
}

fn delimiter_row(line: &str) -> Option<Vec<Align>> {
    let mut aligns = Vec::new();
    for cell in cells(line)? {
        let left = cell.starts_with(':');
        let right = cell.len() > 1 && cell.ends_with(':');
        let dashes = cell
            .get(usize::from(left)..cell.len() - usize::from(right))
            .unwrap_or_default();
        if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
            return None;
        }
        aligns.push(match (left, right) {
            (true, true) => Align::Center,
            (true, false) => Align::Left,
            (false, true) => Align::Right,
            (false, false) => Align::None,
        });
    }
    Some(aligns)
}

/// A pipe table: every line begins and ends with `|`, the second is a
/// delimiter row with as many cells as the header, every cell is plain.
fn table(body: &str, out: &mut String) -> bool {
    let mut lines = lines(body);
    let (Some(header), Some(delimiter)) = (lines.next(), lines.next()) else {
        return false;
    };
    let Some(aligns) = delimiter_row(delimiter) else {
        return false;
    };
    if aligns.len() > MAX_CELLS {
        return false;
    }
    out.push_str("<table>\n<thead>\n<tr>");
    let Some(mut head) = cells(header) else {
        return false;
    };
    for align in &aligns {
        let Some(cell) = head.next() else {
            return false;
        };
        if !table_cell(out, true, *align, cell) {
            return false;
        }
    }
    if head.next().is_some() {
        return false;
    }
    out.push_str("\n</tr>\n</thead>\n");
    let mut missing = 0;
    let mut any_row = false;
    for line in lines {
        out.push_str(if any_row { "<tr>" } else { "<tbody>\n<tr>" });
        any_row = true;
        if !body_row(line, &aligns, &mut missing, out) || missing > MAX_CELLS {
            return false;
        }
        out.push_str("\n</tr>\n");
    }
    if any_row {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
    true
}

/// The cells of a body row, as [`cells`] cuts them, written in one pass
/// over the row where they are plain text (most are); `missing` counts
/// the cells the row lacks.
fn body_row(line: &str, aligns: &[Align], missing: &mut usize, out: &mut String) -> bool {
    let Some(inner) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
        return false;
    };
    let bytes = inner.as_bytes();
    // Where the next cell begins; past the end once the cells run out.
    let mut from = 0;
    for align in aligns {
        if from > bytes.len() {
            *missing += 1;
            if !table_cell(out, false, *align, "") {
                return false;
            }
            continue;
        }
        let rest = bytes.get(from..).unwrap_or_default();
        let stop = first_stop(rest, &CELL_STOP).unwrap_or(rest.len());
        let (end, plain) = if rest.get(stop).is_none_or(|&b| b == b'|') {
            (from + stop, true)
        } else {
            let after = rest.get(stop..).unwrap_or_default();
            (
                from + stop + memchr::memchr(b'|', after).unwrap_or(after.len()),
                false,
            )
        };
        let cell = trim_spaces(inner.get(from..end).unwrap_or_default());
        out.push_str(align.open(false));
        if plain {
            // No byte that is markup, escaped or maybe markup: the text
            // as it is (and no `*`, so no emphasis either).
            out.push_str(cell);
        } else if !inline(cell, out) {
            return false;
        }
        out.push_str("</td>");
        from = end + 1;
    }
    let extra = match bytes.get(from..) {
        Some(rest) => 1 + memchr::memchr_iter(b'|', rest).count(),
        None => 0,
    };
    extra <= MAX_CELLS
}

fn table_cell(out: &mut String, header: bool, align: Align, content: &str) -> bool {
    out.push_str(align.open(header));
    if !inline(content, out) {
        return false;
    }
    out.push_str(if header { "</th>" } else { "</td>" });
    true
}

/// One line: 1 to 6 `#`, one space, a plain text that neither begins nor
/// ends with a space and does not end with `#` (no closing sequence).
fn heading(body: &str, out: &mut String) -> bool {
    if memchr::memchr(b'\n', body.as_bytes()).is_some() {
        return false;
    }
    let level = body.bytes().take_while(|&b| b == b'#').count();
    let Some(text) = body.get(level..).and_then(|t| t.strip_prefix(' ')) else {
        return false;
    };
    if text.is_empty() || text.starts_with(' ') || text.ends_with(' ') || text.ends_with('#') {
        return false;
    }
    let Some(tag) = ["h1", "h2", "h3", "h4", "h5", "h6"].get(level.wrapping_sub(1)) else {
        return false;
    };
    out.push('<');
    out.push_str(tag);
    out.push('>');
    if !inline(text, out) {
        return false;
    }
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
    true
}

/// Lines that cannot begin any other block nor interrupt a paragraph: each
/// begins with a letter, a digit (not of an ordered-list marker) or a
/// non-ASCII character, none ends with a space; plain text throughout, or
/// one line that is wholly emphasised.
fn paragraph(body: &str, out: &mut String) -> bool {
    let starts_plainly = |line: &str| {
        let b = line.as_bytes();
        match b.first() {
            Some(c) if c.is_ascii_alphabetic() || *c >= 0x80 => true,
            Some(c) if c.is_ascii_digit() => {
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                !matches!(b.get(digits), Some(b'.' | b')'))
            }
            _ => false,
        }
    };
    let single = memchr::memchr(b'\n', body.as_bytes()).is_none();
    let emphasised_line = single && body.starts_with('*');
    // No line may end with a space (a hard break), and every line begins
    // plainly unless the one line is emphasised.
    if !lines(body).all(|line| !line.ends_with(' ') && (emphasised_line || starts_plainly(line))) {
        return false;
    }
    out.push_str("<p>");
    if !inline(body, out) {
        return false;
    }
    out.push_str("</p>\n");
    true
}

/// What a byte of text is to comrak's inline parser with these options.
#[derive(Clone, Copy, PartialEq)]
#[repr(u8)]
enum Class {
    /// Text, written as it is.
    Plain,
    /// Text that HTML escapes: `"` and `>`.
    Escaped,
    /// Markup if what follows makes it so: `:` in `://`, `w` in `www.`.
    Maybe,
    /// May start markup (`@`: an e-mail autolink), or a control character
    /// (tabs and others, which comrak treats apart in places).
    Markup,
}

const fn class(b: u8) -> Class {
    match b {
        // Soft breaks inside paragraphs, the only line ends that reach here.
        b'\n' => Class::Plain,
        b'"' | b'>' => Class::Escaped,
        b':' | b'w' => Class::Maybe,
        0..=0x1f | 0x7f | b'_' | b'*' | b'`' | b'\\' | b'&' | b'<' | b'[' | b']' | b'~' | b'@' => {
            Class::Markup
        }
        _ => Class::Plain,
    }
}

/// [`class`] of every byte, looked up once per byte of text.
static CLASSES: [Class; 256] = classes();

/// The bytes that end a run of plain text: any byte not [`Class::Plain`].
static TEXT_STOP: [bool; 256] = stops(false);

/// The same in a table cell, and the `|` that ends the cell.
static CELL_STOP: [bool; 256] = stops(true);

// The index runs below 256, the length of the table.
#[allow(clippy::indexing_slicing)]
const fn stops(pipe: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (pipe && b == b'|' as usize) || !matches!(class(b as u8), Class::Plain);
        b += 1;
    }
    table
}

/// Where the first byte of `bytes` that `stops` marks is. Text is mostly
/// plain: it is looked at eight bytes at a time without a branch per
/// byte, then byte by byte in the eight that hold a mark.
fn first_stop(bytes: &[u8], stops: &[bool; 256]) -> Option<usize> {
    let stop = |b: &u8| stops.get(usize::from(*b)).copied().unwrap_or(true);
    let mut at = 0;
    for eight in bytes.chunks_exact(8) {
        if eight.iter().fold(false, |any, b| any | stop(b)) {
            break;
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(stop).map(|i| at + i)
}

// The index runs below 256, the length of the table.
#[allow(clippy::indexing_slicing)]
const fn classes() -> [Class; 256] {
    let mut table = [Class::Plain; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = class(b as u8);
        b += 1;
    }
    table
}

/// Writes text without markup, escaped as comrak escapes it, or the same
/// wholly within `*...*` or `**...**` (between letters, digits or
/// punctuation, so that the marks always open and close); false for
/// anything else.
fn inline(text: &str, out: &mut String) -> bool {
    let (tag, inner) = match emphasis(text) {
        Some((tag, inner)) => (Some(tag), inner),
        None => (None, text),
    };
    if let Some(tag) = tag {
        out.push('<');
        out.push_str(tag);
        out.push('>');
    }
    let bytes = inner.as_bytes();
    let (mut last, mut from) = (0, 0);
    while let Some(i) = bytes.get(from..).and_then(|rest| first_stop(rest, &TEXT_STOP)) {
        let i = from + i;
        from = i + 1;
        let b = bytes.get(i).copied().unwrap_or_default();
        let escaped = match CLASSES.get(usize::from(b)).copied().unwrap_or(Class::Markup) {
            Class::Plain => continue,
            Class::Markup => return false,
            Class::Maybe => {
                let rest = bytes.get(i + 1..).unwrap_or_default();
                if (b == b':' && rest.starts_with(b"/")) || (b == b'w' && rest.starts_with(b"ww.")) {
                    return false;
                }
                continue;
            }
            Class::Escaped if b == b'"' => "&quot;",
            Class::Escaped => "&gt;",
        };
        out.push_str(inner.get(last..i).unwrap_or_default());
        out.push_str(escaped);
        last = from;
    }
    out.push_str(inner.get(last..).unwrap_or_default());
    if let Some(tag) = tag {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    true
}

/// `*text*` or `**text**` whose text begins and ends with a visible ASCII
/// character other than `*`.
fn emphasis(text: &str) -> Option<(&'static str, &str)> {
    let (tag, inner) = match text.strip_prefix("**").and_then(|t| t.strip_suffix("**")) {
        Some(inner) => ("strong", inner),
        None => ("em", text.strip_prefix('*')?.strip_suffix('*')?),
    };
    let visible = |b: &u8| b.is_ascii_graphic() && *b != b'*';
    let bytes = inner.as_bytes();
    (bytes.first().is_some_and(visible) && bytes.last().is_some_and(visible)).then_some((tag, inner))
}

/// Renders `text` (the start of the document, or text after a cut) with
/// comrak into `out`, unless its last block is a fenced code block or an
/// HTML block of kinds 1 to 5 that is still open at its end: such a block
/// would go on over the next chunk, so the text cannot be cut there.
fn comrak_closed(text: &str, options: &Options, out: &mut String) -> bool {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, text, options);
    if let Some(last) = root.last_child() {
        let open = match &last.data().value {
            NodeValue::CodeBlock(code) => code.fenced && !code.closed,
            NodeValue::HtmlBlock(html) => !html_block_closed(html),
            _ => false,
        };
        if open {
            return false;
        }
    }
    comrak::format_html(root, options, out).is_ok()
}

/// Whether an HTML block has met its end condition (kinds 6 and 7 end at a
/// blank line, which every chunk ends with). The block ends at the first
/// line holding the condition, so it has met it if its text holds it.
fn html_block_closed(html: &NodeHtmlBlock) -> bool {
    let text = html.literal.to_ascii_lowercase();
    match html.block_type {
        1 => ["</script>", "</pre>", "</style>", "</textarea>"]
            .iter()
            .any(|end| text.contains(end)),
        2 => text.contains("-->"),
        3 => text.contains("?>"),
        4 => text.contains('>'),
        5 => text.contains("]]>"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options this module writes HTML for: comrak's defaults with
    /// tables, strikethrough and autolinks, raw HTML escaped. Other options
    /// (smart punctuation, heading ids, footnotes, ...) change the HTML of
    /// plain text; whoever changes them must look at this module again.
    #[test]
    fn the_options_are_those_the_fast_path_was_written_for() {
        let mut o = Options::default();
        o.extension.strikethrough = true;
        o.extension.table = true;
        o.extension.autolink = true;
        o.render.escape = true;
        assert_eq!(format!("{:?}", super::super::options()), format!("{o:?}"));
    }

    fn html(markdown: &str) -> String {
        to_html(markdown, &super::super::options())
    }

    #[test]
    fn a_fence_left_open_keeps_the_rest_of_the_document() {
        // Without the check of the last block, the table would be cut
        // out of the code block.
        assert_eq!(
            html("```\ncode\n\n| a |\n| - |\n"),
            "<pre><code>code\n\n| a |\n| - |\n</code></pre>\n"
        );
        assert_eq!(
            html("```\ncode\n```\n\n| a |\n| - |\n"),
            "<pre><code>code\n</code></pre>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"
        );
    }

    #[test]
    fn a_comment_over_blank_lines_hides_what_it_holds() {
        assert_eq!(
            html("<!-- note\n\n# Draft\n-->\n\n# Title\n"),
            "&lt;!-- note\n\n# Draft\n--&gt;\n<h1>Title</h1>\n"
        );
    }

    #[test]
    fn a_definition_anywhere_sends_the_document_to_comrak() {
        assert_eq!(
            html("# See [the Guide]\n\n[the Guide]: https://example.org\n"),
            "<h1>See <a href=\"https://example.org\">the Guide</a></h1>\n"
        );
    }

    #[test]
    fn chunks_start_after_blank_lines() {
        let md = "\n# A\n\n\n| b |\n| - |\nc\n  \nd";
        let parts: Vec<(usize, &str)> = chunks(md)
            .into_iter()
            .map(|c| (c.start, &md[c.body.0..c.body.1]))
            .collect();
        assert_eq!(parts, [(0, ""), (1, "# A"), (7, "| b |\n| - |\nc"), (24, "d")]);
    }
}
