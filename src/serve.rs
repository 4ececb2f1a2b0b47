//! `roadmap watch --serve`: the report folder over HTTP on 127.0.0.1, with
//! each page reloading itself after a rebuild.
//!
//! The report is files that open without a server; this is only a
//! convenience for a browser beside the editor. It is deliberately small and
//! std-only: GET and HEAD, `Connection: close`. HTML pages get a few lines
//! of script that ask `/__roadmap/version` every 300 ms and reload when the
//! number changes; the files on disk never hold that script. Nothing outside
//! the report folder is served: `..`, symbolic links leading out and hidden
//! files are refused.
//!
//! Any web page the browser has open can send requests to 127.0.0.1, and a
//! page whose own host name is re-pointed at 127.0.0.1 (DNS rebinding) may
//! even read the answers. So only requests addressed to `localhost`,
//! `127.0.0.1` or `[::1]` are answered (421 otherwise), and every request
//! is bounded: its line and headers in size (414, 431), its reading in time
//! (408), and the connections in number: a fixed set of threads reads the
//! requests, a short queue holds the next ones and anything beyond is
//! answered 503 at once. No client can make the server hold more than a
//! few kilobytes or a thread per connection. `tiny_http` was considered:
//! it reads headers of any size (its issue 56) and grows its thread pool
//! with the clients (issue 221), and the other HTTP crates bring an async
//! runtime; the bounds are most of this file either way.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::Error;

const VERSION_PATH: &str = "/__roadmap/version";

/// Connections whose requests are read and answered at the same time.
const WORKERS: usize = 8;
/// Connections accepted beyond those, waiting for a worker; any more are
/// answered 503.
const QUEUE: usize = 16;
/// The longest request line read (`GET /path HTTP/1.1`): 414 beyond.
const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header bytes read, all lines together: 431 beyond.
const MAX_HEADERS: usize = 32 * 1024;
/// The most header lines read: 431 beyond.
const MAX_HEADER_LINES: usize = 100;
/// How long a client has, from its connection, to send the whole request
/// line and headers: 408 after.
const REQUEST_TIME: Duration = Duration::from_secs(5);
/// How long writing the answer may stall on a client that does not read.
const WRITE_TIME: Duration = Duration::from_secs(10);
/// How long, and how many bytes, a refused request's client may go on
/// sending after the answer before the connection is closed (see
/// [`linger`]): a client that floods it is cut off at once.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: u64 = 64 * 1024;

/// A running server; it stops with the process.
pub(crate) struct Server {
    addr: SocketAddr,
    version: Arc<AtomicU64>,
}

impl Server {
    /// Serves `out` on 127.0.0.1:`port` (0: any free port).
    pub(crate) fn start(out: &Path, port: u16) -> Result<Server, Error> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Error::Usage(format!(
                "cannot serve on 127.0.0.1:{port}: {e} (choose another with --port)"
            ))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("127.0.0.1", e))?;
        let version = Arc::new(AtomicU64::new(0));
        let (queue, waiting) = mpsc::sync_channel::<(TcpStream, Instant)>(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..WORKERS {
            let site = Site {
                out: out.to_path_buf(),
                port: addr.port(),
                version: Arc::clone(&version),
            };
            let waiting = Arc::clone(&waiting);
            thread::spawn(move || work(&site, &waiting));
        }
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else {
                    // Out of file descriptors, say: let some close.
                    thread::sleep(Duration::from_millis(10));
                    continue;
                };
                match queue.try_send((stream, Instant::now())) {
                    Ok(()) => {}
                    Err(TrySendError::Full((stream, _))) => busy(&stream),
                    Err(TrySendError::Disconnected(_)) => break,
                }
            }
        });
        Ok(Server { addr, version })
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Tells open pages that the report changed.
    pub(crate) fn reload(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

/// What every worker serves.
struct Site {
    out: PathBuf,
    port: u16,
    version: Arc<AtomicU64>,
}

/// One worker: takes the next connection off the queue and answers it.
fn work(site: &Site, waiting: &Mutex<Receiver<(TcpStream, Instant)>>) {
    loop {
        let next = waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        let Ok((stream, accepted)) = next else { return };
        let _ = handle(&stream, site, accepted + REQUEST_TIME);
    }
}

/// Tells a client beyond the queue to come back, without ever waiting on
/// it: the answer fits in the socket's buffer or is dropped.
fn busy(stream: &TcpStream) {
    let refusal = Response::text(
        "503 Service Unavailable",
        "too many connections at once; try again\n",
    );
    let mut stream = stream;
    if stream.set_nonblocking(true).is_ok() {
        let _ = stream.write_all(&refusal.head(&["Retry-After: 1"]));
        let _ = stream.write_all(&refusal.body);
    }
}

struct Response {
    status: &'static str,
    kind: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            kind: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }

    fn head(&self, extra: &[&str]) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            self.kind,
            self.body.len()
        );
        for line in extra {
            head.push_str(line);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }
}

