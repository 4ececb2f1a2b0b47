//! The edits of a YAML text in place: set a value, add a mapping entry,
//! append a list item, remove an entry or item. Each edit is one change of
//! the text (a byte range and what replaces it), found through the
//! document's [`SpanIndex`] and written by [`super::write`], so every
//! other byte (comments, blank lines, quoting, flow style) stays as it was.
//! `record`, `review` and `import` make their edits one at a time through
//! `edit::FileEdit`; the demo makes a month's edits at once with [`patch`].

use std::ops::Range;

use crate::diag::{Seg, YamlPath};

use super::spans::{NodeSpan, Shape, SpanIndex, SyntaxError};
use super::splice::{column, line_end, line_end_after, line_start, splice};
use super::write::{self, New};

/// Where a new mapping entry goes among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    /// Before the first entry (after any comments above it).
    First,
    /// After the last entry.
    Last,
    /// Before the first entry whose key sorts after the new one.
    Sorted,
    /// After the entry with this key, or last when there is none.
    After(&'a str),
}

/// One edit of a YAML document, made at a path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op<'a> {
    /// Replace the scalar at the path by this text (unquoted), written in
    /// the quotes the scalar has.
    Retext(&'a str),
    /// Replace the node at the path: a scalar where it stands, an entry or
    /// item of a block collection with all its lines.
    Set(New),
    /// Add the entry `key: value` to the mapping at the path.
    Insert(&'a str, New, Place<'a>),
    /// Append an item to the list at the path, adding the entry
    /// `key: [item]` to its parent when the list is missing.
    Push(New),
    /// Remove the entry or item at the path with its lines (an item of a
    /// flow list, with its comma).
    Remove,
}

/// Why an edit cannot be made in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// There is no node at this path.
    Missing(YamlPath),
    /// The node at this path is written in a way this edit does not change
    /// in place (said as `is ...`).
    Unsupported(YamlPath, &'static str),
}

/// A change of the text: the byte range replaced and its new text.
pub(crate) type Change = (Range<usize>, String);

/// A YAML document being edited: its text, the spans of its nodes, and
/// the line ending new lines take.
pub(crate) struct Doc<'t> {
    text: &'t str,
    index: SpanIndex,
    nl: &'static str,
}

impl<'t> Doc<'t> {
    pub(crate) fn new(text: &'t str, nl: &'static str) -> Result<Self, SyntaxError> {
        Ok(Doc {
            text,
            index: SpanIndex::build(text)?,
            nl,
        })
    }

    pub(crate) fn index(&self) -> &SpanIndex {
        &self.index
    }

    /// The change of the text that makes `op` at `path`.
    pub(crate) fn change(&self, path: &YamlPath, op: &Op<'_>) -> Result<Change, Refused> {
        match op {
            Op::Retext(value) => self.retext(path, value),
            Op::Set(new) => self.set(path, new),
            Op::Insert(key, value, place) => self.insert(path, key, value, *place),
            Op::Push(item) => self.push(path, item),
            Op::Remove => self.remove(path),
        }
    }

    fn node(&self, path: &YamlPath) -> Result<&NodeSpan, Refused> {
        self.index
            .get(path)
            .ok_or_else(|| Refused::Missing(path.clone()))
    }

    /// True when the node at `path` is an entry or item of a flow
    /// collection.
    fn in_flow(&self, path: &YamlPath) -> bool {
        path.0.split_last().is_some_and(|(_, parent)| {
            self.index
                .get(&YamlPath(parent.to_vec()))
                .is_some_and(|p| p.shape.is_flow())
        })
    }

    fn retext(&self, path: &YamlPath, value: &str) -> Result<Change, Refused> {
        let node = self.node(path)?;
        let written = match node.shape {
            Shape::DoubleQuoted => write::double_quoted(value),
            Shape::SingleQuoted => write::single_quoted(value),
            Shape::Plain => write::raw(value),
            Shape::BlockScalar | Shape::Alias => {
                return Err(Refused::Unsupported(
                    path.clone(),
                    "a block scalar or an alias",
                ));
            }
            _ => return Err(Refused::Unsupported(path.clone(), "a list or mapping")),
        };
        Ok(self.scalar(node, written))
    }

    /// The scalar `node` replaced by `written`; a null one (`key:` with
    /// nothing after the colon) gets it after the colon.
    fn scalar(&self, node: &NodeSpan, written: String) -> Change {
        if !node.value.is_empty() {
            return (node.value.clone(), written);
        }
        let from = node.key.as_ref().map_or(node.value.start, |k| k.end);
        let at = self.text[from..]
            .find(':')
            .map_or(node.value.end, |i| from + i + 1);
        (at..at, format!(" {written}"))
    }

