//! Theme files: the embedded default theme, a theme folder on disk, and a course's
//! own `templates/` and `static/` overrides, layered in that order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diag::Diagnostic;

/// Every file of `themes/default/`, embedded so `trellis` works from any folder.
/// A test fails when a file in the folder is missing here.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "templates/module.html",
        include_str!("../../themes/default/templates/module.html"),
    ),
    (
        "templates/markdown/tabs.html",
        include_str!("../../themes/default/templates/markdown/tabs.html"),
    ),
    (
        "templates/markdown/tab-panel.html",
        include_str!("../../themes/default/templates/markdown/tab-panel.html"),
    ),
    (
        "templates/markdown/image.html",
        include_str!("../../themes/default/templates/markdown/image.html"),
    ),
    (
        "templates/markdown/span.html",
        include_str!("../../themes/default/templates/markdown/span.html"),
    ),
    (
        "templates/markdown/labels.html",
        include_str!("../../themes/default/templates/markdown/labels.html"),
    ),
    (
        "templates/lesson.html",
        include_str!("../../themes/default/templates/lesson.html"),
    ),
    (
        "templates/page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "templates/worksheet.html",
        include_str!("../../themes/default/templates/worksheet.html"),
    ),
    (
        "templates/packet.html",
        include_str!("../../themes/default/templates/packet.html"),
    ),
    (
        "templates/print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/facilitator-macros.html",
        include_str!("../../themes/default/templates/facilitator-macros.html"),
    ),
    (
        "templates/facilitator.html",
        include_str!("../../themes/default/templates/facilitator.html"),
    ),
    (
        "templates/runsheet.html",
        include_str!("../../themes/default/templates/runsheet.html"),
    ),
    (
        "static/facilitator.css",
        include_str!("../../themes/default/static/facilitator.css"),
    ),
    (
        "templates/search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "templates/macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "static/style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "static/print.css",
        include_str!("../../themes/default/static/print.css"),
    ),
    (
        "static/trellis.js",
        include_str!("../../themes/default/static/trellis.js"),
    ),
    (
        "static/quiz.js",
        include_str!("../../themes/default/static/quiz.js"),
    ),
    (
        "static/search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
    (
        "templates/sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "templates/markdown/heading.html",
        include_str!("../../themes/default/templates/markdown/heading.html"),
    ),
    (
        "templates/markdown/block.html",
        include_str!("../../themes/default/templates/markdown/block.html"),
    ),
    (
        "templates/markdown/div.html",
        include_str!("../../themes/default/templates/markdown/div.html"),
    ),
    (
        "templates/markdown/worksheet.html",
        include_str!("../../themes/default/templates/markdown/worksheet.html"),
    ),
    (
        "templates/markdown/solution.html",
        include_str!("../../themes/default/templates/markdown/solution.html"),
    ),
    (
        "templates/markdown/alert.html",
        include_str!("../../themes/default/templates/markdown/alert.html"),
    ),
    (
        "templates/markdown/prompt.html",
        include_str!("../../themes/default/templates/markdown/prompt.html"),
    ),
    (
        "templates/markdown/task.html",
        include_str!("../../themes/default/templates/markdown/task.html"),
    ),
    (
        "templates/markdown/cell.html",
        include_str!("../../themes/default/templates/markdown/cell.html"),
    ),
    (
        "templates/markdown/code.html",
        include_str!("../../themes/default/templates/markdown/code.html"),
    ),
    (
        "templates/markdown/quiz.html",
        include_str!("../../themes/default/templates/markdown/quiz.html"),
    ),
    (
        "templates/markdown/quiz-answers.html",
        include_str!("../../themes/default/templates/markdown/quiz-answers.html"),
    ),
    (
        "templates/fields/lines.html",
        include_str!("../../themes/default/templates/fields/lines.html"),
    ),
    (
        "templates/fields/box.html",
        include_str!("../../themes/default/templates/fields/box.html"),
    ),
    (
        "templates/fields/scale.html",
        include_str!("../../themes/default/templates/fields/scale.html"),
    ),
    (
        "templates/fields/name-date.html",
        include_str!("../../themes/default/templates/fields/name-date.html"),
    ),
    (
        "templates/fields/page-break.html",
        include_str!("../../themes/default/templates/fields/page-break.html"),
    ),
    (
        "templates/fields/rows.html",
        include_str!("../../themes/default/templates/fields/rows.html"),
    ),
    (
        "i18n/en.ftl",
        include_str!("../../themes/default/i18n/en.ftl"),
    ),
    (
        "i18n/es.ftl",
        include_str!("../../themes/default/i18n/es.ftl"),
    ),
    (
        "i18n/fr.ftl",
        include_str!("../../themes/default/i18n/fr.ftl"),
    ),
    (
        "i18n/de.ftl",
        include_str!("../../themes/default/i18n/de.ftl"),
    ),
    (
        "i18n/pt.ftl",
        include_str!("../../themes/default/i18n/pt.ftl"),
    ),
    (
        "i18n/ar.ftl",
        include_str!("../../themes/default/i18n/ar.ftl"),
    ),
    (
        "i18n/zh-Hans.ftl",
        include_str!("../../themes/default/i18n/zh-Hans.ftl"),
    ),
];

/// Where a theme file came from, for error messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub shown: PathBuf,
    pub text: String,
}

/// The resolved theme: templates by name, static files by site path.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, StaticFile>,
    /// Message catalogues by language (`es` for `i18n/es.ftl`), lowest layer first:
    /// the embedded default theme's, the theme folder's, the course's own.
    pub catalogues: BTreeMap<String, Vec<ThemeFile>>,
}

#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static str),
    Disk(PathBuf),
}

