//! How a [`History`] holds its observations and events: as fixed-size
//! rows that name their series, value and commit by number, beside one
//! table of the names they share.
//!
//! A team's history holds millions of observations that repeat the same
//! few thousand ids and fields; a row is 32 bytes where an observation
//! with its own names was 80, and the rows are what the replay cache
//! stores, so reading it back is little more than copying them. The
//! [`Observation`] and [`Event`] a caller sees are views made as it
//! iterates.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike as _, NaiveDate};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{EventKind, Interned, ItemKind, SeriesKey, Val};
use crate::git::PlanCommit;

/// Every name the replay meets (ids, fields, scopes, people, text values).
pub(super) type Names = Interned<String>;

impl Names {
    pub(super) fn name(&mut self, name: &str) -> u32 {
        self.intern(name)
    }

    /// A person's name; the empty name is the single plan in `plans/`.
    fn person(&self, number: u32) -> Option<&str> {
        let name = self.get(number);
        (!name.is_empty()).then_some(name.as_str())
    }
}

/// The series the replay has met, each with its number.
pub(super) type Series = Interned<SeriesKey>;

/// What rows refer to by number.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Tables {
    pub(super) names: Names,
    pub(super) series: Series,
    /// The commits replayed, in order.
    pub(super) commits: Vec<CommitName>,
    /// The name of each day a habit was marked: a habit's observations
    /// are one series, the habit, and each is about its day.
    days: FxHashMap<i32, u32>,
}

/// A commit rows name: its id, and its subject kept beside it, so that
/// what shows a value's commit never reads the commit again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct CommitName {
    id: String,
    subject: String,
}

/// A value's text slot when the value is a number.
const NUMBER: u32 = u32::MAX;
/// A value's text slot when there is no value.
const ABSENT: u32 = u32::MAX - 1;
/// A row's commit when it records an uncommitted edit.
const UNCOMMITTED: u32 = u32::MAX;

/// A value as a row holds it: a number, or a text by its number in
/// [`Names`], or nothing. Two slots rather than an enum, so that rows pack
/// without padding.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    text: u32,
    number: f64,
}

impl Cell {
    pub(super) const ABSENT: Cell = Cell {
        text: ABSENT,
        number: 0.0,
    };

    pub(super) fn new(value: &Val, names: &mut Names) -> Cell {
        match value {
            Val::Num(number) => Cell {
                text: NUMBER,
                number: *number,
            },
            Val::Text(text) => Cell {
                text: names.name(text),
                number: 0.0,
            },
        }
    }

    /// Whether this is `value`, compared as values are (a number by `==`).
    #[allow(clippy::float_cmp)] // the same reading, not a near one
    pub(super) fn is(self, value: &Val, names: &Names) -> bool {
        match value {
            Val::Num(number) => self.text == NUMBER && self.number == *number,
            Val::Text(text) => self.text < ABSENT && names.get(self.text) == text.as_str(),
        }
    }

    pub(super) fn number(self) -> Option<f64> {
        (self.text == NUMBER).then_some(self.number)
    }

    fn val(self, names: &Names) -> Option<Val> {
        match self.text {
            NUMBER => Some(Val::Num(self.number)),
            ABSENT => None,
            text => Some(Val::Text(names.get(text).to_owned())),
        }
    }
}

/// An optional number in one word. `None` is a NaN that no number is
/// stored as: a NaN read from a file is stored as the usual one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct MaybeNum(u64);

const NO_NUMBER: u64 = f64::NAN.to_bits() | 1;

impl MaybeNum {
    pub(super) fn new(number: Option<f64>) -> MaybeNum {
        MaybeNum(match number {
            None => NO_NUMBER,
            Some(n) if n.is_nan() => f64::NAN.to_bits(),
            Some(n) => n.to_bits(),
        })
    }

    pub(super) fn get(self) -> Option<f64> {
        (self.0 != NO_NUMBER).then(|| f64::from_bits(self.0))
    }
}

