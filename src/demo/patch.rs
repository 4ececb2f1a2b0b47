//! Edits of YAML text in place: set a value, remove an entry, and leave
//! every other byte (comments, blank lines, quoting, flow maps) as it was.
//!
//! The demo's earlier months are the bundled files with some values
//! changed. Re-serializing them would drop the comments and reformat every
//! line, so each month's `git diff` would show whole files and the last
//! commit would put all the comments back. A patch is only used when the
//! patched text parses to exactly the intended value; otherwise the caller
//! falls back to [`emit`], which writes the value plainly.

use std::collections::HashMap;
use std::fmt::Write as _;

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_yaml::Value;

use crate::diag::{Seg, YamlPath};

/// One change to a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace the node at the path (or add the key to its mapping).
    Set(YamlPath, Value),
    /// Remove the mapping entry or sequence item at the path.
    Remove(YamlPath),
}

// ------------------------------------------------------------------ values

/// The text a mapping key or scalar path segment matches.
pub fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The node at `path`.
pub fn node<'v>(value: &'v Value, path: &[Seg]) -> Option<&'v Value> {
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
pub fn apply(value: &mut Value, edits: &[Edit]) {
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

// ------------------------------------------------------------------- index

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A plain or quoted scalar, which may be replaced by its span.
    Scalar,
    /// A block scalar, an alias or anything else not replaced in place.
    Other,
    Block,
    Flow,
}

/// Where one node of the document is, in byte offsets.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    shape: Shape,
    /// The start of the entry's key, for a mapping entry.
    key: Option<(usize, usize)>,
    /// The node is a sequence item.
    item: bool,
    /// The node lies inside a flow collection.
    in_flow: bool,
}

enum Frame {
    Map {
        path: YamlPath,
        flow: bool,
        key: Option<(String, usize, usize)>,
    },
    Seq {
        path: YamlPath,
        flow: bool,
        next: usize,
    },
}

/// Spans of every node, or `None` for YAML this module does not edit
/// (complex keys, several documents, a syntax error).
fn index(text: &str) -> Option<HashMap<YamlPath, Span>> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let at = |marker: saphyr_parser::Marker| bytes.get(marker.index()).copied();
    let mut nodes = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        let (start, end) = (at(span.start)?, at(span.end)?);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, ..) => {
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    *key = Some((value.into_owned(), start, end));
                    continue;
                }
                let shape = match style {
                    ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        Shape::Scalar
                    }
                    _ => Shape::Other,
                };
                let (path, span) = child(&mut stack, start, end, shape);
                nodes.insert(path, span);
            }
            Event::Alias(_) => {
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    *key = Some(("*".to_owned(), start, end));
                    continue;
                }
                let (path, span) = child(&mut stack, start, end, Shape::Other);
                nodes.insert(path, span);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if matches!(stack.last(), Some(Frame::Map { key: None, .. })) {
                    return None;
                }
                let flow = matches!(text.get(start..), Some(rest) if rest.starts_with(['{', '[']));
                let shape = if flow { Shape::Flow } else { Shape::Block };
                let (path, span) = child(&mut stack, start, start, shape);
                nodes.insert(path.clone(), span);
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map {
                        path,
                        flow,
                        key: None,
                    }
                } else {
                    Frame::Seq {
                        path,
                        flow,
                        next: 0,
                    }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(Frame::Map { path, flow, .. } | Frame::Seq { path, flow, .. }) =
                    stack.pop()
                else {
                    return None;
                };
                if let Some(span) = nodes.get_mut(&path) {
                    span.end = if flow { end } else { start };
                }
            }
            _ => {}
        }
    }
    Some(nodes)
}

