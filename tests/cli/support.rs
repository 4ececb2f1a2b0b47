//! The one harness of the integration tests: a throwaway plan repository
//! and runners for the real binary.
//!
//! `Test` makes a temporary folder, writes plan files into it, optionally
//! turns it into a git repository with commits at fixed dates, and runs
//! `roadmap` there: as a command whose output is checked (`roadmap`), on a
//! pseudo-terminal (`terminal`), as a watcher (`watch`), or hands the
//! repository to the browser checks (`Browser`). Steps happen in the order
//! they are chained, so a test reads as the story it checks: commit a
//! broken plan, fix it, stage the fix, run.
//!
//! Every process a test starts (git, `roadmap`, a hook manager, a shell)
//! gets one environment, [`isolated`]: blind to the machine's and the
//! user's git configuration and hooks, with a fixed author, committer,
//! date and time zone. [`git_in`] is the one way to run git.

mod watch;

pub(super) use watch::{STATEMENT, TIMEOUT as WATCH_TIMEOUT, Watch, get, get_when_free};

use std::ffi::OsStr;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use tempfile::TempDir;

/// The binary under test.
pub(super) const BIN: &str = env!("CARGO_BIN_EXE_roadmap");

/// The plan every broken case starts from: small, complete, and clean
/// (no errors, no warnings).
pub(super) fn minimal_plans() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/plans")
}

/// The day the demo is looked at in tests: 35 days after its last commit.
pub(super) const DEMO_TODAY: &str = "2026-12-05";

/// Long enough for a debug build on a slow machine; a hang fails the test
/// instead of stalling the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Who makes every commit a test makes with git.
pub(super) const AUTHOR: (&str, &str) = ("Dana Reyes", "dana@example.com");

/// When git records a commit, tag or merge a test does not date itself.
pub(super) const GIT_DATE: &str = "2026-10-31T12:00:00+00:00";

/// Variables a surrounding git process (a hook running the tests) or the
/// user's shell may have set, which would point git, and the hooks, at the
/// wrong repository or configuration.
const GIT_ENV: [&str; 11] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
    "GIT_CONFIG",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
];

/// The one environment of every process a test starts, with `home` (a
/// folder of the test's own) as HOME: git reads no system configuration
/// and only the (empty) configuration under `home`, so no user hook,
/// template, signing or line-ending setting applies; commits are by
/// [`AUTHOR`] at [`GIT_DATE`] unless dated; times are UTC.
pub(super) fn isolated<'a>(command: &'a mut Command, home: &Path) -> &'a mut Command {
    for var in GIT_ENV {
        command.env_remove(var);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", AUTHOR.0)
        .env("GIT_AUTHOR_EMAIL", AUTHOR.1)
        .env("GIT_COMMITTER_NAME", AUTHOR.0)
        .env("GIT_COMMITTER_EMAIL", AUTHOR.1)
        .env("GIT_AUTHOR_DATE", GIT_DATE)
        .env("GIT_COMMITTER_DATE", GIT_DATE)
        .env("TZ", "UTC")
}

/// git in `dir`, in the [`isolated`] environment under `home`, not yet
/// run: the one way the tests run git.
pub(super) fn git_in(dir: &Path, home: &Path) -> Command {
    let mut command = Command::new("git");
    isolated(&mut command, home).current_dir(dir).args([
        "-c",
        "commit.gpgsign=false",
        "-c",
        "tag.gpgsign=false",
        "-c",
        "core.autocrlf=false",
        "-c",
        "init.defaultBranch=main",
        "-c",
        "advice.detachedHead=false",
        "-c",
        "protocol.file.allow=always",
    ]);
    command
}

