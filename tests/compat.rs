//! Markdown written for other tools (Jekyll, mdBook, the Carpentries Workbench):
//! front matter without a wall, and migration that starts with a build.

mod support;

use support::*;

const JEKYLL_PAGE: &str =
    "---\ntitle: Setup\nlayout: page\nnav_order: 2\npermalink: /setup/\n---\nInstall things.\n";

#[test]
fn jekyll_page_fails_in_strict_mode_listing_every_key_at_once() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/03-setup.md", JEKYLL_PAGE);
        },
        &[
            "content/01-m/03-setup.md:3:1: error: unknown field `layout`",
            "content/01-m/03-setup.md:4:1: error: unknown field `nav_order`",
            "content/01-m/03-setup.md:5:1: error: unknown field `permalink`",
            "  = help: Trellis does not use `layout`: remove it, or keep it under `extra` (`layout` is Jekyll's; Trellis uses nothing; `[compat] front_matter = \"warn\"` in site.toml maps it)",
            "error: build failed with 3 errors; the previous output was left as it was",
        ],
    );
}

#[test]
fn jekyll_page_builds_in_warn_mode_with_one_note_per_build() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"T\"\n[compat]\nfront_matter = \"warn\"\n",
    );
    f.write("content/03-setup.md", JEKYLL_PAGE);
    f.write(
        "content/01-other.md",
        "---\ntitle: Other\nlayout: page\nnav_order: 9\ncolour: red\n---\nText.\n",
    );
    let err = f.build_ok();
    // One Jekyll note per build (the base_url note about the sitemap is another matter).
    let notes: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("note: Jekyll"))
        .collect();
    assert_eq!(
        notes,
        ["note: Jekyll front matter: `nav_order` became `weight`, `permalink` became `slug`, `layout` and `parent` were ignored (in 2 files)"],
        "{err}"
    );
    assert!(
        err.contains("content/01-other.md:5:1: warning: unknown field `colour`"),
        "{err}"
    );
    // nav_order 2 puts the setup page before the other (9), whatever the file names.
    let home = f.page("index.html");
    let titles = texts(&home, ".outline-lesson > a");
    assert_eq!(titles, ["Lesson 1. Setup", "Lesson 2. Other"], "{err}");
    // permalink became the slug.
    assert!(f.public().join("setup/index.html").is_file());
}

#[test]
fn a_misspelt_key_stays_an_error_with_did_you_mean_in_warn_mode() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"T\"\n[compat]\nfront_matter = \"warn\"\n",
    );
    f.write(
        "content/01-a.md",
        "---\ntitel: A\nlayout: page\n---\nText.\n",
    );
    let out = f.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains(
            "content/01-a.md:2:1: error: unknown field `titel`\n  = help: did you mean `title`?"
        ),
        "{err}"
    );
}

#[test]
fn mdbook_chapter_without_front_matter_takes_its_heading_as_title() {
    let f = Fixture::new();
    f.write(
        "content/01-intro.md",
        "# Getting started\n\nSome text about the start.\n\n## Details\n\nMore.\n",
    );
    let err = f.build_ok();
    assert!(
        err.contains("content/01-intro.md:1:1: warning: lesson has no front matter: its title comes from its first heading"),
        "{err}"
    );
    let page = f.page("intro/index.html");
    assert_eq!(texts(&page, "main h1"), ["Getting started"]);
    assert_eq!(texts(&page, ".prose h2").len(), 1);
}

#[test]
fn workbench_front_matter_maps_without_a_setting() {
    let f = Fixture::new();
    f.write("config.yaml", "title: A lesson\n");
    f.write(
        "content/01-intro.md",
        "---\ntitle: Intro\nteaching: 10\nexercises: 5\nquestions:\n- Why?\nkeypoints:\n- Because.\n---\nText.\n",
    );
    let err = f.build_ok();
    assert!(!err.contains("warning"), "{err}");
    let page = f.page("intro/index.html");
    assert_eq!(texts(&page, ".block-questions li"), ["Why?"]);
    assert_eq!(texts(&page, ".block-questions .block-label"), ["Questions"]);
    assert_eq!(texts(&page, ".block-keypoints li"), ["Because."]);
    assert_eq!(attr(&page, "main", "data-duration").as_deref(), Some("15"));
}