/// A request's line and the headers that matter, as read within bounds.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    method: String,
    target: String,
    /// Every `Host` header given (HTTP/1.1 wants exactly one).
    hosts: Vec<String>,
}

/// Why a request was not read to its end: the answer to give.
#[derive(Debug, PartialEq, Eq)]
enum Unread {
    /// The client closed or broke the connection: nothing to answer.
    Gone,
    TooSlow,
    LineTooLong,
    HeadersTooLarge,
    Malformed,
}

/// Reads from a stream, failing once `deadline` has passed however the
/// bytes trickle in.
struct Deadline<'s> {
    stream: &'s TcpStream,
    deadline: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

fn handle(stream: &TcpStream, site: &Site, deadline: Instant) -> io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIME))?;
    let mut reader = BufReader::with_capacity(4096, Deadline { stream, deadline });
    let request = read_request(&mut reader);
    let (response, head_only) = match &request {
        Ok(request) => answer(request, site),
        Err(Unread::Gone) => return Ok(()),
        Err(unread) => (refusal(unread), false),
    };
    let mut writer = stream;
    writer.write_all(&response.head(&[]))?;
    if !head_only {
        writer.write_all(&response.body)?;
    }
    writer.flush()?;
    if request.is_err() {
        linger(stream);
    }
    Ok(())
}

/// Closes a connection whose request was refused before it was read to
/// its end, without losing the answer. Closing with bytes of the client's
/// unread makes the system reset the connection, and the reset can discard
/// the answer before the client has read it. So the server's side is shut
/// first, and what the client still sends is read and dropped, until it
/// closes, for [`LINGER`] or [`LINGER_BYTES`] at most.
fn linger(stream: &TcpStream) {
    if stream.shutdown(std::net::Shutdown::Write).is_err() {
        return;
    }
    let reader = Deadline {
        stream,
        deadline: Instant::now() + LINGER,
    };
    let _ = io::copy(&mut reader.take(LINGER_BYTES), &mut io::sink());
}

fn refusal(unread: &Unread) -> Response {
    match unread {
        Unread::TooSlow => Response::text("408 Request Timeout", "the request took too long\n"),
        Unread::LineTooLong => Response::text("414 URI Too Long", "the request line is too long\n"),
        Unread::HeadersTooLarge => Response::text(
            "431 Request Header Fields Too Large",
            "the request headers are too large\n",
        ),
        Unread::Malformed | Unread::Gone => {
            Response::text("400 Bad Request", "not an HTTP request\n")
        }
    }
}

