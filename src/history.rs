//! The plan's time axis: every tracked value, as dated observations, read
//! from the commits that changed `plans/` (and from uncommitted edits).
//!
//! Each changed file is parsed once per blob: what it says is reduced to
//! [`Fact`]s (a metric reading, a key result's current value, a status...),
//! cached by blob id under `.git/roadmap/`. Facts are then replayed in commit
//! order; an [`Observation`] is recorded whenever a value differs from the
//! last one seen for the same item, so an untouched value in a changed file
//! adds nothing. The replay state is cached with the tip it reached, so the
//! next run only replays new commits.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::DeserializeOwned};

use crate::error::Error;
use crate::git::{BlobReader, PlanCommit, Repo, Walk};
use crate::item::{Item, Node};
use crate::layout::{self, Placement};
use crate::load::{self, Content, Data, Document, RawFile};
use crate::model::Status;

mod dated;
mod rows;
mod skeleton;
mod stream;

pub use rows::{ById, Event, History, Observation, Recorded};
use rows::{Cell, EventRow, Last, Row, Tables};

use dated::Dated;
use skeleton::Skeletons;

/// Bumped whenever facts or the replay change meaning: older caches are
/// then ignored and rebuilt.
const CACHE_VERSION: u32 = 27;

/// The field of a skill's level as a review assessed it; `level` is
/// capabilities.yaml's.
pub const ASSESSED: &str = "assessed";

pub use crate::item::ItemKind;

/// A value: a number, or a word such as a status.
///
/// In JSON it is the bare number or string; in the binary replay cache,
/// which cannot tell one from the other by looking, it is tagged.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Num(f64),
    Text(String),
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum BareVal<T> {
    Num(f64),
    Text(T),
}

#[derive(Serialize, Deserialize)]
enum TaggedVal<T> {
    Num(f64),
    Text(T),
}

impl Serialize for Val {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, serializer.is_human_readable()) {
            (Val::Num(n), true) => BareVal::<&str>::Num(*n).serialize(serializer),
            (Val::Text(t), true) => BareVal::Text(t.as_str()).serialize(serializer),
            (Val::Num(n), false) => TaggedVal::<&str>::Num(*n).serialize(serializer),
            (Val::Text(t), false) => TaggedVal::Text(t.as_str()).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(if deserializer.is_human_readable() {
            match BareVal::<String>::deserialize(deserializer)? {
                BareVal::Num(n) => Val::Num(n),
                BareVal::Text(t) => Val::Text(t),
            }
        } else {
            match TaggedVal::<String>::deserialize(deserializer)? {
                TaggedVal::Num(n) => Val::Num(n),
                TaggedVal::Text(t) => Val::Text(t),
            }
        })
    }
}

impl std::fmt::Display for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Val::Num(n) => write!(f, "{}", crate::value::format_amount(*n)),
            Val::Text(t) => f.write_str(t),
        }
    }
}

/// One tracked value as a file states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: ItemKind,
    pub id: String,
    /// What of the item: `status`, `current`, `level`, a reading's period, a
    /// target's year; nothing for a habit's mark, which is about its day.
    pub field: String,
    pub value: Val,
    pub target: Option<f64>,
    /// The value's own date, when it carries one (a monthly reading, a
    /// `done:` date, a check-in day).
    pub date: Option<NaiveDate>,
}

/// What one blob says, or that it did not parse.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileFacts {
    as_of: Option<NaiveDate>,
    /// The period of the file, for items that belong to one (a quarter's
    /// objectives): the same id in two quarters is two series.
    scope: String,
    facts: Arc<[Fact]>,
    /// Which items the facts are about, in order (see [`shape`]).
    shape: u64,
    broken: bool,
}

/// A hash of the scope and of each fact's kind, id and field, in order:
/// two versions of a file with the same shape state the same series in the
/// same places, so the replay takes the series over without comparing the
/// names again. The hash is std's `SipHash` with fixed keys, 64 bits wide: an
/// accidental collision between two versions of one file is not a
/// practical concern.
fn shape(scope: &str, facts: &[Fact]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    scope.hash(&mut hasher);
    facts.len().hash(&mut hasher);
    for fact in facts {
        fact.kind.hash(&mut hasher);
        fact.id.hash(&mut hasher);
        fact.field.hash(&mut hasher);
    }
    hasher.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// An objective or milestone became done for the first time.
    Done,
    TargetRaised,
    TargetLowered,
    /// The item disappeared from the plan.
    Ended,
}

/// Values stored once and referred to by number, in the order met.
///
/// The index holds numbers alone, hashed by the value they name in
/// `list`: a ten-year team's series are held once, not again as the
/// index's keys. It is built when first needed: a catch-up whose files
/// hold the same items as before never needs it (see [`Replay::apply`]).
#[derive(Debug, Clone)]
struct Interned<K> {
    list: Vec<K>,
    index: Option<HashTable<u32>>,
}

impl<K> Default for Interned<K> {
    fn default() -> Self {
        Interned {
            list: Vec::new(),
            index: None,
        }
    }
}

/// The index's hash of a value, the same for a key and its borrowed form
/// (a `String` and its `str`).
fn hash_of<Q: ?Sized + std::hash::Hash>(key: &Q) -> u64 {
    use std::hash::BuildHasher as _;
    rustc_hash::FxBuildHasher.hash_one(key)
}

impl<K: Eq + std::hash::Hash> Interned<K> {
    /// The number of `key`, added to the list when it is new.
    fn intern<Q>(&mut self, key: &Q) -> u32
    where
        Q: ?Sized + Eq + std::hash::Hash + ToOwned<Owned = K>,
        K: std::borrow::Borrow<Q>,
    {
        let list = &mut self.list;
        let rehash = |number: &u32| hash_of::<Q>(list[*number as usize].borrow());
        let index = self.index.get_or_insert_with(|| {
            let mut index = HashTable::with_capacity(list.len());
            for number in 0..list.len() as u32 {
                index.insert_unique(rehash(&number), number, rehash);
            }
            index
        });
        let found = index.entry(
            hash_of(key),
            |number| list[*number as usize].borrow() == key,
            rehash,
        );
        match found {
            Entry::Occupied(entry) => *entry.get(),
            Entry::Vacant(entry) => {
                let number = list.len() as u32;
                entry.insert(number);
                list.push(key.to_owned());
                number
            }
        }
    }

    fn get(&self, number: u32) -> &K {
        &self.list[number as usize]
    }
}

impl<K: Serialize> Serialize for Interned<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

impl<'de, K: Deserialize<'de>> Deserialize<'de> for Interned<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Interned {
            list: exact(deserializer)?,
            index: None,
        })
    }
}

/// A cached sequence read into a vector of its stated length, with room
/// for a thirty-second more. Serde's own grows from a cautious start,
/// doubling: a team's millions of rows then held two buffers at once and a
/// third of their size unused. The room is for a run that carries the
/// replay on (the commit hook's, after one new commit): its few new rows
/// would double a full vector. The stated length is believed no further
/// than a cache file's largest size.
pub(super) fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Exact<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let stated = seq.size_hint().unwrap_or(0);
            let most = MAX_CACHE_BYTES as usize / std::mem::size_of::<T>().max(1);
            let stated = stated.min(most);
            let mut out = Vec::with_capacity(stated + stated / 32);
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_seq(Exact(std::marker::PhantomData))
}

/// What one series of values is about: an item's field, for one person,
/// in one scope (the same id in two quarters is two series). Each part is
/// a number in [`rows::Names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct SeriesKey {
    person: u32,
    kind: ItemKind,
    id: u32,
    field: u32,
    scope: u32,
}

/// What a path held at its last version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct FileState {
    blob: String,
    /// The version's [`shape`].
    shape: u64,
    /// The series of its facts, in order.
    series: Vec<u32>,
}

/// Each path's last version.
type Files = FxHashMap<String, FileState>;

/// What the plan holds at one commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    /// The series each path held at its last version, and that version.
    files: Files,
    /// Last value and target of every series, by series number
    /// ([`Last::NONE`] for a series never stated). A series no file holds
    /// any more keeps its last value, so that a file deleted and restored
    /// does not state its readings anew. Stored apart (see [`STATE`]).
    #[serde(skip)]
    last: Vec<Last>,
    /// How many paths hold each series, by series number: whether another
    /// file still holds a series is asked for every series of every
    /// changed file. Stored apart (see [`STATE`]).
    #[serde(skip)]
    held: Vec<u32>,
    /// The days each habit has been marked. Stored apart (see [`STATE`]).
    #[serde(skip)]
    marks: Marks,
}

