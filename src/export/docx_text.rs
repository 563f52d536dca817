//! The blocks of the Word document: headings, paragraphs, tables, and the
//! narratives' Markdown turned into real Word structure (paragraphs, bullet
//! and numbered lists, bold, italic, strike-through, code, tables) by walking
//! comrak's tree as [`crate::text`] does. Raw HTML is never
//! interpreted: it stays visible text, and author notes (`<!-- -->`) go.
//!
//! The blocks are written straight into the WordprocessingML of
//! `word/document.xml` as they come: a draft of a thousand activities is
//! some 40 MB of markup, and building a tree of paragraphs, runs and cells
//! first, then serialising it, cost three times the rest of `export docx`.
//! The markup is the one Word documents of coopcom have always had, element
//! for element and attribute for attribute. It is compressed as it is
//! written, so the whole of it is never held: for ten thousand activities it
//! would be 400 MB.

use std::io::{Cursor, Write as _};

use chrono::Datelike;
use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, parse_document};
use zip::{ZipArchive, ZipWriter};

use super::docx_parts as parts;

/// Width of the text between A4 margins of 2 cm, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9638;
/// Numbering ids: number 1 is the package's default numbering, so coopcom's
/// start at 10: the bullets, the numbered lists' pattern, then one instance
/// per numbered list (so that each starts again at its own first number).
const BULLETS: usize = 10;
const ORDERED: usize = 11;
/// Left indent of each level of lists and quotes, in twentieths of a point
/// (the numbering part's levels use the same step).
const STEP: i32 = 720;
/// Tables are set in 9 pt (half-points), so that eight columns fit.
const TABLE_SIZE: usize = 18;
/// The chart of months is set in 7 pt, so that 24 month numbers fit.
const CHART_SIZE: usize = 14;
/// Left and right margin of a table cell, a little over 1 mm.
const CELL_MARGIN: usize = 70;
/// The shading of header cells, and of the months a work package or an
/// activity runs in on the chart.
const HEAD_FILL: &str = "D9E2F3";
const GROUP_FILL: &str = "9DB7DB";
const BAR_FILL: &str = "1F4E8C";

/// About how much markup is written before it is handed to the compressor
/// (see [`Blocks::end_block`]): a table of ten thousand rows is not held
/// whole either.
const CHUNK: usize = 1 << 20;

/// The body of `word/document.xml` as it is written, with what the other
/// parts need to know about it.
pub struct Blocks {
    /// `word/document.xml` so far, compressed: the one entry of a zip of
    /// its own, copied into the package as it is (the package's entries keep
    /// their order, and `word/_rels/document.xml.rels`, which comes first,
    /// depends on what the document turns out to hold).
    zip: ZipWriter<Cursor<Vec<u8>>>,
    /// The first error of the compressor, reported by [`Blocks::finish`]
    /// (writing into memory does not fail, but nothing is left unchecked).
    failed: Option<zip::result::ZipError>,
    /// The markup not yet compressed: the document's head, then blocks in
    /// order, handed over in pieces of about [`CHUNK`] bytes.
    xml: String,
    /// The `w14:paraId` of the next paragraph: paragraphs are numbered from
    /// 1 in document order.
    next_id: u32,
    /// The numbered lists' instances, in order: (depth, first number); the
    /// n-th has the numbering id `ORDERED + 1 + n`.
    ordered: Vec<(usize, usize)>,
    /// Whether a paragraph is in a list: only then does the document relate
    /// to the numbering part (Word Online reports an error for a related
    /// numbering part that nothing uses).
    listed: bool,
}

/// The parts of the package that depend on the document's content.
pub struct Written {
    /// `word/document.xml`, compressed, the one entry of this zip.
    pub document: ZipArchive<Cursor<Vec<u8>>>,
    /// `word/numbering.xml`.
    pub numbering: String,
    /// Whether `word/document.xml` uses the numbering part.
    pub listed: bool,
}

/// The character formatting of a run.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
}

