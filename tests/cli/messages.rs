//! Messages that lead to the fix (issue 13, part 3): each slip a new user
//! made, on the exact input they typed, gives one finding at the right
//! place whose help writes the line right, and nothing that only echoes it.

use crate::support::*;

const KA152: &str = "ka152-youth-exchange";
const KA210: &str = "ka210-small-scale";
const EXCHANGE: &str = "activities/a1-valencia-exchange.toml";
const LYON: &str = "partners/lyon.toml";

/// 1-based column of `needle` in `line`, in characters.
fn col(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].chars().count() + 1
}

/// The only errors of the report are those with `code`, and there is one.
#[track_caller]
fn only_error<'r>(r: &'r Report, code: &str) -> &'r Diag {
    let errors: Vec<&Diag> = r.diags.iter().filter(|d| d.severity == "error").collect();
    assert!(
        errors.len() == 1 && errors[0].code == code,
        "expected one error, {code}, got:\n{}",
        r.listing()
    );
    errors[0]
}

// -------------------------------------------------------------------- dates

#[test]
fn date_06_07_2027_is_shown_as_2027_07_06_read_day_first() {
    let ws = Ws::copy(KA152, "date-slashes");
    let new = "start = 06/07/2027";
    let line = ws.edit(EXCHANGE, "start = 2026-10-12", new);
    let r = ws.check();
    r.fails();
    only_error(&r, "CC101");
    r.at("CC101", EXCHANGE, line, col(new, "06"))
        .error()
        .says(&["`start`", "06/07/2027"])
        .helps("write `start = 2027-07-06` (6 July 2027): 06/07/2027 is read as day/month/year, as in Europe; dates are written YYYY-MM-DD");
}

#[test]
fn date_06_07_2027_in_quotes_is_shown_as_2027_07_06_read_day_first() {
    let ws = Ws::copy(KA152, "date-quoted");
    let new = "start = \"06/07/2027\"";
    let line = ws.edit(EXCHANGE, "start = 2026-10-12", new);
    let r = ws.check();
    r.fails();
    only_error(&r, "CC103");
    r.at("CC103", EXCHANGE, line, col(new, "\""))
        .error()
        .says(&["`start` should be a date"])
        .helps("write `start = 2027-07-06` (6 July 2027): \"06/07/2027\" is read as day/month/year, as in Europe; dates are written YYYY-MM-DD, with two-digit months and days, without quotes");
}

#[test]
fn date_2027_7_6_is_shown_as_2027_07_06() {
    let ws = Ws::copy(KA152, "date-short");
    let new = "start = 2027-7-6";
    let line = ws.edit(EXCHANGE, "start = 2026-10-12", new);
    let r = ws.check();
    r.fails();
    only_error(&r, "CC101");
    r.at("CC101", EXCHANGE, line, col(new, "2027"))
        .error()
        .says(&["`start`", "2027-7-6"])
        .helps("write `start = 2027-07-06` (6 July 2027): 2027-7-6 is read as year-month-day; dates are written YYYY-MM-DD, with two-digit months and days");
}

// ------------------------------------------------------------ curly quotes

#[test]
fn curly_quotes_are_shown_as_straight_quotes() {
    let ws = Ws::copy(KA152, "curly-quotes");
    let new = "name = “Lyon”";
    let line = ws.edit(LYON, "name = \"Maison des Jeunes de la Croix-Rousse\"", new);
    let r = ws.check();
    r.fails();
    only_error(&r, "CC101");
    r.at("CC101", LYON, line, col(new, "“"))
        .error()
        .says(&["`name`", "“Lyon”", "curly quotes"])
        .helps("write `name = \"Lyon\"` with straight double quotes");
}

// ------------------------------------------------- keys after a table header

#[test]
fn own_contribution_after_exceptional_costs_says_which_entry_it_joined() {
    let ws = Ws::copy(KA152, "key-after-table");
    let budget = ws.read("budget.toml");
    ws.write(
        "budget.toml",
        format!(
            "{budget}\n[[exceptional_costs]]\nactivity = \"a1-valencia-exchange\"\nkind = \"visa\"\namount = 300\n\nown_contribution = 1500\n"
        ),
    );
    let line = ws.line_of("budget.toml", "own_contribution = 1500");
    let r = ws.check();
    r.fails();
    only_error(&r, "CC102");
    r.at("CC102", "budget.toml", line, 1)
        .error()
        .says(&[
            "unknown key `own_contribution`",
            "read as part of this `[[exceptional_costs]]` entry",
        ])
        .helps("budget.toml has no `own_contribution` key either: remove the line (the keys of budget.toml, written before its first header, are `lump_sum`");
}

