//! Bad input: files and arguments no one should write, and every one of
//! them a clear finding (file, line, column) or a clear `error:`, with exit
//! status 1 or 2, in bounded time, with nothing written.
//!
//! Every run goes through [`coopcom_bounded`]: a panic (101), a death by
//! signal (a stack overflow aborts) or a run longer than [`WATCHDOG`] fails
//! the test. `check` must leave the workspace as it was; `render` that
//! fails must leave its output folder as it was (or not create it).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::Path;

use crate::support::*;

const KA152: &str = "ka152-youth-exchange";
const LYON: &str = "partners/lyon.toml";
const EXCHANGE: &str = "activities/a1-valencia-exchange.toml";
const OBJECTIVES: &str = "narrative/summary/objectives.md";
const MAX_NESTING: usize = 64;

// ------------------------------------------------------------------ helpers

/// Type, and bytes for regular files, of everything under `dir`, without
/// following links and without opening anything but regular files (a FIFO
/// would block the test).
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let meta = fs::symlink_metadata(&path).unwrap();
            let what = if meta.is_dir() {
                walk(root, &path, out);
                "folder".to_string()
            } else if meta.is_file() {
                let bytes = fs::read(&path).unwrap();
                format!("file {} {:x}", bytes.len(), fnv(&bytes))
            } else if meta.file_type().is_symlink() {
                format!("link to {}", fs::read_link(&path).unwrap().display())
            } else {
                "special".to_string()
            };
            out.insert(rel, what);
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// `coopcom check <ws> --format json`, bounded; asserts that the workspace
/// is unchanged and that the exit status is 0, 1 or 2.
#[track_caller]
fn check(ws: &Ws) -> Report {
    check_args(ws, &[])
}

#[track_caller]
fn check_args(ws: &Ws, extra: &[&OsStr]) -> Report {
    let before = tree(ws.root());
    let mut args: Vec<&OsStr> = vec![
        "check".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    args.extend(extra);
    let run = coopcom_bounded(args);
    assert_eq!(before, tree(ws.root()), "check changed the workspace");
    Report::parse(run)
}

/// `coopcom check <ws>` (human report on stderr), bounded.
#[track_caller]
fn check_human(ws: &Ws) -> Run {
    coopcom_bounded(["check".as_ref(), ws.root().as_os_str()])
}

/// `coopcom render <ws> --out <out> [extra]`, bounded.
#[track_caller]
fn render(ws: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        "render".as_ref(),
        ws.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    coopcom_bounded(args)
}

/// A render that must fail with exit status `status` and leave `out` as it was.
#[track_caller]
fn render_fails(ws: &Path, out: &Path, status: i32) -> Run {
    let existed = out.exists();
    let before = tree(out);
    let run = render(ws, out, &[]);
    run.expect_status(status);
    assert_eq!(out.exists(), existed, "render created {}", out.display());
    assert_eq!(before, tree(out), "render changed {}", out.display());
    run
}

/// 1-based column of the first `needle` in `line`, in characters.
fn col(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].chars().count() + 1
}

/// 1-based column of the `n`-th (1-based) `c` in `line`.
fn nth_col(line: &str, c: char, n: usize) -> usize {
    line.char_indices().filter(|(_, x)| *x == c).nth(n - 1).unwrap().0 + 1
}

/// Replaces the line `old` of `rel` with `new` and returns the report and the line number.
#[track_caller]
fn one_line(test: &str, rel: &str, old: &str, new: &str) -> (Ws, Report, usize) {
    let ws = Ws::copy(KA152, test);
    let line = ws.edit(rel, old, new);
    let r = check(&ws);
    (ws, r, line)
}

fn mkfifo(path: &Path) -> bool {
    let _ = fs::remove_file(path);
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("mkfifo is not available: FIFO case skipped");
            false
        }
    }
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

// -------------------------------------------------------------- empty files

#[test]
fn empty_files_of_every_kind_are_findings_on_the_file() {
    for (rel, code) in [("coopcom.toml", "CC104"), (LYON, "CC104"), (EXCHANGE, "CC104")] {
        let ws = Ws::copy(KA152, &format!("empty-{rel}"));
        ws.write(rel, "");
        let r = check(&ws);
        r.fails();
        r.at(code, rel, 1, 1).error();
    }
    // A work package (KA220) and the budget of a lump-sum action (KA210).
    let ws = Ws::copy("ka220-adult-education", "empty-wp");
    ws.write("work-packages/wp2-training.toml", "");
    let r = check(&ws);
    r.fails();
    r.at("CC104", "work-packages/wp2-training.toml", 1, 1)
        .error()
        .says(&["missing required field"]);
    let ws = Ws::copy("ka210-small-scale", "empty-budget");
    ws.write("budget.toml", "");
    let r = check(&ws);
    r.fails();
    let d = r.one("CC701");
    assert_eq!(d.file.as_deref(), Some("budget.toml"), "{d}");
    // An empty narrative is a draft: a warning on the file (exit 1 with --strict).
    let ws = Ws::copy(KA152, "empty-narrative");
    ws.write(OBJECTIVES, "");
    let r = check(&ws);
    r.passes();
    r.at("CC802", OBJECTIVES, 1, 1).warning();
    assert_eq!(check_args(&ws, &["--strict".as_ref()]).status(), Some(1));
    // An empty optional file reads as the file being absent.
    let ws = Ws::copy(KA152, "empty-impact");
    ws.write("impact.toml", "");
    let empty = check(&ws);
    ws.remove("impact.toml");
    let absent = check(&ws);
    assert_eq!(empty.json, absent.json);
}

// ------------------------------------------------------ binary and encoding

#[test]
fn binary_files_are_findings_at_the_first_nul_byte() {
    let ws = Ws::copy(KA152, "binary");
    let bytes = b"name = \"x\"\n\x7fELF\x00\x01\x02\xff\xfe\x00\x00".to_vec();
    ws.write(LYON, &bytes);
    ws.write(OBJECTIVES, &bytes);
    ws.write("templates/application.md.tera", &bytes);
    let r = check(&ws);
    r.fails();
    for rel in [LYON, OBJECTIVES] {
        r.at("CC107", rel, 2, 5).error().says(&["binary"]);
    }
    // The manifest: coopcom cannot run.
    ws.write("coopcom.toml", &bytes);
    let run = check_human(&ws);
    run.expect_status(2);
    assert!(
        run.stderr.contains("coopcom.toml") && run.stderr.contains("binary"),
        "{}",
        run.stderr
    );
}

