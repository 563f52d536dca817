//! What a user's rule pack (`--rules FILE`) must be beyond its shape, so
//! that it is refused when loaded, at its place, rather than failing later
//! or quietly: every identifier pattern compiles as a regular expression,
//! and every form section and field key is an id (the keys name the files
//! `paste/<section>/<field>.txt` that `render` writes and the texts
//! `narrative/<section>/<field>.md`; a key like `../x` would name a path
//! outside the output folder). The built-in packs are held to the same by
//! a unit test.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

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
    #[serde(default)]
    fields: Vec<FieldView>,
}

#[derive(Deserialize)]
struct FieldView {
    key: Option<Spanned<String>>,
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
    for s in &view.form.sections {
        if let Some(k) = s.key.as_ref().filter(|k| !is_valid_id(k.get_ref())) {
            return Some((not_an_id("form section", k.get_ref()), k.span()));
        }
        for f in &s.fields {
            if let Some(k) = f.key.as_ref().filter(|k| !is_valid_id(k.get_ref())) {
                return Some((not_an_id("form field", k.get_ref()), k.span()));
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
    use crate::rules::registry::BUILT_IN;

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
}
