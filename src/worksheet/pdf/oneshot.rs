//! Untested (no Windows here): without fds 3 and 4 for a DevTools pipe, one browser
//! process prints each page with `--print-to-pdf`: a URL in, PDF bytes out.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context as _, Result};

use super::{browser_error, PrintOptions, FLAGS};

pub enum LaunchError {
    #[allow(dead_code)] // only the DevTools pipe detects a missing sandbox
    NoSandbox(String),
    Other(anyhow::Error),
}

pub struct Chromium {
    exe: PathBuf,
    sandbox: bool,
}

impl Chromium {
    pub fn launch(exe: &Path, sandbox: bool) -> Result<Chromium, LaunchError> {
        Ok(Chromium {
            exe: exe.to_path_buf(),
            sandbox,
        })
    }

    pub fn print_url(&self, url: &str, options: &PrintOptions) -> Result<Vec<u8>> {
        let profile = tempfile::Builder::new()
            .prefix("trellis-chromium-")
            .tempdir()
            .context("cannot create a browser profile folder")?;
        let pdf = profile.path().join("print.pdf");
        let mut cmd = Command::new(&self.exe);
        cmd.args(FLAGS).args([
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
        ]);
        if !self.sandbox {
            cmd.arg("--no-sandbox");
        }
        cmd.arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .with_context(|| format!("cannot start {}", self.exe.display()))?;
        let started = Instant::now();
        loop {
            if child.try_wait()?.is_some() {
                if let Ok(bytes) = std::fs::read(&pdf) {
                    if !bytes.is_empty() {
                        return Ok(bytes);
                    }
                }
                let mut err = String::new();
                if let Some(mut s) = child.stderr.take() {
                    use std::io::Read;
                    let _ = s.read_to_string(&mut err);
                }
                bail!("{}", browser_error(&err));
            }
            if started.elapsed() > options.timeout {
                let _ = child.kill();
                let _ = child.wait();
                bail!("it did not print within {} s", options.timeout.as_secs());
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }

    pub fn close(self) {}
}
