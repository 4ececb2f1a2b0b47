//! `roadmap progress`: the time series behind the status.

use std::borrow::Cow;
use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{ProgressArgs, SeriesFormat};
use crate::error::Error;
use crate::git::Repo;
use crate::history::{self, Observation, Val};
use crate::json;
use crate::report::Cells;
use crate::when;

use super::Ctx;

/// A CSV row: every cell text, an empty cell for nothing. Text cells are
/// neutralized for spreadsheets as the report's are ([`Cells`]).
#[derive(Serialize)]
struct Row<'a> {
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<Cow<'a, str>>,
    id: Cow<'a, str>,
    kind: &'static str,
    /// The plan period a quarter's or year's item belongs to.
    period: Cow<'a, str>,
    field: Cow<'a, str>,
    value: Cow<'a, str>,
    target: String,
    commit: &'a str,
}

impl<'a> Row<'a> {
    fn from(o: &Observation<'a>, c: Cells) -> Self {
        Row {
            date: o.date.to_string(),
            person: o.person.map(|p| c.text(p)),
            id: c.text(o.id),
            kind: o.kind.as_str(),
            period: c.text(o.period.unwrap_or_default()),
            field: c.text(o.field),
            value: match &o.value {
                Val::Num(n) => Cow::Owned(n.to_string()),
                Val::Text(t) => c.text(t.clone()),
            },
            target: o.target.map(|t| t.to_string()).unwrap_or_default(),
            commit: o.commit.unwrap_or("uncommitted"),
        }
    }
}

pub(super) fn run(ctx: &Ctx, args: &ProgressArgs) -> Result<i32, Error> {
    // A point given is a commit: uncommitted edits count only without one.
    let located = match &args.rev {
        Some(at) => Some(when::locate(&Repo::discover(&ctx.cwd)?, at)?),
        None => None,
    };
    if let Some(note) = located.as_ref().and_then(|l| l.note.as_deref())
        && !ctx.quiet
    {
        eprintln!("{} {note}", ctx.stderr().warning("note:"));
    }
    // Resolved once: the history, the ids and the problems read this commit.
    let at = located.map(|l| when::When::Rev(l.commit));
    let options = history::Options {
        rev: at.as_ref().map(ToString::to_string),
        committed: args.committed,
        today: None,
        no_cache: false,
        events: history::Events::None,
        listing: None,
    };
    let (history, mut problems) =
        when::read_history_and_problems(&ctx.cwd, at.as_ref(), args.committed, || {
            history::read(&ctx.cwd, &options)
        })?;
    let person = person_of(ctx, at.as_ref())?;
    // No observation at all may be a plan with no files: that is said, not
    // shown as an empty series.
    if history.observation_count() == 0
        && when::resolve(&ctx.cwd, at.as_ref())
            .is_ok_and(|point| crate::load::load(point.files).plans.is_empty())
    {
        return Err(Error::EmptyPlan);
    }
    // Rows by their place in the history: a view of each is made as it
    // is written, so a long history is never held twice. Without a filter
    // every row is shown, and neither a view nor a list of places is made
    // to find that out.
    let filtered =
        !args.ids.is_empty() || args.since.is_some() || args.until.is_some() || person.is_some();
    let theirs = |o: &Observation| person.as_deref().is_none_or(|p| o.person == Some(p));
    let places: Option<Vec<usize>> = filtered.then(|| {
        history
            .observations()
            .enumerate()
            .filter(|(_, o)| theirs(o))
            .filter(|(_, o)| args.ids.is_empty() || args.ids.iter().any(|id| id == o.id))
            .filter(|(_, o)| args.since.is_none_or(|d| o.date >= d.0))
            .filter(|(_, o)| args.until.is_none_or(|d| o.date <= d.0))
            .map(|(at, _)| at)
            .collect()
    });
    let count = places
        .as_ref()
        .map_or(history.observation_count(), Vec::len);
    let view = |at: usize| history.observation_at(places.as_ref().map_or(at, |places| places[at]));
    let unknown: Vec<&String> = args
        .ids
        .iter()
        .filter(|id| {
            !history
                .observations()
                .any(|o| o.id == id.as_str() && theirs(&o))
        })
        .collect();
    refuse_strangers(ctx, at.as_ref(), &unknown, &history)?;
    if !unknown.is_empty() && !ctx.quiet {
        let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
        eprintln!(
            "{} no observations of {}",
            ctx.stderr().warning("warning:"),
            names.join(", ")
        );
    }
    for warning in &history.warnings {
        if !ctx.quiet {
            eprintln!("{} {warning}", ctx.stderr().warning("warning:"));
        }
    }
    if history.shallow && !ctx.quiet {
        eprintln!("note: shallow clone: history starts at the shallow boundary");
    }
    if let Some(person) = &person {
        let folder = format!("{}/{person}/", crate::layout::PLANS_DIR);
        problems.retain(|p| p.path.starts_with(&folder));
    }
    // A team's rows say whose they are.
    let people = history
        .observations()
        .next()
        .is_some_and(|o| o.person.is_some());
    let partial = super::warn_partial(ctx, &problems);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = write_series(&mut out, args, count, &view, people);
    let written = written.and_then(|()| out.flush());
    drop(out);
    // The process ends after this command: handing a long history back to
    // the allocator piece by piece would cost more than printing it.
    std::mem::forget(history);
    super::written(written)?;
    Ok(partial)
}

