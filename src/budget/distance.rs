//! Distances of flows and their bands.
//!
//! The Erasmus+ distance calculator measures one way, as the crow flies,
//! from the place of origin to the venue. coopcom computes the great-circle
//! distance between the two places' coordinates ([`crate::geo::great_circle_km`]:
//! haversine on a sphere of radius 6 371 km), taken from `coordinates` where
//! given, else from the embedded GeoNames gazetteer. A flow's `distance_km`
//! (the official calculator's figure) is used instead whenever present.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::geo::{self, Lookup};
use crate::pack::{CallPack, TravelBand};
use crate::workspace::{Place, S};

/// Resolves places to coordinates, once per (city, country). The budget's
/// locator is kept on the analysis, so that the outputs reuse the places it
/// found instead of looking them up again.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// By country, then by city: looked up with the values' own text, so
    /// that the thousands of flows of a large workspace copy no key. The
    /// keys are short names, hashed with the fast hasher of rustc: the
    /// workspace's own files are no threat of colliding keys.
    cache: FxHashMap<String, FxHashMap<String, Option<(f64, f64)>>>,
}

impl Locator {
    /// Coordinates of a city, or a finding on the city's value.
    pub fn city(
        &mut self,
        city: &S<String>,
        country: &S<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(f64, f64)> {
        if let Some(hit) = self
            .cache
            .get(country.value.as_str())
            .and_then(|cities| cities.get(city.value.as_str()))
        {
            return *hit;
        }
        let found = match geo::gazetteer().lookup(&city.value, &country.value) {
            Lookup::Found(p) => Some(p.coords()),
            Lookup::Ambiguous(places) => {
                let list: Vec<String> = places
                    .iter()
                    .map(|p| {
                        format!(
                            "{} [{:.4}, {:.4}] (population {})",
                            p.name, p.lat, p.lon, p.population
                        )
                    })
                    .collect();
                diags.push(
                    Diagnostic::error(
                        codes::AMBIGUOUS_CITY,
                        format!("several places in {} are called \"{}\"", country.value, city.value),
                    )
                    .at(&city.loc)
                    .with_note(format!("candidates: {}", list.join("; ")))
                    .with_help("add `coordinates = [lat, lon]` of the right place next to the city, or give the flow's `distance_km` from the official distance calculator"),
                );
                None
            }
            Lookup::NotFound { suggestions } => {
                let help = match suggestions.as_slice() {
                    [] => {
                        "check the spelling, or add `coordinates = [lat, lon]` next to the city".to_string()
                    }
                    s => format!(
                        "did you mean {}? Otherwise add `coordinates = [lat, lon]` next to the city",
                        s.iter()
                            .map(|p| format!("\"{}\"", p.name))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_CITY,
                        format!(
                            "coopcom does not know a place called \"{}\" in {}",
                            city.value, country.value
                        ),
                    )
                    .at(&city.loc)
                    .label("needed to compute a travel distance")
                    .with_help(help),
                );
                None
            }
        };
        self.cache
            .entry(country.value.clone())
            .or_default()
            .insert(city.value.clone(), found);
        found
    }

    /// Coordinates of a place: its `coordinates`, else its city.
    pub fn place(&mut self, place: &Place, diags: &mut Vec<Diagnostic>) -> Option<(f64, f64)> {
        if let Some(c) = &place.coordinates {
            return Some(c.value);
        }
        match (&place.city, &place.country) {
            (Some(city), Some(country)) => self.city(city, country, diags),
            _ => None,
        }
    }
}

/// Great-circle kilometres as an exact decimal with two places.
pub fn km(a: (f64, f64), b: (f64, f64)) -> Decimal {
    let d = geo::great_circle_km(a, b);
    Decimal::try_from(d).map(|d| d.round_dp(2)).unwrap_or_default()
}

/// Appends `km` as `Decimal`'s `Display` writes it (`1365.27`, `99.6`,
/// `0.05`: every digit of its scale), without the formatter: the budget
/// table writes the distance of every flow.
pub fn push_km(s: &mut String, km: Decimal) {
    let Ok(mantissa) = u64::try_from(km.mantissa().unsigned_abs()) else {
        use std::fmt::Write as _;
        let _ = write!(s, "{km}");
        return;
    };
    if km.is_sign_negative() {
        s.push('-');
    }
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(mantissa);
    let scale = km.scale() as usize;
    if scale == 0 {
        s.push_str(digits);
    } else if let Some(whole) = digits.len().checked_sub(scale).filter(|&w| w > 0) {
        s.push_str(&digits[..whole]);
        s.push('.');
        s.push_str(&digits[whole..]);
    } else {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', scale - digits.len()));
        s.push_str(digits);
    }
}

/// The kilometre figure a band is chosen by. The pack's `band_edge_rounding`
/// says how: `unrounded` (the distance as measured is compared with each
/// band's lower edge, so 99.6 km lies in 10-99 km) or `round-half-up` (to
/// whole km first).
pub fn band_km(pack: &CallPack, km: Decimal) -> Decimal {
    match pack
        .distance
        .band_edge_rounding
        .as_ref()
        .map(|f| f.value.as_str())
    {
        Some("round-half-up") => {
            km.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        }
        _ => km,
    }
}

/// The band of a distance, or `None` below the no-grant distance (no travel
/// grant). The no-grant distance is always compared with the unrounded
/// distance: 9.6 km is under 10 km (Guide 2026 p. 455). A band runs from its
/// lower edge up to, not including, the next band's lower edge.
pub fn band_of(pack: &CallPack, km: Decimal) -> Option<&TravelBand> {
    band_index(pack, km).and_then(|i| pack.travel_bands.get(i))
}

/// [`band_of`] as the band's position in the pack's `travel_bands`.
pub fn band_index(pack: &CallPack, km: Decimal) -> Option<usize> {
    let below = pack
        .distance
        .no_grant_below_km
        .as_ref()
        .map(|f| Decimal::from(f.value))
        .unwrap_or(Decimal::from(10));
    if km < below {
        return None;
    }
    let k = band_km(pack, km);
    pack.travel_bands
        .iter()
        .enumerate()
        .filter(|(_, b)| Decimal::from(b.min_km) <= k)
        .max_by_key(|(_, b)| b.min_km)
        .map(|(i, _)| i)
}

pub fn band_label(b: &TravelBand) -> String {
    match b.max_km {
        Some(max) => format!("{}-{} km", b.min_km, max),
        None => format!("{} km or more", b.min_km),
    }
}

/// The band edge within `percent` % of `km`, if any.
pub fn near_edge(pack: &CallPack, km: Decimal, percent: Decimal) -> Option<u32> {
    EdgeMargins::new(pack, percent).near(km)
}

/// The band edges of a pack, lowest first, each with the margin of the
/// band-edge warning around it (`percent` % of the edge): worked out once
/// for the thousands of flows of a budget.
#[derive(Debug, Clone)]
pub struct EdgeMargins {
    edges: Vec<(Decimal, Decimal, u32)>,
}

impl EdgeMargins {
    pub fn new(pack: &CallPack, percent: Decimal) -> Self {
        let mut edges: Vec<u32> = pack.travel_bands.iter().map(|b| b.min_km).collect();
        if let Some(f) = &pack.distance.no_grant_below_km {
            edges.push(f.value);
        }
        edges.sort_unstable();
        edges.dedup();
        let edges = edges
            .into_iter()
            .map(|e| {
                let edge = Decimal::from(e);
                (edge, edge * percent / Decimal::from(100), e)
            })
            .collect();
        EdgeMargins { edges }
    }

