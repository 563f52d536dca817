//! Common slips of people new to TOML, recognised where the parser or the
//! reader stops, so that the finding shows the line written right: dates
//! written the European way (`06/07/2027`) or without leading zeros
//! (`2027-7-6`), and values in curly quotes (`“Lyon”`).

use chrono::{Datelike, NaiveDate};

/// `6 July 2027`.
pub fn spelled(d: NaiveDate) -> String {
    let month = crate::text::month_name(d);
    format!("{} {month} {}", d.day(), d.year())
}

/// A date written another way than `YYYY-MM-DD`, read as a person would.
#[derive(Debug, PartialEq, Eq)]
pub struct DateSlip {
    pub date: NaiveDate,
    /// How the text was read: "day/month/year, as in Europe".
    pub reading: String,
}

impl DateSlip {
    /// `2027-07-06`.
    pub fn iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// The help line: `write `start = 2027-07-06`: ...`.
    pub fn help(&self, key: &str, written: &str) -> String {
        format!(
            "write `{key} = {}` ({}): {written} is read as {}; dates are written YYYY-MM-DD, with two-digit months and days, without quotes",
            self.iso(),
            spelled(self.date),
            self.reading,
        )
    }
}

/// Reads `06/07/2027`, `6.7.2027`, `06-07-2027`, `2027-7-6` or
/// `2027/07/06` as a calendar date. Day and month are read the European
/// way, day first, unless the second number cannot be a month
/// (`12/25/2027` is month/day/year). `None` when the text is not three
/// numbers with a four-digit year, or names no day of the calendar.
pub fn date(text: &str) -> Option<DateSlip> {
    let text = text.trim();
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(a) && digits(b) && digits(c)) {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (slip, reading) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        let s = sep.to_string();
        (
            NaiveDate::from_ymd_opt(i32::try_from(n(a)?).ok()?, n(b)?, n(c)?)?,
            format!("year{s}month{s}day"),
        )
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        let (first, second) = (n(a)?, n(b)?);
        let year = i32::try_from(n(c)?).ok()?;
        let s = sep.to_string();
        if second > 12 && first <= 12 {
            (
                NaiveDate::from_ymd_opt(year, first, second)?,
                format!("month{s}day{s}year, since {second} cannot be a month"),
            )
        } else {
            (
                NaiveDate::from_ymd_opt(year, second, first)?,
                format!("day{s}month{s}year, as in Europe"),
            )
        }
    } else {
        return None;
    };
    Some(DateSlip { date: slip, reading })
}

/// Opening curly quotes and the closing ones that may end them.
const CURLY: &[(char, &[char])] = &[
    ('“', &['”', '“', '"']),
    ('”', &['”', '“', '"']),
    ('„', &['“', '”', '"']),
    ('«', &['»']),
    ('»', &['«']),
    ('‘', &['’', '‘', '\'']),
    ('’', &['’', '‘', '\'']),
    ('‚', &['‘', '’', '\'']),
    ('"', &['”', '“']),
    ('\'', &['’', '‘']),
];

/// A value in curly quotes, `“Lyon”` (or opened straight and closed
/// curly): the text inside, and the length in bytes of the quoted value.
pub fn curly_quoted(value: &str) -> Option<(&str, usize)> {
    let open = value.chars().next()?;
    let (_, closers) = CURLY.iter().find(|(o, _)| *o == open)?;
    let body = value.get(open.len_utf8()..)?;
    let (end, close) = body.char_indices().find(|(_, c)| closers.contains(c))?;
    let inner = body.get(..end)?;
    let len = open.len_utf8() + end + close.len_utf8();
    let rest = value.get(len..)?.trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some((inner, len))
}

/// `inner` as a TOML basic string.
pub fn basic_string(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len() + 2);
    out.push('"');
    for c in inner.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `key = value` line cut up: the key as written, the value's byte offset
/// in the line, and the value up to a comment (trimmed). `None` for a line
/// that is not a plain assignment (a header, a comment, a continued value).
pub fn assignment(line: &str) -> Option<(&str, usize, &str)> {
    let eq = line.find('=')?;
    let key = line.get(..eq)?.trim();
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '"'));
    if !key_ok {
        return None;
    }
    let after = line.get(eq + 1..)?;
    let start = eq + 1 + (after.len() - after.trim_start().len());
    let value = line.get(start..)?.trim_end();
    Some((key, start, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn european_dates_are_read_day_first() {
        let s = date("06/07/2027").unwrap();
        assert_eq!(s.date, ymd(2027, 7, 6));
        assert_eq!(s.reading, "day/month/year, as in Europe");
        assert_eq!(
            s.help("start", "06/07/2027"),
            "write `start = 2027-07-06` (6 July 2027): 06/07/2027 is read as day/month/year, as in Europe; dates are written YYYY-MM-DD, with two-digit months and days, without quotes"
        );
        assert_eq!(date("6.7.2027").unwrap().date, ymd(2027, 7, 6));
        assert_eq!(date("25/12/2027").unwrap().date, ymd(2027, 12, 25));
        let us = date("12/25/2027").unwrap();
        assert_eq!(us.date, ymd(2027, 12, 25));
        assert!(us.reading.contains("25 cannot be a month"), "{us:?}");
        assert_eq!(date("2027-7-6").unwrap().date, ymd(2027, 7, 6));
        assert_eq!(date("2027/07/06").unwrap().date, ymd(2027, 7, 6));
        assert_eq!(date("31/02/2027"), None);
        assert_eq!(date("13/13/2027"), None);
        assert_eq!(date("1/2/3"), None);
        assert_eq!(date("lyon"), None);
        assert_eq!(date("06/07/2027/1"), None);
    }

    #[test]
    fn curly_quotes_are_found_with_their_text() {
        assert_eq!(curly_quoted("“Lyon”"), Some(("Lyon", "“Lyon”".len())));
        assert_eq!(curly_quoted("\"Lyon”"), Some(("Lyon", "\"Lyon”".len())));
        assert_eq!(curly_quoted("„Köln“ # city"), Some(("Köln", "„Köln“".len())));
        assert_eq!(curly_quoted("\"Lyon\""), None);
        assert_eq!(curly_quoted("“Lyon” x"), None);
        assert_eq!(basic_string("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
    }

    #[test]
    fn assignments_are_cut_at_the_equals_sign() {
        assert_eq!(assignment("start = 06/07/2027"), Some(("start", 8, "06/07/2027")));
        assert_eq!(assignment("[[flows]]"), None);
        assert_eq!(assignment("# a = 1"), None);
    }
}
