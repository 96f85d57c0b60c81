//! Print documents and packets, whole or in parts. In: the site index and a
//! [`PrintScope`]. Out: each document's URL and PDF path, the documents a whole
//! one lists (its modules' in a split course, its own parts when it is too long
//! for one), and a part's title and links to its neighbours.

use serde::Serialize;

use crate::i18n::{Arg, Catalogue};
use crate::render::views::Here;
use crate::site::{PartSpan, PrintScope, Site};

/// Which of the two printed documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// The lessons: `/print/`.
    Print,
    /// The worksheets: `/worksheets/`.
    Packet,
}

impl Paper {
    /// Site URL of `scope`'s document.
    pub fn url(self, site: &Site, scope: PrintScope) -> String {
        match self {
            Paper::Print => print_url(site, scope),
            Paper::Packet => packet_url(site, scope),
        }
    }

    /// Whether `scope`'s document of this kind is made: a packet needs a worksheet.
    fn exists(self, site: &Site, scope: PrintScope) -> bool {
        self == Paper::Print || site.packet_has_sheets(scope)
    }
}

/// The folder a document lives in: `print/`, `<module>/print/`, then `<n>/`
/// for part `n`.
fn url_in(site: &Site, scope: PrintScope, folder: &str) -> String {
    match scope {
        PrintScope::Course => format!("{folder}/"),
        PrintScope::Module(m) => format!("{}/{folder}/", site.course.modules[m].slug),
        PrintScope::Part(_, p) => format!("{}{}/", url_in(site, scope.whole(), folder), p + 1),
    }
}

/// Site URL of `scope`'s print document (`print/`, `<module>/print/`,
/// `<module>/print/2/`).
pub fn print_url(site: &Site, scope: PrintScope) -> String {
    url_in(site, scope, "print")
}

/// Site path of `scope`'s print document PDF, named after the course or module
/// (and the part).
pub fn print_pdf(site: &Site, scope: PrintScope) -> String {
    let name = match scope.module() {
        None => site.config.course_id.as_str(),
        Some(m) => site.course.modules[m].slug.as_str(),
    };
    match scope {
        PrintScope::Part(_, p) => format!("{}{name}-part-{}.pdf", print_url(site, scope), p + 1),
        _ => format!("{}{name}.pdf", print_url(site, scope)),
    }
}

/// Site URL of `scope`'s packet (`worksheets/`, `<module>/worksheets/`,
/// `<module>/worksheets/2/`).
pub fn packet_url(site: &Site, scope: PrintScope) -> String {
    url_in(site, scope, "worksheets")
}

/// Site path of the course's session packet PDF.
pub const PACKET_PDF: &str = "worksheets/session-packet.pdf";

/// Site path of `scope`'s packet PDF.
pub fn packet_pdf(site: &Site, scope: PrintScope) -> String {
    match scope {
        PrintScope::Course => PACKET_PDF.into(),
        _ => format!("{}session-packet.pdf", packet_url(site, scope)),
    }
}

/// A document a whole one lists: a module's, or one of its own parts.
#[derive(Debug, Serialize)]
pub struct PrintPart {
    /// The module's title and number (a part of the course's: empty, 0).
    pub title: String,
    pub number: usize,
    pub url: String,
    pub lessons: usize,
    pub worksheets: usize,
    /// For a part: which lessons it holds.
    pub span: Option<PartSpan>,
}

/// The documents of kind `paper` that `whole`'s lists, linked from `here`: in a
/// split course the course's lists its modules'; a document longer than
/// `[print] max_lessons` lists its parts. A part lists none.
pub fn listed(site: &Site, here: Here<'_>, whole: PrintScope, paper: Paper) -> Vec<PrintPart> {
    let mut scopes = Vec::new();
    match whole {
        PrintScope::Part(..) => return Vec::new(),
        PrintScope::Course if site.print_split() => {
            scopes.extend((0..site.course.modules.len()).map(PrintScope::Module));
        }
        _ => {}
    }
    let spans = site.part_spans(whole);
    scopes.extend((0..spans.len()).map(|p| PrintScope::Part(whole.module(), p)));
    scopes
        .into_iter()
        .filter(|&s| paper.exists(site, s))
        .map(|scope| {
            let filter = site.content_filter(scope);
            let worksheets = site
                .worksheets
                .iter()
                .filter(|r| {
                    let l = site.owner(r.owner);
                    filter.holds(l.module, l.number)
                })
                .count();
            let span = match scope {
                PrintScope::Part(_, p) => Some(spans[p]),
                _ => None,
            };
            let module = scope.module().map(|m| &site.course.modules[m]);
            PrintPart {
                title: module.map(|m| m.title.clone()).unwrap_or_default(),
                number: scope.module().map_or(0, |m| m + 1),
                url: here.page_link(&paper.url(site, scope)),
                lessons: span.map_or_else(|| module.map_or(0, |m| m.lessons.len()), |s| s.lessons),
                worksheets,
                span,
            }
        })
        .collect()
}

/// A part's place in its document: its title, and links to the whole (the
/// list of parts) and to the parts before and after it.
#[derive(Debug, Serialize)]
pub struct PartView {
    /// "Module 3: Title — part 2 of 17 (lessons 61–120)".
    pub title: String,
    pub span: PartSpan,
    pub whole: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The name of a whole document: the course's title, or "Module 3: Title".
pub fn whole_title(site: &Site, whole: PrintScope, cat: &Catalogue) -> String {
    match whole.module() {
        None => site.config.title.clone(),
        Some(m) => cat.text(
            "module-title",
            &[
                ("number", Arg::Num((m + 1) as f64)),
                ("title", Arg::Str(&site.course.modules[m].title)),
            ],
        ),
    }
}

/// "Module 3: Title — part 2 of 17 (lessons 61–120)".
pub fn part_title(site: &Site, whole: PrintScope, span: PartSpan, cat: &Catalogue) -> String {
    let key = if span.first == span.last {
        "print-part-title-one"
    } else {
        "print-part-title"
    };
    cat.text(
        key,
        &[
            ("document", Arg::Str(&whole_title(site, whole, cat))),
            ("part", Arg::Num(span.part as f64)),
            ("parts", Arg::Num(span.parts as f64)),
            ("first", Arg::Num(span.first as f64)),
            ("last", Arg::Num(span.last as f64)),
        ],
    )
}

/// `scope`'s place among its document's parts, when it is a part.
pub fn part_view(
    site: &Site,
    (here, scope): (Here<'_>, PrintScope),
    paper: Paper,
    cat: &Catalogue,
) -> Option<PartView> {
    let PrintScope::Part(module, p) = scope else {
        return None;
    };
    let whole = scope.whole();
    let spans = site.part_spans(whole);
    let link = |q: usize| {
        let s = PrintScope::Part(module, q);
        paper
            .exists(site, s)
            .then(|| here.page_link(&paper.url(site, s)))
    };
    Some(PartView {
        title: part_title(site, whole, spans[p], cat),
        span: spans[p],
        whole: here.page_link(&paper.url(site, whole)),
        previous: (0..p).rev().find_map(link),
        next: (p + 1..spans.len()).find_map(link),
    })
}
