//! The site index: the one place that knows the course. Views and `serve` read it.
//!
//! In: the config, the course and every page's [`Doc`]. Out: [`Site`] — the
//! worksheets in course order, every page's anchors (fragment links are checked
//! against them, standalone worksheets included), each lesson's neighbours and
//! sidebar, and the dependency map ([`Site::readers`]): which pages show what of a
//! lesson. The views take their neighbours from the same functions, so the map
//! cannot drift from what pages show.

pub mod collisions;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::content::{Course, Lesson};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{Doc, Worksheet, RESERVED_IDS};

/// A lesson's neighbours shown in the sidebar, on each side, in a flat course or a
/// module too long to list whole.
pub const SIDEBAR_WINDOW: usize = 5;

/// The most lessons a module may have for its lessons' sidebars to list it whole;
/// a longer module shows a window, so no lesson page grows with its module.
pub const SIDEBAR_MODULE_MAX: usize = 20;

/// Whose page a worksheet belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Lesson(usize),
    /// A standalone worksheet file (`kind = "worksheet"`).
    Sheet(usize),
}

/// A worksheet's place: its owner and its position on the owner's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SheetRef {
    pub owner: Owner,
    pub k: usize,
}

/// Every page of the site that shows something of a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Module(usize),
    Lesson(usize),
    RunSheet(usize),
    /// Index into [`Site::worksheets`].
    Worksheet(usize),
    /// A page off the guided path: index into `course.pages`.
    Page(usize),
    /// A facilitator-only page: index into `course.facilitator_pages`.
    FacilitatorPage(usize),
}

/// What one print document or session packet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrintScope {
    /// `/print/`, `/worksheets/`: the whole course, or, when it is split, the
    /// list of the modules' documents and the lessons outside any module.
    Course,
    /// `/<module>/print/`, `/<module>/worksheets/`: one module, in a split course.
    Module(usize),
    /// `…/print/<n>/`, `…/worksheets/<n>/`: part `p` (from 0) of the course's
    /// (`None`) or a module's document, when it holds more than
    /// `[print] max_lessons` lessons.
    Part(Option<usize>, usize),
}

impl PrintScope {
    /// The document a part belongs to (a whole document is its own).
    pub fn whole(self) -> PrintScope {
        match self {
            PrintScope::Part(None, _) => PrintScope::Course,
            PrintScope::Part(Some(m), _) => PrintScope::Module(m),
            whole => whole,
        }
    }

    /// The module the document is about, if any.
    pub fn module(self) -> Option<usize> {
        match self.whole() {
            PrintScope::Module(m) => Some(m),
            _ => None,
        }
    }
}

/// The lessons of one print part: its number from 1, how many parts its
/// document has, and the course numbers of its first and last lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PartSpan {
    pub part: usize,
    pub parts: usize,
    pub first: usize,
    pub last: usize,
    /// How many lessons it holds.
    pub lessons: usize,
}

/// Which lessons and worksheets one print document or packet holds.
#[derive(Debug, Clone)]
pub struct PrintFilter {
    whole: PrintScope,
    split: bool,
    /// The course numbers of the lessons it holds (a whole document: all).
    numbers: std::ops::Range<usize>,
}

impl PrintFilter {
    /// Whether it holds a lesson or worksheet of module `module` that is, or
    /// follows, the lesson numbered `number`.
    pub fn holds(&self, module: Option<usize>, number: usize) -> bool {
        let in_whole = match self.whole {
            PrintScope::Module(m) => module == Some(m),
            _ => !self.split || module.is_none(),
        };
        in_whole && self.numbers.contains(&number)
    }

    /// The indexes of the lessons it holds, in course order: only its module's
    /// lessons are looked at when it is a module's, so the documents of a large
    /// course do not each walk all of it.
    pub fn held(&self, course: &Course) -> Vec<usize> {
        let holds = |&i: &usize| {
            let l = &course.lessons[i];
            self.holds(l.module, l.number)
        };
        match self.whole {
            PrintScope::Module(m) => course.modules[m]
                .lessons
                .iter()
                .copied()
                .filter(holds)
                .collect(),
            _ => (0..course.lessons.len()).filter(holds).collect(),
        }
    }
}