/// The days each habit has been marked, by series, 64 days to a word.
///
/// A habit's series is the habit, not each of its days: a ten-year team
/// marks a million days, which as series of their own held most of the
/// replay's memory. A day is recorded the first time it is marked, and not
/// again when its check-in file is rewritten, deleted or restored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Marks(FxHashMap<(u32, i32), u64>);

impl Marks {
    fn word(series: u32, day: i32) -> ((u32, i32), u64) {
        ((series, day.div_euclid(64)), 1 << day.rem_euclid(64))
    }

    fn has(&self, series: u32, day: i32) -> bool {
        let (at, bit) = Marks::word(series, day);
        self.0.get(&at).is_some_and(|word| word & bit != 0)
    }

    fn mark(&mut self, series: u32, day: i32) {
        let (at, bit) = Marks::word(series, day);
        *self.0.entry(at).or_default() |= bit;
    }
}

impl State {
    fn last(&self, series: u32) -> Option<Last> {
        self.last
            .get(series as usize)
            .copied()
            .filter(Last::is_some)
    }

    fn set_last(&mut self, series: u32, value: Last) {
        let at = series as usize;
        if self.last.len() <= at {
            self.last.resize(at + 1, Last::NONE);
        }
        self.last[at] = value;
    }

    fn holds(&self, series: u32) -> bool {
        self.held.get(series as usize).is_some_and(|n| *n > 0)
    }

    fn take_file(&mut self, path: &str) -> Option<FileState> {
        let file = self.files.remove(path)?;
        for &series in &file.series {
            if let Some(count) = self.held.get_mut(series as usize) {
                *count = count.saturating_sub(1);
            }
        }
        Some(file)
    }

    fn put_file(&mut self, path: &str, file: FileState) {
        self.take_file(path);
        for &number in &file.series {
            let at = number as usize;
            if self.held.len() <= at {
                self.held.resize(at + 1, 0);
            }
            self.held[at] += 1;
        }
        self.files.insert(path.to_owned(), file);
    }
}

/// The replay's memory: enough to continue from where it stopped.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Replay {
    /// The shallow boundary the replay started from: a clone deepened or
    /// made complete since then has more history to read.
    boundary: String,
    history: History,
    /// The state at the tip the replay reached.
    state: State,
    /// Items that have been done once: person and id. Stored apart (see
    /// [`STATE`]).
    #[serde(skip)]
    done: FxHashSet<(u32, u32)>,
}

/// The replay's state that only carrying it on or applying uncommitted
/// edits needs, in a cache file of its own ([`STATE`]) with the tip it
/// was replayed to: a warm run at the stored tip with a clean working
/// tree never reads it.
#[derive(Deserialize)]
struct StoredState {
    tip: String,
    #[serde(deserialize_with = "exact")]
    last: Vec<Last>,
    #[serde(deserialize_with = "exact")]
    held: Vec<u32>,
    marks: Marks,
    done: FxHashSet<(u32, u32)>,
}

/// [`StoredState`] as it is written.
#[derive(Serialize)]
struct StoredStateOut<'r> {
    tip: &'r str,
    last: &'r [Last],
    held: &'r [u32],
    marks: &'r Marks,
    done: &'r FxHashSet<(u32, u32)>,
}

/// The replay cache: the tip the replay reached, and the replay.
#[derive(Deserialize)]
struct Stored {
    tip: String,
    replay: Replay,
}

/// [`Stored`] as it is written.
#[derive(Serialize)]
struct StoredOut<'r> {
    tip: &'r str,
    replay: &'r Replay,
}

/// Options of a history read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The commit to read up to; `None` for the working tree: `HEAD` and,
    /// unless `committed`, the uncommitted edits of `plans/`. A commit
    /// given here never counts uncommitted edits, even `HEAD`'s.
    pub rev: Option<String>,
    /// Leave out uncommitted edits of the working tree.
    pub committed: bool,
    /// Today, for uncommitted edits.
    pub today: Option<NaiveDate>,
    /// Do not read or write the cache.
    pub no_cache: bool,
    /// The events the run shows: the others are let go of once read.
    pub events: Events,
    /// The working tree's files with their blobs, as [`listing`] made them
    /// from a read the caller already did; `None` reads the working tree.
    pub listing: Option<Listing>,
}

/// Which events a history read keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Events {
    #[default]
    All,
    /// Only [`EventKind::Done`]: when each item was first done.
    Done,
    /// None: [`History::events`] is empty.
    None,
}

/// The working tree's files, each with its blob (`None` for a file that
/// was not read as bytes).
pub type Listing = Arc<[(String, Option<String>)]>;

/// Each file read from the working tree with its blob (`None` for one that
/// was not read as bytes), hashed on the pool: a team's plans are
/// thousands of files. Given to [`read`] as [`Options::listing`], the
/// history finds the uncommitted edits without reading the files again.
pub fn listing(files: &[RawFile]) -> Listing {
    let hash = |file: &RawFile| {
        let blob = match &file.content {
            Content::Bytes(bytes) => Some(crate::git::blob_id(bytes)),
            _ => None,
        };
        (file.path.clone(), blob)
    };
    load::map_all(files.len() > 8, files.iter().collect(), hash).into()
}

/// Reads the history of the plan in the repository at `dir`.
pub fn read(dir: &Path, options: &Options) -> Result<History, Error> {
    let mut repo = Repo::discover(dir)?;
    let rev = options.rev.as_deref().unwrap_or("HEAD");
    let tip = repo.resolve(rev)?;
    repo.refuse_submodule(tip.as_deref(), options.rev.is_none() && !options.committed)?;
    let cache = Cache {
        dir: repo.cache_dir(),
        enabled: !options.no_cache,
    };

    let boundary = repo.shallow_boundary();
    let worktree = (options.rev.is_none() && !options.committed)
        .then(|| repo.workdir())
        .flatten();
    let fresh = || Replay {
        boundary: boundary.clone(),
        ..Replay::default()
    };
    // The uncommitted edits, when found before the replay is complete.
    let mut edits = None;
    let mut replay = match &tip {
        None => fresh(),
        Some(tip) => {
            // The stored replay, when it reached `tip` or one of its
            // ancestors from the same shallow boundary.
            let stored = cache.read::<Stored>(REPLAY).filter(|stored| {
                stored.replay.boundary == boundary
                    && (stored.tip == *tip || repo.is_ancestor(&stored.tip, tip))
            });
            let (mut known, mut replay) = match stored {
                Some(stored) => (Some(stored.tip), stored.replay),
                None => (None, fresh()),
            };
            let mut walk = match known.as_deref() {
                Some(known) if known == tip => None,
                known => Some(repo.walk_plans(tip, known)?),
            };
            // A walk that met a commit it cannot place after the stored
            // tip starts again from the beginning.
            if walk.as_ref().is_some_and(|w| w.incomplete) && known.is_some() {
                (known, replay) = (None, fresh());
                walk = Some(repo.walk_plans(tip, None)?);
            }
            // The stored state, when the replay goes on from the stored tip
            // or the working tree's edits are applied to it; without it,
            // it starts again.
            if walk.is_none() && known.is_some() {
                edits = worktree_edits(worktree.as_deref(), options, &replay.state.files)?;
            }
            let edited = edits.as_ref().is_some_and(|e| !e.changes.is_empty());
            if let Some(at) = known.as_deref().filter(|_| walk.is_some() || edited)
                && !cache.restore_state(&mut replay, at)
            {
                (known, replay, edits) = (None, fresh(), None);
                walk = Some(repo.walk_plans(tip, None)?);
            }
            if let Some(walk) = walk {
                let blobs = Blobs::new(&repo, &cache, &walk);
                // The walk read every tree of the history out of the pack:
                // closing the repository lets go of it (blobs are read
                // through repositories of their own, see `RELEASE_BATCHES`).
                drop(repo);
                replay.replay(walk, known.as_deref(), |commits| blobs.facts(commits))?;
                replay.history.by_date();
                // Only the history up to HEAD is stored: a past point
                // (`status --at 2026-Q1`) never moves the stored tip back.
                if options.rev.is_none() {
                    cache.store(tip, &replay);
                }
            }
            replay
        }
    };

    let edits = match edits {
        Some(edits) => Some(edits),
        None => worktree_edits(worktree.as_deref(), options, &replay.state.files)?,
    };
    if let Some(edits) = edits.filter(|e| !e.changes.is_empty()) {
        let today = options.today.unwrap_or_else(crate::when::today);
        replay.apply_worktree(&edits, today);
        replay.history.edited = true;
    }
    let mut history = replay.history;
    match options.events {
        Events::All => {}
        Events::Done => history.event_rows.retain(EventRow::is_done),
        Events::None => history.event_rows.clear(),
    }
    // Let go of, not only emptied: a run that carried the replay on read
    // every event, to store them again.
    history.event_rows.shrink_to_fit();
    history.by_date();
    Ok(history)
}

