//! `roadmap new`: the next year's or quarter's plan, or a review, drafted
//! from the plan through its template and written where it belongs.

use crate::cli::{NewArgs, NewKind};
use crate::edit::Transaction;
use crate::error::Error;
use crate::planning::{self, DocKind};
use crate::render::Renderer;

use super::Ctx;
use super::working;

pub(crate) fn doc_kind(kind: NewKind) -> DocKind {
    match kind {
        NewKind::Year => DocKind::Year,
        NewKind::Quarter => DocKind::Quarter,
        NewKind::MonthReview => DocKind::MonthReview,
        NewKind::QuarterReview => DocKind::QuarterReview,
        NewKind::YearReview => DocKind::YearReview,
    }
}

pub(crate) fn run(ctx: &Ctx, args: &NewArgs) -> Result<i32, Error> {
    let working = working::open(ctx, args.as_of.map(|d| d.0))?;
    let plan = working.plan()?;
    let partial = super::warn_partial(ctx, &plan.problems);
    let kind = doc_kind(args.kind);
    let period = match &args.period {
        Some(text) => kind.parse_period(text).map_err(Error::Usage)?,
        None => planning::next_due(kind, plan, working.today),
    };
    if let Some(vision) = plan.by_kind().vision
        && !(vision.start..=vision.end).contains(&period.year())
    {
        return Err(Error::Usage(format!(
            "{period} is outside the plan's years, {}-{}: change `start`/`end` in vision.md to plan further",
            vision.start, vision.end
        )));
    }
    let rel = kind.file(&plan.root, period);
    let path = working.root.join(&rel);
    if !args.print && path.exists() {
        return Err(Error::Usage(format!(
            "{rel} already exists: roadmap never overwrites a plan file (edit it, or remove it first)"
        )));
    }
    let (history, dates) = working.history_dated()?;
    let draft = planning::draft_at(kind, plan, &history, period, dates);
    let renderer = Renderer::new(Some(&working.root.join("templates")));
    let text = planning::render(&renderer, &draft).map_err(|e| Error::Usage(e.to_string()))?;
    if args.print {
        super::emit(&text)?;
        return Ok(partial);
    }
    let mut tx = Transaction::new(&working.root);
    tx.create(&rel, text)?;
    let written = tx.write(&format!("new {rel}"))?;
    super::say_recovered(&written.recovered);
    let warnings = written.warnings;
    let notes = draft.quarter.as_ref().map(planning::QuarterDraft::notes);
    let summed = |code: &str| {
        notes
            .as_ref()
            .is_some_and(|n| n.iter().any(|(c, _)| *c == code))
    };
    for w in warnings.iter().filter(|w| w.path != rel || !summed(w.code)) {
        eprintln!("warning: {}:{}: {}", w.path, w.line, w.message);
    }
    for (code, note) in notes.iter().flatten() {
        if warnings.iter().any(|w| w.path == rel && w.code == *code) {
            eprintln!("note: {note}");
        }
    }
    if !ctx.quiet {
        say!("wrote {rel}");
    }
    Ok(partial)
}
