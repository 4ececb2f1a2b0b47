//! The history engine over real repositories: commits at fixed dates,
//! merges, renames, deletions, broken old files, shallow clones, worktrees,
//! bare clones, uncommitted edits and the cache. Each case runs the real
//! binary (`progress --format json`, `status --format json`) or reads the
//! history through the library, and asserts exact series and events.
//!
//! Rows are written `DATE KIND ID.FIELD = VALUE [of TARGET] @COMMIT`, with
//! commits named as the test named them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use chrono::NaiveDate;
use roadmap::history::{self, History, Options, Val};
use serde_json::Value;

use super::support::Test;

// ------------------------------------------------------------------ the plan

const VISION: &str = "---
name: Dana Reyes
start: 2026
end: 2035
statement: Lead a sales region that customers trust.
now:
  role: Sales Manager
  revenue: 5M
  team: 0
goal:
  role: VP of Sales
  revenue: 20M
  team: 10-12
weights:
  revenue: 40
  role: 10
  team: 20
  skills: 20
  milestones: 10
---
# Vision
";

const CAREER: &str = "title: Senior Sales Manager
reports: 3
revenue: 10M
";

const STRATEGY: &str = "phases:
  - id: foundation
    name: Territory excellence
    years: 2026-2027
    role: Senior Sales Manager
    revenue: 10M
    team: 3-5
    achievements:
      - id: first-hire
        title: First account executive hired
        status: done
        done: 2026-02-10
      - id: playbook
        title: Territory playbook written
    milestone:
      id: promoted
      title: Promoted to senior manager
      status: done
      done: 2026-03-02
  - id: expansion
    name: Regional leadership
    years: 2028-2035
    role: VP of Sales
    revenue: 15M-20M
    milestone:
      id: vp
      title: VP of Sales
";

const CAPABILITIES: &str = "skills:
  - id: negotiation
    name: Negotiation
    area: sales
    level: 6
    targets:
      2026: 6
      2035: 8
  - id: coaching
    name: Coaching
    area: leadership
    level: 4
    targets:
      2035: 10
";

const METRICS: &str = "growth: 15-20%
metrics:
  - id: revenue
    name: Territory revenue
    kind: revenue
    unit: USD
    ytd: true
    baseline: 5M
    targets:
      2026: 6M
    actuals: {}
";

const YEAR: &str = "---
period: 2026
objectives:
  - id: y26-revenue
    title: Grow territory revenue to 6M
    category: revenue
    metric: revenue
  - id: y26-team
    title: Hire two account executives
    category: leadership
  - id: y26-network
    title: Meet every key account's executive sponsor
    category: relationships
---
# 2026
";

const QUARTER: &str = "---
period: 2026-Q1
objectives:
  - id: q1-pipeline
    title: Build the pipeline
    category: revenue
    supports: [y26-revenue]
    status: active
    key_results:
      - id: q1-pipeline-value
        title: Pipeline value
        start: 1M
        current: 2.5M
        target: 4M
        unit: USD
      - id: q1-new-logos
        title: New logos
        current: 3 # logos
        target: 4
  - id: q1-hiring
    title: Open two AE positions
    category: leadership
    supports: [y26-team]
    status: done
    key_results:
      - id: q1-hires
        title: Offers signed
        target: 2
  - id: q1-sponsors
    title: Meet five executive sponsors
    category: relationships
    supports: [y26-network]
    status: active
    key_results:
      - id: q1-sponsor-meetings
        title: Sponsor meetings
        current: 1
        target: 5
---
# 2026-Q1

Ninety days.
";

const Q1: &str = "plans/quarters/2026-Q1.md";
const METRICS_FILE: &str = "plans/metrics.yaml";

// ------------------------------------------------------------ the repository

/// A repository with the plan written (not committed).
fn plan() -> Test {
    Test::new()
        .git_init()
        .file("plans/vision.md", VISION)
        .file("plans/career.yaml", CAREER)
        .file("plans/strategy.yaml", STRATEGY)
        .file("plans/capabilities.yaml", CAPABILITIES)
        .file(METRICS_FILE, METRICS)
        .file("plans/years/2026.md", YEAR)
        .file(Q1, QUARTER)
}

/// The plan, committed as `c1` on 2026-01-05.
fn committed() -> Test {
    plan().commit("2026-01-05", "c1")
}

/// `roadmap progress --format json ARGS` in the repository, as rows.
fn progress(repo: &Test, args: &[&str]) -> Vec<String> {
    progress_in(repo, repo.root(), args)
}

/// `roadmap progress --format json ARGS` in `dir`, as rows.
fn progress_in(repo: &Test, dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["progress", "--format", "json"];
    all.extend_from_slice(args);
    let json = repo.roadmap(&all).current_dir(dir).json();
    json_rows(repo, &json)
}

/// The observations of `progress --format json`, as rows.
fn json_rows(repo: &Test, json: &Value) -> Vec<String> {
    json["observations"]
        .as_array()
        .expect("a list of rows")
        .iter()
        .map(|row| self::row(repo, row))
        .collect()
}

fn row(repo: &Test, observation: &Value) -> String {
    // Numbers are JSON numbers, written back as the text format does.
    let text = |key: &str| match &observation[key] {
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => other.as_str().expect("a text field").to_owned(),
    };
    let target = text("target");
    let target = if target.is_empty() {
        String::new()
    } else {
        format!(" of {target}")
    };
    format!(
        "{} {} {}.{} = {}{target} @{}",
        text("date"),
        text("kind"),
        text("id"),
        text("field"),
        text("value"),
        repo.name_of(&text("commit"))
    )
}

/// The history read through the library.
fn read(repo: &Test, options: &Options) -> History {
    history::read(repo.root(), options).expect("read the history")
}

/// The history read through the library without the cache.
fn uncached(repo: &Test) -> History {
    read(
        repo,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    )
}

/// [`uncached`], without the working tree's edits.
fn uncached_committed(repo: &Test) -> History {
    read(
        repo,
        &Options {
            no_cache: true,
            committed: true,
            ..Options::default()
        },
    )
}

/// Events as `DATE KIND ITEM ID.FIELD FROM -> TO @COMMIT`.
fn events(repo: &Test, history: &History) -> Vec<String> {
    let val = |v: &Option<Val>| v.as_ref().map_or_else(|| "-".to_owned(), Val::to_string);
    history
        .events()
        .map(|e| {
            format!(
                "{} {:?} {} {}.{} {} -> {} @{}",
                e.date,
                e.kind,
                e.item.as_str(),
                e.id,
                e.field,
                val(&e.from),
                val(&e.to),
                e.commit.map_or("uncommitted", |c| repo.name_of(c))
            )
        })
        .collect()
}

fn cache_dir(repo: &Test) -> PathBuf {
    repo.path(".git/roadmap")
}

