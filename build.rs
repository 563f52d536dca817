//! Compiles into the binary the pages of docs/codes/ (for `coopcom explain`),
//! the built-in templates of proposal-templates/ (for `coopcom render`), and
//! the gazetteer's index: data/gazetteer.tsv parsed, folded and sorted here,
//! once, by the library's own code (src/geo/index.rs and src/geo/fold.rs),
//! into the tables src/geo/table.rs reads at run time.

use std::fmt::Write;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/geo/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/geo/index.rs"]
mod index;
#[allow(dead_code)]
#[path = "src/geo/table.rs"]
mod table;

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

/// Writes the gazetteer's tables and text into `out`.
fn gazetteer(out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let data = std::fs::read_to_string("data/gazetteer.tsv")?;
    let (tables, text) = index::encode(&index::build(&data))?;
    std::fs::write(out.join("gazetteer.bin"), tables)?;
    std::fs::write(out.join("gazetteer.txt"), text)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=docs/codes");
    println!("cargo::rerun-if-changed=proposal-templates");
    for file in [
        "data/gazetteer.tsv",
        "src/geo/fold.rs",
        "src/geo/index.rs",
        "src/geo/table.rs",
    ] {
        println!("cargo::rerun-if-changed={file}");
    }
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    gazetteer(Path::new(&out))?;
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
    Ok(())
}
