//! Lighthouse 12 with mobile emulation on a course built with `--base-url` and served
//! over HTTP at that path: home, a lesson, a worksheet and a run sheet score 100 in
//! accessibility, best practices and SEO. Run sheets ask search engines to skip them,
//! so their crawlability audit is left out; every other SEO audit must pass there.
//! Performance depends on the machine's load: bench/run.py --lighthouse measures it.
//!
//! Lighthouse comes from `tools/lighthouse` (`npm ci --prefix tools/lighthouse`; `.ci/run`
//! does it) and drives Debian's Chromium. Without either, the trial reports *ignored*;
//! with `TRELLIS_REQUIRE_TOOLS=1` or `TRELLIS_REQUIRE_BROWSER=1` it fails instead.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::Value;
use support::server::{StaticServer, PREFIX};
use support::*;

fn main() {
    let args = Arguments::from_args();
    let trials = vec![Trial::ignorable_test(
        "home_lesson_worksheet_and_run_sheet_score_100_in_accessibility_best_practices_and_seo",
        audit_four_pages,
    )];
    libtest_mimic::run(&args, trials).exit();
}

const CATEGORIES: [&str; 3] = ["accessibility", "best-practices", "seo"];

/// The four pages, and the audits each may skip.
const PAGES: [(&str, &str, &[&str]); 4] = [
    ("home", "index.html", &[]),
    ("lesson", LESSON, &[]),
    ("worksheet", WORKSHEET, &[]),
    (
        "runsheet",
        "facilitator/foundations/responding-consistently/index.html",
        &["is-crawlable"],
    ),
];

fn lighthouse_bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/lighthouse/node_modules/.bin/lighthouse")
}

fn required() -> bool {
    ["TRELLIS_REQUIRE_TOOLS", "TRELLIS_REQUIRE_BROWSER"]
        .iter()
        .any(|v| std::env::var(v).as_deref() == Ok("1"))
}

fn audit_four_pages() -> Result<Completion, Failed> {
    let chromium = trellis::worksheet::pdf::Printer::find(None).map(|p| p.browser);
    let node = Command::new("node").arg("--version").output().is_ok();
    let (Some(chromium), true, true) = (chromium, node, lighthouse_bin().is_file()) else {
        let why = "Lighthouse needs Node.js, Chromium and `npm ci --prefix tools/lighthouse`";
        if required() {
            return Err(format!("{why} (TRELLIS_REQUIRE_TOOLS=1)").into());
        }
        return Ok(Completion::ignored_with(why));
    };
    // Serve first, so the course can be built with the address it is served at.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("public");
    std::fs::create_dir_all(&site).unwrap();
    let server = StaticServer::start(&site);
    let base = format!("{}{PREFIX}", server.origin);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = trellis(
        repo,
        &[
            "build",
            "--quiet",
            "--output",
            site.to_str().unwrap(),
            "--base-url",
            &base,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut problems = Vec::new();
    for (kind, rel, skipped) in PAGES {
        let report = run_lighthouse(&chromium, &server.url(rel), dir.path(), kind)?;
        problems.extend(
            failures(&report, skipped)
                .into_iter()
                .map(|f| format!("{kind}: {f}")),
        );
    }
    if problems.is_empty() {
        Ok(Completion::Completed)
    } else {
        Err(problems.join("\n").into())
    }
}

/// One Lighthouse run (mobile emulation, its default) over the three categories.
fn run_lighthouse(chromium: &Path, url: &str, tmp: &Path, kind: &str) -> Result<Value, Failed> {
    let path = tmp.join(format!("{kind}.json"));
    let out = Command::new(lighthouse_bin())
        .arg(url)
        .arg(format!("--only-categories={}", CATEGORIES.join(",")))
        .args(["--output=json", "--quiet", "--max-wait-for-load=60000"])
        .arg(format!("--output-path={}", path.display()))
        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage")
        .env("CHROME_PATH", chromium)
        .output()
        .map_err(|e| format!("running lighthouse: {e}"))?;
    if !out.status.success() {
        return Err(format!("lighthouse on {url} failed:\n{}", stderr(&out)).into());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text).map_err(|e| format!("lighthouse report: {e}"))?)
}

/// Each category under 100, and each audit in it that did not pass (except `skipped`).
fn failures(report: &Value, skipped: &[&str]) -> Vec<String> {
    if let Some(e) = report["runtimeError"]["message"].as_str() {
        return vec![format!("runtime error: {e}")];
    }
    let mut out = Vec::new();
    for cat in CATEGORIES {
        let c = &report["categories"][cat];
        let mut failed = Vec::new();
        for r in c["auditRefs"].as_array().into_iter().flatten() {
            let id = r["id"].as_str().unwrap_or("");
            let audit = &report["audits"][id];
            let weighed = r["weight"].as_f64().unwrap_or(0.0) > 0.0;
            let passed = audit["score"].is_null() || audit["score"].as_f64() == Some(1.0);
            if weighed && !passed && !skipped.contains(&id) {
                failed.push(format!("{id} ({})", audit["title"].as_str().unwrap_or("")));
            }
        }
        // A score under 100 comes from a failed audit with weight; one that is
        // skipped on purpose (a run sheet's crawlability) does not count.
        if !failed.is_empty() {
            let score = c["score"].as_f64().unwrap_or(0.0) * 100.0;
            out.push(format!("{cat} {score:.0}: {}", failed.join(", ")));
        }
    }
    out
}
