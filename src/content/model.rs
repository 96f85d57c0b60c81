//! The course model: plain data, with relations as indexes.
//!
//! A [`Source`] goes in. Parsing it gives an [`Index`] (the home), a [`ModuleFile`] or a
//! [`LessonFile`]: what one file says, before it has a place in the course. Ordering
//! (`order.rs`) turns those into placed [`Module`]s and [`Lesson`]s, each built once
//! with its final slug, number and URL, and they come out in a [`Course`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::compat::{self, Compat};
use super::frontmatter;
use crate::diag::Diagnostic;
pub use crate::text::slugify;

/// Larger sources are refused: they are mistakes (a pasted video, a log), not lessons.
/// 2 MiB (about 300,000 words) keeps the hardest shapes of Markdown near a second to
/// build; at 8 MiB some took 5 s and 2 GB (bench/pathological.py).
pub const MAX_SOURCE_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Course {
    pub home: Index,
    /// Modules in course order.
    pub modules: Vec<Module>,
    /// Lessons in course order (the guided path).
    pub lessons: Vec<Lesson>,
    /// Standalone worksheets (`kind = "worksheet"`), in course order, outside the
    /// guided path; each one's `number` is the lesson it follows.
    pub sheets: Vec<Lesson>,
    /// Pages off the guided path (`kind = "page"`), in course order.
    pub pages: Vec<Lesson>,
    /// Pages for the facilitator edition only (`kind = "facilitator"`), in course order.
    pub facilitator_pages: Vec<Lesson>,
    /// Sources that failed to load (their errors are reported separately).
    pub broken: Vec<PathBuf>,
    /// One line per build about other tools' front matter that was mapped.
    pub notes: Vec<String>,
}

/// A Markdown source: where it lives and its body after the front matter.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// Path relative to the project root, for messages.
    pub shown: PathBuf,
    pub front: String,
    pub format: Option<frontmatter::Format>,
    pub front_line: usize,
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

impl Source {
    pub fn read(path: &Path, shown: &Path) -> Result<Source, Diagnostic> {
        use std::io::Read as _;
        let cannot = |e: std::io::Error| Diagnostic::error(shown, format!("cannot read: {e}"));
        // One open, its size from the open file: a course reads thousands.
        let mut file = std::fs::File::open(path).map_err(cannot)?;
        let meta = file.metadata().map_err(cannot)?;
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(Diagnostic::error(
                shown,
                format!(
                    "file is too large ({} MiB; the limit is {} MiB)",
                    meta.len() >> 20,
                    MAX_SOURCE_BYTES >> 20
                ),
            )
            .help("split it into several lessons, and keep media files out of Markdown"));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.read_to_end(&mut bytes).map_err(cannot)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            // The column counts the characters before the first bad byte.
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
            let (line, col) = crate::text::line_col(valid, at);
            Diagnostic::error(shown, "file is not valid UTF-8")
                .at(line, col)
                .help("save the file as UTF-8 in your editor")
        })?;
        let text = frontmatter::normalise(text);
        let split = frontmatter::split(&text, shown)?;
        if let Some(format) = split.format {
            let fence = if format == frontmatter::Format::Toml {
                "+++"
            } else {
                "---"
            };
            let skipped = split.body.len() - split.body.trim_start_matches('\n').len();
            let rest = &split.body[skipped..];
            if rest.lines().next().is_some_and(|l| l.trim_end() == fence)
                && rest[fence.len()..].contains(&format!("\n{fence}"))
            {
                return Err(Diagnostic::error(shown, "a second front matter block")
                    .at(split.body_line + skipped, 1)
                    .help("merge it into the first block at the top of the file"));
            }
        }
        Ok(Source {
            path: path.to_path_buf(),
            shown: shown.to_path_buf(),
            front: split.front.to_string(),
            format: split.format,
            front_line: split.front_line,
            body: split.body.to_string(),
            body_line: split.body_line,
        })
    }

    fn split(&self) -> frontmatter::Split<'_> {
        frontmatter::Split {
            format: self.format,
            front: &self.front,
            front_line: self.front_line,
            body: &self.body,
            body_line: self.body_line,
        }
    }

    fn parse_front<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        frontmatter::parse(&self.split(), &self.shown)
    }
}

/// Ordering: an explicit `weight` wins, then the numeric prefix, then the file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    pub rank: i64,
    pub name: String,
}

