//! Snapshots of rendered Markdown: each folder in `tests/fixtures/markdown/` is a tiny
//! course, built once with the real binary. The `main .prose` of each lesson (and the
//! `main` of each worksheet page) is printed one tag per line and compared with
//! `expected/<page>.snap` in that folder. Accept a change: see README, "Testing".

mod support;

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Node};
use support::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/markdown");

/// Elements that have no closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[test]
fn markdown_features_render_as_their_snapshots() {
    // In CI a mismatch or a missing snapshot fails, and nothing is written.
    if std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false")) {
        std::env::set_var("INSTA_UPDATE", "no");
        std::env::remove_var("INSTA_FORCE_PASS");
    }
    let mut cases: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.toml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "{cases:?}");
    // Build every case first, two at a time, then compare in order.
    let built: Vec<(PathBuf, tempfile::TempDir)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(2))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|c| (c.clone(), build(c)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut failed = Vec::new();
    for (case, dir) in &built {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = dir.path().join("public");
        let pages = snapshot_pages(&site, &name);
        assert!(!pages.is_empty(), "{name}: no lesson page");
        for (rel, selector) in pages {
            let html = normalised(&page(&site.join(&rel)), selector);
            let snap = rel.trim_end_matches("/index.html").replace('/', "--");
            let result = std::panic::catch_unwind(|| {
                insta::with_settings!({
                    snapshot_path => case.join("expected"),
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                    description => format!("{name}: `{selector}` of {rel}"),
                }, {
                    insta::assert_snapshot!(snap.as_str(), html);
                });
            });
            if result.is_err() {
                failed.push(format!("{name}/expected/{snap}.snap"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots that differ:\n{}",
        failed.join("\n")
    );
}

/// Copy the case into a temp dir (a build must not write into the source tree) and
/// build it; warnings are fine, a failure is not.
fn build(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(case.join("site.toml"), dir.path().join("site.toml")).unwrap();
    copy_dir(&case.join("content"), &dir.path().join("content"));
    let out = trellis(dir.path(), &["build", "--quiet"]);
    assert!(
        out.status.success(),
        "{}: build failed:\n{}",
        case.display(),
        stderr(&out)
    );
    dir
}

/// Site paths of the pages to snapshot, with the element whose inside is compared:
/// lessons by `main .prose`, worksheet pages and run sheets by `main`. Run sheets
/// only for the `facilitator` case.
fn snapshot_pages(site: &Path, case: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let top = rel.split('/').next().unwrap();
            if !rel.ends_with("/index.html")
                || matches!(top, "print" | "search" | "worksheets" | "static")
                || (top == "facilitator" && case != "facilitator")
            {
                continue;
            }
            if rel.ends_with("/worksheet/index.html")
                || (top == "facilitator" && rel != "facilitator/index.html")
            {
                out.push((rel, "main"));
            } else if page(&p).select(&sel("main .prose")).next().is_some() {
                out.push((rel, "main .prose"));
            }
        }
    }
    out.sort();
    out
}

/// The inside of the first element matching `selector`, one tag or text per line,
/// indented by depth. Attributes are sorted; text is trimmed except inside `pre`.
fn normalised(doc: &scraper::Html, selector: &str) -> String {
    let root = doc
        .select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no `{selector}`"));
    let mut out = String::new();
    for child in root.children() {
        write_node(child, 0, false, &mut out);
    }
    out
}

fn write_node(node: ego_tree::NodeRef<'_, Node>, depth: usize, pre: bool, out: &mut String) {
    let pad = "  ".repeat(depth);
    match node.value() {
        Node::Text(t) => {
            if pre {
                for line in t.split('\n') {
                    out.push_str(&format!("{pad}|{}\n", escape(line)));
                }
            } else {
                let text = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    out.push_str(&format!("{pad}{}\n", escape(&text)));
                }
            }
        }
        Node::Comment(c) => out.push_str(&format!("{pad}<!--{}-->\n", c.trim())),
        Node::Element(_) => {
            let el = ElementRef::wrap(node).unwrap();
            let v = el.value();
            let mut attrs: Vec<(&str, &str)> = v.attrs().collect();
            attrs.sort();
            let mut tag = format!("{pad}<{}", v.name());
            for (k, val) in attrs {
                // Long path data (QR codes) says nothing to a reader.
                if val.len() > 120 && k == "d" {
                    tag.push_str(&format!(" {k}=\"…{} chars…\"", val.len()));
                } else {
                    tag.push_str(&format!(" {k}=\"{}\"", escape(val).replace('"', "&quot;")));
                }
            }
            tag.push('>');
            out.push_str(&tag);
            out.push('\n');
            if VOID.contains(&v.name()) {
                return;
            }
            let pre = pre || v.name() == "pre";
            for child in node.children() {
                write_node(child, depth + 1, pre, out);
            }
            out.push_str(&format!("{pad}</{}>\n", v.name()));
        }
        _ => {}
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
