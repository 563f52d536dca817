//! The budget as CSV that any spreadsheet opens, in the dialect of
//! [`crate::csv`].

use std::fmt::Write as _;

use super::Budget;
use crate::csv::text as field;
use crate::money::plain;

/// CSV with a header row, one row per budget line, then the total.
pub fn csv(b: &Budget) -> String {
    let mut s = String::from("activity,flow,from,category,basis,amount_eur,reason\r\n");
    for l in &b.lines {
        let _ = write!(
            s,
            "{},{},{},{},{},{},{}\r\n",
            field(l.activity.as_deref().unwrap_or("project")),
            l.flow.map(|f| f.to_string()).unwrap_or_default(),
            field(l.from.as_deref().unwrap_or("")),
            field(l.category.label()),
            field(&l.basis),
            plain(l.amount),
            field(l.reason.as_deref().unwrap_or(""))
        );
    }
    let _ = write!(
        s,
        "{},,,{},,{},\r\n",
        field("total"),
        field("Total grant"),
        plain(b.total())
    );
    s
}
