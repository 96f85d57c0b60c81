//! Other languages in the browser: search in other scripts (accents fold, CJK
//! words are found, the page's tokenizer agrees with the index's), the language
//! switcher, and a right-to-left course.

mod support;

use std::collections::BTreeSet;

use support::browser::*;
use support::*;

fn main() {
    browser::main(browser_trials![
        search_folds_accents_and_finds_cjk_words,
        switcher_goes_from_an_english_lesson_to_the_same_spanish_one_and_back,
        arabic_course_lays_out_right_to_left_and_prints_worksheets_on_one_page,
    ]);
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
    f.lesson(
        "content/01-m/05-ar.md",
        "الأمان",
        "يَتَعَلَّمُ الأطفالُ بالأمانِ إلى جانب الأهل.",
    );
    f
}

async fn search_folds_accents_and_finds_cjk_words(chrome: Chrome) {
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
        // Arabic: alef forms and diacritics fold away, both ways.
        ("الاطفال", "ar", "الأطفالُ"),
        ("يتعلم", "ar", "يَتَعَلَّمُ"),
        ("بالأمانِ", "ar", "بالأمانِ"),
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
        "أطفالٌ إخوة آمنون ٱلبيت الـطِّفْلُ",
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

/// Follow a link and wait for the page it leads to: the navigation may not have
/// begun when the click returns, so wait until the address has changed and the new
/// page has loaded (each check survives the old page going away).
async fn click_and_wait(page: &chromiumoxide::Page, selector: &str) {
    let before: String = js(page, "location.href").await;
    page.find_element(selector)
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(
        page,
        &format!(
            "location.href !== {} && document.readyState === 'complete'",
            serde_json::to_string(&before).unwrap()
        ),
    )
    .await;
}

async fn switcher_goes_from_an_english_lesson_to_the_same_spanish_one_and_back(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    let lesson = "foundations/responding-consistently/index.html";
    let page = open(&chrome, &file_page(&site, lesson)).await;
    let lang =
        "[document.documentElement.lang, location.href, document.querySelector('h1').textContent]";
    let (l, _, en_title): (String, String, String) = js(&page, lang).await;
    assert_eq!(l, "en");
    click_and_wait(&page, ".language-switcher a[hreflang=es]").await;
    let (l, href, es_title): (String, String, String) = js(&page, lang).await;
    assert_eq!(
        (l.as_str(), href),
        ("es", file_page(&site, &format!("es/{lesson}")))
    );
    assert_ne!(es_title, en_title);
    let status: String = js(
        &page,
        "document.querySelector('.lesson-position').textContent",
    )
    .await;
    assert_eq!(status, "Lección 2 de 7");
    click_and_wait(&page, ".language-switcher a[hreflang=en]").await;
    let (l, href, title): (String, String, String) = js(&page, lang).await;
    assert_eq!(
        (l.as_str(), href, title),
        ("en", file_page(&site, lesson), en_title)
    );
}

fn arabic_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"دورة الأسرة\"\nlanguage = \"ar\"\nbase_url = \"https://org.github.io/course/\"\n",
    );
    f.write(
        "content/_index.md",
        "+++\ntitle = \"دورة الأسرة\"\nsummary = \"دورة قصيرة للأهل.\"\n+++\nأهلًا بكم.\n",
    );
    f.module("01-m", "الوحدة الأولى");
    for (name, title) in [
        ("01-a", "الدرس الأول"),
        ("02-b", "الدرس الثاني"),
        ("03-c", "الدرس الثالث"),
    ] {
        f.lesson(
            &format!("content/01-m/{name}.md"),
            title,
            "## البداية\n\nنص قصير عن الأطفال والأهل.\n\n## المتابعة\n\nنص آخر.\n\n## الختام\n\nخاتمة.\n\n::: {.worksheet title=\"ورقة العمل\"}\n[[name-date]]\n\nما الذي يساعد طفلك على الهدوء؟\n\n[[lines 4]]\n\n- [ ] جربت ذلك هذا الأسبوع\n\n[[scale 1-5 | قليلًا | كثيرًا]]\n:::\n",
        );
    }
    f
}

async fn arabic_course_lays_out_right_to_left_and_prints_worksheets_on_one_page(chrome: Chrome) {
    let f = arabic_fixture();
    let mut problems = Vec::new();
    for (paper, size) in [(browser::A4, "A4"), (browser::LETTER, "Letter")] {
        f.write(
            "site.toml",
            &format!("title = \"دورة الأسرة\"\nlanguage = \"ar\"\nbase_url = \"https://org.github.io/course/\"\n[print]\npage_size = \"{size}\"\n"),
        );
        f.build_ok();
        let tab = open(&chrome, &file_page(&f.public(), "m/b/worksheet/index.html")).await;
        let facts = browser::pdf_facts(&browser::print_pdf(&tab).await);
        if facts.pages != 1 || (facts.width_pt - paper.width_pt).abs() > 1.0 {
            problems.push(format!(
                "{size}: {} pages, {} pt wide",
                facts.pages, facts.width_pt
            ));
        }
        tab.close().await.unwrap();
    }
    assert!(problems.is_empty(), "{problems:?}");

    let page = open_with(&chrome, &file_page(&f.public(), "m/b/index.html"), &[]).await;
    let facts: (String, String, f64, f64, f64, f64) = js(
        &page,
        "(() => { const r = s => document.querySelector(s).getBoundingClientRect();
           return [document.documentElement.dir, getComputedStyle(document.body).direction,
             r('.sidebar').left, r('main').left, r('.pager-prev').left, r('.pager-next').left]; })()",
    )
    .await;
    assert_eq!((facts.0.as_str(), facts.1.as_str()), ("rtl", "rtl"));
    assert!(
        facts.2 > facts.3,
        "the sidebar sits right of the lesson: {facts:?}"
    );
    assert!(
        facts.4 > facts.5,
        "previous is on the right, next on the left: {facts:?}"
    );
    let arrows: (String, String) = js(
        &page,
        "[getComputedStyle(document.querySelector('.pager-prev .pager-label'), '::before').content,
          getComputedStyle(document.querySelector('.pager-next .pager-label'), '::after').content]",
    )
    .await;
    assert!(
        arrows.0.contains('→') && arrows.1.contains('←'),
        "{arrows:?}"
    );
    // Right to left, Shift+→ goes back (plain arrows are left to scrolling).
    let _: bool = js(
        &page,
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', shiftKey: true, bubbles: true}))",
    )
    .await;
    // The key starts a navigation that may not have begun when the event returns:
    // wait for the page it leads to (each check survives the old page going away),
    // then read where we are.
    let back = file_page(&f.public(), "m/a/index.html");
    wait_for(
        &page,
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::to_string(&back).unwrap()
        ),
    )
    .await;
    let here: String = js(&page, "location.href").await;
    assert_eq!(here, back);

    for rel in [
        "index.html",
        "m/b/index.html",
        "m/b/worksheet/index.html",
        "m/index.html",
    ] {
        let tab = open_with(&chrome, &file_page(&f.public(), rel), &[]).await;
        let violations = axe_violations(&tab).await;
        assert!(violations.is_empty(), "{rel}:\n{}", violations.join("\n"));
        tab.close().await.unwrap();
    }
}