/// Runs `command`, which must succeed; its stdout, trimmed.
pub(super) fn succeeds(command: &mut Command) -> String {
    let output = command.output().expect("run a command");
    assert!(
        output.status.success(),
        "{command:?} failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Copies a folder and everything in it.
pub(super) fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("read a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The path of the program `name` on PATH; fails the test, saying how to
/// install it (`install`), when it is missing: a missing tool must not
/// pass silently.
pub(super) fn tool(name: &str, install: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
        .unwrap_or_else(|| panic!("`{name}` is not installed; install it with: {install}"))
}

pub(super) struct Test {
    tmp: TempDir,
    root: PathBuf,
    /// (message, full id) of every commit the test made, in order: a
    /// commit is named by its message ([`Test::id`], [`Test::name_of`]).
    commits: Vec<(String, String)>,
}

impl Test {
    /// An empty repository folder (not yet a git repository).
    pub(super) fn new() -> Self {
        Test::named("repo")
    }

    /// An empty folder called `name` in a fresh temporary folder, where
    /// the test's files and runs go.
    pub(super) fn named(name: &str) -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("roadmap-test")
            .tempdir()
            .expect("create a temporary folder");
        let root = tmp.path().join(name);
        fs::create_dir_all(&root).expect("create the repository folder");
        Test {
            tmp,
            root,
            commits: Vec::new(),
        }
    }

    /// The example repository `roadmap demo` makes (22 months of history,
    /// its last commit on 2026-10-31), in the repository folder.
    pub(super) fn demo() -> Self {
        let test = Test::new();
        test.roadmap(&["demo", "."])
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .run();
        test
    }

    /// A repository folder holding the minimal valid plan under `plans/`.
    pub(super) fn minimal() -> Self {
        Test::new().tree(&minimal_plans(), "plans")
    }

    /// The temporary folder that holds the repository folder: a place that
    /// is outside the repository, and HOME for everything the test runs.
    pub(super) fn outside(&self) -> &Path {
        self.tmp.path()
    }

    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The folder the test's steps and runs happen in: the repository
    /// folder, unless the test moved ([`Test::move_to`]).
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// Moves the test to the folder `name` beside the repository folder
    /// (created if need be): later steps and runs happen there.
    #[must_use]
    pub(super) fn move_to(mut self, name: &str) -> Self {
        self.root = self.tmp.path().join(name);
        fs::create_dir_all(&self.root).expect("create the folder");
        self
    }

    /// Writes `contents` to `rel`, creating folders as needed.
    #[must_use]
    pub(super) fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        self.write(rel, contents);
        self
    }

    /// Replaces `from` with `to` in the file at `rel`, which must contain it.
    #[must_use]
    pub(super) fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        self.replace(rel, from, to);
        self
    }

    /// [`Test::file`] for a test that keeps its `Test` in a harness of its
    /// own.
    pub(super) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create folders");
        fs::write(&path, contents).expect("write a file");
    }

    /// [`Test::edit`] for a test that keeps its `Test`.
    pub(super) fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).expect("read the file to edit");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replace(from, to));
    }

    #[must_use]
    pub(super) fn remove(self, rel: &str) -> Self {
        fs::remove_file(self.path(rel)).expect("remove a file");
        self
    }

    /// Copies the folder `from` to `to` (relative to the root), over
    /// whatever is there.
    #[must_use]
    pub(super) fn tree(self, from: &Path, to: &str) -> Self {
        copy_tree(from, &self.path(to));
        self
    }

    #[must_use]
    pub(super) fn git_init(self) -> Self {
        self.git(&["init", "--quiet"])
    }

    /// Stages everything and commits it, authored and committed on `day`
    /// (`YYYY-MM-DD`) at a fixed time, or at a full RFC 3339 time.
    #[must_use]
    pub(super) fn commit(self, day: &str, message: &str) -> Self {
        self.git(&["add", "--all"]).commit_staged(day, message)
    }

    /// Commits what is staged, on `day`; the commit is named `message`.
    #[must_use]
    pub(super) fn commit_staged(self, day: &str, message: &str) -> Self {
        self.dated(
            day,
            &["commit", "--quiet", "--allow-empty", "-m", message],
            message,
        )
    }

    /// Merges `branch` into the current branch (always a merge commit) on
    /// `day`, named `message`; the merge must go through without
    /// conflicts.
    #[must_use]
    pub(super) fn merge(self, branch: &str, day: &str, message: &str) -> Self {
        self.dated(
            day,
            &["merge", "--quiet", "--no-ff", "-m", message, branch],
            message,
        )
    }

    /// Starts merging `branch`, which must conflict: the test resolves it
    /// by writing the files, then [`Test::commit`]s the merge.
    #[must_use]
    pub(super) fn merge_conflicting(self, branch: &str) -> Self {
        let output = self
            .git_command()
            .args(["merge", "--quiet", "--no-ff", branch])
            .output()
            .expect("run git merge");
        assert!(
            !output.status.success(),
            "merging {branch} was meant to conflict"
        );
        self
    }

    /// git with `args`, which must succeed, authored and committed on
    /// `day`; the commit it makes is named `name`.
    fn dated(mut self, day: &str, args: &[&str], name: &str) -> Self {
        let date = stamp(day);
        succeeds(
            self.git_command()
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date)
                .args(args),
        );
        let id = self.git_stdout(&["rev-parse", "HEAD"]);
        self.commits.push((name.to_owned(), id));
        self
    }

    /// The full id of the commit the test made with the message `name`
    /// (the last, if several had it).
    pub(super) fn id(&self, name: &str) -> &str {
        self.commits
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or_else(|| panic!("no commit named {name}"), |(_, id)| id.as_str())
    }

    /// The message of the commit the test made with the full id `id`, or
    /// `id` itself for a commit the test did not make.
    pub(super) fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.commits
            .iter()
            .find(|(_, i)| i == id)
            .map_or(id, |(name, _)| name.as_str())
    }

    #[must_use]
    pub(super) fn tag(self, name: &str) -> Self {
        self.git(&["tag", name])
    }

    /// Stages one path.
    #[must_use]
    pub(super) fn stage(self, rel: &str) -> Self {
        self.git(&["add", "--", rel])
    }

    #[must_use]
    pub(super) fn git(self, args: &[&str]) -> Self {
        self.git_stdout(args);
        self
    }

    /// git with `args` in the repository, which must succeed; its stdout,
    /// trimmed.
    pub(super) fn git_stdout(&self, args: &[&str]) -> String {
        succeeds(self.git_command().args(args))
    }

    /// git in the repository, not yet run ([`git_in`]).
    pub(super) fn git_command(&self) -> Command {
        git_in(&self.root, self.outside())
    }

    /// `program` in the repository, in the [`isolated`] environment, not
    /// yet run.
    pub(super) fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        isolated(&mut command, self.outside()).current_dir(&self.root);
        command
    }

    /// `roadmap` in the repository, not yet run, colours left to the
    /// arguments: for runs the test drives itself.
    pub(super) fn roadmap_command(&self) -> Command {
        let mut command = self.command(BIN);
        command
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS");
        command
    }

    /// A run of `roadmap` with `args`, from the repository's root.
    pub(super) fn roadmap(&self, args: &[&str]) -> Run {
        let mut command = assert_cmd::Command::from_std(self.roadmap_command());
        command.args(args).timeout(TIMEOUT);
        Run {
            command,
            status: 0,
            stdout: None,
            stdout_contains: Vec::new(),
            stderr_contains: Vec::new(),
        }
    }

    /// `command_line` (run by `sh`) on a pseudo-terminal in the
    /// repository; `BIN` in it is the binary under test.
    pub(super) fn terminal(&self, command_line: &str) -> Terminal {
        let mut command = self.command("script");
        command.args(["-q", "-e", "-c", command_line, "/dev/null"]);
        Terminal {
            command,
            typed: Vec::new(),
        }
    }

    /// `roadmap ARGS` on a pseudo-terminal ([`Test::terminal`]), with
    /// `NO_COLOR`.
    pub(super) fn roadmap_on_terminal(&self, args: &str) -> Terminal {
        self.terminal(&format!("'{BIN}' {args}"))
            .env("NO_COLOR", "1")
    }

    /// `roadmap watch ARGS` started in the repository, once its first
    /// rebuild is done.
    pub(super) fn watch(self, args: &[&str]) -> Watch {
        Watch::start_in(self, args)
    }
}

