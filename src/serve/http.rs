//! The HTTP side of `serve`: static pages from memory, the live-reload script, and
//! a server-sent event stream per open page.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::State;
use crate::output::Contents;

const LIVE_JS: &str = include_str!("live.js");
/// An HTML literal, kept here: `serve`'s own live-reload script, added only to
/// pages served from memory during preview, never to a built site.
const LIVE_TAG: &str = "<script src=\"/__trellis/live.js\"></script>";
const WORKERS: usize = 4;

/// Answer requests until the server is unblocked.
pub fn run(server: &tiny_http::Server, state: &Arc<State>) {
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                while let Ok(rq) = server.recv() {
                    handle(rq, state);
                }
            });
        }
    });
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(rq: Request, state: &Arc<State>) {
    if !matches!(
        rq.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let _ = rq.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    let path = rq.url().split(['?', '#']).next().unwrap_or("/").to_string();
    match path.as_str() {
        "/__trellis/events" => {
            let state = state.clone();
            std::thread::spawn(move || events(rq, &state));
            return;
        }
        "/__trellis/live.js" => {
            let r = Response::from_string(LIVE_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
            let _ = rq.respond(r);
            return;
        }
        _ => {}
    }
    let key = match site_key(&path) {
        Some(k) => k,
        None => {
            let _ = rq.respond(Response::from_string("bad request").with_status_code(400));
            return;
        }
    };
    let site = state.site.read().expect("site lock");
    let (status, key) = if site.files.contains_key(&key) {
        (200, key)
    } else if site.files.contains_key(&format!("{key}/index.html")) {
        let r =
            Response::empty(StatusCode(301)).with_header(header("Location", &format!("{path}/")));
        drop(site);
        let _ = rq.respond(r);
        return;
    } else {
        (404, "404.html".to_string())
    };
    let body = match site.files.get(&key) {
        Some(Contents::Bytes(b)) => b.clone(),
        Some(Contents::Copy(p)) => std::fs::read(p).unwrap_or_default(),
        None => b"not found".to_vec(),
    };
    drop(site);
    let ctype = content_type(&key);
    let body = if ctype.starts_with("text/html") {
        inject(body)
    } else {
        body
    };
    let r = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"));
    let _ = rq.respond(r);
}

/// The in-memory key for a request path, or `None` when the path is not one a
/// site page can have (`..`, encoded or not, back-slashes, NUL, invalid UTF-8).
pub fn site_key(path: &str) -> Option<String> {
    let decoded = crate::text::percent_decode_strict(path)?;
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn inject(body: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</body>") {
        Some(i) => format!("{}{LIVE_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{LIVE_TAG}").into_bytes(),
    }
}

pub fn content_type(key: &str) -> &'static str {
    match key.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// One page's event stream: `reload` after a good rebuild, `build-error` after a bad one.
fn events(rq: Request, state: &State) {
    let mut w = rq.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|()| w.flush())
        .is_err()
    {
        return;
    }
    let mut seen = *state.generation.lock().expect("generation lock");
    if let Some(err) = state.site.read().expect("site lock").error.clone() {
        if send(
            &mut w,
            "build-error",
            &serde_json::to_string(&err).unwrap_or_default(),
        )
        .is_err()
        {
            return;
        }
    }
    loop {
        let g = state.generation.lock().expect("generation lock");
        let (g, timeout) = state
            .changed
            .wait_timeout_while(g, Duration::from_secs(15), |g| *g == seen)
            .expect("generation lock");
        let now = *g;
        drop(g);
        let sent = if timeout.timed_out() {
            w.write_all(b": keep-alive\n\n").and_then(|()| w.flush())
        } else {
            seen = now;
            match state.site.read().expect("site lock").error.clone() {
                Some(err) => send(
                    &mut w,
                    "build-error",
                    &serde_json::to_string(&err).unwrap_or_default(),
                ),
                None => send(&mut w, "reload", &now.to_string()),
            }
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(w: &mut Box<dyn Write + Send>, event: &str, data: &str) -> std::io::Result<()> {
    write!(w, "event: {event}\ndata: {data}\n\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_leave_the_site() {
        assert_eq!(site_key("/").as_deref(), Some("index.html"));
        assert_eq!(site_key("/a/b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(
            site_key("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(site_key("//etc/passwd").as_deref(), Some("etc/passwd"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/..%2f..%2fsite.toml",
            "/a\\..\\b",
            "/%00",
            "/%ff",
            "/%2",
            "/%+f",
            "/%aé",
            "relative",
        ] {
            assert_eq!(site_key(bad), None, "{bad}");
        }
    }
}
