//! Browser tests of the learner's experience (issue 6): search from `file://` and
//! from an HTTP server at a sub-path, accented and CJK search, progress kept in
//! localStorage, the theme toggle, axe-core (WCAG 2.1 AA) on every page type in light
//! and dark mode, keyboard focus, small screens, metadata and no outside requests.

mod support;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams, SetScriptExecutionDisabledParams,
};
use chromiumoxide::cdp::browser_protocol::network::EventRequestWillBeSent;
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::page::MediaTypeParams;
use chromiumoxide::Page;
use futures::StreamExt;
use serde::de::DeserializeOwned;

use support::browser::{self, Chrome};
use support::*;

/// axe-core, vendored with its licence (see tests/vendor/README.md).
const AXE: &str = include_str!("vendor/axe.min.js");
const WCAG_TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";
/// A bundled lesson with a table of contents, solutions and a worksheet.
const LESSON: &str = "foundations/responding-consistently/index.html";
const WORKSHEET: &str = "foundations/responding-consistently/worksheet/index.html";

// ---------- helpers ----------

/// Evaluate a JavaScript expression (promises are awaited) and deserialize its value.
async fn js<T: DeserializeOwned>(page: &Page, expr: &str) -> T {
    try_js(page, expr)
        .await
        .unwrap_or_else(|e| panic!("evaluating `{expr}`: {e}"))
}

async fn try_js<T: DeserializeOwned>(page: &Page, expr: &str) -> Result<T, String> {
    // JSON text crosses the protocol unchanged, `null` included.
    let wrapped =
        format!("Promise.resolve(({expr})).then(v => JSON.stringify(v === undefined ? null : v))");
    let params = EvaluateParams::builder()
        .expression(wrapped)
        .await_promise(true)
        .return_by_value(true)
        .build()
        .unwrap();
    let result = page
        .evaluate_expression(params)
        .await
        .map_err(|e| e.to_string())?;
    let json: String = result.into_value().map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))
}

/// Poll until `cond` is true in the page, for up to 15 seconds.
async fn wait_for(page: &Page, cond: &str) {
    let start = Instant::now();
    loop {
        if try_js::<bool>(page, &format!("!!({cond})")).await == Ok(true) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for `{cond}` on {:?}",
            page.url().await.ok().flatten()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn reload(page: &Page) {
    page.reload().await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(page).await;
}

/// Wait until the page's scripts have run (a busy machine can be slow to get there).
async fn loaded(page: &Page) {
    wait_for(page, "document.readyState === 'complete'").await;
}

/// Open a page and wait for its scripts.
async fn open(chrome: &Chrome, url: &str) -> Page {
    let page = chrome.open(url).await;
    loaded(&page).await;
    page
}

/// Open a page in a 1280×900 window after emulating media features, so the first
/// paint (and trellis.js at load) already see them.
async fn open_with(chrome: &Chrome, url: &str, features: &[(&str, &str)]) -> Page {
    let page = chrome.browser.new_page("about:blank").await.unwrap();
    viewport(&page, 1280, 900, false).await;
    emulate(&page, features).await;
    page.goto(url).await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(&page).await;
    page
}

async fn emulate(page: &Page, features: &[(&str, &str)]) {
    let features = features
        .iter()
        .map(|(n, v)| MediaFeature::new(*n, *v))
        .collect();
    page.emulate_media_features(features).await.unwrap();
}

async fn viewport(page: &Page, width: i64, height: i64, mobile: bool) {
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, height, 1.0, mobile,
    ))
    .await
    .unwrap();
}

async fn press(page: &Page, key: &str) {
    page.find_element("body")
        .await
        .unwrap()
        .press_key(key)
        .await
        .unwrap();
}

/// Percent-encode a query value.
fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `file://` URL of a page of the built site, with an optional query string.
fn file_page(site: &Path, rel: &str) -> String {
    let (path, query) = rel.split_once('?').unwrap_or((rel, ""));
    let url = browser::file_url(&site.join(path));
    if query.is_empty() {
        url
    } else {
        format!("{url}?{query}")
    }
}

/// One search result: the absolute link, the title text and the highlighted words.
type Hit = (String, String, Vec<String>);

