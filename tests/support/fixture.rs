//! Fixture courses in temp dirs, running the real binary, parsing output HTML,
//! crawling a built site's links, and the bundled course built once per test binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

use scraper::{Html, Selector};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty course folder with a minimal site.toml and home page.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write(
            "site.toml",
            "title = \"Fixture course\"\nbase_url = \"https://org.github.io/course/\"\n",
        );
        f.write(
            "content/_index.md",
            "+++\ntitle = \"Fixture course\"\nsummary = \"A tiny course.\"\n+++\nWelcome.\n",
        );
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn lesson(&self, rel: &str, title: &str, body: &str) -> &Self {
        self.write(rel, &format!("+++\ntitle = \"{title}\"\nsummary = \"About {title}.\"\nduration = 30\nobjectives = [\"Try {title}\"]\n+++\n{body}\n"))
    }

    pub fn module(&self, folder: &str, title: &str) -> &Self {
        self.write(
            &format!("content/{folder}/_index.md"),
            &format!("+++\ntitle = \"{title}\"\n+++\nAbout {title}.\n"),
        )
    }

    /// Run `trellis build` in the fixture with extra arguments.
    pub fn build(&self, args: &[&str]) -> Output {
        trellis(self.root(), &[&["build"], args].concat())
    }

    /// Build and assert success; returns stderr (warnings).
    pub fn build_ok(&self) -> String {
        let out = self.build(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{stderr}");
        stderr
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn page(&self, rel: &str) -> Html {
        page(&self.public().join(rel))
    }
}

pub fn trellis(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run trellis")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn page(path: &Path) -> Html {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attr(doc: &Html, s: &str, a: &str) -> Option<String> {
    doc.select(&sel(s))
        .next()
        .and_then(|e| e.value().attr(a))
        .map(str::to_string)
}

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut map = BTreeMap::new();
    for e in walkdir(dir) {
        map.insert(
            e.strip_prefix(dir).unwrap().to_path_buf(),
            std::fs::read(&e).unwrap(),
        );
    }
    map
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Resolve `href` found on the page at site path `page` (e.g. `a/b/index.html`)
/// as a browser would when the site is served under `prefix` (e.g. `/sub/`).
/// Returns the site path it lands on, or None when it leaves the site.
pub fn resolve_as_served(prefix: &str, page: &str, href: &str) -> Option<String> {
    let full_page = format!("{prefix}{page}");
    let mut parts: Vec<&str> = full_page.split('/').collect();
    parts.pop(); // the page's own file name
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                if parts.len() <= 1 {
                    // Browsers clamp at the domain root; at a sub-path that lands outside the site.
                } else {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    if href.ends_with('/') {
        parts.push("index.html");
    }
    let path = parts.join("/");
    path.strip_prefix(prefix).map(str::to_string)
}

/// Crawl every HTML page of a built site as if served under `prefix`; returns
/// every broken internal link or fragment as "page -> href".
pub fn broken_links(site: &Path, prefix: &str) -> Vec<String> {
    let files: BTreeSet<String> = walkdir(site)
        .iter()
        .map(|p| {
            p.strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let id_sel = sel("[id]");
    let mut docs = Vec::new();
    for f in files.iter().filter(|f| f.ends_with(".html")) {
        let doc = page(&site.join(f));
        ids.insert(
            f.clone(),
            doc.select(&id_sel)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect(),
        );
        docs.push((f.clone(), doc));
    }
    let mut broken = Vec::new();
    let link_sel = sel("a[href], link[href], img[src], script[src]");
    for (f, doc) in &docs {
        if f == "404.html" {
            continue; // served at any depth; its links are absolute by design
        }
        for e in doc.select(&link_sel) {
            let href = e
                .value()
                .attr("href")
                .or_else(|| e.value().attr("src"))
                .unwrap();
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            let (path, frag) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                Some(f.clone())
            } else {
                resolve_as_served(prefix, f, path)
            };
            let ok = match &target {
                Some(t) if files.contains(t) => {
                    frag.is_empty() || ids.get(t).is_some_and(|s| s.contains(frag))
                }
                _ => false,
            };
            if !ok {
                broken.push(format!("{f} -> {href}"));
            }
        }
    }
    broken
}

/// Build a good course, break it with `breakit`, rebuild: the build must fail with
/// `expected` among its stderr lines, and the old output must be untouched.
pub fn fails_and_keeps_output(breakit: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    fails_and_keeps_output_with(&[], 1, breakit, expected)
}

/// [`fails_and_keeps_output`], with environment variables set for the failing build
/// and its exit code: 1 for course errors, 2 for failures that are not the course's.
pub fn fails_and_keeps_output_with(
    env: &[(&str, &str)],
    code: i32,
    breakit: impl FnOnce(&Fixture),
    expected: &[&str],
) -> String {
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
    breakit(&f);
    let out = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .arg("build")
        .current_dir(f.root())
        .env("RUST_BACKTRACE", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run trellis");
    let err = stderr(&out);
    assert!(!out.status.success(), "build should fail:\n{err}");
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    for line in expected {
        assert!(
            err.lines().any(|l| l == *line),
            "missing line {line:?} in:\n{err}"
        );
    }
    assert_eq!(
        snapshot(&f.public()),
        before,
        "previous output must be intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("trellis-new") || n.contains("trellis-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    err
}

/// The bundled course, built into a temp folder.
pub fn bundled_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = trellis(
        repo,
        &[
            "build",
            "--quiet",
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            "https://org.github.io/course/",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, out)
}

/// Copy a folder tree, e.g. a fixture course from `tests/fixtures/` into a temp dir.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

// ---------- built once per test binary ----------

/// Folders of shared fixtures: they live in statics, which are never dropped.
static SHARED_DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Delete the folders of every shared fixture; a `harness = false` main calls this
/// once all trials have run.
pub fn remove_shared_dirs() {
    for dir in SHARED_DIRS.lock().unwrap().drain(..) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Remember a folder of a shared fixture, to delete when the trials are done.
pub fn remove_at_exit(dir: &Path) {
    SHARED_DIRS.lock().unwrap().push(dir.to_path_buf());
}

/// A fixture made and built once per test binary, then shared read-only by its tests.
pub fn built_once(cell: &'static OnceLock<Fixture>, make: fn() -> Fixture) -> &'static Fixture {
    cell.get_or_init(|| {
        let f = make();
        remove_at_exit(f.root());
        f.build_ok();
        f
    })
}

/// The bundled course built once per test binary (tests only read it).
pub fn shared_bundled_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let built = bundled_site();
            remove_at_exit(built.0.path());
            built
        })
        .1
}

// ---------- pages of a built site ----------

/// A bundled lesson with a table of contents, solutions and a worksheet.
pub const LESSON: &str = "foundations/responding-consistently/index.html";
pub const WORKSHEET: &str = "foundations/responding-consistently/worksheet/index.html";

/// Percent-encode a query value.
pub fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The lesson pages of a built site (site paths of their index.html).
pub fn lesson_pages(site: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for m in std::fs::read_dir(site).unwrap() {
        let m = m.unwrap().path();
        if !m.is_dir() {
            continue;
        }
        for l in std::fs::read_dir(&m).unwrap() {
            let p = l.unwrap().path().join("index.html");
            if p.is_file() && page(&p).select(&sel("main.lesson")).next().is_some() {
                out.push(p.strip_prefix(site).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// A word of at least seven letters from a paragraph of `lesson`, found in no other
/// lesson and not in its title; it must stand alone in the search text.
pub fn distinctive_word(site: &Path, lesson: &str) -> String {
    let lower = |p: &str| {
        texts(&page(&site.join(p)), "main.lesson")
            .join(" ")
            .to_lowercase()
    };
    let others: Vec<String> = lesson_pages(site)
        .iter()
        .filter(|p| p.as_str() != lesson)
        .map(|p| lower(p))
        .collect();
    let doc = page(&site.join(lesson));
    let title = texts(&doc, "h1").join(" ").to_lowercase();
    let index = search_index_text(site);
    for para in texts(&doc, "main.lesson .prose p") {
        let words: Vec<String> = para
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        // Skip each paragraph's first and last word: only whole words are wanted.
        for w in words.iter().skip(1).rev().skip(1) {
            let standalone = index
                .to_lowercase()
                .match_indices(w.as_str())
                .any(|(i, _)| {
                    let before = index[..i].chars().last().unwrap_or(' ');
                    let after = index[i + w.len()..].chars().next().unwrap_or(' ');
                    !before.is_alphanumeric() && !after.is_alphanumeric()
                });
            if w.len() >= 7
                && standalone
                && !title.contains(w.as_str())
                && others.iter().all(|o| !o.contains(w.as_str()))
            {
                return w.clone();
            }
        }
    }
    panic!("no distinctive word in {lesson}");
}

/// Every page type of the bundled course, as site paths (the search with a query).
pub fn page_types(site: &Path) -> Vec<(&'static str, String)> {
    let word = distinctive_word(site, &lesson_pages(site)[0]);
    let pages = vec![
        ("home", "index.html".to_string()),
        ("module", "foundations/index.html".to_string()),
        ("lesson", LESSON.to_string()),
        ("worksheet", WORKSHEET.to_string()),
        ("packet", "worksheets/index.html".to_string()),
        ("print", "print/index.html".to_string()),
        ("search", format!("search/index.html?q={}", encode(&word))),
        ("404", "404.html".to_string()),
    ];
    for (_, p) in &pages {
        let file = p.split('?').next().unwrap();
        assert!(site.join(file).is_file(), "{file} is missing");
    }
    pages
}

/// Three lessons of 30, 90 and no minutes (an average lesson, 60), for progress.
pub fn progress_fixture() -> Fixture {
    let f = Fixture::new();
    f.module("01-m", "Module");
    let lesson = |name: &str, title: &str, duration: &str| {
        f.write(
            &format!("content/01-m/{name}.md"),
            &format!("+++\ntitle = \"{title}\"\n{duration}+++\nAbout {title}.\n"),
        );
    };
    lesson("01-a", "Alpha", "duration = 30\n");
    lesson("02-b", "Beta", "duration = 90\n");
    lesson("03-c", "Gamma", ""); // counts as an average lesson: 60 minutes
    f
}

/// The search index's files, read as one text: `static/search-index.js` and its
/// shards under `static/search/`.
pub fn search_index_text(site: &Path) -> String {
    let mut text = std::fs::read_to_string(site.join("static/search-index.js")).unwrap();
    let mut shards: Vec<PathBuf> = std::fs::read_dir(site.join("static/search"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    shards.sort();
    for p in shards {
        text.push_str(&std::fs::read_to_string(p).unwrap());
    }
    text
}
