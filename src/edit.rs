//! Surgical, atomic edits of plan files.
//!
//! People write their plan by hand: comments, blank lines, key order,
//! quoting, flow or block style are theirs. Re-serializing a file would lose
//! all of it, so an edit here never does: it makes the YAML edits of
//! [`yaml::Op`] (set a value, add an entry, append an item, remove one), each
//! of which splices new text into the span of one value (or the spot after a
//! sibling where an entry belongs) and leaves every other byte alone.
//!
//! Edits are collected in a [`Transaction`]. Nothing touches the disk until
//! [`Transaction::write`], which first loads and validates the whole plan
//! with the edits applied (an edit that would add an error is refused), then
//! writes every file through the [`journal`]: all of them, or none. A file
//! whose YAML does not parse is never edited.

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity, YamlPath};
use crate::error::Error;
use crate::journal;
use crate::layout::{self, PLANS_DIR, Placement};
use crate::load::{self, Content, RawFile};
use crate::yaml::{self, Doc, New, Op, Place, Refused, Shape};

/// Loader problems that mean the file cannot be edited safely.
const UNEDITABLE: [&str; 9] = [
    "syntax",
    "front-matter",
    "encoding",
    "binary",
    "duplicate-key",
    "alias-limit",
    "nesting",
    "too-large",
    "unreadable",
];

// ------------------------------------------------------------------ a file

/// One plan file being edited: its text and where its YAML is.
#[derive(Debug, Clone)]
pub struct FileEdit {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// The text on disk when it was opened; `None` for a new file.
    original: Option<String>,
    text: String,
    markdown: bool,
    newline: &'static str,
    /// The file starts with a UTF-8 byte-order mark, kept on write but not
    /// part of `text`.
    bom: bool,
}

const BOM: char = '\u{feff}';

impl FileEdit {
    /// Prepares `text` (the file at `path`) for editing, refusing a file
    /// whose YAML does not parse.
    pub fn new(path: &str, text: String, original: Option<String>) -> Result<Self, Error> {
        let markdown =
            match layout::classify(path.strip_prefix(&format!("{PLANS_DIR}/")).unwrap_or(path)) {
                Placement::Plan { kind, .. } => kind.is_markdown(),
                Placement::Ignored | Placement::Misplaced { .. } => {
                    return Err(Error::Usage(format!("{path} is not a plan file")));
                }
            };
        refuse_broken(path, &text)?;
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let (text, bom) = match text.strip_prefix(BOM) {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        let edit = FileEdit {
            path: path.to_owned(),
            original,
            text,
            markdown,
            newline,
            bom,
        };
        edit.doc()?;
        Ok(edit)
    }

    /// The text being edited, without a byte-order mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file as it is written: the text, after the byte-order mark the
    /// file started with.
    fn contents(&self) -> String {
        if self.bom {
            format!("{BOM}{}", self.text)
        } else {
            self.text.clone()
        }
    }

    pub fn is_new(&self) -> bool {
        self.original.is_none()
    }

    pub fn is_changed(&self) -> bool {
        self.original
            .as_deref()
            .map(|o| o.strip_prefix(BOM).unwrap_or(o))
            != Some(self.text.as_str())
    }

    /// The byte range of the YAML: the whole file, or the front matter.
    fn yaml_range(&self) -> Result<Range<usize>, Error> {
        if !self.markdown {
            return Ok(0..self.text.len());
        }
        let mut lines = self.text.split_inclusive('\n');
        let first = lines.next().unwrap_or_default();
        let start = first.len();
        let mut offset = start;
        for line in lines {
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                return Ok(start..offset);
            }
            offset += line.len();
        }
        Err(Error::Usage(format!(
            "{}: the front matter is not closed; nothing was changed",
            self.path
        )))
    }

    /// The YAML as it is now, and where it starts in the text.
    fn doc(&self) -> Result<(Doc<'_>, usize), Error> {
        let yaml = self.yaml_range()?;
        let doc = Doc::new(&self.text[yaml.clone()], self.newline).map_err(|err| {
            let line = err.line + self.text[..yaml.start].matches('\n').count();
            Error::Usage(format!(
                "{}:{line}:{}: YAML syntax: {}; nothing was changed",
                self.path, err.column, err.message
            ))
        })?;
        Ok((doc, yaml.start))
    }

