//! Markdown to a tree: a page body in, a [`Doc`] out — the learner's tree and the
//! facilitator's notes, each run through the passes, plus what other pages need
//! (headings, worksheets, activities, solutions, assets, search text).
//!
//! The order, in [`parse`]: cut into segments (`:::` blocks, `[[fields]]`) →
//! split off facilitator blocks → parse each segment with pulldown-cmark into
//! [`tree::Node`]s → passes (code, links, blocks, worksheets, headings, fields,
//! ids) → facts. No HTML is made here: `render::body` writes the tree through
//! the theme's templates.

pub mod facilitator;
pub mod foreign;
pub mod highlight;
pub mod links;
pub mod parse;
pub mod pass;
pub mod segment;
pub mod spans;
pub mod stored;
pub mod tree;

use std::path::Path;

use pulldown_cmark::Options;

use crate::diag::Diagnostic;
pub use highlight::{escape, CodeFacts, Highlighter};
pub use links::{Asset, LinkIndex};
use pass::{Audience, Found};
pub use stored::StoredTree;
use tree::{Block, Node};

/// The parser options, owned by this one function.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// What the passes need to know about the page they work on.
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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeadingRef {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A `::: worksheet` block, ready for its own page and the packet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Worksheet {
    pub title: String,
    /// Site-relative URL of its printable page.
    pub url: String,
    /// Pages the author expects it to print on (`pages=` attribute; default 1).
    pub pages: u32,
    /// 1-based line in the source.
    pub line: usize,
    /// Plain text of its prompts, for checks.
    pub prompts: Vec<String>,
    /// The block itself, rendered on its page and in the packet.
    pub block: Block,
}

/// An activity block's declared minutes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Activity {
    /// Its first heading; none when it has none (the theme then names it).
    pub title: Option<String>,
    pub minutes: Option<u32>,
}

/// A link to a page's fragment, checked once every page is parsed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FragmentLink {
    pub line: usize,
    pub col: usize,
    pub url: String,
    pub fragment: String,
    /// Written as `#fragment`, to the page it is on.
    pub local: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExternalLink {
    pub url: String,
    pub line: usize,
    pub col: usize,
}

/// One page's Markdown, parsed and passed: everything later stages read. The
/// build cache keeps it as it is ([`crate::cache::docs`]), so an unchanged page
/// is not parsed again.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    /// The learner's tree; a page from the build cache reads it back only when
    /// it is rendered ([`StoredTree`]).
    pub body: StoredTree,
    /// The learner's code blocks, as keys and the highlight stylesheet need them.
    pub code: CodeFacts,
    /// Facilitator notes, each its own tree, in order.
    pub notes: Vec<Vec<Node>>,
    pub headings: Vec<HeadingRef>,
    /// Every id the learner's body defines.
    pub ids: Vec<String>,
    pub worksheets: Vec<Worksheet>,
    /// Learner solutions' contents, for answer keys and the facilitator guide.
    pub solutions: Vec<Vec<Node>>,
    /// Discussion and reflection blocks' contents, for the facilitator guide.
    pub prompts: Vec<Vec<Node>>,
    pub activities: Vec<Activity>,
    /// The learner's quizzes (facilitator-only ones stay in `notes`).
    pub quizzes: Vec<tree::Quiz>,
    pub assets: Vec<Asset>,
    pub fragment_links: Vec<FragmentLink>,
    /// Words of the learner-visible text, for the reading time. The text
    /// itself is read off `body` when search needs it ([`Doc::text`]).
    pub words: usize,
    pub diags: Vec<Diagnostic>,
    /// Style findings that `trellis check` reports (alt text, heading levels).
    pub lints: Vec<Diagnostic>,
    /// http(s) links, for `trellis check --external`.
    pub external_links: Vec<ExternalLink>,
    /// [`tree_hash`] of `body`, made when a page's key first needs it: the
    /// lesson page and its print part share it. Kept in the build cache once made.
    #[serde(with = "once")]
    pub body_hash: std::sync::OnceLock<u128>,
    /// The body's search terms, counted when the search index first needs them
    /// in a build with a cache, and kept in it with the page.
    #[serde(with = "once")]
    pub search: std::sync::OnceLock<crate::search::BodyTerms>,
}

impl Doc {
    /// [`tree_hash`] of the learner's body, computed once.
    pub fn body_hash(&self) -> u128 {
        *self.body_hash.get_or_init(|| tree_hash(&self.body))
    }
}

/// A value made when first needed ([`Doc::body_hash`], [`Doc::search`]) as the
/// cache keeps it: the value, or nothing when it was not made.
mod once {
    use std::sync::OnceLock;

    use serde::{de::DeserializeOwned, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &OnceLock<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.get().serialize(s)
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<OnceLock<T>, D::Error> {
        let v: Option<T> = serde::Deserialize::deserialize(d)?;
        Ok(v.map_or_else(OnceLock::new, OnceLock::from))
    }
}

/// A hash of everything in `nodes`: two trees with the same hash write the same
/// HTML in the same context (`render::body` keys pages with it). Every tree type
/// derives `Hash`, so a field added to a node is in the hash by itself.
pub fn tree_hash(nodes: &[Node]) -> u128 {
    use std::hash::Hash as _;
    let mut h = crate::output::Hashing::default();
    {
        // Buffered: `Hash` writes many tiny pieces, each costly for SipHash.
        let mut fed = Fed(std::io::BufWriter::with_capacity(1 << 14, &mut h));
        nodes.hash(&mut fed);
    }
    h.finish()
}

/// A [`std::hash::Hasher`] that passes every piece to a writer: the 128-bit
/// [`crate::output::Hashing`] behind it gives the result, never `finish`.
struct Fed<W: std::io::Write>(W);

impl<W: std::io::Write> std::hash::Hasher for Fed<W> {
    fn write(&mut self, bytes: &[u8]) {
        // Writing to memory and a hasher cannot fail.
        let _ = self.0.write_all(bytes);
    }

