//! Links that used to pass unchecked: same-page fragments, site-absolute paths,
//! paths and anchors in raw HTML, and ids that clashed (footnotes and headings,
//! the facilitator guide).

mod support;

use std::collections::HashSet;

use support::*;

/// Every `id` on a page, with those that appear more than once.
fn duplicate_ids(doc: &scraper::Html) -> Vec<String> {
    let mut seen = HashSet::new();
    doc.select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .filter(|id| !seen.insert(id.to_string()))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_missing_same_page_anchor_is_an_error() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/03-c.md", "C", "## Here\n\n[a](#missing) and [b](#here).\n");
        },
        &["content/01-m/03-c.md:9:1: error: link to `#missing`: no such heading or anchor on this page"],
    );
}

#[test]
fn a_missing_same_page_anchor_in_a_facilitator_note_is_an_error() {
    fails_and_keeps_output(
        |f| {
            f.lesson(
                "content/01-m/03-c.md",
                "C",
                "## Here\n\n::: facilitator\n### Tips\n\nSee [tips](#tips), [here](#here), [x](#nowhere).\n:::\n",
            );
        },
        &["content/01-m/03-c.md:12:35: error: link to `#nowhere`: no such heading or anchor on this page"],
    );
}

#[test]
fn same_page_anchors_from_headings_raw_html_and_the_theme_build() {
    let f = Fixture::new();
    f.lesson(
        "content/01-a.md",
        "A",
        "## Here\n\n[a](#here) [b](#raw) [c](#kept) [d](#main)\n\n<span id=\"raw\">x</span> <a id=\"kept\"></a>\n",
    );
    f.build_ok();
    let doc = f.page("a/index.html");
    assert!(doc.select(&sel("span#raw")).next().is_some());
    assert!(duplicate_ids(&doc).is_empty(), "{:?}", duplicate_ids(&doc));
}

#[test]
fn site_absolute_links_and_images_are_errors_with_a_hint() {
    let err = fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/03-c.md", "C", "[b](/nope/)\n\n![c](/img/none.png)\n");
        },
        &[
            "content/01-m/03-c.md:7:1: error: `/nope/` is a site-absolute link to no page of the course",
            "content/01-m/03-c.md:9:1: error: `/img/none.png` is a site-absolute link to no page of the course",
        ],
    );
    assert!(
        err.contains(
            "breaks when the course is published at a sub-path: write a path relative to this file"
        ),
        "{err}"
    );
}

#[test]
fn raw_html_paths_are_resolved_like_markdown_links() {
    let f = Fixture::new();
    f.module("01-m", "M");
    f.lesson(
        "content/01-m/01-a.md",
        "A",
        "<p><a href=\"02-b.md#part\">B</a> <a href=\"/worksheets/\">W</a> <img src=\"fig/x.png\" alt=\"x\"></p>\n\n<div class=\"figure\">\n  <img\n    src=\"fig/x.png\" alt=\"again\">\n</div>\n",
    );
    f.lesson("content/01-m/02-b.md", "B", "## Part\n\nText.\n");
    f.write("content/01-m/fig/x.png", "png");
    f.build_ok();
    let doc = f.page("m/a/index.html");
    assert_eq!(
        attr(&doc, ".prose a[href*='b/']", "href").as_deref(),
        Some("../../m/b/index.html#part")
    );
    assert_eq!(
        attr(&doc, ".prose a[href*='worksheets']", "href").as_deref(),
        Some("../../worksheets/index.html")
    );
    let srcs: Vec<_> = doc
        .select(&sel(".prose img"))
        .filter_map(|e| e.value().attr("src"))
        .collect();
    assert_eq!(srcs, ["../../m/fig/x.png", "../../m/fig/x.png"]);
    assert!(f.public().join("m/fig/x.png").is_file());
    let broken = broken_links(&f.public(), "/course/");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_missing_path_in_raw_html_is_an_error_at_its_attribute() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/03-c.md", "C", "Text <img src=\"fig/none.png\" alt=\"n\">.\n");
        },
        &["content/01-m/03-c.md:7:16: error: `fig/none.png` not found (looked for content/01-m/fig/none.png)"],
    );
}

#[test]
fn a_raw_html_id_the_theme_uses_is_an_error() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/03-c.md", "C", "<div id=\"main\">x</div>\n");
        },
        &["content/01-m/03-c.md:7:10: error: the id `main` is already used on this page"],
    );
}

#[test]
fn footnote_and_heading_ids_never_clash() {
    let f = Fixture::new();
    f.lesson(
        "content/01-a.md",
        "A",
        "## Note\n\nText[^note] and [up](#note).\n\n[^note]: The note.\n",
    );
    f.build_ok();
    let doc = f.page("a/index.html");
    assert!(duplicate_ids(&doc).is_empty(), "{:?}", duplicate_ids(&doc));
    assert!(doc.select(&sel("h2#note")).next().is_some());
    let to_note = attr(&doc, ".footnote-reference a", "href").unwrap();
    let target = to_note.trim_start_matches('#');
    assert!(
        doc.select(&sel(&format!(".footnote-definition[id='{target}']")))
            .next()
            .is_some(),
        "{to_note}"
    );
}

#[test]
fn facilitator_guide_ids_are_unique() {
    let site = shared_bundled_site();
    let guide = page(&site.join("facilitator/index.html"));
    assert!(guide.select(&sel("[id]")).count() > 20);
    assert!(
        duplicate_ids(&guide).is_empty(),
        "{:?}",
        duplicate_ids(&guide)
    );
}

#[test]
fn every_page_of_the_bundled_course_has_unique_ids() {
    let site = shared_bundled_site();
    for rel in lesson_pages(site) {
        let doc = page(&site.join(&rel));
        assert!(
            duplicate_ids(&doc).is_empty(),
            "{rel}: {:?}",
            duplicate_ids(&doc)
        );
    }
}
