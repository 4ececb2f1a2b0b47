//! What the dashboard drills into: each key result's and each metric's
//! values over time, read from the history (the observations `roadmap
//! progress` prints, never a second computation), with the commit that set
//! each value, a sparkline's coordinates, and whether the item has gone
//! stale ([`crate::stale`]).

use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::history::{ById, ItemKind, Recorded, Val};
use crate::load::Docs;
use crate::model::{self, Status};
use crate::progress;
use crate::stale::{self, Stale};
use crate::value::Period;

/// The sparkline's drawing box (`viewBox="0 0 120 32"`) and its margin.
const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 32.0;
const MARGIN: f64 = 3.0;

/// The drill-down of one plan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Drill {
    /// One per key result of every quarter, in the order of the plan's
    /// `key_results`.
    pub key_results: Vec<KeyResultDrill>,
    /// One per metric, in the order of the plan's `metrics`.
    pub metrics: Vec<MetricDrill>,
    /// How many items are stale.
    pub stale: usize,
}

/// A key result's values from git.
#[derive(Debug, Clone, Serialize)]
pub struct KeyResultDrill {
    pub id: String,
    /// The quarter it belongs to (`2026-Q4`).
    pub period: String,
    /// The item whose values are its history when it `measures` one.
    pub measures: Option<String>,
    /// Its value each time it changed, oldest first.
    pub points: Points,
    /// The target line's height in the sparkline, when it has a target.
    pub target_y: Option<f64>,
    /// The sparkline as an SVG polyline's `points`.
    pub line: String,
    /// Set when its quarter is the current one, it is not met or closed,
    /// and its value has not changed for longer than its cadence allows.
    pub stale: Option<Stale>,
}

/// A metric's readings from git.
#[derive(Debug, Clone, Serialize)]
pub struct MetricDrill {
    pub id: String,
    /// Every reading as it was recorded (a corrected reading is two rows),
    /// oldest first: the period it is the reading of in `field`.
    pub readings: Points,
    /// The readings' sparkline as an SVG polyline's `points`.
    pub line: String,
    /// The latest period with a reading in the plan (`2026-10`).
    pub latest: Option<String>,
    pub stale: Option<Stale>,
}

/// A series' points, shared. A page converts for its template only the
/// points it reads: a person's page shows this quarter's key results, and
/// a ten-year plan's drill-down holds forty quarters of them. Every other
/// output (the JSON context, a template's `tojson`) serializes them all.
#[derive(Debug, Clone, Default)]
pub struct Points(Arc<[Point]>);

impl std::ops::Deref for Points {
    type Target = [Point];

    fn deref(&self) -> &[Point] {
        &self.0
    }
}

impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if minijinja::value::serializing_for_value() {
            return minijinja::Value::from_object(self.clone()).serialize(serializer);
        }
        serializer.collect_seq(self.0.iter())
    }
}

impl Object for Points {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        Some(minijinja::Value::from(minijinja::value::Serde(
            self.0.get(key.as_usize()?)?,
        )))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// One value from the history. Serialized with its text and its
/// commit's ids and subject (see the `Serialize` below), which it shares
/// with the other points of its item and commit rather than holding: a
/// team's ten years of weekly points are hundreds of thousands.
#[derive(Debug, Clone)]
pub struct Point {
    pub date: NaiveDate,
    /// `current` for a key result, the reading's period for a metric.
    pub field: Arc<str>,
    pub value: f64,
    /// The item's unit, which the point's text writes its value with.
    unit: Option<Arc<str>>,
    pub target: Option<f64>,
    commit: Arc<Commit>,
    /// Where the point sits in the sparkline's box.
    pub x: f64,
    pub y: f64,
}

impl Serialize for Point {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("Point", 10)?;
        out.serialize_field("date", &self.date)?;
        out.serialize_field("field", &self.field)?;
        out.serialize_field("value", &self.value)?;
        // The value as the plan writes it, with its unit.
        let text = progress::format_value(Some(self.value), self.unit.as_deref());
        out.serialize_field("text", &text)?;
        out.serialize_field("target", &self.target)?;
        // The full commit id; `None` for an uncommitted edit.
        out.serialize_field("commit", &self.commit.id)?;
        // The first seven characters of `commit`, or `uncommitted`.
        out.serialize_field("short", &self.commit.short)?;
        // The commit's subject line, as the history keeps it; empty for
        // an uncommitted edit.
        out.serialize_field("subject", &self.commit.subject)?;
        out.serialize_field("x", &self.x)?;
        out.serialize_field("y", &self.y)?;
        out.end()
    }
}

/// The drill-down of the plan in `docs`, from its person's observations
/// by id, measured at `as_of`.
pub(super) fn build(docs: &Docs, mine: &ById, as_of: NaiveDate) -> Drill {
    let this_quarter = Period::quarter_of(as_of);
    let mut texts = Texts::default();
    let mut key_results = Vec::new();
    for (period, plan) in &docs.quarters {
        let name = period.to_string();
        for o in &plan.objectives {
            for kr in &o.key_results {
                let current = *period == this_quarter && open(o.status, kr);
                key_results.push(key_result(
                    mine,
                    kr,
                    (*period, &name),
                    current,
                    as_of,
                    &mut texts,
                ));
            }
        }
    }
    let metrics: Vec<MetricDrill> = docs
        .metrics
        .map(|file| {
            progress::metrics_in_order(file)
                .into_iter()
                .map(|m| metric(mine, m, as_of, &mut texts))
                .collect()
        })
        .unwrap_or_default();
    let stale = key_results.iter().filter(|k| k.stale.is_some()).count()
        + metrics.iter().filter(|m| m.stale.is_some()).count();
    Drill {
        key_results,
        metrics,
        stale,
    }
}

