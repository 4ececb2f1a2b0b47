//! The fuzz targets' bodies: what one input must never do. Shared by the
//! stable runner (`tests/cli/fuzz.rs`) and the cargo-fuzz targets (`fuzz/`).
//!
//! Each body panics when a property fails and returns a signature of what
//! the input did (which diagnostics, which refusal), which the stable
//! runner uses to keep inputs that did something new.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use roadmap::load::{self, Content, RawFile};
use roadmap::value::{self, Amount, Band, Period};

/// The paths a fuzzed plan file is given, one per file kind; the first
/// byte of an input picks one.
pub(super) const PLAN_PATHS: [&str; 14] = [
    "plans/vision.md",
    "plans/strategy.yaml",
    "plans/capabilities.yaml",
    "plans/metrics.yaml",
    "plans/relationships.yaml",
    "plans/habits.yaml",
    "plans/career.yaml",
    "plans/years/2026.md",
    "plans/quarters/2026-Q1.md",
    "plans/reviews/2026-03.md",
    "plans/reviews/2026-Q1.md",
    "plans/reviews/2026.md",
    "plans/checkins/2026-01.yaml",
    "plans/notes.yaml",
];

/// The input a plan file at `path` with `text` is.
pub(super) fn plan_input(path: &str, text: &[u8]) -> Option<Vec<u8>> {
    let index = PLAN_PATHS.iter().position(|p| *p == path)?;
    let mut input = vec![index as u8];
    input.extend_from_slice(text);
    Some(input)
}

/// The minimal plan the fuzzed file goes into, read from its folder (the
/// one holding `plans/`).
pub(super) fn base_plan(root: &Path) -> Vec<RawFile> {
    load::read_worktree(root).expect("the minimal plan")
}

/// One plan file of any kind in the minimal plan: it is loaded and
/// validated, and every diagnostic points at a line the file has.
pub(super) fn plan_file(base: &[RawFile], data: &[u8]) -> u64 {
    let Some((&pick, text)) = data.split_first() else {
        return 0;
    };
    let path = PLAN_PATHS[usize::from(pick) % PLAN_PATHS.len()];
    let mut files: Vec<RawFile> = base.iter().filter(|f| f.path != path).cloned().collect();
    files.push(RawFile {
        path: path.to_owned(),
        content: Content::Bytes(text.to_vec()),
    });
    let snapshot = load::load(files);
    let diagnostics = roadmap::check_snapshot(&snapshot);
    let mut seen: Vec<(&str, String)> = Vec::new();
    for d in &diagnostics {
        assert!(
            !d.message.is_empty(),
            "a diagnostic without a message: {d:?}"
        );
        if d.path == path && d.line > 0 {
            let lines = line_count(text);
            assert!(
                d.line <= lines + 1,
                "line {} of a file of {lines} lines: {d:?}",
                d.line
            );
            let _ = snapshot.source_line(&d.path, d.line);
        }
        seen.push((d.code, d.severity.to_string()));
    }
    for problem in snapshot.all_problems() {
        assert!(!problem.missing.is_empty(), "{problem:?}");
        seen.push(("problem", problem.missing));
    }
    seen.sort();
    seen.dedup();
    signature(&(pick % PLAN_PATHS.len() as u8, seen))
}

/// The units a typed value is read against; the first byte of an input
/// picks one.
pub(super) const UNITS: [Option<&str>; 8] = [
    None,
    Some("USD"),
    Some("$"),
    Some("%"),
    Some("x"),
    Some("managers"),
    Some("k"),
    Some(" "),
];

