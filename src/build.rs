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
    let overrides = Overrides {
        base_url: opts.base_url.clone(),
        output_dir: opts.output.clone(),
        pdf: opts.pdf,
    };
    let config = config::load(&opts.root, &overrides).map_err(Failure::Invalid)?;
    let out = output_dir(&opts.root, &config);
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

/// Every stage up to (not including) writing: the whole site in memory.
pub fn render_site(
    opts: &BuildOptions,
    highlighter: &Highlighter,
    pdf: bool,
    sink: &dyn output::Sink,
) -> Result<Site, Failure> {
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
    timer.lap("load content");
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
    timer.lap("markdown");
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
    let pages = render::pages::Pages {
        config: &config,
        course: &course,
        renderer: &renderer,
        home: &home,
        modules: &modules,
        lessons: &lessons,
        sheets: &sheets,
    };
    timer.lap("checks and templates");
    let page_count = match pages.write_all(sink) {
        Ok(n) => n,
        Err(errors) => {
            diags.extend(errors);
            return Err(Failure::Invalid(diags.sorted()));
        }
    };
    timer.lap("pages");
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
        diags,
        worksheets: worksheet_count,
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
            eprintln!("timing: {stage}: {} ms", self.last.elapsed().as_millis());
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
