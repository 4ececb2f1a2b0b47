//! The CSV exports: one file per kind of item, a header row, ISO dates,
//! a fixed column order and RFC 4180 quoting. Every file starts with a
//! `person` column (empty in a single-person repository) so that a team
//! repository's exports hold everyone in one table.

use serde::Serialize;

use super::context::{Context, PlanContext};
use crate::error::Error;

/// `csv/<name>.csv` and its bytes, in a fixed order.
pub fn exports(context: &Context) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let plans = &context.plans;
    Ok(vec![
        file("objectives", plans, objectives)?,
        file("key-results", plans, key_results)?,
        file("metrics", plans, metrics)?,
        file("skills", plans, skills)?,
        file("habits", plans, habits)?,
        file("milestones", plans, milestones)?,
        file("relationships", plans, relationships)?,
        file("reviews", plans, reviews)?,
    ])
}

fn file<R: Serialize>(
    name: &str,
    plans: &[PlanContext],
    rows: fn(&PlanContext) -> Vec<R>,
) -> Result<(String, Vec<u8>), Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Usage(format!("csv/{name}.csv: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut any = false;
    for plan in plans {
        for row in rows(plan) {
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
        ],
        "milestones" => &[
            "person", "as_of", "id", "title", "source", "phase", "due", "status", "done",
        ],
        "relationships" => &[
            "person", "as_of", "id", "title", "circle", "target", "current", "status", "due",
            "people",
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

fn objectives(plan: &PlanContext) -> Vec<Objective> {
    plan.objectives
        .iter()
        .map(|o| Objective {
            person: person(plan),
            as_of: as_of(plan),
            id: o.id.clone(),
            level: o.level,
            period: o.period.clone(),
            year: o.year,
            category: text(&o.category),
            title: o.title.clone(),
            status: text(&o.status),
            progress: fraction(Some(o.progress)),
            pace: text(&o.pace),
            supports: o.supports.join(";"),
            metric: o.metric.clone().unwrap_or_default(),
            target: num(o.target),
            current: num(o.current),
            unit: o.unit.clone().unwrap_or_default(),
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

fn key_results(plan: &PlanContext) -> Vec<KeyResult> {
    plan.key_results
        .iter()
        .map(|k| KeyResult {
            person: person(plan),
            as_of: as_of(plan),
            id: k.id.clone(),
            objective: k.objective.clone(),
            period: k.period.clone(),
            year: k.year,
            category: text(&k.category),
            title: k.title.clone(),
            start: num(k.start),
            current: num(k.current),
            target: num(k.target),
            unit: k.unit.clone().unwrap_or_default(),
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
fn metrics(plan: &PlanContext) -> Vec<Metric> {
    let mut rows = Vec::new();
    for m in &plan.metrics {
        let row = |date: String, period: &str, value: f64, commit: &str| {
            let year = period.get(..4).and_then(|y| y.parse::<i32>().ok());
            Metric {
                person: person(plan),
                date,
                id: m.id.clone(),
                name: m.name.clone(),
                period: period.to_owned(),
                value: value.to_string(),
                unit: m.unit.clone().unwrap_or_default(),
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

fn skills(plan: &PlanContext) -> Vec<Skill> {
    plan.skills
        .iter()
        .map(|s| Skill {
            person: person(plan),
            as_of: as_of(plan),
            id: s.id.clone(),
            name: s.name.clone(),
            area: text(&s.area),
            level: s.level,
            target: s.target.map(|t| t.to_string()).unwrap_or_default(),
            final_target: s.final_target.map(|t| t.to_string()).unwrap_or_default(),
            pace: text(&s.pace),
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
}

fn habits(plan: &PlanContext) -> Vec<Habit> {
    plan.habits
        .iter()
        .map(|h| Habit {
            person: person(plan),
            as_of: as_of(plan),
            id: h.id.clone(),
            title: h.title.clone(),
            cadence: text(&h.cadence),
            minutes: h.minutes.map(|m| m.to_string()).unwrap_or_default(),
            serves: list(h.serves.iter().map(|s| s.id.as_str())),
            serves_titles: list(h.serves.iter().map(|s| s.title.as_str())),
            current_streak: h.current_streak,
            longest_streak: h.longest_streak,
            checkins: h.checkins,
            total_minutes: h.total_minutes,
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
    status: String,
    done: String,
}

fn milestones(plan: &PlanContext) -> Vec<Milestone> {
    plan.milestones
        .iter()
        .map(|m| Milestone {
            person: person(plan),
            as_of: as_of(plan),
            id: m.id.clone(),
            title: m.title.clone(),
            source: m.source,
            phase: m.phase.clone().unwrap_or_default(),
            due: m.due.clone().unwrap_or_default(),
            status: text(&m.status),
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
    people: String,
}

fn relationships(plan: &PlanContext) -> Vec<Relationship> {
    plan.relationships
        .iter()
        .map(|r| Relationship {
            person: person(plan),
            as_of: as_of(plan),
            id: r.id.clone(),
            title: r.title.clone(),
            circle: text(&r.circle),
            target: r.target.map(|t| t.to_string()).unwrap_or_default(),
            current: r.current.map(|c| c.to_string()).unwrap_or_default(),
            status: text(&r.status),
            due: r.due.clone().unwrap_or_default(),
            people: r.people.join(";"),
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

fn reviews(plan: &PlanContext) -> Vec<Review> {
    let mut rows: Vec<Review> = plan
        .reviews
        .iter()
        .map(|r| Review {
            person: person(plan),
            period: r.period.clone(),
            kind: r.kind,
            as_of: r.as_of.map(|d| d.to_string()).unwrap_or_default(),
            on_track: text(&r.on_track),
            wins: r.wins,
            learnings: r.learnings,
            corrections: r.corrections,
            path: r.path.clone(),
        })
        .collect();
    // Oldest first, as a table over time reads.
    rows.reverse();
    rows
}