pub struct Site {
    pub config: SiteConfig,
    pub course: Course,
    pub home: Arc<Doc>,
    pub modules: Vec<Arc<Doc>>,
    pub lessons: Vec<Arc<Doc>>,
    pub sheets: Vec<Arc<Doc>>,
    /// Pages off the guided path, as `course.pages`.
    pub pages: Vec<Arc<Doc>>,
    /// Facilitator-only pages, as `course.facilitator_pages`.
    pub facilitator_pages: Vec<Arc<Doc>>,
    /// Every worksheet in course order: each lesson's, standalone ones after the
    /// lesson they follow.
    pub worksheets: Vec<SheetRef>,
    /// Positions in `worksheets` by owner, so a page finds its own in one look-up.
    by_owner: HashMap<Owner, Vec<usize>>,
    /// Warnings (a site with errors is never made).
    pub warnings: Diagnostics,
}

impl Site {
    /// Index the course. Fails with every error found in any page.
    pub fn new(
        config: SiteConfig,
        course: Course,
        docs: Docs,
        content_diags: Diagnostics,
    ) -> Result<Site, Diagnostics> {
        let Docs {
            home,
            modules,
            lessons,
            sheets,
            pages,
            facilitator_pages,
        } = docs;
        let mut site = Site {
            worksheets: Vec::new(),
            by_owner: HashMap::new(),
            config,
            course,
            home,
            modules,
            lessons,
            sheets,
            pages,
            facilitator_pages,
            warnings: Diagnostics::new(),
        };
        site.reindex(content_diags)?;
        Ok(site)
    }

    /// Derive the index from the pages again — after `serve` replaced one — and
    /// check it: every page's errors, and links to fragments no page has.
    pub fn reindex(&mut self, mut diags: Diagnostics) -> Result<(), Diagnostics> {
        self.worksheets = in_course_order(&self.course, &self.lessons, &self.sheets);
        self.by_owner = HashMap::new();
        for (k, r) in self.worksheets.iter().enumerate() {
            self.by_owner.entry(r.owner).or_default().push(k);
        }
        for d in self.docs() {
            diags.extend(d.diags.iter().cloned());
        }
        diags.extend(self.broken_fragments());
        diags.extend(self.worksheets_off_the_path());
        if diags.has_errors() {
            return Err(diags);
        }
        diags.extend(crate::facilitator::plan_warnings(&self.course));
        diags.extend(self.config.brand.warnings.iter().cloned());
        diags.extend(
            self.course
                .modules
                .iter()
                .filter(|m| m.lessons.is_empty())
                .map(|m| {
                    Diagnostic::warning(&m.source.shown, "module has no lessons")
                        .at(m.source.front_line, 1)
                        .help(format!(
                    "add one with `trellis new lesson \"Title\" --module {}`, or remove the folder",
                    m.folder
                ))
                }),
        );
        self.warnings = diags;
        Ok(())
    }

