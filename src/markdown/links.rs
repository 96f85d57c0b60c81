//! Where links in Markdown point: source files to lesson URLs, and local files to assets.
//!
//! Targets are site paths; `render::body` writes them relative to the page they
//! appear on, so one build works at a sub-path, at a domain root and from `file://`.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::content::Course;

/// Maps content-relative source paths to page URLs, built once per build.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    content_dir: PathBuf,
    canonical_content: Option<PathBuf>,
    /// `01-foundations/02-x.md` -> `foundations/x/`.
    pages: HashMap<PathBuf, String>,
    /// Module folder name -> module slug, for assets beside lessons.
    folders: HashMap<String, String>,
    /// Every page URL (`""`, `start/`, `start/world/`), for site-absolute links.
    urls: HashSet<String>,
    /// The sources are a Carpentries Workbench lesson's folders, whose pages are
    /// all published side by side and share their `fig/`, `files/` and `data/`.
    workbench: bool,
    /// Link definitions every page may use, from the project's `links.md` (the
    /// Carpentries' `{% include links.md %}` convention); a page's own win.
    pub shared: super::parse::RefDefs,
}

/// Pages every site makes besides the course's own, by site path: a
/// site-absolute link may name them.
pub const GENERATED: &[&str] = &[
    "worksheets/",
    "print/",
    "facilitator/",
    "worksheets/session-packet.pdf",
    "facilitator/facilitator-guide.pdf",
];

/// A local file referenced by a page, to copy into the output.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Asset {
    pub source: PathBuf,
    /// Site-relative output path.
    pub dest: String,
    /// A smaller copy of an image, this many pixels wide, made at build time
    /// (`render::images`); `None`: the file is copied as it is.
    pub width: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// External, fragment-only or otherwise left as written.
    Unchanged,
    /// A page of the course: its URL (with trailing slash) and fragment.
    Page {
        url: String,
        fragment: Option<String>,
    },
    /// A page the site makes, named by its site path (`/worksheets/`), kept
    /// relative to the site root with any `?query#fragment`.
    Site(String),
    /// A local file to copy, and its site path with any `?query#fragment`.
    Asset(Asset, String),
}

pub struct LinkError {
    pub message: String,
    pub help: Option<String>,
    /// Only a warning: a Workbench lesson's link to a missing file (its own
    /// builder only warns, and a lesson moving over builds first).
    pub warning: bool,
}

impl LinkIndex {
    /// A hash of everything a link resolves against: two indexes with the same
    /// stamp send every link to the same place (part of a parsed page's key in
    /// the build cache).
    pub fn stamp(&self) -> u128 {
        let mut h = crate::output::Hashing::default();
        let mut put = |s: &[u8]| h.put(s);
        fn path(p: &Path) -> &[u8] {
            p.as_os_str().as_encoded_bytes()
        }
        put(path(&self.content_dir));
        put(self.canonical_content.as_deref().map_or(&[], path));
        put(&[u8::from(self.workbench)]);
        // In the order of their bytes, far cheaper than comparing paths by
        // their components, and as stable.
        let mut pages: Vec<(&[u8], &String)> =
            self.pages.iter().map(|(p, url)| (path(p), url)).collect();
        pages.sort_unstable();
        for (p, url) in pages {
            put(p);
            put(url.as_bytes());
        }
        let mut urls: Vec<_> = self.urls.iter().collect();
        urls.sort_unstable();
        for url in urls {
            put(url.as_bytes());
        }
        let mut folders: Vec<_> = self.folders.iter().collect();
        folders.sort_unstable();
        for (f, slug) in folders {
            put(f.as_bytes());
            put(slug.as_bytes());
        }
        let mut shared: Vec<_> = self.shared.iter().collect();
        shared.sort_unstable();
        for (label, (dest, title)) in shared {
            for s in [label, dest, title] {
                put(s.as_bytes());
            }
        }
        h.finish()
    }

    pub fn new(content_dir: &Path, course: &Course) -> LinkIndex {
        let mut pages = HashMap::new();
        pages.insert(PathBuf::from("_index.md"), String::new());
        if let Ok(home) = course.home.source.path.strip_prefix(content_dir) {
            pages.insert(home.to_path_buf(), String::new());
        }
        let mut folders = HashMap::new();
        for m in &course.modules {
            pages.insert(
                Path::new(&m.folder).join("_index.md"),
                format!("{}/", m.slug),
            );
            pages.insert(PathBuf::from(&m.folder), format!("{}/", m.slug));
            folders.insert(m.folder.clone(), m.slug.clone());
        }
        for b in &course.broken {
            if let Ok(rel) = b.strip_prefix(content_dir) {
                pages.insert(rel.to_path_buf(), String::new());
            }
        }
        let off_path = course.pages.iter().chain(&course.facilitator_pages);
        for l in course.lessons.iter().chain(&course.sheets).chain(off_path) {
            if let Ok(rel) = l.source.path.strip_prefix(content_dir) {
                pages.insert(rel.to_path_buf(), l.url.clone());
            }
        }
        let urls = pages.values().cloned().collect();
        let shared = shared_defs(content_dir);
        LinkIndex {
            workbench: content_dir
                .join(crate::content::workbench::CONFIG)
                .is_file(),
            shared,
            content_dir: content_dir.to_path_buf(),
            canonical_content: content_dir.canonicalize().ok(),
            pages,
            folders,
            urls,
        }
    }

