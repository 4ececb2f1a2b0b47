//! `roadmap watch` running in a throwaway repository, with what it prints
//! collected for the tests to wait on.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::Test;

/// How long a change may take to reach the report, with a debug build on a
/// busy machine.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) const STATEMENT: &str = "Lead a sales region that customers trust.";

/// A repository and `roadmap watch` running in it.
pub(crate) struct Watch {
    test: Test,
    child: Child,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
}

impl Watch {
    /// `roadmap watch ARGS` in a repository holding the minimal valid plan.
    pub(crate) fn start(args: &[&str]) -> Self {
        Test::minimal().git_init().watch(args)
    }

    /// `roadmap watch ARGS` in the repository of `test`, once its first
    /// rebuild is done.
    pub(crate) fn start_in(test: Test, args: &[&str]) -> Self {
        let mut child = test
            .roadmap_command()
            .arg("watch")
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start roadmap watch");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let pipe = child.stdout.take().expect("stdout");
            let lines = Arc::clone(&stdout);
            thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    lines.lock().expect("lock").push(line);
                }
            });
        }
        {
            let mut pipe = child.stderr.take().expect("stderr");
            let text = Arc::clone(&stderr);
            thread::spawn(move || {
                let mut buf = [0_u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    text.lock()
                        .expect("lock")
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let watch = Watch {
            test,
            child,
            stdout,
            stderr,
        };
        watch.wait_for("the first rebuild", || watch.rebuilds() == 1);
        watch
    }

    /// The process id of `roadmap watch`.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `127.0.0.1:PORT` from the line `--serve` prints.
    pub(crate) fn served_addr(&self) -> String {
        let line = self
            .lines()
            .into_iter()
            .find(|l| l.starts_with("Serving the report on http://127.0.0.1:"))
            .expect("the address");
        line.trim_start_matches("Serving the report on http://")
            .trim_end_matches('/')
            .to_owned()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.test.path(rel)
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        self.stdout.lock().expect("lock").clone()
    }

    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    /// Lines saying the report was rebuilt.
    pub(crate) fn rebuilds(&self) -> usize {
        self.lines()
            .iter()
            .filter(|l| l.contains(" rebuilt in "))
            .count()
    }

    pub(crate) fn refusals(&self) -> usize {
        self.lines()
            .iter()
            .filter(|l| l.contains(" not rebuilt"))
            .count()
    }

    /// The first line saying the report was not rebuilt.
    pub(crate) fn refusal(&self) -> String {
        self.lines()
            .into_iter()
            .find(|l| l.contains(" not rebuilt"))
            .expect("a line saying the report was not rebuilt")
    }

    pub(crate) fn report(&self) -> String {
        fs::read_to_string(self.path("dashboard/summary.html")).unwrap_or_default()
    }

    pub(crate) fn vision(&self) -> String {
        fs::read_to_string(self.path("plans/vision.md")).expect("vision.md")
    }

    /// Polls `done`, failing with everything printed so far after
    /// [`TIMEOUT`].
    pub(crate) fn wait_for(&self, what: &str, mut done: impl FnMut() -> bool) {
        let start = Instant::now();
        while !done() {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}\n--- stdout\n{}\n--- stderr\n{}",
                self.lines().join("\n"),
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for `text` on stderr. Stderr is a pipe of its own, read by a
    /// thread of its own: a line on stdout says nothing of whether what was
    /// printed to stderr before it has been read yet.
    pub(crate) fn wait_for_stderr(&self, text: &str) {
        self.wait_for(&format!("stderr to show {text:?}"), || {
            self.stderr().contains(text)
        });
    }

    pub(crate) fn wait_for_report(&self, text: &str) {
        self.wait_for(&format!("the report to show {text:?}"), || {
            self.report().contains(text)
        });
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the exit.
    pub(crate) fn interrupt(&mut self) -> ExitStatus {
        // sh's own kill: a /bin/kill is not on every machine.
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {}", self.child.id())])
            .status()
            .expect("kill");
        assert!(sent.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(start.elapsed() < TIMEOUT, "roadmap watch did not stop");
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET on 127.0.0.1: the status line and the body.
pub(crate) fn get(addr: &str, path: &str) -> (String, String) {
    try_get(addr, path).expect("request")
}

/// A GET on 127.0.0.1, as a browser sends it after the server said it was
/// busy: again, while the answer is 503 or the connection was closed on
/// it, for up to [`TIMEOUT`].
pub(crate) fn get_when_free(addr: &str, path: &str) -> (String, String) {
    let start = Instant::now();
    loop {
        match try_get(addr, path) {
            Ok((status, _)) if status.starts_with("HTTP/1.1 503 ") => {}
            Ok(answer) => return answer,
            Err(e) => assert!(start.elapsed() < TIMEOUT, "{path}: {e}"),
        }
        assert!(start.elapsed() < TIMEOUT, "{path}: still busy");
        thread::sleep(Duration::from_millis(50));
    }
}

fn try_get(addr: &str, path: &str) -> std::io::Result<(String, String)> {
    use std::io::Write as _;
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "no blank line after the head",
        )
    })?;
    Ok((
        head.lines().next().unwrap_or("").to_owned(),
        body.to_owned(),
    ))
}
