//! Reading an export row by row: CSV (any delimiter, a BOM, CRLF, quoted
//! fields, UTF-8, UTF-16 or Windows-1252) and XLSX.
//!
//! Rows are handed to a [`Sink`] one at a time and never kept, so a 200 MB
//! export takes the memory of one row (the `csv` crate reuses one record;
//! calamine's cell reader streams a worksheet's XML). Encodings: a UTF-16
//! file starts with a byte-order mark and is decoded by `encoding_rs_io`
//! as it streams; Windows-1252 (Excel's "CSV" on Windows) has no mark, so
//! it is read when the rules say so, and otherwise its first non-UTF-8
//! byte is an error that says which line and what to write.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use calamine::{DataRef, DataType as _, Reader as _, Xlsx};
use csv::StringRecord;
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::rules::{Encoding, Rules};
use crate::error::Error;

/// How far down the header row is looked for when the rules do not say.
const HEADER_SEARCH: usize = 30;

/// Where rows go.
pub trait Sink {
    /// The header row; `line` is its line in the file.
    fn header(&mut self, line: u64, cells: &StringRecord) -> Result<(), Error>;
    /// A row below the header.
    fn row(&mut self, line: u64, cells: &StringRecord) -> Result<(), Error>;
}

/// Reads `path` (shown as `shown`) into `sink`. An XLSX file is known by
/// its extension or its zip signature.
pub fn read(path: &Path, shown: &str, rules: &Rules, sink: &mut dyn Sink) -> Result<(), Error> {
    let mut file = File::open(path).map_err(|e| Error::io(shown, e))?;
    let mut head = [0u8; 4];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(shown, e))?;
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
        || head[..n] == *b"PK\x03\x04";
    drop(file);
    let mut header = Header::new(shown, rules);
    if xlsx {
        read_xlsx(path, shown, rules, &mut header, sink)?;
    } else {
        read_csv(path, shown, rules, &mut header, sink)?;
    }
    header.finish()
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Finds the header row among the first rows, then passes rows on.
struct Header<'r> {
    shown: &'r str,
    rules: &'r Rules,
    found: bool,
    seen: usize,
    /// The widest row seen before the header was found.
    first: Option<(u64, StringRecord)>,
    rows: u64,
}

impl<'r> Header<'r> {
    fn new(shown: &'r str, rules: &'r Rules) -> Self {
        Header {
            shown,
            rules,
            found: false,
            seen: 0,
            first: None,
            rows: 0,
        }
    }

    fn take(&mut self, line: u64, cells: &StringRecord, sink: &mut dyn Sink) -> Result<(), Error> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        if self.found {
            self.rows += 1;
            return sink.row(line, cells);
        }
        self.seen += 1;
        let is_header = match self.rules.skip {
            Some(skip) => self.seen > skip,
            None => {
                let wanted = self.rules.date.column.trim();
                cells.iter().any(|c| c.trim().eq_ignore_ascii_case(wanted))
            }
        };
        // The likeliest header when none names the date column: the first
        // of the widest rows (a report's title lines hold one cell).
        let width = |r: &StringRecord| r.iter().filter(|c| !c.trim().is_empty()).count();
        if self.rules.skip.is_none_or(|s| self.seen > s)
            && self
                .first
                .as_ref()
                .is_none_or(|(_, f)| width(cells) > width(f))
        {
            self.first = Some((line, cells.clone()));
        }
        if is_header {
            self.found = true;
            return sink.header(line, cells);
        }
        if self.rules.skip.is_none() && self.seen >= HEADER_SEARCH {
            return self.missing(sink);
        }
        Ok(())
    }

    /// No row names the date column: the widest row is taken as the header,
    /// and the sink says which columns it lacks.
    fn missing(&mut self, sink: &mut dyn Sink) -> Result<(), Error> {
        match self.first.take() {
            Some((line, cells)) => {
                self.found = true;
                sink.header(line, &cells)
            }
            None => Err(self.empty()),
        }
    }

    fn finish(mut self) -> Result<(), Error> {
        if !self.found {
            return match self.first.take() {
                Some((line, cells)) => {
                    HeaderCheck::new(self.shown, self.rules).header(line, &cells)?;
                    Err(self.empty())
                }
                None => Err(self.empty()),
            };
        }
        if self.rows == 0 {
            return Err(Error::Usage(format!(
                "{}: the export has a header and no rows: nothing to import; nothing was changed",
                self.shown
            )));
        }
        Ok(())
    }

    fn empty(&self) -> Error {
        Error::Usage(format!(
            "{}: the export is empty: no header row naming `{}`, and no rows; nothing was changed",
            self.shown, self.rules.date.column
        ))
    }
}

