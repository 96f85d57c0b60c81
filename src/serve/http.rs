//! The HTTP side of `serve`. In: a bound listener and the shared [`State`]. Out:
//! answers to GET and HEAD from the in-memory site, the live-reload script, and the
//! event streams of [`super::live`].
//!
//! Every connection is a task on a small tokio runtime, not a thread, so a client that
//! reads slowly or keeps a stream open holds up no one else. Connections are bounded
//! ([`MAX_CONNECTIONS`]); a connection whose writes make no progress for [`STALL`] is
//! closed, and so is one that takes longer than [`HEADER_READ`] to send its request.

use std::convert::Infallible;
use std::future::Future as _;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::{Context as _, Result};
use http_body_util::{combinators::BoxBody, BodyExt as _, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

use super::live::{self, Streams};
use super::State;
use crate::output::Contents;

const LIVE_JS: &str = include_str!("live.js");
/// An HTML literal, kept here: `serve`'s own live-reload script, added only to
/// pages served from memory during preview, never to a built site.
const LIVE_TAG: &str = "<script src=\"/__trellis/live.js\"></script>";
/// Open connections at most; more wait in the listen queue until one closes.
pub const MAX_CONNECTIONS: usize = 256;
/// A connection whose writes make no progress this long is closed.
pub const STALL: Duration = Duration::from_secs(30);
/// A request's head must arrive within this long.
pub const HEADER_READ: Duration = Duration::from_secs(10);
/// Fault injection, read only by tests: when set, the first accepted connection
/// fails the server as a fatal listener error would.
const FAULT_ENV: &str = "TRELLIS_TEST_SERVE_FATAL";

type Body = BoxBody<Bytes, Infallible>;

/// The `Host` headers answered: any on a network bind; on a loopback bind only
/// `localhost`, `127.0.0.1`, `[::1]` or the bound address, with the bound port, so a
/// page on another site cannot read the course through DNS rebinding.
#[derive(Clone, Copy)]
pub enum Hosts {
    Any,
    Loopback { ip: IpAddr, port: u16 },
}

struct Shared {
    state: Arc<State>,
    streams: Arc<Streams>,
    hosts: Hosts,
}

/// Answer requests until a fatal error, which is returned.
pub fn run(listener: std::net::TcpListener, state: Arc<State>, hosts: Hosts) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(2)
        .thread_name("trellis-http")
        .enable_all()
        .build()
        .context("cannot start the HTTP runtime")?;
    let shared = Arc::new(Shared {
        state,
        streams: Arc::default(),
        hosts,
    });
    let result = rt.block_on(accept(listener, shared));
    rt.shutdown_background();
    result
}

async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<()> {
    listener
        .set_nonblocking(true)
        .context("cannot set up the listener")?;
    let listener =
        tokio::net::TcpListener::from_std(listener).context("cannot set up the listener")?;
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let fault = std::env::var_os(FAULT_ENV).is_some();
    // Failures of one connection (reset, aborted) are skipped; others, such as running
    // out of file descriptors, may pass, so they are retried for a few seconds.
    let mut failures = 0;
    loop {
        let slot = slots.clone().acquire_owned().await?;
        let stream = match listener.accept().await {
            Ok(_) if fault => anyhow::bail!("cannot accept connections: injected by {FAULT_ENV}"),
            Ok((stream, _)) => stream,
            Err(e) if per_connection(&e) => continue,
            Err(e) if failures < 50 => {
                failures += 1;
                eprintln!("warning: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            Err(e) => return Err(e).context("cannot accept connections"),
        };
        failures = 0;
        let shared = shared.clone();
        tokio::spawn(async move {
            connection(stream, shared).await;
            drop(slot);
        });
    }
}

fn per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    )
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(Stalling {
        io: stream,
        stalled: None,
    });
    let service = hyper::service::service_fn(move |rq: Request<Incoming>| {
        let shared = shared.clone();
        async move { Ok::<_, Infallible>(handle(&rq, &shared)) }
    });
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ)
        .serve_connection(io, service)
        .await;
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::from_static(body.as_bytes())).boxed());
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn handle(rq: &Request<Incoming>, shared: &Shared) -> Response<Body> {
    if !host_allowed(rq, shared.hosts) {
        return text(
            StatusCode::FORBIDDEN,
            "forbidden: this preview answers only to localhost, 127.0.0.1 or [::1] with its port\n",
        );
    }
    if !matches!(*rq.method(), Method::GET | Method::HEAD) {
        return text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    }
    let path = rq.uri().path();
    match path {
        "/__trellis/events" => {
            let body = live::open(&shared.state, &shared.streams).boxed();
            let mut r = Response::new(body);
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            // When the stream ends, so does the connection.
            h.insert(header::CONNECTION, HeaderValue::from_static("close"));
            r
        }
        "/__trellis/live.js" => {
            let mut r = Response::new(Full::new(Bytes::from_static(LIVE_JS.as_bytes())).boxed());
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            );
            r
        }
        _ => page(path, &shared.state),
    }
}

