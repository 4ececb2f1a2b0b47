//! Hook managers: husky, lefthook and the pre-commit framework each own
//! the hooks folder git runs, and each rewrites it on its own schedule
//! (`npm install`, any edit of `lefthook.yml`, `pre-commit install`). A
//! script roadmap put there would be renamed, shadowed or thrown away, and
//! the user's own hook with it. So when one of them is in charge, roadmap
//! adds itself where that manager reads its hooks from: a line in husky's
//! script, a command in `lefthook.yml`, a local hook in
//! `.pre-commit-config.yaml`. Each addition carries [`MARK`], so that
//! uninstalling removes exactly what installing added. The YAML edits are
//! surgical (the user's comments, order and layout stay as they were) and
//! checked by parsing the result before anything is written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::git::HooksDir;

/// Ends every line roadmap adds to a file of a hook manager.
pub(crate) const MARK: &str = "# added by roadmap hooks install";

/// Ends a key roadmap added only to hold its entry (`commands:`,
/// `post-commit:`, `repos:`): uninstalling removes it only when nothing
/// else has been put under it since.
const HOLDER: &str = "# added by roadmap hooks install to hold its entry";

/// What the pre-commit hook runs: the plan exactly as the commit will hold
/// it, whatever is untracked or unstaged beside it.
pub(crate) const CHECK: &str = "roadmap check --staged --quiet";

/// What the post-commit hook runs: the reports, in the background so that
/// git does not wait for them.
pub(crate) const REBUILD: &str = "roadmap report --quiet >/dev/null 2>&1 &";

/// The hook types roadmap adds itself to, with what each runs, for the
/// managers that take a command (husky, lefthook).
pub(crate) const ENTRIES: [(&str, &str); 2] = [("pre-commit", CHECK), ("post-commit", REBUILD)];

/// lefthook's configuration file names, in the order lefthook reads them.
const LEFTHOOK_CONFIGS: [&str; 6] = [
    "lefthook.yml",
    ".lefthook.yml",
    "lefthook.yaml",
    ".lefthook.yaml",
    ".config/lefthook.yml",
    ".config/lefthook.yaml",
];

const PRE_COMMIT_CONFIG: &str = ".pre-commit-config.yaml";

/// The hook roadmap's manifest (`.pre-commit-hooks.yaml`) defines, as the
/// `repo: local` entry added to a `.pre-commit-config.yaml`.
const PRE_COMMIT_HOOK: [(&str, &str); 6] = [
    ("id", "roadmap-check"),
    ("name", "roadmap check"),
    ("entry", "roadmap check --staged"),
    ("language", "system"),
    ("pass_filenames", "false"),
    ("files", "^plans/"),
];

/// Who runs the repository's git hooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Manager {
    /// husky: `core.hooksPath` is `.husky/_` (husky 9) or `.husky`
    /// (husky 4 to 8); the user's scripts are in `folder`.
    Husky { folder: PathBuf, v9: bool },
    /// lefthook, configured by `config`.
    Lefthook { config: PathBuf },
    /// The pre-commit framework: its configuration, if there is one (its
    /// hook script alone was found otherwise).
    PreCommit { config: Option<PathBuf> },
    /// A folder of the user's own, named by `core.hooksPath`.
    HooksPath,
    /// git's own `hooks/` folder.
    Git,
}

impl Manager {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Manager::Husky { .. } => "husky",
            Manager::Lefthook { .. } => "lefthook",
            Manager::PreCommit { .. } => "pre-commit",
            Manager::HooksPath => "core.hooksPath",
            Manager::Git => "git",
        }
    }

    /// True when roadmap's own scripts go into the hooks folder.
    pub(crate) fn takes_scripts(&self) -> bool {
        matches!(self, Manager::HooksPath | Manager::Git)
    }
}

