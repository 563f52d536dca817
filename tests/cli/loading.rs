//! Foundation: loading a workspace, reporting every file problem in one run
//! at the right place, exit statuses, colours, BOM and CRLF files, and the
//! bundled example.

use crate::support::*;

/// The base workspaces, one per action family; each must check clean.
const BASES: &[(&str, &str)] = &[
    ("ka152-youth-exchange", "KA152-YOU"),
    ("ka153-youth-workers", "KA153-YOU"),
    ("ka154-youth-participation", "KA154-YOU"),
    ("ka210-small-scale", "KA210-YOU"),
    ("ka220-adult-education", "KA220-ADU"),
];

#[track_caller]
fn base_is_clean(name: &str, action: &str) {
    let ws = Ws::copy(name, name);
    assert!(
        ws.read("coopcom.toml")
            .contains(&format!("action = \"{action}\""))
    );
    let r = ws.check();
    r.passes();
    // Realistic bases: every organisation has an OID, every field a text.
    for code in ["CC509", "CC801", "CC802", "CC804", "CC805", "CC806", "CC807"] {
        r.absent(code);
    }
}

#[test]
fn base_ka152_youth_exchange_is_clean() {
    let (name, action) = BASES[0];
    base_is_clean(name, action);
}

#[test]
fn base_ka153_youth_workers_is_clean() {
    let (name, action) = BASES[1];
    base_is_clean(name, action);
}

#[test]
fn base_ka154_youth_participation_is_clean() {
    let (name, action) = BASES[2];
    base_is_clean(name, action);
}

#[test]
fn base_ka210_small_scale_is_clean() {
    let (name, action) = BASES[3];
    base_is_clean(name, action);
}

#[test]
fn base_ka220_adult_education_is_clean() {
    let (name, action) = BASES[4];
    base_is_clean(name, action);
}

