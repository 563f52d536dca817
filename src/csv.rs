//! The one CSV dialect of every CSV file coopcom writes (`budget --format
//! csv`, `export csv`, render's budget.csv): fields separated by commas,
//! rows ending with CRLF, numbers as they are with a dot for decimals, text
//! always quoted with its quotes doubled, so that LibreOffice, Excel and
//! Google Sheets open the files as they are and a country code like NA is
//! never read as "missing".
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) is neutralised as OWASP recommends
//! for CSV export: a leading `'` makes it show as the text it is. A city
//! named `=HYPERLINK("http://x","y")` stays that text, not a link. Numbers
//! are never text here, so an amount like `-12.50` stays a number.

/// One text field: quoted, neutralised when it would start a formula.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    push_text(&mut out, s);
    out
}

/// [`text`] written at the end of `out`, for files of many rows.
pub fn push_text(out: &mut String, s: &str) {
    out.push('"');
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    let mut rest = s;
    while let Some(i) = rest.find('"') {
        out.push_str(rest.get(..=i).unwrap_or_default());
        out.push('"');
        rest = rest.get(i + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn text_is_quoted_and_formulas_are_neutralised() {
        assert_eq!(text("Valencia"), "\"Valencia\"");
        assert_eq!(text(""), "\"\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(text("+33 4"), "\"'+33 4\"");
        assert_eq!(text("-12.50"), "\"'-12.50\"");
        assert_eq!(text("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(text("\t=1"), "\"'\t=1\"");
        assert_eq!(text("\r=1"), "\"'\r=1\"");
        assert_eq!(text("a=1"), "\"a=1\"");
        assert_eq!(text("500-1999 km"), "\"500-1999 km\"");
    }
}
