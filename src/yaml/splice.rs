//! Replacing byte ranges of a text, and the lines around an offset.

use std::ops::Range;

/// `text` with every change made: each range replaced by its text. A change
/// inside another change's range is dropped (the entry it edits is
/// replaced or removed anyway); `None` when two changes overlap otherwise.
pub(crate) fn splice(text: &str, mut changes: Vec<(Range<usize>, String)>) -> Option<String> {
    changes.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<(Range<usize>, String)> = Vec::new();
    for change in changes {
        match kept.last() {
            Some((last, _)) if change.0.start < last.end && change.0.end <= last.end => {}
            Some((last, _)) if change.0.start < last.end => return None,
            _ => kept.push(change),
        }
    }
    let mut out = text.to_owned();
    for (range, new) in kept.into_iter().rev() {
        out.replace_range(range, &new);
    }
    Some(out)
}

/// The start of the line holding byte `at`.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one holding `at` (the end of the text
/// when that line is the last one).
pub(crate) fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// [`line_end`], or `at` itself when it already starts a line, as after a
/// block scalar.
pub(crate) fn line_end_after(text: &str, at: usize) -> usize {
    if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\n') {
        return at;
    }
    line_end(text, at)
}

/// The 0-based column, in characters, of byte `at`.
pub(crate) fn column(text: &str, at: usize) -> usize {
    text[line_start(text, at)..at].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_inside_a_replaced_range_are_dropped_and_overlaps_refused() {
        let text = "abcdefgh";
        let changes = vec![
            (1..5, "X".to_owned()),
            (2..3, "Y".to_owned()),
            (6..7, String::new()),
        ];
        assert_eq!(splice(text, changes).as_deref(), Some("aXfh"));
        assert_eq!(
            splice(text, vec![(1..4, String::new()), (3..6, String::new())]),
            None
        );
    }
}
