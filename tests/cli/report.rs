//! `coopcom report`: the realised grant computed again by the one budget
//! engine from what took place, worked out by hand from the tables of the
//! Programme Guide 2026 and matched to the cent; the final grant capped at
//! the awarded maximum; cancelled KA210 activities not paid; the checks run
//! again on what took place; `report init` never overwrites.

use serde_json::Value;

use crate::support::{Ws, coopcom, fixture};

fn report_json(dir: &std::path::Path, status: i32) -> Value {
    let run = coopcom([
        "report".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(status);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

fn activity<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no activity {id} in {v}"))
}

// KA153 professional development activity in Ljubljana (SI), 1 July to
// 29 August 2026 = 60 activity days, as planned in tests/budget.rs
// (15 329.00). Two of the six youth workers from Kraków did not come:
// Flow 1, from Kraków: 4 participants, 780 km (500-1999 km), standard.
//   travel       4 x 309 (p. 175)                                = 1 236.00
//   individual   62 days x 78 (A2.2 Slovenia, p. 178) = 4 836 > 1 100:
//                4 x 1 100 (cap, p. 176)                         = 4 400.00
//   organisational 4 x 125 (p. 175)                              =   500.00
//   inclusion (org.) 1 x 125 (p. 176)                            =   125.00
// Flow 2, from Ljubljana, unchanged: 5 x 1 100 + 4 x 125         = 6 000.00
// Realised                                                        12 261.00
// Awarded 15 329.00, so the final grant is the realised 12 261.00.
// Other income 2 450 + 500 = 2 950.00; total resources 15 211.00.
#[test]
fn ka153_flow_that_came_with_two_fewer_people() {
    let v = report_json(&fixture("report-ka153"), 0);
    assert_eq!(v["planned"], "15329.00");
    assert_eq!(v["realised"], "12261.00");
    assert_eq!(v["awarded"], "15329.00");
    assert_eq!(v["final_grant"], "12261.00");
    assert_eq!(v["income_total"], "2950.00");
    assert_eq!(v["total_resources"], "15211.00");
    let a = activity(&v, "a1-long");
    assert_eq!(a["outcome"], "reported");
    assert_eq!(a["planned_grant"], "15329.00");
    assert_eq!(a["realised_grant"], "12261.00");
    let krakow = &a["flows"][0];
    assert_eq!(krakow["from"], "krakow");
    assert_eq!(krakow["planned"]["participants"], 6);
    assert_eq!(krakow["realised"]["participants"], 4);
    assert_eq!(krakow["realised"]["women"], 3);
    assert_eq!(krakow["realised"]["band"], "500-1999 km");
    // Targets: 8 of 10 youth workers (missed, 80 %), 300 of 200 people (met, 150 %).
    let t = v["targets"].as_array().unwrap();
    assert_eq!(
        (t[0]["status"].as_str(), t[0]["percent"].as_str()),
        (Some("missed"), Some("80"))
    );
    assert_eq!(
        (t[1]["status"].as_str(), t[1]["percent"].as_str()),
        (Some("met"), Some("150"))
    );
    assert_eq!(v["income"][0]["kind"], "crowdfunding");
    assert_eq!(v["follow_ups"][0]["status"], "selected");
    // The table and Markdown say the same.
    let table = coopcom(["report".as_ref(), fixture("report-ka153").as_os_str()]);
    table.expect_status(0);
    assert!(
        table.stdout.contains("Final grant:     EUR 12 261.00"),
        "{}",
        table.stdout
    );
    let md = coopcom([
        "report".as_ref(),
        fixture("report-ka153").as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
    ]);
    md.expect_status(0);
    assert!(md.stdout.contains("| workers-trained |"), "{}", md.stdout);
}

// KA152 youth exchange in Valencia (ES), 14-21 September 2026 = 8 days,
// planned at 26 553.50 (tests/budget.rs). Lyon came with 12 young people
// instead of 10, with the same 2 group leaders: 14 persons.
//   travel       14 x 417 (green, p. 161)          = 5 838.00  (+  834.00)
//   individual   14 x (8 + 4) x 58 (A2.1 ES, p. 163) = 9 744.00 (+ 1 392.00)
//   organisational 12 x 125 (p. 161)               = 1 500.00  (+  250.00)
// Realised 26 553.50 + 2 476.00 = 29 029.50; the grant agreement's
// maximum is 26 553.50, so the final grant is 26 553.50. The preparatory
// visit has no results file: it is "not reported yet" and the plan stands.
#[test]
fn ka152_more_participants_than_planned_is_capped_at_awarded() {
    let v = report_json(&fixture("report-ka152"), 0);
    assert_eq!(v["planned"], "26553.50");
    assert_eq!(v["realised"], "29029.50");
    assert_eq!(v["awarded"], "26553.50");
    assert_eq!(v["final_grant"], "26553.50");
    let a = activity(&v, "a1-exchange");
    assert_eq!(a["realised_grant"], "26989.50");
    assert_eq!(a["flows"][0]["realised"]["persons"], 14);
    assert_eq!(activity(&v, "a0-prep")["outcome"], "not reported yet");
}

// The same exchange where only 3 young people came from Valencia: a group
// under the minimum of 4 (Guide 2026 p. 158) is reported at the results
// file's line, not silently paid, and the report exits 1.
#[test]
fn a_group_of_three_in_a_youth_exchange_is_reported() {
    let ws = Ws::copy("report-ka152", "report-group-of-three");
    let rel = "results/activities/a1-exchange.toml";
    let text = ws.read(rel).replacen(
        "participants = 10\nfewer_opportunities = 2",
        "participants = 3\nfewer_opportunities = 1",
        1,
    );
    ws.write(rel, text);
    let line = ws.line_of(rel, "participants = 3");
    let v = report_json(ws.root(), 1);
    let d = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CC606")
        .unwrap_or_else(|| panic!("no CC606 in {v}"));
    assert_eq!(d["file"], rel);
    assert_eq!(d["line"], line as u64);
    // `check` judges the plan, which is eligible; the report judges what happened.
    ws.check().passes();
}

// KA210 small-scale partnership, lump sum 60 000 split 20 000 (a1),
// 25 000 (a2) and 15 000 (a3). The travelling exhibition (a3) was
// cancelled: an activity not carried out is not paid (Guide 2026 p. 250,
// "Payment"). Realised 60 000 - 15 000 = 45 000.00; awarded 60 000, so
// the final grant is 45 000.00.
#[test]
fn ka210_cancelled_activity_share_is_not_paid() {
    let v = report_json(&fixture("report-ka210"), 0);
    assert_eq!(v["planned"], "60000.00");
    assert_eq!(v["realised"], "45000.00");
    assert_eq!(v["unpaid_shares"], "15000.00");
    assert_eq!(v["final_grant"], "45000.00");
    let a = activity(&v, "a3-exhibition");
    assert_eq!(a["outcome"], "cancelled");
    assert_eq!(a["realised_grant"], "0.00");
    assert!(a["realised_days"].is_null());
}

#[test]
fn results_references_and_keys_are_checked_with_their_place() {
    let ws = Ws::copy("report-ka153", "report-references");
    ws.write(
        "results/activities/a1-lnog.toml",
        ws.read("results/activities/a1-long.toml"),
    );
    let line = ws.edit(
        "results/report.toml",
        "target = \"public-reached\"",
        "target = \"public-reachd\"",
    );
    ws.edit(
        "results/report.toml",
        "awarded = \"15329.00\"",
        "awardd = \"15329.00\"",
    );
    let a1 = "results/activities/a1-long.toml";
    let from = ws.edit(a1, "from = \"krakow\"", "from = \"krakw\"");
    let women = ws.edit(a1, "women = 2", "women = 5");
    let reference = ws.edit(
        "results/report.toml",
        "reference = \"2026-1-SI01-KA153-YOU-000123456\"",
        "reference = \"SI01-123\"",
    );
    let r = ws.check();
    r.fails();
    r.at("CC201", "results/activities/a1-lnog.toml", 1, 1)
        .helps("results/activities/a1-long.toml");
    r.on_line("CC201", "results/report.toml", line)
        .helps("public-reached");
    r.one("CC102").helps("awarded");
    // The realised flows are checked as the plan's are (a sending partner
    // that does not exist, more women than participants), and the grant
    // agreement's number as the project's.
    r.on_line("CC201", a1, from).helps("krakow");
    r.on_line("CC112", a1, women);
    r.on_line("CC511", "results/report.toml", reference);
}

#[test]
fn report_init_copies_the_plan_and_never_overwrites() {
    let ws = Ws::copy("budget-ka152", "report-init");
    ws.write("results/activities/a1-exchange.toml", "# ours\n");
    ws.write(".gitignore", "/build/");
    let run = coopcom(["report".as_ref(), "init".as_ref(), ws.root().as_os_str()]);
    run.expect_status(0);
    assert_eq!(ws.read("results/activities/a1-exchange.toml"), "# ours\n");
    assert!(
        ws.read("results/activities/a0-prep.toml")
            .contains("prepares = \"a1-exchange\"")
    );
    assert!(ws.read("results/report.toml").contains("[grant]"));
    assert_eq!(ws.read(".gitignore"), "/build/\nprivate/\n");
    // A second run changes nothing.
    let before = crate::support::snapshot_tree(ws.root());
    coopcom(["report".as_ref(), "init".as_ref(), ws.root().as_os_str()]).expect_status(0);
    assert_eq!(crate::support::snapshot_tree(ws.root()), before);
    // What init wrote is read back without a finding about its keys.
    ws.write(
        "results/activities/a1-exchange.toml",
        ws.read("activities/a1-exchange.toml"),
    );
    let r = ws.check();
    r.passes();
    r.absent("CC102");
    let v = report_json(ws.root(), 0);
    assert_eq!(v["realised"], v["planned"]);
    assert!(v["awarded"].is_null());
}

// On a workspace made by `init`, the copies point their `#:schema` line at
// the results schema, two folders down, which `init` wrote beside the
// others; `.gitignore` already ignores private/.
#[test]
fn report_init_after_init_points_at_the_results_schemas() {
    let tmp = crate::support::TempDir::new("report-init-after-init");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA153-YOU".as_ref(),
    ])
    .expect_status(0);
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "private/"), "{gitignore}");
    coopcom(["report".as_ref(), "init".as_ref(), dir.as_os_str()]).expect_status(0);
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
        gitignore
    );
    let copies: Vec<_> = std::fs::read_dir(dir.join("results/activities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!copies.is_empty());
    for c in copies {
        let text = std::fs::read_to_string(&c).unwrap();
        assert!(
            text.starts_with("#:schema ../../.coopcom/schema/results-activity.schema.json\n"),
            "{text}"
        );
    }
    assert!(dir.join(".coopcom/schema/results-activity.schema.json").is_file());
    let report = std::fs::read_to_string(dir.join("results/report.toml")).unwrap();
    assert!(
        report.starts_with("#:schema ../.coopcom/schema/report.schema.json\n"),
        "{report}"
    );
}

// The example, COOPCOM REFUGEES, after the project: the three steps as
// planned (the grant worked out by hand in tests/budget.rs: 24 408 + 21 498
// + 20 183 = 66 089.00), 72 participants of whom 48 women, 300 people
// reached, 3 700 visitors of the campaign page, the crowdfunding income
// (illustrative 2 500.00) and a follow-up project selected.
#[test]
fn the_example_reports_its_results() {
    let example = crate::support::repo().join("examples/coopcom-refugees");
    let v = report_json(&example, 0);
    assert_eq!(v["planned"], "66089.00");
    assert_eq!(v["realised"], "66089.00");
    assert_eq!(v["final_grant"], "66089.00");
    assert_eq!(v["total_resources"], "68589.00");
    let flows: Vec<&Value> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|a| assert_eq!(a["outcome"], "reported"))
        .flat_map(|a| a["flows"].as_array().unwrap())
        .collect();
    let sum = |key: &str| -> u64 { flows.iter().map(|f| f["realised"][key].as_u64().unwrap()).sum() };
    assert_eq!((sum("participants"), sum("women")), (72, 48));
    let target = |id: &str| {
        v["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(target("dissemination-reach")["actual"], "300");
    assert_eq!(target("campaign-visitors")["actual"], "3700");
    assert_eq!(target("women-trained")["status"], "met");
    assert_eq!(target("network")["status"], "not reported");
    assert_eq!(v["income"][0]["kind"], "crowdfunding");
    assert_eq!(v["follow_ups"][0]["status"], "selected");
}

// `private/` holds personal data: it is never read into the model, never
// reported as a stray file, and nothing under it reaches the rendered
// draft (its text files, searched byte for byte) or the report.
#[test]
fn nothing_under_private_reaches_an_output() {
    let ws = Ws::copy("report-ka153", "report-private");
    let marker = "Zofia Privatna-Testowa";
    ws.write(
        "private/roster-a1-long.csv",
        format!("name,organisation,gender\n{marker},krakow,F\n"),
    );
    ws.check().passes().absent("CC111");
    let out = crate::support::TempDir::new("report-private-out");
    coopcom([
        "render".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ])
    .expect_status(0);
    let report = coopcom([
        "report".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    report.expect_status(0);
    assert!(!report.stdout.contains(marker));
    let files = crate::support::snapshot_tree(out.path());
    assert!(files.len() > 2, "{:?}", files.keys());
    for (name, bytes) in files {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "{name} holds a name from private/"
        );
    }
}

// KA220 cooperation partnership (tests/fixtures/report-ka220), lump sum
// 250 000 (one of the three amounts, Guide 2026 p. 242) split 50 000 for
// management (WP1, 20 %, the most p. 243 allows), 100 000 (WP2) and
// 100 000 (WP3). The pilots (WP3) were not carried out. The Guide, p. 243
// ("Payment arrangements"): reductions may be applied at final report stage
// "by not accepting single work-packages or activities, or by reducing the
// overall amount by a flat-rate percentage". The exact cut is the
// agency's; coopcom assumes the whole share and marks it `assumed`:
// realised 250 000 - 100 000 = 150 000.00; awarded 250 000, so the final
// grant is 150 000.00.
#[test]
fn ka220_cancelled_work_package_share_is_not_paid_and_marked_assumed() {
    let v = report_json(&fixture("report-ka220"), 0);
    assert_eq!(v["planned"], "250000.00");
    assert_eq!(v["realised"], "150000.00");
    assert_eq!(v["unpaid_shares"], "100000.00");
    assert_eq!(v["unpaid_status"], "assumed");
    assert!(v["unpaid_basis"].as_str().unwrap().contains("p. 243"), "{v}");
    assert_eq!(v["final_grant"], "150000.00");
    let wps = v["work_packages"].as_array().unwrap();
    let wp = |id: &str| wps.iter().find(|w| w["id"] == id).unwrap();
    assert_eq!(wp("wp3-pilots")["outcome"], "cancelled");
    assert_eq!(wp("wp3-pilots")["planned_grant"], "100000.00");
    assert_eq!(wp("wp3-pilots")["realised_grant"], "0.00");
    assert_eq!(wp("wp2-curriculum")["outcome"], "carried out");
    assert_eq!(wp("wp2-curriculum")["realised_grant"], "100000.00");
    assert_eq!(wp("wp1-management")["realised_grant"], "50000.00");

    // The final report draft says the amount is assumed, with the page.
    let out = crate::support::TempDir::new("report-ka220-render");
    coopcom([
        "render".as_ref(),
        fixture("report-ka220").as_os_str(),
        "--report".as_ref(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ])
    .expect_status(0);
    let md = std::fs::read_to_string(out.path().join("final-report.md")).unwrap();
    assert!(md.contains("| **Final grant** | **EUR 150 000.00** |"), "{md}");
    assert!(md.contains("is assumed: the Programme Guide (p. 243)"), "{md}");
    assert!(
        md.contains("| wp3-pilots: Pilots and dissemination | cancelled | EUR 100 000.00 | EUR 0.00 |"),
        "{md}"
    );
    // The summary names what was not carried out, and the grant paid.
    let txt = std::fs::read_to_string(out.path().join("results-summary.txt")).unwrap();
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Two of them were carried out; not carried out: Pilots and dissemination"),
        "{txt}"
    );
    assert!(flat.contains("an Erasmus+ grant of EUR 150 000.00"), "{txt}");
}

// A results work package must be a planned one, reported at its file.
#[test]
fn a_results_work_package_that_is_not_planned_is_reported() {
    let ws = Ws::copy("report-ka220", "report-ka220-unknown");
    ws.write("results/work-packages/wp3-pilot.toml", "cancelled = true\n");
    ws.check()
        .on_line("CC201", "results/work-packages/wp3-pilot.toml", 1)
        .error()
        .helps("results/work-packages/wp3-pilots.toml");
    ws.write("results/work-packages/wp2-curriculum.toml", "canceled = true\n");
    ws.check()
        .on_line("CC102", "results/work-packages/wp2-curriculum.toml", 1);
}
