//! The pipeline, in order: config → content → markdown → templates → output.
//!
//! `build` is the one place that knows the order of the stages; each stage takes a
//! value and returns a new one. Lessons render independently, in parallel.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Overrides, SiteConfig};
use crate::content::{self, Course};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::markdown::{self, Highlighter, LinkIndex, Rendered};
use crate::output::{self, OutputFile};
use crate::render::{
    self, HomeView, LessonView, ModuleView, OutlineGroup, Renderer, SiteView, StaticFile,
    WorksheetRef,
};
use crate::worksheet;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub pdf: bool,
    /// Show progress of long steps (PDFs) on stderr; for terminals only.
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub lessons: usize,
    pub worksheets: usize,
    pub pages: usize,
    pub files: usize,
    pub pdfs: usize,
    pub output_dir: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub notes: Vec<String>,
    pub elapsed: Duration,
}

/// Everything rendered in memory: the product of every stage before writing.
pub struct Site {
    pub config: SiteConfig,
    pub course: Course,
    pub files: Vec<OutputFile>,
    pub diags: Diagnostics,
    pub worksheets: usize,
    pub pages: usize,
    /// Pages to print to PDF when a browser is available.
    pub pdf_jobs: Vec<worksheet::pdf::PdfJob>,
    /// Findings only `trellis check` reports (style and accessibility).
    pub lints: Vec<Diagnostic>,
    /// Every http(s) link, with the file it is in.
    pub external_links: Vec<(PathBuf, markdown::ExternalLink)>,
}

/// Build the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let highlighter = Highlighter::new();
    let mut notes = Vec::new();
    // PDFs are decided before rendering, so pages link only to PDFs that will exist.
    let wants_pdf = opts.pdf || peek_pdf_setting(&opts.root);
    let printer = if wants_pdf {
        let configured = config::load(&opts.root, &Overrides::default())
            .ok()
            .and_then(|c| c.print.browser);
        let p = worksheet::pdf::Printer::find(configured.as_deref());
        if p.is_none() {
            notes.push(
                "PDFs skipped: no Chromium or Chrome found; the site has no PDF links \
                 (install one, put it on PATH, or set `browser` under [print] in site.toml)"
                    .to_string(),
            );
        }
        p
    } else {
        None
    };
    let site = render_site(opts, &highlighter, printer.is_some())?;
    let out = output_dir(&opts.root, &site.config);
    let mut files = site.files;
    let mut pdfs = 0;
    output::write_site_with(&opts.root, &out, &files, |staging| {
        if let Some(p) = &printer {
            pdfs = p.print_all(staging, &site.pdf_jobs, opts.progress)?;
        }
        Ok(())
    })
    .map_err(Failure::Other)?;
    let count = files.len();
    files.clear();
    let warnings: Vec<Diagnostic> = site.diags.sorted();
    Ok(BuildReport {
        lessons: site.course.lessons.len(),
        worksheets: site.worksheets,
        pages: site.pages,
        files: count,
        pdfs,
        output_dir: out,
        warnings,
        notes,
        elapsed: started.elapsed(),
    })
}

/// Whether site.toml asks for PDFs (read leniently; `render_site` validates it).
fn peek_pdf_setting(root: &Path) -> bool {
    config::load(root, &Overrides::default()).is_ok_and(|c| c.print.pdf)
}

pub fn output_dir(root: &Path, config: &SiteConfig) -> PathBuf {
    if config.output_dir.is_absolute() || root == Path::new(".") {
        config.output_dir.clone()
    } else {
        root.join(&config.output_dir)
    }
}

