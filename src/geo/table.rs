//! The compiled gazetteer: the layout of the tables that `build.rs` writes
//! from `data/gazetteer.tsv` (with [`super::index`]) and a zero-copy reader
//! over them. Nothing is parsed, folded or sorted at run time.
//!
//! Two parts are embedded in the binary:
//!
//! - a text (UTF-8, `include_str!`): the two-letter code of every country in
//!   table order, then the GeoNames names of the places, then the folded
//!   names they are found by;
//! - the tables (`include_bytes!`, little-endian integers): a header of three
//!   counts, then one record per country, per place and per folded name.
//!
//! | record  | fields                                                        |
//! |---------|---------------------------------------------------------------|
//! | header  | countries u32, places u32, entries u32                        |
//! | country | first place u32, end place u32, first entry u32, end entry u32 |
//! | place   | name offset u32, name length u16, latitude f64, longitude f64, population u64, GeoNames id u32 |
//! | entry   | key offset u32, key length u16, place u32 (top bit: alternate name) |
//!
//! Countries are sorted by code; a country's places are contiguous, in the
//! order of the data file; its entries are sorted by (folded name, alternate,
//! place) exactly as [`super::index::CountryIndex`] sorts them.

pub(crate) const HEADER_LEN: usize = 12;
pub(crate) const COUNTRY_LEN: usize = 16;
pub(crate) const PLACE_LEN: usize = 34;
pub(crate) const ENTRY_LEN: usize = 10;
/// Set on an entry's place index when the entry is an alternate name.
pub(crate) const ALTERNATE: u32 = 1 << 31;

/// The tables and the text, borrowed.
#[derive(Clone, Copy)]
pub(crate) struct Tables<'a> {
    countries: &'a [u8],
    places: &'a [u8],
    entries: &'a [u8],
    text: &'a str,
}

/// One place as stored; the country is known from where it was found.
pub(crate) struct PlaceRecord<'a> {
    pub(crate) name: &'a str,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) population: u64,
    pub(crate) geonameid: u32,
}

/// One folded name of a place.
pub(crate) struct EntryRecord<'a> {
    pub(crate) key: &'a str,
    pub(crate) place: usize,
    pub(crate) alternate: bool,
}

fn bytes<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    b.get(at..at + N)
        .and_then(|s| s.try_into().ok())
        .unwrap_or([0; N])
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes(bytes(b, at)))
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes(bytes(b, at)) as usize
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes(b, at))
}

impl<'a> Tables<'a> {
    /// Splits the embedded tables into their sections. Malformed tables
    /// (which `build.rs` never writes) read as empty.
    pub(crate) fn new(tables: &'a [u8], text: &'a str) -> Tables<'a> {
        let countries = u32_at(tables, 0) * COUNTRY_LEN;
        let places = u32_at(tables, 4) * PLACE_LEN;
        let entries = u32_at(tables, 8) * ENTRY_LEN;
        let section = |from: usize, len: usize| tables.get(from..from + len).unwrap_or_default();
        Tables {
            countries: section(HEADER_LEN, countries),
            places: section(HEADER_LEN + countries, places),
            entries: section(HEADER_LEN + countries + places, entries),
            text,
        }
    }

    pub(crate) fn place_count(&self) -> usize {
        self.places.len() / PLACE_LEN
    }

    pub(crate) fn country_count(&self) -> usize {
        self.countries.len() / COUNTRY_LEN
    }

    /// The code of the country at `index` in the sorted table.
    pub(crate) fn country_code(&self, index: usize) -> &'a str {
        self.text.get(2 * index..2 * index + 2).unwrap_or("")
    }

    /// Index of a country by its code.
    pub(crate) fn find_country(&self, code: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.country_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.country_code(mid).cmp(code) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The places (global indices) and entries of a country.
    pub(crate) fn country(&self, index: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let at = index * COUNTRY_LEN;
        let c = &self.countries;
        (
            u32_at(c, at)..u32_at(c, at + 4),
            u32_at(c, at + 8)..u32_at(c, at + 12),
        )
    }

    pub(crate) fn place(&self, index: usize) -> PlaceRecord<'a> {
        let at = index * PLACE_LEN;
        let p = &self.places;
        let name = u32_at(p, at);
        PlaceRecord {
            name: self.text.get(name..name + u16_at(p, at + 4)).unwrap_or(""),
            lat: f64::from_bits(u64_at(p, at + 6)),
            lon: f64::from_bits(u64_at(p, at + 14)),
            population: u64_at(p, at + 22),
            geonameid: u32::from_le_bytes(bytes(p, at + 30)),
        }
    }

    pub(crate) fn entry(&self, index: usize) -> EntryRecord<'a> {
        let at = index * ENTRY_LEN;
        let e = &self.entries;
        let key = u32_at(e, at);
        let place = u32::from_le_bytes(bytes(e, at + 6));
        EntryRecord {
            key: self.text.get(key..key + u16_at(e, at + 4)).unwrap_or(""),
            place: (place & !ALTERNATE) as usize,
            alternate: place & ALTERNATE != 0,
        }
    }

    /// The entries in `range` whose folded name is exactly `key`, in order
    /// (main names first): a binary search, then a short walk.
    pub(crate) fn matching<'k>(
        &self,
        range: std::ops::Range<usize>,
        key: &'k str,
    ) -> impl Iterator<Item = EntryRecord<'a>> + use<'a, 'k> {
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.entry(mid).key < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let tables = *self;
        (lo..range.end)
            .map(move |i| tables.entry(i))
            .take_while(move |e| e.key == key)
    }
}
