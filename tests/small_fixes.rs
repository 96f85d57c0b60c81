//! Small defects of issue 11: `check`'s summary when the course has errors, a
//! rejected home page reported once, and names that differ only by case.

mod support;

use support::*;

fn lines(out: &std::process::Output) -> Vec<String> {
    stderr(out).lines().map(str::to_string).collect()
}

#[test]
fn check_with_errors_reports_the_lesson_files_it_checked() {
    let f = Fixture::new();
    f.module("01-m", "M");
    f.lesson("content/01-m/01-a.md", "A", "Text.");
    f.lesson("content/01-m/02-b.md", "B", "See [nothing](03-none.md).");
    f.write("content/02-c.md", "+++\ntitel = \"C\"\n+++\n");
    let out = trellis(f.root(), &["check"]);
    assert!(!out.status.success());
    let l = lines(&out);
    let summary = "checked 3 lesson files: 2 errors, 0 warnings";
    assert!(
        l.iter().any(|x| x == summary),
        "missing {summary:?} in {l:#?}"
    );
}

#[test]
fn check_with_a_broken_site_toml_says_it_checked_only_that() {
    let f = Fixture::new();
    f.write("site.toml", "title = \n");
    let out = trellis(f.root(), &["check"]);
    assert!(!out.status.success());
    let l = lines(&out);
    assert_eq!(
        l.last().map(String::as_str),
        Some("checked site.toml: 1 error, 0 warnings"),
        "{l:#?}"
    );
}

#[cfg(unix)]
#[test]
fn rejected_home_page_is_not_also_reported_missing() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("home.md");
    std::fs::write(&target, "+++\ntitle = \"Home\"\n+++\n").unwrap();
    let err = fails_and_keeps_output(
        move |f| {
            std::fs::remove_file(f.root().join("content/_index.md")).unwrap();
            std::os::unix::fs::symlink(&target, f.root().join("content/_index.md")).unwrap();
        },
        &[],
    );
    let about_home: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("content/_index.md"))
        .collect();
    assert_eq!(about_home.len(), 1, "{err}");
    assert!(about_home[0].ends_with(", outside the project"), "{err}");
}

#[test]
fn home_page_with_bad_front_matter_gets_one_error() {
    let err = fails_and_keeps_output(
        |f| {
            f.write("content/_index.md", "+++\ntitel = \"Home\"\n+++\n");
        },
        &[],
    );
    assert!(!err.contains("home page is missing"), "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("content/_index.md"))
            .count(),
        1,
        "{err}"
    );
}

#[test]
fn slugs_that_differ_only_by_case_are_an_error() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/03-c.md", "+++\ntitle = \"C\"\nslug = \"Intro\"\n+++\n");
            f.write("content/01-m/04-d.md", "+++\ntitle = \"D\"\nslug = \"intro\"\n+++\n");
        },
        &["content/01-m/04-d.md:1:1: error: the address `/m/intro/` differs only by case from `/m/Intro/`, the address of content/01-m/03-c.md: on case-insensitive disks (macOS, Windows) one page would replace the other"],
    );
}

#[test]
fn file_names_that_differ_only_by_case_are_an_error() {
    let err = fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/Intro.md", "Big", "Text.");
            f.lesson("content/01-m/intro.md", "Small", "Text.");
        },
        &[
            "content/01-m/intro.md: error: this name differs only by case from content/01-m/Intro.md: on case-insensitive disks (macOS, Windows) one would replace the other",
            "  = help: rename one of them",
        ],
    );
    // The clash is the one error: the file set aside adds no duplicate slug.
    assert!(!err.contains("duplicate slug"), "{err}");
}

#[test]
fn folders_that_differ_only_by_case_are_an_error_once() {
    let err = fails_and_keeps_output(
        |f| {
            f.module("01-M", "Big");
            f.lesson("content/01-M/01-a.md", "A2", "Text.");
            f.lesson("content/01-M/02-b.md", "B2", "Text.");
        },
        &["content/01-m: error: this name differs only by case from content/01-M: on case-insensitive disks (macOS, Windows) one would replace the other"],
    );
    assert_eq!(err.matches("differs only by case").count(), 1, "{err}");
}
