//! The blocks of the Word document: headings, paragraphs, tables, and the
//! narratives' Markdown turned into real Word structure (paragraphs, bullet
//! and numbered lists, bold, italic, strike-through, code, tables) by walking
//! comrak's tree as [`crate::text`] does. Raw HTML is never
//! interpreted: it stays visible text, and author notes (`<!-- -->`) go.

use chrono::Datelike;
use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, parse_document};
use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Start, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// Width of the text between A4 margins of 2 cm, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9638;
/// Numbering ids: docx-rs defines number 1 itself, so coopcom's start at 10:
/// the bullets, the numbered lists' pattern, then one instance per numbered
/// list (so that each starts again at its own first number).
const BULLETS: usize = 10;
const ORDERED: usize = 11;
/// Left indent of each level of lists and quotes, and the hanging indent
/// of a list's marker, in twentieths of a point.
const STEP: i32 = 720;
/// Tables are set in 9 pt (half-points), so that eight columns fit.
const TABLE_SIZE: usize = 18;
/// The chart of months is set in 7 pt, so that 24 month numbers fit.
const CHART_SIZE: usize = 14;
/// Left and right margin of a table cell, a little over 1 mm.
const CELL_MARGIN: usize = 70;
const HANG: i32 = 360;

pub enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// The document's blocks in order, with the list numberings they use.
pub struct Blocks {
    blocks: Vec<Block>,
    numberings: Vec<Numbering>,
}

/// The character formatting of a run.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
}

/// Text as XML 1.0 may carry it: no control character but tab and line break.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\t' || *c == '\n' || !c.is_control())
        .collect()
}

