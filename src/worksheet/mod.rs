//! Worksheets for paper: the standalone worksheet page, the session packet
//! (`/worksheets/`), the whole-course print document (`/print/`), and QR codes.
//!
//! In: the site index, whose worksheets are trees. Out: typed views for the
//! `worksheet.html`, `packet.html` and `print.html` templates, with each body
//! written for its place: ids prefixed per sheet or lesson, links between pages
//! of the print document made in-page anchors.

pub mod layout;
pub mod parts;
pub mod pdf;
pub mod qr;

pub use parts::{packet_pdf, packet_url, print_pdf, print_url, PrintPart, PACKET_PDF};
pub use qr::{qr_svg, QrCache};

use std::collections::HashMap;

use serde::Serialize;

use crate::config::SolutionsMode;
use crate::diag::Diagnostic;
use crate::i18n::{Arg, Catalogue};
use crate::markdown::tree::{BlockKind, Node};
use crate::markdown::Doc;
use crate::render::body::{self, BodyCx};
use crate::render::views::{Here, ModuleRef, NavLink};
use crate::render::Templates;
use crate::site::{Owner, PrintFilter, PrintScope, Site};

/// Absolute URL of a site page when `base_url` is known, else its site path.
pub fn public_url(base_url: &str, url: &str) -> String {
    if base_url.is_empty() {
        format!("/{url}")
    } else {
        format!("{base_url}{url}")
    }
}

/// A printed page's way back to its site page: a QR code and its caption.
#[derive(Debug, Default, Serialize)]
pub struct QrLink {
    /// Inline SVG; empty without `base_url` (a bare path leads nowhere from paper).
    pub svg: String,
    /// The absolute URL the code holds.
    pub url: String,
    /// The URL as printed under the code: without its scheme, on one line.
    pub caption: String,
}

impl QrLink {
    /// The link to site path `url`, or none when `base_url` is not set. For a
    /// page's key ([`Here::key_only`]) the code stands for the URL it holds: it
    /// is made from nothing else.
    pub fn new(base_url: &str, url: &str, cache: &QrCache, here: Here<'_>) -> QrLink {
        if base_url.is_empty() {
            return QrLink::default();
        }
        let absolute = public_url(base_url, url);
        QrLink {
            svg: if here.key_only {
                String::new()
            } else {
                cache.get(&absolute).to_string()
            },
            caption: short_url(&absolute).to_string(),
            url: absolute,
        }
    }
}

/// `https://org.github.io/course/m/l/` as `org.github.io/course/m/l/`.
pub fn short_url(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.strip_prefix("www.").unwrap_or(rest)
}

#[derive(Debug, Serialize)]
pub struct WorksheetView {
    /// The lesson it belongs to; `None` for a standalone worksheet.
    pub lesson: Option<NavLink>,
    pub module: Option<ModuleRef>,
    pub content: String,
    pub qr: QrLink,
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
    pub qr: QrLink,
    /// The page it starts on, once a print has told.
    pub page: Option<usize>,
    /// A blank page goes before it (duplex printing).
    pub blank_before: bool,
    /// "Course · Worksheet" as a CSS string, for the running header.
    pub running_head: String,
    /// A lesson's quizzes: they flow over as many pages as they need, where a
    /// worksheet is laid out on its one page.
    pub quiz: bool,
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
    /// The module of a split course's module packet.
    pub module: Option<ModuleRef>,
    pub items: Vec<PacketItem>,
    pub answer_key: Vec<AnswerKeyItem>,
    pub pdf: Option<String>,
    /// In a split course, the course packet lists the modules' packets; a
    /// packet too long for one lists its parts.
    pub parts: Vec<PrintPart>,
    /// A part of a long packet: its title and neighbours.
    pub part: Option<parts::PartView>,
    /// `[packet]` of site.toml: a line under the title.
    pub subtitle: String,
    /// The cover's logo, linked from this page.
    pub logo: Option<String>,
    /// Where the answer key starts, once a print has told, and whether a blank
    /// page goes before it.
    pub answer_key_page: Option<usize>,
    pub answer_key_blank: bool,
    /// Printed on both sides: the cover's back stays blank.
    pub duplex: bool,
}

/// How the packet goes on paper: its PDF link and what a print said of it.
pub struct PacketPaper<'a> {
    pub pdf: Option<String>,
    pub layout: &'a layout::PacketLayout,
}

