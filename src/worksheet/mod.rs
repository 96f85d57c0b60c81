//! Worksheets for paper: the standalone worksheet page, the session packet
//! (`/worksheets/`), the whole-course print document (`/print/`), and QR codes.
//!
//! In: the course and each lesson's rendered [`Worksheet`]s. Out: typed views for
//! the `worksheet.html`, `packet.html` and `print.html` templates.

pub mod pdf;

use std::collections::HashMap;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::Serialize;

use crate::config::SolutionsMode;
use crate::content::Course;
use crate::content::Lesson;
use crate::markdown::{Rendered, Worksheet, ROOT};
use crate::render::views::{module_ref, page_link, ModuleRef, NavLink};

/// QR codes already made, by URL: a worksheet's code appears on its page and in the
/// packet, and `serve` remakes the packet after every save.
#[derive(Debug, Default)]
pub struct QrCache(std::sync::Mutex<HashMap<String, std::sync::Arc<str>>>);

impl QrCache {
    pub fn get(&self, url: &str) -> std::sync::Arc<str> {
        if let Some(svg) = self.0.lock().expect("qr cache").get(url) {
            return svg.clone();
        }
        let svg: std::sync::Arc<str> = qr_svg(url).into();
        self.0
            .lock()
            .expect("qr cache")
            .insert(url.to_string(), svg.clone());
        svg
    }
}

/// A QR code as inline SVG, sized for print (about 2.2 cm).
pub fn qr_svg(url: &str) -> String {
    match QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(84, 84)
            .quiet_zone(false)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build()
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1)
            .replacen(
                "<svg ",
                "<svg role=\"img\" aria-label=\"QR code linking to the lesson\" class=\"qr\" ",
                1,
            ),
        Err(_) => String::new(),
    }
}

/// Absolute URL of a site page when `base_url` is known, else its site path.
pub fn public_url(base_url: &str, url: &str) -> String {
    if base_url.is_empty() {
        format!("/{url}")
    } else {
        format!("{base_url}{url}")
    }
}

#[derive(Debug, Serialize)]
pub struct WorksheetView<'a> {
    /// The lesson it belongs to; `None` for a standalone worksheet.
    pub lesson: Option<NavLink>,
    pub module: Option<ModuleRef>,
    pub content: &'a str,
    pub qr: String,
    pub public_url: String,
    pub pdf: Option<String>,
    pub pages: u32,
}

/// Which of a worksheet's HTML variants goes on paper.
pub fn printed_html(ws: &Worksheet, mode: SolutionsMode) -> &str {
    match mode {
        SolutionsMode::Inline => &ws.html,
        SolutionsMode::Omit | SolutionsMode::AnswerKey => &ws.html_without_solutions,
    }
}

#[derive(Debug, Serialize)]
pub struct PacketItem {
    pub anchor: String,
    pub title: String,
    /// "Lesson 3: Title", or the module for a standalone worksheet.
    pub source: String,
    pub module: Option<String>,
    pub content: String,
    pub qr: String,
    pub public_url: String,
}

#[derive(Debug, Serialize)]
pub struct AnswerKeyItem {
    pub anchor: String,
    pub title: String,
    pub source: String,
    pub solutions: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PacketView {
    pub items: Vec<PacketItem>,
    pub answer_key: Vec<AnswerKeyItem>,
    pub pdf: Option<String>,
}

/// A worksheet and the page it belongs to, in course order.
pub struct SheetSource<'a> {
    /// The lesson it is part of, or the standalone worksheet file.
    pub owner: &'a Lesson,
    pub standalone: bool,
    pub ws: &'a Worksheet,
}

impl SheetSource<'_> {
    /// "Lesson 3: Title", or the module's title for a standalone worksheet.
    pub fn label(&self, course: &Course) -> String {
        if self.standalone {
            self.owner
                .module
                .map(|m| course.modules[m].title.clone())
                .unwrap_or_else(|| "Worksheet".into())
        } else {
            format!("Lesson {}: {}", self.owner.number, self.owner.front.title)
        }
    }

    /// The page the QR code and "back" link lead to.
    pub fn home_url(&self) -> &str {
        if self.standalone {
            &self.ws.url
        } else {
            &self.owner.url
        }
    }
}