/// `03-safe-base` -> (Some(3), "safe-base").
pub fn split_prefix(stem: &str) -> (Option<i64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, stem);
    }
    let rest = &stem[digits..];
    match rest.as_bytes().first() {
        Some(b'-' | b'_' | b'.' | b' ') if rest.len() > 1 => {
            (stem[..digits].parse().ok(), &rest[1..])
        }
        _ => (None, stem),
    }
}

fn sort_key(weight: Option<i64>, file_name: &str) -> (SortKey, String) {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let (prefix, rest) = split_prefix(stem);
    let rank = weight.or(prefix).unwrap_or(i64::MAX);
    (
        SortKey {
            rank,
            name: file_name.to_string(),
        },
        slugify(rest),
    )
}

/// The slug with its number prefix kept, used when siblings would share a slug.
/// `None` when the slug is explicit or there was no prefix to strip.
fn numbered_slug(explicit: Option<&str>, name: &str, derived: &str) -> Option<String> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let full = slugify(stem);
    (explicit.is_none() && full != derived).then_some(full)
}

fn checked_slug(
    explicit: Option<&str>,
    derived: String,
    source: &Source,
) -> Result<String, Diagnostic> {
    let slug = explicit.map(str::to_string).unwrap_or(derived);
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !slug.starts_with('-');
    if valid {
        Ok(slug)
    } else {
        Err(
            Diagnostic::error(&source.shown, format!("`{slug}` is not a usable slug"))
                .at(source.front_line, 1)
                .help("use letters, digits and dashes, e.g. `slug = \"safe-base\"`"),
        )
    }
}

/// Front matter of the course home.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndexFront {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub front: IndexFront,
    pub source: Source,
}

impl Index {
    pub fn from_source(source: Source) -> Result<Index, Diagnostic> {
        let front = source.parse_front()?;
        Ok(Index { front, source })
    }

    /// A Workbench lesson's `index.md`: its `site:` (which names the Workbench's
    /// own site builder), `permalink` and `layout` mean nothing here and are left out.
    pub fn from_workbench(source: Source) -> Result<Index, Diagnostic> {
        const THEIRS: [&str; 3] = ["site", "permalink", "layout"];
        let raw: serde_json::Map<String, serde_json::Value> = source.parse_front()?;
        if raw.keys().all(|k| !THEIRS.contains(&k.as_str())) {
            return Index::from_source(source);
        }
        let mut raw = raw;
        raw.retain(|k, _| !THEIRS.contains(&k.as_str()));
        let front = serde_json::from_value(serde_json::Value::Object(raw)).map_err(|e| {
            Diagnostic::error(&source.shown, e.to_string()).at(source.front_line, 1)
        })?;
        Ok(Index { front, source })
    }
}

/// Front matter of a module's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModuleFront {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A module's `_index.md` as parsed, before the module has a place in the course.
#[derive(Debug, Clone)]
pub struct ModuleFile {
    /// The explicit or derived slug; the module's final one unless a sibling shares it.
    pub slug: String,
    pub title: String,
    pub front: ModuleFront,
    pub source: Source,
    pub folder: String,
    pub sort_key: SortKey,
    /// The slug with its number prefix, for when siblings share a slug.
    pub numbered_slug: Option<String>,
}

impl ModuleFile {
    /// Parse a module folder's `_index.md`.
    pub fn from_source(folder: &str, source: Source) -> Result<ModuleFile, Diagnostic> {
        let front: ModuleFront = source.parse_front()?;
        let (sort_key, derived) = sort_key(front.weight, folder);
        let numbered = numbered_slug(front.slug.as_deref(), folder, &derived);
        let slug = checked_slug(front.slug.as_deref(), derived, &source)?;
        let title = front
            .title
            .clone()
            .unwrap_or_else(|| title_from_slug(&slug));
        Ok(ModuleFile {
            slug,
            title,
            front,
            source,
            folder: folder.to_string(),
            sort_key,
            numbered_slug: numbered,
        })
    }
}

/// A module placed in the course.
#[derive(Debug, Clone)]
pub struct Module {
    pub slug: String,
    pub title: String,
    pub front: ModuleFront,
    pub source: Source,
    pub folder: String,
    /// Indexes into `Course::lessons`, in order.
    pub lessons: Vec<usize>,
}

impl Module {
    /// The module built from its file, with its final `slug` and its `lessons`.
    pub fn place(file: ModuleFile, slug: String, lessons: Vec<usize>) -> Module {
        let ModuleFile {
            title,
            front,
            source,
            folder,
            ..
        } = file;
        Module {
            slug,
            title,
            front,
            source,
            folder,
            lessons,
        }
    }
}

