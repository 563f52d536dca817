//! The bytes of a participant list as text: the encodings spreadsheets and
//! form tools save CSV in, and the separator, sniffed from the header line.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A decoded file and what it was.
pub struct Decoded {
    pub text: String,
    /// The encoding's name, for the summary line (`UTF-8`, `UTF-16LE`, `windows-1252`).
    pub encoding: &'static str,
}

/// Decodes `bytes`: a byte-order mark says UTF-8 or UTF-16 (Excel's
/// "Unicode text"); without one, UTF-8 when the bytes are valid UTF-8,
/// UTF-16 when every other byte of the start is zero (a file saved without
/// a mark), otherwise Windows-1252, as Excel saves "CSV" on Windows in
/// western Europe. `None` when a UTF-16 file is broken (odd length, a lone
/// surrogate): decoding it anyway would invent characters.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, bytes.get(bom..).unwrap_or_default()),
        None => (sniff(bytes), bytes),
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)?
        .into_owned();
    Some(Decoded {
        text,
        encoding: encoding.name(),
    })
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let head = bytes.get(..bytes.len().min(200)).unwrap_or_default();
    let zeros_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    if pairs >= 2 && zeros_at(1) * 10 >= pairs * 9 {
        UTF_16LE
    } else if pairs >= 2 && zeros_at(0) * 10 >= pairs * 9 {
        UTF_16BE
    } else {
        WINDOWS_1252
    }
}

/// The separator of the header line: the most frequent of tab, semicolon
/// and comma outside quotes (a question text may hold a comma inside its
/// quotes); comma when there is none.
pub fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [tab, semi, comma] = counts;
    if tab > semi && tab > comma {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// The name of a separator, for the summary line.
pub fn separator_name(sep: u8) -> &'static str {
    match sep {
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "comma",
    }
}

/// The byte ranges in `text` of the fields of the record that starts at
/// `start`, read as the CSV reader reads them (quotes, doubled quotes), so
/// a finding can point at the cell's line and column.
pub fn field_spans(text: &str, start: usize, sep: u8) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = start;
    loop {
        let field_start = i;
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            while let Some(&b) = bytes.get(i) {
                i += 1;
                if b == b'"' {
                    if bytes.get(i) == Some(&b'"') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        while let Some(&b) = bytes.get(i) {
            if b == sep || b == b'\n' || b == b'\r' {
                break;
            }
            i += 1;
        }
        spans.push(field_start..i);
        match bytes.get(i) {
            Some(&b) if b == sep => i += 1,
            _ => break,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let d = decode(b"\xef\xbb\xbfa,b").unwrap_or_else(|| unreachable!());
        assert_eq!((d.text.as_str(), d.encoding), ("a,b", "UTF-8"));
        let d = decode(b"Organizaci\xf3n;G\xe9nero").unwrap_or_else(|| unreachable!());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Organización;Género", "windows-1252")
        );
        let utf16: Vec<u8> = "\u{feff}a\tb".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&utf16).unwrap_or_else(|| unreachable!());
        assert_eq!((d.text.as_str(), d.encoding), ("a\tb", "UTF-16LE"));
        assert!(decode(b"\xff\xfea\x00b").is_none());
    }

    #[test]
    fn separators_and_spans() {
        assert_eq!(separator("\"Where, exactly?\";Age;Gender\n1,2,3,4"), b';');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("a,b"), b',');
        let text = "x\n\"a \"\"q\"\", b\",c,\n";
        assert_eq!(field_spans(text, 2, b','), vec![2..14, 15..16, 17..17]);
    }
}
