//! Entry points shared by the fuzz targets under `fuzz/` and by the tests
//! that replay the inputs the fuzzer found, so both run the same code:
//! load, check, budget and render (in memory) a workspace made from
//! arbitrary bytes or from a structured description.
//!
//! Workspaces are written to a fresh temporary folder (on `/dev/shm` when it
//! exists, so the fuzzer runs at memory speed) and removed afterwards.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Where one input's workspace lives; removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Option<Scratch> {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("coopcom-fuzz-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok()?;
        Some(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files a byte string becomes: the first byte picks which file the
/// fuzzed bytes replace in an otherwise valid workspace.
const TARGETS: &[&str] = &[
    "coopcom.toml",
    "partners/aa.toml",
    "activities/a1.toml",
    "budget.toml",
    "impact.toml",
    "narrative/summary/objectives.md",
    "work-packages/wp1.toml",
    "templates/application.md.tera",
];

/// A valid KA152-YOU workspace the fuzzed file is dropped into.
pub const BASE: &[(&str, &str)] = &[
    (
        "coopcom.toml",
        "[project]\ntitle = \"Fuzz\"\naction = \"KA152-YOU\"\ncall = 2026\nround = 1\nnational_agency = \"FR02\"\nstart = 2026-06-01\nend = 2027-05-31\n",
    ),
    (
        "partners/aa.toml",
        "name = \"A\"\nrole = \"applicant\"\ncountry = \"FR\"\ncity = \"Lyon\"\ncoordinates = [45.76, 4.84]\ntype = \"ngo\"\n",
    ),
    (
        "partners/bb.toml",
        "name = \"B\"\nrole = \"partner\"\ncountry = \"ES\"\ncity = \"Valencia\"\ncoordinates = [39.47, -0.38]\ntype = \"ngo\"\n",
    ),
    (
        "activities/a1.toml",
        "type = \"youth-exchange\"\ntitle = \"X\"\nvenue = { city = \"Valencia\", country = \"ES\" }\nstart = 2026-09-01\nend = 2026-09-07\nhost = \"bb\"\n\n[[flows]]\nfrom = \"aa\"\nparticipants = 8\ngroup_leaders = 1\n\n[[flows]]\nfrom = \"bb\"\nparticipants = 8\ngroup_leaders = 1\n",
    ),
];

fn write_all(root: &Path, files: &[(String, Vec<u8>)]) -> bool {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            return false;
        }
        if std::fs::write(&path, bytes).is_err() {
            return false;
        }
    }
    true
}

/// Loads, checks, computes the budget and renders (in memory) the workspace
/// made of `files`. Any panic here is a bug the fuzzer reports.
pub fn analyse_files(files: &[(String, Vec<u8>)]) {
    let Some(scratch) = Scratch::new() else { return };
    if !write_all(&scratch.0, files) {
        return;
    }
    let Ok(mut a) = crate::analysis::analyse(Some(&scratch.0), None) else {
        return;
    };
    if let Some(b) = a.budget.as_ref() {
        let total = b.total();
        let sum: rust_decimal::Decimal = b.by_category().iter().map(|(_, m)| *m).sum();
        assert_eq!(total, sum, "the total is the sum of its categories");
        let _ = crate::budget::csv::csv(b);
    }
    let _ = crate::render::render(&mut a, crate::render::Formats { md: true, html: true });
    for d in &a.diagnostics {
        let _ = crate::diagnostics::render::human(d, &a.ws.sources, false);
    }
    let _ = serde_json::to_string(&crate::diagnostics::render::json_report(
        &a.diagnostics,
        &a.ws.sources,
    ));
}

/// The `load_check` target: the first byte picks a file of the base
/// workspace, the rest of the bytes replace it.
pub fn bytes_in_workspace(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let target = TARGETS
        .get(usize::from(pick) % TARGETS.len())
        .copied()
        .unwrap_or("coopcom.toml");
    let mut files: Vec<(String, Vec<u8>)> = BASE
        .iter()
        .filter(|(p, _)| *p != target)
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    files.push((target.to_string(), rest.to_vec()));
    analyse_files(&files);
}

/// The `plain_toml` target: whatever the one-pass reader of plain
/// workspace TOML accepts, the `toml` crate reads without error and to the
/// same tree, spans included (the reader gives every other text to the
/// crate, so its messages stay the crate's).
pub fn plain_toml_agrees(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(plain) = crate::workspace::plain_toml::parse(text) else {
        return;
    };
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    assert!(
        errors.is_empty(),
        "the plain reader took what the toml crate refuses: {text:?}"
    );
    assert_eq!(
        plain,
        crate::workspace::tree::Table::from_de(table.into_inner()),
        "the plain reader and the toml crate read {text:?} differently"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect();
        out.sort();
        out
    }

    /// The corpus seeds and every input that once made coopcom fail replay
    /// through the fuzz targets' own entry point.
    #[test]
    fn fuzz_regressions_and_seeds_replay() {
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let mut n = 0;
        for dir in ["regressions/load_check", "corpus/load_check"] {
            for path in files_under(&fuzz.join(dir)) {
                let name = path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if dir.starts_with("corpus") && !name.starts_with("seed-") {
                    continue;
                }
                bytes_in_workspace(&std::fs::read(&path).unwrap());
                n += 1;
            }
        }
        // Structured findings are kept as the workspace folders they produced.
        let structured = fuzz.join("regressions/structured");
        if let Ok(entries) = std::fs::read_dir(&structured) {
            let mut dirs: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            for ws in dirs {
                let files: Vec<(String, Vec<u8>)> = files_under(&ws)
                    .into_iter()
                    .map(|p| {
                        let rel = p.strip_prefix(&ws).unwrap().to_string_lossy().replace('\\', "/");
                        (rel, std::fs::read(&p).unwrap())
                    })
                    .collect();
                analyse_files(&files);
                n += 1;
            }
        }
        assert!(n >= 3, "expected the regression inputs and seeds, found {n}");
    }
}
