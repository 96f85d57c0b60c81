//! The tree a page's Markdown becomes: pulldown-cmark events, with the parts the
//! course cares about lifted into typed nodes (course blocks, fields, headings,
//! links, code, alerts, footnotes).
//!
//! In: nothing (plain data). Out: the types every pass reads and writes, and that
//! `render::body` turns into HTML through the theme's templates. Events that need
//! no course knowledge stay [`Node::Ev`] (our own compact [`Ev`]) and are written
//! by pulldown-cmark itself.

use std::collections::BTreeMap;

pub use pulldown_cmark::TagEnd;
use pulldown_cmark::{Alignment, BlockQuoteKind, CowStr, Event, MetadataBlockKind};
use serde::Serialize;

use super::links::Target;

/// One node of a page body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// A Markdown event that needs nothing from the course.
    Ev(Ev),
    // The lifted nodes are boxed: most nodes are plain events, and a page keeps
    // its tree until its pages are written, so the enum stays event-sized.
    Heading(Box<Heading>),
    Link(Box<Link>),
    Block(Box<Block>),
    Field(Box<Field>),
    Code(Box<Code>),
    Alert(Box<Alert>),
    /// A paragraph that a field takes as its prompt.
    Prompt(Box<Prompt>),
    /// A task-list checkbox (`- [ ] …`), saved like a field.
    Task(Box<Task>),
    /// An empty table cell in a worksheet: a place to write.
    CellField(Box<CellField>),
    FootnoteRef(Box<FootnoteRef>),
    Footnote(Box<Footnote>),
    /// Raw HTML as the author wrote it (one HTML block, or one inline tag).
    Html(Box<RawHtml>),
    /// A `::: quiz` block, read into its questions by the quiz pass.
    Quiz(Box<Quiz>),
}

/// A Markdown event the tree keeps as it came: what pulldown-cmark's [`Event`]
/// holds, less what the tree lifts into its own nodes (headings, links, images,
/// code blocks, footnotes, raw HTML), in a third of the room. A site keeps every
/// page's tree until its pages are written, and most nodes are these.
///
/// Made in `parse` ([`Ev::try_from`]), turned back only where HTML is written
/// ([`Ev::event`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Ev {
    Start(Tag),
    End(TagEnd),
    Text(Box<str>),
    Code(Box<str>),
    InlineMath(Box<str>),
    DisplayMath(Box<str>),
    SoftBreak,
    HardBreak,
    Rule,
    TaskListMarker(bool),
}

/// The start of an element the tree keeps as an event: pulldown-cmark's
/// [`pulldown_cmark::Tag`] without the tags the tree lifts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tag {
    Paragraph,
    /// A plain quote; an alert (`> [!NOTE]`) is a [`Node::Alert`].
    BlockQuote(Option<BlockQuoteKind>),
    HtmlBlock,
    /// An ordered list's first number, or a bullet list.
    List(Option<u64>),
    Item,
    DefinitionList,
    DefinitionListTitle,
    DefinitionListDefinition,
    /// A table and the alignment of each of its columns.
    Table(Box<[Align]>),
    TableHead,
    TableRow,
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    MetadataBlock(MetadataBlockKind),
}

/// A table column's alignment: pulldown-cmark's [`Alignment`], hashable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

impl Node {
    /// A text event.
    pub fn text(s: &str) -> Node {
        Node::Ev(Ev::Text(s.into()))
    }

    /// The start of a kept element.
    pub fn start(tag: Tag) -> Node {
        Node::Ev(Ev::Start(tag))
    }

    /// The end of a kept element.
    pub fn end(tag: TagEnd) -> Node {
        Node::Ev(Ev::End(tag))
    }
}

impl<'a> TryFrom<Event<'a>> for Ev {
    /// An event the tree lifts into a node of its own, given back.
    type Error = Event<'a>;

