//! Issue 12, "apply today": the provisional call 2027 pack, packs a user
//! installs (`rules install | uninstall | diff`) or a workspace carries
//! (`.coopcom/rules/`), and the calendar (`--today`). Every run gives its
//! today explicitly and, where packs are installed, a temporary data folder
//! (`COOPCOM_DATA_DIR`): nothing here depends on the clock or on the
//! machine's own data folder.

use serde_json::Value;

use crate::support::*;

const KA152: &str = "ka152-youth-exchange";
const MANIFEST: &str = "coopcom.toml";
const EXCHANGE: &str = "activities/a1-valencia-exchange.toml";

/// A temporary data folder and the environment that points coopcom at it.
struct Data {
    tmp: TempDir,
}

impl Data {
    fn new(test: &str) -> Data {
        Data {
            tmp: TempDir::new(&format!("{test}-data")),
        }
    }

    fn dir(&self) -> String {
        self.tmp.path().join("data").to_str().unwrap().to_string()
    }

    /// Runs coopcom with this data folder and `today`.
    #[track_caller]
    fn run(&self, args: &[&str], today: &str) -> Run {
        run_with(
            args,
            &[
                ("NO_COLOR", "1"),
                ("COOPCOM_DATA_DIR", &self.dir()),
                ("COOPCOM_TODAY", today),
            ],
        )
    }

    fn installed(&self, rel: &str) -> std::path::PathBuf {
        self.tmp.path().join("data").join("rules").join(rel)
    }
}

/// `coopcom init <tmp>/<name> --action <action> [extra]` on `today`.
#[track_caller]
fn init(
    data: &Data,
    tmp: &TempDir,
    name: &str,
    action: &str,
    extra: &[&str],
    today: &str,
) -> (Run, std::path::PathBuf) {
    let dir = tmp.path().join(name);
    let mut args = vec!["init", dir.to_str().unwrap(), "--action", action];
    args.extend_from_slice(extra);
    let run = data.run(&args, today);
    (run, dir)
}

fn budget_json(data: &Data, dir: &std::path::Path, today: &str) -> Value {
    let run = data.run(&["budget", dir.to_str().unwrap(), "--format", "json"], today);
    run.expect_status(0);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The amounts of the budget lines of a category, in line order.
fn amounts(v: &Value, category: &str) -> Vec<String> {
    v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["category"] == category)
        .map(|l| l["amount"].as_str().unwrap().to_string())
        .collect()
}

