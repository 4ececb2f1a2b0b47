//! Edits of YAML text in place: set a value, remove an entry, and leave
//! every other byte (comments, blank lines, quoting, flow maps) as it was,
//! through the spans and splices of [`crate::yaml`].
//!
//! The demo's earlier months are the bundled files with some values
//! changed. Re-serializing them would drop the comments and reformat every
//! line, so each month's `git diff` would show whole files and the last
//! commit would put all the comments back. A patch is only used when the
//! patched text parses to exactly the intended value; otherwise the caller
//! falls back to [`emit`], which writes the value plainly.

use std::fmt::Write as _;
use std::ops::Range;

use serde_yaml::Value;

use crate::diag::{Seg, YamlPath};
use crate::yaml::{self, Shape, SpanIndex};

/// One change to a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Edit {
    /// Replace the node at the path (or add the key to its mapping).
    Set(YamlPath, Value),
    /// Remove the mapping entry or sequence item at the path.
    Remove(YamlPath),
}

// ------------------------------------------------------------------ values

/// The text a mapping key or scalar path segment matches.
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The node at `path`.
pub(crate) fn node<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |value, seg| match (value, seg) {
            (Value::Mapping(map), Seg::Key(key)) => map
                .iter()
                .find(|(k, _)| key_text(k).as_deref() == Some(key.as_str()))
                .map(|(_, v)| v),
            (Value::Sequence(items), Seg::Index(i)) => items.get(*i),
            _ => None,
        })
}

fn node_mut<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(value, |value, seg| match (value, seg) {
            (Value::Mapping(map), Seg::Key(key)) => map
                .iter_mut()
                .find(|(k, _)| key_text(k).as_deref() == Some(key.as_str()))
                .map(|(_, v)| v),
            (Value::Sequence(items), Seg::Index(i)) => items.get_mut(*i),
            _ => None,
        })
}

