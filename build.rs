//! The example plan and the templates are compiled into the binary; a file
//! added to either folder must rebuild it, which `include_dir!` alone does
//! not notice.
//!
//! `ROADMAP_BROWSER_TESTS=1` at build time sets `cfg(roadmap_browser)`,
//! which un-ignores the browser test (tests/cli/browser.rs): without it
//! `cargo test` lists that test as ignored, not as passed.

fn main() {
    println!("cargo:rerun-if-changed=plans");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rustc-check-cfg=cfg(roadmap_browser)");
    println!("cargo:rerun-if-env-changed=ROADMAP_BROWSER_TESTS");
    if std::env::var("ROADMAP_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=roadmap_browser");
    }
}