/// Writes the `count` rows `view` gives in the format asked for.
fn write_series<'h>(
    out: &mut impl Write,
    args: &ProgressArgs,
    count: usize,
    view: &(impl Fn(usize) -> Observation<'h> + Sync),
    people: bool,
) -> std::io::Result<()> {
    match args.format {
        SeriesFormat::Json => {
            let observations: Vec<Observation> = (0..count).map(view).collect();
            let series = json::ProgressSeries {
                version: json::VERSION,
                observations: observations.iter().map(json::Observation::from).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &series)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        SeriesFormat::Csv => {
            let cells = if args.raw_csv {
                Cells::Raw
            } else {
                Cells::Neutralized
            };
            let mut writer = csv::Writer::from_writer(&mut *out);
            (0..count)
                .try_for_each(|at| writer.serialize(Row::from(&view(at), cells)))
                .map_err(csv_io)
                .and_then(|()| writer.flush())
        }
        SeriesFormat::Text if count == 0 => Ok(()),
        SeriesFormat::Text => out.write_all(header(people).as_bytes()).and_then(|()| {
            let sizes = (TEXT_WINDOW, TEXT_CHUNK, TEXT_LINES);
            write_text(out, count, view, people, sizes)
        }),
    }
}

/// The person the rows are limited to: `--person`, or the person's folder
/// the command runs in (see [`crate::person`]). The plan's files are read
/// for the people there are only when one is asked for.
fn person_of(ctx: &Ctx, at: Option<&when::When>) -> Result<Option<String>, Error> {
    let Ok(root) = ctx.plan_root() else {
        return Ok(None);
    };
    if ctx.person.is_none() && crate::person::folder(&ctx.cwd, &root).is_none() {
        return Ok(None);
    }
    let mut files = when::resolve(&ctx.cwd, at)?.files;
    ctx.select(&mut files)
}

/// An id that neither the history nor the plan at the point knows is a
/// usage error (exit 2), as `record`'s is; an item of the plan with no
/// observation yet is only a warning. A plan with a file that does not
/// load may hold the id there: it is not refused.
fn refuse_strangers(
    ctx: &Ctx,
    at: Option<&when::When>,
    unknown: &[&String],
    history: &history::History,
) -> Result<(), Error> {
    if unknown.is_empty() {
        return Ok(());
    }
    let Ok(point) = when::resolve(&ctx.cwd, at) else {
        return Ok(());
    };
    let snapshot = crate::load::load(point.files);
    if snapshot.plans.iter().any(|p| !p.broken.is_empty()) {
        return Ok(());
    }
    let day = when::today();
    let known: Vec<String> = snapshot
        .plans
        .iter()
        .flat_map(|p| crate::updates::items(p, day))
        .map(|(id, _)| id)
        .collect();
    let Some(stranger) = unknown.iter().find(|id| !known.contains(id)) else {
        return Ok(());
    };
    let mut candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    candidates.extend(history.observations().map(|o| o.id));
    let hint = crate::diag::did_you_mean(stranger, candidates)
        .map(|h| format!("\n  hint: {h}"))
        .unwrap_or_default();
    let at = if at.is_some() { " at that point" } else { "" };
    Err(Error::Usage(format!(
        "unknown id `{stranger}`: neither the plan nor its history has it{at}{hint}"
    )))
}

/// A CSV error as the I/O error it is, if it is one (a closed pipe ends
/// the output quietly).
fn csv_io(err: csv::Error) -> std::io::Error {
    if !err.is_io_error() {
        return std::io::Error::other(err);
    }
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        kind => std::io::Error::other(format!("{kind:?}")),
    }
}