/// Makes `edits` in `value`: every set in order, then the removals from the
/// last sequence index backwards, so earlier indices still mean what they
/// meant in the original.
pub(crate) fn apply(value: &mut Value, edits: &[Edit]) {
    let mut removals: Vec<&YamlPath> = Vec::new();
    for edit in edits {
        match edit {
            Edit::Set(path, new) => set(value, &path.0, new.clone()),
            Edit::Remove(path) => removals.push(path),
        }
    }
    removals.sort_by(|a, b| compare_paths(b, a));
    for path in removals {
        let Some((last, parent)) = path.0.split_last() else {
            continue;
        };
        match (node_mut(value, parent), last) {
            (Some(Value::Mapping(map)), Seg::Key(key)) => {
                map.retain(|k, _| key_text(k).as_deref() != Some(key.as_str()));
            }
            (Some(Value::Sequence(items)), Seg::Index(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        }
    }
}

fn set(value: &mut Value, path: &[Seg], new: Value) {
    let Some((last, parent)) = path.split_last() else {
        *value = new;
        return;
    };
    if let Some(slot) = node_mut(value, path) {
        *slot = new;
    } else if let (Some(Value::Mapping(map)), Seg::Key(key)) = (node_mut(value, parent), last) {
        map.insert(Value::String(key.clone()), new);
    }
}

fn compare_paths(a: &YamlPath, b: &YamlPath) -> std::cmp::Ordering {
    for (x, y) in a.0.iter().zip(&b.0) {
        let order = match (x, y) {
            (Seg::Index(x), Seg::Index(y)) => x.cmp(y),
            (Seg::Key(x), Seg::Key(y)) => x.cmp(y),
            (Seg::Index(_), Seg::Key(_)) => std::cmp::Ordering::Less,
            (Seg::Key(_), Seg::Index(_)) => std::cmp::Ordering::Greater,
        };
        if order.is_ne() {
            return order;
        }
    }
    a.0.len().cmp(&b.0.len())
}

// ------------------------------------------------------------------- patch

/// One node, as a patch needs it.
struct Node {
    value: Range<usize>,
    key: Option<Range<usize>>,
    /// A plain or quoted scalar, which may be replaced by its span.
    scalar: bool,
    /// The node is a sequence item.
    item: bool,
    /// The node lies inside a flow collection.
    in_flow: bool,
}

/// The node at `path`.
fn node_at(index: &SpanIndex, path: &YamlPath) -> Option<Node> {
    let span = index.get(path)?;
    let (last, parent) = path.0.split_last()?;
    let parent = index.get(&YamlPath(parent.to_vec()))?;
    Some(Node {
        value: span.value.clone(),
        key: span.key.clone(),
        scalar: matches!(
            span.shape,
            Shape::Plain | Shape::SingleQuoted | Shape::DoubleQuoted
        ),
        item: matches!(last, Seg::Index(_)),
        in_flow: parent.shape.is_flow(),
    })
}

/// `text` with `edits` made in place, or `None` when an edit needs a
/// rewrite this module does not do (a new key, an entry of a flow
/// collection removed, a block scalar replaced) or the YAML is not one
/// this module edits (complex keys, several documents, a syntax error).
pub(crate) fn patch(text: &str, edits: &[Edit]) -> Option<String> {
    let index = SpanIndex::build(text).ok()?;
    if index.documents > 1 || index.complex_keys {
        return None;
    }
    let mut changes: Vec<(Range<usize>, String)> = Vec::new();
    for edit in edits {
        let change = match edit {
            Edit::Set(path, value) => {
                let node = node_at(&index, path)?;
                match scalar(value) {
                    Some(new) if node.scalar => (node.value, new),
                    _ if node.in_flow => return None,
                    _ => {
                        let (lines, indent) = entry_lines(text, &node)?;
                        let mut out = String::new();
                        if node.item {
                            emit_item(value, indent, &mut out);
                        } else {
                            let key = node.key?;
                            out.push_str(&text[yaml::line_start(text, key.start)..key.end]);
                            out.push(':');
                            emit_value(value, indent, &mut out);
                        }
                        (lines, out)
                    }
                }
            }
            Edit::Remove(path) => {
                let node = node_at(&index, path)?;
                let range = if node.in_flow && node.item {
                    flow_item(text, &node, path)?
                } else if node.in_flow {
                    return None;
                } else {
                    entry_lines(text, &node)?.0
                };
                (range, String::new())
            }
        };
        changes.push(change);
    }
    yaml::splice(text, changes)
}

/// An item of a flow sequence with the comma that separates it: the one
/// before it, or for the first item the one after it.
fn flow_item(text: &str, node: &Node, path: &YamlPath) -> Option<Range<usize>> {
    let span = &node.value;
    if matches!(path.0.last(), Some(Seg::Index(0))) {
        let rest = &text[span.end..];
        let after = rest.trim_start();
        let end = match after.strip_prefix(',') {
            Some(more) => text.len() - more.trim_start().len(),
            None => span.end,
        };
        Some(span.start..end)
    } else {
        let before = text[..span.start].trim_end();
        before.ends_with(',').then(|| before.len() - 1..span.end)
    }
}

/// The whole lines of a block mapping entry or sequence item, and the
/// column of its key or dash. The entry must start its line (after the
/// dash, for an item): removing the line of `- id: a` to drop `id` would
/// take the item's dash with it.
fn entry_lines(text: &str, node: &Node) -> Option<(Range<usize>, usize)> {
    let first = match (node.item, &node.key) {
        (true, _) => node.value.start,
        (false, Some(key)) => key.start,
        (false, None) => return None,
    };
    let start = yaml::line_start(text, first);
    let lead = &text[start..first];
    let indent = if node.item {
        let dash = lead.find('-')?;
        let (before, after) = (&lead[..dash], &lead[dash + 1..]);
        if !before.chars().all(|c| c == ' ') || !after.chars().all(|c| c == ' ') || after.is_empty()
        {
            return None;
        }
        dash
    } else {
        if !lead.chars().all(|c| c == ' ') {
            return None;
        }
        lead.len()
    };
    let mut end = yaml::line_end(text, first);
    let mut next = end;
    while next < text.len() {
        let line_to = yaml::line_end(text, next);
        let line = &text[next..line_to];
        let body = line.trim_start_matches(' ');
        let column = line.len() - body.len();
        if body.trim().is_empty() {
            next = line_to;
            continue;
        }
        if column <= indent {
            break;
        }
        next = line_to;
        end = line_to;
    }
    Some((start..end, indent))
}

// -------------------------------------------------------------------- emit

/// `value` as a YAML document in the plan files' style: block mappings,
/// sequences indented under their key, short lists of words in flow style.
pub(crate) fn emit(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(map) if !map.is_empty() => emit_block(value, 0, &mut out),
        _ => {
            out.push_str(&scalar(value).unwrap_or_else(|| "{}".to_owned()));
            out.push('\n');
        }
    }
    out
}

/// A scalar as it is written after `key: ` or `- `; `None` for a
/// collection.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => {
            let text = serde_yaml::to_string(value).ok()?;
            let text = text.trim_end_matches('\n');
            Some(if text.contains('\n') {
                serde_json::to_string(s).ok()?
            } else {
                text.to_owned()
            })
        }
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => None,
    }
}

