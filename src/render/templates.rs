//! The template environment: built-in templates compiled into the binary,
//! one set per action family plus a common set, with the workspace's
//! `templates/` layered on top file by file. Templates see only the data
//! coopcom gives them: Tera is built without file-system access, and only
//! the templates registered here can be included.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, codes};
use crate::pack::Family;
use crate::workspace::source::{FileId, Loc, SourceFile, SourceMap};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The folder of a family's templates under proposal-templates/.
pub fn family_dir(f: Family) -> &'static str {
    match f {
        Family::YouthMobility => "youth-mobility",
        Family::YouthParticipation => "youth-participation",
        Family::SmallScale => "small-scale",
        Family::Cooperation => "cooperation",
    }
}

/// The built-in templates of a family, by the name a workspace overrides
/// them with (`application.md.tera`, `partials/budget.md.tera`, ...).
pub fn built_in(family: Family) -> BTreeMap<String, (String, &'static str)> {
    let mut out = BTreeMap::new();
    for dir in ["common", family_dir(family)] {
        for (path, text) in BUILT_IN_TEMPLATES {
            if let Some(name) = path.strip_prefix(dir).and_then(|p| p.strip_prefix('/')) {
                out.insert(name.to_string(), (format!("proposal-templates/{path}"), *text));
            }
        }
    }
    out
}

/// A place in a template: its name, Tera's 1-based line and 0-based column.
type Place = (String, usize, usize);

/// One template's source, for error positions.
struct Registered {
    file: Option<FileId>,
    shown: String,
}

/// The most one template may write: far beyond any application (the
/// example's draft is under 100 KB), small enough to stop a runaway loop
/// long before it fills the memory or the disk.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// Collects what Tera writes, up to [`MAX_OUTPUT_BYTES`]; a write beyond
/// that fails, which stops the rendering at once.
struct Capped {
    bytes: Vec<u8>,
    full: bool,
}

impl Capped {
    fn take(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.full = true;
            return Err(std::io::Error::other("the template writes too much"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.take(buf).map(|()| buf.len())
    }

    /// Tera writes every piece of text and every value with `write_all`:
    /// one check and one copy, without the loop of the default method.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.take(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct Templates {
    pub tera: tera::Tera,
    /// The items `range` may still give in the file being rendered.
    range: super::filters::RangeBudget,
    registered: BTreeMap<String, Registered>,
    /// Names taken from the workspace's templates/ folder.
    pub overridden: Vec<String>,
}

/// Converts Tera's 1-based line and 0-based column to a byte offset.
fn offset(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let line_text = text.get(start..).unwrap_or_default();
    start + line_text.char_indices().nth(col).map(|(i, _)| i).unwrap_or(0)
}

impl Templates {
    /// Builds the environment: built-ins, then the workspace's overrides.
    /// Every template problem is a diagnostic with the template's position.
    pub fn load(
        family: Family,
        root: &Path,
        sources: &mut SourceMap,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Templates> {
        let mut list: BTreeMap<String, (Registered, String)> = BTreeMap::new();
        for (name, (shown, text)) in built_in(family) {
            list.insert(name, (Registered { file: None, shown }, text.to_string()));
        }
        let mut overridden = Vec::new();
        let dir = root.join("templates");
        if dir.is_dir() {
            let walk = walkdir::WalkDir::new(&dir)
                .follow_links(false)
                .max_depth(4)
                .sort_by_file_name();
            let before = diags.len();
            for entry in walk {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.clone());
                        let name = crate::workspace::files::display_name(root, &path);
                        let file = sources.add_unreadable(name.clone(), &path);
                        diags.push(
                            Diagnostic::error(codes::UNREADABLE_FILE, format!("cannot read `{name}`: {e}"))
                                .at(&Loc::file_start(file)),
                        );
                        continue;
                    }
                };
                // Anything named like a template is read, or reported: a
                // FIFO, a folder, a link loop or a binary file is an error,
                // never skipped in favour of the built-in.
                if entry.file_type().is_dir() || !entry.file_name().to_string_lossy().ends_with(".tera") {
                    continue;
                }
                let Ok(rel) = entry.path().strip_prefix(&dir) else {
                    continue;
                };
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let Some(file) = crate::workspace::files::read_text(
                    sources,
                    &crate::workspace::file_source::Folder::new(root),
                    entry.path(),
                    diags,
                ) else {
                    continue;
                };
                let text = sources.get(file).map(|f| f.text.clone()).unwrap_or_default();
                overridden.push(name.clone());
                list.insert(
                    name,
                    (
                        Registered {
                            file: Some(file),
                            shown: format!("templates/{}", rel.display()),
                        },
                        text,
                    ),
                );
            }
            if diags.len() > before {
                return None;
            }
        }
        if let Some(d) = too_deep(&list, sources) {
            diags.push(d);
            return None;
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on([".html.tera"]);
        let range = super::filters::RangeBudget::default();
        super::filters::register(&mut tera, &range);
        let mut registered = BTreeMap::new();
        let mut texts = Vec::new();
        for (name, (reg, text)) in list {
            texts.push((name.clone(), text));
            registered.insert(name, reg);
        }
        let mut t = Templates {
            tera,
            range,
            registered,
            overridden,
        };
        if let Err(e) = t
            .tera
            .add_raw_templates(texts.iter().map(|(n, c)| (n.as_str(), c.as_str())))
        {
            diags.extend(t.diagnostics(&e, sources, &texts));
            return None;
        }
        Some(t)
    }

    /// Renders one template, or gives the diagnostics of its error. Its
    /// output is bounded: at most [`MAX_OUTPUT_BYTES`], and the loops over
    /// `range` at most [`super::filters::MAX_RANGE_ITEMS`] turns in all.
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        sources: &mut SourceMap,
    ) -> Result<String, Vec<Diagnostic>> {
        self.range.reset();
        let mut out = Capped {
            bytes: Vec::new(),
            full: false,
        };
        match self.tera.render_to(name, ctx, &mut out) {
            Ok(()) => String::from_utf8(out.bytes).map_err(|e| {
                vec![Diagnostic::error(
                    codes::TEMPLATE_ERROR,
                    format!("template: `{name}` wrote text that is not UTF-8: {e}"),
                )]
            }),
            Err(_) if out.full => {
                let mb = MAX_OUTPUT_BYTES / (1024 * 1024);
                let mut d = self.diagnostic(
                    &format!("`{name}` writes more than {mb} MiB: coopcom stopped it"),
                    Some((name.to_string(), 1, 0)),
                    sources,
                    &[],
                );
                d.help = Some(format!(
                    "a loop in `{name}` (or a template it includes) runs far too often: make it loop over the workspace's data, or remove the template from templates/ to use the built-in one"
                ));
                Err(vec![d])
            }
            Err(e) => Err(self.diagnostics(&e, sources, &[])),
        }
    }