/// The theme's files, layered. Every file read from disk stays inside the project:
/// a link that leads outside it is an error naming the link and its target.
pub fn resolve(root: &Path, config: &SiteConfig) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    let mut errors = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    // Every theme starts from the default catalogues, so a theme of its own (or a
    // course) adds or changes strings without copying them all.
    for (path, text) in EMBEDDED {
        if let Some(lang) = path
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".ftl"))
        {
            files
                .catalogues
                .entry(lang.to_string())
                .or_default()
                .push(ThemeFile {
                    shown: Path::new("themes/default").join(path),
                    text: text.to_string(),
                });
        }
    }
    if theme_dir.is_dir() {
        add_dir(root, &theme_dir, &mut files, &mut errors);
    } else if config.theme == "default" {
        for (path, text) in EMBEDDED {
            if let Some(name) = path.strip_prefix("templates/") {
                files.templates.insert(
                    name.to_string(),
                    ThemeFile {
                        shown: Path::new("themes/default").join(path),
                        text: text.to_string(),
                    },
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                files
                    .statics
                    .insert(name.to_string(), StaticFile::Embedded(text));
            }
            // Catalogues were added above.
        }
    } else {
        return Err(vec![Diagnostic::error(
            "site.toml",
            format!("theme `{}` not found", config.theme),
        )
        .help(format!(
            "create themes/{}/templates/, or use `theme = \"default\"`",
            config.theme
        ))]);
    }
    // The course's own overrides win.
    add_dir(root, root, &mut files, &mut errors);
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Template,
    Static,
    Catalogue,
}

/// Add the `templates/`, `static/` and `i18n/` files under `dir`, following links that stay
/// inside the project.
fn add_dir(root: &Path, dir: &Path, files: &mut ThemeFiles, errors: &mut Vec<Diagnostic>) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for (sub, kind) in [
        ("templates", Kind::Template),
        ("static", Kind::Static),
        ("i18n", Kind::Catalogue),
    ] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        let mut walker = walkdir::WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().unwrap_or(&base);
                    errors.push(Diagnostic::error(
                        crate::diag::rel(root, at),
                        format!("cannot read theme folder: {e}"),
                    ));
                    continue;
                }
            };
            let shown = crate::diag::rel(root, entry.path());
            if let Some(target) = crate::content::leaves_project(&canonical_root, &entry) {
                errors.push(crate::content::link_outside(
                    &shown,
                    &target,
                    "copy the file into the project instead of linking to it",
                ));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&base)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            match kind {
                Kind::Static => {
                    files
                        .statics
                        .insert(rel, StaticFile::Disk(entry.path().to_path_buf()));
                }
                Kind::Template | Kind::Catalogue => {
                    let text = match std::fs::read_to_string(entry.path()) {
                        Ok(text) => text,
                        Err(e) => {
                            errors.push(Diagnostic::error(&shown, format!("cannot read: {e}")));
                            continue;
                        }
                    };
                    let file = ThemeFile { shown, text };
                    if kind == Kind::Template {
                        files.templates.insert(rel, file);
                    } else if let Some(lang) = rel.strip_suffix(".ftl") {
                        files
                            .catalogues
                            .entry(lang.to_string())
                            .or_default()
                            .push(file);
                    }
                }
            }
        }
    }
}

/// The template API: bumped whenever the templates a theme provides, or the
/// variables they receive, change. CHANGELOG.md says what changed in each.
pub const TEMPLATE_API: u32 = 3;

/// Contract changes an override written for an older API may still rely on:
/// (templates, text that shows the old contract, what changed).
const RETIRED: &[(&[&str], &str, &str)] = &[
    (
        &["worksheet.html", "packet.html"],
        "public_url",
        "this override prints `public_url`: since template API 3 a sheet's QR code is `qr.svg`, its address `qr.url` and its one-line caption `qr.caption`, all empty without `base_url`",
    ),
    (
        &["base.html"],
        "data-root=\"{{ root }}\">",
        "this override has neither `data-storage` nor the `trellis-messages` script: since template API 3, trellis.js reads its strings and its storage scope from base.html, so its messages would show as keys and progress would not be kept",
    ),
    (
    &["home.html", "lesson.html"],
    "application/ld+json",
    "this override writes its own JSON-LD; since template API 2, base.html writes it from `jsonld`, so the page would carry it twice",
)];

/// `trellis check`'s findings about a course's own template overrides: names the
/// theme does not have, and overrides that rely on a retired contract.
pub fn override_findings(files: &ThemeFiles) -> Vec<Diagnostic> {
    let known: Vec<&str> = EMBEDDED
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("templates/"))
        .collect();
    let mut out = Vec::new();
    for (name, f) in &files.templates {
        if !f.shown.starts_with("templates") {
            continue;
        }
        // A course's own partial, included by another template, is fine.
        let used = files
            .templates
            .values()
            .any(|t| t.text.contains(&format!("\"{name}\"")));
        if !known.contains(&name.as_str()) && !used {
            let help = match crate::diag::nearest(name, &known) {
                Some(k) => format!("did you mean `{k}`?"),
                None => "see the README's list of theme templates".to_string(),
            };
            out.push(
                Diagnostic::warning(
                    &f.shown,
                    format!("the theme has no template `{name}`, so this file is never used"),
                )
                .help(help),
            );
        }
        for (names, marker, what) in RETIRED {
            if names.contains(&name.as_str()) && f.text.contains(marker) {
                out.push(Diagnostic::warning(&f.shown, *what).help(format!(
                    "see CHANGELOG.md, template API {TEMPLATE_API}; copy the default theme's file again and re-apply your change"
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    EMBEDDED.iter().any(|(p, _)| *p == rel),
                    "themes/default/{rel} is not in render::theme::EMBEDDED"
                );
            }
        }
    }
}
