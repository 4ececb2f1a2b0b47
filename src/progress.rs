//! The progress model: how far each key result, objective, quarter and year
//! has come, overall progress toward the ten-year vision, pace against the
//! plan's own trajectory and a forecast at the growth achieved so far.
//!
//! Formulas (documented for users in docs/progress.md):
//! - key result: `(current - start) / (target - start)`, clamped to 0..1;
//! - objective: 1 when done; otherwise the mean of its key results, or the
//!   share of its milestones done when it has no measurable key result;
//! - quarter and year: the mean of their objectives (dropped ones left out);
//!   an annual objective measured by a metric is `actual / target`;
//! - overall: the weighted mean of five dimensions (weights from
//!   `vision.md`): revenue responsibility on a log scale
//!   `ln(now / start) / ln(goal / start)`; role, the share of phases whose
//!   closing milestone is done; team, `(reports - start) / (goal - start)`;
//!   skills, the mean of `level / final target`; milestones, the share of the
//!   strategy's milestones done;
//! - pace: a year-to-date metric against its target prorated by the days of
//!   the year elapsed (ahead at 103% or more, behind under 97%; `better:
//!   down` inverted); a key result against the share of its quarter elapsed
//!   (10 points either way); a skill against the line from last year's
//!   target to this year's, rounded to a whole level;
//! - forecast: only for a metric held to a growth band (its own `growth`,
//!   or `kind: revenue`): the compound annual growth achieved from the
//!   baseline to the last full year, projected until the vision's revenue
//!   is reached;
//! - behind: nothing that fell due before the plan's first data.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::history::{History, ItemKind, Val};
use crate::load::{Docs, Plan};
use crate::model::{self, Better, Cadence, MetricKind, Status};
use crate::value::{Period, percent_text};
use crate::when::Dates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    Ahead,
    OnTrack,
    Behind,
    Done,
    Unknown,
}

impl Pace {
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnTrack => "on track",
            Pace::Behind => "behind",
            Pace::Done => "done",
            Pace::Unknown => "-",
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Progress {
    /// Whose plan: the folder under plans/, or `null` for a single plan.
    pub person: Option<String>,
    /// The person's name, from the vision.
    pub name: String,
    /// The plan's first year.
    pub start: i32,
    /// The plan's last year.
    pub end: i32,
    /// The day the figures are measured at: the plan's last update.
    pub as_of: NaiveDate,
    /// The day things fall due against (reviews, the update's age).
    pub today: NaiveDate,
    /// Days from `as_of` to `today`.
    pub last_update_days: i64,
    /// `as of 2026-10-31 (last update, 35 days ago)`: how every output
    /// states the dates.
    pub dates_text: String,
    /// Said about the point shown (a point after today), by every output.
    pub note: Option<String>,
    /// The plan's files these figures are made without (they do not load):
    /// every output names them (see `load::Problem`).
    pub problems: Vec<crate::load::Problem>,
    /// The role held now.
    pub role_now: String,
    /// The role the vision aims at.
    pub role_goal: String,
    /// Progress toward the vision, over its five dimensions.
    pub overall: Overall,
    /// This year's plan, when there is one.
    pub year: Option<YearView>,
    /// This quarter's plan, when there is one.
    pub quarter: Option<QuarterView>,
    /// Each revenue and performance metric against this year's target.
    pub metrics: Vec<MetricView>,
    /// Each skill's level against its targets.
    pub skills: Vec<SkillView>,
    /// Each habit's streaks and check-ins.
    pub habits: Vec<HabitView>,
    /// Time spent by category, week by week, against the weekly time
    /// budget of `habits.yaml`; null without a budget.
    pub time: Option<TimeBudget>,
    /// The items behind their pace.
    pub behind: Vec<Behind>,
    /// The reviews not yet written: the overdue ones and the next one due.
    pub reviews_due: Vec<ReviewDue>,
    /// The skills' open development actions due by the end of this
    /// quarter (overdue ones included), soonest first.
    pub actions_due: Vec<ActionDue>,
}

/// A success criterion of the year and where it stands.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CriterionView {
    /// The criterion, as written.
    pub title: String,
    /// `planned` when the plan states no status.
    pub status: Status,
}

impl CriterionView {
    /// The success criteria of a year plan, as written, each with its state.
    pub fn of_year(year: &crate::model::YearPlan) -> Vec<Self> {
        year.success
            .iter()
            .map(|c| Self {
                title: c.title().to_owned(),
                status: c.status(),
            })
            .collect()
    }
}

/// A quarterly objective's weekly or monthly milestone.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QuarterMilestone {
    /// The milestone's id.
    pub id: String,
    /// The milestone's title.
    pub title: String,
    /// The id of the objective it belongs to.
    pub objective: String,
    /// As written: `2026-W46`, `2026-11`, `2026-11-20`.
    pub due: Option<String>,
    /// The last day of `due`.
    pub due_date: Option<NaiveDate>,
    /// `week`, `month`, `quarter`, `year` or `day`: the period `due` names.
    pub grain: Option<&'static str>,
    /// Its status in the plan.
    pub status: Status,
}

