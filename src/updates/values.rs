//! A value typed for an item, written to its one place: which field of
//! which item takes it, for `record ID VALUE`, a review's answers and (for
//! the skills) a review's levels. A metric takes a reading for the month,
//! a key result or annual objective its `current`, a relationship goal its
//! count, a skill its level; a key result that `measures` a source holds
//! no value of its own, and the value goes to the source.

use chrono::NaiveDate;

use crate::edit::{FileEdit, Transaction};
use crate::error::Error;
use crate::item::ItemKind;
use crate::load::Plan;
use crate::value::{self, Period, Typed};
use crate::yaml::{self, New, Place};

use super::{
    Item, bump_as_of, find, key_result, mark_done, parse_count, parse_level, parse_value, unit_of,
};

/// Who writes a value. `record` and a review write the same values to the
/// same places, and differ on purpose in what they accept and say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    /// `roadmap record ID VALUE`: `done` marks the item done; a value for
    /// a key result that measures a milestone is read in the key result's
    /// unit (`1 talk`); a problem names the item's kind and unit.
    Record,
    /// A review's answers: a problem names the item's id.
    Review,
}

/// What [`write_value`] wrote, for the line that says so.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wrote {
    /// The item written: for a key result that measures a source, the
    /// source.
    pub id: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// A value, as written, and the one it replaced; for a metric, the
    /// month of the reading.
    Value {
        old: Option<String>,
        new: String,
        month: Option<Period>,
    },
    /// Marked done (`true`), or a measured milestone left open (`false`).
    Done(bool),
}

/// Writes `value`, as typed for the item `id`, to its one place, and moves
/// the file's `as_of` to `day`. Nothing is written until the transaction
/// is.
pub(crate) fn write_value(
    tx: &mut Transaction,
    plan: &Plan,
    (id, item): (&str, &Item),
    value: &str,
    day: NaiveDate,
    writer: Writer,
) -> Result<Wrote, Error> {
    if let Some(source) = measured(plan, item) {
        let unit = unit_of(plan, item);
        return write_to_source(tx, plan, id, (&source, unit), value, day, writer);
    }
    let wrote = |change| {
        Ok(Wrote {
            id: id.to_owned(),
            change,
        })
    };
    if writer == Writer::Record && value.trim() == "done" {
        mark_done(tx, item, day)?;
        return wrote(Change::Done(true));
    }
    let (key, after, written) = match item.kind {
        ItemKind::Metric | ItemKind::KeyResult | ItemKind::AnnualObjective => {
            let unit = unit_of(plan, item);
            let typed = parse_value(value, unit.as_deref())
                .map_err(|e| writer.about((id, item), unit.as_deref(), &e))?;
            let (old, new) = write_amount(tx, item, typed, day)?;
            let month = (item.kind == ItemKind::Metric).then(|| Period::month_of(day));
            return wrote(Change::Value { old, new, month });
        }
        ItemKind::Skill => (
            "level",
            "area",
            parse_level(value).map_err(|e| writer.about((id, item), None, &e))?,
        ),
        ItemKind::Relationship => (
            "current",
            "target",
            parse_count(value)
                .map(i64::from)
                .map_err(|e| writer.about((id, item), None, &e))?,
        ),
        other => return Err(takes_no_value(id, other)),
    };
    let written = written.to_string();
    let old = tx.open(&item.file)?.scalar(&item.at.at(key));
    super::set_field(tx, &item.file, &item.at, key, &written, after, day)?;
    wrote(Change::Value {
        old,
        new: written,
        month: None,
    })
}

/// Why an item of this kind takes no value, and what it takes instead.
fn takes_no_value(id: &str, kind: ItemKind) -> Error {
    Error::Usage(match kind {
        ItemKind::Objective => format!(
            "`{id}` is a quarterly objective: record its key results, or `roadmap record done {id}`"
        ),
        ItemKind::Milestone => format!(
            "`{id}` is a milestone: it takes no value; when it is done, `roadmap record done {id}`"
        ),
        ItemKind::Habit => format!(
            "`{id}` is a habit: it takes no value; check it in with `roadmap record checkin {id}`"
        ),
        _ => format!("`{id}` takes no value"),
    })
}

/// The id a key result `measures`, when `item` is one that does.
pub(crate) fn measured(plan: &Plan, item: &Item) -> Option<String> {
    key_result(plan, item)?.measures.clone()
}

