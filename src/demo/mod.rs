//! The bundled example plan replayed month by month, for `roadmap demo`:
//! a repository whose history, diffs and reports have something to show
//! the day someone installs roadmap.
//!
//! The example holds the plan as it stands at its last review. This module
//! works backwards from it to the plan as it stood at the end of each month
//! since the plan began: metric readings only up to that month, quarters
//! only once they have started, key results growing toward their final
//! value, statuses closed only once their quarter, due period or `done:`
//! day is past, skill levels as the reviews assessed them, reviews and
//! check-ins only once written. Two events make the story less linear: a
//! target lowered at an annual review ([`LOWERED`]) and a quarter replanned
//! after its first month ([`REPLAN`]).
//!
//! The derivation is pure, files in and files out; the last month is the
//! bundled plan byte for byte. The rules read the parsed YAML and say
//! what changes; each change is made in place by [`yaml::patch`], so each
//! month's diff is the lines that changed and the comments stay. A change
//! that cannot be made in place is an error of the rules, never a file
//! written out anew.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde_yaml::Value;

use crate::diag::{Seg, YamlPath};
use crate::layout::{self, Kind, PLANS_DIR, Placement};
use crate::model::Status;
use crate::plan_gen::PlanFile;
use crate::value::{Amount, Period, format_amount};
use crate::yaml::{self, New, Op, key_text};

