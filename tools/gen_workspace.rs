// Generated data tables are indexed by construction (modulo their length).
#![allow(clippy::indexing_slicing)]

//! Generates a realistic, valid KA152-YOU workspace of a given size for the
//! benchmarks: `cargo run --release --example gen-workspace -- DIR ACTIVITIES`.
//!
//! With `--portfolio DIR N` it generates instead a portfolio of N small
//! workspaces (`DIR/ye-00000`, ...), as a youth network or a National Agency
//! holds for one call: each a KA152-YOU youth exchange of 3 national groups
//! from 3 countries, in round 1 or 2 of call 2026 alternately. The
//! organisations come from a pool of about 3N/4, so each one is in about 4
//! applications (fewer than the 5 per deadline the Guide allows, p. 157)
//! and the rules across workspaces have real matches to count. The
//! portfolio checks with no error.
//!
//! Every activity is a youth exchange of 5 national groups (8 participants
//! and a group leader each) from partners in 5 different countries, hosted
//! by one of them; partners sit in real cities, so distances come from the
//! gazetteer; every narrative field holds a realistic answer. The result
//! checks with no error (warnings, such as band edges, are allowed).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const CITIES: &[(&str, &str)] = &[
    ("ES", "Valencia"),
    ("IT", "Bologna"),
    ("DE", "Leipzig"),
    ("PL", "Kraków"),
    ("PT", "Porto"),
    ("SI", "Ljubljana"),
    ("CZ", "Brno"),
    ("HU", "Szeged"),
    ("RO", "Cluj-Napoca"),
    ("GR", "Thessaloniki"),
    ("BE", "Ghent"),
    ("NL", "Utrecht"),
    ("AT", "Graz"),
    ("SE", "Malmö"),
    ("FI", "Tampere"),
    ("DK", "Aarhus"),
    ("IE", "Cork"),
    ("LT", "Kaunas"),
    ("LV", "Riga"),
    ("EE", "Tartu"),
    ("HR", "Split"),
    ("SK", "Košice"),
    ("BG", "Plovdiv"),
    ("TR", "Izmir"),
    ("MK", "Skopje"),
    ("RS", "Novi Sad"),
    ("NO", "Bergen"),
    ("IS", "Reykjavik"),
    ("MT", "Valletta"),
    ("CY", "Limassol"),
];

const FIELDS: &[&str] = &[
    "summary/objectives",
    "summary/activities",
    "summary/results",
    "rationale/needs",
    "rationale/erasmus-objectives",
    "rationale/impact",
    "design/phases",
    "design/participants",
    "design/inclusion",
    "design/learning",
    "design/sustainability",
    "management/arrangements",
    "management/safety",
    "management/cooperation",
    "management/evaluation",
    "management/dissemination",
    "management/follow-up",
];

