//! `roadmap record`: one-line updates from the shell. Each finds the item
//! by id, changes only its value (see `updates`), checks the plan with the
//! change, writes all or none (`journal`) and, with `--commit`, commits
//! the files.

use chrono::NaiveDate;

use crate::cli::{CareerFigure, RecordArgs, RecordWhat};
use crate::diag::YamlPath;
use crate::edit::{self, New, Place, Transaction};
use crate::error::Error;
use crate::load::Plan;
use crate::planning::{self, DocKind};
use crate::render::Renderer;
use crate::value::{self, Period, Typed};

use super::Ctx;
use super::updates::{self, Item};
use super::working::{self, Working};

pub fn run(ctx: &Ctx, args: &RecordArgs) -> Result<i32, Error> {
    working::stop_cleanly("record", "the change")?;
    let working = Working::open(ctx, args.as_of.map(|d| d.0))?;
    let plan = working.plan(ctx)?;
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
                    matches!(i, Item::Habit { .. })
                })?;
                updates::check_in(&mut tx, &plan.root, habit, day, !missed)?;
            }
            let what = if *missed { "missed" } else { "check-in" };
            format!("record: {} {what} {day}", habits.join(", "))
        }
        Some(RecordWhat::Time { category, duration }) => {
            let budget = plan
                .by_kind()
                .habits
                .map(|h| h.time.clone())
                .unwrap_or_default();
            if !budget.contains_key(category) {
                let known: Vec<&str> = budget.keys().map(String::as_str).collect();
                let hint = crate::diag::did_you_mean(category, known.iter().copied())
                    .unwrap_or_else(|| {
                        if known.is_empty() {
                            "give habits.yaml a time budget first, e.g. `time: {strategic: 30, tactical: 70}`".to_owned()
                        } else {
                            format!("the budget's categories are {}", known.join(", "))
                        }
                    });
                return Err(Error::Usage(format!(
                    "`{category}` is not a category of the time budget in {}/habits.yaml: {hint}",
                    plan.root
                )));
            }
            let total = updates::add_time(&mut tx, &plan.root, category, day, *duration)?;
            changes.push(format!(
                "{category}: {duration} on {day} ({total} that day)"
            ));
            format!("record: {category} time {duration} {day}")
        }
        Some(RecordWhat::Win { text }) => {
            let text = one_line(text)?;
            log(&mut tx, (ctx, &working), plan, day, Log::Win(&text))?;
            format!("record: win - {text}")
        }
        Some(RecordWhat::Learning { text }) => {
            let text = one_line(text)?;
            log(&mut tx, (ctx, &working), plan, day, Log::Learning(&text))?;
            format!("record: learning - {text}")
        }
        Some(RecordWhat::Career { figure, value }) => {
            let value = one_line(value)?;
            let (message, change) = career(&mut tx, plan, day, *figure, &value)?;
            changes.push(change);
            message
        }
        Some(RecordWhat::Promotion { title }) => {
            let title = one_line(title)?;
            let file = career_file(plan)?;
            let edit = tx.open(&file)?;
            edit.push(
                &YamlPath::root().at("promotions"),
                &New::Map(vec![
                    ("date".to_owned(), New::Scalar(day.to_string())),
                    ("title".to_owned(), New::Scalar(edit::text(&title))),
                ]),
            )?;
            let old = edit.scalar(&YamlPath::root().at("title"));
            edit.set(&YamlPath::root().at("title"), &title)?;
            updates::bump_as_of(&mut tx, &file, day)?;
            changes.push(match old {
                Some(old) => format!("promotion {day}: {old} → {title}"),
                None => format!("promotion {day}: {title}"),
            });
            format!("record: promotion - {title}")
        }
    };
    let written = working::write(ctx, tx, &message)?;
    if written.is_empty() {
        if !ctx.quiet {
            say!("nothing to change: the plan already says so");
        }
        return Ok(0);
    }
    if !ctx.quiet {
        for change in &changes {
            say!("{change}");
        }
    }
    working::updated(ctx.quiet, &working.root, &written, &message, args.commit)?;
    Ok(0)
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
    let (written, old) = match &item {
        Item::Metric { file, index } => {
            let typed = typed(tx, plan, &item, id, value)?;
            let old = updates::set_metric(tx, file, *index, &typed, day)?;
            let month = Period::month_of(day);
            let change = match old {
                Some(old) => format!("{id}: {old} → {}", typed.text),
                None => format!("{id}: {} (new reading for {month})", typed.text),
            };
            return Ok((format!("record: {id} {} ({month})", typed.text), change));
        }
        Item::Skill { .. } | Item::Relationship { .. } => {
            let (key, after, written) = if matches!(item, Item::Skill { .. }) {
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
        Item::Objective { .. } => {
            return Err(Error::Usage(format!(
                "`{id}` is a quarterly objective: record its key results, or `roadmap record done {id}`"
            )));
        }
        Item::Milestone { .. } => {
            return Err(Error::Usage(format!(
                "`{id}` is a milestone: it takes no value; when it is done, `roadmap record done {id}`"
            )));
        }
        Item::Habit { .. } => {
            return Err(Error::Usage(format!(
                "`{id}` is a habit: it takes no value; check it in with `roadmap record checkin {id}`"
            )));
        }
        Item::KeyResult { .. } | Item::Annual { .. } => {
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
        item.kind()
    ))
}

#[derive(Clone, Copy)]
pub enum Log<'a> {
    Win(&'a str),
    Learning(&'a str),
}

/// Appends a win or a learning to the month's review, creating the review
/// from its template when the month has none yet.
pub fn log(
    tx: &mut Transaction,
    (ctx, working): (&Ctx, &Working),
    plan: &Plan,
    day: NaiveDate,
    entry: Log<'_>,
) -> Result<(), Error> {
    let period = Period::month_of(day);
    let file = DocKind::MonthReview.file(&plan.root, period);
    if !tx.exists(&file) {
        let history = working.history(ctx)?;
        let draft = planning::draft(DocKind::MonthReview, plan, &history, period, day);
        let renderer = Renderer::new(Some(&working.root.join("templates")));
        let text = planning::render(&renderer, &draft).map_err(|e| Error::Usage(e.to_string()))?;
        tx.create(&file, text)?;
    }
    let edit = tx.open(&file)?;
    match entry {
        Log::Win(text) => edit.push(
            &YamlPath::root().at("wins"),
            &New::Map(vec![
                ("title".to_owned(), New::Scalar(edit::text(text))),
                ("date".to_owned(), New::Scalar(day.to_string())),
            ]),
        ),
        Log::Learning(text) => edit.push(
            &YamlPath::root().at("learnings"),
            &New::Scalar(edit::text(text)),
        ),
    }
}

/// The career.yaml of `plan`: `record career` changes a file that is there.
fn career_file(plan: &Plan) -> Result<String, Error> {
    plan.docs
        .iter()
        .find(|d| matches!(d.data, crate::load::Data::Career(_)))
        .map(|d| d.path.clone())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}/career.yaml is missing or does not parse: write it first (docs/format.md, career.yaml)",
                plan.root
            ))
        })
}