fn title_from_slug(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The longest session plan: one day. Agendas add minutes in `u32` and show
/// clock times, so a longer plan would wrap instead of adding up.
pub const MAX_SESSION_MINUTES: u64 = 24 * 60;

/// One part of a live session's plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub kind: SegmentKind,
    pub minutes: u32,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentKind {
    Welcome,
    CheckIn,
    Teaching,
    Activity,
    Discussion,
    Break,
    Close,
}

impl SegmentKind {
    /// The kind as front matter writes it.
    pub fn key(self) -> &'static str {
        match self {
            SegmentKind::Welcome => "welcome",
            SegmentKind::CheckIn => "check-in",
            SegmentKind::Teaching => "teaching",
            SegmentKind::Activity => "activity",
            SegmentKind::Discussion => "discussion",
            SegmentKind::Break => "break",
            SegmentKind::Close => "close",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::Welcome => "Welcome",
            SegmentKind::CheckIn => "Check-in",
            SegmentKind::Teaching => "Teaching",
            SegmentKind::Activity => "Activity",
            SegmentKind::Discussion => "Discussion",
            SegmentKind::Break => "Break",
            SegmentKind::Close => "Close",
        }
    }
}

/// What a content file is: a lesson on the guided path, a standalone worksheet, a
/// page off the path (a glossary, a setup page), or a page for facilitators only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    #[default]
    Lesson,
    Worksheet,
    /// Linked from the course home and the sidebar; not a lesson: no number, no
    /// progress, not in the pager or in print.
    Page,
    /// In the facilitator edition only (the guide), nowhere a learner looks.
    Facilitator,
}

/// Front matter of a lesson. `title` is required; everything else is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    /// `worksheet` makes the file a standalone worksheet instead of a lesson;
    /// `page`, a page off the guided path; `facilitator`, a facilitator-only page.
    #[serde(default)]
    pub kind: PageKind,
    /// The live session's plan (facilitator edition).
    #[serde(default)]
    pub session: Vec<Segment>,
    /// What the facilitator needs to bring (facilitator edition).
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A lesson file as parsed, before it has a place in the course.
#[derive(Debug, Clone)]
pub struct LessonFile {
    /// The explicit or derived slug; the lesson's final one unless a sibling shares it.
    pub slug: String,
    pub front: LessonFront,
    pub source: Source,
    /// Folder below `content/`, when the file is in one.
    pub folder: Option<String>,
    pub sort_key: SortKey,
    /// The slug with its number prefix, for when siblings share a slug.
    pub numbered_slug: Option<String>,
    /// Warnings about the file's front matter.
    pub warnings: Vec<Diagnostic>,
    /// Tools whose front matter keys were mapped.
    pub tools: Vec<compat::Tool>,
}

impl LessonFile {
    /// Parse a lesson (or standalone worksheet) file named `file_name`; every
    /// problem with its front matter is reported at once.
    pub fn from_source(
        folder: Option<String>,
        file_name: &str,
        mut source: Source,
        compat: Compat,
    ) -> Result<LessonFile, Vec<Diagnostic>> {
        let mut warnings = Vec::new();
        if source.format.is_none() {
            let Some((title, body)) = compat::title_from_heading(&source.body) else {
                let msg = if source.body.trim().is_empty() {
                    "file is empty"
                } else {
                    "lesson has no front matter"
                };
                return Err(vec![Diagnostic::error(&source.shown, msg)
                    .at(1, 1)
                    .help("start the lesson with front matter that has a title:\n    +++\n    title = \"My lesson\"\n    +++")]);
            };
            warnings.push(
                Diagnostic::warning(
                    &source.shown,
                    "lesson has no front matter: its title comes from its first heading",
                )
                .at(1, 1)
                .help(format!(
                    "add front matter to say so yourself:\n    +++\n    title = {title:?}\n    +++"
                )),
            );
            source.body = body;
            source.format = Some(frontmatter::Format::Toml);
            source.front = format!("title = {}\n", toml::Value::from(title.as_str()));
        }
        let (front, mapped) = lesson_front(&source, compat)?;
        warnings.extend(mapped.diags);
        let tools = mapped.tools;
        let source = source;
        if front.title.trim().is_empty() {
            return Err(vec![
                Diagnostic::error(&source.shown, "`title` is empty").at(source.front_line, 1)
            ]);
        }
        let planned: u64 = front.session.iter().map(|s| u64::from(s.minutes)).sum();
        if planned > MAX_SESSION_MINUTES {
            return Err(vec![Diagnostic::error(
                &source.shown,
                format!("the session plan adds up to {planned} minutes, more than a day"),
            )
            .at(source.front_line, 1)
            .help(format!("a session plan covers one sitting (at most {MAX_SESSION_MINUTES} minutes); check each segment's `minutes`"))]);
        }
        let (sort_key, derived) = sort_key(front.weight, file_name);
        let numbered = numbered_slug(front.slug.as_deref(), file_name, &derived);
        let slug = checked_slug(front.slug.as_deref(), derived, &source).map_err(|d| vec![d])?;
        Ok(LessonFile {
            slug,
            front,
            source,
            folder,
            sort_key,
            numbered_slug: numbered,
            warnings,
            tools,
        })
    }
}

