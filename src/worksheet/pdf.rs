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
        let url = file_url(
            &html
                .canonicalize()
                .with_context(|| format!("cannot find {}", html.display()))?,
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
                    bail!(
                        "{} did not print {} ({status}): {}",
                        self.browser.display(),
                        html.display(),
                        browser_error(&err)
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

/// The `file://` URL of an absolute path, percent-encoded: a `#`, `?` or `%` in a
/// folder name is part of the path, not a fragment, a query or an escape.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/'); // C:/… on Windows
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The line of a browser's stderr that says why it failed, without its log prefix.
/// Chromium logs many errors that do not matter (no D-Bus in a container); they are
/// skipped. With no error line, the last line of output, or a note that there was none.
fn browser_error(stderr: &str) -> String {
    let noise = |l: &str| l.contains(":ERROR:dbus/") || l.contains(":ERROR:bus.cc");
    let message = |l: &str| l.split_once("] ").map_or(l, |(_, m)| m).trim().to_string();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .iter()
        .rev()
        .find(|l| (l.contains(":ERROR:") || l.contains(":FATAL:")) && !noise(l))
        .or_else(|| lines.iter().rev().find(|l| !noise(l)))
        .map_or_else(|| "it wrote no error message".to_string(), |l| message(l))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_hash_and_percent() {
        assert_eq!(
            file_url(Path::new("/tmp/a #b %41/c d/ü.html")),
            "file:///tmp/a%20%23b%20%2541/c%20d/%C3%BC.html"
        );
        assert_eq!(file_url(Path::new("/x/y?z.html")), "file:///x/y%3Fz.html");
    }

    #[test]
    fn browser_errors_skip_the_dbus_noise() {
        let stderr = "/usr/bin/chromium: 9: [: 25276502016: unexpected operator
[29545:29595:1202/001321.409076:ERROR:dbus/bus.cc:405] Failed to connect to the bus: Failed to connect to socket /run/dbus/system_bus_socket: No such file or directory
[29545:29545:1202/001321.875526:ERROR:dbus/object_proxy.cc:572] Failed to call method: org.freedesktop.DBus.NameHasOwner: object_path= /org/freedesktop/DBus: unknown error type:
[29545:29545:1202/001322.276423:ERROR:components/headless/command_handler/headless_command_handler.cc:403] Page load failed: net::ERR_FILE_NOT_FOUND
[29545:29595:1202/001321.452159:ERROR:dbus/bus.cc:405] Failed to connect to the bus: Could not parse server address
";
        assert_eq!(
            browser_error(stderr),
            "Page load failed: net::ERR_FILE_NOT_FOUND"
        );
        assert_eq!(browser_error(""), "it wrote no error message");
        assert_eq!(browser_error("Segmentation fault\n"), "Segmentation fault");
    }
}
