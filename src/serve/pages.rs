//! The pages of `coopcom serve`, made in memory from one analysis: the
//! dashboard (what `status` shows, and every finding with its place and
//! help), the draft (as `render` writes it), the budget and the timeline.
//! Every text from the workspace is escaped.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::{Analysis, analyse_on};
use crate::diagnostics::{Diagnostic, Severity, Summary};
use crate::render::{self, Formats};
use crate::text::plural;
use crate::view::status::{self, Report};
use crate::view::timeline::{self, escape};
use crate::view::{self, Context};

/// Every page at one version of the workspace.
#[derive(Debug, Clone)]
pub struct Pages {
    pub version: u64,
    pub dashboard: String,
    pub draft: String,
    pub budget: String,
    pub timeline: String,
    pub svg: Option<String>,
    /// One line for the terminal: the counts of the findings and fields.
    pub summary: String,
}

/// Analyses the workspace and makes the pages. Never fails: a workspace
/// that cannot be read, or a fault in coopcom itself, is shown on every
/// page instead.
pub fn compute(root: &Path, rules: Option<&Path>, version: u64) -> Pages {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(root, rules, version)));
    match run {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => failed(version, "The workspace could not be read", &format!("{e:#}")),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            failed(
                version,
                "coopcom failed on this workspace",
                &format!(
                    "This is a bug in coopcom; the server keeps running and tries again at the next save. {what}"
                ),
            )
        }
    }
}

fn failed(version: u64, title: &str, detail: &str) -> Pages {
    let body = format!(
        "<h1>{}</h1>\n<div class=\"diag error\"><p>{}</p></div>\n",
        escape(title),
        escape(detail)
    );
    let page = |name: &str, nav: Nav| layout(name, nav, version, &body);
    Pages {
        version,
        dashboard: page("Dashboard", Nav::Dashboard),
        draft: page("Draft", Nav::Draft),
        budget: page("Budget", Nav::Budget),
        timeline: page("Timeline", Nav::Timeline),
        svg: None,
        summary: format!("{title}: {detail}"),
    }
}

