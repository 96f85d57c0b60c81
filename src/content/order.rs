//! Ordering: parsed [`ModuleFile`]s and [`LessonFile`]s in; placed [`Module`]s, guided
//! [`Lesson`]s and standalone worksheets out, in course order.
//!
//! Placements come first (course order, numbers, final slugs, URLs); then each value
//! is built once, complete; then the addresses are checked on the built values.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{
    Lesson, LessonFile, Module, ModuleFile, PageKind, Placement, SortKey, CONTENT_DIR,
    RESERVED_SLUGS,
};
use crate::diag::{Diagnostic, Diagnostics};

/// The placed content of a course, in course order.
pub(super) struct Placed {
    pub modules: Vec<Module>,
    /// The guided path.
    pub lessons: Vec<Lesson>,
    /// Standalone worksheets (`kind = "worksheet"`).
    pub sheets: Vec<Lesson>,
    /// Pages off the guided path (`kind = "page"`).
    pub pages: Vec<Lesson>,
    /// Facilitator-only pages (`kind = "facilitator"`).
    pub facilitator_pages: Vec<Lesson>,
}

/// One entry in the course's top-level order: a module, or a lesson outside modules.
enum Item {
    Module(usize),
    Lesson(usize),
}

/// A lesson's place before its slug is final.
struct Slot {
    /// Index into the parsed lesson files.
    file: usize,
    /// Index into the ordered modules.
    module: Option<usize>,
    /// 1-based on the guided path; a standalone worksheet has that of the lesson it follows.
    number: usize,
    /// What the file is: only lessons are on the guided path.
    kind: PageKind,
}

/// Order, name and number the parsed files, then build each placed value once.
pub(super) fn place(
    modules: Vec<ModuleFile>,
    module_by_folder: &HashMap<String, usize>,
    lessons: Vec<LessonFile>,
    diags: &mut Diagnostics,
) -> Placed {
    let (order, module_order) = course_order(&modules, module_by_folder, &lessons);
    let slots = number(&lessons, order);
    let (module_slugs, lesson_slugs) =
        final_slugs(&modules, &module_order, &lessons, &slots, diags);
    let mut module_lessons: Vec<Vec<usize>> = vec![Vec::new(); module_order.len()];
    for (i, s) in slots
        .iter()
        .filter(|s| s.kind == PageKind::Lesson)
        .enumerate()
    {
        if let Some(m) = s.module {
            module_lessons[m].push(i);
        }
    }
    let [guided, sheets, pages, facilitator_pages] =
        build_lessons(lessons, slots, lesson_slugs, &module_slugs);
    let placed = Placed {
        modules: build_modules(modules, module_order, module_slugs, module_lessons),
        lessons: guided,
        sheets,
        pages,
        facilitator_pages,
    };
    check_addresses(&placed, diags);
    placed
}