/// The columns a header lacks, said with a did-you-mean.
pub struct HeaderCheck<'r> {
    shown: &'r str,
    rules: &'r Rules,
}

impl<'r> HeaderCheck<'r> {
    pub fn new(shown: &'r str, rules: &'r Rules) -> Self {
        HeaderCheck { shown, rules }
    }

    /// The index of each column the rules name, in [`Rules::columns`]
    /// order; an error naming the first that is missing.
    pub fn header(&mut self, line: u64, cells: &StringRecord) -> Result<Vec<usize>, Error> {
        let names: Vec<&str> = cells.iter().map(str::trim).collect();
        let mut out = Vec::new();
        for (column, what) in self.rules.columns() {
            let wanted = column.trim();
            let found = names
                .iter()
                .position(|n| *n == wanted)
                .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(wanted)));
            match found {
                Some(i) => out.push(i),
                None => {
                    let hint = crate::diag::did_you_mean(wanted, names.iter().copied())
                        .map(|h| format!("\n  hint: {h}"))
                        .unwrap_or_default();
                    let shown_names: Vec<String> = names
                        .iter()
                        .filter(|n| !n.is_empty())
                        .map(|n| format!("`{n}`"))
                        .collect();
                    return Err(Error::Usage(format!(
                        "{}:{line}: no column `{wanted}` ({what}) in the header: {}; nothing was changed{hint}",
                        self.shown,
                        shown_names.join(", ")
                    )));
                }
            }
        }
        Ok(out)
    }
}

// ------------------------------------------------------------------- CSV

fn read_csv(
    path: &Path,
    shown: &str,
    rules: &Rules,
    header: &mut Header<'_>,
    sink: &mut dyn Sink,
) -> Result<(), Error> {
    let mut file = File::open(path).map_err(|e| Error::io(shown, e))?;
    let mut head = [0u8; 4096];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(shown, e))?;
    let head = &head[..n];
    drop(file);
    let file = File::open(path).map_err(|e| Error::io(shown, e))?;
    let utf16_bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    let encoding = match rules.encoding {
        Some(Encoding::Utf16Le) => Some(encoding_rs::UTF_16LE),
        Some(Encoding::Utf16Be) => Some(encoding_rs::UTF_16BE),
        Some(Encoding::Windows1252) => Some(encoding_rs::WINDOWS_1252),
        Some(Encoding::Utf8) | None => None,
    };
    if encoding.is_none() && !utf16_bom && looks_utf16(head) {
        return Err(Error::Usage(format!(
            "{shown}: the export looks like UTF-16 without a byte-order mark: add `encoding: utf-16le` (or `utf-16be`) to the rules, or export as CSV UTF-8; nothing was changed"
        )));
    }
    let reader: Box<dyn Read> = if encoding.is_some() || utf16_bom {
        // Decoded as it streams; a BOM (UTF-8 or UTF-16) is dropped.
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(encoding)
                .bom_sniffing(true)
                .build(file),
        )
    } else {
        let mut file = BufReader::with_capacity(1 << 16, file);
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            file.consume(3);
        }
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let delimiter = match rules.delimiter {
        Some(c) => u8::try_from(c).ok().filter(u8::is_ascii).ok_or_else(|| {
            Error::Usage(format!(
                "--rules: `delimiter: {c}`: a delimiter is one ASCII character such as `,`, `;` or a tab"
            ))
        })?,
        None => guess_delimiter(reader.fill_buf().map_err(|e| Error::io(shown, e))?),
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // `\n` alone ends a record, so a CRLF file's lines are counted as
        // they are numbered (the `\r` left on the last field is trimmed).
        .terminator(csv::Terminator::Any(b'\n'))
        .delimiter(delimiter)
        .from_reader(reader);
    let mut record = StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                header.take(line, &record, sink)?;
            }
            Err(err) => return Err(csv_error(shown, &err)),
        }
    }
    Ok(())
}

