//! The pipeline, in order — the one place that knows it:
//!
//! config (loaded once) → content → markdown → site index → pages → output.
//!
//! Each stage is a function taking the previous stage's value; [`Timer`] times
//! them (`TRELLIS_TIMINGS=1`). `check` and `serve` run the same stages.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::background::Background;
use crate::cache::docs::DocStore;
use crate::config::{self, Overrides, SiteConfig};
use crate::content::{self, Course};
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::markdown::{self, Doc, Highlighter, LinkIndex};
use crate::output;
use crate::render::pages::Pages;
use crate::render::Templates;
use crate::site::{collisions, Docs, Site};
use crate::worksheet::{self, pdf::Printer, QrCache};

pub mod editions;
mod paginate;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub pdf: bool,
    /// Show progress of long steps (PDFs) on stderr; for terminals only.
    pub progress: bool,
    /// Neither read nor write the build cache beside the output ([`crate::cache`]).
    pub no_cache: bool,
}

impl BuildOptions {
    fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.base_url.clone(),
            output_dir: self.output.clone(),
            pdf: self.pdf,
        }
    }
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

/// Build the site into its output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let mut timer = Timer::new();
    let config = load_config(opts)?;
    let out = output_dir(opts, &config);
    // Refuse a bad output folder before any work; dropped on failure, the staging
    // folder removes itself and the previous site stays untouched. Ctrl-C and
    // SIGTERM remove it too.
    output::clean_up_on_signals().map_err(Failure::Other)?;
    let mut staging =
        output::Staging::begin(&opts.root, &out, !opts.no_cache).map_err(Failure::Other)?;
    let (printer, mut notes) = printer(&config);
    // Chromium starts while the pages render.
    let browser = printer.as_ref().map(Printer::start_in_background);
    let cached = (!opts.no_cache).then(|| out.clone());
    let content_dir = content::content_dir(&opts.root, config.workbench_layout().is_some());
    let reuse = Reuse::from_cache(cached.as_deref(), &content_dir);
    timer.lap("setup");
    let mut editions = editions(opts, config, &reuse, &mut timer)?;
    editions.drop_sources();
    notes.extend(reuse.notes());
    notes.extend(editions.notes());
    let qr = QrCache::default();
    let images = crate::render::images::Images::new(
        &opts.root,
        cached
            .as_deref()
            .map(crate::render::images::Images::dir_for),
    );
    let pages: Vec<_> = editions
        .pages(&qr, browser.is_some())
        .into_iter()
        .map(|(prefix, p)| {
            let p = p.with_images(&images);
            (prefix, p.keeping_search_terms(cached.is_some()))
        })
        .collect();
    let page_count = editions::write_all(&pages, &staging).map_err(|errors| {
        let mut diags = editions.warnings();
        diags.extend(errors);
        Failure::Invalid(diags.sorted())
    })?;
    timer.lap("pages");
    staging.remove_unwritten().map_err(Failure::Other)?;
    timer.lap("stale files swept");
    timer.say(&editions::counted(&pages));
    if let Some(docs) = reuse.docs() {
        timer.say(&docs.trees_read());
    }
    let pdfs = match browser {
        Some(starting) => print_pdfs(starting, &staging, &pages, opts.progress, &mut timer)?,
        None => 0,
    };
    notes.extend(staging.commit().map_err(Failure::Other)?);
    timer.lap("swap");
    images.prune();
    let site = &editions.default.site;
    let report = BuildReport {
        lessons: site.course.lessons.len(),
        worksheets: site.worksheets.len(),
        pages: page_count,
        pdfs,
        output_dir: out,
        warnings: editions.warnings().sorted(),
        notes,
        elapsed: started.elapsed(),
    };
    drop(pages);
    Ok(finish_cache(
        report,
        editions,
        cached.as_deref(),
        reuse,
        &mut timer,
    ))
}

