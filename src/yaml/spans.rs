//! The one walk over a document's parser events: every node's path, its
//! key's and value's byte ranges, their lines and columns, its shape, and
//! each collection's children in document order.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diag::{Seg, Target, YamlPath};
use crate::load::nesting::{MAX_DEPTH, too_deep};

/// 1-based line and column (in characters) within the YAML text.
pub(crate) type Pos = (usize, usize);

/// How a node is written, which decides how it can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
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

impl Shape {
    /// A flow collection (`{...}` or `[...]`).
    pub(crate) fn is_flow(self) -> bool {
        matches!(self, Shape::FlowMap | Shape::FlowSeq)
    }
}

/// Where a node is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeSpan {
    /// The key, when the node is the value of a mapping entry.
    pub key: Option<Range<usize>>,
    /// A scalar with its quotes (for a block scalar, its content); a flow
    /// collection from bracket to bracket; a block collection from its first
    /// entry to the end of its last value.
    pub value: Range<usize>,
    pub shape: Shape,
    /// Where the key starts, as line and column.
    pub key_at: Option<Pos>,
    /// Where the value starts, as line and column.
    pub at: Pos,
}

/// A YAML syntax error, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Spans of every node of one YAML document, found by path, with each
/// collection's children in document order: what an edit needs to replace
/// one value, or to add an entry after its siblings, without touching any
/// other byte, and what a diagnostic needs to point at a value.
#[derive(Debug, Default)]
pub(crate) struct SpanIndex {
    nodes: HashMap<YamlPath, NodeSpan>,
    children: HashMap<YamlPath, Vec<YamlPath>>,
    /// Keys that appear twice in one mapping, at their second appearance.
    pub duplicates: Vec<(String, Pos)>,
    /// The first alias (`*name`) in the document.
    pub first_alias: Option<Pos>,
    /// How many documents the text holds.
    pub documents: usize,
    /// Whether a mapping or sequence is used as a mapping key somewhere
    /// (its contents are not indexed).
    pub complex_keys: bool,
}

/// A key waiting for its value: its name, range and position.
type Pending = (String, Range<usize>, Pos);

enum Frame {
    Open {
        path: YamlPath,
        start: usize,
        end: usize,
        shape: Shape,
        /// Map: the key waiting for its value. Seq: unused.
        pending: Option<Pending>,
        /// Map: the keys seen. Seq: unused.
        seen: HashSet<String>,
        next: usize,
        /// This collection's node is the one indexed at its path (not a
        /// duplicate key's second value).
        indexed: bool,
    },
    /// A collection used as a mapping key: not indexed.
    Skip { depth: usize },
}

impl SpanIndex {
    /// Indexes `text`, or says where its first syntax error is.
    pub(crate) fn build(text: &str) -> Result<Self, SyntaxError> {
        let (index, error) = Self::walk(text);
        match error {
            Some(error) => Err(error),
            None => Ok(index),
        }
    }

    /// Indexes `text` up to its first syntax error, which is left to the
    /// caller (serde reports it too): a partial index still locates
    /// everything before it.
    pub(crate) fn partial(text: &str) -> Self {
        Self::walk(text).0
    }