/// How a paragraph stands in the body: its style, its list, its indent.
#[derive(Clone, Copy)]
enum Place {
    Plain,
    Heading(usize),
    /// In a list: numbering id and depth.
    Listed(usize, usize),
    /// Indented (inside lists and quotes), in twentieths of a point.
    Indented(i32),
}

/// Appends the text of a `w:t` element: control characters (line breaks
/// included: a run holds one line) are left out, as XML 1.0 cannot carry
/// them, and the five markup characters are escaped.
///
/// The bytes are scanned for the few that may need care and the stretches
/// between them copied whole: the text of a large draft is megabytes long.
fn push_text(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut scan = bytes.iter().enumerate();
    while let Some((i, &b)) =
        scan.find(|(_, b)| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x00..=0x1F | 0x7F | 0xC2))
    {
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' => continue,
            // U+0080 to U+009F, the C1 controls, are 0xC2 then 0x80..=0x9F;
            // after 0xC2 come otherwise letters and signs (U+00A0..=U+00BF).
            0xC2 => match bytes.get(i + 1) {
                Some(0x80..=0x9F) => {
                    scan.next();
                    ("", 2)
                }
                _ => continue,
            },
            _ => ("", 1),
        };
        // Every byte matched above starts a character: these are character
        // boundaries.
        out.push_str(&s[from..i]);
        out.push_str(replacement);
        from = i + len;
    }
    out.push_str(&s[from..]);
}