/// What follows `key:`: ` scalar`, a flow list, or the nested block.
fn emit_value(value: &Value, indent: usize, out: &mut String) {
    if let Some(text) = scalar(value) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match value {
        Value::Sequence(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Mapping(map) if map.is_empty() => out.push_str(" {}\n"),
        Value::Sequence(items) => {
            let words: Option<Vec<String>> = items
                .iter()
                .map(|item| scalar(item).filter(|s| is_word(s)))
                .collect();
            match words {
                Some(words) if words.join(", ").len() + indent < 80 => {
                    let _ = writeln!(out, " [{}]", words.join(", "));
                }
                _ => {
                    out.push('\n');
                    emit_block(value, indent + 2, out);
                }
            }
        }
        _ => {
            out.push('\n');
            emit_block(value, indent + 2, out);
        }
    }
}

fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '%' | ' '))
        && !text.starts_with(['-', ' '])
        && !text.ends_with(' ')
}

/// A non-empty mapping or sequence as block lines at `indent`.
fn emit_block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Mapping(map) => {
            for (key, value) in map {
                out.push_str(&pad);
                out.push_str(&scalar(key).unwrap_or_else(|| "?".to_owned()));
                out.push(':');
                emit_value(value, indent, out);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                emit_item(item, indent, out);
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// One sequence item with its dash at `indent`.
fn emit_item(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Mapping(map) if !map.is_empty() => {
            let mut block = String::new();
            emit_block(value, indent + 2, &mut block);
            out.push_str(&pad);
            out.push_str("- ");
            out.push_str(&block[indent + 2..]);
        }
        Value::Sequence(items) if !items.is_empty() => {
            let mut block = String::new();
            emit_block(value, indent + 2, &mut block);
            out.push_str(&pad);
            out.push_str("- ");
            out.push_str(&block[indent + 2..]);
        }
        other => {
            out.push_str(&pad);
            out.push('-');
            emit_value(other, indent, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    fn parse(text: &str) -> Value {
        serde_yaml::from_str(text).expect("valid YAML")
    }

    const TEXT: &str = "\
# Metrics.
as_of: 2026-10-31   # the day of the review

metrics:
  # Territory revenue.
  - id: revenue
    targets: {2025: 5.85M, 2026: 6.85M}
    actuals:
      2025-01: 0.44M
      2025-02: 0.90M

  - id: share
    title: \"Market share\"
    actuals:
      2025-01: 18.1%
";

    #[test]
    fn scalars_are_replaced_where_they_stand() {
        let edits = [
            Edit::Set(path(&["as_of".into()]), Value::String("2025-01-31".into())),
            Edit::Set(
                path(&["metrics".into(), 0.into(), "targets".into(), "2026".into()]),
                Value::String("6.95M".into()),
            ),
        ];
        let out = patch(TEXT, &edits).expect("patched");
        assert!(out.contains("as_of: 2025-01-31   # the day of the review\n"));
        assert!(out.contains("targets: {2025: 5.85M, 2026: 6.95M}\n"));
        assert_eq!(out.lines().count(), TEXT.lines().count());
    }

    #[test]
    fn entries_and_items_are_removed_with_their_lines() {
        let edits = [
            Edit::Remove(path(&[
                "metrics".into(),
                0.into(),
                "actuals".into(),
                "2025-02".into(),
            ])),
            Edit::Remove(path(&["metrics".into(), 1.into()])),
        ];
        let out = patch(TEXT, &edits).expect("patched");
        let mut want = parse(TEXT);
        apply(&mut want, &edits);
        assert_eq!(parse(&out), want);
        assert!(out.contains("      2025-01: 0.44M\n"));
        assert!(!out.contains("2025-02"));
        assert!(!out.contains("share"));
        assert!(out.starts_with("# Metrics.\n"));
    }

    #[test]
    fn items_of_flow_lists_go_with_their_comma() {
        let list = |i: usize| Edit::Remove(path(&["l".into(), i.into()]));
        let text = "l: [a, b, c]  # note\n";
        assert_eq!(
            patch(text, &[list(0)]).as_deref(),
            Some("l: [b, c]  # note\n")
        );
        assert_eq!(
            patch(text, &[list(1)]).as_deref(),
            Some("l: [a, c]  # note\n")
        );
        assert_eq!(
            patch(text, &[list(2)]).as_deref(),
            Some("l: [a, b]  # note\n")
        );
        assert_eq!(
            patch(text, &[list(0), list(2)]).as_deref(),
            Some("l: [b]  # note\n")
        );
    }

    #[test]
    fn an_item_is_replaced_in_the_file_style() {
        let item = parse("id: other\nsupports: [a, b]\nkey_results:\n  - id: k\n    target: 3\n");
        let edits = [Edit::Set(path(&["metrics".into(), 1.into()]), item)];
        let out = patch(TEXT, &edits).expect("patched");
        assert!(out.contains(
            "  - id: other\n    supports: [a, b]\n    key_results:\n      - id: k\n        target: 3\n"
        ));
        let mut want = parse(TEXT);
        apply(&mut want, &edits);
        assert_eq!(parse(&out), want);
    }

    #[test]
    fn what_cannot_be_done_in_place_is_refused() {
        let flow_entry = path(&["metrics".into(), 0.into(), "targets".into(), "2025".into()]);
        assert_eq!(patch(TEXT, &[Edit::Remove(flow_entry)]), None);
        let both = [
            Edit::Remove(path(&["l".into(), 0.into()])),
            Edit::Remove(path(&["l".into(), 1.into()])),
        ];
        assert_eq!(patch("l: [a, b, c]\n", &both), None);
        let first_key = path(&["metrics".into(), 0.into(), "id".into()]);
        assert_eq!(patch(TEXT, &[Edit::Remove(first_key)]), None);
        let missing = path(&["growth".into()]);
        assert_eq!(
            patch(TEXT, &[Edit::Set(missing, Value::String("x".into()))]),
            None
        );
    }

    #[test]
    fn emitted_documents_parse_back() {
        let value = parse(TEXT);
        assert_eq!(parse(&emit(&value)), value);
        let tricky = parse("a: 'x: y'\nb: '12'\nc: \"line\\nbreak\"\nd: []\ne: [one two, '#3']\n");
        assert_eq!(parse(&emit(&tricky)), tricky);
    }
}
