//! A parsed TOML file as the readers take it: every key and value with its
//! byte span. A table is a short list of its keys: workspace tables hold a
//! dozen keys, and a list that compares lengths first finds one for a
//! fraction of an ordered map's search. A table read by
//! [`super::plain_toml`] keeps its keys in the order they are written, which
//! is the order the readers ask for them in (a search that starts after the
//! last key found finds the next at once); one converted from the `toml`
//! crate keeps its map's key order. Nothing depends on the order: findings
//! that list keys put them in key order themselves.
//!
//! Files come here either from [`super::plain_toml`] (the plain TOML that
//! workspace files are written in, read in one pass) or from the `toml`
//! crate's parser (everything else, and every file with a syntax error),
//! converted by [`Table::from_de`]. Both give the same tree for the same
//! text, spans included.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

/// A value and where it is in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    pub fn new(span: Range<usize>, value: T) -> Self {
        Spanned { span, value }
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }

    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// True when two keys are the same: lengths and first bytes, which tell
/// most keys apart, compared before the rest. A reader's name and the
/// spec's are often the very same text in the binary, found equal without
/// comparing them byte by byte.
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || (a.as_bytes().first() == b.as_bytes().first() && a == b))
}

/// A value with its span.
pub type Node<'i> = Spanned<Value<'i>>;

/// A key with its span.
pub type Key<'i> = Spanned<Cow<'i, str>>;

/// A number as written (`-5`, `0x1F`, `1.5`), read exactly by the readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Number<'i> {
    text: Cow<'i, str>,
    radix: u32,
}

impl<'i> Number<'i> {
    pub fn new(text: Cow<'i, str>, radix: u32) -> Self {
        Number { text, radix }
    }

    /// The digits as written, without a radix prefix.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn radix(&self) -> u32 {
        self.radix
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    Integer(Number<'i>),
    Float(Number<'i>),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Node<'i>>),
    Table(Table<'i>),
}

/// A table: its keys, each with its value.
#[derive(Debug, Clone, Default)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Node<'i>)>,
}

/// Two tables are the same when they hold the same keys (spans included)
/// with the same values, in whatever order.
impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(k, v)| other.get_key_value(k.get_ref()) == Some((k, v)))
    }
}

impl<'i> Table<'i> {
    /// An empty table with room for the keys of a workspace table.
    pub fn with_room() -> Self {
        Table {
            entries: Vec::with_capacity(12),
        }
    }

    /// Adds a key the table does not have yet, at the end; `false` (and
    /// nothing added) when the table has it already.
    pub fn push(&mut self, key: Key<'i>, value: Node<'i>) -> bool {
        if self.contains_key(key.get_ref()) {
            return false;
        }
        self.entries.push((key, value));
        true
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&Key<'i>, &Node<'i>)> {
        self.entries
            .iter()
            .find(|(k, _)| same_key(k.get_ref(), key))
            .map(|(k, v)| (k, v))
    }

    /// Where `key` is in [`Table::iter`]'s order.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| same_key(k.get_ref(), key))
    }

    /// [`Table::position`], searched from `from` on first and then from the
    /// start: a reader that asks for the keys in the order they are written
    /// finds each one at once.
    pub fn position_from(&self, key: &str, from: usize) -> Option<usize> {
        let from = from.min(self.entries.len());
        let is_key = |at: usize| {
            self.entries
                .get(at)
                .is_some_and(|(k, _)| same_key(k.get_ref(), key))
        };
        (from..self.entries.len())
            .find(|&at| is_key(at))
            .or_else(|| (0..from).find(|&at| is_key(at)))
    }

    /// The value of the key at `index` in [`Table::iter`]'s order.
    pub fn value_at(&self, index: usize) -> Option<&Node<'i>> {
        self.entries.get(index).map(|(_, v)| v)
    }

    /// [`Table::value_at`], to change.
    pub fn value_at_mut(&mut self, index: usize) -> Option<&mut Node<'i>> {
        self.entries.get_mut(index).map(|(_, v)| v)
    }

    pub fn get(&self, key: &str) -> Option<&Node<'i>> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get_key_value(key).is_some()
    }

    /// The keys and values, in the table's order (see the module's notes).
    pub fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Node<'i>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The same table as the `toml` crate parsed it (its map iterates in
    /// key order, which the list keeps).
    pub fn from_de(table: DeTable<'i>) -> Table<'i> {
        Table {
            entries: table
                .into_iter()
                .map(|(k, v)| {
                    let span = k.span();
                    (Spanned::new(span, k.into_inner()), node_from_de(v))
                })
                .collect(),
        }
    }
}

fn node_from_de(node: toml::Spanned<DeValue<'_>>) -> Node<'_> {
    let span = node.span();
    let value = match node.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(Number::new(Cow::Owned(i.as_str().to_owned()), i.radix())),
        DeValue::Float(f) => Value::Float(Number::new(Cow::Owned(f.as_str().to_owned()), 10)),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(items) => Value::Array(items.into_iter().map(node_from_de).collect()),
        DeValue::Table(t) => Value::Table(Table::from_de(t)),
    };
    Spanned::new(span, value)
}
