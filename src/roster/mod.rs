//! Participant lists (`coopcom import roster`): a CSV file as Google Forms,
//! Microsoft Forms or a spreadsheet exports it, read into the people of an
//! activity and counted per sending organisation. Only the counts leave
//! this module: names, e-mail addresses and birth dates are read to find
//! duplicates and ages, and dropped.

pub mod columns;
pub mod decode;
pub mod flows;
pub mod values;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, codes, suggest};
use crate::geo::fold::fold_key;
use crate::workspace::Workspace;
use crate::workspace::source::{FileId, Loc, SourceFile, SourceMap};
use columns::Field;
use values::{Gender, Role};

/// One person of the list, as far as the counts need.
#[derive(Debug, Clone)]
pub struct Person {
    /// The line of the row in the file.
    pub line: usize,
    /// The id of the sending partner.
    pub from: String,
    pub role: Role,
    pub woman: bool,
    pub fewer_opportunities: bool,
    /// At the activity's start date, when the list gives an age or birth date.
    pub age: Option<u32>,
}

/// Which fields the list has a column for: a count whose column is missing
/// is not known, and is left out of the flows rather than written as 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known {
    pub gender: bool,
    pub fewer_opportunities: bool,
    pub ages: bool,
    pub role: bool,
}

/// A participant list read and judged.
pub struct Roster {
    /// The file's decoded text, for findings with line and column.
    pub sources: SourceMap,
    pub encoding: &'static str,
    pub separator: u8,
    pub persons: Vec<Person>,
    pub known: Known,
    /// The column of each field read, by header, in column order.
    pub read: Vec<(String, Field)>,
    /// Headers of columns not read.
    pub ignored: Vec<String>,
    /// Every row that could not be read; when there is one, nothing may be
    /// written.
    pub findings: Vec<Diagnostic>,
}

/// Parses `--map "Column name=field"`: the column is everything before
/// the last `=`.
pub fn parse_map(arg: &str) -> Result<(String, Field)> {
    let Some((column, field)) = arg.rsplit_once('=') else {
        bail!(
            "--map \"{arg}\": write it as \"Column name=field\", e.g. --map \"Structure d'envoi=organisation\""
        );
    };
    let f = columns::field_named(field).ok_or_else(|| {
        let hint = suggest::did_you_mean(field.trim(), columns::FIELD_NAMES.iter().copied())
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        anyhow!(
            "--map \"{arg}\": \"{}\" is not a field coopcom reads; {hint}the fields are {}",
            field.trim(),
            columns::FIELD_NAMES.join(", ")
        )
    })?;
    Ok((column.trim().to_string(), f))
}

