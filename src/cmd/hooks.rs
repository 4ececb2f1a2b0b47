//! `roadmap hooks install|uninstall|status`: the git hooks that check the
//! plan before each commit and rebuild the reports after.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::HooksAction;
use crate::error::Error;
use crate::git::{HooksDir, Repo};
use crate::hooks::manager::{self, Manager, Step};
use crate::hooks::{self, Found, Installed, Removed, Slot, State};
use crate::term::Palette;

use super::Ctx;

pub(super) fn run(ctx: &Ctx, action: HooksAction) -> Result<i32, Error> {
    let repo = Repo::discover(&ctx.cwd)?;
    let dir = repo.hooks_dir()?;
    let palette = ctx.stdout();
    let mut out = String::new();
    if action.server() || repo.workdir().is_none() {
        server(&mut out, action, &dir, palette)?;
        if !ctx.quiet {
            super::emit(&out)?;
        }
        return Ok(0);
    }
    let root = repo.workdir().ok_or_else(|| {
        Error::Usage("the git hooks need a working tree: this repository is bare".to_owned())
    })?;
    let manager = manager::detect(&root, &dir);
    if !manager.takes_scripts() {
        managed(&mut out, action, &manager, &root, &dir, palette)?;
        if !ctx.quiet {
            super::emit(&out)?;
        }
        return Ok(0);
    }
    match action {
        HooksAction::Install { .. } => {
            let exe = current_exe()?;
            let done = hooks::install(&dir.path, &hooks::HOOKS, &exe)?;
            let _ = writeln!(out, "Installed the roadmap hooks in {}", where_(&dir));
            installed_lines(&mut out, &done, palette);
            shared_folder_note(&mut out, &dir, palette);
            roadmap_line(
                &mut out,
                &hooks::find_roadmap(path_var().as_deref(), Some(&exe)),
                palette,
            );
        }
        HooksAction::Uninstall { .. } => {
            let done = hooks::uninstall(&dir.path, &hooks::HOOKS)?;
            let _ = writeln!(out, "Hooks in {}", where_(&dir));
            removed_lines(&mut out, &done, palette);
        }
        HooksAction::Status { .. } => {
            let slots = hooks::inspect(&dir.path, &hooks::HOOKS);
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

/// `hooks install|uninstall|status` for the team's repository on a git
/// server (a bare repository, or `--server`): the `pre-receive` hook.
fn server(
    out: &mut String,
    action: HooksAction,
    dir: &HooksDir,
    palette: Palette,
) -> Result<(), Error> {
    match action {
        HooksAction::Install { .. } => {
            let exe = current_exe()?;
            let done = hooks::install(&dir.path, &hooks::SERVER_HOOKS, &exe)?;
            let _ = writeln!(out, "Installed the roadmap server hook in {}", where_(dir));
            installed_lines(out, &done, palette);
            server_roadmap_line(
                out,
                &hooks::find_server_roadmap(path_var().as_deref(), Some(&exe)),
                palette,
            );
        }
        HooksAction::Uninstall { .. } => {
            let done = hooks::uninstall(&dir.path, &hooks::SERVER_HOOKS)?;
            let _ = writeln!(out, "Server hook in {}", where_(dir));
            removed_lines(out, &done, palette);
        }
        HooksAction::Status { .. } => {
            let slots = hooks::inspect(&dir.path, &hooks::SERVER_HOOKS);
            let _ = writeln!(out, "Server hooks folder: {}", where_(dir));
            for slot in &slots {
                let _ = writeln!(out, "  {:<14} {}", slot.hook.name, describe(slot, palette));
            }
            let recorded = slots.iter().find_map(|slot| match &slot.state {
                State::Roadmap { recorded, .. } => Some(recorded.clone()),
                _ => None,
            });
            if let Some(recorded) = recorded {
                server_roadmap_line(
                    out,
                    &hooks::find_server_roadmap(path_var().as_deref(), recorded.as_deref()),
                    palette,
                );
            }
        }
    }
    Ok(())
}

fn server_roadmap_line(out: &mut String, found: &Found, palette: Palette) {
    let _ = match found {
        Found::Recorded(path) => writeln!(
            out,
            "The hook calls roadmap at {} (recorded at install)",
            path.display()
        ),
        Found::OnPath(path) => writeln!(
            out,
            "The hook calls roadmap at {} ({}: the roadmap recorded at install is gone; run `roadmap hooks install` again)",
            path.display(),
            palette.warning("on this PATH, which the server's may not be")
        ),
        Found::Missing => writeln!(
            out,
            "{} it is neither where it was installed from nor on PATH: the hook refuses every push that brings commits",
            palette.error("The hook cannot find roadmap:")
        ),
    };
}

/// The roadmap running now, by its absolute path: what the hooks record.
fn current_exe() -> Result<std::path::PathBuf, Error> {
    std::env::current_exe()
        .and_then(|exe| exe.canonicalize())
        .map_err(|e| Error::io("the roadmap executable", e))
}

fn installed_lines(out: &mut String, done: &[(hooks::Hook, Installed)], palette: Palette) {
    for (hook, outcome) in done {
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
}

fn removed_lines(out: &mut String, done: &[(hooks::Hook, Removed)], palette: Palette) {
    for (hook, outcome) in done {
        let what = match outcome {
            Removed::Deleted => "removed".to_owned(),
            Removed::Restored => "removed; the earlier hook is back in its place".to_owned(),
            Removed::NotInstalled => palette.dim("not installed"),
            Removed::Other => palette.dim("not roadmap's: left alone"),
        };
        let _ = writeln!(out, "  {:<14} {what}", hook.name);
    }
}

/// `hooks install|uninstall|status` when a hook manager owns the hooks
/// folder: roadmap lives in the manager's own files, and any script of
/// roadmap's that an earlier install put in the managed folder is taken
/// out (the manager would rename or overwrite it).
fn managed(
    out: &mut String,
    action: HooksAction,
    manager: &Manager,
    root: &Path,
    dir: &HooksDir,
    palette: Palette,
) -> Result<(), Error> {
    let rel = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let _ = writeln!(
        out,
        "Hook manager: {} ({}): {}",
        palette.good(manager.name()),
        evidence(manager, dir, &rel),
        match manager {
            Manager::Husky { .. } => "roadmap adds a line to husky's scripts",
            Manager::Lefthook { .. } =>
                "roadmap adds a `roadmap` command to lefthook's configuration",
            _ => "roadmap adds a local hook to pre-commit's configuration",
        }
    );
    let scripts_here = hooks::inspect(&dir.path, &hooks::HOOKS)
        .iter()
        .any(|s| matches!(s.state, State::Roadmap { .. }) || s.chained.is_some());
    let steps = match action {
        HooksAction::Install { .. } | HooksAction::Uninstall { .. } => {
            if scripts_here {
                hooks::uninstall(&dir.path, &hooks::HOOKS)?;
                let _ = writeln!(
                    out,
                    "  took roadmap's own hook scripts out of {} ({} owns it) and put back the hooks they had replaced",
                    dir.path.display(),
                    manager.name()
                );
            }
            for old in hooks::remove_set_aside(&dir.path)? {
                let _ = writeln!(
                    out,
                    "  removed {}, an old roadmap hook set aside",
                    old.display()
                );
            }
            if matches!(action, HooksAction::Install { .. }) {
                manager::install(manager, root, &dir.path)?
            } else {
                manager::uninstall(manager, root)?
            }
        }
        HooksAction::Status { .. } => {
            managed_status(out, manager, dir, scripts_here, &rel, palette);
            return Ok(());
        }
    };
    step_lines(out, steps, &rel, palette);
    Ok(())
}

/// `hooks status` under a hook manager: whether roadmap's entry is in
/// each of its files and would run, roadmap's own scripts left in the
/// managed folder, and `roadmap` missing from PATH.
fn managed_status(
    out: &mut String,
    manager: &Manager,
    dir: &HooksDir,
    scripts_here: bool,
    rel: &dyn Fn(&Path) -> String,
    palette: Palette,
) {
    for entry in manager::status(manager, &dir.path) {
        let what = match (entry.present, &entry.blocked) {
            (true, None) => {
                format!("{}: {} runs it", palette.good("present"), manager.name())
            }
            (true, Some(why)) => format!(
                "{}, but it would not run: {why}",
                palette.warning("present")
            ),
            (false, _) => {
                format!("{}: run `roadmap hooks install`", palette.dim("not added"))
            }
        };
        let _ = writeln!(out, "  {:<14} {what} ({})", entry.hook, rel(&entry.file));
    }
    if scripts_here {
        let _ = writeln!(
            out,
            "  {} roadmap's own scripts are in {}, which {} owns: run `roadmap hooks install` to move roadmap into {}'s configuration",
            palette.warning("warning:"),
            dir.path.display(),
            manager.name(),
            manager.name()
        );
    }
    let on_path = hooks::find_roadmap(path_var().as_deref(), None);
    if on_path == Found::Missing {
        let _ = writeln!(
            out,
            "{} {} runs `roadmap` from PATH, and it is not there",
            palette.error("roadmap is not on PATH:"),
            manager.name()
        );
    }
}

/// One line for each step of installing into or removing from a hook
/// manager's files.
fn step_lines(out: &mut String, steps: Vec<Step>, rel: &dyn Fn(&Path) -> String, palette: Palette) {
    for step in steps {
        let _ = match step {
            Step::Added {
                file,
                hook,
                created,
            } => writeln!(
                out,
                "  {hook:<14} added roadmap's entry to {}{}",
                rel(&file),
                if created { " (a new file)" } else { "" }
            ),
            Step::Present { file, hook } => writeln!(
                out,
                "  {hook:<14} roadmap's entry is already in {}",
                rel(&file)
            ),
            Step::Removed {
                file,
                hook,
                deleted,
            } => writeln!(
                out,
                "  {hook:<14} removed roadmap's entry from {}{}",
                rel(&file),
                if deleted {
                    "; nothing else was in it, so the file is gone"
                } else {
                    ""
                }
            ),
            Step::Ran { command, ok: true } => writeln!(out, "Ran `{command}`."),
            Step::Ran { command, ok: false } => writeln!(
                out,
                "{} `{command}` failed: run it yourself for the change to take effect",
                palette.warning("warning:")
            ),
            Step::Run(command) => {
                writeln!(out, "Run `{command}` for this to take effect.")
            }
            Step::ByHand { file, snippet } => writeln!(
                out,
                "No {file} to edit: add roadmap's hook to it by hand:\n{snippet}"
            ),
        };
    }
}

/// What shows the manager is in charge.
fn evidence(manager: &Manager, dir: &HooksDir, rel: &dyn Fn(&Path) -> String) -> String {
    match manager {
        Manager::Husky { .. } => dir
            .configured
            .as_ref()
            .map(|(value, _)| format!("core.hooksPath = {value}"))
            .unwrap_or_default(),
        Manager::Lefthook { config }
        | Manager::PreCommit {
            config: Some(config),
        } => rel(config),
        _ => format!("its script in {}", dir.path.join("pre-commit").display()),
    }
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