impl std::fmt::Debug for MaybeNum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for MaybeNum {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for MaybeNum {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(MaybeNum::new(Option::deserialize(deserializer)?))
    }
}

/// Days from the common era: what a row stores of a date.
pub(super) fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a row's day. Rows come in date order, dozens to a day, so
/// the last day's date is kept (one per thread) rather than worked out
/// again for each of them.
fn date(day: i32) -> NaiveDate {
    thread_local! {
        static LAST: std::cell::Cell<Option<(i32, NaiveDate)>> =
            const { std::cell::Cell::new(None) };
    }
    LAST.with(|last| match last.get() {
        Some((known, date)) if known == day => date,
        _ => {
            let date = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
            last.set(Some((day, date)));
            date
        }
    })
}

/// One observation: a series' value (and target) at a date.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Row {
    number: f64,
    target: MaybeNum,
    pub(super) day: i32,
    series: u32,
    commit: u32,
    text: u32,
}

/// One event of a series.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct EventRow {
    from_number: f64,
    to_number: f64,
    pub(super) day: i32,
    series: u32,
    commit: u32,
    from_text: u32,
    to_text: u32,
    kind: EventKind,
}

impl EventRow {
    pub(super) fn is_done(&self) -> bool {
        self.kind == EventKind::Done
    }
}

/// A series' last value and target, as the replay state holds them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Last {
    number: f64,
    target: MaybeNum,
    text: u32,
}

impl Last {
    pub(super) const NONE: Last = Last {
        number: 0.0,
        target: MaybeNum(NO_NUMBER),
        text: ABSENT,
    };

    pub(super) fn is_some(&self) -> bool {
        self.text != ABSENT
    }

    pub(super) fn new(value: Cell, target: Option<f64>) -> Last {
        Last {
            number: value.number,
            target: MaybeNum::new(target),
            text: value.text,
        }
    }

    pub(super) fn value(self) -> Cell {
        Cell {
            text: self.text,
            number: self.number,
        }
    }

    pub(super) fn target(self) -> Option<f64> {
        self.target.get()
    }
}

/// Everything the history says.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct History {
    pub(super) tables: Arc<Tables>,
    #[serde(deserialize_with = "super::exact")]
    pub(super) observation_rows: Vec<Row>,
    #[serde(deserialize_with = "super::exact")]
    pub(super) event_rows: Vec<EventRow>,
    /// Non-fatal problems: old files that did not parse.
    pub warnings: Vec<String>,
    /// Commits read (that changed `plans/`).
    pub commits: usize,
    /// True when the repository is a shallow clone: history starts at its
    /// boundary.
    pub shallow: bool,
    /// True when uncommitted edits of `plans/` were read into it.
    #[serde(skip)]
    pub edited: bool,
}

/// A dated value of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation<'h> {
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'h str>,
    pub id: &'h str,
    pub kind: ItemKind,
    /// The period of the plan the item belongs to (`2026-Q4` for a
    /// quarter's key result): the same id in two quarters is two series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<&'h str>,
    pub field: &'h str,
    pub value: Val,
    pub target: Option<f64>,
    /// The commit that recorded it; `None` for an uncommitted edit.
    pub commit: Option<&'h str>,
}

/// Something that happened to an item, derived from its observations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event<'h> {
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<&'h str>,
    pub id: &'h str,
    pub kind: EventKind,
    pub item: ItemKind,
    pub field: &'h str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Val>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Val>,
    pub commit: Option<&'h str>,
}

/// What a row says of its series: person, id, kind and field.
struct About<'h> {
    person: Option<&'h str>,
    id: &'h str,
    kind: ItemKind,
    field: &'h str,
    scope: &'h str,
}

