//! `coopcom schema`: JSON Schemas built from the loader's spec, that every
//! real workspace file satisfies and that refuse what the loader refuses;
//! and the `#:schema` lines and schema files `coopcom init` writes.
//!
//! A TOML file is validated the way a TOML language server does it: parsed
//! with the `toml` crate, then turned into JSON with dates written as their
//! TOML text (`2026-12-18`), which the schemas describe as strings of
//! format `date`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

const KINDS: &[&str] = &[
    "project",
    "partner",
    "activity",
    "work-package",
    "budget",
    "impact",
    "results-activity",
    "report",
    "results-budget",
    "results-work-package",
];

fn schema(kind: &str) -> Value {
    let run = coopcom(["schema", kind]);
    run.expect_status(0);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{kind}: {e}\n{}", run.stdout))
}

/// The errors of validating TOML `text` against `schema`, formats checked,
/// under draft 2020-12 and under draft 7: Taplo's validator knows no
/// 2020-12 and falls back to draft 7, so both must give the same verdict.
fn errors(schema: &Value, text: &str) -> Vec<String> {
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    let json = coopcom::schema::toml_as_json(&toml::Value::Table(table));
    let mut draft7 = schema.clone();
    draft7.as_object_mut().unwrap().remove("$schema");
    let mut verdicts = Vec::new();
    for (schema, draft) in [
        (schema, jsonschema::Draft::Draft202012),
        (&draft7, jsonschema::Draft::Draft7),
    ] {
        let validator = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .build(schema)
            .unwrap_or_else(|e| panic!("not a valid JSON Schema: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} (at {})", e.instance_path()))
            .collect();
        verdicts.push(errors);
    }
    assert_eq!(
        verdicts[0].is_empty(),
        verdicts[1].is_empty(),
        "drafts disagree on\n{text}\n{verdicts:?}"
    );
    verdicts.swap_remove(0)
}

/// The file kind of a workspace file, by its path relative to the root.
fn kind_of(rel: &str) -> Option<&'static str> {
    match rel.split_once('/') {
        None if rel == "coopcom.toml" => Some("project"),
        None if rel == "budget.toml" => Some("budget"),
        None if rel == "impact.toml" => Some("impact"),
        Some(("partners", _)) => Some("partner"),
        Some(("activities", _)) => Some("activity"),
        Some(("work-packages", _)) => Some("work-package"),
        Some(("results", "report.toml")) => Some("report"),
        Some(("results", "budget.toml")) => Some("results-budget"),
        Some(("results", r)) if r.starts_with("activities/") => Some("results-activity"),
        Some(("results", r)) if r.starts_with("work-packages/") => Some("results-work-package"),
        _ => None,
    }
}

fn workspaces() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [repo().join("examples"), repo().join("tests").join("fixtures")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.join("coopcom.toml").is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn toml_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = snapshot_tree(root)
        .into_keys()
        .filter(|rel| rel.ends_with(".toml") && kind_of(rel).is_some())
        .collect();
    out.sort();
    out
}

