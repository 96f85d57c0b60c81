//! Helpers for integration tests. `fixture`: courses in temp dirs, the real binary,
//! HTML helpers; `browser`: one headless Chromium per test binary and its trials;
//! `server`: a loopback static HTTP server serving a built site at a sub-path.
#![allow(dead_code, unused_imports)]

pub mod browser;
pub mod fixture;
pub mod server;

pub use fixture::*;
