//! `roadmap watch`: rebuilds the reports after every burst of saves and
//! prints one line per rebuild.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use super::Ctx;
use super::check;
use crate::cli::WatchArgs;
use crate::error::Error;
use crate::report;
use crate::serve::Server;
use crate::term::Palette;
use crate::watch::{self, Rebuilt, Settings, Wake, Watcher};

pub(super) fn run(ctx: &Ctx, args: &WatchArgs) -> Result<i32, Error> {
    let root = ctx.plan_root()?;
    let out = match &args.out {
        Some(out) => ctx.cwd.join(out),
        None => root.join(crate::layout::OUTPUT_DIR),
    };
    // Refuse a folder the report may not replace before watching anything.
    let out = report::check_out(&root, &out)?;
    // Whose plan is decided once, from the folders there are now.
    let mut files = crate::load::read_worktree(&root)
        .map_err(|e| Error::io(root.join("plans").display().to_string(), e))?;
    let person = ctx.select(&mut files)?;
    drop(files);
    let settings = Settings {
        poll: args.poll,
        ..Settings::default()
    };
    let mut watcher = Watcher::start(&root, &out, settings)?;
    let stopper = watcher.stopper();
    crate::signals::on_stop(move || stopper.stop())?;

    let server = if args.serve {
        Some(Server::start(&out, args.port)?)
    } else {
        None
    };
    let shown_out = shown(&out, &ctx.cwd);
    if !ctx.quiet {
        say!(
            "Watching {} and {} ({}); the report goes to {}. Ctrl-C stops.",
            shown(
                &root.join("plans").join(person.as_deref().unwrap_or("")),
                &ctx.cwd
            ),
            shown(&root.join(watch::TEMPLATES_DIR), &ctx.cwd),
            if args.poll {
                "polling"
            } else {
                "file-system events"
            },
            shown_out
        );
    }
    if let Some(server) = &server {
        say!("Serving the report on {}", server.url());
    }
    let mut renders = 0_usize;
    let mut why = Vec::new();
    loop {
        if render(
            ctx,
            &root,
            &out,
            person.as_deref(),
            &shown_out,
            &why,
            &mut renders,
        ) && let Some(server) = &server
        {
            server.reload();
        }
        why = loop {
            match watcher.wait() {
                Wake::Changed(files) => break files,
                Wake::Trouble(message) => {
                    eprintln!("{} {message}", ctx.stderr().warning("warning:"));
                }
                Wake::Stop => {
                    if !ctx.quiet {
                        say!(
                            "{} stopped after {renders} rebuild{}",
                            clock(),
                            if renders == 1 { "" } else { "s" }
                        );
                    }
                    return Ok(0);
                }
            }
        };
    }
}

/// Runs one rebuild and prints its line: the time, what happened, how long
/// it took, and the files whose change started it. True when the report
/// was written.
fn render(
    ctx: &Ctx,
    root: &Path,
    out: &Path,
    person: Option<&str>,
    shown_out: &str,
    why: &[String],
    renders: &mut usize,
) -> bool {
    let started = Instant::now();
    // A write that crashed while watching (a review killed half-way) is
    // finished or rolled back before the plan is read; one that cannot be
    // is said, and the rebuild reads what is there.
    match crate::journal::recover(root) {
        Ok(recovered) => super::say_recovered(&recovered),
        Err(err) => eprintln!("{} {err}", ctx.stderr().warning("warning:")),
    }
    let result = watch::rebuild(root, out, person);
    let took = started.elapsed().as_millis();
    let after = if why.is_empty() {
        String::new()
    } else {
        let mut list = why.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        if why.len() > 3 {
            let _ = write!(list, " and {} more", why.len() - 3);
        }
        format!(" after {list}")
    };
    let stdout = ctx.stdout();
    match result {
        Ok(Rebuilt::Written(written)) => {
            *renders += 1;
            if !ctx.quiet {
                say!(
                    "{} {} in {took} ms: {} files in {shown_out}{after}",
                    clock(),
                    stdout.good("rebuilt"),
                    written.files.len()
                );
            }
            true
        }
        Ok(Rebuilt::Invalid {
            snapshot,
            diagnostics,
            errors,
        }) => {
            let mut text = String::new();
            let palette: Palette = ctx.stderr();
            for diagnostic in &diagnostics {
                check::render(&mut text, diagnostic, &snapshot, palette);
            }
            // What a report of this plan would be without, in the words
            // every other command uses for a file that does not load.
            for p in snapshot.all_problems() {
                let _ = writeln!(
                    text,
                    "{}:{}:{}: {} {}",
                    p.path,
                    p.line,
                    p.column,
                    palette.dim("left out of a report of this plan:"),
                    p.missing
                );
            }
            eprint!("{text}");
            let kept = if out.join("index.html").is_file() {
                format!("the last good report stays in {shown_out}")
            } else {
                format!("no report is written to {shown_out} until it is fixed")
            };
            say!(
                "{} {}: the plan has {errors} error{}; {kept}{after}",
                clock(),
                stdout.error("not rebuilt"),
                if errors == 1 { "" } else { "s" }
            );
            false
        }
        Err(err) => {
            eprintln!("{}: {err}", ctx.stderr().error("error"));
            say!(
                "{} {}: the last good report stays in {shown_out}{after}",
                clock(),
                stdout.error("not rebuilt")
            );
            false
        }
    }
}

fn clock() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

/// `path` relative to `cwd` when it is inside it.
fn shown(path: &Path, cwd: &Path) -> String {
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match path.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
        Ok(rel) => format!("{}/", rel.display()).replace("//", "/"),
        Err(_) => path.display().to_string(),
    }
}