#[test]
fn schema_without_a_kind_prints_every_kind_keyed_by_kind() {
    let run = coopcom(["schema"]);
    run.expect_status(0);
    let all: Value = serde_json::from_str(&run.stdout).unwrap();
    let keys: BTreeSet<&str> = all.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, KINDS.iter().copied().collect());
    for kind in KINDS {
        let one = schema(kind);
        assert_eq!(all[kind], one, "{kind}");
        assert_eq!(one["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(one["type"], "object");
        assert_eq!(one["additionalProperties"], false);
    }
}

#[test]
fn schemas_carry_required_fields_enums_and_one_line_descriptions() {
    let partner = schema("partner");
    let required: Vec<&str> = partner["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in ["name", "role", "country", "city", "type"] {
        assert!(required.contains(&key), "{key} not required: {required:?}");
    }
    assert!(!required.contains(&"oid"));
    let roles = partner["properties"]["role"]["enum"].as_array().unwrap();
    assert!(roles.contains(&"applicant".into()) && roles.contains(&"partner".into()));
    let types = partner["properties"]["type"]["enum"].as_array().unwrap();
    assert!(types.contains(&"ngo".into()) && types.contains(&"public-body".into()));
    let activity = schema("activity");
    let types = activity["properties"]["type"]["enum"].as_array().unwrap();
    for t in ["youth-exchange", "professional-development", "preparatory-visit"] {
        assert!(types.contains(&t.into()), "{t} missing from {types:?}");
    }
    let flow = &activity["properties"]["flows"]["items"];
    assert_eq!(flow["additionalProperties"], false);
    assert_eq!(flow["properties"]["participants"]["type"], "integer");
    assert_eq!(activity["properties"]["start"]["format"], "date");
    for kind in KINDS {
        let text = schema(kind).to_string();
        assert!(!text.contains("\\n"), "{kind}: a description spans lines");
    }
}

#[test]
fn unknown_kind_exits_2_with_the_list() {
    let run = coopcom(["schema", "partners"]);
    run.expect_status(2);
    for kind in KINDS {
        assert!(run.stderr.contains(kind), "{}", run.stderr);
    }
}

/// Every TOML file of the example and the fixtures validates against the
/// schema of its kind. Files for which `check` reports a file-level error
/// (CC1xx: a fixture made to show a format mistake) are left out.
#[test]
fn every_workspace_file_of_examples_and_fixtures_validates() {
    let schemas: Vec<(&str, Value)> = KINDS.iter().map(|k| (*k, schema(k))).collect();
    let mut validated = 0;
    for root in workspaces() {
        let report = Report::parse(coopcom([
            "check".as_ref(),
            root.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]));
        let exempt: BTreeSet<String> = report
            .diags
            .iter()
            .filter(|d| d.severity == "error" && d.code.starts_with("CC1"))
            .filter_map(|d| d.file.clone())
            .collect();
        for rel in toml_files(&root) {
            if exempt.contains(&rel) {
                continue;
            }
            let kind = kind_of(&rel).unwrap();
            let schema = &schemas.iter().find(|(k, _)| *k == kind).unwrap().1;
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            let errors = errors(schema, &text);
            assert!(
                errors.is_empty(),
                "{}/{rel}:\n{}",
                root.display(),
                errors.join("\n")
            );
            validated += 1;
        }
    }
    assert!(validated >= 70, "only {validated} files validated");
}

#[test]
fn a_wrong_type_an_unknown_key_and_a_bad_amount_are_rejected() {
    let ws = Ws::copy("ka153-youth-workers", "schema_rejects");
    let activity = toml_files(ws.root())
        .into_iter()
        .find(|f| f.starts_with("activities/"))
        .unwrap();
    let text = ws.read(&activity);
    let activity_schema = schema("activity");
    assert_eq!(errors(&activity_schema, &text), Vec::<String>::new());
    let participants = text.lines().find(|l| l.starts_with("participants = ")).unwrap();
    let cases = [
        (participants, "participants = \"eight\"", "participants"),
        (participants, "participants = -1", "participants"),
        (participants, "participants = 8\nparticipnts = 8", "participnts"),
        ("ages = [22, 45]", "ages = [45]", "ages"),
    ];
    for (old, new, what) in cases {
        let changed = text.replacen(old, new, 1);
        let errors = errors(&activity_schema, &changed);
        assert!(!errors.is_empty(), "`{new}` was accepted");
        assert!(errors.iter().any(|e| e.contains(what)), "{new}: {errors:?}");
    }
    let budget = schema("budget");
    let with = |amount: &str| {
        format!("[[exceptional_costs]]\nactivity = \"a1\"\nkind = \"visa\"\namount = {amount}\n")
    };
    for ok in ["480", "480.5", "\"1250.50\""] {
        assert_eq!(errors(&budget, &with(ok)), Vec::<String>::new(), "{ok}");
    }
    for bad in ["-480", "\"1 250,50\"", "\"12.345\"", "true"] {
        assert!(!errors(&budget, &with(bad)).is_empty(), "{bad} was accepted");
    }
    let project = schema("project");
    let manifest = ws.read("coopcom.toml");
    let start = manifest.lines().find(|l| l.starts_with("start = ")).unwrap();
    let bad = manifest.replacen(start, "start = \"next spring\"", 1);
    assert!(!errors(&project, &bad).is_empty());
}

/// `init` starts every TOML file with `#:schema <relative path>`, writes
/// the schema there (the same as `coopcom schema KIND`), and every file it
/// writes validates against it.
#[test]
fn init_writes_schema_lines_and_schema_files() {
    for action in ["KA152-YOU", "KA220-ADU"] {
        let tmp = TempDir::new(&format!("schema_init_{action}"));
        let dir = tmp.path().join("ws");
        coopcom([
            "init".as_ref(),
            dir.as_os_str(),
            "--action".as_ref(),
            action.as_ref(),
        ])
        .expect_status(0);
        let files = toml_files(&dir);
        assert!(files.len() >= 5, "{files:?}");
        for rel in files {
            let kind = kind_of(&rel).unwrap();
            let text = std::fs::read_to_string(dir.join(&rel)).unwrap();
            let first = text.lines().next().unwrap();
            let target = first
                .strip_prefix("#:schema ")
                .unwrap_or_else(|| panic!("{rel} starts with {first:?}"));
            assert!(
                target.starts_with("./") || target.starts_with("../"),
                "{rel}: {target}"
            );
            let path = dir.join(&rel).parent().unwrap().join(target);
            assert!(
                path.ends_with(format!(".coopcom/schema/{kind}.schema.json")),
                "{rel}: {}",
                path.display()
            );
            let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(written, schema(kind), "{rel}");
            assert_eq!(errors(&written, &text), Vec::<String>::new(), "{rel}");
        }
    }
}

#[test]
fn init_does_not_overwrite_a_schema_file() {
    let tmp = TempDir::new("schema_init_conflict");
    let dir = tmp.path().join("ws");
    std::fs::create_dir_all(dir.join(".coopcom/schema")).unwrap();
    std::fs::write(dir.join(".coopcom/schema/partner.schema.json"), "{}\n").unwrap();
    let before = snapshot_tree(&dir);
    let run = coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA153-YOU".as_ref(),
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("partner.schema.json"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&dir), before);
}
