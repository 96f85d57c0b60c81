//! Themes own every element: a course overrides one template file and only that
//! element changes; `check` warns about overrides written for an older theme.

mod support;

use support::*;

#[test]
fn overriding_one_field_template_changes_how_lines_render() {
    let f = Fixture::new();
    f.lesson(
        "content/01-x.md",
        "X",
        "::: {.worksheet title=\"Plan\"}\nWhat helps?\n\n[[lines 4]]\n\n[[box 3cm]]\n:::\n",
    );
    f.write(
        "templates/fields/lines.html",
        "<ol class=\"ruled\" data-key=\"{{ key }}\">{% for i in range(end=lines) %}<li></li>{% endfor %}</ol>\n",
    );
    f.build_ok();
    for page in ["x/index.html", "x/worksheet/index.html"] {
        let doc = f.page(page);
        assert_eq!(doc.select(&sel("ol.ruled li")).count(), 4, "{page}");
        assert!(doc.select(&sel(".field-lines")).next().is_none(), "{page}");
        // The other fields keep the theme's markup.
        assert_eq!(doc.select(&sel(".field-box textarea")).count(), 1, "{page}");
    }
}

#[test]
fn check_warns_about_an_override_the_theme_no_longer_has() {
    let f = Fixture::new();
    f.lesson("content/01-x.md", "X", "Text.");
    f.write("templates/fields/line.html", "<hr>\n");
    let out = trellis(f.root(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "templates/fields/line.html: warning: the theme has no template `fields/line.html`"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `fields/lines.html`?"), "{err}");
}

#[test]
fn check_warns_about_an_override_written_for_an_older_template_api() {
    let f = Fixture::new();
    f.lesson("content/01-x.md", "X", "Text.");
    f.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}{% block head %}<script type=\"application/ld+json\">{}</script>{% endblock head %}{% block body %}<main id=\"main\"><h1>{{ title }}</h1>{{ page.content | safe }}</main>{% endblock body %}",
    );
    let out = trellis(f.root(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("templates/lesson.html: warning: this override writes its own JSON-LD"),
        "{err}"
    );
}

#[test]
fn a_broken_element_template_fails_with_its_file_and_line_and_keeps_the_output() {
    let err = fails_and_keeps_output(
        |f| {
            f.write(
                "templates/markdown/heading.html",
                "<h{{ level }} id=\"{{ id }}\">\n{{ content | safe }}{% if %}</h{{ level }}>\n",
            );
        },
        &[],
    );
    assert!(
        err.contains("templates/markdown/heading.html:2:27: error: template syntax error"),
        "{err}"
    );
    assert!(
        err.contains("element templates (markdown/…, fields/…)"),
        "{err}"
    );
}

#[test]
fn an_element_template_with_an_unknown_variable_names_the_file() {
    let err = fails_and_keeps_output(
        |f| {
            f.write(
                "templates/fields/lines.html",
                "<div>\n{{ nope.lines }}</div>\n",
            );
            f.lesson(
                "content/01-m/01-a.md",
                "A",
                "Text with [b](02-b.md).\n\n::: worksheet\nWhat?\n\n[[lines 2]]\n:::\n",
            );
        },
        &[],
    );
    assert!(
        err.contains("templates/fields/lines.html:2:"),
        "the error names the override and its line:\n{err}"
    );
}
