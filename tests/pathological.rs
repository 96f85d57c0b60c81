//! Pathological input: the output of each case in bench/pathological.py is
//! right (the timings are measured there, never here), and the caps give clear
//! errors instead of hours of work or a wrapped number.

mod support;

use std::collections::HashSet;

use support::*;

#[test]
fn twenty_thousand_identical_headings_get_distinct_ids() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", &"## x\n\n".repeat(20_000));
    f.build_ok();
    let doc = f.page("a/index.html");
    let ids: Vec<_> = doc
        .select(&sel(".prose h2"))
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(ids.len(), 20_000);
    assert_eq!(ids[..3], ["x", "x-1", "x-2"]);
    assert_eq!(ids[19_999], "x-19999");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 20_000);
}

#[test]
fn a_lesson_with_ten_thousand_links_has_each_one_right() {
    let f = Fixture::new();
    let links: String = (0..5_000)
        .map(|i| format!("[a{i}](02-b.md#part) [b{i}](#here)\n"))
        .collect();
    f.lesson("content/01-a.md", "A", &format!("## Here\n\n{links}"));
    f.lesson("content/02-b.md", "B", "## Part\n\nText.\n");
    f.build_ok();
    let doc = f.page("a/index.html");
    let hrefs: Vec<_> = doc
        .select(&sel(".prose p a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs.len(), 10_000);
    assert!(hrefs
        .chunks(2)
        .all(|p| p == ["../b/index.html#part", "#here"]));
}

#[test]
fn seventy_thousand_nested_brackets_in_yaml_extra_are_an_error() {
    fails_and_keeps_output(
        |f| {
            let deep = "[".repeat(70_000);
            f.write(
                "content/01-m/03-c.md",
                &format!("---\ntitle: C\nextra:\n  k: {deep}\n---\nBody.\n"),
            );
        },
        &["content/01-m/03-c.md:4:70: error: front matter is nested more than 64 levels deep"],
    );
}

#[test]
fn colon_fence_nesting_past_the_cap_is_an_error() {
    fails_and_keeps_output(
        |f| {
            let body = format!(
                "{}x\n{}",
                "::: note\n".repeat(70_000),
                ":::\n".repeat(70_000)
            );
            f.lesson("content/01-m/03-c.md", "C", &body);
        },
        &["content/01-m/03-c.md:71:1: error: `:::` blocks are nested more than 64 levels deep"],
    );
}

#[test]
fn session_minutes_that_overflow_are_an_error_not_a_wrap() {
    fails_and_keeps_output(
        |f| {
            f.write(
                "content/01-m/03-c.md",
                "+++\ntitle = \"C\"\n[[session]]\nkind = \"teaching\"\nminutes = 4294967295\n[[session]]\nkind = \"close\"\nminutes = 2\n+++\nBody.\n",
            );
        },
        &["content/01-m/03-c.md:2:1: error: the session plan adds up to 4294967297 minutes, more than a day"],
    );
}

#[test]
fn a_box_taller_than_a_page_is_an_error() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/03-c.md", "C", "::: worksheet\n## Sheet\n\n[[box 9999cm]]\n:::\n");
        },
        &["content/01-m/03-c.md:10:1: error: `[[box 9999cm]]` is taller than a page: at most 25cm, 250mm, 10in, 60em or 30lines"],
    );
}
