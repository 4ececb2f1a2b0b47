//! The replay cache's form of a [`History`]: most of the cache is its
//! observations and events, and most of those are the same few strings
//! (ids, fields, commit ids) over and over. Written once as a table and
//! referred to by index, the cache is a fraction of the size and loads in
//! a fraction of the time. Observations and events are written as they
//! are packed, never collected: a long history is not held twice.

use std::cell::RefCell;
use std::marker::PhantomData;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::de::{DeserializeSeed, Error as _, SeqAccess, Visitor};
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Event, EventKind, History, ItemKind, Name, Observation, Val};

/// An optional string: 0 for none, else its index in the table plus one.
type Ref = u32;

/// date (days from the common era), person, id, kind, field, value,
/// target, commit.
type PackedObservation<V = Val> = (i32, Ref, Ref, ItemKind, Ref, V, Option<f64>, Ref);

/// date, person, id, kind, item, field, from, to, commit.
type PackedEvent<V = Val> = (
    i32,
    Ref,
    Ref,
    EventKind,
    ItemKind,
    Ref,
    Option<V>,
    Option<V>,
    Ref,
);

/// The strings of a history, each once. Names are looked up by where they
/// are before what they say: most are copies of a few shared [`Name`]s,
/// whose text is then hashed once rather than at every use.
#[derive(Default)]
struct Table<'h> {
    by_place: FxHashMap<usize, Ref>,
    by_text: FxHashMap<&'h str, Ref>,
    strings: Vec<&'h str>,
}

/// Where a name's text lies: the same for every copy of one name.
fn place(name: &Name) -> usize {
    std::sync::Arc::as_ptr(&name.0) as usize
}

impl<'h> Table<'h> {
    fn put(&mut self, name: &'h Name) {
        let Self {
            by_place,
            by_text,
            strings,
        } = self;
        by_place.entry(place(name)).or_insert_with(|| {
            *by_text.entry(name).or_insert_with(|| {
                strings.push(name);
                strings.len() as Ref
            })
        });
    }

    fn put_opt(&mut self, name: Option<&'h Name>) {
        if let Some(name) = name {
            self.put(name);
        }
    }

    fn get(&self, name: &Name) -> Ref {
        self.by_place.get(&place(name)).copied().unwrap_or_default()
    }

    fn get_opt(&self, name: Option<&Name>) -> Ref {
        name.map_or(0, |name| self.get(name))
    }
}

fn days(date: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&date)
}

/// A sequence serialized from an iterator as it is consumed.
struct Lazy<I>(RefCell<Option<I>>);

impl<I> Lazy<I> {
    fn new(items: I) -> Self {
        Lazy(RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Lazy<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => serializer.collect_seq(items),
            None => serializer.collect_seq(std::iter::empty::<T>()),
        }
    }
}

pub fn serialize<S: Serializer>(history: &History, serializer: S) -> Result<S::Ok, S::Error> {
    let mut table = Table::default();
    for o in &history.observations {
        table.put_opt(o.person.as_ref());
        table.put(&o.id);
        table.put(&o.field);
        table.put_opt(o.commit.as_ref());
    }
    for e in &history.events {
        table.put_opt(e.person.as_ref());
        table.put(&e.id);
        table.put(&e.field);
        table.put_opt(e.commit.as_ref());
    }
    let table = &table;
    // Values are written from where they are, not copied.
    let observations = history
        .observations
        .iter()
        .map(|o| -> PackedObservation<&Val> {
            (
                days(o.date),
                table.get_opt(o.person.as_ref()),
                table.get(&o.id),
                o.kind,
                table.get(&o.field),
                &o.value,
                o.target,
                table.get_opt(o.commit.as_ref()),
            )
        });
    let events = history.events.iter().map(|e| -> PackedEvent<&Val> {
        (
            days(e.date),
            table.get_opt(e.person.as_ref()),
            table.get(&e.id),
            e.kind,
            e.item,
            table.get(&e.field),
            e.from.as_ref(),
            e.to.as_ref(),
            table.get_opt(e.commit.as_ref()),
        )
    });
    let mut packed = serializer.serialize_struct("Packed", 6)?;
    packed.serialize_field("strings", &table.strings)?;
    packed.serialize_field("observations", &Lazy::new(observations))?;
    packed.serialize_field("events", &Lazy::new(events))?;
    packed.serialize_field("warnings", &history.warnings)?;
    packed.serialize_field("commits", &history.commits)?;
    packed.serialize_field("shallow", &history.shallow)?;
    packed.end()
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<History, D::Error> {
    deserializer.deserialize_struct("Packed", FIELDS, PackedVisitor)
}

const FIELDS: &[&str] = &[
    "strings",
    "observations",
    "events",
    "warnings",
    "commits",
    "shallow",
];

/// Reads the packed form straight into a [`History`]: each observation
/// and event is unpacked as it is read, into a list made once at its
/// size, with no packed copy of the whole list in between.
struct PackedVisitor;

impl<'de> Visitor<'de> for PackedVisitor {
    type Value = History;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a packed history")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<History, A::Error> {
        let missing = |n| A::Error::invalid_length(n, &self);
        let strings: Vec<String> = seq.next_element()?.ok_or_else(|| missing(0))?;
        // Each string becomes one shared value, whatever number of
        // observations name it.
        let strings: Vec<Name> = strings.iter().map(|s| Name::from(s.as_str())).collect();
        let names = Names(&strings);
        let observations = seq
            .next_element_seed(Rows::new(|row: PackedObservation| {
                let (d, person, id, kind, field, value, target, commit) = row;
                Ok(Observation {
                    date: date(d)?,
                    person: names.get(person)?,
                    id: names.need(id)?,
                    kind,
                    field: names.need(field)?,
                    value,
                    target,
                    commit: names.get(commit)?,
                })
            }))?
            .ok_or_else(|| missing(1))?;
        let events = seq
            .next_element_seed(Rows::new(|row: PackedEvent| {
                let (d, person, id, kind, item, field, from, to, commit) = row;
                Ok(Event {
                    date: date(d)?,
                    person: names.get(person)?,
                    id: names.need(id)?,
                    kind,
                    item,
                    field: names.need(field)?,
                    from,
                    to,
                    commit: names.get(commit)?,
                })
            }))?
            .ok_or_else(|| missing(2))?;
        Ok(History {
            observations,
            events,
            warnings: seq.next_element()?.ok_or_else(|| missing(3))?,
            commits: seq.next_element()?.ok_or_else(|| missing(4))?,
            shallow: seq.next_element()?.ok_or_else(|| missing(5))?,
        })
    }
}

