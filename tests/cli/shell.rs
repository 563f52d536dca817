//! Shell integration: completion scripts, the manual page, and an example
//! in every subcommand's `--help`.

use clap::CommandFactory;

use crate::support::*;

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = coopcom(["completions", shell]);
        run.expect_status(0);
        assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
        for word in ["render", "status", "schema", "coopcom"] {
            assert!(run.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn completions_for_an_unknown_shell_exit_2() {
    coopcom(["completions", "tcsh"]).expect_status(2);
}

#[test]
fn man_prints_a_roff_page() {
    let run = coopcom(["man"]);
    run.expect_status(0);
    assert!(
        run.stdout.starts_with(".TH"),
        "{}",
        &run.stdout[..run.stdout.len().min(200)]
    );
    assert!(run.stdout.contains("render") && run.stdout.contains("Erasmus+"));
    let check = coopcom(["man", "check"]);
    check.expect_status(0);
    assert!(
        check.stdout.starts_with(".TH coopcom-check"),
        "{}",
        &check.stdout[..100]
    );
    assert!(check.stdout.contains("strict"));
    let run = coopcom(["man", "chek"]);
    run.expect_status(2);
    assert!(run.stderr.contains("check"), "{}", run.stderr);
}

/// The `coopcom ...` paths of every subcommand, nested ones included.
fn paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands() {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        paths(sub, &path, out);
    }
}

#[test]
fn every_subcommand_help_shows_an_example() {
    let mut all = Vec::new();
    paths(&coopcom::cli::Cli::command(), &[], &mut all);
    assert!(all.len() >= 12, "{all:?}");
    for path in all {
        let mut args = path.clone();
        args.push("--help".into());
        let run = coopcom(&args);
        run.expect_status(0);
        assert!(
            run.stdout.contains("Example"),
            "`coopcom {}` shows no example:\n{}",
            args.join(" "),
            run.stdout
        );
        assert!(
            run.stdout
                .split_once("Example")
                .is_some_and(|(_, ex)| ex.contains(&format!("coopcom {}", path.join(" ")))),
            "the example of `coopcom {}` does not run it",
            path.join(" ")
        );
    }
}