/// One change of a document: an edit at a path.
type Edit = (YamlPath, Op<'static>);

/// A target that started higher and was lowered at a review.
pub(crate) struct Lowered {
    pub metric: &'static str,
    pub year: i32,
    /// The target before the review, written as in the plan.
    pub from: &'static str,
    /// The month whose update lowers it.
    pub month: Period,
    pub why: &'static str,
}

/// The 2026 revenue target as first planned: 18.8% over the 2025 target,
/// inside the growth band, and compatible with the 2027 target. The 2025
/// annual review takes the paused Montana projects out of the base plan;
/// the reviews of 2026 then keep the lowered target on purpose.
pub(crate) const LOWERED: Lowered = Lowered {
    metric: "territory-revenue",
    year: 2026,
    from: "6.95M",
    month: Period::Month(2025, 12),
    why: "the 2026 base plan leaves out the paused Montana projects",
};

/// A quarter whose plan changed after its first month: one objective
/// replaced by another.
pub(crate) struct Replan {
    pub quarter: Period,
    /// The objective of the bundled plan that replaced the first one.
    pub objective: &'static str,
    /// The objective as first planned, as of the end of the quarter's
    /// first month.
    pub first: &'static str,
    /// The month whose update replans the quarter.
    pub month: Period,
    pub why: &'static str,
}

/// 2026-Q2 began with weekly ride-alongs; the April review replaced them
/// with a Monday deal review per engineer, and May's update replans the
/// leadership objective around coaching and mentoring.
pub(crate) const REPLAN: Replan = Replan {
    quarter: Period::Quarter(2026, 2),
    objective: "26q2-coaching",
    first: "\
id: 26q2-ride-alongs
title: Ride along weekly until both engineers are through the ramp; start mentoring a junior manager
category: leadership
supports: [y26-develop-others]
status: active
key_results:
  - id: 26q2-ride-along-days
    title: Ride-along days with the new sales engineers, one a week
    target: 12
    current: 4
    unit: days
  - id: 26q2-engineers-ramped
    title: New sales engineers through the 90-day ramp
    target: 2
    current: 2
    unit: engineers
  - id: 26q2-mentee
    title: Junior sales manager (Reno) in a monthly mentoring rhythm
    target: 1
    current: 0
    unit: mentees
milestones:
  - id: 26q2-day-90
    title: Day-90 reviews for both engineers
    due: 2026-04-10
    status: done
    done: 2026-04-10
  - id: 26q2-mentee-start
    title: First mentoring session with the Reno manager
    due: 2026-05
    status: planned
",
    month: Period::Month(2026, 5),
    why: "a Monday deal review per engineer instead of weekly ride-alongs",
};

/// The plan at the end of one month: one commit of the demo history.
#[derive(Debug, Clone)]
pub(crate) struct Month {
    /// The month, e.g. `2025-03`.
    #[allow(dead_code, reason = "named by the tests when a month goes wrong")]
    pub period: Period,
    /// Its last day: the commit's date.
    pub date: NaiveDate,
    pub message: String,
    /// A review tag for the commit: name and message.
    pub tag: Option<(String, String)>,
    /// Every file under `plans/`.
    pub files: Vec<PlanFile>,
}

/// The plan month by month, from January of its first year to the month
/// of its last review; the last month holds `plan` unchanged.
pub(crate) fn replay(plan: &[PlanFile]) -> Result<Vec<Month>, String> {
    let sources = plan
        .iter()
        .map(Source::read)
        .collect::<Result<Vec<_>, _>>()?;
    let context = Context::new(&sources)?;
    let mut months = Vec::new();
    let mut period = context.first;
    loop {
        months.push(month(&sources, &context, period)?);
        if period >= context.last {
            break;
        }
        period = next_month(period);
    }
    Ok(months)
}

// ------------------------------------------------------------------ sources

/// One bundled file, parsed.
struct Source {
    file: PlanFile,
    kind: Option<Kind>,
    period: Option<Period>,
    /// The YAML within the text: the front matter of a Markdown file.
    yaml: Range<usize>,
    value: Value,
    as_of: Option<NaiveDate>,
}

impl Source {
    fn read(file: &PlanFile) -> Result<Source, String> {
        let rel = file
            .path
            .strip_prefix(&format!("{PLANS_DIR}/"))
            .unwrap_or(&file.path);
        let (kind, period) = match layout::classify(rel) {
            Placement::Plan { kind, period, .. } => (Some(kind), period),
            _ => (None, None),
        };
        let yaml = match kind {
            Some(kind) if kind.is_markdown() => {
                front_matter(&file.text).ok_or_else(|| format!("{}: no front matter", file.path))?
            }
            Some(_) => 0..file.text.len(),
            None => 0..0,
        };
        let value: Value = serde_yaml::from_str(&file.text[yaml.clone()])
            .map_err(|err| format!("{}: {err}", file.path))?;
        let as_of = get(&value, "as_of").and_then(date);
        Ok(Source {
            file: file.clone(),
            kind,
            period,
            yaml,
            value,
            as_of,
        })
    }

    /// Whether the file existed at the end of the month.
    fn present(&self, end: NaiveDate) -> bool {
        let Some(period) = self.period else {
            return true;
        };
        match self.kind {
            // The annual review in December writes next year's plan.
            Some(Kind::Year) => {
                end.year() >= period.year()
                    || (end.year() == period.year() - 1 && end.month() == 12)
            }
            Some(Kind::Quarter | Kind::CheckIns | Kind::Time) => period.start() <= end,
            Some(Kind::MonthReview | Kind::QuarterReview | Kind::YearReview) => {
                period.end() <= end || self.as_of.is_some_and(|d| d <= end)
            }
            _ => true,
        }
    }
}

/// The byte range of the YAML between a first line `---` and the next.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let first = text.find('\n')?;
    if text[..first].trim_end() != "---" {
        return None;
    }
    let mut at = first + 1;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if text[at..end].trim_end() == "---" {
            return Some(first + 1..at);
        }
        at = end;
    }
    None
}

// ------------------------------------------------------------------ context

/// What the rules need from other files: readings, assessments, dates.
struct Context {
    first: Period,
    last: Period,
    /// Monthly readings of every metric, with its unit.
    readings: Vec<(Option<String>, BTreeMap<Period, Value>)>,
    /// The year-to-date revenue metric's monthly readings and baseline.
    revenue: Option<(BTreeMap<Period, f64>, f64)>,
    /// Skill levels assessed by reviews, by the review's day.
    assessments: Vec<(NaiveDate, BTreeMap<String, i64>)>,
    /// The day of the newest ranking in the career file.
    ranking: Option<NaiveDate>,
    /// Reviews that exist, by period.
    reviews: HashSet<Period>,
}

