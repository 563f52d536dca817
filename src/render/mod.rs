//! `coopcom render`: the application draft in Markdown and HTML, the plain
//! text to paste into each field of the web form, and the budget, all from
//! the one loaded workspace and its one computed budget.

pub mod filters;
pub mod html;
pub mod templates;

use std::fmt::Write as _;

use crate::analysis::Analysis;
use crate::diagnostics::Diagnostic;
use crate::view;
use templates::Templates;

/// What `render` may produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub md: bool,
    pub html: bool,
}

/// The files of a render, by path relative to the output folder, in order.
pub type Files = Vec<(String, Vec<u8>)>;

/// Stack of the thread that renders. Tera renders includes and components
/// by recursion: templates may chain [`templates::MAX_TEMPLATE_DEPTH`]
/// includes, and components nest 20 deep, each with such a chain. The
/// default 8 MB main stack overflows before that in a debug build (20
/// components of 15 includes need 16 to 32 MB); this leaves a wide margin,
/// and only the pages used are ever committed.
const RENDER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Renders everything in memory. Template problems come back as diagnostics
/// (and no files); nothing is written here.
pub fn render(a: &mut Analysis, formats: Formats) -> Result<Files, Vec<Diagnostic>> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("render".into())
            .stack_size(RENDER_STACK_BYTES)
            .spawn_scoped(scope, || render_here(a, formats));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => Err(vec![Diagnostic::error(
                crate::diagnostics::codes::TEMPLATE_ERROR,
                format!("cannot start rendering: {e}"),
            )]),
        }
    })
}

fn render_here(a: &mut Analysis, formats: Formats) -> Result<Files, Vec<Diagnostic>> {
    let Some(rules) = a.rules.as_ref() else {
        return Err(Vec::new());
    };
    let family = rules.action.action.family;
    let mut diags = Vec::new();
    let root = a.ws.root.clone();
    let Some(t) = Templates::load(family, &root, &mut a.ws.sources, &mut diags) else {
        return Err(diags);
    };
    let data = view::build(a);
    let ctx = match tera::Context::from_serialize(&data) {
        Ok(c) => c,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                crate::diagnostics::codes::TEMPLATE_ERROR,
                format!("cannot prepare the template data: {e}"),
            )]);
        }
    };
    let sources = &mut a.ws.sources;
    let render = |name: &str, ctx: &tera::Context, sources: &mut crate::workspace::source::SourceMap| {
        t.render(name, ctx, sources)
    };
    let mut files: Files = Vec::new();
    let md = render("application.md.tera", &ctx, sources)?;
    if formats.md {
        files.push(("application.md".into(), md.clone().into_bytes()));
    }
    if formats.html {
        let mut page = ctx.clone();
        page.insert("body", &html::to_html(&md));
        let html = render("application.html.tera", &page, sources)?;
        files.push(("application.html".into(), html.into_bytes()));
    }
    let budget_md = render("budget.md.tera", &ctx, sources)?;
    files.push(("budget.md".into(), budget_md.into_bytes()));
    if let Some(svg) = view::timeline::svg(&data) {
        files.push((view::timeline::FILE.into(), svg.into_bytes()));
    }
    if let Some(b) = a.budget.as_ref() {
        files.push(("budget.csv".into(), crate::budget::csv::csv(b).into_bytes()));
    }
    files.extend(paste(&data));
    Ok(files)
}

/// `paste/<...>.txt` for every answer with text (`paste/summary/objectives.txt`,
/// `paste/summary/objectives.en.txt`, `paste/organisations/<id>/<field>.txt`,
/// `paste/activities/<id>/<field>.txt`, `paste/activities/<id>/flows/<n>/<field>.txt`),
/// and `paste/index.txt`, which lists them in the form's order.
fn paste(data: &view::Context) -> Files {
    let mut files = Vec::new();
    let mut index = String::from("Text to paste into each field of the web form, in the form's order\n");
    let _ = writeln!(index, "{}\n", data.project.title);
    let rows: Vec<(&view::Section, &view::Field)> = data
        .sections
        .iter()
        .flat_map(|s| s.all_fields().map(move |f| (s, f)))
        .collect();
    let width = rows
        .iter()
        .map(|(_, f)| f.paste.trim_start_matches("paste/").chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        index,
        "{:<width$} {:>11}  {:<8}  question",
        "file", "characters", "state"
    );
    let mut section = "";
    for (s, f) in rows {
        if s.key != section {
            section = &s.key;
            let _ = writeln!(index, "\n{}", s.title);
        }
        let count = if f.limit.is_empty() {
            f.chars.to_string()
        } else {
            let mark = match (f.limit_assumed, f.limit_status.as_str()) {
                (true, _) => "*",
                (false, "confirmed") => "",
                _ => "~",
            };
            format!("{}/{}{mark}", f.chars, f.limit)
        };
        let _ = writeln!(
            index,
            "{:<width$} {:>11}  {:<8}  {}",
            f.paste.trim_start_matches("paste/"),
            count,
            f.state,
            f.question
        );
        if !f.plain.is_empty() {
            files.push((f.paste.clone(), format!("{}\n", f.plain).into_bytes()));
        }
    }
    let _ = writeln!(
        index,
        "\nCharacters are counted as the web form counts them: the plain text pasted, a line break as one."
    );
    let all = || data.sections.iter().flat_map(|s| s.all_fields());
    if all().any(|f| !f.limit.is_empty() && !f.limit_assumed && f.limit_status != "confirmed") {
        let _ = writeln!(
            index,
            "~ a limit from a secondary source, not read in the form (`coopcom status` says which)."
        );
    }
    if all().any(|f| f.limit_assumed) {
        let _ = writeln!(
            index,
            "* a limit assumed by coopcom: no public source gives the real one."
        );
    }
    files.push(("paste/index.txt".into(), index.into_bytes()));
    files
}
