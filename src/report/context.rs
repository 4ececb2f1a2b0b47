//! The report context: every figure the report's templates and exports
//! show, computed here from the plan, its history and the progress model.
//! Templates only lay it out; `roadmap report --context` prints it.
//!
//! The shape is documented in docs/report.md. Fields are added, never
//! renamed: user templates depend on them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::history::{ById, EventKind, History, ItemKind, Val};
use crate::load::{Docs, Plan, Problem};
use crate::model::{self, Area, Category, Circle, Status};
use crate::planning::{self, DocKind};
use crate::progress::{self, Pace, Progress};
use crate::value::{Period, percent_text, rounded_percent};
use crate::when::Dates;

/// Bumped when a field changes meaning (never for added fields).
pub const CONTEXT_VERSION: u32 = 2;

/// How many days the habit calendar covers, ending on `today`.
const CALENDAR_DAYS: u64 = 371;

/// Everything a report template receives.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// The context's shape version.
    pub version: u32,
    /// The day every figure is measured at: the plan's last update at the
    /// point reported on (docs/progress.md, "Dates").
    pub as_of: NaiveDate,
    /// The day things fall due against: today, or the end of `--at`'s
    /// period.
    pub today: NaiveDate,
    /// Days from `as_of` to `today`.
    pub last_update_days: i64,
    /// `as of 2026-10-31 (last update, 35 days ago)`, as every output says it.
    pub dates_text: String,
    /// Said about the point reported on (one after today).
    pub note: Option<String>,
    /// The commit reported on; `None` for the working tree.
    pub revision: Option<String>,
    /// Commits of the history that touched `plans/`.
    pub commits: usize,
    /// The five objective categories, in the guide's order.
    pub categories: Vec<Label>,
    /// The six capability areas, in the guide's order.
    pub areas: Vec<Label>,
    /// One entry per person (one for a single-person repository), shared
    /// by the pages that render it rather than copied for each.
    pub plans: Vec<Arc<PlanContext>>,
    /// The team overview: one row per person and the roll-up; `None` when
    /// the repository holds one plan.
    pub team: Option<TeamView>,
    /// The plan files the report is made without, wholly or in part (they
    /// do not parse or cannot be read), each with what is left out: the
    /// dashboard and the summary show them in a banner. Empty when the
    /// plan was read whole.
    pub problems: Vec<Problem>,
}

/// A team repository at a glance, computed from each person's own figures.
#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    pub people: Vec<TeamRow>,
    /// The sum of everyone's revenue responsibility (`career.revenue`).
    pub responsibility: f64,
    pub responsibility_text: String,
    /// The sum of this year's revenue actuals and targets of everyone who
    /// has a revenue metric.
    pub revenue_actual: f64,
    pub revenue_actual_text: String,
    pub revenue_target: f64,
    pub revenue_target_text: String,
    /// The mean of every person's overall percent toward their vision.
    pub average_percent: f64,
    /// The mean of this quarter's completion (0-1) over the people with a
    /// quarterly plan; `None` when nobody has one.
    pub average_quarter: Option<f64>,
    /// Items behind plan, summed over everyone.
    pub behind: usize,
    /// The month `revenue_actual` sums the readings of (never readings of
    /// different months); `None` without a revenue reading this year.
    pub revenue_month: Option<String>,
    /// The team's target prorated to the end of `revenue_month`.
    pub revenue_expected: Option<f64>,
    pub revenue_expected_text: String,
    /// The hierarchy, the attention list, the revenue by month, the skills
    /// grid, habits, reviews and promotions: exactly what `roadmap status
    /// --team --format json` shows as `team`.
    pub rollup: crate::team::Team,
}

/// One person's line in the team overview.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    pub person: Option<String>,
    pub name: String,
    pub role_now: String,
    pub role_goal: String,
    /// 0-100, `status.overall.percent`.
    pub percent: f64,
    /// The revenue this person is responsible for (`career.revenue`).
    pub responsibility: Option<f64>,
    /// This year's revenue metric (the first metric of kind revenue).
    pub revenue_actual: Option<f64>,
    pub revenue_actual_text: String,
    pub revenue_target: Option<f64>,
    pub revenue_target_text: String,
    pub revenue_pace: Option<progress::Pace>,
    /// This quarter's completion, 0-1.
    pub quarter: Option<f64>,
    /// How many items are behind plan (`status.behind`).
    pub behind: usize,
    /// The folder of their manager's plan, when it is in the repository.
    pub manager: Option<String>,
    /// Their manager's name, from the manager's vision.
    pub manager_name: Option<String>,
    /// Everyone above them, their manager first.
    pub managers: Vec<String>,
    /// 1 for the head of the team, 2 for their reports, and so on.
    pub level: usize,
    /// The month of `revenue_actual`'s reading (`2026-10`).
    pub revenue_month: Option<String>,
    /// The reading is older than the month the team's revenue is summed at.
    pub revenue_stale: bool,
    /// The date of the last commit that changed their folder.
    pub last_update: Option<NaiveDate>,
    /// Reviews and quarter plans overdue: `month-review 2026-11`.
    pub overdue: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub id: &'static str,
    pub label: &'static str,
}