impl Context {
    fn new(sources: &[Source]) -> Result<Context, String> {
        let start = sources
            .iter()
            .find(|s| s.kind == Some(Kind::Vision))
            .and_then(|s| get(&s.value, "start"))
            .and_then(Value::as_i64)
            .ok_or("the plan has no vision.md with a start year")?;
        let last = sources
            .iter()
            .filter_map(|s| s.as_of)
            .max()
            .map(Period::month_of)
            .ok_or("the plan's files carry no as_of date")?;
        let first = Period::Month(start as i32, 1);
        if first > last {
            return Err(format!(
                "the plan starts in {first}, after its last review in {last}"
            ));
        }
        let mut context = Context {
            first,
            last,
            readings: Vec::new(),
            revenue: None,
            assessments: Vec::new(),
            ranking: None,
            reviews: HashSet::new(),
        };
        for source in sources {
            match source.kind {
                Some(Kind::Metrics) => context.read_metrics(&source.value),
                Some(Kind::MonthReview | Kind::QuarterReview | Kind::YearReview) => {
                    context.reviews.extend(source.period);
                    let skills = get(&source.value, "skills").and_then(Value::as_mapping);
                    if let (Some(day), Some(skills)) = (source.as_of, skills) {
                        let levels = skills
                            .iter()
                            .filter_map(|(k, v)| Some((key_text(k)?, v.as_i64()?)))
                            .collect();
                        context.assessments.push((day, levels));
                    }
                }
                Some(Kind::Career) => {
                    context.ranking = items(&source.value, "recognition")
                        .filter(|(_, r)| get(r, "kind").and_then(Value::as_str) == Some("ranking"))
                        .filter_map(|(_, r)| get(r, "date").and_then(date))
                        .max();
                }
                _ => {}
            }
        }
        context.assessments.sort_by_key(|(day, _)| *day);
        Ok(context)
    }

    fn read_metrics(&mut self, metrics: &Value) {
        for (_, metric) in items(metrics, "metrics") {
            let actuals: BTreeMap<Period, Value> = get(metric, "actuals")
                .and_then(Value::as_mapping)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((key_text(k)?.parse().ok()?, v.clone())))
                .collect();
            let is = |key: &str, want: &Value| get(metric, key) == Some(want);
            if self.revenue.is_none()
                && is("kind", &Value::String("revenue".into()))
                && is("ytd", &Value::Bool(true))
            {
                let baseline = get(metric, "baseline").and_then(amount).unwrap_or(0.0);
                let values = actuals
                    .iter()
                    .filter_map(|(p, v)| Some((*p, amount(v)?)))
                    .collect();
                self.revenue = Some((values, baseline));
            }
            let unit = get(metric, "unit")
                .and_then(Value::as_str)
                .map(str::to_owned);
            self.readings.push((unit, actuals));
        }
    }

    /// The reading at `now` of the metric a key result follows: one in the
    /// same unit whose reading in the key result's last month is its final
    /// value.
    fn reading(&self, unit: Option<&str>, last: f64, at: Period, now: Period) -> Option<&Value> {
        let unit = unit?;
        self.readings
            .iter()
            .filter(|(u, _)| u.as_deref() == Some(unit))
            .find(|(_, values)| {
                values
                    .get(&at)
                    .and_then(amount)
                    .is_some_and(|v| (v - last).abs() <= 0.005 * last.abs().max(1e-9))
            })
            .and_then(|(_, values)| values.get(&now))
    }

    /// Revenue over the twelve months to `month`, from the year-to-date
    /// readings (the plan's baseline stands in for the year before it).
    fn trailing_revenue(&self, month: Period) -> Option<f64> {
        let (values, baseline) = self.revenue.as_ref()?;
        let Period::Month(year, m) = month else {
            return None;
        };
        let this = *values.get(&month)?;
        let (before, before_to_date) = if year <= self.first.year() {
            (*baseline, baseline * f64::from(m) / 12.0)
        } else {
            (
                *values.get(&Period::Month(year - 1, 12))?,
                *values.get(&Period::Month(year - 1, m))?,
            )
        };
        Some(this + before - before_to_date)
    }

    /// A skill's level as last assessed by `end`; before the first
    /// assessment, the level it records (where the plan started).
    fn level(&self, skill: &str, end: NaiveDate) -> Option<i64> {
        let assessed = self
            .assessments
            .iter()
            .rev()
            .find(|(day, _)| *day <= end)
            .or(self.assessments.first())?;
        assessed.1.get(skill).copied()
    }
}

