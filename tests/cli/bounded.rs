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

// State files under .git/roadmap: a FIFO, a folder, a link or a huge file
// in place of one is never trusted, and never waited on.

/// The commands that read state files, with what they print.
const READERS: &[&[&str]] = &[&["progress"], &["status"], &["hooks", "status"], &["check"]];

/// What each of [`READERS`] prints, each run bounded.
fn answers(test: &Test) -> Vec<String> {
    READERS
        .iter()
        .map(|args| {
            let output = within_bound(
                &args.join(" "),
                test.roadmap(args).env("ROADMAP_TODAY", DAY),
            );
            String::from_utf8_lossy(&output.stdout).into_owned()
        })
        .collect()
}

/// A committed plan, its answers from a clean run, and the names of the
/// state files: those the run left, and the hooks' (written by their
/// scripts).
fn with_state() -> (Test, Vec<String>, Vec<String>) {
    let test = Test::minimal().git_init().commit(DAY, "Plan");
    let clean = answers(&test);
    let mut names: Vec<String> = fs::read_dir(test.path(".git/roadmap"))
        .expect("the runs keep state")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(names.iter().any(|n| n.starts_with("replay.")), "{names:?}");
    names.extend(["report.status".to_owned(), "report.log".to_owned()]);
    names.sort();
    (test, clean, names)
}

/// Empties the state folder, then `make` puts something at `name`.
fn replace_state(test: &Test, name: &str, make: impl FnOnce(&std::path::Path)) {
    let dir = test.path(".git/roadmap");
    fs::remove_dir_all(&dir).expect("empty the state folder");
    fs::create_dir(&dir).expect("make the state folder");
    make(&dir.join(name));
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn fifo_in_place_of_a_state_file_no_longer_hangs_every_command() {
    let (test, clean, names) = with_state();
    for name in &names {
        replace_state(&test, name, mkfifo);
        assert_eq!(answers(&test), clean, "with a FIFO at {name}");
        // Again, after the run rebuilt what it writes.
        assert_eq!(answers(&test), clean, "after a FIFO at {name}");
        let kind = fs::symlink_metadata(test.path(&format!(".git/roadmap/{name}")))
            .expect("still there")
            .file_type();
        // What roadmap writes replaces the FIFO; the hooks' files are the
        // hooks' to write.
        assert!(
            kind.is_file() || name.starts_with("report."),
            "{name} is still a FIFO"
        );
    }
}

#[test]
fn folder_in_place_of_a_state_file_is_left_and_bypassed() {
    let (test, clean, names) = with_state();
    for name in &names {
        replace_state(&test, name, |path| {
            fs::create_dir(path).expect("a folder in the way");
            fs::write(path.join("inside"), "kept").expect("a file inside");
        });
        assert_eq!(answers(&test), clean, "with a folder at {name}");
        assert_eq!(answers(&test), clean, "again with a folder at {name}");
        let inside = test.path(&format!(".git/roadmap/{name}/inside"));
        assert_eq!(fs::read_to_string(inside).expect("left alone"), "kept");
    }
}

#[test]
fn sparse_2_gb_report_status_is_not_read_whole() {
    let (test, clean, _) = with_state();
    // A failed rebuild's outcome, then 2 GB of nothing: read whole, it
    // takes 2 GB of memory and says the rebuild failed.
    replace_state(&test, "report.status", |path| {
        fs::write(
            path,
            "exit=3\nhook=post-commit\nfinished=2026-03-31T10:00:00Z\n",
        )
        .expect("write");
        let file = fs::OpenOptions::new().write(true).open(path).expect("open");
        file.set_len(2 << 30)
            .expect("grow the file to 2 GB, sparse");
    });
    assert_eq!(answers(&test), clean);
}

#[cfg(unix)]
#[test]
fn state_file_linked_outside_the_repository_is_neither_trusted_nor_written() {
    let (test, clean, names) = with_state();
    let failed = "exit=3\nhook=post-commit\nfinished=2026-03-31T10:00:00Z\n";
    // As a regular file, the hooks' outcome is read ...
    replace_state(&test, "report.status", |path| {
        fs::write(path, failed).expect("write");
    });
    let hooks = test
        .roadmap(&["hooks", "status"])
        .env("ROADMAP_TODAY", DAY)
        .run();
    assert!(String::from_utf8_lossy(&hooks.stdout).contains("exit code 3"));
    // ... through a link, no state file is.
    let outside = test.outside().join("elsewhere");
    for name in &names {
        let text = if name == "report.status" {
            failed
        } else {
            "someone else's file\n"
        };
        fs::write(&outside, text).expect("the file outside");
        replace_state(&test, name, |path| {
            std::os::unix::fs::symlink(&outside, path).expect("link outside");
        });
        assert_eq!(answers(&test), clean, "with {name} linked outside");
        assert_eq!(
            fs::read_to_string(&outside).expect("still there"),
            text,
            "{name} wrote through its link"
        );
    }
}
