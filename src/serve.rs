//! `roadmap watch --serve`: the report folder over HTTP on 127.0.0.1, with
//! each page reloading itself after a rebuild.
//!
//! The report is files that open without a server; this is only a
//! convenience for a browser beside the editor. It is deliberately small and
//! std-only: GET and HEAD, one thread per connection, `Connection: close`.
//! HTML pages get a few lines of script that ask `/__roadmap/version` every
//! 300 ms and reload when the number changes; the files on disk never hold
//! that script. Nothing outside the report folder is served: `..`, symbolic
//! links leading out and hidden files are refused.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use crate::error::Error;

const VERSION_PATH: &str = "/__roadmap/version";

/// A running server; it stops with the process.
pub struct Server {
    addr: SocketAddr,
    version: Arc<AtomicU64>,
}

impl Server {
    /// Serves `out` on 127.0.0.1:`port` (0: any free port).
    pub fn start(out: &Path, port: u16) -> Result<Server, Error> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Error::Usage(format!(
                "cannot serve on 127.0.0.1:{port}: {e} (choose another with --port)"
            ))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("127.0.0.1", e))?;
        let version = Arc::new(AtomicU64::new(0));
        let out = out.to_path_buf();
        let shared = Arc::clone(&version);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let out = out.clone();
                let version = Arc::clone(&shared);
                thread::spawn(move || {
                    let _ = handle(stream, &out, version.load(Ordering::SeqCst));
                });
            }
        });
        Ok(Server { addr, version })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Tells open pages that the report changed.
    pub fn reload(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

struct Response {
    status: &'static str,
    kind: &'static str,
    body: Vec<u8>,
}

fn handle(stream: TcpStream, out: &Path, version: u64) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // The headers are read and ignored, so the client sees a clean close.
    let mut line = String::new();
    let mut read = 0;
    while reader.read_line(&mut line)? > 2 && read < 64 {
        line.clear();
        read += 1;
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let response = if method == "GET" || method == "HEAD" {
        respond(out, target, version)
    } else {
        Response {
            status: "405 Method Not Allowed",
            kind: "text/plain; charset=utf-8",
            body: b"only GET and HEAD\n".to_vec(),
        }
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.status,
        response.kind,
        response.body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
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
pub fn resolve(out: &Path, path: &str) -> Option<PathBuf> {
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
    fn pages_get_the_reload_script_before_the_body_ends() {
        let page =
            String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7)).expect("utf-8");
        assert!(page.contains("var v=\"7\""), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