/// A value given for the key result `id`, which measures `source` (in the
/// key result's `unit`), is the source's: written there, or refused with a
/// pointer when it cannot be. A milestone is done at 1 or more.
fn write_to_source(
    tx: &mut Transaction,
    plan: &Plan,
    id: &str,
    (source, unit): (&str, Option<String>),
    value: &str,
    day: NaiveDate,
    writer: Writer,
) -> Result<Wrote, Error> {
    let item = find(
        tx.root(),
        plan,
        day,
        source,
        "metric, relationship goal or milestone",
        |i| {
            matches!(
                i.kind,
                ItemKind::Metric | ItemKind::Relationship | ItemKind::Milestone
            )
        },
    )?;
    if item.kind != ItemKind::Milestone {
        return write_value(tx, plan, (source, &item), value, day, writer);
    }
    let number = match writer {
        // Typed as the key result shows it: `1 talk`, `0 talks`, `done`.
        Writer::Record if value.trim() == "done" => 1.0,
        Writer::Record => {
            parse_value(value, unit.as_deref())
                .map_err(|e| Error::Usage(format!("{id}: {e}")))?
                .value
        }
        Writer::Review => {
            parse_value(value, None)
                .map_err(|e| review_about(id, &e))?
                .value
        }
    };
    let done = crate::link::source(plan, source)
        .and_then(|s| s.value(None))
        .is_some_and(|v| v >= 1.0);
    if number >= 1.0 && !done {
        mark_done(tx, &item, day)?;
    } else if number < 1.0 && done {
        return Err(Error::Usage(format!(
            "{id} measures milestone `{source}`, which is done: to reopen it, change its \
             `status` in {}; nothing was changed",
            item.file
        )));
    }
    Ok(Wrote {
        id: source.to_owned(),
        change: Change::Done(number >= 1.0),
    })
}

/// Writes a number to the item that takes one: a metric's reading for
/// the month of `day` (the file's first reading adds `actuals`), a key
/// result's or annual objective's `current`. Written as typed, or in the
/// style its file uses when the unit was left out (`20.6` after `20.4%` is
/// written `20.6%`); the file's `as_of` moves to `day`. Returns the value
/// it replaces and the value, as written.
pub(crate) fn write_amount(
    tx: &mut Transaction,
    item: &Item,
    mut typed: Typed,
    day: NaiveDate,
) -> Result<(Option<String>, String), Error> {
    let edit = tx.open(&item.file)?;
    let (map, key, place) = if item.kind == ItemKind::Metric {
        let month = Period::month_of(day).to_string();
        (item.at.at("actuals"), month, Place::Sorted)
    } else {
        (
            item.at.clone(),
            "current".to_owned(),
            Place::After("target"),
        )
    };
    typed.text = value::in_style_of(&typed.text, written_last(edit, item).as_deref());
    let old = edit.scalar(&map.at(key.as_str()));
    if edit.has(&map)? {
        edit.upsert_amount(&map, &key, &typed.text, typed.value, place)?;
    } else {
        let reading = New::Scalar(yaml::amount(&typed.text, typed.value));
        let actuals = New::Map(vec![(key, reading)]);
        edit.insert(&item.at, "actuals", &actuals, Place::Last)?;
    }
    bump_as_of(tx, &item.file, day)?;
    Ok((old, typed.text))
}

/// The value written last for an item, as its file writes it (for a
/// metric, its latest reading): the style a new value follows when the
/// person leaves the unit out.
fn written_last(edit: &FileEdit, item: &Item) -> Option<String> {
    match item.kind {
        ItemKind::Metric => edit.last_scalar(&item.at.at("actuals")),
        _ => edit
            .scalar(&item.at.at("current"))
            .or_else(|| edit.scalar(&item.at.at("target"))),
    }
}

impl Writer {
    /// A value's problem, said of the item it was typed for.
    fn about(self, (id, item): (&str, &Item), unit: Option<&str>, err: &Error) -> Error {
        if self == Writer::Review {
            return review_about(id, err);
        }
        let unit = unit
            .filter(|u| !u.trim().is_empty())
            .map(|u| format!(", in {u}"))
            .unwrap_or_default();
        Error::Usage(format!(
            "`{id}` ({}{unit}): {err}; nothing was changed",
            item.kind.label()
        ))
    }
}

/// A value's problem as a review says it, of the id it was given for.
pub(super) fn review_about(id: &str, err: &Error) -> Error {
    Error::Usage(format!("{id}: {err}; nothing was changed"))
}
