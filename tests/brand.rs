//! `[theme]` in site.toml (issue 17): each key changes the built pages, a colour
//! that reads poorly warns with its ratio and a fix, and bad values are errors at
//! their line that leave the previous site as it was.

mod support;

use std::sync::OnceLock;

use support::*;

const BRANDED: &str = r##"title = "Branded course"
base_url = "https://org.github.io/course/"

[theme]
accent = "#0b5394"
accent2 = "#6a1b9a"
accent_dark = "#9fc5e8"
logo = "static/logo.svg"
logo_dark = "static/logo-dark.svg"
favicon = "static/icon.png"
font = "static/fonts/course.woff2"
css = "static/extra.css"
edit_url = "https://github.com/org/course/edit/main/{path}"
nav = [{ text = "About us", url = "https://example.org/about" }, { text = "Help", url = "help/" }]

[theme.footer]
text = "© Family Centre"
links = [{ text = "Licence", url = "https://creativecommons.org/licenses/by/4.0/" }, { text = "Privacy", url = "privacy/" }]
"##;

fn course(site_toml: &str) -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", site_toml);
    f.module("01-m", "M");
    f.lesson("content/01-m/01-a.md", "A", "Text.\n");
    f.lesson("content/01-m/02-b.md", "B", "More text.\n");
    f.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    );
    f.write(
        "static/logo-dark.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    );
    f.write("static/icon.png", "png");
    f.write("static/fonts/course.woff2", "woff2");
    f.write("static/extra.css", ".x { color: red; }\n");
    f
}

fn branded() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    built_once(&F, || course(BRANDED))
}

fn plain() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    built_once(&F, || {
        course("title = \"Plain course\"\nbase_url = \"https://org.github.io/course/\"\n")
    })
}

const LESSON: &str = "m/a/index.html";

/// The inline brand style of a page, if any.
fn brand_style(f: &Fixture) -> String {
    texts(&f.page(LESSON), "head style")
        .into_iter()
        .find(|s| s.contains(":root"))
        .unwrap_or_default()
}

#[test]
fn accent_sets_the_accent_in_light_and_dark_mode() {
    let style = brand_style(branded());
    assert!(
        style.contains("--accent:light-dark(#0b5394,#9fc5e8)"),
        "{style}"
    );
    assert!(
        style.contains("--on-accent:light-dark(#ffffff,#1b1916)"),
        "{style}"
    );
    assert_eq!(brand_style(plain()), "");
}

#[test]
fn accent2_sets_the_link_colour_and_its_dark_value_is_derived_to_pass() {
    let style = brand_style(branded());
    // #6a1b9a is too dark on the dark background: dark mode gets a lighter purple.
    let dark = style
        .split("--link:light-dark(#6a1b9a,")
        .nth(1)
        .and_then(|s| s.get(..7))
        .unwrap_or_else(|| panic!("{style}"));
    assert_ne!(dark, "#6a1b9a");
    assert!(dark.starts_with('#'), "{style}");
}

#[test]
fn logo_and_logo_dark_go_in_the_header_before_the_title() {
    let doc = branded().page(LESSON);
    assert_eq!(
        attr(&doc, ".site-title img.logo-light", "src").as_deref(),
        Some("../../static/logo.svg")
    );
    assert_eq!(
        attr(&doc, ".site-title img.logo-dark", "src").as_deref(),
        Some("../../static/logo-dark.svg")
    );
    assert_eq!(texts(&doc, ".site-title"), ["Branded course"]);
    assert!(plain()
        .page(LESSON)
        .select(&sel(".site-title img"))
        .next()
        .is_none());
}

#[test]
fn favicon_replaces_the_default_icon() {
    let href = |f: &Fixture| attr(&f.page(LESSON), "link[rel=icon]", "href");
    assert_eq!(href(branded()).as_deref(), Some("../../static/icon.png"));
    assert_eq!(href(plain()).as_deref(), Some("../../static/favicon.svg"));
    assert!(branded().public().join("static/icon.png").is_file());
}

#[test]
fn font_file_is_declared_and_used() {
    let style = brand_style(branded());
    assert!(
        style.contains("@font-face{font-family:\"Course font\";src:url(\"../../static/fonts/course.woff2\") format(\"woff2\")"),
        "{style}"
    );
    assert!(
        style.contains("--font:\"Course font\", system-ui"),
        "{style}"
    );
}

#[test]
fn font_name_picks_a_stack() {
    let f = course("title = \"T\"\nbase_url = \"https://x.org/\"\n[theme]\nfont = \"humanist\"\n");
    f.build_ok();
    let style = brand_style(&f);
    assert!(style.contains("--font:Seravek"), "{style}");
    assert!(!style.contains("@font-face"), "{style}");
}