/// Appends a number in decimal.
fn push_num(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// The run properties: size, bold, italic, strike-through, then the font,
/// in the order of the schema.
fn push_run_props(out: &mut String, look: Look, size: Option<usize>) {
    if !(look.bold || look.italic || look.strike || look.code) && size.is_none() {
        out.push_str("<w:rPr />");
        return;
    }
    out.push_str("<w:rPr>");
    if let Some(size) = size {
        push_size(out, size);
    }
    if look.bold {
        out.push_str("<w:b /><w:bCs />");
    }
    if look.italic {
        out.push_str("<w:i /><w:iCs />");
    }
    if look.strike {
        out.push_str("<w:strike />");
    }
    if look.code {
        out.push_str("<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" />");
    }
    out.push_str("</w:rPr>");
}

fn push_size(out: &mut String, size: usize) {
    out.push_str("<w:sz w:val=\"");
    push_num(out, size);
    out.push_str("\" /><w:szCs w:val=\"");
    push_num(out, size);
    out.push_str("\" />");
}

/// A run of text.
fn push_run(out: &mut String, text: &str, look: Look, size: Option<usize>) {
    out.push_str("<w:r>");
    push_run_props(out, look, size);
    out.push_str("<w:t xml:space=\"preserve\">");
    push_text(out, text);
    out.push_str("</w:t></w:r>");
}

/// A line break within a paragraph.
fn push_break(out: &mut String, size: Option<usize>) {
    out.push_str("<w:r>");
    push_run_props(out, Look::default(), size);
    out.push_str("<w:br w:type=\"textWrapping\" /></w:r>");
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// A table's columns as its cells are seen: per column, the longest text
/// and the longest word, in characters.
struct Columns {
    longest: Vec<usize>,
    word: Vec<usize>,
}

impl Columns {
    fn new() -> Columns {
        Columns {
            longest: Vec::new(),
            word: Vec::new(),
        }
    }

    /// Takes in the text of the cell in column `j`.
    fn see(&mut self, j: usize, text: &str) {
        let (mut chars, mut word, mut longest_word) = (0, 0, 0);
        for c in text.chars() {
            chars += 1;
            if c.is_whitespace() {
                word = 0;
            } else {
                word += 1;
                longest_word = longest_word.max(word);
            }
        }
        if self.longest.len() <= j {
            self.longest.resize(j + 1, 0);
            self.word.resize(j + 1, 0);
        }
        if let Some(longest) = self.longest.get_mut(j) {
            *longest = (*longest).max(chars);
        }
        if let Some(word) = self.word.get_mut(j) {
            *word = (*word).max(longest_word);
        }
    }

    /// Column widths that share the text width: each column gets room for
    /// its longest word (so no word is broken), and what is left goes to the
    /// columns by the length of their texts.
    fn widths(&self) -> Vec<usize> {
        /// About one character of the tables' 9 pt text, and a cell's margins.
        const CHAR: usize = 100;
        const MARGINS: usize = 2 * CELL_MARGIN + 30;
        let columns = self.longest.len().max(1);
        let (mut least, mut more) = (Vec::with_capacity(columns), Vec::with_capacity(columns));
        for j in 0..columns {
            let longest = self.longest.get(j).copied().unwrap_or(0).min(60);
            let word = self.word.get(j).copied().unwrap_or(0).min(18);
            least.push(word * CHAR + MARGINS);
            more.push(longest.saturating_sub(word) + 1);
        }
        let needed: usize = least.iter().sum();
        if needed >= TEXT_WIDTH {
            return least.iter().map(|w| w * TEXT_WIDTH / needed.max(1)).collect();
        }
        let spare = TEXT_WIDTH - needed;
        let total: usize = more.iter().sum();
        least
            .iter()
            .zip(&more)
            .map(|(l, m)| l + spare * m / total.max(1))
            .collect()
    }
}

impl Blocks {
    pub fn new() -> Blocks {
        let mut xml = String::with_capacity(CHUNK + CHUNK / 16);
        xml.push_str(parts::DOCUMENT_HEAD);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let failed = zip.start_file(parts::DOCUMENT, parts::entry_options()).err();
        Blocks {
            zip,
            failed,
            xml,
            next_id: 1,
            ordered: Vec::new(),
            listed: false,
        }
    }

    /// Ends a block or a table's row: the markup written so far is
    /// compressed once there is enough of it, and its buffer used again.
    fn end_block(&mut self) {
        if self.xml.len() >= CHUNK {
            self.compress();
        }
    }

    /// Hands the markup written so far to the compressor.
    fn compress(&mut self) {
        if self.failed.is_none()
            && let Err(e) = self.zip.write_all(self.xml.as_bytes())
        {
            self.failed = Some(e.into());
        }
        self.xml.clear();
    }

    /// A heading with Word's built-in style `Heading1` ... `Heading4`.
    pub fn heading(&mut self, level: usize, text: &str) {
        self.open_paragraph(Place::Heading(level.clamp(1, 4)));
        push_run(&mut self.xml, text, Look::default(), None);
        self.xml.push_str("</w:p>");
        self.end_block();
    }

    /// A chart of months as a table: a header row of years and one of
    /// months, then per bar its label and one cell per month, shaded where
    /// the bar runs (a work package's span lighter than an activity).
    pub fn chart(&mut self, chart: &crate::view::timeline::Chart) {
        const LABEL: usize = 3400;
        let n = chart.months.len().max(1);
        let month = (TEXT_WIDTH - LABEL) / n;
        self.open_table(
            std::iter::once(LABEL).chain(std::iter::repeat_n(month, n)),
            CELL_MARGIN / 2,
        );
        // The years, each over its months.
        self.xml.push_str("<w:tr><w:trPr />");
        self.chart_cell("", LABEL, None, Some(HEAD_FILL), true);
        let mut i = 0;
        while let Some(first) = chart.months.get(i) {
            let span = chart
                .months
                .iter()
                .skip(i)
                .take_while(|m| m.year() == first.year())
                .count()
                .max(1);
            let year = first.year().to_string();
            self.chart_cell(&year, month * span, Some(span), Some(HEAD_FILL), true);
            i += span;
        }
        self.xml.push_str("</w:tr><w:tr><w:trPr />");
        self.chart_cell("", LABEL, None, Some(HEAD_FILL), true);
        for m in &chart.months {
            // The month's number: three letters do not fit 24 narrow columns.
            self.chart_cell(&m.month().to_string(), month, None, Some(HEAD_FILL), true);
        }
        self.xml.push_str("</w:tr>");
        for (bar, runs) in &chart.rows {
            self.xml.push_str("<w:tr><w:trPr />");
            self.chart_cell(&bar.label, LABEL, None, None, bar.group);
            for on in runs {
                let fill = match (on, bar.group) {
                    (true, true) => Some(GROUP_FILL),
                    (true, false) => Some(BAR_FILL),
                    (false, _) => None,
                };
                self.chart_cell("", month, None, fill, false);
            }
            self.xml.push_str("</w:tr>");
            self.end_block();
        }
        self.xml.push_str("</w:tbl>");
        self.end_block();
    }

    /// One cell of the chart: one run of 7 pt text. The years' cells carry
    /// their span even where it is one month.
    fn chart_cell(&mut self, text: &str, width: usize, span: Option<usize>, fill: Option<&str>, bold: bool) {
        self.open_cell(width, span, fill, CHART_SIZE);
        let look = Look {
            bold,
            ..Look::default()
        };
        push_run(&mut self.xml, text, look, Some(CHART_SIZE));
        self.xml.push_str("</w:p></w:tc>");
    }

    /// Plain text (not Markdown): one paragraph per blank-line-separated block.
    pub fn text(&mut self, text: &str) {
        for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            self.open_paragraph(Place::Plain);
            // A line break inside a block reads as a space.
            push_run(&mut self.xml, &para.replace('\n', " "), Look::default(), None);
            self.xml.push_str("</w:p>");
        }
        self.end_block();
    }

    /// One paragraph in italics, for notes such as character counts.
    pub fn note(&mut self, text: &str) {
        let look = Look {
            italic: true,
            ..Look::default()
        };
        self.open_paragraph(Place::Plain);
        push_run(&mut self.xml, text, look, None);
        self.xml.push_str("</w:p>");
        self.end_block();
    }

    /// A table of text cells with a bold, shaded header row; the last row is
    /// bold too when `total` is set.
    pub fn table<R: AsRef<[S]>, S: AsRef<str>>(&mut self, header: &[&str], rows: &[R], total: bool) {
        let mut columns = Columns::new();
        for (j, h) in header.iter().enumerate() {
            columns.see(j, h);
        }
        for row in rows {
            for (j, cell) in row.as_ref().iter().enumerate() {
                columns.see(j, cell.as_ref());
            }
        }
        let widths = columns.widths();
        self.open_table(widths.iter().copied(), CELL_MARGIN);
        let last = rows.len();
        let header = header.iter().copied();
        self.text_row(0, header, &widths, true);
        for (i, row) in rows.iter().enumerate() {
            let bold = total && i + 1 == last;
            let cells = row.as_ref().iter().map(AsRef::as_ref);
            self.text_row(i + 1, cells, &widths, bold);
        }
        self.xml.push_str("</w:tbl>");
        self.end_block();
    }

    /// One row of a table of text cells; row 0 is the header.
    fn text_row<'t>(&mut self, i: usize, cells: impl Iterator<Item = &'t str>, widths: &[usize], bold: bool) {
        self.xml.push_str("<w:tr><w:trPr />");
        let mut n = 0;
        for (text, width) in cells.zip(widths) {
            self.open_table_cell(i, *width);
            let look = Look {
                bold,
                ..Look::default()
            };
            push_run(&mut self.xml, text, look, Some(TABLE_SIZE));
            self.xml.push_str("</w:p></w:tc>");
            n += 1;
        }
        self.pad_row(n, widths);
    }

    /// Empty cells for the columns a short row leaves out, and the row's end.
    fn pad_row(&mut self, n: usize, widths: &[usize]) {
        for width in widths.iter().skip(n) {
            self.open_cell_props(*width, None, None);
            self.open_paragraph(Place::Plain);
            self.xml.push_str("</w:p></w:tc>");
        }
        self.xml.push_str("</w:tr>");
        self.end_block();
    }

    /// The narrative's Markdown; its own headings start at `level`.
    pub fn markdown(&mut self, markdown: &str, level: usize) {
        let (markdown, _) = crate::text::limit_nesting(markdown);
        let arena = Arena::new();
        let root = parse_document(&arena, &markdown, &crate::text::options());
        for node in root.children() {
            self.block(node, level, 0, None);
        }
        self.end_block();
    }

    /// The document's end, and the numbering part with one instance per
    /// numbered list.
    pub fn finish(mut self) -> zip::result::ZipResult<Written> {
        self.xml.push_str(parts::DOCUMENT_TAIL);
        self.compress();
        if let Some(e) = self.failed {
            return Err(e);
        }
        let document = self.zip.finish_into_readable()?;
        let mut numbering = String::from(parts::NUMBERING_HEAD);
        for (n, (depth, start)) in self.ordered.iter().enumerate() {
            numbering.push_str("<w:num w:numId=\"");
            push_num(&mut numbering, ORDERED + 1 + n);
            numbering.push_str("\"><w:abstractNumId w:val=\"");
            push_num(&mut numbering, ORDERED);
            numbering.push_str("\" /><w:lvlOverride w:ilvl=\"");
            push_num(&mut numbering, *depth);
            numbering.push_str("\"><w:startOverride w:val=\"");
            push_num(&mut numbering, *start);
            numbering.push_str("\" /></w:lvlOverride></w:num>");
        }
        numbering.push_str("</w:numbering>");
        Ok(Written {
            document,
            numbering,
            listed: self.listed,
        })
    }

    /// Opens a paragraph of the body and writes its properties.
    fn open_paragraph(&mut self, place: Place) {
        self.open_p();
        self.xml.push_str("<w:pPr><w:rPr />");
        match place {
            Place::Plain => {}
            Place::Heading(level) => {
                self.xml.push_str("<w:pStyle w:val=\"Heading");
                push_num(&mut self.xml, level);
                self.xml.push_str("\" />");
            }
            Place::Listed(id, depth) => {
                self.listed = true;
                self.xml.push_str("<w:numPr><w:numId w:val=\"");
                push_num(&mut self.xml, id);
                self.xml.push_str("\" /><w:ilvl w:val=\"");
                push_num(&mut self.xml, depth);
                self.xml.push_str("\" /></w:numPr>");
            }
            Place::Indented(left) => {
                self.xml.push_str("<w:ind w:left=\"");
                push_num(&mut self.xml, left);
                self.xml.push_str("\" w:right=\"0\" />");
            }
        }
        self.xml.push_str("</w:pPr>");
    }

    /// `<w:p>` with the next paragraph id, eight hexadecimal digits.
    fn open_p(&mut self) {
        let id = self.next_id;
        self.next_id += 1;
        self.xml.push_str("<w:p w14:paraId=\"");
        for shift in (0..8).rev() {
            let digit = char::from_digit((id >> (shift * 4)) & 0xF, 16).unwrap_or('0');
            self.xml.push(digit);
        }
        self.xml.push_str("\">");
    }

    /// A table's properties (full text width, thin borders, fixed layout,
    /// cells with the given left and right margin) and its grid.
    fn open_table(&mut self, widths: impl Iterator<Item = usize>, margin: usize) {
        self.xml.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"");
        push_num(&mut self.xml, TEXT_WIDTH);
        self.xml.push_str(concat!(
            "\" w:type=\"dxa\" /><w:jc w:val=\"left\" /><w:tblBorders>",
            "<w:top w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "<w:left w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "<w:bottom w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "<w:right w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "<w:insideH w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "<w:insideV w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\" />",
            "</w:tblBorders><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\" /><w:left w:w=\""
        ));
        push_num(&mut self.xml, margin);
        self.xml
            .push_str("\" w:type=\"dxa\" /><w:bottom w:w=\"0\" w:type=\"dxa\" /><w:right w:w=\"");
        push_num(&mut self.xml, margin);
        self.xml.push_str(
            "\" w:type=\"dxa\" /></w:tblCellMar><w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid>",
        );
        for width in widths {
            self.xml.push_str("<w:gridCol w:w=\"");
            push_num(&mut self.xml, width);
            self.xml.push_str("\" w:type=\"dxa\" />");
        }
        self.xml.push_str("</w:tblGrid>");
    }

    /// Opens a cell and its properties: width, span, shading.
    fn open_cell_props(&mut self, width: usize, span: Option<usize>, fill: Option<&str>) {
        self.xml.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
        push_num(&mut self.xml, width);
        self.xml.push_str("\" w:type=\"dxa\" />");
        if let Some(span) = span {
            self.xml.push_str("<w:gridSpan w:val=\"");
            push_num(&mut self.xml, span);
            self.xml.push_str("\" />");
        }
        if let Some(fill) = fill {
            self.xml
                .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"");
            self.xml.push_str(fill);
            self.xml.push_str("\" />");
        }
        self.xml.push_str("</w:tcPr>");
    }

    /// Opens a cell and its one paragraph, tight and in the given size.
    fn open_cell(&mut self, width: usize, span: Option<usize>, fill: Option<&str>, size: usize) {
        self.open_cell_props(width, span, fill);
        self.open_p();
        self.xml.push_str("<w:pPr><w:rPr>");
        push_size(&mut self.xml, size);
        self.xml
            .push_str("</w:rPr><w:spacing w:before=\"0\" w:after=\"0\" /></w:pPr>");
    }

    /// Opens a cell of a table in row `i`, the header row shaded.
    fn open_table_cell(&mut self, i: usize, width: usize) {
        let fill = (i == 0).then_some(HEAD_FILL);
        self.open_cell(width, None, fill, TABLE_SIZE);
    }

    /// One Markdown block. `indent` is the left indent of text inside lists
    /// and quotes; `numbered` puts the first paragraph in a list.
    fn block<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        level: usize,
        indent: i32,
        numbered: Option<(usize, usize)>,
    ) {
        match &node.data.borrow().value {
            NodeValue::Heading(h) => {
                self.heading(level + usize::from(h.level).saturating_sub(1), &inline_text(node));
            }
            NodeValue::List(list) => {
                let depth = usize::try_from(indent / STEP).unwrap_or(0).min(8);
                let id = match list.list_type {
                    ListType::Bullet => BULLETS,
                    ListType::Ordered => {
                        self.ordered.push((depth, list.start.max(1)));
                        ORDERED + self.ordered.len()
                    }
                };
                for item in node.children() {
                    for (i, child) in item.children().enumerate() {
                        let first = i == 0 && matches!(child.data.borrow().value, NodeValue::Paragraph);
                        let mark = if first { Some((id, depth)) } else { None };
                        self.block(child, level, indent + STEP, mark);
                    }
                }
            }
            NodeValue::BlockQuote => {
                for child in node.children() {
                    self.block(child, level, indent + STEP, None);
                }
            }
            NodeValue::CodeBlock(cb) => {
                let code = Look {
                    code: true,
                    ..Look::default()
                };
                self.open_paragraph(place(indent, None));
                for (i, line) in cb.literal.trim_end().lines().enumerate() {
                    if i > 0 {
                        push_break(&mut self.xml, None);
                    }
                    push_run(&mut self.xml, line, code, None);
                }
                self.xml.push_str("</w:p>");
            }
            NodeValue::HtmlBlock(h) if !is_comment(&h.literal) => {
                self.open_paragraph(place(indent, None));
                push_run(&mut self.xml, h.literal.trim_end(), Look::default(), None);
                self.xml.push_str("</w:p>");
            }
            NodeValue::Table(_) => self.markdown_table(node),
            NodeValue::Paragraph => {
                self.open_paragraph(place(indent, numbered));
                runs(&mut self.xml, node, Look::default(), None);
                self.xml.push_str("</w:p>");
            }
            NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak => {}
            _ => {
                for child in node.children() {
                    self.block(child, level, indent, None);
                }
            }
        }
    }

    /// A Markdown table: its header row bold and shaded, like the others.
    fn markdown_table<'a>(&mut self, node: &'a AstNode<'a>) {
        let mut columns = Columns::new();
        for row in node.children() {
            for (j, cell) in row.children().enumerate() {
                columns.see(j, &inline_text(cell));
            }
        }
        let widths = columns.widths();
        self.open_table(widths.iter().copied(), CELL_MARGIN);
        for (i, row) in node.children().enumerate() {
            let head = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            let look = Look {
                bold: head,
                ..Look::default()
            };
            self.xml.push_str("<w:tr><w:trPr />");
            let mut n = 0;
            for (cell, width) in row.children().zip(&widths) {
                self.open_table_cell(i, *width);
                runs(&mut self.xml, cell, look, Some(TABLE_SIZE));
                self.xml.push_str("</w:p></w:tc>");
                n += 1;
            }
            self.pad_row(n, &widths);
        }
        self.xml.push_str("</w:tbl>");
    }
}

