//! Scaffolding: a folder (and a title) in, new course files on disk out.
//!
//! [`init`] writes a starter course that builds at once; [`new_lesson`] and
//! [`new_module`] add numbered files to an existing course. None of them ever
//! overwrites a file. The starter files live in `src/init/files/`, embedded in
//! [`FILES`]; names that start with a dot are stored without it (`gitignore`,
//! `github/`), so neither git nor GitHub acts on the copies in this repository.

mod new;
mod release;

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

pub use new::{new_lesson, new_module};
pub use release::Release;

/// The host `init` writes a deployment workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Pages: `.github/workflows/pages.yml`
    Github,
    /// GitLab Pages: `.gitlab-ci.yml`
    Gitlab,
    /// No workflow
    None,
}

/// Every file of a new course: (path in the course, contents).
pub const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("files/site.toml")),
    ("content/_index.md", include_str!("files/content/_index.md")),
    (
        "content/01-getting-started/_index.md",
        include_str!("files/content/01-getting-started/_index.md"),
    ),
    (
        "content/01-getting-started/01-welcome.md",
        include_str!("files/content/01-getting-started/01-welcome.md"),
    ),
    (
        "content/01-getting-started/02-first-practice.md",
        include_str!("files/content/01-getting-started/02-first-practice.md"),
    ),
    (".gitignore", include_str!("files/gitignore")),
];

/// Deployment workflows, one per host: (host, path in the course, template).
/// [`Release::fill`] pins each to the running Trellis.
pub const CI_FILES: &[(Ci, &str, &str)] = &[
    (
        Ci::Github,
        ".github/workflows/pages.yml",
        include_str!("files/github/workflows/pages.yml"),
    ),
    (
        Ci::Gitlab,
        ".gitlab-ci.yml",
        include_str!("files/gitlab-ci.yml"),
    ),
];

/// Every file `init` writes for `ci`: (path in the course, contents).
pub fn files(ci: Ci) -> Vec<(&'static str, String)> {
    let release = Release::current();
    let workflows = CI_FILES
        .iter()
        .filter(|(host, _, _)| *host == ci)
        .map(|(_, rel, template)| (*rel, release.fill(template)));
    FILES
        .iter()
        .map(|(rel, text)| (*rel, text.to_string()))
        .chain(workflows)
        .collect()
}

/// What [`init`] did, as paths relative to the course folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left as they were (only with `force`).
    pub skipped: Vec<PathBuf>,
}

/// Write a new course into `dir`, creating it if needed.
///
/// A folder that is not empty is refused unless `force` is set; even then, existing
/// files are never overwritten: only the missing ones are written.
pub fn init(dir: &Path, force: bool, ci: Ci) -> Result<InitReport> {
    match fs::metadata(dir) {
        Ok(m) if !m.is_dir() => bail!("cannot initialise {}: it is not a folder", dir.display()),
        Ok(_) => {
            let mut entries =
                fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
            if entries.next().is_some() && !force {
                bail!(
                    "refusing to initialise {}: it is not empty\n  = help: choose an empty folder, or pass --force to add only the missing files",
                    dir.display()
                );
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
    let mut report = InitReport::default();
    for (rel, contents) in files(ci) {
        let rel = PathBuf::from(rel);
        if write_new(&dir.join(&rel), &contents)? {
            report.written.push(rel);
        } else {
            report.skipped.push(rel);
        }
    }
    Ok(report)
}

/// Create `path` with `contents`, making its parent folders; `false` when something
/// already exists there (it is left untouched).
pub(crate) fn write_new(path: &Path, contents: &str) -> Result<bool> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    // `create_new` checks and creates in one step, so nothing is ever overwritten.
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The name a course file is stored under in `src/init/files/`.
    fn stored_name(rel: &str) -> String {
        rel.split('/')
            .map(|part| part.strip_prefix('.').unwrap_or(part))
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn every_file_in_the_files_folder_is_in_the_table() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/init/files");
        let on_disk: BTreeSet<String> = walkdir::WalkDir::new(&base)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&base).unwrap();
                rel.iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        let templates = CI_FILES.iter().map(|(_, p, t)| (*p, *t));
        let table: Vec<(&str, &str)> = FILES.iter().copied().chain(templates).collect();
        let in_table: BTreeSet<String> = table.iter().map(|(p, _)| stored_name(p)).collect();
        assert_eq!(on_disk, in_table, "src/init/files/ and FILES differ");
        for (rel, contents) in table {
            let disk = fs::read_to_string(base.join(stored_name(rel))).unwrap();
            assert_eq!(&disk, contents, "{rel} is embedded from the wrong file");
        }
    }

    #[test]
    fn site_toml_parses_and_lists_every_key() {
        let (_, text) = FILES.iter().find(|(p, _)| *p == "site.toml").unwrap();
        let c = crate::config::parse(
            text,
            Path::new("site.toml"),
            &crate::config::Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.print.page_size, crate::config::PageSize::A4);
        for key in [
            "title =",
            "description =",
            "base_url =",
            "language =",
            "author =",
            "theme =",
            "output_dir =",
            "[print]",
            "page_size =",
            "pdf =",
            "solutions =",
            "# browser =",
            "[facilitator]",
            "session_start =",
        ] {
            assert!(
                text.lines().any(|l| l.starts_with(key)),
                "site.toml lacks `{key}`"
            );
        }
    }
}
