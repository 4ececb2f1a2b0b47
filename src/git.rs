//! The only module that talks to git (through git2): find the repository,
//! resolve revisions, and read `plans/` out of a commit or the index as the
//! same [`RawFile`]s the working tree gives.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use git2::{ObjectType, Oid, Repository, Sort, Tree};

use crate::error::Error;
use crate::layout::PLANS_DIR;
use crate::load::{Content, MAX_FILE_BYTES, RawFile};

const LINK_MODE: i32 = 0o120_000;

/// The mode of a tree entry that is a submodule: a commit of another
/// repository.
const GITLINK_MODE: i32 = 0o160_000;

/// How many of the last commits' `plans/` trees a walk keeps at hand.
const RECENT_TREES: usize = 8;

/// Commits a walk reads through one opening of the repository. libgit2
/// maps a pack file whole, and what was read of it stays resident until
/// the pack is closed: a walk reads every tree of the history, which on a
/// team's repository would leave the whole pack in memory.
const WALK_STRETCH: usize = 1024;

/// The fewest commits a walk compares through one opening of the
/// repository, on one thread of the pool: enough that opening it costs
/// little beside them. A stretch is cut into one run per thread, each
/// opening and each hand-over between threads being paid once.
const WALK_RUN: usize = 64;

/// One commit's `plans/` against its parents'.
struct Compared {
    id: Oid,
    date: NaiveDate,
    subject: String,
    parents: Vec<Oid>,
    /// The first parent whose `plans/` is the same tree.
    same: Option<usize>,
    /// The files changed against the first parent, unless one is the same.
    changes: Vec<FileChange>,
}

/// What a walk has found so far.
#[derive(Default)]
struct Walked {
    commits: Vec<PlanCommit>,
    /// The commit whose `plans/` each commit seen so far holds.
    holds: HashMap<Oid, Option<Oid>>,
    incomplete: bool,
}

/// How much of a pack file libgit2 maps into memory at once; twice this
/// in all. Its defaults (a window of 1 GB, 8 GB in all) map a pack whole,
/// and every page a read touches stays resident until the repository is
/// closed: the walk's first pass over a ten-year team's commits, which lie
/// all through its 190 MB pack, held all of it. Windows of 64 MB cost no
/// time (docs/performance.md).
const PACK_WINDOW: usize = 64 << 20;

/// Bounds what libgit2 maps of a pack ([`PACK_WINDOW`]).
///
/// # Safety
///
/// libgit2 keeps these settings in globals written without a lock: no
/// other thread may be running.
#[allow(unsafe_code)]
pub unsafe fn bound_pack_maps() {
    // SAFETY: the caller's promise, that no other thread is running. A
    // setting refused leaves libgit2's default, which costs only memory.
    unsafe {
        let _ = git2::opts::set_mwindow_size(PACK_WINDOW);
        let _ = git2::opts::set_mwindow_mapped_limit(2 * PACK_WINDOW);
    }
}

pub struct Repo {
    repo: Repository,
}

impl Repo {
    /// The repository that holds `dir`.
    pub fn discover(dir: &Path) -> Result<Repo, Error> {
        // Rehashing every object read costs a tenth of a history read;
        // git itself does not do it either (`git fsck` does).
        git2::opts::strict_hash_verification(false);
        // libgit2 would keep up to 256 MB of parsed objects: a walk visits
        // each tree once or twice, in order, so the cache would mostly
        // hold what is not asked for again.
        git2::opts::enable_caching(false);
        Repository::discover(dir)
            .map(|repo| Repo { repo })
            .map_err(|err| not_opened(dir, &err))
    }

    /// The working tree's root; `None` for a bare repository.
    pub fn workdir(&self) -> Option<PathBuf> {
        self.repo.workdir().map(Path::to_path_buf)
    }

