//! The application draft and the final report as Word documents, for
//! partners who co-edit in a word processor: the same content as
//! `application.md`, from the same render context, with real headings (the
//! built-in `Heading1` to `Heading4` styles, so the navigation pane and a
//! table of contents work) and real tables.
//!
//! The package is written here directly: [`Blocks`] writes the document's
//! markup, [`super::docx_parts`] holds the parts that do not vary, and one zip
//! holds them all.
//!
//! Deterministic: the document properties carry [`super::stamp`] as their
//! creation and modification time, and every zip entry is dated 1980-01-01
//! (the zip crate would take the clock if a build enabled its `time` feature).

use std::borrow::Cow;
use std::io::{Cursor, Write as _};

use anyhow::{Context as _, Result};

use super::docx_parts as parts;
use super::docx_text::Blocks;
use crate::analysis::Analysis;
use crate::view::{self, Context};

/// The .docx file's bytes.
pub fn document(a: &Analysis) -> Result<Vec<u8>> {
    let c = view::build(a);
    let mut b = Blocks::new();
    header(&mut b, &c);
    organisations(&mut b, &c);
    activities(&mut b, &c);
    work_packages(&mut b, &c);
    for s in c
        .sections
        .iter()
        .filter(|s| !s.fields.is_empty() || !s.groups.is_empty())
    {
        b.heading(2, &s.title);
        let nested = usize::from(s.has_subsections);
        for f in &s.fields {
            field(&mut b, f, 3, nested);
        }
        for g in &s.groups {
            b.heading(3, &g.name);
            for f in &g.fields {
                field(&mut b, f, 4, nested);
            }
        }
    }
    budget(&mut b, &c);
    targets(&mut b, &c);
    timeline(&mut b, &c);
    package(a, b)
}

/// The final report as a Word document: the Markdown of `render --report`
/// (the same template, the same report model), laid out with the same
/// headings, tables and page as the application's.
pub fn report_document(a: &mut Analysis) -> Result<Vec<u8>> {
    let formats = crate::render::Formats {
        md: true,
        html: false,
    };
    let files = crate::render::render_report(a, formats).map_err(|diags| {
        let what: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        anyhow::anyhow!("cannot draw the final report: {}", what.join("; "))
    })?;
    let md = files
        .iter()
        .find(|(name, _)| name == "final-report.md")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .context("the final report has no Markdown")?;
    let mut b = Blocks::new();
    b.markdown(&md, 1);
    package(a, b)
}

/// The package around the blocks: the document, its numbering, its fixed
/// date, and the parts that never vary, in one zip. The entries keep the
/// order and the names Word documents of coopcom have always had; the
/// document, compressed while it was written, is copied in as it is.
fn package(a: &Analysis, b: Blocks) -> Result<Vec<u8>> {
    const FAILED: &str = "cannot write the Word document";
    let mut written = b.finish().context(FAILED)?;
    let stamp = format!("{}T00:00:00Z", super::stamp(a));
    let core = [
        parts::CORE_HEAD,
        &stamp,
        parts::CORE_MIDDLE,
        &stamp,
        parts::CORE_TAIL,
    ]
    .concat();
    let numbering_rel = if written.listed { parts::NUMBERING_REL } else { "" };
    let document_rels = [parts::DOCUMENT_RELS_HEAD, numbering_rel, "</Relationships>"].concat();
    let before: [(&str, &str); 6] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES),
        ("_rels/.rels", parts::PACKAGE_RELS),
        ("docProps/app.xml", parts::APP),
        ("docProps/core.xml", &core),
        ("docProps/custom.xml", parts::CUSTOM),
        ("word/_rels/document.xml.rels", &document_rels),
    ];
    let after: [(&str, &str); 7] = [
        ("word/styles.xml", parts::STYLES),
        ("word/settings.xml", parts::SETTINGS),
        ("word/fontTable.xml", parts::FONT_TABLE),
        ("word/comments.xml", parts::COMMENTS),
        ("word/numbering.xml", &written.numbering),
        ("word/commentsExtended.xml", parts::COMMENTS_EXTENDED),
        ("word/footnotes.xml", parts::FOOTNOTES),
    ];
    let document = written.document.by_index_raw(0).context(FAILED)?;
    // The document and, well within 64 KiB, every other part and the
    // directory: the package is not copied as it grows.
    let size = usize::try_from(document.compressed_size()).unwrap_or(0);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size + (1 << 16))));
    let add = |zip: &mut zip::ZipWriter<_>, (name, text): (&str, &str)| {
        zip.start_file(name, parts::entry_options()).context(FAILED)?;
        zip.write_all(text.as_bytes()).context(FAILED)
    };
    for entry in before {
        add(&mut zip, entry)?;
    }
    zip.raw_copy_file(document).context(FAILED)?;
    for entry in after {
        add(&mut zip, entry)?;
    }
    Ok(zip.finish().context(FAILED)?.into_inner())
}

