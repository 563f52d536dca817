//! Great-circle distance as used for Erasmus+ travel distance bands.
//!
//! The Erasmus+ distance calculator measures the distance one way, as the
//! crow flies, between the place of origin and the venue. coopcom reproduces
//! it with the haversine formula on a sphere of radius
//! [`EARTH_RADIUS_KM`] = 6371 km (the mean Earth radius, rounded).
//!
//! Evidence, using the GeoNames coordinates embedded in coopcom's gazetteer
//! (Madrid 40.4165 N 3.70256 W, Rome 41.89193 N 12.51133 E, Ljubljana
//! 46.05108 N 14.50513 E):
//!
//! | method                          | Madrid–Rome | Rome–Ljubljana |
//! |---------------------------------|-------------|----------------|
//! | Programme Guide example         | 1365.28     | 489.75         |
//! | haversine, R = 6371 km          | **1365.28** | 489.18         |
//! | haversine, R = 6371.0088 km     | 1365.28     | 489.18         |
//! | haversine, R = 6378.137 km      | 1366.81     | 489.73         |
//! | Vincenty, WGS84 ellipsoid       | 1368.72     | 489.00         |
//!
//! Only a sphere of radius 6371 km (± 0.02 km) reproduces Madrid–Rome to the
//! hundredth of a kilometre; the ellipsoidal (Vincenty) figure is 3.4 km off.
//! The equatorial radius 6378.137 km matches Rome–Ljubljana by chance but
//! misses Madrid–Rome by 1.5 km. The remaining 0.57 km on Rome–Ljubljana comes
//! from the coordinates behind that example, not from the formula: with
//! other common city-centre points (Rome 41.8933 N 12.4829 E, Ljubljana
//! 46.0500 N 14.5069 E) the same formula gives 489.72 km. Both
//! Guide examples are therefore reproduced within 1 km, which never matters
//! for a distance band unless a trip lies within a kilometre of a band edge.

/// Mean Earth radius in kilometres used for Erasmus+ distances.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// One-way great-circle distance in kilometres between two points given as
/// `(latitude, longitude)` in decimal degrees.
///
/// Uses the haversine formula, which stays accurate for short distances.
/// Inputs outside the usual ranges are not rejected: latitudes are used as
/// given and longitudes wrap naturally through the trigonometric functions.
/// A NaN input gives a NaN result.
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = lon2 - lon1;
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    // Rounding can push h a hair above 1 for antipodal points.
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    // GeoNames coordinates, as in data/gazetteer.tsv.
    const MADRID: (f64, f64) = (40.4165, -3.70256);
    const ROME: (f64, f64) = (41.89193, 12.51133);
    const LJUBLJANA: (f64, f64) = (46.05108, 14.50513);
    const NICE: (f64, f64) = (43.70313, 7.26608);
    const CASTELLDEFELS: (f64, f64) = (41.27794, 1.97033);
    const ISTANBUL: (f64, f64) = (41.01384, 28.94966);
    const PARIS: (f64, f64) = (48.85341, 2.3488);
    const BERLIN: (f64, f64) = (52.52437, 13.41053);
    const LISBON: (f64, f64) = (38.72509, -9.1498);
    const HELSINKI: (f64, f64) = (60.16952, 24.93545);
    const TIRANA: (f64, f64) = (41.32744, 19.81866);
    const KYIV: (f64, f64) = (50.45466, 30.5238);

    fn assert_close(got: f64, want: f64, tol: f64) {
        assert!(
            (got - want).abs() <= tol,
            "got {got:.3} km, want {want:.3} km ± {tol}"
        );
    }

    #[test]
    fn programme_guide_examples() {
        // Madrid–Rome: 1365.28 km in the Programme Guide; we get 1365.28.
        assert_close(great_circle_km(MADRID, ROME), 1365.28, 0.01);
        // Rome–Ljubljana: 489.75 km in the Guide; we get 489.18.
        assert_close(great_circle_km(ROME, LJUBLJANA), 489.75, 1.0);
    }

    #[test]
    fn independently_computed_pairs() {
        // Reference figures computed separately with the spherical
        // atan2/vector form of the great-circle formula, R = 6371 km.
        let pairs = [
            (NICE, CASTELLDEFELS, 510.99),
            (NICE, ISTANBUL, 1801.23),
            (PARIS, BERLIN, 878.40),
            (LISBON, HELSINKI, 3360.27),
            (TIRANA, KYIV, 1307.42),
            (MADRID, ISTANBUL, 2736.63),
        ];
        for (a, b, want) in pairs {
            assert_close(great_circle_km(a, b), want, 1.0);
        }
    }

    #[test]
    fn symmetric_and_zero() {
        assert_eq!(great_circle_km(PARIS, PARIS), 0.0);
        let d1 = great_circle_km(PARIS, BERLIN);
        let d2 = great_circle_km(BERLIN, PARIS);
        assert!((d1 - d2).abs() < 1e-9);
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let half = std::f64::consts::PI * EARTH_RADIUS_KM;
        assert_close(great_circle_km((0.0, 0.0), (0.0, 180.0)), half, 1e-6);
        assert_close(great_circle_km((90.0, 0.0), (-90.0, 0.0)), half, 1e-6);
        assert_close(great_circle_km((0.0, 179.5), (0.0, -179.5)), 111.19, 0.01);
        assert!(great_circle_km((f64::NAN, 0.0), (0.0, 0.0)).is_nan());
    }
}
