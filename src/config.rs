//! `site.toml` in, a validated [`SiteConfig`] out.
//!
//! Every table is strict (`deny_unknown_fields`): a typo is an error that names the
//! key, its line, and the nearest valid key. Derived values are computed here, once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{adapt, Diagnostic};

pub mod brand;
pub mod colour;

pub use brand::Brand;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
pub enum PageSize {
    #[default]
    A4,
    Letter,
}

impl PageSize {
    /// Paper size in CSS units, for `@page { size: … }`.
    pub fn css(self) -> &'static str {
        match self {
            PageSize::A4 => "210mm 297mm",
            PageSize::Letter => "8.5in 11in",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            PageSize::A4 => "A4",
            PageSize::Letter => "Letter",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SolutionsMode {
    /// Solutions are left out of printed learner worksheets.
    #[default]
    Omit,
    /// Solutions move to an answer key at the end of the packet.
    AnswerKey,
    /// Solutions print where they stand.
    Inline,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrintConfig {
    pub page_size: PageSize,
    pub pdf: bool,
    pub solutions: SolutionsMode,
    /// Browser used to print PDFs; found on PATH when unset.
    pub browser: Option<String>,
    /// The most lessons `/print/` and `/worksheets/` hold as one document; a
    /// longer course with modules gets one of each per module instead, and a
    /// longer module (or course without modules) is printed in parts of this
    /// many lessons. 50 keeps a part of code-heavy lessons under 1 MB.
    pub max_lessons: usize,
    /// Printed on both sides: every worksheet of the packet starts on a front
    /// (odd) page, after a blank one where needed.
    pub duplex: bool,
}

/// `[packet]`: the session packet's cover.
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct PacketConfig {
    /// A line under the course title.
    pub subtitle: String,
    /// Site path of an image the site publishes (say from the course's
    /// `static/` folder), shown above the title.
    pub logo: Option<String>,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            page_size: PageSize::default(),
            pdf: false,
            solutions: SolutionsMode::default(),
            browser: None,
            max_lessons: 50,
            duplex: false,
        }
    }
}

/// How front matter keys Trellis does not know are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FrontMatterMode {
    /// An unknown key is an error (the default for Trellis courses).
    #[default]
    Strict,
    /// Unknown keys are warnings, and other tools' keys are mapped (the default for
    /// a Carpentries Workbench lesson).
    Warn,
}

/// `[compat]`: reading Markdown written for other tools.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct CompatConfig {
    pub front_matter: Option<FrontMatterMode>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FacilitatorConfig {
    /// Clock time a live session starts, `HH:MM`, for agenda start times.
    pub session_start: String,
    /// `"12h"` or `"24h"`; unset, each language's own convention.
    pub clock: Option<crate::i18n::clock::Clock>,
}

impl Default for FacilitatorConfig {
    fn default() -> Self {
        FacilitatorConfig {
            session_start: "18:30".into(),
            clock: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: String,
    base_url: String,
    language: String,
    author: String,
    theme: brand::ThemeField,
    output_dir: String,
    print: PrintConfig,
    packet: PacketConfig,
    facilitator: FacilitatorConfig,
    strings: BTreeMap<String, String>,
    languages: BTreeMap<String, LanguageConfig>,
    compat: CompatConfig,
    contact: String,
}

/// `[languages.<tag>]`: a translation of the course, built under `/<tag>/`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Interface strings of this language, over its catalogue.
    pub strings: BTreeMap<String, String>,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: None,
            description: String::new(),
            base_url: String::new(),
            language: "en".into(),
            author: String::new(),
            theme: brand::ThemeField::default(),
            output_dir: "public".into(),
            print: PrintConfig::default(),
            packet: PacketConfig::default(),
            facilitator: FacilitatorConfig::default(),
            strings: BTreeMap::new(),
            languages: BTreeMap::new(),
            compat: CompatConfig::default(),
            contact: String::new(),
        }
    }
}

