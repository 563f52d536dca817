//! `coopcom render`: the files it writes, escaping of every value, byte
//! identical output, nothing written on errors, user files left alone,
//! template overrides and template errors, `templates list|eject`, `--watch`.

use std::fs;
use std::path::Path;

use crate::support::{TempDir, Ws, coopcom, fixture, snapshot_tree};

fn render(ws: &Path, out: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "render".as_ref(),
        ws.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|e| std::ffi::OsStr::new(*e)));
    coopcom(args)
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

#[test]
fn the_example_renders_every_file() {
    let tmp = TempDir::new("render-example");
    let out = tmp.path().join("out");
    render(&fixture("../../examples/coopcom-refugees"), &out, &[]).expect_status(0);
    for f in [
        "application.md",
        "application.html",
        "budget.md",
        "budget.csv",
        "timeline.svg",
        "paste/index.txt",
        "paste/summary/objectives.txt",
        "paste/management/sustainability.txt",
        "paste/organisations/alc/presentation.txt",
    ] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let html = read(&out.join("application.html"));
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>COOPCOM REFUGEES"));
    for partner in ["Association Loisirs Culture", "Gavina", "KEPDER"] {
        assert!(html.contains(partner), "{partner} missing");
    }
    // The budget total shown is the one `coopcom budget` computes.
    let budget = coopcom([
        "budget",
        fixture("../../examples/coopcom-refugees").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let total: serde_json::Value = serde_json::from_str(&budget.stdout).unwrap();
    let total = total["total"].as_str().unwrap();
    let (int, cents) = total.split_once('.').unwrap();
    let grouped = format!("{} {}.{cents}", &int[..int.len() - 3], &int[int.len() - 3..]);
    assert!(
        html.contains(&format!("EUR {grouped}")),
        "total EUR {grouped} not in the page"
    );
    // Self-contained: inline CSS, no script, no external resource.
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"));
    assert!(!html.contains("src=\"http"));
    assert!(html.contains("@media print"));
    // Paste-ready text is plain: no Markdown emphasis marks, author notes gone.
    let paste = read(&out.join("paste/summary/objectives.txt"));
    assert!(!paste.contains("**"), "{paste}");
    assert!(!paste.contains("<!--"), "{paste}");
    let index = read(&out.join("paste/index.txt"));
    assert!(index.contains("summary/objectives.txt"), "{index}");
}

#[test]
fn the_example_renders_in_the_form_structure() {
    let tmp = TempDir::new("render-example-form");
    let out = tmp.path().join("out");
    render(&fixture("../../examples/coopcom-refugees"), &out, &[]).expect_status(0);
    let md = read(&out.join("application.md"));
    // The form's sections in the form's order, the organisations' answers
    // second, the applicant first.
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} not in the draft"));
    let order = [
        "\n## Project summary\n",
        "\n## Participating organisations\n\n### Association Loisirs Culture (applicant)\n",
        "\n### Gavina (partner)\n",
        "\n### KEPDER (partner)\n",
        "\n## Project rationale\n",
        "\n## Project details\n",
        "\n## Project design\n",
        "\n## Project management\n",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{:?} before {:?}", pair[0], pair[1]);
    }
    // Partners are asked the partner wording.
    assert!(md.contains(
        "\n#### What are the activities and experience of the partner organisation in youth work?\n"
    ));
    // Complete: every question asked has its text; no flow asks a justification.
    assert!(!md.contains("No text yet."), "a field without text");
    assert!(!md.contains("\n## Flows\n"));
    assert!(md.contains("*1 069 characters; 5 000 characters at most (limit from a secondary source)*"));
    // An activity's paragraphs stay paragraphs.
    assert!(
        md.contains("a map of the organisations met and a common calendar.\n\nVisits to local organisations")
    );
    // The paste pack follows the form: one file per answer, beside its entity.
    assert_eq!(
        read(&out.join("paste/organisations/kepder/presentation.txt")),
        "KEPDER is a non-profit association in Istanbul whose youth workers and volunteers work with young refugees and with young people of the host community. It hosts the Turkish step of the project.\n"
    );
    assert!(
        read(&out.join("paste/design/measures.txt")).starts_with(
            "To remove the barriers to taking part, we will:\n\n- pay travel, accommodation and meals directly, so that nobody has to advance money;\n- support the KEPDER participants"
        )
    );
    let index = read(&out.join("paste/index.txt"));
    let row = index
        .lines()
        .find(|l| l.starts_with("organisations/gavina/experience.txt"))
        .unwrap_or_else(|| panic!("{index}"));
    assert!(
        row.ends_with(
            "ok        What are the activities and experience of the partner organisation in youth work?"
        ),
        "{row}"
    );
    assert!(!out.join("paste/management/follow-up.txt").exists());
    for f in [
        "summary/objectives",
        "organisations/alc/experience",
        "rationale/needs-identified",
        "design/recognition",
        "management/involvement",
    ] {
        assert!(out.join(format!("paste/{f}.txt")).is_file(), "no paste/{f}.txt");
    }
}

#[test]
fn rendering_twice_gives_identical_files() {
    let tmp = TempDir::new("render-twice");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let ws = fixture("ka152-youth-exchange");
    render(&ws, &a, &[]).expect_status(0);
    let first = snapshot_tree(&a);
    render(&ws, &a, &[]).expect_status(0);
    render(&ws, &b, &[]).expect_status(0);
    assert_eq!(first, snapshot_tree(&a));
    assert_eq!(first, snapshot_tree(&b));
}

#[test]
fn values_and_narratives_can_never_inject_markup() {
    let ws = Ws::copy("ka152-youth-exchange", "render-xss");
    let partner = fs::read_dir(ws.path("partners"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = read(&partner);
    let name_line = text
        .lines()
        .find(|l| l.starts_with("name = "))
        .unwrap()
        .to_string();
    fs::write(
        &partner,
        text.replace(&name_line, "name = \"<script>alert(1)</script> | Youth\""),
    )
    .unwrap();
    ws.write(
        "narrative/summary/objectives.md",
        "Our objectives <img src=x onerror=alert(2)> and [a link](javascript:alert(3)).\n",
    );
    let tmp = TempDir::new("render-xss-out");
    let out = tmp.path().join("out");
    render(ws.root(), &out, &[]).expect_status(0);
    let html = read(&out.join("application.html"));
    assert!(!html.contains("<script>alert(1)"), "script injected");
    assert!(!html.contains("<img src=x"), "img injected");
    assert!(!html.contains("javascript:"), "javascript link kept");
    assert!(!html.contains("onerror=alert(2)>"), "attribute injected");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "name not shown as text"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "narrative not shown as text"
    );
    // The `|` in the name keeps the organisations table whole.
    let md = read(&out.join("application.md"));
    let row = md.lines().find(|l| l.contains("alert(1)")).unwrap();
    assert_eq!(row.matches(" | ").count(), 5, "{row}");
    assert!(html.contains("| Youth"), "the bar is shown as text");
}

#[test]
fn a_workspace_with_errors_writes_nothing_unless_allowed() {
    let ws = Ws::copy("ka152-youth-exchange", "render-errors");
    ws.write(
        "activities/a9-broken.toml",
        "type = \"youth-exchange\"\ntitle = 3\n",
    );
    let tmp = TempDir::new("render-errors-out");
    let out = tmp.path().join("out");
    let run = render(ws.root(), &out, &[]);
    run.expect_status(1);
    assert!(!out.exists(), "nothing may be written");
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    let run = render(ws.root(), &out, &["--allow-errors"]);
    run.expect_status(1);
    let md = read(&out.join("application.md"));
    assert!(md.contains("Draft with errors"), "banner missing");
    assert!(md.contains("activities/a9-broken.toml"), "banner lists the error");
}

#[test]
fn files_coopcom_did_not_write_survive() {
    let tmp = TempDir::new("render-user-file");
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("paste")).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    fs::write(out.join("paste/mine.txt"), "mine").unwrap();
    render(&fixture("ka152-youth-exchange"), &out, &[]).expect_status(0);
    assert_eq!(read(&out.join("notes.txt")), "my notes");
    assert_eq!(read(&out.join("paste/mine.txt")), "mine");
    // No temporary file is left behind.
    let leftovers: Vec<_> = snapshot_tree(&out)
        .into_keys()
        .filter(|k| k.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn out_pointing_at_a_file_is_refused() {
    let tmp = TempDir::new("render-out-file");
    let file = tmp.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let run = render(&fixture("ka152-youth-exchange"), &file, &[]);
    run.expect_status(2);
    assert_eq!(read(&file), "x");
}

#[test]
fn formats_can_be_chosen() {
    let tmp = TempDir::new("render-formats");
    let out = tmp.path().join("out");
    render(&fixture("ka152-youth-exchange"), &out, &["--format", "html"]).expect_status(0);
    let html = read(&out.join("application.html"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Rivers that connect"));
    assert!(!out.join("application.md").exists());
}

#[test]
fn an_override_in_templates_is_used() {
    let ws = Ws::copy("ka152-youth-exchange", "render-override");
    ws.write(
        "templates/application.md.tera",
        "# {{ project.title | md }}\n\nOur own layout with {{ partners | length }} partners.\n",
    );
    let tmp = TempDir::new("render-override-out");
    let out = tmp.path().join("out");
    render(ws.root(), &out, &[]).expect_status(0);
    assert!(read(&out.join("application.md")).contains("Our own layout with 2 partners."));
    let list = coopcom(["templates", "list", ws.root().to_str().unwrap()]);
    list.expect_status(0);
    assert!(list.stdout.contains("application.md.tera"), "{}", list.stdout);
    assert!(list.stdout.contains("overridden"), "{}", list.stdout);
}

#[test]
fn a_broken_override_is_reported_at_its_line() {
    let ws = Ws::copy("ka152-youth-exchange", "render-broken");
    ws.write(
        "templates/application.md.tera",
        "# Title\n\nline two\n{% for p in partners %}\n{{ p.name }\n",
    );
    let tmp = TempDir::new("render-broken-out");
    let out = tmp.path().join("out");
    let run = render(ws.root(), &out, &[]);
    run.expect_status(1);
    assert!(run.stderr.contains("CC901"), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/application.md.tera:5:"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn templates_cannot_read_files_outside_the_registered_ones() {
    let ws = Ws::copy("ka152-youth-exchange", "render-include");
    ws.write(
        "templates/application.md.tera",
        "# T\n{% include \"../../coopcom.toml\" %}\n",
    );
    let tmp = TempDir::new("render-include-out");
    let out = tmp.path().join("out");
    let run = render(ws.root(), &out, &[]);
    run.expect_status(1);
    assert!(run.stderr.contains("CC901"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn eject_copies_a_template_once() {
    let ws = Ws::copy("ka152-youth-exchange", "render-eject");
    coopcom([
        "templates",
        "eject",
        "partials/budget.md.tera",
        ws.root().to_str().unwrap(),
    ])
    .expect_status(0);
    // The ejected file is the built-in template, ready to edit.
    assert_eq!(
        ws.read("templates/partials/budget.md.tera"),
        read(&crate::support::repo().join("proposal-templates/common/partials/budget.md.tera"))
    );
    coopcom([
        "templates",
        "eject",
        "partials/budget.md.tera",
        ws.root().to_str().unwrap(),
    ])
    .expect_status(2);
    coopcom(["templates", "eject", "no-such.tera", ws.root().to_str().unwrap()]).expect_status(2);
}

#[test]
fn watch_renders_again_after_a_change() {
    let ws = Ws::copy("ka152-youth-exchange", "render-watch");
    let tmp = TempDir::new("render-watch-out");
    let out = tmp.path().join("out");
    let mut child = crate::support::hermetic(&mut std::process::Command::new(crate::support::BIN))
        .args([
            "render",
            ws.root().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--watch",
            "--watch-passes",
            "2",
        ])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first pass, then change a narrative.
    for _ in 0..200 {
        if out.join("application.md").is_file() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(400));
    ws.write(
        "narrative/summary/results.md",
        "A changed answer for the watch test.\n",
    );
    let mut done = None;
    for _ in 0..400 {
        if let Some(status) = child.try_wait().unwrap() {
            done = Some(status);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if done.is_none() {
        let _ = child.kill();
        panic!("render --watch did not render a second time");
    }
    assert!(read(&out.join("application.md")).contains("A changed answer for the watch test."));
}

#[test]
fn partnership_drafts_keep_the_lump_sum_in_the_header_table() {
    for fixture in ["ka210-small-scale", "ka220-adult-education"] {
        let tmp = TempDir::new("render-lump-sum");
        let out = tmp.path().join("out");
        render(&crate::support::fixture(fixture), &out, &[]).expect_status(0);
        let md = read(&out.join("application.md"));
        let lines: Vec<&str> = md.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("| Lump sum | EUR "))
            .expect("a lump-sum row");
        assert!(
            lines[at - 1].starts_with("| "),
            "{fixture}: the lump-sum row is outside the table:\n{md}"
        );
        let html = read(&out.join("application.html"));
        assert!(
            !html.contains("| Lump sum |"),
            "{fixture}: the row is shown as text"
        );
    }
}