// -------------------------------------------------------------------- month

fn month(sources: &[Source], context: &Context, period: Period) -> Result<Month, String> {
    let end = period.end();
    let last = period == context.last;
    let mut states: Vec<(&Source, Vec<Edit>, String)> = Vec::new();
    let mut notes = Vec::new();
    for source in sources {
        if !last && !source.present(end) {
            continue;
        }
        let edits = if last {
            Vec::new()
        } else {
            edits(source, context, period)
        };
        let yaml = patched(source, &edits)?;
        states.push((source, edits, yaml));
    }
    // A habit serves goals of several files; the ones not written yet are
    // left out until they are.
    let mut ids = HashSet::new();
    for (source, edits, yaml) in &states {
        if edits.is_empty() {
            collect_ids(&source.value, &mut ids);
        } else {
            let value: Value = serde_yaml::from_str(yaml)
                .map_err(|err| format!("{} as of {period}: {err}", source.file.path))?;
            collect_ids(&value, &mut ids);
        }
    }
    for (source, edits, yaml) in &mut states {
        if source.kind == Some(Kind::Habits) && !last {
            prune_serves(&source.value, &ids, edits);
            *yaml = patched(source, edits)?;
        }
    }

    let mut files: Vec<PlanFile> = states
        .iter()
        .map(|(source, _, yaml)| {
            let text = &source.file.text;
            PlanFile {
                path: source.file.path.clone(),
                text: format!(
                    "{}{yaml}{}",
                    &text[..source.yaml.start],
                    &text[source.yaml.end..]
                ),
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));

    if period == LOWERED.month {
        notes.push(format!(
            "Lowers the {} {} target from {}: {}.",
            LOWERED.year, LOWERED.metric, LOWERED.from, LOWERED.why
        ));
    }
    if period == REPLAN.month {
        notes.push(format!(
            "Replans {}: {} replaces the first plan's objective, {}.",
            REPLAN.quarter, REPLAN.objective, REPLAN.why
        ));
    }
    let quarter = Period::quarter_of(end);
    let tag = (quarter.end() == end && context.reviews.contains(&quarter)).then(|| {
        (
            format!("review/{quarter}"),
            format!("Quarterly review {quarter}"),
        )
    });
    Ok(Month {
        period,
        date: end,
        message: message(period, context, &notes),
        tag,
        files,
    })
}

fn message(period: Period, context: &Context, notes: &[String]) -> String {
    let end = period.end();
    let quarter = Period::quarter_of(end);
    let mut body = vec![format!(
        "Monthly review of {}: actuals, key results, statuses and check-ins.",
        end.format("%B %Y")
    )];
    if quarter.start() == period.start() {
        body.push(format!("Starts the {quarter} plan."));
    }
    if quarter.end() == end && context.reviews.contains(&quarter) {
        body.push(format!("Quarterly review: {quarter} closes."));
    }
    let year = Period::Year(end.year());
    if year.end() == end && context.reviews.contains(&year) {
        body.push(format!(
            "Annual review of {} and the {} plan.",
            end.year(),
            end.year() + 1
        ));
    }
    body.extend(notes.iter().cloned());
    format!("review: {period}\n\n{}\n", body.join("\n"))
}

/// The file's YAML with its edits made in place.
fn patched(source: &Source, edits: &[Edit]) -> Result<String, String> {
    let yaml = &source.file.text[source.yaml.clone()];
    if edits.is_empty() {
        return Ok(yaml.to_owned());
    }
    yaml::patch(yaml, edits).ok_or_else(|| {
        format!(
            "{}: the replay's edits cannot be made in place: {edits:?}",
            source.file.path
        )
    })
}

fn next_month(period: Period) -> Period {
    match period {
        Period::Month(y, 12) => Period::Month(y + 1, 1),
        Period::Month(y, m) => Period::Month(y, m + 1),
        other => other,
    }
}

// -------------------------------------------------------------------- rules

/// Edits of one document, skipping those that change nothing.
struct Edits<'a> {
    doc: &'a Value,
    list: Vec<Edit>,
}

