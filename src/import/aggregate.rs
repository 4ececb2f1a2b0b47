//! Rows into readings: the rules' filters pick the rows, each row's date
//! picks its month, and each target adds its month's amounts up (sum,
//! year to date, count, average or latest).
//!
//! Only running totals per target and month are kept, and for duplicate
//! rows a 64-bit hash of each used row's key: memory grows with the months
//! an export spans and the rows it uses, never with its bytes.

use std::collections::BTreeMap;
use std::hash::{Hash as _, Hasher as _};

use chrono::{Datelike, NaiveDate};
use csv::StringRecord;
use rustc_hash::{FxHashMap, FxHasher};

use super::amounts;
use super::dates;
use super::read::{HeaderCheck, Sink};
use super::rules::{Aggregate, Rules, Values};
use crate::error::Error;
use crate::value::Period;

/// What a target of the rules is in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// A metric: a reading per month.
    Metric,
    /// A key result: one value, from the rows of its quarter.
    KeyResult { quarter: Period },
}

/// A metric or key result the rules fill, as the plan knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub kind: TargetKind,
    /// The plan's unit for it (`USD`, `%`): amounts in another currency
    /// are refused.
    pub unit: Option<String>,
}

/// One target's readings: by month for a metric, one for the quarter of a
/// key result.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: String,
    pub kind: TargetKind,
    pub aggregate: Aggregate,
    pub values: Vec<(Period, f64)>,
    /// The rows that went into the readings.
    pub rows: u64,
    pub currency: Option<String>,
}

/// Rows left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub reason: String,
    pub count: u64,
    /// The line of the first such row.
    pub first: u64,
}

/// What an export gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Rows below the header.
    pub rows: u64,
    /// Rows the rules used.
    pub used: u64,
    pub series: Vec<Series>,
    pub skipped: Vec<Skip>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    sum: f64,
    count: u64,
    /// The latest row's date and amount (a later line wins a tie).
    latest: Option<(NaiveDate, f64)>,
}

impl Acc {
    fn add(&mut self, date: NaiveDate, value: f64) {
        self.sum += value;
        self.count += 1;
        if self.latest.is_none_or(|(d, _)| d <= date) {
            self.latest = Some((date, value));
        }
    }

    fn merge(&mut self, other: &Acc) {
        self.sum += other.sum;
        self.count += other.count;
        if let Some((date, value)) = other.latest
            && self.latest.is_none_or(|(d, _)| d <= date)
        {
            self.latest = Some((date, value));
        }
    }

    fn value(&self, how: Aggregate) -> Option<f64> {
        match how {
            Aggregate::Sum | Aggregate::Ytd => Some(self.sum),
            Aggregate::Count => Some(self.count as f64),
            Aggregate::Average => (self.count > 0).then(|| self.sum / self.count as f64),
            Aggregate::Latest => self.latest.map(|(_, v)| v),
        }
    }
}

struct Filter<'r> {
    column: usize,
    name: &'r str,
    values: &'r Values,
}

impl Filter<'_> {
    fn holds(&self, cells: &StringRecord) -> bool {
        let cell = cells.get(self.column).unwrap_or_default().trim();
        self.values
            .0
            .iter()
            .any(|v| v.trim().eq_ignore_ascii_case(cell))
    }

    fn described(&self, negated: bool) -> String {
        let values = self.values.0.join(" or ");
        if negated {
            format!("`{}` is {values}", self.name)
        } else {
            format!("`{}` is not {values}", self.name)
        }
    }
}

struct Columns<'r> {
    date: usize,
    key: Option<usize>,
    currency: Option<usize>,
    only: Vec<Filter<'r>>,
    unless: Vec<Filter<'r>>,
    targets: Vec<TargetColumns<'r>>,
}

struct TargetColumns<'r> {
    amount: Option<(usize, &'r str)>,
    only: Vec<Filter<'r>>,
    unless: Vec<Filter<'r>>,
}

/// Takes rows from [`super::read`] and adds them up.
pub struct Aggregator<'r> {
    shown: &'r str,
    rules: &'r Rules,
    targets: &'r [Target],
    years: (i32, i32),
    today: NaiveDate,
    columns: Option<Columns<'r>>,
    seen: FxHashMap<u64, u64>,
    months: Vec<BTreeMap<Period, Acc>>,
    currencies: Vec<Option<(String, u64)>>,
    skipped: Vec<Skip>,
    rows: u64,
    used: u64,
}