    /// The diagnostics of a Tera error, each at its template's line and
    /// column where Tera gives one.
    fn diagnostics(
        &self,
        e: &tera::Error,
        sources: &mut SourceMap,
        texts: &[(String, String)],
    ) -> Vec<Diagnostic> {
        let found: Vec<(String, Option<Place>)> = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => vec![(
                r.message().to_string(),
                Some((r.filename().to_string(), r.span().start_line, r.span().start_col)),
            )],
            tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => {
                vec![(e.to_string(), Some((tpl.clone(), 1, 0)))]
            }
            tera::ErrorKind::MissingParent { current, .. } => {
                vec![(e.to_string(), Some((current.clone(), 1, 0)))]
            }
            tera::ErrorKind::Msg(m) => {
                let reports = reports(m);
                if reports.is_empty() {
                    vec![(e.to_string(), None)]
                } else {
                    reports
                }
            }
            _ => vec![(e.to_string(), None)],
        };
        let mut out: Vec<Diagnostic> = found
            .into_iter()
            .map(|(message, place)| self.diagnostic(&message, place, sources, texts))
            .collect();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            if let Some(d) = out.last_mut() {
                d.notes.push(s.to_string());
            }
            source = s.source();
        }
        out
    }

    /// One template diagnostic; `place` is a template name, Tera's 1-based
    /// line and 0-based column.
    fn diagnostic(
        &self,
        message: &str,
        place: Option<Place>,
        sources: &mut SourceMap,
        texts: &[(String, String)],
    ) -> Diagnostic {
        let mut d = Diagnostic::error(codes::TEMPLATE_ERROR, format!("template: {message}"));
        if let Some((name, line, col)) = place {
            let reg = self.registered.get(&name);
            let file = match reg.and_then(|r| r.file) {
                Some(f) => Some(f),
                None => {
                    // A built-in template: add its text so the position can be shown.
                    let text = texts
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, t)| t.clone())
                        .or_else(|| {
                            BUILT_IN_TEMPLATES
                                .iter()
                                .find(|(p, _)| reg.is_some_and(|r| r.shown.ends_with(p)))
                                .map(|(_, t)| t.to_string())
                        });
                    text.map(|t| {
                        let shown = reg.map(|r| r.shown.clone()).unwrap_or_else(|| name.clone());
                        sources.add(SourceFile::new(shown.clone(), shown.into(), t))
                    })
                }
            };
            if let Some(file) = file {
                let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or_default();
                let at = offset(text, line, col);
                d = d.at(&Loc::new(file, at..at));
            }
        }
        d.with_help("fix the template, or remove it from templates/ to use the built-in one (`coopcom templates list`)")
    }
}