/// A lesson's front matter, with other tools' keys sorted out by [`compat::lesson`]:
/// all unknown keys are reported together, and only errors fail.
fn lesson_front(
    source: &Source,
    compat: Compat,
) -> Result<(LessonFront, compat::Mapped), Vec<Diagnostic>> {
    let raw: serde_json::Value = source.parse_front().map_err(|d| vec![d])?;
    let serde_json::Value::Object(map) = raw else {
        return source
            .parse_front()
            .map(|f| (f, compat::Mapped::default()))
            .map_err(|d| vec![d]);
    };
    let unknown = map
        .keys()
        .any(|k| !compat::LESSON_KEYS.contains(&k.as_str()));
    if !unknown {
        // The typed parse gives type errors at their own line.
        return source
            .parse_front()
            .map(|f| (f, compat::Mapped::default()))
            .map_err(|d| vec![d]);
    }
    let mapped = compat::lesson(map, &source.front, source.front_line, &source.shown, compat);
    if mapped.diags.iter().any(Diagnostic::is_error) {
        return Err(mapped.diags);
    }
    let front =
        serde_json::from_value(serde_json::Value::Object(mapped.front.clone())).map_err(|e| {
            vec![Diagnostic::error(&source.shown, e.to_string()).at(source.front_line, 1)]
        })?;
    Ok((front, mapped))
}

/// Where a lesson goes in the course: what placing adds to a [`LessonFile`].
#[derive(Debug, Clone)]
pub struct Placement {
    /// The final slug.
    pub slug: String,
    /// Index into `Course::modules`.
    pub module: Option<usize>,
    /// 1-based position on the guided path (for a standalone worksheet, the lesson it follows).
    pub number: usize,
    /// Site-relative URL path with a trailing slash.
    pub url: String,
}

/// A lesson (or standalone worksheet) placed in the course.
#[derive(Debug, Clone)]
pub struct Lesson {
    pub slug: String,
    pub front: LessonFront,
    pub source: Source,
    /// Folder below `content/`, when the lesson belongs to a module.
    pub folder: Option<String>,
    /// Index into `Course::modules`.
    pub module: Option<usize>,
    /// 1-based position on the guided path.
    pub number: usize,
    /// Site-relative URL path with a trailing slash, e.g. `foundations/what-is/`.
    pub url: String,
    /// Warnings about its front matter, kept so `serve` can tell when they change.
    pub warnings: Vec<Diagnostic>,
}

impl Lesson {
    /// The lesson built from its file, at its place in the course.
    pub fn place(file: LessonFile, at: Placement) -> Lesson {
        let LessonFile {
            front,
            source,
            folder,
            warnings,
            ..
        } = file;
        Lesson {
            warnings,
            slug: at.slug,
            front,
            source,
            folder,
            module: at.module,
            number: at.number,
            url: at.url,
        }
    }

    pub fn title(&self) -> &str {
        &self.front.title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_slugs() {
        assert_eq!(split_prefix("03-safe-base"), (Some(3), "safe-base"));
        assert_eq!(split_prefix("intro"), (None, "intro"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert_eq!(slugify("Safe Base: Exploring!"), "safe-base-exploring");
        assert_eq!(title_from_slug("growing-together"), "Growing together");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_character_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        // Line 2 holds `€` (3 bytes) and `ab` before the bad byte: column 4, not 6.
        std::fs::write(&path, b"+++\n\xe2\x82\xacab\xff\n").unwrap();
        let e = Source::read(&path, Path::new("a.md")).unwrap_err();
        assert_eq!(
            e.to_string().lines().next(),
            Some("a.md:2:4: error: file is not valid UTF-8")
        );
    }
}
