//! The comparison written out: for a terminal (colours through anstyle),
//! as Markdown for a pull-request comment, and as one JSON object.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use rust_decimal::Decimal;

use super::{Changes, Diff, Finding, Subtotal, TextChange};
use crate::money::format_eur;

fn eur(amount: &str) -> String {
    amount
        .parse::<Decimal>()
        .map(format_eur)
        .unwrap_or_else(|_| amount.to_string())
}

/// `+EUR 1 668.00`, `-EUR 1 668.00`, `EUR 0.00`.
fn signed(change: &str) -> String {
    let text = eur(change);
    if text.starts_with('-') || change.parse::<Decimal>().is_ok_and(|d| d.is_zero()) {
        text
    } else {
        format!("+{text}")
    }
}

fn value(v: &str) -> &str {
    if v.is_empty() { "(none)" } else { v }
}

fn subtotal_name(s: &Subtotal) -> &str {
    if s.name.is_empty() {
        "project-level costs"
    } else {
        &s.name
    }
}

fn text_line(t: &TextChange) -> String {
    let limit = match t.limit {
        Some(l) => format!(" (limit {l})"),
        None => String::new(),
    };
    let verdict = match (t.over_limit_old, t.over_limit_new) {
        (false, true) => ": now over the limit",
        (true, false) => ": now within the limit",
        (true, true) => ": still over the limit",
        (false, false) => "",
    };
    format!(
        "{}: {} -> {} characters{limit}{verdict}",
        t.field, t.old_chars, t.new_chars
    )
}

fn finding_line(f: &Finding) -> String {
    let at = if f.at.is_empty() {
        String::new()
    } else {
        format!(" {}", f.at)
    };
    format!("{}[{}]{at}: {}", f.severity, f.code, f.message)
}

/// The comparison for a terminal.
pub fn text(d: &Diff, color: bool) -> String {
    let paint = |style: Style, s: &str| {
        if color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    };
    let bold = Style::new().bold();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        paint(bold, &format!("coopcom diff: {} -> {}", d.old, d.new))
    );
    if d.is_empty() {
        let _ = writeln!(o, "no difference: the two analyses are the same");
        return o;
    }
    let _ = writeln!(
        o,
        "\n{} {} -> {} ({})",
        paint(bold, "Grant:"),
        eur(&d.grant.old),
        eur(&d.grant.new),
        signed(&d.grant.change)
    );
    for (title, rows) in [
        ("by activity", &d.grant.by_activity),
        ("by category", &d.grant.by_category),
    ] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(o, "  {title}:");
        for s in rows {
            let _ = writeln!(
                o,
                "    {}: {} -> {} ({})",
                subtotal_name(s),
                eur(&s.amount.old),
                eur(&s.amount.new),
                signed(&s.amount.change)
            );
        }
    }
    if !d.renamed.is_empty() {
        let _ = writeln!(o, "\n{}", paint(bold, "Organisations renamed"));
        for r in &d.renamed {
            let _ = writeln!(
                o,
                "  {} {} -> {} (same {})",
                paint(yellow, "~"),
                r.old,
                r.new,
                r.by
            );
        }
    }
    let changes = |o: &mut String, title: &str, c: &Changes| {
        if c.is_empty() {
            return;
        }
        let _ = writeln!(o, "\n{}", paint(bold, title));
        for i in &c.added {
            let _ = writeln!(o, "  {} {} added: {}", paint(green, "+"), i.id, i.label);
        }
        for i in &c.removed {
            let _ = writeln!(o, "  {} {} removed: {}", paint(red, "-"), i.id, i.label);
        }
        for ch in &c.changed {
            let _ = writeln!(o, "  {} {} ({})", paint(yellow, "~"), ch.id, ch.label);
            for f in &ch.fields {
                let _ = writeln!(o, "      {}: {} -> {}", f.field, value(&f.old), value(&f.new));
            }
        }
    };
    changes(&mut o, "Organisations", &d.organisations);
    changes(&mut o, "Activities", &d.activities);
    changes(&mut o, "Flows", &d.flows);
    if !d.findings.appeared.is_empty() || !d.findings.disappeared.is_empty() {
        let _ = writeln!(o, "\n{}", paint(bold, "Findings"));
        for f in &d.findings.appeared {
            let _ = writeln!(o, "  {} appeared: {}", paint(red, "+"), finding_line(f));
        }
        for f in &d.findings.disappeared {
            let _ = writeln!(o, "  {} gone: {}", paint(green, "-"), finding_line(f));
        }
    }
    if !d.texts.is_empty() {
        let _ = writeln!(o, "\n{}", paint(bold, "Narrative texts changed"));
        for t in &d.texts {
            let mark = if t.over_limit_new {
                paint(red, "!")
            } else {
                paint(yellow, "~")
            };
            let _ = writeln!(o, "  {mark} {}", text_line(t));
        }
    }
    changes(&mut o, "Impact targets", &d.targets);
    o
}

