//! The team's repository on a forge: the server's `pre-receive` hook in a
//! real bare repository, driven by real `git push`es over the file
//! protocol, and the CI files of docs/ci/ run step by step on a clone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::support::{DEMO_TODAY, Test, git_in, succeeds};

const QUARTER: &str = "plans/quarters/2026-Q1.md";

/// What the pusher sees of the broken quarter, line for line.
const REFUSED: &str = "\
remote: plans/quarters/2026-Q1.md:12:9: error[unknown-key]: unknown key `unti`";

/// git in `dir`, blind to the machine's and the user's configuration.
fn git(test: &Test, dir: &Path, args: &[&str]) -> Output {
    git_command(test, dir, args).output().expect("run git")
}

fn git_command(test: &Test, dir: &Path, args: &[&str]) -> Command {
    let mut command = git_in(dir, test.outside());
    command
        .env("GIT_AUTHOR_DATE", "2026-04-01T09:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-04-01T09:00:00+00:00")
        .args(args);
    command
}

/// git that must succeed; its stdout, trimmed.
fn ok(test: &Test, dir: &Path, args: &[&str]) -> String {
    succeeds(&mut git_command(test, dir, args))
}

/// A push that git refuses; what the pusher saw on stderr.
fn refused(test: &Test, args: &[&str]) -> String {
    let output = git(test, &test.path(""), args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "the push went through:\n{stderr}");
    assert!(
        stderr.contains("pre-receive hook declined"),
        "refused for another reason:\n{stderr}"
    );
    stderr
}

/// A push that git accepts; what the pusher saw on stderr.
fn pushed(test: &Test, args: &[&str]) -> String {
    let output = git(test, &test.path(""), args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "the push was refused:\n{stderr}");
    stderr
}

/// The minimal plan committed, a bare repository beside it with the
/// server's hook installed, and the plan's first commit pushed to its
/// `main`.
fn team() -> (Test, PathBuf) {
    let test = Test::minimal()
        .git_init()
        .git(&["checkout", "-q", "-b", "main"])
        .commit("2026-03-31", "plan: the first quarter");
    let bare = test.outside().join("team.git");
    ok(&test, test.outside(), &["init", "-q", "--bare", "team.git"]);
    let bare_arg = bare.to_string_lossy().into_owned();
    test.roadmap(&["-C", &bare_arg, "hooks", "install"])
        .stdout_contains("Installed the roadmap server hook in")
        .stdout_contains("pre-receive    refuses a push whose new commits break a plan")
        .stdout_contains("(recorded at install)")
        .run();
    let test = test.git(&["remote", "add", "origin", &bare_arg]);
    let seen = pushed(&test, &["push", "origin", "main"]);
    assert!(
        seen.contains("remote: roadmap: 1 new commit checked: every plan holds"),
        "{seen}"
    );
    (test, bare)
}

fn tip(test: &Test, bare: &Path, reference: &str) -> String {
    ok(test, bare, &["rev-parse", "--verify", "--quiet", reference])
}

fn broken(test: Test, message: &str) -> Test {
    test.edit(QUARTER, "        unit: USD", "        unti: USD")
        .commit("2026-04-01", message)
}

fn fixed(test: Test, message: &str) -> Test {
    test.edit(QUARTER, "        unti: USD", "        unit: USD")
        .commit("2026-04-02", message)
}