/// A paragraph's place: in a list, or indented inside lists and quotes.
fn place(indent: i32, numbered: Option<(usize, usize)>) -> Place {
    match numbered {
        Some((id, depth)) => Place::Listed(id, depth),
        None if indent > 0 => Place::Indented(indent),
        None => Place::Plain,
    }
}

/// The runs of a node's inline content.
fn runs<'a>(out: &mut String, node: &'a AstNode<'a>, look: Look, size: Option<usize>) {
    for child in node.children() {
        inline(out, child, look, size);
    }
}

fn inline<'a>(out: &mut String, node: &'a AstNode<'a>, look: Look, size: Option<usize>) {
    match &node.data.borrow().value {
        NodeValue::Text(t) => push_run(out, t, look, size),
        NodeValue::Code(c) => push_run(out, &c.literal, Look { code: true, ..look }, size),
        NodeValue::SoftBreak => push_run(out, " ", look, size),
        NodeValue::LineBreak => push_break(out, size),
        NodeValue::HtmlInline(h) if !is_comment(h) => push_run(out, h, look, size),
        NodeValue::HtmlInline(_) => {}
        NodeValue::Strong => runs(out, node, Look { bold: true, ..look }, size),
        NodeValue::Emph => runs(out, node, Look { italic: true, ..look }, size),
        NodeValue::Strikethrough => runs(out, node, Look { strike: true, ..look }, size),
        NodeValue::Link(link) => {
            runs(out, node, look, size);
            let text = inline_text(node);
            let url = link.url.trim_start_matches("mailto:");
            if !url.is_empty() && text.trim() != url {
                push_run(out, &format!(" ({})", link.url), look, size);
            }
        }
        _ => runs(out, node, look, size),
    }
}

