//! `coopcom explain`: a page for every code of the registry, and nothing
//! in docs/codes/ that the registry does not know.

use crate::support::*;

/// `(id, name)` of every code in `src/diagnostics/codes.rs`, read at test
/// time so that a new code is covered without touching this file.
fn registry() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("src/diagnostics/codes.rs")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        // `    TOML_SYNTAX = "CC101", "toml-syntax", "a workspace file ...";`
        let Some((konst, rest)) = line.trim().split_once(" = \"CC") else {
            continue;
        };
        if !konst.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            continue;
        }
        let mut parts = rest.split('"');
        let id = format!("CC{}", parts.next().unwrap());
        parts.next(); // `, `
        let name = parts.next().unwrap().to_string();
        out.push((id, name));
    }
    out
}

#[test]
fn registry_is_parsed_and_well_formed() {
    let codes = registry();
    assert!(codes.len() >= 60, "only {} codes parsed", codes.len());
    let mut ids: Vec<&str> = codes.iter().map(|(id, _)| id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids in the registry");
    for (id, name) in &codes {
        assert!(
            id.len() == 5 && id[2..].chars().all(|c| c.is_ascii_digit()),
            "{id}"
        );
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{id} {name}"
        );
    }
    // Spot checks against codes the rest of the suite relies on.
    assert!(codes.contains(&("CC102".into(), "unknown-key".into())));
    assert!(codes.contains(&("CC602".into(), "activity-duration".into())));
}

#[test]
fn explain_prints_a_page_for_every_code() {
    let mut missing = Vec::new();
    for (id, name) in registry() {
        let run = coopcom(["explain", &id]);
        run.expect_status(0);
        let first = run.stdout.lines().next().unwrap_or_default();
        let expected = format!("# {id} {name}");
        if first != expected {
            missing.push(format!("{id}: first line is `{first}`, expected `{expected}`"));
        }
    }
    assert!(
        missing.is_empty(),
        "{} of the registry's codes have no proper page in docs/codes/:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_page_in_docs_codes_matches_a_registry_code() {
    let codes = registry();
    let dir = repo().join("docs/codes");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with('.') || file == "README.md" {
            continue;
        }
        let stem = file
            .strip_suffix(".md")
            .unwrap_or_else(|| panic!("docs/codes/{file} is not a .md page"));
        let (id, name) = codes
            .iter()
            .find(|(id, _)| id == stem)
            .unwrap_or_else(|| panic!("docs/codes/{file} matches no code of the registry"));
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, format!("# {id} {name}"), "first line of docs/codes/{file}");
    }
}

#[test]
fn explain_accepts_a_name_or_a_lower_case_id() {
    let by_id = coopcom(["explain", "CC602"]);
    by_id.expect_status(0);
    let by_name = coopcom(["explain", "activity-duration"]);
    by_name.expect_status(0);
    let lower = coopcom(["explain", "cc602"]);
    lower.expect_status(0);
    assert_eq!(by_id.stdout, by_name.stdout);
    assert_eq!(by_id.stdout, lower.stdout);
    assert!(by_id.stdout.contains("CC602"));
}

#[test]
fn explain_of_an_unknown_code_exits_2() {
    let run = coopcom(["explain", "CC999"]);
    run.expect_status(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("unknown diagnostic code \"CC999\""),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_suggests_the_closest_code() {
    let run = coopcom(["explain", "CC6022"]);
    run.expect_status(2);
    assert!(run.stderr.contains("did you mean CC602?"), "{}", run.stderr);
}

#[test]
fn explain_without_a_code_exits_2() {
    coopcom(["explain"]).expect_status(2);
}
