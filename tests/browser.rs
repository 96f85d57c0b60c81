//! Browser tests in headless Chromium: worksheets print on the expected number of
//! pages at the configured paper size without overflow and use the page (measured
//! on a greyscale image of each printed page), their QR codes decode to their
//! lesson's address, the packet paginates, PDFs are produced, and typed answers
//! survive a reload.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use support::browser::{self, Chrome, Paper, A4, LETTER};
use support::*;

fn main() {
    let mut trials = browser_trials![
        every_bundled_worksheet_prints_on_one_page_in_a4_and_letter,
        fixture_worksheets_pass_and_an_overflowing_one_is_caught,
        packet_has_one_page_per_worksheet_plus_cover_and_contents,
        build_with_pdf_writes_one_page_pdfs_and_links_them,
        typed_answers_survive_a_reload_and_show_on_the_worksheet_page,
        every_run_sheet_prints_on_exactly_one_page_in_a4_and_letter,
        pdfs_are_printed_from_a_course_path_with_hash_and_percent,
        qr_caption_stays_on_one_line_under_a_long_sub_path_address,
    ];
    trials.extend(plain_trials![
        without_a_browser_pdfs_are_skipped_with_a_note_and_no_links,
        without_base_url_worksheets_have_no_qr_code_and_the_build_says_so_once
    ]);
    browser::main(trials);
}

/// A copy of the bundled course with `page_size` and `solutions` set.
fn bundled_copy(paper: Paper, solutions: &str) -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&src.join("content"), &dir.path().join("content"));
    let toml = std::fs::read_to_string(src.join("site.toml")).unwrap();
    let toml: String = toml
        .lines()
        .map(|l| {
            if l.starts_with("page_size") {
                format!("page_size = \"{}\"", paper.name)
            } else if l.starts_with("solutions") {
                format!("solutions = \"{solutions}\"")
            } else if l.starts_with("pdf ") {
                "pdf = false".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("site.toml"), toml).unwrap();
    dir
}

/// The bundled course with answer keys, built once per paper for this binary.
fn bundled_answer_key(paper: Paper) -> &'static Path {
    static A4_SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static LETTER_SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let cell = if paper == A4 { &A4_SITE } else { &LETTER_SITE };
    &cell
        .get_or_init(|| {
            let course = bundled_copy(paper, "answer-key");
            remove_at_exit(course.path());
            let site = build_at(course.path(), &[]);
            (course, site)
        })
        .1
}

/// The address the test builds are published at.
const BASE: &str = "https://org.github.io/course/";

fn build_at(root: &Path, extra: &[&str]) -> PathBuf {
    let out = trellis(root, &[&["build", "--base-url", BASE], extra].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    root.join("public")
}

/// Every printable worksheet page of the default edition (site-relative), lesson
/// worksheets and standalone ones alike.
fn worksheet_pages(site: &Path) -> Vec<String> {
    fn walk(dir: &Path, site: &Path, found: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(site).unwrap().to_string_lossy().into_owned();
            if p.is_dir() && rel != "es" && rel != "static" {
                walk(&p, site, found);
            } else if p.file_name().is_some_and(|n| n == "index.html")
                && page(&p)
                    .select(&sel("main.worksheet-page"))
                    .next()
                    .is_some()
            {
                found.push(rel);
            }
        }
    }
    let mut found = Vec::new();
    walk(site, site, &mut found);
    found.sort();
    found
}

/// The address a worksheet page's QR code must hold: its lesson's (the folder
/// above `worksheet/`), or its own for a standalone worksheet.
fn expected_qr(base: &str, rel: &str) -> String {
    let dir = rel.trim_end_matches("index.html");
    let mut parts: Vec<&str> = dir.trim_end_matches('/').split('/').collect();
    if parts.last().is_some_and(|p| p.starts_with("worksheet")) {
        parts.pop();
    }
    format!("{base}{}/", parts.join("/"))
}

/// A page image: greyscale, one byte a pixel, rows top to bottom.
struct Grey {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

/// Each page of `pdf` as a greyscale image at `dpi`, drawn by `pdftoppm -gray`
/// (poppler-utils) with `more` arguments, read from its binary PGM output.
fn page_images(pdf: &[u8], dpi: u32, more: &[&str]) -> Vec<Grey> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sheet.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .args(more)
        .arg(&file)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm (poppler-utils) draws the printed pages for these checks");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| pgm(&std::fs::read(p).unwrap()))
        .collect()
}

