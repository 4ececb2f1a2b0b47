//! The CSV exports: one file per kind of item, a header row, ISO dates,
//! a fixed column order and RFC 4180 quoting. Every file starts with a
//! `person` column (empty in a single-person repository) so that a team
//! repository's exports hold everyone in one table.
//!
//! A plan may be someone else's, and a spreadsheet runs a cell that begins
//! with `=`, `+`, `-` or `@` as a formula: text cells are neutralized as
//! OWASP recommends ([`Cells`]), decided by the column's type, so numbers,
//! negative ones included, stay numbers.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use super::context::{Context, PlanContext};
use crate::error::Error;

/// How text cells are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cells {
    /// A text cell a spreadsheet would run as a formula gets a leading `'`.
    #[default]
    Neutralized,
    /// Every cell as the plan has it (`--raw-csv`).
    Raw,
}

impl Cells {
    /// `value` as a text cell: prefixed with `'` when it begins with a
    /// character a spreadsheet reads as the start of a formula (`=`, `+`,
    /// `-`, `@`, a tab or a carriage return), unless raw. Number columns
    /// never pass through here.
    pub fn text<'a>(self, value: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
        let value = value.into();
        if self == Cells::Neutralized && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            Cow::Owned(format!("'{value}"))
        } else {
            value
        }
    }

    fn own(self, value: String) -> String {
        self.text(value).into_owned()
    }
}

/// `csv/<name>.csv` and its bytes, in a fixed order.
pub(super) fn exports(context: &Context, cells: Cells) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let plans = &context.plans;
    Ok(vec![
        file("objectives", plans, cells, objectives)?,
        file("key-results", plans, cells, key_results)?,
        file("metrics", plans, cells, metrics)?,
        file("skills", plans, cells, skills)?,
        file("habits", plans, cells, habits)?,
        file("time", plans, cells, time)?,
        file("milestones", plans, cells, milestones)?,
        file("relationships", plans, cells, relationships)?,
        file("reviews", plans, cells, reviews)?,
        file("wins", plans, cells, wins)?,
        file("learnings", plans, cells, learnings)?,
        file("corrections", plans, cells, corrections)?,
        file("recognition", plans, cells, recognition)?,
        file("career", plans, cells, career)?,
        file("skill-actions", plans, cells, skill_actions)?,
    ])
}

