//! Versions of a plan file that differ only in values parse as one.
//!
//! A weekly update moves a few numbers and statuses and leaves the shape
//! of the file alone. The shape is the file's *skeleton*: its text with the
//! value of every plain `key: value` or `- value` line (a *hole*) replaced
//! by a numbered marker, and the text of every comment line dropped. The
//! skeleton is parsed once; each version is then read from that tree with
//! its own values at the markers (see [`crate::load::filled`]). A value
//! the first version also had is taken from it; a new one is read on its
//! own.
//!
//! That is the same tree the parser would give, because a hole is only a
//! value the scanner cannot read as anything but one scalar ending at the
//! end of its line: a quoted string without escapes, or a plain scalar
//! that starts with a letter or digit and holds no `#`, `:`, comma or
//! bracket. What the line-by-line cut cannot see (a hole inside a block
//! scalar or a multi-line string, one repeated by an alias) shows in the
//! parsed skeleton as a marker that is not a whole value, or not there
//! exactly once; such a skeleton is not used, and its versions are parsed
//! whole. So are texts that hold the marker's bracket themselves.

use std::borrow::Borrow;
use std::hash::Hash;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use serde_yaml::Value;

use crate::load::filled::{Filled, Template, has_marker, marker, push_marker};
use crate::load::nesting::too_deep;

/// Parsed skeletons, shared by the threads parsing one walk's blobs. A
/// skeleton not used for [`KEPT_BATCHES`] batches is dropped: a file's
/// shape changes over time, and the old ones do not come back.
#[derive(Default)]
pub(super) struct Skeletons {
    /// Skeleton text → its tree (`None`: not usable).
    trees: Recent<Box<str>, Option<Arc<Template>>>,
}

/// How many batches a skeleton (or what else a [`Recent`] holds) is kept
/// unused: of 64 commits each, enough to span a team's week, in which each
/// person's files come back.
const KEPT_BATCHES: u32 = 4;

impl Skeletons {
    /// `yaml` as its skeleton's tree and its own values, or `None` when it
    /// has to be parsed whole.
    pub(super) fn filled(&self, yaml: &str) -> Option<Filled> {
        let (skeleton, holes) = cut(yaml)?;
        Filled::new(self.template(skeleton, &holes)?, &holes)
    }

    /// The tree of `yaml` built from its skeleton.
    #[cfg(test)]
    fn value(&self, yaml: &str) -> Option<Value> {
        self.filled(yaml).map(Filled::into_value)
    }

    fn template(&self, skeleton: String, holes: &[&str]) -> Option<Arc<Template>> {
        if let Some(tree) = self.trees.get(skeleton.as_str()) {
            return tree;
        }
        // Parsed outside the lock; two threads meeting the same new
        // skeleton at once both parse it, and agree.
        let tree = parse(&skeleton, holes).map(Arc::new);
        self.trees.insert(skeleton.into_boxed_str(), tree.clone());
        tree
    }

    /// Marks the end of a batch of blobs.
    pub(super) fn next_batch(&self) {
        self.trees.next_batch();
    }
}

/// Values kept while they are used, shared by the threads parsing one
/// walk's blobs: one not used for [`KEPT_BATCHES`] batches is dropped.
pub(super) struct Recent<K, V> {
    entries: Mutex<Entries<K, V>>,
}

struct Entries<K, V> {
    batch: u32,
    /// Each value and the last batch that used it.
    map: FxHashMap<K, (V, u32)>,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            entries: Mutex::new(Entries {
                batch: 0,
                map: FxHashMap::default(),
            }),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Recent<K, V> {
    /// The value under `key`, marked as used.
    pub(super) fn get<Q: ?Sized + Eq + Hash>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let mut entries = self.lock();
        let batch = entries.batch;
        let (value, used) = entries.map.get_mut(key)?;
        *used = batch;
        Some(value.clone())
    }

