//! Content loading: `content/` in, a [`Course`] out.
//!
//! Discovers the course home, modules (folders with `_index.md`) and lessons (any
//! other `.md`), reads and parses them in parallel into [`ModuleFile`]s and
//! [`LessonFile`]s, then hands those to `order`, which places them (weight, then the
//! numeric file-name prefix) and builds each [`Module`] and [`Lesson`] once with its
//! stable URL. The [`Course`] is built last, with the files that failed to load.
//! Relations are indexes.

pub mod compat;
pub mod frontmatter;
mod model;
mod order;
pub mod workbench;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{self, Diagnostic, Diagnostics};
pub use compat::Compat;
pub use model::*;

pub const CONTENT_DIR: &str = "content";
/// Top-level URL segments the generator itself uses.
pub const RESERVED_SLUGS: &[&str] = &["worksheets", "print", "facilitator", "static", "search"];

/// A file found under `content/` and read, before its role is known.
struct Found {
    path: PathBuf,
    shown: PathBuf,
    /// Folder below `content/` (empty for top level).
    folder: Option<String>,
    /// The original's file name: `01-a.md` for `01-a.md` and for `01-a.es.md`.
    file_name: String,
    /// The language of a translation (`es` for `01-a.es.md`); `None` for originals.
    lang: Option<String>,
}

/// Which edition of the course to load: the original (default language) or one
/// translation, and the language tags site.toml lists.
#[derive(Debug, Clone, Copy, Default)]
pub struct Edition<'a> {
    /// `None`: the originals; `Some("es")`: `*.es.md` beside them.
    pub lang: Option<&'a str>,
    /// Tags of `[languages.<tag>]`.
    pub tags: &'a [String],
    /// The course is a Carpentries Workbench lesson, laid out as one.
    pub workbench: Option<&'a workbench::Workbench>,
}

/// The folder the course's sources (and the files they link to) are under: the
/// project for a Workbench lesson, else `content/`.
pub fn content_dir(root: &Path, workbench: bool) -> PathBuf {
    if workbench {
        root.to_path_buf()
    } else {
        root.join(CONTENT_DIR)
    }
}

/// `01-a.es.md` → (`01-a.md`, `es`) when `es` is a listed tag or looks like a
/// language code (two letters, or a tag with a script or region: `zh-Hans`, `pt-BR`).
fn translation_of(file_name: &str, tags: &[String]) -> Option<(String, String)> {
    let stem = file_name.strip_suffix(".md")?;
    let (base, tag) = stem.rsplit_once('.')?;
    let code = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_lowercase());
    let looks = match tag.split_once('-') {
        None => code(tag),
        Some((l, rest)) => {
            code(l)
                && (2..=4).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        }
    };
    (!base.is_empty() && (looks || tags.iter().any(|t| t == tag)))
        .then(|| (format!("{base}.md"), tag.to_string()))
}

/// The files of one edition: translations stand in for their originals; a lesson
/// without a translation is left out, a home or module index falls back to the
/// original. Translations for languages site.toml does not list are warned about.
fn edition_files(found: Vec<Found>, edition: Edition<'_>, diags: &mut Diagnostics) -> Vec<Found> {
    let Some(lang) = edition.lang else {
        let (originals, translations): (Vec<Found>, Vec<Found>) =
            found.into_iter().partition(|f| f.lang.is_none());
        for t in translations {
            let tag = t.lang.unwrap_or_default();
            if !edition.tags.contains(&tag) {
                diags.push(
                    Diagnostic::warning(&t.shown, format!("a translation into `{tag}`, a language site.toml does not list, so it is not built"))
                        .help(format!("add `[languages.{tag}]` with a `title` to site.toml, or rename the file")),
                );
            }
        }
        return originals;
    };
    let translated: std::collections::HashSet<(Option<String>, String)> = found
        .iter()
        .filter(|f| f.lang.as_deref() == Some(lang))
        .map(|f| (f.folder.clone(), f.file_name.clone()))
        .collect();
    // Folders holding a translated lesson: an untranslated module index stands in
    // only there, so a module with nothing translated is not an empty heading.
    let with_lessons: std::collections::HashSet<Option<String>> = translated
        .iter()
        .filter(|(_, name)| name != "_index.md")
        .map(|(folder, _)| folder.clone())
        .collect();
    found
        .into_iter()
        .filter(|f| match f.lang.as_deref() {
            Some(l) => l == lang,
            None => {
                f.file_name == "_index.md"
                    && !translated.contains(&(f.folder.clone(), f.file_name.clone()))
                    && (f.folder.is_none() || with_lessons.contains(&f.folder))
            }
        })
        .collect()
}

