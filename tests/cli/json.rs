//! `check --format json`: the shape the contract promises to scripts.

use serde_json::Value;

use crate::support::*;

/// The KA152 base with an error, a warning and a note.
fn mixed(test: &str) -> Ws {
    let ws = Ws::copy("ka152-youth-exchange", test);
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "end = 2026-10-18",
        "end = 2026-10-15",
    );
    ws.edit(
        "partners/valencia.toml",
        "oid = \"E10023456\"",
        "# oid pending registration",
    );
    ws
}

#[test]
fn json_report_has_the_contract_shape() {
    let ws = mixed("json_shape");
    let r = ws.check();
    assert_eq!(r.status(), Some(1));
    let obj = r.json.as_object().unwrap();
    assert!(
        obj.contains_key("diagnostics") && obj.contains_key("summary"),
        "{}",
        r.json
    );
    let diags = r.json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        for key in ["code", "severity", "message", "file", "line", "column", "help"] {
            assert!(d.get(key).is_some(), "diagnostic without `{key}`: {d}");
        }
        let code = d["code"].as_str().unwrap();
        assert!(code.len() == 5 && code.starts_with("CC"), "{d}");
        let severity = d["severity"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&severity), "{d}");
        assert!(!d["message"].as_str().unwrap().is_empty(), "{d}");
        assert!(d["help"].is_null() || d["help"].is_string(), "{d}");
        if severity != "note" {
            // Errors and warnings always say where.
            let file = d["file"].as_str().unwrap_or_else(|| panic!("no file: {d}"));
            assert!(
                !file.starts_with('/') && !file.contains('\\') && !file.contains(":"),
                "{d}"
            );
            assert!(d["line"].as_u64().unwrap() >= 1, "{d}");
            assert!(d["column"].as_u64().unwrap() >= 1, "{d}");
        }
    }
    let summary = &r.json["summary"];
    assert!(
        summary["errors"].is_u64() && summary["warnings"].is_u64(),
        "{summary}"
    );
}

#[test]
fn json_summary_counts_the_diagnostics() {
    let ws = mixed("json_summary");
    let r = ws.check();
    let count = |sev: &str| r.diags.iter().filter(|d| d.severity == sev).count() as u64;
    assert_eq!(r.errors(), count("error"));
    assert_eq!(r.warnings(), count("warning"));
    assert_eq!(r.errors(), 1, "{}", r.listing());
    assert_eq!(r.warnings(), 1, "{}", r.listing());
    r.at("CC602", "activities/a1-valencia-exchange.toml", 6, 7)
        .error();
    r.at("CC509", "partners/valencia.toml", 1, 1).warning();
}

#[test]
fn json_goes_to_stdout_alone() {
    let ws = mixed("json_stdout");
    let r = ws.check();
    assert!(r.run.stderr.is_empty(), "stderr: {}", r.run.stderr);
    assert!(r.run.stdout.trim_start().starts_with('{'));
    // One object, nothing after it.
    let mut stream = serde_json::Deserializer::from_str(&r.run.stdout).into_iter::<Value>();
    assert!(stream.next().unwrap().is_ok());
    assert!(stream.next().is_none(), "more than one JSON value on stdout");
}

#[test]
fn json_of_a_clean_workspace() {
    let ws = Ws::copy("ka153-youth-workers", "json_clean");
    let r = ws.check();
    r.passes();
    assert_eq!(r.warnings(), 0, "{}", r.listing());
    assert!(r.diags.iter().all(|d| d.severity == "note"), "{}", r.listing());
}

#[test]
fn json_is_the_same_on_every_run_and_sorted() {
    let ws = Ws::copy("ka152-youth-exchange", "json_stable");
    ws.edit("partners/lyon.toml", "oid = \"E10012345\"", "oid = \"E1001234\"");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "participants = 8",
        "participants = 3",
    );
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "end = 2026-10-18",
        "end = 2026-10-15",
    );
    let a = ws.check();
    let b = ws.check();
    assert_eq!(a.run.stdout, b.run.stdout);
    // The findings of one file come together, in the order of their position.
    let keys: Vec<(String, u64, u64)> = a
        .diags
        .iter()
        .filter(|d| d.file.is_some())
        .map(|d| (d.file.clone().unwrap(), d.line.unwrap(), d.column.unwrap()))
        .collect();
    assert!(keys.len() >= 4, "{}", a.listing());
    let mut files: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    files.dedup();
    let mut unique = files.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        files.len(),
        unique.len(),
        "the findings of a file are split: {keys:?}"
    );
    for w in keys.windows(2) {
        if w[0].0 == w[1].0 {
            assert!(
                (w[0].1, w[0].2) <= (w[1].1, w[1].2),
                "not in position order: {keys:?}"
            );
        }
    }
}

#[test]
fn json_exit_status_2_prints_no_report() {
    let tmp = TempDir::new("json_missing");
    let run = coopcom([
        "check".as_ref(),
        tmp.path().join("nowhere").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
}

#[test]
fn json_file_level_findings_point_at_line_1_column_1() {
    let ws = Ws::copy("ka152-youth-exchange", "json_file_level");
    ws.write("partners/notes.txt", "not a partner\n");
    let r = ws.check();
    r.at("CC111", "partners/notes.txt", 1, 1).warning();
}
