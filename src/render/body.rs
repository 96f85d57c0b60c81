//! A page's tree to HTML: plain Markdown is written by pulldown-cmark, and every
//! course element (headings' anchors, blocks, worksheets, fields, alerts, code,
//! prompts) by the theme's templates under `templates/markdown/` and
//! `templates/fields/`.
//!
//! In: nodes and a [`BodyCx`] saying where the HTML goes (which page, which id
//! prefix, which pages are in the same document). Out: HTML. The same tree is
//! written for the lesson page, the print document, the packet and the guide, so
//! ids and links are right by construction in each, with no rewriting after.

use std::collections::HashMap;

use pulldown_cmark::{html, CowStr, Event, LinkType, Tag, TagEnd};
use serde::Serialize;

use super::Templates;
use crate::diag::Diagnostic;
use crate::markdown::links::Target;
use crate::markdown::tree::{Block, BlockKind, Field, FieldKind, Fill, Link, Node, RawHtml};
use crate::markdown::{tree_hash, Doc};

/// Where a body's HTML is going.
#[derive(Debug, Clone, Copy)]
pub struct BodyCx<'a> {
    /// From the page being written to the site root: `""`, `"../"`, `"../../"`…
    pub root: &'a str,
    /// Put before every id and same-page fragment (`"lesson-3-"` in the print document).
    pub ids: &'a str,
    /// Pages inside the same document (the print document): URL → anchor.
    pub anchors: Option<&'a Anchors>,
    /// Write solution blocks (false for the learner's print without answers).
    pub solutions: bool,
    /// Write quizzes' answers and feedback (false in print unless `solutions = "inline"`).
    pub quiz_answers: bool,
    /// Printed whole (a worksheet page, printed to PDF): every image loads at once.
    pub printed: bool,
    /// Write the body's key instead of its HTML: a hash of the tree and of this
    /// context, which with the templates is all the HTML is made from
    /// (`render::pages` keys pages with it).
    pub key_only: bool,
}

/// The pages a document holds (the print document): each one's URL and the
/// anchor that stands for it there, with their hash, taken once per document
/// for the keys of all its bodies.
#[derive(Debug)]
pub struct Anchors {
    map: HashMap<String, String>,
    key: u128,
}

impl Anchors {
    pub fn new(map: HashMap<String, String>) -> Anchors {
        let mut pairs: Vec<_> = map.iter().collect();
        pairs.sort();
        let mut h = crate::output::Hashing::default();
        for (url, anchor) in pairs {
            h.put(url.as_bytes());
            h.put(anchor.as_bytes());
        }
        let key = h.finish();
        Anchors { map, key }
    }
}

impl<'a> BodyCx<'a> {
    /// A body on its own page at `root`.
    pub fn page(root: &'a str) -> Self {
        BodyCx {
            root,
            ids: "",
            anchors: None,
            solutions: true,
            quiz_answers: true,
            printed: false,
            key_only: false,
        }
    }

    /// A body on its own page at `here`: its key when `here` is for a key.
    pub fn at(here: super::Here<'a>) -> Self {
        BodyCx {
            key_only: here.key_only,
            ..BodyCx::page(here.root)
        }
    }

    /// The key of a tree whose [`tree_hash`] is `tree`, written with this context.
    fn key(&self, tree: u128) -> String {
        use std::io::Write as _;
        let BodyCx {
            root,
            ids,
            anchors,
            solutions,
            quiz_answers,
            printed,
            key_only: _,
        } = *self;
        let mut h = crate::output::Hashing::default();
        let _ = h.write_all(&tree.to_le_bytes());
        h.put(root.as_bytes());
        h.put(ids.as_bytes());
        let anchors = anchors.map(|a| a.key);
        let _ = h.write_all(&[anchors.is_some().into(), solutions.into()]);
        let _ = h.write_all(&anchors.unwrap_or_default().to_le_bytes());
        let _ = h.write_all(&[quiz_answers.into(), printed.into()]);
        format!("{:032x}", h.finish())
    }

    pub(super) fn id(&self, id: &str) -> String {
        format!("{}{id}", self.ids)
    }

    /// The href of a site page, or its anchor when the page is in this document.
    fn page_href(&self, url: &str, fragment: Option<&str>) -> String {
        if let Some(a) = self.anchors.and_then(|m| m.map.get(url)) {
            return match fragment {
                Some(f) => format!("#{a}-{f}"),
                None => format!("#{a}"),
            };
        }
        let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        format!("{}{url}index.html{frag}", self.root)
    }

