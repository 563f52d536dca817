//! The values of a participant list as people type them in English, French
//! and Spanish: genders, yes/no answers, roles, ages and birth dates.

use chrono::{Datelike, NaiveDate};

use crate::geo::fold::fold_key;

/// The words of `s`, each lower case without accents (`"Género"` →
/// `["genero"]`, `"Adresse e-mail"` → `["adresse", "e", "mail"]`).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_key)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of `s` joined by one space: the form values are compared in.
pub fn folded(s: &str) -> String {
    words(s).join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Woman,
    Man,
    /// Non-binary, other, or a person who preferred not to say.
    Other,
    /// The cell is empty.
    NotStated,
}

const WOMAN: &[&str] = &[
    "f", "female", "woman", "women", "w", "girl", "femme", "fille", "feminin", "feminine", "mujer",
    "femenino", "femenina", "chica", "nina",
];
const MAN: &[&str] = &[
    "m",
    "male",
    "man",
    "men",
    "boy",
    "h",
    "homme",
    "garcon",
    "masculin",
    "hombre",
    "masculino",
    "chico",
    "nino",
    "varon",
    "v",
];
const OTHER: &[&str] = &[
    "x",
    "other",
    "non binary",
    "nonbinary",
    "autre",
    "non binaire",
    "otro",
    "otra",
    "no binario",
    "no binaria",
    "diverse",
    "divers",
    "not stated",
];

/// The accepted genders, for a help line.
pub const GENDER_HELP: &str = "write female/woman/F, femme, mujer; male/man/M, homme/H, hombre; \
     or other, non-binary, autre, otro, \"prefer not to say\"; an empty cell means not stated";

pub fn gender(v: &str) -> Option<Gender> {
    let f = folded(v);
    let w = words(v);
    if f.is_empty() {
        return Some(Gender::NotStated);
    }
    if WOMAN.contains(&f.as_str()) {
        return Some(Gender::Woman);
    }
    if MAN.contains(&f.as_str()) {
        return Some(Gender::Man);
    }
    let declined = w.iter().any(|x| {
        matches!(
            x.as_str(),
            "prefer" | "prefere" | "prefiero" | "prefiere" | "souhaite" | "rather"
        )
    });
    if OTHER.contains(&f.as_str()) || declined {
        return Some(Gender::Other);
    }
    None
}

pub const YES_NO_HELP: &str =
    "write yes/no, oui/non or sí/no (also y/n, true/false, 1/0); an empty cell means no";

/// A yes/no answer; an empty cell is no.
pub fn yes_no(v: &str) -> Option<bool> {
    let w = words(v);
    let Some(first) = w.first() else {
        return Some(false);
    };
    match first.as_str() {
        "yes" | "y" | "true" | "1" | "x" | "oui" | "o" | "si" | "s" | "vrai" | "verdadero" => Some(true),
        "no" | "n" | "false" | "0" | "non" | "faux" | "falso" => Some(false),
        _ => None,
    }
}

/// A person's role in the activity, as the flows count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Participant,
    GroupLeader,
    Facilitator,
    Accompanying,
}

pub const ROLE_HELP: &str = "write participant (participante, jeune, joven, youth worker), \
     group leader (chef de groupe, líder de grupo, responsable), facilitator (trainer, formateur, \
     formador, facilitador) or accompanying person (accompagnateur, acompañante); an empty cell \
     means participant";

/// A role; an empty cell is a participant.
pub fn role(v: &str) -> Option<Role> {
    let w = words(v);
    if w.is_empty() {
        return Some(Role::Participant);
    }
    let any = |prefixes: &[&str]| w.iter().any(|x| prefixes.iter().any(|p| x.starts_with(p)));
    if any(&["accomp", "acompan"]) {
        Some(Role::Accompanying)
    } else if any(&["leader", "lider", "chef", "responsable", "monitor", "moniteur"]) {
        Some(Role::GroupLeader)
    } else if any(&[
        "facilit",
        "trainer",
        "formateur",
        "formatrice",
        "formador",
        "formadora",
    ]) {
        Some(Role::Facilitator)
    } else if any(&[
        "particip",
        "young",
        "youth",
        "jeune",
        "joven",
        "learner",
        "apprenant",
        "worker",
        "trabajador",
        "student",
        "etudiant",
        "estudiante",
        "eleve",
        "alumn",
    ]) {
        Some(Role::Participant)
    } else {
        None
    }
}

