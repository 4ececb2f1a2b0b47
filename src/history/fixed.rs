//! Records of a fixed size, as the replay cache stores its long lists:
//! the rows of the history, the series, and the state each series is in.
//!
//! A record's fields are written in little-endian order, and records in
//! blocks of [`ROWS`], each block one byte string. A run reads a block
//! back in one pass over its bytes, where postcard would read a field at
//! a time (a team's history holds millions of each); and writes go
//! through one block's buffer, so a long list is never copied whole.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq as _;
use serde::{Deserializer, Serializer};

use super::Paged;

/// A value stored as a record of [`Fixed::SIZE`] bytes.
pub(super) trait Fixed: Sized {
    const SIZE: usize;

    fn put(&self, out: &mut Vec<u8>);

    /// The value of `bytes`, [`Fixed::SIZE`] long; `None` if they cannot
    /// be one.
    fn take(bytes: &[u8]) -> Option<Self>;
}

/// Little-endian fields read one after the other.
pub(super) struct Fields<'b>(pub(super) &'b [u8]);

impl Fields<'_> {
    pub(super) fn take<const N: usize>(&mut self) -> [u8; N] {
        let (field, rest) = self.0.split_at(N);
        self.0 = rest;
        field.try_into().unwrap_or([0; N])
    }

    pub(super) fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }

    pub(super) fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
}

impl Fixed for u32 {
    const SIZE: usize = 4;

    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }

    fn take(bytes: &[u8]) -> Option<u32> {
        Some(Fields(bytes.get(..Self::SIZE)?).u32())
    }
}

/// A list that records are read into.
pub(super) trait Records<T>: Default {
    /// An empty list with room for `len` records (a hint).
    fn with_room(len: usize) -> Self;

    fn push(&mut self, value: T);
}

impl<T> Records<T> for Vec<T> {
    fn with_room(len: usize) -> Self {
        Vec::with_capacity(len)
    }

    fn push(&mut self, value: T) {
        Vec::push(self, value);
    }
}

impl<T> Records<T> for Paged<T> {
    fn with_room(len: usize) -> Self {
        Paged::with_capacity(len)
    }

    fn push(&mut self, value: T) {
        Paged::push(self, value);
    }
}

/// Records per block.
pub(super) const ROWS: usize = 2048;

/// Writes `records` in blocks.
pub(super) fn serialize<'r, T: Fixed + 'r, S: Serializer>(
    records: impl ExactSizeIterator<Item = &'r T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let len = records.len();
    let mut seq = serializer.serialize_seq(Some(len.div_ceil(ROWS)))?;
    let mut block = Vec::with_capacity(ROWS.min(len) * T::SIZE);
    let mut records = records.peekable();
    while records.peek().is_some() {
        block.clear();
        for record in records.by_ref().take(ROWS) {
            record.put(&mut block);
        }
        seq.serialize_element(serde_bytes::Bytes::new(&block))?;
    }
    seq.end()
}

/// Reads records written by [`serialize`] into a list.
pub(super) fn deserialize<'de, T: Fixed, L: Records<T>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<L, D::Error> {
    struct Blocks<T, L>(std::marker::PhantomData<(T, L)>);

    impl<'de, T: Fixed, L: Records<T>> Visitor<'de> for Blocks<T, L> {
        type Value = L;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("blocks of records")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<L, A::Error> {
            // The count is read before its part is checked (see
            // [`super::parts`]): room is made for no more records than a
            // team's history holds, and the list grows past that if it
            // must.
            let blocks = seq.size_hint().unwrap_or(0);
            let mut list = L::with_room(blocks.saturating_mul(ROWS).min(1 << 21));
            while seq
                .next_element_seed(Block(&mut list, std::marker::PhantomData))?
                .is_some()
            {}
            Ok(list)
        }
    }

    /// Reads one block onto the end of the list, from bytes lent for the
    /// moment (the input may be a stream).
    struct Block<'l, T, L>(&'l mut L, std::marker::PhantomData<T>);

    impl<'de, T: Fixed, L: Records<T>> DeserializeSeed<'de> for Block<'_, T, L> {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_byte_buf(self)
        }
    }

    impl<T: Fixed, L: Records<T>> Visitor<'_> for Block<'_, T, L> {
        type Value = ();

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a block of records")
        }

        fn visit_bytes<E: serde::de::Error>(self, block: &[u8]) -> Result<(), E> {
            if !block.len().is_multiple_of(T::SIZE) || block.len() > ROWS * T::SIZE {
                return Err(E::invalid_length(block.len(), &self));
            }
            for bytes in block.chunks_exact(T::SIZE) {
                self.0
                    .push(T::take(bytes).ok_or_else(|| E::custom("a bad record"))?);
            }
            Ok(())
        }
    }

    deserializer.deserialize_seq(Blocks(std::marker::PhantomData))
}

/// For `#[serde(with = "fixed::vec")]`: a `Vec` of records, in blocks.
pub(super) mod vec {
    use serde::{Deserializer, Serializer};

    use super::Fixed;

    pub(in crate::history) fn serialize<T: Fixed, S: Serializer>(
        records: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::serialize(records.iter(), serializer)
    }

    pub(in crate::history) fn deserialize<'de, T: Fixed, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        super::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::Fixed;
    use crate::history::rows::{Cell, Last};
    use crate::history::{ItemKind, SeriesKey};

    fn round_trip<T: Fixed>(value: &T) -> Option<T> {
        let mut bytes = Vec::new();
        value.put(&mut bytes);
        assert_eq!(bytes.len(), T::SIZE);
        T::take(&bytes)
    }

    #[test]
    fn series_of_every_kind_are_read_back_alike() {
        for kind in ItemKind::ALL {
            let key = SeriesKey {
                person: 1,
                kind,
                id: u32::MAX,
                field: 70_000,
                scope: 0,
            };
            assert_eq!(round_trip(&key), Some(key));
        }
        let mut bytes = Vec::new();
        SeriesKey {
            person: 0,
            kind: ItemKind::Target,
            id: 0,
            field: 0,
            scope: 0,
        }
        .put(&mut bytes);
        *bytes.last_mut().expect("the kind") = ItemKind::ALL.len() as u8;
        assert_eq!(SeriesKey::take(&bytes), None, "a kind of no known number");
        assert_eq!(SeriesKey::take(&bytes[..SeriesKey::SIZE - 1]), None);
    }

    #[test]
    fn last_values_are_read_back_alike() {
        let mut names = crate::history::rows::Names::default();
        let text = Cell::new(&crate::history::Val::Text("done".into()), &mut names);
        let number = Cell::new(&crate::history::Val::Num(-2.5), &mut names);
        for last in [
            Last::NONE,
            Last::new(text, None),
            Last::new(number, Some(f64::NAN)),
            Last::new(number, Some(7.0)),
        ] {
            let back = round_trip(&last).expect("read back");
            assert_eq!(format!("{back:?}"), format!("{last:?}"));
        }
    }
}
