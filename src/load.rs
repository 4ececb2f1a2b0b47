//! Reads a snapshot of `plans/` into the model, keeping every file's text so
//! that any diagnostic can be shown at its line and column.
//!
//! A snapshot comes from the working tree ([`read_worktree`]) or from git (the
//! git module hands over the same [`RawFile`]s for a commit or the index).
//! Each file is checked on its own first: size, binary content, encoding,
//! front matter, YAML syntax, then the schema of its kind. A file that fails
//! is reported and left out; every other file still loads, so one run shows
//! every problem.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diag::{Anchor, Diagnostic, Finding, Seg, Severity, Target, YamlPath, did_you_mean};
use crate::layout::{self, Kind, PLANS_DIR, Placement};
use crate::locate::{self, PositionIndex, SpanIndex};
use crate::model;
use crate::value::Period;

pub mod filled;
pub mod nesting;
pub(crate) mod parsed;

use filled::Filled;

/// Plan files above this size are refused unread.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A file as found in a snapshot, before parsing.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    TooLarge(u64),
    /// A symbolic link that resolves outside the repository.
    LinkOutside(String),
    Unreadable(String),
    /// A person's folder (`plans/<person>/`) that holds no plan file; its
    /// path ends in `/`. Only a working tree has one: git keeps no
    /// empty folders.
    EmptyFolder,
}

/// The parsed data of one plan file.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    Vision(Box<model::Vision>),
    Strategy(model::Strategy),
    Capabilities(model::Capabilities),
    Metrics(model::Metrics),
    Relationships(model::Relationships),
    Habits(model::Habits),
    Career(Box<model::Career>),
    Year(model::YearPlan),
    Quarter(model::QuarterPlan),
    CheckIns(model::CheckIns),
    Time(model::TimeLog),
    Review(model::Review),
}

impl Data {
    /// The file's `as_of`: the day its values are true on, when it says.
    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        let date = match self {
            Data::Vision(v) => v.as_of,
            Data::Strategy(s) => s.as_of,
            Data::Capabilities(c) => c.as_of,
            Data::Metrics(m) => m.as_of,
            Data::Relationships(r) => r.as_of,
            Data::Habits(h) => h.as_of,
            Data::Career(c) => c.as_of,
            Data::Year(y) => y.as_of,
            Data::Quarter(q) => q.as_of,
            Data::Review(r) => r.as_of,
            Data::CheckIns(_) | Data::Time(_) => None,
        };
        date.map(|d| d.0)
    }
}

/// One plan file that parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub path: String,
    pub kind: Kind,
    pub period: Option<Period>,
    pub data: Data,
    /// The Markdown body below the front matter; empty for YAML kinds.
    pub body: String,
}

/// One person's plan: every file under `plans/` or `plans/<person>/`.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `None` when `plans/` itself holds the plan.
    pub person: Option<String>,
    /// The plan's folder relative to the repository root.
    pub root: String,
    pub docs: Vec<Document>,
    /// Files that belong to this plan but did not parse.
    pub broken: Vec<String>,
    /// What the plan is read without: its files that did not load and the
    /// values dropped from those that did, one [`Problem`] per file.
    pub problems: Vec<Problem>,
}

/// A plan's documents by kind: the one-of files, and the periodic ones by
/// period (years by their number). Reviews keep their path, for links.
#[derive(Default)]
pub struct Docs<'a> {
    pub vision: Option<&'a model::Vision>,
    pub strategy: Option<&'a model::Strategy>,
    pub capabilities: Option<&'a model::Capabilities>,
    pub metrics: Option<&'a model::Metrics>,
    pub relationships: Option<&'a model::Relationships>,
    pub habits: Option<&'a model::Habits>,
    pub career: Option<&'a model::Career>,
    pub years: BTreeMap<i32, &'a model::YearPlan>,
    pub quarters: BTreeMap<Period, &'a model::QuarterPlan>,
    pub checkins: BTreeMap<Period, &'a model::CheckIns>,
    /// Time spent, by month.
    pub time: BTreeMap<Period, &'a model::TimeLog>,
    pub reviews: BTreeMap<Period, (&'a model::Review, &'a str)>,
}

impl Plan {
    /// The plan's documents by kind.
    pub fn by_kind(&self) -> Docs<'_> {
        let mut docs = Docs::default();
        for doc in &self.docs {
            match (&doc.data, doc.period) {
                (Data::Vision(v), _) => docs.vision = Some(v),
                (Data::Strategy(s), _) => docs.strategy = Some(s),
                (Data::Capabilities(c), _) => docs.capabilities = Some(c),
                (Data::Metrics(m), _) => docs.metrics = Some(m),
                (Data::Relationships(r), _) => docs.relationships = Some(r),
                (Data::Habits(h), _) => docs.habits = Some(h),
                (Data::Career(c), _) => docs.career = Some(c),
                (Data::Year(y), Some(p)) => {
                    docs.years.insert(p.year(), y);
                }
                (Data::Quarter(q), Some(p)) => {
                    docs.quarters.insert(p, q);
                }
                (Data::CheckIns(c), Some(p)) => {
                    docs.checkins.insert(p, c);
                }
                (Data::Time(t), Some(p)) => {
                    docs.time.insert(p, t);
                }
                (Data::Review(r), Some(p)) => {
                    docs.reviews.insert(p, (r, doc.path.as_str()));
                }
                _ => {}
            }
        }
        docs
    }
}

/// The text of a file, kept for showing source lines.
#[derive(Debug, Clone)]
struct Source {
    text: String,
    /// 1-based line of the file where the YAML starts.
    yaml_line: usize,
    /// Byte range of the YAML within `text`.
    yaml: std::ops::Range<usize>,
}

/// Everything under `plans/` at one point in time.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub plans: Vec<Plan>,
    findings: Vec<Finding>,
    sources: BTreeMap<String, Source>,
}