impl Tables {
    /// What the row of `series` on `day` is about.
    fn about(&self, series: u32, day: i32) -> About<'_> {
        let key = self.series.get(series);
        let field = match key.kind {
            ItemKind::Habit => self.days.get(&day).copied().unwrap_or(key.field),
            _ => key.field,
        };
        About {
            person: self.names.person(key.person),
            id: self.names.get(key.id),
            kind: key.kind,
            field: self.names.get(field),
            scope: self.names.get(key.scope),
        }
    }

    /// Names `date` as the field of the habits marked on it.
    pub(super) fn name_day(&mut self, date: NaiveDate) {
        if let std::collections::hash_map::Entry::Vacant(entry) = self.days.entry(day(date)) {
            entry.insert(self.names.name(&date.to_string()));
        }
    }

    fn commit(&self, commit: u32) -> Option<&str> {
        self.commits.get(commit as usize).map(|c| c.id.as_str())
    }

    fn subject(&self, commit: u32) -> Option<&str> {
        self.commits
            .get(commit as usize)
            .map(|c| c.subject.as_str())
    }

    /// The number a row gives `commit` (`None`: uncommitted).
    pub(super) fn commit_number(&mut self, commit: Option<&PlanCommit>) -> u32 {
        match commit {
            None => UNCOMMITTED,
            Some(commit) => {
                self.commits.push(CommitName {
                    id: commit.id.clone(),
                    subject: commit.subject.clone(),
                });
                self.commits.len() as u32 - 1
            }
        }
    }
}

impl Row {
    pub(super) fn new(day: i32, series: u32, value: Cell, target: Option<f64>, commit: u32) -> Row {
        Row {
            number: value.number,
            target: MaybeNum::new(target),
            day,
            series,
            commit,
            text: value.text,
        }
    }
}

impl EventRow {
    pub(super) fn new(
        day: i32,
        series: u32,
        kind: EventKind,
        from: Cell,
        to: Cell,
        commit: u32,
    ) -> EventRow {
        EventRow {
            from_number: from.number,
            to_number: to.number,
            day,
            series,
            commit,
            from_text: from.text,
            to_text: to.text,
            kind,
        }
    }
}

impl History {
    /// The observations, in date order (the replay's order within a day).
    pub fn observations(
        &self,
    ) -> impl DoubleEndedIterator<Item = Observation<'_>> + ExactSizeIterator + Clone + '_ {
        self.observation_rows
            .iter()
            .map(|row| self.observation(row))
    }

