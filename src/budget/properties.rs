//! Property tests: for generated youth-exchange flows (KA152, venue Valencia)
//! the budget never panics or overflows, and it equals a budget worked out
//! independently here from the Programme Guide 2026's tables, written out
//! by hand below: travel by band (p. 161), individual support at the A2.1
//! rate of Spain (p. 163), organisational and inclusion support (pp. 161-162).

use std::fmt::Write as _;

use proptest::prelude::*;
use rust_decimal::Decimal;

#[derive(Debug, Clone)]
struct GenFlow {
    participants: u32,
    fewer: u32,
    leaders: u32,
    facilitators: u32,
    green: bool,
    travel_days: u32,
    distance_cents: Option<u64>,
}

fn flow() -> impl Strategy<Value = GenFlow> {
    (
        0u32..=1_000_000,
        0u32..=1_000_000,
        0u32..=1000,
        0u32..=1000,
        any::<bool>(),
        0u32..=40,
        proptest::option::of(0u64..=1_200_000),
    )
        .prop_map(
            |(participants, fewer, leaders, facilitators, green, travel_days, distance_cents)| GenFlow {
                participants,
                fewer: fewer.min(participants),
                leaders,
                facilitators,
                green,
                travel_days,
                distance_cents,
            },
        )
}

fn workspace(dir: &std::path::Path, days: u32, flows: &[GenFlow], inclusion: u64) {
    let w = |rel: &str, text: String| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "coopcom.toml",
        "[project]\ntitle = \"P\"\naction = \"KA152-YOU\"\ncall = 2026\nround = 1\nstart = 2026-06-01\nend = 2027-05-31\n".into(),
    );
    w(
        "partners/aa.toml",
        "name = \"A\"\nrole = \"applicant\"\ncountry = \"FR\"\ncity = \"Lyon\"\ntype = \"ngo\"\n".into(),
    );
    w(
        "partners/bb.toml",
        "name = \"B\"\nrole = \"partner\"\ncountry = \"ES\"\ncity = \"Valencia\"\ntype = \"ngo\"\n".into(),
    );
    let start = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let end = start + chrono::Days::new(u64::from(days.max(1)) - 1);
    let mut a = format!(
        "type = \"youth-exchange\"\ntitle = \"X\"\nvenue = {{ city = \"Valencia\", country = \"ES\" }}\nstart = {start}\nend = {end}\nhost = \"bb\"\n"
    );
    for (i, f) in flows.iter().enumerate() {
        let from = if i % 2 == 0 { "aa" } else { "bb" };
        let _ = write!(
            a,
            "\n[[flows]]\nfrom = \"{from}\"\norigin = {{ city = \"{}\", country = \"{}\" }}\nparticipants = {}\nfewer_opportunities = {}\ngroup_leaders = {}\nfacilitators = {}\ngreen_travel = {}\ntravel_days = {}\n",
            if i % 2 == 0 { "Lyon" } else { "Valencia" },
            if i % 2 == 0 { "FR" } else { "ES" },
            f.participants,
            f.fewer,
            f.leaders,
            f.facilitators,
            f.green,
            f.travel_days
        );
        let c = f.distance_cents.unwrap_or(0);
        let _ = writeln!(a, "distance_km = {}.{:02}", c / 100, c % 100);
    }
    w("activities/a1.toml", a);
    w(
        "budget.toml",
        format!(
            "[[inclusion_costs]]\nactivity = \"a1\"\namount = \"{}.{:02}\"\n",
            inclusion / 100,
            inclusion % 100
        ),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_grant_is_the_guide_s_arithmetic(days in 1u32..=4000, flows in proptest::collection::vec(flow(), 0..6), inclusion in 0u64..=100_000_000_000) {
        let dir = std::env::temp_dir().join(format!("coopcom-prop-{}-{}", std::process::id(), rand_suffix(&flows, days)));
        let _ = std::fs::remove_dir_all(&dir);
        workspace(&dir, days, &flows, inclusion);
        let analysis = crate::analysis::analyse(Some(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
        let analysis = analysis.unwrap();
        let budget = analysis.budget.expect("a budget is computed whenever the pack is known");
        prop_assert!(budget.lines.iter().all(|l| !l.amount.is_sign_negative()));
        prop_assert!(budget.lines.iter().all(|l| l.amount.scale() <= 2));
        prop_assert_eq!(budget.total(), expected(days, &flows, inclusion));
    }
}

/// The travel unit cost of the Guide 2026's table (p. 161), one way, by the
/// unrounded distance in km: (standard, green); nothing under 10 km (p. 455).
fn travel_rate(km: Decimal, green: bool) -> Decimal {
    let table: [(u32, u32, u32); 7] = [
        (10, 28, 56),
        (100, 211, 285),
        (500, 309, 417),
        (2000, 395, 535),
        (3000, 580, 785),
        (4000, 1188, 1188),
        (8000, 1735, 1735),
    ];
    let mut rate = 0;
    for (from, standard, green_rate) in table {
        if km >= Decimal::from(from) {
            rate = if green { green_rate } else { standard };
        }
    }
    Decimal::from(rate)
}

/// The grant worked out from the Guide's figures for the generated flows.
fn expected(days: u32, flows: &[GenFlow], inclusion: u64) -> Decimal {
    let mut total = Decimal::new(i64::try_from(inclusion).unwrap(), 2); // 100 % (p. 162)
    for f in flows {
        let persons =
            Decimal::from(f.participants) + Decimal::from(f.leaders) + Decimal::from(f.facilitators);
        let km = Decimal::new(i64::try_from(f.distance_cents.unwrap_or(0)).unwrap(), 2);
        total += persons * travel_rate(km, f.green);
        // One travel day before and one after, up to four more for persons
        // receiving a green travel grant (p. 162): at most 2, or 6 with a
        // green grant, which nobody gets under 10 km.
        let green_grant = f.green && km >= Decimal::from(10);
        let travel_days = f.travel_days.min(if green_grant { 6 } else { 2 });
        total += persons * Decimal::from(days.max(1) + travel_days) * Decimal::from(58);
        total += Decimal::from(f.participants) * Decimal::from(125);
        total += Decimal::from(f.fewer) * Decimal::from(125);
    }
    total
}

fn rand_suffix(flows: &[GenFlow], days: u32) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{flows:?}{days}").hash(&mut h);
    format!("{:x}", h.finish())
}
