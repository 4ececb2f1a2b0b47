//! A list of strings kept end to end in one text.
//!
//! The history's names (ids, fields, people, scopes, text values) and its
//! commit ids are read back from the replay cache on every run, and
//! looked up for every row printed. Kept as one text and where each
//! string ends, reading them back is one allocation rather than one for
//! each string, and a lookup reads two neighbouring numbers and then the
//! text, where a string of its own would be a pointer to follow into
//! memory anywhere.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::fixed;

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct Strings {
    text: String,
    /// Where each string ends in `text` (which stays far below 4 GiB: it
    /// holds the names and commit ids of a plan's history).
    ends: Vec<u32>,
}

impl Strings {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string at `at`, if there is one.
    pub(super) fn get(&self, at: usize) -> Option<&str> {
        let end = *self.ends.get(at)? as usize;
        let start = at
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        self.text.get(start..end)
    }

    pub(super) fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len() as u32);
    }

    /// Of an exact length, which postcard needs to write a sequence.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &str> {
        (0..self.len()).map(|at| &self[at])
    }
}

impl std::ops::Index<usize> for Strings {
    type Output = str;

    fn index(&self, at: usize) -> &str {
        match self.get(at) {
            Some(string) => string,
            None => panic!("no string {at} of {}", self.len()),
        }
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The text and where each string ends, as they are kept.
#[derive(Serialize)]
struct StoredOut<'s> {
    text: &'s serde_bytes::Bytes,
    #[serde(with = "fixed::vec")]
    ends: &'s [u32],
}

#[derive(Deserialize)]
struct Stored {
    text: serde_bytes::ByteBuf,
    #[serde(with = "fixed::vec")]
    ends: Vec<u32>,
}

/// Written as the text, one byte string, then the ends as fixed-size
/// records: read back, the text is one allocation of its exact size,
/// checked as UTF-8 once, not a string at a time.
impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredOut {
            text: serde_bytes::Bytes::new(self.text.as_bytes()),
            ends: &self.ends,
        }
        .serialize(serializer)
    }
}

/// The ends are checked too: in order, within the text, each on a
/// character's boundary, the last at the text's end; so that every
/// string is there to be read.
impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let Stored { text, ends } = Stored::deserialize(deserializer)?;
        let text = String::from_utf8(text.into_vec())
            .map_err(|_| D::Error::custom("a name that is not UTF-8"))?;
        let mut start = 0;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return Err(D::Error::custom("a name out of its text"));
            }
            start = end;
        }
        if start != text.len() {
            return Err(D::Error::custom("text after the last name"));
        }
        Ok(Strings { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::{StoredOut, Strings};

    #[test]
    fn strings_are_kept_apart_and_read_back_alike() {
        let words = ["kr-1", "", "current", "née", "", "a longer text value"];
        let mut strings = Strings::default();
        for word in words {
            strings.push(word);
        }
        assert_eq!(strings.len(), words.len());
        assert!(strings.iter().eq(words));
        assert_eq!((&strings[3], strings.get(6)), ("née", None));
        let bytes = postcard::to_allocvec(&strings).expect("stored");
        let back: Strings = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(back, strings);
        assert!(postcard::from_bytes::<Strings>(&bytes[..bytes.len() - 3]).is_err());
        let empty = postcard::to_allocvec(&Strings::default()).expect("stored");
        assert_eq!(
            postcard::from_bytes::<Strings>(&empty),
            Ok(Strings::default())
        );
    }

    /// Ends that do not cut the text into its strings are refused, so a
    /// lookup never falls outside the text.
    #[test]
    fn ends_out_of_their_text_are_refused() {
        let read = |text: &[u8], ends: &[u32]| {
            let stored = StoredOut {
                text: serde_bytes::Bytes::new(text),
                ends,
            };
            postcard::from_bytes::<Strings>(&postcard::to_allocvec(&stored).expect("stored"))
        };
        assert!(read(b"abcd", &[1, 1, 4]).is_ok());
        assert!(read("née".as_bytes(), &[4]).is_ok());
        for (text, ends) in [
            (&b"abcd"[..], &[2, 1, 4][..]),
            (b"abcd", &[1, 5]),
            (b"abcd", &[1, 3]),
            (b"abcd", &[]),
            ("née".as_bytes(), &[2, 4]),
            (b"ab\xff", &[3]),
        ] {
            assert!(read(text, ends).is_err(), "{text:?} {ends:?}");
        }
    }
}
