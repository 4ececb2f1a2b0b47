//! The plan files' parses a run keeps (`.git/roadmap/parsed.bin`, see
//! src/load/parsed.rs): read back only for the same content and the same
//! build, never for a file with a problem, and never in place of an edit.

use super::support::Test;

const TODAY: &str = "2026-03-20";
const STORE: &str = ".git/roadmap/parsed.bin";

/// The store as the binary writes it (postcard): the build's fingerprint,
/// then each key (`<blob>:<kind>`) with the file's data (`MessagePack`).
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    fingerprint: String,
    entries: Vec<(String, Vec<u8>)>,
}

fn committed() -> Test {
    Test::minimal()
        .git_init()
        .commit("2026-03-01", "plans: the minimal plan")
}

fn status(test: &Test) -> String {
    let output = test
        .roadmap(&["--color", "never", "status"])
        .env("ROADMAP_TODAY", TODAY)
        .run();
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn read_store(test: &Test) -> Stored {
    let bytes = std::fs::read(test.path(STORE)).expect("the store is written by `status`");
    postcard::from_bytes(&bytes).expect("the store reads as written")
}

fn write_store(test: &Test, stored: &Stored) {
    let bytes = postcard::to_allocvec(stored).expect("encode");
    std::fs::write(test.path(STORE), bytes).expect("write the store");
}

/// The store with the metrics file's revenue renamed in its data.
fn tamper(test: &Test) {
    let mut stored = read_store(test);
    let entry = stored
        .entries
        .iter_mut()
        .find(|(key, _)| key.ends_with(":metrics"))
        .expect("the metrics file is kept");
    // The same length: the data stays well formed.
    let (from, to) = (b"Territory revenue", b"Tampered revenue!");
    let at = entry
        .1
        .windows(from.len())
        .position(|w| w == from)
        .expect("the metric's name is in its data");
    entry.1[at..at + to.len()].copy_from_slice(to);
    write_store(test, &stored);
}

#[test]
fn a_kept_parse_is_read_back_only_by_the_build_that_kept_it() {
    let test = committed();
    let first = status(&test);
    assert!(first.contains("Territory revenue"), "{first}");
    let fingerprint = read_store(&test).fingerprint;

    // Proof that the store is what the next run reads: the same build
    // shows what it holds.
    tamper(&test);
    let reused = status(&test);
    assert!(reused.contains("Tampered revenue!"), "{reused}");

    // Another build's store is not read: the file is parsed, and the
    // store written again for this build.
    let mut stored = read_store(&test);
    stored.fingerprint = "another build".to_owned();
    write_store(&test, &stored);
    assert_eq!(status(&test), first);
    assert_eq!(read_store(&test).fingerprint, fingerprint);
}

#[test]
fn a_file_edited_after_its_parse_was_kept_is_read_as_edited() {
    let test = committed();
    assert!(status(&test).contains("Territory revenue"));
    // The same length, the same path: only the content tells them apart.
    test.replace(
        "plans/metrics.yaml",
        "Territory revenue",
        "Territory REVENUE",
    );
    let edited = status(&test);
    assert!(edited.contains("Territory REVENUE"), "{edited}");
    assert!(!edited.contains("Territory revenue"), "{edited}");
}

#[test]
fn a_file_with_a_problem_is_diagnosed_on_every_run_not_only_the_first() {
    let test = committed().edit(
        "plans/metrics.yaml",
        "    unit: USD\n",
        "    unit: USD\n    colour: blue\n",
    );
    for run in ["first", "second"] {
        let output = test
            .roadmap(&["--color", "never", "status"])
            .env("ROADMAP_TODAY", TODAY)
            .status(1)
            .run();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("plans/metrics.yaml:7:5: unknown key `colour`"),
            "{run} run:\n{stdout}"
        );
    }
    let kept = read_store(&test);
    assert!(
        !kept
            .entries
            .iter()
            .any(|(key, _)| key.ends_with(":metrics")),
        "a file with a problem is not kept"
    );
}

#[test]
fn a_damaged_store_is_parsed_past_and_written_again() {
    let test = committed();
    let first = status(&test);
    std::fs::write(test.path(STORE), b"\xff\xfe not a store").expect("damage the store");
    assert_eq!(status(&test), first);
    assert!(!read_store(&test).entries.is_empty());
}
