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
