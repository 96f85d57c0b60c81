//! Fault injection for tests: the variable `TRELLIS_TEST_FAULT` in, a pause, an
//! error or a forced code path out, at named points of staging and swapping.
//!
//! Only the tests in `tests/output_safety.rs` set it; a build never should. Values:
//!
//! - `pause:<point>`: print `trellis-test: paused at <point>` on stderr and stop
//!   there for good, so the test can send a signal (or SIGKILL) at that point.
//!   Points: `writing` (after the first file), `before-swap`, `after-swap`, and
//!   `swap-window` (between the two renames of the fallback swap, which it forces;
//!   the swap holds the cleanup lock there, so only SIGKILL ends it).
//! - `fail:swap-window`: force the fallback swap and fail between its renames.
//! - `fallback`: force the fallback swap (two renames) instead of the exchange.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

fn value() -> Option<&'static str> {
    static VALUE: OnceLock<Option<String>> = OnceLock::new();
    VALUE
        .get_or_init(|| std::env::var("TRELLIS_TEST_FAULT").ok())
        .as_deref()
}

/// Whether the fault `name` is asked for.
pub(super) fn is(name: &str) -> bool {
    value() == Some(name)
}

/// Whether the swap must take the fallback path.
pub(super) fn force_fallback() -> bool {
    value().is_some_and(|v| v == "fallback" || v.ends_with(":swap-window"))
}

/// Stop here for good when `pause:<point>` is asked for.
pub(super) fn pause(point: &str) {
    static SAID: AtomicBool = AtomicBool::new(false);
    if value().and_then(|v| v.strip_prefix("pause:")) != Some(point) {
        return;
    }
    if !SAID.swap(true, Ordering::SeqCst) {
        eprintln!("trellis-test: paused at {point}");
    }
    loop {
        std::thread::park();
    }
}