    fn set(&self, path: &YamlPath, new: &New) -> Result<Change, Refused> {
        let node = self.node(path)?;
        let in_flow = self.in_flow(path);
        let scalar = matches!(
            node.shape,
            Shape::Plain | Shape::SingleQuoted | Shape::DoubleQuoted
        );
        match new {
            New::Scalar(_) if scalar && in_flow => Ok(self.scalar(node, write::flow(new))),
            New::Scalar(written) if scalar => Ok(self.scalar(node, written.clone())),
            _ if in_flow => Err(Refused::Unsupported(path.clone(), "in a flow collection")),
            _ => {
                let item = matches!(path.0.last(), Some(Seg::Index(_)));
                let (lines, indent) = self.entry_lines(path, node, item)?;
                let mut out = String::new();
                if item {
                    write::item(&mut out, &" ".repeat(indent), new, self.nl);
                } else {
                    let key = node
                        .key
                        .clone()
                        .ok_or_else(|| Refused::Unsupported(path.clone(), "not a mapping entry"))?;
                    let indent = &self.text[line_start(self.text, key.start)..key.start];
                    write::entry(&mut out, (indent, &self.text[key]), new, self.nl);
                }
                Ok((lines, out))
            }
        }
    }

    fn remove(&self, path: &YamlPath) -> Result<Change, Refused> {
        let node = self.node(path)?;
        let item = matches!(path.0.last(), Some(Seg::Index(_)));
        let range = match (self.in_flow(path), item) {
            (true, true) => self.flow_item(path, node)?,
            (true, false) => {
                return Err(Refused::Unsupported(
                    path.clone(),
                    "an entry of a flow mapping",
                ));
            }
            (false, _) => self.entry_lines(path, node, item)?.0,
        };
        Ok((range, String::new()))
    }

    /// An item of a flow list with the comma that separates it: the one
    /// before it, or for the first item the one after it.
    fn flow_item(&self, path: &YamlPath, node: &NodeSpan) -> Result<Range<usize>, Refused> {
        let span = &node.value;
        if matches!(path.0.last(), Some(Seg::Index(0))) {
            let after = self.text[span.end..].trim_start();
            let end = match after.strip_prefix(',') {
                Some(more) => self.text.len() - more.trim_start().len(),
                None => span.end,
            };
            return Ok(span.start..end);
        }
        let before = self.text[..span.start].trim_end();
        before
            .ends_with(',')
            .then(|| before.len() - 1..span.end)
            .ok_or_else(|| Refused::Unsupported(path.clone(), "not after a comma"))
    }

    /// The whole lines of a block mapping entry or list item, and the
    /// column of its key or dash. The entry must start its line (after the
    /// dash, for an item): removing the line of `- id: a` to drop `id`
    /// would take the item's dash with it.
    fn entry_lines(
        &self,
        path: &YamlPath,
        node: &NodeSpan,
        item: bool,
    ) -> Result<(Range<usize>, usize), Refused> {
        let text = self.text;
        let refused = || Refused::Unsupported(path.clone(), "not on a line of its own");
        let first = match (item, &node.key) {
            (true, _) => node.value.start,
            (false, Some(key)) => key.start,
            (false, None) => return Err(refused()),
        };
        let start = line_start(text, first);
        let lead = &text[start..first];
        let indent = if item {
            let dash = lead.find('-').ok_or_else(refused)?;
            let (before, after) = (&lead[..dash], &lead[dash + 1..]);
            if !before.chars().all(|c| c == ' ')
                || !after.chars().all(|c| c == ' ')
                || after.is_empty()
            {
                return Err(refused());
            }
            dash
        } else {
            if !lead.chars().all(|c| c == ' ') {
                return Err(refused());
            }
            lead.len()
        };
        let mut end = line_end(text, first);
        let mut next = end;
        while next < text.len() {
            let line_to = line_end(text, next);
            let line = &text[next..line_to];
            let body = line.trim_start_matches(' ');
            if body.trim().is_empty() {
                next = line_to;
                continue;
            }
            if line.len() - body.len() <= indent {
                break;
            }
            next = line_to;
            end = line_to;
        }
        Ok((start..end, indent))
    }

