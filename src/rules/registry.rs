//! The built-in rule packs, embedded in the binary, and the resolution of a
//! workspace's action code and call year to the pack in force, with an
//! optional user file (`--rules FILE`) merged on top.

use std::path::Path;

use super::pack::{ActionPack, CallPack};

macro_rules! call_files {
    ($year:literal) => {
        (
            $year,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/rules/",
                stringify!($year),
                "/pack.toml"
            )),
            &[
                (
                    "KA152-YOU",
                    include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/rules/",
                        stringify!($year),
                        "/KA152-YOU.toml"
                    )),
                ),
                (
                    "KA153-YOU",
                    include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/rules/",
                        stringify!($year),
                        "/KA153-YOU.toml"
                    )),
                ),
                (
                    "KA154-YOU",
                    include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/rules/",
                        stringify!($year),
                        "/KA154-YOU.toml"
                    )),
                ),
                (
                    "KA210",
                    include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/rules/",
                        stringify!($year),
                        "/KA210.toml"
                    )),
                ),
                (
                    "KA220",
                    include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/rules/",
                        stringify!($year),
                        "/KA220.toml"
                    )),
                ),
            ],
        )
    };
}

type CallFiles = (u32, &'static str, &'static [(&'static str, &'static str)]);

/// Every built-in pack: call year, the call's common file, one file per action.
pub const BUILT_IN: &[CallFiles] = &[call_files!(2024), call_files!(2025), call_files!(2026)];

/// The action codes coopcom supports, as written in `coopcom.toml`.
pub const ACTIONS: &[&str] = &[
    "KA152-YOU",
    "KA153-YOU",
    "KA154-YOU",
    "KA210-SCH",
    "KA210-VET",
    "KA210-ADU",
    "KA210-YOU",
    "KA220-SCH",
    "KA220-VET",
    "KA220-ADU",
    "KA220-HED",
    "KA220-YOU",
];

pub fn calls() -> impl Iterator<Item = u32> {
    BUILT_IN.iter().map(|(y, _, _)| *y)
}

/// The pack file name of an action code: `KA210-YOU` is in `KA210.toml`.
pub fn pack_file_of(action: &str) -> Option<(&'static str, &str)> {
    let code = ACTIONS.iter().copied().find(|a| *a == action)?;
    let (base, field) = code.split_once('-')?;
    let file = match base {
        "KA210" => "KA210",
        "KA220" => "KA220",
        _ => code,
    };
    Some((file, field))
}

/// The built-in texts for a call and an action file.
pub fn texts(call: u32, file: &str) -> Option<(&'static str, &'static str)> {
    let (_, common, actions) = BUILT_IN.iter().find(|(y, _, _)| *y == call)?;
    let (_, text) = actions.iter().find(|(name, _)| *name == file)?;
    Some((common, text))
}

/// The rules in force for one workspace.
#[derive(Debug, Clone)]
pub struct Rules {
    pub call: CallPack,
    pub action: ActionPack,
    /// The action code as the workspace writes it (`KA210-YOU`).
    pub code: String,
    /// The field of education, training or youth (`YOU`, `SCH`, ...).
    pub field: String,
    /// The user's corrected pack, if any.
    pub user_file: Option<std::path::PathBuf>,
}

/// Why a pack could not be made.
#[derive(Debug)]
pub enum PackError {
    UnknownAction,
    UnsupportedCall,
    /// A TOML or format error, with the file it is in and a byte span where known.
    Malformed {
        file: String,
        text: String,
        span: Option<std::ops::Range<usize>>,
        message: String,
    },
}