/// Open the search page for `q` and read its results.
async fn search(chrome: &Chrome, search_page: &str, q: &str) -> (String, Vec<Hit>) {
    let page = open(chrome, &format!("{search_page}?q={}", encode(q))).await;
    let hits = read_results(&page).await;
    page.close().await.unwrap();
    hits
}

async fn read_results(page: &Page) -> (String, Vec<Hit>) {
    wait_for(page, "document.getElementById('search-status').textContent").await;
    js(
        page,
        "[document.getElementById('search-status').textContent,
          Array.from(document.querySelectorAll('#search-results li')).map(li => [
            li.querySelector('a').href,
            li.querySelector('a').textContent,
            Array.from(li.querySelectorAll('mark')).map(m => m.textContent)])]",
    )
    .await
}

/// The lesson pages of a built site (site paths of their index.html).
fn lesson_pages(site: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for m in std::fs::read_dir(site).unwrap() {
        let m = m.unwrap().path();
        if !m.is_dir() {
            continue;
        }
        for l in std::fs::read_dir(&m).unwrap() {
            let p = l.unwrap().path().join("index.html");
            if p.is_file() && page(&p).select(&sel("main.lesson")).next().is_some() {
                out.push(p.strip_prefix(site).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// A word of at least seven letters from a paragraph of `lesson`, found in no other
/// lesson and not in its title; it must stand alone in the search text.
fn distinctive_word(site: &Path, lesson: &str) -> String {
    let lower = |p: &str| {
        texts(&page(&site.join(p)), "main.lesson")
            .join(" ")
            .to_lowercase()
    };
    let others: Vec<String> = lesson_pages(site)
        .iter()
        .filter(|p| p.as_str() != lesson)
        .map(|p| lower(p))
        .collect();
    let doc = page(&site.join(lesson));
    let title = texts(&doc, "h1").join(" ").to_lowercase();
    let index = std::fs::read_to_string(site.join("static/search-index.js")).unwrap();
    for para in texts(&doc, "main.lesson .prose p") {
        let words: Vec<String> = para
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        // Skip each paragraph's first and last word: only whole words are wanted.
        for w in words.iter().skip(1).rev().skip(1) {
            let standalone = index
                .to_lowercase()
                .match_indices(w.as_str())
                .any(|(i, _)| {
                    let before = index[..i].chars().last().unwrap_or(' ');
                    let after = index[i + w.len()..].chars().next().unwrap_or(' ');
                    !before.is_alphanumeric() && !after.is_alphanumeric()
                });
            if w.len() >= 7
                && standalone
                && !title.contains(w.as_str())
                && others.iter().all(|o| !o.contains(w.as_str()))
            {
                return w.clone();
            }
        }
    }
    panic!("no distinctive word in {lesson}");
}

// ---------- a tiny static file server (std::net only) ----------

const PREFIX: &str = "/sub-path/";
const MAX_HEADER: usize = 16 * 1024;
const MAX_CONNECTIONS: usize = 2000;

/// Serves a built site under `/sub-path/` on 127.0.0.1, logging every request target.
struct StaticServer {
    origin: String,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl StaticServer {
    fn start(site: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (site, log2, stop2) = (site.to_path_buf(), log.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut served = 0;
            while !stop2.load(Ordering::SeqCst) && served < MAX_CONNECTIONS {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        let (site, log) = (site.clone(), log2.clone());
                        std::thread::spawn(move || handle(stream, &site, &log));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        StaticServer { origin, log, stop }
    }

    /// The URL of a site page, e.g. `http://127.0.0.1:4321/sub-path/search/index.html`.
    fn url(&self, rel: &str) -> String {
        format!("{}{PREFIX}{rel}", self.origin)
    }
}

fn handle(mut stream: TcpStream, site: &Path, log: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEADER {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut line = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (line.next().unwrap_or(""), line.next().unwrap_or(""));
    log.lock().unwrap().push(target.to_string());
    let path = target.split(['?', '#']).next().unwrap_or("");
    let found = match (method, path.strip_prefix(PREFIX)) {
        ("GET" | "HEAD", Some(rel)) => file_for(site, &percent_decode(rel)),
        _ => None,
    };
    let (status, ctype, body) = match found {
        Some((ctype, body)) => ("200 OK", ctype, body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

fn file_for(site: &Path, rel: &str) -> Option<(&'static str, Vec<u8>)> {
    if rel.split('/').any(|s| s == ".." || s.contains('\\')) {
        return None;
    }
    let mut path = site.join(rel);
    if rel.is_empty() || rel.ends_with('/') || path.is_dir() {
        path = path.join("index.html");
    }
    let body = std::fs::read(&path).ok()?;
    let ctype = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    Some((ctype, body))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------- search ----------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_a_lesson_by_a_body_word_from_file_and_from_a_sub_path() {
    let Some(chrome) =
        browser::launch("search_finds_a_lesson_by_a_body_word_from_file_and_from_a_sub_path").await
    else {
        return;
    };
    let (_dir, site) = bundled_site();
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

fn multilingual_fixture() -> Fixture {
    let f = Fixture::new();
    f.module("01-m", "Languages");
    f.lesson(
        "content/01-m/01-fr.md",
        "Écouter l'enfant",
        "Chaque élève apprend à écouter. La tranquillité du soir aide beaucoup.",
    );
    f.lesson(
        "content/01-m/02-ja.md",
        "安心の基地",
        "子どもは安心感を育てるために、親のそばで遊びます。",
    );
    f.lesson(
        "content/01-m/03-zh.md",
        "学习方法",
        "孩子通过游戏学习如何表达情绪。",
    );
    f.lesson(
        "content/01-m/04-en.md",
        "Calm evenings",
        "A calm bedtime routine helps children settle.",
    );
    f
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_folds_accents_and_finds_cjk_words() {
    let Some(chrome) = browser::launch("search_folds_accents_and_finds_cjk_words").await else {
        return;
    };
    let f = multilingual_fixture();
    f.build_ok();
    let search_page = file_page(&f.public(), "search/index.html");
    let lesson = |slug: &str| file_page(&f.public(), &format!("m/{slug}/index.html"));
    for (q, slug, mark) in [
        ("eleve", "fr", "élève"),
        ("ÉLÈVE", "fr", "élève"),
        ("tranquillite", "fr", "tranquillité"),
        ("安心感", "ja", "安心感"),
        ("育", "ja", "育"),
        ("遊び", "ja", "遊び"),
        ("表达情绪", "zh", "表达情绪"),
        ("学习", "zh", "学习"),
        ("bedtime", "en", "bedtime"),
        ("bedt", "en", "bedtime"),
    ] {
        let (status, hits) = search(&chrome, &search_page, q).await;
        assert_eq!(hits.len(), 1, "{q}: {status} {hits:?}");
        assert_eq!(hits[0].0, lesson(slug), "{q}");
        let all_marks: Vec<String> = hits[0].2.clone();
        assert!(all_marks.iter().any(|m| m == mark), "{q}: {hits:?}");
    }
    for q in ["安全", "nothing-like-this"] {
        let (status, hits) = search(&chrome, &search_page, q).await;
        assert!(hits.is_empty(), "{q}: {hits:?}");
        assert!(status.starts_with("No lessons match"), "{status}");
    }

    // The page's tokenizer and the index's agree.
    let page = open(&chrome, &search_page).await;
    for s in [
        "Élève à l'ÉCOLE, Straße Øresund Łódź",
        "子どもは安心感を育てる",
        "学习方法 and Trellisで学ぶ",
        "Tiếng Việt 2024 co-op e\u{301}le\u{300}ve",
        "ǅemal İstanbul ＡＢＣ ﬁne",
        "한국어 문장입니다 ΟΔΟΣ οδός",
    ] {
        let from_js: Vec<String> = js(
            &page,
            &format!(
                "TrellisSearch.tokenize({}).tokens",
                serde_json::to_string(s).unwrap()
            ),
        )
        .await;
        let mut seen = BTreeSet::new();
        let from_rust: Vec<String> = trellis::search::tokenize::tokens(s)
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .collect();
        assert_eq!(from_js, from_rust, "{s}");
    }
}

// ---------- progress ----------

fn progress_fixture() -> Fixture {
    let f = Fixture::new();
    f.module("01-m", "Module");
    let lesson = |name: &str, title: &str, duration: &str| {
        f.write(
            &format!("content/01-m/{name}.md"),
            &format!("+++\ntitle = \"{title}\"\n{duration}+++\nAbout {title}.\n"),
        );
    };
    lesson("01-a", "Alpha", "duration = 30\n");
    lesson("02-b", "Beta", "duration = 90\n");
    lesson("03-c", "Gamma", ""); // counts as an average lesson: 60 minutes
    f
}

async fn done_ids(page: &Page) -> Vec<String> {
    js(
        page,
        "Array.from(document.querySelectorAll('li.outline-lesson.done')).map(li => li.dataset.lessonId + ':' + li.textContent.includes('(done)'))",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mark_as_done_survives_a_reload_and_shows_in_the_outline() {
    let Some(chrome) =
        browser::launch("mark_as_done_survives_a_reload_and_shows_in_the_outline").await
    else {
        return;
    };
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
    let cont: (bool, String, String) = js(
        &home,
        "[document.getElementById('continue').hidden, document.getElementById('continue-link').href, document.getElementById('continue-link').textContent]",
    )
    .await;
    assert!(!cont.0, "the continue link shows");
    assert_eq!(cont.1, file_page(&site, "m/b/index.html"));
    assert!(cont.2.contains("Beta"), "{cont:?}");
    browser::screenshot(&home, "learner-home-progress").await;
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
        "[document.getElementById('progress-bar').getAttribute('aria-valuenow'), document.getElementById('continue-link').textContent]",
    )
    .await;
    assert_eq!(now.0, "0");
    assert!(now.1.contains("Gamma"), "{now:?}");
}

// ---------- theme ----------

/// Whether the page's background is dark.
async fn looks_dark(page: &Page) -> bool {
    let rgb: Vec<f64> = js(
        page,
        "getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number)",
    )
    .await;
    rgb.iter().sum::<f64>() < 3.0 * 128.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dark_mode_toggle_persists_and_defaults_to_the_system() {
    let Some(chrome) =
        browser::launch("dark_mode_toggle_persists_and_defaults_to_the_system").await
    else {
        return;
    };
    let f = progress_fixture();
    f.build_ok();
    let site = f.public();
    let light = [("prefers-color-scheme", "light")];
    let home = open_with(&chrome, &file_page(&site, "index.html"), &light).await;
    let pressed = "document.getElementById('theme-toggle').getAttribute('aria-pressed')";
    assert_eq!(js::<String>(&home, pressed).await, "false");
    assert!(!looks_dark(&home).await);
    home.find_element("#theme-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(js::<String>(&home, pressed).await, "true");
    assert!(looks_dark(&home).await);
    reload(&home).await;
    assert_eq!(js::<String>(&home, pressed).await, "true", "after a reload");
    assert!(looks_dark(&home).await, "after a reload");
    let lesson = open_with(&chrome, &file_page(&site, "m/a/index.html"), &light).await;
    assert!(looks_dark(&lesson).await, "on another page");
    lesson.close().await.unwrap();
    // Back to light, also remembered.
    home.find_element("#theme-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    reload(&home).await;
    assert_eq!(js::<String>(&home, pressed).await, "false");
    assert!(!looks_dark(&home).await);
    // With no choice stored, the system's setting wins.
    let _: bool = js(
        &home,
        "localStorage.removeItem('trellis-theme') === undefined",
    )
    .await;
    emulate(&home, &[("prefers-color-scheme", "dark")]).await;
    reload(&home).await;
    assert_eq!(js::<String>(&home, pressed).await, "true", "system dark");
    assert!(looks_dark(&home).await, "system dark");
    let attr: Option<String> =
        js(&home, "document.documentElement.getAttribute('data-theme')").await;
    assert_eq!(attr, None);
}

// ---------- accessibility ----------

/// Every page type of the bundled course, as site paths (the search with a query).
fn page_types(site: &Path) -> Vec<(&'static str, String)> {
    let word = distinctive_word(site, &lesson_pages(site)[0]);
    let pages = vec![
        ("home", "index.html".to_string()),
        ("module", "foundations/index.html".to_string()),
        ("lesson", LESSON.to_string()),
        ("worksheet", WORKSHEET.to_string()),
        ("packet", "worksheets/index.html".to_string()),
        ("print", "print/index.html".to_string()),
        ("search", format!("search/index.html?q={}", encode(&word))),
        ("404", "404.html".to_string()),
    ];
    for (_, p) in &pages {
        let file = p.split('?').next().unwrap();
        assert!(site.join(file).is_file(), "{file} is missing");
    }
    pages
}

/// Run axe-core on the page; one readable line per violation and element.
async fn axe_violations(page: &Page) -> Vec<String> {
    if !js::<bool>(page, "typeof axe === 'object'").await {
        let params = EvaluateParams::builder()
            .expression(format!("{AXE}\n;true"))
            .build()
            .unwrap();
        page.evaluate_expression(params).await.unwrap();
    }
    js(
        page,
        &format!(
            "axe.run(document, {{ runOnly: {{ type: 'tag', values: {WCAG_TAGS} }}, resultTypes: ['violations'] }})
              .then(r => r.violations.flatMap(v => v.nodes.map(n =>
                `${{v.id}} (${{v.impact}}): ${{v.help}}\n      at ${{n.target.join(' ')}}: ${{n.html.slice(0, 160)}}\n      ${{(n.failureSummary || '').replace(/\\n/g, ' ')}}`)))"
        ),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violations_on_any_page_type_in_light_and_dark() {
    let Some(chrome) =
        browser::launch("axe_finds_no_violations_on_any_page_type_in_light_and_dark").await
    else {
        return;
    };
    let (_dir, site) = bundled_site();
    // First, axe must see a planted fault: an image without alt text.
    let probe = open(&chrome, &file_page(&site, "index.html")).await;
    let _: bool = js(
        &probe,
        "document.querySelector('main').appendChild(document.createElement('img')) && true",
    )
    .await;
    let planted = axe_violations(&probe).await;
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt")),
        "{planted:?}"
    );
    probe.close().await.unwrap();
    // Progress on: a lesson marked done (and so last opened) shows its states.
    let lesson = open(&chrome, &file_page(&site, LESSON)).await;
    lesson
        .find_element("#done-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    lesson.close().await.unwrap();
    let mut problems = Vec::new();
    for (kind, rel) in page_types(&site) {
        for mode in ["light", "dark"] {
            let page = open_with(
                &chrome,
                &file_page(&site, &rel),
                &[("prefers-color-scheme", mode)],
            )
            .await;
            let _: bool = js(
                &page,
                &format!("(document.documentElement.dataset.theme = '{mode}') && true"),
            )
            .await;
            if kind == "search" {
                read_results(&page).await;
            }
            if matches!(kind, "home" | "lesson" | "worksheet" | "search") {
                browser::screenshot(&page, &format!("learner-{kind}-{mode}")).await;
            }
            for v in axe_violations(&page).await {
                problems.push(format!("{kind} ({mode}): {v}"));
            }
            page.close().await.unwrap();
        }
    }
    assert!(
        problems.is_empty(),
        "{} axe violations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_reaches_every_control_on_a_lesson_with_a_visible_focus_ring() {
    let Some(chrome) =
        browser::launch("keyboard_reaches_every_control_on_a_lesson_with_a_visible_focus_ring")
            .await
    else {
        return;
    };
    let (_dir, site) = bundled_site();
    for mode in ["light", "dark"] {
        let page = open_with(
            &chrome,
            &file_page(&site, LESSON),
            &[
                ("prefers-color-scheme", mode),
                ("prefers-reduced-motion", "reduce"),
            ],
        )
        .await;
        // Number the focusable controls and note how each looks unfocused.
        let count: usize = js(
            &page,
            "(() => {
                const visible = el => {
                    const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
                };
                const all = Array.from(document.querySelectorAll(
                    'a[href], button, input, select, textarea, summary, [tabindex]'))
                    .filter(el => !el.disabled && el.tabIndex >= 0 && !el.closest('[hidden]'))
                    .filter(el => visible(el) || (el.type === 'radio' && visible(el.parentElement)));
                window.__look = el => [el, el.nextElementSibling, el.parentElement].filter(Boolean).map(e => {
                    const c = getComputedStyle(e);
                    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow].join('|');
                });
                all.forEach((el, i) => { el.dataset.kbd = i; el.__before = window.__look(el); });
                window.__all = all;
                document.activeElement && document.activeElement.blur();
                return all.length;
            })()",
        )
        .await;
        assert!(count > 20, "{count} controls");
        let mut reached = BTreeSet::new();
        let mut no_ring = Vec::new();
        for _ in 0..count + 3 {
            press(&page, "Tab").await;
            let seen: Option<(usize, bool, String)> = js(
                &page,
                "(() => {
                    const el = document.activeElement;
                    if (!el || el.dataset.kbd === undefined) return null;
                    const now = window.__look(el);
                    const parts = [el, el.nextElementSibling, el.parentElement].filter(Boolean);
                    let opacity = 1;
                    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
                    const ring = parts.some((e, i) => {
                        if (now[i] === el.__before[i]) return false;
                        const c = getComputedStyle(e);
                        const o = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) >= 2;
                        const seenHere = e === el ? opacity > 0 : true;
                        return (o || c.boxShadow !== 'none') && seenHere;
                    });
                    return [Number(el.dataset.kbd), ring, el.outerHTML.slice(0, 120)];
                })()",
            )
            .await;
            if let Some((i, ring, html)) = seen {
                reached.insert(i);
                if !ring {
                    no_ring.push(html);
                }
            }
        }
        // Radio buttons form one tab stop per group: one of each group is enough.
        let reached: Vec<usize> = reached.into_iter().collect();
        let missing: Vec<String> = js(
            &page,
            &format!(
                "window.__all.filter((el, i) => !{reached:?}.includes(i)).filter(el => !(el.type === 'radio'
                    && window.__all.some((r, j) => r.name === el.name && {reached:?}.includes(j))))
                  .map(el => el.outerHTML.slice(0, 120))"
            ),
        )
        .await;
        assert!(
            missing.is_empty(),
            "{mode}: not reachable by Tab:\n{}",
            missing.join("\n")
        );
        assert!(
            no_ring.is_empty(),
            "{mode}: no visible focus ring:\n{}",
            no_ring.join("\n")
        );
        page.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lessons_read_without_javascript_and_print_without_screen_chrome() {
    let Some(chrome) =
        browser::launch("lessons_read_without_javascript_and_print_without_screen_chrome").await
    else {
        return;
    };
    let (_dir, site) = bundled_site();
    let no_js = chrome.browser.new_page("about:blank").await.unwrap();
    no_js
        .execute(SetScriptExecutionDisabledParams::new(true))
        .await
        .unwrap();
    no_js.goto(file_page(&site, LESSON)).await.unwrap();
    no_js.wait_for_navigation().await.unwrap();
    loaded(&no_js).await;
    let facts: (bool, usize, usize, usize, bool) = js(
        &no_js,
        "[document.documentElement.classList.contains('js'),
          document.querySelector('main .prose').innerText.length,
          document.querySelectorAll('details.solution:not([open]) > summary').length,
          Array.from(document.querySelectorAll('.needs-js')).filter(e => e.offsetParent !== null).length,
          !!document.querySelector('form.site-search[action]')]",
    )
    .await;
    assert!(!facts.0, "scripts are off");
    assert!(facts.1 > 2000, "the lesson reads: {facts:?}");
    assert!(facts.2 > 0, "solutions are folded: {facts:?}");
    assert_eq!(facts.3, 0, "no script-only control shows: {facts:?}");
    assert!(facts.4, "the header search is a plain form");
    no_js.close().await.unwrap();

    for rel in lesson_pages(&site) {
        let page = open(&chrome, &file_page(&site, &rel)).await;
        let overflow = browser::overflowing_in_print(&page, browser::A4).await;
        assert!(overflow.is_empty(), "{rel}: {overflow:?}");
        page.emulate_media_type(MediaTypeParams::Print)
            .await
            .unwrap();
        let shown: Vec<String> = js(
            &page,
            "Array.from(document.querySelectorAll('.site-header, .sidebar, .pager, .lesson-done, .site-search, button'))
               .filter(e => e.getClientRects().length > 0).map(e => e.className)",
        )
        .await;
        assert!(shown.is_empty(), "{rel} prints screen chrome: {shown:?}");
        page.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reduced_motion_turns_off_smooth_scrolling_and_transitions() {
    let Some(chrome) =
        browser::launch("reduced_motion_turns_off_smooth_scrolling_and_transitions").await
    else {
        return;
    };
    let f = progress_fixture();
    f.build_ok();
    let url = file_page(&f.public(), "m/a/index.html");
    let motion = "[getComputedStyle(document.documentElement).scrollBehavior,
                   getComputedStyle(document.querySelector('.pager a')).transitionDuration]";
    let page = open_with(
        &chrome,
        &url,
        &[("prefers-reduced-motion", "no-preference")],
    )
    .await;
    let (scroll, transition): (String, String) = js(&page, motion).await;
    assert_eq!(scroll, "smooth");
    assert_ne!(transition, "0s");
    emulate(&page, &[("prefers-reduced-motion", "reduce")]).await;
    let (scroll, transition): (String, String) = js(&page, motion).await;
    assert_eq!(scroll, "auto");
    assert_eq!(transition, "0s");
}

// ---------- offline, responsive, metadata, weight ----------

/// Every URL the page requested while loading (and while searching).
async fn requests(chrome: &Chrome, url: &str) -> Vec<String> {
    let page = chrome.browser.new_page("about:blank").await.unwrap();
    let mut events = page
        .event_listener::<EventRequestWillBeSent>()
        .await
        .unwrap();
    page.goto(url).await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(&page).await;
    if url.contains("search/") {
        read_results(&page).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut urls: Vec<String> = js(
        &page,
        "performance.getEntriesByType('resource').map(e => e.name)",
    )
    .await;
    while let Ok(Some(ev)) = tokio::time::timeout(Duration::from_millis(200), events.next()).await {
        urls.push(ev.request.url.clone());
    }
    page.close().await.unwrap();
    urls
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_make_no_request_outside_the_site() {
    let Some(chrome) = browser::launch("pages_make_no_request_outside_the_site").await else {
        return;
    };
    let (_dir, site) = bundled_site();
    let server = StaticServer::start(&site);
    let file_root = format!("{}/", browser::file_url(&site));
    let mut outside = Vec::new();
    for (kind, rel) in page_types(&site) {
        for (base, url) in [
            (file_root.clone(), file_page(&site, &rel)),
            (server.url(""), server.url(&rel)),
        ] {
            let seen = requests(&chrome, &url).await;
            assert!(
                seen.iter()
                    .any(|u| u.split('?').next() == url.split('?').next()),
                "{kind}: the page load itself is seen: {seen:?}"
            );
            for u in seen {
                if !u.starts_with(&base) && !u.starts_with("data:") {
                    outside.push(format!("{kind} at {url}: {u}"));
                }
            }
        }
    }
    let log = server.log.lock().unwrap().clone();
    outside.extend(
        log.iter()
            .filter(|t| !t.starts_with(PREFIX))
            .map(|t| format!("server saw {t}")),
    );
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_type_fits_a_320px_screen() {
    let Some(chrome) = browser::launch("every_page_type_fits_a_320px_screen").await else {
        return;
    };
    let (_dir, site) = bundled_site();
    let mut problems = Vec::new();
    for (kind, rel) in page_types(&site) {
        let page = chrome.browser.new_page("about:blank").await.unwrap();
        viewport(&page, 320, 640, true).await;
        page.goto(file_page(&site, &rel)).await.unwrap();
        page.wait_for_navigation().await.unwrap();
        loaded(&page).await;
        let wide: Vec<String> = js(
            &page,
            "(() => {
                const limit = document.documentElement.clientWidth + 1;
                if (document.documentElement.scrollWidth <= limit) return [];
                return Array.from(document.querySelectorAll('body *'))
                    .filter(el => el.getBoundingClientRect().right > limit)
                    .filter(el => !el.closest('pre, .prose table, .visually-hidden'))
                    .slice(0, 8)
                    .map(el => el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(el.getBoundingClientRect().right))
                    .concat(['scrollWidth=' + document.documentElement.scrollWidth]);
            })()",
        )
        .await;
        if !wide.is_empty() {
            problems.push(format!("{kind}: {}", wide.join(", ")));
        }
        if kind == "lesson" {
            browser::screenshot(&page, "learner-lesson-320px").await;
        }
        page.close().await.unwrap();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn json_ld(doc: &scraper::Html) -> serde_json::Value {
    let text = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("a JSON-LD script")
        .text()
        .collect::<String>();
    assert!(!text.contains("</"), "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn json_ld_describes_the_course_and_each_lesson_and_escapes_strings() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"Say \\\"hi\\\" </script><b>\"\ndescription = \"Tags like <i> & quotes \\\"\"\nauthor = \"Ana & Bo\"\nbase_url = \"https://org.github.io/course/\"\n",
    );
    f.module("01-m", "M");
    f.write(
        "content/01-m/01-a.md",
        "+++\ntitle = \"A </script> \\\"quoted\\\" lesson\"\nsummary = \"Line\\\\back <!-- x\"\nduration = 80\nobjectives = [\"Do <this>\"]\n+++\nBody.\n",
    );
    f.lesson("content/01-m/02-b.md", "B", "Body.");
    f.build_ok();
    let home = json_ld(&f.page("index.html"));
    assert_eq!(home["@context"], "https://schema.org");
    assert_eq!(home["@type"], "Course");
    assert_eq!(home["name"], "Fixture course");
    assert_eq!(home["url"], "https://org.github.io/course/");
    assert_eq!(home["provider"]["name"], "Ana & Bo");
    let parts = home["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["name"], "A </script> \"quoted\" lesson");
    assert_eq!(parts[0]["url"], "https://org.github.io/course/m/a/");
    assert_eq!(home["timeRequired"], "PT110M");

    let lesson = json_ld(&f.page("m/a/index.html"));
    assert_eq!(lesson["@type"], "LearningResource");
    assert_eq!(lesson["name"], "A </script> \"quoted\" lesson");
    assert_eq!(lesson["description"], "Line\\back <!-- x");
    assert_eq!(lesson["timeRequired"], "PT80M");
    assert_eq!(lesson["teaches"][0], "Do <this>");
    assert_eq!(lesson["url"], "https://org.github.io/course/m/a/");
    assert_eq!(lesson["isPartOf"]["@type"], "Course");
    assert_eq!(lesson["isPartOf"]["name"], "Say \"hi\" </script><b>");
    assert_eq!(lesson["isPartOf"]["url"], "https://org.github.io/course/");

    // Without base_url there is no absolute URL to give.
    f.write("site.toml", "title = \"Plain\"\n");
    f.build_ok();
    let lesson = json_ld(&f.page("m/a/index.html"));
    assert!(lesson.get("url").is_none());
    assert!(lesson["isPartOf"].get("url").is_none());
    assert!(json_ld(&f.page("index.html"))["hasPart"][0]
        .get("url")
        .is_none());
}

/// The theme's CSS and JS that learner pages load (not the generated search index
/// or highlight.css) weigh under 50 KB together, uncompressed.
#[test]
fn theme_css_and_js_stay_under_50_kb() {
    let (_dir, site) = bundled_site();
    let mut used = BTreeSet::new();
    for (_, rel) in page_types(&site) {
        let rel = rel.split('?').next().unwrap().to_string();
        let doc = page(&site.join(&rel));
        for e in doc.select(&sel("link[rel=stylesheet][href], script[src]")) {
            let href = e.value().attr("href").or(e.value().attr("src")).unwrap();
            let file = resolve_as_served("/", &rel, href).unwrap();
            if !file.ends_with("highlight.css") && !file.ends_with("search-index.js") {
                used.insert(file);
            }
        }
    }
    assert!(used.len() >= 4, "{used:?}");
    let sizes: Vec<(String, u64)> = used
        .iter()
        .map(|f| (f.clone(), std::fs::metadata(site.join(f)).unwrap().len()))
        .collect();
    let total: u64 = sizes.iter().map(|(_, n)| n).sum();
    assert!(total < 50 * 1024, "{total} bytes: {sizes:?}");
}

/// Measures search on a big course: `TRELLIS_BENCH_COURSE=<course folder> cargo test
/// --release --test learner -- --ignored --nocapture search_benchmark`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn search_benchmark() {
    let Ok(course) = std::env::var("TRELLIS_BENCH_COURSE") else {
        eprintln!("set TRELLIS_BENCH_COURSE to a course folder");
        return;
    };
    let Some(chrome) = browser::launch("search_benchmark").await else {
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
