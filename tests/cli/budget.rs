//! `coopcom budget`: each action's grant worked out by hand from the tables
//! of the Programme Guide 2026, line by line, and matched to the cent;
//! distances and bands; the JSON and CSV formats; no budget with errors.

use serde_json::Value;

use crate::support::{TempDir, Ws, budget_json, coopcom, fixture};

fn amount(v: &Value, activity: &str, flow: Option<u64>, category: &str) -> String {
    let lines = v["lines"].as_array().unwrap();
    let hits: Vec<&Value> = lines
        .iter()
        .filter(|l| {
            l["activity"].as_str() == Some(activity)
                && l["flow"].as_u64() == flow
                && l["category"] == category
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one {category} line for {activity} flow {flow:?}, found {hits:?}"
    );
    hits[0]["amount"].as_str().unwrap().to_string()
}

// The amount of the one project-level line of a category.
fn project_amount(v: &Value, category: &str) -> String {
    let hits: Vec<&Value> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["activity"].is_null() && l["category"] == category)
        .collect();
    assert_eq!(hits.len(), 1, "one project-level {category} line, found {hits:?}");
    hits[0]["amount"].as_str().unwrap().to_string()
}

// KA152 youth exchange in Valencia (ES), 14-21 September 2026 = 8 activity
// days, with a preparatory visit and real costs.
//
// Flow 1, from Lyon: 10 participants + 2 group leaders = 12 persons,
// distance_km = 1050 (500-1999 km band), green travel, 4 travel days.
//   travel       12 x 417 (green, p. 161)                        = 5 004.00
//   individual   12 x (8 + 4 days) x 58 (A2.1 Spain, p. 163)     = 8 352.00
//   organisational 10 participants x 125 (p. 161)               = 1 250.00
//   inclusion (org.) 3 with fewer opportunities x 125 (p. 162)   =   375.00
// Flow 2, from Valencia itself (0 km, no travel grant): 10 participants
// + 1 group leader + 2 facilitators = 13 persons, no travel days.
//   individual   13 x 8 days x 58                                = 6 032.00
//   organisational 10 x 125                                      = 1 250.00
//   inclusion (org.) 2 x 125                                     =   250.00
// budget.toml: inclusion support for participants 1 200.50 at 100 %
// = 1 200.50; a financial guarantee of 1 000 at 80 % (p. 163) = 800.00.
// Preparatory visit (p. 162): from Lyon 1 young person + 1 group leader
// = 2 funded x 680 = 1 360.00, plus 1 facilitator x 680 = 680.00; the
// receiving organisation's group leader is not funded.
// Total: 24 513.50 (exchange) + 2 040.00 (visit) = 26 553.50.
#[test]
fn ka152_youth_exchange_with_preparatory_visit_and_real_costs() {
    let v = budget_json(&fixture("budget-ka152"));
    assert_eq!(amount(&v, "a1-exchange", Some(1), "travel"), "5004.00");
    assert_eq!(
        amount(&v, "a1-exchange", Some(1), "individual-support"),
        "8352.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", Some(1), "organisational-support"),
        "1250.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", Some(1), "inclusion-support-for-organisations"),
        "375.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", Some(2), "individual-support"),
        "6032.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", Some(2), "organisational-support"),
        "1250.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", Some(2), "inclusion-support-for-organisations"),
        "250.00"
    );
    assert_eq!(
        amount(&v, "a1-exchange", None, "inclusion-support-for-participants"),
        "1200.50"
    );
    assert_eq!(amount(&v, "a1-exchange", None, "exceptional-costs"), "800.00");
    assert_eq!(amount(&v, "a0-prep", Some(1), "preparatory-visits"), "1360.00");
    assert_eq!(amount(&v, "a0-prep", None, "preparatory-visits"), "680.00");
    assert_eq!(v["total"], "26553.50");
    // The receiving organisation's person on the visit is not funded: a
    // warning at that flow.
    let check = coopcom([
        "check".as_ref(),
        fixture("budget-ka152").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    check.expect_status(0);
    let report: Value = serde_json::from_str(&check.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CC711")
        .expect("CC711");
    assert_eq!(d["file"], "activities/a0-prep.toml");
    assert_eq!(d["line"], 18);
}

// KA153 professional development activity in Ljubljana (SI), 1 July to
// 29 August 2026 = 60 activity days: individual support hits the cap of
// 1 100 per person (p. 176, applied per activity).
// Flow 1, from Kraków: 6 participants, 780 km (500-1999 km), standard.
//   travel       6 x 309                                         = 1 854.00
//   individual   62 days x 78 (A2.2 Slovenia, p. 178) = 4 836 > 1 100:
//                6 x 1 100                                       = 6 600.00
//   organisational 6 x 125 (p. 175)                              =   750.00
//   inclusion (org.) 1 x 125                                     =   125.00
// Flow 2, from Ljubljana (local): 4 participants + 1 trainer.
//   individual   60 x 78 = 4 680 > 1 100: 5 x 1 100              = 5 500.00
//   organisational 4 x 125                                       =   500.00
// Total                                                          15 329.00
#[test]
fn ka153_long_activity_hits_the_individual_support_cap() {
    let v = budget_json(&fixture("budget-ka153"));
    assert_eq!(amount(&v, "a1-long", Some(1), "travel"), "1854.00");
    assert_eq!(amount(&v, "a1-long", Some(1), "individual-support"), "6600.00");
    assert_eq!(amount(&v, "a1-long", Some(1), "organisational-support"), "750.00");
    assert_eq!(
        amount(&v, "a1-long", Some(1), "inclusion-support-for-organisations"),
        "125.00"
    );
    assert_eq!(amount(&v, "a1-long", Some(2), "individual-support"), "5500.00");
    assert_eq!(amount(&v, "a1-long", Some(2), "organisational-support"), "500.00");
    assert_eq!(v["total"], "15329.00");
}

// KA154 over 12 months (1 June 2026 to 31 May 2027).
//   project management 12 months x 500 (p. 190)                  = 6 000.00
//   event in Bologna, 30 young people attending x 100 (p. 191)   = 3 000.00
//     (all local: no travel, and no individual support since no one travels)
//   mobility to Lyon, 8 participants, 420 km (100-499 km), standard:
//     travel 8 x 211                                             = 1 688.00
//     individual 8 x (4 + 2 days) x 67 (A2.1 France, p. 194)     = 3 216.00
//     inclusion (org.) 2 x 125 (p. 193)                          =   250.00
//   coaching 5 days x 241 (table B3, Italy in group 1, p. 191)   = 1 205.00
// Total                                                          15 359.00
#[test]
fn ka154_management_event_and_mobility() {
    let v = budget_json(&fixture("budget-ka154"));
    assert_eq!(
        amount(&v, "a1-event", None, "youth-participation-events"),
        "3000.00"
    );
    assert_eq!(amount(&v, "a2-mobility", Some(1), "travel"), "1688.00");
    assert_eq!(
        amount(&v, "a2-mobility", Some(1), "individual-support"),
        "3216.00"
    );
    assert_eq!(
        amount(&v, "a2-mobility", Some(1), "inclusion-support-for-organisations"),
        "250.00"
    );
    assert_eq!(project_amount(&v, "project-management"), "6000.00");
    assert_eq!(project_amount(&v, "coaching-costs"), "1205.00");
    assert_eq!(v["total"], "15359.00");
}

// KA210: the lump sum of 60 000 (p. 249) split over three activities
// (20 000 + 25 000 + 15 000).
#[test]
fn ka210_small_scale_lump_sum_split() {
    let v = budget_json(&fixture("budget-ka210"));
    assert_eq!(amount(&v, "a1-kickoff", None, "lump-sum"), "20000.00");
    assert_eq!(amount(&v, "a2-workshops", None, "lump-sum"), "25000.00");
    assert_eq!(amount(&v, "a3-exhibition", None, "lump-sum"), "15000.00");
    assert_eq!(v["total"], "60000.00");
}

// KA220: the lump sum of 250 000 (p. 242): project management 50 000
// (exactly the 20 % allowed, p. 243) and two work packages of 100 000.
#[test]
fn ka220_cooperation_lump_sum_and_management_share() {
    let v = budget_json(&fixture("budget-ka220"));
    assert_eq!(amount(&v, "wp1-management", None, "lump-sum"), "50000.00");
    assert_eq!(amount(&v, "wp2-curriculum", None, "lump-sum"), "100000.00");
    assert_eq!(amount(&v, "wp3-pilots", None, "lump-sum"), "100000.00");
    assert_eq!(v["total"], "250000.00");
    let by: Vec<&str> = v["by_category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["lump-sum"]);
}

// The bundled example, COOPCOM REFUGEES (KA153-YOU), worked out by hand.
// Rates: travel bands (p. 175), A2.2 individual support (p. 178: ES 81,
// FR 85, TR 68), organisational support 125 per participant (p. 175),
// inclusion support for organisations 125 (p. 176); trainers count for
// travel and individual support only. Each activity has 8 youth workers per
// group; the host's group travels under 10 km, with its trainer.
// a1 Castelldefels, 18-22 December 2026 (5 days):
//   alc (Nice, 510 km, green): 8 x 417 + 8 x 7 x 81 + 1 000 + 2 x 125 =  9 122
//   gavina (local, 8 + 1 trainer): 9 x 5 x 81 + 1 000 + 2 x 125        =  4 895
//   kepder (Istanbul, 2 250 km): 8 x 395 + 8 x 7 x 81 + 1 000 + 375    =  9 071
//   inclusion support for participants 600 + visas 720 (100 %, p. 177)   =  1 320
//                                                                 subtotal 24 408
// a2 Nice, 26-29 March 2027 (4 days):
//   alc (local, 8 + 1): 9 x 4 x 85 + 1 000 + 250                       =  4 310
//   gavina (510 km, green): 8 x 417 + 8 x 6 x 85 + 1 000 + 250         =  8 666
//   kepder (1 801 km): 8 x 309 + 8 x 6 x 85 + 1 000 + 250              =  7 802
//   visas 720                                                          =    720
//                                                                 subtotal 21 498
// a3 Istanbul, 25-29 June 2027 (5 days):
//   alc (1 801 km): 8 x 309 + 8 x 7 x 68 + 1 000 + 3 x 125             =  7 655
//   gavina (2 250 km): 8 x 395 + 8 x 7 x 68 + 1 000 + 250              =  8 218
//   kepder (local, 8 + 1): 9 x 5 x 68 + 1 000 + 250                    =  4 310
//                                                                 subtotal 20 183
// Total                                                                 66 089
#[test]
fn the_example_s_grant_worked_out_by_hand() {
    let v = budget_json(&fixture("../../examples/coopcom-refugees"));
    assert_eq!(v["action"], "KA153-YOU");
    let subtotals: Vec<(&str, &str)> = v["by_activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["key"].as_str().unwrap(), a["amount"].as_str().unwrap()))
        .collect();
    assert_eq!(
        subtotals,
        vec![
            ("a1-castelldefels", "24408.00"),
            ("a2-nice", "21498.00"),
            ("a3-istanbul", "20183.00")
        ]
    );
    assert_eq!(v["total"], "66089.00");
    assert_eq!(v["distances"].as_array().unwrap().len(), 9);
}

#[test]
fn csv_has_a_header_one_row_per_line_and_the_total() {
    let run = coopcom([
        "budget".as_ref(),
        fixture("budget-ka152").as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    run.expect_status(0);
    let rows: Vec<&str> = run.stdout.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], "activity,flow,from,category,basis,amount_eur,reason");
    let json = budget_json(&fixture("budget-ka152"));
    assert_eq!(rows.len(), json["lines"].as_array().unwrap().len() + 2);
    assert_eq!(*rows.last().unwrap(), "\"total\",,,\"Total grant\",,26553.50,");
    assert!(rows.contains(
        &"\"a1-exchange\",1,\"lyon\",\"Travel\",\"12 persons x 417.00 (500-1999 km, green)\",5004.00,\"\""
    ));
    // The justification of each real cost, as budget.toml gives it: 1 200.50
    // at 100 % and the 1 000 guarantee at 80 % (Guide 2026 p. 162, p. 163).
    assert!(rows.contains(
        &"\"a1-exchange\",,\"\",\"Inclusion support for participants\",\"1200.50 x 100 % of real costs\",1200.50,\"wheelchair-accessible transport for one participant\""
    ));
    assert!(rows.contains(
        &"\"a1-exchange\",,\"\",\"Exceptional costs\",\"Financial guarantee, when the National Agency asks for one: 1000.00 x 80 %\",800.00,\"guarantee asked by the National Agency\""
    ));
}

#[test]
fn table_shows_the_total() {
    let run = coopcom(["budget".as_ref(), fixture("budget-ka153").as_os_str()]);
    run.expect_status(0);
    assert!(run.stdout.contains("TOTAL GRANT"), "{}", run.stdout);
    assert!(run.stdout.contains("EUR 15 329.00"), "{}", run.stdout);
}

#[test]
fn a_workspace_with_errors_gets_no_budget() {
    let ws = Ws::copy("budget-ka152", "budget-with-errors");
    ws.edit(
        "activities/a1-exchange.toml",
        "end = 2026-09-21",
        "end = 2026-09-16",
    );
    let run = coopcom([
        "budget".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(1);
    assert!(run.stdout.is_empty(), "no budget on stdout: {}", run.stdout);
    assert!(run.stderr.contains("CC602"), "{}", run.stderr);
    assert!(run.stderr.contains("no budget"), "{}", run.stderr);
}

#[test]
fn unknown_city_is_an_error_with_a_suggestion() {
    let ws = Ws::copy("budget-ka153", "budget-unknown-city");
    ws.edit("partners/krakow.toml", "city = \"Kraków\"", "city = \"Krakw\"");
    ws.edit("activities/a1-long.toml", "distance_km = 780", "");
    let run = coopcom([
        "check".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CC706")
        .expect("CC706");
    assert_eq!(d["file"], "partners/krakow.toml");
    assert_eq!(d["line"], 4);
    assert!(d["help"].as_str().unwrap().contains("Kraków"), "{d}");
}

#[test]
fn a_computed_distance_near_a_band_edge_is_a_warning() {
    // Put the venue at coordinates 496.57 km from Lyon: inside 2 % of the
    // 500 km edge, so the official calculator may place it in either band.
    let ws = Ws::copy("budget-ka152", "budget-band-edge");
    ws.edit("activities/a1-exchange.toml", "distance_km = 1050", "");
    ws.edit(
        "activities/a1-exchange.toml",
        "venue = { city = \"Valencia\", country = \"ES\" }",
        "venue = { city = \"Valencia\", country = \"ES\", coordinates = [41.68, 2.30] }",
    );
    let run = coopcom([
        "check".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CC708");
    assert!(d.is_some(), "expected a band-edge warning: {}", run.stdout);
    assert_eq!(d.unwrap()["severity"], "warning");
}

#[test]
fn distance_command_prints_the_distance_and_band() {
    // The Programme Guide's own example (p. 161): Madrid to Rome 1 365.28 km.
    let run = coopcom(["distance", "Madrid, ES", "Rome, IT"]);
    run.expect_status(0);
    assert!(run.stdout.contains("1365.28 km"), "{}", run.stdout);
    assert!(run.stdout.contains("500-1999 km"), "{}", run.stdout);
    // Five more pairs: distances within 1 km of the great-circle figure, and their bands.
    for (a, b, km, band) in [
        ("Nice, FR", "Castelldefels, ES", 510.99, "500-1999 km"),
        ("Nice, FR", "Istanbul, TR", 1801.23, "500-1999 km"),
        ("Paris, FR", "Berlin, DE", 878.40, "500-1999 km"),
        ("Lisbon, PT", "Helsinki, FI", 3360.27, "3000-3999 km"),
        ("Tirana, AL", "Kyiv, UA", 1307.42, "500-1999 km"),
    ] {
        let run = coopcom(["distance", a, b]);
        run.expect_status(0);
        let shown: f64 = run
            .stdout
            .split(": ")
            .nth(1)
            .unwrap()
            .split(" km")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((shown - km).abs() < 1.0, "{a} to {b}: {shown} km, expected {km}");
        assert!(run.stdout.contains(band), "{a} to {b}: {}", run.stdout);
    }
    let run = coopcom(["distance", "Valencia, ES", "Valencia, ES"]);
    assert!(run.stdout.contains("no travel grant"), "{}", run.stdout);
    let run = coopcom(["distance", "Atlantis, ES", "Rome, IT"]);
    run.expect_status(2);
}

#[test]
fn coaching_beyond_twelve_days_is_capped_and_an_error() {
    let ws = Ws::copy("budget-ka154", "budget-coaching-cap");
    ws.edit("budget.toml", "coaching_days = 5", "coaching_days = 13");
    let run = coopcom([
        "check".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CC710")
        .expect("CC710");
    assert_eq!(d["file"], "budget.toml");
    assert_eq!(d["line"], 1);
    assert!(d["message"].as_str().unwrap().contains("at most 12 days"), "{d}");
    ws.edit("budget.toml", "coaching_days = 13", "coaching_days = 12");
    let v = budget_json(ws.root());
    assert_eq!(project_amount(&v, "coaching-costs"), "2892.00", "12 x 241");
}

#[test]
fn csv_neutralises_text_a_spreadsheet_would_run_as_a_formula() {
    // The name of an exceptional cost, from a corrected pack, starts the
    // basis cell of its line.
    let tmp = TempDir::new("budget-csv-formula");
    let fix = tmp.path().join("fix.toml");
    std::fs::write(
        &fix,
        "[[budget.exceptional_costs]]\nkind = \"financial-guarantee\"\nname = '=HYPERLINK(\"http://x\",\"y\")'\n",
    )
    .unwrap();
    let run = coopcom([
        "budget".as_ref(),
        fixture("budget-ka152").as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--rules".as_ref(),
        fix.as_os_str(),
    ]);
    run.expect_status(0);
    let rows: Vec<&str> = run.stdout.split_terminator("\r\n").collect();
    assert!(
        rows.contains(
            &"\"a1-exchange\",,\"\",\"Exceptional costs\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\"): 1000.00 x 80 %\",800.00,\"guarantee asked by the National Agency\""
        ),
        "{}",
        run.stdout
    );
    // Amounts are numbers, never neutralised.
    assert_eq!(*rows.last().unwrap(), "\"total\",,,\"Total grant\",,26553.50,");
}

#[test]
fn one_person_and_one_participant_are_written_in_the_singular() {
    let ws = Ws::copy("ka153-youth-workers", "budget_singular");
    let file = "activities/a1-krakow-training.toml";
    // The Lyon group (flow 2): one participant, with fewer opportunities.
    ws.edit(file, "participants = 8", "participants = 1");
    ws.edit(file, "women = 4", "women = 1");
    let v = budget_json(ws.root());
    let lyon: Vec<&Value> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["flow"] == 2)
        .collect();
    let basis = |category: &str| {
        lyon.iter()
            .find(|l| l["category"] == category)
            .unwrap_or_else(|| panic!("no {category} line: {lyon:?}"))["basis"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(basis("travel").starts_with("1 person x "), "{}", basis("travel"));
    // 5 activity days (5 to 9 October) and 4 travel days (green travel).
    assert!(
        basis("individual-support").starts_with("1 person x 9 days (5 activity + 4 travel) x "),
        "{}",
        basis("individual-support")
    );
    assert_eq!(basis("organisational-support"), "1 participant x 125.00");
    assert_eq!(
        basis("inclusion-support-for-organisations"),
        "1 participant with fewer opportunities x 125.00"
    );
    // The factors beside the basis: 1 participant x 125.00.
    let org = lyon
        .iter()
        .find(|l| l["category"] == "organisational-support")
        .unwrap();
    assert_eq!(
        (org["quantity"].as_u64(), org["rate"].as_str()),
        (Some(1), Some("125.00"))
    );
    assert!(org.get("days").is_none(), "{org}");
}