    pub(super) fn insert(&self, key: K, value: V) {
        let mut entries = self.lock();
        let batch = entries.batch;
        entries.map.insert(key, (value, batch));
    }

    /// Marks the end of a batch of blobs.
    pub(super) fn next_batch(&self) {
        let mut entries = self.lock();
        let batch = entries.batch;
        entries
            .map
            .retain(|_, (_, used)| *used + KEPT_BATCHES >= batch);
        entries.batch += 1;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().map.len()
    }

    /// The values; a panic on another thread while they were held leaves
    /// them whole (each change is one insert or retain).
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, V>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Parses a skeleton, with the values of the version that brought it.
/// A skeleton nests as its versions do: one nested too deeply is not
/// handed to the parser, and its versions are refused by the path that
/// parses them whole (see [`crate::load::nesting`]).
fn parse(skeleton: &str, holes: &[&str]) -> Option<Template> {
    if too_deep(skeleton).is_some() {
        return None;
    }
    let tree: Value = serde_yaml::from_str(skeleton).ok()?;
    if !whole_markers(&tree, holes.len()) {
        return None;
    }
    Template::new(tree, holes)
}

/// The skeleton of `yaml` and its holes' values, in marker order; `None`
/// when it has no holes or cannot be cut safely: when it is not a plain
/// mapping from its first line, as a plan file is, or holds the marker's
/// bracket, a carriage return, or a document marker or directive.
fn cut(yaml: &str) -> Option<(String, Vec<&str>)> {
    if has_marker(yaml) || yaml.contains('\r') {
        return None;
    }
    let first = yaml
        .lines()
        .find(|line| !line.trim_start().is_empty() && !line.trim_start().starts_with('#'))?;
    if !first.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let mut skeleton = String::with_capacity(yaml.len() + yaml.len() / 8);
    let mut holes = Vec::new();
    let mut kept = 0;
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        if ["---", "...", "%"].iter().any(|m| line.starts_with(m)) {
            return None;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line[indent..].starts_with('#') {
            // A comment says nothing to the parser: versions that differ
            // in one share a skeleton. Its text is replaced by a marker
            // that is no hole's, which the parser drops with the comment;
            // were the line inside a block scalar or a string, the marker
            // would show there, and the skeleton would not be used.
            skeleton.push_str(&yaml[kept..start + indent]);
            skeleton.push_str(COMMENT);
            kept = start + line.trim_end_matches('\n').len();
        } else if let Some(range) = hole(line, indent) {
            let (from, to) = (start + range.start, start + range.end);
            skeleton.push_str(&yaml[kept..from]);
            push_marker(&mut skeleton, holes.len());
            holes.push(&yaml[from..to]);
            kept = to;
        }
        start += line.len();
    }
    if holes.is_empty() {
        return None;
    }
    skeleton.push_str(&yaml[kept..]);
    Some((skeleton, holes))
}

/// What a comment line's text becomes in a skeleton.
const COMMENT: &str = "#⟦#⟧";

/// Where the value of `line` lies, when the line is `key: value`,
/// `- key: value` or `- value` with a value that can only be one scalar;
/// `indent` is how many spaces it starts with.
fn hole(line: &str, indent: usize) -> Option<Range<usize>> {
    let item = line[indent..].starts_with("- ");
    let key_at = indent + if item { 2 } else { 0 };
    let key_len = line[key_at..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    let keyed = (key_len > 0 && line.as_bytes()[key_at] != b'-')
        .then(|| line[key_at + key_len..].strip_prefix(": "))
        .flatten();
    match keyed {
        Some(rest) => scalar_at(line, line.len() - rest.trim_start_matches(' ').len()),
        // An item that is one scalar (`- Closed the Acme deal`).
        None if item => scalar_at(
            line,
            line.len() - line[key_at..].trim_start_matches(' ').len(),
        ),
        None => None,
    }
}

/// Where the value starting at `value_at` lies, if it can only be one
/// scalar ending at the end of the line.
fn scalar_at(line: &str, value_at: usize) -> Option<Range<usize>> {
    let value = line[value_at..]
        .trim_end_matches('\n')
        .trim_end_matches(' ');
    (quoted(value) || plain(value)).then_some(value_at..value_at + value.len())
}

/// A one-line quoted string whose text is exactly what is between the
/// quotes.
fn quoted(value: &str) -> bool {
    let inner = |quote: char| {
        value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
            .is_some_and(|inner| {
                inner
                    .chars()
                    .all(|c| c != quote && c != '\\' && printable(c))
            })
    };
    value.len() >= 2 && (inner('"') || inner('\''))
}

/// A plain scalar that ends at the end of its line in any context: it
/// starts with a letter or digit (or a sign or dot before one) and holds
/// nothing that could end it or start a comment.
fn plain(value: &str) -> bool {
    let bytes = value.as_bytes();
    let starts = match bytes.first() {
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(b'-' | b'+' | b'.') => bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.'),
        _ => false,
    };
    starts
        && value.chars().all(|c| match c {
            '#' | ':' | ',' | '[' | ']' | '{' | '}' => false,
            ' '..='~' => true,
            c => c.is_alphanumeric(),
        })
}

/// Characters that stand for themselves inside quotes on one line.
fn printable(c: char) -> bool {
    match c {
        ' '..='~' => true,
        '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
            false
        }
        c => !c.is_ascii() && !c.is_control(),
    }
}

/// Whether each of the `holes` markers of a parsed skeleton stands whole,
/// once, as a value: no hole was swallowed by a longer scalar, made a
/// key, or copied by an alias.
fn whole_markers(tree: &Value, holes: usize) -> bool {
    fn any_marker(value: &Value) -> bool {
        match value {
            Value::String(text) => has_marker(text),
            Value::Sequence(items) => items.iter().any(any_marker),
            Value::Mapping(map) => map.iter().any(|(k, v)| any_marker(k) || any_marker(v)),
            Value::Tagged(tagged) => any_marker(&tagged.value),
            _ => false,
        }
    }
    fn visit(value: &Value, seen: &mut [bool]) -> bool {
        match value {
            Value::String(text) if has_marker(text) => match marker(text) {
                Some(n) if n < seen.len() && !seen[n] => {
                    seen[n] = true;
                    true
                }
                _ => false,
            },
            Value::Sequence(items) => items.iter().all(|item| visit(item, seen)),
            Value::Mapping(map) => map
                .iter()
                .all(|(key, value)| !any_marker(key) && visit(value, seen)),
            // A tagged value is read whole, as a leaf: it has no holes.
            Value::Tagged(tagged) => !any_marker(&tagged.value),
            _ => true,
        }
    }
    let mut seen = vec![false; holes];
    visit(tree, &mut seen) && seen.iter().all(|s| *s)
}

#[cfg(test)]
mod tests {
    use super::Skeletons;
    use serde_yaml::Value;

