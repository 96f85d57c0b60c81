//! Segments to nodes: each text segment is parsed by pulldown-cmark, and the
//! events become a [`Node`] tree with headings, links, alerts, code and footnotes
//! lifted into typed nodes.
//!
//! In: the learner's (or the facilitator's) segments and the link definitions
//! they may see. Out: nodes, and nesting errors. Link reference definitions are
//! shared across segments by name; a facilitator block's stay with it.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::segment::Seg;
use super::tree::{
    Alert, Block, BlockKind, Code, Ev, Field, Footnote, FootnoteRef, Heading, Link, Node, Pos,
    RawHtml,
};
use super::{links::Target, options};
use crate::diag::Diagnostic;
use crate::text::LineIndex;

/// Deeper nesting of lists and quotes is an error: it is always a mistake, and
/// browsers struggle with it.
pub const MAX_NESTING: usize = 64;

/// Block names with a label and their own look.
pub const LABELLED: &[&str] = &[
    "objectives",
    "activity",
    "reflection",
    "callout",
    "discussion",
    "note",
    "tip",
    "example",
    "questions",
    "keypoints",
    "prereq",
    "checklist",
    "challenge",
    "caution",
    "testimonial",
];

/// Block names shown collapsed like a solution, but not answers.
pub const DETAILS: &[&str] = &["hint", "spoiler"];

/// Block names whose level-3 headings start tab panels.
pub const TABS: &[&str] = &["tab", "group-tab"];

/// Link reference definitions by normalised label: `(dest, title)`.
pub type RefDefs = HashMap<String, (String, String)>;