/// Escapes a value for a Markdown table cell.
fn cell(s: &str) -> String {
    let s = value(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The comparison as Markdown, ready for a pull-request comment.
pub fn markdown(d: &Diff) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "### coopcom diff: {} → {}\n", cell(&d.old), cell(&d.new));
    if d.is_empty() {
        let _ = writeln!(o, "No difference: the two analyses are the same.");
        return o;
    }
    let _ = writeln!(o, "| Grant | Old | New | Change |\n| --- | ---: | ---: | ---: |");
    let _ = writeln!(
        o,
        "| **Total** | {} | {} | **{}** |",
        eur(&d.grant.old),
        eur(&d.grant.new),
        signed(&d.grant.change)
    );
    for s in &d.grant.by_activity {
        let _ = writeln!(
            o,
            "| Activity {} | {} | {} | {} |",
            cell(subtotal_name(s)),
            eur(&s.amount.old),
            eur(&s.amount.new),
            signed(&s.amount.change)
        );
    }
    for s in &d.grant.by_category {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            cell(&s.name),
            eur(&s.amount.old),
            eur(&s.amount.new),
            signed(&s.amount.change)
        );
    }
    if !d.renamed.is_empty() {
        let _ = writeln!(o, "\n#### Organisations renamed\n");
        for r in &d.renamed {
            let _ = writeln!(o, "- `{}` → `{}` (same {})", r.old, r.new, r.by);
        }
    }
    let changes = |o: &mut String, title: &str, c: &Changes| {
        if c.is_empty() {
            return;
        }
        let _ = writeln!(o, "\n#### {title}\n");
        for i in &c.added {
            let _ = writeln!(o, "- **added** `{}`: {}", i.id, cell(&i.label));
        }
        for i in &c.removed {
            let _ = writeln!(o, "- **removed** `{}`: {}", i.id, cell(&i.label));
        }
        if !c.changed.is_empty() {
            let _ = writeln!(o, "\n| {title} | Field | Old | New |\n| --- | --- | --- | --- |");
            for ch in &c.changed {
                for f in &ch.fields {
                    let _ = writeln!(
                        o,
                        "| `{}` | {} | {} | {} |",
                        ch.id,
                        f.field,
                        cell(&f.old),
                        cell(&f.new)
                    );
                }
            }
        }
    };
    changes(&mut o, "Organisations", &d.organisations);
    changes(&mut o, "Activities", &d.activities);
    changes(&mut o, "Flows", &d.flows);
    if !d.findings.appeared.is_empty() || !d.findings.disappeared.is_empty() {
        let _ = writeln!(
            o,
            "\n#### Findings\n\n| | Severity | Code | Where | Message |\n| --- | --- | --- | --- | --- |"
        );
        for (mark, list) in [
            ("appeared", &d.findings.appeared),
            ("gone", &d.findings.disappeared),
        ] {
            for f in list {
                let _ = writeln!(
                    o,
                    "| {mark} | {} | {} | {} | {} |",
                    f.severity,
                    f.code,
                    cell(&f.at),
                    cell(&f.message)
                );
            }
        }
    }
    if !d.texts.is_empty() {
        let _ = writeln!(
            o,
            "\n#### Narrative texts changed\n\n| Field | Characters before | Characters after | Limit | Over the limit |\n| --- | ---: | ---: | ---: | --- |"
        );
        for t in &d.texts {
            let over = match (t.over_limit_old, t.over_limit_new) {
                (false, true) => "**now over**",
                (true, false) => "now within",
                (true, true) => "still over",
                (false, false) => "no",
            };
            let limit = t.limit.map(|l| l.to_string()).unwrap_or_else(|| "none".into());
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {limit} | {over} |",
                t.field, t.old_chars, t.new_chars
            );
        }
    }
    changes(&mut o, "Impact targets", &d.targets);
    o
}
