//! What the shell offers at TAB: the plan's own words. The registration
//! script `roadmap completions SHELL` prints has the shell ask the binary
//! itself at each TAB (`clap_complete`'s `COMPLETE=SHELL roadmap -- WORDS`),
//! and the candidate lists below read the plan of the folder the shell is
//! in: ids by kind where an argument takes an id, periods and review tags
//! where it takes a point in time, people in a team repository.
//!
//! A TAB must never disturb the shell: nothing is printed but candidates,
//! and a plan that cannot be read, a panic or any other failure offers
//! nothing.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::{CommandFactory as _, ValueEnum as _};
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Shells};

use crate::cli::{Cli, NewKind, Shell};
use crate::item::ItemKind;
use crate::load::{self, Data, Plan, Snapshot};
use crate::planning::{self, DocKind};
use crate::updates::{self, Item};
use crate::value::Period;

/// The variable that makes a run a completion request: the shell's name.
pub const VAR: &str = "COMPLETE";

/// The name the scripts complete.
const BIN: &str = "roadmap";

/// Answers a completion request and exits; returns at once on any other
/// run. A request at TAB (words after `--`) prints candidates or nothing
/// and exits 0 whatever happens; a request for the registration script
/// (`COMPLETE=bash roadmap`) says what is wrong with it, as a command would.
pub fn respond_if_asked() {
    let Some(shell) = std::env::var_os(VAR) else {
        return;
    };
    if shell.is_empty() || shell == "0" {
        return;
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    let words = args
        .iter()
        .position(|a| a == "--")
        .map_or(&[][..], |at| &args[at + 1..]);
    let cwd = std::env::current_dir().ok();
    if words.is_empty() {
        CompleteEnv::with_factory(Cli::command).bin(BIN).complete();
        return;
    }
    std::panic::set_hook(Box::new(|_| {}));
    let _ = LINE.set(Line::of(words, cwd.as_deref()));
    let _ = std::panic::catch_unwind(move || {
        CompleteEnv::with_factory(Cli::command)
            .bin(BIN)
            .try_complete(args, cwd.as_deref())
    });
    std::process::exit(0);
}

/// Writes the registration script of `shell`: it completes `roadmap` by
/// calling `completer` (the binary as it was started) at each TAB.
pub fn register(shell: Shell, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let shells = Shells::builtins();
    let Some(target) = shells.completer(name) else {
        return Err(std::io::Error::other(format!("no completions for {name}")));
    };
    let completer = completer();
    let mut script = Vec::new();
    target.write_registration(VAR, BIN, BIN, &completer, &mut script)?;
    out.write_all(&script)?;
    if shell == Shell::Zsh {
        // Installed in $fpath, the file is the body of `_roadmap`, run at
        // the first TAB: it must complete then, not only register.
        writeln!(
            out,
            "[[ ${{funcstack[1]}} = _{BIN} ]] && _clap_dynamic_completer_{BIN} \"$@\""
        )?;
    }
    Ok(())
}

/// The binary the script calls: as it was started, made absolute when it
/// was started by a relative path (`./target/debug/roadmap`), so the shell
/// finds it from any folder; a bare name is looked up on `PATH`.
fn completer() -> String {
    let started = std::env::args_os()
        .next()
        .map_or_else(|| PathBuf::from(BIN), PathBuf::from);
    let path = match std::env::current_dir() {
        Ok(cwd) if started.components().count() > 1 => cwd.join(started),
        _ => started,
    };
    path.to_string_lossy().into_owned()
}

/// What the line being completed says beyond the word at the cursor: the
/// folder of `-C`, the person of `--person`, the kind `new` was given.
#[derive(Debug, Default)]
struct Line {
    dir: Option<PathBuf>,
    person: Option<String>,
    new_kind: Option<NewKind>,
}

static LINE: OnceLock<Line> = OnceLock::new();

impl Line {
    fn of(words: &[OsString], cwd: Option<&Path>) -> Line {
        let words: Vec<String> = words
            .iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect();
        let mut line = Line::default();
        let mut dir = None;
        let mut after_new = false;
        let mut iter = words.iter().skip(1).peekable();
        while let Some(word) = iter.next() {
            if word == "-C" {
                dir = iter.next().cloned();
            } else if let Some(rest) = word.strip_prefix("-C") {
                dir = Some(rest.to_owned());
            } else if word == "--person" {
                line.person = iter.next().cloned();
            } else if let Some(rest) = word.strip_prefix("--person=") {
                line.person = Some(rest.to_owned());
            } else if word == "new" && line.new_kind.is_none() {
                after_new = true;
            } else if after_new && !word.starts_with('-') {
                line.new_kind = NewKind::from_str(word, false).ok();
                after_new = false;
            }
        }
        let cwd = cwd.map(Path::to_path_buf).unwrap_or_default();
        line.dir = Some(match dir {
            Some(dir) => cwd.join(dir),
            None => cwd,
        });
        line
    }

    fn get() -> &'static Line {
        static EMPTY: Line = Line {
            dir: None,
            person: None,
            new_kind: None,
        };
        LINE.get().unwrap_or(&EMPTY)
    }

    /// The folder the command would run in.
    fn dir(&self) -> PathBuf {
        self.dir
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }
}

