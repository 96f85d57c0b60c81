//! Warm rebuilds: a build over the last ones' output, with the build cache and
//! the output manifest beside it, writes exactly what a cold `--no-cache` build
//! writes into a fresh folder, after every kind of edit and whatever happened to
//! the files beside the output.
//!
//! In: the fixture course `tests/fixtures/warm/course/` and replacement files in
//! `tests/fixtures/warm/edits/`. Each warm build is run twice, so both folders
//! the output alternates between (the live site and its spare) are reused.

mod support;

use std::path::{Path, PathBuf};

use support::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warm")
}

/// A copy of the fixture course in a temporary folder.
fn course() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir().join("course"), t.path());
    t
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Put the edit `name` (from `edits/`) at `rel` in the course.
fn apply(root: &Path, name: &str, rel: &str) {
    let dst = root.join(rel);
    std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
    std::fs::copy(fixture_dir().join("edits").join(name), dst).unwrap();
}

fn build(root: &Path, args: &[&str]) -> String {
    let out = trellis(root, &[&["build"], args].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

/// Build warm twice, and after each compare the whole output with a cold
/// `--no-cache` build into a fresh folder; the stderr of the last warm build.
fn assert_warm_equals_cold(root: &Path, what: &str) -> String {
    let mut said = String::new();
    for round in 1..=2 {
        said = build(root, &[]);
        let cold = root.join("cold");
        let _ = std::fs::remove_dir_all(&cold);
        build(root, &["--no-cache", "--output", "cold"]);
        let (warm, cold) = (snapshot(&root.join("public")), snapshot(&cold));
        assert!(warm.len() > 10, "{what}: a whole site");
        let differ: Vec<_> = warm
            .keys()
            .chain(cold.keys())
            .filter(|k| warm.get(*k) != cold.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{what}, warm build {round}: these differ: {differ:?}"
        );
    }
    said
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
}

/// A PNG of `width` × `height` pixels at `rel` in the course.
fn png(root: &Path, rel: &str, width: u32, height: u32) {
    image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]))
        .save(root.join(rel))
        .unwrap();
}

/// A warm build with `TRELLIS_TIMINGS`: what it says.
fn timed_build(root: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .arg("build")
        .current_dir(root)
        .env("TRELLIS_TIMINGS", "1")
        .output()
        .unwrap();
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    said
}

/// The two counts of a `timing: <first>A<second>B` line.
fn counts(said: &str, first: &str, second: &str) -> (usize, usize) {
    let line = said
        .lines()
        .find_map(|l| l.strip_prefix("timing: ")?.strip_prefix(first))
        .unwrap_or_else(|| panic!("no `{first}` in: {said}"));
    let (a, b) = line.split_once(second).unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

/// A warm build's files rendered and files kept unrendered, as it reports them.
fn rendered_and_kept(root: &Path) -> (usize, usize) {
    counts(
        &timed_build(root),
        "files rendered: ",
        ", kept unrendered: ",
    )
}

/// A warm build's pages parsed and taken from the build cache, as it reports them.
fn parsed_and_cached(root: &Path) -> (usize, usize) {
    let (parsed, cached, _) = parsed_cached_and_read(root);
    (parsed, cached)
}

/// As [`parsed_and_cached`], with how many of the cached pages had their tree
/// read back to be rendered.
fn parsed_cached_and_read(root: &Path) -> (usize, usize, usize) {
    let said = timed_build(root);
    let (parsed, cached) = counts(&said, "pages parsed: ", ", taken from the cache: ");
    let read = said
        .lines()
        .find_map(|l| l.strip_prefix("timing: cached page trees read back: "))
        .unwrap_or_else(|| panic!("no trees read in: {said}"));
    (parsed, cached, read.parse().unwrap())
}

#[test]
fn warm_builds_equal_cold_builds_after_every_kind_of_edit() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    assert!(root.join(".public.trellis-manifest").is_file());
    assert_warm_equals_cold(root, "unchanged");
    apply(root, "body.md", "content/02-more/01-practice.md");
    assert_warm_equals_cold(root, "a body");
    apply(root, "title.md", "content/01-start/02-steady.md");
    assert_warm_equals_cold(root, "a title");
    // Every lesson's sidebar marks the lessons with a worksheet.
    apply(root, "worksheet.md", "content/02-more/02-review.md");
    assert_warm_equals_cold(root, "a worksheet added");
    apply(root, "site.toml", "site.toml");
    assert_warm_equals_cold(root, "the config");
    apply(root, "heading.html", "templates/markdown/heading.html");
    assert_warm_equals_cold(root, "a template");
    let heading = page(&root.join("public/more/practice/index.html"));
    assert!(
        !texts(&heading, "h2.mine").is_empty(),
        "the override is used"
    );
    apply(root, "en.ftl", "i18n/en.ftl");
    assert_warm_equals_cold(root, "a catalogue");
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(home.contains("Find in the course"), "the catalogue is used");
    // Link definitions every page may use: in each parsed page's key.
    apply(root, "links.md", "links.md");
    apply(root, "shared-link.md", "content/01-start/02-steady.md");
    assert_warm_equals_cold(root, "a lesson using the shared links");
    apply(root, "links-moved.md", "links.md");
    assert_warm_equals_cold(root, "the shared links");
    let steady = page(&root.join("public/start/steady/index.html"));
    let guide = steady
        .select(&sel("main a[title]"))
        .next()
        .expect("the link");
    assert_eq!(
        guide.value().attr("href"),
        Some("https://example.org/new-guide"),
        "the moved definition"
    );
    png(root, "content/02-more/photo.png", 40, 30);
    apply(root, "photo.md", "content/02-more/01-practice.md");
    assert_warm_equals_cold(root, "an image");
    png(root, "content/02-more/photo.png", 64, 20);
    assert_warm_equals_cold(root, "an image of another size");
    let practice = page(&root.join("public/more/practice/index.html"));
    let img = practice.select(&sel("main img")).next().expect("the photo");
    assert_eq!(img.value().attr("width"), Some("64"), "its new size");
}