    /// Every page's doc: lessons, standalone worksheets, pages, facilitator
    /// pages, modules, the home page.
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        self.lessons
            .iter()
            .chain(&self.sheets)
            .chain(&self.pages)
            .chain(&self.facilitator_pages)
            .chain(&self.modules)
            .chain(std::iter::once(&self.home))
            .map(|d| &**d)
    }

    /// Every tree of every doc that a page can show but its body (whose code
    /// each doc sums up in [`Doc::code`]): facilitator notes, worksheets,
    /// solutions and prompts.
    fn trees(&self) -> impl Iterator<Item = &[crate::markdown::tree::Node]> {
        self.docs().flat_map(|d| {
            d.notes
                .iter()
                .map(Vec::as_slice)
                .chain(d.worksheets.iter().map(|w| w.block.children.as_slice()))
                .chain(d.solutions.iter().map(Vec::as_slice))
                .chain(d.prompts.iter().map(Vec::as_slice))
        })
    }

    /// The `hl-` classes of every highlighted code block in the course, for the
    /// highlight stylesheet (derived from the index, so `serve` and a fresh build
    /// agree).
    pub fn code_classes(&self) -> std::collections::BTreeSet<String> {
        let mut classes = crate::markdown::highlight::CodeClasses::default();
        for d in self.docs() {
            classes.add_tags(&d.code.tags);
        }
        for tree in self.trees() {
            classes.add_tree(tree);
        }
        classes.into_classes()
    }

    /// Whether any page of the course shows highlighted code.
    pub fn has_code(&self) -> bool {
        self.docs().any(|d| d.code.highlighted)
            || self.trees().any(crate::markdown::highlight::highlighted)
    }

    /// Every page's source file with its doc, in the order of [`Site::docs`].
    pub fn sources_and_docs(&self) -> impl Iterator<Item = (&crate::content::Source, &Doc)> {
        let course = &self.course;
        course
            .lessons
            .iter()
            .chain(&course.sheets)
            .chain(&course.pages)
            .chain(&course.facilitator_pages)
            .map(|l| &l.source)
            .chain(course.modules.iter().map(|m| &m.source))
            .chain(std::iter::once(&course.home.source))
            .zip(self.docs())
    }

    /// A worksheet on a page off the guided path is not printed: an error, so it
    /// is never lost without a word.
    fn worksheets_off_the_path(&self) -> Vec<Diagnostic> {
        let course = &self.course;
        let pages = course.pages.iter().zip(&self.pages);
        let guides = course.facilitator_pages.iter().zip(&self.facilitator_pages);
        pages
            .chain(guides)
            .flat_map(|(l, d)| {
                d.worksheets.iter().map(|w| {
                    Diagnostic::error(&l.source.shown, "a worksheet on a page off the guided path")
                        .at(w.line, 1)
                        .help("move it to a lesson, or to its own file with `kind = \"worksheet\"`")
                })
            })
            .collect()
    }

    pub fn sheet(&self, r: SheetRef) -> &Worksheet {
        match r.owner {
            Owner::Lesson(i) => &self.lessons[i].worksheets[r.k],
            Owner::Sheet(s) => &self.sheets[s].worksheets[r.k],
        }
    }

    pub fn owner(&self, owner: Owner) -> &Lesson {
        match owner {
            Owner::Lesson(i) => &self.course.lessons[i],
            Owner::Sheet(s) => &self.course.sheets[s],
        }
    }

    /// Positions in [`Site::worksheets`] of the worksheets on `owner`'s page.
    pub fn worksheets_of(&self, owner: Owner) -> impl Iterator<Item = usize> + '_ {
        self.by_owner.get(&owner).into_iter().flatten().copied()
    }

    pub fn prev(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
    }

    pub fn next(&self, i: usize) -> Option<usize> {
        (i + 1 < self.course.lessons.len()).then_some(i + 1)
    }

    /// The lessons in lesson `i`'s sidebar: its module when it has at most
    /// [`SIDEBAR_MODULE_MAX`] lessons, else a window of neighbours in its module;
    /// a window of neighbours in a flat course — never the whole course.
    pub fn sidebar(&self, i: usize) -> Vec<usize> {
        let course = &self.course;
        match course.lessons[i].module {
            Some(m) => {
                let all = &course.modules[m].lessons;
                if all.len() <= SIDEBAR_MODULE_MAX {
                    return all.clone();
                }
                let at = all.iter().position(|&k| k == i).unwrap_or(0);
                all[window(at, all.len())].to_vec()
            }
            None => window(i, course.lessons.len())
                .filter(|&k| course.lessons[k].module.is_none())
                .collect(),
        }
    }

    /// Whether lesson `i`'s sidebar leaves out some of its module's lessons (the
    /// page then links to the module page for the rest).
    pub fn sidebar_is_window(&self, i: usize) -> bool {
        self.course.lessons[i]
            .module
            .is_some_and(|m| self.course.modules[m].lessons.len() > SIDEBAR_MODULE_MAX)
    }

    /// Whether print documents and packets are one per module: the course has
    /// more than `[print] max_lessons` lessons, and modules to split it by.
    pub fn print_split(&self) -> bool {
        self.course.lessons.len() > self.config.print.max_lessons && !self.course.modules.is_empty()
    }

    /// What goes in `scope`'s document, worked out once for all its lessons: a
    /// document printed in parts holds none itself.
    pub fn print_filter(&self, scope: PrintScope) -> PrintFilter {
        let mut filter = self.content_filter(scope);
        if scope == scope.whole() && self.part_count(scope) > 0 {
            filter.numbers = 0..0;
        }
        filter
    }

    /// What `scope`'s document covers, itself or in its parts.
    pub fn content_filter(&self, scope: PrintScope) -> PrintFilter {
        let numbers = match scope {
            PrintScope::Part(_, p) => {
                let spans = self.part_spans(scope.whole());
                // A part also holds the worksheets that follow its last lesson;
                // the first part, any before its first lesson.
                let from = if p == 0 { 0 } else { spans[p].first };
                let to = spans.get(p + 1).map_or(usize::MAX, |s| s.first);
                from..to
            }
            _ => 0..usize::MAX,
        };
        PrintFilter {
            whole: scope.whole(),
            split: self.print_split(),
            numbers,
        }
    }

    /// The lessons (indexes, in course order) of a whole document.
    pub fn print_lessons(&self, whole: PrintScope) -> Vec<usize> {
        match whole {
            PrintScope::Module(m) => self.course.modules[m].lessons.clone(),
            _ => (0..self.course.lessons.len())
                .filter(|&i| self.course.lessons[i].module.is_none() || !self.print_split())
                .collect(),
        }
    }

    /// How many parts a whole document is printed in: none when it holds at
    /// most `[print] max_lessons` lessons.
    pub fn part_count(&self, whole: PrintScope) -> usize {
        let n = self.print_lessons(whole).len();
        let max = self.config.print.max_lessons.max(1);
        if n > max {
            n.div_ceil(max)
        } else {
            0
        }
    }

    /// Whether `scope`'s document only lists others, and is not printed to
    /// PDF: a long one lists its parts; in a split course, the course's lists
    /// its modules' (and holds the lessons outside any module, if there are).
    pub fn print_is_list(&self, scope: PrintScope) -> bool {
        match scope {
            PrintScope::Part(..) => false,
            PrintScope::Course => {
                self.part_count(scope) > 0
                    || (self.print_split() && self.print_lessons(scope).is_empty())
            }
            PrintScope::Module(_) => self.part_count(scope) > 0,
        }
    }

    /// The parts of a whole document, with the lessons each holds.
    pub fn part_spans(&self, whole: PrintScope) -> Vec<PartSpan> {
        let max = self.config.print.max_lessons.max(1);
        let lessons = self.print_lessons(whole);
        let parts = self.part_count(whole);
        if parts == 0 {
            return Vec::new();
        }
        lessons
            .chunks(max)
            .enumerate()
            .map(|(p, chunk)| PartSpan {
                part: p + 1,
                parts,
                first: self.course.lessons[chunk[0]].number,
                last: self.course.lessons[chunk[chunk.len() - 1]].number,
                lessons: chunk.len(),
            })
            .collect()
    }

    /// Every print document after the course's: each module's in a split
    /// course, and the parts of any document too long for one.
    pub fn print_parts(&self) -> Vec<PrintScope> {
        let mut wholes = vec![PrintScope::Course];
        if self.print_split() {
            wholes.extend((0..self.course.modules.len()).map(PrintScope::Module));
        }
        let mut out = Vec::new();
        for whole in wholes {
            if whole != PrintScope::Course {
                out.push(whole);
            }
            let module = whole.module();
            out.extend((0..self.part_count(whole)).map(|p| PrintScope::Part(module, p)));
        }
        out
    }

    /// The packets after the course's: those of [`Site::print_parts`] that hold
    /// a worksheet.
    pub fn packet_parts(&self) -> Vec<PrintScope> {
        self.print_parts()
            .into_iter()
            .filter(|&s| self.packet_has_sheets(s))
            .collect()
    }

    /// Whether `scope`'s packet holds a worksheet (a whole document's also
    /// counts those in its parts).
    pub fn packet_has_sheets(&self, scope: PrintScope) -> bool {
        let filter = self.content_filter(scope);
        self.worksheets.iter().any(|r| {
            let l = self.owner(r.owner);
            filter.holds(l.module, l.number)
        })
    }

    /// Whether lesson `i` has anything for a facilitator: a session plan or notes.
    pub fn has_session(&self, i: usize) -> bool {
        !self.course.lessons[i].front.session.is_empty() || !self.lessons[i].notes.is_empty()
    }

    /// Lessons with a run sheet and a place in the guide.
    pub fn facilitated(&self) -> Vec<usize> {
        (0..self.course.lessons.len())
            .filter(|&i| self.has_session(i))
            .collect()
    }

    /// The dependency map: every page that shows lesson `i`'s title, summary,
    /// duration or worksheets (the aggregates — packet, print, guide, search —
    /// read every lesson and are always refreshed).
    pub fn readers(&self, i: usize) -> Vec<PageId> {
        let mut pages = vec![PageId::Home, PageId::Lesson(i)];
        pages.extend(
            self.prev(i)
                .into_iter()
                .chain(self.next(i))
                .map(PageId::Lesson),
        );
        if let Some(m) = self.course.lessons[i].module {
            pages.push(PageId::Module(m));
        }
        // Every lesson whose sidebar lists lesson i: sidebars are symmetric
        // windows or whole modules, so those are the lessons in i's own.
        pages.extend(
            self.sidebar(i)
                .into_iter()
                .filter(|&k| self.sidebar(k).contains(&i))
                .map(PageId::Lesson),
        );
        pages.extend(self.worksheets_of(Owner::Lesson(i)).map(PageId::Worksheet));
        if self.has_session(i) {
            pages.push(PageId::RunSheet(i));
        }
        pages.sort();
        pages.dedup();
        pages
    }

    /// Every page's doc by URL: the ids `page#fragment` links may name.
    fn pages_by_url(&self) -> HashMap<String, &Doc> {
        let course = &self.course;
        let mut pages: HashMap<String, &Doc> = HashMap::new();
        pages.insert(String::new(), &self.home);
        for (m, d) in course.modules.iter().zip(&self.modules) {
            pages.insert(format!("{}/", m.slug), d);
        }
        let lessons = course.lessons.iter().zip(&self.lessons);
        let others = (course.sheets.iter().zip(&self.sheets))
            .chain(course.pages.iter().zip(&self.pages))
            .chain(course.facilitator_pages.iter().zip(&self.facilitator_pages));
        for (l, d) in lessons.chain(others) {
            pages.insert(l.url.clone(), d);
        }
        pages
    }

    /// The ids a `url#fragment` link may name on the page at `url`, made on
    /// first use and dropped after the check (lessons and worksheets also have
    /// the ids their template reserves).
    fn anchors<'d>(&self, pages: &HashMap<String, &'d Doc>, url: &str) -> HashSet<&'d str> {
        let lesson_like = !url.is_empty()
            && !self
                .course
                .modules
                .iter()
                .any(|m| url == format!("{}/", m.slug));
        let Some(d) = pages.get(url) else {
            return HashSet::new();
        };
        let reserved = RESERVED_IDS.iter().copied().filter(|_| lesson_like);
        d.ids.iter().map(String::as_str).chain(reserved).collect()
    }

    /// Links to `page#fragment` whose page has no such id.
    fn broken_fragments(&self) -> Vec<Diagnostic> {
        let pages = self.pages_by_url();
        let mut out = Vec::new();
        let mut anchors: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (source, doc) in self.sources_and_docs() {
            for link in &doc.fragment_links {
                let ids = anchors
                    .entry(link.url.as_str())
                    .or_insert_with(|| self.anchors(&pages, &link.url));
                let known = ids.contains(link.fragment.as_str());
                if !known {
                    out.push(crate::markdown::missing_anchor(&source.shown, link));
                }
            }
        }
        out
    }
}