fn file<R: Serialize>(
    name: &str,
    plans: &[Arc<PlanContext>],
    cells: Cells,
    rows: fn(&PlanContext, Cells) -> Vec<R>,
) -> Result<(String, Vec<u8>), Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Usage(format!("csv/{name}.csv: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut any = false;
    for plan in plans {
        for row in rows(plan, cells) {
            writer.serialize(row).map_err(|e| fail(&e))?;
            any = true;
        }
    }
    if !any {
        // serde writes the header with the first row; an empty table still
        // gets its header.
        writer.write_record(header(name)).map_err(|e| fail(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| fail(&e))?;
    Ok((format!("csv/{name}.csv"), bytes))
}

fn header(name: &str) -> &'static [&'static str] {
    match name {
        "objectives" => &[
            "person", "as_of", "id", "level", "period", "year", "category", "title", "status",
            "progress", "pace", "supports", "metric", "target", "current", "unit",
        ],
        "key-results" => &[
            "person",
            "as_of",
            "id",
            "objective",
            "period",
            "year",
            "category",
            "title",
            "start",
            "current",
            "target",
            "unit",
            "progress",
        ],
        "metrics" => &[
            "person", "date", "id", "name", "period", "value", "unit", "target", "commit",
        ],
        "skills" => &[
            "person",
            "as_of",
            "id",
            "name",
            "area",
            "level",
            "target",
            "final_target",
            "pace",
        ],
        "habits" => &[
            "person",
            "as_of",
            "id",
            "title",
            "cadence",
            "minutes",
            "serves",
            "serves_titles",
            "current_streak",
            "longest_streak",
            "checkins",
            "total_minutes",
            "days",
            "times",
            "week_done",
            "week_due",
            "month_done",
            "month_due",
            "month_percent",
        ],
        "time" => &[
            "person", "as_of", "week", "category", "minutes", "hours", "share", "target",
        ],
        "milestones" => &[
            "person", "as_of", "id", "title", "source", "phase", "due", "due_date", "status",
            "done",
        ],
        "relationships" => &[
            "person", "as_of", "id", "title", "circle", "target", "current", "status", "due",
            "due_date", "people",
        ],
        "wins" => &["person", "date", "review", "year", "title"],
        "learnings" | "corrections" => &["person", "review", "year", "text"],
        "recognition" => &["person", "id", "kind", "date", "year", "title"],
        "career" => &[
            "person", "date", "id", "label", "field", "value", "text", "commit",
        ],
        "skill-actions" => &[
            "person",
            "as_of",
            "skill",
            "skill_name",
            "area",
            "title",
            "status",
            "due",
            "due_date",
        ],
        _ => &[
            "person",
            "period",
            "kind",
            "as_of",
            "on_track",
            "wins",
            "learnings",
            "corrections",
            "path",
        ],
    }
}

fn num(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn fraction(value: Option<f64>) -> String {
    value
        .map(|v| format!("{:.4}", (v * 10_000.0).round() / 10_000.0))
        .unwrap_or_default()
}

fn text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

fn person(plan: &PlanContext) -> String {
    plan.person.clone().unwrap_or_default()
}

/// Values of one cell, separated by `;`.
fn list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.collect::<Vec<_>>().join(";")
}

fn as_of(plan: &PlanContext) -> String {
    plan.status.as_of.to_string()
}

#[derive(Serialize)]
struct Objective {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    level: &'static str,
    period: String,
    year: i32,
    category: String,
    title: String,
    status: String,
    progress: String,
    pace: String,
    supports: String,
    metric: String,
    target: String,
    current: String,
    unit: String,
}

fn objectives(plan: &PlanContext, c: Cells) -> Vec<Objective> {
    plan.objectives
        .iter()
        .map(|o| Objective {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(o.id.clone()),
            level: o.level,
            period: c.own(o.period.clone()),
            year: o.year,
            category: c.own(text(&o.category)),
            title: c.own(o.title.clone()),
            status: c.own(text(&o.status)),
            progress: fraction(Some(o.progress)),
            pace: c.own(text(&o.pace)),
            supports: c.own(o.supports.join(";")),
            metric: c.own(o.metric.clone().unwrap_or_default()),
            target: num(o.target),
            current: num(o.current),
            unit: c.own(o.unit.clone().unwrap_or_default()),
        })
        .collect()
}

#[derive(Serialize)]
struct KeyResult {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    objective: String,
    period: String,
    year: i32,
    category: String,
    title: String,
    start: String,
    current: String,
    target: String,
    unit: String,
    progress: String,
}

fn key_results(plan: &PlanContext, c: Cells) -> Vec<KeyResult> {
    plan.key_results
        .iter()
        .map(|k| KeyResult {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(k.id.clone()),
            objective: c.own(k.objective.clone()),
            period: c.own(k.period.clone()),
            year: k.year,
            category: c.own(text(&k.category)),
            title: c.own(k.title.clone()),
            start: num(k.start),
            current: num(k.current),
            target: num(k.target),
            unit: c.own(k.unit.clone().unwrap_or_default()),
            progress: fraction(k.progress),
        })
        .collect()
}

#[derive(Serialize)]
struct Metric {
    person: String,
    date: String,
    id: String,
    name: String,
    period: String,
    value: String,
    unit: String,
    target: String,
    commit: String,
}

/// One row per value the history recorded; a plan outside git has no
/// history, and its file's readings stand in, dated at their period's end.
fn metrics(plan: &PlanContext, c: Cells) -> Vec<Metric> {
    let mut rows = Vec::new();
    for m in &plan.metrics {
        let row = |date: String, period: &str, value: f64, commit: &str| {
            let year = period.get(..4).and_then(|y| y.parse::<i32>().ok());
            Metric {
                person: c.own(person(plan)),
                date,
                id: c.own(m.id.clone()),
                name: c.own(m.name.clone()),
                period: c.own(period.to_owned()),
                value: value.to_string(),
                unit: c.own(m.unit.clone().unwrap_or_default()),
                target: num(year.and_then(|y| {
                    m.trajectory
                        .iter()
                        .find(|t| t.year == y)
                        .and_then(|t| t.target)
                })),
                commit: commit.to_owned(),
            }
        };
        if m.observations.is_empty() {
            rows.extend(
                m.actuals
                    .iter()
                    .map(|a| row(a.date.to_string(), &a.period, a.value, "")),
            );
        } else {
            rows.extend(m.observations.iter().map(|o| {
                row(
                    o.date.to_string(),
                    &o.field,
                    o.value,
                    o.commit.as_deref().unwrap_or("uncommitted"),
                )
            }));
        }
    }
    rows
}

#[derive(Serialize)]
struct Skill {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    name: String,
    area: String,
    level: i64,
    target: String,
    final_target: String,
    pace: String,
}

fn skills(plan: &PlanContext, c: Cells) -> Vec<Skill> {
    plan.skills
        .iter()
        .map(|s| Skill {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(s.id.clone()),
            name: c.own(s.name.clone()),
            area: c.own(text(&s.area)),
            level: s.level,
            target: s.target.map(|t| t.to_string()).unwrap_or_default(),
            final_target: s.final_target.map(|t| t.to_string()).unwrap_or_default(),
            pace: c.own(text(&s.pace)),
        })
        .collect()
}

#[derive(Serialize)]
struct SkillAction {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    skill: String,
    skill_name: String,
    area: String,
    title: String,
    status: String,
    /// As written: a year, quarter, month, week or day.
    due: String,
    /// The last day of `due`, so the column sorts.
    due_date: String,
}

fn skill_actions(plan: &PlanContext, c: Cells) -> Vec<SkillAction> {
    plan.skills
        .iter()
        .flat_map(|s| {
            s.actions.iter().map(move |a| SkillAction {
                person: c.own(person(plan)),
                as_of: as_of(plan),
                skill: c.own(s.id.clone()),
                skill_name: c.own(s.name.clone()),
                area: c.own(text(&s.area)),
                title: c.own(a.title.clone()),
                status: c.own(text(&a.status)),
                due: c.own(a.due.clone().unwrap_or_default()),
                due_date: a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Habit {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    title: String,
    cadence: String,
    minutes: String,
    serves: String,
    /// The goals' titles, in the order of `serves`.
    serves_titles: String,
    current_streak: u32,
    longest_streak: u32,
    checkins: u32,
    total_minutes: u32,
    /// The weekdays of a `days` habit, `mon;wed;fri`.
    days: String,
    /// Check-ins a week of a `weekly` habit.
    times: String,
    /// This week's and this month's due days (weekly: check-ins) done, by
    /// the cadence, as `status` and the dashboard count them.
    week_done: String,
    week_due: String,
    month_done: String,
    month_due: String,
    month_percent: String,
}

fn habits(plan: &PlanContext, c: Cells) -> Vec<Habit> {
    plan.habits
        .iter()
        .map(|h| Habit {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(h.id.clone()),
            title: c.own(h.title.clone()),
            cadence: c.own(text(&h.cadence)),
            minutes: h.minutes.map(|m| m.to_string()).unwrap_or_default(),
            serves: c.own(list(h.serves.iter().map(|s| s.id.as_str()))),
            serves_titles: c.own(list(h.serves.iter().map(|s| s.title.as_str()))),
            current_streak: h.current_streak,
            longest_streak: h.longest_streak,
            checkins: h.checkins,
            total_minutes: h.total_minutes,
            days: h.days.iter().map(text).collect::<Vec<_>>().join(";"),
            times: h.times.map(|t| t.to_string()).unwrap_or_default(),
            week_done: h.this_week.map(|w| w.done.to_string()).unwrap_or_default(),
            week_due: h.this_week.map(|w| w.due.to_string()).unwrap_or_default(),
            month_done: h.this_month.map(|m| m.done.to_string()).unwrap_or_default(),
            month_due: h.this_month.map(|m| m.due.to_string()).unwrap_or_default(),
            month_percent: h
                .this_month
                .map(|m| crate::value::whole_percent(m.percent))
                .unwrap_or_default(),
        })
        .collect()
}

/// One row per week and category of the time budget, newest week first.
#[derive(Serialize)]
struct Time {
    person: String,
    as_of: String,
    /// The week's Monday.
    week: String,
    category: String,
    minutes: u32,
    /// The minutes as hours, to two decimals.
    hours: String,
    /// The category's share of the week's time, in percent.
    share: String,
    /// The budget's share, in percent.
    target: u32,
}

fn time(plan: &PlanContext, c: Cells) -> Vec<Time> {
    let Some(time) = &plan.status.time else {
        return Vec::new();
    };
    time.weeks
        .iter()
        .flat_map(|w| {
            w.categories.iter().map(move |s| Time {
                person: c.own(person(plan)),
                as_of: as_of(plan),
                week: w.week.to_string(),
                category: c.own(s.category.clone()),
                minutes: s.minutes,
                hours: format!("{:.2}", f64::from(s.minutes) / 60.0),
                share: format!("{:.1}", s.share),
                target: s.target,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Milestone {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    title: String,
    source: &'static str,
    phase: String,
    due: String,
    /// The last day of `due`, which may be a date, a month, a quarter or a year.
    due_date: String,
    status: String,
    done: String,
}

fn milestones(plan: &PlanContext, c: Cells) -> Vec<Milestone> {
    plan.milestones
        .iter()
        .map(|m| Milestone {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(m.id.clone()),
            title: c.own(m.title.clone()),
            source: m.source,
            phase: c.own(m.phase.clone().unwrap_or_default()),
            due: c.own(m.due.clone().unwrap_or_default()),
            due_date: m.due_date.map(|d| d.to_string()).unwrap_or_default(),
            status: c.own(text(&m.status)),
            done: m.done.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect()
}

#[derive(Serialize)]
struct Relationship {
    person: String,
    /// The day the row's figures are measured at (docs/progress.md, "Dates").
    as_of: String,
    id: String,
    title: String,
    circle: String,
    target: String,
    current: String,
    status: String,
    due: String,
    /// The last day of `due`.
    due_date: String,
    people: String,
}

fn relationships(plan: &PlanContext, c: Cells) -> Vec<Relationship> {
    plan.relationships
        .iter()
        .map(|r| Relationship {
            person: c.own(person(plan)),
            as_of: as_of(plan),
            id: c.own(r.id.clone()),
            title: c.own(r.title.clone()),
            circle: c.own(text(&r.circle)),
            target: r.target.map(|t| t.to_string()).unwrap_or_default(),
            current: r.current.map(|c| c.to_string()).unwrap_or_default(),
            status: c.own(text(&r.status)),
            due: c.own(r.due.clone().unwrap_or_default()),
            due_date: due_date(r.due.as_deref()),
            people: c.own(r.people.join(";")),
        })
        .collect()
}

#[derive(Serialize)]
struct Review {
    person: String,
    period: String,
    kind: &'static str,
    as_of: String,
    on_track: String,
    wins: usize,
    learnings: usize,
    corrections: usize,
    path: String,
}

fn reviews(plan: &PlanContext, c: Cells) -> Vec<Review> {
    let mut rows: Vec<Review> = plan
        .reviews
        .iter()
        .map(|r| Review {
            person: c.own(person(plan)),
            period: c.own(r.period.clone()),
            kind: r.kind,
            as_of: r.as_of.map(|d| d.to_string()).unwrap_or_default(),
            on_track: c.own(text(&r.on_track)),
            wins: r.wins,
            learnings: r.learnings,
            corrections: r.corrections,
            path: c.own(r.path.clone()),
        })
        .collect();
    // Oldest first, as a table over time reads.
    rows.reverse();
    rows
}

/// The last day of a `due` that may be any period.
fn due_date(due: Option<&str>) -> String {
    due.and_then(|d| d.parse::<crate::value::Period>().ok())
        .map(|p| p.end().to_string())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct WinRow {
    person: String,
    date: String,
    review: String,
    year: i32,
    title: String,
}

fn wins(plan: &PlanContext, c: Cells) -> Vec<WinRow> {
    plan.wins
        .iter()
        .map(|w| WinRow {
            person: c.own(person(plan)),
            date: w.date.map(|d| d.to_string()).unwrap_or_default(),
            review: c.own(w.review.clone()),
            year: w.year,
            title: c.own(w.title.clone()),
        })
        .collect()
}

#[derive(Serialize)]
struct NoteRow {
    person: String,
    review: String,
    year: i32,
    text: String,
}

fn notes(plan: &PlanContext, c: Cells, notes: &[super::context::NoteView]) -> Vec<NoteRow> {
    notes
        .iter()
        .map(|n| NoteRow {
            person: c.own(person(plan)),
            review: c.own(n.review.clone()),
            year: n.year,
            text: c.own(n.text.clone()),
        })
        .collect()
}

fn learnings(plan: &PlanContext, c: Cells) -> Vec<NoteRow> {
    notes(plan, c, &plan.learnings)
}

fn corrections(plan: &PlanContext, c: Cells) -> Vec<NoteRow> {
    notes(plan, c, &plan.corrections)
}

#[derive(Serialize)]
struct RecognitionRow {
    person: String,
    id: String,
    kind: String,
    date: String,
    year: i32,
    title: String,
}

fn recognition(plan: &PlanContext, c: Cells) -> Vec<RecognitionRow> {
    plan.career
        .iter()
        .flat_map(|career| &career.recognition)
        .map(|r| RecognitionRow {
            person: c.own(person(plan)),
            id: c.own(r.id.clone()),
            kind: c.own(text(&r.kind)),
            date: r.date.to_string(),
            year: r.year,
            title: c.own(r.title.clone()),
        })
        .collect()
}

#[derive(Serialize)]
struct CareerRow {
    person: String,
    date: String,
    /// `career:base`, as `roadmap progress` names it, or `promotion`.
    id: String,
    label: String,
    field: String,
    value: String,
    text: String,
    commit: String,
}

/// Each career figure's readings over time, then each promotion.
fn career(plan: &PlanContext, c: Cells) -> Vec<CareerRow> {
    let Some(career) = &plan.career else {
        return Vec::new();
    };
    let progression = &career.progression;
    let mut rows: Vec<CareerRow> = progression
        .series
        .iter()
        .flat_map(|s| {
            s.points.iter().map(|p| CareerRow {
                person: c.own(person(plan)),
                date: p.date.to_string(),
                id: s.id.to_owned(),
                label: s.label.to_owned(),
                field: s.field.to_owned(),
                value: num(p.value),
                text: c.own(p.text.clone()),
                commit: p.commit.clone().unwrap_or_default(),
            })
        })
        .collect();
    rows.extend(progression.promotions.iter().map(|p| CareerRow {
        person: c.own(person(plan)),
        date: p.date.to_string(),
        id: "promotion".to_owned(),
        label: "Promotion".to_owned(),
        field: "promotions".to_owned(),
        value: String::new(),
        text: c.own(p.title.clone()),
        commit: String::new(),
    }));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_gets_a_quote_unless_raw() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(Cells::Neutralized.text(cell), format!("'{cell}"));
            assert_eq!(Cells::Raw.text(cell), cell);
        }
        for cell in ["", "Build a 3x pipeline", "'quoted", " =1"] {
            assert_eq!(Cells::Neutralized.text(cell), cell);
        }
    }
}
