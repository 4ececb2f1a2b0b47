//! `roadmap watch`: file-system events in, the report pipeline re-run.
//!
//! Editors save in many ways: in place, by writing a temporary file and
//! renaming it over the original (vim, VS Code, `JetBrains`), by deleting and
//! recreating, and "save all" or a formatter saves many files at once. The
//! watcher does not care which: every event under `plans/` or `templates/`
//! that is not an editor's scratch file marks the plan as changed, and a
//! rebuild starts only once the events have been quiet for a moment, so a
//! burst of saves costs one rebuild (two when a save lands while the
//! rebuild runs). Events come from notify, debounced by
//! notify-debouncer-full; `--poll` swaps in notify's polling watcher for
//! file systems that send no events (network shares, some containers).
//!
//! A plan that does not check is not rendered: the diagnostics go to the
//! caller and the last good report stays where it is. [`rebuild`] is the
//! one step that writes; `cmd::watch` prints.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::layout::PLANS_DIR;
use crate::load::{self, Snapshot};
use crate::report;

/// The folder of template overrides beside `plans/`.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// How the watcher waits.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Poll the file system instead of waiting for its events.
    pub poll: bool,
    /// How long notify-debouncer-full holds an event back to merge it with
    /// the next ones on the same file (and to pair a rename's two halves).
    /// It emits each event once it is this old, even mid-burst; `quiet` is
    /// what makes a burst one rebuild.
    pub debounce: Duration,
    /// How long the events must then be quiet before a rebuild starts.
    pub quiet: Duration,
    /// A rebuild starts at the latest this long after the first event of a
    /// burst, so a file that never stops changing still gets reports.
    pub max_wait: Duration,
    /// How often `poll` looks.
    pub poll_interval: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            poll: false,
            debounce: Duration::from_millis(25),
            quiet: Duration::from_millis(80),
            max_wait: Duration::from_secs(1),
            poll_interval: Duration::from_millis(200),
        }
    }
}

enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// Stops a [`Watcher`] from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub(crate) struct Stopper(Sender<Message>);

