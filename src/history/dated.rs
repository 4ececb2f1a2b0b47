//! Versions of a file that differ only in their date state the same
//! facts: a weekly update dates every file it writes, and most of them
//! move no value. Such a version takes the facts of the last one read
//! whole, under its own date, and is not parsed.
//!
//! The date is the one on the file's first line (`as_of: YYYY-MM-DD`, the
//! first line of the front matter in a Markdown file), written exactly so:
//! nothing comes before it that could make it anything but the top-level
//! `as_of`, and a version differs from another only there when the rest of
//! its text is the same byte for byte.

use std::sync::Mutex;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::FileFacts;

/// The facts of the versions read lately, by what they say besides their
/// date. Facts not used for [`KEPT_BATCHES`] batches are dropped.
#[derive(Default)]
pub(super) struct Dated {
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    batch: u32,
    /// A version's kind and text without its date → its facts, and the
    /// last batch that used them.
    facts: FxHashMap<Box<[u8]>, (FileFacts, u32)>,
}

/// How many batches facts are kept unused, as skeletons are.
const KEPT_BATCHES: u32 = 4;

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
        {
            let mut seen = self.lock();
            let batch = seen.batch;
            if let Some((facts, used)) = seen.facts.get_mut(&key) {
                *used = batch;
                return FileFacts {
                    as_of: Some(date),
                    ..facts.clone()
                };
            }
        }
        let facts = parse(text);
        // Only a version that read whole, and whose date is the one on its
        // first line, stands for the others.
        if !facts.broken && facts.as_of == Some(date) {
            let mut seen = self.lock();
            let batch = seen.batch;
            seen.facts.insert(key, (facts.clone(), batch));
        }
        facts
    }

    /// The facts read so far; a panic on another thread while they were
    /// held leaves them whole (each change is one insert or retain).
    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Marks the end of a batch of blobs.
    pub(super) fn next_batch(&self) {
        let mut seen = self.lock();
        let batch = seen.batch;
        seen.facts
            .retain(|_, (_, used)| *used + KEPT_BATCHES >= batch);
        seen.batch += 1;
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