fn write(root: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--portfolio") {
        let (Some(dir), Some(n)) = (args.get(2), args.get(3).and_then(|n| n.parse::<usize>().ok())) else {
            eprintln!("usage: gen-workspace --portfolio DIR WORKSPACES");
            std::process::exit(2);
        };
        return portfolio(Path::new(dir), n);
    }
    let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen-workspace DIR ACTIVITIES");
        std::process::exit(2);
    };
    let root = Path::new(dir);
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    write(
        root,
        "coopcom.toml",
        "[project]\ntitle = \"Rivers of Europe\"\nacronym = \"RIVERS\"\naction = \"KA152-YOU\"\ncall = 2026\nround = 1\n\
         national_agency = \"FR02\"\nlanguage = \"en\"\nstart = 2026-06-01\nend = 2028-05-31\n\
         topics = [\"Environment and climate change\", \"Inclusion\"]\n",
    )?;
    // Partner 0 is the applicant in Lyon; the others are spread over the cities.
    let partners = n.max(8);
    write(
        root,
        "partners/p0000.toml",
        "name = \"Maison des Jeunes de Lyon\"\nrole = \"applicant\"\ncountry = \"FR\"\ncity = \"Lyon\"\n\
         oid = \"E10000000\"\ntype = \"ngo\"\nexperience = \"Youth work in the neighbourhoods of Lyon since 1998.\"\n",
    )?;
    for i in 1..partners {
        let (country, city) = CITIES[(i - 1) % CITIES.len()];
        write(
            root,
            &format!("partners/p{i:04}.toml"),
            &format!(
                "name = \"Youth Association {i} of {city}\"\nrole = \"partner\"\ncountry = \"{country}\"\n\
                 city = \"{city}\"\noid = \"E{:08}\"\ntype = \"ngo\"\n",
                10_000_000 + i
            ),
        )?;
    }
    for a in 0..n {
        // Four partners from four different countries, none French.
        let first = 1 + (a * 4) % (partners - 1);
        let group: Vec<usize> = (0..4).map(|k| 1 + (first - 1 + k) % (partners - 1)).collect();
        let host = group[0];
        let (host_country, host_city) = CITIES[(host - 1) % CITIES.len()];
        let start = chrono_free_date(a % 600);
        let end = chrono_free_date(a % 600 + 6);
        let mut t = format!(
            "type = \"youth-exchange\"\ntitle = \"Exchange {a}: rivers and cities\"\n\
             venue = {{ city = \"{host_city}\", country = \"{host_country}\" }}\nstart = {start}\nend = {end}\nhost = \"p{host:04}\"\n"
        );
        for (k, from) in std::iter::once(0).chain(group.iter().copied()).enumerate() {
            let _ = write!(
                t,
                "\n[[flows]]\nfrom = \"p{from:04}\"\nparticipants = 8\nfewer_opportunities = {}\nwomen = 4\n\
                 group_leaders = 1\nfacilitators = {}\nages = [16, 24]\ngreen_travel = true\ntravel_days = {}\n",
                k % 3,
                u8::from(from == host),
                if from == host { 0 } else { 4 }
            );
        }
        write(root, &format!("activities/a{a:04}.toml"), &t)?;
    }
    let paragraph = "Young people from the partner cities meet to explore how their rivers shape daily life, \
        map the places where water and people meet, and design small actions for cleaner and more accessible \
        river banks. They prepare in their local groups, share the work in a common online office, and present \
        the results to their municipalities after the exchange. ";
    for f in FIELDS {
        write(
            root,
            &format!("narrative/{f}.md"),
            &format!("{}\n\n- one point\n- another point\n", paragraph.repeat(3)),
        )?;
    }
    write(
        root,
        "impact.toml",
        &format!(
            "[[targets]]\nid = \"participants\"\nindicator = \"Young people taking part\"\nunit = \"people\"\n\
             baseline = 0\ntarget = {}\nby = 2028-05-31\nverification = \"attendance lists\"\n",
            n * 40
        ),
    )?;
    Ok(())
}

