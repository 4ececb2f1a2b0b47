//! Working the plan: `roadmap new`, `roadmap record` and `roadmap review`
//! on a hand-written plan full of comments and odd formatting
//! (`tests/plan_fixture`), in a real git repository with a fixed-date
//! commit. Edits are compared byte for byte: only the intended lines may
//! differ. The interactive review runs on a pseudo-terminal through
//! util-linux `script`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::support::{Outcome as Run, Terminal, Test};

struct Repo {
    test: Test,
}

impl Repo {
    /// The fixture plan, committed once on 2026-10-31.
    fn new() -> Self {
        let test = Test::new()
            .tree(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plan_fixture"),
                ".",
            )
            .git_init()
            .git(&["config", "user.name", "Test"])
            .git(&["config", "user.email", "test@example.com"])
            .commit("2026-10-31T12:00:00+00:00", "start");
        Repo { test }
    }

    fn path(&self) -> PathBuf {
        self.test.path("")
    }

    /// git in the repository, which must succeed; its stdout.
    fn git(&self, args: &[&str]) -> String {
        self.git_at("2026-10-31T12:00:00+00:00", args)
    }

    /// As `git`, committing at `date`.
    fn git_at(&self, date: &str, args: &[&str]) -> String {
        let output = self
            .test
            .git_command()
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .args(args)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = self
            .test
            .roadmap_command()
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .expect("roadmap runs");
        output.into()
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}{}", run.stdout, run.stderr);
        run
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).expect("read")
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.path().join(rel), text).expect("write");
    }

    /// Every file under `plans/`, by path.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
            for entry in fs::read_dir(dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let rel = path.strip_prefix(root).expect("inside").to_string_lossy();
                    out.insert(rel.into_owned(), fs::read(&path).expect("read"));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(&self.path(), &self.path().join("plans"), &mut out);
        out
    }

    /// `roadmap ARGS` on a pseudo-terminal fed `input`.
    fn run_on_terminal(&self, args: &str, input: &str) -> Run {
        self.run_on_terminal_in_parts(args, &[input])
    }

    /// As `run_on_terminal`, typing each part after a pause, as a person
    /// would: an interrupt then lands in the middle of the session.
    fn run_on_terminal_in_parts(&self, args: &str, parts: &[&str]) -> Run {
        let terminal = parts
            .iter()
            .fold(self.test.roadmap_on_terminal(args), Terminal::typed);
        terminal.run().into()
    }
}

/// `after` is `before` with exactly the lines `changes` (old, new) changed:
/// `None` as old inserts the new line after `anchor`.
fn replaced(before: &str, changes: &[(&str, &str)]) -> String {
    let mut text = before.to_owned();
    for (old, new) in changes {
        assert!(text.contains(old), "`{old}` not in\n{text}");
        text = text.replacen(old, new, 1);
    }
    text
}

fn assert_check_clean(repo: &Repo) {
    let check = repo.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("no errors"), "{}", check.stdout);
}

// ------------------------------------------------------------------- record

#[test]
fn a_metric_reading_adds_one_line_and_changes_nothing_else() {
    let repo = Repo::new();
    let before = repo.read("plans/metrics.yaml");
    repo.ok(&["record", "revenue", "5.9M", "--as-of", "2026-11-30"]);
    let expected = replaced(
        &before,
        &[(
            "            2026-10: '4.6M'\n",
            "            2026-10: '4.6M'\n            2026-11: 5.9M\n",
        )],
    );
    assert_eq!(repo.read("plans/metrics.yaml"), expected);
}