#[test]
fn bundled_example_checks_without_error() {
    let run = coopcom([
        "check".as_ref(),
        repo().join("examples/coopcom-refugees").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let r = Report::parse(run);
    r.passes();
    assert!(r.diags.iter().all(|d| d.severity != "error"), "{}", r.listing());
}

#[test]
fn every_file_problem_is_reported_in_one_run() {
    let ws = Ws::copy("ka152-youth-exchange", "every_file_problem");
    // 1. A TOML syntax error: an unclosed string.
    let syntax = ws.edit(
        "partners/valencia.toml",
        "name = \"Asociación Juvenil El Turia\"",
        "name = \"Asociación Juvenil El Turia",
    );
    // 2. An unknown key, a typo of `coordinates`.
    let unknown = ws.edit(
        "partners/lyon.toml",
        "city = \"Lyon\"",
        "city = \"Lyon\"\ncoordinate = [45.7640, 4.8357]",
    ) + 1;
    // 3. A wrong type and 4. a dangling reference, in the same activity.
    let act = "activities/a1-valencia-exchange.toml";
    let wrong = ws.edit(act, "participants = 12", "participants = \"12\"");
    let dangling = ws.edit(act, "host = \"valencia\"", "host = \"valenica\"");

    let r = ws.check();
    r.fails();
    r.on_line("CC101", "partners/valencia.toml", syntax)
        .error()
        .says(&["TOML syntax"]);
    r.at("CC102", "partners/lyon.toml", unknown, 1)
        .error()
        .says(&["unknown key `coordinate`"])
        .helps("did you mean `coordinates`?");
    r.at("CC103", act, wrong, 16)
        .error()
        .says(&["`participants`", "whole number", "found text"])
        .helps("write 12 without quotes");
    r.at("CC201", act, dangling, 8)
        .error()
        .says(&["\"valenica\"", "does not exist"])
        .helps("did you mean `valencia`?");
}

#[test]
fn syntax_error_column_points_at_the_broken_value() {
    let ws = Ws::copy("ka153-youth-workers", "syntax_column");
    let line = ws.edit("partners/lyon.toml", "type = \"ngo\"", "type = ngo");
    let r = ws.check();
    r.fails();
    r.at("CC101", "partners/lyon.toml", line, 8).error();
}

#[test]
fn missing_required_field_is_reported_on_the_file() {
    let ws = Ws::copy("ka153-youth-workers", "missing_field");
    ws.edit("partners/lyon.toml", "city = \"Lyon\"", "# city to be confirmed");
    let r = ws.check();
    r.fails();
    r.at("CC104", "partners/lyon.toml", 1, 1)
        .error()
        .says(&["`city`"]);
}

#[test]
fn invalid_file_name_is_a_diagnostic_not_a_crash() {
    let ws = Ws::copy("ka153-youth-workers", "invalid_id");
    std::fs::rename(
        ws.path("partners/lyon.toml"),
        ws.path("partners/Lyon Jeunesse.toml"),
    )
    .unwrap();
    let r = ws.check();
    r.fails();
    r.at("CC106", "partners/Lyon Jeunesse.toml", 1, 1)
        .error()
        .helps("lyon-jeunesse.toml");
}

#[test]
fn stray_and_unreadable_files_are_reported() {
    let ws = Ws::copy("ka153-youth-workers", "stray_unreadable");
    ws.write("partners/notes.txt", "call the Kraków partner on Monday\n");
    ws.write(
        "activities/a2-lyon.toml",
        b"title = \"Lyon \xe9t\xe9\"\n".as_slice(),
    );
    let r = ws.check();
    r.at("CC111", "partners/notes.txt", 1, 1).warning();
    // At the first byte that is not UTF-8: `é` in Latin-1.
    r.at("CC107", "activities/a2-lyon.toml", 1, 15)
        .error()
        .says(&["not UTF-8"]);
}

#[test]
fn bom_and_crlf_files_load_cleanly() {
    let ws = Ws::copy("ka153-youth-workers", "bom_crlf_clean");
    for rel in [
        "coopcom.toml",
        "partners/valencia.toml",
        "partners/lyon.toml",
        "partners/krakow.toml",
        "activities/a1-krakow-training.toml",
        "impact.toml",
        "narrative/summary/objectives.md",
    ] {
        let text = ws.read(rel).replace('\n', "\r\n");
        ws.write(rel, format!("\u{feff}{text}"));
        assert!(ws.read(rel).starts_with('\u{feff}'));
    }
    ws.check().passes();
}

#[test]
fn bom_and_crlf_keep_line_and_column_right() {
    let ws = Ws::copy("ka153-youth-workers", "bom_crlf_position");
    // Line 1 is a comment; the wrong value is on line 4, the unknown key on line 7.
    let partner = "\u{feff}# Hosts the training course.\r\nname = \"Stowarzyszenie Ulica Kraków\"\r\nrole = \"partner\"\r\ncountry = 48\r\ncity = \"Kraków\"\r\noid = \"E10056789\"\r\nwebsite = \"https://ulica.example.pl\"\r\ntype = \"ngo\"\r\ncoordinates = [50.0647, 19.9450]\r\n";
    ws.write("partners/krakow.toml", partner);
    let activity = ws
        .read("activities/a1-krakow-training.toml")
        .replace('\n', "\r\n");
    ws.write(
        "activities/a1-krakow-training.toml",
        format!(
            "\u{feff}{}",
            activity.replace("end = 2026-10-09", "end = 2026-10-04")
        ),
    );
    let r = ws.check();
    r.fails();
    r.at("CC103", "partners/krakow.toml", 4, 11)
        .error()
        .says(&["`country`"]);
    r.at("CC102", "partners/krakow.toml", 7, 1)
        .error()
        .says(&["`website`"]);
    // The end date sits on line 6 after the first comment line; column 7.
    r.at("CC301", "activities/a1-krakow-training.toml", 6, 7).error();
}

#[test]
fn bom_and_crlf_narrative_keeps_positions() {
    let ws = Ws::copy("ka153-youth-workers", "bom_crlf_narrative");
    ws.write(
        "narrative/summary/results.md",
        "\u{feff}A shared toolbox of street-work methods.\r\nA code of practice, TODO.\r\n",
    );
    let r = ws.check();
    r.at("CC804", "narrative/summary/results.md", 2, 21).warning();
}

#[test]
fn check_of_a_missing_folder_exits_2() {
    let tmp = TempDir::new("missing_folder");
    let run = coopcom(["check".as_ref(), tmp.path().join("no-such-proposal").as_os_str()]);
    run.expect_status(2);
    assert!(run.stderr.contains("cannot open"), "{}", run.stderr);
}

#[test]
fn check_of_a_folder_without_manifest_exits_2() {
    let ws = Ws::copy("ka152-youth-exchange", "no_manifest");
    ws.remove("coopcom.toml");
    let run = ws.check_human(&[]);
    run.expect_status(2);
    assert!(run.stderr.contains("has no coopcom.toml"), "{}", run.stderr);
    let run = coopcom([
        "check".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(2);
}

#[test]
fn check_accepts_the_manifest_path() {
    let ws = Ws::copy("ka152-youth-exchange", "manifest_path");
    let run = coopcom(["check".as_ref(), ws.path("coopcom.toml").as_os_str()]);
    run.expect_status(0);
}

#[test]
fn check_finds_the_workspace_from_a_subfolder() {
    let ws = Ws::copy("ka152-youth-exchange", "discover_upwards");
    let out = crate::support::hermetic(&mut std::process::Command::new(BIN))
        .arg("check")
        .current_dir(ws.path("narrative/summary"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("checked \"Rivers that connect\""));
}

#[test]
fn strict_turns_warnings_into_exit_1() {
    let ws = Ws::copy("ka152-youth-exchange", "strict");
    ws.edit(
        "partners/valencia.toml",
        "oid = \"E10023456\"",
        "# oid pending registration",
    );
    let r = ws.check();
    r.passes();
    r.at("CC509", "partners/valencia.toml", 1, 1).warning();
    assert_eq!(r.warnings(), 1);
    let strict = ws.check_with(&["--strict"]);
    assert_eq!(strict.status(), Some(1), "{}", strict.listing());
    ws.check_human(&["--strict"]).expect_status(1);
}

#[test]
fn strict_on_a_clean_workspace_exits_0() {
    let ws = Ws::copy("ka153-youth-workers", "strict_clean");
    ws.check_with(&["--strict"]).passes();
}

fn has_escape(s: &str) -> bool {
    s.contains('\u{1b}')
}

#[test]
fn no_colour_codes_with_color_never_or_no_color() {
    let ws = Ws::copy("ka152-youth-exchange", "no_colour");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "end = 2026-10-18",
        "end = 2026-10-15",
    );
    let dir = ws.root().as_os_str();
    // NO_COLOR alone (the run helper sets it).
    let run = coopcom(["check".as_ref(), dir]);
    run.expect_status(1);
    assert!(run.stderr.contains("error[CC602]"), "{}", run.stderr);
    assert!(!has_escape(&run.stderr) && !has_escape(&run.stdout));
    // --color never without NO_COLOR.
    let run = run_with(["--color".as_ref(), "never".as_ref(), "check".as_ref(), dir], &[]);
    run.expect_status(1);
    assert!(!has_escape(&run.stderr) && !has_escape(&run.stdout));
    let run = run_with(
        [
            "check".as_ref(),
            dir,
            "--color".as_ref(),
            "never".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
        &[],
    );
    assert!(!has_escape(&run.stderr) && !has_escape(&run.stdout));
    // Errors of the command itself too.
    let run = coopcom(["explain", "CC999"]);
    assert!(!has_escape(&run.stderr));
}

#[test]
fn color_always_does_colour_the_report() {
    // The counterpart of the test above, so that it cannot pass by accident.
    let ws = Ws::copy("ka152-youth-exchange", "colour_always");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "end = 2026-10-18",
        "end = 2026-10-15",
    );
    let run = coopcom([
        "--color".as_ref(),
        "always".as_ref(),
        "check".as_ref(),
        ws.root().as_os_str(),
    ]);
    run.expect_status(1);
    assert!(has_escape(&run.stderr), "{}", run.stderr);
}

#[test]
fn bad_arguments_exit_2() {
    coopcom(["check", "--format", "yaml"]).expect_status(2);
    coopcom(["frobnicate"]).expect_status(2);
    coopcom(["init"]).expect_status(2);
}

#[test]
fn help_and_version_exit_0() {
    let run = coopcom(["--help"]);
    run.expect_status(0);
    assert!(run.stdout.contains("check"));
    coopcom(["--version"]).expect_status(0);
}

#[test]
fn deeply_nested_lists_in_a_narrative_do_not_crash() {
    let ws = Ws::copy("ka152-youth-exchange", "nested_lists");
    ws.write(
        "narrative/summary/objectives.md",
        format!("{}x\n", "- ".repeat(20_000)),
    );
    // The run helper fails on a panic or a death by signal.
    ws.check();
}

#[test]
fn deeply_nested_block_quotes_in_a_narrative_do_not_crash() {
    let ws = Ws::copy("ka152-youth-exchange", "nested_quotes");
    ws.write(
        "narrative/summary/objectives.md",
        format!("{}x\n", "> ".repeat(10_000)),
    );
    // The run helper fails on a panic or a death by signal.
    ws.check();
}

#[test]
fn deeply_nested_toml_is_a_finding_not_a_crash() {
    let ws = Ws::copy("ka152-youth-exchange", "nested_toml");
    let line = ws.edit(
        "partners/lyon.toml",
        "type = \"ngo\"",
        &format!(
            "type = \"ngo\"\nnotes = {}1{}",
            "[".repeat(5_000),
            "]".repeat(5_000)
        ),
    );
    let r = ws.check();
    r.fails();
    r.on_line("CC101", "partners/lyon.toml", line + 1)
        .error()
        .says(&["nested"]);
    let dotted = Ws::copy("ka152-youth-exchange", "nested_dotted");
    dotted.edit(
        "partners/lyon.toml",
        "type = \"ngo\"",
        &format!("type = \"ngo\"\na{} = 1", ".a".repeat(20_000)),
    );
    dotted.check().fails();
}
