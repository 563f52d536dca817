//! `coopcom init`: a new workspace for every supported action passes
//! `check`, and init never overwrites or half-writes anything.

use crate::support::*;

/// `coopcom init <tmp>/ws --action <action> --call 2026`, then `check`.
#[track_caller]
fn init_then_check(action: &str) {
    let tmp = TempDir::new(&format!("init_{action}"));
    let dir = tmp.path().join("ws");
    let run = coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        action.as_ref(),
        "--call".as_ref(),
        "2026".as_ref(),
    ]);
    run.expect_status(0);
    assert!(dir.join("coopcom.toml").is_file());
    let manifest = std::fs::read_to_string(dir.join("coopcom.toml")).unwrap();
    assert!(manifest.contains(&format!("action = \"{action}\"")), "{manifest}");
    let r = Report::parse(coopcom([
        "check".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    r.passes();
    // The human report agrees.
    coopcom(["check".as_ref(), dir.as_os_str()]).expect_status(0);
}

macro_rules! init_passes_check {
    ($($name:ident => $action:literal,)*) => {$(
        #[test]
        fn $name() {
            init_then_check($action);
        }
    )*};
}

init_passes_check! {
    init_ka152_you_passes_check => "KA152-YOU",
    init_ka153_you_passes_check => "KA153-YOU",
    init_ka154_you_passes_check => "KA154-YOU",
    init_ka210_sch_passes_check => "KA210-SCH",
    init_ka210_vet_passes_check => "KA210-VET",
    init_ka210_adu_passes_check => "KA210-ADU",
    init_ka210_you_passes_check => "KA210-YOU",
    init_ka220_sch_passes_check => "KA220-SCH",
    init_ka220_vet_passes_check => "KA220-VET",
    init_ka220_adu_passes_check => "KA220-ADU",
    init_ka220_hed_passes_check => "KA220-HED",
    init_ka220_you_passes_check => "KA220-YOU",
}

#[test]
fn init_for_round_2_passes_check() {
    let tmp = TempDir::new("init_round2");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
        "--round".as_ref(),
        "2".as_ref(),
    ])
    .expect_status(0);
    Report::parse(coopcom([
        "check".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]))
    .passes();
}

#[test]
fn init_with_a_title_that_needs_escaping() {
    let tmp = TempDir::new("init_title");
    let dir = tmp.path().join("ws");
    let title = "Rivers \"that\" connect \\ Lyon–València";
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA153-YOU".as_ref(),
        "--title".as_ref(),
        title.as_ref(),
    ])
    .expect_status(0);
    let run = coopcom(["check".as_ref(), dir.as_os_str()]);
    run.expect_status(0);
    assert!(
        run.stderr.contains(&format!("checked \"{title}\"")),
        "{}",
        run.stderr
    );
}

#[test]
fn init_creates_missing_parent_folders() {
    let tmp = TempDir::new("init_nested");
    let dir = tmp.path().join("proposals").join("2026").join("rivers");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ])
    .expect_status(0);
    // Every missing folder on the way is made, and the workspace is a KA152
    // one named after its folder.
    let manifest = std::fs::read_to_string(dir.join("coopcom.toml")).unwrap();
    assert!(manifest.contains("action = \"KA152-YOU\""), "{manifest}");
    assert!(dir.join("partners").is_dir() && dir.join("activities").is_dir());
}

#[test]
fn second_init_exits_2_and_changes_no_byte() {
    let tmp = TempDir::new("init_twice");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA153-YOU".as_ref(),
    ])
    .expect_status(0);
    // The user has started writing.
    std::fs::write(
        dir.join("narrative/summary/objectives.md"),
        "Our own objectives, not to be lost.\n",
    )
    .unwrap();
    let before = snapshot_tree(&dir);
    assert!(before.len() > 10);
    for action in ["KA153-YOU", "KA220-ADU"] {
        let run = coopcom([
            "init".as_ref(),
            dir.as_os_str(),
            "--action".as_ref(),
            action.as_ref(),
        ]);
        run.expect_status(2);
        assert!(run.stderr.contains("coopcom.toml"), "{}", run.stderr);
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
        assert_eq!(snapshot_tree(&dir), before, "init {action} changed the workspace");
    }
}

#[test]
fn init_into_a_folder_holding_a_file_it_would_write_exits_2_and_writes_nothing() {
    let tmp = TempDir::new("init_conflict");
    let dir = tmp.path().join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("budget.toml"), "# our own budget notes\n").unwrap();
    let before = snapshot_tree(&dir);
    let run = coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("budget.toml"), "{}", run.stderr);
    assert_eq!(snapshot_tree(&dir), before, "init wrote into the folder");
}

#[test]
fn init_into_a_folder_holding_a_narrative_it_would_write_exits_2() {
    let tmp = TempDir::new("init_conflict_narrative");
    let dir = tmp.path().join("ws");
    std::fs::create_dir_all(dir.join("narrative/summary")).unwrap();
    std::fs::write(dir.join("narrative/summary/objectives.md"), "Draft.\n").unwrap();
    let before = snapshot_tree(&dir);
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA220-YOU".as_ref(),
    ])
    .expect_status(2);
    assert_eq!(snapshot_tree(&dir), before);
}

#[test]
fn init_keeps_unrelated_files() {
    let tmp = TempDir::new("init_unrelated");
    let dir = tmp.path().join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "Notes from the first partner meeting.\n").unwrap();
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ])
    .expect_status(0);
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        "Notes from the first partner meeting.\n"
    );
}

#[test]
fn init_with_an_unknown_action_exits_2_with_a_suggestion() {
    let tmp = TempDir::new("init_unknown_action");
    let dir = tmp.path().join("ws");
    let run = coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YUO".as_ref(),
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("did you mean KA152-YOU?"), "{}", run.stderr);
    assert!(!dir.exists(), "init created {}", dir.display());
}

#[test]
fn init_with_an_unsupported_call_exits_2() {
    let tmp = TempDir::new("init_unknown_call");
    let dir = tmp.path().join("ws");
    let run = coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
        "--call".as_ref(),
        "2031".as_ref(),
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("2031"), "{}", run.stderr);
    assert!(!dir.exists());
}

#[test]
fn init_with_an_unknown_round_exits_2() {
    let tmp = TempDir::new("init_unknown_round");
    let dir = tmp.path().join("ws");
    coopcom([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
        "--round".as_ref(),
        "3".as_ref(),
    ])
    .expect_status(2);
    assert!(!dir.exists());
}

#[test]
fn init_that_fails_half_way_removes_what_it_created_and_keeps_the_rest() {
    let tmp = TempDir::new("init_half_way");
    let dir = tmp.path().join("ws");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "Notes from the first partner meeting.\n").unwrap();
    // A file where init needs the activities/ folder: coopcom.toml and the
    // partners are written before init gets there.
    std::fs::write(dir.join("activities"), "a list of ideas, not a folder\n").unwrap();
    let before = snapshot_tree(&dir);
    let run = coopcom_bounded([
        "init".as_ref(),
        dir.as_os_str(),
        "--action".as_ref(),
        "KA152-YOU".as_ref(),
    ]);
    run.expect_status(2);
    assert_eq!(
        run.stderr,
        format!(
            "error: nothing was written (what coopcom had created is removed again): {} is a file where coopcom needs a folder\n",
            dir.join("activities").display()
        )
    );
    assert_eq!(snapshot_tree(&dir), before, "init left files or folders behind");
}
