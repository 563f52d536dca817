//! `coopcom import roster`: participant lists as Google Forms, Microsoft
//! Forms and spreadsheets export them (UTF-8, Windows-1252, UTF-16; comma,
//! semicolon, tab) become the people of an activity's realised flows. Every
//! count below is worked out by hand from the rows of the list; the ages are
//! counted on the activity's first day. Bad rows are listed at their line
//! and column and nothing is written or moved.

use std::path::{Path, PathBuf};

use toml::Value;

use crate::support::{Run, Ws, coopcom, snapshot_tree};

/// Runs `coopcom import roster FILE --activity ID DIR EXTRA...`.
fn import(ws: &Ws, file: &Path, activity: &str, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "import".into(),
        "roster".into(),
        file.into(),
        "--activity".into(),
        activity.into(),
        ws.root().into(),
    ];
    args.extend(extra.iter().map(Into::into));
    coopcom(args)
}

/// A list saved next to the workspace (not inside it), as a download is.
fn list(ws: &Ws, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = ws.root().parent().unwrap().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The flow from `from` of a results file, parsed.
fn flow(ws: &Ws, rel: &str, from: &str) -> toml::Table {
    let doc: toml::Table = toml::from_str(&ws.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    doc["flows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_table)
        .find(|t| t["from"].as_str() == Some(from))
        .unwrap_or_else(|| panic!("no flow from {from} in {rel}:\n{}", ws.read(rel)))
        .clone()
}

fn int(t: &toml::Table, key: &str) -> Option<i64> {
    t.get(key).and_then(Value::as_integer)
}

fn ints(t: &toml::Table, key: &str) -> Option<Vec<i64>> {
    t.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_integer).collect())
}

/// A Google Forms export of the KA153 job shadowing in Ljubljana (starts
/// 2026-07-01): the question texts as headers, a timestamp and the
/// respondent's e-mail first, an answer with a comma in quotes, dates
/// day/month/year (an en-GB form) and ISO.
const GOOGLE_FORMS: &str = "\
Timestamp,Email Address,Full name,Name of your sending organisation,Date of birth,Gender,Do you face fewer opportunities?,Your role in the project,Any dietary requirements?
2026/05/02 10:02:11 AM GMT+2,anna.nowak@example.org,Anna Nowak,Fundacja Młodzi Kraków,01/07/2002,Female,No,Participant,
2026/05/02 11:15:40 AM GMT+2,ewa.lis@example.org,Ewa Lis,krakow,10/03/1985,F,Yes,Participant,\"vegetarian, no nuts\"
2026/05/03 09:00:03 AM GMT+2,zofia.wrona@example.org,Zofia Wrona,Fundacja Mlodzi Krakow (Poland),1995-11-20,Woman,No,,
2026/05/03 17:45:59 AM GMT+2,piotr.maj@example.org,Piotr Maj,Fundacja Młodzi Kraków,02/07/1990,Male,No,Participant,
2026/05/04 08:30:12 AM GMT+2,mojca.kos@example.org,Mojca Kos,Mladinski center Ljubljana,15/01/2001,Female,No,Participant,
2026/05/04 08:31:40 AM GMT+2,luka.zupan@example.org,Luka Zupan,ljubljana,30/06/1976,Male,,Participant,
2026/05/04 09:12:00 AM GMT+2,nina.horvat@example.org,Nina Horvat,Mladinski center Ljubljana,05/05/1990,Female,No,Participant,
2026/05/04 10:00:00 AM GMT+2,sara.novak@example.org,Sara Novak,Mladinski center Ljubljana,01/12/1998,Prefer not to say,No,Participant,
2026/05/05 12:00:00 PM GMT+2,jan.kranjc@example.org,Jan Kranjc,Mladinski center Ljubljana,29/02/1988,Male,No,Facilitator / trainer,
";

// The KA153 workspace of tests/cli/report.rs without its results file: the
// import starts from the planned activity (6 from Kraków, 4 + 1 facilitator
// from Ljubljana). Counted by hand from the nine rows, ages on 2026-07-01:
//   Kraków (rows 2-5): 4 participants (the empty role is a participant);
//     women: Female, F, Woman = 3 (Male is not); fewer opportunities: 1 (Ewa);
//     ages: 01/07/2002 -> 24 (birthday on the first day), 10/03/1985 -> 41,
//     1995-11-20 -> 30, 02/07/1990 -> 35 (36 only the next day): [24, 41].
//   Ljubljana (rows 6-10): 4 participants, women: Mojca, Nina = 2 ("Prefer
//     not to say" is not counted a woman); none with fewer opportunities
//     (an empty answer is no); ages 25, 50 (30/06/1976: 50 the day
//     before), 36, 27: [25, 50]; 1 facilitator born 29/02/1988: 38.
// The realised grant is then the one tests/cli/report.rs works out by hand
// for this flow of 2 fewer people (Programme Guide 2026, KA153 funding
// rules pp. 175-178):
//   Kraków: travel 4 x 309 (500-1999 km, p. 175)              = 1 236.00
//           individual 4 x 1 100 (62 days x 78 A2.2 SI, capped
//           at 1 100 per person, pp. 176, 178)                 = 4 400.00
//           organisational 4 x 125 (p. 175)                    =   500.00
//           inclusion organisational 1 x 125 (p. 176)          =   125.00
//   Ljubljana, unchanged: 5 x 1 100 + 4 x 125                  = 6 000.00
//   Realised                                                     12 261.00
// (planned 15 329.00: 6 from Kraków).
#[test]
fn a_google_forms_list_becomes_the_flows_and_the_report_pays_the_two_who_did_not_come() {
    let ws = Ws::copy("report-ka153", "roster-google-forms");
    ws.remove("results/activities/a1-long.toml");
    let csv = list(&ws, "Participants (Responses) - Form responses 1.csv", GOOGLE_FORMS);
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(0);
    let rel = "results/activities/a1-long.toml";
    let k = flow(&ws, rel, "krakow");
    assert_eq!(int(&k, "participants"), Some(4));
    assert_eq!(int(&k, "women"), Some(3));
    assert_eq!(int(&k, "fewer_opportunities"), Some(1));
    assert_eq!(ints(&k, "ages"), Some(vec![24, 41]));
    // What the team planned for the flow stays.
    assert_eq!(int(&k, "travel_days"), Some(2));
    assert_eq!(int(&k, "distance_km"), Some(780));
    let l = flow(&ws, rel, "ljubljana");
    assert_eq!(int(&l, "participants"), Some(4));
    assert_eq!(int(&l, "women"), Some(2));
    assert_eq!(int(&l, "fewer_opportunities"), Some(0));
    assert_eq!(int(&l, "facilitators"), Some(1));
    assert_eq!(ints(&l, "facilitator_ages"), Some(vec![38]));
    assert_eq!(ints(&l, "ages"), Some(vec![25, 50]));
    // Only the counts left the list: no name, address or birth date.
    let text = ws.read(rel);
    for personal in ["Nowak", "example.org", "1985", "vegetarian"] {
        assert!(!text.contains(personal), "{personal} in {rel}:\n{text}");
    }
    // The list is moved into private/, which .gitignore keeps out of git.
    assert!(!csv.exists(), "the list is still at {}", csv.display());
    let kept = "private/rosters/a1-long-Participants (Responses) - Form responses 1.csv";
    assert_eq!(ws.read(kept), GOOGLE_FORMS);
    assert!(ws.read(".gitignore").lines().any(|l| l == "private/"));
    assert!(run.stderr.contains("created .gitignore with private/"), "{}", run.stderr);
    // The timestamp and the dietary question are not read, and the user is told.
    assert!(
        run.stderr.contains("columns not read: \"Timestamp\", \"Any dietary requirements?\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("krakow (Fundacja Młodzi Kraków): 4 participants, 3 women, 1 with fewer opportunities, aged 24 to 41"),
        "{}",
        run.stdout
    );

    let report = coopcom([
        "report".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    report.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(v["planned"], "15329.00");
    assert_eq!(v["realised"], "12261.00");
    assert_eq!(v["final_grant"], "12261.00");
    let a = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "a1-long")
        .unwrap();
    assert_eq!(a["outcome"], "reported");
    assert_eq!(a["flows"][0]["realised"]["participants"], 4);
    assert_eq!(a["flows"][0]["realised"]["women"], 3);
}
