//! One point in time: the day it is, and what `--at`, `--rev` and `diff`'s
//! FROM and TO name, parsed once at the command line ([`When`]) and
//! resolved once ([`resolve`]) into the [`Point`] every command and the
//! history read use.
//!
//! A point has two dates a reader sees (docs/progress.md, "Dates"):
//! [`Dates::as_of`], the day the figures are measured at (the plan's last
//! update at that point), and [`Dates::today`], the day things fall due
//! against (today, or the end of the period asked for).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Error;
use crate::git::Repo;
use crate::history::{self, History};
use crate::load::{self, Problem, RawFile, Snapshot};
use crate::value::Period;

/// The variable that fixes "today" for every command: a date written
/// `YYYY-MM-DD`. Tests and reproducible reports set it; nothing else should.
pub const TODAY_VAR: &str = "ROADMAP_TODAY";

/// Today: `ROADMAP_TODAY` when it holds a date, else the local clock's day.
/// The only place the clock is read for a date.
pub fn today() -> NaiveDate {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|text| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The forms a point in time can be written in, for messages.
pub const FORMS: &str = "a date (2026-06-30), a month (2026-06), a quarter (2026-Q2), a year (2026), \
a review tag (review/2026-Q2) or any git revision (a commit id, a branch, HEAD~3)";

/// A point in time as the user wrote it: a day or a period (the plan as it
/// stood at the end of it), or a git revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A date, a week, a month, a quarter or a year.
    Period(Period),
    /// A commit, a branch, a tag, `HEAD~3`.
    Rev(String),
}

impl FromStr for When {
    type Err = String;

    /// Text shaped like a date or a period (it starts with a four-digit
    /// year and holds only digits, `-`, `Q` and `W`) must be a real one:
    /// `2026-13` is refused here, not looked up as a branch.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(format!("a point in time is needed: {FORMS}"));
        }
        let year_first = text.len() >= 4
            && text[..4].chars().all(|c| c.is_ascii_digit())
            && (text.len() == 4 || text[4..].starts_with('-'))
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | 'Q' | 'q' | 'W' | 'w'));
        if year_first {
            return text
                .parse::<Period>()
                .map(When::Period)
                .map_err(|_| impossible(text));
        }
        Ok(When::Rev(text.to_owned()))
    }
}

/// Why a date-shaped text is not a date or a period, in plain words.
fn impossible(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    let why = match parts.as_slice() {
        [_, m] if m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()) => {
            format!("there is no month {m} (months run 01 to 12)")
        }
        [_, q] if q.starts_with(['Q', 'q']) => {
            format!("there is no quarter {} (quarters run Q1 to Q4)", &q[1..])
        }
        [_, w] if w.starts_with(['W', 'w']) => format!("there is no week {}", &w[1..]),
        [_, _, _] => "there is no such day".to_owned(),
        _ => "it is not a date or a period".to_owned(),
    };
    format!("`{text}`: {why}; write {FORMS}")
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Period(p) => write!(f, "{p}"),
            When::Rev(rev) => f.write_str(rev),
        }
    }
}

/// For a command line refused because a point in time (`--at`, `--rev`,
/// FROM, TO) is not one: what the repository in the working directory
/// holds, its commits' range and review tags.
pub fn usage_note(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !["<WHEN>", "[FROM]", "[TO]"]
        .iter()
        .any(|name| arg.contains(name))
    {
        return None;
    }
    // Where the command would have run: `-C DIR`, else here.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let here = std::env::current_dir().ok()?;
    let dir = args
        .windows(2)
        .find(|pair| pair[0] == "-C")
        .map_or_else(|| here.clone(), |pair| here.join(&pair[1]));
    Repo::discover(&dir).ok()?.range_and_tags().ok()
}

/// A point resolved: the plan's files there, the commit they come from,
/// and the day things fall due against.
#[derive(Debug)]
pub struct Point {
    pub files: Vec<RawFile>,
    /// For the working tree, every file under `plans/` as it was read, with
    /// its blob (`None` for one that is not read as bytes), when
    /// [`Point::with_listing`] kept it: the history finds the uncommitted
    /// edits in it instead of reading the working tree again. `None` when
    /// the history should read the working tree itself.
    pub listing: Option<history::Listing>,
    /// The commit; `None` for the working tree (or a folder outside git).
    pub commit: Option<String>,
    /// True when the point is the working tree: only then do uncommitted
    /// edits count.
    pub worktree: bool,
    /// The day things fall due against: today for the working tree, a
    /// revision's commit date, the end of the period or the date asked
    /// for; never later than today.
    pub day: NaiveDate,
    /// Said by every output that shows this point (a future point).
    pub note: Option<String>,
}

