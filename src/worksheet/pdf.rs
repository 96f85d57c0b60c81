//! PDFs by printing our own HTML in headless Chromium/Chrome, so the print CSS is
//! the single source of layout. No browser found: the build goes on without PDFs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;

/// Executable names tried on PATH, in order.
pub const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// How long one page may take to print.
const TIMEOUT: Duration = Duration::from_secs(90);

#[derive(Debug, Clone)]
pub struct Printer {
    pub browser: PathBuf,
}

/// One page to print: its HTML file and the PDF to write, both site-relative.
#[derive(Debug, Clone)]
pub struct PdfJob {
    pub html: String,
    pub pdf: String,
}

impl Printer {
    /// The configured browser, `TRELLIS_BROWSER`, or the first candidate on PATH.
    pub fn find(configured: Option<&str>) -> Option<Printer> {
        let wanted = configured.map(str::to_string).or_else(|| {
            std::env::var("TRELLIS_BROWSER")
                .ok()
                .filter(|s| !s.is_empty())
        });
        if let Some(c) = wanted {
            let p = Path::new(&c);
            if p.components().count() > 1 {
                return p.is_file().then(|| Printer {
                    browser: p.to_path_buf(),
                });
            }
            return which(&c).map(|browser| Printer { browser });
        }
        CANDIDATES
            .iter()
            .find_map(|c| which(c))
            .map(|browser| Printer { browser })
    }

    /// Print every job from the site folder `site` (in parallel, one profile each).
    pub fn print_all(&self, site: &Path, jobs: &[PdfJob], progress: bool) -> Result<usize> {
        let done = std::sync::atomic::AtomicUsize::new(0);
        jobs.par_iter().try_for_each(|j| {
            self.print(&site.join(&j.html), &site.join(&j.pdf))?;
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if progress {
                eprint!("\rprinting PDFs: {n}/{}", jobs.len());
                if n == jobs.len() {
                    eprintln!();
                }
            }
            Ok::<(), anyhow::Error>(())
        })?;
        Ok(jobs.len())
    }

    /// Print one HTML file to PDF with the page's own CSS page size.
    pub fn print(&self, html: &Path, pdf: &Path) -> Result<()> {
        let profile = tempfile::Builder::new()
            .prefix("trellis-chromium-")
            .tempdir()
            .context("cannot create a browser profile folder")?;
        let url = format!(
            "file://{}",
            html.canonicalize()
                .with_context(|| format!("cannot find {}", html.display()))?
                .display()
        );
        let mut cmd = Command::new(&self.browser);
        cmd.args([
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--mute-audio",
            "--run-all-compositor-stages-before-draw",
        ]);
        if running_as_root() {
            // Chromium refuses to start as root inside its sandbox.
            cmd.arg("--no-sandbox");
        }
        cmd.arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .with_context(|| format!("cannot start {}", self.browser.display()))?;
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait()? {
                let ok = pdf.metadata().map(|m| m.len() > 0).unwrap_or(false);
                if !ok {
                    let mut err = String::new();
                    if let Some(mut s) = child.stderr.take() {
                        use std::io::Read;
                        let _ = s.read_to_string(&mut err);
                    }
                    let tail: Vec<&str> = err.lines().rev().take(5).collect();
                    bail!(
                        "{} did not print {} ({status}): {}",
                        self.browser.display(),
                        html.display(),
                        tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
                    );
                }
                return Ok(());
            }
            if started.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "{} took longer than {}s to print {}",
                    self.browser.display(),
                    TIMEOUT.as_secs(),
                    html.display()
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}
