//! Whose plan a command reads in a team repository (one folder per person,
//! `plans/<person>/`): the person `--person` names, else the person whose
//! folder the command runs in (`plans/<person>/` or deeper), else every
//! plan. Every command that reads a plan decides it here, so `--person` and
//! the folder mean the same everywhere.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::did_you_mean;
use crate::error::Error;
use crate::layout::{self, PLANS_DIR, Placement};
use crate::load::RawFile;

/// The people of a snapshot's files: the folders of `plans/` that hold a
/// plan file. Empty for a repository that keeps one plan in `plans/`.
pub(crate) fn people(files: &[RawFile]) -> BTreeSet<String> {
    let prefix = format!("{PLANS_DIR}/");
    files
        .iter()
        .filter_map(|f| {
            let rel = f.path.strip_prefix(&prefix)?;
            match layout::classify(rel) {
                Placement::Plan {
                    person: Some(person),
                    ..
                } => Some(person),
                _ => None,
            }
        })
        .collect()
}

/// The person a command run in `cwd` is about, in the repository whose
/// `plans/` is under `root` and holds the plans of `people` (empty: one
/// plan in `plans/`). `flag` is `--person`; without it, a working folder
/// at or below `plans/<person>/` means that person. `None`: every plan.
///
/// `--person` in a repository of one plan, or naming nobody's folder, is a
/// usage error (exit 2) that says which people there are.
pub(crate) fn resolve(
    flag: Option<&str>,
    cwd: &Path,
    root: &Path,
    people: &BTreeSet<String>,
) -> Result<Option<String>, Error> {
    let Some(name) = flag else {
        return Ok(folder(cwd, root).filter(|name| people.contains(name)));
    };
    if people.contains(name) {
        return Ok(Some(name.to_owned()));
    }
    if people.is_empty() {
        return Err(Error::Usage(format!(
            "--person {name}: this repository keeps one plan, in {PLANS_DIR}/ itself, not a folder per person; leave out --person"
        )));
    }
    let hint = did_you_mean(name, people.iter().map(String::as_str))
        .map(|h| format!("\n  hint: {h}"))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "--person {name}: no {PLANS_DIR}/{name}/ in this repository (people: {}){hint}",
        people
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// [`resolve`] for the files of a snapshot, which are then kept to the
/// person's own (every file when `None`).
pub(crate) fn select(
    flag: Option<&str>,
    cwd: &Path,
    root: &Path,
    files: &mut Vec<RawFile>,
) -> Result<Option<String>, Error> {
    // Without --person and outside every person's folder the files are
    // not even listed by person.
    if flag.is_none() && folder(cwd, root).is_none() {
        return Ok(None);
    }
    let person = resolve(flag, cwd, root, &people(files))?;
    if let Some(name) = &person {
        keep(files, name);
    }
    Ok(person)
}

/// Keeps only the files of `person`'s folder.
pub(crate) fn keep(files: &mut Vec<RawFile>, person: &str) {
    let prefix = format!("{PLANS_DIR}/{person}/");
    files.retain(|f| f.path.starts_with(&prefix));
}

/// The first folder below `root/plans/` on the way to `cwd`, if `cwd` is
/// inside one that is not one of a plan's own folders (`years`...): the
/// person meant, when there is one of that name.
pub(crate) fn folder(cwd: &Path, root: &Path) -> Option<String> {
    let plans = root.join(PLANS_DIR);
    let rel = match cwd.strip_prefix(&plans) {
        Ok(rel) => rel.to_path_buf(),
        // `-C` with `..` in it, or a folder reached through a link.
        Err(_) => {
            let (cwd, plans) = (cwd.canonicalize().ok()?, plans.canonicalize().ok()?);
            cwd.strip_prefix(&plans).ok()?.to_path_buf()
        }
    };
    let name = rel.components().next()?.as_os_str().to_str()?.to_owned();
    (!layout::is_plan_folder(&name) && !name.starts_with('.')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team() -> BTreeSet<String> {
        ["alice", "bob", "carol"].map(str::to_owned).into()
    }

    #[test]
    fn the_flag_names_a_person() {
        let root = Path::new("/r");
        assert_eq!(
            resolve(Some("bob"), root, root, &team()).ok().flatten(),
            Some("bob".to_owned())
        );
    }

    #[test]
    fn a_persons_folder_means_that_person() {
        let root = Path::new("/r");
        let inside = Path::new("/r/plans/carol/quarters");
        assert_eq!(
            resolve(None, inside, root, &team()).ok().flatten(),
            Some("carol".to_owned())
        );
        assert_eq!(
            resolve(Some("alice"), inside, root, &team()).ok().flatten(),
            Some("alice".to_owned())
        );
        assert_eq!(
            resolve(None, Path::new("/r/plans"), root, &team())
                .ok()
                .flatten(),
            None
        );
        assert_eq!(
            resolve(None, Path::new("/r/plans/years"), root, &BTreeSet::new())
                .ok()
                .flatten(),
            None
        );
    }

    #[test]
    fn an_unknown_person_is_refused_with_a_guess() {
        let root = Path::new("/r");
        let err = resolve(Some("alcie"), root, root, &team()).map_err(|e| e.to_string());
        let Err(message) = err else {
            panic!("alcie was accepted")
        };
        assert!(message.contains("did you mean `alice`?"), "{message}");
        assert!(message.contains("people: alice, bob, carol"), "{message}");
    }

    #[test]
    fn one_plan_has_no_people() {
        let root = Path::new("/r");
        let err = resolve(Some("alice"), root, root, &BTreeSet::new()).map_err(|e| e.to_string());
        let Err(message) = err else {
            panic!("--person was accepted")
        };
        assert!(message.contains("keeps one plan"), "{message}");
    }
}