/// One answer: its sub-section (where it opens one), its question, its
/// count and limit, its text.
fn field(b: &mut Blocks, f: &crate::view::Field, level: usize, nested: usize) {
    if !f.subsection.is_empty() {
        b.heading(level, &f.subsection);
    }
    let level = level + nested;
    b.heading(level, &f.question);
    b.note(&f.measure);
    if !f.text.is_empty() {
        b.markdown(&f.text, level + 1);
    } else if f.state == "optional" {
        b.note("No text: coopcom does not ask for one.");
    } else {
        b.note("No text yet.");
    }
}

fn header(b: &mut Blocks, c: &Context) {
    let p = &c.project;
    b.heading(1, &p.title);
    let mut rows = Vec::new();
    let mut row = |k: &str, v: String| {
        if !v.trim().is_empty() {
            rows.push(vec![k.to_string(), v]);
        }
    };
    let name = if p.action_name.is_empty() {
        String::new()
    } else {
        format!(": {}", p.action_name)
    };
    row("Action", format!("{}{name}", p.action));
    let deadline = if p.deadline.is_empty() {
        String::new()
    } else {
        format!(" (deadline {})", p.deadline)
    };
    row(
        "Call and round",
        format!("{}, round {}{deadline}", p.call, p.round),
    );
    row("Acronym", p.acronym.clone());
    row("National Agency", p.national_agency.clone());
    let months = if p.months.is_empty() {
        String::new()
    } else {
        format!(" ({} months)", p.months)
    };
    row("Project dates", format!("{} to {}{months}", p.start, p.end));
    row("Reference", p.reference.clone());
    row("Topics", p.topics.join("; "));
    row("Language of the form", p.language.clone());
    if let Some(budget) = &c.budget
        && !budget.lump_sum.is_empty()
    {
        row("Lump sum", budget.lump_sum.clone());
    }
    b.table(&["Item", "Detail"], &rows, false);
}

fn organisations(b: &mut Blocks, c: &Context) {
    b.heading(2, "Participating organisations");
    let rows: Vec<Vec<String>> = c
        .partners
        .iter()
        .map(|p| {
            let legal = if p.legal_name.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.legal_name)
            };
            vec![
                format!("{}{legal}", p.name),
                p.role.clone(),
                format!("{} ({})", p.country_name, p.country),
                p.city.clone(),
                p.kind.clone(),
                if p.oid.is_empty() {
                    "missing".into()
                } else {
                    p.oid.clone()
                },
            ]
        })
        .collect();
    b.table(
        &["Organisation", "Role", "Country", "City", "Type", "OID"],
        &rows,
        false,
    );
}

fn activities(b: &mut Blocks, c: &Context) {
    if c.activities.is_empty() {
        return;
    }
    b.heading(2, "Activities");
    // The cells borrow what the view model holds: a draft may have a
    // thousand activities and five thousand flows.
    let rows: Vec<[Cow<str>; 8]> = c
        .activities
        .iter()
        .map(|a| {
            [
                a.title.as_str().into(),
                a.kind_name.as_str().into(),
                format!("{} ({})", a.venue, a.venue_country).into(),
                format!("{} to {}", a.start, a.end).into(),
                a.days.to_string().into(),
                a.participants.to_string().into(),
                a.fewer_opportunities.to_string().into(),
                a.budget.as_str().into(),
            ]
        })
        .collect();
    let head = [
        "Activity",
        "Type",
        "Venue",
        "Dates",
        "Days",
        "Participants",
        "Fewer opportunities",
        "Grant",
    ];
    b.table(&head, &rows, false);
    for a in &c.activities {
        b.heading(3, &a.title);
        b.text(&format!(
            "{} in {} ({}), {} to {}, hosted by {}.",
            a.kind_name, a.venue, a.venue_country, a.start, a.end, a.host_name
        ));
        if !a.description_md.is_empty() {
            b.markdown(&a.description_md, 4);
        }
        if a.flows.is_empty() {
            continue;
        }
        let rows: Vec<[Cow<str>; 10]> = a
            .flows
            .iter()
            .map(|f| {
                [
                    f.from_name.as_str().into(),
                    f.country.as_str().into(),
                    f.participants.to_string().into(),
                    f.fewer_opportunities.to_string().into(),
                    f.women.to_string().into(),
                    f.group_leaders.to_string().into(),
                    f.facilitators.to_string().into(),
                    if f.km.is_empty() {
                        "".into()
                    } else {
                        format!("{} km", f.km).into()
                    },
                    f.band.as_str().into(),
                    if f.green { "yes" } else { "no" }.into(),
                ]
            })
            .collect();
        let head = [
            "From",
            "Country",
            "Participants",
            "Fewer opp.",
            "Women",
            "Group leaders",
            "Facilitators",
            "Distance",
            "Band",
            "Green travel",
        ];
        b.table(&head, &rows, false);
    }
}

