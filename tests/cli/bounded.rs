//! Hostile plan files and damaged state files: every command answers within
//! a bound, refusing what is too deep and rebuilding what is not a file.
//!
//! The hostile input is made at run time. A debug build on a shared machine
//! is slow, so the bounds are generous; before these checks the same runs
//! took from half a minute to more than a minute.

use std::fs;
use std::process::Output;
use std::time::{Duration, Instant};

use super::support::{Run, Test};

const DAY: &str = "2026-03-31";

/// Far above what a linear reading of a few megabytes takes even in a
/// debug build, far below the minute the quadratic one took.
const BOUND: Duration = Duration::from_secs(20);

/// Runs `run` and fails if it took longer than [`BOUND`].
fn within_bound(what: &str, run: Run) -> Output {
    let started = Instant::now();
    let output = run.run();
    let took = started.elapsed();
    assert!(took < BOUND, "{what} took {took:?}");
    output
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn flow_nesting(depth: usize) -> String {
    format!("x: {}{}\n", "[".repeat(depth), "]".repeat(depth))
}

fn append(test: &Test, rel: &str, tail: &str) {
    let mut text = fs::read_to_string(test.path(rel)).expect("read the plan file");
    text.push_str(tail);
    fs::write(test.path(rel), text).expect("write the plan file");
}

/// A plan committed clean, then committed again with `tail` appended to
/// `rel`: the history holds the hostile version.
fn committed_with(rel: &str, tail: &str) -> Test {
    let test = Test::minimal().git_init().commit(DAY, "Plan");
    append(&test, rel, tail);
    test.commit("2026-04-30", "Hostile")
}

const TOO_DEEP: &str = "nesting is too deep (more than 128 levels)";

/// Every command that reads the plan, on a repository whose last commit
/// holds `tail` appended to `rel`; the message names the file and line.
fn every_command_refuses(rel: &str, tail: &str, at: &str) {
    let test = committed_with(rel, tail);
    // Cold: no cache under .git/roadmap yet.
    let progress = within_bound(
        "progress",
        test.roadmap(&["progress"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
    assert!(text(&progress).contains(TOO_DEEP), "{}", text(&progress));
    let check = within_bound(
        "check",
        test.roadmap(&["check"]).env("ROADMAP_TODAY", DAY).status(1),
    );
    let shown = text(&check);
    assert!(shown.contains(TOO_DEEP), "{shown}");
    assert!(shown.contains(at), "{shown}");
    within_bound(
        "status",
        test.roadmap(&["status"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
    let diff = within_bound(
        "diff",
        test.roadmap(&["diff", "HEAD~1", "HEAD"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
    assert!(text(&diff).contains(TOO_DEEP), "{}", text(&diff));

    // The pre-commit hook's path: the hostile text staged, not committed.
    let test = Test::minimal().git_init().commit(DAY, "Plan");
    append(&test, rel, tail);
    let test = test.stage(rel);
    let staged = within_bound(
        "check --staged",
        test.roadmap(&["check", "--staged"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
    assert!(text(&staged).contains(TOO_DEEP), "{}", text(&staged));
}

#[test]
fn flow_nesting_100000_deep_no_longer_stalls_every_command() {
    every_command_refuses(
        "plans/metrics.yaml",
        &flow_nesting(100_000),
        "plans/metrics.yaml:17:131",
    );
}

#[test]
fn flow_nesting_50000_deep_no_longer_stalls_every_command() {
    every_command_refuses(
        "plans/metrics.yaml",
        &flow_nesting(50_000),
        "plans/metrics.yaml:17:131",
    );
}

#[test]
fn block_nesting_of_a_megabyte_of_dashes_is_refused() {
    let tail = format!("x:\n  {}deep\n", "- ".repeat(500_000));
    every_command_refuses("plans/metrics.yaml", &tail, "plans/metrics.yaml:18:");
}

#[test]
fn flow_nesting_in_markdown_front_matter_is_refused_at_its_line_in_the_file() {
    let test = Test::minimal();
    let vision = fs::read_to_string(test.path("plans/vision.md")).expect("read the vision");
    let deep = format!(
        "---\nx: {}{}\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    let vision = vision.replacen("---\n", &deep, 1);
    let test = test
        .file("plans/vision.md", vision)
        .git_init()
        .commit(DAY, "Plan");
    let check = within_bound(
        "check",
        test.roadmap(&["check"]).env("ROADMAP_TODAY", DAY).status(1),
    );
    let shown = text(&check);
    assert!(shown.contains(TOO_DEEP), "{shown}");
    // The front matter's second line is the file's second line.
    assert!(shown.contains("plans/vision.md:2:"), "{shown}");
    within_bound(
        "progress",
        test.roadmap(&["progress"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
}

#[test]
fn brackets_and_quotes_in_text_do_not_count_as_nesting() {
    // Brackets, quotes and `#` where YAML reads them as text: a comment,
    // a plain scalar, a quoted one and a block scalar.
    let many = "[".repeat(1_000);
    let test = Test::minimal()
        .edit(
            "plans/vision.md",
            "statement: Lead a sales region that customers trust.",
            &format!("# {many}\nstatement: Lead C[[[[++ teams, don't stop {{{{{{{{ # {many}"),
        )
        .edit(
            "plans/metrics.yaml",
            "name: Territory revenue",
            &format!("name: \"Territory {many} revenue\"\n    # '{many}"),
        );
    test.roadmap(&["check"]).env("ROADMAP_TODAY", DAY).run();
}

#[test]
fn alias_bomb_in_history_is_refused_by_every_command() {
    let bomb = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken/alias-bomb/plans/metrics.yaml");
    let bomb = fs::read_to_string(bomb).expect("read the alias bomb");
    let test = Test::minimal()
        .git_init()
        .commit(DAY, "Plan")
        .file("plans/metrics.yaml", bomb)
        .commit("2026-04-30", "Hostile");
    let refused = "aliases expand too much";
    for args in [&["progress"][..], &["diff", "HEAD~1", "HEAD"], &["check"]] {
        let output = within_bound(
            args[0],
            test.roadmap(args).env("ROADMAP_TODAY", DAY).status(1),
        );
        assert!(text(&output).contains(refused), "{}", text(&output));
    }
    within_bound(
        "status",
        test.roadmap(&["status"])
            .env("ROADMAP_TODAY", DAY)
            .status(1),
    );
}
