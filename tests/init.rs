//! `trellis::init`: the starter course builds at once (its workflows: tests/publish.rs),
//! and `init`, `new_lesson` and `new_module` never overwrite an author's file.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::*;
use trellis::build::{build, BuildOptions, BuildReport};
use trellis::init::{files, init, new_lesson, new_module, Ci, InitReport};

/// A fresh starter course in a temp dir (in a folder `init` creates).
fn course() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("my-course");
    init(&root, false, Ci::Github).unwrap();
    (t, root)
}

fn build_ok(root: &Path) -> BuildReport {
    build(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("build failed:\n{e}"))
}

fn outline(root: &Path) -> Vec<String> {
    texts(
        &page(&root.join("public/index.html")),
        ".outline-lesson > a",
    )
}

fn read(root: &Path, rel: impl AsRef<Path>) -> String {
    fs::read_to_string(root.join(rel)).unwrap()
}

fn all_files() -> Vec<PathBuf> {
    files(Ci::Github)
        .iter()
        .map(|(p, _)| PathBuf::from(p))
        .collect()
}

#[test]
fn init_creates_the_folder_and_the_course_builds_at_once() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("nested/my-course");
    let report = init(&root, false, Ci::Github).unwrap();
    assert_eq!(
        report,
        InitReport {
            written: all_files(),
            skipped: vec![]
        }
    );
    for rel in [
        "site.toml",
        "content/_index.md",
        "content/01-getting-started/_index.md",
        "content/01-getting-started/01-welcome.md",
        "content/01-getting-started/02-first-practice.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(rel).is_file(), "{rel} is missing");
    }
    assert_eq!(read(&root, ".gitignore").lines().last(), Some("/public"));

    let built = build_ok(&root);
    assert_eq!((built.lessons, built.worksheets), (2, 1));
    // No warning: an unset base_url (the Pages workflow passes it) is a note.
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, Vec::<String>::new());
    assert!(
        built.notes.iter().any(|n| n.contains("base_url")),
        "{:?}",
        built.notes
    );

    let public = root.join("public");
    assert!(public
        .join("getting-started/first-practice/worksheet/index.html")
        .is_file());
    assert!(public.join("getting-started/welcome/index.html").is_file());
    assert_eq!(
        outline(&root),
        ["Lesson 1. Welcome", "Lesson 2. A first practice"]
    );
    // The link between the lessons, by file name, became the lesson's address.
    let welcome = page(&public.join("getting-started/welcome/index.html"));
    let hrefs: Vec<String> = welcome
        .select(&sel(".prose a[href]"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let targets: Vec<Option<String>> = hrefs
        .iter()
        .filter(|h| !h.starts_with('#'))
        .map(|h| resolve_as_served("/", "getting-started/welcome/index.html", h))
        .collect();
    assert_eq!(
        targets,
        [Some(
            "getting-started/first-practice/index.html".to_string()
        )],
        "{hrefs:?}"
    );
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
    assert_eq!(broken_links(&public, "/course/"), Vec::<String>::new());
}

#[test]
fn the_worksheet_shows_every_kind_of_field() {
    let (_t, root) = course();
    let text = read(&root, "content/01-getting-started/02-first-practice.md");
    for field in [
        "[[name-date]]",
        "[[lines ",
        "[[box ",
        "[[scale ",
        "- [ ] ",
        "|     |",
    ] {
        assert!(text.contains(field), "the worksheet lacks `{field}`");
    }
    let welcome = read(&root, "content/01-getting-started/01-welcome.md");
    assert!(welcome.contains("[next lesson](02-first-practice.md)"));
}

#[test]
fn site_toml_has_every_key_and_parses() {
    let (_t, root) = course();
    let text = read(&root, "site.toml");
    let config = trellis::config::parse(
        &text,
        Path::new("site.toml"),
        &trellis::config::Overrides::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(config.output_dir, PathBuf::from("public"));
    // Uncommenting the optional `browser` key keeps the file valid.
    let with_browser = text.replace("# browser =", "browser =");
    let config = trellis::config::parse(
        &with_browser,
        Path::new("site.toml"),
        &trellis::config::Overrides::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(config.print.browser.as_deref(), Some("/usr/bin/chromium"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("notes.txt"), "mine").unwrap();
    let err = init(t.path(), false, Ci::Github).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "refusing to initialise {}: it is not empty\n  = help: choose an empty folder, or pass --force to add only the missing files",
            t.path().display()
        )
    );
    assert_eq!(
        snapshot(t.path()).into_keys().collect::<Vec<_>>(),
        [PathBuf::from("notes.txt")]
    );
    // A file is not a folder to initialise.
    let err = init(&t.path().join("notes.txt"), true, Ci::Github)
        .unwrap_err()
        .to_string();
    assert!(err.contains("notes.txt: it is not a folder"), "{err}");
}

#[test]
fn init_with_force_keeps_existing_files_byte_for_byte_and_writes_the_rest() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let mine = "title = \"Mine\"  # my own settings\n\n[print]\npage_size = \"Letter\"\n";
    fs::write(root.join("site.toml"), mine).unwrap();
    let report = init(root, true, Ci::Github).unwrap();
    assert_eq!(report.skipped, [PathBuf::from("site.toml")]);
    let mut expected = all_files();
    expected.retain(|p| p != Path::new("site.toml"));
    assert_eq!(report.written, expected);
    assert_eq!(read(root, "site.toml"), mine);
    build_ok(root);
    assert_eq!(outline(root).len(), 2);

    // A second run writes nothing and changes nothing.
    let edited = "+++\ntitle = \"Edited\"\n+++\nMy own welcome.\n";
    fs::write(root.join("content/_index.md"), edited).unwrap();
    let before = snapshot(&root.join("content"));
    let again = init(root, true, Ci::Github).unwrap();
    assert_eq!(again.written, Vec::<PathBuf>::new());
    assert_eq!(again.skipped, all_files());
    assert_eq!(snapshot(&root.join("content")), before);
    assert_eq!(read(root, "site.toml"), mine);
}

#[test]
fn new_lesson_takes_the_next_number_in_the_last_module() {
    let (_t, root) = course();
    let rel = new_lesson(&root, "Going further: next steps!", None).unwrap();
    assert_eq!(
        rel,
        Path::new("content/01-getting-started/03-going-further-next-steps.md")
    );
    let text = read(&root, &rel);
    assert!(
        text.starts_with("+++\ntitle = \"Going further: next steps!\"\nsummary = \"\"\nobjectives = [\"Say what learners will be able to do after this lesson\"]\nduration = 30\n+++\n"),
        "{text}"
    );
    assert!(text.contains("::: {.activity minutes=10}"), "{text}");
    assert!(text.contains("::: reflection"), "{text}");
    let next = new_lesson(&root, "Wrapping up", None).unwrap();
    assert_eq!(
        next,
        Path::new("content/01-getting-started/04-wrapping-up.md")
    );
    build_ok(&root);
    assert_eq!(
        outline(&root),
        [
            "Lesson 1. Welcome",
            "Lesson 2. A first practice",
            "Lesson 3. Going further: next steps!",
            "Lesson 4. Wrapping up"
        ]
    );
}

#[test]
fn new_lesson_finds_a_module_by_folder_slug_or_title() {
    let (_t, root) = course();
    let module = new_module(&root, "Growing Together").unwrap();
    assert_eq!(module, Path::new("content/02-growing-together/_index.md"));
    // The new module is now the last one: lessons go there by default.
    assert_eq!(
        new_lesson(&root, "Default", None).unwrap(),
        Path::new("content/02-growing-together/01-default.md")
    );
    assert_eq!(
        new_lesson(&root, "By folder", Some("01-getting-started")).unwrap(),
        Path::new("content/01-getting-started/03-by-folder.md")
    );
    assert_eq!(
        new_lesson(&root, "By slug", Some("getting-started")).unwrap(),
        Path::new("content/01-getting-started/04-by-slug.md")
    );
    assert_eq!(
        new_lesson(&root, "By title", Some("GETTING STARTED")).unwrap(),
        Path::new("content/01-getting-started/05-by-title.md")
    );
    assert_eq!(
        new_lesson(&root, "By other title", Some("growing together")).unwrap(),
        Path::new("content/02-growing-together/02-by-other-title.md")
    );
}

#[test]
fn new_lesson_with_an_unknown_module_lists_the_modules() {
    let (_t, root) = course();
    new_module(&root, "Growing together").unwrap();
    let before = snapshot(&root);
    let err = new_lesson(&root, "Lost", Some("advanced"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "no module `advanced` in content/\n  = help: the modules are: 01-getting-started (“Getting started”), 02-growing-together (“Growing together”)"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn new_lesson_never_overwrites() {
    let (_t, root) = course();
    let welcome = "content/01-getting-started/01-welcome.md";
    let before = snapshot(&root);
    // Same slug as an existing lesson: the module would have two `welcome` pages.
    let err = new_lesson(&root, "Welcome", None).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{welcome} already has the slug `welcome`")),
        "{err}"
    );
    // Something already at the very path the lesson would take.
    fs::create_dir(root.join("content/01-getting-started/03-taken.md")).unwrap();
    let err = new_lesson(&root, "Taken", None).unwrap_err().to_string();
    assert_eq!(
        err,
        "content/01-getting-started/03-taken.md already exists; it was left as it was"
    );
    fs::remove_dir(root.join("content/01-getting-started/03-taken.md")).unwrap();
    assert_eq!(snapshot(&root), before);
}

#[test]
fn empty_or_unusable_titles_are_errors() {
    let (_t, root) = course();
    let before = snapshot(&root);
    for title in ["", "   "] {
        assert_eq!(
            new_lesson(&root, title, None).unwrap_err().to_string(),
            "the title is empty"
        );
        assert_eq!(
            new_module(&root, title).unwrap_err().to_string(),
            "the title is empty"
        );
    }
    assert!(new_lesson(&root, "?!", None).is_err());
    assert!(new_lesson(&root, "two\nlines", None).is_err());
    assert!(new_module(&root, "Print")
        .unwrap_err()
        .to_string()
        .contains("reserved"));
    assert!(new_lesson(&root, "Worksheet", None)
        .unwrap_err()
        .to_string()
        .contains("reserved"));
    let t = tempfile::tempdir().unwrap();
    let err = new_lesson(t.path(), "Anything", None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("no content folder in "), "{err}");
    assert_eq!(snapshot(&root), before);
}

#[test]
fn new_lesson_in_a_flat_course_goes_into_content() {
    let f = Fixture::new();
    f.lesson("content/01-hello.md", "Hello", "Hi.\n");
    f.write(
        "content/fig/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let rel = new_lesson(f.root(), "Second steps", None).unwrap();
    assert_eq!(rel, Path::new("content/02-second-steps.md"));
    let err = new_lesson(f.root(), "Other", Some("hello"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("no module `hello`: the course has no modules"),
        "{err}"
    );
    // A top-level lesson and a lesson of the same name would share an address.
    let err = new_lesson(f.root(), "Hello", None).unwrap_err().to_string();
    assert!(
        err.starts_with("content/01-hello.md already has the slug `hello`"),
        "{err}"
    );
    build_ok(f.root());
    assert_eq!(
        outline(f.root()),
        ["Lesson 1. Hello", "Lesson 2. Second steps"]
    );
    assert!(f.public().join("second-steps/index.html").is_file());
}

#[test]
fn new_module_numbers_after_top_level_folders_and_files() {
    let f = Fixture::new();
    f.lesson("content/03-intro.md", "Intro", "Hi.\n");
    f.module("01-basics", "Basics");
    assert_eq!(
        new_module(f.root(), "Next: \"Deeper\" work").unwrap(),
        Path::new("content/04-next-deeper-work/_index.md")
    );
    let text = read(f.root(), "content/04-next-deeper-work/_index.md");
    let front: toml::Table = toml::from_str(
        text.strip_prefix("+++\n")
            .and_then(|t| t.split("+++\n").next())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(front["title"].as_str(), Some("Next: \"Deeper\" work"));
    assert_eq!(front["summary"].as_str(), Some(""));
    let err = new_module(f.root(), "Basics").unwrap_err().to_string();
    assert!(
        err.starts_with("content/01-basics already has the slug `basics`"),
        "{err}"
    );
}

#[test]
fn course_still_builds_after_new_lesson_new_module_and_another_new_lesson() {
    let (_t, root) = course();
    new_lesson(&root, "Say \"hello\"", None).unwrap();
    let module = new_module(&root, "Growing together").unwrap();
    let lesson = new_lesson(&root, "Café conversations", Some("growing-together")).unwrap();
    assert_eq!(module, Path::new("content/02-growing-together/_index.md"));
    assert_eq!(
        lesson,
        Path::new("content/02-growing-together/01-cafe-conversations.md")
    );
    let built = build_ok(&root);
    assert_eq!((built.lessons, built.worksheets), (4, 1));
    assert_eq!(
        outline(&root),
        [
            "Lesson 1. Welcome",
            "Lesson 2. A first practice",
            "Lesson 3. Say \"hello\"",
            "Lesson 4. Café conversations"
        ]
    );
    let public = root.join("public");
    assert!(public.join("growing-together/index.html").is_file());
    assert!(public
        .join("growing-together/cafe-conversations/index.html")
        .is_file());
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());
}

/// Issue 17: a first run trips over none of its own checks.
#[test]
fn first_run_init_build_check_new_lesson_check_all_pass_without_warnings() {
    let (_t, root) = course();
    let ok = |args: &[&str]| {
        let out = trellis(&root, args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "trellis {args:?} failed:\n{stderr}");
        assert!(
            !stderr.contains(": warning:"),
            "trellis {args:?} warned:\n{stderr}"
        );
        stderr
    };
    ok(&["build"]);
    ok(&["check", "--deny-warnings"]);
    ok(&["new", "lesson", "Bedtime routines"]);
    ok(&[
        "new",
        "lesson",
        "Calm mornings",
        "--module",
        "getting-started",
    ]);
    ok(&["check", "--deny-warnings"]);
    ok(&["build"]);
}

/// Issue 17: an empty module is a warning, and still in the home outline.
#[test]
fn an_empty_module_warns_and_the_home_outline_lists_it() {
    let (_t, root) = course();
    new_module(&root, "Coming soon").unwrap();
    let built = build_ok(&root);
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .starts_with("content/02-coming-soon/_index.md:2:1: warning: module has no lessons"),
        "{warnings:#?}"
    );
    let home = page(&root.join("public/index.html"));
    assert_eq!(
        texts(&home, ".outline-group h3"),
        ["Module 1: Getting started", "Module 2: Coming soon"]
    );
    let module = page(&root.join("public/coming-soon/index.html"));
    assert!(module.select(&sel("#lessons-title")).next().is_none());
}
