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
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note:")).collect();
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

/// The Workbench-style fixture lesson, copied and built.
fn notebook() -> Fixture {
    let f = Fixture {
        dir: tempfile::tempdir().unwrap(),
    };
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbench/notebook");
    copy_dir(&from, f.root());
    let err = f.build_ok();
    assert!(!err.contains("warning"), "{err}");
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
    let secrets = ["check each other", "Keep this episode short"];
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
    let guide = std::fs::read_to_string(f.public().join("facilitator/index.html")).unwrap();
    for s in secrets {
        assert!(
            guide.contains(s),
            "{s:?} missing from the facilitator guide"
        );
    }
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
