//! `trellis check`: every stage of a build without writing, plus the findings a
//! build stays quiet about (alt text, heading levels, objectives) and, on request,
//! external links checked against the network with a timeout. A multilingual
//! course is checked in every language, with its missing translations.

use std::path::PathBuf;
use std::time::Duration;

use crate::build::{editions, lints, load_config, BuildOptions, Model, Timer};
use crate::diag::{Diagnostic, Failure};
use crate::markdown::ExternalLink;

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Also request every external link.
    pub external: bool,
    pub timeout: Option<Duration>,
}

/// What a check went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// `site.toml` has errors, so nothing else was checked.
    Config,
    /// The lessons of the course (drafts only with `--drafts`).
    Lessons(usize),
    /// The course has errors, so no site was built: the lesson files found, drafts too.
    LessonFiles(usize),
}

#[derive(Debug)]
pub struct CheckReport {
    pub checked: Checked,
    /// Sorted: errors and warnings together, by file and line.
    pub findings: Vec<Diagnostic>,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

pub fn check(opts: &CheckOptions) -> Result<CheckReport, Failure> {
    let reuse = crate::build::Reuse::in_memory();
    let config = match load_config(&opts.build) {
        Ok(c) => c,
        Err(Failure::Invalid(findings)) => {
            return Ok(CheckReport {
                checked: Checked::Config,
                findings,
            });
        }
        Err(other) => return Err(other),
    };
    let editions = match editions(&opts.build, config, &reuse, &mut Timer::new()) {
        Ok(m) => m,
        Err(Failure::Invalid(findings)) => {
            let files = crate::content::count_lesson_files(&opts.build.root);
            return Ok(CheckReport {
                checked: Checked::LessonFiles(files),
                findings,
            });
        }
        Err(other) => return Err(other),
    };
    // Render every page into nothing: template errors are findings too.
    let qr = crate::worksheet::QrCache::default();
    let pages = editions.pages(&qr, false);
    let mut findings: Vec<Diagnostic> = editions.warnings().sorted();
    if let Err(errors) = crate::build::editions::write_all(&pages, &crate::output::NullSink) {
        findings.extend(errors);
    }
    let Model {
        site, templates, ..
    } = &editions.default;
    let others: Vec<(&str, &crate::site::Site)> = editions
        .translations
        .iter()
        .map(|(prefix, m)| (prefix.trim_end_matches('/'), &m.site))
        .collect();
    findings.extend(translations::findings(site, &others));
    findings.extend(crate::render::theme::override_findings(
        templates.theme_files(),
    ));
    let (lints, external) = lints(site);
    findings.extend(lints);
    if opts.external {
        let timeout = opts.timeout.unwrap_or(Duration::from_secs(10));
        findings.extend(external_links(&external, timeout)?);
    }
    findings.sort();
    findings.dedup();
    Ok(CheckReport {
        checked: Checked::Lessons(site.course.lessons.len()),
        findings,
    })
}

#[cfg(feature = "check-external")]
mod external;
mod translations;

#[cfg(feature = "check-external")]
fn external_links(
    links: &[(PathBuf, ExternalLink)],
    timeout: Duration,
) -> Result<Vec<Diagnostic>, Failure> {
    Ok(external::check(links, timeout))
}

#[cfg(not(feature = "check-external"))]
fn external_links(_: &[(PathBuf, ExternalLink)], _: Duration) -> Result<Vec<Diagnostic>, Failure> {
    Err(Failure::Other(anyhow::anyhow!(
        "this trellis was built without the `check-external` feature, so it cannot request links; install it with the default features"
    )))
}
