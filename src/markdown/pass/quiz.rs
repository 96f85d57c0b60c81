//! Quiz pass: a `::: quiz` block is read into typed questions. A question is a
//! paragraph followed by its answers: a task list (choice, or true/false when its
//! options are exactly True and False), a plain list of accepted answers (short
//! answer), or a nested `::: solution` (reflection, a model answer). A blockquote
//! under an option is that option's feedback; one after a short answer's list is
//! the question's.
//!
//! In: `Node::Block` of kind `Quiz`, with its children as parsed and the file
//! line of each top-level child. Out: `Node::Quiz`, and an error at its line for
//! a quiz without a question, a choice with no `[x]`, a short answer without
//! accepted answers, or a question left without answers.

use super::Found;
use crate::diag::Diagnostic;
use crate::markdown::tree::{
    text_of, walk_mut, Block, BlockKind, Ev, Node, Pos, Question, QuestionKind, Quiz, QuizOption,
    Tag, TagEnd,
};
use crate::markdown::Context;

/// The words a true/false option may be, folded: English and every bundled
/// catalogue's `quiz-true` / `quiz-false` (a test keeps this table in step).
pub const TRUE_WORDS: &[&str] = &[
    "true",
    "verdadero",
    "vrai",
    "wahr",
    "verdadeiro",
    "صحيح",
    "正确",
];
pub const FALSE_WORDS: &[&str] = &["false", "falso", "faux", "falsch", "خطأ", "خطا", "错误"];

pub fn read(nodes: &mut [Node], cx: &Context<'_>, found: &mut Found) {
    walk_mut(nodes, &mut |n| {
        let Node::Block(b) = n else { return };
        if b.kind != BlockKind::Quiz {
            return;
        }
        let quiz = match quiz(b) {
            Ok(q) => q,
            Err((line, message, help)) => {
                found
                    .diags
                    .push(Diagnostic::error(cx.shown, message).at(line, 1).help(help));
                Quiz {
                    id: String::new(),
                    key: String::new(),
                    questions: Vec::new(),
                    pos: b.pos,
                }
            }
        };
        *n = Node::Quiz(Box::new(quiz));
    });
}