/// A skill's development action that falls due.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ActionDue {
    /// The skill's id.
    pub skill: String,
    /// The skill's name.
    pub skill_name: String,
    /// The action, as written.
    pub title: String,
    /// Its status in the plan.
    pub status: Status,
    /// As written: `2026-Q4`, `2026-11`.
    pub due: String,
    /// The last day of `due`.
    pub due_date: NaiveDate,
    /// Due before `as_of` and not closed.
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Overall {
    /// 0-100.
    pub percent: f64,
    /// The five dimensions and their weights.
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Part {
    /// `revenue`, `role`, `team`, `skills` or `milestones`.
    pub dimension: &'static str,
    /// The dimension's weight in `percent`, out of 100.
    pub weight: f64,
    /// 0-1.
    pub progress: f64,
    /// What the progress is made of, in words.
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// The year's theme, when it has one.
    pub theme: Option<String>,
    /// 0-1: how far the year's objectives are.
    pub progress: f64,
    /// The year's objectives.
    pub objectives: Vec<ObjectiveView>,
    /// The title or role the year targets.
    pub role: Option<String>,
    /// How the year will be judged, each criterion with its status.
    pub success: Vec<CriterionView>,
    /// How many of `success` are done (met).
    pub success_met: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QuarterView {
    /// The quarter (`2026-Q4`).
    pub period: String,
    /// The quarter's theme, when it has one.
    pub theme: Option<String>,
    /// The day of the quarter `as_of` is (1 on its first day).
    pub day: i64,
    /// The days in the quarter.
    pub days: i64,
    /// 0-1: how far the quarter's objectives are.
    pub progress: f64,
    /// The quarter's objectives with their key results.
    pub objectives: Vec<ObjectiveView>,
    /// The objectives' weekly and monthly milestones, soonest due first.
    pub milestones: Vec<QuarterMilestone>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ObjectiveView {
    /// The objective's id.
    pub id: String,
    /// The objective's title.
    pub title: String,
    /// Which of the five categories it serves.
    pub category: model::Category,
    /// Its status in the plan.
    pub status: Status,
    /// 0-1.
    pub progress: f64,
    /// Against the time passed in its period.
    pub pace: Pace,
    /// Its key results (none for an annual objective).
    pub key_results: Vec<KeyResultView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KeyResultView {
    /// The key result's id.
    pub id: String,
    /// The key result's title.
    pub title: String,
    /// The value reached.
    pub current: f64,
    /// The value aimed at.
    pub target: Option<f64>,
    /// The unit of `current` and `target` (`USD`, `%`, ...).
    pub unit: Option<String>,
    /// 0-1, or `null` without a target.
    pub progress: Option<f64>,
    /// Against the time passed in the quarter.
    pub pace: Pace,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MetricView {
    /// The metric's id.
    pub id: String,
    /// The metric's name.
    pub name: String,
    /// The unit of its values (`USD`, `%`, ...).
    pub unit: Option<String>,
    /// Whether a higher or a lower value is better.
    pub better: Better,
    /// True for the plan's revenue metric (see [`revenue_metric`]).
    pub revenue: bool,
    /// The year whose target it is measured against.
    pub year: i32,
    /// The latest reading, or `null` before the first.
    pub actual: Option<f64>,
    /// The month (`2026-10`) or year of that reading.
    pub reading: Option<String>,
    /// This year's target.
    pub target: Option<f64>,
    /// Where the metric should be by its reading, on a straight line to the target.
    pub expected: Option<f64>,
    /// The reading against `expected`.
    pub pace: Pace,
    /// Compound annual growth achieved so far, in percent; only for a
    /// metric with a growth band (see [`growth_band`]).
    pub growth: Option<f64>,
    /// The year the vision's revenue is reached at that growth; only for
    /// `kind: revenue` metrics.
    pub forecast: Option<i32>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SkillView {
    /// The skill's id.
    pub id: String,
    /// The skill's name.
    pub name: String,
    /// The latest dated assessment (`assess`).
    pub level: i64,
    /// The day of that assessment, when known.
    pub level_date: Option<NaiveDate>,
    /// The file it comes from.
    pub level_from: String,
    /// This year's target level.
    pub target: Option<i64>,
    /// The level expected today: the straight line from last year's
    /// target (or the first level recorded) to this year's, rounded to a
    /// whole level; the latest target when this year has none.
    pub expected: Option<i64>,
    /// The target level of the plan's last year with one.
    pub final_target: Option<i64>,
    /// `level` against `expected`.
    pub pace: Pace,
    /// Levels over time from the history: (date, level).
    pub levels: Vec<(NaiveDate, f64)>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HabitView {
    /// The habit's id.
    pub id: String,
    /// The habit's title.
    pub title: String,
    /// `daily`, `workdays`, `days` or `weekly`.
    pub cadence: Cadence,
    /// The weekdays a `days` habit is kept on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<model::Weekday>,
    /// Check-ins a week a `weekly` habit asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Monday to Sunday of this week: done, not done, or not yet recorded.
    pub week: Vec<Option<bool>>,
    /// Monday to Sunday of this week: whether the day is on the cadence (a
    /// day off is neither a miss nor a hit; every day of a weekly habit is
    /// on it).
    pub week_due: Vec<bool>,
    /// Due days (or weeks with enough check-ins) done in a row up to now.
    pub current_streak: u32,
    /// The longest run of days (or weeks) done.
    pub longest_streak: u32,
    /// Check-ins recorded in all.
    pub checkins: u32,
    /// Minutes spent in all: check-ins times the habit's minutes.
    pub minutes: u32,
    /// Due days done against days due so far this week (weekly: check-ins,
    /// at most `times` a week, against `times` a week begun).
    pub this_week: Completion,
    /// Check-ins against those due this month.
    pub this_month: Completion,
    /// A running streak that ends unless the habit is done today (a due
    /// day) or by Sunday (weekly, when the days left are few).
    pub at_risk: bool,
    /// The goals the habit serves, by id and name: where the practice
    /// compounds.
    pub serves: Vec<Served>,
}

/// The weekly time budget and the time recorded against it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TimeBudget {
    /// Each category's target share of a week's recorded time, in
    /// percent, in the order of the budget.
    pub targets: Vec<TimeTarget>,
    /// Every week from the first with time recorded to this one, newest
    /// first (weeks with nothing recorded included).
    pub weeks: Vec<TimeWeek>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TimeTarget {
    /// The category's id, e.g. `strategic`.
    pub category: String,
    /// Its target share of a week's time, 0-100.
    pub share: u32,
}

/// One ISO week's time, Monday to Sunday.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TimeWeek {
    /// The week's Monday.
    pub week: NaiveDate,
    /// Minutes recorded in the week over every category.
    pub total_minutes: u32,
    /// Each category of the budget, in its order.
    pub categories: Vec<TimeSpent>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TimeSpent {
    pub category: String,
    /// Minutes recorded in the week.
    pub minutes: u32,
    /// The minutes as hours and minutes, `2h30m`.
    pub text: String,
    /// Its share of the week's time, 0-100; 0 when nothing was recorded.
    pub share: f64,
    /// The budget's share for it, 0-100.
    pub target: u32,
}

/// Time by category and week from the time logs, against the budget.
fn time_budget(docs: &Docs, today: NaiveDate) -> Option<TimeBudget> {
    let budget = &docs.habits?.time;
    if budget.is_empty() {
        return None;
    }
    let mut by_week: BTreeMap<NaiveDate, BTreeMap<&str, u32>> = BTreeMap::new();
    for log in docs.time.values() {
        for (day, spent) in log.iter().filter(|(d, _)| d.0 <= today) {
            let week = by_week.entry(week_of(day.0)).or_default();
            for (category, minutes) in spent {
                *week.entry(category.as_str()).or_default() += minutes.0;
            }
        }
    }
    let this_week = week_of(today);
    let first = by_week
        .keys()
        .next()
        .copied()
        .unwrap_or(this_week)
        .min(this_week);
    let mut weeks = Vec::new();
    let mut week = this_week;
    while week >= first {
        let spent = by_week.get(&week);
        let minutes = |c: &str| spent.and_then(|s| s.get(c)).copied().unwrap_or(0);
        let total: u32 = budget.keys().map(|c| minutes(c)).sum();
        let categories = budget
            .iter()
            .map(|(category, target)| {
                let m = minutes(category);
                TimeSpent {
                    category: category.clone(),
                    minutes: m,
                    text: crate::value::Duration(m).to_string(),
                    share: if total == 0 {
                        0.0
                    } else {
                        f64::from(m) * 100.0 / f64::from(total)
                    },
                    target: *target,
                }
            })
            .collect();
        weeks.push(TimeWeek {
            week,
            total_minutes: total,
            categories,
        });
        week = week - Days::new(7);
    }
    Some(TimeBudget {
        targets: budget
            .iter()
            .map(|(category, share)| TimeTarget {
                category: category.clone(),
                share: *share,
            })
            .collect(),
        weeks,
    })
}

/// Done against due in a stretch of time.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
pub struct Completion {
    /// Days (or weeks) done.
    pub done: u32,
    /// Days (or weeks) due so far.
    pub due: u32,
    /// 0-100; 0 when nothing was due yet.
    pub percent: f64,
}

impl Completion {
    fn new(done: u32, due: u32) -> Self {
        let percent = if due == 0 {
            0.0
        } else {
            f64::from(done.min(due)) * 100.0 / f64::from(due)
        };
        Completion { done, due, percent }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Served {
    /// The goal's id.
    pub id: String,
    /// The goal's name or title.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Behind {
    /// The item's id.
    pub id: String,
    /// What the item is: `metric`, `key-result`, `skill`, ...
    pub kind: &'static str,
    /// How far behind, in words.
    pub what: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReviewDue {
    /// `month-review`, `quarter-review` or `year-review`.
    pub kind: &'static str,
    /// The period reviewed (`2026-11`, `2026-Q4`, `2026`).
    pub period: String,
    /// The day it falls due: the period's last day.
    pub due: NaiveDate,
    /// Whether its period has ended without it.
    pub overdue: bool,
}

/// Share of a key result done, 0..1; `None` without a target.
pub(crate) fn key_result_progress(kr: &model::KeyResult) -> Option<f64> {
    let target = kr.target?.0;
    let start = kr.start.map_or(0.0, |s| s.0);
    let current = kr.current.map_or(start, |c| c.0);
    if (target - start).abs() < f64::EPSILON {
        return Some(if current >= target { 1.0 } else { 0.0 });
    }
    Some(((current - start) / (target - start)).clamp(0.0, 1.0))
}

/// Share of an objective done, 0..1.
pub(crate) fn objective_progress(o: &model::Objective) -> f64 {
    if o.status == Status::Done {
        return 1.0;
    }
    let krs: Vec<f64> = o
        .key_results
        .iter()
        .filter_map(key_result_progress)
        .collect();
    if !krs.is_empty() {
        return mean(&krs);
    }
    let done = o
        .milestones
        .iter()
        .filter(|m| m.status == Status::Done)
        .count();
    share(done, o.milestones.len())
}

/// The mean progress of `objectives`, a dropped one left out: it no
/// longer counts for or against its period.
fn open_progress(objectives: &[ObjectiveView]) -> f64 {
    let counted: Vec<f64> = objectives
        .iter()
        .filter(|o| o.status != Status::Dropped)
        .map(|o| o.progress)
        .collect();
    mean(&counted)
}

/// `part` of `whole` as a fraction, 0 of nothing.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn pace_against(progress: f64, elapsed: f64) -> Pace {
    if progress >= 1.0 {
        Pace::Done
    } else if progress - elapsed >= 0.10 {
        Pace::Ahead
    } else if elapsed - progress >= 0.10 {
        Pace::Behind
    } else {
        Pace::OnTrack
    }
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Share of `period` elapsed at `day`, 0..1.
fn elapsed(period: Period, day: NaiveDate) -> f64 {
    let total = days_between(period.start(), period.end()) + 1;
    let gone = (days_between(period.start(), day) + 1).clamp(0, total);
    gone as f64 / total as f64
}

/// Computes the progress of `plan` as of `dates.as_of` (every figure), with
/// the reviews due by `dates.today`, and `history` for series.
pub(crate) fn compute(plan: &Plan, history: &History, dates: Dates) -> Option<Progress> {
    let today = dates.as_of;
    let docs = plan.by_kind();
    let vision = docs.vision?;
    let year = today.year();
    let quarter = Period::quarter_of(today);

    let since = first_data(plan, history, today);
    let metrics = metric_views(&docs, vision, today, since);
    let skills = skill_views(&docs, plan, history, today, since);
    // Measured at the one as-of day, like every other figure: the
    // quarter's own `as_of` does not give it a day of its own.
    let quarter_view = docs
        .quarters
        .get(&quarter)
        .map(|q| quarter_view(q, quarter, today));
    let year_view = docs
        .years
        .get(&year)
        .map(|y| year_view(y, year, &docs, &metrics));
    let overall = overall(&docs, vision, &skills);
    let habits = habit_views(&docs, today);
    let time = time_budget(&docs, today);

    let mut behind = Vec::new();
    for m in metrics.iter().filter(|m| m.pace == Pace::Behind) {
        behind.push(Behind {
            id: m.id.clone(),
            kind: "metric",
            what: format!(
                "{} {} of {} expected by {}",
                m.name,
                fmt(m.actual, m.unit.as_deref()),
                fmt(m.expected, m.unit.as_deref()),
                m.reading.as_deref().unwrap_or("now")
            ),
        });
    }
    if let Some(q) = &quarter_view {
        for o in &q.objectives {
            for kr in o.key_results.iter().filter(|k| k.pace == Pace::Behind) {
                behind.push(Behind {
                    id: kr.id.clone(),
                    kind: "key-result",
                    what: format!(
                        "{}: {} of {} ({}, {} of the quarter gone)",
                        kr.title,
                        fmt(Some(kr.current), kr.unit.as_deref()),
                        fmt(kr.target, kr.unit.as_deref()),
                        percent_text(kr.progress.unwrap_or(0.0) * 100.0),
                        percent_text(q.day as f64 / q.days as f64 * 100.0)
                    ),
                });
            }
        }
    }
    for s in skills.iter().filter(|s| s.pace == Pace::Behind) {
        behind.push(Behind {
            id: s.id.clone(),
            kind: "skill",
            what: format!(
                "{} at level {}, {} expected by now ({} target {})",
                s.name,
                s.level,
                s.expected.unwrap_or_default(),
                year,
                s.target.unwrap_or_default()
            ),
        });
    }
    behind.extend(past_due(&docs, quarter, since, today));

    Some(Progress {
        person: plan.person.clone(),
        name: vision.name.clone(),
        start: vision.start,
        end: vision.end,
        as_of: dates.as_of,
        today: dates.today,
        last_update_days: dates.age(),
        dates_text: dates.describe(),
        note: None,
        problems: plan.problems.clone(),
        role_now: docs
            .career
            .map_or_else(|| vision.now.role.clone(), |c| c.title.clone()),
        role_goal: vision.goal.role.clone(),
        overall,
        year: year_view,
        quarter: quarter_view,
        metrics,
        skills,
        habits,
        time,
        behind,
        reviews_due: reviews_due(&docs, dates.today),
        actions_due: actions_due(&docs, quarter, today),
    })
}

/// The first day the plan has data for: its earliest recorded status,
/// value or level (metric readings, habit days and wins carry dates of
/// their own and do not count). A plan with no history starts today.
/// Nothing due before it is behind: a plan written today for a past start
/// year is not late on what it never tracked.
pub(crate) fn first_data(plan: &Plan, history: &History, today: NaiveDate) -> NaiveDate {
    history
        .observations_of(counts_as_data)
        .find(|o| o.person == plan.person.as_deref())
        .map_or(today, |o| o.date.min(today))
}

/// Whether an observation of `kind` dates a plan's first data (see
/// [`first_data`]).
fn counts_as_data(kind: ItemKind) -> bool {
    !matches!(kind, ItemKind::Metric | ItemKind::Habit | ItemKind::Win)
}

/// Keeps of `history` only the observations [`compute`] reads: each
/// person's first data and the skills' levels. A team's `status` reads
/// two in a hundred of its rows, and does not copy the rest into each
/// person's part.
pub(crate) fn keep_what_compute_reads(history: &mut History) {
    let mut started: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    history.retain_observations(|person, kind| {
        let person = person.unwrap_or_default();
        kind == ItemKind::Skill
            || (counts_as_data(kind)
                && !started.contains(person)
                && started.insert(person.to_owned()))
    });
}

/// Relationship goals and milestones past their due date and not closed:
/// the strategy's achievements and closing milestones, the initiatives of
/// this year and the years before, and the milestones of this quarter's and
/// past quarters' open objectives. Only what fell due on or after
/// `since` (the plan's first data) counts.
fn past_due(docs: &Docs, quarter: Period, since: NaiveDate, today: NaiveDate) -> Vec<Behind> {
    let late = |due: Option<Period>| due.is_some_and(|d| d.end() < today && d.end() >= since);
    let mut out = Vec::new();
    for g in docs.relationships.iter().flat_map(|r| &r.goals) {
        let reached = matches!((g.target, g.current), (Some(t), Some(c)) if c >= t);
        if !g.status.is_closed() && !reached && late(g.due) {
            let count = match g.target {
                Some(t) => format!("{} of {t}, ", g.current.unwrap_or(0)),
                None => String::new(),
            };
            out.push(Behind {
                id: g.id.clone(),
                kind: "relationship",
                what: format!(
                    "{}: {count}due {}",
                    g.title,
                    g.due.map(|d| d.to_string()).unwrap_or_default()
                ),
            });
        }
    }
    let phases = docs.strategy.iter().flat_map(|s| &s.phases);
    let strategic = phases.flat_map(|p| p.achievements.iter().chain(&p.milestone));
    // Every year and quarter up to this one, latest first: a milestone
    // carried to a later plan (same id) is read from the latest only.
    let initiatives = docs
        .years
        .range(..=quarter.year())
        .rev()
        .flat_map(|(_, y)| &y.initiatives);
    let quarterly = docs
        .quarters
        .range(..=quarter)
        .rev()
        .flat_map(|(_, q)| &q.objectives)
        .flat_map(|o| o.milestones.iter().map(|m| (m, o.status.is_closed())));
    let mut seen = std::collections::BTreeSet::new();
    let all = strategic
        .map(|m| (m, false))
        .chain(quarterly)
        .chain(initiatives.map(|m| (m, false)));
    for (m, objective_closed) in all {
        if seen.insert(m.id.as_str()) && !objective_closed && !m.status.is_closed() && late(m.due) {
            out.push(Behind {
                id: m.id.clone(),
                kind: "milestone",
                what: format!(
                    "{}: due {}, {}",
                    m.title,
                    m.due.map(|d| d.to_string()).unwrap_or_default(),
                    m.status.as_str()
                ),
            });
        }
    }
    out
}

fn fmt(value: Option<f64>, unit: Option<&str>) -> String {
    match (value, unit) {
        (None, _) => "-".to_owned(),
        (Some(v), Some("USD")) => format!("${}", crate::value::format_amount(v)),
        (Some(v), Some("%")) => format!("{}%", crate::value::format_amount(v)),
        (Some(v), Some(unit)) if unit.len() <= 2 => {
            format!("{}{unit}", crate::value::format_amount(v))
        }
        (Some(v), Some(unit)) => format!("{} {}", crate::value::format_amount(v), noun(v, unit)),
        (Some(v), None) => crate::value::format_amount(v),
    }
}

/// A unit word for `value`: `1 document`, `0 documents`, `2 documents`.
/// Units are written in the plural (`documents`, `accounts`); one of them
/// is its singular, where that is the plural without its last `s`.
fn noun(value: f64, unit: &str) -> &str {
    match unit.strip_suffix('s') {
        Some(one) if (value - 1.0).abs() < f64::EPSILON && !one.ends_with('s') && one.len() > 1 => {
            one
        }
        _ => unit,
    }
}

/// Public form of the unit-aware number format used in status lines.
pub(crate) fn format_value(value: Option<f64>, unit: Option<&str>) -> String {
    fmt(value, unit)
}

fn quarter_view(q: &model::QuarterPlan, period: Period, today: NaiveDate) -> QuarterView {
    let gone = elapsed(period, today);
    let objectives: Vec<ObjectiveView> = q
        .objectives
        .iter()
        .map(|o| {
            let progress = objective_progress(o);
            ObjectiveView {
                id: o.id.clone(),
                title: o.title.clone(),
                category: o.category,
                status: o.status,
                progress,
                pace: if o.status == Status::Dropped {
                    Pace::Unknown
                } else {
                    pace_against(progress, gone)
                },
                key_results: o
                    .key_results
                    .iter()
                    .map(|kr| {
                        let progress = key_result_progress(kr);
                        KeyResultView {
                            id: kr.id.clone(),
                            title: kr.title.clone(),
                            current: kr.current.map_or(0.0, |c| c.0),
                            target: kr.target.map(|t| t.0),
                            unit: kr.unit.clone(),
                            progress,
                            pace: progress.map_or(Pace::Unknown, |p| pace_against(p, gone)),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    QuarterView {
        period: period.to_string(),
        theme: q.theme.clone(),
        day: days_between(period.start(), today) + 1,
        days: days_between(period.start(), period.end()) + 1,
        progress: open_progress(&objectives),
        objectives,
        milestones: quarter_milestones(q),
    }
}

fn year_view(y: &model::YearPlan, year: i32, docs: &Docs, metrics: &[MetricView]) -> YearView {
    let objectives: Vec<ObjectiveView> = y
        .objectives
        .iter()
        .map(|o| {
            let measured = o
                .metric
                .as_ref()
                .and_then(|id| metrics.iter().find(|m| &m.id == id));
            let target = o
                .target
                .map(|t| t.0)
                .or_else(|| measured.and_then(|m| m.target));
            let current = o
                .current
                .map(|c| c.0)
                .or_else(|| measured.and_then(|m| m.actual));
            let supporting: Vec<f64> = docs
                .quarters
                .iter()
                .filter(|(p, _)| p.year() == year)
                .flat_map(|(_, q)| &q.objectives)
                .filter(|q| q.supports.contains(&o.id) && q.status != Status::Dropped)
                .map(objective_progress)
                .collect();
            let progress = match (o.status, current, target) {
                (Status::Done, ..) => 1.0,
                (_, Some(current), Some(target))
                    if measured.is_some_and(|m| m.better == Better::Down) && current > 0.0 =>
                {
                    (target / current).clamp(0.0, 1.0)
                }
                (_, Some(current), Some(target)) if target > 0.0 => {
                    (current / target).clamp(0.0, 1.0)
                }
                _ => mean(&supporting),
            };
            ObjectiveView {
                id: o.id.clone(),
                title: o.title.clone(),
                category: o.category,
                status: o.status,
                progress,
                pace: measured.map_or(Pace::Unknown, |m| m.pace),
                key_results: Vec::new(),
            }
        })
        .collect();
    let success = CriterionView::of_year(y);
    YearView {
        year,
        theme: y.theme.clone(),
        progress: open_progress(&objectives),
        objectives,
        role: y.role.clone(),
        success_met: success.iter().filter(|c| c.status == Status::Done).count(),
        success,
    }
}

/// The latest reading of a metric in `year`, on or before `today`.
fn reading(metric: &model::Metric, year: i32, today: NaiveDate) -> Option<(Period, f64)> {
    metric
        .actuals
        .iter()
        .filter(|(p, _)| p.year() == year && p.start() <= today)
        .max_by_key(|(p, _)| p.end())
        .map(|(p, a)| (*p, a.0))
}

/// The growth band a metric is held to, as `check` holds it: its own
/// `growth`, else the plan's for a `kind: revenue` metric; other metrics
/// have none, and so no band drawn and no growth forecast.
pub(crate) fn growth_band(m: &model::Metric, plan: &model::Metrics) -> Option<crate::value::Band> {
    m.growth
        .or((m.kind == MetricKind::Revenue).then_some(plan.growth))
}

/// The plan's revenue metric: the first of `kind: revenue`. The revenue
/// section, the summary and `status` lead with it.
pub(crate) fn revenue_metric(plan: &model::Metrics) -> Option<&model::Metric> {
    plan.metrics.iter().find(|m| m.kind == MetricKind::Revenue)
}

/// The plan's metrics in the order they are shown: the revenue metric
/// first, the others as the file lists them.
pub(crate) fn metrics_in_order(plan: &model::Metrics) -> Vec<&model::Metric> {
    let lead = revenue_metric(plan).map(|m| m.id.as_str());
    let mut out: Vec<&model::Metric> = plan.metrics.iter().collect();
    out.sort_by_key(|m| Some(m.id.as_str()) != lead);
    out
}

fn metric_views(
    docs: &Docs,
    vision: &model::Vision,
    today: NaiveDate,
    since: NaiveDate,
) -> Vec<MetricView> {
    let Some(metrics) = docs.metrics else {
        return Vec::new();
    };
    let year = today.year();
    let lead = revenue_metric(metrics).map(|m| m.id.as_str());
    metrics_in_order(metrics)
        .into_iter()
        .map(|m| {
            let target = m.targets.get(&year).map(|t| t.0);
            let current = reading(m, year, today);
            let expected = match (target, current) {
                (Some(target), Some((period, _))) if m.ytd => {
                    Some(target * elapsed(Period::Year(year), period.end()))
                }
                (Some(target), Some((period, _))) => {
                    // Last year's target, when it was tracked: one whose
                    // year ended before the plan had data starts the line
                    // from last year's reading instead, as a skill's does.
                    let from = m
                        .targets
                        .get(&(year - 1))
                        .filter(|_| Period::Year(year - 1).end() >= since)
                        .map(|t| t.0)
                        .or_else(|| full_year(m, year - 1))
                        .or(m.baseline.map(|b| b.0));
                    Some(from.map_or(target, |from| {
                        from + (target - from) * elapsed(Period::Year(year), period.end())
                    }))
                }
                _ => None,
            };
            let pace = match (current, expected) {
                (Some((_, actual)), Some(expected)) if expected.abs() > f64::EPSILON => {
                    let ratio = if m.better == Better::Down {
                        expected / actual.max(f64::EPSILON)
                    } else {
                        actual / expected
                    };
                    if ratio >= 1.03 {
                        Pace::Ahead
                    } else if ratio < 0.97 {
                        Pace::Behind
                    } else {
                        Pace::OnTrack
                    }
                }
                _ => Pace::Unknown,
            };
            let (growth, forecast) = if growth_band(m, metrics).is_some() {
                let (growth, forecast) = growth_forecast(m, vision, today);
                (growth, forecast.filter(|_| m.kind == MetricKind::Revenue))
            } else {
                (None, None)
            };
            MetricView {
                id: m.id.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                better: m.better,
                revenue: Some(m.id.as_str()) == lead,
                year,
                actual: current.map(|c| c.1),
                reading: current.map(|c| c.0.to_string()),
                target,
                expected,
                pace,
                growth,
                forecast,
            }
        })
        .collect()
}

/// A full year's figure: its year reading, or its December reading.
fn full_year(m: &model::Metric, year: i32) -> Option<f64> {
    m.actuals
        .get(&Period::Year(year))
        .or_else(|| m.actuals.get(&Period::Month(year, 12)))
        .map(|a| a.0)
}

/// The growth achieved from the baseline to the last full year, and the
/// year the vision's revenue is reached at it (a metric that shrinks
/// toward its goal never reaches it).
fn growth_forecast(
    m: &model::Metric,
    vision: &model::Vision,
    today: NaiveDate,
) -> (Option<f64>, Option<i32>) {
    let base_year = vision.start - 1;
    let Some(base) = m.baseline.map(|b| b.0).or_else(|| full_year(m, base_year)) else {
        return (None, None);
    };
    let last = (vision.start..today.year())
        .rev()
        .find_map(|y| full_year(m, y).map(|v| (y, v)));
    let Some((last_year, last_value)) = last else {
        return (None, None);
    };
    if base <= 0.0 || last_value <= 0.0 {
        return (None, None);
    }
    let growth = (last_value / base).powf(1.0 / f64::from(last_year - base_year)) - 1.0;
    let goal = vision.goal.revenue.0;
    let forecast = if last_value >= goal {
        Some(last_year)
    } else if growth > 0.0 {
        Some(last_year + ((goal / last_value).ln() / (1.0 + growth).ln()).ceil() as i32)
    } else {
        None
    };
    (Some(growth * 100.0), forecast)
}

fn skill_views(
    docs: &Docs,
    plan: &Plan,
    history: &History,
    today: NaiveDate,
    since: NaiveDate,
) -> Vec<SkillView> {
    let Some(capabilities) = docs.capabilities else {
        return Vec::new();
    };
    let year = today.year();
    let end = docs.vision.map_or(year, |v| v.end);
    let mut points = skill_points(history, plan.person.as_deref());
    capabilities
        .skills
        .iter()
        .map(|s| {
            let points = points.remove(s.id.as_str()).unwrap_or_default();
            let assessed = assess(docs, &points, s);
            let level = assessed.level;
            let target = s.targets.range(..=year).next_back().map(|(_, t)| *t);
            let final_target = s.targets.range(..=end).next_back().map(|(_, t)| *t);
            // Targets are reached within their year: the pace runs from
            // last year's target on 1 January to this year's on 31
            // December, as a level metric's does. A target whose year ended
            // before the plan had data was never tracked: the line starts
            // from the first level recorded instead.
            let start_level = points.first().map_or(s.level as f64, |(_, _, l)| *l);
            let tracked = |y: i32| Period::Year(y).end() >= since;
            let previous = s
                .targets
                .range(..year)
                .next_back()
                .filter(|(y, _)| tracked(**y))
                .map(|(_, t)| *t as f64);
            let expected = match (s.targets.get(&year), previous) {
                (Some(t), _) => {
                    let from = previous.unwrap_or(start_level);
                    let line = from + (*t as f64 - from) * elapsed(Period::Year(year), today);
                    Some(line.round() as i64)
                }
                (None, Some(held)) => Some(held as i64),
                (None, None) => target.map(|_| start_level.round() as i64),
            };
            let pace = match expected {
                Some(e) if level > e => Pace::Ahead,
                Some(e) if level == e => Pace::OnTrack,
                Some(_) => Pace::Behind,
                None => Pace::Unknown,
            };
            SkillView {
                id: s.id.clone(),
                name: s.name.clone(),
                level,
                level_date: assessed.date,
                level_from: assessed.from,
                target,
                expected,
                final_target,
                pace,
                levels: merged_levels(points),
            }
        })
        .collect()
}

/// A skill's level, the day it was assessed and the file that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assessed {
    pub level: i64,
    pub date: Option<NaiveDate>,
    /// `capabilities.yaml` or the review's path.
    pub from: String,
}

/// One observed level of a skill: its day, whether capabilities.yaml
/// states it (else a review), and the level.
type SkillPoint = (NaiveDate, bool, f64);

/// The skills' observed levels, by skill id, in the history's (date)
/// order: one pass over the observations for every skill.
fn skill_points<'h>(
    history: &'h History,
    person: Option<&str>,
) -> BTreeMap<&'h str, Vec<SkillPoint>> {
    let mut out: BTreeMap<&str, Vec<SkillPoint>> = BTreeMap::new();
    for o in history.observations_of(|kind| kind == ItemKind::Skill) {
        if o.person != person || !(o.field == "level" || o.field == crate::history::ASSESSED) {
            continue;
        }
        if let Val::Num(v) = o.value {
            out.entry(o.id)
                .or_default()
                .push((o.date, o.field == "level", v));
        }
    }
    out
}

/// [`assess`] without a history (a draft of the plan alone):
/// capabilities.yaml's level is dated by the file's `as_of`.
pub(crate) fn planned_skill_level(docs: &Docs, skill: &model::Skill) -> i64 {
    assess(docs, &[], skill).level
}

/// A skill's level: the latest dated assessment, from whichever file.
///
/// capabilities.yaml's `level` is dated by the commit that set it to its
/// value (the file's `as_of` then; an edit to another skill does not date
/// it again), or, when the history does not know it yet, by the file's
/// `as_of`; a review's `skills:` entry is dated by the review's `as_of`, or
/// the end of its period. The latest wins; on the same day
/// capabilities.yaml's. Every output reads a skill's level here
/// (through [`SkillView::level`] or [`planned_skill_level`]).
fn assess(docs: &Docs, points: &[SkillPoint], skill: &model::Skill) -> Assessed {
    let set = points
        .iter()
        .filter(|p| p.1)
        .max_by_key(|p| p.0)
        .filter(|p| (p.2 - skill.level as f64).abs() < 1e-9)
        .map(|p| p.0);
    let stated = docs.capabilities.and_then(|c| c.as_of).map(|d| d.0);
    let mut best = Assessed {
        level: skill.level,
        date: set.or(stated),
        from: "capabilities.yaml".to_owned(),
    };
    for (period, (review, path)) in &docs.reviews {
        let Some(level) = review.skills.get(&skill.id) else {
            continue;
        };
        let date = review.as_of.map_or_else(|| period.end(), |d| d.0);
        if best.date.is_none_or(|d| date > d) {
            best = Assessed {
                level: *level,
                date: Some(date),
                from: (*path).to_owned(),
            };
        }
    }
    best
}

/// A skill's levels over time, both sources merged by date: each change
/// of capabilities.yaml's `level` and each review's assessment, a point
/// only where the level changes.
fn merged_levels(mut points: Vec<SkillPoint>) -> Vec<(NaiveDate, f64)> {
    // On the same day capabilities.yaml's level comes last: it wins.
    points.sort_by_key(|p| (p.0, p.1));
    let mut out: Vec<(NaiveDate, f64)> = Vec::new();
    for (date, _, level) in points {
        match out.last_mut() {
            Some(last) if (last.1 - level).abs() < 1e-9 => {}
            Some(last) if last.0 == date => last.1 = level,
            _ => out.push((date, level)),
        }
    }
    out
}

fn overall(docs: &Docs, vision: &model::Vision, skills: &[SkillView]) -> Overall {
    let w = vision.weights;
    let start_revenue = vision.now.revenue.0;
    let goal_revenue = vision.goal.revenue.0;
    let revenue_now = docs.career.map_or(start_revenue, |c| c.revenue.0);
    let revenue = if start_revenue > 0.0 && goal_revenue > start_revenue && revenue_now > 0.0 {
        ((revenue_now / start_revenue).ln() / (goal_revenue / start_revenue).ln()).clamp(0.0, 1.0)
    } else {
        0.0
    };

    let phases = docs.strategy.map_or(&[][..], |s| s.phases.as_slice());
    let closed = phases
        .iter()
        .filter(|p| {
            p.milestone
                .as_ref()
                .is_some_and(|m| m.status == Status::Done)
        })
        .count();
    let role = share(closed, phases.len());

    let team_start = f64::from(vision.now.team);
    let team_goal = vision.goal.team.lo;
    let team_now = docs.career.map_or(team_start, |c| f64::from(c.reports));
    let team = if team_goal > team_start {
        ((team_now - team_start) / (team_goal - team_start)).clamp(0.0, 1.0)
    } else {
        0.0
    };

    let skill_parts: Vec<f64> = skills
        .iter()
        .filter_map(|s| {
            s.final_target
                .filter(|t| *t > 0)
                .map(|t| (s.level as f64 / t as f64).min(1.0))
        })
        .collect();
    let skill = mean(&skill_parts);

    let milestones: Vec<&model::Milestone> = phases
        .iter()
        .flat_map(|p| p.achievements.iter().chain(&p.milestone))
        .collect();
    let done = milestones
        .iter()
        .filter(|m| m.status == Status::Done)
        .count();
    let milestone = share(done, milestones.len());

    let parts = vec![
        Part {
            dimension: "revenue",
            weight: w.revenue,
            progress: revenue,
            detail: format!(
                "${} of ${} revenue responsibility (from ${})",
                crate::value::format_amount(revenue_now),
                crate::value::format_amount(goal_revenue),
                crate::value::format_amount(start_revenue)
            ),
        },
        Part {
            dimension: "role",
            weight: w.role,
            progress: role,
            detail: format!("{closed} of {} phases complete", phases.len()),
        },
        Part {
            dimension: "team",
            weight: w.team,
            progress: team,
            detail: format!("{team_now} of {team_goal} people led"),
        },
        Part {
            dimension: "skills",
            weight: w.skills,
            progress: skill,
            detail: match (skill_parts.len(), percent_text(skill * 100.0)) {
                (1, share) => format!("1 skill at {share} of its final target"),
                (n, share) => format!("{n} skills at {share} of their final targets"),
            },
        },
        Part {
            dimension: "milestones",
            weight: w.milestones,
            progress: milestone,
            detail: format!("{done} of {} milestones done", milestones.len()),
        },
    ];
    let total: f64 = parts.iter().map(|p| p.weight).sum();
    let percent = if total > 0.0 {
        parts.iter().map(|p| p.weight * p.progress).sum::<f64>() / total * 100.0
    } else {
        0.0
    };
    Overall { percent, parts }
}

fn habit_views(docs: &Docs, today: NaiveDate) -> Vec<HabitView> {
    let Some(habits) = docs.habits else {
        return Vec::new();
    };
    habits
        .habits
        .iter()
        .map(|h| {
            let days = habit_days(docs, &h.id, today);
            let schedule = Schedule::of(h);
            let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
            let week = (0..7)
                .map(|i| days.get(&(monday + Days::new(i))).copied())
                .collect();
            let week_due = (0..7)
                .map(|i| schedule.due_on(monday + Days::new(i)))
                .collect();
            let checkins = days.values().filter(|d| **d).count() as u32;
            let (current_streak, longest_streak) = streaks(&days, schedule, today);
            let since = h.since.map(|d| d.0);
            let (this_week, this_month) = completions(&days, schedule, since, monday, today);
            let at_risk = current_streak > 0
                && match schedule {
                    Schedule::Days(_) => schedule.due_on(today) && days.get(&today) != Some(&true),
                    Schedule::Weekly(times) => {
                        let needed = times.saturating_sub(this_week.done);
                        let left = 7 - today.weekday().num_days_from_monday();
                        needed > 0 && left <= needed + 2
                    }
                };
            HabitView {
                id: h.id.clone(),
                title: h.title.clone(),
                cadence: h.cadence,
                days: h.days.clone(),
                times: schedule.times(),
                week,
                week_due,
                current_streak,
                longest_streak,
                checkins,
                minutes: checkins * h.minutes.unwrap_or(0),
                this_week,
                this_month,
                at_risk,
                serves: h
                    .serves
                    .iter()
                    .map(|id| Served {
                        id: id.clone(),
                        name: crate::item::goal(docs, id)
                            .map_or_else(|| id.clone(), |(_, name)| name.to_owned()),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A habit's marks up to `today` from every month's check-ins: done or not
/// done, by day; days not written are absent.
pub(crate) fn habit_days(docs: &Docs, id: &str, today: NaiveDate) -> BTreeMap<NaiveDate, bool> {
    let mut days = BTreeMap::new();
    for (period, marks) in &docs.checkins {
        if let Some(line) = marks.get(id) {
            for (i, c) in line.chars().enumerate() {
                let day = period.start() + Days::new(i as u64);
                if day <= today {
                    days.insert(day, matches!(c, 'x' | 'X'));
                }
            }
        }
    }
    days
}

/// When a habit is due, from its cadence: on given weekdays (daily,
/// workdays, chosen days), or a number of days a week (weekly). Streaks,
/// completions, the risk of a broken streak and the calendar all follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schedule {
    /// Due on the weekdays marked, Monday first; the others are off.
    Days([bool; 7]),
    /// Due this many days a week, any days.
    Weekly(u32),
}

impl Schedule {
    pub(crate) fn of(habit: &model::Habit) -> Self {
        match habit.cadence {
            Cadence::Daily => Schedule::Days([true; 7]),
            Cadence::Workdays => Schedule::Days([true, true, true, true, true, false, false]),
            Cadence::Days => {
                let mut on = [false; 7];
                for d in &habit.days {
                    on[d.index() as usize] = true;
                }
                Schedule::Days(on)
            }
            Cadence::Weekly => Schedule::Weekly(habit.times.unwrap_or(1).clamp(1, 7)),
        }
    }

    /// Whether `day` is one the habit is kept on: a day off the cadence is
    /// neither a miss nor a hit. Every day of a weekly habit may be one.
    pub(crate) fn due_on(self, day: NaiveDate) -> bool {
        match self {
            Schedule::Days(on) => on[day.weekday().num_days_from_monday() as usize],
            Schedule::Weekly(_) => true,
        }
    }

    /// Check-ins a week for a weekly habit.
    pub(crate) fn times(self) -> Option<u32> {
        match self {
            Schedule::Days(_) => None,
            Schedule::Weekly(times) => Some(times),
        }
    }
}

fn week_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// This week's and this month's completion: days due done against days
/// due so far (day cadences), or check-ins, at most `times` a week, against
/// `times` for each week begun (weekly).
fn completions(
    days: &BTreeMap<NaiveDate, bool>,
    schedule: Schedule,
    since: Option<NaiveDate>,
    monday: NaiveDate,
    today: NaiveDate,
) -> (Completion, Completion) {
    let first_of_month = today.with_day(1).unwrap_or(today);
    let count = |from: NaiveDate| {
        let from = since.map_or(from, |s| from.max(s));
        if from > today {
            return Completion::new(0, 0);
        }
        let done = days
            .range(from..=today)
            .filter(|(d, done)| **done && schedule.due_on(**d))
            .map(|(d, _)| *d);
        match schedule {
            Schedule::Days(_) => {
                let due = from
                    .iter_days()
                    .take_while(|d| *d <= today)
                    .filter(|d| schedule.due_on(*d))
                    .count();
                Completion::new(
                    u32::try_from(done.count()).unwrap_or(0),
                    u32::try_from(due).unwrap_or(0),
                )
            }
            Schedule::Weekly(times) => {
                let mut weeks: BTreeMap<NaiveDate, u32> = BTreeMap::new();
                for d in done {
                    *weeks.entry(week_of(d)).or_default() += 1;
                }
                let done: u32 = weeks.values().map(|n| (*n).min(times)).sum();
                let begun =
                    u32::try_from((week_of(today) - week_of(from)).num_weeks() + 1).unwrap_or(0);
                Completion::new(done, begun * times)
            }
        }
    };
    (count(monday), count(first_of_month))
}

/// The current and the longest streak by the cadence: due days done in a
/// row (days off skipped), or weeks with `times` check-ins in a row. The
/// current one ends today, or at the last due day (week) before it when
/// today's is not done yet.
fn streaks(days: &BTreeMap<NaiveDate, bool>, schedule: Schedule, today: NaiveDate) -> (u32, u32) {
    match schedule {
        Schedule::Days(_) => day_streaks(days, schedule, today),
        Schedule::Weekly(times) => weekly_streaks(days, times, today),
    }
}

/// The due day before `day`, at most a week back.
fn previous_due(schedule: Schedule, day: NaiveDate) -> Option<NaiveDate> {
    (1..=7)
        .map(|n| day - Days::new(n))
        .find(|d| schedule.due_on(*d))
}

fn day_streaks(
    days: &BTreeMap<NaiveDate, bool>,
    schedule: Schedule,
    today: NaiveDate,
) -> (u32, u32) {
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for (day, done) in days.iter().filter(|(d, _)| schedule.due_on(**d)) {
        if *done && previous.is_some_and(|p| previous_due(schedule, *day) == Some(p)) {
            run += 1;
        } else if *done {
            run = 1;
        } else {
            run = 0;
        }
        longest = longest.max(run);
        previous = Some(*day);
    }
    let mut current = 0;
    let mut day = if schedule.due_on(today) && days.get(&today) == Some(&true) {
        Some(today)
    } else {
        previous_due(schedule, today)
    };
    while let Some(d) = day.filter(|d| days.get(d) == Some(&true)) {
        current += 1;
        day = previous_due(schedule, d);
    }
    (current, longest)
}

/// Consecutive ISO weeks with at least `times` check-ins.
fn weekly_streaks(days: &BTreeMap<NaiveDate, bool>, times: u32, today: NaiveDate) -> (u32, u32) {
    let mut counts: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for (d, _) in days.iter().filter(|(_, done)| **done) {
        *counts.entry(week_of(*d)).or_default() += 1;
    }
    let weeks: std::collections::BTreeSet<NaiveDate> = counts
        .into_iter()
        .filter(|(_, n)| *n >= times)
        .map(|(w, _)| w)
        .collect();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for week in &weeks {
        run = if previous.is_some_and(|p| *week == p + Days::new(7)) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(*week);
    }
    let this_week = week_of(today);
    let mut week = if weeks.contains(&this_week) {
        this_week
    } else {
        this_week - Days::new(7)
    };
    let mut current = 0;
    while weeks.contains(&week) {
        current += 1;
        week = week - Days::new(7);
    }
    (current, longest)
}

/// Reviews not yet written: last month's and last quarter's (overdue), and
/// the one due next.
fn reviews_due(docs: &Docs, today: NaiveDate) -> Vec<ReviewDue> {
    let month = Period::month_of(today);
    let quarter = Period::quarter_of(today);
    let previous_month = Period::month_of(month.start() - Days::new(1));
    let previous_quarter = Period::quarter_of(quarter.start() - Days::new(1));
    let previous_year = Period::Year(today.year() - 1);
    let mut due = Vec::new();
    for (kind, period) in [
        ("year-review", previous_year),
        ("quarter-review", previous_quarter),
        ("month-review", previous_month),
    ] {
        if !docs.reviews.contains_key(&period)
            && docs.vision.is_some_and(|v| period.year() >= v.start)
        {
            due.push(ReviewDue {
                kind,
                period: period.to_string(),
                due: period.end(),
                overdue: true,
            });
        }
    }
    if !docs.reviews.contains_key(&month) {
        due.push(ReviewDue {
            kind: "month-review",
            period: month.to_string(),
            due: month.end(),
            overdue: false,
        });
    }
    if month.end() == quarter.end() && !docs.reviews.contains_key(&quarter) {
        due.push(ReviewDue {
            kind: "quarter-review",
            period: quarter.to_string(),
            due: quarter.end(),
            overdue: false,
        });
    }
    // December is the guide's annual planning month: the year's own review
    // falls due with it.
    let year = Period::Year(today.year());
    if month.end() == year.end() && !docs.reviews.contains_key(&year) {
        due.push(ReviewDue {
            kind: "year-review",
            period: year.to_string(),
            due: year.end(),
            overdue: false,
        });
    }
    due
}

/// The name of the period a due date names: `week`, `month`...
pub(crate) fn grain(period: Period) -> &'static str {
    match period {
        Period::Year(_) => "year",
        Period::Quarter(..) => "quarter",
        Period::Month(..) => "month",
        Period::Week(..) => "week",
        Period::Day(_) => "day",
    }
}

fn quarter_milestones(q: &model::QuarterPlan) -> Vec<QuarterMilestone> {
    let mut out: Vec<QuarterMilestone> = q
        .objectives
        .iter()
        .flat_map(|o| {
            o.milestones.iter().map(|m| QuarterMilestone {
                id: m.id.clone(),
                title: m.title.clone(),
                objective: o.id.clone(),
                due: m.due.map(|d| d.to_string()),
                due_date: m.due.map(Period::end),
                grain: m.due.map(grain),
                status: m.status,
            })
        })
        .collect();
    // Undated ones last, in the order written.
    out.sort_by_key(|m| m.due_date.unwrap_or(NaiveDate::MAX));
    out
}

fn actions_due(docs: &Docs, quarter: Period, today: NaiveDate) -> Vec<ActionDue> {
    let mut out: Vec<ActionDue> = docs
        .capabilities
        .iter()
        .flat_map(|c| &c.skills)
        .flat_map(|s| {
            s.actions.iter().filter_map(move |a| match a {
                model::Action::Item(item) if !item.status.is_closed() => {
                    let due = item.due?;
                    (due.end() <= quarter.end()).then(|| ActionDue {
                        skill: s.id.clone(),
                        skill_name: s.name.clone(),
                        title: item.title.clone(),
                        status: item.status,
                        due: due.to_string(),
                        due_date: due.end(),
                        overdue: due.end() < today,
                    })
                }
                _ => None,
            })
        })
        .collect();
    out.sort_by_key(|a| a.due_date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_a_unit_is_written_in_the_singular() {
        let shown = |v: f64, unit: &str| format_value(Some(v), Some(unit));
        assert_eq!(shown(1.0, "documents"), "1 document");
        assert_eq!(shown(0.0, "documents"), "0 documents");
        assert_eq!(shown(2.0, "talks"), "2 talks");
        assert_eq!(shown(1.0, "people"), "1 people");
        assert_eq!(shown(1.0, "hours"), "1 hour");
        assert_eq!(shown(1.0, "class"), "1 class");
    }
    use crate::value::Amount;

    #[test]
    fn habit_completion_counts_days_gone_this_week_and_month() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).expect("day");
        // Done on the 2nd, 3rd, 4th and 6th; today is Saturday the 7th.
        let days: BTreeMap<NaiveDate, bool> =
            [(2, true), (3, true), (4, true), (5, false), (6, true)]
                .into_iter()
                .map(|(d, done)| (day(d), done))
                .collect();
        let daily = Schedule::Days([true; 7]);
        let (week, month) = completions(&days, daily, None, day(2), day(7));
        assert_eq!((week.done, week.due), (4, 6));
        assert_eq!((month.done, month.due), (4, 7));
        let (week, month) = completions(&days, Schedule::Weekly(1), None, day(2), day(7));
        assert_eq!((week.done, week.due, month.done, month.due), (1, 1, 1, 2));
        let (week, month) = completions(&days, Schedule::Weekly(3), None, day(2), day(7));
        assert_eq!((week.done, week.due, month.done, month.due), (3, 3, 3, 6));
        assert_eq!(streaks(&days, daily, day(7)), (1, 3));
        // Workdays: Saturday the 7th is off, so the week's due days are
        // Monday to Friday and Friday's check-in keeps the streak.
        let workdays = Schedule::Days([true, true, true, true, true, false, false]);
        let (week, _) = completions(&days, workdays, None, day(2), day(7));
        assert_eq!((week.done, week.due), (4, 5));
        assert_eq!(streaks(&days, workdays, day(7)), (1, 3));
    }

    fn kr(start: Option<f64>, current: Option<f64>, target: Option<f64>) -> model::KeyResult {
        model::KeyResult {
            id: "k".into(),
            title: "k".into(),
            target: target.map(Amount),
            current: current.map(Amount),
            start: start.map(Amount),
            unit: None,
            measures: None,
            linked: false,
        }
    }

    #[test]
    fn key_result_progress_runs_from_start_to_target() {
        assert_eq!(
            key_result_progress(&kr(None, Some(0.9e6), Some(1.2e6))),
            Some(0.75)
        );
        assert_eq!(
            key_result_progress(&kr(Some(10.0), Some(15.0), Some(20.0))),
            Some(0.5)
        );
        assert_eq!(
            key_result_progress(&kr(None, Some(30.0), Some(20.0))),
            Some(1.0)
        );
        assert_eq!(key_result_progress(&kr(None, Some(3.0), None)), None);
    }

    #[test]
    fn pace_compares_progress_with_time_elapsed() {
        assert_eq!(pace_against(0.2, 0.5), Pace::Behind);
        assert_eq!(pace_against(0.45, 0.5), Pace::OnTrack);
        assert_eq!(pace_against(0.7, 0.5), Pace::Ahead);
        assert_eq!(pace_against(1.0, 0.5), Pace::Done);
    }

    #[test]
    fn streaks_count_back_from_today() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let days: BTreeMap<NaiveDate, bool> = [
            ("2026-11-18", true),
            ("2026-11-19", true),
            ("2026-11-20", false),
            ("2026-11-21", true),
            ("2026-11-22", true),
            ("2026-11-23", true),
        ]
        .into_iter()
        .map(|(s, b)| (d(s), b))
        .collect();
        assert_eq!(
            streaks(&days, Schedule::Days([true; 7]), d("2026-11-24")),
            (3, 3)
        );
        assert_eq!(weekly_streaks(&days, 1, d("2026-11-24")), (2, 2));
        // Four check-ins the week of the 16th make three; one the week of
        // the 23rd so far.
        assert_eq!(weekly_streaks(&days, 3, d("2026-11-24")), (1, 1));
        assert_eq!(weekly_streaks(&days, 5, d("2026-11-24")), (0, 0));
        // Wednesday the 18th, Thursday the 19th, Saturday the 21st and
        // Monday the 23rd: a Monday-Wednesday-Saturday habit kept on every
        // due day since the 18th (the 20th and 22nd are off).
        let mon_wed_sat = Schedule::Days([true, false, true, false, false, true, false]);
        assert_eq!(streaks(&days, mon_wed_sat, d("2026-11-24")), (3, 3));
    }
}
