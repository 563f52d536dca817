//! Property tests: for generated youth-exchange flows, the budget never
//! panics or overflows, every amount is non-negative, and the total equals
//! the sum of its lines, of its activity subtotals and of its categories.

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
        0u32..=u32::MAX,
        0u32..=u32::MAX,
        0u32..=1000,
        0u32..=1000,
        any::<bool>(),
        0u32..=40,
        proptest::option::of(0u64..=4_000_000_000),
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
        if let Some(c) = f.distance_cents {
            let _ = writeln!(a, "distance_km = {}.{:02}", c / 100, c % 100);
        }
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
    fn total_is_the_sum_of_the_lines(days in 1u32..=4000, flows in proptest::collection::vec(flow(), 0..6), inclusion in 0u64..=100_000_000_000) {
        let dir = std::env::temp_dir().join(format!("coopcom-prop-{}-{}", std::process::id(), rand_suffix(&flows, days)));
        let _ = std::fs::remove_dir_all(&dir);
        workspace(&dir, days, &flows, inclusion);
        let analysis = crate::analysis::analyse(Some(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
        let analysis = analysis.unwrap();
        let budget = analysis.budget.expect("a budget is computed whenever the pack is known");
        let total = budget.total();
        let lines: Decimal = budget.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(total, lines);
        prop_assert_eq!(budget.by_activity().iter().map(|(_, m)| *m).sum::<Decimal>(), total);
        prop_assert_eq!(budget.by_category().iter().map(|(_, m)| *m).sum::<Decimal>(), total);
        prop_assert!(budget.lines.iter().all(|l| !l.amount.is_sign_negative()));
        prop_assert!(budget.lines.iter().all(|l| l.amount.scale() <= 2));
    }
}

fn rand_suffix(flows: &[GenFlow], days: u32) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{flows:?}{days}").hash(&mut h);
    format!("{:x}", h.finish())
}