/// Finds who is in charge of the hooks of the working tree `root`, whose
/// hooks folder is `dir`. `core.hooksPath` pointing into husky's folder
/// wins (git runs nothing else); then a lefthook configuration, then the
/// pre-commit framework's; else whoever owns the folder.
pub(crate) fn detect(root: &Path, dir: &HooksDir) -> Manager {
    let husky = root.join(".husky");
    if let Some((value, _)) = &dir.configured {
        let value = value.trim_end_matches('/');
        if husky.is_dir() {
            if value == ".husky/_" || value.ends_with("/.husky/_") {
                return Manager::Husky {
                    folder: husky,
                    v9: true,
                };
            }
            if value == ".husky" || value.ends_with("/.husky") {
                return Manager::Husky {
                    folder: husky,
                    v9: false,
                };
            }
        }
    }
    // husky's scripts, before `npm install` has set `core.hooksPath`: once
    // it does, git runs nothing else.
    if dir.configured.is_none() && (husky.join("_").is_dir() || husky.join("pre-commit").is_file())
    {
        return Manager::Husky {
            folder: husky,
            v9: true,
        };
    }
    if let Some(config) = LEFTHOOK_CONFIGS
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
    {
        return Manager::Lefthook { config };
    }
    let config = root.join(PRE_COMMIT_CONFIG);
    if config.is_file() {
        return Manager::PreCommit {
            config: Some(config),
        };
    }
    if read(&dir.path.join("pre-commit")).is_some_and(|text| is_pre_commit_script(&text)) {
        return Manager::PreCommit { config: None };
    }
    if dir.configured.is_some() {
        Manager::HooksPath
    } else {
        Manager::Git
    }
}

/// What installing or uninstalling did to one file, or asks of the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Added roadmap's line or entry for `hook` to `file` (`created` when
    /// the file was not there).
    Added {
        file: PathBuf,
        hook: &'static str,
        created: bool,
    },
    /// Roadmap's line or entry for `hook` was already in `file`.
    Present { file: PathBuf, hook: &'static str },
    /// Removed roadmap's line or entry for `hook` from `file` (`deleted`
    /// when nothing else was left in it, so the file went too).
    Removed {
        file: PathBuf,
        hook: &'static str,
        deleted: bool,
    },
    /// Ran the manager's own command (`lefthook install`), with its outcome.
    Ran { command: String, ok: bool },
    /// The user must run this for the change to take effect.
    Run(String),
    /// Nothing can be edited: this is what to add, and where.
    ByHand { file: String, snippet: String },
}

/// Whether a manager would run roadmap's check, for `hooks status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub hook: &'static str,
    /// Where roadmap's entry is (or would go).
    pub file: PathBuf,
    pub present: bool,
    /// Why an entry that is present would not run, if it would not.
    pub blocked: Option<String>,
}

/// Adds roadmap to the manager in charge. The hooks folder `dir` is not
/// touched here: managers own it.
pub(crate) fn install(manager: &Manager, root: &Path, dir: &Path) -> Result<Vec<Step>, Error> {
    match manager {
        Manager::Husky { folder, v9 } => {
            let mut steps = Vec::new();
            for (hook, command) in ENTRIES {
                steps.push(husky_add(&folder.join(hook), hook, command, *v9)?);
            }
            Ok(steps)
        }
        Manager::Lefthook { config } => {
            let before = read_existing(config)?;
            let mut text = before.clone();
            let mut steps = Vec::new();
            for (hook, command) in ENTRIES {
                if lefthook_has(&text, hook) {
                    steps.push(Step::Present {
                        file: config.clone(),
                        hook,
                    });
                    continue;
                }
                text = lefthook_add(&text, hook, command)
                    .ok_or_else(|| by_hand_error(config, &lefthook_snippet(hook, command)))?;
                if !lefthook_has(&text, hook) {
                    return Err(by_hand_error(config, &lefthook_snippet(hook, command)));
                }
                steps.push(Step::Added {
                    file: config.clone(),
                    hook,
                    created: false,
                });
            }
            if text != before {
                rewrite(config, &text)?;
            }
            steps.push(lefthook_install(root));
            Ok(steps)
        }
        Manager::PreCommit {
            config: Some(config),
        } => {
            let before = read_existing(config)?;
            let mut steps = Vec::new();
            if pre_commit_has(&before) {
                steps.push(Step::Present {
                    file: config.clone(),
                    hook: "pre-commit",
                });
            } else {
                let text = pre_commit_add(&before)
                    .filter(|text| pre_commit_has(text))
                    .ok_or_else(|| by_hand_error(config, &pre_commit_snippet()))?;
                rewrite(config, &text)?;
                steps.push(Step::Added {
                    file: config.clone(),
                    hook: "pre-commit",
                    created: false,
                });
            }
            if !read(&dir.join("pre-commit")).is_some_and(|t| is_pre_commit_script(&t)) {
                steps.push(Step::Run("pre-commit install".to_owned()));
            }
            Ok(steps)
        }
        Manager::PreCommit { config: None } => Ok(vec![Step::ByHand {
            file: PRE_COMMIT_CONFIG.to_owned(),
            snippet: pre_commit_snippet(),
        }]),
        Manager::HooksPath | Manager::Git => Ok(Vec::new()),
    }
}

