//! Markdown to HTML: the one parser configuration, and the event pass that adds
//! heading anchors, course blocks (`:::`), worksheet fields, alerts, resolved links
//! and highlighted code.
//!
//! In: a page's Markdown body and a [`Context`]. Out: [`Rendered`] — the page HTML
//! plus what other stages need (headings, worksheets, facilitator notes, assets).

pub mod blocks;
pub mod highlight;
pub mod links;
mod pass;

use std::path::Path;

use pulldown_cmark::Options;

use crate::diag::Diagnostic;
pub use highlight::{escape, Highlighter};
pub use links::{Asset, LinkIndex, ROOT};
pub use pass::render;

/// The parser options, owned by this one function.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// What the pass needs to know about the page it renders.
pub struct Context<'a> {
    /// Source path for messages (relative to the project root).
    pub shown: &'a Path,
    /// Absolute source path, for resolving relative links.
    pub source: &'a Path,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// Site-relative URL of the page, with trailing slash (empty for the home page).
    pub page_url: &'a str,
    pub links: &'a LinkIndex,
    pub highlighter: &'a Highlighter,
    /// The page is a standalone worksheet: its first worksheet lives at `page_url`.
    pub standalone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A `::: worksheet` block, ready for its own page and the packet.
#[derive(Debug, Clone)]
pub struct Worksheet {
    pub title: String,
    /// Inner HTML with solutions left where the author put them.
    pub html: String,
    /// Inner HTML with solutions removed (learner print).
    pub html_without_solutions: String,
    /// Solutions' inner HTML, for an answer key.
    pub solutions: Vec<String>,
    /// Pages the author expects it to print on (`pages=` attribute; default 1).
    pub pages: u32,
    /// Site-relative URL of its printable page.
    pub url: String,
    /// 1-based line in the source.
    pub line: usize,
    /// Plain text of its prompts, for checks.
    pub prompts: Vec<String>,
}

/// An activity block's declared minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub title: String,
    pub minutes: Option<u32>,
}

/// A link to another page's fragment, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct FragmentLink {
    pub line: usize,
    pub col: usize,
    pub url: String,
    pub fragment: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id the body defines (headings, blocks, footnotes).
    pub ids: Vec<String>,
    pub worksheets: Vec<Worksheet>,
    /// Facilitator notes' HTML, absent from `html`.
    pub facilitator: Vec<String>,
    /// Every solution's inner HTML, for answer keys.
    pub solutions: Vec<String>,
    /// Discussion and reflection blocks' inner HTML, for the facilitator guide.
    pub prompts: Vec<String>,
    pub activities: Vec<Activity>,
    pub assets: Vec<Asset>,
    pub fragment_links: Vec<FragmentLink>,
    /// Plain text of the learner-visible body, for search.
    pub text: String,
    pub diags: Vec<Diagnostic>,
    /// Style findings that `trellis check` reports (alt text, heading levels).
    pub lints: Vec<Diagnostic>,
    /// http(s) links, for `trellis check --external`.
    pub external_links: Vec<ExternalLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub line: usize,
    pub col: usize,
}

/// Ids the templates use on every page; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "content",
    "objectives",
    "lesson-nav",
    "outline",
    "site-search",
    "search-results",
    "footnotes",
    "theme-toggle",
    "sidebar",
];
