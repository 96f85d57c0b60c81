//! `trellis check`: every stage of a build without writing, plus the findings a
//! build stays quiet about (alt text, heading levels, objectives) and, on request,
//! external links checked against the network with a timeout.

use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::build::{lints, model, BuildOptions};
use crate::diag::{Diagnostic, Failure};
use crate::markdown::{ExternalLink, Highlighter};

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Also request every external link.
    pub external: bool,
    pub timeout: Option<Duration>,
}

#[derive(Debug)]
pub struct CheckReport {
    pub lessons: usize,
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
    let highlighter = Highlighter::new();
    let (site, templates) = match model(&opts.build, &highlighter) {
        Ok(m) => m,
        Err(Failure::Invalid(diags)) => {
            return Ok(CheckReport {
                lessons: 0,
                findings: diags,
            });
        }
        Err(other) => return Err(other),
    };
    // Render every page into nothing: template errors are findings too.
    let qr = crate::worksheet::QrCache::default();
    let pages = crate::render::pages::Pages::new(&site, &templates, &qr, false);
    let mut findings: Vec<Diagnostic> = site.warnings.clone().sorted();
    if let Err(errors) = pages.write_all(&crate::output::NullSink) {
        findings.extend(errors);
    }
    findings.extend(crate::render::theme::override_findings(
        templates.theme_files(),
    ));
    let (lints, external) = lints(&site);
    findings.extend(lints);
    if opts.external {
        let timeout = opts.timeout.unwrap_or(Duration::from_secs(10));
        findings.extend(check_external(&external, timeout));
    }
    findings.sort();
    findings.dedup();
    Ok(CheckReport {
        lessons: site.course.lessons.len(),
        findings,
    })
}

/// Request each distinct URL once (HEAD, then GET when HEAD is refused).
fn check_external(links: &[(PathBuf, ExternalLink)], timeout: Duration) -> Vec<Diagnostic> {
    let mut urls: Vec<&str> = links.iter().map(|(_, l)| l.url.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let results: Vec<(&str, Option<String>)> =
        urls.par_iter().map(|u| (*u, probe(&agent, u))).collect();
    let mut out = Vec::new();
    for (url, problem) in results {
        let Some(problem) = problem else { continue };
        for (shown, l) in links.iter().filter(|(_, l)| l.url == url) {
            out.push(
                Diagnostic::warning(shown, format!("external link `{url}`: {problem}"))
                    .at(l.line, l.col)
                    .help("fix or remove the link; external sites move"),
            );
        }
    }
    out
}

fn probe(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status =
        |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| r.map(|r| r.status().as_u16());
    let mut result = status(agent.head(url).call());
    if matches!(result, Ok(405) | Ok(501)) {
        result = status(agent.get(url).call());
    }
    match result {
        Ok(code) if code < 400 => None,
        Ok(code) => Some(format!("the server answered {code}")),
        Err(ureq::Error::Timeout(_)) => Some("no answer before the timeout".into()),
        Err(e) => Some(format!("cannot reach it ({e})")),
    }
}