#[test]
fn warm_builds_equal_cold_builds_after_editing_a_translated_lesson() {
    let t = course();
    let root = t.path();
    apply(root, "multilingual.toml", "site.toml");
    apply(root, "hello.es.md", "content/01-start/01-hello.es.md");
    build(root, &[]);
    assert_warm_equals_cold(root, "a translation");
    apply(
        root,
        "hello-edited.es.md",
        "content/01-start/01-hello.es.md",
    );
    assert_warm_equals_cold(root, "a translated lesson's body and title");
    let hola = page(&root.join("public/es/start/hello/index.html"));
    assert_eq!(texts(&hola, "h1"), ["Hola de nuevo"]);
}

#[test]
fn after_a_body_edit_only_the_page_showing_that_lesson_is_rendered_again() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    build(root, &[]);
    // The search index, sitemap, QTI package and highlight CSS are made on
    // every build; every page is kept.
    let (always, kept) = rendered_and_kept(root);
    assert!(always <= 4 && kept >= 13, "{always} rendered, {kept} kept");
    // The lesson's page and the print document show the body: nothing else
    // (its neighbours' sidebars show its title, the packet its worksheets).
    apply(root, "body.md", "content/02-more/01-practice.md");
    assert_eq!(rendered_and_kept(root), (always + 2, kept - 2));
    // The next build finds the edited page in the live site, the rest in its spare.
    assert_eq!(rendered_and_kept(root), (always, kept));
    assert_warm_equals_cold(root, "after counting");
}

#[test]
fn after_a_body_edit_only_that_lesson_is_parsed_again() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    let (parsed, cached) = parsed_and_cached(root);
    assert!(
        parsed == 0 && cached >= 7,
        "{parsed} parsed, {cached} cached"
    );
    apply(root, "body.md", "content/02-more/01-practice.md");
    // Only pages that show the edited lesson are rendered: its own, and the
    // print documents and packet that hold it, which read the trees of the
    // lessons beside it; no other cached page's tree is read.
    let (parsed, kept, read) = parsed_cached_and_read(root);
    assert_eq!((parsed, kept), (1, cached - 1));
    assert!(
        read > 0 && read < kept,
        "{read} of {kept} cached trees read"
    );
    // Nothing changed: nothing is rendered, and no tree is read.
    assert_eq!(parsed_cached_and_read(root), (0, cached, 0));
    // A new file beside the lessons may be a link's target: every page again.
    std::fs::write(root.join("content/02-more/notes.txt"), "notes").unwrap();
    assert_eq!(parsed_and_cached(root), (cached, 0));
    assert_warm_equals_cold(root, "after counting");
}

#[cfg(unix)]
#[test]
fn unchanged_files_are_kept_across_warm_builds_not_written_again() {
    let t = course();
    let root = t.path();
    for _ in 0..3 {
        build(root, &[]);
    }
    let review = root.join("public/more/review/index.html");
    let before = inode(&review);
    apply(root, "body.md", "content/02-more/01-practice.md");
    build(root, &[]);
    build(root, &[]);
    assert_eq!(inode(&review), before, "the same file, kept in the spare");
}

#[test]
fn a_damaged_manifest_is_ignored_with_a_note_and_output_equals_cold() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    build(root, &[]);
    let manifest = root.join(".public.trellis-manifest");
    let mut bytes = std::fs::read(&manifest).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x55;
    std::fs::write(&manifest, &bytes).unwrap();
    apply(root, "body.md", "content/02-more/01-practice.md");
    let said = build(root, &[]);
    assert!(
        said.contains("note: ignored the output manifest") && said.contains("it is damaged"),
        "{said}"
    );
    assert_warm_equals_cold(root, "after a damaged manifest");
    std::fs::write(&manifest, "not a manifest").unwrap();
    let said = build(root, &[]);
    assert!(
        said.contains("it is not a Trellis output manifest"),
        "{said}"
    );
    let said = assert_warm_equals_cold(root, "after a foreign manifest");
    assert!(
        !said.contains("ignored the output manifest"),
        "rewritten: {said}"
    );
}

#[test]
fn a_file_changed_behind_the_builds_back_is_written_again_not_trusted() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    build(root, &[]);
    // Same size, other bytes: in the live site, then (after one build) the spare.
    let page = root.join("public/more/review/index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    let tampered = text.replacen("Review", "Weview", 1);
    assert_eq!(tampered.len(), text.len());
    std::fs::write(&page, tampered).unwrap();
    assert_warm_equals_cold(root, "after an edit of the output");
    // A spare file the manifest does not know of, and one it lists but is gone.
    let spare = root.join(".public.trellis-spare");
    std::fs::write(spare.join("stray.html"), "stray").unwrap();
    std::fs::remove_file(spare.join("more/practice/index.html")).unwrap();
    assert_warm_equals_cold(root, "after edits of the spare");
}

#[test]
fn a_cold_build_leaves_no_manifest_that_could_mislead_a_later_warm_one() {
    let t = course();
    let root = t.path();
    build(root, &[]);
    build(root, &["--no-cache"]);
    assert!(!root.join(".public.trellis-manifest").exists());
    apply(root, "title.md", "content/01-start/02-steady.md");
    assert_warm_equals_cold(root, "warm after cold");
}