/// Every worksheet in course order: each lesson's, with standalone ones after the
/// lesson they follow.
pub fn in_course_order<'a>(
    course: &'a Course,
    lessons: &'a [Rendered],
    sheets: &'a [Rendered],
) -> Vec<SheetSource<'a>> {
    let mut out = Vec::new();
    let mut s = 0;
    let mut take_sheets = |after: usize, out: &mut Vec<SheetSource<'a>>| {
        while s < course.sheets.len() && course.sheets[s].number <= after {
            for ws in &sheets[s].worksheets {
                out.push(SheetSource {
                    owner: &course.sheets[s],
                    standalone: true,
                    ws,
                });
            }
            s += 1;
        }
    };
    take_sheets(0, &mut out);
    for (l, r) in course.lessons.iter().zip(lessons) {
        for ws in &r.worksheets {
            out.push(SheetSource {
                owner: l,
                standalone: false,
                ws,
            });
        }
        take_sheets(l.number, &mut out);
    }
    take_sheets(usize::MAX, &mut out);
    out
}

pub fn packet(
    course: &Course,
    sources: &[SheetSource<'_>],
    base_url: &str,
    mode: SolutionsMode,
    pdf: Option<String>,
    qr: &QrCache,
) -> (PacketView, Vec<String>) {
    let mut items = Vec::new();
    let mut contents = Vec::new();
    let mut answer_key = Vec::new();
    for src in sources {
        let ws = src.ws;
        let n = items.len() + 1;
        let anchor = format!("ws-{n}");
        contents.push(prefix_ids(
            printed_html(ws, mode),
            &format!("{anchor}-"),
            &HashMap::new(),
        ));
        let content = crate::render::slot(contents.len() - 1);
        let public = public_url(base_url, src.home_url());
        let label = src.label(course);
        if mode == SolutionsMode::AnswerKey && !ws.solutions.is_empty() {
            answer_key.push(AnswerKeyItem {
                anchor: format!("answers-{n}"),
                title: ws.title.clone(),
                source: label.clone(),
                solutions: ws
                    .solutions
                    .iter()
                    .map(|s| prefix_ids(s, &format!("answers-{n}-"), &HashMap::new()))
                    .collect(),
            });
        }
        items.push(PacketItem {
            anchor,
            title: ws.title.clone(),
            source: label,
            module: src.owner.module.map(|m| course.modules[m].title.clone()),
            content,
            qr: qr.get(&public).to_string(),
            public_url: public,
        });
    }
    (
        PacketView {
            items,
            answer_key,
            pdf,
        },
        contents,
    )
}

#[derive(Debug, Serialize)]
pub struct PrintLesson<'a> {
    pub anchor: String,
    pub title: &'a str,
    pub number: usize,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<u32>,
    pub module: Option<ModuleRef>,
    /// Set on the first lesson of each module.
    pub module_start: Option<PrintModule>,
    pub content: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintModule {
    pub anchor: String,
    pub title: String,
    pub number: usize,
}

#[derive(Debug, Serialize)]
pub struct PrintView<'a> {
    pub intro: String,
    pub lessons: Vec<PrintLesson<'a>>,
}

/// The whole course as one document: ids made unique per lesson, links between
/// pages turned into in-page anchors.
/// The HTML of the print document's slots, made one at a time when written.
pub struct PrintSlots<'a> {
    anchors: HashMap<String, String>,
    home: &'a Rendered,
    lessons: &'a [Rendered],
}

impl PrintSlots<'_> {
    /// Slot 0 is the home page's text; slot `n` is lesson `n`'s body.
    pub fn get(&self, n: usize) -> String {
        match n {
            0 => prefix_ids(&self.home.html, "intro-", &self.anchors),
            n => self
                .lessons
                .get(n - 1)
                .map(|r| prefix_ids(&r.html, &format!("lesson-{n}-"), &self.anchors))
                .unwrap_or_default(),
        }
    }
}

/// The whole course as one document: ids made unique per lesson, links between
/// pages turned into in-page anchors. The view holds slot markers for the bodies.
pub fn print<'a>(
    course: &'a Course,
    home: &'a Rendered,
    rendered: &'a [Rendered],
) -> (PrintView<'a>, PrintSlots<'a>) {
    let mut anchors: HashMap<String, String> = HashMap::new();
    anchors.insert(String::new(), "course-start".into());
    for (i, m) in course.modules.iter().enumerate() {
        anchors.insert(format!("{}/", m.slug), format!("module-{}", i + 1));
    }
    for l in &course.lessons {
        anchors.insert(l.url.clone(), format!("lesson-{}", l.number));
    }
    let mut seen_module = None;
    let lessons = course
        .lessons
        .iter()
        .map(|l| {
            let anchor = format!("lesson-{}", l.number);
            let module_start = match l.module {
                Some(m) if seen_module != Some(m) => {
                    seen_module = Some(m);
                    Some(PrintModule {
                        anchor: format!("module-{}", m + 1),
                        title: course.modules[m].title.clone(),
                        number: m + 1,
                    })
                }
                _ => None,
            };
            PrintLesson {
                content: crate::render::slot(l.number),
                anchor,
                title: &l.front.title,
                number: l.number,
                summary: l.front.summary.as_deref(),
                objectives: &l.front.objectives,
                duration: l.front.duration,
                module: l.module.map(|m| module_ref(course, m)),
                module_start,
            }
        })
        .collect();
    (
        PrintView {
            intro: crate::render::slot(0),
            lessons,
        },
        PrintSlots {
            anchors,
            home,
            lessons: rendered,
        },
    )
}

