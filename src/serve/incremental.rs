//! Incremental rebuilds for `serve`: what a change touches, read off the site
//! index's dependency map ([`Site::readers`]), never written down a second time.
//!
//! - a lesson's body: that lesson's page, its worksheet pages and run sheet;
//! - what other pages show of a lesson (title, summary, duration, worksheets):
//!   also every page [`Site::readers`] lists;
//! - a worksheet or run sheet added or removed: every page, from the same model;
//! - anything else (site.toml, templates, static files, modules, added, removed or
//!   renamed files, order, slugs): everything.
//!
//! An edited lesson is read again and placed where it was; only its Markdown is
//! parsed again, and the index is re-derived and re-checked. Files made from every
//! lesson (packet, print document, search index, guide, sitemap) are refreshed
//! after the touched pages, so the browser reloads without waiting for them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{
    editions, load_config, one_writer_per_path, BuildOptions, Model, Parser, Timer,
};
use crate::content::{self, Compat, Lesson, LessonFile, Placement, Source, CONTENT_DIR};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::markdown::Doc;
use crate::output::{MemSink, OutputFile};
use crate::render::pages::{Job, Pages};
use crate::site::{Owner, PageId, SheetRef, Site};
use crate::worksheet::QrCache;

/// Files rendered by one rebuild.
pub struct Outcome {
    /// Site paths re-rendered, sorted.
    pub rerendered: Vec<String>,
    pub files: Vec<OutputFile>,
    pub full: bool,
}

/// A full build's model, kept for edits of single lessons.
struct Built {
    model: Model,
    /// A multilingual course's other editions (`es/`, model): any change to such
    /// a course rebuilds every edition in full.
    translations: Vec<(String, Model)>,
    /// The index could not be restored after a failed edit: rebuild in full next.
    stale: bool,
    /// Each lesson's source, resolved once, to its index.
    by_path: HashMap<PathBuf, usize>,
    /// The paths the files made from every lesson had when last made: an edit
    /// may leave fewer print parts or packets.
    aggregate_paths: Vec<String>,
}

/// The files made from every lesson, refreshed, and the paths of those an edit
/// left out (a print part or a packet no longer made).
#[derive(Debug, Default)]
pub struct Aggregates {
    pub files: Vec<OutputFile>,
    pub gone: Vec<String>,
}

pub struct Session {
    opts: BuildOptions,
    reuse: crate::build::Reuse,
    qr: QrCache,
    /// Images' smaller copies, made once per session.
    images: crate::render::images::Images,
    state: Option<Built>,
}

/// What another page may show of a lesson: title, summary, duration, worksheets.
type Shown = (String, Option<String>, Option<u32>, Vec<(String, String)>);

fn shown(site: &Site, i: usize) -> Shown {
    let l = &site.course.lessons[i];
    let sheets: Vec<(String, String)> = site.lessons[i]
        .worksheets
        .iter()
        .map(|w| (w.title.clone(), w.url.clone()))
        .collect();
    (
        l.front.title.clone(),
        l.front.summary.clone(),
        l.front.duration,
        sheets,
    )
}

