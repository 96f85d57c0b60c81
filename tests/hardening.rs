//! Bad input of every kind: a clear error with file and line, a non-zero exit,
//! never a panic, and the previous output left byte-for-byte intact.

mod support;

use support::*;

#[test]
fn empty_file() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/02-b.md", "");
        },
        &["content/01-m/02-b.md:1:1: error: file is empty"],
    );
}

#[test]
fn file_that_is_not_utf8() {
    fails_and_keeps_output(
        |f| {
            std::fs::write(
                f.root().join("content/01-m/02-b.md"),
                b"+++\ntitle = \"B\"\n+++\nCaf\xe9 au lait\n",
            )
            .unwrap();
        },
        &[
            "content/01-m/02-b.md:4:4: error: file is not valid UTF-8",
            "  = help: save the file as UTF-8 in your editor",
        ],
    );
}

#[test]
fn bom_and_crlf_simply_work() {
    let f = Fixture::new();
    f.write(
        "content/01-a.md",
        "\u{feff}+++\r\ntitle = \"Windows\"\r\n+++\r\n## Heading\r\n\r\nText.\r\n",
    );
    f.write(
        "content/02-b.md",
        "\u{feff}---\r\ntitle: Yaml\r\n---\r\nBody\r\n",
    );
    f.build_ok();
    assert_eq!(texts(&f.page("a/index.html"), "h1"), ["Windows"]);
    assert_eq!(
        attr(&f.page("a/index.html"), ".prose h2", "id").as_deref(),
        Some("heading")
    );
    assert_eq!(texts(&f.page("b/index.html"), "h1"), ["Yaml"]);
}

#[test]
fn front_matter_of_the_wrong_type() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/02-b.md", "+++\ntitle = \"B\"\nobjectives = \"just one\"\n+++\n");
        },
        &["content/01-m/02-b.md:3:14: error: invalid type: string \"just one\", expected a sequence"],
    );
}

#[test]
fn duplicated_front_matter_key_and_block() {
    fails_and_keeps_output(
        |f| {
            f.write(
                "content/01-m/02-b.md",
                "+++\ntitle = \"B\"\ntitle = \"C\"\n+++\n",
            );
            f.write(
                "content/01-m/03-c.md",
                "+++\ntitle = \"C\"\n+++\n\n+++\nsummary = \"x\"\n+++\nBody\n",
            );
            f.write("content/01-m/04-d.md", "---\ntitle: D\ntitle: E\n---\n");
        },
        &[
            "content/01-m/02-b.md:3:1: error: duplicate key `title`",
            "content/01-m/03-c.md:5:1: error: a second front matter block",
            "content/01-m/04-d.md:2:1: error: duplicate field `title`",
        ],
    );
}

#[test]
fn huge_file() {
    fails_and_keeps_output(
        |f| {
            let mut text = String::from("+++\ntitle = \"Huge\"\n+++\n");
            text.push_str(&"All work and no play. ".repeat(420_000));
            f.write("content/01-m/02-b.md", &text);
        },
        &["content/01-m/02-b.md: error: file is too large (8 MiB; the limit is 2 MiB)"],
    );
}

#[test]
fn very_deep_nesting_of_quotes_and_lists() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/02-b.md", &format!("+++\ntitle = \"B\"\n+++\n{} deep\n", ">".repeat(100_000)));
            let lists: String = (0..1000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
            f.write("content/01-m/03-c.md", &format!("+++\ntitle = \"C\"\n+++\n{lists}"));
        },
        &[
            "content/01-m/02-b.md:4:65: error: lists and quotes are nested more than 64 levels deep",
            "content/01-m/03-c.md:36:65: error: lists and quotes are nested more than 64 levels deep",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content() {
    let err = fails_and_keeps_output(
        |f| {
            std::os::unix::fs::symlink("..", f.root().join("content/01-m/loop")).unwrap();
        },
        &["  = help: remove the link, or point it outside its own folder"],
    );
    assert!(err.lines().any(|l| l.starts_with("content/01-m/loop") && l.ends_with("error: symbolic link loop")), "{err}");
}

#[cfg(unix)]
#[test]
fn link_to_a_file_outside_the_project() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"Secret\"\n+++\nSECRET\n",
    )
    .unwrap();
    let target = outside.path().join("secret.md");
    let expected = format!(
        "content/01-m/03-secret.md: error: this is a link to {}, outside the project",
        target.canonicalize().unwrap().display()
    );
    fails_and_keeps_output(
        move |f| {
            std::os::unix::fs::symlink(&target, f.root().join("content/01-m/03-secret.md"))
                .unwrap();
        },
        &[&expected],
    );
}

#[test]
fn missing_theme() {
    fails_and_keeps_output(
        |f| {
            f.write("site.toml", "title = \"T\"\ntheme = \"fancy\"\n");
        },
        &[
            "site.toml: error: theme `fancy` not found",
            "  = help: create themes/fancy/templates/, or use `theme = \"default\"`",
        ],
    );
}

#[test]
fn output_folder_that_is_the_content_folder() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "Text.");
    let before = snapshot(&f.root().join("content"));
    let out = f.build(&["--output", "content"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("it holds the course itself")
            || stderr(&out).contains("inside the course's `content` folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&f.root().join("content")), before);
    let out = f.build(&["--output", "content/site"]);
    assert!(stderr(&out).contains("error: refusing to build into content/site: it is inside the course's `content` folder"), "{}", stderr(&out));
    assert!(!out.status.success());
}

#[test]
fn unknown_field_line_points_at_the_field() {
    fails_and_keeps_output(
        |f| {
            f.lesson("content/01-m/02-b.md", "B", "::: worksheet\n[[lines many]]\n:::\n");
        },
        &["content/01-m/02-b.md:8:1: error: `[[lines many]]` needs a number of lines, e.g. [[lines 3]], or `fill`"],
    );
}
