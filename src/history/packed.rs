//! The replay cache's form of a [`History`]: most of the cache is its
//! observations and events, and most of those are the same few strings
//! (ids, fields, commit ids) over and over. Written once as a table and
//! referred to by index, the cache is a fraction of the size and loads in
//! a fraction of the time.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Event, EventKind, History, ItemKind, Observation, Val};

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

#[derive(Serialize, Deserialize)]
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
    strings: Vec<String>,
}

impl<'h> Table<'h> {
    fn put(&mut self, s: &'h str) -> Ref {
        if let Some(r) = self.index.get(s) {
            return *r;
        }
        self.strings.push(s.to_owned());
        let r = self.strings.len() as Ref;
        self.index.insert(s, r);
        r
    }

    fn put_opt(&mut self, s: Option<&'h str>) -> Ref {
        s.map_or(0, |s| self.put(s))
    }
}

fn days(date: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&date)
}

pub fn serialize<S: Serializer>(history: &History, serializer: S) -> Result<S::Ok, S::Error> {
    let mut table = Table::default();
    let observations = history
        .observations
        .iter()
        .map(|o| {
            (
                days(o.date),
                table.put_opt(o.person.as_deref()),
                table.put(&o.id),
                o.kind,
                table.put(&o.field),
                o.value.clone(),
                o.target,
                table.put_opt(o.commit.as_deref()),
            )
        })
        .collect();
    let events = history
        .events
        .iter()
        .map(|e| {
            (
                days(e.date),
                table.put_opt(e.person.as_deref()),
                table.put(&e.id),
                e.kind,
                e.item,
                table.put(&e.field),
                e.from.clone(),
                e.to.clone(),
                table.put_opt(e.commit.as_deref()),
            )
        })
        .collect();
    Packed {
        strings: table.strings,
        observations,
        events,
        warnings: history.warnings.clone(),
        commits: history.commits,
        shallow: history.shallow,
    }
    .serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<History, D::Error> {
    use serde::de::Error as _;
    let packed = Packed::deserialize(deserializer)?;
    // Each string becomes one shared value, whatever number of
    // observations name it.
    let strings: Vec<Arc<str>> = packed
        .strings
        .iter()
        .map(|s| Arc::from(s.as_str()))
        .collect();
    let get = |r: Ref| -> Result<Option<Arc<str>>, D::Error> {
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