fn check_json(data: &Data, dir: &std::path::Path, extra: &[&str], today: &str) -> Report {
    let mut args = vec!["check", dir.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    Report::parse(data.run(&args, today))
}

// ------------------------------------------------ acceptance: apply today

/// Acceptance 1: on 2026-11-30 (the clock of the machine, here
/// COOPCOM_TODAY), `init --action KA152-YOU` scaffolds call 2027 round 1,
/// `check` passes with the provisional note, and `budget` gives the 2026
/// figures.
#[test]
fn init_on_2026_11_30_scaffolds_call_2027_round_1_that_checks_and_budgets_with_2026_figures() {
    let data = Data::new("apply-today");
    let tmp = TempDir::new("apply-today");
    let (run, x) = init(&data, &tmp, "x", "KA152-YOU", &[], "2026-11-30");
    run.expect_status(0);
    assert!(
        run.stderr
            .contains("picked call 2027 round 1 (deadline 2027-02-12 12:00:00 Brussels time"),
        "{}",
        run.stderr
    );
    let manifest = std::fs::read_to_string(x.join(MANIFEST)).unwrap();
    assert!(manifest.contains("call = 2027  #"), "{manifest}");
    assert!(manifest.contains("round = 1  #"), "{manifest}");
    // The start is the first day of the assumed window of 2027 round 1.
    assert!(manifest.contains("start = 2027-06-01  #"), "{manifest}");

    let r = check_json(&data, &x, &[], "2026-11-30");
    r.passes();
    r.absent("CC307");
    let note = r.one("CC406");
    assert_eq!(note.severity, "note");
    note.says(&[
        "call 2027 rule pack is provisional",
        "carried over from call 2026",
        "not yet checked against the Programme Guide 2027",
    ]);
    assert!(
        note.help
            .as_deref()
            .unwrap()
            .contains("coopcom rules install FILE"),
        "{note}"
    );
    assert!(
        note.help.as_deref().unwrap().contains("rules/README.md"),
        "{note}"
    );
    // The human report ends with it, just before the summary line.
    let human = data.run(&["check", x.to_str().unwrap()], "2026-11-30");
    human.expect_status(0);
    let last_block = human.stderr.trim_end().rsplit("\n\n").nth(1).unwrap();
    assert!(last_block.starts_with("note[CC406]"), "{}", human.stderr);

    // The budget, by hand from the Guide 2026 (the 2027 pack carries its
    // figures over). The scaffold: 8 participants + 1 group leader from
    // Lyon (green travel, 2 travel days) and 8 + 1 leader + 1 facilitator
    // from Valencia (local) to a 5-day exchange in Valencia.
    let v = budget_json(&data, &x, "2026-11-30");
    // Travel, Lyon-Valencia 818 km great-circle: band 500-1999 km, green
    // 417 EUR (Guide 2026 p. 161): 9 x 417 = 3753. Valencia: under 10 km.
    assert_eq!(amounts(&v, "travel"), ["3753.00"]);
    // Individual support A2.1 Spain 58 EUR a day (Guide 2026 pp. 163-164):
    // Lyon 9 persons x (5 + 2) days x 58 = 3654; Valencia 10 x 5 x 58 = 2900.
    assert_eq!(amounts(&v, "individual-support"), ["3654.00", "2900.00"]);
    // Organisational support 125 EUR per participant (Guide 2026 p. 161): 8 x 125.
    assert_eq!(amounts(&v, "organisational-support"), ["1000.00", "1000.00"]);
    // Inclusion support 125 EUR per participant with fewer opportunities
    // (Guide 2026 p. 162): 2 x 125.
    assert_eq!(
        amounts(&v, "inclusion-support-for-organisations"),
        ["250.00", "250.00"]
    );
    // 3753 + 3654 + 2900 + 2 x 1000 + 2 x 250 = 12807.
    assert_eq!(v["total"], "12807.00");
}

/// The same without COOPCOM_TODAY, with --today only: init and check agree.
#[test]
fn init_and_check_take_today_from_the_option() {
    let data = Data::new("apply-today-option");
    let tmp = TempDir::new("apply-today-option");
    // COOPCOM_TODAY says 2026-01-10 (call 2026 round 1 open); --today wins.
    let (run, x) = init(
        &data,
        &tmp,
        "x",
        "KA153-YOU",
        &["--today", "2026-11-30"],
        "2026-01-10",
    );
    run.expect_status(0);
    assert!(
        std::fs::read_to_string(x.join(MANIFEST))
            .unwrap()
            .contains("call = 2027  #")
    );
    check_json(&data, &x, &["--today", "2026-11-30"], "2026-01-10").passes();
}

macro_rules! init_2027_passes_check {
    ($($name:ident => $action:literal, $deadline:literal;)*) => {$(
        #[test]
        fn $name() {
            let data = Data::new(stringify!($name));
            let tmp = TempDir::new(stringify!($name));
            let (run, dir) = init(&data, &tmp, "ws", $action, &[], "2026-11-30");
            run.expect_status(0);
            assert!(
                run.stderr.contains(&format!("picked call 2027 round 1 (deadline {}", $deadline)),
                "{}",
                run.stderr
            );
            let r = check_json(&data, &dir, &[], "2026-11-30");
            r.passes();
            r.one("CC406");
        }
    )*};
}

init_2027_passes_check! {
    init_2027_ka154_you_passes_check => "KA154-YOU", "2027-02-12";
    init_2027_ka210_you_passes_check => "KA210-YOU", "2027-03-05";
    init_2027_ka220_adu_passes_check => "KA220-ADU", "2027-03-05";
}

/// Acceptance 2: a corrected 2027 pack with one unit cost changed, installed,
/// changes the budget; `rules diff` shows the figure; uninstalling brings
/// the old figure back.
#[test]
fn an_installed_correction_changes_the_budget_shows_in_the_diff_and_uninstall_undoes_it() {
    let data = Data::new("install");
    let tmp = TempDir::new("install");
    let (run, x) = init(&data, &tmp, "x", "KA152-YOU", &[], "2026-11-30");
    run.expect_status(0);
    let fix = tmp.path().join("ka152-2027.toml");
    std::fs::write(
        &fix,
        "[pack]\ncall = 2027\n\n[action]\ncode = \"KA152-YOU\"\n\n[budget]\norganisational_support_per_participant = { value = 130, status = \"confirmed\", source = \"Guide 2027 p. 161\" }\n",
    )
    .unwrap();
    let run = data.run(&["rules", "install", fix.to_str().unwrap()], "2026-11-30");
    run.expect_status(0);
    assert!(run.stderr.contains("installed"), "{}", run.stderr);
    assert!(data.installed("2027/KA152-YOU.toml").is_file());

    // 8 participants x 130 EUR = 1040 a flow; the total grows by
    // 2 flows x 8 x (130 - 125) = 80: 12807 + 80 = 12887.
    let v = budget_json(&data, &x, "2026-11-30");
    assert_eq!(amounts(&v, "organisational-support"), ["1040.00", "1040.00"]);
    assert_eq!(v["total"], "12887.00");

    // `coopcom rules` says where the figure comes from.
    let run = data.run(
        &["rules", "--action", "KA152-YOU", "--call", "2027"],
        "2026-11-30",
    );
    run.expect_status(0);
    assert!(run.stdout.contains("installed  "), "{}", run.stdout);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("action.budget.organisational_support_per_participant "))
        .unwrap();
    assert!(
        row.contains("confirmed")
            && row.contains("Guide 2027 p. 161")
            && row.contains("installed")
            && row.ends_with("130"),
        "{row}"
    );

    // The diff shows both values and sources.
    let run = data.run(
        &[
            "rules",
            "diff",
            "--call",
            "2026",
            "--call",
            "2027",
            "--action",
            "KA152-YOU",
        ],
        "2026-11-30",
    );
    run.expect_status(0);
    let block: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| l.trim() != "action.budget.organisational_support_per_participant")
        .take(5)
        .collect();
    assert_eq!(block.len(), 5, "{}", run.stdout);
    assert!(block[1].trim().starts_with("2026: 125"), "{}", run.stdout);
    assert!(
        block[2].contains("[confirmed] Guide 2026 p. 161"),
        "{}",
        run.stdout
    );
    assert_eq!(block[3].trim(), "2027: 130");
    assert!(
        block[4].contains("[confirmed, installed] Guide 2027 p. 161"),
        "{}",
        run.stdout
    );
    let json = data.run(
        &[
            "rules", "diff", "--call", "2026", "--call", "2027", "--format", "json",
        ],
        "2026-11-30",
    );
    json.expect_status(0);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let ka152 = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "KA152-YOU")
        .unwrap();
    let change = ka152["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["figure"] == "action.budget.organisational_support_per_participant")
        .unwrap();
    assert_eq!(change["change"], "changed");
    assert_eq!(change["first"]["value"], "125");
    assert_eq!(change["first"]["source"], "Guide 2026 p. 161");
    assert_eq!(change["second"]["value"], "130");
    assert_eq!(change["second"]["from"], "installed");

    // Uninstall: the carried-over 125 is back.
    let run = data.run(
        &["rules", "uninstall", "--call", "2027", "--action", "KA152-YOU"],
        "2026-11-30",
    );
    run.expect_status(0);
    assert!(!data.installed("2027/KA152-YOU.toml").exists());
    let v = budget_json(&data, &x, "2026-11-30");
    assert_eq!(amounts(&v, "organisational-support"), ["1000.00", "1000.00"]);
    assert_eq!(v["total"], "12807.00");
}

