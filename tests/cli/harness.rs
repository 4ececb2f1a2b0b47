//! The harness itself: every test file is a module of the one binary,
//! only `support.rs` starts git, `roadmap` or a pseudo-terminal and builds
//! repositories, and what it starts runs in one environment that no
//! machine or user setting reaches.

use std::fs;
use std::path::Path;

use super::support::{AUTHOR, STATEMENT, Test, minimal_plans};

fn tests_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests"))
}

/// The `.rs` files directly in `dir`, by name without the extension.
fn rust_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read a tests folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            p.file_stem()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// With `autotests = false`, a file cargo is not told about is never
/// compiled: a test in it would silently not run.
#[test]
fn every_test_file_is_compiled_into_the_one_binary() {
    assert_eq!(
        rust_files(tests_dir()),
        ["cli"],
        "tests/ holds one binary, tests/cli.rs: put a new test file under \
         tests/cli/ and add its `mod` line to tests/cli.rs"
    );
    let root = fs::read_to_string(tests_dir().join("cli.rs")).expect("tests/cli.rs");
    for name in rust_files(&tests_dir().join("cli")) {
        assert!(
            root.contains(&format!("    mod {name};")),
            "tests/cli/{name}.rs is not a module of tests/cli.rs: add `mod {name};`"
        );
    }
}