impl Snapshot {
    /// Every diagnostic: the loader's own and `extra` (from validation),
    /// located and sorted.
    pub fn diagnostics(&self, extra: Vec<Finding>) -> Vec<Diagnostic> {
        let mut indexes: BTreeMap<&str, (PositionIndex, Option<SpanIndex>)> = BTreeMap::new();
        let mut out: Vec<Diagnostic> = self
            .findings
            .iter()
            .cloned()
            .chain(extra)
            .map(|finding| {
                let (line, column, end) = match &finding.anchor {
                    Anchor::At { line, column } => (*line, *column, None),
                    Anchor::Node(path, target) => match self.sources.get_key_value(&finding.path) {
                        Some((file, source)) => {
                            let yaml = &source.text[source.yaml.clone()];
                            let (positions, spans) =
                                indexes.entry(file.as_str()).or_insert_with(|| {
                                    (PositionIndex::build(yaml), SpanIndex::build(yaml).ok())
                                });
                            let start = positions.locate(path, *target);
                            // The node's far end, where its span starts
                            // where the position index says it does.
                            let end = spans
                                .as_ref()
                                .and_then(|spans| spans.range(path, *target))
                                .filter(|range| locate::position(yaml, range.start) == start)
                                .map(|range| locate::position(yaml, range.end))
                                .map(|(l, c)| (l + source.yaml_line - 1, c));
                            (start.0 + source.yaml_line - 1, start.1, end)
                        }
                        None => (1, 1, None),
                    },
                };
                let (end_line, end_column) =
                    end.unwrap_or_else(|| self.token_end(&finding.path, line, column));
                Diagnostic {
                    path: finding.path,
                    line,
                    column,
                    end_line,
                    end_column,
                    severity: finding.severity,
                    code: finding.code,
                    message: finding.message,
                    hint: finding.hint,
                }
            })
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup();
        out
    }

    /// The end of the token at `line`:`column` of `path`: where a problem
    /// with no node of its own (a syntax error, a whole file) ends.
    fn token_end(&self, path: &str, line: usize, column: usize) -> (usize, usize) {
        let width = self.source_line(path, line).map_or(1, |text| {
            crate::diag::token_width(&text.replace('\t', " "), column.saturating_sub(1))
        });
        (line, column + width)
    }

    /// The line `line` (1-based) of `path`, without its line ending.
    pub fn source_line(&self, path: &str, line: usize) -> Option<&str> {
        let source = self.sources.get(path)?;
        source
            .text
            .lines()
            .nth(line.checked_sub(1)?)
            .map(|l| l.trim_end_matches('\r'))
    }

    /// Number of plan files read, parsed or not.
    pub fn file_count(&self) -> usize {
        self.plans
            .iter()
            .map(|p| p.docs.len() + p.broken.len())
            .sum()
    }
}

/// The code of a file that could not be read at all (no permission, a
/// folder where the file belongs): an environment problem, exit 2.
pub const UNREADABLE: &str = "unreadable";

/// A file of a plan that the plan is shown without, wholly or in part: the
/// loader's first error in it and what is missing because of it. Every
/// command that shows a plan turns these into its warnings (see
/// [`Plan::problems`]), so a partial plan is never shown as whole.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Problem {
    /// The file, relative to the repository root.
    pub path: String,
    /// The 1-based line of its first error.
    pub line: usize,
    /// The 1-based column of its first error.
    pub column: usize,
    /// The error's code, as `roadmap check` gives it.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
    /// What the plan is shown without, in a reader's words: "every skill
    /// (capabilities.yaml)", "the 2026-Q4 objectives and key results".
    pub missing: String,
}

/// Every problem of `plan`'s files that leaves something out, from the
/// snapshot's `located` diagnostics: each file that did not load (cannot be
/// read, does not parse, does not fit its kind) and each value dropped from
/// a file that did. One per file, at its first error; `roadmap check` lists
/// them all. Kept in [`Plan::problems`] as the snapshot is loaded.
fn problems(plan: &Plan, located: &[Diagnostic]) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    for d in located.iter().filter(|d| d.severity == Severity::Error) {
        if out.iter().any(|p| p.path == d.path) {
            continue;
        }
        let missing = if plan.broken.contains(&d.path) {
            missing_of(&d.path)
        } else if plan.docs.iter().any(|doc| doc.path == d.path) {
            "the value at this line; the rest of the file was read".to_owned()
        } else {
            continue;
        };
        out.push(Problem {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            code: d.code.to_owned(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            missing,
        });
    }
    out
}

impl Snapshot {
    /// Lets go of the files' texts, kept to show a diagnostic's source
    /// line: a run that shows only the problems located as the plan was
    /// read (`status`, `report`) does not hold a team's 24 MB of YAML
    /// while it computes.
    pub fn forget_texts(&mut self) {
        self.sources = BTreeMap::new();
    }

