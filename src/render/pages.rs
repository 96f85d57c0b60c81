//! Pages: the stages' results in, every output file out, each written to a
//! [`Sink`] as soon as it is rendered (in parallel), so a big course never sits in
//! memory whole. Page bodies reach templates as slots and are spliced in after
//! rendering, so Tera never copies them.

use rayon::prelude::*;

use super::{HomeView, LessonView, ModuleView, OutlineGroup, Renderer, StaticFile, WorksheetRef};
use crate::config::SiteConfig;
use crate::content::Course;
use crate::diag::Diagnostic;
use crate::facilitator;
use crate::markdown::{self, Rendered};
use crate::output::{self, OutputFile, Sink};
use crate::render;
use crate::worksheet;

/// Renders every page of the site from the stages' results.
pub struct Pages<'a> {
    pub config: &'a SiteConfig,
    pub course: &'a Course,
    pub renderer: &'a Renderer,
    pub home: &'a Rendered,
    pub modules: &'a [Rendered],
    pub lessons: &'a [Rendered],
    pub sheets: &'a [Rendered],
    pub qr: &'a worksheet::QrCache,
}

impl Pages<'_> {
    /// Render every page and support file into `sink`; returns how many pages were
    /// written, or every template error.
    pub fn write_all(&self, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
        let course = self.course;
        let mut jobs: Vec<Job> = vec![Job::Home, Job::NotFound, Job::Search];
        jobs.extend((0..course.modules.len()).map(Job::Module));
        jobs.extend((0..course.lessons.len()).map(Job::Lesson));
        jobs.extend(self.facilitated().map(Job::RunSheet));
        let sources = worksheet::in_course_order(course, self.lessons, self.sheets);
        jobs.extend((0..sources.len()).map(Job::Worksheet));
        jobs.extend(Job::AGGREGATES);
        let pages = jobs.len() - 1;
        let (pages_done, support) = rayon::join(
            || self.write_jobs(&jobs, sink),
            || {
                self.support_files()
                    .into_iter()
                    .try_for_each(|f| sink.put(f))
                    .map_err(|e| vec![Diagnostic::error("output", format!("{e:#}"))])
            },
        );
        pages_done.and(support).map(|()| pages)
    }

    /// Render `jobs` into `sink`, in parallel; every template error is returned.
    pub fn write_jobs(&self, jobs: &[Job], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let sources = worksheet::in_course_order(self.course, self.lessons, self.sheets);
        let mut errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|j| {
                let result = match j {
                    Job::Print => self.write_print(sink),
                    Job::SearchIndex => sink
                        .put(self.search_index())
                        .map_err(|e| Diagnostic::error("output", format!("{e:#}"))),
                    j => self.page(j, &sources).and_then(|f| {
                        sink.put(f)
                            .map_err(|e| Diagnostic::error("output", format!("{e:#}")))
                    }),
                };
                result.err()
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
            errors.dedup();
            Err(errors)
        }
    }

    /// The worksheet pages that belong to the lesson or sheet at `url`.
    pub fn worksheet_jobs(&self, url: &str) -> Vec<Job> {
        worksheet::in_course_order(self.course, self.lessons, self.sheets)
            .iter()
            .enumerate()
            .filter(|(_, s)| s.owner.url == url)
            .map(|(k, _)| Job::Worksheet(k))
            .collect()
    }

    /// Lessons with something for a facilitator (a session plan or notes): only
    /// those get a run sheet and a place in the guide.
    pub fn facilitated(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.course.lessons.len())
            .filter(|&i| facilitator::has_session(&self.course.lessons[i], &self.lessons[i]))
    }

    /// Site path of the file a job writes.
    pub fn job_path(&self, job: &Job) -> String {
        match *job {
            Job::Home => "index.html".into(),
            Job::NotFound => "404.html".into(),
            Job::Search => "search/index.html".into(),
            Job::Packet => "worksheets/index.html".into(),
            Job::Print => "print/index.html".into(),
            Job::SearchIndex => "static/search-index.js".into(),
            Job::Module(m) => format!("{}/index.html", self.course.modules[m].slug),
            Job::Lesson(i) => format!("{}index.html", self.course.lessons[i].url),
            Job::RunSheet(i) => format!(
                "{}index.html",
                facilitator::runsheet_url(&self.course.lessons[i])
            ),
            Job::Guide => format!("{}index.html", facilitator::GUIDE_URL),
            Job::Worksheet(k) => {
                let sources = worksheet::in_course_order(self.course, self.lessons, self.sheets);
                format!("{}index.html", sources[k].ws.url)
            }
        }
    }

    /// The client-side search index over every lesson.
    fn search_index(&self) -> OutputFile {
        let docs: Vec<crate::search::SearchDoc> = self
            .course
            .lessons
            .iter()
            .zip(self.lessons)
            .map(|(l, r)| crate::search::SearchDoc {
                url: l.url.clone(),
                title: l.front.title.clone(),
                module: l.module.map(|m| self.course.modules[m].title.clone()),
                text: r.text.clone(),
            })
            .collect();
        OutputFile::bytes("static/search-index.js", crate::search::index_script(&docs))
    }

    /// The whole course in one document, written piece by piece.
    fn write_print(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (view, slots) = worksheet::print(self.course, self.home, self.lessons);
        let page = self.renderer.page(
            "print/",
            &self.config.title,
            "The whole course as one printable document.",
            "print",
            view,
        );
        let slot = |n: usize| slots.get(n);
        let write = self
            .renderer
            .render_streamed("print.html", &page, "print/", &slot)?;
        sink.put_streamed("print/index.html", &write)
            .map_err(|e| Diagnostic::error("output", format!("{e:#}")))
    }

    fn page(
        &self,
        job: &Job,
        sources: &[worksheet::SheetSource<'_>],
    ) -> Result<OutputFile, Diagnostic> {
        let r = self.renderer;
        let course = self.course;
        let site_title = &self.config.title;
        let slot0 = render::slot(0);
        let (url, html) = match *job {
            Job::Home => {
                let title = course.home.front.title.as_deref().unwrap_or(site_title);
                let desc = course
                    .home
                    .front
                    .summary
                    .as_deref()
                    .unwrap_or(&self.config.description);
                let view = r.page("", title, desc, "home", self.home_view(&slot0));
                (
                    String::new(),
                    r.render_slotted("home.html", &view, "", &[&self.home.html])?,
                )
            }
            Job::Module(m) => {
                let module = &course.modules[m];
                let url = format!("{}/", module.slug);
                let desc = module.front.summary.as_deref().unwrap_or("");
                let view = r.page(
                    &url,
                    &module.title,
                    desc,
                    "module",
                    self.module_view(m, &slot0),
                );
                let html =
                    r.render_slotted("module.html", &view, &url, &[&self.modules[m].html])?;
                (url, html)
            }
            Job::Lesson(i) => {
                let l = &course.lessons[i];
                let desc = l.front.summary.as_deref().unwrap_or("");
                let view = r.page(
                    &l.url,
                    &l.front.title,
                    desc,
                    "lesson",
                    self.lesson_view(i, &slot0),
                );
                (
                    l.url.clone(),
                    r.render_slotted("lesson.html", &view, &l.url, &[&self.lessons[i].html])?,
                )
            }
            Job::Worksheet(k) => {
                let src = &sources[k];
                let ws = src.ws;
                let public = worksheet::public_url(&self.config.base_url, src.home_url());
                let view = worksheet::WorksheetView {
                    lesson: (!src.standalone).then(|| render::nav(course, src.owner.number - 1)),
                    module: src.owner.module.map(|m| render::module_ref(course, m)),
                    content: &slot0,
                    qr: self.qr.get(&public).to_string(),
                    public_url: public,
                    pdf: self.pdf_link(&worksheet::pdf_path(&ws.url, &src.owner.slug)),
                    pages: ws.pages,
                };
                let page = r.page(&ws.url, &ws.title, "", "worksheet", view);
                let content = worksheet::printed_html(ws, self.config.print.solutions);
                (
                    ws.url.clone(),
                    r.render_slotted("worksheet.html", &page, &ws.url, &[content])?,
                )
            }
            Job::Packet => {
                let (view, contents) = worksheet::packet(
                    course,
                    sources,
                    &self.config.base_url,
                    self.config.print.solutions,
                    self.pdf_link(worksheet::PACKET_PDF),
                    self.qr,
                );
                let page = r.page(
                    "worksheets/",
                    "Session packet",
                    "Every worksheet of the course, ready to print.",
                    "packet",
                    view,
                );
                let slots: Vec<&str> = contents.iter().map(String::as_str).collect();
                (
                    "worksheets/".to_string(),
                    r.render_slotted("packet.html", &page, "worksheets/", &slots)?,
                )
            }
            Job::Print | Job::SearchIndex => unreachable!("written by write_jobs directly"),
            Job::Guide => {
                let start = self.config.session_start_minutes;
                let view = facilitator::GuideView {
                    session_start: facilitator::clock(start),
                    sessions: self
                        .facilitated()
                        .map(|i| facilitator::session(course, i, &self.lessons[i], start))
                        .collect(),
                    pdf: self.pdf_link(facilitator::GUIDE_PDF),
                };
                let mut page = r.page(
                    facilitator::GUIDE_URL,
                    "Facilitator guide",
                    "",
                    "facilitator",
                    view,
                );
                page.noindex = true;
                let url = facilitator::GUIDE_URL.to_string();
                let html = r.render_slotted("facilitator.html", &page, &url, &[])?;
                (url, html)
            }
            Job::RunSheet(i) => {
                let l = &course.lessons[i];
                let url = facilitator::runsheet_url(l);
                let view = facilitator::session(
                    course,
                    i,
                    &self.lessons[i],
                    self.config.session_start_minutes,
                );
                let title = format!("Run sheet: {}", l.front.title);
                let mut page = r.page(&url, &title, "", "runsheet", view);
                page.noindex = true;
                let html = r.render_slotted("runsheet.html", &page, &url, &[])?;
                (url, html)
            }
            Job::Search => {
                let mut page = r.page(
                    "search/",
                    "Search",
                    "Search the course.",
                    "search",
                    SearchView {},
                );
                page.noindex = true;
                (
                    "search/".to_string(),
                    r.render_slotted("search.html", &page, "search/", &[])?,
                )
            }
            Job::NotFound => {
                let home = if self.config.base_url.is_empty() {
                    "/".to_string()
                } else {
                    self.config.base_url.clone()
                };
                let mut page = r.page(
                    "404.html",
                    "Page not found",
                    "",
                    "404",
                    NotFoundView {
                        style: self.inline_style(),
                        home,
                    },
                );
                page.noindex = true;
                let html = r.render("404.html", &page)?;
                return Ok(OutputFile::bytes("404.html", html));
            }
        };
        Ok(OutputFile::bytes(format!("{url}index.html"), html))
    }

    pub fn pdf_jobs(&self) -> Vec<worksheet::pdf::PdfJob> {
        let mut jobs = Vec::new();
        for src in worksheet::in_course_order(self.course, self.lessons, self.sheets) {
            jobs.push(worksheet::pdf::PdfJob {
                html: format!("{}index.html", src.ws.url),
                pdf: worksheet::pdf_path(&src.ws.url, &src.owner.slug),
            });
        }
        if !jobs.is_empty() {
            jobs.push(worksheet::pdf::PdfJob {
                html: "worksheets/index.html".into(),
                pdf: worksheet::PACKET_PDF.into(),
            });
        }
        jobs.push(worksheet::pdf::PdfJob {
            html: format!("{}index.html", facilitator::GUIDE_URL),
            pdf: facilitator::GUIDE_PDF.into(),
        });
        jobs
    }

    fn pdf_link(&self, path: &str) -> Option<String> {
        self.renderer
            .site
            .pdf
            .then(|| format!("{}{path}", markdown::ROOT))
    }

    /// The theme's CSS, inlined in the 404 page so it is styled at any depth.
    fn inline_style(&self) -> String {
        match self.renderer.theme_files().statics.get("style.css") {
            Some(StaticFile::Embedded(s)) => s.to_string(),
            Some(StaticFile::Disk(p)) => std::fs::read_to_string(p).unwrap_or_default(),
            None => String::new(),
        }
    }

    fn home_view<'s>(&'s self, content: &'s str) -> HomeView<'s> {
        let course = self.course;
        let mut outline: Vec<OutlineGroup<'_>> = Vec::new();
        for (i, l) in course.lessons.iter().enumerate() {
            let has_ws = !self.lessons[i].worksheets.is_empty();
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
                    module: l.module.map(|m| render::module_ref(course, m)),
                    summary: l
                        .module
                        .and_then(|m| course.modules[m].front.summary.as_deref()),
                    lessons: Vec::new(),
                    minutes: 0,
                });
            }
            let g = outline.last_mut().expect("group pushed above");
            g.minutes += l.front.duration.unwrap_or(0);
            g.lessons.push(render::outline_lesson(l, false, has_ws));
        }
        HomeView {
            summary: course.home.front.summary.as_deref(),
            content,
            total_minutes: course.lessons.iter().filter_map(|l| l.front.duration).sum(),
            first: (!course.lessons.is_empty()).then(|| render::nav(course, 0)),
            outline,
        }
    }

    fn module_view<'s>(&'s self, m: usize, content: &'s str) -> ModuleView<'s> {
        let course = self.course;
        let module = &course.modules[m];
        let lessons = module
            .lessons
            .iter()
            .map(|&i| {
                render::outline_lesson(
                    &course.lessons[i],
                    false,
                    !self.lessons[i].worksheets.is_empty(),
                )
            })
            .collect();
        let link = |k: usize| {
            let r = render::module_ref(course, k);
            render::NavLink {
                title: r.title,
                url: r.url,
                number: r.number,
            }
        };
        ModuleView {
            number: m + 1,
            summary: module.front.summary.as_deref(),
            content,
            lessons,
            worksheets: course
                .sheets
                .iter()
                .zip(self.sheets)
                .filter(|(s, _)| s.module == Some(m))
                .flat_map(|(s, r)| {
                    r.worksheets.iter().map(move |w| WorksheetRef {
                        title: w.title.clone(),
                        url: render::page_link(&w.url),
                        pdf: self.pdf_link(&worksheet::pdf_path(&w.url, &s.slug)),
                    })
                })
                .collect(),
            minutes: module
                .lessons
                .iter()
                .filter_map(|&i| course.lessons[i].front.duration)
                .sum(),
            prev: m.checked_sub(1).map(link),
            next: (m + 1 < course.modules.len()).then(|| link(m + 1)),
        }
    }

    fn lesson_view<'s>(&'s self, i: usize, content: &'s str) -> LessonView<'s> {
        let course = self.course;
        let l = &course.lessons[i];
        let r = &self.lessons[i];
        // The sidebar lists the lesson's module, or a window of neighbours in a flat
        // course: never the whole course, so pages do not grow with its size.
        let neighbours: Vec<usize> = match l.module {
            Some(m) => course.modules[m].lessons.clone(),
            None => (i.saturating_sub(5)..(i + 6).min(course.lessons.len()))
                .filter(|&k| course.lessons[k].module.is_none())
                .collect(),
        };
        let words = r.text.split_whitespace().count();
        LessonView {
            number: l.number,
            total: course.lessons.len(),
            summary: l.front.summary.as_deref(),
            objectives: &l.front.objectives,
            duration: l.front.duration,
            reading_minutes: words.div_ceil(200).max(1),
            module: l.module.map(|m| render::module_ref(course, m)),
            prev: i.checked_sub(1).map(|k| render::nav(course, k)),
            next: (i + 1 < course.lessons.len()).then(|| render::nav(course, i + 1)),
            content,
            toc: r.headings.iter().filter(|h| h.level == 2).collect(),
            worksheets: r
                .worksheets
                .iter()
                .map(|w| WorksheetRef {
                    title: w.title.clone(),
                    url: render::page_link(&w.url),
                    pdf: self.pdf_link(&worksheet::pdf_path(&w.url, &l.slug)),
                })
                .collect(),
            sidebar: neighbours
                .into_iter()
                .map(|k| {
                    render::outline_lesson(
                        &course.lessons[k],
                        k == i,
                        !self.lessons[k].worksheets.is_empty(),
                    )
                })
                .collect(),
            extra: &l.front.extra,
        }
    }

    /// Static files, copied assets, highlight CSS, sitemap and `.nojekyll`.
    pub fn support_files(&self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        for (path, f) in &self.renderer.theme_files().statics {
            let contents = match f {
                StaticFile::Embedded(s) => output::Contents::Bytes(s.as_bytes().to_vec()),
                StaticFile::Disk(p) => output::Contents::Copy(p.clone()),
            };
            files.push(OutputFile {
                path: format!("static/{path}"),
                contents,
            });
        }
        files.push(OutputFile::bytes(
            "static/highlight.css",
            markdown::highlight::theme_css(),
        ));
        files.push(OutputFile::bytes(".nojekyll", ""));
        files.push(OutputFile::bytes("sitemap.xml", self.sitemap()));
        let mut assets: Vec<&markdown::Asset> = self
            .lessons
            .iter()
            .chain(self.sheets)
            .chain(self.modules)
            .chain(std::iter::once(self.home))
            .flat_map(|r| r.assets.iter())
            .collect();
        assets.sort();
        assets.dedup_by(|a, b| a.dest == b.dest);
        for a in assets {
            files.push(OutputFile {
                path: a.dest.clone(),
                contents: output::Contents::Copy(a.source.clone()),
            });
        }
        files
    }

    fn sitemap(&self) -> String {
        let base = &self.config.base_url;
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        let mut add = |url: &str| {
            let loc = worksheet::public_url(base, url);
            s.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                markdown::escape(&loc)
            ));
        };
        add("");
        for m in &self.course.modules {
            add(&format!("{}/", m.slug));
        }
        for l in &self.course.lessons {
            add(&l.url);
        }
        for src in worksheet::in_course_order(self.course, self.lessons, self.sheets) {
            add(&src.ws.url);
        }
        add("worksheets/");
        add("print/");
        s.push_str("</urlset>\n");
        s
    }
}

#[derive(serde::Serialize)]
struct SearchView {}

#[derive(serde::Serialize)]
struct NotFoundView {
    style: String,
    home: String,
}

/// One output file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Search,
    Home,
    NotFound,
    Packet,
    Print,
    SearchIndex,
    /// The facilitator guide (`/facilitator/`).
    Guide,
    Module(usize),
    Lesson(usize),
    /// A lesson's one-page run sheet for the facilitator.
    RunSheet(usize),
    /// Index into the worksheets in course order.
    Worksheet(usize),
}

impl Job {
    /// Files made from every lesson: `serve` refreshes them after the pages a change touches.
    pub const AGGREGATES: [Job; 4] = [Job::Packet, Job::Print, Job::SearchIndex, Job::Guide];
}
