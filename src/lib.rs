//! Trellis: a static site generator for guided courses with printable worksheets.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] → [`markdown`] →
//! [`site`] (the index) → [`render`] → [`output`], called in order by [`build`].

pub mod background;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod diag;
pub mod export;
pub mod facilitator;
pub mod i18n;
pub mod init;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod render;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub(crate) mod text;
pub mod worksheet;
