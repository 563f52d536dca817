//! The HTML coopcom makes of a rendered document (`render::html::to_html`,
//! which writes plain tables, headings and paragraphs itself) is byte for
//! byte comrak's (`render::html::comrak_html`): on every draft and final
//! report the fixtures and the example render to, on hand-written hard
//! cases, and on thousands of documents assembled at random from both.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use coopcom::render::html::{comrak_html, to_html};
use proptest::prelude::*;

use crate::support::{TempDir, coopcom, fixture, repo};

#[track_caller]
fn same(markdown: &str) {
    let ours = to_html(markdown);
    let reference = comrak_html(markdown);
    if ours != reference {
        panic!("HTML differs for {markdown:?}\n--- ours:\n{ours}\n--- comrak:\n{reference}");
    }
}

/// Every Markdown file `render` and `render --report` write for the
/// example and for every fixture workspace.
fn rendered_documents() -> &'static Vec<String> {
    static DOCS: OnceLock<Vec<String>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut workspaces = vec![repo().join("examples").join("coopcom-refugees")];
        let mut fixtures: Vec<_> = fs::read_dir(fixture(""))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("coopcom.toml").is_file())
            .collect();
        fixtures.sort();
        workspaces.extend(fixtures);
        let tmp = TempDir::new("html-render-docs");
        let mut docs = Vec::new();
        for (i, ws) in workspaces.iter().enumerate() {
            for (j, extra) in [&[][..], &["--report"][..]].iter().enumerate() {
                let out = tmp.path().join(format!("{i}-{j}"));
                let mut args = vec![
                    "render".as_ref(),
                    ws.as_os_str(),
                    "--out".as_ref(),
                    out.as_os_str(),
                ];
                args.extend(extra.iter().map(|e| std::ffi::OsStr::new(*e)));
                // A fixture with errors renders nothing: its Markdown is not
                // made, and there is nothing to compare.
                let _ = coopcom(args);
                collect_md(&out, &mut docs);
            }
        }
        docs
    })
}

fn collect_md(dir: &Path, docs: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_md(&p, docs);
        } else if p.extension().is_some_and(|e| e == "md") {
            docs.push(fs::read_to_string(&p).unwrap());
        }
    }
}

#[test]
fn every_rendered_document_gives_comrak_html() {
    let docs = rendered_documents();
    // The example and the fifteen fixtures, the draft at least for each.
    assert!(docs.len() >= 16, "{} documents", docs.len());
    assert!(
        docs.iter()
            .any(|d| d.contains("\n| --- |") && d.contains("\n## ")),
        "the drafts have tables and headings"
    );
    for doc in docs {
        same(doc);
    }
}

