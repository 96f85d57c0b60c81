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
