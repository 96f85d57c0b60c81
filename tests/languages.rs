//! Languages: the interface in the course's language (catalogues, plurals, RTL),
//! author overrides, and multilingual courses (editions under prefixes, the
//! switcher, hreflang, links). Browser checks are in tests/multilingual.rs.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use scraper::{ElementRef, Html};
use support::*;

/// Words an English string shares with Spanish, or that are names: allowed on
/// Spanish pages.
const ALLOWED: &[&str] = &[
    "PDF", "No", "Total", "Agenda", "Min", "min", "Notas", "Trellis",
];

/// The English catalogue's text: each message's literal parts (between
/// placeables and variants), at least three letters long.
fn english_strings() -> BTreeSet<String> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn walk(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for e in &p.elements {
            match e {
                PatternElement::TextElement { value } => {
                    let v = value
                        .trim()
                        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '“' || c == '”');
                    if v.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !ALLOWED.contains(&v)
                    {
                        out.insert(v.to_string());
                    }
                }
                PatternElement::Placeable { expression } => {
                    if let Expression::Select { variants, .. } = expression {
                        for v in variants {
                            walk(&v.value, out);
                        }
                    } else if let Expression::Inline(InlineExpression::Placeable { .. }) =
                        expression
                    {
                    }
                }
            }
        }
    }
    let (_, en) = trellis::render::theme::EMBEDDED
        .iter()
        .find(|(p, _)| *p == "i18n/en.ftl")
        .unwrap();
    let res = fluent_syntax::parser::parse(*en).unwrap();
    let mut out = BTreeSet::new();
    for e in &res.body {
        if let Entry::Message(m) = e {
            if m.id.name == "language-name" || m.id.name.starts_with("clock-") {
                continue;
            }
            if let Some(v) = &m.value {
                walk(v, &mut out);
            }
        }
    }
    out
}

/// Text a reader sees or hears: text nodes outside script and style, and the
/// aria-label, title, placeholder and alt attributes.
fn visible_strings(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.tree.root().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !hidden && !t.trim().is_empty() {
                out.push(t.trim().to_string());
            }
        } else if let Some(e) = ElementRef::wrap(node) {
            for a in ["aria-label", "title", "placeholder", "alt"] {
                if let Some(v) = e.value().attr(a) {
                    out.push(v.to_string());
                }
            }
        }
    }
    out
}

/// Whether `needle` occurs in `hay` as whole words.
fn has_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

fn bundled() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    &SITE.get_or_init(bundled_site).1
}

