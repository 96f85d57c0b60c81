//! Headless Chromium for browser tests (DevTools protocol via chromiumoxide).
//!
//! A test binary that needs a browser uses `harness = false` and [`main`]: each
//! browser test is a libtest-mimic trial that shares one Chromium, started lazily by
//! the first trial, and gets its own browser context (separate localStorage). With no
//! Chromium on PATH such a trial reports *ignored*; with `TRELLIS_REQUIRE_BROWSER=1`
//! (as `.ci/run` sets) it fails.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams,
};
use chromiumoxide::cdp::browser_protocol::page::{CaptureScreenshotFormat, PrintToPdfParams};
use chromiumoxide::cdp::browser_protocol::target::{
    CreateBrowserContextParams, CreateTargetParams,
};
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::page::{MediaTypeParams, ScreenshotParams};
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::StreamExt;
use libtest_mimic::{Arguments, Completion, Trial};
use serde::de::DeserializeOwned;

// ---------- trials and the shared browser ----------

/// Run the trials with libtest's arguments and summary line, then close the shared
/// Chromium and remove the shared fixtures.
pub fn main(trials: Vec<Trial>) -> ! {
    let args = Arguments::from_args();
    let conclusion = libtest_mimic::run(&args, trials);
    shutdown();
    super::fixture::remove_shared_dirs();
    conclusion.exit()
}

/// A test that needs no browser, run as a normal trial.
pub fn plain(name: &str, test: fn()) -> Trial {
    Trial::test(name, move || {
        test();
        Ok(())
    })
}

/// A test that needs Chromium and maybe more: it returns why it was skipped, if it
/// was. Skipped is a failure with `TRELLIS_REQUIRE_BROWSER=1`.
pub fn needs_chromium(name: &'static str, test: fn() -> Option<String>) -> Trial {
    Trial::ignorable_test(name, move || {
        let skipped = if chromium_path().is_none() {
            Some("no Chromium on PATH; install Debian's `chromium` to run it".to_string())
        } else {
            test()
        };
        match skipped {
            None => Ok(Completion::Completed),
            Some(why) if required() => {
                Err(format!("{name}: required (TRELLIS_REQUIRE_BROWSER=1) but {why}").into())
            }
            Some(why) => Ok(Completion::ignored_with(why)),
        }
    })
}

/// A browser test: ignored at run time without Chromium, failed instead when
/// `TRELLIS_REQUIRE_BROWSER=1`. It gets a fresh browser context of the shared Chromium.
pub fn trial<F, Fut>(name: &'static str, test: F) -> Trial
where
    F: FnOnce(Chrome) -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    Trial::ignorable_test(name, move || {
        if chromium_path().is_none() {
            if required() {
                return Err(format!(
                    "{name}: Chromium is required (TRELLIS_REQUIRE_BROWSER=1) but none was found on PATH"
                )
                .into());
            }
            return Ok(Completion::ignored_with(
                "no Chromium on PATH; install Debian's `chromium` to run it",
            ));
        }
        let browser = shared_browser();
        runtime().block_on(async move {
            let context = browser
                .create_browser_context(CreateBrowserContextParams::default())
                .await
                .expect("a browser context");
            test(Chrome {
                browser,
                context: context.clone(),
            })
            .await;
            let _ = browser.dispose_browser_context(context).await;
        });
        Ok(Completion::Completed)
    })
}

/// `browser_trials![a, b]`: browser trials named after their async functions.
#[macro_export]
macro_rules! browser_trials {
    ($($f:ident),* $(,)?) => {
        vec![$($crate::support::browser::trial(stringify!($f), $f)),*]
    };
}

/// `plain_trials![a, b]`: trials of plain test functions that need no browser.
#[macro_export]
macro_rules! plain_trials {
    ($($f:ident),* $(,)?) => {
        vec![$($crate::support::browser::plain(stringify!($f), $f)),*]
    };
}

fn required() -> bool {
    std::env::var("TRELLIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// The runtime that drives the shared browser; trials block on it from their threads.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

struct Shared {
    browser: Browser,
    pid: Option<u32>,
    profile: PathBuf,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

/// The one Chromium of this test binary, launched by the first trial that needs it.
fn shared_browser() -> &'static Browser {
    &SHARED.get_or_init(|| runtime().block_on(launch())).browser
}

/// Ask the shared Chromium to quit, wait for it, and delete its profile.
fn shutdown() {
    let Some(shared) = SHARED.get() else {
        return;
    };
    let _ = runtime().block_on(async {
        tokio::time::timeout(
            Duration::from_secs(5),
            shared
                .browser
                .execute(chromiumoxide::cdp::browser_protocol::browser::CloseParams::default()),
        )
        .await
    });
    if let Some(pid) = shared.pid {
        let start = Instant::now();
        while alive(pid) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = std::fs::remove_dir_all(&shared.profile);
}

/// Whether a process runs (a zombie, exited but not reaped, does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(") ")
                .map(|(_, rest)| !rest.starts_with('Z'))
        })
        .unwrap_or(false)
}