/// The Workbench fixture lesson, copied into a temp folder.
fn notebook_copy() -> Fixture {
    let f = Fixture {
        dir: tempfile::tempdir().unwrap(),
    };
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbench/notebook");
    copy_dir(&from, f.root());
    f
}

/// The Workbench fixture lesson, laid out as the Workbench's (config.yaml, no
/// site.toml, no content/), built once per test binary with no file added.
fn notebook() -> &'static Fixture {
    static NOTEBOOK: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    let f = built_once(&NOTEBOOK, notebook_copy);
    assert!(!f.root().join("site.toml").exists());
    f
}

/// Every page's visible text: what a reader sees, without scripts and styles.
fn visible_text(site: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(site) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let doc = page(e.path());
            let text: String = doc.select(&sel("body")).flat_map(|b| b.text()).collect();
            out.push((e.path().display().to_string(), text));
        }
    }
    out
}

#[test]
fn workbench_lesson_has_no_broken_links_at_a_sub_path() {
    let f = notebook();
    let broken = broken_links(&f.public(), "/notebook/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn workbench_lesson_keeps_the_config_order_and_its_durations() {
    let f = notebook();
    let home = f.page("index.html");
    let titles = texts(&home, ".outline-lesson > a");
    assert_eq!(
        titles[..3],
        [
            "Lesson 1. Why keep a notebook",
            "Lesson 2. Laying out a page",
            "Lesson 3. Sharing your notes"
        ]
    );
    let why = f.page("why/index.html");
    assert_eq!(attr(&why, "main", "data-duration").as_deref(), Some("15"));
    assert_eq!(texts(&home, ".outline-lesson").len(), 3);
}

#[test]
fn no_literal_fences_attributes_or_spans_in_visible_text() {
    let f = notebook();
    for (path, text) in visible_text(&f.public()) {
        for literal in [":::", "{alt=", "]{#", "{%", "[glossary-entry]"] {
            assert!(!text.contains(literal), "{literal} in {path}");
        }
    }
}

#[test]
fn image_alt_texts_from_attributes_are_kept() {
    let f = notebook();
    let why = f.page("why/index.html");
    assert_eq!(
        attr(&why, ".prose img", "alt").as_deref(),
        Some("A ruled notebook page with a date at the top")
    );
    // A learner page's `fig/` is the episodes' one, as on the Workbench's site.
    let setup = f.page("setup/index.html");
    assert_eq!(
        attr(&setup, ".prose img", "alt").as_deref(),
        Some("A blank notebook page, ruled, ready for a first entry")
    );
    assert!(f.public().join("episodes/fig/page.svg").is_file());
    assert!(f
        .public()
        .join("episodes/files/entry-template.txt")
        .is_file());
}

#[test]
fn every_block_kind_is_a_labelled_element_with_its_class() {
    let f = notebook();
    let pages = ["why/index.html", "pages/index.html", "sharing/index.html"].map(|p| f.page(p));
    let label =
        |selector: &str| -> Vec<String> { pages.iter().flat_map(|p| texts(p, selector)).collect() };
    for (kind, want) in [
        ("questions", "Questions"),
        ("objectives", "Objectives"),
        ("keypoints", "Key Points"),
        ("prereq", "Prerequisite"),
        ("checklist", "Checklist"),
        ("challenge", "Challenge"),
        ("callout", "Good to know"),
        ("caution", "Caution"),
        ("discussion", "Discussion"),
        ("testimonial", "Testimonial"),
    ] {
        let got = label(&format!("section.block-{kind} > .block-label"));
        assert_eq!(got, [want], "{kind}");
    }
    for (kind, want) in [
        ("solution", "Show possible answers"),
        ("hint", "Show hint"),
        ("spoiler", "Show details"),
    ] {
        let sel = if kind == "solution" {
            "details.solution:not(.hint):not(.spoiler) > summary .screen-label".to_string()
        } else {
            format!("details.solution.{kind} > summary .screen-label")
        };
        assert_eq!(label(&sel), [want], "{kind}");
    }
    for (kind, tabs) in [
        ("group-tab", ["Paper map", "Phone"]),
        ("tab", ["Scanner", "Camera"]),
    ] {
        let sel = format!(".tabs.block-{kind} [role=tablist] [role=tab]");
        assert_eq!(label(&sel), tabs, "{kind}");
        let panels = label(&format!(".tabs.block-{kind} [role=tabpanel] .tab-label"));
        assert_eq!(panels, tabs, "{kind}: every panel is labelled for print");
    }
    assert_eq!(label(".code-output .code-label"), ["Output"]);
    assert_eq!(label(".code-error .code-label"), ["Error"]);
    // A `## Challenge` inside a challenge sits below its `##` section.
    assert_eq!(
        label(".block-challenge h3"),
        ["Challenge 1: a first entry #"]
    );
    assert!(label(".block-challenge h2").is_empty());
}

#[test]
fn instructor_text_is_only_under_facilitator() {
    let f = notebook();
    let secrets = [
        "check each other",
        "Keep this episode short",
        "Walk the route the day before",
        "add one word of their own",
    ];
    for e in walkdir::WalkDir::new(f.public()) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(f.public())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
        for s in secrets {
            if text.contains(s) {
                assert!(rel.starts_with("facilitator/"), "{s:?} in {rel}");
            }
        }
    }
    let mut edition = std::fs::read_to_string(f.public().join("facilitator/index.html")).unwrap();
    edition.push_str(
        &std::fs::read_to_string(f.public().join("facilitator/instructor-notes/index.html"))
            .unwrap(),
    );
    for s in secrets {
        assert!(
            edition.contains(s),
            "{s:?} missing from the facilitator edition"
        );
    }
    // The guide links to the instructors/ page, which asks search engines to skip it.
    let guide = f.page("facilitator/index.html");
    assert!(texts(&guide, ".guide-contents a").contains(&"Instructor notes".to_string()));
    let notes = f.page("facilitator/instructor-notes/index.html");
    assert_eq!(
        attr(&notes, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
}

#[test]
fn learner_pages_and_profiles_are_pages_off_the_guided_path() {
    let f = notebook();
    let home = f.page("index.html");
    let want = ["Setup", "Glossary", "A weekend walker"];
    assert_eq!(texts(&home, ".course-pages li a"), want);
    assert_eq!(
        texts(&home, ".course-facts")[0].split(" · ").next(),
        Some("3 lessons")
    );
    let why = f.page("why/index.html");
    assert_eq!(texts(&why, ".sidebar .sidebar-pages a"), want);
    // The last lesson's pager leads home, never to a learner page.
    let sharing = f.page("sharing/index.html");
    assert!(texts(&sharing, ".pager-next")[0].contains("Back to the course home"));
    for page in ["setup", "reference", "weekend-walker"] {
        let doc = f.page(&format!("{page}/index.html"));
        assert_eq!(attr(&doc, "body", "class").as_deref(), Some("kind-page"));
        assert!(texts(&doc, ".lesson-position").is_empty(), "{page}");
        assert!(texts(&doc, "#lesson-nav").is_empty(), "{page}");
        assert!(texts(&doc, "#done-toggle").is_empty(), "{page}");
    }
    // Pages are searchable and in the sitemap; facilitator pages are neither.
    let index = search_index_text(&f.public());
    assert!(index.contains("weekend") && !index.contains("benches"));
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://example.org/notebook/setup/"));
    assert!(!sitemap.contains("instructor-notes"));
    let print = std::fs::read_to_string(f.public().join("print/index.html")).unwrap();
    assert!(!print.contains("weekend"));
}

#[test]
fn config_yaml_gives_the_title_language_address_and_contact() {
    let f = notebook();
    let home = f.page("index.html");
    assert_eq!(texts(&home, "h1"), ["Keeping a field notebook"]);
    assert_eq!(attr(&home, "html", "lang").as_deref(), Some("en"));
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/notebook/")
    );
    assert_eq!(
        attr(&home, ".site-footer a", "href").as_deref(),
        Some("mailto:notebook@example.org")
    );
}

#[test]
fn site_toml_beside_config_yaml_overrides_it() {
    let f = notebook_copy();
    f.write(
        "site.toml",
        "title = \"Field notebooks\"\nlanguage = \"es\"\n",
    );
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(texts(&home, "h1"), ["Field notebooks"]);
    assert_eq!(attr(&home, "html", "lang").as_deref(), Some("es"));
    // config.yaml's address still stands.
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/notebook/")
    );
}