/// Load the course under `<root>/content`, as written (no translations).
pub fn load(
    root: &Path,
    include_drafts: bool,
    compat: Compat,
) -> Result<(Course, Diagnostics), Diagnostics> {
    load_edition(root, include_drafts, Edition::default(), compat)
}

/// Load one edition of the course under `<root>/content`.
pub fn load_edition(
    root: &Path,
    include_drafts: bool,
    edition: Edition<'_>,
    compat: Compat,
) -> Result<(Course, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let Roles {
        home,
        modules,
        module_by_folder,
        raw_lessons,
        mut broken,
    } = match edition.workbench {
        Some(wb) => workbench_roles(root, wb, &mut diags),
        None => content_roles(root, edition, &mut diags)?,
    };
    let (mut lessons, notes) =
        parse_lessons(raw_lessons, include_drafts, compat, &mut broken, &mut diags);
    if edition.workbench.is_some() {
        workbench::keep_numbers_where_pages_share_a_slug(&mut lessons);
    }
    check_lesson_folders(&lessons, &module_by_folder, &mut diags);
    let home = match home {
        Some(h) => h,
        None => {
            report_missing_home(&mut diags, edition.workbench.is_some());
            return Err(diags);
        }
    };
    let order::Placed {
        modules,
        lessons,
        sheets,
        pages,
        facilitator_pages,
    } = order::place(modules, &module_by_folder, lessons, &mut diags);
    let course = Course {
        home,
        modules,
        lessons,
        sheets,
        pages,
        facilitator_pages,
        broken,
        notes,
    };
    // Errors so far are per file: the caller goes on to find the rest, then fails.
    Ok((course, diags))
}

/// The files of the Trellis layout, under `content/`, read and sorted by role.
fn content_roles(
    root: &Path,
    edition: Edition<'_>,
    diags: &mut Diagnostics,
) -> Result<Roles, Diagnostics> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "no content folder")
                .help("create content/_index.md for the course home and one .md file per lesson"),
        );
        return Err(std::mem::take(diags));
    }
    let (found, set_aside) = discover(root, &content, edition.tags, diags);
    let found = edition_files(found, edition, diags);
    let sources: Vec<Result<Source, Diagnostic>> = found
        .par_iter()
        .map(|f| Source::read(&f.path, &f.shown))
        .collect();
    let mut roles = sort_by_role(found, sources, diags);
    roles.broken.extend(set_aside.into_iter().map(|f| f.path));
    Ok(roles)
}

/// The files of a Carpentries Workbench lesson, read, with the roles its layout
/// gives them: `index.md` is the home, each section's pages are lessons, pages
/// or facilitator pages in config.yaml's order.
fn workbench_roles(root: &Path, wb: &workbench::Workbench, diags: &mut Diagnostics) -> Roles {
    let mut roles = Roles::default();
    let home = root.join(workbench::HOME);
    if home.is_file() {
        match Source::read(&home, Path::new(workbench::HOME)).and_then(Index::from_workbench) {
            Ok(i) => roles.home = Some(i),
            Err(d) => {
                diags.push(d);
                roles.broken.push(home);
            }
        }
    }
    let pages = workbench::files(root, wb, diags);
    let sources: Vec<Result<Source, Diagnostic>> = pages
        .par_iter()
        .map(|p| Source::read(&p.path, &p.shown))
        .collect();
    for (p, src) in pages.into_iter().zip(sources) {
        match src {
            Ok(src) => roles.raw_lessons.push(RawLesson {
                folder: None,
                file_name: p.file_name,
                source: src,
                role: Some((p.kind, p.rank)),
            }),
            Err(d) => {
                diags.push(d);
                roles.broken.push(p.path);
            }
        }
    }
    roles
}

/// How many lesson files `content/` holds (drafts too), without reading them: what
/// `check` went through when the course has errors and no model was built.
pub fn count_lesson_files(root: &Path) -> usize {
    let (found, set_aside) = discover(root, &root.join(CONTENT_DIR), &[], &mut Diagnostics::new());
    found
        .iter()
        .chain(&set_aside)
        .filter(|f| f.file_name != "_index.md" && f.lang.is_none())
        .count()
}

