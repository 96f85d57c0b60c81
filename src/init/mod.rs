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
            // A fresh clone (only `.git`) counts as empty.
            let taken = entries.any(|e| e.map_or(true, |e| e.file_name() != ".git"));
            if taken && !force {
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
    let base_url = base_url_from_git(dir);
    for (rel, mut contents) in files(ci) {
        if let (Some(url), "site.toml") = (&base_url, rel) {
            contents = contents.replacen("base_url = \"\"", &format!("base_url = \"{url}\""), 1);
        }
        let rel = PathBuf::from(rel);
        if write_new(&dir.join(&rel), &contents)? {
            report.written.push(rel);
        } else {
            report.skipped.push(rel);
        }
    }
    Ok(report)
}

/// The GitHub Pages address of the folder's `origin` remote, when it is on
/// GitHub: `https://OWNER.github.io/REPO/` (or `https://OWNER.github.io/` for the
/// `OWNER.github.io` repository). Read from `.git/config`; `None` otherwise.
pub fn base_url_from_git(dir: &Path) -> Option<String> {
    let config = fs::read_to_string(dir.join(".git/config")).ok()?;
    let mut in_origin = false;
    let url = config.lines().map(str::trim).find_map(|l| {
        if l.starts_with('[') {
            in_origin = l == "[remote \"origin\"]";
            return None;
        }
        let (key, value) = l.split_once('=')?;
        (in_origin && key.trim() == "url").then(|| value.trim().to_string())
    })?;
    github_pages_url(&url)
}

/// `https://github.com/OWNER/REPO(.git)`, `git@github.com:OWNER/REPO(.git)` or
/// `ssh://git@github.com/OWNER/REPO` to its GitHub Pages address.
fn github_pages_url(remote: &str) -> Option<String> {
    let path = [
        "https://github.com/",
        "http://github.com/",
        "git@github.com:",
        "ssh://git@github.com/",
    ]
    .iter()
    .find_map(|p| remote.strip_prefix(p))?;
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    if !ok(owner) || !ok(repo) {
        return None;
    }
    let owner = owner.to_ascii_lowercase();
    if repo.eq_ignore_ascii_case(&format!("{owner}.github.io")) {
        Some(format!("https://{owner}.github.io/"))
    } else {
        Some(format!("https://{owner}.github.io/{repo}/"))
    }
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
    fn github_remotes_give_their_pages_address() {
        for (remote, url) in [
            (
                "https://github.com/Org/course.git",
                Some("https://org.github.io/course/"),
            ),
            (
                "git@github.com:org/my-course.git",
                Some("https://org.github.io/my-course/"),
            ),
            (
                "ssh://git@github.com/org/c",
                Some("https://org.github.io/c/"),
            ),
            (
                "https://github.com/org/org.github.io",
                Some("https://org.github.io/"),
            ),
            ("https://gitlab.com/org/course.git", None),
            ("https://github.com/org", None),
        ] {
            assert_eq!(github_pages_url(remote).as_deref(), url, "{remote}");
        }
    }

    #[test]
    fn init_in_a_clone_fills_base_url_from_its_github_remote() {
        let t = tempfile::tempdir().unwrap();
        fs::create_dir(t.path().join(".git")).unwrap();
        fs::write(
            t.path().join(".git/config"),
            "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/a/b\n[remote \"origin\"]\n\turl = git@github.com:org/course.git\n",
        )
        .unwrap();
        init(t.path(), false, Ci::Github).unwrap();
        let text = fs::read_to_string(t.path().join("site.toml")).unwrap();
        assert!(
            text.contains("base_url = \"https://org.github.io/course/\""),
            "{text}"
        );
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
            "output_dir =",
            "[print]",
            "page_size =",
            "pdf =",
            "solutions =",
            "# browser =",
            "[facilitator]",
            "session_start =",
            "[theme]",
            "name =",
            "# accent =",
            "# logo =",
            "# edit_url =",
        ] {
            assert!(
                text.lines().any(|l| l.starts_with(key)),
                "site.toml lacks `{key}`"
            );
        }
    }
}