/// The uncommitted edits of `plans/` in `worktree` against the replay's
/// `files`; `None` without a working tree, or one without `plans/`.
fn worktree_edits(
    worktree: Option<&Path>,
    options: &Options,
    files: &Files,
) -> Result<Option<WorktreeChanges>, Error> {
    let Some(workdir) = worktree.filter(|w| w.join(layout::PLANS_DIR).is_dir()) else {
        return Ok(None);
    };
    let listing = match &options.listing {
        Some(listing) => Arc::clone(listing),
        None => {
            let files = load::read_worktree(workdir)
                .map_err(|e| Error::io(workdir.display().to_string(), e))?;
            listing(&files)
        }
    };
    Ok(Some(worktree_changes(workdir, &listing, files)))
}

/// Commits replayed per batch of parsed blobs.
const REPLAY_BATCH: usize = 64;

/// Batches after which the pack files read so far are let go of (see
/// [`crate::git::close_blob_readers`]).
const RELEASE_BATCHES: usize = 8;

/// Where the facts of a walk's blobs come from: the blob log, of which
/// the entries the walk needs are found in one pass, else parsed (in
/// parallel) and added to it.
struct Blobs<'a> {
    reader: BlobReader,
    cache: &'a Cache,
    /// Where each entry of the log that the walk needs lies.
    logged: HashMap<String, LogEntry>,
    /// Files that changed only in values are built from one parse.
    skeletons: Skeletons,
    /// Files that changed only in their date are not parsed.
    dated: Dated,
}

impl<'a> Blobs<'a> {
    fn new(repo: &Repo, cache: &'a Cache, walk: &Walk) -> Self {
        let logged = if cache.has_log(BLOB_LOG) {
            let wanted: HashSet<String> = walk
                .commits
                .iter()
                .flat_map(|c| &c.changes)
                .filter_map(|change| Some(blob_key(&change.path, change.blob.as_deref()?)))
                .collect();
            cache.index_log(BLOB_LOG, |key| wanted.contains(key))
        } else {
            HashMap::new()
        };
        Blobs {
            reader: repo.blob_reader(),
            cache,
            logged,
            skeletons: Skeletons::default(),
            dated: Dated::default(),
        }
    }

    /// The facts of every blob `commits` hold.
    fn facts(&self, commits: &[PlanCommit]) -> Result<HashMap<String, FileFacts>, Error> {
        let mut wanted: BTreeMap<String, (&str, &str)> = BTreeMap::new();
        for change in commits.iter().flat_map(|c| &c.changes) {
            if let Some(blob) = &change.blob {
                wanted
                    .entry(blob_key(&change.path, blob))
                    .or_insert((&change.path, blob));
            }
        }
        let mut blobs: HashMap<String, FileFacts> = self.cache.read_log(
            BLOB_LOG,
            wanted
                .keys()
                .filter_map(|key| Some((key.as_str(), *self.logged.get(key)?))),
        );
        // Each blob is read, and then parsed, on whichever thread is free.
        let reader = &self.reader;
        let wanted: Vec<_> = wanted
            .into_iter()
            .filter(|(key, _)| !blobs.contains_key(key))
            .collect();
        let read: Vec<(String, &str, Content)> = wanted
            .into_par_iter()
            .map(|(key, (path, blob))| Ok((key, path, reader.blob(blob)?)))
            .collect::<Result<_, Error>>()?;
        let (skeletons, dated) = (&self.skeletons, &self.dated);
        let parsed: Vec<(String, FileFacts)> = read
            .into_par_iter()
            .map(|(key, path, content)| {
                let parse = |content| {
                    let file = RawFile {
                        path: path.to_owned(),
                        content,
                    };
                    file_facts(file, &|yaml| skeletons.filled(yaml))
                };
                let facts = match content {
                    Content::Bytes(bytes) => {
                        let kind = &key[key.find(':').unwrap_or(key.len())..];
                        dated.facts(kind, bytes, |bytes| parse(Content::Bytes(bytes)))
                    }
                    content => parse(content),
                };
                (key, facts)
            })
            .collect();
        self.skeletons.next_batch();
        self.dated.next_batch();
        let records: Vec<Vec<u8>> = parsed
            .par_iter()
            .filter_map(|(key, facts)| Cache::log_record(key, facts))
            .collect();
        self.cache.append_log(BLOB_LOG, &records);
        blobs.extend(parsed);
        Ok(blobs)
    }
}