    /// [`Plan::problems`] of every plan, in file order.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .plans
            .iter()
            .flat_map(|p| p.problems.iter().cloned())
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

/// What a plan is shown without when the file at `path` does not load.
fn missing_of(path: &str) -> String {
    let Placement::Plan { kind, period, .. } = placement(path) else {
        return "everything in it: roadmap reads no file of that name".to_owned();
    };
    let period = period.map(|p| p.to_string()).unwrap_or_default();
    match kind {
        Kind::Vision => "the vision: the plan cannot be shown without it".to_owned(),
        Kind::Strategy => "every phase and milestone of the strategy".to_owned(),
        Kind::Capabilities => "every skill (levels, targets and actions)".to_owned(),
        Kind::Metrics => "every revenue and performance metric".to_owned(),
        Kind::Relationships => "every relationship goal".to_owned(),
        Kind::Habits => "every habit".to_owned(),
        Kind::Career => "the career figures (title, team, revenue responsibility)".to_owned(),
        Kind::Year => format!("the {period} objectives"),
        Kind::Quarter => format!("the {period} objectives, key results and milestones"),
        Kind::CheckIns => format!("the habit check-ins of {period}"),
        Kind::Time => format!("the time recorded in {period}"),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => {
            format!("the {period} review")
        }
    }
}

/// Lists and reads every file under `<root>/plans` in the working tree.
pub fn read_worktree(root: &Path) -> io::Result<Vec<RawFile>> {
    let plans = root.join(PLANS_DIR);
    let canonical_root = root.canonicalize()?;
    let mut files = walk(&plans, &canonical_root, root)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The files under `dir`, in path order. A team's folders are read on the
/// pool: a hundred people's plans are thousands of files.
fn walk(dir: &Path, canonical_root: &Path, root: &Path) -> io::Result<Vec<RawFile>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let read = map_all(entries.len() > 8, entries, |path| {
        entry(dir, &path, canonical_root, root)
    });
    let mut out = Vec::new();
    for files in read {
        out.extend(files?);
    }
    Ok(out)
}

/// The files one entry of a folder holds: itself, or what is under it.
fn entry(dir: &Path, path: &Path, canonical_root: &Path, root: &Path) -> io::Result<Vec<RawFile>> {
    let rel = relative(root, path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') {
        return Ok(Vec::new());
    }
    let meta = fs::symlink_metadata(path)?;
    if meta.is_dir() && is_plan_file_name(&rel) {
        return Ok(vec![RawFile {
            path: rel,
            content: Content::Unreadable("it is a folder, not a file".to_owned()),
        }]);
    }
    if meta.is_dir() {
        let mut files = walk(path, canonical_root, root)?;
        if is_person_folder(dir, root, &name)
            && files
                .iter()
                .all(|f| placement(&f.path) == Placement::Ignored)
        {
            files.push(RawFile {
                path: format!("{rel}/"),
                content: Content::EmptyFolder,
            });
        }
        return Ok(files);
    }
    let Some(content) = file_content(path, meta.file_type().is_symlink(), canonical_root) else {
        return Ok(Vec::new());
    };
    Ok(vec![RawFile { path: rel, content }])
}

/// What the file at `path` holds, a symbolic link followed when it stays
/// inside the repository; `None` for a link to a folder.
fn file_content(path: &Path, link: bool, canonical_root: &Path) -> Option<Content> {
    if !link {
        return Some(read_content(path));
    }
    Some(match path.canonicalize() {
        Ok(target) if !target.starts_with(canonical_root) => {
            Content::LinkOutside(target.display().to_string())
        }
        Ok(target) if target.is_dir() => return None,
        Ok(target) => read_content(&target),
        Err(err) => Content::Unreadable(format!("broken symbolic link: {err}")),
    })
}

/// The file at `rel` (relative to the repository `root`) as
/// [`read_worktree`] reads it: a file found changed is read again.
pub(crate) fn read_one(root: &Path, rel: &str) -> RawFile {
    let path = root.join(rel);
    let content = match (root.canonicalize(), fs::symlink_metadata(&path)) {
        (Ok(canonical_root), Ok(meta)) => {
            file_content(&path, meta.file_type().is_symlink(), &canonical_root)
                .unwrap_or_else(|| Content::Unreadable("it is a folder, not a file".to_owned()))
        }
        (Err(err), _) | (_, Err(err)) => Content::Unreadable(err.to_string()),
    };
    RawFile {
        path: rel.to_owned(),
        content,
    }
}

/// Whether the folder `name` in `dir` is where a person's plan lives: a
/// folder of `plans/` itself that is not one of a plan's own folders.
fn is_person_folder(dir: &Path, root: &Path, name: &str) -> bool {
    dir == root.join(PLANS_DIR).as_path() && !layout::is_plan_folder(name)
}

/// Whether `rel` (relative to the repository root) names a plan file: a
/// folder of that name is where a file should be.
fn is_plan_file_name(rel: &str) -> bool {
    matches!(placement(rel), Placement::Plan { .. })
}

/// Where the file at `path` (relative to the repository root) belongs.
fn placement(path: &str) -> Placement {
    let inner = path
        .strip_prefix(PLANS_DIR)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(path);
    layout::classify(inner)
}

fn read_content(path: &Path) -> Content {
    match fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => Content::TooLarge(meta.len()),
        Ok(meta) if !meta.is_file() => Content::Unreadable("not a regular file".to_owned()),
        Ok(_) => match fs::read(path) {
            Ok(bytes) => Content::Bytes(bytes),
            Err(err) => Content::Unreadable(err.to_string()),
        },
        Err(err) => Content::Unreadable(err.to_string()),
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses raw files into a snapshot; never fails, problems become findings.
pub fn load(files: Vec<RawFile>) -> Snapshot {
    load_with(files, &|_| None)
}

/// A shared tree for a file's YAML text, with the text's values in its
/// holes (see [`filled`]); `None`: the text is parsed on its own. A tree
/// given here was parsed from a text that nests as this one does, and
/// was checked for depth then.
pub type SharedTree<'p> = dyn Fn(&str) -> Option<Filled> + Sync + 'p;

/// A parsed YAML text: its tree, or a shared tree with holes and this
/// text's values for them (see [`filled`]).
enum Yaml {
    Tree(Value),
    Filled(Filled),
}

impl Yaml {
    fn is_mapping(&self) -> bool {
        match self {
            Yaml::Tree(value) => value.is_mapping(),
            Yaml::Filled(filled) => filled.root_is_mapping(),
        }
    }
}

/// `op` applied to each of `items`, on every thread of the pool when
/// `pool`, else on this thread: a few items cost less than starting the
/// pool does (a quarter of a millisecond).
pub(crate) fn map_all<T: Send, U: Send>(
    pool: bool,
    items: Vec<T>,
    op: impl Fn(T) -> U + Sync + Send,
) -> Vec<U> {
    if pool {
        items.into_par_iter().map(op).collect()
    } else {
        items.into_iter().map(op).collect()
    }
}

/// [`load`], with the YAML of each file read from the tree `shared` gives
/// when it gives one: the history shares the parse of versions differing
/// only in values.
pub fn load_with(files: Vec<RawFile>, shared: &SharedTree<'_>) -> Snapshot {
    load_from(files, shared, None).0
}

/// [`load`], reading the data of each file `held` has a parse of from
/// there (see [`parsed`]), and keeping the parses it made.
pub(crate) fn load_reusing(files: Vec<RawFile>, held: &parsed::Held<'_>) -> Snapshot {
    let (snapshot, fresh) = load_from(files, &|_| None, Some(held));
    held.keep(&fresh);
    snapshot
}

/// The snapshot of `files`, and the parses made that `held` may keep.
fn load_from(
    files: Vec<RawFile>,
    shared: &SharedTree<'_>,
    held: Option<&parsed::Held<'_>>,
) -> (Snapshot, Vec<(String, Vec<u8>)>) {
    let prefix = format!("{PLANS_DIR}/");
    // One file (the history parses each version of a file alone) is
    // parsed on this thread: handing it to the pool costs more than it
    // saves, and would start the pool for a run that has no other use
    // for it.
    let parsed: Vec<Parsed> = map_all(files.len() > 1, files, |file| {
        let rel = file
            .path
            .strip_prefix(&prefix)
            .unwrap_or(&file.path)
            .to_owned();
        parse_file(file, &rel, shared, held)
    });

    let mut snapshot = Snapshot::default();
    let mut fresh = Vec::new();
    let mut plans: BTreeMap<Option<String>, Plan> = BTreeMap::new();
    for item in parsed {
        fresh.extend(item.fresh);
        snapshot.findings.extend(item.findings);
        if let Some(source) = item.source {
            snapshot.sources.insert(item.path.clone(), source);
        }
        let Some(person) = item.person else { continue };
        let plan = plans.entry(person.clone()).or_insert_with(|| Plan {
            root: match &person {
                Some(name) => format!("{PLANS_DIR}/{name}"),
                None => PLANS_DIR.to_owned(),
            },
            person,
            ..Plan::default()
        });
        match item.doc {
            Some(doc) => plan.docs.push(doc),
            None => plan.broken.push(item.path),
        }
    }
    snapshot.plans = plans.into_values().collect();
    for plan in &mut snapshot.plans {
        crate::link::resolve(plan);
    }
    if !snapshot.findings.is_empty() {
        let located = snapshot.diagnostics(Vec::new());
        for plan in &mut snapshot.plans {
            plan.problems = problems(plan, &located);
        }
    }
    (snapshot, fresh)
}

struct Parsed {
    path: String,
    /// The plan the file belongs to (`Some(None)`: the single plan in
    /// `plans/`), when it is a plan file at all.
    #[allow(clippy::option_option)]
    person: Option<Option<String>>,
    doc: Option<Document>,
    source: Option<Source>,
    findings: Vec<Finding>,
    /// The file's data as [`parsed`] keeps it, when this run parsed it.
    fresh: Option<(String, Vec<u8>)>,
}

fn at(line: usize, column: usize) -> Anchor {
    Anchor::At { line, column }
}

fn parse_file(
    file: RawFile,
    rel: &str,
    shared: &SharedTree<'_>,
    held: Option<&parsed::Held<'_>>,
) -> Parsed {
    let path = file.path;
    let mut parsed = Parsed {
        path: path.clone(),
        person: None,
        doc: None,
        source: None,
        findings: Vec::new(),
        fresh: None,
    };
    if matches!(file.content, Content::EmptyFolder) {
        let person = rel.trim_end_matches('/');
        parsed.findings.push(
            Finding::error(
                &path,
                at(1, 1),
                crate::validate::EMPTY_PLAN,
                format!("{path} holds no plan files: {person}'s plan is empty"),
            )
            .hint(Some(format!(
                "a person's plan starts with its vision.md: write {path}vision.md (another person's folder shows the layout), or remove the empty folder"
            ))),
        );
        return parsed;
    }
    let (person, kind, period) = match layout::classify(rel) {
        Placement::Ignored => return parsed,
        Placement::Misplaced {
            person,
            message,
            hint,
        } => {
            parsed.person = Some(person);
            parsed
                .findings
                .push(Finding::error(&path, at(1, 1), "file-name", message).hint(hint));
            return parsed;
        }
        Placement::Plan {
            person,
            kind,
            period,
        } => (person, kind, period),
    };
    parsed.person = Some(person);
    let reuse = held.and_then(|held| Some((held, held.key(&path, kind)?)));
    if let Some(text) = text_of(file.content, &path, &mut parsed.findings) {
        parse_text(&mut parsed, text, (kind, period), shared, reuse);
    }
    parsed
}

/// A plan file's text: refused, with a finding that says why, when it is
/// too large, a link out of the repository, unreadable, binary or not
/// UTF-8. A byte order mark is dropped. An empty folder has no text and
/// nothing wrong here.
fn text_of(content: Content, path: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let mut fail = |line, column, code, message: String, hint: Option<String>| {
        findings.push(Finding::error(path, at(line, column), code, message).hint(hint));
        None
    };
    let content = match content {
        // Whoever read the bytes, none beyond the limit reach a parser.
        Content::Bytes(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
            Content::TooLarge(bytes.len() as u64)
        }
        content => content,
    };
    let bytes = match content {
        Content::Bytes(bytes) => bytes,
        Content::TooLarge(size) => {
            let message = format!(
                "file is {:.1} MB; plan files are limited to {} MB",
                size as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            );
            return fail(
                1,
                1,
                "too-large",
                message,
                Some("split it, e.g. one file per period".to_owned()),
            );
        }
        Content::LinkOutside(target) => {
            let message = format!("symbolic link points outside the repository, to {target}");
            return fail(
                1,
                1,
                "symlink",
                message,
                Some("copy the file into the repository instead".to_owned()),
            );
        }
        Content::Unreadable(reason) => {
            return fail(
                1,
                1,
                UNREADABLE,
                format!("cannot read file: {reason}"),
                None,
            );
        }
        Content::EmptyFolder => return None,
    };

    // A byte order mark is not part of the text: positions count from after it.
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        let (line, column) = byte_position(&bytes, offset);
        return fail(
            line,
            column,
            "binary",
            "binary file: plan files are text".to_owned(),
            None,
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let (line, column) = byte_position(&bytes, offset);
            let message = format!(
                "invalid UTF-8 (byte 0x{:02x}): plan files must be UTF-8 text",
                bytes[offset]
            );
            fail(
                line,
                column,
                "encoding",
                message,
                Some("re-save the file as UTF-8".to_owned()),
            )
        }
    }
}

/// Splits a plan file's `text` into its YAML and body and parses the YAML
/// into `parsed`'s document, its findings into `parsed`'s. With `reuse`
/// (the parses held and the file's key there), the data held is read
/// instead, and a clean parse is handed on to be kept.
fn parse_text(
    parsed: &mut Parsed,
    text: String,
    (kind, period): (Kind, Option<Period>),
    shared: &SharedTree<'_>,
    reuse: Option<(&parsed::Held<'_>, String)>,
) {
    let path = parsed.path.clone();
    let split = if kind.is_markdown() {
        split_front_matter(&text)
    } else {
        Ok((1, 0..text.len(), text.len()))
    };
    let (yaml_line, yaml_range, body_start) = match split {
        Ok(split) => split,
        Err((line, message, hint)) => {
            parsed.source = Some(Source {
                text,
                yaml_line: 1,
                yaml: 0..0,
            });
            parsed.findings.push(
                Finding::error(&path, at(line, 1), "front-matter", message)
                    .hint(Some(hint.to_owned())),
            );
            return;
        }
    };
    let yaml = &text[yaml_range.clone()];
    let mut findings = Vec::new();
    let data = if yaml.trim().is_empty() || only_comments(yaml) {
        let what = if kind.is_markdown() {
            "front matter is empty"
        } else {
            "file is empty"
        };
        let message = format!(
            "{what}; a {} file needs at least {}",
            kind.name(),
            required_keys(kind)
        );
        findings.push(Finding::error(&path, at(yaml_line, 1), "empty", message));
        None
    } else if let Some(data) = reuse.as_ref().and_then(|(held, key)| held.get(key, kind)) {
        Some(data)
    } else {
        let data = parse_yaml(kind, yaml, &path, yaml_line, &mut findings, shared);
        if let (Some(data), Some((_, key)), true) = (&data, reuse, findings.is_empty()) {
            parsed.fresh = parsed::encode(kind, data).map(|bytes| (key, bytes));
        }
        data
    };
    let body = text.get(body_start..).unwrap_or_default().to_owned();
    parsed.source = Some(Source {
        text,
        yaml_line,
        yaml: yaml_range,
    });
    parsed.findings = findings;
    parsed.doc = data.map(|data| Document {
        path,
        kind,
        period,
        data,
        body,
    });
}

fn only_comments(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// 1-based line and column of a byte offset, counting columns in characters.
fn byte_position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.split(|b| *b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

type FrontMatter = (usize, std::ops::Range<usize>, usize);

/// The context of a libyaml error (`while scanning a quoted scalar`) and
/// where that construct started.
type YamlContext<'a> = Option<(&'a str, Option<(usize, usize)>)>;

/// Finds the YAML between a first line `---` and the next line `---`.
/// Returns the YAML's first line (1-based), its byte range and where the
/// body starts.
fn split_front_matter(text: &str) -> Result<FrontMatter, (usize, String, &'static str)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err((
            1,
            "missing front matter: the file must start with a line `---`".to_owned(),
            "put the YAML between two lines of `---` at the top, then the Markdown body",
        ));
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok((2, start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((
        1,
        "front matter is not closed".to_owned(),
        "add a line `---` after the YAML",
    ))
}

fn required_keys(kind: Kind) -> &'static str {
    match kind {
        Kind::Vision => "`name`, `start`, `end`, `now` and `goal`",
        Kind::Strategy => "`phases`",
        Kind::Capabilities => "`skills`",
        Kind::Metrics => "`growth` and `metrics`",
        Kind::Relationships => "`goals`",
        Kind::Habits => "`habits`",
        Kind::Career => "`title` and `revenue`",
        Kind::Year | Kind::Quarter => "`objectives`",
        Kind::CheckIns => "one line per habit, e.g. `strategic-thinking: \"xx.x\"`",
        Kind::Time => "one key per day, e.g. `2026-11-02: {strategic: 2h30m}`",
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => "one key, e.g. `wins`",
    }
}

fn parse_yaml(
    kind: Kind,
    yaml: &str,
    path: &str,
    yaml_line: usize,
    findings: &mut Vec<Finding>,
    shared: &SharedTree<'_>,
) -> Option<Data> {
    let value = match shared(yaml) {
        Some(filled) => Yaml::Filled(filled),
        None => {
            if let Some((line, column)) = nesting::too_deep(yaml) {
                findings.push(too_deep(path, line + yaml_line - 1, column));
                return None;
            }
            match serde_yaml::from_str(yaml) {
                Ok(value) => Yaml::Tree(value),
                Err(err) => {
                    findings.push(syntax_finding(&err, yaml, path, yaml_line));
                    return None;
                }
            }
        }
    };
    if !value.is_mapping() {
        let message = format!(
            "expected a mapping of keys at the top of a {} file",
            kind.name()
        );
        let hint = format!(
            "a {} file needs at least {}",
            kind.name(),
            required_keys(kind)
        );
        findings.push(
            Finding::error(
                path,
                Anchor::Node(YamlPath::root(), Target::Value),
                "type",
                message,
            )
            .hint(Some(hint)),
        );
        return None;
    }
    let start = findings.len();
    let data = typed_data(kind, value, path, findings);
    explain_empty_values(&mut findings[start..], yaml, yaml_line);
    data
}

/// A value that YAML read as nothing because of a pitfall (see
/// [`empty_value_pitfall`]) is reported where it is written, with the hint.
fn explain_empty_values(findings: &mut [Finding], yaml: &str, yaml_line: usize) {
    let mut index: Option<PositionIndex> = None;
    for finding in findings {
        let Anchor::Node(node, target) = &finding.anchor else {
            continue;
        };
        if finding.code != "type" || !finding.message.starts_with("found unit value") {
            continue;
        }
        let index = index.get_or_insert_with(|| PositionIndex::build(yaml));
        let (line, _) = index.locate(node, *target);
        if let Some((line, column, hint)) = empty_value_pitfall(yaml, line) {
            finding.anchor = at(line + yaml_line - 1, column);
            finding.hint = Some(hint);
        }
    }
}

fn typed_data(kind: Kind, value: Yaml, path: &str, findings: &mut Vec<Finding>) -> Option<Data> {
    Some(match kind {
        Kind::Vision => Data::Vision(Box::new(typed(value, path, findings)?)),
        Kind::Strategy => Data::Strategy(typed(value, path, findings)?),
        Kind::Capabilities => Data::Capabilities(typed(value, path, findings)?),
        Kind::Metrics => Data::Metrics(typed(value, path, findings)?),
        Kind::Relationships => Data::Relationships(typed(value, path, findings)?),
        Kind::Habits => Data::Habits(typed(value, path, findings)?),
        Kind::Career => Data::Career(Box::new(typed(value, path, findings)?)),
        Kind::Year => Data::Year(typed(value, path, findings)?),
        Kind::Quarter => Data::Quarter(typed(value, path, findings)?),
        Kind::CheckIns => Data::CheckIns(typed(value, path, findings)?),
        Kind::Time => Data::Time(typed(value, path, findings)?),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => {
            Data::Review(typed(value, path, findings)?)
        }
    })
}

fn syntax_finding(err: &serde_yaml::Error, yaml: &str, path: &str, yaml_line: usize) -> Finding {
    let message = err.to_string();
    let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let located = |line: usize, column: usize| at(line + yaml_line - 1, column);
    if message.starts_with("duplicate entry with key") {
        let index = PositionIndex::build(yaml);
        let (key, (line, column)) = index.duplicates.first().cloned().unwrap_or_default();
        return Finding::error(
            path,
            located(line.max(1), column.max(1)),
            "duplicate-key",
            format!("duplicate key `{key}`"),
        )
        .hint(Some(
            "a key may appear once per mapping; remove or merge one of them".to_owned(),
        ));
    }
    if message.starts_with("repetition limit exceeded") {
        let index = PositionIndex::build(yaml);
        let (line, column) = index.first_alias.unwrap_or((1, 1));
        return Finding::error(
            path,
            located(line, column),
            "alias-limit",
            "aliases expand too much (a YAML alias bomb?)",
        )
        .hint(Some(
            "write the values out instead of repeating aliases".to_owned(),
        ));
    }
    if message.starts_with("recursion limit exceeded") {
        return too_deep(path, line + yaml_line - 1, column);
    }
    let line_text = yaml.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let tabbed = line_text.starts_with('\t')
        || (message.contains("cannot start any token") && line_text.contains('\t'));
    let mut hint = if tabbed {
        Some("YAML indentation must use spaces, not tabs".to_owned())
    } else {
        pitfall_hint(&message, line_text, column)
    };
    let (problem, context) = split_libyaml_message(&message);
    // An unclosed quote or bracket is noticed only at the end of the input;
    // where it opened is what needs fixing.
    let (line, column) = match context {
        Some((_, Some(opened))) if problem.ends_with("end of stream") => opened,
        Some(("while parsing a flow node", None)) if line > yaml.lines().count() => {
            match unclosed_bracket(yaml) {
                Some(opened) => {
                    hint = Some(
                        "this `[` or `{` is never closed: close it, or quote the value if the bracket is text"
                            .to_owned(),
                    );
                    opened
                }
                None => (line, column),
            }
        }
        _ => (line, column),
    };
    let message = match context {
        Some((context, _)) => format!("YAML syntax: {problem}, {context}"),
        None => format!("YAML syntax: {problem}"),
    };
    Finding::error(path, located(line, column), "syntax", message).hint(hint)
}

/// A file nested past [`nesting::MAX_DEPTH`], at the first node too deep.
fn too_deep(path: &str, line: usize, column: usize) -> Finding {
    Finding::error(
        path,
        at(line, column),
        "nesting",
        format!(
            "nesting is too deep (more than {} levels)",
            nesting::MAX_DEPTH
        ),
    )
    .hint(Some(
        "flatten the file: a plan needs a few levels of keys and lists".to_owned(),
    ))
}

/// The hint docs/format.md's YAML pitfalls promise for a syntax error:
/// text that YAML reads as its own syntax unless it is quoted.
fn pitfall_hint(message: &str, line_text: &str, column: usize) -> Option<String> {
    let example = quoted(line_text)
        .map(|line| format!(": `{line}`"))
        .unwrap_or_default();
    if message.starts_with("mapping values are not allowed") {
        return Some(format!("quote text that holds `: `{example}"));
    }
    let found = line_text.chars().nth(column.checked_sub(1)?)?;
    if message.starts_with("unknown anchor") || found == '*' {
        return Some(format!(
            "a value that starts with `*` is read as a YAML alias; quote it{example}"
        ));
    }
    if message.contains("cannot start any token") && matches!(found, '%' | '@' | '`') {
        let shown = if found == '`' {
            "`` ` ``".to_owned()
        } else {
            format!("`{found}`")
        };
        return Some(format!("quote a value that starts with {shown}{example}"));
    }
    None
}

/// The `key: value` line with its value quoted, without a trailing
/// comment: how the line should be written.
fn quoted(line_text: &str) -> Option<String> {
    let trimmed = line_text.trim_start();
    let (key, value) = trimmed
        .strip_prefix("- ")
        .unwrap_or(trimmed)
        .split_once(": ")?;
    let value = value.split(" #").next().unwrap_or_default().trim();
    (!value.is_empty()).then(|| format!("{key}: \"{}\"", value.replace('"', "\\\"")))
}

/// Where a value that YAML read as nothing is written: `key: &name` and
/// `key: !name` are an anchor or a tag with no value, `key: #1` is a
/// comment. The line (1-based, in `yaml`), column and hint of the last such
/// value at or before `line`.
fn empty_value_pitfall(yaml: &str, line: usize) -> Option<(usize, usize, String)> {
    yaml.lines()
        .enumerate()
        .take(line)
        .filter_map(|(index, text)| {
            let trimmed = text.trim_start();
            if trimmed.starts_with('#') {
                return None;
            }
            let (_, value) = trimmed
                .strip_prefix("- ")
                .map_or(trimmed, str::trim_start)
                .split_once(": ")
                .or_else(|| trimmed.strip_prefix("- ").map(|v| ("", v)))?;
            let value = value.trim_start();
            let first = value.chars().next()?;
            let single_word = !value.trim_end().contains(char::is_whitespace);
            let pitfall = match first {
                '&' | '!' if single_word => true,
                '#' => true,
                _ => false,
            };
            pitfall.then(|| {
                let column = text[..text.len() - value.len()].chars().count() + 1;
                let what = if first == '#' {
                    "a comment, so the value is empty"
                } else if first == '&' {
                    "a YAML anchor, so the value is empty"
                } else {
                    "a YAML tag, so the value is empty"
                };
                let hint = format!(
                    "`{first}` at the start of a value makes it {what}: quote it, e.g. `\"{}\"`",
                    value.trim_end().replace('"', "\\\"")
                );
                (index + 1, column, hint)
            })
        })
        .last()
}

/// Where the last `[` or `{` that is never closed opens (1-based line and
/// column), outside quotes and comments: libyaml notices it only past the
/// end of the input.
fn unclosed_bracket(yaml: &str) -> Option<(usize, usize)> {
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (index, text) in yaml.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in text.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') => open.push((index + 1, column + 1)),
                (None, ']' | '}') => {
                    open.pop();
                }
                // Inside quotes, or any other character.
                _ => {}
            }
            previous = c;
        }
    }
    open.pop()
}

