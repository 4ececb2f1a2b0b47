//! The only module that talks to git (through git2): find the repository,
//! resolve revisions, and read `plans/` out of a commit or the index as the
//! same [`RawFile`]s the working tree gives.

use std::path::{Component, Path, PathBuf};

use git2::{ObjectType, Repository, Tree};

use crate::error::Error;
use crate::layout::PLANS_DIR;
use crate::load::{Content, MAX_FILE_BYTES, RawFile};

const LINK_MODE: i32 = 0o120_000;

pub struct Repo {
    repo: Repository,
}

impl Repo {
    /// The repository that holds `dir`.
    pub fn discover(dir: &Path) -> Result<Repo, Error> {
        Repository::discover(dir)
            .map(|repo| Repo { repo })
            .map_err(|_| Error::NotARepository(dir.to_path_buf()))
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

    /// Every file under `plans/` as staged in the index: what the next
    /// commit would hold.
    pub fn staged_files(&self) -> Result<Vec<RawFile>, Error> {
        let index = self.repo.index()?;
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

fn short(id: git2::Oid) -> String {
    id.to_string()[..7].to_owned()
}

#[cfg(test)]
mod tests {
    use super::link_target;

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
