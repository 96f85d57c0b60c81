//! The PDFs as documents, on the bundled course built with `--pdf` twice: in A4,
//! and in Letter printed on both sides (`duplex = true`) with a `[packet]` cover.
//! The packet's contents give the page each worksheet is on, and `pdftotext` finds
//! it there; every page but the cover says "Page X of Y"; every PDF is tagged,
//! titled and has bookmarks; no facilitator note splits across pages. Without
//! Chromium (or poppler's `pdftotext` and `pdfinfo`) the trials report skipped.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use support::browser::{self, needs_chromium, squash};
use support::*;

const PACKET_HTML: &str = "worksheets/index.html";
const PACKET_PDF: &str = "worksheets/session-packet.pdf";
const GUIDE_PDF: &str = "facilitator/facilitator-guide.pdf";
const GUIDE_HTML: &str = "facilitator/index.html";

fn main() {
    browser::main(vec![
        needs_chromium("contents_give_the_page_each_worksheet_is_on_a4", || {
            a4().map_or_else(Some, contents_give_the_page_each_worksheet_is_on)
        }),
        needs_chromium(
            "contents_give_the_page_each_worksheet_is_on_letter_duplex",
            || letter_duplex().map_or_else(Some, contents_give_the_page_each_worksheet_is_on),
        ),
        needs_chromium("every_page_but_the_cover_shows_x_of_y", || {
            let (a4, letter) = match (a4(), letter_duplex()) {
                (Ok(a), Ok(l)) => (a, l),
                (Err(why), _) | (_, Err(why)) => return Some(why),
            };
            every_page_but_the_cover_shows_x_of_y(a4);
            every_page_but_the_cover_shows_x_of_y(letter);
            None
        }),
        needs_chromium(
            "duplex_starts_every_worksheet_on_an_odd_page",
            duplex_starts_every_worksheet_on_an_odd_page,
        ),
        needs_chromium(
            "every_pdf_is_tagged_and_titled",
            every_pdf_is_tagged_and_titled,
        ),
        needs_chromium(
            "packet_outline_has_one_entry_per_worksheet",
            packet_outline_has_one_entry_per_worksheet,
        ),
        needs_chromium(
            "no_facilitator_note_in_the_guide_pdf_splits_across_pages",
            no_facilitator_note_in_the_guide_pdf_splits_across_pages,
        ),
        browser::plain(
            "without_pdfs_the_contents_show_no_page_numbers",
            without_pdfs_the_contents_show_no_page_numbers,
        ),
    ]);
}

// ---------- the two builds, once each ----------

/// Why the trials cannot run here, if poppler is missing.
fn poppler_missing() -> Option<String> {
    let found = |tool: &str| Command::new(tool).arg("-v").output().is_ok();
    (!found("pdftotext") || !found("pdfinfo"))
        .then(|| "no pdftotext or pdfinfo; install poppler-utils to run it".to_string())
}

/// The bundled course built with PDFs, its `[print]` page size line replaced by
/// `page` and `extra` appended to its site.toml.
fn build_bundled(page: &str, extra: &str) -> PathBuf {
    let f = Fixture::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &f.root().join("content"));
    let toml = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let toml = toml.replace("page_size = \"A4\"\n", page);
    f.write("site.toml", &format!("{toml}\n{extra}"));
    let out = f.build(&[
        "--pdf",
        "--quiet",
        "--base-url",
        "https://org.github.io/course/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = f.public();
    remove_at_exit(f.root());
    std::mem::forget(f); // its folder goes at exit, with the other shared ones
    public
}

fn a4() -> Result<&'static Path, String> {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    if let Some(why) = poppler_missing() {
        return Err(why);
    }
    Ok(SITE.get_or_init(|| build_bundled("page_size = \"A4\"\n", "")))
}

fn letter_duplex() -> Result<&'static Path, String> {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    if let Some(why) = poppler_missing() {
        return Err(why);
    }
    Ok(SITE.get_or_init(|| {
        build_bundled(
            "page_size = \"Letter\"\nduplex = true\n",
            "[packet]\nsubtitle = \"Spring group\"\nlogo = \"static/favicon.svg\"\n",
        )
        .to_path_buf()
    }))
}

// ---------- poppler ----------

fn page_count(pdf: &Path) -> usize {
    let info = pdfinfo(pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}:\n{info}", pdf.display()))
}

fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdfinfo {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of each page, in order.
fn page_texts(pdf: &Path) -> Vec<String> {
    (1..=page_count(pdf))
        .map(|n| {
            let n = n.to_string();
            let out = Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-layout"])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

// ---------- the trials ----------

/// Each contents entry: the worksheet's title and the page the contents give.
fn contents(site: &Path) -> Vec<(String, usize)> {
    let doc = page(&site.join(PACKET_HTML));
    let item = sel(".packet-contents li");
    let link = sel("a");
    let number = sel(".contents-page");
    let hidden = sel(".visually-hidden");
    doc.select(&item)
        .map(|li| {
            let title = li.select(&link).next().unwrap().text().collect::<String>();
            let cell = li
                .select(&number)
                .next()
                .unwrap_or_else(|| panic!("no page number for {title}"));
            let label: String = cell.select(&hidden).flat_map(|h| h.text()).collect();
            let n = cell.text().collect::<String>().replacen(&label, "", 1);
            (title, n.trim().parse().unwrap())
        })
        .collect()
}

fn contents_give_the_page_each_worksheet_is_on(site: &Path) -> Option<String> {
    let pages = page_texts(&site.join(PACKET_PDF));
    let contents = contents(site);
    assert!(contents.len() >= 7, "{contents:?}");
    for (title, n) in &contents {
        let text = squash(&pages[n - 1]);
        assert!(
            text.contains(&squash(title)),
            "`{title}` is not on page {n}:\n{}",
            pages[n - 1]
        );
    }
    None
}

fn every_page_but_the_cover_shows_x_of_y(site: &Path) {
    // The packet opens with a cover; the guide does not.
    for (pdf, cover) in [(PACKET_PDF, true), (GUIDE_PDF, false)] {
        let pages = page_texts(&site.join(pdf));
        let total = pages.len();
        assert_eq!(
            !pages[0].contains(&format!("Page 1 of {total}")),
            cover,
            "{pdf}: page 1:\n{}",
            pages[0]
        );
        for (i, text) in pages.iter().enumerate().skip(usize::from(cover)) {
            let want = format!("Page {} of {total}", i + 1);
            assert!(
                text.contains(&want),
                "{pdf}: no `{want}` on its page:\n{text}"
            );
        }
    }
}

fn duplex_starts_every_worksheet_on_an_odd_page() -> Option<String> {
    let site = match letter_duplex() {
        Ok(s) => s,
        Err(why) => return Some(why),
    };
    let info = pdfinfo(&site.join(PACKET_PDF));
    assert!(info.contains("(letter)"), "{info}");
    for (title, n) in contents(site) {
        assert_eq!(n % 2, 1, "`{title}` starts on page {n}");
    }
    None
}

fn every_pdf_is_tagged_and_titled() -> Option<String> {
    let site = match a4() {
        Ok(s) => s,
        Err(why) => return Some(why),
    };
    let runsheet = "facilitator/foundations/responding-consistently/";
    for (pdf, html) in [
        (PACKET_PDF.to_string(), PACKET_HTML.to_string()),
        (GUIDE_PDF.into(), GUIDE_HTML.into()),
        (
            "print/growing-a-secure-bond.pdf".into(),
            "print/index.html".into(),
        ),
        (
            format!("{runsheet}responding-consistently-run-sheet.pdf"),
            format!("{runsheet}index.html"),
        ),
    ] {
        let doc = page(&site.join(&html));
        let title = texts(&doc, "title").remove(0);
        let info = pdfinfo(&site.join(&pdf));
        assert!(info.contains("Tagged:          yes"), "{pdf}:\n{info}");
        assert!(
            info.lines()
                .any(|l| l.strip_prefix("Title:").is_some_and(|t| t.trim() == title)),
            "{pdf} is not titled `{title}`:\n{info}"
        );
        // Its HTML page links it.
        let name = pdf.rsplit('/').next().unwrap();
        let links: Vec<String> = doc
            .select(&sel("a[href]"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            links.iter().any(|h| h.ends_with(name)),
            "{html} does not link {name}"
        );
    }
    None
}

/// Every bookmark title of a PDF, depth first.
fn outline_titles(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let root = doc.catalog().unwrap().get(b"Outlines").unwrap();
    let mut titles = Vec::new();
    let mut stack = vec![doc
        .dereference(root)
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .get(b"First")
        .ok()];
    while let Some(next) = stack.pop() {
        let Some(node) = next.and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o) else {
            continue;
        };
        let node = node.as_dict().unwrap();
        if let Ok(lopdf::Object::String(bytes, _)) = node.get(b"Title") {
            titles.push(pdf_text(bytes));
        }
        stack.push(node.get(b"Next").ok());
        stack.push(node.get(b"First").ok());
    }
    titles
}

/// A PDF text string: UTF-16 with its byte order mark, else Latin-1 near enough.
fn pdf_text(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => String::from_utf16_lossy(
            &rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        _ => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

fn packet_outline_has_one_entry_per_worksheet() -> Option<String> {
    let site = match a4() {
        Ok(s) => s,
        Err(why) => return Some(why),
    };
    let titles = outline_titles(&site.join(PACKET_PDF));
    for (title, _) in contents(site) {
        let n = titles
            .iter()
            .filter(|t| squash(t) == squash(&title))
            .count();
        assert_eq!(n, 1, "`{title}` is in the outline {n} times: {titles:?}");
    }
    None
}

fn no_facilitator_note_in_the_guide_pdf_splits_across_pages() -> Option<String> {
    let site = match a4() {
        Ok(s) => s,
        Err(why) => return Some(why),
    };
    let pages: Vec<String> = page_texts(&site.join(GUIDE_PDF))
        .iter()
        .map(|p| squash(p))
        .collect();
    let notes = texts(&page(&site.join(GUIDE_HTML)), ".facilitator-note");
    assert!(notes.len() >= 5, "{notes:?}");
    for note in notes {
        let note = squash(&note);
        assert!(
            pages.iter().any(|p| p.contains(&note)),
            "a facilitator note is not whole on any one page: {note}"
        );
    }
    None
}

fn without_pdfs_the_contents_show_no_page_numbers() {
    let doc = page(&shared_bundled_site().join(PACKET_HTML));
    assert!(!texts(&doc, ".packet-contents li").is_empty());
    assert!(texts(&doc, ".contents-page").is_empty());
}
