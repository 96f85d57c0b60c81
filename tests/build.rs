//! Integration tests: small fixture courses built by the real binary, checked by
//! parsing the HTML they produce.

mod support;

use support::*;

fn two_module_course() -> Fixture {
    let f = Fixture::new();
    f.module("01-start", "Getting started");
    f.lesson("content/01-start/01-hello.md", "Hello", "## First steps\n\nSee [the next one](02-world.md) and [later](../02-more/01-deep.md#going-deeper).\n");
    f.lesson(
        "content/01-start/02-world.md",
        "World",
        "Back to [the start](/start/).\n",
    );
    f.module("02-more", "More");
    f.lesson(
        "content/02-more/01-deep.md",
        "Deep",
        "## Going deeper\n\nText.\n",
    );
    f.lesson("content/02-more/02-wide.md", "Wide", "Wide text.\n");
    f
}

#[test]
fn rel_next_from_home_walks_every_lesson_in_order() {
    let f = two_module_course();
    f.build_ok();
    let mut path = String::new();
    let mut visited = Vec::new();
    let home = f.page("index.html");
    let mut next = attr(&home, "a[rel=next]", "href").expect("home links to the first lesson");
    loop {
        let target = resolve_as_served(
            "/",
            if path.is_empty() { "index.html" } else { &path },
            &next,
        )
        .unwrap();
        let doc = f.page(&target);
        visited.push((
            texts(&doc, "h1")[0].clone(),
            texts(&doc, ".lesson-position")[0].clone(),
        ));
        // Every page has exactly one h1.
        assert_eq!(texts(&doc, "h1").len(), 1);
        path = target;
        match attr(&doc, "a[rel=next]", "href") {
            Some(n) => next = n,
            None => break,
        }
    }
    let expected: Vec<(String, String)> = [("Hello", 1), ("World", 2), ("Deep", 3), ("Wide", 4)]
        .iter()
        .map(|(t, n)| (t.to_string(), format!("Lesson {n} of 4")))
        .collect();
    assert_eq!(visited, expected);
    // Previous crosses the module boundary too.
    let deep = f.page("more/deep/index.html");
    assert_eq!(
        attr(&deep, "a[rel=prev]", "href").as_deref(),
        Some("../../start/world/index.html")
    );
    assert_eq!(texts(&deep, ".breadcrumbs a")[1], "Module 2: More");
}

#[test]
fn links_are_relative_and_resolve_at_a_sub_path_and_at_the_root() {
    let f = two_module_course();
    f.build_ok();
    let hello = f.page("start/hello/index.html");
    let hrefs: Vec<String> = hello
        .select(&sel(".prose a"))
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        [
            "../../start/world/index.html",
            "../../more/deep/index.html#going-deeper"
        ]
    );
    let world = f.page("start/world/index.html");
    assert_eq!(
        attr(&world, ".prose a", "href").as_deref(),
        Some("../../start/index.html"),
        "absolute links are made relative"
    );
    for prefix in ["/", "/some-sub-path/"] {
        let broken = broken_links(&f.public(), prefix);
        assert!(broken.is_empty(), "broken at {prefix}: {broken:#?}");
    }
}

#[test]
fn the_crawler_itself_catches_a_link_that_escapes_a_sub_path() {
    // A guard on the test helper: an extra ../ works at / but not at a sub-path.
    assert_eq!(
        resolve_as_served("/", "a/index.html", "../../x.html").as_deref(),
        Some("x.html")
    );
    assert_eq!(
        resolve_as_served("/sub/", "a/index.html", "../../x.html"),
        None
    );
}

#[test]
fn home_outline_module_list_and_output_extras() {
    let f = two_module_course();
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(
        texts(&home, ".outline-group h3"),
        ["Module 1: Getting started", "Module 2: More"]
    );
    assert_eq!(
        texts(&home, ".outline-lesson .lesson-summary")[0],
        "About Hello."
    );
    assert_eq!(texts(&home, ".outline-lesson .duration")[0], "30 min");
    let module = f.page("start/index.html");
    assert_eq!(
        texts(&module, ".outline-lesson > a"),
        ["Lesson 1. Hello", "Lesson 2. World"]
    );
    assert!(f.public().join(".nojekyll").is_file());
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://org.github.io/course/more/deep/</loc>"));
    let lesson = f.page("start/hello/index.html");
    assert_eq!(
        attr(&lesson, "link[rel=canonical]", "href").as_deref(),
        Some("https://org.github.io/course/start/hello/")
    );
    assert_eq!(attr(&lesson, "html", "lang").as_deref(), Some("en"));
    // The 404 page carries its own CSS so it is styled at any depth.
    let nf = f.page("404.html");
    let inline_css: String = nf.select(&sel("style")).next().unwrap().text().collect();
    let theme_css = std::fs::read_to_string(f.public().join("static/style.css")).unwrap();
    assert_eq!(inline_css, theme_css);
    assert_eq!(nf.select(&sel("link[rel=stylesheet]")).count(), 0);
    assert_eq!(
        attr(&nf, "a.button", "href").as_deref(),
        Some("https://org.github.io/course/")
    );
}

