//! Source positions for YAML nodes, found by path.
//!
//! serde gives the typed model but forgets where each value came from, so a
//! rule that finds a level of 12 knows only `skills[3].level`. This module
//! replays the file through an event parser (saphyr-parser, which reports a
//! span for every event and never expands aliases) and maps each path to the
//! line and column of its key and value. It runs only for files that have
//! something to report, so a clean check never pays for it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diag::{Seg, Target, YamlPath};
use crate::load::nesting::{MAX_DEPTH, too_deep};

/// 1-based line and column within the YAML text.
pub type Pos = (usize, usize);

#[derive(Debug, Default)]
struct Entry {
    key: Option<Pos>,
    value: Pos,
}

/// Positions of every node of one YAML document.
#[derive(Debug, Default)]
pub struct PositionIndex {
    nodes: HashMap<YamlPath, Entry>,
    /// Keys that appear twice in one mapping, at their second appearance.
    pub duplicates: Vec<(String, Pos)>,
    /// The first alias (`*name`) in the document.
    pub first_alias: Option<Pos>,
}

enum Frame {
    Map {
        path: YamlPath,
        key: Option<(String, Pos)>,
        seen: HashSet<String>,
    },
    Seq {
        path: YamlPath,
        next: usize,
    },
    /// A mapping or sequence used as a mapping key; its contents are skipped.
    ComplexKey {
        depth: usize,
    },
}

impl PositionIndex {
    /// Indexes `text`. Parsing stops quietly at the first syntax error: the
    /// caller has that error from serde already, and a partial index still
    /// locates everything before it. A text nested too deeply for the
    /// loader is not indexed (saphyr-parser's time grows with the square of
    /// its depth).
    pub fn build(text: &str) -> Self {
        let mut index = PositionIndex::default();
        if too_deep(text).is_some() {
            return index;
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            index.on_event(&mut stack, event, span);
        }
        index
    }

    fn on_event(&mut self, stack: &mut Vec<Frame>, event: Event<'_>, span: Span) {
        let pos = (span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(text, ..) => {
                if let Some(path) = self.node_path(stack, Some(text.as_ref()), pos) {
                    self.record(path, pos);
                }
            }
            Event::Alias(_) => {
                self.first_alias.get_or_insert(pos);
                if let Some(path) = self.node_path(stack, Some("*alias"), pos) {
                    self.record(path, pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if let Some(Frame::ComplexKey { depth }) = stack.last_mut() {
                    *depth += 1;
                    return;
                }
                match self.node_path(stack, None, pos) {
                    Some(path) => {
                        self.record(path.clone(), pos);
                        stack.push(if is_map {
                            Frame::Map {
                                path,
                                key: None,
                                seen: HashSet::new(),
                            }
                        } else {
                            Frame::Seq { path, next: 0 }
                        });
                    }
                    None => stack.push(Frame::ComplexKey { depth: 0 }),
                }
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.last_mut() {
                Some(Frame::ComplexKey { depth }) if *depth > 0 => *depth -= 1,
                Some(Frame::ComplexKey { .. }) => {
                    stack.pop();
                    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                        *key = Some(("?".to_owned(), pos));
                    }
                }
                _ => {
                    stack.pop();
                }
            },
            _ => {}
        }
    }

    /// The path of the node that starts now, or `None` when the node is a
    /// mapping key (which this call records as the pending key).
    fn node_path(
        &mut self,
        stack: &mut [Frame],
        scalar: Option<&str>,
        pos: Pos,
    ) -> Option<YamlPath> {
        match stack.last_mut() {
            None => Some(YamlPath::root()),
            Some(Frame::ComplexKey { .. }) => None,
            Some(Frame::Seq { path, next }) => {
                let path = path.at(*next);
                *next += 1;
                Some(path)
            }
            Some(Frame::Map { path, key, seen }) => {
                if let Some((name, key_pos)) = key.take() {
                    let child = path.at(name);
                    self.nodes.entry(child.clone()).or_default().key = Some(key_pos);
                    return Some(child);
                }
                if let Some(name) = scalar {
                    if !seen.insert(name.to_owned()) {
                        self.duplicates.push((name.to_owned(), pos));
                    }
                    *key = Some((name.to_owned(), pos));
                }
                None
            }
        }
    }

    fn record(&mut self, path: YamlPath, pos: Pos) {
        let entry = self.nodes.entry(path).or_default();
        // A duplicated key keeps the position of its first value.
        if entry.value == (0, 0) {
            entry.value = pos;
        }
    }

    /// The position of `path`, or of its nearest ancestor that exists.
    pub fn locate(&self, path: &YamlPath, target: Target) -> Pos {
        let mut segs: &[Seg] = &path.0;
        loop {
            if let Some(entry) = self.nodes.get(&YamlPath(segs.to_vec())) {
                return match (target, entry.key) {
                    (Target::Key, Some(key)) => key,
                    _ => entry.value,
                };
            }
            match segs.split_last() {
                Some((_, parent)) => segs = parent,
                None => return (1, 1),
            }
        }
    }
}

// ------------------------------------------------------------- byte spans

/// How a node is written, which decides how it can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// A literal (`|`) or folded (`>`) block scalar.
    BlockScalar,
    Alias,
    BlockMap,
    FlowMap,
    BlockSeq,
    FlowSeq,
}

/// Where a node is in the text, as byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key, when the node is the value of a mapping entry.
    pub key: Option<Range<usize>>,
    /// A scalar with its quotes (for a block scalar, its content); a flow
    /// collection from bracket to bracket; a block collection from its first
    /// entry to the end of its last value.
    pub value: Range<usize>,
    pub shape: Shape,
}