fn csv_error(shown: &str, err: &csv::Error) -> Error {
    match err.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => {
            let line = pos.as_ref().map_or(0, csv::Position::line);
            Error::Usage(format!(
                "{shown}:{line}: the export is not UTF-8 (it is probably Windows-1252, Excel's \"CSV\" on Windows): add `encoding: windows-1252` to the rules, or export as \"CSV UTF-8\"; nothing was changed"
            ))
        }
        csv::ErrorKind::Io(io) => Error::Usage(format!("{shown}: cannot read the export: {io}")),
        _ => Error::Usage(format!("{shown}: {err}; nothing was changed")),
    }
}

/// Every other byte zero in the first bytes: UTF-16 text.
fn looks_utf16(head: &[u8]) -> bool {
    let pairs = head.len() / 2;
    pairs >= 4
        && head
            .chunks_exact(2)
            .filter(|p| (p[0] == 0) != (p[1] == 0))
            .count()
            * 2
            > pairs
}

/// The most frequent of `,`, `;` and tab outside quotes in the first lines.
fn guess_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

// ------------------------------------------------------------------ XLSX

fn read_xlsx(
    path: &Path,
    shown: &str,
    rules: &Rules,
    header: &mut Header<'_>,
    sink: &mut dyn Sink,
) -> Result<(), Error> {
    let bad = |e: &dyn std::fmt::Display| {
        Error::Usage(format!(
            "{shown}: cannot read the workbook: {e}; nothing was changed"
        ))
    };
    let file = BufReader::new(File::open(path).map_err(|e| Error::io(shown, e))?);
    let mut book: Xlsx<_> = Xlsx::new(file).map_err(|e| bad(&e))?;
    let names = book.sheet_names();
    let sheet = match &rules.sheet {
        Some(name) => names.iter().find(|n| *n == name).cloned().ok_or_else(|| {
            let hint = crate::diag::did_you_mean(name, names.iter().map(String::as_str))
                .map(|h| format!("\n  hint: {h}"))
                .unwrap_or_default();
            Error::Usage(format!(
                "{shown}: no sheet `{name}` (sheets: {}); nothing was changed{hint}",
                names.join(", ")
            ))
        })?,
        None => names.first().cloned().ok_or_else(|| {
            Error::Usage(format!(
                "{shown}: the workbook has no sheet; nothing was changed"
            ))
        })?,
    };
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| bad(&e))?;
    let mut record = StringRecord::new();
    let mut row: Option<u32> = None;
    let mut text = String::new();
    loop {
        let cell = cells.next_cell().map_err(|e| bad(&e))?;
        let (r, c) = cell
            .as_ref()
            .map_or((u32::MAX, 0), calamine::Cell::get_position);
        if row != Some(r) {
            if let Some(done) = row {
                header.take(u64::from(done) + 1, &record, sink)?;
            }
            record.clear();
            row = Some(r);
        }
        let Some(cell) = cell else { break };
        while record.len() < c as usize {
            record.push_field("");
        }
        text.clear();
        cell_text(cell.get_value(), &mut text);
        record.push_field(&text);
    }
    Ok(())
}

/// A cell as the same text a CSV export would hold: a date as ISO.
fn cell_text(value: &DataRef<'_>, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => match value.as_date() {
            Some(date) => {
                let _ = write!(out, "{date}");
            }
            None => out.push_str(&value.as_string().unwrap_or_default()),
        },
        DataRef::Float(f) => {
            let _ = write!(out, "{f}");
        }
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::String(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        DataRef::Error(e) => {
            let _ = write!(out, "#{e:?}");
        }
        DataRef::Empty => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_guessed() {
        assert_eq!(guess_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(guess_delimiter(b"a;b;c\n\"1,5\";2;3\n"), b';');
        assert_eq!(guess_delimiter(b"a\tb\tc\n"), b'\t');
    }

    #[test]
    fn utf16_without_a_mark_is_seen() {
        let text: Vec<u8> = "Date,Amount\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(looks_utf16(&text));
        assert!(!looks_utf16(b"Date,Amount\n"));
    }
}
