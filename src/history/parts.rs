//! A cache file of parts, each with its own CRC.
//!
//! It is written in one go to a temporary file that is renamed into place,
//! so a concurrent reader sees the old file or the new one. It is read
//! back a part at a time: a run reads only the parts it needs, and a part
//! is decoded as it streams from the file a few pages at a time, its CRC
//! checked at its end; a value whose part does not check out is dropped.
//! No part is ever whole in memory: reading a file into memory first
//! costs a page fault for every 4 KB of it (a third of a warm run over
//! one person's ten years), and on a team's history it held 100 MB that
//! the decoded history then held again.

use std::fs::File;
use std::io::{BufRead as _, BufReader, Read, Seek as _, SeekFrom, Take, Write};
use std::path::{Path, PathBuf};

use postcard::de_flavors::Flavor;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Bytes read from the file at a time.
const CHUNK: usize = 64 << 10;

/// Where a part lies in its file, and its CRC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    start: u64,
    len: u64,
    crc: u32,
}

/// The first line of a file: the version, then each part's CRC and
/// length, at a fixed width so that it can be written after the parts.
fn header(version: u32, parts: &[(u32, u64)]) -> String {
    use std::fmt::Write as _;
    let mut line = format!("roadmap-cache-{version}");
    for (crc, len) in parts {
        let _ = write!(line, " {crc:010} {len:016}");
    }
    line.push('\n');
    line
}

/// Writes the `count` parts that `fill` gives to `path`, through `tmp`.
pub(super) fn write(
    path: &Path,
    tmp: &Path,
    version: u32,
    count: usize,
    fill: impl FnOnce(&mut Writer) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let written = (|| {
        let mut file = crate::state::create(tmp)?;
        file.write_all(header(version, &vec![(0, 0); count]).as_bytes())?;
        // Buffered before the checksum, which then runs over whole chunks
        // rather than each of postcard's small writes.
        let mut writer = Writer {
            out: std::io::BufWriter::with_capacity(CHUNK, Checksummed::new(file)),
            parts: Vec::with_capacity(count),
        };
        fill(&mut writer)?;
        if writer.parts.len() != count {
            return Err(std::io::Error::other(
                "not as many parts as the header says",
            ));
        }
        let mut file = writer
            .out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .inner;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(header(version, &writer.parts).as_bytes())
    })();
    match written {
        Ok(()) => std::fs::rename(tmp, path),
        Err(err) => {
            let _ = std::fs::remove_file(tmp);
            Err(err)
        }
    }
}

/// Writes the parts of a file, one after the other.
pub(super) struct Writer {
    out: std::io::BufWriter<Checksummed<File>>,
    /// The CRC and length of each part written.
    parts: Vec<(u32, u64)>,
}

impl Writer {
    pub(super) fn part(&mut self, value: &impl Serialize) -> std::io::Result<()> {
        postcard::to_io(value, &mut self.out).map_err(std::io::Error::other)?;
        self.out.flush()?;
        self.parts.push(self.out.get_mut().tally());
        Ok(())
    }
}

/// A file's bytes as they are written or read, with their CRC and count.
struct Checksummed<F> {
    inner: F,
    crc: crc32fast::Hasher,
    count: u64,
}

impl<F> Checksummed<F> {
    fn new(inner: F) -> Self {
        Checksummed {
            inner,
            crc: crc32fast::Hasher::new(),
            count: 0,
        }
    }

    /// The CRC and count of the bytes since the last call.
    fn tally(&mut self) -> (u32, u64) {
        let crc = std::mem::take(&mut self.crc).finalize();
        (crc, std::mem::take(&mut self.count))
    }
}

impl<R: Read> Read for Checksummed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.crc.update(&buf[..read]);
        self.count += read as u64;
        Ok(read)
    }
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.crc.update(&buf[..written]);
        self.count += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file of parts whose header was read.
#[derive(Debug)]
pub(super) struct Parts {
    path: PathBuf,
    header: Vec<u8>,
    each: Vec<Part>,
    /// The most bytes the file may hold.
    limit: u64,
}

