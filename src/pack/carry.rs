//! Provisional packs: a call whose Programme Guide is not out yet takes the
//! previous call's figures over, each marked carried-over.
//!
//! A pack whose `[pack]` says `carried_over_from = 2026` is built from the
//! 2026 pack: every figure (a table with a `status`) keeps its value, its
//! status becomes `{ carried-over = "<status it had>" }` and its source
//! says that it is carried over and not yet checked against the new Guide.
//! The round dates are not carried over (a deadline belongs to one call):
//! the provisional pack gives its own. Whatever the provisional pack gives
//! itself is merged on top, as a correction is.

/// The words that end the source of a carried-over figure; they name the
/// call the figure was read for.
const MARK: &str = ", carried over from call ";

/// The source of a figure of call `from` carried over to call `to`.
pub fn source(original: &str, from: u32, to: u32) -> String {
    // A figure carried twice (2026 -> 2027 -> 2028) keeps the call it was
    // read for.
    let (original, from) = match original.split_once(MARK) {
        Some((o, rest)) => {
            let year = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|y| y.parse().ok())
                .unwrap_or(from);
            (o, year)
        }
        None => (original, from),
    };
    format!("{original}{MARK}{from}, not yet checked against the Guide {to}")
}

/// Marks every figure of `table` (a pack of call `from`) as carried over to
/// call `to`, and drops the rounds.
pub fn carry(table: &mut toml::Table, from: u32, to: u32) {
    table.remove("rounds");
    if let Some(toml::Value::Table(pack)) = table.get_mut("pack") {
        pack.insert("call".into(), toml::Value::Integer(i64::from(to)));
        pack.insert("carried_over_from".into(), toml::Value::Integer(i64::from(from)));
    }
    mark(table, from, to);
}

fn mark(table: &mut toml::Table, from: u32, to: u32) {
    if let Some(toml::Value::String(status)) = table.get("status") {
        let mut carried = toml::Table::new();
        carried.insert("carried-over".into(), toml::Value::String(status.clone()));
        table.insert("status".into(), toml::Value::Table(carried));
        if let Some(toml::Value::String(s)) = table.get("source") {
            let s = source(s, from, to);
            table.insert("source".into(), toml::Value::String(s));
        }
    }
    for (key, value) in table.iter_mut() {
        if key == "status" {
            continue;
        }
        match value {
            toml::Value::Table(t) => mark(t, from, to),
            toml::Value::Array(items) => {
                for item in items {
                    if let toml::Value::Table(t) = item {
                        mark(t, from, to);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_names_the_call_it_was_read_for_once() {
        let once = source("Guide 2026 p. 161", 2026, 2027);
        assert_eq!(
            once,
            "Guide 2026 p. 161, carried over from call 2026, not yet checked against the Guide 2027"
        );
        assert_eq!(
            source(&once, 2027, 2028),
            "Guide 2026 p. 161, carried over from call 2026, not yet checked against the Guide 2028"
        );
    }

    #[test]
    fn every_figure_is_marked_and_the_rounds_are_dropped() {
        let mut t: toml::Table = r#"
[pack]
call = 2026
[budget]
a = { value = 1, status = "confirmed", source = "Guide 2026 p. 1" }
[[rounds]]
round = 1
status = "confirmed"
source = "x"
[[activity_types]]
key = "k"
status = "secondary"
source = "s"
days = { min = 5, status = "unconfirmed", source = "u" }
"#
        .parse()
        .unwrap();
        carry(&mut t, 2026, 2027);
        assert!(!t.contains_key("rounds"));
        assert_eq!(t["pack"]["call"].as_integer(), Some(2027));
        assert_eq!(t["pack"]["carried_over_from"].as_integer(), Some(2026));
        assert_eq!(
            t["budget"]["a"]["status"]["carried-over"].as_str(),
            Some("confirmed")
        );
        let k = &t["activity_types"][0];
        assert_eq!(k["status"]["carried-over"].as_str(), Some("secondary"));
        assert_eq!(k["days"]["status"]["carried-over"].as_str(), Some("unconfirmed"));
        assert!(
            k["days"]["source"]
                .as_str()
                .unwrap()
                .starts_with("u, carried over from call 2026")
        );
    }
}