    fn href(&self, l: &Link) -> String {
        self.target_href(&l.target, &l.dest)
    }

    /// Where `target` (written as `dest`) leads, from this body.
    fn target_href(&self, target: &Target, dest: &str) -> String {
        match target {
            Target::Unchanged => match dest.strip_prefix('#') {
                Some(f) if !self.ids.is_empty() => format!("#{}", self.id(f)),
                _ => dest.to_string(),
            },
            Target::Page { url, fragment } => self.page_href(url, fragment.as_deref()),
            Target::Site(path) => {
                let (p, frag) = path.split_once('#').unwrap_or((path, ""));
                match p.strip_suffix("index.html") {
                    Some(page) if self.anchors.is_some_and(|m| m.map.contains_key(page)) => {
                        self.page_href(page, (!frag.is_empty()).then_some(frag))
                    }
                    _ => format!("{}{path}", self.root),
                }
            }
            Target::Asset(_, path) => format!("{}{path}", self.root),
        }
    }
}

/// Write a page's learner body as HTML: as [`html`], but its key hashes the tree
/// only once per build ([`Doc::body_hash`]), however many files it is in.
pub fn doc_html(doc: &Doc, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    if cx.key_only {
        return Ok(cx.key(doc.body_hash()));
    }
    html(&doc.body, cx, t)
}

/// Write `nodes` as HTML.
pub fn html(nodes: &[Node], cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    if cx.key_only {
        return Ok(cx.key(tree_hash(nodes)));
    }
    let mut events: Vec<Event<'_>> = Vec::with_capacity(nodes.len());
    push_events(nodes, cx, t, &mut events)?;
    let mut out = String::with_capacity(events.len() * 16);
    html::push_html(&mut out, events.into_iter());
    Ok(out)
}

fn push_events<'n>(
    nodes: &'n [Node],
    cx: &BodyCx<'_>,
    t: &Templates,
    out: &mut Vec<Event<'n>>,
) -> Result<(), Diagnostic> {
    for n in nodes {
        match n {
            Node::Ev(e) => out.push(e.event()),
            Node::Link(l) if l.image => out.push(Event::InlineHtml(image(l, cx, t)?.into())),
            Node::Link(l) => {
                let (dest_url, title) =
                    (CowStr::from(cx.href(l)), CowStr::Borrowed(l.title.as_str()));
                let id = CowStr::Borrowed("");
                let link_type = LinkType::Inline;
                out.push(Event::Start(if l.image {
                    Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                } else {
                    Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                }));
                push_events(&l.children, cx, t, out)?;
                out.push(Event::End(if l.image {
                    TagEnd::Image
                } else {
                    TagEnd::Link
                }));
            }
            Node::FootnoteRef(r) => out.push(Event::FootnoteReference(cx.id(&r.name).into())),
            Node::Footnote(f) => {
                out.push(Event::Start(Tag::FootnoteDefinition(cx.id(&f.name).into())));
                push_events(&f.children, cx, t, out)?;
                out.push(Event::End(TagEnd::FootnoteDefinition));
            }
            Node::Html(h) => out.push(raw_html(h, cx)),
            Node::Block(b) if b.kind == BlockKind::Solution && !cx.solutions => {}
            other => out.push(Event::Html(element(other, cx, t)?.into())),
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct ImageView<'a> {
    src: String,
    alt: String,
    title: &'a str,
    /// Its own size, when its file could be read.
    width: Option<u32>,
    height: Option<u32>,
    /// Its smaller copies, smallest first.
    variants: Vec<VariantView>,
    /// Below the first screen, on a page read on screen (a document of many
    /// pages, with its ids prefixed, and a worksheet are printed whole).
    lazy: bool,
}

#[derive(Serialize)]
struct VariantView {
    href: String,
    width: u32,
}

/// An image through its template, with the size and copies the images pass found.
fn image(l: &Link, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let picture = l.picture.as_ref();
    let variants = match (&l.target, picture) {
        (Target::Asset(asset, _), Some(p)) => p
            .variants
            .iter()
            .map(|&width| VariantView {
                href: format!(
                    "{}{}",
                    cx.root,
                    crate::markdown::pass::images::variant_dest(&asset.dest, width)
                ),
                width,
            })
            .collect(),
        _ => Vec::new(),
    };
    let view = ImageView {
        src: cx.href(l),
        alt: crate::markdown::tree::text_of(&l.children),
        title: &l.title,
        width: picture.map(|p| p.width),
        height: picture.map(|p| p.height),
        variants,
        lazy: l.lazy && cx.ids.is_empty() && !cx.printed,
    };
    t.render("markdown/image.html", &view)
}

/// Raw HTML as written, with the paths the HTML pass resolved written from here.
fn raw_html<'n>(h: &'n RawHtml, cx: &BodyCx<'_>) -> Event<'n> {
    let text = if h.paths.is_empty() {
        CowStr::Borrowed(h.html.as_str())
    } else {
        let mut s = String::with_capacity(h.html.len());
        let mut at = 0;
        for (range, target) in &h.paths {
            s.push_str(&h.html[at..range.start]);
            let href = cx.target_href(target, &h.html[range.clone()]);
            s.push_str(&crate::markdown::escape(&href));
            at = range.end;
        }
        s.push_str(&h.html[at..]);
        CowStr::from(s)
    };
    if h.inline {
        Event::InlineHtml(text)
    } else {
        Event::Html(text)
    }
}

#[derive(Serialize)]
struct Element<'a, T: Serialize> {
    /// The element's own facts.
    #[serde(flatten)]
    facts: T,
    /// Its content, already HTML.
    content: &'a str,
}

#[derive(Serialize)]
struct HeadingView<'a> {
    level: u8,
    id: String,
    classes: &'a [String],
}