/// Every stage up to (not including) writing: the whole site in memory.
pub fn render_site(
    opts: &BuildOptions,
    highlighter: &Highlighter,
    pdf: bool,
) -> Result<Site, Failure> {
    let root = &opts.root;
    let overrides = Overrides {
        base_url: opts.base_url.clone(),
        output_dir: opts.output.clone(),
        pdf: opts.pdf,
    };
    let config = config::load(root, &overrides).map_err(Failure::Invalid)?;
    let (course, mut diags) =
        content::load(root, opts.drafts).map_err(|d| Failure::Invalid(d.sorted()))?;
    let content_dir = root.join(content::CONTENT_DIR);
    let links = LinkIndex::new(&content_dir, &course);

    // Markdown for every page, in parallel.
    let md_with =
        |source: &content::Source, body: &str, body_line: usize, url: &str, standalone: bool| {
            markdown::render(
                body,
                &markdown::Context {
                    shown: &source.shown,
                    source: &source.path,
                    body_line,
                    page_url: url,
                    links: &links,
                    highlighter,
                    standalone,
                },
            )
        };
    let md = |source: &content::Source, url: &str| {
        md_with(source, &source.body, source.body_line, url, false)
    };
    let lessons: Vec<Rendered> = course
        .lessons
        .par_iter()
        .map(|l| md(&l.source, &l.url))
        .collect();
    // A standalone worksheet's whole body is its worksheet.
    let sheets: Vec<Rendered> = course
        .sheets
        .par_iter()
        .map(|s| {
            let title = s.front.title.replace('"', "”");
            let body = format!(
                "::: {{.worksheet title=\"{title}\"}}\n{}\n:::\n",
                s.source.body
            );
            md_with(
                &s.source,
                &body,
                s.source.body_line.saturating_sub(1).max(1),
                &s.url,
                true,
            )
        })
        .collect();
    let home = md(&course.home.source, "");
    let modules: Vec<Rendered> = course
        .modules
        .par_iter()
        .map(|m| md(&m.source, &format!("{}/", m.slug)))
        .collect();
    for r in lessons
        .iter()
        .chain(sheets.iter())
        .chain(modules.iter())
        .chain(std::iter::once(&home))
    {
        diags.extend(r.diags.iter().cloned());
    }
    check_fragments(&course, &home, &modules, &lessons, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Invalid(diags.sorted()));
    }

    let worksheet_count: usize = lessons
        .iter()
        .chain(&sheets)
        .map(|r| r.worksheets.len())
        .sum();
    let site_view = SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        author: config.author.clone(),
        base_url: config.base_url.clone(),
        page_size: config.print.page_size.name(),
        page_size_css: config.print.page_size.css(),
        lesson_count: course.lessons.len(),
        worksheet_count,
        pdf,
        generator: concat!("Trellis ", env!("CARGO_PKG_VERSION")),
    };
    let renderer = Renderer::new(root, &config, site_view).map_err(Failure::Invalid)?;
    let pages = Pages {
        config: &config,
        course: &course,
        renderer: &renderer,
        home: &home,
        modules: &modules,
        lessons: &lessons,
        sheets: &sheets,
    };
    let (mut files, errors) = pages.all();
    if !errors.is_empty() {
        diags.extend(errors);
        return Err(Failure::Invalid(diags.sorted()));
    }
    let page_count = files.len();
    files.extend(pages.support_files());
    if config.base_url.is_empty() {
        diags.push(
            Diagnostic::warning("site.toml", "`base_url` is not set: canonical links, the sitemap and worksheet QR codes use site paths")
                .help("set `base_url = \"https://org.github.io/course/\"` or pass `--base-url`"),
        );
    }
    let pdf_jobs = if pdf { pages.pdf_jobs() } else { Vec::new() };
    let mut lints = Vec::new();
    let mut external_links = Vec::new();
    let sources = course
        .lessons
        .iter()
        .zip(&lessons)
        .chain(course.sheets.iter().zip(&sheets))
        .map(|(l, r)| (&l.source, r))
        .chain(course.modules.iter().map(|m| &m.source).zip(&modules))
        .chain(std::iter::once((&course.home.source, &home)));
    for (source, r) in sources {
        lints.extend(r.lints.iter().cloned());
        external_links.extend(
            r.external_links
                .iter()
                .map(|e| (source.shown.clone(), e.clone())),
        );
    }
    for l in &course.lessons {
        if l.front.objectives.is_empty() {
            lints.push(
                Diagnostic::warning(&l.source.shown, "lesson has no objectives")
                    .at(l.source.front_line, 1)
                    .help("add `objectives = [\"…\"]`: learners and facilitators use them to see where a lesson leads"),
            );
        }
    }
    Ok(Site {
        config,
        course,
        files,
        diags,
        worksheets: worksheet_count,
        pages: page_count,
        pdf_jobs,
        lints,
        external_links,
    })
}

