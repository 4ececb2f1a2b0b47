//! The example plan and the templates are compiled into the binary; a file
//! added to either folder must rebuild it, which `include_dir!` alone does
//! not notice.
//!
//! `ROADMAP_SOURCE_FINGERPRINT` is a hash of `src/` and `Cargo.lock`: the
//! plan files' parses that a run keeps (src/load/parsed.rs) are read back
//! only by a binary built from the same code and crates.
//!
//! `ROADMAP_BROWSER_TESTS=1` at build time sets `cfg(roadmap_browser)`,
//! which un-ignores the browser test (tests/cli/browser.rs): without it
//! `cargo test` lists that test as ignored, not as passed.

use std::hash::{DefaultHasher, Hasher as _};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut hasher = DefaultHasher::new();
    hash_tree(Path::new("src"), &mut hasher);
    hasher.write(&std::fs::read("Cargo.lock").unwrap_or_default());
    println!(
        "cargo:rustc-env=ROADMAP_SOURCE_FINGERPRINT={:016x}",
        hasher.finish()
    );
    println!("cargo:rerun-if-changed=plans");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rustc-check-cfg=cfg(roadmap_browser)");
    println!("cargo:rerun-if-env-changed=ROADMAP_BROWSER_TESTS");
    if std::env::var("ROADMAP_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=roadmap_browser");
    }
}

/// Hashes every file under `dir`, by path and content, in a fixed order.
fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            hasher.write(path.to_string_lossy().as_bytes());
            hasher.write(&bytes);
        }
    }
}
