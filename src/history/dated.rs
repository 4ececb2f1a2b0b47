//! Versions of a file that differ only in their date state the same
//! facts: a weekly update dates every file it writes, and most of them
//! move no value. Such a version takes the facts of one read whole, under
//! its own date, and is not parsed.
//!
//! The date is the one on the file's first line (`as_of: YYYY-MM-DD`, the
//! first line of the front matter in a Markdown file), written exactly so:
//! nothing comes before it that could make it anything but the top-level
//! `as_of`, and a version differs from another only there when the rest of
//! its text is the same byte for byte.

use chrono::NaiveDate;

use super::FileFacts;
use super::skeleton::Recent;

/// The facts of the versions read lately, by their kind and text without
/// their date, kept as skeletons are.
#[derive(Default)]
pub(super) struct Dated {
    facts: Recent<Box<[u8]>, FileFacts>,
}

impl Dated {
    /// The facts of `text`, a version of a file whose blob key ends in
    /// `kind` (what the path says the file is): those of a version that
    /// differs from it only in its date, else what `parse` reads of it.
    pub(super) fn facts(
        &self,
        kind: &str,
        text: Vec<u8>,
        parse: impl FnOnce(Vec<u8>) -> FileFacts,
    ) -> FileFacts {
        let Some((date, key)) = undated(kind, &text) else {
            return parse(text);
        };
        if let Some(facts) = self.facts.get(&key) {
            return FileFacts {
                as_of: Some(date),
                ..facts
            };
        }
        let facts = parse(text);
        // Only a version that read whole, and whose date is the one on its
        // first line, stands for the others.
        if !facts.broken && facts.as_of == Some(date) {
            self.facts.insert(key, facts.clone());
        }
        facts
    }

    /// Marks the end of a batch of blobs.
    pub(super) fn next_batch(&self) {
        self.facts.next_batch();
    }
}

/// The date on the first line of `text`, and `kind` and the text without
/// that date; `None` unless that line is `as_of: YYYY-MM-DD` exactly.
fn undated(kind: &str, text: &[u8]) -> Option<(NaiveDate, Box<[u8]>)> {
    const KEY: &[u8] = b"as_of: ";
    let start = if text.starts_with(b"---\n") { 4 } else { 0 };
    let line = text[start..].strip_prefix(KEY)?;
    let value = line.get(..10)?;
    if !matches!(line.get(10), None | Some(b'\n')) {
        return None;
    }
    let shaped = value.iter().enumerate().all(|(at, b)| {
        if at == 4 || at == 7 {
            *b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shaped {
        return None;
    }
    let date = std::str::from_utf8(value)
        .ok()?
        .parse::<crate::value::Date>()
        .ok()?;
    let from = start + KEY.len();
    let mut key = Vec::with_capacity(kind.len() + 1 + text.len() - 10);
    key.extend_from_slice(kind.as_bytes());
    key.push(0);
    key.extend_from_slice(&text[..from]);
    key.extend_from_slice(&text[from + 10..]);
    Some((date.0, key.into()))
}

#[cfg(test)]
mod tests {
    use super::undated;

    #[test]
    fn only_a_first_line_that_is_a_date_alone_is_cut_out() {
        let cut = |text: &str| undated("quarter", text.as_bytes());
        let (date, key) = cut("---\nas_of: 2030-02-07\ntheme: x\n---\nbody\n").expect("a date");
        assert_eq!(date.to_string(), "2030-02-07");
        assert_eq!(&*key, b"quarter\0---\nas_of: \ntheme: x\n---\nbody\n");
        assert_eq!(
            cut("as_of: 2030-02-07\nx: 1\n").map(|(_, key)| key),
            cut("as_of: 2031-12-31\nx: 1\n").map(|(_, key)| key)
        );
        for text in [
            "x: 1\nas_of: 2030-02-07\n",
            "as_of: 2030-02-07 # a comment\n",
            "as_of:  2030-02-07\n",
            "as_of: \"2030-02-07\"\n",
            "as_of: 2030-2-07\n",
            "as_of: 2030-02-30\n",
            "# note\nas_of: 2030-02-07\n",
        ] {
            assert!(cut(text).is_none(), "{text}");
        }
    }
}
