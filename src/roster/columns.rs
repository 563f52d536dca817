//! Which column of a participant list holds what: recognised from the
//! header's words in English, French and Spanish (Google Forms and Microsoft
//! Forms headers are the question texts), or named by `--map`.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};

use super::values::words;
use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::workspace::source::{FileId, Loc};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Organisation,
    Gender,
    Age,
    BirthDate,
    FewerOpportunities,
    Role,
    /// A name, or part of one (first name, last name): only to find duplicates.
    Name,
    /// Only to find duplicates.
    Email,
    /// Read by nobody (`--map "Column=ignore"`).
    Ignore,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Organisation => "organisation",
            Field::Gender => "gender",
            Field::Age => "age",
            Field::BirthDate => "birth_date",
            Field::FewerOpportunities => "fewer_opportunities",
            Field::Role => "role",
            Field::Name => "name",
            Field::Email => "email",
            Field::Ignore => "ignore",
        }
    }

    /// What the field is, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Field::Organisation => "the sending organisation",
            Field::Gender => "the gender",
            Field::Age => "the age",
            Field::BirthDate => "the birth date",
            Field::FewerOpportunities => "fewer opportunities",
            Field::Role => "the role",
            Field::Name => "a name",
            Field::Email => "the e-mail address",
            Field::Ignore => "nothing",
        }
    }

    /// Several columns may hold a name (first and last) or an e-mail
    /// address; every other field is read from one column.
    pub fn many(self) -> bool {
        matches!(self, Field::Name | Field::Email | Field::Ignore)
    }
}

/// The field names `--map` accepts.
pub const FIELD_NAMES: &[&str] = &[
    "organisation",
    "gender",
    "age",
    "birth_date",
    "fewer_opportunities",
    "role",
    "name",
    "email",
    "ignore",
];

/// A `--map` field name (a few spellings accepted).
pub fn field_named(name: &str) -> Option<Field> {
    let w = words(name).join("_");
    Some(match w.as_str() {
        "organisation" | "organization" | "partner" | "from" => Field::Organisation,
        "gender" | "sex" => Field::Gender,
        "age" => Field::Age,
        "birth_date" | "birthdate" | "date_of_birth" | "birthday" | "birth" => Field::BirthDate,
        "fewer_opportunities" | "fewer" => Field::FewerOpportunities,
        "role" => Field::Role,
        "name" => Field::Name,
        "email" | "e_mail" => Field::Email,
        "ignore" | "none" => Field::Ignore,
        _ => return None,
    })
}

/// The field a header names, from its words; `None` for a column coopcom
/// does not read (a timestamp, a comment, a question about food).
///
/// The tests run from the most specific to the least: "Name of your
/// organisation" is the organisation, "Role in your organisation" the role,
/// "Date of birth" the birth date, not a date or a name.
pub fn recognise(header: &str) -> Option<Field> {
    let w = words(header);
    let has = |xs: &[&str]| w.iter().any(|t| xs.contains(&t.as_str()));
    let starts = |ps: &[&str]| w.iter().any(|t| ps.iter().any(|p| t.starts_with(p)));
    if has(&["email", "mail", "courriel", "correo", "emails"]) {
        return Some(Field::Email);
    }
    if starts(&["birth"]) || has(&["born", "dob", "naissance", "nacimiento", "ddn"]) {
        return Some(Field::BirthDate);
    }
    if starts(&["opportunit", "oportunidad"]) || has(&["jamo", "fewer"]) {
        return Some(Field::FewerOpportunities);
    }
    let role_words = starts(&["leader", "lider", "facilit", "accomp", "acompan"]) || has(&["chef"]);
    if has(&[
        "role",
        "roles",
        "rol",
        "function",
        "fonction",
        "funcion",
        "category",
        "categorie",
        "categoria",
        "status",
        "statut",
    ]) || (starts(&["particip"]) && (role_words || has(&["type", "tipo", "kind"])))
    {
        return Some(Field::Role);
    }
    if has(&["gender", "sex", "genre", "sexe", "genero", "sexo"]) {
        return Some(Field::Gender);
    }
    if has(&["age", "ages", "edad"]) || (has(&["how"]) && has(&["old"])) {
        return Some(Field::Age);
    }
    if starts(&["organi", "asociac", "associat", "institu"])
        || has(&[
            "entidad",
            "entite",
            "partner",
            "partenaire",
            "socio",
            "ngo",
            "ong",
            "structure",
            "sending",
            "envoi",
            "envio",
        ])
    {
        return Some(Field::Organisation);
    }
    if has(&[
        "name",
        "names",
        "nom",
        "noms",
        "nombre",
        "nombres",
        "prenom",
        "prenoms",
        "apellido",
        "apellidos",
        "surname",
        "firstname",
        "lastname",
        "fullname",
    ]) {
        return Some(Field::Name);
    }
    None
}

