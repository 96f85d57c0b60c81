//! Self-check quizzes: answered in the browser (feedback, try again, saved answers,
//! reset, keyboard, axe), printed without answers or with an answer key, listed in
//! the facilitator guide, exported as QTI 2.1, and their mistakes are build errors.
//! One Chromium for every browser trial; the fixture (tests/fixtures/quiz) is built
//! once per print mode.

mod support;

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use chromiumoxide::Page;
use scraper::Html;
use support::browser::*;
use support::*;

fn main() {
    let mut trials = plain_trials![
        packet_answer_key_lists_quiz_answers_with_solutions_answer_key,
        learner_pages_print_no_answers_with_solutions_omit,
        facilitator_guide_lists_every_quiz_with_its_answers,
        facilitator_only_quiz_stays_out_of_learner_pages_search_and_qti,
        qti_export_of_the_bundled_course_parses_with_one_item_per_question,
        choice_without_a_right_answer_fails_the_build_at_its_line,
        quiz_without_a_question_fails_the_build_at_its_line,
    ];
    trials.extend(browser_trials![
        single_choice_wrong_shows_feedback_and_try_again_right_is_marked_correct,
        multiple_choice_needs_every_right_option,
        short_answer_accepts_case_spaces_and_accents,
        answers_and_scores_survive_a_reload_and_reset_clears_them,
        quiz_page_has_no_axe_violations,
        quiz_is_keyboard_operable,
    ]);
    browser::main(trials);
}

/// The fixture course with `[print] solutions = mode`.
fn quiz_fixture(mode: &str) -> Fixture {
    let f = Fixture::new();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiz");
    copy_dir(&from, f.root());
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &toml.replace("\"answer-key\"", &format!("\"{mode}\"")),
    );
    f
}

fn answer_key_site() -> &'static Fixture {
    static CELL: OnceLock<Fixture> = OnceLock::new();
    built_once(&CELL, || quiz_fixture("answer-key"))
}

fn omit_site() -> &'static Fixture {
    static CELL: OnceLock<Fixture> = OnceLock::new();
    built_once(&CELL, || quiz_fixture("omit"))
}

const LESSON: &str = "care/calm/index.html";
const RIGHT: &str = "Staying close and naming the feeling";
const FEEDBACK: &str = "calm presence first";

fn count(doc: &Html, s: &str) -> usize {
    doc.select(&sel(s)).count()
}

fn packet_answer_key_lists_quiz_answers_with_solutions_answer_key() {
    let packet = answer_key_site().page("worksheets/index.html");
    let contents = texts(&packet, ".packet-contents li");
    let quiz_entry = contents.iter().position(|t| t.starts_with("Self-check"));
    let sheet_entry = contents.iter().position(|t| t.starts_with("My calm plan"));
    assert!(
        matches!((sheet_entry, quiz_entry), (Some(s), Some(q)) if q == s + 1),
        "the quiz follows its lesson's worksheet in the contents: {contents:?}"
    );
    assert_eq!(count(&packet, "#quiz-1 fieldset.quiz-question"), 5);
    assert_eq!(count(&packet, "#quiz-1 [data-right]"), 0);
    assert_eq!(count(&packet, "#quiz-1 .quiz-answer"), 0);
    let sheet = texts(&packet, "#quiz-1").join(" ");
    assert!(!sheet.contains(FEEDBACK), "{sheet}");
    let key = texts(&packet, "#quiz-answers-1").join(" ");
    for answer in [
        RIGHT,
        FEEDBACK,
        "A quiet voice",
        "Being near",
        "False",
        "calm",
        "steady",
        "We will get through this together",
    ] {
        assert!(
            key.contains(answer),
            "{answer} missing from the answer key: {key}"
        );
    }
    assert!(!key.contains("A long lecture"), "{key}");
}

fn learner_pages_print_no_answers_with_solutions_omit() {
    let site = omit_site();
    for page in ["print/index.html", "worksheets/index.html"] {
        let doc = site.page(page);
        assert!(count(&doc, "section.quiz") >= 1, "{page} prints the quiz");
        assert_eq!(count(&doc, "section.quiz [data-right]"), 0, "{page}");
        assert_eq!(count(&doc, "section.quiz .quiz-answer"), 0, "{page}");
        assert_eq!(count(&doc, "section.quiz .quiz-feedback"), 0, "{page}");
        assert_eq!(count(&doc, "#answer-key"), 0, "{page}");
        let text = texts(&doc, "main").join(" ");
        assert!(!text.contains(FEEDBACK), "{page}: {text}");
        assert!(text.contains(RIGHT), "{page}: the options are printed");
    }
    // On the web the answer stays, behind a <details>, for readers without scripts.
    let lesson = site.page(LESSON);
    assert_eq!(count(&lesson, "details.quiz-answer"), 5);
}

