//! `roadmap init`: answers files, the bundled example, the questionnaire on
//! a pseudo-terminal, and what it refuses to do. Every test runs the real
//! binary in a fresh temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::support::{Outcome as Run, Test};

/// The guide's sales manager, answered in a file: the answers the
/// generator's unit tests start from too.
const GOOD: &str = include_str!("../fixtures/init/answers.yaml");

/// The same person on a terminal: current state, vision, the roles of the
/// three middle phases, milestones, six areas (level, target), focus,
/// constraints. A growth of `abc` and a level of 14 are answered again.
const SESSION: &str = include_str!("../fixtures/init/session.txt");

/// A temporary folder holding `plan/`, the folder a plan is written into.
struct Sandbox {
    test: Test,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            test: Test::named("plan"),
        }
    }

    fn plan(&self) -> PathBuf {
        self.test.path("")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.test.outside().join(name);
        fs::write(&path, text).expect("write");
        path
    }

    /// Runs `roadmap` in `plan/` with no terminal on stdin.
    fn run(&self, args: &[&str]) -> Run {
        self.run_in(&self.plan(), args)
    }

    /// Runs `roadmap init` on a pseudo-terminal fed `input`.
    fn run_on_terminal(&self, input: &str) -> Run {
        self.test
            .roadmap_on_terminal("init")
            .typed(input)
            .run()
            .into()
    }

    /// `roadmap init --answers` in `plan/`, answered by `text` in a file
    /// beside it.
    fn init_with(&self, text: &str) -> Run {
        self.write("answers.yaml", text);
        self.run(&["init", "--answers", "../answers.yaml"])
    }

    fn has_plan(&self) -> bool {
        self.plan().join("plans").exists()
    }

    fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let output = self
            .test
            .roadmap_command()
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .expect("roadmap runs");
        output.into()
    }

    fn assert_checks_strict(&self, dir: &Path) {
        let check = self.run_in(dir, &["check", "--strict"]);
        assert_eq!(
            check.code, 0,
            "check --strict:\n{}\n{}",
            check.stdout, check.stderr
        );
    }
}

#[test]
fn an_answers_file_writes_a_plan_that_passes_check_strict() {
    let sandbox = Sandbox::new();
    let run = sandbox.init_with(GOOD);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "vision.md",
        "strategy.yaml",
        "capabilities.yaml",
        "metrics.yaml",
        "relationships.yaml",
        "habits.yaml",
        "career.yaml",
    ] {
        assert!(sandbox.plan().join("plans").join(file).is_file(), "{file}");
        assert!(
            run.stdout.contains(&format!("wrote plans/{file}")),
            "{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("roadmap check"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("git add plans .gitignore && git commit"),
        "{}",
        run.stdout
    );
    assert!(sandbox.plan().join(".git").is_dir(), "git init ran");
    let vision = fs::read_to_string(sandbox.plan().join("plans/vision.md")).expect("vision");
    assert!(vision.contains("name: Jordan Lee"), "{vision}");
    assert!(vision.contains("No relocation before 2028"), "{vision}");
    let metrics = fs::read_to_string(sandbox.plan().join("plans/metrics.yaml")).expect("metrics");
    assert!(metrics.contains("2025: 5.88M"), "{metrics}");
    sandbox.assert_checks_strict(&sandbox.plan());
}

/// An answers file `init` refused, saying `why` on stderr.
#[track_caller]
fn refused(run: &Run, why: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(why), "{}", run.stderr);
}

#[test]
fn a_growth_of_abc_in_the_answers_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let run = sandbox.init_with(&GOOD.replace("growth: 15-20%", "growth: abc"));
    refused(&run, "../answers.yaml:12:9: `growth`: `abc` is not a range");
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!sandbox.has_plan());
    assert!(!sandbox.plan().join(".git").exists());
}

#[test]
fn a_level_of_14_in_the_answers_is_refused_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let run =
        sandbox.init_with(&GOOD.replace("leadership: {level: 3, target: 9}", "leadership: 14"));
    refused(
        &run,
        "`skills.leadership`: level 14 is out of range: levels run from 1 to 10",
    );
    assert!(!sandbox.has_plan());
}