    const QUARTER: &str = "as_of: 2030-02-07
period: 2030-Q1
theme: Build the partner channel
objectives:
  - id: q1-strategy
    title: Partner pilot
    status: active
    supports: [y2030-strategy]
    key_results:
      - id: q1-strategy-kr1
        title: Accounts in the pilot
        start: 0
        target: 9
        current: 6
        unit: accounts
      - id: q1-strategy-kr2
        title: Share of pipeline from partners
        start: 4.8
        target: 8.0
        current: 7.0
        unit: \"%\"
    milestones:
      - id: q1-strategy-m1
        title: 'Pilot signed'
        due: 2030-02-15
        status: planned
";

    fn parsed(text: &str) -> Value {
        serde_yaml::from_str(text).expect("the test text parses")
    }

    /// Every value a hole may hold, and some it may not.
    const VALUES: &[&str] = &[
        "7",
        "7.2",
        "-5",
        "+5",
        ".5",
        "-.5",
        "007",
        "0x1F",
        "0o17",
        "1e3",
        "1_000",
        "12.5M",
        "0",
        "10",
        "123456789012345",
        "1234567890123456",
        "99999999999999999999",
        "0.5",
        "12.50",
        "3.",
        "00.5",
        "0.000000000000000000001",
        "2030-13-45",
        "2030-3-01",
        "2030-03-01",
        "done",
        "null",
        "Null",
        "~",
        "true",
        "FALSE",
        "yes",
        "no",
        "on",
        ".inf",
        "-.inf",
        ".nan",
        "inf",
        "NaN",
        "\"%\"",
        "'it is'",
        "\"\"",
        "Share of pipeline",
        "Café crème",
        "a ! b",
        "x&y",
        "50 %",
        "\"ünï\"",
        "e10",
        // Not holes: a comment, a colon, a flow collection.
        "done # later",
        "a: b",
        "[1, 2]",
        "{a: 1}",
    ];