fn facilitator_guide_lists_every_quiz_with_its_answers() {
    let guide = answer_key_site().page("facilitator/index.html");
    let quizzes = texts(&guide, ".guide-quiz").join(" ");
    assert!(quizzes.contains(RIGHT), "{quizzes}");
    assert!(quizzes.contains(FEEDBACK), "{quizzes}");
    assert!(quizzes.contains("steady"), "{quizzes}");
    // The facilitator-only quiz is in the guide's notes, with its answer.
    assert!(
        texts(&guide, "main").join(" ").contains("Secretanswer"),
        "the facilitator-only quiz shows in the guide"
    );
}

fn facilitator_only_quiz_stays_out_of_learner_pages_search_and_qti() {
    let site = answer_key_site();
    let lesson = site.page(LESSON);
    assert_eq!(count(&lesson, "section.quiz"), 1);
    assert!(!texts(&lesson, "body").join(" ").contains("Secret"));
    let index = search_index_text(&site.public());
    assert!(!index.contains("Secretanswer"));
    assert!(!index.contains(FEEDBACK), "feedback stays out of search");
    assert!(index.contains("melts down"), "questions are searchable");
    let items = qti_items(&site.public());
    assert_eq!(items.len(), 5, "one item per learner question");
    assert!(items.iter().all(|(_, xml)| !xml.contains("Secret")));
}

/// Every item file of a site's QTI package: (name, XML).
fn qti_items(site: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(site.join("export/qti/quizzes.zip")).expect("the QTI zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    for k in 0..zip.len() {
        let mut file = zip.by_index(k).unwrap();
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        out.push((file.name().to_string(), xml));
    }
    out.retain(|(name, _)| name.starts_with("items/"));
    out
}

/// Element names with their attributes, and text, of one XML document, in order;
/// panics when it is not well-formed.
/// An element: its name, its attributes, and the text inside it (or after it).
type Element = (String, Vec<(String, String)>, String);

fn xml_facts(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Element> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = a.value.to_string();
                        (
                            a.key.as_ref().to_string(),
                            quick_xml::escape::unescape(&value).unwrap().into_owned(),
                        )
                    })
                    .collect();
                let name = e.name().as_ref().to_string();
                out.push((name, attrs, String::new()));
            }
            Event::Text(t) => {
                if let Some(last) = out.last_mut() {
                    last.2.push_str(&t.xml10_content());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn qti_export_of_the_bundled_course_parses_with_one_item_per_question() {
    let site = shared_bundled_site();
    let questions: usize = lesson_pages(site)
        .iter()
        .filter(|p| !p.starts_with("es/"))
        .map(|p| count(&page(&site.join(p)), "section.quiz fieldset.quiz-question"))
        .sum();
    assert!(
        questions >= 21,
        "3 or more questions in each of 7 lessons: {questions}"
    );
    let items = qti_items(site);
    assert_eq!(items.len(), questions, "one assessmentItem per question");
    for (name, xml) in &items {
        let facts = xml_facts(xml);
        let roots: Vec<_> = facts.iter().filter(|f| f.0 == "assessmentItem").collect();
        assert_eq!(roots.len(), 1, "{name}");
        let decl = facts
            .iter()
            .find(|f| f.0 == "responseDeclaration")
            .unwrap_or_else(|| panic!("{name}: no responseDeclaration"));
        let base = decl.1.iter().find(|a| a.0 == "baseType").unwrap().1.clone();
        let values: Vec<&str> = facts
            .iter()
            .skip_while(|f| f.0 != "correctResponse")
            .take_while(|f| f.0 != "outcomeDeclaration")
            .filter(|f| f.0 == "value")
            .map(|f| f.2.trim())
            .collect();
        if facts.iter().any(|f| f.0 == "extendedTextInteraction") {
            continue; // a reflection: no right answer
        }
        assert!(!values.is_empty(), "{name}: no correctResponse");
        if base == "identifier" {
            let choices: Vec<&str> = facts
                .iter()
                .filter(|f| f.0 == "simpleChoice")
                .map(|f| f.1.iter().find(|a| a.0 == "identifier").unwrap().1.as_str())
                .collect();
            assert!(
                values.iter().all(|v| choices.contains(v)),
                "{name}: {values:?} not among {choices:?}"
            );
        }
    }
}

fn choice_without_a_right_answer_fails_the_build_at_its_line() {
    fails_and_keeps_output(
        |f| {
            f.lesson(
                "content/01-m/02-b.md",
                "B",
                "Text.\n\n::: quiz\nWhich?\n\n- [ ] a\n- [ ] b\n:::\n",
            );
        },
        &["content/01-m/02-b.md:12:1: error: choice question with no right answer"],
    );
}

fn quiz_without_a_question_fails_the_build_at_its_line() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/02-b.md", "B", "Text.\n\n::: quiz\n:::\n");
        },
        &["content/01-m/02-b.md:9:1: error: quiz without a question"],
    );
}

