//! A cache file decoded as it is read, and encoded as it is written:
//! postcard's input through a buffer that is refilled as decoding moves
//! on, its output through a buffered writer, with the CRC of the payload
//! computed on the way either way.
//!
//! A ten-year team's replay file is 55 MB. Read whole, its bytes were held
//! beside the rows they decode to, at the moment a `report` or a
//! `status --team` peaked in memory; written whole, at the end of a cold
//! replay, in a buffer that doubled as it grew. Read and written through
//! these buffers, they never are. postcard's own reader (`from_io`) reads
//! a byte at a time through `std::io::Read`, which made the same read a
//! fifth slower.

use std::io::Read;

use postcard::de_flavors::Flavor;

/// Bytes read from the file at a time.
const CHUNK: usize = 1 << 18;

/// A cache file's payload, `len` bytes long, read from `reader`.
pub(super) struct Stream<R> {
    reader: R,
    buf: Vec<u8>,
    /// The next byte to decode.
    pos: usize,
    /// The end of what `buf` holds.
    filled: usize,
    /// The payload's length as its header states it, and how much of it
    /// has been read into `buf` so far: a damaged length inside the
    /// payload cannot make the buffer grow past the stated length.
    len: usize,
    read: usize,
    crc: crc32fast::Hasher,
}

impl<R: Read> Stream<R> {
    /// What `header` reads from the header line of the file `reader`
    /// reads, with the payload's length, and the stream of the payload
    /// after it.
    pub(super) fn open<H>(
        mut reader: R,
        header: impl FnOnce(&str) -> Option<(H, usize)>,
    ) -> Option<(H, Stream<R>)> {
        let mut buf = vec![0; CHUNK];
        let filled = read_some(&mut reader, &mut buf).ok()?;
        let end = buf[..filled].iter().position(|b| *b == b'\n')?;
        let (header, len) = header(std::str::from_utf8(&buf[..end]).ok()?)?;
        let mut stream = Stream {
            reader,
            buf,
            pos: end + 1,
            filled,
            len,
            read: filled - end - 1,
            crc: crc32fast::Hasher::new(),
        };
        if stream.read > len {
            return None;
        }
        stream.crc.update(&stream.buf[stream.pos..stream.filled]);
        Some((header, stream))
    }

    /// Makes `want` bytes ready to decode from `pos`, reading more of
    /// the file when `buf` holds fewer.
    #[cold]
    fn fill(&mut self, want: usize) -> postcard::Result<()> {
        let ready = self.filled - self.pos;
        if ready >= want {
            return Ok(());
        }
        if want - ready > self.len - self.read {
            return Err(postcard::Error::DeserializeUnexpectedEnd);
        }
        self.buf.copy_within(self.pos..self.filled, 0);
        (self.filled, self.pos) = (ready, 0);
        let room = want.max(CHUNK).min(ready + self.len - self.read);
        if self.buf.len() < room {
            self.buf.resize(room, 0);
        }
        let end = room.min(self.buf.len());
        while self.filled < want {
            let n = read_some(&mut self.reader, &mut self.buf[self.filled..end])
                .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
            if n == 0 {
                return Err(postcard::Error::DeserializeUnexpectedEnd);
            }
            self.crc.update(&self.buf[self.filled..self.filled + n]);
            (self.filled, self.read) = (self.filled + n, self.read + n);
        }
        Ok(())
    }
}

/// Reads what `reader` has into `buf`, retrying an interrupted read.
fn read_some(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            result => return result,
        }
    }
}

