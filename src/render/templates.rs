//! The template environment: built-in templates compiled into the binary,
//! one set per action family plus a common set, with the workspace's
//! `templates/` layered on top file by file. Templates see only the data
//! coopcom gives them: Tera is built without file-system access, and only
//! the templates registered here can be included.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, codes};
use crate::rules::pack::Family;
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

/// One template's source, for error positions.
struct Registered {
    file: Option<FileId>,
    shown: String,
}

pub struct Templates {
    pub tera: tera::Tera,
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
            for entry in walk.into_iter().flatten() {
                if !entry.file_type().is_file() || !entry.file_name().to_string_lossy().ends_with(".tera") {
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
                let Some(file) = crate::workspace::load::read_text(sources, root, entry.path(), diags) else {
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
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on([".html.tera"]);
        super::filters::register(&mut tera);
        let mut registered = BTreeMap::new();
        let mut texts = Vec::new();
        for (name, (reg, text)) in list {
            texts.push((name.clone(), text));
            registered.insert(name, reg);
        }
        let mut t = Templates {
            tera,
            registered,
            overridden,
        };
        if let Err(e) = t
            .tera
            .add_raw_templates(texts.iter().map(|(n, c)| (n.as_str(), c.as_str())))
        {
            diags.push(t.diagnostic(&e, sources, &texts));
            return None;
        }
        Some(t)
    }

    /// Renders one template, or gives the diagnostic of its error.
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        sources: &mut SourceMap,
    ) -> Result<String, Box<Diagnostic>> {
        self.tera.render(name, ctx).map_err(|e| {
            let texts: Vec<(String, String)> = Vec::new();
            Box::new(self.diagnostic(&e, sources, &texts))
        })
    }

    fn diagnostic(&self, e: &tera::Error, sources: &mut SourceMap, texts: &[(String, String)]) -> Diagnostic {
        let (message, place) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
                r.message().to_string(),
                Some((r.filename().to_string(), r.span().start_line, r.span().start_col)),
            ),
            _ => (e.to_string(), None),
        };
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
                let text = sources.get(file).map(|f| f.text.clone()).unwrap_or_default();
                let at = offset(&text, line, col);
                d = d.at(&Loc::new(file, at..at));
            }
        }
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            d = d.with_note(s.to_string());
            source = s.source();
        }
        d.with_help("fix the template, or remove it from templates/ to use the built-in one (`coopcom templates list`)")
    }
}
