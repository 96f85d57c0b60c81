//! A headless Chromium for browser tests (DevTools protocol via chromiumoxide).
//!
//! No Chromium on a developer's machine: tests skip with a loud message. With
//! `TRELLIS_REQUIRE_BROWSER=1` (as `.ci/run` sets) a missing browser is a failure.

use std::path::{Path, PathBuf};

use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::cdp::browser_protocol::page::{CaptureScreenshotFormat, PrintToPdfParams};
use chromiumoxide::page::{MediaTypeParams, ScreenshotParams};
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::StreamExt;

pub struct Chrome {
    pub browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    _profile: tempfile::TempDir,
}

impl Drop for Chrome {
    fn drop(&mut self) {
        self.handler.abort();
    }
}

/// Paper sizes in PDF points and the printable width in CSS px for our @page margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub name: &'static str,
    pub width_pt: f64,
    pub height_pt: f64,
}

pub const A4: Paper = Paper {
    name: "A4",
    width_pt: 595.28,
    height_pt: 841.89,
};
pub const LETTER: Paper = Paper {
    name: "Letter",
    width_pt: 612.0,
    height_pt: 792.0,
};
/// Left and right page margins of print.css, in millimetres.
pub const SIDE_MARGIN_MM: f64 = 14.0;

impl Paper {
    /// Width of the printable area in CSS pixels (96 per inch).
    pub fn printable_px(self) -> f64 {
        let width_mm = self.width_pt / 72.0 * 25.4;
        (width_mm - 2.0 * SIDE_MARGIN_MM) / 25.4 * 96.0
    }
}

pub fn chromium_path() -> Option<PathBuf> {
    trellis::worksheet::pdf::Printer::find(None).map(|p| p.browser)
}

/// Start Chromium, or return None (skipping loudly) when none is installed.
pub async fn launch(test: &str) -> Option<Chrome> {
    let Some(exe) = chromium_path() else {
        if std::env::var("TRELLIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("{test}: Chromium is required (TRELLIS_REQUIRE_BROWSER=1) but none was found on PATH");
        }
        eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        eprintln!("!!! SKIPPED browser test `{test}`: no Chromium/Chrome found on PATH.");
        eprintln!("!!! Install Debian's `chromium` (as .ci/run does) to run it.");
        eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
        return None;
    };
    let profile = tempfile::tempdir().unwrap();
    let config = BrowserConfig::builder()
        .chrome_executable(exe)
        .user_data_dir(profile.path())
        .viewport(None)
        .no_sandbox()
        .new_headless_mode()
        .args([
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .build()
        .unwrap();
    let (browser, mut handler) = Browser::launch(config).await.expect("launch Chromium");
    let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
    Some(Chrome {
        browser,
        handler,
        _profile: profile,
    })
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

impl Chrome {
    pub async fn open(&self, url: &str) -> Page {
        let page = self.browser.new_page(url).await.expect("open page");
        page.wait_for_navigation().await.expect("navigation");
        page
    }
}

/// Print with the page's own CSS page size, as `trellis build --pdf` does.
pub async fn print_pdf(page: &Page) -> Vec<u8> {
    let params = PrintToPdfParams {
        prefer_css_page_size: Some(true),
        print_background: Some(true),
        ..Default::default()
    };
    page.pdf(params).await.expect("print to PDF")
}

/// Elements that extend past the printable width under print media.
pub async fn overflowing_in_print(page: &Page, paper: Paper) -> Vec<String> {
    let width = paper.printable_px().floor() as i64;
    page.execute(SetDeviceMetricsOverrideParams::new(width, 1000, 1.0, false))
        .await
        .unwrap();
    page.emulate_media_type(MediaTypeParams::Print)
        .await
        .unwrap();
    let js = r#"(() => {
        const limit = document.documentElement.clientWidth + 0.5;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if (getComputedStyle(el).display === 'none') continue;
            if (r.right > limit || r.left < -0.5) {
                out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' right=' + Math.round(r.right) + ' limit=' + Math.round(limit));
            }
        }
        return out;
    })()"#;
    let out: Vec<String> = page.evaluate(js).await.unwrap().into_value().unwrap();
    page.emulate_media_type(MediaTypeParams::Null)
        .await
        .unwrap();
    out
}

pub async fn screenshot(page: &Page, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    let png = page
        .screenshot(
            ScreenshotParams::builder()
                .format(CaptureScreenshotFormat::Png)
                .full_page(true)
                .build(),
        )
        .await
        .expect("screenshot");
    std::fs::write(&path, png).unwrap();
    path
}

/// What a PDF holds: page count, first page size in points, and its text.
pub struct PdfFacts {
    pub pages: usize,
    pub width_pt: f64,
    pub height_pt: f64,
    pub text: String,
}

pub fn pdf_facts(bytes: &[u8]) -> PdfFacts {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages = doc.get_pages();
    let first = *pages.values().next().expect("at least one page");
    let page = doc.get_dictionary(first).unwrap();
    let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
    let num = |o: &lopdf::Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|v| v as f64))
            .unwrap()
    };
    let numbers: Vec<u32> = pages.keys().copied().collect();
    let text = doc.extract_text(&numbers).unwrap_or_default();
    PdfFacts {
        pages: pages.len(),
        width_pt: num(&mb[2]) - num(&mb[0]),
        height_pt: num(&mb[3]) - num(&mb[1]),
        text,
    }
}

/// Letters and digits only, lowercased: PDF text extraction splits lines and words.
/// Typographic ligatures (ﬁ, ﬂ, …) are expanded, as Chromium's fonts use them.
pub fn squash(s: &str) -> String {
    s.replace('\u{FB00}', "ff")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
