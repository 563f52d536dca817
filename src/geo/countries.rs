//! ISO 3166-1 country codes and names for Erasmus+ applications.
//!
//! The table (`data/countries.tsv`) lists every ISO 3166-1 alpha-2 code with
//! its alpha-3 code and English short name, plus `XK` for Kosovo, which the
//! European Commission uses although ISO has not assigned it. Erasmus+ forms
//! write Greece as `EL` and the United Kingdom as `UK`; both are accepted as
//! aliases of `GR` and `GB`.

use std::sync::OnceLock;

use super::fold::fold_key;

const COUNTRIES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/countries.tsv"));

/// Smallest Jaro-Winkler similarity for a fuzzy country-name suggestion.
const MIN_NAME_SIMILARITY: f64 = 0.88;

struct Country {
    alpha2: &'static str,
    alpha3: &'static str,
    name: &'static str,
}

struct Table {
    /// Sorted by alpha-2 code.
    countries: Vec<Country>,
    /// Folded name or alias → index into `countries`, sorted by key then index.
    names: Vec<(String, usize)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(COUNTRIES_TSV))
}

fn parse(text: &'static str) -> Table {
    let mut rows: Vec<(Country, &'static str)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(alpha2), Some(alpha3), Some(name)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if is_code(alpha2, 2) && is_code(alpha3, 3) && !name.is_empty() {
            let aliases = cols.next().unwrap_or("");
            rows.push((Country { alpha2, alpha3, name }, aliases));
        }
    }
    // Sorted and free of duplicate codes whatever the file order (stable
    // sort: the first line of a repeated code wins).
    rows.sort_by(|a, b| a.0.alpha2.cmp(b.0.alpha2));
    rows.dedup_by(|a, b| a.0.alpha2 == b.0.alpha2);
    let mut names = Vec::new();
    for (idx, (country, aliases)) in rows.iter().enumerate() {
        for n in std::iter::once(country.name).chain(aliases.split('|')) {
            let key = fold_key(n);
            if !key.is_empty() {
                names.push((key, idx));
            }
        }
    }
    names.sort();
    names.dedup();
    let countries = rows.into_iter().map(|(c, _)| c).collect();
    Table { countries, names }
}

fn is_code(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn find_alpha2(code: &str) -> Option<&'static Country> {
    let t = table();
    t.countries
        .binary_search_by(|c| c.alpha2.cmp(code))
        .ok()
        .and_then(|i| t.countries.get(i))
}

/// Canonical ISO 3166-1 alpha-2 code (or `XK`) for a two-letter code.
///
/// Case-insensitive; `EL` gives `GR` and `UK` gives `GB`, as in Erasmus+
/// documents. Anything that is not exactly two ASCII letters, or not a known
/// code, gives `None` (no trimming is done: `"DE "` is `None`, see
/// [`suggest_country`] for lenient input).
pub fn canonical_country(code: &str) -> Option<&'static str> {
    let bytes = code.as_bytes();
    if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    let code = match upper.as_str() {
        "EL" => "GR",
        "UK" => "GB",
        other => other,
    };
    find_alpha2(code).map(|c| c.alpha2)
}

/// English short name of a country, e.g. `"ES"` → `"Spain"`.
///
/// Accepts the same input as [`canonical_country`], including `EL` and `UK`.
pub fn country_name(code: &str) -> Option<&'static str> {
    let code = canonical_country(code)?;
    find_alpha2(code).map(|c| c.name)
}

