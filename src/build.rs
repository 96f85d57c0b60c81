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
use crate::output;
use crate::render::{self, Renderer, SiteView};
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
    let highlighter = Highlighter::for_one_build();
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
    let overrides = Overrides {
        base_url: opts.base_url.clone(),
        output_dir: opts.output.clone(),
        pdf: opts.pdf,
    };
    let config = config::load(&opts.root, &overrides).map_err(Failure::Invalid)?;
    // `--output` is relative to where the command runs; `output_dir` to the course.
    let out = match &opts.output {
        Some(o) => o.clone(),
        None => output_dir(&opts.root, &config),
    };
    // Refuse a bad output folder before any work; dropped on failure, the staging
    // folder removes itself and the previous site stays untouched.
    let staging = output::Staging::begin(&opts.root, &out).map_err(Failure::Other)?;
    let site = render_site(opts, &highlighter, printer.is_some(), &staging)?;
    let mut pdfs = 0;
    if let Some(p) = &printer {
        pdfs = p
            .print_all(staging.path(), &site.pdf_jobs, opts.progress)
            .map_err(Failure::Other)?;
    }
    staging.commit().map_err(Failure::Other)?;
    let warnings: Vec<Diagnostic> = site.diags.sorted();
    Ok(BuildReport {
        lessons: site.course.lessons.len(),
        worksheets: site.worksheets,
        pages: site.pages,
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

/// The course with every page's Markdown rendered: everything templates need.
pub struct Model {
    pub config: SiteConfig,
    pub course: Course,
    pub links: LinkIndex,
    pub home: Rendered,
    pub modules: Vec<Rendered>,
    pub lessons: Vec<Rendered>,
    pub sheets: Vec<Rendered>,
    /// Warnings (a model with errors is never made).
    pub diags: Diagnostics,
    pub qr: crate::worksheet::QrCache,
}

/// Config, content and Markdown: every stage before templates.
pub fn model(opts: &BuildOptions, highlighter: &Highlighter) -> Result<Model, Failure> {
    let root = &opts.root;
    let overrides = Overrides {
        base_url: opts.base_url.clone(),
        output_dir: opts.output.clone(),
        pdf: opts.pdf,
    };
    let mut timer = Timer::new();
    let config = config::load(root, &overrides).map_err(Failure::Invalid)?;
    let (course, mut diags) =
        content::load(root, opts.drafts).map_err(|d| Failure::Invalid(d.sorted()))?;
    let links = LinkIndex::new(&root.join(content::CONTENT_DIR), &course);
    timer.lap("load content");
    let md = Markdown {
        course: &course,
        links: &links,
        highlighter,
    };
    let lessons: Vec<Rendered> = (0..course.lessons.len())
        .into_par_iter()
        .map(|i| md.lesson(i))
        .collect();
    let sheets: Vec<Rendered> = (0..course.sheets.len())
        .into_par_iter()
        .map(|i| md.sheet(i))
        .collect();
    let home = md.page(&course.home.source, "");
    let modules: Vec<Rendered> = course
        .modules
        .par_iter()
        .map(|m| md.page(&m.source, &format!("{}/", m.slug)))
        .collect();
    timer.lap("markdown");
    let mut model = Model {
        config,
        course,
        links,
        home,
        modules,
        lessons,
        sheets,
        diags: Diagnostics::new(),
        qr: Default::default(),
    };
    diags.extend(model.markdown_diagnostics());
    if diags.has_errors() {
        return Err(Failure::Invalid(diags.sorted()));
    }
    diags.extend(crate::facilitator::plan_warnings(&model.course));
    if model.config.base_url.is_empty() {
        diags.push(
            Diagnostic::warning("site.toml", "`base_url` is not set: canonical links, the sitemap and worksheet QR codes use site paths")
                .help("set `base_url = \"https://org.github.io/course/\"` or pass `--base-url`"),
        );
    }
    model.diags = diags;
    Ok(model)
}

/// Renders one page's Markdown with the course's link index.
pub struct Markdown<'a> {
    pub course: &'a Course,
    pub links: &'a LinkIndex,
    pub highlighter: &'a Highlighter,
}

impl Markdown<'_> {
    fn render(
        &self,
        source: &content::Source,
        body: &str,
        body_line: usize,
        url: &str,
        standalone: bool,
    ) -> Rendered {
        markdown::render(
            body,
            &markdown::Context {
                shown: &source.shown,
                source: &source.path,
                body_line,
                page_url: url,
                links: self.links,
                highlighter: self.highlighter,
                standalone,
            },
        )
    }

    pub fn page(&self, source: &content::Source, url: &str) -> Rendered {
        self.render(source, &source.body, source.body_line, url, false)
    }

    pub fn lesson(&self, i: usize) -> Rendered {
        let l = &self.course.lessons[i];
        self.page(&l.source, &l.url)
    }

    /// A standalone worksheet's whole body is its worksheet.
    pub fn sheet(&self, i: usize) -> Rendered {
        let s = &self.course.sheets[i];
        let title = s.front.title.replace('"', "”");
        let body = format!(
            "::: {{.worksheet title=\"{title}\"}}\n{}\n:::\n",
            s.source.body
        );
        self.render(
            &s.source,
            &body,
            s.source.body_line.saturating_sub(1).max(1),
            &s.url,
            true,
        )
    }
}

