//! Keeps the README true: every `coopcom` command line it shows parses, its
//! `init` example checks with no error, and the diagnostic it shows as an
//! example is the one coopcom really prints.

use crate::support::{TempDir, Ws, coopcom, repo, run_with};

/// The command lines of the README's shell blocks, without comments and redirections.
fn readme_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if !in_sh || !line.starts_with("coopcom ") {
            continue;
        }
        let line = line.split(" #").next().unwrap();
        let line = line.split(['>', '|']).next().unwrap();
        let mut words = Vec::new();
        let mut quoted: Option<String> = None;
        for w in line.split_whitespace() {
            match (&mut quoted, w.starts_with('"'), w.ends_with('"') && w.len() > 1) {
                (None, true, true) => words.push(w.trim_matches('"').to_string()),
                (None, true, false) => quoted = Some(w.trim_start_matches('"').to_string()),
                (Some(q), _, end) => {
                    q.push(' ');
                    q.push_str(w.trim_end_matches('"'));
                    if end || w.ends_with('"') {
                        words.push(quoted.take().unwrap());
                    }
                }
                (None, false, _) => words.push(w.to_string()),
            }
        }
        out.push(words.into_iter().skip(1).collect());
    }
    out
}

#[test]
fn every_command_in_the_readme_exists_with_the_options_it_shows() {
    let commands = readme_commands();
    assert!(commands.len() >= 15, "found {} commands", commands.len());
    for words in commands {
        // The whole command line, options and values included, then
        // `--help`: clap rejects an unknown subcommand, option or value as
        // it reads them, left to right, and only then prints the help
        // instead of running anything.
        let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
        args.push("--help");
        let run = coopcom(&args);
        assert_eq!(
            run.status,
            Some(0),
            "README command `coopcom {}` is not what coopcom accepts:\n{}",
            words.join(" "),
            run.stderr
        );
    }
}

#[test]
fn a_readme_command_with_an_unknown_option_or_value_would_be_caught() {
    // The check above would catch a README that shows an option or a value
    // coopcom does not have.
    for args in [
        [
            "budget",
            "examples/coopcom-refugees",
            "--format",
            "yaml",
            "--help",
        ],
        ["render", "examples/coopcom-refugees", "--out-dir", "x", "--help"],
    ] {
        let run = coopcom(args);
        assert_eq!(run.status, Some(2), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn the_readme_init_example_checks_with_no_error() {
    // The README's first `init` line, run as it is (its folder moved into a
    // temporary one) by a user on 30 November 2026, then `check`.
    let words = readme_commands()
        .into_iter()
        .find(|w| w.first().map(String::as_str) == Some("init"))
        .expect("the README shows `coopcom init`");
    let tmp = TempDir::new("readme-init");
    let dir = tmp.path().join(&words[1]);
    let mut args: Vec<String> = words.clone();
    args[1] = dir.to_str().unwrap().to_string();
    let today = [("COOPCOM_TODAY", "2026-11-30"), ("NO_COLOR", "1")];
    let run = run_with(&args, &today);
    run.expect_status(0);
    assert!(run.stderr.contains("picked call 2027 round 1"), "{}", run.stderr);
    let manifest = std::fs::read_to_string(dir.join("coopcom.toml")).unwrap();
    assert!(
        manifest.contains("title = \"Voices of the Valley\""),
        "{manifest}"
    );
    run_with(["check", dir.to_str().unwrap()], &today).expect_status(0);
}

#[test]
fn the_readme_diagnostic_is_what_coopcom_prints() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let shown = readme
        .lines()
        .find(|l| l.starts_with("error[CC602]:"))
        .expect("the README shows a CC602 example");
    let ws = Ws::copy("ka152-youth-exchange", "readme-cc602");
    let exchange = std::fs::read_dir(ws.path("activities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().contains("youth-exchange\""))
        .unwrap();
    let text = std::fs::read_to_string(&exchange).unwrap();
    let start = text.lines().find(|l| l.starts_with("start = ")).unwrap();
    let date = start.trim_start_matches("start = ").trim();
    let (y, rest) = date.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    let end_day: u32 = d.parse::<u32>().unwrap() + 3;
    let end = text.lines().find(|l| l.starts_with("end = ")).unwrap();
    std::fs::write(
        &exchange,
        text.replace(end, &format!("end = {y}-{m}-{end_day:02}")),
    )
    .unwrap();
    let run = coopcom(["check", ws.root().to_str().unwrap()]);
    run.expect_status(1);
    assert!(
        run.stderr.lines().any(|l| l == shown),
        "README shows:\n{shown}\ncoopcom prints:\n{}",
        run.stderr
    );
}
