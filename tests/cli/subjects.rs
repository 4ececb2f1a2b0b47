//! Each value of the report's drill-down names the commit that set it by
//! its subject, as `git log` gives it: kept by the history beside the
//! commit's id (src/history/rows.rs), so a cached run never reads the
//! commits again, and a cache of another version is never read for it.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

use super::support::{DEMO_TODAY, Test};

/// The report's context on [`DEMO_TODAY`].
fn context(test: &Test) -> Value {
    test.roadmap(&["report", "--context"])
        .env("ROADMAP_TODAY", DEMO_TODAY)
        .json()
}

/// Every point of the drill-down, key results' and metrics'.
fn points(context: &Value) -> Vec<Value> {
    let drill = &context["plans"][0]["drill"];
    let key_results = drill["key_results"].as_array().expect("key results");
    let metrics = drill["metrics"].as_array().expect("metrics");
    key_results
        .iter()
        .flat_map(|k| k["points"].as_array().expect("points").clone())
        .chain(
            metrics
                .iter()
                .flat_map(|m| m["readings"].as_array().expect("readings").clone()),
        )
        .collect()
}

/// Each commit's subject, as `git log` gives it, by full id.
fn git_subjects(test: &Test) -> BTreeMap<String, String> {
    test.git_stdout(&["log", "--format=%H %s"])
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(id, subject)| (id.to_owned(), subject.to_owned()))
        .collect()
}

/// Asserts that every committed point of the drill-down names its commit's
/// subject, and returns how many were checked.
fn subjects_agree(test: &Test, why: &str) -> usize {
    let subjects = git_subjects(test);
    let context = context(test);
    let mut checked = 0;
    for point in points(&context) {
        let Some(commit) = point["commit"].as_str() else {
            continue;
        };
        let expected = subjects.get(commit).expect("a commit of the repository");
        assert_eq!(point["subject"], expected.as_str(), "{why}: {point}");
        checked += 1;
    }
    assert!(checked > 100, "{why}: only {checked} points checked");
    checked
}

/// The last reading of the first metric (territory revenue).
fn last_reading(test: &Test) -> Value {
    let context = context(test);
    context["plans"][0]["drill"]["metrics"][0]["readings"]
        .as_array()
        .expect("readings")
        .last()
        .cloned()
        .expect("a reading")
}

#[test]
fn a_drill_point_names_its_commit_s_subject_cold_cached_and_caught_up() {
    let test = Test::demo();
    let _ = fs::remove_dir_all(test.path(".git/roadmap"));
    let cold = subjects_agree(&test, "a run without the cache");
    assert!(test.path(".git/roadmap").is_dir(), "the cache is written");
    let cached = subjects_agree(&test, "a run from the cache");
    assert_eq!(cold, cached);

    // A commit replayed onto the cache, its message on several lines: the
    // subject is its first line.
    let test = test
        .edit(
            "plans/metrics.yaml",
            "      2026-10: 5.36M\n",
            "      2026-10: 5.36M\n      2026-11: 5.9M\n",
        )
        .commit(
            "2026-11-30",
            "metrics: November revenue\n\nThe territory's figure from the CRM.",
        );
    assert!(subjects_agree(&test, "a run that caught up") > cached);
    let last = last_reading(&test);
    assert_eq!(last["field"], "2026-11");
    assert_eq!(last["subject"], "metrics: November revenue");

    // An uncommitted edit has no commit, and so no subject.
    test.replace("plans/metrics.yaml", "2026-11: 5.9M", "2026-11: 6.1M");
    let last = last_reading(&test);
    assert_eq!(last["commit"], Value::Null);
    assert_eq!(last["short"], "uncommitted");
    assert_eq!(last["subject"], "");
}

/// The replay cache's file of this version: its path and version.
fn replay_file(test: &Test) -> (std::path::PathBuf, u32) {
    let dir = test.path(".git/roadmap");
    fs::read_dir(&dir)
        .expect("the cache folder")
        .map(|entry| entry.expect("a cache entry").path())
        .find_map(|path| {
            let name = path.file_name()?.to_str()?;
            let version = name.strip_prefix("replay.v")?.strip_suffix(".bin")?;
            let version = version.parse().ok()?;
            Some((path, version))
        })
        .expect("a replay cache")
}

/// A cache file's payload (what follows its header line).
fn payload(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().position(|b| *b == b'\n').expect("a header");
    &bytes[end + 1..]
}

/// A cache file of `version` holding `payload`, with a header that checks
/// out (as src/history.rs `Cache::write` makes it).
fn cache_file(version: u32, payload: &[u8]) -> Vec<u8> {
    let header = format!(
        "roadmap-cache-{version} {:010} {:020}\n",
        crc32fast::hash(payload),
        payload.len()
    );
    let mut bytes = header.into_bytes();
    bytes.extend_from_slice(payload);
    bytes
}

/// `with` put in place of every `of` in `bytes` (the same length).
fn swapped(bytes: &[u8], of: &str, with: &str) -> Vec<u8> {
    assert_eq!(of.len(), with.len());
    let mut out = bytes.to_vec();
    let mut at = 0;
    let mut found = 0;
    while let Some(i) = out[at..].windows(of.len()).position(|w| w == of.as_bytes()) {
        out[at + i..at + i + of.len()].copy_from_slice(with.as_bytes());
        at += i + of.len();
        found += 1;
    }
    assert!(found > 0, "{of} is in the cache");
    out
}

#[test]
fn a_subject_is_read_from_the_cache_of_this_version_only() {
    let test = Test::demo();
    let _ = fs::remove_dir_all(test.path(".git/roadmap"));
    assert_eq!(last_reading(&test)["subject"], "review: 2026-10");
    let (path, version) = replay_file(&test);
    let stored = fs::read(&path).expect("the replay cache");
    let tampered = swapped(payload(&stored), "review: 2026-10", "REVIEW: 2026-10");

    // The subject is the cache's: a run reads it from there...
    fs::write(&path, cache_file(version, &tampered)).expect("written");
    assert_eq!(last_reading(&test)["subject"], "REVIEW: 2026-10");

    // ...but never from the file an earlier version left, even one whose
    // header checks out: that one is rebuilt, and removed.
    let earlier = path.with_file_name(format!("replay.v{}.bin", version - 1));
    fs::remove_file(&path).expect("removed");
    fs::write(&earlier, cache_file(version - 1, &tampered)).expect("written");
    assert_eq!(last_reading(&test)["subject"], "review: 2026-10");
    assert!(!earlier.exists(), "the earlier version's file is removed");
    assert_eq!(replay_file(&test).1, version);
}