/// Removes exactly what [`install`] added.
pub(crate) fn uninstall(manager: &Manager, root: &Path) -> Result<Vec<Step>, Error> {
    match manager {
        Manager::Husky { folder, .. } => {
            let mut steps = Vec::new();
            for (hook, _) in ENTRIES {
                let file = folder.join(hook);
                let Some(text) = read(&file) else { continue };
                if !has_marked_line(&text) {
                    continue;
                }
                let kept: String = text
                    .split_inclusive('\n')
                    .filter(|line| !line.trim_end().ends_with(MARK))
                    .collect();
                // A script roadmap made holds nothing else.
                let deleted = kept.trim().is_empty() || kept == HUSKY_8_HEAD;
                if deleted {
                    fs::remove_file(&file).map_err(|e| Error::io(file.display().to_string(), e))?;
                } else {
                    rewrite(&file, &kept)?;
                }
                steps.push(Step::Removed {
                    file,
                    hook,
                    deleted,
                });
            }
            Ok(steps)
        }
        Manager::Lefthook { config }
        | Manager::PreCommit {
            config: Some(config),
        } => {
            let text = read_existing(config)?;
            let (kept, removed) = remove_marked(&text);
            if !removed {
                return Ok(Vec::new());
            }
            rewrite(config, &kept)?;
            let mut steps = Vec::new();
            if let Manager::Lefthook { .. } = manager {
                for (hook, _) in ENTRIES {
                    if lefthook_has(&text, hook) && !lefthook_has(&kept, hook) {
                        steps.push(Step::Removed {
                            file: config.clone(),
                            hook,
                            deleted: false,
                        });
                    }
                }
                steps.push(lefthook_install(root));
            } else {
                steps.push(Step::Removed {
                    file: config.clone(),
                    hook: "pre-commit",
                    deleted: false,
                });
            }
            Ok(steps)
        }
        Manager::PreCommit { config: None } | Manager::HooksPath | Manager::Git => Ok(Vec::new()),
    }
}

/// Where roadmap's entries are, and whether the manager would run them.
pub(crate) fn status(manager: &Manager, dir: &Path) -> Vec<Entry> {
    match manager {
        Manager::Husky { folder, v9 } => ENTRIES
            .iter()
            .map(|&(hook, _)| {
                let file = folder.join(hook);
                let present = read(&file).is_some_and(|t| has_marked_line(&t));
                let blocked = if *v9 && !dir.ends_with(".husky/_") {
                    Some(
                        "git does not run husky's hooks yet (core.hooksPath is not .husky/_): run `npx husky` (or `npm install`)"
                            .to_owned(),
                    )
                } else if *v9 && !dir.join(hook).is_file() {
                    Some(format!(
                        "husky's {} is missing: run `npx husky` (or `npm install`)",
                        dir.join(hook).display()
                    ))
                } else if !*v9 && present && !is_executable(&file) {
                    Some(format!("{} is not executable", file.display()))
                } else {
                    None
                };
                Entry {
                    hook,
                    file,
                    present,
                    blocked,
                }
            })
            .collect(),
        Manager::Lefthook { config } => {
            let text = read(config).unwrap_or_default();
            ENTRIES
                .iter()
                .map(|&(hook, _)| Entry {
                    hook,
                    file: config.clone(),
                    present: lefthook_has(&text, hook),
                    blocked: (!read(&dir.join(hook)).is_some_and(|t| t.contains("lefthook"))).then(
                        || {
                            format!(
                                "lefthook's {hook} hook is not installed: run `lefthook install`"
                            )
                        },
                    ),
                })
                .collect()
        }
        Manager::PreCommit { config } => {
            let file = config
                .clone()
                .unwrap_or_else(|| PathBuf::from(PRE_COMMIT_CONFIG));
            let present = config
                .as_deref()
                .and_then(read)
                .is_some_and(|t| pre_commit_has(&t));
            vec![Entry {
                hook: "pre-commit",
                file,
                present,
                blocked: (!read(&dir.join("pre-commit")).is_some_and(|t| is_pre_commit_script(&t)))
                    .then(|| {
                        "pre-commit's hook is not installed: run `pre-commit install`".to_owned()
                    }),
            }]
        }
        Manager::HooksPath | Manager::Git => Vec::new(),
    }
}

