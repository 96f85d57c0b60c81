//! Property tests: arbitrary Markdown and front matter never panic, and always end
//! in either output or diagnostics. Builds are deterministic.

mod support;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use support::*;
use trellis::content::frontmatter;
use trellis::content::LessonFront;
use trellis::markdown::{self, Highlighter, LinkIndex};

fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::new)
}

/// A `:::` fence of any length, opening or closing, at any depth: bare, in quotes
/// (`> ::: facilitator`), in list items and indented.
fn fence() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(""),
        Just("> "),
        Just("> > "),
        Just("- "),
        Just("  - "),
        Just("1. "),
        Just("   "),
        Just("    "),
        Just("> - "),
    ];
    let name = prop_oneof![
        Just(""),
        Just(" facilitator"),
        Just(" activity"),
        Just(" solution"),
        Just(" {.worksheet title=\"T\"}"),
        Just(" {.activity minutes=10}"),
        Just(" {.x #id-é key=\"%\"}"),
        Just(" reflection"),
        Just(" note {#中}"),
    ];
    (prefix, 3..8usize, name).prop_map(|(p, n, name)| format!("{p}{}{name}\n", ":".repeat(n)))
}

/// Fragments that exercise every syntax we handle, glued at random.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("::: activity\n".to_string()),
        Just("::: {.worksheet title=\"T\"}\n".to_string()),
        Just(":::: solution\n".to_string()),
        Just("::: facilitator\n".to_string()),
        Just(":::\n".to_string()),
        Just("::: {.x a=\"unclosed\n".to_string()),
        Just("> ::: facilitator\n".to_string()),
        Just("> :::\n".to_string()),
        Just("- ::: note\n".to_string()),
        fence(),
        fence(),
        Just("[[lines 3]]\n".to_string()),
        Just("[[scale 1-5 | a | b]]\n".to_string()),
        Just("[[box 2cm]]\n".to_string()),
        Just("[[nonsense]]\n".to_string()),
        Just("[[name-date]]\n".to_string()),
        Just("# H\n".to_string()),
        Just("### Deep {#id}\n".to_string()),
        Just("## Straße {#中-é}\n".to_string()),
        Just("> [!TIP]\n> tip\n".to_string()),
        Just("> ".to_string()),
        Just("- [ ] task\n".to_string()),
        Just("  - nested\n".to_string()),
        Just("| a | b |\n|---|---|\n| | |\n".to_string()),
        Just("```rust\nfn x() {}\n".to_string()),
        Just("```\n".to_string()),
        Just("[link](other.md#frag)".to_string()),
        Just("[link](other.md#%E4%B8%AD)".to_string()),
        Just("[link](#%zz)".to_string()),
        Just("![img](missing.png)".to_string()),
        Just("![x](fig/%aé.png)".to_string()),
        Just("![x](fig/a%20b.png)".to_string()),
        Just("[ext](https://example.org)".to_string()),
        Just("footnote[^1]\n\n[^1]: note\n".to_string()),
        Just("<div>raw</div>\n".to_string()),
        Just("<!--trellis:open:99-->\n".to_string()),
        Just("<!--trellis:field:7-->\n".to_string()),
        Just("<!--trellis:close-->\n".to_string()),
        "[a-zA-Z0-9 éü日本\"'*_`~\\[\\]()#>|:%{}<ß中😀\u{301}-]{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_panics(body in markdownish()) {
        let links = LinkIndex::default();
        let cx = markdown::Context {
            shown: Path::new("content/x.md"),
            source: Path::new("/nonexistent/content/x.md"),
            body_line: 4,
            page_url: "m/x/",
            links: &links,
            highlighter: highlighter(),
            standalone: false,
        };
        let r = markdown::parse(&body, &cx);
        for d in &r.diags {
            prop_assert!(d.line.unwrap_or(4) >= 4, "diagnostic before the body: {d}");
        }
        // The same input parses the same way.
        let again = markdown::parse(&body, &cx);
        prop_assert_eq!(r.body, again.body);
    }

    #[test]
    fn front_matter_never_panics(front in "[a-z_ =\"\\[\\]{}:,0-9\n.-]{0,80}", fence in prop_oneof![Just("+++"), Just("---")]) {
        let text = format!("{fence}\n{front}\n{fence}\nbody\n");
        let shown = Path::new("content/x.md");
        if let Ok(split) = frontmatter::split(&text, shown) {
            let _ = frontmatter::parse::<LessonFront>(&split, shown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The whole pipeline: either a site or diagnostics, never a panic.
    #[test]
    fn a_build_gives_output_or_diagnostics(body in markdownish(), front in prop_oneof![
        Just("+++\ntitle = \"P\"\n+++\n".to_string()),
        Just("---\ntitle: P\n---\n".to_string()),
        Just("+++\ntitle = 3\n+++\n".to_string()),
        Just("".to_string()),
    ]) {
        let f = Fixture::new();
        f.write("content/01-p.md", &format!("{front}{body}"));
        let result = trellis::build::build(&trellis::build::BuildOptions { root: f.root().to_path_buf(), ..Default::default() });
        match result {
            Ok(_) => prop_assert!(f.public().join("p/index.html").is_file()),
            Err(trellis::diag::Failure::Invalid(diags)) => {
                prop_assert!(diags.iter().any(|d| d.is_error()));
                prop_assert!(!f.public().exists());
            }
            Err(trellis::diag::Failure::Other(e)) => prop_assert!(false, "plumbing failure: {e:#}"),
        }
    }
}

#[test]
fn builds_are_byte_identical_and_independent_of_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut snaps = Vec::new();
    for (name, threads) in [("one", "1"), ("two", "2"), ("again", "2")] {
        let out = dir.path().join(name);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args([
                "build",
                "--quiet",
                "--output",
                out.to_str().unwrap(),
                "--base-url",
                "https://org.github.io/course/",
            ])
            .current_dir(root)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        snaps.push(snapshot(&out));
    }
    assert!(snaps[0].len() > 20);
    assert!(
        snaps[0] == snaps[1],
        "single-threaded and parallel builds differ"
    );
    assert!(snaps[1] == snaps[2], "two builds of the same input differ");
}