    fn insert(
        &self,
        map: &YamlPath,
        key: &str,
        value: &New,
        place: Place<'_>,
    ) -> Result<Change, Refused> {
        let node = self.node(map)?;
        let siblings: Vec<(&str, &NodeSpan)> = self
            .index
            .children(map)
            .iter()
            .filter_map(|child| match child.0.last() {
                Some(Seg::Key(name)) => Some((name.as_str(), self.index.get(child)?)),
                _ => None,
            })
            .collect();
        let key_text = write::raw(key);
        let anchor = choose(&siblings, key, place);
        match node.shape {
            Shape::FlowMap => {
                let entry = format!("{key_text}: {}", write::flow(value));
                Ok(match (anchor, siblings.last()) {
                    (Some(Anchor::Before(sibling)), _) => {
                        let at = sibling
                            .key
                            .as_ref()
                            .map_or(sibling.value.start, |k| k.start);
                        (at..at, format!("{entry}, "))
                    }
                    (Some(Anchor::After(sibling)), _) | (None, Some(&(_, sibling))) => {
                        let at = sibling.value.end;
                        (at..at, format!(", {entry}"))
                    }
                    (None, None) => (node.value.start + 1..node.value.start + 1, entry),
                })
            }
            Shape::BlockMap => match anchor {
                Some(Anchor::Before(sibling)) => {
                    let key_start = sibling
                        .key
                        .as_ref()
                        .map_or(sibling.value.start, |k| k.start);
                    let at = line_start(self.text, key_start);
                    let indent = &self.text[at..key_start];
                    if indent.trim().is_empty() {
                        let mut text = String::new();
                        write::entry(&mut text, (indent, &key_text), value, self.nl);
                        Ok((at..at, text))
                    } else {
                        // The first key of a list item shares its line
                        // with the dash: go after it instead.
                        Ok(self.entry_after(sibling, &key_text, value))
                    }
                }
                Some(Anchor::After(sibling)) => Ok(self.entry_after(sibling, &key_text, value)),
                None => Err(Refused::Unsupported(map.clone(), "an empty mapping")),
            },
            Shape::Plain if node.value.is_empty() => {
                // `key:` with nothing yet: the mapping starts on the next line.
                let mut text = String::new();
                write::entry(&mut text, (&self.under(node), &key_text), value, self.nl);
                Ok(self.lines_after(node.value.end, text))
            }
            _ => Err(Refused::Unsupported(map.clone(), "not a mapping")),
        }
    }

    fn push(&self, list: &YamlPath, item: &New) -> Result<Change, Refused> {
        let Some(node) = self.index.get(list) else {
            let Some((Seg::Key(key), parent)) = list.0.split_last() else {
                return Err(Refused::Missing(list.clone()));
            };
            let parent = YamlPath(parent.to_vec());
            return self.insert(&parent, key, &New::Seq(vec![item.clone()]), Place::Last);
        };
        let last = self
            .index
            .children(list)
            .last()
            .and_then(|child| self.index.get(child));
        match node.shape {
            Shape::FlowSeq => Ok(match last {
                Some(last) => {
                    let at = last.value.end;
                    (at..at, format!(", {}", write::flow(item)))
                }
                None => (
                    node.value.start + 1..node.value.start + 1,
                    write::flow(item),
                ),
            }),
            Shape::BlockSeq => {
                let Some(last) = last else {
                    return Err(Refused::Unsupported(list.clone(), "an empty list"));
                };
                let from = line_start(self.text, last.value.start);
                let dash = self.text[from..last.value.start]
                    .rfind('-')
                    .map_or(last.value.start, |i| from + i);
                let mut text = String::new();
                let indent = " ".repeat(column(self.text, dash));
                write::item(&mut text, &indent, item, self.nl);
                Ok(self.lines_after(last.value.end, text))
            }
            Shape::Plain if node.value.is_empty() => {
                let mut text = String::new();
                write::item(&mut text, &self.under(node), item, self.nl);
                Ok(self.lines_after(node.value.end, text))
            }
            _ => Err(Refused::Unsupported(list.clone(), "not a list")),
        }
    }

    /// The indent of what goes under the null value `node` (`key:` with
    /// nothing after it): two spaces past its key.
    fn under(&self, node: &NodeSpan) -> String {
        let key = node.key.as_ref().unwrap_or(&node.value);
        " ".repeat(column(self.text, key.start) + 2)
    }

    /// A new entry after `sibling`'s lines, at its key's indent.
    fn entry_after(&self, sibling: &NodeSpan, key_text: &str, value: &New) -> Change {
        let key_start = sibling
            .key
            .as_ref()
            .map_or(sibling.value.start, |k| k.start);
        let mut text = String::new();
        let indent = " ".repeat(column(self.text, key_start));
        write::entry(&mut text, (&indent, key_text), value, self.nl);
        self.lines_after(sibling.value.end, text)
    }

