//! Incremental rebuilds for `serve`: what a change touches. The dependency rules
//! live in [`classify`] and [`Session::touched`], and nowhere else.
//!
//! - a lesson's body: that lesson's page and its worksheet pages;
//! - what other pages show of a lesson (title, summary, duration): also its
//!   neighbours, its module's page and lessons (the sidebar), and the home page;
//! - anything else (site.toml, templates, static files, modules, added or removed
//!   files, order, slugs): everything.
//!
//! Files made from every lesson (packet, print document, search index) are
//! refreshed after the touched pages, so the browser reloads without waiting for them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::build::{model, BuildOptions, Markdown, Model};
use crate::content::{Lesson, Source, CONTENT_DIR};
use crate::diag::{Diagnostic, Failure};
use crate::markdown::Highlighter;
use crate::output::{MemSink, OutputFile};
use crate::render::pages::Job;
use crate::render::Renderer;

/// What a set of changed paths means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Lesson `i`'s body (or something only its own page shows) changed.
    Body(usize),
    /// Lesson `i` changed in a way other pages show.
    Shown(usize),
    /// Rebuild everything.
    Full,
}

/// Files rendered by one rebuild.
pub struct Outcome {
    /// Site paths re-rendered, sorted.
    pub rerendered: Vec<String>,
    pub files: Vec<OutputFile>,
    pub full: bool,
}

pub struct Session {
    opts: BuildOptions,
    highlighter: Highlighter,
    state: Option<(Model, Renderer)>,
    /// Each lesson's source, resolved once, to its index: finding the edited lesson
    /// must not walk the course.
    lesson_by_path: HashMap<PathBuf, usize>,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            highlighter: Highlighter::new(),
            state: None,
            lesson_by_path: HashMap::new(),
        }
    }

    /// Build everything, keeping the model for later changes.
    pub fn full(&mut self) -> Result<Outcome, Failure> {
        let model = model(&self.opts, &self.highlighter)?;
        let renderer = Renderer::new(&self.opts.root, &model.config, model.site_view(false))
            .map_err(Failure::Invalid)?;
        let sink = MemSink::default();
        model
            .pages(&renderer)
            .write_all(&sink)
            .map_err(Failure::Invalid)?;
        let files = sink.files.into_inner().expect("sink lock");
        let mut rerendered: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        rerendered.sort();
        self.lesson_by_path = model
            .course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.source
                        .path
                        .canonicalize()
                        .unwrap_or_else(|_| l.source.path.clone()),
                    i,
                )
            })
            .collect();
        self.state = Some((model, renderer));
        Ok(Outcome {
            rerendered,
            files,
            full: true,
        })
    }

    /// Rebuild what `paths` touch. On an error the previous state is kept.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Outcome, Failure> {
        let Some((model, _)) = &self.state else {
            return self.full();
        };
        let changes = match classify(model, &self.lesson_by_path, &self.opts.root, paths) {
            Ok(c) => c,
            Err(d) => return Err(Failure::Invalid(vec![d])),
        };
        if changes.contains(&Change::Full) {
            return self.full();
        }
        self.apply_lessons(&changes)
    }

    fn apply_lessons(&mut self, changes: &[Change]) -> Result<Outcome, Failure> {
        let (model, renderer) = self.state.as_mut().expect("state checked by apply");
        let before_sheets = model.worksheet_count();
        let mut old = Vec::new();
        for c in changes {
            let (Change::Body(i) | Change::Shown(i)) = *c else {
                continue;
            };
            let l = &model.course.lessons[i];
            let folder = l.folder.clone();
            let file_name = l
                .source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = Source::read(&l.source.path, &l.source.shown)
                .map_err(|d| Failure::Invalid(vec![d]))?;
            let mut fresh = Lesson::from_source(folder, &file_name, source)
                .map_err(|d| Failure::Invalid(vec![d]))?;
            // Keep what the course assigned: place, number, address.
            fresh.slug.clone_from(&l.slug);
            fresh.module = l.module;
            fresh.number = l.number;
            fresh.url.clone_from(&l.url);
            fresh.numbered_slug.clone_from(&l.numbered_slug);
            let prev = std::mem::replace(&mut model.course.lessons[i], fresh);
            let rendered = Markdown {
                course: &model.course,
                links: &model.links,
                highlighter: &self.highlighter,
            }
            .lesson(i);
            old.push((i, prev, std::mem::replace(&mut model.lessons[i], rendered)));
        }
        let diags = model.markdown_diagnostics();
        // A run sheet appears or disappears: the guide's list changes.
        let sessions_changed = old.iter().any(|(i, lesson, rendered)| {
            crate::facilitator::has_session(lesson, rendered)
                != crate::facilitator::has_session(&model.course.lessons[*i], &model.lessons[*i])
        });
        if diags.has_errors() || model.worksheet_count() != before_sheets || sessions_changed {
            let restore = diags.has_errors();
            for (i, lesson, rendered) in old.into_iter().rev() {
                model.course.lessons[i] = lesson;
                model.lessons[i] = rendered;
            }
            if restore {
                return Err(Failure::Invalid(diags.sorted()));
            }
            // A worksheet or run sheet was added or removed: rebuild everything.
            return self.full();
        }
        let jobs = Session::touched(model, renderer, changes);
        let pages = model.pages(renderer);
        let sink = MemSink::default();
        pages.write_jobs(&jobs, &sink).map_err(Failure::Invalid)?;
        let files = sink.files.into_inner().expect("sink lock");
        let mut rerendered: Vec<String> = jobs.iter().map(|j| pages.job_path(j)).collect();
        rerendered.sort();
        Ok(Outcome {
            rerendered,
            files,
            full: false,
        })
    }

    /// The pages each change touches (aggregates excluded; see [`Session::aggregates`]).
    fn touched(model: &Model, renderer: &Renderer, changes: &[Change]) -> Vec<Job> {
        let pages = model.pages(renderer);
        let course = &model.course;
        let mut jobs = Vec::new();
        for c in changes {
            match *c {
                Change::Body(i) => {
                    jobs.push(Job::Lesson(i));
                    if crate::facilitator::has_session(&course.lessons[i], &model.lessons[i]) {
                        jobs.push(Job::RunSheet(i));
                    }
                    jobs.extend(pages.worksheet_jobs(&course.lessons[i].url));
                }
                Change::Shown(i) => {
                    jobs.push(Job::Lesson(i));
                    if crate::facilitator::has_session(&course.lessons[i], &model.lessons[i]) {
                        jobs.push(Job::RunSheet(i));
                    }
                    jobs.extend(pages.worksheet_jobs(&course.lessons[i].url));
                    if i > 0 {
                        jobs.push(Job::Lesson(i - 1));
                    }
                    if i + 1 < course.lessons.len() {
                        jobs.push(Job::Lesson(i + 1));
                    }
                    if let Some(m) = course.lessons[i].module {
                        jobs.push(Job::Module(m));
                        jobs.extend(course.modules[m].lessons.iter().map(|&k| Job::Lesson(k)));
                    }
                    jobs.push(Job::Home);
                }
                Change::Full => {}
            }
        }
        let mut seen = std::collections::HashSet::new();
        jobs.retain(|j| seen.insert(*j));
        jobs
    }

    /// Refresh the files made from every lesson (packet, print document, search index).
    pub fn aggregates(&self) -> Result<Vec<OutputFile>, Failure> {
        let Some((model, renderer)) = &self.state else {
            return Ok(Vec::new());
        };
        let sink = MemSink::default();
        model
            .pages(renderer)
            .write_jobs(&Job::AGGREGATES, &sink)
            .map_err(Failure::Invalid)?;
        Ok(sink.files.into_inner().expect("sink lock"))
    }
}

