//! The map as KML 2.2, for online map tools and desktop globes: the same
//! features as the GeoJSON export, each a Placemark with a Point or a
//! LineString (`longitude,latitude,0`), grouped in one folder per kind.
//! Every text is escaped; nothing from the workspace becomes markup.

use std::fmt::Write as _;

use super::map::{self, Feature, Shape, Value};
use crate::analysis::Analysis;
use crate::budget::Budget;

/// Escapes text for XML content and attribute values, and drops the
/// control characters XML 1.0 does not allow.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn coords((lat, lon): map::LatLon) -> String {
    format!("{lon},{lat},0")
}

/// The KML document.
pub fn map(a: &Analysis, budget: &Budget) -> String {
    let features = map::features(a, budget);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
    let _ = writeln!(s, "  <name>{}</name>", escape(&map::title(a)));
    s.push_str(
        "  <Style id=\"flow\"><LineStyle><color>ff2f6fd0</color><width>3</width></LineStyle></Style>\n",
    );
    for (kind, folder) in [("partner", "Partners"), ("venue", "Venues"), ("flow", "Flows")] {
        let mine: Vec<&Feature> = features.iter().filter(|f| f.kind == kind).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  <Folder>\n    <name>{folder}</name>");
        for f in mine {
            placemark(&mut s, f);
        }
        s.push_str("  </Folder>\n");
    }
    s.push_str("</Document>\n</kml>\n");
    s
}

fn placemark(s: &mut String, f: &Feature) {
    let _ = writeln!(s, "    <Placemark id=\"{}\">", escape(&f.id.replace('/', "-")));
    let _ = writeln!(s, "      <name>{}</name>", escape(&f.name));
    if matches!(f.shape, Shape::Line(..)) {
        s.push_str("      <styleUrl>#flow</styleUrl>\n");
    }
    s.push_str("      <ExtendedData>\n");
    for (key, value) in &f.properties {
        let v = match value {
            Value::Text(t) => t.clone(),
            Value::Number(n) => format!("{n:.2}"),
            Value::Count(n) => n.to_string(),
            Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        };
        let _ = writeln!(
            s,
            "        <Data name=\"{}\"><value>{}</value></Data>",
            escape(key),
            escape(&v)
        );
    }
    s.push_str("      </ExtendedData>\n");
    match f.shape {
        Shape::Point(p) => {
            let _ = writeln!(s, "      <Point><coordinates>{}</coordinates></Point>", coords(p));
        }
        Shape::Line(from, to) => {
            let _ = writeln!(
                s,
                "      <LineString><tessellate>1</tessellate><coordinates>{} {}</coordinates></LineString>",
                coords(from),
                coords(to)
            );
        }
    }
    s.push_str("    </Placemark>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("<b>A & B</b> \"it's\"\u{1}"),
            "&lt;b&gt;A &amp; B&lt;/b&gt; &quot;it&apos;s&quot;"
        );
    }
}
