//! `roadmap report`: writes the dashboard, the summary, the CSV exports and
//! the templates, or prints the context they are rendered from.

use super::Ctx;
use crate::cli::{AchievementsFormat, ReportArgs};
use crate::error::Error;
use crate::report::{self, Cells, Options};

pub(super) fn run(ctx: &Ctx, args: &ReportArgs) -> Result<i32, Error> {
    let options = Options {
        at: args.at.clone(),
        committed: args.committed,
        cells: if args.raw_csv {
            Cells::Raw
        } else {
            Cells::Neutralized
        },
        // The promotion case is handed to others as the shared report is.
        share: args.share || args.achievements.is_some(),
        person: ctx.person.clone(),
    };
    // A hostile --out is refused before any work.
    if let (Some(out), false) = (&args.out, args.context) {
        report::check_out(&ctx.plan_root()?, &ctx.cwd.join(out))?;
    }
    let built = report::build(&ctx.cwd, &options)?;
    if let Some(period) = args.achievements {
        match args.format {
            AchievementsFormat::Markdown => {
                super::emit(&report::achievements::markdown(&built.context, period))?;
            }
            AchievementsFormat::Csv => {
                let bytes = report::achievements::csv(&built.context, period, options.cells)?;
                super::emit(&String::from_utf8_lossy(&bytes))?;
            }
        }
        return Ok(super::warn_partial(ctx, &built.context.problems));
    }
    if args.context {
        super::emit(&report::context_json(&built)?)?;
        return Ok(super::warn_partial(ctx, &built.context.problems));
    }
    let out = args
        .out
        .as_ref()
        .map_or_else(|| report::default_out(&built), |out| ctx.cwd.join(out));
    let written = report::write(&built, &out)?;
    if !ctx.quiet {
        let plans = built.context.plans.len();
        let who = if plans == 1 {
            String::new()
        } else {
            format!(" for {plans} people")
        };
        say!(
            "wrote {} files{who} to {} ({})",
            written.files.len(),
            written.out.display(),
            built.context.dates_text
        );
        if let Some(note) = &built.context.note {
            say!("note: {note}");
        }
        say!(
            "  open {} in a browser for the dashboard",
            written.out.join("index.html").display()
        );
        if ctx.verbose {
            for file in &written.files {
                say!("  {file}");
            }
        }
    }
    Ok(super::warn_partial(ctx, &built.context.problems))
}
