//! One fact, one place: a key result that `measures` a metric, a
//! relationship goal or a milestone reads its current value from there.
//!
//! The loader calls [`resolve`] on every plan, so every output (status,
//! dashboard, CSV, diff, drafts, reviews) sees the same value; `check`
//! reports a link to an unknown id or to a source of another unit
//! (validate.rs), and `record` and `review` write a linked key result's
//! value to its source.

use crate::load::{Data, Plan};
use crate::model::{self, KeyResult, Status};
use crate::value::{Amount, Period};

/// What a key result's `measures` names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Source<'a> {
    Metric(&'a model::Metric),
    Relationship(&'a model::RelationshipGoal),
    Milestone(&'a model::Milestone),
}

impl Source<'_> {
    /// What the source is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Source::Metric(_) => "metric",
            Source::Relationship(_) => "relationship goal",
            Source::Milestone(_) => "milestone",
        }
    }

    /// The source's value now, for a key result of `quarter`: a metric's
    /// latest reading up to the quarter's end, a goal's `current`, 1 for
    /// a milestone done (else 0).
    pub(crate) fn value(&self, quarter: Option<Period>) -> Option<f64> {
        match self {
            Source::Metric(m) => m
                .actuals
                .iter()
                .filter(|(p, _)| quarter.is_none_or(|q| p.start() <= q.end()))
                .max_by_key(|(p, _)| p.end())
                .map(|(_, a)| a.0),
            Source::Relationship(g) => g.current.map(f64::from),
            Source::Milestone(m) => Some(if m.status == Status::Done { 1.0 } else { 0.0 }),
        }
    }

    /// The unit of the source's values: a metric's own; a count for a
    /// relationship goal or a milestone.
    pub(crate) fn unit(&self) -> Option<&str> {
        match self {
            Source::Metric(m) => m.unit.as_deref(),
            Source::Relationship(_) | Source::Milestone(_) => None,
        }
    }

    /// Why a key result with `unit` and `target` cannot measure this
    /// source, if it cannot.
    pub(crate) fn mismatch(&self, unit: Option<&str>, target: Option<f64>) -> Option<String> {
        match self {
            Source::Metric(m) => match (unit, m.unit.as_deref()) {
                (Some(kr), Some(metric)) if kr != metric => Some(format!(
                    "the key result is in `{kr}`, metric `{}` in `{metric}`",
                    m.id
                )),
                _ => None,
            },
            Source::Relationship(g) => unit.filter(|u| !is_count(u)).map(|u| {
                format!(
                    "relationship goal `{}` counts people, talks or articles, not `{u}`",
                    g.id
                )
            }),
            Source::Milestone(m) => {
                if let Some(u) = unit.filter(|u| !is_count(u)) {
                    Some(format!(
                        "milestone `{}` is done or not (1 or 0), not `{u}`",
                        m.id
                    ))
                } else if target.is_some_and(|t| (t - 1.0).abs() > f64::EPSILON) {
                    Some(format!(
                        "milestone `{}` is done or not: its key result's target is 1",
                        m.id
                    ))
                } else {
                    None
                }
            }
        }
    }
}

/// A unit that counts things: anything but money, a percentage or a ratio.
fn is_count(unit: &str) -> bool {
    !matches!(unit, "%" | "x" | "USD" | "EUR" | "GBP" | "$")
}

/// The metric, relationship goal or milestone of `plan` with `id`; a
/// milestone carried from one quarter to the next is the latest quarter's.
pub(crate) fn source<'a>(plan: &'a Plan, id: &str) -> Option<Source<'a>> {
    let milestone = |list: &'a [model::Milestone]| list.iter().find(|m| m.id == id);
    // Latest files first: `quarters/2026-Q4.md` before `quarters/2026-Q3.md`.
    for doc in plan.docs.iter().rev() {
        let found = match &doc.data {
            Data::Metrics(m) => m.metrics.iter().find(|m| m.id == id).map(Source::Metric),
            Data::Relationships(r) => r
                .goals
                .iter()
                .find(|g| g.id == id)
                .map(Source::Relationship),
            Data::Strategy(s) => s
                .phases
                .iter()
                .find_map(|p| {
                    milestone(&p.achievements).or(p.milestone.as_ref().filter(|m| m.id == id))
                })
                .map(Source::Milestone),
            Data::Year(y) => milestone(&y.initiatives).map(Source::Milestone),
            Data::Quarter(q) => q
                .objectives
                .iter()
                .find_map(|o| milestone(&o.milestones))
                .map(Source::Milestone),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Fills the `current` of every key result that `measures` a source and
/// states no `current` of its own (a key result with both is reported by
/// `check` and keeps its own); a metric's unit fills a missing one.
pub(crate) fn resolve(plan: &mut Plan) {
    let mut filled: Vec<(usize, usize, usize, f64, Option<String>)> = Vec::new();
    for (d, doc) in plan.docs.iter().enumerate() {
        let Data::Quarter(q) = &doc.data else {
            continue;
        };
        for (o, objective) in q.objectives.iter().enumerate() {
            for (k, kr) in objective.key_results.iter().enumerate() {
                let Some(id) = kr.measures.as_deref().filter(|_| kr.current.is_none()) else {
                    continue;
                };
                let Some(source) = source(plan, id) else {
                    continue;
                };
                if source
                    .mismatch(kr.unit.as_deref(), kr.target.map(|t| t.0))
                    .is_some()
                {
                    continue;
                }
                if let Some(value) = source.value(doc.period) {
                    filled.push((d, o, k, value, source.unit().map(str::to_owned)));
                }
            }
        }
    }
    for (d, o, k, value, unit) in filled {
        if let Data::Quarter(q) = &mut plan.docs[d].data {
            let kr: &mut KeyResult = &mut q.objectives[o].key_results[k];
            kr.current = Some(Amount(value));
            kr.linked = true;
            if kr.unit.is_none() {
                kr.unit = unit;
            }
        }
    }
}
