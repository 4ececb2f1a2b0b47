//! Builds the git history of synthetic plans: one commit per person per
//! week, with fixed dates, streamed into `git fast-import` (tens of
//! thousands of commits in seconds, where one `git commit` each would take
//! minutes).
//!
//! Each week only the files that can still change are re-rendered (a
//! quarter's plan settles when the quarter ends); a commit holds the files
//! whose text differs from last week's.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::error::Error;
use std::hash::{Hash, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::TimeDelta;

use super::generate::{Keep, Layout, Person, PlanGen, day_of_week, plan_dir, present};

/// What was built.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Built {
    pub commits: usize,
    /// Files in the last commit's tree.
    pub files: usize,
    /// Bytes of file text written over the whole history.
    pub bytes: u64,
}

/// Creates a git repository at `root` (which must not hold one yet) and
/// commits weeks `0..weeks` of every person's plan, then checks out the
/// last commit.
pub(crate) fn build(
    root: &Path,
    people: &[Person],
    weeks: u32,
    keep: Keep,
    layout: Layout,
) -> io::Result<Built> {
    std::fs::create_dir_all(root)?;
    git(root, &["init", "-q", "-b", "main"])?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let stdin = child.stdin.take().expect("stdin is piped");
    let mut out = BufWriter::with_capacity(1 << 20, stdin);
    let mut built = Built::default();
    // Per person: path -> hash of the text last committed.
    let mut committed: Vec<HashMap<String, u64>> = vec![HashMap::new(); people.len()];
    for week in 0..weeks {
        for (i, person) in people.iter().enumerate() {
            let today = day_of_week(person.start, week);
            let last_week = today - TimeDelta::days(7);
            let plan = PlanGen::new(person, today);
            let dir = plan_dir(person, layout);
            let before = &mut committed[i];
            let ids = present(person, today, keep);
            let mut changes: Vec<(String, Option<String>)> = Vec::new();
            let mut now: HashMap<String, u64> = HashMap::with_capacity(ids.len());
            for id in ids {
                let path = id.path();
                let settled = id.settles().is_some_and(|day| day <= last_week);
                if let (true, Some(&hash)) = (settled, before.get(&path)) {
                    now.insert(path, hash);
                    continue;
                }
                let file = plan.file(id);
                let hash = hash_of(&file.text);
                if before.get(&path) != Some(&hash) {
                    changes.push((path.clone(), Some(file.text)));
                }
                now.insert(path, hash);
            }
            changes.extend(
                before
                    .keys()
                    .filter(|path| !now.contains_key(*path))
                    .map(|path| (path.clone(), None)),
            );
            *before = now;
            if changes.is_empty() {
                continue;
            }
            changes.sort();
            // Fixed dates: the week's day at 18:00 UTC, a minute per person.
            let when = today
                .and_hms_opt(18, 0, 0)
                .expect("a valid time")
                .and_utc()
                .timestamp()
                + 60 * i as i64;
            let who = format!("{} <{}@example.com> {when} +0000", person.name, person.slug);
            let message = format!("{}: week {} of the plan\n", person.name, week + 1);
            write!(
                out,
                "commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {}\n{message}\n",
                message.len()
            )?;
            for (path, text) in changes {
                match text {
                    Some(text) => {
                        write!(out, "M 100644 inline {dir}/{path}\ndata {}\n", text.len())?;
                        out.write_all(text.as_bytes())?;
                        out.write_all(b"\n")?;
                        built.bytes += text.len() as u64;
                    }
                    None => writeln!(out, "D {dir}/{path}")?,
                }
            }
            out.write_all(b"\n")?;
            built.commits += 1;
        }
    }
    out.write_all(b"done\n")?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::other(format!("git fast-import: {status}")));
    }
    git(root, &["reset", "-q", "--hard"])?;
    built.files = committed.iter().map(HashMap::len).sum();
    Ok(built)
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn git(root: &Path, args: &[&str]) -> io::Result<()> {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdout(Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "git {}: {status}",
            args.join(" ")
        )))
    }
}

/// Commits an edit of the first `metrics.yaml` under `plans/` on top of
/// the tip (a comment naming `run`), by a fixed author at a fixed date
/// after the synthetic history's last: a commit such as the hook sees.
pub(crate) fn commit_one_edit(repo: &Path, run: usize) -> Result<(), Box<dyn Error>> {
    let as_bench = |args: &[&str]| -> Result<String, Box<dyn Error>> {
        let output = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .env("GIT_AUTHOR_DATE", "2036-01-10T18:00:00Z")
            .env("GIT_COMMITTER_DATE", "2036-01-10T18:00:00Z")
            .env("GIT_AUTHOR_NAME", "Bench")
            .env("GIT_AUTHOR_EMAIL", "bench@example.com")
            .env("GIT_COMMITTER_NAME", "Bench")
            .env("GIT_COMMITTER_EMAIL", "bench@example.com")
            .output()?;
        if !output.status.success() {
            return Err(format!("git {}: {}", args.join(" "), output.status).into());
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let files = as_bench(&["ls-files", "plans"])?;
    let path = files
        .lines()
        .find(|p| p.ends_with("metrics.yaml"))
        .ok_or("no metrics.yaml")?;
    let file = repo.join(path);
    let text = std::fs::read_to_string(&file)?;
    std::fs::write(&file, format!("{text}# reviewed, run {run}\n"))?;
    as_bench(&["commit", "-q", "-m", "one more week", "--", path])?;
    Ok(())
}