fn work_packages(b: &mut Blocks, c: &Context) {
    if c.work_packages.is_empty() {
        return;
    }
    b.heading(2, "Work packages");
    let rows: Vec<Vec<String>> = c
        .work_packages
        .iter()
        .map(|w| {
            let management = if w.management { " (project management)" } else { "" };
            vec![
                format!("{}{management}", w.title),
                w.lead_name.clone(),
                w.grant.clone(),
                w.share.clone(),
            ]
        })
        .collect();
    b.table(
        &["Work package", "Lead", "Grant", "Share of the lump sum"],
        &rows,
        false,
    );
    for w in &c.work_packages {
        b.heading(3, &w.title);
        if !w.description_md.is_empty() {
            b.markdown(&w.description_md, 4);
        }
        if w.activities.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = w
            .activities
            .iter()
            .map(|x| {
                vec![
                    x.title.clone(),
                    format!("{} to {}", x.start, x.end),
                    x.partners.join(", "),
                ]
            })
            .collect();
        b.table(&["Activity", "Dates", "Partners"], &rows, false);
    }
}

fn budget(b: &mut Blocks, c: &Context) {
    b.heading(2, "Budget");
    let Some(budget) = &c.budget else {
        b.text("The budget could not be computed.");
        return;
    };
    let total = vec!["Total grant".to_string(), budget.total.clone()];
    let mut rows: Vec<Vec<String>> = budget
        .by_activity
        .iter()
        .map(|x| vec![x.label.clone(), x.amount.clone()])
        .collect();
    rows.push(total.clone());
    b.table(&["Activity or work package", "Amount"], &rows, true);
    let mut rows: Vec<Vec<String>> = budget
        .by_category
        .iter()
        .map(|x| vec![x.label.clone(), x.amount.clone()])
        .collect();
    rows.push(total);
    b.table(&["Budget category", "Amount"], &rows, true);
    let justified: Vec<Vec<String>> = budget
        .justified
        .iter()
        .map(|l| {
            vec![
                l.activity.clone(),
                format!("{}: {}", l.category, l.basis),
                l.amount.clone(),
                l.reason.clone(),
            ]
        })
        .collect();
    if !justified.is_empty() {
        b.heading(3, "Real costs and their justification");
        b.table(&["Activity", "Cost", "Grant", "Justification"], &justified, false);
    }
    if !c.unconfirmed_figures.is_empty() {
        b.note(&format!(
            "Figures used that are not confirmed from the Programme Guide: {}.",
            c.unconfirmed_figures.join("; ")
        ));
    }
}

fn targets(b: &mut Blocks, c: &Context) {
    b.heading(2, "Impact targets");
    if c.targets.is_empty() {
        b.text("No targets yet: add them to impact.toml.");
        return;
    }
    let rows: Vec<Vec<String>> = c
        .targets
        .iter()
        .map(|t| {
            let unit = if t.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", t.unit)
            };
            let actual = if t.actual.is_empty() {
                String::new()
            } else {
                format!(" (actual {})", t.actual)
            };
            vec![
                format!("{}{unit}", t.indicator),
                t.baseline.clone(),
                format!("{}{actual}", t.target),
                t.by.clone(),
                t.verification.clone(),
            ]
        })
        .collect();
    b.table(
        &["Indicator", "Baseline", "Target", "By", "Verification"],
        &rows,
        false,
    );
}

fn timeline(b: &mut Blocks, c: &Context) {
    b.heading(2, "Timeline");
    // The draft's timeline drawing (timeline.svg), as a chart of months
    // the word processor lays out itself: the same bars and months.
    if let Some(chart) = crate::view::timeline::chart(c) {
        b.chart(&chart);
        b.note("Each activity is shaded in the months it runs in; its dates follow.");
    }
    let p = &c.project;
    let mut rows = vec![vec![
        p.start.clone(),
        String::new(),
        "Project start".into(),
        String::new(),
    ]];
    for t in &c.timeline {
        rows.push(vec![
            t.start.clone(),
            t.end.clone(),
            t.what.clone(),
            t.place.clone(),
        ]);
    }
    rows.push(vec![
        p.end.clone(),
        String::new(),
        "Project end".into(),
        String::new(),
    ]);
    b.table(&["From", "To", "What", "Where"], &rows, false);
}
