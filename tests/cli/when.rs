//! One point in time: the dates every output states, and what `--at`,
//! `--rev` and `diff`'s FROM and TO mean, through every command that takes
//! them. Each test is named after what a user saw break.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::support::Test;

use super::support::DEMO_TODAY as TODAY;

fn demo() -> Test {
    Test::demo()
}

fn json(test: &Test, args: &[&str]) -> Value {
    test.roadmap(args).env("ROADMAP_TODAY", TODAY).json()
}

fn text(test: &Test, args: &[&str]) -> String {
    let output = test
        .roadmap(args)
        .env("ROADMAP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn status_text_shows_one_as_of_date_beside_the_quarter_day() {
    let test = demo();
    let out = text(&test, &["status"]);
    assert!(
        out.contains("as of 2026-10-31 (last update, 35 days ago)"),
        "{out}"
    );
    assert!(out.contains("Overdue: month-review 2026-11\n"), "{out}");
    // Day 31 of Q4 is October 31st: the same day as the figures.
    assert!(out.contains("day 31 of 92"), "{out}");
    assert!(!out.contains("as of 2026-12-05"), "{out}");
    for line in out.lines().take(4) {
        assert!(line.chars().count() <= 80, "a long heading line: {line}");
    }
}

#[test]
fn status_json_holds_the_as_of_date_the_quarter_day_is_measured_at() {
    let test = demo();
    let status = json(&test, &["status", "--format", "json"]);
    let view = &status["plans"][0];
    assert_eq!(view["as_of"], "2026-10-31");
    assert_eq!(view["today"], TODAY);
    assert_eq!(view["last_update_days"], 35);
    assert_eq!(view["quarter"]["day"], 31);
    let overdue: Vec<&Value> = view["reviews_due"]
        .as_array()
        .expect("reviews_due")
        .iter()
        .filter(|r| r["overdue"] == true)
        .collect();
    assert_eq!(overdue[0]["period"], "2026-11");
}

#[test]
fn report_is_dated_as_status_is() {
    let test = demo();
    let status = json(&test, &["status", "--format", "json"]);
    let context = json(&test, &["report", "--context"]);
    assert_eq!(context["as_of"], "2026-10-31");
    assert_eq!(context["today"], TODAY);
    assert_eq!(context["plans"][0]["status"], status["plans"][0]);
    let out = text(&test, &["report"]);
    assert!(
        out.contains("(as of 2026-10-31 (last update, 35 days ago))"),
        "{out}"
    );
}

#[test]
fn dashboard_header_and_quarter_day_agree_after_an_update() {
    let test = demo();
    test.roadmap(&["record", "26q4-playbook-published", "1", "--as-of", TODAY])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    let test = test.commit(TODAY, "record: the playbook is published");
    let status = json(&test, &["status", "--format", "json"]);
    assert_eq!(status["plans"][0]["as_of"], TODAY);
    assert_eq!(status["plans"][0]["quarter"]["day"], 66);
    text(&test, &["report"]);
    let html = fs::read_to_string(test.path("dashboard/index.html")).expect("dashboard");
    assert!(html.contains(&format!("data-as-of=\"{TODAY}\"")), "header");
    assert!(html.contains("Day 66 of 92"), "quarter card");
    assert!(!html.contains("Day 61 of 92"));
    let summary = fs::read_to_string(test.path("dashboard/summary.html")).expect("summary");
    assert!(summary.contains(&format!("figures as of {TODAY}")));
}

#[test]
fn report_is_dated_by_the_last_commit_that_touched_plans_not_a_readme_edit() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-10-31", "plan")
        .file("README.md", "# My plan\n")
        .commit("2026-11-20", "README: how I use it");
    let context = json(&test, &["report", "--context"]);
    assert_eq!(context["as_of"], "2026-10-31");
    assert_eq!(context["today"], TODAY);
    let status = json(&test, &["status", "--format", "json"]);
    assert_eq!(status["plans"][0]["as_of"], "2026-10-31");
    // An uncommitted edit of the plan is an update made today.
    let edited = test.edit("plans/vision.md", "Dana Reyes", "Dana M. Reyes");
    let status = json(&edited, &["status", "--format", "json"]);
    assert_eq!(status["plans"][0]["as_of"], TODAY);
    let committed = json(&edited, &["status", "--format", "json", "--committed"]);
    assert_eq!(committed["plans"][0]["as_of"], "2026-10-31");
}

const FUTURE: &str = "2030 ends after today (2026-12-05): this is the plan as last committed";

#[test]
fn status_at_a_future_year_says_it_is_the_plan_as_last_committed() {
    let test = demo();
    let out = text(&test, &["status", "--at", "2030"]);
    assert!(out.contains(FUTURE), "{out}");
    assert!(out.contains("Skills against 2026 targets"), "{out}");
    let status = json(&test, &["status", "--at", "2030", "--format", "json"]);
    assert_eq!(status["plans"][0]["note"], FUTURE);
    assert_eq!(status["plans"][0]["as_of"], "2026-10-31");
    assert_eq!(status["plans"][0]["today"], TODAY);
    let plain = json(&test, &["status", "--format", "json", "--committed"]);
    assert_eq!(status["plans"][0]["skills"], plain["plans"][0]["skills"]);
    assert_eq!(status["plans"][0]["behind"], plain["plans"][0]["behind"]);

    let context = json(&test, &["report", "--context", "--at", "2030"]);
    assert_eq!(context["note"], FUTURE);
    for args in [
        &["diff", "2030", "HEAD"][..],
        &["progress", "--rev", "2030", "territory-revenue"],
        &["check", "--rev", "2030"],
    ] {
        test.roadmap(args)
            .env("ROADMAP_TODAY", TODAY)
            .stderr_contains(FUTURE)
            .run();
    }
}

