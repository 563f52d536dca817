//! `coopcom check --all ROOT`, `coopcom check DIR DIR...` and `coopcom
//! budget --all ROOT`: many workspaces at once, the rules across them
//! (applications per organisation and deadline, the same activity twice,
//! one organisation with two OIDs), parallel output equal to serial output.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{TempDir, coopcom, copy_dir, fixture};

/// Copies the fixture `name` to `root/dir` and returns the copy's path.
fn add(root: &Path, dir: &str, name: &str) -> PathBuf {
    let to = root.join(dir);
    copy_dir(&fixture(name), &to);
    to
}

/// Replaces `old` by `new` in `file` of a workspace (exactly once).
fn edit(ws: &Path, file: &str, old: &str, new: &str) {
    let path = ws.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(old).count(), 1, "{old:?} in {}", path.display());
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
}

/// `n` applications of the KA152 youth exchange fixture under `root`
/// (`ye1` ... `yeN`), all in call 2026 round 1 with the same applicant
/// (Maison des Jeunes de la Croix-Rousse, OID E10012345) and partner (El
/// Turia, OID E10023456). Each one's activities are moved by its number of
/// days, so that no two hold the same activity.
fn youth_exchanges(root: &Path, n: usize) -> Vec<PathBuf> {
    (1..=n)
        .map(|i| {
            let ws = add(root, &format!("ye{i}"), "ka152-youth-exchange");
            let prep = "activities/a0-preparatory-visit.toml";
            edit(
                &ws,
                prep,
                "start = 2026-09-14",
                &format!("start = 2026-09-{:02}", 14 + i),
            );
            edit(
                &ws,
                prep,
                "end = 2026-09-15",
                &format!("end = 2026-09-{:02}", 15 + i),
            );
            let main = "activities/a1-valencia-exchange.toml";
            edit(
                &ws,
                main,
                "start = 2026-10-12",
                &format!("start = 2026-10-{:02}", 12 + i),
            );
            edit(
                &ws,
                main,
                "end = 2026-10-18",
                &format!("end = 2026-10-{:02}", 18 + i),
            );
            ws
        })
        .collect()
}