impl<'r> Aggregator<'r> {
    /// `targets` in the order of the rules' `into`; `years` the plan's
    /// first and last year; rows dated after `today` are left out.
    pub fn new(
        shown: &'r str,
        rules: &'r Rules,
        targets: &'r [Target],
        years: (i32, i32),
        today: NaiveDate,
    ) -> Self {
        Aggregator {
            shown,
            rules,
            targets,
            years,
            today,
            columns: None,
            seen: FxHashMap::default(),
            months: vec![BTreeMap::new(); targets.len()],
            currencies: vec![None; targets.len()],
            skipped: Vec::new(),
            rows: 0,
            used: 0,
        }
    }

    fn skip(&mut self, line: u64, reason: impl FnOnce() -> String) {
        let reason = reason();
        match self.skipped.iter_mut().find(|s| s.reason == reason) {
            Some(skip) => skip.count += 1,
            None => self.skipped.push(Skip {
                reason,
                count: 1,
                first: line,
            }),
        }
    }

    /// The readings, once every row is in.
    pub fn finish(self) -> Outcome {
        let mut series = Vec::new();
        for ((target, rule), months) in self.targets.iter().zip(&self.rules.into).zip(&self.months)
        {
            let how = rule.aggregate;
            let (values, rows) = match &target.kind {
                TargetKind::Metric => metric_values(months, how),
                TargetKind::KeyResult { quarter } => {
                    let from = if how == Aggregate::Ytd {
                        Period::Month(quarter.year(), 1)
                    } else {
                        Period::month_of(quarter.start())
                    };
                    let to = Period::month_of(quarter.end());
                    let mut acc = Acc::default();
                    for (_, a) in months.range(from..=to) {
                        acc.merge(a);
                    }
                    let value = if acc.count == 0 && how != Aggregate::Count {
                        None
                    } else {
                        acc.value(how)
                    };
                    (
                        value.map(|v| (*quarter, v)).into_iter().collect(),
                        acc.count,
                    )
                }
            };
            let currency = self
                .currencies
                .get(series.len())
                .cloned()
                .flatten()
                .map(|(c, _)| c);
            series.push(Series {
                id: target.id.clone(),
                kind: target.kind.clone(),
                aggregate: how,
                values,
                rows,
                currency,
            });
        }
        Outcome {
            rows: self.rows,
            used: self.used,
            series,
            skipped: self.skipped,
        }
    }

    fn row_error(&self, line: u64, what: &str) -> Error {
        let (what, hint) = what.split_once('\n').unwrap_or((what, ""));
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!("\n{hint}")
        };
        Error::Usage(format!(
            "{}:{line}: {what}; nothing was changed{hint}",
            self.shown
        ))
    }
}

/// A metric's readings by month: `sum` and `count` read 0 in a month
/// with no rows between the first and the last; `ytd` runs on through
/// such a month, and starts again each January.
fn metric_values(months: &BTreeMap<Period, Acc>, how: Aggregate) -> (Vec<(Period, f64)>, u64) {
    let rows = months.values().map(|a| a.count).sum();
    let (Some(first), Some(last)) = (months.keys().next(), months.keys().next_back()) else {
        return (Vec::new(), rows);
    };
    let mut out = Vec::new();
    let mut running = 0.0;
    let mut month = *first;
    loop {
        let acc = months.get(&month);
        if let Period::Month(_, 1) = month {
            running = 0.0;
        }
        let value = match how {
            Aggregate::Sum | Aggregate::Count => Some(acc.copied().unwrap_or_default().value(how)),
            Aggregate::Ytd => {
                running += acc.map_or(0.0, |a| a.sum);
                Some(Some(running))
            }
            Aggregate::Average | Aggregate::Latest => acc.map(|a| a.value(how)),
        };
        if let Some(Some(v)) = value {
            out.push((month, v));
        }
        if month == *last {
            break;
        }
        month = next_month(month);
    }
    (out, rows)
}

fn next_month(p: Period) -> Period {
    match p {
        Period::Month(y, 12) => Period::Month(y + 1, 1),
        Period::Month(y, m) => Period::Month(y, m + 1),
        other => other,
    }
}

fn currency_of_unit(unit: Option<&str>) -> Option<&'static str> {
    Some(match unit?.trim() {
        "USD" | "usd" | "$" => "USD",
        "EUR" | "eur" | "€" => "EUR",
        "GBP" | "gbp" | "£" => "GBP",
        _ => return None,
    })
}

