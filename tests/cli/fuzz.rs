//! The fuzz targets on the stable toolchain: each replays its corpus (the
//! example plan, the broken-plan cases and every input that once failed,
//! under `tests/fuzz/regressions/`), then mutates it at random for
//! `ROADMAP_FUZZ_SECONDS` (0 unless set: `cargo test` only replays).
//!
//! The mutator is not coverage-guided: it keeps an input when the target
//! reports something it had not seen (another set of diagnostics, another
//! kind of refusal). `cargo fuzz` (`fuzz/`, on a nightly toolchain) runs the
//! same bodies under libFuzzer. An input that panics, or runs longer than
//! `ROADMAP_FUZZ_HANG_SECONDS` (10), is written to `target/fuzz/crashes/`
//! and fails the run; `.ci/fuzz` runs every target for a set time, and the
//! inputs kept go to `target/fuzz/corpus/` for `cargo fuzz` to start from.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// Inputs are kept below this size: the loader's own limits are tested
/// elsewhere, and small inputs make more runs.
const MAX_INPUT: usize = 16 * 1024;
/// At most this many inputs are kept.
const MAX_CORPUS: usize = 4096;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seconds(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Every file under `dir`, with its path relative to `dir`.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((rel, fs::read(&path).expect("read a corpus file")));
            }
        }
    }
    found.sort();
    found
}

/// The inputs that once failed `target`: replayed first, every run.
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    files_under(&manifest().join("tests/fuzz/regressions").join(target))
}

/// The plan files of the example plan and of the broken-plan cases, as
/// inputs of the plan target.
fn plan_corpus() -> Vec<Vec<u8>> {
    let mut corpus = Vec::new();
    let mut add = |rel: &str, text: &[u8]| {
        if let Some(input) = targets::plan_input(rel, text) {
            corpus.push(input);
        } else if let Some(kind) = targets::PLAN_PATHS
            .iter()
            .position(|p| p.rsplit('.').next() == rel.rsplit('.').next())
        {
            // Another period's file: the same kind under the target's name.
            let folder = |p: &str| p.rsplit_once('/').map(|(f, _)| f.to_owned());
            let same = targets::PLAN_PATHS
                .iter()
                .position(|p| folder(p) == folder(rel) && folder(p).is_some_and(|f| f != "plans"));
            let mut input = vec![same.unwrap_or(kind) as u8];
            input.extend_from_slice(text);
            corpus.push(input);
        }
    };
    for (rel, text) in files_under(&manifest().join("plans")) {
        add(&format!("plans/{rel}"), &text);
    }
    for (rel, text) in files_under(&manifest().join("tests/broken")) {
        if let Some((_, inner)) = rel.split_once("/plans/") {
            add(&format!("plans/{inner}"), &text);
        }
    }
    corpus
}

/// Values as people type them, with every unit.
fn amount_corpus() -> Vec<Vec<u8>> {
    let texts = [
        "5.9M",
        "$5.9M",
        "-$5.36M",
        "850k",
        "5,900,000",
        "72%",
        "3.1x",
        "4 managers",
        "1 manager",
        "0.5",
        "15-20%",
        "$15-20M",
        "2026",
        "2026-Q3",
        "2026-07",
        "2026-W33",
        "2026-07-15",
        "1_000",
        "12×",
        ".5k",
        "1e3",
        "$ 4,360,000",
        "21.5 %",
    ];
    let mut corpus = Vec::new();
    for (unit, _) in targets::UNITS.iter().enumerate() {
        for text in texts {
            let mut input = vec![unit as u8];
            input.extend_from_slice(text.as_bytes());
            corpus.push(input);
        }
    }
    corpus
}