#[test]
fn spanish_pages_of_the_bundled_course_show_no_english_interface_string() {
    let site = bundled();
    let english = english_strings();
    assert!(english.len() > 100, "{}", english.len());
    let es = site.join("es");
    let pages = html_files(&es);
    assert!(pages.len() > 25, "{} Spanish pages", pages.len());
    let mut found = Vec::new();
    for p in &pages {
        let doc = page(p);
        assert_eq!(
            attr(&doc, "html", "lang").as_deref(),
            Some("es"),
            "{}",
            p.display()
        );
        for text in visible_strings(&doc) {
            for e in &english {
                if has_words(&text, e) {
                    found.push(format!(
                        "{}: {e:?} in {text:?}",
                        p.strip_prefix(site).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} English strings:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_bundled_course_builds_in_english_and_spanish() {
    let site = bundled();
    let en = page(&site.join("index.html"));
    let es = page(&site.join("es/index.html"));
    assert_eq!(attr(&en, "html", "lang").as_deref(), Some("en"));
    assert_eq!(attr(&es, "html", "lang").as_deref(), Some("es"));
    assert_eq!(
        texts(&es, ".course-facts"),
        ["3 módulos · 7 lecciones · unos 540 minutos de sesiones · 13 fichas para imprimir"]
    );
    assert_eq!(lesson_pages(site).len(), 7);
    assert_eq!(lesson_pages(&site.join("es")).len(), 7);
    for p in [
        "es/worksheets/index.html",
        "es/print/index.html",
        "es/facilitator/index.html",
        "es/search/index.html",
        "es/sitemap.xml",
        "es/static/search-index.js",
    ] {
        assert!(site.join(p).is_file(), "{p}");
    }
}

#[test]
fn hreflang_links_are_absolute_reciprocal_and_lead_to_built_pages() {
    let site = bundled();
    let base = "https://org.github.io/course/";
    let mut checked = 0;
    for p in html_files(site) {
        let rel = p
            .strip_prefix(site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("404.html") {
            continue;
        }
        let doc = page(&p);
        let alts: Vec<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        let langs: Vec<&str> = alts.iter().map(|(l, _)| l.as_str()).collect();
        assert!(langs.contains(&"x-default"), "{rel}: {alts:?}");
        let own = attr(&doc, "html", "lang").unwrap();
        let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
        assert!(
            alts.contains(&(own.clone(), canonical.clone())),
            "{rel}: self reference {alts:?}"
        );
        for (lang, href) in &alts {
            let path = href
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{rel}: {href} is not absolute under base_url"));
            let file = site.join(path).join("index.html");
            assert!(file.is_file(), "{rel}: {lang} -> {href}");
            if lang == "x-default" {
                assert!(!path.starts_with("es/"), "{rel}: x-default {href}");
                continue;
            }
            // Reciprocal: the alternate names this page back.
            let back = page(&file);
            let backs: Vec<String> = back
                .select(&sel("link[rel=alternate][hreflang]"))
                .map(|e| e.value().attr("href").unwrap().to_string())
                .collect();
            assert!(
                backs.contains(&canonical),
                "{rel}: {href} does not link back"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn every_link_of_both_languages_resolves_at_a_sub_path_and_from_file_urls() {
    let site = bundled();
    // Relative links only: a file:// folder is one more sub-path.
    for prefix in ["sub/path/", "home/reader/Downloads/course/"] {
        assert_eq!(broken_links(site, prefix), Vec::<String>::new(), "{prefix}");
    }
}

#[test]
fn the_switcher_leads_to_the_same_lesson_in_the_other_language() {
    let site = bundled();
    let lesson = "foundations/what-is-secure-attachment/index.html";
    let en = page(&site.join(lesson));
    let links: Vec<(String, String)> = en
        .select(&sel(".language-switcher a"))
        .map(|a| {
            (
                a.value().attr("hreflang").unwrap().to_string(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [(
            "es".to_string(),
            "../../es/foundations/what-is-secure-attachment/index.html".to_string()
        )]
    );
    let es = page(&site.join("es").join(lesson));
    assert_eq!(
        attr(&es, ".language-switcher a", "href").as_deref(),
        Some("../../../foundations/what-is-secure-attachment/index.html")
    );
    assert_eq!(texts(&es, ".language-switcher [aria-current]"), ["Español"]);
    assert_eq!(texts(&en, ".language-switcher [aria-current]"), ["English"]);
}

fn two_language_fixture() -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", "title = \"Course\"\nbase_url = \"https://org.github.io/course/\"\n\n[languages.es]\ntitle = \"Curso\"\n");
    f.module("01-m", "Module");
    f.lesson(
        "content/01-m/01-a.md",
        "Alpha",
        "Read [beta](02-b.md).\n\n## Part one\n\n[[lines 2]]\n",
    );
    f.lesson("content/01-m/02-b.md", "Beta", "Beta text.");
    f.lesson("content/01-m/01-a.es.md", "Alfa", "Lee [beta](02-b.md).\n");
    f
}

#[test]
fn a_missing_translation_leads_to_the_language_home_and_says_so() {
    let f = two_language_fixture();
    f.build_ok();
    let beta = f.page("m/b/index.html");
    assert_eq!(
        attr(&beta, ".language-switcher a", "href").as_deref(),
        Some("../../es/index.html")
    );
    assert_eq!(
        attr(&beta, ".language-switcher a", "aria-describedby").as_deref(),
        Some("missing-es")
    );
    assert_eq!(
        texts(&beta, "#missing-es"),
        ["This page is not translated yet; the link leads to the course home in Español."]
    );
    // No hreflang for a page that has no translation; its own and x-default stay.
    let langs: Vec<String> = beta
        .select(&sel("link[rel=alternate]"))
        .map(|e| e.value().attr("hreflang").unwrap().to_string())
        .collect();
    assert_eq!(langs, ["en", "x-default"]);
    // The Spanish edition has the translated lesson only; its link to the
    // untranslated one leads to the English page.
    assert!(!f.public().join("es/m/b/index.html").exists());
    let alfa = f.page("es/m/a/index.html");
    assert_eq!(
        attr(&alfa, ".prose a", "href").as_deref(),
        Some("../../../m/b/index.html")
    );
    assert_eq!(texts(&alfa, ".lesson-position"), ["Lección 1 de 1"]);
    assert!(
        broken_links(&f.public(), "sub/").is_empty(),
        "{:?}",
        broken_links(&f.public(), "sub/")
    );
}

#[test]
fn a_module_with_nothing_translated_is_left_out_of_the_translation() {
    let f = two_language_fixture();
    f.module("02-n", "Second module");
    f.lesson("content/02-n/01-c.md", "Gamma", "Gamma text.");
    f.build_ok();
    assert_eq!(texts(&f.page("index.html"), ".outline-group h3").len(), 2);
    let es = f.page("es/index.html");
    let modules = texts(&es, ".outline-group h3");
    assert_eq!(modules.len(), 1, "{modules:?}");
    assert!(modules[0].contains("Module"), "{modules:?}");
    assert!(!f.public().join("es/n/index.html").exists());
}

#[test]
fn a_course_with_one_language_has_no_switcher_and_no_hreflang() {
    let f = Fixture::new();
    f.module("01-m", "Module");
    f.lesson("content/01-m/01-a.md", "Alpha", "Text.");
    f.build_ok();
    let a = f.page("m/a/index.html");
    assert!(a.select(&sel(".language-switcher")).next().is_none());
    assert!(a.select(&sel("link[rel=alternate]")).next().is_none());
}

#[test]
fn without_base_url_hreflang_is_left_out_with_a_note() {
    let f = two_language_fixture();
    f.write(
        "site.toml",
        "title = \"Course\"\n\n[languages.es]\ntitle = \"Curso\"\n",
    );
    let err = f.build_ok();
    assert!(err.contains("note: hreflang links left out"), "{err}");
    let a = f.page("m/a/index.html");
    assert!(a.select(&sel("link[rel=alternate]")).next().is_none());
    assert!(a.select(&sel(".language-switcher a")).next().is_some());
}

#[test]
fn a_translation_into_an_unlisted_language_is_a_warning() {
    let f = Fixture::new();
    f.module("01-m", "Module");
    f.lesson("content/01-m/01-a.md", "Alpha", "Text.");
    f.lesson("content/01-m/01-a.fr.md", "Alpha", "Texte.");
    let err = f.build_ok();
    assert!(
        err.contains("content/01-m/01-a.fr.md: warning: a translation into `fr`, a language site.toml does not list"),
        "{err}"
    );
    assert!(!f.public().join("fr").exists());
}

#[test]
fn a_language_tag_that_is_a_page_address_is_an_error() {
    fails_and_keeps_output(
        |f| {
            f.write("site.toml", "title = \"T\"\n\n[languages.m]\ntitle = \"M\"\n");
        },
        &["site.toml:3:1: error: [languages.m]: `m` is also the address of a page of the course (`/m/`)"],
    );
}

#[test]
fn arabic_course_is_right_to_left_in_arabic() {
    let f = Fixture::new();
    f.write("site.toml", "title = \"دورة\"\nlanguage = \"ar\"\n");
    f.module("01-m", "الوحدة");
    f.lesson("content/01-m/01-a.md", "الأول", "نص.");
    f.lesson("content/01-m/02-b.md", "الثاني", "نص.");
    f.build_ok();
    let a = f.page("m/a/index.html");
    assert_eq!(attr(&a, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(attr(&a, "html", "lang").as_deref(), Some("ar"));
    assert_eq!(texts(&a, ".lesson-position"), ["الدرس 1 من 2"]);
    assert_eq!(texts(&a, ".pager-next .pager-label"), ["التالي: الدرس 2"]);
    let home = f.page("index.html");
    assert_eq!(
        texts(&home, ".course-facts"),
        ["وحدة واحدة · درسان · نحو 60 دقيقة من الجلسات · لا أوراق عمل للطباعة"]
    );
    let en = Fixture::new();
    en.build_ok();
    assert_eq!(
        attr(&en.page("index.html"), "html", "dir").as_deref(),
        Some("ltr")
    );
}

/// Regression: the home page said "1 printable worksheets".
#[test]
fn one_worksheet_is_singular_on_the_home_page() {
    let f = Fixture::new();
    f.module("01-m", "Module");
    f.lesson(
        "content/01-m/01-a.md",
        "Alpha",
        "::: worksheet\n[[lines 2]]\n:::\n",
    );
    f.build_ok();
    assert_eq!(
        texts(&f.page("index.html"), ".course-facts"),
        ["1 module · 1 lesson · about 30 minutes of sessions · 1 printable worksheet"]
    );
}

#[test]
fn strings_in_site_toml_and_a_course_catalogue_override_the_theme() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"T\"\n\n[strings]\nmark-done = \"I did this one\"\nhome-lessons = \"\"\"\n{ $count ->\n  [one] one step\n *[other] { $count } steps\n}\"\"\"\n",
    );
    f.write(
        "i18n/en.ftl",
        "worksheet = Handout\nskip-link = Jump to the lesson\n",
    );
    f.module("01-m", "Module");
    f.lesson(
        "content/01-m/01-a.md",
        "Alpha",
        "::: worksheet\n[[lines 2]]\n:::\n",
    );
    f.build_ok();
    let a = f.page("m/a/index.html");
    assert_eq!(texts(&a, "#done-toggle"), ["I did this one"]);
    assert_eq!(texts(&a, ".skip-link"), ["Jump to the lesson"]);
    assert_eq!(texts(&a, ".worksheet .block-label"), ["Handout"]);
    assert!(texts(&f.page("index.html"), ".course-facts")[0].starts_with("1 module · one step · "));
}

#[test]
fn a_broken_course_catalogue_is_an_error_at_its_line() {
    fails_and_keeps_output(
        |f| {
            f.write("i18n/es.ftl", "ok = Bien\nbad { = x\n");
            f.write("site.toml", "title = \"T\"\nlanguage = \"es\"\n");
        },
        &["i18n/es.ftl:2:5: error: in a message catalogue: Expected a token starting with \"=\""],
    );
}

#[test]
fn us_english_agendas_use_a_12_hour_clock_unless_told_otherwise() {
    let f = Fixture::new();
    f.write("site.toml", "title = \"T\"\nlanguage = \"en-US\"\n");
    f.module("01-m", "Module");
    f.write(
        "content/01-m/01-a.md",
        "+++\ntitle = \"A\"\nduration = 30\n[[session]]\nkind = \"welcome\"\nminutes = 10\n[[session]]\nkind = \"check-in\"\nminutes = 20\n+++\nText.\n",
    );
    f.build_ok();
    let guide = f.page("facilitator/index.html");
    assert_eq!(
        texts(&guide, ".agenda-time"),
        ["6:30 PM–6:40 PM", "6:40 PM–7:00 PM"]
    );
    assert_eq!(
        texts(&guide, ".agenda tbody td:nth-child(3)"),
        ["Welcome", "Check-in"]
    );
    f.write(
        "site.toml",
        "title = \"T\"\nlanguage = \"en-US\"\n[facilitator]\nclock = \"24h\"\n",
    );
    f.build_ok();
    let guide = f.page("facilitator/index.html");
    assert_eq!(
        texts(&guide, ".agenda-time"),
        ["18:30–18:40", "18:40–19:00"]
    );
}

#[test]
fn check_lists_missing_translations_and_translations_lacking_headings_or_fields() {
    let f = two_language_fixture();
    f.lesson("content/01-m/01-a.es.md", "Alfa", "Lee [beta](02-b.md).\n");
    let out = trellis(f.root(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("content/01-m/02-b.md: warning: no translation into `es`\n  = help: add content/01-m/02-b.es.md"),
        "{err}"
    );
    assert!(
        err.contains("content/01-m/01-a.es.md: warning: the original has 1 level-2 headings, this translation 0"),
        "{err}"
    );
    f.lesson(
        "content/01-m/01-a.es.md",
        "Alfa",
        "Lee [beta](02-b.md).\n\n## Primera parte\n\n::: worksheet\n[[lines 2]]\n:::\n",
    );
    f.lesson(
        "content/01-m/01-a.md",
        "Alpha",
        "Read [beta](02-b.md).\n\n## Part one\n\n::: worksheet\n[[lines 2]]\n\n- [ ] Tried it\n:::\n",
    );
    let err = stderr(&trellis(f.root(), &["check"]));
    assert!(
        err.contains("content/01-m/01-a.es.md: warning: the original has 2 worksheet fields, this translation 1"),
        "{err}"
    );
    assert!(!err.contains("headings"), "{err}");
}

#[test]
fn the_bundled_spanish_edition_is_complete() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let err = stderr(&trellis(repo, &["check"]));
    assert!(!err.contains("translation"), "{err}");
}

#[test]
fn the_root_sitemap_lists_every_edition_but_no_facilitator_page() {
    let site = bundled();
    let text = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("<url><loc>")?
                .strip_suffix("</loc></url>")
        })
        .collect();
    for want in [
        "https://org.github.io/course/",
        "https://org.github.io/course/foundations/what-is-secure-attachment/",
        "https://org.github.io/course/es/",
        "https://org.github.io/course/es/foundations/what-is-secure-attachment/",
        "https://org.github.io/course/es/worksheets/",
    ] {
        assert!(locs.contains(&want), "{want} not in {locs:?}");
    }
    assert!(
        !locs
            .iter()
            .any(|l| l.contains("facilitator") || l.contains("search")),
        "{locs:?}"
    );
}