impl Parts {
    /// The file at `path`, if it is a regular file of at most `limit`
    /// bytes (so that no part read from it is longer), of this `version`
    /// and of `count` parts.
    pub(super) fn open(path: &Path, version: u32, count: usize, limit: u64) -> Option<Parts> {
        let len = header(version, &vec![(0, 0); count]).len();
        let (header, _) = Self::header_of(path, len, limit)?;
        let text = std::str::from_utf8(&header).ok()?.strip_suffix('\n')?;
        let mut fields = text.split(' ');
        if fields.next()? != format!("roadmap-cache-{version}") {
            return None;
        }
        let mut start = header.len() as u64;
        let mut each = Vec::with_capacity(count);
        for _ in 0..count {
            let crc = fields.next()?.parse::<u32>().ok()?;
            let len = fields.next()?.parse::<u64>().ok()?;
            each.push(Part { start, len, crc });
            start = start.checked_add(len)?;
        }
        fields.next().is_none().then_some(Parts {
            path: path.to_owned(),
            header,
            each,
            limit,
        })
    }

    /// The header line of the file at `path`, `len` bytes long, and the
    /// file, if it is a regular file of at most `limit` bytes.
    fn header_of(path: &Path, len: usize, limit: u64) -> Option<(Vec<u8>, File)> {
        let mut file = crate::state::open(path, limit)?;
        let mut header = vec![0; len];
        file.read_exact(&mut header).ok()?;
        header.ends_with(b"\n").then_some((header, file))
    }

    /// The length of part `n` in bytes.
    pub(super) fn len(&self, n: usize) -> Option<u64> {
        Some(self.each.get(n)?.len)
    }

    /// Part `n` decoded as a `T`, if it checks out. The file is opened
    /// again for each part (so that parts can be read at once); a file
    /// replaced in between has another header, and is not read.
    ///
    /// The part is decoded as it is read, and its CRC checked at its end:
    /// a value from a part that does not check out is dropped, never
    /// returned. What decoding damaged bytes may do is bounded: a take is
    /// never longer than what is left of the part, and no list reserves
    /// room past what a history holds (see [`super::fixed`]).
    pub(super) fn read<T: DeserializeOwned>(&self, n: usize) -> Option<T> {
        let part = *self.each.get(n)?;
        let (header, mut file) = Self::header_of(&self.path, self.header.len(), self.limit)?;
        if header != self.header {
            return None;
        }
        file.seek(SeekFrom::Start(part.start)).ok()?;
        let mut decoder = postcard::Deserializer::from_flavor(Stream::new(
            BufReader::with_capacity(CHUNK, Checksummed::new(file.take(part.len))),
        ));
        let value = T::deserialize(&mut decoder).ok();
        // The value is the whole part; anything left after it is damage,
        // and is read to finish the CRC.
        let mut rest = decoder.finalize().ok()?;
        let left = std::io::copy(&mut rest, &mut std::io::sink()).ok()?;
        let (crc, count) = rest.into_inner().tally();
        value.filter(|_| left == 0 && (crc, count) == (part.crc, part.len))
    }
}

/// postcard's input, read from the file as it is decoded.
struct Stream {
    reader: BufReader<Checksummed<Take<File>>>,
    /// Bytes lent out of the reader's buffer by the last take, let go of
    /// at the next read.
    lent: usize,
    /// What a string or a block of rows that crosses the end of the
    /// reader's buffer is read into.
    temp: Vec<u8>,
}

impl Stream {
    fn new(reader: BufReader<Checksummed<Take<File>>>) -> Stream {
        Stream {
            reader,
            lent: 0,
            temp: Vec::new(),
        }
    }

    /// The reader, past what was lent.
    fn reader(&mut self) -> &mut BufReader<Checksummed<Take<File>>> {
        self.reader.consume(std::mem::take(&mut self.lent));
        &mut self.reader
    }
}