    /// True when the node at `path` exists.
    pub fn has(&self, path: &YamlPath) -> Result<bool, Error> {
        Ok(self.doc()?.0.index().get(path).is_some())
    }

    /// Makes `op` at `path` (see [`Op`]).
    pub(crate) fn apply(&mut self, path: &YamlPath, op: &Op<'_>) -> Result<(), Error> {
        let (doc, start) = self.doc()?;
        let (range, text) = doc.change(path, op).map_err(|refused| match refused {
            Refused::Missing(path) => {
                Error::Usage(format!("{}: no `{path}` to edit", self.path))
            }
            Refused::Unsupported(path, what) => Error::Usage(format!(
                "{}: `{path}` is {what}; roadmap cannot edit it in place, please edit the file by hand",
                self.path
            )),
        })?;
        self.splice(range.start + start..range.end + start, &text);
        Ok(())
    }

    fn splice(&mut self, at: Range<usize>, text: &str) {
        self.text.replace_range(at, text);
    }

    /// Replaces the scalar at `path` with `value` (unquoted text), keeping
    /// its quoting style.
    pub fn set(&mut self, path: &YamlPath, value: &str) -> Result<(), Error> {
        self.apply(path, &Op::Retext(value))
    }

    /// The scalar at `path` as its text reads (quotes removed), or `None`
    /// when there is none there.
    pub fn scalar(&self, path: &YamlPath) -> Option<String> {
        let (doc, start) = self.doc().ok()?;
        let node = doc.index().get(path)?;
        let written = &self.text[node.value.start + start..node.value.end + start];
        match node.shape {
            Shape::Plain => Some(written.to_owned()),
            Shape::SingleQuoted | Shape::DoubleQuoted => {
                serde_yaml::from_str::<String>(written).ok()
            }
            _ => None,
        }
    }

    /// The last entry of the mapping or list at `path`, as [`FileEdit::scalar`]
    /// reads it: the latest reading of a series.
    pub fn last_scalar(&self, path: &YamlPath) -> Option<String> {
        let last = self.doc().ok()?.0.index().children(path).last()?.clone();
        self.scalar(&last)
    }

    /// Sets `key` of the mapping at `map` to the number `value` written as
    /// `text` (see [`yaml::amount`]), inserting the entry at `place` when
    /// it is missing. A quoted value stays quoted; a plain one stays plain
    /// when it reads back as `value` there.
    pub(crate) fn upsert_amount(
        &mut self,
        map: &YamlPath,
        key: &str,
        text: &str,
        value: f64,
        place: Place<'_>,
    ) -> Result<(), Error> {
        let path = map.at(key);
        let written = New::Scalar(yaml::amount(text, value));
        let shape = self.doc()?.0.index().get(&path).map(|node| node.shape);
        match shape {
            None => self.apply(map, &Op::Insert(key, written, place)),
            Some(Shape::Plain) => self.apply(&path, &Op::Set(written)),
            Some(_) => self.set(&path, text),
        }
    }

    /// Sets `key` of the mapping at `map` to a scalar, inserting the entry
    /// at `place` when it is missing.
    pub(crate) fn upsert(
        &mut self,
        map: &YamlPath,
        key: &str,
        value: &str,
        place: Place<'_>,
    ) -> Result<(), Error> {
        let path = map.at(key);
        if self.has(&path)? {
            return self.set(&path, value);
        }
        self.insert(map, key, &New::Scalar(yaml::raw(value)), place)
    }

    /// Inserts the entry `key: value` into the mapping at `map`.
    pub(crate) fn insert(
        &mut self,
        map: &YamlPath,
        key: &str,
        value: &New,
        place: Place<'_>,
    ) -> Result<(), Error> {
        self.apply(map, &Op::Insert(key, value.clone(), place))
    }

