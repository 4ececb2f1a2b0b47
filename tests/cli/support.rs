//! A throwaway plan repository and a runner for the real binary.
//!
//! `Test` makes a temporary folder, writes plan files into it, optionally
//! turns it into a git repository with commits at fixed dates, and runs
//! `roadmap` there. Steps happen in the order they are chained, so a test
//! reads as the story it checks: commit a broken plan, fix it, stage the fix,
//! run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::common::{GIT_ENV, copy_tree};
use tempfile::TempDir;

/// The plan every broken case starts from: small, complete, and clean
/// (no errors, no warnings).
pub fn minimal_plans() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/plans")
}

/// The day the demo is looked at in tests: 35 days after its last commit.
pub const DEMO_TODAY: &str = "2026-12-05";

/// Long enough for a debug build on a slow machine; a hang fails the test
/// instead of stalling the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Test {
    tmp: TempDir,
    root: PathBuf,
}

impl Test {
    /// An empty repository folder (not yet a git repository).
    pub fn new() -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("roadmap-test")
            .tempdir()
            .expect("create a temporary folder");
        let root = tmp.path().join("repo");
        fs::create_dir_all(&root).expect("create the repository folder");
        Test { tmp, root }
    }

    /// The example repository `roadmap demo` makes (22 months of history,
    /// its last commit on 2026-10-31), in the repository folder.
    pub fn demo() -> Self {
        let test = Test::new();
        test.roadmap(&["demo", "."])
            .env("ROADMAP_TODAY", DEMO_TODAY)
            .run();
        test
    }

    /// A repository folder holding the minimal valid plan under `plans/`.
    pub fn minimal() -> Self {
        Test::new().tree(&minimal_plans(), "plans")
    }

    /// The temporary folder that holds the repository folder: a place that
    /// is outside the repository.
    pub fn outside(&self) -> &Path {
        self.tmp.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes `contents` to `rel`, creating folders as needed.
    #[must_use]
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create folders");
        fs::write(&path, contents).expect("write a file");
        self
    }

    /// Replaces `from` with `to` in the file at `rel`, which must contain it.
    #[must_use]
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        let text = fs::read_to_string(self.path(rel)).expect("read the file to edit");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        let text = text.replace(from, to);
        self.file(rel, text)
    }

    #[must_use]
    pub fn remove(self, rel: &str) -> Self {
        fs::remove_file(self.path(rel)).expect("remove a file");
        self
    }

    /// Copies the folder `from` to `to` (relative to the root), over
    /// whatever is there.
    #[must_use]
    pub fn tree(self, from: &Path, to: &str) -> Self {
        copy_tree(from, &self.path(to));
        self
    }

    #[must_use]
    pub fn git_init(self) -> Self {
        self.git(&["init", "--quiet"])
    }

    /// Stages everything and commits it, authored and committed on `day`
    /// (`YYYY-MM-DD`) at a fixed time.
    #[must_use]
    pub fn commit(self, day: &str, message: &str) -> Self {
        self.git(&["add", "--all"]).commit_staged(day, message)
    }

    /// Commits what is staged, on `day`.
    #[must_use]
    pub fn commit_staged(self, day: &str, message: &str) -> Self {
        let date = format!("{day}T09:00:00+00:00");
        let status = self
            .git_command()
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .args(["commit", "--quiet", "--allow-empty", "-m", message])
            .status()
            .expect("run git commit");
        assert!(status.success(), "git commit failed");
        self
    }

    #[must_use]
    pub fn tag(self, name: &str) -> Self {
        self.git(&["tag", name])
    }

    /// Stages one path.
    #[must_use]
    pub fn stage(self, rel: &str) -> Self {
        self.git(&["add", "--", rel])
    }

    #[must_use]
    pub fn git(self, args: &[&str]) -> Self {
        let output = self.git_command().args(args).output().expect("run git");
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        self
    }

    /// A run of `roadmap` with `args`, from the repository's root.
    pub fn roadmap(&self, args: &[&str]) -> Run {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_roadmap"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("HOME", self.tmp.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS")
            .timeout(TIMEOUT);
        for var in GIT_ENV {
            command.env_remove(var);
        }
        Run {
            command,
            status: 0,
            stdout: None,
            stdout_contains: Vec::new(),
            stderr_contains: Vec::new(),
        }
    }
}

impl Test {
    /// git in the repository, blind to the machine's and the user's
    /// configuration.
    fn git_command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .current_dir(&self.root)
            .env("HOME", self.tmp.path())
            .env_remove("XDG_CONFIG_HOME")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Dana Reyes")
            .env("GIT_AUTHOR_EMAIL", "dana@example.com")
            .env("GIT_COMMITTER_NAME", "Dana Reyes")
            .env("GIT_COMMITTER_EMAIL", "dana@example.com")
            .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"]);
        for var in GIT_ENV {
            command.env_remove(var);
        }
        command
    }
}

/// One run of the binary and what it must print.
pub struct Run {
    command: assert_cmd::Command,
    status: i32,
    stdout: Option<String>,
    stdout_contains: Vec<String>,
    stderr_contains: Vec<String>,
}

impl Run {
    #[must_use]
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    #[must_use]
    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    #[must_use]
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// The exit code; 0 unless set.
    #[must_use]
    pub fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// The whole of stdout, exactly.
    #[must_use]
    pub fn stdout(mut self, text: &str) -> Self {
        self.stdout = Some(text.to_owned());
        self
    }

    #[must_use]
    pub fn stdout_contains(mut self, text: &str) -> Self {
        self.stdout_contains.push(text.to_owned());
        self
    }

    #[must_use]
    pub fn stderr_contains(mut self, text: &str) -> Self {
        self.stderr_contains.push(text.to_owned());
        self
    }

    /// Runs the binary, checks every expectation and returns the output
    /// for checks of its own.
    pub fn run(mut self) -> Output {
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
    pub fn json(self) -> serde_json::Value {
        serde_json::from_slice(&self.run().stdout).expect("JSON on stdout")
    }

    /// Runs with `--format json` already among the arguments and returns
    /// the diagnostics as `path:line:col: severity[code]` lines.
    pub fn diagnostics(self) -> Vec<String> {
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

/// The rows of a CSV file's bytes, each as (column name, cell) pairs in
/// the header's order.
pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    let mut reader = ::csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.expect("a row").iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The path of the program `name` on PATH; fails the test, saying how to
/// install it (`install`), when it is missing: a missing tool must not
/// pass silently.
pub fn tool(name: &str, install: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
        .unwrap_or_else(|| panic!("`{name}` is not installed; install it with: {install}"))
}