type Problem = (usize, String, &'static str);

/// One top-level child of the quiz: a whole Markdown block, with its line.
struct Unit {
    nodes: Vec<Node>,
    line: usize,
}

fn units(b: &mut Block) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut depth = 0usize;
    let mut lines = b.lines.iter().copied();
    for n in std::mem::take(&mut b.children) {
        if depth == 0 {
            let line = lines.next().unwrap_or(b.pos.line);
            out.push(Unit {
                nodes: Vec::new(),
                line,
            });
        }
        match &n {
            Node::Ev(Ev::Start(_)) => depth += 1,
            Node::Ev(Ev::End(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(u) = out.last_mut() {
            u.nodes.push(n);
        }
    }
    out
}

/// The question being gathered: its paragraphs so far, then its answers.
struct Draft {
    prompt: Vec<Node>,
    line: usize,
    question: Option<Question>,
}

fn quiz(b: &mut Block) -> Result<Quiz, Problem> {
    let open = b.pos;
    let mut questions = Vec::new();
    let mut draft: Option<Draft> = None;
    for u in units(b) {
        let first = u.nodes.first();
        let list = match first {
            Some(Node::Ev(Ev::Start(Tag::List(_)))) => true,
            Some(Node::Block(inner)) if inner.kind == BlockKind::Solution => false,
            Some(Node::Ev(Ev::Start(Tag::BlockQuote(None)))) => {
                if let Some(Draft {
                    question: Some(q), ..
                }) = &mut draft
                {
                    q.feedback.extend(inner(u.nodes));
                    continue;
                }
                false
            }
            _ => {
                if let Some(Draft {
                    question: Some(q), ..
                }) = draft.take()
                {
                    questions.push(q);
                }
                let d = draft.get_or_insert(Draft {
                    prompt: Vec::new(),
                    line: u.line,
                    question: None,
                });
                d.prompt.extend(u.nodes);
                continue;
            }
        };
        let Some(d) = draft.as_mut().filter(|d| d.question.is_none()) else {
            return Err((
                u.line,
                "these answers have no question".into(),
                "write the question as a paragraph just above its answers",
            ));
        };
        let pos = Pos {
            line: d.line,
            col: 1,
        };
        let prompt = std::mem::take(&mut d.prompt);
        d.question = Some(if list {
            answers(prompt, u.nodes, pos, u.line)?
        } else {
            reflection(prompt, u.nodes, pos)
        });
    }
    match draft {
        Some(Draft {
            question: Some(q), ..
        }) => questions.push(q),
        Some(d) if !questions.is_empty() || !d.prompt.is_empty() => {
            return Err((
                d.line,
                "this quiz question has no answers".into(),
                "follow it with a task list (`- [x] right`, `- [ ] wrong`), a list of accepted answers, or a nested `::: solution`",
            ))
        }
        _ => {}
    }
    if questions.is_empty() {
        return Err((
            open.line,
            "quiz without a question".into(),
            "a question is a paragraph followed by its answers: `- [x] right` and `- [ ] wrong`",
        ));
    }
    Ok(Quiz {
        id: String::new(),
        key: String::new(),
        questions,
        pos: open,
    })
}

/// The nodes inside a unit's outer start and end events.
fn inner(mut nodes: Vec<Node>) -> Vec<Node> {
    if nodes.len() >= 2 {
        nodes.pop();
        nodes.remove(0);
    }
    nodes
}

fn reflection(prompt: Vec<Node>, nodes: Vec<Node>, pos: Pos) -> Question {
    let model = match nodes.into_iter().next() {
        Some(Node::Block(b)) => b.children,
        _ => Vec::new(),
    };
    question(QuestionKind::Reflection, prompt, Vec::new(), model, pos)
}

fn question(
    kind: QuestionKind,
    prompt: Vec<Node>,
    options: Vec<QuizOption>,
    feedback: Vec<Node>,
    pos: Pos,
) -> Question {
    Question {
        kind,
        text: text_of(&prompt).trim().to_string(),
        prompt,
        options,
        accepted: Vec::new(),
        feedback,
        pos,
    }
}

/// A list's items: choice options, or (no task markers) accepted answers.
fn answers(prompt: Vec<Node>, list: Vec<Node>, pos: Pos, line: usize) -> Result<Question, Problem> {
    let items = items(inner(list));
    let tasks = items.iter().filter(|o| o.truth.is_some()).count();
    if tasks == 0 {
        let accepted: Vec<String> = items
            .iter()
            .map(|o| o.text.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if accepted.is_empty() {
            return Err((
                line,
                "short answer without accepted answers".into(),
                "list the answers to accept, one per line: `- calm`",
            ));
        }
        let mut q = question(QuestionKind::Short, prompt, Vec::new(), Vec::new(), pos);
        q.accepted = accepted;
        return Ok(q);
    }
    // `truth` held "is a task" while reading; now it says True or False.
    let mut options: Vec<QuizOption> = items;
    for o in &mut options {
        o.truth = None;
    }
    let right = options.iter().filter(|o| o.correct).count();
    if right == 0 {
        return Err((
            line,
            "choice question with no right answer".into(),
            "mark every right option with `[x]`: `- [x] Staying close`",
        ));
    }
    let kind = if let Some(words) = true_false(&options).filter(|_| right == 1) {
        for (o, w) in options.iter_mut().zip(words) {
            o.truth = Some(w);
        }
        QuestionKind::TrueFalse
    } else if right == 1 {
        QuestionKind::Single
    } else {
        QuestionKind::Multiple
    };
    Ok(question(kind, prompt, options, Vec::new(), pos))
}

/// `[true, false]` (in the options' order) when the options are exactly True and False.
fn true_false(options: &[QuizOption]) -> Option<Vec<bool>> {
    if options.len() != 2 {
        return None;
    }
    let words: Vec<bool> = options
        .iter()
        .filter_map(|o| {
            let w = crate::text::fold(o.text.trim().trim_end_matches('.'));
            if TRUE_WORDS.contains(&w.as_str()) {
                Some(true)
            } else if FALSE_WORDS.contains(&w.as_str()) {
                Some(false)
            } else {
                None
            }
        })
        .collect();
    (words.len() == 2 && words[0] != words[1]).then_some(words)
}

/// The items of a list, each split into its label and its feedback quote;
/// `truth` is `Some` for a task item while reading.
fn items(nodes: Vec<Node>) -> Vec<QuizOption> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Vec<Node> = Vec::new();
    for n in nodes {
        match &n {
            Node::Ev(Ev::Start(Tag::Item)) if depth == 0 => {
                depth = 1;
                current.clear();
                continue;
            }
            Node::Ev(Ev::End(TagEnd::Item)) if depth == 1 => {
                depth = 0;
                out.push(option(std::mem::take(&mut current)));
                continue;
            }
            Node::Ev(Ev::Start(_)) => depth += 1,
            Node::Ev(Ev::End(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(n);
    }
    out
}

fn option(nodes: Vec<Node>) -> QuizOption {
    let mut o = QuizOption {
        correct: false,
        label: Vec::new(),
        text: String::new(),
        feedback: Vec::new(),
        truth: None,
    };
    let mut depth = 0usize;
    let mut quote = false;
    for n in nodes {
        match &n {
            Node::Ev(Ev::TaskListMarker(checked)) => {
                o.correct = *checked;
                o.truth = Some(*checked);
                continue;
            }
            Node::Ev(Ev::Start(Tag::BlockQuote(_))) if depth == 0 => {
                quote = true;
                depth += 1;
                continue;
            }
            Node::Ev(Ev::End(TagEnd::BlockQuote(_))) if depth == 1 && quote => {
                quote = false;
                depth = 0;
                continue;
            }
            // A loose list wraps the label in a paragraph: the theme writes it inline.
            Node::Ev(Ev::Start(Tag::Paragraph) | Ev::End(TagEnd::Paragraph)) if depth == 0 => {
                continue
            }
            Node::Ev(Ev::Start(_)) => depth += 1,
            Node::Ev(Ev::End(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if quote {
            o.feedback.push(n);
        } else {
            o.label.push(n);
        }
    }
    o.text = text_of(&o.label).trim().to_string();
    o
}

#[cfg(test)]
mod tests;
