//! PDFs by printing our own HTML in headless Chromium/Chrome, so the print CSS is
//! the single source of layout: HTML files in, PDF files out. One browser per build
//! prints every page, in parallel tabs. No browser found: the build goes on without
//! PDFs.
//!
//! The API, for the build and for anything else that prints:
//!
//! ```no_run
//! # use std::path::Path;
//! # use trellis::worksheet::pdf::{Printer, PrintOptions};
//! let printer = Printer::find(None).expect("a Chromium or Chrome");
//! let browser = printer.start()?; // one browser, started once
//! browser.print(Path::new("public/a.html"), Path::new("public/a.pdf"), &PrintOptions::default())?;
//! browser.close();
//! # Ok::<(), anyhow::Error>(())
//! ```

#[cfg(unix)]
mod chromium;
#[cfg(unix)]
mod devtools;
// Untested: Windows has no fds 3 and 4 to give Chromium, so there one browser
// process prints each page with `--print-to-pdf`, as Trellis did before.
mod base64;
#[cfg(not(unix))]
#[path = "oneshot.rs"]
mod chromium;
pub mod dests;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};

use chromium::{Chromium, LaunchError};

/// Executable names tried on PATH, in order.
pub const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Flags of every browser we start: headless, and nothing that reaches the network
/// or a user's profile on its own. (`--no-pdf-header-footer` and
/// `--run-all-compositor-stages-before-draw` belong to `--print-to-pdf` alone: with
/// DevTools, Chromium 156's page process dies on the first navigation.)
const FLAGS: &[&str] = &[
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
];

/// Fault injection, read only by tests: the site path of a page whose print loads
/// a file that does not exist, so Chromium itself fails.
const FAULT_ENV: &str = "TRELLIS_TEST_PRINT_FAULT";

/// A browser that can print: found, not yet started.
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

/// How to print one page. The page's CSS sets the paper (`preferCSSPageSize`);
/// backgrounds print; Chromium adds no header or footer.
#[derive(Debug, Clone)]
pub struct PrintOptions {
    /// How long one page may take, from opening its tab to the PDF.
    pub timeout: Duration,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            timeout: Duration::from_secs(90),
        }
    }
}

/// A running browser. Print with [`Browser::print`] from any number of threads;
/// each print gets its own tab. Dropped or closed, the browser quits.
pub struct Browser {
    chromium: Chromium,
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

    /// Start the browser. Where its sandbox cannot start (user namespaces refused,
    /// as on Ubuntu 24.04 with AppArmor), start it once more without, and say so
    /// once on stderr: it only ever opens our own local files. As root Chromium
    /// refuses its sandbox, so there it starts without at once.
    pub fn start(&self) -> Result<Browser> {
        let chromium = match Chromium::launch(&self.browser, !running_as_root()) {
            Ok(c) => c,
            Err(LaunchError::NoSandbox(why)) => {
                static SAID: AtomicBool = AtomicBool::new(false);
                if !SAID.swap(true, Ordering::Relaxed) {
                    eprintln!("note: {}", no_sandbox_note(&why));
                }
                Chromium::launch(&self.browser, false).map_err(LaunchError::into_error)?
            }
            Err(e) => return Err(e.into_error()),
        };
        Ok(Browser { chromium })
    }

    /// [`Printer::start`] on another thread, so the browser starts while the build
    /// renders pages.
    pub fn start_in_background(&self) -> Starting {
        let printer = self.clone();
        Starting {
            thread: Some(std::thread::spawn(move || printer.start())),
        }
    }
}

impl Browser {
    /// Print one HTML file to a PDF file.
    pub fn print(&self, html: &Path, pdf: &Path, options: &PrintOptions) -> Result<()> {
        let html = html
            .canonicalize()
            .with_context(|| format!("cannot find {}", html.display()))?;
        self.print_url(&file_url(&html), pdf, options)
    }

    fn print_url(&self, url: &str, pdf: &Path, options: &PrintOptions) -> Result<()> {
        let bytes = self.chromium.print_url(url, options)?;
        if !bytes.starts_with(b"%PDF") {
            return Err(anyhow!("Chromium's answer is not a PDF"));
        }
        std::fs::write(pdf, bytes).with_context(|| format!("cannot write {}", pdf.display()))
    }

    /// Print every job from the site folder `site`, as many at once as there are
    /// cores. The first failure (in job order) is the error, naming its page.
    pub fn print_all(&self, site: &Path, jobs: &[PdfJob], progress: bool) -> Result<usize> {
        let site = site
            .canonicalize()
            .with_context(|| format!("cannot find {}", site.display()))?;
        let fault = std::env::var(FAULT_ENV).ok();
        let options = PrintOptions::default();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let failed: Mutex<Option<(usize, anyhow::Error)>> = Mutex::new(None);
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(jobs.len());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() || lock(&failed).is_some() {
                        return;
                    }
                    let job = &jobs[i];
                    let mut html = job.html.clone();
                    if fault.as_deref() == Some(job.html.as_str()) {
                        html.push_str(".missing");
                    }
                    let url = file_url(&site.join(&html));
                    match self.print_url(&url, &site.join(&job.pdf), &options) {
                        Ok(()) => {
                            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                            if progress {
                                eprint!("\rprinting PDFs: {n}/{}", jobs.len());
                                if n == jobs.len() {
                                    eprintln!();
                                }
                            }
                        }
                        Err(e) => {
                            let mut f = lock(&failed);
                            if f.as_ref().is_none_or(|(j, _)| i < *j) {
                                *f = Some((
                                    i,
                                    e.context(format!("cannot print {} to PDF", job.html)),
                                ));
                            }
                        }
                    }
                });
            }
        });
        match failed
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            Some((_, e)) => Err(e),
            None => Ok(jobs.len()),
        }
    }

    /// Ask the browser to quit and wait for it.
    pub fn close(self) {
        self.chromium.close();
    }
}