/// Reads a request line and its headers, never more than
/// [`MAX_REQUEST_LINE`] and [`MAX_HEADERS`] bytes.
fn read_request(reader: &mut impl BufRead) -> Result<Request, Unread> {
    let mut line = Vec::new();
    read_line(reader, MAX_REQUEST_LINE, &mut line).map_err(|unread| match unread {
        Unread::HeadersTooLarge => Unread::LineTooLong,
        other => other,
    })?;
    let text = std::str::from_utf8(&line).map_err(|_| Unread::Malformed)?;
    let mut parts = text.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Unread::Malformed);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Unread::Malformed);
    }
    let mut request = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        hosts: Vec::new(),
    };
    let mut budget = MAX_HEADERS;
    for _ in 0..=MAX_HEADER_LINES {
        line.clear();
        read_line(reader, budget, &mut line)?;
        budget -= line.len();
        if line == b"\r\n" || line == b"\n" {
            return Ok(request);
        }
        let text = std::str::from_utf8(&line).map_err(|_| Unread::Malformed)?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(Unread::Malformed);
        };
        if name.eq_ignore_ascii_case("host") {
            request.hosts.push(value.trim().to_owned());
        }
    }
    Err(Unread::HeadersTooLarge)
}

/// One line, `\n` included, into `line`; reading stops at `limit` bytes.
fn read_line(reader: &mut impl BufRead, limit: usize, line: &mut Vec<u8>) -> Result<(), Unread> {
    match Read::take(&mut *reader, limit as u64).read_until(b'\n', line) {
        Ok(_) if line.ends_with(b"\n") => Ok(()),
        Ok(n) if n >= limit => Err(Unread::HeadersTooLarge),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ) =>
        {
            Err(Unread::TooSlow)
        }
        // A connection closed or broken mid-request.
        Ok(_) | Err(_) => Err(Unread::Gone),
    }
}

/// True when `host` (a `Host` header) names this machine: `localhost`,
/// `127.0.0.1` or `[::1]`, with `port` or without a port.
fn local_host(host: &str, port: u16) -> bool {
    let (name, rest) = match host.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((address, rest)) => (&host[..address.len() + 2], rest),
            None => return false,
        },
        None => match host.find(':') {
            Some(at) => (&host[..at], &host[at..]),
            None => (host, ""),
        },
    };
    let port_ok = rest.is_empty()
        || rest.strip_prefix(':').is_some_and(|p| {
            p.parse::<u16>().ok() == Some(port) && p.bytes().all(|b| b.is_ascii_digit())
        });
    port_ok
        && ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .any(|local| name.eq_ignore_ascii_case(local))
}

/// The answer to a request that was read whole, and whether only its head
/// is sent.
fn answer(request: &Request, site: &Site) -> (Response, bool) {
    let [host] = request.hosts.as_slice() else {
        return (
            Response::text("400 Bad Request", "one Host header is required\n"),
            false,
        );
    };
    if !local_host(host, site.port) {
        return (
            Response::text(
                "421 Misdirected Request",
                "this server answers only requests for localhost, 127.0.0.1 or [::1]\n",
            ),
            false,
        );
    }
    if !request.target.starts_with('/') {
        return (
            Response::text("400 Bad Request", "the request target must be a path\n"),
            false,
        );
    }
    match request.method.as_str() {
        "GET" => (
            respond(
                &site.out,
                &request.target,
                site.version.load(Ordering::SeqCst),
            ),
            false,
        ),
        "HEAD" => (
            respond(
                &site.out,
                &request.target,
                site.version.load(Ordering::SeqCst),
            ),
            true,
        ),
        _ => (
            Response::text("405 Method Not Allowed", "only GET and HEAD\n"),
            false,
        ),
    }
}

fn respond(out: &Path, target: &str, version: u64) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return Response {
            status: "200 OK",
            kind: "text/plain; charset=utf-8",
            body: version.to_string().into_bytes(),
        };
    }
    let not_found = || Response {
        status: "404 Not Found",
        kind: "text/plain; charset=utf-8",
        body: b"not found\n".to_vec(),
    };
    let Some(file) = resolve(out, path) else {
        return not_found();
    };
    let Ok(mut body) = fs::read(&file) else {
        return not_found();
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        body = inject(&body, version);
    }
    Response {
        status: "200 OK",
        kind,
        body,
    }
}