    #[test]
    fn a_version_built_from_a_skeleton_is_the_version_parsed() {
        let skeletons = Skeletons::default();
        // The first version brings the skeleton; the others reuse it.
        assert_eq!(skeletons.value(QUARTER), Some(parsed(QUARTER)));
        let mut built = 0;
        for new in VALUES {
            for line in ["current: 6", "status: planned", "title: 'Pilot signed'"] {
                let (key, _) = line.split_once(": ").expect("a key");
                let text = QUARTER.replacen(line, &format!("{key}: {new}"), 1);
                let direct: Result<Value, _> = serde_yaml::from_str(&text);
                if let Some(value) = skeletons.value(&text) {
                    built += 1;
                    assert_eq!(Some(value), direct.ok(), "{line} -> {key}: {new}");
                }
            }
        }
        // The plain and quoted values above all fit a hole.
        assert!(built >= 3 * (VALUES.len() - 7), "{built}");
    }

    /// Reading a plan's types straight from the skeleton and the values
    /// gives what reading them from the parsed text gives, errors too.
    #[test]
    fn a_version_read_from_its_skeleton_reads_as_the_text_parsed() {
        use crate::model::QuarterPlan;
        use serde::Deserialize as _;
        let skeletons = Skeletons::default();
        let quarter = QUARTER.replacen(
            "    status: active\n",
            "    category: strategic\n    status: active\n",
            1,
        );
        assert!(QuarterPlan::deserialize(&parsed(&quarter)).is_ok());
        let (mut read, mut refused) = (0, 0);
        for new in VALUES.iter().chain(&["2030-03-01", "~", "null", "[]"]) {
            for line in [
                "current: 6",
                "status: planned",
                "title: 'Pilot signed'",
                "due: 2030-02-15",
                "target: 9",
            ] {
                let (key, _) = line.split_once(": ").expect("a key");
                let text = quarter.replacen(line, &format!("{key}: {new}"), 1);
                let Some(filled) = skeletons.filled(&text) else {
                    continue;
                };
                let direct = QuarterPlan::deserialize(&parsed(&text)).map_err(|_| ());
                let from_skeleton = QuarterPlan::deserialize(filled.root()).map_err(|_| ());
                assert_eq!(
                    format!("{from_skeleton:?}"),
                    format!("{direct:?}"),
                    "{line} -> {key}: {new}"
                );
                match direct {
                    Ok(_) => read += 1,
                    Err(()) => refused += 1,
                }
            }
        }
        // Both outcomes were met: values the plan takes, and values it
        // refuses (a word where a number goes).
        assert!(read > 20 && refused > 5, "{read} read, {refused} refused");
    }