/// Runs `lefthook install` when lefthook is in the project's
/// `node_modules/.bin` or on PATH, so that its hooks pick up the new
/// configuration; else asks the user to.
fn lefthook_install(root: &Path) -> Step {
    let command = "lefthook install";
    let local = root.join("node_modules/.bin/lefthook");
    let program = if is_executable(&local) {
        local
    } else {
        PathBuf::from("lefthook")
    };
    match Command::new(program)
        .arg("install")
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) => Step::Ran {
            command: command.to_owned(),
            ok: status.success(),
        },
        Err(_) => Step::Run(command.to_owned()),
    }
}

// --- husky ---

/// The start of a script husky 5 to 8 runs directly (husky 9 runs each
/// script with `sh -e` and needs none).
const HUSKY_8_HEAD: &str = "#!/usr/bin/env sh\n. \"$(dirname -- \"$0\")/_/husky.sh\"\n\n";

fn husky_add(file: &Path, hook: &'static str, command: &str, v9: bool) -> Result<Step, Error> {
    let line = format!("{command} {MARK}\n");
    let Some(text) = read(file) else {
        if file.exists() {
            return Err(Error::io(
                file.display().to_string(),
                std::io::Error::other("not a readable text file"),
            ));
        }
        let head = if v9 { "" } else { HUSKY_8_HEAD };
        write_new(file, &format!("{head}{line}"))?;
        return Ok(Step::Added {
            file: file.to_path_buf(),
            hook,
            created: true,
        });
    };
    if has_marked_line(&text) {
        return Ok(Step::Present {
            file: file.to_path_buf(),
            hook,
        });
    }
    let mut text = text;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&line);
    rewrite(file, &text)?;
    Ok(Step::Added {
        file: file.to_path_buf(),
        hook,
        created: false,
    })
}

fn has_marked_line(text: &str) -> bool {
    text.lines().any(|line| line.trim_end().ends_with(MARK))
}

// --- YAML edits ---

/// A line of a YAML file, for the surgical edits: its indentation and
/// whether it holds anything but a comment.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// True for `key:` alone on its line (a comment may follow): a block
/// mapping or sequence comes next.
fn is_block_key(line: &str, key: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix(key) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix(':') else {
        return false;
    };
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#')
}

/// The indentation one level adds in `lines`: the first indented line's.
fn indent_unit(lines: &[&str]) -> usize {
    lines
        .iter()
        .filter(|l| is_content(l))
        .map(|l| indent(l))
        .find(|&n| n > 0)
        .unwrap_or(2)
}

/// The end (exclusive) of the block that the key at `at` opens: the next
/// content line indented no deeper than it (under a key, a `-` item at the
/// same indentation belongs to the key's sequence, as YAML allows).
fn block_end(lines: &[&str], at: usize) -> usize {
    let own = indent(lines[at]);
    let is_item = lines[at].trim_start().starts_with('-');
    let mut end = at + 1;
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        if !is_content(line) {
            continue;
        }
        let deeper = indent(line) > own
            || (!is_item && indent(line) == own && line.trim_start().starts_with('-'));
        if !deeper {
            break;
        }
        end = i + 1;
    }
    end
}

/// The indentation of the first content line in `lines[from..to]`.
fn first_child_indent(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    lines[from..to]
        .iter()
        .find(|l| is_content(l))
        .map(|l| indent(l))
}

fn join(lines: &[String], trailing_newline: bool) -> String {
    let mut text = lines.join("\n");
    if trailing_newline && !text.is_empty() {
        text.push('\n');
    }
    text
}