impl Flavor<'static> for Stream {
    type Remainder = BufReader<Checksummed<Take<File>>>;
    type Source = ();

    fn pop(&mut self) -> postcard::Result<u8> {
        let reader = self.reader();
        if let Some(&byte) = reader.buffer().first() {
            reader.consume(1);
            return Ok(byte);
        }
        let mut byte = [0];
        reader
            .read_exact(&mut byte)
            .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
        Ok(byte[0])
    }

    /// Nothing the cache stores borrows from its input, which is gone by
    /// the time the value is used.
    fn try_take_n(&mut self, _: usize) -> postcard::Result<&'static [u8]> {
        Err(postcard::Error::DeserializeUnexpectedEnd)
    }

    fn try_take_n_temp<'a>(&'a mut self, n: usize) -> postcard::Result<&'a [u8]>
    where
        'static: 'a,
    {
        let buffered = self.reader().buffer().len();
        // Most takes are short and lie in the buffer: they are lent from
        // it as they are.
        if buffered >= n {
            self.lent = n;
            return Ok(&self.reader.buffer()[..n]);
        }
        // Never more than what is left of the part.
        if n as u64 > buffered as u64 + self.reader.get_ref().inner.limit() {
            return Err(postcard::Error::DeserializeUnexpectedEnd);
        }
        self.temp.resize(n, 0);
        self.reader
            .read_exact(&mut self.temp)
            .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
        Ok(&self.temp)
    }

    fn finalize(mut self) -> postcard::Result<BufReader<Checksummed<Take<File>>>> {
        self.reader.consume(std::mem::take(&mut self.lent));
        Ok(self.reader)
    }
}

#[cfg(test)]
mod tests {
    use super::{Parts, write};

    #[test]
    fn parts_are_read_back_apart_and_damage_is_never_read() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (path, tmp) = (dir.path().join("c.bin"), dir.path().join("c.tmp"));
        let long = "x".repeat(200_000);
        let first = ("tip".to_owned(), vec![long.clone(), "b".to_owned()]);
        let (second, third) = (vec![1u64, 2, 3], String::new());
        let write_all = |first: &(String, Vec<String>)| {
            write(&path, &tmp, 7, 3, |w| {
                w.part(first)?;
                w.part(&second)?;
                w.part(&third)
            })
        };
        write_all(&first).expect("written");
        assert!(!tmp.exists());

        let parts = Parts::open(&path, 7, 3, u64::MAX).expect("opened");
        let head: Option<(String, Vec<String>)> = parts.read(0);
        assert_eq!(head, Some(first.clone()));
        assert_eq!(parts.read::<Vec<u64>>(1), Some(second.clone()));
        assert_eq!(parts.read::<String>(2), Some(third.clone()));
        // A part that holds more than the value read is not sound.
        assert_eq!(parts.read::<String>(0), None);
        assert!(parts.read::<String>(3).is_none());
        assert!(
            Parts::open(&path, 8, 3, u64::MAX).is_none(),
            "another version"
        );
        assert!(
            Parts::open(&path, 7, 2, u64::MAX).is_none(),
            "another count"
        );
        let short = write(&path.with_extension("2"), &tmp, 7, 3, |w| w.part(&second));
        assert!(short.is_err() && !tmp.exists(), "fewer parts than said");

        // A part read as what it is not: a length of more than is there
        // is an error, not an allocation.
        let odd = path.with_extension("odd");
        write(&odd, &tmp, 7, 3, |w| {
            w.part(&(u64::MAX >> 2))?;
            w.part(&vec![u64::MAX >> 2; 3])?;
            w.part(&())
        })
        .expect("written");
        let parts = Parts::open(&odd, 7, 3, u64::MAX).expect("opened");
        assert_eq!(parts.read::<String>(0), None);
        assert_eq!(parts.read::<Vec<String>>(1), None);
        assert_eq!(parts.read::<Vec<u8>>(1), None);

        // A byte changed in a part, or the last part cut short: that part
        // is not read, the others are.
        let bytes = std::fs::read(&path).expect("read");
        for (at, part) in [(bytes.len() / 3, 0), (bytes.len() - 3, 1)] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            std::fs::write(&path, &damaged).expect("damaged");
            let parts = Parts::open(&path, 7, 3, u64::MAX).expect("the header is intact");
            assert_eq!(parts.read::<(String, Vec<String>)>(0).is_some(), part != 0);
            assert_eq!(parts.read::<Vec<u64>>(1).is_some(), part != 1);
            assert_eq!(parts.read::<String>(2).is_some(), part != 2, "byte {at}");
        }
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("cut");
        let parts = Parts::open(&path, 7, 3, u64::MAX).expect("the header is intact");
        assert!(parts.read::<Vec<u64>>(1).is_some() && parts.read::<String>(2).is_none());

        // A file replaced after its header was read is not mixed in.
        std::fs::write(&path, &bytes).expect("restored");
        let parts = Parts::open(&path, 7, 3, u64::MAX).expect("opened");
        write_all(&("other".to_owned(), vec![])).expect("replaced");
        assert!(parts.read::<Vec<u64>>(1).is_none() && parts.read::<String>(2).is_none());
    }
}
