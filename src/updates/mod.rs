//! The plan's trackable items by id, and the surgical edits that record a
//! new value for one of them: what `roadmap record` and `roadmap review`
//! share. Every edit goes through an [`edit::Transaction`], so only the
//! intended value changes and nothing is written until the whole set is.

pub(crate) mod career;
mod values;

pub(crate) use values::{Change, Writer, measured, write_amount, write_value};

use chrono::{Datelike, NaiveDate};

use crate::diag::{YamlPath, did_you_mean};
use crate::edit::{self, Transaction};
use crate::error::Error;
use crate::item::{self, ItemKind, Node};
use crate::load::{Data, Document, Plan};
use crate::model::{KeyResult, Status};
use crate::planning::{self, DocKind};
use crate::render::Renderer;
use crate::value::{self, Period, Typed};
use crate::working::Working;
use crate::yaml::{self, New, Place};

/// Where an item with an id lives, and what it is: what an edit of it
/// needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub kind: ItemKind,
    /// Its file, relative to the repository root.
    pub file: String,
    /// Its mapping within the file.
    pub at: YamlPath,
}

/// True for an item `record done` can mark done (see
/// [`ItemKind::takes_done`]).
pub(crate) fn takes_done(item: &Item) -> bool {
    item.kind.takes_done()
}

/// Every item of the plan that takes a value, is marked done or is checked
/// in; for an id in several quarters, the quarter of `day` (else the
/// latest) comes first, then the year of `day` (else the latest).
pub(crate) fn items(plan: &Plan, day: NaiveDate) -> Vec<(String, Item)> {
    // A quarter's items are known by its period: one without is left out.
    let mut docs: Vec<&Document> = plan
        .docs
        .iter()
        .filter(|d| d.period.is_some() || !matches!(d.data, Data::Quarter(_)))
        .collect();
    // Stable: files of no period keep their order, after the periods.
    docs.sort_by_key(|d| match (&d.data, d.period) {
        (Data::Quarter(_), Some(p)) => (
            0,
            !(p.start() <= day && day <= p.end()),
            std::cmp::Reverse(p.start()),
        ),
        (Data::Year(_), p) => {
            let year = p.map(Period::year).unwrap_or_default();
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            (1, year != day.year(), std::cmp::Reverse(start))
        }
        _ => (2, false, std::cmp::Reverse(NaiveDate::MIN)),
    });
    docs.into_iter()
        .flat_map(item::items)
        .filter(|i| {
            let kind = i.kind();
            kind.takes_done() || kind.takes_value() || kind == ItemKind::Habit
        })
        .map(|i| {
            let id = i.id().to_owned();
            let found = Item {
                kind: i.kind(),
                file: i.doc.path.clone(),
                at: i.at,
            };
            (id, found)
        })
        .collect()
}

/// The item `item` locates, as the plan loaded it.
pub(crate) fn node<'p>(plan: &'p Plan, item: &Item) -> Option<Node<'p>> {
    let doc = plan.docs.iter().find(|d| d.path == item.file)?;
    item::items(doc)
        .into_iter()
        .find(|i| i.at == item.at)
        .map(|i| i.node)
}

/// The first item with `id` that `accept` takes; an unknown id is an
/// error with a did-you-mean among the ids `accept` takes.
pub(crate) fn find(
    root: &std::path::Path,
    plan: &Plan,
    day: NaiveDate,
    id: &str,
    what: &str,
    accept: impl Fn(&Item) -> bool,
) -> Result<Item, Error> {
    let all = items(plan, day);
    if let Some((_, item)) = all.iter().find(|(i, item)| i == id && accept(item)) {
        return Ok(item.clone());
    }
    let candidates: Vec<&str> = all
        .iter()
        .filter(|(_, item)| accept(item))
        .map(|(i, _)| i.as_str())
        .collect();
    let hint = did_you_mean(id, candidates.iter().copied())
        .map(|h| format!("\n  hint: {h}"))
        .unwrap_or_default();
    if let Some((_, other)) = all.iter().find(|(i, _)| i == id) {
        return Err(Error::Usage(format!(
            "`{id}` is a {} id, not a {what} id; nothing was changed{hint}",
            other.kind.label()
        )));
    }
    // The id may live in a file that does not load (a syntax error, or a
    // value of the wrong type): say so, and where it breaks.
    let mut holding = None;
    let broken: String = plan
        .broken
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(root.join(path)).ok()?;
            let problem = edit::first_error(path, &text)?;
            let named = names_id(&text, id);
            if named && holding.is_none() {
                holding = Some((path.clone(), problem.clone()));
            }
            Some(format!("\n  {problem}"))
        })
        .collect();
    if let Some((path, problem)) = holding {
        return Err(Error::Usage(format!(
            "`{id}` is in {path}, which cannot be read until this is fixed: {problem}; the file was not changed\n  fix the file first (`roadmap check` shows every problem)"
        )));
    }
    Err(Error::Usage(format!(
        "unknown {what} id `{id}`; nothing was changed{hint}{broken}"
    )))
}