impl Point {
    /// The working tree's plan at `root`, today.
    pub fn worktree(root: &Path) -> Result<Point, Error> {
        let files = load::read_worktree(root)
            .map_err(|e| Error::io(root.join(crate::layout::PLANS_DIR).display().to_string(), e))?;
        Ok(Point {
            files,
            listing: None,
            commit: None,
            worktree: true,
            day: today(),
            note: None,
        })
    }

    /// The point, with the working tree's listing kept for the history
    /// read that follows (see [`Point::listing`]): made before a person's
    /// files are selected, and only by the commands that read the history.
    #[must_use]
    pub fn with_listing(mut self) -> Point {
        if self.worktree {
            self.listing = Some(history::listing(&self.files));
        }
        self
    }
}

/// The commit and the day a point in time names in `repo`, without reading
/// its files. A future day stands for the last commit, today, with a note.
pub fn locate(repo: &Repo, when: &When) -> Result<Located, Error> {
    let now = today();
    match when {
        When::Period(period) => {
            let end = period.end();
            let day = end.min(now);
            let Some(commit) = repo.commit_on_or_before(day)? else {
                return Err(Error::Usage(format!(
                    "{when}: the plan has no commit on or before {day}; {}",
                    repo.range_and_tags()?
                )));
            };
            let note = (end > now).then(|| {
                let verb = if matches!(period, Period::Day(_)) {
                    "is"
                } else {
                    "ends"
                };
                format!("{when} {verb} after today ({now}): this is the plan as last committed")
            });
            Ok(Located { commit, day, note })
        }
        When::Rev(rev) => match repo.resolve(rev) {
            Ok(Some(commit)) => {
                let day = repo.commit_date(&commit)?.min(now);
                Ok(Located {
                    commit,
                    day,
                    note: None,
                })
            }
            Ok(None) => Err(Error::Usage(format!(
                "{rev}: the repository has no commits yet"
            ))),
            Err(_) => Err(Error::Usage(format!(
                "`{rev}` names no commit: write {FORMS}; {}",
                repo.range_and_tags()?
            ))),
        },
    }
}

/// Where a [`When`] points in a repository.
#[derive(Debug)]
pub struct Located {
    pub commit: String,
    pub day: NaiveDate,
    pub note: Option<String>,
}

/// Resolves `when` from `dir`, a folder of the plan repository: `None` is
/// the working tree today; anything else is a commit and its day.
pub fn resolve(dir: &Path, when: Option<&When>) -> Result<Point, Error> {
    let Some(when) = when else {
        return Point::worktree(&crate::layout::plan_root(dir)?);
    };
    let repo = Repo::discover(dir)?;
    let located = locate(&repo, when)?;
    Ok(Point {
        files: repo.files_at(&located.commit)?,
        listing: None,
        commit: Some(located.commit),
        worktree: false,
        day: located.day,
        note: located.note,
    })
}

/// The plan at `point` (its files taken), the history up to it and the
/// point's [`Dates`]: the one read that `status` and `report` make. With
/// the working tree's listing, in a git repository, each file unchanged
/// since a run that parsed it is read from the parse kept then
/// (`load::parsed`), and this run's parses are kept. The plan's problems
/// are located as it is read; the files' texts are not kept. A point
/// without a plan is [`Error::EmptyPlan`], whatever its history says.
///
/// The plan and the history are read at once: the plan's files are parsed
/// on every thread, and the history's stored rows are decoded on one,
/// which then hands them to `then` (a team's are split by person there)
/// while the plan's read goes on.
pub fn read_plan_and_history<T: Send>(
    dir: &Path,
    point: &mut Point,
    committed: bool,
    events: history::Events,
    then: impl FnOnce(History) -> T + Send,
) -> Result<(Snapshot, T, Dates), Error> {
    let repo = repository(dir)?;
    let cache = repo.as_ref().map(Repo::cache_dir);
    let files = std::mem::take(&mut point.files);
    let point = &*point;
    let read_plan = || {
        let mut snapshot = match (&point.listing, &cache) {
            (Some(listing), Some(cache)) => {
                let parses = load::parsed::Parses::open(cache, listing);
                load::load_reusing(files, &parses.held())
            }
            _ => load::load(files),
        };
        snapshot.forget_texts();
        snapshot
    };
    let in_git = repo.is_some();
    let read_history = || {
        read_history_in(dir, in_git, point, committed, events)
            .map(|history| (history.edited, then(history)))
    };
    let (snapshot, history) = rayon::join(read_plan, read_history);
    if snapshot.plans.is_empty() {
        return Err(Error::EmptyPlan);
    }
    let (edited, history) = history?;
    let dates = Dates::of(point, repo.as_ref(), &snapshot, edited)?;
    Ok((snapshot, history, dates))
}

