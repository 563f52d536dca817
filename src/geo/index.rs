//! The gazetteer's index, built at compile time: `build.rs` includes this
//! file (and [`super::fold`]) to parse `data/gazetteer.tsv`, fold every name
//! and alternate name, sort them per country, and write the tables that
//! [`super::table`] reads at run time. The library compiles it only for its
//! tests, which check that the embedded tables are this file's output.
//!
//! All folded names of a country live in one string (no allocation per
//! name) and are referenced by entries sorted by name, so that a look-up is a
//! binary search and iteration order is deterministic.

use std::collections::BTreeMap;

use super::fold::fold_into;
use super::table::{ALTERNATE, COUNTRY_LEN, ENTRY_LEN, HEADER_LEN, PLACE_LEN};

/// One folded name of a place, within a country.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    /// First eight bytes of the folded name, big-endian and zero-padded, so
    /// that most comparisons while sorting need not read the name itself.
    prefix: u64,
    /// Byte range of the folded name in [`CountryIndex::keys`].
    start: u32,
    len: u32,
    /// Alternate names rank after the GeoNames main name.
    pub(crate) alternate: bool,
    pub(crate) place: u32,
}

/// The folded names of one country's places.
#[derive(Default)]
pub(crate) struct CountryIndex {
    /// All folded names, concatenated.
    keys: String,
    /// Sorted by (folded name, alternate, place).
    entries: Vec<Entry>,
}

impl CountryIndex {
    fn key(&self, e: &Entry) -> &str {
        let start = e.start as usize;
        self.keys.get(start..start + e.len as usize).unwrap_or("")
    }

    /// Entries whose folded name is exactly `key`, main names first.
    pub(crate) fn matching<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Entry> {
        let start = self.entries.partition_point(|e| self.key(e) < key);
        self.entries
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |e| self.key(e) == key)
    }

    /// Every entry with its folded name, in sorted order.
    pub(crate) fn keyed(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|e| (self.key(e), e))
    }

    /// Folds `name` into the arena and records it, unless it is empty or, for
    /// an alternate name, equal to the place's main name (`main`, a range
    /// already in the arena). Returns the range of the recorded key.
    pub(crate) fn push(
        &mut self,
        name: &str,
        place: u32,
        alternate: bool,
        main: Option<(u32, u32)>,
    ) -> Option<(u32, u32)> {
        let start = self.keys.len();
        fold_into(&mut self.keys, name);
        let range = (
            u32::try_from(start).ok()?,
            u32::try_from(self.keys.len() - start).ok()?,
        );
        let duplicate = main.is_some_and(|(s, l)| {
            let (s, l) = (s as usize, l as usize);
            self.keys.get(s..s + l) == self.keys.get(start..)
        });
        if range.1 == 0 || duplicate {
            self.keys.truncate(start);
            return None;
        }
        let (start, len) = range;
        let prefix = key_prefix(self.keys.get(start as usize..).unwrap_or(""));
        self.entries.push(Entry {
            prefix,
            start,
            len,
            alternate,
            place,
        });
        Some(range)
    }

    /// Sorts the entries by (folded name, alternate, place) once all names
    /// are pushed, and drops a place's repeated names.
    pub(crate) fn sort(&mut self) {
        let CountryIndex { keys, entries } = self;
        let key = |e: &Entry| {
            let start = e.start as usize;
            keys.get(start..start + e.len as usize).unwrap_or("")
        };
        // Sorting on the integer prefix first is much faster; only the short
        // runs of equal prefixes then need a full comparison.
        entries.sort_unstable_by_key(|e| e.prefix);
        for run in entries.chunk_by_mut(|a, b| a.prefix == b.prefix) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| {
                    key(a)
                        .cmp(key(b))
                        .then(a.alternate.cmp(&b.alternate))
                        .then(a.place.cmp(&b.place))
                });
            }
        }
        entries.dedup_by(|a, b| a.place == b.place && key(a) == key(b));
    }
}

