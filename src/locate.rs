//! Source positions for YAML nodes, found by path.
//!
//! serde gives the typed model but forgets where each value came from, so a
//! rule that finds a level of 12 knows only `skills[3].level`. This module
//! replays the file through an event parser (saphyr-parser, which reports a
//! span for every event and never expands aliases) and maps each path to the
//! line and column of its key and value. It runs only for files that have
//! something to report, so a clean check never pays for it.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, Span};

use crate::diag::{Seg, Target, YamlPath};

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
    /// locates everything before it.
    pub fn build(text: &str) -> Self {
        let mut index = PositionIndex::default();
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
}
