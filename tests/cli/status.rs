//! `coopcom status`: the form's fields filled, empty, missing or over their
//! limit, organisations without an OID, days to the deadline. Every test
//! passes `--today`, so none depends on the clock.

use serde_json::Value;

use crate::support::*;

const KA153: &str = "ka153-youth-workers";

fn status(ws: &Ws, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec!["status".into(), ws.root().into()];
    args.extend(extra.iter().map(|a| a.into()));
    coopcom(args)
}

#[track_caller]
fn json(ws: &Ws, today: &str) -> (Run, Value) {
    let run = status(ws, &["--format", "json", "--today", today]);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    (run, v)
}

/// The field `section/key` of the JSON report.
fn field<'v>(v: &'v Value, section: &str, key: &str) -> &'v Value {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == section)
        .and_then(|s| s["fields"].as_array().unwrap().iter().find(|f| f["key"] == key))
        .unwrap_or_else(|| panic!("no field {section}/{key} in {v}"))
}

#[test]
fn a_complete_workspace_counts_every_field_filled_and_the_days_left() {
    let ws = Ws::copy(KA153, "status_complete");
    let (run, v) = json(&ws, "2026-01-15");
    run.expect_status(0);
    assert_eq!(v["deadline"], "2026-02-12");
    assert_eq!(v["today"], "2026-01-15");
    assert_eq!(v["days_left"], 28);
    let f = &v["fields"];
    // 3 summary + 2 x 3 organisations + 6 rationale + 5 design + 10
    // management fields asked for, and 2 design fields answered although
    // coopcom does not ask for them (measures, environment).
    assert_eq!(f["filled"], 32);
    // Not asked for and without text: contributions, 6 design and 1
    // management yes-or-no questions (flows without a justification of
    // expenses are not listed).
    assert_eq!(f["optional"], 8);
    assert_eq!(f["total"], 40);
    assert_eq!(
        f["empty"].as_u64().unwrap() + f["missing"].as_u64().unwrap() + f["over"].as_u64().unwrap(),
        0
    );
    assert_eq!(v["organisations_without_oid"], 0);
    assert_eq!(v["organisations"].as_array().unwrap().len(), 3);
    assert_eq!(v["errors"], 0);
    let objectives = field(&v, "summary", "objectives");
    assert_eq!(objectives["state"], "filled");
    assert!(objectives["chars"].as_u64().unwrap() > 0);
    assert_eq!(objectives["limit"], 5000);
    assert_eq!(objectives["limit_assumed"], false);
    assert_eq!(objectives["limit_status"], "secondary");
    assert_eq!(
        objectives["limit_source"],
        "https://youthexchanges.eu/exchanges/knowledge-base/application/how-to-complete-the-application/"
    );
    assert_eq!(objectives["file"], "narrative/summary/objectives.md");
    // Organisation fields name their organisation; the applicant comes first.
    let orgs = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "organisations")
        .unwrap();
    assert_eq!(orgs["scope"], "organisation");
    let entities: Vec<&str> = orgs["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities,
        ["valencia", "valencia", "lyon", "lyon", "krakow", "krakow"]
    );
    let ids: Vec<&str> = v["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["valencia", "lyon", "krakow"]);
}

#[test]
fn status_says_where_each_limit_comes_from() {
    let ws = Ws::copy("ka210-small-scale", "status_limits");
    let human = status(&ws, &["--today", "2026-01-15"]);
    human.expect_status(0);
    let out = &human.stdout;
    let line = |key: &str| {
        out.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(key))
            .unwrap_or_else(|| panic!("no line for {key}:\n{out}"))
            .to_string()
    };
    assert!(
        line("krakow/presentation").ends_with("/ 1000 secondary"),
        "{}",
        line("krakow/presentation")
    );
    assert!(
        line("krakow/years").ends_with("/ 1000 assumed"),
        "{}",
        line("krakow/years")
    );
    assert!(
        line("objectives").ends_with("/ 3000 secondary"),
        "{}",
        line("objectives")
    );
    let from = out
        .split("Where the character limits come from\n")
        .nth(1)
        .unwrap();
    // Four fields per organisation (8) at 1 000; 6 + 4 + 2 + 1 project fields
    // at 3 000; 5 per activity (10) at 2 000; 3 summary fields at 500; the
    // two organisation questions IB gives no limit for (4) assumed.
    for expected in [
        "   1000  secondary    8 fields: https://github.com/ibay46/-erasmus-plus-portal",
        "   1000  assumed      4 fields: coopcom",
        "   3000  secondary    13 fields: https://github.com/ibay46/-erasmus-plus-portal",
        "   2000  secondary    10 fields: https://github.com/ibay46/-erasmus-plus-portal",
        "    500  secondary    3 fields: https://github.com/ibay46/-erasmus-plus-portal",
    ] {
        assert!(from.contains(&format!("{expected}\n")), "{expected}\n{from}");
    }
}

