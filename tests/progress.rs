//! Progress kept in localStorage: "mark as done" survives a reload and shows in the
//! outlines, the progress bar is weighted by minutes, and "continue" follows the learner.

mod support;

use chromiumoxide::Page;
use support::browser::*;
use support::*;

fn main() {
    browser::main(browser_trials![
        mark_as_done_survives_a_reload_and_shows_in_the_outline,
        progress_and_answers_survive_a_new_address_and_each_language_keeps_its_own
    ]);
}

async fn done_ids(page: &Page) -> Vec<String> {
    js(
        page,
        "Array.from(document.querySelectorAll('li.outline-lesson.done')).map(li => li.dataset.lessonId + ':' + li.textContent.includes('(done)'))",
    )
    .await
}

async fn mark_as_done_survives_a_reload_and_shows_in_the_outline(chrome: Chrome) {
    let f = progress_fixture();
    f.build_ok();
    let site = f.public();
    let beta = open(&chrome, &file_page(&site, "m/b/index.html")).await;
    let pressed = "document.getElementById('done-toggle').getAttribute('aria-pressed')";
    assert_eq!(js::<String>(&beta, pressed).await, "false");
    beta.find_element("#done-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(js::<String>(&beta, pressed).await, "true");
    let status: String = js(&beta, "document.getElementById('done-status').textContent").await;
    assert_eq!(status, "Lesson marked as done.");
    reload(&beta).await;
    assert_eq!(js::<String>(&beta, pressed).await, "true", "after a reload");
    assert_eq!(done_ids(&beta).await, ["m/b/:true"], "sidebar");

    let home = open(&chrome, &file_page(&site, "index.html")).await;
    assert_eq!(done_ids(&home).await, ["m/b/:true"], "home outline");
    let bar: (String, String) = js(
        &home,
        "[document.getElementById('progress-bar').getAttribute('aria-valuenow'), document.getElementById('progress-count').textContent]",
    )
    .await;
    // Weighted by minutes: 90 of 30 + 90 + 60 (Gamma has none: an average lesson).
    assert_eq!(bar.0, "50", "{bar:?}");
    assert!(bar.1.starts_with("1 of 3 lessons done"), "{bar:?}");
    // The one main button now continues with the last lesson opened.
    let cont: (usize, String, String) = js(
        &home,
        "[document.querySelectorAll('.hero .button-primary').length, document.getElementById('start-link').href, document.getElementById('start-link').textContent]",
    )
    .await;
    assert_eq!(cont.0, 1, "one main button");
    assert_eq!(cont.1, file_page(&site, "m/b/index.html"));
    assert_eq!(cont.2, "Continue: lesson 2", "{cont:?}");
    screenshot(&home, "learner-home-progress").await;
    home.close().await.unwrap();

    let module = open(&chrome, &file_page(&site, "m/index.html")).await;
    assert_eq!(done_ids(&module).await, ["m/b/:true"], "module outline");
    module.close().await.unwrap();

    // Visiting another lesson moves "continue"; pressing again un-marks.
    let gamma = open(&chrome, &file_page(&site, "m/c/index.html")).await;
    gamma.close().await.unwrap();
    beta.find_element("#done-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(js::<String>(&beta, pressed).await, "false");
    let home = open(&chrome, &file_page(&site, "index.html")).await;
    assert!(done_ids(&home).await.is_empty());
    let now: (String, String) = js(
        &home,
        "[document.getElementById('progress-bar').getAttribute('aria-valuenow'), document.getElementById('start-link').textContent]",
    )
    .await;
    assert_eq!(now.0, "0");
    assert_eq!(now.1, "Continue: lesson 3", "{now:?}");
}

async fn progress_and_answers_survive_a_new_address_and_each_language_keeps_its_own(
    chrome: Chrome,
) {
    let f = progress_fixture();
    f.write(
        "site.toml",
        "title = \"Progress\"\n\n[languages.es]\ntitle = \"Progreso\"\n",
    );
    f.write(
        "content/01-m/02-b.es.md",
        "+++\ntitle = \"Beta es\"\n+++\n::: worksheet\n[[lines 2]]\n:::\n",
    );
    f.write(
        "content/01-m/02-b.md",
        "+++\ntitle = \"Beta\"\nduration = 90\n+++\n::: worksheet\n[[lines 2]]\n:::\n",
    );
    f.build_ok();
    let first = f.public();
    let beta = open(&chrome, &file_page(&first, "m/b/index.html")).await;
    beta.find_element("#done-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let type_answer = "(() => { const t = document.querySelector('textarea[data-key]'); t.value = 'my answer'; t.dispatchEvent(new Event('input', {bubbles: true})); return true; })()";
    assert!(js::<bool>(&beta, type_answer).await);
    beta.close().await.unwrap();

    // The same course published at another address: the same lesson is done.
    let moved = f.root().join("elsewhere/site");
    copy_dir(&first, &moved);
    let state = "[document.getElementById('done-toggle').getAttribute('aria-pressed'), document.querySelector('textarea[data-key]').value]";
    let again = open(&chrome, &file_page(&moved, "m/b/index.html")).await;
    let got: (String, String) = js(&again, state).await;
    assert_eq!(
        got,
        ("true".to_string(), "my answer".to_string()),
        "after a move"
    );
    again.close().await.unwrap();

    // The Spanish edition of the lesson keeps its own.
    let es = open(&chrome, &file_page(&moved, "es/m/b/index.html")).await;
    let got: (String, String) = js(&es, state).await;
    assert_eq!(got, ("false".to_string(), String::new()), "Spanish");
}