/// Blocks that are hard to cut around or to write by hand, each ending
/// with a line end.
const PIECES: &[&str] = &[
    // Tables the fast path writes, and their near misses.
    "| a | b |\n| --- | ---: |\n| 1 | 2 |\n",
    "| Left | Centre | Right | None |\n| :--- | :-: | --: | - |\n| l | c | r | n |\n| only |\n| 1 | 2 | 3 | 4 | 5 | 6 |\n",
    "| Header only |\n| --- |\n",
    "|a|b|\n|-|-|\n||x|\n|  |  |\n",
    "| **Total grant** | **EUR 1 234.00** |\n| --- | ---: |\n| *em* | * not em* |\n",
    "| a | b |\n| --- |\n| 1 | 2 |\n",
    "| a |\n| --- | --- |\n",
    "a | b\n--- | ---\n1 | 2\n",
    "| a | b\n| --- | ---\n| 1 | 2\n",
    "| a | b |  \n| --- | --- |\n| 1 | 2 |\t\n",
    "| esc \\| pipe | b |\n| --- | --- |\n| x \\| y | \\\\|\n",
    // Body rows cut in one pass: plain cells, then cells with a byte to
    // escape or that may be markup, in the first, a middle or the last
    // column, and cells beyond the header's that hold markup.
    "| a | b | c |\n| --- | :-: | ---: |\n| say \"hi\" | x > y | www.example.org |\n| a:b | http://x.org | w |\n| *e* | `c` | <b> |\n| 1 | 2 | 3 | **x** | \\| |\n|   |\n",
    "| a | b | c \\| d |\n| - | - |\n| a | b | c \\| d \\\\|\n",
    "| a\\ | b |\n| - | - |\n",
    "| `code | pipe` | b |\n| --- | --- |\n| `x|y` | z |\n",
    "| & < > \" ' | b |\n| --- | --- |\n| &amp; | &#35; |\n",
    "| www.example.org | http://x.eu | a@b.eu | mailto:x@y.z |\n| --- | --- | --- | --- |\n| x: y | a:b | w ww | www |\n",
    "| Ünïcödé | Kraków |\n| --- | --- |\n| Türkiye | 雪 |\n",
    "| a\tb | c |\n| --- | --- |\n",
    "| <b>raw</b> | <!-- c --> |\n| --- | --- |\n",
    "| ~~s~~ | ~x~ | _u_ | [l](u) | ![i](s) |\n| --- | --- | --- | --- | --- |\n",
    "| --- | --- |\n| --- | --- |\n| --- | --- |\n",
    "| a |\n|:-:|\n| b |\nlazy line\n",
    "| a |\n| - |\n# heading after a table\n",
    "| a |\n| - |\n> quote after a table\n",
    "  | indented | table |\n  | --- | --- |\n",
    "    | code | not table |\n    | --- | --- |\n",
    "|\n|-|\n",
    "| a |\n| -- - |\n",
    "| a |\n| : |\n",
    "| a |\n| :: |\n",
    "| x |\n| --- |\n| \\* |\n",
    // Headings.
    "# Title\n",
    "### Exchange 998: rivers and cities\n",
    "#### What are the activities of your organisation's / group's youth work?\n",
    "## Closed ##\n",
    "## Hash at the end #\n",
    "## C# and F#\n",
    "##NoSpace\n",
    "####### seven\n",
    "#\n",
    "# \n",
    "#  two spaces\n",
    "# trailing space \n",
    "# *em title*\n",
    "# **strong title**\n",
    "# a <b> c\n",
    "Setext\n======\n",
    "Setext two\n---\n",
    "# Heading\nwith a paragraph line\n",
    // Paragraphs.
    "Plain text, with \"quotes\" and 'apostrophes' > 3.\n",
    "Two\nlines\n",
    "Hard  \nbreak\n",
    "Soft \nbreak\n",
    "Backslash\\\nbreak\n",
    "1. ordered\n",
    "1) ordered\n",
    "2026-01-10 is a date\n",
    "2026. A year\n",
    "Line\n1. interrupts\n",
    "Line\n2. does not interrupt\n",
    "Line\n- interrupts\n",
    "*0 characters; 5 000 characters at most (limit from a secondary source)*\n",
    "*No text yet.*\n",
    "**Strong.**\n",
    "*) odd*\n",
    "* list item\n",
    "*em* and more\n",
    "- one point\n- another point\n",
    "+ plus\n",
    "> quote\n",
    "> | a |\n> | - |\n> | 1 |\n",
    "- item\n| a |\n| - |\n",
    "- item\n\n  | a |\n  | - |\n",
    "Paragraph\n| a |\n| - |\n| 1 |\n",
    "    indented code\n",
    "\tTab start\n",
    "Tab\tinside\n",
    "---\n",
    "***\n",
    "___\n",
    "===\n",
    "www.example.org\n",
    "see http://example.org and https://x.eu/y\n",
    "mail a@b.eu\n",
    "x: y and a:b\n",
    "wwwx and www\n",
    "Üñïcödé text\n",
    "\u{a0}no-break space\n",
    "Ends with no-break space\u{a0}\n",
    "~~strike~~ and a ~ b\n",
    "`code` and ``more``\n",
    "a & b &amp; &#35;\n",
    "-1 = x\n",
    "text with [ref] link\n",
    "[not a definition] : x\n",
    "A | pipe in a paragraph\n",
    "A line\n| --- |\n",
    // Blocks that span blank lines.
    "```\n| a |\n|---|\n\n# not a heading\n```\n",
    "```\nunclosed fence\n\n",
    "~~~ info\ncode\n~~~\n",
    "````\n```\n\n````\n",
    "- ```\n  in a list\n\n",
    "  ```\n  indented fence\n\n",
    "> ```\n> fence in a quote\n\n",
    "- <!-- comment in a list\n\n",
    "1. ~~~\n   fence in an ordered list\n\n",
    "<custom-tag>\n\n",
    "<textarea>\n\n",
    "<!-- comment\n\n# not a heading\n-->\n",
    "<!-- unclosed comment\n\n",
    "<!-->\n",
    "<script>\n\n| a |\n|---|\n</script>\n",
    "<SCRIPT>\n\n</Script>\n",
    "<pre>\n\nunclosed pre\n\n",
    "<?php\n\n?>\n",
    "<?unclosed\n\n",
    "<!DOCTYPE html>\n",
    "<!DOCTYPE\n\nunclosed\n\n",
    "<![CDATA[\n\n]]>\n",
    "<![CDATA[ unclosed\n\n",
    "<div>\nhtml block\n</div>\n",
    "<b>inline html</b> para\n",
    "- loose\n\n- list\n",
    "- item\n\n      indented in item\n",
    "> quote\nlazy\n",
    "\n",
    "  \n",
    "\t\n",
];

