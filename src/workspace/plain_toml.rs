//! The plain TOML that workspace files are written in, read in one pass.
//!
//! A workspace of a thousand activities is a thousand small files of
//! `key = value` lines, `[table]` and `[[array]]` headers, quoted texts,
//! whole and decimal numbers, dates, lists and one-line inline tables. This
//! reader takes exactly that, and gives up (`None`) on anything else:
//! escapes, multi-line strings, dotted or quoted keys, times, other number
//! forms, comments inside lists, and every error, from a duplicate key to a
//! date that is not in the calendar. The `toml` crate then parses the file
//! as before, so that what it accepts and every message it gives stay its
//! own; what this reader does accept, it reads as the `toml` crate does,
//! spans included (a test compares the two on every workspace file of the
//! repository). Only the order of a table's keys differs: they stay in the
//! order they are written, which is the order the readers ask for them in
//! (see [`super::tree`]).
//!
//! Nothing it accepts nests more than two levels (a list in an inline
//! table) or chains dots (only a decimal number has one), so a file it
//! reads never needs the nesting guard of [`super::parse`].

use std::borrow::Cow;

use toml::value::{Date, Datetime};

use super::tree::{Number, Spanned, Table, Value};

/// Reads `text`, or `None` when it is not plain workspace TOML.
pub fn parse(text: &str) -> Option<Table<'_>> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut root = Table::with_room();
    let mut current = Current::Root;
    // The names of the arrays made by `[[name]]` headers: only those take
    // another entry.
    let mut arrays: Vec<&str> = Vec::new();
    loop {
        p.skip_spaces();
        match p.peek() {
            None => break,
            Some(b'\n' | b'\r' | b'#') => {}
            Some(b'[') => {
                current = p.header(&mut root, &mut arrays)?;
            }
            Some(_) => p.key_value(true, target(&mut root, current)?)?,
        }
        p.end_of_line()?;
    }
    Some(root)
}

/// The table that `key = value` lines go into. The root's keys keep their
/// places (the order they are written in): a header's table is found by
/// its place.
#[derive(Clone, Copy)]
enum Current {
    Root,
    /// The table of a `[name]` header.
    Table(usize),
    /// The last entry of the array of a `[[name]]` header.
    Entry(usize),
}

fn target<'t, 'i>(root: &'t mut Table<'i>, current: Current) -> Option<&'t mut Table<'i>> {
    match current {
        Current::Root => Some(root),
        Current::Table(at) => match root.value_at_mut(at)?.get_mut() {
            Value::Table(t) => Some(t),
            _ => None,
        },
        Current::Entry(at) => match root.value_at_mut(at)?.get_mut() {
            Value::Array(items) => match items.last_mut()?.get_mut() {
                Value::Table(t) => Some(t),
                _ => None,
            },
            _ => None,
        },
    }
}

struct Parser<'i> {
    text: &'i str,
    bytes: &'i [u8],
    pos: usize,
}

/// The bytes of a bare key (ASCII letters and digits, `_`, `-`), looked up
/// in a table: keys are most of a workspace file's bytes.
// The table is built at compile time: an index out of range could only
// stop the build.
#[allow(clippy::indexing_slicing)]
const BARE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    table
};

fn is_bare(b: u8) -> bool {
    BARE.get(usize::from(b)).copied().unwrap_or(false)
}

/// A byte that may follow a scalar value.
fn ends_value(b: Option<u8>) -> bool {
    matches!(
        b,
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'#')
    )
}

