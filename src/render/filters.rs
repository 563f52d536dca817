//! Every filter coopcom adds to templates, in one place.
//!
//! - `eur`: a two-decimal amount as money (`EUR 66 089.00`).
//! - `md`: escapes a value for Markdown text and table cells, so that a `|`
//!   in a name keeps a table whole and `*`, `_`, `[`, `<` stay literal.
//! - `md_rows`: the body rows of a Markdown table from a list of items, each
//!   cell a field as `md` writes it.
//!
//! And the one function coopcom replaces: `range`, with a budget of items
//! for each rendered file (see [`RangeBudget`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tera::value::Key;
use tera::{Kwargs, State, Tera, Value};

/// Whether `md` escapes or drops byte `b` wherever it stands. (Every
/// character escaped or dropped is ASCII, so looking at bytes is exact.)
const fn special(b: u8) -> bool {
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
}

/// [`special`] for every byte, as a table: the filter runs on every value
/// of a draft, and one lookup per byte is what keeps it cheap. (A `u8`
/// always indexes a table of 256, and `get` is not usable in a constant.)
#[allow(clippy::indexing_slicing)]
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0u8;
    loop {
        table[b as usize] = special(b);
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

/// Whether `md` leaves `value` as it is: no character to escape or drop,
/// and no start that Markdown would read as a heading, list or rule.
fn md_unchanged(value: &str) -> bool {
    let bytes = value.as_bytes();
    // Every byte is looked at, without a branch per byte: the values are
    // short and almost never hold a special character.
    !matches!(bytes.first(), Some(b'#' | b'+' | b'-' | b'='))
        && !bytes.iter().fold(false, |any, &b| {
            any | SPECIAL.get(usize::from(b)).copied().unwrap_or(true)
        })
}

/// Escapes Markdown syntax in a single-line value.
pub fn md(value: &str) -> String {
    // Most values have nothing to escape: copy them whole.
    if md_unchanged(value) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 8);
    push_md_escaped(&mut out, value);
    out
}

/// Writes `value` escaped as [`md`] escapes it at the end of `out`.
fn push_md(out: &mut String, value: &str) {
    if md_unchanged(value) {
        out.push_str(value);
    } else {
        push_md_escaped(out, value);
    }
}

fn push_md_escaped(out: &mut String, value: &str) {
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

/// The text of a filter's input, with the error Tera gives a filter that
/// takes text when the input is not.
fn text_of(v: &Value) -> tera::TeraResult<&str> {
    <&str as tera::ArgFromValue>::from_value(v)
}

/// `value | md`. A value with nothing to escape (most names, dates and
/// amounts) comes back as the same value, shared, not copied: a draft of a
/// thousand activities passes some hundred thousand values through `md`.
/// A value marked safe is still given back as ordinary text, as before.
fn md_filter(v: &Value, _: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let text = text_of(v)?;
    if md_unchanged(text) && !v.is_safe() {
        Ok(v.clone())
    } else {
        Ok(Value::from(md(text)))
    }
}

/// `value | eur`: text that is not an amount comes back as the same value.
fn eur_filter(v: &Value, _: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let text = text_of(v)?;
    match text.parse::<rust_decimal::Decimal>() {
        Ok(amount) => Ok(Value::from(crate::money::format_eur(amount))),
        Err(_) if !v.is_safe() => Ok(v.clone()),
        Err(_) => Ok(Value::from(text)),
    }
}

/// `items | md_rows(fields=["label", "amount"])`: the body of a Markdown
/// table, one line `| a | b |` per item, each cell the item's field as
/// `{{ item.field | md }}` writes it (a number as it is). A table of
/// seventeen thousand budget lines is then one call instead of a filter
/// and a lookup per cell.
fn md_rows(items: &[Value], kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let fields = kwargs.must_get::<Vec<&str>>("fields")?;
    let mut out = String::with_capacity(items.len() * (fields.len() * 16 + 2));
    for (n, item) in items.iter().enumerate() {
        out.push_str("| ");
        push_cells(&mut out, item, &fields, n + 1)?;
        out.push_str(" |\n");
    }
    Ok(Value::from(out))
}

/// Writes the `fields` of `item` (item `n` of the list), separated by
/// ` | `: text as [`md`] escapes it, a number or a boolean as Tera writes it.
fn push_cells(out: &mut String, item: &Value, fields: &[&str], n: usize) -> tera::TeraResult<()> {
    let Some(map) = item.as_map() else {
        return Err(tera::Error::message(format!(
            "`md_rows` takes a list of items with fields, but item {n} is `{}`",
            item.name()
        )));
    };
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        let value = map.get(&Key::Str(field)).unwrap_or(&UNDEFINED);
        if let Some(text) = value.as_str() {
            push_md(out, text);
        } else if let Some(tera::Number::Integer(whole)) = value.as_number() {
            out.push_str(itoa::Buffer::new().format(whole));
        } else if value.is_number() || value.is_bool() {
            use std::fmt::Write as _;
            let _ = write!(out, "{value}");
        } else {
            return Err(tera::Error::message(format!(
                "`md_rows`: field `{field}` of item {n} is `{}`, not text or a number",
                value.name()
            )));
        }
    }
    Ok(())
}