/// The validated site configuration.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute base URL with a trailing slash, or empty when unset.
    pub base_url: String,
    pub language: String,
    pub author: String,
    pub theme: String,
    /// `[theme]`: the course's colours, logo, font, links and footer.
    pub brand: Brand,
    pub output_dir: PathBuf,
    pub print: PrintConfig,
    pub packet: PacketConfig,
    pub facilitator: FacilitatorConfig,
    pub compat: CompatConfig,
    /// Who to write to about the course (an e-mail address or a URL); empty when unset.
    pub contact: String,
    /// The project is a Carpentries Workbench lesson: its `config.yaml`, which
    /// also says where the pages are and in what order.
    #[serde(skip)]
    pub workbench: Option<crate::content::workbench::Workbench>,
    /// Session start in minutes after midnight (derived from `facilitator.session_start`).
    #[serde(skip)]
    pub session_start_minutes: u32,
    /// `[strings]`: interface strings of the default language, over its catalogue.
    pub strings: BTreeMap<String, String>,
    /// `[languages.<tag>]`: translations, each built under its own prefix.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// What a learner's saved progress is kept under in the browser: the course
    /// title as a slug, the same in every language, at any address.
    pub course_id: String,
    /// The edition these pages are: empty for the default language, else its tag.
    pub edition: String,
    /// Line of each `[languages.<tag>]` in site.toml, for messages.
    #[serde(skip)]
    pub language_lines: BTreeMap<String, usize>,
}

impl SiteConfig {
    /// How agendas write clock times: `[facilitator] clock`, else the language's way.
    pub fn clock(&self) -> crate::i18n::clock::Clock {
        self.facilitator
            .clock
            .unwrap_or_else(|| crate::i18n::clock::Clock::of(&self.language))
    }

    /// The configuration one language's pages are built with: its title,
    /// description and strings in place of the default language's, and its
    /// `base_url` under `<tag>/`.
    pub fn for_language(&self, tag: &str) -> SiteConfig {
        let mut c = self.clone();
        if let Some(l) = self.languages.get(tag) {
            c.language = tag.to_string();
            c.edition = tag.to_string();
            if let Some(t) = &l.title {
                c.title = t.clone();
            }
            if let Some(d) = &l.description {
                c.description = d.clone();
            }
            c.strings = l.strings.clone();
            if !c.base_url.is_empty() {
                c.base_url = format!("{}{tag}/", c.base_url);
            }
        }
        c
    }
}

/// Command-line values that win over `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub pdf: bool,
}

/// Read and validate `<root>/site.toml`, over a Carpentries Workbench lesson's
/// `config.yaml` when there is one: then site.toml is optional, and what it sets wins.
pub fn load(root: &Path, overrides: &Overrides) -> Result<SiteConfig, Vec<Diagnostic>> {
    use crate::content::workbench::{self, Workbench};
    let workbench = Workbench::read(root).map_err(|d| vec![d])?;
    let path = root.join(CONFIG_FILE);
    let mut shown = PathBuf::from(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && workbench.is_some() => {
            shown = PathBuf::from(workbench::CONFIG);
            String::new()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Diagnostic::error(
                &shown,
                format!("no {CONFIG_FILE} in {}", root.display()),
            )
            .help("run `trellis build` in a course folder, pass `--root DIR`, or create one with `trellis init DIR`")]);
        }
        Err(e) => {
            return Err(vec![Diagnostic::error(&shown, format!("cannot read: {e}"))]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut raw: RawConfig =
        toml::from_str(text).map_err(|e| vec![adapt::from_toml(&e, text, &shown, 0)])?;
    if let Some(wb) = &workbench {
        under_site_toml(&mut raw, wb, text);
    }
    let mut config = validate(raw, text, &shown, overrides)?;
    let missing = config.brand.check_files(root, &shown);
    if !missing.is_empty() {
        return Err(missing);
    }
    config.workbench = workbench;
    Ok(config)
}

/// A Workbench lesson's `config.yaml` values, where site.toml (`text`) does not
/// set its own: `title`, `url` as `base_url`, `lang` as `language`, `contact`.
fn under_site_toml(raw: &mut RawConfig, wb: &crate::content::workbench::Workbench, text: &str) {
    let set: toml::Table = toml::from_str(text).unwrap_or_default();
    let take = |key: &str, value: &Option<String>, into: &mut String| {
        if let (false, Some(v)) = (set.contains_key(key), value) {
            *into = v.clone();
        }
    };
    take("base_url", &wb.url, &mut raw.base_url);
    take("language", &wb.lang, &mut raw.language);
    take("contact", &wb.contact, &mut raw.contact);
    if raw.title.is_none() {
        raw.title = wb.title.clone();
    }
}

/// The file that makes a folder a Carpentries Workbench lesson.
pub const WORKBENCH_FILE: &str = crate::content::workbench::CONFIG;

pub fn parse(
    text: &str,
    shown: &Path,
    overrides: &Overrides,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| vec![adapt::from_toml(&e, text, shown, 0)])?;
    validate(raw, text, shown, overrides)
}