#[test]
fn latin1_text_is_reported_at_the_byte_that_is_not_utf8() {
    let ws = Ws::copy(KA152, "latin1");
    let line = ws.edit(
        LYON,
        "city = \"Lyon\"",
        "city = \"Lyon\"\nlegal_name = \"Caf\u{e9}\"",
    ) + 1;
    // The same text saved as Latin-1: `é` is the single byte 0xE9.
    let latin1: Vec<u8> = ws
        .read(LYON)
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    ws.write(LYON, &latin1);
    ws.write(OBJECTIVES, b"R\xe9sum\xe9 of the project\n".as_slice());
    let r = check(&ws);
    r.fails();
    r.at("CC107", LYON, line, 18)
        .error()
        .says(&["not UTF-8", "0xE9", "Latin-1"])
        .helps("UTF-8");
    r.at("CC107", OBJECTIVES, 1, 2).error().says(&["not UTF-8"]);
    // The human report shows the line with the place marked.
    let run = check_human(&ws);
    run.expect_status(1);
    assert!(
        run.stderr.contains(&format!("{LYON}:{line}:18")),
        "{}",
        run.stderr
    );
}

#[test]
fn bom_with_mixed_line_endings_keeps_positions_and_cr_alone_is_a_finding() {
    let ws = Ws::copy(KA152, "bom-mixed");
    let text = ws
        .read(EXCHANGE)
        .replace("participants = 12", "participants = \"12\"");
    let mut mixed = String::from("\u{feff}");
    for (i, line) in text.lines().enumerate() {
        mixed.push_str(line);
        mixed.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
    }
    ws.write(EXCHANGE, mixed);
    // Old Mac line endings (CR alone) are not TOML: a finding, not a crash.
    let lyon = ws.read(LYON).replace('\n', "\r");
    ws.write(LYON, format!("\u{feff}{lyon}"));
    // A second BOM inside a text is an invisible character.
    ws.write(OBJECTIVES, "\u{feff}First line.\r\nSecond \u{feff}line.\n");
    let r = check(&ws);
    r.fails();
    let line = text.lines().position(|l| l == "participants = \"12\"").unwrap() + 1;
    r.at("CC103", EXCHANGE, line, 16).error();
    assert!(
        r.all("CC101").iter().all(|d| d.file.as_deref() == Some(LYON)),
        "{}",
        r.listing()
    );
    r.on_line("CC101", LYON, 1).says(&["carriage return"]);
    r.at("CC805", OBJECTIVES, 2, 8).warning();
}

// ----------------------------------------------------------------- big input

