//! `coopcom export`: the proposal in the formats other tools open, one file
//! per format here. Every export works on the one loaded workspace and its
//! one computed budget, and is deterministic: no clock, no random id. Where a
//! format wants a date of its own (document properties, a calendar's
//! DTSTAMP), it gets [`stamp`], the project's start date.

pub mod csv;
pub mod docx;
mod docx_parts;
mod docx_text;
pub mod geojson;
pub mod ics;
pub mod kml;
mod map;
pub mod xlsx;

use anyhow::Result;
use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::budget::Budget;

/// The formats coopcom exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Ics,
    Geojson,
    Kml,
    Docx,
}

impl Format {
    /// The format's name, as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::Geojson => "geojson",
            Format::Kml => "kml",
            Format::Docx => "docx",
        }
    }

    /// True for the formats that are text and may go to stdout (`--out -`).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// One of the two CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvPart {
    Budget,
    Flows,
}

/// One exported file: its default name (in the workspace's build/ folder)
/// and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Builds the files of one export in memory; nothing is written here.
/// `part` chooses one of the two CSV files (both when `None`).
pub fn export(a: &Analysis, budget: &Budget, format: Format, part: Option<CsvPart>) -> Result<Vec<File>> {
    let base = slug(a);
    let file = |what: &str, ext: &str, bytes: Vec<u8>| File {
        name: format!("{base}-{what}.{ext}"),
        bytes,
    };
    Ok(match format {
        Format::Xlsx => vec![file("budget", "xlsx", xlsx::workbook(a, budget)?)],
        Format::Csv => {
            let mut files = Vec::new();
            if part != Some(CsvPart::Flows) {
                files.push(file(
                    "budget",
                    "csv",
                    crate::budget::csv::csv(budget).into_bytes(),
                ));
            }
            if part != Some(CsvPart::Budget) {
                files.push(file("flows", "csv", csv::flows(a, budget).into_bytes()));
            }
            files
        }
        Format::Ics => vec![file("calendar", "ics", ics::calendar(a)?.into_bytes())],
        Format::Geojson => vec![file("map", "geojson", geojson::map(a, budget)?.into_bytes())],
        Format::Kml => vec![file("map", "kml", kml::map(a, budget).into_bytes())],
        Format::Docx => vec![file("application", "docx", docx::document(a)?)],
    })
}

/// The project's short name for file names and calendar UIDs: its acronym,
/// else its title, folded to lower-case ASCII letters, digits and hyphens
/// ("COOPCOM" gives `coopcom`, "Voix de la Vallée" gives `voix-de-la-vallee`).
pub fn slug(a: &Analysis) -> String {
    let p = &a.ws.project;
    let name = p
        .acronym
        .as_ref()
        .filter(|x| !x.value.trim().is_empty())
        .or(p.title.as_ref())
        .map(|x| x.value.as_str())
        .unwrap_or_default();
    slugify(name)
}

fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in unicode_normalization::UnicodeNormalization::nfd(name) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c.is_ascii_punctuation()) && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "coopcom".to_string()
    } else {
        out.to_string()
    }
}

/// The one date every export uses where its format asks for a creation or
/// modification time: the project's start, or 2000-01-01 without one. The
/// same workspace thus always gives the same bytes.
pub fn stamp(a: &Analysis) -> NaiveDate {
    a.ws.project
        .start
        .as_ref()
        .map(|s| s.value)
        .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
        .unwrap_or_default()
}

/// The title of an activity or work package by id, for labels.
pub(crate) fn title_of(a: &Analysis, id: &str) -> String {
    a.ws.activity(id)
        .and_then(|x| x.title.as_ref())
        .or_else(|| a.ws.work_package(id).and_then(|w| w.title.as_ref()))
        .map(|t| t.value.clone())
        .unwrap_or_default()
}

/// A partner's name by id, else the id.
pub(crate) fn partner_name(a: &Analysis, id: &str) -> String {
    a.ws.partner(id)
        .and_then(|p| p.name.as_ref())
        .map(|n| n.value.clone())
        .unwrap_or_else(|| id.to_string())
}

/// "Spain" for "ES"; the code itself when coopcom does not know it.
pub(crate) fn country_name(code: &str) -> String {
    crate::geo::country_name(code).unwrap_or(code).to_string()
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lower_case_ascii_with_hyphens() {
        assert_eq!(slugify("COOPCOM"), "coopcom");
        assert_eq!(slugify("Voix de la Vallée!"), "voix-de-la-vallee");
        assert_eq!(slugify("  Youth -- Work: 2026 "), "youth-work-2026");
        assert_eq!(slugify("Ελλάδα"), "coopcom");
        assert_eq!(slugify(""), "coopcom");
    }
}
