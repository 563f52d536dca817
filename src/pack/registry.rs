//! The built-in rule packs, embedded in the binary, and the resolution of a
//! workspace's action code and call year to the pack in force: the built-in
//! pack (or a provisional one carried over from the previous call, see
//! `carry`), then the installed, workspace and `--rules` packs laid over it
//! (see `sources`).

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::carry;
use super::sources::{Layer, Origin, PackSources};
use super::{ActionPack, CallPack};

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
pub const BUILT_IN: &[CallFiles] = &[
    call_files!(2024),
    call_files!(2025),
    call_files!(2026),
    call_files!(2027),
];

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

/// The calls of the built-in packs.
pub fn built_in_calls() -> impl Iterator<Item = u32> {
    BUILT_IN.iter().map(|(y, _, _)| *y)
}

/// Every call there is a pack for: the built-in ones and those that
/// installed or workspace packs add, sorted.
pub fn calls_with(sources: &PackSources) -> Vec<u32> {
    let mut calls: Vec<u32> = built_in_calls().chain(sources.added_calls()).collect();
    calls.sort_unstable();
    calls.dedup();
    calls
}

/// The built-in calls (kept for the callers that know no other source).
pub fn calls() -> impl Iterator<Item = u32> {
    built_in_calls()
}

/// The action files of a call, one code per file (`KA210-SCH` for `KA210`).
pub fn action_files() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for code in ACTIONS {
        if let Some((file, _)) = pack_file_of(code)
            && !out.iter().any(|(f, _)| *f == file)
        {
            out.push((file, code));
        }
    }
    out
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
    /// The packs laid over the built-in one, lowest first (their origin
    /// and the name shown).
    pub layers: Vec<(Origin, String)>,
    /// Where the packs came from, to resolve the other calls of the same
    /// action alike (the calendar).
    pub sources: PackSources,
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
pub const CALL_KEYS: &[&str] = &[
    "pack",
    "country_groups",
    "country_conditions",
    "travel_bands",
    "distance",
    "support_tables",
    "national_agencies",
    "identifiers",
    "eu_institution_seats",
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

/// Resolves the pack for `action` and `call`, with `user` merged on top
/// (and no installed or workspace pack).
pub fn resolve(action: &str, call: u32, user: Option<(&Path, &str)>) -> Result<Rules, PackError> {
    let sources = PackSources {
        argument: user.map(|(p, t)| (p.to_path_buf(), t.to_string())),
        ..PackSources::default()
    };
    resolve_with(action, call, &sources)
}

/// The header of a pack laid over a built-in one: which call and action it
/// is for, where it says so.
#[derive(Deserialize, Default)]
pub struct Header {
    #[serde(default)]
    pub pack: Option<PackHeader>,
    #[serde(default)]
    pub action: Option<ActionHeader>,
}

#[derive(Deserialize, Default)]
pub struct PackHeader {
    #[serde(default)]
    pub call: Option<Spanned<i64>>,
    #[serde(default)]
    pub carried_over_from: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
pub struct ActionHeader {
    #[serde(default)]
    pub code: Option<Spanned<String>>,
}

impl Header {
    /// The header of `text`, or nothing when the text is not TOML or the
    /// header's values have the wrong type (the loading reports those).
    pub fn of(text: &str) -> Header {
        toml::from_str(text).unwrap_or_default()
    }
}

fn malformed(layer: &Layer, span: Option<std::ops::Range<usize>>, message: String) -> PackError {
    PackError::Malformed {
        file: layer.name.clone(),
        text: layer.text.clone(),
        span,
        message,
    }
}

/// A pack laid over call `call`, action file `file` must not say it is for
/// another call or action.
fn check_header(layer: &Layer, call: u32, file: &str) -> Result<(), PackError> {
    let h = Header::of(&layer.text);
    if let Some(c) = h.pack.as_ref().and_then(|p| p.call.as_ref())
        && *c.get_ref() != i64::from(call)
    {
        return Err(malformed(
            layer,
            Some(c.span()),
            format!(
                "this pack says it is for call {}, but it is used for call {call}",
                c.get_ref()
            ),
        ));
    }
    if let Some(code) = h.action.as_ref().and_then(|a| a.code.as_ref()) {
        let named = code.get_ref().trim().to_uppercase();
        let same = named == file || pack_file_of(&named).is_some_and(|(f, _)| f == file);
        if !same {
            return Err(malformed(
                layer,
                Some(code.span()),
                format!(
                    "this pack says it is for {}, but it is used for {file}",
                    code.get_ref()
                ),
            ));
        }
    }
    Ok(())
}

/// The header keys that only say what a pack is for, taken out before it
/// is merged: `[pack] call`, and `[action] code` when it is all the
/// `[action]` table holds.
fn strip_header(mut t: toml::Table) -> toml::Table {
    if let Some(toml::Value::Table(p)) = t.get_mut("pack") {
        p.remove("call");
    }
    let only_code =
        matches!(t.get("action"), Some(toml::Value::Table(a)) if a.len() == 1 && a.contains_key("code"));
    if only_code {
        t.remove("action");
    }
    t
}

/// How deep provisional packs may be carried over from one another.
const MAX_CARRY: usize = 8;

/// The pack tables of `call` for the action file `file` before any user
/// pack: the built-in files, or for a provisional pack the previous call's
/// pack carried over with the provisional pack's own figures on top. A call
/// without a built-in pack exists when an installed or workspace
/// `pack.toml` adds it with `carried_over_from`.
fn base(
    call: u32,
    file: &str,
    sources: &PackSources,
    depth: usize,
) -> Result<(toml::Table, toml::Table), PackError> {
    let (common, act) = match texts(call, file) {
        Some((common_text, action_text)) => (
            parse_table(&format!("rules/{call}/pack.toml"), common_text)?,
            parse_table(&format!("rules/{call}/{file}.toml"), action_text)?,
        ),
        None => {
            // A call that a user's pack adds: its pack.toml is laid over
            // later as a layer; here only where it carries over from.
            let text = sources.added_call_text(call).ok_or(PackError::UnsupportedCall)?;
            let from = Header::of(&text)
                .pack
                .and_then(|p| p.carried_over_from)
                .ok_or(PackError::UnsupportedCall)?;
            let mut pack = toml::Table::new();
            pack.insert("carried_over_from".into(), toml::Value::Integer(*from.get_ref()));
            let mut common = toml::Table::new();
            common.insert("pack".into(), toml::Value::Table(pack));
            (common, toml::Table::new())
        }
    };
    let from = common
        .get("pack")
        .and_then(|p| p.get("carried_over_from"))
        .and_then(toml::Value::as_integer)
        .and_then(|y| u32::try_from(y).ok());
    let Some(from) = from else {
        return Ok((common, act));
    };
    if from >= call || depth >= MAX_CARRY {
        return Err(PackError::Malformed {
            file: format!("rules/{call}/pack.toml"),
            text: String::new(),
            span: None,
            message: format!(
                "call {call} cannot be carried over from call {from}: carry over from an earlier call"
            ),
        });
    }
    let (mut pc, mut pa) = base(from, file, sources, depth + 1)?;
    carry::carry(&mut pc, from, call);
    carry::carry(&mut pa, from, call);
    merge(&mut pc, common);
    merge(&mut pa, act);
    Ok((pc, pa))
}

/// Resolves the pack for `action` and `call` from every source: built-in,
/// installed, workspace, `--rules`. Each layer is checked on its own, so
/// that an error is reported in the file that causes it.
pub fn resolve_with(action: &str, call: u32, sources: &PackSources) -> Result<Rules, PackError> {
    let (file, field) = pack_file_of(action).ok_or(PackError::UnknownAction)?;
    let (mut common, mut act) = base(call, file, sources, 0)?;
    let layers = sources
        .layers(call, file)
        .map_err(|(file, message)| PackError::Malformed {
            file,
            text: String::new(),
            span: None,
            message,
        })?;
    let built_in = (
        format!("rules/{call}/pack.toml"),
        format!("rules/{call}/{file}.toml"),
    );
    let mut packs = None;
    for layer in &layers {
        let over = parse_table(&layer.name, &layer.text)?;
        check_header(layer, call, file)?;
        let (call_part, action_part): (toml::Table, toml::Table) = strip_header(over)
            .into_iter()
            .partition(|(k, _)| CALL_KEYS.contains(&k.as_str()));
        merge(&mut common, call_part);
        merge(&mut act, action_part);
        let call_pack: CallPack = build(&layer.name, &layer.text, common.clone())?;
        let action_pack: ActionPack = build(&layer.name, &layer.text, act.clone())?;
        if let Some((message, span)) = super::user_pack::problem(&layer.text) {
            return Err(malformed(layer, Some(span), message));
        }
        packs = Some((call_pack, action_pack));
    }
    let (call_pack, action_pack) = match packs {
        Some(p) => p,
        None => (build(&built_in.0, "", common)?, build(&built_in.1, "", act)?),
    };
    Ok(Rules {
        call: call_pack,
        action: action_pack,
        code: action.to_string(),
        field: field.to_string(),
        layers: layers.iter().map(|l| (l.origin, l.name.clone())).collect(),
        sources: sources.clone(),
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
    fn the_2027_pack_carries_every_2026_figure_over_keeping_its_severity() {
        use crate::diagnostics::Severity;
        use crate::pack::{Standing, Status};
        let old = resolve("KA153-YOU", 2026, None).unwrap();
        let new = resolve("KA153-YOU", 2027, None).unwrap();
        assert_eq!(new.call.pack.call, 2027);
        assert_eq!(new.call.pack.carried_over_from, Some(2026));
        let (a, b) = (
            old.action.eligibility.project_months.as_ref().unwrap(),
            new.action.eligibility.project_months.as_ref().unwrap(),
        );
        assert_eq!((a.min, a.max), (b.min, b.max));
        assert_eq!(b.status, Status::CarriedOver(Standing::Confirmed));
        assert_eq!(
            b.source,
            format!(
                "{}, carried over from call 2026, not yet checked against the Guide 2027",
                a.source
            )
        );
        assert_eq!(crate::rules::severity_of(b), Severity::Error);
        // The rounds are the 2027 pack's own, assumed.
        let r1 = new.action.rounds.iter().find(|r| r.round == 1).unwrap();
        assert_eq!(r1.deadline().unwrap().to_string(), "2027-02-12");
        assert_eq!((r1.status, r1.assumed), (Status::Unconfirmed, true));
        // Every other figure is carried over.
        let rows = crate::pack::figures::rows(&new);
        assert!(
            rows.iter()
                .all(|r| r.carried_over || r.figure.starts_with("action.rounds[")),
            "{:?}",
            rows.iter()
                .find(|r| !r.carried_over && !r.figure.starts_with("action.rounds["))
        );
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
