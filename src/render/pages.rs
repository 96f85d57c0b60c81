//! Pages: the site index in, every output file out, each handed to a [`Sink`] as
//! soon as it is rendered (in parallel). Each page's view is built from the
//! index; each body is written from its tree for the page it lands on.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::body::{self, BodyCx};
use super::languages::Languages;
use super::{
    jsonld, Here, HomeView, LessonView, ModuleView, NavLink, OutlineGroup, PageLink, PageView,
    SiteView, StaticFile, Templates, TopicView, WorksheetRef,
};
use crate::diag::Diagnostic;
use crate::facilitator;
use crate::i18n::Arg;
use crate::markdown::highlight::highlighted;
use crate::markdown::tree::Node;
use crate::output::{self, root_prefix, OutputFile, Sink};
use crate::site::{Owner, PageId, PrintScope, Site};
use crate::worksheet;

/// One output file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Page(PageId),
    Search,
    NotFound,
    /// The session packet: the course's, or a module's in a split course.
    Packet(PrintScope),
    /// The print document: the course's, or a module's in a split course.
    Print(PrintScope),
    SearchIndex,
    /// The facilitator guide (`/facilitator/`).
    Guide,
    Sitemap,
    /// The learner quizzes as a QTI 2.1 package (`/export/qti/quizzes.zip`).
    Qti,
    /// `static/highlight.css`, trimmed to the classes the course's code uses.
    HighlightCss,
}

impl Job {
    /// Files made from every lesson: `serve` refreshes them after the pages a
    /// change touches (with [`Pages::aggregates`], the module documents too).
    pub const AGGREGATES: [Job; 7] = [
        Job::Packet(PrintScope::Course),
        Job::Print(PrintScope::Course),
        Job::SearchIndex,
        Job::Guide,
        Job::Sitemap,
        Job::Qti,
        Job::HighlightCss,
    ];
}

/// Renders pages of one site with one theme.
pub struct Pages<'a> {
    pub site: &'a Site,
    pub t: &'a Templates,
    pub view: SiteView,
    /// `view` as a page's key holds it: the interface messages for scripts (a few
    /// KB of JSON, the same on every page) stand for their hash.
    key_view: SiteView,
    pub qr: &'a worksheet::QrCache,
    /// Every edition of a multilingual course, and which one these pages are.
    pub languages: Option<(std::sync::Arc<Languages>, usize)>,
    /// Makes (or finds in its cache) the images' smaller copies; without it,
    /// [`Pages::write_all`] makes them in memory.
    pub images: Option<&'a super::images::Images>,
    /// Keep each page's search terms on its doc, for the build cache
    /// ([`crate::markdown::Doc::search`]); without a cache they are dropped once
    /// counted, so a big course never holds them all.
    pub keep_search_terms: bool,
    /// The hash of what every page depends on beyond its view ([`Pages::environment`]).
    environment: std::sync::OnceLock<u128>,
    /// How many files were rendered, and how many kept by their key.
    pub counts: Counts,
    /// Each static CSS or JavaScript file as shipped (minified), made once:
    /// `style.css` is also inlined in the 404 page.
    shipped: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<str>>>,
}

/// How many files a [`Pages`] rendered, and how many it kept unrendered.
#[derive(Debug, Default)]
pub struct Counts {
    pub rendered: AtomicUsize,
    pub kept: AtomicUsize,
}

/// A page's JSON-LD as its `<script>` holds it; for a key, a hash of it, which
/// is all the page's key needs and much cheaper than its text.
fn ld_text(here: Here<'_>, ld: &serde_json::Value) -> String {
    if here.key_only {
        let key = super::viewhash::hash(b"json-ld", ld).unwrap_or_default();
        return format!("{key:032x}");
    }
    jsonld::script_text(ld)
}

fn output_error(e: anyhow::Error) -> Diagnostic {
    Diagnostic::error("output", format!("{e:#}"))
}

impl<'a> Pages<'a> {
    pub fn new(site: &'a Site, t: &'a Templates, qr: &'a worksheet::QrCache, pdf: bool) -> Self {
        let view = SiteView::new(site, pdf, &t.catalogue);
        let mut key_view = view.clone();
        let mut h = crate::output::Hashing::default();
        // Hashing memory cannot fail.
        let _ = h.write_all(view.messages.as_bytes());
        key_view.messages = format!("{:032x}", h.finish());
        Pages {
            view,
            key_view,
            site,
            t,
            qr,
            languages: None,
            images: None,
            keep_search_terms: false,
            environment: std::sync::OnceLock::new(),
            counts: Counts::default(),
            shipped: Default::default(),
        }
    }

    /// These pages, making images' smaller copies with `images`.
    pub fn with_images(mut self, images: &'a super::images::Images) -> Self {
        self.images = Some(images);
        self
    }

    /// These pages keep their search terms for the build cache, or not.
    pub fn keeping_search_terms(mut self, keep: bool) -> Self {
        self.keep_search_terms = keep;
        self
    }