/// Anchor of the packet's answer key.
pub const ANSWER_KEY: &str = "answer-key";

impl PacketView {
    /// The anchors of its parts that start a page, in print order.
    pub fn parts_in_order(&self) -> Vec<String> {
        let mut anchors: Vec<String> = self.items.iter().map(|w| w.anchor.clone()).collect();
        if !self.answer_key.is_empty() {
            anchors.push(ANSWER_KEY.into());
        }
        anchors
    }
}

/// `text` as a quoted CSS string, safe inside a `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `[packet]` logo as a link from `here`: a site path, or an absolute URL.
fn logo_link(site: &Site, here: Here<'_>) -> Option<String> {
    let logo = site.config.packet.logo.as_deref()?;
    Some(if logo.contains("://") || logo.starts_with("data:") {
        logo.to_string()
    } else {
        here.file(logo.trim_start_matches('/'))
    })
}

fn scope_module(site: &Site, here: Here<'_>, scope: PrintScope) -> Option<ModuleRef> {
    scope.module().map(|m| here.module_ref(&site.course, m))
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

/// The session packet of `scope`: its worksheets, one per page, and an answer
/// key (each keeps its number in the course, so ids stay the same when split).
/// Worksheet `n`'s entry in the packet's answer key: its solutions, when the key
/// is printed and it has any.
fn answer_key_item(
    (site, t, here): (&Site, &Templates, Here<'_>),
    n: usize,
    (title, children): (&str, &[Node]),
    source: &str,
) -> Result<Option<AnswerKeyItem>, Diagnostic> {
    let mut sols = Vec::new();
    solutions(children, &mut sols);
    if site.config.print.solutions != SolutionsMode::AnswerKey || sols.is_empty() {
        return Ok(None);
    }
    let prefix = format!("answers-{n}-");
    let cx = BodyCx {
        ids: &prefix,
        ..BodyCx::at(here)
    };
    Ok(Some(AnswerKeyItem {
        anchor: format!("answers-{n}"),
        title: title.to_string(),
        source: source.to_string(),
        solutions: sols
            .iter()
            .map(|s| body::html(s, &cx, t))
            .collect::<Result<_, _>>()?,
    }))
}

pub fn packet(
    site: &Site,
    t: &Templates,
    (here, scope): (Here<'_>, PrintScope),
    qr: &QrCache,
    paper: &PacketPaper<'_>,
) -> Result<PacketView, Diagnostic> {
    let layout = paper.layout;
    let mode = site.config.print.solutions;
    let mut items = Vec::new();
    let mut answer_key = Vec::new();
    // A lesson's quizzes follow its worksheets: they go in before the next lesson's.
    let mut quizzes = Quizzes::new(site, t, (here, scope), qr, layout);
    for (k, r) in site.worksheets.iter().enumerate() {
        let owner = site.owner(r.owner);
        if !quizzes.filter.holds(owner.module, owner.number) {
            continue;
        }
        if let Owner::Lesson(i) = r.owner {
            quizzes.until(i, &mut items, &mut answer_key)?;
        }
        let ws = site.sheet(*r);
        let n = k + 1;
        let anchor = format!("ws-{n}");
        let prefix = format!("{anchor}-");
        let cx = BodyCx {
            ids: &prefix,
            solutions: shows_solutions(mode),
            ..BodyCx::at(here)
        };
        let home = match r.owner {
            Owner::Sheet(_) => &ws.url,
            Owner::Lesson(_) => &site.owner(r.owner).url,
        };
        let source = label(site, r.owner, &t.catalogue);
        answer_key.extend(answer_key_item(
            (site, t, here),
            n,
            (&ws.title, &ws.block.children),
            &source,
        )?);
        items.push(PacketItem {
            title: ws.title.clone(),
            source,
            module: site
                .owner(r.owner)
                .module
                .map(|m| site.course.modules[m].title.clone()),
            content: body::html(&ws.block.children, &cx, t)?,
            qr: QrLink::new(&site.config.base_url, home, qr, here),
            page: layout.page(&anchor),
            blank_before: layout.blank_before(&anchor),
            running_head: css_string(&format!("{} · {}", site.config.title, ws.title)),
            quiz: false,
            anchor,
        });
    }
    quizzes.until(site.lessons.len(), &mut items, &mut answer_key)?;
    Ok(PacketView {
        module: scope_module(site, here, scope),
        items,
        answer_key,
        pdf: paper.pdf.clone(),
        parts: parts::listed(site, here, scope, parts::Paper::Packet),
        part: parts::part_view(site, (here, scope), parts::Paper::Packet, &t.catalogue),
        subtitle: site.config.packet.subtitle.clone(),
        logo: logo_link(site, here),
        answer_key_page: layout.page(ANSWER_KEY),
        answer_key_blank: layout.blank_before(ANSWER_KEY),
        duplex: site.config.print.duplex,
    })
}

/// The packet's quiz sections, taken lesson by lesson in course order.
struct Quizzes<'s> {
    site: &'s Site,
    t: &'s Templates,
    here: Here<'s>,
    /// What the packet holds.
    filter: PrintFilter,
    qr: &'s QrCache,
    layout: &'s layout::PacketLayout,
    /// The lessons it holds, in course order.
    held: Vec<usize>,
    /// The first of `held` whose quizzes are not in the packet yet.
    next: usize,
}

impl<'s> Quizzes<'s> {
    fn new(
        site: &'s Site,
        t: &'s Templates,
        (here, scope): (Here<'s>, PrintScope),
        qr: &'s QrCache,
        layout: &'s layout::PacketLayout,
    ) -> Self {
        let filter = site.print_filter(scope);
        Quizzes {
            site,
            t,
            here,
            held: filter.held(&site.course),
            filter,
            qr,
            layout,
            next: 0,
        }
    }

    /// Put in the quizzes of every lesson before `end` not yet in.
    fn until(
        &mut self,
        end: usize,
        items: &mut Vec<PacketItem>,
        key: &mut Vec<AnswerKeyItem>,
    ) -> Result<(), Diagnostic> {
        while let Some(&i) = self.held.get(self.next).filter(|&&i| i < end) {
            self.next += 1;
            if self.site.lessons[i].quizzes.is_empty() {
                continue;
            }
            let (item, answers) = self.item(i)?;
            items.push(item);
            key.extend(answers);
        }
        Ok(())
    }

    /// Lesson `i`'s quizzes as one packet section, and their answer-key entry.
    fn item(&self, i: usize) -> Result<(PacketItem, Option<AnswerKeyItem>), Diagnostic> {
        let (site, t) = (self.site, self.t);
        let mode = site.config.print.solutions;
        let lesson = &site.course.lessons[i];
        let anchor = format!("quiz-{}", i + 1);
        let prefix = format!("{anchor}-");
        let cx = BodyCx {
            ids: &prefix,
            solutions: shows_solutions(mode),
            ..BodyCx::at(self.here)
        };
        let quizzes = &site.lessons[i].quizzes;
        let mut content = String::new();
        for q in quizzes {
            content.push_str(&crate::render::quiz::html(q, &cx, t)?);
        }
        // Named after its lesson, so the contents and the PDF outline tell the
        // sections apart.
        let title = format!(
            "{} · {}",
            t.catalogue.text("quiz-title", &[]),
            lesson.front.title
        );
        let source = label(site, Owner::Lesson(i), &t.catalogue);
        let answers = if mode == SolutionsMode::AnswerKey {
            let prefix = format!("quiz-answers-{}-", i + 1);
            let cx = BodyCx {
                ids: &prefix,
                ..BodyCx::at(self.here)
            };
            Some(AnswerKeyItem {
                anchor: format!("quiz-answers-{}", i + 1),
                title: title.clone(),
                source: source.clone(),
                solutions: quizzes
                    .iter()
                    .map(|q| crate::render::quiz::answers_html(q, &cx, t))
                    .collect::<Result<_, _>>()?,
            })
        } else {
            None
        };
        let item = PacketItem {
            qr: QrLink::new(&site.config.base_url, &lesson.url, self.qr, self.here),
            page: self.layout.page(&anchor),
            blank_before: self.layout.blank_before(&anchor),
            running_head: css_string(&format!("{} · {}", site.config.title, title)),
            quiz: true,
            anchor,
            title,
            source,
            module: lesson.module.map(|m| site.course.modules[m].title.clone()),
            content,
        };
        Ok((item, answers))
    }
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
    /// The module of a split course's module document.
    pub module: Option<ModuleRef>,
    pub intro: String,
    pub lessons: Vec<PrintLesson<'a>>,
    /// In a split course, the course document lists the modules' documents; a
    /// document too long for one lists its parts.
    pub parts: Vec<PrintPart>,
    /// A part of a long document: its title and neighbours.
    pub part: Option<parts::PartView>,
    /// Its PDF, linked from this page, when the build printed one.
    pub pdf: Option<String>,
}

/// The print document of `scope` (the whole course, or one module of a split
/// one): each lesson's ids prefixed with its anchor, links between pages it
/// holds made in-page anchors; links to pages it does not hold stay links.
pub fn print<'s>(
    site: &'s Site,
    t: &Templates,
    here: Here<'_>,
    scope: PrintScope,
) -> Result<PrintView<'s>, Diagnostic> {
    let course = &site.course;
    let held = site.print_filter(scope).held(course);
    // A part leaves out its document's introduction: the list of parts has it.
    let intro: Option<&Doc> = match scope {
        PrintScope::Part(..) => None,
        PrintScope::Module(m) => Some(&site.modules[m]),
        PrintScope::Course => Some(&site.home),
    };
    let anchors = print_anchors(site, scope, &held);
    let cx = BodyCx {
        anchors: Some(&anchors),
        quiz_answers: shows_solutions(site.config.print.solutions),
        ..BodyCx::at(here)
    };
    let mut seen_module = None;
    let mut lessons = Vec::new();
    for &i in &held {
        let (l, doc) = (&course.lessons[i], &site.lessons[i]);
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
            content: body::doc_html(
                doc,
                &BodyCx {
                    ids: &format!("{anchor}-"),
                    ..cx
                },
                t,
            )?,
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
        module: scope_module(site, here, scope),
        intro: match intro {
            // Through the doc, so a key hashes its tree once per build.
            Some(doc) => body::doc_html(
                doc,
                &BodyCx {
                    ids: "intro-",
                    ..cx
                },
                t,
            )?,
            None => String::new(),
        },
        lessons,
        parts: parts::listed(site, here, scope, parts::Paper::Print),
        part: parts::part_view(site, (here, scope), parts::Paper::Print, &t.catalogue),
        pdf: None,
    })
}