/// `record career FIGURE VALUE`: one figure of career.yaml, inserted where
/// the file has none yet (a review's pay figures are written here too).
/// Returns the commit message and the change.
pub(super) fn career(
    tx: &mut Transaction,
    plan: &Plan,
    day: NaiveDate,
    figure: CareerFigure,
    value: &str,
) -> Result<(String, String), Error> {
    let file = career_file(plan)?;
    let root = YamlPath::root();
    let bad =
        |e: &Error| Error::Usage(format!("career {}: {e}; nothing was changed", name(figure)));
    let amount = |unit| updates::parse_value(value, unit).map_err(|e| bad(&e));
    let count = || updates::parse_count(value).map_err(|e| bad(&e));
    // The mapping the figure is in, its key there, the value as written
    // and the entry it goes after when it is new.
    let (map, key, written, after): (YamlPath, &str, New, &str) = match figure {
        CareerFigure::Title => (
            root.clone(),
            "title",
            New::Scalar(edit::text(value)),
            "as_of",
        ),
        CareerFigure::Territory => (
            root.clone(),
            "territory",
            New::Scalar(edit::text(value)),
            "title",
        ),
        CareerFigure::Span => (
            root.clone(),
            "span",
            New::Scalar(edit::text(value)),
            "reports",
        ),
        CareerFigure::Reports => (
            root.clone(),
            "reports",
            New::Scalar(count()?.to_string()),
            "territory",
        ),
        CareerFigure::Revenue => {
            let typed = amount(Some("USD"))?;
            (
                root.clone(),
                "revenue",
                New::Scalar(edit::amount(&typed.text, typed.value)),
                "reports",
            )
        }
        CareerFigure::Base | CareerFigure::Total => {
            let typed = amount(Some("USD"))?;
            let key = if figure == CareerFigure::Base {
                "base"
            } else {
                "total"
            };
            let map = root.at("compensation");
            let scalar = New::Scalar(edit::amount(&typed.text, typed.value));
            if !tx.open(&file)?.has(&map)? {
                if figure == CareerFigure::Total {
                    return Err(Error::Usage(
                        "career total: career.yaml has no compensation yet: record the base first (`roadmap record career base 132k`)"
                            .to_owned(),
                    ));
                }
                return insert_map(
                    tx,
                    &file,
                    day,
                    figure,
                    "compensation",
                    "revenue",
                    (key, scalar),
                    value,
                );
            }
            (map, key, scalar, "base")
        }
        CareerFigure::Market => {
            let percentile = count()?;
            if !(1..=99).contains(&percentile) {
                return Err(Error::Usage(format!(
                    "career market: `{value}` is not a percentile: write a whole number from 1 to 99 (50 is the market's median)"
                )));
            }
            let map = root.at("compensation");
            if !tx.open(&file)?.has(&map)? {
                return Err(Error::Usage(
                    "career market: career.yaml has no compensation yet: record the base first (`roadmap record career base 132k`)"
                        .to_owned(),
                ));
            }
            (map, "market", New::Scalar(percentile.to_string()), "total")
        }
        CareerFigure::Rank => {
            let (rank, of) = parse_rank(value).ok_or_else(|| {
                Error::Usage(format!(
                    "career rank: `{value}` is not a rank: write the place and how many are ranked, `2/14` or `2 of 14`"
                ))
            })?;
            let map = root.at("ranking");
            let edit = tx.open(&file)?;
            if edit.has(&map)? {
                edit.upsert(&map, "of", &of.to_string(), Place::After("rank"))?;
                edit.upsert(&map, "rank", &rank.to_string(), Place::First)?;
            } else {
                edit.insert(
                    &root,
                    "ranking",
                    &New::Map(vec![
                        ("rank".to_owned(), New::Scalar(rank.to_string())),
                        ("of".to_owned(), New::Scalar(of.to_string())),
                    ]),
                    Place::After("compensation"),
                )?;
            }
            updates::bump_as_of(tx, &file, day)?;
            return Ok((
                format!("record: career rank {rank} of {of}"),
                format!("career rank: #{rank} of {of}"),
            ));
        }
        CareerFigure::Promoted | CareerFigure::Improvements | CareerFigure::Practices => {
            let key = name(figure);
            let scalar = New::Scalar(count()?.to_string());
            let map = root.at("leadership");
            if !tx.open(&file)?.has(&map)? {
                return insert_map(
                    tx,
                    &file,
                    day,
                    figure,
                    "leadership",
                    "promotions",
                    (key, scalar),
                    value,
                );
            }
            (map, key, scalar, "")
        }
        CareerFigure::Benchmark => (
            root.clone(),
            "promotion_benchmark",
            New::Scalar(count()?.to_string()),
            "promotions",
        ),
    };
    let edit = tx.open(&file)?;
    let path = map.at(key);
    let old = edit.scalar(&path);
    let New::Scalar(text) = &written else {
        return Err(Error::Usage(format!(
            "career {}: not a single value",
            name(figure)
        )));
    };
    if edit.has(&path)? {
        edit.set(
            &path,
            &serde_yaml::from_str::<String>(text).unwrap_or_else(|_| text.clone()),
        )?;
    } else {
        let place = if after.is_empty() {
            Place::Last
        } else {
            Place::After(after)
        };
        edit.insert(&map, key, &written, place)?;
    }
    updates::bump_as_of(tx, &file, day)?;
    let change = match old {
        Some(old) => format!("career {}: {old} → {value}", name(figure)),
        None => format!("career {}: {value} (new)", name(figure)),
    };
    Ok((format!("record: career {} {value}", name(figure)), change))
}