/// A day (09:00 UTC) or a full RFC 3339 time, as git takes it.
pub(super) fn stamp(when: &str) -> String {
    if when.contains('T') {
        when.to_owned()
    } else {
        format!("{when}T09:00:00+00:00")
    }
}

/// A program on a pseudo-terminal (util-linux `script`), fed what is typed.
pub(super) struct Terminal {
    command: Command,
    typed: Vec<Vec<u8>>,
}

impl Terminal {
    #[must_use]
    pub(super) fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    /// What a person types; a second part is typed after a pause, so an
    /// interrupt lands in the middle of the session.
    #[must_use]
    pub(super) fn typed(mut self, text: impl AsRef<[u8]>) -> Self {
        self.typed.push(text.as_ref().to_vec());
        self
    }

    /// Runs the session to its end; fails, saying what to install, where
    /// util-linux `script` is missing.
    pub(super) fn run(mut self) -> Output {
        let version = Command::new("script").arg("--version").output();
        assert!(
            version.is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains("util-linux")),
            "util-linux `script` runs the pseudo-terminal: install it (Debian: apt-get install bsdutils)"
        );
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start script");
        let mut stdin = child.stdin.take().expect("stdin");
        for (i, part) in self.typed.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(Duration::from_millis(700));
            }
            // The session may have ended already: that is for the caller
            // to judge from the output.
            let _ = stdin.write_all(part).and_then(|()| stdin.flush());
        }
        drop(stdin);
        child.wait_with_output().expect("script finishes")
    }
}

