//! Plan files' parses kept from one run to the next, by content.
//!
//! Parsing the YAML is most of what reading a plan costs: a team of a
//! hundred people keeps about ten thousand files, 26 MB of YAML after ten
//! years, and `status --team` spent half its time parsing them on every
//! run. A file that parsed clean is kept here as its data, under its blob
//! id and kind, in `.git/roadmap/parsed.bin`; the next run that finds the
//! same blob reads the data back instead of parsing the YAML. The text is
//! still read (it is what the blob id is computed from, and what a
//! diagnostic shows), and every cross-file rule still runs on every run.
//!
//! What is kept cannot go stale:
//! - the key is the content, so an edited file is a new key;
//! - a file with any finding is never kept: it is parsed on every run, so
//!   its diagnostics are always those of the parser;
//! - a data is kept only when it reads back equal to what the parser made;
//! - the store is stamped with the build's source fingerprint (see
//!   `build.rs`): a binary built from other code ignores it and parses.
//!
//! The store is written only when a run parsed something it did not hold,
//! and then holds the data of the files in the working tree's listing and
//! nothing else: the blobs of an old edit go with the next write.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Data;
use crate::layout::Kind;

/// The build's source fingerprint, from `build.rs`.
const FINGERPRINT: &str = env!("ROADMAP_SOURCE_FINGERPRINT");

/// The largest store read: a ten-year team's is about 30 MB.
const MAX_BYTES: u64 = 1 << 30;

const FILE: &str = "parsed.bin";

/// The store as read: each key (`<blob>:<kind>`) with its data (`MessagePack`).
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored<'a> {
    fingerprint: &'a str,
    #[serde(borrow)]
    entries: Vec<(&'a str, &'a [u8])>,
}

/// Earlier parses, and the blob of each file a run reads, by path.
pub(crate) struct Parses {
    path: PathBuf,
    /// The store's bytes, which the entries borrow from (see [`Parses::held`]).
    bytes: Vec<u8>,
    blobs: HashMap<String, String>,
}

impl Parses {
    /// The parses kept in the cache folder `dir`, for the files of
    /// `listing` (each path with its blob).
    pub(crate) fn open(dir: &Path, listing: &[(String, Option<String>)]) -> Parses {
        let path = dir.join(FILE);
        let bytes = crate::state::read(&path, MAX_BYTES).unwrap_or_default();
        let blobs = listing
            .iter()
            .filter_map(|(path, blob)| Some((path.clone(), blob.clone()?)))
            .collect();
        Parses { path, bytes, blobs }
    }

    /// The entries of the store, when it was written by this build.
    pub(crate) fn held(&self) -> Held<'_> {
        let entries = postcard::from_bytes::<Stored>(&self.bytes)
            .ok()
            .filter(|stored| stored.fingerprint == FINGERPRINT)
            .map(|stored| stored.entries.into_iter().collect())
            .unwrap_or_default();
        Held {
            parses: self,
            entries,
        }
    }
}

/// The store's entries, looked up by the files of a run.
pub(crate) struct Held<'a> {
    parses: &'a Parses,
    entries: HashMap<&'a str, &'a [u8]>,
}

impl Held<'_> {
    /// The key of the file at `path`, read as `kind`; `None` when the
    /// listing has no blob for it.
    pub(super) fn key(&self, path: &str, kind: Kind) -> Option<String> {
        let blob = self.parses.blobs.get(path)?;
        Some(format!("{blob}:{}", kind.name()))
    }

    /// The data kept under `key`, read back as `kind`.
    pub(super) fn get(&self, key: &str, kind: Kind) -> Option<Data> {
        decode(kind, self.entries.get(key)?)
    }

    /// Writes the store when `fresh` (the entries this run parsed) is not
    /// empty: those and the held entries of files still in the listing.
    /// A store that cannot be written is left as it was: the next run
    /// parses again.
    pub(crate) fn keep(&self, fresh: &[(String, Vec<u8>)]) {
        if fresh.is_empty() {
            return;
        }
        let blobs: HashSet<&str> = self.parses.blobs.values().map(String::as_str).collect();
        let listed = |key: &str| key.split_once(':').is_some_and(|(b, _)| blobs.contains(b));
        let mut entries: Vec<(&str, &[u8])> = fresh
            .iter()
            .map(|(key, data)| (key.as_str(), data.as_slice()))
            .collect();
        let new: HashSet<&str> = entries.iter().map(|(key, _)| *key).collect();
        entries.extend(
            self.entries
                .iter()
                .filter(|(key, _)| listed(key) && !new.contains(*key))
                .map(|(key, data)| (*key, *data)),
        );
        entries.sort_unstable();
        let stored = Stored {
            fingerprint: FINGERPRINT,
            entries,
        };
        if let Ok(bytes) = postcard::to_allocvec(&stored) {
            if let Some(dir) = self.parses.path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = crate::state::replace(&self.parses.path, &bytes);
        }
    }
}