/// A lesson file read, not yet parsed.
struct RawLesson {
    /// Its module's folder.
    folder: Option<String>,
    file_name: String,
    source: Source,
    /// What its layout says it is, and its rank there (a Workbench lesson's
    /// config.yaml order), over its front matter.
    role: Option<(PageKind, i64)>,
}

/// Files read from `content/`, sorted by role: the home, modules, and lessons still to parse.
#[derive(Default)]
struct Roles {
    home: Option<Index>,
    modules: Vec<ModuleFile>,
    module_by_folder: HashMap<String, usize>,
    raw_lessons: Vec<RawLesson>,
    /// Files that failed to load still count as existing, so links to them do not
    /// add misleading errors; the build fails on their own diagnostics.
    broken: Vec<PathBuf>,
}

/// Parse the home and module indexes, and set the lessons aside for [`parse_lessons`].
fn sort_by_role(
    found: Vec<Found>,
    sources: Vec<Result<Source, Diagnostic>>,
    diags: &mut Diagnostics,
) -> Roles {
    let mut roles = Roles::default();
    for (f, src) in found.into_iter().zip(sources) {
        let src = match src {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                roles.broken.push(f.path.clone());
                continue;
            }
        };
        let path = src.path.clone();
        match (&f.folder, f.file_name == "_index.md") {
            (None, true) => match Index::from_source(src) {
                Ok(i) => roles.home = Some(i),
                Err(d) => {
                    diags.push(d);
                    roles.broken.push(path);
                }
            },
            (Some(folder), true) => match ModuleFile::from_source(folder, src) {
                Ok(m) => {
                    roles
                        .module_by_folder
                        .insert(folder.clone(), roles.modules.len());
                    roles.modules.push(m);
                }
                Err(d) => {
                    diags.push(d);
                    roles.broken.push(path);
                }
            },
            (folder, false) => roles.raw_lessons.push(RawLesson {
                folder: folder.clone(),
                file_name: f.file_name,
                source: src,
                role: None,
            }),
        }
    }
    roles
}

/// Parse lessons in parallel, leaving out drafts unless `include_drafts`; with the
/// build's one note per tool whose front matter keys were mapped.
fn parse_lessons(
    raw_lessons: Vec<RawLesson>,
    include_drafts: bool,
    compat: Compat,
    broken: &mut Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> (Vec<LessonFile>, Vec<String>) {
    let parsed: Vec<(PathBuf, Result<LessonFile, Vec<Diagnostic>>)> = raw_lessons
        .into_par_iter()
        .map(|raw| {
            let path = raw.source.path.clone();
            let parsed = LessonFile::from_source(raw.folder, &raw.file_name, raw.source, compat);
            let placed = parsed.map(|mut l| {
                if let Some((kind, rank)) = raw.role {
                    l.front.kind = kind;
                    l.sort_key.rank = rank;
                }
                l
            });
            (path, placed)
        })
        .collect();
    let mut lessons = Vec::new();
    let mut tools: std::collections::BTreeMap<compat::Tool, usize> = Default::default();
    for (path, l) in parsed {
        match l {
            Ok(l) if l.front.draft && !include_drafts => {}
            Ok(l) => {
                diags.extend(l.warnings.iter().cloned());
                for t in &l.tools {
                    *tools.entry(*t).or_default() += 1;
                }
                lessons.push(l);
            }
            Err(d) => {
                diags.extend(d);
                broken.push(path);
            }
        }
    }
    let notes = tools.into_iter().map(|(t, n)| t.note(n)).collect();
    (lessons, notes)
}

/// Report lessons in a folder that has no `_index.md`, so is not a module.
fn check_lesson_folders(
    lessons: &[LessonFile],
    module_by_folder: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) {
    for l in lessons {
        if let Some(folder) = &l.folder {
            if !module_by_folder.contains_key(folder) {
                diags.push(
                    Diagnostic::error(
                        &l.source.shown,
                        format!("lesson is in folder `{folder}`, which has no `_index.md`"),
                    )
                    .help(format!(
                        "add content/{folder}/_index.md with a `title` to make `{folder}` a module"
                    )),
                );
            }
        }
    }
}

/// Report a missing `content/_index.md`, unless it was found and rejected: its own
/// error already says why (a bad front matter, a link out of the project).
fn report_missing_home(diags: &mut Diagnostics, workbench: bool) {
    let home = if workbench {
        PathBuf::from(workbench::HOME)
    } else {
        Path::new(CONTENT_DIR).join("_index.md")
    };
    if !diags.iter().any(|d| d.is_error() && d.path == home) {
        let help = if workbench {
            "create index.md beside config.yaml with a welcome text"
        } else {
            "create content/_index.md with `+++ title = \"…\" +++` and a welcome text"
        };
        diags.push(Diagnostic::error(home, "the course home page is missing").help(help));
    }
}

/// Where `entry` leads when that is outside the project (`canonical_root`). Only the
/// walk's own folder and links are resolved: what lies under a followed link was
/// checked at the link. `None` inside the project, or when it cannot be resolved
/// (reading it then reports the real error).
pub(crate) fn leaves_project(canonical_root: &Path, entry: &walkdir::DirEntry) -> Option<PathBuf> {
    if entry.depth() > 0 && !entry.path_is_symlink() {
        return None;
    }
    let target = entry.path().canonicalize().ok()?;
    (!target.starts_with(canonical_root)).then_some(target)
}

/// The error for a link (`shown`) that leads to `target`, outside the project.
pub(crate) fn link_outside(shown: &Path, target: &Path, help: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!(
            "this is a link to {}, outside the project",
            target.display()
        ),
    )
    .help(help)
}