#[test]
fn lump_sum_after_a_table_header_is_moved_not_missing() {
    let ws = Ws::copy(KA210, "lump-sum-after-table");
    ws.write(
        "budget.toml",
        "[[inclusion_costs]]\nactivity = \"a1-krakow-kickoff\"\namount = 100\n\nlump_sum = 30000\n",
    );
    let r = ws.check();
    r.fails();
    // Read where TOML put it: the lump sum is not also "missing" (CC701).
    only_error(&r, "CC102");
    r.at("CC102", "budget.toml", 5, 1)
        .says(&[
            "`lump_sum` belongs to budget.toml",
            "part of this `[[inclusion_costs]]` entry",
        ])
        .helps("move the line `lump_sum = ...` above the first `[...]` or `[[...]]` header of the file");
}

// ------------------------------------------------------------- references

#[test]
fn missing_partner_prasino_says_which_file_to_create() {
    let ws = Ws::copy(KA152, "missing-partner");
    let new = "from = \"prasino\"";
    let line = ws.edit(EXCHANGE, "from = \"lyon\"", new);
    let r = ws.check();
    r.fails();
    // One error: not also too few national groups, countries or a missing
    // organisation from the National Agency's country.
    only_error(&r, "CC201");
    r.at("CC201", EXCHANGE, line, col(new, "\""))
        .says(&["\"prasino\"", "does not exist"])
        .helps("create `partners/prasino.toml`, or use one of: `lyon`, `valencia`");
}

#[test]
fn upper_case_file_name_alc_gets_the_rename_only() {
    let ws = Ws::copy(KA152, "upper-case-file");
    let lyon = ws.read(LYON);
    ws.remove(LYON);
    ws.write("partners/ALC.toml", lyon);
    for rel in [EXCHANGE, "activities/a0-preparatory-visit.toml"] {
        let text = ws.read(rel).replace("\"lyon\"", "\"alc\"");
        ws.write(rel, text);
    }
    let r = ws.check();
    r.fails();
    // The references to "alc" find the file: no did-you-mean of `ALC`.
    only_error(&r, "CC106");
    r.at("CC106", "partners/ALC.toml", 1, 1)
        .says(&["\"ALC\" is not a valid id"])
        .helps("rename `partners/ALC.toml` to `partners/alc.toml`");
}

// ---------------------------------------------------------------- durations

#[test]
fn too_short_activity_gets_the_end_date_that_fits() {
    let ws = Ws::copy(KA152, "too-short");
    let new = "end = 2026-10-13";
    let line = ws.edit(EXCHANGE, "end = 2026-10-18", new);
    let r = ws.check();
    r.fails();
    r.at("CC602", EXCHANGE, line, 7)
        .says(&["2 days", "5 to 21 days"])
        .helps("`end = 2026-10-16` gives 5 days, the fewest allowed");
}

#[test]
fn too_long_activity_gets_the_end_date_that_fits() {
    let ws = Ws::copy(KA152, "too-long");
    let new = "end = 2026-11-30";
    let line = ws.edit(EXCHANGE, "end = 2026-10-18", new);
    let r = ws.check();
    r.fails();
    r.at("CC602", EXCHANGE, line, 7)
        .says(&["50 days", "5 to 21 days"])
        .helps("`end = 2026-11-01` gives 21 days, the most allowed");
}

// ---------------------------------------------------------------- lump sums

#[test]
fn ka210_lump_sum_of_45000_gets_the_allowed_amounts_only() {
    let ws = Ws::copy(KA210, "lump-sum-45000");
    let line = ws.edit("budget.toml", "lump_sum = 30000", "lump_sum = 45000");
    let r = ws.check();
    r.fails();
    // Not also "adjust the shares so that they total EUR 45 000.00".
    r.absent("CC702");
    only_error(&r, "CC701");
    r.at("CC701", "budget.toml", line, 12)
        .says(&["EUR 45 000.00 is not a lump sum of KA210-YOU"])
        .helps("write `lump_sum = 30000`, what your activity grants add up to, or `lump_sum = 60000`");
}

// ------------------------------------------------------------------ cascades

#[test]
fn participants_eight_in_words_is_one_error() {
    let ws = Ws::copy(KA152, "participants-in-words");
    let new = "participants = \"eight\"";
    let line = ws.edit(EXCHANGE, "participants = 12", new);
    let r = ws.check();
    r.fails();
    // Not also "the national group from FR has 0 participants" at 1:1.
    only_error(&r, "CC103");
    r.at("CC103", EXCHANGE, line, col(new, "\""))
        .says(&["`participants` should be a whole number, found text"]);
}

// ------------------------------------------------------------- the verdict

