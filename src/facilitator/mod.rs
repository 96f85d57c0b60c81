//! The facilitator edition, built in the same run as the learner site: a guide with
//! every session's agenda, notes, discussion prompts and answers (`/facilitator/`),
//! and a one-page run sheet per session (`/facilitator/<module>/<lesson>/`).
//!
//! In: the site index — each lesson's session plan and facilitator notes (split
//! off the learner's tree before anything else read it), and the notes in the
//! course home's and modules' `_index.md`. Out: typed views for
//! `facilitator.html` and `runsheet.html`, and plan warnings.
//! These pages are unlisted (noindex, not in the sitemap or search), not secret.

use serde::Serialize;

use crate::content::{Course, Lesson};
use crate::diag::Diagnostic;
use crate::markdown::tree::Node;
use crate::render::body::{self, BodyCx};
use crate::render::views::{Here, ModuleRef};
use crate::render::Templates;
use crate::site::Site;

/// URL of the guide.
pub const GUIDE_URL: &str = "facilitator/";
/// Site path of the guide's PDF.
pub const GUIDE_PDF: &str = "facilitator/facilitator-guide.pdf";

/// Run sheet URL for a lesson.
pub fn runsheet_url(lesson: &Lesson) -> String {
    format!("{GUIDE_URL}{}", lesson.url)
}

/// Site path of a lesson's run sheet PDF.
pub fn runsheet_pdf(lesson: &Lesson) -> String {
    format!("{}{}-run-sheet.pdf", runsheet_url(lesson), lesson.slug)
}

/// A run sheet page: the session, and its PDF when the build printed one.
#[derive(Debug, Serialize)]
pub struct RunSheetView<'a> {
    #[serde(flatten)]
    pub session: SessionView<'a>,
    pub pdf: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaRow {
    pub start: String,
    pub end: String,
    pub minutes: u32,
    pub kind: &'static str,
    /// The segment kind as written in front matter (`check-in`), for its
    /// catalogue key (`segment-check-in`).
    pub kind_key: &'static str,
    pub title: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub rows: Vec<AgendaRow>,
    pub total: u32,
    pub duration: Option<u32>,
    /// The plan's total disagrees with the lesson's `duration`.
    pub mismatch: bool,
}