/// Reads the list `bytes` (shown as `name`) for an activity that starts on
/// `start`. `Err` when the file is not a list at all (not text, no header,
/// a `--map` column that is not in it); each unreadable row is a finding.
pub fn read(
    name: &str,
    path: &Path,
    bytes: &[u8],
    ws: &Workspace,
    start: NaiveDate,
    maps: &[(String, Field)],
) -> Result<Roster> {
    let decoded = decode::decode(bytes).ok_or_else(|| {
        anyhow!(
            "{name} cannot be read as text: it starts as UTF-16 but is broken; export it again as CSV (UTF-8)"
        )
    })?;
    let text = decoded.text;
    let sep = decode::separator(&text);
    let mut sources = SourceMap::default();
    let file = sources.add(SourceFile::new(name.to_string(), path.to_path_buf(), text));
    let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or_default();
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| anyhow!("{name} is not a readable CSV file: {e}"))?;
        let (line, byte) = r
            .position()
            .map(|p| {
                (
                    usize::try_from(p.line()).unwrap_or(0),
                    usize::try_from(p.byte()).unwrap_or(0),
                )
            })
            .unwrap_or((0, 0));
        records.push((line, byte, r));
    }
    let mut rows = records.into_iter();
    let Some((_, header_at, header)) = rows.next() else {
        bail!("{name} is empty: a participant list has a header line and one row per person");
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let header_spans = decode::field_spans(text, header_at, sep);
    let at = |spans: &[std::ops::Range<usize>], col: usize| {
        Loc::new(file, spans.get(col).cloned().unwrap_or(0..0))
    };
    let mut findings = Vec::new();

    let header_locs: Vec<Loc> = (0..headers.len()).map(|i| at(&header_spans, i)).collect();
    let (fields, first_of) = columns::resolve(name, &headers, (file, &header_locs), maps, &mut findings)?;
    let known = Known {
        gender: first_of.contains_key(&Field::Gender),
        fewer_opportunities: first_of.contains_key(&Field::FewerOpportunities),
        ages: first_of.contains_key(&Field::Age) || first_of.contains_key(&Field::BirthDate),
        role: first_of.contains_key(&Field::Role),
    };
    let read: Vec<(String, Field)> = headers
        .iter()
        .zip(&fields)
        .filter_map(|(h, f)| f.filter(|f| *f != Field::Ignore).map(|f| (h.clone(), f)))
        .collect();
    let ignored: Vec<String> = headers
        .iter()
        .zip(&fields)
        .filter(|(h, f)| f.is_none_or(|f| f == Field::Ignore) && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    if findings.iter().any(|d| d.code == codes::ROSTER_COLUMNS) {
        return Ok(Roster {
            sources,
            encoding: decoded.encoding,
            separator: sep,
            persons: Vec::new(),
            known,
            read,
            ignored,
            findings,
        });
    }

    let rows_reader = RowReader {
        ws,
        start,
        fields: &fields,
        first_of: &first_of,
        known,
        file,
    };
    let mut persons = Vec::new();
    let mut seen: HashMap<String, (usize, Loc)> = HashMap::new();
    for (line, byte, record) in rows {
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue; // a spreadsheet's empty row
        }
        let spans = decode::field_spans(text, byte, sep);
        let locs: Vec<Loc> = (0..cells.len()).map(|i| at(&spans, i)).collect();
        let (person, keys) = rows_reader.read(line, &cells, &locs, &mut findings);
        let mut twice = false;
        for (key, loc) in keys {
            if let Some((first, first_loc)) = seen.get(&key) {
                let (what, same) = match key.split_once(' ') {
                    Some(("e-mail", _)) => ("e-mail address", "same e-mail address"),
                    _ => ("name and birth date", "same name and birth date"),
                };
                findings.push(
                    Diagnostic::error(
                        codes::DUPLICATE_PERSON,
                        format!("line {line} and line {first} are the same person (the same {what})"),
                    )
                    .at(&loc)
                    .label(same)
                    .secondary(first_loc, format!("line {first}"))
                    .with_help("delete one of the two rows (a form sent twice), then import again"),
                );
                twice = true;
            } else {
                seen.insert(key, (line, loc));
            }
        }
        if !twice {
            persons.extend(person);
        }
    }
    if persons.is_empty() && findings.is_empty() {
        bail!("{name} lists nobody: a participant list has a header line and one row per person");
    }
    Ok(Roster {
        sources,
        encoding: decoded.encoding,
        separator: sep,
        persons,
        known,
        read,
        ignored,
        findings,
    })
}

/// What the rows of a list are read with.
struct RowReader<'a> {
    ws: &'a Workspace,
    start: NaiveDate,
    fields: &'a [Option<Field>],
    first_of: &'a columns::FirstColumns,
    known: Known,
    file: FileId,
}