/// Course order: (lesson, new module) index pairs, and the old module indexes in order.
fn course_order(
    modules: &[ModuleFile],
    module_by_folder: &HashMap<String, usize>,
    lessons: &[LessonFile],
) -> (Vec<(usize, Option<usize>)>, Vec<usize>) {
    // Order lessons inside their module, and top-level items among themselves.
    let mut by_module: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
    let mut items: Vec<(SortKey, Item)> = Vec::new();
    for (i, l) in lessons.iter().enumerate() {
        match l.folder.as_ref().and_then(|f| module_by_folder.get(f)) {
            Some(&m) => by_module[m].push(i),
            None => items.push((l.sort_key.clone(), Item::Lesson(i))),
        }
    }
    for (i, m) in modules.iter().enumerate() {
        items.push((m.sort_key.clone(), Item::Module(i)));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    for list in &mut by_module {
        list.sort_by(|&a, &b| lessons[a].sort_key.cmp(&lessons[b].sort_key));
    }

    // Flatten into course order, remapping indexes.
    let mut order: Vec<(usize, Option<usize>)> = Vec::with_capacity(lessons.len());
    let mut module_order = Vec::with_capacity(modules.len());
    for (_, item) in &items {
        match *item {
            Item::Lesson(i) => order.push((i, None)),
            Item::Module(m) => {
                let new_m = module_order.len();
                module_order.push(m);
                order.extend(by_module[m].iter().map(|&i| (i, Some(new_m))));
            }
        }
    }
    (order, module_order)
}

/// Number the lessons in course `order`: the guided path first, then the standalone
/// worksheets, pages and facilitator pages, which keep their place in the order but
/// leave the guided path (their `number` is that of the lesson they follow, 0
/// before the first).
fn number(lessons: &[LessonFile], order: Vec<(usize, Option<usize>)>) -> Vec<Slot> {
    let mut guided = Vec::with_capacity(order.len());
    let mut others = Vec::new();
    for (file, module) in order {
        let kind = lessons[file].front.kind;
        let on_path = kind == PageKind::Lesson;
        let slot = Slot {
            file,
            module,
            number: guided.len() + usize::from(on_path),
            kind,
        };
        if on_path {
            guided.push(slot);
        } else {
            others.push(slot);
        }
    }
    // Stable: each kind keeps its course order.
    others.sort_by_key(|s| kind_rank(s.kind));
    guided.extend(others);
    guided
}

/// Where a kind's files go in [`build_lessons`]' lists.
fn kind_rank(kind: PageKind) -> usize {
    match kind {
        PageKind::Lesson => 0,
        PageKind::Worksheet => 1,
        PageKind::Page => 2,
        PageKind::Facilitator => 3,
    }
}

/// Siblings that derive the same slug from a numbered name, and the folders where
/// names keep their number because of it.
#[derive(Default)]
struct Collisions<'a> {
    /// (parent module, slug) -> how many siblings derive it from a numbered name.
    counts: HashMap<(Option<usize>, &'a str), usize>,
    folders: Vec<PathBuf>,
}

impl<'a> Collisions<'a> {
    /// Count `slug` under `parent` when it was derived from a numbered name.
    fn count(&mut self, parent: Option<usize>, slug: &'a str, numbered: Option<&String>) {
        if numbered.is_some() {
            *self.counts.entry((parent, slug)).or_default() += 1;
        }
    }

    /// The final slug: `numbered` when siblings share `slug` (noting `folder` for the
    /// warning), else `slug`.
    fn slug(
        &mut self,
        parent: Option<usize>,
        slug: &'a str,
        numbered: Option<&String>,
        folder: impl FnOnce() -> PathBuf,
    ) -> String {
        let shared = self.counts.get(&(parent, slug)).is_some_and(|&n| n > 1);
        match numbered {
            Some(full) if shared => {
                let folder = folder();
                if !self.folders.contains(&folder) {
                    self.folders.push(folder);
                }
                full.clone()
            }
            _ => slug.to_string(),
        }
    }
}

/// Final slugs of the ordered modules and of the `slots`. Siblings whose names differ
/// only in their number (`01-lesson.md`, `02-lesson.md`) keep the number in their
/// slugs, so each still gets its own stable URL; one warning per folder says so.
fn final_slugs(
    modules: &[ModuleFile],
    module_order: &[usize],
    lessons: &[LessonFile],
    slots: &[Slot],
    diags: &mut Diagnostics,
) -> (Vec<String>, Vec<String>) {
    let mut c = Collisions::default();
    for m in modules {
        c.count(None, &m.slug, m.numbered_slug.as_ref());
    }
    for s in slots {
        let l = &lessons[s.file];
        c.count(s.module, &l.slug, l.numbered_slug.as_ref());
    }
    let module_slugs: Vec<String> = module_order
        .iter()
        .map(|&i| {
            let m = &modules[i];
            c.slug(None, &m.slug, m.numbered_slug.as_ref(), || {
                PathBuf::from(CONTENT_DIR)
            })
        })
        .collect();
    let lesson_slugs = slots
        .iter()
        .map(|s| {
            let l = &lessons[s.file];
            c.slug(s.module, &l.slug, l.numbered_slug.as_ref(), || {
                match s.module {
                    Some(m) => Path::new(CONTENT_DIR).join(&modules[module_order[m]].folder),
                    None => PathBuf::from(CONTENT_DIR),
                }
            })
        })
        .collect();
    for folder in c.folders {
        diags.push(
            Diagnostic::warning(folder, "names here differ only in their number, so their URLs keep it (e.g. `01-lesson`)")
                .help("give files distinct names, or set `slug` in front matter, for URLs that survive renumbering"),
        );
    }
    (module_slugs, lesson_slugs)
}

/// Build each lesson at its slot, with its final slug and URL: the guided path,
/// sheets, pages and facilitator pages (those under the guide's address).
fn build_lessons(
    lessons: Vec<LessonFile>,
    slots: Vec<Slot>,
    slugs: Vec<String>,
    module_slugs: &[String],
) -> [Vec<Lesson>; 4] {
    let mut files: Vec<Option<LessonFile>> = lessons.into_iter().map(Some).collect();
    let mut out: [Vec<Lesson>; 4] = Default::default();
    for (s, slug) in slots.into_iter().zip(slugs) {
        let mut url = match s.module {
            Some(m) => format!("{}/{slug}/", module_slugs[m]),
            None => format!("{slug}/"),
        };
        if s.kind == PageKind::Facilitator {
            url = format!("{}{url}", crate::facilitator::GUIDE_URL);
        }
        let file = files[s.file].take().expect("each lesson placed once");
        let at = Placement {
            slug,
            module: s.module,
            number: s.number,
            url,
        };
        out[kind_rank(s.kind)].push(Lesson::place(file, at));
    }
    out
}

/// Build the modules in `module_order`, with their final slugs and lesson lists.
fn build_modules(
    modules: Vec<ModuleFile>,
    module_order: Vec<usize>,
    slugs: Vec<String>,
    lessons: Vec<Vec<usize>>,
) -> Vec<Module> {
    let mut files: Vec<Option<ModuleFile>> = modules.into_iter().map(Some).collect();
    module_order
        .into_iter()
        .zip(slugs.into_iter().zip(lessons))
        .map(|(m, (slug, lessons))| {
            let file = files[m].take().expect("each module placed once");
            Module::place(file, slug, lessons)
        })
        .collect()
}

/// Report duplicate or reserved slugs among the placed modules, lessons and sheets,
/// and addresses that differ only by case: on a case-insensitive disk (macOS,
/// Windows) their pages would overwrite each other.
fn check_addresses(placed: &Placed, diags: &mut Diagnostics) {
    // Lower-cased address -> (address, source file) of its first claim.
    let mut seen: HashMap<String, (String, PathBuf)> = HashMap::new();
    let mut claim =
        |url: String, shown: &Path, diags: &mut Diagnostics| match seen.get(&url.to_lowercase()) {
            Some((first_url, first)) => diags.push(clash(&url, shown, first_url, first)),
            None => {
                seen.insert(url.to_lowercase(), (url, shown.to_path_buf()));
            }
        };
    for m in &placed.modules {
        if RESERVED_SLUGS.contains(&m.slug.as_str()) {
            diags.push(reserved(&m.source.shown, &m.slug));
        }
        claim(format!("{}/", m.slug), &m.source.shown, diags);
    }
    let pages = placed.pages.iter().chain(&placed.facilitator_pages);
    for l in placed.lessons.iter().chain(&placed.sheets).chain(pages) {
        if l.module.is_none() && RESERVED_SLUGS.contains(&l.slug.as_str()) {
            diags.push(reserved(&l.source.shown, &l.slug));
        }
        if l.slug == "worksheet" && l.module.is_some() {
            diags.push(reserved(&l.source.shown, &l.slug));
        }
        claim(l.url.clone(), &l.source.shown, diags);
    }
    // A lesson's run sheet is at its address under the guide, where facilitator
    // pages are too.
    for l in &placed.lessons {
        let runsheet = format!("{}{}", crate::facilitator::GUIDE_URL, l.url);
        if let Some((_, first)) = seen.get(&runsheet.to_lowercase()) {
            if first != &l.source.shown {
                diags.push(clash(&runsheet, first, &runsheet, &l.source.shown));
            }
        }
    }
}

/// `url` of `shown` is the address `first_url` of `first`, or differs from it only by case.
fn clash(url: &str, shown: &Path, first_url: &str, first: &Path) -> Diagnostic {
    let message = if url == first_url {
        format!(
            "duplicate slug: `/{url}` is also the address of {}",
            first.display()
        )
    } else {
        format!(
            "the address `/{url}` differs only by case from `/{first_url}`, the address of {}: on case-insensitive disks (macOS, Windows) one page would replace the other",
            first.display()
        )
    };
    Diagnostic::error(shown, message)
        .at(1, 1)
        .help("rename one of the files, or set a different `slug` in its front matter")
}

fn reserved(shown: &Path, slug: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!("the slug `{slug}` is reserved for pages Trellis makes"),
    )
    .at(1, 1)
    .help(format!(
        "set another `slug` in the front matter; reserved: {}",
        RESERVED_SLUGS.join(", ")
    ))
}