    /// Appends `item` to the list at `list`, creating the entry
    /// `key: [item]` in its parent mapping when the list is missing.
    pub(crate) fn push(&mut self, list: &YamlPath, item: &New) -> Result<(), Error> {
        self.apply(list, &Op::Push(item.clone()))
    }

    fn line_end_after(&self, at: usize) -> usize {
        yaml::line_end_after(&self.text, at)
    }

    fn with_leading_newline(&self, at: usize, text: String) -> String {
        if at > 0 && self.text.as_bytes().get(at - 1) != Some(&b'\n') {
            format!("{}{text}", self.newline)
        } else {
            text
        }
    }

    // ------------------------------------------------------------ Markdown

    /// Appends `text` (a paragraph) at the end of the section under the
    /// Markdown heading `heading`, or a new section at the end of the body.
    pub fn append_to_section(&mut self, heading: &str, text: &str) -> Result<(), Error> {
        if !self.markdown {
            return Err(Error::Usage(format!("{} has no Markdown body", self.path)));
        }
        let nl = self.newline;
        let body_start = self.body_start()?;
        let mut offset = body_start;
        let mut level: Option<usize> = None;
        let mut end: Option<usize> = None;
        for line in self.text[body_start..].split_inclusive('\n') {
            let trimmed = line.trim_end();
            let hashes = heading_level(trimmed);
            match level {
                None if hashes > 0 && trimmed[hashes..].trim() == heading.trim() => {
                    level = Some(hashes);
                }
                Some(found) if hashes > 0 && hashes <= found => {
                    end = Some(offset);
                    break;
                }
                _ => {}
            }
            offset += line.len();
        }
        let section = level.map(|_| end.unwrap_or(self.text.len()));
        let paragraph: String = text.lines().flat_map(|l| [l, nl]).collect();
        match section {
            Some(end) => {
                // Keep the blank line that separates the section from the next.
                let content_end = self.text[..end].trim_end().len().max(body_start);
                let at = self.line_end_after(content_end);
                let insert = format!("{nl}{paragraph}");
                let insert = self.with_leading_newline(at, insert);
                self.splice(at..at, &insert);
            }
            None => {
                let at = self.text.len();
                let insert = format!("{nl}## {heading}{nl}{nl}{paragraph}");
                let insert = self.with_leading_newline(at, insert);
                self.splice(at..at, &insert);
            }
        }
        Ok(())
    }

    /// Replaces the first whole-line occurrence of `old` in the Markdown
    /// body with `new`; false when the body does not hold it.
    pub fn replace_in_body(&mut self, old: &str, new: &str) -> Result<bool, Error> {
        if !self.markdown || old.is_empty() {
            return Ok(false);
        }
        let body_start = self.body_start()?;
        let nl = self.newline;
        let old: String = old.lines().flat_map(|l| [l, nl]).collect();
        let new: String = new.lines().flat_map(|l| [l, nl]).collect();
        let found = self.text[body_start..]
            .match_indices(old.as_str())
            .map(|(i, _)| body_start + i)
            .find(|&at| at == body_start || self.text[..at].ends_with('\n'));
        let Some(at) = found else {
            return Ok(false);
        };
        self.splice(at..at + old.len(), &new);
        Ok(true)
    }

    fn body_start(&self) -> Result<usize, Error> {
        let yaml = self.yaml_range()?;
        Ok(self.text[yaml.end..]
            .find('\n')
            .map_or(self.text.len(), |i| yaml.end + i + 1))
    }
}

/// The level of a Markdown heading line (`## Title` is 2), 0 for other lines.
fn heading_level(line: &str) -> usize {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        hashes
    } else {
        0
    }
}

/// (a syntax error, or a value of the wrong type) are missing.
pub(crate) fn first_error(path: &str, text: &str) -> Option<String> {
    first_error_of(path, text, |_| true)
}

/// The first error the loader finds in a plan file among those whose code
/// `wanted` accepts, as `path:line:col: message`.
fn first_error_of(path: &str, text: &str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let snapshot = load::load(vec![RawFile {
        path: path.to_owned(),
        content: Content::Bytes(text.as_bytes().to_vec()),
    }]);
    snapshot
        .diagnostics(Vec::new())
        .into_iter()
        .find(|d| d.severity == Severity::Error && wanted(d.code))
        .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.column, d.message))
}