#[test]
fn css_is_linked_last() {
    let doc = branded().page(LESSON);
    let sheets: Vec<String> = doc
        .select(&sel("head link[rel=stylesheet]"))
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        sheets.last().map(String::as_str),
        Some("../../static/extra.css"),
        "{sheets:?}"
    );
    assert!(!texts(&plain().page(LESSON), "head")
        .concat()
        .contains("extra.css"));
}

#[test]
fn nav_adds_links_to_the_site_navigation() {
    let doc = branded().page(LESSON);
    let links: Vec<(String, String)> = doc
        .select(&sel(".site-nav a"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        links.contains(&("About us".into(), "https://example.org/about".into())),
        "{links:?}"
    );
    assert!(
        links.contains(&("Help".into(), "../../help/".into())),
        "{links:?}"
    );
    let plain_links = texts(&plain().page(LESSON), ".site-nav a");
    assert_eq!(plain_links.len() + 2, links.len());
}

#[test]
fn footer_shows_its_text_and_links() {
    let doc = branded().page(LESSON);
    assert_eq!(texts(&doc, ".footer-brand span"), ["© Family Centre"]);
    assert_eq!(texts(&doc, ".footer-brand a"), ["Licence", "Privacy"]);
    assert_eq!(
        attr(&doc, ".footer-brand a:last-child", "href").as_deref(),
        Some("../../privacy/")
    );
    assert!(plain()
        .page(LESSON)
        .select(&sel(".footer-brand"))
        .next()
        .is_none());
}

#[test]
fn edit_url_links_every_lesson_to_its_source() {
    let doc = branded().page(LESSON);
    assert_eq!(
        attr(&doc, ".edit-page a", "href").as_deref(),
        Some("https://github.com/org/course/edit/main/content/01-m/01-a.md")
    );
    assert_eq!(
        texts(&doc, ".edit-page a"),
        ["Suggest a change to this page"]
    );
    assert!(plain()
        .page(LESSON)
        .select(&sel(".edit-page"))
        .next()
        .is_none());
}

#[test]
fn name_in_the_table_picks_the_theme_folder() {
    let f = course("title = \"T\"\nbase_url = \"https://x.org/\"\n[theme]\nname = \"mine\"\n");
    let out = f.build(&[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("theme `mine` not found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_low_contrast_accent_warns_with_its_ratio_and_the_nearest_passing_colour() {
    let f = course("title = \"T\"\nbase_url = \"https://x.org/\"\n\n[theme]\naccent = \"#f4a261\"\naccent_dark = \"#5a3d1e\"\n");
    let err = f.build_ok();
    let lines: Vec<&str> = err.lines().collect();
    let light = lines
        .iter()
        .position(|l| {
            l.starts_with(
                "site.toml:5:1: warning: [theme] `accent` #f4a261 has a contrast of 1.93:1",
            )
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        lines[light].contains(":1 against the light background #fbf7f1; text needs 4.5:1"),
        "{err}"
    );
    assert!(
        lines[light + 1].contains("the nearest colour of the same hue that passes is #"),
        "{err}"
    );
    assert!(
        err.contains("site.toml:6:1: warning: [theme] `accent_dark` #5a3d1e has a contrast of"),
        "{err}"
    );
    assert!(err.contains("against the dark background #1b1916"), "{err}");
    // A passing accent says nothing.
    assert!(!branded().build_ok().contains("contrast"));
}

#[test]
fn a_bad_colour_is_an_error_at_its_line_and_keeps_the_site() {
    fails_and_keeps_output(
        |f| {
            f.write(
                "site.toml",
                "title = \"T\"\n[theme]\naccent = \"teal\"\n",
            );
        },
        &["site.toml:3:10: error: [theme] `accent` must be a colour like \"#1d6658\", found `teal`"],
    );
}

#[test]
fn a_missing_logo_is_an_error_at_its_line_and_keeps_the_site() {
    fails_and_keeps_output(
        |f| {
            f.write(
                "site.toml",
                "title = \"T\"\n\n[theme]\nlogo = \"static/nope.svg\"\n",
            );
        },
        &["site.toml:4:1: error: [theme] `logo`: no file static/nope.svg"],
    );
}

#[test]
fn an_unknown_theme_key_names_its_line_and_the_nearest_key() {
    fails_and_keeps_output(
        |f| {
            f.write("site.toml", "title = \"T\"\n[theme]\naccnet = \"#000\"\n");
        },
        &["site.toml:3:1: error: unknown field `accnet`, expected one of `name`, `accent`, `accent2`, `accent_dark`, `accent2_dark`, `logo`, `logo_dark`, `favicon`, `font`, `css`, `nav`, `footer`, `edit_url`"],
    );
}