    fn walk(text: &str) -> (Self, Option<SyntaxError>) {
        let mut index = SpanIndex::default();
        if let Some((line, column)) = too_deep(text) {
            // saphyr-parser's time grows with the square of the depth.
            let message = format!("nesting is too deep (more than {MAX_DEPTH} levels)");
            return (
                index,
                Some(SyntaxError {
                    line,
                    column,
                    message,
                }),
            );
        }
        let offsets = CharOffsets::new(text);
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            match next {
                Ok((event, span)) => index.on_event(&mut stack, text, &offsets, event, span),
                Err(err) => {
                    let error = SyntaxError {
                        line: err.marker().line(),
                        column: err.marker().col() + 1,
                        message: err.info().to_owned(),
                    };
                    return (index, Some(error));
                }
            }
        }
        (index, None)
    }

    /// The node at `path`.
    pub(crate) fn get(&self, path: &YamlPath) -> Option<&NodeSpan> {
        self.nodes.get(path)
    }

    /// The children of the collection at `path`, in document order.
    pub(crate) fn children(&self, path: &YamlPath) -> &[YamlPath] {
        self.children.get(path).map_or(&[], Vec::as_slice)
    }

    /// The node at `path`, or at its nearest ancestor that exists.
    pub(crate) fn nearest(&self, path: &YamlPath) -> Option<&NodeSpan> {
        let mut segs: &[Seg] = &path.0;
        loop {
            if let Some(node) = self.nodes.get(&YamlPath(segs.to_vec())) {
                return Some(node);
            }
            let (_, parent) = segs.split_last()?;
            segs = parent;
        }
    }

    /// The byte range of `path`'s key or value, or of its nearest ancestor
    /// that exists.
    pub(crate) fn range(&self, path: &YamlPath, target: Target) -> Option<Range<usize>> {
        let node = self.nearest(path)?;
        Some(match (target, &node.key) {
            (Target::Key, Some(key)) => key.clone(),
            _ => node.value.clone(),
        })
    }

    fn on_event(
        &mut self,
        stack: &mut Vec<Frame>,
        text: &str,
        offsets: &CharOffsets,
        event: Event<'_>,
        span: Span,
    ) {
        let at = (span.start.line(), span.start.col() + 1);
        let range = offsets.at(span.start.index())..offsets.at(span.end.index());
        match event {
            Event::DocumentStart(..) => self.documents += 1,
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
                        closing_quote(text, range.start).unwrap_or(range.end)
                    }
                    _ => range.end,
                };
                self.leaf(stack, Some(&value), range.start..end, at, shape);
            }
            Event::Alias(_) => {
                self.first_alias.get_or_insert(at);
                self.leaf(stack, None, range, at, Shape::Alias);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.open(stack, text, &event, range.start, at);
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(stack, range, at),
            _ => {}
        }
    }

    fn open(
        &mut self,
        stack: &mut Vec<Frame>,
        text: &str,
        event: &Event<'_>,
        start: usize,
        at: Pos,
    ) {
        if let Some(Frame::Skip { depth }) = stack.last_mut() {
            *depth += 1;
            return;
        }
        let flow = text.get(start..).is_some_and(|t| t.starts_with(['{', '[']));
        let shape = match (matches!(event, Event::MappingStart(..)), flow) {
            (true, true) => Shape::FlowMap,
            (true, false) => Shape::BlockMap,
            (false, true) => Shape::FlowSeq,
            (false, false) => Shape::BlockSeq,
        };
        let frame = match self.child(stack, None, start..start, at) {
            Some((path, key, key_at)) => {
                let indexed = self.insert(&path, key, start..start, shape, key_at, at);
                Frame::Open {
                    path,
                    start,
                    end: start,
                    shape,
                    pending: None,
                    seen: HashSet::new(),
                    next: 0,
                    indexed,
                }
            }
            None => {
                self.complex_keys = true;
                Frame::Skip { depth: 0 }
            }
        };
        stack.push(frame);
    }

    fn close(&mut self, stack: &mut Vec<Frame>, range: Range<usize>, at: Pos) {
        match stack.pop() {
            Some(Frame::Skip { depth }) if depth > 0 => {
                stack.push(Frame::Skip { depth: depth - 1 });
            }
            Some(Frame::Skip { .. }) => {
                if let Some(Frame::Open { pending, .. }) = stack.last_mut() {
                    *pending = Some(("?".to_owned(), range, at));
                }
            }
            Some(Frame::Open {
                path,
                start,
                end,
                shape,
                indexed,
                ..
            }) => {
                let end = if shape.is_flow() {
                    range.start + 1
                } else {
                    end
                };
                if indexed && let Some(node) = self.nodes.get_mut(&path) {
                    node.value = start..end;
                }
                extend(stack, end);
            }
            None => {}
        }
    }

    fn leaf(
        &mut self,
        stack: &mut [Frame],
        scalar: Option<&str>,
        range: Range<usize>,
        at: Pos,
        shape: Shape,
    ) {
        if let Some((path, key, key_at)) = self.child(stack, scalar, range.clone(), at) {
            self.insert(&path, key, range.clone(), shape, key_at, at);
            extend(stack, range.end);
        }
    }

    /// Indexes a node unless its path is indexed already (a duplicate
    /// key's second value): the first one is what serde reports on.
    fn insert(
        &mut self,
        path: &YamlPath,
        key: Option<Range<usize>>,
        value: Range<usize>,
        shape: Shape,
        key_at: Option<Pos>,
        at: Pos,
    ) -> bool {
        if self.nodes.contains_key(path) {
            return false;
        }
        let node = NodeSpan {
            key,
            value,
            shape,
            key_at,
            at,
        };
        self.nodes.insert(path.clone(), node);
        true
    }

    /// The path of the node that starts now and its key, or `None` when
    /// the node is a mapping key (kept as the pending key) or lies inside
    /// a complex key.
    fn child(
        &mut self,
        stack: &mut [Frame],
        scalar: Option<&str>,
        range: Range<usize>,
        at: Pos,
    ) -> Option<(YamlPath, Option<Range<usize>>, Option<Pos>)> {
        let Some(frame) = stack.last_mut() else {
            return Some((YamlPath::root(), None, None));
        };
        let Frame::Open {
            path,
            shape,
            pending,
            seen,
            next,
            ..
        } = frame
        else {
            return None;
        };
        let (child, key, key_at) = if matches!(shape, Shape::BlockSeq | Shape::FlowSeq) {
            *next += 1;
            (path.at(*next - 1), None, None)
        } else {
            match pending.take() {
                Some((name, key, key_at)) => (path.at(name), Some(key), Some(key_at)),
                None => {
                    let name = scalar.unwrap_or("*alias").to_owned();
                    if !seen.insert(name.clone()) {
                        self.duplicates.push((name.clone(), at));
                    }
                    *pending = Some((name, range, at));
                    return None;
                }
            }
        };
        self.children
            .entry(path.clone())
            .or_default()
            .push(child.clone());
        Some((child, key, key_at))
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub(crate) fn position(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Raises the end of every open block collection to `end`.
fn extend(stack: &mut [Frame], end: usize) {
    for frame in stack.iter_mut() {
        if let Frame::Open {
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

    #[test]
    fn a_duplicate_key_keeps_its_first_value_and_is_listed() {
        let text = "a: 1\nb: [x]\na: 2\n";
        let index = SpanIndex::build(text).expect("parses");
        let a = index.get(&path(&["a".into()])).expect("a");
        assert_eq!(&text[a.value.clone()], "1");
        assert_eq!(index.duplicates, vec![("a".to_owned(), (3, 1))]);
    }

    #[test]
    fn documents_and_complex_keys_are_counted() {
        let index = SpanIndex::partial("---\n[a, b]: 1\n---\nc: 2\n");
        assert_eq!(index.documents, 2);
        assert!(index.complex_keys);
    }
}