fn label_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every link definition in the text segments of `segs` (not inside blocks that
/// `skip` refuses).
pub fn ref_defs(segs: &[Seg], defs: &mut RefDefs) {
    for seg in segs {
        match seg {
            Seg::Text { text, .. } if text.contains("]:") => {
                let parser = Parser::new_ext(text, options());
                for (label, def) in parser.reference_definitions().iter() {
                    defs.entry(label_key(label)).or_insert_with(|| {
                        (
                            def.dest.to_string(),
                            def.title.as_deref().unwrap_or("").to_string(),
                        )
                    });
                }
            }
            Seg::Block { children, .. } => ref_defs(children, defs),
            _ => {}
        }
    }
}

/// Where a page's positions start, and where to report.
pub struct Origin<'a> {
    pub shown: &'a std::path::Path,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

/// Parse segments into nodes. Needs more than one segment to share definitions.
pub fn nodes(
    segs: &[Seg],
    defs: &RefDefs,
    origin: &Origin<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Node> {
    let mut out = Vec::new();
    for seg in segs {
        match seg {
            Seg::Text { text, line } => {
                let base = origin.body_line + line;
                out.extend(text_nodes(text, base, defs, origin, diags));
            }
            Seg::Block { open, children } => {
                let name = open.kind.to_lowercase();
                let kind = if open.is_facilitator() {
                    BlockKind::Facilitator
                } else if name == "worksheet" {
                    BlockKind::Worksheet
                } else if name == "solution" {
                    BlockKind::Solution
                } else if name == "quiz" {
                    BlockKind::Quiz
                } else if DETAILS.contains(&name.as_str()) {
                    BlockKind::Details
                } else if TABS.contains(&name.as_str()) {
                    BlockKind::Tabs
                } else if LABELLED.contains(&name.as_str()) {
                    BlockKind::Labelled
                } else {
                    BlockKind::Div
                };
                out.push(Node::Block(Box::new(Block {
                    kind: kind.clone(),
                    name,
                    classes: open.classes.clone(),
                    id: open.id.clone(),
                    attrs: open.attrs.clone(),
                    children: nodes(children, defs, origin, diags),
                    sheet: None,
                    lines: if kind == BlockKind::Quiz {
                        block_lines(children, origin.body_line)
                    } else {
                        Vec::new()
                    },
                    pos: Pos {
                        line: origin.body_line + open.line,
                        col: 1,
                    },
                })));
            }
            Seg::Field { kind, line } => out.push(Node::Field(Box::new(Field {
                kind: kind.clone(),
                key: String::new(),
                prompt_id: None,
                prompt: None,
                pos: Pos {
                    line: origin.body_line + line,
                    col: 1,
                },
            }))),
        }
    }
    out
}

/// The file line of each top-level Markdown block (paragraph, list, quote, …)
/// and nested `:::` block among `segs`, in order: a quiz's questions get their
/// lines from here.
fn block_lines(segs: &[Seg], body_line: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    for seg in segs {
        match seg {
            Seg::Text { text, line } => {
                let index = LineIndex::new(text);
                let mut depth = 0usize;
                for (ev, range) in Parser::new_ext(text, options()).into_offset_iter() {
                    match ev {
                        Event::Start(_) => {
                            if depth == 0 {
                                lines.push(body_line + line + index.pos(range.start).0 - 1);
                            }
                            depth += 1;
                        }
                        Event::End(_) => depth = depth.saturating_sub(1),
                        _ if depth == 0 => {
                            lines.push(body_line + line + index.pos(range.start).0 - 1);
                        }
                        _ => {}
                    }
                }
            }
            Seg::Block { open, .. } => lines.push(body_line + open.line),
            Seg::Field { line, .. } => lines.push(body_line + line),
        }
    }
    lines
}

/// A container being filled while its events arrive.
enum Open {
    Heading(Heading),
    Link(Link),
    Alert(Alert),
    Footnote(Footnote),
}

struct Builder {
    stack: Vec<(Open, Vec<Node>)>,
    top: Vec<Node>,
}

impl Builder {
    fn push(&mut self, n: Node) {
        match self.stack.last_mut() {
            Some((_, children)) => children.push(n),
            None => self.top.push(n),
        }
    }

    /// Raw HTML: the lines of one HTML block become one node, so a tag that
    /// spans lines is read whole.
    fn html(&mut self, text: &str, inline: bool, pos: Pos) {
        let last = match self.stack.last_mut() {
            Some((_, children)) => children.last_mut(),
            None => self.top.last_mut(),
        };
        if let Some(Node::Html(h)) = last {
            if !inline && !h.inline {
                h.html.push_str(text);
                return;
            }
        }
        self.push(Node::Html(Box::new(RawHtml {
            inline,
            html: text.to_string(),
            paths: Vec::new(),
            pos,
        })));
    }

    fn close(&mut self) {
        let Some((open, children)) = self.stack.pop() else {
            return;
        };
        let node = match open {
            Open::Heading(mut h) => {
                h.text = super::tree::text_of(&children);
                h.children = children;
                Node::Heading(Box::new(h))
            }
            Open::Link(mut l) => {
                l.children = children;
                Node::Link(Box::new(l))
            }
            Open::Alert(mut a) => {
                a.children = children;
                Node::Alert(Box::new(a))
            }
            Open::Footnote(mut f) => {
                f.children = children;
                Node::Footnote(Box::new(f))
            }
        };
        self.push(node);
    }
}

/// The container a start event opens, if it is one the tree lifts.
fn open_container(ev: &Event<'_>, pos: Pos) -> Option<Open> {
    Some(match ev {
        Event::Start(Tag::Heading {
            level, id, classes, ..
        }) => Open::Heading(Heading {
            level: *level as u8,
            id: String::new(),
            anchor: id.as_ref().map(|s| s.to_string()),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            text: String::new(),
            children: Vec::new(),
            pos,
        }),
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            },
        ) => Open::Link(Link {
            image: matches!(ev, Event::Start(Tag::Image { .. })),
            dest: dest_url.to_string(),
            target: Target::Unchanged,
            title: title.to_string(),
            children: Vec::new(),
            pos,
            verbatim: matches!(
                link_type,
                pulldown_cmark::LinkType::Email | pulldown_cmark::LinkType::Autolink
            ),
            picture: None,
            lazy: false,
        }),
        Event::Start(Tag::BlockQuote(Some(kind))) => Open::Alert(Alert {
            kind: *kind,
            children: Vec::new(),
        }),
        Event::Start(Tag::FootnoteDefinition(name)) => Open::Footnote(Footnote {
            name: name.to_string(),
            children: Vec::new(),
        }),
        _ => return None,
    })
}

/// Lists and quotes nested deeper than [`MAX_NESTING`] are an error.
struct Nesting {
    depth: usize,
}

impl Nesting {
    fn track(
        &mut self,
        ev: &Event<'_>,
        pos: Pos,
        origin: &Origin<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        match ev {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                self.depth += 1;
                if self.depth == MAX_NESTING + 1 {
                    diags.push(
                        Diagnostic::error(
                            origin.shown,
                            format!(
                                "lists and quotes are nested more than {MAX_NESTING} levels deep"
                            ),
                        )
                        .at(pos.line, pos.col)
                        .help(
                            "flatten the structure; readers cannot follow that many levels either",
                        ),
                    );
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1)
            }
            _ => {}
        }
    }
}