/// Merges a user's corrections into a built-in pack, as rules/README.md
/// describes: a figure (a table with a `status`) replaces the built-in one
/// whole; other tables merge key by key; list entries are matched by their
/// identity and merged, and new entries are added.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o))
                if !o.contains_key("status") && !b.contains_key("status") =>
            {
                merge(b, o)
            }
            (Some(toml::Value::Array(b)), toml::Value::Array(o)) if o.iter().all(|v| v.is_table()) => {
                merge_list(b, o)
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// The identity of a list entry: `country`+`kind`, `key`, `round`, `code`, `kind` or `min_km`.
fn identity(t: &toml::Table) -> Option<String> {
    let get = |k: &str| t.get(k).map(|v| v.to_string());
    if let (Some(c), Some(k)) = (get("country"), get("kind")) {
        return Some(format!("country={c};kind={k}"));
    }
    ["key", "round", "code", "kind", "min_km"]
        .iter()
        .find_map(|k| get(k).map(|v| format!("{k}={v}")))
}

fn merge_list(base: &mut Vec<toml::Value>, over: Vec<toml::Value>) {
    for item in over {
        let toml::Value::Table(o) = item else { continue };
        let id = identity(&o);
        let found = id.as_ref().and_then(|id| {
            base.iter_mut()
                .find(|b| b.as_table().and_then(identity).as_ref() == Some(id))
        });
        match found {
            Some(toml::Value::Table(b)) => merge(b, o),
            _ => base.push(toml::Value::Table(o)),
        }
    }
}

/// Keys of a user file that belong to the call pack rather than the action.
const CALL_KEYS: &[&str] = &[
    "pack",
    "country_groups",
    "country_conditions",
    "travel_bands",
    "distance",
    "support_tables",
    "national_agencies",
    "identifiers",
];

fn parse_table(name: &str, text: &str) -> Result<toml::Table, PackError> {
    text.parse::<toml::Table>().map_err(|e| PackError::Malformed {
        file: name.to_string(),
        text: text.to_string(),
        span: e.span(),
        message: e.message().trim().to_string(),
    })
}

fn build<T: serde::de::DeserializeOwned>(name: &str, text: &str, table: toml::Table) -> Result<T, PackError> {
    T::deserialize(toml::Value::Table(table)).map_err(|e| {
        let message = e.message().trim().to_string();
        PackError::Malformed {
            file: name.to_string(),
            text: text.to_string(),
            span: locate(&message, text),
            message,
        }
    })
}

/// Where in a user's pack a value-shape error most likely is. The merged
/// pack has lost its positions, so the offending value or key named in the
/// message is looked up in the user's text (first occurrence).
fn locate(message: &str, text: &str) -> Option<std::ops::Range<usize>> {
    let quoted = |open: &str, close: char| -> Option<String> {
        let start = message.find(open)? + open.len();
        let len = message.get(start..)?.find(close)?;
        message.get(start..start + len).map(str::to_string)
    };
    let needle = quoted("string \"", '"')
        .map(|s| format!("\"{s}\""))
        .or_else(|| quoted("field `", '`'))
        .or_else(|| quoted("integer `", '`'))
        .or_else(|| quoted("variant `", '`'))?;
    if needle.is_empty() || text.is_empty() {
        return None;
    }
    let at = text.find(&needle)?;
    Some(at..at + needle.len())
}

/// Resolves the pack for `action` and `call`, with `user` merged on top.
pub fn resolve(action: &str, call: u32, user: Option<(&Path, &str)>) -> Result<Rules, PackError> {
    let (file, field) = pack_file_of(action).ok_or(PackError::UnknownAction)?;
    let (common_text, action_text) = texts(call, file).ok_or(PackError::UnsupportedCall)?;
    let mut common = parse_table(&format!("rules/{call}/pack.toml"), common_text)?;
    let mut act = parse_table(&format!("rules/{call}/{file}.toml"), action_text)?;
    let user_name = user.map(|(p, _)| p.display().to_string());
    if let Some((path, text)) = user {
        let name = path.display().to_string();
        let over = parse_table(&name, text)?;
        let (call_part, action_part): (toml::Table, toml::Table) = over
            .into_iter()
            .partition(|(k, _)| CALL_KEYS.contains(&k.as_str()));
        merge(&mut common, call_part);
        merge(&mut act, action_part);
    }
    let user_text = user.map(|(_, t)| t).unwrap_or_default();
    let name_for = |builtin: String| user_name.clone().unwrap_or(builtin);
    let call_pack: CallPack = build(&name_for(format!("rules/{call}/pack.toml")), user_text, common)?;
    let action_pack: ActionPack = build(&name_for(format!("rules/{call}/{file}.toml")), user_text, act)?;
    if let (Some(name), Some((message, span))) = (&user_name, super::user_pack::problem(user_text)) {
        return Err(PackError::Malformed {
            file: name.clone(),
            text: user_text.to_string(),
            span: Some(span),
            message,
        });
    }
    Ok(Rules {
        call: call_pack,
        action: action_pack,
        code: action.to_string(),
        field: field.to_string(),
        user_file: user.map(|(p, _)| p.to_path_buf()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_pack_loads() {
        for (call, _, files) in BUILT_IN {
            for (file, _) in *files {
                let action = ACTIONS
                    .iter()
                    .find(|a| pack_file_of(a).is_some_and(|(f, _)| f == *file))
                    .unwrap();
                if let Err(e) = resolve(action, *call, None) {
                    panic!("rules/{call}/{file}.toml: {e:?}");
                }
            }
        }
    }

    #[test]
    fn corrections_merge_by_identity_and_replace_whole_figures() {
        let user = r#"
[[activity_types]]
key = "youth-exchange"
participants = { min = 16, max = 40, status = "confirmed", source = "test" }
"#;
        let r = resolve("KA152-YOU", 2026, Some((Path::new("fix.toml"), user))).unwrap();
        let t = r
            .action
            .activity_types
            .iter()
            .find(|t| t.key == "youth-exchange")
            .unwrap();
        assert_eq!(t.participants.as_ref().unwrap().max, Some(40));
        assert_eq!(t.participants.as_ref().unwrap().source, "test");
        assert!(t.days.is_some(), "other keys of the entry are kept");
        assert!(r.action.activity_types.len() >= 2, "other entries are kept");
    }
}
