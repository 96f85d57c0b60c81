//! `trellis check`: findings as `path:line:col: severity: …`, exit codes, and
//! external links checked against a local server (never the internet).

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;

use support::*;

fn lines(out: &std::process::Output) -> Vec<String> {
    stderr(out).lines().map(str::to_string).collect()
}

#[test]
fn reports_style_findings_as_warnings_and_writes_nothing() {
    let f = Fixture::new();
    f.write("content/01-a.md", "+++\ntitle = \"A\"\n+++\n## Start\n\n#### Too deep\n\n![](pic.svg)\n\n::: worksheet\nWrite.\n\n[[lines 2]]\n:::\n");
    f.write(
        "content/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let out = trellis(f.root(), &["check"]);
    let l = lines(&out);
    for want in [
        "content/01-a.md:2:1: warning: lesson has no objectives",
        "content/01-a.md:6:1: warning: heading level skips from h2 to h4",
        "content/01-a.md:8:1: warning: image `pic.svg` has no alt text",
        "content/01-a.md:10:1: warning: worksheet has no title",
        "checked 1 lessons: 0 errors, 4 warnings",
    ] {
        assert!(l.iter().any(|x| x == want), "missing {want:?} in {l:#?}");
    }
    assert!(out.status.success());
    assert!(!f.public().exists(), "check never writes output");
    let out = trellis(f.root(), &["check", "--deny-warnings"]);
    assert!(!out.status.success());
}

#[test]
fn errors_fail_the_check() {
    let f = Fixture::new();
    f.write(
        "content/01-a.md",
        "+++\ntitle = \"A\"\nobjectives = [\"x\"]\n+++\nSee [b](02-b.md).\n",
    );
    f.write("content/02-b.md", "+++\ntitel = \"B\"\n+++\n");
    f.write(
        "content/03-c.md",
        "+++\ntitle = \"A2\"\nslug = \"a\"\n+++\n",
    );
    let out = trellis(f.root(), &["check"]);
    let l = lines(&out);
    assert!(!out.status.success());
    for want in [
        "content/02-b.md:2:1: error: unknown field `titel`",
        "  = help: did you mean `title`?",
        "content/03-c.md:1:1: error: duplicate slug: `/a/` is also the address of content/01-a.md",
    ] {
        assert!(l.iter().any(|x| x == want), "missing {want:?} in {l:#?}");
    }
}

/// A tiny local HTTP server: 200 for `/ok`, 404 for everything else; stops after `n` requests.
fn local_server(n: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 2048];
            let len = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..len]);
            let path = req.split_whitespace().nth(1).unwrap_or("/");
            let status = if path == "/ok" {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let port = local_server(8);
    let f = Fixture::new();
    f.write(
        "content/01-a.md",
        &format!("+++\ntitle = \"A\"\nobjectives = [\"x\"]\n+++\n[fine](http://127.0.0.1:{port}/ok) and [gone](http://127.0.0.1:{port}/gone)\n"),
    );
    let out = trellis(f.root(), &["check"]);
    assert!(
        lines(&out).iter().all(|l| !l.contains("external link")),
        "{}",
        stderr(&out)
    );
    let out = trellis(f.root(), &["check", "--external", "--timeout", "5"]);
    let l = lines(&out);
    let want = format!("content/01-a.md:5:39: warning: external link `http://127.0.0.1:{port}/gone`: the server answered 404");
    assert!(l.contains(&want), "missing {want:?} in {l:#?}");
    assert!(l.iter().all(|x| !x.contains("/ok`")), "{l:#?}");
}
