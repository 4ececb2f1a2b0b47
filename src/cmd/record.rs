//! `roadmap record`: one-line updates from the shell. Each finds the item
//! by id, changes only its value (see `updates`), checks the plan with the
//! change, writes all or none (`journal`) and, with `--commit`, commits
//! the files.

use chrono::NaiveDate;

use crate::cli::{RecordArgs, RecordWhat};
use crate::edit::Transaction;
use crate::error::Error;
use crate::item::ItemKind;
use crate::load::Plan;

use super::Ctx;
use super::working::{self, Working};
use crate::updates::{self, Change, Log, Writer, career};

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
    let wrote = updates::write_value(tx, plan, (id, &item), value, day, Writer::Record)?;
    let written = &wrote.id;
    let (message, change) = match wrote.change {
        Change::Done(done) => {
            let state = if done { "done" } else { "not done" };
            (
                format!("record: {written} {state}"),
                format!("{written}: {state}"),
            )
        }
        Change::Value { old, new, month } => {
            let message = match month {
                Some(month) => format!("record: {written} {new} ({month})"),
                None => format!("record: {written} {new}"),
            };
            let change = match (old, month) {
                (Some(old), _) => format!("{written}: {old} → {new}"),
                (None, Some(month)) => format!("{written}: {new} (new reading for {month})"),
                (None, None) => format!("{written}: {new} (new value)"),
            };
            (message, change)
        }
    };
    // A key result that measures a source holds no value of its own: the
    // value was the source's, written there.
    if *written == id {
        Ok((message, change))
    } else {
        Ok((message, format!("{change} ({id} measures it)")))
    }
}
