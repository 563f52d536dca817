//! Structure-aware workspaces: partners, activities, flows, work packages
//! and budget entries with arbitrary numbers, dates, countries and
//! references, written as well-formed TOML, so the fuzzer explores the
//! checks and the budget rather than the TOML parser.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const ACTIONS: &[&str] = &["KA152-YOU", "KA153-YOU", "KA154-YOU", "KA210-YOU", "KA220-ADU", "KA999"];
const COUNTRIES: &[(&str, &str)] = &[
    ("FR", "Lyon"), ("ES", "Valencia"), ("TR", "Istanbul"), ("UA", "Kyiv"), ("BY", "Minsk"),
    ("RU", "Moscow"), ("JP", "Tokyo"), ("EL", "Athens"), ("XK", "Pristina"), ("SI", "Nowhere"),
];
const TYPES: &[&str] = &["ngo", "public-body", "informal-group", "school", "company", "other"];
const KINDS: &[&str] = &[
    "youth-exchange", "professional-development", "preparatory-visit", "system-development",
    "participation-event", "participation-mobility", "partnership-activity", "bogus",
];

#[derive(Arbitrary, Debug)]
struct Partner { role: u8, country: u8, kind: u8, oid: Option<u32>, coords: Option<(i16, i16)> }

#[derive(Arbitrary, Debug)]
struct Flow {
    from: u8, participants: u32, fewer: u32, women: u32, leaders: u16, facilitators: u16,
    accompanying: u16, ages: Option<(u8, u8)>, green: bool, travel_days: u8, distance: Option<u32>,
    origin: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct Activity {
    kind: u8, start: i16, days: i16, venue: u8, host: u8, flows: Vec<Flow>, grant: Option<u32>,
    prepares: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct WorkPackage { management: bool, grant: u32, lead: u8 }

#[derive(Arbitrary, Debug)]
struct Workspace {
    action: u8, call: u8, round: u8, start: u16, months: u8, partners: Vec<Partner>,
    activities: Vec<Activity>, work_packages: Vec<WorkPackage>, lump_sum: Option<u32>,
    inclusion: Vec<(u8, u32)>, exceptional: Vec<(u8, u8, u32)>, narrative: Option<String>,
}

fn pick<T: Copy>(list: &[T], i: u8) -> T {
    list[usize::from(i) % list.len()]
}

fn date(offset: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    (base + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string()
}

fn files(w: &Workspace) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let start = i64::from(w.start % 1000);
    out.push((
        "coopcom.toml".to_string(),
        format!(
            "[project]\ntitle = \"F\"\naction = \"{}\"\ncall = {}\nround = {}\nstart = {}\nduration_months = {}\n",
            pick(ACTIONS, w.action), 2023 + u32::from(w.call % 5), w.round % 4, date(start), w.months % 40
        )
        .into_bytes(),
    ));
    let n = w.partners.len().min(6);
    for (i, p) in w.partners.iter().take(6).enumerate() {
        let (country, city) = pick(COUNTRIES, p.country);
        let mut t = format!(
            "name = \"P{i}\"\nrole = \"{}\"\ncountry = \"{country}\"\ncity = \"{city}\"\ntype = \"{}\"\n",
            if p.role % 3 == 0 { "applicant" } else { "partner" }, pick(TYPES, p.kind)
        );
        if let Some(o) = p.oid { t.push_str(&format!("oid = \"E{:08}\"\n", o % 100_000_000)); }
        if let Some((a, b)) = p.coords { t.push_str(&format!("coordinates = [{}, {}]\n", a % 90, b % 180)); }
        out.push((format!("partners/p{i}.toml"), t.into_bytes()));
    }
    let pid = |i: u8| format!("p{}", usize::from(i) % n.max(1));
    for (i, a) in w.activities.iter().take(6).enumerate() {
        let (country, city) = pick(COUNTRIES, a.venue);
        let s = start + i64::from(a.start % 900);
        let mut t = format!(
            "type = \"{}\"\ntitle = \"A{i}\"\nvenue = {{ city = \"{city}\", country = \"{country}\" }}\nstart = {}\nend = {}\nhost = \"{}\"\n",
            pick(KINDS, a.kind), date(s), date(s + i64::from(a.days % 100)), pid(a.host)
        );
        if let Some(g) = a.grant { t.push_str(&format!("grant = {}\n", g % 500_000)); }
        if let Some(p) = a.prepares { t.push_str(&format!("prepares = \"a{}\"\n", p % 6)); }
        for f in a.flows.iter().take(6) {
            t.push_str(&format!(
                "\n[[flows]]\nfrom = \"{}\"\nparticipants = {}\nfewer_opportunities = {}\nwomen = {}\ngroup_leaders = {}\nfacilitators = {}\naccompanying = {}\ngreen_travel = {}\ntravel_days = {}\n",
                pid(f.from), f.participants, f.fewer, f.women, f.leaders, f.facilitators, f.accompanying, f.green, f.travel_days
            ));
            if let Some((x, y)) = f.ages { t.push_str(&format!("ages = [{}, {}]\n", x.min(y), x.max(y))); }
            if let Some(d) = f.distance { t.push_str(&format!("distance_km = {}.{}\n", d / 100, d % 100)); }
            if let Some(o) = f.origin {
                let (c, city) = pick(COUNTRIES, o);
                t.push_str(&format!("origin = {{ city = \"{city}\", country = \"{c}\" }}\n"));
            }
        }
        out.push((format!("activities/a{i}.toml"), t.into_bytes()));
    }
    for (i, wp) in w.work_packages.iter().take(6).enumerate() {
        out.push((
            format!("work-packages/wp{i}.toml"),
            format!("title = \"W{i}\"\nmanagement = {}\ngrant = {}\nlead = \"{}\"\n", wp.management, wp.grant, pid(wp.lead)).into_bytes(),
        ));
    }
    let mut b = String::new();
    if let Some(l) = w.lump_sum { b.push_str(&format!("lump_sum = {}\n", l % 1_000_000)); }
    for (a, amount) in w.inclusion.iter().take(4) {
        b.push_str(&format!("\n[[inclusion_costs]]\nactivity = \"a{}\"\namount = \"{}.{:02}\"\n", a % 6, amount / 100, amount % 100));
    }
    for (a, k, amount) in w.exceptional.iter().take(4) {
        let kind = pick(&["visa", "expensive-travel", "financial-guarantee", "other"], *k);
        b.push_str(&format!("\n[[exceptional_costs]]\nactivity = \"a{}\"\nkind = \"{kind}\"\namount = {}\n", a % 6, amount % 10_000_000));
    }
    out.push(("budget.toml".to_string(), b.into_bytes()));
    if let Some(text) = &w.narrative {
        out.push(("narrative/summary/objectives.md".to_string(), text.as_bytes().to_vec()));
    }
    out
}

fuzz_target!(|w: Workspace| {
    coopcom::fuzz_support::analyse_files(&files(&w));
});