const PLAN_WORDS: &[&str] = &[
    ": ",
    "- ",
    "\n",
    "\r\n",
    "\r",
    "---\n",
    "id: ",
    "title: ",
    "target: ",
    "current: ",
    "&a ",
    "*a",
    "<<: *a\n",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\"",
    "'",
    "# ",
    "|\n",
    ">-\n",
    "\t",
    "\u{feff}",
    "2026-Q1",
    "2026-03-31",
    "5.9M",
    "72%",
    "15-20%",
    "null",
    "~",
    "!!binary ",
    "? ",
    "\\u0000",
    "\u{0}",
    "\u{ff}",
    "9999999999999999999999",
    "-1",
    "0",
    "1e400",
    "as_of: ",
    "objectives:\n",
    "key_results:\n",
    "  ",
    "    ",
    "unit: USD\n",
    "true",
];

const AMOUNT_WORDS: &[&str] = &[
    "$",
    "-",
    "–",
    ",",
    ".",
    "_",
    "k",
    "K",
    "M",
    "m",
    "B",
    "%",
    "x",
    "×",
    "0",
    "9",
    "1e308",
    "e",
    "inf",
    "NaN",
    " ",
    " managers",
    "Q",
    "W",
    "-Q4",
    "-W53",
    "-02-29",
    "2024",
    "0000",
    "\u{0}",
    "é",
    "99999999999999999999999999999999",
];

/// A small xorshift generator: runs are repeated by their seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to eight random edits of `input`: bytes flipped, set, inserted,
/// removed or repeated, a word of the target's vocabulary inserted, or a
/// piece of another input spliced in.
fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>], words: &[&str]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(8) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            2 => data.insert(at, rng.next() as u8),
            3 if data.len() > 1 => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            4 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(64)).min(data.len());
                let piece = data[start..end].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, piece);
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())];
                if other.len() > 1 {
                    let start = 1 + rng.below(other.len() - 1);
                    let end = (start + 1 + rng.below(256)).min(other.len());
                    data.splice(at..at, other[start..end].iter().copied());
                }
            }
            _ => {
                let word = words[rng.below(words.len())];
                data.splice(at..at, word.bytes());
            }
        }
    }
    data.truncate(MAX_INPUT);
    data
}

/// What is running now, for the watchdog.
struct Current {
    started: AtomicU64,
    busy: AtomicBool,
    input: Mutex<Vec<u8>>,
}

fn crash_file(target: &str, input: &[u8]) -> PathBuf {
    let dir = manifest().join("target/fuzz/crashes").join(target);
    fs::create_dir_all(&dir).expect("the crash folder");
    let path = dir.join(format!("{:016x}", fnv(input)));
    fs::write(&path, input).expect("write the crash");
    path
}

/// The inputs kept, as a corpus `cargo fuzz run` can start from.
fn save_corpus(target: &str, kept: &[Vec<u8>]) {
    let dir = manifest().join("target/fuzz/corpus").join(target);
    fs::create_dir_all(&dir).expect("the corpus folder");
    for input in kept {
        fs::write(dir.join(format!("{:016x}", fnv(input))), input).expect("write the corpus");
    }
}