impl Model {
    /// Every page's Markdown diagnostics, and links to fragments that do not exist.
    pub fn markdown_diagnostics(&self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        for r in self
            .lessons
            .iter()
            .chain(&self.sheets)
            .chain(&self.modules)
            .chain(std::iter::once(&self.home))
        {
            diags.extend(r.diags.iter().cloned());
        }
        check_fragments(
            &self.course,
            &self.home,
            &self.modules,
            &self.lessons,
            &mut diags,
        );
        diags
    }

    pub fn site_view(&self, pdf: bool) -> SiteView {
        let config = &self.config;
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            author: config.author.clone(),
            base_url: config.base_url.clone(),
            page_size: config.print.page_size.name(),
            page_size_css: config.print.page_size.css(),
            lesson_count: self.course.lessons.len(),
            worksheet_count: self.worksheet_count(),
            pdf,
            generator: concat!("Trellis ", env!("CARGO_PKG_VERSION")),
        }
    }

    pub fn worksheet_count(&self) -> usize {
        self.lessons
            .iter()
            .chain(&self.sheets)
            .map(|r| r.worksheets.len())
            .sum()
    }

    pub fn pages<'a>(&'a self, renderer: &'a Renderer) -> render::pages::Pages<'a> {
        render::pages::Pages {
            config: &self.config,
            course: &self.course,
            renderer,
            home: &self.home,
            modules: &self.modules,
            lessons: &self.lessons,
            sheets: &self.sheets,
            qr: &self.qr,
        }
    }

    /// Findings only `trellis check` reports, and every external link.
    fn lints(&self) -> (Vec<Diagnostic>, Vec<(PathBuf, markdown::ExternalLink)>) {
        let course = &self.course;
        let mut lints = Vec::new();
        let mut external_links = Vec::new();
        let sources = course
            .lessons
            .iter()
            .zip(&self.lessons)
            .chain(course.sheets.iter().zip(&self.sheets))
            .map(|(l, r)| (&l.source, r))
            .chain(course.modules.iter().map(|m| &m.source).zip(&self.modules))
            .chain(std::iter::once((&course.home.source, &self.home)));
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
        (lints, external_links)
    }
}

/// Every stage, with each output file handed to `sink` as soon as it is rendered.
pub fn render_site(
    opts: &BuildOptions,
    highlighter: &Highlighter,
    pdf: bool,
    sink: &dyn output::Sink,
) -> Result<Site, Failure> {
    let model = model(opts, highlighter)?;
    let mut timer = Timer::new();
    let renderer =
        Renderer::new(&opts.root, &model.config, model.site_view(pdf)).map_err(Failure::Invalid)?;
    timer.lap("templates");
    let pages = model.pages(&renderer);
    let page_count = pages.write_all(sink).map_err(|errors| {
        let mut diags = model.diags.clone();
        diags.extend(errors);
        Failure::Invalid(diags.sorted())
    })?;
    timer.lap("pages");
    let pdf_jobs = if pdf { pages.pdf_jobs() } else { Vec::new() };
    let (lints, external_links) = model.lints();
    let worksheets = model.worksheet_count();
    Ok(Site {
        config: model.config,
        course: model.course,
        diags: model.diags,
        worksheets,
        pages: page_count,
        pdf_jobs,
        lints,
        external_links,
    })
}

/// Stage timings on stderr when `TRELLIS_TIMINGS` is set.
struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    fn new() -> Self {
        Timer {
            on: std::env::var_os("TRELLIS_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }
    fn lap(&mut self, stage: &str) {
        if self.on {
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "timing: {stage}: {} ms (peak memory so far {peak})",
                self.last.elapsed().as_millis()
            );
        }
        self.last = Instant::now();
    }
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
