//! `roadmap report`: the dashboard, the one-page summary, the CSV exports
//! and the planning templates, from one context.
//!
//! The report is built in two steps so that `roadmap watch` and the git
//! hooks can call it as the command does:
//!
//! ```no_run
//! # fn main() -> Result<(), roadmap::Error> {
//! use roadmap::report::{self, Options};
//! let root = std::path::Path::new(".");
//! let built = report::build(root, &Options::default())?;
//! let out = report::default_out(&built);
//! report::write(&built, &out)?;
//! # Ok(()) }
//! ```
//!
//! [`build`] reads the plan and its history and computes the [`Context`];
//! [`write`] renders each output into a fresh folder beside the report and
//! only then swaps the folder in, so a failing template leaves the previous
//! report whole.
//!
//! The figures are measured at the plan's last update and reviews fall due
//! against today ([`crate::when::Dates`]), both stated on every page.

pub mod achievements;
mod content;
mod context;
mod csv;
mod drill;
mod output;
mod private;
mod templates;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use context::{CONTEXT_VERSION, Context, PlanContext, PlanningTemplate, TeamRow, TeamView};
pub use csv::Cells;
pub use output::{MARKER, check_out};
pub use private::redact;

use crate::error::Error;
use crate::history::Events;
use crate::render::Renderer;
use crate::when::{self, When};

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A revision, a date or a period; `None` for the working tree.
    pub at: Option<When>,
    /// Leave uncommitted edits out of the history.
    pub committed: bool,
    /// How the CSV exports write text cells (`--raw-csv`).
    pub cells: Cells,
    /// Every output without the private figures (`--share`).
    pub share: bool,
    /// `--person`: report on this person's plan only (see
    /// [`crate::person::select`], which also reads the folder run in).
    pub person: Option<String>,
}

/// A built report: the context and where it came from.
#[derive(Debug)]
pub struct Report {
    pub context: Context,
    /// The repository root that holds `plans/`.
    pub root: PathBuf,
    /// How the CSV exports write text cells.
    pub cells: Cells,
    /// Every output without the private figures: [`Report::context`] is
    /// then already redacted.
    pub share: bool,
}

/// The folder the report goes to by default: `dashboard/` beside `plans/`,
/// or `dashboard-shared/` for a shared report, so the owner's own is
/// never replaced by it.
pub fn default_out(report: &Report) -> PathBuf {
    if report.share {
        report.root.join(SHARED_DIR)
    } else {
        report.root.join(crate::layout::OUTPUT_DIR)
    }
}

/// The folder `report --share` writes to by default.
pub const SHARED_DIR: &str = "dashboard-shared";

/// Reads the plan at `dir` (or at `options.at`) and its history, and
/// computes the context every output is rendered from.
pub fn build(dir: &Path, options: &Options) -> Result<Report, Error> {
    let root = crate::layout::plan_root(dir)?;
    let mut point = when::resolve(dir, options.at.as_ref())?.with_listing();
    crate::person::select(options.person.as_deref(), dir, &root, &mut point.files)?;
    // Each plan reads its own person's part of the history: in a team,
    // searching one person's part is a hundred times faster than everyone's.
    let (snapshot, (commits, parts), dates) =
        when::read_plan_and_history(dir, &mut point, options.committed, Events::Done, |h| {
            (h.commits, h.by_person())
        })?;
    let renderer = Renderer::new(Some(&root.join("templates")));
    let mut context = context::build(
        &snapshot.plans,
        parts,
        (commits, dates),
        (point.note, point.commit),
        |plan, own| templates::planning(&renderer, plan, own, dates),
    )?;
    if context.plans.len() > 1 {
        let updates = when::folder_updates(dir, context.revision.as_deref(), &snapshot)?;
        context = context.with_team(&snapshot.plans, &updates);
    }
    context.problems = snapshot.all_problems();
    if context.plans.is_empty() {
        return Err(Error::Plan(
            "no plan with a readable vision.md: run `roadmap check` to see what is wrong"
                .to_owned(),
        ));
    }
    if options.share {
        context = redact(&context);
    }
    Ok(Report {
        context,
        root,
        cells: options.cells,
        share: options.share,
    })
}