/// Links to `page#fragment` must name an id that page defines.
fn check_fragments(
    course: &Course,
    home: &Rendered,
    modules: &[Rendered],
    lessons: &[Rendered],
    diags: &mut Diagnostics,
) {
    let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    ids.insert("", home.ids.iter().map(String::as_str).collect());
    for (m, r) in course.modules.iter().zip(modules) {
        let _ = m;
        let _ = r;
    }
    for (l, r) in course.lessons.iter().zip(lessons) {
        let mut set: HashSet<&str> = r.ids.iter().map(String::as_str).collect();
        set.extend(markdown::RESERVED_IDS.iter().copied());
        ids.insert(&l.url, set);
    }
    let module_urls: Vec<String> = course
        .modules
        .iter()
        .map(|m| format!("{}/", m.slug))
        .collect();
    for (u, r) in module_urls.iter().zip(modules) {
        ids.insert(u, r.ids.iter().map(String::as_str).collect());
    }
    let sources = course
        .lessons
        .iter()
        .map(|l| &l.source)
        .zip(lessons)
        .chain(course.modules.iter().map(|m| &m.source).zip(modules))
        .chain(std::iter::once((&course.home.source, home)));
    for (source, r) in sources {
        for link in &r.fragment_links {
            let known = ids
                .get(link.url.as_str())
                .is_some_and(|s| s.contains(link.fragment.as_str()));
            if !known {
                diags.push(
                    Diagnostic::error(&source.shown, format!("link to `#{}` in /{}: no such heading or anchor there", link.fragment, link.url))
                        .at(link.line, link.col)
                        .help("heading anchors are the heading text in lowercase with dashes, e.g. `#what-to-try`"),
                );
            }
        }
    }
}

/// Renders every page of the site from the stages' results.
struct Pages<'a> {
    config: &'a SiteConfig,
    course: &'a Course,
    renderer: &'a Renderer,
    home: &'a Rendered,
    modules: &'a [Rendered],
    lessons: &'a [Rendered],
    sheets: &'a [Rendered],
}

