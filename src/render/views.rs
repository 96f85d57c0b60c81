//! Typed, borrowed views handed to templates. Each page gets a [`PageView`] whose
//! `page` field is the kind-specific view.

use serde::Serialize;

use crate::content::{Course, Lesson};
use crate::markdown::HeadingRef;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub author: String,
    pub base_url: String,
    pub page_size: &'static str,
    pub page_size_css: &'static str,
    pub lesson_count: usize,
    pub module_count: usize,
    pub worksheet_count: usize,
    /// Whether PDFs were produced in this build (download links show only then).
    pub pdf: bool,
    pub generator: &'static str,
    /// `ltr` or `rtl`, from the language.
    pub dir: &'static str,
    /// Browser storage scope: the course, and the edition's language after a `:`
    /// for a translation (`growing-a-secure-bond:es`).
    pub storage: String,
    /// The messages the page's JavaScript reads (JSON, safe inside `<script>`).
    pub messages: String,
    /// Pages off the guided path, linked from the home page and every sidebar.
    pub pages: Vec<PageLink>,
    /// Who to write to (`contact`): an address for a `mailto:` link, or a URL.
    pub contact: String,
    /// "Page X of Y" as the value of a CSS `content`, for the printed footer.
    pub page_of_css: String,
    /// `[theme]` in site.toml: colours, logo, favicon, font, links, footer.
    pub brand: crate::config::Brand,
}

/// A link to a page off the guided path; `url` is a site path (`setup/index.html`).
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub url: String,
}

impl PageLink {
    pub fn list(pages: &[Lesson]) -> Vec<PageLink> {
        pages
            .iter()
            .map(|p| PageLink {
                title: p.front.title.clone(),
                url: format!("{}index.html", p.url),
            })
            .collect()
    }
}

/// A page off the guided path, or a facilitator-only page.
#[derive(Debug, Serialize)]
pub struct TopicView<'a> {
    pub summary: Option<&'a str>,
    pub content: String,
    /// Facilitator notes on a facilitator page, shown after its text.
    pub notes: Vec<String>,
    pub toc: Vec<&'a HeadingRef>,
    /// The page's neighbours: the pages off the path, or the facilitator pages.
    pub pages: Vec<PageLink>,
    /// A facilitator page (it links back to the guide).
    pub facilitator: bool,
}

/// The catalogue's "Page X of Y" as a CSS `content` value: its words as
/// strings around the `page` and `pages` counters.
pub fn page_of_css(cat: &crate::i18n::Catalogue) -> String {
    use crate::i18n::Arg;
    // Private-use characters mark where the counters go.
    const PAGE: char = '\u{E000}';
    const PAGES: char = '\u{E001}';
    let text = cat.text(
        "print-page-of",
        &[
            ("page", Arg::Str(&PAGE.to_string())),
            ("pages", Arg::Str(&PAGES.to_string())),
        ],
    );
    let mut parts = Vec::new();
    for piece in text.split_inclusive([PAGE, PAGES]) {
        let (words, counter) = match piece.chars().last() {
            Some(PAGE) => (
                &piece[..piece.len() - PAGE.len_utf8()],
                Some("counter(page)"),
            ),
            Some(PAGES) => (
                &piece[..piece.len() - PAGES.len_utf8()],
                Some("counter(pages)"),
            ),
            _ => (piece, None),
        };
        if !words.is_empty() {
            parts.push(crate::worksheet::css_string(words));
        }
        parts.extend(counter.map(str::to_string));
    }
    parts.join(" ")
}

impl SiteView {
    pub fn new(site: &crate::site::Site, pdf: bool, cat: &crate::i18n::Catalogue) -> SiteView {
        let config = &site.config;
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            author: config.author.clone(),
            base_url: config.base_url.clone(),
            page_size: config.print.page_size.name(),
            page_size_css: config.print.page_size.css(),
            lesson_count: site.course.lessons.len(),
            module_count: site.course.modules.len(),
            worksheet_count: site.worksheets.len(),
            pdf,
            generator: concat!("Trellis ", env!("CARGO_PKG_VERSION")),
            dir: cat.dir(),
            storage: if config.edition.is_empty() {
                config.course_id.clone()
            } else {
                format!("{}:{}", config.course_id, config.edition)
            },
            messages: cat.js_messages(),
            pages: PageLink::list(&site.course.pages),
            contact: config.contact.clone(),
            page_of_css: page_of_css(cat),
            brand: config.brand.clone(),
        }
    }
}