/// A browser on its way up; see [`Printer::start_in_background`].
pub struct Starting {
    thread: Option<std::thread::JoinHandle<Result<Browser>>>,
}

impl Starting {
    /// The started browser, or why it did not start.
    pub fn wait(mut self) -> Result<Browser> {
        let thread = self.thread.take().expect("waited once");
        thread
            .join()
            .unwrap_or_else(|_| Err(anyhow!("the thread starting Chromium panicked")))
    }
}

impl Drop for Starting {
    /// A build that fails first still waits for its browser, to close it and remove
    /// its profile folder.
    fn drop(&mut self) {
        if let Some(Ok(browser)) = self.thread.take().and_then(|t| t.join().ok()) {
            browser.close();
        }
    }
}

/// What the build says when it prints without Chromium's sandbox: the first
/// sentence of Chromium's own reason.
fn no_sandbox_note(why: &str) -> String {
    let first = why.split_inclusive(['!', '.']).next().unwrap_or(why).trim();
    format!(
        "printing PDFs without Chromium's sandbox, which cannot start here \
         (Chromium: \"{first}\"); it only opens this build's own pages"
    )
}

impl LaunchError {
    fn into_error(self) -> anyhow::Error {
        match self {
            LaunchError::NoSandbox(why) => anyhow!("Chromium cannot start its sandbox: {why}"),
            LaunchError::Other(e) => e,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
    // A fatal line is why it quit; errors after it are its helpers dying too.
    lines
        .iter()
        .find(|l| l.contains(":FATAL:"))
        .or_else(|| {
            let error = |l: &&&str| l.contains(":ERROR:") && !noise(l);
            lines.iter().rev().find(error)
        })
        .or_else(|| lines.iter().rev().find(|l| !noise(l)))
        .map_or_else(|| "it wrote no error message".to_string(), |l| message(l))
}

/// Chromium's own words, when its stderr says it quit because its sandbox cannot
/// start. Two cases, by whether the `chromium-sandbox` helper is installed:
/// - without it, user namespaces refused: "No usable sandbox! …";
/// - with it, but a parent set `PR_SET_NO_NEW_PRIVS` (containers, systemd units)
///   or its helper is not setuid root: "The setuid sandbox is not running as
///   root. …", then a failed check in the zygote host.
fn sandbox_failure(stderr: &str) -> Option<String> {
    const SIGNS: [&str; 3] = [
        "No usable sandbox",
        "The setuid sandbox is not running as root",
        "Failed to move to new namespace",
    ];
    let line = stderr
        .lines()
        .find(|l| SIGNS.iter().any(|sign| l.contains(sign)))?;
    Some(
        line.split_once("] ")
            .map_or(line, |(_, m)| m)
            .trim()
            .to_string(),
    )
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
        assert_eq!(sandbox_failure(stderr), None);
        assert_eq!(browser_error("Segmentation fault\n"), "Segmentation fault");
    }

    /// Chromium 156's words as an unprivileged user without user namespaces.
    #[test]
    fn a_missing_sandbox_is_recognised_and_said_in_one_sentence() {
        let stderr = "/usr/bin/chromium: 9: [: 25276502016: unexpected operator
[30712:30712:1202/020112.311842:ERROR:dbus/bus.cc:405] Failed to connect to the bus: Could not parse server address
[30712:30712:1202/020112.318223:FATAL:content/browser/zygote_host/zygote_host_impl_linux.cc:128] No usable sandbox! If this is a Debian system, please install the chromium-sandbox package to solve this problem. If you want to live dangerously and need an immediate workaround, you can try using --no-sandbox.
";
        let why = sandbox_failure(stderr).expect("a sandbox failure");
        assert!(why.starts_with("No usable sandbox! If this is a Debian system"));
        assert_eq!(
            no_sandbox_note(&why),
            "printing PDFs without Chromium's sandbox, which cannot start here \
             (Chromium: \"No usable sandbox!\"); it only opens this build's own pages"
        );
    }

    /// Chromium 148 from Debian, with `chromium-sandbox` installed, as an
    /// unprivileged user whose parent set `PR_SET_NO_NEW_PRIVS`: the last error
    /// line is a helper's broken pipe, which says nothing; the reason is earlier.
    #[test]
    fn a_setuid_sandbox_under_no_new_privs_is_recognised_as_no_sandbox() {
        let stderr = "/usr/bin/chromium: 9: [: 25275990016: unexpected operator
The setuid sandbox is not running as root. Common causes:
  * An unprivileged process using ptrace on it, like a debugger.
  * A parent process set prctl(PR_SET_NO_NEW_PRIVS, ...)
Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted
[3121:3121:1203/003159.423128:FATAL:content/browser/zygote_host/zygote_host_impl_linux.cc:207] Check failed: . : Operation not permitted (1)
[1203/003159.448742:ERROR:third_party/crashpad/crashpad/util/file/file_io_posix.cc:145] open /sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq: No such file or directory (2)
[3143:3143:0100/000000.465321:ERROR:content/zygote/zygote_linux.cc:669] write: Broken pipe (32)
";
        assert_eq!(
            browser_error(stderr),
            "Check failed: . : Operation not permitted (1)",
            "the fatal line, not the broken pipe after it"
        );
        let why = sandbox_failure(stderr).expect("a sandbox failure");
        assert_eq!(
            no_sandbox_note(&why),
            "printing PDFs without Chromium's sandbox, which cannot start here \
             (Chromium: \"The setuid sandbox is not running as root.\"); it only opens \
             this build's own pages"
        );
    }
}
