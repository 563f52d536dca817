//! Name folding for place and country look-ups.
//!
//! Participants type city names in many ways ("Istanbul", "İstanbul",
//! "ISTANBUL", "Sao Paulo", "São Paulo", "Saint-Étienne", "Saint Etienne").
//! [`fold_key`] maps all of these to the same key so that the gazetteer can
//! compare them directly.

use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Characters below this code point (Latin, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic) are folded through a table computed once.
const TABLE_END: u32 = 0x800;

/// Folds a name into a comparison key.
///
/// The key is lower case, has its accents and other combining marks removed
/// (compatibility decomposition, NFKD), spells out the letters that have no
/// decomposition (`ß` → `ss`, `ø` → `o`, `ł` → `l`, `ı` → `i`, …) and keeps
/// only letters and digits, so spaces, hyphens, apostrophes and dots are
/// ignored: `"L'Hospitalet de Llobregat"` and `"lhospitalet-de-llobregat"`
/// give the same key. Letters of other scripts (Cyrillic, Greek, …) are kept,
/// lower-cased and stripped of marks in the same way.
pub fn fold_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(&mut out, name);
    out
}

/// Appends the [`fold_key`] of `name` to `out`.
pub(crate) fn fold_into(out: &mut String, name: &str) {
    if name.is_ascii() {
        let start = out.len();
        let mut from = 0;
        for (i, b) in name.bytes().enumerate() {
            if !b.is_ascii_alphanumeric() {
                out.push_str(name.get(from..i).unwrap_or(""));
                from = i + 1;
            }
        }
        out.push_str(name.get(from..).unwrap_or(""));
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    let table = table();
    for c in name.chars() {
        match table.get(c as usize) {
            Some(folded) => out.push_str(folded),
            None => fold_char(out, c),
        }
    }
}

/// Folded form of every character below [`TABLE_END`].
fn table() -> &'static [Box<str>] {
    static TABLE: OnceLock<Vec<Box<str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|cp| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(cp) {
                    fold_char(&mut folded, c);
                }
                folded.into_boxed_str()
            })
            .collect()
    })
}

/// Appends the folded form of one character. Decomposing character by
/// character gives the same characters as NFKD of the whole string, only
/// without the canonical reordering of combining marks, which are dropped.
fn fold_char(out: &mut String, c: char) {
    decompose_compatible(c, |d| {
        if !is_combining_mark(d) {
            for lower in d.to_lowercase() {
                push_folded(out, lower);
            }
        }
    });
}

/// Appends one lower-case, mark-free character to a key.
fn push_folded(out: &mut String, c: char) {
    let spelled = match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ı' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        'ŋ' => "n",
        'ĸ' => "k",
        'ſ' => "s",
        'ə' => "a",
        _ => {
            if c.is_alphanumeric() {
                out.push(c);
            }
            return;
        }
    };
    out.push_str(spelled);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_lowercased_and_stripped() {
        assert_eq!(fold_key("Castelldefels"), "castelldefels");
        assert_eq!(fold_key("  New  York "), "newyork");
        assert_eq!(fold_key("Saint-Etienne"), "saintetienne");
        assert_eq!(fold_key("L'Hospitalet"), "lhospitalet");
        assert_eq!(fold_key(""), "");
        assert_eq!(fold_key("--"), "");
    }

    #[test]
    fn accents_are_removed() {
        assert_eq!(fold_key("İstanbul"), "istanbul");
        assert_eq!(fold_key("ISTANBUL"), "istanbul");
        assert_eq!(fold_key("São Paulo"), fold_key("sao paulo"));
        assert_eq!(fold_key("Saint-Étienne"), "saintetienne");
        assert_eq!(fold_key("Tiranë"), "tirane");
        assert_eq!(fold_key("Kraków"), "krakow");
        assert_eq!(fold_key("Zürich"), "zurich");
        assert_eq!(fold_key("Ağrı"), "agri");
    }

    #[test]
    fn special_letters_are_spelled_out() {
        assert_eq!(fold_key("Gießen"), "giessen");
        assert_eq!(fold_key("Łódź"), "lodz");
        assert_eq!(fold_key("København"), "kobenhavn");
        assert_eq!(fold_key("Đakovo"), "dakovo");
        assert_eq!(fold_key("Reykjavík"), "reykjavik");
        assert_eq!(fold_key("Þorlákshöfn"), "thorlakshofn");
        assert_eq!(fold_key("Gəncə"), "ganca");
        assert_eq!(fold_key("Æbeltoft"), "aebeltoft");
    }

    #[test]
    fn other_scripts_are_kept() {
        // Ukrainian "ї" loses its diaeresis and becomes "і".
        assert_eq!(fold_key("Київ"), "\u{43a}\u{438}\u{456}\u{432}");
        assert_eq!(fold_key("КИЇВ"), fold_key("Київ"));
        assert_eq!(fold_key("Αθήνα"), "αθηνα");
        assert_eq!(fold_key("თბილისი"), "თბილისი");
    }

    /// Straightforward definition: NFKD of the whole string, marks dropped,
    /// lower-cased, special letters spelled out, non-alphanumerics dropped.
    fn reference(name: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
            for lower in c.to_lowercase() {
                push_folded(&mut out, lower);
            }
        }
        out
    }

    #[test]
    fn fast_paths_agree_with_reference() {
        let samples = [
            "İstanbul",
            "ǅemal",
            "ﬁnale",
            "Ⅻ Apostoli",
            "Å\u{30a}",
            "ŉ",
            "Straße",
            "Hà Nội",
            "Đà Nẵng",
            "Ǆ",
            "½ Moon",
            "Ελληνικό",
            "Յերեվան",
            "تونس",
            "ירושלים",
            "ქუთაისი",
        ];
        for s in samples {
            assert_eq!(fold_key(s), reference(s), "{s}");
        }
        let data = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.tsv"));
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let name = cols.nth(2).unwrap_or("");
            let alternates = cols.nth(3).unwrap_or("");
            for s in std::iter::once(name).chain(alternates.split('|')) {
                assert_eq!(fold_key(s), reference(s), "{s}");
            }
        }
    }

    #[test]
    fn apostrophe_variants_agree() {
        assert_eq!(fold_key("Kryvyi Rih"), fold_key("Kryvyi-Rih"));
        assert_eq!(fold_key("Bila Tserkva"), fold_key("bila tserkva"));
        assert_eq!(fold_key("Vorzel’"), fold_key("Vorzel'"));
    }
}