/// A file of the site, a redirect to the folder's slash, or the 404 page.
fn page(path: &str, state: &State) -> Response<Body> {
    let Some(key) = site_key(path) else {
        return text(StatusCode::BAD_REQUEST, "bad request\n");
    };
    let site = state.site.read().unwrap_or_else(PoisonError::into_inner);
    let (status, key) = if site.files.contains_key(&key) {
        (StatusCode::OK, key)
    } else if site.files.contains_key(&format!("{key}/index.html")) {
        drop(site);
        let Ok(location) = HeaderValue::from_str(&format!("{path}/")) else {
            return text(StatusCode::BAD_REQUEST, "bad request\n");
        };
        let mut r = Response::new(Full::new(Bytes::new()).boxed());
        *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
        r.headers_mut().insert(header::LOCATION, location);
        return r;
    } else {
        (StatusCode::NOT_FOUND, "404.html".to_string())
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
    let mut r = Response::new(Full::new(Bytes::from(body)).boxed());
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn host_allowed(rq: &Request<Incoming>, hosts: Hosts) -> bool {
    let Hosts::Loopback { ip, port } = hosts else {
        return true;
    };
    // An absolute request target names the host itself, and wins over `Host`.
    let authority = match rq.uri().authority() {
        Some(a) => Some(a.as_str()),
        None => rq.headers().get(header::HOST).and_then(|h| h.to_str().ok()),
    };
    authority.is_some_and(|a| loopback_authority(a, ip, port))
}

/// Whether `authority` (`host[:port]`) names this loopback server: a loopback name
/// or the bound address, and the bound port (80 when none is given).
pub fn loopback_authority(authority: &str, ip: IpAddr, port: u16) -> bool {
    let (name, given) = match authority.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (authority, Some(80)),
    };
    if given != Some(port) {
        return false;
    }
    let bound = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    let name = name.to_ascii_lowercase();
    ["localhost", "127.0.0.1", "[::1]", bound.as_str()].contains(&name.as_str())
}

/// A socket whose writes fail once they make no progress for [`STALL`], so a client
/// that stops reading gives its connection slot back.
struct Stalling {
    io: TcpStream,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Stalling {
    fn watch<T>(&mut self, r: Poll<io::Result<T>>, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        if r.is_ready() {
            self.stalled = None;
            return r;
        }
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(STALL)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Stalling {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stalling {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, buf);
        self.watch(r, cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.watch(r, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.io).poll_flush(cx);
        self.watch(r, cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_the_port_pass_on_a_loopback_bind() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for ok in [
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
        ] {
            assert!(loopback_authority(ok, ip, 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example:1111",
            "localhost:2222",
            "localhost",
            "localhost:",
            "[::1]",
            "",
            "127.0.0.2:1111",
        ] {
            assert!(!loopback_authority(bad, ip, 1111), "{bad}");
        }
        assert!(loopback_authority("localhost", ip, 80));
        assert!(loopback_authority("[::1]", ip, 80));
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(loopback_authority("127.0.0.2:1111", other, 1111));
    }

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