/// A path under `plans/` as the layout names it, without that folder.
fn plans_relative(path: &str) -> &str {
    path.strip_prefix(layout::PLANS_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(path)
}

/// Blob facts depend on the content and on what the path says the file is.
fn blob_key(path: &str, blob: &str) -> String {
    use std::fmt::Write as _;
    let rel = plans_relative(path);
    let mut key = String::with_capacity(blob.len() + 24);
    key.push_str(blob);
    // Writing to a String cannot fail.
    let _ = match layout::classify(rel) {
        Placement::Plan { kind, period, .. } => match period {
            Some(period) => write!(key, ":{}:{period}", kind.name()),
            None => write!(key, ":{}:", kind.name()),
        },
        _ => write!(key, ":-"),
    };
    key
}

fn file_facts(file: RawFile, shared: &load::SharedTree<'_>) -> FileFacts {
    let snapshot = load::load_with(vec![file], shared);
    let doc = snapshot.plans.first().and_then(|p| p.docs.first());
    match doc {
        Some(doc) => {
            let scope = match doc.kind {
                // A review's assessed levels are its own: each review is a
                // series of its own, dated by the review.
                layout::Kind::Quarter
                | layout::Kind::Year
                | layout::Kind::MonthReview
                | layout::Kind::QuarterReview
                | layout::Kind::YearReview => doc.period.map(|p| p.to_string()).unwrap_or_default(),
                _ => String::new(),
            };
            let facts = extract(doc);
            FileFacts {
                as_of: doc.data.as_of(),
                shape: shape(&scope, &facts),
                scope,
                facts: facts.into(),
                broken: false,
            }
        }
        None => {
            let broken = snapshot.plans.iter().any(|p| !p.broken.is_empty());
            FileFacts {
                as_of: None,
                scope: String::new(),
                facts: Arc::default(),
                shape: shape("", &[]),
                broken,
            }
        }
    }
}

fn status_fact(kind: ItemKind, id: &str, status: Status, done: Option<NaiveDate>) -> Fact {
    Fact {
        kind,
        id: id.to_owned(),
        field: "status".to_owned(),
        value: Val::Text(status.as_str().into()),
        target: None,
        date: if status == Status::Done { done } else { None },
    }
}

fn number(kind: ItemKind, id: &str, field: &str, value: f64, target: Option<f64>) -> Fact {
    Fact {
        kind,
        id: id.to_owned(),
        field: field.to_owned(),
        value: Val::Num(value),
        target,
        date: None,
    }
}

/// The tracked values a file states.
pub fn extract(doc: &Document) -> Vec<Fact> {
    let mut facts: Vec<Fact> = crate::item::items(doc)
        .iter()
        .flat_map(item_facts)
        .collect();
    match &doc.data {
        Data::Review(r) => {
            // Not `level`: capabilities.yaml's level and a review's
            // assessment are two sources, merged by date (progress.rs
            // `assess`), never one series that flips between them.
            for (skill, level) in &r.skills {
                facts.push(number(
                    ItemKind::Skill,
                    skill,
                    ASSESSED,
                    *level as f64,
                    None,
                ));
            }
            for win in &r.wins {
                let mut fact = Fact {
                    kind: ItemKind::Win,
                    id: "win".to_owned(),
                    field: win.title().to_owned(),
                    value: Val::Text(win.title().into()),
                    target: None,
                    date: None,
                };
                if let crate::model::Win::Dated { date, .. } = win {
                    fact.date = Some(date.0);
                }
                facts.push(fact);
            }
            facts.extend(learning_facts(r));
        }
        Data::CheckIns(marks) => {
            if let Some(period) = doc.period {
                let start = period.start();
                for (habit, line) in marks {
                    for (day, mark) in line.chars().enumerate() {
                        if matches!(mark, 'x' | 'X') {
                            let date = start + chrono::Days::new(day as u64);
                            let mut fact = number(ItemKind::Habit, habit, "", 1.0, None);
                            fact.date = Some(date);
                            facts.push(fact);
                        }
                    }
                }
            }
        }
        // Career figures have ids no plan item can have (a plan's ids hold
        // no `:`), so `progress revenue` never mixes them with a metric.
        Data::Career(c) => {
            facts.push(Fact {
                kind: ItemKind::Career,
                id: "career:title".to_owned(),
                field: String::new(),
                value: Val::Text(c.title.as_str().into()),
                target: None,
                date: None,
            });
            facts.push(number(
                ItemKind::Career,
                "career:reports",
                "",
                f64::from(c.reports),
                None,
            ));
            facts.push(number(
                ItemKind::Career,
                "career:revenue",
                "",
                c.revenue.0,
                None,
            ));
            facts.extend(career_facts(c));
        }
        Data::Strategy(_)
        | Data::Year(_)
        | Data::Quarter(_)
        | Data::Capabilities(_)
        | Data::Metrics(_)
        | Data::Relationships(_)
        | Data::Habits(_)
        | Data::Vision(_)
        | Data::Time(_) => {}
    }
    facts
}

/// The tracked values of one item: its status, its current value or
/// readings, and its targets.
fn item_facts(item: &Item<'_>) -> Vec<Fact> {
    let (kind, id) = (item.kind(), item.id());
    let mut facts = Vec::new();
    match item.node {
        Node::Metric(metric) => {
            for (period, actual) in &metric.actuals {
                let target = metric.targets.get(&period.year()).map(|t| t.0);
                let mut fact = number(kind, id, &period.to_string(), actual.0, target);
                fact.date = Some(period.end());
                facts.push(fact);
            }
            for (year, target) in &metric.targets {
                facts.push(number(
                    ItemKind::Target,
                    id,
                    &year.to_string(),
                    target.0,
                    None,
                ));
            }
        }
        Node::Objective(o) => facts.push(status_fact(kind, id, o.status, None)),
        Node::KeyResult(kr) => {
            let target = kr.target.map(|t| t.0);
            // A key result that measures another item has no value of its
            // own: the source's series is its history.
            if kr.measures.is_none() {
                let current = kr.current.map_or(0.0, |c| c.0);
                facts.push(number(kind, id, "current", current, target));
            }
            if let Some(target) = target {
                facts.push(number(ItemKind::Target, id, "target", target, None));
            }
        }
        Node::Milestone(m) => facts.push(status_fact(kind, id, m.status, m.done.map(|d| d.0))),
        Node::AnnualObjective(o) => {
            facts.push(status_fact(kind, id, o.status, None));
            if let Some(current) = o.current {
                facts.push(number(
                    kind,
                    id,
                    "current",
                    current.0,
                    o.target.map(|t| t.0),
                ));
            }
        }
        Node::Skill(skill) => {
            facts.push(number(kind, id, "level", skill.level as f64, None));
            for (year, target) in &skill.targets {
                let year = year.to_string();
                facts.push(number(ItemKind::Target, id, &year, *target as f64, None));
            }
        }
        Node::Relationship(goal) => {
            facts.push(status_fact(kind, id, goal.status, None));
            if let Some(current) = goal.current {
                let target = goal.target.map(f64::from);
                facts.push(number(kind, id, "current", f64::from(current), target));
            }
        }
        Node::Phase(_) | Node::Habit(_) | Node::Recognition(_) => {}
    }
    facts
}

/// The career figures beyond title, reports and revenue, each under its
/// own `career:` id (docs/progress.md): pay, market position, ranking,
/// span, promotions and leadership impact. A figure the file leaves out
/// records nothing.
fn career_facts(c: &crate::model::Career) -> Vec<Fact> {
    let text = |id: &str, value: &str| Fact {
        kind: ItemKind::Career,
        id: id.to_owned(),
        field: String::new(),
        value: Val::Text(value.into()),
        target: None,
        date: None,
    };
    let mut facts = Vec::new();
    if let Some(span) = &c.span {
        facts.push(text("career:span", span));
    }
    if let Some(pay) = &c.compensation {
        facts.push(number(
            ItemKind::Career,
            "career:base",
            "",
            pay.base.0,
            None,
        ));
        if let Some(total) = pay.total {
            facts.push(number(ItemKind::Career, "career:total", "", total.0, None));
        }
        if let Some(market) = pay.market {
            facts.push(number(
                ItemKind::Career,
                "career:market",
                "",
                f64::from(market),
                None,
            ));
        }
    }
    if let Some(r) = &c.ranking {
        facts.push(number(
            ItemKind::Career,
            "career:rank",
            "",
            f64::from(r.rank),
            Some(f64::from(r.of)),
        ));
    }
    if !c.promotions.is_empty() {
        #[allow(clippy::cast_precision_loss)]
        facts.push(number(
            ItemKind::Career,
            "career:promotions",
            "",
            c.promotions.len() as f64,
            None,
        ));
    }
    if let Some(l) = &c.leadership {
        for (id, count) in [
            ("career:promoted", l.promoted),
            ("career:improvements", l.improvements),
            ("career:practices", l.practices),
        ] {
            facts.push(number(ItemKind::Career, id, "", f64::from(count), None));
        }
    }
    facts
}

fn person_of(path: &str) -> Option<String> {
    let rel = plans_relative(path);
    match layout::classify(rel) {
        Placement::Plan { person, .. } | Placement::Misplaced { person, .. } => person,
        Placement::Ignored => None,
    }
}

impl Replay {
    /// Replays the commits of a walk that starts at `known` (whose state is
    /// `self.state`), each from the state of its own parents: commits on
    /// two branches never see each other's values, and a merge records only
    /// what differs from every parent.
    ///
    /// The facts of the walk's blobs are asked for a batch of commits at a
    /// time, so that a long history never holds all of them at once; each
    /// batch of commits is let go of once replayed.
    fn replay(
        &mut self,
        walk: Walk,
        known: Option<&str>,
        facts: impl Fn(&[PlanCommit]) -> Result<HashMap<String, FileFacts>, Error> + Sync,
    ) -> Result<(), Error> {
        // How many commits still need each state; the tip's is kept.
        let mut wanted: HashMap<String, usize> = HashMap::new();
        for id in walk
            .commits
            .iter()
            .flat_map(|c| c.parents.iter().flatten())
            .chain(&walk.tip_state)
        {
            *wanted.entry(id.clone()).or_default() += 1;
        }
        let mut states: HashMap<String, State> = HashMap::new();
        if let Some(known) = known {
            states.insert(known.to_owned(), std::mem::take(&mut self.state));
        }
        let count = walk.commits.len();
        let mut commits = walk.commits.into_iter();
        let mut batches = std::iter::from_fn(|| {
            let batch: Vec<PlanCommit> = commits.by_ref().take(REPLAY_BATCH).collect();
            (!batch.is_empty()).then_some(batch)
        });
        // The next batch's blobs are read and parsed while this batch is
        // replayed: the replay is one thread's work, parsing is everyone's.
        let parse = |batch: Vec<PlanCommit>| {
            let blobs = facts(&batch);
            (batch, blobs)
        };
        let mut next = batches.next().map(parse);
        let mut replayed = 0;
        while let Some((batch, blobs)) = next {
            let blobs = blobs?;
            replayed += 1;
            if replayed % RELEASE_BATCHES == 0 {
                crate::git::close_blob_readers();
            }
            let following = batches.next();
            let replay = || {
                for commit in &batch {
                    self.replay_commit(commit, &blobs, &mut states, &mut wanted);
                }
            };
            next = rayon::join(|| following.map(parse), replay).0;
        }
        self.state = walk
            .tip_state
            .as_ref()
            .and_then(|id| states.remove(id))
            .unwrap_or_default();
        self.history.commits += count;
        self.history.shallow = walk.shallow;
        Ok(())
    }

    /// Replays one commit of a walk from the states of its parents, and
    /// keeps its own state while a later commit still needs it.
    fn replay_commit(
        &mut self,
        commit: &PlanCommit,
        blobs: &HashMap<String, FileFacts>,
        states: &mut HashMap<String, State>,
        wanted: &mut HashMap<String, usize>,
    ) {
        let release =
            |states: &mut HashMap<String, State>, wanted: &mut HashMap<String, usize>, id: &str| {
                let left = wanted.get_mut(id).map_or(0, |n| {
                    *n = n.saturating_sub(1);
                    *n
                });
                if left == 0 {
                    wanted.remove(id);
                    states.remove(id);
                }
            };
        {
            let mut state = match commit.parents.first() {
                Some(Some(id)) => {
                    // The last commit to need it takes it; others copy it.
                    let state = if wanted.get(id.as_str()).is_some_and(|n| *n <= 1) {
                        states.remove(id)
                    } else {
                        states.get(id).cloned()
                    };
                    release(states, wanted, id);
                    state.unwrap_or_default()
                }
                _ => State::default(),
            };
            let others: Vec<Option<&State>> = commit.parents[commit.parents.len().min(1)..]
                .iter()
                .map(|p| p.as_ref().and_then(|id| states.get(id)))
                .collect();
            self.apply(
                &mut state,
                &others,
                commit
                    .changes
                    .iter()
                    .map(|c| (c.path.as_str(), c.blob.as_deref())),
                blobs,
                Some(commit),
                commit.date,
            );
            for id in commit.parents.iter().skip(1).flatten() {
                release(states, wanted, id);
            }
            if wanted.get(commit.id.as_str()).is_some_and(|n| *n > 0) {
                states.insert(commit.id.clone(), state);
            }
        }
    }

    /// Replays one commit's changed files (`blob` `None` for a deletion)
    /// onto `state`, the state of its first parent. `others` are the states
    /// of its other parents (`None`: no `plans/`): a value one of them
    /// already holds came from a merged branch and is not recorded again.
    fn apply<'p>(
        &mut self,
        state: &mut State,
        others: &[Option<&State>],
        changes: impl Iterator<Item = (&'p str, Option<&'p str>)>,
        blobs: &HashMap<String, FileFacts>,
        commit: Option<&PlanCommit>,
        date: NaiveDate,
    ) {
        let History {
            tables,
            observation_rows,
            event_rows,
            warnings,
            ..
        } = &mut self.history;
        let mut record = Record {
            tables: Arc::make_mut(tables),
            observations: observation_rows,
            events: event_rows,
            done: &mut self.done,
            commit,
            number: None,
        };
        let mut dropped: Vec<Vec<u32>> = Vec::new();
        for (path, blob) in changes {
            let previous = state.take_file(path);
            let Some(blob) = blob else {
                if let Some(file) = previous {
                    dropped.push(file.series);
                }
                continue;
            };
            let Some(facts) = blobs.get(&blob_key(path, blob)) else {
                continue;
            };
            if facts.broken {
                let at = commit.map_or_else(
                    || "the working tree".to_owned(),
                    |c| format!("commit {}", &c.id[..c.id.len().min(7)]),
                );
                warnings.push(format!("{path} at {at} ({date}) does not parse; skipped"));
                // Its items keep their last values; the broken version is
                // remembered so that an unchanged working tree does not
                // warn about it again.
                let file = FileState {
                    blob: blob.to_owned(),
                    ..previous.unwrap_or_default()
                };
                state.put_file(path, file);
                continue;
            }
            let series = match previous {
                // The same items in the same places: the same series.
                Some(file) if file.shape == facts.shape => file.series,
                previous => {
                    let before = previous.map(|file| file.series).unwrap_or_default();
                    let series = record.series_of(path, facts, &before);
                    dropped.push(before);
                    series
                }
            };
            for (fact, &number) in facts.facts.iter().zip(&series) {
                let when = fact.date.or(facts.as_of).unwrap_or(date);
                record.observe(state, others, number, fact, when);
            }
            let file = FileState {
                blob: blob.to_owned(),
                shape: facts.shape,
                series,
            };
            state.put_file(path, file);
        }
        // A series still held by some file (this one's new version, or
        // another it moved to) has not ended. One that has ended keeps its
        // last value: a reading is what it is (its item and period), so a
        // file deleted and restored later states the same readings again,
        // and only those it changed are new. A habit has no last value (its
        // days are marks, [`Marks`]): it does not end with its check-in
        // files.
        for number in dropped.into_iter().flatten() {
            if state.holds(number) {
                continue;
            }
            let Some(last) = state.last(number) else {
                continue;
            };
            // Gone from a merged branch already: it ended there.
            let inherited = others
                .iter()
                .any(|other| other.is_none_or(|o| !o.holds(number)));
            if !inherited {
                record.event(date, number, EventKind::Ended, last.value(), Cell::ABSENT);
            }
        }
    }

    /// Replays uncommitted edits: files whose content differs from the
    /// last commit, dated today.
    fn apply_worktree(&mut self, edits: &WorktreeChanges, today: NaiveDate) {
        let mut state = std::mem::take(&mut self.state);
        self.apply(
            &mut state,
            &[],
            edits
                .changes
                .iter()
                .map(|(p, b)| (p.as_str(), b.as_deref())),
            &edits.blobs,
            None,
            today,
        );
        self.state = state;
    }
}