/// The files under `content/`: (those to load, those found but set aside because an
/// error was reported for them).
fn discover(
    root: &Path,
    content: &Path,
    tags: &[String],
    diags: &mut Diagnostics,
) -> (Vec<Found>, Vec<Found>) {
    let mut found = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Hidden files and folders are never content; their links are not followed either.
    let mut walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        let path = entry.path();
        let shown = diag::rel(root, path);
        // A link may not smuggle in a file or folder from outside the project.
        if let Some(target) = leaves_project(&canonical_root, &entry) {
            diags.push(link_outside(
                &shown,
                &target,
                "copy the file into content/ instead of linking to it",
            ));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() || path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let rel = path.strip_prefix(content).unwrap_or(path);
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let (folder, file_name) = match parts.as_slice() {
            [file] => (None, file.clone()),
            [folder, file] => (Some(folder.clone()), file.clone()),
            _ => {
                diags.push(
                    Diagnostic::error(&shown, "lessons may be at most one folder deep (content/<module>/<lesson>.md)")
                        .help("move this file into its module folder, or rename it so it does not end in .md"),
                );
                continue;
            }
        };
        let (file_name, lang) = match translation_of(&file_name, tags) {
            Some((base, tag)) => (base, Some(tag)),
            None => (file_name, None),
        };
        found.push(Found {
            path: path.to_path_buf(),
            shown,
            folder,
            file_name,
            lang,
        });
    }
    let clashed = report_case_clashes(&found, diags);
    found.into_iter().partition(|f| {
        let folder = f.folder.as_ref().map(|m| Path::new(CONTENT_DIR).join(m));
        !clashed.contains(&f.shown) && !folder.is_some_and(|d| clashed.contains(&d))
    })
}

/// A folder that cannot be walked: a link loop, or an I/O error.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| diag::rel(root, p))
        .unwrap_or_else(|| CONTENT_DIR.into());
    let msg = if e.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else {
        format!(
            "cannot read: {}",
            e.io_error().map_or(e.to_string(), |io| io.to_string())
        )
    };
    Diagnostic::error(path, msg).help("remove the link, or point it outside its own folder")
}

