//! `roadmap import FILE --rules RULES`: readings from an export, shown as
//! a dry run or written through the same surgical, journaled edits as
//! `record` (see `updates`), in one transaction that is refused whole if
//! the plan would not check afterwards.

use std::io::IsTerminal as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::ImportArgs;
use crate::edit::Transaction;
use crate::error::Error;
use crate::import::aggregate::Aggregator;
use crate::import::{self, Ledger, Outcome, Reading, Rules, State, TargetKind};
use crate::load::Plan;
use crate::value::{self, Period, Typed};

use super::Ctx;
use super::working;
use crate::item::ItemKind;
use crate::updates;

pub fn run(ctx: &Ctx, args: &ImportArgs) -> Result<i32, Error> {
    let apply = args.apply || args.commit;
    if !apply && !args.dry_run && !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "stdin is not a terminal, so say what to do: --dry-run to show the readings, --apply to write them"
                .to_owned(),
        ));
    }
    working::stop_cleanly("import", "the import")?;
    let working = working::open(ctx, args.as_of.map(|d| d.0))?;
    let plan = working.plan()?;
    let shown = args.file.display().to_string();
    let (outcome, readings) = readings(ctx, plan, &args.file, &args.rules, working.today)?;
    let palette = ctx.stdout();
    if !ctx.quiet || !apply {
        say!(
            "{} {shown}: {} rows, {} used",
            palette.bold("import"),
            outcome.rows,
            outcome.used
        );
        show(ctx, plan, &readings, args.force);
        show_skipped(&outcome);
    }
    let changing: Vec<&Reading> = readings.iter().filter(|r| writes(r, args.force)).collect();
    let kept = readings
        .iter()
        .filter(|r| r.state == State::HandTyped && !args.force)
        .count();
    if !apply {
        match changing.len() {
            0 => say!("dry run: nothing to change"),
            n => say!(
                "dry run: nothing was changed; --apply writes {n} reading{}",
                if n == 1 { "" } else { "s" }
            ),
        }
        return Ok(0);
    }
    let message = format!("import: {}", file_name(&args.file));
    let mut tx = Transaction::new(&working.root);
    for reading in &changing {
        write_reading(&mut tx, plan, working.today, reading)?;
    }
    let written = working::write(ctx, tx, &message)?;
    Ledger::open(&working.root).remember(&plan.root, &readings, args.force)?;
    if kept > 0 {
        eprintln!(
            "{} {kept} reading{} typed by hand kept (marked `kept` above); --force replaces {}",
            palette.warning("note:"),
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "it" } else { "them" }
        );
    }
    if written.is_empty() {
        if !ctx.quiet {
            say!("nothing to change: the plan already says so");
        }
        return Ok(0);
    }
    working::updated(ctx.quiet, &working.root, &written, &message, args.commit)?;
    Ok(0)
}

/// The export's readings against the plan: what `import` shows and
/// `review --import` fills in.
pub(super) fn readings(
    ctx: &Ctx,
    plan: &Plan,
    file: &Path,
    rules_file: &Path,
    today: NaiveDate,
) -> Result<(Outcome, Vec<Reading>), Error> {
    let rules_shown = rules_file.display().to_string();
    let text = std::fs::read_to_string(ctx.cwd.join(rules_file))
        .map_err(|e| Error::io(rules_shown.clone(), e))?;
    let rules = Rules::parse(&rules_shown, &text)?;
    let targets = import::apply::targets(plan, &rules, &rules_shown)?;
    let years = plan
        .by_kind()
        .vision
        .map_or((i32::MIN, i32::MAX), |v| (v.start, v.end));
    let shown = file.display().to_string();
    let mut sink = Aggregator::new(&shown, &rules, &targets, years, today);
    import::read::read(&ctx.cwd.join(file), &shown, &rules, &mut sink)?;
    let outcome = sink.finish();
    let ledger = Ledger::open(&ctx.plan_root()?);
    let readings = import::apply::compare(plan, &outcome.series, &ledger);
    Ok((outcome, readings))
}

fn writes(r: &Reading, force: bool) -> bool {
    matches!(r.state, State::New | State::Changed) || (r.state == State::HandTyped && force)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes one reading where `record` would: a metric's month in
/// `actuals`, a key result's `current`.
pub(super) fn write_reading(
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
    let text = value::exact_text(reading.new);
    let typed = Typed {
        value: reading.new,
        text: value::in_style_of(&text, updates::written_last(tx, &item).as_deref()),
    };
    match item.kind {
        ItemKind::Metric => {
            updates::set_metric(tx, &item.file, &item.at, &typed, day)?;
        }
        _ => {
            let Some((file, at)) = updates::path_of(&item) else {
                return Ok(());
            };
            updates::set_amount(tx, file, (&at, "current"), &typed, "target", day)?;
        }
    }
    Ok(())
}

fn unit_of(plan: &Plan, r: &Reading) -> Option<String> {
    plan.docs.iter().find_map(|doc| match (&doc.data, &r.kind) {
        (crate::load::Data::Metrics(m), TargetKind::Metric) => m
            .metrics
            .iter()
            .find(|x| x.id == r.id)
            .and_then(|x| x.unit.clone()),
        (crate::load::Data::Quarter(q), TargetKind::KeyResult { .. }) => q
            .objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .find(|kr| kr.id == r.id)
            .and_then(|kr| kr.unit.clone()),
        _ => None,
    })
}

/// Each target's readings, old → new by month.
fn show(ctx: &Ctx, plan: &Plan, readings: &[Reading], force: bool) {
    let palette = ctx.stdout();
    let mut last: Option<&str> = None;
    let mut same = 0;
    for r in readings {
        if last != Some(r.id.as_str()) {
            let what = match r.kind {
                TargetKind::Metric => "metric",
                TargetKind::KeyResult { .. } => "key result",
            };
            say!("  {} ({what})", palette.bold(&r.id));
            last = Some(&r.id);
        }
        let unit = unit_of(plan, r);
        let shown = |v: f64| value::shown(v, unit.as_deref());
        let period = period_text(r.period);
        let old = r.old.map_or_else(|| "-".to_owned(), shown);
        let line = match r.state {
            State::Same => {
                same += 1;
                format!("{period}  {old} (unchanged)")
            }
            State::New => format!("{period}  - → {}", palette.good(&shown(r.new))),
            State::Changed => format!("{period}  {old} → {}", palette.good(&shown(r.new))),
            State::HandTyped if force => format!(
                "{period}  {old} → {} (typed by hand; replaced: --force)",
                palette.good(&shown(r.new))
            ),
            State::HandTyped => format!(
                "{period}  {old} {} (typed by hand; the export says {}; --force replaces it)",
                palette.warning("kept"),
                shown(r.new)
            ),
        };
        say!("    {line}");
    }
    if readings.is_empty() {
        say!("  no readings: no row reached a metric or key result");
    } else if same == readings.len() {
        say!("  every reading already says so");
    }
}

fn period_text(p: Period) -> String {
    p.to_string()
}

fn show_skipped(outcome: &Outcome) {
    if outcome.skipped.is_empty() {
        return;
    }
    say!("  left out:");
    let width = outcome
        .skipped
        .iter()
        .map(|s| s.count.to_string().len())
        .max()
        .unwrap_or(1);
    for s in &outcome.skipped {
        say!(
            "    {:>width$} {} (first: line {})",
            s.count,
            s.reason,
            s.first
        );
    }
}