#[derive(Serialize)]
struct BlockView<'a> {
    kind: &'a BlockKind,
    name: &'a str,
    /// The author's classes after the name.
    classes: &'a [String],
    id: Option<String>,
    attrs: &'a std::collections::BTreeMap<String, String>,
    minutes: Option<u32>,
    sheet: Option<SheetView<'a>>,
    /// A tabs block's panels, for its tablist.
    panels: Vec<PanelView<'a>>,
}

#[derive(Serialize)]
struct PanelView<'a> {
    id: String,
    label: &'a str,
}

#[derive(Serialize)]
struct SheetView<'a> {
    title: &'a str,
    /// Link to its printable page, from this page.
    href: String,
    pages: u32,
}

#[derive(Serialize)]
struct Simple<'a> {
    id: Option<String>,
    kind: &'a str,
    key: &'a str,
    label: &'a str,
    checked: bool,
    lang: &'a str,
    /// A fill-in cell's column header.
    column: &'a str,
}

/// One course element through its template.
fn element(n: &Node, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let simple = |id: Option<String>, kind, key, label, checked| Simple {
        id,
        kind,
        key,
        label,
        checked,
        lang: "",
        column: "",
    };
    match n {
        Node::Heading(h) => {
            let content = html(&h.children, cx, t)?;
            let facts = HeadingView {
                level: h.level,
                id: cx.id(&h.id),
                classes: &h.classes,
            };
            t.render(
                "markdown/heading.html",
                &Element {
                    facts,
                    content: &content,
                },
            )
        }
        Node::Block(b) => block(b, cx, t),
        Node::Field(f) => field(f, cx, t),
        Node::Code(c) => {
            let facts = Simple {
                lang: &c.lang,
                ..simple(None, "code", "", "", false)
            };
            t.render(
                "markdown/code.html",
                &Element {
                    facts,
                    content: &c.html.to_html(),
                },
            )
        }
        Node::Alert(a) => {
            let content = html(&a.children, cx, t)?;
            let kind = alert_kind(a.kind);
            t.render(
                "markdown/alert.html",
                &Element {
                    facts: simple(None, kind, "", "", false),
                    content: &content,
                },
            )
        }
        Node::Prompt(p) => {
            let content = html(&p.children, cx, t)?;
            let facts = simple(Some(cx.id(&p.id)), "prompt", "", "", false);
            t.render(
                "markdown/prompt.html",
                &Element {
                    facts,
                    content: &content,
                },
            )
        }
        Node::Task(k) => t.render(
            "markdown/task.html",
            simple(None, "task", &k.key, &k.label, k.checked),
        ),
        Node::CellField(c) => t.render(
            "markdown/cell.html",
            Simple {
                column: &c.column,
                ..simple(None, "cell", &c.key, &c.label, false)
            },
        ),
        Node::Quiz(q) => super::quiz::html(q, cx, t),
        Node::Ev(_) | Node::Link(_) | Node::FootnoteRef(_) | Node::Footnote(_) | Node::Html(_) => {
            Ok(String::new())
        }
    }
}