fn validate(
    raw: RawConfig,
    text: &str,
    shown: &Path,
    overrides: &Overrides,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let title = check_title(raw.title, shown);
    let base_url = check_base_url(raw.base_url, text, shown, overrides);
    let session_start = check_session_start(&raw.facilitator.session_start, text, shown);
    let (theme_name, brand) = match brand::parse(raw.theme, text, shown) {
        Ok((name, brand)) => match check_theme(&name, text, shown) {
            Ok(()) => (Ok(name), brand),
            Err(e) => (Err(vec![e]), brand),
        },
        Err(errors) => (Err(errors), Brand::default()),
    };
    let tags = check_language_tags(&raw.languages, &raw.language, text, shown);
    let (title, base_url, session_start_minutes, theme) =
        match (title, base_url, session_start, theme_name) {
            (Ok(title), Ok(base_url), Ok(minutes), Ok(theme)) if tags.is_empty() => {
                (title, base_url, minutes, theme)
            }
            (title, base_url, session_start, theme) => {
                let errors = [title.err(), base_url.err(), session_start.err()];
                let theme = theme.err().unwrap_or_default();
                return Err(errors
                    .into_iter()
                    .flatten()
                    .chain(theme)
                    .chain(tags)
                    .collect());
            }
        };
    let output_dir = overrides
        .output_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(&raw.output_dir));
    let mut print = raw.print;
    print.pdf |= overrides.pdf;
    Ok(SiteConfig {
        description: raw.description,
        base_url,
        language: raw.language,
        author: raw.author,
        theme,
        brand,
        output_dir,
        print,
        packet: raw.packet,
        facilitator: raw.facilitator,
        compat: raw.compat,
        contact: raw.contact,
        workbench: None,
        session_start_minutes,
        strings: raw.strings,
        languages: raw.languages.clone(),
        course_id: crate::text::slugify(&title),
        edition: String::new(),
        language_lines: raw
            .languages
            .keys()
            .map(|t| (t.clone(), language_line(text, t)))
            .collect(),
        title,
    })
}

/// 1-based line of `[languages.<tag>]` (or of a `<tag> =` inline table), or 1.
fn language_line(text: &str, tag: &str) -> usize {
    let header = format!("[languages.{tag}]");
    let quoted = format!("[languages.\"{tag}\"]");
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with(&header) || l.starts_with(&quoted)
        })
        .map_or_else(|| key_line(text, "[languages"), |i| i + 1)
}

impl SiteConfig {
    /// The Workbench lesson whose folders hold the pages, when the course is laid
    /// out as one (it has a `config.yaml` and no `content/`).
    pub fn workbench_layout(&self) -> Option<&crate::content::workbench::Workbench> {
        self.workbench.as_ref().filter(|w| w.layout)
    }

