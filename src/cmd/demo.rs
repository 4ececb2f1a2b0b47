//! `roadmap demo DIR`: a new git repository holding the example plan with
//! a monthly history, one backdated commit per review and a tag per
//! quarterly review, so `status`, `progress`, `diff` and reports have
//! something to show on the first day.
//!
//! The months come from `demo` (pure); this file only checks the folder,
//! writes the commits and prints what it made.

use std::fs;
use std::path::Path;

use chrono::{FixedOffset, NaiveTime, TimeZone};

use crate::demo::{self, Month};
use crate::error::Error;
use crate::git::{Author, Repo};
use crate::layout::GITIGNORE;
use crate::plan_gen;

use super::Ctx;

/// The example plan's author.
const AUTHOR: Author = Author {
    name: "Alex Morgan",
    email: "alex.morgan@example.com",
};

/// Each monthly update is committed at 18:00, Mountain Standard Time.
const HOUR: u32 = 18;
const OFFSET_SECONDS: i32 = -7 * 3600;

pub(super) fn run(ctx: &Ctx, dir: &Path) -> Result<i32, Error> {
    let dir = ctx.cwd.join(dir);
    let shown = dir.display().to_string();
    refuse_used(&dir, &shown)?;
    let months = demo::replay(&plan_gen::example_files()).map_err(|reason| {
        Error::Usage(format!(
            "the example plan in this build cannot be replayed: {reason}"
        ))
    })?;
    let created = !dir.exists();
    fs::create_dir_all(&dir).map_err(|e| Error::io(shown.clone(), e))?;
    if let Err(err) = write(&dir, &months) {
        // Leave the folder as it was found: missing, or empty.
        if created {
            let _ = fs::remove_dir_all(&dir);
        } else {
            let _ = fs::remove_dir_all(dir.join(".git"));
            let _ = fs::remove_dir_all(dir.join(crate::layout::PLANS_DIR));
        }
        return Err(err);
    }
    if !ctx.quiet {
        report(ctx, &shown, &months);
    }
    Ok(0)
}

/// Only a missing or empty folder is written into: the history is a new
/// repository, not something to mix into existing files.
fn refuse_used(dir: &Path, shown: &str) -> Result<(), Error> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{shown} exists and is not a folder")));
    }
    let mut entries = fs::read_dir(dir).map_err(|e| Error::io(shown, e))?;
    if entries.next().is_some() {
        return Err(Error::Usage(format!(
            "{shown} is not empty: `roadmap demo` makes a new repository in a missing or empty folder"
        )));
    }
    Ok(())
}

fn write(dir: &Path, months: &[Month]) -> Result<(), Error> {
    let repo = Repo::create(dir)?;
    let offset = FixedOffset::east_opt(OFFSET_SECONDS)
        .ok_or_else(|| Error::Usage("the demo's time zone offset is out of range".to_owned()))?;
    let hour = NaiveTime::from_hms_opt(HOUR, 0, 0).unwrap_or_default();
    for month in months {
        let when = offset
            .from_local_datetime(&month.date.and_time(hour))
            .single()
            .ok_or_else(|| Error::Usage(format!("no time {} {HOUR}:00", month.date)))?;
        let gitignore = (".gitignore".to_owned(), GITIGNORE.as_bytes().to_vec());
        let files: Vec<(String, Vec<u8>)> = std::iter::once(gitignore)
            .chain(
                month
                    .files
                    .iter()
                    .map(|f| (f.path.clone(), f.text.clone().into_bytes())),
            )
            .collect();
        let id = repo.commit_snapshot(&files, &month.message, AUTHOR, when)?;
        if let Some((name, message)) = &month.tag {
            repo.tag_at(name, &id, message, AUTHOR, when)?;
        }
    }
    repo.check_out_head()
}

fn report(ctx: &Ctx, shown: &str, months: &[Month]) {
    let palette = ctx.stdout();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return;
    };
    let tags: Vec<&str> = months
        .iter()
        .filter_map(|m| m.tag.as_ref().map(|(name, _)| name.as_str()))
        .collect();
    say!(
        "{} the example plan with its history in {shown}",
        palette.good("wrote")
    );
    say!(
        "  {} monthly commits, {} to {}, by {} <{}>",
        months.len(),
        first.date,
        last.date,
        AUTHOR.name,
        AUTHOR.email
    );
    if let (Some(oldest), Some(newest)) = (tags.first(), tags.last()) {
        say!("  {} review tags, {oldest} to {newest}", tags.len());
    }
    say!(
        "  the {} target for {} lowered in {}; {} replanned in {}",
        demo::LOWERED.metric,
        demo::LOWERED.year,
        demo::LOWERED.month,
        demo::REPLAN.quarter,
        demo::REPLAN.month
    );
    let mut steps = vec![
        (format!("cd {shown}"), "the demo repository"),
        ("roadmap status".to_owned(), "where the plan stands"),
        (
            format!("roadmap progress {}", demo::LOWERED.metric),
            "the readings behind it",
        ),
    ];
    if let [.., before, after] = tags.as_slice() {
        steps.push((
            format!("roadmap diff {before} {after}"),
            "what the last quarter changed",
        ));
    }
    steps.push((
        "git log --oneline --decorate".to_owned(),
        "one commit per monthly review",
    ));
    let width = steps.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    say!("");
    say!("Next:");
    for (command, what) in steps {
        say!("  {command:width$}   {}", palette.dim(what));
    }
}
