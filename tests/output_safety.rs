//! Output safety (issue 11, items 1–4): builds stopped by a signal, by SIGKILL or
//! by a failure inside the swap keep the previous site whole and leave nothing
//! behind after the next build; one build at a time per output; a symlinked output
//! is followed; no path of the site is written by two sources.
//!
//! Interruptions are placed with `TRELLIS_TEST_FAULT` (see `src/output/fault.rs`):
//! the build stops at a named point and says so on stderr, then the test signals it.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use rustix::process::{kill_process, Pid, Signal};
use support::*;

/// A course with a module and two lessons, built once; its output's bytes.
fn built() -> (Fixture, BTreeMap<PathBuf, Vec<u8>>) {
    let f = Fixture::new();
    f.module("01-m", "M");
    f.lesson(
        "content/01-m/01-a.md",
        "A",
        "## Part\n\nText with [b](02-b.md).\n",
    );
    f.lesson("content/01-m/02-b.md", "B", "Text.\n");
    f.build_ok();
    let before = snapshot(&f.public());
    assert!(before.len() > 5);
    (f, before)
}

/// A change that the next build would show, so an old and a new site differ.
fn edit(f: &Fixture) {
    f.lesson("content/01-m/02-b.md", "B", "Changed text.\n");
}

/// Everything a build keeps beside its output while it runs (the build cache, the
/// parsed pages' cache, the images' cache, the spare and the output manifest, which
/// stay on purpose, aside).
fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains(".trellis-")
                && !n.ends_with(".trellis-cache")
                && !n.ends_with(".trellis-docs")
                && !n.ends_with(".trellis-images")
                && !n.ends_with(".trellis-spare")
                && !n.ends_with(".trellis-manifest")
        })
        .collect()
}

/// A build with `fault` set, once it has said it is paused at its point.
struct Paused {
    child: Child,
    stderr: BufReader<std::process::ChildStderr>,
}

fn paused(f: &Fixture, fault: &str, args: &[&str]) -> Paused {
    let child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args([&["build", "--quiet"], args].concat())
        .current_dir(f.root())
        .env("TRELLIS_TEST_FAULT", fault)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.expect("run trellis");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut p = Paused { child, stderr };
    let point = fault.trim_start_matches("pause:");
    let mut line = String::new();
    loop {
        line.clear();
        let n = p.stderr.read_line(&mut line).unwrap();
        assert!(n > 0, "the build ended before pausing at {point}");
        if line.trim_end() == format!("trellis-test: paused at {point}") {
            return p;
        }
    }
}