    /// The observations of the kinds `kinds` accepts, in date order:
    /// a reader of one kind (a skill's levels among a team's habit days)
    /// does not make a view of every other row.
    pub fn observations_of<'h>(
        &'h self,
        kinds: impl Fn(ItemKind) -> bool + 'h,
    ) -> impl Iterator<Item = Observation<'h>> + 'h {
        self.observation_rows
            .iter()
            .filter(move |row| kinds(self.tables.series.get(row.series).kind))
            .map(|row| self.observation(row))
    }

    /// Keeps the observations whose person and kind `keep` accepts, in
    /// date order, and lets go of the rest.
    pub fn retain_observations(&mut self, mut keep: impl FnMut(Option<&str>, ItemKind) -> bool) {
        let tables = &*self.tables;
        self.observation_rows.retain(|row| {
            let key = tables.series.get(row.series);
            keep(tables.names.person(key.person), key.kind)
        });
        self.observation_rows.shrink_to_fit();
    }

    /// How many observations there are.
    pub fn observation_count(&self) -> usize {
        self.observation_rows.len()
    }

    /// The observation at `index` in [`History::observations`].
    pub fn observation_at(&self, index: usize) -> Observation<'_> {
        self.observation(&self.observation_rows[index])
    }

    fn observation(&self, row: &Row) -> Observation<'_> {
        let tables = &*self.tables;
        let about = tables.about(row.series, row.day);
        let value = Cell {
            text: row.text,
            number: row.number,
        };
        Observation {
            date: date(row.day),
            person: about.person,
            id: about.id,
            kind: about.kind,
            period: Some(about.scope).filter(|s| !s.is_empty()),
            field: about.field,
            value: value.val(&tables.names).unwrap_or(Val::Num(f64::NAN)),
            target: row.target.get(),
            commit: tables.commit(row.commit),
        }
    }

    /// The observations of `person` (`None`: the single plan in
    /// `plans/`), grouped by id in one pass over the rows: what reads many
    /// items' observations does not search the whole history for each.
    pub fn by_id(&self, person: Option<&str>) -> ById<'_> {
        let tables = &*self.tables;
        let mut rows: FxHashMap<&str, Vec<&Row>> = FxHashMap::default();
        for row in &self.observation_rows {
            let key = tables.series.get(row.series);
            if tables.names.person(key.person) == person {
                rows.entry(tables.names.get(key.id)).or_default().push(row);
            }
        }
        ById {
            history: self,
            rows,
        }
    }

    /// The events, in date order.
    pub fn events(
        &self,
    ) -> impl DoubleEndedIterator<Item = Event<'_>> + ExactSizeIterator + Clone + '_ {
        self.event_rows.iter().map(|row| {
            let tables = &*self.tables;
            let about = tables.about(row.series, row.day);
            let cell = |text, number| Cell { text, number }.val(&tables.names);
            Event {
                date: date(row.day),
                person: about.person,
                id: about.id,
                kind: row.kind,
                item: about.kind,
                field: about.field,
                from: cell(row.from_text, row.from_number),
                to: cell(row.to_text, row.to_number),
                commit: tables.commit(row.commit),
            }
        })
    }

    /// The history of each person (`None`: the single plan in `plans/`),
    /// sharing this one's names. Taken apart, so its rows are freed once
    /// copied into the parts rather than held beside them.
    pub fn by_person(mut self) -> BTreeMap<Option<String>, History> {
        let tables = &*self.tables;
        // Each series' part, and each part's rows counted before they are
        // copied: a team's ten years are millions of rows, which growing
        // vectors would copy over and over.
        let mut people: Vec<u32> = Vec::new();
        let mut numbered: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
        let part_of: Vec<usize> = tables
            .series
            .list
            .iter()
            .map(|series| {
                *numbered.entry(series.person).or_insert_with(|| {
                    people.push(series.person);
                    people.len() - 1
                })
            })
            .collect();
        let mut counts = vec![(0, 0); people.len()];
        for row in &self.observation_rows {
            counts[part_of[row.series as usize]].0 += 1;
        }
        for row in &self.event_rows {
            counts[part_of[row.series as usize]].1 += 1;
        }
        let mut parts: Vec<History> = counts
            .iter()
            .map(|&(observations, _)| History {
                tables: Arc::clone(&self.tables),
                observation_rows: Vec::with_capacity(observations),
                commits: self.commits,
                shallow: self.shallow,
                edited: self.edited,
                ..History::default()
            })
            .collect();
        // The observations, then the events: each whole is freed once
        // copied, so the two are never held twice at once.
        for row in std::mem::take(&mut self.observation_rows) {
            parts[part_of[row.series as usize]]
                .observation_rows
                .push(row);
        }
        for (part, (_, events)) in parts.iter_mut().zip(counts) {
            part.event_rows.reserve_exact(events);
        }
        for row in std::mem::take(&mut self.event_rows) {
            parts[part_of[row.series as usize]].event_rows.push(row);
        }
        people
            .into_iter()
            .zip(parts)
            .filter(|(_, part)| !part.observation_rows.is_empty() || !part.event_rows.is_empty())
            .map(|(number, part)| (tables.names.person(number).map(str::to_owned), part))
            .collect()
    }

    /// Puts observations and events in date order, keeping the replay's
    /// order within a day.
    pub(super) fn by_date(&mut self) {
        if !self.observation_rows.is_sorted_by_key(|r| r.day) {
            self.observation_rows.sort_by_key(|r| r.day);
        }
        if !self.event_rows.is_sorted_by_key(|e| e.day) {
            self.event_rows.sort_by_key(|e| e.day);
        }
    }
}

