//! Every filter coopcom adds to templates, in one place.
//!
//! - `eur`: a two-decimal amount as money (`EUR 66 089.00`).
//! - `md`: escapes a value for Markdown text and table cells, so that a `|`
//!   in a name keeps a table whole and `*`, `_`, `[`, `<` stay literal.
//!
//! And the one function coopcom replaces: `range`, with a budget of items
//! for each rendered file (see [`RangeBudget`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tera::{Kwargs, State, Tera};

/// Escapes Markdown syntax in a single-line value.
pub fn md(value: &str) -> String {
    // Most values have nothing to escape: copy them whole. (Every character
    // escaped or dropped is ASCII, so looking at bytes is exact.)
    let special = |b: &u8| {
        matches!(
            b,
            b'\r'
                | b'\n'
                | b'\t'
                | b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'~'
                | b'&'
                | b'!'
        )
    };
    let starts_special = matches!(value.as_bytes().first(), Some(b'#' | b'+' | b'-' | b'='));
    if !starts_special && !value.as_bytes().iter().any(special) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for (i, c) in value.chars().enumerate() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A two-decimal amount as the draft writes money ("66089.00" → "EUR 66 089.00");
/// anything else as it is.
pub fn eur(value: &str) -> String {
    value
        .parse::<rust_decimal::Decimal>()
        .map(crate::money::format_eur)
        .unwrap_or_else(|_| value.to_string())
}

/// How many items all the calls of `range` in one rendered file may give
/// together: Tera's own limit for a single call. Tera bounds each call, but
/// not calls inside loops: two nested `range(end=100000)` would run 10^10
/// times and could write without end. No application needs more.
pub const MAX_RANGE_ITEMS: usize = 100_000;

/// What is left of the items `range` may give while one file is rendered;
/// [`RangeBudget::reset`] before each file.
#[derive(Debug, Clone, Default)]
pub struct RangeBudget(Arc<AtomicUsize>);

impl RangeBudget {
    pub fn reset(&self) {
        self.0.store(MAX_RANGE_ITEMS, Ordering::SeqCst);
    }

    /// Takes `n` items, or says that they are too many.
    fn take(&self, n: usize) -> bool {
        self.0
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| left.checked_sub(n))
            .is_ok()
    }
}

/// Tera's `range(start=0, end, step_by=1)`, with the same arguments and
/// errors, drawing its items from `budget`.
fn range(kwargs: &Kwargs, budget: &RangeBudget) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let overflow = || tera::Error::message("Function `range` was called with arguments that overflow i128");
    let len = if step > 0 {
        end.checked_sub(start)
            .and_then(|span| span.checked_add(step - 1))
            .ok_or_else(overflow)?
            / step
    } else if start <= end {
        0
    } else {
        let down = step.checked_neg().ok_or_else(overflow)?;
        start
            .checked_sub(end)
            .and_then(|span| span.checked_add(down - 1))
            .ok_or_else(overflow)?
            / down
    };
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    if !budget.take(len) {
        return Err(tera::Error::message(format!(
            "`range` would give {len} more items, which exceeds the limit of {MAX_RANGE_ITEMS} for all the loops of one template together (a loop inside a loop multiplies them): loop over fewer items"
        )));
    }
    Ok((0..len)
        .scan(start, |at, _| {
            let v = *at;
            *at = at.saturating_add(step);
            Some(v)
        })
        .collect())
}

pub fn register(tera: &mut Tera, budget: &RangeBudget) {
    tera.register_filter("md", |v: &str, _: Kwargs, _: &State| md(v));
    tera.register_filter("eur", |v: &str, _: Kwargs, _: &State| eur(v));
    let budget = budget.clone();
    tera.register_function("range", move |kwargs: Kwargs, _: &State| range(&kwargs, &budget));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(md("A | B"), "A \\| B");
        assert_eq!(
            md("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(md("# not a heading\nline"), "\\# not a heading line");
        assert_eq!(md("Youth-work 2026"), "Youth-work 2026");
        assert_eq!(md("-1 = x"), "\\-1 = x");
        assert_eq!(md("a\tb\r\nc! ~d"), "a b c\\! \\~d");
        assert_eq!(md("Ünïcödé plain"), "Ünïcödé plain");
    }

    #[test]
    fn range_gives_what_tera_gives_within_one_budget_per_file() {
        let budget = RangeBudget::default();
        budget.reset();
        let mut tera = Tera::default();
        register(&mut tera, &budget);
        let ctx = tera::Context::new();
        let r = |t: &str| tera.render_str(t, &ctx, false);
        assert_eq!(r("{{ range(end=5) }}").unwrap(), "[0, 1, 2, 3, 4]");
        assert_eq!(r("{{ range(start=1, end=10, step_by=3) }}").unwrap(), "[1, 4, 7]");
        assert_eq!(r("{{ range(start=5, end=0, step_by=-2) }}").unwrap(), "[5, 3, 1]");
        assert!(r("{{ range(start=5, end=0) }}").is_err());
        budget.reset();
        let nested =
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
        let e = format!("{:?}", r(nested).unwrap_err());
        assert!(
            e.contains("would give 100000 more items, which exceeds the limit of 100000"),
            "{e}"
        );
    }
}