// ---------- in the browser ----------

async fn lesson(chrome: &Chrome) -> Page {
    open(chrome, &file_page(&answer_key_site().public(), LESSON)).await
}

async fn click(page: &Page, selector: &str) {
    page.find_element(selector)
        .await
        .unwrap_or_else(|_| panic!("no {selector}"))
        .click()
        .await
        .unwrap();
}

async fn status(page: &Page, q: &str) -> String {
    js(
        page,
        &format!("document.querySelector('#{q} .quiz-status').textContent"),
    )
    .await
}

async fn visible(page: &Page, selector: &str) -> bool {
    js(
        page,
        &format!("(function(e){{return !!e && !e.hidden && e.offsetParent !== null}})(document.querySelector('{selector}'))"),
    )
    .await
}

async fn single_choice_wrong_shows_feedback_and_try_again_right_is_marked_correct(chrome: Chrome) {
    let page = lesson(&chrome).await;
    click(&page, "#quiz-q1-1").await;
    click(&page, "#quiz-q1 [data-quiz-check]").await;
    let said = status(&page, "quiz-q1").await;
    assert!(said.starts_with("Not quite"), "{said}");
    assert!(
        said.contains("Reasons can wait"),
        "the option's feedback is announced: {said}"
    );
    assert!(visible(&page, "#quiz-q1 li:nth-child(1) .quiz-feedback").await);
    assert!(
        visible(&page, "#quiz-q1 [data-quiz-retry]").await,
        "try again"
    );
    let mark: String = js(
        &page,
        "document.querySelector('#quiz-q1 li:nth-child(1) .quiz-mark').textContent",
    )
    .await;
    assert!(
        mark.contains("not right"),
        "a word, not colour alone: {mark}"
    );

    click(&page, "#quiz-q1 [data-quiz-retry]").await;
    assert_eq!(status(&page, "quiz-q1").await, "");
    assert!(!js::<bool>(&page, "document.getElementById('quiz-q1-1').checked").await);
    click(&page, "#quiz-q1-2").await;
    click(&page, "#quiz-q1 [data-quiz-check]").await;
    let said = status(&page, "quiz-q1").await;
    assert!(said.starts_with("Correct."), "{said}");
    assert!(said.contains(FEEDBACK), "{said}");
    assert!(
        js::<bool>(
            &page,
            "document.querySelector('#quiz-q1 li:nth-child(2)').classList.contains('is-right')"
        )
        .await
    );
    assert!(!visible(&page, "#quiz-q1 [data-quiz-retry]").await);
}

async fn multiple_choice_needs_every_right_option(chrome: Chrome) {
    let page = lesson(&chrome).await;
    click(&page, "#quiz-q2-1").await;
    click(&page, "#quiz-q2 [data-quiz-check]").await;
    assert!(status(&page, "quiz-q2")
        .await
        .starts_with("Some of your choices"));
    click(&page, "#quiz-q2-2").await;
    click(&page, "#quiz-q2 [data-quiz-check]").await;
    assert!(status(&page, "quiz-q2").await.starts_with("Correct."));
    click(&page, "#quiz-q2-3").await;
    click(&page, "#quiz-q2 [data-quiz-check]").await;
    assert!(status(&page, "quiz-q2").await.starts_with("Not quite"));
}

