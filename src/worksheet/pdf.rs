//! PDFs by printing our own HTML in headless Chromium/Chrome, so the print CSS is
//! the single source of layout. No browser found: the build goes on without PDFs.

use std::path::{Path, PathBuf};

/// Executable names tried on PATH, in order.
pub const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

#[derive(Debug, Clone)]
pub struct Printer {
    pub browser: PathBuf,
}

impl Printer {
    /// The configured browser, or the first candidate on PATH.
    pub fn find(configured: Option<&str>) -> Option<Printer> {
        if let Some(c) = configured {
            let p = Path::new(c);
            if p.components().count() > 1 {
                return p.is_file().then(|| Printer {
                    browser: p.to_path_buf(),
                });
            }
            return which(c).map(|browser| Printer { browser });
        }
        if let Ok(env) = std::env::var("TRELLIS_BROWSER") {
            if !env.is_empty() {
                return Printer::find(Some(&env));
            }
        }
        CANDIDATES
            .iter()
            .find_map(|c| which(c))
            .map(|browser| Printer { browser })
    }
}

pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}