/// Where the replay of one commit writes: the history's names and rows.
struct Record<'r> {
    tables: &'r mut Tables,
    observations: &'r mut Vec<Row>,
    events: &'r mut Vec<EventRow>,
    /// Items that have been done once: person and id.
    done: &'r mut FxHashSet<(u32, u32)>,
    /// The commit replayed (`None`: the working tree)...
    commit: Option<&'r PlanCommit>,
    /// ...and its number, once a row needs one.
    number: Option<u32>,
}

impl Record<'_> {
    fn commit(&mut self) -> u32 {
        match self.number {
            Some(number) => number,
            None => *self.number.insert(self.tables.commit_number(self.commit)),
        }
    }

    fn event(&mut self, date: NaiveDate, series: u32, kind: EventKind, from: Cell, to: Cell) {
        let commit = self.commit();
        self.events.push(EventRow::new(
            rows::day(date),
            series,
            kind,
            from,
            to,
            commit,
        ));
    }

    /// The series of each of `facts`, a new version of the file at `path`
    /// whose last version held `before`.
    fn series_of(&mut self, path: &str, facts: &FileFacts, before: &[u32]) -> Vec<u32> {
        let person = person_of(path);
        let person = person.as_deref().unwrap_or_default();
        let Tables { names, series, .. } = &mut *self.tables;
        // Person and scope by number, looked up only when needed.
        let mut numbers: Option<(u32, u32)> = None;
        let mut out = Vec::with_capacity(facts.facts.len());
        // A new version of a file mostly states the same items in the same
        // order, with a few added or taken out: each fact is checked first
        // against the series after the last one found in its place, so
        // most facts need no lookup at all.
        let mut next = 0;
        for fact in facts.facts.iter() {
            let same = before.get(next).copied().filter(|&n| {
                let k = series.get(n);
                k.kind == fact.kind
                    && *names.get(k.id) == fact.id
                    && *names.get(k.field) == fact.field
                    && names.get(k.person) == person
                    && *names.get(k.scope) == facts.scope
            });
            if let Some(number) = same {
                next += 1;
                out.push(number);
                continue;
            }
            let number = {
                let (person, scope) =
                    *numbers.get_or_insert_with(|| (names.name(person), names.name(&facts.scope)));
                let key = SeriesKey {
                    person,
                    kind: fact.kind,
                    id: names.name(&fact.id),
                    field: names.name(&fact.field),
                    scope,
                };
                series.intern(&key)
            };
            // One item taken out: the next is checked against the one after
            // this. (An item put in leaves the place as it is.)
            if before.get(next + 1) == Some(&number) {
                next += 2;
            }
            out.push(number);
        }
        out
    }

    /// Records `fact`, the value of series `number` at `date`, unless the
    /// series already holds it or a merged parent brought it.
    fn observe(
        &mut self,
        state: &mut State,
        others: &[Option<&State>],
        number: u32,
        fact: &Fact,
        date: NaiveDate,
    ) {
        if fact.kind == ItemKind::Habit {
            self.mark(state, others, number, date);
            return;
        }
        let names = &self.tables.names;
        let same = |last: Last| last.value().is(&fact.value, names) && last.target() == fact.target;
        let previous = state.last(number);
        if previous.is_some_and(same) {
            return;
        }
        let inherited = others
            .iter()
            .any(|other| other.and_then(|o| o.last(number)).is_some_and(same));
        let value = Cell::new(&fact.value, &mut self.tables.names);
        if inherited {
            state.set_last(number, Last::new(value, fact.target));
            return;
        }
        let from = previous.map_or(Cell::ABSENT, Last::value);
        if fact.kind == ItemKind::Target
            && let (Some(old), Val::Num(new)) = (from.number(), &fact.value)
        {
            let kind = if *new > old {
                EventKind::TargetRaised
            } else {
                EventKind::TargetLowered
            };
            self.event(date, number, kind, from, value);
        }
        let is_done = matches!(&fact.value, Val::Text(s) if s == Status::Done.as_str());
        if is_done && fact.field == "status" {
            let key = self.tables.series.get(number);
            if self.done.insert((key.person, key.id)) {
                self.event(date, number, EventKind::Done, from, value);
            }
        }
        let commit = self.commit();
        self.observations.push(Row::new(
            rows::day(date),
            number,
            value,
            fact.target,
            commit,
        ));
        state.set_last(number, Last::new(value, fact.target));
    }

    /// Records that habit `number` was marked on `date`, unless it was
    /// marked that day before or a merged parent brought the mark.
    fn mark(&mut self, state: &mut State, others: &[Option<&State>], number: u32, date: NaiveDate) {
        let day = rows::day(date);
        if state.marks.has(number, day) {
            return;
        }
        state.marks.mark(number, day);
        let inherited = others
            .iter()
            .any(|other| other.is_some_and(|o| o.marks.has(number, day)));
        if inherited {
            return;
        }
        self.tables.name_day(date);
        let commit = self.commit();
        let value = Cell::new(&Val::Num(1.0), &mut self.tables.names);
        self.observations
            .push(Row::new(day, number, value, None, commit));
    }
}

