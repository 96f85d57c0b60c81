//! `[theme]` in site.toml: a course's colours, logo, favicon, font, extra links,
//! footer, stylesheet and "edit this page" address in, a validated [`Brand`] out.
//!
//! Every value keeps its position in site.toml (`toml::Spanned`), so a bad colour
//! or a missing file is an error at its line. The accent colours are checked for
//! contrast against the theme's backgrounds, light and dark, here, once.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::colour::{self, Colour, TEXT_CONTRAST};
use crate::diag::Diagnostic;
use crate::text::line_col;

/// `theme = "name"`, or a `[theme]` table (whose `name` is the theme folder).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum ThemeField {
    Name(String),
    Table(serde::de::IgnoredAny),
}

impl Default for ThemeField {
    fn default() -> Self {
        ThemeField::Name("default".into())
    }
}

/// The `[theme]` table, read a second time from the whole file so that its
/// values keep their positions (see [`parse`]).
#[derive(Debug, Deserialize)]
struct ThemeDoc {
    #[serde(default)]
    theme: RawBrand,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawBrand {
    name: Option<String>,
    accent: Option<Spanned<String>>,
    accent2: Option<Spanned<String>>,
    accent_dark: Option<Spanned<String>>,
    accent2_dark: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
    logo_dark: Option<Spanned<String>>,
    favicon: Option<Spanned<String>>,
    font: Option<Spanned<String>>,
    css: Option<Spanned<String>>,
    nav: Vec<Link>,
    footer: Footer,
    edit_url: Option<Spanned<String>>,
}

/// A link of `nav` or `footer.links`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub text: String,
    pub url: String,
    /// The URL is used as written (it has a scheme, or starts with `/` or `#`);
    /// otherwise it is a site path, written relative to each page.
    #[serde(skip_deserializing)]
    pub absolute: bool,
}

impl Link {
    fn resolved(mut self) -> Link {
        self.absolute = self.url.contains(':') || self.url.starts_with(['/', '#']);
        self
    }
}

/// `[theme.footer]`: a line of text and links (licence, contact, privacy).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Footer {
    pub text: String,
    pub links: Vec<Link>,
}

/// One colour in light and dark mode, each with the text colour a button filled
/// with it carries.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ModeColours {
    pub light: String,
    pub dark: String,
    pub on_light: String,
    pub on_dark: String,
}

/// A file of the course's `static/` folder named in `[theme]`, at its site path.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StaticRef {
    /// Site path, such as `static/logo.svg`.
    pub path: String,
    #[serde(skip)]
    line: usize,
}

/// The font of `font`: one of [`FONTS`], or a file of `static/`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FontFace {
    pub file: StaticRef,
    /// `woff2`, `woff`, `truetype` or `opentype`, for `@font-face`'s `format()`.
    pub format: &'static str,
}

/// The named font stacks `font` may choose.
pub const FONTS: &[(&str, &str)] = &[
    (
        "system",
        "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif",
    ),
    (
        "serif",
        "\"Iowan Old Style\", \"Palatino Linotype\", Georgia, \"DejaVu Serif\", serif",
    ),
    (
        "humanist",
        "Seravek, \"Gill Sans Nova\", Ubuntu, Calibri, \"DejaVu Sans\", sans-serif",
    ),
    (
        "rounded",
        "ui-rounded, \"Hiragino Maru Gothic ProN\", Quicksand, Comfortaa, \"Arial Rounded MT\", Calibri, sans-serif",
    ),
];

/// The family name a font file is declared under.
pub const FONT_FILE_FAMILY: &str = "Course font";

/// The validated `[theme]`: what templates show (`site.brand`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Brand {
    /// `accent`: headings' small labels, primary buttons, the top of sheets.
    pub accent: Option<ModeColours>,
    /// `accent2`: links, progress, checked fields.
    pub accent2: Option<ModeColours>,
    pub logo: Option<StaticRef>,
    pub logo_dark: Option<StaticRef>,
    pub favicon: Option<StaticRef>,
    /// The font stack of `font` (a file's family first), or `None` for the theme's.
    pub font: Option<String>,
    pub font_face: Option<FontFace>,
    pub css: Option<StaticRef>,
    pub nav: Vec<Link>,
    pub footer: Footer,
    /// `edit_url`, with `{path}` for a lesson's source path.
    #[serde(skip)]
    pub edit_url: Option<String>,
    /// Contrast warnings, reported with the build's.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// The theme folder name and the brand of `theme`. A table is read again from