/// A fenced or indented code block's language and text; `i` moves past its end.
fn code_block(
    kind: &CodeBlockKind<'_>,
    events: &[(Event<'_>, Range<usize>)],
    i: &mut usize,
) -> (String, String) {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    };
    let mut code = String::new();
    while *i < events.len() {
        let (e, _) = &events[*i];
        *i += 1;
        match e {
            Event::Text(t) => code.push_str(t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    (lang, code)
}

/// Positions of increasing byte offsets, counted on from the last one, so a
/// page's positions cost one pass over its text; a step back asks the index.
struct Cursor<'a> {
    index: LineIndex<'a>,
    text: &'a str,
    /// File line of the text's first line.
    base: usize,
    off: usize,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn at(&mut self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.off {
            (self.line, self.col) = self.index.pos(offset);
        } else {
            for c in self.text[self.off..offset].chars() {
                if c == '\n' {
                    self.line += 1;
                    self.col = 1;
                } else {
                    self.col += 1;
                }
            }
        }
        self.off = offset;
        Pos {
            line: self.base + self.line - 1,
            col: self.col,
        }
    }
}

/// pulldown-cmark's events of `cursor.text`, with shared link definitions filled
/// in. `[text][ref]` and `[text][]` whose definition is nowhere are warned about
/// at their line: the author meant a link (a bare `[text]` may be just brackets).
fn events_warning_undefined_refs<'t>(
    cursor: &Cursor<'t>,
    defs: &RefDefs,
    origin: &Origin<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Event<'t>, Range<usize>)> {
    let mut undefined: Vec<(usize, String)> = Vec::new();
    let mut callback = |link: pulldown_cmark::BrokenLink<'_>| {
        let found = defs
            .get(&label_key(&link.reference))
            .map(|(d, t)| (CowStr::from(d.clone()), CowStr::from(t.clone())));
        let explicit = matches!(
            link.link_type,
            pulldown_cmark::LinkType::Reference | pulldown_cmark::LinkType::Collapsed
        );
        if found.is_none() && explicit {
            undefined.push((link.span.start, link.reference.to_string()));
        }
        found
    };
    let parser = Parser::new_with_broken_link_callback(cursor.text, options(), Some(&mut callback));
    let events: Vec<(Event<'t>, Range<usize>)> = parser.into_offset_iter().collect();
    for (at, label) in undefined {
        let pos = cursor.index.pos(at);
        diags.push(
            Diagnostic::warning(origin.shown, format!("reference link `[{label}]` has no definition: it shows as text"))
                .at(cursor.base + pos.0 - 1, pos.1)
                .help(format!("add a line `[{label}]: https://…` to this file (or to links.md beside config.yaml), or fix the label")),
        );
    }
    events
}

fn text_nodes(
    text: &str,
    base: usize,
    defs: &RefDefs,
    origin: &Origin<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Node> {
    let mut cursor = Cursor {
        index: LineIndex::new(text),
        text,
        base,
        off: 0,
        line: 1,
        col: 1,
    };
    let events = events_warning_undefined_refs(&cursor, defs, origin, diags);
    let mut b = Builder {
        stack: Vec::new(),
        top: Vec::new(),
    };
    let mut nesting = Nesting { depth: 0 };
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        i += 1;
        // Only starts and raw HTML need a position: End events jump back to
        // their start, and counting columns for every event is quadratic on
        // one long line.
        let at = match ev {
            Event::Start(_) | Event::Html(_) | Event::InlineHtml(_) => cursor.at(range.start),
            _ => Pos::default(),
        };
        nesting.track(ev, at, origin, diags);
        if let Some(open) = open_container(ev, at) {
            b.stack.push((open, Vec::new()));
            continue;
        }
        match ev {
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::BlockQuote(Some(_))
                | TagEnd::FootnoteDefinition,
            ) => b.close(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, text) = code_block(kind, &events, &mut i);
                b.push(Node::Code(Box::new(Code {
                    lang,
                    text,
                    html: Default::default(),
                    pos: at,
                })));
            }
            Event::Html(h) => b.html(h, false, at),
            Event::InlineHtml(h) => b.html(h, true, at),
            Event::FootnoteReference(name) => b.push(Node::FootnoteRef(Box::new(FootnoteRef {
                name: name.to_string(),
            }))),
            other => {
                // Every event the tree lifts into a node of its own was taken
                // above, so the conversion keeps all that reach here.
                if let Ok(e) = Ev::try_from(other.clone()) {
                    b.push(Node::Ev(e));
                }
            }
        }
    }
    while !b.stack.is_empty() {
        b.close();
    }
    b.top
}
