//! Search in the browser: a lesson is found by a word of its body from `file://` and
//! from an HTTP server at a sub-path, highlighted, and reached from the header box.

mod support;

use std::path::Path;

use support::browser::*;
use support::server::{StaticServer, PREFIX};
use support::*;

fn main() {
    let mut trials = browser_trials![
        search_finds_a_lesson_by_a_body_word_from_file_and_from_a_sub_path,
        search_across_shards_finds_a_word_only_in_the_last_of_2000_lessons
    ];
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

/// 2,000 lessons in modules of 100, each with words of its own, so the index has
/// many term shards and doc shards; only the last lesson has `zyzzyvaquux`.
fn two_thousand_lessons() -> Fixture {
    let f = Fixture::new();
    for m in 0..20 {
        f.module(&format!("{m:02}-m{m}"), &format!("Module {m}"));
        for k in 0..100 {
            let i = m * 100 + k;
            let own: String = (0..6).map(|w| format!(" lexeme{i}x{w}")).collect();
            let last = if i == 1999 { " zyzzyvaquux" } else { "" };
            f.write(
                &format!("content/{m:02}-m{m}/{k:03}-l{i}.md"),
                &format!("+++\ntitle = \"Lesson {i}\"\n+++\nShared words and{own}.{last}\n"),
            );
        }
    }
    f
}

async fn search_across_shards_finds_a_word_only_in_the_last_of_2000_lessons(chrome: Chrome) {
    let f = two_thousand_lessons();
    f.build_ok();
    let site = f.public();
    let shards = std::fs::read_dir(site.join("static/search"))
        .unwrap()
        .count();
    assert!(shards > 100, "{shards} shards");
    let server = StaticServer::start(&site);
    let lesson = "m19/l1999/index.html";
    for (search_page, lesson_url) in [
        (
            file_page(&site, "search/index.html"),
            file_page(&site, lesson),
        ),
        (server.url("search/index.html"), server.url(lesson)),
    ] {
        let (status, hits) = search(&chrome, &search_page, "zyzzyvaquux").await;
        assert_eq!(hits.len(), 1, "{search_page}: {status} {hits:?}");
        assert_eq!(hits[0].0, lesson_url, "{status}");
        assert_eq!(hits[0].2, ["zyzzyvaquux"], "highlighted in the snippet");
        // A prefix that spans many term shards finds every lesson that has it.
        let (status, hits) = search(&chrome, &search_page, "lexeme199").await;
        assert!(status.starts_with("11 lessons match"), "{status} {hits:?}");
    }
    let log = server.log.lock().unwrap().clone();
    assert!(log.iter().all(|t| t.starts_with(PREFIX)), "{log:?}");
    assert!(
        log.iter().any(|t| t.contains("static/search/t")),
        "the term shards were fetched: {log:?}"
    );
}

/// Measures what a first query loads on a big course, in Chromium over HTTP:
/// `TRELLIS_BENCH_SITE=<built site> TRELLIS_BENCH_WORD=<word> cargo test --release
/// --test search -- --ignored --nocapture search_benchmark` (bench/run.py runs it).
/// Prints one line: `first query: <bytes> bytes in <files> files, <hits>; index:
/// <bytes> bytes in <files> files`.
async fn search_benchmark(chrome: Chrome) {
    let (Ok(site), Ok(word)) = (
        std::env::var("TRELLIS_BENCH_SITE"),
        std::env::var("TRELLIS_BENCH_WORD"),
    ) else {
        eprintln!("set TRELLIS_BENCH_SITE to a built site and TRELLIS_BENCH_WORD to a word");
        return;
    };
    let site = Path::new(&site);
    let server = StaticServer::start(site);
    let page = open(
        &chrome,
        &format!("{}?q={}", server.url("search/index.html"), encode(&word)),
    )
    .await;
    let (status, _) = read_results(&page).await;
    // Every script the page loaded, by its size as served (uncompressed).
    let (bytes, files): (f64, usize) = js(
        &page,
        "(() => { const s = performance.getEntriesByType('resource').filter(e => /\\.js(\\?|$)/.test(e.name));
          return [s.reduce((n, e) => n + e.decodedBodySize, 0), s.length]; })()",
    )
    .await;
    page.close().await.unwrap();
    let mut index = std::fs::metadata(site.join("static/search-index.js"))
        .unwrap()
        .len();
    let mut shards = 1;
    for e in std::fs::read_dir(site.join("static/search")).unwrap() {
        index += e.unwrap().metadata().unwrap().len();
        shards += 1;
    }
    println!(
        "first query: {bytes:.0} bytes in {files} files, {status}; index: {index} bytes in {shards} files"
    );
}