/// `text` for positions; `Err` lists every bad value.
pub(super) fn parse(
    field: ThemeField,
    text: &str,
    shown: &Path,
) -> Result<(String, Brand), Vec<Diagnostic>> {
    if let ThemeField::Name(name) = field {
        return Ok((name, Brand::default()));
    }
    let raw = toml::from_str::<ThemeDoc>(text)
        .map_err(|e| vec![crate::diag::adapt::from_toml(&e, text, shown, 0)])?
        .theme;
    let mut errors = Vec::new();
    let mut colour = |v: &Option<Spanned<String>>, key: &str| -> Option<Colour> {
        parse_colour(v.as_ref()?, key, text, shown)
            .map_err(|e| errors.push(e))
            .ok()
    };
    let accent = colour(&raw.accent, "accent");
    let accent2 = colour(&raw.accent2, "accent2");
    let accent_dark = colour(&raw.accent_dark, "accent_dark");
    let accent2_dark = colour(&raw.accent2_dark, "accent2_dark");
    let files = StaticFiles::check(&raw, text, shown);
    let mut footer = raw.footer;
    footer.links = footer.links.into_iter().map(Link::resolved).collect();
    let mut brand = Brand {
        nav: raw.nav.into_iter().map(Link::resolved).collect(),
        footer,
        ..Brand::default()
    };
    errors.extend(files.errors);
    brand.logo = files.logo;
    brand.logo_dark = files.logo_dark;
    brand.favicon = files.favicon;
    brand.css = files.css;
    brand.font = files.font;
    brand.font_face = files.font_face;
    match raw
        .edit_url
        .as_ref()
        .map(|e| check_edit_url(e, text, shown))
    {
        Some(Ok(url)) => brand.edit_url = Some(url),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let lines =
        |v: &Option<Spanned<String>>| v.as_ref().map_or(1, |v| line_col(text, v.span().start).0);
    let mut warnings = Vec::new();
    brand.accent = accent.map(|c| {
        let keys = [
            ("accent", lines(&raw.accent)),
            ("accent_dark", lines(&raw.accent_dark)),
        ];
        mode_colours(c, accent_dark, keys, shown, &mut warnings)
    });
    brand.accent2 = accent2.map(|c| {
        let keys = [
            ("accent2", lines(&raw.accent2)),
            ("accent2_dark", lines(&raw.accent2_dark)),
        ];
        mode_colours(c, accent2_dark, keys, shown, &mut warnings)
    });
    brand.warnings = warnings;
    Ok((raw.name.unwrap_or_else(|| "default".into()), brand))
}

/// A `[theme]` colour, or an error at its position.
fn parse_colour(
    v: &Spanned<String>,
    key: &str,
    text: &str,
    shown: &Path,
) -> Result<Colour, Diagnostic> {
    Colour::parse(v.get_ref()).ok_or_else(|| {
        let (line, col) = line_col(text, v.span().start);
        Diagnostic::error(
            shown,
            format!(
                "[theme] `{key}` must be a colour like \"#1d6658\", found `{}`",
                v.get_ref()
            ),
        )
        .at(line, col)
        .help("write the colour in hex: `#` and 3 or 6 digits")
    })
}

/// `edit_url`, which must hold `{path}`.
fn check_edit_url(e: &Spanned<String>, text: &str, shown: &Path) -> Result<String, Diagnostic> {
    if e.get_ref().contains("{path}") {
        return Ok(e.get_ref().clone());
    }
    let (line, col) = line_col(text, e.span().start);
    Err(
        Diagnostic::error(shown, "[theme] `edit_url` has no `{path}`")
            .at(line, col)
            .help("for example `edit_url = \"https://github.com/org/course/edit/main/{path}\"`"),
    )
}

/// A colour in both modes. Without its own dark value, dark mode takes the light
/// one, or the nearest colour of its hue that reads on the dark background.
fn mode_colours(
    light: Colour,
    dark: Option<Colour>,
    [(key, line), (dark_key, dark_line)]: [(&str, usize); 2],
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> ModeColours {
    warnings.extend(contrast_warning(
        light,
        colour::BACKGROUND_LIGHT,
        key,
        "light",
        shown,
        line,
    ));
    let dark = match dark {
        Some(d) => {
            warnings.extend(contrast_warning(
                d,
                colour::BACKGROUND_DARK,
                dark_key,
                "dark",
                shown,
                dark_line,
            ));
            d
        }
        None => light.nearest_passing(colour::BACKGROUND_DARK, TEXT_CONTRAST),
    };
    ModeColours {
        light: light.hex(),
        dark: dark.hex(),
        on_light: light.text_on().hex(),
        on_dark: dark.text_on().hex(),
    }
}

/// A warning when `c` reads poorly as text on `bg`, with the ratio and the
/// nearest colour of the same hue that passes.
fn contrast_warning(
    c: Colour,
    bg: Colour,
    key: &str,
    mode: &str,
    shown: &Path,
    line: usize,
) -> Option<Diagnostic> {
    let ratio = c.contrast(bg);
    if ratio >= TEXT_CONTRAST {
        return None;
    }
    let fix = c.nearest_passing(bg, TEXT_CONTRAST);
    Some(
        Diagnostic::warning(
            shown,
            format!(
                "[theme] `{key}` {} has a contrast of {ratio:.2}:1 against the {mode} background {}; text needs {TEXT_CONTRAST}:1",
                c.hex(),
                bg.hex()
            ),
        )
        .at(line, 1)
        .help(format!(
            "the nearest colour of the same hue that passes is {} ({:.2}:1): `{key} = \"{}\"`",
            fix.hex(),
            fix.contrast(bg),
            fix.hex()
        )),
    )
}

/// The `[theme]` values that name files of `static/`, checked for their form.
/// Whether each file is there is checked by [`Brand::check_files`].
struct StaticFiles {
    logo: Option<StaticRef>,
    logo_dark: Option<StaticRef>,
    favicon: Option<StaticRef>,
    css: Option<StaticRef>,
    font: Option<String>,
    font_face: Option<FontFace>,
    errors: Vec<Diagnostic>,
}

impl StaticFiles {
    fn check(raw: &RawBrand, text: &str, shown: &Path) -> StaticFiles {
        let mut errors = Vec::new();
        let mut file = |v: &Option<Spanned<String>>, key: &str| -> Option<StaticRef> {
            let v = v.as_ref()?;
            let (line, col) = line_col(text, v.span().start);
            let path = v
                .get_ref()
                .trim()
                .trim_start_matches("./")
                .replace('\\', "/");
            let inside =
                path.starts_with("static/") && !path.split('/').any(|p| p == ".." || p.is_empty());
            if inside {
                return Some(StaticRef { path, line });
            }
            errors.push(
                Diagnostic::error(
                    shown,
                    format!("[theme] `{key}` must name a file in the course's static/ folder, found `{}`", v.get_ref()),
                )
                .at(line, col)
                .help(format!("put the file in static/ and write `{key} = \"static/…\"`")),
            );
            None
        };
        let logo = file(&raw.logo, "logo");
        let logo_dark = file(&raw.logo_dark, "logo_dark");
        let favicon = file(&raw.favicon, "favicon");
        let css = file(&raw.css, "css");
        let (font, font_face) = match &raw.font {
            Some(v) if FONTS.iter().any(|(n, _)| n == v.get_ref()) => {
                let stack = FONTS
                    .iter()
                    .find(|(n, _)| n == v.get_ref())
                    .map(|(_, s)| *s);
                (stack.map(str::to_string), None)
            }
            Some(v) => match font_format(v.get_ref()) {
                Some(format) => match file(&raw.font, "font") {
                    Some(f) => (
                        Some(format!("\"{FONT_FILE_FAMILY}\", {}", FONTS[0].1)),
                        Some(FontFace { file: f, format }),
                    ),
                    None => (None, None),
                },
                None => {
                    let names: Vec<&str> = FONTS.iter().map(|(n, _)| *n).collect();
                    let (line, col) = line_col(text, v.span().start);
                    let near = crate::diag::nearest(v.get_ref(), &names)
                        .map_or(String::new(), |n| format!("did you mean `{n}`? "));
                    errors.push(
                        Diagnostic::error(shown, format!("[theme] unknown `font` `{}`", v.get_ref()))
                            .at(line, col)
                            .help(format!(
                                "{near}name one of {}, or a .woff2, .woff, .ttf or .otf file in static/",
                                names.join(", ")
                            )),
                    );
                    (None, None)
                }
            },
            None => (None, None),
        };
        StaticFiles {
            logo,
            logo_dark,
            favicon,
            css,
            font,
            font_face,
            errors,
        }
    }
}

/// `@font-face`'s `format()` for a font file's name.
fn font_format(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "woff2" => "woff2",
        "woff" => "woff",
        "ttf" => "truetype",
        "otf" => "opentype",
        _ => return None,
    })
}

impl Brand {
    /// Every file `[theme]` names is in the course folder at `root`.
    pub fn check_files(&self, root: &Path, shown: &Path) -> Vec<Diagnostic> {
        let font = self.font_face.as_ref().map(|f| ("font", &f.file));
        [
            ("logo", self.logo.as_ref()),
            ("logo_dark", self.logo_dark.as_ref()),
            ("favicon", self.favicon.as_ref()),
            ("css", self.css.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, f)| f.map(|f| (k, f)))
        .chain(font)
        .filter(|(_, f)| !root.join(&f.path).is_file())
        .map(|(key, f)| {
            Diagnostic::error(shown, format!("[theme] `{key}`: no file {}", f.path))
                .at(f.line, 1)
                .help("the path is relative to the course folder, such as `static/logo.svg`")
        })
        .collect()
    }

    /// The address of `edit_url` for a source at `path` (relative to the course
    /// folder), or `None` without `edit_url`.
    pub fn edit_link(&self, path: &Path) -> Option<String> {
        let path = path.to_string_lossy().replace('\\', "/");
        self.edit_url.as_ref().map(|u| u.replace("{path}", &path))
    }
}