fn alert_kind(kind: pulldown_cmark::BlockQuoteKind) -> &'static str {
    use pulldown_cmark::BlockQuoteKind as K;
    match kind {
        K::Note => "note",
        K::Tip => "tip",
        K::Important => "important",
        K::Warning => "warning",
        K::Caution => "caution",
    }
}

fn block(b: &Block, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let content = html(&b.children, cx, t)?;
    let facts = BlockView {
        kind: &b.kind,
        name: &b.name,
        classes: b.classes.get(1..).unwrap_or(&[]),
        id: b.id.as_deref().map(|id| cx.id(id)),
        attrs: &b.attrs,
        minutes: b.minutes(),
        sheet: b.sheet.as_ref().map(|s| SheetView {
            title: &s.title,
            href: cx.page_href(&s.url, None),
            pages: s.pages,
        }),
        panels: panels(b, cx),
    };
    let template = match b.kind {
        BlockKind::Worksheet if b.sheet.is_some() => "markdown/worksheet.html",
        BlockKind::Solution | BlockKind::Details => "markdown/solution.html",
        BlockKind::Tabs => "markdown/tabs.html",
        BlockKind::TabPanel => "markdown/tab-panel.html",
        BlockKind::Span => "markdown/span.html",
        BlockKind::Labelled => "markdown/block.html",
        _ => "markdown/div.html",
    };
    let mut facts = facts;
    if matches!(b.kind, BlockKind::Div | BlockKind::Span) || template == "markdown/div.html" {
        facts.classes = &b.classes;
    }
    t.render(
        template,
        &Element {
            facts,
            content: &content,
        },
    )
}

/// The panels of a tabs block, with their ids on this page.
fn panels<'a>(b: &'a Block, cx: &BodyCx<'_>) -> Vec<PanelView<'a>> {
    if b.kind != BlockKind::Tabs {
        return Vec::new();
    }
    b.children
        .iter()
        .filter_map(|n| match n {
            Node::Block(p) if p.kind == BlockKind::TabPanel => Some(PanelView {
                id: cx.id(p.id.as_deref().unwrap_or("tab")),
                label: p.attrs.get("label").map_or("", String::as_str),
            }),
            _ => None,
        })
        .collect()
}

#[derive(Serialize)]
struct FieldView<'a> {
    key: &'a str,
    /// Id of the prompt paragraph that labels it.
    labelled_by: Option<String>,
    /// The prompt's text: a scale's legend.
    prompt: Option<&'a str>,
    lines: u32,
    height: &'a str,
    points: Vec<i32>,
    low: &'a str,
    high: &'a str,
    /// Takes the space left on the printed page.
    fill: bool,
    /// `[[rows fill]]`: the width of the table it continues.
    columns: usize,
}

fn field(f: &Field, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let mut v = FieldView {
        key: &f.key,
        labelled_by: f.prompt_id.as_deref().map(|id| cx.id(id)),
        prompt: f.prompt.as_deref(),
        lines: 0,
        height: "",
        points: Vec::new(),
        low: "",
        high: "",
        fill: false,
        columns: 0,
    };
    let template = match &f.kind {
        FieldKind::Lines(n) => {
            v.lines = *n;
            "fields/lines.html"
        }
        FieldKind::Box(h) => {
            v.height = h;
            "fields/box.html"
        }
        FieldKind::Scale {
            from,
            to,
            low,
            high,
        } => {
            v.points = (*from..=*to).collect();
            (v.low, v.high) = (low, high);
            "fields/scale.html"
        }
        FieldKind::NameDate => "fields/name-date.html",
        FieldKind::PageBreak => "fields/page-break.html",
        FieldKind::Fill(kind) => {
            v.fill = true;
            match kind {
                Fill::Lines => {
                    v.lines = 3;
                    "fields/lines.html"
                }
                Fill::Box => {
                    v.height = "4cm";
                    "fields/box.html"
                }
                Fill::Rows { columns } => {
                    v.columns = *columns;
                    "fields/rows.html"
                }
            }
        }
    };
    t.render(template, &v)
}