    fn try_from(e: Event<'a>) -> Result<Ev, Event<'a>> {
        Ok(match e {
            Event::Start(tag) => Ev::Start(Tag::try_from(tag).map_err(Event::Start)?),
            Event::End(end) => Ev::End(end),
            Event::Text(s) => Ev::Text(boxed(s)),
            Event::Code(s) => Ev::Code(boxed(s)),
            Event::InlineMath(s) => Ev::InlineMath(boxed(s)),
            Event::DisplayMath(s) => Ev::DisplayMath(boxed(s)),
            Event::SoftBreak => Ev::SoftBreak,
            Event::HardBreak => Ev::HardBreak,
            Event::Rule => Ev::Rule,
            Event::TaskListMarker(checked) => Ev::TaskListMarker(checked),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => return Err(e),
        })
    }
}

/// A parser string as a box exactly its length (`CowStr`'s own box already is).
fn boxed(s: CowStr<'_>) -> Box<str> {
    match s {
        CowStr::Boxed(b) => b,
        other => Box::from(&*other),
    }
}

impl<'a> TryFrom<pulldown_cmark::Tag<'a>> for Tag {
    /// A tag the tree lifts into a node of its own, given back.
    type Error = pulldown_cmark::Tag<'a>;

    fn try_from(t: pulldown_cmark::Tag<'a>) -> Result<Tag, pulldown_cmark::Tag<'a>> {
        use pulldown_cmark::Tag as T;
        Ok(match t {
            T::Paragraph => Tag::Paragraph,
            T::BlockQuote(kind) => Tag::BlockQuote(kind),
            T::HtmlBlock => Tag::HtmlBlock,
            T::List(first) => Tag::List(first),
            T::Item => Tag::Item,
            T::DefinitionList => Tag::DefinitionList,
            T::DefinitionListTitle => Tag::DefinitionListTitle,
            T::DefinitionListDefinition => Tag::DefinitionListDefinition,
            T::Table(columns) => Tag::Table(columns.into_iter().map(Align::from).collect()),
            T::TableHead => Tag::TableHead,
            T::TableRow => Tag::TableRow,
            T::TableCell => Tag::TableCell,
            T::Emphasis => Tag::Emphasis,
            T::Strong => Tag::Strong,
            T::Strikethrough => Tag::Strikethrough,
            T::Superscript => Tag::Superscript,
            T::Subscript => Tag::Subscript,
            T::MetadataBlock(kind) => Tag::MetadataBlock(kind),
            T::Heading { .. }
            | T::CodeBlock(_)
            | T::FootnoteDefinition(_)
            | T::Link { .. }
            | T::Image { .. } => return Err(t),
        })
    }
}

impl From<Alignment> for Align {
    fn from(a: Alignment) -> Align {
        match a {
            Alignment::None => Align::None,
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Center,
            Alignment::Right => Align::Right,
        }
    }
}

impl From<Align> for Alignment {
    fn from(a: Align) -> Alignment {
        match a {
            Align::None => Alignment::None,
            Align::Left => Alignment::Left,
            Align::Center => Alignment::Center,
            Align::Right => Alignment::Right,
        }
    }
}

impl Ev {
    /// The pulldown-cmark event, borrowing this one's text.
    pub fn event(&self) -> Event<'_> {
        fn s(b: &str) -> CowStr<'_> {
            CowStr::Borrowed(b)
        }
        match self {
            Ev::Start(tag) => Event::Start(tag.tag()),
            Ev::End(end) => Event::End(*end),
            Ev::Text(t) => Event::Text(s(t)),
            Ev::Code(t) => Event::Code(s(t)),
            Ev::InlineMath(t) => Event::InlineMath(s(t)),
            Ev::DisplayMath(t) => Event::DisplayMath(s(t)),
            Ev::SoftBreak => Event::SoftBreak,
            Ev::HardBreak => Event::HardBreak,
            Ev::Rule => Event::Rule,
            Ev::TaskListMarker(checked) => Event::TaskListMarker(*checked),
        }
    }
}

