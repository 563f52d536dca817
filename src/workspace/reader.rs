//! Reading typed values out of a parsed TOML table while keeping every
//! value's position, and reporting every problem instead of stopping at the
//! first: wrong types, missing fields, values out of their domain, and
//! unknown keys (with a did-you-mean suggestion).

pub use super::tree::Node;
use super::tree::{Table, Value};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::model::S;
use super::slips;
use super::source::{FileId, Loc};
use super::spec::{Field, Kind};
use crate::diagnostics::{Code, Diagnostic, codes, suggest};

/// Why a value could not be taken.
pub enum Problem {
    /// The TOML type is not the expected one; the message is built by the reader.
    WrongType { help: Option<String> },
    /// The type is right but the value is not allowed.
    Invalid {
        code: Code,
        message: String,
        help: Option<String>,
    },
}

impl Problem {
    pub fn invalid(code: Code, message: impl Into<String>) -> Self {
        Problem::Invalid {
            code,
            message: message.into(),
            help: None,
        }
    }
    pub fn with_help(self, help: impl Into<String>) -> Self {
        match self {
            Problem::WrongType { .. } => Problem::WrongType {
                help: Some(help.into()),
            },
            Problem::Invalid { code, message, .. } => Problem::Invalid {
                code,
                message,
                help: Some(help.into()),
            },
        }
    }
}

/// A type that can be read from one TOML value.
pub trait FromToml: Sized {
    /// What the value should be, in words: "a whole number", "a date".
    fn expected() -> &'static str;
    fn from_toml(node: &Node<'_>, file: FileId) -> Result<Self, Problem>;
    /// A help that writes `key = ...` right, for a value of the wrong type
    /// (a date in quotes); `None` leaves the help of [`Problem::WrongType`].
    fn fix(_key: &str, _node: &Node<'_>) -> Option<String> {
        None
    }
}

pub fn type_name(v: &Value<'_>) -> &'static str {
    match v {
        Value::String(_) => "text",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a decimal number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date or time",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

impl FromToml for String {
    fn expected() -> &'static str {
        "text in quotes"
    }
    fn from_toml(node: &Node<'_>, _: FileId) -> Result<Self, Problem> {
        match node.get_ref() {
            Value::String(s) => Ok(s.to_string()),
            Value::Integer(_) | Value::Float(_) | Value::Boolean(_) => Err(Problem::WrongType {
                help: Some("put the value in quotes".into()),
            }),
            _ => Err(Problem::WrongType { help: None }),
        }
    }
}

impl FromToml for bool {
    fn expected() -> &'static str {
        "true or false"
    }
    fn from_toml(node: &Node<'_>, _: FileId) -> Result<Self, Problem> {
        match node.get_ref() {
            Value::Boolean(b) => Ok(*b),
            Value::String(s) if s == "true" || s == "false" => Err(Problem::WrongType {
                help: Some(format!("write {s} without quotes")),
            }),
            _ => Err(Problem::WrongType { help: None }),
        }
    }
}

/// A decimal integer of at most 18 digits (nearly every number of a
/// workspace is a few), read digit by digit: the general `i128` reading
/// takes many times the steps.
fn small_decimal(text: &str, radix: u32) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    if radix != 10 || digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let n = digits.bytes().try_fold(0i64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })?;
    Some(i128::from(if negative { -n } else { n }))
}

/// Reads an integer of any size as text-exact `i128`, or `None` when it is
/// beyond even that.
fn integer(node: &Node<'_>) -> Option<Result<i128, ()>> {
    match node.get_ref() {
        Value::Integer(i) => Some(
            small_decimal(i.as_str(), i.radix())
                .map_or_else(|| i128::from_str_radix(i.as_str(), i.radix()).map_err(|_| ()), Ok),
        ),
        _ => None,
    }
}

impl FromToml for u32 {
    fn expected() -> &'static str {
        "a whole number"
    }
    fn from_toml(node: &Node<'_>, _: FileId) -> Result<Self, Problem> {
        match integer(node) {
            Some(Ok(n)) if n < 0 => Err(Problem::invalid(
                codes::INVALID_VALUE,
                format!("{n} is negative; a count cannot be below zero"),
            )),
            Some(Ok(n)) => u32::try_from(n)
                .map_err(|_| Problem::invalid(codes::INVALID_VALUE, format!("{n} is far too large"))),
            Some(Err(())) => Err(Problem::invalid(
                codes::INVALID_VALUE,
                "this number is far too large",
            )),
            None => match node.get_ref() {
                Value::Float(f) => Err(Problem::WrongType {
                    help: Some(format!(
                        "{} is not a whole number; counts and years are whole numbers",
                        f.as_str()
                    )),
                }),
                Value::String(s) if s.trim().parse::<u32>().is_ok() => Err(Problem::WrongType {
                    help: Some(format!("write {} without quotes", s.trim())),
                }),
                _ => Err(Problem::WrongType { help: None }),
            },
        }
    }
}