    /// How this build reads front matter.
    pub fn compat(&self) -> crate::content::Compat {
        let default = if self.workbench.is_some() {
            FrontMatterMode::Warn
        } else {
            FrontMatterMode::Strict
        };
        crate::content::Compat {
            mode: self.compat.front_matter.unwrap_or(default),
            workbench: self.workbench.is_some(),
        }
    }
}

/// 1-based line of the first line of `text` that starts with `key`, or 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

/// The course title, which must be present and not blank.
fn check_title(title: Option<String>, shown: &Path) -> Result<String, Diagnostic> {
    match title {
        Some(t) if !t.trim().is_empty() => Ok(t),
        _ => Err(Diagnostic::error(shown, "missing `title`")
            .at(1, 1)
            .help("add a line such as `title = \"My course\"`")),
    }
}

/// `base_url` (or `--base-url`), trimmed and ending in `/`; empty stays empty.
fn check_base_url(
    base_url: String,
    text: &str,
    shown: &Path,
    overrides: &Overrides,
) -> Result<String, Diagnostic> {
    let base_url = overrides.base_url.clone().unwrap_or(base_url);
    let base_url = base_url.trim().to_string();
    if base_url.is_empty() {
        Ok(base_url)
    } else if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        let d = Diagnostic::error(
            shown,
            format!("`base_url` must be an absolute http(s) URL, found `{base_url}`"),
        )
        .help("for example `base_url = \"https://org.github.io/course/\"`");
        Err(if overrides.base_url.is_some() {
            Diagnostic {
                path: "--base-url".into(),
                ..d
            }
        } else {
            d.at(key_line(text, "base_url"), 1)
        })
    } else if base_url.ends_with('/') {
        Ok(base_url)
    } else {
        Ok(format!("{base_url}/"))
    }
}

/// `facilitator.session_start` as minutes after midnight.
fn check_session_start(session_start: &str, text: &str, shown: &Path) -> Result<u32, Diagnostic> {
    parse_clock(session_start).ok_or_else(|| {
        Diagnostic::error(
            shown,
            format!("`session_start` must be a time like \"18:30\", found `{session_start}`"),
        )
        .at(key_line(text, "session_start"), 1)
    })
}

/// Each `[languages.<tag>]` names a folder at the top of the site: a plain tag,
/// not the course's own `language`.
fn check_language_tags(
    languages: &BTreeMap<String, LanguageConfig>,
    language: &str,
    text: &str,
    shown: &Path,
) -> Vec<Diagnostic> {
    languages
        .keys()
        .filter_map(|tag| {
            let problem = if tag.is_empty()
                || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                format!("`{tag}` is not a language tag")
            } else if tag.eq_ignore_ascii_case(language) {
                format!("`{tag}` is the course's own `language`")
            } else {
                return None;
            };
            Some(
                Diagnostic::error(shown, format!("[languages.{tag}]: {problem}"))
                    .at(language_line(text, tag), 1)
                    .help("list translations by language tag, such as `[languages.es]`, `[languages.pt-BR]` or `[languages.zh-Hans]`"),
            )
        })
        .collect()
}

/// `theme` must be a plain folder name under `themes/`.
fn check_theme(theme: &str, text: &str, shown: &Path) -> Result<(), Diagnostic> {
    if theme.contains(['/', '\\']) || theme.starts_with('.') {
        return Err(Diagnostic::error(
            shown,
            format!("`theme` must be a folder name under themes/, found `{theme}`"),
        )
        .at(key_line(text, "theme"), 1));
    }
    Ok(())
}

