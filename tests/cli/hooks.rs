//! `roadmap hooks`: real `git commit`, `git merge` and `git checkout` in
//! throwaway repositories run the installed hooks, with the `roadmap` under
//! test first on PATH.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::support::{BIN, Test, git_in};

/// Long enough for a debug build on a slow machine.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A repository with the minimal valid plan, blind to the machine's git
/// configuration, whose git finds `roadmap` (the binary under test) on PATH.
struct Repo {
    test: Test,
    root: PathBuf,
    path: OsString,
}

impl Repo {
    fn new() -> Self {
        // The generated report is not committed: each checkout rebuilds it.
        let test = Test::minimal().file(".gitignore", "/dashboard/\n");
        let root = test.path("");
        let bin_dir = Path::new(BIN).parent().expect("the binary's folder");
        let mut dirs = vec![bin_dir.to_path_buf()];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(dirs).expect("PATH");
        let repo = Repo { test, root, path };
        repo.git_ok(&["init", "--quiet"]);
        repo
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        self.test.write(rel, text);
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        self.test.replace(rel, from, to);
    }

    fn git_command(&self, dir: &Path, path: &OsString) -> Command {
        let mut command = git_in(dir, self.test.outside());
        self.as_hooks_run(&mut command, path);
        command
    }

    /// `program` run in `dir` as git runs the hooks: in the tests' one
    /// environment, at fixed dates, with `path` as PATH.
    fn tool_command(&self, program: &str, dir: &Path, path: &OsString) -> Command {
        let mut command = self.test.command(program);
        command.current_dir(dir);
        self.as_hooks_run(&mut command, path);
        command
    }

    fn as_hooks_run(&self, command: &mut Command, path: &OsString) {
        command
            .env("PATH", path)
            .env("GIT_AUTHOR_DATE", "2026-03-02T09:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2026-03-02T09:00:00+00:00")
            // The pre-commit framework's clones and environments.
            .env(
                "PRE_COMMIT_HOME",
                self.test.outside().join("pre-commit-cache"),
            )
            .env("NO_COLOR", "1");
    }

    /// git in `dir`, with the usual PATH.
    fn git_in(&self, dir: &Path, args: &[&str]) -> Output {
        self.git_command(dir, &self.path)
            .args(args)
            .output()
            .expect("run git")
    }

    fn git(&self, args: &[&str]) -> Output {
        self.git_in(&self.root, args)
    }

    fn git_ok(&self, args: &[&str]) -> Output {
        let output = self.git(args);
        assert!(
            output.status.success(),
            "git {args:?} failed\n{}",
            text(&output)
        );
        output
    }

    fn commit_all(&self, message: &str) -> Output {
        self.git_ok(&["add", "--all"]);
        self.git(&["commit", "--quiet", "-m", message])
    }

    fn roadmap(&self, args: &[&str]) -> Output {
        self.roadmap_in(&self.root, args)
    }

    fn roadmap_in(&self, dir: &Path, args: &[&str]) -> Output {
        self.test
            .roadmap_command()
            .args(args)
            .current_dir(dir)
            .env("PATH", &self.path)
            .env("NO_COLOR", "1")
            .output()
            .expect("run roadmap")
    }