/// Acceptance 3: a call-2026 round-1 workspace checked on 2026-11-30 is
/// warned that the deadline has passed, with the next round named; on
/// 2026-01-10 it is not.
#[test]
fn cc307_deadline_passed_names_the_next_round_and_not_before_the_deadline() {
    let ws = Ws::copy(KA152, "cc307");
    let round = ws.line_of(MANIFEST, "round = 1");
    let r = ws.check_with(&["--today", "2026-11-30"]);
    r.passes();
    let d = r.at("CC307", MANIFEST, round, 9);
    d.warning().says(&[
        "round 1 of call 2026",
        "2026-02-12 12:00:00 Brussels time",
        "has passed",
        "today is 2026-11-30",
        "Guide 2026 p. 157",
    ]);
    // The fixture starts on 2026-09-01, which no round still open takes:
    // the next open round is named all the same.
    d.helps("no round still open takes a project starting on 2026-09-01")
        .helps("call 2027 round 1 (deadline 2027-02-12")
        .helps("set `call = 2027` and `round = 1`");

    let r = ws.check_with(&["--today", "2026-01-10"]);
    r.passes();
    r.absent("CC307");
    // The deadline day itself: a note, not a warning.
    let r = ws.check_with(&["--today", "2026-02-12"]);
    assert_eq!(r.one("CC307").severity, "note");
}