#[test]
fn a_syntax_error_says_the_workspace_could_not_be_read() {
    let ws = Ws::copy(KA152, "verdict-syntax");
    ws.edit(EXCHANGE, "host = \"valencia\"", "host = valencia");
    let run = ws.check_human(&[]);
    run.expect_status(1);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(
            "1 error, 0 warnings: the workspace could not be read; fix the syntax first, then check again"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not eligible"), "{}", run.stderr);
}

#[test]
fn only_a_broken_rule_says_not_eligible() {
    let ws = Ws::copy(KA152, "verdict-rule");
    ws.edit(EXCHANGE, "end = 2026-10-18", "end = 2026-10-13");
    let run = ws.check_human(&[]);
    run.expect_status(1);
    assert!(
        run.stderr
            .lines()
            .last()
            .unwrap_or_default()
            .ends_with(": not eligible as it stands"),
        "{}",
        run.stderr
    );
    // A value of the wrong type breaks no rule: it is to be fixed first.
    let ws = Ws::copy(KA152, "verdict-type");
    ws.edit(EXCHANGE, "participants = 12", "participants = \"eight\"");
    let run = ws.check_human(&[]);
    run.expect_status(1);
    assert!(
        run.stderr
            .lines()
            .last()
            .unwrap_or_default()
            .ends_with(": fix the errors first, then check again"),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------- render and export reports

/// The KA152 base with two warnings: two organisations without an OID.
fn with_two_warnings(test: &str) -> Ws {
    let ws = Ws::copy(KA152, test);
    ws.edit(LYON, "oid = \"E10012345\"", "");
    let valencia = ws.read("partners/valencia.toml");
    let oid = valencia
        .lines()
        .find(|l| l.starts_with("oid = "))
        .unwrap()
        .to_string();
    ws.edit("partners/valencia.toml", &oid, "");
    ws
}

#[test]
fn render_prints_warnings_as_a_count_unless_verbose() {
    let ws = with_two_warnings("render-warnings");
    let out = ws.path("build");
    let run = coopcom([
        "render".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_status(0);
    assert!(!run.stderr.contains("warning["), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("0 errors, 2 warnings: run `coopcom check` to see them"),
        "{}",
        run.stderr
    );
    let run = coopcom([
        "render".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--verbose".as_ref(),
    ]);
    run.expect_status(0);
    assert_eq!(run.stderr.matches("warning[CC509]").count(), 2, "{}", run.stderr);
    // Errors are printed in full, warnings still counted.
    ws.edit(EXCHANGE, "end = 2026-10-18", "end = 2026-10-13");
    let run = coopcom([
        "render".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_status(1);
    assert!(run.stderr.contains("error[CC602]"), "{}", run.stderr);
    assert!(!run.stderr.contains("warning["), "{}", run.stderr);
}

#[test]
fn export_prints_warnings_as_a_count_unless_verbose() {
    let ws = with_two_warnings("export-warnings");
    let file = ws.path("budget.csv");
    let args = |verbose: bool| {
        let mut a: Vec<std::ffi::OsString> = vec![
            "export".into(),
            "csv".into(),
            ws.root().into(),
            "--what".into(),
            "budget".into(),
            "--out".into(),
            file.clone().into(),
        ];
        if verbose {
            a.push("--verbose".into());
        }
        a
    };
    let run = coopcom(args(false));
    run.expect_status(0);
    assert!(!run.stderr.contains("warning["), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("0 errors, 2 warnings: run `coopcom check` to see them"),
        "{}",
        run.stderr
    );
    let run = coopcom(args(true));
    run.expect_status(0);
    assert_eq!(run.stderr.matches("warning[CC509]").count(), 2, "{}", run.stderr);
}

// ----------------------------------------------------------- empty fields

#[test]
fn the_empty_fields_of_a_new_workspace_are_one_warning_listing_them() {
    // A new KA152 workspace (two partners, one youth exchange) scaffolds one
    // file per field of the 2026 form (43 files); the 31 of them that answer
    // required questions (summary, two per organisation, rationale, the
    // youth exchange's, design and management) are empty.
    let tmp = TempDir::new("seventeen-empty");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ])
    .expect_status(0);
    let r = Report::parse(coopcom([
        "check".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    let d = r.one("CC802");
    d.warning().says(&["31 texts of the form hold nothing yet"]);
    assert_eq!(
        (d.file.as_deref(), d.line),
        (Some("coopcom.toml"), Some(1)),
        "{d}"
    );
    let notes = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["code"] == "CC802")
        .map(|j| j["notes"].to_string())
        .unwrap();
    // The first twelve files in the form's order, then how many more.
    for file in [
        "narrative/summary/objectives.md",
        "narrative/organisations/lyon-youth/presentation.md",
        "narrative/rationale/impact.md",
        "and 19 more: `coopcom status` lists every field",
    ] {
        assert!(notes.contains(file), "{notes}");
    }
    assert!(!notes.contains("characters left out"), "{notes}");
}

#[test]
fn missing_narrative_files_are_one_warning_listing_them() {
    let ws = Ws::copy(KA152, "two-missing");
    ws.remove("narrative/summary/objectives.md");
    ws.remove("narrative/summary/results.md");
    let r = ws.check();
    r.passes();
    r.at("CC801", "coopcom.toml", 1, 1)
        .warning()
        .says(&["2 fields of the form have no text yet"])
        .helps("write each answer in its file");
    // One field alone keeps its question.
    let ws = Ws::copy(KA152, "one-missing");
    ws.remove("narrative/summary/objectives.md");
    ws.check()
        .one("CC801")
        .says(&["no text yet for", "(summary/objectives)"])
        .helps("write it in narrative/summary/objectives.md");
}
