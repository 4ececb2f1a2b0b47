//! What an import would change: each reading compared with what the plan
//! says, and with what the last import wrote, so a value typed by hand is
//! never replaced unasked.
//!
//! How a hand-typed value is known: every value an import writes (or finds
//! already there) is remembered in `.git/roadmap/imports.json`, keyed by
//! the plan, the id and the period. A reading that differs from the
//! export and is not the one the last import left was put there by
//! someone else: a person with `record`, `review` or an editor. It is
//! kept unless `--force`. The ledger is local to the clone: in a fresh
//! clone every reading that differs counts as hand-typed until an import
//! with `--force` has written it once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::aggregate::{Series, Target, TargetKind};
use super::rules::Rules;
use crate::error::Error;
use crate::load::{Data, Plan};
use crate::value::Period;

/// The largest ledger read back; a larger file is ignored (and rebuilt).
const LEDGER_LIMIT: u64 = 16 << 20;
const LEDGER: &str = "imports.json";

/// How a reading compares with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The plan has no value for the period.
    New,
    /// The plan's value is the last import's: replaced.
    Changed,
    /// The plan already says so.
    Same,
    /// The plan's value was typed by hand: kept unless `--force`.
    HandTyped,
}

/// One reading of the import against the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub id: String,
    pub kind: TargetKind,
    /// The month of a metric's reading, the quarter of a key result's.
    pub period: Period,
    /// The plan's value now.
    pub old: Option<f64>,
    pub new: f64,
    pub state: State,
}

impl Reading {
    fn key(&self, plan_root: &str) -> String {
        format!("{plan_root}/{}/{}", self.id, self.period)
    }
}

