//! A quiz to HTML through the theme: `markdown/quiz.html` for the quiz itself
//! (on the page, in print, in the packet) and `markdown/quiz-answers.html` for its
//! answers alone (the packet's answer key, the facilitator guide).
//!
//! In: a [`Quiz`] and the [`BodyCx`] it is written for. Out: HTML. With
//! `cx.solutions` or `cx.quiz_answers` false (print with `solutions = "omit"` or `"answer-key"`) no
//! answer and no feedback is written.

use serde::Serialize;

use super::body::{self, BodyCx};
use super::Templates;
use crate::diag::Diagnostic;
use crate::markdown::tree::{Ev, Node, QuestionKind, Quiz, Tag, TagEnd};

#[derive(Serialize)]
struct QuizView {
    id: String,
    key: String,
    /// Answers and feedback are written (the page, or print with inline solutions).
    answers: bool,
    questions: Vec<QuestionView>,
}

#[derive(Serialize)]
struct QuestionView {
    kind: QuestionKind,
    /// Id of the question's fieldset; its inputs' ids start with it.
    id: String,
    /// The question, paragraphs joined for a `legend`.
    prompt: String,
    options: Vec<OptionView>,
    /// Short answer: the accepted answers as written, and folded for the script.
    accepted: Vec<String>,
    accept: Vec<String>,
    /// Short answer's feedback, or a reflection's model answer.
    feedback: String,
}

#[derive(Serialize)]
struct OptionView {
    label: String,
    correct: bool,
    feedback: String,
    truth: Option<bool>,
}

/// The quiz as learners answer it (or print it).
pub fn html(q: &Quiz, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    t.render("markdown/quiz.html", &view(q, cx, t)?)
}

/// The quiz's answers and feedback alone, for an answer key or the guide.
pub fn answers_html(q: &Quiz, cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let cx = BodyCx {
        solutions: true,
        quiz_answers: true,
        ..*cx
    };
    t.render("markdown/quiz-answers.html", &view(q, &cx, t)?)
}

fn view(q: &Quiz, cx: &BodyCx<'_>, t: &Templates) -> Result<QuizView, Diagnostic> {
    let answers = cx.solutions && cx.quiz_answers;
    let id = cx.id(&q.id);
    let mut questions = Vec::with_capacity(q.questions.len());
    for (n, question) in q.questions.iter().enumerate() {
        let mut options = Vec::with_capacity(question.options.len());
        for o in &question.options {
            options.push(OptionView {
                label: inline(&o.label, cx, t)?,
                correct: answers && o.correct,
                feedback: if answers {
                    body::html(&o.feedback, cx, t)?
                } else {
                    String::new()
                },
                truth: o.truth,
            });
        }
        let shown = |v: &Vec<String>| if answers { v.clone() } else { Vec::new() };
        questions.push(QuestionView {
            kind: question.kind,
            id: format!("{id}-q{}", n + 1),
            prompt: inline(&question.prompt, cx, t)?,
            options,
            accepted: shown(&question.accepted),
            accept: shown(&question.accepted)
                .iter()
                .map(|a| crate::text::fold(a.trim()))
                .collect(),
            feedback: if answers {
                body::html(&question.feedback, cx, t)?
            } else {
                String::new()
            },
        });
    }
    Ok(QuizView {
        id,
        key: q.key.clone(),
        answers,
        questions,
    })
}

/// Nodes written without their paragraphs (a `legend` or `label` holds phrasing
/// content only); paragraphs after the first are set apart by a line break.
fn inline(nodes: &[Node], cx: &BodyCx<'_>, t: &Templates) -> Result<String, Diagnostic> {
    let mut kept: Vec<Node> = Vec::with_capacity(nodes.len());
    let mut paragraphs = 0;
    for n in nodes {
        match n {
            Node::Ev(Ev::Start(Tag::Paragraph)) => {
                if paragraphs > 0 {
                    kept.push(Node::Ev(Ev::HardBreak));
                }
                paragraphs += 1;
            }
            Node::Ev(Ev::End(TagEnd::Paragraph)) => {}
            other => kept.push(other.clone()),
        }
    }
    Ok(body::html(&kept, cx, t)?.trim().to_string())
}