/// Writes the text table of `count` rows, `view` making each. A short
/// history (up to `window` rows) is formatted on this thread, `lines`
/// rows at a time, into one reused buffer: waking the other threads would
/// cost more than it saves. A long one is formatted on every thread,
/// `window` rows at a time, `chunk` rows a task, into buffers kept from
/// one window to the next (so it is never all in memory as text), and
/// written in order.
fn write_text<'h>(
    out: &mut impl Write,
    count: usize,
    view: &(impl Fn(usize) -> Observation<'h> + Sync),
    people: bool,
    (window, chunk, lines): (usize, usize, usize),
) -> std::io::Result<()> {
    if count <= window {
        let mut text = Vec::with_capacity(lines * 112);
        return stretches(0..count, lines).try_for_each(|rows| {
            text_rows(&mut text, rows, view, people);
            out.write_all(&text)
        });
    }
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    stretches(0..count, window).try_for_each(|rows| {
        let tasks: Vec<_> = stretches(rows, chunk).collect();
        let used = tasks.len();
        if buffers.len() < used {
            buffers.resize_with(used, || Vec::with_capacity(chunk * 112));
        }
        buffers[..used]
            .par_iter_mut()
            .zip(tasks)
            .for_each(|(text, rows)| text_rows(text, rows, view, people));
        buffers[..used]
            .iter()
            .try_for_each(|text| out.write_all(text))
    })
}

/// `rows` cut into stretches of `len` (the last may be shorter).
fn stretches(
    rows: std::ops::Range<usize>,
    len: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let end = rows.end;
    rows.step_by(len)
        .map(move |start| start..end.min(start + len))
}

/// `text` made the table's lines of `rows`.
fn text_rows<'h>(
    text: &mut Vec<u8>,
    rows: std::ops::Range<usize>,
    view: impl Fn(usize) -> Observation<'h>,
    people: bool,
) {
    text.clear();
    let mut lines = Lines {
        people,
        ..Lines::default()
    };
    for row in rows {
        lines.write(text, &view(row));
    }
}

/// Rows formatted, then written, at a time; a history of no more rows
/// is formatted on one thread.
const TEXT_WINDOW: usize = 1 << 15;
/// Rows formatted by one task of a long history.
const TEXT_CHUNK: usize = 4096;
/// Rows formatted at a time on one thread. The buffer stays a few pages,
/// written out and refilled while it is in cache; one the size of a
/// task's (460 KB) is fresh memory, and each of its pages costs a page
/// fault the first time it is written, which is more than the writes it
/// saves (0.4 ms of a warm run over one person's ten years).
const TEXT_LINES: usize = 256;

/// A number as `{}` writes it; a whole one (most are) as an integer,
/// which writes the same digits in a fraction of the time.
fn number(cell: &mut String, n: f64) {
    use std::fmt::Write as _;
    let _ = if n.fract() == 0.0 && n.abs() < 1e15 && !(n == 0.0 && n.is_sign_negative()) {
        write!(cell, "{}", n as i64)
    } else {
        write!(cell, "{n}")
    };
}

/// Writes the lines of the text table, keeping what one line can pass on
/// to the next.
#[derive(Default)]
struct Lines {
    /// The value's and the target's cells, before they are padded.
    value: String,
    target: String,
    /// The last line's date, and its text: the rows of a day are together.
    day: Option<(chrono::NaiveDate, String)>,
    /// A line whose cells do not all fit their columns, as it is padded.
    padded: String,
    /// Whether the lines have a person column (a team repository).
    people: bool,
}

/// Where the text table's columns start in a line whose cells all fit
/// them, and how wide they are; the value and the target are aligned to
/// the right, and the commit follows.
const ID: (usize, usize) = (12, 28);
const KIND: (usize, usize) = (41, 16);
const FIELD: (usize, usize) = (58, 10);
const VALUE: (usize, usize) = (69, 12);
const TARGET: (usize, usize) = (82, 12);
/// The plan period of a quarter's or year's item (`2026-Q4`), else blank.
const PERIOD: (usize, usize) = (96, 7);
const COMMIT: usize = 105;
/// The person column of a team's table, after the date: the cells after
/// it move right by its width and a space.
const PERSON: (usize, usize) = (12, 12);

