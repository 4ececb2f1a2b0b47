//! `roadmap import FILE --rules RULES`: readings from an export, shown as
//! a dry run or written through the same surgical, journaled edits as
//! `record` (see `updates`), in one transaction that is refused whole if
//! the plan would not check afterwards.

use std::io::IsTerminal as _;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::edit::Transaction;
use crate::error::Error;
use crate::import::{self, Ledger, Outcome, Reading, State, TargetKind};
use crate::load::Plan;
use crate::value::{self, Period};

use super::Ctx;
use super::working;
use crate::item::{self, ItemKind, Node};

pub(super) fn run(ctx: &Ctx, args: &ImportArgs) -> Result<i32, Error> {
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
    let (outcome, readings) = import::write::readings(
        (&ctx.cwd, &working.root),
        plan,
        (&args.file, &args.rules),
        working.today,
    )?;
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
        import::write::write_reading(&mut tx, plan, working.today, reading)?;
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

fn writes(r: &Reading, force: bool) -> bool {
    matches!(r.state, State::New | State::Changed) || (r.state == State::HandTyped && force)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn unit_of(plan: &Plan, r: &Reading) -> Option<String> {
    item::plan_items(plan)
        .filter(|i| i.id() == r.id)
        .find_map(|i| match (i.node, &r.kind) {
            (Node::Metric(m), TargetKind::Metric) => Some(m.unit.clone()),
            (Node::KeyResult(kr), TargetKind::KeyResult { .. }) => Some(kr.unit.clone()),
            _ => None,
        })
        .flatten()
}

/// Each target's readings, old → new by month.
fn show(ctx: &Ctx, plan: &Plan, readings: &[Reading], force: bool) {
    let palette = ctx.stdout();
    let mut last: Option<&str> = None;
    let mut same = 0;
    for r in readings {
        if last != Some(r.id.as_str()) {
            let what = match r.kind {
                TargetKind::Metric => ItemKind::Metric.label(),
                TargetKind::KeyResult { .. } => ItemKind::KeyResult.label(),
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
