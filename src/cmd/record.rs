//! `roadmap record`: one-line updates from the shell. Each finds the item
//! by id, changes only its value (see `updates`), checks the plan with the
//! change, writes all or none (`journal`) and, with `--commit`, commits
//! the files.

use chrono::NaiveDate;

use crate::cli::{RecordArgs, RecordWhat};
use crate::diag::YamlPath;
use crate::edit::Transaction;
use crate::error::Error;
use crate::item::ItemKind;
use crate::load::Plan;
use crate::value::{self, Period, Typed};

use super::Ctx;
use super::working::{self, Working};
use crate::updates::{self, Item, Log, career};

pub(super) fn run(ctx: &Ctx, args: &RecordArgs) -> Result<i32, Error> {
    working::stop_cleanly("record", "the change")?;
    let working = working::open(ctx, args.as_of.map(|d| d.0))?;
    let plan = working.plan()?;
    let day = working.today;
    let mut tx = Transaction::new(&working.root);
    let mut changes = Vec::new();
    let message = match &args.what {
        None => {
            let (Some(id), Some(value)) = (&args.id, &args.value) else {
                return Err(Error::Usage(
                    "record takes an ID and a VALUE, or one of done, checkin, win, learning"
                        .to_owned(),
                ));
            };
            let (message, change) = record_value(&mut tx, plan, day, id, value)?;
            changes.push(change);
            message
        }
        Some(RecordWhat::Done { ids }) => {
            for id in ids {
                let item = updates::find(
                    &working.root,
                    plan,
                    day,
                    id,
                    "objective or milestone",
                    updates::takes_done,
                )?;
                updates::mark_done(&mut tx, &item, day)?;
            }
            format!("record: {} done", ids.join(", "))
        }
        Some(RecordWhat::Checkin { habits, missed }) => {
            for habit in habits {
                updates::find(&working.root, plan, day, habit, "habit", |i| {
                    i.kind == ItemKind::Habit
                })?;
                updates::check_in(&mut tx, &plan.root, habit, day, !missed)?;
            }
            let what = if *missed { "missed" } else { "check-in" };
            format!("record: {} {what} {day}", habits.join(", "))
        }
        Some(RecordWhat::Time { category, duration }) => {
            let (message, change) = time(&mut tx, plan, category, *duration, day)?;
            changes.push(change);
            message
        }
        Some(RecordWhat::Win { text }) => {
            let text = one_line(text)?;
            updates::log(&mut tx, &working, plan, day, Log::Win(&text))?;
            format!("record: win - {text}")
        }
        Some(RecordWhat::Learning { text }) => {
            let text = one_line(text)?;
            updates::log(&mut tx, &working, plan, day, Log::Learning(&text))?;
            format!("record: learning - {text}")
        }
        Some(RecordWhat::Career { figure, value }) => {
            let value = one_line(value)?;
            let (message, change) = career::record(&mut tx, plan, day, *figure, &value)?;
            changes.push(change);
            message
        }
        Some(RecordWhat::Promotion { title }) => {
            let title = one_line(title)?;
            changes.push(career::promotion(&mut tx, plan, day, &title)?);
            format!("record: promotion - {title}")
        }
    };
    finish(ctx, &working, tx, (&message, &changes), args.commit)
}

/// Writes the change, says what changed and, with `commit`, commits it.
fn finish(
    ctx: &Ctx,
    working: &Working,
    tx: Transaction,
    (message, changes): (&str, &[String]),
    commit: bool,
) -> Result<i32, Error> {
    let written = working::write(ctx, tx, message)?;
    if written.is_empty() {
        if !ctx.quiet {
            say!("nothing to change: the plan already says so");
        }
        return Ok(0);
    }
    if !ctx.quiet {
        for change in changes {
            say!("{change}");
        }
    }
    working::updated(ctx.quiet, &working.root, &written, message, commit)?;
    Ok(0)
}

/// `record time CATEGORY DURATION`: time spent on a category of the
/// habits' time budget. Returns the commit message and the change.
fn time(
    tx: &mut Transaction,
    plan: &Plan,
    category: &str,
    duration: crate::value::Duration,
    day: NaiveDate,
) -> Result<(String, String), Error> {
    let budget = plan
        .by_kind()
        .habits
        .map(|h| h.time.clone())
        .unwrap_or_default();
    if !budget.contains_key(category) {
        let known: Vec<&str> = budget.keys().map(String::as_str).collect();
        let hint = crate::diag::did_you_mean(category, known.iter().copied()).unwrap_or_else(|| {
            if known.is_empty() {
                "give habits.yaml a time budget first, e.g. `time: {strategic: 30, tactical: 70}`"
                    .to_owned()
            } else {
                format!("the budget's categories are {}", known.join(", "))
            }
        });
        return Err(Error::Usage(format!(
            "`{category}` is not a category of the time budget in {}/habits.yaml: {hint}",
            plan.root
        )));
    }
    let total = updates::add_time(tx, &plan.root, category, day, duration)?;
    Ok((
        format!("record: {category} time {duration} {day}"),
        format!("{category}: {duration} on {day} ({total} that day)"),
    ))
}

fn one_line(words: &[String]) -> Result<String, Error> {
    let text = words.join(" ").trim().to_owned();
    if text.is_empty() {
        return Err(Error::Usage("the text is empty".to_owned()));
    }
    Ok(text)
}