#[test]
fn empty_missing_and_over_the_limit_fields_are_marked() {
    let ws = Ws::copy(KA153, "status_states");
    ws.write(
        "narrative/summary/objectives.md",
        "<!-- to write after the partner meeting -->\n",
    );
    ws.remove("narrative/summary/results.md");
    let (_, before) = json(&ws, "2026-01-15");
    let limit = field(&before, "rationale", "needs")["limit"].as_u64().unwrap() as usize;
    ws.write("narrative/rationale/needs.md", "word ".repeat(limit / 5 + 20));
    let (run, v) = json(&ws, "2026-01-15");
    run.expect_status(0);
    assert_eq!(field(&v, "summary", "objectives")["state"], "empty");
    assert_eq!(field(&v, "summary", "objectives")["chars"], 0);
    assert_eq!(field(&v, "summary", "results")["state"], "missing");
    let needs = field(&v, "rationale", "needs");
    assert_eq!(needs["state"], "over");
    assert!(needs["chars"].as_u64().unwrap() as usize > limit);
    let f = &v["fields"];
    assert_eq!(
        (f["empty"].as_u64(), f["missing"].as_u64(), f["over"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(f["filled"], 29);

    let human = status(&ws, &["--today", "2026-01-15"]);
    human.expect_status(0);
    let out = &human.stdout;
    assert!(
        out.contains(
            "form: 29 of 32 fields filled, 1 empty, 1 missing, 1 over the limit; 8 fields not asked for without text"
        ),
        "{out}"
    );
    let line = |key: &str| {
        out.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(key))
            .unwrap_or_else(|| panic!("no line for {key}:\n{out}"))
            .to_string()
    };
    assert!(line("objectives").contains("✗") && line("objectives").contains("empty"));
    assert!(line("results").contains("✗") && line("results").contains("missing"));
    assert!(
        line("needs").contains("✗") && line("needs").contains(" over"),
        "{}",
        line("needs")
    );
    assert!(line("activities").contains("✓") && line("activities").contains("filled"));
}

#[test]
fn organisations_without_an_oid_are_listed() {
    let ws = Ws::copy(KA153, "status_oid");
    ws.edit("partners/lyon.toml", "oid = \"E10045678\"", "");
    let (_, v) = json(&ws, "2026-01-15");
    assert_eq!(v["organisations_without_oid"], 1);
    let lyon = v["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "lyon")
        .unwrap();
    assert_eq!(lyon["oid"], Value::Null);
    let human = status(&ws, &["--today", "2026-01-15"]).stdout;
    let line = human.lines().find(|l| l.contains(" lyon ")).unwrap();
    assert!(
        line.contains("✗") && line.contains("no Organisation ID"),
        "{line}"
    );
    let line = human.lines().find(|l| l.contains(" krakow ")).unwrap();
    assert!(line.contains("✓") && line.contains("E10056789"), "{line}");
}

#[test]
fn days_left_count_down_to_the_deadline_and_past_it() {
    let ws = Ws::copy(KA153, "status_days");
    for (today, left, says) in [
        ("2026-02-11", 1, "1 day left"),
        ("2026-02-12", 0, "today"),
        ("2026-02-20", -8, "passed 8 days ago"),
    ] {
        let (_, v) = json(&ws, today);
        assert_eq!(v["days_left"], left, "{today}");
        let human = status(&ws, &["--today", today]).stdout;
        let first = human.lines().nth(1).unwrap();
        assert!(
            first.contains("deadline 2026-02-12") && first.contains(says),
            "{first}"
        );
    }
}

#[test]
fn a_workspace_with_errors_exits_1_with_the_report() {
    let ws = Ws::copy(KA153, "status_errors");
    ws.edit("partners/lyon.toml", "country = \"FR\"", "country = \"France\"");
    let (run, v) = json(&ws, "2026-01-15");
    run.expect_status(1);
    assert!(v["errors"].as_u64().unwrap() >= 1);
    assert_eq!(v["fields"]["total"], 40);
    let human = status(&ws, &["--today", "2026-01-15"]);
    human.expect_status(1);
    assert!(human.stdout.contains("check: 1 error"), "{}", human.stdout);
}

#[test]
fn a_bad_today_exits_2() {
    let ws = Ws::copy(KA153, "status_bad_today");
    let run = status(&ws, &["--today", "15/01/2026"]);
    run.expect_status(2);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn the_example_has_three_organisations_without_an_oid() {
    let run = coopcom([
        "status".as_ref(),
        repo().join("examples/coopcom-refugees").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--today".as_ref(),
        "2026-01-15".as_ref(),
    ]);
    run.expect_status(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["organisations_without_oid"], 3);
    assert_eq!(v["action"], "KA153-YOU");
    assert_eq!((v["call"].as_u64(), v["round"].as_u64()), (Some(2026), Some(1)));
}

#[test]
fn colours_only_when_asked() {
    let ws = Ws::copy(KA153, "status_colour");
    let plain = status(&ws, &["--today", "2026-01-15", "--color", "never"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let coloured = status(&ws, &["--today", "2026-01-15", "--color", "always"]);
    assert!(coloured.stdout.contains("\u{1b}[32m✓"), "{}", coloured.stdout);
}