/// Every command that takes a point in time, with `WHEN` in its place.
fn commands_with(when: &str) -> Vec<Vec<String>> {
    [
        vec!["status", "--at", when],
        vec!["report", "--context", "--at", when],
        vec!["diff", when, "HEAD"],
        vec!["diff", "HEAD", when],
        vec!["progress", "--rev", when],
        vec!["check", "--rev", when],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

const RANGE: &str = "this repository's commits run from 2025-01-31 to 2026-10-31";
const TAGS: &str = "review tags: review/2025-Q1, review/2025-Q2";

/// Every command that takes a point refuses `when` with exit 2, saying
/// `why`, what the repository holds, and nothing in libgit2's words.
fn refused_everywhere(test: &Test, when: &str, why: &str) {
    for args in commands_with(when) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = test
            .roadmap(&args)
            .env("ROADMAP_TODAY", TODAY)
            .status(2)
            .stderr_contains(why)
            .stderr_contains("a quarter (2026-Q2)")
            .stderr_contains(RANGE)
            .stderr_contains(TAGS)
            .run();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("revspec"), "{args:?}: {stderr}");
    }
}

#[test]
fn an_impossible_period_is_a_usage_error_in_roadmaps_words() {
    let test = demo();
    for (when, why) in [
        ("2026-13", "there is no month 13"),
        ("2026-Q9", "there is no quarter 9"),
        ("2026-02-30", "there is no such day"),
    ] {
        refused_everywhere(&test, when, why);
    }
}

#[test]
fn an_unknown_review_tag_lists_the_range_and_the_tags() {
    let test = demo();
    refused_everywhere(&test, "review/2026-Q9", "`review/2026-Q9` names no commit");
}

#[test]
fn progress_rev_head_and_a_branch_at_the_same_commit_agree() {
    let test = demo().git(&["branch", "same-commit", "HEAD"]).edit(
        "plans/metrics.yaml",
        "2026-10: 5.36M",
        "2026-10: 5.36M\n      2026-11: 5.9M",
    );
    let rows = |args: &[&str]| text(&test, args);
    let head = rows(&["progress", "--rev", "HEAD", "--format", "csv"]);
    let branch = rows(&["progress", "--rev", "same-commit", "--format", "csv"]);
    assert_eq!(head, branch);
    assert!(!head.contains("uncommitted"));
    // Only the working tree counts uncommitted edits.
    let worktree = rows(&["progress", "--format", "csv"]);
    assert!(worktree.contains("uncommitted"), "{worktree}");
    let status = json(&test, &["status", "--at", "HEAD", "--format", "json"]);
    assert_eq!(status["plans"][0]["as_of"], "2026-10-31");
}

/// The bytes of every file of the history cache.
fn cache(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(root.join(".git/roadmap"))
        .expect("the cache folder")
        .map(|entry| {
            let path = entry.expect("an entry").path();
            let bytes = fs::read(&path).unwrap_or_default();
            (path.display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_past_point_leaves_the_history_cache_as_it_was() {
    let test = demo();
    let before_status = text(&test, &["status"]);
    let before = cache(&test.path(""));
    assert!(!before.is_empty(), "a plain run stores the history");
    for at in ["2026-Q1", "review/2025-Q4", "2025-06-30", "HEAD~3"] {
        text(&test, &["status", "--at", at]);
        text(&test, &["report", "--context", "--at", at]);
        text(&test, &["progress", "--rev", at]);
        assert_eq!(cache(&test.path("")), before, "--at {at} changed the cache");
    }
    assert_eq!(text(&test, &["status"]), before_status);
}

#[test]
fn every_point_form_means_the_same_in_status_and_report() {
    let test = demo();
    let sha = test.git_stdout(&["rev-parse", "review/2026-Q2^{commit}"]);
    let test = test.git(&["branch", "june", "review/2026-Q2"]);
    // The date, month, quarter, tag, sha and branch of the end of June.
    for at in [
        "2026-06-30",
        "2026-06",
        "2026-Q2",
        "review/2026-Q2",
        sha.as_str(),
        "june",
    ] {
        let status = json(&test, &["status", "--at", at, "--format", "json"]);
        let context = json(&test, &["report", "--context", "--at", at]);
        assert_eq!(status["plans"][0]["as_of"], "2026-06-30", "--at {at}");
        assert_eq!(status["plans"][0]["today"], "2026-06-30", "--at {at}");
        assert_eq!(status["plans"][0]["quarter"]["day"], 91, "--at {at}");
        assert_eq!(context["as_of"], "2026-06-30", "--at {at}");
        assert_eq!(
            context["plans"][0]["status"], status["plans"][0],
            "--at {at}"
        );
        assert_eq!(context["revision"], sha.as_str(), "--at {at}");
        test.roadmap(&["check", "--rev", at]).run();
        let rows = json(&test, &["progress", "--rev", at, "--format", "json"]);
        let last = rows["observations"]
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|r| r["date"].as_str())
            .filter(|d| !d.is_empty())
            .max()
            .expect("a dated row");
        assert!(last <= "2026-06-30", "--rev {at}: a row of {last}");
        let diff = json(&test, &["diff", at, "review/2026-Q2", "--format", "json"]);
        assert_eq!(diff["from"]["commit"], sha.as_str(), "--at {at}");
        assert!(diff["changed"].as_array().is_none_or(Vec::is_empty));
    }
    // A year that has not ended: the plan as last committed, due today.
    let year = json(&test, &["status", "--at", "2026", "--format", "json"]);
    assert_eq!(year["plans"][0]["as_of"], "2026-10-31");
    assert_eq!(year["plans"][0]["today"], TODAY);
}