/// `text` with a lefthook command `roadmap` under `hook`, or `None` when
/// the file's shape is not one this edit understands (flow style, tabs).
fn lefthook_add(text: &str, hook: &str, command: &str) -> Option<String> {
    if text.contains('\t') {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let unit = indent_unit(&lines);
    let pad = |n: usize| " ".repeat(n);
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let top = lines
        .iter()
        .position(|l| indent(l) == 0 && l.starts_with(&format!("{hook}:")));
    let Some(top) = top else {
        out.push(format!("{hook}: {HOLDER}"));
        out.push(format!("{}commands: {HOLDER}", pad(unit)));
        out.push(format!("{}roadmap: {MARK}", pad(2 * unit)));
        out.push(format!("{}run: {command}", pad(3 * unit)));
        return Some(join(&out, true));
    };
    if !is_block_key(lines[top], hook) {
        return None;
    }
    let end = block_end(&lines, top);
    let child = first_child_indent(&lines, top + 1, end).unwrap_or(unit);
    let find = |key: &str| {
        (top + 1..end).find(|&i| {
            indent(lines[i]) == child && lines[i].trim_start().starts_with(&format!("{key}:"))
        })
    };
    let insert: Vec<String>;
    let after;
    if let Some(at) = find("commands") {
        if !is_block_key(lines[at], "commands") {
            return None;
        }
        let inner =
            first_child_indent(&lines, at + 1, block_end(&lines, at)).unwrap_or(child + unit);
        insert = vec![
            format!("{}roadmap: {MARK}", pad(inner)),
            format!("{}run: {command}", pad(inner + unit)),
        ];
        after = at;
    } else if let Some(at) = find("jobs") {
        if !is_block_key(lines[at], "jobs") {
            return None;
        }
        let dash =
            first_child_indent(&lines, at + 1, block_end(&lines, at)).unwrap_or(child + unit);
        insert = vec![
            format!("{}- name: roadmap {MARK}", pad(dash)),
            format!("{}run: {command}", pad(dash + 2)),
        ];
        after = at;
    } else {
        insert = vec![
            format!("{}commands: {HOLDER}", pad(child)),
            format!("{}roadmap: {MARK}", pad(child + unit)),
            format!("{}run: {command}", pad(child + 2 * unit)),
        ];
        after = top;
    }
    let at = after + 1;
    out.splice(at..at, insert);
    Some(join(&out, true))
}

/// True when lefthook would run a `roadmap ...` command or job for `hook`.
fn lefthook_has(text: &str, hook: &str) -> bool {
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return false;
    };
    let Some(section) = doc.get(hook) else {
        return false;
    };
    let runs_roadmap = |v: &serde_yaml::Value| {
        v.get("run")
            .and_then(serde_yaml::Value::as_str)
            .is_some_and(|run| run.trim_start().starts_with("roadmap "))
    };
    let in_commands = section
        .get("commands")
        .and_then(serde_yaml::Value::as_mapping)
        .is_some_and(|m| m.values().any(runs_roadmap));
    let in_jobs = section
        .get("jobs")
        .and_then(serde_yaml::Value::as_sequence)
        .is_some_and(|s| s.iter().any(runs_roadmap));
    in_commands || in_jobs
}

fn lefthook_snippet(hook: &str, command: &str) -> String {
    format!("{hook}:\n  commands:\n    roadmap:\n      run: {command}\n")
}