/// What decides between a partial and a full re-render, before an edit.
struct Before {
    worksheets: Vec<SheetRef>,
    facilitated: Vec<usize>,
    shown: Vec<(usize, Shown)>,
    /// The changed lessons' files to copy (images and their smaller copies): a
    /// new one is written by a full render.
    assets: Vec<Vec<crate::markdown::Asset>>,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            images: crate::render::images::Images::new(&opts.root, None),
            opts,
            reuse: crate::build::Reuse::in_memory(),
            qr: QrCache::default(),
            state: None,
        }
    }

    /// Build everything, keeping the model for later changes.
    pub fn full(&mut self) -> Result<Outcome, Failure> {
        let config = load_config(&self.opts)?;
        let editions = editions(&self.opts, config, &self.reuse, &mut Timer::new())?;
        let (model, translations) = (editions.default, editions.translations);
        let by_path = model
            .site
            .course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| (canonical(&l.source.path), i))
            .collect();
        let mut built = Built {
            model,
            translations,
            by_path,
            stale: false,
            aggregate_paths: Vec::new(),
        };
        built.aggregate_paths = aggregate_paths(&built, &self.qr);
        let out = self.render(&built, None)?;
        self.state = Some(built);
        Ok(out)
    }

    /// Render `jobs` (every page when `None`) of `built`.
    fn render(&self, built: &Built, jobs: Option<Vec<Job>>) -> Result<Outcome, Failure> {
        if !built.translations.is_empty() {
            return self.render_editions(built);
        }
        let pages = Pages::new(&built.model.site, &built.model.templates, &self.qr, false)
            .with_images(&self.images);
        let sink = MemSink::default();
        let full = jobs.is_none();
        let jobs = match jobs {
            Some(j) => {
                pages.write_jobs(&j, &sink).map_err(Failure::Invalid)?;
                j
            }
            None => {
                pages.write_all(&sink).map_err(Failure::Invalid)?;
                pages.jobs()
            }
        };
        let files = sink.files.into_inner().expect("sink lock");
        let mut rerendered: Vec<String> = if full {
            files.iter().map(|f| f.path.clone()).collect()
        } else {
            jobs.iter().map(|j| pages.job_path(*j)).collect()
        };
        rerendered.sort();
        rerendered.dedup();
        Ok(Outcome {
            rerendered,
            files,
            full,
        })
    }

    /// Every page of every edition of a multilingual course.
    fn render_editions(&self, built: &Built) -> Result<Outcome, Failure> {
        let pages: Vec<_> =
            crate::build::editions::pages(&built.model, &built.translations, &self.qr, false)
                .into_iter()
                .map(|(prefix, p)| (prefix, p.with_images(&self.images)))
                .collect();
        let sink = MemSink::default();
        crate::build::editions::write_all(&pages, &sink).map_err(Failure::Invalid)?;
        let files = sink.files.into_inner().expect("sink lock");
        let mut rerendered: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        rerendered.sort();
        rerendered.dedup();
        Ok(Outcome {
            rerendered,
            files,
            full: true,
        })
    }

    /// Rebuild what `paths` touch. On an error the previous state is kept.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Outcome, Failure> {
        let Some(mut built) = self
            .state
            .take()
            .filter(|b| !b.stale && b.translations.is_empty())
        else {
            return self.full();
        };
        let Some(changed) = lesson_indices(&built.by_path, &self.opts.root, paths) else {
            return self.full();
        };
        let before = Before {
            worksheets: built.model.site.worksheets.clone(),
            facilitated: built.model.site.facilitated(),
            shown: changed
                .iter()
                .map(|&i| (i, shown(&built.model.site, i)))
                .collect(),
            assets: assets_of(&built.model.site, &changed),
        };
        match self.replace(&mut built, &changed, &before) {
            Ok(Some(jobs)) => {
                let out = self.render(&built, jobs);
                self.state = Some(built);
                out
            }
            Ok(None) => self.full(),
            Err(f) => {
                self.state = Some(built);
                Err(f)
            }
        }
    }

    /// Put the edited lessons in place and re-derive the index. `Ok(None)`: the
    /// course's shape changed, rebuild in full. On an error `built` is as it was.
    fn replace(
        &self,
        built: &mut Built,
        changed: &[usize],
        before: &Before,
    ) -> Result<Option<Option<Vec<Job>>>, Failure> {
        let mut fresh = Vec::with_capacity(changed.len());
        for &i in changed {
            let compat = built.model.site.config.compat();
            match reread(&built.model.site.course.lessons[i], &self.opts.root, compat) {
                Ok(Some(lesson)) => fresh.push((i, lesson)),
                Ok(None) => return Ok(None),
                Err(d) => return Err(Failure::Invalid(d)),
            }
        }
        let parser = Parser {
            links: &built.model.links,
            highlighter: self.reuse.highlighter(),
            store: None,
        };
        let site = &mut built.model.site;
        let mut old: Vec<(usize, Lesson, Arc<Doc>)> = Vec::new();
        for (i, lesson) in fresh {
            let doc = parser.lesson(&lesson);
            let l = std::mem::replace(&mut site.course.lessons[i], lesson);
            old.push((i, l, std::mem::replace(&mut site.lessons[i], doc)));
        }
        if let Err(diags) = check(&mut built.model, &self.opts.root) {
            let site = &mut built.model.site;
            for (i, l, d) in old {
                site.course.lessons[i] = l;
                site.lessons[i] = d;
            }
            // The old pages passed these checks before, so they pass again and the
            // index is whole; if they somehow did not, the next edit rebuilds in full.
            if check(&mut built.model, &self.opts.root).is_err() {
                built.stale = true;
            }
            return Err(Failure::Invalid(diags.sorted()));
        }
        let site = &built.model.site;
        Ok(Some(touched(site, changed, before)))
    }

    /// Refresh the files made from every lesson.
    pub fn aggregates(&mut self) -> Result<Aggregates, Failure> {
        let qr = &self.qr;
        let Some(built) = self.state.as_mut().filter(|b| b.translations.is_empty()) else {
            return Ok(Aggregates::default());
        };
        let pages = Pages::new(&built.model.site, &built.model.templates, qr, false);
        let sink = MemSink::default();
        pages
            .write_jobs(&pages.aggregates(), &sink)
            .map_err(Failure::Invalid)?;
        let now = aggregate_paths(built, qr);
        let gone = built
            .aggregate_paths
            .iter()
            .filter(|p| !now.contains(p))
            .cloned()
            .collect();
        built.aggregate_paths = now;
        Ok(Aggregates {
            files: sink.files.into_inner().expect("sink lock"),
            gone,
        })
    }
}

