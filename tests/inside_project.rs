//! Nothing outside the project is read: a link in `content/`, `templates/`, `static/`
//! or a theme folder that resolves outside it is an error naming the link and its
//! target, and the previous output stays as it was. Links inside the project are fine.
#![cfg(unix)]

mod support;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use support::*;

/// A folder outside the project with `secret.txt` in it, and that file's real path.
fn outside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "OUTSIDE-SECRET\n").unwrap();
    let file = dir.path().join("secret.txt").canonicalize().unwrap();
    (dir, file)
}

fn link_error(link: &str, target: &Path) -> String {
    format!(
        "{link}: error: this is a link to {}, outside the project",
        target.display()
    )
}

#[test]
fn template_linked_to_a_file_outside_is_refused() {
    let (_dir, secret) = outside();
    let target = secret.clone();
    let err = fails_and_keeps_output(
        move |f| {
            std::fs::create_dir_all(f.root().join("templates")).unwrap();
            symlink(&target, f.root().join("templates/macros.html")).unwrap();
        },
        &[
            &link_error("templates/macros.html", &secret),
            "  = help: copy the file into the project instead of linking to it",
        ],
    );
    assert!(!err.contains("OUTSIDE-SECRET"), "{err}");
}

#[test]
fn static_file_linked_to_a_file_outside_is_not_copied() {
    let (_dir, secret) = outside();
    let target = secret.clone();
    fails_and_keeps_output(
        move |f| {
            std::fs::create_dir_all(f.root().join("static")).unwrap();
            symlink(&target, f.root().join("static/host.txt")).unwrap();
        },
        &[&link_error("static/host.txt", &secret)],
    );
}

#[test]
fn theme_static_linked_to_a_folder_outside_is_not_walked() {
    let (dir, _) = outside();
    let folder = dir.path().canonicalize().unwrap();
    let target = folder.clone();
    let err = fails_and_keeps_output(
        move |f| {
            f.write(
                "site.toml",
                "title = \"Fixture course\"\ntheme = \"mine\"\n",
            );
            std::fs::create_dir_all(f.root().join("themes/mine")).unwrap();
            copy_dir(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates"),
                &f.root().join("themes/mine/templates"),
            );
            symlink(&target, f.root().join("themes/mine/static")).unwrap();
        },
        &[&link_error("themes/mine/static", &folder)],
    );
    // One error for the link, none for the files it would have led to.
    assert_eq!(err.matches("outside the project").count(), 1, "{err}");
}

#[test]
fn theme_folder_linked_outside_is_refused() {
    let (dir, _) = outside();
    let theme = dir.path().join("mine");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates"),
        &theme.join("templates"),
    );
    let templates = theme.join("templates").canonicalize().unwrap();
    fails_and_keeps_output(
        move |f| {
            f.write(
                "site.toml",
                "title = \"Fixture course\"\ntheme = \"mine\"\n",
            );
            std::fs::create_dir_all(f.root().join("themes")).unwrap();
            symlink(&theme, f.root().join("themes/mine")).unwrap();
        },
        &[&link_error("themes/mine/templates", &templates)],
    );
}

#[test]
fn content_folder_linked_outside_is_refused_once() {
    let (dir, _) = outside();
    std::fs::write(
        dir.path().join("x.md"),
        "+++\ntitle = \"X\"\n+++\nOUTSIDE\n",
    )
    .unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let target = folder.clone();
    let err = fails_and_keeps_output(
        move |f| symlink(&target, f.root().join("content/01-m/more")).unwrap(),
        &[&link_error("content/01-m/more", &folder)],
    );
    assert_eq!(err.matches("outside the project").count(), 1, "{err}");
}

#[test]
fn links_that_stay_inside_the_project_are_followed() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "Text.");
    f.write("shared/notes.txt", "SHARED NOTES\n");
    f.write(
        "shared/partials/footer-note.html",
        "<p class=\"footer-note\">From a shared partial</p>\n",
    );
    std::fs::create_dir_all(f.root().join("static")).unwrap();
    symlink("../shared/notes.txt", f.root().join("static/notes.txt")).unwrap();
    symlink("../shared/partials", f.root().join("templates")).unwrap();
    f.build_ok();
    assert_eq!(
        std::fs::read_to_string(f.public().join("static/notes.txt")).unwrap(),
        "SHARED NOTES\n"
    );
}