/// The errors in a message of several Tera reports (`error: MESSAGE` then
/// ` --> NAME:LINE:COLUMN`), with Tera's 0-based column.
fn reports(message: &str) -> Vec<(String, Option<Place>)> {
    let mut out: Vec<(String, Option<Place>)> = Vec::new();
    for line in message.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            out.push((m.trim().to_string(), None));
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            let mut parts = place.trim().rsplitn(3, ':');
            let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if let (Some(last), Ok(line), Ok(col)) =
                (out.last_mut(), line.parse::<usize>(), col.parse::<usize>())
                && last.1.is_none()
            {
                last.1 = Some((name.to_string(), line, col.saturating_sub(1)));
            }
        }
    }
    out
}

/// Templates may include or extend each other at most this deep. Tera
/// renders an include by recursion (a chain of 150 templates overflows
/// the default stack in a debug build), and each of 20 nested components
/// may start such a chain again; no application needs more than a few
/// levels (the built-in templates use 2).
pub const MAX_TEMPLATE_DEPTH: usize = 8;

/// The names a template includes or extends, with the offset of each tag.
fn references(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(i) = text.get(rest..).and_then(|t| t.find("{%").map(|i| i + rest)) {
        // Skip comments before this tag.
        if let Some(c) = text.get(rest..i).and_then(|t| t.find("{#")) {
            let from = rest + c;
            rest = text
                .get(from..)
                .and_then(|t| t.find("#}"))
                .map_or(text.len(), |e| from + e + 2);
            continue;
        }
        let tag = text.get(i + 2..).unwrap_or_default();
        let tag = tag.trim_start_matches(['-', '+', '~']).trim_start();
        let keyword = ["include", "extends"].into_iter().find(|k| tag.starts_with(k));
        if let Some(k) = keyword {
            let arg = tag.get(k.len()..).unwrap_or_default().trim_start();
            if let Some(q) = arg.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))
                && let Some(name) = arg.get(1..).and_then(|a| a.split(q).next())
            {
                out.push((name.to_string(), i));
            }
        }
        rest = i + 2;
    }
    out
}

/// A diagnostic when templates include or extend each other deeper than
/// [`MAX_TEMPLATE_DEPTH`], at the tag that goes too deep. The longest
/// chain is found without recursion (cycles are left to Tera, which
/// reports them).
fn too_deep(list: &BTreeMap<String, (Registered, String)>, sources: &mut SourceMap) -> Option<Diagnostic> {
    let names: Vec<&String> = list.keys().collect();
    let index = |n: &str| names.binary_search_by(|x| x.as_str().cmp(n)).ok();
    let edges: Vec<Vec<(usize, usize)>> = list
        .values()
        .map(|(_, text)| {
            references(text)
                .into_iter()
                .filter_map(|(n, at)| index(&n).map(|i| (i, at)))
                .collect()
        })
        .collect();
    // depth[i]: templates in the longest chain from i, itself included.
    let mut depth = vec![0usize; names.len()];
    let mut state = vec![0u8; names.len()]; // 0 new, 1 on the path, 2 done
    for start in 0..names.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(s) = state.get_mut(node) {
                *s = 1;
            }
            match edges.get(node).and_then(|e| e.get(*next)) {
                Some(&(child, _)) => {
                    *next += 1;
                    if state.get(child) == Some(&0) {
                        stack.push((child, 0));
                    }
                }
                None => {
                    let deepest = edges
                        .get(node)
                        .into_iter()
                        .flatten()
                        .filter(|(c, _)| state.get(*c) == Some(&2))
                        .filter_map(|(c, _)| depth.get(*c))
                        .max()
                        .copied()
                        .unwrap_or(0);
                    if let Some(d) = depth.get_mut(node) {
                        *d = deepest + 1;
                    }
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    stack.pop();
                }
            }
        }
    }
    let (mut node, _) = depth.iter().enumerate().max_by_key(|(_, d)| **d)?;
    if depth.get(node).copied().unwrap_or(0) <= MAX_TEMPLATE_DEPTH {
        return None;
    }
    // Follow the longest chain to the tag that goes past the limit.
    let mut level = 1;
    loop {
        let want = depth.get(node).copied().unwrap_or(1).saturating_sub(1);
        let (child, at) = edges
            .get(node)?
            .iter()
            .find(|(c, _)| depth.get(*c) == Some(&want))
            .copied()?;
        if level == MAX_TEMPLATE_DEPTH {
            let (reg, _) = list.get(*names.get(node)?)?;
            let mut d = Diagnostic::error(
                codes::TEMPLATE_ERROR,
                format!(
                    "template: templates include or extend each other more than {MAX_TEMPLATE_DEPTH} levels deep (here `{}`)",
                    names.get(child).map(|n| n.as_str()).unwrap_or_default()
                ),
            )
            .with_help("include the text itself, or a shorter chain of templates");
            if let Some(file) = reg.file.filter(|f| sources.get(*f).is_some()) {
                d = d.at(&Loc::new(file, at..at + 2)).label("too deep");
            }
            return Some(d);
        }
        node = child;
        level += 1;
    }
}
