//! A multilingual course's editions: the default language's model and each
//! translation's in, their pages out — the default at the root, each translation
//! under its own prefix (`es/`), all linked to one another (switcher, hreflang).
//! A course with one language is one edition, written as before.

use std::sync::Arc;

use super::Model;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{Prefixed, Sink};
use crate::render::languages::Languages;
use crate::render::pages::Pages;
use crate::site::Site;
use crate::worksheet::{pdf::PdfJob, QrCache};

/// Every edition's model, the default language first.
pub struct Editions {
    pub default: Model,
    /// (`es/`, model) for each `[languages.es]`.
    pub translations: Vec<(String, Model)>,
}

impl Editions {
    /// Free every lesson's Markdown source: a one-off build has parsed it into
    /// trees and reads it no more (at 5,000 lessons, 43 MB less at the peak).
    pub fn drop_sources(&mut self) {
        let models =
            std::iter::once(&mut self.default).chain(self.translations.iter_mut().map(|(_, m)| m));
        for m in models {
            let course = &mut m.site.course;
            let lessons = course
                .lessons
                .iter_mut()
                .chain(&mut course.sheets)
                .chain(&mut course.pages)
                .chain(&mut course.facilitator_pages);
            for l in lessons {
                l.source.body = String::new();
            }
        }
    }

    /// Every edition's pages with its prefix, linked to each other.
    pub fn pages<'a>(&'a self, qr: &'a QrCache, pdf: bool) -> Vec<(&'a str, Pages<'a>)> {
        pages(&self.default, &self.translations, qr, pdf)
    }

    /// Every edition's warnings, each once.
    pub fn warnings(&self) -> Diagnostics {
        let mut all: Vec<Diagnostic> = self
            .sites()
            .flat_map(|s| s.warnings.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        let mut out = Diagnostics::new();
        out.extend(all);
        out
    }

    /// What the build should say about languages.
    /// Notes for the whole build: the content stage's (one per build, such as keys
    /// mapped from other tools) and missing hreflang links.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = self.default.site.course.notes.clone();
        if self.default.site.config.base_url.is_empty() {
            notes.push("sitemap.xml lists site paths: search engines need whole addresses there; set `base_url` in site.toml or pass `--base-url` when you publish".into());
        }
        if !self.translations.is_empty() && self.default.site.config.base_url.is_empty() {
            notes.push("hreflang links left out: search engines need absolute URLs there; set `base_url` in site.toml".into());
        }
        let site = &self.default.site;
        if site.config.base_url.is_empty() && self.sites().any(|s| !s.worksheets.is_empty()) {
            // Said once per build, in the course's own language.
            let t = &self.default.templates.catalogue;
            notes.push(t.text("note-qr-without-base-url", &[]));
        }
        notes
    }

    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        std::iter::once(&self.default.site).chain(self.translations.iter().map(|(_, m)| &m.site))
    }
}

/// Every edition's pages with its prefix, linked to each other.
pub fn pages<'a>(
    default: &'a Model,
    translations: &'a [(String, Model)],
    qr: &'a QrCache,
    pdf: bool,
) -> Vec<(&'a str, Pages<'a>)> {
    let mut list = vec![("", Pages::new(&default.site, &default.templates, qr, pdf))];
    for (prefix, m) in translations {
        list.push((prefix.as_str(), Pages::new(&m.site, &m.templates, qr, pdf)));
    }
    if list.len() == 1 {
        return list;
    }
    let refs: Vec<(&str, &Pages<'_>)> = list.iter().map(|(p, x)| (*p, x)).collect();
    let languages = Arc::new(Languages::new(&refs, &default.site.config.base_url));
    list.into_iter()
        .enumerate()
        .map(|(i, (p, x))| (p, x.with_languages(languages.clone(), i)))
        .collect()
}

/// Write every edition into `sink`; how many pages, or every template error.
pub fn write_all(pages: &[(&str, Pages<'_>)], sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
    let mut count = 0;
    let mut errors = Vec::new();
    for (prefix, p) in pages {
        let written = if prefix.is_empty() {
            p.write_all(sink)
        } else {
            p.write_all(&Prefixed {
                inner: sink,
                prefix,
            })
        };
        match written {
            Ok(n) => count += n,
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(count)
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// How many files every edition rendered, and how many it kept by their key.
pub fn counted(pages: &[(&str, Pages<'_>)]) -> String {
    use std::sync::atomic::Ordering::Relaxed;
    let (rendered, kept) = pages.iter().fold((0, 0), |(r, k), (_, p)| {
        (
            r + p.counts.rendered.load(Relaxed),
            k + p.counts.kept.load(Relaxed),
        )
    });
    format!("files rendered: {rendered}, kept unrendered: {kept}")
}

/// Every edition's PDFs, each under its prefix.
pub fn pdf_jobs(pages: &[(&str, Pages<'_>)]) -> Vec<PdfJob> {
    pages
        .iter()
        .flat_map(|(prefix, p)| {
            p.pdf_jobs().into_iter().map(move |j| PdfJob {
                html: format!("{prefix}{}", j.html),
                pdf: format!("{prefix}{}", j.pdf),
            })
        })
        .collect()
}

/// Language tags become folders at the top of the site: none may be a name the
/// course already uses there (site.toml checked the tags themselves).
pub fn check_tags(site: &Site) -> Result<(), Diagnostics> {
    let config = &site.config;
    let mut diags = Diagnostics::new();
    let taken: Vec<&str> = site
        .course
        .modules
        .iter()
        .map(|m| m.slug.as_str())
        .chain(
            site.course
                .lessons
                .iter()
                .chain(&site.course.sheets)
                .filter_map(|l| l.url.split('/').next()),
        )
        .chain(crate::content::RESERVED_SLUGS.iter().copied())
        .collect();
    for tag in config.languages.keys() {
        if taken.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            let line = config.language_lines.get(tag).copied().unwrap_or(1);
            diags.push(
                Diagnostic::error(
                    "site.toml",
                    format!("[languages.{tag}]: `{tag}` is also the address of a page of the course (`/{tag}/`)"),
                )
                .at(line, 1)
                .help("a translation is built under `/<tag>/`: give that module or lesson another slug"),
            );
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(())
    }
}
