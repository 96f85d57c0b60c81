//! Templates: theme files and typed views in, HTML out — whole pages
//! ([`pages`]) and every element of a page body ([`body`]).
//!
//! Templates are compiled once per build ([`Templates::load`]) and shared by every
//! render across threads. Tera 1 is used deliberately (see README, "Why Tera 1").

pub mod body;
pub mod jsonld;
pub mod pages;
pub mod theme;
pub mod views;

use std::path::Path;

use serde::Serialize;
use tera::Tera;

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
pub use theme::{StaticFile, ThemeFile, ThemeFiles};
pub use views::*;

/// The theme's templates, compiled once per build and shared by every render.
pub struct Templates {
    tera: Tera,
    files: ThemeFiles,
}

/// Templates every theme must provide. A course overrides any one of them by
/// putting a file of the same name in its own `templates/`.
pub const REQUIRED: &[&str] = &[
    "home.html",
    "module.html",
    "lesson.html",
    "worksheet.html",
    "packet.html",
    "print.html",
    "search.html",
    "facilitator.html",
    "runsheet.html",
    "404.html",
    "sitemap.xml",
    "markdown/heading.html",
    "markdown/block.html",
    "markdown/div.html",
    "markdown/worksheet.html",
    "markdown/solution.html",
    "markdown/alert.html",
    "markdown/prompt.html",
    "markdown/task.html",
    "markdown/cell.html",
    "markdown/code.html",
    "fields/lines.html",
    "fields/box.html",
    "fields/scale.html",
    "fields/name-date.html",
    "fields/page-break.html",
];

impl Templates {
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Templates, Vec<Diagnostic>> {
        let files = theme::resolve(root, config).map_err(|d| vec![d])?;
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera escapes `/` by default; URLs read better (and stay matchable) without that.
        tera.set_escape_fn(crate::markdown::escape);
        let pairs: Vec<(&str, &str)> = files
            .templates
            .iter()
            .map(|(n, f)| (n.as_str(), f.text.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(vec![template_error(&e, &files)]);
        }
        let missing: Vec<Diagnostic> = REQUIRED
            .iter()
            .filter(|t| !files.templates.contains_key(**t))
            .map(|t| {
                Diagnostic::error(
                    format!("themes/{}/templates/{t}", config.theme),
                    "template is missing",
                )
                .help("copy it from the default theme (themes/default/templates/) and adapt it")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Templates { tera, files })
    }

    pub fn theme_files(&self) -> &ThemeFiles {
        &self.files
    }

    /// Render `template` with a typed view.
    pub fn render<T: Serialize>(&self, template: &str, view: &T) -> Result<String, Diagnostic> {
        let cx =
            tera::Context::from_serialize(view).map_err(|e| template_error(&e, &self.files))?;
        self.tera
            .render(template, &cx)
            .map_err(|e| template_error(&e, &self.files))
    }
}

/// A Tera error as `path:line:col: error: …`, finding the line where Tera gives none.
fn template_error(e: &tera::Error, files: &ThemeFiles) -> Diagnostic {
    use std::error::Error as _;
    let mut chain = vec![e.to_string()];
    let mut src = e.source();
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let full = chain.join("\n");
    // Which template? Tera names it in quotes.
    let name = files
        .templates
        .keys()
        .find(|n| full.contains(&format!("'{n}'")))
        .cloned();
    let file = name.as_ref().and_then(|n| files.templates.get(n));
    let shown = file.map_or_else(|| "templates".into(), |f| f.shown.clone());
    // Parse errors carry " --> line:col".
    let mut pos = full.split("--> ").nth(1).and_then(|rest| {
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((
            it.next()?.parse::<usize>().ok()?,
            it.next()?.parse::<usize>().ok()?,
        ))
    });
    // Parse errors end with a pest report whose `= …` line says what was expected.
    let last = chain.last().cloned().unwrap_or_default();
    let mut message = last
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("= ")
                .map(|m| format!("template syntax error: {m}"))
        })
        .unwrap_or(last);
    if let Some(var) = full
        .split("Variable `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        message = format!("unknown variable `{var}`");
        if let Some(f) = file {
            let root = var.split(['.', '[']).next().unwrap_or(var);
            pos =
                f.text.lines().enumerate().find_map(|(i, l)| {
                    l.find(var).or_else(|| l.find(root)).map(|c| (i + 1, c + 1))
                });
        }
    }
    let message = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut d = Diagnostic::error(shown, message);
    if let Some((l, c)) = pos {
        d = d.at(l, c);
    }
    d.help("templates see `site`, `page`, `root`, `url`, `title`, `description`, `canonical` and `kind`; see README, \"Themes\"")
}