pub const AGE_HELP: &str =
    "write the age in whole years, e.g. 17 (\"17 ans\", \"17 años\" and \"17 years\" are read too)";

/// An age in whole years: `17`, `17.0` (a spreadsheet's number), `17 ans`.
pub fn age(v: &str) -> Option<u32> {
    let v = v.trim();
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    let rest = v.get(digits.len()..).unwrap_or("").trim();
    let rest = rest.strip_prefix(".0").unwrap_or(rest).trim();
    let unit_ok = rest.is_empty()
        || matches!(
            folded(rest).as_str(),
            "years" | "year" | "yrs" | "y" | "y o" | "years old" | "ans" | "an" | "anos" | "ano"
        );
    let n: u32 = digits.parse().ok()?;
    (unit_ok && n <= 120).then_some(n)
}

/// A birth date: ISO (`2008-03-14`, also with a time after it) or day,
/// month, year (`14/03/2008`, `14.03.2008`, `14-03-2008`). Err is the help.
pub fn date(v: &str) -> Result<NaiveDate, String> {
    let generic = "write the date as day/month/year (14/03/2008) or year-month-day (2008-03-14)";
    let v = v.trim();
    // A spreadsheet may add a time: "2008-03-14 00:00:00", "14/03/2008 0:00".
    let v = v.split([' ', 'T']).next().unwrap_or(v);
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.trim().parse::<u32>().ok()).collect();
    let (Some(nums), [a, _, c]) = (nums, parts.as_slice()) else {
        return Err(generic.into());
    };
    let (Some(&x), Some(&y), Some(&z)) = (nums.first(), nums.get(1), nums.get(2)) else {
        return Err(generic.into());
    };
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    if a.len() == 4 {
        return ymd(x, y, z).ok_or_else(|| format!("no such day; {generic}"));
    }
    if c.len() != 4 {
        return Err(format!("write the year with four digits; {generic}"));
    }
    match ymd(z, y, x) {
        Some(d) => Ok(d),
        None if ymd(z, x, y).is_some() => Err(format!(
            "dates are read day/month/year, and there is no month {y}: this looks like month/day/year; write it as {z:04}-{x:02}-{y:02}"
        )),
        None => Err(format!("no such day; {generic}")),
    }
}

/// The age in whole years on `day` of a person born on `birth`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> Option<u32> {
    if birth > day {
        return None;
    }
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_three_languages() {
        assert_eq!(gender("Femme"), Some(Gender::Woman));
        assert_eq!(gender(" MUJER "), Some(Gender::Woman));
        assert_eq!(gender("Hombre"), Some(Gender::Man));
        assert_eq!(gender("Prefer not to say"), Some(Gender::Other));
        assert_eq!(gender("banana"), None);
        assert_eq!(yes_no("Sí"), Some(true));
        assert_eq!(yes_no("Non"), Some(false));
        assert_eq!(yes_no(""), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert_eq!(role("Líder de grupo"), Some(Role::GroupLeader));
        assert_eq!(role("Personne accompagnatrice"), Some(Role::Accompanying));
        assert_eq!(role("Formadora"), Some(Role::Facilitator));
        assert_eq!(role("Participante"), Some(Role::Participant));
        assert_eq!(age("17 años"), Some(17));
        assert_eq!(age("17.0"), Some(17));
        assert_eq!(age("seventeen"), None);
    }

    #[test]
    fn dates_and_ages() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(date("14/03/2008"), Ok(d(2008, 3, 14)));
        assert_eq!(date("2008-03-14 00:00:00"), Ok(d(2008, 3, 14)));
        assert_eq!(date("14.03.2008"), Ok(d(2008, 3, 14)));
        assert!(date("03/14/2008").is_err_and(|h| h.contains("2008-03-14")));
        assert!(date("14/03/08").is_err());
        // The day before the birthday the person is still 17.
        assert_eq!(age_on(d(2008, 9, 14), d(2026, 9, 13)), Some(17));
        assert_eq!(age_on(d(2008, 9, 14), d(2026, 9, 14)), Some(18));
    }
}