/// Parses decimal text exactly (no binary floating point on the way).
fn decimal_text(text: &str) -> Option<Decimal> {
    let t = text.trim().replace('_', "");
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(&t).ok()
    } else {
        Decimal::from_str(&t).ok()
    }
}

/// A plain number (distances, impact figures): integer or decimal, exact.
impl FromToml for Decimal {
    fn expected() -> &'static str {
        "a number"
    }
    fn from_toml(node: &Node<'_>, _: FileId) -> Result<Self, Problem> {
        match node.get_ref() {
            Value::Integer(_) => match integer(node) {
                Some(Ok(n)) => i64::try_from(n)
                    .map(Decimal::from)
                    .map_err(|_| Problem::invalid(codes::INVALID_VALUE, "this number is far too large")),
                _ => Err(Problem::invalid(
                    codes::INVALID_VALUE,
                    "this number is far too large",
                )),
            },
            Value::Float(f) => decimal_text(f.as_str()).ok_or_else(|| {
                let text = f.as_str();
                let t = text.trim_start_matches(['+', '-']);
                let message = if t == "nan" || t == "inf" {
                    format!("{text} is not a number coopcom can use")
                } else {
                    format!("{text} is far too large or too precise")
                };
                Problem::invalid(codes::INVALID_VALUE, message)
            }),
            Value::String(s) if decimal_text(s).is_some() => Err(Problem::WrongType {
                help: Some(format!("write {} without quotes", s.trim())),
            }),
            _ => Err(Problem::WrongType { help: None }),
        }
    }
}

/// Euros: an integer, a decimal with at most two places, or a string holding one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Euros(pub Decimal);

impl FromToml for Euros {
    fn expected() -> &'static str {
        "an amount in euros"
    }
    fn from_toml(node: &Node<'_>, file: FileId) -> Result<Self, Problem> {
        let value = match node.get_ref() {
            Value::String(s) => decimal_text(s.trim().trim_start_matches('€').trim_end_matches('€'))
                .ok_or_else(|| {
                    Problem::invalid(codes::INVALID_MONEY, format!("\"{s}\" is not an amount"))
                        .with_help("write euros as 1250, 1250.5 or \"1250.50\", without a currency sign or thousands separator")
                })?,
            Value::Integer(_) | Value::Float(_) => Decimal::from_toml(node, file).map_err(|p| match p {
                Problem::Invalid { message, .. } => Problem::invalid(codes::INVALID_MONEY, message),
                other => other,
            })?,
            _ => return Err(Problem::WrongType { help: None }),
        };
        if value.is_sign_negative() && !value.is_zero() {
            return Err(Problem::invalid(
                codes::INVALID_MONEY,
                format!("{value} is negative"),
            ));
        }
        if value.normalize().scale() > 2 {
            return Err(Problem::invalid(
                codes::INVALID_MONEY,
                format!("{value} has more than two decimal places"),
            )
            .with_help("amounts are in euros and cents: at most two decimal places"));
        }
        if value > Decimal::from(1_000_000_000_i64) {
            return Err(Problem::invalid(
                codes::INVALID_MONEY,
                format!("{value} is beyond any Erasmus+ grant"),
            ));
        }
        Ok(Euros(value.round_dp(2)))
    }
}

