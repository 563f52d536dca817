//! `render --report`: the final report draft (Markdown and HTML in the
//! application's style) and `results-summary.txt`, the summary for the
//! Erasmus+ Project Results Platform, written from the one report model
//! with the author's texts of `narrative/report/`.

use std::path::Path;

use crate::support::{TempDir, Ws, coopcom};

/// `coopcom render --report WS --out OUT`, with the expected exit status.
fn render_report(ws: &Path, out: &Path, status: i32) -> crate::support::Run {
    let run = coopcom([
        "render".as_ref(),
        ws.as_os_str(),
        "--report".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_status(status);
    run
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
}

/// The text with every run of white space made one space, so that a
/// phrase is found whatever the wrapping.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// The example's results (examples/coopcom-refugees/results/), as the issue
// and the project's own results summary give them:
// - participants: 3 steps x 3 sending partners x 8 = 72; women per flow
//   5+6+5 (Castelldefels) + 6+5+5 (Nice) + 5+5+6 (Istanbul) = 48, and
//   48/72 = 2/3: "two thirds";
// - the steps, from results/activities/: Castelldefels 2026-12-18 to
//   12-22, Nice 2027-03-26 to 03-29, Istanbul 2027-06-25 to 06-29;
// - reached: 300 people, 3 700 visitors of the campaign page;
// - other income: crowdfunding 2 500.00 (illustrative);
// - the grant: 24 408 + 21 498 + 20 183 = 66 089.00 (worked out from the
//   Guide 2026 tables in tests/budget.rs, pp. 175-178), awarded 66 089.00,
//   so the final grant is 66 089.00 and the resources 66 089 + 2 500 =
//   68 589.00;
// - a follow-up project, selected.
#[test]
fn the_example_summary_tells_what_the_project_did() {
    let ws = Ws::copy("../../examples/coopcom-refugees", "report-docs-example");
    let out = TempDir::new("report-docs-example-out");
    render_report(ws.root(), out.path(), 0);
    let txt = read(out.path(), "results-summary.txt");
    let t = flat(&txt);
    for phrase in [
        "Results summary for the Erasmus+ Project Results Platform",
        "72 participants took part in three activities, 48 of them women (two thirds)",
        "in Castelldefels, Spain, from 18 to 22 December 2026",
        "in Nice, France, from 26 to 29 March 2027",
        "in Istanbul, Türkiye, from 25 to 29 June 2027",
        "Association Loisirs Culture (Nice, France), which coordinated it",
        "People reached by the dissemination events and materials: 300 people",
        "Visitors of the crowdfunding campaign page: 3 700 visitors",
        "an Erasmus+ grant of EUR 66 089.00",
        "EUR 2 500.00 raised by crowdfunding",
        "EUR 68 589.00 in all",
        "\"A follow-up project of the COOPCOM network\", selected for funding",
        // The author's own words, from narrative/report/summary.md.
        "COOPCOM REFUGEES trained youth workers who accompany young refugees",
    ] {
        assert!(t.contains(phrase), "the summary lacks {phrase:?}:\n{txt}");
    }
    // Plain text: narrative/report/dissemination.md writes "**300 people**"
    // and activities.md has an author note; neither reaches the summary.
    assert!(t.contains("together they reached 300 people"), "{txt}");
    for mark in ["**", "<!--", "](", "# "] {
        assert!(
            !txt.contains(mark),
            "Markdown {mark:?} left in the summary:\n{txt}"
        );
    }
    // Wrapped for reading, and never inside an amount.
    assert!(txt.lines().all(|l| l.chars().count() <= 78), "{txt}");
    assert!(
        !txt.lines().any(|l| l.ends_with("EUR") || l.ends_with(" 3")),
        "{txt}"
    );

    let md = read(out.path(), "final-report.md");
    assert!(md.contains("| **Final grant** | **EUR 66 089.00** |"), "{md}");
    assert!(
        md.contains("| Participants | 72, of whom 48 women (two thirds) |"),
        "{md}"
    );
    assert!(
        md.contains("| Spanish step: the social labour market for refugees | reported | Castelldefels, Spain | 2026-12-18 to 2026-12-22 | 24 (16 women) |"),
        "{md}"
    );

    // The same workspace gives byte-identical files.
    let again = TempDir::new("report-docs-example-again");
    render_report(ws.root(), again.path(), 0);
    for name in ["final-report.md", "final-report.html", "results-summary.txt"] {
        assert_eq!(read(out.path(), name), read(again.path(), name), "{name} differs");
    }
}

// A report text is the author's: markup in it is shown, never run.
#[test]
fn a_script_in_a_report_text_is_escaped_in_the_html() {
    let ws = Ws::copy("report-ka153", "report-docs-script");
    ws.write(
        "narrative/report/results.md",
        "Trainers met <script>alert('x')</script> and **learned**.\n",
    );
    let out = TempDir::new("report-docs-script-out");
    render_report(ws.root(), out.path(), 0);
    let html = read(out.path(), "final-report.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(html.contains("<strong>learned</strong>"), "{html}");
    // In the house style of the application draft.
    assert!(html.contains("<title>"), "{html}");
    assert!(html.contains("Erasmus+ final report"), "{html}");
    // The plain text keeps the author's words as written, emphasis dropped.
    let txt = read(out.path(), "results-summary.txt");
    assert!(
        flat(&txt).contains("Trainers met <script>alert('x')</script> and learned."),
        "{txt}"
    );
}

// KA210, tests/fixtures/report-ka210: lump sum 60 000 = 20 000 (a1) +
// 25 000 (a2) + 15 000 (a3); the travelling exhibition (a3) was cancelled
// and its share is not paid (Guide 2026 p. 250): 60 000 - 15 000 =
// 45 000.00. The draft shows the unpaid share and the final grant, and the
// summary says which activity did not take place.
#[test]
fn a_cancelled_ka210_activity_in_the_report_and_the_summary() {
    let out = TempDir::new("report-docs-ka210-out");
    render_report(&crate::support::fixture("report-ka210"), out.path(), 0);
    let md = read(out.path(), "final-report.md");
    assert!(
        md.contains("| Not paid: lump-sum shares of cancelled activities, Programme Guide 2026 p. 250 | EUR 15 000.00 |"),
        "{md}"
    );
    assert!(md.contains("| **Final grant** | **EUR 45 000.00** |"), "{md}");
    let t = flat(&read(out.path(), "results-summary.txt"));
    assert!(t.contains("Cancelled: Travelling exhibition."), "{t}");
    assert!(t.contains("an Erasmus+ grant of EUR 45 000.00"), "{t}");
}

// Without results/ there is nothing to report: exit 1, nothing written.
#[test]
fn render_report_without_results_writes_nothing() {
    let ws = Ws::copy("report-ka153", "report-docs-none");
    std::fs::remove_dir_all(ws.path("results")).unwrap();
    let out = TempDir::new("report-docs-none-out");
    let run = render_report(ws.root(), out.path(), 1);
    assert!(run.stderr.contains("coopcom report init"), "{}", run.stderr);
    assert!(crate::support::snapshot_tree(out.path()).is_empty());
}

// narrative/report/ holds the final report's texts: not fields of the
// application form (no CC806 for them), but a name that is not one of
// them is reported with the one it was probably meant to be.
#[test]
fn report_texts_are_known_and_a_misnamed_one_is_reported() {
    let ws = Ws::copy("report-ka153", "report-docs-names");
    ws.write("narrative/report/impact.md", "The trainers now train others.\n");
    ws.check().absent("CC806");
    ws.write("narrative/report/dissemnation.md", "Shared at two events.\n");
    ws.check()
        .at("CC806", "narrative/report/dissemnation.md", 1, 1)
        .warning()
        .says(&["narrative/report/dissemnation.md", "final report"])
        .helps("narrative/report/dissemination.md");
}

// Personal data stays in private/: nothing of a roster there reaches the
// final report or the summary.
#[test]
fn nothing_under_private_reaches_the_final_report() {
    let ws = Ws::copy("report-ka153", "report-docs-private");
    let marker = "Zofia Privatna-Testowa";
    ws.write(
        "private/roster-a1-long.csv",
        format!("name,organisation,gender\n{marker},krakow,F\n"),
    );
    let out = TempDir::new("report-docs-private-out");
    render_report(ws.root(), out.path(), 0);
    let files = crate::support::snapshot_tree(out.path());
    assert_eq!(files.len(), 3, "{:?}", files.keys());
    for (name, bytes) in files {
        assert!(!String::from_utf8_lossy(&bytes).contains(marker), "{name}");
    }
}

/// One entry of a zip archive (a .docx) as text.
fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

// `export docx --report`: the same final report for a word processor, with
// real headings and tables; the final grant of the example (24 408 + 21 498
// + 20 183 = 66 089.00, tests/budget.rs, Guide 2026 pp. 175-178) and its 72
// participants are in it, and a script in a report text stays text.
#[test]
fn the_final_report_as_a_word_document() {
    let ws = Ws::copy("../../examples/coopcom-refugees", "report-docs-docx");
    ws.write(
        "narrative/report/impact.md",
        "Trainers met <script>alert(1)</script> and **stayed**.\n",
    );
    let out = ws.path("report.docx");
    coopcom([
        "export".as_ref(),
        "docx".as_ref(),
        ws.root().as_os_str(),
        "--report".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .expect_status(0);
    let doc = unzip(&std::fs::read(&out).unwrap(), "word/document.xml");
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\" />"), "no Heading1");
    assert!(doc.contains("<w:pStyle w:val=\"Heading2\" />"), "no Heading2");
    assert!(doc.contains("<w:tbl>"), "no table");
    for text in [
        "Final report: COOPCOM REFUGEES",
        "EUR 66 089.00",
        "72, of whom 48 women (two thirds)",
    ] {
        assert!(doc.contains(text), "the document lacks {text:?}");
    }
    assert!(!doc.contains("<script"), "markup passed through");
    // Shown as text (the tag and its content may be separate runs).
    assert!(
        doc.contains("&lt;script&gt;") && doc.contains("&lt;/script&gt;"),
        "{doc}"
    );
    // Only with docx; and only once there are results.
    let csv = coopcom([
        "export".as_ref(),
        "csv".as_ref(),
        ws.root().as_os_str(),
        "--report".as_ref(),
    ]);
    csv.expect_status(2);
    assert!(csv.stderr.contains("use it with docx"), "{}", csv.stderr);
}

// `status` shows the final report once results/ exists: each text of
// narrative/report/ written or missing with its count, each activity
// reported or not, each target with its actual value.
#[test]
fn status_shows_the_final_report_once_there_are_results() {
    let ws = Ws::copy("report-ka210", "report-docs-status");
    // 23 characters, as the web form counts them.
    ws.write("narrative/report/summary.md", "The partners met twice.\n");
    let run = coopcom([
        "status".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fr = &v["final_report"];
    // 60 000 - the cancelled exhibition's 15 000 (Guide 2026 p. 250).
    assert_eq!(fr["final_grant"], "45000.00");
    let texts = fr["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 6);
    assert_eq!(texts[0]["file"], "narrative/report/summary.md");
    assert_eq!(texts[0]["state"], "filled");
    assert_eq!(texts[0]["chars"], 23);
    assert!(texts[0]["limit"].is_null());
    assert!(
        texts[1..]
            .iter()
            .all(|t| t["state"] == "missing" && t["chars"] == 0)
    );
    let outcome = |id: &str| {
        fr["activities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["outcome"].clone())
            .unwrap()
    };
    assert_eq!(outcome("a3-exhibition"), "cancelled");
    let human = coopcom(["status".as_ref(), ws.root().as_os_str()]);
    human.expect_status(0);
    assert!(
        human.stdout.contains("final grant EUR 45 000.00"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("texts: 1 of 6 written"), "{}", human.stdout);

    // Without results/ the application is all there is.
    std::fs::remove_dir_all(ws.path("results")).unwrap();
    let run = coopcom([
        "status".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(v.get("final_report").is_none(), "{v}");
}