/// The scalar parsers: amounts, typed values, bands, periods and dates
/// never panic, and what they print reads back as the same value.
pub(super) fn amount(data: &[u8]) -> u64 {
    let Some((&pick, text)) = data.split_first() else {
        return 0;
    };
    let unit = UNITS[usize::from(pick) % UNITS.len()];
    let text = String::from_utf8_lossy(text);
    let text = text.as_ref();
    let mut outcome = Vec::new();

    match value::parse_typed(text, unit) {
        Ok(typed) => {
            assert!(typed.value.is_finite(), "{text:?}: {typed:?}");
            // What `status` shows is accepted back, as the same number.
            let shown = value::shown(typed.value, unit);
            let back = value::parse_typed(&shown, unit)
                .unwrap_or_else(|e| panic!("{text:?} as {unit:?} is shown {shown:?}: {e}"));
            assert!(
                close(back.value, typed.value, 1e-9),
                "{text:?} as {unit:?} is {}, shown {shown:?}, read back {}",
                typed.value,
                back.value
            );
            let _ = value::in_style_of(text, Some(&shown));
            outcome.push(format!("typed {}", magnitude(typed.value)));
        }
        Err(message) => outcome.push(shape(&message)),
    }

    match text.parse::<Amount>() {
        Ok(Amount(number)) if number.is_finite() => {
            let exact = value::exact_text(number);
            let back: Amount = exact
                .parse()
                .unwrap_or_else(|e| panic!("{number} is written {exact:?}: {e}"));
            assert!(close(back.0, number, 1e-9), "{number} is written {exact:?}");
            // The short form rounds to two decimals of its unit.
            let short = value::format_amount(number);
            let back: Amount = short
                .parse()
                .unwrap_or_else(|e| panic!("{number} is shown {short:?}: {e}"));
            let step = if number.abs() >= 1e9 {
                1e9
            } else if number.abs() >= 1e6 {
                1e6
            } else if number.abs() >= 1e4 {
                1e3
            } else {
                1.0
            };
            assert!(
                (back.0 - number).abs() <= 0.005 * step * (1.0 + 1e-9) + number.abs() * 1e-12,
                "{number} is shown {short:?}, read back {}",
                back.0
            );
            outcome.push(format!("amount {}", magnitude(number)));
        }
        Ok(_) => outcome.push("infinite".to_owned()),
        Err(message) => outcome.push(shape(&message)),
    }

    match text.parse::<Band>() {
        Ok(band) => {
            assert!(
                band.lo <= band.hi || band.lo.is_nan() || band.hi.is_nan(),
                "{text:?}: {band:?}"
            );
            let _ = band.to_string();
            outcome.push("band".to_owned());
        }
        Err(message) => outcome.push(shape(&message)),
    }

    match text.parse::<Period>() {
        Ok(period) => {
            let written = period.to_string();
            assert_eq!(
                written.parse::<Period>(),
                Ok(period),
                "{text:?} is written {written:?}"
            );
            assert!(period.start() <= period.end(), "{text:?}: {period:?}");
            outcome.push(format!("period {:?}", std::mem::discriminant(&period)));
        }
        Err(message) => outcome.push(shape(&message)),
    }
    let _ = text.parse::<value::Date>();
    signature(&(pick % UNITS.len() as u8, outcome))
}

/// The import's readers: a rules file (first byte even) never panics and
/// an error names a line the file has; an export's cell (first byte odd)
/// read as an amount with either decimal mark, and as a date, never
/// panics, and an amount is a finite number.
pub(super) fn import(data: &[u8]) -> u64 {
    use roadmap::import::rules::DecimalMark;
    use roadmap::import::{Rules, amounts, dates};
    let Some((&pick, text)) = data.split_first() else {
        return 0;
    };
    let text = String::from_utf8_lossy(text);
    let text = text.as_ref();
    if pick % 2 == 0 {
        return match Rules::parse("rules.yaml", text) {
            Ok(rules) => signature(&("rules", rules.into.len(), rules.columns().len())),
            Err(err) => {
                let message = err.to_string();
                let line: usize = message
                    .strip_prefix("rules.yaml:")
                    .and_then(|rest| rest.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{text:?}: no line in {message:?}"));
                assert!(
                    line >= 1 && line <= line_count(text.as_bytes()),
                    "{text:?}: line {line} in {message:?}"
                );
                signature(&("error", shape(&message)))
            }
        };
    }
    let mut outcome = Vec::new();
    for mark in [DecimalMark::Point, DecimalMark::Comma] {
        match amounts::parse(text, mark) {
            Ok(Some(money)) => {
                assert!(money.value.is_finite(), "{text:?}: {money:?}");
                outcome.push(format!("{} {:?}", magnitude(money.value), money.currency));
            }
            Ok(None) => outcome.push("blank".to_owned()),
            Err(_) => outcome.push("not an amount".to_owned()),
        }
    }
    outcome.push(dates::parse(text, None).map_or("not a date".to_owned(), |_| "date".to_owned()));
    let _ = dates::parse(text, Some("%b %Y"));
    signature(&outcome)
}

/// The lines of `text` as YAML counts them: a line ends at `\r\n`, `\n` or
/// `\r`.
fn line_count(text: &[u8]) -> usize {
    let breaks = text
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && text.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// `a` and `b` equal but for rounding.
fn close(a: f64, b: f64, relative: f64) -> bool {
    (a - b).abs() <= b.abs().max(a.abs()) * relative
}

/// What kind of refusal a message is, by the words it is made of (the
/// text it quotes left out).
fn shape(message: &str) -> String {
    const PHRASES: [&str; 8] = [
        "is not a value",
        "is not a number",
        "not a range",
        "low end is above",
        "not a period",
        "has no week",
        "is money",
        "is a percentage",
    ];
    PHRASES
        .iter()
        .filter(|phrase| message.contains(*phrase))
        .copied()
        .collect::<Vec<_>>()
        .join("+")
}

/// The order of magnitude and sign of a number read: which branch of the
/// short form it takes.
fn magnitude(number: f64) -> String {
    let exponent = if number == 0.0 {
        0
    } else {
        number.abs().log10().floor().clamp(-20.0, 310.0) as i32
    };
    format!("{}{exponent}", if number < 0.0 { "-" } else { "+" })
}

fn signature(what: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    what.hash(&mut hasher);
    hasher.finish()
}