impl<'de, R: Read + 'de> Flavor<'de> for Stream<R> {
    /// The payload's CRC, when it was read to its stated end and no
    /// further, with nothing left undecoded.
    type Remainder = Option<u32>;
    type Source = R;

    #[inline]
    fn pop(&mut self) -> postcard::Result<u8> {
        if self.pos == self.filled {
            self.fill(1)?;
        }
        let byte = self.buf[self.pos];
        self.pos += 1;
        Ok(byte)
    }

    fn try_take_n(&mut self, _: usize) -> postcard::Result<&'de [u8]> {
        // What the cache stores owns its data: nothing borrows the input.
        Err(postcard::Error::DeserializeBadEncoding)
    }

    #[inline]
    fn try_take_n_temp<'a>(&'a mut self, ct: usize) -> postcard::Result<&'a [u8]>
    where
        'de: 'a,
    {
        if self.filled - self.pos < ct {
            self.fill(ct)?;
        }
        let taken = &self.buf[self.pos..self.pos + ct];
        self.pos += ct;
        Ok(taken)
    }

    fn finalize(mut self) -> postcard::Result<Option<u32>> {
        let mut probe = [0u8; 1];
        let at_end = self.pos == self.filled
            && self.read == self.len
            && matches!(read_some(&mut self.reader, &mut probe), Ok(0));
        Ok(at_end.then(|| self.crc.finalize()))
    }
}

/// A cache file's payload as it is written, with its CRC and length.
pub(super) struct Counted<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: usize,
}

impl<W: std::io::Write> Counted<W> {
    pub(super) fn new(inner: W) -> Counted<W> {
        Counted {
            inner,
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }

    /// Flushes what is written, and returns its CRC and length.
    pub(super) fn finish(mut self) -> std::io::Result<(u32, usize)> {
        self.inner.flush()?;
        Ok((self.crc.finalize(), self.len))
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(payload: &[u8], stated: usize) -> Vec<u8> {
        let mut bytes = format!("v1 {} {stated}\n", crc32fast::hash(payload)).into_bytes();
        bytes.extend_from_slice(payload);
        bytes
    }

    fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<(T, bool)> {
        let (crc, stream) = Stream::open(bytes, |h| {
            let crc: u32 = h.split(' ').nth(1)?.parse().ok()?;
            Some((crc, h.split(' ').nth(2)?.parse().ok()?))
        })?;
        let mut de = postcard::Deserializer::from_flavor(stream);
        let value = T::deserialize(&mut de).ok()?;
        let read = de.finalize().ok()?;
        Some((value, read == Some(crc)))
    }

    #[test]
    fn what_is_decoded_as_read_equals_what_was_written_across_chunks() {
        let value: (String, Vec<(f64, u32, String)>) = (
            "tip".to_owned(),
            (0..100_000)
                .map(|i| (f64::from(i) / 3.0, i * 7, format!("row {i}")))
                .collect(),
        );
        let payload = postcard::to_stdvec(&value).expect("encode");
        assert!(payload.len() > 4 * CHUNK);
        let (back, whole) =
            decode::<(String, Vec<(f64, u32, String)>)>(&file(&payload, payload.len()))
                .expect("decoded");
        assert!(whole);
        assert_eq!(back, value);
        // A string longer than a chunk is read whole.
        let long = "x".repeat(3 * CHUNK);
        let payload = postcard::to_stdvec(&long).expect("encode");
        assert_eq!(
            decode::<String>(&file(&payload, payload.len())),
            Some((long, true))
        );
    }

    #[test]
    fn a_damaged_or_cut_payload_is_not_taken_for_whole() {
        let value: Vec<u32> = (0..50_000).collect();
        let payload = postcard::to_stdvec(&value).expect("encode");
        // Cut short: the decoding runs out.
        let cut = file(&payload[..payload.len() / 2], payload.len());
        assert!(decode::<Vec<u32>>(&cut).is_none());
        // Longer than stated: not whole.
        let mut long = file(&payload, payload.len());
        long.push(0);
        assert!(decode::<Vec<u32>>(&long).is_none_or(|(_, whole)| !whole));
        // A byte changed: the CRC differs.
        let mut changed = file(&payload, payload.len());
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(decode::<Vec<u32>>(&changed).is_none_or(|(_, whole)| !whole));
        // A length inside the payload past its stated end does not grow
        // the buffer beyond it.
        let huge = postcard::to_stdvec(&usize::MAX).expect("encode");
        assert!(decode::<String>(&file(&huge, huge.len())).is_none());
    }
}