    /// The lowest edge within its margin of `km`, if any.
    pub fn near(&self, km: Decimal) -> Option<u32> {
        self.edges
            .iter()
            .find(|(edge, margin, _)| (km - edge).abs() <= *margin)
            .map(|&(_, _, e)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`push_km`] writes what the `Decimal` formatter writes, for any
    /// mantissa, scale and sign, negative zero included.
    #[test]
    fn km_as_the_decimal_formatter_writes_it() {
        use proptest::prelude::*;
        for (m, scale) in [
            (0i64, 0u32),
            (0, 2),
            (-0, 3),
            (5, 3),
            (996, 1),
            (136527, 2),
            (-42, 1),
            (10, 0),
        ] {
            let d = Decimal::new(m, scale);
            let mut s = String::new();
            push_km(&mut s, d);
            assert_eq!(s, d.to_string());
        }
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(20_000));
        runner
            .run(&crate::money::any_decimal(), |d| {
                let mut s = String::new();
                push_km(&mut s, d);
                prop_assert_eq!(s, d.to_string());
                Ok(())
            })
            .unwrap();
    }

    /// Bands of city pairs in the 2026 pack (the distances themselves are
    /// tested to within 1 km in `geo::distance`).
    #[test]
    fn city_pairs_and_bands() {
        let rules = crate::pack::registry::resolve("KA152-YOU", 2026, None).unwrap();
        let mut loc = Locator::default();
        let mut diags = Vec::new();
        let s = |v: &str| {
            S::new(
                v.to_string(),
                crate::workspace::source::Loc::file_start(crate::workspace::source::FileId(0)),
            )
        };
        let mut at = |city: &str, country: &str| loc.city(&s(city), &s(country), &mut diags).unwrap();
        let cases = [
            ("Madrid", "ES", "Rome", "IT", 1365.0, "500-1999 km"),
            ("Nice", "FR", "Castelldefels", "ES", 510.0, "500-1999 km"),
            ("Nice", "FR", "Istanbul", "TR", 1801.0, "500-1999 km"),
            ("Castelldefels", "ES", "Istanbul", "TR", 2250.0, "2000-2999 km"),
            ("Paris", "FR", "Berlin", "DE", 878.0, "500-1999 km"),
            ("Lisbon", "PT", "Helsinki", "FI", 3362.0, "3000-3999 km"),
        ];
        for (a, ac, b, bc, expected, band) in cases {
            let d = km(at(a, ac), at(b, bc));
            let diff = (d - Decimal::try_from(expected).unwrap()).abs();
            assert!(
                diff < Decimal::from(12),
                "{a}-{b}: {d} km, expected about {expected}"
            );
            assert_eq!(
                band_of(&rules.call, d).map(band_label).as_deref(),
                Some(band),
                "{a}-{b}"
            );
        }
        assert!(diags.is_empty());
        // Guide 2026 p. 455: no travel grant under 10 km, whatever the
        // rounding: 9.6 km is under 10 km.
        assert!(
            band_of(&rules.call, Decimal::new(96, 1)).is_none(),
            "9.6 km: no travel grant"
        );
        assert_eq!(
            band_of(&rules.call, Decimal::new(10, 0))
                .map(band_label)
                .as_deref(),
            Some("10-99 km"),
            "10 km: first band"
        );
        // Band edges compare the unrounded distance (the 2026 pack's
        // `band_edge_rounding = "unrounded"`): 99.6 km is below the 100 km
        // edge, 499.99 km below the 500 km edge.
        assert_eq!(
            band_of(&rules.call, Decimal::new(996, 1))
                .map(band_label)
                .as_deref(),
            Some("10-99 km")
        );
        assert_eq!(
            band_of(&rules.call, Decimal::new(49999, 2))
                .map(band_label)
                .as_deref(),
            Some("100-499 km")
        );
        assert_eq!(
            band_of(&rules.call, Decimal::new(500, 0))
                .map(band_label)
                .as_deref(),
            Some("500-1999 km")
        );
    }
}
