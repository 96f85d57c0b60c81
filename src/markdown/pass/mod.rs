//! The passes over a page's tree, each small and tested on its own, run in order
//! by [`run`]. Each takes the tree (and the page's [`Context`]) and either
//! rewrites nodes in place or reports what it found.

pub mod attrs;
pub mod blocks;
pub mod code;
pub mod compact;
pub mod facts;
pub mod fields;
pub mod headings;
pub mod html;
pub mod ids;
pub mod images;
pub mod links;
pub mod nesting;
pub mod quiz;
pub mod sheets;
pub mod tabs;

use super::tree::Node;
use super::Context;
use crate::diag::Diagnostic;

/// What the passes report besides the tree.
#[derive(Debug, Default)]
pub struct Found {
    pub diags: Vec<Diagnostic>,
    pub lints: Vec<Diagnostic>,
    pub assets: Vec<super::Asset>,
    pub fragment_links: Vec<super::FragmentLink>,
    /// Same-page fragment links in facilitator notes, checked against the notes' ids.
    pub note_fragments: Vec<super::FragmentLink>,
    pub external_links: Vec<super::ExternalLink>,
}

/// Whose tree it is: the learner's page, or a facilitator note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Learner,
    Facilitator,
}

/// Run every pass over `nodes`, in order.
pub fn run(
    nodes: &mut Vec<Node>,
    cx: &Context<'_>,
    audience: Audience,
    ids: &mut ids::Ids,
    found: &mut Found,
) {
    attrs::apply(nodes);
    code::highlight(nodes, cx, found);
    links::resolve(nodes, cx, audience, found);
    images::apply(nodes, found);
    let raw_ids = html::check(nodes, cx, audience, found);
    blocks::check(nodes, cx, audience, found);
    quiz::read(nodes, cx, found);
    tabs::split(nodes);
    nesting::demote(nodes);
    if audience == Audience::Learner {
        sheets::place(nodes, cx, found);
        headings::lint(nodes, cx, found);
    }
    fields::bind(nodes);
    for clash in ids.take_raw(raw_ids) {
        found.diags.push(
            Diagnostic::error(cx.shown, format!("the id `{}` is already used on this page", clash.id))
                .at(clash.pos.line, clash.pos.col)
                .help("ids must be unique on a page; rename this one (the theme keeps `main`, `top`, `content` and a few others)"),
        );
    }
    ids.assign(nodes, cx.page_url);
}
