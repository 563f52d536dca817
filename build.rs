//! Compiles into the binary the pages of docs/codes/ (for `coopcom explain`)
//! and the built-in templates of proposal-templates/ (for `coopcom render`).

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
}

fn table(name: &str, doc: &str, dir: &str, ext: &str, key: impl Fn(&Path) -> String) -> String {
    let mut found = Vec::new();
    files(Path::new(dir), ext, &mut found);
    let mut code = format!("/// {doc}\npub const {name}: &[(&str, &str)] = &[\n");
    for path in &found {
        let abs = std::fs::canonicalize(path).unwrap_or(path.clone());
        let _ = writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            key(path),
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    code
}

fn main() {
    println!("cargo::rerun-if-changed=docs/codes");
    println!("cargo::rerun-if-changed=proposal-templates");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let pages = table(
        "CODE_PAGES",
        "Pages of docs/codes/, by code.",
        "docs/codes",
        ".md",
        |p| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        },
    );
    let _ = std::fs::write(Path::new(&out).join("code_pages.rs"), pages);
    let templates = table(
        "BUILT_IN_TEMPLATES",
        "The built-in templates, by path under proposal-templates/.",
        "proposal-templates",
        ".tera",
        |p| {
            p.strip_prefix("proposal-templates")
                .unwrap_or(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        },
    );
    let _ = std::fs::write(Path::new(&out).join("templates.rs"), templates);
}