impl Lines {
    /// Adds one line of the text table to `line`:
    /// `date  id kind field value target  period  commit`, the columns padded to
    /// fixed widths. Written by hand into a reused buffer: a long history
    /// prints tens of thousands of lines, and padding through `format!`
    /// costs more than reading the history from its cache.
    fn write(&mut self, line: &mut Vec<u8>, o: &Observation) {
        let start = line.len();
        let day = match &mut self.day {
            Some((day, text)) if *day == o.date => text,
            day => {
                let mut text = String::with_capacity(10);
                date(&mut text, o.date);
                &mut day.insert((o.date, text)).1
            }
        };
        self.value.clear();
        match &o.value {
            Val::Num(n) => number(&mut self.value, *n),
            Val::Text(t) => self.value.push_str(t),
        }
        self.target.clear();
        if let Some(t) = o.target {
            number(&mut self.target, t);
        }
        match in_columns(day, o, &self.value, &self.target) {
            Some(cells) => line.extend_from_slice(&cells),
            None => {
                self.padded.clear();
                padded(&mut self.padded, day, o, &self.value, &self.target);
                line.extend_from_slice(self.padded.as_bytes());
            }
        }
        match o.commit {
            Some(commit) => line.extend_from_slice(&commit.as_bytes()[..commit.len().min(10)]),
            None => line.extend_from_slice(b"uncommitted"),
        }
        if self.people {
            // After the date and its two spaces, in both kinds of line.
            let at = start + day.len() + 2;
            self.padded.clear();
            pad_right(&mut self.padded, o.person.unwrap_or_default(), PERSON.1);
            self.padded.push(' ');
            line.splice(at..at, self.padded.bytes());
        }
        line.push(b'\n');
    }
}

/// A line up to its commit, when every cell is ASCII and fits its column
/// (as almost every line's do): a line of spaces with the cells copied in
/// at their columns.
fn in_columns(day: &str, o: &Observation, value: &str, target: &str) -> Option<[u8; COMMIT]> {
    let fits = |text: &str, (_, width): (usize, usize)| text.len() <= width && text.is_ascii();
    let kind = o.kind.as_str();
    let period = o.period.unwrap_or_default();
    if day.len() != 10
        || !fits(o.id, ID)
        || !fits(kind, KIND)
        || !fits(o.field, FIELD)
        || !fits(value, VALUE)
        || !fits(target, TARGET)
        || !fits(period, PERIOD)
    {
        return None;
    }
    let mut cells = [b' '; COMMIT];
    cells[..10].copy_from_slice(day.as_bytes());
    for (text, (at, _)) in [(o.id, ID), (kind, KIND), (o.field, FIELD), (period, PERIOD)] {
        cells[at..at + text.len()].copy_from_slice(text.as_bytes());
    }
    for (text, (at, width)) in [(value, VALUE), (target, TARGET)] {
        cells[at + width - text.len()..at + width].copy_from_slice(text.as_bytes());
    }
    Some(cells)
}

/// A line up to its commit, each cell padded to its column's width in
/// characters, or left wider.
fn padded(line: &mut String, day: &str, o: &Observation, value: &str, target: &str) {
    line.push_str(day);
    line.push_str("  ");
    pad_right(line, o.id, ID.1);
    line.push(' ');
    pad_right(line, o.kind.as_str(), KIND.1);
    line.push(' ');
    pad_right(line, o.field, FIELD.1);
    line.push(' ');
    pad_left(line, value, VALUE.1);
    line.push(' ');
    pad_left(line, target, TARGET.1);
    line.push_str("  ");
    pad_right(line, o.period.unwrap_or_default(), PERIOD.1);
    line.push_str("  ");
}

/// The text table's header: each column named as the CSV and JSON name
/// it, over the column, the value's and the target's to the right.
fn header(people: bool) -> String {
    let mut line = String::with_capacity(COMMIT + PERSON.1 + 9);
    for (name, (at, width), right) in [
        ("date", (0, 10), false),
        ("id", ID, false),
        ("kind", KIND, false),
        ("field", FIELD, false),
        ("value", VALUE, true),
        ("target", TARGET, true),
        ("period", PERIOD, false),
        ("commit", (COMMIT, 6), false),
    ] {
        let missing = at.saturating_sub(line.len());
        line.push_str(&" ".repeat(missing));
        if right {
            pad_left(&mut line, name, width);
        } else {
            line.push_str(name);
        }
    }
    if people {
        let mut cell = String::new();
        pad_right(&mut cell, "person", PERSON.1);
        cell.push(' ');
        line.insert_str(PERSON.0, &cell);
    }
    line.push('\n');
    line
}

