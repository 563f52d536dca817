//! Compiles the pages of docs/codes/ into the binary for `coopcom explain`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("docs/codes");
    println!("cargo::rerun-if-changed=docs/codes");
    let mut pages: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "md") {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    let abs = std::fs::canonicalize(&path).unwrap_or(path.clone());
                    pages.push((stem.to_string(), abs.display().to_string()));
                }
            }
        }
    }
    pages.sort();
    let mut code =
        String::from("/// Pages of docs/codes/, by code.\npub const CODE_PAGES: &[(&str, &str)] = &[\n");
    for (id, path) in &pages {
        let _ = writeln!(code, "    ({id:?}, include_str!({path:?})),");
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(Path::new(&out).join("code_pages.rs"), code);
}