/// Refuses a file the loader cannot read as YAML, naming where.
fn refuse_broken(path: &str, text: &str) -> Result<(), Error> {
    match first_error_of(path, text, |code| UNEDITABLE.contains(&code)) {
        Some(problem) => Err(Error::Usage(format!(
            "{problem}; the file was not changed\n  fix the file first (`roadmap check` shows every problem)"
        ))),
        None => Ok(()),
    }
}

// ---------------------------------------------------------- a transaction

/// Edits of several files that are checked and written together.
pub struct Transaction {
    root: PathBuf,
    files: BTreeMap<String, FileEdit>,
}

impl Transaction {
    /// A transaction on the plan repository at `root` (the folder that
    /// holds `plans/`).
    pub fn new(root: &Path) -> Self {
        Transaction {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file at `path` (relative to the repository root), opened for
    /// editing on first use.
    pub fn open(&mut self, path: &str) -> Result<&mut FileEdit, Error> {
        if !self.files.contains_key(path) {
            let full = self.root.join(path);
            let text = fs::read_to_string(&full).map_err(|e| Error::io(path, e))?;
            let edit = FileEdit::new(path, text.clone(), Some(text))?;
            self.files.insert(path.to_owned(), edit);
        }
        self.files
            .get_mut(path)
            .ok_or_else(|| Error::Usage(format!("{path}: not opened")))
    }

    /// True when `path` exists on disk or is created by this transaction.
    pub fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.root.join(path).exists()
    }

    /// Adds a new file; refuses one that exists.
    pub fn create(&mut self, path: &str, text: String) -> Result<&mut FileEdit, Error> {
        if self.exists(path) {
            return Err(Error::Usage(format!(
                "{path} already exists; nothing was written"
            )));
        }
        let edit = FileEdit::new(path, text, None)?;
        self.files.insert(path.to_owned(), edit);
        self.files
            .get_mut(path)
            .ok_or_else(|| Error::Usage(format!("{path}: not created")))
    }

    /// The files this transaction changes, by path.
    pub fn changed(&self) -> Vec<&FileEdit> {
        self.files.values().filter(|f| f.is_changed()).collect()
    }

    /// Loads the plan with the edits applied and compares its diagnostics
    /// with the plan on disk: an error the edits would add refuses the
    /// whole transaction. Returns the warnings the edits add.
    pub fn verify(&self) -> Result<Vec<Diagnostic>, Error> {
        let before_files = load::read_worktree(&self.root)
            .map_err(|e| Error::io(self.root.join(PLANS_DIR).display().to_string(), e))?;
        let before = crate::check_snapshot(&load::load(before_files.clone()));
        let mut after_files: Vec<RawFile> = before_files
            .into_iter()
            .filter(|f| !self.files.get(&f.path).is_some_and(FileEdit::is_changed))
            .collect();
        for edit in self.changed() {
            after_files.push(RawFile {
                path: edit.path.clone(),
                content: Content::Bytes(edit.contents().into_bytes()),
            });
        }
        after_files.sort_by(|a, b| a.path.cmp(&b.path));
        let after = crate::check_snapshot(&load::load(after_files));
        let is_new = |d: &Diagnostic| {
            !before
                .iter()
                .any(|b| b.path == d.path && b.code == d.code && b.message == d.message)
        };
        let added: Vec<&Diagnostic> = after.iter().filter(|d| is_new(d)).collect();
        let errors: Vec<String> = added
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let hint = d
                    .hint
                    .as_deref()
                    .map(|h| format!("\n    hint: {h}"))
                    .unwrap_or_default();
                format!("  {}:{}:{}: {}{hint}", d.path, d.line, d.column, d.message)
            })
            .collect();
        if !errors.is_empty() {
            return Err(Error::Usage(format!(
                "the change would make the plan invalid; nothing was changed\n{}",
                errors.join("\n")
            )));
        }
        Ok(added
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .cloned()
            .collect())
    }

    /// Verifies, then writes every changed file through the journal: all
    /// of them or, when something fails or the process dies, none (see
    /// [`journal`]). A file changed on disk since it was opened is not
    /// overwritten. `what` names the write (`review: 2026-11`) in the note
    /// of a later run that finishes it after a crash.
    pub fn write(self, what: &str) -> Result<Written, Error> {
        let warnings = self.verify()?;
        let changed = self.changed();
        let contents: Vec<(PathBuf, String)> = changed
            .iter()
            .map(|e| (PathBuf::from(&e.path), e.contents()))
            .collect();
        let changes: Vec<journal::Change> = changed
            .iter()
            .zip(&contents)
            .map(|(edit, (path, text))| journal::Change {
                path,
                bytes: text.as_bytes(),
                expect: journal::Expect::Same(edit.original.as_deref().map(str::as_bytes)),
            })
            .collect();
        let recovered = journal::write(&self.root, what, &changes)?;
        Ok(Written {
            paths: changed.iter().map(|e| e.path.clone()).collect(),
            warnings,
            recovered,
        })
    }
}