impl RowReader<'_> {
    /// One row (`cells`, each at its place in `locs`): the person, when
    /// every value can be read (each one that cannot is a finding), and the
    /// keys that identify the person (the e-mail address; the name and birth
    /// date), each with its cell, to find a person listed twice.
    fn read(
        &self,
        line: usize,
        cells: &[&str],
        locs: &[Loc],
        findings: &mut Vec<Diagnostic>,
    ) -> (Option<Person>, Vec<(String, Loc)>) {
        let loc = |i: usize| {
            locs.get(i)
                .or(locs.first())
                .cloned()
                .unwrap_or_else(|| Loc::file_start(self.file))
        };
        let cell = |f: Field| -> Option<(&str, Loc)> {
            let i = *self.first_of.get(&f)?;
            Some((cells.get(i).copied().unwrap_or(""), loc(i)))
        };
        let mut bad = |loc: Loc, message: String, label: &str, help: String| {
            findings.push(
                Diagnostic::error(codes::ROSTER_VALUE, message)
                    .at(&loc)
                    .label(label)
                    .with_help(help),
            );
        };
        let mut ok = true;
        let from = match cell(Field::Organisation) {
            Some((v, loc)) => match organisation(v, self.ws) {
                Ok(id) => id,
                Err(help) => {
                    let msg = if v.is_empty() {
                        format!("line {line}: no sending organisation")
                    } else {
                        format!("line {line}: \"{v}\" is not an organisation of the project")
                    };
                    bad(loc, msg, "unknown organisation", help);
                    ok = false;
                    String::new()
                }
            },
            None => String::new(),
        };
        let role = match cell(Field::Role) {
            Some((v, loc)) => values::role(v).unwrap_or_else(|| {
                bad(
                    loc,
                    format!("line {line}: \"{v}\" is not a role coopcom knows"),
                    "unknown role",
                    values::ROLE_HELP.into(),
                );
                ok = false;
                Role::Participant
            }),
            None => Role::Participant,
        };
        let woman = match cell(Field::Gender) {
            Some((v, loc)) => match values::gender(v) {
                Some(g) => g == Gender::Woman,
                None => {
                    bad(
                        loc,
                        format!("line {line}: \"{v}\" is not a gender coopcom can read"),
                        "unreadable gender",
                        values::GENDER_HELP.into(),
                    );
                    ok = false;
                    false
                }
            },
            None => false,
        };
        let fewer_opportunities = match cell(Field::FewerOpportunities) {
            Some((v, loc)) => values::yes_no(v).unwrap_or_else(|| {
                bad(
                    loc,
                    format!("line {line}: \"{v}\" is not a yes or a no"),
                    "neither yes nor no",
                    values::YES_NO_HELP.into(),
                );
                ok = false;
                false
            }),
            None => false,
        };
        let birth = match cell(Field::BirthDate) {
            Some(("", _)) => None,
            Some((v, loc)) => match values::date(v) {
                Ok(d) => Some((d, loc)),
                Err(help) => {
                    bad(
                        loc,
                        format!("line {line}: \"{v}\" is not a date coopcom can read"),
                        "unreadable date",
                        help,
                    );
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let mut age = None;
        if let Some((d, loc)) = &birth {
            age = values::age_on(*d, self.start);
            if age.is_none() {
                bad(
                    loc.clone(),
                    format!(
                        "line {line}: born on {d}, after the activity's start on {}",
                        self.start
                    ),
                    "after the start",
                    "check the year of the birth date".into(),
                );
                ok = false;
            }
        }
        if age.is_none() && ok {
            match cell(Field::Age) {
                Some((v, loc)) if !v.is_empty() => match values::age(v) {
                    Some(a) => age = Some(a),
                    None => {
                        bad(
                            loc,
                            format!("line {line}: \"{v}\" is not an age"),
                            "unreadable age",
                            values::AGE_HELP.into(),
                        );
                        ok = false;
                    }
                },
                _ => {}
            }
        }
        if self.known.ages && age.is_none() && ok {
            let (col, what) = match (
                self.first_of.get(&Field::BirthDate),
                self.first_of.get(&Field::Age),
            ) {
                (Some(&i), _) => (i, "birth date"),
                (None, Some(&i)) => (i, "age"),
                (None, None) => (0, "age"),
            };
            bad(
                loc(col),
                format!("line {line}: no {what}"),
                "empty",
                format!(
                    "the ages in the flows need everyone's {what}: fill it in, or ignore the column with --map \"COLUMN=ignore\""
                ),
            );
            ok = false;
        }
        // Duplicates: the same e-mail address, or the same name and birth date.
        let email = self.first_of.contains_key(&Field::Email).then(|| {
            self.fields
                .iter()
                .enumerate()
                .filter(|(_, f)| **f == Some(Field::Email))
                .find_map(|(i, _)| {
                    let v = cells.get(i).copied().unwrap_or("");
                    v.contains('@')
                        .then(|| (format!("e-mail {}", v.to_lowercase()), loc(i)))
                })
        });
        let name: Vec<(String, Loc)> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| **f == Some(Field::Name))
            .filter_map(|(i, _)| {
                let v = cells.get(i).copied().unwrap_or("");
                let k = fold_key(v);
                (!k.is_empty() && !matches!(k.as_str(), "anonymous" | "anonyme" | "anonimo"))
                    .then(|| (k, loc(i)))
            })
            .collect();
        let mut keys = Vec::new();
        if let Some(Some(e)) = email {
            keys.push(e);
        }
        if let (Some((d, _)), Some((_, loc))) = (&birth, name.first()) {
            let joined: Vec<&str> = name.iter().map(|(k, _)| k.as_str()).collect();
            keys.push((format!("name {} born {d}", joined.join(" ")), loc.clone()));
        }
        let person = ok.then_some(Person {
            line,
            from,
            role,
            woman,
            fewer_opportunities,
            age,
        });
        (person, keys)
    }
}

/// The partner a cell names: its id, its name or legal name (ignoring case,
/// accents and punctuation), or a text holding exactly one partner's name
/// ("Fundacja Młodzi Kraków (Poland)"). Err is the help line.
fn organisation(v: &str, ws: &Workspace) -> Result<String, String> {
    let key = fold_key(v);
    let list = || {
        ws.partners
            .iter()
            .map(|p| match &p.name {
                Some(n) => format!("{} ({})", p.id.value, n.value),
                None => p.id.value.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if key.is_empty() {
        return Err(format!(
            "write the partner's id or name; the partners are: {}",
            list()
        ));
    }
    let names = |p: &crate::workspace::Partner| {
        [p.name.as_ref(), p.legal_name.as_ref()]
            .into_iter()
            .flatten()
            .map(|n| fold_key(&n.value))
            .collect::<Vec<_>>()
    };
    if let Some(p) = ws
        .partners
        .iter()
        .find(|p| fold_key(&p.id.value) == key || names(p).contains(&key))
    {
        return Ok(p.id.value.clone());
    }
    let words = values::words(v);
    let holding: Vec<&str> = ws
        .partners
        .iter()
        .filter(|p| {
            words.contains(&fold_key(&p.id.value))
                || names(p).iter().any(|n| n.len() >= 4 && key.contains(n.as_str()))
        })
        .map(|p| p.id.value.as_str())
        .collect();
    if let [one] = holding.as_slice() {
        return Ok((*one).to_string());
    }
    let candidates: Vec<String> = ws
        .partners
        .iter()
        .flat_map(|p| std::iter::once(p.id.value.clone()).chain(p.name.iter().map(|n| n.value.clone())))
        .collect();
    let hint = suggest::did_you_mean(v.trim(), candidates.iter().map(String::as_str))
        .map(|s| format!("did you mean \"{s}\"? "))
        .unwrap_or_default();
    Err(format!(
        "{hint}write the id or the name of one of the partners: {} (a partner not yet in the project needs its partners/<id>.toml first)",
        list()
    ))
}

/// What one sending organisation's people add up to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    pub from: String,
    pub participants: u32,
    pub women: u32,
    pub fewer_opportunities: u32,
    pub group_leaders: u32,
    pub facilitators: u32,
    pub accompanying: u32,
    /// The participants' youngest and oldest, when ages are known.
    pub ages: Option<(u32, u32)>,
    /// Each adult's age by role, sorted (an empty list when not known).
    pub leader_ages: Vec<u32>,
    pub facilitator_ages: Vec<u32>,
    pub accompanying_ages: Vec<u32>,
}

/// The counts per sending organisation, in the order each first appears.
pub fn count(persons: &[Person]) -> Vec<Counts> {
    let mut out: Vec<Counts> = Vec::new();
    for p in persons {
        let i = match out.iter().position(|c| c.from == p.from) {
            Some(i) => i,
            None => {
                out.push(Counts {
                    from: p.from.clone(),
                    ..Counts::default()
                });
                out.len() - 1
            }
        };
        let Some(c) = out.get_mut(i) else { continue };
        match p.role {
            Role::Participant => {
                c.participants += 1;
                c.women += u32::from(p.woman);
                c.fewer_opportunities += u32::from(p.fewer_opportunities);
                if let Some(a) = p.age {
                    c.ages = Some(match c.ages {
                        Some((lo, hi)) => (lo.min(a), hi.max(a)),
                        None => (a, a),
                    });
                }
            }
            Role::GroupLeader => {
                c.group_leaders += 1;
                c.leader_ages.extend(p.age);
            }
            Role::Facilitator => {
                c.facilitators += 1;
                c.facilitator_ages.extend(p.age);
            }
            Role::Accompanying => {
                c.accompanying += 1;
                c.accompanying_ages.extend(p.age);
            }
        }
    }
    for c in &mut out {
        c.leader_ages.sort_unstable();
        c.facilitator_ages.sort_unstable();
        c.accompanying_ages.sort_unstable();
    }
    out
}