/// The first eight bytes of `key` as a big-endian number: comparing prefixes
/// orders keys as comparing the keys' first eight bytes would.
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (dst, src) in bytes.iter_mut().zip(key.bytes()) {
        *dst = src;
    }
    u64::from_be_bytes(bytes)
}

/// One line of the data file.
pub(crate) struct Row<'a> {
    pub(crate) geonameid: u32,
    pub(crate) country: &'a str,
    pub(crate) name: &'a str,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) population: u64,
}

/// The parsed data file: the places in file order and, per country code,
/// the sorted index of their folded names.
pub(crate) struct Index<'a> {
    pub(crate) places: Vec<Row<'a>>,
    pub(crate) countries: BTreeMap<&'a str, CountryIndex>,
}

/// Parses and indexes the data file. Malformed lines are skipped.
pub(crate) fn build(text: &str) -> Index<'_> {
    let mut places = Vec::with_capacity(text.len() / 64);
    let mut countries: BTreeMap<&str, CountryIndex> = BTreeMap::new();
    // The file is grouped by country: fill one country's index at a time.
    let mut code = "";
    let mut index = CountryIndex::default();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((place, alternates)) = parse_line(line) else {
            continue;
        };
        let Ok(idx) = u32::try_from(places.len()) else {
            break;
        };
        if place.country != code {
            let done = std::mem::replace(&mut index, countries.remove(place.country).unwrap_or_default());
            if !code.is_empty() {
                countries.insert(code, done);
            }
            code = place.country;
        }
        let main = index.push(place.name, idx, false, None);
        for alt in fields(alternates, b'|').filter(|a| !a.is_empty()) {
            index.push(alt, idx, true, main);
        }
        places.push(place);
    }
    if !code.is_empty() {
        countries.insert(code, index);
    }
    for index in countries.values_mut() {
        index.sort();
    }
    Index { places, countries }
}

/// Parses one data line into a place and its `|`-separated alternate names.
fn parse_line(line: &str) -> Option<(Row<'_>, &str)> {
    let mut cols = fields(line, b'\t');
    let geonameid = cols.next()?.parse().ok()?;
    let country = cols.next()?;
    let name = cols.next()?;
    let lat: f64 = cols.next()?.parse().ok()?;
    let lon: f64 = cols.next()?.parse().ok()?;
    let population = cols.next()?.parse().ok()?;
    let alternates = cols.next().unwrap_or("");
    let valid = country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && !name.is_empty()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon);
    valid.then_some((
        Row {
            geonameid,
            country,
            name,
            lat,
            lon,
            population,
        },
        alternates,
    ))
}

/// Splits `text` on the ASCII byte `sep`; faster than `str::split` on the
/// short fields of the data file.
fn fields(text: &str, sep: u8) -> Fields<'_> {
    Fields {
        rest: Some(text),
        sep,
    }
}

struct Fields<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == self.sep) {
            Some(i) => {
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => self.rest.take(),
        }
    }
}