/// The file under `out` that `path` names, if it is one: percent-decoded,
/// `index.html` for a folder, nothing hidden, nothing outside.
pub(crate) fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut file = out.to_path_buf();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(name) if !name.to_string_lossy().starts_with('.') => {
                file.push(name);
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
        if !file.is_file() {
            file.set_file_name("summary.html");
        }
    }
    let real = file.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(decoded).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "text/plain; charset=utf-8",
    }
}

/// The page with the reload script before `</body>` (or at the end).
fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let script = format!(
        "<script>(function(){{var v=\"{version}\";function t(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(x){{if(x!==v){{location.reload()}}else{{setTimeout(t,300)}}}}).catch(function(){{setTimeout(t,1000)}})}}setTimeout(t,300)}})();</script>\n"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_the_report_are_served() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("csv")).expect("folders");
        fs::write(out.join("summary.html"), "<body></body>").expect("file");
        fs::write(out.join("csv/metrics.csv"), "a,b\n").expect("file");
        fs::write(out.join(".roadmap-report"), "x").expect("file");
        fs::write(dir.path().join("secret"), "x").expect("file");
        let real = |p: &str| out.canonicalize().expect("out").join(p);
        assert_eq!(resolve(&out, "/"), Some(real("summary.html")));
        assert_eq!(
            resolve(&out, "/csv/metrics.csv"),
            Some(real("csv/metrics.csv"))
        );
        assert_eq!(
            resolve(&out, "/csv/metrics%2Ecsv"),
            Some(real("csv/metrics.csv"))
        );
        assert_eq!(resolve(&out, "/../secret"), None);
        assert_eq!(resolve(&out, "/%2e%2e/secret"), None);
        assert_eq!(resolve(&out, "/.roadmap-report"), None);
        assert_eq!(resolve(&out, "/missing.html"), None);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), out.join("link")).expect("link");
            assert_eq!(resolve(&out, "/link"), None);
        }
    }

    #[test]
    fn only_hosts_of_this_machine_are_answered() {
        for host in [
            "localhost",
            "localhost:8700",
            "LocalHost:8700",
            "127.0.0.1",
            "127.0.0.1:8700",
            "[::1]",
            "[::1]:8700",
        ] {
            assert!(local_host(host, 8700), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8700",
            "localhost.evil.example",
            "localhost:8701",
            "localhost:",
            "localhost:+8700",
            "127.0.0.1:8700:8700",
            "127.0.0.2:8700",
            "[::1",
            "[::2]:8700",
            "[::1]8700",
            "",
        ] {
            assert!(!local_host(host, 8700), "{host}");
        }
    }

    #[test]
    fn a_request_is_read_within_its_bounds() {
        let read = |text: &[u8]| read_request(&mut BufReader::new(text));
        assert_eq!(
            read(b"GET /x HTTP/1.1\r\nhost: localhost\r\nAccept: */*\r\n\r\nbody"),
            Ok(Request {
                method: "GET".to_owned(),
                target: "/x".to_owned(),
                hosts: vec!["localhost".to_owned()],
            })
        );
        let mut long = b"GET /".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_REQUEST_LINE));
        long.extend(b" HTTP/1.1\r\n\r\n");
        assert_eq!(read(&long), Err(Unread::LineTooLong));
        let mut headers = b"GET / HTTP/1.1\r\n".to_vec();
        while headers.len() < MAX_HEADERS + 100 {
            headers.extend(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        }
        headers.extend(b"\r\n");
        assert_eq!(read(&headers), Err(Unread::HeadersTooLarge));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "a: b\r\n".repeat(200));
        assert_eq!(read(many.as_bytes()), Err(Unread::HeadersTooLarge));
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: local"), Err(Unread::Gone));
        assert_eq!(read(b"\x16\x03\x01 hello\r\n\r\n"), Err(Unread::Malformed));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"),
            Err(Unread::Malformed)
        );
    }

    #[test]
    fn pages_get_the_reload_script_before_the_body_ends() {
        let page =
            String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7)).expect("utf-8");
        assert!(page.contains("var v=\"7\""), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