impl Tag {
    /// The pulldown-cmark tag.
    pub fn tag(&self) -> pulldown_cmark::Tag<'static> {
        use pulldown_cmark::Tag as T;
        match self {
            Tag::Paragraph => T::Paragraph,
            Tag::BlockQuote(kind) => T::BlockQuote(*kind),
            Tag::HtmlBlock => T::HtmlBlock,
            Tag::List(first) => T::List(*first),
            Tag::Item => T::Item,
            Tag::DefinitionList => T::DefinitionList,
            Tag::DefinitionListTitle => T::DefinitionListTitle,
            Tag::DefinitionListDefinition => T::DefinitionListDefinition,
            Tag::Table(columns) => T::Table(columns.iter().map(|&a| a.into()).collect()),
            Tag::TableHead => T::TableHead,
            Tag::TableRow => T::TableRow,
            Tag::TableCell => T::TableCell,
            Tag::Emphasis => T::Emphasis,
            Tag::Strong => T::Strong,
            Tag::Strikethrough => T::Strikethrough,
            Tag::Superscript => T::Superscript,
            Tag::Subscript => T::Subscript,
            Tag::MetadataBlock(kind) => T::MetadataBlock(*kind),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    /// Unique on the page; set by the ids pass from `anchor` or the text.
    pub id: String,
    /// An explicit `{#id}` from the source.
    pub anchor: Option<String>,
    pub classes: Vec<String>,
    pub text: String,
    pub children: Vec<Node>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub image: bool,
    /// As written in the source.
    pub dest: String,
    /// Where it leads; set by the links pass.
    pub target: Target,
    pub title: String,
    pub children: Vec<Node>,
    pub pos: Pos,
    /// An autolink or e-mail link: never resolved.
    pub verbatim: bool,
    /// An image's size and phone variants; set by the images pass when its file
    /// could be read.
    pub picture: Option<Picture>,
    /// An image below the first screen: loaded when the reader scrolls near it.
    pub lazy: bool,
}

/// What the images pass read from an image's file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Picture {
    /// Intrinsic size in CSS pixels.
    pub width: u32,
    pub height: u32,
    /// Widths of the smaller copies made for phones (`photo-480w.png`), smallest first.
    pub variants: Vec<u32>,
}

/// What a `:::` block is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Worksheet,
    Solution,
    /// A labelled course block: objectives, activity, reflection, …
    Labelled,
    /// `hint` and `spoiler`: collapsed like a solution, but never an answer.
    Details,
    /// `tab` and `group-tab`: panels behind a tablist.
    Tabs,
    /// One panel of a tabs block, made by the tabs pass; its label is `attrs["label"]`.
    TabPanel,
    /// A bracketed span, `[text]{#id .class}`: inline, made by the attributes pass.
    Span,
    /// Any other name: a plain `<div>` with the author's classes.
    Div,
    /// Only ever seen before the facilitator split; never rendered for learners.
    Facilitator,
    /// `::: quiz`: becomes a [`Node::Quiz`] in the quiz pass.
    Quiz,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's name as a lowercase word (`activity`, `worksheet`, …).
    pub name: String,
    /// Every class, the name first, as written.
    pub classes: Vec<String>,
    /// Unique on the page when set; from `#id`, or made for worksheets.
    pub id: Option<String>,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<Node>,
    /// Worksheet facts, set by the worksheet pass.
    pub sheet: Option<SheetFacts>,
    pub pos: Pos,
    /// For a quiz: the file line of each top-level Markdown block among its
    /// children, in order (pulldown-cmark events carry no positions).
    pub lines: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct SheetFacts {
    pub title: String,
    /// Site URL of its printable page, with a trailing slash.
    pub url: String,
    pub pages: u32,
}

impl Block {
    /// `minutes=` as a number, when the author gave one.
    pub fn minutes(&self) -> Option<u32> {
        self.attrs
            .get("minutes")
            .and_then(|m| m.trim().parse().ok())
    }
}

/// A form field line inside a worksheet or reflection.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FieldKind {
    NameDate,
    Lines(u32),
    Box(String),
    Scale {
        from: i32,
        to: i32,
        low: String,
        high: String,
    },
    PageBreak,
    /// `[[lines fill]]`, `[[box fill]]`, `[[rows fill]]`: takes the space left on
    /// the printed page.
    Fill(Fill),
}