/// The path and span of a node that starts now, under the innermost
/// collection.
fn child(stack: &mut [Frame], start: usize, end: usize, shape: Shape) -> (YamlPath, Span) {
    let mut span = Span {
        start,
        end,
        shape,
        key: None,
        item: false,
        in_flow: false,
    };
    let path = match stack.last_mut() {
        None => YamlPath::root(),
        Some(Frame::Map { path, flow, key }) => {
            span.in_flow = *flow;
            let (name, key_start, key_end) = key.take().unwrap_or_default();
            span.key = Some((key_start, key_end));
            path.at(name)
        }
        Some(Frame::Seq { path, flow, next }) => {
            span.in_flow = *flow;
            span.item = true;
            *next += 1;
            path.at(*next - 1)
        }
    };
    (path, span)
}

// ------------------------------------------------------------------- patch

/// `text` with `edits` made in place, or `None` when an edit needs a
/// rewrite this module does not do (a new key, an entry of a flow
/// collection removed, a block scalar replaced).
pub fn patch(text: &str, edits: &[Edit]) -> Option<String> {
    let nodes = index(text)?;
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    for edit in edits {
        let change = match edit {
            Edit::Set(path, value) => {
                let span = nodes.get(path)?;
                match (span.shape, scalar(value)) {
                    (Shape::Scalar, Some(new)) => (span.start, span.end, new),
                    _ if span.in_flow => return None,
                    _ => {
                        let (start, end, indent) = entry_lines(text, span)?;
                        let mut out = String::new();
                        if span.item {
                            emit_item(value, indent, &mut out);
                        } else {
                            let (key_start, key_end) = span.key?;
                            out.push_str(&text[line_start(text, key_start)..key_end]);
                            out.push(':');
                            emit_value(value, indent, &mut out);
                        }
                        (start, end, out)
                    }
                }
            }
            Edit::Remove(path) => {
                let span = nodes.get(path)?;
                let (start, end) = if span.in_flow && span.item {
                    flow_item(text, span, path)?
                } else if span.in_flow {
                    return None;
                } else {
                    let (start, end, _) = entry_lines(text, span)?;
                    (start, end)
                };
                (start, end, String::new())
            }
        };
        changes.push(change);
    }
    changes.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    let mut kept: Vec<(usize, usize, String)> = Vec::new();
    for change in changes {
        match kept.last() {
            // A change inside an entry that is replaced or removed anyway.
            Some(last) if change.0 < last.1 && change.1 <= last.1 => {}
            Some(last) if change.0 < last.1 => return None,
            _ => kept.push(change),
        }
    }
    let mut out = text.to_owned();
    for (start, end, new) in kept.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    Some(out)
}

/// An item of a flow sequence with the comma that separates it: the one
/// before it, or for the first item the one after it.
fn flow_item(text: &str, span: &Span, path: &YamlPath) -> Option<(usize, usize)> {
    if matches!(path.0.last(), Some(Seg::Index(0))) {
        let rest = &text[span.end..];
        let after = rest.trim_start();
        let end = match after.strip_prefix(',') {
            Some(more) => text.len() - more.trim_start().len(),
            None => span.end,
        };
        Some((span.start, end))
    } else {
        let before = text[..span.start].trim_end();
        before.ends_with(',').then(|| (before.len() - 1, span.end))
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The whole lines of a block mapping entry or sequence item, and the
/// column of its key or dash. The entry must start its line (after the
/// dash, for an item): removing the line of `- id: a` to drop `id` would
/// take the item's dash with it.
fn entry_lines(text: &str, span: &Span) -> Option<(usize, usize, usize)> {
    let first = match (span.item, span.key) {
        (true, _) => span.start,
        (false, Some((key, _))) => key,
        (false, None) => return None,
    };
    let start = line_start(text, first);
    let lead = &text[start..first];
    let indent = if span.item {
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
    let mut end = line_end(text, first);
    let mut next = end;
    while next < text.len() {
        let line_to = line_end(text, next);
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
    Some((start, end, indent))
}

// -------------------------------------------------------------------- emit

/// `value` as a YAML document in the plan files' style: block mappings,
/// sequences indented under their key, short lists of words in flow style.
pub fn emit(value: &Value) -> String {
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