    /// These pages as edition `own` of `languages`.
    pub fn with_languages(mut self, languages: std::sync::Arc<Languages>, own: usize) -> Self {
        self.languages = Some((languages, own));
        self
    }

    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = vec![Job::Page(PageId::Home), Job::NotFound, Job::Search];
        jobs.extend((0..site.course.modules.len()).map(|m| Job::Page(PageId::Module(m))));
        jobs.extend((0..site.course.lessons.len()).map(|i| Job::Page(PageId::Lesson(i))));
        jobs.extend(
            site.facilitated()
                .into_iter()
                .map(|i| Job::Page(PageId::RunSheet(i))),
        );
        jobs.extend((0..site.worksheets.len()).map(|k| Job::Page(PageId::Worksheet(k))));
        jobs.extend((0..site.course.pages.len()).map(|i| Job::Page(PageId::Page(i))));
        jobs.extend(
            (0..site.course.facilitator_pages.len()).map(|i| Job::Page(PageId::FacilitatorPage(i))),
        );
        jobs.extend(self.aggregates());
        jobs
    }

    /// Files made from many lessons: [`Job::AGGREGATES`], and the modules'
    /// print documents and packets in a split course.
    pub fn aggregates(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Job::AGGREGATES.to_vec();
        jobs.extend(site.print_parts().into_iter().map(Job::Print));
        jobs.extend(site.packet_parts().into_iter().map(Job::Packet));
        jobs
    }

    /// Render every page and support file into `sink`; returns how many pages
    /// were written, or every template error.
    pub fn write_all(&self, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
        // The search index is the longest single job, and most of it runs on one
        // core: it starts at once, beside the pages, not when they are nearly done.
        let (first, jobs): (Vec<Job>, Vec<Job>) = self
            .jobs()
            .into_iter()
            .partition(|j| *j == Job::SearchIndex);
        let (pages, support) = rayon::join(
            || self.write_jobs(&jobs, sink),
            || {
                self.write_jobs(&first, sink)?;
                let support = self
                    .support_files()
                    .into_iter()
                    .try_for_each(|f| sink.put(f))
                    .map_err(|e| vec![output_error(e)]);
                support.and_then(|()| self.write_variants(sink))
            },
        );
        // The search index, the sitemap, the QTI package and the highlight CSS are not pages.
        pages.and(support).map(|()| first.len() + jobs.len() - 4)
    }

    /// Render `jobs` into `sink`, in parallel; every template error is returned.
    /// A page whose key the sink knows is kept as it is, not rendered.
    pub fn write_jobs(&self, jobs: &[Job], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|j| self.write_job(*j, sink).err())
            .collect();
        gathered(errors)
    }

    fn write_job(&self, job: Job, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let key = sink.remembers().then(|| self.key(job)).flatten();
        if let Some(key) = key {
            if sink.keep(&self.job_path(job), key).map_err(output_error)? {
                self.counts.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        let files = self.render(job)?;
        self.counts.rendered.fetch_add(1, Ordering::Relaxed);
        files
            .into_iter()
            .try_for_each(|f| match key {
                Some(key) => sink.put_keyed(f, key),
                None => sink.put(f),
            })
            .map_err(output_error)
    }

    /// A page's key: a hash of everything its file is made from, or `None` for
    /// a file that is not a page and is always made (search index, sitemap,
    /// QTI, highlight CSS). The page's view is built as for rendering, but each
    /// body in it stands for a hash of its tree and of where it goes
    /// ([`BodyCx::key_only`]), and the view is hashed as serde writes it, with
    /// the template's name and [`Pages::environment`]: any field a view gains
    /// is in the key by itself. The print documents, packets and guide are
    /// keyed the same way, each body in them standing for its key.
    fn key(&self, job: Job) -> Option<u128> {
        let keyed = match job {
            Job::Page(_) | Job::Search | Job::NotFound => true,
            Job::Packet(_) | Job::Print(_) | Job::Guide => true,
            Job::SearchIndex | Job::Sitemap | Job::Qti | Job::HighlightCss => false,
        };
        if !keyed {
            return None;
        }
        let url = self.url(job);
        let root = root_prefix(&url);
        let here = Here {
            root: &root,
            key_only: true,
        };
        // An error is reported by rendering the page.
        let view = self.page(job, here).ok()?;
        let mut h = crate::output::Hashing::default();
        h.write_all(&self.environment().to_le_bytes()).ok()?;
        h.write_all(self.job_path(job).as_bytes()).ok()?;
        h.write_all(view.as_bytes()).ok()?;
        Some(h.finish())
    }

    /// What every page depends on beyond its view, hashed once: this Trellis
    /// (its version, and the program file itself, so a rebuilt Trellis renders
    /// again), the configuration, and every template and catalogue of the theme.
    fn environment(&self) -> u128 {
        *self.environment.get_or_init(|| {
            let mut h = crate::output::Hashing::default();
            let exe = std::env::current_exe().and_then(std::fs::metadata);
            let exe = exe.map(|m| (m.len(), m.modified().ok())).ok();
            let _ = write!(
                h,
                "{} {exe:?} {:?} {:?}",
                env!("CARGO_PKG_VERSION"),
                self.site.config,
                self.t.theme_files()
            );
            h.finish()
        })
    }

    /// Render `template` with `view`; for a key ([`Here::key_only`]), a hash of
    /// the template's name and of the view as serde writes it.
    fn finish<T: serde::Serialize>(
        &self,
        here: Here<'_>,
        template: &str,
        view: T,
    ) -> Result<String, Diagnostic> {
        if !here.key_only {
            return self.t.render(template, view);
        }
        let key = super::viewhash::hash(template.as_bytes(), &view)
            .map_err(|e| output_error(e.into()))?;
        Ok(format!("{key:032x}"))
    }

    /// Site path of the file a job writes.
    pub fn job_path(&self, job: Job) -> String {
        match job {
            Job::NotFound => "404.html".into(),
            Job::SearchIndex => "static/search-index.js".into(),
            Job::Sitemap => "sitemap.xml".into(),
            Job::Qti => crate::export::QTI_ZIP.into(),
            Job::HighlightCss => "static/highlight.css".into(),
            other => format!("{}index.html", self.url(other)),
        }
    }

    /// Site URL (with a trailing slash) of a job's page.
    pub fn url(&self, job: Job) -> String {
        let course = &self.site.course;
        match job {
            Job::Page(PageId::Home) => String::new(),
            Job::Page(PageId::Module(m)) => format!("{}/", course.modules[m].slug),
            Job::Page(PageId::Lesson(i)) => course.lessons[i].url.clone(),
            Job::Page(PageId::RunSheet(i)) => facilitator::runsheet_url(&course.lessons[i]),
            Job::Page(PageId::Worksheet(k)) => self.site.sheet(self.site.worksheets[k]).url.clone(),
            Job::Page(PageId::Page(i)) => course.pages[i].url.clone(),
            Job::Page(PageId::FacilitatorPage(i)) => course.facilitator_pages[i].url.clone(),
            Job::Search => "search/".into(),
            Job::Packet(scope) => worksheet::packet_url(self.site, scope),
            Job::Print(scope) => worksheet::print_url(self.site, scope),
            Job::Guide => facilitator::GUIDE_URL.into(),
            Job::NotFound | Job::SearchIndex | Job::Sitemap | Job::Qti | Job::HighlightCss => {
                String::new()
            }
        }
    }

    /// A job's files: one, but the search index has its shards too.
    fn render(&self, job: Job) -> Result<Vec<OutputFile>, Diagnostic> {
        let text = match job {
            Job::SearchIndex => {
                let files = crate::search::index_files(&self.search_docs());
                return Ok(files
                    .into_iter()
                    .map(|(path, text)| OutputFile::bytes(path, text))
                    .collect());
            }
            Job::Sitemap => self.sitemap()?,
            Job::HighlightCss => super::minify::shipped(
                "highlight.css",
                &crate::markdown::highlight::theme_css(&self.site.code_classes()),
            ),
            Job::Qti => {
                let zip = crate::export::qti_zip(self.site).map_err(output_error)?;
                return Ok(zip
                    .map(|bytes| OutputFile::bytes(self.job_path(job), bytes))
                    .into_iter()
                    .collect());
            }
            _ => {
                let root = root_prefix(&self.url(job));
                let here = Here {
                    root: &root,
                    key_only: false,
                };
                self.page(job, here)?
            }
        };
        Ok(vec![OutputFile::bytes(self.job_path(job), text)])
    }

    /// The HTML of a job that is a page, or with `here.key_only`, its key.
    fn page(&self, job: Job, here: Here<'_>) -> Result<String, Diagnostic> {
        match job {
            Job::Page(PageId::Home) => self.home(here),
            Job::Page(PageId::Module(m)) => self.module(here, m),
            Job::Page(PageId::Lesson(i)) => self.lesson(here, i),
            Job::Page(PageId::RunSheet(i)) => self.runsheet(here, i),
            Job::Page(PageId::Worksheet(k)) => self.worksheet(here, k),
            Job::Page(PageId::Page(i)) => self.topic(here, i, false),
            Job::Page(PageId::FacilitatorPage(i)) => self.topic(here, i, true),
            Job::Search => {
                let (title, desc) = (self.msg("search-title"), self.msg("search-description"));
                self.unlisted(here, ("search/", &title, &desc), "search", EmptyView {})
            }
            Job::Packet(scope) => self.packet(here, scope),
            Job::Print(scope) => self.print(here, scope),
            Job::Guide => self.guide(here),
            Job::NotFound => self.not_found(here),
            Job::SearchIndex | Job::Sitemap | Job::HighlightCss | Job::Qti => {
                unreachable!("not a page: {job:?}")
            }
        }
    }

    /// The common frame of every page.
    fn frame<T: serde::Serialize>(
        &'a self,
        here: Here<'a>,
        url: &'a str,
        title: &'a str,
        description: &'a str,
        kind: &'static str,
        page: T,
    ) -> PageView<'a, T> {
        let canonical = if self.view.base_url.is_empty() {
            String::new()
        } else {
            format!("{}{}", self.view.base_url, url)
        };
        let languages = match (&self.languages, kind) {
            (Some((l, own)), k) if k != "404" => l.links(*own, here.root, url),
            _ => Vec::new(),
        };
        let x_default = languages
            .first()
            .map(|l| l.absolute.clone())
            .unwrap_or_default();
        PageView {
            site: if here.key_only {
                &self.key_view
            } else {
                &self.view
            },
            root: here.root,
            languages,
            x_default,
            url,
            canonical,
            title,
            description,
            kind,
            noindex: false,
            code: false,
            jsonld: None,
            page,
        }
    }

    /// An interface string without arguments.
    fn msg(&self, key: &str) -> String {
        self.t.catalogue.text(key, &[])
    }

    /// A message about the whole course, given its title as `$course`.
    fn about_course(&self, key: &str) -> String {
        let course = &self.site.config.title;
        self.t.catalogue.text(key, &[("course", Arg::Str(course))])
    }

    /// A body written for the page at `here`.
    pub fn body(&self, nodes: &[Node], here: Here<'_>) -> Result<String, Diagnostic> {
        body::html(nodes, &BodyCx::at(here), self.t)
    }

    /// A page's learner body at `here`.
    fn doc_body(&self, doc: &crate::markdown::Doc, here: Here<'_>) -> Result<String, Diagnostic> {
        body::doc_html(doc, &BodyCx::at(here), self.t)
    }

    fn pdf_link(&self, here: Here<'_>, path: &str) -> Option<String> {
        self.view.pdf.then(|| here.file(path))
    }

    fn home(&self, here: Here<'_>) -> Result<String, Diagnostic> {
        let site = self.site;
        let home = &site.course.home;
        let title = home.front.title.as_deref().unwrap_or(&site.config.title);
        let desc = home
            .front
            .summary
            .as_deref()
            .unwrap_or(&site.config.description);
        let view = self.home_view(here, self.doc_body(&site.home, here)?);
        let parts: Vec<jsonld::Part<'_>> = site
            .course
            .lessons
            .iter()
            .map(|l| jsonld::Part {
                number: l.number,
                title: &l.front.title,
                url: &l.url,
            })
            .collect();
        let minutes = view.total_minutes;
        let mut page = self.frame(here, "", title, desc, "home", view);
        page.code = site.home.code.highlighted;
        let ld = jsonld::course(&self.view, title, desc, &page.canonical, minutes, &parts);
        page.jsonld = Some(ld_text(here, &ld));
        self.finish(here, "home.html", page)
    }

    fn home_view(&self, here: Here<'_>, content: String) -> HomeView<'a> {
        let course = &self.site.course;
        let mut outline: Vec<OutlineGroup<'_>> = Vec::new();
        // Modules without lessons are listed too, in their place.
        let empty_group = |m: usize| OutlineGroup {
            module: Some(here.module_ref(course, m)),
            summary: course.modules[m].front.summary.as_deref(),
            lessons: Vec::new(),
            minutes: 0,
        };
        let mut next_module = 0;
        for (i, l) in course.lessons.iter().enumerate() {
            if let Some(m) = l.module.filter(|m| *m >= next_module) {
                outline.extend((next_module..m).map(empty_group));
                next_module = m + 1;
            }
            let starts_group = match outline.last() {
                None => true,
                Some(g) => match (&g.module, l.module) {
                    (Some(mr), Some(m)) => mr.number != m + 1,
                    (None, None) => false,
                    _ => true,
                },
            };
            if starts_group {
                outline.push(OutlineGroup {
                    module: l.module.map(|m| here.module_ref(course, m)),
                    summary: l
                        .module
                        .and_then(|m| course.modules[m].front.summary.as_deref()),
                    lessons: Vec::new(),
                    minutes: 0,
                });
            }
            let g = outline.last_mut().expect("group pushed above");
            g.minutes += l.front.duration.unwrap_or(0);
            let has_ws = !self.site.lessons[i].worksheets.is_empty();
            g.lessons.push(here.outline_lesson(l, false, has_ws));
        }
        outline.extend((next_module..course.modules.len()).map(empty_group));
        HomeView {
            summary: course.home.front.summary.as_deref(),
            content,
            total_minutes: course.lessons.iter().filter_map(|l| l.front.duration).sum(),
            first: (!course.lessons.is_empty()).then(|| here.nav(course, 0)),
            outline,
        }
    }

    fn module(&self, here: Here<'_>, m: usize) -> Result<String, Diagnostic> {
        let module = &self.site.course.modules[m];
        let url = format!("{}/", module.slug);
        let desc = module.front.summary.as_deref().unwrap_or("");
        let view = self.module_view(here, m, self.doc_body(&self.site.modules[m], here)?);
        let mut page = self.frame(here, &url, &module.title, desc, "module", view);
        page.code = self.site.modules[m].code.highlighted;
        self.finish(here, "module.html", page)
    }

    fn module_view(&self, here: Here<'_>, m: usize, content: String) -> ModuleView<'a> {
        let site = self.site;
        let course = &site.course;
        let module = &course.modules[m];
        let link = |k: usize| {
            let r = here.module_ref(course, k);
            NavLink {
                title: r.title,
                url: r.url,
                number: r.number,
            }
        };
        let worksheets = (0..course.sheets.len())
            .filter(|&s| course.sheets[s].module == Some(m))
            .flat_map(|s| site.worksheets_of(Owner::Sheet(s)))
            .map(|k| self.worksheet_ref(here, k))
            .collect();
        ModuleView {
            number: m + 1,
            summary: module.front.summary.as_deref(),
            content,
            lessons: module
                .lessons
                .iter()
                .map(|&i| {
                    here.outline_lesson(
                        &course.lessons[i],
                        false,
                        !site.lessons[i].worksheets.is_empty(),
                    )
                })
                .collect(),
            worksheets,
            minutes: module
                .lessons
                .iter()
                .filter_map(|&i| course.lessons[i].front.duration)
                .sum(),
            prev: m.checked_sub(1).map(link),
            next: (m + 1 < course.modules.len()).then(|| link(m + 1)),
        }
    }

    fn worksheet_ref(&self, here: Here<'_>, k: usize) -> WorksheetRef {
        let r = self.site.worksheets[k];
        let w = self.site.sheet(r);
        WorksheetRef {
            title: w.title.clone(),
            url: here.page_link(&w.url),
            pdf: self.pdf_link(
                here,
                &worksheet::pdf_path(&w.url, &self.site.owner(r.owner).slug),
            ),
        }
    }

    fn lesson(&self, here: Here<'_>, i: usize) -> Result<String, Diagnostic> {
        let l = &self.site.course.lessons[i];
        let desc = l.front.summary.as_deref().unwrap_or("");
        let view = self.lesson_view(here, i, self.doc_body(&self.site.lessons[i], here)?);
        let mut page = self.frame(here, &l.url, &l.front.title, desc, "lesson", view);
        page.code = self.site.lessons[i].code.highlighted;
        let ld = jsonld::lesson(
            &self.view,
            &jsonld::LessonFacts {
                title: &l.front.title,
                description: desc,
                number: l.number,
                duration: l.front.duration,
                objectives: &l.front.objectives,
                canonical: &page.canonical,
            },
        );
        page.jsonld = Some(ld_text(here, &ld));
        self.finish(here, "lesson.html", page)
    }

    fn lesson_view(&self, here: Here<'_>, i: usize, content: String) -> LessonView<'a> {
        let site = self.site;
        let course = &site.course;
        let l = &course.lessons[i];
        let doc = &site.lessons[i];
        let words = doc.words;
        LessonView {
            number: l.number,
            total: course.lessons.len(),
            summary: l.front.summary.as_deref(),
            objectives: &l.front.objectives,
            duration: l.front.duration,
            reading_minutes: words.div_ceil(200).max(1),
            module: l.module.map(|m| here.module_ref(course, m)),
            prev: site.prev(i).map(|k| here.nav(course, k)),
            next: site.next(i).map(|k| here.nav(course, k)),
            content,
            toc: doc.headings.iter().filter(|h| h.level == 2).collect(),
            worksheets: site
                .worksheets_of(Owner::Lesson(i))
                .map(|k| self.worksheet_ref(here, k))
                .collect(),
            sidebar: site
                .sidebar(i)
                .into_iter()
                .map(|k| {
                    here.outline_lesson(
                        &course.lessons[k],
                        k == i,
                        !site.lessons[k].worksheets.is_empty(),
                    )
                })
                .collect(),
            sidebar_of: l
                .module
                .filter(|_| site.sidebar_is_window(i))
                .map(|m| course.modules[m].lessons.len()),
            extra: &l.front.extra,
            edit_url: site.config.brand.edit_link(&l.source.shown),
        }
    }

    /// A page off the guided path, or (`facilitator`) a facilitator-only page,
    /// which search engines are asked to skip.
    fn topic(&self, here: Here<'_>, i: usize, facilitator: bool) -> Result<String, Diagnostic> {
        let site = self.site;
        let (all, docs) = if facilitator {
            (&site.course.facilitator_pages, &site.facilitator_pages)
        } else {
            (&site.course.pages, &site.pages)
        };
        let (p, doc) = (&all[i], &docs[i]);
        let notes = if facilitator {
            doc.notes
                .iter()
                .map(|n| self.body(n, here))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        let view = TopicView {
            summary: p.front.summary.as_deref(),
            content: self.doc_body(doc, here)?,
            notes,
            toc: doc.headings.iter().filter(|h| h.level == 2).collect(),
            pages: PageLink::list(all),
            facilitator,
        };
        let desc = p.front.summary.as_deref().unwrap_or("");
        let kind = if facilitator {
            "facilitator-page"
        } else {
            "page"
        };
        let mut page = self.frame(here, &p.url, &p.front.title, desc, kind, view);
        page.noindex = facilitator;
        page.code =
            doc.code.highlighted || (facilitator && doc.notes.iter().any(|n| highlighted(n)));
        self.finish(here, "page.html", page)
    }

    fn worksheet(&self, here: Here<'_>, k: usize) -> Result<String, Diagnostic> {
        let site = self.site;
        let r = site.worksheets[k];
        let ws = site.sheet(r);
        let owner = site.owner(r.owner);
        let standalone = matches!(r.owner, Owner::Sheet(_));
        let qr = worksheet::QrLink::new(
            &site.config.base_url,
            if standalone { &ws.url } else { &owner.url },
            self.qr,
            here,
        );
        let cx = BodyCx {
            solutions: worksheet::shows_solutions(site.config.print.solutions),
            printed: true,
            ..BodyCx::at(here)
        };
        let view = worksheet::WorksheetView {
            lesson: (!standalone).then(|| here.nav(&site.course, owner.number - 1)),
            module: owner.module.map(|m| here.module_ref(&site.course, m)),
            content: body::html(&ws.block.children, &cx, self.t)?,
            qr,
            pdf: self.pdf_link(here, &worksheet::pdf_path(&ws.url, &owner.slug)),
            pages: ws.pages,
        };
        let description = self.t.catalogue.text(
            "worksheet-description",
            &[
                ("title", Arg::Str(&ws.title)),
                ("course", Arg::Str(&site.config.title)),
            ],
        );
        let mut page = self.frame(here, &ws.url, &ws.title, &description, "worksheet", view);
        page.code = highlighted(&ws.block.children);
        self.finish(here, "worksheet.html", page)
    }

    fn packet(&self, here: Here<'_>, scope: PrintScope) -> Result<String, Diagnostic> {
        let layout = worksheet::layout::PacketLayout::default();
        self.packet_laid_out(here, scope, &layout)
            .map(|(html, _)| html)
    }

    /// The packet of `scope` with the page numbers of `layout` in its contents:
    /// its file, and the anchors of its parts in print order.
    pub fn packet_file(
        &self,
        scope: PrintScope,
        layout: &worksheet::layout::PacketLayout,
    ) -> Result<(OutputFile, Vec<String>), Diagnostic> {
        let url = worksheet::packet_url(self.site, scope);
        let root = root_prefix(&url);
        let here = Here {
            root: &root,
            key_only: false,
        };
        let (html, parts) = self.packet_laid_out(here, scope, layout)?;
        Ok((OutputFile::bytes(format!("{url}index.html"), html), parts))
    }

    fn packet_laid_out(
        &self,
        here: Here<'_>,
        scope: PrintScope,
        layout: &worksheet::layout::PacketLayout,
    ) -> Result<(String, Vec<String>), Diagnostic> {
        let paper = worksheet::PacketPaper {
            pdf: self.pdf_link(here, &worksheet::packet_pdf(self.site, scope)),
            layout,
        };
        let view = worksheet::packet(self.site, self.t, (here, scope), self.qr, &paper)?;
        let parts = view.parts_in_order();
        let url = worksheet::packet_url(self.site, scope);
        let (title, desc) = match (&view.part, &view.module) {
            (Some(part), _) => (
                self.t
                    .catalogue
                    .text("packet-title-module", &[("module", Arg::Str(&part.title))]),
                self.msg("packet-description-part"),
            ),
            (None, None) => (self.msg("packet-title"), self.msg("packet-description")),
            (None, Some(m)) => (
                self.t
                    .catalogue
                    .text("packet-title-module", &[("module", Arg::Str(&m.title))]),
                self.msg("packet-description-module"),
            ),
        };
        let mut page = self.frame(here, &url, &title, &desc, "packet", view);
        page.code = self.site.has_code();
        Ok((self.finish(here, "packet.html", page)?, parts))
    }

    fn print(&self, here: Here<'_>, scope: PrintScope) -> Result<String, Diagnostic> {
        let mut view = worksheet::print(self.site, self.t, here, scope)?;
        if !view.lessons.is_empty() {
            view.pdf = self.pdf_link(here, &worksheet::print_pdf(self.site, scope));
        }
        let url = worksheet::print_url(self.site, scope);
        let (title, desc) = match (&view.part, &view.module) {
            (Some(part), _) => (
                format!("{}: {}", self.site.config.title, part.title),
                self.msg("print-description-part"),
            ),
            (None, None) => (
                self.site.config.title.clone(),
                self.msg("print-description"),
            ),
            (None, Some(m)) => (
                format!("{}: {}", self.site.config.title, m.title),
                self.msg("print-description-module"),
            ),
        };
        let mut page = self.frame(here, &url, &title, &desc, "print", view);
        page.code = self.site.has_code();
        self.finish(here, "print.html", page)
    }

    fn guide(&self, here: Here<'_>) -> Result<String, Diagnostic> {
        let start = self.site.config.session_start_minutes;
        let sessions = self
            .site
            .facilitated()
            .into_iter()
            .map(|i| facilitator::session(self.site, self.t, here, i, start))
            .collect::<Result<Vec<_>, _>>()?;
        let view = facilitator::GuideView {
            session_start: self.site.config.clock().format(start, &self.t.catalogue),
            sessions,
            home_notes: facilitator::page_notes(self.site, self.t, here)?,
            pages: PageLink::list(&self.site.course.facilitator_pages),
            pdf: self.pdf_link(here, facilitator::GUIDE_PDF),
        };
        let title = self.msg("guide-title");
        let description = self.about_course("guide-description");
        self.unlisted(
            here,
            (facilitator::GUIDE_URL, &title, &description),
            "facilitator",
            view,
        )
    }

    fn runsheet(&self, here: Here<'_>, i: usize) -> Result<String, Diagnostic> {
        let l = &self.site.course.lessons[i];
        let url = facilitator::runsheet_url(l);
        let view = facilitator::session(
            self.site,
            self.t,
            here,
            i,
            self.site.config.session_start_minutes,
        )?;
        let title = self
            .t
            .catalogue
            .text("runsheet-title", &[("title", Arg::Str(&l.front.title))]);
        let description = self.t.catalogue.text(
            "runsheet-description",
            &[("title", Arg::Str(&l.front.title))],
        );
        let view = facilitator::RunSheetView {
            pdf: self.pdf_link(here, &facilitator::runsheet_pdf(l)),
            session: view,
        };
        let mut page = self.frame(here, &url, &title, &description, "runsheet", view);
        page.noindex = true;
        let doc = &self.site.lessons[i];
        let mut trees = doc.notes.iter().chain(&doc.prompts).chain(&doc.solutions);
        page.code = doc.code.highlighted || trees.any(|n| highlighted(n));
        self.finish(here, "runsheet.html", page)
    }

    /// A page search engines are asked to skip, rendered with `<kind>.html`.
    fn unlisted<T: serde::Serialize>(
        &self,
        here: Here<'_>,
        (url, title, description): (&str, &str, &str),
        kind: &'static str,
        view: T,
    ) -> Result<String, Diagnostic> {
        let mut page = self.frame(here, url, title, description, kind, view);
        page.noindex = true;
        // The guide gathers every lesson's notes: it links the highlight CSS when
        // the course has code at all (it is rendered again after every edit).
        page.code = kind == "facilitator" && self.site.has_code();
        self.finish(here, &format!("{kind}.html"), page)
    }

    fn not_found(&self, here: Here<'_>) -> Result<String, Diagnostic> {
        let base = &self.site.config.base_url;
        let view = NotFoundView {
            style: self.inline_style(),
            home: if base.is_empty() {
                "/".to_string()
            } else {
                base.clone()
            },
        };
        let title = self.msg("not-found-title");
        let description = self.about_course("not-found-description");
        self.unlisted(here, ("404.html", &title, &description), "404", view)
    }

    /// The theme's CSS, inlined in the 404 page so it is styled at any depth.
    fn inline_style(&self) -> String {
        match self.t.theme_files().statics.get("style.css") {
            Some(StaticFile::Embedded(s)) => self.shipped("style.css", s).to_string(),
            Some(StaticFile::Disk(p)) => std::fs::read_to_string(p)
                .map(|s| self.shipped("style.css", &s).to_string())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    /// Static file `path`, of text `text`, as shipped ([`super::minify::shipped`]),
    /// minified once however many times it is asked for.
    fn shipped(&self, path: &str, text: &str) -> std::sync::Arc<str> {
        let memo = || self.shipped.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(done) = memo().get(path).cloned() {
            return done;
        }
        let made: std::sync::Arc<str> = super::minify::shipped(path, text).into();
        memo().insert(path.to_string(), made.clone());
        made
    }

    fn search_docs(&self) -> Vec<crate::search::SearchDoc<'_>> {
        let course = &self.site.course;
        let pages = course.pages.iter().zip(&self.site.pages);
        course
            .lessons
            .iter()
            .zip(&self.site.lessons)
            .chain(pages)
            .map(|(l, d)| crate::search::SearchDoc {
                url: &l.url,
                title: &l.front.title,
                module: l.module.map(|m| course.modules[m].title.as_str()),
                body: &d.body,
                memo: self.keep_search_terms.then_some(&d.search),
            })
            .collect()
    }

    fn sitemap(&self) -> Result<String, Diagnostic> {
        let site = self.site;
        let base = &site.config.base_url;
        let mut urls = vec![worksheet::public_url(base, "")];
        urls.extend(
            site.course
                .modules
                .iter()
                .map(|m| worksheet::public_url(base, &format!("{}/", m.slug))),
        );
        urls.extend(
            site.course
                .lessons
                .iter()
                .map(|l| worksheet::public_url(base, &l.url)),
        );
        urls.extend(
            site.worksheets
                .iter()
                .map(|r| worksheet::public_url(base, &site.sheet(*r).url)),
        );
        urls.extend(
            site.course
                .pages
                .iter()
                .map(|p| worksheet::public_url(base, &p.url)),
        );
        urls.push(worksheet::public_url(base, "worksheets/"));
        urls.push(worksheet::public_url(base, "print/"));
        // The root sitemap lists every edition's learner pages too.
        if let Some((languages, 0)) = &self.languages {
            for e in languages.editions.iter().skip(1) {
                let mut more: Vec<&String> = e
                    .urls
                    .iter()
                    .filter(|u| !u.starts_with(facilitator::GUIDE_URL) && *u != "search/")
                    .collect();
                more.sort();
                urls.extend(
                    more.into_iter()
                        .map(|u| worksheet::public_url(base, &format!("{}{u}", e.prefix))),
                );
            }
        }
        self.t.render("sitemap.xml", &SitemapView { urls })
    }

    pub fn pdf_jobs(&self) -> Vec<worksheet::pdf::PdfJob> {
        let site = self.site;
        let mut jobs: Vec<worksheet::pdf::PdfJob> = site
            .worksheets
            .iter()
            .map(|r| {
                let ws = site.sheet(*r);
                worksheet::pdf::PdfJob {
                    html: format!("{}index.html", ws.url),
                    pdf: worksheet::pdf_path(&ws.url, &site.owner(r.owner).slug),
                }
            })
            .collect();
        jobs.extend(self.document_jobs());
        jobs.extend(
            self.printed_packets()
                .into_iter()
                .map(|scope| worksheet::pdf::PdfJob {
                    html: format!("{}index.html", worksheet::packet_url(site, scope)),
                    pdf: worksheet::packet_pdf(site, scope),
                }),
        );
        jobs.push(worksheet::pdf::PdfJob {
            html: format!("{}index.html", facilitator::GUIDE_URL),
            pdf: facilitator::GUIDE_PDF.into(),
        });
        jobs
    }

    /// The packets printed to PDF: none without worksheets; a packet that is a
    /// list (of modules' packets, or of its parts) is not printed.
    pub fn printed_packets(&self) -> Vec<PrintScope> {
        if self.site.worksheets.is_empty() {
            return Vec::new();
        }
        let site = self.site;
        std::iter::once(PrintScope::Course)
            .chain(site.packet_parts())
            .filter(|&s| !site.print_is_list(s) && site.packet_has_sheets(s))
            .collect()
    }

    /// The PDFs of the print documents and of each run sheet.
    fn document_jobs(&self) -> Vec<worksheet::pdf::PdfJob> {
        let site = self.site;
        let scopes = std::iter::once(PrintScope::Course)
            .chain(site.print_parts())
            .filter(|&s| !site.print_is_list(s));
        let mut jobs: Vec<worksheet::pdf::PdfJob> = scopes
            .into_iter()
            .map(|scope| worksheet::pdf::PdfJob {
                html: format!("{}index.html", worksheet::print_url(site, scope)),
                pdf: worksheet::print_pdf(site, scope),
            })
            .collect();
        jobs.extend(site.facilitated().into_iter().map(|i| {
            let l = &site.course.lessons[i];
            worksheet::pdf::PdfJob {
                html: format!("{}index.html", facilitator::runsheet_url(l)),
                pdf: facilitator::runsheet_pdf(l),
            }
        }));
        jobs
    }

    /// Static files, copied assets and `.nojekyll`.
    pub fn support_files(&self) -> Vec<OutputFile> {
        self.support(true)
    }

    /// As [`Pages::support_files`], but CSS and JavaScript as written, not
    /// minified: for what needs only the files' paths and kinds.
    pub fn support_listing(&self) -> Vec<OutputFile> {
        self.support(false)
    }

    fn support(&self, ship: bool) -> Vec<OutputFile> {
        let text = |path: &str, s: &str| -> Vec<u8> {
            match ship {
                true => self.shipped(path, s).as_bytes().to_vec(),
                false => s.as_bytes().to_vec(),
            }
        };
        let mut files = Vec::new();
        for (path, f) in &self.t.theme_files().statics {
            let contents = match f {
                StaticFile::Embedded(s) => output::Contents::Bytes(text(path, s)),
                StaticFile::Disk(p) if super::minify::applies(path) => {
                    match std::fs::read_to_string(p) {
                        Ok(s) => output::Contents::Bytes(text(path, &s)),
                        // Not text: copied as it is (the copy reports a read error).
                        Err(_) => output::Contents::Copy(p.clone()),
                    }
                }
                StaticFile::Disk(p) => output::Contents::Copy(p.clone()),
            };
            files.push(OutputFile {
                path: format!("static/{path}"),
                contents,
            });
        }
        files.push(OutputFile::bytes(".nojekyll", ""));
        let mut assets: Vec<&crate::markdown::Asset> =
            self.site.docs().flat_map(|d| d.assets.iter()).collect();
        assets.sort();
        assets.dedup_by(|a, b| a.dest == b.dest);
        // Images' smaller copies are made by `write_variants`, not copied.
        for a in assets.into_iter().filter(|a| a.width.is_none()) {
            files.push(OutputFile {
                path: a.dest.clone(),
                contents: output::Contents::Copy(a.source.clone()),
            });
        }
        files
    }
}

impl Pages<'_> {
    /// The smaller copies of large images (`photo-480w.png`), in parallel; an
    /// image that cannot be scaled is an error naming it.
    fn write_variants(&self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let own;
        let images = match self.images {
            Some(i) => i,
            None => {
                own = super::images::Images::default();
                &own
            }
        };
        let mut variants: Vec<(&crate::markdown::Asset, u32)> = self
            .site
            .docs()
            .flat_map(|d| d.assets.iter())
            .filter_map(|a| Some((a, a.width?)))
            .collect();
        variants.sort();
        variants.dedup_by(|a, b| a.0.dest == b.0.dest);
        let errors: Vec<Diagnostic> = variants
            .par_iter()
            .filter_map(|(a, width)| {
                let made = images.variant(&a.source, *width).map_err(|e| {
                    Diagnostic::error(crate::diag::rel(&images.root, &a.source), format!("{e:#}"))
                        .help("the file may be damaged, or not the format its name says: open it in an image editor and save it again")
                });
                made.and_then(|bytes| {
                    sink.put(OutputFile::bytes(a.dest.clone(), bytes.to_vec()))
                        .map_err(output_error)
                })
                .err()
            })
            .collect();
        gathered(errors)
    }
}

/// The errors of a parallel write, sorted and each once; `Ok` when there are none.
fn gathered(mut errors: Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort();
    errors.dedup();
    Err(errors)
}

#[derive(serde::Serialize)]
struct EmptyView {}

#[derive(serde::Serialize)]
struct NotFoundView {
    style: String,
    home: String,
}

#[derive(serde::Serialize)]
struct SitemapView {
    urls: Vec<String>,
}
