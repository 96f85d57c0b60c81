//! Templates: theme files and typed views in, HTML out — whole pages
//! ([`pages`]) and every element of a page body ([`body`]).
//!
//! Templates are compiled once per build ([`Templates::load`]) and shared by every
//! render across threads. Tera 1 is used deliberately (see README, "Why Tera 1").

pub mod body;
pub mod images;
pub mod jsonld;
pub mod languages;
mod minify;
pub mod pages;
pub mod quiz;
pub mod theme;
mod viewhash;
pub mod views;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tera::Tera;

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::i18n::{self, Catalogue};
pub use theme::{StaticFile, ThemeFile, ThemeFiles};
pub use views::*;

/// The theme's templates, compiled once per build and shared by every render.
pub struct Templates {
    tera: Tera,
    files: ThemeFiles,
    /// The interface strings of the language these templates write (`t()`).
    pub catalogue: Arc<Catalogue>,
}

/// Templates every theme must provide. A course overrides any one of them by
/// putting a file of the same name in its own `templates/`.
pub const REQUIRED: &[&str] = &[
    "home.html",
    "module.html",
    "lesson.html",
    "page.html",
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
    "fields/rows.html",
];

impl Templates {
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Templates, Vec<Diagnostic>> {
        let files = theme::resolve(root, config)?;
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
            return Err(vec![crate::diag::adapt::from_tera(&e, &files.templates)]);
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
        let catalogue = Self::catalogue(&files, config)?;
        tera.register_function("t", i18n::Translate(catalogue.clone()));
        Ok(Templates {
            tera,
            files,
            catalogue,
        })
    }

    fn catalogue(
        files: &ThemeFiles,
        config: &SiteConfig,
    ) -> Result<Arc<Catalogue>, Vec<Diagnostic>> {
        let shown = if config.languages.contains_key(&config.language) {
            format!("site.toml [languages.{}.strings]", config.language)
        } else {
            "site.toml [strings]".to_string()
        };
        i18n::load(
            &config.language,
            &files.catalogues,
            &config.strings,
            Path::new(&shown),
        )
    }

    /// The same templates writing another language (`config` from
    /// [`SiteConfig::for_language`]).
    pub fn for_language(&self, config: &SiteConfig) -> Result<Templates, Vec<Diagnostic>> {
        let catalogue = Self::catalogue(&self.files, config)?;
        let mut tera = self.tera.clone();
        tera.register_function("t", i18n::Translate(catalogue.clone()));
        Ok(Templates {
            tera,
            files: self.files.clone(),
            catalogue,
        })
    }

    pub fn theme_files(&self) -> &ThemeFiles {
        &self.files
    }

    /// Render `template` with a typed view. Given by value, the view is dropped
    /// once Tera has its copy, so a page as big as the print document is not held
    /// three times over.
    pub fn render<T: Serialize>(&self, template: &str, view: T) -> Result<String, Diagnostic> {
        let cx = tera::Context::from_serialize(&view)
            .map_err(|e| crate::diag::adapt::from_tera(&e, &self.files.templates))?;
        drop(view);
        self.tera
            .render(template, &cx)
            .map_err(|e| crate::diag::adapt::from_tera(&e, &self.files.templates))
    }
}