#[test]
fn cc307_names_the_round_that_takes_the_start() {
    // Round 1 of 2026 is over on 2026-03-01, round 2 (deadline 2026-10-01)
    // takes projects starting 1 January - 31 May 2027 (Guide 2026 p. 157).
    let ws = Ws::copy(KA152, "cc307_fits");
    ws.edit(MANIFEST, "start = 2026-09-01", "start = 2027-02-01");
    ws.edit(MANIFEST, "end = 2027-08-31", "end = 2028-01-31");
    ws.edit(EXCHANGE, "start = 2026-10-12", "start = 2027-03-12");
    ws.edit(EXCHANGE, "end = 2026-10-18", "end = 2027-03-18");
    let r = ws.check_with(&["--today", "2026-03-01"]);
    r.one("CC307")
        .warning()
        .helps("call 2026 round 2 (deadline 2026-10-01")
        .helps("set `call = 2026` and `round = 2`");
}

#[test]
fn status_counts_the_passed_deadline_with_check() {
    let ws = Ws::copy(KA152, "status_cc307");
    let run = coopcom([
        "status",
        ws.root().to_str().unwrap(),
        "--today",
        "2026-11-30",
        "--format",
        "json",
    ]);
    run.expect_status(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["days_left"], -291);
    assert_eq!(v["warnings"], 1);
}

// --------------------------------------------------- carried-over figures

#[test]
fn a_carried_over_confirmed_figure_still_gives_an_error_that_says_so() {
    // The same 4-day exchange is an error in 2026 (Guide 2026 p. 157, 5 to
    // 21 days) and stays one in the provisional 2027 pack.
    let data = Data::new("carried-error");
    let tmp = TempDir::new("carried-error");
    let (run, x) = init(&data, &tmp, "x", "KA152-YOU", &[], "2026-11-30");
    run.expect_status(0);
    let a1 = x.join("activities/a1-first-activity.toml");
    let text = std::fs::read_to_string(&a1).unwrap();
    let text = text.replace("end = 2027-09-03", "end = 2027-09-02");
    std::fs::write(&a1, text).unwrap();
    let r = check_json(&data, &x, &[], "2026-11-30");
    r.fails();
    r.one("CC602").error().says(&[
        "4 days",
        "5 to 21 days",
        "Guide 2026 p. 157, carried over from call 2026, not yet checked against the Guide 2027",
    ]);
}

