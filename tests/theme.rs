//! The theme: the dark-mode toggle persists and defaults to the system, and the CSS
//! and JS that learner pages load stay small.

mod support;

use std::collections::BTreeSet;

use chromiumoxide::Page;
use support::browser::*;
use support::*;

fn main() {
    let mut trials = browser_trials![dark_mode_toggle_persists_and_defaults_to_the_system];
    trials.extend(plain_trials![
        theme_css_and_js_stay_under_62_kb,
        highlight_css_is_linked_only_from_pages_with_code,
        highlight_css_has_rules_for_the_classes_used_and_no_others
    ]);
    browser::main(trials);
}

/// Whether the page's background is dark.
async fn looks_dark(page: &Page) -> bool {
    let rgb: Vec<f64> = js(
        page,
        "getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number)",
    )
    .await;
    rgb.iter().sum::<f64>() < 3.0 * 128.0
}

async fn dark_mode_toggle_persists_and_defaults_to_the_system(chrome: Chrome) {
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
    // The label names the mode a click switches to (issue 17).
    let label = "document.getElementById('theme-toggle').textContent";
    assert_eq!(js::<String>(&home, label).await, "Light mode");
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
    assert_eq!(js::<String>(&home, label).await, "Dark mode");
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

/// The theme's CSS and JS that learner pages load (not the generated search index
/// or highlight.css) weigh under 62 KB together, uncompressed, as shipped: 61,335
/// bytes after lightningcss and the ES2020 rewrite, 62,976 before (the
/// budget was 50 KB before quizzes and the phone layout; see README).
fn theme_css_and_js_stay_under_62_kb() {
    let site = shared_bundled_site().to_path_buf();
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
    assert!(total < 62 * 1024, "{total} bytes: {sizes:?}");
}

/// A course with one lesson of Rust and one of prose only, built once.
fn code_course() -> &'static Fixture {
    static BUILT: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    built_once(&BUILT, || {
        let f = Fixture::new();
        f.lesson(
            "content/01-rust.md",
            "Rust",
            "## Code\n\n```rust\n// A comment.\nfn main() { let n = 1; }\n```\n",
        )
        .lesson(
            "content/02-prose.md",
            "Prose",
            "## Words\n\nNo code here.\n\n```text\nplain, not highlighted\n```\n",
        );
        f.build_ok();
        f
    })
}

fn highlight_links(doc: &scraper::Html) -> usize {
    doc.select(&sel("link[rel=stylesheet][href]"))
        .filter(|l| {
            l.value()
                .attr("href")
                .unwrap()
                .ends_with("static/highlight.css")
        })
        .count()
}

/// issue 17: highlight.css loaded on every page, code or not.
fn highlight_css_is_linked_only_from_pages_with_code() {
    let f = code_course();
    assert_eq!(
        highlight_links(&f.page("rust/index.html")),
        1,
        "lesson with code"
    );
    assert_eq!(
        highlight_links(&f.page("prose/index.html")),
        0,
        "lesson without code"
    );
    assert_eq!(highlight_links(&f.page("index.html")), 0, "home page");
    assert_eq!(
        highlight_links(&f.page("search/index.html")),
        0,
        "search page"
    );
}

/// Every selector of every rule in a stylesheet, as written by lightningcss.
fn selectors(css: &str) -> Vec<String> {
    use lightningcss::rules::CssRule;
    use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
    use lightningcss::traits::ToCss;
    let sheet = StyleSheet::parse(css, ParserOptions::default()).expect("highlight.css parses");
    let mut out = Vec::new();
    for rule in &sheet.rules.0 {
        let CssRule::Style(style) = rule else {
            panic!("only style rules expected: {rule:?}");
        };
        for s in &style.selectors.0 {
            out.push(s.to_css_string(PrinterOptions::default()).unwrap());
        }
    }
    out
}

/// issue 17: the highlight CSS is trimmed to the classes the course's code uses,
/// with light and dark colours in one rule.
fn highlight_css_has_rules_for_the_classes_used_and_no_others() {
    let f = code_course();
    let lesson = f.page("rust/index.html");
    let used: BTreeSet<String> = lesson
        .select(&sel("pre.code span[class]"))
        .flat_map(|s| s.value().classes().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(
        used.contains("hl-comment") && used.contains("hl-rust"),
        "{used:?}"
    );
    let css = std::fs::read_to_string(f.public().join("static/highlight.css")).unwrap();
    let rules = selectors(&css);
    assert!(rules.iter().any(|s| s == ".hl-comment"), "{rules:?}");
    for s in &rules {
        for class in s.split([' ', '.']).filter(|c| !c.is_empty()) {
            assert!(
                used.contains(class),
                "rule `{s}` names `{class}`, which no code uses"
            );
        }
    }
    // Rules the themes have, for code this course does not contain.
    assert!(!rules.iter().any(|s| s.contains("hl-invalid")), "{rules:?}");
    assert!(!rules.iter().any(|s| s.contains("hl-markup")), "{rules:?}");
    assert!(css.contains("light-dark("), "{css}");
    assert!(
        !css.contains("prefers-color-scheme"),
        "one rule set for both modes: {css}"
    );
}