/// Splits libyaml's `problem at line 9 column 1, while scanning a quoted
/// scalar at line 5 column 12` into the problem and the context with its
/// position.
fn split_libyaml_message(message: &str) -> (&str, YamlContext<'_>) {
    let Some((problem, rest)) = message.split_once(" at ") else {
        return (message, None);
    };
    let Some((_, context)) = rest.split_once(", ") else {
        return (problem, None);
    };
    let Some((context, mark)) = context.split_once(" at line ") else {
        return (problem, Some((context, None)));
    };
    let position = mark
        .split_once(" column ")
        .and_then(|(line, column)| Some((line.trim().parse().ok()?, column.trim().parse().ok()?)));
    (problem, Some((context, position)))
}

/// Deserializes `value` into `T`, reporting every schema problem it can:
/// after each error the offending key is pruned and deserialization retried,
/// so one typo does not hide the next. What remains is returned, so the
/// cross-file rules still see the rest of the file.
fn typed<T: DeserializeOwned>(yaml: Yaml, path: &str, findings: &mut Vec<Finding>) -> Option<T> {
    const MAX_ROUNDS: usize = 50;
    // Most files are sound: read them without tracking where each value
    // came from, which only an error needs.
    let mut value = match yaml {
        Yaml::Tree(value) => match T::deserialize(&value) {
            Ok(data) => return Some(data),
            Err(_) => value,
        },
        // The tree is built only to say what is wrong with it.
        Yaml::Filled(filled) => match T::deserialize(filled.root()) {
            Ok(data) => return Some(data),
            Err(_) => filled.into_value(),
        },
    };
    let mut pruned: Vec<YamlPath> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(data) => return Some(data),
            Err(err) => err,
        };
        let node = crate::yaml::to_yaml_path(err.path());
        let message = err.inner().to_string();
        if let Some(field) = between(&message, "missing field `", "`") {
            let missing = node.at(field);
            // `titel` reported as unknown explains a missing `title`.
            let misspelt = pruned.iter().any(|p| match p.0.split_last() {
                Some((Seg::Key(key), parent)) => {
                    parent == node.0.as_slice() && did_you_mean(field, [key.as_str()]).is_some()
                }
                _ => false,
            });
            if !pruned.contains(&missing) && !misspelt {
                findings.push(Finding::error(
                    path,
                    Anchor::Node(node, Target::Value),
                    "missing-key",
                    format!("missing required key `{field}`"),
                ));
            }
            return None;
        }
        if let Some(field) = between(&message, "unknown field `", "`") {
            let expected = expected_list(&message);
            let hint = did_you_mean(field, expected.iter().map(String::as_str)).or_else(|| {
                (!expected.is_empty()).then(|| format!("known keys here: {}", expected.join(", ")))
            });
            findings.push(
                Finding::error(
                    path,
                    Anchor::Node(node.clone(), Target::Key),
                    "unknown-key",
                    format!("unknown key `{field}`"),
                )
                .hint(hint),
            );
        } else if let Some(variant) = between(&message, "unknown variant `", "`") {
            let expected = expected_list(&message);
            let hint = did_you_mean(variant, expected.iter().map(String::as_str))
                .or_else(|| Some(format!("expected one of: {}", expected.join(", "))));
            findings.push(
                Finding::error(
                    path,
                    Anchor::Node(node.clone(), Target::Value),
                    "unknown-value",
                    format!("unknown value `{variant}`"),
                )
                .hint(hint),
            );
            // A stand-in value keeps the rest of the file checkable, even
            // when the key is required.
            if let (Some(first), Some(slot)) = (expected.first(), node_mut(&mut value, &node)) {
                *slot = Value::String(first.clone());
                continue;
            }
        } else {
            findings.push(Finding::error(
                path,
                Anchor::Node(node.clone(), Target::Value),
                "type",
                humanize(&message),
            ));
        }
        if !prune(&mut value, &node) {
            return None;
        }
        pruned.push(node);
    }
    None
}

