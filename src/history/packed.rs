//! The replay cache's form of a [`History`]: most of the cache is its
//! observations and events, and most of those are the same few strings
//! (ids, fields, commit ids) over and over. Written once as a table and
//! referred to by index, the cache is a fraction of the size and loads in
//! a fraction of the time. Observations and events are written as they
//! are packed, never collected: a long history is not held twice.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Event, EventKind, History, ItemKind, Name, Observation, Val};

/// An optional string: 0 for none, else its index in the table plus one.
type Ref = u32;

/// date (days from the common era), person, id, kind, field, value,
/// target, commit.
type PackedObservation = (i32, Ref, Ref, ItemKind, Ref, Val, Option<f64>, Ref);

/// date, person, id, kind, item, field, from, to, commit.
type PackedEvent = (
    i32,
    Ref,
    Ref,
    EventKind,
    ItemKind,
    Ref,
    Option<Val>,
    Option<Val>,
    Ref,
);

/// The packed form as it is read back.
#[derive(Deserialize)]
struct Packed {
    strings: Vec<String>,
    observations: Vec<PackedObservation>,
    events: Vec<PackedEvent>,
    warnings: Vec<String>,
    commits: usize,
    shallow: bool,
}

#[derive(Default)]
struct Table<'h> {
    index: HashMap<&'h str, Ref>,
    strings: Vec<&'h str>,
}

impl<'h> Table<'h> {
    fn put(&mut self, s: &'h str) {
        if !self.index.contains_key(s) {
            self.strings.push(s);
            self.index.insert(s, self.strings.len() as Ref);
        }
    }

    fn put_opt(&mut self, s: Option<&'h str>) {
        if let Some(s) = s {
            self.put(s);
        }
    }

    fn get(&self, s: &str) -> Ref {
        self.index.get(s).copied().unwrap_or_default()
    }

    fn get_opt(&self, s: Option<&str>) -> Ref {
        s.map_or(0, |s| self.get(s))
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
        table.put_opt(o.person.as_deref());
        table.put(&o.id);
        table.put(&o.field);
        table.put_opt(o.commit.as_deref());
    }
    for e in &history.events {
        table.put_opt(e.person.as_deref());
        table.put(&e.id);
        table.put(&e.field);
        table.put_opt(e.commit.as_deref());
    }
    let table = &table;
    let observations = history.observations.iter().map(|o| -> PackedObservation {
        (
            days(o.date),
            table.get_opt(o.person.as_deref()),
            table.get(&o.id),
            o.kind,
            table.get(&o.field),
            o.value.clone(),
            o.target,
            table.get_opt(o.commit.as_deref()),
        )
    });
    let events = history.events.iter().map(|e| -> PackedEvent {
        (
            days(e.date),
            table.get_opt(e.person.as_deref()),
            table.get(&e.id),
            e.kind,
            e.item,
            table.get(&e.field),
            e.from.clone(),
            e.to.clone(),
            table.get_opt(e.commit.as_deref()),
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
    use serde::de::Error as _;
    let packed = Packed::deserialize(deserializer)?;
    // Each string becomes one shared value, whatever number of
    // observations name it.
    let strings: Vec<Name> = packed
        .strings
        .iter()
        .map(|s| Name::from(s.as_str()))
        .collect();
    let get = |r: Ref| -> Result<Option<Name>, D::Error> {
        match r {
            0 => Ok(None),
            r => strings
                .get(r as usize - 1)
                .cloned()
                .map(Some)
                .ok_or_else(|| D::Error::custom("string index out of range")),
        }
    };
    let need = |r: Ref| get(r)?.ok_or_else(|| D::Error::custom("missing string"));
    let date = |d: i32| {
        NaiveDate::from_num_days_from_ce_opt(d).ok_or_else(|| D::Error::custom("bad date"))
    };
    let observations = packed
        .observations
        .into_iter()
        .map(|(d, person, id, kind, field, value, target, commit)| {
            Ok(Observation {
                date: date(d)?,
                person: get(person)?,
                id: need(id)?,
                kind,
                field: need(field)?,
                value,
                target,
                commit: get(commit)?,
            })
        })
        .collect::<Result<_, D::Error>>()?;
    let events = packed
        .events
        .into_iter()
        .map(|(d, person, id, kind, item, field, from, to, commit)| {
            Ok(Event {
                date: date(d)?,
                person: get(person)?,
                id: need(id)?,
                kind,
                item,
                field: need(field)?,
                from,
                to,
                commit: get(commit)?,
            })
        })
        .collect::<Result<_, D::Error>>()?;
    Ok(History {
        observations,
        events,
        warnings: packed.warnings,
        commits: packed.commits,
        shallow: packed.shallow,
    })
}