impl Edits<'_> {
    fn set(&mut self, path: YamlPath, value: &Value) {
        if node(self.doc, &path.0) != Some(value) {
            self.list.push((path, Op::Set(New::from(value))));
        }
    }

    fn remove(&mut self, path: YamlPath) {
        if node(self.doc, &path.0).is_some() {
            self.list.push((path, Op::Remove));
        }
    }

    fn status(&mut self, at: &YamlPath, item: &Value, new: Status) {
        if status(item).is_some_and(|old| old != new) {
            self.set(at.at("status"), &Value::String(new.as_str().to_owned()));
        }
    }
}

/// What changes in `source` to make it the file as it stood at the end of
/// `period`. A file whose `as_of` is on or before that day is final.
fn edits(source: &Source, context: &Context, period: Period) -> Vec<Edit> {
    let end = period.end();
    let mut edits = Edits {
        doc: &source.value,
        list: Vec::new(),
    };
    if source.as_of.is_some_and(|day| day <= end) {
        return edits.list;
    }
    if source.as_of.is_some() {
        edits.set(YamlPath::root().at("as_of"), &day_value(end));
    }
    match source.kind {
        Some(Kind::Strategy) => strategy(&mut edits, end),
        Some(Kind::Capabilities) => capabilities(&mut edits, context, end),
        Some(Kind::Metrics) => metrics(&mut edits, period),
        Some(Kind::Relationships) => relationships(&mut edits, context, end),
        Some(Kind::Career) => career(&mut edits, context, period),
        Some(Kind::Habits) => habits(&mut edits, end),
        Some(Kind::Year) => year(&mut edits, source, end),
        Some(Kind::Quarter) => quarter(&mut edits, source, context, period),
        _ => {}
    }
    edits.list
}

/// A milestone, achievement or initiative: done once its `done:` day (or,
/// without one, its due period) is past; missed once its due period is.
fn milestone(edits: &mut Edits, at: &YamlPath, item: &Value, end: NaiveDate) {
    let Some(old) = status(item) else {
        return;
    };
    let done = get(item, "done").and_then(date);
    let due = get(item, "due").and_then(period);
    let new = match (old, done) {
        (Status::Done, Some(day)) if day <= end => Status::Done,
        (Status::Done, None) | (Status::Missed, _) if due.is_none_or(|p| p.end() <= end) => old,
        (Status::Done | Status::Missed, _) => opened(due, end),
        (other, _) => other,
    };
    edits.status(at, item, new);
    if new != Status::Done && done.is_some() {
        edits.remove(at.at("done"));
    }
}

/// An item not yet closed: active once its due period has begun.
fn opened(due: Option<Period>, end: NaiveDate) -> Status {
    if due.is_none_or(|p| p.start() <= end) {
        Status::Active
    } else {
        Status::Planned
    }
}

fn strategy(edits: &mut Edits, end: NaiveDate) {
    let doc = edits.doc;
    for (i, phase) in items(doc, "phases") {
        let at = YamlPath::root().at("phases").at(i);
        for (j, item) in items(phase, "achievements") {
            milestone(edits, &at.at("achievements").at(j), item, end);
        }
        if let Some(item) = get(phase, "milestone") {
            milestone(edits, &at.at("milestone"), item, end);
        }
    }
}

fn capabilities(edits: &mut Edits, context: &Context, end: NaiveDate) {
    let doc = edits.doc;
    for (i, skill) in items(doc, "skills") {
        let at = YamlPath::root().at("skills").at(i);
        let level = get(skill, "id")
            .and_then(Value::as_str)
            .and_then(|id| context.level(id, end));
        if let Some(level) = level {
            edits.set(at.at("level"), &Value::Number(level.into()));
        }
        for (j, action) in items(skill, "actions") {
            if action.is_mapping() {
                milestone(edits, &at.at("actions").at(j), action, end);
            }
        }
    }
}