/// The paths of the files made from every lesson of `built`'s default edition.
fn aggregate_paths(built: &Built, qr: &QrCache) -> Vec<String> {
    let pages = Pages::new(&built.model.site, &built.model.templates, qr, false);
    pages
        .aggregates()
        .into_iter()
        .map(|j| pages.job_path(j))
        .collect()
}

/// The checks a build makes on its model: the index's, and one writer per path.
fn check(model: &mut Model, root: &Path) -> Result<(), Diagnostics> {
    model.site.reindex(model.content_diags.clone())?;
    one_writer_per_path(&model.site, &model.templates, root)
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Lesson `l` read again and placed where it was; `None` when the edit moves it
/// (weight, slug, draft or kind changed), or when its front matter warnings change
/// (they live in the model's content warnings).
fn reread(l: &Lesson, root: &Path, compat: Compat) -> Result<Option<Lesson>, Vec<Diagnostic>> {
    // The file may have been swapped for a link while serving: the same rule as
    // a fresh build, nothing outside the project is read.
    let target = canonical(&l.source.path);
    if !target.starts_with(canonical(root)) {
        return Err(vec![content::link_outside(
            &l.source.shown,
            &target,
            "copy the file into content/ instead of linking to it",
        )]);
    }
    let source = Source::read(&l.source.path, &l.source.shown).map_err(|d| vec![d])?;
    let file_name = l
        .source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = LessonFile::from_source(l.folder.clone(), &file_name, source, compat)?;
    let (a, b) = (&l.front, &file.front);
    let moved = a.weight != b.weight || a.slug != b.slug || a.draft != b.draft || a.kind != b.kind;
    if moved || file.warnings != l.warnings {
        return Ok(None);
    }
    let placement = Placement {
        slug: l.slug.clone(),
        module: l.module,
        number: l.number,
        url: l.url.clone(),
    };
    Ok(Some(Lesson::place(file, placement)))
}

/// The lessons `paths` are; `None` when a path is anything else.
fn lesson_indices(
    by_path: &HashMap<PathBuf, usize>,
    root: &Path,
    paths: &[PathBuf],
) -> Option<Vec<usize>> {
    let content = canonical(&root.join(CONTENT_DIR));
    let mut out = Vec::new();
    for p in paths {
        let p = canonical(p);
        if !p.starts_with(&content) || !p.is_file() {
            return None;
        }
        out.push(*by_path.get(&p)?);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

fn assets_of(site: &Site, lessons: &[usize]) -> Vec<Vec<crate::markdown::Asset>> {
    let mut all: Vec<Vec<crate::markdown::Asset>> = lessons
        .iter()
        .map(|&i| site.lessons[i].assets.clone())
        .collect();
    all.iter_mut().for_each(|a| a.sort());
    all
}

/// The pages an edit touches, or `None` for every page.
fn touched(new: &Site, changed: &[usize], before: &Before) -> Option<Vec<Job>> {
    if before.worksheets != new.worksheets
        || before.facilitated != new.facilitated()
        || before.assets != assets_of(new, changed)
    {
        return None;
    }
    let mut pages: Vec<PageId> = Vec::new();
    for &i in changed {
        pages.push(PageId::Lesson(i));
        pages.extend(new.worksheets_of(Owner::Lesson(i)).map(PageId::Worksheet));
        if new.has_session(i) {
            pages.push(PageId::RunSheet(i));
        }
    }
    for (i, old) in &before.shown {
        if *old != shown(new, *i) {
            pages.extend(new.readers(*i));
        }
    }
    pages.sort();
    pages.dedup();
    Some(pages.into_iter().map(Job::Page).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn lesson(title: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\nduration = 20\n+++\n{body}\n")
    }

    /// Two modules: m (a, b with notes and a worksheet, c) and n (d).
    fn modular(r: &Path) {
        write(r, "site.toml", "title = \"T\"\n");
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n");
        write(r, "content/01-m/01-a.md", &lesson("A", "Alpha."));
        write(
            r,
            "content/01-m/02-b.md",
            &lesson(
                "B",
                "Beta.\n\n::: facilitator\nGo slowly.\n:::\n\n::: {.worksheet title=\"Sheet\"}\nWrite.\n\n[[lines 2]]\n:::\n",
            ),
        );
        write(r, "content/01-m/03-c.md", &lesson("C", "Gamma."));
        write(r, "content/02-n/_index.md", "+++\ntitle = \"N\"\n+++\n");
        write(r, "content/02-n/01-d.md", &lesson("D", "Delta."));
    }

    fn course() -> (tempfile::TempDir, Session) {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        modular(r);
        let mut s = Session::new(BuildOptions {
            root: r.to_path_buf(),
            ..Default::default()
        });
        s.full().unwrap();
        (t, s)
    }

    #[test]
    fn a_body_edit_re_renders_its_page_and_worksheet_only() {
        let (t, mut s) = course();
        let p = t.path().join("content/01-m/02-b.md");
        write(t.path(), "content/01-m/02-b.md", &lesson("B", "Beta, edited.\n\n::: facilitator\nGo slowly.\n:::\n\n::: {.worksheet title=\"Sheet\"}\nWrite more.\n\n[[lines 2]]\n:::\n"));
        let out = s.apply(&[p]).unwrap();
        assert_eq!(
            out.rerendered,
            [
                "facilitator/m/b/index.html",
                "m/b/index.html",
                "m/b/worksheet/index.html"
            ]
        );
        let page = out
            .files
            .iter()
            .find(|f| f.path == "m/b/index.html")
            .unwrap();
        let crate::output::Contents::Bytes(html) = &page.contents else {
            panic!()
        };
        assert!(String::from_utf8_lossy(html).contains("Beta, edited."));
        // The aggregates follow.
        let mut agg: Vec<String> = s
            .aggregates()
            .unwrap()
            .files
            .into_iter()
            .map(|f| f.path)
            .collect();
        agg.sort();
        assert_eq!(
            agg,
            [
                "facilitator/index.html",
                "print/index.html",
                "sitemap.xml",
                "static/highlight.css",
                "static/search-index.js",
                "static/search/d0.js",
                "static/search/t0.js",
                "worksheets/index.html"
            ]
        );
    }

    #[test]
    fn a_title_edit_updates_neighbours_module_and_outline() {
        let (t, mut s) = course();
        let p = t.path().join("content/01-m/03-c.md");
        write(
            t.path(),
            "content/01-m/03-c.md",
            &lesson("C renamed", "Gamma."),
        );
        let out = s.apply(&[p]).unwrap();
        // Itself, its neighbours (across the module boundary too), its module's page
        // and sidebar, and the home outline; never the rest of the course.
        assert_eq!(
            out.rerendered,
            [
                "index.html",
                "m/a/index.html",
                "m/b/index.html",
                "m/c/index.html",
                "m/index.html",
                "n/d/index.html"
            ]
        );
    }

    #[test]
    fn templates_config_and_new_files_rebuild_everything() {
        let (t, mut s) = course();
        write(t.path(), "templates/lesson.html", "{% extends \"base.html\" %}{% block body %}<main id=\"main\"><h1>{{ title }}</h1></main>{% endblock body %}");
        let out = s.apply(&[t.path().join("templates/lesson.html")]).unwrap();
        assert!(out.full);
        write(t.path(), "content/01-m/04-e.md", &lesson("E", "Epsilon."));
        let out = s.apply(&[t.path().join("content/01-m/04-e.md")]).unwrap();
        assert!(out.full && out.rerendered.contains(&"m/e/index.html".to_string()));
        let out = s.apply(&[t.path().join("site.toml")]).unwrap();
        assert!(out.full);
    }

    #[test]
    fn a_workbench_lesson_rebuilds_in_full_when_config_yaml_or_a_page_changes() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "config.yaml", "title: 'Old'\nepisodes:\n- 01-a.md\n");
        write(r, "index.md", "Welcome.\n");
        write(r, "episodes/01-a.md", &lesson("A", "Alpha."));
        write(r, "learners/setup.md", &lesson("Setup", "Bring a pen."));
        let mut s = Session::new(BuildOptions {
            root: r.to_path_buf(),
            ..Default::default()
        });
        s.full().unwrap();
        write(r, "config.yaml", "title: 'New'\nepisodes:\n- 01-a.md\n");
        let out = s.apply(&[r.join("config.yaml")]).unwrap();
        assert!(out.full);
        let home = out.files.iter().find(|f| f.path == "index.html").unwrap();
        let crate::output::Contents::Bytes(html) = &home.contents else {
            panic!()
        };
        assert!(String::from_utf8_lossy(html).contains("<h1>New</h1>"));
        write(r, "learners/setup.md", &lesson("Setup", "Bring two pens."));
        let out = s.apply(&[r.join("learners/setup.md")]).unwrap();
        assert!(out.full && out.rerendered.contains(&"setup/index.html".to_string()));
    }

    #[test]
    fn an_edit_with_an_error_keeps_the_last_good_state() {
        let (t, mut s) = course();
        let p = t.path().join("content/01-m/01-a.md");
        write(
            t.path(),
            "content/01-m/01-a.md",
            &lesson("A", "[broken](nowhere.md)"),
        );
        assert!(s.apply(std::slice::from_ref(&p)).is_err());
        write(t.path(), "content/01-m/01-a.md", &lesson("A", "Fixed."));
        let out = s.apply(&[p]).unwrap();
        assert_eq!(out.rerendered, ["m/a/index.html"]);
    }

    use std::collections::BTreeMap;

    /// The site as `serve` holds it: path → bytes (copied files by source path).
    type Files = BTreeMap<String, Vec<u8>>;

    fn absorb(files: &mut Files, out: Vec<OutputFile>) {
        for f in out {
            let bytes = match f.contents {
                crate::output::Contents::Bytes(b) => b,
                crate::output::Contents::Copy(p) => p.to_string_lossy().as_bytes().to_vec(),
            };
            files.insert(f.path, bytes);
        }
    }

    fn serve_files(s: &mut Session, paths: &[PathBuf], files: &mut Files) {
        let out = s.apply(paths).unwrap();
        if out.full {
            files.clear();
        }
        absorb(files, out.files);
        let agg = s.aggregates().unwrap();
        for gone in agg.gone {
            files.remove(&gone);
        }
        absorb(files, agg.files);
    }

    fn fresh(root: &Path) -> Files {
        let mut s = Session::new(BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        });
        let mut files = Files::new();
        absorb(&mut files, s.full().unwrap().files);
        files
    }

    /// The paths whose bytes differ between two builds (or exist in one only).
    fn differing<'a>(expected: &'a Files, got: &'a Files) -> Vec<&'a String> {
        expected
            .keys()
            .chain(got.keys())
            .filter(|k| expected.get(*k) != got.get(*k))
            .collect()
    }

    fn flat(r: &Path) {
        write(r, "site.toml", "title = \"T\"\n");
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        for (i, name) in ["a", "b", "c", "d", "e", "f", "g"].iter().enumerate() {
            let body = if i == 1 {
                "Text.\n\n::: {.worksheet title=\"S\"}\nWrite.\n[[lines 2]]\n:::\n"
            } else {
                "Text."
            };
            write(
                r,
                &format!("content/0{}-{name}.md", i + 1),
                &lesson(&name.to_uppercase(), body),
            );
        }
    }

    /// One module of 30 lessons: too long for its sidebars to list it whole.
    fn long_module(r: &Path) {
        write(r, "site.toml", "title = \"T\"\n");
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n");
        for i in 1..=30 {
            let body = if i == 12 {
                "Text.\n\n::: {.worksheet title=\"S\"}\nWrite.\n[[lines 2]]\n:::\n"
            } else {
                "Text."
            };
            write(
                r,
                &format!("content/01-m/{i:02}-l{i}.md"),
                &lesson(&format!("L{i}"), body),
            );
        }
    }

    /// Each kind of edit: (file, new text or None to delete), on a lesson
    /// (`first`) and on the lesson with a worksheet (`second`).
    fn edits(
        first: &'static str,
        second: &'static str,
    ) -> Vec<(&'static str, &'static str, Option<String>)> {
        vec![
            ("body", first, Some(lesson("A", "Alpha, edited."))),
            ("title", first, Some(lesson("A renamed", "Alpha."))),
            (
                "summary",
                first,
                Some("+++\ntitle = \"A\"\nsummary = \"New.\"\nduration = 20\n+++\nAlpha.\n".into()),
            ),
            (
                "duration",
                first,
                Some(lesson("A", "Alpha.").replace("duration = 20", "duration = 45")),
            ),
            (
                "worksheet added",
                first,
                Some(lesson(
                    "A",
                    "::: {.worksheet title=\"New\"}\n[[lines 1]]\n:::\n",
                )),
            ),
            ("worksheet removed", second, Some(lesson("B", "Beta."))),
            // New highlight classes: highlight.css and the page's link follow.
            (
                "code added",
                first,
                Some(lesson("A", "```rust\n// Alpha.\nfn main() {}\n```\n")),
            ),
            ("delete", second, None),
        ]
    }

    /// After each edit, what `serve` holds equals a fresh build of the course
    /// that `make` writes.
    fn incremental_equals_fresh(make: fn(&Path), first: &'static str, second: &'static str) {
        for (kind, file, text) in edits(first, second) {
            let t = tempfile::tempdir().unwrap();
            make(t.path());
            let mut s = Session::new(BuildOptions {
                root: t.path().to_path_buf(),
                ..Default::default()
            });
            s.full().unwrap();
            let mut files = fresh(t.path());
            let p = t.path().join(file);
            match &text {
                Some(text) => write(t.path(), file, text),
                None => std::fs::remove_file(&p).unwrap(),
            }
            serve_files(&mut s, &[p], &mut files);
            let expected = fresh(t.path());
            let differ = differing(&expected, &files);
            assert!(
                differ.is_empty(),
                "{kind} ({first}): these differ from a fresh build: {differ:?}"
            );
        }
    }

    fn wide_png(root: &Path, rel: &str, shade: u8) {
        let img = image::RgbImage::from_fn(1000, 500, |x, y| {
            image::Rgb([(x / 4) as u8, (y / 2) as u8, shade])
        });
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        img.save(p).unwrap();
    }

    /// A large image linked, edited around, and replaced: its size and phone
    /// copies in `serve` equal a fresh build's each time.
    #[test]
    fn images_and_their_phone_copies_in_serve_equal_fresh_builds() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        modular(r);
        wide_png(r, "content/01-m/fig/wide.png", 10);
        let mut s = Session::new(BuildOptions {
            root: r.to_path_buf(),
            ..Default::default()
        });
        s.full().unwrap();
        let mut files = fresh(r);
        let a = r.join("content/01-m/01-a.md");
        // (what, the lesson's new body, or `None` to replace the image instead)
        let steps = [
            ("linked", Some("Alpha.\n\n![Wide](fig/wide.png)")),
            (
                "text edited",
                Some("Alpha, edited.\n\n![Wide](fig/wide.png)"),
            ),
            ("replaced", None),
        ];
        for (kind, body) in steps {
            let changed = match body {
                Some(body) => {
                    write(r, "content/01-m/01-a.md", &lesson("A", body));
                    a.clone()
                }
                None => {
                    wide_png(r, "content/01-m/fig/wide.png", 200);
                    r.join("content/01-m/fig/wide.png")
                }
            };
            serve_files(&mut s, &[changed], &mut files);
            let expected = fresh(r);
            assert!(expected.contains_key("m/fig/wide-480w.png"), "{kind}");
            let differ = differing(&expected, &files);
            assert!(
                differ.is_empty(),
                "{kind}: these differ from a fresh build: {differ:?}"
            );
        }
    }

    #[test]
    fn incremental_rebuilds_equal_fresh_builds_in_a_modular_course() {
        incremental_equals_fresh(modular, "content/01-m/01-a.md", "content/01-m/02-b.md");
    }

    #[test]
    fn b3_incremental_rebuilds_equal_fresh_builds_in_a_flat_course() {
        incremental_equals_fresh(flat, "content/01-a.md", "content/02-b.md");
    }

    #[test]
    fn incremental_rebuilds_equal_fresh_builds_in_a_module_longer_than_its_sidebar() {
        // An edge of the window, then the middle: the pages whose window holds them.
        incremental_equals_fresh(
            long_module,
            "content/01-m/07-l7.md",
            "content/01-m/12-l12.md",
        );
    }

    /// The long module printed in parts of 7 lessons (and its one worksheet, on
    /// lesson 12, in the packet's second part).
    fn long_module_in_parts(r: &Path) {
        long_module(r);
        write(r, "site.toml", "title = \"T\"\n[print]\nmax_lessons = 7\n");
    }

    #[test]
    fn incremental_rebuilds_equal_fresh_builds_in_a_module_printed_in_parts() {
        // A worksheet added to part 1, removed from part 2 (its packet goes), a
        // lesson deleted (the parts after it shift).
        incremental_equals_fresh(
            long_module_in_parts,
            "content/01-m/07-l7.md",
            "content/01-m/12-l12.md",
        );
    }

    /// A course in English and Spanish: edits to an original, a translation, the
    /// course's catalogue and `[strings]`, and a new translation.
    #[test]
    fn edits_to_a_multilingual_course_equal_fresh_builds() {
        let (t, mut s) = course();
        let r = t.path();
        write(
            r,
            "site.toml",
            "title = \"T\"\n\n[languages.es]\ntitle = \"T es\"\n",
        );
        write(r, "content/01-m/01-a.es.md", &lesson("A es", "Alfa."));
        let mut files = fresh(r);
        serve_files(&mut s, &[r.join("site.toml")], &mut files);
        assert_eq!(files, fresh(r));
        assert!(files.contains_key("es/m/a/index.html"));
        for (file, text) in [
            ("content/01-m/01-a.es.md", lesson("A es", "Alfa, editado.")),
            ("content/01-m/01-a.md", lesson("A", "Alpha, edited.")),
            ("content/01-m/02-b.es.md", lesson("B es", "Beta.")),
            ("i18n/es.ftl", "mark-done = ¡Hecho!\n".to_string()),
            (
                "site.toml",
                "title = \"T\"\n[strings]\nmark-done = \"Done!\"\n\n[languages.es]\ntitle = \"T es\"\n".to_string(),
            ),
        ] {
            write(r, file, &text);
            serve_files(&mut s, &[r.join(file)], &mut files);
            assert_eq!(files, fresh(r), "after editing {file}");
        }
        assert!(files.contains_key("es/m/b/index.html"));
    }

    #[test]
    fn renaming_and_adding_files_equal_fresh_builds() {
        let (t, mut s) = course();
        let mut files = fresh(t.path());
        let (from, to) = (
            t.path().join("content/01-m/03-c.md"),
            t.path().join("content/01-m/03-see.md"),
        );
        std::fs::rename(&from, &to).unwrap();
        serve_files(&mut s, &[from, to.clone()], &mut files);
        assert_eq!(files, fresh(t.path()));
        write(t.path(), "content/01-m/05-f.md", &lesson("F", "Phi."));
        serve_files(&mut s, &[t.path().join("content/01-m/05-f.md")], &mut files);
        assert_eq!(files, fresh(t.path()));
    }

    #[cfg(unix)]
    #[test]
    fn a_lesson_swapped_for_a_link_outside_is_refused_while_serving() {
        let (t, mut s) = course();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.md");
        std::fs::write(&secret, lesson("A", "Outside.")).unwrap();
        let p = t.path().join("content/01-m/01-a.md");
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink(&secret, &p).unwrap();
        let Err(Failure::Invalid(d)) = s.apply(&[p]) else {
            panic!("an edit that links outside must fail")
        };
        assert!(d[0].message.contains("outside the project"), "{d:?}");
    }

    #[test]
    fn an_edit_that_links_an_asset_over_a_page_fails_while_serving() {
        let (t, mut s) = course();
        write(t.path(), "content/01-m/b/index.html", "<p>an asset</p>");
        let p = t.path().join("content/01-m/01-a.md");
        write(
            t.path(),
            "content/01-m/01-a.md",
            &lesson("A", "[x](b/index.html)"),
        );
        let Err(Failure::Invalid(d)) = s.apply(std::slice::from_ref(&p)) else {
            panic!("an asset over a page must fail")
        };
        assert!(
            d.iter()
                .any(|d| d.message.contains("would be written twice")),
            "{d:?}"
        );
        // Fixed again: the last good state was kept, so only the page is redone.
        write(t.path(), "content/01-m/01-a.md", &lesson("A", "Fixed."));
        assert_eq!(s.apply(&[p]).unwrap().rerendered, ["m/a/index.html"]);
    }
}
