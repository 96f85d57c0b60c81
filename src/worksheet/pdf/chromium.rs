//! One headless Chromium for a whole build, driven over its DevTools pipe: a
//! browser path and a sandbox choice in, PDF bytes of each page out. Unix only
//! (the pipe is the child's fds 3 and 4).

use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};
use serde_json::{json, Value};

use super::devtools::{CallError, Connection};
use super::{browser_error, PrintOptions, FLAGS};

/// How long Chromium may take to start: a loaded 2-core machine can be slow.
const START: Duration = Duration::from_secs(90);
/// Chromium's stderr kept for error messages: its last bytes.
const STDERR_KEPT: usize = 64 * 1024;

/// Why Chromium did not start.
pub enum LaunchError {
    /// Its sandbox is unavailable (user namespaces refused): its message.
    NoSandbox(String),
    Other(anyhow::Error),
}

pub struct Chromium {
    child: Child,
    conn: Connection,
    stderr: Arc<Mutex<Stderr>>,
    // Removed after the child has quit (field order: dropped after `child` is reaped
    // in `Drop`).
    _profile: tempfile::TempDir,
}

#[derive(Default)]
struct Stderr {
    text: String,
    done: bool,
}

impl Chromium {
    /// Start the browser and wait until it answers on its pipe.
    pub fn launch(exe: &Path, sandbox: bool) -> Result<Chromium, LaunchError> {
        let profile = tempfile::Builder::new()
            .prefix("trellis-chromium-")
            .tempdir()
            .context("cannot create a browser profile folder")
            .map_err(LaunchError::Other)?;
        let (mut child, conn, stderr) =
            spawn(exe, sandbox, profile.path()).map_err(LaunchError::Other)?;
        let deadline = Instant::now() + START;
        match conn.call(None, "Browser.getVersion", json!({}), deadline) {
            Ok(_) => Ok(Chromium {
                child,
                conn,
                stderr,
                _profile: profile,
            }),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let said = wait_for_stderr(&stderr);
                if let Some(why) = super::sandbox_failure(&said).filter(|_| sandbox) {
                    return Err(LaunchError::NoSandbox(why));
                }
                let why = match e {
                    CallError::Timeout => format!("it did not answer in {} s", START.as_secs()),
                    _ => browser_error(&said),
                };
                Err(LaunchError::Other(anyhow!(
                    "{} did not start: {why}",
                    exe.display()
                )))
            }
        }
    }

    /// The PDF of the page at `url`, once it has loaded with its fonts.
    pub fn print_url(&self, url: &str, options: &PrintOptions) -> Result<Vec<u8>> {
        let deadline = Instant::now() + options.timeout;
        let target = self.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            deadline,
        )?;
        let target = str_field(&target, "targetId")?;
        let printed = self.print_in(&target, url, options, deadline);
        // Closing the tab is tidying; Chromium's answer does not matter.
        let _ = self.conn.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": target }),
            Instant::now() + Duration::from_secs(5),
        );
        printed
    }

    fn print_in(
        &self,
        target: &str,
        url: &str,
        options: &PrintOptions,
        deadline: Instant,
    ) -> Result<Vec<u8>> {
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
            deadline,
        )?;
        let session = str_field(&attached, "sessionId")?;
        let events = self.conn.subscribe(&session);
        let s = Some(session.as_str());
        self.call(s, "Page.enable", json!({}), deadline)?;
        self.call(
            s,
            "Page.setLifecycleEventsEnabled",
            json!({"enabled": true}),
            deadline,
        )?;
        let nav = self.call(s, "Page.navigate", json!({ "url": url }), deadline)?;
        if let Some(err) = nav.get("errorText").and_then(Value::as_str) {
            if !err.is_empty() {
                bail!("Chromium could not load it: {err}");
            }
        }
        let loader = nav
            .get("loaderId")
            .and_then(Value::as_str)
            .map(str::to_string);
        // The `load` of this navigation; a late one of `about:blank` has another loader.
        let loaded = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match events.events.recv_timeout(left) {
                Ok(e)
                    if e.method == "Page.lifecycleEvent"
                        && e.params["name"] == "load"
                        && (loader.is_none()
                            || e.params["loaderId"].as_str() == loader.as_deref()) =>
                {
                    break Ok(());
                }
                Ok(e) if e.method == "Inspector.detached" => {
                    let why = e.params["reason"].as_str().unwrap_or("no reason given");
                    break Err(anyhow!("Chromium's page quit: {why}"));
                }
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break Err(self.timeout(options)),
                Err(mpsc::RecvTimeoutError::Disconnected) => break Err(self.quit()),
            }
        };
        drop(events);
        loaded?;
        self.call(
            s,
            "Runtime.evaluate",
            json!({"expression": "document.fonts.ready.then(() => true)", "awaitPromise": true}),
            deadline,
        )?;
        let pdf = self.call(
            s,
            "Page.printToPDF",
            json!({
                "preferCSSPageSize": true,
                "printBackground": true,
                "displayHeaderFooter": false,
                // A real document: tags for screen readers, bookmarks from the headings.
                "generateTaggedPDF": true,
                "generateDocumentOutline": true,
            }),
            deadline,
        )?;
        super::base64::decode(&str_field(&pdf, "data")?)
            .ok_or_else(|| anyhow!("Chromium sent a PDF that is not base64"))
    }

    fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        deadline: Instant,
    ) -> Result<Value> {
        self.conn
            .call(session, method, params, deadline)
            .map_err(|e| match e {
                CallError::Protocol(m) => anyhow!("Chromium could not do {method}: {m}"),
                CallError::Closed => self.quit(),
                CallError::Timeout => anyhow!("Chromium did not answer {method} in time"),
            })
    }

    fn timeout(&self, options: &PrintOptions) -> anyhow::Error {
        anyhow!("it did not load within {} s", options.timeout.as_secs())
    }

    /// Chromium quit: what it said last on stderr.
    fn quit(&self) -> anyhow::Error {
        anyhow!(
            "Chromium quit: {}",
            browser_error(&wait_for_stderr(&self.stderr))
        )
    }

    /// Ask the browser to quit, then make sure it has.
    pub fn close(mut self) {
        let _ = self.conn.call(
            None,
            "Browser.close",
            json!({}),
            Instant::now() + Duration::from_secs(5),
        );
        self.reap();
    }

    fn reap(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn str_field(v: &Value, key: &str) -> Result<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| anyhow!("Chromium's answer has no `{key}`"))
}

