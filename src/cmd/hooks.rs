//! `roadmap hooks install|uninstall|status`: the git hooks that check the
//! plan before each commit and rebuild the reports after.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::HooksAction;
use crate::error::Error;
use crate::git::{HooksDir, Repo};
use crate::hooks::{self, Found, Installed, Removed, Slot, State};
use crate::term::Palette;

use super::Ctx;

pub fn run(ctx: &Ctx, action: HooksAction) -> Result<i32, Error> {
    let repo = Repo::discover(&ctx.cwd)?;
    let dir = repo.hooks_dir()?;
    let palette = ctx.stdout();
    let mut out = String::new();
    match action {
        HooksAction::Install => {
            let exe = std::env::current_exe()
                .and_then(|exe| exe.canonicalize())
                .map_err(|e| Error::io("the roadmap executable", e))?;
            let done = hooks::install(&dir.path, &exe)?;
            let _ = writeln!(out, "Installed the roadmap hooks in {}", where_(&dir));
            for (hook, outcome) in &done {
                let note = match outcome {
                    Installed::New => String::new(),
                    Installed::Updated => palette.dim(" (updated)"),
                    Installed::Chained(chained) => format!(
                        "; the hook that was there runs first, from {}",
                        file_name(chained)
                    ),
                };
                let _ = writeln!(out, "  {:<14} {}{note}", hook.name, hook.purpose);
            }
            shared_folder_note(&mut out, &dir, palette);
            roadmap_line(
                &mut out,
                &hooks::find_roadmap(path_var().as_deref(), Some(&exe)),
                palette,
            );
        }
        HooksAction::Uninstall => {
            let done = hooks::uninstall(&dir.path)?;
            let _ = writeln!(out, "Hooks in {}", where_(&dir));
            for (hook, outcome) in &done {
                let what = match outcome {
                    Removed::Removed => "removed".to_owned(),
                    Removed::Restored => {
                        "removed; the earlier hook is back in its place".to_owned()
                    }
                    Removed::NotInstalled => palette.dim("not installed"),
                    Removed::Other => palette.dim("not roadmap's: left alone"),
                };
                let _ = writeln!(out, "  {:<14} {what}", hook.name);
            }
        }
        HooksAction::Status => {
            let slots = hooks::inspect(&dir.path);
            let _ = writeln!(out, "Hooks folder: {}", where_(&dir));
            for slot in &slots {
                let _ = writeln!(out, "  {:<14} {}", slot.hook.name, describe(slot, palette));
            }
            shared_folder_note(&mut out, &dir, palette);
            let recorded = slots.iter().find_map(|slot| match &slot.state {
                State::Roadmap { recorded, .. } => recorded.clone(),
                _ => None,
            });
            let installed = slots
                .iter()
                .any(|s| matches!(s.state, State::Roadmap { .. }));
            if installed {
                roadmap_line(
                    &mut out,
                    &hooks::find_roadmap(path_var().as_deref(), recorded.as_deref()),
                    palette,
                );
            }
            match hooks::last_rebuild(&hooks::state_dir(&repo)) {
                Some(rebuild) if rebuild.failed() => {
                    let _ = writeln!(
                        out,
                        "Last report rebuild: {} with exit code {} (after {}, {}){}\n  log: {}",
                        palette.error("failed"),
                        rebuild.exit,
                        rebuild.hook,
                        rebuild.finished,
                        rebuild.reason.map(|r| format!(": {r}")).unwrap_or_default(),
                        rebuild.log.display()
                    );
                }
                Some(rebuild) => {
                    let _ = writeln!(
                        out,
                        "Last report rebuild: {} (after {}, {})",
                        palette.good("ok"),
                        rebuild.hook,
                        rebuild.finished
                    );
                }
                None if installed => {
                    let _ = writeln!(out, "Last report rebuild: {}", palette.dim("none yet"));
                }
                None => {}
            }
        }
    }
    if !ctx.quiet {
        super::emit(&out)?;
    }
    Ok(0)
}

fn describe(slot: &Slot, palette: Palette) -> String {
    let chained = slot
        .chained
        .as_ref()
        .map(|c| format!("; runs {} first", file_name(c)))
        .unwrap_or_default();
    match &slot.state {
        State::Missing if slot.chained.is_some() => format!(
            "{}: {} is waiting to be put back by `roadmap hooks uninstall`",
            palette.warning("not installed"),
            file_name(slot.chained.as_deref().unwrap_or(Path::new("")))
        ),
        State::Missing => palette.dim("not installed"),
        State::Other => format!("{}, not roadmap's", palette.warning("another hook")),
        State::Roadmap {
            version,
            executable,
            ..
        } => {
            let mut text = format!(
                "{} (v{version}): {}{chained}",
                palette.good("installed"),
                slot.hook.purpose
            );
            if *version != hooks::VERSION {
                let _ = write!(
                    text,
                    "; {}",
                    palette.warning(&format!(
                        "this roadmap installs v{}: run `roadmap hooks install` to update",
                        hooks::VERSION
                    ))
                );
            }
            if !executable {
                let _ = write!(
                    text,
                    "; {}",
                    palette.error("not executable, so git skips it: run `roadmap hooks install`")
                );
            }
            text
        }
    }
}

fn roadmap_line(out: &mut String, found: &Found, palette: Palette) {
    let _ = match found {
        Found::OnPath(path) => writeln!(
            out,
            "The hooks call roadmap at {} (on PATH)",
            path.display()
        ),
        Found::Recorded(path) => writeln!(
            out,
            "The hooks call roadmap at {} ({}: it is not on PATH)",
            path.display(),
            palette.warning("recorded at install")
        ),
        Found::Missing => writeln!(
            out,
            "{} roadmap is neither on PATH nor where it was installed from: the hooks let commits through unchecked and rebuild nothing",
            palette.error("The hooks cannot find roadmap:")
        ),
    };
}

/// A `core.hooksPath` from outside the repository's own configuration
/// makes the hooks run for every repository that shares it.
fn shared_folder_note(out: &mut String, dir: &HooksDir, palette: Palette) {
    if let Some((_, level)) = &dir.configured
        && level != "local"
        && level != "worktree"
    {
        let _ = writeln!(
                out,
                "{}",
                palette.dim(&format!(
                    "note: core.hooksPath comes from the {level} configuration: these hooks run in every repository that uses it"
                ))
            );
    }
}

fn where_(dir: &HooksDir) -> String {
    match &dir.configured {
        Some((value, level)) => format!(
            "{} (core.hooksPath = {value}, {level} configuration)",
            dir.path.display()
        ),
        None => dir.path.display().to_string(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn path_var() -> Option<std::ffi::OsString> {
    std::env::var_os("PATH")
}