/// The in-page anchors of the pages a print document holds: the course start
/// (the whole course's), each module's start and each lesson's.
fn print_anchors(site: &Site, scope: PrintScope, held: &[usize]) -> body::Anchors {
    let course = &site.course;
    let mut anchors: HashMap<String, String> = HashMap::new();
    if scope == PrintScope::Course {
        anchors.insert(String::new(), "course-start".into());
    }
    for &i in held {
        let l = &course.lessons[i];
        if let Some(m) = l.module {
            let m_url = format!("{}/", course.modules[m].slug);
            anchors.entry(m_url).or_insert(format!("module-{}", m + 1));
        }
        anchors.insert(l.url.clone(), format!("lesson-{}", l.number));
    }
    body::Anchors::new(anchors)
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: Here<'static> = Here {
        root: "../",
        key_only: false,
    };

    #[test]
    fn without_base_url_there_is_no_qr_code() {
        let link = QrLink::new("", "m/l/", &QrCache::default(), PAGE);
        assert!(link.svg.is_empty() && link.url.is_empty() && link.caption.is_empty());
    }

    #[test]
    fn the_qr_link_is_absolute_and_its_caption_has_no_scheme() {
        let link = QrLink::new(
            "https://org.github.io/course/",
            "m/l/",
            &QrCache::default(),
            PAGE,
        );
        assert_eq!(link.url, "https://org.github.io/course/m/l/");
        assert_eq!(link.caption, "org.github.io/course/m/l/");
        assert!(link.svg.contains("<svg"));
    }

    /// A page's key holds the URL a code is made from, not the code: making
    /// codes was 40% of a warm build whose pages were all kept.
    #[test]
    fn a_keys_qr_link_holds_its_url_and_no_code() {
        let cache = QrCache::default();
        let key_only = Here {
            key_only: true,
            ..PAGE
        };
        let link = QrLink::new("https://org.github.io/course/", "m/l/", &cache, key_only);
        assert_eq!(link.url, "https://org.github.io/course/m/l/");
        assert!(link.svg.is_empty());
        assert!(cache.is_empty(), "no code was made");
    }

    /// A title with quotes or a `</style>` stays one string inside `<style>`.
    #[test]
    fn css_strings_escape_quotes_and_markup() {
        assert_eq!(css_string("Día 1 · \"Hi\""), "\"Día 1 · \\22 Hi\\22 \"");
        assert_eq!(css_string("a</style>"), "\"a\\3c /style\\3e \"");
    }
}