/// Pieces that change the whole document: link reference definitions,
/// characters comrak rewrites before parsing.
const WHOLE: &[&str] = &[
    "[ref]: https://example.org\n",
    "[ref]\n",
    "Text\r\nwith CRLF\r\n",
    "\u{feff}# Byte order mark\n",
    "NUL \0 byte\n",
    "Byte order mark \u{feff} inside\n",
    "\u{feff}- list\n",
];

#[test]
fn hand_written_cases_give_comrak_html() {
    for piece in PIECES.iter().chain(WHOLE) {
        same(piece);
        same(piece.trim_end_matches('\n'));
        for other in PIECES.iter().chain(WHOLE) {
            for sep in ["", "\n", "\n\n"] {
                same(&format!("{piece}{sep}{other}"));
            }
        }
    }
}

#[test]
fn the_fast_path_writes_what_comrak_writes_by_hand() {
    // Written out by hand from comrak's table rendering: the header in
    // <thead>, the rows in <tbody>, a missing cell empty with its
    // alignment, an extra cell dropped.
    let md = "# Budget\n\n| Activity | Grant |\n| --- | ---: |\n| **Total** | EUR 1 |\n| Only |\n| a | b | c |\n\n*No text yet.*\n";
    let html = "<h1>Budget</h1>\n<table>\n<thead>\n<tr>\n<th>Activity</th>\n<th align=\"right\">Grant</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>Total</strong></td>\n<td align=\"right\">EUR 1</td>\n</tr>\n<tr>\n<td>Only</td>\n<td align=\"right\"></td>\n</tr>\n<tr>\n<td>a</td>\n<td align=\"right\">b</td>\n</tr>\n</tbody>\n</table>\n<p><em>No text yet.</em></p>\n";
    assert_eq!(to_html(md), html);
    assert_eq!(comrak_html(md), html);
}

/// A line made of fragments that are plain or that start markup.
fn line() -> impl Strategy<Value = String> {
    const FRAGMENTS: &[&str] = &[
        "a", "Youth", " ", " ", "  ", "|", "|", "| ", " |", "\\|", "\\", "*", "**", "_", "`", "&", "<", ">",
        "\"", "'", ":", "//", "www.", "w", "@", "-", "---", ":-", "-:", "#", "# ", "1.", "2)", "~", "!", "[",
        "]", "(", ")", "ü", "雪", "\t", "\u{a0}", "0", "km", "EUR 1.00", "<!--", "-->", "```", "~~~", "> ",
        "    ",
    ];
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..10).prop_map(|f| f.concat())
}

fn block() -> impl Strategy<Value = String> {
    let fixture_chunk = (0..usize::MAX).prop_map(|n| {
        let docs = rendered_documents();
        let doc = &docs[n % docs.len()];
        let chunks: Vec<&str> = doc.split("\n\n").collect();
        format!("{}\n", chunks[(n / docs.len()) % chunks.len()])
    });
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        3 => fixture_chunk,
        2 => prop::collection::vec(line(), 1..5).prop_map(|l| l.join("\n") + "\n"),
        2 => (line(), line(), prop::collection::vec(line(), 0..4)).prop_map(|(h, d, rows)| {
            let mut t = format!("|{h}|\n|{d}|\n");
            for r in rows {
                t.push_str(&format!("|{r}|\n"));
            }
            t
        }),
        1 => prop::sample::select(WHOLE).prop_map(str::to_string),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (block(), prop::sample::select(&["", "\n", "\n\n", "\n  \n"][..])),
        1..12,
    )
    .prop_map(|parts| parts.into_iter().map(|(b, sep)| b + sep).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn assembled_documents_give_comrak_html(doc in document()) {
        prop_assert_eq!(to_html(&doc), comrak_html(&doc), "{:?}", doc);
    }
}