#[test]
fn malformed_config_yaml_is_an_error_at_its_line_and_keeps_the_output() {
    let f = notebook_copy();
    f.build_ok();
    let before = snapshot(&f.public());
    f.write(
        "config.yaml",
        "title: 'A'\nepisodes:\n- 01-why.md\n  - : [\n",
    );
    let out = f.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("config.yaml:4:")),
        "{err}"
    );
    assert_eq!(snapshot(&f.public()), before);
}

#[test]
fn an_episode_config_yaml_lists_but_the_folder_lacks_is_an_error_at_its_line() {
    let f = notebook_copy();
    let text = std::fs::read_to_string(f.root().join("config.yaml")).unwrap();
    f.write(
        "config.yaml",
        &text.replace("- 03-sharing.md", "- 03-shareing.md"),
    );
    let out = f.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains(
            "config.yaml:19:1: error: `episodes` lists `03-shareing.md`, which is not in episodes/"
        ),
        "{err}"
    );
}

#[test]
fn empty_lists_take_the_folders_order() {
    let f = notebook_copy();
    let text = std::fs::read_to_string(f.root().join("config.yaml")).unwrap();
    f.write(
        "config.yaml",
        &text.replace("- setup.md\n- reference.md\n", ""),
    );
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(
        texts(&home, ".course-pages li a"),
        ["Glossary", "Setup", "A weekend walker"]
    );
}