fn run(text: &str, look: Look) -> Run {
    let mut r = Run::new().add_text(clean(text));
    if look.bold {
        r = r.bold();
    }
    if look.italic {
        r = r.italic();
    }
    if look.strike {
        r = r.strike();
    }
    if look.code {
        r = r.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
    }
    r
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

impl Blocks {
    pub fn new() -> Blocks {
        Blocks {
            blocks: Vec::new(),
            numberings: vec![Numbering::new(BULLETS, BULLETS)],
        }
    }

    /// A heading with Word's built-in style `Heading1` ... `Heading4`.
    pub fn heading(&mut self, level: usize, text: &str) {
        let level = level.clamp(1, 4);
        let p = Paragraph::new()
            .style(&format!("Heading{level}"))
            .add_run(Run::new().add_text(clean(text)));
        self.blocks.push(Block::Paragraph(Box::new(p)));
    }

    /// A chart of months as a table: a header row of years and one of
    /// months, then per bar its label and one cell per month, shaded where
    /// the bar runs (a work package's span lighter than an activity).
    pub fn chart(&mut self, chart: &crate::view::timeline::Chart) {
        const LABEL: usize = 3400;
        let n = chart.months.len().max(1);
        let month = (TEXT_WIDTH - LABEL) / n;
        let mut widths = vec![LABEL];
        widths.extend(std::iter::repeat_n(month, n));
        let tight = LineSpacing::new().before(0).after(0);
        let cell = |text: &str, width: usize, bold: bool| {
            let look = Look {
                bold,
                ..Look::default()
            };
            let p = Paragraph::new()
                .line_spacing(tight.clone())
                .size(CHART_SIZE)
                .add_run(run(text, look).size(CHART_SIZE));
            TableCell::new().add_paragraph(p).width(width, WidthType::Dxa)
        };
        let head = |c: TableCell| c.shading(Shading::new().fill("D9E2F3"));
        // The years, each over its months.
        let mut years = vec![head(cell("", LABEL, true))];
        let mut i = 0;
        while let Some(first) = chart.months.get(i) {
            let span = chart
                .months
                .iter()
                .skip(i)
                .take_while(|m| m.year() == first.year())
                .count()
                .max(1);
            years.push(head(cell(&first.year().to_string(), month * span, true)).grid_span(span));
            i += span;
        }
        let mut months = vec![head(cell("", LABEL, true))];
        for m in &chart.months {
            // The month's number: three letters do not fit 24 narrow columns.
            months.push(head(cell(&m.month().to_string(), month, true)));
        }
        let mut rows = vec![TableRow::new(years), TableRow::new(months)];
        for (bar, runs) in &chart.rows {
            let mut cells = vec![cell(&bar.label, LABEL, bar.group)];
            for on in runs {
                let c = cell("", month, false);
                cells.push(match (on, bar.group) {
                    (true, true) => c.shading(Shading::new().fill("9DB7DB")),
                    (true, false) => c.shading(Shading::new().fill("1F4E8C")),
                    (false, _) => c,
                });
            }
            rows.push(TableRow::new(cells));
        }
        let table = Table::new(rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, CELL_MARGIN / 2, 0, CELL_MARGIN / 2));
        self.blocks.push(Block::Table(Box::new(table)));
    }

    /// Plain text (not Markdown): one paragraph per blank-line-separated block.
    pub fn text(&mut self, text: &str) {
        for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let p = Paragraph::new().add_run(run(&para.replace('\n', " "), Look::default()));
            self.blocks.push(Block::Paragraph(Box::new(p)));
        }
    }

    /// One paragraph in italics, for notes such as character counts.
    pub fn note(&mut self, text: &str) {
        let look = Look {
            italic: true,
            ..Look::default()
        };
        let p = Paragraph::new().add_run(run(text, look));
        self.blocks.push(Block::Paragraph(Box::new(p)));
    }

    /// A table of text cells with a bold, shaded header row; the last row is
    /// bold too when `total` is set.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>], total: bool) {
        let mut texts: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        texts.extend(rows.iter().cloned());
        let widths = widths(&texts);
        let last = texts.len().saturating_sub(1);
        let cells = texts
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let bold = i == 0 || (total && i == last);
                row.iter()
                    .map(|t| {
                        vec![run(
                            t,
                            Look {
                                bold,
                                ..Look::default()
                            },
                        )]
                    })
                    .collect()
            })
            .collect();
        self.blocks.push(Block::Table(Box::new(grid(cells, &widths))));
    }

    /// The narrative's Markdown; its own headings start at `level`.
    pub fn markdown(&mut self, markdown: &str, level: usize) {
        let (markdown, _) = crate::text::limit_nesting(markdown);
        let arena = Arena::new();
        let root = parse_document(&arena, &markdown, &crate::text::options());
        for node in root.children() {
            self.block(node, level, 0, None);
        }
    }

    /// Adds the blocks and the numberings to the document.
    pub fn finish(self, mut docx: Docx) -> Docx {
        docx = docx
            .add_abstract_numbering(list_levels(BULLETS, true))
            .add_abstract_numbering(list_levels(ORDERED, false));
        for n in self.numberings {
            docx = docx.add_numbering(n);
        }
        for b in self.blocks {
            docx = match b {
                Block::Paragraph(p) => docx.add_paragraph(*p),
                Block::Table(t) => docx.add_table(*t),
            };
        }
        docx
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
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Heading(h) => {
                self.heading(level + usize::from(h.level).saturating_sub(1), &inline_text(node));
            }
            NodeValue::List(list) => {
                let depth = usize::try_from(indent / STEP).unwrap_or(0).min(8);
                let id = match list.list_type {
                    ListType::Bullet => BULLETS,
                    ListType::Ordered => {
                        let id = ORDERED + self.numberings.len();
                        let start = list.start.max(1);
                        self.numberings.push(
                            Numbering::new(id, ORDERED).add_override(LevelOverride::new(depth).start(start)),
                        );
                        id
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
                let mut runs = Vec::new();
                for (i, line) in cb.literal.trim_end().lines().enumerate() {
                    if i > 0 {
                        runs.push(Run::new().add_break(BreakType::TextWrapping));
                    }
                    runs.push(run(line, code));
                }
                self.paragraph(runs, indent, None);
            }
            NodeValue::HtmlBlock(h) if !is_comment(&h.literal) => {
                self.paragraph(vec![run(h.literal.trim_end(), Look::default())], indent, None);
            }
            NodeValue::Table(_) => {
                let texts: Vec<Vec<String>> = node
                    .children()
                    .map(|row| row.children().map(inline_text).collect())
                    .collect();
                let rows = node
                    .children()
                    .map(|row| {
                        let head = matches!(row.data.borrow().value, NodeValue::TableRow(true));
                        let look = Look {
                            bold: head,
                            ..Look::default()
                        };
                        row.children().map(|cell| runs(cell, look)).collect()
                    })
                    .collect();
                self.blocks
                    .push(Block::Table(Box::new(grid(rows, &widths(&texts)))));
            }
            NodeValue::Paragraph => self.paragraph(runs(node, Look::default()), indent, numbered),
            NodeValue::HtmlBlock(_) | NodeValue::ThematicBreak => {}
            _ => {
                for child in node.children() {
                    self.block(child, level, indent, None);
                }
            }
        }
    }
}

