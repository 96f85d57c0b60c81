//! The Carpentries Workbench source layout: a lesson folder as it is (`config.yaml`,
//! `index.md`, `episodes/`, `learners/`, `instructors/`, `profiles/`) in, the same
//! plain files-with-roles the Trellis layout gives out.
//!
//! [`Workbench::read`] reads `config.yaml` (title, `url`, `lang`, `contact` and the
//! four page lists); [`files`] finds the pages in the lists' order (a folder's
//! own order when its list is empty). Episodes are the guided path, `learners/`
//! and `profiles/` pages are pages off the path (`kind = "page"`), and
//! `instructors/` pages go to the facilitator edition (`kind = "facilitator"`).
//! Nothing downstream knows which layout a course came from.

use std::path::{Path, PathBuf};

use serde_yaml_ng::Value;

use super::PageKind;
use crate::diag::{self, adapt, Diagnostic, Diagnostics};

/// The file that makes a folder a Carpentries Workbench lesson.
pub const CONFIG: &str = "config.yaml";

/// The home page of a Workbench lesson.
pub const HOME: &str = "index.md";

/// A `config.yaml`, as far as Trellis uses it. Its other keys (`carpentry`,
/// `life_cycle`, `sandpaper`, `varnish`, …) style the Workbench's own site and are
/// left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workbench {
    pub title: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub contact: Option<String>,
    /// `episodes:`, `learners:`, `instructors:`, `profiles:`, in [`SECTIONS`] order.
    pub lists: [Vec<Listed>; 4],
    /// The pages are laid out as the Workbench's (there is no `content/`); else
    /// only the Workbench's front matter is read.
    pub layout: bool,
}

/// A file named in one of `config.yaml`'s lists, with its line there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub name: String,
    pub line: usize,
}

/// The Workbench's folders, what their pages become, and the slug's ordering base
/// (episodes first, so an episode keeps its slug when a learner page shares it).
pub const SECTIONS: [(&str, PageKind); 4] = [
    ("episodes", PageKind::Lesson),
    ("learners", PageKind::Page),
    ("instructors", PageKind::Facilitator),
    ("profiles", PageKind::Page),
];

impl Workbench {
    /// `<root>/config.yaml`, when there is one; a malformed one is an error at its line.
    pub fn read(root: &Path) -> Result<Option<Workbench>, Diagnostic> {
        let shown = Path::new(CONFIG);
        let text = match std::fs::read_to_string(root.join(CONFIG)) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Diagnostic::error(shown, format!("cannot read: {e}"))),
        };
        let mut wb = Self::parse(&text, shown)?;
        wb.layout = !root.join(super::CONTENT_DIR).is_dir();
        Ok(Some(wb))
    }

    /// Parse the text of a `config.yaml`.
    pub fn parse(text: &str, shown: &Path) -> Result<Workbench, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_yaml_ng::from_str(text).map_err(|e| adapt::from_yaml(&e, shown, 0))?
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => Default::default(),
            _ => {
                return Err(Diagnostic::error(
                    shown,
                    "config.yaml is not a list of `key: value` settings",
                )
                .at(1, 1)
                .help("start with a line such as `title: 'My lesson'`"))
            }
        };
        let text_of = |key: &str| -> Result<Option<String>, Diagnostic> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(Value::Bool(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(not_a(key, "a text", text, shown)),
            }
        };
        let list = |key: &str| -> Result<Vec<Listed>, Diagnostic> {
            let items = match map.get(key) {
                None | Some(Value::Null) => return Ok(Vec::new()),
                Some(Value::Sequence(items)) => items,
                Some(_) => return Err(not_a(key, "a list of file names", text, shown)),
            };
            let from = key_line(text, key);
            items
                .iter()
                .map(|v| match v {
                    Value::String(name) => Ok(Listed {
                        name: name.clone(),
                        line: item_line(text, name, from),
                    }),
                    _ => Err(not_a(key, "a list of file names", text, shown)),
                })
                .collect()
        };
        Ok(Workbench {
            title: text_of("title")?,
            url: text_of("url")?,
            lang: text_of("lang")?,
            contact: text_of("contact")?,
            lists: [
                list("episodes")?,
                list("learners")?,
                list("instructors")?,
                list("profiles")?,
            ],
            layout: true,
        })
    }
}

fn not_a(key: &str, what: &str, text: &str, shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, format!("`{key}` must be {what}"))
        .at(key_line(text, key), 1)
        .help("see the Workbench's config.yaml template: `episodes:` followed by lines such as `- introduction.md`")
}