fn check_all(root: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["check", "--all", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    coopcom(args)
}

fn json(run: &crate::support::Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// The findings across workspaces with this code.
fn findings<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The workspace folder names a finding names.
fn named(finding: &Value) -> Vec<String> {
    finding["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            Path::new(p["workspace"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

// Guide 2026 p. 157 (KA152 youth exchanges): "The same organisation (one
// OID) cannot be involved in more than 5 applications per deadline in this
// action, either as applicant or partner." Six applications of one round
// with the same two organisations: each organisation is 1 over the limit,
// so two CC514 errors, each naming the six workspaces.
#[test]
fn six_applications_of_one_organisation_in_a_round_is_an_error_naming_all_six() {
    let tmp = TempDir::new("portfolio-six");
    youth_exchanges(tmp.path(), 6);
    let run = check_all(tmp.path(), &["--format", "json"]);
    run.expect_status(1);
    let report = json(&run);
    let over = findings(&report, "CC514");
    assert_eq!(over.len(), 2, "{over:#?}");
    let applicant = over
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("E10012345"))
        .expect("the applicant's finding");
    assert_eq!(applicant["severity"], "error");
    assert_eq!(named(applicant), ["ye1", "ye2", "ye3", "ye4", "ye5", "ye6"]);
    let message = applicant["message"].as_str().unwrap();
    assert!(
        message.contains("Maison des Jeunes de la Croix-Rousse"),
        "{message}"
    );
    assert!(message.contains("6 applications"), "{message}");
    assert!(message.contains("call 2026 round 1"), "{message}");
    assert!(message.contains("at most 5"), "{message}");
    assert_eq!(applicant["note"], "source: Guide 2026 p. 157");
    // Each place is the OID in the partner file, with the role.
    let first = &applicant["workspaces"][0];
    assert_eq!(first["at"], "partners/lyon.toml:7:7");
    assert_eq!(first["what"], "applicant");
    // Every workspace counts the finding in its summary row.
    for row in report["summary"]["workspaces"].as_array().unwrap() {
        assert_eq!(row["errors"], 2, "{row}");
    }
    // The human report names them too.
    let human = check_all(tmp.path(), &[]);
    human.expect_status(1);
    assert!(human.stderr.contains("error[CC514]"), "{}", human.stderr);
    for i in 1..=6 {
        let ws = tmp.path().join(format!("ye{i}"));
        assert!(
            human
                .stderr
                .contains(&format!("in {}: partners/lyon.toml:7:7 (", ws.display())),
            "{}",
            human.stderr
        );
    }
}

// Five applications are the most the Guide allows (p. 157): no finding.
#[test]
fn five_applications_of_one_organisation_in_a_round_pass() {
    let tmp = TempDir::new("portfolio-five");
    youth_exchanges(tmp.path(), 5);
    let run = check_all(tmp.path(), &["--format", "json"]);
    run.expect_status(0);
    let report = json(&run);
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(report["summary"]["checked"], 5);
    assert_eq!(report["summary"]["errors"], 0);
}

// Without OIDs the organisations are matched by name and country: six
// applications are still over the limit of p. 157 (CC514), and a CC516
// warning says the match is by name. Case and spaces of the name do not
// matter.
#[test]
fn without_oids_organisations_are_matched_by_name_and_country_with_a_warning() {
    let tmp = TempDir::new("portfolio-names");
    let all = youth_exchanges(tmp.path(), 6);
    for ws in &all {
        edit(ws, "partners/lyon.toml", "oid = \"E10012345\"\n", "");
        edit(ws, "partners/valencia.toml", "oid = \"E10023456\"\n", "");
    }
    edit(
        &all[5],
        "partners/lyon.toml",
        "Maison des Jeunes de la Croix-Rousse",
        "MAISON des jeunes  de la Croix-Rousse",
    );
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let over = findings(&report, "CC514");
    assert_eq!(over.len(), 2);
    let lyon = over
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("Croix-Rousse"))
        .unwrap();
    assert!(
        lyon["message"].as_str().unwrap().contains("(FR, no OID)"),
        "{lyon}"
    );
    assert_eq!(named(lyon), ["ye1", "ye2", "ye3", "ye4", "ye5", "ye6"]);
    let by_name = findings(&report, "CC516");
    assert_eq!(by_name.len(), 2, "{by_name:#?}");
    assert!(by_name.iter().all(|f| f["severity"] == "warning"));
    assert!(by_name.iter().all(|f| named(f).len() == 6));
    // With five, no limit is crossed, but the match by name is still said.
    std::fs::remove_dir_all(&all[5]).unwrap();
    let five = json(&check_all(tmp.path(), &["--format", "json"]));
    assert!(findings(&five, "CC514").is_empty());
    assert_eq!(findings(&five, "CC516").len(), 2);
}

// An organisation with an OID in some workspaces and none in others: the
// name and country lead to its one OID, so all six count (p. 157).
#[test]
fn an_organisation_without_oid_counts_under_the_oid_its_name_has_elsewhere() {
    let tmp = TempDir::new("portfolio-mixed");
    let all = youth_exchanges(tmp.path(), 6);
    edit(&all[2], "partners/lyon.toml", "oid = \"E10012345\"\n", "");
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let lyon: Vec<_> = findings(&report, "CC514")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().contains("OID E10012345"))
        .collect();
    assert_eq!(lyon.len(), 1);
    assert_eq!(named(lyon[0]).len(), 6);
    let by_name = findings(&report, "CC516");
    assert_eq!(by_name.len(), 1);
    let places = by_name[0]["workspaces"].as_array().unwrap();
    let without: Vec<_> = places.iter().filter(|p| p["what"] == "no OID").collect();
    assert_eq!(without.len(), 1);
    assert!(without[0]["workspace"].as_str().unwrap().ends_with("ye3"));
}

// The same activity (same dates, venue and flows) in two applications.
#[test]
fn the_same_activity_in_two_workspaces_is_found() {
    let tmp = TempDir::new("portfolio-same-activity");
    add(tmp.path(), "first", "ka152-youth-exchange");
    add(tmp.path(), "copy", "ka152-youth-exchange");
    let other = add(tmp.path(), "other", "ka152-youth-exchange");
    // In the third, the exchange has one more participant from Lyon: not
    // the same activity. Its preparatory visit is.
    edit(
        &other,
        "activities/a1-valencia-exchange.toml",
        "participants = 12",
        "participants = 13",
    );
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let same = findings(&report, "CC619");
    assert_eq!(same.len(), 2, "{same:#?}");
    let exchange = same
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("2026-10-12 to 2026-10-18")
        })
        .unwrap();
    assert_eq!(named(exchange), ["copy", "first"]);
    assert_eq!(exchange["workspaces"][0]["what"], "activity a1-valencia-exchange");
    let visit = same
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("2026-09-14 to 2026-09-15")
        })
        .unwrap();
    assert_eq!(named(visit), ["copy", "first", "other"]);
}

