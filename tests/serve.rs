//! `trellis serve`: live reload after an edit, errors shown without losing the last
//! good site, path traversal refused, and nothing written to the output folder.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::*;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(f: &Fixture) -> Server {
    start_with(f, &[], &[], Stdio::null()).0
}

/// `trellis serve --port 0` plus `args` and `env`; returns once it prints its address,
/// with the rest of its standard output (a pipe only when `stderr` asks for one).
fn start_with(
    f: &Fixture,
    args: &[&str],
    env: &[(&str, &str)],
    stderr: Stdio,
) -> (Server, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["serve", "--port", "0"])
        .args(args)
        .envs(env.iter().copied())
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let port = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|a| a.rsplit_once(':'))
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (Server { child, port }, stdout)
}

/// A raw request, so the path reaches the server exactly as written.
fn get(port: u16, path: &str) -> (u16, String) {
    get_as(port, path, &format!("localhost:{port}"))
}

/// A raw request with the given `Host` header.
fn get_as(port: u16, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Lines of the event stream, as they arrive.
fn events(port: u16) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__trellis/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    )
    .unwrap();
    lines(s)
}

/// Lines read from `from` on a thread of their own; the channel closes at end of input.
fn lines(from: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Whether a line matching `want` arrives within `within`.
fn until(rx: &mpsc::Receiver<String>, want: impl Fn(&str) -> bool, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if want(&line) {
            return true;
        }
    }
    false
}

/// Whether the stream ends (the server closed it) within `within`.
fn closes(rx: &mpsc::Receiver<String>, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return true,
            Err(mpsc::RecvTimeoutError::Timeout) => return false,
        }
    }
}

fn wait_for(rx: &mpsc::Receiver<String>, want: &str, within: Duration) -> Option<Vec<String>> {
    let deadline = Instant::now() + within;
    let mut seen = Vec::new();
    while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        seen.push(line.clone());
        if line == want {
            // Collect the data line too.
            if let Ok(data) = rx.recv_timeout(Duration::from_millis(200)) {
                seen.push(data);
            }
            return Some(seen);
        }
    }
    None
}

fn course() -> Fixture {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "Alpha", "First version of the text.");
    f.lesson("content/02-b.md", "Beta", "Beta text.");
    f
}