/// 1-based line of the top-level `key:`, or 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// 1-based line of the list item `name` at or after line `from`.
fn item_line(text: &str, name: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix('-')
                .is_some_and(|r| r.trim().trim_matches(['\'', '"']) == name)
        })
        .map_or(from, |(i, _)| i + 1)
}

/// One page of a Workbench lesson, found and given its role.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub shown: PathBuf,
    pub file_name: String,
    pub kind: PageKind,
    /// Its place in the lesson: sections in [`SECTIONS`] order, each in its own.
    pub rank: i64,
}

/// The pages of the lesson at `root`: each section's, in its list's order, or in
/// file-name order when the list is empty. A listed file that is missing is an
/// error at its line in config.yaml; R Markdown is skipped with a warning.
pub fn files(root: &Path, wb: &Workbench, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for ((section, kind), listed) in SECTIONS.iter().zip(&wb.lists) {
        let dir = root.join(section);
        let names: Vec<(String, Option<usize>)> = if listed.is_empty() {
            folder_files(&dir)
                .into_iter()
                .map(|name| (name, None))
                .collect()
        } else {
            listed
                .iter()
                .map(|l| (l.name.clone(), Some(l.line)))
                .collect()
        };
        for (name, line) in names {
            let path = dir.join(&name);
            let shown = diag::rel(root, &path);
            if !name.ends_with(".md") {
                diags.push(
                    Diagnostic::warning(&shown, "only Markdown (`.md`) pages are built; this one is left out")
                        .help("R Markdown needs R to run its code first: render it to `.md` (sandpaper does this in `site/built/`), or convert it by hand"),
                );
                continue;
            }
            if !path.is_file() {
                let d = Diagnostic::error(
                    CONFIG,
                    format!("`{section}` lists `{name}`, which is not in {section}/"),
                );
                diags.push(d.at(line.unwrap_or(1), 1).help(format!(
                    "check the file name, or remove it from the `{section}:` list"
                )));
                continue;
            }
            out.push(Page {
                path,
                shown,
                file_name: name,
                kind: *kind,
                rank: out.len() as i64,
            });
        }
    }
    out
}

/// An episode whose slug a learner page or profile also has (`02-setup.md` and
/// `learners/setup.md`) keeps its number (`02-setup`), as on the Workbench's
/// own site, so both keep an address.
pub fn keep_numbers_where_pages_share_a_slug(files: &mut [super::LessonFile]) {
    let taken: std::collections::HashSet<String> = files
        .iter()
        .filter(|f| f.front.kind == PageKind::Page)
        .map(|f| f.slug.clone())
        .collect();
    for f in files.iter_mut() {
        if f.front.kind == PageKind::Lesson && taken.contains(&f.slug) {
            if let Some(numbered) = f.numbered_slug.take() {
                f.slug = numbered;
            }
        }
    }
}

/// The Markdown files directly in `dir`, by name (none when there is no such folder).
fn folder_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_keys_trellis_uses_and_leaves_the_rest() {
        let text = "carpentry: 'swc'\ntitle: 'Field notes'\nlife_cycle: 'stable'\nurl: 'https://x.org/notes'\nlang: es\ncontact: 'a@b.org'\nepisodes:\n- 01-a.md\n- '02-b.md'\nlearners:\ninstructors: \nprofiles:\nsandpaper: 0.16\n";
        let wb = Workbench::parse(text, Path::new(CONFIG)).unwrap();
        assert_eq!(wb.title.as_deref(), Some("Field notes"));
        assert_eq!(wb.url.as_deref(), Some("https://x.org/notes"));
        assert_eq!(wb.lang.as_deref(), Some("es"));
        assert_eq!(wb.contact.as_deref(), Some("a@b.org"));
        let eps: Vec<_> = wb.lists[0]
            .iter()
            .map(|l| (l.name.as_str(), l.line))
            .collect();
        assert_eq!(eps, [("01-a.md", 8), ("02-b.md", 9)]);
        assert!(wb.lists[1].is_empty());
    }

    #[test]
    fn malformed_config_is_an_error_at_its_line() {
        let e = Workbench::parse(
            "title: 'A'\nepisodes:\n- a.md\n  - : [\n",
            Path::new(CONFIG),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("config.yaml:4:"), "{e}");
        let e = Workbench::parse("title: A\nepisodes: 3\n", Path::new(CONFIG))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("config.yaml:2:1: error: `episodes` must be a list of file names"),
            "{e}"
        );
    }
}