    fn finish(&self) -> u64 {
        unreachable!("a tree's hash is read from the Hashing behind the writer")
    }
}

impl Doc {
    /// Plain text of the learner-visible body, for search.
    pub fn text(&self) -> String {
        pass::facts::search_text(&self.body)
    }
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

/// Parse one page body into its [`Doc`].
pub fn parse(body: &str, cx: &Context<'_>) -> Doc {
    let cut = segment::segment(body);
    let mut found = Found::default();
    for p in cut.problems.iter().chain(&foreign::scan(body)) {
        let d = if p.warning {
            Diagnostic::warning(cx.shown, &p.message)
        } else {
            Diagnostic::error(cx.shown, &p.message)
        };
        let d = d.at(cx.body_line + p.line, 1);
        found.diags.push(match &p.help {
            Some(h) => d.help(h),
            None => d,
        });
    }
    let (learner, notes) = facilitator::split(cut.segs);
    let mut defs = parse::RefDefs::new();
    parse::ref_defs(&learner, &mut defs);
    for (label, def) in &cx.links.shared {
        defs.entry(label.clone()).or_insert_with(|| def.clone());
    }
    let origin = parse::Origin {
        shown: cx.shown,
        body_line: cx.body_line,
    };
    let mut body = parse::nodes(&learner, &defs, &origin, &mut found.diags);
    let mut ids = pass::ids::Ids::default();
    pass::run(&mut body, cx, Audience::Learner, &mut ids, &mut found);
    let mut note_ids = pass::ids::Ids::default();
    let mut notes: Vec<Vec<Node>> = notes
        .iter()
        .map(|segs| {
            // A note sees the learner's link definitions and its own; never the reverse.
            let mut own = defs.clone();
            parse::ref_defs(segs, &mut own);
            let mut nodes = parse::nodes(segs, &own, &origin, &mut found.diags);
            pass::run(
                &mut nodes,
                cx,
                Audience::Facilitator,
                &mut note_ids,
                &mut found,
            );
            nodes
        })
        .collect();
    found.diags.extend(missing_note_anchors(
        &found.note_fragments,
        &[&ids.defined, &note_ids.defined],
        cx.shown,
    ));
    pass::compact::shrink(&mut body);
    notes.iter_mut().for_each(pass::compact::shrink);
    let facts = pass::facts::collect(&body);
    let words = pass::facts::search_text(&body).split_whitespace().count();
    Doc {
        code: CodeFacts::of(&body),
        body: body.into(),
        notes,
        headings: facts.headings,
        ids: ids.defined,
        worksheets: facts.worksheets,
        solutions: facts.solutions,
        prompts: facts.prompts,
        activities: facts.activities,
        quizzes: facts.quizzes,
        assets: found.assets,
        fragment_links: found.fragment_links,
        words,
        diags: found.diags,
        lints: found.lints,
        external_links: found.external_links,
        body_hash: std::sync::OnceLock::new(),
        search: std::sync::OnceLock::new(),
    }
}

/// Same-page links in facilitator notes to ids neither the notes nor the
/// learner's page (whose prompts and answers the guide shows) define.
fn missing_note_anchors(
    links: &[FragmentLink],
    ids: &[&Vec<String>],
    shown: &Path,
) -> Vec<Diagnostic> {
    if links.is_empty() {
        return Vec::new();
    }
    let known: std::collections::HashSet<&str> = ids
        .iter()
        .flat_map(|v| v.iter().map(String::as_str))
        .chain(RESERVED_IDS.iter().copied())
        .collect();
    links
        .iter()
        .filter(|l| !known.contains(l.fragment.as_str()))
        .map(|l| missing_anchor(shown, l))
        .collect()
}

/// The error for a `#fragment` link that names no id on its page.
pub fn missing_anchor(shown: &Path, l: &FragmentLink) -> Diagnostic {
    let message = if l.local {
        format!(
            "link to `#{}`: no such heading or anchor on this page",
            l.fragment
        )
    } else {
        format!(
            "link to `#{}` in /{}: no such heading or anchor there",
            l.fragment, l.url
        )
    };
    Diagnostic::error(shown, message)
        .at(l.line, l.col)
        .help("heading anchors are the heading text in lowercase with dashes, e.g. `#what-to-try`; `<a id=\"…\">` in HTML also makes one")
}

#[cfg(test)]
pub mod test_support {
    use super::*;

    /// Parse `src` as the body of a lesson at `m/l/` in an empty course.
    pub fn parse_page(src: &str) -> Doc {
        static HL: std::sync::OnceLock<Highlighter> = std::sync::OnceLock::new();
        let links = LinkIndex::default();
        let cx = Context {
            shown: Path::new("content/m/l.md"),
            source: Path::new("/nonexistent/content/m/l.md"),
            body_line: 1,
            page_url: "m/l/",
            links: &links,
            highlighter: HL.get_or_init(Highlighter::new),
            standalone: false,
        };
        parse(src, &cx)
    }
}
