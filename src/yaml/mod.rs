//! YAML text as spans, and edits spliced into it.
//!
//! serde gives the typed model but forgets where each value came from and
//! how it was written. This module replays a document through an event
//! parser (saphyr-parser, which reports a span for every event and never
//! expands aliases) and maps each path to its key and value: byte ranges
//! for the edits of `record`, `review`, `import` and the demo, and lines
//! and columns for the diagnostics of `check` ([`crate::locate`]). The
//! one set of edits ([`Op`]: set a value, add an entry, append an item,
//! remove one) then splices new text, quoted and laid out one way
//! ([`write`]), into those ranges and leaves every other byte (comments,
//! blank lines, quoting, flow style) as it was.

mod change;
mod spans;
mod splice;
mod write;

pub(crate) use change::{Doc, Op, Place, Refused, patch};
pub(crate) use spans::{Pos, Shape, SpanIndex, position};
pub(crate) use splice::line_end_after;
pub(crate) use write::{New, amount, double_quoted, key_text, raw, text};

use crate::diag::{Seg, YamlPath};

/// The path serde reports for a value it could not read, as a YAML path
/// (enum variants and unknown segments left out).
pub(crate) fn to_yaml_path(path: &serde_path_to_error::Path) -> YamlPath {
    use serde_path_to_error::Segment;
    YamlPath(
        path.iter()
            .filter_map(|seg| match seg {
                Segment::Seq { index } => Some(Seg::Index(*index)),
                Segment::Map { key } => Some(Seg::Key(key.clone())),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect(),
    )
}