    fn install(&self) -> String {
        let output = self.roadmap(&["hooks", "install"]);
        assert!(output.status.success(), "install failed\n{}", text(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The folder where the background rebuild leaves its outcome.
    fn state(&self) -> PathBuf {
        self.path(".git/roadmap")
    }
}

fn text(output: &Output) -> String {
    format!(
        "--- status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Polls `done` until it is true, failing after [`TIMEOUT`].
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the background rebuild that `hook` started to finish and
/// returns its recorded outcome. `report.status` must have been removed
/// before the git command ran.
fn rebuilt_by(state: &Path, hook: &str) -> String {
    let status = state.join("report.status");
    wait_for(&format!("the rebuild after {hook}"), || {
        status.exists() && !state.join("report.lock").exists()
    });
    let outcome = fs::read_to_string(&status).expect("report.status");
    assert!(outcome.contains(&format!("hook={hook}\n")), "{outcome}");
    outcome
}

/// Removes the previous rebuild's outcome, once it is done.
fn forget_rebuild(state: &Path) {
    wait_for("the previous rebuild", || {
        !state.join("report.lock").exists() && !state.join("report.pending").exists()
    });
    let _ = fs::remove_file(state.join("report.status"));
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o7777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn an_invalid_plan_is_refused_and_a_valid_one_accepted() {
    let repo = Repo::new();
    repo.install();
    assert!(repo.commit_all("plan").status.success());

    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    let refused = repo.commit_all("broken");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("plans/vision.md:"), "{stderr}");
    assert!(stderr.contains("commit stopped"), "{stderr}");
    assert!(stderr.contains("--no-verify"), "{stderr}");
    let log = repo.git_ok(&["log", "--format=%s"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "plan\n");

    repo.edit("plans/vision.md", "start: twenty", "start: 2026");
    repo.edit(
        "plans/vision.md",
        "Lead a sales region",
        "Lead a sales team",
    );
    let accepted = repo.commit_all("fixed");
    assert!(accepted.status.success(), "{}", text(&accepted));
}

/// `git commit -a` hands the hook a temporary index (`GIT_INDEX_FILE`):
/// the check must read that, not `.git/index`, which lacks the edit.
#[test]
fn commit_all_checks_what_the_commit_will_hold() {
    let repo = Repo::new();
    repo.install();
    assert!(repo.commit_all("plan").status.success());
    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    let refused = repo.git(&["commit", "--quiet", "-a", "-m", "broken"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    let only = repo.git(&["commit", "--quiet", "-m", "broken", "--", "plans/vision.md"]);
    assert_eq!(only.status.code(), Some(1), "{}", text(&only));
}

#[test]
fn no_verify_bypasses_the_check() {
    let repo = Repo::new();
    repo.install();
    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    repo.git_ok(&["add", "--all"]);
    repo.git_ok(&["commit", "--quiet", "--no-verify", "-m", "anyway"]);
}

#[test]
fn commit_merge_and_checkout_rebuild_the_reports_in_the_background() {
    let repo = Repo::new();
    repo.install();
    let state = repo.state();
    let index = repo.path("dashboard/summary.html");

    assert!(repo.commit_all("plan").status.success());
    assert!(rebuilt_by(&state, "post-commit").starts_with("exit=0\n"));
    assert!(index.is_file(), "the report was written");

    forget_rebuild(&state);
    repo.git_ok(&["checkout", "--quiet", "-b", "topic"]);
    rebuilt_by(&state, "post-checkout");

    forget_rebuild(&state);
    repo.edit(
        "plans/vision.md",
        "Lead a sales region",
        "Lead a sales team",
    );
    assert!(repo.commit_all("topic work").status.success());
    rebuilt_by(&state, "post-commit");

    forget_rebuild(&state);
    repo.git_ok(&["checkout", "--quiet", "main"]);
    rebuilt_by(&state, "post-checkout");

    forget_rebuild(&state);
    repo.git_ok(&["merge", "--quiet", "--no-edit", "topic"]);
    assert!(rebuilt_by(&state, "post-merge").starts_with("exit=0\n"));
    let report = fs::read_to_string(&index).expect("summary.html");
    assert!(
        report.contains("Lead a sales team"),
        "the merge's plan is in the report"
    );
}

#[test]
fn a_failing_rebuild_keeps_git_working_and_shows_in_status() {
    let repo = Repo::new();
    repo.install();
    assert!(repo.commit_all("plan").status.success());
    rebuilt_by(&repo.state(), "post-commit");
    forget_rebuild(&repo.state());

    // A report folder that cannot be written: a file in its place.
    fs::remove_dir_all(repo.path("dashboard")).expect("remove the report");
    repo.write("dashboard", "not a folder\n");
    repo.edit(
        "plans/vision.md",
        "Lead a sales region",
        "Lead a sales team",
    );
    let commit = repo.commit_all("edit");
    assert!(commit.status.success(), "{}", text(&commit));
    let outcome = rebuilt_by(&repo.state(), "post-commit");
    assert!(!outcome.starts_with("exit=0\n"), "{outcome}");

    let status = repo.roadmap(&["status"]);
    assert!(status.status.success(), "{}", text(&status));
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(
        stderr.contains("warning: the reports were not rebuilt after the last post-commit"),
        "{stderr}"
    );
    assert!(stderr.contains("report.log"), "{stderr}");

    let hooks = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&hooks.stdout);
    assert!(stdout.contains("Last report rebuild: failed"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn an_existing_hook_is_chained_and_restored_exactly() {
    let repo = Repo::new();
    let hooks = repo.path(".git/hooks");
    let script = "#!/bin/sh\n# someone else's hook\necho ran >> \"$(git rev-parse --git-dir)/theirs.log\"\nexit \"${THEIR_EXIT:-0}\"\n";
    for name in ["pre-commit", "post-checkout"] {
        fs::write(hooks.join(name), script).expect("their hook");
        set_mode(&hooks.join(name), 0o750);
    }

    let out = repo.install();
    assert!(out.contains("the hook that was there runs first"), "{out}");
    assert_eq!(
        fs::read_to_string(hooks.join("pre-commit.roadmap-chained")).expect("chained"),
        script
    );

    assert!(repo.commit_all("plan").status.success());
    let log = repo.path(".git/theirs.log");
    assert_eq!(fs::read_to_string(&log).expect("their hook ran"), "ran\n");

    // Their verdict still counts: a failing pre-commit stops a valid commit
    // (git commit exits 1 whatever the hook's code), and a failing
    // post-checkout is git checkout's exit code.
    let refused = repo
        .git_command(&repo.root, &repo.path)
        .env("THEIR_EXIT", "3")
        .args(["commit", "--quiet", "--allow-empty", "-m", "again"])
        .output()
        .expect("git commit");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    let log = repo.git_ok(&["log", "--format=%s"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "plan\n");
    let checkout = repo
        .git_command(&repo.root, &repo.path)
        .env("THEIR_EXIT", "4")
        .args(["checkout", "--quiet", "-b", "other"])
        .output()
        .expect("git checkout");
    assert_eq!(checkout.status.code(), Some(1), "{}", text(&checkout));
    // git folds a hook's code into 1; run directly, roadmap's hooks pass
    // their exact code on.
    for (name, code) in [("pre-commit", 3), ("post-checkout", 4)] {
        let status = repo
            .git_command(&repo.root, &repo.path)
            .env("THEIR_EXIT", code.to_string())
            .args(["hook", "run", name, "--", "0", "0", "1"])
            .output()
            .expect("git hook run");
        assert_eq!(
            status.status.code(),
            Some(code),
            "{name}: {}",
            text(&status)
        );
    }

    // Installing again updates roadmap's hooks and keeps theirs chained.
    let again = repo.install();
    assert!(again.contains("(updated)"), "{again}");
    assert_eq!(
        fs::read_to_string(hooks.join("pre-commit.roadmap-chained")).expect("chained"),
        script
    );

    let uninstall = repo.roadmap(&["hooks", "uninstall"]);
    assert!(uninstall.status.success(), "{}", text(&uninstall));
    for name in ["pre-commit", "post-checkout"] {
        assert_eq!(
            fs::read_to_string(hooks.join(name)).expect("restored"),
            script
        );
        assert_eq!(mode(&hooks.join(name)), 0o750, "{name} keeps its mode");
        assert!(!hooks.join(format!("{name}.roadmap-chained")).exists());
    }
    for name in ["post-commit", "post-merge"] {
        assert!(!hooks.join(name).exists(), "{name} is removed");
    }
}

#[test]
fn a_foreign_hook_next_to_a_chained_one_is_refused_untouched() {
    let repo = Repo::new();
    let hooks = repo.path(".git/hooks");
    fs::write(hooks.join("pre-commit"), "#!/bin/sh\nexit 0\n").expect("hook");
    fs::write(
        hooks.join("pre-commit.roadmap-chained"),
        "#!/bin/sh\nexit 0\n",
    )
    .expect("hook");
    let output = repo.roadmap(&["hooks", "install"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(!hooks.join("post-commit").exists(), "nothing was installed");
}

#[test]
fn core_hooks_path_is_honoured() {
    let repo = Repo::new();
    repo.git_ok(&["config", "core.hooksPath", ".githooks"]);
    let out = repo.install();
    assert!(out.contains("core.hooksPath = .githooks"), "{out}");
    assert!(repo.path(".githooks/pre-commit").is_file());
    assert!(!repo.path(".git/hooks/pre-commit").exists());

    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    let refused = repo.commit_all("broken");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));

    let status = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains(".githooks"), "{stdout}");
    assert!(stdout.contains("pre-commit     installed (v1)"), "{stdout}");
}

#[test]
fn a_linked_worktree_shares_the_hooks_and_keeps_its_own_log() {
    let repo = Repo::new();
    repo.install();
    assert!(repo.commit_all("plan").status.success());
    forget_rebuild(&repo.state());
    let tree = repo.test.outside().join("tree");
    repo.git_ok(&[
        "worktree",
        "add",
        "--quiet",
        "-b",
        "side",
        tree.to_str().expect("utf-8"),
    ]);
    let state = repo.path(".git/worktrees/tree/roadmap");
    forget_rebuild(&state);

    let status = repo.roadmap_in(&tree, &["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains("pre-commit     installed"), "{stdout}");

    let vision = tree.join("plans/vision.md");
    let text_before = fs::read_to_string(&vision).expect("vision");
    fs::write(&vision, text_before.replace("start: 2026", "start: twenty")).expect("edit");
    let refused = repo.git_in(&tree, &["commit", "--quiet", "-am", "broken"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));

    fs::write(
        &vision,
        text_before.replace("Lead a sales region", "Lead a region"),
    )
    .expect("edit");
    let commit = repo.git_in(&tree, &["commit", "--quiet", "-am", "side work"]);
    assert!(commit.status.success(), "{}", text(&commit));
    rebuilt_by(&state, "post-commit");
    assert!(tree.join("dashboard/summary.html").is_file());
}

#[test]
fn a_hook_that_cannot_find_roadmap_lets_the_commit_through() {
    let repo = Repo::new();
    // Installed by a copy of roadmap that then disappears, with git's PATH
    // not leading to any roadmap.
    let copy = repo.test.outside().join("gone/roadmap");
    fs::create_dir_all(copy.parent().expect("parent")).expect("folder");
    fs::copy(BIN, &copy).expect("copy the binary");
    // A child another test thread forks while the copy is being written
    // holds it open for a moment: running it then fails with "text file
    // busy", and a moment later it does not.
    let install = || {
        repo.test
            .command(&copy)
            .args(["hooks", "install"])
            .env("PATH", "/usr/bin:/bin")
            .output()
    };
    let mut output = install();
    for _ in 0..50 {
        match &output {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20));
                output = install();
            }
            _ => break,
        }
    }
    let output = output.expect("install");
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("recorded at install"),
        "{}",
        text(&output)
    );
    fs::remove_dir_all(copy.parent().expect("parent")).expect("remove the copy");

    let git_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::join_paths(std::env::split_paths(&p).filter(|d| !d.join("roadmap").exists()))
                .expect("PATH")
        })
        .unwrap_or_default();
    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    repo.git_ok(&["add", "--all"]);
    let commit = repo
        .git_command(&repo.root, &git_path)
        .args(["commit", "--quiet", "-m", "unchecked"])
        .output()
        .expect("git commit");
    assert!(commit.status.success(), "{}", text(&commit));
    let stderr = String::from_utf8_lossy(&commit.stderr);
    assert!(stderr.contains("roadmap is not on PATH"), "{stderr}");
    assert!(stderr.contains("the plan was not checked"), "{stderr}");

    let status = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("(on PATH)"),
        "the test's own PATH has it: {stdout}"
    );
    let outcome = fs::read_to_string(repo.state().join("report.status")).expect("recorded");
    assert!(outcome.starts_with("exit=127\n"), "{outcome}");
}

#[test]
fn status_says_what_is_installed() {
    let repo = Repo::new();
    let before = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&before.stdout);
    assert!(stdout.contains("pre-commit     not installed"), "{stdout}");
    repo.install();
    let after = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&after.stdout);
    for name in ["pre-commit", "post-commit", "post-merge", "post-checkout"] {
        assert!(
            stdout.contains(&format!("{name:<14} installed (v1)")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("(on PATH)"), "{stdout}");
    let uninstall = repo.roadmap(&["hooks", "uninstall"]);
    assert!(uninstall.status.success());
    let gone = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&gone.stdout);
    assert!(stdout.contains("post-merge     not installed"), "{stdout}");
}

/// `.pre-commit-hooks.yaml` describes a hook the pre-commit framework can
/// run: its entry, run in a repository, refuses an invalid plan.
#[test]
fn the_pre_commit_framework_hook_runs_roadmap_check() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let yaml = fs::read_to_string(manifest).expect(".pre-commit-hooks.yaml");
    let hooks: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("roadmap-check"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    assert_eq!(hook["files"].as_str(), Some("^plans/"));
    let entry = hook["entry"].as_str().expect("entry");
    let args: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(args.first(), Some(&"roadmap"));

    let repo = Repo::new();
    repo.git_ok(&["add", "--all"]);
    assert_eq!(repo.roadmap(&args[1..]).status.code(), Some(0));
    repo.edit("plans/vision.md", "start: 2026", "start: twenty");
    assert_eq!(
        repo.roadmap(&args[1..]).status.code(),
        Some(0),
        "not staged yet"
    );
    repo.git_ok(&["add", "--all"]);
    let refused = repo.roadmap(&args[1..]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(String::from_utf8_lossy(&refused.stdout).contains("plans/vision.md:3:8"));
}

/// A hooks folder shared through `core.hooksPath` also runs in
/// repositories without a plan: there the hooks stay out of the way.
#[test]
fn a_repository_without_a_plan_commits_as_usual() {
    let repo = Repo::new();
    repo.install();
    fs::remove_dir_all(repo.path("plans")).expect("remove the plan");
    repo.write("notes.txt", "no plan here\n");
    let commit = repo.commit_all("notes");
    assert!(commit.status.success(), "{}", text(&commit));
    // The hook asks for a rebuild (report.pending) before it returns.
    assert!(
        !repo.state().join("report.pending").exists()
            && !repo.state().join("report.status").exists(),
        "no rebuild was asked for"
    );
}

#[test]
fn a_commit_made_by_roadmap_runs_the_post_commit_hook_as_git_would() {
    let repo = Repo::new();
    repo.install();
    repo.git_ok(&["config", "user.name", "Dana Reyes"]);
    repo.git_ok(&["config", "user.email", "dana@example.com"]);
    assert!(repo.commit_all("plan").status.success());
    let state = repo.state();
    rebuilt_by(&state, "post-commit");

    forget_rebuild(&state);
    let output = repo.roadmap(&[
        "record",
        "win",
        "Closed the Kennecott expansion",
        "--commit",
    ]);
    assert!(output.status.success(), "record failed\n{}", text(&output));
    assert!(rebuilt_by(&state, "post-commit").starts_with("exit=0\n"));
    let log = repo.git_ok(&["log", "--format=%s"]);
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).lines().next(),
        Some("record: win - Closed the Kennecott expansion")
    );
}

/// A FIFO, a link to a file outside and a stale lock in place of the
/// rebuild's state files: the commit neither waits on them nor writes
/// through them, and the rebuild replaces them.
#[cfg(unix)]
#[test]
fn fifos_in_place_of_the_rebuild_state_no_longer_hang_a_commit() {
    let repo = Repo::new();
    repo.install();
    assert!(repo.commit_all("plan").status.success());
    rebuilt_by(&repo.state(), "post-commit");
    forget_rebuild(&repo.state());

    let state = repo.state();
    for name in ["report.pending", "report.status", "report.lock"] {
        let fifo = Command::new("mkfifo")
            .arg(state.join(name))
            .status()
            .expect("run mkfifo");
        assert!(fifo.success());
    }
    let outside = repo.test.outside().join("elsewhere");
    fs::write(&outside, "someone else's file\n").expect("write");
    let _ = fs::remove_file(state.join("report.log"));
    std::os::unix::fs::symlink(&outside, state.join("report.log")).expect("link");

    repo.write("notes.txt", "a change\n");
    repo.git_ok(&["add", "--all"]);
    let mut commit = repo
        .git_command(&repo.root, &repo.path)
        .args(["commit", "--quiet", "-m", "edit"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run git commit");
    let start = Instant::now();
    let done = loop {
        if let Some(done) = commit.try_wait().expect("wait for git") {
            break done;
        }
        if start.elapsed() > TIMEOUT {
            let _ = commit.kill();
            panic!("git commit hangs on the FIFOs in {}", state.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(done.success());

    // The rebuild ran and replaced the FIFOs and the link with its files.
    let is_file =
        |name: &str| fs::symlink_metadata(state.join(name)).is_ok_and(|m| m.file_type().is_file());
    wait_for("the rebuild", || {
        is_file("report.status") && !state.join("report.lock").exists()
    });
    let outcome = fs::read_to_string(state.join("report.status")).expect("report.status");
    assert!(outcome.contains("hook=post-commit\n"), "{outcome}");
    assert!(is_file("report.log"));
    assert_eq!(
        fs::read_to_string(&outside).expect("still there"),
        "someone else's file\n"
    );
}

// --- Hook managers: the real husky, lefthook and pre-commit ---

/// The versions CI installs (`.ci/run`), and how.
const HUSKY: &str =
    "husky 9 (npm install --prefix DIR husky@9.1.7, then DIR/node_modules/.bin on PATH)";
const LEFTHOOK: &str =
    "lefthook 2 (npm install --prefix DIR lefthook@2.2.4, then DIR/node_modules/.bin on PATH)";
const PRE_COMMIT: &str = "pre-commit (pip install pre-commit==4.7.0)";

impl Repo {
    /// Runs a hook manager's command, failing the test, with what to
    /// install, when the tool is not on PATH.
    fn tool(&self, program: &str, args: &[&str], install: &str) -> Output {
        let output = self
            .tool_command(program, &self.root, &self.path)
            .args(args)
            .output();
        match output {
            Ok(output) => output,
            Err(e) => panic!(
                "cannot run `{program}` ({e}): this test drives the real tool. Install {install}"
            ),
        }
    }

    fn tool_ok(&self, program: &str, args: &[&str], install: &str) -> Output {
        let output = self.tool(program, args, install);
        assert!(
            output.status.success(),
            "{program} {args:?} failed\n{}",
            text(&output)
        );
        output
    }

    fn log(&self) -> String {
        String::from_utf8_lossy(&self.git_ok(&["log", "--format=%s"]).stdout).into_owned()
    }
}

/// husky runs `.husky/<hook>` by its name from its own folder
/// (`core.hooksPath=.husky/_`), which `npm install` rewrites: roadmap's
/// line goes into the user's script, which keeps running.
#[test]
fn husky_user_hook_still_runs_after_hooks_install() {
    let repo = Repo::new();
    repo.write(".husky/pre-commit", "echo ran >> .git/user-hook-ran\n");
    repo.tool_ok("husky", &[], HUSKY);
    assert!(
        repo.path(".husky/_/h").is_file(),
        "husky 9 makes .husky/_/h"
    );
    let installed = repo.install();
    let script = fs::read_to_string(repo.path(".husky/pre-commit")).expect("script");
    assert!(
        script.starts_with("echo ran >> .git/user-hook-ran\n"),
        "{script}"
    );
    let ran = || fs::read_to_string(repo.path(".git/user-hook-ran")).unwrap_or_default();

    let first = repo.commit_all("plan");
    assert!(first.status.success(), "{}", text(&first));
    assert_eq!(ran(), "ran\n", "the user's hook ran");

    // What `npm install` runs (husky's `prepare`): roadmap is still there.
    repo.tool_ok("husky", &[], HUSKY);
    repo.edit("plans/metrics.yaml", "kind: revenue", "kind: bogus");
    let refused = repo.commit_all("broken");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("unknown value `bogus`"),
        "{}",
        text(&refused)
    );
    assert_eq!(ran(), "ran\nran\n", "the user's hook ran again");
    assert_eq!(repo.log(), "plan\n");
    assert!(installed.contains("Hook manager: husky"), "{installed}");
    assert!(
        installed.contains("added roadmap's entry to .husky/pre-commit"),
        "{installed}"
    );

    let status = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("pre-commit     present: husky runs it"),
        "{stdout}"
    );

    let removed = repo.roadmap(&["hooks", "uninstall"]);
    assert!(removed.status.success(), "{}", text(&removed));
    assert_eq!(
        fs::read_to_string(repo.path(".husky/pre-commit")).expect("script"),
        "echo ran >> .git/user-hook-ran\n"
    );
    assert!(!repo.path(".husky/post-commit").exists(), "roadmap made it");
}

/// An earlier install put roadmap's scripts into husky's `.husky/_` and
/// moved husky's own aside: installing again gives husky its folder back.
#[test]
fn husky_folder_taken_by_an_older_install_is_given_back() {
    let repo = Repo::new();
    repo.write(".husky/pre-commit", "echo ran >> .git/user-hook-ran\n");
    repo.tool_ok("husky", &[], HUSKY);
    let husky_own = fs::read(repo.path(".husky/_/pre-commit")).expect("husky's hook");
    // What roadmap did before it knew husky: through a spelling of the
    // folder it does not take for husky's, it chains husky's hooks.
    repo.git_ok(&["config", "core.hooksPath", ".husky/_/."]);
    repo.install();
    repo.git_ok(&["config", "core.hooksPath", ".husky/_"]);
    assert!(repo.path(".husky/_/pre-commit.roadmap-chained").exists());

    let installed = repo.install();
    assert!(
        installed.contains("took roadmap's own hook scripts out"),
        "{installed}"
    );
    assert_eq!(
        fs::read(repo.path(".husky/_/pre-commit")).expect("husky's hook"),
        husky_own
    );
    assert!(repo.commit_all("plan").status.success());
    assert_eq!(
        fs::read_to_string(repo.path(".git/user-hook-ran")).unwrap_or_default(),
        "ran\n"
    );
}

/// lefthook rewrites `.git/hooks` whenever `lefthook.yml` changes and sets
/// any hook it did not write aside as `<hook>.old`, never to run it again:
/// roadmap's check is a command in `lefthook.yml` instead.
#[test]
fn lefthook_still_refuses_an_invalid_kind_after_lefthook_yml_is_edited() {
    let repo = Repo::new();
    let version = repo.tool_ok("lefthook", &["version"], LEFTHOOK);
    assert!(
        String::from_utf8_lossy(&version.stdout).starts_with("2."),
        "lefthook 2 is needed: {}",
        text(&version)
    );
    let config = "# The team's hooks\npre-commit:\n  commands:\n    hello: # says hello\n      run: echo ran >> .git/user-hook-ran\n";
    repo.write("lefthook.yml", config);
    repo.tool_ok("lefthook", &["install"], LEFTHOOK);
    let installed = repo.install();
    let edited = fs::read_to_string(repo.path("lefthook.yml")).expect("lefthook.yml");
    assert!(repo.commit_all("plan").status.success());

    // Any edit of lefthook.yml: lefthook installs its hooks again.
    repo.write(
        "lefthook.yml",
        &format!("{edited}pre-push:\n  commands:\n    test:\n      run: 'true'\n"),
    );
    repo.tool_ok("lefthook", &["install"], LEFTHOOK);
    repo.edit("plans/metrics.yaml", "kind: revenue", "kind: bogus");
    let refused = repo.commit_all("broken");
    assert_ne!(refused.status.code(), Some(0), "{}", text(&refused));
    assert!(
        text(&refused).contains("unknown value `bogus`"),
        "{}",
        text(&refused)
    );
    assert_eq!(repo.log(), "plan\n");
    assert_eq!(
        fs::read_to_string(repo.path(".git/user-hook-ran")).unwrap_or_default(),
        "ran\nran\n"
    );
    assert!(installed.contains("Hook manager: lefthook"), "{installed}");
    assert!(installed.contains("Ran `lefthook install`."), "{installed}");
    assert!(edited.starts_with("# The team's hooks\npre-commit:\n  commands:\n    roadmap: # added by roadmap hooks install\n      run: roadmap check --staged --quiet\n    hello: # says hello\n"), "{edited}");

    let status = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains("pre-commit     present: lefthook runs it"),
        "{stdout}"
    );

    let removed = repo.roadmap(&["hooks", "uninstall"]);
    assert!(removed.status.success(), "{}", text(&removed));
    assert_eq!(
        fs::read_to_string(repo.path("lefthook.yml")).expect("lefthook.yml"),
        format!("{config}pre-push:\n  commands:\n    test:\n      run: 'true'\n")
    );
}

/// The pre-commit framework stashes unstaged edits but leaves untracked
/// files where they are: the shipped hook must check the staged plan, not
/// the working tree.
#[test]
fn pre_commit_manifest_ignores_an_untracked_draft() {
    let repo = Repo::new();
    // A hook repository holding this project's manifest, as pre-commit
    // clones it.
    let hooks_repo = repo.test.outside().join("roadmap-hooks");
    fs::create_dir_all(&hooks_repo).expect("folder");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks_repo.join(".pre-commit-hooks.yaml"),
    )
    .expect("manifest");
    let git_there = |args: &[&str]| {
        let output = repo.git_in(&hooks_repo, args);
        assert!(output.status.success(), "{}", text(&output));
        output
    };
    git_there(&["init", "--quiet"]);
    git_there(&["add", "--all"]);
    git_there(&["commit", "--quiet", "-m", "hooks"]);
    let rev = String::from_utf8_lossy(&git_there(&["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_owned();
    repo.write(
        ".pre-commit-config.yaml",
        &format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: roadmap-check\n",
            hooks_repo.display()
        ),
    );
    repo.tool_ok("pre-commit", &["install"], PRE_COMMIT);
    let first = repo.commit_all("plan");
    assert!(first.status.success(), "{}", text(&first));

    repo.write("plans/quarters/2027-Q1.md", "---\nquarter: [broken\n");
    repo.edit(
        "plans/habits.yaml",
        "Read for 30 minutes",
        "Read for 45 minutes",
    );
    repo.git_ok(&["add", "plans/habits.yaml"]);
    let accepted = repo.git(&["commit", "--quiet", "-m", "habits"]);
    assert!(accepted.status.success(), "{}", text(&accepted));
    assert!(
        text(&accepted).contains("roadmap check"),
        "the hook ran: {}",
        text(&accepted)
    );

    repo.edit("plans/metrics.yaml", "kind: revenue", "kind: bogus");
    repo.git_ok(&["add", "plans/metrics.yaml"]);
    let refused = repo.git(&["commit", "--quiet", "-m", "broken"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("unknown value `bogus`"),
        "{}",
        text(&refused)
    );
    assert_eq!(repo.log(), "habits\nplan\n");
}

/// With a `.pre-commit-config.yaml`, `hooks install` adds roadmap's hook
/// to it as a local hook and leaves `.git/hooks` to pre-commit.
#[test]
fn hooks_install_adds_a_local_hook_to_the_pre_commit_config() {
    let repo = Repo::new();
    let config = "# ours\nrepos:\n-   repo: local\n    hooks:\n    -   id: hello\n        name: hello\n        entry: echo hello\n        language: system\n";
    repo.write(".pre-commit-config.yaml", config);
    repo.tool_ok("pre-commit", &["install"], PRE_COMMIT);
    let pre_commit_own = fs::read(repo.path(".git/hooks/pre-commit")).expect("hook");
    let installed = repo.install();
    assert!(
        installed.contains("Hook manager: pre-commit"),
        "{installed}"
    );
    assert!(
        installed.contains("added roadmap's entry to .pre-commit-config.yaml"),
        "{installed}"
    );
    assert_eq!(
        fs::read(repo.path(".git/hooks/pre-commit")).expect("hook"),
        pre_commit_own
    );
    assert!(repo.commit_all("plan").status.success());
    repo.edit("plans/metrics.yaml", "kind: revenue", "kind: bogus");
    let refused = repo.commit_all("broken");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("unknown value `bogus`"),
        "{}",
        text(&refused)
    );

    let removed = repo.roadmap(&["hooks", "uninstall"]);
    assert!(removed.status.success(), "{}", text(&removed));
    assert_eq!(
        fs::read_to_string(repo.path(".pre-commit-config.yaml")).expect("config"),
        config
    );
}

/// A fresh clone has husky's scripts before `npm install` sets
/// `core.hooksPath`: roadmap's line goes into them all the same, and git's
/// own folder, which husky's would replace, stays untouched.
#[test]
fn husky_scripts_before_npm_install_get_roadmaps_line() {
    let repo = Repo::new();
    repo.write(".husky/pre-commit", "echo ran >> .git/user-hook-ran\n");
    let installed = repo.install();
    assert!(installed.contains("Hook manager: husky"), "{installed}");
    assert!(!repo.path(".git/hooks/pre-commit").exists());
    let status = repo.roadmap(&["hooks", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains("run `npx husky`"), "{stdout}");

    repo.tool_ok("husky", &[], HUSKY);
    repo.edit("plans/metrics.yaml", "kind: revenue", "kind: bogus");
    let refused = repo.commit_all("broken");
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert_eq!(
        fs::read_to_string(repo.path(".git/user-hook-ran")).unwrap_or_default(),
        "ran\n"
    );
}