/// The working tree's plan as the command would read it, if there is one.
fn snapshot() -> Option<(PathBuf, Snapshot)> {
    let root = crate::layout::plan_root(&Line::get().dir()).ok()?;
    let files = load::read_worktree(&root).ok()?;
    Some((root, load::load(files)))
}

/// The plans the line is about: `--person`'s, else every one (a team
/// repository without `--person` yet still offers every person's words).
fn plans(snapshot: &Snapshot) -> Vec<&Plan> {
    match &Line::get().person {
        Some(name) => snapshot
            .plans
            .iter()
            .filter(|p| p.person.as_deref() == Some(name.as_str()))
            .collect(),
        None => snapshot.plans.iter().collect(),
    }
}

/// The ids of the plan's items that `keep` takes, each with its kind (and
/// a quarter's key result with its quarter) as help.
fn ids(keep: fn(&Item) -> bool) -> Vec<CompletionCandidate> {
    let Some((_, snapshot)) = snapshot() else {
        return Vec::new();
    };
    let today = crate::when::today();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for plan in plans(&snapshot) {
        for (id, item) in updates::items(plan, today) {
            if keep(&item) && seen.insert(id.clone()) {
                let help = match file_of(&item).and_then(period_of) {
                    Some(period) => format!("{}, {period}", item.kind.label()),
                    None => item.kind.label().to_owned(),
                };
                out.push(CompletionCandidate::new(id).help(Some(help.into())));
            }
        }
    }
    out
}

fn file_of(item: &Item) -> Option<&str> {
    matches!(
        item.kind,
        ItemKind::KeyResult | ItemKind::Objective | ItemKind::AnnualObjective
    )
    .then_some(item.file.as_str())
}

fn period_of(file: &str) -> Option<String> {
    let stem = Path::new(file).file_stem()?.to_str()?;
    stem.parse::<Period>().ok().map(|p| p.to_string())
}

/// `record ID VALUE`: the items that take a value.
pub fn value_ids() -> Vec<CompletionCandidate> {
    ids(|item| item.kind.takes_value())
}

/// `record done ID`: what can be marked done.
pub fn done_ids() -> Vec<CompletionCandidate> {
    ids(updates::takes_done)
}

/// `record checkin HABIT`: the habits.
pub fn habit_ids() -> Vec<CompletionCandidate> {
    ids(|item| item.kind == ItemKind::Habit)
}

/// `record time CATEGORY`: the categories of the habits' time budget.
pub fn time_categories() -> Vec<CompletionCandidate> {
    let Some((_, snapshot)) = snapshot() else {
        return Vec::new();
    };
    let mut out: Vec<CompletionCandidate> = Vec::new();
    for plan in plans(&snapshot) {
        for doc in &plan.docs {
            if let Data::Habits(h) = &doc.data {
                for (category, share) in &h.time {
                    if !out.iter().any(|c| c.get_value() == category.as_str()) {
                        out.push(
                            CompletionCandidate::new(category)
                                .help(Some(format!("{share}% of the week").into())),
                        );
                    }
                }
            }
        }
    }
    out
}

/// `progress ID`: every item with an id.
pub fn progress_ids() -> Vec<CompletionCandidate> {
    ids(|_| true)
}

/// A point in time (`--at`, `--rev`, diff's FROM and TO): the review tags,
/// then the periods the plan has a plan or a review for.
pub fn points() -> Vec<CompletionCandidate> {
    let mut out: Vec<CompletionCandidate> = review_tags()
        .into_iter()
        .map(|tag| CompletionCandidate::new(tag).help(Some("review tag".into())))
        .collect();
    out.extend(periods(|data| {
        matches!(data, Data::Year(_) | Data::Quarter(_) | Data::Review(_))
    }));
    out
}