/// The string table, by reference.
#[derive(Clone, Copy)]
struct Names<'s>(&'s [Name]);

impl Names<'_> {
    fn get(self, r: Ref) -> Result<Option<Name>, &'static str> {
        match r {
            0 => Ok(None),
            r => self
                .0
                .get(r as usize - 1)
                .cloned()
                .map(Some)
                .ok_or("string index out of range"),
        }
    }

    fn need(self, r: Ref) -> Result<Name, &'static str> {
        self.get(r)?.ok_or("missing string")
    }
}

fn date(days: i32) -> Result<NaiveDate, &'static str> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or("bad date")
}

/// A list whose packed rows `P` are unpacked into `T` by the function as
/// they are read.
struct Rows<P, T, F>(F, PhantomData<fn(P) -> T>);

impl<P, T, F> Rows<P, T, F> {
    fn new(unpack: F) -> Self {
        Rows(unpack, PhantomData)
    }
}

/// More rows than this are not made room for ahead: a damaged length
/// would otherwise ask for any amount of memory.
const MAX_PREALLOCATED: usize = 1 << 22;

impl<'de, P, T, F> DeserializeSeed<'de> for Rows<P, T, F>
where
    P: Deserialize<'de>,
    F: FnMut(P) -> Result<T, &'static str>,
{
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, P, T, F> Visitor<'de> for Rows<P, T, F>
where
    P: Deserialize<'de>,
    F: FnMut(P) -> Result<T, &'static str>,
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of packed rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_PREALLOCATED));
        while let Some(row) = seq.next_element()? {
            rows.push((self.0)(row).map_err(A::Error::custom)?);
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Wrapped(
        #[serde(serialize_with = "serialize", deserialize_with = "deserialize")] History,
    );

    fn observation(id: Name, value: f64, commit: Name) -> Observation {
        Observation {
            date: NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date"),
            person: None,
            id,
            kind: ItemKind::Metric,
            field: Name::from("2026-01"),
            value: Val::Num(value),
            target: Some(10.0),
            commit: Some(commit),
        }
    }

    fn history(observations: Vec<Observation>) -> History {
        History {
            observations,
            commits: 2,
            ..History::default()
        }
    }

    #[test]
    fn equal_names_are_stored_once_whether_shared_or_not() {
        let (id, commit) = (Name::from("revenue"), Name::from("c1"));
        let shared = history(vec![
            observation(id.clone(), 1.0, commit.clone()),
            observation(id, 2.0, commit),
        ]);
        let apart = history(vec![
            observation(Name::from("revenue"), 1.0, Name::from("c1")),
            observation(Name::from("revenue"), 2.0, Name::from("c1")),
        ]);
        let bytes = postcard::to_allocvec(&Wrapped(shared)).expect("serialized");
        assert_eq!(
            postcard::to_allocvec(&Wrapped(apart)).expect("serialized"),
            bytes
        );
        let Wrapped(back) = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(back.observations.len(), 2);
        assert_eq!(&*back.observations[1].id, "revenue");
        assert_eq!(back.observations[1].value, Val::Num(2.0));
        assert_eq!(back.observations[0].commit.as_deref(), Some("c1"));
    }
}