#[test]
fn rules_shows_every_2027_figure_carried_over_with_its_2026_status_and_source() {
    let run = coopcom(["rules", "--action", "KA153-YOU", "--call", "2027"]);
    run.expect_status(0);
    assert!(
        run.stdout
            .contains("built-in   rules/2027/ (provisional: carried over from rules/2026/)"),
        "{}",
        run.stdout
    );
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("figure"))
        .skip(1)
        .collect();
    assert!(rows.len() > 60);
    for row in &rows {
        let carried = row.contains("carried-over (")
            && row.contains(", carried over from call 2026, not yet checked against the Guide 2027");
        let round = row.starts_with("action.rounds[") && row.contains("unconfirmed, assumed");
        assert!(carried || round, "{row}");
    }
}

// ------------------------------------------------- installed and workspace

#[test]
fn precedence_is_rules_option_then_workspace_then_installed_then_built_in() {
    let data = Data::new("precedence");
    let tmp = TempDir::new("precedence");
    let (run, x) = init(&data, &tmp, "x", "KA152-YOU", &[], "2026-11-30");
    run.expect_status(0);
    let pack = |value: u32, source: &str| {
        format!(
            "[budget]\norganisational_support_per_participant = {{ value = {value}, status = \"confirmed\", source = \"{source}\" }}\n"
        )
    };
    let installed = tmp.path().join("installed.toml");
    std::fs::write(&installed, pack(130, "installed copy")).unwrap();
    data.run(
        &[
            "rules",
            "install",
            installed.to_str().unwrap(),
            "--call",
            "2027",
            "--action",
            "KA152-YOU",
        ],
        "2026-11-30",
    )
    .expect_status(0);
    let per_flow = |extra: &[&str]| {
        let mut args = vec!["budget", x.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        let run = data.run(&args, "2026-11-30");
        run.expect_status(0);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        amounts(&v, "organisational-support")[0].clone()
    };
    // 8 participants x the rate in force.
    assert_eq!(per_flow(&[]), "1040.00"); // 8 x 130, installed
    std::fs::create_dir_all(x.join(".coopcom/rules/2027")).unwrap();
    std::fs::write(
        x.join(".coopcom/rules/2027/KA152-YOU.toml"),
        pack(135, "team decision"),
    )
    .unwrap();
    assert_eq!(per_flow(&[]), "1080.00"); // 8 x 135, the workspace's
    let option = tmp.path().join("option.toml");
    std::fs::write(&option, pack(140, "my file")).unwrap();
    assert_eq!(per_flow(&["--rules", option.to_str().unwrap()]), "1120.00"); // 8 x 140

    // `coopcom rules` run in the workspace lists the packs in force.
    let out = hermetic(&mut std::process::Command::new(BIN))
        .env("COOPCOM_DATA_DIR", data.dir())
        .arg("rules")
        .current_dir(&x)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("installed  "), "{stdout}");
    assert!(
        stdout.contains("workspace  .coopcom/rules/2027/KA152-YOU.toml"),
        "{stdout}"
    );
    let row = stdout
        .lines()
        .find(|l| l.starts_with("action.budget.organisational_support_per_participant "))
        .unwrap();
    assert!(
        row.contains("team decision") && row.contains("workspace"),
        "{row}"
    );
}

#[test]
fn a_broken_workspace_pack_is_reported_at_its_place() {
    let ws = Ws::copy(KA152, "workspace-pack-broken");
    ws.write(
        ".coopcom/rules/2026/KA152-YOU.toml",
        "[budget]\norganisational_support_per_participant = { value = \"lots\", status = \"confirmed\", source = \"x\" }\n",
    );
    let r = ws.check();
    r.fails();
    r.at("CC403", ".coopcom/rules/2026/KA152-YOU.toml", 2, 52)
        .error()
        .says(&["cannot be used"]);
}