/// A key result still waiting for values: not met, its objective not closed.
fn open(status: Status, kr: &model::KeyResult) -> bool {
    matches!(status, Status::Planned | Status::Active)
        && progress::key_result_progress(kr).is_none_or(|p| p < 1.0)
}

fn key_result<'h>(
    mine: &ById<'h>,
    kr: &model::KeyResult,
    (period, name): (Period, &str),
    current: bool,
    as_of: NaiveDate,
    texts: &mut Texts<'h>,
) -> KeyResultDrill {
    let unit = kr.unit.as_deref().map(Arc::from);
    let unit = unit.as_ref();
    // A value the measured item can lend: a number (a milestone's status
    // is no value to update), not a target.
    let lent = |r: &Recorded| {
        r.observation.kind != ItemKind::Target && matches!(r.observation.value, Val::Num(_))
    };
    let mut points: Vec<Point> = match &kr.measures {
        // The measured item's values within the quarter: its series is the
        // key result's history (docs/progress.md).
        Some(source) => mine
            .of(source)
            .filter(lent)
            .filter(|r| r.observation.date >= period.start() && r.observation.date <= period.end())
            .filter_map(|r| point(&r, unit, texts))
            .collect(),
        None => mine
            .of(&kr.id)
            .filter(|r| {
                r.observation.kind == ItemKind::KeyResult && r.observation.period == Some(name)
            })
            .filter_map(|r| point(&r, unit, texts))
            .collect(),
    };
    let target = kr.target.map(|t| t.0);
    let (line, target_y) = place(&mut points, target, kr.start.map(|s| s.0));
    let last = match &kr.measures {
        Some(source) => mine.of(source).rev().find(lent).map(|r| r.observation.date),
        None => points.last().map(|p| p.date),
    };
    KeyResultDrill {
        id: kr.id.clone(),
        period: name.to_owned(),
        measures: kr.measures.clone(),
        points: Points(points.into()),
        target_y,
        line,
        stale: last
            .filter(|_| current)
            .and_then(|since| stale::key_result(since, as_of)),
    }
}

fn metric<'h>(
    mine: &ById<'h>,
    m: &model::Metric,
    as_of: NaiveDate,
    texts: &mut Texts<'h>,
) -> MetricDrill {
    let unit = m.unit.as_deref().map(Arc::from);
    let unit = unit.as_ref();
    let mut readings: Vec<Point> = mine
        .of(&m.id)
        .filter(|r| r.observation.kind == ItemKind::Metric)
        .filter_map(|r| point(&r, unit, texts))
        .collect();
    let (line, _) = place(&mut readings, None, None);
    let latest = m.actuals.keys().max_by_key(|p| p.end()).copied();
    MetricDrill {
        id: m.id.clone(),
        readings: Points(readings.into()),
        line,
        latest: latest.map(|p| p.to_string()),
        stale: latest.and_then(|p| stale::check(p, p.end(), as_of)),
    }
}

/// The texts a plan's points repeat, each kept once: a commit sets many
/// values, and a team's ten years of weekly points are millions.
#[derive(Default)]
struct Texts<'h> {
    fields: FxHashMap<&'h str, Arc<str>>,
    commits: FxHashMap<Option<&'h str>, Arc<Commit>>,
}

/// A point's commit: its id, short id and subject.
#[derive(Debug)]
struct Commit {
    id: Option<Arc<str>>,
    short: Arc<str>,
    subject: Arc<str>,
}

fn point<'h>(r: &Recorded<'h>, unit: Option<&Arc<str>>, texts: &mut Texts<'h>) -> Option<Point> {
    let o = &r.observation;
    let Val::Num(value) = o.value else {
        return None;
    };
    let field = Arc::clone(
        texts
            .fields
            .entry(o.field)
            .or_insert_with(|| o.field.into()),
    );
    let commit = texts.commits.entry(o.commit).or_insert_with(|| {
        Arc::new(Commit {
            id: o.commit.map(Arc::from),
            short: o.commit.map_or_else(
                || "uncommitted".into(),
                |c| c.chars().take(7).collect::<String>().into(),
            ),
            subject: r.subject.unwrap_or_default().into(),
        })
    });
    Some(Point {
        date: o.date,
        field,
        value,
        unit: unit.cloned(),
        target: o.target,
        commit: Arc::clone(commit),
        x: 0.0,
        y: 0.0,
    })
}

/// Places the points in the sparkline's box, dates along, values up (the
/// target and the start in view), and returns the polyline and the target's
/// height.
fn place(points: &mut [Point], target: Option<f64>, start: Option<f64>) -> (String, Option<f64>) {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return (String::new(), None);
    };
    let (d0, days) = (first.date, (last.date - first.date).num_days());
    let values = points.iter().map(|p| p.value).chain(target).chain(start);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let lo = lo.min(0.0);
    let span = if hi - lo > f64::EPSILON { hi - lo } else { 1.0 };
    let y = |v: f64| round(HEIGHT - MARGIN - (v - lo) / span * (HEIGHT - 2.0 * MARGIN));
    #[allow(clippy::cast_precision_loss)]
    for p in points.iter_mut() {
        let along = if days > 0 {
            (p.date - d0).num_days() as f64 / days as f64
        } else {
            0.5
        };
        p.x = round(MARGIN + along * (WIDTH - 2.0 * MARGIN));
        p.y = y(p.value);
    }
    let line = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    (line, target.map(y))
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
