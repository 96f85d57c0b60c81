//! A small DevTools-protocol client over Chromium's `--remote-debugging-pipe`:
//! commands (JSON) in, their results and each session's events out. Messages are
//! NUL-terminated JSON; Chromium reads them on its fd 3 and writes on its fd 4.
//!
//! Why not a DevTools crate: the binary needs six commands, and the well-kept crate
//! (chromiumoxide, used by the browser tests) brings an async runtime, a WebSocket
//! stack and some 60 MB of generated protocol bindings to compile. A pipe needs no
//! port, and Chromium quits when the pipe closes, so no browser outlives a build.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{json, Value};

/// Why a command got no result.
#[derive(Debug)]
pub enum CallError {
    /// Chromium answered with an error: its message.
    Protocol(String),
    /// The pipe closed: Chromium quit.
    Closed,
    /// No answer before the deadline.
    Timeout,
}

/// An event of one session: its method and parameters.
pub struct Event {
    pub method: String,
    pub params: Value,
}

/// Where a command's answer goes: its result, or Chromium's error message.
type Reply = Sender<Result<Value, String>>;

#[derive(Default)]
struct Routes {
    /// Commands waiting for their answer, with the session they went to.
    pending: HashMap<u64, (Option<String>, Reply)>,
    sessions: HashMap<String, Sender<Event>>,
    closed: bool,
}

/// One open pipe to a browser; shared by the threads that print.
pub struct Connection {
    to_browser: Mutex<File>,
    next_id: AtomicU64,
    routes: Arc<Mutex<Routes>>,
}

impl Connection {
    /// Talk over these two pipe ends; a thread reads the browser's messages.
    pub fn new(to_browser: File, from_browser: File) -> Connection {
        let routes = Arc::new(Mutex::new(Routes::default()));
        let theirs = Arc::clone(&routes);
        std::thread::Builder::new()
            .name("trellis-devtools".into())
            .spawn(move || read_messages(from_browser, &theirs))
            .expect("a thread to read the browser's messages");
        Connection {
            to_browser: Mutex::new(to_browser),
            next_id: AtomicU64::new(1),
            routes,
        }
    }

    /// Send `method` (to a page's session, or to the browser) and wait for its result.
    pub fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        deadline: Instant,
    ) -> Result<Value, CallError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        {
            let mut routes = lock(&self.routes);
            if routes.closed {
                return Err(CallError::Closed);
            }
            routes.pending.insert(id, (session.map(str::to_string), tx));
        }
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = Value::from(s);
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON of a command");
        bytes.push(0);
        let sent = lock(&self.to_browser).write_all(&bytes);
        if sent.is_err() {
            lock(&self.routes).pending.remove(&id);
            return Err(CallError::Closed);
        }
        let waited = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        lock(&self.routes).pending.remove(&id);
        match waited {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(message)) => Err(CallError::Protocol(message)),
            Err(RecvTimeoutError::Timeout) => Err(CallError::Timeout),
            Err(RecvTimeoutError::Disconnected) => Err(CallError::Closed),
        }
    }

    /// The events of `session` from now on, while the subscription lives.
    pub fn subscribe(&self, session: &str) -> Subscription<'_> {
        let (tx, rx) = mpsc::channel();
        let mut routes = lock(&self.routes);
        if !routes.closed {
            routes.sessions.insert(session.to_string(), tx);
        }
        Subscription {
            conn: self,
            session: session.to_string(),
            events: rx,
        }
    }
}

/// A session's events; dropped, they are no longer routed.
pub struct Subscription<'a> {
    conn: &'a Connection,
    session: String,
    pub events: Receiver<Event>,
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        lock(&self.conn.routes).sessions.remove(&self.session);
    }
}

/// Route each message to the command or session waiting for it, until the pipe
/// closes; then every waiter hears that it closed.
fn read_messages(from_browser: File, routes: &Mutex<Routes>) {
    let mut reader = BufReader::new(from_browser);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(0, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if buf.last() == Some(&0) {
            buf.pop();
        }
        let Ok(message) = serde_json::from_slice::<Value>(&buf) else {
            continue;
        };
        route(&message, routes);
    }
    let mut routes = lock(routes);
    routes.closed = true;
    routes.pending.clear();
    routes.sessions.clear();
}