// One organisation (the same name and country) with two OIDs.
#[test]
fn one_organisation_with_two_oids_is_found() {
    let tmp = TempDir::new("portfolio-two-oids");
    let all = youth_exchanges(tmp.path(), 2);
    edit(&all[1], "partners/lyon.toml", "E10012345", "E10099999");
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let two = findings(&report, "CC517");
    assert_eq!(two.len(), 1);
    assert!(
        two[0]["message"]
            .as_str()
            .unwrap()
            .contains("2 different OIDs across the workspaces: E10012345, E10099999"),
        "{}",
        two[0]
    );
    let what: Vec<_> = two[0]["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["what"].as_str().unwrap())
        .collect();
    assert_eq!(what, ["OID E10012345", "OID E10099999"]);
}

// KA210 (Guide 2026 p. 244): "an organisation can apply only once per
// deadline". Two applications with the same applicant: CC515.
#[test]
fn a_small_scale_applicant_applies_once_per_deadline() {
    let tmp = TempDir::new("portfolio-ka210");
    add(tmp.path(), "one", "ka210-small-scale");
    add(tmp.path(), "two", "ka210-small-scale");
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let once = findings(&report, "CC515");
    assert_eq!(once.len(), 1, "{:#?}", report["findings"]);
    assert_eq!(named(once[0]), ["one", "two"]);
    assert_eq!(once[0]["note"], "source: Guide 2026 p. 244");
    // Two is within the 5 applications per deadline of p. 245.
    assert!(findings(&report, "CC514").is_empty());
}

// The output with every core is the output of one job, byte for byte, on
// stdout and stderr, human and JSON: 40 workspaces (more than one chunk
// of work per thread), some with errors of their own.
#[test]
fn parallel_output_equals_serial_output_byte_for_byte() {
    let tmp = TempDir::new("portfolio-parallel");
    let all = youth_exchanges(tmp.path(), 20);
    for ws in all.iter().step_by(3) {
        // Below the minimum of 16 participants of p. 158: an error of the workspace.
        edit(
            ws,
            "activities/a1-valencia-exchange.toml",
            "participants = 12",
            "participants = 2",
        );
    }
    for i in 1..=20 {
        add(tmp.path(), &format!("zz{i:02}"), "ka154-youth-participation");
    }
    for format in ["human", "json"] {
        let serial = check_all(tmp.path(), &["--jobs", "1", "--format", format]);
        let parallel = check_all(tmp.path(), &["--jobs", "4", "--format", format]);
        serial.expect_status(1);
        assert_eq!(parallel.status, serial.status);
        assert!(parallel.stdout == serial.stdout, "stdout differs ({format})");
        assert!(parallel.stderr == serial.stderr, "stderr differs ({format})");
    }
    // The order is the order of the paths.
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let paths: Vec<&str> = report["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 40);
}

// `check DIR DIR...` checks the folders named, sorted; a folder that is not
// a workspace cannot be read: exit status 2, the others still checked.
#[test]
fn check_of_several_folders_and_one_that_is_not_a_workspace() {
    let tmp = TempDir::new("portfolio-dirs");
    let b = add(tmp.path(), "b", "ka152-youth-exchange");
    let a = add(tmp.path(), "a", "ka154-youth-participation");
    let empty = tmp.path().join("c-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = coopcom([
        "check",
        b.to_str().unwrap(),
        a.to_str().unwrap(),
        empty.to_str().unwrap(),
        "--format",
        "json",
    ]);
    run.expect_status(2);
    let report = json(&run);
    let list = report["workspaces"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(list[0]["path"].as_str().unwrap().ends_with("/a"));
    assert!(list[1]["path"].as_str().unwrap().ends_with("/b"));
    assert!(list[2]["error"].is_string(), "{}", list[2]);
    assert_eq!(report["summary"]["unreadable"], 1);
}

// `--all` finds workspaces below the root, not inside one already found,
// not in hidden folders or target/.
#[test]
fn all_finds_workspaces_but_not_inside_one_nor_in_hidden_folders_or_target() {
    let tmp = TempDir::new("portfolio-walk");
    let outer = add(tmp.path(), "network/ye", "ka152-youth-exchange");
    copy_dir(&fixture("ka154-youth-participation"), &outer.join("inner"));
    add(tmp.path(), ".hidden/ws", "ka154-youth-participation");
    add(tmp.path(), "target/ws", "ka154-youth-participation");
    add(tmp.path(), "region/2026/kp", "ka154-youth-participation");
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let paths: Vec<String> = report["summary"]["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            Path::new(w["workspace"].as_str().unwrap())
                .strip_prefix(tmp.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(paths, ["network/ye", "region/2026/kp"]);
}

// The JSON document: one object per workspace, the findings, the summary.
#[test]
fn json_shape() {
    let tmp = TempDir::new("portfolio-json");
    youth_exchanges(tmp.path(), 6);
    let report = json(&check_all(tmp.path(), &["--format", "json"]));
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["findings", "summary", "workspaces"]);
    let ws = &report["workspaces"][0];
    assert!(ws["path"].as_str().unwrap().ends_with("ye1"));
    assert!(ws["diagnostics"].is_array());
    assert_eq!(ws["summary"]["errors"], 0);
    let f = &report["findings"][0];
    for key in ["code", "severity", "message", "help", "note", "workspaces"] {
        assert!(f.get(key).is_some(), "{key} missing in {f}");
    }
    for key in ["workspace", "at", "what"] {
        assert!(f["workspaces"][0].get(key).is_some(), "{key} missing");
    }
    let row = &report["summary"]["workspaces"][0];
    assert_eq!(row["action"], "KA152-YOU");
    assert_eq!(row["call"], 2026);
    assert_eq!(row["round"], 1);
    assert!(row["grant"].is_string());
    assert_eq!(row["errors"], 2);
    assert_eq!(report["summary"]["checked"], 6);
    assert_eq!(report["summary"]["errors"], 12);
}

// budget --all: the grants side by side with totals per action and round.
// KA210: lump sums of EUR 30 000 or 60 000 (Guide 2026 p. 249); KA220: EUR
// 120 000, 250 000 or 400 000 (p. 242).
//   KA210-YOU 2026 round 1: 30 000 + 60 000          =  90 000.00
//   KA220-ADU 2026 round 1: 250 000                  = 250 000.00
//   total                                            = 340 000.00
// A KA152 workspace with an error has no grant and is not in the totals
// (exit status 1).
#[test]
fn budget_all_totals_per_action_and_round() {
    let tmp = TempDir::new("portfolio-budget");
    add(tmp.path(), "ka210-a", "ka210-small-scale");
    let b = add(tmp.path(), "ka210-b", "ka210-small-scale");
    edit(&b, "budget.toml", "lump_sum = 30000", "lump_sum = 60000");
    edit(
        &b,
        "activities/a1-krakow-kickoff.toml",
        "grant = 15000",
        "grant = 30000",
    );
    edit(
        &b,
        "activities/a2-ljubljana-labs.toml",
        "grant = 15000",
        "grant = 30000",
    );
    add(tmp.path(), "ka220", "ka220-adult-education");
    let broken = add(tmp.path(), "ye", "ka152-youth-exchange");
    edit(
        &broken,
        "activities/a1-valencia-exchange.toml",
        "participants = 12",
        "participants = 2",
    );
    let root = tmp.path().to_str().unwrap();

    let run = coopcom(["budget", "--all", root, "--format", "json"]);
    run.expect_status(1);
    let v = json(&run);
    let grants: Vec<&Value> = v["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["grant"])
        .collect();
    assert_eq!(
        grants,
        [
            &Value::from("30000.00"),
            &Value::from("60000.00"),
            &Value::from("250000.00"),
            &Value::Null
        ]
    );
    assert_eq!(
        v["totals"],
        serde_json::json!([
            { "action": "KA210-YOU", "call": 2026, "round": 1, "workspaces": 2, "grant": "90000.00" },
            { "action": "KA220-ADU", "call": 2026, "round": 1, "workspaces": 1, "grant": "250000.00" }
        ])
    );
    assert_eq!(v["total"], "340000.00");

    let csv = coopcom(["budget", "--all", root, "--format", "csv"]);
    let lines: Vec<&str> = csv.stdout.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\"row\",\"workspace\",\"action\",\"call\",\"round\",\"grant\",\"errors\",\"workspaces\""
    );
    assert!(
        lines.contains(&"\"total\",\"\",\"KA210-YOU\",2026,1,90000.00,,2"),
        "{}",
        csv.stdout
    );
    assert!(
        lines.contains(&"\"total\",\"\",\"KA220-ADU\",2026,1,250000.00,,1"),
        "{}",
        csv.stdout
    );

    let table = coopcom(["budget", "--all", root]);
    let last = table.stdout.lines().last().unwrap();
    let plain = last.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        plain.starts_with("total") && plain.ends_with("EUR 340 000.00"),
        "{}",
        table.stdout
    );
    let ye = table.stdout.lines().find(|l| l.contains("/ye ")).unwrap();
    assert!(ye.ends_with(" errors"), "{ye}");
}