/// A byte that TOML allows in a comment or a one-line string: not a
/// control character other than tab.
fn is_text(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

impl<'i> Parser<'i> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Spaces, line breaks (in a list), but no comment.
    fn skip_blank(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n') => self.pos += 1,
                Some(b'\r') if self.at(1) == Some(b'\n') => self.pos += 2,
                Some(b'#' | b'\r') => return None,
                _ => return Some(()),
            }
        }
    }

    /// After a line's statement: spaces, a comment, then the line break or
    /// the end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            while let Some(b) = self.peek() {
                if b == b'\n' || (b == b'\r' && self.at(1) == Some(b'\n')) {
                    break;
                }
                if !is_text(b) {
                    return None;
                }
                self.pos += 1;
            }
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(b'\r') if self.at(1) == Some(b'\n') => {
                self.pos += 2;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// A bare key: its text and span.
    fn bare_key(&mut self) -> Option<Spanned<Cow<'i, str>>> {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        self.pos += rest.iter().position(|&b| !is_bare(b)).unwrap_or(rest.len());
        if self.pos == start {
            return None;
        }
        let key = self.text.get(start..self.pos)?;
        Some(Spanned::new(start..self.pos, Cow::Borrowed(key)))
    }

    /// `[name]` or `[[name]]`: the table that the lines after it go into.
    fn header(&mut self, root: &mut Table<'i>, arrays: &mut Vec<&'i str>) -> Option<Current> {
        let start = self.pos;
        let array = self.at(1) == Some(b'[');
        self.pos += if array { 2 } else { 1 };
        let key = self.bare_key()?;
        let close: &[u8] = if array { b"]]" } else { b"]" };
        if !self.bytes.get(self.pos..)?.starts_with(close) {
            return None;
        }
        self.pos += close.len();
        let span = start..self.pos;
        let name: &'i str = match key.get_ref() {
            Cow::Borrowed(name) => name,
            Cow::Owned(_) => return None,
        };
        let entry = Spanned::new(span.clone(), Value::Table(Table::with_room()));
        let at = root.len();
        if !array {
            return root
                .push(key, Spanned::new(span, Value::Table(Table::with_room())))
                .then_some(Current::Table(at));
        }
        if arrays.contains(&name) {
            let at = root.position(name)?;
            match root.value_at_mut(at)?.get_mut() {
                Value::Array(items) => items.push(entry),
                _ => return None,
            }
            return Some(Current::Entry(at));
        }
        if !root.push(key, Spanned::new(span, Value::Array(vec![entry]))) {
            return None;
        }
        arrays.push(name);
        Some(Current::Entry(at))
    }

    /// `key = value`, added to `into` (a key it has already is not plain);
    /// `lists` allows line breaks inside a list (not in an inline table,
    /// which TOML writes on one line).
    fn key_value(&mut self, lists: bool, into: &mut Table<'i>) -> Option<()> {
        let key = self.bare_key()?;
        self.skip_spaces();
        if self.peek() != Some(b'=') {
            return None;
        }
        self.pos += 1;
        self.skip_spaces();
        let value = match self.peek()? {
            b'[' => self.list(lists)?,
            b'{' if lists => self.inline_table()?,
            _ => self.scalar()?,
        };
        into.push(key, value).then_some(())
    }

    /// `{ key = value, ... }` on one line, its values scalars or lists.
    fn inline_table(&mut self) -> Option<Spanned<Value<'i>>> {
        let start = self.pos;
        self.pos += 1;
        let mut table = Table::default();
        self.skip_spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Spanned::new(start..self.pos, Value::Table(table)));
        }
        loop {
            self.skip_spaces();
            self.key_value(false, &mut table)?;
            self.skip_spaces();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(Spanned::new(start..self.pos, Value::Table(table)));
                }
                _ => return None,
            }
        }
    }

    /// `[value, ...]` of scalars, over several lines when `lines`.
    fn list(&mut self, lines: bool) -> Option<Spanned<Value<'i>>> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        let blank = |p: &mut Self| {
            if lines {
                p.skip_blank()
            } else {
                p.skip_spaces();
                Some(())
            }
        };
        loop {
            blank(self)?;
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(Spanned::new(start..self.pos, Value::Array(items)));
            }
            items.push(self.scalar()?);
            blank(self)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(Spanned::new(start..self.pos, Value::Array(items)));
                }
                _ => return None,
            }
        }
    }

    /// A one-line string, a whole or decimal number, a boolean or a date.
    fn scalar(&mut self) -> Option<Spanned<Value<'i>>> {
        let start = self.pos;
        let value = match self.peek()? {
            quote @ (b'"' | b'\'') => {
                // No multi-line string, no escape.
                if self.at(1) == Some(quote) && self.at(2) == Some(quote) {
                    return None;
                }
                self.pos += 1;
                let from = self.pos;
                let rest = self.bytes.get(from..)?;
                let len = rest
                    .iter()
                    .position(|&b| b == quote || b == b'\\' || !is_text(b))?;
                if rest.get(len) != Some(&quote) {
                    return None;
                }
                let s = self.text.get(from..from + len)?;
                self.pos = from + len + 1;
                Value::String(Cow::Borrowed(s))
            }
            b't' if self.bytes.get(self.pos..)?.starts_with(b"true") => {
                self.pos += 4;
                Value::Boolean(true)
            }
            b'f' if self.bytes.get(self.pos..)?.starts_with(b"false") => {
                self.pos += 5;
                Value::Boolean(false)
            }
            b'0'..=b'9' | b'-' => match self.date() {
                Some(date) => date,
                None => self.number()?,
            },
            _ => return None,
        };
        if !ends_value(self.peek()) {
            return None;
        }
        Some(Spanned::new(start..self.pos, value))
    }

    /// `-12`, `0`, `1.5`: no sign `+`, no leading zero, no `_`, no exponent
    /// (those are left to the `toml` crate).
    fn number(&mut self) -> Option<Value<'i>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = self.digits()?;
        if digits > 1 && self.bytes.get(self.pos - digits) == Some(&b'0') {
            return None;
        }
        let float = self.peek() == Some(b'.');
        if float {
            self.pos += 1;
            self.digits()?;
        }
        let text = Cow::Borrowed(self.text.get(start..self.pos)?);
        Some(if float {
            Value::Float(Number::new(text, 10))
        } else {
            Value::Integer(Number::new(text, 10))
        })
    }

    /// Skips one or more digits: how many.
    fn digits(&mut self) -> Option<usize> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        (self.pos > start).then_some(self.pos - start)
    }

    /// `2026-07-01`, a day of the calendar, not followed by a time.
    fn date(&mut self) -> Option<Value<'i>> {
        let b = self.bytes.get(self.pos..self.pos + 10)?;
        let digit = |i: usize| {
            b.get(i)
                .filter(|c| c.is_ascii_digit())
                .map(|c| u16::from(c - b'0'))
        };
        let number =
            |from: usize, len: usize| (from..from + len).try_fold(0u16, |n, i| Some(n * 10 + digit(i)?));
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
        chrono::NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))?;
        // `2026-07-01 10:00` and `2026-07-01T10:00` are dates with a time.
        if self.at(10) == Some(b' ') && self.at(11).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        self.pos += 10;
        Some(Value::Datetime(Datetime {
            date: Some(Date {
                year,
                month: u8::try_from(month).ok()?,
                day: u8::try_from(day).ok()?,
            }),
            time: None,
            offset: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::Table;
    use super::*;
    use toml::de::DeTable;

    /// What the `toml` crate makes of `text`, when it parses it without error.
    fn by_toml(text: &str) -> Option<Table<'_>> {
        let (table, errors) = DeTable::parse_recoverable(text);
        errors.is_empty().then(|| Table::from_de(table.into_inner()))
    }

    /// Plain TOML is read as the `toml` crate reads it, spans included.
    #[test]
    fn reads_plain_toml_as_the_toml_crate_does() {
        let text = "type = \"youth-exchange\"  # a comment\r\ntitle = 'Exchange: rivers'\n\
            venue = { city = \"Valencia\", country = \"ES\", coordinates = [39.47, -0.38] }\n\
            start = 2026-07-01\nend=2028-02-29\nzero = 0\nminus = -12\nhalf = 0.5\nyes = true\nno = false\n\
            empty = []\nnone = {}\n\n[project]\na = 1\n\n# between\n[[flows]]\nfrom = \"p0000\"\n\
            ages = [16, 24]\nlist = [\n  1,\n  2,\n]\n[[flows]]\nfrom = \"é\"\n";
        let plain = parse(text).expect("plain TOML");
        assert_eq!(Some(plain), by_toml(text));
    }

    /// The bits of bare-key bytes are those TOML names: ASCII letters and
    /// digits, `_` and `-`.
    #[test]
    fn bare_key_bytes() {
        for b in 0..=u8::MAX {
            let bare = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
            assert_eq!(is_bare(b), bare, "{b:#04x}");
        }
    }

    /// Everything else is left to the `toml` crate: errors, and TOML this
    /// reader does not take.
    #[test]
    fn leaves_the_rest_to_the_toml_crate() {
        for text in [
            "a = 1\na = 2\n",
            "[a]\n[a]\n",
            "a = [1]\n[[a]]\n",
            "[[a]]\n[a]\n",
            "a = \"x\\ty\"\n",
            "a = \"\"\"x\"\"\"\n",
            "a.b = 1\n",
            "\"a\" = 1\n",
            "a = 007\n",
            "a = +1\n",
            "a = 1_000\n",
            "a = 1e3\n",
            "a = 0x1F\n",
            "a = 2026-02-30\n",
            "a = 2026-07-01T10:00:00\n",
            "a = 2026-07-01 10:00:00\n",
            "a = [1, # one\n 2]\n",
            "a = { b = 1, }\n",
            "a = { b = { c = 1 } }\n",
            "a = [[1]]\n",
            "[ a ]\n",
            "[a.b]\n",
            "a = 1 b = 2\n",
            "a = \"x\n",
            "a = 1\rb = 2\n",
            "# bell \u{7}\n",
            "a = inf\n",
            "a = truer\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// The TOML files of the repository's examples and test workspaces.
    fn repository_files() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["examples", "tests"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(path) {
                    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
                    out.push((path.to_path_buf(), text));
                }
            }
        }
        out
    }

    /// Every TOML file of the repository that this reader takes, it reads
    /// as the `toml` crate does.
    #[test]
    fn reads_every_workspace_file_of_the_repository_as_the_toml_crate_does() {
        let mut read = 0;
        for (path, text) in repository_files() {
            if let Some(plain) = parse(&text) {
                assert_eq!(Some(plain), by_toml(&text), "{}", path.display());
                read += 1;
            }
        }
        assert!(read > 20, "only {read} files read");
    }

    /// The same with the files changed a byte at a time, towards what
    /// breaks TOML or leaves the plain kind: whatever this reader still
    /// takes, the `toml` crate reads without error and to the same tree.
    #[test]
    fn reads_altered_files_as_the_toml_crate_does_or_leaves_them() {
        const BYTES: &[u8] = b"\"'[]{}=,#.\n\r\t -+0123456789eE_xT:ab\\\x07";
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n.max(1) as u64).unwrap_or(0)
        };
        let mut read = 0;
        for (path, text) in repository_files()
            .into_iter()
            .filter(|(_, t)| parse(t).is_some())
            .take(60)
        {
            for _ in 0..300 {
                let mut bytes = text.clone().into_bytes();
                for _ in 0..=next(2) {
                    let at = next(bytes.len() + 1);
                    let b = BYTES.get(next(BYTES.len())).copied().unwrap_or(b' ');
                    match (next(3), bytes.get_mut(at)) {
                        (0, Some(slot)) => *slot = b,
                        (1, Some(_)) => drop(bytes.remove(at)),
                        _ => bytes.insert(at, b),
                    }
                }
                let Ok(altered) = String::from_utf8(bytes) else {
                    continue;
                };
                if let Some(plain) = parse(&altered) {
                    assert_eq!(Some(plain), by_toml(&altered), "{}:\n{altered}", path.display());
                    read += 1;
                }
            }
        }
        assert!(read > 1000, "only {read} altered files read");
    }
}