/// Print the PDFs of the staged site with the browser `starting`, and number
/// the packets' pages; how many PDFs were printed.
fn print_pdfs(
    starting: worksheet::pdf::Starting,
    staging: &output::Staging,
    pages: &[(&str, Pages<'_>)],
    progress: bool,
    timer: &mut Timer,
) -> Result<usize, Failure> {
    let browser = starting.wait().map_err(Failure::Other)?;
    let printed = browser
        .print_all(staging.path(), &editions::pdf_jobs(pages), progress)
        .and_then(|n| {
            paginate::packets(&browser, staging.path(), staging, pages)?;
            Ok(n)
        });
    browser.close();
    let pdfs = printed.map_err(Failure::Other)?;
    timer.lap("pdfs");
    Ok(pdfs)
}

/// What parsing takes from earlier work: highlighted code blocks and, in a
/// build with a cache, the last build's parsed pages. The caches are read on
/// a thread of their own while the templates and the content load; parsing
/// waits for them.
pub struct Reuse(Background<Loaded>);

struct Loaded {
    highlighter: Highlighter,
    docs: Option<DocStore>,
    /// The output folder the caches are beside (none: `--no-cache`, or `serve`).
    out: Option<PathBuf>,
    /// A note for each cache that was there but unusable.
    notes: Vec<String>,
}

impl Reuse {
    /// For `serve` and `check`: blocks are kept in memory; nothing is read from disk.
    pub fn in_memory() -> Reuse {
        Reuse(Background::ready(Loaded {
            highlighter: Highlighter::new(),
            docs: None,
            out: None,
            notes: Vec::new(),
        }))
    }

    /// With the caches beside output folder `out` when there is one (`None`:
    /// `--no-cache`), read in the background, with the stamp of the files in
    /// `content_dir` that the parsed pages' keys hold.
    fn from_cache(out: Option<&Path>, content_dir: &Path) -> Reuse {
        let Some(out) = out else {
            return Reuse(Background::ready(Loaded {
                highlighter: Highlighter::for_one_build(),
                docs: None,
                out: None,
                notes: Vec::new(),
            }));
        };
        let (out, content_dir) = (out.to_path_buf(), content_dir.to_path_buf());
        Reuse(Background::start("trellis-cache", move || {
            let mut notes = Vec::new();
            let (stored, note) = crate::cache::load(&crate::cache::path_for(&out));
            notes.extend(note);
            let (docs, note) = DocStore::load(&crate::cache::docs::path_for(&out));
            notes.extend(note);
            docs.stamp_files(&content_dir);
            Loaded {
                highlighter: Highlighter::with_store(stored),
                docs: Some(docs),
                out: Some(out),
                notes,
            }
        }))
    }

    pub fn highlighter(&self) -> &Highlighter {
        &self.0.get().highlighter
    }

    pub fn docs(&self) -> Option<&DocStore> {
        self.0.get().docs.as_ref()
    }

    /// Notes on caches that were there but unusable, or had damaged entries
    /// (made again, never trusted). Call it once the pages are parsed.
    fn notes(&self) -> Vec<String> {
        let loaded = self.0.get();
        let mut notes = loaded.notes.clone();
        let Some(out) = &loaded.out else {
            return notes;
        };
        let damaged = [
            (
                loaded.highlighter.damaged_stored(),
                crate::cache::path_for(out),
                "code blocks",
            ),
            (
                loaded.docs.as_ref().map_or(0, DocStore::damaged),
                crate::cache::docs::path_for(out),
                "pages",
            ),
        ];
        for (n, path, what) in damaged.into_iter().filter(|(n, ..)| *n > 0) {
            notes.push(format!(
                "the build cache {} had {n} damaged {what}; they were made again, not trusted",
                path.display()
            ));
        }
        notes
    }

    fn into_parts(self) -> (Highlighter, Option<DocStore>) {
        let loaded = self.0.into_inner();
        (loaded.highlighter, loaded.docs)
    }
}

/// Free the trees, and write the caches beside output folder `out` when this
/// build used other blocks or pages than it loaded; after the output is in
/// place, so a failed build never touches them.
fn finish_cache(
    mut report: BuildReport,
    editions: editions::Editions,
    out: Option<&Path>,
    reuse: Reuse,
    timer: &mut Timer,
) -> BuildReport {
    let (highlighter, docs) = reuse.into_parts();
    if let (Some(out), Some(docs)) = (out, docs) {
        report
            .notes
            .extend(docs.save(&crate::cache::docs::path_for(out)));
        timer.lap("docs cache");
    }
    let cache = out.map(crate::cache::path_for);
    let rewrite = cache.filter(|p| !highlighter.same_as_store() || !p.is_file());
    if rewrite.is_some() {
        // Free the trees before the cache is written, so the two never add up
        // at the peak.
        drop(editions);
    } else {
        // Nothing more is made: free them on another thread, so the build ends
        // without waiting for hundreds of thousands of small frees. (When no
        // thread can be made, the closure and the trees are dropped right here.)
        let _ = std::thread::Builder::new().spawn(move || drop(editions));
    }
    timer.lap("free");
    if let Some(path) = rewrite {
        report
            .notes
            .extend(crate::cache::save(&path, &highlighter.blocks()));
        timer.lap("cache");
    }
    report
}

/// `site.toml`, with the command line's overrides: loaded once per build.
pub fn load_config(opts: &BuildOptions) -> Result<SiteConfig, Failure> {
    config::load(&opts.root, &opts.overrides()).map_err(Failure::Invalid)
}

/// Every stage before pages, and what `serve` keeps to redo a lesson alone.
pub struct Model {
    pub site: Site,
    pub templates: Templates,
    /// Where each source's links lead; unchanged while the course keeps its shape.
    pub links: LinkIndex,
    /// The content stage's warnings.
    pub content_diags: Diagnostics,
}

/// Templates and content → Markdown → site index, for the course as written.
pub fn model(
    opts: &BuildOptions,
    config: SiteConfig,
    reuse: &Reuse,
    timer: &mut Timer,
) -> Result<Model, Failure> {
    // The templates compile while the content is read.
    let (templates, content) = rayon::join(
        || Templates::load(&opts.root, &config),
        || load_content(opts, &config, None),
    );
    let templates = templates.map_err(Failure::Invalid)?;
    let content = content?;
    timer.lap("templates and content");
    edition_model(opts, config, templates, content, None, reuse, timer)
}

/// A translation's language tag and the default edition's links.
pub type Translation<'a> = (&'a str, &'a LinkIndex);

/// The course's content in language `lang` (`None`: the originals), and the
/// warnings found reading it.
fn load_content(
    opts: &BuildOptions,
    config: &SiteConfig,
    lang: Option<&str>,
) -> Result<(Course, Diagnostics), Failure> {
    let tags: Vec<String> = config.languages.keys().cloned().collect();
    let edition = content::Edition {
        lang,
        tags: &tags,
        workbench: config.workbench_layout(),
    };
    content::load_edition(&opts.root, opts.drafts, edition, config.compat())
        .map_err(|d| Failure::Invalid(d.sorted()))
}

/// Markdown → site index of one edition's content: the originals (`lang` is
/// `None`) or one translation, written with `templates`.
pub fn edition_model(
    opts: &BuildOptions,
    config: SiteConfig,
    templates: Templates,
    (course, content_diags): (Course, Diagnostics),
    lang: Option<Translation<'_>>,
    reuse: &Reuse,
    timer: &mut Timer,
) -> Result<Model, Failure> {
    let sources = content::content_dir(&opts.root, config.workbench_layout().is_some());
    let mut links = LinkIndex::new(&sources, &course);
    if let Some((tag, original)) = lang {
        links.alias_translations(tag, original);
    }
    let docs = Parser {
        links: &links,
        highlighter: reuse.highlighter(),
        store: reuse.docs().map(|d| (d, d.edition_stamp(&links, &sources))),
    }
    .all(&course);
    timer.lap("markdown");
    let site = Site::new(config, course, docs, content_diags.clone())
        .map_err(|d| Failure::Invalid(d.sorted()))?;
    timer.lap("index");
    one_writer_per_path(&site, &templates, &opts.root).map_err(|d| Failure::Invalid(d.sorted()))?;
    timer.lap("paths checked");
    Ok(Model {
        site,
        templates,
        links,
        content_diags,
    })
}

/// The course in every language site.toml lists: the default edition and each
/// translation's.
pub fn editions(
    opts: &BuildOptions,
    config: SiteConfig,
    reuse: &Reuse,
    timer: &mut Timer,
) -> Result<editions::Editions, Failure> {
    let default = model(opts, config, reuse, timer)?;
    let mut translations = Vec::new();
    let config = &default.site.config;
    editions::check_tags(&default.site).map_err(|d| Failure::Invalid(d.sorted()))?;
    for tag in config.languages.keys() {
        let config = config.for_language(tag);
        let templates = default
            .templates
            .for_language(&config)
            .map_err(Failure::Invalid)?;
        let content = load_content(opts, &config, Some(tag))?;
        timer.lap("content");
        let lang = Some((tag.as_str(), &default.links));
        let m = edition_model(opts, config, templates, content, lang, reuse, timer)?;
        translations.push((format!("{tag}/"), m));
    }
    if let Some(docs) = reuse.docs() {
        timer.say(&docs.counted());
    }
    Ok(editions::Editions {
        default,
        translations,
    })
}

/// Every path of the built site has one source (pages, theme files, assets, PDFs).
pub fn one_writer_per_path(
    site: &Site,
    templates: &Templates,
    root: &Path,
) -> Result<(), Diagnostics> {
    let pdf = site.config.print.pdf;
    let qr = QrCache::default();
    collisions::check(&Pages::new(site, templates, &qr, pdf), root, pdf).map_err(|errors| {
        let mut diags = site.warnings.clone();
        diags.extend(errors);
        diags
    })
}

/// Parses pages' Markdown against one course's links.
pub struct Parser<'a> {
    pub links: &'a LinkIndex,
    pub highlighter: &'a Highlighter,
    /// The build cache's parsed pages, and the course-wide part of their keys
    /// ([`DocStore::edition_stamp`]).
    pub store: Option<(&'a DocStore, u128)>,
}

impl Parser<'_> {
    /// One page's Markdown at `url`: the build cache's doc when its key is
    /// there, else parsed now.
    pub fn page(&self, source: &content::Source, url: &str, standalone: bool) -> Arc<Doc> {
        let Some((store, stamp)) = self.store else {
            return self.parse(source, url, standalone);
        };
        let key = DocStore::key(stamp, source, url, standalone);
        let (doc, parsed) = match store.get(key) {
            Some(doc) => {
                self.reuse_code(&doc);
                (Arc::new(doc), false)
            }
            None => (self.parse(source, url, standalone), true),
        };
        store.keep(key, &doc, parsed);
        doc
    }

    /// A cached page's code blocks count as used, as if highlighted again: the
    /// body's by their keys (its tree stays unread), the notes' from the trees.
    fn reuse_code(&self, doc: &Doc) {
        for &key in &doc.code.blocks {
            self.highlighter.reuse_stored(key);
        }
        for tree in &doc.notes {
            markdown::tree::walk(tree, &mut |n| {
                if let markdown::tree::Node::Code(c) = n {
                    self.highlighter.reuse(&c.lang, &c.text, &c.html);
                }
            });
        }
    }

    fn parse(&self, source: &content::Source, url: &str, standalone: bool) -> Arc<Doc> {
        let cx = markdown::Context {
            shown: &source.shown,
            source: &source.path,
            body_line: source.body_line,
            page_url: url,
            links: self.links,
            highlighter: self.highlighter,
            standalone,
        };
        Arc::new(markdown::parse(&source.body, &cx))
    }

    /// A lesson's page.
    pub fn lesson(&self, l: &content::Lesson) -> Arc<Doc> {
        self.page(&l.source, &l.url, false)
    }

    /// A standalone worksheet's whole body is its worksheet.
    pub fn sheet(&self, s: &content::Lesson) -> Arc<Doc> {
        let title = s.front.title.replace('"', "”");
        let mut source = s.source.clone();
        source.body = format!(
            "::: {{.worksheet title=\"{title}\"}}\n{}\n:::\n",
            s.source.body
        );
        source.body_line = s.source.body_line.saturating_sub(1).max(1);
        self.page(&source, &s.url, true)
    }

    /// Every page of the course, in parallel.
    pub fn all(&self, course: &Course) -> Docs {
        Docs {
            home: self.page(&course.home.source, "", false),
            modules: course
                .modules
                .par_iter()
                .map(|m| self.page(&m.source, &format!("{}/", m.slug), false))
                .collect(),
            lessons: course.lessons.par_iter().map(|l| self.lesson(l)).collect(),
            sheets: course.sheets.par_iter().map(|s| self.sheet(s)).collect(),
            pages: course.pages.par_iter().map(|l| self.lesson(l)).collect(),
            facilitator_pages: course
                .facilitator_pages
                .par_iter()
                .map(|l| self.lesson(l))
                .collect(),
        }
    }
}

/// A browser for PDFs when they are asked for, and a note when none is found.
fn printer(config: &SiteConfig) -> (Option<Printer>, Vec<String>) {
    if !config.print.pdf {
        return (None, Vec::new());
    }
    match worksheet::pdf::Printer::find(config.print.browser.as_deref()) {
        Some(p) => (Some(p), Vec::new()),
        None => (
            None,
            vec![
                "PDFs skipped: no Chromium or Chrome found; the site has no PDF links \
                 (install one, put it on PATH, or set `browser` under [print] in site.toml)"
                    .to_string(),
            ],
        ),
    }
}

/// `--output` is relative to where the command runs; `output_dir` to the course.
fn output_dir(opts: &BuildOptions, config: &SiteConfig) -> PathBuf {
    match &opts.output {
        Some(o) => o.clone(),
        None => config_output_dir(&opts.root, config),
    }
}

pub fn config_output_dir(root: &Path, config: &SiteConfig) -> PathBuf {
    if config.output_dir.is_absolute() || root == Path::new(".") {
        config.output_dir.clone()
    } else {
        root.join(&config.output_dir)
    }
}

/// Findings only `trellis check` reports, and every external link.
pub fn lints(site: &Site) -> (Vec<Diagnostic>, Vec<(PathBuf, markdown::ExternalLink)>) {
    let mut lints = Vec::new();
    let mut external = Vec::new();
    for (source, doc) in site.sources_and_docs() {
        lints.extend(doc.lints.iter().cloned());
        external.extend(
            doc.external_links
                .iter()
                .map(|e| (source.shown.clone(), e.clone())),
        );
    }
    for (l, doc) in site.course.lessons.iter().zip(&site.lessons) {
        // A Workbench lesson writes its objectives as a `::: objectives` block.
        let in_body = doc
            .body
            .iter()
            .any(|n| matches!(n, markdown::tree::Node::Block(b) if b.name == "objectives"));
        if l.front.objectives.is_empty() && !in_body {
            lints.push(
                Diagnostic::warning(&l.source.shown, "lesson has no objectives")
                    .at(l.source.front_line, 1)
                    .help("add `objectives = [\"…\"]`: learners and facilitators use them to see where a lesson leads"),
            );
        }
    }
    (lints, external)
}

/// Stage timings on stderr when `TRELLIS_TIMINGS` is set.
pub struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    pub fn new() -> Self {
        Timer {
            on: std::env::var_os("TRELLIS_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Say `what` beside the stage timings.
    pub fn say(&self, what: &str) {
        if self.on {
            eprintln!("timing: {what}");
        }
    }

    pub fn lap(&mut self, stage: &str) {
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

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}
