//! One plan file of any kind in the minimal plan, under libFuzzer.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/fuzz/targets.rs"]
mod targets;

use std::path::Path;
use std::sync::OnceLock;

use roadmap::load::RawFile;

static BASE: OnceLock<Vec<RawFile>> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let base = BASE.get_or_init(|| {
        targets::base_plan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal"))
    });
    targets::plan_file(base, data);
});
