//! Scale: courses whose pages must not grow with their module or course, print
//! documents split by module, the build cache and grouped warnings. Built by the
//! real binary and checked by parsing the HTML.

mod support;

use support::*;

/// One module of `n` lessons, `l1` … `ln`.
fn one_module(n: usize) -> Fixture {
    let f = Fixture::new();
    f.module("01-big", "Big");
    for i in 1..=n {
        f.lesson(
            &format!("content/01-big/{i:03}-l{i}.md"),
            &format!("L{i}"),
            "Text.",
        );
    }
    f
}

#[test]
fn a_long_module_sidebar_shows_a_window_and_links_to_the_module() {
    let f = one_module(40);
    f.build_ok();
    let middle = f.page("big/l20/index.html");
    let listed = texts(&middle, ".sidebar-lessons li a");
    assert_eq!(listed.len(), 11, "{listed:?}");
    assert!(
        listed[0].contains("L15") && listed[10].contains("L25"),
        "{listed:?}"
    );
    assert_eq!(
        attr(&middle, ".sidebar-more a", "href").as_deref(),
        Some("../../big/index.html")
    );
    assert_eq!(
        texts(&middle, ".sidebar-more"),
        ["All 40 lessons of module 1"]
    );
    // At the edge, the window is cut short; the module page still lists all.
    assert_eq!(
        texts(&f.page("big/l1/index.html"), ".sidebar-lessons li a").len(),
        6
    );
    assert_eq!(
        texts(&f.page("big/index.html"), ".outline-lessons li a").len(),
        40
    );
}

#[test]
fn a_short_module_sidebar_lists_it_whole_without_a_module_link() {
    let f = one_module(20);
    f.build_ok();
    let page = f.page("big/l20/index.html");
    assert_eq!(texts(&page, ".sidebar-lessons li a").len(), 20);
    assert!(texts(&page, ".sidebar-more").is_empty());
}

/// Two modules of two lessons, each with a worksheet; lesson 1 links to lesson
/// 2 (same module) and to lesson 3 (the other one), with `[print] max_lessons`.
fn split_course(max_lessons: usize) -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        &format!("title = \"Split\"\nbase_url = \"https://org.github.io/course/\"\n[print]\nmax_lessons = {max_lessons}\n"),
    );
    let sheet = "\n\n::: {.worksheet title=\"Sheet\"}\nWhat now?\n\n[[lines 2]]\n:::\n";
    f.module("01-start", "Start");
    f.lesson(
        "content/01-start/01-one.md",
        "One",
        &format!(
            "## Steps\n\nOn to [two](02-two.md#steps) and [three](../02-more/01-three.md).{sheet}"
        ),
    );
    f.lesson(
        "content/01-start/02-two.md",
        "Two",
        &format!("## Steps\n\nText.{sheet}"),
    );
    f.module("02-more", "More");
    f.lesson(
        "content/02-more/01-three.md",
        "Three",
        &format!("## Steps\n\nText.{sheet}"),
    );
    f.lesson("content/02-more/02-four.md", "Four", "Text.");
    f
}

fn ids(doc: &scraper::Html) -> Vec<String> {
    doc.select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect()
}

/// Every id once, every in-page link to one of them.
fn assert_ids_unique_and_anchors_resolve(doc: &scraper::Html) {
    let ids = ids(doc);
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for a in doc.select(&sel("a[href^='#']")) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(unique.contains(&target.to_string()), "dangling #{target}");
    }
}

#[test]
fn a_course_up_to_max_lessons_prints_as_one_document() {
    let f = split_course(4);
    f.build_ok();
    let print = f.page("print/index.html");
    assert_eq!(
        texts(&print, ".print-lesson-title"),
        ["One", "Two", "Three", "Four"]
    );
    assert!(texts(&print, ".print-parts").is_empty());
    assert_eq!(
        texts(&f.page("worksheets/index.html"), ".sheet-title").len(),
        3
    );
    assert!(!f.public().join("start/print").exists());
    assert!(!f.public().join("start/worksheets").exists());
}

