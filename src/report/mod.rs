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
//! [`write`] renders every output in memory and only then swaps the folder
//! in, so a failing template leaves the previous report whole.
//!
//! "Today" never comes from the clock when the repository says something:
//! it is `--at`'s day, else the later of the plan's newest `as_of` and the
//! last commit's date. The same repository state gives the same bytes.

mod context;
mod csv;
mod output;
mod templates;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

pub use context::{CONTEXT_VERSION, Context, PlanContext, PlanningTemplate, TeamRow, TeamView};
pub use output::{MARKER, check_out};

use crate::error::Error;
use crate::git::Repo;
use crate::history::{self, History};
use crate::load::{self, RawFile, Snapshot};
use crate::render::Renderer;

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A revision, a date or a period; `None` for the working tree.
    pub at: Option<String>,
    /// Leave uncommitted edits out of the history.
    pub committed: bool,
}

/// A built report: the context and where it came from.
#[derive(Debug)]
pub struct Report {
    pub context: Context,
    /// The repository root that holds `plans/`.
    pub root: PathBuf,
}

/// The folder the report goes to by default: `dashboard/` beside `plans/`.
pub fn default_out(report: &Report) -> PathBuf {
    report.root.join("dashboard")
}

/// Reads the plan at `dir` (or at `options.at`) and its history, and
/// computes the context every output is rendered from.
pub fn build(dir: &Path, options: &Options) -> Result<Report, Error> {
    let root = dir
        .ancestors()
        .find(|d| d.join(crate::layout::PLANS_DIR).is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoPlans(format!("{} or any folder above it", dir.display())))?;
    let repo = Repo::discover(dir).ok();
    let point = resolve(&root, repo.as_ref(), options.at.as_deref())?;
    let snapshot = load::load(point.files);
    let (today, today_from) = match point.day {
        Some(day) => (day, "at"),
        None => match plan_day(&snapshot, repo.as_ref())? {
            Some(day) => (day, "plan"),
            None => (crate::when::today(), "clock"),
        },
    };
    let history = match &repo {
        Some(_) => history::read(
            dir,
            &history::Options {
                rev: point.rev.clone(),
                committed: options.committed,
                today: Some(today),
                no_cache: false,
                no_events: false,
            },
        )?,
        None => History::default(),
    };
    let parts = context::by_person(&history);
    let mut context = context::build(
        &snapshot.plans,
        &parts,
        history.commits,
        today,
        today_from,
        point.rev,
    );
    context.problems = snapshot.all_problems();
    let renderer = Renderer::new(Some(&root.join("templates")));
    for out in &mut context.plans {
        if let Some(plan) = snapshot.plans.iter().find(|p| p.person == out.person) {
            let empty = History::default();
            let own = parts.get(&plan.person).unwrap_or(&empty);
            out.templates = templates::planning(&renderer, plan, own, today)?;
        }
    }
    if context.plans.is_empty() {
        return Err(Error::Plan(
            "no plan with a readable vision.md: run `roadmap check` to see what is wrong"
                .to_owned(),
        ));
    }
    Ok(Report { context, root })
}

/// Every file of the report, rendered in memory: relative path and bytes,
/// in a fixed order.
pub fn render(report: &Report) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let renderer = Renderer::new(Some(&report.root.join("templates")));
    // Converted once and shared by every page: a team's pages would
    // otherwise each convert every person's data again.
    let context = minijinja::Value::from(minijinja::value::Serde(&report.context));
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
    let rendered: Vec<Result<(String, Vec<u8>), Error>> = pages
        .into_par_iter()
        .map(|(file, name, current, base)| {
            let page = minijinja::context! { current => current, base => base, ..context.clone() };
            let html = renderer.render(&name, &page)?;
            Ok((file, html.into_bytes()))
        })
        .collect();
    let mut files = rendered.into_iter().collect::<Result<Vec<_>, Error>>()?;
    let single = report.context.plans.len() == 1;
    for plan in &report.context.plans {
        for t in &plan.templates {
            let path = match (&plan.person, single) {
                (Some(person), false) => format!("templates/{person}/{}.md", t.kind),
                _ => format!("templates/{}.md", t.kind),
            };
            files.push((path, t.markdown.clone().into_bytes()));
        }
    }
    files.extend(csv::exports(&report.context)?);
    Ok(files)
}

/// What [`write`] wrote.
#[derive(Debug)]
pub struct Written {
    pub out: PathBuf,
    pub files: Vec<String>,
}

/// Renders the report and puts it into `out`, replacing a previous report
/// there. Nothing is written when a template fails, and `out` must be a
/// new folder, an empty one or a previous report (see [`check_out`]).
pub fn write(report: &Report, out: &Path) -> Result<Written, Error> {
    let out = check_out(&report.root, out)?;
    let files = render(report)?;
    output::replace(&out, &files)?;
    Ok(Written {
        out,
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}

struct Point {
    files: Vec<RawFile>,
    rev: Option<String>,
    /// The day `--at` names; `None` for the working tree.
    day: Option<NaiveDate>,
}

fn resolve(root: &Path, repo: Option<&Repo>, at: Option<&str>) -> Result<Point, Error> {
    let Some(at) = at else {
        let files = load::read_worktree(root)
            .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
        return Ok(Point {
            files,
            rev: None,
            day: None,
        });
    };
    let repo = repo.ok_or_else(|| Error::NotARepository(root.to_path_buf()))?;
    let (commit, day) = repo.point_at(at)?;
    Ok(Point {
        files: repo.files_at(&commit)?,
        rev: Some(commit),
        day: Some(day),
    })
}

/// The later of the newest `as_of` in the plan and the last commit's date.
fn plan_day(snapshot: &Snapshot, repo: Option<&Repo>) -> Result<Option<NaiveDate>, Error> {
    let as_of = snapshot
        .plans
        .iter()
        .flat_map(|p| &p.docs)
        .filter_map(|d| d.data.as_of())
        .max();
    let committed = match repo {
        Some(repo) => match repo.resolve("HEAD")? {
            Some(head) => Some(repo.commit_date(&head)?),
            None => None,
        },
        None => None,
    };
    Ok(as_of.max(committed))
}

/// The context as pretty JSON, ending in a newline: `--context`'s output.
pub fn context_json(report: &Report) -> Result<String, Error> {
    let mut json = serde_json::to_string_pretty(&report.context)
        .map_err(|e| Error::serialize("the report's context", &e))?;
    json.push('\n');
    Ok(json)
}