impl FromToml for NaiveDate {
    fn expected() -> &'static str {
        "a date (YYYY-MM-DD, without quotes)"
    }
    fn from_toml(node: &Node<'_>, _: FileId) -> Result<Self, Problem> {
        match node.get_ref() {
            Value::Datetime(dt) => {
                let Some(d) = dt.date else {
                    return Err(Problem::invalid(
                        codes::INVALID_DATE,
                        "a time of day is not a date",
                    ));
                };
                if dt.time.is_some() {
                    return Err(Problem::invalid(
                        codes::INVALID_DATE,
                        "a date with a time of day; coopcom works with calendar dates",
                    )
                    .with_help(format!(
                        "write the date alone: {:04}-{:02}-{:02}",
                        d.year, d.month, d.day
                    )));
                }
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)).ok_or_else(
                    || {
                        Problem::invalid(
                            codes::INVALID_DATE,
                            format!(
                                "{:04}-{:02}-{:02} is not a day of the calendar",
                                d.year, d.month, d.day
                            ),
                        )
                    },
                )
            }
            _ => Err(Problem::WrongType {
                help: Some("write dates as YYYY-MM-DD without quotes, e.g. 2026-12-18".into()),
            }),
        }
    }
    /// A date in quotes: the line written right, `start = 2027-07-06`,
    /// with `"06/07/2027"` read day first, as in Europe.
    fn fix(key: &str, node: &Node<'_>) -> Option<String> {
        let Value::String(s) = node.get_ref() else {
            return None;
        };
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Some(format!(
                "write the date without quotes: `{key} = {}`",
                d.format("%Y-%m-%d")
            ));
        }
        slips::date(s).map(|slip| slip.help(key, &format!("\"{s}\"")))
    }
}

fn number_f64(node: &Node<'_>, file: FileId) -> Option<f64> {
    let d = Decimal::from_toml(node, file).ok()?;
    d.to_string().parse::<f64>().ok()
}

/// `[lat, lon]` in degrees.
impl FromToml for (f64, f64) {
    fn expected() -> &'static str {
        "a pair [latitude, longitude] in degrees"
    }
    fn from_toml(node: &Node<'_>, file: FileId) -> Result<Self, Problem> {
        let Value::Array(items) = node.get_ref() else {
            return Err(Problem::WrongType { help: None });
        };
        let items: Vec<&Node<'_>> = items.iter().collect();
        let [lat, lon] = items[..] else {
            return Err(Problem::invalid(
                codes::INVALID_VALUE,
                format!(
                    "{} values where a [latitude, longitude] pair is expected",
                    items.len()
                ),
            ));
        };
        let (Some(lat), Some(lon)) = (number_f64(lat, file), number_f64(lon, file)) else {
            return Err(Problem::WrongType { help: None });
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(Problem::invalid(
                codes::INVALID_VALUE,
                format!("[{lat}, {lon}] is not a place on Earth"),
            )
            .with_help("latitude comes first (-90 to 90), then longitude (-180 to 180)"));
        }
        Ok((lat, lon))
    }
}

/// `[youngest, oldest]`.
impl FromToml for (u32, u32) {
    fn expected() -> &'static str {
        "a pair [youngest, oldest]"
    }
    fn from_toml(node: &Node<'_>, file: FileId) -> Result<Self, Problem> {
        let Value::Array(items) = node.get_ref() else {
            return Err(Problem::WrongType { help: None });
        };
        let items: Vec<&Node<'_>> = items.iter().collect();
        let [a, b] = items[..] else {
            return Err(Problem::invalid(
                codes::INVALID_VALUE,
                format!(
                    "{} values where a [youngest, oldest] pair is expected",
                    items.len()
                ),
            ));
        };
        let a = u32::from_toml(a, file)?;
        let b = u32::from_toml(b, file)?;
        if a > b {
            return Err(Problem::invalid(
                codes::INVALID_VALUE,
                format!("the youngest ({a}) is older than the oldest ({b})"),
            )
            .with_help(format!("write [{b}, {a}]")));
        }
        Ok((a, b))
    }
}

/// A list of whole numbers, one per person: `[19, 24, 31]`.
impl FromToml for Vec<u32> {
    fn expected() -> &'static str {
        "a list of whole numbers, e.g. [19, 24]"
    }
    fn from_toml(node: &Node<'_>, file: FileId) -> Result<Self, Problem> {
        let Value::Array(items) = node.get_ref() else {
            return Err(Problem::WrongType { help: None });
        };
        items.iter().map(|item| u32::from_toml(item, file)).collect()
    }
}

/// One step of a [`Context`] or a [`Label`]: a name, and the entry's
/// number when the table is an entry of an array of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub name: &'static str,
    pub n: Option<usize>,
}