#[test]
fn every_broken_rule_in_the_answers_is_listed() {
    let sandbox = Sandbox::new();
    let text = GOOD
        .replace("end: 2035", "end: 2020")
        .replace("{year: 2029,", "{year: 2049,");
    let run = sandbox.init_with(&text);
    refused(&run, "2 problems in ../answers.yaml");
    assert!(
        run.stderr
            .contains("../answers.yaml:3:6: `end`: the plan must end after it starts"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`milestones[0].year`"),
        "{}",
        run.stderr
    );
    assert!(!sandbox.has_plan());
}

#[test]
fn unknown_keys_in_the_answers_get_a_suggestion() {
    let sandbox = Sandbox::new();
    let run = sandbox.init_with(&GOOD.replace("growth:", "growht:"));
    refused(&run, "unknown key `growht`: did you mean `growth`?");
}

#[test]
fn an_existing_plan_is_kept_unless_forced() {
    let sandbox = Sandbox::new();
    sandbox.write("answers.yaml", GOOD);
    assert_eq!(
        sandbox.run(&["init", "--answers", "../answers.yaml"]).code,
        0
    );
    let vision = sandbox.plan().join("plans/vision.md");
    fs::write(&vision, "my own words\n").expect("edit");
    fs::write(sandbox.plan().join("plans/notes.txt"), "mine\n").expect("extra file");

    let again = sandbox.run(&["init", "--answers", "../answers.yaml"]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("plans/ already holds a plan; nothing was written"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(&vision).expect("vision"),
        "my own words\n"
    );

    let example = sandbox.run(&["init", "--example"]);
    assert_eq!(example.code, 2, "--example refuses too");

    let forced = sandbox.run(&["init", "--answers", "../answers.yaml", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        fs::read_to_string(&vision)
            .expect("vision")
            .contains("name: Jordan Lee")
    );
    assert!(
        forced.stdout.contains("plans/notes.txt"),
        "{}",
        forced.stdout
    );
    assert!(sandbox.plan().join("plans/notes.txt").exists());
    assert!(!forced.stdout.contains("created a git repository"));
}

#[test]
fn the_example_plan_is_written_whole_and_checks_clean() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["init", "--example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "vision.md",
        "strategy.yaml",
        "capabilities.yaml",
        "metrics.yaml",
    ] {
        assert!(sandbox.plan().join("plans").join(file).is_file(), "{file}");
    }
    let written = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("wrote "))
        .count();
    assert!(written >= 10, "{}", run.stdout);
    sandbox.assert_checks_strict(&sandbox.plan());
}

#[test]
fn without_a_terminal_or_an_answers_file_init_says_what_to_do() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--answers FILE"), "{}", run.stderr);
    assert!(!sandbox.has_plan());
}

#[test]
fn git_init_runs_only_outside_a_repository() {
    let sandbox = Sandbox::new();
    sandbox.write("answers.yaml", GOOD);
    assert_eq!(sandbox.run(&["init", "--example"]).code, 0);
    let inner = sandbox.plan().join("team/jordan");
    fs::create_dir_all(&inner).expect("inner folder");
    let run = sandbox.run_in(&inner, &["init", "--answers", "../../../answers.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains("created a git repository"),
        "{}",
        run.stdout
    );
    assert!(!inner.join(".git").exists());
    assert!(inner.join("plans/vision.md").is_file());
}

#[test]
fn the_questionnaire_on_a_terminal_asks_again_after_a_bad_answer() {
    let sandbox = Sandbox::new();
    let run = sandbox.run_on_terminal(SESSION);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 0, "{out}");
    assert!(
        out.contains("Territory growth you plan a year [15-20%]"),
        "{out}"
    );
    assert!(
        out.contains("`abc` is not a range (write e.g. `15-20%`, `15M-20M` or `12`)"),
        "{out}"
    );
    assert!(
        out.contains("level 14 is out of range: levels run from 1 to 10"),
        "{out}"
    );
    assert!(out.contains("wrote plans/vision.md"), "{out}");
    let strategy =
        fs::read_to_string(sandbox.plan().join("plans/strategy.yaml")).expect("strategy");
    assert!(
        strategy.contains("Promoted to Senior Sales Manager"),
        "{strategy}"
    );
    let capabilities =
        fs::read_to_string(sandbox.plan().join("plans/capabilities.yaml")).expect("skills");
    assert!(capabilities.contains("level: 3"), "{capabilities}");
    sandbox.assert_checks_strict(&sandbox.plan());
}

#[test]
fn stopping_the_questionnaire_writes_nothing() {
    for (input, what) in [
        ("Jordan Lee\nSales Manager\n", "end of input (Ctrl-D)"),
        ("Jordan Lee\nSales Manager\n\u{3}", "Ctrl-C"),
    ] {
        let sandbox = Sandbox::new();
        let run = sandbox.run_on_terminal(input);
        assert_ne!(run.code, 0, "{what}: {}{}", run.stdout, run.stderr);
        assert!(!sandbox.has_plan(), "{what}");
        assert!(!sandbox.plan().join(".git").exists(), "{what}");
        if what.contains("Ctrl-D") {
            assert!(run.stdout.contains("nothing was written"), "{}", run.stdout);
        }
    }
}

/// `roadmap init DIR` writes into DIR, creating it. Ignored until
/// `InitArgs::dir` gets its own clap id: it shares the id `dir` with the
/// global `-C DIR`, so clap hands DIR to `-C` as well.
#[test]
fn init_writes_into_the_folder_it_is_given() {
    let sandbox = Sandbox::new();
    sandbox.write("answers.yaml", GOOD);
    let run = sandbox.run_in(
        sandbox.test.outside(),
        &["init", "new-plan", "--answers", "answers.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = sandbox.test.outside().join("new-plan");
    assert!(dir.join("plans/vision.md").is_file());
    assert!(run.stdout.contains("cd new-plan"), "{}", run.stdout);
    sandbox.assert_checks_strict(&dir);
}