#[test]
fn kind_page_in_a_trellis_course_is_off_the_guided_path() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "Text.");
    f.write(
        "content/02-glossary.md",
        "+++\ntitle = \"Glossary\"\nkind = \"page\"\n+++\nWords.\n",
    );
    f.lesson("content/03-b.md", "B", "More.");
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(
        texts(&home, ".outline-lesson > a"),
        ["Lesson 1. A", "Lesson 2. B"]
    );
    assert_eq!(texts(&home, ".course-pages li a"), ["Glossary"]);
    let a = f.page("a/index.html");
    assert_eq!(
        attr(&a, "a.pager-next", "href").as_deref(),
        Some("../b/index.html")
    );
    let g = f.page("glossary/index.html");
    assert!(texts(&g, ".lesson-position").is_empty());
}

#[test]
fn challange_warns_did_you_mean_challenge() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "::: challange\nTry.\n:::\n");
    let err = f.build_ok();
    assert!(
        err.contains("content/01-a.md:7:1: warning: unknown block `challange`\n  = help: did you mean `challenge`?"),
        "{err}"
    );
}

#[test]
fn an_objectives_block_counts_as_the_lessons_objectives_in_check() {
    let f = Fixture::new();
    f.write(
        "content/01-a.md",
        "+++\ntitle = \"A\"\n+++\n::: objectives\n- Say what a notebook is for.\n:::\n",
    );
    f.write(
        "content/02-b.md",
        "+++\ntitle = \"B\"\n+++\nNo objectives.\n",
    );
    let out = trellis(f.root(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("content/02-b.md:2:1: warning: lesson has no objectives"),
        "{err}"
    );
    assert!(
        !err.contains("content/01-a.md:2:1: warning: lesson has no objectives"),
        "{err}"
    );
}