#[test]
fn a_push_that_breaks_the_plan_is_refused_with_the_diagnostics() {
    let (test, bare) = team();
    let before = tip(&test, &bare, "main");
    let test = broken(test, "quarter: a misspelt key");
    let local = ok(&test, &test.path(""), &["rev-parse", "HEAD"]);
    let seen = refused(&test, &["push", "origin", "main"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert!(
        seen.contains("remote:   = hint: did you mean `unit`?"),
        "{seen}"
    );
    assert!(
        seen.contains(&format!(
            "remote: roadmap: commit {} (refs/heads/main) \"quarter: a misspelt key\": 1 error",
            &local[..7]
        )),
        "{seen}"
    );
    assert!(
        seen.contains("remote: roadmap: push refused: 1 of 1 new commit breaks a plan (above)."),
        "{seen}"
    );
    assert_eq!(tip(&test, &bare, "main"), before, "the ref moved");
    // The commit was read from git's quarantine, which a refused push
    // leaves behind.
    let output = git(&test, &bare, &["cat-file", "-e", &local]);
    assert!(
        !output.status.success(),
        "the refused commit is in the repository"
    );

    let test = fixed(test, "quarter: the key spelt right");
    // Each new commit is checked: the broken one is still in the push.
    let seen = refused(&test, &["push", "origin", "main"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert_eq!(tip(&test, &bare, "main"), before, "the ref moved");
}

#[test]
fn a_good_push_is_accepted() {
    let (test, bare) = team();
    let test = test
        .edit(QUARTER, "target: 4.5M", "target: 4.6M")
        .commit("2026-04-01", "quarter: one up");
    let seen = pushed(&test, &["push", "origin", "main"]);
    assert!(
        seen.contains("remote: roadmap: 1 new commit checked: every plan holds"),
        "{seen}"
    );
    assert_eq!(
        tip(&test, &bare, "main"),
        ok(&test, &test.path(""), &["rev-parse", "HEAD"])
    );
}

#[test]
fn a_broken_commit_in_the_middle_of_a_push_refuses_it() {
    let (test, bare) = team();
    let before = tip(&test, &bare, "main");
    let test = test
        .file("README.md", "The team's plans.\n")
        .commit("2026-04-01", "readme: a first line");
    let test = broken(test, "quarter: a misspelt key");
    let test = fixed(test, "quarter: the key spelt right");
    let seen = refused(&test, &["push", "origin", "main"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert!(
        seen.contains("\"quarter: a misspelt key\": 1 error"),
        "{seen}"
    );
    assert!(!seen.contains("the key spelt right"), "{seen}");
    assert!(
        seen.contains("push refused: 1 of 3 new commits breaks a plan"),
        "{seen}"
    );
    assert_eq!(tip(&test, &bare, "main"), before);
}

#[test]
fn a_new_branch_is_checked_by_its_own_commits() {
    let (test, bare) = team();
    // A branch at a commit the repository holds brings nothing to check.
    let seen = pushed(&test, &["push", "origin", "main:refs/heads/copy"]);
    assert!(!seen.contains("checked"), "{seen}");
    assert_eq!(tip(&test, &bare, "copy"), tip(&test, &bare, "main"));

    let test = test.git(&["checkout", "-q", "-b", "draft"]);
    let test = broken(test, "quarter: a misspelt key");
    let seen = refused(&test, &["push", "origin", "draft"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert!(seen.contains("(refs/heads/draft)"), "{seen}");
    assert!(
        git(&test, &bare, &["rev-parse", "--verify", "--quiet", "draft"])
            .stdout
            .is_empty()
    );

    let test = test
        .git(&["reset", "-q", "--hard", "main"])
        .edit(QUARTER, "target: 4.5M", "target: 4.6M")
        .commit("2026-04-01", "quarter: one up");
    let seen = pushed(&test, &["push", "origin", "draft"]);
    // Only the branch's own commit: main's was checked when it came.
    assert!(
        seen.contains("remote: roadmap: 1 new commit checked: every plan holds"),
        "{seen}"
    );
}

#[test]
fn a_force_push_is_checked_by_the_commits_it_brings() {
    let (test, bare) = team();
    let first = tip(&test, &bare, "main");
    let test = test
        .edit(QUARTER, "target: 4.5M", "target: 4.6M")
        .commit("2026-04-01", "quarter: one up");
    pushed(&test, &["push", "origin", "main"]);
    let second = tip(&test, &bare, "main");

    let test = test.git(&["reset", "-q", "--hard", &first]);
    let test = broken(test, "quarter: rewritten, misspelt");
    let seen = refused(&test, &["push", "--force", "origin", "main"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert_eq!(tip(&test, &bare, "main"), second, "the ref moved");

    let test = test
        .edit(QUARTER, "        unti: USD", "        unit: USD")
        .edit(QUARTER, "target: 4.5M", "target: 4.7M")
        .git(&["commit", "-q", "--all", "--amend", "--no-edit"]);
    let seen = pushed(&test, &["push", "--force", "origin", "main"]);
    assert!(seen.contains("forced update"), "{seen}");
    assert!(
        seen.contains("remote: roadmap: 1 new commit checked: every plan holds"),
        "{seen}"
    );
}

#[test]
fn a_deletion_is_accepted() {
    let (test, bare) = team();
    pushed(&test, &["push", "origin", "main:refs/heads/old"]);
    let seen = pushed(&test, &["push", "origin", "--delete", "old"]);
    assert!(seen.contains("[deleted]"), "{seen}");
    assert!(
        git(&test, &bare, &["rev-parse", "--verify", "--quiet", "old"])
            .stdout
            .is_empty()
    );
}

#[test]
fn a_tag_of_a_broken_commit_is_refused_and_of_a_held_one_accepted() {
    let (test, bare) = team();
    let test = test.git(&["tag", "-a", "-m", "the first review", "review/2026-Q1"]);
    pushed(&test, &["push", "origin", "review/2026-Q1"]);
    assert!(!tip(&test, &bare, "review/2026-Q1").is_empty());

    let test = broken(test, "quarter: a misspelt key").git(&[
        "tag",
        "-a",
        "-m",
        "a broken review",
        "review/2026-Q2",
    ]);
    let seen = refused(&test, &["push", "origin", "review/2026-Q2"]);
    assert!(seen.contains(REFUSED), "{seen}");
    assert!(seen.contains("(refs/tags/review/2026-Q2)"), "{seen}");
}

#[test]
fn a_pre_receive_hook_that_was_there_runs_first_with_the_updates() {
    let test = Test::minimal()
        .git_init()
        .git(&["checkout", "-q", "-b", "main"])
        .commit("2026-03-31", "plan: the first quarter");
    ok(&test, test.outside(), &["init", "-q", "--bare", "team.git"]);
    let bare = test.outside().join("team.git");
    let theirs = "#!/bin/sh\nwhile read old new ref; do echo \"forge hook saw $ref\"; done\n";
    fs::write(bare.join("hooks/pre-receive"), theirs).expect("their hook");
    make_executable(&bare.join("hooks/pre-receive"));
    let bare_arg = bare.to_string_lossy().into_owned();
    test.roadmap(&["-C", &bare_arg, "hooks", "install"])
        .stdout_contains("the hook that was there runs first, from pre-receive.roadmap-chained")
        .run();
    test.roadmap(&["-C", &bare_arg, "hooks", "status"])
        .stdout_contains("pre-receive    installed (v1): refuses a push whose new commits break a plan; runs pre-receive.roadmap-chained first")
        .stdout_contains("The hook calls roadmap at")
        .run();
    let test = test.git(&["remote", "add", "origin", &bare_arg]);
    let seen = pushed(&test, &["push", "origin", "main"]);
    assert!(
        seen.contains("remote: forge hook saw refs/heads/main"),
        "{seen}"
    );
    assert!(
        seen.contains("remote: roadmap: 1 new commit checked"),
        "{seen}"
    );

    test.roadmap(&["-C", &bare_arg, "hooks", "uninstall"])
        .stdout_contains("pre-receive    removed; the earlier hook is back in its place")
        .run();
    assert_eq!(
        fs::read_to_string(bare.join("hooks/pre-receive")).expect("their hook"),
        theirs
    );
    test.roadmap(&["-C", &bare_arg, "hooks", "status"])
        .stdout_contains("pre-receive    another hook, not roadmap's")
        .run();
}

#[test]
fn a_server_hook_that_cannot_find_roadmap_refuses_the_push() {
    let (test, bare) = team();
    let hook = bare.join("hooks/pre-receive");
    let script = fs::read_to_string(&hook).expect("the hook");
    let recorded = script
        .lines()
        .find(|line| line.starts_with("roadmap_recorded='"))
        .expect("the recorded roadmap")
        .to_owned();
    let gone = test.outside().join("gone/roadmap");
    fs::write(
        &hook,
        script.replace(&recorded, &format!("roadmap_recorded='{}'", gone.display())),
    )
    .expect("rewrite the hook");
    let bare_arg = bare.to_string_lossy().into_owned();
    test.roadmap(&["-C", &bare_arg, "hooks", "status"])
        .env("PATH", "/usr/bin:/bin")
        .stdout_contains("The hook cannot find roadmap:")
        .run();
    let test = test
        .edit(QUARTER, "target: 4.5M", "target: 4.6M")
        .commit("2026-04-01", "quarter: a higher target");
    // git and sh, and no roadmap, on the server's PATH.
    let git_bin = super::support::tool("git", "apt-get install git");
    let git_dir = git_bin
        .parent()
        .expect("git's folder")
        .display()
        .to_string();
    let output = git_command(&test, &test.path(""), &["push", "origin", "main"])
        .env("PATH", format!("{git_dir}:/usr/bin:/bin"))
        .output()
        .expect("run git");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the push went through:\n{stderr}");
    assert!(
        stderr.contains(&format!(
            "remote: roadmap pre-receive hook: roadmap is not at {}, nor on PATH: push refused",
            gone.display()
        )),
        "{stderr}"
    );
}

#[test]
fn hooks_install_server_puts_only_the_pre_receive_hook_in_a_working_tree_repository() {
    let test = Test::minimal().git_init();
    test.roadmap(&["hooks", "install", "--server"])
        .stdout_contains("Installed the roadmap server hook in")
        .run();
    assert!(test.path(".git/hooks/pre-receive").is_file());
    assert!(!test.path(".git/hooks/pre-commit").exists());
    test.roadmap(&["hooks", "status", "--server"])
        .stdout_contains("pre-receive    installed (v1)")
        .run();
    test.roadmap(&["hooks", "uninstall", "--server"])
        .stdout_contains("pre-receive    removed")
        .run();
    assert!(!test.path(".git/hooks/pre-receive").exists());
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

// --- The CI files, run step by step ---

/// The `run:` steps of the GitHub workflow's `check` job, in order, with
/// the workflow's `env:`.
/// Names and values, or names and scripts, in order.
type Pairs = Vec<(String, String)>;

fn github_steps() -> (Pairs, Pairs) {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci/github-roadmap.yml"),
    )
    .expect("the GitHub workflow");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    let env = strings(&yaml["env"]);
    let steps = yaml["jobs"]["check"]["steps"]
        .as_sequence()
        .expect("the check job's steps")
        .iter()
        .filter_map(|step| {
            let run = step["run"].as_str()?;
            let name = step["name"].as_str().unwrap_or("(unnamed)");
            Some((name.to_owned(), run.to_owned()))
        })
        .collect();
    (env, steps)
}

fn strings(map: &serde_yaml::Value) -> Vec<(String, String)> {
    map.as_mapping()
        .expect("a mapping")
        .iter()
        .map(|(k, v)| {
            let value = match v {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .expect("a value")
                    .trim()
                    .to_owned(),
            };
            (k.as_str().expect("a key").to_owned(), value)
        })
        .collect()
}

/// A clone of the demo repository, as a CI runner checks it out, and a
/// folder holding only `roadmap`, to put first on PATH.
fn ci_clone() -> (Test, PathBuf, PathBuf) {
    let test = Test::demo();
    let clone = test.outside().join("clone");
    ok(
        &test,
        test.outside(),
        &["clone", "-q", &test.path("").to_string_lossy(), "clone"],
    );
    let bin = test.outside().join("bin");
    fs::create_dir_all(&bin).expect("bin");
    #[cfg(unix)]
    std::os::unix::fs::symlink(super::support::BIN, bin.join("roadmap")).expect("link roadmap");
    (test, clone, bin)
}

/// Runs `script` as the forge does (`bash -eo pipefail`), in `dir`.
fn bash(test: &Test, dir: &Path, bin: &Path, env: &[(String, String)], script: &str) -> Output {
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    test.command("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .env_remove("NO_COLOR")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run bash")
}

/// Breaks the clone's current quarter and commits it, as a pull request
/// would.
fn break_the_clone(test: &Test, clone: &Path) {
    let quarter = clone.join("plans/quarters/2026-Q4.md");
    let text = fs::read_to_string(&quarter).expect("the demo's Q4");
    let text = text.replacen("    supports: [", "    suports: [", 1);
    fs::write(&quarter, text).expect("write Q4");
    ok(
        test,
        clone,
        &["commit", "-q", "--all", "-m", "quarter: a misspelt key"],
    );
}

/// Pay, as the demo's career file holds it (base 124k, total 186k), in
/// any form an output would show it; `roadmap report` without `--share`
/// shows it.
const PAY: [&str; 8] = [
    "186k", "186,000", "186000", "$186", "124k", "124,000", "124000", "$124",
];

fn assert_no_pay(dir: &Path) {
    for entry in fs::read_dir(dir).expect("read the dashboard") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            assert_no_pay(&path);
            continue;
        }
        let text = String::from_utf8_lossy(&fs::read(&path).expect("read")).into_owned();
        for pay in PAY {
            assert!(!text.contains(pay), "{} shows pay: {pay}", path.display());
        }
    }
}

#[test]
fn the_github_workflow_passes_a_good_plan_and_publishes_the_dashboard() {
    let (test, clone, bin) = ci_clone();
    let (env, steps) = github_steps();
    assert!(steps.iter().any(|(name, _)| name == "Check the plans"));
    for (name, run) in &steps {
        let output = bash(&test, &clone, &bin, &env, run);
        assert!(
            output.status.success(),
            "step `{name}` failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(clone.join("dashboard/index.html").is_file());
    assert_no_pay(&clone.join("dashboard"));
}

#[test]
fn the_github_workflow_fails_a_broken_plan_with_annotations() {
    let (test, clone, bin) = ci_clone();
    break_the_clone(&test, &clone);
    let (env, steps) = github_steps();
    for (name, run) in &steps {
        let output = bash(&test, &clone, &bin, &env, run);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if name == "Check the plans" {
            assert!(!output.status.success(), "the check passed:\n{stdout}");
            assert!(
                stdout.lines().any(|line| line
                    .starts_with("::error file=plans/quarters/2026-Q4.md,line=")
                    && line.contains("title=roadmap error[unknown-key]::unknown key `suports`")),
                "no annotation:\n{stdout}"
            );
            assert!(!clone.join("dashboard").exists());
            return;
        }
        assert!(output.status.success(), "step `{name}` failed:\n{stdout}");
    }
    panic!("no check step ran");
}

/// The `roadmap` job's `before_script` and `script`, as one script, and
/// the file's `variables:`.
fn gitlab_job() -> (Vec<(String, String)>, String) {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci/gitlab-roadmap.yml"),
    )
    .expect("the GitLab CI file");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the CI file is YAML");
    let job = &yaml["roadmap"];
    let lines: Vec<&str> = ["before_script", "script"]
        .iter()
        .flat_map(|key| job[*key].as_sequence().expect("a list of lines").iter())
        .map(|line| line.as_str().expect("a line"))
        .collect();
    assert_eq!(
        yaml["pages"]["artifacts"]["paths"][0].as_str(),
        job["artifacts"]["paths"][0].as_str(),
        "pages publishes what the job keeps"
    );
    (strings(&yaml["variables"]), lines.join("\n"))
}

#[test]
fn the_gitlab_job_passes_a_good_plan_and_fails_a_broken_one() {
    let (test, clone, bin) = ci_clone();
    let (mut env, script) = gitlab_job();
    env.push((
        "CI_PROJECT_DIR".to_owned(),
        clone.to_string_lossy().into_owned(),
    ));
    let output = bash(&test, &clone, &bin, &env, &script);
    assert!(
        output.status.success(),
        "the job failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(clone.join("public/index.html").is_file());
    assert_no_pay(&clone.join("public"));
    let report = fs::read_to_string(clone.join("gl-code-quality-report.json")).expect("report");
    assert_eq!(report.trim(), "[]");

    fs::remove_dir_all(clone.join("public")).expect("remove public/");
    break_the_clone(&test, &clone);
    let output = bash(&test, &clone, &bin, &env, &script);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "the job passed:\n{stdout}");
    assert!(
        stdout.contains("error[unknown-key]: unknown key `suports`"),
        "{stdout}"
    );
    assert!(!clone.join("public").exists());
    let report: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(clone.join("gl-code-quality-report.json")).expect("report"),
    )
    .expect("JSON");
    let issue = report
        .as_array()
        .expect("a list of issues")
        .iter()
        .find(|issue| issue["check_name"] == "unknown-key")
        .expect("the misspelt key");
    assert_eq!(issue["location"]["path"], "plans/quarters/2026-Q4.md");
    assert_eq!(issue["severity"], "major");
}
