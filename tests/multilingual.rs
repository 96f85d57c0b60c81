//! Search in other scripts: accents fold, CJK words are found, and the page's
//! tokenizer agrees with the index's.

mod support;

use std::collections::BTreeSet;

use support::browser::*;
use support::*;

fn main() {
    browser::main(browser_trials![search_folds_accents_and_finds_cjk_words]);
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