impl Blocks {
    /// A paragraph of runs: in a list, or indented inside lists and quotes.
    fn paragraph(&mut self, runs: Vec<Run>, indent: i32, numbered: Option<(usize, usize)>) {
        let mut p = Paragraph::new();
        for r in runs {
            p = p.add_run(r);
        }
        p = match numbered {
            Some((id, depth)) => p.numbering(NumberingId::new(id), IndentLevel::new(depth)),
            None if indent > 0 => p.indent(Some(indent), None, None, None),
            None => p,
        };
        self.blocks.push(Block::Paragraph(Box::new(p)));
    }
}

/// Column widths that share the text width: each column gets room for its
/// longest word (so no word is broken), and what is left goes to the columns
/// by the length of their texts.
fn widths(rows: &[Vec<String>]) -> Vec<usize> {
    /// About one character of the tables' 9 pt text, and a cell's margins.
    const CHAR: usize = 100;
    const MARGINS: usize = 2 * CELL_MARGIN + 30;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let (mut least, mut more) = (Vec::new(), Vec::new());
    for j in 0..columns {
        let cells = || rows.iter().filter_map(|r| r.get(j));
        let longest = cells().map(|t| t.chars().count()).max().unwrap_or(0).min(60);
        let word = cells()
            .flat_map(|t| t.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
            .min(18);
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

/// A table whose cells hold the given runs, in columns of the given widths.
fn grid(rows: Vec<Vec<Vec<Run>>>, widths: &[usize]) -> Table {
    let tight = LineSpacing::new().before(0).after(0);
    let rows: Vec<TableRow> = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            let mut cells: Vec<TableCell> = cells
                .into_iter()
                .zip(widths)
                .map(|(runs, width)| {
                    let mut p = Paragraph::new().line_spacing(tight.clone()).size(TABLE_SIZE);
                    for r in runs {
                        p = p.add_run(r.size(TABLE_SIZE));
                    }
                    let cell = TableCell::new().add_paragraph(p).width(*width, WidthType::Dxa);
                    if i == 0 {
                        cell.shading(Shading::new().fill("D9E2F3"))
                    } else {
                        cell
                    }
                })
                .collect();
            for width in widths.iter().skip(cells.len()) {
                cells.push(
                    TableCell::new()
                        .add_paragraph(Paragraph::new())
                        .width(*width, WidthType::Dxa),
                );
            }
            TableRow::new(cells)
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN))
}

/// The runs of a node's inline content.
fn runs<'a>(node: &'a AstNode<'a>, look: Look) -> Vec<Run> {
    let mut out = Vec::new();
    for child in node.children() {
        inline(child, look, &mut out);
    }
    out
}

fn inline<'a>(node: &'a AstNode<'a>, look: Look, out: &mut Vec<Run>) {
    let value = node.data.borrow().value.clone();
    match value {
        NodeValue::Text(t) => out.push(run(&t, look)),
        NodeValue::Code(c) => out.push(run(&c.literal, Look { code: true, ..look })),
        NodeValue::SoftBreak => out.push(run(" ", look)),
        NodeValue::LineBreak => out.push(Run::new().add_break(BreakType::TextWrapping)),
        NodeValue::HtmlInline(h) if !is_comment(&h) => out.push(run(&h, look)),
        NodeValue::HtmlInline(_) => {}
        NodeValue::Strong => node
            .children()
            .for_each(|c| inline(c, Look { bold: true, ..look }, out)),
        NodeValue::Emph => node
            .children()
            .for_each(|c| inline(c, Look { italic: true, ..look }, out)),
        NodeValue::Strikethrough => node
            .children()
            .for_each(|c| inline(c, Look { strike: true, ..look }, out)),
        NodeValue::Link(link) => {
            node.children().for_each(|c| inline(c, look, out));
            let text = inline_text(node);
            let url = link.url.trim_start_matches("mailto:");
            if !url.is_empty() && text.trim() != url {
                out.push(run(&format!(" ({})", link.url), look));
            }
        }
        _ => node.children().for_each(|c| inline(c, look, out)),
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

/// Nine levels of bullets or of decimal numbers, indented step by step.
fn list_levels(id: usize, bullets: bool) -> AbstractNumbering {
    let mut n = AbstractNumbering::new(id);
    for depth in 0..9usize {
        let (format, text) = if bullets {
            (
                "bullet",
                ["\u{2022}", "\u{25e6}", "\u{25aa}"]
                    .get(depth % 3)
                    .copied()
                    .unwrap_or("-")
                    .to_string(),
            )
        } else {
            ("decimal", format!("%{}.", depth + 1))
        };
        let left = STEP * (i32::try_from(depth).unwrap_or(0) + 1);
        n = n.add_level(
            Level::new(
                depth,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(Some(left), Some(SpecialIndentType::Hanging(HANG)), None, None),
        );
    }
    n
}