/// True when `text` (a plan file) has a line `id: ID` (or `- id: ID`).
fn names_id(text: &str, id: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start().trim_start_matches("- ").trim_start();
        line.strip_prefix("id:").is_some_and(|rest| {
            let value = rest.split(" #").next().unwrap_or_default().trim();
            value.trim_matches(['"', '\'']) == id
        })
    })
}

/// A value typed by a person for an item measured in `unit`: `5.9M`,
/// `$4,360,000`, `72%`, `3.1x`, `4 managers` (see [`value::parse_typed`]).
pub(crate) fn parse_value(text: &str, unit: Option<&str>) -> Result<Typed, Error> {
    let typed = value::parse_typed(text, unit).map_err(Error::Usage)?;
    if typed.value < 0.0 || text.trim().starts_with('-') {
        return Err(Error::Usage(format!(
            "`{}`: a value cannot be negative",
            text.trim()
        )));
    }
    Ok(typed)
}

/// The unit an item's values are measured in, as its file states it.
pub(crate) fn unit_of(plan: &Plan, item: &Item) -> Option<String> {
    match node(plan, item)? {
        Node::Metric(m) => m.unit.clone(),
        Node::KeyResult(kr) => kr.unit.clone(),
        Node::AnnualObjective(o) => o.unit.clone(),
        _ => None,
    }
}

/// The key result `item` is, as the plan loaded it.
pub(crate) fn key_result<'p>(plan: &'p Plan, item: &Item) -> Option<&'p KeyResult> {
    match node(plan, item)? {
        Node::KeyResult(kr) => Some(kr),
        _ => None,
    }
}

/// A whole number (a relationship goal's count), bare or with the word
/// `status` shows beside it: `9`, `9 accounts`, `1 talk`.
pub(crate) fn parse_count(text: &str) -> Result<u32, Error> {
    let number = text
        .trim()
        .rsplit_once(char::is_whitespace)
        .filter(|(_, word)| word.chars().all(char::is_alphabetic))
        .map_or(text, |(number, _)| number);
    let value = parse_value(number, None)?.value;
    if value.fract() != 0.0 || value > f64::from(u32::MAX) {
        return Err(Error::Usage(format!(
            "`{}`: a count is a whole number",
            text.trim()
        )));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u32)
}

/// A skill level, 1 to 10.
pub(crate) fn parse_level(text: &str) -> Result<i64, Error> {
    use crate::validate::{LEVEL_MAX, LEVEL_MIN};
    let level: i64 = text.trim().parse().map_err(|_| {
        Error::Usage(format!(
            "`{}` is not a skill level: write a whole number from {LEVEL_MIN} to {LEVEL_MAX}",
            text.trim()
        ))
    })?;
    if !(LEVEL_MIN..=LEVEL_MAX).contains(&level) {
        return Err(Error::Usage(format!(
            "{level} is not a skill level: levels go from {LEVEL_MIN} to {LEVEL_MAX}"
        )));
    }
    Ok(level)
}

/// Moves the file's `as_of` forward to `day` when it states an earlier one.
pub(crate) fn bump_as_of(tx: &mut Transaction, file: &str, day: NaiveDate) -> Result<(), Error> {
    let edit = tx.open(file)?;
    let as_of = YamlPath::root().at("as_of");
    if !edit.has(&as_of)? {
        return Ok(());
    }
    let current = current_as_of(edit.text());
    if current.is_none_or(|c| c < day) {
        edit.set(&as_of, &day.to_string())?;
    }
    Ok(())
}

fn current_as_of(text: &str) -> Option<NaiveDate> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix("as_of:")?;
        let value = rest.split('#').next()?.trim().trim_matches(['"', '\'']);
        value.parse().ok()
    })
}

/// Sets `key` of the item at `path` (inserting it after `after`), and
/// moves the file's `as_of` to `day`.
pub(crate) fn set_field(
    tx: &mut Transaction,
    file: &str,
    path: &YamlPath,
    key: &str,
    value: &str,
    after: &str,
    day: NaiveDate,
) -> Result<(), Error> {
    tx.open(file)?
        .upsert(path, key, value, Place::After(after))?;
    bump_as_of(tx, file, day)
}

/// The file and path of an item that takes an edit: all but a habit,
/// which is checked in.
pub(crate) fn path_of(item: &Item) -> Option<(&str, YamlPath)> {
    (item.kind != ItemKind::Habit).then(|| (item.file.as_str(), item.at.clone()))
}