/// A YAML syntax error, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Byte spans of every node of one YAML document, found by path, with each
/// collection's children in document order: what an edit needs to replace
/// one value, or to add an entry after its siblings, without touching any
/// other byte.
#[derive(Debug, Default)]
pub struct SpanIndex {
    nodes: HashMap<YamlPath, NodeSpan>,
    children: HashMap<YamlPath, Vec<YamlPath>>,
}

enum SpanFrame {
    Open {
        path: YamlPath,
        key: Option<Range<usize>>,
        start: usize,
        end: usize,
        shape: Shape,
        /// Map: the key waiting for its value. Seq: unused.
        pending: Option<(String, Range<usize>)>,
        next: usize,
    },
    /// A collection used as a mapping key: not indexed.
    Skip { depth: usize },
}

impl SpanIndex {
    /// Indexes `text`, or says where its first syntax error is.
    pub fn build(text: &str) -> Result<Self, SyntaxError> {
        if let Some((line, column)) = too_deep(text) {
            return Err(SyntaxError {
                line,
                column,
                message: format!("nesting is too deep (more than {MAX_DEPTH} levels)"),
            });
        }
        let offsets = CharOffsets::new(text);
        let mut index = SpanIndex::default();
        let mut stack: Vec<SpanFrame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|err| SyntaxError {
                line: err.marker().line(),
                column: err.marker().col() + 1,
                message: err.info().to_owned(),
            })?;
            let span = offsets.at(span.start.index())..offsets.at(span.end.index());
            index.on_event(&mut stack, text, event, span);
        }
        Ok(index)
    }

    /// The node at `path`.
    pub fn get(&self, path: &YamlPath) -> Option<&NodeSpan> {
        self.nodes.get(path)
    }

    /// The children of the collection at `path`, in document order.
    pub fn children(&self, path: &YamlPath) -> &[YamlPath] {
        self.children.get(path).map_or(&[], Vec::as_slice)
    }

    /// The byte range of `path`'s key or value, or of its nearest ancestor
    /// that exists: the node [`PositionIndex::locate`] points at, whole.
    pub fn range(&self, path: &YamlPath, target: Target) -> Option<Range<usize>> {
        let mut segs: &[Seg] = &path.0;
        loop {
            if let Some(node) = self.nodes.get(&YamlPath(segs.to_vec())) {
                return Some(match (target, &node.key) {
                    (Target::Key, Some(key)) => key.clone(),
                    _ => node.value.clone(),
                });
            }
            let (_, parent) = segs.split_last()?;
            segs = parent;
        }
    }

    fn on_event(
        &mut self,
        stack: &mut Vec<SpanFrame>,
        text: &str,
        event: Event<'_>,
        span: Range<usize>,
    ) {
        match event {
            Event::Scalar(value, style, ..) => {
                let shape = match style {
                    ScalarStyle::Plain => Shape::Plain,
                    ScalarStyle::SingleQuoted => Shape::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Shape::DoubleQuoted,
                    ScalarStyle::Literal | ScalarStyle::Folded => Shape::BlockScalar,
                };
                // A quoted scalar's span runs on to the next token, over
                // blanks and comments: its end is its closing quote.
                let end = match shape {
                    Shape::SingleQuoted | Shape::DoubleQuoted => {
                        closing_quote(text, span.start).unwrap_or(span.end)
                    }
                    _ => span.end,
                };
                self.leaf(stack, Some(&value), span.start..end, shape);
            }
            Event::Alias(_) => self.leaf(stack, None, span, Shape::Alias),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(SpanFrame::Skip { depth }) = stack.last_mut() {
                    *depth += 1;
                    return;
                }
                let flow = text
                    .get(span.start..)
                    .is_some_and(|t| t.starts_with(['{', '[']));
                let shape = match (matches!(event, Event::MappingStart(..)), flow) {
                    (true, true) => Shape::FlowMap,
                    (true, false) => Shape::BlockMap,
                    (false, true) => Shape::FlowSeq,
                    (false, false) => Shape::BlockSeq,
                };
                let frame = match self.child(stack, None, span.clone()) {
                    Some((path, key)) => SpanFrame::Open {
                        path,
                        key,
                        start: span.start,
                        end: span.start,
                        shape,
                        pending: None,
                        next: 0,
                    },
                    None => SpanFrame::Skip { depth: 0 },
                };
                stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(SpanFrame::Skip { depth }) if depth > 0 => {
                    stack.push(SpanFrame::Skip { depth: depth - 1 });
                }
                Some(SpanFrame::Skip { .. }) => {
                    if let Some(SpanFrame::Open { pending, .. }) = stack.last_mut() {
                        *pending = Some(("?".to_owned(), span));
                    }
                }
                Some(SpanFrame::Open {
                    path,
                    key,
                    start,
                    end,
                    shape,
                    ..
                }) => {
                    let end = if matches!(shape, Shape::FlowMap | Shape::FlowSeq) {
                        span.start + 1
                    } else {
                        end
                    };
                    self.nodes.insert(
                        path,
                        NodeSpan {
                            key,
                            value: start..end,
                            shape,
                        },
                    );
                    extend(stack, end);
                }
                None => {}
            },
            _ => {}
        }
    }

    fn leaf(
        &mut self,
        stack: &mut [SpanFrame],
        scalar: Option<&str>,
        span: Range<usize>,
        shape: Shape,
    ) {
        if let Some((path, key)) = self.child(stack, scalar, span.clone()) {
            self.nodes.insert(
                path,
                NodeSpan {
                    key,
                    value: span.clone(),
                    shape,
                },
            );
            extend(stack, span.end);
        }
    }

    /// The path of the node that starts now and its key's span, or `None`
    /// when the node is a mapping key (kept as the pending key) or lies
    /// inside a complex key.
    fn child(
        &mut self,
        stack: &mut [SpanFrame],
        scalar: Option<&str>,
        span: Range<usize>,
    ) -> Option<(YamlPath, Option<Range<usize>>)> {
        let Some(frame) = stack.last_mut() else {
            return Some((YamlPath::root(), None));
        };
        let SpanFrame::Open {
            path,
            shape,
            pending,
            next,
            ..
        } = frame
        else {
            return None;
        };
        let (child, key) = if matches!(shape, Shape::BlockSeq | Shape::FlowSeq) {
            *next += 1;
            (path.at(*next - 1), None)
        } else {
            match pending.take() {
                Some((name, key)) => (path.at(name), Some(key)),
                None => {
                    *pending = Some((scalar.unwrap_or("*alias").to_owned(), span));
                    return None;
                }
            }
        };
        self.children
            .entry(path.clone())
            .or_default()
            .push(child.clone());
        Some((child, key))
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn position(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Raises the end of every open block collection to `end`.
fn extend(stack: &mut [SpanFrame], end: usize) {
    for frame in stack.iter_mut() {
        if let SpanFrame::Open {
            end: frame_end,
            shape: Shape::BlockMap | Shape::BlockSeq,
            ..
        } = frame
        {
            *frame_end = (*frame_end).max(end);
        }
    }
}

/// The byte just past the closing quote of the quoted scalar at `start`.
fn closing_quote(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(start)?;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The parser counts in characters; edits need bytes.
struct CharOffsets(Option<Vec<usize>>);

impl CharOffsets {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharOffsets(None);
        }
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        CharOffsets(Some(offsets))
    }

    fn at(&self, chars: usize) -> usize {
        match &self.0 {
            None => chars,
            Some(offsets) => offsets.get(chars).or(offsets.last()).copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    #[test]
    fn finds_keys_and_values_in_block_and_flow_style() {
        let text =
            "name: x\nitems:\n  - id: a\n    level: 12\n  - {id: b, level: 3}\ntags: [p, q]\n";
        let index = PositionIndex::build(text);
        let level = path(&["items".into(), 0.into(), "level".into()]);
        assert_eq!(index.locate(&level, Target::Value), (4, 12));
        assert_eq!(index.locate(&level, Target::Key), (4, 5));
        let flow = path(&["items".into(), 1.into(), "level".into()]);
        assert_eq!(index.locate(&flow, Target::Value), (5, 20));
        let tag = path(&["tags".into(), 1.into()]);
        assert_eq!(index.locate(&tag, Target::Value), (6, 11));
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let index = PositionIndex::build("a:\n  b: 1\n");
        let missing = path(&["a".into(), "c".into(), "d".into()]);
        assert_eq!(index.locate(&missing, Target::Value), (2, 3));
    }

    #[test]
    fn reports_duplicate_keys_at_their_second_use() {
        let index = PositionIndex::build("name: x\nitems: []\nname: y\n");
        assert_eq!(index.duplicates, vec![("name".to_owned(), (3, 1))]);
    }

    #[test]
    fn spans_are_bytes_and_quoted_scalars_end_at_their_quote() {
        let text = "é: \"quoted é\"   # note\nmap:\n  - k: v\n    z: 1\n\nflow: {a: 1, b: [x, y]}\nnext: 2\n";
        let index = SpanIndex::build(text).expect("parses");
        let span = |segs: &[Seg]| index.get(&path(segs)).expect("node").clone();
        let quoted = span(&["é".into()]);
        assert_eq!(&text[quoted.value.clone()], "\"quoted é\"");
        assert_eq!(quoted.shape, Shape::DoubleQuoted);
        assert_eq!(&text[quoted.key.expect("key")], "é");
        let item = span(&["map".into(), 0.into()]);
        assert_eq!(&text[item.value.clone()], "k: v\n    z: 1");
        assert_eq!(item.shape, Shape::BlockMap);
        let flow = span(&["flow".into()]);
        assert_eq!(&text[flow.value.clone()], "{a: 1, b: [x, y]}");
        let seq = span(&["flow".into(), "b".into()]);
        assert_eq!(
            (&text[seq.value.clone()], seq.shape),
            ("[x, y]", Shape::FlowSeq)
        );
        let keys: Vec<String> = index
            .children(&path(&["flow".into()]))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(keys, vec!["flow.a", "flow.b"]);
    }

    #[test]
    fn a_syntax_error_has_a_position() {
        let err = SpanIndex::build("a: [1, 2\nb: 3\n").expect_err("unclosed");
        assert!(err.line >= 1 && !err.message.is_empty(), "{err:?}");
    }
}
