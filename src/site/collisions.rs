//! Every path of the built site has one writer. In: the pages to render (their
//! jobs, support files and the assets their Markdown links to). Out: an error for
//! each path two sources would write — an asset at `content/01-m/a/index.html`
//! would silently replace the lesson page there — and for each file that sits
//! where another needs a folder. Checked before anything is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{rel, Diagnostic};
use crate::output::Contents;
use crate::render::pages::{Job, Pages};
use crate::site::{Owner, PageId};

/// Who writes a path, as the author would name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Writer {
    /// How easily the author can move it: assets first, generated pages last.
    rank: u8,
    /// The file to name in the diagnostic, if there is one.
    file: Option<PathBuf>,
    what: String,
}

/// Every output path with its writers, in a stable order.
fn claims(pages: &Pages, root: &Path, pdf: bool) -> BTreeMap<String, Vec<Writer>> {
    let mut claims: BTreeMap<String, Vec<Writer>> = BTreeMap::new();
    let assets = assets(pages, root);
    let asset_files: BTreeSet<(&str, &Path)> = assets
        .keys()
        .map(|(dest, source)| (dest.as_str(), source.as_path()))
        .collect();
    for ((dest, source), from) in &assets {
        let shown = rel(root, source);
        claims.entry(dest.clone()).or_default().push(Writer {
            rank: 0,
            what: format!("{} (linked from {})", shown.display(), from.display()),
            file: Some(shown),
        });
    }
    for f in pages.support_listing() {
        let writer = match &f.contents {
            Contents::Copy(src) if asset_files.contains(&(f.path.as_str(), src.as_path())) => {
                continue
            }
            Contents::Copy(src) => {
                let shown = rel(root, src);
                Writer {
                    rank: 1,
                    what: format!("the theme file {}", shown.display()),
                    file: Some(shown),
                }
            }
            Contents::Bytes(_) => generated(format!("Trellis's own `{}`", f.path)),
        };
        claims.entry(f.path).or_default().push(writer);
    }
    for job in pages.jobs() {
        claims
            .entry(pages.job_path(job))
            .or_default()
            .push(page_writer(pages, job));
    }
    if pdf {
        for j in pages.pdf_jobs() {
            let html = generated(format!("the PDF of `{}`", j.html));
            claims.entry(j.pdf).or_default().push(html);
        }
    }
    claims
}

/// Each asset (site path, source file) once, with the first page that links to it.
fn assets(pages: &Pages, root: &Path) -> BTreeMap<(String, PathBuf), PathBuf> {
    let mut assets = BTreeMap::new();
    for (source, doc) in pages.site.sources_and_docs() {
        for a in &doc.assets {
            assets
                .entry((a.dest.clone(), a.source.clone()))
                .or_insert_with(|| rel(root, &source.shown));
        }
    }
    assets
}

fn generated(what: String) -> Writer {
    Writer {
        rank: 3,
        file: None,
        what,
    }
}

fn page_writer(pages: &Pages, job: Job) -> Writer {
    let course = &pages.site.course;
    let (what, source) = match job {
        Job::Page(PageId::Home) => ("the home page of", &course.home.source),
        Job::Page(PageId::Module(m)) => ("the module page of", &course.modules[m].source),
        Job::Page(PageId::Lesson(i)) => ("the lesson page of", &course.lessons[i].source),
        Job::Page(PageId::RunSheet(i)) => ("the run sheet of", &course.lessons[i].source),
        Job::Page(PageId::Page(i)) => ("the page of", &course.pages[i].source),
        Job::Page(PageId::FacilitatorPage(i)) => {
            ("the page of", &course.facilitator_pages[i].source)
        }
        Job::Page(PageId::Worksheet(k)) => {
            let owner = pages.site.worksheets[k].owner;
            let lesson = match owner {
                Owner::Lesson(i) => &course.lessons[i],
                Owner::Sheet(s) => &course.sheets[s],
            };
            ("the worksheet page of", &lesson.source)
        }
        other => {
            let what = match other {
                Job::Search => "the search page",
                Job::NotFound => "the 404 page",
                Job::Packet(_) => "the worksheet packet",
                Job::Print(_) => "the print page",
                Job::SearchIndex => "the search index",
                Job::Guide => "the facilitator guide",
                _ => "the sitemap",
            };
            return generated(what.to_string());
        }
    };
    Writer {
        rank: 2,
        what: format!("{what} {}", source.shown.display()),
        file: Some(source.shown.clone()),
    }
}

/// An error per path with two writers, and per file that sits where a folder must.
pub fn check(pages: &Pages, root: &Path, pdf: bool) -> Result<(), Vec<Diagnostic>> {
    let claims = claims(pages, root, pdf);
    let mut errors = Vec::new();
    for (path, writers) in &claims {
        let mut writers = writers.clone();
        writers.sort();
        if let [a, b, ..] = writers.as_slice() {
            errors.push(
                diagnostic(
                    a,
                    b,
                    format!(
                        "`{path}` would be written twice: by {} and by {}",
                        a.what, b.what
                    ),
                )
                .help("rename or move one of them: each path of the built site has one source"),
            );
        }
        let mut folder = path.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            folder = parent;
            if let Some(file) = claims.get(folder).and_then(|w| w.iter().min()) {
                let needs = writers.iter().min().expect("a claim has a writer");
                errors.push(
                    diagnostic(
                        file,
                        needs,
                        format!(
                            "`{folder}` would be a file, written by {}, and a folder, for `{path}` of {}",
                            file.what, needs.what
                        ),
                    )
                    .help("rename or move the file: a built site cannot hold a file and a folder of one name"),
                );
            }
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort();
    errors.dedup();
    Err(errors)
}

/// Reported at the file of the writer the author can most easily change.
fn diagnostic(a: &Writer, b: &Writer, message: String) -> Diagnostic {
    let file = [a, b]
        .into_iter()
        .filter_map(|w| w.file.clone().map(|f| (w.rank, f)))
        .min()
        .map(|(_, f)| f)
        .unwrap_or_else(|| PathBuf::from("content"));
    Diagnostic::error(file, message)
}
