//! A parsed TOML file as the readers take it: every key and value with its
//! byte span. A table is a short list of its keys in key order, as the
//! `toml` crate's own map (a `BTreeMap`) would iterate them: workspace
//! tables hold a dozen keys, and a list that compares lengths first finds
//! one for a fraction of an ordered map's search.
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
/// most keys apart, compared before the rest.
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
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

/// A table: its keys in key order, each with its value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Node<'i>)>,
}

impl<'i> Table<'i> {
    /// An empty table with room for the keys of a workspace table.
    pub fn with_room() -> Self {
        Table {
            entries: Vec::with_capacity(12),
        }
    }

    /// Adds a key the table does not have yet, at the end; `false` (and
    /// nothing added) when the table has it already. A table filled this
    /// way is put in key order by [`Table::sort`] once it is complete.
    pub fn push(&mut self, key: Key<'i>, value: Node<'i>) -> bool {
        if self.contains_key(key.get_ref()) {
            return false;
        }
        self.entries.push((key, value));
        true
    }

    /// Puts the keys in key order, in this table and every table in it.
    pub fn sort(&mut self) {
        // Keys mostly differ in their first byte, which decides the order
        // then without a call to compare the rest.
        self.entries.sort_unstable_by(|(a, _), (b, _)| {
            let (a, b): (&str, &str) = (a.get_ref(), b.get_ref());
            a.as_bytes()
                .first()
                .cmp(&b.as_bytes().first())
                .then_with(|| a.cmp(b))
        });
        for (_, node) in &mut self.entries {
            match node.get_mut() {
                Value::Table(t) => t.sort(),
                Value::Array(items) => {
                    for item in items {
                        if let Value::Table(t) = item.get_mut() {
                            t.sort();
                        }
                    }
                }
                _ => {}
            }
        }
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

    /// The keys and values in key order.
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