/// What of the working tree's plan differs from the committed files.
struct WorktreeChanges {
    /// Each changed or new file with its blob, `None` for a deleted one.
    changes: Vec<(String, Option<String>)>,
    /// The facts of the changed files.
    blobs: HashMap<String, FileFacts>,
}

/// The files of `listing` whose blob differs from the committed one's,
/// read again (they are few) for their facts, and the committed files it
/// does not hold, as deleted.
fn worktree_changes(
    workdir: &Path,
    listing: &[(String, Option<String>)],
    files: &Files,
) -> WorktreeChanges {
    let mut blobs: HashMap<String, FileFacts> = HashMap::new();
    let mut changes: Vec<(String, Option<String>)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (path, blob) in listing {
        seen.insert(path);
        let Some(blob) = blob else {
            continue;
        };
        if files
            .get(path)
            .is_some_and(|committed| committed.blob == *blob)
        {
            continue;
        }
        // Hashed again as read: the facts and the blob are of one text.
        let file = load::read_one(workdir, path);
        let blob = match &file.content {
            Content::Bytes(bytes) => crate::git::blob_id(bytes),
            _ => continue,
        };
        blobs.insert(blob_key(path, &blob), file_facts(file, &|_| None));
        changes.push((path.clone(), Some(blob)));
    }
    let mut deleted: Vec<String> = files
        .keys()
        .filter(|p| !seen.contains(p.as_str()))
        .cloned()
        .collect();
    deleted.sort();
    changes.extend(deleted.into_iter().map(|p| (p, None)));
    WorktreeChanges { changes, blobs }
}

/// A review's learnings, each dated by the review (its `as_of`, else the
/// commit).
fn learning_facts(review: &crate::model::Review) -> impl Iterator<Item = Fact> + '_ {
    review.learnings.iter().map(|text| Fact {
        kind: ItemKind::Learning,
        id: "learning".to_owned(),
        field: text.clone(),
        value: Val::Text(text.as_str().into()),
        target: None,
        date: None,
    })
}

/// The blob cache: one line per blob, appended as blobs are parsed.
const BLOB_LOG: &str = "blobs";

/// The replay cache: the history and the state at the tip it reached.
const REPLAY: &str = "replay";

/// The replay cache's state for carrying it on (see [`StoredState`]).
const STATE: &str = "state";

/// Where a record of a log lies: its offset and length.
type LogEntry = (u64, usize);

/// What starts each record of a log, so that reading can find the next
/// record after a torn one.
const RECORD_MAGIC: [u8; 4] = *b"\xffRMb";
/// A record's magic, length and CRC, and its key's length.
const RECORD_HEAD: usize = 14;
/// Larger records are taken for damage.
const MAX_RECORD: usize = 64 << 20;
/// A larger cache file is taken for damage, and rebuilt: a team's ten
/// years take about 100 MB.
const MAX_CACHE_BYTES: u64 = 1 << 30;

/// Cache files under `.git/roadmap/`: a version line with a CRC and the
/// length of the rest, then the value (postcard). Anything that does not
/// check out is ignored (and rebuilt); writes go to a temporary file
/// renamed into place, so a concurrent reader sees the old file or the
/// new one, never half of one. A cache file is read only if it is a
/// regular file of at most [`MAX_CACHE_BYTES`] (see [`crate::state`]).
///
/// The blob cache is a log instead, since it only grows: binary records
/// of a key and its facts, each with its length and CRC, appended a batch
/// at a time in one write. A record that does not check out (a torn or
/// interleaved write) is skipped and its blob parsed again.
struct Cache {
    dir: PathBuf,
    enabled: bool,
}