/// Best guess of the country meant by a code or name typed by a user.
///
/// Tries, in order: a two-letter code (with `EL`/`UK`), an alpha-3 code
/// (`"FRA"` → `FR`), an exact name or alias after folding case, accents and
/// punctuation (`"Spain"`, `"españa"`, `"The Netherlands"`, `"Turkey"`), and
/// finally the most similar name or alias by Jaro-Winkler similarity
/// (`"Germny"` → `DE`). Surrounding whitespace is ignored. Returns `None` when
/// nothing is close enough.
pub fn suggest_country(code_or_name: &str) -> Option<&'static str> {
    let input = code_or_name.trim();
    if input.is_empty() {
        return None;
    }
    if input.len() == 2 && input.is_ascii() {
        return canonical_country(input);
    }
    let t = table();
    if input.len() == 3 && input.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = input.to_ascii_uppercase();
        if let Some(c) = t.countries.iter().find(|c| c.alpha3 == upper) {
            return Some(c.alpha2);
        }
    }
    let key = fold_key(input);
    if key.is_empty() {
        return None;
    }
    let start = t.names.partition_point(|(k, _)| k.as_str() < key.as_str());
    if let Some((k, idx)) = t.names.get(start)
        && *k == key
    {
        return t.countries.get(*idx).map(|c| c.alpha2);
    }
    let mut best: Option<(f64, usize)> = None;
    for (k, idx) in &t.names {
        let score = strsim::jaro_winkler(&key, k);
        // Strictly greater: on a tie the earlier (alphabetical) entry stays.
        if score >= MIN_NAME_SIMILARITY && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, *idx));
        }
    }
    best.and_then(|(_, idx)| t.countries.get(idx)).map(|c| c.alpha2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete() {
        let t = table();
        // 249 ISO 3166-1 codes plus XK.
        assert_eq!(t.countries.len(), 250);
        let data_lines = COUNTRIES_TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(data_lines, 250, "no malformed line may be skipped");
        for w in t.countries.windows(2) {
            assert!(w[0].alpha2 < w[1].alpha2);
        }
        let programme = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO \
                         SK SI ES SE IS LI NO MK RS TR AL BA XK ME AM AZ BY GE MD UA DZ EG IL \
                         JO LB LY MA PS SY TN RU GB CH";
        for code in programme.split_whitespace() {
            assert_eq!(canonical_country(code), Some(code), "{code}");
        }
    }

    #[test]
    fn canonical_codes() {
        assert_eq!(canonical_country("es"), Some("ES"));
        assert_eq!(canonical_country("El"), Some("GR"));
        assert_eq!(canonical_country("EL"), Some("GR"));
        assert_eq!(canonical_country("GR"), Some("GR"));
        assert_eq!(canonical_country("uk"), Some("GB"));
        assert_eq!(canonical_country("xk"), Some("XK"));
        assert_eq!(canonical_country("DE "), None);
        assert_eq!(canonical_country("DEU"), None);
        assert_eq!(canonical_country("D"), None);
        assert_eq!(canonical_country(""), None);
        assert_eq!(canonical_country("ZZ"), None);
        assert_eq!(canonical_country("CS"), None);
        assert_eq!(canonical_country("É1"), None);
        assert_eq!(canonical_country("Éa"), None);
    }

    #[test]
    fn names() {
        assert_eq!(country_name("ES"), Some("Spain"));
        assert_eq!(country_name("el"), Some("Greece"));
        assert_eq!(country_name("UK"), Some("United Kingdom"));
        assert_eq!(country_name("XK"), Some("Kosovo"));
        assert_eq!(country_name("TR"), Some("Türkiye"));
        assert_eq!(country_name("NL"), Some("Netherlands"));
        assert_eq!(country_name("MK"), Some("North Macedonia"));
        assert_eq!(country_name("QQ"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_country("Spain"), Some("ES"));
        assert_eq!(suggest_country("spain"), Some("ES"));
        assert_eq!(suggest_country("España"), Some("ES"));
        assert_eq!(suggest_country("FRA"), Some("FR"));
        assert_eq!(suggest_country("fra"), Some("FR"));
        assert_eq!(suggest_country("DE "), Some("DE"));
        assert_eq!(suggest_country(" el"), Some("GR"));
        assert_eq!(suggest_country("U.K."), Some("GB"));
        assert_eq!(suggest_country("Turkey"), Some("TR"));
        assert_eq!(suggest_country("Turkiye"), Some("TR"));
        assert_eq!(suggest_country("The Netherlands"), Some("NL"));
        assert_eq!(suggest_country("Czech Republic"), Some("CZ"));
        assert_eq!(suggest_country("Kosovo"), Some("XK"));
        assert_eq!(suggest_country("Germny"), Some("DE"));
        assert_eq!(suggest_country("Slovakia"), Some("SK"));
        assert_eq!(suggest_country("Slovenia"), Some("SI"));
        assert_eq!(suggest_country("Україна"), Some("UA"));
        assert_eq!(suggest_country(""), None);
        assert_eq!(suggest_country("   "), None);
        assert_eq!(suggest_country("ZZ"), None);
        assert_eq!(suggest_country("Qwxz"), None);
        assert_eq!(suggest_country("!!!"), None);
    }
}