/// Rewrite ids and references to them with `prefix`, and site links to pages that
/// the document contains into in-page anchors (`anchors`: page URL -> anchor).
pub fn prefix_ids(html: &str, prefix: &str, anchors: &HashMap<String, String>) -> String {
    const ATTRS: &[&str] = &[
        " id=\"",
        " href=\"",
        " aria-labelledby=\"",
        " aria-describedby=\"",
        " for=\"",
    ];
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    loop {
        let next = ATTRS
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, *a)))
            .min_by_key(|(i, _)| *i);
        let Some((i, attr)) = next else {
            out.push_str(rest);
            return out;
        };
        let value_start = i + attr.len();
        let Some(len) = rest[value_start..].find('"') else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_start + len];
        match attr {
            " href=\"" => {
                if let Some(frag) = value.strip_prefix('#') {
                    out.push('#');
                    out.push_str(prefix);
                    out.push_str(frag);
                } else if let Some(site) = value.strip_prefix(ROOT) {
                    let (path, frag) = site.split_once('#').unwrap_or((site, ""));
                    let page = path.strip_suffix("index.html").unwrap_or(path);
                    match anchors.get(page) {
                        Some(a) if frag.is_empty() => {
                            out.push('#');
                            out.push_str(a);
                        }
                        Some(a) => {
                            out.push('#');
                            out.push_str(&format!("{a}-{frag}"));
                        }
                        None => out.push_str(value),
                    }
                } else {
                    out.push_str(value);
                }
            }
            _ => {
                let joined: Vec<String> = value
                    .split_whitespace()
                    .map(|v| format!("{prefix}{v}"))
                    .collect();
                out.push_str(&joined.join(" "));
            }
        }
        rest = &rest[value_start + len..];
    }
}

/// Site path of a worksheet's PDF: `<lesson>/worksheet/<lesson-slug>-worksheet.pdf`.
pub fn pdf_path(ws_url: &str, lesson_slug: &str) -> String {
    let name = ws_url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("worksheet");
    if name == lesson_slug {
        // A standalone worksheet's page is its own folder.
        return format!("{ws_url}{lesson_slug}.pdf");
    }
    format!("{ws_url}{lesson_slug}-{name}.pdf")
}

/// Site path of the session packet's PDF.
pub const PACKET_PDF: &str = "worksheets/session-packet.pdf";

/// Page link for the worksheet's lesson.
pub fn lesson_link(url: &str) -> String {
    page_link(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_ids_and_rewrites_page_links() {
        let mut anchors = HashMap::new();
        anchors.insert("m/x/".to_string(), "lesson-2".to_string());
        let html = "<h2 id=\"a\">A</h2><a href=\"#a\">self</a><a href=\"trellis-root:/m/x/index.html#b\">x</a>\
                    <a href=\"trellis-root:/m/x/index.html\">x</a><img src=\"trellis-root:/m/f.svg\"><p aria-labelledby=\"a b\"></p>\
                    <a href=\"https://e.org/\">e</a>";
        let out = prefix_ids(html, "l1-", &anchors);
        assert!(out.contains("id=\"l1-a\""));
        assert!(out.contains("href=\"#l1-a\""));
        assert!(out.contains("href=\"#lesson-2-b\""));
        assert!(out.contains("href=\"#lesson-2\""));
        assert!(out.contains("src=\"trellis-root:/m/f.svg\""));
        assert!(out.contains("aria-labelledby=\"l1-a l1-b\""));
        assert!(out.contains("href=\"https://e.org/\""));
    }

    #[test]
    fn qr_is_svg() {
        let s = qr_svg("https://org.github.io/course/m/l/");
        assert!(s.contains("<svg"), "{s}");
        assert!(s.contains("aria-label"));
    }
}