/// A binary PGM (`P5 width height maxval`, one whitespace, then the pixels).
fn pgm(bytes: &[u8]) -> Grey {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[i + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Grey {
        width,
        height,
        pixels,
    }
}

/// The longest run of blank pixel rows between the first and the last ink on the
/// page (the top of the header to the page number), as a share of the page height.
fn longest_blank_run(g: &Grey) -> f64 {
    let ink: Vec<bool> = g
        .pixels
        .chunks(g.width)
        .map(|row| row.iter().any(|&p| p < 220))
        .collect();
    let (Some(first), Some(last)) = (ink.iter().position(|&b| b), ink.iter().rposition(|&b| b))
    else {
        return 1.0;
    };
    let (mut longest, mut run) = (0usize, 0usize);
    for &b in &ink[first..=last] {
        run = if b { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    longest as f64 / g.height as f64
}

/// The texts of the QR codes in the top 8 cm of the first page (the sheet's
/// header), drawn at 300 dpi: a long address makes modules of 0.4 mm.
fn qr_codes(pdf: &[u8]) -> Vec<String> {
    let g = &page_images(pdf, 300, &["-f", "1", "-l", "1", "-H", "950"])[0];
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(g.width, g.height, |x, y| {
        g.pixels[y * g.width + x]
    });
    img.detect_grids()
        .iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

/// What is wrong with the printed `pdf` of worksheet `rel` as paper: a blank run
/// over 15% of a page, or a QR code that is missing or leads elsewhere than `qr`.
fn paper_problems(rel: &str, pdf: &[u8], qr: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, g) in page_images(pdf, 100, &[]).iter().enumerate() {
        let blank = longest_blank_run(g);
        if blank > 0.15 {
            problems.push(format!(
                "{rel}: page {} has a blank run of {:.0}% of its height",
                n + 1,
                blank * 100.0
            ));
        }
    }
    let codes = qr_codes(pdf);
    if codes != [qr] {
        problems.push(format!("{rel}: QR codes {codes:?}, expected [{qr:?}]"));
    }
    problems
}

/// How many lines the QR code's caption takes in print (0 without one), or 99
/// when it is cut off or runs past the page.
async fn caption_lines(tab: &chromiumoxide::Page, paper: Paper) -> u32 {
    tab.execute(
        chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams::new(
            paper.printable_px().floor() as i64,
            1000,
            1.0,
            false,
        ),
    )
    .await
    .unwrap();
    tab.emulate_media_type(chromiumoxide::page::MediaTypeParams::Print)
        .await
        .unwrap();
    let lines = browser::js(
        tab,
        r#"(() => {
            const e = document.querySelector('.sheet-url');
            if (!e) return 0;
            const r = e.getBoundingClientRect();
            if (e.scrollWidth > e.clientWidth + 1 || r.right > document.documentElement.clientWidth + 0.5) return 99;
            const s = getComputedStyle(e);
            return Math.round(r.height / parseFloat(s.lineHeight));
        })()"#,
    )
    .await;
    tab.emulate_media_type(chromiumoxide::page::MediaTypeParams::Null)
        .await
        .unwrap();
    lines
}

/// Print one worksheet page and list everything wrong with it on `paper`.
async fn check_worksheet(chrome: &Chrome, site: &Path, rel: &str, paper: Paper) -> Vec<String> {
    print_worksheet(chrome, site, rel, paper).await.0
}

/// Print one worksheet page on `paper`: what is wrong with it, and its PDF.
async fn print_worksheet(
    chrome: &Chrome,
    site: &Path,
    rel: &str,
    paper: Paper,
) -> (Vec<String>, Vec<u8>) {
    let path = site.join(rel);
    let doc = page(&path);
    let expected: usize = attr(&doc, "main.worksheet-page", "data-pages")
        .unwrap()
        .parse()
        .unwrap();
    let prompts = texts(&doc, ".sheet .prompt");
    let tab = chrome.open(&browser::file_url(&path)).await;
    let pdf = browser::print_pdf(&tab).await;
    let facts = browser::pdf_facts(&pdf);
    let mut problems = Vec::new();
    if facts.pages != expected {
        problems.push(format!("{rel}: {} pages, expected {expected}", facts.pages));
    }
    if (facts.width_pt - paper.width_pt).abs() > 1.5
        || (facts.height_pt - paper.height_pt).abs() > 1.5
    {
        problems.push(format!(
            "{rel}: page is {}×{} pt, expected {} ({}×{})",
            facts.width_pt, facts.height_pt, paper.name, paper.width_pt, paper.height_pt
        ));
    }
    let text = browser::squash(&facts.text);
    for p in prompts {
        let want: String = browser::squash(&p).chars().take(40).collect();
        if !text.contains(&want) {
            problems.push(format!("{rel}: prompt {p:?} is not in the PDF text"));
        }
    }
    for o in browser::overflowing_in_print(&tab, paper).await {
        problems.push(format!("{rel}: overflows the printable width: {o}"));
    }
    let lines = caption_lines(&tab, paper).await;
    if lines > 1 {
        problems.push(format!("{rel}: the QR caption takes {lines} lines"));
    }
    tab.close().await.unwrap();
    (problems, pdf)
}

/// Every bundled worksheet, printed once per paper size: on its designed pages,
/// with no blank run over 15% of a page, a one-line QR caption, and a QR code
/// that decodes to its lesson's absolute address.
async fn every_bundled_worksheet_prints_on_one_page_in_a4_and_letter(chrome: Chrome) {
    for paper in [A4, LETTER] {
        let site = bundled_answer_key(paper);
        let sheets = worksheet_pages(site);
        assert!(sheets.len() >= 13, "{sheets:?}");
        let mut problems = Vec::new();
        for rel in &sheets {
            let (found, pdf) = print_worksheet(&chrome, site, rel, paper).await;
            problems.extend(found);
            problems.extend(paper_problems(rel, &pdf, &expected_qr(BASE, rel)));
        }
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            paper.name,
            problems.join("\n")
        );
    }
}