    /// In a translation's edition, links to an original (`02-b.md`) lead to its
    /// translation's page (`02-b.es.md`), as links to the translation do; an
    /// original without a translation leads to its page in the default edition
    /// (`original`'s, one folder up).
    pub fn alias_translations(&mut self, tag: &str, original: &LinkIndex) {
        let suffix = format!(".{tag}.md");
        let translated: Vec<(PathBuf, String)> = self
            .pages
            .iter()
            .filter_map(|(p, url)| {
                let base = p.file_name()?.to_str()?.strip_suffix(&suffix)?;
                Some((p.with_file_name(format!("{base}.md")), url.clone()))
            })
            .collect();
        for (p, url) in translated {
            self.pages.insert(p, url);
        }
        for (p, url) in &original.pages {
            self.pages
                .entry(p.clone())
                .or_insert_with(|| format!("../{url}"));
        }
    }

    /// Resolve `dest` as written in the source file at `source` (absolute).
    pub fn resolve(
        &self,
        source: &Path,
        dest: &str,
        must_exist: bool,
    ) -> Result<Target, LinkError> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Ok(Target::Unchanged);
        }
        let (path, suffix) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let fragment = suffix
            .split_once('#')
            .map(|(_, f)| f.to_string())
            .filter(|f| !f.is_empty());
        let path = crate::text::percent_decode(path);
        if let Some(site) = self.site_page(&path) {
            return Ok(Target::Site(format!("{site}{suffix}")));
        }
        if self.is_site_absolute(&path) {
            return Err(LinkError {
                message: format!("`{dest}` is a site-absolute link to no page of the course"),
                help: Some("a path from the site root breaks when the course is published at a sub-path: write a path relative to this file, e.g. `../fig/x.png`, or a lesson's `.md` file, e.g. `../02-module/01-lesson.md`".into()),
                warning: false,
            });
        }
        let key = self.content_key(source, &path).ok_or_else(|| LinkError {
            message: format!("`{dest}` points outside the content folder"),
            help: Some("link to files inside content/, or use a full https:// URL".into()),
            warning: false,
        })?;
        if let Some(url) = self.pages.get(&key) {
            return Ok(Target::Page {
                url: url.clone(),
                fragment,
            });
        }
        if let Some(url) = self.html_page(&key) {
            return Ok(Target::Page {
                url: url.clone(),
                fragment,
            });
        }
        if path.ends_with(".md") {
            return Err(self.missing_lesson(dest, &key));
        }
        let file = self.content_dir.join(&key);
        if file.is_file() {
            return self.asset(dest, &key, file, suffix);
        }
        if let Some(key) = self.beside_another_section(&key) {
            let file = self.content_dir.join(&key);
            return self.asset(dest, &key, file, suffix);
        }
        if must_exist || !path.ends_with('/') {
            return Err(LinkError {
                message: format!(
                    "`{dest}` not found (looked for {}{})",
                    if self.workbench { "" } else { "content/" },
                    key.display()
                ),
                help: Some(
                    "paths are relative to the Markdown file; check the spelling and the folder"
                        .into(),
                ),
                warning: self.workbench,
            });
        }
        Ok(Target::Unchanged)
    }

    /// In a Workbench lesson, `learners/fig/x.png` may be `episodes/fig/x.png`:
    /// the Workbench publishes every folder's pages and files side by side.
    fn beside_another_section(&self, key: &Path) -> Option<PathBuf> {
        if !self.workbench {
            return None;
        }
        let mut parts = key.components();
        let first = parts.next()?.as_os_str().to_str()?;
        let sections = crate::content::workbench::SECTIONS;
        if !sections.iter().any(|(s, _)| *s == first) {
            return None;
        }
        let rest = parts.as_path();
        sections
            .iter()
            .map(|(s, _)| Path::new(s).join(rest))
            .find(|k| self.content_dir.join(k).is_file())
    }

    /// `x.html` names the page made from `x.md`: beside the link, or (as on a
    /// Workbench site, where every page is at the top) the one page of that name.
    fn html_page(&self, key: &Path) -> Option<&String> {
        if key.extension()? != "html" {
            return None;
        }
        let md = key.with_extension("md");
        if let Some(url) = self.pages.get(&md) {
            return Some(url);
        }
        let name = md.file_name()?;
        let stem = md.file_stem()?.to_str()?;
        let by_name = self
            .pages
            .iter()
            .filter(|(k, _)| k.file_name() == Some(name));
        only(by_name.map(|(_, u)| u)).or_else(|| {
            let by_slug = self.pages.iter().filter(|(k, u)| {
                k.extension().is_some_and(|e| e == "md")
                    && u.trim_end_matches('/').rsplit('/').next() == Some(stem)
            });
            only(by_slug.map(|(_, u)| u))
        })
    }

    /// A `/path` naming a page the site makes (a course page by its URL, or a
    /// generated one): the site path, without its leading slash.
    fn site_page(&self, path: &str) -> Option<String> {
        let abs = path.strip_prefix('/')?;
        if GENERATED.contains(&abs) && !abs.ends_with('/') {
            return Some(abs.to_string());
        }
        let url = match abs {
            "" => String::new(),
            a if a.ends_with('/') => a.to_string(),
            a => format!("{a}/"),
        };
        (self.urls.contains(&url) || GENERATED.contains(&url.as_str()))
            .then(|| format!("{url}index.html"))
    }

    /// A `/path` that names no source file: a URL on the published site,
    /// which breaks at a sub-path (`/x.md` and `/module-folder` are sources).
    fn is_site_absolute(&self, path: &str) -> bool {
        let Some(abs) = path.strip_prefix('/') else {
            return false;
        };
        !(abs.ends_with(".md")
            || self
                .pages
                .contains_key(Path::new(abs.trim_end_matches('/'))))
    }

    /// Content-relative key (no trailing slash) for `path` from `source`; `None` outside content.
    fn content_key(&self, source: &Path, path: &str) -> Option<PathBuf> {
        let joined = if let Some(abs) = path.strip_prefix('/') {
            normalise(Path::new(abs))
        } else {
            let source_dir = source
                .parent()
                .and_then(|p| p.strip_prefix(&self.content_dir).ok())
                .unwrap_or(Path::new(""));
            normalise(&source_dir.join(path))
        }?;
        Some(PathBuf::from(
            joined.to_string_lossy().trim_end_matches('/'),
        ))
    }

    /// The error for a link to a `.md` file that is not a page of the course.
    fn missing_lesson(&self, dest: &str, key: &Path) -> LinkError {
        let exists = self.content_dir.join(key).is_file();
        LinkError {
            message: if exists {
                format!("link to `{dest}`: that lesson is a draft or not part of the course")
            } else {
                format!("link to `{dest}` resolves to nothing (no content/{})", key.display())
            },
            help: Some("links to lessons name their source file, relative to this file, e.g. `../02-module/01-lesson.md`".into()),
            warning: false,
        }
    }

    /// An asset target for the local `file` at `key`, refused if a link leads outside content.
    fn asset(
        &self,
        dest: &str,
        key: &Path,
        file: PathBuf,
        suffix: &str,
    ) -> Result<Target, LinkError> {
        if let (Some(canon_root), Ok(canon)) = (&self.canonical_content, file.canonicalize()) {
            if !canon.starts_with(canon_root) {
                return Err(LinkError {
                    message: format!("`{dest}` is a link that leads outside the content folder"),
                    help: Some("copy the file into content/ instead of linking to it".into()),
                    warning: false,
                });
            }
        }
        let dest_path = self.asset_dest(key);
        let url = format!("{dest_path}{suffix}");
        Ok(Target::Asset(
            Asset {
                source: file,
                dest: dest_path,
                width: None,
            },
            url,
        ))
    }

    /// Content-relative file path -> site path, with module folders named by slug.
    fn asset_dest(&self, rel: &Path) -> String {
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.len() > 1 {
            if let Some(slug) = self.folders.get(&parts[0]) {
                parts[0] = slug.clone();
            }
        }
        parts.join("/")
    }
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => s[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

/// Lexical normalisation; `None` when `..` climbs above the start.
fn normalise(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The one item of `it`, if it has exactly one.
fn only<T>(mut it: impl Iterator<Item = T>) -> Option<T> {
    match (it.next(), it.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}

/// The definitions in `links.md` beside `content/` (in a Workbench lesson, which
/// has no `content/`, beside `config.yaml`), if there is one.
fn shared_defs(content_dir: &Path) -> super::parse::RefDefs {
    let mut defs = super::parse::RefDefs::new();
    let path = if content_dir
        .join(crate::content::workbench::CONFIG)
        .is_file()
    {
        Some(content_dir.join("links.md"))
    } else {
        content_dir.parent().map(|p| p.join("links.md"))
    };
    if let Some(text) = path.and_then(|p| std::fs::read_to_string(p).ok()) {
        let seg = super::segment::Seg::Text { text, line: 0 };
        super::parse::ref_defs(std::slice::from_ref(&seg), &mut defs);
    }
    defs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_refuses_to_escape() {
        assert_eq!(
            normalise(Path::new("a/../b/./c.md")),
            Some(PathBuf::from("b/c.md"))
        );
        assert_eq!(normalise(Path::new("../x")), None);
        assert!(has_scheme("mailto:x@y"));
        assert!(!has_scheme("fig/x.svg"));
    }
}