/// What a missing field is: undefined, as in `{{ item.missing }}`.
static UNDEFINED: std::sync::LazyLock<Value> = std::sync::LazyLock::new(Value::undefined);

pub fn register(tera: &mut Tera, budget: &RangeBudget) {
    tera.register_filter("md", md_filter);
    tera.register_filter("eur", eur_filter);
    tera.register_filter("md_rows", md_rows);
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
    fn md_and_eur_give_text_that_the_page_still_escapes() {
        let budget = RangeBudget::default();
        budget.reset();
        let mut tera = Tera::default();
        tera.autoescape_on([".html"]);
        register(&mut tera, &budget);
        let page = "{{ q | md }}|{{ q | safe | md }}|{{ q | safe | eur }}|{{ n | eur }}|{{ t | md }}";
        tera.add_raw_template("page.html", page).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("q", "say \"hi\"");
        ctx.insert("n", "66089.00");
        ctx.insert("t", "A | B");
        // A value passed through whole is still text to the page: a quote
        // becomes &quot; whether or not it was marked safe before.
        assert_eq!(
            tera.render("page.html", &ctx).unwrap(),
            "say &quot;hi&quot;|say &quot;hi&quot;|say &quot;hi&quot;|EUR 66 089.00|A \\| B"
        );
        let e = format!("{:?}", tera.render_str("{{ 5 | md }}", &ctx, false).unwrap_err());
        assert!(e.contains("&str"), "{e}");
    }

    #[test]
    fn md_rows_writes_what_a_loop_of_md_cells_writes() {
        let budget = RangeBudget::default();
        budget.reset();
        let mut tera = Tera::default();
        register(&mut tera, &budget);
        let mut ctx = tera::Context::new();
        #[derive(serde::Serialize)]
        struct Row {
            label: &'static str,
            amount: &'static str,
            n: u32,
            unused: &'static str,
        }
        let row = |label, amount, n| Row {
            label,
            amount,
            n,
            unused: "*",
        };
        ctx.insert(
            "rows",
            &[
                row("A | B", "-1 = x", 7),
                row("Youth-work 2026", "", 12),
                row("a\tb\r\nc! ~d", "EUR 3 753.00", 0),
            ],
        );
        ctx.insert("empty", &Vec::<Row>::new());
        let r = |t: &str| tera.render_str(t, &ctx, false);
        let rows = r(r#"{{ rows | md_rows(fields=["label", "amount", "n"]) }}"#).unwrap();
        assert_eq!(
            rows,
            "| A \\| B | \\-1 = x | 7 |\n| Youth-work 2026 |  | 12 |\n| a b c\\! \\~d | EUR 3 753.00 | 0 |\n"
        );
        let cells =
            r("{% for x in rows %}| {{ x.label | md }} | {{ x.amount | md }} | {{ x.n }} |\n{% endfor %}");
        assert_eq!(rows, cells.unwrap());
        assert_eq!(r(r#"{{ empty | md_rows(fields=["label"]) }}"#).unwrap(), "");
        let e = format!(
            "{:?}",
            r(r#"{{ rows | md_rows(fields=["label", "city"]) }}"#).unwrap_err()
        );
        assert!(e.contains("field `city` of item 1 is `undefined`"), "{e}");
        let e = format!("{:?}", r(r#"{{ [1] | md_rows(fields=["label"]) }}"#).unwrap_err());
        assert!(e.contains("item 1 is `"), "{e}");
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
