//! What a user's rule pack (`--rules FILE`) must be beyond its shape, so
//! that it is refused when loaded, at its place, rather than failing later
//! or quietly: every identifier pattern compiles as a regular expression,
//! and every form section and field key is an id (the keys name the files
//! `paste/<section>/<field>.txt` that `render` writes and the texts
//! `narrative/<section>/<field>.md`; a key like `../x` would name a path
//! outside the output folder). The keys must also name places texts are
//! read from: a project section may not take the name of an entity folder
//! (`organisations`, `activities`, `work-packages`), the fields of one
//! organisation, activity or work package differ across sections, flow
//! fields are text keys of a flow, `inline` names a text key of the
//! entity's file, and `replaces` holds `<section>/<field>` ids. The
//! built-in packs are held to the same by a unit test.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::form::{ACTIVITY_TEXT_KEYS, FLOW_TEXT_KEYS, PARTNER_TEXT_KEYS};
use crate::pack::ENTITY_FOLDERS;
use crate::workspace::is_valid_id;

/// The parts of a pack that are checked here, with their places.
#[derive(Deserialize, Default)]
struct View {
    #[serde(default)]
    identifiers: BTreeMap<String, PatternView>,
    #[serde(default)]
    form: FormView,
}

#[derive(Deserialize)]
struct PatternView {
    value: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
struct FormView {
    #[serde(default)]
    sections: Vec<SectionView>,
}

#[derive(Deserialize)]
struct SectionView {
    key: Option<Spanned<String>>,
    scope: Option<Spanned<String>>,
    #[serde(default)]
    fields: Vec<FieldView>,
}

#[derive(Deserialize)]
struct FieldView {
    key: Option<Spanned<String>>,
    inline: Option<Spanned<String>>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
}

/// The first problem of the pack `text`, as a message and the byte span of
/// the offending value. A text whose shape is wrong is left to the loading
/// that reports shapes.
pub fn problem(text: &str) -> Option<(String, Range<usize>)> {
    let view: View = toml::from_str(text).ok()?;
    for (name, p) in &view.identifiers {
        let Some(v) = &p.value else { continue };
        if let Err(e) = regex::Regex::new(v.get_ref()) {
            return Some((
                format!(
                    "identifiers.{name}: the pattern \"{}\" is not a regular expression ({}); write it as the regex crate reads it, e.g. \"^E\\\\d{{8}}$\"",
                    v.get_ref(),
                    reason(&e)
                ),
                v.span(),
            ));
        }
    }
    // Texts of one organisation, activity or work package share a folder
    // whatever their section: their keys must differ.
    let mut entity_keys: BTreeMap<String, String> = BTreeMap::new();
    for s in &view.form.sections {
        if let Some(k) = s.key.as_ref().filter(|k| !is_valid_id(k.get_ref())) {
            return Some((not_an_id("form section", k.get_ref()), k.span()));
        }
        let scope = s
            .scope
            .as_ref()
            .map(|x| x.get_ref().as_str())
            .unwrap_or("project");
        if let Some(k) = s
            .key
            .as_ref()
            .filter(|k| scope == "project" && ENTITY_FOLDERS.contains(&k.get_ref().as_str()))
        {
            return Some((
                format!(
                    "the form section key \"{}\" is the folder of the texts of each organisation, activity or work package (narrative/{}/<id>/): give the section another key, or `scope = \"organisation\"`, `\"activity\"` or `\"work-package\"`",
                    k.get_ref(),
                    k.get_ref()
                ),
                k.span(),
            ));
        }
        for f in &s.fields {
            if let Some(k) = f.key.as_ref().filter(|k| !is_valid_id(k.get_ref())) {
                return Some((not_an_id("form field", k.get_ref()), k.span()));
            }
            if let Some(k) = f
                .key
                .as_ref()
                .filter(|k| scope == "flow" && !FLOW_TEXT_KEYS.contains(&k.get_ref().as_str()))
            {
                return Some((
                    format!(
                        "the flow field key \"{}\" is not a text key of a flow: a flow's texts are keys of its [[flows]] table, and coopcom reads {}",
                        k.get_ref(),
                        FLOW_TEXT_KEYS.join(", ")
                    ),
                    k.span(),
                ));
            }
            if let Some(k) = &f.key
                && matches!(scope, "organisation" | "activity" | "work-package")
                && let Some(other) = entity_keys.insert(
                    format!("{scope}/{}", k.get_ref()),
                    s.key.as_ref().map(|x| x.get_ref().clone()).unwrap_or_default(),
                )
            {
                return Some((
                    format!(
                        "the {scope} field key \"{}\" is also a field of section \"{other}\": the texts of one {scope} share a folder, so their keys must differ",
                        k.get_ref()
                    ),
                    k.span(),
                ));
            }
            if let Some(i) = &f.inline {
                let allowed: &[&str] = match scope {
                    "organisation" => PARTNER_TEXT_KEYS,
                    "activity" | "work-package" => ACTIVITY_TEXT_KEYS,
                    _ => &[],
                };
                if !allowed.contains(&i.get_ref().as_str()) {
                    return Some((
                        format!(
                            "`inline = \"{}\"` names no text key of a {scope}'s file{}",
                            i.get_ref(),
                            if allowed.is_empty() {
                                String::new()
                            } else {
                                format!(" (coopcom reads {})", allowed.join(", "))
                            }
                        ),
                        i.span(),
                    ));
                }
            }
            for r in &f.replaces {
                let ok = r
                    .get_ref()
                    .split_once('/')
                    .is_some_and(|(a, b)| is_valid_id(a) && is_valid_id(b));
                if !ok {
                    return Some((
                        format!(
                            "`replaces` holds \"{}\": earlier places are written <section>/<field>, both ids",
                            r.get_ref()
                        ),
                        r.span(),
                    ));
                }
            }
        }
    }
    None
}

fn not_an_id(what: &str, key: &str) -> String {
    format!(
        "the {what} key \"{key}\" is not an id: use lower-case ASCII letters, digits and `-`, starting with a letter (the keys name the files paste/<section>/<field>.txt and narrative/<section>/<field>.md)"
    )
}

/// The last line of a regex error: what is wrong, without the drawing.
fn reason(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text.lines().last().unwrap_or_default();
    last.strip_prefix("error: ").unwrap_or(last).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::registry::BUILT_IN;

    #[test]
    fn the_built_in_packs_pass() {
        for (call, common, files) in BUILT_IN {
            assert_eq!(problem(common), None, "rules/{call}/pack.toml");
            for (file, text) in *files {
                assert_eq!(problem(text), None, "rules/{call}/{file}.toml");
            }
        }
    }

    #[test]
    fn a_bad_pattern_and_bad_keys_are_found_at_their_value() {
        let text = "[identifiers]\noid = { value = \"^E[\", status = \"confirmed\", source = \"t\" }\n";
        let (message, span) = problem(text).unwrap();
        assert_eq!(&text[span], "\"^E[\"");
        assert!(
            message.contains(
                "identifiers.oid: the pattern \"^E[\" is not a regular expression (unclosed character class)"
            ),
            "{message}"
        );
        let text = "[[form.sections]]\nkey = \"summary\"\ntitle = \"S\"\n[[form.sections.fields]]\nkey = \"../../x\"\nquestion = \"Q\"\n";
        let (message, span) = problem(text).unwrap();
        assert_eq!(&text[span], "\"../../x\"");
        assert!(
            message.starts_with("the form field key \"../../x\" is not an id"),
            "{message}"
        );
    }

    #[test]
    fn form_keys_must_name_the_places_texts_are_read_from() {
        let problem_at = |text: &str| {
            let (message, span) = problem(text).unwrap();
            (message, text[span].to_string())
        };
        let (m, at) = problem_at("[[form.sections]]\nkey = \"activities\"\ntitle = \"A\"\n");
        assert!(
            m.contains("is the folder of the texts of each organisation"),
            "{m}"
        );
        assert_eq!(at, "\"activities\"");
        let (m, at) = problem_at(
            "[[form.sections]]\nkey = \"flows\"\ntitle = \"F\"\nscope = \"flow\"\n[[form.sections.fields]]\nkey = \"transport\"\nquestion = \"Q\"\n",
        );
        assert!(m.contains("coopcom reads expenses"), "{m}");
        assert_eq!(at, "\"transport\"");
        let (m, at) = problem_at(
            "[[form.sections]]\nkey = \"a\"\ntitle = \"A\"\nscope = \"activity\"\n[[form.sections.fields]]\nkey = \"why\"\nquestion = \"Q\"\n[[form.sections]]\nkey = \"b\"\ntitle = \"B\"\nscope = \"activity\"\n[[form.sections.fields]]\nkey = \"why\"\nquestion = \"Q\"\n",
        );
        assert!(m.contains("is also a field of section \"a\""), "{m}");
        assert_eq!(at, "\"why\"");
        let (m, _) = problem_at(
            "[[form.sections]]\nkey = \"o\"\ntitle = \"O\"\nscope = \"organisation\"\n[[form.sections.fields]]\nkey = \"x\"\nquestion = \"Q\"\ninline = \"name\"\n",
        );
        assert!(m.contains("(coopcom reads experience)"), "{m}");
        let (m, at) = problem_at(
            "[[form.sections]]\nkey = \"s\"\ntitle = \"S\"\n[[form.sections.fields]]\nkey = \"x\"\nquestion = \"Q\"\nreplaces = [\"../x\"]\n",
        );
        assert!(m.contains("earlier places are written <section>/<field>"), "{m}");
        assert_eq!(at, "\"../x\"");
    }
}
