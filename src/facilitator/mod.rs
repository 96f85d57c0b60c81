//! The facilitator edition, built in the same run as the learner site: a guide with
//! every session's agenda, notes, discussion prompts and answers (`/facilitator/`),
//! and a one-page run sheet per session (`/facilitator/<module>/<lesson>/`).
//!
//! In: the course, each lesson's rendered facilitator notes and session plan. Out:
//! typed views for `facilitator.html` and `runsheet.html`, and plan warnings.
//! These pages are unlisted (noindex, not in the sitemap or search), not secret.

use serde::Serialize;

use crate::content::{Course, Lesson};
use crate::diag::Diagnostic;
use crate::markdown::Rendered;
use crate::render::views::{module_ref, page_link, ModuleRef};

/// URL of the guide.
pub const GUIDE_URL: &str = "facilitator/";
/// Site path of the guide's PDF.
pub const GUIDE_PDF: &str = "facilitator/facilitator-guide.pdf";

/// Whether a lesson has anything for a facilitator: a session plan or notes.
pub fn has_session(lesson: &Lesson, r: &Rendered) -> bool {
    !lesson.front.session.is_empty() || !r.facilitator.is_empty()
}

/// Run sheet URL for a lesson.
pub fn runsheet_url(lesson: &Lesson) -> String {
    format!("{GUIDE_URL}{}", lesson.url)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaRow {
    pub start: String,
    pub end: String,
    pub minutes: u32,
    pub kind: &'static str,
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

/// The lesson's session plan with start and end times from `start` (minutes after midnight).
pub fn agenda(lesson: &Lesson, start: u32) -> Agenda {
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
            let a = agenda(l, 0);
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
    pub title: String,
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
    pub notes: &'a [String],
    pub prompts: &'a [String],
    pub answers: &'a [String],
}

pub fn session<'a>(course: &'a Course, i: usize, r: &'a Rendered, start: u32) -> SessionView<'a> {
    let l = &course.lessons[i];
    SessionView {
        anchor: format!("session-{}", l.number),
        number: l.number,
        title: &l.front.title,
        summary: l.front.summary.as_deref(),
        module: l.module.map(|m| module_ref(course, m)),
        lesson_url: page_link(&l.url),
        runsheet_url: page_link(&runsheet_url(l)),
        objectives: &l.front.objectives,
        materials: &l.front.materials,
        agenda: agenda(l, start),
        activities: r
            .activities
            .iter()
            .map(|a| ActivityView {
                title: a.title.clone(),
                minutes: a.minutes,
            })
            .collect(),
        notes: &r.facilitator,
        prompts: &r.prompts,
        answers: &r.solutions,
    }
}

#[derive(Debug, Serialize)]
pub struct GuideView<'a> {
    pub session_start: String,
    pub sessions: Vec<SessionView<'a>>,
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