fn route(message: &Value, routes: &Mutex<Routes>) {
    let mut routes = lock(routes);
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
        if let Some((_, tx)) = routes.pending.get(&id) {
            let reply = match message.get("error") {
                Some(e) => Err(e
                    .get("message")
                    .and_then(Value::as_str)
                    .map_or_else(|| e.to_string(), str::to_string)),
                None => Ok(message.get("result").cloned().unwrap_or(Value::Null)),
            };
            let _ = tx.send(reply);
        }
        return;
    }
    let (Some(session), Some(method)) = (
        message.get("sessionId").and_then(Value::as_str),
        message.get("method").and_then(Value::as_str),
    ) else {
        return;
    };
    if method == "Inspector.detached" {
        // The page's process is gone: its commands will never be answered.
        let why = message["params"]["reason"]
            .as_str()
            .unwrap_or("no reason given");
        routes.pending.retain(|_, (s, tx)| {
            let waits = s.as_deref() == Some(session);
            if waits {
                let _ = tx.send(Err(format!("the page quit: {why}")));
            }
            !waits
        });
    }
    if let Some(tx) = routes.sessions.get(session) {
        let _ = tx.send(Event {
            method: method.to_string(),
            params: message.get("params").cloned().unwrap_or(Value::Null),
        });
    }
}

/// A poisoned lock only means another printing thread panicked; the data is whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A fake browser on a pair of pipes: it answers each command with `answer`.
    fn fake(answer: fn(&Value) -> Vec<Value>) -> Connection {
        let (ours_r, theirs_w) = super::super::chromium::pipe().unwrap();
        let (theirs_r, ours_w) = super::super::chromium::pipe().unwrap();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(File::from(theirs_r));
            let mut out = File::from(theirs_w);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).unwrap_or(0) > 0 {
                buf.pop();
                let command: Value = serde_json::from_slice(&buf).unwrap();
                for reply in answer(&command) {
                    let mut bytes = serde_json::to_vec(&reply).unwrap();
                    bytes.push(0);
                    out.write_all(&bytes).unwrap();
                }
                buf.clear();
            }
        });
        Connection::new(File::from(ours_w), File::from(ours_r))
    }

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(10)
    }

    #[test]
    fn results_errors_and_session_events_reach_their_callers() {
        let conn = fake(|c| {
            let id = c["id"].clone();
            match c["method"].as_str().unwrap() {
                "Ok.method" => vec![
                    json!({"method": "Page.loadEventFired", "sessionId": "S", "params": {"t": 1}}),
                    json!({"id": id, "result": {"echo": c["params"]["x"]}}),
                ],
                _ => vec![json!({"id": id, "error": {"code": -32000, "message": "No such thing"}})],
            }
        });
        let events = conn.subscribe("S");
        let result = conn.call(Some("S"), "Ok.method", json!({"x": 7}), soon());
        assert_eq!(result.unwrap()["echo"], 7);
        let event = events.events.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(event.method, "Page.loadEventFired");
        assert!(matches!(
            conn.call(None, "Bad.method", json!({}), soon()),
            Err(CallError::Protocol(m)) if m == "No such thing"
        ));
    }

    #[test]
    fn a_page_that_quits_ends_the_commands_sent_to_it() {
        let conn = fake(|c| {
            if c["method"] == "Slow.method" {
                return vec![json!({"method": "Inspector.detached", "sessionId": "S",
                    "params": {"reason": "Render process gone."}})];
            }
            vec![json!({"id": c["id"], "result": {}})]
        });
        assert!(matches!(
            conn.call(Some("S"), "Slow.method", json!({}), soon()),
            Err(CallError::Protocol(m)) if m == "the page quit: Render process gone."
        ));
        assert!(conn
            .call(Some("T"), "Other.method", json!({}), soon())
            .is_ok());
    }

    #[test]
    fn a_closed_pipe_ends_every_call() {
        let conn = fake(|_| Vec::new());
        // The fake never answers; a deadline in the past times out at once.
        assert!(matches!(
            conn.call(None, "X.y", json!({}), Instant::now()),
            Err(CallError::Timeout)
        ));
        let conn = {
            let (ours_r, theirs_w) = super::super::chromium::pipe().unwrap();
            let (_theirs_r, ours_w) = super::super::chromium::pipe().unwrap();
            drop(theirs_w);
            Connection::new(File::from(ours_w), File::from(ours_r))
        };
        assert!(matches!(
            conn.call(None, "X.y", json!({}), soon()),
            Err(CallError::Closed)
        ));
    }
}