    #[test]
    fn what_a_line_cannot_show_is_parsed_whole() {
        let skeletons = Skeletons::default();
        let cases = [
            // A key: value line inside a block scalar.
            "as_of: 2030-01-01\nnotes: |\n  current: 5\n  status: done\n",
            // A plain value going on to the next line.
            "as_of: 2030-01-01\ntitle: A long\n  title on two lines\n",
            // A value repeated by an alias.
            "as_of: 2030-01-01\nbase: &b\n  current: 5\ncopy: *b\n",
            // A multi-line quoted string.
            "as_of: 2030-01-01\ntitle: \"a\n  current: 5\"\n",
            // The marker's own bracket in the text.
            "as_of: 2030-01-01\ntitle: ⟦0⟧\n",
            // A comment line and an item line inside a block scalar are
            // its text.
            "as_of: 2030-01-01\nnotes: |\n  # heading\n  text\n",
            "as_of: 2030-01-01\nnotes: >\n  - not an item\n",
            // ... and inside a quoted string.
            "as_of: 2030-01-01\ntitle: \"a\n  # b\"\n",
            // Not a mapping from the first line.
            "- current: 5\n- current: 6\n",
            "  current: 5\n  status: done\n",
            "---\ncurrent: 5\n",
            "%YAML 1.2\n---\ncurrent: 5\n",
            // A comment after the value, a flow collection.
            "current: 5 # five\nstatus: done\n",
            "objective: {current: 5, status: done}\n",
        ];
        for text in cases {
            let direct: Result<Value, _> = serde_yaml::from_str(text);
            if let Some(value) = skeletons.value(text) {
                assert_eq!(Some(value), direct.ok(), "{text}");
            }
        }
        for text in &cases[..9] {
            assert_eq!(skeletons.value(text), None, "{text}");
        }
    }

    /// Versions that differ in comments, or in items that are one scalar
    /// each, share a skeleton, and read as their text does.
    #[test]
    fn comments_and_one_scalar_items_do_not_make_a_new_skeleton() {
        let skeletons = Skeletons::default();
        let versions = [
            "# January 2030: one mark per day\nreading: \"x.x\"\nreview: \"..x\"\n",
            "# February 2030: one mark per day\nreading: \"xx\"\nreview: \"x\"\n",
            "as_of: 2030-01-31\nwins:\n  - Closed the Acme deal\n  - \"Hired: two reps\"\n",
            "as_of: 2030-02-28\n# the month\nwins:\n  - Renewed Globex\n  - 12\n",
        ];
        for text in versions {
            assert_eq!(skeletons.value(text), Some(parsed(text)), "{text}");
        }
        assert_eq!(skeletons.trees.len(), 3);
    }

    /// The first version's values are read as every later version's are,
    /// by the parser itself unless they are plainly text or a plain
    /// number: what starts with a digit and ends in a letter is text only
    /// when no number, in any base, ends so.
    #[test]
    fn a_skeletons_first_values_read_as_the_parser_reads_them() {
        let values = [
            "8.22M",
            "15-20%",
            "3 days",
            "2h30m",
            "0x1F",
            "0x1Fg",
            "1e5",
            "1e5m",
            "1E",
            "3.",
            "12.5B",
            "0b101",
            "0o17",
            "1_000",
            "007",
            "2030-02-07",
        ];
        for value in values {
            let text = QUARTER.replacen("current: 6", &format!("current: {value}"), 1);
            // A new skeleton each time: the value is the first version's.
            let skeletons = Skeletons::default();
            assert_eq!(skeletons.value(&text), Some(parsed(&text)), "{value}");
            assert_eq!(skeletons.value(QUARTER), Some(parsed(QUARTER)), "{value}");
        }
        let mut marked = String::new();
        for n in [0, 7, 10, 1234] {
            crate::load::filled::push_marker(&mut marked, n);
        }
        assert_eq!(marked, "⟦0⟧⟦7⟧⟦10⟧⟦1234⟧");
    }

    #[test]
    fn skeletons_long_unused_are_dropped() {
        let skeletons = Skeletons::default();
        skeletons.value(QUARTER);
        let count = || skeletons.trees.len();
        assert_eq!(count(), 1);
        for _ in 0..=super::KEPT_BATCHES {
            skeletons.next_batch();
        }
        assert_eq!(count(), 1);
        skeletons.next_batch();
        assert_eq!(count(), 0);
    }
}