fn metrics(edits: &mut Edits, month: Period) {
    let doc = edits.doc;
    let end = month.end();
    for (i, metric) in items(doc, "metrics") {
        let at = YamlPath::root().at("metrics").at(i);
        if let Some(actuals) = get(metric, "actuals").and_then(Value::as_mapping) {
            let later: Vec<String> = actuals
                .keys()
                .filter_map(key_text)
                .filter(|k| k.parse::<Period>().is_ok_and(|p| p.end() > end))
                .collect();
            if later.len() == actuals.len() {
                edits.remove(at.at("actuals"));
            } else {
                for key in later {
                    edits.remove(at.at("actuals").at(key));
                }
            }
        }
        let id = get(metric, "id").and_then(Value::as_str);
        let target = at.at("targets").at(LOWERED.year.to_string());
        if id == Some(LOWERED.metric) && month < LOWERED.month && node(doc, &target.0).is_some() {
            edits.set(target, &Value::String(LOWERED.from.to_owned()));
        }
    }
}

/// Relationship goals count up toward their final number by their due
/// period (or the last review), and close when it is past.
fn relationships(edits: &mut Edits, context: &Context, end: NaiveDate) {
    let doc = edits.doc;
    let months_to = |day: NaiveDate| months_between(context.first.start(), day);
    for (i, goal) in items(doc, "goals") {
        let at = YamlPath::root().at("goals").at(i);
        let due = get(goal, "due").and_then(period);
        let old = status(goal);
        let new = match old {
            Some(Status::Done | Status::Missed) if due.is_some_and(|p| p.end() <= end) => old,
            Some(Status::Done | Status::Missed) => Some(Status::Active),
            other => other,
        };
        if let Some(new) = new {
            edits.status(&at, goal, new);
        }
        if let Some(last) = get(goal, "current").and_then(Value::as_u64) {
            let until = due.map_or(context.last.end(), |p| p.end().min(context.last.end()));
            let share = (months_to(end) / months_to(until)).min(1.0);
            let current = if new == Some(Status::Done) {
                last
            } else {
                (last as f64 * share).floor() as u64
            };
            edits.set(at.at("current"), &Value::Number(current.into()));
        }
    }
}

fn career(edits: &mut Edits, context: &Context, month: Period) {
    let doc = edits.doc;
    let end = month.end();
    if get(doc, "revenue").is_some()
        && let Some(revenue) = context.trailing_revenue(month)
    {
        edits.set(
            YamlPath::root().at("revenue"),
            &Value::String(format_amount(revenue)),
        );
    }
    for key in ["recognition", "promotions"] {
        let later: Vec<usize> = items(doc, key)
            .filter(|(_, item)| get(item, "date").and_then(date).is_some_and(|d| d > end))
            .map(|(i, _)| i)
            .collect();
        if !later.is_empty() && later.len() == items(doc, key).count() {
            edits.remove(YamlPath::root().at(key));
        } else {
            for i in later {
                edits.remove(YamlPath::root().at(key).at(i));
            }
        }
    }
    if context.ranking.is_some_and(|day| day > end) {
        edits.remove(YamlPath::root().at("ranking"));
    }
}

fn habits(edits: &mut Edits, end: NaiveDate) {
    let doc = edits.doc;
    for (i, habit) in items(doc, "habits") {
        if get(habit, "since").and_then(date).is_some_and(|d| d > end) {
            edits.remove(YamlPath::root().at("habits").at(i));
        }
    }
}

fn prune_serves(doc: &Value, ids: &HashSet<String>, edits: &mut Vec<Edit>) {
    for (i, habit) in items(doc, "habits") {
        let at = YamlPath::root().at("habits").at(i).at("serves");
        let unknown: Vec<usize> = items(habit, "serves")
            .filter(|(_, id)| id.as_str().is_some_and(|id| !ids.contains(id)))
            .map(|(k, _)| k)
            .collect();
        if !unknown.is_empty() && unknown.len() == items(habit, "serves").count() {
            edits.push((at, Op::Remove));
        } else {
            edits.extend(unknown.into_iter().map(|k| (at.at(k), Op::Remove)));
        }
    }
}