/// `record ID VALUE`: a metric reading, a key result's or objective's
/// current value, a relationship goal's count or a skill's level. Returns
/// the commit message and the change as a person reads it: `id: old →
/// new`, or `id: new (new reading for 2026-11)`.
fn record_value(
    tx: &mut Transaction,
    plan: &Plan,
    day: NaiveDate,
    id: &str,
    value: &str,
) -> Result<(String, String), Error> {
    let item = updates::find(
        tx.root(),
        plan,
        day,
        id,
        "metric, key result, objective, relationship goal, skill, milestone or habit",
        |_| true,
    )?;
    // A key result that measures a source holds no value of its own: the
    // value is the source's, written there.
    if let Some(source) = super::review::measured(plan, &item) {
        let what = crate::link::source(plan, &source).map_or("item", |s| s.kind());
        if what != "milestone" {
            let (message, change) = record_value(tx, plan, day, &source, value)?;
            return Ok((message, format!("{change} ({id} measures it)")));
        }
        // Typed as the key result shows it: `1 talk`, `0 talks`, `done`.
        let count = if value.trim() == "done" {
            1.0
        } else {
            updates::parse_value(value, updates::unit_of(plan, &item).as_deref())
                .map_err(|e| Error::Usage(format!("{id}: {e}")))?
                .value
        };
        let value = count.to_string();
        let root = tx.root().to_path_buf();
        super::review::write_to_source(tx, &root, plan, id, &source, &value, day)?;
        let done = count >= 1.0;
        let state = if done { "done" } else { "not done" };
        return Ok((
            format!("record: {source} {state}"),
            format!("{source}: {state} ({id} measures it)"),
        ));
    }
    if value.trim() == "done" {
        updates::mark_done(tx, &item, day)?;
        return Ok((format!("record: {id} done"), format!("{id}: done")));
    }
    let (written, old) = match item.kind {
        ItemKind::Metric => {
            let typed = typed(tx, plan, &item, id, value)?;
            let old = updates::set_metric(tx, &item.file, &item.at, &typed, day)?;
            let month = Period::month_of(day);
            let change = match old {
                Some(old) => format!("{id}: {old} → {}", typed.text),
                None => format!("{id}: {} (new reading for {month})", typed.text),
            };
            return Ok((format!("record: {id} {} ({month})", typed.text), change));
        }
        ItemKind::Skill | ItemKind::Relationship => {
            let (key, after, written) = if item.kind == ItemKind::Skill {
                let level = updates::parse_level(value).map(|l| l.to_string());
                ("level", "area", level)
            } else {
                let count = updates::parse_count(value).map(|c| c.to_string());
                ("current", "target", count)
            };
            let written = written.map_err(|e| about(id, &item, None, &e))?;
            let (file, at) = located(&item, id)?;
            let old = tx.open(file)?.scalar(&at.at(key));
            updates::set_field(tx, file, &at, key, &written, after, day)?;
            (written, old)
        }
        ItemKind::Objective => {
            return Err(Error::Usage(format!(
                "`{id}` is a quarterly objective: record its key results, or `roadmap record done {id}`"
            )));
        }
        ItemKind::Milestone => {
            return Err(Error::Usage(format!(
                "`{id}` is a milestone: it takes no value; when it is done, `roadmap record done {id}`"
            )));
        }
        ItemKind::Habit => {
            return Err(Error::Usage(format!(
                "`{id}` is a habit: it takes no value; check it in with `roadmap record checkin {id}`"
            )));
        }
        ItemKind::Phase
        | ItemKind::Recognition
        | ItemKind::Win
        | ItemKind::Learning
        | ItemKind::Career
        | ItemKind::Target
        | ItemKind::Vision => {
            return Err(Error::Usage(format!("`{id}` takes no value")));
        }
        ItemKind::KeyResult | ItemKind::AnnualObjective => {
            let typed = typed(tx, plan, &item, id, value)?;
            let (file, at) = located(&item, id)?;
            let old = updates::set_amount(tx, file, (&at, "current"), &typed, "target", day)?;
            (typed.text, old)
        }
    };
    let change = match old {
        Some(old) => format!("{id}: {old} → {written}"),
        None => format!("{id}: {written} (new value)"),
    };
    Ok((format!("record: {id} {written}"), change))
}

/// The value typed for `item`, read against its unit and written in the
/// style its file uses when the person left the unit out.
fn typed(
    tx: &mut Transaction,
    plan: &Plan,
    item: &Item,
    id: &str,
    value: &str,
) -> Result<Typed, Error> {
    let unit = updates::unit_of(plan, item);
    let mut typed = updates::parse_value(value, unit.as_deref())
        .map_err(|e| about(id, item, unit.as_deref(), &e))?;
    typed.text = value::in_style_of(&typed.text, updates::written_last(tx, item).as_deref());
    Ok(typed)
}

fn located<'i>(item: &'i Item, id: &str) -> Result<(&'i str, YamlPath), Error> {
    updates::path_of(item).ok_or_else(|| Error::Usage(format!("`{id}` takes no value")))
}

/// A value's problem, said of the item it was typed for.
fn about(id: &str, item: &Item, unit: Option<&str>, err: &Error) -> Error {
    let unit = unit
        .filter(|u| !u.trim().is_empty())
        .map(|u| format!(", in {u}"))
        .unwrap_or_default();
    Error::Usage(format!(
        "`{id}` ({}{unit}): {err}; nothing was changed",
        item.kind.label()
    ))
}
