//! Search in the browser: a lesson is found by a word of its body from `file://` and
//! from an HTTP server at a sub-path, highlighted, and reached from the header box.

mod support;

use std::path::Path;

use support::browser::*;
use support::server::{StaticServer, PREFIX};
use support::*;

fn main() {
    let mut trials =
        browser_trials![search_finds_a_lesson_by_a_body_word_from_file_and_from_a_sub_path];
    trials.push(trial("search_benchmark", search_benchmark).with_ignored_flag(true));
    browser::main(trials);
}

async fn search_finds_a_lesson_by_a_body_word_from_file_and_from_a_sub_path(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    let lesson = lesson_pages(&site)[0].clone();
    let word = distinctive_word(&site, &lesson);
    let server = StaticServer::start(&site);
    for (search_page, lesson_url) in [
        (
            file_page(&site, "search/index.html"),
            file_page(&site, &lesson),
        ),
        (server.url("search/index.html"), server.url(&lesson)),
    ] {
        let (status, hits) = search(&chrome, &search_page, &word).await;
        assert!(!hits.is_empty(), "{search_page}?q={word}: {status}");
        assert_eq!(hits[0].0, lesson_url, "{word}: {status} {hits:?}");
        assert!(
            hits[0].2.iter().any(|m| m.to_lowercase() == word),
            "the word is highlighted: {hits:?}"
        );
        assert!(status.contains("match"), "{status}");
    }

    // From a lesson: "/" focuses the header search box; Enter opens the results.
    for lesson_url in [file_page(&site, LESSON), server.url(LESSON)] {
        let page = open(&chrome, &lesson_url).await;
        press(&page, "/").await;
        let focused: String = js(&page, "document.activeElement.id").await;
        assert_eq!(focused, "site-search", "{lesson_url}");
        let box_ = page.find_element("#site-search").await.unwrap();
        box_.type_str(&word).await.unwrap();
        box_.press_key("Enter").await.unwrap();
        page.wait_for_navigation().await.unwrap();
        let (status, hits) = read_results(&page).await;
        assert!(!hits.is_empty(), "{status}");
        let value: String = js(&page, "document.getElementById('search-input').value").await;
        assert_eq!(value, word);
        // The result link leads to the lesson.
        page.find_element("#search-results li a")
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for(&page, &format!("location.href === {:?}", hits[0].0)).await;
        page.close().await.unwrap();
    }
    let log = server.log.lock().unwrap().clone();
    assert!(log.iter().all(|t| t.starts_with(PREFIX)), "{log:?}");
}

/// Measures search on a big course: `TRELLIS_BENCH_COURSE=<course folder> cargo test
/// --release --test search -- --ignored --nocapture search_benchmark`.
async fn search_benchmark(chrome: Chrome) {
    let Ok(course) = std::env::var("TRELLIS_BENCH_COURSE") else {
        eprintln!("set TRELLIS_BENCH_COURSE to a course folder");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = trellis(
        Path::new(&course),
        &["build", "--quiet", "--output", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let index = std::fs::metadata(out.join("static/search-index.js"))
        .unwrap()
        .len();
    let mut load = Vec::new();
    let mut first = Vec::new();
    let mut lines = Vec::new();
    for round in 0..5 {
        let page = chrome
            .open(&file_page(&out, "search/index.html?q=allocator"))
            .await;
        wait_for(&page, "window.TRELLIS_SEARCH").await;
        // Deferred scripts run before DOMContentLoaded ends: the first results are
        // on the page by then (HTML, both scripts, the index, one search, rendering).
        first.push(
            js::<f64>(
                &page,
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd",
            )
            .await,
        );
        // Read, parse and run the index once more, timed from the page.
        let ms: f64 = js(
            &page,
            "new Promise(done => {
                const s = document.createElement('script');
                const t = performance.now();
                s.onload = () => done(performance.now() - t);
                s.src = document.querySelector('script[src*=\"search-index.js\"]').src + '?again=' + Math.random();
                document.head.appendChild(s);
            })",
        )
        .await;
        load.push(ms);
        if round == 0 {
            let timings: Vec<(String, usize, f64, f64)> = js(
                &page,
                "['allocator', 'mutex lock', 'schema', 're', 'co', 'iterator parser', 'lifetime closure buffer', 'unsafe pointer', 'nothingmatches']
                  .map(q => {
                    const input = document.getElementById('search-input');
                    input.value = q;
                    let t = performance.now();
                    for (let i = 0; i < 10; i++) input.form.requestSubmit();
                    const page = (performance.now() - t) / 10;
                    const tokens = TrellisSearch.tokenize(q).tokens;
                    t = performance.now();
                    for (let i = 0; i < 10; i++) TrellisSearch.search(TRELLIS_SEARCH, tokens);
                    const lookup = (performance.now() - t) / 10;
                    return [q, document.querySelectorAll('#search-results li').length, page, lookup];
                  })",
            )
            .await;
            for (q, n, ms, lookup) in timings {
                lines.push(format!(
                    "  {q:>24}: {n:>2} shown; {ms:6.2} ms per query with 50 snippets rendered, {lookup:5.2} ms for the lookup alone"
                ));
            }
        }
        page.close().await.unwrap();
    }
    load.sort_by(f64::total_cmp);
    first.sort_by(f64::total_cmp);
    eprintln!(
        "search index: {index} bytes; read + parse + run: median {:.0} ms of 5; \
         page opened to first results: median {:.0} ms\n{}",
        load[load.len() / 2],
        first[first.len() / 2],
        lines.join("\n")
    );
}
