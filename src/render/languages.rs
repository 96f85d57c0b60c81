//! The languages of a multilingual course: every edition's pages in, the links
//! between them out — the switcher on each page (to the same page in another
//! language, or that language's home when it has no such page) and the
//! `<link rel="alternate" hreflang>` tags search engines read.

use std::collections::HashSet;

use serde::Serialize;

use super::pages::Pages;

/// One edition: the default language at the root, each translation under `<tag>/`.
#[derive(Debug, Clone)]
pub struct Edition {
    pub tag: String,
    /// The language's own name for itself (`Español`), from its catalogue.
    pub name: String,
    /// `""` for the default language, `es/` for Spanish.
    pub prefix: String,
    /// Site URLs of its pages, relative to its prefix (`""`, `m/lesson/`).
    pub urls: HashSet<String>,
}

/// Every edition of the course, the default language first.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    pub editions: Vec<Edition>,
    /// The course's `base_url` (of the default language), or empty.
    pub base_url: String,
}

/// A link to one language's version of the page being written.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    pub tag: String,
    pub name: String,
    /// Relative link to the page in that language (or to its home when `missing`).
    pub href: String,
    /// Absolute URL for hreflang, when `base_url` is set and the page exists.
    pub absolute: String,
    pub current: bool,
    /// That language has no translation of this page.
    pub missing: bool,
}

impl Languages {
    /// The editions of `pages` (default language first) with their prefixes.
    pub fn new(pages: &[(&str, &Pages<'_>)], base_url: &str) -> Languages {
        let editions = pages
            .iter()
            .map(|(prefix, p)| Edition {
                tag: p.site.config.language.clone(),
                name: p.t.catalogue.text("language-name", &[]),
                prefix: prefix.to_string(),
                urls: p.jobs().into_iter().map(|j| p.url(j)).collect(),
            })
            .collect();
        Languages {
            editions,
            base_url: base_url.to_string(),
        }
    }

    /// Whether a switcher and hreflang links are written at all.
    pub fn many(&self) -> bool {
        self.editions.len() > 1
    }

    /// Links from the page at `url` of edition `own`, whose root is `root`.
    pub fn links(&self, own: usize, root: &str, url: &str) -> Vec<LanguageLink> {
        if !self.many() {
            return Vec::new();
        }
        let up = "../".repeat(self.editions[own].prefix.matches('/').count());
        self.editions
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let missing = !e.urls.contains(url);
                let target = if missing { "" } else { url };
                LanguageLink {
                    tag: e.tag.clone(),
                    name: e.name.clone(),
                    href: format!("{root}{up}{}{target}index.html", e.prefix),
                    absolute: if self.base_url.is_empty() || missing {
                        String::new()
                    } else {
                        format!("{}{}{target}", self.base_url, e.prefix)
                    },
                    current: i == own,
                    missing,
                }
            })
            .collect()
    }
}