/// The browser checks (`tests/browser/run.mjs`): node with Playwright
/// driving Debian's chromium (`ROADMAP_CHROMIUM` names another). A missing
/// node, chromium or `npm ci` fails the test with what to do.
pub(super) struct Browser {
    command: Command,
}

impl Browser {
    pub(super) fn new() -> Self {
        let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
        let chromium = std::env::var_os("ROADMAP_CHROMIUM")
            .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
        let node_ok = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        require("node", node_ok, "install nodejs and npm");
        require(
            "chromium",
            chromium.is_file(),
            &format!("install Debian's chromium ({})", chromium.display()),
        );
        require(
            "tests/browser/node_modules",
            harness.join("node_modules/playwright-core").is_dir()
                && harness.join("node_modules/html-validate").is_dir(),
            "run `npm ci` in tests/browser",
        );
        let mut command = Command::new("node");
        command
            .arg(harness.join("run.mjs"))
            .arg("--chromium")
            .arg(&chromium)
            .current_dir(&harness);
        Browser { command }
    }

    /// `--name value`, as run.mjs takes its inputs.
    #[must_use]
    pub(super) fn arg(mut self, name: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.arg(format!("--{name}")).arg(value);
        self
    }

    #[must_use]
    pub(super) fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Runs every check; prints what node printed, fails when a check did.
    pub(super) fn run(mut self) {
        let run = self.command.output().expect("run node");
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        eprintln!("{stdout}{stderr}");
        assert!(
            run.status.success(),
            "browser checks failed ({}); see the output above",
            run.status
        );
    }
}

fn require(what: &str, found: bool, hint: &str) {
    assert!(
        found,
        "ROADMAP_BROWSER_TESTS=1 but {what} is missing: {hint}"
    );
}