/// Start Chromium with its DevTools pipe and a thread that keeps its stderr.
fn spawn(
    exe: &Path,
    sandbox: bool,
    profile: &Path,
) -> Result<(Child, Connection, Arc<Mutex<Stderr>>)> {
    // Theirs: Chromium reads commands on fd 3 and writes on fd 4.
    let (their_in, to_browser) = pipe()?;
    let (from_browser, their_out) = pipe()?;
    // Copies above fd 4, so that putting one on 3 cannot close the other.
    let their_in = dup_above_4(&their_in)?;
    let their_out = dup_above_4(&their_out)?;
    let (fd_in, fd_out) = (raw(&their_in), raw(&their_out));
    let mut cmd = Command::new(exe);
    cmd.args(FLAGS)
        .arg("--remote-debugging-pipe")
        .arg(format!("--user-data-dir={}", profile.display()));
    if !sandbox {
        cmd.arg("--no-sandbox");
    }
    cmd.arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec this only calls dup2, which is
    // async-signal-safe; the new fds 3 and 4 are not close-on-exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::dup2(fd_in, 3) < 0 || libc::dup2(fd_out, 4) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start {}", exe.display()))?;
    drop((their_in, their_out));
    let stderr = Arc::new(Mutex::new(Stderr::default()));
    if let Some(pipe) = child.stderr.take() {
        let kept = Arc::clone(&stderr);
        std::thread::Builder::new()
            .name("trellis-chromium-stderr".into())
            .spawn(move || keep_stderr(pipe, &kept))
            .context("cannot start a thread")?;
    }
    let conn = Connection::new(File::from(to_browser), File::from(from_browser));
    Ok((child, conn, stderr))
}

fn keep_stderr(mut pipe: impl Read, kept: &Mutex<Stderr>) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = pipe.read(&mut buf) {
        if n == 0 {
            break;
        }
        let mut k = kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        k.text.push_str(&String::from_utf8_lossy(&buf[..n]));
        if k.text.len() > 2 * STDERR_KEPT {
            let mut cut = k.text.len() - STDERR_KEPT;
            while !k.text.is_char_boundary(cut) {
                cut += 1;
            }
            k.text.drain(..cut);
        }
    }
    kept.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .done = true;
}

/// Chromium's stderr once it has closed (or after two seconds: a helper process
/// may hold it open).
fn wait_for_stderr(stderr: &Mutex<Stderr>) -> String {
    let start = Instant::now();
    loop {
        let s = stderr
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if s.done || start.elapsed() > Duration::from_secs(2) {
            return s.text.clone();
        }
        drop(s);
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A pipe, close-on-exec at both ends: (read, write).
pub fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(std::io::Error::last_os_error()).context("cannot make a pipe");
    }
    // SAFETY: pipe2 succeeded, so both are open descriptors that we own.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn dup_above_4(fd: &OwnedFd) -> Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC on an open descriptor returns a new one or -1.
    let new = unsafe { libc::fcntl(raw(fd), libc::F_DUPFD_CLOEXEC, 5) };
    if new < 0 {
        return Err(std::io::Error::last_os_error()).context("cannot copy a pipe");
    }
    // SAFETY: `new` is a fresh descriptor that we own.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

fn raw(fd: &OwnedFd) -> i32 {
    std::os::fd::AsRawFd::as_raw_fd(fd)
}