/// `HH:MM` of minutes after midnight (wrapping past midnight).
pub fn clock(minutes: u32) -> String {
    let m = minutes % (24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The lesson's session plan with start and end times from `start` (minutes after
/// midnight), written by `clock`.
pub fn agenda(lesson: &Lesson, start: u32, clock: &dyn Fn(u32) -> String) -> Agenda {
    let mut at = start;
    let rows = lesson
        .front
        .session
        .iter()
        .map(|s| {
            let row = AgendaRow {
                start: clock(at),
                end: clock(at + s.minutes),
                minutes: s.minutes,
                kind: s.kind.label(),
                kind_key: s.kind.key(),
                title: s.title.clone(),
                note: s.note.clone(),
            };
            at += s.minutes;
            row
        })
        .collect::<Vec<_>>();
    let total = at - start;
    let duration = lesson.front.duration;
    Agenda {
        mismatch: !rows.is_empty() && duration.is_some_and(|d| d != total),
        rows,
        total,
        duration,
    }
}

/// Warnings for plans whose total disagrees with `duration`.
pub fn plan_warnings(course: &Course) -> Vec<Diagnostic> {
    course
        .lessons
        .iter()
        .filter_map(|l| {
            let a = agenda(l, 0, &clock);
            a.mismatch.then(|| {
                Diagnostic::warning(
                    &l.source.shown,
                    format!(
                        "the session plan adds up to {} minutes, but `duration` is {}",
                        a.total,
                        a.duration.unwrap_or(0)
                    ),
                )
                .at(l.source.front_line, 1)
                .help("change a segment's `minutes` or the lesson's `duration` so they agree")
            })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct ActivityView {
    /// None: the activity has no heading, and the theme names it.
    pub title: Option<String>,
    pub minutes: Option<u32>,
}

/// One session, as the guide and its run sheet show it.
#[derive(Debug, Serialize)]
pub struct SessionView<'a> {
    pub anchor: String,
    pub number: usize,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub module: Option<ModuleRef>,
    pub lesson_url: String,
    pub runsheet_url: String,
    pub objectives: &'a [String],
    pub materials: &'a [String],
    pub agenda: Agenda,
    pub activities: Vec<ActivityView>,
    pub notes: Vec<String>,
    pub prompts: Vec<String>,
    pub answers: Vec<String>,
    /// The lesson's quizzes with their answers.
    pub quizzes: Vec<String>,
}

/// Trees written for the guide or a run sheet, ids prefixed with the session's anchor.
fn write_all(
    trees: &[Vec<Node>],
    t: &Templates,
    cx: &BodyCx<'_>,
) -> Result<Vec<String>, Diagnostic> {
    trees.iter().map(|n| body::html(n, cx, t)).collect()
}

pub fn session<'a>(
    site: &'a Site,
    t: &Templates,
    here: Here<'_>,
    i: usize,
    start: u32,
) -> Result<SessionView<'a>, Diagnostic> {
    let course = &site.course;
    let l = &course.lessons[i];
    let doc = &site.lessons[i];
    let anchor = format!("session-{}", l.number);
    let prefix = format!("{anchor}-");
    let cx = BodyCx {
        ids: &prefix,
        ..BodyCx::at(here)
    };
    Ok(SessionView {
        number: l.number,
        title: &l.front.title,
        summary: l.front.summary.as_deref(),
        module: l.module.map(|m| here.module_ref(course, m)),
        lesson_url: here.page_link(&l.url),
        runsheet_url: here.page_link(&runsheet_url(l)),
        objectives: &l.front.objectives,
        materials: &l.front.materials,
        agenda: agenda(l, start, &|m| site.config.clock().format(m, &t.catalogue)),
        activities: doc
            .activities
            .iter()
            .map(|a| ActivityView {
                title: a.title.clone(),
                minutes: a.minutes,
            })
            .collect(),
        notes: write_all(&doc.notes, t, &cx)?,
        prompts: write_all(&doc.prompts, t, &cx)?,
        answers: write_all(&doc.solutions, t, &cx)?,
        quizzes: doc
            .quizzes
            .iter()
            .map(|q| crate::render::quiz::answers_html(q, &cx, t))
            .collect::<Result<_, _>>()?,
        anchor,
    })
}

/// Facilitator notes from the course home's and the modules' `_index.md`, and
/// from standalone worksheets.
#[derive(Debug, Serialize)]
pub struct PageNotes {
    pub title: String,
    pub notes: Vec<String>,
}

pub fn page_notes(
    site: &Site,
    t: &Templates,
    here: Here<'_>,
) -> Result<Vec<PageNotes>, Diagnostic> {
    let course = &site.course;
    let home_title = course
        .home
        .front
        .title
        .clone()
        .unwrap_or_else(|| site.config.title.clone());
    let pages =
        std::iter::once((home_title, &site.home, "home-".to_string()))
            .chain(course.modules.iter().zip(&site.modules).enumerate().map(
                |(m, (module, doc))| (module.title.clone(), doc, format!("module-{}-", m + 1)),
            ))
            .chain(
                course
                    .sheets
                    .iter()
                    .zip(&site.sheets)
                    .enumerate()
                    .map(|(s, (sheet, doc))| {
                        (sheet.front.title.clone(), doc, format!("sheet-{}-", s + 1))
                    }),
            )
            .chain(
                course
                    .pages
                    .iter()
                    .zip(&site.pages)
                    .enumerate()
                    .map(|(p, (page, doc))| {
                        (page.front.title.clone(), doc, format!("page-{}-", p + 1))
                    }),
            );
    let mut out = Vec::new();
    for (title, doc, prefix) in pages {
        if doc.notes.is_empty() {
            continue;
        }
        let cx = BodyCx {
            ids: &prefix,
            ..BodyCx::at(here)
        };
        out.push(PageNotes {
            title,
            notes: write_all(&doc.notes, t, &cx)?,
        });
    }
    Ok(out)
}

#[derive(Debug, Serialize)]
pub struct GuideView<'a> {
    pub session_start: String,
    pub sessions: Vec<SessionView<'a>>,
    /// Notes for the whole course and for each module.
    pub home_notes: Vec<PageNotes>,
    /// Facilitator-only pages (a Workbench lesson's `instructors/`).
    pub pages: Vec<crate::render::PageLink>,
    pub pdf: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_wraps_and_pads() {
        assert_eq!(clock(18 * 60 + 30), "18:30");
        assert_eq!(clock(24 * 60 + 5), "00:05");
    }
}