/// Marks an item done on `day`: `status: done`, and a milestone's `done`
/// date.
pub(crate) fn mark_done(tx: &mut Transaction, item: &Item, day: NaiveDate) -> Result<(), Error> {
    let Some((file, path)) = path_of(item) else {
        return Err(Error::Usage("a habit is checked in, not done".to_owned()));
    };
    let file = file.to_owned();
    let edit = tx.open(&file)?;
    edit.upsert(
        &path,
        "status",
        Status::Done.as_str(),
        Place::After("title"),
    )?;
    if item.kind == ItemKind::Milestone {
        edit.upsert(&path, "done", &day.to_string(), Place::After("status"))?;
    }
    bump_as_of(tx, &file, day)
}

/// Marks `habit` done (or missed) on `day` in `checkins/YYYY-MM.yaml`.
pub(crate) fn check_in(
    tx: &mut Transaction,
    plan_root: &str,
    habit: &str,
    day: NaiveDate,
    done: bool,
) -> Result<(), Error> {
    let file = format!("{plan_root}/checkins/{}.yaml", Period::month_of(day));
    let mark = if done { 'x' } else { '.' };
    let index = usize::try_from(day.day0()).unwrap_or_default();
    if !tx.exists(&file) {
        let marks: String = ".".repeat(index) + &mark.to_string();
        tx.create(&file, format!("{habit}: \"{marks}\"\n"))?;
        return Ok(());
    }
    let edit = tx.open(&file)?;
    let key = YamlPath::root().at(habit);
    let old = marks_of(edit.text(), habit).unwrap_or_default();
    let mut chars: Vec<char> = old.chars().collect();
    while chars.len() <= index {
        chars.push('.');
    }
    chars[index] = mark;
    let marks: String = chars.into_iter().collect();
    if edit.has(&key)? {
        edit.set(&key, &marks)
    } else {
        edit.insert(
            &YamlPath::root(),
            habit,
            &New::Scalar(yaml::double_quoted(&marks)),
            Place::Last,
        )
    }
}

/// Adds `spent` to the day's time on `category` in `time/YYYY-MM.yaml`,
/// creating the file or the day as needed; returns the day's new total for
/// the category.
pub(crate) fn add_time(
    tx: &mut Transaction,
    plan_root: &str,
    category: &str,
    day: NaiveDate,
    spent: crate::value::Duration,
) -> Result<crate::value::Duration, Error> {
    use crate::value::Duration;
    let file = format!("{plan_root}/time/{}.yaml", Period::month_of(day));
    let date = day.format("%Y-%m-%d").to_string();
    if !tx.exists(&file) {
        tx.create(&file, format!("{date}:\n  {category}: {spent}\n"))?;
        return Ok(spent);
    }
    let edit = tx.open(&file)?;
    let old = serde_yaml::from_str::<crate::model::TimeLog>(edit.text())
        .ok()
        .and_then(|log| {
            log.get(&crate::value::Date(day))
                .and_then(|d| d.get(category))
                .copied()
        });
    let total = Duration(old.map_or(0, |d| d.0).saturating_add(spent.0));
    let day_key = YamlPath::root().at(date.as_str());
    let key = day_key.at(category);
    if edit.has(&key)? {
        edit.set(&key, &total.to_string())?;
    } else if edit.has(&day_key)? {
        edit.insert(
            &day_key,
            category,
            &New::Scalar(total.to_string()),
            Place::Last,
        )?;
    } else {
        edit.insert(
            &YamlPath::root(),
            &date,
            &New::Map(vec![(category.to_owned(), New::Scalar(total.to_string()))]),
            Place::Sorted,
        )?;
    }
    Ok(total)
}

fn marks_of(text: &str, habit: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    value.get(habit)?.as_str().map(str::to_owned)
}

/// What `record win` and `record learning` add to the month's review.
#[derive(Clone, Copy)]
pub(crate) enum Log<'a> {
    Win(&'a str),
    Learning(&'a str),
}

/// Appends a win or a learning to the month's review, creating the review
/// from its template when the month has none yet.
pub(crate) fn log(
    tx: &mut Transaction,
    working: &Working,
    plan: &Plan,
    day: NaiveDate,
    entry: Log<'_>,
) -> Result<(), Error> {
    let period = Period::month_of(day);
    let file = DocKind::MonthReview.file(&plan.root, period);
    if !tx.exists(&file) {
        let history = working.history()?;
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
                ("title".to_owned(), New::Scalar(yaml::text(text))),
                ("date".to_owned(), New::Scalar(day.to_string())),
            ]),
        ),
        Log::Learning(text) => edit.push(
            &YamlPath::root().at("learnings"),
            &New::Scalar(yaml::text(text)),
        ),
    }
}