    /// Every file under `plans/` in the commit that `rev` names.
    pub fn files_at(&self, rev: &str) -> Result<Vec<RawFile>, Error> {
        let commit = self
            .repo
            .revparse_single(rev)
            .and_then(|object| object.peel_to_commit())
            .map_err(|err| Error::UnknownRevision {
                rev: rev.to_owned(),
                reason: err.message().to_owned(),
            })?;
        let tree = commit.tree()?;
        let Ok(entry) = tree.get_path(Path::new(PLANS_DIR)) else {
            return Err(Error::NoPlans(format!(
                "commit {rev} ({})",
                short(commit.id())
            )));
        };
        if entry.filemode() == GITLINK_MODE {
            return Err(self.submodule(format!("commit {}", short(commit.id()))));
        }
        let plans = entry.to_object(&self.repo)?.peel_to_tree()?;
        let mut files = Vec::new();
        self.collect_tree(&tree, &plans, PLANS_DIR, &mut files)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn collect_tree(
        &self,
        root: &Tree,
        tree: &Tree,
        prefix: &str,
        out: &mut Vec<RawFile>,
    ) -> Result<(), Error> {
        for entry in tree {
            let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
            let path = format!("{prefix}/{name}");
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    let subtree = entry.to_object(&self.repo)?.peel_to_tree()?;
                    self.collect_tree(root, &subtree, &path, out)?;
                }
                Some(ObjectType::Blob) if entry.filemode() == LINK_MODE => {
                    let target = self.blob_text(entry.id())?;
                    let content = self.follow_link(root, &path, &target)?;
                    out.push(RawFile { path, content });
                }
                Some(ObjectType::Blob) => {
                    let content = self.blob_content(entry.id())?;
                    out.push(RawFile { path, content });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Refuses a `plans/` that is a git submodule, or a repository of its
    /// own, where the plan is read: in the commit `tip` and, when the
    /// working tree is read too, there. Its history is in that other
    /// repository, and reading this one's would show the plan without it.
    pub fn refuse_submodule(&self, tip: Option<&str>, worktree: bool) -> Result<(), Error> {
        if let Some(tip) = tip {
            let commit = self.repo.find_commit(Oid::from_str(tip)?)?;
            if commit
                .tree()?
                .get_path(Path::new(PLANS_DIR))
                .is_ok_and(|entry| entry.filemode() == GITLINK_MODE)
            {
                return Err(self.submodule(format!("commit {}", short(commit.id()))));
            }
        }
        if worktree
            && let Some(workdir) = self.workdir()
            && workdir.join(PLANS_DIR).join(".git").exists()
        {
            return Err(self.submodule("the working tree".to_owned()));
        }
        Ok(())
    }

    /// The error of a `plans/` that is a submodule `at` a point: whether
    /// its checkout holds a `plans/` folder of its own tells what to do.
    fn submodule(&self, at: String) -> Error {
        let own_plans = self
            .workdir()
            .is_some_and(|workdir| workdir.join(PLANS_DIR).join(PLANS_DIR).is_dir());
        Error::PlansSubmodule { at, own_plans }
    }

    /// Every file under `plans/` as staged in the index: what the next
    /// commit would hold.
    pub fn staged_files(&self) -> Result<Vec<RawFile>, Error> {
        let index = self.current_index()?;
        if index
            .get_path(Path::new(PLANS_DIR), 0)
            .is_some_and(|entry| entry.mode == GITLINK_MODE as u32)
        {
            return Err(self.submodule("the index".to_owned()));
        }
        let prefix = format!("{PLANS_DIR}/");
        let mut files = Vec::new();
        for entry in index.iter() {
            let path = String::from_utf8_lossy(&entry.path).into_owned();
            if !path.starts_with(&prefix) {
                continue;
            }
            let content = if entry.mode == LINK_MODE as u32 {
                let target = self.blob_text(entry.id)?;
                match link_target(&path, &target) {
                    Some(inside) => match index.get_path(Path::new(&inside), 0) {
                        Some(target_entry) => self.blob_content(target_entry.id)?,
                        None => Content::Unreadable(format!(
                            "symbolic link to {inside}, which is not staged"
                        )),
                    },
                    None => Content::LinkOutside(target),
                }
            } else {
                self.blob_content(entry.id)?
            };
            files.push(RawFile { path, content });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn blob_content(&self, id: git2::Oid) -> Result<Content, Error> {
        let blob = self.repo.find_blob(id)?;
        let size = blob.size() as u64;
        Ok(if size > MAX_FILE_BYTES {
            Content::TooLarge(size)
        } else {
            Content::Bytes(blob.content().to_vec())
        })
    }

    /// A reader of this repository's blobs that any thread can use.
    pub fn blob_reader(&self) -> BlobReader {
        BlobReader {
            git_dir: self.repo.path().to_path_buf(),
        }
    }

    fn blob_text(&self, id: git2::Oid) -> Result<String, Error> {
        Ok(String::from_utf8_lossy(self.repo.find_blob(id)?.content()).into_owned())
    }

    fn follow_link(&self, root: &Tree, path: &str, target: &str) -> Result<Content, Error> {
        let Some(inside) = link_target(path, target) else {
            return Ok(Content::LinkOutside(target.to_owned()));
        };
        match root.get_path(Path::new(&inside)) {
            Ok(entry)
                if entry.kind() == Some(ObjectType::Blob) && entry.filemode() != LINK_MODE =>
            {
                self.blob_content(entry.id())
            }
            _ => Ok(Content::Unreadable(format!(
                "symbolic link to {inside}, which is not a file in this commit"
            ))),
        }
    }
}

/// Where a relative symbolic link at `path` points, as a repository path,
/// or `None` when it leaves the repository.
fn link_target(path: &str, target: &str) -> Option<String> {
    let target_path = Path::new(target);
    if target_path.is_absolute() {
        return None;
    }
    let mut parts: Vec<String> = path.split('/').map(str::to_owned).collect();
    parts.pop();
    for component in target_path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// One commit that changed `plans/`, with the files it changed.
#[derive(Debug, Clone)]
pub struct PlanCommit {
    pub id: String,
    /// The author date, in the author's time zone.
    pub date: NaiveDate,
    /// The first line of its message (see [`subject`]).
    pub subject: String,
    /// For each parent, the commit whose `plans/` it holds: a commit of the
    /// walk, or the `known` tip; `None` when it holds no `plans/`. Empty for
    /// a root commit and at the boundary of a shallow clone.
    pub parents: Vec<Option<String>>,
    /// The files changed against the first parent.
    pub changes: Vec<FileChange>,
}

/// A file of `plans/` changed by a commit: its new blob, or `None` when the
/// commit deleted it.
#[derive(Debug, Clone)]
pub struct FileChange {
    pub path: String,
    pub blob: Option<String>,
}

/// The commits of a walk, oldest first, and what bounds it.
#[derive(Debug, Default)]
pub struct Walk {
    pub commits: Vec<PlanCommit>,
    /// The tip the walk started from.
    pub tip: Option<String>,
    /// The commit whose `plans/` the tip holds, as in
    /// [`PlanCommit::parents`].
    pub tip_state: Option<String>,
    /// Set when a commit of the walk has a parent older than `known` (a
    /// branch that forked before it): that parent's state is not known, so
    /// the walk must start over without `known`.
    pub incomplete: bool,
    /// Set when the repository is a shallow clone: history starts here.
    pub shallow: bool,
}

impl Repo {
    /// Where roadmap keeps its cache: inside the git directory shared by
    /// every worktree.
    pub fn cache_dir(&self) -> PathBuf {
        self.repo.commondir().join("roadmap")
    }

    /// The commit `rev` names, as a full hex id; `None` for `HEAD` in a
    /// repository without commits.
    pub fn resolve(&self, rev: &str) -> Result<Option<String>, Error> {
        match self
            .repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
        {
            Ok(commit) => Ok(Some(commit.id().to_string())),
            Err(_) if rev == "HEAD" && self.repo.head().is_err() => Ok(None),
            Err(err) => Err(Error::UnknownRevision {
                rev: rev.to_owned(),
                reason: err.message().to_owned(),
            }),
        }
    }

    /// Every commit reachable from `tip` that changed `plans/`, oldest
    /// first (parents before children), stopping at `known` (a tip an
    /// earlier walk already covered). Each commit comes with its changes
    /// against its first parent and where each parent stands, so a merge
    /// can tell what it brings from a branch (already counted there) from
    /// what it changes itself.
    ///
    /// The trees are read a stretch of commits at a time, each stretch
    /// through the repository opened again (see [`WALK_STRETCH`]).
    pub fn walk_plans(&mut self, tip: &str, known: Option<&str>) -> Result<Walk, Error> {
        self.walk_in_stretches(tip, known, WALK_STRETCH)
    }

    fn walk_in_stretches(
        &mut self,
        tip: &str,
        known: Option<&str>,
        stretch_len: usize,
    ) -> Result<Walk, Error> {
        let tip_oid = Oid::from_str(tip)?;
        let known = known.map(Oid::from_str).transpose()?;
        let order: Vec<Oid> = {
            let mut walk = self.repo.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
            walk.push(tip_oid)?;
            if let Some(known) = known {
                walk.hide(known)?;
            }
            walk.collect::<Result<_, _>>()?
        };
        let mut walked = Walked::default();
        if let Some(known) = known {
            walked.holds.insert(known, Some(known));
        }
        // The commits were read out of the pack already: a long walk lets
        // go of them before its first stretch as well.
        let long = order.len() > stretch_len;
        for stretch in order.chunks(stretch_len) {
            if long {
                self.reopen()?;
            }
            self.walk_stretch(stretch, &mut walked)?;
        }
        let Walked {
            commits,
            holds,
            incomplete,
        } = walked;
        Ok(Walk {
            commits,
            tip: Some(tip.to_owned()),
            tip_state: holds.get(&tip_oid).copied().flatten().map(oid_hex),
            incomplete,
            shallow: self.repo.is_shallow(),
        })
    }

    /// Opens the repository again, and closes the pool's blob readers:
    /// once no repository has a pack file open, libgit2 lets go of its
    /// mapping, and with it what was read of the pack.
    fn reopen(&mut self) -> Result<(), Error> {
        close_blob_readers();
        self.repo = Repository::open(self.repo.path())?;
        Ok(())
    }

    /// Walks `stretch`, commits in the order of [`Repo::walk_plans`]. A
    /// long stretch is compared on the pool, in one run per thread (of at
    /// least [`WALK_RUN`] commits), each through a repository opened for
    /// it (a repository cannot be shared between threads); what the
    /// commits hold is then put in order here.
    fn walk_stretch(&self, stretch: &[Oid], walked: &mut Walked) -> Result<(), Error> {
        let run_len = stretch
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(WALK_RUN);
        self.walk_in_runs(stretch, walked, run_len)
    }

    fn walk_in_runs(
        &self,
        stretch: &[Oid],
        walked: &mut Walked,
        run_len: usize,
    ) -> Result<(), Error> {
        use rayon::prelude::*;
        let compared: Vec<Compared> = if stretch.len() <= run_len {
            self.compare_run(stretch)?
        } else {
            let git_dir = self.repo.path();
            let runs: Vec<Vec<Compared>> = stretch
                .par_chunks(run_len)
                .map(|run| {
                    let repo = Repo {
                        repo: Repository::open(git_dir)?,
                    };
                    repo.compare_run(run)
                })
                .collect::<Result<_, Error>>()?;
            runs.into_iter().flatten().collect()
        };
        let Walked {
            commits,
            holds,
            incomplete,
        } = walked;
        for commit in compared {
            let parents: Vec<Option<Oid>> = commit
                .parents
                .iter()
                .map(|parent| {
                    holds.get(parent).copied().unwrap_or_else(|| {
                        *incomplete = true;
                        None
                    })
                })
                .collect();
            if let Some(same) = commit.same {
                holds.insert(commit.id, parents[same]);
                continue;
            }
            if commit.changes.is_empty() {
                holds.insert(commit.id, parents.first().copied().flatten());
                continue;
            }
            holds.insert(commit.id, Some(commit.id));
            commits.push(PlanCommit {
                id: oid_hex(commit.id),
                date: commit.date,
                subject: commit.subject,
                parents: parents.into_iter().map(|p| p.map(oid_hex)).collect(),
                changes: commit.changes,
            });
        }
        Ok(())
    }

    /// Compares the `plans/` of each commit of `run` with its parents'.
    fn compare_run(&self, run: &[Oid]) -> Result<Vec<Compared>, Error> {
        // The `plans/` trees of the last few commits: a commit's parent
        // was almost always just read, and reading a tree twice costs as
        // much as the first time.
        let mut recent: VecDeque<(Oid, Option<Tree>)> = VecDeque::with_capacity(RECENT_TREES);
        let mut trees = TreeCache::default();
        let mut compared = Vec::with_capacity(run.len());
        for &oid in run {
            let commit = self.repo.find_commit(oid)?;
            let own = self.plans_tree(&commit)?;
            let parents: Vec<Oid> = commit.parent_ids().collect();
            let mut parent_trees = Vec::new();
            for &parent in &parents {
                let seen = recent.iter().find(|(id, _)| *id == parent);
                parent_trees.push(match seen {
                    Some((_, tree)) => tree.clone(),
                    None => self.plans_tree(&self.repo.find_commit(parent)?)?,
                });
            }
            if recent.len() == RECENT_TREES {
                recent.pop_front();
            }
            recent.push_back((oid, own.clone()));
            let own_id = own.as_ref().map(Tree::id);
            let same = parent_trees
                .iter()
                .position(|p| p.as_ref().map(Tree::id) == own_id);
            let mut changes = Vec::new();
            if same.is_none() {
                let first = parent_trees.first().and_then(Option::as_ref);
                self.compare_trees(&mut trees, first, own.as_ref(), PLANS_DIR, &mut changes)?;
                changes.sort_by(|a, b| a.path.cmp(&b.path));
                trees.next_commit();
            }
            compared.push(Compared {
                id: oid,
                date: author_date(&commit),
                subject: subject(&commit),
                parents,
                same,
                changes,
            });
        }
        Ok(compared)
    }

    /// The `plans/` folder of a commit, if it has one.
    fn plans_tree(&self, commit: &git2::Commit) -> Result<Option<Tree<'_>>, Error> {
        match plans_id(commit)? {
            Some(id) => Ok(Some(self.repo.find_tree(id)?)),
            None => Ok(None),
        }
    }

    /// The commits where a shallow clone's history starts (the content of
    /// `.git/shallow`); empty for a complete repository.
    pub fn shallow_boundary(&self) -> String {
        std::fs::read_to_string(self.repo.commondir().join("shallow")).unwrap_or_default()
    }

    /// The files that differ between two versions of the folder `prefix`
    /// (`None`: it did not exist), added to `changes`: the new blob of each
    /// added or changed file, `None` for a deleted one. Symbolic links and
    /// submodules are not plan files. Subtrees with the same id are not
    /// opened, and a tree read for the previous commit is not read again.
    fn compare_trees<'r>(
        &'r self,
        trees: &mut TreeCache<'r>,
        old: Option<&Tree<'r>>,
        new: Option<&Tree<'r>>,
        prefix: &str,
        changes: &mut Vec<FileChange>,
    ) -> Result<(), Error> {
        // Each side's entries in name order (a tree lists a folder as if
        // its name ended in `/`, so it is nearly sorted already), walked
        // side by side; only entries that differ get a path.
        fn entries<'t>(tree: Option<&'t Tree<'_>>) -> Vec<git2::TreeEntry<'t>> {
            let mut entries: Vec<git2::TreeEntry<'t>> =
                tree.into_iter().flat_map(Tree::iter).collect();
            entries.sort_by(|a, b| a.name_bytes().cmp(b.name_bytes()));
            entries
        }
        let side = |entry: &git2::TreeEntry<'_>| {
            let kind = match entry.kind() {
                Some(ObjectType::Tree) => EntryKind::Folder,
                Some(ObjectType::Blob) if entry.filemode() != LINK_MODE => EntryKind::File,
                _ => EntryKind::Other,
            };
            (entry.id(), kind)
        };
        let (before, after) = (entries(old), entries(new));
        let (mut b, mut a) = (0, 0);
        while b < before.len() || a < after.len() {
            use std::cmp::Ordering;
            let order = match (before.get(b), after.get(a)) {
                (Some(was), Some(is)) => was.name_bytes().cmp(is.name_bytes()),
                (Some(_), None) => Ordering::Less,
                _ => Ordering::Greater,
            };
            let (was, is) = match order {
                Ordering::Less => (before.get(b), None),
                Ordering::Greater => (None, after.get(a)),
                Ordering::Equal => (before.get(b), after.get(a)),
            };
            b += usize::from(order.is_le());
            a += usize::from(order.is_ge());
            let (was_side, is_side) = (was.map(side), is.map(side));
            if was_side == is_side {
                continue;
            }
            let name = String::from_utf8_lossy(was.or(is).map_or(&[][..], |e| e.name_bytes()));
            let (was, is) = (was_side.as_ref(), is_side.as_ref());
            let path = format!("{prefix}/{name}");
            let folder = |side: Option<&(Oid, EntryKind)>| {
                side.filter(|(_, kind)| *kind == EntryKind::Folder)
                    .map(|(id, _)| *id)
            };
            let (old_folder, new_folder) = (folder(was), folder(is));
            if old_folder.is_some() || new_folder.is_some() {
                let old_tree = old_folder.map(|id| trees.get(&self.repo, id)).transpose()?;
                let new_tree = new_folder.map(|id| trees.get(&self.repo, id)).transpose()?;
                self.compare_trees(trees, old_tree.as_ref(), new_tree.as_ref(), &path, changes)?;
            }
            match (was, is) {
                (_, Some((id, EntryKind::File))) => changes.push(FileChange {
                    path,
                    blob: Some(oid_hex(*id)),
                }),
                (Some((_, EntryKind::File)), None | Some((_, EntryKind::Folder))) => {
                    changes.push(FileChange { path, blob: None });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The id of the `plans/` tree of the commit `rev` names; `None` when
    /// there is no such commit or it holds no `plans/`.
    pub fn plans_tree_id(&self, rev: &str) -> Option<String> {
        let commit = self.repo.revparse_single(rev).ok()?.peel_to_commit().ok()?;
        plans_id(&commit).ok().flatten().map(|id| id.to_string())
    }

    /// The author date of the newest commit, from `tip` back along first
    /// parents, that changed `plans/`: the plan's last update there.
    /// `None` when no commit holds `plans/`.
    pub fn last_plan_change(&self, tip: &str) -> Result<Option<NaiveDate>, Error> {
        let mut commit = self.repo.find_commit(Oid::from_str(tip)?)?;
        let Some(here) = plans_id(&commit)? else {
            return Ok(None);
        };
        loop {
            match commit.parent(0) {
                Ok(parent) if plans_id(&parent)? == Some(here) => commit = parent,
                _ => return Ok(Some(author_date(&commit))),
            }
        }
    }

    /// The author date of the newest commit, from `tip` back along first
    /// parents, that changed each of `folders` (names under `plans/`): a
    /// team member's last update. A folder no commit holds is left out.
    pub fn last_folder_changes(
        &self,
        tip: &str,
        folders: &[&str],
    ) -> Result<BTreeMap<String, NaiveDate>, Error> {
        let ids = |commit: &git2::Commit| -> Result<Vec<Option<Oid>>, Error> {
            let Some(plans) = plans_id(commit)? else {
                return Ok(vec![None; folders.len()]);
            };
            let tree = self.repo.find_tree(plans)?;
            Ok(folders
                .iter()
                .map(|f| tree.get_name(f).map(|e| e.id()))
                .collect())
        };
        let mut found = BTreeMap::new();
        let mut commit = self.repo.find_commit(Oid::from_str(tip)?)?;
        let mut here = ids(&commit)?;
        loop {
            let parent = commit.parent(0).ok();
            let before = match &parent {
                Some(p) => ids(p)?,
                None => vec![None; folders.len()],
            };
            for ((folder, now), then) in folders.iter().zip(&here).zip(&before) {
                if now.is_some() && now != then && !found.contains_key(*folder) {
                    found.insert((*folder).to_owned(), author_date(&commit));
                }
            }
            let done = folders
                .iter()
                .zip(&here)
                .all(|(f, id)| id.is_none() || found.contains_key(*f));
            match parent {
                Some(p) if !done => {
                    commit = p;
                    here = before;
                }
                _ => return Ok(found),
            }
        }
    }

    /// What a point in time can be in this repository, for messages: the
    /// range of its commits' dates and its review tags.
    pub fn range_and_tags(&self) -> Result<String, Error> {
        let range = self.date_range()?.map_or_else(
            || "the repository has no commits yet".to_owned(),
            |(lo, hi)| format!("this repository's commits run from {lo} to {hi}"),
        );
        let tags: Vec<String> = self
            .review_tags()?
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        Ok(if tags.is_empty() {
            format!("{range}; it has no review tags")
        } else {
            format!("{range}; review tags: {}", tags.join(", "))
        })
    }

    /// The author date of a commit.
    pub fn commit_date(&self, id: &str) -> Result<NaiveDate, Error> {
        Ok(author_date(&self.repo.find_commit(Oid::from_str(id)?)?))
    }

    /// The newest commit reachable from HEAD whose author date is on or
    /// before `date`.
    pub fn commit_on_or_before(&self, date: NaiveDate) -> Result<Option<String>, Error> {
        if self.repo.head().is_err() {
            return Ok(None);
        }
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(Sort::TIME)?;
        walk.push_head()?;
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            if author_date(&commit) <= date {
                return Ok(Some(oid_hex(commit.id())));
            }
        }
        Ok(None)
    }

    /// The review tags (`review/...`), oldest commit first, with their commits.
    pub fn review_tags(&self) -> Result<Vec<(String, String)>, Error> {
        let mut tags = Vec::new();
        for name in self
            .repo
            .tag_names(Some("review/*"))?
            .iter()
            .filter_map(|n| n.ok().flatten())
        {
            if let Ok(commit) = self
                .repo
                .revparse_single(&format!("refs/tags/{name}"))
                .and_then(|o| o.peel_to_commit())
            {
                tags.push((
                    commit.time().seconds(),
                    name.to_owned(),
                    oid_hex(commit.id()),
                ));
            }
        }
        tags.sort();
        Ok(tags.into_iter().map(|(_, name, id)| (name, id)).collect())
    }

    /// The last review: the newer of the newest `review/*` tag and the
    /// newest commit from HEAD whose message starts with `review`. Returns
    /// a label and the commit.
    pub fn latest_review(&self) -> Result<Option<(String, String)>, Error> {
        let tag = self.review_tags()?.pop();
        if self.repo.head().is_err() {
            return Ok(tag);
        }
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(Sort::TIME)?;
        walk.push_head()?;
        let mut commit_review = None;
        for oid in walk {
            let commit = self.repo.find_commit(oid?)?;
            if commit
                .message()
                .is_ok_and(|m| m.trim_start().to_lowercase().starts_with("review"))
            {
                let summary = commit
                    .summary()
                    .ok()
                    .flatten()
                    .unwrap_or("review")
                    .to_owned();
                commit_review = Some((commit.time().seconds(), summary, oid_hex(commit.id())));
                break;
            }
        }
        let tag_time = |id: &str| {
            Oid::from_str(id)
                .and_then(|oid| self.repo.find_commit(oid))
                .map_or(i64::MIN, |c| c.time().seconds())
        };
        Ok(match (tag, commit_review) {
            (Some(tag), Some((time, ..))) if tag_time(&tag.1) >= time => Some(tag),
            (_, Some((_, summary, id))) => Some((summary, id)),
            (tag, None) => tag,
        })
    }

    /// The first and last author dates of commits reachable from HEAD.
    pub fn date_range(&self) -> Result<Option<(NaiveDate, NaiveDate)>, Error> {
        if self.repo.head().is_err() {
            return Ok(None);
        }
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        let mut range: Option<(NaiveDate, NaiveDate)> = None;
        for oid in walk {
            let date = author_date(&self.repo.find_commit(oid?)?);
            range = Some(range.map_or((date, date), |(lo, hi)| (lo.min(date), hi.max(date))));
        }
        Ok(range)
    }

    /// True when `ancestor` is `descendant` or one of its ancestors.
    pub fn is_ancestor(&self, ancestor: &str, descendant: &str) -> bool {
        match (Oid::from_str(ancestor), Oid::from_str(descendant)) {
            (Ok(a), Ok(d)) => a == d || self.repo.graph_descendant_of(d, a).unwrap_or(false),
            _ => false,
        }
    }

    /// The bytes of a blob, by hex id.
    pub fn blob(&self, id: &str) -> Result<Content, Error> {
        self.blob_content(Oid::from_str(id)?)
    }
}

/// What a tree entry is, as far as plans go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Folder,
    File,
    /// A symbolic link or a submodule.
    Other,
}

/// Trees read during a walk, by id, for the commit being compared and the
/// one before it: a commit's old side is what was read as the new side of
/// its parent, usually the commit just compared.
#[derive(Default)]
struct TreeCache<'r> {
    previous: HashMap<Oid, Tree<'r>>,
    current: HashMap<Oid, Tree<'r>>,
}

impl<'r> TreeCache<'r> {
    fn get(&mut self, repo: &'r Repository, id: Oid) -> Result<Tree<'r>, Error> {
        if let Some(tree) = self.current.get(&id).or_else(|| self.previous.get(&id)) {
            let tree = tree.clone();
            self.current.insert(id, tree.clone());
            return Ok(tree);
        }
        let tree = repo.find_tree(id)?;
        self.current.insert(id, tree.clone());
        Ok(tree)
    }

    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// Reads blobs from any thread: a repository handle cannot be shared
/// between threads, so each thread opens its own, once.
pub struct BlobReader {
    git_dir: PathBuf,
}

thread_local! {
    /// The repository a thread reads blobs through, kept open from one
    /// blob to the next.
    static OPEN: std::cell::RefCell<Option<(PathBuf, Repo)>> =
        const { std::cell::RefCell::new(None) };
}

/// Closes the repositories the thread pool reads blobs through. libgit2
/// maps a pack file whole, and what was read of it stays resident while
/// any repository has it open: a long history's pack would otherwise end
/// up in memory in full. Called between batches, when no thread is
/// reading; a thread opens its repository again at its next blob.
pub(crate) fn close_blob_readers() {
    rayon::broadcast(|_| OPEN.with(|open| open.borrow_mut().take()));
}

impl BlobReader {
    pub fn blob(&self, id: &str) -> Result<Content, Error> {
        OPEN.with(|open| {
            let mut open = open.borrow_mut();
            let repo = match open.take() {
                Some((dir, repo)) if dir == self.git_dir => repo,
                _ => Repo {
                    repo: Repository::open(&self.git_dir)?,
                },
            };
            let content = repo.blob(id);
            *open = Some((self.git_dir.clone(), repo));
            content
        })
    }
}

/// Makes `dir` a git repository unless it already lies inside one. True
/// when it made one.
pub(crate) fn init_if_needed(dir: &Path) -> Result<bool, Error> {
    match Repository::discover(dir) {
        Ok(_) => return Ok(false),
        Err(err) if err.code() == git2::ErrorCode::Owner => return Err(not_opened(dir, &err)),
        Err(_) => {}
    }
    Repository::init(dir)?;
    Ok(true)
}

/// The git folder of the work tree that holds `dir` (for a linked work
/// tree, its own folder under the main one's `worktrees/`), found without
/// opening the repository: what a command that may not need the repository
/// at all can afford to ask.
pub(crate) fn git_dir_of(dir: &Path) -> Option<PathBuf> {
    Repository::discover_path(dir, std::iter::empty::<&std::ffi::OsStr>()).ok()
}

/// The work tree of the repository whose git folder is `git_dir`; `None`
/// for a bare repository or one that does not open.
pub(crate) fn work_dir_of(git_dir: &Path) -> Option<PathBuf> {
    Repository::open(git_dir)
        .ok()
        .and_then(|repo| repo.workdir().map(Path::to_path_buf))
}

/// The id git would give `bytes` as a blob: a content hash that names the
/// same text the same way everywhere.
pub(crate) fn blob_id(bytes: &[u8]) -> String {
    // Hashing in memory with no repository has no way to fail.
    Oid::hash_object(ObjectType::Blob, bytes).map_or_else(|_| String::new(), oid_hex)
}

/// Why the repository holding `dir` could not be opened: git's ownership
/// check said in git's words, with the folder `safe.directory` must name;
/// else there is no repository.
fn not_opened(dir: &Path, err: &git2::Error) -> Error {
    if err.code() != git2::ErrorCode::Owner {
        return Error::NotARepository(dir.to_path_buf());
    }
    // Finding the repository does not check its owner, opening it does.
    let trusted = Repository::discover_path(dir, std::iter::empty::<&str>())
        .map_or_else(|_| dir.to_path_buf(), |git_dir| safe_directory(&git_dir));
    Error::NotOwned {
        path: trusted,
        reason: err.message().to_owned(),
    }
}

/// The folder git's `safe.directory` must name for the repository whose
/// git directory is `git_dir`: its working tree (a linked worktree's own,
/// as its `gitdir` file says), or the git directory of a bare one.
fn safe_directory(git_dir: &Path) -> PathBuf {
    let git_dir = git_dir
        .canonicalize()
        .unwrap_or_else(|_| git_dir.to_path_buf());
    let linked = std::fs::read_to_string(git_dir.join("gitdir"))
        .ok()
        .map(|text| PathBuf::from(text.trim()))
        .and_then(|file| file.parent().map(Path::to_path_buf));
    if let Some(worktree) = linked {
        return worktree;
    }
    match (git_dir.file_name(), git_dir.parent()) {
        (Some(name), Some(parent)) if name == ".git" => parent.to_path_buf(),
        _ => git_dir,
    }
}

fn oid_hex(id: Oid) -> String {
    id.to_string()
}

/// The id of a commit's `plans/` folder, if it has one.
fn plans_id(commit: &git2::Commit) -> Result<Option<Oid>, Error> {
    Ok(match commit.tree()?.get_path(Path::new(PLANS_DIR)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Some(entry.id()),
        _ => None,
    })
}

/// The first line of a commit's message (git's subject: its first
/// paragraph, on one line); empty when it has none.
fn subject(commit: &git2::Commit) -> String {
    String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned()
}

fn author_date(commit: &git2::Commit) -> NaiveDate {
    let when = commit.author().when();
    let offset = FixedOffset::east_opt(when.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
    DateTime::from_timestamp(when.seconds(), 0)
        .map(|utc| utc.with_timezone(&offset).date_naive())
        .unwrap_or_default()
}

fn short(id: git2::Oid) -> String {
    id.to_string()[..7].to_owned()
}

// --- A push, as a server's pre-receive hook sees it ---

/// One ref a push updates: a line `OLD NEW REF` that git gives a
/// pre-receive hook. An id of zeros is a ref that does not exist: `old`
/// for a ref the push creates, `new` for one it deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUpdate {
    pub old: String,
    pub new: String,
    pub name: String,
}

/// A commit a push brings that the repository holds in none of its refs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedCommit {
    pub id: String,
    /// The first ref of the push that brings it.
    pub reference: String,
    /// The first line of its message.
    pub summary: String,
    /// Its `plans/` tree; `None` when it holds no `plans/`.
    pub plans: Option<String>,
}

impl Repo {
    /// The repository a server hook runs in. git names it in the hook's
    /// environment (`GIT_DIR`) and, while a push is in quarantine, names
    /// where its new objects wait (`GIT_OBJECT_DIRECTORY`, with the
    /// repository's own objects in `GIT_ALTERNATE_OBJECT_DIRECTORIES`):
    /// only through those are the pushed commits visible. Without
    /// `GIT_DIR`, the repository holding `dir`.
    pub fn for_hook(dir: &Path) -> Result<Repo, Error> {
        if std::env::var_os("GIT_DIR").is_none() {
            return Repo::discover(dir);
        }
        git2::opts::strict_hash_verification(false);
        Repository::open_from_env()
            .map(|repo| Repo { repo })
            .map_err(|err| not_opened(dir, &err))
    }

    /// The commits `updates` bring that no ref of the repository reaches
    /// yet (a pre-receive hook runs before any ref moves), each once,
    /// oldest first within the ref that first brings it. A deletion brings
    /// none; a tag is followed to its commit, and a tag of anything but a
    /// commit brings none. A force push brings only the commits that are
    /// new: those it drops from the branch are not checked.
    pub fn pushed_commits(&self, updates: &[RefUpdate]) -> Result<Vec<PushedCommit>, Error> {
        let mut seen = std::collections::HashSet::new();
        let mut commits = Vec::new();
        for update in updates {
            let Ok(new) = Oid::from_str(&update.new) else {
                return Err(Error::Usage(format!(
                    "`{}` in the update of {} is not a commit id",
                    update.new, update.name
                )));
            };
            if new.is_zero() {
                continue;
            }
            let object = self.repo.find_object(new, None)?;
            let Ok(tip) = object.peel(ObjectType::Commit) else {
                continue;
            };
            let mut walk = self.repo.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
            walk.push(tip.id())?;
            walk.hide_glob("refs/*")?;
            for id in walk {
                let id = id?;
                if !seen.insert(id) {
                    continue;
                }
                let commit = self.repo.find_commit(id)?;
                commits.push(PushedCommit {
                    id: id.to_string(),
                    reference: update.name.clone(),
                    summary: subject(&commit),
                    plans: plans_id(&commit)?.map(|id| id.to_string()),
                });
            }
        }
        Ok(commits)
    }
}

// --- Git hooks: where they live and where their background work reports ---

/// Where `roadmap hooks` installs: what `git rev-parse --git-path hooks`
/// answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HooksDir {
    pub path: PathBuf,
    /// Set when `core.hooksPath` chose the folder: the value as written and
    /// the configuration file it came from (local, global, system...).
    pub configured: Option<(String, String)>,
}

impl Repo {
    /// The folder git runs hooks from: `core.hooksPath` (relative to the
    /// working tree's root), else `hooks/` in the git directory every
    /// worktree shares.
    pub fn hooks_dir(&self) -> Result<HooksDir, Error> {
        let config = self.repo.config()?.snapshot()?;
        let configured = config
            .get_entry("core.hooksPath")
            .ok()
            .and_then(|entry| {
                let value = entry.value().ok()?.to_owned();
                let level = format!("{:?}", entry.level()).to_lowercase();
                Some((value, level))
            })
            .filter(|(value, _)| !value.is_empty());
        let Some((value, level)) = configured else {
            return Ok(HooksDir {
                path: self.repo.commondir().join("hooks"),
                configured: None,
            });
        };
        let expanded = config
            .get_path("core.hooksPath")
            .unwrap_or_else(|_| PathBuf::from(&value));
        let base = self
            .repo
            .workdir()
            .unwrap_or_else(|| self.repo.path())
            .to_path_buf();
        Ok(HooksDir {
            path: base.join(expanded),
            configured: Some((value, level)),
        })
    }

    /// This worktree's own git directory (`.git`, or
    /// `.git/worktrees/<name>` in a linked worktree): where the hooks'
    /// background rebuild leaves its log.
    pub fn worktree_git_dir(&self) -> PathBuf {
        self.repo.path().to_path_buf()
    }

    /// The index, or the one `GIT_INDEX_FILE` names: git points hooks at a
    /// temporary index for `git commit -a` and `git commit <paths>`, and
    /// that is what the commit will hold.
    fn current_index(&self) -> Result<git2::Index, Error> {
        match std::env::var_os("GIT_INDEX_FILE").filter(|f| !f.is_empty()) {
            Some(file) => Ok(git2::Index::open(Path::new(&file))?),
            None => Ok(self.repo.index()?),
        }
    }
}

// --- Commits and tags of `roadmap record` and `roadmap review` ---

impl Repo {
    /// Commits the files at `paths` (relative to the working tree's root)
    /// as they are on disk, and nothing else, like `git commit -- <paths>`:
    /// other staged changes stay staged. Returns the new commit's id.
    ///
    /// A signal that arrives meanwhile waits until the commit and the
    /// index are written (see `signals`): no `index.lock` or branch lock
    /// is left behind.
    pub fn commit_files(&self, paths: &[String], message: &str) -> Result<String, Error> {
        crate::signals::critical(|| self.commit_files_now(paths, message))
    }

    fn commit_files_now(&self, paths: &[String], message: &str) -> Result<String, Error> {
        let workdir = self.repo.workdir().ok_or_else(|| {
            Error::Usage("a bare repository has no working tree to commit from".to_owned())
        })?;
        let signature = self.repo.signature().map_err(|_| {
            Error::Usage(
                "git knows no name and email to commit with: set `git config user.name` and `git config user.email`"
                    .to_owned(),
            )
        })?;
        // HEAD's tree with these files replaced, built apart from the index.
        let mut tree_index = git2::Index::new()?;
        if let Some(parent) = self.head_commit()? {
            tree_index.read_tree(&parent.tree()?)?;
        }
        for path in paths {
            let bytes =
                std::fs::read(workdir.join(path)).map_err(|e| Error::io(path.clone(), e))?;
            let mode = tree_index
                .get_path(Path::new(path), 0)
                .map_or(0o100_644, |entry| entry.mode);
            self.add_blob(&mut tree_index, path, &bytes, mode)?;
        }
        let id = self.commit_tree_on_head(&mut tree_index, &signature, message)?;
        let mut index = self.repo.index()?;
        for path in paths {
            index.add_path(Path::new(path))?;
        }
        index.write()?;
        Ok(id)
    }

    fn head_commit(&self) -> Result<Option<git2::Commit<'_>>, Error> {
        match self.repo.head() {
            Ok(head) => Ok(Some(head.peel_to_commit()?)),
            Err(_) => Ok(None),
        }
    }

    /// Stores `bytes` as a blob and puts it at `path` in `index`.
    fn add_blob(
        &self,
        index: &mut git2::Index,
        path: &str,
        bytes: &[u8],
        mode: u32,
    ) -> Result<(), Error> {
        index.add(&git2::IndexEntry {
            ctime: git2::IndexTime::new(0, 0),
            mtime: git2::IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode,
            uid: 0,
            gid: 0,
            file_size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            id: self.repo.blob(bytes)?,
            flags: u16::try_from(path.len().min(0xfff)).unwrap_or(0xfff),
            flags_extended: 0,
            path: path.as_bytes().to_vec(),
        })?;
        Ok(())
    }

    /// Commits `index`'s tree on top of HEAD (or as the first commit) and
    /// moves HEAD to it; returns the commit's id.
    fn commit_tree_on_head(
        &self,
        index: &mut git2::Index,
        signature: &git2::Signature<'_>,
        message: &str,
    ) -> Result<String, Error> {
        let tree = self.repo.find_tree(index.write_tree_to(&self.repo)?)?;
        let parent = self.head_commit()?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let id = self
            .repo
            .commit(Some("HEAD"), signature, signature, message, &tree, &parents)?;
        Ok(oid_hex(id))
    }

    /// Tags `commit` with an annotated tag `name`; refuses a tag that exists.
    pub fn tag_commit(&self, name: &str, commit: &str, message: &str) -> Result<(), Error> {
        crate::signals::critical(|| self.tag_commit_now(name, commit, message))
    }

    fn tag_commit_now(&self, name: &str, commit: &str, message: &str) -> Result<(), Error> {
        if self
            .repo
            .find_reference(&format!("refs/tags/{name}"))
            .is_ok()
        {
            return Err(Error::Usage(format!("the tag {name} exists already")));
        }
        let signature = self.repo.signature()?;
        let object = self.repo.find_object(Oid::from_str(commit)?, None)?;
        self.repo.tag(name, &object, &signature, message, false)?;
        Ok(())
    }

    /// True when the working tree's root is `dir` or holds it.
    pub fn holds(&self, dir: &Path) -> bool {
        match (
            self.repo.workdir().and_then(|w| w.canonicalize().ok()),
            dir.canonicalize(),
        ) {
            (Some(workdir), Ok(dir)) => dir.starts_with(workdir),
            _ => false,
        }
    }
}

// --- A repository written from scratch, with dated history: `roadmap demo` ---

/// Who a written commit or tag is by.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

impl Repo {
    /// Makes a new repository with a working tree at `dir`, its first
    /// branch `main`.
    pub fn create(dir: &Path) -> Result<Repo, Error> {
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main").mkdir(true);
        Ok(Repo {
            repo: Repository::init_opts(dir, &options)?,
        })
    }

    /// Commits `files` (paths from the working tree's root, and contents)
    /// on HEAD as the commit's whole tree, by `author` at `when` for both
    /// author and committer. Neither the index nor the working tree is
    /// touched. Returns the new commit's id.
    pub fn commit_snapshot(
        &self,
        files: &[(String, Vec<u8>)],
        message: &str,
        author: Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String, Error> {
        let mut index = git2::Index::new()?;
        for (path, bytes) in files {
            self.add_blob(&mut index, path, bytes, 0o100_644)?;
        }
        let signature = signature_at(author, when)?;
        crate::signals::critical(|| self.commit_tree_on_head(&mut index, &signature, message))
    }

    /// Tags `commit` with an annotated tag by `author` at `when`.
    pub fn tag_at(
        &self,
        name: &str,
        commit: &str,
        message: &str,
        author: Author,
        when: DateTime<FixedOffset>,
    ) -> Result<(), Error> {
        let object = self.repo.find_object(Oid::from_str(commit)?, None)?;
        let signature = signature_at(author, when)?;
        crate::signals::critical(|| self.repo.tag(name, &object, &signature, message, false))?;
        Ok(())
    }

    /// Writes HEAD's files into the working tree and the index.
    pub fn check_out_head(&self) -> Result<(), Error> {
        let mut checkout = git2::build::CheckoutBuilder::new();
        checkout.force();
        crate::signals::critical(|| self.repo.checkout_head(Some(&mut checkout)))?;
        Ok(())
    }
}

fn signature_at(
    author: Author,
    when: DateTime<FixedOffset>,
) -> Result<git2::Signature<'static>, Error> {
    let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
    Ok(git2::Signature::new(author.name, author.email, &time)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blob_id_is_the_id_git_gives_the_same_bytes() {
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    /// A repository with `plans/` files added, changed, moved and deleted,
    /// a branch merged back, and commits that leave `plans/` alone; and
    /// its tip.
    fn eventful_repository(dir: &Path) -> Result<(Repo, String), Error> {
        let repo = Repo {
            repo: Repository::init(dir)?,
        };
        let who = git2::Signature::new("T", "t@example.com", &git2::Time::new(1_767_225_600, 0))?;
        let commit = |files: &[(&str, String)], parents: &[Oid], n: usize| -> Result<Oid, Error> {
            let mut index = git2::Index::new()?;
            for (path, text) in files {
                repo.add_blob(&mut index, path, text.as_bytes(), 0o100_644)?;
            }
            let tree = repo.repo.find_tree(index.write_tree_to(&repo.repo)?)?;
            let parents: Vec<git2::Commit> = parents
                .iter()
                .map(|p| repo.repo.find_commit(*p))
                .collect::<Result<_, _>>()?;
            let parents: Vec<&git2::Commit> = parents.iter().collect();
            Ok(repo
                .repo
                .commit(None, &who, &who, &format!("c{n}"), &tree, &parents)?)
        };
        let mut tip = commit(&[("README.md", "r".to_owned())], &[], 0)?;
        let mut side = tip;
        for n in 1..40 {
            let mut files = vec![
                ("README.md", format!("r{}", n % 3)),
                ("plans/metrics.yaml", format!("revenue: {}", n / 2)),
            ];
            if n % 7 != 0 {
                files.push(("plans/quarters/2026-Q1.md", format!("q {}", n / 5)));
            } else {
                files.push(("plans/archive/2026-Q1.md", format!("q {}", n / 5)));
            }
            if n < 20 {
                files.push(("plans/checkins/2026-01.yaml", format!("x: {n}")));
            }
            tip = commit(&files, &[tip], n)?;
            if n % 10 == 5 {
                files.push(("plans/relationships.yaml", format!("side {n}")));
                side = commit(&files, &[side], 100 + n)?;
                tip = commit(&files, &[tip, side], 200 + n)?;
            }
        }
        Ok((repo, tip.to_string()))
    }

    #[test]
    fn a_walk_in_stretches_finds_what_one_pass_finds() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (mut repo, tip) = eventful_repository(dir.path())?;
        let whole = format!("{:?}", repo.walk_in_stretches(&tip, None, usize::MAX)?);
        assert!(whole.contains("plans/archive/2026-Q1.md"), "{whole}");
        assert!(whole.contains("blob: None"), "a deletion: {whole}");
        for stretch_len in [1, 2, 7] {
            let walk = repo.walk_in_stretches(&tip, None, stretch_len)?;
            assert_eq!(format!("{walk:?}"), whole, "stretches of {stretch_len}");
        }
        Ok(())
    }

    #[test]
    fn a_walk_compared_in_runs_on_the_pool_finds_what_one_run_finds()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (repo, tip) = eventful_repository(dir.path())?;
        let order: Vec<Oid> = {
            let mut walk = repo.repo.revwalk()?;
            walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
            walk.push(Oid::from_str(&tip)?)?;
            walk.collect::<Result<_, _>>()?
        };
        let walked = |run_len: usize| -> Result<String, Error> {
            let mut walked = Walked::default();
            repo.walk_in_runs(&order, &mut walked, run_len)?;
            Ok(format!(
                "{:?} {:?} {}",
                walked.commits,
                walked.holds.get(order.last().expect("commits")),
                walked.incomplete
            ))
        };
        let whole = walked(usize::MAX)?;
        assert!(whole.contains("plans/relationships.yaml"), "{whole}");
        for run_len in [1, 2, 7] {
            assert_eq!(walked(run_len)?, whole, "runs of {run_len}");
        }
        Ok(())
    }

    #[test]
    fn links_that_leave_the_repository_are_caught() {
        assert_eq!(
            link_target("plans/vision.md", "../shared/vision.md").as_deref(),
            Some("shared/vision.md")
        );
        assert_eq!(link_target("plans/vision.md", "../../etc/passwd"), None);
        assert_eq!(link_target("plans/vision.md", "/etc/passwd"), None);
    }
}
