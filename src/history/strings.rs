//! A list of strings kept end to end in one text.
//!
//! The history's names (ids, fields, people, scopes, text values) and its
//! commit ids are read back from the replay cache on every run, and
//! looked up for every row printed. Kept as one text and where each
//! string ends, reading them back is one allocation rather than one for
//! each string, and a lookup reads two neighbouring numbers and then the
//! text, where a string of its own would be a pointer to follow into
//! memory anywhere.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Strings {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string at `at`, if there is one.
    pub(super) fn get(&self, at: usize) -> Option<&str> {
        let end = *self.ends.get(at)?;
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.text.get(start..end)
    }

    pub(super) fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len());
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

/// Written as a sequence of strings, as a `Vec<String>` is.
impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Each string is added to the text as it is read, never made a `String`
/// of its own (nor borrowed from the input, which may be a stream).
impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct List;

        impl<'de> Visitor<'de> for List {
            type Value = Strings;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence of strings")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut strings = Strings::default();
                while seq.next_element_seed(Append(&mut strings))?.is_some() {}
                Ok(strings)
            }
        }

        /// Reads one string onto the end of the list.
        struct Append<'s>(&'s mut Strings);

        impl<'de> DeserializeSeed<'de> for Append<'_> {
            type Value = ();

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
                deserializer.deserialize_string(self)
            }
        }

        impl Visitor<'_> for Append<'_> {
            type Value = ();

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, string: &str) -> Result<(), E> {
                self.0.push(string);
                Ok(())
            }
        }

        deserializer.deserialize_seq(List)
    }
}

#[cfg(test)]
mod tests {
    use super::Strings;

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
        assert_eq!(
            bytes,
            postcard::to_allocvec(&words.to_vec()).expect("stored")
        );
        let back: Strings = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(back, strings);
        assert!(postcard::from_bytes::<Strings>(&bytes[..bytes.len() - 3]).is_err());
    }
}