/// One person's observations by id (see [`History::by_id`]); the view of
/// a row is made only when its id is asked for.
pub struct ById<'h> {
    history: &'h History,
    rows: FxHashMap<&'h str, Vec<&'h Row>>,
}

/// An observation, and the subject of the commit that recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded<'h> {
    pub observation: Observation<'h>,
    /// The first line of the commit's message; `None` for an uncommitted
    /// edit.
    pub subject: Option<&'h str>,
}

impl<'h> ById<'h> {
    /// The observations of `id`, in date order.
    pub fn of(&self, id: &str) -> impl DoubleEndedIterator<Item = Recorded<'h>> + Clone + '_ {
        let history = self.history;
        self.rows
            .get(id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(move |row| Recorded {
                observation: history.observation(row),
                subject: history.tables.subject(row.commit),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_small() {
        assert_eq!(std::mem::size_of::<Row>(), 32);
        assert_eq!(std::mem::size_of::<EventRow>(), 40);
        assert_eq!(std::mem::size_of::<Last>(), 24);
    }

    #[test]
    fn rows_are_read_back_alike() {
        let cell = |text: u32, number: f64| Cell { text, number };
        let kinds = [
            EventKind::Done,
            EventKind::TargetRaised,
            EventKind::TargetLowered,
            EventKind::Ended,
        ];
        let n = 50;
        let history = History {
            observation_rows: (0..n)
                .map(|i| {
                    let target = (i % 3 == 0).then_some(i as f64 / 7.0);
                    let value = match i % 4 {
                        0 => cell(NUMBER, -(i as f64) - 0.5),
                        1 => cell(i as u32, 0.0),
                        2 => cell(NUMBER, f64::NAN),
                        _ => Cell::ABSENT,
                    };
                    let commit = if i % 5 == 0 { UNCOMMITTED } else { i as u32 };
                    Row::new(i as i32 - 400, i as u32 * 3, value, target, commit)
                })
                .collect(),
            event_rows: (0..n)
                .map(|i| {
                    let (from, to) = (cell(NUMBER, i as f64), cell(i as u32, 0.0));
                    EventRow::new(-(i as i32), i as u32, kinds[i % 4], from, to, 9)
                })
                .collect(),
            ..History::default()
        };
        let bytes = postcard::to_allocvec(&history).expect("stored");
        let back: History = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(
            format!("{:?}", back.observation_rows),
            format!("{:?}", history.observation_rows)
        );
        assert_eq!(
            format!("{:?}", back.event_rows),
            format!("{:?}", history.event_rows)
        );
        // Cut short is an error, never rows made up.
        assert!(postcard::from_bytes::<History>(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn a_missing_number_is_not_a_nan_from_a_file() {
        for n in [
            None,
            Some(f64::NAN),
            Some(-f64::NAN),
            Some(0.0),
            Some(-0.0),
            Some(1e300),
        ] {
            let got = MaybeNum::new(n).get();
            assert_eq!(got.is_none(), n.is_none(), "{n:?}");
            assert_eq!(got.map(f64::is_nan), n.map(f64::is_nan), "{n:?}");
            if let (Some(got), Some(n)) = (got, n)
                && !n.is_nan()
            {
                assert_eq!(got.to_bits(), n.to_bits());
            }
        }
    }

    #[test]
    fn cells_compare_as_values() {
        let mut names = Names::default();
        let done = Cell::new(&Val::Text("done".into()), &mut names);
        assert!(done.is(&Val::Text("done".into()), &names));
        assert!(!done.is(&Val::Text("todo".into()), &names));
        assert!(!done.is(&Val::Num(0.0), &names));
        let zero = Cell::new(&Val::Num(0.0), &mut names);
        assert!(zero.is(&Val::Num(-0.0), &names));
        assert!(!zero.is(&Val::Text("0".into()), &names));
        assert!(!Cell::ABSENT.is(&Val::Num(0.0), &names));
        assert_eq!(zero.val(&names), Some(Val::Num(0.0)));
        assert_eq!(Cell::ABSENT.val(&names), None);
    }
}