/// A test that fails before signalling must not leave a paused build behind.
impl Drop for Paused {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Paused {
    /// Send `signal`; returns the exit code (`None` when killed) and the rest of stderr.
    fn signal(&mut self, signal: Signal) -> (Option<i32>, String) {
        kill_process(Pid::from_child(&self.child), signal).unwrap();
        let mut rest = String::new();
        self.stderr.read_to_string(&mut rest).unwrap();
        let status = self.child.wait().unwrap();
        (status.code(), rest)
    }
}

fn stopped_by(fault: &str, signal: Signal) {
    let (f, before) = built();
    edit(&f);
    let (code, err) = paused(&f, fault, &[]).signal(signal);
    assert_eq!(code, Some(130), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        snapshot(&f.public()),
        before,
        "previous output must be intact"
    );
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
    f.build_ok();
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
    assert_ne!(snapshot(&f.public()), before);
}

#[test]
fn sigterm_while_writing_keeps_previous_output_and_leaves_no_staging_folder() {
    stopped_by("pause:writing", Signal::TERM);
}

#[test]
fn sigint_while_writing_keeps_previous_output_and_leaves_no_staging_folder() {
    stopped_by("pause:writing", Signal::INT);
}

#[test]
fn sigterm_before_swap_keeps_previous_output_and_leaves_no_staging_folder() {
    stopped_by("pause:before-swap", Signal::TERM);
}

#[test]
fn sigterm_after_swap_leaves_the_new_site_whole_and_no_old_folder() {
    let (f, _) = built();
    edit(&f);
    let (code, err) = paused(&f, "pause:after-swap", &[]).signal(Signal::TERM);
    assert_eq!(code, Some(130), "{err}");
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
    let swapped_in = snapshot(&f.public());
    f.build_ok();
    assert_eq!(snapshot(&f.public()), swapped_in, "the new site was whole");
}

#[test]
fn kill_9_while_writing_leaves_staging_that_the_next_build_removes() {
    let (f, before) = built();
    edit(&f);
    let (code, _) = paused(&f, "pause:writing", &[]).signal(Signal::KILL);
    assert_eq!(code, None);
    assert_eq!(
        snapshot(&f.public()),
        before,
        "previous output must be intact"
    );
    assert!(
        staging_leftovers(f.root())
            .iter()
            .any(|n| n.starts_with(".public.trellis-new-")),
        "a kill -9 cannot clean up: {:?}",
        staging_leftovers(f.root())
    );
    f.build_ok();
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn failure_between_the_fallback_renames_keeps_previous_output() {
    let (f, before) = built();
    edit(&f);
    let out = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["build", "--quiet"])
        .current_dir(f.root())
        .env("TRELLIS_TEST_FAULT", "fail:swap-window")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.lines().any(|l| l
            == "error: cannot move the new site into public: injected failure between the renames"),
        "{err}"
    );
    assert_eq!(
        snapshot(&f.public()),
        before,
        "previous output must be intact"
    );
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn kill_9_between_the_fallback_renames_is_repaired_by_the_next_build() {
    let (f, before) = built();
    edit(&f);
    let (code, _) = paused(&f, "pause:swap-window", &[]).signal(Signal::KILL);
    assert_eq!(code, None);
    // The window the exchange closes: the fallback has moved the old site aside.
    assert!(!f.public().exists());
    // The next build puts it back first, so even a failing one keeps it.
    f.write("content/01-m/02-b.md", "");
    let out = f.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        snapshot(&f.public()),
        before,
        "previous output must be intact"
    );
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
    edit(&f);
    f.build_ok();
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn fallback_swap_replaces_the_site() {
    let (f, before) = built();
    edit(&f);
    let out = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["build", "--quiet"])
        .current_dir(f.root())
        .env("TRELLIS_TEST_FAULT", "fallback")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(snapshot(&f.public()), before);
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn second_build_into_one_output_fails_clearly_while_the_first_runs() {
    let (f, before) = built();
    let mut first = paused(&f, "pause:writing", &[]);
    let pid = first.child.id();
    let out = f.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let expected = [
        format!("error: another build (process {pid}) is writing public"),
        "  = help: wait for it to finish, then build again".to_string(),
    ];
    assert_eq!(err.lines().collect::<Vec<_>>(), expected, "{err}");
    let (code, _) = first.signal(Signal::TERM);
    assert_eq!(code, Some(130));
    assert_eq!(snapshot(&f.public()), before);
    f.build_ok();
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn symlinked_output_is_followed_and_the_link_kept() {
    let (f, _) = built();
    let target = f.root().join("site-v1");
    std::fs::rename(f.public(), &target).unwrap();
    std::os::unix::fs::symlink("site-v1", f.root().join("pub")).unwrap();
    edit(&f);
    let out = f.build(&["--output", "pub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = f.build(&["--output", "pub/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(f.root().join("pub")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let text = texts(&page(&target.join("m/b/index.html")), "main");
    assert!(text.iter().any(|t| t.contains("Changed text.")), "{text:?}");
    assert_eq!(staging_leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn init_gitignore_covers_the_staging_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = trellis(dir.path(), &["init", "course"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let course = dir.path().join("course");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&course)
            .output()
            .expect("git")
    };
    assert!(git(&["init", "-q"]).status.success());
    for name in [
        "public",
        ".public.trellis-lock",
        ".public.trellis-new-4242",
        ".public.trellis-old-4242",
        ".public.trellis-trash-4242",
    ] {
        let ignored = git(&["check-ignore", "-q", name]);
        assert!(ignored.status.success(), "{name} is not ignored");
    }
    assert!(!git(&["check-ignore", "-q", "content"]).status.success());
}

#[test]
fn asset_at_a_lesson_page_path_is_an_error_naming_both() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/a/index.html", "<p>mine</p>");
            f.lesson("content/01-m/02-b.md", "B", "See [this](a/index.html).\n");
        },
        &[
            "content/01-m/a/index.html: error: `m/a/index.html` would be written twice: by content/01-m/a/index.html (linked from content/01-m/02-b.md) and by the lesson page of content/01-m/01-a.md",
            "  = help: rename or move one of them: each path of the built site has one source",
        ],
    );
}

#[test]
fn asset_named_sitemap_xml_is_an_error_naming_both() {
    fails_and_keeps_output(
        |f| {
            f.write("content/sitemap.xml", "<urlset/>");
            f.write(
                "content/_index.md",
                "+++\ntitle = \"Fixture course\"\n+++\nOur [map](sitemap.xml).\n",
            );
        },
        &["content/sitemap.xml: error: `sitemap.xml` would be written twice: by content/sitemap.xml (linked from content/_index.md) and by the sitemap"],
    );
}

#[test]
fn asset_named_404_html_is_an_error_naming_both() {
    fails_and_keeps_output(
        |f| {
            f.write("content/404.html", "<p>lost</p>");
            f.lesson("content/01-m/02-b.md", "B", "See [this](../404.html).\n");
        },
        &["content/404.html: error: `404.html` would be written twice: by content/404.html (linked from content/01-m/02-b.md) and by the 404 page"],
    );
}

#[test]
fn asset_file_where_a_page_needs_a_folder_is_an_error_naming_both() {
    fails_and_keeps_output(
        |f| {
            f.write("content/01-m/a", "plain");
            f.lesson("content/01-m/02-b.md", "B", "See [this](a).\n");
        },
        &["content/01-m/a: error: `m/a` would be a file, written by content/01-m/a (linked from content/01-m/02-b.md), and a folder, for `m/a/index.html` of the lesson page of content/01-m/01-a.md"],
    );
}

#[test]
fn one_asset_linked_from_two_pages_is_not_a_collision() {
    let f = Fixture::new();
    f.module("01-m", "M");
    f.write("content/01-m/pic.png", "png");
    f.lesson("content/01-m/01-a.md", "A", "![p](pic.png)\n");
    f.lesson("content/01-m/02-b.md", "B", "![p](pic.png)\n");
    f.build_ok();
    assert_eq!(std::fs::read(f.public().join("m/pic.png")).unwrap(), b"png");
}