/// What every template receives.
#[derive(Debug, Serialize)]
pub struct PageView<'a, T: Serialize> {
    pub site: &'a SiteView,
    /// The relative path from this page to the site root (`""`, `"../"`…).
    pub root: &'a str,
    /// Site-relative URL of this page.
    pub url: &'a str,
    /// Absolute URL of this page when `base_url` is set, else empty.
    pub canonical: String,
    pub title: &'a str,
    pub description: &'a str,
    pub kind: &'static str,
    pub noindex: bool,
    /// The page shows highlighted code, so it links `static/highlight.css`.
    pub code: bool,
    /// Structured data (JSON-LD), serialised once, for a `<script>` in the head.
    pub jsonld: Option<String>,
    /// This page in every language of a multilingual course (empty with one).
    pub languages: Vec<super::languages::LanguageLink>,
    /// The default language's page, absolute, for `hreflang="x-default"`; empty
    /// without `base_url`.
    pub x_default: String,
    pub page: T,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub title: String,
    pub url: String,
    pub number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleRef {
    pub title: String,
    pub url: String,
    pub number: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutlineLesson<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub duration: Option<u32>,
    pub url: String,
    pub number: usize,
    pub current: bool,
    pub has_worksheet: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutlineGroup<'a> {
    pub module: Option<ModuleRef>,
    pub summary: Option<&'a str>,
    pub lessons: Vec<OutlineLesson<'a>>,
    pub minutes: u32,
}

#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    pub summary: Option<&'a str>,
    pub content: String,
    pub outline: Vec<OutlineGroup<'a>>,
    pub first: Option<NavLink>,
    pub total_minutes: u32,
}

#[derive(Debug, Serialize)]
pub struct ModuleView<'a> {
    pub number: usize,
    pub summary: Option<&'a str>,
    pub content: String,
    pub lessons: Vec<OutlineLesson<'a>>,
    pub minutes: u32,
    /// Standalone worksheets that belong to the module.
    pub worksheets: Vec<WorksheetRef>,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
}

#[derive(Debug, Serialize)]
pub struct WorksheetRef {
    pub title: String,
    pub url: String,
    pub pdf: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LessonView<'a> {
    pub number: usize,
    pub total: usize,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<u32>,
    pub reading_minutes: usize,
    pub module: Option<ModuleRef>,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
    pub content: String,
    pub toc: Vec<&'a HeadingRef>,
    pub worksheets: Vec<WorksheetRef>,
    /// The current module's lessons, or a window of them in a long module
    /// (never the whole course).
    pub sidebar: Vec<OutlineLesson<'a>>,
    /// How many lessons the module has when `sidebar` is a window of it: the
    /// page links to the module page for the rest.
    pub sidebar_of: Option<usize>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// Where to suggest a change to this lesson (`[theme] edit_url`), if set.
    pub edit_url: Option<String>,
}

/// Links from one page: every URL a view holds is relative to the page it is on.
#[derive(Debug, Clone, Copy)]
pub struct Here<'a> {
    pub root: &'a str,
    /// Building the page's key, not the page: bodies stand for the key of what
    /// they are made from, and the page is hashed, not rendered (`render::pages`).
    pub key_only: bool,
}

impl Here<'_> {
    pub fn page_link(&self, url: &str) -> String {
        format!("{}{url}index.html", self.root)
    }

    pub fn file(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    pub fn nav(&self, course: &Course, i: usize) -> NavLink {
        let l = &course.lessons[i];
        NavLink {
            title: l.front.title.clone(),
            url: self.page_link(&l.url),
            number: l.number,
        }
    }

    pub fn module_ref(&self, course: &Course, m: usize) -> ModuleRef {
        let module = &course.modules[m];
        ModuleRef {
            title: module.title.clone(),
            url: self.page_link(&format!("{}/", module.slug)),
            number: m + 1,
        }
    }

    pub fn outline_lesson<'l>(
        &self,
        l: &'l Lesson,
        current: bool,
        has_worksheet: bool,
    ) -> OutlineLesson<'l> {
        OutlineLesson {
            title: &l.front.title,
            summary: l.front.summary.as_deref(),
            duration: l.front.duration,
            url: self.page_link(&l.url),
            number: l.number,
            current,
            has_worksheet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_puts_the_counters_where_the_language_puts_them() {
        let cat = |lang: &str, ftl: &str| {
            crate::i18n::Catalogue::new(lang, &[(std::path::Path::new("x.ftl"), ftl)], &[]).unwrap()
        };
        let en = cat("en", "print-page-of = Page { $page } of { $pages }\n");
        assert_eq!(
            page_of_css(&en),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        let zh = cat(
            "zh-Hans",
            "print-page-of = 第 { $page } 页，共 { $pages } 页\n",
        );
        assert_eq!(
            page_of_css(&zh),
            "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""
        );
    }
}