/// One git helper, one runner of the binary, one pseudo-terminal: a test
/// file that starts its own does so in an environment of its own.
#[test]
fn only_the_harness_starts_git_roadmap_or_a_terminal() {
    // Spelled in two halves, so this file does not match itself.
    let starts = [
        (
            concat!("Command::new(", "\"git\")"),
            "Test::git_command or support::git_in",
        ),
        (concat!("Command::new(", "\"script\")"), "Test::terminal"),
        (
            concat!("Command::new(", "BIN)"),
            "Test::roadmap or Test::roadmap_command",
        ),
        (
            concat!("Command::new(", "env!(\"CARGO_BIN_EXE"),
            "Test::roadmap",
        ),
        (concat!("cargo_", "bin("), "Test::roadmap"),
        (concat!("CARGO_BIN_", "EXE_roadmap"), "support::BIN"),
    ];
    let dir = tests_dir().join("cli");
    let mut found = Vec::new();
    for name in rust_files(&dir) {
        if name == "support" {
            continue;
        }
        let text = fs::read_to_string(dir.join(format!("{name}.rs"))).expect("a test file");
        for (line, number) in text.lines().zip(1..) {
            for (start, instead) in starts {
                if line.contains(start) {
                    found.push(format!(
                        "tests/cli/{name}.rs:{number}: {start}: use {instead}"
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A test file builds its repository with `Test` (commits on fixed days,
/// named commits, merges) and runs git through `Test::git*` or
/// `support::git_in`: a git runner or commit maker of its own is a second
/// builder. The files below keep one for a reason of their own; the list
/// is exact, so an exception that is gone comes off it.
#[test]
fn only_the_harness_builds_repositories_and_runs_git() {
    const RUNNERS: [&str; 11] = [
        "git",
        "git_at",
        "git_command",
        "git_in",
        "git_ok",
        "git_output",
        "commit",
        "commit_all",
        "commit_staged",
        "merge",
        "merge_conflicting",
    ];
    let kept: [(&str, &[&str], &str); 3] = [
        (
            "forge",
            &["git", "git_command"],
            "pushes at the push date, whose refusals the tests read",
        ),
        (
            "hooks",
            &["git_command", "git_in", "git", "git_ok", "commit_all"],
            "git as the installed hooks run: the binary under test first on PATH",
        ),
        (
            "plan",
            &["git", "git_at"],
            "git's stdout as git wrote it, at the fixture's review date",
        ),
    ];
    let dir = tests_dir().join("cli");
    let mut found = Vec::new();
    let mut used = Vec::new();
    for name in rust_files(&dir) {
        if name == "support" {
            continue;
        }
        let text = fs::read_to_string(dir.join(format!("{name}.rs"))).expect("a test file");
        let allowed = kept
            .iter()
            .find(|(file, _, _)| *file == name)
            .map_or(&[][..], |(_, fns, _)| *fns);
        for (line, number) in text.lines().zip(1..) {
            for runner in RUNNERS {
                if !line.trim_start().starts_with(&format!("fn {runner}(")) {
                    continue;
                }
                if allowed.contains(&runner) {
                    used.push((name.clone(), runner));
                } else {
                    found.push(format!(
                        "tests/cli/{name}.rs:{number}: fn {runner}: build with Test and run \
                         git with Test::git, Test::git_stdout or support::git_in"
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    for (file, fns, why) in kept {
        for runner in fns {
            assert!(
                used.contains(&(file.to_owned(), runner)),
                "tests/cli/{file}.rs no longer has its own fn {runner} ({why}): \
                 take it off this list"
            );
        }
    }
}

/// Nothing of the machine's or the user's git configuration (hooks path,
/// templates, signing, line endings, default branch) reaches a test's git:
/// only the harness's own settings and the repository's.
#[test]
fn git_in_a_test_reads_no_configuration_but_the_repositorys() {
    let test = Test::new().git_init();
    let config = test.git_stdout(&["config", "--list", "--show-origin"]);
    for line in config.lines() {
        assert!(
            line.starts_with("command line:") || line.starts_with("file:.git/config"),
            "{line}\n{config}"
        );
    }
    assert_eq!(
        test.git_stdout(&["symbolic-ref", "HEAD"]),
        "refs/heads/main"
    );
}

/// Commits are made by one person, on the day the test gives, in UTC,
/// whatever the machine's clock, time zone or user.
#[test]
fn commits_in_a_test_have_one_author_the_given_day_and_utc() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-03-31", "plan")
        .commit("2026-04-30T18:30:00-07:00", "later");
    let log = test.git_stdout(&[
        "log",
        "--format=%an <%ae>|%cn <%ce>|%ad|%cd",
        "--date=iso-strict-local",
    ]);
    let who = format!("{} <{}>", AUTHOR.0, AUTHOR.1);
    assert_eq!(
        log,
        format!(
            "{who}|{who}|2026-05-01T01:30:00Z|2026-05-01T01:30:00Z\n\
             {who}|{who}|2026-03-31T09:00:00Z|2026-03-31T09:00:00Z"
        )
    );
}

/// A commit is named by its message: the test finds its id by the name
/// and the name by the id. A merge is a commit of both parents on its
/// day; a conflicting merge waits for the test to resolve and commit it.
#[test]
fn commits_and_merges_are_found_by_their_names() {
    let test = Test::minimal()
        .git_init()
        .commit("2026-01-05", "c1")
        .git(&["checkout", "--quiet", "-b", "side"])
        .edit("plans/vision.md", STATEMENT, "On the side.")
        .commit("2026-01-10", "side1")
        .git(&["checkout", "--quiet", "main"])
        .file("plans/notes.md", "Main.\n")
        .commit("2026-01-12", "main2")
        .merge("side", "2026-01-15", "merge");
    let c1 = test.id("c1").to_owned();
    let vision = fs::read_to_string(minimal_plans().join("vision.md")).expect("the vision");
    let test = test
        .git(&["checkout", "--quiet", "-b", "late", &c1])
        .edit("plans/vision.md", STATEMENT, "Late.")
        .commit("2026-01-16", "late1")
        .git(&["checkout", "--quiet", "main"])
        .merge_conflicting("late")
        .file("plans/vision.md", vision.replace(STATEMENT, "Both."))
        .commit("2026-01-20", "resolved");
    let parents = |name: &str| {
        test.git_stdout(&[
            "log",
            "-1",
            "--format=%P %ad",
            "--date=short",
            test.id(name),
        ])
    };
    assert_eq!(
        parents("merge"),
        format!("{} {} 2026-01-15", test.id("main2"), test.id("side1"))
    );
    assert_eq!(
        parents("resolved"),
        format!("{} {} 2026-01-20", test.id("merge"), test.id("late1"))
    );
    assert_eq!(test.git_stdout(&["rev-parse", "HEAD"]), test.id("resolved"));
    assert_eq!(test.name_of(test.id("c1")), "c1");
    assert_eq!(test.name_of("0123abc"), "0123abc");
}

#[test]
fn the_terminal_runner_gives_the_program_a_terminal_and_types_each_part() {
    let output = Test::new()
        .terminal("test -t 0 && test -t 1 && read a && read b && echo \"tty [$a] [$b]\"")
        .typed("one\n")
        .typed("two\n")
        .run();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("tty [one] [two]"), "{shown}");
}

/// The watcher runner starts `roadmap watch` on the repository the test
/// built and sees it rebuild.
#[test]
fn the_watch_runner_watches_the_repository_the_test_built() {
    let watch = Test::minimal()
        .edit("plans/vision.md", STATEMENT, "Built by the test.")
        .git_init()
        .watch(&[]);
    assert!(watch.report().contains("Built by the test."));
}