/// Renders every file of the report into `fresh`, each written as soon as
/// it is rendered (a team's pages are never all held at once); returns
/// their relative paths, in a fixed order.
fn render(report: &Report, fresh: &output::Fresh) -> Result<Vec<String>, Error> {
    let renderer = Renderer::new(Some(&report.root.join("templates")));
    let top = minijinja::Value::from(minijinja::value::Serde(report.context.without_plans()));
    let plans: Arc<[Arc<PlanContext>]> = report.context.plans.iter().cloned().collect();
    // The summary is the page handed to others: always without what is
    // private, whatever the dashboard shows.
    let page_plans = |file: &str| private::Plans {
        plans: Arc::clone(&plans),
        shared: file == "summary.html" && !report.share,
    };
    let mut pages: Vec<(String, String, usize, &str)> = Renderer::builtin("report")
        .into_iter()
        .filter_map(|name| {
            let file = name.strip_prefix("report/")?.to_owned();
            Some((file, name, 0, ""))
        })
        .collect();
    pages.sort();
    if report.context.team.is_some() {
        for (index, plan) in report.context.plans.iter().enumerate() {
            let Some(person) = &plan.person else { continue };
            pages.push((
                format!("people/{person}.html"),
                "report/index.html".to_owned(),
                index,
                "../",
            ));
        }
    }
    // The pages keep both cores busy; the drafts and the CSV exports are
    // written beside them rather than after, on one core.
    let render_page = |(file, name, current, base): (String, String, usize, &str)| {
        // A team's index is the overview; each person's page links to it.
        let overview = base.is_empty();
        let plans = minijinja::Value::from_object(page_plans(&file));
        let page = minijinja::context! { current => current, base => base, overview => overview, plans => plans, ..top.clone() };
        let html = renderer.render(&name, &page)?;
        fresh.put(&file, html.as_bytes())?;
        Ok(file)
    };
    let (rendered, others) = rayon::join(
        || pages.into_par_iter().map(render_page).collect::<Vec<_>>(),
        || drafts_and_exports(report, fresh),
    );
    let mut files = rendered.into_iter().collect::<Result<Vec<_>, Error>>()?;
    files.extend(others?);
    Ok(files)
}

/// Writes the planning templates and the CSV exports into `fresh`;
/// returns their relative paths, in a fixed order.
fn drafts_and_exports(report: &Report, fresh: &output::Fresh) -> Result<Vec<String>, Error> {
    let mut files = Vec::new();
    let single = report.context.plans.len() == 1;
    for plan in &report.context.plans {
        for t in &plan.templates {
            let path = match (&plan.person, single) {
                (Some(person), false) => format!("templates/{person}/{}.md", t.kind),
                _ => format!("templates/{}.md", t.kind),
            };
            fresh.put(&path, t.markdown.as_bytes())?;
            files.push(path);
        }
    }
    for (path, bytes) in csv::exports(&report.context, report.cells)? {
        fresh.put(&path, &bytes)?;
        files.push(path);
    }
    Ok(files)
}

/// What [`write`] wrote.
#[derive(Debug)]
pub struct Written {
    pub out: PathBuf,
    pub files: Vec<String>,
}

/// Renders the report and puts it into `out`, replacing a previous report
/// there. `out` is left as it was when a template fails, and it must be a
/// new folder, an empty one or a previous report (see [`check_out`]).
pub fn write(report: &Report, out: &Path) -> Result<Written, Error> {
    let out = check_out(&report.root, out)?;
    let files = output::replace(&report.root, &out, |fresh| render(report, fresh))?;
    Ok(Written { out, files })
}

/// The context as pretty JSON, ending in a newline: `--context`'s output.
pub fn context_json(report: &Report) -> Result<String, Error> {
    let mut json = serde_json::to_string_pretty(&report.context)
        .map_err(|e| Error::serialize("the report's context", &e))?;
    json.push('\n');
    Ok(json)
}