#[test]
fn install_refuses_a_pack_the_loader_refuses_and_writes_nothing() {
    let data = Data::new("install-bad");
    let tmp = TempDir::new("install-bad");
    let bad = tmp.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[pack]\ncall = 2027\n[action]\ncode = \"KA153-YOU\"\n[budget]\norganisational_support_per_participant = { value = 100, status = \"sure\", source = \"x\" }\n",
    )
    .unwrap();
    let run = data.run(&["rules", "install", bad.to_str().unwrap()], "2026-11-30");
    run.expect_status(2);
    assert!(run.stderr.contains("bad.toml:6:"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot be used"), "{}", run.stderr);
    assert!(!data.installed("2027").exists());

    // The same error as --rules gives.
    let ws = Ws::copy("ka153-youth-workers", "install-bad-as-rules");
    let mut fix = std::fs::read_to_string(&bad).unwrap();
    fix = fix.replace("call = 2027", "call = 2026");
    let as_rules = tmp.path().join("as-rules.toml");
    std::fs::write(&as_rules, fix).unwrap();
    let r = ws.check_with(&["--rules", as_rules.to_str().unwrap()]);
    r.fails();
    r.one("CC403").says(&["unknown variant `sure`"]);
    assert!(run.stderr.contains("unknown variant `sure`"), "{}", run.stderr);
}

#[test]
fn install_needs_to_know_the_call_and_the_action() {
    let data = Data::new("install-header");
    let tmp = TempDir::new("install-header");
    let fix = tmp.path().join("fix.toml");
    std::fs::write(
        &fix,
        "[budget]\norganisational_support_per_participant = { value = 130, status = \"confirmed\", source = \"x\" }\n",
    )
    .unwrap();
    let run = data.run(&["rules", "install", fix.to_str().unwrap()], "2026-11-30");
    run.expect_status(2);
    assert!(run.stderr.contains("does not say which call"), "{}", run.stderr);
    let run = data.run(
        &["rules", "install", fix.to_str().unwrap(), "--call", "2027"],
        "2026-11-30",
    );
    run.expect_status(2);
    assert!(run.stderr.contains("does not say which"), "{}", run.stderr);
    assert!(run.stderr.contains("--action"), "{}", run.stderr);
    // A pack that says it is for 2027 is not installed for 2026.
    std::fs::write(
        &fix,
        "[pack]\ncall = 2027\n[[travel_bands]]\nmin_km = 10\nmax_km = 99\nstandard = 30\ngreen = 60\nstatus = \"confirmed\"\nsource = \"Guide 2027 p. 161\"\n",
    )
    .unwrap();
    data.run(
        &["rules", "install", fix.to_str().unwrap(), "--call", "2026"],
        "2026-11-30",
    )
    .expect_status(2);
    // A call-wide file (travel bands only) is installed for every action.
    let run = data.run(&["rules", "install", fix.to_str().unwrap()], "2026-11-30");
    run.expect_status(0);
    assert!(data.installed("2027/pack.toml").is_file());
    for action in ["KA152-YOU", "KA220-YOU"] {
        let run = data.run(&["rules", "--action", action, "--call", "2027"], "2026-11-30");
        let row = run
            .stdout
            .lines()
            .find(|l| l.starts_with("call.travel_bands[10] "))
            .unwrap();
        assert!(
            row.contains("standard = 30") && row.contains("installed"),
            "{row}"
        );
    }
    data.run(&["rules", "uninstall", "--call", "2027"], "2026-11-30")
        .expect_status(0);
    assert!(!data.installed("2027/pack.toml").exists());
}

#[test]
fn diff_of_unknown_calls_or_one_call_exits_2() {
    coopcom(["rules", "diff", "--call", "2026", "--call", "2031"]).expect_status(2);
    coopcom(["rules", "diff", "--call", "2026"]).expect_status(2);
    let run = coopcom([
        "rules",
        "diff",
        "--call",
        "2025",
        "--call",
        "2026",
        "--action",
        "KA153-YOU",
    ]);
    run.expect_status(0);
    assert!(run.stdout.contains("differences"), "{}", run.stdout);
}

// -------------------------------------------------------------- start windows

#[test]
fn cc304_start_outside_every_window_of_the_call_names_the_call_that_takes_it() {
    let ws = Ws::copy(KA152, "cc304_every");
    let line = ws.edit(MANIFEST, "start = 2026-09-01", "start = 2027-07-01");
    ws.edit(MANIFEST, "end = 2027-08-31", "end = 2028-06-30");
    ws.edit(EXCHANGE, "start = 2026-10-12", "start = 2027-08-12");
    ws.edit(EXCHANGE, "end = 2026-10-18", "end = 2027-08-18");
    let r = ws.check();
    r.fails();
    r.at("CC304", MANIFEST, line, 9)
        .error()
        .says(&[
            "no round of call 2026 takes projects starting then",
            "Guide 2026 p. 157",
        ])
        .helps("call 2027 round 1 (deadline 2027-02-12")
        .helps("set `call = 2027` and `round = 1`");
}

#[test]
fn cc304_start_in_the_other_round_of_the_call_says_which() {
    let ws = Ws::copy(KA152, "cc304_other");
    let line = ws.edit(MANIFEST, "start = 2026-09-01", "start = 2027-02-01");
    ws.edit(MANIFEST, "end = 2027-08-31", "end = 2028-01-31");
    ws.edit(EXCHANGE, "start = 2026-10-12", "start = 2027-03-12");
    ws.edit(EXCHANGE, "end = 2026-10-18", "end = 2027-03-18");
    let r = ws.check();
    r.fails();
    let d = r.at("CC304", MANIFEST, line, 9);
    assert!(!d.message.contains("no round of call"), "{d}");
    d.helps("round 2 of call 2026 takes a project starting on 2027-02-01")
        .helps("set `round = 2`");
}

// ---------------------------------------------------------------- init

#[test]
fn init_without_a_call_on_2026_01_10_picks_call_2026_round_1() {
    let data = Data::new("init-jan");
    let tmp = TempDir::new("init-jan");
    let (run, dir) = init(&data, &tmp, "ws", "KA152-YOU", &[], "2026-01-10");
    run.expect_status(0);
    assert!(
        run.stderr
            .contains("picked call 2026 round 1 (deadline 2026-02-12"),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::read_to_string(dir.join(MANIFEST))
            .unwrap()
            .contains("call = 2026  #")
    );
}

#[test]
fn init_between_the_rounds_picks_the_autumn_round_and_ka210_prefers_a_round_every_agency_opens() {
    let data = Data::new("init-june");
    let tmp = TempDir::new("init-june");
    // On 2026-06-01 round 1 of 2026 is over; KA152's round 2 (1 October)
    // is a regular round.
    let (run, dir) = init(&data, &tmp, "a", "KA152-YOU", &[], "2026-06-01");
    run.expect_status(0);
    assert!(run.stderr.contains("picked call 2026 round 2"), "{}", run.stderr);
    let manifest = std::fs::read_to_string(dir.join(MANIFEST)).unwrap();
    assert!(
        manifest.contains("round = 2  #") && manifest.contains("start = 2027-01-01  #"),
        "{manifest}"
    );
    check_json(&data, &dir, &[], "2026-06-01").passes();
    // KA210's autumn round is only where the agency opens it: round 1 of
    // 2027 is picked, and the autumn round is named.
    let (run, _) = init(&data, &tmp, "b", "KA210-YOU", &[], "2026-06-01");
    run.expect_status(0);
    assert!(run.stderr.contains("picked call 2027 round 1"), "{}", run.stderr);
    assert!(run.stderr.contains("call 2026 round 2"), "{}", run.stderr);
    assert!(run.stderr.contains("--call 2026 --round 2"), "{}", run.stderr);
}

#[test]
fn init_ka210_without_a_field_lists_every_field_youth_first() {
    let data = Data::new("init-ka210");
    let tmp = TempDir::new("init-ka210");
    let (run, dir) = init(&data, &tmp, "ws", "KA210", &[], "2026-11-30");
    run.expect_status(2);
    assert!(!dir.exists());
    assert!(
        run.stderr
            .contains("suggested: KA210-YOU, because coopcom is made for youth work"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("every field: KA210-YOU (youth), KA210-SCH (school education), KA210-VET (vocational education and training), KA210-ADU (adult education)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--action KA210-YOU"), "{}", run.stderr);
}

#[test]
fn init_ka220_without_a_field_follows_the_workspaces_next_to_it() {
    let data = Data::new("init-ka220");
    let tmp = TempDir::new("init-ka220");
    // A youth exchange already lives next to the new folder: youth first.
    init(&data, &tmp, "exchange", "KA152-YOU", &[], "2026-11-30")
        .0
        .expect_status(0);
    let run = init(&data, &tmp, "partnership", "KA220", &[], "2026-11-30").0;
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("suggested: KA220-YOU, because the workspace next to it (exchange) is in youth"),
        "{}",
        run.stderr
    );
    // Two school partnerships next to it, and a title about schools: SCH first.
    let other = TempDir::new("init-ka220-school");
    for name in ["sch-a", "sch-b"] {
        init(&data, &other, name, "KA210-SCH", &[], "2026-11-30")
            .0
            .expect_status(0);
    }
    let run = init(
        &data,
        &other,
        "new",
        "KA220",
        &["--title", "Teachers for school inclusion"],
        "2026-11-30",
    )
    .0;
    run.expect_status(2);
    assert!(run.stderr.contains("suggested: KA220-SCH, because the workspaces next to it (sch-a, sch-b) are in school education, and the title speaks of school education"), "{}", run.stderr);
    assert!(
        run.stderr.contains("KA220-YOU (youth)"),
        "every field is listed: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("KA220-HED (higher education)"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_for_an_unknown_call_lists_the_calls_and_how_to_add_one() {
    let data = Data::new("init-2028");
    let tmp = TempDir::new("init-2028");
    let (run, dir) = init(&data, &tmp, "ws", "KA152-YOU", &["--call", "2028"], "2026-11-30");
    run.expect_status(2);
    assert!(!dir.exists());
    assert!(
        run.stderr.contains("no rule pack for call 2028"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("calls there are: 2024 (partial), 2025 (partial), 2026, 2027 (provisional: figures carried over from call 2026)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("carried_over_from = 2027"), "{}", run.stderr);
    assert!(
        run.stderr.contains("coopcom rules install FILE"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("rules/README.md"), "{}", run.stderr);
}

#[test]
fn a_call_added_by_an_installed_pack_can_be_scaffolded_and_checked() {
    let data = Data::new("add-2028");
    let tmp = TempDir::new("add-2028");
    let pack = tmp.path().join("pack-2028.toml");
    std::fs::write(
        &pack,
        "[pack]\ncall = 2028\ntitle = \"call 2028, our own provisional pack\"\ncarried_over_from = 2027\n",
    )
    .unwrap();
    data.run(&["rules", "install", pack.to_str().unwrap()], "2027-11-30")
        .expect_status(0);
    let rounds = tmp.path().join("ka153-2028.toml");
    std::fs::write(
        &rounds,
        "[pack]\ncall = 2028\n[action]\ncode = \"KA153-YOU\"\n[[rounds]]\nround = 1\ndeadline = 2028-02-12\nstart_from = 2028-06-01\nstart_to = 2028-12-31\nstatus = \"unconfirmed\"\nsource = \"our guess\"\n",
    )
    .unwrap();
    data.run(&["rules", "install", rounds.to_str().unwrap()], "2027-11-30")
        .expect_status(0);
    let (run, dir) = init(&data, &tmp, "ws", "KA153-YOU", &[], "2027-11-30");
    run.expect_status(0);
    assert!(run.stderr.contains("picked call 2028 round 1"), "{}", run.stderr);
    let r = check_json(&data, &dir, &[], "2027-11-30");
    r.passes();
    // Figures of 2026 carried over twice still name the call they were read for.
    r.one("CC406").says(&[
        "call 2028 rule pack is provisional",
        "carried over from call 2027",
    ]);
}
