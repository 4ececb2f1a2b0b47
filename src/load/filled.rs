//! A YAML tree with holes, and the values that fill them, read as the tree
//! it stands for without building it.
//!
//! The history builds most versions of a file from a tree parsed once (its
//! skeleton, see `history::skeleton`) and the version's own values. Making
//! each version's tree would copy the whole skeleton tree, keys and all, to
//! change a few values; instead a version is deserialized straight from the
//! shared tree, each hole read from the version's value as it is met. The
//! tree itself is built only when a problem has to be reported, by the same
//! path as any other file's.

use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Error, Mapping, Value};

const OPEN: char = '⟦';
const CLOSE: char = '⟧';

/// A tree with holes: each hole is a string `⟦n⟧` standing alone as a
/// value, never as a key nor under a tag. `first` holds the values of the
/// version that brought the tree, with their text.
pub struct Template {
    tree: Value,
    first: Vec<(Box<str>, Value)>,
}

impl Template {
    /// The tree with the values of the version that brought it, whose
    /// holes hold `texts`; `None` if one of them does not read as a value
    /// on its own (it always should).
    pub fn new(tree: Value, texts: &[&str]) -> Option<Template> {
        let first = texts
            .iter()
            .map(|text| Some((Box::from(*text), scalar(text)?)))
            .collect::<Option<_>>()?;
        Some(Template { tree, first })
    }
}

/// Writes the marker of hole `n`. Every version of every file writes one
/// per value: its digits are put in place, least significant first, as
/// `write!` would take ten times as long.
pub fn push_marker(out: &mut String, n: usize) {
    out.push(OPEN);
    let start = out.len();
    let mut rest = n;
    loop {
        out.insert(start, char::from(b'0' + (rest % 10) as u8));
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push(CLOSE);
}

/// The hole's number, if `text` is a marker.
pub fn marker(text: &str) -> Option<usize> {
    text.strip_prefix(OPEN)?.strip_suffix(CLOSE)?.parse().ok()
}

/// Whether `text` holds the marker's bracket.
pub fn has_marker(text: &str) -> bool {
    text.contains(OPEN)
}

/// One version of a [`Template`]: its values, hole by hole.
pub struct Filled {
    template: Arc<Template>,
    /// `None`: the same text, so the same value, as the first version's.
    holes: Vec<Option<Value>>,
}

impl Filled {
    /// The version whose holes hold `texts`; `None` if one of them does
    /// not read as a value on its own (it always should).
    pub fn new(template: Arc<Template>, texts: &[&str]) -> Option<Filled> {
        if texts.len() != template.first.len() {
            return None;
        }
        let holes = texts
            .iter()
            .zip(&template.first)
            .map(|(text, (was, _))| {
                if **was == **text {
                    Some(None)
                } else {
                    scalar(text).map(Some)
                }
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Filled { template, holes })
    }

    /// The root of the tree, to deserialize from.
    pub fn root(&self) -> Node<'_> {
        Node {
            value: &self.template.tree,
            filled: self,
        }
    }

    /// Whether the tree is a mapping at its top, as a plan file must be.
    pub fn root_is_mapping(&self) -> bool {
        self.template.tree.is_mapping()
    }

    /// The tree itself, built.
    pub fn into_value(self) -> Value {
        let mut tree = self.template.tree.clone();
        self.fill(&mut tree);
        tree
    }

    fn hole(&self, n: usize) -> &Value {
        match &self.holes[n] {
            Some(value) => value,
            None => &self.template.first[n].1,
        }
    }

    fn fill(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(n) = marker(text) {
                    *value = self.hole(n).clone();
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(|item| self.fill(item)),
            Value::Mapping(map) => map.iter_mut().for_each(|(_, value)| self.fill(value)),
            _ => {}
        }
    }
}

/// What a hole's text means as a YAML scalar. A quoted one is its text; a
/// plain one that starts with a letter is text too, unless it is a null
/// or a boolean (as the parser reads them), and so is one that starts
/// with a digit and ends in what no number ends in (`8.22M`, `15-20%`:
/// every number the parser reads ends in a digit, a hex digit or a
/// point); anything else (a number, a date) is read by the parser itself.
fn scalar(hole: &str) -> Option<Value> {
    if let Some(inner) = hole.strip_prefix('"').or_else(|| hole.strip_prefix('\'')) {
        return Some(Value::String(inner[..inner.len() - 1].to_owned()));
    }
    let word = matches!(
        hole,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    );
    let text = if hole.starts_with(|c: char| c.is_ascii_digit()) {
        !hole.ends_with(|c: char| c.is_ascii_hexdigit() || c == '.')
    } else {
        hole.starts_with(|c: char| c.is_ascii_alphabetic()) && !word
    };
    if text {
        return Some(Value::String(hole.to_owned()));
    }
    number_or_date(hole).or_else(|| serde_yaml::from_str(hole).ok())
}

/// The values a plan's holes mostly hold, read as the parser reads them
/// without starting one: a whole number (no sign, no leading zero), a
/// decimal number with digits on both sides of the point, or a date.
/// Anything else is `None`, and left to the parser.
fn number_or_date(hole: &str) -> Option<Value> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let bytes = hole.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        let all = [&hole[..4], &hole[5..7], &hole[8..]]
            .into_iter()
            .all(digits);
        return all.then(|| Value::String(hole.to_owned()));
    }
    let (whole, fraction) = match hole.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (hole, None),
    };
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) || whole.len() > 15 {
        return None;
    }
    match fraction {
        None => whole.parse::<u64>().ok().map(|n| Value::Number(n.into())),
        Some(fraction) if digits(fraction) => {
            hole.parse::<f64>().ok().map(|n| Value::Number(n.into()))
        }
        Some(_) => None,
    }
}