impl Stopper {
    pub(crate) fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

enum Backend {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Events(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Events(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

/// What woke the watcher up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Wake {
    /// These files (or folders) changed, relative to the root.
    Changed(Vec<String>),
    /// The watcher reported a problem; watching goes on.
    Trouble(String),
    /// Ctrl-C, or [`Stopper::stop`].
    Stop,
}

/// Watches `plans/` and `templates/` of a plan repository.
pub(crate) struct Watcher {
    root: PathBuf,
    out: PathBuf,
    settings: Settings,
    backend: Backend,
    tx: Sender<Message>,
    rx: Receiver<Message>,
    /// The sub-folders being watched (recursively) right now.
    watched: BTreeSet<PathBuf>,
    /// Problems to hand out before the next change.
    troubles: Vec<String>,
}

impl Watcher {
    /// Starts watching the repository at `root`, whose report goes to
    /// `out` (ignored, wherever it is).
    pub(crate) fn start(root: &Path, out: &Path, settings: Settings) -> Result<Watcher, Error> {
        let root = root
            .canonicalize()
            .map_err(|e| Error::io(root.display().to_string(), e))?;
        let out = absolute(out);
        let (tx, rx) = mpsc::channel();
        let handler = {
            let tx = tx.clone();
            move |result: DebounceEventResult| {
                let _ = tx.send(Message::Events(result));
            }
        };
        let hint = if settings.poll {
            ""
        } else {
            " (`roadmap watch --poll` works without file-system events)"
        };
        let notify_err =
            |e: notify::Error| Error::Usage(format!("cannot watch the files: {e}{hint}"));
        let tick = Some(settings.debounce / 4);
        let backend = if settings.poll {
            // The poller keeps modification times in whole seconds: without
            // comparing contents it would miss a save in the same second.
            let config = notify::Config::default()
                .with_poll_interval(settings.poll_interval)
                .with_compare_contents(true);
            Backend::Poll(
                new_debouncer_opt(settings.debounce, tick, handler, NoCache, config)
                    .map_err(notify_err)?,
            )
        } else {
            Backend::Events(
                new_debouncer_opt(
                    settings.debounce,
                    tick,
                    handler,
                    RecommendedCache::new(),
                    notify::Config::default(),
                )
                .map_err(notify_err)?,
            )
        };
        let mut watcher = Watcher {
            root,
            out,
            settings,
            backend,
            tx,
            rx,
            watched: BTreeSet::new(),
            troubles: Vec::new(),
        };
        // The root itself, not recursively: to see plans/ and templates/
        // appear, disappear or be replaced.
        let root = watcher.root.clone();
        watcher
            .backend
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(notify_err)?;
        watcher.resync();
        if !watcher.watched.contains(&watcher.root.join(PLANS_DIR)) {
            let why = watcher.troubles.pop().unwrap_or_default();
            return Err(Error::Usage(if watcher.settings.poll {
                why
            } else {
                format!("{why} (`roadmap watch --poll` works without file-system events)")
            }));
        }
        Ok(watcher)
    }

    pub(crate) fn stopper(&self) -> Stopper {
        Stopper(self.tx.clone())
    }

    /// Waits for the next burst of changes to settle, and returns what
    /// changed; or a problem to report; or `Stop`.
    pub(crate) fn wait(&mut self) -> Wake {
        if !self.troubles.is_empty() {
            return Wake::Trouble(self.troubles.remove(0));
        }
        let mut changed = BTreeSet::new();
        let mut first: Option<Instant> = None;
        let mut last = Instant::now();
        loop {
            let message = match first {
                None => match self.rx.recv() {
                    Ok(message) => message,
                    Err(_) => return Wake::Stop,
                },
                Some(first) => {
                    let deadline = (last + self.settings.quiet).min(first + self.settings.max_wait);
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match self.rx.recv_timeout(wait) {
                        Ok(message) => message,
                        Err(RecvTimeoutError::Timeout) => {
                            return Wake::Changed(changed.into_iter().collect());
                        }
                        Err(RecvTimeoutError::Disconnected) => return Wake::Stop,
                    }
                }
            };
            let events = match message {
                Message::Stop => return Wake::Stop,
                Message::Events(Err(errors)) => {
                    self.troubles
                        .extend(errors.iter().map(|e| format!("watching the files: {e}")));
                    if first.is_none() {
                        return Wake::Trouble(self.troubles.remove(0));
                    }
                    continue;
                }
                Message::Events(Ok(events)) => events,
            };
            // Only a relevant event restarts the quiet window.
            let mut relevant_now = false;
            let mut resync = false;
            for event in events.iter().filter(|e| changes(e.kind)) {
                if event.need_rescan() {
                    // Events were lost: assume everything changed.
                    changed.insert(PLANS_DIR.to_owned());
                    relevant_now = true;
                    resync = true;
                }
                for path in &event.paths {
                    resync |= self.is_top(path);
                    if let Some(rel) = relevant(&self.root, &self.out, path) {
                        changed.insert(rel);
                        relevant_now = true;
                    }
                }
            }
            if resync {
                self.resync();
            }
            if relevant_now {
                last = Instant::now();
                first.get_or_insert(last);
            }
        }
    }

    /// True for `plans/` or `templates/` themselves.
    fn is_top(&self, path: &Path) -> bool {
        path.parent() == Some(self.root.as_path())
            && path
                .file_name()
                .is_some_and(|n| n == PLANS_DIR || n == TEMPLATES_DIR)
    }

    /// Watches `plans/` and `templates/` when they exist, again when they
    /// have been replaced (a watch follows the folder that was removed).
    fn resync(&mut self) {
        for name in [PLANS_DIR, TEMPLATES_DIR] {
            let dir = self.root.join(name);
            if self.watched.remove(&dir) {
                let _ = self.backend.unwatch(&dir);
            }
            if dir.is_dir() {
                match self.backend.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => {
                        self.troubles
                            .push(format!("cannot watch {}: {e}", dir.display()));
                    }
                }
            }
        }
    }
}

/// False for events that only say a file was opened or read: the
/// rebuild itself reads every plan file, and must not wake the watcher.
pub(crate) fn changes(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// `path` relative to `root` (with `/`), when a change there can change
/// the report: under `plans/` or `templates/`, not in the output folder
/// or a `.git`, and not an editor's scratch file.
pub(crate) fn relevant(root: &Path, out: &Path, path: &Path) -> Option<String> {
    if path.starts_with(out) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let top = parts.first()?;
    if top != PLANS_DIR && top != TEMPLATES_DIR {
        return None;
    }
    if parts.iter().any(|p| p == ".git") {
        return None;
    }
    if parts.len() > 1 && parts.last().is_some_and(|name| scratch(name)) {
        return None;
    }
    Some(parts.join("/"))
}

/// An editor's or a tool's temporary file: hidden files (vim's `.x.swp`,
/// emacs' `.#x` lock), backups (`x~`), emacs' `#x#`, vim's `4913` probe,
/// `JetBrains`' safe-write files and `*.tmp`. The loader skips hidden files
/// too.
pub(crate) fn scratch(name: &str) -> bool {
    const SUFFIXES: [&str; 6] = ["~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"];
    name.starts_with('.')
        || name.starts_with('#')
        || SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
}

/// What a rebuild did.
#[derive(Debug)]
pub(crate) enum Rebuilt {
    /// The report was written: its folder and files.
    Written(report::Written),
    /// The plan has errors: nothing was written; the snapshot is there to
    /// show the diagnostics' source lines.
    Invalid {
        snapshot: Snapshot,
        diagnostics: Vec<Diagnostic>,
        errors: usize,
    },
}

/// Checks the plan at `root` (`person`'s only, when given) and, when it
/// has no errors, renders the report into `out`, replacing the previous
/// one whole.
pub(crate) fn rebuild(root: &Path, out: &Path, person: Option<&str>) -> Result<Rebuilt, Error> {
    // A file renamed away between listing and reading (an editor saving)
    // fails the read; the next try sees the folder settled.
    let mut files = match load::read_worktree(root) {
        Ok(files) => files,
        Err(_) => {
            std::thread::sleep(Duration::from_millis(50));
            load::read_worktree(root)
                .map_err(|e| Error::io(root.join(PLANS_DIR).display().to_string(), e))?
        }
    };
    if let Some(person) = person {
        crate::person::keep(&mut files, person);
    }
    let snapshot = load::load(files);
    let diagnostics = crate::check_snapshot(&snapshot);
    let (errors, _) = load::count(&diagnostics);
    if errors > 0 {
        return Ok(Rebuilt::Invalid {
            snapshot,
            diagnostics,
            errors,
        });
    }
    let options = report::Options {
        person: person.map(str::to_owned),
        ..report::Options::default()
    };
    let built = report::build(root, &options)?;
    Ok(Rebuilt::Written(report::write(&built, out)?))
}

/// `path` made absolute against the working directory, with its longest
/// existing prefix resolved, so it compares with event paths.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path));
    let mut rest = Vec::new();
    let mut existing = joined.as_path();
    loop {
        if let Ok(resolved) = existing.canonicalize() {
            let mut full = resolved;
            full.extend(rest.iter().rev());
            return full;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return joined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plan_and_template_files_count() {
        let root = Path::new("/r");
        let out = Path::new("/r/dashboard");
        let rel = |p: &str| relevant(root, out, Path::new(p));
        assert_eq!(
            rel("/r/plans/vision.md").as_deref(),
            Some("plans/vision.md")
        );
        assert_eq!(
            rel("/r/plans/years/2026.yaml").as_deref(),
            Some("plans/years/2026.yaml")
        );
        assert_eq!(
            rel("/r/templates/report/index.html").as_deref(),
            Some("templates/report/index.html")
        );
        assert_eq!(rel("/r/plans").as_deref(), Some("plans"));
        assert_eq!(rel("/r/dashboard/index.html"), None);
        assert_eq!(rel("/r/.dashboard.new-12/index.html"), None);
        assert_eq!(rel("/r/.git/index"), None);
        assert_eq!(rel("/r/README.md"), None);
        assert_eq!(rel("/elsewhere/plans/vision.md"), None);
        assert_eq!(rel("/r/plans/.git/HEAD"), None);
    }

    #[test]
    fn an_output_folder_inside_plans_is_still_ignored() {
        let out = Path::new("/r/plans/site");
        assert_eq!(
            relevant(Path::new("/r"), out, Path::new("/r/plans/site/index.html")),
            None
        );
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(!changes(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes(EventKind::Modify(ModifyKind::Any)));
        assert!(changes(EventKind::Create(CreateKind::File)));
        assert!(changes(EventKind::Any));
    }

    #[test]
    fn editors_scratch_files_are_ignored() {
        for name in [
            ".vision.md.swp",
            ".vision.md.swx",
            "vision.md~",
            "4913",
            "#vision.md#",
            ".#vision.md",
            "vision.md___jb_tmp___",
            "vision.md___jb_old___",
            "vision.md.tmp",
        ] {
            assert!(scratch(name), "{name}");
            let path = PathBuf::from("/r/plans").join(name);
            assert_eq!(
                relevant(Path::new("/r"), Path::new("/r/d"), &path),
                None,
                "{name}"
            );
        }
        for name in ["vision.md", "2026-Q1.yaml", "2026.yaml", "index.html"] {
            assert!(!scratch(name), "{name}");
        }
    }
}
