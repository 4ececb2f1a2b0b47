//! Source positions for YAML nodes, found by path.
//!
//! serde gives the typed model but forgets where each value came from, so a
//! rule that finds a level of 12 knows only `skills[3].level`. This module
//! maps each path to the line and column of its key and value, through the
//! spans of [`crate::yaml`]. It runs only for files that have something to
//! report, so a clean check never pays for it.

use crate::diag::{Target, YamlPath};
pub(crate) use crate::yaml::{Pos, SpanIndex, position};

/// Positions of every node of one YAML document.
#[derive(Debug, Default)]
pub(crate) struct PositionIndex {
    spans: SpanIndex,
    /// Keys that appear twice in one mapping, at their second appearance.
    pub duplicates: Vec<(String, Pos)>,
    /// The first alias (`*name`) in the document.
    pub first_alias: Option<Pos>,
}

impl PositionIndex {
    /// Indexes `text`. Indexing stops quietly at the first syntax error:
    /// the caller has that error from serde already, and a partial index
    /// still locates everything before it. A text nested too deeply for
    /// the loader is not indexed.
    pub(crate) fn build(text: &str) -> Self {
        let mut spans = SpanIndex::partial(text);
        PositionIndex {
            duplicates: std::mem::take(&mut spans.duplicates),
            first_alias: spans.first_alias,
            spans,
        }
    }

    /// The position of `path`, or of its nearest ancestor that exists.
    pub(crate) fn locate(&self, path: &YamlPath, target: Target) -> Pos {
        match self.spans.nearest(path) {
            Some(node) => match (target, node.key_at) {
                (Target::Key, Some(key)) => key,
                _ => node.at,
            },
            None => (1, 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Seg;

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