#[test]
fn values_in_every_accepted_form_are_written_as_typed() {
    let repo = Repo::new();
    let before = repo.read("plans/metrics.yaml");
    repo.ok(&["record", "revenue", "5,900,000", "--as-of", "2026-11-30"]);
    repo.ok(&["record", "share", "72%", "--as-of", "2026-11-30"]);
    let expected = replaced(
        &before,
        &[
            (
                "            2026-10: '4.6M'\n",
                "            2026-10: '4.6M'\n            2026-11: 5,900,000\n",
            ),
            (
                "      targets: {2026: 21%}\n",
                "      targets: {2026: 21%}\n      actuals:\n        2026-11: 72%\n",
            ),
        ],
    );
    assert_eq!(repo.read("plans/metrics.yaml"), expected);
}

#[test]
fn a_key_result_in_a_flow_mapping_keeps_its_style_and_the_file_its_comments() {
    let repo = Repo::new();
    let before = repo.read("plans/quarters/2026-Q4.md");
    repo.ok(&["record", "kr-new", "850k", "--as-of", "2026-11-20"]);
    repo.ok(&["record", "kr-accounts", "7", "--as-of", "2026-11-20"]);
    let expected = replaced(
        &before,
        &[
            ("as_of: 2026-10-31\n", "as_of: 2026-11-20\n"),
            (
                "target: 1.2M, current: 400k,",
                "target: 1.2M, current: 850k,",
            ),
            (
                "        current: 3   # three so far\n",
                "        current: 7   # three so far\n",
            ),
        ],
    );
    assert_eq!(repo.read("plans/quarters/2026-Q4.md"), expected);
}

#[test]
fn done_checkin_skill_win_and_learning_touch_only_their_lines() {
    let repo = Repo::new();
    let quarter = repo.read("plans/quarters/2026-Q4.md");
    let skills = repo.read("plans/capabilities.yaml");
    repo.ok(&["record", "done", "m-forecast", "--as-of", "2026-11-12"]);
    repo.ok(&["record", "checkin", "deep-work", "--date", "2026-11-07"]);
    repo.ok(&["record", "negotiation", "7", "--as-of", "2026-11-12"]);
    repo.ok(&[
        "record",
        "win",
        "Closed Kennecott: $400k",
        "--as-of",
        "2026-11-12",
    ]);
    repo.ok(&[
        "record",
        "learning",
        "Mondays work",
        "--as-of",
        "2026-11-13",
    ]);
    assert_eq!(
        repo.read("plans/quarters/2026-Q4.md"),
        replaced(
            &quarter,
            &[
                ("as_of: 2026-10-31\n", "as_of: 2026-11-12\n"),
                (
                    "        status: active\n  - id: q4-team",
                    "        status: done\n        done: 2026-11-12\n  - id: q4-team"
                ),
            ]
        )
    );
    assert_eq!(
        repo.read("plans/checkins/2026-11.yaml"),
        "deep-work: \"xxx.x.x\"   # first week\n"
    );
    assert_eq!(
        repo.read("plans/capabilities.yaml"),
        replaced(
            &skills,
            &[("level: 6   # assessed", "level: 7   # assessed")]
        )
    );
    let review = repo.read("plans/reviews/2026-11.md");
    assert!(
        review.contains(
            "wins: [{title: \"Closed Kennecott: $400k\", date: 2026-11-12}]\nlearnings: [Mondays work]\n"
        ),
        "{review}"
    );
    assert!(review.contains("## What did I learn?"), "{review}");
    assert_check_clean(&repo);
    // The history dates both logs: the win by its date, the learning by
    // the review's.
    let csv = repo.ok(&["progress", "--format", "csv"]).stdout;
    assert!(
        csv.contains("2026-11-12,win,win,2026-11,Closed Kennecott: $400k,"),
        "{csv}"
    );
    assert!(
        csv.contains("2026-11-12,learning,learning,2026-11,Mondays work,"),
        "{csv}"
    );
}