/// The plan's metrics and key results the rules name, in the rules'
/// order; an unknown id is an error with a did-you-mean.
pub fn targets(plan: &Plan, rules: &Rules, shown: &str) -> Result<Vec<Target>, Error> {
    let mut metrics = BTreeMap::new();
    let mut results = BTreeMap::new();
    for doc in &plan.docs {
        match &doc.data {
            Data::Metrics(m) => {
                for metric in &m.metrics {
                    metrics.insert(metric.id.as_str(), (metric.unit.clone(), metric.ytd));
                }
            }
            Data::Quarter(q) => {
                let Some(period) = doc.period else { continue };
                for kr in q.objectives.iter().flat_map(|o| &o.key_results) {
                    let later = results
                        .get(kr.id.as_str())
                        .is_none_or(|(p, _, _): &(Period, _, _)| *p < period);
                    if later {
                        results.insert(
                            kr.id.as_str(),
                            (period, kr.unit.clone(), kr.measures.clone()),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    rules
        .into
        .iter()
        .map(|rule| {
            let id = rule.id.as_str();
            if let Some((unit, ytd)) = metrics.get(id) {
                use super::rules::Aggregate;
                let fits = match rule.aggregate {
                    Aggregate::Ytd => *ytd,
                    Aggregate::Sum | Aggregate::Count => !*ytd,
                    Aggregate::Average | Aggregate::Latest => true,
                };
                if !fits {
                    let (is, use_) = if *ytd {
                        ("is read year to date (`ytd: true`)", "`aggregate: ytd` (or `latest` for a column that holds the running figure)")
                    } else {
                        ("is read month by month (no `ytd: true`)", "`sum`, `count`, `average` or `latest`")
                    };
                    return Err(Error::Usage(format!(
                        "{shown}: metric `{id}` {is}, and the rules add its rows up with `{}`: use {use_}; nothing was changed",
                        rule.aggregate.as_str()
                    )));
                }
                return Ok(Target {
                    id: id.to_owned(),
                    kind: TargetKind::Metric,
                    unit: unit.clone(),
                });
            }
            if let Some((quarter, unit, measures)) = results.get(id) {
                if let Some(source) = measures {
                    return Err(Error::Usage(format!(
                        "{shown}: key result `{id}` takes its value from `{source}` (measures): import into `{source}` instead; nothing was changed"
                    )));
                }
                return Ok(Target {
                    id: id.to_owned(),
                    kind: TargetKind::KeyResult { quarter: *quarter },
                    unit: unit.clone(),
                });
            }
            let hint = crate::diag::did_you_mean(
                id,
                metrics.keys().chain(results.keys()).copied(),
            )
            .map(|h| format!("\n  hint: {h}"))
            .unwrap_or_default();
            Err(Error::Usage(format!(
                "{shown}: `into` names `{id}`, which is no metric or key result of the plan; nothing was changed{hint}"
            )))
        })
        .collect()
}

/// The plan's value for a target in a period.
fn current(plan: &Plan, id: &str, kind: &TargetKind, period: Period) -> Option<f64> {
    plan.docs.iter().find_map(|doc| match (&doc.data, kind) {
        (Data::Metrics(m), TargetKind::Metric) => m
            .metrics
            .iter()
            .find(|x| x.id == id)
            .and_then(|x| x.actuals.get(&period))
            .map(|a| a.0),
        (Data::Quarter(q), TargetKind::KeyResult { quarter }) if doc.period == Some(*quarter) => q
            .objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .find(|kr| kr.id == id)
            .and_then(|kr| kr.current)
            .map(|a| a.0),
        _ => None,
    })
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= a.abs().max(b.abs()) * 1e-9 + 0.005
}

/// Every reading of `series` against the plan and the ledger.
pub fn compare(plan: &Plan, series: &[Series], ledger: &Ledger) -> Vec<Reading> {
    let mut out = Vec::new();
    for s in series {
        for &(period, value) in &s.values {
            let new = (value * 100.0).round() / 100.0;
            let old = current(plan, &s.id, &s.kind, period);
            let mut reading = Reading {
                id: s.id.clone(),
                kind: s.kind.clone(),
                period,
                old,
                new,
                state: State::New,
            };
            reading.state = match old {
                None => State::New,
                Some(old) if same(old, new) => State::Same,
                Some(old) => match ledger.written.get(&reading.key(&plan.root)) {
                    Some(&ours) if same(ours, old) => State::Changed,
                    _ => State::HandTyped,
                },
            };
            out.push(reading);
        }
    }
    out
}

/// The values imports wrote, by plan, id and period.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Ledger {
    written: BTreeMap<String, f64>,
    #[serde(skip)]
    path: Option<PathBuf>,
}

impl Ledger {
    /// The ledger of the repository at `root`; empty when there is none
    /// (or it cannot be read: it only protects, so the worst is a reading
    /// counted as hand-typed).
    pub fn open(root: &Path) -> Ledger {
        let path = crate::git::git_dir_of(root).map(|dir| dir.join("roadmap").join(LEDGER));
        let mut ledger = path
            .as_deref()
            .and_then(|p| crate::state::read(p, LEDGER_LIMIT))
            .and_then(|bytes| serde_json::from_slice::<Ledger>(&bytes).ok())
            .unwrap_or_default();
        ledger.path = path;
        ledger
    }

    /// Remembers the values now in the plan from `readings` (all but the
    /// hand-typed ones left alone) and saves the ledger.
    pub fn remember(
        &mut self,
        plan_root: &str,
        readings: &[Reading],
        force: bool,
    ) -> Result<(), Error> {
        let mut changed = false;
        for r in readings {
            if r.state != State::HandTyped || force {
                let before = self.written.insert(r.key(plan_root), r.new);
                changed |= before.is_none_or(|b| !same(b, r.new));
            }
        }
        // Nothing new to remember: the file is left as it is.
        let Some(path) = self.path.clone().filter(|_| changed) else {
            return Ok(());
        };
        let bytes = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::serialize("the import ledger", &e))?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&dir)
            .and_then(|()| crate::state::replace(&path, &bytes))
            .map_err(|e| Error::io(path.display().to_string(), e))
    }
}