/// `text` with a `repo: local` entry running roadmap's check as the first
/// of `repos:`, or `None` when the file's shape is not understood.
fn pre_commit_add(text: &str) -> Option<String> {
    if text.contains('\t') {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let top = lines
        .iter()
        .position(|l| indent(l) == 0 && l.starts_with("repos:"));
    let Some(top) = top else {
        out.push(format!("repos: {HOLDER}"));
        out.extend(pre_commit_item(2, 4));
        return Some(join(&out, true));
    };
    if !is_block_key(lines[top], "repos") {
        return None;
    }
    let end = block_end(&lines, top);
    // The first item gives the layout: where its dash is and where the
    // keys after the dash start (`- repo:` or `-   repo:`).
    let (dash, keys) = lines[top + 1..end]
        .iter()
        .find(|l| is_content(l))
        .and_then(|l| {
            let rest = l.trim_start().strip_prefix('-')?;
            let gap = rest.len() - rest.trim_start_matches(' ').len();
            Some((indent(l), indent(l) + 1 + gap.max(1)))
        })
        .unwrap_or((0, 2));
    let mut item = pre_commit_item(dash, keys);
    item[0] = format!(
        "{}-{}repo: local {MARK}",
        " ".repeat(dash),
        " ".repeat(keys - dash - 1)
    );
    let at = top + 1;
    out.splice(at..at, item);
    Some(join(&out, true))
}

/// The lines of the `repo: local` item, its dash at `dash` and its keys at
/// `keys`.
fn pre_commit_item(dash: usize, keys: usize) -> Vec<String> {
    let pad = |n: usize| " ".repeat(n);
    let mut lines = vec![
        format!("{}- repo: local {MARK}", pad(dash)),
        format!("{}hooks:", pad(keys)),
    ];
    for (i, (key, value)) in PRE_COMMIT_HOOK.iter().enumerate() {
        let lead = if i == 0 {
            format!("{}- ", pad(keys))
        } else {
            pad(keys + 2)
        };
        let value = if value.starts_with('^') {
            format!("'{value}'")
        } else {
            (*value).to_owned()
        };
        lines.push(format!("{lead}{key}: {value}"));
    }
    lines
}

fn pre_commit_snippet() -> String {
    format!(
        "repos:\n{}\n",
        pre_commit_item(2, 4)
            .join("\n")
            .replace(&format!(" {MARK}"), "")
    )
}

/// True when the configuration has a hook with roadmap's id.
fn pre_commit_has(text: &str) -> bool {
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return false;
    };
    doc.get("repos")
        .and_then(serde_yaml::Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|repo| repo.get("hooks")?.as_sequence())
        .flatten()
        .any(|hook| hook.get("id").and_then(serde_yaml::Value::as_str) == Some("roadmap-check"))
}

fn is_pre_commit_script(text: &str) -> bool {
    text.contains("File generated by pre-commit")
}

/// `text` without the entries marked [`MARK`] and the blocks they open,
/// then without the keys marked [`HOLDER`] that hold nothing any more;
/// true when something was removed.
fn remove_marked(text: &str) -> (String, bool) {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut removed = false;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end().ends_with(MARK) {
            removed = true;
            let end = block_end(&lines, i);
            lines.drain(i..end);
            continue;
        }
        i += 1;
    }
    while let Some(at) = (0..lines.len())
        .find(|&at| lines[at].trim_end().ends_with(HOLDER) && block_end(&lines, at) == at + 1)
    {
        lines.remove(at);
    }
    let kept: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    (join(&kept, text.ends_with('\n')), removed)
}

fn by_hand_error(file: &Path, snippet: &str) -> Error {
    Error::Usage(format!(
        "{}: roadmap cannot place its entry in this file's layout (flow style or tabs): nothing was changed. Add this by hand:\n{snippet}",
        file.display()
    ))
}

// --- files ---

fn read(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok()
}

fn read_existing(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path).map_err(|e| Error::io(path.display().to_string(), e))
}

/// Replaces `path` with `contents` through a temporary file beside it,
/// keeping its permissions.
fn rewrite(path: &Path, contents: &str) -> Result<(), Error> {
    let perms = fs::metadata(path)
        .map_err(|e| Error::io(path.display().to_string(), e))?
        .permissions();
    super::replace_file(path, contents, Some(perms))
}

/// Creates `path`, executable (husky before 9 runs the scripts directly).
fn write_new(path: &Path, contents: &str) -> Result<(), Error> {
    let err = |e: std::io::Error| Error::io(path.display().to_string(), e);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(err)?;
    }
    fs::write(path, contents).map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(err)?;
    }
    Ok(())
}