#[test]
fn record_commit_commits_the_changed_file_with_a_generated_message() {
    let repo = Repo::new();
    let run = repo.ok(&[
        "record",
        "revenue",
        "5.9M",
        "--as-of",
        "2026-11-30",
        "--commit",
    ]);
    assert!(run.stdout.contains("committed"), "{}", run.stdout);
    let log = repo.git(&["log", "-1", "--format=%s", "--name-only"]);
    assert_eq!(
        log,
        "record: revenue 5.9M (2026-11)\n\nplans/metrics.yaml\n"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn bad_values_and_unknown_ids_are_refused_and_no_file_changes() {
    let repo = Repo::new();
    let before = repo.files();
    for (args, message) in [
        (
            vec!["record", "revenue", "abc"],
            "`revenue` (metric, in USD): `abc` is not a value: write `4.36M`, `$4.36M`, `850k` or `$4,360,000`",
        ),
        (
            vec!["record", "revenue", "-5"],
            "`-5`: a value cannot be negative",
        ),
        (
            vec!["record", "negotiation", "12"],
            "12 is not a skill level: levels go from 1 to 10",
        ),
        (
            vec!["record", "revenu", "5M"],
            "hint: did you mean `revenue`?",
        ),
        (
            vec!["record", "checkin", "deep-wrok"],
            "unknown habit id `deep-wrok`; nothing was changed\n  hint: did you mean `deep-work`?",
        ),
        (
            vec!["record", "done", "m-forcast"],
            "hint: did you mean `m-forecast`?",
        ),
    ] {
        let run = repo.run(&args);
        assert!(run.code == 1 || run.code == 2, "{args:?}: {}", run.code);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(repo.files(), before, "{args:?} changed a file");
    }
}

#[test]
fn a_file_with_a_syntax_error_is_not_edited_and_the_message_says_where() {
    let repo = Repo::new();
    let broken = repo
        .read("plans/metrics.yaml")
        .replace("targets: {2026: 21%}", "targets: {2026: 21%");
    repo.write("plans/metrics.yaml", &broken);
    let before = repo.files();
    let run = repo.run(&["record", "revenue", "5.9M"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("plans/metrics.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("not changed"), "{}", run.stderr);
    assert_eq!(repo.files(), before);
}

// ---------------------------------------------------------------------- new

#[test]
fn new_writes_each_kind_and_the_plan_still_checks() {
    let repo = Repo::new();
    for (kind, period, file) in [
        ("year", "2027", "plans/years/2027.md"),
        ("quarter", "2027-Q1", "plans/quarters/2027-Q1.md"),
        ("month-review", "2026-11", "plans/reviews/2026-11.md"),
        ("quarter-review", "2026-Q4", "plans/reviews/2026-Q4.md"),
        ("year-review", "2026", "plans/reviews/2026.md"),
    ] {
        let run = repo.ok(&["new", kind, period, "--as-of", "2026-12-20"]);
        assert_eq!(run.stdout, format!("wrote {file}\n"));
        assert_check_clean(&repo);
        let again = repo.run(&["new", kind, period]);
        assert_eq!(again.code, 2, "{kind} overwrote");
        assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    }
    let quarter = repo.read("plans/quarters/2027-Q1.md");
    // The unfinished objectives carry over, linked to the new year's.
    assert!(quarter.contains("  - id: q4-revenue\n"), "{quarter}");
    assert!(quarter.contains("supports: [y27-revenue]"), "{quarter}");
    let year = repo.read("plans/years/2027.md");
    assert!(year.contains("  - id: y27-revenue\n"), "{year}");
    assert!(year.contains("    metric: revenue\n"), "{year}");
    let month = repo.read("plans/reviews/2026-11.md");
    for question in [
        "## What did I accomplish this month?",
        "## What's ahead of target? Behind target?",
        "## What did I learn?",
        "## What needs to change next month?",
        "## Am I working on the right things?",
    ] {
        assert!(month.contains(question), "{question}");
    }
    assert!(
        repo.read("plans/reviews/2026.md")
            .contains("## Define next year strategy")
    );
}

#[test]
fn new_defaults_to_the_next_period_due() {
    let repo = Repo::new();
    let run = repo.ok(&["new", "quarter", "--as-of", "2026-11-15"]);
    assert_eq!(run.stdout, "wrote plans/quarters/2027-Q1.md\n");
    let run = repo.ok(&["new", "month-review", "--as-of", "2026-11-15"]);
    assert_eq!(run.stdout, "wrote plans/reviews/2026-10.md\n");
}

// ------------------------------------------------------------------- review

#[test]
fn a_review_from_an_answers_file_writes_everything_commits_and_tags() {
    let repo = Repo::new();
    repo.write(
        "answers.yaml",
        "values:\n  revenue: 6.1M\n  kr-hires: 1\nskills: {negotiation: 7}\nanswers:\n  What went well this quarter?: ignored\n",
    );
    let run = repo.run(&["review", "2026-Q4", "--answers", "answers.yaml"]);
    assert_eq!(run.code, 2, "a heading of another review is refused");
    assert!(
        run.stderr.contains("no question `What went well"),
        "{}",
        run.stderr
    );

    repo.write(
        "answers.yaml",
        "values:\n  revenue: 6.1M\n  kr-hires: 1\nskills: {negotiation: 7}\nanswers:\n  - Hired the second AE.\n  - null\n  - Relationships held.\nwins: [Second AE hired]\nlearnings: [Hire early]\non_track: yes\n",
    );
    let run = repo.ok(&[
        "review",
        "2026-Q4",
        "--answers",
        "answers.yaml",
        "--as-of",
        "2026-12-20",
        "--commit",
        "--tag",
    ]);
    assert!(
        run.stdout.contains("tagged review/2026-Q4"),
        "{}",
        run.stdout
    );
    assert_eq!(repo.git(&["log", "-1", "--format=%s"]), "review: 2026-Q4\n");
    assert_eq!(repo.git(&["tag", "--list"]), "review/2026-Q4\n");
    let review = repo.read("plans/reviews/2026-Q4.md");
    assert!(review.contains("wins:\n  - Second AE hired\n"), "{review}");
    assert!(review.contains("on_track: yes\n"), "{review}");
    assert!(review.contains("  negotiation: 7\n"), "{review}");
    assert!(review.contains("Hired the second AE.\n"), "{review}");
    assert!(
        repo.read("plans/metrics.yaml")
            .contains("            2026-12: 6.1M\n")
    );
    assert!(
        repo.read("plans/capabilities.yaml")
            .contains("level: 7   # assessed")
    );
    assert_check_clean(&repo);
}

/// Values: revenue, share, kr-new, kr-accounts (`abc` asked again), hires,
/// the milestone due in November (Enter keeps it); five answers; wins;
/// learnings; corrections; on track; commit.
const SESSION: &str =
    "5.8M\n\n\nabc\n5\n\n\nClosed two deals\n\n\n\n\n\nBig win\n\nLearned X\n\n\nyes\nn\n";

#[test]
fn the_review_on_a_terminal_takes_typed_values_and_enter_keeps() {
    let repo = Repo::new();
    let metrics = repo.read("plans/metrics.yaml");
    let quarter = repo.read("plans/quarters/2026-Q4.md");
    let run = repo.run_on_terminal("review 2026-11 --as-of 2026-11-30", SESSION);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("`abc` is not a value"),
        "{}",
        run.stdout
    );
    assert_eq!(
        repo.read("plans/metrics.yaml"),
        replaced(
            &metrics,
            &[(
                "            2026-10: '4.6M'\n",
                "            2026-10: '4.6M'\n            2026-11: 5.8M\n"
            )]
        )
    );
    assert_eq!(
        repo.read("plans/quarters/2026-Q4.md"),
        replaced(
            &quarter,
            &[
                ("as_of: 2026-10-31\n", "as_of: 2026-11-30\n"),
                ("current: 3   # three", "current: 5   # three"),
            ]
        )
    );
    let review = repo.read("plans/reviews/2026-11.md");
    assert!(
        review.contains(
            "wins:\n  - Big win\nlearnings:\n  - Learned X\ncorrections: []\non_track: yes\n"
        ),
        "{review}"
    );
    assert!(review.contains("\nClosed two deals\n"), "{review}");
    // Declined: nothing committed.
    assert_eq!(repo.git(&["log", "--format=%s"]), "start\n");
    assert_check_clean(&repo);
}

#[test]
fn stopping_the_review_midway_leaves_every_file_as_it_was() {
    for (input, what) in [
        (vec!["5.8M\n\n"], "end of input (Ctrl-D)"),
        (
            vec!["5.8M\n\n\n3\n\n\nClosed two deals\n", "\u{3}"],
            "Ctrl-C",
        ),
    ] {
        let repo = Repo::new();
        let before = repo.files();
        let run = repo.run_on_terminal_in_parts("review 2026-11 --as-of 2026-11-30", &input);
        assert_ne!(run.code, 0, "{what}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("review stopped; nothing was changed"),
            "{what}: {}",
            run.stdout
        );
        if what == "Ctrl-C" {
            // Stopped in the middle of the questions, values already given.
            let asked = run.stdout.find("What did I accomplish this month?");
            let stopped = run.stdout.find("review stopped");
            assert!(asked.is_some() && asked < stopped, "{}", run.stdout);
        }
        assert_eq!(repo.files(), before, "{what}");
        assert_eq!(repo.git(&["status", "--porcelain"]), "", "{what}");
    }
}

#[test]
fn without_a_terminal_the_review_asks_for_an_answers_file() {
    let repo = Repo::new();
    let run = repo.run(&["review", "2026-11"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--answers FILE"), "{}", run.stderr);
}

#[test]
fn a_review_adds_to_the_review_that_record_started() {
    let repo = Repo::new();
    repo.ok(&["record", "win", "First", "--as-of", "2026-11-12"]);
    repo.write(
        "answers.yaml",
        "answers:\n  What did I learn?: Lots.\nwins: [Second]\non_track: no\n",
    );
    repo.ok(&[
        "review",
        "2026-11",
        "--answers",
        "answers.yaml",
        "--as-of",
        "2026-11-30",
    ]);
    let review = repo.read("plans/reviews/2026-11.md");
    assert!(
        review.contains(
            "as_of: 2026-11-30\nwins: [{title: First, date: 2026-11-12}, {title: Second, date: 2026-11-30}]\n"
        ),
        "{review}"
    );
    assert!(review.contains("on_track: no\n"), "{review}");
    assert!(
        review.contains("## What did I learn?\n\nLots.\n"),
        "{review}"
    );
    assert_check_clean(&repo);
}

#[test]
fn status_shows_habit_completion_a_streak_about_to_break_and_the_running_total() {
    let repo = Repo::new();
    repo.ok(&["record", "checkin", "deep-work", "--date", "2026-11-05"]);
    repo.ok(&[
        "record",
        "checkin",
        "deep-work",
        "--missed",
        "--date",
        "2026-11-06",
    ]);
    assert_eq!(
        repo.read("plans/checkins/2026-11.yaml"),
        "deep-work: \"xxx.x.\"   # first week\n"
    );
    repo.write("plans/checkins/2026-11.yaml", "deep-work: \"xxxxx\"\n");
    repo.git_at("2026-11-06T18:00:00+00:00", &["commit", "-qam", "week one"]);
    let status = repo.ok(&["status", "--at", "HEAD"]).stdout;
    assert!(
        status.contains("streak 5 (best 5), week 80%, month 83%"),
        "{status}"
    );
    assert!(
        status.contains("! the 5-day streak breaks unless it is done today"),
        "{status}"
    );
    assert!(
        status.contains("2 h over 5 check-ins toward Negotiation"),
        "{status}"
    );
}
