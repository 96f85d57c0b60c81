//! Templates: theme files and typed views in, page HTML out.
//!
//! Templates are compiled once per build ([`Renderer::new`]) and shared by every
//! page render across threads. Tera 1 is used deliberately (see README, "Why Tera 1").

pub mod pages;
pub mod theme;
pub mod views;

use std::path::Path;

use serde::Serialize;
use tera::Tera;

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::markdown::ROOT;
pub use theme::{StaticFile, ThemeFiles};
pub use views::*;

pub struct Renderer {
    tera: Tera,
    files: ThemeFiles,
    pub site: SiteView,
}

/// Templates every theme must provide.
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
];

impl Renderer {
    pub fn new(
        root: &Path,
        config: &SiteConfig,
        site: SiteView,
    ) -> Result<Renderer, Vec<Diagnostic>> {
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
        Ok(Renderer { tera, files, site })
    }

    pub fn theme_files(&self) -> &ThemeFiles {
        &self.files
    }

    /// Render `template` with a page view; internal URLs still carry [`ROOT`].
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        view: &PageView<'_, T>,
    ) -> Result<String, Diagnostic> {
        let cx =
            tera::Context::from_serialize(view).map_err(|e| template_error(&e, &self.files))?;
        self.tera
            .render(template, &cx)
            .map_err(|e| template_error(&e, &self.files))
    }

    /// Render a page whose view holds [`slot`] markers, splice `slots` into them,
    /// and make internal URLs relative to `page_url`, in one pass.
    pub fn render_slotted<T: Serialize>(
        &self,
        template: &str,
        view: &PageView<'_, T>,
        page_url: &str,
        slots: &[&str],
    ) -> Result<String, Diagnostic> {
        let skeleton = self.render(template, view)?;
        let prefix = crate::output::root_prefix(page_url);
        let total = skeleton.len() + slots.iter().map(|s| s.len()).sum::<usize>();
        let mut out = String::with_capacity(total + total / 32);
        let mut rest = skeleton.as_str();
        while let Some(i) = rest.find(SLOT) {
            crate::output::push_relativized(&mut out, &rest[..i], &prefix);
            let after = &rest[i + SLOT.len()..];
            let end = after.find("-->").unwrap_or(0);
            match after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|n| slots.get(n))
            {
                Some(content) => crate::output::push_relativized(&mut out, content, &prefix),
                None => out.push_str(&rest[i..i + SLOT.len() + end + 3]),
            }
            rest = &after[end + 3..];
        }
        crate::output::push_relativized(&mut out, rest, &prefix);
        Ok(out)
    }

    /// As [`Renderer::render_slotted`], writing to `out` and asking `slot` for each
    /// slot's HTML only when it is reached: for documents as big as the course.
    pub fn render_streamed<'s, T: Serialize>(
        &self,
        template: &str,
        view: &PageView<'_, T>,
        page_url: &str,
        slot: &'s dyn Fn(usize) -> String,
    ) -> Result<impl Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 's, Diagnostic> {
        let skeleton = self.render(template, view)?;
        let prefix = crate::output::root_prefix(page_url);
        Ok(move |out: &mut dyn std::io::Write| {
            let mut rest = skeleton.as_str();
            let mut buf = String::new();
            while let Some(i) = rest.find(SLOT) {
                buf.clear();
                crate::output::push_relativized(&mut buf, &rest[..i], &prefix);
                out.write_all(buf.as_bytes())?;
                let after = &rest[i + SLOT.len()..];
                let end = after.find("-->").unwrap_or(0);
                if let Ok(n) = after[..end].parse::<usize>() {
                    buf.clear();
                    crate::output::push_relativized(&mut buf, &slot(n), &prefix);
                    out.write_all(buf.as_bytes())?;
                }
                rest = &after[end + 3..];
            }
            buf.clear();
            crate::output::push_relativized(&mut buf, rest, &prefix);
            out.write_all(buf.as_bytes())
        })
    }

    pub fn page<'a, T: Serialize>(
        &'a self,
        url: &'a str,
        title: &'a str,
        description: &'a str,
        kind: &'static str,
        page: T,
    ) -> PageView<'a, T> {
        let canonical = if self.site.base_url.is_empty() {
            String::new()
        } else {
            format!("{}{}", self.site.base_url, url)
        };
        PageView {
            site: &self.site,
            root: ROOT,
            url,
            canonical,
            title,
            description,
            kind,
            noindex: false,
            page,
        }
    }
}

const SLOT: &str = "<!--trellis:slot:";

/// The marker a view carries where slot `n`'s HTML goes (see [`Renderer::render_slotted`]).
pub fn slot(n: usize) -> String {
    format!("{SLOT}{n}-->")
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
