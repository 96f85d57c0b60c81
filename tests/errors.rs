//! Each kind of bad input: a `path:line:col: error:` message, a non-zero exit, and
//! the previous output left byte-for-byte as it was.

mod support;

use support::*;

#[test]
fn missing_site_toml() {
    let err = fails_and_keeps_output(
        |f| std::fs::remove_file(f.root().join("site.toml")).unwrap(),
        &["  = help: run `trellis build` in a course folder, pass `--root DIR`, or create one with `trellis init DIR`"],
    );
    assert!(
        err.starts_with("site.toml: error: no site.toml in "),
        "{err}"
    );
}

#[test]
fn malformed_site_toml() {
    fails_and_keeps_output(
        |f| {
            f.write("site.toml", "title = \"T\"\n[print]\npage_size = \"A5\"\n");
        },
        &["site.toml:3:13: error: unknown variant `A5`, expected `A4` or `Letter`"],
    );
}

#[test]
fn unknown_site_key_suggests_the_nearest() {
    fails_and_keeps_output(
        |f| {
            f.write(
                "site.toml",
                "title = \"T\"\nbase_ulr = \"https://x.org/\"\n",
            );
        },
        &["  = help: did you mean `base_url`?"],
    );
}

#[test]
fn bad_front_matter_reports_every_broken_lesson_in_one_run() {
    let err = fails_and_keeps_output(
        |f| {
            f.write("content/01-m/01-a.md", "+++\ntitel = \"A\"\n+++\nText\n");
            f.write("content/01-m/02-b.md", "---\ntitle: B\nduration: soon\n---\nSee [gone](03-gone.md).\n");
        },
        &[
            "content/01-m/01-a.md:2:1: error: unknown field `titel`",
            "  = help: did you mean `title`?",
            "content/01-m/02-b.md:3:11: error: duration: invalid type: string \"soon\", expected u32",
            "error: build failed with 2 errors; the previous output was left as it was",
        ],
    );
    assert!(
        !err.contains("03-gone"),
        "a file with broken front matter is not rendered further:\n{err}"
    );
}

#[test]
fn unterminated_front_matter() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/02-b.md", "+++\ntitle = \"B\"\nText\n");
        },
        &["content/01-m/02-b.md:1:1: error: front matter opened with `+++` is never closed"],
    );
}

#[test]
fn duplicate_slug() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/03-c.md", "+++\ntitle = \"Another A\"\nslug = \"a\"\n+++\n");
        },
        &["content/01-m/03-c.md:1:1: error: duplicate slug: `/m/a/` is also the address of content/01-m/01-a.md"],
    );
}

#[test]
fn broken_internal_link_and_image_and_fragment() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/02-b.md", "B", "Line one.\n\nSee [c](03-c.md), ![pic](fig/none.png) and [a](01-a.md#nowhere).\n");
        },
        &[
            "content/01-m/02-b.md:9:5: error: link to `03-c.md` resolves to nothing (no content/01-m/03-c.md)",
            "content/01-m/02-b.md:9:19: error: `fig/none.png` not found (looked for content/01-m/fig/none.png)",
            "content/01-m/02-b.md:9:44: error: link to `#nowhere` in /m/a/: no such heading or anchor there",
        ],
    );
}

#[test]
fn link_escaping_the_content_folder() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/02-b.md", "B", "[secret](../../site.toml)\n");
        },
        &["content/01-m/02-b.md:7:1: error: `../../site.toml` points outside the content folder"],
    );
}

#[test]
fn unknown_template_variable() {
    fails_and_keeps_output(
        |f| {
            f.write("templates/lesson.html", "{% extends \"base.html\" %}\n{% block body %}\n<p>{{ page.nope }}</p>\n{% endblock body %}\n");
        },
        &["templates/lesson.html:3:7: error: unknown variable `page.nope`"],
    );
}

#[test]
fn template_syntax_error() {
    fails_and_keeps_output(
        |f| {
            f.write("templates/lesson.html", "<p>\n{% if %}\n");
        },
        &["templates/lesson.html:2:7: error: template syntax error: expected a value that can be negated"],
    );
}

#[test]
fn unclosed_block_and_unknown_field() {
    fails_and_keeps_output(
        |f| {
            f.lesson(
                "content/01-m/02-b.md",
                "B",
                "::: activity\nText.\n\n[[frobnicate 3]]\n",
            );
        },
        &[
            "content/01-m/02-b.md:7:1: error: this block is never closed",
            "content/01-m/02-b.md:10:1: error: unknown field `[[frobnicate 3]]`",
        ],
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let f = Fixture::new();
    f.write("public/notes.txt", "mine");
    let out = f.build(&[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("holds files that Trellis did not write"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(f.public().join("notes.txt")).unwrap(),
        "mine"
    );
    let out = f.build(&["--output", "."]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("it holds the course itself"),
        "{}",
        stderr(&out)
    );
    assert!(f.root().join("content/_index.md").is_file());
}
