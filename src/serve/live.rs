//! Live reload: one server-sent event stream per open page. In: the shared [`State`]
//! (its generation counter and last build error). Out: `reload` after a good rebuild,
//! `build-error` after a bad one, a comment every 15 s so proxies keep the stream open.
//!
//! At most [`MAX_LIVE`] streams are open; a new one past the bound ends the oldest with
//! a `closed` event, on which live.js stops listening instead of reconnecting.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Bytes, Frame};
use tokio::sync::{mpsc, oneshot, watch};

use super::State;

/// Open event streams kept at most. A browser opens one per tab and, over HTTP/1.1,
/// at most six to one host, so this covers several browsers and devices.
pub const MAX_LIVE: usize = 32;
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open streams, oldest first; dropping a stream's sender ends it.
#[derive(Default)]
pub struct Streams {
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    last_id: u64,
    ends: VecDeque<(u64, oneshot::Sender<()>)>,
}

impl Streams {
    /// Register a new stream, ending the oldest past the bound; returns its id and
    /// the signal that ends it.
    fn admit(&self) -> (u64, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.last_id += 1;
        let id = open.last_id;
        open.ends.push_back((id, tx));
        while open.ends.len() > MAX_LIVE {
            open.ends.pop_front();
        }
        (id, rx)
    }

    fn forget(&self, id: u64) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.ends.retain(|(i, _)| *i != id);
    }
}

/// The body of an event stream: whatever its task sends, until the task ends.
pub struct EventBody(mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|b| b.map(|b| Ok(Frame::data(b))))
    }
}

/// Open a stream for one page; its events come from a task of its own.
pub fn open(state: &Arc<State>, streams: &Arc<Streams>) -> EventBody {
    let (tx, rx) = mpsc::channel(4);
    let (id, ended) = streams.admit();
    let generation = state.generation.subscribe();
    let (state, streams) = (state.clone(), streams.clone());
    tokio::spawn(async move {
        run(&state, generation, &tx, ended).await;
        streams.forget(id);
    });
    EventBody(rx)
}

/// Send events until the page goes away or the stream is ended to make room.
async fn run(
    state: &State,
    mut generation: watch::Receiver<u64>,
    tx: &mpsc::Sender<Bytes>,
    mut ended: oneshot::Receiver<()>,
) {
    if let Some(err) = last_error(state) {
        if tx.send(event("build-error", &json(&err))).await.is_err() {
            return;
        }
    }
    loop {
        let next = tokio::select! {
            _ = &mut ended => {
                let _ = tx.try_send(event("closed", ""));
                return;
            }
            changed = generation.changed() => {
                if changed.is_err() {
                    return;
                }
                let now = *generation.borrow_and_update();
                match last_error(state) {
                    Some(err) => event("build-error", &json(&err)),
                    None => event("reload", &now.to_string()),
                }
            }
            () = tokio::time::sleep(KEEP_ALIVE) => Bytes::from_static(b": keep-alive\n\n"),
        };
        if tx.send(next).await.is_err() {
            return;
        }
    }
}

fn last_error(state: &State) -> Option<String> {
    let site = state.site.read().unwrap_or_else(PoisonError::into_inner);
    site.error.clone()
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn event(name: &str, data: &str) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_past_the_bound_end_the_oldest() {
        let streams = Streams::default();
        let mut ends: Vec<_> = (0..MAX_LIVE + 2).map(|_| streams.admit().1).collect();
        for end in &mut ends[..2] {
            assert!(end
                .try_recv()
                .is_err_and(|e| e == oneshot::error::TryRecvError::Closed));
        }
        for end in &mut ends[2..] {
            assert_eq!(end.try_recv(), Err(oneshot::error::TryRecvError::Empty));
        }
        streams.forget(MAX_LIVE as u64 + 2);
        assert_eq!(
            ends.last_mut().unwrap().try_recv(),
            Err(oneshot::error::TryRecvError::Closed)
        );
    }
}
