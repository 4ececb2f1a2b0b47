//! The plan's trackable items by id, and the surgical edits that record a
//! new value for one of them: what `roadmap record` and `roadmap review`
//! share. Every edit goes through an [`edit::Transaction`], so only the
//! intended value changes and nothing is written until the whole set is.

use chrono::{Datelike, NaiveDate};

use crate::diag::{YamlPath, did_you_mean};
use crate::edit::{self, New, Place, Transaction};
use crate::error::Error;
use crate::load::{Data, Plan};
use crate::model::{KeyResult, Status};
use crate::value::{self, Period, Typed};

/// Where an item with an id lives, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `metrics.yaml`, `metrics[i]`.
    Metric {
        file: String,
        index: usize,
    },
    /// A key result: `objectives[o].key_results[k]` of a quarter.
    KeyResult {
        file: String,
        objective: usize,
        index: usize,
    },
    /// A quarter's objective.
    Objective {
        file: String,
        index: usize,
    },
    /// A year's objective.
    Annual {
        file: String,
        index: usize,
    },
    /// A milestone anywhere, by its path within its file.
    Milestone {
        file: String,
        path: YamlPath,
    },
    /// `relationships.yaml`, `goals[i]`.
    Relationship {
        file: String,
        index: usize,
    },
    /// `capabilities.yaml`, `skills[i]`.
    Skill {
        file: String,
        index: usize,
    },
    Habit {
        id: String,
    },
}

impl Item {
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Metric { .. } => "metric",
            Item::KeyResult { .. } => "key result",
            Item::Objective { .. } => "objective",
            Item::Annual { .. } => "annual objective",
            Item::Milestone { .. } => "milestone",
            Item::Relationship { .. } => "relationship goal",
            Item::Skill { .. } => "skill",
            Item::Habit { .. } => "habit",
        }
    }
}

/// True for an item `record done` can mark done: an objective, a
/// milestone, an initiative, a key result or a relationship goal.
pub fn takes_done(item: &Item) -> bool {
    !matches!(
        item,
        Item::Metric { .. } | Item::Skill { .. } | Item::Habit { .. }
    )
}

