//! Typed, borrowed views handed to templates. Each page gets a [`PageView`] whose
//! `page` field is the kind-specific view.

use serde::Serialize;

use crate::content::{Course, Lesson};
use crate::markdown::{Heading, ROOT};

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
    pub worksheet_count: usize,
    /// Whether PDFs were produced in this build (download links show only then).
    pub pdf: bool,
    pub generator: &'static str,
}

/// What every template receives.
#[derive(Debug, Serialize)]
pub struct PageView<'a, T: Serialize> {
    pub site: &'a SiteView,
    /// Prefix for site-internal URLs; the output stage makes it relative.
    pub root: &'static str,
    /// Site-relative URL of this page.
    pub url: &'a str,
    /// Absolute URL of this page when `base_url` is set, else empty.
    pub canonical: String,
    pub title: &'a str,
    pub description: &'a str,
    pub kind: &'static str,
    pub noindex: bool,
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
    pub content: &'a str,
    pub outline: Vec<OutlineGroup<'a>>,
    pub first: Option<NavLink>,
    pub total_minutes: u32,
}

#[derive(Debug, Serialize)]
pub struct ModuleView<'a> {
    pub number: usize,
    pub summary: Option<&'a str>,
    pub content: &'a str,
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
    pub content: &'a str,
    pub toc: Vec<&'a Heading>,
    pub worksheets: Vec<WorksheetRef>,
    /// The current module's lessons (never the whole course).
    pub sidebar: Vec<OutlineLesson<'a>>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

pub fn page_link(url: &str) -> String {
    format!("{ROOT}{url}index.html")
}

pub fn nav(course: &Course, i: usize) -> NavLink {
    let l = &course.lessons[i];
    NavLink {
        title: l.front.title.clone(),
        url: page_link(&l.url),
        number: l.number,
    }
}

pub fn module_ref(course: &Course, m: usize) -> ModuleRef {
    let module = &course.modules[m];
    ModuleRef {
        title: module.title.clone(),
        url: page_link(&format!("{}/", module.slug)),
        number: m + 1,
    }
}

pub fn outline_lesson<'a>(l: &'a Lesson, current: bool, has_worksheet: bool) -> OutlineLesson<'a> {
    OutlineLesson {
        title: &l.front.title,
        summary: l.front.summary.as_deref(),
        duration: l.front.duration,
        url: page_link(&l.url),
        number: l.number,
        current,
        has_worksheet,
    }
}