fn fnv(input: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for byte in input {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn preview(input: &[u8]) -> String {
    let mut text = String::new();
    for &byte in input.iter().take(400) {
        let _ = write!(text, "{}", std::ascii::escape_default(byte));
    }
    text
}

/// Runs `body` over the regressions and the corpus, then on mutations of
/// the corpus until the time is up; fails on the first input that panics.
fn fuzz(target: &str, corpus: Vec<Vec<u8>>, words: &[&str], body: impl Fn(&[u8]) -> u64) {
    let budget = Duration::from_secs(seconds("ROADMAP_FUZZ_SECONDS", 0));
    let hang = Duration::from_secs(seconds("ROADMAP_FUZZ_HANG_SECONDS", 10));
    let seed = seconds(
        "ROADMAP_FUZZ_SEED",
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    let mut rng = Rng(seed | 1);
    let epoch = Instant::now();
    let current = Arc::new(Current {
        started: AtomicU64::new(0),
        busy: AtomicBool::new(false),
        input: Mutex::new(Vec::new()),
    });
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (current, done, target) = (Arc::clone(&current), Arc::clone(&done), target.to_owned());
        thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(100));
                let started = Duration::from_millis(current.started.load(Ordering::SeqCst));
                if current.busy.load(Ordering::SeqCst) && epoch.elapsed() > started + hang {
                    let input = current.input.lock().expect("input").clone();
                    let path = crash_file(&target, &input);
                    eprintln!(
                        "{target}: an input ran over {hang:?}; written to {}\n{}",
                        path.display(),
                        preview(&input)
                    );
                    std::process::exit(101);
                }
            }
        })
    };
    let run = |input: &[u8]| -> Result<u64, String> {
        *current.input.lock().expect("input") = input.to_vec();
        current
            .started
            .store(epoch.elapsed().as_millis() as u64, Ordering::SeqCst);
        current.busy.store(true, Ordering::SeqCst);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| body(input)));
        current.busy.store(false, Ordering::SeqCst);
        outcome.map_err(|_| {
            let path = crash_file(target, input);
            format!(
                "{target}: an input panicked (seed {seed}); written to {}\n{}",
                path.display(),
                preview(input)
            )
        })
    };

    let mut seen = HashSet::new();
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for (name, input) in regressions(target) {
        if let Err(e) = run(&input) {
            panic!("regression {name}: {e}");
        }
    }
    for input in corpus {
        match run(&input) {
            Ok(signature) => {
                seen.insert(signature);
                kept.push(input);
            }
            Err(e) => panic!("{e}"),
        }
    }
    let seeds = kept.len();
    let mut runs = 0_u64;
    let started = Instant::now();
    while started.elapsed() < budget {
        let parent = &kept[rng.below(kept.len())];
        let input = mutate(&mut rng, parent, &kept, words);
        runs += 1;
        match run(&input) {
            Ok(signature) => {
                if seen.insert(signature) && kept.len() < MAX_CORPUS {
                    kept.push(input);
                }
            }
            Err(e) => panic!("{e}"),
        }
    }
    done.store(true, Ordering::SeqCst);
    let _ = watchdog.join();
    if !budget.is_zero() {
        save_corpus(target, &kept);
        println!(
            "{target}: {runs} runs in {:.0?} (seed {seed}), {seeds} seeds, {} inputs kept, {} outcomes, no crash",
            started.elapsed(),
            kept.len(),
            seen.len()
        );
    }
}

#[test]
fn plan_file() {
    let base = targets::base_plan(&manifest().join("tests/fixtures/minimal"));
    fuzz("plan_file", plan_corpus(), PLAN_WORDS, |data| {
        targets::plan_file(&base, data)
    });
}

#[test]
fn amount() {
    fuzz("amount", amount_corpus(), AMOUNT_WORDS, targets::amount);
}

/// The documented rules files, and cells as exports write them.
fn import_corpus() -> Vec<Vec<u8>> {
    let mut corpus = Vec::new();
    for (_, text) in files_under(&manifest().join("docs/import")) {
        if text.starts_with(b"#") {
            corpus.push([&[0u8][..], &text].concat());
        }
    }
    for cell in [
        "$1,234.50",
        "1.234,50 €",
        "(1,200)",
        "USD 98,000",
        "-",
        "45 %",
        "3/31/2026",
        "31.03.2026",
        "Mar 2026",
        "2026-03-31 14:02:11",
    ] {
        corpus.push([&[1u8][..], cell.as_bytes()].concat());
    }
    corpus
}

const IMPORT_WORDS: &[&str] = &[
    "date: {column: D}\n",
    "into:\n  - id: x\n    amount: A\n",
    "where: {S: W}\n",
    "aggregate: ytd",
    "decimal: \",\"",
    "encoding: utf-16le",
    "skip: 99999999999999999999",
    "€",
    "(",
    ")",
    ",",
    ".",
    "USD ",
    "%b %Y",
];

#[test]
fn import() {
    fuzz("import", import_corpus(), IMPORT_WORDS, targets::import);
}