/// The first column of each field read.
pub type FirstColumns = BTreeMap<Field, usize>;

/// The field of each column: `--map` first, then the header's words. Two
/// columns for one field, or none for the organisation, are findings at
/// the header line (`locs`: each header cell's place in `file`); a `--map`
/// column not in the file is an `Err`. Also returns the first column of
/// each field.
pub fn resolve(
    name: &str,
    headers: &[String],
    (file, locs): (FileId, &[Loc]),
    maps: &[(String, Field)],
    findings: &mut Vec<Diagnostic>,
) -> Result<(Vec<Option<Field>>, FirstColumns)> {
    let at = |i: usize| locs.get(i).cloned().unwrap_or_else(|| Loc::file_start(file));
    let mut fields: Vec<Option<Field>> = headers.iter().map(|h| recognise(h)).collect();
    for (column, field) in maps {
        let i = find_column(headers, column).ok_or_else(|| {
            let hint = suggest::did_you_mean(column, headers.iter().map(String::as_str))
                .map(|s| format!("did you mean \"{s}\"? "))
                .unwrap_or_default();
            anyhow!(
                "--map: {name} has no column \"{column}\"; {hint}its columns are: {}",
                headers
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        if let Some(f) = fields.get_mut(i) {
            *f = Some(*field);
        }
    }
    let mut first_of: BTreeMap<Field, usize> = BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        let Some(f) = *f else { continue };
        match first_of.get(&f) {
            Some(&j) if !f.many() => {
                let (a, b) = (
                    headers.get(j).cloned().unwrap_or_default(),
                    headers.get(i).cloned().unwrap_or_default(),
                );
                findings.push(
                    Diagnostic::error(
                        codes::ROSTER_COLUMNS,
                        format!("two columns read as {}: \"{a}\" and \"{b}\"", f.describe()),
                    )
                    .at(&at(i))
                    .label(format!("also {}", f.describe()))
                    .secondary(&at(j), "first column read as it")
                    .with_help(format!(
                        "say which one coopcom ignores: --map \"{b}=ignore\" (or --map \"{a}=ignore\")"
                    )),
                );
            }
            Some(_) => {}
            None => {
                first_of.insert(f, i);
            }
        }
    }
    if !first_of.contains_key(&Field::Organisation) {
        findings.push(
            Diagnostic::error(
                codes::ROSTER_COLUMNS,
                format!("{name} has no column of the sending organisation"),
            )
            .at(&at(0))
            .label("the header line")
            .with_help(format!(
                "name the column that says who sends each person: --map \"COLUMN=organisation\" (the columns are: {})",
                headers.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
            )),
        );
    }
    Ok((fields, first_of))
}

/// The column `--map` names: the same header ignoring case and spaces
/// around it, else the same words ignoring accents and punctuation.
fn find_column(headers: &[String], column: &str) -> Option<usize> {
    let c = column.trim();
    headers
        .iter()
        .position(|h| h.to_lowercase() == c.to_lowercase())
        .or_else(|| {
            let f = super::values::folded(c);
            headers
                .iter()
                .position(|h| !f.is_empty() && super::values::folded(h) == f)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realistic_headers() {
        let cases = [
            ("Timestamp", None),
            ("Email Address", Some(Field::Email)),
            ("Adresse e-mail", Some(Field::Email)),
            ("Correo electrónico", Some(Field::Email)),
            ("Full name", Some(Field::Name)),
            ("Nombre y apellidos", Some(Field::Name)),
            ("Prénom", Some(Field::Name)),
            ("Name of your organisation", Some(Field::Organisation)),
            ("Organización", Some(Field::Organisation)),
            ("Structure d'envoi", Some(Field::Organisation)),
            ("Date of birth", Some(Field::BirthDate)),
            ("Fecha de nacimiento", Some(Field::BirthDate)),
            ("Date de naissance (JJ/MM/AAAA)", Some(Field::BirthDate)),
            ("Âge", Some(Field::Age)),
            ("How old are you?", Some(Field::Age)),
            ("Gender", Some(Field::Gender)),
            ("Género", Some(Field::Gender)),
            ("Sexe", Some(Field::Gender)),
            (
                "Do you face fewer opportunities?",
                Some(Field::FewerOpportunities),
            ),
            ("¿Joven con menos oportunidades?", Some(Field::FewerOpportunities)),
            ("Jeune avec moins d'opportunités", Some(Field::FewerOpportunities)),
            ("Your role in the project", Some(Field::Role)),
            ("Rôle dans votre organisation", Some(Field::Role)),
            ("Are you a participant or a group leader?", Some(Field::Role)),
            ("Tipo de participante", Some(Field::Role)),
            ("Participant name", Some(Field::Name)),
            ("Any dietary requirements?", None),
        ];
        for (header, field) in cases {
            assert_eq!(recognise(header), field, "{header}");
        }
    }
}
