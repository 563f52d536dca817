//! Per-country index of folded place names for the coopcom gazetteer.
//!
//! All folded names of a country live in one string (no allocation per
//! name) and are referenced by entries sorted by name, so that a look-up is a
//! binary search and iteration order is deterministic.

use super::fold::fold_into;

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