impl Step {
    pub const fn new(name: &'static str, n: Option<usize>) -> Self {
        Step { name, n }
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.n {
            Some(n) => write!(f, "{} {n}", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// The most steps a [`Context`] or a header's [`Path`] holds: the deepest
/// table of the workspace format is a place in an entry (`flows.origin`).
const DEPTH: usize = 3;

/// The prefix of a table's findings, "flow 2: origin: ", kept as its steps
/// and written out only when a finding is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    steps: [Option<Step>; DEPTH],
}

impl Context {
    /// This context followed by one more step.
    pub fn then(mut self, name: &'static str, n: Option<usize>) -> Self {
        if let Some(slot) = self.steps.iter_mut().find(|s| s.is_none()) {
            *slot = Some(Step::new(name, n));
        }
        self
    }
}

impl std::fmt::Display for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for step in self.steps.iter().flatten() {
            write!(f, "{step}: ")?;
        }
        Ok(())
    }
}

/// A table's dotted path in its file (`flows.origin`), kept as its names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path {
    names: [Option<&'static str>; DEPTH],
}

impl Path {
    /// This path followed by `name`.
    pub fn then(mut self, name: &'static str) -> Self {
        if let Some(slot) = self.names.iter_mut().find(|s| s.is_none()) {
            *slot = Some(name);
        }
        self
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, name) in self.names.iter().flatten().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// What holds a header, in words: "budget.toml", "the activity", "flow 1";
/// empty when the table was not named.
pub type Label = Option<Step>;

/// The header of a table (`[venue]`) or of an entry of an array of tables
/// (`[[flows]]`). TOML puts every key written after a header into that
/// table, so a key meant for the file (or the table holding the header)
/// lands there when it comes last; the unknown-key finding says so. Its
/// words are written only when such a finding is reported.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header's path, written `[path]`, or `[[path]]` for an entry.
    pub path: Path,
    pub array: bool,
    /// Where the header is: keys after it belong to its table.
    pub span: std::ops::Range<usize>,
    /// What holds the header: "budget.toml", "the activity", "flow 1".
    pub owner: Label,
    /// True when the owner is a whole file, whose own keys go above its
    /// first header.
    pub owner_is_file: bool,
    /// The fields of the owner: its keys are those written before the
    /// header (not its tables).
    pub owner_fields: &'static [Field],
}

impl Header {
    /// As written: `[[exceptional_costs]]`, `[venue]`.
    fn text(&self) -> String {
        if self.array {
            format!("[[{}]]", self.path)
        } else {
            format!("[{}]", self.path)
        }
    }

    fn owner(&self) -> String {
        self.owner.map(|o| o.to_string()).unwrap_or_default()
    }

    /// The keys of the owner, written before the header.
    fn owner_keys(&self) -> Vec<&'static str> {
        self.owner_fields
            .iter()
            .filter(|f| !matches!(f.kind, Kind::Tables(_) | Kind::Table(_) | Kind::Place(_)))
            .map(|f| f.name)
            .collect()
    }

    fn has_owner_key(&self, key: &str) -> bool {
        self.owner_fields
            .iter()
            .any(|f| f.name == key && !matches!(f.kind, Kind::Tables(_) | Kind::Table(_) | Kind::Place(_)))
    }

    fn entry(&self) -> &'static str {
        if self.array { "entry" } else { "table" }
    }

    fn move_up(&self, key: &str) -> String {
        if self.owner_is_file {
            format!("move the line `{key} = ...` above the first `[...]` or `[[...]]` header of the file")
        } else {
            format!(
                "move the line `{key} = ...` up, before the `{}` header",
                self.text()
            )
        }
    }
}

/// Which keys of a table were read, by their place in the table: one bit
/// each for the dozen keys of a workspace table, a list beyond 64.
enum Used {
    Bits(u64),
    Many(Vec<bool>),
}

impl Used {
    fn new(len: usize) -> Self {
        if len <= 64 {
            Used::Bits(0)
        } else {
            Used::Many(vec![false; len])
        }
    }

    fn mark(&mut self, at: usize) {
        match self {
            Used::Bits(bits) => *bits |= 1u64.checked_shl(at as u32).unwrap_or(0),
            Used::Many(used) => {
                if let Some(used) = used.get_mut(at) {
                    *used = true;
                }
            }
        }
    }

    fn get(&self, at: usize) -> bool {
        match self {
            Used::Bits(bits) => bits.checked_shr(at as u32).is_some_and(|b| b & 1 == 1),
            Used::Many(used) => used.get(at).copied().unwrap_or(false),
        }
    }
}

/// Reads the fields of one table, remembering which keys were used.
pub struct TableReader<'t, 'i> {
    file: FileId,
    table: &'t Table<'i>,
    /// Whether each key, in the table's order, was read.
    used: Used,
    /// Where the search for the next key starts: just after the last key
    /// read, as readers ask for keys in the order files write them.
    next: usize,
    loc: Loc,
    /// Prefix for messages, e.g. "flow 2: ".
    context: Context,
    header: Option<Header>,
}