#[test]
fn flat_course_without_modules() {
    let f = Fixture::new();
    f.lesson("content/01-one.md", "One", "Text.");
    f.lesson("content/02-two.md", "Two", "Text.");
    f.build_ok();
    let two = f.page("two/index.html");
    assert_eq!(texts(&two, ".lesson-position"), ["Lesson 2 of 2"]);
    assert_eq!(
        attr(&two, "a[rel=prev]", "href").as_deref(),
        Some("../one/index.html")
    );
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

#[test]
fn yaml_front_matter_weight_and_drafts() {
    let f = Fixture::new();
    f.write("content/01-a.md", "---\ntitle: Alpha\nweight: 5\n---\nA\n");
    f.write("content/02-b.md", "---\ntitle: Beta\nweight: 1\n---\nB\n");
    f.write(
        "content/03-c.md",
        "+++\ntitle = \"Draft\"\ndraft = true\n+++\nC\n",
    );
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(
        texts(&home, ".outline-lesson > a"),
        ["Lesson 1. Beta", "Lesson 2. Alpha"]
    );
    assert!(!f.public().join("c").exists());
    f.build(&["--drafts"]);
    assert!(f.public().join("c/index.html").is_file());
}

#[test]
fn markdown_features_alerts_blocks_and_highlighting() {
    let f = Fixture::new();
    f.lesson(
        "content/01-x.md",
        "X",
        "> [!TIP]\n> Breathe first.\n\n::: {.activity minutes=10}\n### Try it\n\nDo the thing.\n\n::: solution\nAn answer.\n:::\n\n:::\n\n:::::: reflection\nThink.\n::::::\n\n::: mystery\nUnknown kind.\n:::\n\n::: facilitator\nSECRET facilitator note.\n:::\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nFootnote[^1] and ~~strike~~ and \"quotes\".\n\n[^1]: The note.\n\n- [ ] a task\n",
    );
    f.build_ok();
    let doc = f.page("x/index.html");
    assert_eq!(texts(&doc, ".alert.alert-tip .alert-title"), ["Tip"]);
    assert_eq!(
        texts(&doc, "section.block-activity > .block-label"),
        ["Activity · 10 min"]
    );
    assert_eq!(
        texts(
            &doc,
            "section.block-activity details.solution summary .screen-label"
        ),
        ["Show possible answers"]
    );
    assert_eq!(doc.select(&sel("section.block-reflection")).count(), 1);
    assert_eq!(texts(&doc, "div.mystery"), ["Unknown kind."]);
    assert!(doc.root_element().text().all(|t| !t.contains(":::")));
    assert!(
        doc.root_element().text().all(|t| !t.contains("SECRET")),
        "facilitator notes are absent from learner pages"
    );
    assert!(doc
        .select(&sel("pre.code[data-lang=rust] span[class^=hl-]"))
        .next()
        .is_some());
    assert_eq!(doc.select(&sel(".prose table td")).count(), 2);
    assert_eq!(doc.select(&sel(".prose del")).count(), 1);
    assert!(texts(&doc, ".prose p")
        .iter()
        .any(|t| t.contains("“quotes”")));
    assert_eq!(doc.select(&sel(".prose .footnote-definition")).count(), 1);
    assert_eq!(
        doc.select(&sel(".prose input[type=checkbox][data-key]"))
            .count(),
        1
    );
    assert_eq!(attr(&doc, ".prose h3", "id").as_deref(), Some("try-it"));
}

#[test]
fn unknown_code_language_warns_and_falls_back_to_plain_text() {
    let f = Fixture::new();
    f.lesson("content/01-x.md", "X", "```klingon\nqapla'\n```\n");
    let stderr = f.build_ok();
    assert!(
        stderr.contains("content/01-x.md:7:1: warning: unknown code language `klingon`"),
        "{stderr}"
    );
    let doc = f.page("x/index.html");
    assert_eq!(texts(&doc, "pre.code code"), ["qapla'"]);
}

#[test]
fn images_beside_a_lesson_are_copied_and_linked() {
    let f = Fixture::new();
    f.module("01-m", "M");
    f.write(
        "content/01-m/fig/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.lesson("content/01-m/01-x.md", "X", "![A figure](fig/a.svg)\n");
    f.build_ok();
    let doc = f.page("m/x/index.html");
    assert_eq!(
        attr(&doc, ".prose img", "src").as_deref(),
        Some("../../m/fig/a.svg")
    );
    assert!(f.public().join("m/fig/a.svg").is_file());
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

#[test]
fn the_bundled_course_builds_and_every_link_resolves() {
    let (_dir, site) = bundled_site();
    let home = page(&site.join("index.html"));
    assert!(texts(&home, ".outline-lesson").len() >= 7);
    for prefix in ["/", "/some-sub-path/"] {
        let broken = broken_links(&site, prefix);
        assert!(broken.is_empty(), "broken at {prefix}: {broken:#?}");
    }
}

#[test]
fn print_document_has_unique_ids_and_working_in_page_links() {
    let f = two_module_course();
    f.lesson(
        "content/02-more/02-wide.md",
        "Wide",
        "## First steps\n\nSame heading text as lesson 1, and a link [back](../01-start/01-hello.md#first-steps).\n\n::: {.worksheet title=\"Sheet\"}\nWhat now?\n\n[[lines 2]]\n:::\n",
    );
    f.build_ok();
    let doc = f.page("print/index.html");
    let ids: Vec<String> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in /print/");
    for a in doc.select(&sel("a[href^='#']")) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(
            unique.contains(&target.to_string()),
            "dangling in-page link #{target}"
        );
    }
    // Links between lessons became in-page anchors.
    let hrefs: Vec<&str> = doc
        .select(&sel(".print-lesson .prose a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"#lesson-3-going-deeper"), "{hrefs:?}");
    assert!(hrefs.contains(&"#lesson-1-first-steps"), "{hrefs:?}");
    assert!(hrefs.contains(&"#lesson-2"), "{hrefs:?}");
    // Field labels still point at their prompts after the rewrite.
    let field = doc.select(&sel(".print-lesson textarea")).next().unwrap();
    let label = field.value().attr("aria-labelledby").unwrap();
    assert!(unique.contains(&label.to_string()));
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

#[test]
fn answer_key_setting_changes_the_packet() {
    let body = "::: {.worksheet title=\"Sheet\"}\nWhat now?\n\n[[lines 2]]\n\n::: solution\nTHE-ANSWER\n:::\n:::\n";
    let packet_for = |mode: &str| {
        let f = Fixture::new();
        f.write(
            "site.toml",
            &format!("title = \"T\"\n[print]\nsolutions = \"{mode}\"\n"),
        );
        f.lesson("content/01-a.md", "A", body);
        f.build_ok();
        let doc = f.page("worksheets/index.html");
        (
            texts(&doc, ".packet-sheet").join(" "),
            texts(&doc, "#answer-key").join(" "),
            texts(&f.page("a/worksheet/index.html"), ".sheet").join(" "),
        )
    };
    let (sheet, key, page) = packet_for("omit");
    assert!(!sheet.contains("THE-ANSWER") && key.is_empty() && !page.contains("THE-ANSWER"));
    let (sheet, key, _) = packet_for("answer-key");
    assert!(
        !sheet.contains("THE-ANSWER") && key.contains("THE-ANSWER"),
        "{key}"
    );
    let (sheet, key, page) = packet_for("inline");
    assert!(sheet.contains("THE-ANSWER") && key.is_empty() && page.contains("THE-ANSWER"));
}

#[test]
fn standalone_worksheet_file_sits_in_the_packet_but_not_on_the_guided_path() {
    let f = two_module_course();
    f.write(
        "content/01-start/03-planner.md",
        "+++\ntitle = \"Week planner\"\nkind = \"worksheet\"\n+++\n[[name-date]]\n\nWhat will you try this week?\n\n[[lines 3]]\n",
    );
    f.lesson(
        "content/02-more/02-wide.md",
        "Wide",
        "Use [the planner](../01-start/03-planner.md).\n",
    );
    f.build_ok();
    // Not a lesson: the path still has four lessons and skips it.
    let world = f.page("start/world/index.html");
    assert_eq!(texts(&world, ".lesson-position"), ["Lesson 2 of 4"]);
    assert_eq!(
        attr(&world, "a[rel=next]", "href").as_deref(),
        Some("../../more/deep/index.html")
    );
    // Its own print-first page, listed on its module page.
    let sheet = f.page("start/planner/index.html");
    assert_eq!(texts(&sheet, "main h1"), ["Week planner"]);
    assert_eq!(
        texts(&sheet, ".sheet .prompt"),
        ["What will you try this week?"]
    );
    assert_eq!(
        texts(
            &f.page("start/index.html"),
            "#module-worksheets-title + ul a"
        ),
        ["Week planner"]
    );
    // In the packet in course order: after lesson 2, before lesson 3's sheets.
    let packet = f.page("worksheets/index.html");
    assert_eq!(
        texts(&packet, ".packet-sheet .sheet-title"),
        ["Week planner"]
    );
    let wide = f.page("more/wide/index.html");
    assert_eq!(
        attr(&wide, ".prose a", "href").as_deref(),
        Some("../../start/planner/index.html")
    );
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

#[test]
fn output_flag_is_relative_to_where_the_command_runs() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "Text.");
    let parent = f.root().parent().unwrap();
    let course = f.root().file_name().unwrap().to_str().unwrap().to_string();
    let out_name = format!("{course}-site");
    let o = trellis(
        parent,
        &["build", "--quiet", "--root", &course, "--output", &out_name],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = parent.join(&out_name);
    assert!(out.join("a/index.html").is_file());
    assert!(!f.root().join(&out_name).exists());
    std::fs::remove_dir_all(out).unwrap();
    // The caches, manifest and spare beside it are outside the fixture too.
    let beside = format!(".{out_name}.trellis-");
    for entry in std::fs::read_dir(parent).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&beside) {
            let path = entry.path();
            let _ = std::fs::remove_file(&path).or_else(|_| std::fs::remove_dir_all(&path));
        }
    }
}
