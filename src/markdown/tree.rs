//! The tree a page's Markdown becomes: pulldown-cmark events, with the parts the
//! course cares about lifted into typed nodes (course blocks, fields, headings,
//! links, code, alerts, footnotes).
//!
//! In: nothing (plain data). Out: the types every pass reads and writes, and that
//! `render::body` turns into HTML through the theme's templates. Events that need
//! no course knowledge stay [`Node::Ev`] and are written by pulldown-cmark itself.

use std::collections::BTreeMap;

use pulldown_cmark::{BlockQuoteKind, Event};
use serde::Serialize;

use super::links::Target;

/// One node of a page body.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A pulldown-cmark event that needs nothing from the course.
    Ev(Event<'static>),
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

#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Intrinsic size in CSS pixels.
    pub width: u32,
    pub height: u32,
    /// Widths of the smaller copies made for phones (`photo-480w.png`), smallest first.
    pub variants: Vec<u32>,
}

/// What a `:::` block is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Lines,
    Box,
    /// More rows of the fill-in table just before it; `columns` is that table's
    /// width, set by the fields pass (0 when no table comes just before).
    Rows {
        columns: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub lang: String,
    pub text: String,
    /// Highlighted spans (syntect), set by the code pass: shared with the
    /// highlighter's caches, so a block is held once however many keep it.
    pub html: std::sync::Arc<super::spans::CodeHtml>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub kind: BlockQuoteKind,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub id: String,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub checked: bool,
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellField {
    pub key: String,
    pub label: String,
    /// The column's header text, shown beside the cell when a table stacks on a phone.
    pub column: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FootnoteRef {
    pub name: String,
}

/// A footnote's text; pulldown-cmark numbers and writes both ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub name: String,
    pub children: Vec<Node>,
}

/// Raw HTML, kept as text; the HTML pass reads its tags.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// Unique on the page; set by the ids pass (`quiz`, `quiz-1`, …).
    pub id: String,
    /// Storage key for the learner's answers (`<page url>#quiz-<n>`).
    pub key: String,
    pub questions: Vec<Question>,
    pub pos: Pos,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
        Node::Ev(Event::Text(t) | Event::Code(t)) => s.push_str(t),
        Node::Ev(Event::SoftBreak | Event::HardBreak) => s.push(' '),
        Node::Code(c) => s.push_str(&c.text),
        _ => {}
    });
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_node_is_no_bigger_than_an_event_and_its_tag() {
        // Regression guard for memory: a tree of 1,000 lessons is kept whole.
        assert!(
            std::mem::size_of::<super::Node>() <= 96,
            "{}",
            std::mem::size_of::<super::Node>()
        );
    }
}