/// What [`Transaction::write`] did.
#[derive(Debug)]
pub struct Written {
    /// The files written, relative to the plan's root.
    pub paths: Vec<String>,
    /// The warnings the change leaves in the plan.
    pub warnings: Vec<Diagnostic>,
    /// What an earlier, interrupted write had left, and what was done.
    pub recovered: Vec<journal::Recovery>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Seg;

    fn edit(path: &str, text: &str) -> FileEdit {
        FileEdit::new(path, text.to_owned(), Some(text.to_owned())).expect("editable")
    }

    fn p(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    #[test]
    fn a_scalar_is_replaced_and_nothing_else() {
        let text =
            "# head\nas_of: 2026-10-31   # when\n\nitems:\n  - id: a\n    current: \"3\"  # q\n";
        let mut file = edit("plans/metrics.yaml", text);
        file.set(&p(&["as_of".into()]), "2026-11-30").expect("set");
        file.set(&p(&["items".into(), 0.into(), "current".into()]), "4")
            .expect("set");
        assert_eq!(
            file.text(),
            "# head\nas_of: 2026-11-30   # when\n\nitems:\n  - id: a\n    current: \"4\"  # q\n"
        );
    }

    #[test]
    fn entries_go_in_order_in_block_and_flow_maps() {
        let text = "m:\n  actuals:\n    2026-09: 1M\n    2026-10: 2M   # oct\n\n  # next\n  flow: {2026-01: 1, 2026-03: 3}\n";
        let mut file = edit("plans/metrics.yaml", text);
        let m = p(&["m".into()]);
        file.upsert(&m.at("actuals"), "2026-11", "5.9M", Place::Sorted)
            .expect("insert");
        file.upsert(&m.at("flow"), "2026-02", "2", Place::Sorted)
            .expect("insert");
        file.upsert(&m.at("flow"), "2026-04", "4", Place::Sorted)
            .expect("insert");
        assert_eq!(
            file.text(),
            "m:\n  actuals:\n    2026-09: 1M\n    2026-10: 2M   # oct\n    2026-11: 5.9M\n\n  # next\n  flow: {2026-01: 1, 2026-02: 2, 2026-03: 3, 2026-04: 4}\n"
        );
    }

    #[test]
    fn list_items_follow_the_last_item_at_its_indent() {
        let text =
            "---\nwins:\n- title: A\n  date: 2026-11-01\n- B   # b\nlearnings: []\n---\nBody\n";
        let mut file = edit("plans/reviews/2026-11.md", text);
        let win = New::Map(vec![
            ("title".into(), New::Scalar(yaml::text("C: the deal"))),
            ("date".into(), New::Scalar("2026-11-02".into())),
        ]);
        file.push(&p(&["wins".into()]), &win).expect("push");
        file.push(&p(&["learnings".into()]), &New::Scalar(yaml::text("L")))
            .expect("push");
        file.push(&p(&["corrections".into()]), &New::Scalar(yaml::text("K")))
            .expect("push");
        assert_eq!(
            file.text(),
            "---\nwins:\n- title: A\n  date: 2026-11-01\n- B   # b\n- title: \"C: the deal\"\n  date: 2026-11-02\nlearnings: [L]\ncorrections:\n  - K\n---\nBody\n"
        );
    }

    #[test]
    fn a_missing_key_is_inserted_after_its_sibling_and_crlf_is_kept() {
        let text = "ms:\r\n  - id: a\r\n    status: active\r\n    due: 2026-11\r\n";
        let mut file = edit("plans/strategy.yaml", text);
        let m = p(&["ms".into(), 0.into()]);
        file.upsert(&m, "status", "done", Place::Last).expect("set");
        file.upsert(&m, "done", "2026-11-20", Place::After("status"))
            .expect("insert");
        assert_eq!(
            file.text(),
            "ms:\r\n  - id: a\r\n    status: done\r\n    done: 2026-11-20\r\n    due: 2026-11\r\n"
        );
    }

    #[test]
    fn a_file_with_a_syntax_error_is_refused_with_its_position() {
        let err = FileEdit::new(
            "plans/metrics.yaml",
            "growth: 15-20%\nmetrics:\n  - id: [a\n".to_owned(),
            None,
        )
        .expect_err("broken");
        let message = err.to_string();
        assert!(message.starts_with("plans/metrics.yaml:"), "{message}");
        assert!(message.contains("was not changed"), "{message}");
    }

    #[test]
    fn a_byte_order_mark_is_edited_past_and_kept() {
        let text = "\u{feff}# m\nas_of: 2026-10-31\nm: {2026-09: 1M}\n";
        let mut file = edit("plans/metrics.yaml", text);
        file.set(&p(&["as_of".into()]), "2026-11-30").expect("set");
        assert!(file.is_changed());
        assert_eq!(
            file.contents(),
            "\u{feff}# m\nas_of: 2026-11-30\nm: {2026-09: 1M}\n"
        );
    }

    #[test]
    fn amounts_are_written_as_typed_and_quoted_only_to_read_back() {
        let text = "a:\n  2026-09: 1M\nb: {2026-09: 1M}\n";
        let mut file = edit("plans/metrics.yaml", text);
        file.upsert_amount(
            &p(&["a".into()]),
            "2026-10",
            "$4,360,000",
            4_360_000.0,
            Place::Sorted,
        )
        .expect("insert");
        file.upsert_amount(&p(&["a".into()]), "2026-09", "3.2x", 3.2, Place::Sorted)
            .expect("set");
        file.upsert_amount(
            &p(&["b".into()]),
            "2026-10",
            "$4,360,000",
            4_360_000.0,
            Place::Sorted,
        )
        .expect("insert");
        file.upsert_amount(&p(&["b".into()]), "2026-09", "1,000", 1000.0, Place::Sorted)
            .expect("set");
        assert_eq!(
            file.text(),
            "a:\n  2026-09: 3.2x\n  2026-10: $4,360,000\nb: {2026-09: \"1,000\", 2026-10: \"$4,360,000\"}\n"
        );
        assert_eq!(
            file.last_scalar(&p(&["b".into()])).as_deref(),
            Some("$4,360,000")
        );
        assert_eq!(yaml::amount("1,000", 1000.0), "1,000");
        assert_eq!(yaml::amount("#1", 1.0), "\"#1\"");
    }

    #[test]
    fn a_section_of_the_body_gets_the_paragraph_at_its_end() {
        let text = "---\nwins: []\n---\n\n## One\n\nfirst\n\n## Two\n\nsecond\n";
        let mut file = edit("plans/reviews/2026-11.md", text);
        file.append_to_section("One", "added").expect("append");
        file.append_to_section("Three", "new").expect("append");
        assert_eq!(
            file.text(),
            "---\nwins: []\n---\n\n## One\n\nfirst\n\nadded\n\n## Two\n\nsecond\n\n## Three\n\nnew\n"
        );
    }
}