/// The names of [`cache_files`].
fn cache_names(repo: &Test) -> Vec<String> {
    cache_files(repo)
        .iter()
        .map(|p| {
            p.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The cache files (not temporary ones), by name.
fn cache_files(repo: &Test) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(cache_dir(repo))
        .expect("the cache folder exists")
        .map(|e| e.expect("a cache entry").path())
        .collect();
    files.sort();
    files
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// Only the rows of one kind of item.
fn of_kind(rows: &[String], kind: &str) -> Vec<String> {
    let kind = format!(" {kind} ");
    rows.iter().filter(|r| r.contains(&kind)).cloned().collect()
}

/// Only the `Ended` events.
fn ended(events: Vec<String>) -> Vec<String> {
    events
        .into_iter()
        .filter(|e| e.contains(" Ended "))
        .collect()
}

/// Only the rows recorded by commit `name`.
fn at(rows: &[String], name: &str) -> Vec<String> {
    let suffix = format!(" @{name}");
    rows.iter()
        .filter(|r| r.ends_with(&suffix))
        .cloned()
        .collect()
}

fn lines(text: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(text)
        .lines()
        .map(str::to_owned)
        .collect()
}

// ----------------------------------------------------------------- dating

#[test]
fn metric_readings_are_dated_by_their_month() {
    let repo = committed()
        .edit(METRICS_FILE, "actuals: {}", "actuals:\n      2026-01: 500k")
        .commit("2026-02-03", "c2")
        .edit(
            METRICS_FILE,
            "2026-01: 500k",
            "2026-01: 500k\n      2026-02: 900k",
        )
        .commit("2026-03-02", "c3")
        .edit(METRICS_FILE, "2026-01: 500k", "2026-01: 450k")
        .commit("2026-03-05", "c4");

    assert_eq!(
        of_kind(&progress(&repo, &["revenue"]), "metric"),
        [
            "2026-01-31 metric revenue.2026-01 = 500000 of 6000000 @c2",
            "2026-01-31 metric revenue.2026-01 = 450000 of 6000000 @c4",
            "2026-02-28 metric revenue.2026-02 = 900000 of 6000000 @c3",
        ]
    );

    let csv = repo
        .roadmap(&[
            "progress",
            "revenue",
            "--format",
            "csv",
            "--since",
            "2026-01-02",
        ])
        .run();
    assert_eq!(
        lines(&csv.stdout),
        [
            "date,id,kind,period,field,value,target,commit".to_owned(),
            format!("2026-01-05,revenue,target,,2026,6000000,,{}", repo.id("c1")),
            format!(
                "2026-01-31,revenue,metric,,2026-01,500000,6000000,{}",
                repo.id("c2")
            ),
            format!(
                "2026-01-31,revenue,metric,,2026-01,450000,6000000,{}",
                repo.id("c4")
            ),
            format!(
                "2026-02-28,revenue,metric,,2026-02,900000,6000000,{}",
                repo.id("c3")
            ),
        ]
    );
}

#[test]
fn key_results_are_dated_by_as_of_else_by_the_commit_date() {
    let repo = committed()
        .edit(Q1, "period: 2026-Q1", "period: 2026-Q1\nas_of: 2026-02-14")
        .edit(Q1, "current: 1\n", "current: 2\n")
        .commit("2026-02-20", "c2")
        .edit(Q1, "as_of: 2026-02-14\n", "")
        .edit(Q1, "current: 2\n", "current: 3\n")
        // Late in the evening in New York: already April 1st in UTC; the
        // author's own day counts.
        .commit("2026-03-31T23:30:00-05:00", "c3");

    assert_eq!(
        progress(&repo, &["q1-sponsor-meetings"]),
        [
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-01-05 target q1-sponsor-meetings.target = 5 @c1",
            "2026-02-14 key-result q1-sponsor-meetings.current = 2 of 5 @c2",
            "2026-03-31 key-result q1-sponsor-meetings.current = 3 of 5 @c3",
        ]
    );
}

#[test]
fn unchanged_values_in_a_changed_file_add_no_rows() {
    let repo = committed()
        .edit(Q1, "Ninety days.", "Ninety focused days.")
        .edit(
            Q1,
            "title: Sponsor meetings",
            "title: Executive sponsor meetings",
        )
        .edit(Q1, "target: 4M", "target: 4000000")
        .commit("2026-01-12", "c2")
        .edit(Q1, "current: 3 # logos", "current: 4 # logos")
        .commit("2026-01-19", "c3");

    let rows = progress(&repo, &[]);
    assert_eq!(at(&rows, "c2"), Vec::<String>::new());
    assert_eq!(
        at(&rows, "c3"),
        ["2026-01-19 key-result q1-new-logos.current = 4 of 4 @c3"]
    );
    let history = uncached(&repo);
    assert_eq!(history.commits, 3);
    assert_eq!(history.warnings, Vec::<String>::new());
}

// ----------------------------------------------------------------- merges

/// c1, then `side` (from c1) raises sponsor meetings to 2 on 2026-01-20
/// while `main` raises new logos to 4 on 2026-01-25.
fn diverged() -> Test {
    committed()
        .git(&["checkout", "--quiet", "-b", "side"])
        .edit(Q1, "current: 1\n", "current: 2\n")
        .commit("2026-01-20", "side1")
        .git(&["checkout", "--quiet", "main"])
        .edit(Q1, "current: 3 # logos", "current: 4 # logos")
        .commit("2026-01-25", "main2")
}

#[test]
fn a_merged_branch_is_counted_once() {
    let repo = diverged().merge("side", "2026-02-01", "merge");
    let rows = progress(&repo, &["q1-sponsor-meetings", "q1-new-logos"]);
    assert_eq!(
        of_kind(&rows, "key-result"),
        [
            "2026-01-05 key-result q1-new-logos.current = 3 of 4 @c1",
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-01-20 key-result q1-sponsor-meetings.current = 2 of 5 @side1",
            "2026-01-25 key-result q1-new-logos.current = 4 of 4 @main2",
        ]
    );
    // The commit after the merge sees both branches' values.
    let repo = repo
        .edit(Q1, "current: 2\n", "current: 3\n")
        .commit("2026-02-05", "c5");
    let rows = progress(&repo, &[]);
    assert_eq!(at(&rows, "merge"), Vec::<String>::new());
    assert_eq!(
        at(&rows, "c5"),
        ["2026-02-05 key-result q1-sponsor-meetings.current = 3 of 5 @c5"]
    );
}

#[test]
fn a_merge_records_only_what_it_resolves_itself() {
    let repo = diverged()
        .edit(Q1, "current: 1\n", "current: 4\n")
        .commit("2026-01-27", "main3")
        .merge_conflicting("side")
        .file(
            Q1,
            QUARTER
                .replace("current: 1\n", "current: 3\n")
                .replace("current: 3 # logos", "current: 4 # logos"),
        )
        .commit("2026-02-01", "merge");
    assert_eq!(
        of_kind(
            &progress(&repo, &["q1-sponsor-meetings", "q1-new-logos"]),
            "key-result"
        ),
        [
            "2026-01-05 key-result q1-new-logos.current = 3 of 4 @c1",
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-01-20 key-result q1-sponsor-meetings.current = 2 of 5 @side1",
            "2026-01-25 key-result q1-new-logos.current = 4 of 4 @main2",
            "2026-01-27 key-result q1-sponsor-meetings.current = 4 of 5 @main3",
            "2026-02-01 key-result q1-sponsor-meetings.current = 3 of 5 @merge",
        ]
    );
}

#[test]
fn an_item_deleted_on_a_branch_ends_once() {
    let repo = committed()
        .git(&["checkout", "--quiet", "-b", "side"])
        .remove("plans/career.yaml")
        .commit("2026-01-20", "side1")
        .git(&["checkout", "--quiet", "main"])
        .edit(Q1, "current: 3 # logos", "current: 4 # logos")
        .commit("2026-01-25", "main2")
        .merge("side", "2026-02-01", "merge");
    let history = uncached_committed(&repo);
    assert_eq!(
        ended(events(&repo, &history)),
        [
            "2026-01-20 Ended career career:title. Senior Sales Manager -> - @side1",
            "2026-01-20 Ended career career:reports. 3 -> - @side1",
            "2026-01-20 Ended career career:revenue. 10M -> - @side1",
        ]
    );
}

// ------------------------------------------------------- renames, deletions

#[test]
fn renamed_and_moved_files_keep_their_items() {
    let repo = committed()
        .git(&["mv", Q1, "plans/quarters/2026-q1.md"])
        .commit("2026-01-10", "c2")
        .git(&["mv", "plans/capabilities.yaml", "plans/capabilities.yml"])
        .edit("plans/capabilities.yml", "level: 4", "level: 5")
        .commit("2026-01-12", "c3");
    let rows = progress(&repo, &[]);
    assert_eq!(at(&rows, "c2"), Vec::<String>::new());
    assert_eq!(at(&rows, "c3"), ["2026-01-12 skill coaching.level = 5 @c3"]);
    let history = uncached(&repo);
    assert_eq!(ended(events(&repo, &history)), Vec::<String>::new());
}

/// The `q1-sponsors` objective as [`QUARTER`] states it: its last, up to
/// the end of the front matter.
fn sponsors_objective() -> &'static str {
    let start = QUARTER
        .find("  - id: q1-sponsors\n")
        .expect("the objective");
    let end = QUARTER
        .find("---\n# 2026-Q1")
        .expect("the front matter's end");
    &QUARTER[start..end]
}

#[test]
fn deleted_files_and_entries_end_their_items() {
    let repo = committed()
        .remove("plans/career.yaml")
        .commit("2026-02-02", "c2")
        .edit(Q1, sponsors_objective(), "")
        .commit("2026-02-09", "c3");
    let history = uncached(&repo);
    assert_eq!(
        ended(events(&repo, &history)),
        [
            "2026-02-02 Ended career career:title. Senior Sales Manager -> - @c2",
            "2026-02-02 Ended career career:reports. 3 -> - @c2",
            "2026-02-02 Ended career career:revenue. 10M -> - @c2",
            "2026-02-09 Ended objective q1-sponsors.status active -> - @c3",
            "2026-02-09 Ended key-result q1-sponsor-meetings.current 1 -> - @c3",
            "2026-02-09 Ended target q1-sponsor-meetings.target 5 -> - @c3",
        ]
    );
    // Deleting adds no observation.
    let rows = progress(&repo, &[]);
    assert_eq!(at(&rows, "c2"), Vec::<String>::new());
    assert_eq!(at(&rows, "c3"), Vec::<String>::new());
}

/// What renaming `q1-sponsor-meetings` in a commit `c2` of 2026-02-02 ends.
const RENAMED_ENDS: [&str; 2] = [
    "2026-02-02 Ended key-result q1-sponsor-meetings.current 1 -> - @c2",
    "2026-02-02 Ended target q1-sponsor-meetings.target 5 -> - @c2",
];

/// A file whose new version states as many items, one of them under a
/// new id, starts a series for that id and ends the old one: a version is
/// matched to its predecessor by what its items are, not by their count.
#[test]
fn an_item_renamed_in_place_ends_the_old_series_and_starts_a_new_one() {
    let repo = committed()
        .edit(Q1, "id: q1-sponsor-meetings", "id: q1-sponsor-calls")
        .commit("2026-02-02", "c2");
    let history = uncached(&repo);
    assert_eq!(ended(events(&repo, &history)), RENAMED_ENDS);
    let rows = progress(&repo, &[]);
    assert_eq!(
        at(&rows, "c2"),
        [
            "2026-02-02 key-result q1-sponsor-calls.current = 1 of 5 @c2",
            "2026-02-02 target q1-sponsor-calls.target = 5 @c2",
        ]
    );
}

/// A habit's day is a mark, not an item: deleting an old month of
/// check-ins ends no habit (a team's ten years made a million such events,
/// a sixth of a cold report's memory), while an item deleted in the same
/// commit still ends, and the marks stay observations.
#[test]
fn deleting_an_old_month_of_check_ins_ends_no_habit() {
    let checkins = "plans/checkins/2026-01.yaml";
    let repo = plan()
        .file(
            "plans/habits.yaml",
            "habits:\n  - id: thinking\n    title: Thinking time\n    cadence: daily\n    minutes: 30\n",
        )
        .file(checkins, "thinking: \"xx\"\n")
        .commit("2026-01-05", "c1")
        .remove(checkins)
        .edit(Q1, "id: q1-sponsor-meetings", "id: q1-sponsor-calls")
        .commit("2026-02-02", "c2");
    let history = uncached(&repo);
    assert_eq!(ended(events(&repo, &history)), RENAMED_ENDS);
    let rows = progress(&repo, &["thinking"]);
    assert_eq!(
        rows,
        [
            "2026-01-01 habit thinking.2026-01-01 = 1 @c1",
            "2026-01-02 habit thinking.2026-01-02 = 1 @c1",
        ]
    );
}

/// A whole folder deleted in one commit ends every item of its files; a
/// symbolic link put where a plan file was is not read as one.
#[test]
fn a_deleted_folder_ends_its_items_and_a_link_is_not_a_plan_file() {
    let repo = committed().remove(Q1).commit("2026-02-02", "c2");
    let history = uncached(&repo);
    let ended = ended(events(&repo, &history));
    assert!(!ended.is_empty(), "{ended:#?}");
    assert!(ended.iter().all(|e| e.ends_with("@c2")), "{ended:#?}");
    assert!(
        ended
            .iter()
            .any(|e| e.contains("q1-sponsor-meetings.current")),
        "{ended:#?}"
    );

    #[cfg(unix)]
    {
        let repo = repo.remove("plans/career.yaml");
        std::os::unix::fs::symlink("../README.md", repo.path("plans/career.yaml"))
            .expect("symlink");
        let repo = repo.commit("2026-02-09", "c3");
        let history = uncached_committed(&repo);
        let rows: Vec<_> = history
            .observations()
            .filter(|o| o.kind == roadmap::history::ItemKind::Career)
            .collect();
        assert!(rows.iter().all(|o| o.date < day("2026-02-09")), "{rows:#?}");
    }
}

// ------------------------------------------------------------- broken files

#[test]
fn an_old_commit_that_does_not_parse_is_skipped_with_one_warning() {
    let repo = committed()
        .edit(Q1, "current: 1\n", "current: [2\n")
        .edit("plans/capabilities.yaml", "level: 4", "level: 5")
        .commit("2026-01-10", "broken")
        .edit(Q1, "current: [2\n", "current: 3\n")
        .commit("2026-01-15", "fixed");
    let short = &repo.id("broken")[..7];
    let warning = format!(
        "warning: plans/quarters/2026-Q1.md at commit {short} (2026-01-10) does not parse; skipped"
    );
    // Twice: the second run reads the cache and says the same.
    for _ in 0..2 {
        let output = repo
            .roadmap(&[
                "progress",
                "--format",
                "json",
                "coaching",
                "q1-sponsor-meetings",
            ])
            .run();
        assert_eq!(lines(&output.stderr), std::slice::from_ref(&warning));
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let rows = json_rows(&repo, &json);
        assert_eq!(
            rows,
            [
                "2026-01-05 skill coaching.level = 4 @c1",
                "2026-01-05 target coaching.2035 = 10 @c1",
                "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
                "2026-01-05 target q1-sponsor-meetings.target = 5 @c1",
                "2026-01-10 skill coaching.level = 5 @broken",
                "2026-01-15 key-result q1-sponsor-meetings.current = 3 of 5 @fixed",
            ]
        );
    }
}

#[test]
fn a_broken_file_at_head_warns_once_not_again_for_the_working_tree() {
    let repo = committed()
        .edit(Q1, "current: 1\n", "current: [2\n")
        .commit("2026-01-10", "broken");
    let history = uncached(&repo);
    assert_eq!(history.warnings.len(), 1, "{:?}", history.warnings);
    assert_eq!(
        history
            .observations()
            .filter(|o| o.commit.is_none())
            .count(),
        0
    );
}

// ------------------------------------------------------ shapes of repository

/// Four commits, each raising sponsor meetings: 1, 2, 3, 4.
fn four_commits() -> Test {
    committed()
        .edit(Q1, "current: 1\n", "current: 2\n")
        .commit("2026-01-12", "c2")
        .edit(Q1, "current: 2\n", "current: 3\n")
        .commit("2026-01-19", "c3")
        .edit(Q1, "current: 3\n", "current: 4\n")
        .commit("2026-01-26", "c4")
}

#[test]
fn a_shallow_clone_reads_from_its_boundary() {
    let repo = four_commits();
    let clone = repo.outside().join("shallow");
    let url = format!("file://{}", repo.root().display());
    let clone_arg = clone.to_str().expect("a UTF-8 path");
    repo.git_stdout(&["clone", "--quiet", "--depth", "2", &url, clone_arg]);

    let output = repo
        .roadmap(&["progress", "--format", "json", "q1-sponsor-meetings"])
        .current_dir(&clone)
        .run();
    assert_eq!(
        lines(&output.stderr),
        ["note: shallow clone: history starts at the shallow boundary"]
    );
    assert_eq!(
        progress_in(&repo, &clone, &["q1-sponsor-meetings", "-q"]),
        [
            "2026-01-19 key-result q1-sponsor-meetings.current = 3 of 5 @c3",
            "2026-01-19 target q1-sponsor-meetings.target = 5 @c3",
            "2026-01-26 key-result q1-sponsor-meetings.current = 4 of 5 @c4",
        ]
    );
    let history = history::read(&clone, &Options::default()).expect("history");
    assert!(history.shallow);
    assert_eq!(history.commits, 2);
    let status = repo
        .roadmap(&["status", "--at", "HEAD"])
        .current_dir(&clone)
        .run();
    assert!(
        String::from_utf8_lossy(&status.stdout)
            .contains("note: shallow clone: history starts at the shallow boundary")
    );

    // Deepened to the full history, the cached replay is not reused.
    repo.git_stdout(&["-C", clone_arg, "fetch", "--quiet", "--unshallow"]);
    let output = repo
        .roadmap(&["progress", "--format", "json", "q1-sponsor-meetings"])
        .current_dir(&clone)
        .run();
    assert_eq!(lines(&output.stderr), Vec::<String>::new());
    assert_eq!(
        progress_in(&repo, &clone, &["q1-sponsor-meetings"]),
        progress(&repo, &["q1-sponsor-meetings"])
    );
}

#[test]
fn a_repository_without_commits() {
    let repo = Test::new().git_init();
    // No plan at all: an empty series, and a status that says why.
    assert_eq!(progress(&repo, &[]), Vec::<String>::new());
    let status = repo.roadmap(&["status"]).status(2).run();
    assert!(
        String::from_utf8_lossy(&status.stderr).contains("error: no plans/ folder"),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    // A plan written but not committed: today's values, uncommitted.
    let repo = repo
        .file("plans/vision.md", VISION)
        .file("plans/capabilities.yaml", CAPABILITIES);
    let today = roadmap::when::today().to_string();
    let rows = progress(&repo, &["coaching"]);
    assert_eq!(
        rows,
        [
            format!("{today} skill coaching.level = 4 @uncommitted"),
            format!("{today} target coaching.2035 = 10 @uncommitted"),
        ]
    );
    assert_eq!(progress(&repo, &["--committed"]), Vec::<String>::new());
    let status = repo.roadmap(&["status", "--format", "json"]).run();
    let json: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(json["plans"][0]["name"], "Dana Reyes");
    let at_head = repo.roadmap(&["status", "--at", "HEAD"]).status(2).run();
    assert!(
        String::from_utf8_lossy(&at_head.stderr)
            .contains("error: HEAD: the repository has no commits yet")
    );
    let history = read(
        &repo,
        &Options {
            committed: true,
            ..Options::default()
        },
    );
    assert_eq!(history.commits, 0);
    assert!(history.observations().len() == 0);
}

#[test]
fn a_detached_head_reads_up_to_it() {
    let repo = four_commits().git(&["checkout", "--quiet", "--detach", "HEAD~2"]);
    assert_eq!(
        of_kind(&progress(&repo, &["q1-sponsor-meetings"]), "key-result"),
        [
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-01-12 key-result q1-sponsor-meetings.current = 2 of 5 @c2",
        ]
    );
    let status = repo
        .roadmap(&["status", "--committed", "--format", "json"])
        .run();
    let json: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(json["plans"][0]["name"], "Dana Reyes");
}

#[test]
fn a_linked_worktree_reads_its_own_head_and_shares_the_cache() {
    let repo = four_commits();
    let worktree = repo.outside().join("worktree");
    repo.git_stdout(&[
        "worktree",
        "add",
        "--quiet",
        "--detach",
        worktree.to_str().expect("a UTF-8 path"),
        "HEAD~1",
    ]);
    fs::write(
        worktree.join(Q1),
        QUARTER.replace("current: 1\n", "current: 5\n"),
    )
    .expect("edit in the worktree");
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(
        of_kind(
            &progress_in(&repo, &worktree, &["q1-sponsor-meetings"]),
            "key-result"
        ),
        [
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1".to_owned(),
            "2026-01-12 key-result q1-sponsor-meetings.current = 2 of 5 @c2".to_owned(),
            "2026-01-19 key-result q1-sponsor-meetings.current = 3 of 5 @c3".to_owned(),
            format!("{today} key-result q1-sponsor-meetings.current = 5 of 5 @uncommitted"),
        ]
    );
    assert!(
        cache_dir(&repo).is_dir(),
        "the cache is in the shared git folder"
    );
    // The main worktree is not disturbed by the other's cache.
    assert_eq!(
        of_kind(&progress(&repo, &["q1-sponsor-meetings"]), "key-result").len(),
        4
    );
}

#[test]
fn a_bare_clone_reads_with_rev() {
    let repo = four_commits();
    let bare = repo.outside().join("bare.git");
    repo.git_stdout(&[
        "clone",
        "--quiet",
        "--bare",
        repo.root().to_str().expect("a UTF-8 path"),
        bare.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(
        progress_in(&repo, &bare, &["--rev", "HEAD"]),
        progress(&repo, &["--committed"])
    );
    assert_eq!(
        progress_in(&repo, &bare, &["--rev", "HEAD~2", "q1-sponsor-meetings"]),
        [
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-01-05 target q1-sponsor-meetings.target = 5 @c1",
            "2026-01-12 key-result q1-sponsor-meetings.current = 2 of 5 @c2",
        ]
    );
    let status = repo
        .roadmap(&["status", "--at", "HEAD", "--format", "json"])
        .current_dir(&bare)
        .run();
    let json: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(json["plans"][0]["today"], "2026-01-26");
    // Without --at there is no working tree to read: a clear message.
    let status = repo.roadmap(&["status"]).current_dir(&bare).status(2).run();
    assert!(String::from_utf8_lossy(&status.stderr).contains("error: no plans/ folder"));
}

// ------------------------------------------------------- uncommitted edits

#[test]
fn uncommitted_edits_count_as_today() {
    let repo = four_commits()
        .edit(Q1, "current: 4\n", "current: 5\n")
        .remove("plans/career.yaml");
    let before = chrono::Local::now().date_naive().to_string();
    let rows = progress(&repo, &["q1-sponsor-meetings"]);
    let after = chrono::Local::now().date_naive().to_string();
    let last = rows.last().expect("rows");
    assert!(
        [&before, &after].iter().any(|d| *last
            == format!("{d} key-result q1-sponsor-meetings.current = 5 of 5 @uncommitted")),
        "{rows:#?}"
    );
    assert_eq!(rows.len(), 6);
    let committed = progress(&repo, &["q1-sponsor-meetings", "--committed"]);
    assert_eq!(committed, rows[..5]);
    assert_eq!(at(&committed, "uncommitted"), Vec::<String>::new());

    // Through the library, today is whatever the caller says.
    let today = day("2026-02-02");
    let history = read(
        &repo,
        &Options {
            today: Some(today),
            ..Options::default()
        },
    );
    let edits: Vec<String> = history
        .observations()
        .filter(|o| o.commit.is_none())
        .map(|o| format!("{} {}.{} = {}", o.date, o.id, o.field, o.value))
        .collect();
    assert_eq!(edits, ["2026-02-02 q1-sponsor-meetings.current = 5"]);
    assert_eq!(
        ended(events(&repo, &history)),
        [
            "2026-02-02 Ended career career:title. Senior Sales Manager -> - @uncommitted",
            "2026-02-02 Ended career career:reports. 3 -> - @uncommitted",
            "2026-02-02 Ended career career:revenue. 10M -> - @uncommitted",
        ]
    );
    let committed = read(
        &repo,
        &Options {
            today: Some(today),
            committed: true,
            ..Options::default()
        },
    );
    assert!(committed.observations().all(|o| o.commit.is_some()));
    assert!(committed.events().all(|e| e.commit.is_some()));

    // The text format names them in full.
    let text = repo.roadmap(&["progress", "q1-sponsor-meetings"]).run();
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .lines()
            .last()
            .is_some_and(|l| l.ends_with("  uncommitted")),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
}

/// A run with nothing new committed answers from the start of the cache
/// alone, unless the working tree differs from the last commit: an edit
/// made after the cache was written shows, and undoing it shows too.
#[test]
fn an_edit_after_the_cache_was_written_is_seen_and_so_is_its_undo() {
    let repo = four_commits();
    let clean = progress(&repo, &[]);
    assert_eq!(progress(&repo, &[]), clean, "a second, cached run agrees");
    assert!(at(&clean, "uncommitted").is_empty());

    let repo = repo.edit(Q1, "current: 4\n", "current: 5\n");
    let edited = progress(&repo, &[]);
    assert_eq!(edited.len(), clean.len() + 1, "{edited:#?}");
    assert_eq!(at(&edited, "uncommitted").len(), 1, "{edited:#?}");
    assert!(
        at(&edited, "uncommitted")[0].contains("q1-sponsor-meetings.current = 5"),
        "{edited:#?}"
    );

    let repo = repo.edit(Q1, "current: 5\n", "current: 4\n");
    assert_eq!(progress(&repo, &[]), clean);

    let repo = repo.remove("plans/career.yaml");
    let history = read(&repo, &Options::default());
    assert_eq!(ended(events(&repo, &history)).len(), 3);
}

/// Versions of a file that differ only in their `as_of:` line share one
/// parse; each keeps its own date. A version that returns to an earlier
/// content under a new date is dated by its own `as_of`, and a date the
/// calendar does not have is not taken for one (the commit dates it).
#[test]
fn versions_that_differ_only_in_as_of_keep_their_own_dates() {
    let dated = |as_of: &str| QUARTER.replacen("---\n", &format!("---\nas_of: {as_of}\n"), 1);
    let repo = plan()
        .file(Q1, dated("2026-01-05"))
        .commit("2026-01-06", "c1")
        .file(Q1, dated("2026-01-12"))
        .commit("2026-01-13", "c2")
        .edit(Q1, "current: 2.5M\n", "current: 3M\n")
        .commit("2026-01-20", "c3")
        .file(Q1, dated("2026-01-26"))
        .commit("2026-01-27", "c4")
        .file(
            Q1,
            dated("2026-02-30").replace("current: 2.5M\n", "current: 2.75M\n"),
        )
        .commit("2026-02-03", "c5")
        .file(
            Q1,
            dated("2026-02-09").replace("current: 2.5M\n", "current: 3M\n"),
        )
        .commit("2026-02-10", "c6");
    let rows = progress(&repo, &["q1-pipeline-value", "--committed"]);
    assert_eq!(
        rows,
        [
            "2026-01-05 key-result q1-pipeline-value.current = 2500000 of 4000000 @c1",
            "2026-01-05 target q1-pipeline-value.target = 4000000 @c1",
            "2026-01-12 key-result q1-pipeline-value.current = 3000000 of 4000000 @c3",
            "2026-01-26 key-result q1-pipeline-value.current = 2500000 of 4000000 @c4",
            "2026-02-03 key-result q1-pipeline-value.current = 2750000 of 4000000 @c5",
            "2026-02-09 key-result q1-pipeline-value.current = 3000000 of 4000000 @c6",
        ],
        "{rows:#?}"
    );
}

// ---------------------------------------------------------------- events

#[test]
fn done_and_target_events() {
    let repo = committed()
        .edit(
            Q1,
            "    status: active\n    key_results:\n      - id: q1-sponsor-meetings",
            "    status: done\n    key_results:\n      - id: q1-sponsor-meetings",
        )
        .edit(METRICS_FILE, "2026: 6M", "2026: 6.5M")
        .commit("2026-02-02", "c2")
        .edit(
            Q1,
            "    status: done\n    key_results:\n      - id: q1-sponsor-meetings",
            "    status: active\n    key_results:\n      - id: q1-sponsor-meetings",
        )
        .edit(Q1, "target: 5\n", "target: 4\n")
        .commit("2026-02-09", "c3")
        .edit(
            Q1,
            "    status: active\n    key_results:\n      - id: q1-sponsor-meetings",
            "    status: done\n    key_results:\n      - id: q1-sponsor-meetings",
        )
        .edit(
            "plans/strategy.yaml",
            "title: Territory playbook written\n",
            "title: Territory playbook written\n        status: done\n        done: 2026-02-20\n",
        )
        .commit("2026-03-01", "c4");
    let history = uncached(&repo);
    assert_eq!(
        events(&repo, &history),
        [
            "2026-01-05 Done objective q1-hiring.status - -> done @c1",
            "2026-02-02 TargetRaised target revenue.2026 6M -> 6.5M @c2",
            "2026-02-02 Done objective q1-sponsors.status active -> done @c2",
            "2026-02-09 TargetLowered target q1-sponsor-meetings.target 5 -> 4 @c3",
            "2026-02-10 Done milestone first-hire.status - -> done @c1",
            "2026-02-20 Done milestone playbook.status planned -> done @c4",
            "2026-03-02 Done milestone promoted.status - -> done @c1",
        ]
    );
    // The key result's own series carries the new target.
    assert_eq!(
        of_kind(&progress(&repo, &["q1-sponsor-meetings"]), "key-result"),
        [
            "2026-01-05 key-result q1-sponsor-meetings.current = 1 of 5 @c1",
            "2026-02-09 key-result q1-sponsor-meetings.current = 1 of 4 @c3",
        ]
    );
}

// ----------------------------------------------------------------- cache

/// A history with a merge, a rename and a broken commit: every path of the
/// replay.
fn eventful() -> Test {
    diverged()
        .merge("side", "2026-02-01", "merge")
        .git(&["mv", "plans/capabilities.yaml", "plans/capabilities.yml"])
        .commit("2026-02-03", "rename")
        .edit(Q1, "current: 2\n", "current: [3\n")
        .commit("2026-02-05", "broken")
        .edit(Q1, "current: [3\n", "current: 3\n")
        .remove("plans/career.yaml")
        .commit("2026-02-10", "fixed")
}

fn fresh_rows(repo: &Test) -> Vec<String> {
    let _ = fs::remove_dir_all(cache_dir(repo));
    let rows = progress(repo, &["-q"]);
    let _ = fs::remove_dir_all(cache_dir(repo));
    rows
}

/// A commit caught up after the cache was written may date its values
/// (by `as_of`) before the last ones stored: they still come in date
/// order, as a read without the cache gives them.
#[test]
fn values_caught_up_before_the_last_stored_date_are_put_in_order() {
    let repo = committed()
        .edit(Q1, "current: 1\n", "current: 2\n")
        .commit("2026-03-01", "c2");
    repo.roadmap(&["progress"]).run();
    let repo = repo
        .edit(Q1, "period: 2026-Q1", "period: 2026-Q1\nas_of: 2026-02-14")
        .edit(Q1, "current: 2\n", "current: 3\n")
        .commit("2026-03-10", "c3");
    let rows = progress(&repo, &[]);
    let dates: Vec<&str> = rows.iter().map(|row| &row[..10]).collect();
    assert!(dates.is_sorted(), "{rows:#?}");
    assert!(
        rows.iter()
            .any(|row| row.starts_with("2026-02-14 key-result q1-sponsor-meetings.current = 3")),
        "{rows:#?}"
    );
    assert_eq!(rows, fresh_rows(&repo));
}

#[test]
fn a_second_run_reads_the_cache_and_agrees() {
    let repo = eventful();
    let first = repo.roadmap(&["progress", "--format", "json"]).run();
    let names = cache_names(&repo);
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("blobs.")));
    assert!(names.iter().any(|n| n.starts_with("replay.")));
    assert!(names.iter().any(|n| n.starts_with("state.")));
    assert!(names.iter().any(|n| n == "problems.json"));
    let second = repo.roadmap(&["progress", "--format", "json"]).run();
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);
    agrees_with_a_fresh_read(&repo, "a second run");
}

/// A newer `roadmap` never reads an older one's cache files: writing its
/// own removes them, and nothing else in the folder.
#[test]
fn writing_the_cache_removes_other_versions_files() {
    let repo = eventful();
    let dir = cache_dir(&repo);
    fs::create_dir_all(&dir).expect("the cache folder");
    let old = ["replay.v3.bin", "blobs.v3.log", "replay.v999.bin"];
    let kept = ["notes.txt", "replay.v3.bin.keep", "x.vNaN.bin"];
    for name in old.iter().chain(&kept) {
        fs::write(dir.join(name), "old").expect("written");
    }
    repo.roadmap(&["progress"]).run();
    let names = cache_names(&repo);
    assert!(
        old.iter().all(|n| !names.contains(&(*n).to_owned())),
        "{names:?}"
    );
    assert!(
        kept.iter().all(|n| names.contains(&(*n).to_owned())),
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("replay.") || n.starts_with("blobs."))
            .count(),
        3,
        "this version's two files and the kept one: {names:?}"
    );
}

/// The events, observations and warnings of a run through the cache, and
/// of one without it.
fn agrees_with_a_fresh_read(repo: &Test, why: &str) {
    let uncached = uncached(repo);
    let cached = read(repo, &Options::default());
    assert_eq!(
        cached.events().collect::<Vec<_>>(),
        uncached.events().collect::<Vec<_>>(),
        "{why}"
    );
    assert_eq!(
        cached.observations().collect::<Vec<_>>(),
        uncached.observations().collect::<Vec<_>>(),
        "{why}"
    );
    assert_eq!(cached.warnings, uncached.warnings, "{why}");
}

#[test]
fn events_left_out_by_one_run_are_all_there_for_the_next() {
    // `progress` and `status` leave the events out: they read them from
    // the cache only to store the replay again after a long catch-up.
    let mut repo = eventful();
    repo.roadmap(&["progress", "-q"]).run();
    let moves = |mut repo: Test, count: usize, day: usize| {
        for n in 0..count {
            let (from, to) = if (day + n).is_multiple_of(2) {
                ("2026: 6M", "2026: 7M")
            } else {
                ("2026: 7M", "2026: 6M")
            };
            let when = format!(
                "2026-03-{:02}T{:02}:00:00Z",
                1 + (day + n) / 24,
                (day + n) % 24
            );
            repo = repo
                .edit(METRICS_FILE, from, to)
                .commit(&when, &format!("move {}", day + n));
        }
        repo
    };
    // A short catch-up, which does not store the replay again.
    repo = moves(repo, 2, 0);
    repo.roadmap(&["progress", "-q"]).run();
    repo.roadmap(&["status", "-q"]).run();
    agrees_with_a_fresh_read(&repo, "after a short catch-up");
    // A long one, which does, from a run without events.
    repo = moves(repo, 40, 2);
    let without = read(
        &repo,
        &Options {
            events: roadmap::history::Events::None,
            ..Options::default()
        },
    );
    assert_eq!(without.events().count(), 0);
    agrees_with_a_fresh_read(&repo, "after a long catch-up");
    let with = read(&repo, &Options::default());
    assert!(
        with.events().filter(|e| e.id == "revenue").count() >= 42,
        "a target moved by every commit"
    );
    assert_eq!(
        without.observations().collect::<Vec<_>>(),
        with.observations().collect::<Vec<_>>()
    );
}

#[test]
fn a_value_read_back_from_the_cache_keeps_every_digit() {
    // 2009999.9999999998 came back from the cache as 2010000 once: JSON
    // floats were read to within one unit in the last place, not exactly.
    let repo = committed()
        .edit(
            METRICS_FILE,
            "actuals: {}",
            "actuals:\n      2026-01: 2009999.9999999998",
        )
        .commit("2026-02-03", "c2");
    let first = repo
        .roadmap(&["progress", "revenue", "--format", "json"])
        .run();
    let second = repo
        .roadmap(&["progress", "revenue", "--format", "json"])
        .run();
    assert_eq!(first.stdout, second.stdout);
    let uncached = uncached(&repo);
    let cached = read(&repo, &Options::default());
    assert_eq!(
        cached.observations().collect::<Vec<_>>(),
        uncached.observations().collect::<Vec<_>>()
    );
}

#[test]
fn the_stored_problems_of_the_plan_never_outlive_its_tree() {
    let repo = eventful();
    let cache = |repo: &Test| {
        cache_files(repo)
            .into_iter()
            .find(|f| f.ends_with("problems.json"))
    };
    repo.roadmap(&["progress", "-q"]).run();
    let stored = cache(&repo).expect("progress keeps the plan's problems");
    // Damaged, it is read again from the plan.
    fs::write(&stored, b"{not json").expect("damage it");
    repo.roadmap(&["progress", "-q"]).run();
    // A commit that breaks a file is another tree: its problem is named,
    // though the stored list (for the tree before) is empty.
    let repo = repo
        .file("plans/capabilities.yaml", "skills: [\n")
        .commit("2026-03-30", "broken");
    let broken = repo.roadmap(&["progress", "--committed"]).status(1).run();
    assert!(String::from_utf8_lossy(&broken.stderr).contains("plans/capabilities.yaml"));
    // And the working tree's edits are never answered from it.
    let repo = repo.file("plans/capabilities.yaml", CAPABILITIES);
    repo.roadmap(&["progress", "-q"]).run();
}

#[test]
fn a_damaged_cache_is_rebuilt_and_never_misleads() {
    type Damage = fn(&[u8]) -> Vec<u8>;
    let repo = eventful();
    let expected = fresh_rows(&repo);
    let damages: [(&str, Damage); 8] = [
        ("a flipped payload byte", |b| {
            let mut b = b.to_vec();
            let i = b.len() - 10;
            b[i] ^= 0x01;
            b
        }),
        ("a flipped byte a third of the way in", |b| {
            let mut b = b.to_vec();
            let i = b.len() / 3;
            b[i] ^= 0x01;
            b
        }),
        ("a flipped byte two thirds of the way in", |b| {
            let mut b = b.to_vec();
            let i = b.len() * 2 / 3;
            b[i] ^= 0x01;
            b
        }),
        ("truncated", |b| b[..b.len() / 2].to_vec()),
        ("empty", |_| Vec::new()),
        ("an older version's header", |b| {
            let text = String::from_utf8_lossy(b);
            let (header, payload) = text.split_once('\n').expect("a header line");
            let (_, crc) = header.split_once(' ').expect("version and checksum");
            format!("roadmap-cache-1 {crc}\n{payload}").into_bytes()
        }),
        ("a wrong checksum", |b| {
            let text = String::from_utf8_lossy(b);
            let (header, payload) = text.split_once('\n').expect("a header line");
            let (version, _) = header.split_once(' ').expect("version and checksum");
            format!("{version} 12345\n{payload}").into_bytes()
        }),
        ("garbage", |_| b"\x00\xffnot a cache at all\n{".to_vec()),
    ];
    for (what, damage) in damages {
        for target in ["blobs.", "replay.", ""] {
            let damage_it = || {
                progress(&repo, &["-q"]);
                for file in cache_files(&repo) {
                    let name = file
                        .file_name()
                        .expect("a name")
                        .to_string_lossy()
                        .into_owned();
                    // The history's own files: problems.json has a test
                    // of its own below.
                    if name.starts_with(target) && name != "problems.json" {
                        let bytes = fs::read(&file).expect("read the cache");
                        fs::write(&file, damage(&bytes)).expect("damage the cache");
                    }
                }
            };
            damage_it();
            assert_eq!(progress(&repo, &["-q"]), expected, "{what} {target}");
            // And the rebuilt cache is sound.
            assert_eq!(
                progress(&repo, &["-q"]),
                expected,
                "{what} {target}, rebuilt"
            );
            // A run that reads the events reads them sound, or rebuilds.
            damage_it();
            agrees_with_a_fresh_read(&repo, &format!("{what} {target}, events"));
        }
    }
    // A cache folder that cannot be written only costs time.
    fs::remove_dir_all(cache_dir(&repo)).expect("remove the cache");
    fs::write(cache_dir(&repo), "a file where the folder should be").expect("block the cache");
    assert_eq!(progress(&repo, &["-q"]), expected);
}

/// Flips `bits` of one byte of the replay cache, `at` (of the length of
/// what follows its header line) into what follows the header.
fn damage_replay(repo: &Test, at: impl Fn(usize) -> usize, bits: u8) {
    let file = cache_files(repo)
        .into_iter()
        .find(|f| f.to_string_lossy().contains("replay."))
        .expect("the replay cache");
    let mut bytes = fs::read(&file).expect("read the cache");
    let header = bytes.iter().position(|b| *b == b'\n').expect("a header") + 1;
    let at = header + at(bytes.len() - header);
    bytes[at] ^= bits;
    fs::write(&file, &bytes).expect("damage the cache");
}

#[test]
fn a_damaged_replay_cache_is_never_trusted() {
    // Damage anywhere in the replay cache (the tip, the history, its
    // events, the state to continue from) is seen by the run that reads
    // it, whichever of them it shows.
    let repo = eventful();
    for eighth in [0, 1, 3, 5, 7] {
        for reader in ["events", "rows"] {
            progress(&repo, &["-q"]);
            damage_replay(&repo, |len| len * eighth / 8, 0x04);
            let why = format!("{eighth} eighths in, read for its {reader}");
            match reader {
                "events" => agrees_with_a_fresh_read(&repo, &why),
                _ => assert_eq!(progress(&repo, &["-q"]), fresh_rows(&repo), "{why}"),
            }
        }
    }
}

#[test]
fn concurrent_runs_leave_a_usable_cache() {
    let repo = eventful();
    let expected = fresh_rows(&repo);
    let children: Vec<_> = (0..4)
        .map(|_| {
            repo.roadmap_command()
                .args(["progress", "--format", "json", "-q"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start roadmap")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait for roadmap");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let rows = json_rows(&repo, &json);
        assert_eq!(rows, expected);
    }
    assert_eq!(progress(&repo, &["-q"]), expected);
    let leftovers: Vec<PathBuf> = cache_files(&repo)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<PathBuf>::new());
}

/// Commits `from` changed to `to` in the first quarter's plan as `name`,
/// and checks that the run after it agrees with a fresh read and holds
/// `row` for the commit.
fn commit_agrees(repo: Test, from: &str, to: &str, name: &str, date: &str, row: &str) -> Test {
    let repo = repo.edit(Q1, from, to).commit(date, name);
    let rows = progress(&repo, &[]);
    assert_eq!(rows, fresh_rows(&repo), "after {name}");
    assert_eq!(at(&rows, name), [row], "after {name}");
    repo
}

#[test]
fn new_commits_are_read_incrementally_and_agree_with_a_fresh_read() {
    let repo = four_commits();
    progress(&repo, &[]);
    let repo = commit_agrees(
        repo,
        "current: 4\n",
        "current: 5\n",
        "c5",
        "2026-02-02",
        "2026-02-02 key-result q1-sponsor-meetings.current = 5 of 5 @c5",
    );

    // A branch that forked before the cached tip, merged after it.
    let fork = repo.id("c3").to_owned();
    let repo = repo
        .git(&["checkout", "--quiet", "-b", "late", &fork])
        .edit(Q1, "current: 3 # logos", "current: 4 # logos")
        .commit("2026-01-28", "late1")
        .git(&["checkout", "--quiet", "main"]);
    progress(&repo, &[]);
    let repo = repo.merge("late", "2026-02-03", "merge");
    let incremental = progress(&repo, &[]);
    assert_eq!(incremental, fresh_rows(&repo));
    assert_eq!(
        at(&incremental, "late1"),
        ["2026-01-28 key-result q1-new-logos.current = 4 of 4 @late1"]
    );
    assert_eq!(at(&incremental, "merge"), Vec::<String>::new());
}

/// A run after new commits continues the stored replay; when the stored
/// tip is no longer in the history (the branch was rewritten), or the
/// stored history does not check out, the history is read from the start.
#[test]
fn a_catch_up_from_a_rewritten_or_damaged_cache_agrees_with_a_fresh_read() {
    let repo = four_commits();
    progress(&repo, &[]);
    let c3 = repo.id("c3").to_owned();
    let repo = commit_agrees(
        repo.git(&["reset", "--quiet", "--hard", &c3]),
        "current: 3\n",
        "current: 5\n",
        "c4b",
        "2026-01-27",
        "2026-01-27 key-result q1-sponsor-meetings.current = 5 of 5 @c4b",
    );
    // This read also stores the cache that is damaged next.
    assert_eq!(at(&progress(&repo, &[]), "c4"), Vec::<String>::new());

    // The stored history damaged, then one more commit.
    damage_replay(&repo, |len| len / 2, 0x10);
    commit_agrees(
        repo,
        "current: 5\n",
        "current: 6\n",
        "c5",
        "2026-02-02",
        "2026-02-02 key-result q1-sponsor-meetings.current = 6 of 5 @c5",
    );
}

// -------------------------------------------------------------- progress

fn close(actual: &Value, expected: f64) -> bool {
    actual.as_f64().is_some_and(|a| (a - expected).abs() < 1e-9)
}

#[track_caller]
fn assert_close(actual: &Value, expected: f64) {
    assert!(close(actual, expected), "{actual} is not {expected}");
}

#[test]
fn status_figures_match_hand_computed_progress() {
    let repo = plan()
        .edit(Q1, "period: 2026-Q1", "period: 2026-Q1\nas_of: 2026-02-14")
        .edit(METRICS_FILE, "actuals: {}", "actuals:\n      2026-03: 1.5M")
        .commit("2026-03-20", "c1");
    let output = repo
        .roadmap(&["status", "--at", "2026-Q1", "--format", "json"])
        .run();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let view = &json["plans"][0];
    // Reviews fall due against the end of the quarter; every figure is
    // measured at the plan's last update, the commit of March 20th (later
    // than the quarter's own `as_of`, which gives it no day of its own).
    assert_eq!(view["today"], "2026-03-31");
    assert_eq!(view["as_of"], "2026-03-20");

    // Overall: revenue ln(10/5)/ln(20/5) = 0.5; role 1 of 2 phases closed;
    // team (3-0)/(10-0) = 0.3; skills mean(6/8, 4/10) = 0.575; milestones
    // 2 of 4 done. Weighted 40/10/20/20/10:
    // (40*0.5 + 10*0.5 + 20*0.3 + 20*0.575 + 10*0.5) / 100 = 47.5%.
    let parts = view["overall"]["parts"].as_array().expect("parts");
    let progress: Vec<(&str, f64)> = parts
        .iter()
        .map(|p| {
            (
                p["dimension"].as_str().expect("a dimension"),
                p["progress"].as_f64().expect("a number"),
            )
        })
        .collect();
    let expected = [
        ("revenue", (10.0f64 / 5.0).ln() / (20.0f64 / 5.0).ln()),
        ("role", 0.5),
        ("team", 0.3),
        ("skills", 0.575),
        ("milestones", 0.5),
    ];
    assert_eq!(progress.len(), expected.len());
    for ((dimension, value), (want_dimension, want)) in progress.iter().zip(expected) {
        assert_eq!(*dimension, want_dimension);
        assert!(
            (value - want).abs() < 1e-9,
            "{dimension}: {value} is not {want}"
        );
    }
    assert_close(&view["overall"]["percent"], 47.5);

    // The quarter, as of 2026-03-20: day 79 of 90, 87.8% gone.
    let quarter = &view["quarter"];
    assert_eq!(quarter["day"], 79);
    assert_eq!(quarter["days"], 90);
    let objectives = quarter["objectives"].as_array().expect("objectives");
    let pipeline = &objectives[0];
    // (2.5M - 1M) / (4M - 1M) = 0.5 and 3/4 = 0.75, both 10 points or
    // more below 0.878: behind; the objective is their mean, 0.625, behind.
    assert_close(&pipeline["key_results"][0]["progress"], 0.5);
    assert_eq!(pipeline["key_results"][0]["pace"], "behind");
    assert_close(&pipeline["key_results"][1]["progress"], 0.75);
    assert_eq!(pipeline["key_results"][1]["pace"], "behind");
    assert_close(&pipeline["progress"], 0.625);
    assert_eq!(pipeline["pace"], "behind");
    // Done counts in full, whatever its key results say.
    assert_close(&objectives[1]["progress"], 1.0);
    assert_eq!(objectives[1]["pace"], "done");
    // 1 of 5: 0.2, behind.
    assert_close(&objectives[2]["progress"], 0.2);
    assert_eq!(objectives[2]["pace"], "behind");
    assert_close(&quarter["progress"], (0.625 + 1.0 + 0.2) / 3.0);

    // The year: revenue by its metric 1.5M / 6M; the others by the
    // quarterly objectives that support them.
    let year = &view["year"];
    let annual = year["objectives"].as_array().expect("objectives");
    assert_close(&annual[0]["progress"], 0.25);
    assert_close(&annual[1]["progress"], 1.0);
    assert_close(&annual[2]["progress"], 0.2);
    assert_close(&year["progress"], (0.25 + 1.0 + 0.2) / 3.0);

    // Year to date: 6M prorated to March 31st, day 90 of 365.
    let metric = &view["metrics"][0];
    let expected = 6_000_000.0 * 90.0 / 365.0;
    assert_close(&metric["expected"], expected);
    assert_close(&metric["actual"], 1_500_000.0);
    assert_eq!(metric["reading"], "2026-03");
    // 1.5M / 1.479M = 1.014: within 3%, on track.
    assert_eq!(metric["pace"], "on-track");

    // The skills' levels come from the history.
    assert_eq!(
        view["skills"][0]["levels"],
        serde_json::json!([["2026-03-20", 6.0]])
    );
}

#[test]
fn a_ytd_metric_behind_its_prorated_target_is_behind() {
    let repo = plan()
        .edit(METRICS_FILE, "actuals: {}", "actuals:\n      2026-06: 2.8M")
        .commit("2026-07-03", "c1");
    let output = repo
        .roadmap(&["status", "--at", "HEAD", "--format", "json"])
        .run();
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let metric = &json["plans"][0]["metrics"][0];
    // June 30th is day 181 of 365: 6M * 181/365 = 2.975M; 2.8M is 94%.
    assert_close(&metric["expected"], 6_000_000.0 * 181.0 / 365.0);
    assert_eq!(metric["pace"], "behind");
    let behind = json["plans"][0]["behind"].as_array().expect("behind");
    assert!(behind.iter().any(|b| b["id"] == "revenue"), "{behind:?}");
}

/// The stored state for carrying a replay on (`state.vN.bin`).
fn state_file(repo: &Test) -> PathBuf {
    cache_files(repo)
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("state."))
        })
        .expect("the replay's state is stored")
}

