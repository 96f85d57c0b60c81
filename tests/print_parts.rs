//! Print documents and packets in parts (issue 13): a module longer than
//! `[print] max_lessons` prints as `/<module>/print/1/`, `/2/`…, each holding
//! only its lessons, and its packet splits by the same lessons. The fixture is
//! `tests/fixtures/print-parts/` (`max_lessons = 3`, a module of 8 lessons and
//! one of 2), built once; pages are checked by parsing their HTML, and the
//! titles and contents of every document against `expected/documents.snap`.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use scraper::Html;
use support::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/print-parts");

fn parts_course() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    built_once(&F, || {
        let f = Fixture::new();
        copy_dir(Path::new(FIXTURE), f.root());
        std::fs::remove_dir_all(f.root().join("expected")).ok();
        f
    })
}

fn hrefs(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

fn ids(doc: &Html) -> Vec<String> {
    doc.select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect()
}

/// Every id once, every in-page link to one of them.
fn assert_ids_unique_and_anchors_resolve(doc: &Html, what: &str) {
    let ids = ids(doc);
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{what}: duplicate ids: {ids:?}");
    for target in hrefs(doc, "a[href^='#']") {
        assert!(
            unique.contains(&target[1..].to_string()),
            "{what}: dangling {target}"
        );
    }
}

const PRINT_PARTS: [&str; 3] = [
    "big/print/1/index.html",
    "big/print/2/index.html",
    "big/print/3/index.html",
];
const PACKET_PARTS: [&str; 3] = [
    "big/worksheets/1/index.html",
    "big/worksheets/2/index.html",
    "big/worksheets/3/index.html",
];

#[test]
fn a_module_longer_than_max_lessons_lists_its_parts_and_holds_no_lesson() {
    let f = parts_course();
    let whole = f.page("big/print/index.html");
    assert!(texts(&whole, ".print-lesson").is_empty());
    assert_eq!(
        hrefs(&whole, ".print-parts a"),
        [
            "../../big/print/1/index.html",
            "../../big/print/2/index.html",
            "../../big/print/3/index.html"
        ]
    );
    assert_eq!(
        texts(&whole, ".print-parts li"),
        [
            "Part 1: lessons 1–3 (3 lessons)",
            "Part 2: lessons 4–6 (3 lessons)",
            "Part 3: lessons 7–8 (2 lessons)"
        ]
    );
    // The course's document still lists the module's, which lists its parts.
    assert_eq!(
        hrefs(&f.page("print/index.html"), ".print-parts a"),
        ["../big/print/index.html", "../small/print/index.html"]
    );
}

#[test]
fn every_lesson_of_the_module_is_in_exactly_one_part_which_holds_only_its_own() {
    let f = parts_course();
    let per_part: Vec<Vec<String>> = PRINT_PARTS
        .iter()
        .map(|p| texts(&f.page(p), ".print-lesson-title"))
        .collect();
    assert_eq!(
        per_part,
        [
            vec!["Big 1", "Big 2", "Big 3"],
            vec!["Big 4", "Big 5", "Big 6"],
            vec!["Big 7", "Big 8"]
        ]
    );
    // The module of 2 lessons prints whole.
    assert_eq!(
        texts(&f.page("small/print/index.html"), ".print-lesson-title"),
        ["Small 1", "Small 2"]
    );
    assert!(!f.public().join("small/print/1").exists());
}

#[test]
fn each_part_keeps_the_ids_and_anchors_of_the_one_document() {
    let f = parts_course();
    for p in PRINT_PARTS.iter().chain(&PACKET_PARTS) {
        assert_ids_unique_and_anchors_resolve(&f.page(p), p);
    }
    let second = f.page(PRINT_PARTS[1]);
    // Lessons keep their number and id from the course.
    assert!(ids(&second).contains(&"lesson-4".to_string()));
    let links = hrefs(&second, ".print-lesson .prose a");
    // Within the part: an in-page anchor; a lesson in another part or module
    // stays a link to its page.
    assert!(links.contains(&"#lesson-5-steps".to_string()), "{links:?}");
    assert!(
        links.contains(&"../../../big/b1/index.html#steps".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"../../../big/b8/index.html".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"../../../small/s1/index.html".to_string()),
        "{links:?}"
    );
}

#[test]
fn parts_link_to_the_parts_before_and_after_and_to_the_list() {
    let f = parts_course();
    let nav = |p: &str| hrefs(&f.page(p), ".print-part-nav a");
    assert_eq!(
        nav(PRINT_PARTS[0]),
        [
            "../../../big/print/index.html",
            "../../../big/print/2/index.html"
        ]
    );
    assert_eq!(
        nav(PRINT_PARTS[1]),
        [
            "../../../big/print/1/index.html",
            "../../../big/print/index.html",
            "../../../big/print/3/index.html"
        ]
    );
    assert_eq!(
        nav(PACKET_PARTS[2]),
        [
            "../../../big/worksheets/2/index.html",
            "../../../big/worksheets/index.html"
        ]
    );
}

#[test]
fn the_packet_splits_by_the_same_lessons_with_each_worksheet_once() {
    let f = parts_course();
    let whole = f.page("big/worksheets/index.html");
    assert!(texts(&whole, ".packet-sheet").is_empty());
    assert_eq!(
        hrefs(&whole, ".packet-parts a"),
        [
            "../../big/worksheets/1/index.html",
            "../../big/worksheets/2/index.html",
            "../../big/worksheets/3/index.html"
        ]
    );
    let per_part: Vec<Vec<String>> = PACKET_PARTS
        .iter()
        .map(|p| texts(&f.page(p), ".packet-sheet .sheet-title"))
        .collect();
    // Lesson 4's quiz follows its worksheet; lesson 5 has none; the planner,
    // a worksheet of its own, follows the module's last lesson.
    assert_eq!(
        per_part,
        [
            vec!["Sheet 1", "Sheet 2", "Sheet 3"],
            vec!["Sheet 4", "Self-check · Big 4", "Sheet 6"],
            vec!["Sheet 7", "Sheet 8", "Planner"]
        ]
    );
    let all: Vec<String> = per_part.concat();
    let mut once = all.clone();
    once.sort();
    once.dedup();
    assert_eq!(once.len(), all.len());
    assert_eq!(
        hrefs(&f.page("worksheets/index.html"), ".packet-parts a"),
        [
            "../big/worksheets/index.html",
            "../small/worksheets/index.html"
        ]
    );
}

#[test]
fn a_course_printed_in_parts_has_no_broken_link() {
    let f = parts_course();
    assert_eq!(broken_links(&f.public(), "/"), Vec::<String>::new());
    assert_eq!(broken_links(&f.public(), "/sub/"), Vec::<String>::new());
    let check = trellis(f.root(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains(" 0 errors"), "{}", stderr(&check));
}

/// Each print document and packet, one line per fact: its `<title>`, heading,
/// what it lists and what it holds.
fn documents(site: &Path) -> String {
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    for dir in ["print", "worksheets"] {
        for path in ["", "big/", "small/", "big/1/", "big/2/", "big/3/"] {
            let (module, part) = path.split_once('/').unwrap_or(("", ""));
            let rel = match (module, part) {
                ("", _) => format!("{dir}/index.html"),
                (m, "") => format!("{m}/{dir}/index.html"),
                (m, p) => format!("{m}/{dir}/{p}index.html"),
            };
            if !site.join(&rel).is_file() {
                continue;
            }
            let doc = page(&site.join(&rel));
            let mut lines = vec![
                format!("title: {}", texts(&doc, "title").join("")),
                format!("h1: {}", texts(&doc, "h1").join("")),
            ];
            for (label, s) in [
                ("lists", ".print-parts li, .packet-parts li"),
                ("holds", ".print-lesson-title, .packet-sheet .sheet-title"),
                ("nav", ".print-part-nav a"),
            ] {
                let found = texts(&doc, s);
                if !found.is_empty() {
                    lines.push(format!("{label}: {}", found.join(" | ")));
                }
            }
            docs.insert(rel, lines.join("\n  "));
        }
    }
    docs.into_iter()
        .map(|(rel, lines)| format!("{rel}\n  {lines}\n"))
        .collect()
}

#[test]
fn print_documents_and_packets_match_their_snapshot() {
    let f = parts_course();
    insta::with_settings!({
        snapshot_path => Path::new(FIXTURE).join("expected"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("documents", documents(&f.public()));
    });
}

/// A course without modules, longer than `max_lessons`, prints in parts at
/// `/print/1/`…, titled in the course's language.
#[test]
fn a_flat_course_longer_than_max_lessons_prints_in_parts_titled_in_its_language() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"Plano\"\nlanguage = \"es\"\nbase_url = \"https://org.github.io/course/\"\n[print]\nmax_lessons = 2\n",
    );
    for i in 1..=5 {
        f.lesson(
            &format!("content/0{i}-f{i}.md"),
            &format!("F{i}"),
            "::: {.worksheet title=\"Ficha\"}\n[[lines 1]]\n:::\n",
        );
    }
    f.build_ok();
    let whole = f.page("print/index.html");
    assert!(texts(&whole, ".print-lesson").is_empty());
    assert_eq!(
        hrefs(&whole, ".print-parts a"),
        [
            "../print/1/index.html",
            "../print/2/index.html",
            "../print/3/index.html"
        ]
    );
    let third = f.page("print/3/index.html");
    assert_eq!(texts(&third, "h1"), ["Plano — parte 3 de 3 (lección 5)"]);
    assert_eq!(texts(&third, ".print-lesson-title"), ["F5"]);
    assert_eq!(
        texts(
            &f.page("worksheets/2/index.html"),
            ".packet-sheet .sheet-title"
        ),
        ["Ficha", "Ficha"]
    );
    assert_eq!(broken_links(&f.public(), "/sub/"), Vec::<String>::new());
}
