//! A tiny static file server on 127.0.0.1 (std::net only): it serves a built site
//! under `/sub-path/` and logs every request target, for browser tests over HTTP.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const PREFIX: &str = "/sub-path/";
const MAX_HEADER: usize = 16 * 1024;
const MAX_CONNECTIONS: usize = 2000;

/// Serves a built site under `/sub-path/` on 127.0.0.1, logging every request target.
pub struct StaticServer {
    pub origin: String,
    pub log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl StaticServer {
    pub fn start(site: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (site, log2, stop2) = (site.to_path_buf(), log.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut served = 0;
            while !stop2.load(Ordering::SeqCst) && served < MAX_CONNECTIONS {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        let (site, log) = (site.clone(), log2.clone());
                        std::thread::spawn(move || handle(stream, &site, &log));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        StaticServer { origin, log, stop }
    }

    /// The URL of a site page, e.g. `http://127.0.0.1:4321/sub-path/search/index.html`.
    pub fn url(&self, rel: &str) -> String {
        format!("{}{PREFIX}{rel}", self.origin)
    }
}

fn handle(mut stream: TcpStream, site: &Path, log: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEADER {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut line = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (line.next().unwrap_or(""), line.next().unwrap_or(""));
    log.lock().unwrap().push(target.to_string());
    let path = target.split(['?', '#']).next().unwrap_or("");
    let found = match (method, path.strip_prefix(PREFIX)) {
        ("GET" | "HEAD", Some(rel)) => file_for(site, &percent_decode(rel)),
        _ => None,
    };
    let (status, ctype, body) = match found {
        Some((ctype, body)) => ("200 OK", ctype, body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

fn file_for(site: &Path, rel: &str) -> Option<(&'static str, Vec<u8>)> {
    if rel.split('/').any(|s| s == ".." || s.contains('\\')) {
        return None;
    }
    let mut path = site.join(rel);
    if rel.is_empty() || rel.ends_with('/') || path.is_dir() {
        path = path.join("index.html");
    }
    let body = std::fs::read(&path).ok()?;
    let ctype = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    Some((ctype, body))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