/// An annual plan: planned before its year, active during it; `current`
/// values grow with the months gone.
fn year(edits: &mut Edits, source: &Source, end: NaiveDate) {
    let Some(year @ Period::Year(_)) = source.period else {
        return;
    };
    let doc = edits.doc;
    let before = end < year.start();
    let last = source.as_of.unwrap_or(year.end()).min(year.end());
    let share = if before {
        0.0
    } else {
        (months_between(year.start(), end) / months_between(year.start(), last)).min(1.0)
    };
    for (i, objective) in items(doc, "objectives") {
        let at = YamlPath::root().at("objectives").at(i);
        match status(objective) {
            Some(Status::Dropped) | None => {}
            Some(_) if before => edits.status(&at, objective, Status::Planned),
            Some(Status::Done | Status::Missed) => edits.status(&at, objective, Status::Active),
            Some(_) => {}
        }
        if let Some(current) = get(objective, "current")
            && let Some(value) = amount(current)
        {
            edits.set(at.at("current"), &restyle(current, value * share));
        }
    }
    for (i, item) in items(doc, "initiatives") {
        milestone(edits, &YamlPath::root().at("initiatives").at(i), item, end);
    }
}

/// A quarter in progress: objectives active, key results on their way.
fn quarter(edits: &mut Edits, source: &Source, context: &Context, month: Period) {
    let Some(quarter @ Period::Quarter(..)) = source.period else {
        return;
    };
    let doc = edits.doc;
    let end = month.end();
    let last = source.as_of.unwrap_or(quarter.end());
    let share = (days_between(quarter.start(), end) / days_between(quarter.start(), last)).min(1.0);
    let mut replaced = None;
    for (i, objective) in items(doc, "objectives") {
        let at = YamlPath::root().at("objectives").at(i);
        if matches!(status(objective), Some(Status::Done | Status::Missed)) {
            edits.status(&at, objective, Status::Active);
        }
        for (k, result) in items(objective, "key_results") {
            let at = at.at("key_results").at(k);
            key_result(
                edits,
                &at,
                result,
                context,
                Period::month_of(last),
                month,
                share,
            );
        }
        for (k, item) in items(objective, "milestones") {
            milestone(edits, &at.at("milestones").at(k), item, end);
        }
        if get(objective, "id").and_then(Value::as_str) == Some(REPLAN.objective) {
            replaced = Some(at);
        }
    }
    if source.period == Some(REPLAN.quarter) && month < REPLAN.month {
        let first = serde_yaml::from_str::<Value>(REPLAN.first);
        if let (Some(at), Ok(first)) = (replaced, first) {
            edits.set(at, &first);
        }
    }
}

/// A key result's `current`: the reading of the metric it follows, or a
/// straight line from its `start` to its final value.
fn key_result(
    edits: &mut Edits,
    at: &YamlPath,
    result: &Value,
    context: &Context,
    last_month: Period,
    month: Period,
    share: f64,
) {
    let Some(current) = get(result, "current") else {
        return;
    };
    let Some(last) = amount(current) else {
        return;
    };
    let unit = get(result, "unit").and_then(Value::as_str);
    let value = match context.reading(unit, last, last_month, month) {
        Some(reading) => reading.clone(),
        None => {
            let start = get(result, "start").and_then(amount).unwrap_or(0.0);
            restyle(current, start + (last - start) * share)
        }
    };
    edits.set(at.at("current"), &value);
}

// ------------------------------------------------------------------ helpers

/// The node at `path`.
fn node<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |value, seg| match (value, seg) {
            (Value::Mapping(map), Seg::Key(key)) => map
                .iter()
                .find(|(k, _)| key_text(k).as_deref() == Some(key.as_str()))
                .map(|(_, v)| v),
            (Value::Sequence(items), Seg::Index(i)) => items.get(*i),
            _ => None,
        })
}