/// A node of a [`Filled`] tree. Scalars, holes and tagged values are read
/// by `serde_yaml`'s own deserializer for a `&Value`; mappings and
/// sequences are walked here, as it walks them, so that what is inside
/// them is read as a node too.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    value: &'a Value,
    filled: &'a Filled,
}

impl<'a> Node<'a> {
    /// The value itself when it is a leaf: a scalar, a tagged value, or a
    /// hole's value.
    fn leaf(self) -> Option<&'a Value> {
        match self.value {
            Value::Mapping(_) | Value::Sequence(_) => None,
            Value::String(text) => Some(match marker(text) {
                Some(n) => self.filled.hole(n),
                None => self.value,
            }),
            value => Some(value),
        }
    }

    fn at(self, value: &'a Value) -> Node<'a> {
        Node {
            value,
            filled: self.filled,
        }
    }

    fn visit_compound<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Mapping(map) => {
                let mut access = Entries {
                    node: self,
                    iter: map.iter(),
                    value: None,
                };
                let out = visitor.visit_map(&mut access)?;
                match access.iter.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(
                        map.len(),
                        &"fewer elements in map",
                    )),
                }
            }
            Value::Sequence(items) => {
                let mut access = Items {
                    node: self,
                    iter: items.iter(),
                };
                let out = visitor.visit_seq(&mut access)?;
                match access.iter.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(
                        items.len(),
                        &"fewer elements in sequence",
                    )),
                }
            }
            _ => Err(de::Error::custom("not a mapping or a sequence")),
        }
    }

    /// A mapping or a sequence where `wanted` is expected, else an error
    /// (reported again, with its place, by the path that builds the tree).
    fn expect<V: Visitor<'a>>(
        self,
        wanted: Option<Compound>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        match (self.value, wanted) {
            (Value::Mapping(_), Some(Compound::Mapping))
            | (Value::Sequence(_), Some(Compound::Sequence)) => self.visit_compound(visitor),
            _ => Err(de::Error::custom("unexpected mapping or sequence")),
        }
    }
}

#[derive(Clone, Copy)]
enum Compound {
    Mapping,
    Sequence,
}

struct Entries<'a> {
    node: Node<'a>,
    iter: <&'a Mapping as IntoIterator>::IntoIter,
    value: Option<&'a Value>,
}

impl<'a> MapAccess<'a> for Entries<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(self.node.at(value)),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct Items<'a> {
    node: Node<'a>,
    iter: std::slice::Iter<'a, Value>,
}

impl<'a> SeqAccess<'a> for Items<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.iter.next() {
            Some(value) => seed.deserialize(self.node.at(value)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Methods that a leaf forwards to `serde_yaml` and a mapping or sequence
/// answers as `serde_yaml`'s `&Value` does.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*) => $compound:expr;)*) => {
        $(
            fn $method<V: Visitor<'a>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
                match self.leaf() {
                    Some(leaf) => leaf.$method($($arg,)* visitor),
                    None => self.expect($compound, visitor),
                }
            }
        )*
    };
}

impl<'a> Deserializer<'a> for Node<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.leaf() {
            Some(leaf) => leaf.deserialize_any(visitor),
            None => self.visit_compound(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.leaf() {
            Some(leaf) => leaf.deserialize_option(visitor),
            None => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.leaf() {
            Some(leaf) => leaf.deserialize_newtype_struct(name, visitor),
            None => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward! {
        deserialize_bool() => None;
        deserialize_i8() => None;
        deserialize_i16() => None;
        deserialize_i32() => None;
        deserialize_i64() => None;
        deserialize_i128() => None;
        deserialize_u8() => None;
        deserialize_u16() => None;
        deserialize_u32() => None;
        deserialize_u64() => None;
        deserialize_u128() => None;
        deserialize_f32() => None;
        deserialize_f64() => None;
        deserialize_char() => None;
        deserialize_str() => None;
        deserialize_string() => None;
        deserialize_bytes() => Some(Compound::Sequence);
        deserialize_byte_buf() => Some(Compound::Sequence);
        deserialize_unit() => None;
        deserialize_unit_struct(name: &'static str) => None;
        deserialize_seq() => Some(Compound::Sequence);
        deserialize_tuple(len: usize) => Some(Compound::Sequence);
        deserialize_tuple_struct(name: &'static str, len: usize) => Some(Compound::Sequence);
        deserialize_map() => Some(Compound::Mapping);
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => Some(Compound::Mapping);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) => None;
        deserialize_identifier() => None;
    }
}