impl Pages<'_> {
    fn all(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let course = self.course;
        let mut jobs: Vec<Job> = vec![
            Job::Home,
            Job::NotFound,
            Job::Packet,
            Job::Print,
            Job::Search,
        ];
        jobs.extend((0..course.modules.len()).map(Job::Module));
        jobs.extend((0..course.lessons.len()).map(Job::Lesson));
        let sources = worksheet::in_course_order(course, self.lessons, self.sheets);
        jobs.extend((0..sources.len()).map(Job::Worksheet));
        let results: Vec<Result<OutputFile, Diagnostic>> =
            jobs.par_iter().map(|j| self.page(j, &sources)).collect();
        let mut files = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(d) => {
                    if !errors.contains(&d) {
                        errors.push(d)
                    }
                }
            }
        }
        (files, errors)
    }

    fn page(
        &self,
        job: &Job,
        sources: &[worksheet::SheetSource<'_>],
    ) -> Result<OutputFile, Diagnostic> {
        let r = self.renderer;
        let course = self.course;
        let site_title = &self.config.title;
        let (url, html) = match *job {
            Job::Home => {
                let title = course.home.front.title.as_deref().unwrap_or(site_title);
                let desc = course
                    .home
                    .front
                    .summary
                    .as_deref()
                    .unwrap_or(&self.config.description);
                let view = r.page("", title, desc, "home", self.home_view());
                (String::new(), r.render("home.html", &view)?)
            }
            Job::Module(m) => {
                let module = &course.modules[m];
                let url = format!("{}/", module.slug);
                let desc = module.front.summary.as_deref().unwrap_or("");
                let view = r.page(&url, &module.title, desc, "module", self.module_view(m));
                let html = r.render("module.html", &view)?;
                (url, html)
            }
            Job::Lesson(i) => {
                let l = &course.lessons[i];
                let desc = l.front.summary.as_deref().unwrap_or("");
                let view = r.page(&l.url, &l.front.title, desc, "lesson", self.lesson_view(i));
                (l.url.clone(), r.render("lesson.html", &view)?)
            }
            Job::Worksheet(k) => {
                let src = &sources[k];
                let ws = src.ws;
                let public = worksheet::public_url(&self.config.base_url, src.home_url());
                let view = worksheet::WorksheetView {
                    lesson: (!src.standalone).then(|| render::nav(course, src.owner.number - 1)),
                    module: src.owner.module.map(|m| render::module_ref(course, m)),
                    content: worksheet::printed_html(ws, self.config.print.solutions),
                    qr: worksheet::qr_svg(&public),
                    public_url: public,
                    pdf: self.pdf_link(&worksheet::pdf_path(&ws.url, &src.owner.slug)),
                    pages: ws.pages,
                };
                let page = r.page(&ws.url, &ws.title, "", "worksheet", view);
                (ws.url.clone(), r.render("worksheet.html", &page)?)
            }
            Job::Packet => {
                let view = worksheet::packet(
                    course,
                    sources,
                    &self.config.base_url,
                    self.config.print.solutions,
                    self.pdf_link(worksheet::PACKET_PDF),
                );
                let page = r.page(
                    "worksheets/",
                    "Session packet",
                    "Every worksheet of the course, ready to print.",
                    "packet",
                    view,
                );
                ("worksheets/".to_string(), r.render("packet.html", &page)?)
            }
            Job::Print => {
                let view = worksheet::print(course, self.home, self.lessons);
                let page = r.page(
                    "print/",
                    site_title,
                    "The whole course as one printable document.",
                    "print",
                    view,
                );
                ("print/".to_string(), r.render("print.html", &page)?)
            }
            Job::Search => {
                let page = r.page(
                    "search/",
                    "Search",
                    "Search the course.",
                    "search",
                    SearchView {},
                );
                ("search/".to_string(), r.render("search.html", &page)?)
            }
            Job::NotFound => {
                let mut page = r.page(
                    "404.html",
                    "Page not found",
                    "",
                    "404",
                    NotFoundView {
                        style: self.inline_style(),
                        home: if self.config.base_url.is_empty() {
                            "/".to_string()
                        } else {
                            self.config.base_url.clone()
                        },
                    },
                );
                page.noindex = true;
                let html = r.render("404.html", &page)?;
                return Ok(OutputFile::bytes("404.html", html));
            }
        };
        let html = output::relativize(&html, &url);
        Ok(OutputFile::bytes(format!("{url}index.html"), html))
    }

    fn pdf_jobs(&self) -> Vec<worksheet::pdf::PdfJob> {
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

    fn home_view(&self) -> HomeView<'_> {
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
            content: &self.home.html,
            total_minutes: course.lessons.iter().filter_map(|l| l.front.duration).sum(),
            first: (!course.lessons.is_empty()).then(|| render::nav(course, 0)),
            outline,
        }
    }

    fn module_view(&self, m: usize) -> ModuleView<'_> {
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
            content: &self.modules[m].html,
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

    fn lesson_view(&self, i: usize) -> LessonView<'_> {
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
            content: &r.html,
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
    fn support_files(&self) -> Vec<OutputFile> {
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
        files.push(OutputFile::bytes(
            "static/search-index.js",
            crate::search::index_script(&docs),
        ));
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

enum Job {
    Search,
    Home,
    NotFound,
    Packet,
    Print,
    Module(usize),
    Lesson(usize),
    Worksheet(usize),
}
