use crate::markdown::test_support::parse_page;
use crate::markdown::tree::{walk, Node, QuestionKind, Quiz};
use crate::markdown::Doc;

fn quizzes(nodes: &[Node]) -> Vec<Quiz> {
    let mut out = Vec::new();
    walk(nodes, &mut |n| {
        if let Node::Quiz(q) = n {
            out.push((**q).clone());
        }
    });
    out
}

fn one(src: &str) -> Quiz {
    let doc = parse_page(src);
    assert!(doc.diags.is_empty(), "{:?}", doc.diags);
    let mut q = quizzes(&doc.body);
    assert_eq!(q.len(), 1, "{:?}", doc.body);
    q.remove(0)
}

fn error(src: &str) -> (String, usize) {
    let doc: Doc = parse_page(src);
    assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
    (doc.diags[0].message.clone(), doc.diags[0].line.unwrap_or(0))
}

const SINGLE: &str = "Intro.\n\n::: quiz\nYour toddler melts down at the shop. What helps first?\n\n- [ ] Explaining why the rule is fair\n- [x] Staying close and naming the feeling\n  > Yes: calm presence first, words later.\n- [ ] Walking away until the crying stops\n:::\n";

#[test]
fn single_choice_has_one_right_option_and_its_feedback() {
    let q = one(SINGLE);
    assert_eq!(q.id, "quiz");
    assert_eq!(q.key, "m/l/#quiz");
    let question = &q.questions[0];
    assert_eq!(question.kind, QuestionKind::Single);
    assert_eq!(
        question.text,
        "Your toddler melts down at the shop. What helps first?"
    );
    let right: Vec<_> = question.options.iter().map(|o| o.correct).collect();
    assert_eq!(right, [false, true, false]);
    assert_eq!(
        question.options[1].text,
        "Staying close and naming the feeling"
    );
    assert_eq!(
        crate::markdown::tree::text_of(&question.options[1].feedback).trim(),
        "Yes: calm presence first, words later."
    );
    assert!(question.options[0].feedback.is_empty());
}

#[test]
fn several_checked_options_make_multiple_choice() {
    let q = one("::: quiz\nWhich help?\n\n- [x] A\n- [x] B\n- [ ] C\n:::\n");
    assert_eq!(q.questions[0].kind, QuestionKind::Multiple);
}

#[test]
fn true_and_false_in_english_or_spanish_make_a_true_false_question() {
    for (t, f) in [("True", "False"), ("verdadero", "FALSO")] {
        let q = one(&format!(
            "::: quiz\nBabies can be spoiled by comfort.\n\n- [ ] {t}\n- [x] {f}\n  > Comfort builds trust.\n:::\n"
        ));
        let question = &q.questions[0];
        assert_eq!(question.kind, QuestionKind::TrueFalse);
        let truth: Vec<_> = question.options.iter().map(|o| o.truth).collect();
        assert_eq!(truth, [Some(true), Some(false)]);
    }
}

#[test]
fn a_plain_list_is_short_answer_with_feedback_after_it() {
    let q = one("::: quiz\nOne word for how you want to feel?\n\n- calm\n- Steady\n\n> Either is fine.\n:::\n");
    let question = &q.questions[0];
    assert_eq!(question.kind, QuestionKind::Short);
    assert_eq!(question.accepted, ["calm", "Steady"]);
    assert_eq!(
        crate::markdown::tree::text_of(&question.feedback).trim(),
        "Either is fine."
    );
}

#[test]
fn a_nested_solution_makes_a_reflection_with_plain_or_longer_fences() {
    for (open, close) in [("::::", "::::"), (":::", ":::")] {
        let q = one(&format!(
            "{open} quiz\nWhat would you say next time?\n\n::: solution\nSomething like: I am here.\n:::\n{close}\n"
        ));
        let question = &q.questions[0];
        assert_eq!(question.kind, QuestionKind::Reflection);
        assert_eq!(
            crate::markdown::tree::text_of(&question.feedback).trim(),
            "Something like: I am here."
        );
    }
}

#[test]
fn the_next_paragraph_followed_by_answers_starts_the_next_question() {
    let q = one("::: quiz\nFirst?\n\n- [x] a\n- [ ] b\n\nSecond?\n\n- yes\n\nThird?\n\n::: solution\nmodel\n:::\n:::\n");
    let kinds: Vec<_> = q.questions.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            QuestionKind::Single,
            QuestionKind::Short,
            QuestionKind::Reflection
        ]
    );
    let texts: Vec<_> = q.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["First?", "Second?", "Third?"]);
}

#[test]
fn quiz_without_a_question_is_an_error_at_its_line() {
    assert_eq!(
        error("Text.\n\n::: quiz\n:::\n"),
        ("quiz without a question".to_string(), 3)
    );
}

#[test]
fn choice_without_a_right_answer_is_an_error_at_the_list() {
    assert_eq!(
        error("::: quiz\nWhich?\n\n- [ ] a\n- [ ] b\n:::\n"),
        ("choice question with no right answer".to_string(), 4)
    );
}

#[test]
fn short_answer_without_accepted_answers_is_an_error_at_the_list() {
    assert_eq!(
        error("::: quiz\nWhich?\n\n-\n-\n:::\n"),
        ("short answer without accepted answers".to_string(), 4)
    );
}

#[test]
fn a_question_left_without_answers_is_an_error_at_its_line() {
    assert_eq!(
        error("::: quiz\nFirst?\n\n- [x] a\n\nSecond, with nothing after?\n:::\n"),
        ("this quiz question has no answers".to_string(), 6)
    );
}

#[test]
fn a_quiz_in_a_facilitator_block_is_only_in_the_notes() {
    let doc = parse_page(&format!("Hello.\n\n::: facilitator\n{SINGLE}:::\n"));
    assert!(doc.diags.is_empty(), "{:?}", doc.diags);
    assert!(quizzes(&doc.body).is_empty());
    assert!(!doc.text().contains("toddler"), "{}", doc.text());
    let in_notes: usize = doc.notes.iter().map(|n| quizzes(n).len()).sum();
    assert_eq!(in_notes, 1);
}

#[test]
fn feedback_and_answers_stay_out_of_the_search_text() {
    let doc = parse_page(SINGLE);
    assert!(doc.text().contains("toddler"), "{}", doc.text());
    assert!(doc.text().contains("Staying close"), "{}", doc.text());
    assert!(!doc.text().contains("calm presence"), "{}", doc.text());
}

#[test]
fn the_true_false_words_are_every_catalogues() {
    let catalogues = crate::render::theme::EMBEDDED
        .iter()
        .filter(|(path, _)| path.starts_with("i18n/"));
    for (lang, ftl) in catalogues {
        for (key, words) in [
            ("quiz-true", super::TRUE_WORDS),
            ("quiz-false", super::FALSE_WORDS),
        ] {
            let line = ftl
                .lines()
                .find_map(|l| l.strip_prefix(key).and_then(|r| r.trim().strip_prefix('=')))
                .unwrap_or_else(|| panic!("{lang}: no {key}"));
            let w = crate::text::fold(line.trim());
            assert!(words.contains(&w.as_str()), "{lang}: {key} = {w}");
        }
    }
}
