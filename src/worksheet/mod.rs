//! Worksheets for paper: the standalone worksheet page, the session packet
//! (`/worksheets/`), the whole-course print document (`/print/`), and QR codes.
//!
//! In: the site index, whose worksheets are trees. Out: typed views for the
//! `worksheet.html`, `packet.html` and `print.html` templates, with each body
//! written for its place: ids prefixed per sheet or lesson, links between pages
//! of the print document made in-page anchors.

pub mod pdf;

use std::collections::HashMap;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::Serialize;

use crate::config::SolutionsMode;
use crate::diag::Diagnostic;
use crate::i18n::{Arg, Catalogue};
use crate::markdown::tree::{BlockKind, Node};
use crate::render::body::{self, BodyCx};
use crate::render::views::{Here, ModuleRef, NavLink};
use crate::render::Templates;
use crate::site::{Owner, Site};

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
            // HTML literals, kept here: the qrcode crate writes the SVG element
            // itself, so its XML prolog is dropped and it is hidden from screen
            // readers; the template's wrapper carries the role and the label
            // (`qr-label` in the message catalogue).
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1)
            .replacen(
                "<svg ",
                "<svg aria-hidden=\"true\" focusable=\"false\" class=\"qr\" ",
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
pub struct WorksheetView {
    /// The lesson it belongs to; `None` for a standalone worksheet.
    pub lesson: Option<NavLink>,
    pub module: Option<ModuleRef>,
    pub content: String,
    pub qr: String,
    pub public_url: String,
    pub pdf: Option<String>,
    pub pages: u32,
}

/// Whether worksheets go on paper with their solutions.
pub fn shows_solutions(mode: SolutionsMode) -> bool {
    matches!(mode, SolutionsMode::Inline)
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

/// The solutions inside a worksheet (a nested one is part of its outer one).
fn solutions(nodes: &[Node], out: &mut Vec<Vec<Node>>) {
    for n in nodes {
        match n {
            Node::Block(b) if b.kind == BlockKind::Solution => out.push(b.children.clone()),
            other => {
                if let Some(children) = crate::markdown::tree::children(other) {
                    solutions(children, out);
                }
            }
        }
    }
}

/// "Lesson 3: Title", or the module's title for a standalone worksheet.
fn label(site: &Site, owner: Owner, cat: &Catalogue) -> String {
    let l = site.owner(owner);
    match owner {
        Owner::Sheet(_) => l
            .module
            .map(|m| site.course.modules[m].title.clone())
            .unwrap_or_else(|| cat.text("worksheet", &[])),
        Owner::Lesson(_) => cat.text(
            "lesson-title",
            &[
                ("number", Arg::Num(l.number as f64)),
                ("title", Arg::Str(&l.front.title)),
            ],
        ),
    }
}

/// The session packet: every worksheet, one per page, and an answer key.
pub fn packet(
    site: &Site,
    t: &Templates,
    here: Here<'_>,
    qr: &QrCache,
    pdf: Option<String>,
) -> Result<PacketView, Diagnostic> {
    let mode = site.config.print.solutions;
    let mut items = Vec::new();
    let mut answer_key = Vec::new();
    for (k, r) in site.worksheets.iter().enumerate() {
        let ws = site.sheet(*r);
        let n = k + 1;
        let anchor = format!("ws-{n}");
        let prefix = format!("{anchor}-");
        let cx = BodyCx {
            ids: &prefix,
            solutions: shows_solutions(mode),
            ..BodyCx::page(here.root)
        };
        let home = match r.owner {
            Owner::Sheet(_) => &ws.url,
            Owner::Lesson(_) => &site.owner(r.owner).url,
        };
        let public = public_url(&site.config.base_url, home);
        let source = label(site, r.owner, &t.catalogue);
        let mut sols = Vec::new();
        solutions(&ws.block.children, &mut sols);
        if mode == SolutionsMode::AnswerKey && !sols.is_empty() {
            let prefix = format!("answers-{n}-");
            let cx = BodyCx {
                ids: &prefix,
                ..BodyCx::page(here.root)
            };
            answer_key.push(AnswerKeyItem {
                anchor: format!("answers-{n}"),
                title: ws.title.clone(),
                source: source.clone(),
                solutions: sols
                    .iter()
                    .map(|s| body::html(s, &cx, t))
                    .collect::<Result<_, _>>()?,
            });
        }
        items.push(PacketItem {
            anchor,
            title: ws.title.clone(),
            source,
            module: site
                .owner(r.owner)
                .module
                .map(|m| site.course.modules[m].title.clone()),
            content: body::html(&ws.block.children, &cx, t)?,
            qr: qr.get(&public).to_string(),
            public_url: public,
        });
    }
    Ok(PacketView {
        items,
        answer_key,
        pdf,
    })
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

/// The whole course as one document: each lesson's ids prefixed with its anchor,
/// links between its pages made in-page anchors.
pub fn print<'s>(
    site: &'s Site,
    t: &Templates,
    here: Here<'_>,
) -> Result<PrintView<'s>, Diagnostic> {
    let course = &site.course;
    let mut anchors: HashMap<String, String> = HashMap::new();
    anchors.insert(String::new(), "course-start".into());
    for (i, m) in course.modules.iter().enumerate() {
        anchors.insert(format!("{}/", m.slug), format!("module-{}", i + 1));
    }
    for l in &course.lessons {
        anchors.insert(l.url.clone(), format!("lesson-{}", l.number));
    }
    let write = |nodes: &[Node], prefix: &str| {
        let cx = BodyCx {
            ids: prefix,
            anchors: Some(&anchors),
            ..BodyCx::page(here.root)
        };
        body::html(nodes, &cx, t)
    };
    let mut seen_module = None;
    let mut lessons = Vec::with_capacity(course.lessons.len());
    for (l, doc) in course.lessons.iter().zip(&site.lessons) {
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
        lessons.push(PrintLesson {
            content: write(&doc.body, &format!("{anchor}-"))?,
            anchor,
            title: &l.front.title,
            number: l.number,
            summary: l.front.summary.as_deref(),
            objectives: &l.front.objectives,
            duration: l.front.duration,
            module: l.module.map(|m| here.module_ref(course, m)),
            module_start,
        });
    }
    Ok(PrintView {
        intro: write(&site.home.body, "intro-")?,
        lessons,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_svg() {
        let s = qr_svg("https://org.github.io/course/m/l/");
        assert!(s.contains("<svg"), "{s}");
        assert!(
            s.contains("aria-hidden=\"true\""),
            "the wrapper in the template names it"
        );
    }
}