fn build(root: &Path, rules: Option<&Path>, version: u64) -> anyhow::Result<Pages> {
    let today = crate::rules::calendar::today(None)?;
    let mut a = analyse_on(Some(root), rules, Some(today))?;
    let ctx = view::build(&a);
    let report = status::report(&a, &ctx, today);
    let svg = timeline::svg(&ctx);
    let summary = Summary::of(&a.diagnostics);
    let line = format!(
        "{}, {}, {}; {} of {} filled",
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
        plural(summary.notes, "note", "notes"),
        report.fields.filled,
        plural(report.fields.total - report.fields.optional, "field", "fields"),
    );
    let dashboard = layout("Dashboard", Nav::Dashboard, version, &dashboard(&a, &report));
    let budget = layout("Budget", Nav::Budget, version, &budget(&a, &ctx));
    let timeline = layout(
        "Timeline",
        Nav::Timeline,
        version,
        &timeline_page(&ctx, svg.as_deref()),
    );
    let draft = draft(&mut a, version);
    Ok(Pages {
        version,
        dashboard,
        draft,
        budget,
        timeline,
        svg,
        summary: line,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Nav {
    Dashboard,
    Draft,
    Budget,
    Timeline,
}

const NAV: [(Nav, &str, &str); 4] = [
    (Nav::Dashboard, "/", "Dashboard"),
    (Nav::Draft, "/draft", "Draft"),
    (Nav::Budget, "/budget", "Budget"),
    (Nav::Timeline, "/timeline", "Timeline"),
];

fn nav(active: Nav, version: u64) -> String {
    let mut s = String::from("<nav class=\"cc-nav\"><strong>coopcom serve</strong>");
    for (n, href, label) in NAV {
        let _ = write!(
            s,
            "<a href=\"{href}\"{}>{label}</a>",
            if n == active { " aria-current=\"page\"" } else { "" }
        );
    }
    let _ = write!(
        s,
        "<span class=\"cc-live\" data-version=\"{version}\">updates when a file is saved</span></nav>"
    );
    s
}

/// Listens to `/events` and, on each change, fetches the page again and
/// replaces its body: no reload, the scroll position kept.
const LIVE: &str = r#"<script>
(function () {
  if (!window.EventSource || !window.fetch) return;
  var events = new EventSource('/events');
  events.addEventListener('change', function () {
    fetch(location.pathname, { cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, 'text/html');
        document.title = page.title;
        document.body.innerHTML = page.body.innerHTML;
      });
  });
})();
</script>"#;

const NAV_CSS: &str = ".cc-nav { position: sticky; top: 0; z-index: 1; display: flex; gap: 1.2rem; align-items: baseline; padding: .6rem 1.5rem; background: #1f4e8c; color: #fff; font: 15px/1.4 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif; }
.cc-nav a { color: #fff; text-decoration: none; opacity: .85; }
.cc-nav a[aria-current] { opacity: 1; border-bottom: 2px solid #fff; }
.cc-live { margin-left: auto; font-size: .8rem; opacity: .8; }";

const CSS: &str = ":root { color-scheme: light; --ink: #1d2733; --muted: #5a6573; --line: #d5dbe3; --accent: #1f4e8c; --warn: #9a3412; --ok: #166534; --bad: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 64rem; margin: 1.5rem auto; padding: 2rem 2.5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); color: var(--accent); }
.sub { color: var(--muted); margin: 0 0 1rem; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.card { flex: 1 1 12rem; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; }
.card b { display: block; font-size: 1.5rem; color: var(--accent); }
.card.late b { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mark { text-align: center; font-weight: bold; width: 2rem; }
tr.filled td.mark { color: var(--ok); }
tr.empty td.mark, tr.missing td.mark, tr.over td.mark { color: var(--bad); }
tr.over td.num { color: var(--bad); font-weight: bold; }
tr.optional td { color: var(--muted); }
code { font-size: .88em; }
.diag { margin: .5rem 0; padding: .5rem .8rem; border-left: 4px solid var(--line); background: #f8fafc; }
.diag.error { border-color: var(--bad); background: #fef2f2; }
.diag.warning { border-color: var(--warn); background: #fff7ed; }
.diag p { margin: .2rem 0; }
.diag .at { color: var(--muted); font-size: .88rem; }
.diag .help { font-size: .92rem; }
.total td { font-weight: bold; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }";

fn layout(title: &str, active: Nav, version: u64, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: coopcom serve</title>\n<style>\n{CSS}\n{NAV_CSS}\n</style>\n{LIVE}\n</head>\n<body>\n{}\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(title),
        nav(active, version)
    )
}

/// `file:line:column` of a finding, if it has a place.
fn place(d: &Diagnostic, a: &Analysis) -> Option<String> {
    let l = d.primary.as_ref()?;
    let (line, col) = a.ws.sources.line_col(l);
    Some(format!("{}:{line}:{col}", a.ws.sources.name(l.file)))
}

fn diagnostic(s: &mut String, d: &Diagnostic, a: &Analysis) {
    let sev = d.severity.as_str();
    let _ = write!(
        s,
        "<div class=\"diag {sev}\" data-code=\"{}\"><p><strong>{sev}[{}]</strong> {}</p>",
        escape(d.code.id),
        escape(d.code.id),
        escape(&d.message)
    );
    if let Some(at) = place(d, a) {
        let _ = write!(s, "<p class=\"at\"><code>{}</code>", escape(&at));
        if let Some(label) = &d.label {
            let _ = write!(s, ": {}", escape(label));
        }
        s.push_str("</p>");
    }
    if let Some(help) = &d.help {
        let _ = write!(s, "<p class=\"help\">help: {}</p>", escape(help));
    }
    for n in &d.notes {
        let _ = write!(s, "<p class=\"at\">note: {}</p>", escape(n));
    }
    s.push_str("</div>\n");
}

fn dashboard(a: &Analysis, r: &Report) -> String {
    let mut s = String::new();
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "<h1>{}</h1>\n<p class=\"sub\">{}, call {}, round {}</p>",
        escape(if r.title.is_empty() {
            "(no title)"
        } else {
            &r.title
        }),
        escape(&r.action),
        number(r.call),
        number(r.round)
    );
    let (days, late, deadline) = match r.deadline_words() {
        Some((deadline, left, late)) => (left, late, format!("deadline {deadline} (today is {})", r.today)),
        _ => (
            "unknown".to_string(),
            false,
            "no rule pack gives this round's deadline".to_string(),
        ),
    };
    let f = &r.fields;
    let _ = writeln!(
        s,
        "<div class=\"cards\">\n<div class=\"card{}\" id=\"deadline\"><b>{}</b>{}</div>\n<div class=\"card\" id=\"fields\"><b>{} / {}</b>fields filled; {} empty, {} missing, {} over the limit</div>\n<div class=\"card{}\" id=\"findings\"><b>{}</b>{}, {}</div>\n</div>",
        if late { " late" } else { "" },
        escape(&days),
        escape(&deadline),
        f.filled,
        f.total - f.optional,
        f.empty,
        f.missing,
        f.over,
        if r.errors > 0 { " late" } else { "" },
        plural(r.errors, "error", "errors"),
        plural(r.warnings, "warning", "warnings"),
        plural(r.notes, "note", "notes"),
    );
    if let Some(v) = a.verdict() {
        let _ = writeln!(s, "<div class=\"diag error\"><p>{}</p></div>", escape(v));
    }
    if !a.diagnostics.is_empty() {
        let _ = writeln!(s, "<h2 id=\"findings-list\">Findings</h2>");
        for d in a.diagnostics.iter().filter(|d| d.severity != Severity::Note) {
            diagnostic(&mut s, d, a);
        }
        let notes: Vec<&Diagnostic> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(
                s,
                "<details><summary>{}</summary>",
                plural(notes.len(), "note", "notes")
            );
            for d in notes {
                diagnostic(&mut s, d, a);
            }
            s.push_str("</details>\n");
        }
    }
    for sec in &r.sections {
        if sec.fields.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "<h2>{}</h2>\n<table class=\"fields\">\n<thead><tr><th></th><th>Field</th><th>Question</th><th>State</th><th class=\"num\">Characters</th><th>File</th></tr></thead>\n<tbody>",
            escape(&sec.title)
        );
        for fld in &sec.fields {
            let label = if fld.entity.is_empty() {
                fld.key.clone()
            } else {
                format!("{}/{}", fld.entity, fld.key)
            };
            let mark = match fld.state {
                "filled" => "✓",
                "optional" => "·",
                _ => "✗",
            };
            let limit = match fld.limit {
                Some(l) => {
                    let standing = if fld.limit_assumed {
                        "assumed".to_string()
                    } else {
                        fld.limit_status.clone().unwrap_or_default()
                    };
                    format!(" / {l} <small>{}</small>", escape(&standing))
                }
                None => String::new(),
            };
            let _ = writeln!(
                s,
                "<tr class=\"{}\" data-field=\"{}\"><td class=\"mark\" title=\"{}\">{mark}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"num\"><span class=\"chars\">{}</span>{limit}</td><td><code>{}</code></td></tr>",
                fld.state,
                escape(&label),
                fld.state,
                escape(&label),
                escape(&fld.question),
                fld.state,
                fld.chars,
                escape(&fld.file)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    if !r.organisations.is_empty() {
        s.push_str("<h2>Organisations</h2>\n<table>\n<thead><tr><th></th><th>Id</th><th>Name</th><th>Role</th><th>Organisation ID</th></tr></thead>\n<tbody>\n");
        for o in &r.organisations {
            let _ = writeln!(
                s,
                "<tr class=\"{}\"><td class=\"mark\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if o.oid.is_some() { "filled" } else { "missing" },
                if o.oid.is_some() { "✓" } else { "✗" },
                escape(&o.id),
                escape(&o.name),
                escape(&o.role),
                escape(o.oid.as_deref().unwrap_or("none yet"))
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s
}

fn budget(a: &Analysis, ctx: &Context) -> String {
    let mut s = String::from("<h1>Budget</h1>\n");
    let Some(b) = ctx.budget.as_ref() else {
        let _ = writeln!(
            s,
            "<div class=\"diag error\"><p>No budget: {}. The dashboard lists what to fix.</p></div>",
            escape(
                a.verdict()
                    .unwrap_or("the action's rules are not known for this call")
            )
        );
        return s;
    };
    if a.errors() > 0 {
        let _ = writeln!(
            s,
            "<div class=\"diag error\"><p>The workspace has {}: these figures are not to be trusted until they are fixed (see the dashboard).</p></div>",
            plural(a.errors(), "error", "errors")
        );
    }
    let _ = writeln!(
        s,
        "<p class=\"sub\">Total grant requested: <strong id=\"total\">{}</strong></p>",
        escape(&b.total)
    );
    let table = |s: &mut String, title: &str, id: &str, rows: &[view::Amount]| {
        let _ = writeln!(
            s,
            "<h2>{title}</h2>\n<table id=\"{id}\">\n<thead><tr><th>{}</th><th class=\"num\">Amount</th></tr></thead>\n<tbody>",
            if id == "by-activity" {
                "Activity"
            } else {
                "Category"
            }
        );
        for r in rows {
            let _ = writeln!(
                s,
                "<tr data-key=\"{}\"><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.key),
                escape(&r.label),
                escape(&r.amount)
            );
        }
        let _ = writeln!(
            s,
            "<tr class=\"total\"><td>Total</td><td class=\"num\">{}</td></tr>\n</tbody>\n</table>",
            escape(&b.total)
        );
    };
    table(&mut s, "By activity", "by-activity", &b.by_activity);
    table(&mut s, "By category", "by-category", &b.by_category);
    s.push_str("<h2>Every line</h2>\n<table id=\"lines\">\n<thead><tr><th>Activity</th><th>Flow</th><th>From</th><th>Category</th><th>Basis</th><th class=\"num\">Amount</th></tr></thead>\n<tbody>\n");
    for l in &b.lines {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(&l.activity),
            escape(&l.flow),
            escape(&l.from),
            escape(l.category),
            escape(&l.basis),
            escape(&l.amount)
        );
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

fn timeline_page(ctx: &Context, svg: Option<&str>) -> String {
    let mut s = String::from("<h1>Timeline</h1>\n");
    let _ = writeln!(
        s,
        "<p class=\"sub\">{} to {}{}</p>",
        escape(if ctx.project.start.is_empty() {
            "?"
        } else {
            &ctx.project.start
        }),
        escape(if ctx.project.end.is_empty() {
            "?"
        } else {
            &ctx.project.end
        }),
        if ctx.project.months.is_empty() {
            String::new()
        } else {
            format!(", {} months", escape(&ctx.project.months))
        }
    );
    match svg {
        Some(svg) => {
            let _ = writeln!(s, "<figure id=\"timeline\">\n{svg}</figure>");
        }
        None => s.push_str("<div class=\"diag warning\"><p>No timeline yet: the project and its activities have no dates.</p></div>\n"),
    }
    if !ctx.timeline.is_empty() {
        s.push_str("<table>\n<thead><tr><th>Start</th><th>End</th><th>Activity</th><th>Place</th></tr></thead>\n<tbody>\n");
        for t in &ctx.timeline {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&t.start),
                escape(&t.end),
                escape(&t.what),
                escape(&t.place)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s
}

/// The draft as `render` writes it (errors or not, as with
/// `--allow-errors`), with the navigation and the live script added.
fn draft(a: &mut Analysis, version: u64) -> String {
    let formats = Formats {
        md: false,
        html: true,
    };
    match render::render(a, formats) {
        Ok(files) => {
            let html = files
                .into_iter()
                .find(|(name, _)| name == "application.html")
                .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default();
            let head = format!("<style>\n{NAV_CSS}\n</style>\n{LIVE}\n</head>");
            let html = html.replacen("</head>", &head, 1);
            html.replacen("<body>", &format!("<body>\n{}", nav(Nav::Draft, version)), 1)
        }
        Err(diags) => {
            let mut s = String::from("<h1>No draft</h1>\n");
            if diags.is_empty() {
                s.push_str("<div class=\"diag error\"><p>Nothing to render: the workspace's action and call are not known. The dashboard says why.</p></div>\n");
            } else {
                s.push_str("<p class=\"sub\">A template failed:</p>\n");
                for d in &diags {
                    diagnostic(&mut s, d, a);
                }
            }
            layout("Draft", Nav::Draft, version, &s)
        }
    }
}