/// What a `fill` field fills the rest of the page with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Fill {
    Lines,
    Box,
    /// More rows of the fill-in table just before it; `columns` is that table's
    /// width, set by the fields pass (0 when no table comes just before).
    Rows {
        columns: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Field {
    pub kind: FieldKind,
    /// Storage key for the learner's answer (`<page url>#f<n>`); set by the fields pass.
    pub key: String,
    /// Id of the prompt paragraph that labels it, if it has one.
    pub prompt_id: Option<String>,
    /// The prompt's text (a scale's legend).
    pub prompt: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Code {
    pub lang: String,
    pub text: String,
    /// Highlighted spans (syntect), set by the code pass: shared with the
    /// highlighter's caches, so a block is held once however many keep it.
    pub html: std::sync::Arc<super::spans::CodeHtml>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Alert {
    pub kind: BlockQuoteKind,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Prompt {
    pub id: String,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub checked: bool,
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CellField {
    pub key: String,
    pub label: String,
    /// The column's header text, shown beside the cell when a table stacks on a phone.
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FootnoteRef {
    pub name: String,
}

/// A footnote's text; pulldown-cmark numbers and writes both ends.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Footnote {
    pub name: String,
    pub children: Vec<Node>,
}

/// Raw HTML, kept as text; the HTML pass reads its tags.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RawHtml {
    /// An inline tag, or (false) the lines of an HTML block.
    pub inline: bool,
    pub html: String,
    /// Attribute values that lead to a page or a file: their byte range in
    /// `html` and their target, written for each page by `render::body`.
    pub paths: Vec<(std::ops::Range<usize>, Target)>,
    pub pos: Pos,
}

/// A `::: quiz` block: one or more questions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Quiz {
    /// Unique on the page; set by the ids pass (`quiz`, `quiz-1`, …).
    pub id: String,
    /// Storage key for the learner's answers (`<page url>#quiz-<n>`).
    pub key: String,
    pub questions: Vec<Question>,
    pub pos: Pos,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// One `[x]`: radio buttons.
    Single,
    /// Several `[x]`: checkboxes; every right option is needed.
    Multiple,
    /// Exactly the options True and False, one checked.
    TrueFalse,
    /// A plain list of accepted answers.
    Short,
    /// No right answer: a model answer in a nested `::: solution`.
    Reflection,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub kind: QuestionKind,
    /// The question's paragraphs.
    pub prompt: Vec<Node>,
    /// The prompt as plain text (QTI, the guide's list).
    pub text: String,
    pub options: Vec<QuizOption>,
    /// Short answer: the accepted answers as written.
    pub accepted: Vec<String>,
    /// Feedback for the whole question (short answer) or the model answer (reflection).
    pub feedback: Vec<Node>,
    pub pos: Pos,
}

/// One option of a choice or true/false question.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct QuizOption {
    pub correct: bool,
    pub label: Vec<Node>,
    /// The label as plain text.
    pub text: String,
    /// The blockquote indented under the option.
    pub feedback: Vec<Node>,
    /// For true/false: `true` or `false`, so the theme can name it in any language.
    pub truth: Option<bool>,
}

/// A place in the source file: 1-based line and column.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Visit every node depth-first, in document order, mutably.
pub fn walk_mut(nodes: &mut [Node], f: &mut dyn FnMut(&mut Node)) {
    for n in nodes {
        f(n);
        if let Some(children) = children_mut(n) {
            walk_mut(children, f);
        }
    }
}

/// Visit every node depth-first, in document order.
pub fn walk(nodes: &[Node], f: &mut dyn FnMut(&Node)) {
    for n in nodes {
        f(n);
        if let Some(children) = children(n) {
            walk(children, f);
        }
    }
}

pub fn children(n: &Node) -> Option<&Vec<Node>> {
    match n {
        Node::Heading(h) => Some(&h.children),
        Node::Link(l) => Some(&l.children),
        Node::Block(b) => Some(&b.children),
        Node::Alert(a) => Some(&a.children),
        Node::Prompt(p) => Some(&p.children),
        Node::Footnote(f) => Some(&f.children),
        _ => None,
    }
}

pub fn children_mut(n: &mut Node) -> Option<&mut Vec<Node>> {
    match n {
        Node::Heading(h) => Some(&mut h.children),
        Node::Link(l) => Some(&mut l.children),
        Node::Block(b) => Some(&mut b.children),
        Node::Alert(a) => Some(&mut a.children),
        Node::Prompt(p) => Some(&mut p.children),
        Node::Footnote(f) => Some(&mut f.children),
        _ => None,
    }
}

/// The plain text of some nodes, words kept apart where lines break.
pub fn text_of(nodes: &[Node]) -> String {
    let mut s = String::new();
    walk(nodes, &mut |n| match n {
        Node::Ev(Ev::Text(t) | Ev::Code(t)) => s.push_str(t),
        Node::Ev(Ev::SoftBreak | Ev::HardBreak) => s.push(' '),
        Node::Code(c) => s.push_str(&c.text),
        _ => {}
    });
    s
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser};

    use super::{Ev, Node, Tag};

    #[test]
    fn a_node_is_no_bigger_than_three_words() {
        // Regression guard for memory: a site keeps every page's tree until its
        // pages are written, and most nodes are events. A bigger variant belongs
        // in a box.
        assert!(
            std::mem::size_of::<Node>() <= 24,
            "{}",
            std::mem::size_of::<Node>()
        );
        assert!(
            std::mem::size_of::<Ev>() <= 24,
            "{}",
            std::mem::size_of::<Ev>()
        );
    }

    /// Every kind of event, with the parser's options and those it could get.
    const EVERY_EVENT: &str = "---\ntitle: x\n---\n\n# Title {#top .big}\n\n\
        Some *em*, **strong**, ~~gone~~, ^sup^, ~sub~, `code`, $x^2$, \"quoted\"\n\
        a soft break and a hard one  \nthen [a link](https://example.com \"t\") and \
        ![an image](a.png) and <b>inline</b> html[^note].\n\n\
        $$\ny = 2\n$$\n\n> plain quote\n\n> [!NOTE]\n> an alert\n\n\
        - [ ] open task\n- [x] done task\n\n3. three\n4. four\n\n---\n\n\
        | a | b | c | d |\n|:--|:-:|--:|---|\n| 1 |   | 3 | 4 |\n\n\
        term\n: its definition\n\n<div>\nraw\n</div>\n\n```rust\nfn main() {}\n```\n\n\
        [^note]: The note.\n";

    fn events(options: Options) -> Vec<Event<'static>> {
        Parser::new_ext(EVERY_EVENT, options)
            .map(Event::into_static)
            .collect()
    }

    #[test]
    fn events_the_tree_keeps_come_back_from_ev_as_they_went_in() {
        let options = crate::markdown::options()
            | Options::ENABLE_MATH
            | Options::ENABLE_SUPERSCRIPT
            | Options::ENABLE_SUBSCRIPT
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        let mut kept: Vec<Ev> = Vec::new();
        for e in events(options) {
            match Ev::try_from(e.clone()) {
                Ok(ev) => {
                    assert_eq!(ev.event(), e);
                    kept.push(ev);
                }
                // Given back whole, and only what the tree lifts.
                Err(back) => {
                    assert_eq!(back, e);
                    assert!(
                        matches!(
                            e,
                            Event::Html(_)
                                | Event::InlineHtml(_)
                                | Event::FootnoteReference(_)
                                | Event::Start(
                                    pulldown_cmark::Tag::Heading { .. }
                                        | pulldown_cmark::Tag::CodeBlock(_)
                                        | pulldown_cmark::Tag::FootnoteDefinition(_)
                                        | pulldown_cmark::Tag::Link { .. }
                                        | pulldown_cmark::Tag::Image { .. }
                                )
                        ),
                        "{e:?}"
                    );
                }
            }
        }
        // The sample holds every kind of event and every tag the tree keeps.
        let kinds: std::collections::HashSet<_> = kept.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 10, "{kept:?}");
        let tags: std::collections::HashSet<_> = kept
            .iter()
            .filter_map(|e| match e {
                Ev::Start(t) => Some(std::mem::discriminant(t)),
                _ => None,
            })
            .collect();
        assert_eq!(tags.len(), 18, "{kept:?}");
        assert!(kept.contains(&Ev::Start(Tag::List(Some(3)))));
        assert!(kept.contains(&Ev::Start(Tag::Table(
            [
                super::Align::Left,
                super::Align::Center,
                super::Align::Right,
                super::Align::None
            ]
            .into()
        ))));
    }
}