/// One test's view of the shared Chromium: pages open in the test's own context.
pub struct Chrome {
    browser: &'static Browser,
    context: BrowserContextId,
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

async fn launch() -> Shared {
    let exe = chromium_path().expect("Chromium on PATH");
    let profile = tempfile::tempdir().unwrap().keep();
    let config = BrowserConfig::builder()
        .chrome_executable(exe)
        .user_data_dir(&profile)
        .viewport(None)
        // A loaded 2-core CI machine can take longer than the default 20 s to
        // start Chromium; a slow start is not a failure of the course.
        .launch_timeout(std::time::Duration::from_secs(90))
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
    let (mut browser, mut handler) = Browser::launch(config).await.expect("launch Chromium");
    tokio::spawn(async move { while handler.next().await.is_some() {} });
    let pid = browser.get_mut_child().and_then(|c| c.as_mut_inner().id());
    Shared {
        browser,
        pid,
        profile,
    }
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

impl Chrome {
    /// A new tab in this test's context.
    pub async fn new_page(&self, url: &str) -> Page {
        let mut params = CreateTargetParams::new(url);
        params.browser_context_id = Some(self.context.clone());
        self.browser.new_page(params).await.expect("open page")
    }

    pub async fn open(&self, url: &str) -> Page {
        let page = self.new_page(url).await;
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

// ---------- pages: scripts, waiting, emulation ----------

/// Evaluate a JavaScript expression (promises are awaited) and deserialize its value.
pub async fn js<T: DeserializeOwned>(page: &Page, expr: &str) -> T {
    try_js(page, expr)
        .await
        .unwrap_or_else(|e| panic!("evaluating `{expr}`: {e}"))
}

pub async fn try_js<T: DeserializeOwned>(page: &Page, expr: &str) -> Result<T, String> {
    // JSON text crosses the protocol unchanged, `null` included.
    let wrapped =
        format!("Promise.resolve(({expr})).then(v => JSON.stringify(v === undefined ? null : v))");
    let params = EvaluateParams::builder()
        .expression(wrapped)
        .await_promise(true)
        .return_by_value(true)
        .build()
        .unwrap();
    let result = page
        .evaluate_expression(params)
        .await
        .map_err(|e| e.to_string())?;
    let json: String = result.into_value().map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))
}

/// Poll until `cond` is true in the page, for up to 15 seconds.
pub async fn wait_for(page: &Page, cond: &str) {
    let start = Instant::now();
    loop {
        if try_js::<bool>(page, &format!("!!({cond})")).await == Ok(true) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for `{cond}` on {:?}",
            page.url().await.ok().flatten()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn reload(page: &Page) {
    page.reload().await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(page).await;
}

/// Wait until the page's scripts have run (a busy machine can be slow to get there).
pub async fn loaded(page: &Page) {
    wait_for(page, "document.readyState === 'complete'").await;
}

/// Open a page and wait for its scripts.
pub async fn open(chrome: &Chrome, url: &str) -> Page {
    let page = chrome.open(url).await;
    loaded(&page).await;
    page
}

/// Open a page in a 1280×900 window after emulating media features, so the first
/// paint (and trellis.js at load) already see them.
pub async fn open_with(chrome: &Chrome, url: &str, features: &[(&str, &str)]) -> Page {
    let page = chrome.new_page("about:blank").await;
    viewport(&page, 1280, 900, false).await;
    emulate(&page, features).await;
    page.goto(url).await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(&page).await;
    page
}

pub async fn emulate(page: &Page, features: &[(&str, &str)]) {
    let features = features
        .iter()
        .map(|(n, v)| MediaFeature::new(*n, *v))
        .collect();
    page.emulate_media_features(features).await.unwrap();
}

pub async fn viewport(page: &Page, width: i64, height: i64, mobile: bool) {
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, height, 1.0, mobile,
    ))
    .await
    .unwrap();
}

pub async fn press(page: &Page, key: &str) {
    page.find_element("body")
        .await
        .unwrap()
        .press_key(key)
        .await
        .unwrap();
}

/// `file://` URL of a page of the built site, with an optional query string.
pub fn file_page(site: &Path, rel: &str) -> String {
    let (path, query) = rel.split_once('?').unwrap_or((rel, ""));
    let url = file_url(&site.join(path));
    if query.is_empty() {
        url
    } else {
        format!("{url}?{query}")
    }
}

/// One search result: the absolute link, the title text and the highlighted words.
pub type Hit = (String, String, Vec<String>);

/// Open the search page for `q` and read its results.
pub async fn search(chrome: &Chrome, search_page: &str, q: &str) -> (String, Vec<Hit>) {
    let page = open(
        chrome,
        &format!("{search_page}?q={}", super::fixture::encode(q)),
    )
    .await;
    let hits = read_results(&page).await;
    page.close().await.unwrap();
    hits
}

pub async fn read_results(page: &Page) -> (String, Vec<Hit>) {
    wait_for(page, "document.getElementById('search-status').textContent").await;
    js(
        page,
        "[document.getElementById('search-status').textContent,
          Array.from(document.querySelectorAll('#search-results li')).map(li => [
            li.querySelector('a').href,
            li.querySelector('a').textContent,
            Array.from(li.querySelectorAll('mark')).map(m => m.textContent)])]",
    )
    .await
}

// ---------- accessibility ----------

/// axe-core, vendored with its licence (see tests/vendor/README.md).
const AXE: &str = include_str!("../vendor/axe.min.js");
const WCAG_TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Run axe-core on the page; one readable line per violation and element.
pub async fn axe_violations(page: &Page) -> Vec<String> {
    if !js::<bool>(page, "typeof axe === 'object'").await {
        let params = EvaluateParams::builder()
            .expression(format!("{AXE}\n;true"))
            .build()
            .unwrap();
        page.evaluate_expression(params).await.unwrap();
    }
    js(
        page,
        &format!(
            "axe.run(document, {{ runOnly: {{ type: 'tag', values: {WCAG_TAGS} }}, resultTypes: ['violations'] }})
              .then(r => r.violations.flatMap(v => v.nodes.map(n =>
                `${{v.id}} (${{v.impact}}): ${{v.help}}\n      at ${{n.target.join(' ')}}: ${{n.html.slice(0, 160)}}\n      ${{(n.failureSummary || '').replace(/\\n/g, ' ')}}`)))"
        ),
    )
    .await
}