impl<'t, 'i> TableReader<'t, 'i> {
    pub fn new(file: FileId, table: &'t Table<'i>, loc: Loc, context: Context) -> Self {
        TableReader {
            file,
            table,
            used: Used::new(table.len()),
            next: 0,
            loc,
            context,
            header: None,
        }
    }

    /// The value of `key`, without marking it read.
    pub fn peek(&self, key: &str) -> Option<&'t Node<'i>> {
        self.table.get(key)
    }

    /// True when the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The table's header, to explain keys that landed in it.
    pub fn with_header(mut self, header: Header) -> Self {
        self.header = Some(header);
        self
    }

    pub fn loc(&self) -> &Loc {
        &self.loc
    }

    /// `None` when the table lacks `key`; else the value as [`opt`](Self::opt)
    /// reads it. `at` is where the table holds `key`, when the caller knows.
    pub fn present_at<T: FromToml>(
        &mut self,
        key: &str,
        at: Option<usize>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Option<S<T>>> {
        let node = self.table.value_at(at?)?;
        self.used.mark(at?);
        Some(self.take(key, node, diags))
    }

    fn node(&mut self, key: &str) -> Option<&'t Node<'i>> {
        let at = self.table.position_from(key, self.next)?;
        self.used.mark(at);
        self.next = at + 1;
        self.table.value_at(at)
    }

    fn at(&self, node: &Node<'_>) -> Loc {
        Loc::new(self.file, node.span())
    }

    /// Reads an optional value; a wrong or invalid value is reported and read as absent.
    pub fn opt<T: FromToml>(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<S<T>> {
        self.present(key, diags).flatten()
    }

    /// `None` when the table lacks `key`; else the value as [`opt`](Self::opt) reads it.
    pub fn present<T: FromToml>(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Option<S<T>>> {
        let node = self.node(key)?;
        Some(self.take(key, node, diags))
    }

    fn take<T: FromToml>(&self, key: &str, node: &Node<'_>, diags: &mut Vec<Diagnostic>) -> Option<S<T>> {
        let loc = self.at(node);
        match T::from_toml(node, self.file) {
            Ok(v) => Some(S::new(v, loc)),
            Err(problem) => {
                let problem = match (problem, T::fix(key, node)) {
                    (Problem::WrongType { .. }, Some(fix)) => Problem::WrongType { help: Some(fix) },
                    (problem, _) => problem,
                };
                diags.push(self.problem(key, node, loc, problem, T::expected()));
                None
            }
        }
    }

    /// Reads a required value; its absence is reported.
    pub fn req<T: FromToml>(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<S<T>> {
        if !self.has(key) {
            diags.push(
                Diagnostic::error(
                    codes::MISSING_FIELD,
                    format!("{}missing required field `{key}`", self.context),
                )
                .at(&self.loc)
                .with_help(format!("add `{key} = ...` ({})", T::expected())),
            );
            return None;
        }
        self.opt(key, diags)
    }

    /// A list of values, each kept with its own position.
    pub fn list<T: FromToml>(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<S<T>> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        let Value::Array(items) = node.get_ref() else {
            let loc = self.at(node);
            diags.push(self.problem(key, node, loc, Problem::WrongType { help: None }, "a list"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let loc = self.at(item);
            match T::from_toml(item, self.file) {
                Ok(v) => out.push(S::new(v, loc)),
                Err(p) => diags.push(self.problem(&format!("{key}[{}]", i + 1), item, loc, p, T::expected())),
            }
        }
        out
    }

    /// A sub-table (inline or standard).
    pub fn table(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<(Loc, &'t Table<'i>)> {
        let node = self.node(key)?;
        let loc = self.at(node);
        match node.get_ref() {
            Value::Table(t) => Some((loc, t)),
            _ => {
                diags.push(self.problem(key, node, loc, Problem::WrongType { help: None }, "a table"));
                None
            }
        }
    }

    /// An array of tables (`[[flows]]`).
    pub fn tables(&mut self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<(Loc, &'t Table<'i>)> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        let Value::Array(items) = node.get_ref() else {
            let loc = self.at(node);
            diags.push(self.problem(
                key,
                node,
                loc,
                Problem::WrongType {
                    help: Some(format!("write each entry as a [[{key}]] table")),
                },
                "a list of tables",
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let loc = self.at(item);
            match item.get_ref() {
                Value::Table(t) => out.push((loc, t)),
                _ => diags.push(self.problem(key, item, loc, Problem::WrongType { help: None }, "a table")),
            }
        }
        out
    }

    fn problem(&self, key: &str, node: &Node<'_>, loc: Loc, problem: Problem, expected: &str) -> Diagnostic {
        match problem {
            Problem::WrongType { help } => Diagnostic::error(
                codes::WRONG_TYPE,
                format!(
                    "{}`{key}` should be {expected}, found {}",
                    self.context,
                    type_name(node.get_ref())
                ),
            )
            .at(&loc)
            .label(format!("expected {expected}"))
            .help_opt(help),
            Problem::Invalid { code, message, help } => {
                Diagnostic::error(code, format!("{}`{key}`: {message}", self.context))
                    .at(&loc)
                    .help_opt(help)
            }
        }
    }

    /// A key that TOML put into this table because it comes after the
    /// table's header: a key of the owner in the wrong place, or a key that
    /// neither knows.
    fn after_header(&self, name: &str, loc: Loc, h: &Header, known: &[&str]) -> Diagnostic {
        let entry = h.entry();
        let (text, owner, owner_keys) = (h.text(), h.owner(), h.owner_keys());
        if owner_keys.contains(&name) {
            return Diagnostic::error(
                codes::UNKNOWN_KEY,
                format!(
                    "{}`{name}` belongs to {}, but TOML reads it as part of this `{}` {entry}",
                    self.context, owner, text
                ),
            )
            .at(&loc)
            .label(format!("comes after the `{}` header", text))
            .secondary(
                &Loc::new(self.file, h.span.clone()),
                format!("the {entry} it joins"),
            )
            .with_note("in TOML, a key belongs to the table whose header comes before it")
            .with_help(h.move_up(name));
        }
        let keys = |list: &[&str]| {
            list.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let help = match suggest::did_you_mean(name, owner_keys.iter().copied()) {
            Some(s) => format!("did you mean `{s}`, a key of {}? Then {}", owner, h.move_up(s)),
            None if owner_keys.is_empty() => format!(
                "{} has no `{name}` key either: remove the line (the keys of this {entry} are {})",
                owner,
                keys(known)
            ),
            None => format!(
                "{} has no `{name}` key either: remove the line (the keys of {}, written before its first header, are {})",
                owner,
                owner,
                keys(&owner_keys),
            ),
        };
        Diagnostic::error(
            codes::UNKNOWN_KEY,
            format!(
                "{}unknown key `{name}`, read as part of this `{}` {entry}",
                self.context, text
            ),
        )
        .at(&loc)
        .label(format!("comes after the `{}` header", text))
        .secondary(
            &Loc::new(self.file, h.span.clone()),
            format!("the {entry} it joins"),
        )
        .with_note("in TOML, a key belongs to the table whose header comes before it")
        .with_help(help)
    }

    /// True when every key of the table was read: [`finish`](Self::finish)
    /// has nothing to report.
    pub fn all_read(&self) -> bool {
        match &self.used {
            Used::Bits(bits) => bits.count_ones() as usize == self.table.len(),
            Used::Many(used) => used.iter().all(|&used| used),
        }
    }

    /// Reports every key of the table that was not read, in key order,
    /// with a suggestion from `known` when one is close.
    pub fn finish(self, known: &[&str], diags: &mut Vec<Diagnostic>) {
        let mut unread: Vec<_> = (self.table.iter().enumerate())
            .filter(|(at, _)| !self.used.get(*at))
            .map(|(_, (k, _))| k)
            .collect();
        unread.sort_unstable_by(|a, b| a.get_ref().cmp(b.get_ref()));
        for k in unread {
            let name: &str = k.get_ref();
            let loc = Loc::new(self.file, k.span());
            let close = suggest::did_you_mean(name, known.iter().copied());
            if let Some(h) = self.header.as_ref().filter(|h| k.span().start >= h.span.end)
                && close.is_none_or(|_| h.has_owner_key(name))
            {
                diags.push(self.after_header(name, loc, h, known));
                continue;
            }
            let help = close.map(|s| format!("did you mean `{s}`?")).or_else(|| {
                Some(format!(
                    "the keys known here are: {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            });
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_KEY,
                    format!("{}unknown key `{name}`", self.context),
                )
                .at(&loc)
                .label("not part of the workspace format")
                .help_opt(help),
            );
        }
    }
}