async fn short_answer_accepts_case_spaces_and_accents(chrome: Chrome) {
    let page = lesson(&chrome).await;
    for typed in ["Calm", "calm ", "cálm", "  STEADY"] {
        let set = format!("document.getElementById('quiz-q4-answer').value = {typed:?}");
        js::<String>(&page, &set).await;
        click(&page, "#quiz-q4 [data-quiz-check]").await;
        let said = status(&page, "quiz-q4").await;
        assert!(said.starts_with("Correct."), "{typed:?}: {said}");
        assert!(said.contains("slow down"), "the feedback: {said}");
    }
    js::<String>(
        &page,
        "document.getElementById('quiz-q4-answer').value = 'angry'",
    )
    .await;
    click(&page, "#quiz-q4 [data-quiz-check]").await;
    assert!(status(&page, "quiz-q4")
        .await
        .starts_with("That is not one"));
}

async fn answers_and_scores_survive_a_reload_and_reset_clears_them(chrome: Chrome) {
    let page = lesson(&chrome).await;
    click(&page, "#quiz-q1-2").await;
    click(&page, "#quiz-q1 [data-quiz-check]").await;
    click(&page, "#quiz-q3-2").await;
    click(&page, "#quiz-q3 [data-quiz-check]").await;
    js::<String>(
        &page,
        "document.getElementById('quiz-q5-answer').value = 'I am here'",
    )
    .await;
    click(&page, "#quiz-q5 [data-quiz-check]").await;
    assert!(
        visible(&page, "#quiz-q5 .quiz-answer").await,
        "the model answer to compare"
    );
    reload(&page).await;
    assert!(js::<bool>(&page, "document.getElementById('quiz-q1-2').checked").await);
    assert!(status(&page, "quiz-q1").await.starts_with("Correct."));
    assert_eq!(
        js::<String>(&page, "document.getElementById('quiz-q5-answer').value").await,
        "I am here"
    );
    let score: String = js(
        &page,
        "document.querySelector('#quiz .quiz-score').textContent",
    )
    .await;
    assert_eq!(score, "2 of 4 right");
    // Answering never marks the lesson done; the outline shows the score beside it.
    assert_eq!(
        js::<String>(
            &page,
            "document.getElementById('done-toggle').getAttribute('aria-pressed')"
        )
        .await,
        "false"
    );
    let home = open(
        &chrome,
        &file_page(&answer_key_site().public(), "index.html"),
    )
    .await;
    let note: String = js(&home, "document.querySelector('li.outline-lesson[data-lesson-id=\"care/calm/\"] .quiz-note').textContent").await;
    assert_eq!(note, "2 of 4 right");
    let line: String = js(
        &home,
        "document.getElementById('quiz-progress').textContent",
    )
    .await;
    assert_eq!(line, "Self-checks: 2 of 4 right");
    home.close().await.unwrap();

    js::<bool>(&page, "(window.confirm = () => true, true)").await;
    click(&page, "#quiz [data-quiz-reset]").await;
    reload(&page).await;
    assert!(!js::<bool>(&page, "document.getElementById('quiz-q1-2').checked").await);
    assert_eq!(status(&page, "quiz-q1").await, "");
    assert_eq!(
        js::<String>(
            &page,
            "document.querySelector('#quiz .quiz-score').textContent"
        )
        .await,
        ""
    );
}

async fn quiz_page_has_no_axe_violations(chrome: Chrome) {
    let page = lesson(&chrome).await;
    click(&page, "#quiz-q1-1").await;
    click(&page, "#quiz-q1 [data-quiz-check]").await;
    let found = axe_violations(&page).await;
    assert!(found.is_empty(), "{}", found.join("\n"));
}

async fn quiz_is_keyboard_operable(chrome: Chrome) {
    let page = lesson(&chrome).await;
    let first = page.find_element("#quiz-q1-1").await.unwrap();
    first.focus().await.unwrap();
    first.press_key("ArrowDown").await.unwrap();
    assert!(js::<bool>(&page, "document.getElementById('quiz-q1-2').checked").await);
    let check = page
        .find_element("#quiz-q1 [data-quiz-check]")
        .await
        .unwrap();
    check.focus().await.unwrap();
    check.press_key("Enter").await.unwrap();
    wait_for(
        &page,
        "document.querySelector('#quiz-q1 .quiz-status').textContent !== ''",
    )
    .await;
    assert!(status(&page, "quiz-q1").await.starts_with("Correct."));
    // Every control of the quiz is reachable with Tab (none taken out of the order).
    let unreachable: Vec<String> = js(
        &page,
        "Array.from(document.querySelectorAll('#quiz input, #quiz textarea, #quiz button:not([hidden])')).filter(e => e.tabIndex < 0).map(e => e.outerHTML)",
    )
    .await;
    assert!(unreachable.is_empty(), "{unreachable:?}");
}