/// Decide what `paths` mean. A lesson's file is read to compare its front matter.
pub fn classify(
    model: &Model,
    lesson_by_path: &HashMap<PathBuf, usize>,
    root: &Path,
    paths: &[PathBuf],
) -> Result<Vec<Change>, Diagnostic> {
    let content = root.join(CONTENT_DIR);
    let canonical_content = content.canonicalize().unwrap_or(content.clone());
    let mut changes = Vec::new();
    for p in paths {
        let p = p.canonicalize().unwrap_or_else(|_| p.clone());
        let in_content = p.starts_with(&canonical_content) || p.starts_with(&content);
        if !in_content || p.extension().and_then(|e| e.to_str()) != Some("md") || !p.is_file() {
            return Ok(vec![Change::Full]);
        }
        let Some(&i) = lesson_by_path.get(&p) else {
            return Ok(vec![Change::Full]);
        };
        let l = &model.course.lessons[i];
        let source = Source::read(&l.source.path, &l.source.shown)?;
        let file_name = l
            .source
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fresh = Lesson::from_source(l.folder.clone(), &file_name, source)?;
        let (a, b) = (&l.front, &fresh.front);
        let reordered =
            a.weight != b.weight || a.slug != b.slug || a.draft != b.draft || a.kind != b.kind;
        let shown = a.title != b.title || a.summary != b.summary || a.duration != b.duration;
        changes.push(if reordered {
            Change::Full
        } else if shown {
            Change::Shown(i)
        } else {
            Change::Body(i)
        });
    }
    Ok(changes)
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

    fn course() -> (tempfile::TempDir, Session) {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
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
            .into_iter()
            .map(|f| f.path)
            .collect();
        agg.sort();
        assert_eq!(
            agg,
            [
                "facilitator/index.html",
                "print/index.html",
                "static/search-index.js",
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
}