impl Cache {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.v{CACHE_VERSION}.bin"))
    }

    /// Stores the replay that reached `tip`: its state for carrying it on
    /// in one file, the rest in another.
    fn store(&self, tip: &str, replay: &Replay) {
        self.write(
            STATE,
            &StoredStateOut {
                tip,
                last: &replay.state.last,
                held: &replay.state.held,
                marks: &replay.state.marks,
                done: &replay.done,
            },
        );
        self.write(REPLAY, &StoredOut { tip, replay });
    }

    /// Puts the state stored with the replay that reached `tip` back into
    /// `replay`; false when there is none.
    fn restore_state(&self, replay: &mut Replay, tip: &str) -> bool {
        let Some(stored) = self.read::<StoredState>(STATE).filter(|s| s.tip == tip) else {
            return false;
        };
        (replay.state.last, replay.state.held) = (stored.last, stored.held);
        replay.state.marks = stored.marks;
        replay.done = stored.done;
        true
    }

    /// The value stored in the cache file `name`, if it is there, of
    /// this version, and checks out.
    fn read<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        if !self.enabled {
            return None;
        }
        let file = crate::state::open(&self.path(name), MAX_CACHE_BYTES)?;
        let fields = |header: &str| -> Option<(u32, usize)> {
            match header.split(' ').collect::<Vec<_>>()[..] {
                [version, crc, len] if version == Self::version() => {
                    Some((crc.parse().ok()?, len.parse().ok()?))
                }
                _ => None,
            }
        };
        let (crc, payload) = stream::Stream::open(file, fields)?;
        let mut decoder = postcard::Deserializer::from_flavor(payload);
        let value = T::deserialize(&mut decoder).ok()?;
        (decoder.finalize().ok()? == Some(crc)).then_some(value)
    }

    /// Stores `value` in the cache file `name`: a header line (the
    /// version, and the CRC and length of what follows), then the value
    /// (postcard).
    fn write<T: Serialize>(&self, name: &str, value: &T) {
        use std::io::{Seek as _, Write as _};
        if !self.enabled {
            return;
        }
        // The header is written last, over a placeholder of its width:
        // the payload is written as it is encoded, never held whole.
        let header = |crc: u32, len: usize| format!("{} {crc:010} {len:020}\n", Self::version());
        let write = |file: &mut fs::File| {
            file.write_all(header(0, 0).as_bytes())?;
            let mut payload = stream::Counted::new(std::io::BufWriter::new(&mut *file));
            postcard::to_io(value, &mut payload).map_err(std::io::Error::other)?;
            let (crc, len) = payload.finish()?;
            file.rewind()?;
            file.write_all(header(crc, len).as_bytes())
        };
        // The cache only saves time: failing to write it is not an error.
        let stored = fs::create_dir_all(&self.dir)
            .and_then(|()| crate::state::replace_with(&self.path(name), write));
        if stored.is_ok() {
            self.forget_other_versions();
        }
    }

    fn version() -> String {
        format!("roadmap-cache-{CACHE_VERSION}")
    }

    fn log_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.v{CACHE_VERSION}.log"))
    }

    fn has_log(&self, name: &str) -> bool {
        self.enabled
            && fs::symlink_metadata(self.log_path(name)).is_ok_and(|m| m.file_type().is_file())
    }

    /// Where the entries of a log whose key `wanted` accepts lie, found
    /// in one pass over it. Entries are checked when they are read.
    fn index_log(&self, name: &str, wanted: impl Fn(&str) -> bool) -> HashMap<String, LogEntry> {
        use std::io::{BufRead as _, Read as _};
        let mut index = HashMap::new();
        if !self.enabled {
            return index;
        }
        let Some(file) = crate::state::open(&self.log_path(name), MAX_CACHE_BYTES) else {
            return index;
        };
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut header = Vec::new();
        if reader.read_until(b'\n', &mut header).is_err() || header != Self::log_header() {
            return index;
        }
        let mut offset = header.len() as u64;
        let mut head = [0u8; RECORD_HEAD];
        let mut key = Vec::new();
        if reader.read_exact(&mut head).is_err() {
            return index;
        }
        loop {
            // Not at a record (after a torn write): look for the next one,
            // a byte further on.
            if head[..4] != RECORD_MAGIC {
                head.copy_within(1.., 0);
                if reader.read_exact(&mut head[RECORD_HEAD - 1..]).is_err() {
                    break;
                }
                offset += 1;
                continue;
            }
            let length = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
            let key_length = u16::from_le_bytes([head[12], head[13]]) as usize;
            if length < 2 + key_length || length > MAX_RECORD {
                head[0] = 0;
                continue;
            }
            key.resize(key_length, 0);
            if reader.read_exact(&mut key).is_err() {
                break;
            }
            if let Some(key) = std::str::from_utf8(&key).ok().filter(|key| wanted(key)) {
                index.insert(key.to_owned(), (offset, RECORD_HEAD - 2 + length));
            }
            let rest = (length - 2 - key_length) as i64;
            offset += (RECORD_HEAD - 2 + length) as u64;
            if reader.seek_relative(rest).is_err() || reader.read_exact(&mut head).is_err() {
                break;
            }
        }
        index
    }

    /// The entries of a log at the places `entries` give, those that check
    /// out.
    fn read_log<'k, T: DeserializeOwned + Send>(
        &self,
        name: &str,
        entries: impl Iterator<Item = (&'k str, LogEntry)>,
    ) -> HashMap<String, T> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let mut entries: Vec<(&str, LogEntry)> = entries.collect();
        if !self.enabled || entries.is_empty() {
            return HashMap::new();
        }
        let Some(mut file) = crate::state::open(&self.log_path(name), MAX_CACHE_BYTES) else {
            return HashMap::new();
        };
        entries.sort_by_key(|(_, (offset, _))| *offset);
        let mut records = Vec::with_capacity(entries.len());
        for (key, (offset, length)) in entries {
            let mut record = vec![0; length];
            if file.seek(SeekFrom::Start(offset)).is_err() || file.read_exact(&mut record).is_err()
            {
                continue;
            }
            records.push((key, record));
        }
        let entry = |(key, record): (&str, Vec<u8>)| -> Option<(String, T)> {
            let crc = u32::from_le_bytes(record.get(8..12)?.try_into().ok()?);
            let body = record.get(12..)?;
            if crc != crc32fast::hash(body) {
                return None;
            }
            let rest = body.get(2..)?.strip_prefix(key.as_bytes())?;
            let value = postcard::from_bytes(rest).ok()?;
            Some((key.to_owned(), value))
        };
        records.into_par_iter().filter_map(entry).collect()
    }

    /// One record of a log: magic, length and CRC of the body, then the
    /// body: the key's length and the key, and the value (postcard).
    fn log_record<T: Serialize>(key: &str, value: &T) -> Option<Vec<u8>> {
        let key_length = u16::try_from(key.len()).ok()?;
        let mut record = Vec::with_capacity(256);
        record.extend_from_slice(&RECORD_MAGIC);
        record.extend_from_slice(&[0; 8]);
        record.extend_from_slice(&key_length.to_le_bytes());
        record.extend_from_slice(key.as_bytes());
        let mut record = postcard::to_extend(value, record).ok()?;
        let length = u32::try_from(record.len() - 12).ok()?;
        let crc = crc32fast::hash(&record[12..]);
        record[4..8].copy_from_slice(&length.to_le_bytes());
        record[8..12].copy_from_slice(&crc.to_le_bytes());
        (record.len() - 12 <= MAX_RECORD).then_some(record)
    }

    fn log_header() -> Vec<u8> {
        format!("{} log\n", Self::version()).into_bytes()
    }

    /// Appends records (made by [`Cache::log_record`]) to a log, in one
    /// write.
    fn append_log(&self, name: &str, records: &[Vec<u8>]) {
        if !self.enabled || records.is_empty() {
            return;
        }
        let _ = self.try_append_log(name, records);
    }

    fn try_append_log(&self, name: &str, records: &[Vec<u8>]) -> std::io::Result<()> {
        use std::io::{Read as _, Write as _};
        fs::create_dir_all(&self.dir)?;
        let mut file = crate::state::append(&self.log_path(name))?;
        // A new log starts with a header; one whose header is not this
        // version's (damaged), or that has grown past the bound of what
        // is read, starts again. Any record that does not check
        // out (one left unfinished by a torn write, say) is skipped when
        // read.
        let header = Self::log_header();
        let mut start = vec![0; header.len()];
        let fresh = file.metadata()?.len() == 0;
        if !fresh
            && (file.metadata()?.len() > MAX_CACHE_BYTES
                || file.read_exact(&mut start).is_err()
                || start != header)
        {
            file.set_len(0)?;
        }
        let mut bytes = Vec::with_capacity(records.iter().map(Vec::len).sum::<usize>() + 32);
        if file.metadata()?.len() == 0 {
            bytes.extend_from_slice(&header);
        }
        for record in records {
            bytes.extend_from_slice(record);
        }
        file.write_all(&bytes)
    }

    /// Removes the cache files of other versions (left by an earlier
    /// `roadmap`, which a newer one never reads): `NAME.vN.bin` and
    /// `NAME.vN.log`. Nothing else in the folder is touched.
    fn forget_other_versions(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            let mut pieces = name.split('.');
            let (Some(stem), Some(version), Some(ext), None) =
                (pieces.next(), pieces.next(), pieces.next(), pieces.next())
            else {
                continue;
            };
            let other = version
                .strip_prefix('v')
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n != CACHE_VERSION);
            if other && !stem.is_empty() && matches!(ext, "bin" | "log") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: ItemKind, id: &str, field: &str, value: Val, target: Option<f64>) -> Fact {
        Fact {
            kind,
            id: id.to_owned(),
            field: field.to_owned(),
            value,
            target,
            date: None,
        }
    }

    /// The two versions of a plan's file the tests replay.
    fn versions() -> [(&'static str, Vec<Fact>); 2] {
        [
            (
                "b1",
                vec![
                    fact(
                        ItemKind::Metric,
                        "revenue",
                        "2026-10",
                        Val::Num(5.36e6),
                        Some(6e6),
                    ),
                    fact(
                        ItemKind::Objective,
                        "close",
                        "status",
                        Val::Text("active".into()),
                        None,
                    ),
                ],
            ),
            (
                "b2",
                vec![
                    fact(
                        ItemKind::Metric,
                        "revenue",
                        "2026-11",
                        Val::Num(5.9e6),
                        Some(7e6),
                    ),
                    fact(
                        ItemKind::Objective,
                        "close",
                        "status",
                        Val::Text("done".into()),
                        None,
                    ),
                    Fact {
                        date: NaiveDate::from_ymd_opt(2026, 11, 2),
                        ..fact(ItemKind::Habit, "call", "", Val::Num(1.0), None)
                    },
                ],
            ),
        ]
    }

    /// Each version of [`versions`] committed to each of `paths` in turn,
    /// one commit each, replayed; the last version's facts as the blob log
    /// stores them (postcard).
    fn replayed(paths: &[&str]) -> (Replay, Vec<u8>) {
        let mut replay = Replay::default();
        let mut state = State::default();
        let mut facts_bytes = Vec::new();
        let mut n = 0;
        for (month, (blob, facts)) in versions().into_iter().enumerate() {
            for path in paths {
                let file = FileFacts {
                    as_of: NaiveDate::from_ymd_opt(2026, 10 + month as u32, 28),
                    shape: shape("", &facts),
                    scope: String::new(),
                    facts: facts.clone().into(),
                    broken: false,
                };
                facts_bytes = postcard::to_allocvec(&file).expect("stored");
                let blobs = HashMap::from([(blob_key(path, blob), file)]);
                let commit = PlanCommit {
                    id: format!("{n:040}"),
                    date: NaiveDate::from_ymd_opt(2026, 10 + month as u32, 30).expect("a date"),
                    subject: format!("metrics: commit {n}\u{e9}"),
                    parents: Vec::new(),
                    changes: Vec::new(),
                };
                let changes = std::iter::once((*path, Some(blob)));
                replay.apply(&mut state, &[], changes, &blobs, Some(&commit), commit.date);
                n += 1;
            }
        }
        replay.state = state;
        replay.history.by_date();
        (replay, facts_bytes)
    }

    /// A habit's day is recorded the first time it is marked, under its
    /// own date, and not again when its file is rewritten, unmarked and
    /// marked again, deleted or restored.
    #[test]
    fn a_habit_s_day_is_recorded_once_however_its_file_changes() {
        let path = "plans/checkins/2026-11.yaml";
        let version = |days: &[u32]| {
            let facts: Vec<Fact> = days
                .iter()
                .map(|&day| Fact {
                    date: NaiveDate::from_ymd_opt(2026, 11, day),
                    ..fact(ItemKind::Habit, "call", "", Val::Num(1.0), None)
                })
                .collect();
            FileFacts {
                as_of: None,
                shape: shape("", &facts),
                scope: String::new(),
                facts: facts.into(),
                broken: false,
            }
        };
        let mut replay = Replay::default();
        let mut state = State::default();
        let commits: [Option<&[u32]>; 6] = [
            Some(&[2, 3]),
            Some(&[2, 3, 5]),
            Some(&[3, 5]),
            Some(&[2, 3, 5]),
            None,
            Some(&[2, 3, 5, 6]),
        ];
        for (n, days) in commits.into_iter().enumerate() {
            let blob = format!("b{n}");
            let blobs: HashMap<String, FileFacts> = days
                .map(|days| (blob_key(path, &blob), version(days)))
                .into_iter()
                .collect();
            let commit = PlanCommit {
                id: format!("{n:040}"),
                date: NaiveDate::from_ymd_opt(2026, 11, 10 + n as u32).expect("a date"),
                subject: format!("check-in {n}"),
                parents: Vec::new(),
                changes: Vec::new(),
            };
            let change = (path, days.map(|_| blob.as_str()));
            let changes = std::iter::once(change);
            replay.apply(&mut state, &[], changes, &blobs, Some(&commit), commit.date);
        }
        replay.history.by_date();
        let recorded: Vec<(&str, &str, Option<&str>)> = replay
            .history
            .observations()
            .map(|o| (o.id, o.field, o.commit.map(|c| &c[38..])))
            .collect();
        assert_eq!(
            recorded,
            [
                ("call", "2026-11-02", Some("00")),
                ("call", "2026-11-03", Some("00")),
                ("call", "2026-11-05", Some("01")),
                ("call", "2026-11-06", Some("05")),
            ]
        );
        assert_eq!(replay.history.events().count(), 0, "a habit does not end");
    }

    /// A person's observations by id are those of the whole history with
    /// that person and id, in the same order, each with its commit's
    /// subject.
    #[test]
    fn by_id_is_each_id_s_observations_in_order_with_their_subjects() {
        let paths = [
            "plans/alice/metrics.yaml",
            "plans/bob/metrics.yaml",
            "plans/metrics.yaml",
        ];
        let history = replayed(&paths).0.history;
        let mut seen = 0;
        for person in [Some("alice"), Some("bob"), None, Some("carol")] {
            let mine = history.by_id(person);
            for id in ["revenue", "close", "call", "other"] {
                let grouped: Vec<(Observation, Option<String>)> = mine
                    .of(id)
                    .map(|r| (r.observation, r.subject.map(str::to_owned)))
                    .collect();
                let expected: Vec<(Observation, Option<String>)> = history
                    .observations()
                    .filter(|o| o.person == person && o.id == id)
                    .map(|o| {
                        let n: usize = o.commit.expect("committed").parse().expect("a number");
                        (o, Some(format!("metrics: commit {n}\u{e9}")))
                    })
                    .collect();
                assert_eq!(grouped, expected, "{person:?} {id}");
                let reversed = mine.of(id).rev().map(|r| r.observation);
                assert!(reversed.eq(expected.iter().rev().map(|(o, _)| o.clone())));
                seen += grouped.len();
            }
        }
        assert_eq!(seen, history.observation_count());
        let subject = history
            .by_id(None)
            .of("revenue")
            .last()
            .and_then(|r| r.subject);
        assert_eq!(subject, Some("metrics: commit 5\u{e9}"));
    }

    #[test]
    fn an_index_built_again_from_a_stored_list_finds_what_the_list_holds() {
        let words = ["revenue", "win-rate", "", "pipeline", "revenue", "Revenue"];
        let mut met = Interned::<String>::default();
        let numbers: Vec<u32> = words.iter().map(|w| met.intern(*w)).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 0, 4]);
        // Stored and read back, the list comes without its index; a
        // catch-up builds it again from the list.
        let bytes = postcard::to_allocvec(&met).expect("stored");
        let mut back: Interned<String> = postcard::from_bytes(&bytes).expect("read back");
        assert!(back.index.is_none());
        let again: Vec<u32> = words.iter().map(|w| back.intern(*w)).collect();
        assert_eq!(again, numbers);
        assert_eq!(back.intern("quota"), 5);
        assert_eq!(back.list.len(), 6);
        assert_eq!(back.get(5), "quota");
    }

    /// The cache files' format is the one their version names: a change to
    /// what they store must come with a new [`CACHE_VERSION`], so that a
    /// cache of the old format is rebuilt, never misread. When this fails,
    /// bump the version and pin the new format's checksums here.
    #[test]
    fn the_cache_s_format_is_pinned_to_its_version() {
        let (replay, facts) = replayed(&["plans/alice/metrics.yaml"]);
        assert!(!replay.history.event_rows.is_empty(), "a done event");
        let state = postcard::to_allocvec(&StoredStateOut {
            tip: "tip",
            last: &replay.state.last,
            held: &replay.state.held,
            marks: &replay.state.marks,
            done: &replay.done,
        })
        .expect("stored");
        assert!(!replay.state.last.is_empty() && !replay.done.is_empty());
        assert!(!replay.state.marks.0.is_empty(), "a habit's mark");
        let replay = postcard::to_allocvec(&StoredOut {
            tip: "tip",
            replay: &replay,
        })
        .expect("stored");
        let back: Stored = postcard::from_bytes(&replay).expect("read back");
        let first = back.replay.history.observations().next().expect("a row");
        assert_eq!(first.commit, Some(format!("{:040}", 0).as_str()));
        let mine = back.replay.history.by_id(Some("alice"));
        let subject = mine.of("revenue").last().and_then(|r| r.subject);
        assert_eq!(subject, Some("metrics: commit 1\u{e9}"));
        assert_eq!(back.replay.history.events().count(), 2, "the events");
        let mut marks = back
            .replay
            .history
            .observations()
            .filter(|o| o.id == "call");
        let day = marks.next().expect("a habit's mark");
        assert_eq!(
            (day.field, marks.count()),
            ("2026-11-02", 0),
            "a habit's day"
        );
        assert_eq!(
            (
                CACHE_VERSION,
                crc32fast::hash(&replay),
                crc32fast::hash(&state),
                crc32fast::hash(&facts)
            ),
            (27, 2_109_195_957, 365_308_421, 3_456_463_921),
            "the cache's format changed: bump CACHE_VERSION and pin the new format"
        );
    }
}