    /// `lines` inserted after the line that holds byte `at`, starting a
    /// new line when the text ends without one.
    fn lines_after(&self, at: usize, lines: String) -> Change {
        let at = line_end_after(self.text, at);
        let lines = if at > 0 && self.text.as_bytes().get(at - 1) != Some(&b'\n') {
            format!("{}{lines}", self.nl)
        } else {
            lines
        };
        (at..at, lines)
    }
}

enum Anchor<'s> {
    Before(&'s NodeSpan),
    After(&'s NodeSpan),
}

fn choose<'s>(
    siblings: &[(&str, &'s NodeSpan)],
    key: &str,
    place: Place<'_>,
) -> Option<Anchor<'s>> {
    let last = || siblings.last().map(|(_, s)| Anchor::After(s));
    match place {
        Place::First => siblings.first().map(|(_, s)| Anchor::Before(s)),
        Place::Last => last(),
        Place::Sorted => siblings
            .iter()
            .find(|(name, _)| *name > key)
            .map(|(_, s)| Anchor::Before(s))
            .or_else(last),
        Place::After(name) => siblings
            .iter()
            .find(|(sibling, _)| *sibling == name)
            .map(|(_, s)| Anchor::After(s))
            .or_else(last),
    }
}

/// `text` with every edit made against the text as it is, or `None` when
/// one cannot be made in place, two overlap, or the YAML is not one this
/// module edits (complex keys, several documents, a syntax error).
pub(crate) fn patch(text: &str, edits: &[(YamlPath, Op<'_>)]) -> Option<String> {
    let doc = Doc::new(text, "\n").ok()?;
    if doc.index.documents > 1 || doc.index.complex_keys {
        return None;
    }
    let changes: Option<Vec<Change>> = edits
        .iter()
        .map(|(path, op)| doc.change(path, op).ok())
        .collect();
    splice(text, changes?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Value;

    fn path(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    fn parse(text: &str) -> Value {
        serde_yaml::from_str(text).expect("valid YAML")
    }

    fn set(segs: &[Seg], value: &str) -> (YamlPath, Op<'static>) {
        (path(segs), Op::Set(New::from(&parse(value))))
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
            set(&["as_of".into()], "2025-01-31"),
            set(
                &["metrics".into(), 0.into(), "targets".into(), "2026".into()],
                "6.95M",
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
            (
                path(&[
                    "metrics".into(),
                    0.into(),
                    "actuals".into(),
                    "2025-02".into(),
                ]),
                Op::Remove,
            ),
            (path(&["metrics".into(), 1.into()]), Op::Remove),
        ];
        let out = patch(TEXT, &edits).expect("patched");
        let want = "as_of: 2026-10-31\nmetrics:\n  - id: revenue\n    targets: {2025: 5.85M, 2026: 6.85M}\n    actuals:\n      2025-01: 0.44M\n";
        assert_eq!(parse(&out), parse(want));
        assert!(out.contains("      2025-01: 0.44M\n"));
        assert!(!out.contains("2025-02"));
        assert!(!out.contains("share"));
        assert!(out.starts_with("# Metrics.\n"));
    }

    #[test]
    fn items_of_flow_lists_go_with_their_comma() {
        let list = |i: usize| (path(&["l".into(), i.into()]), Op::Remove);
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
        let item = "id: other\nsupports: [a, b]\nkey_results:\n  - id: k\n    target: 3\n";
        let edits = [set(&["metrics".into(), 1.into()], item)];
        let out = patch(TEXT, &edits).expect("patched");
        assert!(out.contains(
            "  - id: other\n    supports: [a, b]\n    key_results:\n      - id: k\n        target: 3\n"
        ));
        assert_eq!(parse(&out)["metrics"][1], parse(item));
        assert_eq!(parse(&out)["metrics"][0], parse(TEXT)["metrics"][0]);
    }

    #[test]
    fn what_cannot_be_done_in_place_is_refused() {
        let flow_entry = path(&["metrics".into(), 0.into(), "targets".into(), "2025".into()]);
        assert_eq!(patch(TEXT, &[(flow_entry, Op::Remove)]), None);
        let both = [
            (path(&["l".into(), 0.into()]), Op::Remove),
            (path(&["l".into(), 1.into()]), Op::Remove),
        ];
        assert_eq!(patch("l: [a, b, c]\n", &both), None);
        let first_key = path(&["metrics".into(), 0.into(), "id".into()]);
        assert_eq!(patch(TEXT, &[(first_key, Op::Remove)]), None);
        assert_eq!(patch(TEXT, &[set(&["growth".into()], "x")]), None);
    }
}