/// The history `read` reads, and the problems of the plan in the working
/// tree, or at `at`, for a command that reads the plan through its history
/// only. Where there is no plan to read (a bare repository's working tree,
/// no `plans/` yet), nothing of it is left out.
///
/// Parsing the whole plan costs a history read from the cache three times
/// over, so the problems of `HEAD`'s plan are kept in the cache folder
/// under the id of its `plans/` tree: a run whose plan is `HEAD`'s (no
/// uncommitted edits, or `--committed`) reads them back. When they are not
/// kept, the plan is read beside the history, not after it: a history
/// read from the start leaves the second core idle part of the time.
pub fn read_history_and_problems(
    dir: &Path,
    at: Option<&When>,
    committed: bool,
    read: impl FnOnce() -> Result<History, Error> + Send,
) -> Result<(History, Vec<Problem>), Error> {
    let head = at.is_none().then(|| head_tree(dir)).flatten();
    let head_plan = |history: &History| committed || !history.edited;
    if let Some(kept) = head
        .as_ref()
        .and_then(|(cache, tree)| kept_problems(cache, tree))
    {
        let history = read()?;
        let problems = if head_plan(&history) {
            kept
        } else {
            plan_problems(dir, None, false)
        };
        return Ok((history, problems));
    }
    let (history, problems) = rayon::join(read, || plan_problems(dir, at, committed));
    let history = history?;
    if let Some((cache, tree)) = head.filter(|_| head_plan(&history)) {
        keep_problems(&cache, tree, &problems);
    }
    Ok((history, problems))
}

/// The cache folder and the id of `HEAD`'s `plans/` tree, the key the
/// problems of `HEAD`'s plan are kept under.
fn head_tree(dir: &Path) -> Option<(PathBuf, String)> {
    let repo = Repo::discover(dir).ok()?;
    Some((repo.cache_dir(), repo.plans_tree_id("HEAD")?))
}

/// The problems kept for the `plans/` tree `tree`, if any.
fn kept_problems(cache: &Path, tree: &str) -> Option<Vec<Problem>> {
    let bytes = crate::state::read(&cache.join(PROBLEMS), MAX_PROBLEMS_BYTES)?;
    let stored = serde_json::from_slice::<StoredProblems>(&bytes).ok()?;
    (stored.tree == tree).then_some(stored.problems)
}

/// Keeps `problems` as those of the `plans/` tree `tree`.
fn keep_problems(cache: &Path, tree: String, problems: &[Problem]) {
    let stored = StoredProblems {
        tree,
        problems: problems.to_vec(),
    };
    // Only saves time: a cache that cannot be written is not an error.
    if let Ok(bytes) = serde_json::to_vec(&stored) {
        let _ = std::fs::create_dir_all(cache)
            .and_then(|()| crate::state::replace(&cache.join(PROBLEMS), &bytes));
    }
}

/// The problems of the plan at `at`, at `HEAD` with `committed`, else in
/// the working tree, parsed.
fn plan_problems(dir: &Path, at: Option<&When>, committed: bool) -> Vec<Problem> {
    let at = match (at, committed) {
        (Some(at), _) => Some(at.clone()),
        (None, true) => Some(When::Rev("HEAD".to_owned())),
        (None, false) => None,
    };
    resolve(dir, at.as_ref())
        .map(|point| load::load(point.files).all_problems())
        .unwrap_or_default()
}

/// The cache file of [`read_history_and_problems`].
const PROBLEMS: &str = "problems.json";

/// A larger [`PROBLEMS`] is taken for damage: a plan's problems take a
/// few kilobytes.
const MAX_PROBLEMS_BYTES: u64 = 16 << 20;

/// The problems of one `plans/` tree, as [`read_history_and_problems`]
/// keeps them.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredProblems {
    tree: String,
    problems: Vec<Problem>,
}

/// The history up to `point` and the point's [`Dates`], for a plan read
/// already. Outside git the history is empty and both dates are the
/// point's day.
pub fn read_history(
    dir: &Path,
    point: &Point,
    snapshot: &Snapshot,
    committed: bool,
    events: history::Events,
) -> Result<(History, Dates), Error> {
    let repo = repository(dir)?;
    let history = read_history_in(dir, repo.is_some(), point, committed, events)?;
    let dates = Dates::of(point, repo.as_ref(), snapshot, history.edited)?;
    Ok((history, dates))
}

/// The history up to `point`; empty outside git.
fn read_history_in(
    dir: &Path,
    in_git: bool,
    point: &Point,
    committed: bool,
    events: history::Events,
) -> Result<History, Error> {
    if !in_git {
        return Ok(History::default());
    }
    let options = history::Options {
        rev: point.commit.clone(),
        committed: committed || !point.worktree,
        today: Some(point.day),
        no_cache: false,
        events,
        listing: point.listing.clone(),
    };
    history::read(dir, &options)
}