#[test]
fn an_edit_reloads_the_page_with_new_content_within_a_second() {
    let f = course();
    let server = start(&f);
    let (status, body) = get(server.port, "/a/");
    assert_eq!(status, 200);
    let doc = scraper::Html::parse_document(&body);
    assert_eq!(texts(&doc, ".prose p"), ["First version of the text."]);
    assert!(doc
        .select(&sel("script[src='/__trellis/live.js']"))
        .next()
        .is_some());
    let (status, js) = get(server.port, "/__trellis/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));

    let rx = events(server.port);
    wait_for(&rx, "", Duration::from_secs(2)); // headers done
    std::thread::sleep(Duration::from_millis(100));
    let edited = Instant::now();
    f.lesson("content/01-a.md", "Alpha", "Second version, just saved.");
    let seen = wait_for(&rx, "event: reload", Duration::from_secs(1));
    assert!(
        seen.is_some(),
        "no reload event within a second of the edit"
    );
    let (_, body) = get(server.port, "/a/");
    let doc = scraper::Html::parse_document(&body);
    assert_eq!(texts(&doc, ".prose p"), ["Second version, just saved."]);
    assert!(
        edited.elapsed() < Duration::from_secs(1),
        "took {:?}",
        edited.elapsed()
    );
    assert!(!f.public().exists(), "serve never writes the output folder");
}

#[test]
fn a_build_error_is_reported_and_the_last_good_site_stays() {
    let f = course();
    let server = start(&f);
    let rx = events(server.port);
    wait_for(&rx, "", Duration::from_secs(2));
    std::thread::sleep(Duration::from_millis(100));
    f.write("content/01-a.md", "+++\ntitel = \"Alpha\"\n+++\nBroken.\n");
    let seen =
        wait_for(&rx, "event: build-error", Duration::from_secs(2)).expect("a build-error event");
    let data = seen.last().unwrap();
    assert!(
        data.starts_with("data: ")
            && data.contains("content/01-a.md:2:1: error: unknown field `titel`"),
        "{data}"
    );
    let (status, body) = get(server.port, "/a/");
    assert_eq!(status, 200);
    assert!(body.contains("First version of the text."));
    // A template change is picked up too, once the content is fixed.
    f.lesson("content/01-a.md", "Alpha", "Fixed.");
    f.write("templates/lesson.html", "{% extends \"base.html\" %}{% block body %}<main id=\"main\"><h1>{{ title }}</h1><p class=\"custom\">Custom lesson template</p></main>{% endblock body %}");
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let (_, body) = get(server.port, "/a/");
        if body.contains("Custom lesson template") {
            break;
        }
        assert!(Instant::now() < deadline, "template change not picked up");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn requests_outside_the_site_get_no_file() {
    let f = course();
    f.write("secret.txt", "TOP-SECRET");
    let server = start(&f);
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a/..%2f..%2f..%2fetc%2fpasswd",
        "/static/../../site.toml",
        "/%2e%2e%2fsecret.txt",
        "//etc/passwd",
        "/secret.txt",
        "/content/01-a.md",
        "/..\\..\\site.toml",
        "/%00",
    ] {
        let (status, body) = get(server.port, path);
        assert!(status == 400 || status == 404, "{path}: status {status}");
        assert!(
            !body.contains("root:x:0:0")
                && !body.contains("TOP-SECRET")
                && !body.contains("base_url"),
            "{path} leaked a file"
        );
    }
    let (status, body) = get(server.port, "/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    let (status, _) = get(server.port, "/a");
    assert_eq!(status, 301);
}

#[test]
fn slow_readers_do_not_stall_other_requests() {
    let f = course();
    // Larger than loopback's socket buffers, so a server that writes a whole body from
    // one worker thread is stuck there while its client does not read.
    f.write("static/big.txt", &"x".repeat(24 << 20));
    let server = start(&f);
    let port = server.port;
    let slow: Vec<TcpStream> = (1..=8)
        .map(|i| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(
                s,
                "GET /static/big.txt HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
            )
            .unwrap();
            // The status line only: the server is sending now, and this client stops reading.
            let mut head = [0u8; 12];
            s.read_exact(&mut head)
                .unwrap_or_else(|e| panic!("slow reader {i} got no answer: {e}"));
            assert_eq!(&head, b"HTTP/1.1 200");
            s
        })
        .collect();
    let (status, body) = get(port, "/a/");
    assert_eq!(status, 200, "the ninth request got no answer");
    let doc = scraper::Html::parse_document(&body);
    assert_eq!(texts(&doc, ".prose p"), ["First version of the text."]);
    drop(slow);
}

/// The bound on open live-reload streams: `MAX_LIVE` in src/serve/http.rs.
const MAX_LIVE: usize = 32;

#[test]
fn live_reload_connections_past_the_bound_drop_the_oldest() {
    let f = course();
    let server = start(&f);
    let streams: Vec<_> = (0..MAX_LIVE + 2)
        .map(|i| {
            let rx = events(server.port);
            // Opened in order: each stream's headers arrive before the next connects.
            assert!(
                until(&rx, str::is_empty, Duration::from_secs(10)),
                "stream {i} got no headers"
            );
            rx
        })
        .collect();
    for (i, rx) in streams[..2].iter().enumerate() {
        assert!(
            closes(rx, Duration::from_secs(10)),
            "stream {i}, among the oldest, is still open"
        );
    }
    let (status, _) = get(server.port, "/a/");
    assert_eq!(status, 200);
    f.lesson("content/01-a.md", "Alpha", "Edited with many pages open.");
    let newest = streams.last().unwrap();
    assert!(
        until(newest, |l| l == "event: reload", Duration::from_secs(10)),
        "the newest stream got no reload"
    );
}

#[test]
fn a_host_other_than_loopback_gets_403_on_a_loopback_bind() {
    let f = course();
    let server = start(&f);
    let port = server.port;
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_as(port, "/a/", &host).0, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        "evil.example".to_string(),
        "localhost".to_string(),
        String::new(),
    ] {
        let (status, body) = get_as(port, "/a/", &host);
        assert_eq!(status, 403, "{host:?}");
        assert!(!body.contains("First version"), "{host:?} read the page");
    }
    let (status, _) = get_as(port, "/__trellis/events", "evil.example");
    assert_eq!(status, 403);
}

#[test]
fn a_network_bind_accepts_any_host_and_warns() {
    let f = course();
    let (mut server, _out) = start_with(&f, &["--bind", "0.0.0.0"], &[], Stdio::piped());
    let err = lines(server.child.stderr.take().unwrap());
    assert!(
        until(
            &err,
            |l| l.starts_with("warning:") && l.contains("visible to other devices"),
            Duration::from_secs(10)
        ),
        "no warning that the course is visible on the network"
    );
    let port = server.port;
    let (status, _) = get_as(port, "/a/", &format!("192.168.1.20:{port}"));
    assert_eq!(status, 200);
    let (status, _) = get_as(port, "/a/", &format!("my-laptop.local:{port}"));
    assert_eq!(status, 200);
}

#[test]
fn a_fatal_server_error_ends_the_process_with_a_message() {
    let f = course();
    // Fault injection (see src/serve/http.rs): the first accepted connection fails the
    // listener as a fatal error would.
    let (mut server, _out) = start_with(
        &f,
        &[],
        &[("TRELLIS_TEST_SERVE_FATAL", "1")],
        Stdio::piped(),
    );
    let _ = TcpStream::connect(("127.0.0.1", server.port));
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the process stays alive after a fatal server error"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("error: the server stopped: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