/// `report --achievements PERIOD`: the years, quarters and months that
/// have a plan or a review.
pub fn achievement_periods() -> Vec<CompletionCandidate> {
    periods(|data| matches!(data, Data::Year(_) | Data::Quarter(_) | Data::Review(_)))
}

/// `diff --periods A B`: the years and quarters that have a plan.
pub fn plan_periods() -> Vec<CompletionCandidate> {
    periods(|data| matches!(data, Data::Year(_) | Data::Quarter(_)))
}

fn periods(keep: fn(&Data) -> bool) -> Vec<CompletionCandidate> {
    let Some((_, snapshot)) = snapshot() else {
        return Vec::new();
    };
    let mut found: Vec<(Period, &'static str)> = plans(&snapshot)
        .iter()
        .flat_map(|plan| &plan.docs)
        .filter(|doc| keep(&doc.data))
        .filter_map(|doc| Some((doc.period?, doc.kind.name())))
        .collect();
    found.sort();
    found.dedup_by_key(|(period, _)| *period);
    found
        .into_iter()
        .rev()
        .map(|(period, kind)| CompletionCandidate::new(period.to_string()).help(Some(kind.into())))
        .collect()
}

/// The repository's `review/...` tags, newest first.
fn review_tags() -> Vec<String> {
    let Ok(repo) = crate::git::Repo::discover(&Line::get().dir()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = repo
        .review_tags()
        .unwrap_or_default()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    tags.reverse();
    tags
}

/// `review PERIOD`: the review due next, then last month's, quarter's and
/// year's and this month's.
pub fn review_periods() -> Vec<CompletionCandidate> {
    let Some((_, snapshot)) = snapshot() else {
        return Vec::new();
    };
    let today = crate::when::today();
    let mut out: Vec<Period> = Vec::new();
    for plan in plans(&snapshot) {
        out.push(planning::next_review(plan, today));
    }
    let month = Period::month_of(today);
    out.extend([
        planning::previous_period(month),
        planning::previous_period(Period::quarter_of(today)),
        Period::Year(chrono::Datelike::year(&today) - 1),
        month,
    ]);
    let mut seen = std::collections::HashSet::new();
    out.into_iter()
        .filter(|p| seen.insert(*p))
        .enumerate()
        .map(|(i, p)| {
            let help = if i == 0 { "next due" } else { "review" };
            CompletionCandidate::new(p.to_string()).help(Some(help.into()))
        })
        .collect()
}

/// `new KIND PERIOD`: the period of KIND due next.
pub fn new_periods() -> Vec<CompletionCandidate> {
    let Some(kind) = Line::get().new_kind else {
        return Vec::new();
    };
    let Some((_, snapshot)) = snapshot() else {
        return Vec::new();
    };
    let kind: DocKind = crate::cmd::new::doc_kind(kind);
    let today = crate::when::today();
    let mut out: Vec<String> = plans(&snapshot)
        .iter()
        .map(|plan| planning::next_due(kind, plan, today).to_string())
        .collect();
    out.dedup();
    out.into_iter()
        .map(|p| CompletionCandidate::new(p).help(Some(format!("next {}", kind.name()).into())))
        .collect()
}

/// `--person NAME`: the folders of `plans/` that hold a person's plan.
pub fn persons() -> Vec<CompletionCandidate> {
    let Ok(root) = crate::layout::plan_root(&Line::get().dir()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(root.join(crate::layout::PLANS_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.') && !crate::layout::is_plan_folder(name))
        .collect();
    names.sort();
    names.into_iter().map(CompletionCandidate::new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Line {
        let words: Vec<OsString> = words.iter().map(OsString::from).collect();
        Line::of(&words, Some(Path::new("/home/me")))
    }

    #[test]
    fn the_line_says_where_whose_and_what_kind() {
        let l = line(&["roadmap", "-C", "plan", "record", "--person", "dana", "x"]);
        assert_eq!(l.dir, Some(PathBuf::from("/home/me/plan")));
        assert_eq!(l.person.as_deref(), Some("dana"));
        let l = line(&["roadmap", "-C/tmp/p", "new", "quarter", ""]);
        assert_eq!(l.dir, Some(PathBuf::from("/tmp/p")));
        assert_eq!(l.new_kind, Some(NewKind::Quarter));
        let l = line(&["roadmap", "new", "--person=ann", "month-review", ""]);
        assert_eq!(l.person.as_deref(), Some("ann"));
        assert_eq!(l.new_kind, Some(NewKind::MonthReview));
    }
}
