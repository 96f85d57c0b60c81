use std::collections::BTreeSet;

use super::clock::Clock;
use super::*;
use crate::render::theme::EMBEDDED;

/// The embedded default theme's catalogue files, by language.
fn catalogues() -> Vec<(&'static str, &'static str)> {
    EMBEDDED
        .iter()
        .filter_map(|(p, text)| {
            let lang = p.strip_prefix("i18n/")?.strip_suffix(".ftl")?;
            Some((lang, *text))
        })
        .collect()
}

fn keys(text: &str) -> BTreeSet<String> {
    let r = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    r.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

fn catalogue(lang: &str) -> Catalogue {
    let all = catalogues();
    let text = |l: &str| all.iter().find(|(n, _)| *n == l).map(|(_, t)| *t);
    let en = text("en").unwrap();
    let own: Vec<Layer<'_>> = text(lang)
        .filter(|_| lang != "en")
        .map(|t| (Path::new("own.ftl"), t))
        .into_iter()
        .collect();
    Catalogue::new(lang, &[(Path::new("en.ftl"), en)], &own).unwrap()
}

#[test]
fn bundled_catalogues_are_the_seven_languages() {
    let langs: BTreeSet<&str> = catalogues().iter().map(|(l, _)| *l).collect();
    let want: BTreeSet<&str> = ["en", "es", "fr", "de", "pt", "ar", "zh-Hans"].into();
    assert_eq!(langs, want);
}

#[test]
fn every_catalogue_has_every_english_key() {
    let all = catalogues();
    let en = keys(all.iter().find(|(l, _)| *l == "en").unwrap().1);
    for (lang, text) in &all {
        let have = keys(text);
        let missing: Vec<&String> = en.difference(&have).collect();
        let extra: Vec<&String> = have.difference(&en).collect();
        assert!(missing.is_empty(), "i18n/{lang}.ftl lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "i18n/{lang}.ftl has keys English lacks: {extra:?}"
        );
    }
}

/// Keys the theme's templates ask for, literal ones and the families built from a
/// prefix (`"alert-" ~ kind`).
#[test]
fn every_key_the_templates_use_is_in_english() {
    let en = keys(catalogues().iter().find(|(l, _)| *l == "en").unwrap().1);
    let mut used = BTreeSet::new();
    for (path, text) in EMBEDDED.iter().filter(|(p, _)| p.starts_with("templates/")) {
        let mut rest = *text;
        while let Some(i) = rest.find("t(key=\"") {
            rest = &rest[i + 7..];
            let key = &rest[..rest.find('"').unwrap()];
            if !key.ends_with('-') {
                used.insert((path.to_string(), key.to_string()));
            }
        }
    }
    for family in [
        [
            "alert-note",
            "alert-tip",
            "alert-important",
            "alert-warning",
        ]
        .as_slice(),
        &[
            "block-objectives",
            "block-activity",
            "block-reflection",
            "block-discussion",
            "block-note",
            "block-tip",
            "block-example",
        ],
    ] {
        for k in family {
            used.insert(("markdown".into(), k.to_string()));
        }
    }
    for k in [
        "welcome",
        "check-in",
        "teaching",
        "activity",
        "discussion",
        "break",
        "close",
    ] {
        used.insert(("agenda".into(), format!("segment-{k}")));
    }
    let missing: Vec<_> = used.iter().filter(|(_, k)| !en.contains(k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
    assert!(used.len() > 100, "{}", used.len());
}

fn count(c: &Catalogue, key: &str, n: u32) -> String {
    c.text(key, &[("count", Arg::Num(f64::from(n)))])
}

#[test]
fn plurals_in_english_spanish_and_arabic_at_0_1_2_3_11_100() {
    let ns = [0, 1, 2, 3, 11, 100];
    let got = |lang: &str| -> Vec<String> {
        let c = catalogue(lang);
        ns.iter()
            .map(|&n| count(&c, "home-worksheets", n))
            .collect()
    };
    assert_eq!(
        got("en"),
        [
            "0 printable worksheets",
            "1 printable worksheet",
            "2 printable worksheets",
            "3 printable worksheets",
            "11 printable worksheets",
            "100 printable worksheets"
        ]
    );
    assert_eq!(
        got("es"),
        [
            "0 fichas para imprimir",
            "1 ficha para imprimir",
            "2 fichas para imprimir",
            "3 fichas para imprimir",
            "11 fichas para imprimir",
            "100 fichas para imprimir"
        ]
    );
    assert_eq!(
        got("ar"),
        [
            "لا أوراق عمل للطباعة",
            "ورقة عمل واحدة للطباعة",
            "ورقتا عمل للطباعة",
            "3 أوراق عمل للطباعة",
            "11 ورقة عمل للطباعة",
            "100 ورقة عمل للطباعة"
        ]
    );
    let ar = catalogue("ar");
    let cats: Vec<String> = ns.iter().map(|&n| ar.category(f64::from(n))).collect();
    assert_eq!(cats, ["zero", "one", "two", "few", "many", "other"]);
    let en = catalogue("en");
    assert_eq!(count(&en, "home-lessons", 1), "1 lesson");
    assert_eq!(count(&en, "home-lessons", 7), "7 lessons");
}

/// Regression: the home page said "1 printable worksheets".
#[test]
fn one_worksheet_is_singular_in_every_language() {
    for (lang, _) in catalogues() {
        let c = catalogue(lang);
        let one = count(&c, "home-worksheets", 1);
        let many = count(&c, "home-worksheets", 5);
        if lang != "zh-Hans" {
            assert_ne!(
                one.replace('1', ""),
                many.replace('5', ""),
                "{lang}: {one} / {many}"
            );
        }
        assert!(!one.contains("worksheets"), "{lang}: {one}");
    }
}

#[test]
fn script_messages_have_a_pattern_per_plural_category() {
    let ar: serde_json::Value = serde_json::from_str(&catalogue("ar").js_messages()).unwrap();
    let found = &ar["messages"]["js-search-found"];
    let cats: BTreeSet<&str> = found
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(cats, ["few", "many", "one", "other", "two", "zero"].into());
    assert_eq!(found["few"], "{count} دروس تطابق «{query}».");
    let en: serde_json::Value = serde_json::from_str(&catalogue("en").js_messages()).unwrap();
    assert_eq!(en["lang"], "en");
    assert_eq!(
        en["messages"]["js-progress"]["other"],
        "{count} of {total} lessons done: {pct}% of the course."
    );
    assert_eq!(
        en["messages"]["js-search-found"]["one"],
        "{count} lesson matches “{query}”."
    );
    assert_eq!(
        en["messages"]["js-clear-confirm"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn strings_and_course_files_override_the_theme() {
    let en = catalogues()[0].1;
    let mut strings = BTreeMap::new();
    strings.insert("mark-done".to_string(), "I did it".to_string());
    strings.insert(
        "home-lessons".to_string(),
        "{ $count ->\n   [one] one step\n  *[other] { $count } steps\n}".to_string(),
    );
    let layer = strings_layer(&strings);
    let course = "worksheet = Handout\n";
    let c = Catalogue::new(
        "en",
        &[(Path::new("en.ftl"), en)],
        &[
            (Path::new("i18n/en.ftl"), course),
            (Path::new("site.toml"), &layer),
        ],
    )
    .unwrap();
    assert_eq!(c.text("mark-done", &[]), "I did it");
    assert_eq!(c.text("worksheet", &[]), "Handout");
    assert_eq!(count(&c, "home-lessons", 1), "one step");
    assert_eq!(count(&c, "home-lessons", 4), "4 steps");
    assert_eq!(c.text("skip-link", &[]), "Skip to content");
}

#[test]
fn a_broken_catalogue_is_an_error_at_its_line() {
    let errs = Catalogue::new(
        "en",
        &[(Path::new("i18n/en.ftl"), "ok = Fine\nbad { = x\n")],
        &[],
    )
    .unwrap_err();
    let s = errs[0].to_string();
    assert!(s.starts_with("i18n/en.ftl:2:"), "{s}");
}

#[test]
fn a_language_without_a_catalogue_falls_back_to_english() {
    let c = catalogue("xx");
    assert_eq!(c.text("mark-done", &[]), "Mark as done");
    assert_eq!(count(&c, "home-lessons", 1), "1 lesson");
}

#[test]
fn catalogue_names_resolve_by_language() {
    let names = ["en", "es", "zh-Hans", "pt"];
    let pick = |l| pick(l, names.iter().copied());
    assert_eq!(pick("es"), Some("es"));
    assert_eq!(pick("es-MX"), Some("es"));
    assert_eq!(pick("zh"), Some("zh-Hans"));
    assert_eq!(pick("pt-BR"), Some("pt"));
    assert_eq!(pick("ZH-hans"), Some("zh-Hans"));
    assert_eq!(pick("fr"), None);
}

#[test]
fn right_to_left_languages() {
    for l in ["ar", "he", "fa", "ur", "ar-EG"] {
        assert!(is_rtl(l), "{l}");
    }
    for l in ["en", "es", "zh-Hans", "arn"] {
        assert!(!is_rtl(l), "{l}");
    }
}

#[test]
fn clock_times_follow_the_locale() {
    let en = catalogue("en");
    assert_eq!(Clock::of("en-US").format(18 * 60 + 30, &en), "6:30 PM");
    assert_eq!(Clock::of("en-US").format(30, &en), "12:30 AM");
    assert_eq!(Clock::of("en-US").format(12 * 60, &en), "12:00 PM");
    assert_eq!(Clock::of("en-GB").format(18 * 60 + 30, &en), "18:30");
    assert_eq!(Clock::of("en").format(18 * 60 + 30, &en), "18:30");
    assert_eq!(Clock::of("es").format(24 * 60 + 5, &en), "00:05");
    assert_eq!(
        Clock::H12.format(9 * 60 + 5, &catalogue("es")),
        "9:05 a. m."
    );
}
