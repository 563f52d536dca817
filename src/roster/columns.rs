//! Which column of a participant list holds what: recognised from the
//! header's words in English, French and Spanish (Google Forms and Microsoft
//! Forms headers are the question texts), or named by `--map`.

use super::values::words;

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
    ]) || (starts(&["particip"]) && role_words)
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
            ("Any dietary requirements?", None),
        ];
        for (header, field) in cases {
            assert_eq!(recognise(header), field, "{header}");
        }
    }
}