fn fixture_with_worksheets(paper: &str, overflow: bool) -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", &format!("title = \"Fixture\"\nbase_url = \"https://org.github.io/course/\"\n[print]\npage_size = \"{paper}\"\nsolutions = \"omit\"\n"));
    f.module("01-m", "Module");
    f.lesson(
        "content/01-m/01-a.md",
        "Alpha",
        "Intro.\n\n::: {.worksheet title=\"Noticing log\"}\n[[name-date]]\n\nWhat did you notice first today?\n\n[[lines 3]]\n\nHow calm did you feel?\n\n[[scale 1-5 | Not calm | Very calm]]\n\n| Time | What happened |\n|---|---|\n| | |\n| | |\n\n- [ ] I took a breath\n\n::: solution\nAnything you noticed counts.\n:::\n:::\n",
    );
    let long = if overflow {
        "[[lines 40]]"
    } else {
        "[[box 3cm]]"
    };
    f.lesson(
        "content/01-m/02-b.md",
        "Beta",
        &format!("Intro.\n\n::: {{.worksheet title=\"Drawing page\"}}\n[[name-date]]\n\nDraw your family's morning.\n\n{long}\n:::\n"),
    );
    f
}

async fn fixture_worksheets_pass_and_an_overflowing_one_is_caught(chrome: Chrome) {
    for (name, paper) in [("A4", A4), ("Letter", LETTER)] {
        let f = fixture_with_worksheets(name, false);
        f.build_ok();
        for rel in ["m/a/worksheet/index.html", "m/b/worksheet/index.html"] {
            let problems = check_worksheet(&chrome, &f.public(), rel, paper).await;
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    }
    // 40 ruled lines cannot fit on one page: the check must say so.
    let f = fixture_with_worksheets("A4", true);
    f.build_ok();
    let problems = check_worksheet(&chrome, &f.public(), "m/b/worksheet/index.html", A4).await;
    assert!(
        problems.iter().any(|p| p.contains("pages, expected 1")),
        "{problems:?}"
    );
}

async fn packet_has_one_page_per_worksheet_plus_cover_and_contents(chrome: Chrome) {
    for paper in [A4, LETTER] {
        let course = bundled_copy(paper, "omit");
        let site = build_at(course.path(), &[]);
        let n = worksheet_pages(&site).len();
        // Each lesson's self-check follows its worksheets, on a page of its own.
        let packet = page(&site.join("worksheets/index.html"));
        let quizzes = packet.select(&sel(".packet-sheet.packet-quiz")).count();
        assert_eq!(quizzes, 7, "{}: a self-check per lesson", paper.name);
        let tab = chrome
            .open(&browser::file_url(&site.join("worksheets/index.html")))
            .await;
        let facts = browser::pdf_facts(&browser::print_pdf(&tab).await);
        assert_eq!(facts.pages, n + quizzes + 2, "{}: packet pages", paper.name);
        assert!((facts.width_pt - paper.width_pt).abs() < 1.5);
    }
}

async fn build_with_pdf_writes_one_page_pdfs_and_links_them(_chrome: Chrome) {
    let f = fixture_with_worksheets("Letter", false);
    let out = f.build(&["--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ws_pdf = f.public().join("m/a/worksheet/a-worksheet.pdf");
    let facts = browser::pdf_facts(&std::fs::read(&ws_pdf).unwrap());
    assert_eq!(facts.pages, 1);
    assert!(
        (facts.width_pt - LETTER.width_pt).abs() < 1.5
            && (facts.height_pt - LETTER.height_pt).abs() < 1.5
    );
    let packet = browser::pdf_facts(
        &std::fs::read(f.public().join("worksheets/session-packet.pdf")).unwrap(),
    );
    assert_eq!(packet.pages, 2 + 2);
    let ws = f.page("m/a/worksheet/index.html");
    let href = attr(&ws, "a[href$='.pdf']", "href").expect("a Download PDF link");
    assert_eq!(
        resolve_as_served("/", "m/a/worksheet/index.html", &href).as_deref(),
        Some("m/a/worksheet/a-worksheet.pdf")
    );
    let packet_page = f.page("worksheets/index.html");
    assert!(packet_page
        .select(&sel("a[href$='session-packet.pdf']"))
        .next()
        .is_some());
    assert!(broken_links(&f.public(), "/sub/").is_empty());
}

/// The `file://` URL given to Chromium is percent-encoded: a `#` or `%41` in the
/// course's path is part of the path.
async fn pdfs_are_printed_from_a_course_path_with_hash_and_percent(_chrome: Chrome) {
    let plain = fixture_with_worksheets("A4", false);
    let f = Fixture {
        dir: tempfile::Builder::new()
            .prefix("course #1 %41 ")
            .tempdir()
            .unwrap(),
    };
    copy_dir(plain.root(), f.root());
    let out = f.build(&["--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for pdf in [
        "m/a/worksheet/a-worksheet.pdf",
        "worksheets/session-packet.pdf",
    ] {
        let facts = browser::pdf_facts(&std::fs::read(f.public().join(pdf)).unwrap());
        assert!(facts.pages >= 1, "{pdf}");
    }
}

fn without_a_browser_pdfs_are_skipped_with_a_note_and_no_links() {
    let f = fixture_with_worksheets("A4", false);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["build", "--pdf"])
        .current_dir(f.root())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: PDFs skipped: no Chromium or Chrome found"),
        "{}",
        stderr(&out)
    );
    let ws = f.page("m/a/worksheet/index.html");
    assert_eq!(ws.select(&sel("a[href$='.pdf']")).count(), 0);
    assert!(!f.public().join("m/a/worksheet/a-worksheet.pdf").exists());
}

/// The caption under the QR code broke mid-word over 3–5 lines: it is one line,
/// in smaller type, even for a long address under a sub-path; the code holds it.
async fn qr_caption_stays_on_one_line_under_a_long_sub_path_address(chrome: Chrome) {
    let base = "https://families-and-caregivers.example.org/courses/growing-a-secure-bond/";
    for (name, paper) in [("A4", A4), ("Letter", LETTER)] {
        let f = Fixture::new();
        f.write(
            "site.toml",
            &format!(
                "title = \"Fixture\"\nbase_url = \"{base}\"\n[print]\npage_size = \"{name}\"\n"
            ),
        );
        f.module("01-understanding-your-child", "Module");
        f.lesson(
            "content/01-understanding-your-child/01-responding-when-feelings-run-high.md",
            "Alpha",
            "Intro.\n\n::: {.worksheet title=\"Log\"}\nWhat happened?\n\n[[lines 3]]\n:::\n",
        );
        f.build_ok();
        let rel = "understanding-your-child/responding-when-feelings-run-high/worksheet/index.html";
        let (mut problems, pdf) = print_worksheet(&chrome, &f.public(), rel, paper).await;
        problems.extend(paper_problems(rel, &pdf, &expected_qr(base, rel)));
        let tab = chrome.open(&browser::file_url(&f.public().join(rel))).await;
        assert_eq!(caption_lines(&tab, paper).await, 1, "{name}");
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

/// With no `base_url` a QR code could only hold a bare path: there is none, and
/// the build says how to get them once, as a note and not a warning.
fn without_base_url_worksheets_have_no_qr_code_and_the_build_says_so_once() {
    let course = bundled_copy(A4, "omit");
    let out = trellis(course.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("QR codes")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].starts_with("note: ") && notes[0].contains("base_url"),
        "{err}"
    );
    let site = course.path().join("public");
    let sheets = worksheet_pages(&site);
    assert!(sheets.len() >= 13, "{sheets:?}");
    for rel in sheets
        .iter()
        .map(String::as_str)
        .chain(["worksheets/index.html"])
    {
        let doc = page(&site.join(rel));
        assert_eq!(doc.select(&sel("svg.qr, .sheet-qr")).count(), 0, "{rel}");
    }
}

async fn typed_answers_survive_a_reload_and_show_on_the_worksheet_page(chrome: Chrome) {
    let f = fixture_with_worksheets("A4", false);
    f.build_ok();
    let lesson = chrome
        .open(&browser::file_url(&f.public().join("m/a/index.html")))
        .await;
    lesson
        .find_element(".worksheet textarea")
        .await
        .unwrap()
        .click()
        .await
        .unwrap()
        .type_str("We read a story together")
        .await
        .unwrap();
    lesson
        .find_element(".worksheet input[type=checkbox]")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    lesson.reload().await.unwrap();
    lesson.wait_for_navigation().await.unwrap();
    let value: String = lesson
        .evaluate("document.querySelector('.worksheet textarea').value")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(value, "We read a story together");
    let checked: bool = lesson
        .evaluate("document.querySelector('.worksheet input[type=checkbox]').checked")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert!(checked);
    browser::screenshot(&lesson, "lesson-screen").await;
    // The printable page shares the storage keys, so it prints filled in.
    let sheet = chrome
        .open(&browser::file_url(
            &f.public().join("m/a/worksheet/index.html"),
        ))
        .await;
    let value: String = sheet
        .evaluate("document.querySelector('.sheet textarea').value")
        .await
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(value, "We read a story together");
    browser::screenshot(&sheet, "worksheet-screen").await;
    sheet
        .emulate_media_type(chromiumoxide::page::MediaTypeParams::Print)
        .await
        .unwrap();
    browser::screenshot(&sheet, "worksheet-print").await;
}

async fn every_run_sheet_prints_on_exactly_one_page_in_a4_and_letter(chrome: Chrome) {
    for paper in [A4, LETTER] {
        let site = bundled_answer_key(paper);
        let mut all = Vec::new();
        for m in std::fs::read_dir(site.join("facilitator")).unwrap() {
            let m = m.unwrap().path();
            if m.is_dir() {
                for l in std::fs::read_dir(&m).unwrap() {
                    let p = l.unwrap().path().join("index.html");
                    all.push(p.strip_prefix(site).unwrap().to_string_lossy().into_owned());
                }
            }
        }
        assert_eq!(all.len(), 7, "{all:?}");
        let mut problems = Vec::new();
        for rel in &all {
            let tab = chrome.open(&browser::file_url(&site.join(rel))).await;
            let facts = browser::pdf_facts(&browser::print_pdf(&tab).await);
            if facts.pages != 1 {
                problems.push(format!("{rel}: {} pages", facts.pages));
            }
            if (facts.width_pt - paper.width_pt).abs() > 1.5 {
                problems.push(format!("{rel}: {} pt wide", facts.width_pt));
            }
            for o in browser::overflowing_in_print(&tab, paper).await {
                problems.push(format!("{rel}: overflows: {o}"));
            }
            tab.close().await.unwrap();
        }
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            paper.name,
            problems.join("\n")
        );
    }
}