/// Removes the mapping entry at `path`; sequence items are not removed, as
/// that would shift the indexes of later errors.
/// The node at `path`.
fn node_mut<'v>(value: &'v mut Value, path: &YamlPath) -> Option<&'v mut Value> {
    let mut node = value;
    for seg in &path.0 {
        node = match (seg, node) {
            (Seg::Key(key), Value::Mapping(map)) => map.get_mut(key.as_str())?,
            (Seg::Index(i), Value::Sequence(seq)) => seq.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn prune(value: &mut Value, path: &YamlPath) -> bool {
    let Some((last, parents)) = path.0.split_last() else {
        return false;
    };
    let mut node = value;
    for seg in parents {
        let next = match (seg, node) {
            (Seg::Key(key), Value::Mapping(map)) => map.get_mut(key.as_str()),
            (Seg::Index(i), Value::Sequence(seq)) => seq.get_mut(*i),
            _ => None,
        };
        match next {
            Some(child) => node = child,
            None => return false,
        }
    }
    match (last, node) {
        (Seg::Key(key), Value::Mapping(map)) => {
            // Keys that are numbers in YAML (`2026: 7`) arrive as strings in paths.
            if map.remove(key.as_str()).is_some() {
                return true;
            }
            let numeric = key.parse::<i64>().ok().map(Value::from);
            numeric.is_some_and(|k| map.remove(&k).is_some())
        }
        _ => false,
    }
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// The names in serde's "expected one of `a`, `b`" tail.
fn expected_list(message: &str) -> Vec<String> {
    let Some((_, tail)) = message.split_once("expected ") else {
        return Vec::new();
    };
    tail.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Serde's type names, in the words of a plan file.
fn humanize(message: &str) -> String {
    let mut text = message.to_owned();
    for (from, to) in [
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a year such as 2026"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a mapping of keys"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a mapping"),
        ("invalid type: ", "found "),
        (
            "data did not match any variant of untagged enum Action",
            "expected a line of text or a mapping with `title`",
        ),
        (
            "data did not match any variant of untagged enum Win",
            "expected a line of text or a mapping with `title` and `date`",
        ),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// Number of problems of each severity.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_one(path: &str, text: &str) -> (Snapshot, Vec<Diagnostic>) {
        let snapshot = load(vec![RawFile {
            path: path.to_owned(),
            content: Content::Bytes(text.as_bytes().to_vec()),
        }]);
        let diagnostics = snapshot.diagnostics(Vec::new());
        (snapshot, diagnostics)
    }

    #[test]
    fn front_matter_errors_are_reported_at_their_line_in_the_whole_file() {
        let text = "---\nobjectives:\n  - id: a\n    title: A\n    category: revnue\n---\n# Body\n";
        let (_, diagnostics) = load_one("plans/years/2026.md", text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!((d.line, d.column, d.code), (5, 15, "unknown-value"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `revenue`?"));
    }

    #[test]
    fn every_unknown_key_of_a_file_is_reported_in_one_run() {
        let text = "habits:\n  - id: a\n    titel: A\n    cadence: daily\n    minuts: 30\n";
        let (_, diagnostics) = load_one("plans/habits.yaml", text);
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.code))
            .collect();
        assert_eq!(found, vec![(3, 5, "unknown-key"), (5, 5, "unknown-key")]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text =
            "---\nobjectives:\n  - id: a\n    title: \"A\n    category: revenue\n---\n# Body\n";
        let (_, diagnostics) = load_one("plans/years/2026.md", text);
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.code, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![(
                4,
                12,
                "syntax",
                "YAML syntax: found unexpected end of stream, while scanning a quoted scalar"
            )]
        );
    }

    #[test]
    fn a_byte_order_mark_does_not_shift_columns() {
        let bytes = b"\xef\xbb\xbfhabits: caf\xe9\n".to_vec();
        let snapshot = load(vec![RawFile {
            path: "plans/habits.yaml".to_owned(),
            content: Content::Bytes(bytes),
        }]);
        let d = &snapshot.diagnostics(Vec::new())[0];
        assert_eq!((d.line, d.column, d.code), (1, 12, "encoding"));
    }

    #[test]
    fn body_keeps_the_markdown_below_the_front_matter() {
        let text =
            "---\nwins: [Closed the Kennecott deal]\n---\n## What did I accomplish?\nA lot.\n";
        let (snapshot, diagnostics) = load_one("plans/reviews/2026-10.md", text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let doc = &snapshot.plans[0].docs[0];
        assert_eq!(doc.body, "## What did I accomplish?\nA lot.\n");
        assert_eq!(doc.kind, Kind::MonthReview);
    }
}