/// `report --context` on `repo`, and the same with no cache at all.
fn context_and_uncached(repo: &Test) -> (Vec<u8>, Vec<u8>) {
    let context = || {
        repo.roadmap(&["report", "--context"])
            .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
            .run()
            .stdout
    };
    let cached = context();
    fs::remove_dir_all(cache_dir(repo)).expect("remove the cache");
    (cached, context())
}

#[test]
fn a_replay_cache_without_its_state_is_replayed_again_to_go_on_not_carried_on_from_nothing() {
    let repo = Test::demo();
    repo.roadmap(&["status"]).run();
    fs::remove_file(state_file(&repo)).expect("remove the stored state");
    let repo = repo
        .edit("plans/metrics.yaml", "2026-10: 5.36M", "2026-10: 4.10M")
        .commit("2026-11-05T12:00:00Z", "October corrected");
    let (cached, uncached) = context_and_uncached(&repo);
    assert_eq!(
        String::from_utf8_lossy(&cached),
        String::from_utf8_lossy(&uncached)
    );
}

#[test]
fn a_replay_cache_without_its_state_is_replayed_again_for_uncommitted_edits() {
    let repo = Test::demo();
    repo.roadmap(&["status"]).run();
    let state = state_file(&repo);
    fs::remove_file(&state).expect("remove the stored state");
    // A clean working tree at the stored tip needs no state.
    let before = repo
        .roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", super::support::DEMO_TODAY)
        .run()
        .stdout;
    assert!(!state.exists(), "a clean warm run replayed again");
    repo.replace("plans/metrics.yaml", "2026-10: 5.36M", "2026-10: 4.10M");
    let (cached, uncached) = context_and_uncached(&repo);
    assert_ne!(cached, before, "the edit is read");
    assert_eq!(
        String::from_utf8_lossy(&cached),
        String::from_utf8_lossy(&uncached)
    );
}