/// Names that differ only by case (`Intro.md`, `intro.md`; folders `01-M`, `01-m`):
/// on a case-insensitive disk (macOS, Windows) one would replace the other. Returns
/// the second of each pair.
fn report_case_clashes(found: &[Found], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut clashed: Vec<PathBuf> = Vec::new();
    for f in found {
        let folder = f.folder.as_ref().map(|m| Path::new(CONTENT_DIR).join(m));
        // The files of a clashing folder clash too: the folder's error says it.
        if folder.as_ref().is_some_and(|d| clashed.contains(d)) {
            continue;
        }
        for shown in folder.into_iter().chain([f.shown.clone()]) {
            let key = shown.to_string_lossy().to_lowercase();
            match seen.get(&key) {
                None => {
                    seen.insert(key, shown);
                }
                Some(first) if *first != shown && !clashed.contains(&shown) => {
                    diags.push(
                        Diagnostic::error(
                            &shown,
                            format!(
                                "this name differs only by case from {}: on case-insensitive disks (macOS, Windows) one would replace the other",
                                first.display()
                            ),
                        )
                        .help("rename one of them"),
                    );
                    clashed.push(shown);
                    break;
                }
                Some(_) => {}
            }
        }
    }
    clashed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn orders_by_prefix_and_weight_across_modules() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-a/_index.md", "+++\ntitle = \"A\"\n+++\n");
        write(r, "content/01-a/01-x.md", "+++\ntitle = \"X\"\n+++\n");
        write(
            r,
            "content/01-a/02-y.md",
            "+++\ntitle = \"Y\"\nweight = 0\n+++\n",
        );
        write(r, "content/02-b/_index.md", "+++\ntitle = \"B\"\n+++\n");
        write(r, "content/02-b/10-z.md", "---\ntitle: Z\n---\n");
        let (c, _) = load(r, false, Compat::default()).unwrap();
        let urls: Vec<_> = c.lessons.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["a/y/", "a/x/", "b/z/"]);
        assert_eq!(c.modules[1].lessons, vec![2]);
        assert_eq!(c.lessons[2].number, 3);
    }

    #[test]
    fn duplicate_slugs_are_reported() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-x.md", "+++\ntitle = \"X\"\n+++\n");
        write(
            r,
            "content/02-y.md",
            "+++\ntitle = \"Y\"\nslug = \"x\"\n+++\n",
        );
        let e = load(r, false, Compat::default()).unwrap().1.sorted();
        assert_eq!(e.len(), 1);
        assert!(
            e[0].to_string()
                .starts_with("content/02-y.md:1:1: error: duplicate slug: `/x/`"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn names_that_differ_only_by_number_keep_it() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-m/_index.md", "+++\ntitle = \"M1\"\n+++\n");
        write(r, "content/02-m/_index.md", "+++\ntitle = \"M2\"\n+++\n");
        write(r, "content/01-m/01-lesson.md", "+++\ntitle = \"A\"\n+++\n");
        write(r, "content/01-m/02-lesson.md", "+++\ntitle = \"B\"\n+++\n");
        write(r, "content/02-m/01-intro.md", "+++\ntitle = \"C\"\n+++\n");
        let (c, d) = load(r, false, Compat::default()).unwrap();
        let urls: Vec<_> = c.lessons.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["01-m/01-lesson/", "01-m/02-lesson/", "02-m/intro/"]);
        let d = d.sorted();
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|x| !x.is_error()));
    }

    #[test]
    fn sheets_follow_their_lesson_and_collisions_warn_once_per_folder() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(
            r,
            "content/00-sheet.md",
            "+++\ntitle = \"S0\"\nkind = \"worksheet\"\n+++\n",
        );
        write(r, "content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n");
        write(r, "content/01-m/01-part.md", "+++\ntitle = \"A\"\n+++\n");
        write(
            r,
            "content/01-m/02-part.md",
            "+++\ntitle = \"B\"\nkind = \"worksheet\"\n+++\n",
        );
        write(r, "content/01-m/03-part.md", "+++\ntitle = \"C\"\n+++\n");
        let (c, d) = load(r, false, Compat::default()).unwrap();
        let urls: Vec<_> = c
            .lessons
            .iter()
            .map(|l| (l.url.as_str(), l.number))
            .collect();
        assert_eq!(urls, [("m/01-part/", 1), ("m/03-part/", 2)]);
        let sheets: Vec<_> = c
            .sheets
            .iter()
            .map(|l| (l.url.as_str(), l.number))
            .collect();
        assert_eq!(sheets, [("sheet/", 0), ("m/02-part/", 1)]);
        assert_eq!(c.modules[0].lessons, vec![0, 1]);
        assert_eq!(c.lessons[1].module, Some(0));
        let d: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with("content/01-m: warning: names here differ only in their number"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn drafts_are_skipped_unless_asked() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(
            r,
            "content/01-x.md",
            "+++\ntitle = \"X\"\ndraft = true\n+++\n",
        );
        assert_eq!(
            load(r, false, Compat::default()).unwrap().0.lessons.len(),
            0
        );
        assert_eq!(load(r, true, Compat::default()).unwrap().0.lessons.len(), 1);
    }
}