#[test]
fn a_five_megabyte_value_gives_a_short_report_in_bounded_time() {
    let ws = Ws::copy(KA152, "big-value");
    let big = "y".repeat(5_000_000);
    let line = ws.edit(EXCHANGE, "host = \"valencia\"", &format!("host = \"{big}\""));
    let unknown = ws.edit(
        LYON,
        "type = \"ngo\"",
        &format!("type = \"ngo\"\nnotes = \"{big}\""),
    );
    let r = check(&ws);
    r.fails();
    r.at("CC201", EXCHANGE, line, 8)
        .error()
        .says(&["characters left out"]);
    r.at("CC102", LYON, unknown + 1, 1).error().says(&["`notes`"]);
    // Values are quoted in messages, cut in the middle: the report stays small.
    assert!(
        r.run.stdout.len() < 50_000,
        "{} bytes of JSON",
        r.run.stdout.len()
    );
    let run = check_human(&ws);
    run.expect_status(1);
    assert!(run.stderr.len() < 50_000, "{} bytes of report", run.stderr.len());
    assert!(
        run.stderr.contains(&format!("{EXCHANGE}:{line}:8")),
        "{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
}

#[test]
fn a_five_megabyte_narrative_is_a_warning_and_renders() {
    let ws = Ws::copy(KA152, "big-narrative");
    let text = "word ".repeat(20).trim_end().to_string() + "\n";
    ws.write(OBJECTIVES, text.repeat(50_000));
    let r = check(&ws);
    r.passes();
    r.one("CC803").warning().says(&["characters"]);
    let tmp = TempDir::new("big-narrative-out");
    render(ws.root(), &tmp.path().join("out"), &["--format", "md"]).expect_status(0);
    // All 50 000 lines reach the paste file: 50 000 x 20 words of 4 letters.
    let pasted = std::fs::read_to_string(tmp.path().join("out/paste/summary/objectives.txt")).unwrap();
    assert_eq!(pasted.matches("word").count(), 1_000_000);
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let ws = Ws::copy(KA152, "too-large");
    let f = fs::File::create(ws.path(OBJECTIVES)).unwrap();
    f.set_len(17 * 1024 * 1024).unwrap(); // sparse: no disk used
    let r = check(&ws);
    r.fails();
    r.at("CC107", OBJECTIVES, 1, 1).error().says(&["bytes long"]);
}

#[test]
fn ten_thousand_unknown_keys_are_all_reported_in_bounded_time() {
    let ws = Ws::copy(KA152, "unknown-keys");
    let mut text = ws.read(LYON);
    let first = text.lines().count() + 1;
    for i in 0..10_000 {
        text.push_str(&format!("unknown_key_{i} = {i}\n"));
    }
    ws.write(LYON, text);
    let r = check(&ws);
    r.fails();
    assert_eq!(r.all("CC102").len(), 10_000);
    r.at("CC102", LYON, first + 9_999, 1).says(&["unknown_key_9999"]);
    // The human report of every one of them (was quadratic: a hang).
    let run = check_human(&ws);
    run.expect_status(1);
    assert_eq!(run.stderr.matches("error[CC102]").count(), 10_000);
    assert!(run.stderr.contains(&format!("{LYON}:{}:1", first + 9_999)));
}

#[test]
fn a_toml_file_of_200_000_lines_is_read_with_positions_right() {
    let ws = Ws::copy(KA152, "long-file");
    let mut text = ws.read("impact.toml");
    for i in 0..23_000 {
        text.push_str(&format!(
            "\n[[targets]]\nid = \"t{i}\"\nindicator = \"x\"\nunit = \"people\"\nbaseline = 0\ntarget = 1\nby = 2026-10-18\nverification = \"v\"\n"
        ));
    }
    text.push_str("\n[[targets]]\nid = \"t7\"\n");
    let line = text.lines().count();
    assert!(line > 200_000);
    ws.write("impact.toml", &text);
    let mut lyon = ws.read(LYON);
    lyon.push_str(&"# a comment\n".repeat(200_000));
    lyon.push_str("country = 48\n");
    ws.write(LYON, lyon);
    let r = check(&ws);
    r.fails();
    r.at("CC202", "impact.toml", line, 6).says(&["\"t7\""]);
    r.on_line("CC101", LYON, 200_009).says(&["duplicate key"]);
}

// ------------------------------------------------------------- deep nesting

/// Adds `line` after `type = "ngo"` in the Lyon partner and checks that it
/// is refused at `column` of that line, with the lines before still read.
#[track_caller]
fn refused_as_too_deep(test: &str, line: &str, column: usize) {
    let ws = Ws::copy(KA152, test);
    let at = ws.edit(
        LYON,
        "type = \"ngo\"",
        &format!("type = \"ngo\"\n{line}\nwebsite = 1"),
    ) + 1;
    let r = check(&ws);
    r.fails();
    r.at("CC101", LYON, at, column)
        .error()
        .says(&["nested more than 64 levels"]);
    assert_eq!(r.all("CC101").len(), 1, "{}", r.listing());
    // The lines before were read: the partner is still the applicant, and
    // nothing is missing; what follows is not checked.
    r.absent("CC104").absent("CC501").absent("CC102");
}

#[test]
fn deeply_nested_inline_tables_are_refused_before_parsing() {
    let n = 30_000;
    let line = format!("x = {}1{}", "{b = ".repeat(n), "}".repeat(n));
    refused_as_too_deep("deep-inline", &line, nth_col(&line, '{', MAX_NESTING + 1));
}

#[test]
fn deeply_nested_mixed_lists_and_tables_are_refused() {
    let n = 20_000;
    let line = format!("x = {}1{}", "[{a = ".repeat(n), "}]".repeat(n));
    // Every `[` and `{` counts: the 65th opening is the 33rd `[`.
    refused_as_too_deep("deep-mixed", &line, nth_col(&line, '[', MAX_NESTING / 2 + 1));
    let line = format!("x = {}", "[".repeat(100_000));
    refused_as_too_deep("deep-unclosed", &line, 5 + MAX_NESTING);
}

#[test]
fn deeply_dotted_keys_and_table_headers_are_refused() {
    let key = vec!["a"; 10_000].join(".");
    // The 65th dot of the key is where it goes too deep.
    let line = format!("x.{key} = 1");
    refused_as_too_deep("deep-dotted", &line, nth_col(&line, '.', MAX_NESTING + 1));
    let line = format!("[{key}]");
    refused_as_too_deep("deep-header", &line, nth_col(&line, '.', MAX_NESTING));
    let line = format!("[[{key}]]");
    refused_as_too_deep("deep-array-header", &line, nth_col(&line, '.', MAX_NESTING - 1));
    let quoted = vec!["\"k\""; 10_000].join(" . ");
    let line = format!("{quoted} = 1");
    refused_as_too_deep("deep-quoted", &line, nth_col(&line, '.', MAX_NESTING + 1));
    // Dots and braces add up.
    let line = format!(
        "x = {}{} = 1{}",
        "{".repeat(40),
        vec!["a"; 40].join("."),
        "}".repeat(40)
    );
    refused_as_too_deep(
        "deep-dotted-inline",
        &line,
        nth_col(&line, '.', MAX_NESTING - 40 + 1),
    );
}

#[test]
fn deep_nesting_in_every_kind_of_file_is_a_finding() {
    let ws = Ws::copy(KA152, "deep-everywhere");
    let deep = format!("x = {}", "{a = ".repeat(10_000));
    for rel in ["coopcom.toml", EXCHANGE, "budget.toml", "impact.toml"] {
        let text = ws.read(rel);
        ws.write(rel, format!("{text}\n{deep}\n"));
    }
    let r = check(&ws);
    r.fails();
    for rel in ["coopcom.toml", EXCHANGE, "budget.toml", "impact.toml"] {
        let line = ws.read(rel).lines().count();
        r.on_line("CC101", rel, line).says(&["nested"]);
    }
    // budget refuses the same way.
    let run = coopcom_bounded(["budget".as_ref(), ws.root().as_os_str()]);
    run.expect_status(1);
    assert!(run.stderr.contains("nested more than 64"), "{}", run.stderr);
}

// ----------------------------------------------------------------- numbers

#[test]
fn numbers_beyond_every_integer_type_are_findings() {
    for (i, value) in [
        "99999999999999999999999",
        "999999999999999999999999999999999999999999999999",
        "0x7fffffffffffffffffffffff",
        "-99999999999999999999999",
    ]
    .iter()
    .enumerate()
    {
        let new = format!("participants = {value}");
        let (_ws, r, line) = one_line(&format!("big-int-{i}"), EXCHANGE, "participants = 12", &new);
        r.fails();
        r.at("CC105", EXCHANGE, line, 16)
            .error()
            .says(&["`participants`"]);
    }
    let (_ws, r, line) = one_line(
        "big-money",
        "budget.toml",
        "amount = 450",
        "amount = 99999999999999999999999",
    );
    r.fails();
    r.at("CC109", "budget.toml", line, 10)
        .error()
        .says(&["too large"]);
    let (_ws, r, line) = one_line("big-float", "impact.toml", "target = 20", "target = 1e308");
    r.fails();
    r.at("CC105", "impact.toml", line, 10)
        .error()
        .says(&["1e308", "too large"]);
}

#[test]
fn negative_counts_are_findings() {
    for (i, (old, new)) in [
        ("participants = 12", "participants = -3"),
        ("women = 6", "women = -1"),
        ("travel_days = 4", "travel_days = -2"),
        ("group_leaders = 2", "group_leaders = -9223372036854775808"),
    ]
    .into_iter()
    .enumerate()
    {
        let (_ws, r, line) = one_line(&format!("negative-{i}"), EXCHANGE, old, new);
        r.fails();
        r.at("CC105", EXCHANGE, line, col(new, "-"))
            .error()
            .says(&["negative"]);
    }
}

#[test]
fn nan_and_infinities_are_findings_for_distances_money_and_targets() {
    for (i, value) in ["nan", "inf", "-inf", "+nan"].iter().enumerate() {
        let new = format!("distance_km = {value}");
        let (_ws, r, line) = one_line(
            &format!("nan-distance-{i}"),
            EXCHANGE,
            "travel_days = 4",
            &format!("travel_days = 4\n{new}"),
        );
        r.fails();
        r.at("CC105", EXCHANGE, line + 1, 15)
            .error()
            .says(&["`distance_km`", value, "not a number"]);

        let (_ws, r, line) = one_line(
            &format!("nan-money-{i}"),
            "budget.toml",
            "amount = 450",
            &format!("amount = {value}"),
        );
        r.fails();
        r.at("CC109", "budget.toml", line, 10).error().says(&[value]);

        let (_ws, r, line) = one_line(
            &format!("nan-target-{i}"),
            "impact.toml",
            "target = 20",
            &format!("target = {value}"),
        );
        r.fails();
        r.at("CC105", "impact.toml", line, 10)
            .error()
            .says(&["`target`", value]);
    }
}

// ------------------------------------------------------------ dates, keys

#[test]
fn invalid_dates_are_syntax_findings_at_the_date() {
    for (i, (rel, old, new)) in [
        (EXCHANGE, "end = 2026-10-18", "end = 2027-02-30"),
        (EXCHANGE, "end = 2026-10-18", "end = 2026-13-01"),
        (EXCHANGE, "start = 2026-10-12", "start = 2026-00-10"),
        ("coopcom.toml", "start = 2026-09-01", "start = 2026-02-29"),
        ("impact.toml", "by = 2026-10-18", "by = 2026-04-31"),
    ]
    .into_iter()
    .enumerate()
    {
        let (_ws, r, line) = one_line(&format!("bad-date-{i}"), rel, old, new);
        r.fails();
        r.at("CC101", rel, line, col(new, "2")).error().says(&["date"]);
    }
}

#[test]
fn duplicate_keys_and_tables_are_syntax_findings_on_the_second() {
    let (_ws, r, line) = one_line(
        "dup-key",
        EXCHANGE,
        "participants = 12",
        "participants = 12\nparticipants = 13",
    );
    r.fails();
    r.at("CC101", EXCHANGE, line + 1, 1)
        .error()
        .says(&["duplicate key"]);
    let (_ws, r, line) = one_line("dup-table", "coopcom.toml", "round = 1", "round = 1\n[project]");
    r.fails();
    r.on_line("CC101", "coopcom.toml", line + 1)
        .error()
        .says(&["duplicate"]);
    let (_ws, r, line) = one_line(
        "dup-flows",
        EXCHANGE,
        "host = \"valencia\"",
        "host = \"valencia\"\nflows = 3",
    );
    r.fails();
    r.at("CC103", EXCHANGE, line + 1, 9).error();
}

// ----------------------------------------------------- links, FIFOs, folders

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_findings_not_hangs() {
    let ws = Ws::copy(KA152, "link-loops");
    symlink("loop.toml", &ws.path("partners/loop.toml"));
    symlink("b.toml", &ws.path("activities/a.toml"));
    symlink("a.toml", &ws.path("activities/b.toml"));
    symlink("loop.md", &ws.path("narrative/summary/loop.md"));
    // Folder loops: a link to the narrative folder inside itself.
    symlink("..", &ws.path("narrative/summary/up"));
    symlink("../../narrative", &ws.path("narrative/loop"));
    let r = check(&ws);
    r.fails();
    for rel in [
        "partners/loop.toml",
        "activities/a.toml",
        "activities/b.toml",
        "narrative/summary/loop.md",
    ] {
        r.at("CC107", rel, 1, 1).error().says(&["cannot be read"]);
    }
    for rel in ["narrative/summary/up", "narrative/loop"] {
        r.at("CC111", rel, 1, 1).warning().says(&["symbolic link"]);
    }
    // A link that leaves the workspace is not a way out for references.
    let run = coopcom_bounded([
        "render".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        ws.path("build").as_os_str(),
    ]);
    run.expect_status(1);
    assert!(!ws.path("build").exists());
}

#[test]
fn a_fifo_where_a_file_is_expected_does_not_block() {
    let ws = Ws::copy(KA152, "fifo");
    if !mkfifo(&ws.path("partners/fifo.toml")) {
        return;
    }
    fs::create_dir(ws.path("templates")).unwrap();
    for rel in [
        "narrative/summary/fifo.md",
        "budget.toml",
        "templates/application.md.tera",
    ] {
        assert!(mkfifo(&ws.path(rel)));
    }
    let r = check(&ws);
    r.fails();
    for rel in ["partners/fifo.toml", "narrative/summary/fifo.md", "budget.toml"] {
        r.at("CC107", rel, 1, 1).error().says(&["not a regular file"]);
    }
    // A FIFO template fails the render, at the template.
    ws.remove("budget.toml");
    ws.write("budget.toml", "");
    ws.remove("partners/fifo.toml");
    ws.remove("narrative/summary/fifo.md");
    let tmp = TempDir::new("fifo-out");
    let run = render_fails(ws.root(), &tmp.path().join("out"), 1);
    assert!(
        run.stderr.contains("templates/application.md.tera"),
        "{}",
        run.stderr
    );
    // The manifest as a FIFO: coopcom cannot run, and says why.
    assert!(mkfifo(&ws.path("coopcom.toml")));
    let run = check_human(&ws);
    run.expect_status(2);
    assert!(
        run.stderr.contains("coopcom.toml") && run.stderr.contains("not a regular file"),
        "{}",
        run.stderr
    );
    // --rules naming a FIFO, for check and for rules.
    assert!(mkfifo(&ws.path("fix.toml")));
    let run = coopcom_bounded([
        "rules".as_ref(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
        "--rules".as_ref(),
        ws.path("fix.toml").as_os_str(),
    ]);
    run.expect_status(2);
    assert!(
        run.stderr.contains("fix.toml") && run.stderr.contains("not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_where_a_file_is_expected_is_a_finding() {
    let ws = Ws::copy(KA152, "folders");
    ws.remove("budget.toml");
    fs::create_dir(ws.path("budget.toml")).unwrap();
    fs::create_dir(ws.path("partners/folder.toml")).unwrap();
    ws.remove(OBJECTIVES);
    fs::create_dir(ws.path(OBJECTIVES)).unwrap();
    let r = check(&ws);
    r.fails();
    for rel in ["budget.toml", "partners/folder.toml", OBJECTIVES] {
        r.at("CC107", rel, 1, 1)
            .error()
            .says(&["is a folder where a file is expected"]);
    }
    // The entity folders and narrative/ as files.
    let ws = Ws::copy(KA152, "folders-as-files");
    for dir in ["activities", "narrative"] {
        fs::remove_dir_all(ws.path(dir)).unwrap();
        ws.write(dir, "not a folder\n");
    }
    let r = check(&ws);
    r.fails();
    r.at("CC107", "activities", 1, 1)
        .error()
        .says(&["should be a folder"]);
    r.at("CC107", "narrative", 1, 1)
        .error()
        .says(&["should be a folder"]);
    // coopcom.toml as a folder: coopcom cannot run, and says why.
    let ws = Ws::copy(KA152, "manifest-folder");
    ws.remove("coopcom.toml");
    fs::create_dir(ws.path("coopcom.toml")).unwrap();
    let run = check_human(&ws);
    run.expect_status(2);
    assert!(
        run.stderr.contains("coopcom.toml") && run.stderr.contains("is a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn file_names_that_break_the_id_rule_are_findings() {
    let ws = Ws::copy(KA152, "bad-names");
    let partner = ws.read("partners/valencia.toml");
    for name in ["Bad Name", "1abc", "\u{e9}", "a_b", "-x"] {
        ws.write(&format!("partners/{name}.toml"), &partner);
    }
    ws.write("narrative/Bad Section/\u{e9}t\u{e9}.md", "Text.\n");
    let r = check(&ws);
    r.fails();
    for name in ["Bad Name", "1abc", "\u{e9}", "a_b", "-x"] {
        r.at("CC106", &format!("partners/{name}.toml"), 1, 1)
            .error()
            .says(&[name]);
    }
    r.at("CC106", "partners/Bad Name.toml", 1, 1)
        .helps("bad-name.toml");
    assert_eq!(
        r.all("CC106")
            .iter()
            .filter(|d| d.file.as_deref() == Some("narrative/Bad Section/\u{e9}t\u{e9}.md"))
            .count(),
        2
    );
}

#[cfg(unix)]
#[test]
fn file_names_with_control_characters_or_invalid_utf8_are_shown_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let ws = Ws::copy(KA152, "odd-names");
    let partner = ws.read("partners/valencia.toml");
    fs::write(
        ws.path("partners").join(OsStr::from_bytes(b"x\x1b[31m.toml")),
        &partner,
    )
    .unwrap();
    fs::write(
        ws.path("partners").join(OsStr::from_bytes(b"y\xff.toml")),
        &partner,
    )
    .unwrap();
    ws.edit(
        EXCHANGE,
        "host = \"valencia\"",
        "host = \"\\u001b]0;pwned\\u0007\"",
    );
    let r = check(&ws);
    r.fails();
    r.at("CC106", "partners/x\\u{1b}[31m.toml", 1, 1);
    r.at("CC106", "partners/y\u{fffd}.toml", 1, 1);
    let run = check_human(&ws);
    run.expect_status(1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "raw control characters in the report"
    );
    assert!(run.stderr.contains("\\u{1b}]0;pwned\\u{7}"), "{}", run.stderr);
}

// --------------------------------------------------------------- references

#[test]
fn references_that_look_like_paths_are_unknown_references_never_paths() {
    let ws = Ws::copy(KA152, "path-refs");
    // Files where the references would lead if they were used as paths.
    ws.write("../outside.toml", ws.read(LYON));
    ws.write("partners/sub/lyon.toml", ws.read(LYON));
    let cases = [
        (EXCHANGE, "from = \"lyon\"", "from = \"../partners/lyon\""),
        (EXCHANGE, "host = \"valencia\"", "host = \"/etc/passwd\""),
        (
            "budget.toml",
            "activity = \"a1-valencia-exchange\"",
            "activity = \"..\\\\x\"",
        ),
        (
            "activities/a0-preparatory-visit.toml",
            "from = \"lyon\"",
            "from = \"../../outside\"",
        ),
        (
            "activities/a0-preparatory-visit.toml",
            "prepares = \"a1-valencia-exchange\"",
            "prepares = \"sub/../a1-valencia-exchange\"",
        ),
        (
            "activities/a0-preparatory-visit.toml",
            "host = \"valencia\"",
            "host = \"sub/lyon\"",
        ),
    ];
    let mut lines = Vec::new();
    for (rel, old, new) in cases {
        lines.push((rel, ws.edit(rel, old, new), new));
    }
    let r = check(&ws);
    r.fails();
    for (rel, line, new) in lines {
        let value = new
            .split_once(" = ")
            .unwrap()
            .1
            .trim_matches('"')
            .replace("\\\\", "\\");
        r.at("CC201", rel, line, col(new, "\""))
            .error()
            .says(&["does not exist", &value]);
    }
}

// ---------------------------------------------------------------- templates

#[test]
fn template_errors_are_findings_at_the_template_and_write_nothing() {
    let tmp = TempDir::new("templates-out");
    let out = tmp.path().join("out");
    for (i, (text, line, column, says)) in [
        ("# T\n\n{% for p in partners %}{{ p.name }\n", 3, None, "template"),
        (
            "# T\n{% include \"/etc/passwd\" %}\n",
            2,
            Some(12),
            "Unknown template `/etc/passwd`",
        ),
        (
            "# T\n{% include \"../../../etc/passwd\" %}\n",
            2,
            Some(12),
            "Unknown template",
        ),
        ("{% extends \"/etc/passwd\" %}\n", 1, Some(1), "/etc/passwd"),
        (
            "# T\n{{ get_env(name=\"HOME\") }}\n",
            2,
            Some(4),
            "Unknown function `get_env`",
        ),
        ("# T\n{{ partners | frobnicate }}\n", 2, None, "frobnicate"),
        (
            "# T\n{% include \"application.md.tera\" %}\n",
            1,
            Some(1),
            "Circular include",
        ),
        ("# T\n{{ 1 / 0 }}\n", 2, None, "divide by 0"),
        (
            "# T\n{% for i in range(end=100000000) %}x{% endfor %}\n",
            2,
            None,
            "exceeds the limit",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let ws = Ws::copy(KA152, &format!("template-{i}"));
        ws.write("templates/application.md.tera", text);
        let run = render_fails(ws.root(), &out, 1);
        assert!(run.stderr.contains("error[CC901]"), "{}", run.stderr);
        assert!(run.stderr.contains(says), "expected `{says}`:\n{}", run.stderr);
        let place = match column {
            Some(c) => format!("templates/application.md.tera:{line}:{c}"),
            None => format!("templates/application.md.tera:{line}:"),
        };
        assert!(run.stderr.contains(&place), "expected {place}:\n{}", run.stderr);
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    }
}

#[test]
fn a_template_that_loops_for_ever_or_writes_gigabytes_stops_and_writes_nothing() {
    let tmp = TempDir::new("templates-runaway");
    let out = tmp.path().join("out");
    // Two nested loops of 100 000: 10^10 turns. Every call of `range` in
    // one file draws on one budget of 100 000 items, so the inner loop is
    // refused at its first call, at its place.
    let ws = Ws::copy(KA152, "template-nested-range");
    ws.write(
        "templates/application.md.tera",
        "# T\n{% for i in range(end=100000) %}\n{% for j in range(end=100000) %}x{% endfor %}{% endfor %}\n",
    );
    let run = render_fails(ws.root(), &out, 1);
    assert!(run.stderr.contains("error[CC901]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`range` would give 100000 more items, which exceeds the limit of 100000 for all the loops of one template together"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/application.md.tera:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a template failed: nothing was written"),
        "{}",
        run.stderr
    );
    // One loop that writes a kilobyte 100 000 times: 100 MB. The output
    // of one template stops at 64 MiB.
    let ws = Ws::copy(KA152, "template-gigabytes");
    ws.write(
        "templates/application.md.tera",
        format!(
            "# T\n{{% for i in range(end=100000) %}}{}\n{{% endfor %}}\n",
            "x".repeat(1023)
        ),
    );
    let run = render_fails(ws.root(), &out, 1);
    assert!(
        run.stderr.contains(
            "error[CC901]: template: `application.md.tera` writes more than 64 MiB: coopcom stopped it"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/application.md.tera:1:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a loop in `application.md.tera` (or a template it includes) runs far too often"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a template failed: nothing was written"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_include_chain_is_refused_not_a_stack_overflow() {
    // 200 templates that include each other in a chain: tera recursed
    // until the stack overflowed (SIGABRT) from about 150.
    let ws = Ws::copy(KA152, "include-chain");
    ws.write(
        "templates/application.md.tera",
        "# T\n{% include \"c0.tera\" %}\n",
    );
    for i in 0..200 {
        ws.write(
            &format!("templates/c{i}.tera"),
            format!("x\n{{% include \"c{}.tera\" %}}\n", i + 1),
        );
    }
    ws.write("templates/c200.tera", "end\n");
    let tmp = TempDir::new("include-chain-out");
    let run = render_fails(ws.root(), &tmp.path().join("out"), 1);
    assert!(run.stderr.contains("more than 8 levels deep"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/c6.tera:2:1"), "{}", run.stderr);
    // An extends chain the same.
    let ws = Ws::copy(KA152, "extends-chain");
    for i in 0..200 {
        ws.write(
            &format!("templates/e{i}.tera"),
            format!(
                "{{% extends \"e{}.tera\" %}}{{% block b %}}x{{% endblock b %}}",
                i + 1
            ),
        );
    }
    ws.write("templates/e200.tera", "{% block b %}end{% endblock b %}");
    let run = render_fails(ws.root(), &tmp.path().join("out"), 1);
    assert!(run.stderr.contains("more than 8 levels deep"), "{}", run.stderr);
}

#[test]
fn components_that_recurse_through_includes_do_not_overflow_the_stack() {
    // A component whose body includes a chain that calls the component
    // again: 20 components (tera's limit) of 7 includes each.
    let ws = Ws::copy(KA152, "component-chain");
    ws.write(
        "templates/comp.tera",
        "{% component c(n) %}x{% include \"i0.tera\" %}{% endcomponent c %}",
    );
    for i in 0..6 {
        ws.write(
            &format!("templates/i{i}.tera"),
            format!("{{% include \"i{}.tera\" %}}", i + 1),
        );
    }
    ws.write("templates/i6.tera", "{{<c n={1}/>}}");
    ws.write("templates/application.md.tera", "# T\n{{<c n={1}/>}}\n");
    let tmp = TempDir::new("component-chain-out");
    let run = render_fails(ws.root(), &tmp.path().join("out"), 1);
    assert!(run.stderr.contains("recursion depth"), "{}", run.stderr);
}

#[test]
fn an_unreadable_template_fails_the_render_instead_of_being_skipped() {
    let ws = Ws::copy(KA152, "template-latin1");
    ws.write("templates/application.md.tera", b"# R\xe9sum\xe9\n".as_slice());
    let tmp = TempDir::new("template-latin1-out");
    let run = render_fails(ws.root(), &tmp.path().join("out"), 1);
    assert!(run.stderr.contains("error[CC107]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/application.md.tera:1:4"),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------ render --out

#[test]
fn render_out_with_a_file_in_the_way_writes_nothing() {
    let tmp = TempDir::new("out-in-the-way");
    let ws = fixture(KA152);
    // --out is a file, or below a file.
    let file = tmp.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    render_fails(&ws, &file, 2);
    render_fails(&ws, &file.join("sub"), 2);
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    // A file where render needs a folder (paste/), or a folder where it
    // writes a file: it used to write the first files, then stop.
    let out = tmp.path().join("paste-file");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("paste"), "mine").unwrap();
    let run = render_fails(&ws, &out, 2);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    let out = tmp.path().join("txt-folder");
    fs::create_dir_all(out.join("paste/summary/objectives.txt")).unwrap();
    let run = render_fails(&ws, &out, 2);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
    // The same render into a fresh folder works.
    render(&ws, &tmp.path().join("fresh"), &[]).expect_status(0);
}

#[test]
fn render_into_an_unwritable_folder_writes_nothing() {
    let tmp = TempDir::new("out-unwritable");
    let ws = fixture(KA152);
    let locked = tmp.path().join("locked");
    fs::create_dir(&locked).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    }
    // Root (as in most containers) writes anywhere: chmod does not stop it.
    // /proc then stands in for a folder where nothing can be created.
    let privileged = fs::write(locked.join("probe"), "x").is_ok();
    let out = if privileged {
        let _ = fs::remove_file(locked.join("probe"));
        Path::new("/proc/coopcom-render-test").join(format!("{}", std::process::id()))
    } else {
        locked.join("out")
    };
    let run = render_fails(&ws, &out, 2);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn a_workspace_root_given_as_a_file_path_is_an_error() {
    let ws = Ws::copy(KA152, "root-file");
    for cmd in ["check", "budget", "render"] {
        let run = coopcom_bounded([cmd.as_ref(), ws.path(LYON).as_os_str()]);
        run.expect_status(2);
        assert!(
            run.stderr.contains("lyon.toml is not a folder"),
            "{cmd}: {}",
            run.stderr
        );
    }
    assert!(!ws.path("build").exists());
}

// ------------------------------------------------------- narrative Markdown

#[test]
fn narratives_nested_100_000_deep_check_and_render() {
    let ws = Ws::copy(KA152, "deep-markdown");
    // 100 000 nested list items on one line; 20 000 in lines of growing
    // indent, 40 levels deep, again and again (time grows with the size).
    ws.write(OBJECTIVES, format!("{}x\n", "- ".repeat(100_000)));
    let mut lines = String::new();
    for i in 0..20_000usize {
        lines.push_str(&" ".repeat(2 * (i % 40)));
        lines.push_str("- item\n");
    }
    ws.write("narrative/summary/results.md", lines);
    // 100 000 emphasis markers around one word: overflowed the stack.
    ws.write(
        "narrative/summary/activities.md",
        format!("{}x{}\n", "*".repeat(100_000), "*".repeat(100_000)),
    );
    // 20 000 images nested in each other's text, and unclosed markers.
    ws.write(
        "narrative/design/learning.md",
        format!("{}x{}\n", "![".repeat(20_000), "](u)".repeat(20_000)),
    );
    ws.write("narrative/design/phases.md", "*a _b ".repeat(50_000));
    let r = check(&ws);
    assert!(r.status() == Some(0) || r.status() == Some(1), "{}", r.listing());
    let tmp = TempDir::new("deep-markdown-out");
    let out = tmp.path().join("out");
    render(ws.root(), &out, &["--allow-errors"]).expect_status(0);
    // Markup nested that deep is shown as typed (it used to overflow the stack).
    let paste = fs::read_to_string(out.join("paste/summary/activities.txt")).unwrap();
    assert_eq!(paste.matches('*').count(), 200_000);
    // The Word export reads the same texts (it overflowed the stack too).
    let docx = tmp.path().join("draft.docx");
    let run = coopcom_bounded([
        "export".as_ref(),
        "docx".as_ref(),
        ws.root().as_os_str(),
        "--out".as_ref(),
        docx.as_os_str(),
    ]);
    assert!(run.status == Some(0) || run.status == Some(1), "{}", run.stderr);
}

// ---------------------------------------------------- rules, explain, args

#[test]
fn a_malformed_rule_pack_is_an_error_with_its_position() {
    let tmp = TempDir::new("rules-pack");
    let rules = |file: &Path| {
        coopcom_bounded([
            "rules".as_ref(),
            "--action".as_ref(),
            "KA152-YOU".as_ref(),
            "--rules".as_ref(),
            file.as_os_str(),
        ])
    };
    for (i, (text, says)) in [
        (&b"participants = [[["[..], "fix0.toml:1:19"),
        (b"[[activity_types]]\nkey = \"youth-exchange\"\nparticipants = { min = \"x\", status = \"confirmed\", source = \"t\" }\n", "fix1.toml:3:24"),
        (b"x = \xff\n", "not UTF-8"),
        (b"a = \x00", "binary"),
    ]
    .into_iter()
    .enumerate()
    {
        let file = tmp.path().join(format!("fix{i}.toml"));
        fs::write(&file, text).unwrap();
        let run = rules(&file);
        run.expect_status(2);
        assert!(run.stderr.contains(says), "expected `{says}`:\n{}", run.stderr);
    }
    let deep = tmp.path().join("deep.toml");
    fs::write(&deep, format!("a = {}", "[".repeat(100_000))).unwrap();
    rules(&deep).expect_status(2);
    fs::write(&deep, format!("[{}]", vec!["a"; 100_000].join("."))).unwrap();
    rules(&deep).expect_status(2);
    // Not a file: a folder, a device that never ends, nothing at all.
    for path in [tmp.path(), Path::new("/dev/zero"), &tmp.path().join("none.toml")] {
        let run = rules(path);
        run.expect_status(2);
        assert!(run.stderr.contains("--rules"), "{}", run.stderr);
    }
    // The same files given to check.
    let ws = Ws::copy(KA152, "rules-pack-check");
    for path in [tmp.path(), Path::new("/dev/zero"), &tmp.path().join("fix2.toml")] {
        let run = coopcom_bounded([
            "check".as_ref(),
            ws.root().as_os_str(),
            "--rules".as_ref(),
            path.as_os_str(),
        ]);
        run.expect_status(2);
        assert!(run.stderr.contains("--rules"), "{}", run.stderr);
    }
    let r = check_args(&ws, &["--rules".as_ref(), deep.as_os_str()]);
    assert_eq!(r.status(), Some(1), "{}", r.listing());
    r.one("CC403").error();
}

#[test]
fn a_rule_pack_with_a_bad_pattern_or_a_key_that_is_not_an_id_is_refused_at_its_place() {
    let oid = "oid = { value = \"^E[\", status = \"confirmed\", source = \"t\" }";
    let field = "key = \"../../etc/x\"";
    let section = "key = \"Summary Two\"";
    let cases = [
        (
            format!("[identifiers]\n{oid}\n"),
            2,
            col(oid, "\"^E["),
            "identifiers.oid: the pattern \"^E[\" is not a regular expression (unclosed character class)",
        ),
        (
            format!(
                "[[form.sections]]\nkey = \"summary\"\ntitle = \"S\"\n\n[[form.sections.fields]]\n{field}\nquestion = \"Q\"\n"
            ),
            6,
            col(field, "\"../"),
            "the form field key \"../../etc/x\" is not an id: use lower-case ASCII letters, digits and `-`, starting with a letter",
        ),
        (
            format!("[[form.sections]]\n{section}\ntitle = \"S\"\n"),
            2,
            col(section, "\"Summary"),
            "the form section key \"Summary Two\" is not an id",
        ),
    ];
    for (i, (text, line, column, says)) in cases.into_iter().enumerate() {
        let ws = Ws::copy(KA152, &format!("rules-pack-invalid-{i}"));
        ws.write("fix.toml", &text);
        // `coopcom rules`: a usage error with the place in the file.
        let run = coopcom_bounded([
            "rules".as_ref(),
            "--action".as_ref(),
            "KA152-YOU".as_ref(),
            "--rules".as_ref(),
            ws.path("fix.toml").as_os_str(),
        ]);
        run.expect_status(2);
        let place = format!("fix.toml:{line}:{column} cannot be used: {says}");
        assert!(run.stderr.contains(&place), "expected `{place}`:\n{}", run.stderr);
        // `coopcom check`: a finding at the value.
        let r = check_args(&ws, &["--rules".as_ref(), ws.path("fix.toml").as_os_str()]);
        assert_eq!(r.status(), Some(1), "{}", r.listing());
        r.at("CC403", "fix.toml", line, column).error().says(&[says]);
    }
}

#[test]
fn explain_with_odd_arguments_is_a_short_clear_error() {
    let run = coopcom_bounded([""]);
    run.expect_status(2);
    let run = coopcom_bounded(["explain", ""]);
    run.expect_status(2);
    assert!(
        run.stderr.contains("unknown diagnostic code \"\""),
        "{}",
        run.stderr
    );
    // 100 000 characters: quick, and echoed shortened.
    let long = format!("activity-duratio{}", "n".repeat(100_000));
    let run = coopcom_bounded(["explain", long.as_str()]);
    run.expect_status(2);
    assert!(run.stderr.len() < 500, "{} bytes", run.stderr.len());
    // Control characters are shown, not sent to the terminal.
    let run = coopcom_bounded(["explain", "CC602\n\u{1b}[31mred"]);
    run.expect_status(2);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean CC602?"), "{}", run.stderr);
    coopcom_bounded(["explain", " cc602 "]).expect_status(0);
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_clear_errors_or_work_as_paths() {
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"CC6\xff02");
    let run = coopcom_bounded([OsStr::new("explain"), bad]);
    run.expect_status(2);
    assert!(run.stderr.contains("invalid UTF-8"), "{}", run.stderr);
    let run = coopcom_bounded([OsStr::new("rules"), OsStr::new("--action"), bad]);
    run.expect_status(2);
    // As a path, a name that is not UTF-8 is just a name.
    let tmp = TempDir::new("non-utf8-path");
    let root = tmp.path().join(OsStr::from_bytes(b"ws\xff"));
    copy_dir(&fixture(KA152), &root);
    coopcom_bounded([OsStr::new("check"), root.as_os_str()]).expect_status(0);
    coopcom_bounded([
        OsStr::new("budget"),
        root.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("csv"),
    ])
    .expect_status(0);
    let out = tmp.path().join(OsStr::from_bytes(b"out\xfe"));
    render(&root, &out, &[]).expect_status(0);
    let html = std::fs::read_to_string(out.join("application.html")).unwrap();
    assert!(
        html.contains("<title>"),
        "not the draft: {}",
        &html[..html.len().min(200)]
    );
    let missing: OsString = tmp.path().join(OsStr::from_bytes(b"none\xff")).into_os_string();
    let run = coopcom_bounded([OsStr::new("check"), missing.as_os_str()]);
    run.expect_status(2);
    assert!(run.stderr.contains("cannot open"), "{}", run.stderr);
}

#[test]
fn budget_on_bad_input_exits_1_with_the_findings_and_no_data() {
    let (ws, _r, line) = one_line(
        "budget-bad",
        EXCHANGE,
        "participants = 12",
        "participants = 99999999999999999999999",
    );
    for format in ["table", "json", "csv"] {
        let run = coopcom_bounded([
            "budget".as_ref(),
            ws.root().as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        run.expect_status(1);
        assert!(run.stdout.is_empty(), "{format}: {}", run.stdout);
        assert!(
            run.stderr.contains(&format!("{EXCHANGE}:{line}:16")),
            "{format}: {}",
            run.stderr
        );
    }
    for args in [
        &["budget", ""][..],
        &["budget", "--format", "xml"],
        &["render", "--format", "pdf"],
        &["render", "--out", ""],
    ] {
        coopcom_bounded(args).expect_status(2);
    }
}

#[test]
fn links_that_lead_outside_the_workspace_are_never_read() {
    let ws = Ws::copy(KA152, "link_outside");
    let outside = TempDir::new("link_outside_target");
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, "name = \"SECRET-CONTENT\"\nrole = \"partner\"\ncountry = \"ES\"\ncity = \"Valencia\"\ntype = \"ngo\"\n").unwrap();
    std::os::unix::fs::symlink(&secret, ws.path("partners/linked.toml")).unwrap();
    let r = check(&ws);
    r.fails();
    let d = r.at("CC107", "partners/linked.toml", 1, 1);
    assert!(d.message.contains("outside the workspace"), "{}", d.message);

    // A template linked from outside is refused too: nothing written, and
    // its content never reaches the draft.
    let ws = Ws::copy(KA152, "link_outside_template");
    let tpl = outside.path().join("application.md.tera");
    fs::write(&tpl, "SECRET-CONTENT {{ project.title }}\n").unwrap();
    fs::create_dir_all(ws.path("templates")).unwrap();
    std::os::unix::fs::symlink(&tpl, ws.path("templates/application.md.tera")).unwrap();
    let out = ws.path("out");
    let run = render_fails(ws.root(), &out, 1);
    assert!(run.stderr.contains("outside the workspace"), "{}", run.stderr);
    assert!(!run.stderr.contains("SECRET-CONTENT"), "{}", run.stderr);
}

#[test]
fn links_inside_the_workspace_are_read() {
    let ws = Ws::copy(KA152, "link_inside");
    let text = ws.read("narrative/summary/objectives.md");
    ws.write("shared-texts/objectives.md", &text);
    ws.remove("narrative/summary/objectives.md");
    std::os::unix::fs::symlink(
        "../../shared-texts/objectives.md",
        ws.path("narrative/summary/objectives.md"),
    )
    .unwrap();
    let r = check(&ws);
    r.passes();
    assert!(!r.has("CC107"));
}
