//! The import against the plan: the export's readings compared with what
//! the plan says, and each written where `record` would write it.

use std::path::Path;

use chrono::NaiveDate;

use super::aggregate::Aggregator;
use super::{Ledger, Outcome, Reading, Rules};
use crate::edit::Transaction;
use crate::error::Error;
use crate::item::ItemKind;
use crate::load::Plan;
use crate::updates;
use crate::value::{self, Typed};

/// The export's readings against the plan: what `import` shows and
/// `review --import` fills in.
///
/// `file` and `rules_file` are relative to `cwd`; `root` is the plan
/// repository's, where the ledger of what was imported is.
pub fn readings(
    (cwd, root): (&Path, &Path),
    plan: &Plan,
    (file, rules_file): (&Path, &Path),
    today: NaiveDate,
) -> Result<(Outcome, Vec<Reading>), Error> {
    let rules_shown = rules_file.display().to_string();
    let text = std::fs::read_to_string(cwd.join(rules_file))
        .map_err(|e| Error::io(rules_shown.clone(), e))?;
    let rules = Rules::parse(&rules_shown, &text)?;
    let targets = super::apply::targets(plan, &rules, &rules_shown)?;
    let years = plan
        .by_kind()
        .vision
        .map_or((i32::MIN, i32::MAX), |v| (v.start, v.end));
    let shown = file.display().to_string();
    let mut sink = Aggregator::new(&shown, &rules, &targets, years, today);
    super::read::read(&cwd.join(file), &shown, &rules, &mut sink)?;
    let outcome = sink.finish();
    let ledger = Ledger::open(root);
    let readings = super::apply::compare(plan, &outcome.series, &ledger);
    Ok((outcome, readings))
}

/// Writes one reading where `record` would: a metric's month in
/// `actuals`, a key result's `current`.
pub fn write_reading(
    tx: &mut Transaction,
    plan: &Plan,
    today: NaiveDate,
    reading: &Reading,
) -> Result<(), Error> {
    let day = today.min(reading.period.end());
    let item = updates::find(
        tx.root(),
        plan,
        day,
        &reading.id,
        "metric or key result",
        |i| matches!(i.kind, ItemKind::Metric | ItemKind::KeyResult),
    )?;
    let typed = Typed {
        value: reading.new,
        text: value::exact_text(reading.new),
    };
    updates::write_amount(tx, &item, typed, day)?;
    Ok(())
}