/// A portfolio of `n` small workspaces under `root` (see the file's comment).
fn portfolio(root: &Path, n: usize) -> std::io::Result<()> {
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    // The pool of organisations: a multiple of the number of cities, so
    // that three consecutive organisations are in three countries.
    let pool = (3 * n).div_ceil(4).div_ceil(CITIES.len()).max(1) * CITIES.len();
    let paragraph = "Young people from three cities meet to explore how their rivers shape daily life, \
        and design small actions for cleaner and more accessible river banks. ";
    for i in 0..n {
        let ws = root.join(format!("ye-{i:05}"));
        let round = 1 + i % 2;
        let orgs: Vec<usize> = (0..3).map(|k| (3 * i + k) % pool).collect();
        let (na_country, _) = CITIES[orgs[0] % CITIES.len()];
        let na = if na_country == "GR" { "EL" } else { na_country };
        let (start, end, activity_start) = if round == 1 {
            ("2026-06-01", "2027-05-31", chrono_free_date(i % 150))
        } else {
            ("2027-01-01", "2027-12-31", chrono_free_date(200 + i % 150))
        };
        let activity_end = if round == 1 {
            chrono_free_date(i % 150 + 7)
        } else {
            chrono_free_date(200 + i % 150 + 7)
        };
        write(
            &ws,
            "coopcom.toml",
            &format!(
                "[project]\ntitle = \"Rivers of Europe {i}\"\nacronym = \"RIVERS{i}\"\naction = \"KA152-YOU\"\n\
                 call = 2026\nround = {round}\nnational_agency = \"{na}02\"\nlanguage = \"en\"\n\
                 start = {start}\nend = {end}\ntopics = [\"Environment and climate change\"]\n"
            ),
        )?;
        for (k, &o) in orgs.iter().enumerate() {
            let (country, city) = CITIES[o % CITIES.len()];
            write(
                &ws,
                &format!("partners/o{o:05}.toml"),
                &format!(
                    "name = \"Youth Association {o} of {city}\"\nrole = \"{}\"\ncountry = \"{country}\"\n\
                     city = \"{city}\"\noid = \"E{:08}\"\ntype = \"ngo\"\n",
                    if k == 0 { "applicant" } else { "partner" },
                    20_000_000 + o
                ),
            )?;
        }
        let host = orgs[1];
        let (host_country, host_city) = CITIES[host % CITIES.len()];
        let mut t = format!(
            "type = \"youth-exchange\"\ntitle = \"Rivers and cities {i}\"\n\
             venue = {{ city = \"{host_city}\", country = \"{host_country}\" }}\nstart = {activity_start}\nend = {activity_end}\nhost = \"o{host:05}\"\n"
        );
        for &o in &orgs {
            let _ = write!(
                t,
                "\n[[flows]]\nfrom = \"o{o:05}\"\nparticipants = 6\nfewer_opportunities = 1\nwomen = 3\n\
                 group_leaders = 1\nages = [16, 24]\ngreen_travel = true\ntravel_days = {}\n",
                if o == host { 0 } else { 4 }
            );
        }
        write(&ws, "activities/a1.toml", &t)?;
        let answer = format!("{}\n", paragraph.repeat(2));
        for f in PORTFOLIO_FIELDS {
            write(&ws, &format!("narrative/{f}.md"), &answer)?;
        }
        for f in ["background", "cooperation", "elements", "learning", "role"] {
            write(&ws, &format!("narrative/activities/a1/{f}.md"), &answer)?;
        }
        for &o in &orgs {
            for f in ["experience", "presentation"] {
                write(&ws, &format!("narrative/organisations/o{o:05}/{f}.md"), &answer)?;
            }
        }
    }
    Ok(())
}

/// The project-level questions of the KA152-YOU form of call 2026, as
/// `coopcom init --action KA152-YOU` lays them out.
const PORTFOLIO_FIELDS: &[&str] = &[
    "design/challenges",
    "design/environment",
    "design/fewer-opportunities",
    "design/follow-up",
    "design/measures",
    "design/outreach",
    "design/preparation",
    "design/recognition",
    "design/safety",
    "design/virtual",
    "design/youthpass",
    "details/contributions",
    "management/communication",
    "management/dissemination",
    "management/evaluation",
    "management/involvement",
    "management/logistics",
    "management/monitoring",
    "management/other-actors",
    "management/partners",
    "management/project-management",
    "management/results-use",
    "management/sustainability",
    "rationale/benefit-organisations",
    "rationale/benefit-participants",
    "rationale/erasmus-objectives",
    "rationale/impact",
    "rationale/needs",
    "summary/activities",
    "summary/objectives",
    "summary/results",
];

/// The calendar date `days` after 2026-07-01, as YYYY-MM-DD, without a date library.
fn chrono_free_date(days: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut y, mut m, mut d) = (2026usize, 7usize, 1 + days);
    loop {
        let len = if m == 2 && y % 4 == 0 { 29 } else { MONTHS[m - 1] };
        if d <= len {
            return format!("{y:04}-{m:02}-{d:02}");
        }
        d -= len;
        m += 1;
        if m == 13 {
            m = 1;
            y += 1;
        }
    }
}
