//! Helpers shared by the integration tests. Each test binary uses a part.
#![allow(dead_code)]

pub mod watch;

use std::fs;
use std::path::Path;
use std::process::Command;

/// Variables a surrounding git process (a hook running the tests) may have
/// set, which would point git, and the hooks, at the wrong repository.
pub const GIT_ENV: [&str; 7] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
];

/// `command` without those variables.
pub fn without_git_env(command: &mut Command) -> &mut Command {
    for var in GIT_ENV {
        command.env_remove(var);
    }
    command
}

/// Copies a folder and everything in it.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("read a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}
