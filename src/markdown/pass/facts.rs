//! Facts pass: what other pages need from this one, read off the finished
//! learner tree — its headings (the table of contents), worksheets, solutions,
//! discussion prompts, activities, and the plain text for search ([`search_text`]).
//!
//! In: the learner's tree after every other pass. Out: [`Facts`].

use crate::markdown::tree::{walk, Block, BlockKind, Ev, Node, Quiz, TagEnd};
use crate::markdown::{Activity, HeadingRef, Worksheet};

#[derive(Debug, Default)]
pub struct Facts {
    pub headings: Vec<HeadingRef>,
    pub worksheets: Vec<Worksheet>,
    pub solutions: Vec<Vec<Node>>,
    pub prompts: Vec<Vec<Node>>,
    pub activities: Vec<Activity>,
    pub quizzes: Vec<Quiz>,
}

pub fn collect(nodes: &[Node]) -> Facts {
    let mut f = Facts::default();
    walk(nodes, &mut |n| match n {
        Node::Heading(h) => f.headings.push(HeadingRef {
            level: h.level,
            id: h.id.clone(),
            text: h.text.clone(),
        }),
        Node::Block(b) => block(b, &mut f),
        Node::Quiz(q) => f.quizzes.push((**q).clone()),
        _ => {}
    });
    f
}

fn block(b: &Block, f: &mut Facts) {
    match (&b.kind, b.name.as_str()) {
        (BlockKind::Worksheet, _) => {
            if let Some(sheet) = &b.sheet {
                let mut prompts = Vec::new();
                walk(&b.children, &mut |n| {
                    if let Node::Field(field) = n {
                        prompts.extend(field.prompt.clone());
                    }
                });
                f.worksheets.push(Worksheet {
                    title: sheet.title.clone(),
                    url: sheet.url.clone(),
                    pages: sheet.pages,
                    line: b.pos.line,
                    prompts,
                    block: b.clone(),
                });
            }
        }
        (BlockKind::Solution, _) => f.solutions.push(b.children.clone()),
        (BlockKind::Labelled, "discussion" | "reflection") => f.prompts.push(b.children.clone()),
        (BlockKind::Labelled, "activity") => {
            let mut title = None;
            walk(&b.children, &mut |n| {
                if let (None, Node::Heading(h)) = (&title, n) {
                    title = Some(h.text.clone());
                }
            });
            f.activities.push(Activity {
                title,
                minutes: b.minutes(),
            });
        }
        _ => {}
    }
}

/// The learner-visible text, words kept apart where blocks and lines end.
pub fn search_text(nodes: &[Node]) -> String {
    let mut s = String::new();
    push_text(nodes, &mut s);
    s
}

fn push_text(nodes: &[Node], s: &mut String) {
    for n in nodes {
        match n {
            Node::Ev(Ev::Text(t) | Ev::Code(t)) => s.push_str(t),
            Node::Ev(Ev::SoftBreak | Ev::HardBreak) => s.push(' '),
            Node::Ev(Ev::End(
                TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_) | TagEnd::Paragraph,
            )) => s.push('\n'),
            Node::Code(c) => {
                s.push_str(&c.text);
                s.push(' ');
            }
            Node::Heading(h) => {
                push_text(&h.children, s);
                s.push('\n');
            }
            Node::Prompt(p) => {
                push_text(&p.children, s);
                s.push('\n');
            }
            Node::Alert(a) => {
                push_text(&a.children, s);
                s.push('\n');
            }
            // Questions and options are searchable; answers and feedback are not.
            Node::Quiz(q) => {
                for question in &q.questions {
                    push_text(&question.prompt, s);
                    s.push('\n');
                    for o in &question.options {
                        push_text(&o.label, s);
                        s.push('\n');
                    }
                }
            }
            other => {
                if let Some(children) = crate::markdown::tree::children(other) {
                    push_text(children, s);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn search_text_keeps_words_apart_and_leaves_out_facilitator_notes() {
        let doc =
            parse_page("## One\nTwo\nthree\n\n- four\n- five\n\n::: facilitator\nsecret\n:::\n");
        assert_eq!(
            doc.text().split_whitespace().collect::<Vec<_>>(),
            ["One", "Two", "three", "four", "five"]
        );
        // The reading time counts the same words.
        assert_eq!(doc.words, 5);
    }
}
