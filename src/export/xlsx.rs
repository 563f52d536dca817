//! The budget as an Excel workbook (rust_xlsxwriter): a `Summary` sheet
//! first, then one sheet per activity or work package with its lines.
//!
//! On an activity sheet, a unit cost is written as its factors (quantity of
//! persons, participants or months; days; rate) and an amount that is their
//! product (`=C2*D2*E2`); real costs and lump sums are plain amounts. The
//! Summary's subtotals, category totals and grant are formulas over the
//! other sheets (`=SUM(...)`, `=SUMIF(...)`), so a partner who changes a
//! number sees the line and the totals follow. Each formula also carries
//! the amount coopcom computed as its cached result, for viewers that do
//! not calculate.
//!
//! Deterministic: rust_xlsxwriter dates its zip entries 1980-01-01; the
//! document's creation date, which it would take from the clock, is set to
//! [`super::stamp`].

use std::collections::HashSet;

use anyhow::Result;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet};

use crate::analysis::Analysis;
use crate::budget::{Budget, Category};
use crate::money::plain;
use crate::workspace::Money;

const EUR: &str = "#,##0.00 \"EUR\"";

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`,
/// no apostrophe at either end, unique regardless of case as Excel wants.
pub fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { "Sheet" } else { clean };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let keep = 31 - suffix.chars().count();
        let head: String = base.chars().take(keep).collect();
        let name = format!("{}{suffix}", head.trim_end_matches('\''));
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

/// A sheet name as a formula refers to it: quoted, apostrophes doubled.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// The column of the amounts on the activity sheets (F).
const AMOUNT: u16 = 5;

/// `=C2*D2*E2`: the product of a line's factors on row `row` (0-based),
/// for the lines that carry them (unit costs); `None` for the others.
fn amount_formula(l: &crate::budget::Line, row: u32) -> Option<String> {
    l.rate?;
    let r = row + 1;
    let mut cells = Vec::new();
    if l.quantity.is_some() {
        cells.push(format!("C{r}"));
    }
    if l.days.is_some() {
        cells.push(format!("D{r}"));
    }
    cells.push(format!("E{r}"));
    Some(format!("={}", cells.join("*")))
}

fn number(m: Money) -> f64 {
    m.to_f64().unwrap_or_default()
}

/// The workbook's bytes.
pub fn workbook(a: &Analysis, budget: &Budget) -> Result<Vec<u8>> {
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(EUR);
    let money_bold = Format::new().set_num_format(EUR).set_bold();
    let mut taken = HashSet::new();
    let summary_name = sheet_name("Summary", &mut taken);
    let groups: Vec<(Option<String>, Money, String)> = budget
        .by_activity()
        .into_iter()
        .map(|(key, amount)| {
            let name = sheet_name(key.as_deref().unwrap_or("Project"), &mut taken);
            (key, amount, name)
        })
        .collect();

    let mut sheets = Vec::new();
    for (key, _, name) in &groups {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        for (col, (head, width)) in [
            ("Category", 36),
            ("Basis", 70),
            ("Quantity", 10),
            ("Days", 8),
            ("Rate", 14),
            ("Amount", 16),
            ("Flow", 6),
            ("From", 14),
            ("Justification", 60),
        ]
        .into_iter()
        .enumerate()
        {
            let col = u16::try_from(col)?;
            ws.write_string_with_format(0, col, head, &bold)?;
            ws.set_column_width(col, width)?;
        }
        let lines: Vec<_> = a.index.lines(budget, key.as_deref()).collect();
        let mut row = 1u32;
        for l in &lines {
            ws.write_string(row, 0, l.category.label())?;
            ws.write_string(row, 1, &l.basis)?;
            // A unit cost is written as its factors and a formula that
            // multiplies them, so that changing a number recalculates it.
            match amount_formula(l, row) {
                Some(formula) => {
                    if let Some(q) = l.quantity {
                        ws.write_number(row, 2, q)?;
                    }
                    if let Some(d) = l.days {
                        ws.write_number(row, 3, d)?;
                    }
                    if let Some(r) = l.rate {
                        ws.write_number_with_format(row, 4, number(r), &money)?;
                    }
                    ws.write_formula_with_format(
                        row,
                        AMOUNT,
                        Formula::new(formula).set_result(plain(l.amount)),
                        &money,
                    )?;
                }
                None => {
                    ws.write_number_with_format(row, AMOUNT, number(l.amount), &money)?;
                }
            }
            if let Some(flow) = l.flow {
                ws.write_number(row, 6, u32::try_from(flow).unwrap_or(u32::MAX))?;
            }
            ws.write_string(row, 7, l.from.as_deref().unwrap_or_default())?;
            if let Some(reason) = &l.reason {
                ws.write_string(row, 8, reason)?;
            }
            row += 1;
        }
        let subtotal: Money = lines.iter().map(|l| l.amount).sum();
        ws.write_string_with_format(row, 0, "Total", &bold)?;
        ws.write_formula_with_format(
            row,
            AMOUNT,
            Formula::new(format!("=SUM(F2:F{row})")).set_result(plain(subtotal)),
            &money_bold,
        )?;
        ws.set_freeze_panes(1, 0)?;
        sheets.push((ws, row));
    }

    let mut summary = Worksheet::new();
    summary.set_name(&summary_name)?;
    for (col, (head, width)) in [("Activity or work package", 28), ("Title", 70), ("Amount", 16)]
        .into_iter()
        .enumerate()
    {
        let col = u16::try_from(col)?;
        summary.write_string_with_format(0, col, head, &bold)?;
        summary.set_column_width(col, width)?;
    }
    let mut row = 1u32;
    for ((key, amount, name), (_, last)) in groups.iter().zip(&sheets) {
        let title = match key {
            Some(k) => super::title_of(a, k),
            None => "Project-level costs".to_string(),
        };
        summary.write_string(row, 0, key.as_deref().unwrap_or("project"))?;
        summary.write_string(row, 1, &title)?;
        let f = format!("=SUM({}!F2:F{last})", quoted(name));
        summary.write_formula_with_format(row, 2, Formula::new(f).set_result(plain(*amount)), &money)?;
        row += 1;
    }
    summary.write_string_with_format(row, 0, "Total grant", &bold)?;
    let f = format!("=SUM(C2:C{row})");
    summary.write_formula_with_format(
        row,
        2,
        Formula::new(f).set_result(plain(budget.total())),
        &money_bold,
    )?;
    row += 2;
    summary.write_string_with_format(row, 0, "Budget category", &bold)?;
    row += 1;
    for (category, amount) in budget.by_category() {
        summary.write_string(row, 0, category.label())?;
        summary.write_formula_with_format(row, 2, by_category(category, &groups, &sheets, amount), &money)?;
        row += 1;
    }
    row += 1;
    let title =
        a.ws.project
            .title
            .as_ref()
            .map(|t| t.value.as_str())
            .unwrap_or_default();
    let about = format!(
        "{title}: {} call {}, amounts in euros computed by coopcom",
        budget.action, budget.call
    );
    summary.write_string(row, 0, &about)?;
    if !budget.unconfirmed_figures.is_empty() {
        let note = format!(
            "Figures not confirmed from the Programme Guide: {}",
            budget.unconfirmed_figures.join("; ")
        );
        summary.write_string(row + 1, 0, &note)?;
    }
    summary.set_freeze_panes(1, 0)?;

    let mut wb = Workbook::new();
    let stamp = super::stamp(a);
    let created = ExcelDateTime::from_ymd(
        u16::try_from(chrono::Datelike::year(&stamp)).unwrap_or(2000),
        u8::try_from(chrono::Datelike::month(&stamp)).unwrap_or(1),
        u8::try_from(chrono::Datelike::day(&stamp)).unwrap_or(1),
    )?;
    let props = DocProperties::new()
        .set_title(format!("Budget: {title}"))
        .set_subject(format!("Erasmus+ {} grant, call {}", budget.action, budget.call))
        .set_comment(format!("Exported by coopcom {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    wb.push_worksheet(summary);
    for (ws, _) in sheets {
        wb.push_worksheet(ws);
    }
    Ok(wb.save_to_buffer()?)
}

/// `=SUMIF(...)+SUMIF(...)` of one category over every activity sheet.
fn by_category(
    category: Category,
    groups: &[(Option<String>, Money, String)],
    sheets: &[(Worksheet, u32)],
    amount: Money,
) -> Formula {
    let label = category.label().replace('"', "\"\"");
    let parts: Vec<String> = groups
        .iter()
        .zip(sheets)
        .map(|((_, _, name), (_, last))| {
            let s = quoted(name);
            format!("SUMIF({s}!A2:A{last},\"{label}\",{s}!F2:F{last})")
        })
        .collect();
    Formula::new(format!("={}", parts.join("+"))).set_result(plain(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("Summary", &mut taken), "Summary");
        assert_eq!(sheet_name("summary", &mut taken), "summary (2)");
        assert_eq!(sheet_name("a/b:c[d]*?\\", &mut taken), "a-b-c-d----");
        let long = "a-very-long-work-package-identifier-indeed";
        let first = sheet_name(long, &mut taken);
        let second = sheet_name(long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        assert!(
            second.ends_with(" (2)") && second.chars().count() == 31,
            "{second}"
        );
        assert_eq!(sheet_name("'quoted'", &mut taken), "quoted");
        assert_eq!(sheet_name("''", &mut taken), "Sheet");
    }
}
