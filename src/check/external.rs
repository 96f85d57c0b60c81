//! `trellis check --external`: each distinct http(s) link requested once, in
//! parallel, with a timeout. Behind the `check-external` feature (on by default).

use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::markdown::ExternalLink;

/// Request each distinct URL once (HEAD, then GET when HEAD is refused).
pub fn check(links: &[(PathBuf, ExternalLink)], timeout: Duration) -> Vec<Diagnostic> {
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
