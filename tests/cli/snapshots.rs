//! The human report (stderr, NO_COLOR) of representative diagnostics,
//! compared with `tests/snapshots/<name>.txt`. Regenerate after a reviewed
//! change with `COOPCOM_BLESS=1 cargo test --test cli snapshots`.

use crate::support::*;

/// Checks the workspace and returns the report block that starts with `header`.
#[track_caller]
fn block(ws: &Ws, header: &str) -> String {
    let run = ws.check_human(&[]);
    run.expect_status(1);
    assert!(
        !run.stderr.contains(&ws.root().display().to_string()),
        "absolute path in the report:\n{}",
        run.stderr
    );
    human_block(&run.stderr, header)
}

#[test]
fn snapshot_toml_syntax_error() {
    let ws = Ws::copy("ka152-youth-exchange", "snap_syntax");
    ws.edit(
        "partners/valencia.toml",
        "name = \"Asociación Juvenil El Turia\"",
        "name = \"Asociación Juvenil El Turia",
    );
    assert_snapshot("toml-syntax", &block(&ws, "error[CC101]"));
}

#[test]
fn snapshot_unknown_key_with_suggestion() {
    let ws = Ws::copy("ka152-youth-exchange", "snap_unknown_key");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "fewer_opportunities = 4",
        "fewer_oportunities = 4",
    );
    assert_snapshot("unknown-key", &block(&ws, "error[CC102]"));
}

#[test]
fn snapshot_dangling_reference() {
    let ws = Ws::copy("ka152-youth-exchange", "snap_dangling");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "host = \"valencia\"",
        "host = \"valenica\"",
    );
    assert_snapshot("unknown-reference", &block(&ws, "error[CC201]"));
}

#[test]
fn snapshot_rule_finding_with_guide_citation() {
    let ws = Ws::copy("ka152-youth-exchange", "snap_rule");
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "end = 2026-10-18",
        "end = 2026-10-15",
    );
    let text = block(&ws, "error[CC602]");
    assert!(text.contains("Guide 2026 p. 157"), "{text}");
    assert_snapshot("activity-duration", &text);
}