/// `data` as kept, when it reads back as `kind` equal to itself: a value
/// that does not (not a number) is parsed on every run instead.
pub(super) fn encode(kind: Kind, data: &Data) -> Option<Vec<u8>> {
    let bytes = bytes_of(data)?;
    (decode(kind, &bytes).as_ref() == Some(data)).then_some(bytes)
}

/// `data` in `MessagePack`, structs as maps: a field left out (an empty
/// list, an absent value) is not a hole in a row.
fn bytes_of(data: &Data) -> Option<Vec<u8>> {
    match data {
        Data::Vision(v) => rmp_serde::to_vec_named(v),
        Data::Strategy(s) => rmp_serde::to_vec_named(s),
        Data::Capabilities(c) => rmp_serde::to_vec_named(c),
        Data::Metrics(m) => rmp_serde::to_vec_named(m),
        Data::Relationships(r) => rmp_serde::to_vec_named(r),
        Data::Habits(h) => rmp_serde::to_vec_named(h),
        Data::Career(c) => rmp_serde::to_vec_named(c),
        Data::Year(y) => rmp_serde::to_vec_named(y),
        Data::Quarter(q) => rmp_serde::to_vec_named(q),
        Data::CheckIns(c) => rmp_serde::to_vec_named(c),
        Data::Time(t) => rmp_serde::to_vec_named(t),
        Data::Review(r) => rmp_serde::to_vec_named(r),
    }
    .ok()
}

/// The data of `kind` that `bytes` hold.
fn decode(kind: Kind, bytes: &[u8]) -> Option<Data> {
    fn read<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
        rmp_serde::from_slice(bytes).ok()
    }
    Some(match kind {
        Kind::Vision => Data::Vision(Box::new(read(bytes)?)),
        Kind::Strategy => Data::Strategy(read(bytes)?),
        Kind::Capabilities => Data::Capabilities(read(bytes)?),
        Kind::Metrics => Data::Metrics(read(bytes)?),
        Kind::Relationships => Data::Relationships(read(bytes)?),
        Kind::Habits => Data::Habits(read(bytes)?),
        Kind::Career => Data::Career(Box::new(read(bytes)?)),
        Kind::Year => Data::Year(read(bytes)?),
        Kind::Quarter => Data::Quarter(read(bytes)?),
        Kind::CheckIns => Data::CheckIns(read(bytes)?),
        Kind::Time => Data::Time(read(bytes)?),
        Kind::MonthReview | Kind::QuarterReview | Kind::YearReview => Data::Review(read(bytes)?),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::load::{Content, RawFile, parse_file};

    /// Every file of the example plan, of every kind, is kept and reads
    /// back as the parser made it: a kind whose data did not would be
    /// parsed on every run, and the store would silently not serve it.
    #[test]
    fn every_kind_of_the_example_plan_is_kept_and_reads_back_equal() {
        let mut kinds = BTreeSet::new();
        for file in crate::plan_gen::example_files() {
            let rel = file.path.trim_start_matches("plans/").to_owned();
            let raw = RawFile {
                path: file.path,
                content: Content::Bytes(file.text.into_bytes()),
            };
            let parsed = parse_file(raw, &rel, &|_| None, None);
            let doc = parsed.doc.expect("the example plan parses");
            let bytes = bytes_of(&doc.data).expect("encodes");
            let back = decode(doc.kind, &bytes);
            assert_eq!(back.as_ref(), Some(&doc.data), "{}", doc.path);
            assert_eq!(encode(doc.kind, &doc.data), Some(bytes));
            kinds.insert(doc.kind.name());
        }
        assert_eq!(
            kinds.len(),
            Kind::ALL.len(),
            "kinds in the example: {kinds:?}"
        );
    }
}