/// Every item of the plan with an id; for an id in several quarters, the
/// quarter of `day` (else the latest) comes first.
pub fn items(plan: &Plan, day: NaiveDate) -> Vec<(String, Item)> {
    let mut out = Vec::new();
    let mut quarters: Vec<(Period, &crate::load::Document)> = plan
        .docs
        .iter()
        .filter(|d| matches!(d.data, Data::Quarter(_)))
        .filter_map(|d| d.period.map(|p| (p, d)))
        .collect();
    // The quarter of the day first, then the latest first.
    quarters.sort_by_key(|(p, _)| {
        (
            !(p.start() <= day && day <= p.end()),
            std::cmp::Reverse(p.start()),
        )
    });
    for (_, doc) in &quarters {
        let Data::Quarter(q) = &doc.data else {
            continue;
        };
        for (o, objective) in q.objectives.iter().enumerate() {
            let file = doc.path.clone();
            out.push((
                objective.id.clone(),
                Item::Objective {
                    file: file.clone(),
                    index: o,
                },
            ));
            for (k, kr) in objective.key_results.iter().enumerate() {
                out.push((
                    kr.id.clone(),
                    Item::KeyResult {
                        file: file.clone(),
                        objective: o,
                        index: k,
                    },
                ));
            }
            for (m, milestone) in objective.milestones.iter().enumerate() {
                out.push((
                    milestone.id.clone(),
                    Item::Milestone {
                        file: file.clone(),
                        path: YamlPath::root()
                            .at("objectives")
                            .at(o)
                            .at("milestones")
                            .at(m),
                    },
                ));
            }
        }
    }
    let mut years: Vec<&crate::load::Document> = plan
        .docs
        .iter()
        .filter(|d| matches!(d.data, Data::Year(_)))
        .collect();
    years.sort_by_key(|d| {
        let p = d.period.map(Period::year).unwrap_or_default();
        (p != day.year(), std::cmp::Reverse(p))
    });
    for doc in years {
        let Data::Year(y) = &doc.data else { continue };
        for (i, o) in y.objectives.iter().enumerate() {
            out.push((
                o.id.clone(),
                Item::Annual {
                    file: doc.path.clone(),
                    index: i,
                },
            ));
        }
        for (i, m) in y.initiatives.iter().enumerate() {
            out.push((
                m.id.clone(),
                Item::Milestone {
                    file: doc.path.clone(),
                    path: YamlPath::root().at("initiatives").at(i),
                },
            ));
        }
    }
    for doc in &plan.docs {
        let file = doc.path.clone();
        match &doc.data {
            Data::Metrics(m) => {
                for (i, metric) in m.metrics.iter().enumerate() {
                    out.push((
                        metric.id.clone(),
                        Item::Metric {
                            file: file.clone(),
                            index: i,
                        },
                    ));
                }
            }
            Data::Relationships(r) => {
                for (i, goal) in r.goals.iter().enumerate() {
                    out.push((
                        goal.id.clone(),
                        Item::Relationship {
                            file: file.clone(),
                            index: i,
                        },
                    ));
                }
            }
            Data::Capabilities(c) => {
                for (i, skill) in c.skills.iter().enumerate() {
                    out.push((
                        skill.id.clone(),
                        Item::Skill {
                            file: file.clone(),
                            index: i,
                        },
                    ));
                }
            }
            Data::Habits(h) => {
                for habit in &h.habits {
                    out.push((
                        habit.id.clone(),
                        Item::Habit {
                            id: habit.id.clone(),
                        },
                    ));
                }
            }
            Data::Strategy(s) => {
                for (p, phase) in s.phases.iter().enumerate() {
                    let at = YamlPath::root().at("phases").at(p);
                    for (i, m) in phase.achievements.iter().enumerate() {
                        out.push((
                            m.id.clone(),
                            Item::Milestone {
                                file: file.clone(),
                                path: at.at("achievements").at(i),
                            },
                        ));
                    }
                    if let Some(m) = &phase.milestone {
                        out.push((
                            m.id.clone(),
                            Item::Milestone {
                                file: file.clone(),
                                path: at.at("milestone"),
                            },
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The first item with `id` that `accept` takes; an unknown id is an
/// error with a did-you-mean among the ids `accept` takes.
pub fn find(
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
            other.kind()
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
pub fn parse_value(text: &str, unit: Option<&str>) -> Result<Typed, Error> {
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
pub fn unit_of(plan: &Plan, item: &Item) -> Option<String> {
    let doc = |file: &str| plan.docs.iter().find(|d| d.path == file);
    match item {
        Item::Metric { file, index } => match &doc(file)?.data {
            Data::Metrics(m) => m.metrics.get(*index)?.unit.clone(),
            _ => None,
        },
        Item::KeyResult { .. } => key_result(plan, item)?.unit.clone(),
        Item::Annual { file, index } => match &doc(file)?.data {
            Data::Year(y) => y.objectives.get(*index)?.unit.clone(),
            _ => None,
        },
        _ => None,
    }
}

/// The key result `item` is, as the plan loaded it.
pub fn key_result<'p>(plan: &'p Plan, item: &Item) -> Option<&'p KeyResult> {
    let Item::KeyResult {
        file,
        objective,
        index,
    } = item
    else {
        return None;
    };
    match &plan.docs.iter().find(|d| &d.path == file)?.data {
        Data::Quarter(q) => q.objectives.get(*objective)?.key_results.get(*index),
        _ => None,
    }
}

/// The value written last for an item, as its file writes it (for a
/// metric, its latest reading): the style a new value follows when the
/// person leaves the unit out.
pub fn written_last(tx: &mut Transaction, item: &Item) -> Option<String> {
    let (file, path) = path_of(item)?;
    let file = file.to_owned();
    let edit = tx.open(&file).ok()?;
    match item {
        Item::Metric { .. } => edit.last_scalar(&path.at("actuals")),
        _ => edit
            .scalar(&path.at("current"))
            .or_else(|| edit.scalar(&path.at("target"))),
    }
}

/// A whole number (a relationship goal's count), bare or with the word
/// `status` shows beside it: `9`, `9 accounts`, `1 talk`.
pub fn parse_count(text: &str) -> Result<u32, Error> {
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
pub fn parse_level(text: &str) -> Result<i64, Error> {
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
pub fn bump_as_of(tx: &mut Transaction, file: &str, day: NaiveDate) -> Result<(), Error> {
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

/// Records a metric's reading for the month of `day`; returns the
/// reading it replaces, as written.
pub fn set_metric(
    tx: &mut Transaction,
    file: &str,
    index: usize,
    value: &Typed,
    day: NaiveDate,
) -> Result<Option<String>, Error> {
    let metric = YamlPath::root().at("metrics").at(index);
    let month = Period::month_of(day).to_string();
    let edit = tx.open(file)?;
    let old = edit.scalar(&metric.at("actuals").at(month.as_str()));
    if edit.has(&metric.at("actuals"))? {
        edit.upsert_amount(
            &metric.at("actuals"),
            &month,
            &value.text,
            value.value,
            Place::Sorted,
        )?;
    } else {
        edit.insert(
            &metric,
            "actuals",
            &New::Map(vec![(
                month,
                New::Scalar(edit::amount(&value.text, value.value)),
            )]),
            Place::Last,
        )?;
    }
    bump_as_of(tx, file, day)?;
    Ok(old)
}

/// Sets `key` of the item at `path` to a number written as typed
/// (inserting it after `after`), and moves the file's `as_of` to `day`;
/// returns the value it replaces, as written.
pub fn set_amount(
    tx: &mut Transaction,
    file: &str,
    (path, key): (&YamlPath, &str),
    value: &Typed,
    after: &str,
    day: NaiveDate,
) -> Result<Option<String>, Error> {
    let edit = tx.open(file)?;
    let old = edit.scalar(&path.at(key));
    edit.upsert_amount(path, key, &value.text, value.value, Place::After(after))?;
    bump_as_of(tx, file, day)?;
    Ok(old)
}

/// Sets `key` of the item at `path` (inserting it after `after`), and
/// moves the file's `as_of` to `day`.
pub fn set_field(
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

/// The path of an item's mapping within its file.
pub fn path_of(item: &Item) -> Option<(&str, YamlPath)> {
    let root = YamlPath::root();
    Some(match item {
        Item::Metric { file, index } => (file, root.at("metrics").at(*index)),
        Item::KeyResult {
            file,
            objective,
            index,
        } => (
            file,
            root.at("objectives")
                .at(*objective)
                .at("key_results")
                .at(*index),
        ),
        Item::Objective { file, index } | Item::Annual { file, index } => {
            (file, root.at("objectives").at(*index))
        }
        Item::Milestone { file, path } => (file, path.clone()),
        Item::Relationship { file, index } => (file, root.at("goals").at(*index)),
        Item::Skill { file, index } => (file, root.at("skills").at(*index)),
        Item::Habit { .. } => return None,
    })
}

/// Marks an item done on `day`: `status: done`, and a milestone's `done`
/// date.
pub fn mark_done(tx: &mut Transaction, item: &Item, day: NaiveDate) -> Result<(), Error> {
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
    if matches!(item, Item::Milestone { .. }) {
        edit.upsert(&path, "done", &day.to_string(), Place::After("status"))?;
    }
    bump_as_of(tx, &file, day)
}

/// Marks `habit` done (or missed) on `day` in `checkins/YYYY-MM.yaml`.
pub fn check_in(
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
            &New::Scalar(edit::double_quoted(&marks)),
            Place::Last,
        )
    }
}

/// Adds `spent` to the day's time on `category` in `time/YYYY-MM.yaml`,
/// creating the file or the day as needed; returns the day's new total for
/// the category.
pub fn add_time(
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