/// A date as `{}` writes it, digit by digit for the years it writes as
/// four digits.
fn date(line: &mut String, date: chrono::NaiveDate) {
    use chrono::Datelike as _;
    use std::fmt::Write as _;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        let _ = write!(line, "{date}");
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let year = year as u32;
    for n in [year / 1000, year / 100, year / 10, year] {
        line.push(digit(n));
    }
    line.push('-');
    line.push(digit(date.month() / 10));
    line.push(digit(date.month()));
    line.push('-');
    line.push(digit(date.day() / 10));
    line.push(digit(date.day()));
}

/// A run of spaces that padding is cut from.
const SPACES: &str = "                                ";

/// Spaces to make `text` `width` characters wide.
fn padding(line: &mut String, text: &str, width: usize) {
    // Most cells are ASCII, where bytes are characters.
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    let mut missing = width.saturating_sub(chars);
    while missing > 0 {
        let spaces = missing.min(SPACES.len());
        line.push_str(&SPACES[..spaces]);
        missing -= spaces;
    }
}

fn pad_right(line: &mut String, text: &str, width: usize) {
    line.push_str(text);
    padding(line, text, width);
}

fn pad_left(line: &mut String, text: &str, width: usize) {
    padding(line, text, width);
    line.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::{date, header, in_columns, number, pad_left, pad_right, padded};
    use crate::history::{ItemKind, Observation, Val};

    #[test]
    fn the_header_names_each_column_over_it() {
        let header = header(false);
        for (name, at) in [("id", 12), ("kind", 41), ("field", 58), ("period", 96)] {
            assert_eq!(header.find(name), Some(at), "{header}");
        }
        assert_eq!(header.find("value").map(|at| at + 5), Some(81));
        assert_eq!(header.find("target").map(|at| at + 6), Some(94));
        assert!(header.ends_with("commit\n"));
    }

    #[test]
    fn cells_are_padded_to_their_width_in_characters() {
        let padded = |text: &str, width: usize| {
            let (mut right, mut left) = (String::new(), String::new());
            pad_right(&mut right, text, width);
            pad_left(&mut left, text, width);
            (right, left)
        };
        assert_eq!(padded("ab", 5), ("ab   ".to_owned(), "   ab".to_owned()));
        assert_eq!(padded("née", 5), ("née  ".to_owned(), "  née".to_owned()));
        assert_eq!(
            padded("toolong", 3),
            ("toolong".to_owned(), "toolong".to_owned())
        );
        let (right, left) = padded("x", 70);
        assert_eq!((right.len(), right.trim_end()), (70, "x"));
        assert_eq!((left.len(), left.trim_start()), (70, "x"));
    }

    #[test]
    fn a_line_in_columns_is_the_padded_line() {
        let line = |id: &'static str, kind, field: &'static str, value: &str, target: &str| {
            let o = Observation {
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
                person: None,
                id,
                kind,
                period: None,
                field,
                value: Val::Num(0.0),
                target: None,
                commit: None,
            };
            let mut padded_line = String::new();
            padded(&mut padded_line, "2026-03-04", &o, value, target);
            let cells = in_columns("2026-03-04", &o, value, target);
            (
                cells.map(|c| String::from_utf8(c.to_vec()).expect("text")),
                padded_line,
            )
        };
        let fit = [
            line("kr-1", ItemKind::KeyResult, "current", "3", "4"),
            line("", ItemKind::Metric, "", "", ""),
            line(
                "an-id-of-twenty-eight-chars-",
                ItemKind::AnnualObjective,
                "2026-12-31",
                "-123456789.5",
                "100000000000",
            ),
        ];
        for (cells, padded_line) in fit {
            assert_eq!(cells.as_ref(), Some(&padded_line));
            assert_eq!(padded_line.len(), super::COMMIT);
        }
        let wider = [
            line("an-id-of-twenty-nine-chars-xx", ItemKind::Win, "x", "1", ""),
            line("née", ItemKind::Win, "x", "1", ""),
            line("kr", ItemKind::Habit, "eleven-char", "1", ""),
            line("kr", ItemKind::Habit, "x", "thirteen-char", ""),
            line("kr", ItemKind::Habit, "x", "1", "1234567890123"),
            line("kr", ItemKind::Habit, "x", "résumé", ""),
        ];
        for (cells, padded_line) in wider {
            assert_eq!(cells, None, "{padded_line}");
        }
    }

    #[test]
    fn a_quarter_s_row_names_its_period_in_its_column() {
        let o = Observation {
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 4).expect("a date"),
            person: None,
            id: "26q4-pipeline",
            kind: ItemKind::KeyResult,
            period: Some("2026-Q4"),
            field: "current",
            value: Val::Num(3.1),
            target: Some(3.2),
            commit: None,
        };
        let mut padded_line = String::new();
        padded(&mut padded_line, "2026-11-04", &o, "3.1", "3.2");
        let cells = in_columns("2026-11-04", &o, "3.1", "3.2").expect("fits");
        assert_eq!(String::from_utf8_lossy(&cells), padded_line);
        assert_eq!(&padded_line[super::PERIOD.0..], "2026-Q4  ");
    }

    #[test]
    fn dates_are_written_as_display_writes_them() {
        for (y, m, d) in [
            (2026, 1, 5),
            (2035, 12, 31),
            (1, 1, 1),
            (0, 2, 29),
            (9999, 12, 31),
        ] {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            let mut line = String::new();
            date(&mut line, day);
            assert_eq!(line, day.to_string());
        }
        for day in [chrono::NaiveDate::MIN, chrono::NaiveDate::MAX] {
            let mut line = String::new();
            date(&mut line, day);
            assert_eq!(line, day.to_string());
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            7.0,
            7.2,
            10.9,
            0.1,
            6_080_000.0,
            2_009_999.999_999_999_8,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e16,
            -1e15,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            4_503_599_627_370_497.0,
            8_220_000.000_000_001,
            -7_810_000.5,
            9.6,
            0.000_01,
            0.000_001,
            1.5e-7,
            -2.5e-300,
            123_456_789_012_345.6,
            1_234_567_890_123_456.7,
            1.5e16,
            0.3,
            2.0 / 3.0,
            -1.0 / 3.0,
            f64::EPSILON,
            f64::MIN_POSITIVE,
            // Of 16 and 17 digits, where ryu's last digit differs.
            984_289_429_057_884.2,
            1_690_060_720_831_323.2,
            0.1 + 0.2,
        ];
        for n in values {
            let mut cell = String::new();
            number(&mut cell, n);
            assert_eq!(cell, format!("{n}"), "{n:?}");
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::write_text;
    use crate::history::{ItemKind, Observation, Val};

    /// The table is the same whether it is written on one thread or in
    /// windows on every thread, in the order of the rows.
    #[test]
    fn a_long_table_is_written_as_a_short_one_is() {
        let ids: Vec<String> = (0..23).map(|n| format!("kr-{n}")).collect();
        let rows: Vec<Observation> = (0..23)
            .map(|n| Observation {
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1 + n / 3).expect("a date"),
                person: None,
                id: &ids[n as usize],
                kind: ItemKind::KeyResult,
                period: None,
                field: "current",
                value: Val::Num(f64::from(n)),
                target: Some(30.0),
                commit: Some("0123456789abcdef"),
            })
            .collect();
        let table = |window, chunk, lines| {
            let mut out = Vec::new();
            let view = |at: usize| rows[at].clone();
            write_text(&mut out, rows.len(), &view, false, (window, chunk, lines))
                .expect("written");
            String::from_utf8(out).expect("text")
        };
        let short = table(1000, 4, 4);
        assert_eq!(short.lines().count(), 23);
        assert!(short.lines().nth(22).is_some_and(|l| l.contains("kr-22")));
        // Rows of a day share its date; the next day's rows have theirs.
        let days: Vec<&str> = short.lines().map(|l| &l[..10]).collect();
        assert_eq!(
            days[..4],
            ["2026-01-01", "2026-01-01", "2026-01-01", "2026-01-02"]
        );
        assert_eq!(days[22], "2026-01-08");
        assert_eq!(table(1000, 4, 5), short);
        assert_eq!(table(1000, 4, 1), short);
        assert_eq!(table(5, 2, 4), short);
        assert_eq!(table(7, 3, 4), short);
    }
}