/// The plain text of a node's inline content (for headings and links).
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::{Blocks, Written, parts, push_text};

    /// `word/document.xml` as it was written, read back from its zip.
    fn document(written: &mut Written) -> String {
        let mut entry = written.document.by_name(parts::DOCUMENT).unwrap();
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        xml
    }

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    #[test]
    fn text_escapes_markup_and_leaves_out_control_characters() {
        assert_eq!(
            text("a<b> & \"c\" 'd'"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"
        );
        // A tab stays; a run holds one line, so line breaks go, as do the
        // C0 and C1 controls and DEL that XML 1.0 cannot carry.
        assert_eq!(text("a\tb\nc\r\n"), "a\tbc");
        assert_eq!(text("\u{7}bell\u{1b}\u{7f}\u{85}\u{9f}"), "bell");
        // Letters next to the C1 range (U+00A0, U+00E9) and beyond the BMP stay.
        assert_eq!(text("\u{a0}é😀—"), "\u{a0}é😀—");
    }

    #[test]
    fn paragraphs_are_numbered_in_hexadecimal_in_document_order() {
        let mut b = Blocks::new();
        for i in 0..11 {
            b.heading(1, &i.to_string());
        }
        let doc = document(&mut b.finish().unwrap());
        assert!(doc.contains(r#"<w:p w14:paraId="00000001"><w:pPr><w:rPr /><w:pStyle w:val="Heading1" /></w:pPr><w:r><w:rPr /><w:t xml:space="preserve">0</w:t></w:r></w:p>"#));
        assert!(doc.contains(r#"<w:p w14:paraId="0000000a">"#));
        assert!(doc.contains(r#"<w:p w14:paraId="0000000b">"#));
        assert!(!doc.contains(r#"<w:p w14:paraId="0000000c">"#));
    }

    #[test]
    fn each_numbered_list_has_its_own_instance_from_its_first_number() {
        let mut b = Blocks::new();
        b.markdown("1. one\n2. two\n\nText.\n\n3. three\n   1. nested\n", 1);
        let mut written = b.finish().unwrap();
        // Instances 12 and 13 (10 is the bullets', 11 the numbered lists'
        // pattern): the second list starts at 3, the nested one at level 1.
        let instance = |id: usize, level: usize, start: usize| {
            format!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="11" /><w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}" /></w:lvlOverride></w:num>"#
            )
        };
        let tail = [instance(12, 0, 1), instance(13, 0, 3), instance(14, 1, 1)].concat();
        assert!(written.numbering.ends_with(&(tail + "</w:numbering>")));
        assert!(written.listed);
        let doc = document(&mut written);
        assert!(doc.contains(r#"<w:numPr><w:numId w:val="13" /><w:ilvl w:val="0" /></w:numPr>"#));
        assert!(doc.contains(r#"<w:numPr><w:numId w:val="14" /><w:ilvl w:val="1" /></w:numPr>"#));

        let mut b = Blocks::new();
        b.markdown("No list here.", 1);
        assert!(!b.finish().unwrap().listed);
    }

    #[test]
    fn a_document_compressed_piece_by_piece_reads_back_whole() {
        // 20 000 headings of about 150 bytes each are some 3 MB of markup,
        // handed to the compressor in four pieces: it reads back as the
        // head, every heading once and in order, and the tail.
        let mut b = Blocks::new();
        for i in 0..20_000 {
            b.heading(2, &format!("Activity A{i}"));
        }
        let doc = document(&mut b.finish().unwrap());
        assert!(doc.len() > 3_000_000);
        assert!(doc.starts_with(parts::DOCUMENT_HEAD));
        assert!(doc.ends_with(parts::DOCUMENT_TAIL));
        let body = &doc[parts::DOCUMENT_HEAD.len()..doc.len() - parts::DOCUMENT_TAIL.len()];
        let mut expected = String::new();
        for i in 0..20_000u32 {
            expected.push_str(&format!(
                r#"<w:p w14:paraId="{:08x}"><w:pPr><w:rPr /><w:pStyle w:val="Heading2" /></w:pPr><w:r><w:rPr /><w:t xml:space="preserve">Activity A{i}</w:t></w:r></w:p>"#,
                i + 1
            ));
        }
        assert_eq!(body, expected);
    }

    #[test]
    fn a_long_table_is_compressed_row_by_row() {
        // 30 000 rows of three cells are some 28 MB of markup in one table:
        // handed over row by row, the buffer never grows past the size it
        // started with, and the table reads back whole.
        let rows: Vec<[String; 3]> = (0..30_000)
            .map(|i| [format!("A{i}"), "Valencia".to_owned(), "1 024".to_owned()])
            .collect();
        let mut b = Blocks::new();
        let start = b.xml.capacity();
        b.table(&["Activity", "Venue", "Participants"], &rows, false);
        assert_eq!(b.xml.capacity(), start);
        let doc = document(&mut b.finish().unwrap());
        assert_eq!(doc.matches("<w:tr>").count(), 30_001);
        let last = doc.rfind("A29999").unwrap();
        assert!(doc[last..].contains("Valencia"));
        assert!(doc.ends_with(parts::DOCUMENT_TAIL));
    }
}