/// Positions within [`SIDEBAR_WINDOW`] of `at`, in `0..len`.
fn window(at: usize, len: usize) -> std::ops::Range<usize> {
    at.saturating_sub(SIDEBAR_WINDOW)..(at + SIDEBAR_WINDOW + 1).min(len)
}

/// Every page's parsed Markdown, shared: `serve` keeps an unchanged page's doc
/// from one site to the next without copying it.
pub struct Docs {
    pub home: Arc<Doc>,
    pub modules: Vec<Arc<Doc>>,
    pub lessons: Vec<Arc<Doc>>,
    pub sheets: Vec<Arc<Doc>>,
    pub pages: Vec<Arc<Doc>>,
    pub facilitator_pages: Vec<Arc<Doc>>,
}

/// Each lesson's worksheets, with standalone ones after the lesson they follow.
fn in_course_order(course: &Course, lessons: &[Arc<Doc>], sheets: &[Arc<Doc>]) -> Vec<SheetRef> {
    let mut out = Vec::new();
    let mut s = 0;
    let mut take_sheets = |after: usize, out: &mut Vec<SheetRef>| {
        while s < course.sheets.len() && course.sheets[s].number <= after {
            out.extend((0..sheets[s].worksheets.len()).map(|k| SheetRef {
                owner: Owner::Sheet(s),
                k,
            }));
            s += 1;
        }
    };
    take_sheets(0, &mut out);
    for (i, (l, d)) in course.lessons.iter().zip(lessons).enumerate() {
        out.extend((0..d.worksheets.len()).map(|k| SheetRef {
            owner: Owner::Lesson(i),
            k,
        }));
        take_sheets(l.number, &mut out);
    }
    take_sheets(usize::MAX, &mut out);
    out
}