fn get<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value
        .as_mapping()?
        .iter()
        .find_map(|(k, v)| (key_text(k).as_deref() == Some(key)).then_some(v))
}

fn items<'v>(value: &'v Value, key: &str) -> impl Iterator<Item = (usize, &'v Value)> {
    get(value, key)
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate()
}

fn status(item: &Value) -> Option<Status> {
    match get(item, "status") {
        None => Some(Status::Planned),
        Some(value) => serde_yaml::from_value(value.clone()).ok(),
    }
}

fn date(value: &Value) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d").ok()
}

fn period(value: &Value) -> Option<Period> {
    serde_yaml::from_value(value.clone()).ok()
}

fn amount(value: &Value) -> Option<f64> {
    serde_yaml::from_value::<Amount>(value.clone())
        .ok()
        .map(Amount::get)
}

fn day_value(day: NaiveDate) -> Value {
    Value::String(day.format("%Y-%m-%d").to_string())
}

/// Months from the month of `from` to the month of `to`, both counted.
fn months_between(from: NaiveDate, to: NaiveDate) -> f64 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    f64::from(months.max(0))
}

/// Days from `from` to `to`, both counted.
fn days_between(from: NaiveDate, to: NaiveDate) -> f64 {
    ((to - from).num_days() + 1).max(1) as f64
}

/// `value` written the way `like` is: an integer, a number with as many
/// decimals, or text with the same suffix (`1.05M`, `400k`, `17%`).
fn restyle(like: &Value, value: f64) -> Value {
    let round = |decimals: usize| {
        let scale = 10f64.powi(decimals as i32);
        (value * scale).round() / scale
    };
    match like {
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            Value::Number((value.round() as i64).into())
        }
        Value::Number(n) => Value::Number(round(decimals(&n.to_string()).max(1)).into()),
        Value::String(text) => {
            let text = text.trim();
            let (digits, suffix, scale) = match text.chars().last() {
                Some(c @ ('k' | 'K')) => (&text[..text.len() - 1], Some(c), 1e3),
                Some(c @ ('m' | 'M')) => (&text[..text.len() - 1], Some(c), 1e6),
                Some(c @ ('b' | 'B')) => (&text[..text.len() - 1], Some(c), 1e9),
                Some('%') => (&text[..text.len() - 1], Some('%'), 1.0),
                _ => (text, None, 1.0),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Value::Number(value.into());
            }
            let places = decimals(digits);
            let scaled = format!("{:.places$}", value / scale);
            match suffix {
                Some(suffix) => Value::String(format!("{scaled}{suffix}")),
                None if places == 0 => Value::Number((value.round() as i64).into()),
                None => Value::Number(round(places).into()),
            }
        }
        _ => Value::Number(value.into()),
    }
}

fn decimals(digits: &str) -> usize {
    digits.split_once('.').map_or(0, |(_, d)| d.len())
}

/// Every `id` of every item in a document.
fn collect_ids(value: &Value, ids: &mut HashSet<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, value) in map {
                if key.as_str() == Some("id")
                    && let Some(id) = value.as_str()
                {
                    ids.insert(id.to_owned());
                }
                collect_ids(value, ids);
            }
        }
        Value::Sequence(items) => {
            for value in items {
                collect_ids(value, ids);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn months() -> Vec<Month> {
        replay(&crate::plan_gen::example_files()).expect("the example replays")
    }

    fn diagnostics(files: &[PlanFile]) -> Vec<crate::diag::Diagnostic> {
        crate::check_snapshot(&crate::plan_gen::load(files))
    }

    #[test]
    fn every_month_checks_clean() {
        for month in months() {
            let found: Vec<String> = diagnostics(&month.files)
                .iter()
                .map(|d| {
                    format!(
                        "{:?} {}:{} {} {}",
                        d.severity, d.path, d.line, d.code, d.message
                    )
                })
                .collect();
            assert!(found.is_empty(), "{}:\n{}", month.period, found.join("\n"));
        }
        let _ = Severity::Error;
    }
}