/// What a run left, as text: for harnesses that judge it themselves.
pub(super) struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Outcome {
    fn from(output: Output) -> Self {
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// One run of the binary and what it must print.
pub(super) struct Run {
    command: assert_cmd::Command,
    status: i32,
    stdout: Option<String>,
    stdout_contains: Vec<String>,
    stderr_contains: Vec<String>,
}

impl Run {
    #[must_use]
    pub(super) fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    #[must_use]
    pub(super) fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    #[must_use]
    pub(super) fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// The exit code; 0 unless set.
    #[must_use]
    pub(super) fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// The whole of stdout, exactly.
    #[must_use]
    pub(super) fn stdout(mut self, text: &str) -> Self {
        self.stdout = Some(text.to_owned());
        self
    }

    #[must_use]
    pub(super) fn stdout_contains(mut self, text: &str) -> Self {
        self.stdout_contains.push(text.to_owned());
        self
    }

    #[must_use]
    pub(super) fn stderr_contains(mut self, text: &str) -> Self {
        self.stderr_contains.push(text.to_owned());
        self
    }

    /// Runs the binary and returns its output, whatever its exit code:
    /// for tests that judge the outcome themselves.
    pub(super) fn output(mut self) -> Output {
        self.command.output().expect("run roadmap")
    }

    /// Runs the binary, checks every expectation and returns the output
    /// for checks of its own.
    pub(super) fn run(mut self) -> Output {
        let output = self.command.output().expect("run roadmap");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let context = format!("--- stdout\n{stdout}\n--- stderr\n{stderr}");
        assert!(!stderr.contains("panicked"), "roadmap panicked\n{context}");
        assert_eq!(
            output.status.code(),
            Some(self.status),
            "exit code\n{context}"
        );
        if let Some(expected) = &self.stdout {
            assert_eq!(stdout, expected.as_str(), "stdout\n{context}");
        }
        for text in &self.stdout_contains {
            assert!(
                stdout.contains(text.as_str()),
                "stdout lacks {text:?}\n{context}"
            );
        }
        for text in &self.stderr_contains {
            assert!(
                stderr.contains(text.as_str()),
                "stderr lacks {text:?}\n{context}"
            );
        }
        output
    }

    /// Runs the binary, checks every expectation and returns stdout read
    /// as JSON.
    pub(super) fn json(self) -> serde_json::Value {
        serde_json::from_slice(&self.run().stdout).expect("JSON on stdout")
    }

    /// Runs with `--format json` already among the arguments and returns
    /// the diagnostics as `path:line:col: severity[code]` lines.
    pub(super) fn diagnostics(self) -> Vec<String> {
        let output = self.run();
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("--format json prints JSON");
        assert_eq!(json["version"], 1, "check's JSON has its version");
        json["diagnostics"]
            .as_array()
            .expect("an array of diagnostics")
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{}: {}[{}]",
                    d["path"].as_str().expect("path"),
                    d["line"],
                    d["column"],
                    d["severity"].as_str().expect("severity"),
                    d["code"].as_str().expect("code"),
                )
            })
            .collect()
    }
}

/// A run of `roadmap diff --periods 2026-Q1 2026-Q2` with `more`
/// arguments: the first quarter's plan beside the second's.
pub(super) fn quarters_diff(test: &Test, more: &[&str]) -> Run {
    let mut args = vec!["diff", "--periods", "2026-Q1", "2026-Q2"];
    args.extend_from_slice(more);
    test.roadmap(&args)
}

/// The `id` of every item of a JSON list, in order.
pub(super) fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|item| item["id"].as_str().expect("an id"))
        .collect()
}

/// The fields `first` and `second` of every item of a JSON list, as text
/// (empty where one is missing), in order.
pub(super) fn pairs(list: &serde_json::Value, first: &str, second: &str) -> Vec<(String, String)> {
    let text =
        |item: &serde_json::Value, key: &str| item[key].as_str().unwrap_or_default().to_owned();
    list.as_array()
        .expect("a list")
        .iter()
        .map(|item| (text(item, first), text(item, second)))
        .collect()
}

/// The rows of a CSV file's bytes, each as (column name, cell) pairs in
/// the header's order.
pub(super) fn csv_rows(bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    csv_table(bytes).1
}

/// A CSV file's bytes as its header and [`csv_rows`]: for a test that
/// checks the columns too.
pub(super) fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<(String, String)>>) {
    let mut reader = ::csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.expect("a row").iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}