/// One person's plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanContext {
    pub person: Option<String>,
    pub name: String,
    pub start: i32,
    pub end: i32,
    /// Every year of the plan, for the year filter.
    pub years: Vec<i32>,
    pub vision: VisionView,
    /// Exactly what `roadmap status --format json` shows for this plan.
    pub status: Progress,
    pub career: Option<CareerView>,
    /// Key figures for the summary's header.
    pub figures: Vec<Figure>,
    pub phases: Vec<PhaseView>,
    pub milestones: Vec<MilestoneView>,
    pub objectives: Vec<ObjectiveRow>,
    pub key_results: Vec<KeyResultRow>,
    pub metrics: Vec<MetricSeries>,
    pub skills: Vec<SkillSeries>,
    pub skill_areas: Vec<AreaSeries>,
    pub relationships: Vec<RelationshipView>,
    pub habits: Vec<HabitSeries>,
    pub wins: Vec<WinView>,
    pub learnings: Vec<NoteView>,
    pub corrections: Vec<NoteView>,
    pub reviews: Vec<ReviewView>,
    /// This month's review: the guide's questions and the facts behind.
    pub review: MonthReview,
    /// Each key result's and metric's values from git, and what is stale.
    pub drill: super::drill::Drill,
    /// The planning and review templates, prefilled for this plan: the
    /// documents `roadmap new` writes for the next period due.
    pub templates: Vec<PlanningTemplate>,
    /// Every review as written, newest first: its answers, wins,
    /// learnings and corrections.
    pub archive: Vec<super::content::ArchivedReview>,
    /// Every year plan's role target and success criteria, newest first.
    pub year_plans: Vec<super::content::YearPlanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanningTemplate {
    /// `quarter`, `month-review`, `quarter-review`, `year`, `year-review`:
    /// the file is `templates/<kind>.md`.
    pub kind: &'static str,
    /// `Quarterly planning`, `Monthly review`, ...
    pub name: &'static str,
    /// The period it is prefilled for and its title (`Q1 2027`).
    pub period: String,
    pub title: String,
    /// The guide's questions, by part.
    pub parts: Vec<planning::Section>,
    /// The document as `roadmap new` writes it.
    pub markdown: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VisionView {
    pub statement: Option<String>,
    pub role_now: String,
    pub role_goal: String,
    pub company: Option<String>,
    pub territory: Option<String>,
    pub revenue_start: f64,
    pub revenue_start_text: String,
    pub revenue_goal: f64,
    pub revenue_goal_text: String,
    pub team_start: u32,
    /// `15-20`, and the same band as numbers.
    pub team_goal: String,
    pub team_goal_low: f64,
    pub team_goal_high: f64,
    pub income: Option<f64>,
    pub income_text: Option<String>,
    pub leader: Option<String>,
    pub impact: Option<String>,
    pub expertise: Vec<String>,
    pub values: Vec<String>,
    pub recognition: Vec<String>,
    pub success: Option<String>,
    /// Strengths to build on and what to develop, at the start.
    pub strengths: Vec<String>,
    pub needs: Vec<String>,
    /// Constraints and considerations the plan must respect.
    pub constraints: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CareerView {
    pub title: String,
    pub territory: Option<String>,
    pub reports: u32,
    pub revenue: f64,
    pub revenue_text: String,
    /// Total compensation, else base: private (see `report::private`).
    pub compensation: Option<f64>,
    pub ranking: Option<String>,
    pub promotions: Vec<Dated>,
    pub recognition: Vec<RecognitionView>,
    /// Span of control, as written.
    pub span: Option<String>,
    /// Base pay, total compensation and market percentile, each as shown.
    pub base_text: Option<String>,
    pub total_text: Option<String>,
    pub market: Option<u32>,
    pub leadership: Option<model::Leadership>,
    /// The fields the user marked private (`private:`), compensation not
    /// included (it always is).
    pub private: Vec<model::CareerField>,
    /// The figures over time, promotions and their velocity.
    pub progression: crate::career::Progression,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecognitionView {
    pub id: String,
    pub kind: model::RecognitionKind,
    pub title: String,
    pub date: NaiveDate,
    pub year: i32,
    /// Marked `private: true`.
    pub private: bool,
}

/// A labelled figure, ready to print: `Territory revenue` / `$5.36M`.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: String,
    pub label: String,
    /// As shown: `17%`, `$6.36M`.
    pub value: String,
    /// The same figure as a number (`17`, `6360000`), for scripts.
    pub number: Option<f64>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub start: i32,
    pub end: i32,
    /// `2025-2026`.
    pub years: String,
    pub objective: Option<String>,
    pub role: String,
    /// Revenue responsibility by the phase's end, e.g. `6.5M-7.2M`.
    pub revenue: String,
    /// The same band as numbers.
    pub revenue_low: f64,
    pub revenue_high: f64,
    pub team: Option<String>,
    pub team_low: Option<f64>,
    pub team_high: Option<f64>,
    /// `done` (closing milestone done), `current` (holds today) or `ahead`.
    pub state: &'static str,
    pub skills: Vec<String>,
    pub relationships: Vec<String>,
    /// Ids of its achievements and closing milestone (see `milestones`).
    pub milestone_ids: Vec<String>,
    pub closing: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    pub id: String,
    pub title: String,
    /// `achievement`, `phase` (a phase's closing milestone), `initiative`
    /// (a year's) or `quarter` (a quarterly objective's).
    pub source: &'static str,
    pub phase: Option<String>,
    pub due: Option<String>,
    /// The last day of `due`.
    pub due_date: Option<NaiveDate>,
    /// The year it belongs to: its due year, else its done year.
    pub year: Option<i32>,
    pub category: Option<Category>,
    pub status: Status,
    /// When it was done: the file's `done:` date, else the history's.
    pub done: Option<NaiveDate>,
    /// Not closed and not yet due, or due later than today.
    pub ahead: bool,
    /// Not closed and due before today.
    pub overdue: bool,
    /// `week`, `month`, `quarter`, `year` or `day`: the period `due` names.
    pub grain: Option<&'static str>,
    /// A quarterly objective's milestone: the quarter and the objective.
    pub quarter: Option<String>,
    pub objective: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRow {
    pub id: String,
    pub title: String,
    /// `year` or `quarter`.
    pub level: &'static str,
    /// `2026` or `2026-Q4`.
    pub period: String,
    pub year: i32,
    pub category: Category,
    pub category_label: &'static str,
    pub status: Status,
    /// 0-1.
    pub progress: f64,
    pub pace: Pace,
    pub supports: Vec<String>,
    pub metric: Option<String>,
    pub target: Option<f64>,
    pub current: Option<f64>,
    pub unit: Option<String>,
    /// True for this year's or this quarter's objectives.
    pub current_period: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyResultRow {
    pub id: String,
    pub objective: String,
    pub title: String,
    pub period: String,
    pub year: i32,
    pub category: Category,
    pub start: Option<f64>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    /// `$0.54M`, `3.1x`: value and target ready to print.
    pub current_text: String,
    pub target_text: String,
    pub progress: Option<f64>,
    pub current_period: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricSeries {
    pub id: String,
    pub name: String,
    pub kind: model::MetricKind,
    pub category: Category,
    pub unit: Option<String>,
    pub ytd: bool,
    pub better: model::Better,
    pub baseline: Option<f64>,
    /// True for the plan's revenue metric, which the revenue section and
    /// the summary lead with.
    pub revenue: bool,
    /// The growth band in percent a year: only for a metric held to one
    /// (`kind: revenue`, or its own `growth`), else none.
    pub growth_low: Option<f64>,
    pub growth_high: Option<f64>,
    /// The readings in the plan file, oldest first.
    pub actuals: Vec<Reading>,
    /// Year by year: target, growth band, actual and forecast.
    pub trajectory: Vec<TrajectoryPoint>,
    /// Every value the history recorded, with the day it was recorded.
    pub observations: Vec<ObservationPoint>,
    /// This year's standing, as `status` shows it.
    pub now: Option<progress::MetricView>,
    /// `now`'s figures ready to print (`$5.36M`, `-` when unknown).
    pub actual_text: String,
    pub target_text: String,
    pub expected_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// `2026-10`.
    pub period: String,
    /// The period's last day: the x of a chart.
    pub date: NaiveDate,
    pub year: i32,
    pub value: f64,
    pub text: String,
    /// The target prorated to the period's end (year-to-date metrics), or
    /// the year's target.
    pub expected: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrajectoryPoint {
    pub year: i32,
    pub target: Option<f64>,
    /// The baseline grown at the low and high ends of the growth band;
    /// none without a band.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The full year's figure (year reading or December).
    pub actual: Option<f64>,
    /// The last actual grown at the growth achieved so far (years ahead);
    /// none without a band.
    pub forecast: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationPoint {
    pub date: NaiveDate,
    /// What was recorded: the reading's period for a metric.
    pub field: String,
    pub value: f64,
    pub commit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillSeries {
    pub id: String,
    pub name: String,
    pub area: Area,
    pub area_label: &'static str,
    pub focus: Vec<String>,
    pub level: i64,
    pub target: Option<i64>,
    pub final_target: Option<i64>,
    pub pace: Pace,
    pub targets: Vec<YearLevel>,
    /// Levels over time from the history.
    pub levels: Vec<DayLevel>,
    pub actions: Vec<ActionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearLevel {
    pub year: i32,
    pub level: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayLevel {
    pub date: NaiveDate,
    pub level: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub title: String,
    pub status: Status,
    pub due: Option<String>,
    pub year: Option<i32>,
    /// The last day of `due`.
    pub due_date: Option<NaiveDate>,
}

/// The skills of one area together: mean level over time and mean target.
#[derive(Debug, Clone, Serialize)]
pub struct AreaSeries {
    pub area: Area,
    pub label: &'static str,
    pub skills: Vec<String>,
    pub level: f64,
    pub levels: Vec<DayLevel>,
    pub targets: Vec<YearLevel>,
    /// The target of the year figures are measured in: each skill's
    /// latest target at or before that year, as `status` takes it.
    pub target: Option<YearLevel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationshipView {
    pub id: String,
    pub title: String,
    pub circle: Circle,
    pub circle_label: &'static str,
    pub category: Category,
    pub target: Option<u32>,
    pub current: Option<u32>,
    pub progress: Option<f64>,
    pub status: Status,
    pub due: Option<String>,
    pub year: Option<i32>,
    pub people: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HabitSeries {
    pub id: String,
    pub title: String,
    pub cadence: model::Cadence,
    /// The weekdays a `days` habit is kept on.
    pub days: Vec<model::Weekday>,
    /// Check-ins a week a `weekly` habit asks for.
    pub times: Option<u32>,
    pub minutes: Option<u32>,
    pub since: Option<NaiveDate>,
    /// The goals it serves, resolved to their titles where known.
    pub serves: Vec<Served>,
    pub current_streak: u32,
    pub longest_streak: u32,
    pub checkins: u32,
    /// Minutes over every check-in.
    pub total_minutes: u32,
    /// Monday to Sunday of this week.
    pub week: Vec<Option<bool>>,
    /// Monday to Sunday of this week: on the cadence or a day off.
    pub week_due: Vec<bool>,
    /// This week's and this month's completion by the cadence.
    pub this_week: Option<crate::progress::Completion>,
    pub this_month: Option<crate::progress::Completion>,
    /// One entry per day for the last year, oldest first: `true` done,
    /// `false` not done, `null` nothing recorded or a day off the cadence.
    pub calendar: Vec<CalendarDay>,
    /// Running totals at the end of each month with check-ins.
    pub compounding: Vec<Compound>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Served {
    pub id: String,
    /// `skill`, `metric`, `objective`, `key result`, `phase`,
    /// `milestone`, `relationship` or `unknown`.
    pub kind: &'static str,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub done: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Compound {
    pub date: NaiveDate,
    pub checkins: u32,
    pub minutes: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct WinView {
    pub title: String,
    pub date: Option<NaiveDate>,
    /// The day it is ordered by: its date, else its review's last day.
    pub on: NaiveDate,
    /// The review it is in: `2026-10`, `2026-Q3`, `2025`.
    pub review: String,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub text: String,
    pub review: String,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub period: String,
    /// `month-review`, `quarter-review` or `year-review`.
    pub kind: &'static str,
    pub year: i32,
    pub as_of: Option<NaiveDate>,
    pub on_track: Option<model::Verdict>,
    pub wins: usize,
    pub learnings: usize,
    pub corrections: usize,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthReview {
    pub period: String,
    pub title: String,
    /// True when `reviews/<period>.md` exists.
    pub written: bool,
    /// The guide's questions with the plan's facts under each.
    pub sections: Vec<planning::Section>,
    /// What is behind plan, as `status` lists it.
    pub behind: Vec<progress::Behind>,
    /// The review's verdict: am I on track? `None` until it says.
    pub on_track: Option<model::Verdict>,
}

/// Builds the context of every plan in a snapshot, each with the planning
/// templates `templates` drafts from its plan and history.
pub(super) fn build(
    plans: &[Plan],
    mut history: BTreeMap<Option<String>, History>,
    (commits, dates): (usize, Dates),
    (note, revision): (Option<String>, Option<String>),
    templates: impl Fn(&Plan, &History) -> Result<Vec<PlanningTemplate>, Error> + Sync,
) -> Result<Context, Error> {
    // Each person's context reads only their own plan and history, whose
    // part is let go of as soon as the context is built.
    let plans = plans
        .iter()
        .map(|plan| (plan, history.remove(&plan.person).unwrap_or_default()))
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|(plan, own)| {
            let context = plan_context(plan, &own, dates)?;
            Some(templates(plan, &own).map(|templates| {
                Arc::new(PlanContext {
                    templates,
                    ..context
                })
            }))
        })
        .collect::<Result<_, Error>>()?;
    Ok(Context {
        version: CONTEXT_VERSION,
        as_of: dates.as_of,
        today: dates.today,
        last_update_days: dates.age(),
        dates_text: dates.describe(),
        note,
        revision,
        commits,
        categories: Category::ALL
            .iter()
            .map(|c| Label {
                id: category_id(*c),
                label: c.label(),
            })
            .collect(),
        areas: Area::ALL
            .iter()
            .map(|a| Label {
                id: a.as_str(),
                label: a.label(),
            })
            .collect(),
        team: None,
        problems: Vec::new(),
        plans,
    })
}

impl Context {
    /// Everything but the plans: what every page shares.
    #[must_use]
    pub fn without_plans(&self) -> Context {
        // Taken apart whole, so a field added to the context is not
        // forgotten here.
        let Context {
            version,
            as_of,
            today,
            last_update_days,
            dates_text,
            note,
            revision,
            commits,
            categories,
            areas,
            plans: _,
            team,
            problems,
        } = self;
        Context {
            version: *version,
            as_of: *as_of,
            today: *today,
            last_update_days: *last_update_days,
            dates_text: dates_text.clone(),
            note: note.clone(),
            revision: revision.clone(),
            commits: *commits,
            categories: categories.clone(),
            areas: areas.clone(),
            plans: Vec::new(),
            team: team.clone(),
            problems: problems.clone(),
        }
    }

    /// The team overview of a repository with one plan per person, its
    /// last updates the dates of the commits that changed each person's
    /// folder (see [`crate::when::folder_updates`]).
    #[must_use]
    pub fn with_team(mut self, plans: &[Plan], updates: &BTreeMap<String, NaiveDate>) -> Self {
        if self.plans.len() > 1 {
            let statuses: Vec<Progress> = self.plans.iter().map(|p| p.status.clone()).collect();
            self.team = crate::team::build(plans, &statuses, updates, self.as_of, self.today)
                .map(|rollup| team_view(&self.plans, rollup));
        }
        self
    }
}

#[allow(clippy::cast_precision_loss)]
fn team_view(plans: &[Arc<PlanContext>], rollup: crate::team::Team) -> TeamView {
    // Who needs attention first, as `status --team` lists them.
    let people: Vec<TeamRow> = rollup
        .people
        .iter()
        .filter_map(|r| {
            let plan = plans
                .iter()
                .find(|p| p.person.as_deref() == Some(&r.person))?;
            let manager_name = r.manager.as_ref().and_then(|m| {
                rollup
                    .people
                    .iter()
                    .find(|boss| boss.person == *m)
                    .map(|boss| boss.name.clone())
            });
            Some(TeamRow {
                manager: r.manager.clone(),
                manager_name,
                managers: r.managers.clone(),
                level: r.level,
                revenue_month: r.revenue.as_ref().and_then(|v| v.month.clone()),
                revenue_stale: r.revenue.as_ref().is_some_and(|v| v.stale),
                last_update: r.last_update,
                overdue: r.overdue.clone(),
                ..team_row(plan)
            })
        })
        .collect();
    let at = rollup.revenue.at.as_ref();
    let revenue_actual = at.and_then(|m| m.actual).unwrap_or(0.0);
    let revenue_target = rollup.revenue.target.unwrap_or(0.0);
    let revenue_expected = at.and_then(|m| m.expected);
    let quarters: Vec<f64> = people.iter().filter_map(|r| r.quarter).collect();
    let responsibility = rollup.responsibility.unwrap_or(0.0);
    TeamView {
        revenue_month: rollup.revenue.month.clone(),
        revenue_expected,
        revenue_expected_text: revenue_expected.map_or_else(|| "-".to_owned(), money),
        rollup,
        responsibility,
        responsibility_text: money(responsibility),
        revenue_actual,
        revenue_actual_text: money(revenue_actual),
        revenue_target,
        revenue_target_text: money(revenue_target),
        average_percent: people.iter().map(|r| r.percent).sum::<f64>() / people.len() as f64,
        average_quarter: (!quarters.is_empty())
            .then(|| quarters.iter().sum::<f64>() / quarters.len() as f64),
        behind: people.iter().map(|r| r.behind).sum(),
        people,
    }
}

fn team_row(plan: &PlanContext) -> TeamRow {
    let s = &plan.status;
    let revenue = plan.metrics.iter().find(|m| m.revenue);
    let now = revenue.and_then(|m| m.now.as_ref());
    TeamRow {
        person: plan.person.clone(),
        name: plan.name.clone(),
        role_now: s.role_now.clone(),
        role_goal: s.role_goal.clone(),
        percent: s.overall.percent,
        responsibility: plan.career.as_ref().map(|c| c.revenue),
        revenue_actual: now.and_then(|n| n.actual),
        revenue_actual_text: revenue.map_or_else(|| "-".to_owned(), |m| m.actual_text.clone()),
        revenue_target: now.and_then(|n| n.target),
        revenue_target_text: revenue.map_or_else(|| "-".to_owned(), |m| m.target_text.clone()),
        revenue_pace: now.map(|n| n.pace),
        quarter: s.quarter.as_ref().map(|q| q.progress),
        behind: s.behind.len(),
        manager: None,
        manager_name: None,
        managers: Vec::new(),
        level: 1,
        revenue_month: None,
        revenue_stale: false,
        last_update: None,
        overdue: Vec::new(),
    }
}

fn category_id(c: Category) -> &'static str {
    match c {
        Category::Revenue => "revenue",
        Category::Leadership => "leadership",
        Category::Relationships => "relationships",
        Category::Strategic => "strategic",
        Category::Personal => "personal",
    }
}

fn circle_label(c: Circle) -> &'static str {
    match c {
        Circle::Internal => "Internal",
        Circle::External => "External",
        Circle::Community => "Community",
        Circle::ThoughtLeadership => "Speaking & thought leadership",
        Circle::Mentor => "Mentorship received",
        Circle::Mentee => "Mentorship given",
    }
}

fn plan_context(plan: &Plan, history: &History, dates: Dates) -> Option<PlanContext> {
    let today = dates.as_of;
    let status = progress::compute(plan, history, dates)?;
    let docs = plan.by_kind();
    let vision = docs.vision?;
    let done_dates = done_dates(plan, history);
    let mut milestones = milestones(&docs, &done_dates, today);
    // Overdue exactly where `status` lists the milestone behind: not what
    // fell due before the plan had any data, nor a milestone of a closed
    // objective, nor the earlier copy of one carried to a later quarter.
    let behind: std::collections::BTreeSet<&str> = status
        .behind
        .iter()
        .filter(|b| b.kind == "milestone")
        .map(|b| b.id.as_str())
        .collect();
    for m in &mut milestones {
        m.overdue = m.overdue && behind.contains(m.id.as_str());
    }
    let phases = phases(&docs, &milestones, today);
    let (objectives, key_results) = objectives(&docs, &status, today);
    // The person's observations by id, read once for the metrics and the
    // drill-down: a team's long history is not searched per item.
    let mine = history.by_id(plan.person.as_deref());
    let metrics = metrics(&docs, &mine, &status, vision);
    let skills = skills(&docs, &status);
    let skill_areas = skill_areas(&skills, today);
    let month = Period::month_of(today);
    let review_draft = planning::draft(DocKind::MonthReview, plan, history, month, today);
    let (mut wins, learnings, corrections, reviews) = reviews(&docs);
    wins.sort_by_key(|w| std::cmp::Reverse(w.on));
    let mut month_sections = review_draft.review.map(|r| r.sections).unwrap_or_default();
    super::content::fill_answers(plan, history, &docs, month, today, &mut month_sections);
    Some(PlanContext {
        person: plan.person.clone(),
        name: vision.name.clone(),
        start: vision.start,
        end: vision.end,
        years: (vision.start..=vision.end).collect(),
        vision: vision_view(vision),
        career: docs.career.map(|c| career_view(c, history, today)),
        figures: figures(&status, &docs),
        phases,
        milestones,
        objectives,
        key_results,
        metrics,
        skills,
        skill_areas,
        relationships: relationships(&docs),
        habits: habits(&docs, &status, today),
        wins,
        learnings,
        corrections,
        reviews,
        review: MonthReview {
            period: month.to_string(),
            title: planning::period_title(month),
            written: docs.reviews.contains_key(&month),
            sections: month_sections,
            behind: status.behind.clone(),
            on_track: docs.reviews.get(&month).and_then(|(r, _)| r.on_track),
        },
        templates: Vec::new(),
        archive: super::content::archive(plan, &docs),
        year_plans: super::content::year_plans(&docs),
        drill: super::drill::build(&docs, &mine, today),
        status,
    })
}

fn money(value: f64) -> String {
    progress::format_value(Some(value), Some("USD"))
}

fn vision_view(v: &model::Vision) -> VisionView {
    VisionView {
        statement: v.statement.clone(),
        role_now: v.now.role.clone(),
        role_goal: v.goal.role.clone(),
        company: v.now.company.clone(),
        territory: v.now.territory.clone(),
        revenue_start: v.now.revenue.0,
        revenue_start_text: money(v.now.revenue.0),
        revenue_goal: v.goal.revenue.0,
        revenue_goal_text: money(v.goal.revenue.0),
        team_start: v.now.team,
        team_goal: v.goal.team.to_string(),
        team_goal_low: v.goal.team.lo,
        team_goal_high: v.goal.team.hi,
        income: v.goal.income.map(|i| i.0),
        income_text: v.goal.income.map(|i| money(i.0)),
        leader: v.leader.clone(),
        impact: v.goal.impact.clone(),
        expertise: v.expertise.clone(),
        values: v.values.clone(),
        recognition: v.goal.recognition.clone(),
        success: v.success.clone(),
        strengths: v.now.strengths.clone(),
        needs: v.now.needs.clone(),
        constraints: v.constraints.clone(),
    }
}

fn career_view(c: &model::Career, history: &History, as_of: NaiveDate) -> CareerView {
    let pay = c.compensation.as_ref();
    CareerView {
        span: c.span.clone(),
        base_text: pay.map(|p| money(p.base.0)),
        total_text: pay.and_then(|p| p.total).map(|t| money(t.0)),
        market: pay.and_then(|p| p.market),
        leadership: c.leadership.clone(),
        private: c.private.clone(),
        progression: crate::career::progression(c, history, as_of),
        title: c.title.clone(),
        territory: c.territory.clone(),
        reports: c.reports,
        revenue: c.revenue.0,
        revenue_text: money(c.revenue.0),
        compensation: c.compensation.as_ref().map(|c| c.total.unwrap_or(c.base).0),
        ranking: c.ranking.as_ref().map(|r| match &r.scope {
            Some(scope) => format!("#{} of {} ({scope})", r.rank, r.of),
            None => format!("#{} of {}", r.rank, r.of),
        }),
        promotions: c
            .promotions
            .iter()
            .map(|p| Dated {
                date: p.date.0,
                title: p.title.clone(),
            })
            .collect(),
        recognition: c
            .recognition
            .iter()
            .map(|r| RecognitionView {
                id: r.id.clone(),
                kind: r.kind,
                title: r.title.clone(),
                date: r.date.0,
                year: r.date.0.year(),
                private: r.private,
            })
            .collect(),
    }
}

fn figures(status: &Progress, docs: &Docs) -> Vec<Figure> {
    let mut out = vec![Figure {
        id: "overall".to_owned(),
        label: "Progress toward the vision".to_owned(),
        value: percent_text(status.overall.percent),
        number: Some(rounded_percent(status.overall.percent)),
        detail: Some(format!("{} → {}", status.role_now, status.role_goal)),
    }];
    if let Some(career) = docs.career {
        out.push(Figure {
            id: "revenue-responsibility".to_owned(),
            label: "Revenue responsibility".to_owned(),
            value: money(career.revenue.0),
            number: Some(career.revenue.0),
            detail: docs
                .vision
                .map(|v| format!("goal {}", money(v.goal.revenue.0))),
        });
        out.push(Figure {
            id: "team".to_owned(),
            label: "People led".to_owned(),
            value: career.reports.to_string(),
            number: Some(f64::from(career.reports)),
            detail: docs.vision.map(|v| format!("goal {}", v.goal.team)),
        });
    }
    for m in status.metrics.iter().filter(|m| m.actual.is_some()).take(2) {
        out.push(Figure {
            id: m.id.clone(),
            label: m.name.clone(),
            value: progress::format_value(m.actual, m.unit.as_deref()),
            number: m.actual,
            detail: Some(format!(
                "{} target {}, {}",
                m.year,
                progress::format_value(m.target, m.unit.as_deref()),
                m.pace.label()
            )),
        });
    }
    if let Some(year) = &status.year {
        out.push(Figure {
            id: "year".to_owned(),
            label: format!("{} objectives", year.year),
            value: percent_text(year.progress * 100.0),
            number: Some(rounded_percent(year.progress * 100.0)),
            detail: year.theme.clone(),
        });
    }
    if let Some(q) = &status.quarter {
        out.push(Figure {
            id: "quarter".to_owned(),
            label: format!("{} focus", q.period),
            value: percent_text(q.progress * 100.0),
            number: Some(rounded_percent(q.progress * 100.0)),
            detail: Some(format!("day {} of {}", q.day, q.days)),
        });
    }
    out
}

/// The first day each item became done, from the history's events.
fn done_dates(plan: &Plan, history: &History) -> BTreeMap<String, NaiveDate> {
    let mut out = BTreeMap::new();
    for e in history
        .events()
        .filter(|e| e.kind == EventKind::Done && e.person == plan.person.as_deref())
    {
        out.entry(e.id.to_string()).or_insert(e.date);
    }
    out
}

fn milestone_view(
    m: &model::Milestone,
    source: &'static str,
    phase: Option<&str>,
    category: Option<Category>,
    done_dates: &BTreeMap<String, NaiveDate>,
    today: NaiveDate,
) -> MilestoneView {
    let done = m.done.map(|d| d.0).or_else(|| {
        (m.status == Status::Done)
            .then(|| done_dates.get(&m.id).copied())
            .flatten()
    });
    let due_date = m.due.map(Period::end);
    MilestoneView {
        id: m.id.clone(),
        title: m.title.clone(),
        source,
        phase: phase.map(str::to_owned),
        due: m.due.map(|d| d.to_string()),
        due_date,
        year: m.due.map(Period::year).or_else(|| done.map(|d| d.year())),
        category,
        status: m.status,
        done,
        ahead: !m.status.is_closed() && due_date.is_none_or(|d| d >= today),
        overdue: !m.status.is_closed() && due_date.is_some_and(|d| d < today),
        grain: m.due.map(progress::grain),
        quarter: None,
        objective: None,
    }
}

fn milestones(
    docs: &Docs,
    done_dates: &BTreeMap<String, NaiveDate>,
    today: NaiveDate,
) -> Vec<MilestoneView> {
    let mut out = Vec::new();
    for phase in docs.strategy.iter().flat_map(|s| &s.phases) {
        for m in &phase.achievements {
            out.push(milestone_view(
                m,
                "achievement",
                Some(&phase.id),
                None,
                done_dates,
                today,
            ));
        }
        if let Some(m) = &phase.milestone {
            out.push(milestone_view(
                m,
                "phase",
                Some(&phase.id),
                None,
                done_dates,
                today,
            ));
        }
    }
    for y in docs.years.values() {
        for m in &y.initiatives {
            out.push(milestone_view(
                m,
                "initiative",
                y.phase.as_deref(),
                Some(Category::Strategic),
                done_dates,
                today,
            ));
        }
    }
    for (period, q) in &docs.quarters {
        for o in &q.objectives {
            for m in &o.milestones {
                out.push(MilestoneView {
                    quarter: Some(period.to_string()),
                    objective: Some(o.id.clone()),
                    ..milestone_view(m, "quarter", None, Some(o.category), done_dates, today)
                });
            }
        }
    }
    out
}

fn phases(docs: &Docs, milestones: &[MilestoneView], today: NaiveDate) -> Vec<PhaseView> {
    docs.strategy
        .iter()
        .flat_map(|s| &s.phases)
        .map(|p| {
            let (start, end) = (p.years.lo as i32, p.years.hi as i32);
            let closed = p
                .milestone
                .as_ref()
                .is_some_and(|m| m.status == Status::Done);
            let state = if closed {
                "done"
            } else if (start..=end).contains(&today.year()) {
                "current"
            } else if end < today.year() {
                "past"
            } else {
                "ahead"
            };
            PhaseView {
                id: p.id.clone(),
                name: p.name.clone(),
                start,
                end,
                years: if start == end {
                    start.to_string()
                } else {
                    format!("{start}-{end}")
                },
                objective: p.objective.clone(),
                role: p.role.clone(),
                revenue: p.revenue.to_string(),
                revenue_low: p.revenue.lo,
                revenue_high: p.revenue.hi,
                team: p.team.map(|t| t.to_string()),
                team_low: p.team.map(|t| t.lo),
                team_high: p.team.map(|t| t.hi),
                state,
                skills: p.skills.clone(),
                relationships: p.relationships.clone(),
                milestone_ids: milestones
                    .iter()
                    .filter(|m| m.phase.as_deref() == Some(&p.id) && m.source != "initiative")
                    .map(|m| m.id.clone())
                    .collect(),
                closing: p.milestone.as_ref().map(|m| m.title.clone()),
            }
        })
        .collect()
}

fn objectives(
    docs: &Docs,
    status: &Progress,
    today: NaiveDate,
) -> (Vec<ObjectiveRow>, Vec<KeyResultRow>) {
    let this_quarter = Period::quarter_of(today);
    let mut rows = Vec::new();
    let mut krs = Vec::new();
    for (year, plan) in &docs.years {
        let current = *year == today.year();
        for o in &plan.objectives {
            let view = status
                .year
                .as_ref()
                .filter(|_| current)
                .and_then(|y| y.objectives.iter().find(|v| v.id == o.id));
            let supporting: Vec<f64> = docs
                .quarters
                .iter()
                .filter(|(p, _)| p.year() == *year)
                .flat_map(|(_, q)| &q.objectives)
                .filter(|q| q.supports.contains(&o.id) && q.status != Status::Dropped)
                .map(progress::objective_progress)
                .collect();
            let progress = view.map_or_else(
                || match (o.status, o.current, o.target) {
                    (Status::Done, ..) => 1.0,
                    (_, Some(c), Some(t)) if t.0 > 0.0 => (c.0 / t.0).clamp(0.0, 1.0),
                    _ if supporting.is_empty() => 0.0,
                    _ => supporting.iter().sum::<f64>() / supporting.len() as f64,
                },
                |v| v.progress,
            );
            rows.push(ObjectiveRow {
                id: o.id.clone(),
                title: o.title.clone(),
                level: "year",
                period: year.to_string(),
                year: *year,
                category: o.category,
                category_label: o.category.label(),
                status: o.status,
                progress,
                pace: view.map_or(Pace::Unknown, |v| v.pace),
                supports: Vec::new(),
                metric: o.metric.clone(),
                target: o.target.map(|t| t.0),
                current: o.current.map(|c| c.0),
                unit: o.unit.clone(),
                current_period: current,
            });
        }
    }
    for (period, plan) in &docs.quarters {
        let current = *period == this_quarter;
        for o in &plan.objectives {
            let view = status
                .quarter
                .as_ref()
                .filter(|_| current)
                .and_then(|q| q.objectives.iter().find(|v| v.id == o.id));
            rows.push(ObjectiveRow {
                id: o.id.clone(),
                title: o.title.clone(),
                level: "quarter",
                period: period.to_string(),
                year: period.year(),
                category: o.category,
                category_label: o.category.label(),
                status: o.status,
                progress: view.map_or_else(|| progress::objective_progress(o), |v| v.progress),
                pace: view.map_or(Pace::Unknown, |v| v.pace),
                supports: o.supports.clone(),
                metric: None,
                target: None,
                current: None,
                unit: None,
                current_period: current,
            });
            for kr in &o.key_results {
                krs.push(KeyResultRow {
                    id: kr.id.clone(),
                    objective: o.id.clone(),
                    title: kr.title.clone(),
                    period: period.to_string(),
                    year: period.year(),
                    category: o.category,
                    start: kr.start.map(|v| v.0),
                    // 0 when left out, as status counts it (docs/progress.md).
                    current: Some(kr.current.map_or(0.0, |c| c.0)),
                    target: kr.target.map(|v| v.0),
                    unit: kr.unit.clone(),
                    current_text: progress::format_value(
                        Some(kr.current.map_or(0.0, |c| c.0)),
                        kr.unit.as_deref(),
                    ),
                    target_text: progress::format_value(kr.target.map(|t| t.0), kr.unit.as_deref()),
                    progress: progress::key_result_progress(kr),
                    current_period: current,
                });
            }
        }
    }
    (rows, krs)
}

fn metric_category(kind: model::MetricKind) -> Category {
    match kind {
        model::MetricKind::Operations => Category::Strategic,
        _ => Category::Revenue,
    }
}

/// A full year's figure: its year reading, or its December reading.
fn full_year(m: &model::Metric, year: i32) -> Option<f64> {
    m.actuals
        .get(&Period::Year(year))
        .or_else(|| m.actuals.get(&Period::Month(year, 12)))
        .map(|a| a.0)
}

fn metrics(
    docs: &Docs,
    mine: &ById,
    status: &Progress,
    vision: &model::Vision,
) -> Vec<MetricSeries> {
    let Some(file) = docs.metrics else {
        return Vec::new();
    };
    let lead = progress::revenue_metric(file).map(|m| m.id.as_str());
    progress::metrics_in_order(file)
        .into_iter()
        .map(|m| {
            let band = progress::growth_band(m, file);
            let actuals = readings(m);
            let trajectory = trajectory(m, band, vision);
            let observations = metric_observations(mine, m);
            let now = status.metrics.iter().find(|v| v.id == m.id).cloned();
            let show = |v: Option<f64>| progress::format_value(v, m.unit.as_deref());
            MetricSeries {
                actual_text: show(now.as_ref().and_then(|n| n.actual)),
                target_text: show(now.as_ref().and_then(|n| n.target)),
                expected_text: show(now.as_ref().and_then(|n| n.expected)),
                id: m.id.clone(),
                name: m.name.clone(),
                kind: m.kind,
                category: metric_category(m.kind),
                unit: m.unit.clone(),
                ytd: m.ytd,
                better: m.better,
                baseline: m.baseline.map(|b| b.0),
                revenue: Some(m.id.as_str()) == lead,
                growth_low: band.map(|b| b.lo),
                growth_high: band.map(|b| b.hi),
                actuals,
                trajectory,
                observations,
                now,
            }
        })
        .collect()
}

/// A metric's readings, each with what was expected by its period's end.
fn readings(m: &model::Metric) -> Vec<Reading> {
    m.actuals
        .iter()
        .map(|(period, value)| {
            let target = m.targets.get(&period.year()).map(|t| t.0);
            let expected = if m.ytd {
                target.map(|t| {
                    let year = Period::Year(period.year());
                    let days = (year.end() - year.start()).num_days() + 1;
                    let gone = (period.end() - year.start()).num_days() + 1;
                    t * gone as f64 / days as f64
                })
            } else {
                target
            };
            Reading {
                period: period.to_string(),
                date: period.end(),
                year: period.year(),
                value: value.0,
                text: progress::format_value(Some(value.0), m.unit.as_deref()),
                expected,
            }
        })
        .collect()
}

/// A metric's trajectory year by year: target, the growth band from the
/// base year, the full-year actual, and a forecast at the growth so far.
fn trajectory(
    metric: &model::Metric,
    band: Option<crate::value::Band>,
    vision: &model::Vision,
) -> Vec<TrajectoryPoint> {
    let base_year = vision.start - 1;
    let base = metric
        .baseline
        .map(|b| b.0)
        .or_else(|| full_year(metric, base_year));
    let last = (vision.start..=vision.end)
        .rev()
        .find_map(|y| full_year(metric, y).map(|v| (y, v)));
    let growth = match (base, last) {
        (Some(b), Some((y, v))) if band.is_some() && b > 0.0 && v > 0.0 && y > base_year => {
            Some((v / b).powf(1.0 / f64::from(y - base_year)))
        }
        _ => None,
    };
    (base_year..=vision.end)
        .map(|year| {
            let n = f64::from(year - base_year);
            let grown = |pct: Option<f64>| {
                base.zip(pct)
                    .map(|(b, pct)| b * (1.0 + pct / 100.0).powf(n))
            };
            let forecast = match (last, growth) {
                (Some((read, value)), Some(rate)) if year > read => {
                    Some(value * rate.powf(f64::from(year - read)))
                }
                _ => None,
            };
            TrajectoryPoint {
                year,
                target: metric.targets.get(&year).map(|t| t.0),
                low: grown(band.map(|b| b.lo)),
                high: grown(band.map(|b| b.hi)),
                actual: if year == base_year {
                    full_year(metric, year).or(base)
                } else {
                    full_year(metric, year)
                },
                forecast,
            }
        })
        .collect()
}

/// Every committed value of a metric of this plan, as the history has it.
fn metric_observations(mine: &ById, m: &model::Metric) -> Vec<ObservationPoint> {
    mine.of(&m.id)
        .map(|r| r.observation)
        .filter(|o| o.kind == ItemKind::Metric)
        .filter_map(|o| match o.value {
            Val::Num(v) => Some(ObservationPoint {
                date: o.date,
                field: o.field.to_string(),
                value: v,
                commit: o.commit.map(str::to_owned),
            }),
            Val::Text(_) => None,
        })
        .collect()
}

fn skills(docs: &Docs, status: &Progress) -> Vec<SkillSeries> {
    docs.capabilities
        .iter()
        .flat_map(|c| &c.skills)
        .map(|s| {
            let view = status.skills.iter().find(|v| v.id == s.id);
            SkillSeries {
                id: s.id.clone(),
                name: s.name.clone(),
                area: s.area,
                area_label: s.area.label(),
                focus: s.focus.clone(),
                // The latest dated assessment (progress::assess).
                level: view.map_or(s.level, |v| v.level),
                target: view.and_then(|v| v.target),
                final_target: view.and_then(|v| v.final_target),
                pace: view.map_or(Pace::Unknown, |v| v.pace),
                targets: s
                    .targets
                    .iter()
                    .map(|(year, level)| YearLevel {
                        year: *year,
                        level: *level as f64,
                    })
                    .collect(),
                levels: view
                    .map(|v| {
                        v.levels
                            .iter()
                            .map(|(date, level)| DayLevel {
                                date: *date,
                                level: *level,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                actions: s
                    .actions
                    .iter()
                    .map(|a| match a {
                        model::Action::Text(title) => ActionView {
                            title: title.clone(),
                            status: Status::Planned,
                            due: None,
                            year: None,
                            due_date: None,
                        },
                        model::Action::Item(item) => ActionView {
                            title: item.title.clone(),
                            status: item.status,
                            due: item.due.map(|d| d.to_string()),
                            year: item.due.map(Period::year),
                            due_date: item.due.map(Period::end),
                        },
                    })
                    .collect(),
            }
        })
        .collect()
}

fn skill_areas(skills: &[SkillSeries], as_of: NaiveDate) -> Vec<AreaSeries> {
    Area::ALL
        .iter()
        .filter_map(|area| {
            let members: Vec<&SkillSeries> = skills.iter().filter(|s| s.area == *area).collect();
            if members.is_empty() {
                return None;
            }
            let count = members.len() as f64;
            let mean_at = |values: Vec<f64>| values.iter().sum::<f64>() / values.len() as f64;
            // The level of each skill on each day any of them changed.
            let days: BTreeSet<NaiveDate> = members
                .iter()
                .flat_map(|s| s.levels.iter().map(|l| l.date))
                .collect();
            let levels = days
                .iter()
                .filter_map(|day| {
                    let known: Vec<f64> = members
                        .iter()
                        .filter_map(|s| {
                            s.levels
                                .iter()
                                .take_while(|l| l.date <= *day)
                                .last()
                                .map(|l| l.level)
                        })
                        .collect();
                    (!known.is_empty()).then(|| DayLevel {
                        date: *day,
                        level: mean_at(known),
                    })
                })
                .collect();
            // The mean of the targets each skill holds in `year`: its
            // latest at or before it, as `status` takes a skill's target.
            let held = |year: i32| {
                let known: Vec<f64> = members
                    .iter()
                    .filter_map(|s| {
                        s.targets
                            .iter()
                            .take_while(|t| t.year <= year)
                            .last()
                            .map(|t| t.level)
                    })
                    .collect();
                (!known.is_empty()).then(|| YearLevel {
                    year,
                    level: mean_at(known),
                })
            };
            let years: BTreeSet<i32> = members
                .iter()
                .flat_map(|s| s.targets.iter().map(|t| t.year))
                .collect();
            Some(AreaSeries {
                area: *area,
                label: area.label(),
                skills: members.iter().map(|s| s.id.clone()).collect(),
                level: members.iter().map(|s| s.level as f64).sum::<f64>() / count,
                levels,
                targets: years.iter().filter_map(|year| held(*year)).collect(),
                target: held(as_of.year()),
            })
        })
        .collect()
}

fn relationships(docs: &Docs) -> Vec<RelationshipView> {
    docs.relationships
        .iter()
        .flat_map(|r| &r.goals)
        .map(|g| RelationshipView {
            id: g.id.clone(),
            title: g.title.clone(),
            circle: g.circle,
            circle_label: circle_label(g.circle),
            category: Category::Relationships,
            target: g.target,
            current: g.current,
            progress: match (g.status, g.target, g.current) {
                (Status::Done, ..) => Some(1.0),
                (_, Some(t), c) if t > 0 => {
                    Some((f64::from(c.unwrap_or(0)) / f64::from(t)).min(1.0))
                }
                _ => None,
            },
            status: g.status,
            due: g.due.map(|d| d.to_string()),
            year: g.due.map(Period::year),
            people: g.people.clone(),
        })
        .collect()
}

/// A goal a habit serves, named as `status` names it ([`crate::item::goal`]).
fn served(docs: &Docs, id: &str) -> Served {
    let Some((kind, title)) = crate::item::goal(docs, id) else {
        return Served {
            id: id.to_owned(),
            kind: "unknown",
            title: id.to_owned(),
        };
    };
    Served {
        id: id.to_owned(),
        kind: match kind {
            ItemKind::AnnualObjective | ItemKind::Objective => "objective",
            ItemKind::KeyResult => "key result",
            ItemKind::Relationship => "relationship",
            kind => kind.as_str(),
        },
        title: title.to_owned(),
    }
}

fn habits(docs: &Docs, status: &Progress, today: NaiveDate) -> Vec<HabitSeries> {
    let first = today - Days::new(CALENDAR_DAYS - 1);
    docs.habits
        .iter()
        .flat_map(|h| &h.habits)
        .map(|h| {
            let days = crate::progress::habit_days(docs, &h.id, today);
            let schedule = crate::progress::Schedule::of(h);
            let calendar = first
                .iter_days()
                .take_while(|d| *d <= today)
                .map(|date| CalendarDay {
                    date,
                    done: days
                        .get(&date)
                        .copied()
                        .filter(|done| *done || schedule.due_on(date)),
                })
                .collect();
            let per = h.minutes.unwrap_or(0);
            let mut compounding: Vec<Compound> = Vec::new();
            let mut total = 0;
            for (day, done) in &days {
                if !*done {
                    continue;
                }
                total += 1;
                let month_end = Period::month_of(*day).end().min(today);
                match compounding.last_mut() {
                    Some(last) if last.date == month_end => {
                        last.checkins = total;
                        last.minutes = total * per;
                    }
                    _ => compounding.push(Compound {
                        date: month_end,
                        checkins: total,
                        minutes: total * per,
                    }),
                }
            }
            let view = status.habits.iter().find(|v| v.id == h.id);
            HabitSeries {
                id: h.id.clone(),
                title: h.title.clone(),
                cadence: h.cadence,
                days: h.days.clone(),
                times: schedule.times(),
                minutes: h.minutes,
                since: h.since.map(|d| d.0),
                serves: h.serves.iter().map(|id| served(docs, id)).collect(),
                current_streak: view.map_or(0, |v| v.current_streak),
                longest_streak: view.map_or(0, |v| v.longest_streak),
                checkins: total,
                total_minutes: total * per,
                week: view.map(|v| v.week.clone()).unwrap_or_default(),
                week_due: view.map(|v| v.week_due.clone()).unwrap_or_default(),
                this_week: view.map(|v| v.this_week),
                this_month: view.map(|v| v.this_month),
                calendar,
                compounding,
            }
        })
        .collect()
}

type Reviews = (Vec<WinView>, Vec<NoteView>, Vec<NoteView>, Vec<ReviewView>);

fn reviews(docs: &Docs) -> Reviews {
    let mut wins = Vec::new();
    let mut learnings = Vec::new();
    let mut corrections = Vec::new();
    let mut views = Vec::new();
    // Newest first: a wins log reads from the latest.
    let mut ordered: Vec<(&Period, &(&model::Review, &str))> = docs.reviews.iter().collect();
    ordered.sort_by_key(|(p, _)| std::cmp::Reverse((p.end(), std::cmp::Reverse(p.start()))));
    for (period, (review, path)) in ordered {
        let name = period.to_string();
        let year = period.year();
        for w in &review.wins {
            wins.push(WinView {
                title: w.title().to_owned(),
                date: match w {
                    model::Win::Dated { date, .. } => Some(date.0),
                    model::Win::Text(_) => None,
                },
                on: match w {
                    model::Win::Dated { date, .. } => date.0,
                    model::Win::Text(_) => period.end(),
                },
                review: name.clone(),
                year,
            });
        }
        let note = |text: &String| NoteView {
            text: text.clone(),
            review: name.clone(),
            year,
        };
        learnings.extend(review.learnings.iter().map(note));
        corrections.extend(review.corrections.iter().map(note));
        views.push(ReviewView {
            period: name.clone(),
            kind: DocKind::review_of(*period).map_or("review", DocKind::name),
            year,
            as_of: review.as_of.map(|d| d.0),
            on_track: review.on_track,
            wins: review.wins.len(),
            learnings: review.learnings.len(),
            corrections: review.corrections.len(),
            path: (*path).to_owned(),
        });
    }
    (wins, learnings, corrections, views)
}
