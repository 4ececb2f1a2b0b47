//! A list kept in pages of a fixed size.
//!
//! A `Vec` that grows past its capacity moves into one twice as large, and
//! for the moment of the copy holds both: a team's history keeps lists of a
//! million series and more, and three of them doubling together cost 50 MB
//! at the replay's busiest moment. Pages are never moved: growing the list
//! adds a page.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::fixed::{self, Fixed};

/// Elements per page, as a power of two.
const PAGE_BITS: u32 = 16;
const PAGE: usize = 1 << PAGE_BITS;

#[derive(Debug, Clone)]
pub(super) struct Paged<T> {
    /// Full pages, then the last, which grows as a `Vec` until it is full.
    pages: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            pages: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Paged<T> {
    /// An empty list with room for `len` values in its first page.
    pub(super) fn with_capacity(len: usize) -> Self {
        Paged {
            pages: vec![Vec::with_capacity(len.min(PAGE))],
            len: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn push(&mut self, value: T) {
        match self.pages.last_mut() {
            Some(page) if page.len() < PAGE => page.push(value),
            // The first page grows as it is filled (a small history never
            // needs a whole one); the others are made whole at once.
            full => {
                let capacity = if full.is_none() { 0 } else { PAGE };
                let mut page = Vec::with_capacity(capacity);
                page.push(value);
                self.pages.push(page);
            }
        }
        self.len += 1;
    }

    pub(super) fn get(&self, at: usize) -> Option<&T> {
        self.pages.get(at >> PAGE_BITS)?.get(at & (PAGE - 1))
    }

    pub(super) fn get_mut(&mut self, at: usize) -> Option<&mut T> {
        self.pages
            .get_mut(at >> PAGE_BITS)?
            .get_mut(at & (PAGE - 1))
    }

    /// Of an exact length, which the cache needs to write it.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &T> {
        (0..self.len).map(|at| &self[at])
    }
}

impl<T: Clone> Paged<T> {
    /// Grows the list to `len` with copies of `value` (it never shrinks).
    pub(super) fn grow(&mut self, len: usize, value: T) {
        while self.len < len {
            self.push(value.clone());
        }
    }
}

impl<T> std::ops::Index<usize> for Paged<T> {
    type Output = T;

    fn index(&self, at: usize) -> &T {
        &self.pages[at >> PAGE_BITS][at & (PAGE - 1)]
    }
}

impl<T> std::ops::IndexMut<usize> for Paged<T> {
    fn index_mut(&mut self, at: usize) -> &mut T {
        &mut self.pages[at >> PAGE_BITS][at & (PAGE - 1)]
    }
}

impl<T> FromIterator<T> for Paged<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut paged = Paged::default();
        for value in iter {
            paged.push(value);
        }
        paged
    }
}

/// Written in blocks of fixed-size records, as a `Vec` of them is (see
/// [`fixed`]).
impl<T: Fixed> Serialize for Paged<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fixed::serialize(self.iter(), serializer)
    }
}

/// Read into pages as it is read: a long list is never whole in one `Vec`.
impl<'de, T: Fixed> Deserialize<'de> for Paged<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        fixed::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_what_a_vec_would() {
        let n = 3 * PAGE + 17;
        let mut paged: Paged<u32> = (0..n as u32).collect();
        assert_eq!(paged.len(), n);
        assert_eq!(paged.pages.len(), 4);
        assert!(paged.pages[..3].iter().all(|p| p.len() == PAGE));
        for at in [0, 1, PAGE - 1, PAGE, 2 * PAGE + 5, n - 1] {
            assert_eq!(paged[at], at as u32);
            assert_eq!(paged.get(at), Some(&(at as u32)));
        }
        assert_eq!(paged.get(n), None);
        paged[PAGE] = 7;
        *paged.get_mut(n - 1).expect("the last") += 1;
        assert_eq!((paged[PAGE], paged[n - 1]), (7, n as u32));
        paged.grow(n + PAGE, 9);
        assert_eq!(
            (paged.len(), paged[n], paged[n + PAGE - 1]),
            (n + PAGE, 9, 9)
        );
        assert!(
            paged.iter().copied().eq((0..n as u32)
                .map(|v| match v as usize {
                    at if at == PAGE => 7,
                    at if at == n - 1 => n as u32,
                    _ => v,
                })
                .chain(std::iter::repeat_n(9, PAGE)))
        );
    }

    #[test]
    fn pages_are_stored_as_a_vec_of_records_is() {
        #[derive(serde::Serialize)]
        struct Records(#[serde(with = "fixed::vec")] Vec<u32>);
        for n in [0, 1, PAGE + 3] {
            let values: Vec<u32> = (0..n as u32)
                .map(|v| v.wrapping_mul(2_654_435_761))
                .collect();
            let paged: Paged<u32> = values.iter().copied().collect();
            let bytes = postcard::to_allocvec(&paged).expect("stored");
            assert_eq!(
                bytes,
                postcard::to_allocvec(&Records(values.clone())).expect("stored")
            );
            let back: Paged<u32> = postcard::from_bytes(&bytes).expect("read back");
            assert!(back.iter().eq(values.iter()));
            assert_eq!((back.len(), back.iter().len()), (n, n));
        }
    }
}