fn is_executable(path: &Path) -> bool {
    super::is_executable(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEFTHOOK: &str = "# Team hooks\npre-commit:\n  parallel: true # fast\n  commands:\n    lint:\n      run: npm run lint\n\npre-push:\n  commands:\n    test:\n      run: npm test\n";

    #[test]
    fn a_lefthook_command_goes_under_the_existing_commands_and_comes_out_again() {
        let added = lefthook_add(LEFTHOOK, "pre-commit", CHECK).expect("added");
        assert!(added.contains(&format!(
            "  commands:\n    roadmap: {MARK}\n      run: {CHECK}\n    lint:\n"
        )));
        assert!(lefthook_has(&added, "pre-commit"));
        assert!(!lefthook_has(&added, "post-commit"));
        let added = lefthook_add(&added, "post-commit", REBUILD).expect("added");
        assert!(lefthook_has(&added, "post-commit"));
        assert!(added.starts_with("# Team hooks\n"), "{added}");
        assert_eq!(remove_marked(&added), (LEFTHOOK.to_owned(), true));
    }

    #[test]
    fn what_the_user_put_under_roadmaps_keys_stays() {
        let added = lefthook_add(LEFTHOOK, "post-commit", REBUILD).expect("added");
        let theirs = format!("{added}    notify:\n      run: echo done\n");
        let (kept, removed) = remove_marked(&theirs);
        assert!(removed);
        assert_eq!(
            kept,
            format!(
                "{LEFTHOOK}post-commit: {HOLDER}\n  commands: {HOLDER}\n    notify:\n      run: echo done\n"
            )
        );
    }

    #[test]
    fn a_lefthook_job_is_added_to_jobs() {
        let text = "pre-commit:\n  jobs:\n    - name: lint\n      run: npm run lint\n";
        let added = lefthook_add(text, "pre-commit", CHECK).expect("added");
        assert!(lefthook_has(&added, "pre-commit"), "{added}");
        assert_eq!(remove_marked(&added).0, text);
    }

    #[test]
    fn a_lefthook_section_without_commands_gets_them() {
        let text = "pre-commit:\n    parallel: true\n";
        let added = lefthook_add(text, "pre-commit", CHECK).expect("added");
        assert!(lefthook_has(&added, "pre-commit"), "{added}");
        assert_eq!(remove_marked(&added).0, text);
    }

    #[test]
    fn flow_style_is_left_to_the_user() {
        assert_eq!(lefthook_add("pre-commit: {}\n", "pre-commit", CHECK), None);
        assert_eq!(pre_commit_add("repos: []\n"), None);
    }

    #[test]
    fn a_pre_commit_local_hook_follows_the_configs_layout() {
        let text = "# hooks\nrepos:\n-   repo: https://example.com/hooks\n    rev: v1\n    hooks:\n    -   id: trailing-whitespace\n";
        let added = pre_commit_add(text).expect("added");
        assert!(pre_commit_has(&added), "{added}");
        assert!(
            added.contains(&format!("-   repo: local {MARK}\n    hooks:\n")),
            "{added}"
        );
        assert_eq!(remove_marked(&added).0, text);
        let empty = pre_commit_add("").expect("added");
        assert!(pre_commit_has(&empty), "{empty}");
        assert_eq!(remove_marked(&empty).0, "");
    }

    #[test]
    fn the_local_hook_is_the_manifests() {
        let manifest: Vec<serde_yaml::Mapping> =
            serde_yaml::from_str(include_str!("../../.pre-commit-hooks.yaml")).expect("manifest");
        let hook = &manifest[0];
        for (key, value) in PRE_COMMIT_HOOK {
            let shipped = match &hook[key] {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .expect("yaml")
                    .trim()
                    .to_owned(),
            };
            assert_eq!(shipped, value, "{key}");
        }
    }

    #[test]
    fn a_husky_script_keeps_its_lines() {
        let text = "npx lint-staged\n";
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("pre-commit");
        fs::write(&file, text).expect("write");
        let step = husky_add(&file, "pre-commit", CHECK, true).expect("added");
        assert!(
            matches!(step, Step::Added { created: false, .. }),
            "{step:?}"
        );
        assert_eq!(
            read(&file).as_deref(),
            Some(format!("{text}{CHECK} {MARK}\n").as_str())
        );
        let manager = Manager::Husky {
            folder: dir.path().to_path_buf(),
            v9: true,
        };
        uninstall(&manager, dir.path()).expect("removed");
        assert_eq!(read(&file).as_deref(), Some(text));

        let made = dir.path().join("post-commit");
        husky_add(&made, "post-commit", REBUILD, false).expect("added");
        assert!(is_executable(&made));
        assert!(read(&made).is_some_and(|t| t.starts_with(HUSKY_8_HEAD)));
        let manager = Manager::Husky {
            folder: dir.path().to_path_buf(),
            v9: false,
        };
        uninstall(&manager, dir.path()).expect("removed");
        assert!(!made.exists(), "roadmap made it, roadmap removed it");
    }
}