impl<'r> Sink for Aggregator<'r> {
    fn header(&mut self, line: u64, cells: &StringRecord) -> Result<(), Error> {
        let rules = self.rules;
        let indexes = HeaderCheck::new(self.shown, rules).header(line, cells)?;
        let names = rules.columns();
        let at = |column: &str| {
            names
                .iter()
                .position(|(c, _)| *c == column)
                .and_then(|i| indexes.get(i).copied())
                .unwrap_or_default()
        };
        let filters = |map: &'r BTreeMap<String, Values>| -> Vec<Filter<'r>> {
            map.iter()
                .map(|(name, values)| Filter {
                    column: at(name),
                    name,
                    values,
                })
                .collect()
        };
        self.columns = Some(Columns {
            date: at(&rules.date.column),
            key: rules.key.as_deref().map(at),
            currency: rules.currency.as_deref().map(at),
            only: filters(&rules.only),
            unless: filters(&rules.unless),
            targets: rules
                .into
                .iter()
                .map(|t| TargetColumns {
                    amount: t.amount.as_deref().map(|a| (at(a), a)),
                    only: filters(&t.only),
                    unless: filters(&t.unless),
                })
                .collect(),
        });
        Ok(())
    }

    fn row(&mut self, line: u64, cells: &StringRecord) -> Result<(), Error> {
        self.rows += 1;
        let Some(columns) = self.columns.take() else {
            return Ok(());
        };
        let result = self.one_row(&columns, line, cells);
        self.columns = Some(columns);
        result
    }
}

impl<'r> Aggregator<'r> {
    fn one_row(
        &mut self,
        columns: &Columns<'r>,
        line: u64,
        cells: &StringRecord,
    ) -> Result<(), Error> {
        let Some(date) = self.row_date(columns, line, cells)? else {
            return Ok(());
        };
        self.check_duplicate(columns, line, cells)?;
        self.used += 1;
        self.add_amounts(columns, line, cells, date)
    }

    /// The row's date, when the rules' filters keep the row and the date is
    /// within `since`, `until` and today (`None` when the row is skipped);
    /// an error when it cannot be read or is outside the plan's years.
    fn row_date(
        &mut self,
        columns: &Columns<'r>,
        line: u64,
        cells: &StringRecord,
    ) -> Result<Option<NaiveDate>, Error> {
        let rules = self.rules;
        if let Some(f) = columns.only.iter().find(|f| !f.holds(cells)) {
            self.skip(line, || f.described(false));
            return Ok(None);
        }
        if let Some(f) = columns.unless.iter().find(|f| f.holds(cells)) {
            self.skip(line, || f.described(true));
            return Ok(None);
        }
        let cell = cells.get(columns.date).unwrap_or_default();
        if cell.trim().is_empty() {
            self.skip(line, || format!("no `{}`", rules.date.column));
            return Ok(None);
        }
        let date = dates::parse(cell, rules.date.format.as_deref())
            .map_err(|e| self.row_error(line, &format!("column `{}`: {e}", rules.date.column)))?;
        if rules.since.is_some_and(|s| date < s.0) {
            self.skip(line, || {
                format!("dated before {}", rules.since.map_or(date, |s| s.0))
            });
            return Ok(None);
        }
        if rules.until.is_some_and(|u| date > u.0) {
            self.skip(line, || {
                format!("dated after {}", rules.until.map_or(date, |u| u.0))
            });
            return Ok(None);
        }
        if date > self.today {
            let today = self.today;
            self.skip(line, || format!("dated after today ({today})"));
            return Ok(None);
        }
        let (first, last) = self.years;
        if !(first..=last).contains(&date.year()) {
            return Err(self.row_error(
                line,
                &format!(
                    "column `{}`: `{}` is in {}, outside the plan's years {first}-{last}\n  hint: add `since: {first}-01-01` to the rules to skip older rows",
                    rules.date.column,
                    cell.trim(),
                    date.year()
                ),
            ));
        }
        Ok(Some(date))
    }

    /// Refuses a row seen before: with the same `key`, or the same cells.
    fn check_duplicate(
        &mut self,
        columns: &Columns<'r>,
        line: u64,
        cells: &StringRecord,
    ) -> Result<(), Error> {
        let rules = self.rules;
        let mut hasher = FxHasher::default();
        match columns.key {
            Some(k) => cells.get(k).unwrap_or_default().trim().hash(&mut hasher),
            None => cells.iter().for_each(|c| c.hash(&mut hasher)),
        }
        let hash = hasher.finish();
        if let Some(before) = self.seen.insert(hash, line) {
            let what = match (&rules.key, columns.key) {
                (Some(name), Some(k)) => format!(
                    "`{name}` {} is on line {before} too: each row once (remove the duplicate, or re-export)",
                    cells.get(k).unwrap_or_default().trim()
                ),
                _ => format!(
                    "the row repeats line {before}\n  hint: if both rows are real, name a column that tells them apart with `key:` (an opportunity id)"
                ),
            };
            return Err(self.row_error(line, &format!("duplicate row: {what}")));
        }
        Ok(())
    }