/// Inserts a mapping that is not there yet with its first entry.
#[allow(clippy::too_many_arguments)]
fn insert_map(
    tx: &mut Transaction,
    file: &str,
    day: NaiveDate,
    figure: CareerFigure,
    map: &str,
    after: &str,
    (key, scalar): (&str, New),
    value: &str,
) -> Result<(String, String), Error> {
    tx.open(file)?.insert(
        &YamlPath::root(),
        map,
        &New::Map(vec![(key.to_owned(), scalar)]),
        Place::After(after),
    )?;
    updates::bump_as_of(tx, file, day)?;
    Ok((
        format!("record: career {} {value}", name(figure)),
        format!("career {}: {value} (new)", name(figure)),
    ))
}

fn name(figure: CareerFigure) -> &'static str {
    match figure {
        CareerFigure::Title => "title",
        CareerFigure::Territory => "territory",
        CareerFigure::Span => "span",
        CareerFigure::Reports => "reports",
        CareerFigure::Revenue => "revenue",
        CareerFigure::Base => "base",
        CareerFigure::Total => "total",
        CareerFigure::Market => "market",
        CareerFigure::Rank => "rank",
        CareerFigure::Promoted => "promoted",
        CareerFigure::Improvements => "improvements",
        CareerFigure::Practices => "practices",
        CareerFigure::Benchmark => "benchmark",
    }
}

/// `2/14`, `2 of 14`, `#2 of 14`: the place and how many are ranked.
fn parse_rank(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().trim_start_matches('#');
    let (rank, of) = text.split_once('/').or_else(|| text.split_once(" of "))?;
    let (rank, of): (u32, u32) = (rank.trim().parse().ok()?, of.trim().parse().ok()?);
    (rank >= 1 && rank <= of).then_some((rank, of))
}