/// Writes the index in the layout of [`super::table`]: the tables, and the
/// text they point into. `Err` when the data does not fit the layout (a
/// country's places not contiguous, a name too long).
pub(crate) fn encode(index: &Index<'_>) -> Result<(Vec<u8>, String), String> {
    let count = |n: usize, what: &str| u32::try_from(n).map_err(|_| format!("too many {what}"));
    let mut text = String::new();
    for code in index.countries.keys() {
        if code.len() != 2 {
            return Err(format!("country code {code:?} is not two letters"));
        }
        text.push_str(code);
    }
    // Places: each country's must be contiguous, as in the data file.
    let mut ranges: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut places = Vec::with_capacity(index.places.len() * PLACE_LEN);
    for (i, p) in index.places.iter().enumerate() {
        let range = ranges.entry(p.country).or_insert((i, i));
        if range.1 != i {
            return Err(format!(
                "the places of {} are not contiguous in the data file",
                p.country
            ));
        }
        range.1 = i + 1;
        let name_len = u16::try_from(p.name.len()).map_err(|_| format!("place name too long: {}", p.name))?;
        places.extend(count(text.len(), "bytes of text")?.to_le_bytes());
        places.extend(name_len.to_le_bytes());
        text.push_str(p.name);
        places.extend(p.lat.to_bits().to_le_bytes());
        places.extend(p.lon.to_bits().to_le_bytes());
        places.extend(p.population.to_le_bytes());
        places.extend(p.geonameid.to_le_bytes());
    }
    let mut countries = Vec::with_capacity(index.countries.len() * COUNTRY_LEN);
    let mut entries = Vec::new();
    let mut total = 0usize;
    for (code, country) in &index.countries {
        let (first, end) = ranges.get(code).copied().unwrap_or((0, 0));
        countries.extend(count(first, "places")?.to_le_bytes());
        countries.extend(count(end, "places")?.to_le_bytes());
        countries.extend(count(total, "names")?.to_le_bytes());
        // Repeated keys (sorted, so adjacent) share their text.
        let mut previous: Option<(&str, u32, u16)> = None;
        for (key, e) in country.keyed() {
            let (at, len) = match previous {
                Some((k, at, len)) if k == key => (at, len),
                _ => {
                    let at = count(text.len(), "bytes of text")?;
                    let len = u16::try_from(key.len()).map_err(|_| format!("folded name too long: {key}"))?;
                    text.push_str(key);
                    (at, len)
                }
            };
            previous = Some((key, at, len));
            if e.place & ALTERNATE != 0 {
                return Err("too many places".into());
            }
            let place = if e.alternate { e.place | ALTERNATE } else { e.place };
            entries.extend(at.to_le_bytes());
            entries.extend(len.to_le_bytes());
            entries.extend(place.to_le_bytes());
            total += 1;
        }
        countries.extend(count(total, "names")?.to_le_bytes());
    }
    let mut tables = Vec::with_capacity(HEADER_LEN + countries.len() + places.len() + entries.len());
    tables.extend(count(index.countries.len(), "countries")?.to_le_bytes());
    tables.extend(count(index.places.len(), "places")?.to_le_bytes());
    tables.extend(count(total, "names")?.to_le_bytes());
    tables.extend(countries);
    tables.extend(places);
    debug_assert_eq!(entries.len(), total * ENTRY_LEN);
    tables.extend(entries);
    Ok((tables, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[(&str, u32, bool)]) -> CountryIndex {
        let mut index = CountryIndex::default();
        for &(name, place, alternate) in names {
            index.push(name, place, alternate, None);
        }
        index.sort();
        index
    }

    #[test]
    fn sorted_like_plain_string_order() {
        let idx = index(&[
            ("Zagreb", 0, false),
            ("Abcdefghij", 1, false),
            ("Abcdefgh", 2, false),
            ("Abcdefghi", 3, false),
            ("Ab", 4, true),
            ("Ab", 5, false),
        ]);
        let keys: Vec<(&str, u32)> = idx.keyed().map(|(k, e)| (k, e.place)).collect();
        assert_eq!(
            keys,
            [
                ("ab", 5),
                ("ab", 4),
                ("abcdefgh", 2),
                ("abcdefghi", 3),
                ("abcdefghij", 1),
                ("zagreb", 0),
            ]
        );
        let ab: Vec<u32> = idx.matching("ab").map(|e| e.place).collect();
        assert_eq!(ab, [5, 4]);
        assert_eq!(idx.matching("abcdefghi").count(), 1);
        assert_eq!(idx.matching("abc").count(), 0);
        assert_eq!(idx.matching("zz").count(), 0);
    }

    #[test]
    fn skips_empty_and_duplicate_names() {
        let mut idx = CountryIndex::default();
        let main = idx.push("Nice", 7, false, None);
        assert!(main.is_some());
        assert!(idx.push("NICE", 7, true, main).is_none());
        assert!(idx.push(" - ", 7, true, main).is_none());
        assert!(idx.push("Nizza", 7, true, main).is_some());
        idx.sort();
        assert_eq!(idx.keyed().count(), 2);
        assert_eq!(idx.keys, "nicenizza");
    }
}