#[test]
fn above_max_lessons_print_lists_one_document_per_module() {
    let f = split_course(3);
    f.build_ok();
    let print = f.page("print/index.html");
    assert!(texts(&print, ".print-lesson").is_empty());
    let parts: Vec<String> = print
        .select(&sel(".print-parts a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        parts,
        ["../start/print/index.html", "../more/print/index.html"]
    );

    let start = f.page("start/print/index.html");
    assert_eq!(texts(&start, ".print-lesson-title"), ["One", "Two"]);
    assert_eq!(texts(&start, "h1"), ["Module 1: Start"]);
    assert_ids_unique_and_anchors_resolve(&start);
    let hrefs: Vec<String> = start
        .select(&sel(".print-lesson .prose a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    // Within the module: an in-page anchor, as in the one document; the other
    // module's lesson stays a link to its page.
    assert!(hrefs.contains(&"#lesson-2-steps".to_string()), "{hrefs:?}");
    assert!(
        hrefs.contains(&"../../more/three/index.html".to_string()),
        "{hrefs:?}"
    );
    // Lessons keep their number and id from the course.
    let more = f.page("more/print/index.html");
    assert_eq!(texts(&more, ".print-lesson-title"), ["Three", "Four"]);
    assert!(ids(&more).contains(&"lesson-3".to_string()));
    assert_ids_unique_and_anchors_resolve(&more);
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

#[test]
fn above_max_lessons_the_packet_lists_one_packet_per_module_with_worksheets() {
    let f = split_course(3);
    f.lesson("content/02-more/01-three.md", "Three", "No sheet.");
    f.write(
        "content/02-more/02-four.md",
        "+++\ntitle = \"Four\"\n+++\nNo sheet.\n",
    );
    f.build_ok();
    let packet = f.page("worksheets/index.html");
    assert!(texts(&packet, ".packet-sheet").is_empty());
    let parts: Vec<String> = packet
        .select(&sel(".packet-parts a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(parts, ["../start/worksheets/index.html"]);
    let start = f.page("start/worksheets/index.html");
    assert_eq!(texts(&start, ".sheet-title"), ["Sheet", "Sheet"]);
    assert_ids_unique_and_anchors_resolve(&start);
    assert!(!f.public().join("more/worksheets").exists());
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

/// A course with code in every lesson, for the build cache.
fn coded_course() -> Fixture {
    let f = Fixture::new();
    f.module("01-m", "M");
    for (i, lang) in ["rust", "python", "bash"].iter().enumerate() {
        f.lesson(
            &format!("content/01-m/0{i}-l{i}.md"),
            &format!("L{i}"),
            &format!(
                "Text.\n\n```{lang}\nlet x = {i}; // comment\n```\n\n```{lang}\nshared()\n```\n"
            ),
        );
    }
    f
}

/// The output of a build with the cache from earlier builds equals a build
/// without it, byte for byte; what the warm build printed.
fn assert_warm_equals_cold(f: &Fixture, what: &str) -> String {
    let warm = f.build(&[]);
    let said = stderr(&warm);
    assert!(warm.status.success(), "{what}: {said}");
    let cold = f.build(&["--no-cache", "--output", "cold"]);
    assert!(cold.status.success(), "{what}: {}", stderr(&cold));
    let (warm, cold) = (snapshot(&f.public()), snapshot(&f.root().join("cold")));
    assert!(!warm.is_empty());
    let differ: Vec<_> = warm
        .keys()
        .chain(cold.keys())
        .filter(|k| warm.get(*k) != cold.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these differ: {differ:?}");
    said
}

#[test]
fn a_warm_cache_builds_the_same_bytes_as_a_cold_build_after_each_kind_of_edit() {
    let f = coded_course();
    f.build_ok();
    let cache = f.root().join(".public.trellis-cache");
    assert!(cache.is_file(), "the first build writes the cache");
    assert_warm_equals_cold(&f, "unchanged");
    f.lesson(
        "content/01-m/00-l0.md",
        "L0",
        "Edited.\n\n```rust\nlet y = 2;\n```\n",
    );
    assert_warm_equals_cold(&f, "a body");
    f.lesson(
        "content/01-m/01-l1.md",
        "L1 renamed",
        "Text.\n\n```python\nlet x = 1; // comment\n```\n",
    );
    assert_warm_equals_cold(&f, "a title");
    f.write(
        "site.toml",
        "title = \"Renamed course\"\nbase_url = \"https://example.org/c/\"\n",
    );
    assert_warm_equals_cold(&f, "the config");
    f.write(
        "templates/markdown/code.html",
        "<pre class=\"mine\"><code>{{ content | safe }}</code></pre>",
    );
    assert_warm_equals_cold(&f, "a template");
    // `--no-cache` neither reads nor writes it.
    let before = std::fs::read(&cache).unwrap();
    f.lesson("content/01-m/02-l2.md", "L2", "```bash\necho new\n```\n");
    assert!(f.build(&["--no-cache"]).status.success());
    assert_eq!(std::fs::read(&cache).unwrap(), before);
}

/// Change every `shared` in the file at `path` to `sharex`, keeping its
/// length, so its entries still fit together; how many were changed.
fn tamper(path: &std::path::Path) -> usize {
    let mut bytes = std::fs::read(path).unwrap();
    let (mut at, mut changed) = (0, 0);
    while let Some(k) = bytes[at..].windows(6).position(|w| w == b"shared") {
        bytes[at + k + 5] = b'x';
        at += k + 6;
        changed += 1;
    }
    std::fs::write(path, &bytes).unwrap();
    changed
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_changes_no_byte() {
    let f = coded_course();
    f.build_ok();
    let cache = f.root().join(".public.trellis-cache");
    let mut bytes = std::fs::read(&cache).unwrap();
    let n = bytes.len();
    bytes.truncate(n - 3);
    std::fs::write(&cache, &bytes).unwrap();
    let out = f.build(&[]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("note: ignored the build cache")
            && stderr(&out).contains("it is damaged"),
        "{}",
        stderr(&out)
    );
    assert_warm_equals_cold(&f, "after a damaged cache");
    // A cache whose blocks were tampered with is never trusted: a hit is
    // compared in full with the block's code.
    let text = String::from_utf8_lossy(&std::fs::read(&cache).unwrap()).replace("shared", "sharex");
    std::fs::write(&cache, text.as_bytes()).unwrap();
    assert_warm_equals_cold(&f, "after a tampered cache");
    // Nor are parsed pages whose bytes changed (the same length, so they still
    // read as docs): each is checked against its checksum.
    let docs = f.root().join(".public.trellis-docs");
    assert!(tamper(&docs) > 0, "the pages' text is in the docs cache");
    let said = assert_warm_equals_cold(&f, "after a tampered docs cache");
    assert!(
        said.contains(".public.trellis-docs had 3 damaged pages; they were made again"),
        "{said}"
    );
}

#[test]
fn damaged_code_blocks_in_the_cache_are_highlighted_again_with_a_note() {
    let f = coded_course();
    f.build_ok();
    // The three blocks whose code is `shared()` (in three languages; the word
    // is in each one's code and HTML): the file still fits together, but those
    // blocks no longer match their checksums.
    let cache = f.root().join(".public.trellis-cache");
    assert_eq!(tamper(&cache), 6);
    // Without the parsed pages, every page is parsed again and asks for its blocks.
    std::fs::remove_file(f.root().join(".public.trellis-docs")).unwrap();
    let said = assert_warm_equals_cold(&f, "after damaged code blocks");
    assert!(
        said.contains(".public.trellis-cache had 3 damaged code blocks; they were made again"),
        "{said}"
    );
    // The cache was written again: the next build finds nothing damaged.
    let said = assert_warm_equals_cold(&f, "after the cache was written again");
    assert!(!said.contains("damaged"), "{said}");
}

#[test]
fn the_same_warning_in_many_lessons_prints_once_with_a_count() {
    let f = Fixture::new();
    for i in 1..=12 {
        f.lesson(
            &format!("content/{i:02}-x{i}.md"),
            &format!("X{i}"),
            "```klingon\nqapla'\n```\n",
        );
    }
    let stderr = f.build_ok();
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("klingon")).collect();
    assert_eq!(
        lines,
        ["content/01-x1.md:7:1: warning: unknown code language `klingon`; shown as plain text"],
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= the same warning in 11 more places: content/02-x2.md:7:1, \
             content/03-x3.md:7:1, content/04-x4.md:7:1 and 8 more"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("(12 warnings)") || !stderr.contains("warnings)"),
        "{stderr}"
    );
}