/// The repository that holds `dir`; `None` outside git.
fn repository(dir: &Path) -> Result<Option<Repo>, Error> {
    match Repo::discover(dir) {
        Ok(repo) => Ok(Some(repo)),
        Err(Error::NotARepository(_)) => Ok(None),
        Err(err) => Err(err),
    }
}

/// The date of the last commit at `commit` (`None`: HEAD) that changed
/// each person's folder under `plans/`: a team member's last update.
/// Empty outside git or before the first commit.
pub fn folder_updates(
    dir: &Path,
    commit: Option<&str>,
    snapshot: &Snapshot,
) -> Result<std::collections::BTreeMap<String, NaiveDate>, Error> {
    let Some(repo) = repository(dir)? else {
        return Ok(std::collections::BTreeMap::new());
    };
    let tip = match commit {
        Some(commit) => Some(commit.to_owned()),
        None => repo.resolve("HEAD")?,
    };
    let Some(tip) = tip else {
        return Ok(std::collections::BTreeMap::new());
    };
    let folders: Vec<&str> = snapshot
        .plans
        .iter()
        .filter_map(|p| p.person.as_deref())
        .collect();
    repo.last_folder_changes(&tip, &folders)
}

/// The two dates every output that shows figures states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// The day the figures are measured at: the plan's last update at the
    /// point, never later than `today`: the later of its last commit that
    /// changed `plans/` and the newest `as_of:` written in its files, or the
    /// point's day when uncommitted edits count.
    pub as_of: NaiveDate,
    /// The day things fall due against: reviews, the age of the last
    /// update.
    pub today: NaiveDate,
}

impl Dates {
    /// Both dates on one day: a plan with nothing older to say.
    pub fn on(day: NaiveDate) -> Dates {
        Dates {
            as_of: day,
            today: day,
        }
    }

    /// The dates of `point`, whose plan is `snapshot`: `edited` tells
    /// whether uncommitted edits of the plan count there.
    pub fn of(
        point: &Point,
        repo: Option<&Repo>,
        snapshot: &Snapshot,
        edited: bool,
    ) -> Result<Dates, Error> {
        if edited {
            return Ok(Dates::on(point.day));
        }
        let written = snapshot
            .plans
            .iter()
            .flat_map(|p| &p.docs)
            .filter_map(|d| d.data.as_of())
            .filter(|d| *d <= point.day)
            .max();
        let tip = match (&point.commit, repo) {
            (Some(commit), Some(_)) => Some(commit.clone()),
            (None, Some(repo)) => repo.resolve("HEAD")?,
            (_, None) => None,
        };
        let changed = match (tip, repo) {
            (Some(tip), Some(repo)) => repo.last_plan_change(&tip)?,
            _ => None,
        };
        Ok(Dates {
            as_of: changed.max(written).map_or(point.day, |d| d.min(point.day)),
            today: point.day,
        })
    }

    /// Days since the last update.
    pub fn age(&self) -> i64 {
        (self.today - self.as_of).num_days()
    }

    /// The line every output shows: `as of 2026-10-31 (last update, 35
    /// days ago)`, or `as of 2026-12-05` when the figures are today's.
    pub fn describe(&self) -> String {
        match self.age() {
            0 => format!("as of {}", self.as_of),
            1 => format!("as of {} (last update, 1 day ago)", self.as_of),
            days => format!("as of {} (last update, {days} days ago)", self.as_of),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_dates_parse_as_periods() {
        for text in [
            "2026",
            "2026-Q2",
            "2026-q2",
            "2026-06",
            "2026-06-30",
            "2026-W26",
        ] {
            assert!(
                matches!(text.parse::<When>(), Ok(When::Period(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn revisions_parse_as_revisions() {
        for text in [
            "HEAD",
            "HEAD~3",
            "main",
            "review/2026-Q2",
            "4f2a9c1",
            "2026abc",
        ] {
            assert_eq!(text.parse::<When>(), Ok(When::Rev(text.to_owned())));
        }
    }

    #[test]
    fn impossible_periods_are_refused_in_plain_words() {
        let month = "2026-13".parse::<When>().expect_err("no month 13");
        assert!(month.contains("there is no month 13"), "{month}");
        let quarter = "2026-Q9".parse::<When>().expect_err("no Q9");
        assert!(quarter.contains("there is no quarter 9"), "{quarter}");
        let day = "2026-02-30".parse::<When>().expect_err("no Feb 30");
        assert!(day.contains("no such day"), "{day}");
        assert!(day.contains("a quarter (2026-Q2)"), "{day}");
    }

    #[test]
    fn the_last_update_says_its_age() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        let dates = Dates {
            as_of: d("2026-10-31"),
            today: d("2026-12-05"),
        };
        assert_eq!(
            dates.describe(),
            "as of 2026-10-31 (last update, 35 days ago)"
        );
        assert_eq!(Dates::on(d("2026-12-05")).describe(), "as of 2026-12-05");
    }
}