    /// Adds the row's amount to its month, for each target whose own
    /// filters keep it.
    fn add_amounts(
        &mut self,
        columns: &Columns<'r>,
        line: u64,
        cells: &StringRecord,
        date: NaiveDate,
    ) -> Result<(), Error> {
        let rules = self.rules;
        let month = Period::month_of(date);
        for (i, (target, cols)) in self.targets.iter().zip(&columns.targets).enumerate() {
            if cols.only.iter().any(|f| !f.holds(cells))
                || cols.unless.iter().any(|f| f.holds(cells))
            {
                continue;
            }
            let value = match cols.amount {
                None => 0.0,
                Some((at, name)) => {
                    let cell = cells.get(at).unwrap_or_default();
                    let money = amounts::parse(cell, rules.decimal).map_err(|e| {
                        self.row_error(
                            line,
                            &format!("{}'s amount, column `{name}`: {e}", target.id),
                        )
                    })?;
                    let Some(money) = money else {
                        if rules.into[i].aggregate != Aggregate::Count {
                            let id = &target.id;
                            self.skip(line, || format!("{id}: no `{name}`"));
                            continue;
                        }
                        self.months[i].entry(month).or_default().add(date, 0.0);
                        continue;
                    };
                    let currency = match columns.currency {
                        Some(c) => Some(cells.get(c).unwrap_or_default().trim().to_uppercase())
                            .filter(|c| !c.is_empty()),
                        None => money.currency,
                    };
                    if let Some(currency) = currency {
                        self.check_currency(i, target, line, &currency)?;
                    }
                    money.value
                }
            };
            self.months[i].entry(month).or_default().add(date, value);
        }
        Ok(())
    }

    fn check_currency(
        &mut self,
        i: usize,
        target: &Target,
        line: u64,
        currency: &str,
    ) -> Result<(), Error> {
        if let Some(unit) = currency_of_unit(target.unit.as_deref())
            && unit != currency
        {
            return Err(self.row_error(
                line,
                &format!(
                    "an amount in {currency}, and `{}` is in {unit}\n  hint: filter the rows by currency (`where: {{Currency: {unit}}}`) or export converted amounts",
                    target.id
                ),
            ));
        }
        match &self.currencies[i] {
            Some((first, at)) if first != currency => Err(self.row_error(
                line,
                &format!(
                    "mixed currencies: an amount in {currency}, and line {at} was in {first}; `{}` adds amounts of one currency\n  hint: filter the rows by currency (`where: {{Currency: {first}}}`) or export converted amounts",
                    target.id
                ),
            )),
            Some(_) => Ok(()),
            None => {
                self.currencies[i] = Some((currency.to_owned(), line));
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(pairs: &[(u8, f64)]) -> BTreeMap<Period, Acc> {
        let mut months = BTreeMap::new();
        for (m, v) in pairs {
            let date = NaiveDate::from_ymd_opt(2026, u32::from(*m), 15).expect("date");
            months
                .entry(Period::Month(2026, *m))
                .or_insert_with(Acc::default)
                .add(date, *v);
        }
        months
    }

    #[test]
    fn a_month_without_rows_reads_zero_and_ytd_runs_on() {
        let months = acc(&[(1, 10.0), (3, 5.0), (3, 1.0)]);
        let (sum, rows) = metric_values(&months, Aggregate::Sum);
        assert_eq!(rows, 3);
        assert_eq!(
            sum,
            [
                (Period::Month(2026, 1), 10.0),
                (Period::Month(2026, 2), 0.0),
                (Period::Month(2026, 3), 6.0)
            ]
        );
        let (ytd, _) = metric_values(&months, Aggregate::Ytd);
        assert_eq!(ytd[2], (Period::Month(2026, 3), 16.0));
        let (avg, _) = metric_values(&months, Aggregate::Average);
        assert_eq!(
            avg,
            [
                (Period::Month(2026, 1), 10.0),
                (Period::Month(2026, 3), 3.0)
            ]
        );
    }
}
