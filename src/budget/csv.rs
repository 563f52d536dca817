//! The budget as CSV that any spreadsheet opens, in the dialect of
//! [`crate::csv`].

use std::fmt::Write as _;

use super::Budget;
use crate::csv::push_text as field;
use crate::money::plain;

/// CSV with a header row, one row per budget line, then the total. Written
/// into one buffer: a budget of a thousand activities has some fifteen
/// thousand lines.
pub fn csv(b: &Budget) -> String {
    let mut s = String::with_capacity(128 * (b.lines.len() + 2));
    s.push_str("activity,flow,from,category,basis,amount_eur,reason\r\n");
    for l in &b.lines {
        field(&mut s, l.activity.as_deref().unwrap_or("project"));
        s.push(',');
        if let Some(f) = l.flow {
            let _ = write!(s, "{f}");
        }
        s.push(',');
        field(&mut s, l.from.as_deref().unwrap_or(""));
        s.push(',');
        field(&mut s, l.category.label());
        s.push(',');
        field(&mut s, &l.basis);
        s.push(',');
        s.push_str(&plain(l.amount));
        s.push(',');
        field(&mut s, l.reason.as_deref().unwrap_or(""));
        s.push_str("\r\n");
    }
    field(&mut s, "total");
    s.push_str(",,,");
    field(&mut s, "Total grant");
    s.push_str(",,");
    s.push_str(&plain(b.total()));
    s.push_str(",\r\n");
    s
}
