//! `trellis serve`: live reload after an edit, errors shown without losing the last
//! good site, path traversal refused, and nothing written to the output folder.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
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
    let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["serve", "--port", "0"])
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port }
}

/// A raw request, so the path reaches the server exactly as written.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
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
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__trellis/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
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