/// `HH:MM` to minutes after midnight.
pub fn parse_clock(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        parse(s, Path::new("site.toml"), &Overrides::default())
    }

    #[test]
    fn defaults_and_trailing_slash() {
        let c = parse_str("title = \"T\"\nbase_url = \"https://x.org/c\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/c/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.print.page_size, PageSize::A4);
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let errs = parse_str("title = \"T\"\n\n[print]\npage_sise = \"A4\"\n").unwrap_err();
        let s = errs[0].to_string();
        assert!(
            s.starts_with("site.toml:4:1: error: unknown field `page_sise`"),
            "{s}"
        );
        assert!(s.contains("did you mean `page_size`?"), "{s}");
    }

    #[test]
    fn letter_and_override() {
        let o = Overrides {
            base_url: Some("https://o.example/".into()),
            ..Default::default()
        };
        let c = parse(
            "title = \"T\"\n[print]\npage_size = \"Letter\"\n",
            Path::new("site.toml"),
            &o,
        )
        .unwrap();
        assert_eq!(c.print.page_size, PageSize::Letter);
        assert_eq!(c.base_url, "https://o.example/");
    }

    #[test]
    fn relative_base_url_is_rejected() {
        let errs = parse_str("title = \"T\"\nbase_url = \"/course\"\n").unwrap_err();
        assert!(errs[0]
            .to_string()
            .starts_with("site.toml:2:1: error: `base_url` must be"));
    }

    #[test]
    fn language_tags_are_checked_at_their_line() {
        let errs =
            parse_str("title = \"T\"\n\n[languages.en]\ntitle = \"E\"\n[languages.\"a b\"]\n")
                .unwrap_err();
        let mut s: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        s.sort();
        assert!(
            s[0].starts_with(
                "site.toml:3:1: error: [languages.en]: `en` is the course's own `language`"
            ),
            "{s:?}"
        );
        assert!(
            s[1].starts_with("site.toml:5:1: error: [languages.a b]: `a b` is not a language tag"),
            "{s:?}"
        );
        let c = parse_str(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[languages.es]\ntitle = \"E\"\n",
        )
        .unwrap();
        let es = c.for_language("es");
        assert_eq!(
            (es.title.as_str(), es.base_url.as_str(), es.edition.as_str()),
            ("E", "https://x.org/es/", "es")
        );
        assert_eq!(es.course_id, "t");
        assert_eq!(c.language_lines["es"], 3);
    }

    #[test]
    fn theme_is_a_folder_name_or_a_table() {
        assert_eq!(
            parse_str("title = \"T\"\ntheme = \"mine\"\n")
                .unwrap()
                .theme,
            "mine"
        );
        let c = parse_str("title = \"T\"\n[theme]\nname = \"mine\"\naccent = \"#036\"\n").unwrap();
        assert_eq!(c.theme, "mine");
        assert_eq!(c.brand.accent.unwrap().light, "#003366");
        let c = parse_str("title = \"T\"\n[theme]\nfont = \"serif\"\n").unwrap();
        assert_eq!(
            (c.theme.as_str(), c.brand.font.is_some()),
            ("default", true)
        );
    }

    #[test]
    fn bad_theme_values_are_errors_at_their_line() {
        let errs = parse_str(
            "title = \"T\"\n[theme]\nedit_url = \"https://x.org/edit\"\nfont = \"serf\"\nlogo = \"../logo.svg\"\n",
        )
        .unwrap_err();
        let mut s: Vec<String> = errs.iter().map(ToString::to_string).collect();
        s.sort();
        assert!(
            s[0].starts_with("site.toml:3:12: error: [theme] `edit_url` has no `{path}`"),
            "{s:?}"
        );
        assert!(
            s[1].starts_with("site.toml:4:8: error: [theme] unknown `font` `serf`"),
            "{s:?}"
        );
        assert!(s[1].contains("did you mean `serif`?"), "{s:?}");
        assert!(s[2].starts_with("site.toml:5:8: error: [theme] `logo` must name a file in the course's static/ folder"), "{s:?}");
    }

    #[test]
    fn clock() {
        assert_eq!(parse_clock("18:30"), Some(1110));
        assert_eq!(parse_clock("25:00"), None);
    }
}
